"""Helpers of the differential tests: the same data through pySHACL and through the fast path."""

import logging
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal

from kg import resources
from kg.fastshacl import DataError, ShapeQueries, compile_shapes, store_from_graph, validate_store
from kg.fastshacl.fidelity import mark_recorded, record_nquads
from kg.fastshacl.terms import nt, to_rdflib
from kg.loading import read_graphs
from kg.reasoning import infer
from kg.validation import Violation, load_shapes, validate

FIXTURES = Path(__file__).resolve().parent.parent / "shapes" / "fixtures"
CASES = sorted(FIXTURES.glob("*.ttl"))
BAD_CASES = [c for c in CASES if not c.stem.startswith("good")]
GOOD_CASES = [c for c in CASES if c.stem.startswith("good")]

SHAPES = load_shapes()
QUERIES: ShapeQueries = compile_shapes(SHAPES)

Outcome = list[Violation] | str
"""The violations, or the name of the error raised instead."""


def data_of(paths: Iterable[Path]) -> Graph:
    """What kg.validation.violations_of_files validates: ontology, files, inferences."""
    data = read_graphs([*resources.ontology_files(), *paths])
    data += infer(data)
    return data


def with_inferences(graph: Graph) -> Graph:
    graph += infer(graph)
    return graph


def by_pyshacl(graph: Graph, shapes: Graph = SHAPES) -> Outcome:
    try:
        return validate(graph, shapes)
    except Exception as error:  # pySHACL fails on some odd data; the fast path must fail too
        return f"raised {type(error).__name__}"


def by_fast_path(
    store: ox.Store,
    shapes: Graph | None = None,
    queries: ShapeQueries = QUERIES,
    trusted: bool = False,
) -> Outcome:
    try:
        if shapes is not None:
            return validate_store(store, shapes, trust_store_literals=trusted)
        return validate_store(store, queries=queries, trust_store_literals=trusted)
    except DataError:
        return "raised"


def agree(reference: Outcome, fast: Outcome) -> bool:
    """The same violations, or both raised."""
    if isinstance(reference, str) or isinstance(fast, str):
        return isinstance(reference, str) and isinstance(fast, str)
    return reference == fast


def assert_same(graph: Graph, shapes: Graph | None = None) -> list[Violation]:
    """Validate `graph` both ways; fail with the differences when they disagree."""
    reference = by_pyshacl(graph, shapes if shapes is not None else SHAPES)
    fast = by_fast_path(store_from_graph(graph), shapes)
    if not agree(reference, fast):
        raise AssertionError(_difference(reference, fast))
    return reference if isinstance(reference, list) else []


def _difference(reference: Outcome, fast: Outcome) -> str:
    if isinstance(reference, str) or isinstance(fast, str):
        return f"pySHACL: {str(reference)[:2000]}\nfast path: {str(fast)[:2000]}"
    lines = [f"pySHACL only: {v}" for v in reference if v not in fast]
    lines += [f"fast path only: {v}" for v in fast if v not in reference]
    lines.append(f"{len(reference)} results from pySHACL, {len(fast)} from the fast path")
    return "\n".join(lines)


def store_of_dataset(dataset: Dataset, duplicate_into_default: bool = True) -> ox.Store:
    """The dataset's graphs as named graphs of a store, as a build loads them, with the
    literal record; optionally each triple also in the default graph (kg.store's layout)."""
    lines: list[str] = []
    triples = []
    for graph in dataset.graphs():
        name = f"<{graph.identifier}>"
        for s, p, o in graph:
            lines.append(f"{nt(s)} {nt(p)} {nt(o)} {name} .\n")
            if duplicate_into_default:
                lines.append(f"{nt(s)} {nt(p)} {nt(o)} .\n")
            triples.append((s, p, o))
    store = ox.Store()
    store.load("".join(lines) + record_nquads(triples), format=ox.RdfFormat.N_QUADS)
    mark_recorded(store)
    return store


def plain_store(graph: Graph) -> ox.Store:
    """The graph in a store without literal record, as a loader unaware of it leaves it."""
    text = "".join(
        f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in graph if not isinstance(s, Literal)
    )
    store = ox.Store()
    store.load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
    return store


def graph_of_store(store: ox.Store) -> Graph:
    """What the store holds, read back into rdflib (as kg.store.graph_of reads it)."""
    graph = Graph()
    for quad in store:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # odd literals are the point here
