"""The terms a reviewer reads: our classes, properties and stance concepts, and the modules
(ontologies and concept schemes) that hold them, read from the ontology files."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN
from rdflib.term import Node

from kg.loading import read_graph
from kg.namespaces import AP, STANCE, bind_prefixes
from kg.review.sections import sections
from kg.review.text import english, englishes, value_of

OURS = (str(AP), str(STANCE))
"""The namespaces whose terms are documented (CAMEO and PLOVER stand-ins are shown as values)."""

KINDS: dict[URIRef, str] = {
    OWL.Class: "class",
    RDFS.Class: "class",
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
    RDF.Property: "property",
    SKOS.Concept: "concept",
}
CHARACTERISTICS: dict[URIRef, str] = {
    OWL.FunctionalProperty: "functional",
    OWL.InverseFunctionalProperty: "inverse functional",
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
    OWL.AsymmetricProperty: "asymmetric",
    OWL.ReflexiveProperty: "reflexive",
    OWL.IrreflexiveProperty: "irreflexive",
}
# What a term page shows in its own place; every other statement is listed under "more".
SHOWN = {
    RDF.type, RDFS.label, SKOS.prefLabel, SKOS.definition, SKOS.scopeNote, SKOS.example,
    SKOS.historyNote, RDFS.comment, RDFS.domain, RDFS.range, RDFS.subClassOf,
    RDFS.subPropertyOf, SKOS.broader, SKOS.narrower, OWL.inverseOf, RDFS.isDefinedBy,
    OWL.deprecated,
}  # fmt: skip


@dataclass(frozen=True)
class Term:
    """One class, property or concept, with what a reviewer needs to judge it."""

    iri: URIRef
    kind: str
    label: str
    definitions: tuple[str, ...]
    scope_notes: tuple[str, ...]
    examples: tuple[str, ...]
    notes: tuple[str, ...]
    domains: tuple[Node, ...]
    ranges: tuple[Node, ...]
    supers: tuple[Node, ...]
    subs: tuple[Node, ...]
    inverses: tuple[Node, ...]
    characteristics: tuple[str, ...]
    defined_by: Node | None
    deprecated: bool
    section: str
    more: tuple[tuple[URIRef, tuple[Node, ...]], ...]

    @property
    def anchor(self) -> str:
        """An HTML id, unique across namespaces: ap-Office, stance-Supports."""
        prefix = "stance" if str(self.iri).startswith(str(STANCE)) else "ap"
        return f"{prefix}-{self.local_name}"

    @property
    def local_name(self) -> str:
        text = str(self.iri)
        return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


@dataclass(frozen=True)
class Module:
    """An ontology or a concept scheme: the header of a documented file."""

    iri: Node
    kind: str
    title: str
    description: str | None
    version: str | None
    version_iri: Node | None
    license: Node | None
    created: str | None
    modified: str | None
    namespace: str | None
    prefix: str | None
    change_notes: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The documented terms, in the order the files present them, and their modules."""

    graph: Graph
    modules: tuple[Module, ...]
    terms: tuple[Term, ...]

    def of_kind(self, *kinds: str) -> list[Term]:
        return [t for t in self.terms if t.kind in kinds]

    @property
    def classes(self) -> list[Term]:
        return self.of_kind("class")

    @property
    def properties(self) -> list[Term]:
        return self.of_kind(
            "object property", "datatype property", "annotation property", "property"
        )

    @property
    def concepts(self) -> list[Term]:
        return self.of_kind("concept")

    def term(self, iri: Node) -> Term | None:
        return next((t for t in self.terms if t.iri == iri), None)

    def label(self, node: Node) -> str | None:
        """The English name of any node the ontology names."""
        return value_of(self.graph, node, RDFS.label, SKOS.prefLabel)


def read_vocabulary(paths: Sequence[Path]) -> Vocabulary:
    """Read the ontology files; document every typed term of our namespaces."""
    graph = bind_prefixes(Graph())
    order: dict[URIRef, tuple[int, str, int]] = {}
    files = {path: read_graph(path) for path in paths}
    # A module that imports others comes after them: the core before the arms-control module.
    ordered = sorted(paths, key=lambda p: (len(list(files[p].objects(None, OWL.imports))), p.name))
    for number, path in enumerate(ordered):
        graph += files[path]
        for term, (section, position) in sections(path).items():
            order.setdefault(term, (number, section, position))
    terms = []
    for subject in set(graph.subjects(RDF.type, None)):
        if isinstance(subject, URIRef) and str(subject).startswith(OURS):
            kind = _kind(graph, subject)
            if kind is not None:
                terms.append(
                    _term(graph, subject, kind, order.get(subject, (len(paths), "", 0))[1])
                )
    last = (len(paths), "", 0)
    terms.sort(key=lambda t: (order.get(t.iri, last)[0], order.get(t.iri, last)[2], str(t.iri)))
    return Vocabulary(graph, _modules(graph), tuple(terms))


