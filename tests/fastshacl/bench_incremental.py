"""Time validate_changes against validate_store on a copy of a built store, changing one card.

For each sampled card, from the conforming store: an edit that breaks several shapes (a
statement loses its wording, the source gets a second date, a position a conditional stance
without condition, a few triples dropped), an edit that breaks none (a label reworded), the
card rewritten (every node it names renamed: new types, new links) and the card removed; the
card is restored after each. The default graph's changes are computed
exactly (the merge of the named graphs plus what the ontology entails), the incremental result
is checked against the full one, and both are timed (medians).

    .venv/bin/python tests/fastshacl/bench_incremental.py --store /tmp/c8000/build/store \\
        --copy /tmp/bench-incremental-store --cards 5 --runs 5
"""

import argparse
import shutil
import statistics
import time
from collections.abc import Callable, Iterable
from functools import partial

import pyoxigraph as ox
from rdflib import Graph

from kg.fastshacl import compile_shapes, validate_store
from kg.fastshacl.incremental import impact_of, validate_changes
from kg.fastshacl.terms import to_oxigraph, to_rdflib
from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.reasoning import infer
from kg.store import graph_of
from kg.validation import Violation, load_shapes

AP = "https://w3id.org/actors-positions/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DEFAULT = ox.DefaultGraph()
INFERRED = ox.NamedNode(str(INFERRED_GRAPH))
QUERIES = compile_shapes(load_shapes())

Triples = set[ox.Triple]


def triples(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> Triples:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
    }


class Entailment:
    """What triples entail under kg.reasoning's rules (one premise each), with the ontology."""

    def __init__(self, store: ox.Store) -> None:
        self.ontology = graph_of(store, ONTOLOGY_GRAPH)

    def of(self, premises: Iterable[ox.Triple]) -> Triples:
        graph = Graph()
        graph += self.ontology
        given = list(premises)
        for t in given:
            graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        found = {ox.Triple(*(to_oxigraph(n) for n in triple)) for triple in infer(graph)}  # type: ignore[misc]
        return found | set(given)


def card_change(
    store: ox.Store, graph: ox.NamedNode, new: Triples, entail: Entailment
) -> tuple[Triples, Triples]:
    """Replace the card's graph by `new`; update the default graph exactly; return its
    (added, removed). The inferred graph is left as it was: validation does not read it."""
    old = triples(store, graph)
    candidates = old | new | entail.of(old) | entail.of(new)

    def elsewhere(t: ox.Triple) -> bool:
        return any(
            q.graph_name not in (graph, INFERRED, DEFAULT)
            for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)
        )

    premises: Triples = set()
    for t in candidates:
        if t.predicate == RDF_TYPE:
            found = store.quads_for_pattern(t.subject, RDF_TYPE, None, None)
        else:
            found = list(store.quads_for_pattern(t.subject, None, t.object, None))
            if not isinstance(t.object, ox.Literal):
                found += store.quads_for_pattern(t.object, None, t.subject, None)
        premises |= {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in found
            if q.graph_name not in (graph, INFERRED, DEFAULT)
        }
    supported = entail.of(new) | entail.of(premises)
    before = {t for t in candidates if ox.Quad(t.subject, t.predicate, t.object, DEFAULT) in store}
    after = {t for t in candidates if t in supported or elsewhere(t)}
    added, removed = after - before, before - after
    store.remove_graph(graph)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in new)
    for t in removed:
        store.remove(ox.Quad(t.subject, t.predicate, t.object, DEFAULT))
    store.extend(ox.Quad(t.subject, t.predicate, t.object, DEFAULT) for t in added)
    return added, removed


