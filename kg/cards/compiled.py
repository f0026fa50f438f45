"""A compiled card, as the build and the cache hold it."""

from dataclasses import dataclass
from pathlib import Path

from kg.cards.located import Where


@dataclass
class CardOutput:
    """A compiled card as the store needs it: N-Quads in the card's graph, and where each node
    came from (line, column) so violations can point into the card."""

    key: str
    path: Path
    nquads: str
    origins: dict[str, tuple[int, int]]
    declared: list[tuple[str, str]]
    referenced: list[tuple[str, str]]

    def where(self, iri: str) -> Where | None:
        at = self.origins.get(iri)
        return Where(self.path, at[0], at[1]) if at else None
