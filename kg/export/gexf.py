"""GEXF 1.2 (namespace http://www.gexf.net/1.2draft), for Gephi.

Written here rather than by networkx's writer, which stamps the day of writing into the file
(so the same data would give different bytes tomorrow) and numbers edges 0, 1, 2 while it
adds a `networkx_key` column; here an edge's GEXF id is its key (the position's id in the
stances view), and networkx reads the file back to the same graph.
"""

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

import networkx as nx

from kg.export.graphs import Value
from kg.export.projection import Projection
from kg.export.xmltext import xml_safe

NAMESPACE = "http://www.gexf.net/1.2draft"
SCHEMA_LOCATION = f"{NAMESPACE} {NAMESPACE}/gexf.xsd"
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def render(projection: Projection) -> bytes:
    """The projection as a GEXF 1.2 document (UTF-8), valid against the GEXF 1.2 schema."""
    graph = xml_safe(projection.graph)
    root = ET.Element(
        "gexf",
        {
            "xmlns": NAMESPACE,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": SCHEMA_LOCATION,
            "version": "1.2",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "actors-positions-kg"
    ET.SubElement(meta, "description").text = f"{projection.view} view"
    body = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    node_ids = _declare(body, "node", "n", _columns(d for _, d in graph.nodes(data=True)))
    edge_ids = _declare(body, "edge", "e", _columns(d for *_, d in graph.edges(data=True)))
    nodes = ET.SubElement(body, "nodes", {"count": str(graph.number_of_nodes())})
    for node, attrs in graph.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": str(attrs.get("label", ""))})
        _values(element, attrs, node_ids)
    edges = ET.SubElement(body, "edges", {"count": str(graph.number_of_edges())})
    for source, target, key, attrs in _edges(graph):
        element = ET.SubElement(
            edges,
            "edge",
            {"id": key, "source": source, "target": target, "label": str(attrs.get("label", ""))},
        )
        _values(element, attrs, edge_ids)
    ET.indent(root, space="  ")
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _edges(graph: "nx.MultiDiGraph[str]") -> list[tuple[str, str, str, dict[str, Value]]]:
    return [(str(s), str(t), str(k), d) for s, t, k, d in graph.edges(keys=True, data=True)]


def _columns(records: Iterable[Mapping[str, Value]]) -> dict[str, str]:
    """Attribute name to GEXF type, in first-seen order; `label` is the element's own."""
    columns: dict[str, str] = {}
    for attrs in records:
        for name, value in attrs.items():
            if name != "label" and name not in columns:
                columns[name] = _TYPES[type(value)]
    return columns


def _declare(body: ET.Element, kind: str, prefix: str, columns: dict[str, str]) -> dict[str, str]:
    """An <attributes> block; returns attribute name to its GEXF id (n0, n1 / e0, e1...)."""
    block = ET.SubElement(body, "attributes", {"class": kind, "mode": "static"})
    ids: dict[str, str] = {}
    for number, (name, gexf_type) in enumerate(columns.items()):
        ids[name] = f"{prefix}{number}"
        ET.SubElement(block, "attribute", {"id": ids[name], "title": name, "type": gexf_type})
    return ids


def _values(element: ET.Element, attrs: Mapping[str, Value], ids: dict[str, str]) -> None:
    values = ET.SubElement(element, "attvalues")
    for name, value in attrs.items():
        if name in ids:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            ET.SubElement(values, "attvalue", {"for": ids[name], "value": text})
