"""The query page (issue 14): YASGUI served by `kg serve` itself, drawn by a real headless
Chromium against a real server on loopback.

The page loads with no console error and no policy violation, a query typed into the editor
shows its rows in the results table, completion offers the ontology's terms, a named query
opens in a tab of its own and runs, and every request the page makes goes to the server.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.namespaces import shorten
from kg.queries import named_queries, run
from kg.serve.page import index_page, query_page_policy
from kg.serve.static import CACHE_CONTROL, static_files

from .browser import Browser
from .serve_support import STATES, Server

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOT = ROOT / "docs" / "images" / "serve-query-page.png"
STATIC = ROOT / "kg" / "serve" / "static"
READY = "document.querySelector('.yasgui .CodeMirror') !== null"
ROWS = "document.querySelectorAll('.tabPanel.active .yasr tbody tr').length"
CELLS = (
    "[...document.querySelectorAll('.tabPanel.active .yasr tbody tr')]"
    ".map(row => [...row.cells].slice(1).map(cell => cell.textContent))"
)
HEADER = (
    "[...document.querySelectorAll('.tabPanel.active .yasr table.dataTable thead th')]"
    ".slice(1).map(cell => cell.textContent)"
)
HINTS = "[...document.querySelectorAll('.CodeMirror-hints li')].map(item => item.textContent)"
CTRL = 2


@pytest.fixture
def browser():
    with Browser() as running:
        yield running


def opened(browser: Browser, server: Server) -> Browser:
    """The query page, drawn, with the editor focused and emptied."""
    browser.open(server.base + "/")
    browser.wait_until(READY)
    browser.click(".tabPanel.active .CodeMirror-code")
    browser.key("a", "KeyA", 65, CTRL)
    browser.key("Delete", "Delete", 46)
    return browser


def assert_only_the_server_was_asked(browser: Browser, server: Server) -> None:
    requested = browser.requested()
    assert requested, "the browser's network log is empty"
    assert [url for url in requested if not url.startswith(server.base + "/")] == []
    statuses = [
        (e["params"]["response"]["url"], e["params"]["response"]["status"])
        for e in browser.events
        if e["method"] == "Network.responseReceived"
    ]
    assert [(url, status) for url, status in statuses if status != 200] == []


# -- The page and its files, over HTTP ------------------------------------------------------------


def test_the_page_loads_its_scripts_from_the_server_only(server: Server):
    reply = server.request("/", headers={"Accept": "text/html"})
    assert reply.status == 200
    assert reply.headers["Content-Security-Policy"] == query_page_policy()
    files = static_files()
    assert re.findall(r"<script[^>]*>|<link[^>]*>", reply.text) == [
        f'<link rel="stylesheet" href="/static/yasgui/yasgui.min.css?v='
        f'{files["yasgui/yasgui.min.css"].digest}">',
        '<script type="application/json" id="kg-query-page">',
        f'<script src="/static/yasgui/yasgui.min.js?v={files["yasgui/yasgui.min.js"].digest}">',
        f'<script src="/static/query-page.js?v={files["query-page.js"].digest}">',
    ]
    assert not re.search(r'(src|href)="(https?:)?//', reply.text)


def test_the_page_follows_the_endpoints_root():
    """Behind a proxy that mounts the endpoint at /kg, the page loads and queries under /kg."""
    html = index_page(list(named_queries().values()), "limits", root="/kg").decode()
    assert re.findall(r'(?:src|href)="(/[^"?]*)', html) == [
        "/kg/static/yasgui/yasgui.min.css",
        "/kg/static/yasgui/LICENSE",
        "/kg/static/yasgui/THIRD-PARTY-LICENSES.txt",
        "/kg/static/yasgui/yasgui.min.js",
        "/kg/static/query-page.js",
    ]
    data = re.search(r'<script type="application/json" id="kg-query-page">(.*?)</script>', html)
    assert data is not None
    assert json.loads(data[1])["endpoint"] == "/kg/sparql"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("yasgui/yasgui.min.js", "text/javascript; charset=utf-8"),
        ("yasgui/yasgui.min.css", "text/css; charset=utf-8"),
        ("query-page.js", "text/javascript; charset=utf-8"),
        ("yasgui/LICENSE", "text/plain; charset=utf-8"),
        ("yasgui/THIRD-PARTY-LICENSES.txt", "text/plain; charset=utf-8"),
    ],
)
def test_static_files_are_served_as_they_ship(server: Server, path, content_type):
    reply = server.request(f"/static/{path}?v={static_files()[path].digest}")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == content_type
    assert reply.headers["Cache-Control"] == CACHE_CONTROL == "public, max-age=31536000, immutable"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.body == (STATIC / path).read_bytes()
    etag = reply.headers["ETag"]
    again = server.request(f"/static/{path}", headers={"If-None-Match": etag})
    assert (again.status, again.body) == (304, b"")


@pytest.mark.parametrize(
    "path",
    [
        "/static/yasgui/README.md",
        "/static/yasgui/yasgui.min.js.map",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/yasgui/../../page.py",
        "/static/",
        "/static/yasgui",
    ],
)
def test_nothing_else_is_served_from_static(server: Server, path):
    reply = server.request(path)
    assert reply.status == 404
    assert reply.text.startswith("nothing at ")


def test_every_shipped_script_and_style_is_served():
    shipped = {
        str(p.relative_to(STATIC))
        for p in STATIC.rglob("*")
        if p.is_file() and (p.suffix in (".js", ".css", ".txt") or p.name == "LICENSE")
    }
    assert sorted(static_files()) == sorted(shipped)


# -- In a real browser ----------------------------------------------------------------------------


def test_page_loads_without_errors_and_asks_only_its_server(server: Server, browser: Browser):
    browser.open(server.base + "/")
    browser.wait_until(READY)
    assert browser.evaluate("kgYasgui.getTab().getEndpoint()") == server.sparql
    assert browser.evaluate("kgYasgui.getTab().getYasqe().queryValid") is True
    buttons = browser.evaluate(
        "[...document.querySelectorAll('button.open-query')].filter(b => !b.hidden).length"
    )
    assert buttons == len(named_queries())
    assert browser.errors() == []
    assert_only_the_server_was_asked(browser, server)


def test_a_typed_query_shows_its_rows(server: Server, browser: Browser):
    opened(browser, server)
    browser.type(STATES)
    assert browser.evaluate("kgYasgui.getTab().getYasqe().getValue()") == STATES
    browser.key("Enter", "Enter", 13, CTRL)  # run
    assert browser.wait_until(ROWS) == 3
    assert browser.evaluate(HEADER) == ["state"]
    assert browser.evaluate(CELLS) == [["id:china"], ["id:russia"], ["id:united-states"]]
    sent = [
        (e["params"]["request"]["method"], e["params"]["request"]["url"])
        for e in browser.events
        if e["method"] == "Network.requestWillBeSent" and "/sparql" in e["params"]["request"]["url"]
    ]
    assert sent == [("POST", server.sparql)]
    assert browser.errors() == []
    assert_only_the_server_was_asked(browser, server)


def test_the_results_table_sorts_by_a_column(server: Server, browser: Browser):
    opened(browser, server)
    browser.type(STATES)
    browser.key("Enter", "Enter", 13, CTRL)
    browser.wait_until(ROWS)
    column = ".tabPanel.active .yasr table.dataTable thead th:nth-child(2)"
    sorted_by = f"document.querySelector({column!r}).getAttribute('aria-sort')"
    browser.click(column)
    assert browser.wait_until(sorted_by) == "ascending"
    assert browser.evaluate(CELLS) == [["id:china"], ["id:russia"], ["id:united-states"]]
    browser.click(column)
    assert browser.wait_until(f"{sorted_by} === 'descending'")
    assert browser.evaluate(CELLS) == [["id:united-states"], ["id:russia"], ["id:china"]]
    assert browser.errors() == []


def test_completion_offers_the_ontology_terms(server: Server, browser: Browser):
    opened(browser, server)
    browser.type("SELECT * WHERE { ?s a ap:Sta")
    browser.key(" ", "Space", 32, CTRL)
    assert browser.wait_until(HINTS) == ["ap:State", "ap:Statement"]
    browser.key("Enter", "Enter", 13)  # take the first
    browser.type(" ; ap:spe")
    browser.key(" ", "Space", 32, CTRL)
    assert browser.wait_until(HINTS) == ["ap:speaker"]
    browser.key("Enter", "Enter", 13)
    browser.type(" ?who }")
    text = browser.evaluate("kgYasgui.getTab().getYasqe().getValue()")
    assert text == "SELECT * WHERE { ?s a ap:State ; ap:speaker ?who }"
    # The project's prefixes need no declaration, in the editor as at the endpoint.
    assert browser.evaluate("kgYasgui.getTab().getYasqe().queryValid") is True
    assert browser.errors() == []
    assert_only_the_server_was_asked(browser, server)


def test_a_prefix_declaration_is_completed_from_the_projects(server: Server, browser: Browser):
    opened(browser, server)
    browser.type("PREFIX stan")
    assert browser.wait_until(HINTS) == ["stance: <https://w3id.org/actors-positions/stance/>"]
    assert browser.errors() == []


def test_a_syntax_error_is_explained_within_the_policy(server: Server, browser: Browser):
    opened(browser, server)
    browser.type("SELECT * WHERE { ?s ?p }")
    browser.wait_until("document.querySelector('.tabPanel.active .parseErrorIcon') !== null")
    browser.hover(".tabPanel.active .parseErrorIcon")
    tooltip = browser.wait_until(
        "document.querySelector('.tabPanel.active .yasqe_tooltip')?.textContent"
    )
    assert tooltip.startswith("This line is invalid. Expected: (, [, VAR1, VAR2")
    underlined = browser.evaluate(
        "getComputedStyle(document.querySelector('.yasqe_tooltip strong')).textDecorationLine"
    )
    assert underlined == "underline"  # the one style attribute the policy allows by hash
    assert browser.errors() == []


def test_a_named_query_opens_in_its_own_tab_and_runs(server: Server, browser: Browser, built):
    query = named_queries()["positions-by-actor"]
    expected = run(query, ox.Store.read_only(str(built / "store")))
    browser.open(server.base + "/")
    browser.wait_until(READY)
    browser.click(f"button.open-query[data-query='{query.name}']")
    browser.wait_until(f"document.querySelector('.tab.active').textContent === '{query.title}✖'")
    assert browser.evaluate("kgYasgui.getTab().getYasqe().getValue()") == query.text
    browser.click(".tabPanel.active .yasqe_queryButton")
    assert browser.wait_until(ROWS) == len(expected) > 0
    assert browser.evaluate(HEADER) == [str(v) for v in expected.vars or []]
    first_column = [row[0] for row in browser.evaluate(CELLS)]
    assert first_column == [shorten(row[0]) for row in expected]  # type: ignore[index]
    # Both tabs stay, the first with the example.
    assert browser.evaluate("document.querySelectorAll('.tabsList .tab').length") == 2
    assert browser.errors() == []
    assert_only_the_server_was_asked(browser, server)


def test_screenshot_of_the_query_page(server: Server, tmp_path):
    """The example query's answer, as docs/serve.md shows it (KG_DOCS_IMAGES=1 writes it)."""
    with Browser(width=1280, height=1000) as browser:
        browser.open(server.base + "/")
        browser.wait_until(READY)
        browser.click(".tabPanel.active .yasqe_queryButton")  # the example, as the page opens
        rows = browser.wait_until(ROWS)
        assert rows > 3
        browser.evaluate("window.scrollTo(0, 0)")
        shot = tmp_path / "query-page.png"
        browser.screenshot(shot)
        assert browser.errors() == []
    content = shot.read_bytes()
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    assert (width, height) == (1280, 1000)
    assert len(content) > 60_000  # an editor and a table, not a blank page
    if os.environ.get("KG_DOCS_IMAGES"):
        shutil.copyfile(shot, SCREENSHOT)
        print(f"wrote {SCREENSHOT}")
