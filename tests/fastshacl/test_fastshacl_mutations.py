"""The fast path agrees with pySHACL on odd data too: the good fixtures, each property given
values of the wrong kind, ill-typed or canonicalised literals, extra values, missing types.

Each case replaces (or adds to) the values of one property on its first two subjects. The odd
literals are where the engines differ (rdflib's notion of an ill-typed literal and its ordering
of terms, Oxigraph's canonical forms), so they are where the fast path must defer to rdflib.
"""

import pytest
from fastshacl_support import (
    GOOD_CASES,
    agree,
    by_fast_path,
    by_pyshacl,
    graph_of_store,
    plain_store,
    with_inferences,
)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.term import Node

from kg import resources
from kg.fastshacl import store_from_graph
from kg.loading import read_graphs
from kg.namespaces import AP, ID, STANCE

BASE = read_graphs([*resources.ontology_files(), *GOOD_CASES])


def _date(text: str) -> Literal:
    return Literal(text, datatype=ns.XSD.date)


DAYS: list[Node] = [
    _date("2026-02-30"),
    _date("2026-2-5"),
    _date("2026-02-05Z"),
    _date("2026-02-05+05:00"),
    _date("0000-01-01"),
    _date("2026-02-29"),
    _date("2024-02-29"),
    _date("1999-12-31"),
    _date("20260205"),
    _date("2026-02-05T10:00:00Z"),
    Literal("2026-02-05T10:00:00", datatype=ns.XSD.dateTime),
    Literal("2026-02-05T24:00:00", datatype=ns.XSD.dateTime),
    Literal("2026-02-05T10:00:00+00:00", datatype=ns.XSD.dateTimeStamp),
    Literal("2026", datatype=ns.XSD.gYear),
    Literal("2010-04", datatype=ns.XSD.gYearMonth),
    Literal("2026-02-05"),
    Literal("2026-02-05", lang="en"),
    Literal(5),
    ID["x"],
    BNode("b1"),
]
YEARS: list[Node] = [
    Literal("abcd", datatype=ns.XSD.gYear),
    Literal("2010+00:00", datatype=ns.XSD.gYear),
    Literal("2010-05:00", datatype=ns.XSD.gYear),
    Literal("02010", datatype=ns.XSD.gYear),
    Literal("2010", datatype=ns.XSD.integer),
    Literal("2011"),
    _date("2010-04-08"),
]
NUMBERS: list[Node] = [
    Literal("-0", datatype=ns.XSD.integer),
    Literal("+5", datatype=ns.XSD.integer),
    Literal("abc", datatype=ns.XSD.integer),
    Literal("99999999999999999999999", datatype=ns.XSD.integer),
    Literal("5", datatype=ns.XSD.int),
    Literal("-5", datatype=ns.XSD.int),
    Literal("-1", datatype=ns.XSD.nonNegativeInteger),
    Literal("1.5", datatype=ns.XSD.decimal),
    Literal("1550.0", datatype=ns.XSD.decimal),
    Literal("1e3", datatype=ns.XSD.double),
    Literal("NaN", datatype=ns.XSD.double),
    Literal("5"),
    ID["x"],
]
TEXTS: list[Node] = [
    Literal("Russia"),
    Literal("Russia", datatype=ns.XSD.string),
    Literal("Russia", lang="EN"),
    Literal("Russia", lang="en-GB"),
    Literal("Rossiya", lang="EN-gb"),
    Literal("Russland", lang="de"),
    Literal("", lang="en"),
    Literal(1),
    ID["russia"],
    BNode("b2"),
]
LINKS: list[Node] = [
    URIRef("http://www.wikidata.org/entity/Q159"),
    URIRef("http://www.wikidata.org/entity/Q0"),
    URIRef("https://www.wikidata.org/wiki/Q159"),
    URIRef("http://www.wikidata.org/entity/Q1 59"),
    Literal("http://www.wikidata.org/entity/Q159"),
    Literal("http://www.wikidata.org/entity/Q159\n"),
]
LANGUAGES: list[Node] = [
    Literal("en\n"),
    Literal("EN"),
    Literal("zh-Hans"),
    Literal("en", lang="en"),
    Literal("en", datatype=ns.XSD.token),
    Literal("english"),
]
ADDRESSES: list[Node] = [
    Literal("https://x"),
    Literal("https://x", datatype=ns.XSD.anyURI),
    Literal("ftp://x", datatype=ns.XSD.anyURI),
    Literal("https://x y", datatype=ns.XSD.anyURI),
    URIRef("https://x"),
]
NODES: list[Node] = [
    Literal("Russia"),
    Literal("x", lang="en"),
    ID["nobody"],
    ID["source/x"],
    ID["no body"],
]
STANCES: list[Node] = [Literal("Supports"), STANCE["Supports"], STANCE["ConditionallySupports"]]
LENGTHS: list[Node] = [
    Literal("P5Y0M", datatype=ns.XSD.duration),
    Literal("5Y", datatype=ns.XSD.duration),
    Literal("P5Y", datatype=ns.XSD.yearMonthDuration),
    Literal(5),
]

