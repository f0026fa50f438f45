"""Compiled shapes: one SELECT per constraint, and the reading of its rows
(kg.fastshacl.readings). Inspectable: `ShapeQueries.text()` is every query, annotated."""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from kg.fastshacl.readings import Reading
from kg.fastshacl.targets import FOCUS_HEAD
from kg.namespaces import shorten


@dataclass(frozen=True)
class ConstraintQuery:
    """The SELECT for one constraint of one shape, for all its focus nodes."""

    shape: Node
    """sh:sourceShape: the property shape, or the node shape of sh:or and sh:sparql."""
    component: URIRef
    """sh:sourceConstraintComponent."""
    parameter: str
    """The constraint's parameter value as text (which sh:class, which SPARQL constraint)."""
    sparql: str
    severity: str
    reading: Reading
    needs_record: bool = False
    """True when only the datatype record lets the store decide as pySHACL does."""
    focus: str = ""
    """The group in `sparql` that binds ?this to the focus nodes (kg.fastshacl.targets), which
    `restricted_to` narrows; empty if unknown."""

    def restricted_to(self, nodes: Iterable[str]) -> str:
        """The query for these focus nodes only (SPARQL terms): a VALUES at the start of the
        focus group, so that the store looks up only their targets."""
        if not self.focus.startswith(FOCUS_HEAD) or self.focus not in self.sparql:
            raise ValueError(f"no focus group to restrict in {self.sparql[:200]!r}")
        values = f"VALUES ?this {{ {' '.join(nodes)} }} "
        narrowed = FOCUS_HEAD + values + self.focus[len(FOCUS_HEAD) :]
        return self.sparql.replace(self.focus, narrowed, 1)


@dataclass(frozen=True)
class ShapeQueries:
    """Every constraint query of a shapes graph, in a fixed order."""

    queries: tuple[ConstraintQuery, ...]

    def __iter__(self) -> Iterator[ConstraintQuery]:
        return iter(self.queries)

    def __len__(self) -> int:
        return len(self.queries)

    def of(self, shape: Node) -> Sequence[ConstraintQuery]:
        """The queries whose results name `shape` as their source shape."""
        return [q for q in self.queries if q.shape == shape]

    def text(self) -> str:
        """All queries as one annotated SPARQL text, for reading and diffing."""
        return "\n".join(
            f"# {shorten(q.shape)} {shorten(q.component)} {q.parameter}\n{q.sparql}"
            for q in self.queries
        )
