"""Hostile text survives every format as text: markup stays escaped, formulas stay inert.

The fixture is a project of its own (kg init, two registry lines, one card) whose actor label
and quote hold `</script><img src=x onerror=alert(1)>`, whose person is named
`=HYPERLINK(...)`, whose format label starts with `-2+3 </script><script>` and whose source
label starts with `@SUM(1+1)`.
"""

import csv
import json
import re

import networkx as nx
import pydot
import pytest
from export_support import (
    DEFAULTS,
    HOSTILE_ACTOR,
    HOSTILE_FORMAT,
    HOSTILE_FORMULA,
    HOSTILE_QUOTE,
    chromium_all,
    cytoscape_load,
    dot_text,
    exported,
    gexf_schema,
    rendered,
)
from lxml import etree

from kg.export import gexf, graphml
from kg.export.graphs import build_graph
from kg.export.projection import Projection
from kg.export.tables import FORMULA_STARTS

EVIL = "id:evil-corp"
TALKS = "format:evil-talks"
MALLORY = "id:mallory"
POSITION = "<https://w3id.org/actors-positions/id/position/evil-corp/supports/evil-talks>"


def hostile(view, fmt):
    return exported(view, fmt, "hostile")


def test_the_fixture_is_as_hostile_as_intended():
    graph = nx.read_graphml(hostile("stances", "graphml").path, force_multigraph=True)
    assert graph.nodes[EVIL]["label"] == HOSTILE_ACTOR
    assert graph.nodes[TALKS]["label"] == HOSTILE_FORMAT
    assert graph.edges[EVIL, TALKS, POSITION]["quotes"] == HOSTILE_QUOTE


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_escapes_markup_and_reads_back_exactly(fmt):
    for view in ("stances", "actors"):
        path = hostile(view, fmt).path
        text = path.read_text(encoding="utf-8")
        assert "<img" not in text and "<script" not in text and "<b>" not in text
        read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert read.nodes[EVIL]["label"] == HOSTILE_ACTOR
        if view == "actors":
            assert read.nodes[MALLORY]["label"] == HOSTILE_FORMULA
    schema = gexf_schema()
    for view in ("stances", "actors"):
        assert schema.validate(etree.parse(str(hostile(view, "gexf").path))), schema.error_log


def test_cytoscape_json_keeps_the_text():
    path = hostile("stances", "cytoscape").path
    document = json.loads(path.read_text(encoding="utf-8"))
    labels = {n["data"]["id"]: n["data"]["label"] for n in document["elements"]["nodes"]}
    assert labels == {EVIL: HOSTILE_ACTOR, TALKS: HOSTILE_FORMAT}
    assert cytoscape_load(path)["labels"] == labels


def test_dot_keeps_the_text_and_no_statement_leaks():
    path = hostile("stances", "dot").path
    (graph,) = pydot.graph_from_dot_file(str(path), encoding="utf-8")
    nodes = {
        dot_text(n.get_name()): n.get_attributes()
        for n in graph.get_nodes()
        if n.get_name() not in DEFAULTS
    }
    assert sorted(nodes) == sorted([EVIL, TALKS])  # no node, edge or attribute injected
    assert dot_text(nodes[EVIL]["label"]) == HOSTILE_ACTOR
    assert dot_text(nodes[TALKS]["label"]) == HOSTILE_FORMAT
    (edge,) = graph.get_edges()
    assert dot_text(edge.get_attributes()["quotes"]) == HOSTILE_QUOTE


pytestmark = pytest.mark.filterwarnings("ignore:'setParseAction' deprecated")


def test_csv_has_no_live_formula():
    cells = {}
    for view in ("stances", "actors"):
        for path in hostile(view, "csv").paths:
            with path.open(encoding="utf-8", newline="") as stream:
                for row in csv.DictReader(stream):
                    for column, value in row.items():
                        assert not value.startswith(FORMULA_STARTS), (path.name, column, value)
                    cells[(view, row["id"])] = row
    assert cells[("actors", MALLORY)]["label"] == "'" + HOSTILE_FORMULA
    assert cells[("stances", TALKS)]["label"] == "'" + HOSTILE_FORMAT
    assert cells[("stances", POSITION)]["sources"] == "'@SUM(1+1) hostile briefing"
    assert cells[("stances", EVIL)]["label"] == HOSTILE_ACTOR  # starts with '<': no formula


def test_html_keeps_markup_out_of_the_page_source():
    html = hostile("stances", "html").path.read_text(encoding="utf-8")
    assert html.count("</script>") == 3  # the page's own three script elements, no more
    assert "<img" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "\u2028" not in html


def test_chromium_shows_hostile_text_as_text():
    dom = chromium_all({"hostile": (hostile("stances", "html").path, f"#edge={POSITION}")})[
        "hostile"
    ]
    assert rendered(dom) == (2, 1)
    assert "<img" not in dom  # no element was made from a label or a quote
    assert re.search(r"<script[^>]*>alert", dom) is None
    details = re.search(r'<section id="details">(.*?)</section>', dom, re.DOTALL)[1]
    assert (
        "<blockquote>\u201c&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; "
        '=HYPERLINK("https://evil.example/","click me")\u2028next line\u201d</blockquote>'
    ) in details
    assert "=HYPERLINK(&quot;" not in details  # text nodes keep quotes as they are
    option = f"<option value=\"{TALKS}\">-2+3 &lt;/script&gt;&lt;script&gt;alert('x')"
    assert option in dom


def test_characters_xml_cannot_hold_become_replacement_characters():
    graph = build_graph({"a": {"label": "bell\x07 and \x00"}}, [])
    for writer in (graphml, gexf):
        document = writer.render(Projection("test", graph))
        etree.fromstring(document)  # well-formed
        assert "bell\ufffd and \ufffd" in document.decode("utf-8")
