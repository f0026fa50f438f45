"""The stance matrix: actors as rows (grouped under their state), issues as columns, each cell
the positions held there, on a day or now.

The cells are the rows of `who-supports-which-format` (kg.export.stance_table), placed by
holder and issue; this module decides only where each goes and how a cell reads as text. The
CSV is the matrix as a spreadsheet shows it; the SVG (kg.export.matrix_svg) and the HTML page
(kg.export.matrix_page) draw the same cells.
"""

import csv
import io
from dataclasses import dataclass

from kg.export.palette import MARKS, code
from kg.export.stance_table import Actor, Issue, Position, StanceTable
from kg.export.tables import cell as csv_cell

NO_STATE = "No state"
"""The group of actors that belong to no state (international organisations, NGOs)."""


@dataclass(frozen=True)
class Matrix:
    """The matrix on one day ('' for now): rows, columns and the positions in each cell."""

    as_of: str
    actors: list[Actor]
    issues: list[Issue]
    cells: dict[tuple[str, str], list[Position]]

    def group(self, actor: Actor) -> str:
        return actor.state_label or NO_STATE


def matrix(table: StanceTable, as_of: str = "") -> Matrix:
    """Every actor that holds a position (on any day) and every issue of the query, in the
    query's order of issues; the cells as of `as_of`."""
    return Matrix(as_of, table.actors, table.issues, table.cells(as_of))


def marks(position: Position) -> str:
    """The letters that follow a stance's code in a cell: c conditional, j joint, s superseded
    (the position replaced an earlier one, or a later one replaced it: the cell has a
    history)."""
    found = ""
    if position.conditional:
        found += MARKS["conditional"][0]
    if position.joint:
        found += MARKS["joint"][0]
    if position.supersedes or position.superseded_by:
        found += MARKS["superseded"][0]
    return found


def cell_codes(matrix: Matrix, actor: str, issue: str) -> list[str]:
    """What a cell prints: one code per position, with its marks (+CON c)."""
    return [
        (code(p.stance, p.stance_label, p.polarity) + " " + marks(p)).strip()
        for p in matrix.cells.get((actor, issue), [])
    ]


def cell_text(position: Position) -> str:
    """One position in words, as the CSV writes it."""
    words = position.stance_label
    if position.conditions:
        words += " (on condition: " + "; ".join(position.conditions) + ")"
    if position.joint:
        words += " (jointly: " + position.holder_label + ")"
    if position.since:
        words += f" since {position.since}"
    if position.until:
        words += f" until {position.until}"
    return words


def render_csv(matrix: Matrix) -> bytes:
    """The matrix for a spreadsheet: a row per actor (its state and kind first), a column per
    issue, each cell its positions in words joined with ' | '. Formula-like text is defused
    as in every CSV export (kg.export.tables)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = ["actor", "id", "state", "kind", *(i.label for i in matrix.issues)]
    writer.writerow([csv_cell(h) for h in header])
    writer.writerow(
        [csv_cell(v) for v in ["(issue id)", "", "", "", *(i.id for i in matrix.issues)]]
    )
    for actor in matrix.actors:
        cells = [
            " | ".join(cell_text(p) for p in matrix.cells.get((actor.id, i.id), []))
            for i in matrix.issues
        ]
        row = [actor.label, actor.id, matrix.group(actor), actor.kind, *cells]
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")
