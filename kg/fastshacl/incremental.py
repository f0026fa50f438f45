"""Validation after a change: re-check only the focus nodes the change can affect.

An incremental build updates the store of a build that conformed, and knows which triples of
the default graph it added and removed. A constraint query's answer can then change only for
focus nodes that some changed triple reaches through the query's own patterns
(kg.fastshacl.footprint): those are found with small queries (the probes' chains, run over the
graph before and after the change at once), and each constraint query runs again for them
only. Wherever that reasoning does not apply, the query runs for all its focus nodes; never is
a focus node guessed to be unaffected.

    violations = validate_changes(store, queries, added, removed)
    # == validate_store(store, queries=queries, trust_store_literals=True,
    #                   merged_default_graph=True)   when the store conformed before the change
"""

import logging
import os
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.fastshacl.fidelity import RECORD_GRAPH, has_record
from kg.fastshacl.footprint import THIS, Chain, Footprint, Probe, footprint_of
from kg.fastshacl.queries import ConstraintQuery, ShapeQueries
from kg.fastshacl.runner import run_queries
from kg.fastshacl.sparql_tree import Const, Term
from kg.validation import Violation

log = logging.getLogger(__name__)

REMOVED_GRAPH = ox.NamedNode("urn:x-kg-fastshacl:removed-triples")
"""Holds the removed triples while the chains run (over it and the default graph), so that
they see the graph before and after the change at once; dropped afterwards."""

Written = ox.NamedNode | ox.Literal
"""A term a query can name (a blank node of the store cannot be written in SPARQL)."""
Node = ox.NamedNode | ox.Literal | ox.BlankNode


@dataclass(frozen=True)
class Impact:
    """Which constraint queries a change can affect, and where."""

    foci: Mapping[int, frozenset[Written]]
    """By query index: the focus nodes to check again (queries absent here and from `whole`
    cannot change)."""
    whole: Mapping[int, str]
    """By query index: why the query must run for all its focus nodes."""
    chain_queries: int
    """How many chain queries found the focus nodes."""

    def work(self, queries: ShapeQueries) -> list[tuple[ConstraintQuery, str]]:
        """Each query to run again, with the SPARQL text to run it with."""
        work: list[tuple[ConstraintQuery, str]] = []
        for index, query in enumerate(queries):
            if index in self.whole:
                work.append((query, query.sparql))
            elif self.foci.get(index):
                nodes = sorted(str(node) for node in self.foci[index])
                work.append((query, query.restricted_to(nodes)))
        return work

    def summary(self) -> str:
        nodes = {node for foci in self.foci.values() for node in foci}
        reasons = sorted(set(self.whole.values()))
        return (
            f"{self.chain_queries} chain queries; {len(self.foci)} queries for {len(nodes)} "
            f"focus nodes; {len(self.whole)} queries for all"
            + (f" ({'; '.join(reasons)})" if reasons else "")
        )


def validate_changes(
    store: ox.Store,
    queries: ShapeQueries,
    added: Collection[ox.Triple],
    removed: Collection[ox.Triple],
) -> list[Violation]:
    """The violations of the store after a change of its default graph, sorted.

    Precondition: before the change, the store had no violation of any severity, and its
    default graph is the merge of its data (as kg.build keeps it); `added` and `removed` are
    exactly the triples the change added to and removed from the default graph, and no named
    graph the queries read (the literal record) changed. Then this returns what
    validate_store(store, queries=queries, trust_store_literals=True,
    merged_default_graph=True) returns, running only what the change can affect. The store
    must be writable: the removed triples are held in it while the focus nodes are found.
    """
    if not added and not removed:
        return []
    impact = impact_of(store, queries, added, removed)
    log.debug("%d triples changed: %s", len(added) + len(removed), impact.summary())
    return run_queries(store, impact.work(queries))


def impact_of(
    store: ox.Store,
    queries: ShapeQueries,
    added: Collection[ox.Triple],
    removed: Collection[ox.Triple],
) -> Impact:
    """Which queries the change can affect, and for which focus nodes (see validate_changes)."""
    changed = {*added, *removed}
    by_predicate: dict[str, list[ox.Triple]] = defaultdict(list)
    for triple in changed:
        by_predicate[triple.predicate.value].append(triple)
    record = has_record(store)
    whole: dict[int, str] = {}
    nodes: dict[int, set[Node]] = {}
    chained: dict[Chain, set[str]] = defaultdict(set)
    users: dict[Chain, set[int]] = defaultdict(set)
    for index, query in enumerate(queries):
        reach = _reach(footprint_of(query.sparql, query.focus), by_predicate, changed, record)
        if reach.whole is not None:
            whole[index] = reach.whole
            continue
        nodes[index] = reach.nodes
        for chain, rows in reach.rows.items():
            chained[chain] |= rows
            users[chain].add(index)
    for chain, found in _run_chains(store, chained, removed).items():
        for index in users[chain]:
            nodes[index] |= found
    foci: dict[int, frozenset[Written]] = {}
    for index, found in nodes.items():
        written = frozenset(n for n in found if isinstance(n, ox.NamedNode | ox.Literal))
        if len(written) < len(found):
            whole[index] = "a blank node among the focus nodes"
        elif written:
            foci[index] = written
    return Impact(foci, whole, len(chained))


