"""The pieces the exactness rests on: what the store may settle alone, what Oxigraph changes in
literals, how SPARQL constraints are split between the store and rdflib, how stores are read."""

import itertools

import pyoxigraph as ox
import pytest
from fastshacl_support import QUERIES, SHAPES, data_of
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

from kg.dataset import load_dataset, union
from kg.fastshacl import StoreFidelityError, compile_shapes, store_from_graph, validate_store
from kg.fastshacl.datatypes import accepts, surely_accepted
from kg.fastshacl.fidelity import RECORDED
from kg.fastshacl.select import rewrite
from kg.fastshacl.terms import nt, to_rdflib
from kg.namespaces import SHAPES as APS


def _surely(datatype: URIRef, values: list[Literal]) -> list[Literal]:
    """The values the store settles as accepted for `datatype`."""
    rows = " ".join(nt(v) for v in values)
    query = (
        f"SELECT ?v WHERE {{ VALUES ?v {{ {rows} }} FILTER ({surely_accepted(datatype, '?v')}) }}"
    )
    answer = ox.Store().query(query)
    assert isinstance(answer, ox.QuerySolutions)
    return [to_rdflib(row["v"]) for row in answer]  # type: ignore[misc]


def test_the_store_accepts_only_dates_that_rdflib_finds_well_formed():
    years = ["0000", "0001", "0099", "0999", "1000", "1900", "2000", "2023", "2024", "9999"]
    days = [f"{d:02}" for d in range(34)]
    months = [f"{m:02}" for m in range(14)]
    lexical = [f"{y}-{m}-{d}" for y, m, d in itertools.product(years, months, days)]
    lexical += ["2026-02-05Z", "2026-02-05+01:00", "-2026-02-05", "2026-2-5", "20260205"]
    values = [Literal(text, datatype=ns.XSD.date) for text in lexical]
    settled = _surely(ns.XSD.date, values)
    assert len(settled) > 1000
    assert all(accepts(value, ns.XSD.date) for value in settled)


@pytest.mark.parametrize(
    "datatype", [ns.XSD.gYear, ns.XSD.anyURI, ns.XSD.string, ns.RDF.langString]
)
def test_the_store_accepts_only_what_pyshacl_accepts(datatype):
    odd = ["", " ", "2010", "abcd", "-0001", "2010Z", "http://x y", "\n", "x" * 300]
    values = [Literal(t, datatype=datatype) for t in odd if datatype != ns.RDF.langString]
    values += [Literal(t) for t in odd] + [Literal(t, lang="en") for t in odd]
    values += [Literal(t, datatype=ns.XSD.token) for t in odd]
    settled = _surely(datatype, values)
    assert settled
    assert all(accepts(value, datatype) for value in settled)


SAMPLES = [
    *(
        Literal(text, datatype=ns.XSD[name])
        for name, texts in {
            "integer": ["01", "+5", "-0", "99999999999999999999"],
            "int": ["12", "-1"],
            "nonNegativeInteger": ["12", "-1"],
            "positiveInteger": ["0"],
            "long": ["5"],
            "unsignedByte": ["300"],
            "decimal": ["1550.0", "01.50", ".5", "1550"],
            "double": ["1.0E0", "INF", "-0.0"],
            "float": ["1.50", "NaN"],
            "boolean": ["1", "true"],
            "date": ["2026-02-05Z", "2026-02-30", "0000-01-01", "2026-02-05+05:00"],
            "dateTime": ["2026-02-05T24:00:00", "2026-02-05T10:00:00+00:00"],
            "dateTimeStamp": ["2026-02-05T10:00:00Z"],
            "time": ["24:00:00", "10:00:00.500", "10:00:00+00:00"],
            "duration": ["PT0S", "P1Y0M", "P5Y"],
            "dayTimeDuration": ["PT24H"],
            "yearMonthDuration": ["P12M", "P0Y"],
            "gYear": ["2010+00:00", "02010", "2010"],
            "gYearMonth": ["2010-05+00:00"],
            "gDay": ["---05+00:00"],
            "gMonth": ["--05"],
            "gMonthDay": ["--05-01"],
            "anyURI": ["http://x y"],
            "string": ["x"],
            "token": [" a  b "],
            "hexBinary": ["ab"],
        }.items()
        for text in texts
    ),
]


