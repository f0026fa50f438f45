"""SHACL shapes as readable constraints: "ap:speaker: exactly 1, an ap:Actor, an IRI".

A domain expert reviews what the data must look like without reading SHACL. Each constraint
is a list of parts, texts and term references, so the page can link the terms and escape the
texts.
"""

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.review.text import value_of


@dataclass(frozen=True)
class Ref:
    """A reference to a term inside a sentence, rendered as a link."""

    iri: Node


Part = str | Ref


@dataclass(frozen=True)
class Constraint:
    """One check of a node shape, as a sentence with its message."""

    shape: Node
    name: str | None
    path: Node | None
    sentence: tuple[Part, ...]
    description: str | None
    message: str | None
    sparql: str | None


@dataclass(frozen=True)
class NodeShapeView:
    """A node shape: what it targets, and its constraints in order."""

    iri: Node
    label: str | None
    description: str | None
    message: str | None
    targets: tuple[tuple[Part, ...], ...]
    constraints: tuple[Constraint, ...]
    target_classes: tuple[Node, ...]
    target_properties: tuple[Node, ...]


_TARGETS: dict[URIRef, str] = {
    SH.targetClass: "every ",
    SH.targetSubjectsOf: "every subject of ",
    SH.targetObjectsOf: "every value of ",
    SH.targetNode: "the node ",
}


def node_shapes(shapes: Graph) -> list[NodeShapeView]:
    """Every node shape, in IRI order."""
    found = set(shapes.subjects(RDF.type, SH.NodeShape))
    found |= {s for t in _TARGETS for s in shapes.subjects(t, None)}
    return [_node_shape(shapes, s) for s in sorted(found, key=str)]


def _node_shape(g: Graph, shape: Node) -> NodeShapeView:
    targets = tuple(
        (text, Ref(value))
        for predicate, text in _TARGETS.items()
        for value in sorted(g.objects(shape, predicate), key=str)
    )
    constraints = [_property_constraint(g, p) for p in _ordered(g, shape, SH.property)]
    node_rules = _rules(g, shape)
    if node_rules:
        constraints.insert(0, Constraint(shape, None, None, node_rules, None, None, None))
    for sparql in _ordered(g, shape, SH.sparql):
        constraints.append(
            Constraint(
                shape=sparql,
                name=value_of(g, sparql, RDFS.label, SH.name),
                path=None,
                sentence=(),
                description=value_of(g, sparql, SH.description),
                message=value_of(g, sparql, SH.message),
                sparql=_dedent(str(g.value(sparql, SH.select) or "")),
            )
        )
    return NodeShapeView(
        iri=shape,
        label=value_of(g, shape, RDFS.label, SH.name),
        description=value_of(g, shape, SH.description),
        message=value_of(g, shape, SH.message),
        targets=targets,
        constraints=tuple(constraints),
        target_classes=tuple(sorted(g.objects(shape, SH.targetClass), key=str)),
        target_properties=tuple(
            sorted(
                [*g.objects(shape, SH.targetSubjectsOf), *g.objects(shape, SH.targetObjectsOf)],
                key=str,
            )
        ),
    )


def _ordered(g: Graph, shape: Node, predicate: URIRef) -> list[Node]:
    """By path, then by IRI: a stable order also for blank-node shapes."""

    def key(node: Node) -> tuple[str, str]:
        return (str(g.value(node, SH.path) or ""), str(node) if isinstance(node, URIRef) else "")

    return sorted(g.objects(shape, predicate), key=key)


def _property_constraint(g: Graph, shape: Node) -> Constraint:
    path = g.value(shape, SH.path)
    return Constraint(
        shape=shape,
        name=value_of(g, shape, SH.name, RDFS.label),
        path=path,
        sentence=describe(g, shape),
        description=value_of(g, shape, SH.description),
        message=value_of(g, shape, SH.message),
        sparql=None,
    )


def describe(g: Graph, shape: Node) -> tuple[Part, ...]:
    """A property shape as `path: rule, rule, ...`."""
    path = g.value(shape, SH.path)
    head: list[Part] = [*_path(g, path), ": "] if path is not None else []
    rules = _rules(g, shape)
    return (*head, *(rules or ("any value",)))


def _rules(g: Graph, shape: Node) -> tuple[Part, ...]:
    """The constraints of a shape, joined with commas (the cardinality first)."""
    clauses: list[list[Part]] = []
    if cardinality := _cardinality(g, shape):
        clauses.append([cardinality])
    for predicate, value in sorted(
        g.predicate_objects(shape), key=lambda pv: (str(pv[0]), str(pv[1]))
    ):
        clause = _clause(g, predicate, value, shape)
        if clause:
            clauses.append(clause)
    parts: list[Part] = []
    for i, clause in enumerate(clauses):
        parts += ([", "] if i else []) + clause
    return tuple(parts)


