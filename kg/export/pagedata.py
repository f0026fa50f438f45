"""What the HTML page's script reads: the view's nodes and edges, packed (kg.export.packed),
with each edge's colour, the legend, the limits of what the page draws, and for the stances
view the evidence of each edge as tables of statements and sources that the edges point into.
"""

from dataclasses import asdict
from typing import Any

from rdflib import URIRef

from kg.export.packed import Texts, table
from kg.export.projection import Projection
from kg.export.stances import Evidence, SourceRef
from kg.export.style import cytoscape_shape, edge_colours, node_colour
from kg.namespaces import shorten

MAX_LEGEND = 12
"""More edge labels than this get no legend (the full view has dozens of predicates)."""
_NOT_SHOWN = frozenset({"id", "name"})
"""Node and edge data the details panel leaves out: ids."""

LIMITS = {"nodes": 30, "edges": 100, "grow": 10, "labels": 60, "listed": 60}
"""What the page draws at most when it opens or a filter changes (nodes, edges), how many
nodes a click or "show more" adds, up to how many drawn edges carry labels, and how many
positions a node's panel lists."""
_PAGE_ONLY = frozenset({"quotes", "sources"})
"""Edge attributes the stances page leaves out: its evidence panel shows each quote and
source (and the page joins the sources' names as the attribute does)."""


def _short_id(edge: dict[str, Any], nodes: list[dict[str, Any]]) -> str:
    """An edge id the page can write back from the edge's IRI: "" for `<IRI>`, "+" for
    `<IRI> (SOURCE)` (a joint position's edge from one holder); else the id."""
    key, iri = str(edge["id"]), str(edge.get("iri", ""))
    if not iri:
        return key
    if key == f"<{iri}>":
        return ""
    if key == f"<{iri}> ({nodes[edge['source']]['id']})":
        return "+"
    return key


def page_data(projection: Projection) -> dict[str, Any]:
    """What the page's script reads, packed (kg.export.packed): nodes and edges as columns,
    each edge's colour, and for the stances view the evidence as tables of statements and
    sources that the edges point into."""
    stances = projection.view == "stances"
    graph = projection.graph
    texts = Texts()
    order = {node: i for i, node in enumerate(graph.nodes)}
    nodes = [{"id": node, **attrs} for node, attrs in graph.nodes(data=True)]
    edges: list[dict[str, Any]] = [
        {"id": key, "source": order[source], "target": order[target], **attrs}
        for source, target, key, attrs in graph.edges(keys=True, data=True)
    ]
    colours = edge_colours((str(e["id"]), e) for e in edges)
    # The day each position is known from, by its id, for the superseded-as-of test.
    later_since = {shorten(URIRef(str(e["position"]))): str(e["since"]) for e in edges if stances}
    statements = _Statements(texts)
    for edge in edges:
        edge["colour"] = colours[str(edge["id"])]
        if stances:
            edge["laterSince"] = [
                later_since.get(p, "") for p in str(edge["supersededBy"]).split("; ") if p
            ]
            edge["evidence"] = statements.of(projection.evidence.get(str(edge["position"]), ()))
        edge["id"] = _short_id(edge, nodes)
    node_names = list(nodes[0]) if nodes else ["id"]
    edge_names = [n for n in (edges[0] if edges else ["id", "source", "target"])]
    edge_names = [n for n in edge_names if not (stances and n in _PAGE_ONLY)]
    edge_legend: dict[str, str] = {}
    for edge in edges:
        edge_legend.setdefault(str(edge.get("label", "")), str(edge["colour"]))
    kinds = sorted({str(n.get("kind", "")) for n in nodes})
    focus = order.get(projection.focus, -1) if projection.focus else -1
    return {
        "view": projection.view,
        "filters": stances,
        "layout": "columns" if stances else "cose",
        "limits": LIMITS,
        "focus": focus,
        "nodes": table(nodes, node_names, texts),
        "edges": table(edges, edge_names, texts),
        "statements": statements.table(),
        "sources": statements.sources_table(),
        "legend": {
            "edges": sorted(edge_legend.items()) if len(edge_legend) <= MAX_LEGEND else [],
            "nodes": [[k, cytoscape_shape(k), node_colour(k)] for k in kinds],
        },
        "nodeFields": [f for f in node_names if f not in _NOT_SHOWN | {"label"}],
        "edgeFields": [f for f in edge_names if f not in _NOT_SHOWN | _EDGE_ONLY],
        "strings": texts.values,
    }


_EDGE_ONLY = frozenset({"source", "target", "colour", "laterSince", "evidence"})


class _Statements:
    """The evidence of the edges, packed: each statement (who, when, where) once, each source
    once; an edge's evidence is a list of [statement, quotes, reported wordings]."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts
        self.numbers: dict[tuple[Any, ...], int] = {}
        self.records: list[dict[str, Any]] = []
        self.source_numbers: dict[SourceRef, int] = {}
        self.sources: list[dict[str, str]] = []

    def of(self, records: tuple[Evidence, ...]) -> list[list[Any]]:
        return [
            [
                self._statement(e),
                self.texts.all(e.quotes),
                self.texts.all(e.reported_wording),
            ]
            for e in records
        ]

    def _statement(self, e: Evidence) -> int:
        record = {
            "speaker": e.speaker,
            "onBehalfOf": e.on_behalf_of,
            "office": e.office,
            "date": e.date,
            "dateNote": e.date_note,
            "channel": e.channel,
            "reportedBy": e.reported_by,
            "sources": [self._source(s) for s in e.sources],
        }
        key = tuple(v if isinstance(v, str) else tuple(v) for v in record.values())
        number = self.numbers.get(key)
        if number is None:
            number = self.numbers[key] = len(self.records)
            self.records.append(record)
        return number

    def _source(self, source: SourceRef) -> int:
        number = self.source_numbers.get(source)
        if number is None:
            number = self.source_numbers[source] = len(self.sources)
            self.sources.append(asdict(source))
        return number

    def table(self) -> dict[str, Any]:
        names = list(self.records[0]) if self.records else []
        return table(self.records, names, self.texts)

    def sources_table(self) -> dict[str, Any]:
        return table(self.sources, ["label", "url", "publisher", "date"], self.texts)
