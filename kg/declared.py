"""Refuse a hand-written source that uses a term of the ontology's namespaces the ontology does
not declare: a misspelt class or property (`ap:Stat`, `ap:holdr`) matches nothing, so no shape
fires and the build would conform while the data quietly goes missing. (Cards cannot: the card
compiler writes only declared terms.) `kg lint` reports the same as undeclared-term."""

import difflib
import re
from pathlib import Path

from rdflib import Graph, URIRef

from kg.errors import InputError
from kg.namespaces import AP, STANCE, shorten

_OURS = (str(AP), str(STANCE))
_SUGGESTIONS = 3


def refuse_undeclared(path: Path, graph: Graph, ontology: Graph) -> None:
    """Raise InputError naming each undeclared term that `graph` (read from `path`) uses as a
    property or a value, at the first line that writes it, with the closest declared terms."""
    declared = {str(term) for term in ontology.subjects()}
    used = {
        str(term)
        for triple in graph
        for term in triple[1:]
        if isinstance(term, URIRef) and str(term).startswith(_OURS) and str(term) not in declared
    }
    if not used:
        return
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    ours = sorted(term for term in declared if term.startswith(_OURS))
    (line, first), *rest = sorted((_first_line(lines, term), term) for term in used)
    more = "".join(f"\n{path}:{n or '?'}: {_problem(term, ours)}" for n, term in rest)
    raise InputError(_problem(first, ours) + more, path, line or None)


def _problem(term: str, declared: list[str]) -> str:
    names = [shorten(URIRef(other)) for other in declared]  # compared without the namespace
    close = difflib.get_close_matches(shorten(URIRef(term)), names, n=_SUGGESTIONS, cutoff=0.8)
    hint = f"did you mean {' or '.join(close)}?" if close else "check its spelling"
    return (
        f"{shorten(URIRef(term))} is not a term of the ontology, so nothing would read it; "
        f"{hint} (`kg docs` lists the terms)"
    )


def _first_line(lines: list[str], term: str) -> int:
    """The first line that writes `term`, as a prefixed name or a whole IRI; 0 if none does
    (a relative IRI against @base, say)."""
    written = re.compile(
        rf"(?<![\w:.-]){re.escape(shorten(URIRef(term)))}(?![\w:.-])|<{re.escape(term)}>"
    )
    return next((n for n, line in enumerate(lines, 1) if written.search(line)), 0)
