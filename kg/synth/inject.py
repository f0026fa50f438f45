"""Known errors put into a synthetic corpus, each of one kind, each in its own card.

Compile-level kinds change a field of an existing entry, so the compiler reports exactly one
error at a known line. Shape-level kinds add new entries whose nodes no other card describes
(a position of a holder on a target nobody else gives, a fresh treaty, event, format or
office term), so the shapes report exactly the predicted violations and nothing else.

Not expressible in a card, hence not offered: a position that supersedes one of another
holder or target (the card gives only the earlier stance; the compiler derives the earlier
position from the same holders and target).
"""

import datetime
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.errors import KgError
from kg.namespaces import ID, shorten
from kg.synth.corpus import Corpus, HistoryKey
from kg.synth.doc import CardDoc, Entry, Flow, Text, Value
from kg.synth.manifest import COMPILE, SHAPE, Injection
from kg.synth.world import World


@dataclass
class _Planted:
    """An injected error before rendering: the entry (and field) the report will point to."""

    entry: Entry
    field: str | None  # None: the entry itself
    message: str
    focus: str | None = None
    violations: int = 0
    at_key: bool = False  # point to the field's key rather than its value


@dataclass
class _Context:
    rng: random.Random
    world: World
    corpus: Corpus
    taken: set[HistoryKey] = field(default_factory=set)
    terms: set[tuple[str, str]] = field(default_factory=set)

    def fresh(self, base: str) -> str:
        """A key segment no issue of the world uses."""
        candidate, n = base, 1
        while candidate in self.world.used:
            n += 1
            candidate = f"{base}-{n}"
        self.world.used.add(candidate)
        return candidate

    def state(self) -> str:
        return self.rng.choice(self.world.nations).state.key

    def untouched(self, holder: str) -> str:
        """A target on which `holder` alone has no position anywhere in the corpus."""
        issues = list(self.world.issues.values())
        start = self.rng.randrange(len(issues))
        for i in range(len(issues)):
            issue = issues[(start + i) % len(issues)]
            key = ((holder,), issue.key)
            if key not in self.corpus.history and key not in self.taken:
                self.taken.add(key)
                return issue.key
        raise KgError(f"no target left on which {holder} has no position; use fewer errors")


Plant = Callable[[_Context, CardDoc], _Planted]


@dataclass(frozen=True)
class ErrorKind:
    level: str  # COMPILE or SHAPE
    doc: str
    plant: Plant


def _statement(doc: CardDoc) -> Entry:
    return doc.sections["statements"][0]


def _source(doc: CardDoc) -> Entry:
    return doc.sections["source"][0]


def _misspelt(key: str, known: Mapping[str, object]) -> str:
    middle = len(key) // 2
    bad = key[:middle] + key[middle + 1 :]
    return bad if bad not in known else bad + "x"


def _plus_days(date: str, days: int) -> str:
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()


# -- compile-level ---------------------------------------------------------------------------


