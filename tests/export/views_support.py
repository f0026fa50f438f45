"""What the matrix and timeline tests share: the cells expected from the rows of the named
queries themselves (who-supports-which-format, position-changes), worked out here without
kg.export.stance_table, so that every drawn form of the matrix is compared with the query."""

import struct
import zlib
from functools import cache
from pathlib import Path

from export_support import scratch

from kg.project import Project, init_project
from kg.queries import named_queries, run
from kg.results import rows


def query_rows(name: str, source) -> list[dict[str, str]]:
    header, body = rows(run(named_queries()[name], source))
    return [dict(zip(header, row, strict=True)) for row in body]


def _words(position: dict) -> str:
    text = position["stanceLabel"]
    if position["conditions"]:
        text += " (on condition: " + "; ".join(position["conditions"]) + ")"
    if "; " in position["holderLabel"]:
        text += f" (jointly: {position['holderLabel']})"
    if position["since"]:
        text += f" since {position['since']}"
    if position["until"]:
        text += f" until {position['until']}"
    return text


def expected_cells(source, as_of: str = "") -> dict[tuple[str, str], list[str]]:
    """(holder's name, issue) to the positions held there, in words, in the query's order:
    those the query calls current, or, on a day, those begun by then (or undated), not ended
    before and not superseded by a position begun by then (or undated)."""
    positions: dict[str, dict] = {}
    for row in query_rows("who-supports-which-format", source):
        if not row["position"]:
            continue
        position = positions.setdefault(row["position"], {**row, "conditions": []})
        if row["conditionLabel"]:
            position["conditions"].append(row["conditionLabel"])
    later: dict[str, list[str]] = {}
    for change in query_rows("position-changes", source):
        later.setdefault(change["earlier"], []).append(change["laterSince"])

    def held(p: dict) -> bool:
        if not as_of:
            return p["current"] == "true"
        if p["since"] and p["since"] > as_of:
            return False
        if p["until"] and p["until"] < as_of:
            return False
        return not any(day == "" or day <= as_of for day in later.get(p["position"], []))

    cells: dict[tuple[str, str], list[str]] = {}
    for p in positions.values():
        if held(p):
            for holder in p["holderLabel"].split("; "):
                cells.setdefault((holder, p["target"]), []).append(_words(p))
    return cells


PEOPLE_REGISTRY = """
<ruritania> a ap:State ; rdfs:label "Ruritania"@en .
<freedonia> a ap:State ; rdfs:label "Freedonia"@en .
<ruritania-ministry> a ap:Organisation ; rdfs:label "Ruritanian Foreign Ministry"@en ;
    org:subOrganizationOf <ruritania> .
<office/ruritanian-minister> a ap:Office ; rdfs:label "Foreign Minister of Ruritania"@en ;
    org:postIn <ruritania-ministry> .
<anna-berg> a ap:Person ; rdfs:label "Anna Berg"@en .
<watchers> a ap:Organisation ; rdfs:label "Arms Watchers"@en .
"""

PEOPLE_CARD = """\
source:
  label: A briefing
  date: 2026-03-02
  url: https://example.org/briefing
office-terms:
  - holder: anna-berg
    office: ruritanian-minister
statements:
  anna:
    speaker: anna-berg
    on-behalf-of: ruritania
    office: ruritanian-minister
    date: 2026-03-01
    quote: We back the talks.
  ministry:
    speaker: ruritania-ministry
    date: 2026-03-01
    quote: The ministry has doubts.
  joint:
    speaker: anna-berg
    on-behalf-of: [ruritania, freedonia]
    date: 2026-03-02
    quote: Together we support the talks.
  watchers:
    speaker: watchers
    date: 2026-03-02
    quote: We regret the delay.
positions:
  - holder: anna-berg
    stance: supports
    target: format/border-talks
    evidence: anna
  - holder: ruritania-ministry
    stance: noncommittal
    target: format/border-talks
    evidence: ministry
  - holder: [ruritania, freedonia]
    stance: supports
    target: format/border-talks
    evidence: joint
  - holder: watchers
    stance: regrets
    target: format/border-talks
    evidence: watchers
formats:
  format/border-talks:
    label: Border talks
    participants: [ruritania, freedonia]
"""


@cache
def people() -> Project:
    """A project whose positions are held by a state, its ministry, its minister, two states
    jointly, and an organisation of no state."""
    root = scratch("kg-people-") / "people"
    init_project(root)
    with (root / "registry.ttl").open("a", encoding="utf-8") as registry:
        registry.write(PEOPLE_REGISTRY)
    (root / "sources" / "briefing.yaml").write_text(PEOPLE_CARD, encoding="utf-8")
    return Project(root)


def png_facts(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the decoded pixel rows."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is no PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels))
