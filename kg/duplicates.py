"""Probable duplicates: one speech act recorded as two statements that no card links.

Two statements are probable duplicates when they have the same speaker, the same day and
near-identical quoted words (the named query `duplicate-statements` says exactly how, and is
the reference: tests/test_duplicates.py checks that this module finds the same pairs). The
build looks for them after it has validated, and prints each pair it finds as a warning with
both card lines; a warning does not fail the build. Here the texts are compared in Python, each
normalised once: the query compares every pair of quotes in SPARQL, which takes seconds at a
million triples.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import XSD

from kg.namespaces import PREFIXES

HEAD = 24
"""Characters of the start and of the end of the shorter text that the longer must hold."""
SHORTEST = 12
"""Texts shorter than this, once normalised, are not compared."""


@dataclass(frozen=True, order=True)
class Duplicate:
    """Two statements of one speaker on one day, in near-identical words; `statement` is the
    one with the smaller IRI, `words` and `other_words` the first of their matching quotes."""

    statement: str
    other: str
    speaker: str
    date: str
    words: str
    other_words: str


def normalised(text: str) -> str:
    """Lower case, Latin letters and digits only, one space between words (as the query's
    LCASE and REPLACE)."""
    return re.sub(r"^ | $", "", re.sub(r"[^a-z0-9]+", " ", text.lower()))


def near_identical(a: str, b: str) -> bool:
    """Whether two normalised texts nearly match: the longer (`b` when as long) holds the
    first and the last HEAD characters of the shorter (all of it when shorter than HEAD)."""
    if len(a) < SHORTEST or len(b) < SHORTEST:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short[:HEAD] in long and short[-HEAD:] in long


_ROWS = """
SELECT ?statement ?speaker ?date ?quote WHERE {
  %s
  ?statement ap:speaker ?speaker ; ap:statedOn ?date ; ap:quote ?quote .
}
"""


def probable_duplicates(
    store: ox.Store, groups: Iterable[tuple[str, str]] | None = None
) -> list[Duplicate]:
    """The pairs of statements in the store (its default graph) that are probable duplicates;
    with `groups`, only among the statements of those (speaker IRI, day) pairs."""
    values = ""
    if groups is not None:
        pairs = sorted(set(groups))
        if not pairs:
            return []
        rows = " ".join(f'(<{speaker}> "{day}"^^xsd:date)' for speaker, day in pairs)
        values = f"VALUES (?speaker ?date) {{ {rows} }}"
    answer = store.query(_ROWS % values, prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions)
    quotes: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = defaultdict(dict)
    for row in answer:
        statement, speaker, date, quote = (
            row[v] for v in ("statement", "speaker", "date", "quote")
        )
        if not isinstance(statement, ox.NamedNode) or not isinstance(speaker, ox.NamedNode):
            continue
        assert isinstance(date, ox.Literal) and isinstance(quote, ox.Literal)
        key = (speaker.value, f"{date.value}\x00{date.datatype.value}")
        quotes[key].setdefault(statement.value, []).append((quote.value, normalised(quote.value)))
    found = []
    for (speaker, date), by_statement in quotes.items():
        statements = sorted(by_statement)
        for i, statement in enumerate(statements):
            for other in statements[i + 1 :]:
                matches = [
                    (text, other_text)
                    for text, a in by_statement[statement]
                    for other_text, b in by_statement[other]
                    if near_identical(a, b)
                ]
                if matches:
                    found.append(
                        Duplicate(
                            statement,
                            other,
                            speaker,
                            date.split("\x00")[0],
                            min(t for t, _ in matches),
                            min(t for _, t in matches),
                        )
                    )
    return sorted(found)


_GROUPS = """
SELECT DISTINCT ?speaker ?date WHERE {
  VALUES ?graph { %s }
  GRAPH ?graph { ?statement a ap:Statement }
  ?statement ap:speaker ?speaker ; ap:statedOn ?date .
}
"""


def groups_of(store: ox.Store, graphs: Iterable[str]) -> list[tuple[str, str]]:
    """The (speaker, day) of every dated statement the named graphs describe."""
    names = " ".join(f"<{g}>" for g in sorted(graphs))
    if not names:
        return []
    answer = store.query(_GROUPS % names, prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions)
    found = []
    for row in answer:
        speaker, date = row["speaker"], row["date"]
        if (
            isinstance(speaker, ox.NamedNode)
            and isinstance(date, ox.Literal)
            and date.datatype.value == str(XSD.date)
        ):
            found.append((speaker.value, date.value))
    return found
