"""The cards of a synthetic corpus, in date order: each reports 3 to 8 statements and the
positions they show, with the features real cards have (conditions, position changes,
reported speech, joint positions, formats that require a participant, treaty events, limits,
office terms).

What makes a corpus valid is kept here as state across cards: the stances each holder took on
each target so far (a position change supersedes an earlier card's position), which issues a
card has introduced, and which positions already carry a start date.
"""

import random
from dataclasses import dataclass, field
from itertools import accumulate

from kg.synth import names as N
from kg.synth import texts as T
from kg.synth.doc import Block, CardDoc, Entry, Flow, Text, Value
from kg.synth.world import SPAN_DAYS, Issue, World, day

HistoryKey = tuple[tuple[str, ...], str]  # (sorted holders, target key)


@dataclass
class Counts:
    """How many of each realistic feature the corpus has (before any injected error)."""

    statements: int = 0
    positions: int = 0
    conditional_positions: int = 0
    position_changes: int = 0
    reported_speech: int = 0
    joint_positions: int = 0
    office_terms: int = 0
    limits: int = 0
    requirements: int = 0


@dataclass
class Corpus:
    docs: list[CardDoc]
    counts: Counts
    history: dict[HistoryKey, list[tuple[str, int]]]
    """(holders, target) -> the stances taken, in order, each with the card that took it."""
    positions: set[str] = field(default_factory=set)
    """The keys (IRI after id:) of all positions."""


def make_corpus(rng: random.Random, world: World, cards: int) -> Corpus:
    maker = _Maker(rng, world, cards)
    for i in range(cards):
        maker.docs.append(maker.card(i))
    maker.introduce_the_rest()
    return Corpus(maker.docs, maker.counts, maker.history, maker.positions)


_CUMULATIVE: dict[tuple[tuple[str, int], ...], tuple[list[str], list[int]]] = {}


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    """One of the options, by weight (the same draw as random.choices with weights)."""
    if options not in _CUMULATIVE:
        _CUMULATIVE[options] = ([o for o, _ in options], list(accumulate(w for _, w in options)))
    population, cumulative = _CUMULATIVE[options]
    return rng.choices(population, cum_weights=cumulative)[0]


def _unique_key(taken: dict[str, Entry], base: str) -> str:
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


