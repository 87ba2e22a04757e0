from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intaj_portal.backups import BackupError, backup_write


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the documents (from the configured storage) into one tar archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the archive to write, e.g. intaj-2026-11-29.tar")

    def handle(self, *args, archive: Path, **options):
        if archive.exists():
            raise CommandError(f"{archive} exists already: a backup never overwrites one")
        partial = archive.with_name(archive.name + ".partial")
        try:
            manifest = backup_write(partial)
        except BackupError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(str(error)) from None
        partial.rename(archive)
        files = sum(len(listed) for listed in manifest["storages"].values())
        self.stdout.write(f"Backed up the database {manifest['database']} and {files} files to {archive}")
