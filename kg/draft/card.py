"""The draft card as YAML text: every proposal carries a `review:` field that says where in
the article it comes from (paragraph and sentence) and why it was proposed; positions that are
not confident, and statements whose speaker the registry lacks, are written commented out
with `#? ` before each line; people the registry lacks are proposed as registry lines in a
comment block; what was left out is listed at the end."""

import json
import re

from kg.draft.draft import Draft, DraftStatement
from kg.draft.knowledge import Knowledge
from kg.draft.stance import Suggestion

PROPOSAL = "#? "
"""The prefix of a commented-out proposal: delete it (and check the entry) to accept it."""


def _q(text: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted (JSON style)."""
    if re.fullmatch(r"[A-Za-z0-9][^:#\n'\"{}\[\],&*!|>%@`]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def render_card(
    draft: Draft,
    knowledge: Knowledge,
    *,
    source_name: str,
    url: str | None,
    publisher: str | None,
) -> str:
    lines = [
        f"# Draft card written by `kg draft` from {source_name}.",
        "#",
        "# Every entry below is a PROPOSAL. Check each against the article: the `review:` line",
        "# says where its words are (p = paragraph, s = sentence, counted from 1) and why it was",
        "# proposed. Correct what is wrong, then delete the `review:` line; `kg check-card`",
        "# counts the review lines left as warnings. Lines starting with '#? ' are proposals",
        "# not confident enough to be active: delete the '#? ' to accept one.",
        "",
        "source:",
    ]
    if not draft.article.has_headline:
        lines.append("  # no headline found: give the article's title as its label")
    lines.append(f"  label: {_q(_label(draft, publisher, source_name))}")
    lines.append(
        f"  publisher: {_q(publisher)}" if publisher else "  # publisher: who published it"
    )
    lines.append(
        f"  date: {draft.published}"
        if draft.published
        else "  # date: YYYY-MM-DD (not given: relative dates were left out)"
    )
    lines.append(f"  url: {url}" if url else "  # url: its address")
    lines += ["  language: en", "  kind: news-article", ""]
    lines.append("statements:" if draft.statements else "statements: {}")
    for statement in draft.statements:
        lines += _statement(statement, knowledge)
    positions = [(s, w, g) for s in draft.statements for w, g in s.suggestions]
    lines += ["", "positions:" if positions else "positions: []"]
    for statement, words, suggestion in positions:
        lines += _position(statement, words, suggestion, knowledge)
    if draft.proposed:
        lines += [
            "",
            "# -- Proposed registry entries (people the registry lacks) ------------",
            "# Check the name and title, add the line to registry.ttl, then accept the",
            "# statements and positions above that name them.",
            "#",
        ]
        for person in draft.proposed:
            lines.append(f'# <{person.key}> a ap:Person ; rdfs:label "{person.name}"@en .')
            lines.append(f"#     title in the article ({person.span}): {person.title}")
    if draft.left_out:
        lines += ["", "# -- Left out -----------------------------------------------------------"]
        lines += [f"# {note}" for note in draft.left_out]
    return "\n".join(lines) + "\n"


def _label(draft: Draft, publisher: str | None, source_name: str) -> str:
    """The headline; without one, who published the article and when, never its first words:
    a label of them would carry the article's own sentence into the graph."""
    if draft.article.has_headline:
        title = draft.article.paragraphs[0]
        return f"{publisher}: {title}" if publisher else title
    known = [str(part) for part in (publisher, draft.published) if part]
    return ", ".join(known) if known else f"an article from {source_name}"


def _statement(statement: DraftStatement, knowledge: Knowledge) -> list[str]:
    speaker = statement.speaker
    why = f"{statement.sentence.span}: " + "; ".join(statement.why)
    body = [f"  {statement.key}:", f"    review: {_q(why)}", f"    speaker: {speaker.actor}"]
    if speaker.on_behalf_of:
        body.append(f"    on-behalf-of: {speaker.on_behalf_of}")
    if speaker.office:
        body.append(f"    office: {speaker.office}")
    dating = statement.dating
    if dating.day is not None:
        body.append(f"    date: {dating.day}")
        body.append(f"    date-note: {_q(dating.note or '')}")
    elif dating.note:
        body.append(f"    # date left out: {dating.note}")
    if statement.channel:
        body.append(f"    channel: {statement.channel}")
    keys = words_keys(statement)
    body += _words("quote", statement.quotes, keys)
    body += _words("reported-wording", statement.wordings, keys)
    if not speaker.known:
        return ["  # the speaker is not in the registry: add the entry proposed at the end"] + [
            PROPOSAL + line for line in body
        ]
    return body


def words_keys(statement: DraftStatement) -> dict[str, str]:
    """A key for each of the statement's words when it has several and a position rests on
    only some of them (a position then cites `statement/key`, as docs/cards.md shows); else
    none."""
    words = statement.quotes + statement.wordings
    cited = {w for w, _ in statement.suggestions}
    if len(words) < 2 or not cited or cited >= set(words):
        return {}
    keys: dict[str, str] = {}
    for text in words:
        base = "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()[:3]) or "words"
        key, n = base, 1
        while key in keys.values():
            n += 1
            key = f"{base}-{n}"
        keys[text] = key
    return keys


def _words(name: str, words: list[str], keys: dict[str, str]) -> list[str]:
    if not words:
        return []
    if keys:
        return [f"    {name}:"] + [f"      {keys[w]}: {_q(w)}" for w in words]
    if len(words) == 1:
        return [f"    {name}: {_q(words[0])}"]
    return [f"    {name}:"] + [f"      - {_q(w)}" for w in words]


def _position(
    statement: DraftStatement, words: str, suggestion: Suggestion, knowledge: Knowledge
) -> list[str]:
    holder = statement.speaker.on_behalf_of or statement.speaker.actor
    why = (
        f"{statement.sentence.span}: '{suggestion.cue}' in \"{_short(words)}\" -> "
        f"{suggestion.stance}; target "
        + (f"'{suggestion.target_words}'" if suggestion.target else "not found")
        + f"; confidence {suggestion.confidence:.2f}"
    )
    body = [
        f"  - review: {_q(why)}",
        f"    holder: {holder}",
        f"    stance: {suggestion.stance}",
        f"    target: {suggestion.target or 'TARGET'}",
    ]
    if suggestion.condition:
        body += [
            "    condition:",
            f"      key: {_slug(suggestion.condition)}",
            f"      label: {_q(_sentence_case(suggestion.condition))}",
            f"      description: {_q(_sentence_case(suggestion.condition) + '.')}",
            f"      requires-action-of: {suggestion.condition_actor or 'ACTOR'}",
        ]
    key = words_keys(statement).get(words)
    body.append(f"    evidence: {statement.key}/{key}" if key else f"    evidence: {statement.key}")
    if (
        suggestion.confident
        and statement.speaker.known
        and (not suggestion.condition or suggestion.condition_actor)
    ):
        return body
    return [PROPOSAL + line for line in body]


def _short(text: str, words: int = 12) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")


def _slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()[:6])


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
