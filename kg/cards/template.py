"""The commented template `kg new-card` writes: a card an analyst completes in minutes."""

import json
import re
from pathlib import Path

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
  title: {title}
  # publisher: ...
  date: {date}
  url: {url}
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


def card_key(title: str, date: str) -> str:
    """A file name for the card: the date and the first words of the title."""
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-").split("-")
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{date}-{slug}" if slug else date


def new_card(project: Project, url: str, date: str, title: str, key: str | None = None) -> Path:
    """Write a commented template card for a source; refuses to overwrite an existing card."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise KgError(f"--date {date!r} is not YYYY-MM-DD")
    if not re.fullmatch(r"https?://\S+", url):
        raise KgError(f"--url {url!r} is not an http(s) address")
    key = key or card_key(title, date)
    path = project.sources_dir / (key + CARD_SUFFIX)
    if path.exists():
        raise KgError("a card with this name exists already; choose another --key", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TEMPLATE.format(
            heading=title, title=_yaml(title), label=_yaml(title), date=date, url=url, path=path
        ),
        encoding="utf-8",
    )
    return path


def _yaml(text: str) -> str:
    """Text as a YAML scalar, quoted (JSON style) when plain would misread it."""
    if re.fullmatch(r"[A-Za-z0-9][^:#\n'\"]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)
