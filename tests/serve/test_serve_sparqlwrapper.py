"""A real client, SPARQLWrapper, reads `kg serve` in JSON, XML and CSV, and sees its errors."""

import csv
import io

import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.queries import named_queries

from .serve_support import Server

QUERY = named_queries()["position-changes"]


@pytest.fixture
def expected(dataset) -> list[list[str]]:
    """position-changes on the embedded data, as the embedded engine answers it (IRIs full)."""
    answer = dataset.query(QUERY.text)
    header = [str(v) for v in answer.vars or []]
    return [header, *([("" if t is None else str(t)) for t in row] for row in answer)]


def client(server: Server, fmt: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(server.sparql)
    wrapper.setQuery(QUERY.text)
    wrapper.setReturnFormat(fmt)
    return wrapper


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_json(server: Server, expected, method):
    wrapper = client(server, JSON)
    wrapper.setMethod(method)
    answer = wrapper.query().convert()
    header = answer["head"]["vars"]
    body = [[b.get(v, {}).get("value", "") for v in header] for b in answer["results"]["bindings"]]
    assert [header, *body] == expected


def test_xml(server: Server, expected):
    document = client(server, XML).query().convert()
    header = [v.getAttribute("name") for v in document.getElementsByTagName("variable")]
    body = []
    for result in document.getElementsByTagName("result"):
        values = {
            b.getAttribute("name"): b.firstChild.firstChild.data if b.firstChild.firstChild else ""
            for b in result.getElementsByTagName("binding")
        }
        body.append([values.get(v, "") for v in header])
    assert [header, *body] == expected


def test_csv(server: Server, expected):
    data = client(server, CSV).query().convert()
    assert list(csv.reader(io.StringIO(data.decode("utf-8")))) == expected


def test_bad_query_raises_the_clients_error(server: Server):
    wrapper = SPARQLWrapper(server.sparql)
    wrapper.setQuery("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    wrapper.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed) as error:
        wrapper.query()
    assert "SERVICE is not allowed; queries may not reach other endpoints" in str(error.value)
