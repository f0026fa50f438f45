"""Issue 13: a differential fuzz of the query check. Every text of the evasion corpus is sent
by each route a query takes (the check alone in front of a networked engine, `kg serve` in
each content type, `kg query FILE` and `kg query --endpoint` in front of Oxigraph's own
server, which has network access): zero connections may reach the loopback listener, each
text is refused with a clear message or runs without leaving the machine, and the server
answers a normal query after each."""

import contextlib
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.namespaces import PREFIXES
from kg.queries import safe_query
from tests.remote.remote_support import OXIGRAPH, free_port
from tests.serve.serve_support import STATES, STATES_CSV

from .evasions import corpus
from .listener import Listener

REFUSALS = (
    "SERVICE is not allowed; queries may not reach other endpoints",
    "updates are not allowed; the graph is read-only",
    "FROM and FROM NAMED are not allowed",
    "is not a graph of this dataset",
    "must name a graph by its full IRI",
    "write the character itself; SPARQL engines disagree on where \\u and \\U escapes apply",
    "is not SPARQL whitespace",
    "does not start with scheme://",
    "is not a SPARQL keyword or function",
    "holds the keyword SERVICE or FROM",
    "is not closed on its line",
    "SPARQL syntax error at line",
    "this endpoint is read-only: SPARQL updates are not accepted",
    "the store refused the query; fix it where the store's message points",
)
"""What a refusal may say: each names what was refused and why, or where the syntax fails."""


def _refused_clearly(message: str) -> bool:
    return any(reason in message for reason in REFUSALS)


@pytest.fixture(scope="module")
def texts(listener: Listener) -> dict[str, str]:
    texts = corpus(listener.host)
    assert len(texts) >= 300
    return texts


def _consume(answer: object) -> None:
    """Evaluate a whole answer: Oxigraph evaluates lazily, as the answer is read."""
    if not isinstance(answer, ox.QueryBoolean):
        list(answer)  # type: ignore[call-overload]


def test_the_listener_counts_a_query_that_reaches_it(listener: Listener):
    """The harness can fail: the same engine, asked without the check, connects."""
    before = listener.connections()
    with pytest.raises(OSError):
        _consume(
            ox.Store().query(f"SELECT * WHERE {{ SERVICE <{listener.host}sparql> {{ ?s ?p ?o }} }}")
        )
    assert listener.connections() == before + 1


def test_the_check_alone_keeps_a_networked_engine_off_the_network(texts, listener):
    """Oxigraph in this process can reach the listener; only the check stands in between."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))
    before = listener.connections()
    unclear, ran = [], []
    for name, text in texts.items():
        try:
            canonical = safe_query(text, "fuzz")
        except QueryError as refused:
            if not _refused_clearly(str(refused)):
                unclear.append((name, str(refused)))
            continue
        try:
            _consume(store.query(canonical, prefixes=PREFIXES))
        except (SyntaxError, RuntimeError, OSError) as failed:
            ran.append((name, type(failed).__name__))
        else:
            ran.append((name, "rows"))
        assert listener.connections(settle=0.01) == before, f"{name} reached the listener"
    assert unclear == []
    assert all(outcome in ("rows", "SyntaxError") for _, outcome in ran), ran


def test_kg_serve_refuses_every_evasion_in_every_content_type(server, texts, listener):
    before = listener.connections()
    unclear = []
    for name, text in texts.items():
        requests = [
            ("/sparql", {"query": text}, None, None),
            ("/sparql", None, urllib.parse.urlencode({"query": text}).encode(), "form"),
            ("/sparql", None, text.encode(), "application/sparql-query"),
            ("/sparql", None, text.encode(), "application/sparql-update"),
            ("/sparql", None, urllib.parse.urlencode({"update": text}).encode(), "form"),
        ]
        for path, params, data, kind in requests:
            headers = {"Accept": "text/csv"}
            if kind == "form":
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            elif kind:
                headers["Content-Type"] = kind
            reply = server.request(path, params=params, data=data, headers=headers)
            if reply.status != 200 and not _refused_clearly(reply.text):
                unclear.append((name, kind, reply.status, reply.text))
        normal = server.query(STATES)
        assert (normal.status, normal.text) == (200, STATES_CSV), name
    assert listener.connections() == before
    assert unclear == []


DRIVER = """
import contextlib, io, json, sys
from kg.cli import main
results = []
for name, argv in json.load(sys.stdin):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    results.append([name, code, err.getvalue()])
json.dump(results, sys.stdout)
"""


def _run_cli(calls: list[tuple[str, list[str]]], cwd: Path) -> list[tuple[str, int, str]]:
    """Each call of the real command line, in one process of its own (kg query cuts its
    network before it answers from the build, so these runs cannot share the test's)."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return [tuple(row) for row in json.loads(done.stdout)]  # type: ignore[misc]


def _assert_refused_or_ran(results: list[tuple[str, int, str]]) -> None:
    unclear = [
        (name, code, stderr)
        for name, code, stderr in results
        if not (code == 0 or (code == 2 and _refused_clearly(stderr)))
    ]
    assert unclear == []


def test_kg_query_file_refuses_every_evasion(texts, listener, embedded_build, tmp_path):
    calls = []
    for index, (name, text) in enumerate(texts.items()):
        path = tmp_path / f"evasion-{index}.rq"
        path.write_bytes(text.encode("utf-8"))
        calls.append((name, ["query", str(path), "--build", str(embedded_build)]))
    before = listener.connections()
    results = _run_cli(calls, tmp_path)
    assert listener.connections() == before
    assert len(results) == len(texts)
    _assert_refused_or_ran(results)
    assert all(code == 2 for _, code, _ in results if "SERVICE" in _ or "LOAD" in _)


def test_kg_query_endpoint_refuses_every_evasion_before_it_leaves(
    texts, listener, embedded_build, tmp_path
):
    """Oxigraph's server has network access and runs SERVICE: here the check is the only wall,
    and it must hold for every text."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve-read-only",
            "--location",
            str(embedded_build / "store"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        _wait_for(endpoint)
        before = listener.connections()
        # The harness can fail: the server fetches from the listener when asked directly.
        leak = urllib.parse.urlencode(
            {"query": f"SELECT * WHERE {{ SERVICE <{listener.host}sparql> {{ ?s ?p ?o }} }}"}
        )
        with contextlib.suppress(OSError):  # it streams a 200 and fails midway
            urllib.request.urlopen(f"{endpoint}?{leak}", timeout=30).read()
        assert listener.connections() == before + 1
        calls = []
        for index, (name, text) in enumerate(texts.items()):
            path = tmp_path / f"evasion-{index}.rq"
            path.write_bytes(text.encode("utf-8"))
            calls.append((name, ["query", str(path), "--endpoint", endpoint]))
        results = _run_cli(calls, tmp_path)
        assert listener.connections() == before + 1
        assert len(results) == len(texts)
        _assert_refused_or_ran(results)
    finally:
        process.terminate()
        process.wait(10)


def _wait_for(endpoint: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
