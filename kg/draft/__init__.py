"""`kg draft`: from a news article to a draft source card whose every proposal is marked for
review, and the measure of a draft against the card a person reviewed."""

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.cards.template import card_key
from kg.days import is_day
from kg.draft.article import read_article
from kg.draft.card import render_card
from kg.draft.draft import Draft, draft_statements
from kg.draft.evaluate import Evaluation, evaluate_files
from kg.draft.knowledge import load_knowledge
from kg.errors import KgError
from kg.project import CARD_SUFFIX, Project
from kg.wording import counted

__all__ = ["DraftResult", "Evaluation", "draft_article", "evaluate_files"]


@dataclass(frozen=True)
class DraftResult:
    path: Path
    draft: Draft

    def summary(self) -> str:
        d = self.draft
        active = sum(1 for s in d.statements if s.speaker.known)
        positions = [g for s in d.statements for _, g in s.suggestions]
        confident = sum(1 for g in positions if g.confident)
        return (
            f"wrote {self.path}: {counted(len(d.statements), 'statement')} ({active} with a "
            f"known speaker), {counted(len(positions), 'suggested position')} ({confident} "
            f"confident, the rest commented out), {counted(len(d.proposed), 'registry line')} "
            f"proposed; every proposal is marked `review:`. Next: kg check-card {self.path}"
        )


def draft_article(
    project: Project,
    article: str,
    *,
    url: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
) -> DraftResult:
    """Draft a card for ARTICLE (a text or HTML file, or - for standard input) into the
    project's sources/, never overwriting a card."""
    if date is not None and not is_day(date):
        raise KgError(f"--date {date!r} is not a day written YYYY-MM-DD")
    published = datetime.date.fromisoformat(date) if date is not None else None
    if article == "-":  # without the byte order mark some editors put before UTF-8 text
        parsed = read_article("-", sys.stdin.read().removeprefix("\ufeff"))
    else:
        parsed = read_article(article)
    knowledge = load_knowledge(project.check())
    draft = draft_statements(parsed, knowledge, published)
    title = parsed.paragraphs[0] if parsed.has_headline else None
    key = card_key(date or "", title, publisher) or "draft"
    path = _free(project.sources_dir, key)
    text = render_card(
        draft,
        knowledge,
        source_name="standard input" if article == "-" else Path(article).name,
        url=url,
        publisher=publisher,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    return DraftResult(path, draft)


def _free(folder: Path, key: str) -> Path:
    """sources/KEY.yaml, or KEY-2.yaml, KEY-3.yaml ... when taken."""
    path, n = folder / (key + CARD_SUFFIX), 1
    while path.exists():
        n += 1
        path = folder / f"{key}-{n}{CARD_SUFFIX}"
    return path