@dataclass
class _Reach:
    """What the changed triples reach in one query: focus nodes, and rows for chain queries
    that find more; or why the query must run whole."""

    nodes: set[Node] = field(default_factory=set)
    rows: dict[Chain, set[str]] = field(default_factory=lambda: defaultdict(set))
    whole: str | None = None


def _reach(
    footprint: Footprint,
    by_predicate: Mapping[str, list[ox.Triple]],
    changed: Iterable[ox.Triple],
    record: bool,
) -> _Reach:
    reach = _Reach(whole=_reads_unknown(footprint, by_predicate, record))
    if reach.whole is not None:
        return reach
    for probe in footprint.probes:
        for binding in _matches(probe, by_predicate, changed):
            reach.whole = _note(probe, binding, reach)
            if reach.whole is not None:
                return reach
    return reach


def _reads_unknown(
    footprint: Footprint, by_predicate: Mapping[str, list[ox.Triple]], record: bool
) -> str | None:
    """Why the change may affect the query anywhere, if it may."""
    if footprint.unbounded is not None:
        return footprint.unbounded
    if footprint.opaque_any or any(p in by_predicate for p in footprint.opaque):
        return "a changed predicate is followed by a path with *, + or ?"
    # GRAPH <literal record> matches nothing before and after in a store without the record
    # (kg.build's); other named graphs may change without the default graph changing.
    if footprint.graphs - {str(RECORD_GRAPH)} or (record and footprint.graphs):
        return "reads a named graph, whose changes are not given"
    return None


def _matches(
    probe: Probe, by_predicate: Mapping[str, list[ox.Triple]], changed: Iterable[ox.Triple]
) -> Iterator[dict[str, object]]:
    """The bindings of the probe's variables by each changed triple that matches it."""
    for predicate, inverse in probe.options:
        candidates = by_predicate.get(predicate, ()) if predicate is not None else changed
        for triple in candidates:
            ends: tuple[object, object] = (triple.subject, triple.object)
            subject, object_ = ends[::-1] if inverse else ends
            binding: dict[str, object] = {}
            named = probe.predicate
            if (
                _bind(probe.subject, subject, binding)
                and _bind(probe.object, object_, binding)
                and (named is None or _bind_name(named, triple.predicate, binding))
            ):
                yield binding


def _bind(slot: Term, term: object, binding: dict[str, object]) -> bool:
    if isinstance(slot, Const):
        # A literal constant is not compared: the store may hold it in another form.
        return slot.iri is None or (isinstance(term, ox.NamedNode) and term.value == slot.iri)
    return _bind_name(slot.name, term, binding)


def _bind_name(name: str, term: object, binding: dict[str, object]) -> bool:
    if name in binding:
        return bool(binding[name] == term)
    binding[name] = term
    return True


def _note(probe: Probe, binding: dict[str, object], reach: _Reach) -> str | None:
    """Note the focus nodes a match reaches: directly, or as a row of its chain query.
    Returns why the whole query must run instead, if it must."""
    chain = probe.chain
    if chain is None:
        return "a changed triple matches a pattern not joined to ?this"
    values = [binding[name] for name in chain.variables]
    if not all(isinstance(value, ox.NamedNode | ox.Literal) for value in values):
        return "a changed triple holds a blank node"
    if not chain.patterns:
        focus = binding[THIS]
        assert isinstance(focus, ox.NamedNode | ox.Literal)
        reach.nodes.add(focus)
    else:
        reach.rows[chain].add(" ".join(str(value) for value in values))
    return None


def _run_chains(
    store: ox.Store, chains: Mapping[Chain, set[str]], removed: Collection[ox.Triple]
) -> dict[Chain, set[Node]]:
    """The focus nodes each chain reaches, over the default graph and the removed triples."""
    if not chains:
        return {}
    texts = {chain: chain.query(sorted(rows)) for chain, rows in chains.items()}
    options: dict[str, object] = {}
    if removed:
        store.extend(ox.Quad(t.subject, t.predicate, t.object, REMOVED_GRAPH) for t in removed)
        options = {"default_graph": [ox.DefaultGraph(), REMOVED_GRAPH]}

    def focus_nodes(text: str) -> set[Node]:
        solutions = store.query(text, **options)  # type: ignore[arg-type]
        assert isinstance(solutions, ox.QuerySolutions)
        found = {row[THIS] for row in solutions}
        del solutions  # Oxigraph's result iterator must be freed by the thread that made it
        return found

    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            return dict(zip(texts, pool.map(focus_nodes, texts.values()), strict=True))
    finally:
        if removed:
            store.remove_graph(REMOVED_GRAPH)
