"""The load test of `kg bench --serve`: its bookkeeping and a small real run (timings untested)."""

from collections import Counter

from kg.queries import named_queries
from kg.serve.load import LoadReport, load_test


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
