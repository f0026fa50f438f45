"""Read a shapes graph into kg.fastshacl.model, the way pySHACL reads it, refusing the rest.

Every rule here mirrors pySHACL 0.40 (shape.py, the constraint components' constructors): which
nodes are shapes, which values a parameter may take, how sh:deactivated and sh:severity read.
Where pySHACL would fail to load a shape, or would pick one of several values at random, this
raises instead, so the fast path never guesses.
"""

from collections.abc import Iterable
from typing import NoReturn

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.fastshacl import vocabulary as v
from kg.fastshacl.errors import UnsupportedShapeError
from kg.fastshacl.model import (
    Alternative,
    NodeShape,
    PropertyShape,
    Qualified,
    Report,
    SparqlConstraint,
    Target,
)
from kg.namespaces import shorten

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_NODE_KINDS = frozenset(
    {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}
)


def read_shapes(shapes: Graph) -> tuple[NodeShape, ...]:
    """The active targeted node shapes of `shapes`, in a fixed order."""
    v.audit(shapes)
    _refuse_implicit_class_targets(shapes)
    targeted = {s for p in v.TARGETS for s in shapes.subjects(p, None)}
    read = (_node_shape(shapes, s) for s in sorted(targeted, key=str))
    return tuple(shape for shape in read if shape is not None)


def _node_shape(g: Graph, node: Node) -> NodeShape | None:
    if g.value(node, SH.path) is not None:
        _refuse(node, "a shape with targets and a sh:path (a targeted property shape)")
    _allow(g, node, v.TARGETS | v.NODE_SHAPE_CONSTRAINTS | v.REPORTING | v.DESCRIPTIVE)
    if _deactivated(g, node):
        return None
    targets = tuple(
        Target(kind, _iri(g, node, p, o))
        for kind, p in (("class", SH.targetClass), ("subjectsOf", SH.targetSubjectsOf))
        for o in sorted(g.objects(node, p), key=str)
    )
    properties = (_property_shape(g, p) for p in sorted(g.objects(node, SH.property), key=str))
    return NodeShape(
        node=node,
        targets=targets,
        report=_report(g, node),
        properties=tuple(p for p in properties if p is not None),
        alternatives=tuple(
            _alternatives(g, node, lst) for lst in sorted(g.objects(node, v.SH_OR), key=str)
        ),
        sparql=tuple(
            c
            for c in (_sparql(g, node, s) for s in sorted(g.objects(node, SH.sparql), key=str))
            if c is not None
        ),
    )


def _property_shape(g: Graph, node: Node) -> PropertyShape | None:
    _allow(g, node, {SH.path} | v.PROPERTY_SHAPE_CONSTRAINTS | v.REPORTING | v.DESCRIPTIVE)
    path = _path(g, node)
    if _deactivated(g, node):
        return None
    datatype = _one(g, node, SH.datatype)
    node_kind = _one(g, node, SH.nodeKind)
    if node_kind is not None and node_kind not in _NODE_KINDS:
        _refuse(node, f"sh:nodeKind {shorten(node_kind)}")
    unique = _one(g, node, SH.uniqueLang)
    if unique is not None and not (isinstance(unique, Literal) and isinstance(unique.value, bool)):
        _refuse(node, "a sh:uniqueLang that is not a boolean literal")
    patterns = sorted(g.objects(node, SH.pattern), key=str)
    if not all(isinstance(p, Literal) for p in patterns):
        _refuse(node, "a sh:pattern that is not a literal")
    return PropertyShape(
        node=node,
        path=path,
        report=_report(g, node),
        min_count=_count(g, node, SH.minCount),
        max_count=_count(g, node, SH.maxCount),
        datatype=_iri(g, node, SH.datatype, datatype) if datatype is not None else None,
        classes=_iris(g, node, v.SH_CLASS),
        node_kind=node_kind if isinstance(node_kind, URIRef) else None,
        patterns=tuple(p for p in patterns if isinstance(p, Literal)),
        unique_lang=bool(unique is not None and unique.value is True),
        qualified=_qualified(g, node),
        has_values=_iris(g, node, SH.hasValue),
        less_than=_iris(g, node, SH.lessThan),
        less_than_or_equals=_iris(g, node, SH.lessThanOrEquals),
        min_inclusive=_literals(g, node, SH.minInclusive),
    )


