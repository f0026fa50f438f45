"""Who said the words: speech verbs, and the mention of the speaker they attach to.

Attributions of news copy: `"...," Peskov said`, `"...," said Sergei Shoigu`, `Lin Jian told a
briefing: "..."`, `according to the ministry, "..."`, `the US European Command announced`. The
speaker is the mention just after the verb (inverted order) or the nearest one before it;
`he`, `the spokesman`, `the ministry` refer back to the last speaker of the fitting kind.
"""

import re
from dataclasses import dataclass

from kg.draft.names import Mention

SPEECH_VERBS = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|states|noted|notes|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|underlined|pointed out|wrote|writes|posted|explained|"
    r"urged|warned|insisted|insists|declared|announced|affirmed|argued|asserted|remarked|"
    r"continued|replied|responded|confirmed|claimed|described|called|reiterated|recalled|"
    r"acknowledged|observed|commented|mentioned|admitted|cautioned|vowed|promised|pledged|"
    r"concluded|clarified|believes|considers|rejected|regrets|regretted|expressed|assured|"
    r"highlighted|specified|indicated|proposed|suggested|maintained|echoed)\b"
    r"|\baccording to\b|\bquoted\b|\bsaying\b|\badding\b",
    re.IGNORECASE,
)
# Verbs that report words only when a clause or a quote follows (they also have other uses).
_WEAK = {
    "called",
    "described",
    "believes",
    "considers",
    "rejected",
    "regrets",
    "regretted",
    "expressed",
    "proposed",
    "suggested",
    "maintained",
    "indicated",
    "continued",
    "saying",
    "adding",
    "quoted",
}


@dataclass(frozen=True)
class Verb:
    start: int
    end: int
    text: str

    @property
    def weak(self) -> bool:
        return self.text.lower() in _WEAK

    @property
    def according(self) -> bool:
        return self.text.lower() == "according to"


def speech_verbs(masked: str) -> list[Verb]:
    return [Verb(m.start(), m.end(), m.group(0)) for m in SPEECH_VERBS.finditer(masked)]


def subject_of(verb: Verb, mentions: list[Mention], masked: str) -> Mention | None:
    """The mention that speaks through `verb`: right after it ('said Peskov', 'according to
    the ministry'), else the nearest before it in the same clause."""
    after = [m for m in mentions if m.start >= verb.end]
    if after:
        first = after[0]
        gap = masked[verb.end : first.start]
        if verb.according and re.fullmatch(r"\s*", gap):
            return first
        if (
            not verb.according
            and re.fullmatch(r"\s*", gap)
            and verb.text.lower()
            in (
                "said",
                "says",
                "added",
                "adds",
                "stated",
                "noted",
                "wrote",
                "told",
                "stressed",
                "explained",
                "warned",
                "confirmed",
                "insisted",
                "continued",
                "asked",
                "declared",
                "announced",
                "emphasized",
                "emphasised",
                "recalled",
                "remarked",
                "replied",
            )
            and _is_subject(first)
        ):
            return first
    if verb.according:
        return None
    before = [m for m in mentions if m.end <= verb.start]
    if not before:
        return None
    if verb.text.lower() in ("saying", "adding"):  # the subject of the clause it ends
        actors = [m for m in before if m.kind != "state"]
        if not actors:
            return None
        gap = masked[actors[-1].end : verb.start]
        if len(gap.split()) <= 6 and not re.search(r"[.;:!?]", gap):
            return actors[-1]  # "rejected by China's Foreign Ministry on Thursday, saying"
        return actors[0]  # "Trump appeared to dismiss the treaty with Russia, saying"
    nearest = before[-1]
    gap = masked[nearest.end : verb.start]
    # "Peskov affirmed", "Lavrov said on Friday", "Medvedev has proposed", "the official
    # said", "Rubio, speaking to reporters, said" (a short aside between commas)
    if len(gap.split()) <= 6 and not re.search(r"[.;:!?]", gap):
        return nearest
    if re.search(r"\bhaving\s+(?:\w+\s+)?$", masked[: verb.start]):
        return before[0]  # "The President rejected ..., despite having earlier described"
    return None


def _is_subject(mention: Mention) -> bool:
    """A mention after 'said' that is its subject: a name or a title, not 'he' alone (which
    reads 'said he would', the speaker then being before the verb) nor a state."""
    if mention.how == "back":
        return mention.text.lower() not in ("he", "she")
    return mention.kind != "state"
