"""Issue 18: the stance matrix and the timeline, as CSV and SVG, are the answers of
who-supports-which-format: every cell, now and on a day, on the foundation and on projects
made for the purpose (officials under their state, joint positions, hostile text)."""

import csv
import io
import xml.etree.ElementTree as ET
from functools import cache

import pytest
from export_support import HOSTILE_ACTOR, HOSTILE_FORMAT, hostile, scratch
from views_support import expected_cells, people, query_rows

from kg.dataset import load_dataset
from kg.errors import KgError
from kg.export.stance_table import stance_table
from kg.export.stance_views import ViewOptions, export_view
from kg.export.tables import FORMULA_STARTS
from kg.export.timeline import timelines

from conftest import kg

SVG = "{http://www.w3.org/2000/svg}"
ONE_YEAR = "proposal:one-year-limits"
SUPPORTS = "<https://w3id.org/actors-positions/id/position/united-states/supports/one-year-limits>"
REJECTS = "<https://w3id.org/actors-positions/id/position/united-states/rejects/one-year-limits>"


@cache
def written(source_name: str, view: str, fmt: str, as_of: str = "", target: str = "") -> str:
    out = scratch("kg-views-") / f"{view}.{fmt}"
    export_view(SOURCES[source_name](), view, fmt, out, ViewOptions(as_of=as_of, target=target))
    return out.read_text(encoding="utf-8")


SOURCES = {"hostile": hostile, "people": lambda: load_dataset(people())}


@pytest.fixture(scope="module", autouse=True)
def _foundation(store):
    SOURCES["foundation"] = lambda: store


def csv_cells(text: str) -> dict[tuple[str, str], list[str]]:
    table = list(csv.reader(io.StringIO(text)))
    ids = table[1][4:]
    return {
        (row[0], issue): value.split(" | ")
        for row in table[2:]
        for issue, value in zip(ids, row[4:], strict=True)
        if value
    }


def svg_cells(text: str) -> dict[tuple[str, str], list[str]]:
    root = ET.fromstring(text.encode("utf-8"))
    actors = {t.get("data-actor"): t.text for t in root.iter(f"{SVG}text") if t.get("data-actor")}
    return {
        (actors[g.get("data-actor")], g.get("data-issue")): g.find(f"{SVG}title").text.split("\n")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "cell"
    }


def test_the_table_holds_the_query_rows_as_they_come(store):
    table = stance_table(store)
    assert table.rows == [
        {k: v for k, v in row.items() if v}
        for row in query_rows("who-supports-which-format", store)
    ]
    assert len(table.rows) == 11
    assert [a.label for a in table.actors] == ["China", "Russia", "United States"]
    assert [i.id for i in table.issues][:3] == [
        "format:us-russia-military-dialogue",
        "format:us-russia-talks",
        "format:us-russia-china-talks",
    ]


@pytest.mark.parametrize("as_of", ["", "2025-10-04", "2025-12-01", "2026-02-05"])
def test_csv_and_svg_cells_are_the_query_rows(store, as_of):
    expected = expected_cells(store, as_of)
    assert csv_cells(written("foundation", "matrix", "csv", as_of)) == expected
    assert svg_cells(written("foundation", "matrix", "svg", as_of)) == expected


def test_the_cells_change_with_the_day_as_the_record_says(store):
    cells = {
        day: expected_cells(store, day)[("United States", ONE_YEAR)]
        for day in ("2025-12-01", "2026-02-05")
    }
    assert cells == {
        "2025-12-01": ["supports since 2025-10-05"],
        "2026-02-05": ["rejects since 2026-02-05"],
    }
    assert ("United States", ONE_YEAR) not in expected_cells(store, "2025-10-04")
    now = expected_cells(store)
    assert len(now) == 10 and sum(len(v) for v in now.values()) == 10


def test_officials_and_agencies_sit_under_their_state_and_joint_positions_in_each_holder():
    source = load_dataset(people())
    table = stance_table(source)
    assert [(a.label, a.kind, a.state_label) for a in table.actors] == [
        ("Freedonia", "state", "Freedonia"),
        ("Ruritania", "state", "Ruritania"),
        ("Anna Berg", "person", "Ruritania"),
        ("Ruritanian Foreign Ministry", "organisation", "Ruritania"),
        ("Arms Watchers", "organisation", ""),
    ]
    expected = expected_cells(source)
    assert expected[("Freedonia", "format:border-talks")] == [
        "supports (jointly: Freedonia; Ruritania) since 2026-03-02"
    ]
    assert csv_cells(written("people", "matrix", "csv")) == expected
    assert svg_cells(written("people", "matrix", "svg")) == expected
    rows = list(csv.reader(io.StringIO(written("people", "matrix", "csv"))))
    assert [(r[0], r[2]) for r in rows[2:]] == [
        ("Freedonia", "Freedonia"),
        ("Ruritania", "Ruritania"),
        ("Anna Berg", "Ruritania"),
        ("Ruritanian Foreign Ministry", "Ruritania"),
        ("Arms Watchers", "No state"),
    ]
    codes = [
        t.text
        for t in ET.fromstring(written("people", "matrix", "svg")).iter(f"{SVG}text")
        if t.get("class") == "code"
    ]
    assert codes == ["+SUP j", "+SUP j", "+SUP", "\u00b7NON", "\u2212REG"]


