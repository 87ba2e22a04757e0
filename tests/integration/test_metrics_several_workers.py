"""/metrics under gunicorn with several workers (PROMETHEUS_MULTIPROC_DIR, the repository's gunicorn.conf.py): a
scrape counts every worker's requests, those of workers since replaced too, and the operators' figures once."""

import os
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.conftest import database_url, require_real_services, wait_for
from tests.integration.web import gunicorn_start, healthy

pytestmark = pytest.mark.django_db(transaction=True)
TOKEN = "scrape-token-of-the-test"
REQUESTS = 40
OPERATOR_GAUGES = [
    "intaj_deliveries_pending",
    "intaj_deliveries_failed",
    "intaj_deliveries_oldest_pending_age_seconds",
    "intaj_fee_assessments_pending",
    "intaj_applications_overdue",
]


@pytest.fixture
def multiproc_dir(tmp_path):
    return tmp_path / "prometheus"


@pytest.fixture
def server(migration_data, multiproc_dir):
    """gunicorn with two sync workers writing their metrics to `multiproc_dir`, read with the token only."""
    require_real_services()
    multiproc_dir.mkdir()
    (multiproc_dir / "histogram_999999.db").write_bytes(b"a run before this one")  # emptied at start
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="intaj_portal.settings",
        DATABASE_URL=database_url(),
        PROMETHEUS_MULTIPROC_DIR=str(multiproc_dir),
        METRICS_TOKEN=TOKEN,
        METRICS_ALLOWED_ADDRESSES="",
    )
    process, address = gunicorn_start(env, workers=2)
    try:
        assert wait_for(lambda: healthy(address), timeout=60), f"{address} did not start"
        process.address = address
        yield process
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def workers_of(server) -> set[int]:
    return {int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()}


def scrape(address: str) -> list[tuple[str, dict, float]]:
    response = requests.get(f"{address}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
    assert response.status_code == 200, response.text[:300]
    return [
        (sample.name, sample.labels, sample.value)
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    ]


def favicon_count(samples) -> float:
    (count,) = [
        value
        for name, labels, value in samples
        if name == "intaj_request_duration_seconds_count"
        and labels == {"view": "favicon", "method": "GET", "status": "3xx"}
    ]
    return count


def operator_gauges_seen(samples) -> dict[str, int]:
    """How many times each operator's figure appears in a scrape."""
    names = [name for name, _labels, _value in samples]
    return {name: names.count(name) for name in OPERATOR_GAUGES}


def test_a_scrape_counts_the_requests_of_every_worker_and_the_operators_figures_once(server, multiproc_dir):
    assert not (multiproc_dir / "histogram_999999.db").exists()
    assert requests.get(f"{server.address}/metrics", timeout=10).status_code == 403  # no token, no allowed address

    def ask(_):
        return requests.get(f"{server.address}/favicon.ico", allow_redirects=False, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:  # at once, so that both workers answer some
        assert set(pool.map(ask, range(REQUESTS))) == {302}
    writers = sorted(path.name for path in multiproc_dir.glob("histogram_*.db"))
    print(f"\n{REQUESTS} requests answered by the workers writing {writers}")

    samples = scrape(server.address)
    assert favicon_count(samples) == REQUESTS
    assert operator_gauges_seen(samples) == dict.fromkeys(OPERATOR_GAUGES, 1)

    # Every worker replaced (as a deploy's reload does): the one that answers the next scrape has counted none of
    # the requests itself, and finds them all in the files the others left.
    before = workers_of(server)
    os.kill(server.pid, signal.SIGHUP)
    assert wait_for(lambda: len(workers_of(server)) == 2 and not workers_of(server) & before, timeout=60)
    assert wait_for(lambda: healthy(server.address), timeout=60)
    samples = scrape(server.address)
    assert favicon_count(samples) == REQUESTS
    assert operator_gauges_seen(samples) == dict.fromkeys(OPERATOR_GAUGES, 1)
