"""Each attack on `kg serve`, sent for real; after each, the server still answers a normal query.

The server under test has a 2 s time limit and a 100-row cap (serve_support.TIMEOUT, MAX_ROWS).
"""

import json
import socket
import time
from collections.abc import Iterator

import psutil
import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.serve.load import running_server
from kg.serve.worker import Job, execute

from .serve_support import MAX_ROWS, TIMEOUT, Server, assert_still_answers

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def unchanged(store) -> str:
    """The count of triples the server answers while its data is unchanged (the embedded
    store's default graph: every graph merged)."""
    return f"n\r\n{next(iter(store.query(COUNT)))['n'].value}\r\n"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A loopback port that records whether anything connects to it."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        sock.settimeout(0.5)
        yield sock


def port_of(sock: socket.socket) -> int:
    return int(sock.getsockname()[1])


def assert_nobody_connected(sock: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        sock.accept()


def count(server: Server) -> str:
    return server.query(COUNT).text


# -- Updates --


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        (
            {"params": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
            403,
            "this endpoint is read-only: SPARQL updates are not accepted",
        ),
        (
            {
                "data": b"update=DROP+ALL",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            403,
            "this endpoint is read-only: SPARQL updates are not accepted",
        ),
        (
            {
                "data": b"CLEAR DEFAULT",
                "headers": {"Content-Type": "application/sparql-update"},
            },
            403,
            "this endpoint is read-only: SPARQL updates are not accepted",
        ),
        (
            {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
            400,
            "query: updates are not allowed; the graph is read-only",
        ),
        (
            {"params": {"query": "DELETE WHERE { ?s ?p ?o }"}},
            400,
            "query: updates are not allowed; the graph is read-only",
        ),
    ],
    ids=["update-param", "update-form", "update-body", "insert-as-query", "delete-as-query"],
)
def test_updates_are_refused(server: Server, unchanged, request_kwargs, status, message):
    reply = server.request("/sparql", **request_kwargs)
    assert (reply.status, reply.text) == (status, message + "\n")
    assert count(server) == unchanged
    assert_still_answers(server)


def test_load_is_refused_without_reading_the_file(
    server: Server, unchanged, listener: socket.socket
):
    url = f"http://127.0.0.1:{port_of(listener)}/data.ttl"
    for target in (url, "file:///etc/passwd"):
        reply = server.query(f"LOAD <{target}>")
        assert (reply.status, reply.text) == (
            400,
            "query: updates are not allowed; the graph is read-only\n",
        )
    assert_nobody_connected(listener)
    assert count(server) == unchanged
    assert_still_answers(server)


# -- Reaching outside the dataset --


def test_service_is_refused_and_nothing_is_contacted(server: Server, listener: socket.socket):
    endpoint = f"http://127.0.0.1:{port_of(listener)}/sparql"
    reply = server.query(f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
    assert (reply.status, reply.text) == (
        400,
        "query: SERVICE is not allowed; queries may not reach other endpoints\n",
    )
    silent = server.query(f"SELECT * WHERE {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }}")
    assert silent.status == 400
    assert_nobody_connected(listener)
    assert_still_answers(server)


@pytest.mark.parametrize("keyword", ["FROM", "FROM NAMED"])
def test_from_outside_the_dataset_is_refused(
    server: Server, listener: socket.socket, tmp_path, keyword
):
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:secret> <urn:is> 'read' .\n")
    for target in (f"http://127.0.0.1:{port_of(listener)}/g.ttl", secret.as_uri()):
        reply = server.query(f"SELECT * {keyword} <{target}> WHERE {{ ?s ?p ?o }}")
        assert (reply.status, reply.text) == (
            400,
            f"query: {keyword} <{target}> is not a graph of this dataset; FROM and FROM NAMED "
            "may name only the dataset's own graphs (list them with "
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { } })\n",
        )
    assert_nobody_connected(listener)
    assert_still_answers(server)


def test_protocol_dataset_outside_the_dataset_is_refused(server: Server, listener):
    outside = f"http://127.0.0.1:{port_of(listener)}/g.ttl"
    reply = server.query(COUNT, **{"default-graph-uri": outside})
    assert (reply.status, reply.text) == (
        400,
        f"query: <{outside}> (default-graph-uri or named-graph-uri) is not a graph of this "
        "dataset; name only the dataset's own graphs\n",
    )
    assert_nobody_connected(listener)
    assert_still_answers(server)


def test_from_a_graph_of_the_dataset_reads_that_graph(server: Server, store):
    graph = "https://w3id.org/actors-positions/graph/registry"
    local = next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))
    expected = f"n\r\n{local['n'].value}\r\n"
    assert server.query(f"SELECT (COUNT(*) AS ?n) FROM <{graph}> {{ ?s ?p ?o }}").text == expected
    assert server.query(COUNT, **{"default-graph-uri": graph}).text == expected