def _kind(graph: Graph, subject: URIRef) -> str | None:
    kinds = [
        KINDS[t] for t in graph.objects(subject, RDF.type) if isinstance(t, URIRef) and t in KINDS
    ]
    return min(kinds, key=list(KINDS.values()).index) if kinds else None


def _sorted(nodes: object) -> tuple[Node, ...]:
    return tuple(sorted(set(nodes), key=str))  # type: ignore[call-overload]


def _term(graph: Graph, iri: URIRef, kind: str, section: str) -> Term:
    hierarchy = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
    supers = list(graph.objects(iri, hierarchy))
    subs = list(graph.subjects(hierarchy, iri))
    if kind == "concept":
        supers = [*graph.objects(iri, SKOS.broader), *graph.subjects(SKOS.narrower, iri)]
        subs = [*graph.subjects(SKOS.broader, iri), *graph.objects(iri, SKOS.narrower)]
    more: dict[URIRef, list[Node]] = {}
    for predicate, value in graph.predicate_objects(iri):
        if predicate not in SHOWN and isinstance(predicate, URIRef):
            more.setdefault(predicate, []).append(value)
    return Term(
        iri=iri,
        kind=kind,
        label=value_of(graph, iri, RDFS.label, SKOS.prefLabel) or str(iri),
        definitions=englishes(list(graph.objects(iri, SKOS.definition))),
        scope_notes=englishes(list(graph.objects(iri, SKOS.scopeNote))),
        examples=englishes(list(graph.objects(iri, SKOS.example))),
        notes=englishes([*graph.objects(iri, RDFS.comment), *graph.objects(iri, SKOS.historyNote)]),
        domains=_sorted(graph.objects(iri, RDFS.domain)),
        ranges=_sorted(graph.objects(iri, RDFS.range)),
        supers=_sorted(s for s in supers if s != iri),
        subs=_sorted(s for s in subs if s != iri),
        inverses=_sorted([*graph.objects(iri, OWL.inverseOf), *graph.subjects(OWL.inverseOf, iri)]),
        characteristics=tuple(
            sorted(
                CHARACTERISTICS[t]
                for t in graph.objects(iri, RDF.type)
                if isinstance(t, URIRef) and t in CHARACTERISTICS
            )
        ),
        defined_by=graph.value(iri, RDFS.isDefinedBy),
        deprecated=any(v == Literal(True) for v in graph.objects(iri, OWL.deprecated)),
        section=section,
        more=tuple(sorted(((p, _sorted(v)) for p, v in more.items()), key=lambda pv: str(pv[0]))),
    )


def _modules(graph: Graph) -> tuple[Module, ...]:
    headers = [(s, "ontology") for s in graph.subjects(RDF.type, OWL.Ontology)]
    headers += [
        (s, "concept scheme")
        for s in graph.subjects(RDF.type, SKOS.ConceptScheme)
        if str(s).startswith(OURS)
    ]
    modules = []
    for iri, kind in headers:
        if isinstance(iri, BNode):
            continue
        modules.append(
            Module(
                iri=iri,
                kind=kind,
                title=value_of(graph, iri, DCTERMS.title, RDFS.label, SKOS.prefLabel) or str(iri),
                description=value_of(graph, iri, DCTERMS.description),
                version=value_of(graph, iri, OWL.versionInfo),
                version_iri=graph.value(iri, OWL.versionIRI),
                license=graph.value(iri, DCTERMS.license),
                created=english(list(graph.objects(iri, DCTERMS.created))),
                modified=english(list(graph.objects(iri, DCTERMS.modified))),
                namespace=value_of(graph, iri, VANN.preferredNamespaceUri),
                prefix=value_of(graph, iri, VANN.preferredNamespacePrefix),
                change_notes=englishes(list(graph.objects(iri, SKOS.changeNote))),
            )
        )
    # Ontologies first (the one that declares the namespace and imports nothing leads).
    modules.sort(
        key=lambda m: (m.kind != "ontology", m.namespace is None, _imports(graph, m), str(m.iri))
    )
    return tuple(modules)


def _imports(graph: Graph, module: Module) -> int:
    return len(list(graph.objects(module.iri, OWL.imports)))
