"""`kg lint`: every quality check fires on a broken ontology and stays quiet on a good one; the
project's own ontology has no ERROR.

Expected reports are data (after DCAT-AP's test folder): fixtures/broken.ttl beside
fixtures/broken.expected.tsv, the exact report it must produce.
"""

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import InputError, KgError
from kg.review import lint, load_profile, review_graph
from kg.review.checks import QUALITY_DIR, quality_checks
from kg.review.lint import HEADER, term_text
from kg.review.profile import PROFILE_FILE, SEVERITIES

HERE = Path(__file__).parent
BROKEN = HERE / "fixtures" / "broken.ttl"
GOOD = HERE / "fixtures" / "good.ttl"
EMBEDDED_EXPECTED = HERE / "expected" / "embedded-project.lint.tsv"
CHECKS = sorted(quality_checks())


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert next(reader) == list(HEADER)
        return list(reader)


@pytest.fixture(scope="module")
def broken():
    return lint([BROKEN])


@pytest.fixture(scope="module")
def good():
    return lint([GOOD])


@pytest.fixture(scope="module")
def embedded():
    return lint(review_graph())


def test_the_checks_are_many():
    assert len(CHECKS) >= 25


def test_broken_ontology_gives_exactly_the_expected_report(broken):
    assert [list(row.cells()) for row in broken.rows] == read_tsv(
        BROKEN.with_suffix(".expected.tsv")
    )


def test_the_report_as_tsv_is_the_expected_file(broken):
    assert broken.tsv() == BROKEN.with_suffix(".expected.tsv").read_text(encoding="utf-8")


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_fires_on_the_broken_ontology(check, broken):
    assert check in broken.checks_fired(), f"fixtures/broken.ttl does not make {check} fire"


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_stays_quiet_on_the_good_ontology(check, good):
    assert check not in good.checks_fired()


def test_the_good_ontology_has_an_empty_report(good):
    assert good.rows == () and good.errors == 0


def test_error_count(broken):
    assert broken.errors == sum(
        1 for row in read_tsv(BROKEN.with_suffix(".expected.tsv")) if row[0] == "ERROR"
    )
    assert broken.errors > 0 and broken.warnings > 0 and broken.infos > 0


def test_our_ontology_has_no_error(embedded):
    assert [row for row in embedded.rows if row.severity == "ERROR"] == []


def test_our_ontology_gives_exactly_the_expected_warnings_and_hints(embedded):
    assert [list(row.cells()) for row in embedded.rows] == read_tsv(EMBEDDED_EXPECTED)


def test_every_check_is_in_the_profile_and_every_profile_line_is_a_check():
    profile = load_profile()
    assert sorted(profile.severities) == CHECKS
    assert set(profile.severities.values()) == set(SEVERITIES)


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_opens_with_the_header_and_returns_entity_property_value(check):
    query = quality_checks()[check]
    lines = query.text.splitlines()
    assert lines[0].startswith("# # ")
    assert lines[1].startswith("# **Question:** ")
    assert lines[2] == "# **Parameters:** none"
    assert lines[3] == "# **Returns:** ?entity ?property ?value"
    assert re.search(r"^SELECT DISTINCT \?entity \?property \?value$", query.text, re.MULTILINE)
    result = Graph().query(query.text)
    assert [str(v) for v in result.vars or []] == ["entity", "property", "value"]


def test_only_violation_files_and_the_profile_live_in_the_quality_folder():
    names = {p.name for p in QUALITY_DIR.iterdir()}
    assert names == {f"{c}-violation.rq" for c in CHECKS} | {PROFILE_FILE.name}


def test_a_misspelt_term_in_a_query_file_is_an_undeclared_term(tmp_path):
    query = tmp_path / "typo.rq"
    query.write_text("SELECT ?s WHERE { ?s a ap:Statment ; ap:speaker ?x }\n", encoding="utf-8")
    report = lint([query])
    assert [row.cells() for row in report.rows] == [
        ("ERROR", "undeclared-term", "ap:Statment", "dcterms:references", "<urn:kg:query:typo>"),
        ("ERROR", "undeclared-term", "ap:speaker", "dcterms:references", "<urn:kg:query:typo>"),
    ]


def test_files_are_reviewed_with_the_ontology(tmp_path):
    extension = tmp_path / "extension.ttl"
    extension.write_text(
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ap:Ministry a owl:Class ; rdfs:subClassOf ap:Organisation ; rdfs:label "ministry"@en .\n',
        encoding="utf-8",
    )
    report = lint(review_graph(files=[extension]))
    new = [row.cells() for row in report.rows if row.entity == "ap:Ministry"]
    assert new == [
        ("ERROR", "missing-definition", "ap:Ministry", "skos:definition", ""),
        ("WARN", "missing-is-defined-by", "ap:Ministry", "rdfs:isDefinedBy", ""),
        ("INFO", "unused-class", "ap:Ministry", "rdf:type", ""),
    ]


def test_a_profile_with_an_unknown_severity_names_the_line(tmp_path):
    bad = tmp_path / "profile.tsv"
    bad.write_text("check\tseverity\nmissing-label\tFATAL\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"profile.tsv:2: expected 'check<TAB>severity'"):
        load_profile(bad)


def test_a_check_without_a_severity_is_refused(tmp_path):
    partial = tmp_path / "profile.tsv"
    partial.write_text("check\tseverity\nmissing-label\tERROR\n", encoding="utf-8")
    with pytest.raises(KgError, match="has no severity; add a line"):
        lint([GOOD], load_profile(partial))


def test_a_check_returning_other_columns_is_refused(tmp_path):
    (tmp_path / "odd-violation.rq").write_text(
        "# # Odd\n# **Question:** ?\n# **Parameters:** none\n# **Returns:** ?entity\n"
        "SELECT ?entity WHERE { ?entity ?p ?o }\n",
        encoding="utf-8",
    )
    profile = tmp_path / "profile.tsv"
    profile.write_text("check\tseverity\nodd\tINFO\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"must return exactly \?entity \?property \?value"):
        lint([GOOD], load_profile(profile), checks_dir=tmp_path)


def test_literals_show_their_language_datatype_and_invisible_characters():
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    assert term_text(Literal("a\tb\n", lang="en")) == '"a\\tb\\n"@en'
    assert term_text(Literal("1", datatype=XSD.integer)) == '"1"^^xsd:integer'
    assert term_text(Literal('say "hi"')) == '"say \\"hi\\""'
    assert term_text(BNode()) == "[]"
    assert term_text(None) == ""
