"""Parameters written into a query as VALUES blocks, for stores that take no pre-bound
variables (any SPARQL 1.1 Protocol endpoint; Oxigraph's embedded `substitutions` are not
standard). A block opens the outermost WHERE group, so it joins with everything the query
reads, which gives the rows a pre-bound variable gives (tests/test_sparql_values.py).

A subquery is evaluated on its own, over all the data, before it is joined with that block:
at a million triples one position's evidence took 7.7 s on Oxigraph's server, against 0.3 s
bound. So each subquery that hands a parameter up to the query (it projects it, and so does
every subquery around it) gets the block too, at the end of its WHERE group (a BIND earlier in
it may not assign a variable the group has already used): each then reads only what concerns
the parameter, as the embedded engine does.
"""

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.sparql_lexer import Token
from kg.sparql_lexer import read as read_sparql
from kg.store import nt

_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_VARNAME = re.compile(r"^\w+$")
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def inline_bindings(text: str, bindings: Mapping[str, Node] | None) -> str:
    """The query with its parameters bound by `VALUES (?a ?b) { (<iri> "lit") }` as the first
    element of the outermost WHERE group, so that any SPARQL store can run it, and as the last
    of each subquery's WHERE group for the parameters it hands up.

    `CONSTRUCT WHERE { T }` becomes `CONSTRUCT { T } WHERE { VALUES ... T }`, as its short form
    admits triple patterns only (https://www.w3.org/TR/sparql11-query/#constructWhere)."""
    if not bindings:
        return text
    values = _values_block(bindings, list(bindings))
    text = _into_subqueries(read_sparql(text).text, bindings)
    tokens = _structure(read_sparql(text).tokens)
    form = _form(tokens)
    after = tokens[tokens.index(form) + 1 :]
    if form.keyword == "CONSTRUCT":
        first = next((t for t in after if t.text == "{" or t.keyword == "WHERE"), None)
        if first is not None and first.kind == "word":  # the short form
            start, end = _group(after[after.index(first) + 1 :])
            template = text[start + 1 : end]
            return f"{text[: first.start]}{{{template}}} WHERE {{{values}{template}{text[end:]}"
        if first is not None:  # skip the template
            _, end = _group(after[after.index(first) :])
            after = [t for t in after if t.start > end]
    start, _ = _group(after)
    _refuse_computed(after, start, bindings)
    return text[: start + 1] + values + text[start + 1 :]


def _refuse_computed(tokens: list[Token], start: int, bindings: Mapping[str, Node]) -> None:
    """A variable the group opening at `start` computes (`BIND (... AS ?v)`) cannot be bound
    before it: say so, rather than let the engine stop at the VALUES block kg wrote."""
    depth = 0
    for before, token in pairwise(t for t in tokens if t.start >= start):
        depth += {"{": 1, "}": -1}.get(before.text, 0)
        if depth == 1 and before.keyword == "AS" and token.text[1:] in bindings:
            raise QueryError(
                f"parameter {token.text[1:]!r} is computed by the query (BIND (... AS "
                f"{token.text})); give a parameter that the query reads"
            )


def _values_block(bindings: Mapping[str, Node], names: Sequence[str]) -> str:
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(_value(name, bindings[name]) for name in names)
    return f" VALUES ({variables}) {{ ({terms}) }}"


def _form(tokens: Sequence[Token]) -> Token:
    form = next((t for t in tokens if t.keyword in _FORMS), None)
    if form is None:
        raise QueryError(
            "no SELECT, ASK, CONSTRUCT or DESCRIBE in the query; cannot bind its parameters"
        )
    return form


def _into_subqueries(text: str, bindings: Mapping[str, Node]) -> str:
    """The (canonical) text with a VALUES block closing the WHERE group of each subquery, for
    the parameters it hands up to the query."""
    tokens = _structure(read_sparql(text).tokens)
    form = _form(tokens)
    subqueries = [
        _subquery(tokens, i) for i, t in enumerate(tokens) if t.keyword == "SELECT" and t != form
    ]
    blocks = []
    for start, end, projected in subqueries:
        around = [other for other in subqueries if other[0] < start and end < other[1]]
        handing_up = [projected, *(other_projected for _, _, other_projected in around)]
        names = [name for name in bindings if all(name in p for p in handing_up)]
        if names:
            blocks.append((end, _values_block(bindings, names) + " "))
    for end, block in sorted(blocks, reverse=True):
        text = text[:end] + block + text[end:]
    return text


def _subquery(tokens: list[Token], select: int) -> tuple[int, int, set[str]]:
    """Where the WHERE group of the subquery at `tokens[select]` opens and closes, and the
    variables it hands up as they are (`SELECT *` and `(... AS ?v)` hand up none here)."""
    where, as_is, _ = _projection(tokens, select)
    start, end = _group(tokens[where:])
    return start, end, as_is or set()


def _projection(tokens: list[Token], select: int) -> tuple[int, set[str] | None, set[str]]:
    """Where the WHERE part of the SELECT at `tokens[select]` begins, the variables it
    projects as they are (None for `SELECT *`), and those it computes (`(... AS ?v)`)."""
    as_is: set[str] = set()
    computed: set[str] = set()
    parens = 0
    for i in range(select + 1, len(tokens)):
        token = tokens[i]
        if token.text in ("(", ")"):
            parens += 1 if token.text == "(" else -1
        elif not parens and (token.text == "{" or token.keyword in ("WHERE", "FROM")):
            return i, as_is, computed
        elif not parens and token.text == "*":
            return i + 1, None, computed
        elif token.kind == "var" and not parens:
            as_is.add(token.text[1:])
        elif token.kind == "var" and tokens[i - 1].keyword == "AS":
            computed.add(token.text[1:])
    raise QueryError("a SELECT has no WHERE { ... } group; cannot bind its parameters")


def bound_in_text(text: str, bindings: Mapping[str, Node]) -> tuple[str, dict[str, Node]]:
    """For Oxigraph's `substitutions`, which bind only what a SELECT projects (`SELECT ?label
    WHERE { ?s rdfs:label ?label }` with ?s bound was "does not contains variable ?s in its
    SELECT projection"): the text with the other parameters in VALUES blocks, and the
    parameters left to substitute."""
    if not bindings:
        return text, {}
    tokens = _structure(read_sparql(text).tokens)
    form = _form(tokens)
    if form.keyword != "SELECT":
        return text, dict(bindings)  # Oxigraph binds any variable of an ASK, CONSTRUCT...
    _, as_is, computed = _projection(tokens, tokens.index(form))
    if as_is is None:
        return text, dict(bindings)  # ... and of a SELECT *
    elsewhere = {name: term for name, term in bindings.items() if name not in as_is | computed}
    substituted = {name: term for name, term in bindings.items() if name not in elsewhere}
    return inline_bindings(text, elsewhere) if elsewhere else text, substituted


def _value(name: str, term: Node) -> str:
    """A parameter's value in N-Triples syntax, which a VALUES block takes as it is."""
    if not _VARNAME.match(name):
        raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    if isinstance(term, BNode):
        raise QueryError(f"parameter {name!r} is a blank node; give an IRI or a literal")
    iri = term.datatype if isinstance(term, Literal) else term
    if isinstance(iri, URIRef) and _NOT_IN_IRI.search(iri):
        raise QueryError(f"parameter {name!r}: <{iri}> is not a valid IRI (RFC 3987)")
    return nt(term)


def _structure(tokens: Sequence[Token]) -> list[Token]:
    """The tokens that can matter for finding WHERE groups and what subqueries project:
    words, variables, `*`, and brackets one by one (the lexer gives a run of brackets as one
    token)."""
    structure = []
    for token in tokens:
        if token.kind in ("word", "var") or token.text == "*":
            structure.append(token)
        elif token.kind == "brackets":
            structure.extend(
                token._replace(text=bracket, start=token.start + i)
                for i, bracket in enumerate(token.text)
            )
    return structure


def _group(tokens: list[Token]) -> tuple[int, int]:
    """Where the first group outside parentheses opens, and where it closes."""
    parens, depth, start = 0, 0, -1
    for token in tokens:
        bracket, position = token.text, token.start
        if bracket == "(":
            parens += 1
        elif bracket == ")":
            parens -= 1
        elif bracket == "{" and (depth or not parens):
            start = position if not depth else start
            depth += 1
        elif bracket == "}" and depth:
            depth -= 1
            if not depth:
                return start, position
    raise QueryError(
        "the query has no WHERE { ... } group to bind its parameters in, or its braces do not "
        "match; parameters need a query with a WHERE group"
    )


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a query (SELECT if none is found)."""
    tokens = read_sparql(text).tokens
    return next((t.keyword for t in tokens if t.keyword in _FORMS), "SELECT")
