"""Property shape constraints as SPARQL: one SELECT per constraint, for all focus nodes.

Each query starts from the focus nodes (kg.fastshacl.targets) and looks the values up from
there. It returns only candidates: a value that may break the constraint, a focus node that
lacks what it needs. Where SPARQL cannot decide as pySHACL does (rdflib's well-formed literals,
Python regular expressions, rdflib's ordering of terms), the query leaves out only what is surely
fine and the reading (kg.fastshacl.readings) decides the rest.
"""

from rdflib import Literal, URIRef
from rdflib.namespace import SH

from kg.fastshacl.comparison import surely_in_order
from kg.fastshacl.datatypes import surely_accepted
from kg.fastshacl.fidelity import RECORD_GRAPH, RECORDED, STORED_FORM
from kg.fastshacl.messages import one_message
from kg.fastshacl.model import PropertyShape, Qualified
from kg.fastshacl.queries import ConstraintQuery
from kg.fastshacl.ranges import surely_at_least
from kg.fastshacl.readings import (
    DatatypeCheck,
    MinInclusiveCheck,
    PatternCheck,
    PerFocus,
    PerPair,
    PerValue,
    Reading,
)
from kg.fastshacl.terms import sparql_string, sparql_term
from kg.namespaces import shorten

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_NODE_KIND_FAILS = {
    SH.IRI: "!isIRI(?value)",
    SH.BlankNode: "!isBlank(?value)",
    SH.Literal: "!isLiteral(?value)",
    SH.BlankNodeOrIRI: "isLiteral(?value)",
    SH.BlankNodeOrLiteral: "isIRI(?value)",
    SH.IRIOrLiteral: "isBlank(?value)",
}


def property_queries(focus: str, prop: PropertyShape) -> list[ConstraintQuery]:
    """The queries of one property shape of a node shape whose focus nodes `focus` binds."""
    message = one_message(prop.report)
    path = sparql_term(prop.path)
    per_focus = PerFocus(prop.path, message)
    per_value = PerValue(prop.path, message)
    queries: list[ConstraintQuery] = []

    def add(
        component: URIRef, parameter: str, sparql: str, reading: Reading, record: bool = False
    ) -> None:
        queries.append(
            ConstraintQuery(
                prop.node,
                component,
                parameter,
                sparql,
                prop.report.severity,
                reading,
                record,
                focus,
            )
        )

    if prop.min_count:
        pattern = f"?this {path} ?value"
        add(
            SH.MinCountConstraintComponent,
            str(prop.min_count),
            _too_few(focus, pattern, prop.min_count, path),
            per_focus,
        )
    if prop.max_count is not None:
        add(
            SH.MaxCountConstraintComponent,
            str(prop.max_count),
            _too_many(focus, path, prop.max_count),
            per_focus,
        )
    if prop.datatype is not None:
        add(
            SH.DatatypeConstraintComponent,
            shorten(prop.datatype),
            _values(focus, path, _not(surely_accepted(prop.datatype, "?value"))),
            PerValue(prop.path, message, DatatypeCheck(prop.datatype)),
            prop.datatype in RECORDED,
        )
    for cls in prop.classes:
        add(
            SH.ClassConstraintComponent,
            shorten(cls),
            _values(focus, path, _not_instance(sparql_term(cls))),
            per_value,
        )
    if prop.node_kind is not None:
        add(
            SH.NodeKindConstraintComponent,
            shorten(prop.node_kind),
            _values(focus, path, _NODE_KIND_FAILS[prop.node_kind]),
            per_value,
        )
    for pattern_literal in prop.patterns:
        add(
            SH.PatternConstraintComponent,
            str(pattern_literal),
            _values(focus, path, None),
            PerValue(prop.path, message, PatternCheck(_regex(pattern_literal))),
        )
    for minimum in prop.min_inclusive:
        surely = surely_at_least("?value", minimum)
        unrecorded = f"NOT EXISTS {{ GRAPH <{RECORD_GRAPH}> {{ ?this {path} ?entry }} }}"
        add(
            SH.MinInclusiveConstraintComponent,
            minimum.n3(),
            _values(focus, path, _not(f"{surely} && {unrecorded}" if surely else None)),
            PerValue(prop.path, message, MinInclusiveCheck(minimum)),
            True,
        )
    if prop.unique_lang:
        add(SH.UniqueLangConstraintComponent, "true", _unique_lang(focus, path), per_focus)
    for qualified in prop.qualified:
        if qualified.min_count > 0:
            conforming = f"?this {path} ?value FILTER ({_conforms(qualified)})"
            add(
                SH.QualifiedMinCountConstraintComponent,
                shorten(qualified.shape),
                _too_few(focus, conforming, qualified.min_count),
                per_focus,
            )
    for value in prop.has_values:
        lacking = f"FILTER NOT EXISTS {{ ?this {path} {sparql_term(value)} }}"
        add(
            SH.HasValueConstraintComponent,
            shorten(value),
            f"SELECT ?this WHERE {{\n  {focus}\n  {lacking}\n}}\n",
            per_focus,
        )
    for strict, others in ((True, prop.less_than), (False, prop.less_than_or_equals)):
        for other in others:
            add(
                _LESS_THAN[strict],
                shorten(other),
                _pairs(focus, path, sparql_term(other), strict),
                PerPair(prop.path, other, message, strict),
            )
    return queries


