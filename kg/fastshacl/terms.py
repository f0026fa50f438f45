"""Terms between Oxigraph and rdflib, and in SPARQL text.

Checks that must match pySHACL exactly (datatypes, patterns, comparisons, SPARQL filters) run on
rdflib terms, with rdflib's own semantics; the store's terms are turned into the rdflib terms
the same data parsed by rdflib would hold.
"""

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.store import nt, to_oxigraph, to_rdflib

__all__ = ["nt", "sparql_string", "sparql_term", "text_of", "to_oxigraph", "to_rdflib"]

_XSD_STRING = str(XSD.string)


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
