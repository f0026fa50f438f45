"""Cytoscape.js JSON: the elements format that Cytoscape.js and Cytoscape desktop read.

Every element's attributes go into its `data`, with `id` (the node id or the edge key),
`source` and `target`, and `name` (the label, the column Cytoscape desktop shows).
"""

import json
from typing import Any

from kg.export.projection import Projection

RESERVED = frozenset({"id", "source", "target", "parent", "name"})
"""Keys Cytoscape gives a meaning; no projection attribute may take them."""


def elements(projection: Projection) -> dict[str, list[dict[str, Any]]]:
    """The graph as Cytoscape.js elements: {"nodes": [{"data": ...}], "edges": [...]}."""
    graph = projection.graph
    nodes = [
        {"data": {"id": node, "name": attrs.get("label", node), **_checked(attrs)}}
        for node, attrs in graph.nodes(data=True)
    ]
    edges = [
        {
            "data": {
                "id": key,
                "source": source,
                "target": target,
                "name": attrs.get("label", key),
                **_checked(attrs),
            }
        }
        for source, target, key, attrs in graph.edges(keys=True, data=True)
    ]
    return {"nodes": nodes, "edges": edges}


def _checked(attrs: dict[str, Any]) -> dict[str, Any]:
    if clash := sorted(RESERVED & attrs.keys()):
        raise ValueError(f"attribute {clash[0]!r} would shadow a Cytoscape key")
    return attrs


def render(projection: Projection) -> bytes:
    """A Cytoscape JSON document (UTF-8), as Cytoscape desktop writes and reads it."""
    document = {
        "format_version": "1.0",
        "generated_by": "actors-positions-kg",
        "target_cytoscapejs_version": "~3.35",
        "data": {"name": f"{projection.view} view", "view": projection.view},
        "elements": elements(projection),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
