from django.core.management.base import BaseCommand

from dashboard.summaries import summaries_kept, summaries_rebuild


class Command(BaseCommand):
    help = (
        "Reinstall the triggers that keep the dashboard's summaries of the applications and licences (PostgreSQL) for "
        "the current TIME_ZONE and recount them, while writes to those tables wait; run it after changing TIME_ZONE."
    )

    def handle(self, *args, **options):
        if not summaries_kept():
            self.stdout.write("Nothing to do: this database keeps no summaries (the dashboard reads the rows).")
            return
        rows = summaries_rebuild()
        counts = ", ".join(f"{table} {count} rows" for table, count in rows.items())
        self.stdout.write(f"Dashboard summaries rebuilt: {counts}.")
