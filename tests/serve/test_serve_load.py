"""The load test of `kg bench --serve`: its bookkeeping and a small real run (timings untested)."""

from collections import Counter

from kg.queries import named_queries
from kg.serve.load import SLOW, LoadReport, fairness_test, load_test

from .serve_support import TIMEOUT


def test_report_counts_requests_answers_and_errors():
    report = LoadReport(
        clients=2,
        seconds=2.0,
        latencies={"a": [0.010, 0.020, 0.030], "b": [0.5]},
        statuses=Counter({200: 3, 503: 1}),
        failures=["/queries/b: 503 b'busy'"],
    )
    text = report.table()
    assert text.startswith(
        "4 requests from 2 concurrent clients in 2.0 s (2 requests/s); "
        "answers: 3 x 200, 1 x 503; errors: 1\n"
    )
    assert "| a | 3 | 20 ms | 28 ms | 30 ms | 30 ms |" in text
    assert "| all | 4 | 25 ms | 359 ms | 486 ms | 500 ms |" in text
    assert text.endswith("/queries/b: 503 b'busy'\n")


def test_every_request_is_answered_by_the_real_server(server):
    report = load_test(server.base, clients=4, requests=60)
    assert report.errors == 0
    assert report.statuses == Counter({200: 60})
    assert sorted(report.latencies) == sorted([*named_queries(), "ad-hoc SELECT"])
    assert report.requests == 60


def test_another_client_is_answered_while_one_client_runs_slow_queries(server):
    """Issue 13: four slow queries from one client used to hold both workers, and everyone
    else waited the whole time limit for a 503. Now the client holds one worker and waits for
    its own turn; another client's trivial query finds the other worker free."""
    report = fairness_test(server.base, slow=4)
    assert report.trivial_status == 200
    assert report.trivial_seconds < 1.0 < TIMEOUT
    assert report.slow_statuses == Counter({503: 4})  # the time limit, then no turn in time


def test_a_client_with_a_full_line_is_told_to_wait_at_once(server):
    """One running and eight waiting queries per client; the tenth gets 429 at once."""
    import http.client
    import threading
    import urllib.parse

    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def slow() -> None:
        connection = http.client.HTTPConnection(
            "127.0.0.1", urllib.parse.urlsplit(server.base).port, source_address=("127.0.0.4", 0)
        )
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": SLOW}))
        answer = connection.getresponse()
        answer.read()
        with lock:
            statuses[answer.status] += 1

    threads = [threading.Thread(target=slow) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == Counter({503: 9, 429: 1})
