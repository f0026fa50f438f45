"""Everything the documentation pages show, gathered once: the terms, the shapes, an example
of each term from the data, the answers to the competency questions and the lint report."""

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.namespaces import BASE, SHAPES, STANCE, expand, shorten
from kg.review.competency import Answer
from kg.review.constraints import Constraint, NodeShapeView
from kg.review.diagram import Diagram
from kg.review.examples import Example
from kg.review.lint import LintReport
from kg.review.terms import Module, Term, Vocabulary
from kg.review.text import value_of

PAGES = {
    "index.html": "Overview",
    "classes.html": "Classes",
    "properties.html": "Properties",
    "stances.html": "Stances",
    "shapes.html": "Shapes",
    "questions.html": "Competency questions",
    "lint.html": "Lint",
}
"""The pages, in the order of the navigation bar."""


@dataclass(frozen=True)
class Link:
    """How a term shows on a page: its short name, where it links to, and a tooltip."""

    text: str
    href: str | None
    title: str


@dataclass(frozen=True)
class Site:
    vocabulary: Vocabulary
    shapes: tuple[NodeShapeView, ...]
    examples: dict[URIRef, Example]
    answers: tuple[Answer, ...]
    lint: LintReport
    diagram: Diagram

    @property
    def main(self) -> Module | None:
        """The module the front page is about: the first ontology."""
        return self.vocabulary.modules[0] if self.vocabulary.modules else None

    @property
    def title(self) -> str:
        return self.main.title if self.main else "Ontology"

    @property
    def flagged(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.flagged)

    def sections(self, terms: list[Term]) -> list[tuple[str, list[Term]]]:
        """Terms grouped under the section banners of their file, in file order."""
        groups: list[tuple[str, list[Term]]] = []
        for term in terms:
            if not groups or groups[-1][0] != term.section:
                groups.append((term.section, []))
            groups[-1][1].append(term)
        return groups

    def link(self, node: Node | str) -> Link:
        """Our terms and shapes link to their section; web IRIs to themselves; others do not."""
        if isinstance(node, str) and not isinstance(node, URIRef):
            node = expand(node) or URIRef(node)
        text = shorten(node)
        title = self.vocabulary.label(node) or (text if isinstance(node, URIRef) else "")
        term = self.vocabulary.term(node)
        if term is not None:
            page = "stances.html" if term.kind == "concept" else "classes.html"
            if term.kind not in ("class", "concept"):
                page = "properties.html"
            return Link(text, f"{page}#{term.anchor}", title)
        if isinstance(node, URIRef) and str(node).startswith(str(SHAPES)):
            return Link(text, f"shapes.html#{shape_anchor(node)}", title)
        if isinstance(node, URIRef) and text.startswith("<"):
            text = str(node)
        # Web links for other vocabularies only: our own IRIs are not published yet, and any
        # other scheme (javascript:, data:, file:) is never a link.
        web = str(node).startswith(("https://", "http://")) and not str(node).startswith(BASE)
        href = str(node) if web and isinstance(node, URIRef) else None
        return Link(text, href, title or str(node))

    def cell(self, text: str) -> Link | None:
        """A link for an answer cell that names a documented term (stance:Supports)."""
        iri = expand(text) if text[:1] != '"' else None
        return self.link(iri) if iri is not None and self.vocabulary.term(iri) else None

    def shapes_for_class(self, iri: Node) -> list[NodeShapeView]:
        return [s for s in self.shapes if iri in s.target_classes]

    def shapes_on_subjects_of(self, iri: Node) -> list[NodeShapeView]:
        return [s for s in self.shapes if iri in s.target_properties]

    def constraints_on(self, iri: Node) -> list[tuple[NodeShapeView, Constraint]]:
        """The property shapes whose path is this property, with the node shape holding them."""
        return [(s, c) for s in self.shapes for c in s.constraints if c.path == iri]

    def with_domain(self, iri: Node) -> list[Term]:
        return [t for t in self.vocabulary.properties if iri in t.domains]

    def with_range(self, iri: Node) -> list[Term]:
        return [t for t in self.vocabulary.properties if iri in t.ranges]

    def example(self, term: Term) -> Example | None:
        return self.examples.get(term.iri)

    def questions_using(self, iri: Node) -> list[Answer]:
        return [a for a in self.answers if iri in a.terms]

    def notation(self, node: Node) -> str | None:
        """The code of a CAMEO or PLOVER stand-in, shown beside a stance's close matches."""
        return value_of(self.vocabulary.graph, node, SKOS.notation)

    def concept_scheme(self) -> Module | None:
        return next(
            (m for m in self.vocabulary.modules if str(m.iri).startswith(str(STANCE))), None
        )


def shape_anchor(node: Node) -> str:
    return "aps-" + str(node).removeprefix(str(SHAPES))


def is_literal(node: object) -> bool:
    return isinstance(node, Literal)
