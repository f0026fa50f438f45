"""The made-up world a synthetic corpus reports on: states with their bodies, people and
offices, channels, treaties with their limits and lifecycle, and the issues actors take
positions on (negotiation formats, proposals, policies, events).

Every fact here is fixed once, so that any two cards reporting it agree: the shapes allow one
name per language, one date per event, one start per office term.
"""

import datetime
import random
from bisect import bisect_right
from dataclasses import dataclass, field

from kg.synth import names as N

START = datetime.date(2024, 1, 1)
"""The first day of the corpus; cards are spread over SPAN_DAYS from here."""
SPAN_DAYS = 730
STATES = 32
ROLES = ("head", "foreign", "spokesperson", "defence", "envoy")


_SMALL_WORDS = {"on", "the", "of", "in", "and", "for"}


def day(offset: int) -> str:
    """The date `offset` days after START, as YYYY-MM-DD."""
    return (START + datetime.timedelta(days=offset)).isoformat()


@dataclass(frozen=True)
class Actor:
    key: str
    label: str
    kind: str  # state, organisation or person
    state: str  # the state it belongs to (itself for a state)
    parent: str | None = None  # for an organisation: the state it is part of


@dataclass(frozen=True)
class Office:
    key: str  # office/...
    label: str
    post_in: str
    role: str


@dataclass(frozen=True)
class Term:
    holder: str
    office: str
    start: str
    end: str | None = None


@dataclass
class Nation:
    """A state and the people and bodies that speak for it, by role."""

    state: Actor
    bodies: dict[str, Actor]  # foreign, presidency, defence
    offices: dict[str, Office]  # by role
    holders: dict[str, Actor]  # current holder of each office, by role
    former_head: Actor
    advisers: list[Actor]


@dataclass(frozen=True)
class Limit:
    key: str  # limit/<treaty>/...
    treaty: str
    category: str
    maximum: int
    label: str


@dataclass
class Issue:
    """Anything a position can target. `home` says who introduces it: the registry or the
    first card that mentions it."""

    key: str
    kind: str  # format, proposal, policy, event, treaty-event, treaty
    label: str
    description: str
    states: tuple[str, ...]  # the states it involves, who are likely to speak about it
    available: int  # first day offset on which cards may mention it
    in_registry: bool = False
    proposed_by: tuple[str, ...] = ()
    proposed_on: str | None = None
    participants: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    date: str | None = None
    # treaty events and treaties
    event_kind: str | None = None
    treaty: str | None = None
    extra: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    short_name: str | None = None
    limits: tuple[Limit, ...] = ()
    events: tuple[str, ...] = ()
    last: str = ""  # the last segment of the key, which position IRIs keep

    def __post_init__(self) -> None:
        self.last = self.key.rsplit("/", 1)[-1]


@dataclass
class World:
    nations: list[Nation]
    actors: dict[str, Actor]
    offices: dict[str, Office]
    terms: dict[tuple[str, str], Term]  # (person, office key)
    channels: list[tuple[str, str]]
    categories: list[tuple[str, str]]
    issues: dict[str, Issue]
    used: set[str] = field(default_factory=set)  # last segments of issue keys, all distinct
    by_available: list[Issue] = field(default_factory=list)  # by first day available
    _days: list[int] = field(default_factory=list)
    _nation: dict[str, Nation] = field(default_factory=dict)

    def nation(self, state: str) -> Nation:
        if not self._nation:
            self._nation = {n.state.key: n for n in self.nations}
        return self._nation[state]

    def available(self, offset: int) -> list[Issue]:
        """The issues cards of this day may mention."""
        if len(self._days) != len(self.by_available):
            self._days = [i.available for i in self.by_available]
        return self.by_available[: bisect_right(self._days, offset)]

    def kinds(self, kind: str) -> list[Issue]:
        return [i for i in self.issues.values() if i.kind == kind]


def make_world(rng: random.Random, cards: int) -> World:
    """A world sized for `cards` cards: a few hundred actors, and issues enough that positions
    do not all collapse onto the same few nodes."""
    nations = _nations(rng)
    actors: dict[str, Actor] = {}
    offices: dict[str, Office] = {}
    terms: dict[tuple[str, str], Term] = {}
    for n in nations:
        for a in [n.state, *n.bodies.values(), *n.holders.values(), n.former_head, *n.advisers]:
            actors[a.key] = a
        for role, office in n.offices.items():
            offices[office.key] = office
            holder = n.holders[role]
            terms[(holder.key, office.key)] = Term(
                holder.key, office.key, day(-rng.randint(60, 3000))
            )
        head = n.offices["head"]
        start = -rng.randint(4400, 5800)
        terms[(n.former_head.key, head.key)] = Term(
            n.former_head.key, head.key, day(start), day(start + rng.randint(1400, 2900))
        )
    world = World(
        nations=nations,
        actors=actors,
        offices=offices,
        terms=terms,
        channels=[(f"channel/{k}", label) for k, label in N.CHANNELS],
        categories=[(f"weapon-category/{k}", label) for k, label in N.WEAPON_CATEGORIES],
        issues={},
    )
    used = world.used  # position IRIs keep only the last segment of the target's key
    _treaties(rng, world, used)
    _formats(rng, world, used, 20 + cards // 40)
    _proposals(rng, world, used, 25 + cards // 30)
    _policies(rng, world, used, 8 + cards // 200)
    _events(rng, world, used, 10 + cards // 100)
    world.by_available = sorted(world.issues.values(), key=lambda i: (i.available, i.key))
    return world


def _unique(used: set[str], base: str) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


_BODIES = (
    ("foreign", "{key}-foreign-ministry", "{name} Foreign Ministry"),
    ("presidency", "{key}-presidency", "Presidential Office of {name}"),
    ("defence", "{key}-defence-ministry", "{name} Defence Ministry"),
)
# role, key, label, the body the office is a post in (None: the state itself)
_OFFICES = (
    ("head", "{key}-president", "President of {name}", None),
    ("foreign", "{key}-foreign-minister", "Foreign Minister of {name}", "foreign"),
    (
        "spokesperson",
        "{key}-presidential-spokesperson",
        "Spokesperson of the President of {name}",
        "presidency",
    ),
    ("defence", "{key}-defence-minister", "Defence Minister of {name}", "defence"),
    ("envoy", "{key}-arms-control-envoy", "Arms Control Envoy of {name}", "foreign"),
)


def _nations(rng: random.Random) -> list[Nation]:
    heads, tails = list(N.STATE_HEADS), list(N.STATE_TAILS)
    pairs = [(h, t) for h in heads for t in tails]
    rng.shuffle(pairs)
    people = [(f, la) for f in N.FIRST_NAMES for la in N.LAST_NAMES]
    rng.shuffle(people)
    nations = []
    for i in range(STATES):
        name = pairs[i][0] + pairs[i][1]
        key = N.slug(name)
        state = Actor(key, name, "state", key)
        bodies = {
            role: Actor(k.format(key=key), label.format(name=name), "organisation", key, key)
            for role, k, label in _BODIES
        }
        offices = {
            role: Office(
                "office/" + k.format(key=key),
                label.format(name=name),
                bodies[body].key if body else key,
                role,
            )
            for role, k, label, body in _OFFICES
        }
        persons = []
        for _ in range(len(ROLES) + 1 + 2):
            first, last = people.pop()
            persons.append(Actor(N.slug(f"{first} {last}"), f"{first} {last}", "person", key))
        holders = dict(zip(ROLES, persons, strict=False))
        nations.append(
            Nation(state, bodies, offices, holders, persons[len(ROLES)], persons[len(ROLES) + 1 :])
        )
    return nations


def _add(world: World, issue: Issue) -> Issue:
    world.issues[issue.key] = issue
    return issue


def _treaties(rng: random.Random, world: World, used: set[str]) -> None:
    topics = list(N.TOPICS)
    rng.shuffle(topics)
    categories = [k for k, _ in world.categories]
    for t in range(6):
        topic_slug, topic = topics[t]
        label = f"Treaty on the Limitation of {topic[0].upper()}{topic[1:]}"
        short = "".join(w[0].upper() for w in label.split() if w not in _SMALL_WORDS)
        key = "treaty/" + _unique(used, f"{topic_slug}-treaty")
        parties = tuple(n.state.key for n in rng.sample(world.nations, rng.randint(2, 3)))
        signed = -rng.randint(4000, 5500)
        in_force = signed + rng.randint(120, 400)
        lifecycle: list[tuple[str, int, dict[str, str | tuple[str, ...]]]] = []
        heads = tuple(world.nation(p).former_head.key for p in parties)
        place = rng.choice(N.CITIES)
        lifecycle.append(("signature", signed, {"place": place, "signatories": heads}))
        lifecycle.append(("entry-into-force", in_force, {}))
        end = in_force + 3650
        if rng.random() < 0.6:
            extended = end - rng.randint(10, 90)
            new_end = end + 5 * 365
            agreed = tuple(world.nation(p).holders["head"].key for p in parties)
            lifecycle.append(
                (
                    "extension",
                    extended,
                    {
                        "extension-length": "P5Y",
                        "extended-until": day(new_end),
                        "agreed-by": agreed,
                    },
                )
            )
            end = new_end
        if rng.random() < 0.5:
            lifecycle.append(
                ("suspension", rng.randint(in_force + 400, end - 30), {"declared-by": parties[-1]})
            )
        lifecycle.append(("expiry", end, {}))
        events = []
        for kind, when, extra in lifecycle:
            event_key = "event/" + _unique(used, f"{topic_slug}-treaty-{kind}")
            event_label = f"{kind.replace('-', ' ').capitalize()} of the {short}"
            _add(
                world,
                Issue(
                    event_key,
                    "treaty-event",
                    event_label,
                    f"The {kind.replace('-', ' ')} of the {label}.",
                    parties,
                    max(when, -400),
                    date=day(when),
                    event_kind=kind,
                    treaty=key,
                    extra=extra,
                ),
            )
            events.append(event_key)
        limits = []
        for category in rng.sample(categories, rng.randint(2, 3)):
            maximum = rng.choice((100, 150, 400, 550, 700, 800, 1200, 1550, 2000))
            cat_label = dict(world.categories)[category]
            limits.append(
                Limit(
                    f"limit/{key.split('/')[1]}/{category.split('/')[1]}",
                    key,
                    category,
                    maximum,
                    f"{short}: {maximum:,} {cat_label}",
                )
            )
        _add(
            world,
            Issue(
                key,
                "treaty",
                label,
                f"A treaty between {_and(world, parties)} that limits {topic}.",
                parties,
                -5000,
                in_registry=True,
                participants=parties,
                short_name=short,
                limits=tuple(limits),
                events=tuple(events),
            ),
        )


def _and(world: World, keys: tuple[str, ...]) -> str:
    labels = [world.actors[k].label for k in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _formats(rng: random.Random, world: World, used: set[str], count: int) -> None:
    treaties = world.kinds("treaty")
    for _ in range(count):
        members = rng.sample(world.nations, rng.randint(2, 3))
        parties = tuple(n.state.key for n in members)
        topic_slug, topic = rng.choice(N.TOPICS)
        names = "-".join(world.actors[p].label for p in parties)
        requires: tuple[str, ...] = ()
        if rng.random() < 0.3:
            others = [n for n in world.nations if n.state.key not in parties]
            requires = (rng.choice(others).state.key,)
        key = "format/" + _unique(used, f"{'-'.join(parties)}-{topic_slug}-talks")
        label = f"{names} talks on {topic}"
        if requires:
            label += f" with {world.actors[requires[0]].label}"
        proposer = (rng.choice(members).holders["head"].key,) if rng.random() < 0.6 else ()
        concerns = (rng.choice(treaties).key,) if rng.random() < 0.4 else ()
        _add(
            world,
            Issue(
                key,
                "format",
                label,
                f"Negotiations between {_and(world, parties + requires)} on {topic}.",
                parties + requires,
                rng.randint(-400, SPAN_DAYS - 30),
                in_registry=rng.random() < 0.5,
                proposed_by=proposer,
                participants=parties,
                requires=requires,
                concerns=concerns,
            ),
        )


def _proposals(rng: random.Random, world: World, used: set[str], count: int) -> None:
    targets = world.kinds("treaty") + world.kinds("format")
    for _ in range(count):
        nation = rng.choice(world.nations)
        kind_slug, kind = rng.choice(N.PROPOSAL_KINDS)
        topic_slug, topic = rng.choice(N.TOPICS)
        key = "proposal/" + _unique(used, f"{nation.state.key}-{kind_slug}-{topic_slug}-proposal")
        when = rng.randint(-365, SPAN_DAYS - 30)
        proposer = nation.holders[rng.choice(("head", "head", "foreign"))].key
        concern = rng.choice(targets) if rng.random() < 0.7 else None
        states = (nation.state.key, *(concern.states if concern else ()))
        _add(
            world,
            Issue(
                key,
                "proposal",
                f"{nation.state.label}'s proposal for {kind} {topic}",
                f"{world.actors[proposer].label} proposed {kind} {topic}.",
                tuple(dict.fromkeys(states)),
                when,
                in_registry=rng.random() < 0.5,
                proposed_by=(proposer,),
                proposed_on=day(when),
                concerns=(concern.key,) if concern else (),
            ),
        )


def _policies(rng: random.Random, world: World, used: set[str], count: int) -> None:
    for _ in range(count):
        nation = rng.choice(world.nations)
        kind_slug, kind = rng.choice(N.POLICY_KINDS)
        key = "policy/" + _unique(used, f"{nation.state.key}-{kind_slug}-policy")
        _add(
            world,
            Issue(
                key,
                "policy",
                f"{nation.state.label}'s policy of {kind}",
                f"{nation.state.label} declares a policy of {kind}.",
                (nation.state.key,),
                rng.randint(-400, SPAN_DAYS - 60),
            ),
        )


def _events(rng: random.Random, world: World, used: set[str], count: int) -> None:
    for _ in range(count):
        members = tuple(n.state.key for n in rng.sample(world.nations, 2))
        when = rng.randint(-200, SPAN_DAYS - 20)
        if rng.random() < 0.5:
            city = rng.choice(N.CITIES)
            key = "event/" + _unique(used, f"{members[0]}-{members[1]}-summit-{N.slug(city)}")
            label = f"{_and(world, members)} summit in {city}"
            description = f"A meeting of the leaders of {_and(world, members)} in {city}."
        else:
            _, topic = rng.choice(N.TOPICS)
            key = "event/" + _unique(used, f"{members[0]}-missile-test-{when + 1000}")
            label = f"Missile test by {world.actors[members[0]].label} ({day(when)})"
            description = (
                f"A missile test by {world.actors[members[0]].label}, seen as touching on {topic}."
            )
            members = members[:1]
        _add(
            world,
            Issue(key, "event", label, description, members, when, date=day(when)),
        )
