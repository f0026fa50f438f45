"""A build pushed to a real Oxigraph server holds exactly the build's graphs and answers every
named query exactly as the local build does; failures say what went wrong and what to do.

The server is `oxigraph serve` on loopback (remote_support.py), never a mock. `kg push` loads
it over the Graph Store Protocol; `kg query --endpoint` asks it over the SPARQL Protocol.
SPARQLWrapper, an independent client, reads back what was pushed.
"""

import csv
import io
import json
import re
import shutil
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from remote_support import OxigraphServer, free_port
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from test_queries import CASES, EXPECTED, load_case

from kg import remote
from kg.build import DATASET_FILE, STORE_DIR, build
from kg.errors import QueryError
from kg.previous import MANIFEST_FILE
from kg.project import Project
from kg.queries import named_queries
from kg.remote import PushResult, RemoteError, push, query_remote
from kg.results import rows
from kg.store import DIRECTIONAL_LITERAL, TRIPLE_TERM
from kg.store import query as oxigraph_query
from tests.foundation import FOUNDATION

from conftest import kg

PARAMETERISED = [case for case in CASES if load_case(case)[1]]
EMPTY_ON_THE_RECORD = {"duplicate-statements"}
FIRST_GRAPH = "https://w3id.org/actors-positions/graph/inferred"  # the first in name order
GSP_HELP = (
    "the store's Graph Store Protocol URL "
    "(Oxigraph: http://HOST:PORT/store; Fuseki: http://HOST:PORT/DATASET/data)"
)
QUERY_HELP = (
    "the store's SPARQL query URL "
    "(Oxigraph: http://HOST:PORT/query; Fuseki: http://HOST:PORT/DATASET/sparql)"
)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "store")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def foundation(tmp_path_factory) -> Path:
    """A project folder of the foundation (tests/foundation.py), the data whose answers
    tests/queries/expected holds, for `kg query --project`."""
    root = tmp_path_factory.mktemp("remote") / "foundation"
    (root / "sources").mkdir(parents=True)
    shutil.copy(FOUNDATION.registry_file, root / "registry.ttl")
    for card in FOUNDATION.cards():
        shutil.copy(card, root / "sources" / card.name)
    return root


@pytest.fixture(scope="session")
def built(foundation) -> Path:
    out = foundation / "build"
    assert build(out, Project(foundation)).written
    return out


@pytest.fixture(scope="session")
def local(built):
    """The build's own store, to compare the server with."""
    return ox.Store.read_only(str(built / STORE_DIR))


@pytest.fixture(scope="session")
def pushed(server, built) -> PushResult:
    return push(built, f"{server.url}/store")


def select(server: OxigraphServer, text: str) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    """The rows of a SELECT on the server, read by SPARQLWrapper, as Oxigraph terms."""
    client = SPARQLWrapper(f"{server.url}/query")
    client.setMethod(POST)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    return [
        {name: term(value) for name, value in row.items()} for row in answer["results"]["bindings"]
    ]


def term(value: dict[str, str]) -> ox.NamedNode | ox.Literal:
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    assert value["type"] == "literal", value  # the build has no blank nodes
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    datatype = value.get("datatype")
    return ox.Literal(value["value"], datatype=ox.NamedNode(datatype) if datatype else None)


