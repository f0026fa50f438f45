"""Graphviz DOT: pydot parses every export back to the same nodes, edges and attributes."""

import pydot
import pytest
from export_support import DEFAULTS, dot_text, edges_of, exported, nodes_of, projected

from kg.export import VIEWS
from kg.export.dot import quote

LOOK = {"shape", "fillcolor", "color", "fontcolor", "style"}
"""Graphviz attributes the writer adds for drawing; the rest is the graph's own data."""

pytestmark = pytest.mark.filterwarnings("ignore:'setParseAction' deprecated")


def parsed(view):
    (graph,) = pydot.graph_from_dot_file(str(exported(view, "dot").path), encoding="utf-8")
    return graph


@pytest.mark.parametrize("view", list(VIEWS))
def test_pydot_reads_back_the_same_graph(view):
    dot = parsed(view)
    graph = projected(view)
    nodes = {
        dot_text(n.get_name()): {dot_text(k): dot_text(v) for k, v in n.get_attributes().items()}
        for n in dot.get_nodes()
        if n.get_name() not in DEFAULTS
    }
    expected_nodes = {
        n: {k: _text(v) for k, v in d.items() if v != ""} for n, d in nodes_of(graph).items()
    }
    assert {n: {k: v for k, v in a.items() if k not in LOOK} for n, a in nodes.items()} == (
        expected_nodes
    )
    edges = {}
    for edge in dot.get_edges():
        attrs = {
            dot_text(k): dot_text(v) for k, v in edge.get_attributes().items() if k not in LOOK
        }
        key = attrs.pop("key")
        edges[(dot_text(edge.get_source()), dot_text(edge.get_destination()), key)] = attrs
    assert edges == {
        k: {name: _text(value) for name, value in d.items() if value != ""}
        for k, d in edges_of(graph).items()
    }


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_superseded_positions_are_dashed_and_coloured_by_stance():
    dot = parsed("stances")
    looks = {
        dot_text(e.get_attributes()["key"]): (
            dot_text(e.get_attributes().get("style", '""')),
            dot_text(e.get_attributes()["color"]),
        )
        for e in dot.get_edges()
    }
    positions = "<https://w3id.org/actors-positions/id/position/united-states"
    assert looks[f"{positions}/supports/one-year-limits>"] == ("dashed", "#1a9850")
    assert looks[f"{positions}/rejects/one-year-limits>"] == ("", "#a50026")


def test_quoting_escapes_what_would_end_the_string():
    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert dot_text(quote('a "b" \\ c\nd')) == 'a "b" \\ c\nd'
