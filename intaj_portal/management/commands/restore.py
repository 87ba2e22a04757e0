from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intaj_portal.backups import BackupError, restore_read


class Command(BaseCommand):
    help = "Restore a backup archive (manage.py backup) into an empty database and empty storages."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the archive written by manage.py backup")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file")
        try:
            manifest = restore_read(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = sum(len(listed) for listed in manifest["storages"].values())
        self.stdout.write(f"Restored the backup of {manifest['created_at']}: the database and {files} files")