def remote_quads(server: OxigraphServer) -> set[tuple[object, ...]]:
    found = select(server, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {(r["g"], r["s"], r["p"], r["o"]) for r in found}


def remote_default(server: OxigraphServer) -> set[tuple[object, ...]]:
    return {(r["s"], r["p"], r["o"]) for r in select(server, "SELECT * WHERE { ?s ?p ?o }")}


def local_quads(store: ox.Store) -> set[tuple[object, ...]]:
    return {
        (q.graph_name, q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None)
        if isinstance(q.graph_name, ox.NamedNode)
    }


def local_default(store: ox.Store) -> set[tuple[object, ...]]:
    quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return {(q.subject, q.predicate, q.object) for q in quads}


# -- Push ------------------------------------------------------------------------------------


def test_push_reports_every_graph_and_triple_of_the_build(pushed, built, local):
    manifest = json.loads((built / MANIFEST_FILE).read_text())
    assert (pushed.graphs, pushed.triples, pushed.default_triples) == (
        manifest["graphs"],
        manifest["assertedTriples"] + manifest["inferredTriples"],
        len(local_default(local)),
    )
    assert pushed.graphs == len(list(local.named_graphs()))
    assert pushed.triples == len(local_quads(local))


def test_the_store_holds_each_graph_with_exactly_the_triples_of_the_build(pushed, server, local):
    counts = select(
        server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    remote_counts = {row["g"].value: int(row["n"].value) for row in counts}
    local_counts = {
        graph.value: len(list(local.quads_for_pattern(None, None, None, graph)))
        for graph in local.named_graphs()
    }
    assert remote_counts == local_counts
    assert remote_quads(server) == local_quads(local)
    assert remote_default(server) == local_default(local)


def test_pushing_again_with_the_cli_replaces_the_graphs(pushed, server, built, local):
    done = kg("push", "--endpoint", f"{server.url}/store", "--build", str(built))
    assert (done.returncode, done.stderr) == (0, "")
    assert re.fullmatch(
        rf"pushed {re.escape(str(built))}/dataset.trig to {server.url}/store: "
        rf"{pushed.graphs} named graphs with {pushed.triples:,} triples, and their merge "
        rf"\({pushed.default_triples:,} triples\) as the default graph, in \d+\.\d\d s\n",
        done.stdout,
    )
    assert len(remote_quads(server)) == pushed.triples
    assert len(remote_default(server)) == pushed.default_triples
    assert remote_quads(server) == local_quads(local)


# -- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_remotely_as_on_the_build(pushed, server, built, name):
    remote = kg("query", name, "--format", "csv", "--endpoint", f"{server.url}/query")
    here = kg(
        "query", name, "--format", "csv", "--build", str(built), "--project", str(built.parent)
    )
    assert (remote.returncode, remote.stderr) == (0, "")
    assert (here.returncode, here.stderr) == (0, "")
    assert remote.stdout == here.stdout
    # as many rows as tests/queries/expected says (none for the foundation's unanswered proposals
    # and duplicates: issue 15's record has those, tests/test_record.py)
    _, _, table = load_case(EXPECTED / f"{name}.csv")
    assert len(list(csv.reader(io.StringIO(remote.stdout)))) == len(table)


@pytest.mark.parametrize("case", PARAMETERISED, ids=lambda p: p.stem)
def test_every_parameterised_case_answers_remotely_as_on_the_build(pushed, server, built, case):
    name, params, table = load_case(case)
    options = [arg for param in params for arg in ("--param", param)]
    remote = kg("query", name, *options, "--format", "csv", "--endpoint", f"{server.url}/query")
    here = kg(
        "query",
        name,
        *options,
        "--format",
        "csv",
        "--build",
        str(built),
        "--project",
        str(built.parent),
    )
    assert (remote.returncode, remote.stderr) == (0, "")
    assert (here.returncode, here.stderr) == (0, "")
    assert remote.stdout == here.stdout
    assert len(list(csv.reader(io.StringIO(remote.stdout)))) == len(table)


def test_a_table_renders_as_on_the_build(pushed, server, built):
    options = ["--columns", "target,holder,stance,current"]
    remote = kg("query", "who-supports-which-format", *options, "--endpoint", f"{server.url}/query")
    here = kg(
        "query",
        "who-supports-which-format",
        *options,
        "--build",
        str(built),
        "--project",
        str(built.parent),
    )
    assert (remote.returncode, remote.stderr) == (0, "")
    assert remote.stdout == here.stdout


@pytest.mark.parametrize("fmt", ["table", "turtle", "ntriples"])
def test_a_graph_prints_as_on_the_build(pushed, server, built, fmt):
    text = "CONSTRUCT { ?s ap:holder ?holder } WHERE { ?s ap:holder ?holder }"
    options = ["--sparql", text, "--format", fmt]
    remote = kg("query", *options, "--endpoint", f"{server.url}/query")
    here = kg("query", *options, "--build", str(built), "--project", str(built.parent))
    assert (remote.returncode, remote.stderr) == (0, "")
    assert (here.returncode, here.stderr) == (0, "")
    assert remote.stdout == here.stdout
    assert ("/id/russia>" if fmt == "ntriples" else "id:russia") in here.stdout


@pytest.mark.parametrize(
    "text",
    [
        "ASK { ?s ap:holder id:russia }",
        "CONSTRUCT { ?s ap:holder ?holder } WHERE { ?s ap:holder ?holder }",
        "DESCRIBE ?holder WHERE { ?s ap:holder ?holder }",
    ],
)
def test_ask_construct_and_describe_answer_as_on_the_build(pushed, server, local, text):
    remote = query_remote(f"{server.url}/query", text)
    prologue = "PREFIX ap: <https://w3id.org/actors-positions/ontology#>\n"
    prologue += "PREFIX id: <https://w3id.org/actors-positions/id/>\n"
    here = oxigraph_query(local, prologue + text)
    assert remote.type == here.type
    if here.type == "ASK":
        assert remote.askAnswer is here.askAnswer is True
    else:
        assert remote.graph is not None and here.graph is not None
        assert set(remote.graph) == set(here.graph) and len(here.graph) > 0


def test_remote_parameters_are_bound(pushed, server, local):
    text = "SELECT ?s ?holder WHERE { ?s ap:holder ?holder }"
    russia = {"holder": URIRef("https://w3id.org/actors-positions/id/russia")}
    remote = rows(query_remote(f"{server.url}/query", text, russia))
    prologue = "PREFIX ap: <https://w3id.org/actors-positions/ontology#>\n"
    assert remote == rows(oxigraph_query(local, prologue + text, russia))
    assert len(remote[1]) == 3


# -- Errors ----------------------------------------------------------------------------------


def test_push_without_a_build(tmp_path):
    done = kg("push", "--endpoint", "http://127.0.0.1:1/store", "--build", str(tmp_path))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: {tmp_path}/dataset.trig: no build here; run `kg build` first "
        "(or name the build folder with --build)\n"
    )


def test_push_where_nothing_listens(built):
    url = f"http://127.0.0.1:{free_port()}/store"
    done = kg("push", "--endpoint", url, "--build", str(built))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot store graph <{FIRST_GRAPH}> at {url}: cannot connect (connection "
        f"refused); check that the server runs and that the URL is {GSP_HELP}\n"
    )


def test_push_to_a_url_that_is_not_a_store(server, built):
    url = f"{server.url}/nothing"
    done = kg("push", "--endpoint", url, "--build", str(built))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot store graph <{FIRST_GRAPH}> at {url}: HTTP 404 Not Found: "
        f'"PUT /nothing is not supported by this server"; check that the URL is {GSP_HELP}\n'
    )


