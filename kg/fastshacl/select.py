"""SPARQL constraints (sh:select) rewritten to run once for all focus nodes, with rdflib's filters.

pySHACL runs a sh:select once per focus node, with $this pre-bound, on rdflib's SPARQL engine.
Here it runs once: the focus nodes are joined in first. Graph patterns match the same in both
engines, but filter expressions do not: rdflib orders literals of different datatypes by their
datatype IRIs (an xsd:dateTime is "greater" than an xsd:date), takes YEAR() of dates only,
casts and compares in Python. So a top-level FILTER with an expression is taken out of the
query and evaluated afterwards, on each row, by rdflib's own evaluator (`RowFilter`); the EXISTS
tests inside it stay in the store, bound to variables. Only what this module can read is
accepted: one group of triple patterns, FILTERs, constant BINDs; anything else is refused.
"""

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NoReturn

from rdflib import Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.evalutils import _ebv
from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext
from rdflib.term import Node

from kg.fastshacl.datatypes import surely_accepted
from kg.fastshacl.errors import DataError, UnsupportedShapeError
from kg.fastshacl.sparql_text import Token, matching, tokenize

_UNSUPPORTED_KEYWORDS = frozenset(
    {"OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "VALUES", "SELECT", "FROM", "NAMED"}
)
_RESERVED = frozenset({"PATH", "currentShape", "shapesGraph", "failure"})
EXISTS_PREFIX = "fastshacl_exists_"


@dataclass(frozen=True)
class RowFilter:
    """A FILTER expression of a sh:select, evaluated on a result row by rdflib."""

    expression: str
    """The expression, its EXISTS tests replaced by variables that the store binds."""
    variables: tuple[str, ...]
    prologue: str

    def holds(self, row: Mapping[str, Node]) -> bool:
        """rdflib's verdict for the row (an error is false, as in a FILTER)."""
        values = tuple(row.get(n) for n in self.variables)
        return _holds(self.prologue, self.expression, self.variables, values)


_CONTEXT = QueryContext(initBindings={})


@lru_cache(maxsize=1 << 16)
def _holds(
    prologue: str, expression: str, variables: tuple[str, ...], values: tuple[Node | None, ...]
) -> bool:
    """Memoised: rows repeat the same values (dates, years) more often than not."""
    bindings = {Variable(n): v for n, v in zip(variables, values, strict=True) if v is not None}
    try:
        return bool(_ebv(_compiled(prologue, expression), FrozenBindings(_CONTEXT, bindings)))
    except Exception as error:  # rdflib raises more than SPARQLError on odd literals
        shown = ", ".join(f"?{n} = {v.n3()}" for n, v in zip(variables, values, strict=True) if v)
        raise DataError(
            f"pySHACL fails on this data: rdflib raises {type(error).__name__} ({error}) "
            f"evaluating FILTER ({expression.strip()}) with {shown}"
        ) from error


_PARSING = threading.Lock()
"""rdflib's parser (pyparsing) is not thread-safe, and constraints run on several threads."""


@cache
def _compiled(prologue: str, expression: str) -> Any:
    with _PARSING:
        query = prepareQuery(f"{prologue}SELECT * WHERE {{ FILTER ({expression}\n) }}")
    return query.algebra.p.p.expr


@dataclass(frozen=True)
class RewrittenSelect:
    """A sh:select as one query over all focus nodes, and the filters left to rdflib."""

    sparql: str
    projection: tuple[str, ...]
    """The variables the sh:select projects, in its order ("this" may be absent)."""
    filters: tuple[RowFilter, ...]


def rewrite(select: str, prefixes: tuple[tuple[str, str], ...], focus: str) -> RewrittenSelect:
    """Rewrite `select` to join the focus nodes (`focus`, a group pattern binding ?this) first."""
    text, tokens = select, tokenize(select)
    position, own_prologue = _prologue(tokens, text)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes) + own_prologue
    head = _expect_word(tokens, position, "SELECT")
    position = head + 1
    if tokens[position].word() in ("DISTINCT", "REDUCED"):
        position += 1
    projection: list[str] = []
    while tokens[position].kind == "var":
        projection.append(tokens[position].text[1:])
        position += 1
    if not projection:
        _refuse(select, "a projection that is not a list of variables")
    if tokens[position].word() == "WHERE":
        position += 1
    if tokens[position].text != "{":
        _refuse(select, "a query that is not SELECT ... WHERE { ... }")
    close = matching(tokens, position, select)
    if close != len(tokens) - 2:
        _refuse(select, "solution modifiers (GROUP BY, ORDER BY, LIMIT...)")
    if _RESERVED & {t.text[1:] for t in tokens if t.kind == "var"}:
        _refuse(select, "$PATH, $currentShape, $shapesGraph or ?failure")

    kept: list[str] = []
    binds: list[str] = []
    filters: list[RowFilter] = []
    cursor = tokens[position].end
    index = position + 1
    while index < close:
        token = tokens[index]
        word = token.word()
        if word == "FILTER":
            end = _filter_end(tokens, index + 1, select)
            kept.append(text[cursor : token.start])
            cursor = tokens[end].end
            split = _split_filter(tokens, index + 1, end, text, len(binds))
            if split.native is not None:
                kept.append(f" FILTER ({split.native})")
            if split.expression is not None:
                filters.append(RowFilter(split.expression, split.variables, prologue))
                binds.extend(split.exists)
            index = end + 1
            continue
        if word == "BIND":
            index = _check_bind(tokens, index, select) + 1
            continue
        _check_pattern_token(token, select)
        if token.text == "{":
            _refuse(select, "nested group patterns")
        index += 1
    kept.append(text[cursor : tokens[close].start])
    names = dict.fromkeys(["this", *projection])
    for row_filter_ in filters:
        names.update(dict.fromkeys(row_filter_.variables))
    body = "".join(kept)
    bind_text = "".join(
        f"\n  BIND ({exists} AS ?{EXISTS_PREFIX}{i})" for i, exists in enumerate(binds)
    )
    sparql = (
        f"{prologue}SELECT DISTINCT {' '.join('?' + n for n in names)} WHERE {{\n"
        f"  {focus}{body}{bind_text}\n}}\n"
    )
    return RewrittenSelect(sparql, tuple(projection), tuple(filters))


