"""Every named query, end to end through SPARQLWrapper 2 with its default settings (issue 14).

Each query file's text goes out unmodified, with nothing set but the JSON answer format (no
setQueryType, no setMethod: SPARQLWrapper guesses the query's form from its words and sends it
by GET), to `kg serve` and to Oxigraph's own server (`oxigraph serve-read-only`) over the same
build's store. Both must answer exactly the rows the embedded engine gives (kg.queries.run on
that store): the same variables, and in each row the same terms, with their kinds, languages
and datatypes.
"""

import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.queries import NamedQuery, named_queries, run, safe_query, with_prologue
from tests.remote.remote_support import free_port

from .serve_support import MAX_ROWS, Server

QUERIES = named_queries()
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
Term = tuple[str | None, ...] | None
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


@pytest.fixture(scope="module")
def oxigraph_query_url(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`oxigraph serve-read-only` on loopback over the build's store (which `kg serve`'s
    workers hold open read-only too); its query URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("oxigraph") / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(OXIGRAPH),
                "serve-read-only",
                "--location",
                str(built / "store"),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1) as answer:
                    assert answer.status == 200
                    break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph did not start: {log.read_text()}") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    return ox.Store.read_only(str(built / "store"))


def sent_to_oxigraph(query: NamedQuery) -> str:
    """What Oxigraph's server gets. It does not know the project's prefixes; every named query
    declares the prefixes it uses, so this is the file's text, unmodified. A query that relied
    on the project's prefixes would go as `kg query --endpoint` sends it (kg.remote: the
    checked text with a PREFIX line for each project prefix)."""
    try:
        ox.Store().query(query.text)  # Oxigraph, without the project's prefixes
    except SyntaxError:
        return safe_query(with_prologue(safe_query(query.text, query.name)), query.name)
    return query.text


def through_sparqlwrapper(
    url: str, text: str, method: str | None = None
) -> tuple[list[str], list[list[Term]]]:
    """The answer as SPARQLWrapper reads it with its defaults, or with `method` set (a warning,
    such as an unknown query form, fails the test)."""
    client = SPARQLWrapper(url)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client.setQuery(text)
        client.setReturnFormat(JSON)
        assert (client.queryType, client.method) == ("SELECT", GET)
        if method:
            client.setMethod(method)
        answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    header = answer["head"]["vars"]
    rows = [[json_term(b.get(v)) for v in header] for b in answer["results"]["bindings"]]
    return header, rows


def json_term(binding: dict[str, str] | None) -> Term:
    """A term of SPARQL 1.1 JSON results, as a comparable tuple (see rdflib_term)."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return ("uri", binding["value"])
    if binding["type"] == "bnode":
        return ("bnode",)
    datatype = binding.get("datatype")
    return ("literal", binding["value"], binding.get("xml:lang"), datatype)


def rdflib_term(term: object) -> Term:
    """A term of the embedded engine's answer, as a comparable tuple: blank nodes by kind only
    (their labels are each answer's own), an xsd:string literal without its datatype (SPARQL
    JSON leaves it out)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    assert isinstance(term, Literal), term
    datatype = None if term.datatype in (None, XSD_STRING) else str(term.datatype)
    return ("literal", str(term), term.language, datatype)


def embedded(query: NamedQuery, store: ox.Store) -> tuple[list[str], list[list[Term]]]:
    answer: Result = run(query, store)
    header = [str(v) for v in answer.vars or []]
    return header, [[rdflib_term(t) for t in row] for row in answer]  # type: ignore[union-attr]


def test_the_named_queries_declare_their_prefixes():
    """So Oxigraph's server, which does not know the project's prefixes, gets them unmodified."""
    assert [q.name for q in QUERIES.values() if sent_to_oxigraph(q) != q.text] == []


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_kg_serve_answers_as_the_embedded_engine(name, server: Server, store: ox.Store):
    query = QUERIES[name]
    expected = embedded(query, store)
    assert len(expected[1]) < MAX_ROWS  # the test server's cap cuts nothing
    assert through_sparqlwrapper(server.sparql, query.text) == expected


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxigraph_server_answers_as_the_embedded_engine(
    name, oxigraph_query_url: str, store: ox.Store
):
    query = QUERIES[name]
    expected = embedded(query, store)
    text = sent_to_oxigraph(query)
    try:
        answer = through_sparqlwrapper(oxigraph_query_url, text)
    except QueryBadFormed as error:
        # Oxigraph's server reads at most 8 KB of request line and headers, and SPARQLWrapper's
        # default GET carries the query in the URL: the longest named queries (their header
        # comments) must go by POST there. kg serve takes GET URLs up to 16 KiB.
        assert "The headers size must fit in 8kb" in str(error)
        assert len(urlencode({"query": text})) > 7_500
        answer = through_sparqlwrapper(oxigraph_query_url, text, method=POST)
    assert answer == expected
