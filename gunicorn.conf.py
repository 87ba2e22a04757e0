"""gunicorn's settings for the portal, read from the working directory (or `gunicorn -c gunicorn.conf.py`).

With PROMETHEUS_MULTIPROC_DIR set, each worker writes its request latencies to files in that directory and a scrape
adds every worker's up (intaj_portal/metrics.py). The files must start empty, or a restarted server would count the
last run's requests again; a worker that exits leaves its counts, which stay in the sums, and is marked dead so
that its files are no longer taken for a live process's. Without the variable these hooks do nothing.
"""

import os
from pathlib import Path


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        for leftover in Path(directory).glob("*.db"):
            leftover.unlink()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
