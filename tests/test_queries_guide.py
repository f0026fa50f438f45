"""docs/queries.md, "Writing your own queries" (issue 14): every query it shows answers with the
table shown under it, and it names every class, property and prefix a query writer meets."""

import re

import pyoxigraph as ox
import pytest
from rdflib.namespace import OWL, RDF

from kg import resources
from kg.build import STORE_DIR, build
from kg.loading import read_graphs
from kg.namespaces import PREFIXES, shorten
from kg.project import EMBEDDED
from kg.queries import run
from kg.results import render

from conftest import ROOT

GUIDE = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```sparql\n(.*?)```\n\n```text\n(.*?)```\n", GUIDE, re.DOTALL)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The guide's answers are on the embedded project, every card of it (as `kg query`)."""
    out = tmp_path_factory.mktemp("embedded") / "build"
    assert build(out, EMBEDDED).written
    return ox.Store.read_only(str(out / STORE_DIR))


def test_the_guide_has_five_worked_queries():
    assert len(EXAMPLES) == 5
    assert GUIDE.count("```sparql") == len(EXAMPLES)  # every query shows its answer


@pytest.mark.parametrize(("query", "table"), EXAMPLES, ids=[f"query-{i + 1}" for i in range(5)])
def test_each_worked_query_gives_the_table_shown(embedded, query, table):
    answer = render(run(query, embedded), "table")
    assert answer == table, "run: .venv/bin/python scripts/readme_tables.py"
    assert "(0 rows)" not in answer


def _ontology_terms() -> set[str]:
    ontology = read_graphs(
        [p for p in resources.ontology_files() if p.name in ("core.ttl", "arms-control.ttl")]
    )
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        shorten(term)
        for kind in kinds
        for term in ontology.subjects(RDF.type, kind)
        if shorten(term).startswith("ap:")
    }


def test_the_guide_names_every_class_and_property_of_the_ontology():
    named = set(re.findall(r"\bap:[A-Za-z]+", GUIDE))
    terms = _ontology_terms()
    assert len(terms) > 70
    assert sorted(terms - named) == []  # a term the guide does not explain
    assert sorted(named - terms) == []  # a term the guide names that does not exist


def test_the_guide_lists_every_prefix():
    listed = set(re.findall(r"^\| `([a-z-]+):`", GUIDE, re.MULTILINE))
    listed |= set(re.findall(r"`([a-z-]+):`", GUIDE.split("| prefix |")[1].split("\n\n")[0]))
    assert sorted(set(PREFIXES) - listed) == []


def test_the_readme_links_the_guide():
    assert "(docs/queries.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
