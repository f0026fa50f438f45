"""The stance matrix as a static SVG, for reports and papers: a row per actor under its state,
a column per issue, each cell coloured by its stance and printed with its code and marks."""

from kg.export import svg
from kg.export.matrix import NO_STATE, Matrix, cell_codes, cell_text
from kg.export.palette import MARKS, code, fill, ink
from kg.export.stance_table import StanceTable

CELL_W = 54
CELL_H = 20
GROUP_H = 20
HEADER_LIMIT = 48
"""Issue labels longer than this are cut (with …) in the header; the tooltip has them whole."""


def render(matrix: Matrix, table: StanceTable) -> bytes:
    label_w = max([svg.text_width(a.label) + 30 for a in matrix.actors] + [160])
    headers = [_cut(i.label) for i in matrix.issues]
    header_h = max([svg.text_width(h) * 0.72 + 20 for h in headers] + [60])
    top = 40 + header_h
    body: list[str] = []
    when = f"as of {matrix.as_of}" if matrix.as_of else "current positions"
    body.append(
        svg.text(f"Who stands where ({when})", x=10, y=22, font_size=15, font_weight="bold")
    )
    for column, (issue, header) in enumerate(zip(matrix.issues, headers, strict=True)):
        x = label_w + column * CELL_W + CELL_W / 2
        body.append(
            f'<g class="issue"{svg.attrs(data_issue=issue.id)}>{svg.title(issue.label)}'
            + svg.text(header, x=x, y=top - 6, transform=f"rotate(-45 {x} {top - 6})")
            + "</g>"
        )
    y = top
    headed = None
    for actor in matrix.actors:
        group = matrix.group(actor)
        if actor.state == actor.id:
            headed = group  # a state's own row heads its group
        if group != headed:
            headed = group
            width = label_w + len(matrix.issues) * CELL_W
            body.append(f'<rect x="0" y="{y}" width="{width}" height="{GROUP_H}" fill="#eeeeee"/>')
            body.append(svg.text(group, x=6, y=y + 14, font_weight="bold", class_="group"))
            y += GROUP_H
        indent = 10 if actor.state == actor.id or group == NO_STATE else 22
        body.append(svg.text(actor.label, x=indent, y=y + 14, class_="actor", data_actor=actor.id))
        for column, issue in enumerate(matrix.issues):
            body.append(_cell(matrix, actor.id, issue.id, label_w + column * CELL_W, y))
        y += CELL_H
    body.extend(_legend(table, 10, y + 24))
    width = label_w + len(matrix.issues) * CELL_W + 20
    return svg.document(max(width, 720), y + 24 + 20 * 8, body, f"Stance matrix, {when}")


def _cut(label: str) -> str:
    return label if len(label) <= HEADER_LIMIT else label[: HEADER_LIMIT - 1] + "\u2026"


def _cell(matrix: Matrix, actor: str, issue: str, x: float, y: float) -> str:
    positions = matrix.cells.get((actor, issue), [])
    outline = (
        f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="none" stroke="#dddddd"/>'
    )
    if not positions:
        return outline
    parts = [f'<g class="cell"{svg.attrs(data_actor=actor, data_issue=issue)}>']
    parts.append(svg.title("\n".join(cell_text(p) for p in positions)))
    width = CELL_W / len(positions)
    for index, (position, words) in enumerate(
        zip(positions, cell_codes(matrix, actor, issue), strict=True)
    ):
        colour = fill(position.stance, position.polarity)
        left = x + index * width
        parts.append(
            f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="{CELL_H}"'
            f"{svg.attrs(fill=colour, stroke='#ffffff', data_position=position.id)}/>"
        )
        parts.append(
            svg.text(
                words,
                x=round(left + width / 2, 1),
                y=y + 14,
                text_anchor="middle",
                fill=ink(colour),
                font_size=10 if len(positions) == 1 else 8,
                class_="code",
            )
        )
    parts.append("</g>")
    return outline + "".join(parts)


def _legend(table: StanceTable, x: float, y: float) -> list[str]:
    """Every stance of the scheme with its colour and code, and the marks."""
    items = []
    for index, (stance, label, polarity) in enumerate(table.stances):
        column, row = divmod(index, 5)
        left, top = x + column * 230, y + row * 20
        colour = fill(stance, polarity)
        items.append(
            f'<rect x="{left}" y="{top}" width="{CELL_W}" height="16"{svg.attrs(fill=colour)}/>'
        )
        items.append(
            svg.text(
                code(stance, label, polarity),
                x=left + CELL_W / 2,
                y=top + 12,
                text_anchor="middle",
                fill=ink(colour),
                font_size=10,
            )
        )
        items.append(svg.text(f"{label} ({polarity})", x=left + CELL_W + 6, y=top + 12))
    marks_x = x + 2 * 230 + 10
    for row, (letter, meaning) in enumerate(MARKS.values()):
        items.append(svg.text(f"{letter}  {meaning}", x=marks_x, y=y + row * 20 + 12))
    return items
