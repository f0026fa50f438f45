"""Shapes to SPARQL: one SELECT per constraint, answering for all focus nodes at once.

The property shapes' constraints are in kg.fastshacl.properties; here are the node shapes'
own: sh:or, and the SPARQL constraints (kg.fastshacl.select).
"""

from rdflib import Graph
from rdflib.namespace import SH

from kg.fastshacl.errors import UnsupportedShapeError
from kg.fastshacl.messages import one_message, sparql_template
from kg.fastshacl.model import Alternative, NodeShape, SparqlConstraint
from kg.fastshacl.properties import property_queries
from kg.fastshacl.queries import ConstraintQuery, ShapeQueries
from kg.fastshacl.readings import FocusAsValue, SparqlResults
from kg.fastshacl.select import rewrite
from kg.fastshacl.shapes import read_shapes
from kg.fastshacl.targets import focus_nodes
from kg.fastshacl.terms import sparql_term
from kg.namespaces import shorten


def compile_shapes(shapes: Graph) -> ShapeQueries:
    """The constraint queries of a shapes graph; raises UnsupportedShapeError for any SHACL
    feature not implemented here, rather than leave it unchecked."""
    queries: list[ConstraintQuery] = []
    for shape in read_shapes(shapes):
        focus = focus_nodes(shape.targets)
        for prop in shape.properties:
            queries += property_queries(focus, prop)
        for alternatives in shape.alternatives:
            queries += _or_query(focus, shape, alternatives)
        for constraint in shape.sparql:
            queries.append(_sparql_query(focus, shape, constraint))
    return ShapeQueries(tuple(queries))


def _sparql_query(focus: str, shape: NodeShape, constraint: SparqlConstraint) -> ConstraintQuery:
    """A SPARQL constraint, its sh:select run once for all focus nodes."""
    try:
        rewritten = rewrite(constraint.select, constraint.prefixes, focus)
    except UnsupportedShapeError as refused:
        raise UnsupportedShapeError(f"{shorten(constraint.node)}: {refused}") from None
    return ConstraintQuery(
        shape=shape.node,
        component=SH.SPARQLConstraintComponent,
        parameter=shorten(constraint.node),
        sparql=rewritten.sparql,
        severity=shape.report.severity,
        reading=SparqlResults(
            projection=rewritten.projection,
            filters=rewritten.filters,
            template=sparql_template(shape.report, constraint.messages, constraint.node),
            variables=tuple(v for f in rewritten.filters for v in f.variables),
        ),
        focus=focus,
    )


def _or_query(
    focus: str, shape: NodeShape, alternatives: tuple[Alternative, ...]
) -> list[ConstraintQuery]:
    """sh:or of property shapes that each need a value: focus nodes that have none of them."""
    if any(a.path is None or a.min_count == 0 for a in alternatives):
        return []  # a member always holds
    holds = " || ".join(
        f"EXISTS {{ ?this {sparql_term(a.path)} ?value }}" for a in alternatives if a.path
    )
    sparql = f"SELECT ?this WHERE {{\n  {focus}\n  FILTER (!({holds}))\n}}\n"
    members = " ".join(shorten(a.shape) for a in alternatives)
    return [
        ConstraintQuery(
            shape=shape.node,
            component=SH.OrConstraintComponent,
            parameter=f"({members})",
            sparql=sparql,
            severity=shape.report.severity,
            reading=FocusAsValue(one_message(shape.report)),
            focus=focus,
        )
    ]
