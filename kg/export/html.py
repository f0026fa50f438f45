"""The HTML page: one self-contained file that draws a view offline with Cytoscape.js.

Everything is inside the file (Cytoscape.js, the page's script and style, the data), and a
Content-Security-Policy forbids every request, so opening it reaches no network. The data sits
in a `<script type="application/json">` block with <, >, &, U+2028 and U+2029 written as \\u
escapes, so no label can close the block; the page's script writes every text with
textContent. Only the two scripts of the file may run: the policy names them by their SHA-256.
"""

import base64
import hashlib
import html
import string
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

from rdflib import URIRef

from kg.export import cytoscape
from kg.export.projection import Projection
from kg.export.stances import Evidence
from kg.export.style import cytoscape_shape, edge_colours, node_colour
from kg.namespaces import shorten
from kg.script_json import script_json

CYTOSCAPE_VERSION = "3.35.0"
TITLES = {
    "stances": "Who stands where: stances on formats and proposals",
    "actors": "Actors, offices and who speaks for whom",
    "full": "The whole graph",
}
MAX_LEGEND = 12
"""More edge labels than this get no legend (the full view has dozens of predicates)."""
_NOT_SHOWN = frozenset({"id", "name", "colour", "shape", "laterSince"})
"""Element data the details panel leaves out: ids, and what the page added for drawing."""


@cache
def _asset(folder: str, name: str) -> str:
    return resources.files("kg.export").joinpath(folder, name).read_text(encoding="utf-8")


def _inline_script(source: str, name: str) -> str:
    """A script's text, checked: '</script' or '<!--' inside it would break the page."""
    lowered = source.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError(f"{name} cannot be put inline: it contains '</script' or '<!--'")
    return source


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def page_data(projection: Projection) -> dict[str, Any]:
    """What the page's script reads: elements with colours and shapes, evidence, legend."""
    stances = projection.view == "stances"
    elements = cytoscape.elements(projection)
    # The day each position is known from, by its id, for the superseded-as-of test.
    later_since = {
        shorten(URIRef(str(e["data"]["position"]))): str(e["data"]["since"])
        for e in elements["edges"]
        if stances
    }
    edge_legend: dict[str, str] = {}
    for node in elements["nodes"]:
        kind = str(node["data"].get("kind", ""))
        node["data"]["colour"] = node_colour(kind)
        node["data"]["shape"] = cytoscape_shape(kind)
    colours = edge_colours((str(e["data"]["id"]), e["data"]) for e in elements["edges"])
    for edge in elements["edges"]:
        data = edge["data"]
        data["colour"] = colours[str(data["id"])]
        edge_legend.setdefault(str(data.get("label", "")), data["colour"])
        if stances:
            data["laterSince"] = [
                later_since.get(p, "") for p in str(data["supersededBy"]).split("; ") if p
            ]
    kinds = sorted({str(n["data"].get("kind", "")) for n in elements["nodes"]})
    first_node: dict[str, Any] = elements["nodes"][0]["data"] if elements["nodes"] else {}
    first_edge: dict[str, Any] = elements["edges"][0]["data"] if elements["edges"] else {}
    return {
        "view": projection.view,
        "filters": stances,
        "layout": "columns" if stances else "cose",
        "edgeLabels": projection.graph.number_of_edges() <= 200,
        "elements": elements,
        "evidence": {
            position: [_evidence_record(e) for e in records]
            for position, records in projection.evidence.items()
        },
        "legend": {
            "edges": sorted(edge_legend.items()) if len(edge_legend) <= MAX_LEGEND else [],
            "nodes": [[k, cytoscape_shape(k), node_colour(k)] for k in kinds],
        },
        "nodeFields": [f for f in first_node if f not in _NOT_SHOWN | {"label"}],
        "edgeFields": [f for f in first_edge if f not in _NOT_SHOWN | {"source", "target"}],
    }


def _evidence_record(evidence: Evidence) -> dict[str, Any]:
    record = asdict(evidence)
    return {
        "statement": record["statement"],
        "speaker": record["speaker"],
        "onBehalfOf": record["on_behalf_of"],
        "office": record["office"],
        "date": record["date"],
        "dateNote": record["date_note"],
        "channel": record["channel"],
        "reportedBy": record["reported_by"],
        "quotes": list(record["quotes"]),
        "reportedWording": list(record["reported_wording"]),
        "sources": list(record["sources"]),
    }


def render(projection: Projection) -> bytes:
    """The page, one self-contained UTF-8 file."""
    library = _inline_script(_asset("vendor", "cytoscape.min.js"), "cytoscape.min.js")
    app = _inline_script(_asset("page", "page.js"), "page.js")
    policy = (
        "default-src 'none'; "
        f"script-src {_sha256(library)} {_sha256(app)}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    title = TITLES.get(projection.view, projection.view)
    page = string.Template(_asset("page", "page.html")).substitute(
        csp=html.escape(policy),
        cytoscape_version=CYTOSCAPE_VERSION,
        title=html.escape(title),
        view=html.escape(projection.view),
        style=_asset("page", "page.css"),
        data=script_json(page_data(projection)),
        cytoscape=library,
        app=app,
    )
    return page.encode("utf-8")
