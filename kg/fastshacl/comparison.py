"""sh:lessThan and sh:lessThanOrEquals as pySHACL decides them, and the pairs the store settles.

pySHACL compares with rdflib's ordering of terms, not SPARQL's `<`: two literals of different
datatypes are ordered by their datatype IRIs (so an xsd:date is "less than" an xsd:gYear), and a
string (an IRI or a string literal) against a non-string always fails. The store settles only
pairs of well-formed xsd:date literals in order, where both orderings agree; every other pair is
decided here, with rdflib.
"""

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.fastshacl.datatypes import surely_accepted
from kg.fastshacl.errors import DataError
from kg.namespaces import shorten

_XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def surely_in_order(value: str, other: str, strict: bool) -> str:
    """A SPARQL condition true only for pairs pySHACL finds in order."""
    both_dates = " && ".join(
        c for c in (surely_accepted(_XSD_DATE, value), surely_accepted(_XSD_DATE, other)) if c
    )
    return f"({both_dates} && {value} {'<' if strict else '<='} {other})"


def in_order(value: Node, other: Node, strict: bool) -> bool:
    """Whether pySHACL finds `value` less than (or equal to) `other` (_compare_lt/_compare_ltoe)."""
    for node in (value, other):
        if isinstance(node, BNode):
            raise DataError(
                f"pySHACL cannot compare the blank node {shorten(node)} with sh:lessThan or "
                "sh:lessThanOrEquals (it raises ReportableRuntimeError)"
            )
    left, left_is_string = _unwrap(value)
    right, right_is_string = _unwrap(other)
    if left_is_string != right_is_string:
        return False
    try:
        return bool(left < right if strict else left <= right)  # type: ignore[operator]
    except TypeError as error:
        raise DataError(
            f"pySHACL fails on this data: comparing {value.n3()} with {other.n3()} for "
            f"sh:lessThan{'' if strict else 'OrEquals'} raises TypeError ({error})"
        ) from error


def _unwrap(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False
