"""What a constraint query reads of the default graph, pattern by pattern, and how each pattern
is reached from the focus node: the analysis behind incremental validation
(kg.fastshacl.incremental).

Why it finds every focus node f whose answer can change. Let each triple pattern of the query
read either the graph before the change or the graph after it, and switch them one at a time:
if f's answer differs in the end, it differs at some switch, where only one pattern P gains or
loses matches, by a changed triple t. SPARQL joins patterns, and OPTIONAL, MINUS and [NOT]
EXISTS only compare solutions that agree where both are bound; so at that switch some solution
binds ?this to f, matches P to t and, with it, every pattern that must hold together with P
(below), each in the graph before or after the change. Hence f is an answer of the probe's
*chain*: P's variables bound to t's terms (VALUES), and patterns that join them to ?this, over
the union of the graph before and after. A chain only drops conditions of the query, so its
answers are a superset of the focus nodes whose answer can change.

Which patterns hold together with P: the required patterns of P's own group; of each enclosing
group, all its required patterns (around a nested group, a UNION branch or a FILTER's EXISTS)
or only those before (around OPTIONAL, MINUS and a BIND's EXISTS, which see only what precedes
them). A variable inside such a construct is the enclosing variable of that name only where the
enclosing patterns surely bind it (an OPTIONAL's ?x may meet an unbound ?x outside, and is then
any node); an EXISTS also sees what its enclosing EXISTS binds (SPARQL's substitution, which
Oxigraph and rdflib follow); a sub-select shares only the variables it projects.

Where this cannot be followed, the probe has no chain (a change matching it needs the whole
query) or the pattern is not probed at all: a path with *, + or ? (or one too intricate to
split) lists its predicates in `opaque`, and a query this module cannot read, or whose answer
is not a union of per-focus answers (aggregates over other groups, LIMIT), is `unbounded`.
"""

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import count

from kg.fastshacl.sparql_tree import (
    Alternative,
    Bind,
    Const,
    Filter,
    GraphGroup,
    Group,
    Inverse,
    Link,
    Minus,
    NotIn,
    Optional,
    Path,
    SelectQuery,
    Sequence,
    SubSelect,
    Term,
    TriplePattern,
    Union,
    UnreadableQuery,
    Var,
    parse_select,
    path_text,
    predicates_of,
)
from kg.fastshacl.targets import FOCUS_HEAD

THIS = "this"


@dataclass(frozen=True)
class Chain:
    """Patterns that join a probe's variables to ?this (SPARQL, variables ?this, ?v0, ...)."""

    patterns: str
    """Empty when the probe binds ?this itself and nothing narrows it down."""
    variables: tuple[str, ...]
    """The probe's variables, in the order a VALUES row gives them."""

    def query(self, rows: list[str]) -> str:
        """The focus nodes for `rows` (each a VALUES row of SPARQL terms)."""
        head = " ".join(f"?{v}" for v in self.variables)
        table = " ".join(f"({row})" for row in rows)
        return f"SELECT DISTINCT ?{THIS} WHERE {{ VALUES ({head}) {{ {table} }} {self.patterns} }}"


@dataclass(frozen=True)
class Probe:
    """A triple pattern of a query, as changed triples are matched against it."""

    options: tuple[tuple[str | None, bool], ...]
    """(predicate, inverse) pairs a triple may match by; None matches any predicate."""
    subject: Term
    """A Var (named as in the chain) or a constant the triple's subject must be."""
    predicate: str | None
    """The chain's variable for the triple's predicate, for a variable predicate."""
    object: Term
    chain: Chain | None
    """None: the pattern is not joined to ?this, so a change matching it needs the whole query."""


@dataclass(frozen=True)
class Footprint:
    """What a constraint query reads of the default graph."""

    probes: tuple[Probe, ...]
    opaque: frozenset[str]
    """Predicates read through paths no probe follows (*, +, ?): a change to one needs the
    whole query."""
    opaque_any: bool
    """Some such path follows any predicate (a negated property set)."""
    graphs: frozenset[str]
    """Named graphs read with GRAPH <...> (not the default graph, whose changes are known)."""
    unbounded: str | None
    """Why any change may change the answer for any focus node, if it may."""


def _unbounded(reason: str) -> Footprint:
    return Footprint((), frozenset(), False, frozenset(), reason)


@lru_cache(maxsize=4096)
def footprint_of(sparql: str, focus: str) -> Footprint:
    """The footprint of a constraint query whose focus group (text) is `focus`."""
    if not focus.startswith(FOCUS_HEAD) or sparql.count(focus) != 1:
        return _unbounded("no focus group to restrict")
    try:
        query = parse_select(sparql)
    except UnreadableQuery as error:
        return _unbounded(f"unreadable: {error}")
    if not any(
        isinstance(e, SubSelect)
        and sparql[e.start : e.end] == focus
        and e.query.projection == (THIS,)
        for e in query.where.elements
    ):
        return _unbounded("the focus group is not a part of the WHERE group")
    if query.projection is not None and THIS not in query.projection:
        return _unbounded("?this is not projected")
    if (query.computed or query.group_by is not None) and THIS not in (query.group_by or ()):
        return _unbounded("aggregates over more than one focus node")
    try:
        return _Walk().footprint(query)
    except UnreadableQuery as error:
        return _unbounded(str(error))


@dataclass(frozen=True, eq=False)
class _Edge:
    """A triple pattern with its variables renamed apart per scope (sequence paths split)."""

    subject: Term
    step: Var | Path
    object: Term
    opaque: bool = False

    def variables(self) -> Iterator[str]:
        for term in (self.subject, self.step, self.object):
            if isinstance(term, Var):
                yield term.name


class _Walk:
    """One walk over a query's groups, collecting its probes."""

    def __init__(self) -> None:
        self.fresh = count()
        self.probes: dict[Probe, None] = {}
        self.opaque: set[str] = set()
        self.opaque_any = False
        self.graphs: set[str] = set()

    def footprint(self, query: SelectQuery) -> Footprint:
        self.group(query.where, {THIS: THIS}, frozenset(), ())
        return Footprint(
            tuple(self.probes),
            frozenset(self.opaque),
            self.opaque_any,
            frozenset(self.graphs),
            None,
        )

    def new_id(self, name: str) -> str:
        return f"{name}#{next(self.fresh)}"

    def group(
        self,
        group: Group,
        ids: dict[str, str],
        substituted: frozenset[str],
        context: tuple[_Edge, ...],
    ) -> None:
        """Probe the patterns of `group`. `ids`: the scope's variables (shared with the groups
        joined to it); `substituted`: names an EXISTS binds from outside; `context`: enclosing
        patterns that hold together with any solution of this group that matters."""
        own: list[tuple[int, _Edge]] = []
        for index, element in enumerate(group.elements):
            if isinstance(element, TriplePattern):
                own.extend((index, edge) for edge in self.edges(element, ids))
        required = tuple(edge for _, edge in own)
        allowed = context + required
        for edge in required:
            self.probe(edge, allowed, required)
        everything = substituted | _certain(group)
        for index, element in enumerate(group.elements):
            before = context + tuple(edge for i, edge in own if i < index)
            surely = _certain(Group(group.elements[:index]))
            if isinstance(element, Group):
                self.group(element, ids, frozenset(), allowed)
            elif isinstance(element, Union):
                for branch in element.groups:
                    self.group(branch, ids, frozenset(), allowed)
            elif isinstance(element, SubSelect):
                self.sub_select(element, ids, allowed)
            elif isinstance(element, Optional | Minus):
                self.group(element.group, self.inherit(ids, surely), frozenset(), before)
            elif isinstance(element, Filter):
                for test in element.tests:
                    self.group(test, self.inherit(ids, everything), everything, allowed)
            elif isinstance(element, Bind):
                for test in element.tests:
                    bound = substituted | surely
                    self.group(test, self.inherit(ids, bound), bound, before)
            elif isinstance(element, GraphGroup):
                if not isinstance(element.graph, Const) or element.graph.iri is None:
                    raise UnreadableQuery("GRAPH over a variable")
                self.graphs.add(element.graph.iri)

    def sub_select(
        self, element: SubSelect, ids: dict[str, str], context: tuple[_Edge, ...]
    ) -> None:
        query = element.query
        if query.computed or query.group_by is not None:
            raise UnreadableQuery("a sub-select with aggregates")
        if query.projection is None:
            self.group(query.where, ids, frozenset(), context)
            return
        inner = {name: ids.setdefault(name, self.new_id(name)) for name in query.projection}
        self.group(query.where, inner, frozenset(), context)

    def inherit(self, ids: dict[str, str], names: frozenset[str]) -> dict[str, str]:
        """A new scope that shares only `names` with `ids`."""
        return {name: ids.setdefault(name, self.new_id(name)) for name in names}

    def term(self, term: Term, ids: dict[str, str]) -> Term:
        if isinstance(term, Const):
            return term
        if term.name not in ids:
            ids[term.name] = self.new_id(term.name)
        return Var(ids[term.name])

    def edges(self, pattern: TriplePattern, ids: dict[str, str]) -> list[_Edge]:
        subject, object_ = self.term(pattern.subject, ids), self.term(pattern.object, ids)
        if isinstance(pattern.predicate, Var):
            predicate = self.term(pattern.predicate, ids)
            assert isinstance(predicate, Var)
            return [_Edge(subject, predicate, object_)]
        return self.steps(subject, pattern.predicate, object_)

    def steps(self, subject: Term, path: Path, object_: Term) -> list[_Edge]:
        """A path as plain steps where it can be split: a sequence through fresh variables,
        an inverse by swapping its ends."""
        if isinstance(path, Inverse):
            return self.steps(object_, path.path, subject)
        if isinstance(path, Sequence):
            found: list[_Edge] = []
            start = subject
            for position, step in enumerate(path.steps):
                last = position == len(path.steps) - 1
                end = object_ if last else Var(self.new_id("_:step"))
                found += self.steps(start, step, end)
                start = end
            return found
        if isinstance(path, Link | NotIn) or (
            isinstance(path, Alternative) and all(_one_link(o) for o in path.options)
        ):
            return [_Edge(subject, path, object_)]
        followed = predicates_of(path)
        if followed is None:
            self.opaque_any = True
        else:
            self.opaque |= followed
        return [_Edge(subject, path, object_, opaque=True)]

    def probe(self, edge: _Edge, allowed: tuple[_Edge, ...], required: tuple[_Edge, ...]) -> None:
        if edge.opaque:
            return
        names: dict[str, str] = {THIS: THIS}

        def named(term: Term) -> Term:
            if isinstance(term, Const):
                return term
            return Var(names.setdefault(term.name, f"v{len(names) - 1}"))

        subject, object_ = named(edge.subject), named(edge.object)
        step = named(edge.step) if isinstance(edge.step, Var) else edge.step
        ends = (subject, step, object_)
        variables = tuple(dict.fromkeys(t.name for t in ends if isinstance(t, Var)))
        chain = None
        path = _path_to_this(edge, allowed)
        if path is not None:
            mine = set(edge.variables())
            narrowing = [
                e
                for e in required
                if e is not edge and mine.intersection(e.variables()) and _has_constant(e)
            ]
            patterns = dict.fromkeys([*path, *narrowing])
            chain = Chain(" . ".join(_edge_text(e, named) for e in patterns), variables)
        predicate = step.name if isinstance(step, Var) else None
        self.probes[Probe(_options(edge.step), subject, predicate, object_, chain)] = None