def _cardinality(g: Graph, shape: Node) -> str | None:
    low, high = _int(g.value(shape, SH.minCount)), _int(g.value(shape, SH.maxCount))
    if low is None and high is None:
        return None
    if high == 0:
        return "none"
    if low == high:
        return f"exactly {low}"
    if low and high is not None:
        return f"{low} to {high}"
    return f"at least {low}" if low else f"at most {high}"


def _int(node: Node | None) -> int | None:
    return int(node) if isinstance(node, Literal) else None


_SKIP = {
    RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.message, SH.path,
    SH.minCount, SH.maxCount, SH.property, SH.sparql, SH.severity, SH.order, SH.group,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.deactivated, SH.prefixes, SH.declare,
    *_TARGETS,
}  # fmt: skip
_NODE_KINDS = {
    SH.IRI: "an IRI",
    SH.Literal: "a literal",
    SH.BlankNode: "a blank node",
    SH.BlankNodeOrIRI: "a node (IRI or blank node)",
    SH.IRIOrLiteral: "an IRI or a literal",
    SH.BlankNodeOrLiteral: "a blank node or a literal",
}
_COMPARISONS = {
    SH.equals: "equal to its ",
    SH.disjoint: "never equal to its ",
    SH.lessThan: "before its ",
    SH.lessThanOrEquals: "not after its ",
}


_BOUNDS = {
    SH.minInclusive: "at least {}",
    SH.maxInclusive: "at most {}",
    SH.minExclusive: "more than {}",
    SH.maxExclusive: "less than {}",
    SH.minLength: "at least {} characters long",
    SH.maxLength: "at most {} characters long",
}


def _clause(g: Graph, predicate: Node, value: Node, shape: Node) -> list[Part]:
    if predicate in _SKIP:
        return []
    if predicate in _BOUNDS:
        return [_BOUNDS[predicate].format(value)]  # type: ignore[index]
    if predicate == SH["class"]:
        return [_article(value), Ref(value)]
    if predicate == SH.datatype:
        return ["a value typed ", Ref(value)]
    if predicate == SH.nodeKind:
        return [_NODE_KINDS.get(value, str(value))]  # type: ignore[call-overload]
    if predicate == SH.pattern:
        flags = g.value(shape, SH.flags)
        return [f"matching /{value}/{flags or ''}"]
    if predicate == SH.flags:
        return []
    if predicate == SH.hasValue:
        return ["including ", Ref(value)]
    if predicate == SH.uniqueLang:
        return ["at most one per language"] if value == Literal(True) else []
    if predicate == SH.languageIn:
        return [f"in language {', '.join(str(v) for v in Collection(g, value))}"]
    if predicate in _COMPARISONS:
        return [_COMPARISONS[predicate], Ref(value)]  # type: ignore[index]
    if predicate == SH["in"]:
        return _joined(["one of "], [[_value(v)] for v in Collection(g, value)], ", ")
    if predicate == SH.qualifiedValueShape:
        low = _int(g.value(shape, SH.qualifiedMinCount))
        high = _int(g.value(shape, SH.qualifiedMaxCount))
        count = f"at least {low}" if low else f"at most {high}" if high is not None else "any"
        return [f"{count} conforming to ", Ref(value)]
    if predicate == SH.node:
        return ["conforming to ", Ref(value)]
    if predicate in (SH["or"], SH.xone, SH["and"]):
        word = {SH["or"]: "either ", SH.xone: "exactly one of ", SH["and"]: "all of "}[predicate]  # type: ignore[index]
        joiner = " or " if predicate == SH["or"] else "; "
        members = [["(", *describe(g, m), ")"] for m in Collection(g, value)]
        return _joined([word], members, joiner)
    if predicate == SH["not"]:
        return ["not (", *describe(g, value), ")"]
    return [Ref(predicate), " ", _value(value)]  # any other parameter, shown as it is


def _value(value: Node) -> Part:
    return f'"{value}"' if isinstance(value, Literal) else Ref(value)


def _joined(head: list[Part], members: list[list[Part]], joiner: str) -> list[Part]:
    parts = list(head)
    for i, member in enumerate(members):
        parts += ([joiner] if i else []) + member
    return parts


def _article(value: Node) -> str:
    text = str(value)
    local = text[max(text.rfind("#"), text.rfind("/"), text.rfind(":")) + 1 :]
    return "an " if local[:1].lower() in "aeiou" else "a "


def _path(g: Graph, path: Node | None) -> list[Part]:
    """A SHACL property path in SPARQL notation: ^p, p/q, p|q, p*."""
    if path is None:
        return []
    if isinstance(path, URIRef):
        return [Ref(path)]
    if (inverse := g.value(path, SH.inversePath)) is not None:
        return ["^", *_path(g, inverse)]
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        if (inner := g.value(path, predicate)) is not None:
            return ["(", *_path(g, inner), f"){suffix}"]
    if (alternatives := g.value(path, SH.alternativePath)) is not None:
        return _joined([], [_path(g, p) for p in Collection(g, alternatives)], "|")
    if g.value(path, RDF.first) is not None:
        return _joined([], [_path(g, p) for p in Collection(g, path)], "/")
    return [str(path)]


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:] for line in lines)
