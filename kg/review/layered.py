"""A small layered graph layout (after Sugiyama et al., as Graphviz dot does it), so that the
class diagram needs no external program and comes out the same on every run.

Steps: rank the nodes, with "hard" edges (superclass above subclass) always pointing down and
"soft" edges (object properties) pulled short but free to point up or sideways; give every
edge a dummy node on each rank it crosses (and one below a sideways edge), the middle one as
large as the edge's label, as dot does; order the ranks by barycentres to reduce crossings;
then place each node near its neighbours without overlap.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

GAP_X = 22.0
GAP_Y = 12.0
_SMALL = (2.0, 2.0)


@dataclass(frozen=True)
class Edge:
    """An edge from `source` to `target`; a hard one puts the source two ranks above."""

    source: str
    target: str
    label_size: tuple[float, float] = _SMALL
    hard: bool = False


@dataclass
class Layout:
    """Centres of the nodes; for every edge the points of its route from source to target and
    the centre of its label."""

    centres: dict[str, tuple[float, float]] = field(default_factory=dict)
    routes: list[list[tuple[float, float]]] = field(default_factory=list)
    labels: list[tuple[float, float]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def layout(sizes: dict[str, tuple[float, float]], edges: list[Edge], sweeps: int = 16) -> Layout:
    """Lay out nodes of the given (width, height); ids break ties, so the result is stable."""
    rank = _ranks(sorted(sizes), edges)
    size = dict(sizes)
    chains: list[list[str]] = []
    for index, edge in enumerate(edges):
        top, bottom = rank[edge.source], rank[edge.target]
        step = 1 if bottom >= top else -1
        between = list(range(top + step, bottom, step)) if top != bottom else [top + 1]
        chain = [edge.source]
        for i, r in enumerate(between):
            dummy = f"\0{index}:{i}"
            rank[dummy] = r
            size[dummy] = edge.label_size if i == len(between) // 2 else _SMALL
            chain.append(dummy)
        chains.append([*chain, edge.target])
    links = [(a, b) if rank[a] < rank[b] else (b, a) for c in chains for a, b in pairwise(c)]
    order = _order(rank, links, _first_seen(chains), sweeps)
    xs = _place(order, size, links)
    ys = _rows(order, size)
    result = Layout()
    for node in sizes:
        result.centres[node] = (xs[node], ys[rank[node]])
    for chain in chains:
        result.routes.append([(xs[n], ys[rank[n]]) for n in chain])
        middle = chain[1 + (len(chain) - 2) // 2]
        result.labels.append((xs[middle], ys[rank[middle]]))
    result.width = max(xs[n] + size[n][0] / 2 for n in xs) + GAP_X
    result.height = max(ys[rank[n]] + size[n][1] / 2 for n in xs) + GAP_Y
    return result


def _ranks(nodes: list[str], edges: list[Edge]) -> dict[str, int]:
    """Even ranks: a hard edge goes down by two or more; every edge would like to go down by
    exactly two (superclass links three times as much as the others).

    Start from the longest path over hard edges; then, as long as it makes the edges shorter,
    move a node, or a node with what hangs below it, by a number of ranks that
    gives one of its edges its wished length (a local search in the spirit of dot's network
    simplex).
    """
    above: dict[str, list[str]] = defaultdict(list)
    below: dict[str, list[str]] = defaultdict(list)
    weighted = [(e.source, e.target, 3 if e.hard else 1) for e in edges if e.source != e.target]
    for e in edges:
        if e.hard and e.source != e.target:
            above[e.target].append(e.source)
            below[e.source].append(e.target)
    rank: dict[str, int] = {}

    def longest(node: str) -> int:
        if node not in rank:
            rank[node] = max((longest(p) + 2 for p in above[node]), default=0)
        return rank[node]

    for node in nodes:
        longest(node)

    after: dict[str, list[str]] = defaultdict(list)
    for s, t, _ in weighted:
        after[s].append(t)

    def descendants(node: str, links: dict[str, list[str]]) -> set[str]:
        """The node and what lies below it through `links`, downwards all the way."""
        found, stack = {node}, [node]
        while stack:
            member = stack.pop()
            for child in links[member]:
                if child not in found and rank[child] > rank[member]:
                    found.add(child)
                    stack.append(child)
        return found

    for _ in range(50):
        improved = False
        for node in nodes:
            for block in ({node}, descendants(node, below), descendants(node, after)):
                shift = _best_shift(block, rank, weighted, above, below)
                if shift:
                    for member in block:
                        rank[member] += shift
                    improved = True
        if not improved:
            break
    low = min(rank.values(), default=0)
    return {n: r - low for n, r in rank.items()}


def _best_shift(
    block: set[str],
    rank: dict[str, int],
    weighted: list[tuple[str, str, int]],
    above: dict[str, list[str]],
    below: dict[str, list[str]],
) -> int:
    """The shift of `block` that most shortens the edges leaving it (0 if none helps)."""
    low = max(
        (rank[p] + 2 - rank[m] for m in block for p in above[m] if p not in block), default=-(10**6)
    )
    high = min(
        (rank[c] - 2 - rank[m] for m in block for c in below[m] if c not in block), default=10**6
    )
    crossing = [(s, t, w) for s, t, w in weighted if (s in block) != (t in block)]

    def cost(shift: int) -> int:
        total = 0
        for s, t, w in crossing:
            length = rank[t] - rank[s] + (shift if t in block else -shift)
            total += w * abs(length - 2)
        return total

    candidates = {
        rank[t] - 2 - rank[s] if s in block else rank[s] + 2 - rank[t] for s, t, _ in crossing
    }
    best, best_cost = 0, cost(0)
    for shift in sorted(candidates):
        if shift and low <= shift <= high and cost(shift) < best_cost:
            best, best_cost = shift, cost(shift)
    return best


def _first_seen(chains: list[list[str]]) -> Callable[[str], tuple[int, str]]:
    """A sort key: nodes in the order the edges first reach them (a stable first guess)."""
    seen: dict[str, int] = {}
    for chain in chains:
        for node in chain:
            seen.setdefault(node, len(seen))
    return lambda node: (seen.get(node, len(seen)), node)


def _order(
    rank: dict[str, int],
    links: list[tuple[str, str]],
    first: Callable[[str], tuple[int, str]],
    sweeps: int,
) -> list[list[str]]:
    """Order each rank by the mean position of its neighbours, keeping the fewest crossings."""
    up: dict[str, list[str]] = defaultdict(list)
    down: dict[str, list[str]] = defaultdict(list)
    for a, b in links:
        down[a].append(b)
        up[b].append(a)
    layers: list[list[str]] = [[] for _ in range(max(rank.values(), default=0) + 1)]
    for node in sorted(rank, key=first):
        layers[rank[node]].append(node)
    best, fewest = [list(layer) for layer in layers], _crossings(layers, down)
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        indices = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
        for i in indices:
            fixed = {n: p for p, n in enumerate(layers[i - 1] if downward else layers[i + 1])}
            current = {n: p for p, n in enumerate(layers[i])}
            neighbours = up if downward else down
            layers[i].sort(key=lambda n: _barycentre(n, neighbours, fixed, current))
        crossings = _crossings(layers, down)
        if crossings < fewest:
            best, fewest = [list(layer) for layer in layers], crossings
    return best


def _barycentre(
    node: str, neighbours: dict[str, list[str]], fixed: dict[str, int], current: dict[str, int]
) -> tuple[float, int]:
    near = [fixed[m] for m in neighbours[node] if m in fixed]
    return (sum(near) / len(near) if near else float(current[node]), current[node])


def _crossings(layers: list[list[str]], down: dict[str, list[str]]) -> int:
    total = 0
    for upper, lower in pairwise(layers):
        where = {n: p for p, n in enumerate(lower)}
        pairs = [(i, where[t]) for i, n in enumerate(upper) for t in down[n] if t in where]
        total += sum(1 for a in pairs for b in pairs if a[0] < b[0] and a[1] > b[1])
    return total


def _place(
    order: list[list[str]], size: dict[str, tuple[float, float]], links: list[tuple[str, str]]
) -> dict[str, float]:
    """Pull every node towards its neighbours; keep the order and a gap between nodes."""
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    x: dict[str, float] = {}
    for layer in order:
        left = 0.0
        for node in layer:
            x[node] = left + size[node][0] / 2
            left += size[node][0] + GAP_X
    for _ in range(40):
        for layer in order:
            wanted = [
                sum(x[m] for m in neighbours[n]) / len(neighbours[n]) if neighbours[n] else x[n]
                for n in layer
            ]
            x.update(zip(layer, _feasible(layer, wanted, size), strict=True))
    low = min((x[n] - size[n][0] / 2 for n in x), default=0.0)
    return {n: v - low + GAP_X for n, v in x.items()}


def _feasible(
    layer: list[str], wanted: list[float], size: dict[str, tuple[float, float]]
) -> list[float]:
    """The mean of the left-packed and right-packed placements closest to `wanted`."""
    gaps = [(size[a][0] + size[b][0]) / 2 + GAP_X for a, b in pairwise(layer)]
    left = list(wanted)
    for i in range(1, len(left)):
        left[i] = max(left[i], left[i - 1] + gaps[i - 1])
    right = list(wanted)
    for i in range(len(right) - 2, -1, -1):
        right[i] = min(right[i], right[i + 1] - gaps[i])
    return [(a + b) / 2 for a, b in zip(left, right, strict=True)]


def _rows(order: list[list[str]], size: dict[str, tuple[float, float]]) -> list[float]:
    """The vertical centre of each rank: as tall as its tallest node, with a gap."""
    ys, top = [], GAP_Y
    for layer in order:
        height = max((size[n][1] for n in layer), default=_SMALL[1])
        ys.append(top + height / 2)
        top += height + GAP_Y
    return ys
