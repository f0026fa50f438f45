"""Every named query returns exactly the expected rows on the embedded data.

Expected answers are data: tests/queries/expected/<name>.csv for the default run, and
<name>.<case>.csv, whose first line is `# params: name=value ...`, for runs with parameters.
"""

import csv
import io
from pathlib import Path

import pytest

from kg.queries import named_queries, parse_parameters, run
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
