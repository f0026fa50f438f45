"""The export formats: for each, the files it writes for an output path, and their content."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.export import cytoscape, dot, gexf, graphml, html, tables
from kg.export.projection import Projection

Renderer = Callable[[Projection, Path], dict[Path, bytes]]


@dataclass(frozen=True)
class Format:
    """An export format: what it is for, its usual file suffix, and how to render it."""

    description: str
    suffix: str
    render: Renderer


def _single(render: Callable[[Projection], bytes]) -> Renderer:
    return lambda projection, out: {out: render(projection)}


def _csv(projection: Projection, out: Path) -> dict[Path, bytes]:
    nodes, edges = tables.render(projection)
    node_path, edge_path = tables.paths(out)
    return {node_path: nodes, edge_path: edges}


FORMATS: dict[str, Format] = {
    "graphml": Format("GraphML, for yEd and Gephi", ".graphml", _single(graphml.render)),
    "gexf": Format("GEXF 1.2, for Gephi", ".gexf", _single(gexf.render)),
    "cytoscape": Format(
        "Cytoscape.js JSON, for Cytoscape and Cytoscape.js", ".cyjs", _single(cytoscape.render)
    ),
    "dot": Format("Graphviz DOT", ".dot", _single(dot.render)),
    "csv": Format(
        "CSV node and edge lists (OUT.nodes.csv, OUT.edges.csv), for spreadsheets and Gephi",
        ".csv",
        _csv,
    ),
    "html": Format(
        "one self-contained HTML page that draws the graph offline", ".html", _single(html.render)
    ),
}
"""Format name to Format, in the order `kg export --help` lists them."""
