"""The stances view: who stands where on which issue, one edge per position and holder.

Actors and issues (formats, proposals, treaties, policies, events) are the nodes; each
position is an edge from its holder to its target that carries the stance, its polarity,
the conditions, the dates, the evidence and source counts, the sources and whether a later
position superseded it. Superseded positions stay in the graph, marked, so a change stays
visible. A joint position draws one edge from each holder; every edge names all the holders
(`holders`), and lists of positions (the HTML page's) show it once.
"""

from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SDO
from rdflib.term import Node

from kg.export.graphs import Attrs, Edge, build_graph
from kg.export.terms import (
    JOIN,
    QUOTE_JOIN,
    kind_of,
    label_of,
    labels,
    node_id,
    text,
    texts,
)
from kg.namespaces import AP

# rdflib makes a new URIRef at each `AP.name`; the view asks for these a million times.
_NEGOTIATION_FORMAT = AP.NegotiationFormat
_POSITION = AP.Position
_PROPOSAL = AP.Proposal
_CHANNEL = AP.channel
_CONDITION = AP.condition
_DATE_NOTE = AP.dateNote
_EVIDENCE = AP.evidence
_EVIDENCE_WORDS = AP.evidenceWords
_HOLDER = AP.holder
_IN_OFFICE = AP.inOffice
_ON_BEHALF_OF = AP.onBehalfOf
_POLARITY = AP.polarity
_QUOTE = AP.quote
_REPORTED_BY = AP.reportedBy
_REPORTED_IN = AP.reportedIn
_REPORTED_WORDING = AP.reportedWording
_SINCE = AP.since
_SPEAKER = AP.speaker
_STANCE = AP.stance
_STATED_ON = AP.statedOn
_SUPERSEDED_BY = AP.supersededBy
_SUPERSEDES = AP.supersedes
_TARGET = AP.target
_UNTIL = AP.until


def stances_view(dataset: Graph) -> "nx.MultiDiGraph[str]":
    """Actors and issues as nodes, one edge per position (and holder, for joint positions).

    Every negotiation format and proposal is a node, also when no one holds a position on it
    yet, as in the who-supports-which-format query; other issues appear when someone does.
    """
    nodes: dict[str, Attrs] = {}
    issues = set(dataset.subjects(RDF.type, _NEGOTIATION_FORMAT))
    issues |= set(dataset.subjects(RDF.type, _PROPOSAL))
    for issue in issues:
        _add_node(dataset, nodes, issue, "issue")
    edges: list[Edge] = []
    for position in set(dataset.subjects(RDF.type, _POSITION)):
        target = _one(dataset, position, _TARGET)
        holders = sorted(set(dataset.objects(position, _HOLDER)), key=node_id)
        if target is None or not holders:
            continue  # the shapes report such a position; there is nothing to draw
        _add_node(dataset, nodes, target, "issue")
        attrs = position_attrs(dataset, position)
        for holder in holders:
            _add_node(dataset, nodes, holder, "actor")
            key = node_id(position)
            if len(holders) > 1:
                key = f"{key} ({node_id(holder)})"
            edges.append((node_id(holder), node_id(target), key, attrs))
    return build_graph(nodes, edges)


def _add_node(dataset: Graph, nodes: dict[str, Attrs], node: Node, group: str) -> None:
    """Add a node once; its group is its role: "actor" if it holds a position, else "issue"."""
    if node_id(node) not in nodes:
        nodes[node_id(node)] = {
            "label": label_of(dataset, node),
            "kind": kind_of(dataset, node),
            "group": group,
            "iri": text(node),
        }
    elif group == "actor":
        nodes[node_id(node)]["group"] = "actor"


def position_attrs(dataset: Graph, position: Node) -> Attrs:
    """The attributes of a position's edge, all plain strings, integers and booleans."""
    stance = _one(dataset, position, _STANCE)
    statements = set(dataset.objects(position, _EVIDENCE))
    sources = _sources(dataset, statements)
    later = set(dataset.objects(position, _SUPERSEDED_BY))
    later |= set(dataset.subjects(_SUPERSEDES, position))
    stance_label = label_of(dataset, stance) if stance is not None else ""
    return {
        "label": stance_label,
        "stance": node_id(stance) if stance is not None else "",
        "stanceLabel": stance_label,
        "polarity": text(_one(dataset, stance, _POLARITY)) if stance is not None else "",
        "condition": labels(dataset, dataset.objects(position, _CONDITION)),
        "since": since(dataset, position),
        "until": max(texts(dataset.objects(position, _UNTIL)), default=""),
        "holders": labels(dataset, dataset.objects(position, _HOLDER)),
        "evidenceCount": len(statements),
        "sourceCount": len(sources),
        "sources": labels(dataset, sources),
        "quotes": QUOTE_JOIN.join(
            sorted({q for s in statements for q in shown(dataset, position, s, _QUOTE)})
        ),
        "superseded": bool(later),
        "supersededBy": JOIN.join(sorted(node_id(p) for p in later)),
        "position": text(position),
        "iri": text(position),
    }