# -- Time limit --


def assert_stopped_in_time(server: Server, query: str) -> None:
    """The query ends with 503 within the limit plus one second, its worker is killed and
    replaced, and no process of the server keeps computing."""
    before = server.workers()
    reply = server.query(query)
    assert (reply.status, reply.text) == (
        503,
        f"the query ran longer than the limit of {TIMEOUT:g} s and was stopped; narrow it "
        "(bind more variables, add a LIMIT) and try again\n",
    )
    assert reply.seconds < TIMEOUT + 1
    deadline = time.monotonic() + 30
    while len(after := server.workers()) < len(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    killed = before - after
    assert len(killed) == 1 and len(after) == len(before)
    assert not any(psutil.pid_exists(pid) for pid in killed)
    assert_still_answers(server)
    # The replacement may still be starting; then every process of the server stays idle.
    time.sleep(2)
    tree = [psutil.Process(server.pid), *psutil.Process(server.pid).children()]
    busy_before = sum(sum(p.cpu_times()[:2]) for p in tree)
    time.sleep(1)
    busy_after = sum(sum(p.cpu_times()[:2]) for p in tree)
    assert busy_after - busy_before < 0.2


def test_cartesian_product_is_stopped(server: Server):
    assert_stopped_in_time(
        server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    )


def test_closure_path_over_cycles_is_stopped(server: Server):
    # Every typed node reaches every other through its class, back and forth: 1.5 million
    # pairs, each found along every cycle (about 7 s on this data without a limit).
    assert_stopped_in_time(
        server,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (rdf:type|^rdf:type)*/(rdf:type|^rdf:type)* ?b }",
    )


def test_catastrophic_regex_is_stopped_or_harmless(server: Server):
    """`^(a+)+$` on 'aaa...ab' takes exponential time in a backtracking engine (Python's re,
    which rdflib uses). Oxigraph's regex engine runs in linear time: the answer comes at once
    and is right; over enough rows, the time limit stops it as any slow query."""
    long_text = "a" * 5000 + "b"
    reply = server.query(f'ASK {{ FILTER(REGEX("{long_text}", "^(a+)+$")) }}')
    assert (reply.status, reply.text) == (200, "false")
    assert reply.seconds < 1
    assert_stopped_in_time(
        server,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
        'FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), "^(a|aa)+$")) }',
    )


# -- Size of answers and requests --


def test_rows_are_capped_and_the_answer_says_so(server: Server):
    reply = server.query("SELECT * WHERE { ?s ?p ?o }", accept="application/sparql-results+json")
    assert reply.status == 200
    assert reply.headers["KG-Truncated"] == "true"
    assert len(json.loads(reply.text)["results"]["bindings"]) == MAX_ROWS
    small = server.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert "KG-Truncated" not in small.headers
    assert len(small.text.splitlines()) == 11