@dataclass(frozen=True)
class _Split:
    """How one FILTER runs: `native` in the store (the whole test, or a pre-test that keeps every
    row rdflib might keep), and `expression` on the rows, by rdflib."""

    native: str | None = None
    expression: str | None = None
    variables: tuple[str, ...] = ()
    exists: tuple[str, ...] = ()


_BOOLEAN = frozenset({"(", ")", "!", "&&", "||"})
_COMPARISONS = frozenset({"=", "!=", "<", ">", "<=", ">="})


def _split_filter(tokens: list[Token], first: int, last: int, text: str, numbered: int) -> _Split:
    """A FILTER made only of [NOT] EXISTS tests, ! && || stays in the store: the tests match the
    same in both engines and never fail. Any other becomes a row filter for rdflib, its EXISTS
    tests replaced by variables that the store binds."""
    inner_first, inner_last = first, last
    while tokens[inner_first].text == "(" and matching(tokens, inner_first, text) == inner_last:
        inner_first, inner_last = inner_first + 1, inner_last - 1
    spans = list(_exists_spans(tokens, inner_first, inner_last, text))
    covered = {i for a, b in spans for i in range(a, b + 1)}
    outside = [tokens[i] for i in range(first, last + 1) if i not in covered]
    if all(t.text in _BOOLEAN for t in outside):
        return _Split(native=text[tokens[first].start : tokens[last].end])
    pieces: list[str] = []
    exists: list[str] = []
    variables: dict[str, None] = {}
    cursor = tokens[first].start
    index = first
    while index <= last:
        span = next((s for s in spans if s[0] == index), None)
        if span is not None:
            pieces.append(text[cursor : tokens[index].start])
            name = f"{EXISTS_PREFIX}{numbered + len(exists)}"
            pieces.append(f"?{name}")
            variables[name] = None
            exists.append(text[tokens[span[0]].start : tokens[span[1]].end])
            cursor = tokens[span[1]].end
            index = span[1] + 1
            continue
        if tokens[index].kind == "var":
            variables[tokens[index].text[1:]] = None
        if tokens[index].text == "{":
            _refuse(text, "a group pattern in a FILTER other than EXISTS { ... }")
        index += 1
    pieces.append(text[cursor : tokens[last].end])
    return _Split(
        native=_pretest(tokens[inner_first : inner_last + 1]),
        expression="".join(pieces),
        variables=tuple(variables),
        exists=tuple(exists),
    )


def _pretest(expression: list[Token]) -> str | None:
    """For `a op b` (variables, IRIs): a test that drops only rows on which both engines agree
    the comparison is false, namely IRIs compared with = or !=, and well-formed xsd:date
    literals compared in any way. The rows kept go to rdflib."""
    if len(expression) != 3 or expression[1].text not in _COMPARISONS:
        return None
    left, op, right = expression
    operands = (left, right)
    if not all(t.kind in ("var", "iri") or (t.kind == "name" and ":" in t.text) for t in operands):
        return None
    variables = [t.text for t in operands if t.kind == "var"]
    if op.text in ("=", "!="):
        safe = " && ".join(f"isIRI({v})" for v in variables) or "true"
    elif len(variables) == 2:
        safe = " && ".join(f"({surely_accepted(XSD.date, v)})" for v in variables)
    else:
        return None
    return f"!COALESCE({safe}, false) || ({left.text} {op.text} {right.text})"