def since(dataset: Graph, position: Node) -> str:
    """ap:since, else the day of the earliest dated evidence, else '' (never a guess).

    The same rule as the who-supports-which-format query, so the page and the query agree.
    """
    stated = texts(dataset.objects(position, _SINCE))
    if stated:
        return stated[0]
    days = [
        d
        for s in dataset.objects(position, _EVIDENCE)
        for d in texts(dataset.objects(s, _STATED_ON))
    ]
    return min(days, default="")


def shown(dataset: Graph, position: Node, statement: Node, predicate: URIRef) -> list[str]:
    """The statement's quotes (or wordings) that show the position: those the position cites
    (ap:evidenceWords) where it cites some of this statement's words, else all of them. The
    same rule as the queries."""
    cited = set(dataset.objects(position, _EVIDENCE_WORDS))
    words = set(dataset.objects(statement, _QUOTE)) | set(
        dataset.objects(statement, _REPORTED_WORDING)
    )
    values = list(dataset.objects(statement, predicate))
    if cited & words:
        values = [v for v in values if v in cited]
    return texts(values)


def _sources(dataset: Graph, statements: set[Node]) -> set[Node]:
    return {source for s in statements for source in dataset.objects(s, _REPORTED_IN)}


def _one(dataset: Graph, subject: Node | None, predicate: URIRef) -> Node | None:
    """The smallest value, so that a doubled value cannot make the output vary."""
    values = sorted(dataset.objects(subject, predicate), key=str) if subject is not None else []
    return values[0] if values else None


@dataclass(frozen=True)
class SourceRef:
    """A source that reports a statement, as the page shows it."""

    label: str
    url: str
    publisher: str
    date: str


@dataclass(frozen=True)
class Evidence:
    """One statement that evidences a position: who said it, when, in which words, where."""

    statement: str
    speaker: str
    on_behalf_of: str
    office: str
    date: str
    date_note: str
    channel: str
    reported_by: str
    quotes: tuple[str, ...]
    reported_wording: tuple[str, ...]
    sources: tuple[SourceRef, ...]


def evidence(dataset: Graph) -> dict[str, tuple[Evidence, ...]]:
    """The evidence of each position, keyed by its IRI (the edges' `position`), earliest first."""
    found: dict[str, tuple[Evidence, ...]] = {}
    for position in set(dataset.subjects(RDF.type, _POSITION)):
        records = [
            _statement(dataset, s, position) for s in set(dataset.objects(position, _EVIDENCE))
        ]
        records.sort(key=lambda e: (e.date or "9999", e.statement))
        found[text(position)] = tuple(records)
    return dict(sorted(found.items()))


def _statement(dataset: Graph, statement: Node, position: Node) -> Evidence:
    def label(predicate: URIRef) -> str:
        return labels(dataset, dataset.objects(statement, predicate))

    sources = sorted(
        (
            SourceRef(
                label=label_of(dataset, s),
                url=min(texts(dataset.objects(s, SDO.url)), default=""),
                publisher=min(texts(dataset.objects(s, DCTERMS.publisher)), default=""),
                date=min(texts(dataset.objects(s, DCTERMS.date)), default=""),
            )
            for s in set(dataset.objects(statement, _REPORTED_IN))
        ),
        key=lambda s: (s.label, s.url),
    )
    return Evidence(
        statement=node_id(statement),
        speaker=label(_SPEAKER),
        on_behalf_of=label(_ON_BEHALF_OF),
        office=label(_IN_OFFICE),
        date=min(texts(dataset.objects(statement, _STATED_ON)), default=""),
        date_note=min(texts(dataset.objects(statement, _DATE_NOTE)), default=""),
        channel=label(_CHANNEL),
        reported_by=label(_REPORTED_BY),
        quotes=tuple(shown(dataset, position, statement, _QUOTE)),
        reported_wording=tuple(shown(dataset, position, statement, _REPORTED_WORDING)),
        sources=tuple(sources),
    )
