"""Every named query runs through SPARQLWrapper unmodified (issue 14, point 7).

SPARQLWrapper 2.0 guesses a query's form from the first keyword anywhere in the text, inside
words too ("address" reads as ADD, "asks" as ASK), after a comment stripping that keeps every
other comment line; a query it takes for an update goes out as one and fails. So the words
of a header decide how a client sends the query: each named query must be detected as the form
it really has.
"""

import warnings

import pytest
from rdflib.plugins.sparql.parser import parseQuery
from SPARQLWrapper import SPARQLWrapper

from kg import resources

NAMED = sorted(resources.QUERIES_DIR.glob("*.rq"))
FORMS = {
    "SelectQuery": "SELECT",
    "ConstructQuery": "CONSTRUCT",
    "AskQuery": "ASK",
    "DescribeQuery": "DESCRIBE",
}


def detected(text: str) -> str | None:
    """The form SPARQLWrapper gives the query, with its default settings."""
    client = SPARQLWrapper("http://127.0.0.1:7878/query")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "unknown query type" falls back to SELECT: a failure
        client.setQuery(text)
    return client.queryType


def real_form(text: str) -> str:
    """The form the SPARQL grammar gives the query."""
    return FORMS[parseQuery(text)[1].name]


def test_the_named_queries_are_the_thirteen():
    assert [p.stem for p in NAMED] == [
        "blocked-formats",
        "conditional-positions",
        "duplicate-statements",
        "evidence-for-position",
        "position-changes",
        "positions-by-actor",
        "requirements",
        "spokespeople",
        "statements-by-speaker",
        "treaty-limits",
        "treaty-timeline",
        "unanswered-proposals",
        "who-supports-which-format",
    ]


@pytest.mark.parametrize("path", NAMED, ids=lambda p: p.stem)
def test_sparqlwrapper_detects_the_form_of_every_named_query(path):
    text = path.read_text(encoding="utf-8")
    assert detected(text) == real_form(text) == "SELECT"


def test_a_header_word_can_turn_a_query_into_an_update():
    """The check can fail: the header evidence-for-position had before the fix."""
    text = (
        "# # Evidence\n"
        "# **Question:** Which source (with its address) reports them?\n"
        "# **Parameters:** none\n"
        "# **Returns:** ?source a source\n"
        "SELECT ?source WHERE { ?source ?p ?o }\n"
    )
    assert real_form(text) == "SELECT"
    assert detected(text) == "ADD"