def _unknown_actor(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = _statement(doc)
    bad = _misspelt(str(entry.fields["speaker"]), ctx.world.actors)
    entry.fields["speaker"] = bad
    return _Planted(entry, "speaker", f"unknown actor '{bad}'")


def _unknown_stance(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = doc.sections["positions"][0]
    bad = str(entry.fields["stance"])[:-1]
    entry.fields["stance"] = bad
    return _Planted(entry, "stance", f"unknown stance '{bad}'")


def _malformed_date(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = _source(doc)
    year, month, day = str(entry.fields["date"]).split("-")
    bad = f"{day}.{month}.{year}"
    entry.fields["date"] = bad
    return _Planted(entry, "date", f"malformed date '{bad}'")


def _impossible_date(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = _statement(doc)
    bad = str(entry.fields["date"])[:4] + "-02-30"
    entry.fields["date"] = bad
    return _Planted(entry, "date", f"impossible date '{bad}'")


def _missing_quote(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = _statement(doc)
    entry.fields.pop("quote", None)
    entry.fields.pop("reported-wording", None)
    return _Planted(entry, None, f"statement '{entry.key}' has no words")


def _unknown_field(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = _source(doc)
    entry.fields = {("publsher" if k == "publisher" else k): v for k, v in entry.fields.items()}
    return _Planted(entry, "publsher", "unknown field 'publsher'", at_key=True)


def _unknown_issue(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = doc.sections["positions"][0]
    bad = str(entry.fields["target"]) + "-talkz"
    entry.fields["target"] = bad
    return _Planted(entry, "target", f"unknown treaty, proposal, format, policy or event '{bad}'")


# -- shape-level -----------------------------------------------------------------------------


def _statement_after_source(ctx: _Context, doc: CardDoc) -> _Planted:
    entry = _statement(doc)
    entry.fields["date"] = _plus_days(str(_source(doc).fields["date"]), ctx.rng.randint(1, 30))
    focus = shorten(ID[f"statement/{doc.name}/{entry.key}"])
    return _Planted(entry, None, "a statement dated after its source", focus, 1)


def _new_position(ctx: _Context, doc: CardDoc, stance: str, **more: Value) -> _Planted:
    holder = ctx.state()
    target = ctx.untouched(holder)
    fields: dict[str, Value] = {"holder": holder, "stance": stance, "target": target, **more}
    fields["evidence"] = str(_statement(doc).key)
    entry = Entry(fields)
    doc.section("positions").append(entry)
    focus = shorten(ID[f"position/{holder}/{stance}/{target.rsplit('/', 1)[-1]}"])
    return _Planted(entry, None, "", focus, 1)


def _condition_on_unconditional(ctx: _Context, doc: CardDoc) -> _Planted:
    condition = Entry(
        {
            "key": "injected-condition",
            "label": Text("An injected condition"),
            "description": Text("A condition on a position that is not conditional."),
            "requires-action-of": ctx.state(),
        }
    )
    planted = _new_position(ctx, doc, "supports", condition=condition)
    planted.message = "a condition on a position that supports without condition"
    return planted


def _conditional_without_condition(ctx: _Context, doc: CardDoc) -> _Planted:
    """A card must name the condition of its conditional position (issue 15): the compiler
    stops it, so that it cannot pass on a condition that another card happens to give."""
    planted = _new_position(ctx, doc, "conditionally-supports")
    return _Planted(
        planted.entry,
        None,
        "this position conditionally supports its target but names no condition",
    )


def _until_before_since(ctx: _Context, doc: CardDoc) -> _Planted:
    since = str(_source(doc).fields["date"])
    planted = _new_position(
        ctx, doc, "commits-to", since=since, until=_plus_days(since, -ctx.rng.randint(1, 90))
    )
    planted.message = "a position that ends before it starts"
    return planted


def _supersedes_missing_earlier(ctx: _Context, doc: CardDoc) -> _Planted:
    planted = _new_position(ctx, doc, "opposes", supersedes="supports")
    planted.message = "a position that supersedes an earlier one no card gives"
    planted.violations = 2  # not a position (sh:class), and not of the same holder and target
    return planted


def _treaty_dates_out_of_order(ctx: _Context, doc: CardDoc) -> _Planted:
    name = ctx.fresh("injected-accord")
    treaty = f"treaty/{name}"
    entry = Entry(
        {
            "label": Text(f"Injected Accord {name.rsplit('-', 1)[-1]}"),
            "parties": Flow(tuple(n.state.key for n in ctx.rng.sample(ctx.world.nations, 2))),
        },
        key=treaty,
    )
    doc.section("treaties").append(entry)
    signed = str(_source(doc).fields["date"])
    for kind, date in (("signature", signed), ("expiry", _plus_days(signed, -400))):
        event = Entry(
            {
                "kind": kind,
                "treaty": treaty,
                "label": Text(f"{kind.capitalize()} of the injected accord {name}"),
                "date": date,
            },
            key=f"event/{ctx.fresh(f'{name}-{kind}')}",
        )
        doc.section("treaty-events").append(event)
    return _Planted(
        entry, None, "a treaty that expires before it is signed", shorten(ID[treaty]), 1
    )


def _year_day_mismatch(ctx: _Context, doc: CardDoc) -> _Planted:
    key = f"event/{ctx.fresh('injected-event')}"
    date = str(_source(doc).fields["date"])
    entry = Entry(
        {
            "label": Text(f"Injected event {key.rsplit('/', 1)[-1]}"),
            "date": date,
            "year": str(int(date[:4]) - 1),
        },
        key=key,
    )
    doc.section("events").append(entry)
    return _Planted(entry, None, "an event whose year and day disagree", shorten(ID[key]), 1)


def _office_pair(ctx: _Context) -> tuple[str, str]:
    """A person and an office no office term links, in the world or another injection."""
    for _ in range(100 * len(ctx.world.nations)):
        nation = ctx.rng.choice(ctx.world.nations)
        person_role, office_role = ctx.rng.sample(list(nation.offices), 2)
        pair = (nation.holders[person_role].key, nation.offices[office_role].key)
        if pair not in ctx.world.terms and pair not in ctx.terms:
            ctx.terms.add(pair)
            return pair
    raise KgError("no person and office left that no term links; use fewer errors")


def _speaker_without_office(ctx: _Context, doc: CardDoc) -> _Planted:
    speaker, office = _office_pair(ctx)
    statements = doc.sections["statements"]
    key = "injected-statement"
    entry = Entry(
        {
            "speaker": speaker,
            "on-behalf-of": ctx.world.actors[speaker].state,
            "office": office.removeprefix("office/"),
            "quote": Text("These words were spoken in an office the speaker never held"),
        },
        key=key,
    )
    statements.append(entry)
    focus = shorten(ID[f"statement/{doc.name}/{key}"])
    return _Planted(entry, None, "a statement in an office no term gives", focus, 1)


def _term_end_before_start(ctx: _Context, doc: CardDoc) -> _Planted:
    holder, office = _office_pair(ctx)
    entry = Entry(
        {
            "holder": holder,
            "office": office.removeprefix("office/"),
            "start": "2023-05-01",
            "end": "2022-05-01",
        }
    )
    doc.section("office-terms").append(entry)
    focus = shorten(ID[f"term/{holder}/{office.rsplit('/', 1)[-1]}"])
    return _Planted(entry, None, "an office term that ends before it starts", focus, 1)


def _format_one_participant(ctx: _Context, doc: CardDoc) -> _Planted:
    key = f"format/{ctx.fresh('injected-talks')}"
    entry = Entry(
        {"label": Text(f"Injected talks {key.rsplit('/', 1)[-1]}"), "participants": ctx.state()},
        key=key,
    )
    doc.section("formats").append(entry)
    return _Planted(entry, None, "a negotiation format with one participant", shorten(ID[key]), 1)


ERROR_KINDS: dict[str, ErrorKind] = {
    "unknown-actor": ErrorKind(
        COMPILE, "a statement's speaker is not in the registry", _unknown_actor
    ),
    "unknown-stance": ErrorKind(
        COMPILE, "a position's stance is not in the scheme", _unknown_stance
    ),
    "malformed-date": ErrorKind(COMPILE, "the source date is not YYYY-MM-DD", _malformed_date),
    "impossible-date": ErrorKind(COMPILE, "a statement is dated 30 February", _impossible_date),
    "missing-quote": ErrorKind(
        COMPILE, "a statement has neither quote nor wording", _missing_quote
    ),
    "unknown-field": ErrorKind(COMPILE, "the source has a misspelt field", _unknown_field),
    "unknown-issue": ErrorKind(COMPILE, "a position's target is not known", _unknown_issue),
    "statement-after-source": ErrorKind(
        SHAPE, "a statement is dated after its source", _statement_after_source
    ),
    "condition-on-unconditional": ErrorKind(
        SHAPE, "a 'supports' position names a condition", _condition_on_unconditional
    ),
    "conditional-without-condition": ErrorKind(
        COMPILE, "a conditional position names no condition", _conditional_without_condition
    ),
    "until-before-since": ErrorKind(SHAPE, "a position ends before it starts", _until_before_since),
    "supersedes-missing-earlier": ErrorKind(
        SHAPE, "a position supersedes a stance never held", _supersedes_missing_earlier
    ),
    "treaty-dates-out-of-order": ErrorKind(
        SHAPE, "a treaty expires before it is signed", _treaty_dates_out_of_order
    ),
    "year-day-mismatch": ErrorKind(SHAPE, "an event's year and day disagree", _year_day_mismatch),
    "speaker-without-office": ErrorKind(
        SHAPE, "a speaker speaks in an office no term gives", _speaker_without_office
    ),
    "term-end-before-start": ErrorKind(
        SHAPE, "an office term ends before it starts", _term_end_before_start
    ),
    "format-one-participant": ErrorKind(
        SHAPE, "a negotiation format has one participant", _format_one_participant
    ),
}
"""Every kind of error `synth_project` can inject, with its level (compile or shape)."""


def parse_error_counts(items: Sequence[str]) -> dict[str, int]:
    """`kind=count` items, as given on the command line, as a mapping (counts add up)."""
    counts: dict[str, int] = {}
    for item in items:
        kind, sep, count = item.partition("=")
        if not sep or not count.strip().isdigit():
            raise KgError(
                f"write an error request as KIND=COUNT, such as unknown-actor=3, not {item!r}"
            )
        counts[kind.strip()] = counts.get(kind.strip(), 0) + int(count)
    return counts


def check_errors(errors: Mapping[str, int] | None, cards: int) -> dict[str, int]:
    """The requested errors in the order of ERROR_KINDS; refuses unknown kinds, negative
    counts, and more errors than cards (each error goes into a card of its own)."""
    requested = dict(errors or {})
    if unknown := sorted(set(requested) - set(ERROR_KINDS)):
        raise KgError(f"unknown error kind {unknown[0]!r}; the kinds are: {', '.join(ERROR_KINDS)}")
    if negative := sorted(k for k, n in requested.items() if n < 0):
        raise KgError(f"the number of {negative[0]!r} errors must be 0 or more")
    total = sum(requested.values())
    if total > cards:
        raise KgError(
            f"{total} errors need {total} cards (one error per card), but only {cards} are made"
        )
    return {kind: requested[kind] for kind in ERROR_KINDS if requested.get(kind)}


@dataclass(frozen=True)
class Pending:
    """An injection waiting for the card to be written, which fixes its line."""

    kind: str
    doc: CardDoc
    planted: _Planted

    def injection(self) -> Injection:
        entry, name = self.planted.entry, self.planted.field
        if name is None:
            line, column = entry.line, entry.column
        else:
            line, column = entry.at[name]
            if self.planted.at_key:
                column -= len(name) + 2
        return Injection(
            kind=self.kind,
            level=ERROR_KINDS[self.kind].level,
            card=f"sources/{self.doc.name}.yaml",
            line=line,
            column=column,
            message=self.planted.message,
            focus=self.planted.focus,
            violations=self.planted.violations,
        )


def inject(
    rng: random.Random, world: World, corpus: Corpus, errors: Mapping[str, int]
) -> list[Pending]:
    """Put the errors into distinct cards, chosen at random; call `.injection()` on each
    result once the cards are rendered."""
    ctx = _Context(rng, world, corpus)
    total = sum(errors.values())
    cards = rng.sample(range(len(corpus.docs)), total)
    pending = []
    for kind, count in errors.items():
        for _ in range(count):
            doc = corpus.docs[cards.pop()]
            pending.append(Pending(kind, doc, ERROR_KINDS[kind].plant(ctx, doc)))
    return pending