def _qualified(g: Graph, node: Node) -> tuple[Qualified, ...]:
    shapes = sorted(g.objects(node, SH.qualifiedValueShape), key=str)
    count = _one(g, node, SH.qualifiedMinCount)
    if not shapes and count is None:
        return ()
    if not shapes or count is None:
        _refuse(node, "sh:qualifiedValueShape without sh:qualifiedMinCount, or the reverse")
    assert count is not None
    if not (
        isinstance(count, Literal)
        and isinstance(count.value, int)
        and not isinstance(count.value, bool)
    ):
        _refuse(node, "a sh:qualifiedMinCount that is not an integer literal")
    return tuple(Qualified(s, _languages_shape(g, s), int(count.value)) for s in shapes)


def _languages_shape(g: Graph, node: Node) -> tuple[str, ...] | None:
    """A node shape used as a qualified value shape: it may only restrict languages.
    None when every value conforms (no sh:languageIn, or the shape is deactivated)."""
    if g.value(node, SH.path) is not None:
        _refuse(node, "a property shape as sh:qualifiedValueShape")
    _allow(g, node, {SH.languageIn} | v.TARGETS | v.REPORTING | v.DESCRIPTIVE)
    if _deactivated(g, node):
        return None
    lst = _one(g, node, SH.languageIn)
    if lst is None:
        return None
    languages: list[str] = []
    for item in Collection(g, lst):
        if not (isinstance(item, Literal) and isinstance(item.value, str)) or not item.value:
            _refuse(node, "a sh:languageIn member that is not a non-empty string")
        languages.append(str(item.value).lower())
    return tuple(languages)


def _alternatives(g: Graph, node: Node, lst: Node) -> tuple[Alternative, ...]:
    members = list(Collection(g, lst))
    if not members:
        _refuse(node, "an empty sh:or list")
    return tuple(_alternative(g, m) for m in sorted(set(members), key=str))


def _alternative(g: Graph, node: Node) -> Alternative:
    """A member of sh:or: here only a property shape with a sh:minCount of 0 or 1."""
    if g.value(node, SH.path) is None:
        _refuse(node, "a node shape as a member of sh:or")
    _allow(g, node, {SH.path, SH.minCount} | v.REPORTING | v.DESCRIPTIVE)
    path = _path(g, node)
    if _deactivated(g, node):
        return Alternative(node, None, 0)
    count = _count(g, node, SH.minCount) or 0
    if count > 1:
        _refuse(node, f"sh:minCount {count} in a member of sh:or (only 0 or 1)")
    return Alternative(node, path, count)


def _sparql(g: Graph, shape: Node, node: Node) -> SparqlConstraint | None:
    _allow(g, node, v.SPARQL_CONSTRAINT_TERMS | v.DESCRIPTIVE)
    deactivated = _one(g, node, SH.deactivated)
    if deactivated is not None:
        if not (isinstance(deactivated, Literal) and isinstance(deactivated.value, bool)):
            _refuse(node, "a sh:deactivated that is not a boolean literal")
        if deactivated.value:
            return None
    select = _one(g, node, SH.select)
    if not (isinstance(select, Literal) and isinstance(select.value, str)):
        _refuse(node, "a SPARQL constraint without one string sh:select (sh:ask is not supported)")
    messages = tuple(sorted(g.objects(node, SH.message), key=str))
    if not all(isinstance(m, Literal) and isinstance(m.value, str) for m in messages):
        _refuse(node, "a sh:message that is not a string")
    return SparqlConstraint(
        node=node,
        select=str(select),
        prefixes=_prefixes(g, node),
        messages=tuple(m for m in messages if isinstance(m, Literal)),
    )


def _prefixes(g: Graph, node: Node) -> tuple[tuple[str, str], ...]:
    """The prefixes pySHACL declares for a SPARQL constraint (SPARQLQueryHelper.collect_prefixes):
    rdf, rdfs and owl, then the sh:declare of its sh:prefixes, or of every ontology when the
    sh:prefixes node declares none."""
    prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
    declared: set[Node] = set()
    named = set(g.objects(g.identifier, SH.declare))
    ontologies = set(g.subjects(RDF.type, OWL.Ontology))
    everywhere = named | {d for o in ontologies for d in g.objects(o, SH.declare)}
    for target in g.objects(node, SH.prefixes):
        own = set(g.objects(target, SH.declare))
        declared |= own | named if own and target in ontologies else everywhere | own
    seen: dict[str, str] = {}
    for declaration in declared:
        prefix, namespace = _one(g, declaration, SH.prefix), _one(g, declaration, SH.namespace)
        if not (isinstance(prefix, Literal) and isinstance(namespace, Literal)):
            _refuse(node, "a sh:declare without one literal sh:prefix and sh:namespace")
        name, iri = str(prefix), str(namespace)
        if seen.get(name, iri) != iri:
            _refuse(node, f"two namespaces declared for the prefix {name!r}")
        seen[name] = iri
    return tuple(sorted({**prefixes, **seen}.items()))


