"""Check one card against a built graph: syntax, references and shapes, without a build.

The registry and the Turtle sources are read from the project on disk, as `kg build` would
read them (an actor just added to registry.ttl is known without a rebuild, issue 14); the other
cards' graphs and their keys come from the build's store. A project's first card needs no
build: there are no other cards to know. The shapes run on that data with the
card in place of its earlier version (the stored inferences are left out and made anew, as they
may stem from that version). Only violations on the card's own nodes and on those of the
registry and the Turtle sources (read from disk) are reported: the rest of the graph conformed
when it was built. The SPARQL-based shapes reach any distance from a node,
so no smaller neighbourhood is exact: the check costs time in proportion to the graph.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.build import STORE_DIR
from kg.cards.compiler import Card, KeyIndex, compile_card, declare_keys, read_card
from kg.cards.located import Mapping, Sequence
from kg.errors import KgError
from kg.namespaces import (
    AP,
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    expand,
    source_graph,
)
from kg.project import Project
from kg.reasoning import infer
from kg.sources import read_sources
from kg.store import nquads, to_rdflib
from kg.turtle_places import placed
from kg.validation import Violation, report_violations, shacl_report

# The classes whose instances a card may refer to by key (see kg.cards.compiler).
_KEYED_CLASSES = (
    AP.Actor,
    AP.Office,
    AP.Channel,
    AP.WeaponCategory,
    AP.Issue,
    AP.Treaty,
    AP.Statement,  # a card may report another card's statement (same-as)
    AP.Condition,  # and refer to another card's condition by its key
)


@dataclass(frozen=True)
class CardCheck:
    card: Path
    triples: int
    violations: list[Violation]
    reviews: list[str] = field(default_factory=list)
    """Warnings: each `review:` mark left in the card (written by `kg draft`), file:line."""


def check_card(card_path: Path, build_dir: Path, project: Project) -> CardCheck:
    """Compile the card against the project's registry and Turtle sources on disk and the other
    cards of the build in `build_dir`, and validate it. Never modifies it."""
    sources = read_sources(project)
    card = read_card(card_path)
    store = _open(build_dir, project, card_path.resolve(), sources.ontology)
    own = source_graph(card.key)
    # Read from disk instead: the registry, the Turtle sources; made anew: the inferences.
    left_out = {
        str(g) for g in (own, INFERRED_GRAPH, REGISTRY_GRAPH, *map(source_graph, sources.turtle))
    }
    index = KeyIndex.from_graph(
        sources.known() + _keyed_instances(store, sources.ontology, left_out)
    )
    declare_keys(card, index)
    compiled = compile_card(card, index)
    data = _others(store, left_out)
    data += sources.registry
    for graph in sources.turtle.values():
        data += graph
    for triple in compiled.triples:
        data.add(triple)
    data += infer(data)
    # The registry and the Turtle sources are read from disk, so their nodes are checked too:
    # they may have changed since the build, or the card may break one.
    on_disk = [sources.registry, *sources.turtle.values()]
    mine = {s for s, _, _ in compiled.triples} | {s for g in on_disk for s in g.subjects()}
    violations = report_violations(shacl_report(data), compiled.origins)
    return CardCheck(
        card_path,
        len(compiled.triples),
        placed([v for v in violations if expand(v.focus) in mine], project.turtle_files()),
        _reviews(card),
    )


def _reviews(card: Card) -> list[str]:
    """The `review:` marks left in the statements and positions of a card."""
    found = []
    for section in ("statements", "positions"):
        value = card.root.items.get(section) if card.root is not None else None
        entries = (
            value.items.values()
            if isinstance(value, Mapping)
            else (value.items if isinstance(value, Sequence) else [])
        )
        for entry in entries:
            if isinstance(entry, Mapping) and "review" in entry.keys:
                found.append(
                    f"{entry.keys['review']}: review mark left: check this "
                    f"{section[:-1]}, then delete its 'review:' line"
                )
    return found


def _open(build_dir: Path, project: Project, card: Path, ontology: Graph) -> ox.Store:
    """The build's store; without a build, when the card (a resolved path) is the project's
    only one, a store of the ontology alone (all a build would add)."""
    path = build_dir / STORE_DIR
    if path.is_dir():
        return ox.Store.read_only(str(path))
    if all(other.resolve() == card for other in project.cards()):
        store = ox.Store()
        store.load(nquads(ontology, ONTOLOGY_GRAPH), format=ox.RdfFormat.N_QUADS)
        return store
    raise KgError(
        f"no build found ({path} is missing), and the other cards are known from a build; "
        "run `kg build` first",
        build_dir,
    )


def _keyed_instances(store: ox.Store, ontology: Graph, left_out: set[str]) -> Graph:
    """`?s a ?class` for every instance a card may refer to, as stated in the build's named
    graphs but those `left_out` (the inferred graph among them: classes come from `ontology`)."""
    classes = {c for k in _KEYED_CLASSES for c in ontology.transitive_subjects(RDFS.subClassOf, k)}
    values = " ".join(f"<{c}>" for c in sorted(map(str, classes)))
    graphs = ", ".join(f"<{g}>" for g in sorted(left_out))
    graph = Graph()
    rows = store.query(
        f"SELECT DISTINCT ?s ?class WHERE {{ VALUES ?class {{ {values} }} "
        f"GRAPH ?g {{ ?s a ?class }} "
        f'FILTER(STRSTARTS(STR(?s), "{ID}") && ?g NOT IN ({graphs})) }}'
    )
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        graph.add((to_rdflib(row["s"]), RDF.type, to_rdflib(row["class"])))
    return graph


def _others(store: ox.Store, left_out: set[str]) -> Graph:
    """The build's named graphs but those `left_out`, as one graph."""
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, None):
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and name.value not in left_out:
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph
