"""`kg draft --evaluate DRAFT REVIEWED`: how far a draft is from the card a person reviewed.

Statements are aligned one to one by the overlap of their words (quotes and reported
wordings, compared as sets of words); a pair shares at least half the words of the shorter
side. On aligned pairs: the speaker, office and state spoken for, and the date (right,
absent in the draft, wrong, or given by the draft where the reviewed card gives none). Quotes
are found when a quote of the draft holds at least 80% of a reviewed quote's words. Positions
match on holders, stance and target. Review marks are ignored; `#? ` proposals count only with
`proposals=True`. A statement the reviewed card gives as `same-as` another card's takes its
speaker, office and date from that card (read from the reviewed card's folder).
"""

import re
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from kg.draft.card import PROPOSAL
from kg.errors import InputError

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
OVERLAP = 0.5
QUOTE_FOUND = 0.8


@dataclass
class Statement:
    key: str
    speaker: str | None
    office: str | None
    on_behalf_of: frozenset[str]
    date: str | None
    quotes: list[str]
    wordings: list[str]

    @property
    def words(self) -> set[str]:
        return (
            set().union(*(_tokens(t) for t in self.quotes + self.wordings))
            if (self.quotes or self.wordings)
            else set()
        )


@dataclass
class Evaluation:
    """Counts; add two to pool several articles."""

    reviewed_statements: int = 0
    draft_statements: int = 0
    aligned: int = 0
    same: int = 0
    """Aligned, with the same speaker, office and state spoken for, and no wrong date."""
    reviewed_quotes: int = 0
    quotes_found: int = 0
    draft_quotes: int = 0
    draft_quotes_right: int = 0
    speaker_right: int = 0
    office_compared: int = 0
    office_right: int = 0
    on_behalf_right: int = 0
    date_right: int = 0
    date_absent: int = 0
    date_wrong: int = 0
    date_extra: int = 0
    """Dated by the draft, not by the reviewed card."""
    reviewed_positions: int = 0
    draft_positions: int = 0
    positions_right: int = 0
    quote_speaker_compared: int = 0
    quote_speaker_right: int = 0
    """Over the reviewed quotes found: is the draft statement holding it the right speaker's?"""
    misses: list[str] = field(default_factory=list)

    def __add__(self, other: "Evaluation") -> "Evaluation":
        total = Evaluation()
        for f in fields(Evaluation):
            setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total

    def rows(self) -> list[tuple[str, str, str]]:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.0f}%" if b else "-"

        return [
            (
                "statements aligned (recall)",
                f"{self.aligned}/{self.reviewed_statements}",
                pct(self.aligned, self.reviewed_statements),
            ),
            (
                "statements aligned (precision)",
                f"{self.aligned}/{self.draft_statements}",
                pct(self.aligned, self.draft_statements),
            ),
            (
                "same statements (speaker, office, for whom, date not wrong)",
                f"{self.same}/{self.reviewed_statements}",
                pct(self.same, self.reviewed_statements),
            ),
            (
                "quotes found (recall)",
                f"{self.quotes_found}/{self.reviewed_quotes}",
                pct(self.quotes_found, self.reviewed_quotes),
            ),
            (
                "quotes right (precision)",
                f"{self.draft_quotes_right}/{self.draft_quotes}",
                pct(self.draft_quotes_right, self.draft_quotes),
            ),
            (
                "speaker right on found quotes",
                f"{self.quote_speaker_right}/{self.quote_speaker_compared}",
                pct(self.quote_speaker_right, self.quote_speaker_compared),
            ),
            (
                "speaker right on aligned statements",
                f"{self.speaker_right}/{self.aligned}",
                pct(self.speaker_right, self.aligned),
            ),
            (
                "office right (where either gives one)",
                f"{self.office_right}/{self.office_compared}",
                pct(self.office_right, self.office_compared),
            ),
            (
                "on-behalf-of right",
                f"{self.on_behalf_right}/{self.aligned}",
                pct(self.on_behalf_right, self.aligned),
            ),
            (
                "dates right",
                f"{self.date_right}/{self.aligned}",
                pct(self.date_right, self.aligned),
            ),
            (
                "dates absent (reviewed has one)",
                f"{self.date_absent}/{self.aligned}",
                pct(self.date_absent, self.aligned),
            ),
            (
                "dates wrong",
                f"{self.date_wrong}/{self.aligned}",
                pct(self.date_wrong, self.aligned),
            ),
            (
                "dated where the reviewed card is not",
                f"{self.date_extra}/{self.aligned}",
                pct(self.date_extra, self.aligned),
            ),
            (
                "stance suggestions right (precision)",
                f"{self.positions_right}/{self.draft_positions}",
                pct(self.positions_right, self.draft_positions),
            ),
            (
                "stance suggestions found (recall)",
                f"{self.positions_right}/{self.reviewed_positions}",
                pct(self.positions_right, self.reviewed_positions),
            ),
        ]

    def table(self) -> str:
        rows = [("measure", "count", "share"), *self.rows()]
        width = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = ["  ".join(c.ljust(width[i]) for i, c in enumerate(r)).rstrip() for r in rows]
        lines.insert(1, "  ".join("-" * w for w in width))
        return "\n".join(lines) + "\n"


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")) if len(w) > 1}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def _one(value: object) -> str | None:
    return (
        value.strip().removeprefix("office/") if isinstance(value, str) and value.strip() else None
    )


