"""The class diagram of the front page: boxes for classes, hollow-headed arrows up to their
superclasses, and labelled arrows for object properties from domain to range (after UML class
diagrams and VOWL). Laid out by kg.review.layered and drawn by the diagram.svg template.
"""

from collections import defaultdict
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from kg.namespaces import shorten
from kg.review.layered import Edge, layout
from kg.review.terms import Term, Vocabulary

CHAR = 6.7  # mean advance of a 12 px sans-serif character
LINE = 14.0
BOX_HEIGHT = 40.0


@dataclass(frozen=True)
class Box:
    """A class: its name and prefixed IRI, where it stands, and its self-loop labels."""

    iri: Node
    label: str
    name: str
    x: float
    y: float
    width: float
    height: float
    external: bool
    loop: tuple[str, ...]

    @property
    def loop_path(self) -> str:
        right, top, bottom = self.x + self.width, self.y + 8, self.y + self.height - 8
        out = right + 34
        return (
            f"M {right:.1f},{top:.1f} C {out:.1f},{top - 6:.1f} {out:.1f},{bottom + 6:.1f} "
            f"{right:.1f},{bottom:.1f}"
        )


@dataclass(frozen=True)
class Arrow:
    """A subclass link or an object property link, as an SVG path with its label lines."""

    kind: str
    path: str
    labels: tuple[str, ...]
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def class_diagram(vocabulary: Vocabulary) -> Diagram:
    """Our classes, the outside classes our object properties point to, and the links."""
    classes = {t.iri: t for t in vocabulary.classes}
    links = _property_links(vocabulary, classes)
    nodes: dict[Node, str] = {iri: t.label for iri, t in classes.items()}
    for domain, rng in links:
        for end in (domain, rng):
            nodes.setdefault(end, vocabulary.label(end) or shorten(end))
    loops = {d: labels for (d, r), labels in links.items() if d == r}
    ids = {node: str(node) for node in nodes}
    sizes = {ids[n]: _box_size(label, shorten(n), loops.get(n, [])) for n, label in nodes.items()}
    edges: list[Edge] = []
    kinds: list[tuple[str, tuple[str, ...]]] = []
    for term in classes.values():
        for parent in term.supers:
            if parent in classes:
                edges.append(Edge(ids[parent], ids[term.iri], hard=True))
                kinds.append(("subclass", ()))
    for (domain, rng), labels in sorted(
        links.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))
    ):
        if domain != rng:
            width = max(len(line) for line in labels) * CHAR + 8
            edges.append(Edge(ids[domain], ids[rng], (width, len(labels) * LINE + 4)))
            kinds.append(("property", tuple(labels)))
    placed = layout(sizes, edges)
    boxes = []
    for node, label in sorted(nodes.items(), key=lambda kv: str(kv[0])):
        cx, cy = placed.centres[ids[node]]
        total, _ = sizes[ids[node]]
        width = _box_width(label, shorten(node))
        boxes.append(
            Box(
                iri=node,
                label=label,
                name=shorten(node),
                x=cx - total / 2,
                y=cy - BOX_HEIGHT / 2,
                width=width,
                height=BOX_HEIGHT,
                external=node not in classes,
                loop=tuple(loops.get(node, [])),
            )
        )
    routes = _attach(placed.routes, edges, {ids[b.iri]: b for b in boxes})
    arrows = [
        Arrow(kind, _curve(route), labels, lx, ly - len(labels) * LINE / 2 + LINE * 0.75)
        for (kind, labels), route, (lx, ly) in zip(kinds, routes, placed.labels, strict=True)
    ]
    return Diagram(placed.width + 40, placed.height, tuple(boxes), tuple(arrows))


def _property_links(
    vocabulary: Vocabulary, classes: dict[URIRef, Term]
) -> dict[tuple[Node, Node], list[str]]:
    """Domain-range pairs of the object properties, each with the names of its properties;
    an inverse pair is one link, named "holder / holds"."""
    links: dict[tuple[Node, Node], list[str]] = defaultdict(list)
    drawn: set[Node] = set()
    for term in vocabulary.of_kind("object property"):
        inverse = next((i for i in term.inverses if i in drawn), None)
        if inverse is not None and _agrees(vocabulary, term, inverse):
            continue
        names = term.label
        partner = next((i for i in term.inverses if i != term.iri), None)
        partner_term = vocabulary.term(partner) if partner is not None else None
        if partner is not None and partner_term is not None and _agrees(vocabulary, term, partner):
            names = f"{term.label} / {partner_term.label}"
        for domain in term.domains:
            for rng in term.ranges:
                links[(domain, rng)].append(names)
        drawn.add(term.iri)
    return {pair: sorted(set(names)) for pair, names in links.items()}


def _agrees(vocabulary: Vocabulary, term: Term, inverse: Node) -> bool:
    other = vocabulary.term(inverse)
    return (
        other is not None
        and set(other.domains) == set(term.ranges)
        and set(other.ranges) == set(term.domains)
    )


def _box_width(label: str, name: str) -> float:
    return max(len(label) * (CHAR + 0.6), len(name) * CHAR, 60.0) + 18


def _box_size(label: str, name: str, loop: list[str]) -> tuple[float, float]:
    width = _box_width(label, name)
    if loop:
        width += 40 + max(len(line) for line in loop) * CHAR
    return (width, max(BOX_HEIGHT, len(loop) * LINE + 8))


def _attach(
    routes: list[list[tuple[float, float]]], edges: list[Edge], boxes: dict[str, Box]
) -> list[list[tuple[float, float]]]:
    """Start and end each route on the border of its boxes, spreading the links that share a
    side of a box along that side in the order of where they go."""
    ends: dict[tuple[str, str], list[tuple[float, int, int]]] = defaultdict(list)
    for index, (route, edge) in enumerate(zip(routes, edges, strict=True)):
        for position, node, toward in ((0, edge.source, route[1]), (-1, edge.target, route[-2])):
            box = boxes[node]
            side = "bottom" if toward[1] > box.y + box.height / 2 else "top"
            ends[(node, side)].append((toward[0], index, position))
    attached = [list(route) for route in routes]
    for (node, side), items in ends.items():
        box = boxes[node]
        items.sort()
        for slot, (_, index, position) in enumerate(items):
            x = box.x + box.width * (0.15 + 0.7 * (slot + 1) / (len(items) + 1))
            y = box.y + box.height if side == "bottom" else box.y
            attached[index][position] = (x, y)
    return attached


def _curve(points: list[tuple[float, float]]) -> str:
    """A path through the points, leaving and entering each one vertically."""
    (x, y), *rest = points
    parts = [f"M {x:.1f},{y:.1f}"]
    for nx, ny in rest:
        mid = (y + ny) / 2
        parts.append(f"C {x:.1f},{mid:.1f} {nx:.1f},{mid:.1f} {nx:.1f},{ny:.1f}")
        x, y = nx, ny
    return " ".join(parts)
