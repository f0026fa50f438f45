"""Every stance is on the page a reviewer opens (issue 14, point 6): the stances page of
`kg docs`, and the page pyLODE 3.3.4 makes of stances.ttl.

pyLODE 3.3.4 lists no SKOS concept in either profile (its `vocpub` renders OWL classes and
properties only) and merges every concept scheme of a file into one header: with the CAMEO and
PLOVER schemes in stances.ttl, its page showed three titles under the PLOVER scheme's IRI and no
stance. So each file holds one scheme, and the stance scheme's description, which pyLODE shows,
names the ten stances; these tests keep both true.
"""

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from review_html import Page

from kg import resources
from kg.namespaces import STANCE
from kg.review import render_docs
from kg.review.docs import DocsResult

ONTOLOGY = Graph()
for _path in resources.ontology_files():
    ONTOLOGY.parse(_path)
STANCES = [
    "supports",
    "conditionally supports",
    "commits to",
    "demands",
    "opposes",
    "rejects",
    "refuses to participate",
    "regrets",
    "defers to others",
    "noncommittal",
]


@pytest.fixture(scope="module")
def stances_page(tmp_path_factory) -> Page:
    docs: DocsResult = render_docs(tmp_path_factory.mktemp("docs") / "site")
    return Page((docs.out_dir / "stances.html").read_text(encoding="utf-8"))


def test_the_scheme_has_the_ten_stances():
    labels = {
        str(ONTOLOGY.value(c, SKOS.prefLabel))
        for c in ONTOLOGY.subjects(SKOS.inScheme, STANCE.scheme)
    }
    assert labels == set(STANCES)


def test_the_stances_page_lists_every_stance_with_its_definition(stances_page):
    sections = [a["id"] for _, a in stances_page.tags if (a.get("id") or "").startswith("stance-")]
    concepts = {
        str(c).removeprefix(str(STANCE)): c for c in ONTOLOGY.subjects(SKOS.inScheme, STANCE.scheme)
    }
    assert sections == [f"stance-{n}" for n in (
        "Supports", "ConditionallySupports", "CommitsTo", "Demands", "Opposes", "Rejects",
        "RefusesToParticipate", "Regrets", "DefersToOthers", "Noncommittal",
    )]  # fmt: skip
    for section in sections:
        concept = concepts[section.removeprefix("stance-")]
        text = stances_page.text(section)
        assert str(ONTOLOGY.value(concept, SKOS.prefLabel)) in text
        assert str(ONTOLOGY.value(concept, SKOS.definition)) in text


def test_the_scheme_description_names_every_stance():
    """What pyLODE shows of the scheme: its description, with every stance in it."""
    description = str(ONTOLOGY.value(STANCE.scheme, DCTERMS.description))
    listed = re.match(r"The closed list of values for ap:stance: (.*?)\. ", description)
    assert listed is not None
    assert re.split(r", | and ", listed[1]) == STANCES


@pytest.mark.parametrize("path", sorted(resources.ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_every_file_holds_one_ontology_or_concept_scheme(path):
    graph = Graph().parse(path)
    headers = [
        *graph.subjects(RDF.type, OWL.Ontology),
        *graph.subjects(RDF.type, SKOS.ConceptScheme),
    ]
    assert len(headers) == 1, f"{path.name}: pyLODE merges {headers} into one page header"


def test_the_concept_schemes_and_their_files():
    schemes = {}
    for path in sorted(resources.ONTOLOGY_DIR.glob("*.ttl")):
        for scheme in Graph().parse(path).subjects(RDF.type, SKOS.ConceptScheme):
            schemes[path.name] = scheme
    assert schemes == {
        "cameo.ttl": URIRef("https://w3id.org/actors-positions/cameo/scheme"),
        "plover.ttl": URIRef("https://w3id.org/actors-positions/plover/scheme"),
        "stances.ttl": STANCE.scheme,
    }
