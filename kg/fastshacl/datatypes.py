"""sh:datatype as pySHACL decides it, and a SPARQL test that accepts only what it surely accepts.

pySHACL (DatatypeConstraintComponent) accepts a literal whose datatype is the rule's and that
rdflib does not find ill-typed, a plain literal for xsd:string, a language-tagged one for
rdf:langString. "Ill-typed" is rdflib's notion: for xsd:date a Python date must come out
("2026-02-30" and "0000-01-01" fail), while datatypes rdflib does not know (xsd:gYear) accept
any lexical form. The store answers the common case (`surely_accepted`); every other value comes
back to Python and is decided by `accepts`, with rdflib, exactly as pySHACL decides it.
"""

from datetime import date, datetime, time
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

_SURELY_ACCEPTED: dict[URIRef, str] = {
    RDF.langString: 'isLiteral({v}) && LANG({v}) != ""',
    XSD.string: 'isLiteral({v}) && LANG({v}) = "" && DATATYPE({v}) = <' + str(XSD.string) + ">",
    # Any year but 0000, any month, days up to the 28th: always a Python date.
    XSD.date: "isLiteral({v}) && DATATYPE({v}) = <" + str(XSD.date) + "> && REGEX(STR({v}), "
    '"^([1-9][0-9]{{3}}|0[1-9][0-9]{{2}}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])-'
    '(0[1-9]|1[0-9]|2[0-8])$")',
    # rdflib maps no Python type to these, so it never finds them ill-typed.
    XSD.gYear: "isLiteral({v}) && DATATYPE({v}) = <" + str(XSD.gYear) + ">",
    XSD.anyURI: "isLiteral({v}) && DATATYPE({v}) = <" + str(XSD.anyURI) + ">",
}

_INTEGERS = (
    "integer nonNegativeInteger positiveInteger nonPositiveInteger negativeInteger long int short "
    "byte unsignedLong unsignedInt unsignedShort unsignedByte"
)
LOSSY: frozenset[URIRef] = frozenset(
    {*(XSD[name] for name in _INTEGERS.split()), XSD.dateTime, XSD.dateTimeStamp}
)
"""Datatypes that a store cannot tell apart: Oxigraph keeps an xsd:int, an
xsd:nonNegativeInteger... as an xsd:integer, and an xsd:dateTimeStamp as an xsd:dateTime. A
sh:datatype among these needs the datatype record (kg.fastshacl.fidelity)."""

COLLAPSED: dict[URIRef, URIRef] = {
    **{d: XSD.integer for d in LOSSY if d not in (XSD.integer, XSD.dateTime, XSD.dateTimeStamp)},
    XSD.dateTimeStamp: XSD.dateTime,
}
"""Datatype in the data -> the datatype Oxigraph stores it under."""


def surely_accepted(datatype: URIRef, variable: str) -> str | None:
    """A SPARQL condition on `variable` true only for values pySHACL accepts for `datatype`,
    or None when the store cannot tell (every value then goes to `accepts`)."""
    if datatype in LOSSY:
        return None
    condition = _SURELY_ACCEPTED.get(datatype)
    return condition.format(v=variable) if condition is not None else None


def accepts(value: Node, datatype: URIRef) -> bool:
    """Whether pySHACL finds `value` of `datatype` (DatatypeConstraintComponent.evaluate)."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        return value.ill_typed is not True and _actually(value, datatype)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype and value.datatype:
        return True
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return _actually(value, datatype)
    if datatype == RDF.langString and value.language:
        return _actually(value, datatype)
    return False


_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def _actually(value: Literal, datatype: URIRef) -> bool:
    """pySHACL's _assert_actual_datatype: the Python value has the type; unknown types pass."""
    expected = _PYTHON_TYPES.get(datatype)
    return expected is None or isinstance(value.value, expected)
