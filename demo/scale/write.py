"""The scale set in the database: finding and deleting a previous one, writing rows fast (COPY on PostgreSQL) with
the timestamps they were planned with, and refreshing the planner's statistics after."""

import io
import json
from collections import Counter
from contextlib import contextmanager

from django.db import connection
from django.db.models import Q

from demo.scale.plan import SCALE_EMAIL_DOMAIN, SCALE_STAFF_EMAIL_DOMAIN
from families.models import FamilyProfile, HouseholdMember, User
from licenses.models import Application, ApplicationDocument, ApplicationEvent, FeeAssessment, Licence
from showcase.models import Entry, Event, Photo, Version

# Rows per INSERT where COPY is not used.
BATCH_SIZE = 2000


@contextmanager
def timestamps_as_given(*models):
    """bulk_create stamps auto_now and auto_now_add fields with the present; the scale set has a past to keep.

    The fields are switched off for the duration of the load, in this process only, and always switched back.
    """
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(model_field, model_field.auto_now, model_field.auto_now_add) for model_field in fields]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def scale_families() -> Q:
    return Q(user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")


def scale_applications():
    return Application.objects.filter(family__user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")


def scale_users():
    return User.objects.filter(
        Q(email__endswith=f"@{SCALE_EMAIL_DOMAIN}") | Q(email__endswith=f"@{SCALE_STAFF_EMAIL_DOMAIN}")
    )


def _delete_rows(queryset) -> int:
    """DELETE … WHERE pk IN (the queryset) in one statement: no rows fetched, no signals (the scale families'
    profiles must not each write a "deleted" history row). The caller deletes what points at them first; foreign
    keys are checked at commit."""
    model = queryset.model
    subquery, params = queryset.values("pk").query.sql_with_params()
    table, column = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT * FROM ({subquery}) AS scale)", params)
        return cursor.rowcount


def scale_data_delete() -> Counter:
    """Delete the scale set, children first, each table in one statement. Returns the rows deleted per model."""
    deleted = Counter()
    applications = scale_applications()
    licences = Licence.objects.filter(family__user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")
    profiles = FamilyProfile.objects.filter(scale_families())
    entries = Entry.objects.filter(licence__in=licences)
    for queryset in (
        Version.photos.through.objects.filter(version__entry__in=entries),
        Version.activities.through.objects.filter(version__entry__in=entries),
        Event.objects.filter(entry__in=entries),
        Photo.objects.filter(entry__in=entries),
        Version.objects.filter(entry__in=entries),
        Entry.history.model.objects.filter(licence_id__in=licences.values("pk")),
        entries,
        FeeAssessment.objects.filter(application__in=applications),
        ApplicationDocument.objects.filter(application__in=applications),
        ApplicationEvent.objects.filter(application__in=applications),
        Application.activities.through.objects.filter(application__in=applications),
        Licence.activities.through.objects.filter(licence__in=licences),
        licences,
        applications,
        FamilyProfile.history.model.objects.filter(id__in=profiles.values("pk")),
        HouseholdMember.history.model.objects.filter(profile_id__in=profiles.values("pk")),
        HouseholdMember.objects.filter(profile__in=profiles),
        profiles,
    ):
        deleted[queryset.model._meta.label] += _delete_rows(queryset)
    # What is left points at the accounts only (their groups, admin log, notifications and their deliveries): few
    # rows, left to Django's own delete, which also refuses if anything else still needs one of these accounts.
    _total, per_model = scale_users().delete()
    deleted.update(per_model)
    return deleted


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """A value in PostgreSQL's COPY text format: only text (and JSON) can hold the characters it escapes."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(COPY_ESCAPES)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(COPY_ESCAPES)
    return str(value)


class RowWriter:
    """Inserts rows, dicts of field attnames to values, one model at a time, and counts them.

    On PostgreSQL with COPY: 100,000 applications (1.7 million rows) load in 75 s rather than the 150 s of
    bulk_create's INSERTs, most of whose cost is Django compiling the statements. Elsewhere (SQLite, in tests) with
    bulk_create. Fields a row leaves out get their default; an automatic primary key, the next of its sequence.
    """

    def __init__(self):
        self.copy = connection.vendor == "postgresql"
        self.written = Counter()

    def __call__(self, model, rows: list[dict]) -> None:
        self.written[model._meta.label] += len(rows)
        if not rows:
            return
        if not self.copy:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH_SIZE)
            return
        fields = [f for f in model._meta.concrete_fields if f.attname in rows[0] or not f.primary_key]
        defaults = {f.attname: f.get_default() for f in fields}
        names = [f.attname for f in fields]
        buffer = io.StringIO()
        for row in rows:
            values = {**defaults, **row}
            buffer.write("\t".join([_copy_text(values[name]) for name in names]))
            buffer.write("\n")
        buffer.seek(0)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN", buffer)


def statistics_refresh() -> str:
    """On PostgreSQL, do at once what autovacuum would do some time after so many new rows: gather the planner's
    statistics, and set the visibility map that lets a count read an index alone. VACUUM cannot run inside a
    transaction (a test's): there, statistics only. Returns the statement run."""
    models = [User, FamilyProfile, Application, ApplicationDocument, ApplicationEvent, FeeAssessment, Licence]
    models += [Entry, Version, Photo]
    tables = [model._meta.db_table for model in models]
    tables += [Application.activities.through._meta.db_table, Licence.activities.through._meta.db_table]
    tables += [Version.activities.through._meta.db_table, Version.photos.through._meta.db_table]
    statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} {', '.join(connection.ops.quote_name(table) for table in tables)}")
    return statement
