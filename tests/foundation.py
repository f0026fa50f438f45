"""The foundation: the seed article and the reference cards of shared/sources/reference-facts.md,
with the project's registry. The tests of the competency questions (tests/queries/expected), of
the exports and of the endpoint answer on it: small enough to check every row by hand.

Issue 15 added the record of real reports to the embedded project (data/sources/); what it
answers is checked in tests/test_record.py."""

from dataclasses import dataclass
from pathlib import Path

from kg.project import EMBEDDED, Project

FOUNDATION_CARDS = (
    "defense-daily-new-start-limits",
    "national-post-new-start-extension",
    "new-start-lapse-article",
    "tag24-2025-09-22-putin-offers-one-year-limits",
    "tass-2025-10-05-trump-reply",
    "upi-russia-suspends-new-start",
    "wikipedia-new-start",
)


@dataclass(frozen=True)
class _Foundation(Project):
    def cards(self) -> list[Path]:
        return [card for card in super().cards() if card.stem in FOUNDATION_CARDS]


FOUNDATION: Project = _Foundation(EMBEDDED.root)
