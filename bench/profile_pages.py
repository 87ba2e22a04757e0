"""Where a page's time goes on the national-scale data set: template rendering, the ORM, or SQL (pyinstrument).

Uses the benchmark's database and data (loaded by `make bench`) and its signed-in sessions (bench/run.py), and
requests each page in this process through Django's test client with production settings (DEBUG off, cached
templates), first to warm up, then under pyinstrument. Each sample is charged to the innermost of: SQL (the
database driver, waiting included), the ORM (django.db.models: building queries and instances), template rendering
(django.template), anything else. On a loaded machine the SQL share grows with the database's own wait for a core;
compare shares taken in one run.

    .venv/bin/python bench/profile_pages.py                      # family-list and family-application
    .venv/bin/python bench/profile_pages.py --pages family-list --tree
"""

import argparse
import os
import secrets
import statistics
import sys
import time

from pyinstrument import Profiler
from run import (
    DEFAULT_DATABASE_URL,
    NAMES,
    base_environment,
    database_ensure,
    django_setup,
    pages_prepare,
    production_environment,
    sessions_delete,
    static_collect,
)

# The innermost category found on a sample's stack wins: SQL inside the ORM inside a template is SQL.
CATEGORIES = ["other", "template rendering", "ORM", "SQL"]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument(
        "--pages", default="family-list,family-application", help="comma-separated names: " + ", ".join(NAMES)
    )
    parser.add_argument("--requests", type=int, default=100, help="profiled requests per page (100)")
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree of each page too")
    return parser.parse_args()


def category(frame) -> str:
    path = frame.file_path or ""
    if "psycopg" in path or ("django/db/backends" in path and frame.function in {"_execute", "execute", "executemany"}):
        return "SQL"
    if "django/db/models" in path:
        return "ORM"
    if "django/template" in path:
        return "template rendering"
    return "other"


def shares(root) -> dict[str, float]:
    """Each category's share of the profiled time, from the leaves of pyinstrument's call tree."""
    seconds = dict.fromkeys(CATEGORIES, 0.0)
    stack = [(root, "other")]
    while stack:
        frame, inherited = stack.pop()
        charged = max(inherited, category(frame), key=CATEGORIES.index)
        if not frame.children:
            seconds[charged] += frame.time
        stack.extend((child, charged) for child in frame.children)
    total = sum(seconds.values()) or 1.0
    return {name: value / total for name, value in seconds.items()}


def profile(page, *, requests: int, tree: bool) -> None:
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    if page.cookie:
        client.cookies.load(page.cookie)
    for _ in range(20):
        response = client.get(page.path)
        if response.status_code != 200:
            raise SystemExit(f"{page.name} ({page.path}) answered {response.status_code}, not 200")
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(page.path)
        timings.append((time.perf_counter() - started) * 1000)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(requests):
            client.get(page.path)
    session = profiler.last_session
    print(
        f"{page.name} ({page.path}): median {statistics.median(timings):.1f} ms over {requests} requests unprofiled; "
        f"profiled: {session.duration:.2f} s wall, {session.cpu_time:.2f} s CPU"
    )
    print("  " + ", ".join(f"{name} {share:.0%}" for name, share in shares(session.root_frame()).items()))
    if tree:
        print(profiler.output_text(unicode=False, color=False))


def main() -> int:
    options = arguments()
    wanted = {name.strip() for name in options.pages.split(",") if name.strip()}
    if wanted - set(NAMES):
        print(f"profile_pages: unknown page(s) {', '.join(sorted(wanted - set(NAMES)))}", file=sys.stderr)
        return 2
    environment = base_environment(database_url=options.database_url, secret_key=secrets.token_urlsafe(50))
    production = production_environment(environment)
    database_ensure(options.database_url)
    static_collect(production)
    django_setup(production)
    from demo.scale.write import scale_applications

    present = scale_applications().count()
    if not present:
        print("profile_pages: no scale data in that database; `make bench` loads it.", file=sys.stderr)
        return 1
    print(f"{present} scale applications.")
    pages, sessions, described = pages_prepare(wanted)
    print(described)
    try:
        for page in pages:
            if page.name in wanted:
                profile(page, requests=options.requests, tree=options.tree)
    finally:
        sessions_delete(sessions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