def test_push_to_a_store_that_never_answers(built):
    with socket.socket() as silent:  # accepts connections (the kernel does) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/store"
        with pytest.raises(RemoteError) as error:
            push(built, url, timeout=0.5)
    assert str(error.value) == (
        f"cannot store graph <{FIRST_GRAPH}> at {url}: no answer within 0.5 s; check that the "
        "server runs and is not overloaded"
    )


def test_push_refuses_other_schemes_than_http(built):
    with pytest.raises(RemoteError) as error:
        push(built, "file:///tmp/store")
    assert str(error.value) == (
        f"the endpoint 'file:///tmp/store' is not an http:// or https:// URL; give {GSP_HELP}"
    )


def test_a_query_the_server_refuses(server, tmp_path):
    query = tmp_path / "twice.rq"
    query.write_text(
        "# # Binds one variable twice\n# **Question:** Which?\n# **Parameters:** none\n"
        "# **Returns:** ?x\nPREFIX ap: <https://w3id.org/actors-positions/ontology#>\n"
        "SELECT * WHERE { BIND (1 AS ?x) BIND (2 AS ?x) }\n"
    )
    done = kg("query", str(query), "--endpoint", f"{server.url}/query")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot run the query 'twice' at {server.url}/query: HTTP 400 Bad Request: "
        '"error at 7:1: expected [_]"; the store refused the query; fix it where the '
        "store's message points\n"
    )


def test_a_query_to_a_url_that_is_not_a_query_endpoint(server):
    url = f"{server.url}/nothing"
    done = kg("query", "spokespeople", "--endpoint", url)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: cannot run the query 'spokespeople' at {url}: HTTP 404 Not Found: "
        f'"POST /nothing is not supported by this server"; check that the URL is {QUERY_HELP}\n'
    )


def test_a_query_refuses_other_schemes_than_http():
    with pytest.raises(RemoteError) as error:
        query_remote("ftp://127.0.0.1/query", "ASK {}")
    assert str(error.value) == (
        f"the endpoint 'ftp://127.0.0.1/query' is not an http:// or https:// URL; give {QUERY_HELP}"
    )


