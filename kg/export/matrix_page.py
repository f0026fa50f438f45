"""The matrix page: one self-contained HTML file with the stance matrix and the timeline.

As the stances page (kg.export.html) does, it keeps everything inside the file, forbids every
request with a Content-Security-Policy that names its one script by its SHA-256, and embeds
its data as JSON that no label can close (kg.script_json); the script writes every text with
textContent. The page holds every position with its dates and what superseded it, so that it
recomputes every cell for any as-of day in the browser, by the rule of
kg.export.stance_table.held.
"""

import html
import string
from typing import Any

from kg.export.inline import asset, csp_hash, inline_script
from kg.export.palette import MARKS, code, fill, ink
from kg.export.stance_table import Position, StanceTable
from kg.export.timeline import end_of
from kg.namespaces import ID
from kg.script_json import script_json

FIELDS = (
    "id",
    "h",
    "hl",
    "t",
    "s",
    "c",
    "since",
    "until",
    "end",
    "cur",
    "ls",
    "sb",
    "sp",
    "ec",
    "sc",
    "ev",
    "x",
)
"""A position's fields, in the order of its array in the page (arrays, not objects: the
names repeated for each of 7,000 positions were a quarter of the page)."""

PREFIX = "<" + str(ID)

TITLES = {
    "matrix": "Who stands where: the stance matrix",
    "timeline": "Who stood where, when: the timeline",
}


def page_data(
    table: StanceTable, view: str, as_of: str = "", target: str = "", holder: str = ""
) -> dict[str, Any]:
    """What the page's script reads: the stances, issues, actors and positions, by index."""
    stance_index = {s: i for i, (s, _, _) in enumerate(table.stances)}
    issue_index = {issue.id: i for i, issue in enumerate(table.issues)}
    actor_index = {actor.id: i for i, actor in enumerate(table.actors)}
    positions = list(table.positions.values())
    index = {p.id: i for i, p in enumerate(positions)}
    shared = _Shared()
    records = [
        _position(p, table, stance_index, issue_index, actor_index, index, shared)
        for p in positions
    ]
    return {
        "view": view,
        "asOf": as_of,
        "focus": target or holder,
        "rows": len(table.rows),
        "stances": [
            {
                "id": s,
                "label": label,
                "polarity": polarity,
                "fill": fill(s, polarity),
                "ink": ink(fill(s, polarity)),
                "code": code(s, label, polarity),
            }
            for s, label, polarity in table.stances
        ],
        "marks": [list(mark) for mark in MARKS.values()],
        "issues": [[i.id, i.label, i.kind] for i in table.issues],
        "actors": [[a.id, a.label, a.kind, a.state, a.state_label] for a in table.actors],
        "fields": list(FIELDS),
        "prefix": PREFIX,
        "positions": [[record.get(f) for f in FIELDS] for record in records],
        "statements": shared.statements.rows,
        "sources": shared.sources.rows,
        "texts": shared.texts.rows,
    }


class _Table:
    """Rows kept once and referred to by index: a statement or a source is evidence of many
    positions (at 2,000 cards the evidence written out in full made a 12 MB page)."""

    def __init__(self) -> None:
        self.rows: list[Any] = []
        self._index: dict[Any, int] = {}

    def ref(self, row: Any) -> int:
        key = tuple(row) if isinstance(row, list) else row
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(row)
        return self._index[key]


class _Shared:
    def __init__(self) -> None:
        self.statements = _Table()
        self.sources = _Table()
        self.texts = _Table()


def _position(
    position: Position,
    table: StanceTable,
    stances: dict[str, int],
    issues: dict[str, int],
    actors: dict[str, int],
    index: dict[str, int],
    shared: "_Shared",
) -> dict[str, Any]:
    known = table.positions
    stance = stances.get(position.stance, -1)
    record: dict[str, Any] = {
        "id": _pack(position.id),
        "h": [actors[h] for h in position.holders],
        "hl": position.holder_label,
        "t": issues[position.target],
        "s": stance,
        "c": position.conditions,
        "since": position.since,
        "until": position.until,
        "end": end_of(position, table),
        "cur": position.current,
        "ls": [known[p].since if p in known else "" for p in position.superseded_by],
        "sb": [index.get(p, -1) for p in position.superseded_by],
        "sp": [index.get(p, -1) for p in position.supersedes],
        "ec": position.evidence_count,
        "sc": position.source_count,
        # statement, source, date note, quotes, wording: indices into the shared tables
        "ev": [
            [
                shared.statements.ref([_pack(e.statement), e.speaker, e.date]),
                shared.sources.ref([e.source, e.source_url]),
                shared.texts.ref(e.date_note),
                shared.texts.ref(e.quotes),
                shared.texts.ref(e.wording),
            ]
            for e in position.evidence
        ],
    }
    if stance < 0:  # a stance outside the scheme: the page shows it as the query names it
        record["x"] = {
            "sl": position.stance_label,
            "fill": fill(position.stance, position.polarity),
            "code": code(position.stance, position.stance_label, position.polarity),
        }
    return record


def _pack(identifier: str) -> str:
    """An IRI printed whole, with the instances' namespace written as "~" (the page puts it
    back): it starts every position's and statement's id, a tenth of the page at 2,000 cards."""
    return "~" + identifier[len(PREFIX) :] if identifier.startswith(PREFIX) else identifier


def render(
    table: StanceTable, view: str, as_of: str = "", target: str = "", holder: str = ""
) -> bytes:
    """The page, one self-contained UTF-8 file, opening on `view` ("matrix" or "timeline")."""
    app = inline_script(asset("matrix_page", "page.js"), "page.js")
    policy = (
        "default-src 'none'; "
        f"script-src {csp_hash(app)}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    title = TITLES[view]
    page = string.Template(asset("matrix_page", "page.html")).substitute(
        csp=html.escape(policy),
        title=html.escape(title),
        view=html.escape(view),
        style=asset("matrix_page", "page.css"),
        data=script_json(page_data(table, view, as_of, target, holder)),
        app=app,
    )
    return page.encode("utf-8")
