"""Every shape fires on a bad fixture and stays quiet on good data.

Expected reports are data (after DCAT-AP's test folder): tests/shapes/fixtures/<case>.ttl is a
small graph, <case>.expected.tsv the exact results it must produce.
"""

import csv
from pathlib import Path

import pytest
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from kg import resources
from kg.loading import read_graphs
from kg.namespaces import shorten
from kg.validation import validate, violations_of_files

FIXTURES = Path(__file__).parent / "shapes" / "fixtures"
CASES = sorted(FIXTURES.glob("*.ttl"))
COLUMNS = ["focus", "path", "shape", "severity", "message"]


def expected(case: Path) -> list[list[str]]:
    with case.with_suffix(".expected.tsv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert next(reader) == COLUMNS
        return list(reader)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_fixture_gives_exactly_the_expected_report(case):
    violations = violations_of_files([case])
    actual = [[v.focus, v.path, v.shape, v.severity, v.message] for v in violations]
    assert actual == expected(case)


def test_the_embedded_data_conforms(graph):
    assert validate(graph) == []


def test_there_are_good_fixtures_with_empty_reports():
    good = [c for c in CASES if c.stem.startswith("good")]
    assert good and all(expected(c) == [] for c in good)


def _checks() -> list[str]:
    """Every property shape a node shape uses, and every SPARQL-constrained node shape.

    The members of an sh:or are left out: pySHACL reports a failed sh:or under the node shape
    that holds it, which then counts as the check.
    """
    shapes = read_graphs(resources.shapes_files())
    or_members = {m for lst in shapes.objects(None, SH["or"]) for m in Collection(shapes, lst)}
    checks = {shorten(s) for s in shapes.objects(None, SH.property) if s not in or_members}
    checks |= {shorten(s) for s in shapes.subjects(SH["or"], None)}
    checks |= {shorten(s) for s in shapes.subjects(SH.sparql, None)}
    return sorted(checks)


def test_the_shapes_are_many():
    assert len(_checks()) >= 60


@pytest.mark.parametrize("check", _checks())
def test_every_check_fires_on_some_fixture(check):
    fired = {row[2] for case in CASES for row in expected(case)}
    assert check in fired, f"no fixture makes {check} fire"


def test_every_property_shape_speaks_to_the_analyst():
    shapes = read_graphs(resources.shapes_files())
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        for prop in (SH.name, SH.description, SH.message):
            assert shapes.value(shape, prop) is not None, f"{shorten(shape)} lacks {shorten(prop)}"