def test_the_build_file_name_is_the_one_the_build_writes():
    assert remote.DATASET_FILE == DATASET_FILE


def test_a_remote_query_is_checked_as_an_embedded_one():
    with pytest.raises(QueryError) as error:
        query_remote("http://127.0.0.1:1/query", "SELECT * WHERE { SERVICE <http://x/> { } }")
    assert (
        str(error.value) == "query: SERVICE is not allowed; queries may not reach other endpoints"
    )


def test_a_plain_name_for_a_remote_query_is_refused_before_any_request(server):
    """Locally `holder=china` is looked up in the build; a remote store has no such lookup,
    and the text "china" would match nothing there: an empty answer, without a word."""
    endpoint = f"{server.url}/query"
    done = kg("query", "positions-by-actor", "--param", "holder=china", "--endpoint", endpoint)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "kg: error: positions-by-actor: parameter 'holder': 'china' is a name, and names are "
        "looked up in the local build only; at a remote store give the identifier as kg prints "
        "it (`kg ids actors` lists them)\n",
    )


def test_the_merge_can_go_to_a_named_graph_which_queries_then_read(pushed, server, built):
    merge = "https://w3id.org/actors-positions/graph/merge"
    done = kg(
        "push", "--endpoint", f"{server.url}/store", "--build", str(built),
        "--default-graph", merge,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert f"and their merge ({pushed.default_triples:,} triples) as the graph <{merge}>" in (
        done.stdout
    )
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    there = kg(
        "query", "--sparql", count, "--format", "csv", "--endpoint", f"{server.url}/query",
        "--default-graph", merge,
    )  # fmt: skip
    assert there.stdout == f"n\n{pushed.default_triples}\n"
    # the store's own default graph still holds the merge of the first push, and no more
    plain = kg("query", "--sparql", count, "--format", "csv", "--endpoint", f"{server.url}/query")
    assert plain.stdout == f"n\n{pushed.default_triples}\n"
    # leave the store as the other tests expect it: the build's graphs only
    graph = urllib.parse.quote(merge, safe="")
    urllib.request.urlopen(
        urllib.request.Request(f"{server.url}/store?graph={graph}", method="DELETE")
    ).close()


@pytest.mark.parametrize("name", ["not an IRI", "relative/graph", "http://x/<y>"])
def test_a_default_graph_must_be_an_absolute_iri(built, name):
    done = kg(
        "push", "--endpoint", "http://127.0.0.1:1/store", "--build", str(built),
        "--default-graph", name,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: the default graph {name!r} is not an absolute IRI; give one such as "
        "https://w3id.org/actors-positions/graph/merge\n"
    )


def test_the_default_graph_of_a_query_needs_an_endpoint():
    done = kg("query", "spokespeople", "--default-graph", "https://example.org/g")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: --default-graph names a graph of a remote store; give --endpoint too\n"
    )


def test_the_merge_may_not_take_the_name_of_a_graph_of_the_build(built):
    done = kg(
        "push", "--endpoint", "http://127.0.0.1:1/store", "--build", str(built),
        "--default-graph", FIRST_GRAPH,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: the build has a graph named <{FIRST_GRAPH}>; give the merge another name\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?t WHERE { BIND (<<( id:russia ap:holder id:china )>> AS ?t) }",
        "CONSTRUCT { id:russia ap:holder ?t } "
        "WHERE { BIND (<<( id:russia ap:holder id:china )>> AS ?t) }",
    ],
)
def test_a_triple_term_from_a_store_says_how_to_select_its_parts(server, text):
    """rdflib cannot hold a triple term (RDF 1.2): an internal error before."""
    done = kg("query", "--sparql", text, "--endpoint", f"{server.url}/query")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"kg: error: {TRIPLE_TERM}\n"


def test_a_text_with_a_base_direction_from_a_store_is_not_printed_without_it(server):
    """rdflib's reader drops the base direction (its:dir) of an RDF 1.2 text without a word."""
    text = 'SELECT ?x WHERE { BIND ("peace"@en--ltr AS ?x) }'
    done = kg("query", "--sparql", text, "--endpoint", f"{server.url}/query")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"kg: error: {DIRECTIONAL_LITERAL}\n"
