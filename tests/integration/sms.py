"""SMS backends for tests with a real worker: messages go to files the test process can read."""

import os
import time
import uuid
from pathlib import Path


class FileSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        folder = Path(os.environ["SMS_FILE_DIR"])
        (folder / f"{uuid.uuid4().hex}.sms").write_text(f"{to}\n{text}", encoding="utf-8")


class StallingOnceSmsBackend(FileSmsBackend):
    """The first message ever hangs (the worker is killed meanwhile); later ones go through."""

    def send(self, *, to: str, text: str) -> None:
        marker = Path(os.environ["SMS_FILE_DIR"]) / "stalled.marker"
        if not marker.exists():
            marker.write_text("stalled")
            time.sleep(120)
        super().send(to=to, text=text)
