"""The portal served by gunicorn, in processes of its own, for the tests of what only a real server shows."""

import subprocess
import sys

import requests

from tests.integration.conftest import ROOT, free_port


def healthy(address: str) -> bool:
    try:
        return requests.get(address + "/healthz", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def gunicorn_start(env: dict[str, str], *, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """gunicorn with `workers` sync workers on a free loopback port, its settings the repository's
    `gunicorn.conf.py`; returns the process (the leader of a session of its own: kill its group) and its address,
    at once: wait for `healthy(address)`."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "intaj_portal.wsgi",
            "--config",
            "gunicorn.conf.py",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return server, f"http://127.0.0.1:{port}"
