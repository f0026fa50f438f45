"""Check one card against a built graph: syntax, references and shapes, without a build.

The keys come from the build's store; the shapes run on the build's data with the card in
place of its earlier version (the stored inferences are left out and made anew, as they may
stem from that version). Only violations on the card's own nodes are reported: the rest of
the graph conformed when it was built. The SPARQL-based shapes reach any distance from a node,
so no smaller neighbourhood is exact: the check costs time in proportion to the graph.
"""

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg import resources
from kg.build import STORE_DIR
from kg.cards.compiler import KeyIndex, compile_card, declare_keys, read_card
from kg.errors import KgError
from kg.loading import read_graphs
from kg.namespaces import AP, ID, INFERRED_GRAPH, expand, source_graph
from kg.reasoning import infer
from kg.store import to_rdflib
from kg.validation import Violation, report_violations, shacl_report

# The classes whose instances a card may refer to by key (see kg.cards.compiler).
_KEYED_CLASSES = (AP.Actor, AP.Office, AP.Channel, AP.WeaponCategory, AP.Issue, AP.Treaty)


@dataclass(frozen=True)
class CardCheck:
    card: Path
    triples: int
    violations: list[Violation]


def check_card(card_path: Path, build_dir: Path) -> CardCheck:
    """Compile the card against the build in `build_dir` and validate it. Never modifies it."""
    store = _open(build_dir)
    ontology = read_graphs(resources.ontology_files())
    card = read_card(card_path)
    own = source_graph(card.key)
    index = KeyIndex.from_graph(ontology + _keyed_instances(store))
    declare_keys(card, index)
    compiled = compile_card(card, index)
    data = _others(store, own)
    for triple in compiled.triples:
        data.add(triple)
    data += infer(data)
    mine = {s for s, _, _ in compiled.triples}
    violations = report_violations(shacl_report(data), compiled.origins)
    return CardCheck(
        card_path,
        len(compiled.triples),
        [v for v in violations if expand(v.focus) in mine],
    )


def _open(build_dir: Path) -> ox.Store:
    path = build_dir / STORE_DIR
    if not path.is_dir():
        raise KgError(f"no build found ({path} is missing); run `kg build` first", build_dir)
    return ox.Store.read_only(str(path))


def _keyed_instances(store: ox.Store) -> Graph:
    """`?s a ?class` for every instance a card may refer to, from the build's store."""
    values = " ".join(f"<{c}>" for c in _KEYED_CLASSES)
    graph = Graph()
    rows = store.query(
        f"SELECT ?s ?class WHERE {{ VALUES ?class {{ {values} }} ?s a ?class "
        f'FILTER(STRSTARTS(STR(?s), "{ID}")) }}'
    )
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        graph.add((to_rdflib(row["s"]), RDF.type, to_rdflib(row["class"])))
    return graph


def _others(store: ox.Store, own: URIRef) -> Graph:
    """The build's asserted data, without the card's own graph."""
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, None):
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and name.value not in (str(own), str(INFERRED_GRAPH)):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph
