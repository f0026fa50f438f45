"""What the export tests share: the embedded and the hostile dataset, exports made once per
session, and the real readers (networkx, lxml with the GEXF schema, pydot, Node with the
vendored Cytoscape.js, headless Chromium).

A helper module rather than a conftest.py, so that `from conftest import ...` in the other
test folders keeps meaning the top-level conftest.
"""

import atexit
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

from kg.dataset import load_dataset
from kg.export import FORMATS, VIEWS, ExportResult, export
from kg.project import Project, init_project
from tests.foundation import FOUNDATION

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCHEMA_DIR = HERE / "schema" / "gexf-1.2"
ARTIFACTS = HERE / "artifacts"
CYTOSCAPE_JS = ROOT / "kg" / "export" / "vendor" / "cytoscape.min.js"
CHROMIUM = Path("/usr/bin/chromium")

HOSTILE_HTML = "</script><img src=x onerror=alert(1)>"
HOSTILE_ACTOR = f'{HOSTILE_HTML} "Evil" \\ Corp & <b>Co</b>'
HOSTILE_FORMULA = '=HYPERLINK("https://evil.example/","click me")'
HOSTILE_QUOTE = f"{HOSTILE_HTML} {HOSTILE_FORMULA}\u2028next line"
HOSTILE_FORMAT = "-2+3 </script><script>alert('x')</script>"

HOSTILE_REGISTRY = r"""
<evil-corp> a ap:Organisation ; rdfs:label "</script><img src=x onerror=alert(1)> \"Evil\" \\ Corp & <b>Co</b>"@en .
<mallory> a ap:Person ; rdfs:label "=HYPERLINK(\"https://evil.example/\",\"click me\")"@en .
"""  # noqa: E501

HOSTILE_CARD = r"""source:
  label: "@SUM(1+1) hostile briefing"
  date: 2026-03-02
  url: https://example.org/hostile
statements:
  evil-says:
    speaker: mallory
    on-behalf-of: evil-corp
    date: 2026-03-02
    reported-by: evil-corp
    quote: "</script><img src=x onerror=alert(1)> =HYPERLINK(\"https://evil.example/\",\"click me\")\u2028next line"
positions:
  - holder: evil-corp
    stance: supports
    target: format/evil-talks
    evidence: evil-says
formats:
  format/evil-talks:
    label: "-2+3 </script><script>alert('x')</script>"
    participants: [evil-corp, mallory]
"""  # noqa: E501


def scratch(prefix: str) -> Path:
    """A temporary folder that lives until the test session ends."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def embedded() -> Dataset:
    """The foundation of the embedded New START project (tests/foundation.py), loaded once."""
    return load_dataset(FOUNDATION)


@cache
def hostile_project() -> Project:
    """A project of its own (kg init, two registry lines, one card) full of hostile text."""
    root = scratch("kg-hostile-") / "hostile"
    init_project(root)
    with (root / "registry.ttl").open("a", encoding="utf-8") as registry:
        registry.write(HOSTILE_REGISTRY)
    (root / "sources" / "hostile-briefing.yaml").write_text(HOSTILE_CARD, encoding="utf-8")
    return Project(root)


@cache
def hostile() -> Dataset:
    """The hostile project's dataset."""
    return load_dataset(hostile_project())


@cache
def _export_dir(which: str) -> Path:
    return scratch(f"kg-export-{which}-")


@cache
def exported(view: str, fmt: str, which: str = "embedded") -> ExportResult:
    """`view` exported as `fmt` from the embedded (or the hostile) dataset, once per session."""
    dataset = embedded() if which == "embedded" else hostile()
    out = _export_dir(which) / f"{view}{FORMATS[fmt].suffix}"
    return export(dataset, view, fmt, out)


@cache
def projected(view: str, which: str = "embedded") -> "nx.MultiDiGraph[str]":
    return VIEWS[view](embedded() if which == "embedded" else hostile())


def edges_of(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(u, v, k): dict(d) for u, v, k, d in graph.edges(keys=True, data=True)}


def nodes_of(graph: nx.Graph) -> dict[str, dict[str, object]]:
    return {n: dict(d) for n, d in graph.nodes(data=True)}


# -- Real readers ------------------------------------------------------------------------------


