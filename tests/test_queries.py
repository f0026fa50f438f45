"""Every named query returns exactly the expected rows on the embedded data.

Expected answers are data: tests/queries/expected/<name>.csv for the default run, and
<name>.<case>.csv, whose first line is `# params: name=value ...`, for runs with parameters.
"""

import csv
import io
from pathlib import Path

import pytest
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.queries import named_queries, parse_parameters, run, with_prologue
from kg.results import rows
from kg.store import query as oxigraph_query

EXPECTED = Path(__file__).parent / "queries" / "expected"
QUERIES = named_queries()
CASES = sorted(EXPECTED.glob("*.csv"))


def load_case(path: Path) -> tuple[str, list[str], list[list[str]]]:
    name = path.name.split(".")[0]
    text = path.read_text(encoding="utf-8")
    params: list[str] = []
    if text.startswith("# params:"):
        first, text = text.split("\n", 1)
        params = first.removeprefix("# params:").split()
    table = list(csv.reader(io.StringIO(text)))
    return name, params, table


def test_every_named_query_has_an_expected_answer():
    assert sorted({load_case(c)[0] for c in CASES}) == sorted(QUERIES)


def test_every_query_with_parameters_is_tested_with_them():
    with_params = {load_case(c)[0] for c in CASES if load_case(c)[1]}
    assert with_params == {n for n, q in QUERIES.items() if q.parameters}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_query_returns_exactly_the_expected_rows(dataset, store, case, engine):
    name, params, table = load_case(case)
    query = QUERIES[name]
    bindings = parse_parameters(params, query)
    answer = (
        run(query, dataset, bindings)
        if engine == "rdflib"
        else oxigraph_query(store, query.text, bindings)
    )
    header, body = rows(answer)
    assert [header, *body] == table


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_header_documents_question_and_returns(dataset, name):
    query = QUERIES[name]
    assert query.title and query.question.endswith("?")
    result = run(query, dataset)
    assert result.vars is not None
    returned = [str(v) for v in result.vars]
    for var in returned:
        assert f"?{var}" in query.returns, f"{name}: ?{var} is not documented under Returns"


def _subqueries(node: object) -> list[CompValue]:
    """The subqueries directly below an algebra node (not those nested in them), each as its
    Project."""
    found: list[CompValue] = []
    if isinstance(node, CompValue):
        if node.name == "ToMultiSet":
            inner = node.p
            while inner.name != "Project":  # through DISTINCT, ORDER BY, LIMIT
                inner = inner.p
            return [inner]
        for value in node.values():
            found += _subqueries(value)
    elif isinstance(node, list | tuple):
        for value in node:
            found += _subqueries(value)
    return found


def _aggregates(node: object) -> bool:
    """Whether a subquery groups (not counting subqueries nested in it)."""
    if isinstance(node, CompValue):
        if node.name == "ToMultiSet":  # a nested subquery: checked on its own
            return False
        return node.name == "AggregateJoin" or any(_aggregates(v) for v in node.values())
    if isinstance(node, list | tuple):
        return any(_aggregates(v) for v in node)
    return False


def _unrestricted(project: CompValue, parameter: str, grouped: bool = False) -> list[str]:
    """Subqueries that aggregate, or feed an aggregate, without projecting the parameter."""
    found = []
    for sub in _subqueries(project.p):
        inside = grouped or _aggregates(sub.p)
        if inside and parameter not in {str(v) for v in sub.PV}:
            found.append(" ".join(f"?{v}" for v in sub.PV))
        found += _unrestricted(sub, parameter, inside)
    return found


@pytest.mark.parametrize("name", sorted(n for n, q in QUERIES.items() if q.parameters))
def test_every_aggregate_starts_from_the_parameter(name):
    """A grouped subquery that does not project the parameter is evaluated over all the data
    even when the parameter is bound: at a million triples, seconds instead of milliseconds
    (README, Performance)."""
    query = QUERIES[name]
    algebra = translateQuery(parseQuery(with_prologue(query.text))).algebra
    top = algebra.p
    while top.name != "Project":
        top = top.p
    for parameter in query.parameters:
        assert _unrestricted(top, parameter) == []
