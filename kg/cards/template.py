"""The commented template `kg new-card` writes: a card an analyst completes in minutes."""

import json
import re
import unicodedata
from pathlib import Path

from kg.cards.compiler import invalid_key, is_key
from kg.days import is_day
from kg.errors import KgError
from kg.project import CARD_SUFFIX, Project

TEMPLATE = """\
# Source card: {heading}
#
# Fill in what the source reports; delete the sections you do not need. Refer to actors,
# offices, channels and issues by their registry keys. Full guide: docs/cards.md.
# Check it with:  kg check-card {path}

source:
  label: {label}
  {title}
  {publisher}
  date: {date}
  {url}
  language: en
  kind: news-article              # news-article, reference-work, official-statement, ...

statements:
  # a-short-key:                  # unique in this card
  #   speaker: vladimir-putin     # an actor key from the registry
  #   on-behalf-of: russia
  #   office: russian-president
  #   date: {date}            # leave out rather than guess
  #   channel: press-briefing
  #   quote: the speaker's own words, verbatim
  #   reported-wording: the source's words for what was said, verbatim

positions:
  # - holder: russia              # a list for a joint position: [russia, china]
  #   stance: conditionally-supports
  #   target: format/us-russia-talks
  #   condition:
  #     key: us-responds
  #     label: The US responds constructively
  #     description: Russia would negotiate if the US responds constructively.
  #     requires-action-of: united-states
  #   evidence: a-short-key
"""


def card_key(date: str, title: str | None = None, publisher: str | None = None) -> str:
    """A file name for the card, after docs/cards.md: publisher-date-slug, where the slug is
    the first words of the title; the parts not known are left out."""
    slug = ""
    for word in _words(title or ""):
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    return "-".join(part for part in ("-".join(_words(publisher or "")), date, slug) if part)


def _words(text: str) -> list[str]:
    """The words of `text` in lower-case ASCII: accents dropped (`Ça va, l'été` gives ca, va,
    l, ete), other scripts left out (a key is part of an IRI, and of a file name)."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in re.sub(r"[^a-z0-9]+", "-", plain).split("-") if w]


_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "\u0131": "i"}
)
"""Latin letters that Unicode does not decompose into a letter and an accent."""


def new_card(
    project: Project,
    date: str,
    *,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    key: str | None = None,
) -> Path:
    """Write a commented template card for a source; refuses to overwrite an existing card.
    Only the date is needed: wire copy often has no address and no title of its own."""
    if not is_day(date):
        raise KgError(f"--date {date!r} is not a day written YYYY-MM-DD")
    if url is not None and not re.fullmatch(r"https?://\S+", url):
        raise KgError(f"--url {url!r} is not an http(s) address")
    if key is not None and not is_key(key):
        raise KgError(invalid_key(key, "--key"))
    key = key or card_key(date, title, publisher)
    path = project.sources_dir / (key + CARD_SUFFIX)
    if path.exists():
        raise KgError("a card with this name exists already; choose another --key", path)
    label = title or f"{publisher or 'A source'}, {date}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TEMPLATE.format(
            heading=label,
            label=_yaml(label) + ("" if title else "  # a name for people: what it reports"),
            title=_field("title", title, "the exact title, when it has one"),
            publisher=_field("publisher", publisher, "who published it, such as Reuters"),
            date=date,
            url=f"url: {url}" if url else "# url: https://... (its address, when it has one)",
            path=path,
        ),
        encoding="utf-8",
    )
    return path


def _field(name: str, value: str | None, hint: str) -> str:
    """`name: value`, or a commented line saying what goes there."""
    return f"{name}: {_yaml(value)}" if value is not None else f"# {name}: {hint}"


def _yaml(text: str) -> str:
    """Text as a YAML scalar, quoted (JSON style) when plain would misread it."""
    if re.fullmatch(r"[A-Za-z0-9][^:#\n'\"]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)
