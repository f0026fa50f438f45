"""From a mention to a speaker: the actor's key, the office and the state it speaks for, and
why; a reference back ('he', 'the spokesman') to the last speaker of its kind; a title alone
('Kremlin spokesman') to the holder of that office on the day; an unknown name to a proposed
registry entry."""

import datetime
import re
from dataclasses import dataclass, field

from kg.draft.knowledge import Knowledge
from kg.draft.names import Mention


@dataclass(frozen=True)
class Speaker:
    actor: str
    """A registry key, or the key proposed for an unknown person."""
    office: str | None
    on_behalf_of: str | None
    why: str
    known: bool = True
    kind: str = "person"


@dataclass(frozen=True)
class Proposed:
    """A person the registry lacks, as the article names them."""

    key: str
    name: str
    title: str | None
    span: str


@dataclass
class Resolver:
    knowledge: Knowledge
    day: datetime.date | None
    last: dict[str, Speaker] = field(default_factory=dict)
    """The last speaker of each kind (person, organisation, state), for references back."""
    last_mentioned: dict[str, Mention] = field(default_factory=dict)
    proposed: dict[str, Proposed] = field(default_factory=dict)
    titled: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Person to the office a title gave them earlier in the article, and that title."""

    def noticed(self, mentions: list[Mention]) -> None:
        """Remember the actors a sentence names (for 'the ministry', 'the President'), and
        the offices their titles give them."""
        for mention in mentions:
            if mention.actor is not None:
                self.last_mentioned[mention.kind] = mention
                if mention.office and mention.title:
                    self.titled.setdefault(mention.actor, (mention.office, mention.title))

    def resolve(self, mention: Mention, span: str) -> Speaker | None:
        k = self.knowledge
        if mention.how == "back":
            previous = self.last.get(mention.kind)
            if previous is None:
                if mention.kind == "organisation" and "organisation" in self.last_mentioned:
                    named = self.last_mentioned["organisation"]
                    return self._known(named, f"'{mention.text}' refers to '{named.text}'")
                return None
            word = mention.text.lower()
            if "president" in word and previous.office and "president" not in previous.office:
                return None
            return Speaker(
                previous.actor,
                previous.office,
                previous.on_behalf_of,
                f"'{mention.text}' refers back to the last speaker, "
                f"{k.label(previous.actor) if previous.known else previous.actor}",
                previous.known,
                previous.kind,
            )
        if mention.how == "unknown" or (mention.actor is None and mention.name):
            if not mention.title:
                return None  # a capitalised name without a title: too weak to propose
            key = _slug(mention.name or mention.text)
            self.proposed.setdefault(
                key, Proposed(key, mention.name or mention.text, mention.title, span)
            )
            office = mention.office
            speaker = Speaker(
                key,
                office,
                k.state_of(office) if office else _state_in(mention.title, k),
                f"'{mention.text}': a person the registry lacks (proposed below)",
                known=False,
            )
            self.last["person"] = speaker
            return speaker
        if mention.actor is None and mention.office:  # a title alone
            holders = k.holders(mention.office, self.day)
            if not holders:
                return None
            top = holders[0]
            if (
                len(holders) > 1
                and k.spoke_as[(top, mention.office)] <= k.spoke_as[(holders[1], mention.office)]
            ):
                return None
            on = f"on {self.day}" if self.day else "(no publication date: the usual holder)"
            speaker = Speaker(
                top,
                mention.office,
                k.state_of(mention.office),
                f"title '{mention.text}' -> office/{mention.office}, held by "
                f"{k.label(top)} {on} per the cards' office terms",
            )
            self.last["person"] = speaker
            return speaker
        if mention.actor is None:
            return None
        return self._known(mention, f"'{mention.text}' -> {mention.actor} ({mention.how})")

    def _known(self, mention: Mention, why: str) -> Speaker:
        k = self.knowledge
        actor = mention.actor
        assert actor is not None
        kind = k.actors.get(actor, "person")
        office = mention.office
        if kind == "person" and office is None and actor in self.titled:
            office, title = self.titled[actor]
            why += f"; office/{office} from the title '{title}' given earlier in the article"
        elif kind == "person" and office is None:
            offices = k.offices_of(actor, self.day)
            if len(offices) == 1 or (
                len(offices) > 1
                and k.spoke_as[(actor, offices[0])] > k.spoke_as[(actor, offices[1])]
            ):
                office = offices[0]
                why += f"; office/{office}, the office the cards give this person"
        elif office is not None:
            why += f"; office/{office} from the title"
        on_behalf = k.state_of(office) if office else None
        if kind in ("organisation", "state"):
            on_behalf = k.state_of(actor)
        speaker = Speaker(actor, office, on_behalf, why, True, kind)
        self.last[kind] = speaker
        return speaker


def _slug(name: str) -> str:
    return "-".join(w for w in re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def _state_in(title: str | None, knowledge: Knowledge) -> str | None:
    from kg.draft.names import DEMONYMS

    for state, forms in DEMONYMS.items():
        if title and any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", title) for f in forms):
            key = next((a for a, n in knowledge.names.items() if n and n[0] == state), None)
            if key and knowledge.actors.get(key) == "state":
                return key
    return None
