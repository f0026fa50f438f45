"""The timeline as a static SVG: one panel per issue (or the one issue or actor asked for),
a lane per holder, a bar per position from its first to its last day, a point per dated
statement, superseded positions hatched and named as such."""

from collections.abc import Callable

from kg.export import svg
from kg.export.matrix import marks
from kg.export.palette import code, fill, ink
from kg.export.timeline import Bar, Timeline

AXIS_W = 760
LANE_H = 26
TRACK_H = 22
"""A lane grows by this for each position held beside another (kg.export.timeline)."""
GAP = 34


def render(timelines: list[Timeline]) -> bytes:
    label_w = max([svg.text_width(lane.label) + 20 for t in timelines for lane in t.lanes] + [160])
    body = [
        '<defs><pattern id="superseded" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#ffffff" '
        'fill-opacity="0.55"/></pattern></defs>'
    ]
    y = 10.0
    for timeline in timelines:
        y = _panel(timeline, body, label_w, y) + GAP
    heading = f"Timeline of {timelines[0].focus_label}" if len(timelines) == 1 else "Timelines"
    return svg.document(label_w + AXIS_W + 40, y, body, heading)


def _panel(timeline: Timeline, body: list[str], label_w: float, y: float) -> float:
    """Draw one timeline from `y` down; return where it ends."""
    first = svg.day_number(timeline.first) if timeline.first else 0
    last = svg.day_number(timeline.last) if timeline.last else first
    span = max(last - first, 1)

    def x_of(day: str) -> float:
        return label_w + 10 + (svg.day_number(day) - first) / span * (AXIS_W - 20)

    kind = "issue" if timeline.by == "issue" else "actor"
    body.append(f'<g class="timeline"{svg.attrs(data_focus=timeline.focus, data_by=kind)}>')
    body.append(svg.text(timeline.focus_label, x=10, y=y + 16, font_size=14, font_weight="bold"))
    y += 28
    end_x = label_w + AXIS_W
    for lane in timeline.lanes:
        body.append(f'<g class="lane"{svg.attrs(data_lane=lane.id)}>')
        body.append(
            f'<line x1="{label_w}" y1="{y + LANE_H / 2}" x2="{end_x}" '
            f'y2="{y + LANE_H / 2}" stroke="#e0e0e0"/>'
        )
        body.append(svg.text(lane.label, x=10, y=y + 17, class_="lane-label"))
        track_of = {bar.position.id: bar.track for bar in lane.bars}
        for bar in lane.bars:
            body.append(_bar(bar, x_of, label_w + 10, end_x - 10, y + bar.track * TRACK_H))
        for day, position, statement in lane.points:
            middle = y + track_of.get(position.id, 0) * TRACK_H + LANE_H / 2
            body.append(
                f"<circle{svg.attrs(cx=round(x_of(day), 1), cy=middle, r=3.5)}"
                f' fill="#000000" stroke="#ffffff" class="point">'
                f"{svg.title(f'{day}: {statement} ({position.stance_label})')}</circle>"
            )
        body.append("</g>")
        y += LANE_H + (lane.tracks - 1) * TRACK_H
    for day in (timeline.first, timeline.last):
        if day:
            body.append(
                svg.text(
                    day,
                    x=round(x_of(day), 1),
                    y=y + 14,
                    text_anchor="middle",
                    font_size=10,
                    fill="#555555",
                )
            )
    body.append("</g>")
    return y + 18


def _bar(bar: Bar, x_of: Callable[[str], float], left: float, right: float, y: float) -> str:
    position = bar.position
    start = x_of(bar.start) if bar.start else left
    end = x_of(bar.end) if bar.end else right
    width = max(end - start, 6)
    colour = fill(position.stance, position.polarity)
    superseded = bool(position.superseded_by)
    words = code(position.stance, position.stance_label, position.polarity)
    words += f" {marks(position)}" if marks(position) else ""
    label = position.stance_label + (" (superseded)" if superseded else "")
    label += f", {bar.start or 'undated'} to {bar.end or 'now'}"
    box = svg.attrs(x=round(start, 1), y=y + 4, width=round(width, 1), height=LANE_H - 8)
    state = svg.attrs(
        data_position=position.id,
        data_start=bar.start,
        data_end=bar.end,
        data_superseded=str(superseded).lower(),
    )
    undated = ' stroke="#333333" stroke-dasharray="4 2"' if not bar.start else ""
    parts = [
        f'<g class="bar"{state}>',
        svg.title(label),
        f"<rect{box}{svg.attrs(fill=colour)}{undated}/>",
    ]
    if superseded:
        parts.append(f'<rect{box} fill="url(#superseded)"/>')
    parts.append(
        svg.text(
            words + (" superseded" if superseded else ""),
            x=round(start + 4, 1),
            y=y + 17,
            fill=ink(colour),
            font_size=10,
        )
    )
    parts.append("</g>")
    return "".join(parts)
