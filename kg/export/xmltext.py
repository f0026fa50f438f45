"""Text that XML can hold: XML 1.0 forbids most control characters, even escaped.

An RDF literal may contain them (Turtle allows \\u0001), and ElementTree writes them as they
are, which makes a file no XML reader accepts; the XML exports replace them with U+FFFD.
"""

import re

import networkx as nx

from kg.export.graphs import Attrs

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """`value` with every character XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def xml_safe(graph: "nx.MultiDiGraph[str]") -> "nx.MultiDiGraph[str]":
    """A copy of `graph` whose ids and string values XML can hold, in the same order."""
    safe: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        safe.add_node(xml_text(node), **_clean(attrs))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        safe.add_edge(xml_text(source), xml_text(target), key=xml_text(key), **_clean(attrs))
    return safe


def _clean(attrs: Attrs) -> Attrs:
    return {
        xml_text(name): xml_text(value) if isinstance(value, str) else value
        for name, value in attrs.items()
    }