@cache
def gexf_schema():  # -> lxml.etree.XMLSchema
    """The GEXF 1.2 schema of the gephi/gexf repository, for the 1.2draft namespace.

    The repository publishes the 1.2 schema under the namespace http://www.gexf.net/1.2;
    Gephi and networkx write (and gexf.net serves the same schema under) the namespace
    http://www.gexf.net/1.2draft. The vendored files stay as published; their namespace is
    changed in a temporary copy (see schema/README.md).
    """
    from lxml import etree

    copy = scratch("kg-gexf-xsd-")
    for xsd in SCHEMA_DIR.glob("*.xsd"):
        text = xsd.read_text(encoding="utf-8")
        (copy / xsd.name).write_text(
            text.replace("http://www.gexf.net/1.2", "http://www.gexf.net/1.2draft"),
            encoding="utf-8",
        )
    return etree.XMLSchema(etree.parse(str(copy / "gexf.xsd")))


def cytoscape_load(path: Path) -> dict[str, object]:
    """Load a Cytoscape JSON export into the vendored Cytoscape.js under Node, headless."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: install it (Debian: apt-get install nodejs)")
    script = r"""
const fs = require('fs');
const cytoscape = require(process.argv[1]);
const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({ headless: true, elements: doc.elements });
const labels = {};
cy.nodes().forEach(n => { labels[n.id()] = n.data('label'); });
const edges = cy.edges().map(e => [e.source().id(), e.target().id(), e.id()]);
console.log(JSON.stringify({ nodes: cy.nodes().length, edges: cy.edges().length,
  labels: labels, edgeIds: edges }));
"""
    done = subprocess.run(
        [node, "-e", script, str(CYTOSCAPE_JS), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


DOT_UNESCAPES = {"n": "\n", "r": "\r"}
DEFAULTS = ("node", "edge", "graph")
"""What pydot lists as nodes for the default attribute statements (the names are unquoted)."""


def dot_text(value: str) -> str:
    """A pydot attribute value (quotes and escapes kept) as the text it stands for."""
    if value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    return re.sub(r"\\(.)", lambda m: DOT_UNESCAPES.get(m[1], m[1]), value, flags=re.DOTALL)


# -- Headless Chromium ---------------------------------------------------------------------------


def chromium(page: Path, *args: str, fragment: str = "") -> str:
    """Run headless Chromium on a local page with the network disabled; return its stdout.

    Host names resolve to nothing (--host-resolver-rules), background, sync and component
    networking are off, and the page's own policy forbids requests: nothing leaves the machine.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium is missing (/usr/bin/chromium): run scripts/install-browser.sh "
            "(as root) to install Debian's chromium, then run the tests again"
        )
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        done = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--virtual-time-budget=5000",
                *args,
                page.resolve().as_uri() + fragment,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def chromium_all(jobs: dict[str, tuple[Path, str]]) -> dict[str, str]:
    """Several DOM dumps (name: (page, fragment)) at once: browser start-up is the slow part."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = {
            name: pool.submit(chromium, path, "--dump-dom", fragment=fragment)
            for name, (path, fragment) in jobs.items()
        }
        return {name: job.result() for name, job in running.items()}


def rendered(dom: str) -> tuple[int, int]:
    """The node and edge counts the page wrote into <body> once Cytoscape had drawn."""
    body = re.search(r"<body[^>]*>", dom)
    assert body, dom[:500]
    nodes = re.search(r'data-rendered-nodes="(\d+)"', body[0])
    edges = re.search(r'data-rendered-edges="(\d+)"', body[0])
    assert nodes and edges, f"the page did not report a drawing: {body[0]}"
    return int(nodes[1]), int(edges[1])


# -- The page's packed data ----------------------------------------------------------------------

PAGE_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def page_json(page: str) -> dict[str, Any]:
    """The data block of an exported page, as JSON."""
    found = PAGE_DATA.search(page)
    assert found, "the page has no data block"
    data: dict[str, Any] = json.loads(found[1])
    return data


def unpacked(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A packed table of the page's data (kg/export/packed.py) as records, read here
    independently of the page's script: text columns are numbers into `strings`."""
    table = data[name]
    rows = []
    for i in range(table["count"]):
        row = {
            column: data["strings"][values[i]] if column in table["text"] else values[i]
            for column, values in table["columns"].items()
        }
        row.update({column: row[twin] for column, twin in table["same"].items()})
        rows.append(row)
    return rows


