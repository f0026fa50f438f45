"""Fast SHACL validation: the project's shapes as SPARQL over an Oxigraph store.

pySHACL (kg.validation) stays the reference; this reports exactly what it reports, checking
each constraint for all focus nodes in one query, and deferring to rdflib wherever the two
engines could disagree (well-formed literals, orderings, regular expressions, SPARQL filters).

    queries = compile_shapes(shapes)          # inspectable SPARQL, one query per constraint
    store = store_from_graph(graph)           # or any store with the literal record
    violations = validate_store(store, queries=queries)
    # after a change to a store that conformed, re-checking only what the change can affect:
    violations = validate_changes(store, queries, added, removed)

Implemented: sh:targetClass, sh:targetSubjectsOf; property shapes with an IRI sh:path and
sh:minCount, sh:maxCount, sh:datatype, sh:class, sh:nodeKind, sh:pattern (no sh:flags),
sh:uniqueLang, sh:hasValue (IRIs), sh:lessThan, sh:lessThanOrEquals, sh:minInclusive,
sh:qualifiedValueShape with sh:qualifiedMinCount (a node shape of sh:languageIn); on node
shapes sh:or of property shapes needing a value, and sh:sparql (sh:select of triple patterns,
FILTERs and constant BINDs, with sh:prefixes and message templates); sh:message, sh:severity,
sh:deactivated. Anything else in a shapes graph raises UnsupportedShapeError when compiled.
"""

from kg.fastshacl.compiler import compile_shapes
from kg.fastshacl.errors import DataError, StoreFidelityError, UnsupportedShapeError
from kg.fastshacl.fidelity import RECORD_GRAPH, mark_recorded, record_nquads
from kg.fastshacl.incremental import validate_changes
from kg.fastshacl.loading import store_from_graph
from kg.fastshacl.queries import ConstraintQuery, ShapeQueries
from kg.fastshacl.runner import validate_store

__all__ = [
    "RECORD_GRAPH",
    "ConstraintQuery",
    "DataError",
    "ShapeQueries",
    "StoreFidelityError",
    "UnsupportedShapeError",
    "compile_shapes",
    "mark_recorded",
    "record_nquads",
    "store_from_graph",
    "validate_changes",
    "validate_store",
]
