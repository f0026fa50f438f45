"""The actors view: persons, offices, organisations and states, and who speaks for whom.

Structure comes from the registry and the cards: an organisation is part of a state
(org:subOrganizationOf), an office is a post in one (org:postIn), a person holds an office
during a term. Speech comes from the statements: one "speaks for" edge per speaker and actor
they spoke for, counting the statements, and one "relays" edge per reporter and speaker.
"""

from collections import defaultdict

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SKOS
from rdflib.term import Node

from kg.export.graphs import Attrs, Edge, build_graph
from kg.export.terms import kind_of, label_of, labels, node_id, text, texts
from kg.namespaces import AP, WD

_MEMBERS = (AP.State, AP.Person, AP.Organisation, AP.Office)


def actors_view(dataset: Graph) -> "nx.MultiDiGraph[str]":
    """Actors and offices as nodes; part-of, post-in, holds-office, speaks-for, relays edges."""
    members = {n for cls in _MEMBERS for n in dataset.subjects(RDF.type, cls)}
    nodes = {node_id(n): _node(dataset, n) for n in members}
    edges = [
        *_structure(dataset, members, ORG.subOrganizationOf, "part of"),
        *_structure(dataset, members, ORG.postIn, "post in"),
        *_office_terms(dataset, members),
        *_speech(dataset, members, AP.onBehalfOf, "speaks for", reverse=False),
        *_speech(dataset, members, AP.reportedBy, "relays", reverse=True),
    ]
    return build_graph(nodes, edges)


def _node(dataset: Graph, node: Node) -> Attrs:
    wikidata = sorted(
        str(m) for m in dataset.objects(node, SKOS.exactMatch) if str(m).startswith(str(WD))
    )
    return {
        "label": label_of(dataset, node),
        "kind": kind_of(dataset, node),
        "iri": text(node),
        "wikidata": wikidata[0] if wikidata else "",
    }


def _edge(relation: URIRef, label: str, iri: str, **extra: str | int) -> Attrs:
    attrs: Attrs = {
        "label": label,
        "relation": node_id(relation),
        "iri": iri,
        "since": "",
        "until": "",
        "statementCount": 0,
        "offices": "",
    }
    attrs.update(extra)
    return attrs


def _structure(dataset: Graph, members: set[Node], predicate: URIRef, label: str) -> list[Edge]:
    """One edge per triple whose both ends are actors or offices."""
    return [
        (
            node_id(s),
            node_id(o),
            f"{node_id(s)} {node_id(predicate)} {node_id(o)}",
            _edge(predicate, label, text(predicate)),
        )
        for s, o in set(dataset.subject_objects(predicate))
        if s in members and o in members
    ]


def _office_terms(dataset: Graph, members: set[Node]) -> list[Edge]:
    """One edge per office term, from the holder to the office, with the term's dates."""
    edges: list[Edge] = []
    for term in set(dataset.subjects(RDF.type, AP.OfficeTerm)):
        holders = set(dataset.objects(term, AP.officeHolder)) | set(
            dataset.subjects(AP.holdsOffice, term)
        )
        for holder in holders & members:
            for office in set(dataset.objects(term, AP.office)) & members:
                edges.append(
                    (
                        node_id(holder),
                        node_id(office),
                        node_id(term),
                        _edge(
                            AP.holdsOffice,
                            "holds office",
                            text(term),
                            since=min(texts(dataset.objects(term, AP.termStart)), default=""),
                            until=max(texts(dataset.objects(term, AP.termEnd)), default=""),
                        ),
                    )
                )
    return edges


def _speech(
    dataset: Graph, members: set[Node], predicate: URIRef, label: str, reverse: bool
) -> list[Edge]:
    """Edges aggregated over statements: speaker to the actor spoken for, or reporter to speaker.

    Each edge counts the statements and gives the first and last day among the dated ones.
    """
    statements: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    for statement, other in set(dataset.subject_objects(predicate)):
        for speaker in dataset.objects(statement, AP.speaker):
            pair = (other, speaker) if reverse else (speaker, other)
            if pair[0] != pair[1] and pair[0] in members and pair[1] in members:
                statements[pair].add(statement)
    edges: list[Edge] = []
    for (source, target), said in statements.items():
        days = sorted(d for s in said for d in texts(dataset.objects(s, AP.statedOn)))
        offices = labels(dataset, (o for s in said for o in dataset.objects(s, AP.inOffice)))
        key = f"{node_id(source)} {node_id(predicate)} {node_id(target)}"
        edges.append(
            (
                node_id(source),
                node_id(target),
                key,
                _edge(
                    predicate,
                    label,
                    text(predicate),
                    since=days[0] if days else "",
                    until=days[-1] if days else "",
                    statementCount=len(said),
                    offices=offices,
                ),
            )
        )
    return edges
