"""`kg bench --serve`: a bounded load test of `kg serve`, on loopback, from one process tree.

It starts the real server as a child process (the `kg serve` command), sends a fixed number of
requests from a fixed number of concurrent clients (each a thread with one keep-alive
connection from an address of its own in 127.0.0.0/8, asking for SPARQL JSON), cycling through
every named query and a small ad-hoc one, and reports latency percentiles per query, the
throughput and every non-200 answer. Then the fairness test: one client sends slow queries
(more than the workers) while another asks a trivial one. This is a benchmark, never a test:
the machine is shared and timings are noisy.
"""

import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.queries import named_queries

AD_HOC = "SELECT ?state WHERE { ?state a ap:State } ORDER BY ?state"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A query that runs until the time limit: a count over the cube of the dataset."""
TRIVIAL = "ASK { ?s ?p ?o }"


@dataclass(frozen=True)
class Running:
    base_url: str
    pid: int
    said: str = ""
    """What the server printed until it was ready (stdout and stderr)."""


@contextmanager
def running_server(
    build_dir: Path | None,
    *options: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[Running]:
    """`kg serve` on a free loopback port, started as a user starts it, stopped on leaving:
    serving `build_dir`, or (None) what `kg serve` finds in `cwd`."""
    command = [sys.executable, "-m", "kg", "serve", "--port", "0"]
    if build_dir is not None:
        command += ["--build", str(build_dir)]
    process = subprocess.Popen(
        [*command, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        env={**os.environ, **env} if env else None,
    )
    assert process.stdout is not None
    output = []
    try:
        for line in process.stdout:
            output.append(line)
            if match := re.match(r"SPARQL endpoint: (http://\S+)/sparql$", line.strip()):
                yield Running(match[1], process.pid, "".join(output))
                return
        raise RuntimeError("kg serve stopped before it was ready:\n" + "".join(output))
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class LoadReport:
    clients: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(len(times) for times in self.latencies.values())

    @property
    def errors(self) -> int:
        return self.requests - self.statuses[200]

    def table(self) -> str:
        lines = [
            f"{self.requests} requests from {self.clients} concurrent clients in "
            f"{self.seconds:.1f} s ({self.requests / self.seconds:.0f} requests/s); "
            f"answers: {', '.join(f'{n} x {s}' for s, n in sorted(self.statuses.items()))}; "
            f"errors: {self.errors}",
            "",
            "| request | count | p50 | p90 | p99 | max |",
            "|---|---|---|---|---|---|",
        ]
        rows = sorted(self.latencies.items())
        rows.append(("all", [t for _, times in rows for t in times]))
        for name, times in rows:
            p50, p90, p99 = (_percentile(times, p) for p in (50, 90, 99))
            lines.append(
                f"| {name} | {len(times)} | {_ms(p50)} | {_ms(p90)} | {_ms(p99)} | "
                f"{_ms(max(times))} |"
            )
        return "\n".join([*lines, *self.failures[:5]]) + "\n"


def load_test(base_url: str, clients: int = 20, requests: int = 2000) -> LoadReport:
    """Send `requests` requests from `clients` threads; each thread takes the next request of
    the shared sequence (every named query, then the ad-hoc one, round and round)."""
    paths = [f"/queries/{name}" for name in named_queries()]
    paths.append("/sparql?" + urllib.parse.urlencode({"query": AD_HOC}))
    report = LoadReport(clients, 0.0, {_name(p): [] for p in paths})
    taken = iter(range(requests))
    lock = threading.Lock()
    parts = urllib.parse.urlsplit(base_url)

    def client(address: str) -> None:
        connection = _connection(parts, address)
        while True:
            with lock:
                number = next(taken, None)
            if number is None:
                break
            path = paths[number % len(paths)]
            started = time.perf_counter()
            try:
                connection.request(
                    "GET", path, headers={"Accept": "application/sparql-results+json"}
                )
                answer = connection.getresponse()
                body = answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                status, body = 0, str(exc).encode()
            elapsed = time.perf_counter() - started
            with lock:
                report.latencies[_name(path)].append(elapsed)
                report.statuses[status] += 1
                if status != 200:
                    report.failures.append(f"{path}: {status} {body[:200]!r}")
        connection.close()

    threads = [threading.Thread(target=client, args=(_address(i),)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class FairnessReport:
    slow: int
    trivial_seconds: float
    """How long the other client waited for its trivial answer."""
    trivial_status: int
    slow_statuses: Counter[int]

    def table(self) -> str:
        statuses = ", ".join(f"{n} x {s}" for s, n in sorted(self.slow_statuses.items()))
        return (
            f"While one client ran {self.slow} slow queries at once (answers: {statuses}), "
            f"another client's trivial query was answered ({self.trivial_status}) in "
            f"{_ms(self.trivial_seconds)}.\n"
        )


def fairness_test(base_url: str, slow: int = 4) -> FairnessReport:
    """One client (127.0.0.2) sends `slow` queries that run until the time limit, all at
    once; once they hold what they can, another client (127.0.0.3) asks a trivial query."""
    parts = urllib.parse.urlsplit(base_url)
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def ask(address: str, text: str) -> int:
        connection = _connection(parts, address)
        try:
            path = "/sparql?" + urllib.parse.urlencode({"query": text})
            connection.request("GET", path, headers={"Accept": "text/csv"})
            answer = connection.getresponse()
            answer.read()
            return answer.status
        except (OSError, http.client.HTTPException):
            return 0
        finally:
            connection.close()

    def slow_client() -> None:
        status = ask("127.0.0.2", SLOW)
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=slow_client) for _ in range(slow)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # the slow queries reach the server and its workers
    started = time.perf_counter()
    trivial_status = ask("127.0.0.3", TRIVIAL)
    trivial_seconds = time.perf_counter() - started
    for thread in threads:
        thread.join()
    return FairnessReport(slow, trivial_seconds, trivial_status, statuses)


def _address(index: int) -> str:
    """A loopback address per client (127.0.1.1, 127.0.1.2, ...), as distinct machines have."""
    return f"127.0.{1 + index // 250}.{1 + index % 250}"


def _connection(parts: urllib.parse.SplitResult, address: str) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(
        parts.hostname or "", parts.port, timeout=60, source_address=(address, 0)
    )


def _name(path: str) -> str:
    return path.removeprefix("/queries/") if path.startswith("/queries/") else "ad-hoc SELECT"


def _percentile(values: list[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def bench_serving(
    build_dir: Path | None, clients: int, requests: int, emit: Callable[[str], None]
) -> LoadReport:
    """Serve `build_dir` (default: a fresh build of the embedded data) and load-test it."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-serve-") as scratch:
        if build_dir is None:
            from kg.build import build

            build_dir = Path(scratch) / "build"
            build(build_dir)
        with running_server(build_dir) as server:
            emit(f"## kg serve under load ({server.base_url}, default limits)\n")
            load_test(server.base_url, clients, 2 * clients)  # warm-up, not reported
            report = load_test(server.base_url, clients, requests)
            emit(report.table())
            emit("\n## One client's slow queries and another client's trivial one\n")
            emit(fairness_test(server.base_url).table())
    return report
