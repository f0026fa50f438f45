"""The shapes as the fast validator understands them: only what it implements, already checked.

kg.fastshacl.shapes builds these from a shapes graph (refusing anything else);
kg.fastshacl.compiler turns them into SPARQL.
"""

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node


@dataclass(frozen=True)
class Report:
    """What every result of a shape carries: the shape, its severity, its sh:message."""

    shape: Node
    severity: str
    """"Violation", "Warning" or "Info", as kg.validation.report_violations names them."""
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class Target:
    """sh:targetClass (kind "class") or sh:targetSubjectsOf (kind "subjectsOf")."""

    kind: str
    node: URIRef


@dataclass(frozen=True)
class Qualified:
    """sh:qualifiedValueShape with sh:qualifiedMinCount: enough values conform to a node shape.

    The node shape may only restrict languages (sh:languageIn, lowercased, "*" for any);
    `languages` is None when every value conforms (no sh:languageIn, or deactivated).
    """

    shape: Node
    languages: tuple[str, ...] | None
    min_count: int


@dataclass(frozen=True)
class PropertyShape:
    """A property shape of a targeted node shape, with an IRI path."""

    node: Node
    path: URIRef
    report: Report
    min_count: int | None = None
    max_count: int | None = None
    datatype: URIRef | None = None
    classes: tuple[URIRef, ...] = ()
    node_kind: URIRef | None = None
    patterns: tuple[Literal, ...] = ()
    unique_lang: bool = False
    qualified: tuple[Qualified, ...] = ()
    has_values: tuple[URIRef, ...] = ()
    less_than: tuple[URIRef, ...] = ()
    less_than_or_equals: tuple[URIRef, ...] = ()
    min_inclusive: tuple[Literal, ...] = ()


@dataclass(frozen=True)
class Alternative:
    """A member of sh:or: a property shape that holds when the focus has at least `min_count`
    values (0 or 1) for `path`; `path` is None when the member always holds (deactivated)."""

    shape: Node
    path: URIRef | None
    min_count: int


@dataclass(frozen=True)
class SparqlConstraint:
    """A sh:SPARQLConstraint of a node shape: the sh:select text and what it needs to run."""

    node: Node
    select: str
    prefixes: tuple[tuple[str, str], ...]
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class NodeShape:
    """A node shape with targets, and every active constraint it applies to its focus nodes."""

    node: Node
    targets: tuple[Target, ...]
    report: Report
    properties: tuple[PropertyShape, ...] = ()
    alternatives: tuple[tuple[Alternative, ...], ...] = ()
    sparql: tuple[SparqlConstraint, ...] = ()
