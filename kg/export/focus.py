"""Where the HTML page starts: the actor or issue a user names (`kg export --focus ID`).

The identifier is written as kg prints it (`id:russia`, `format:us-russia-talks`). One that
names nothing gets kg.lookup's "did you mean" from the build; one that names an actor or issue
the view does not draw (it holds no position, and no one holds one on it) says so.
"""

import difflib

import networkx as nx
import pyoxigraph as ox
from rdflib import Literal
from rdflib.term import Node

from kg.errors import KgError
from kg.export.terms import node_id
from kg.lookup import ACTORS_AND_ISSUES, GROUPS, check_identifier, named, read_as
from kg.namespaces import expand

_SUGGESTIONS = 5


def focus_node(
    name: str, view: str, graph: "nx.MultiDiGraph[str]", source: object
) -> tuple[str, str]:
    """The id of the view's node that `name` names, and a note if it was a plain name
    (kg.lookup.read_as), or KgError saying what to give instead."""
    kind = ACTORS_AND_ISSUES if view == "stances" else GROUPS["all"]
    iri = expand(name.strip())
    node = node_id(iri) if iri is not None else name.strip()
    note = ""
    if node not in graph and iri is None and isinstance(source, ox.Store):
        iri = named(source, name, kind)  # a plain name of one thing: china
        if iri is not None:
            node, note = node_id(iri), read_as("--focus", name, iri)
    if node in graph:
        return node, note
    if isinstance(source, ox.Store):
        value: Node = iri if iri is not None else Literal(name.strip())
        check_identifier(source, value, kind, "--focus")  # raises, with "did you mean"
        raise KgError(
            f"--focus: {node} is not drawn in the {view} view"
            + (
                ": it holds no position, and no one holds a position on it"
                if view == "stances"
                else ""
            )
            + "; give an actor or issue the view draws (`kg ids` lists identifiers)"
        )
    close = difflib.get_close_matches(node, sorted(graph), n=_SUGGESTIONS)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KgError(f"--focus: {node} names no node of the {view} view{hint}")