class _Maker:
    def __init__(self, rng: random.Random, world: World, cards: int):
        self.rng = rng
        self.world = world
        self.cards = cards
        self.docs: list[CardDoc] = []
        self.counts = Counts()
        self.history: dict[HistoryKey, list[tuple[str, int]]] = {}
        self.positions: set[str] = set()
        self.introduced: set[str] = set()
        self.proposals = world.kinds("proposal")

    # -- one card --------------------------------------------------------------------------

    def card(self, i: int) -> CardDoc:
        rng, world = self.rng, self.world
        offset = i * SPAN_DAYS // self.cards
        date = day(offset)
        publisher = rng.choice(N.PUBLISHERS)
        doc = CardDoc(f"{date}-{N.slug(publisher)}-{i + 1:05d}", [], {})
        self.doc, self.index, self.offset = doc, i, offset
        self.statements: dict[str, Entry] = {}
        self.position_entries: dict[str, Entry] = {}
        self.evidence: dict[str, list[str]] = {}
        self.terms: dict[tuple[str, str], None] = {}
        self.mentioned: dict[str, Issue] = {}
        self.announced: dict[str, str] = {}
        self.requirements: dict[str, Entry] = {}

        pool = world.available(offset)
        issues: list[Issue] = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            recent = pool[-30:] if len(pool) > 30 and rng.random() < 0.5 else pool
            issue = rng.choice(recent)
            if issue not in issues:
                issues.append(issue)
        states = list(dict.fromkeys(s for issue in issues for s in issue.states))
        if len(states) > 3:
            states = rng.sample(states, 3)
        if len(states) < 2 or rng.random() < 0.25:
            states.append(
                rng.choice([n.state.key for n in world.nations if n.state.key not in states])
            )

        first = None
        for j in range(rng.choices(range(3, 9), weights=(1, 2, 3, 3, 4, 4))[0]):
            headline = self.statement(j, states, issues, dated=j == 0)
            first = first or headline
        if rng.random() < 0.12:
            self.treaty_story()
        self.introductions()
        self.finish_positions()
        self.office_terms()
        assert first is not None
        doc.comment = [f"Source card (synthetic): {first}."]
        doc.sections["source"] = [self.source(date, publisher, first, i)]
        return doc

    def source(self, date: str, publisher: str, headline: str, i: int) -> Entry:
        rng = self.rng
        fields: dict[str, Value] = {"label": Text(f"{publisher}: {headline}")}
        if rng.random() < 0.8:
            fields["title"] = Text(headline)
        fields["publisher"] = Text(publisher)
        fields["date"] = date
        fields["url"] = (
            f"https://www.{N.slug(publisher)}.example/{date.replace('-', '/')}/"
            f"{N.slug(headline)[:60].strip('-')}-{i + 1}"
        )
        fields["language"] = "en"
        fields["kind"] = _weighted(rng, T.SOURCE_KINDS)
        return Entry(fields)

    # -- statements and positions ----------------------------------------------------------

    def statement(self, j: int, states: list[str], issues: list[Issue], dated: bool) -> str:
        """Add one statement and the positions it shows; return a headline for it."""
        rng, world = self.rng, self.world
        issue = rng.choice(issues)
        state = rng.choice(states)
        nation = world.nation(state)
        r = rng.random()
        mode = (
            "joint"
            if r < 0.08
            else "reported"
            if r < 0.22
            else "body"
            if r < 0.36
            else "adviser"
            if r < 0.42
            else "office"
        )
        office: str | None = None
        reported_by: str | None = None
        holders: tuple[str, ...] = (state,)
        behalf: tuple[str, ...] = (state,)
        if mode == "joint":
            partner = rng.choice([s for s in states if s != state])
            holders = behalf = (state, partner)
            speaker = nation.holders["head"].key
            office = nation.offices["head"].key
        elif mode == "reported":
            speaker = nation.holders["head"].key
            office = nation.offices["head"].key if rng.random() < 0.5 else None
            reported_by = rng.choice([nation.holders["spokesperson"], *nation.advisers]).key
        elif mode == "body":
            body = nation.bodies[rng.choice(("foreign", "foreign", "defence", "presidency"))]
            speaker = body.key
            if rng.random() < 0.25:
                holders = behalf = (body.key,)
        elif mode == "adviser":
            speaker = rng.choice(nation.advisers).key
        else:
            role = _weighted(
                rng,
                (("head", 3), ("foreign", 3), ("spokesperson", 3), ("defence", 1), ("envoy", 2)),
            )
            speaker = nation.holders[role].key
            office = nation.offices[role].key
        stance, supersedes = self.stance(holders, issue)
        # What the statement is about, each with a stance: mostly one issue, often two.
        said = [(issue, stance, supersedes)]
        others = [x for x in issues if x is not issue]
        if others and rng.random() < 0.7:
            other = rng.choice(others)
            said.append((other, *self.stance(holders, other)))
        shown = said if j == 0 or rng.random() < 0.92 else said[1:]
        key = _unique_key(self.statements, f"{speaker}-{stance}")
        holder_label = " and ".join(world.actors[h].label for h in holders)
        label = T.with_article(issue.label)

        fields: dict[str, Value] = {"speaker": speaker, "on-behalf-of": Flow(behalf)}
        if office:
            fields["office"] = office.removeprefix("office/")
            self.terms[(speaker, office)] = None
        if dated or rng.random() < 0.8:
            fields["date"] = day(self.offset - rng.randint(0, 3))
            if rng.random() < 0.1:
                fields["date-note"] = Text(rng.choice(T.DATE_NOTES))
        if mode == "joint":
            fields["channel"] = rng.choice(("joint-press-conference", "communique"))
        elif rng.random() < 0.65:
            fields["channel"] = rng.choice(self.world.channels)[0].removeprefix("channel/")
        wants_quote = mode != "reported" and rng.random() < 0.75
        if wants_quote or (mode == "reported" and rng.random() < 0.3):
            quotes: list[Text] = []
            for n, (about, take, _) in enumerate(said):
                the = T.with_article(about.label)
                count = 2 if n == 0 and rng.random() < 0.25 else 1
                for q in rng.sample(T.QUOTES[take], count):
                    quotes.append(Text(q.format(label=the, Label=the[0].upper() + the[1:])))
            fields["quote"] = Block(tuple(quotes))
        if not wants_quote or rng.random() < 0.3:
            wordings = [
                rng.choice(T.REPORTED[take]).format(
                    holder=holder_label, label=T.with_article(about.label)
                )
                for about, take, _ in said
            ]
            fields["reported-wording"] = Text(", and ".join(wordings))
        if reported_by:
            fields["reported-by"] = reported_by
            self.counts.reported_speech += 1
        self.statements[key] = Entry(fields, key=key)
        self.counts.statements += 1
        for about, take, replaced in shown:
            self.position(holders, take, replaced, about, key)
        return f"{holder_label} {T.HEADLINE_VERBS[stance]} {label}"

    def stance(self, holders: tuple[str, ...], issue: Issue) -> tuple[str, str | None]:
        """The holder's stance on the issue: the one it took before, a new one that supersedes
        it (a position change, only across cards), or a first one."""
        rng = self.rng
        options = T.STANCES_FOR[issue.kind]
        past = self.history.get((tuple(sorted(holders)), issue.key))
        if not past:
            return _weighted(rng, options), None
        last, card = past[-1]
        if card < self.index and rng.random() < 0.2:
            held = {s for s, _ in past}
            fresh = [o for o in options if o[0] not in held]
            if fresh:
                return _weighted(rng, tuple(fresh)), last
        return last, None

    def position(
        self,
        holders: tuple[str, ...],
        stance: str,
        supersedes: str | None,
        issue: Issue,
        evidence: str,
    ) -> None:
        rng = self.rng
        ordered = tuple(sorted(holders))
        iri = f"position/{'+'.join(ordered)}/{stance}/{issue.last}"
        self.mention(issue)
        self.announced.setdefault(issue.key, evidence)
        if iri in self.position_entries:
            if evidence not in self.evidence[iri]:
                self.evidence[iri].append(evidence)
            return
        past = self.history.setdefault((ordered, issue.key), [])
        if not past or past[-1][0] != stance:
            past.append((stance, self.index))
        fields: dict[str, Value] = {"holder": Flow(holders), "stance": stance, "target": issue.key}
        if stance == "conditionally-supports":
            conditions: dict[str, Entry] = {}
            for _ in range(2 if rng.random() < 0.15 else 1):
                condition = self.condition(holders, issue)
                conditions.setdefault(str(condition.fields["key"]), condition)
            unique = list(conditions.values())
            fields["condition"] = unique[0] if len(unique) == 1 else unique
            self.counts.conditional_positions += 1
        if iri not in self.positions and rng.random() < 0.08:
            since = self.offset - rng.randint(0, 60)
            fields["since"] = day(since)
            if rng.random() < 0.4:
                fields["until"] = day(since + rng.randint(0, 30))
        if supersedes:
            fields["supersedes"] = supersedes
            self.counts.position_changes += 1
        if rng.random() < 0.35:
            fields["rationale"] = Text(
                rng.choice(T.RATIONALES).format(holder=self.world.actors[holders[0]].label)
            )
        if len(holders) > 1:
            self.counts.joint_positions += 1
        self.positions.add(iri)
        self.position_entries[iri] = Entry(fields)
        self.evidence[iri] = [evidence]
        self.counts.positions += 1
        self.requirement(holders, stance, issue, evidence)

    def requirement(
        self, holders: tuple[str, ...], stance: str, issue: Issue, evidence: str
    ) -> None:
        """A party that speaks for a format that requires a participant requires it, on the
        words that show its position (no draw from the random generator: the rest of the
        corpus stays the same)."""
        if (
            not issue.requires
            or len(holders) != 1
            or holders[0] not in issue.participants
            or stance not in ("supports", "demands", "commits-to")
        ):
            return
        iri = f"requirement/{holders[0]}/{issue.last}/{'+'.join(sorted(issue.requires))}"
        if iri in self.requirements:
            return
        self.requirements[iri] = Entry(
            {
                "required-by": holders[0],
                "participant": Flow(issue.requires),
                "for": issue.key,
                "evidence": evidence,
            }
        )
        self.doc.section("requirements").append(self.requirements[iri])
        self.counts.requirements += 1

    def condition(self, holders: tuple[str, ...], issue: Issue) -> Entry:
        """A condition whose words follow from its key, so that every card naming the same
        condition gives it the same label and description."""
        rng, world = self.rng, self.world
        proposal = rng.choice(self.proposals) if rng.random() < 0.7 else None
        mover = proposal.states[0] if proposal else None  # not asked to respond to itself
        others = [n.state.key for n in world.nations if n.state.key not in (*holders, mover)]
        other = rng.choice(others)
        other_label = world.actors[other].label
        fields: dict[str, Value] = {}
        if proposal:
            self.mention(proposal)
            verb, phrase = rng.choice(T.RESPONSES)
            key = f"{other}-{verb}-{proposal.last}"
            what = f"{other_label} {phrase} {proposal.label}"
        else:
            verb, phrase = rng.choice(T.ACTIONS)
            key = f"{other}-{verb}"
            what = f"{other_label} {phrase}"
        holder_label = " and ".join(world.actors[h].label for h in sorted(holders))
        fields["key"] = key
        fields["label"] = Text(what)
        fields["description"] = Text(
            f"{holder_label} would support {T.with_article(issue.label)} if {what}."
        )
        fields["requires-action-of"] = other
        if proposal:
            fields["responds-to"] = proposal.key
        return Entry(fields)

    def finish_positions(self) -> None:
        entries = self.doc.section("positions")
        for iri, entry in self.position_entries.items():
            entry.fields["evidence"] = Flow(tuple(self.evidence[iri]))
            entries.append(entry)
        self.doc.sections["statements"] = list(self.statements.values())

    def office_terms(self) -> None:
        for holder, office in self.terms:
            term = self.world.terms[(holder, office)]
            fields: dict[str, Value] = {"holder": holder, "office": office.removeprefix("office/")}
            if term.end or self.rng.random() < 0.9:
                fields["start"] = term.start
            if term.end:
                fields["end"] = term.end
            self.doc.section("office-terms").append(Entry(fields))
            self.counts.office_terms += 1

    # -- issues ----------------------------------------------------------------------------

    def mention(self, issue: Issue) -> None:
        self.mentioned.setdefault(issue.key, issue)

    def introductions(self) -> None:
        """Introduce each issue the card mentions that no earlier card introduced; now and
        then, repeat some facts about one already known, as real sources do."""
        for issue in self.mentioned.values():
            if not issue.in_registry and issue.key not in self.introduced:
                self.introduce(self.doc, issue, self.announced.get(issue.key))
            elif self.rng.random() < 0.15:
                self.repeat(issue)

    def introduce_the_rest(self) -> None:
        """Issues no card happened to mention go into a card dated on or after the day
        they become available, so that every issue of the world exists in the graph."""
        for issue in self.world.issues.values():
            if issue.in_registry or issue.key in self.introduced:
                continue
            first = next(
                (i for i in range(self.cards) if i * SPAN_DAYS // self.cards >= issue.available),
                self.cards - 1,
            )
            self.introduce(self.docs[self.rng.randint(first, self.cards - 1)], issue, None)

    def introduce(self, doc: CardDoc, issue: Issue, announced: str | None) -> None:
        self.introduced.add(issue.key)
        fields: dict[str, Value] = {}
        if issue.kind == "treaty-event":
            section = "treaty-events"
            assert issue.event_kind and issue.treaty and issue.date
            fields["kind"] = issue.event_kind
            fields["treaty"] = issue.treaty
        else:
            section = {"format": "formats", "proposal": "proposals"}.get(
                issue.kind, "policies" if issue.kind == "policy" else "events"
            )
        fields["label"] = Text(issue.label)
        fields["description"] = Text(issue.description)
        if issue.proposed_by:
            fields["proposed-by"] = Flow(issue.proposed_by)
        if issue.proposed_on:
            fields["proposed-on"] = issue.proposed_on
        if issue.kind == "format":
            fields["participants"] = Flow(issue.participants + issue.requires)
        if issue.date:
            r = self.rng.random()
            if r < 0.85 or issue.kind == "event":
                fields["date"] = issue.date
            if r >= 0.7 and issue.kind == "treaty-event":
                fields["year"] = issue.date[:4]
        if issue.kind == "event":
            fields["participants"] = Flow(issue.states)
        for name, value in issue.extra.items():
            fields[name] = (
                Flow(value)
                if isinstance(value, tuple)
                else Text(value)
                if name == "place"
                else value
            )
        if issue.concerns:
            fields["concerns"] = Flow(issue.concerns)
        if issue.kind == "event" and announced:
            fields["announced-in"] = announced
        doc.section(section).append(Entry(fields, key=issue.key))

    def repeat(self, issue: Issue) -> None:
        """A few facts about a known issue, the same as wherever else they are given."""
        fields: dict[str, Value] = {}
        if issue.kind == "treaty":
            section = "treaties"
            fields["description"] = Text(issue.description)
            fields["parties"] = Flow(issue.participants)
        elif issue.kind == "treaty-event":
            section = "treaty-events"
            assert issue.event_kind and issue.treaty and issue.date
            fields = {"kind": issue.event_kind, "treaty": issue.treaty, "date": issue.date}
        elif issue.kind == "format":
            section = "formats"
            fields["participants"] = Flow(issue.participants)
        elif issue.kind == "proposal":
            section = "proposals"
            fields["proposed-by"] = Flow(issue.proposed_by)
            if issue.proposed_on:
                fields["proposed-on"] = issue.proposed_on
        elif issue.kind == "policy":
            section = "policies"
            fields["description"] = Text(issue.description)
        else:
            section = "events"
            assert issue.date
            fields["date"] = issue.date
        if self.doc.keyed(section, issue.key) is None:
            self.doc.section(section).append(Entry(fields, key=issue.key))

    def treaty_story(self) -> None:
        """A treaty's lifecycle and limits, as a reference work or a background paragraph
        reports them, with the office terms of those who signed it."""
        rng, world = self.rng, self.world
        treaty = rng.choice(world.kinds("treaty"))
        self.mention(treaty)
        past = [world.issues[k] for k in treaty.events if world.issues[k].available <= self.offset]
        for event in rng.sample(past, min(len(past), rng.randint(1, 3))):
            self.mention(event)
            signatories = event.extra.get("signatories")
            if isinstance(signatories, tuple) and rng.random() < 0.5:
                for person in signatories:
                    nation = world.nation(world.actors[person].state)
                    self.terms[(person, nation.offices["head"].key)] = None
        if rng.random() < 0.5:
            for limit in rng.sample(treaty.limits, rng.randint(1, 2)):
                self.doc.section("limits").append(
                    Entry(
                        {
                            "treaty": limit.treaty,
                            "category": limit.category.removeprefix("weapon-category/"),
                            "maximum": str(limit.maximum),
                            "label": Text(limit.label),
                        },
                        key=limit.key,
                    )
                )
                self.counts.limits += 1