def corrupted(card: Triples) -> Triples:
    """The card with errors several shapes catch, and a few triples dropped."""
    new = set(card)
    by_predicate: dict[str, list[ox.Triple]] = {}
    for t in sorted(card, key=str):
        by_predicate.setdefault(t.predicate.value, []).append(t)
    statements = sorted({t.subject for t in by_predicate.get(AP + "statedOn", [])}, key=str)
    if statements:  # no quote nor reported wording (sh:or)
        new -= {
            t
            for t in card
            if t.subject == statements[0]
            and t.predicate.value in (AP + "quote", AP + "reportedWording")
        }
    for t in by_predicate.get("http://purl.org/dc/terms/date", [])[
        :1
    ]:  # a second date (sh:maxCount)
        new.add(
            ox.Triple(
                t.subject,
                t.predicate,
                ox.Literal(
                    "1999-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
                ),
            )
        )
    for t in by_predicate.get(AP + "stance", [])[:1]:  # conditional, without a condition
        new.discard(t)
        new.add(
            ox.Triple(
                t.subject,
                t.predicate,
                ox.NamedNode("https://w3id.org/actors-positions/stance/ConditionallySupports"),
            )
        )
        new -= {c for c in card if c.subject == t.subject and c.predicate.value == AP + "condition"}
    for predicate in (AP + "rationale", AP + "channel", AP + "onBehalfOf"):
        new -= set(by_predicate.get(predicate, [])[:1])
    return new


def reworded(card: Triples) -> Triples:
    """The card with one label reworded: breaks nothing."""
    labels = sorted((t for t in card if t.predicate.value.endswith("#label")), key=str)
    if not labels:
        return set(card)
    t = labels[0]
    assert isinstance(t.object, ox.Literal)
    text = ox.Literal(t.object.value + " (revised)", language=t.object.language)
    return (set(card) - {t}) | {ox.Triple(t.subject, t.predicate, text)}


def rewritten(card: Triples, key: str) -> Triples:
    """The card with every node it names renamed (new positions, statements, conditions...)."""

    def renamed(term: object) -> object:
        if isinstance(term, ox.NamedNode) and key in term.value and "/graph/" not in term.value:
            return ox.NamedNode(term.value + "-v2")
        return term

    return {ox.Triple(*(renamed(n) for n in (t.subject, t.predicate, t.object))) for t in card}  # type: ignore[misc]


def median_time(run: Callable[[], list[Violation]], runs: int) -> tuple[float, list[Violation]]:
    times, result = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a conforming build's store (not modified)")
    parser.add_argument("--copy", required=True, help="where to copy it (replaced)")
    parser.add_argument("--cards", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--full-runs", type=int, default=3)
    args = parser.parse_args()
    shutil.rmtree(args.copy, ignore_errors=True)
    ox.Store.read_only(args.store).backup(args.copy)
    store = ox.Store(args.copy)
    entail = Entailment(store)
    sources = sorted((g for g in store.named_graphs() if "/graph/source/" in g.value), key=str)
    step = max(1, len(sources) // args.cards)
    print(f"{len(sources)} source graphs; {len(QUERIES)} constraint queries")
    full_times: list[float] = []
    for graph in sources[::step][: args.cards]:
        card = triples(store, graph)
        for name, new in (
            ("corrupted", corrupted(card)),
            ("reworded", reworded(card)),
            ("rewritten", rewritten(card, graph.value.rsplit("/", 1)[1])),
            ("removed", set()),
        ):
            added, removed = card_change(store, graph, new, entail)
            impact = impact_of(store, QUERIES, added, removed)
            fast, incremental = median_time(
                partial(validate_changes, store, QUERIES, added, removed), args.runs
            )
            slow, full = median_time(
                lambda: validate_store(
                    store, queries=QUERIES, trust_store_literals=True, merged_default_graph=True
                ),
                args.full_runs,
            )
            full_times.append(slow)
            assert incremental == full, f"{graph.value} {name}: the incremental result differs"
            print(
                f"{graph.value.rsplit('/', 1)[1]} {name}: +{len(added)} -{len(removed)} triples, "
                f"{len(full)} violations; incremental {fast * 1000:.0f} ms, "
                f"full {slow * 1000:.0f} ms; {impact.summary()}",
                flush=True,
            )
            card_change(store, graph, card, entail)
    print(f"full validation median {statistics.median(full_times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
