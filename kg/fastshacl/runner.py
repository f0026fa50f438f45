"""Run the compiled constraint queries on a store and report as kg.validation reports.

The queries run on a pool of threads, one per CPU: Oxigraph evaluates a query without holding
Python's interpreter lock, so two queries run at once on two cores.
"""

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.fastshacl.compiler import compile_shapes
from kg.fastshacl.errors import StoreFidelityError
from kg.fastshacl.fidelity import Originals, data_graphs, has_record
from kg.fastshacl.queries import ConstraintQuery, ShapeQueries
from kg.namespaces import shorten
from kg.validation import Violation, load_shapes


def validate_store(
    store: ox.Store,
    shapes: Graph | None = None,
    *,
    queries: ShapeQueries | None = None,
    trust_store_literals: bool = False,
    merged_default_graph: bool = False,
) -> list[Violation]:
    """The violations of the data in `store` (the union of its graphs), sorted: the list
    kg.validation.validate gives for the same data.

    Give the shapes graph (default: the project's shapes) or queries compiled from it. Some
    constraints (sh:datatype xsd:integer, sh:minInclusive...) can be decided as pySHACL decides
    them only with the literal record beside the data (kg.fastshacl.fidelity), because the store
    keeps some literals as other terms than the data gave (an xsd:int as an xsd:integer). A
    store without the record raises StoreFidelityError for those, unless `trust_store_literals`:
    then the store's terms are taken for the data's.

    `merged_default_graph`: the store's default graph already holds the merge of its named
    graphs (as kg.store keeps it), so only the default graph is read; otherwise every triple
    would be read once per graph holding it and once more from the merge.
    """
    if queries is not None and shapes is not None:
        raise ValueError("give the shapes or the queries compiled from them, not both")
    if queries is None:
        queries = compile_shapes(shapes if shapes is not None else load_shapes())
    if not trust_store_literals and not has_record(store):
        needing = sorted({shorten(q.shape) for q in queries if q.needs_record})
        if needing:
            raise StoreFidelityError(
                f"{', '.join(needing)} check literals the store may hold as other terms than the "
                "data gave (Oxigraph reads every integer-derived datatype back as xsd:integer, "
                "and canonicalises values) and the store has no literal record: load the data "
                "with kg.fastshacl.store_from_graph, or add kg.fastshacl.record_nquads(triples) "
                "to the N-Quads loaded with them and mark the record with "
                "kg.fastshacl.mark_recorded(store), or pass trust_store_literals=True"
            )
    options = {} if merged_default_graph else data_graphs(store)
    return run_queries(store, [(q, q.sparql) for q in queries], options)


def run_queries(
    store: ox.Store,
    work: Sequence[tuple[ConstraintQuery, str]],
    options: Mapping[str, object] | None = None,
) -> list[Violation]:
    """Run each query's SPARQL text (its own, or a narrowed one) with the store query `options`
    and read its rows as the query's violations, all sorted."""
    options = options or {}
    originals = Originals(store)

    def violations_of(item: tuple[ConstraintQuery, str]) -> list[Violation]:
        query, sparql = item
        solutions = store.query(sparql, **options)  # type: ignore[arg-type]
        assert isinstance(solutions, ox.QuerySolutions)
        rows = list(solutions)
        del solutions  # Oxigraph's result iterator must be freed by the thread that made it
        return [
            Violation(
                focus=_name(outcome.focus),
                path=_name(outcome.path),
                message=outcome.message,
                severity=query.severity,
                shape=_name(query.shape),
                value=_name(outcome.value),
            )
            for outcome in query.reading.outcomes(rows, originals)
        ]

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = pool.map(violations_of, work)
        return sorted(violation for violations in found for violation in violations)


def _name(node: Node | None) -> str:
    return shorten(node) if node is not None else "-"