def _report(g: Graph, node: Node) -> Report:
    severities = set(g.objects(node, SH.severity))
    if len(severities) > 1:
        _refuse(node, "more than one sh:severity (pySHACL would pick one at random)")
    severity = next(iter(severities), SH.Violation)
    messages = tuple(sorted(g.objects(node, SH.message), key=str))
    if not all(isinstance(m, Literal) for m in messages):
        _refuse(node, "a sh:message that is not a literal")
    return Report(
        shape=node,
        severity=_SEVERITIES.get(severity, "Violation")
        if isinstance(severity, URIRef)
        else "Violation",
        messages=tuple(m for m in messages if isinstance(m, Literal)),
    )


def _deactivated(g: Graph, node: Node) -> bool:
    """sh:deactivated as pySHACL reads it on a shape: the truth of the literal's value."""
    value = _one(g, node, SH.deactivated)
    if value is None:
        return False
    if not isinstance(value, Literal):
        _refuse(node, "a sh:deactivated that is not a literal")
    return bool(value.value)


def _path(g: Graph, node: Node) -> URIRef:
    paths = list(g.objects(node, SH.path))
    if len(paths) != 1:
        _refuse(node, "a property shape without exactly one sh:path")
    path = paths[0]
    if not isinstance(path, URIRef):
        _refuse(node, "a sh:path that is not an IRI (inverse, sequence, alternative... paths)")
    assert isinstance(path, URIRef)
    return path


def _count(g: Graph, node: Node, predicate: URIRef) -> int | None:
    value = _one(g, node, predicate)
    if value is None:
        return None
    if not (isinstance(value, Literal) and value.datatype == XSD.integer and value.value >= 0):
        _refuse(node, f"{shorten(predicate)} that is not a non-negative xsd:integer")
    return int(value)


def _iris(g: Graph, node: Node, predicate: URIRef) -> tuple[URIRef, ...]:
    return tuple(_iri(g, node, predicate, o) for o in sorted(g.objects(node, predicate), key=str))


def _literals(g: Graph, node: Node, predicate: URIRef) -> tuple[Literal, ...]:
    values = sorted(g.objects(node, predicate), key=str)
    if not all(isinstance(value, Literal) for value in values):
        _refuse(node, f"{shorten(predicate)} with a value that is not a literal")
    return tuple(value for value in values if isinstance(value, Literal))


def _iri(g: Graph, node: Node, predicate: URIRef, value: Node) -> URIRef:
    if not isinstance(value, URIRef):
        _refuse(node, f"{shorten(predicate)} with a value that is not an IRI ({value!r})")
    assert isinstance(value, URIRef)
    return value


def _one(g: Graph, node: Node, predicate: URIRef) -> Node | None:
    values = list(g.objects(node, predicate))
    if len(values) > 1:
        _refuse(node, f"more than one {shorten(predicate)}")
    return values[0] if values else None


def _allow(g: Graph, node: Node, allowed: Iterable[object]) -> None:
    """Refuse a SHACL predicate this role of a shape does not implement."""
    known = set(allowed)
    for p in g.predicates(node, None):
        if str(p).startswith(str(SH)) and p not in known:
            _refuse(node, f"{shorten(p)} here")


def _refuse_implicit_class_targets(g: Graph) -> None:
    """pySHACL targets the instances of a shape that is also a class; that is not implemented."""
    classes = {RDFS.Class, OWL.Class, *g.subjects(RDFS.subClassOf, RDFS.Class)}
    shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    shapes |= {s for p in (*v.TARGETS, SH.property) for s in g.subjects(p, None)}
    for shape in shapes:
        if classes & set(g.objects(shape, RDF.type)):
            _refuse(shape, "a shape that is also a class (implicit class target)")


def _refuse(node: Node, what: str) -> NoReturn:
    name = shorten(node) if not isinstance(node, BNode) else f"a blank node shape ({node.n3()})"
    raise UnsupportedShapeError(
        f"{name}: the fast SHACL validator does not implement {what}. Implement it in "
        "kg/fastshacl (with a differential test against pySHACL) or validate with pySHACL "
        "(kg.validation)."
    )
