"""Where a hand-written Turtle file (the registry, a Turtle source) describes each node, so that
a violation on one of its nodes names the file and line, as one on a card's node names the card
line. The places come from rdflib's own Turtle parser, the one that reads the data, so the two
cannot disagree on which statement describes a node."""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import RDFSink, SinkParser

from kg.cards.located import Where
from kg.namespaces import expand
from kg.validation import Violation


def placed(violations: list[Violation], paths: Sequence[Path]) -> list[Violation]:
    """The violations, each one without a place put at the statement of the Turtle files
    `paths` that describes its node; the files are read again only when one needs it."""
    if all(v.where for v in violations):
        return violations
    places = subject_places(paths)
    located = []
    for violation in violations:
        iri = expand(violation.focus) if not violation.where else None
        where = places.get(iri) if iri is not None else None
        located.append(violation if where is None else replace(violation, where=str(where)))
    return located


def subject_places(paths: Iterable[Path]) -> dict[URIRef, Where]:
    """Each IRI that a statement of the files has as its subject, at the line and column where
    the first such statement begins. Unreadable files are skipped: reading them reports why."""
    places: dict[URIRef, Where] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
            sink = _PlacingSink(Graph(), path)
            # the base IRI read_graph parses with, so relative IRIs resolve alike
            parser = _PlacingParser(sink, baseURI=path.resolve().as_uri(), turtle=True)
            parser.loadBuf(text)
        except Exception:
            continue
        for node, where in sink.places.items():
            places.setdefault(node, where)
    return places


class _PlacingSink(RDFSink):
    """rdflib's sink, noting the statement each subject IRI is first described in."""

    def __init__(self, graph: Graph, path: Path) -> None:
        super().__init__(graph)
        self.path = path
        self.statement_at: Where | None = None
        self.places: dict[URIRef, Where] = {}

    def makeStatement(self, quadruple: Any, why: Any = None) -> None:
        formula, _, subject, _ = quadruple
        node = self.normalise(formula, subject)
        if isinstance(node, URIRef) and self.statement_at is not None:
            self.places.setdefault(node, self.statement_at)
        super().makeStatement(quadruple, why)


class _PlacingParser(SinkParser):
    """rdflib's Turtle parser, telling its sink where each statement begins."""

    _store: _PlacingSink

    def statement(self, argstr: str, i: int) -> int:
        # rdflib has skipped the space before the statement and counted the lines it crossed
        self._store.statement_at = Where(self._store.path, self.lines + 1, i - self.startOfLine + 1)
        return super().statement(argstr, i)