def test_triples_are_capped_too(server: Server):
    reply = server.query("CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert reply.headers["KG-Truncated"] == "true"
    assert len(reply.text.splitlines()) == MAX_ROWS


def test_over_long_get_is_414(server: Server):
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 20_000
    reply = server.query(query)
    assert reply.status == 414
    assert reply.text.startswith("the URL is ")
    assert reply.text.endswith(" bytes, more than 16,384; send a long query by POST\n")
    assert_still_answers(server)


def test_a_get_longer_than_waitress_headers_is_414_too(server: Server):
    """Issue 13: waitress used to answer 431 beyond its own 256 KiB header limit."""
    reply = server.query("SELECT * WHERE { ?s ?p ?o } # " + "x" * 300_000)
    assert reply.status == 414
    assert reply.text.endswith(" bytes, more than 16,384; send a long query by POST\n")
    assert_still_answers(server)


def test_over_large_post_is_413(server: Server):
    body = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * (1 << 20)).encode()
    reply = server.request(
        "/sparql", data=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert reply.status == 413
    assert reply.text == ("the request body is larger than 1,048,576 bytes; send a shorter query\n")
    assert_still_answers(server)


# -- Queries the engine stops, and queries that would end their worker --


def test_a_deeply_nested_query_is_refused_before_it_reaches_the_engine(server: Server):
    """Issue 13: 600 KB of nested parentheses used to end the worker."""
    body = ("ASK { FILTER(" + "(" * 300_000 + "1" + ")" * 300_000 + ") }").encode()
    reply = server.request(
        "/sparql", data=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert (reply.status, reply.text) == (
        400,
        "query: the query nests brackets more than 200 deep (at line 1, column 212); flatten it\n",
    )
    assert_still_answers(server)


def test_a_syntax_error_shows_the_users_line(server: Server):
    reply = server.query("SELECT ?x\n# a comment\nWHERE { BIND(1 AS ?x) BIND(2 AS ?x) }")
    assert (reply.status, reply.text) == (
        400,
        "query: SPARQL syntax error at the end of the query (line 3): the engine cannot read "
        "the query as SPARQL (one cause: a BIND into a variable bound before it in the same "
        "group)\n"
        "    3 | WHERE { BIND(1 AS ?x) BIND(2 AS ?x) }\n",
    )
    assert_still_answers(server)


def test_an_engine_error_is_a_400_with_the_engines_message(built):
    """The engine's own refusal (a RuntimeError) used to end the worker."""
    store = ox.Store.read_only(str(built / "store"))
    job = Job(query="SELECT ?x WHERE { BIND (<http://example.org/f>(1) AS ?x) }")
    answer = execute(store, frozenset(), job, lambda *_: b"")
    assert (answer.status, answer.body.decode()) == (
        400,
        "query: the query engine stopped: The custom function <http://example.org/f> is not "
        "supported\n",
    )


def test_a_parameter_the_query_does_not_select_is_bound(built):
    """Oxigraph substitutes only what a SELECT projects: this was a 400 with its words, "The
    SPARQL query does not contains variable ?kind in its SELECT projection"."""
    store = ox.Store.read_only(str(built / "store"))
    job = Job(
        query="SELECT ?s WHERE { ?s a ?kind } ORDER BY ?s LIMIT 2",
        bindings={"kind": URIRef("https://w3id.org/actors-positions/ontology#State")},
        accept="text/csv",
    )
    answer = execute(store, frozenset(), job, lambda *_: b"")
    assert (answer.status, answer.body.decode()) == (
        200,
        "s\r\nhttps://w3id.org/actors-positions/id/china\r\n"
        "https://w3id.org/actors-positions/id/france\r\n",
    )


LOST = (
    "the query's worker ended while answering: it ran out of the memory a worker may take (the "
    "engine aborts, SIGABRT); narrow or rewrite the query\n"
)


@pytest.fixture(scope="module")
def small_memory_server(built) -> Iterator[Server]:
    """Workers may take 300 MiB of heap (they start with about 110 MiB)."""
    with running_server(built, "--max-memory", "300", "--timeout", "20") as running:
        yield Server(running.base_url, running.pid)


def test_a_query_over_the_memory_limit_ends_only_its_worker(small_memory_server: Server):
    # 1.6 million distinct rows: about 700 MB of heap without a limit.
    reply = small_memory_server.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT * WHERE { ?a ?b ?c . ?d ?e ?f } }"
    )
    assert (reply.status, reply.text) == (500, LOST)
    assert reply.seconds < 5
    assert_still_answers(small_memory_server)


def test_a_long_chain_of_binds_is_answered_not_a_crash(small_memory_server: Server):
    """3,000 BINDs overflowed an 8 MiB stack (SIGSEGV); workers evaluate on a 64 MiB one
    (within a 300 MiB heap limit, which the stack counts towards; Oxigraph takes about a second
    to parse them, so this server's 20 s limit)."""
    binds = "".join(f" BIND({i} AS ?v{i})" for i in range(3_500))
    reply = small_memory_server.request(
        "/sparql",
        data=f"SELECT ?v3499 WHERE {{{binds} }}".encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert (reply.status, reply.text) == (200, "v3499\r\n3499\r\n")


def test_a_chain_longer_than_the_limit_is_refused(server: Server):
    body = ("ASK { FILTER(" + "!" * 4_001 + "true) }").encode()
    reply = server.request(
        "/sparql", data=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert (reply.status, reply.text) == (
        400,
        "query: the query holds more than 4,000 joins, unions, BINDs, filters, operators and "
        "groups (the last at line 1, column 4012); split it into smaller queries\n",
    )
    assert_still_answers(server)