def page_evidence(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each position's evidence as the page shows it: statements with their quotes, wordings
    and sources, by the position's IRI."""
    statements = unpacked(data, "statements")
    sources = unpacked(data, "sources")
    found: dict[str, list[dict[str, Any]]] = {}
    for edge in unpacked(data, "edges"):
        found[edge["position"]] = [
            {
                **statements[number],
                "sources": [sources[s] for s in statements[number]["sources"]],
                "quotes": [data["strings"][q] for q in quotes],
                "reportedWording": [data["strings"][w] for w in wordings],
            }
            for number, quotes, wordings in edge["evidence"]
        ]
    return found


class Drawing:
    """What the page draws, by the rule docs/exports.md states, computed here apart from the
    page's script (kg/export/page/page.js) to check it.

    The edges that pass the filters (`keep`) count; a node's degree is how many of them meet
    it. At the start: every node (with a passing edge, when filtering) if they are at most
    `nodes` and the passing edges at most `edges`; else the focus and its neighbours, busiest
    first (most edges, then label, then id); else the busiest node, then again and again the
    busiest node next to those drawn; each while the drawing stays within `nodes` nodes and
    `edges` edges. `more()` adds `grow` nodes the second way, with no edge limit."""

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        limits: dict[str, int],
        keep: Callable[[str, str, dict[str, Any]], bool] | None = None,
        focus: str | None = None,
    ) -> None:
        self.graph, self.limits, self.focus = graph, limits, focus
        self.filtering = keep is not None
        self.ends = [(u, v) for u, v, d in graph.edges(data=True) if keep is None or keep(u, v, d)]
        self.degree = dict.fromkeys(graph.nodes, 0)
        self.neighbours: dict[str, set[str]] = {n: set() for n in graph.nodes}
        for u, v in self.ends:
            self.degree[u] += 1
            if v != u:
                self.degree[v] += 1
            self.neighbours[u].add(v)
            self.neighbours[v].add(u)
        self.shown: set[str] = set()
        self._start()

    def rank(self, node: str) -> tuple[int, str, str]:
        return (-self.degree[node], str(self.graph.nodes[node].get("label", "")), node)

    def edges_among(self, shown: set[str]) -> int:
        return sum(1 for u, v in self.ends if u in shown and v in shown)

    def _busy(self) -> set[str]:
        return {n for n in self.graph.nodes if self.degree[n] > 0}

    def _start(self) -> None:
        pool = self._busy() if self.filtering else set(self.graph.nodes)
        if self.focus is not None:
            pool.add(self.focus)
        if len(pool) <= self.limits["nodes"] and len(self.ends) <= self.limits["edges"]:
            self.shown = pool
            return
        if self.focus is not None:
            self.shown = {self.focus}
            for node in sorted(self.neighbours[self.focus] - {self.focus}, key=self.rank):
                if not self._add(node, self.limits["nodes"], self.limits["edges"]):
                    break
            return
        self.shown = {min(self._busy(), key=self.rank)}
        while (node := self._next()) is not None:
            if not self._add(node, self.limits["nodes"], self.limits["edges"]):
                break

    def _next(self) -> str | None:
        around = {m for n in self.shown for m in self.neighbours[n]} - self.shown
        around = around or self._busy() - self.shown
        return min(around, key=self.rank) if around else None

    def _add(self, node: str, nodes: int, edges: int | None) -> bool:
        if len(self.shown) >= nodes:
            return False
        if edges is not None and self.edges_among(self.shown | {node}) > edges:
            return False
        self.shown.add(node)
        return True

    def more(self) -> None:
        most = len(self.shown) + self.limits["grow"]
        while (node := self._next()) is not None and self._add(node, most, None):
            pass

    def drawn(self) -> tuple[int, int]:
        """The nodes and edges drawn: those shown (with a drawn edge, when filtering)."""
        edges = [(u, v) for u, v in self.ends if u in self.shown and v in self.shown]
        nodes = self.shown
        if self.filtering:
            nodes = {n for e in edges for n in e} | ({self.focus} if self.focus else set())
        return len(nodes), len(edges)

    def hidden(self) -> int:
        """Nodes with a passing edge that are not drawn."""
        return len(self._busy() - self.shown)
