"""How the rows of a constraint query read as validation results.

A query returns candidate rows for all focus nodes at once. Most rows are results as they
stand; where the store cannot decide as pySHACL decides (datatypes, patterns, comparisons,
SPARQL filter expressions), the reading decides in Python, with rdflib, on the few rows the
store could not settle, and gives values as the data held them (kg.fastshacl.fidelity).
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.fastshacl.comparison import in_order
from kg.fastshacl.datatypes import accepts
from kg.fastshacl.errors import DataError
from kg.fastshacl.fidelity import Originals
from kg.fastshacl.messages import fill
from kg.fastshacl.ranges import at_least
from kg.fastshacl.select import RowFilter
from kg.fastshacl.terms import text_of, to_rdflib
from kg.namespaces import shorten

Solution = Any
"""A pyoxigraph QuerySolution: terms by variable name, None when unbound."""


@dataclass(frozen=True)
class Outcome:
    """One validation result, before its terms are written for people."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str


class Reading(Protocol):
    """How the rows of one constraint query become results."""

    def outcomes(self, rows: Iterable[Solution], originals: Originals) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class PerFocus:
    """A result per row, for its focus node, without a value (counts, sh:hasValue...)."""

    path: URIRef | None
    message: str

    def outcomes(self, rows: Iterable[Solution], originals: Originals) -> Iterator[Outcome]:
        for row in rows:
            yield Outcome(to_rdflib(row["this"]), self.path, None, self.message)


@dataclass(frozen=True)
class FocusAsValue:
    """A result per row whose value is the focus node itself (sh:or on a node shape)."""

    message: str

    def outcomes(self, rows: Iterable[Solution], originals: Originals) -> Iterator[Outcome]:
        for row in rows:
            focus = to_rdflib(row["this"])
            yield Outcome(focus, None, focus, self.message)


class ValueCheck(Protocol):
    """Whether pySHACL fails a value the store could not settle."""

    def fails(self, value: object, original: Literal | None) -> bool: ...


@dataclass(frozen=True)
class DatatypeCheck:
    """sh:datatype, with rdflib's notion of a well-formed literal (kg.fastshacl.datatypes)."""

    datatype: URIRef

    def fails(self, value: object, original: Literal | None) -> bool:
        return not accepts(original if original is not None else to_rdflib(value), self.datatype)


@dataclass(frozen=True)
class MinInclusiveCheck:
    """sh:minInclusive, with pySHACL's comparison of literals (kg.fastshacl.ranges)."""

    minimum: Literal

    def fails(self, value: object, original: Literal | None) -> bool:
        return not at_least(original if original is not None else to_rdflib(value), self.minimum)


@dataclass(frozen=True)
class PatternCheck:
    """sh:pattern with Python's re, searched, as pySHACL does (not XPath regular expressions)."""

    pattern: str
    compiled: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern))

    def fails(self, value: object, original: Literal | None) -> bool:
        if isinstance(value, ox.BlankNode):
            return True
        text = str(original) if original is not None else text_of(value)
        return self.compiled.search(text) is None


@dataclass(frozen=True)
class PerValue:
    """A result per value the check (if any) fails: one per literal the data held, where the
    store keeps several as one term."""

    path: URIRef
    message: str
    check: ValueCheck | None = None

    def outcomes(self, rows: Iterable[Solution], originals: Originals) -> Iterator[Outcome]:
        predicate = ox.NamedNode(str(self.path))
        for row in rows:
            value = row["value"]
            held: list[Literal | None] = [*originals.of_triple(row["this"], predicate, value)]
            for original in held or [None]:
                if self.check is None or self.check.fails(value, original):
                    shown = original if original is not None else to_rdflib(value)
                    yield Outcome(to_rdflib(row["this"]), self.path, shown, self.message)


@dataclass(frozen=True)
class PerPair:
    """sh:lessThan / sh:lessThanOrEquals: a result per pair pySHACL finds out of order."""

    path: URIRef
    other: URIRef
    message: str
    strict: bool

    def outcomes(self, rows: Iterable[Solution], originals: Originals) -> Iterator[Outcome]:
        predicates = (ox.NamedNode(str(self.path)), ox.NamedNode(str(self.other)))
        for row in rows:
            this = row["this"]
            values = _held(originals, this, predicates[0], row["value"])
            for value in values:
                if isinstance(value, BNode):
                    raise DataError(
                        f"pySHACL cannot compare the blank node {shorten(value)} with "
                        "sh:lessThan or sh:lessThanOrEquals (it raises ReportableRuntimeError)"
                    )
            if row["other"] is None:
                continue
            for value in values:
                for other in _held(originals, this, predicates[1], row["other"]):
                    if not in_order(value, other, self.strict):
                        yield Outcome(to_rdflib(this), self.path, value, self.message)


def _held(originals: Originals, subject: object, predicate: object, stored: object) -> list[Node]:
    """The terms the data held for a stored object."""
    return [*originals.of_triple(subject, predicate, stored)] or [to_rdflib(stored)]


@dataclass(frozen=True)
class SparqlResults:
    """The rows of a rewritten sh:select, filtered by rdflib and read as pySHACL reads them
    (SPARQLBasedConstraint._validate_sparql_query and make_v_result): duplicates dropped,
    ?value defaulting to the focus node, {?var} filled in the message."""

    projection: tuple[str, ...]
    filters: tuple[RowFilter, ...]
    template: str | None
    variables: tuple[str, ...] = ()

    def outcomes(self, rows: Iterable[Solution], originals: Originals) -> Iterator[Outcome]:
        needed = dict.fromkeys(["this", *self.projection, *self.variables])
        seen: set[tuple[Node | None, ...]] = set()
        for row in rows:
            terms = {n: _as_held(originals, row[n]) for n in needed}
            bound = {n: t for n, t in terms.items() if t is not None}
            if not all([f.holds(bound) for f in self.filters]):  # all: rdflib evaluates all
                continue
            key = tuple(terms[n] for n in ["this", *self.projection])
            if key in seen:
                continue
            seen.add(key)
            yield self._outcome(terms)

    def _outcome(self, terms: dict[str, Node | None]) -> Outcome:
        focus = terms["this"]
        assert focus is not None
        this = focus if "this" in self.projection else None
        path = terms.get("path") if "path" in self.projection else None
        value = terms.get("value") if "value" in self.projection else None
        value = value if value is not None else focus
        extra = {
            n: t
            for n in self.projection
            if n not in ("this", "path", "value") and (t := terms[n]) is not None
        }
        named = {**extra, **({"this": this} if this is not None else {})}
        named.update({"path": path} if path is not None else {})
        named["value"] = value
        message = fill(self.template, named) if self.template is not None else ""
        return Outcome(focus, path, value, message)


def _as_held(originals: Originals, stored: object) -> Node | None:
    """A term of a SPARQL constraint's row as the data held it, when that is unambiguous."""
    if stored is None:
        return None
    if isinstance(stored, ox.Literal):
        original = originals.of_term(stored)
        if original is not None:
            return original
    return to_rdflib(stored)