def _path_to_this(edge: _Edge, allowed: tuple[_Edge, ...]) -> list[_Edge] | None:
    """The fewest allowed patterns joining ?this to a variable of `edge` (breadth first);
    None if none do."""
    targets = set(edge.variables())
    if THIS in targets:
        return []
    came_from: dict[str, tuple[str, _Edge] | None] = {THIS: None}
    queue = deque([THIS])
    while queue:
        name = queue.popleft()
        for candidate in allowed:
            names = list(candidate.variables())
            if candidate is edge or name not in names:
                continue
            for other in names:
                if other in came_from:
                    continue
                came_from[other] = (name, candidate)
                if other in targets:
                    return _walk_back(other, came_from)
                queue.append(other)
    return None


def _walk_back(name: str, came_from: dict[str, tuple[str, _Edge] | None]) -> list[_Edge]:
    """The patterns from ?this to `name`, in order from ?this."""
    path: list[_Edge] = []
    while (step := came_from[name]) is not None:
        name, edge = step
        path.append(edge)
    return path[::-1]


def _certain(group: Group) -> frozenset[str]:
    """Names every solution of the group binds (its required patterns, joined groups)."""
    names: set[str] = set()
    for element in group.elements:
        if isinstance(element, TriplePattern):
            for term in (element.subject, element.predicate, element.object):
                if isinstance(term, Var):
                    names.add(term.name)
        elif isinstance(element, Group):
            names |= _certain(element)
        elif isinstance(element, Union):
            names |= frozenset.intersection(*(_certain(g) for g in element.groups))
        elif isinstance(element, SubSelect) and not element.query.computed:
            inner = _certain(element.query.where)
            projection = element.query.projection
            names |= inner if projection is None else inner & set(projection)
    return frozenset(names)


def _one_link(path: Path) -> bool:
    return isinstance(path, Link) or (isinstance(path, Inverse) and isinstance(path.path, Link))


def _options(step: Var | Path) -> tuple[tuple[str | None, bool], ...]:
    if isinstance(step, Var):
        return ((None, False),)
    if isinstance(step, Link):
        return ((step.iri, False),)
    if isinstance(step, NotIn):
        directions = sorted({inverse for _, inverse in step.members})
        return tuple((None, inverse) for inverse in directions)
    assert isinstance(step, Alternative)
    found: list[tuple[str | None, bool]] = []
    for option in step.options:
        if isinstance(option, Link):
            found.append((option.iri, False))
        else:
            assert isinstance(option, Inverse) and isinstance(option.path, Link)
            found.append((option.path.iri, True))
    return tuple(dict.fromkeys(found))


def _has_constant(edge: _Edge) -> bool:
    return isinstance(edge.subject, Const) or isinstance(edge.object, Const)


def _edge_text(edge: _Edge, named: Callable[[Term], Term]) -> str:
    def text(term: Term) -> str:
        renamed = named(term)
        return renamed.text if isinstance(renamed, Const) else f"?{renamed.name}"

    step = edge.step
    shown = text(step) if isinstance(step, Var) else path_text(step)
    return f"{text(edge.subject)} {shown} {text(edge.object)}"