PLAN: dict[URIRef, list[Node]] = {
    AP.statedOn: DAYS,
    ns.DCTERMS.date: DAYS,
    AP.occurredOn: DAYS,
    AP.occurredInYear: YEARS + DAYS[:8],
    AP.since: DAYS,
    AP.until: DAYS[:12],
    AP.termStart: DAYS[:12],
    AP.extendedUntil: DAYS[:12],
    AP.proposedOn: DAYS[:6],
    AP.maximum: NUMBERS,
    ns.RDFS.label: TEXTS,
    ns.DCTERMS.title: TEXTS,
    AP.quote: TEXTS[:6],
    AP.shortName: TEXTS[:6],
    ns.SKOS.exactMatch: LINKS,
    ns.DCTERMS.language: LANGUAGES,
    ns.SDO.url: ADDRESSES,
    AP.holder: NODES,
    AP.speaker: NODES,
    AP.target: NODES,
    AP.supersedes: NODES,
    AP.condition: NODES,
    AP.stance: STANCES,
    AP.extensionLength: LENGTHS,
}
CASES = [
    pytest.param(p, v, mode, id=f"{p.split('#')[-1].split('/')[-1]}-{mode}-{i}")
    for p, values in PLAN.items()
    for i, v in enumerate(values)
    for mode in ("replace", "add")
]


@pytest.mark.parametrize(("predicate", "value", "mode"), CASES)
def test_odd_values_give_the_report_of_pyshacl(predicate, value, mode):
    graph = _copy(BASE)
    for subject in sorted(set(BASE.subjects(predicate, None)), key=str)[:2]:
        if mode == "replace":
            graph.remove((subject, predicate, None))
        graph.add((subject, predicate, value))
    _check(with_inferences(graph))
    if mode == "replace":
        _check_trusted(graph)


TYPED = sorted({o for o in BASE.objects(None, ns.RDF.type) if str(o).startswith(str(AP))}, key=str)


@pytest.mark.parametrize("cls", TYPED, ids=lambda c: c.split("#")[-1])
def test_nodes_without_their_type_give_the_report_of_pyshacl(cls):
    """Untyped nodes leave their shapes and fail sh:class wherever they are values."""
    graph = _copy(BASE)
    graph.remove((None, ns.RDF.type, cls))
    _check(with_inferences(graph))


def test_values_that_collapse_into_one_stored_term_count_apart():
    """5 as xsd:int, xsd:long and xsd:integer: three values for pySHACL, one term in the store."""
    graph = _copy(BASE)
    for subject in BASE.subjects(AP.maximum, None):
        graph.remove((subject, AP.maximum, None))
        for datatype in (ns.XSD.int, ns.XSD.long, ns.XSD.integer):
            graph.add((subject, AP.maximum, Literal("5", datatype=datatype)))
    _check(with_inferences(graph))


def _check(graph: Graph) -> None:
    reference = by_pyshacl(graph)
    fast = by_fast_path(store_from_graph(graph))
    assert agree(reference, fast), f"pySHACL: {reference}\nfast path: {fast}"


def _check_trusted(graph: Graph) -> None:
    """Without literal record, trusting the store: pySHACL's report on the store's own terms."""
    store = plain_store(graph)
    reference = by_pyshacl(graph_of_store(store))
    fast = by_fast_path(store, trusted=True)
    assert agree(reference, fast), f"pySHACL: {reference}\nfast path: {fast}"


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy
