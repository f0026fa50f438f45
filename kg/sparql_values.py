"""Parameters written into a query as a VALUES block, for stores that take no pre-bound
variables (any SPARQL 1.1 Protocol endpoint; Oxigraph's embedded `substitutions` are not
standard). The block opens the outermost WHERE group, so it joins with everything the query
reads, which gives the rows a pre-bound variable gives (tests/test_sparql_values.py).
"""

import re
from collections.abc import Mapping, Sequence

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
    element of the outermost WHERE group, so that any SPARQL store can run it.

    `CONSTRUCT WHERE { T }` becomes `CONSTRUCT { T } WHERE { VALUES ... T }`, as its short form
    admits triple patterns only (https://www.w3.org/TR/sparql11-query/#constructWhere)."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_value(name, term) for name, term in bindings.items())
    values = f" VALUES ({names}) {{ ({terms}) }}"
    reading = read_sparql(text)
    text = reading.text
    tokens = _structure(reading.tokens)
    form = next((t for t in tokens if t.keyword in _FORMS), None)
    if form is None:
        raise QueryError(
            "no SELECT, ASK, CONSTRUCT or DESCRIBE in the query; cannot bind its parameters"
        )
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
    return text[: start + 1] + values + text[start + 1 :]


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
    """The tokens that can matter for finding the WHERE group: words, and brackets one by one
    (the lexer gives a run of brackets as one token)."""
    structure = []
    for token in tokens:
        if token.kind == "word":
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
