"""The dashboard's summaries on PostgreSQL (`models.ApplicationDay`, `models.LicenceDay`), kept by triggers.

Triggers rather than the services: every write to `licenses_application` and `licenses_licence` changes its summary in
the same transaction, whichever code makes it (`application_transition`, `licence_record`, a renewal, the admin, the
demo and scale loaders, a bulk update in a shell), so the counts cannot drift. A row leaves the counts it was in and
joins those it is in now; a summary row whose count falls to zero stays. The applications' day is the local day of
first submission in `settings.TIME_ZONE` as it was when the triggers were installed: after changing the time zone,
run `manage.py dashboard_summaries_rebuild`.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum

from dashboard.models import ApplicationDay
from licenses.models import Application, Status

TRIGGERS = """
CREATE OR REPLACE FUNCTION dashboard_application_day_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.submitted_at IS NOT NULL AND OLD.status <> 'draft' THEN
        UPDATE dashboard_applicationday SET count = count - 1
        WHERE day = (OLD.submitted_at AT TIME ZONE {zone})::date AND package_id = OLD.package_id
            AND status = OLD.status;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.submitted_at IS NOT NULL AND NEW.status <> 'draft' THEN
        INSERT INTO dashboard_applicationday (day, package_id, status, count)
        VALUES ((NEW.submitted_at AT TIME ZONE {zone})::date, NEW.package_id, NEW.status, 1)
        ON CONFLICT (day, package_id, status) DO UPDATE SET count = dashboard_applicationday.count + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION dashboard_licence_day_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE dashboard_licenceday SET issued = issued - 1
        WHERE day = OLD.issued_on AND package_id = OLD.package_id;
        UPDATE dashboard_licenceday SET expiring = expiring - 1
        WHERE day = OLD.expires_on AND package_id = OLD.package_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO dashboard_licenceday (day, package_id, issued, expiring)
        VALUES (NEW.issued_on, NEW.package_id, 1, 0)
        ON CONFLICT (day, package_id) DO UPDATE SET issued = dashboard_licenceday.issued + 1;
        INSERT INTO dashboard_licenceday (day, package_id, issued, expiring)
        VALUES (NEW.expires_on, NEW.package_id, 0, 1)
        ON CONFLICT (day, package_id) DO UPDATE SET expiring = dashboard_licenceday.expiring + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION dashboard_summary_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DELETE FROM %I', TG_ARGV[0]);
    RETURN NULL;
END
$$;
"""

# For each summary: the table it summarises, the name of its triggers and function, the columns whose change moves a
# row, and the summary's table.
SUMMARIES = [
    (
        "licenses_application",
        "dashboard_application_day",
        "submitted_at, status, package_id",
        "dashboard_applicationday",
    ),
    ("licenses_licence", "dashboard_licence_day", "issued_on, expires_on, package_id", "dashboard_licenceday"),
]

TABLE_TRIGGERS = """
DROP TRIGGER IF EXISTS {name}_insert_delete ON {table};
CREATE TRIGGER {name}_insert_delete AFTER INSERT OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}_count();
DROP TRIGGER IF EXISTS {name}_update ON {table};
CREATE TRIGGER {name}_update AFTER UPDATE OF {columns} ON {table} FOR EACH ROW
    WHEN ({changed}) EXECUTE FUNCTION {name}_count();
DROP TRIGGER IF EXISTS {name}_truncate ON {table};
CREATE TRIGGER {name}_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard_summary_clear('{summary}');
"""

REFILL = """
DELETE FROM dashboard_applicationday;
INSERT INTO dashboard_applicationday (day, package_id, status, count)
SELECT (submitted_at AT TIME ZONE %(zone)s)::date, package_id, status, COUNT(*)
FROM licenses_application WHERE submitted_at IS NOT NULL AND status <> 'draft'
GROUP BY 1, 2, 3;
DELETE FROM dashboard_licenceday;
INSERT INTO dashboard_licenceday (day, package_id, issued, expiring)
SELECT day, package_id, SUM(issued), SUM(expiring) FROM (
    SELECT issued_on AS day, package_id, 1 AS issued, 0 AS expiring FROM licenses_licence
    UNION ALL SELECT expires_on, package_id, 0, 1 FROM licenses_licence
) AS days
GROUP BY 1, 2;
"""


def summaries_kept() -> bool:
    """Whether the database keeps the dashboard's summaries (PostgreSQL); elsewhere the dashboard reads the rows."""
    return connection.vendor == "postgresql"


def application_list_total() -> int | None:
    """How many applications the admin's application list holds when nothing filters it (every one but the drafts),
    read from the summary instead of counted row by row; None where no summary is kept. An application out of draft
    with no first submission would not be in the summary (none is, but no constraint forbids it): those are counted
    (an index-only read of the rows without one, the drafts)."""
    if not summaries_kept():
        return None
    summed = ApplicationDay.objects.aggregate(total=Sum("count"))["total"] or 0
    return summed + Application.objects.exclude(status=Status.DRAFT).filter(submitted_at__isnull=True).count()


def _triggers_sql() -> str:
    # A trigger's body is not a statement with parameters: the time zone is written in as a literal.
    statements = [TRIGGERS.format(zone="'" + settings.TIME_ZONE.replace("'", "''") + "'")]
    for table, name, columns, summary in SUMMARIES:
        changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns.split(", "))
        statements.append(
            TABLE_TRIGGERS.format(table=table, name=name, columns=columns, changed=changed, summary=summary)
        )
    return "".join(statements)


def summaries_rebuild() -> dict[str, int]:
    """(Re)install the triggers for the current time zone and recount the summaries from the applications and the
    licences, which wait meanwhile (reads go on); the number of rows of each summary. Nothing on other databases."""
    if not summaries_kept():
        return {}
    with transaction.atomic(), connection.cursor() as cursor:
        for table, *_rest in SUMMARIES:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(_triggers_sql())
        cursor.execute(REFILL, {"zone": settings.TIME_ZONE})
        rows = {}
        for *_rest, summary in SUMMARIES:
            cursor.execute(f"SELECT COUNT(*) FROM {summary}")
            rows[summary] = cursor.fetchone()[0]
        return rows


def summaries_uninstall() -> None:
    """Remove the triggers and their functions (the migration's reverse)."""
    if not summaries_kept():
        return
    with connection.cursor() as cursor:
        for table, name, *_rest in SUMMARIES:
            for event in ("insert_delete", "update", "truncate"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {name}_count()")
        cursor.execute("DROP FUNCTION IF EXISTS dashboard_summary_clear()")