_LESS_THAN = {True: SH.LessThanConstraintComponent, False: SH.LessThanOrEqualsConstraintComponent}


def _not_instance(cls: str) -> str:
    """Not an instance by rdf:type/rdfs:subClassOf* (the direct type, asked first, is the
    common case: the data holds its inferred types)."""
    return (
        f"!EXISTS {{ ?value {_TYPE} {cls} }} && !EXISTS {{ ?value {_TYPE}/{_SUBCLASS_OF}* {cls} }}"
    )


def _too_few(focus: str, pattern: str, count: int, path: str | None = None) -> str:
    if count == 1:
        return f"SELECT ?this WHERE {{\n  {focus}\n  FILTER NOT EXISTS {{ {pattern} }}\n}}\n"
    held = _held_values(path) if path else ""
    return (
        f"SELECT ?this WHERE {{\n  {focus}\n  OPTIONAL {{ {pattern}{held} }}\n}}\n"
        f"GROUP BY ?this HAVING (COUNT(DISTINCT COALESCE(?entry, ?value)) < {count})\n"
    )


def _too_many(focus: str, path: str, count: int) -> str:
    if count == 0:
        return f"SELECT ?this WHERE {{\n  {focus}\n  FILTER EXISTS {{ ?this {path} ?value }}\n}}\n"
    return (
        f"SELECT ?this WHERE {{\n  {focus}\n  ?this {path} ?value .{_held_values(path)}\n}}\n"
        f"GROUP BY ?this HAVING (COUNT(DISTINCT COALESCE(?entry, ?value)) > {count})\n"
    )


def _held_values(path: str) -> str:
    """Count what the data held: the store keeps "5"^^xsd:int and "5"^^xsd:long as one term,
    the literal record keeps both."""
    stored = STORED_FORM.format(entry="?entry")
    return (
        f"\n  OPTIONAL {{ GRAPH <{RECORD_GRAPH}> {{ ?this {path} ?entry }}"
        f" FILTER (sameTerm(?value, {stored})) }}"
    )


def _values(focus: str, path: str, fails: str | None) -> str:
    """(focus, value) pairs whose value may break the constraint."""
    condition = f"\n  FILTER ({fails})" if fails else ""
    pattern = f"?this {path} ?value .{condition}"
    return f"SELECT DISTINCT ?this ?value WHERE {{\n  {focus}\n  {pattern}\n}}\n"


def _not(surely: str | None) -> str | None:
    return f"!COALESCE({surely}, false)" if surely else None


def _unique_lang(focus: str, path: str) -> str:
    return (
        f"SELECT ?this ?lang WHERE {{\n  {focus}\n  ?this {path} ?value .\n"
        '  FILTER (isLiteral(?value) && LANG(?value) != "")\n'
        "  BIND (LCASE(LANG(?value)) AS ?lang)\n}\n"
        "GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1)\n"
    )


def _conforms(qualified: Qualified) -> str:
    """Whether ?value conforms to the qualified node shape, as pySHACL's sh:languageIn decides:
    the tag, or its first subtag, lowercased, is in the list ("*": any tag)."""
    if qualified.languages is None:
        return "true"
    tagged = 'isLiteral(?value) && LANG(?value) != ""'
    if "*" in qualified.languages:
        return tagged
    if not qualified.languages:
        return "false"
    listed = ", ".join(sparql_string(lang) for lang in qualified.languages)
    return (
        f"{tagged} && (LCASE(LANG(?value)) IN ({listed})"
        f' || LCASE(STRBEFORE(LANG(?value), "-")) IN ({listed}))'
    )


def _pairs(focus: str, path: str, other: str, strict: bool) -> str:
    """(value, other value) pairs not surely in order, and blank node values (pySHACL fails on
    them whether or not there is anything to compare)."""
    return (
        f"SELECT DISTINCT ?this ?value ?other WHERE {{\n  {focus}\n  ?this {path} ?value .\n"
        f"  OPTIONAL {{ ?this {other} ?other }}\n"
        f"  FILTER (isBlank(?value) || (BOUND(?other) && "
        f"!COALESCE({surely_in_order('?value', '?other', strict)}, false)))\n}}\n"
    )


def _regex(pattern: Literal) -> str:
    """The regular expression pySHACL compiles for sh:pattern."""
    value = pattern.value
    return str(value) if value is not None and len(value) > 1 else str(pattern)
