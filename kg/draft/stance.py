"""Positions suggested by cue words, tied to the stance scheme, with their target matched to
the project's issues by name.

A cue gives a stance and a base confidence; the target is the issue whose name's words best
appear in the sentence (words compared by their first five letters, so "expiration" meets
"Expiry"; "the treaty" counts as the one treaty the article names). The confidence of a
suggestion is the cue's times the target's match; below CONFIDENT it is written commented out.
"""

import re
from dataclasses import dataclass

from kg.draft.knowledge import Knowledge

CONFIDENT = 0.5
MATCH = 0.7
"""The share of an issue name's words a text must hold to name that issue."""


@dataclass(frozen=True)
class Cue:
    stance: str
    pattern: re.Pattern[str]
    confidence: float
    kinds: tuple[str, ...]
    """The kinds of issue the stance usually takes, best first."""


def _cue(stance: str, pattern: str, confidence: float, *kinds: str) -> Cue:
    return Cue(stance, re.compile(pattern, re.IGNORECASE), confidence, kinds)


CUES = (
    _cue(
        "refuses-to-participate",
        r"\b(?:cannot|can ?not|can't|will not|won't|would not|wouldn't|not to|refuses? to|"
        r"refused to|declined? to|no intention to|not willing to|unwilling to)\s+"
        r"(?:\w+\s+)?(?:participate|join|take part|be part)",
        0.9,
        "format",
        "proposal",
    ),
    _cue("regrets", r"\bregret(?:s|ted|table)?\b", 0.9, "event", "treaty"),
    _cue(
        "conditionally-supports",
        r"\b(?:ready|willing|prepared|open|would|will|could)\b[^.]{0,120}?"
        r"\b(?:if|provided(?: that)?|as long as|on condition that|only if|should)\b",
        0.7,
        "format",
        "proposal",
    ),
    _cue(
        "rejects",
        r"\b(?:reject(?:s|ed)?|turned down|turns down|dismiss(?:es|ed)?|refus(?:es|ed) "
        r"(?:the|an|a)\b)",
        0.8,
        "proposal",
        "format",
    ),
    _cue(
        "demands",
        r"\b(?:insist(?:s|ed)?|must (?:be part|include|involve|join)|has to (?:involve|"
        r"include)|needs? to (?:include|involve|be part)|should (?:include|involve)|"
        r"impossible to do something that doesn't include|must be involved)\b",
        0.7,
        "format",
        "proposal",
    ),
    _cue(
        "supports",
        r"\b(?:welcom(?:e|es|ed)|support(?:s|ed)?|back(?:s|ed)|good idea|sounds? (?:pretty )?"
        r"good|sounding good|favou?rs?|in favou?r of|endorse[sd]?|hope[sd]? (?:that )?"
        r"the (?:US|U\.S\.|United States) (?:will )?respond)\b",
        0.7,
        "proposal",
        "format",
        "treaty",
    ),
    _cue(
        "opposes",
        r"\b(?:oppose[sd]?|badly negotiated|flawed|grossly violated|unfair|unreasonable|"
        r"criticis|criticiz)\w*",
        0.6,
        "treaty",
        "proposal",
        "format",
    ),
    _cue(
        "commits-to",
        r"\b(?:will|would) (?:continue|maintain|keep|adhere|stick|remain)\b",
        0.5,
        "policy",
        "proposal",
        "format",
    ),
)
_TREATY_WORDS = re.compile(r"\b(?:treaty|agreement|pact|accord|deal)\b", re.IGNORECASE)
_STOP = {
    "the",
    "of",
    "on",
    "and",
    "for",
    "in",
    "to",
    "a",
    "an",
    "with",
    "its",
    "after",
    "one",
    "year",
    "nuclear",
    "arms",
    "high",
    "level",
}


@dataclass(frozen=True)
class Suggestion:
    stance: str
    target: str | None
    confidence: float
    cue: str
    """The cue words found."""
    condition: str | None = None
    """For conditionally-supports: the condition, in the article's words."""
    target_words: str | None = None
    condition_actor: str | None = None
    """For conditionally-supports: who must act, when the condition names an actor."""

    @property
    def confident(self) -> bool:
        return self.target is not None and self.confidence >= CONFIDENT


_SAME = {"negot": "talks", "talk": "talks", "u": "us", "lapse": "expir", "lapsi": "expir"}


def _stems(text: str) -> set[str]:
    """Words by their first five letters; 'negotiations' is 'talks'; U.S. is US."""
    text = re.sub(r"\bU\.S\.", "US", text).lower().replace("\u2019", "'")
    return {
        _SAME.get(w[:5], w[:5])
        for w in re.findall(r"[a-z0-9]+", text)
        if len(w) >= 2 and w not in _STOP
    }


def suggest(
    words: str,
    sentence: str,
    knowledge: Knowledge,
    treaties: list[str],
    lead: str = "",
    holder: str | None = None,
) -> list[Suggestion]:
    """Suggestions for a statement: its `words` (quote or reported wording) carry the cue;
    the target is looked for in them and in the whole `sentence`, else (with less
    confidence) in the article's `lead`. `treaties` are the treaty keys the article names (one
    of them: 'the treaty' means it)."""
    issues = knowledge.issues
    found: list[Suggestion] = []
    words = _INNER.sub(" ", words)  # 'flawed' in someone else's words is not the speaker's
    for cue in CUES:
        match = cue.pattern.search(words)
        if not match:
            continue
        if cue.stance == "opposes" and re.search(r"\bnot (?:flawed|unfair)", words, re.I):
            continue
        condition = None
        if cue.stance == "conditionally-supports":
            condition = _condition(words[match.start() :])
            if condition is None:
                continue
        joining = holder if cue.stance == "refuses-to-participate" else None
        target, score = _target(words + " " + sentence, knowledge, treaties, cue.kinds, joining)
        if target is None and lead:
            target, score = _target(lead, knowledge, treaties, cue.kinds, joining)
            score *= 0.5  # the words do not name it: never confident
        found.append(
            Suggestion(
                cue.stance,
                target,
                round(cue.confidence * score, 2),
                match.group(0),
                condition,
                issues.get(target, [None])[0] if target else None,
            )
        )
    return _strongest(found)


def _strongest(found: list[Suggestion]) -> list[Suggestion]:
    """One suggestion per target: refusing beats regretting beats the rest (a 'will not
    join' also matches 'would ... if'); keep the order of CUES."""
    kept: dict[str | None, Suggestion] = {}
    for suggestion in found:
        if suggestion.target not in kept:
            kept[suggestion.target] = suggestion
    return list(kept.values())


def _condition(text: str) -> str | None:
    match = re.search(
        r"\b(if|provided(?: that)?|as long as|on condition that|only if)\b\s+([^.;]+)",
        text,
        re.IGNORECASE,
    )
    if not match:
        return None
    clause = re.split(
        r",\s+(?:but|and|while|which|despite)\b|\s+[\u2013\u2014]\s+", match.group(2)
    )[0]
    return f"{match.group(1)} {clause.strip()}".strip()


_COUNT = {"bilateral": 2, "two-way": 2, "trilateral": 3, "three-way": 3, "tripartite": 3}


_INNER = re.compile("(?<![\\w])['\u2018][^'\u2019]{1,60}['\u2019](?![\\w])")


def _target(
    text: str,
    knowledge: Knowledge,
    treaties: list[str],
    kinds: tuple[str, ...],
    joining: str | None = None,
) -> tuple[str | None, float]:
    """The issue whose name best matches `text`; `joining`, for a refusal to take part: the
    holder, who must be among the format's participants (and is implied by the words)."""
    issues = knowledge.issues
    stems = _stems(text)
    if joining is not None:
        stems |= _stems(knowledge.label(joining))
    counts = {n for word, n in _COUNT.items() if word in text.lower()}
    if len(treaties) == 1 and _TREATY_WORDS.search(text):
        for name in issues.get(treaties[0], []):
            stems |= _stems(name)
    best: tuple[int, float, int, str] | None = None
    for key, names in issues.items():
        kind = key.split("/")[0]
        rank = kinds.index(kind) if kind in kinds else len(kinds)
        if kind not in kinds:
            continue  # a refusal is of a format, a regret of an event: not of a treaty
        if joining is not None and joining not in knowledge.members.get(key, {joining}):
            continue
        for name in names:
            wanted = _stems(name)
            if not wanted:
                continue
            score = len(wanted & stems) / len(wanted)
            if knowledge.participants.get(key) in counts:
                score = min(1.0, score + 0.5)  # "trilateral talks": a format of three
            if score < MATCH:
                continue
            candidate = (-rank, score, len(wanted & stems), key)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        return None, 0.0
    return best[3], best[1] - 0.1 * -best[0]