def read_card_yaml(path: Path, proposals: bool = False) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the card ({exc.strerror})", path) from None
    except UnicodeDecodeError:
        raise InputError("the card is not UTF-8 text; save it as UTF-8", path) from None
    if proposals:
        text = "\n".join(
            line.replace(PROPOSAL, "", 1) if line.startswith(PROPOSAL) else line
            for line in text.split("\n")
        )
    try:
        card = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML ({exc})", path) from None
    if not isinstance(card, dict):
        raise InputError("not a card: a card is a mapping of sections", path)
    return card


def statements_of(card: dict[str, object], folder: Path) -> list[Statement]:
    entries = card.get("statements")
    if not isinstance(entries, dict):
        return []
    result = []
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        base: dict[str, object] = {}
        same = _one(entry.get("same-as"))
        if same and "/" in same:
            other_card, other_key = same.rsplit("/", 1)
            other = folder / f"{other_card}.yaml"
            if other.is_file():
                others = read_card_yaml(other).get("statements")
                if isinstance(others, dict) and isinstance(others.get(other_key), dict):
                    base = dict(others[other_key])
        merged = {**base, **entry}
        behalf = merged.get("on-behalf-of")
        result.append(
            Statement(
                str(key),
                _one(merged.get("speaker")),
                _one(merged.get("office")),
                frozenset(_texts(behalf)),
                _one(merged.get("date")),
                _texts(entry.get("quote")),
                _texts(entry.get("reported-wording")),
            )
        )
    return result


def positions_of(card: dict[str, object]) -> set[tuple[frozenset[str], str, str]]:
    entries = card.get("positions")
    found = set()
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            found.add(
                (
                    frozenset(_texts(entry.get("holder"))),
                    str(entry.get("stance", "")),
                    str(entry.get("target", "")),
                )
            )
    return found


def evaluate_files(draft: Path, reviewed: Path, proposals: bool = False) -> Evaluation:
    """Compare a draft card with a reviewed card (see the module's docstring)."""
    d_card, r_card = read_card_yaml(draft, proposals), read_card_yaml(reviewed)
    return evaluate(
        statements_of(d_card, draft.parent),
        statements_of(r_card, reviewed.parent),
        positions_of(d_card),
        positions_of(r_card),
    )


def evaluate(
    drafted: list[Statement],
    reviewed: list[Statement],
    draft_positions: set[tuple[frozenset[str], str, str]],
    reviewed_positions: set[tuple[frozenset[str], str, str]],
) -> Evaluation:
    e = Evaluation(reviewed_statements=len(reviewed), draft_statements=len(drafted))
    pairs = sorted(
        (
            (_overlap(d.words, r.words), i, j)
            for i, d in enumerate(drafted)
            for j, r in enumerate(reviewed)
        ),
        reverse=True,
    )
    used_d: set[int] = set()
    used_r: set[int] = set()
    for score, i, j in pairs:
        if score < OVERLAP or i in used_d or j in used_r:
            continue
        used_d.add(i)
        used_r.add(j)
        d, r = drafted[i], reviewed[j]
        e.aligned += 1
        speaker = d.speaker == r.speaker
        e.speaker_right += speaker
        office = d.office == r.office
        if d.office or r.office:
            e.office_compared += 1
            e.office_right += office
        behalf = d.on_behalf_of == r.on_behalf_of
        e.on_behalf_right += behalf
        wrong = False
        if d.date and r.date:
            wrong = d.date != r.date
            e.date_right += not wrong
            e.date_wrong += wrong
        elif r.date:
            e.date_absent += 1
        elif d.date:
            e.date_extra += 1
        if speaker and office and behalf and not wrong:
            e.same += 1
        else:
            e.misses.append(
                f"{r.key}: speaker {d.speaker} (reviewed {r.speaker}), office "
                f"{d.office} ({r.office}), for {sorted(d.on_behalf_of)} "
                f"({sorted(r.on_behalf_of)}), date {d.date} ({r.date})"
            )
    for j, r in enumerate(reviewed):
        if j not in used_r:
            e.misses.append(f"{r.key}: not found")
    for r in reviewed:
        for quote in r.quotes:
            e.reviewed_quotes += 1
            wanted = _tokens(quote)
            holder = next(
                (
                    d
                    for d in drafted
                    for q in d.quotes
                    if wanted and len(wanted & _tokens(q)) / len(wanted) >= QUOTE_FOUND
                ),
                None,
            )
            if holder is not None:
                e.quotes_found += 1
                e.quote_speaker_compared += 1
                e.quote_speaker_right += holder.speaker == r.speaker
    reviewed_quotes = [_tokens(q) for r in reviewed for q in r.quotes + r.wordings]
    for d in drafted:
        for quote in d.quotes:
            e.draft_quotes += 1
            e.draft_quotes_right += any(
                _overlap(_tokens(quote), q) >= QUOTE_FOUND for q in reviewed_quotes
            )
    e.reviewed_positions = len(reviewed_positions)
    e.draft_positions = len(draft_positions)
    e.positions_right = len(draft_positions & reviewed_positions)
    return e
