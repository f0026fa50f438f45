"""The timeline: for one issue (or one actor), each holder's (or issue's) positions over time.

A lane per holder of a position on the issue (per issue, for an actor); in each lane a bar
per position, from the day it is known to be held (`since`) to the day it ends: its `until`,
else the day a later position superseded it, else open (drawn to the end of the axis); and
a point per dated statement that evidences it. Superseded positions stay, marked: the United
States supports the one-year limits from 2025-10-05 and rejects them from 2026-02-05.
"""

from dataclasses import dataclass, replace

from kg.errors import KgError
from kg.export.stance_table import Position, StanceTable


@dataclass(frozen=True)
class Bar:
    position: Position
    start: str
    """'' for an undated position (drawn across the lane, dashed)."""
    end: str
    """'' while it is open."""
    track: int = 0
    """Its track within the lane: positions held at the same time go on tracks of their own."""


@dataclass(frozen=True)
class Lane:
    id: str
    label: str
    bars: list[Bar]
    points: list[tuple[str, Position, str]]
    """(day, position, statement) for each dated statement of the lane's positions."""
    tracks: int = 1


@dataclass(frozen=True)
class Timeline:
    focus: str
    focus_label: str
    by: str
    """"issue" (lanes are holders) or "actor" (lanes are issues)."""
    lanes: list[Lane]
    first: str
    last: str


def end_of(position: Position, table: StanceTable) -> str:
    """The last day a position is held: its until, else the day a later position begins
    (the earliest, if several), else '' (still held, as far as the record goes)."""
    if position.until:
        return position.until
    later = [table.positions[p].since for p in position.superseded_by if p in table.positions]
    return min((d for d in later if d), default="")


BOTH_GIVEN = "give either --target (an issue) or --holder (an actor), not both"


def timelines(table: StanceTable, target: str = "", holder: str = "") -> list[Timeline]:
    """The timeline of `target`, or of `holder`, or of every issue someone holds a position on."""
    if target and holder:
        raise KgError(BOTH_GIVEN)
    issues = {i.id: i for i in table.issues}
    actors = {a.id: a for a in table.actors}
    if holder:
        if holder not in actors:
            raise KgError(
                f"{holder!r} holds no position; `kg ids actors` lists the actors (as id:russia)"
            )
        return [_timeline(table, holder, actors[holder].label, "actor")]
    if target:
        if target not in issues:
            raise KgError(
                f"{target!r} is no issue of who-supports-which-format; `kg ids issues` lists "
                "them (as format:us-russia-talks)"
            )
        return [_timeline(table, target, issues[target].label, "issue")]
    held_on = {p.target for p in table.positions.values()}
    return [_timeline(table, i.id, i.label, "issue") for i in table.issues if i.id in held_on]


def _timeline(table: StanceTable, focus: str, label: str, by: str) -> Timeline:
    lanes: dict[str, list[Position]] = {}
    names: dict[str, str] = {}
    if by == "issue":
        for actor in table.actors:
            names[actor.id] = actor.label
        for position in table.positions.values():
            if position.target == focus:
                for holder in position.holders:
                    lanes.setdefault(holder, []).append(position)
        order = [a.id for a in table.actors if a.id in lanes]
    else:
        for issue in table.issues:
            names[issue.id] = issue.label
        for position in table.positions.values():
            if focus in position.holders:
                lanes.setdefault(position.target, []).append(position)
        order = [i.id for i in table.issues if i.id in lanes]
    built = []
    days: set[str] = set()
    for lane in order:
        positions = sorted(lanes[lane], key=lambda p: (p.since or "0000", p.id))
        bars = _stack([Bar(p, p.since, end_of(p, table)) for p in positions])
        points = sorted(
            {
                (e.date, p.id, e.statement): (e.date, p, e.statement)
                for p in positions
                for e in p.evidence
                if e.date
            }.values(),
            key=lambda t: (t[0], t[1].id, t[2]),
        )
        days |= {d for b in bars for d in (b.start, b.end) if d} | {d for d, _, _ in points}
        tracks = max((b.track for b in bars), default=0) + 1
        built.append(Lane(lane, names.get(lane, lane), bars, points, tracks))
    ordered = sorted(days)
    return Timeline(
        focus, label, by, built, ordered[0] if ordered else "", ordered[-1] if ordered else ""
    )


def _stack(bars: list[Bar]) -> list[Bar]:
    """Each bar, earliest first, on the first track free by its first day (a track is free
    from the day its last bar ends); an undated bar begins before every day."""
    ends: list[str] = []
    stacked = []
    for bar in bars:
        start = bar.start or "0000"
        track = next((i for i, end in enumerate(ends) if end <= start), len(ends))
        if track == len(ends):
            ends.append("")
        ends[track] = bar.end or "9999"
        stacked.append(replace(bar, track=track))
    return stacked
