"""Graphviz DOT, written here: no pydot or pygraphviz needed to produce it.

Every id and value is a double-quoted string in which backslashes and quotes are escaped, and
line breaks written as \\n, so no label can end the string, start an HTML-like label or a new
statement. Nodes take the shape of their kind and edges the colour of their stance, as on the
HTML page; a superseded position is dashed.
"""

import re

from kg.export.graphs import Value
from kg.export.projection import Projection
from kg.export.style import edge_colours, graphviz_shape, node_colour

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def quote(text: str) -> str:
    """A DOT double-quoted string that reads back as `text`."""
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'


def _name(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) else quote(name)


def _value(value: Value) -> str:
    if isinstance(value, bool):
        return quote("true" if value else "false")
    return quote(str(value))


def _attributes(attrs: dict[str, Value]) -> str:
    """name="value" pairs; empty strings are left out (an absent attribute reads as empty)."""
    return ", ".join(
        f"{_name(name)}={_value(value)}" for name, value in attrs.items() if value != ""
    )


def render(projection: Projection) -> bytes:
    """The projection as a DOT digraph (UTF-8)."""
    graph = projection.graph
    lines = [
        f"digraph {quote(projection.view)} {{",
        '  graph [rankdir="LR", overlap="false", splines="true", fontname="DejaVu Sans"];',
        '  node [style="filled", fontname="DejaVu Sans", fontsize="10", fontcolor="#111111"];',
        '  edge [fontname="DejaVu Sans", fontsize="8"];',
    ]
    for node, attrs in graph.nodes(data=True):
        kind = str(attrs.get("kind", ""))
        shape = {"shape": graphviz_shape(kind), "fillcolor": node_colour(kind)}
        lines.append(f"  {quote(node)} [{_attributes({**attrs, **shape})}];")
    colours = edge_colours((key, attrs) for *_, key, attrs in graph.edges(keys=True, data=True))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        look: dict[str, Value] = {"color": colours[key], "fontcolor": colours[key]}
        if attrs.get("superseded") is True:
            look["style"] = "dashed"
        edge = {"key": key, **attrs, **look}
        lines.append(f"  {quote(source)} -> {quote(target)} [{_attributes(edge)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