def test_the_literal_record_covers_every_literal_oxigraph_changes():
    """What Oxigraph gives back must read in rdflib as the literal the data held, unless the
    datatype is one the literal record keeps (so a new pyoxigraph that changes more fails here)."""
    graph = Graph()
    for index, literal in enumerate(SAMPLES):
        graph.add((URIRef(f"urn:x-test:{index}"), URIRef("urn:x-test:p"), literal))
    store = ox.Store()
    store.load(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    changed = set()
    for quad in store:
        held = graph.value(URIRef(quad.subject.value), URIRef("urn:x-test:p"))
        back = to_rdflib(quad.object)
        assert isinstance(held, Literal) and isinstance(back, Literal)
        if (str(back), back.datatype, back.ill_typed) != (str(held), held.datatype, held.ill_typed):
            changed.add(held.datatype)
    assert changed, "the samples no longer show any change; check them"
    assert changed <= RECORDED, changed - RECORDED


def test_compiled_queries_are_deterministic_and_name_every_check():
    again = compile_shapes(SHAPES)
    assert again.text() == QUERIES.text()
    text = QUERIES.text()
    for check in ("Labelled-label", "Position-stanceInScheme", "StatementWordingShape"):
        assert f"aps:{check}" in text
    store = ox.Store()
    for query in QUERIES:
        assert list(store.query(query.sparql)) == []  # type: ignore[call-overload]


def _constraint(name: str):
    (query,) = [q for q in QUERIES if q.parameter == f"aps:{name}"]
    return query


def test_pattern_filters_stay_in_the_store_and_expressions_go_to_rdflib():
    stance = _constraint("Position-stanceInScheme")
    assert stance.reading.filters == ()  # type: ignore[union-attr]
    assert "FILTER (NOT EXISTS" in stance.sparql
    (year,) = _constraint("Event-yearMatchesDay").reading.filters  # type: ignore[union-attr]
    assert "YEAR(?day)" in year.expression
    assert "YEAR" not in _constraint("Event-yearMatchesDay").sparql
    either = _constraint("Treaty-changeNotAfterExpiry")
    assert "EXISTS { ?value a ap:Extension } || EXISTS" in either.sparql
    (later,) = either.reading.filters  # type: ignore[union-attr]
    assert later.expression.strip() == "(?changeDay > ?expiryDay)"
    assert "?changeDay > ?expiryDay" in either.sparql  # the pre-test on well-formed dates


def test_an_unparsable_select_is_refused_before_anything_runs():
    with pytest.raises(ValueError, match="OPTIONAL"):
        rewrite("SELECT $this WHERE { OPTIONAL { $this a ?c } }", (), "{ }")


def test_a_store_without_literal_record_is_refused_unless_trusted():
    graph = union(load_dataset())
    store = ox.Store()
    store.load(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    with pytest.raises(StoreFidelityError, match="QuantitativeLimit-maximum"):
        validate_store(store, queries=QUERIES)
    assert validate_store(store, queries=QUERIES, trust_store_literals=True) == []


def test_store_from_graph_keeps_blank_nodes_and_leaves_out_literal_subjects():
    graph = Graph()
    node = BNode("keep-me")
    graph.add((node, ns.RDFS.label, Literal("x")))
    graph.add((Literal("a literal"), ns.RDFS.label, Literal("y")))  # rdflib allows it
    store = store_from_graph(graph)
    subjects = {q.subject for q in store if q.graph_name == ox.DefaultGraph()}
    assert subjects == {ox.BlankNode("keep-me")}


def test_shapes_or_queries_but_not_both():
    with pytest.raises(ValueError, match="not both"):
        validate_store(ox.Store(), SHAPES, queries=QUERIES)


def test_the_default_shapes_are_the_project_shapes():
    data = data_of([])
    assert validate_store(store_from_graph(data)) == validate_store(
        store_from_graph(data), queries=QUERIES
    )
    assert APS["Labelled-label"] in {q.shape for q in QUERIES}
