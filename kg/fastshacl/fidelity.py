"""The literal record: what the store changes about literals, kept beside the data.

Oxigraph stores literals by value. An xsd:int or xsd:nonNegativeInteger (any integer-derived
datatype) comes back as an xsd:integer, an xsd:dateTimeStamp as an xsd:dateTime, "x"^^xsd:string
as the simple literal "x" (one term in RDF 1.1, two in rdflib); "1550.0" as "1550",
"2010+00:00"^^xsd:gYear as "2010Z", "24:00:00" as "00:00:00" of the next day. pySHACL,
on the rdflib graph, sees what the data said. So the loader also writes every literal of these
datatypes, its datatype encoded in one Oxigraph keeps verbatim, into a graph of its own; the
validator reads the originals there (`Originals`) and leaves the graph out of the data.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.fastshacl.datatypes import LOSSY
from kg.fastshacl.terms import nt

RECORD_GRAPH = URIRef("urn:x-kg-fastshacl:literal-record")
"""The named graph that holds the literal record."""
_ENCODING = "urn:x-kg-fastshacl:datatype:"

RECORDED: frozenset[URIRef] = LOSSY | {
    XSD.string,
    XSD.decimal,
    XSD.time,
    XSD.gYear,
    XSD.gYearMonth,
    XSD.gMonth,
    XSD.gDay,
    XSD.gMonthDay,
}
"""Datatypes whose literals the store may give back as other terms than rdflib reads."""

STORED_FORM = f"STRDT(STR({{entry}}), IRI(SUBSTR(STR(DATATYPE({{entry}})), {len(_ENCODING) + 1})))"
"""SPARQL for the term the store holds for a record entry (the store canonicalises it the
same way as on loading)."""

Triple = tuple[Node, Node, Node]


def record_triples(triples: Iterable[Triple]) -> Iterator[Triple]:
    """The literal record of `triples`: each literal of a recorded datatype, its datatype
    encoded (to go into RECORD_GRAPH)."""
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype in RECORDED:
            yield s, p, Literal(str(o), datatype=URIRef(_ENCODING + str(o.datatype)))


def record_nquads(triples: Iterable[Triple]) -> str:
    """The literal record of `triples` as N-Quads, to load in the same document as the data
    (blank node labels are local to a document)."""
    graph = f"<{RECORD_GRAPH}>"
    return "".join(f"{nt(s)} {nt(p)} {nt(o)} {graph} .\n" for s, p, o in record_triples(triples))


def has_record(store: ox.Store) -> bool:
    """Whether the store was loaded with a literal record (even an empty one)."""
    return bool(store.contains_named_graph(ox.NamedNode(str(RECORD_GRAPH))))


def mark_recorded(store: ox.Store) -> None:
    """Declare the store's literal record complete (it may be empty)."""
    store.add_graph(ox.NamedNode(str(RECORD_GRAPH)))


def data_graphs(store: ox.Store) -> dict[str, object]:
    """Query options that make the default graph the union of the data, without the record."""
    if not has_record(store):
        return {"use_default_graph_as_union": True}
    record = ox.NamedNode(str(RECORD_GRAPH))
    graphs: list[object] = [ox.DefaultGraph()]
    graphs += [g for g in store.named_graphs() if g != record]
    return {"default_graph": graphs}


class Originals:
    """The literals the data held, by the term the store holds for them."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self._by_triple: dict[tuple[object, object, object], list[Literal]] = defaultdict(list)
        self._by_term: dict[object, set[Literal]] = defaultdict(set)
        if store is None or not has_record(store):
            return
        stored = STORED_FORM.format(entry="?entry")
        query = (
            f"SELECT DISTINCT ?s ?p ?entry ?stored WHERE {{ GRAPH <{RECORD_GRAPH}> "
            f"{{ ?s ?p ?entry }} BIND ({stored} AS ?stored) }}"
        )
        rows = store.query(query)
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            original = _decode(row["entry"])
            self._by_triple[(row["s"], row["p"], row["stored"])].append(original)
            if original.datatype != XSD.string:  # plain twins are not recorded
                self._by_term[row["stored"]].add(original)

    def of_triple(self, subject: object, predicate: object, stored: object) -> list[Literal]:
        """The originals of the stored object of a triple (none if it is not recorded)."""
        return self._by_triple.get((subject, predicate, stored), [])

    def of_term(self, stored: object) -> Literal | None:
        """The one original of a stored term, when the data held only one literal for it
        (known for every recorded datatype but xsd:string, whose plain twins are not recorded)."""
        originals = self._by_term.get(stored)
        if originals is not None and len(originals) == 1:
            return next(iter(originals))
        return None


def _decode(term: object) -> Literal:
    if not (isinstance(term, ox.Literal) and term.datatype.value.startswith(_ENCODING)):
        raise ValueError(f"not a literal record entry: {term!r}")
    return Literal(term.value, datatype=URIRef(term.datatype.value[len(_ENCODING) :]))