def test_the_evidence_is_that_of_evidence_for_position(store):
    table = stance_table(store)
    expected = {
        (
            r["position"],
            r["statement"],
            r["speakerLabel"],
            r["date"],
            r["quotes"],
            r["reportedWording"],
            r["sourceLabel"],
            r["sourceUrl"],
            r["dateNote"],
        )
        for r in query_rows("evidence-for-position", store)
    }
    shown = {
        (
            p.id,
            e.statement,
            e.speaker,
            e.date,
            e.quotes,
            e.wording,
            e.source,
            e.source_url,
            e.date_note,
        )
        for p in table.positions.values()
        for e in p.evidence
    }
    assert shown == expected
    assert len(shown) == 12


def test_the_timeline_shows_the_change_of_the_united_states(store):
    (timeline,) = timelines(stance_table(store), target=ONE_YEAR)
    lanes = {
        lane.label: [(b.position.id, b.start, b.end) for b in lane.bars] for lane in timeline.lanes
    }
    # One track: the support ends the day the rejection begins.
    united_states = next(lane for lane in timeline.lanes if lane.label == "United States")
    assert (united_states.tracks, [b.track for b in united_states.bars]) == (1, [0, 0])
    assert lanes["United States"] == [
        (SUPPORTS, "2025-10-05", "2026-02-05"),
        (REJECTS, "2026-02-05", ""),
    ]
    root = ET.fromstring(written("foundation", "timeline", "svg", target=ONE_YEAR))
    bars = [
        (g.get("data-position"), g.get("data-start"), g.get("data-end"), g.get("data-superseded"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "bar"
    ]
    assert (SUPPORTS, "2025-10-05", "2026-02-05", "true") in bars
    assert (REJECTS, "2026-02-05", "", "false") in bars
    lanes_drawn = [g.get("data-lane") for g in root.iter(f"{SVG}g") if g.get("class") == "lane"]
    assert lanes_drawn == [lane.id for lane in timeline.lanes]
    points = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "point"]
    assert len(points) == sum(len(lane.points) for lane in timeline.lanes) > 0


def test_hostile_text_stays_text_in_csv_and_svg():
    text = written("hostile", "matrix", "csv")
    for row in csv.reader(io.StringIO(text)):
        for value in row:
            assert not value.startswith(FORMULA_STARTS), value
    table = list(csv.reader(io.StringIO(text)))
    assert "'" + HOSTILE_FORMAT in table[0]
    assert table[2][0] == HOSTILE_ACTOR
    svg = written("hostile", "matrix", "svg")
    assert "<img" not in svg and "<script" not in svg and "<b>" not in svg
    root = ET.fromstring(svg.encode("utf-8"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert HOSTILE_ACTOR in texts
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert HOSTILE_FORMAT in titles
    timeline = written("hostile", "timeline", "svg")
    assert "<img" not in timeline and "<script" not in timeline
    assert HOSTILE_ACTOR in [t.text for t in ET.fromstring(timeline).iter(f"{SVG}text")]


def test_bad_options_get_a_clear_error(store):
    out = scratch("kg-views-bad-") / "x"
    for day in ("1 May", "2026-13-01", "2026-02-30"):  # as text, the last two sort after 2026
        with pytest.raises(KgError) as refused:
            export_view(store, "matrix", "svg", out, ViewOptions(as_of=day))
        assert str(refused.value) == f"--as-of {day!r} is not a day written YYYY-MM-DD"
    with pytest.raises(KgError, match="written as html, svg, csv, not 'gexf'"):
        export_view(store, "matrix", "gexf", out)
    for fmt in ("svg", "html"):
        with pytest.raises(KgError, match="kg ids issues"):
            export_view(store, "timeline", fmt, out, ViewOptions(target="format:nowhere"))
        with pytest.raises(KgError, match="kg ids actors"):
            export_view(store, "timeline", fmt, out, ViewOptions(holder="id:nobody"))
    assert not out.exists()


def test_the_timeline_takes_an_issue_as_kg_query_does(store):
    """`id:format/...`, the spelling of earlier versions, and a whole IRI name the same issue."""
    for spelling in (
        "id:format/us-russia-talks",
        "<https://w3id.org/actors-positions/id/format/us-russia-talks>",
    ):
        out = scratch("kg-views-spelling-") / "t.svg"
        export_view(store, "timeline", "svg", out, ViewOptions(target=spelling))
        root = ET.fromstring(out.read_bytes())
        focus = [g.get("data-focus") for g in root.iter(f"{SVG}g") if g.get("class") == "timeline"]
        assert focus == ["format:us-russia-talks"]


def test_the_command_writes_the_view_from_the_build_and_refuses_what_does_not_fit(built, tmp_path):
    out = tmp_path / "matrix.csv"
    done = kg("export", "--view", "matrix", "--to", "csv", "--build", str(built), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"wrote {out}: the matrix view as csv, 3 actors, 8 issues, 10 cells"
    )
    bad = kg("export", "--view", "timeline", "--to", "csv", "--build", str(built), "-o", str(out))
    # (the foundation's build is not one of the embedded project's inputs: a warning says so)
    assert bad.returncode == 2
    assert bad.stderr.endswith("kg: error: the timeline view is written as html, svg, not 'csv'\n")
    unknown = kg("export", "--view", "people", "--to", "csv", "-o", str(out))
    assert (unknown.returncode, unknown.stderr) == (
        2,
        "kg: error: unknown view 'people'; choose one of: stances, actors, full, matrix, "
        "timeline\n",
    )
    stray = kg(
        "export", "--view", "stances", "--to", "csv", "--as-of", "2026-01-01", "-o", str(out)
    )
    assert stray.returncode == 2 and "are for --view matrix and timeline" in stray.stderr


def test_a_timeline_takes_a_plain_name_that_names_one_actor_or_issue(store):
    """As `kg query --param` does: `russia` and `Russia` name id:russia, `new start` names
    treaty:new-start; the page is the one drawn for the identifier."""
    out = scratch("kg-views-names-") / "t.svg"

    def drawn(**options: str) -> bytes:
        export_view(store, "timeline", "svg", out, ViewOptions(**options))
        return out.read_bytes()

    russia, treaty = drawn(holder="id:russia"), drawn(target="treaty:new-start")
    assert russia != treaty
    assert drawn(holder="russia") == drawn(holder="Russia") == russia
    assert drawn(target="new start") == treaty
    read = export_view(store, "timeline", "svg", out, ViewOptions(target="new start")).notes
    assert read == ("--target: 'new start' was read as treaty:new-start",)
    assert export_view(store, "timeline", "svg", out, ViewOptions(holder="id:russia")).notes == ()


def test_a_timeline_of_what_the_view_does_not_draw_says_what_to_give(store):
    """As for a query parameter: a name that names nothing gets "did you mean", one of another
    kind says which, and one that holds no position says so; the matrix's files take none."""
    out = scratch("kg-views-focus-") / "t.svg"

    def refused(view: str, fmt: str, **options: str) -> str:
        with pytest.raises(KgError) as refusal:
            export_view(store, view, fmt, out, ViewOptions(**options))
        return str(refusal.value)

    assert refused("timeline", "svg", holder="rusia") == (
        "--holder: 'rusia' names no actor; did you mean id:russia (Russia)? "
        "(`kg ids actors` lists them)"
    )
    assert refused("timeline", "svg", holder="russian") == (
        "--holder: 'russian' names no actor; did you mean id:russia (Russia) or "
        "id:russia-foreign-ministry (Russian Foreign Ministry)? (`kg ids actors` lists them)"
    )
    assert refused("timeline", "html", holder="id:dmitry-peskov") == (
        "--holder: id:dmitry-peskov holds no position, so the view does not draw it; "
        "`kg query who-supports-which-format` lists what it draws"
    )
    assert refused("timeline", "svg", target="event:new-start-signature") == (
        "--target: no one holds a position on event:new-start-signature, so the view does not "
        "draw it; `kg query who-supports-which-format` lists what it draws"
    )
    assert refused("matrix", "html", target="id:russia").startswith(
        "--target: id:russia is a state, not an issue; did you mean "
    )
    for fmt in ("svg", "csv"):
        assert refused("matrix", fmt, holder="id:russia") == (
            f"the matrix as {fmt} shows every actor and issue; --target and --holder choose a "
            "timeline, or where the matrix's HTML page starts"
        )
    assert not out.exists()
