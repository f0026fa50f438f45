"""Picking the one text to show for a term: the English one where there is a choice."""

from rdflib import Graph, Literal
from rdflib.term import Node


def english(values: list[Node]) -> str | None:
    """The English literal among `values` (else one without a language, else the first)."""
    literals = sorted(
        (v for v in values if isinstance(v, Literal)), key=lambda v: (str(v), v.language or "")
    )
    for wanted in ("en", None):
        for literal in literals:
            if (literal.language or None) == wanted or (
                wanted == "en" and (literal.language or "").startswith("en-")
            ):
                return str(literal)
    return str(literals[0]) if literals else None


def englishes(values: list[Node]) -> tuple[str, ...]:
    """All English (or untagged) literals among `values`, sorted; others only if none is."""
    literals = [v for v in values if isinstance(v, Literal)]
    chosen = [v for v in literals if (v.language or "en").split("-")[0] == "en"] or literals
    return tuple(sorted(str(v) for v in chosen))


def value_of(graph: Graph, node: Node, *predicates: Node) -> str | None:
    """The English text of the first predicate of `predicates` that `node` has."""
    for predicate in predicates:
        text = english(list(graph.objects(node, predicate)))
        if text is not None:
            return text
    return None