def _exists_spans(
    tokens: list[Token], first: int, last: int, text: str
) -> Iterator[tuple[int, int]]:
    """(first, last) token of each [NOT] EXISTS { ... } between first and last, checked to hold
    only triple patterns and nested FILTER [NOT] EXISTS."""
    index = first
    while index <= last:
        start = index
        if tokens[index].word() == "NOT" and tokens[index + 1].word() == "EXISTS":
            index += 1
        if tokens[index].word() == "EXISTS":
            if tokens[index + 1].text != "{":
                _refuse(text, "EXISTS without a group")
            end = matching(tokens, index + 1, text)
            _check_pattern_group(tokens, index + 2, end, text)
            yield start, end
            index = end + 1
            continue
        index = start + 1


def _check_pattern_group(tokens: list[Token], first: int, last: int, text: str) -> None:
    """Inside EXISTS: triple patterns and FILTER [NOT] EXISTS only, which match the same in
    both engines; an expression there could not be handed to rdflib."""
    index = first
    while index < last:
        token = tokens[index]
        if token.word() == "FILTER":
            end = _filter_end(tokens, index + 1, text)
            inner_first, inner_last = index + 1, end
            while (
                tokens[inner_first].text == "("
                and matching(tokens, inner_first, text) == inner_last
            ):
                inner_first, inner_last = inner_first + 1, inner_last - 1
            spans = list(_exists_spans(tokens, inner_first, inner_last, text))
            if spans != [(inner_first, inner_last)]:
                _refuse(text, "a FILTER expression inside EXISTS")
            index = end + 1
            continue
        _check_pattern_token(token, text)
        if token.text == "{":
            _refuse(text, "nested group patterns")
        index += 1


def _check_pattern_token(token: Token, text: str) -> None:
    if token.word() in _UNSUPPORTED_KEYWORDS or token.word() == "BIND":
        _refuse(text, f"{token.text} in a sh:select")
    if token.kind in ("string", "number", "lang"):
        _refuse(text, "literals in triple patterns (the store may hold them canonicalised)")
    if token.text == "(":
        _refuse(text, "RDF collections in triple patterns")


def _check_bind(tokens: list[Token], index: int, text: str) -> int:
    """BIND (constant AS ?var) is kept as is; a computed BIND is refused."""
    if tokens[index + 1].text != "(":
        _refuse(text, "a malformed BIND")
    end = matching(tokens, index + 1, text)
    inside = tokens[index + 2 : end]
    if not (
        len(inside) == 3
        and inside[0].kind in ("iri", "name", "var")
        and inside[1].word() == "AS"
        and inside[2].kind == "var"
        and inside[2].text[1:] != "this"
    ):
        _refuse(text, "a BIND of anything but a constant or a variable")
    return end


def _filter_end(tokens: list[Token], index: int, text: str) -> int:
    """The last token of the constraint after FILTER: ( ... ), [NOT] EXISTS { ... }, f( ... )."""
    token = tokens[index]
    if token.text == "(":
        return matching(tokens, index, text)
    if token.word() == "NOT":
        index += 1
        token = tokens[index]
    if token.word() == "EXISTS" and tokens[index + 1].text == "{":
        return matching(tokens, index + 1, text)
    if token.kind in ("name", "iri") and tokens[index + 1].text == "(":
        return matching(tokens, index + 1, text)
    _refuse(text, "a FILTER that is not FILTER ( ... ), EXISTS or a function call")


def _prologue(tokens: list[Token], text: str) -> tuple[int, str]:
    """Skip PREFIX and BASE declarations at the start; return where the query starts and them."""
    position = 0
    while tokens[position].word() in ("PREFIX", "BASE"):
        position += 3 if tokens[position].word() == "PREFIX" else 2
    if position == 0:
        return 0, ""
    return position, text[: tokens[position].start]


def _expect_word(tokens: list[Token], position: int, word: str) -> int:
    if tokens[position].word() != word:
        _refuse("".join(t.text for t in tokens), f"a query that does not start with {word}")
    return position


def _refuse(select: str, what: str) -> NoReturn:
    raise UnsupportedShapeError(
        f"the fast SHACL validator cannot run this sh:select ({what}): {select.strip()[:200]}"
    )
