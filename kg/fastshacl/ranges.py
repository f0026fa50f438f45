"""sh:minInclusive as pySHACL decides it, and the values the store settles.

pySHACL (MinInclusiveConstraintComponent) fails a blank node, an IRI, a string against a
non-string bound and the reverse; otherwise it orders the two literals with compare_literal,
which falls back on rdflib's ordering of terms (an ill-typed xsd:integer is ordered by its
lexical form). The store settles only integers and decimals at or above a numeric bound.
"""

from datetime import datetime, time

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.fastshacl.errors import DataError
from kg.fastshacl.terms import sparql_term
from kg.namespaces import shorten

_NUMERIC = frozenset({XSD.integer, XSD.decimal, XSD.double, XSD.float})


def surely_at_least(variable: str, minimum: Literal) -> str | None:
    """A SPARQL condition true only for values pySHACL finds at or above `minimum`."""
    if minimum.datatype not in _NUMERIC or minimum.ill_typed:
        return None
    return (
        f"isLiteral({variable}) && DATATYPE({variable}) IN (<{XSD.integer}>, <{XSD.decimal}>) "
        f"&& {variable} >= {sparql_term(minimum)}"
    )


def at_least(value: Node, minimum: Literal) -> bool:
    """Whether pySHACL finds `value` at or above `minimum` (_evaluate_min_rule)."""
    if isinstance(value, BNode | URIRef):
        return False
    if not isinstance(value, Literal):
        raise DataError(f"pySHACL cannot compare {shorten(value)} with sh:minInclusive")
    if isinstance(minimum.value, str) != isinstance(value.value, str):
        return False
    try:
        return _compare(value, minimum) >= 0
    except (TypeError, NotImplementedError):
        return False


def _compare(left: Literal, right: Literal) -> int:
    """pySHACL's compare_literal."""
    if left.eq(right):
        return 0
    if type(left.value) in (datetime, time):
        if left.value == right.value:
            return 0
        if left.value > right.value:
            return 1
    elif left > right:
        return 1
    return -1
