"""Terms between Oxigraph and rdflib, and in SPARQL text.

Checks that must match pySHACL exactly (datatypes, patterns, comparisons, SPARQL filters) run on
rdflib terms, with rdflib's own semantics; the store's terms are turned into the rdflib terms
the same data parsed by rdflib would hold.
"""

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD_STRING = str(XSD.string)


def to_rdflib(term: object) -> Node:
    """The rdflib term for a store term.

    Literals are built with rdflib's constructor, so their lexical form is normalised the way
    rdflib normalises what it parses; a simple literal (xsd:string in RDF 1.1) becomes an
    rdflib plain literal, as a Turtle or N-Triples string without datatype does.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The store term for an rdflib term (blank nodes keep their label)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def text_of(term: object) -> str:
    """The string pySHACL matches sh:pattern against: the IRI, or the literal's lexical form."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal) and (term.language or term.datatype.value == _XSD_STRING):
        return term.value
    return str(to_rdflib(term))


def sparql_term(node: Node) -> str:
    """A shapes-graph term (IRI or literal) in SPARQL syntax."""
    if isinstance(node, URIRef):
        if any(c in str(node) for c in '<>"{}|^`\\ '):
            raise ValueError(f"IRI not writable in SPARQL: {node!r}")
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise ValueError(f"no SPARQL constant for {node!r}")


def sparql_string(text: str) -> str:
    """A Python string as a SPARQL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\r", "\\r") + '"'


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt(term: Node) -> str:
    """A term in N-Triples (and N-Quads) syntax."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"
