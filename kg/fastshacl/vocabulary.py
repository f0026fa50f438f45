"""The SHACL terms the fast validator understands, and the audit that refuses all others.

The audit looks at every triple of the shapes graph, not only at the shapes it finds: a SHACL
term it does not know (sh:closed, sh:rule, sh:target, a sh:ConstraintComponent...) stops the
compilation, so no part of the shapes can be skipped without notice.
"""

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.fastshacl.errors import UnsupportedShapeError
from kg.namespaces import shorten

SH_OR = URIRef(f"{SH}or")
SH_CLASS = URIRef(f"{SH}class")

TARGETS = frozenset({SH.targetClass, SH.targetSubjectsOf})
"""Target declarations of node shapes."""

REPORTING = frozenset({SH.message, SH.severity, SH.deactivated})
"""What a shape says about its results rather than about the data."""

DESCRIPTIVE = frozenset({SH.name, SH.description, SH.order, SH.group, SH.defaultValue})
"""Non-validating properties (SHACL 2.3.1): ignored by validation."""

NODE_SHAPE_CONSTRAINTS = frozenset({SH.property, SH_OR, SH.sparql})
"""Constraints a targeted node shape may have."""

PROPERTY_SHAPE_CONSTRAINTS = frozenset(
    {
        SH.minCount,
        SH.maxCount,
        SH.datatype,
        SH_CLASS,
        SH.nodeKind,
        SH.pattern,
        SH.uniqueLang,
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH.hasValue,
        SH.lessThan,
        SH.lessThanOrEquals,
        SH.minInclusive,
    }
)
"""Constraints a property shape of a targeted node shape may have."""

SPARQL_CONSTRAINT_TERMS = frozenset({SH.select, SH.prefixes, SH.message, SH.deactivated})

PREFIX_TERMS = frozenset({SH.declare, SH.prefix, SH.namespace})

KNOWN_PREDICATES = (
    TARGETS
    | REPORTING
    | DESCRIPTIVE
    | NODE_SHAPE_CONSTRAINTS
    | PROPERTY_SHAPE_CONSTRAINTS
    | SPARQL_CONSTRAINT_TERMS
    | PREFIX_TERMS
    | {SH.path, SH.languageIn}
)
"""Every SHACL predicate the shapes graph may use anywhere."""

KNOWN_TYPES = frozenset({SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint, SH.PropertyGroup})
"""Every SHACL class the shapes graph may type a node with."""


def audit(shapes: Graph) -> None:
    """Refuse a shapes graph that uses any SHACL predicate or class not implemented here."""
    unknown: set[str] = set()
    for s, p, o in shapes:
        if _in_shacl(p) and p not in KNOWN_PREDICATES:
            unknown.add(f"{shorten(p)} (on {_name(shapes, s)})")
        if p == RDF.type and _in_shacl(o) and o not in KNOWN_TYPES:
            unknown.add(f"rdf:type {shorten(o)} (on {_name(shapes, s)})")
    if unknown:
        raise UnsupportedShapeError(
            "the fast SHACL validator does not implement "
            + "; ".join(sorted(unknown))
            + ". Implement it in kg/fastshacl (with a differential test against pySHACL) or "
            "validate with pySHACL (kg.validation)."
        )


def _name(shapes: Graph, node: Node) -> str:
    """A node for people: a blank node by the node that refers to it."""
    if isinstance(node, BNode):
        referrer = next(iter(shapes.subjects(None, node)), None)
        return f"a blank node of {shorten(referrer)}" if referrer is not None else "a blank node"
    return shorten(node)


def _in_shacl(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(SH))
