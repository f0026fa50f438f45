"""Issue 18: the stances page of a generated 2,000-card project opens on a readable part of the
graph, answers its filters at once, and grows on demand, in a real headless Chromium driven
over the DevTools protocol (tests/serve/browser.py).

The project is made by `kg synth` and built by `kg build` once for the module; the page is
written from the build's store, as `kg export` writes it. What the page must draw is computed
here by the rule of docs/exports.md (export_support.Drawing), apart from the page's script.
The timings the page reports are bounded generously (the real figures are in
docs/benchmark.md).
"""

from functools import cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from export_support import ARTIFACTS, Drawing, page_json, scratch, unpacked

from kg.build import STORE_DIR, build
from kg.export import ExportResult, export
from kg.export.pagedata import LIMITS
from kg.project import Project
from kg.synth import synth_project
from tests.serve.browser import Browser

CARDS = 2000
SEED = 1
WIDTH, HEIGHT = 1400, 900
ANSWER_MS = 1000
"""A filter must be drawn within this (issue 18: under 1 s); measured by the page itself."""


@cache
def scaled() -> tuple[ExportResult, "nx.MultiDiGraph[str]"]:
    """The page of a 2,000-card project, and the graph its data holds (read here from the
    data block, apart from the page's script)."""
    root = scratch("kg-page-scale-") / "project"
    synth_project(root, cards=CARDS, seed=SEED)
    built = build(root / "build", Project(root))
    assert built.written, built.violations[:3]
    store = ox.Store.read_only(str(root / "build" / STORE_DIR))
    page = export(store, "stances", "html", root / "stances.html")
    data = page_json(page.path.read_text(encoding="utf-8"))
    nodes = unpacked(data, "nodes")
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node["id"], label=node["label"], group=node["group"])
    for edge in unpacked(data, "edges"):
        graph.add_edge(nodes[edge["source"]]["id"], nodes[edge["target"]]["id"])
    return page, graph


@pytest.fixture(scope="module")
def browser():
    with Browser(WIDTH, HEIGHT) as opened:
        yield opened


def open_page(browser: Browser, fragment: str = "") -> dict[str, str]:
    """Open the page (afresh) and wait for its first drawing; the <body> attributes."""
    page, _ = scaled()
    browser.open("about:blank")
    browser.open(page.path.resolve().as_uri() + fragment)
    return drawn(browser, "open")


def drawn(browser: Browser, what: str) -> dict[str, str]:
    browser.wait_until(f"document.body.getAttribute('data-last-draw') === {what!r}")
    return browser.evaluate(
        "Object.fromEntries(Array.from(document.body.attributes).map(a => [a.name, a.value]))"
    )


def counts(attributes: dict[str, str]) -> tuple[int, int]:
    return int(attributes["data-rendered-nodes"]), int(attributes["data-rendered-edges"])


def busiest_issue(graph: "nx.MultiDiGraph[str]") -> str:
    issues = [n for n, d in graph.nodes(data=True) if d["group"] == "issue"]
    return min(issues, key=lambda n: (-graph.in_degree(n), n))


def test_the_page_is_a_fifth_of_what_it_was():
    page, graph = scaled()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (page.nodes, page.edges)
    assert graph.number_of_edges() > 8000
    assert page.bytes < 6_000_000  # 25.7 MB before issue 18; 4.8 MB measured


def test_it_opens_on_the_busiest_part_within_the_limits(browser):
    _, graph = scaled()
    drawing = Drawing(graph, LIMITS)
    attributes = open_page(browser)
    assert counts(attributes) == drawing.drawn()
    nodes, edges = drawing.drawn()
    assert nodes <= LIMITS["nodes"] and edges <= LIMITS["edges"]
    assert int(attributes["data-hidden-nodes"]) == drawing.hidden()
    # Node labels always; edge labels only when at most LIMITS["labels"] edges are drawn.
    labels = nodes + (edges if edges <= LIMITS["labels"] else 0)
    assert int(attributes["data-rendered-labels"]) == labels
    status = browser.evaluate("document.getElementById('status').textContent")
    assert status.startswith(
        f"Showing {nodes} of {graph.number_of_nodes()} nodes and {edges} of "
        f"{graph.number_of_edges()} positions. {drawing.hidden()} more nodes with positions "
        "are not drawn"
    )
    assert browser.errors() == []


def test_the_issue_filter_answers_within_a_second(browser):
    _, graph = scaled()
    issue = busiest_issue(graph)
    open_page(browser)
    browser.evaluate(
        "(() => { const s = document.getElementById('issue'); "
        f"s.value = {issue!r}; s.dispatchEvent(new Event('change')); }})()"
    )
    attributes = drawn(browser, "filter")
    expected = Drawing(graph, LIMITS, keep=lambda u, v, d: v == issue, focus=issue)
    assert counts(attributes) == expected.drawn()
    assert expected.hidden() > 0  # more hold a position on it than the page draws at once
    assert float(attributes["data-last-draw-ms"]) < ANSWER_MS
    assert browser.evaluate("location.hash") == "#issue=" + issue.replace(":", "%3A")
    assert browser.errors() == []


def test_focus_in_the_address_and_show_more(browser):
    _, graph = scaled()
    actor = min(
        (n for n, d in graph.nodes(data=True) if d["group"] == "actor"),
        key=lambda n: (-graph.out_degree(n), n),
    )
    drawing = Drawing(graph, LIMITS, focus=actor)
    assert counts(open_page(browser, f"#focus={actor}")) == drawing.drawn()
    browser.click("#more")
    drawing.more()
    attributes = drawn(browser, "more")
    assert counts(attributes) == drawing.drawn()
    assert float(attributes["data-last-draw-ms"]) < ANSWER_MS
    assert browser.errors() == []


def test_screenshot_of_the_opening_page(browser, tmp_path):
    open_page(browser)
    shot = tmp_path / "stances-2000.png"
    browser.screenshot(shot)
    content = shot.read_bytes()
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    size = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    assert size == (WIDTH, HEIGHT)
    assert len(content) > 60_000  # a drawn graph and its labels, not a blank page
    ARTIFACTS.mkdir(exist_ok=True)
    kept = Path(ARTIFACTS / "stances-2000.png")
    kept.write_bytes(content)
    print(f"screenshot of the 2,000-card stances page: {kept}")


def test_typing_a_name_in_start_from_draws_it_and_its_neighbours(browser):
    _, graph = scaled()
    issue = busiest_issue(graph)
    label = graph.nodes[issue]["label"]
    open_page(browser)
    browser.click("#search")
    browser.type(label)
    browser.key("Tab", "Tab", 9)  # leaving the box commits what was typed
    attributes = drawn(browser, "focus")
    assert counts(attributes) == Drawing(graph, LIMITS, focus=issue).drawn()
    assert float(attributes["data-last-draw-ms"]) < ANSWER_MS
    assert browser.evaluate("location.hash") == f"#focus={issue.replace(':', '%3A')}&node=" + (
        issue.replace(":", "%3A")
    )
    heading = browser.evaluate("document.querySelector('#details h2').textContent")
    assert heading == label
    assert browser.errors() == []
