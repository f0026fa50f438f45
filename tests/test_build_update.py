"""A build updates the previous one when only some cards changed: it must write exactly what a
fresh build writes (every file, every quad of the index, every violation with its card line),
and build afresh whenever an update could not be trusted."""

import json
import os
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from kg import previous
from kg.build import BuildResult, build, input_digests, reference_validator
from kg.cards.compiler import CardErrors
from kg.project import Project
from kg.synth import synth_project

from conftest import kg

SEED, CARDS = 1, 30  # seed 1 has positions superseded across cards
SHAPE_ERRORS = {
    "statement-after-source": 1,
    "until-before-since": 1,
    "supersedes-missing-earlier": 1,
    "treaty-dates-out-of-order": 1,
    "term-end-before-start": 1,
    "format-one-participant": 1,
}
FILES = ["dataset.trig", "manifest.json", "shacl-report.ttl", "update.json", "update-cards.tsv"]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A clean corpus, and the same corpus with errors injected into a few of its cards."""
    root = tmp_path_factory.mktemp("corpora")
    synth_project(root / "clean", cards=CARDS, seed=SEED)
    synth_project(
        root / "faulty", cards=CARDS, seed=SEED, errors={**SHAPE_ERRORS, "unknown-actor": 1}
    )
    return root / "clean", root / "faulty"


@pytest.fixture
def project(corpora: tuple[Path, Path], tmp_path: Path) -> Project:
    """A copy of the clean corpus, built."""
    shutil.copytree(corpora[0], tmp_path / "project")
    project = Project(tmp_path / "project")
    assert build(tmp_path / "project" / "build", project).written
    return project


def injected(corpora: tuple[Path, Path], level: str) -> list[dict]:
    manifest = json.loads((corpora[1] / "synth-manifest.json").read_text(encoding="utf-8"))
    return [i for i in manifest["injections"] if i["level"] == level]


def update_and_compare(project: Project) -> BuildResult:
    """Update the project's build, build the same inputs afresh elsewhere, and assert that both
    report and write the same."""
    out = project.root / "build"
    updated = build(out, project)
    fresh = build(project.root / "fresh", project, fresh=True)
    assert updated.updated is not None and fresh.updated is None
    assert updated.violations == fresh.violations
    assert [updated.graphs, updated.asserted_triples, updated.inferred_triples, updated.cards] == [
        fresh.graphs,
        fresh.asserted_triples,
        fresh.inferred_triples,
        fresh.cards,
    ]
    assert updated.written == fresh.written
    if fresh.written:
        for name in FILES:
            assert (out / name).read_bytes() == (fresh.out_dir / name).read_bytes(), name
        assert _quads(out) == _quads(fresh.out_dir)
        shutil.rmtree(fresh.out_dir)
    return updated


def _quads(build_dir: Path) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(build_dir / "store")))


def _snapshot(build_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(build_dir)): p.read_bytes()
        for p in sorted(build_dir.rglob("*"))
        if p.is_file()
    }


def _cards(project: Project) -> list[Path]:
    return project.cards()


def test_an_unchanged_project_updates_to_the_same_build(project: Project):
    result = update_and_compare(project)
    assert result.updated == 0
    assert result.cards == CARDS


def test_an_edited_quote_recompiles_one_card(project: Project):
    card = _cards(project)[3]
    card.write_text(card.read_text().replace("quote: ", "quote: Edited - ", 1), encoding="utf-8")
    result = update_and_compare(project)
    assert result.updated is not None and 1 <= result.updated < CARDS


def test_removing_adding_and_renaming_cards(project: Project):
    cards = _cards(project)
    cards[5].unlink()
    shutil.copy(cards[6], project.sources_dir / "2031-01-01-copied-card-99999.yaml")
    cards[7].rename(project.sources_dir / "2031-02-02-renamed-card-99998.yaml")
    result = update_and_compare(project)
    assert (result.updated, result.removed) == (2, 2)
    # The update's own outputs are a good base for the next update.
    cards[8].write_text(cards[8].read_text().replace("quote: ", "quote: Again - ", 1))
    update_and_compare(project)


def _a_dated_statement(project: Project) -> tuple[Path, str, dict]:
    """A card and the key and entry of one of its dated statements."""
    for card in _cards(project):
        for key, entry in (yaml.safe_load(card.read_text()).get("statements") or {}).items():
            if "date" in entry:
                return card, key, entry
    raise AssertionError("the corpus has no dated statement")


def test_a_card_that_reports_another_cards_statement(project: Project):
    """Issue 15: a new card that reports a statement of an unchanged card (same-as) adds its
    source and words to that statement; the update writes what a fresh build writes. When the
    first card's day then disagrees with the report's, both builds fail, naming the lines."""
    owner, key, entry = _a_dated_statement(project)
    report = project.sources_dir / "2031-03-03-another-report-99997.yaml"
    report.write_text(
        f"source:\n  label: Another report\nstatements:\n  again:\n"
        f"    same-as: {owner.stem}/{key}\n    date: {entry['date']}\n"
        "    quote: The same words, as another source prints them\n",
        encoding="utf-8",
    )
    result = update_and_compare(project)
    assert result.updated == 1
    statement = f"<https://w3id.org/actors-positions/id/statement/{owner.stem}/{key}>"
    sources = _store_query(
        project.root / "build",
        f"SELECT ?source WHERE {{ {statement} "
        "<https://w3id.org/actors-positions/ontology#reportedIn> ?source }",
    )
    assert len(sources) == 2
    text = owner.read_text()
    owner.write_text(text.replace(f"date: {entry['date']}", "date: 2020-01-01", 1))
    with pytest.raises(CardErrors) as raised:
        build(project.root / "build", project)
    with pytest.raises(CardErrors) as fresh:
        build(project.root / "fresh", project, fresh=True)
    assert set(raised.value.errors) <= set(fresh.value.errors)
    message = str(raised.value)
    assert f"{owner}:" in message and f"{report}:6:11, which reports the same statement" in message


def _store_query(build_dir: Path, text: str) -> list[object]:
    store = ox.Store.read_only(str(build_dir / "store"))
    answer = store.query(text)
    assert isinstance(answer, ox.QuerySolutions)
    return list(answer)


@pytest.mark.parametrize("kind", sorted(SHAPE_ERRORS))
def test_a_card_that_breaks_a_shape_fails_the_update_as_a_fresh_build_fails(
    project: Project, corpora: tuple[Path, Path], kind: str
):
    [injection] = [i for i in injected(corpora, "shape") if i["kind"] == kind]
    before = _snapshot(project.root / "build")
    shutil.copy(corpora[1] / injection["card"], project.root / injection["card"])
    result = update_and_compare(project)
    assert not result.written
    assert injection["focus"] in {v.focus for v in result.violations}
    assert all(v.where for v in result.violations), "every violation points into a card"
    assert _snapshot(project.root / "build") == before


def test_all_injected_shape_errors_at_once(project: Project, corpora: tuple[Path, Path]):
    injections = injected(corpora, "shape")
    for injection in injections:
        shutil.copy(corpora[1] / injection["card"], project.root / injection["card"])
    result = update_and_compare(project)
    focuses = {v.focus for v in result.violations}
    assert {i["focus"] for i in injections} <= focuses
    assert len(result.violations) == sum(i["violations"] for i in injections)


def test_a_card_losing_a_position_others_supersede_points_into_the_others(project: Project):
    """A position of one card can supersede a position only another card states. Taking that
    position out of the other card breaks the first card, which the update does not compile:
    the violation must still name the first card's line."""
    superseding, earlier, position = _cross_card_supersession(project)
    before = _snapshot(project.root / "build")
    card = yaml.safe_load(earlier.read_text(encoding="utf-8"))
    card["positions"] = [p for p in card["positions"] if _position(p)[:3] != position]
    earlier.write_text(yaml.safe_dump(card, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = update_and_compare(project)
    assert not result.written
    assert {v.where.split(":")[0] for v in result.violations} == {str(superseding)}
    assert _snapshot(project.root / "build") == before


Position = tuple[tuple[str, ...], str, str]


def _position(entry: dict) -> tuple[tuple[str, ...], str, str, str | None]:
    holder = entry["holder"]
    holders = tuple(sorted(holder if isinstance(holder, list) else [holder]))
    return holders, entry["stance"], entry["target"], entry.get("supersedes")


def _cross_card_supersession(project: Project) -> tuple[Path, Path, Position]:
    """A card with a position superseding one that exactly one other card states."""

    def positions(card: Path) -> list[tuple[tuple[str, ...], str, str, str | None]]:
        entries = yaml.safe_load(card.read_text(encoding="utf-8")).get("positions") or []
        return [_position(entry) for entry in entries]

    stated: dict[Position, set[Path]] = {}
    for card in _cards(project):
        for holders, stance, target, _ in positions(card):
            stated.setdefault((holders, stance, target), set()).add(card)
    for card in _cards(project):
        for holders, _, target, superseded in positions(card):
            earlier = (holders, superseded or "", target)
            if superseded and card not in stated.get(earlier, {card}) and len(stated[earlier]) == 1:
                return card, next(iter(stated[earlier])), earlier
    raise AssertionError(f"seed {SEED} no longer makes a position change across two cards")


def test_removing_a_card_whose_keys_others_use_fails_in_those_cards(project: Project):
    """The cards that refer to a key only the removed card declared are not changed, yet must
    be compiled again and fail, naming their lines, as they do in a fresh build."""
    [declaring] = [c for c in _cards(project) if "policy/rosmark-test-ban-policy:" in c.read_text()]
    before = _snapshot(project.root / "build")
    declaring.unlink()
    with pytest.raises(CardErrors) as raised:
        build(project.root / "build", project)
    with pytest.raises(CardErrors) as fresh:
        build(project.root / "fresh", project, fresh=True)
    assert str(raised.value) == str(fresh.value)
    assert (
        "unknown treaty, proposal, format, policy or event 'policy/rosmark-test-ban-policy'"
        in str(raised.value)
    )
    assert declaring.name not in str(raised.value)
    assert _snapshot(project.root / "build") == before


def test_a_compile_error_fails_the_update_with_its_line(project: Project, corpora):
    [injection] = injected(corpora, "compile")
    before = _snapshot(project.root / "build")
    shutil.copy(corpora[1] / injection["card"], project.root / injection["card"])
    with pytest.raises(CardErrors) as raised:
        build(project.root / "build", project)
    with pytest.raises(CardErrors) as fresh:
        build(project.root / "fresh", project, fresh=True)
    assert str(raised.value) == str(fresh.value)
    assert f"{injection['line']}:{injection['column']}: {injection['message']}" in str(raised.value)
    assert _snapshot(project.root / "build") == before


def test_anything_but_cards_changing_builds_afresh(project: Project):
    registry = project.registry_file
    registry.write_text(registry.read_text() + "\n# a comment\n", encoding="utf-8")
    assert build(project.root / "build", project).updated is None
    assert build(project.root / "build", project).updated == 0


def test_too_many_changed_cards_build_afresh(project: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(previous, "UPDATE_AT_MOST", 1)
    for card in _cards(project)[:2]:
        card.write_text(card.read_text() + "# edited\n", encoding="utf-8")
    assert build(project.root / "build", project).updated is None


@pytest.mark.parametrize("damage", ["missing", "garbled", "written by other code"])
def test_a_damaged_or_foreign_update_record_builds_afresh(project: Project, damage: str):
    record = project.root / "build" / previous.UPDATE_FILE
    if damage == "missing":
        record.unlink()
    elif damage == "garbled":
        record.write_text("{", encoding="utf-8")
    else:
        content = json.loads(record.read_text(encoding="utf-8"))
        assert content["code"] == previous.code_digest()
        record.write_text(json.dumps({**content, "code": "0" * 64}), encoding="utf-8")
    result = build(project.root / "build", project)
    assert result.updated is None and result.written
    assert build(project.root / "build", project).updated == 0


def test_fresh_and_the_reference_validator_build_afresh(project: Project):
    assert build(project.root / "build", project, fresh=True).updated is None
    assert build(project.root / "build", project, validator=reference_validator).updated is None


def test_kg_build_says_whether_it_updated_or_built_afresh(project: Project):
    card = _cards(project)[0]
    card.write_text(re.sub(r"(?m)^(  url: \S+)$", r"\g<1>?edited", card.read_text(), count=1))
    shutil.copy(_cards(project)[1], project.sources_dir / "2031-01-01-copied-card-99999.yaml")
    updated = kg("build", "--project", str(project.root))
    fresh = kg("build", "--project", str(project.root), "--fresh")
    assert (updated.returncode, fresh.returncode) == (0, 0), updated.stderr + fresh.stderr
    built = f"{project.root}/build/dataset.trig: "
    [counts] = [line.split(built)[1] for line in fresh.stdout.splitlines()]
    assert updated.stdout.splitlines() == [
        f"updated {built}{counts}",
        f"(an update of the previous build: 2 of {CARDS + 1} cards compiled again, 0 removed, "
        "only what they touch validated again; --fresh builds anew)",
    ]
    assert fresh.stdout == f"built {built}{counts}\n"
    again = kg("build", "--project", str(project.root))
    assert again.stdout.splitlines() == [
        f"updated {built}{counts}",
        "(an update of the previous build: no card changed; --fresh builds anew)",
    ]


def test_input_digests_read_again_only_files_that_may_have_changed(tmp_path: Path, corpora):
    shutil.copytree(corpora[0], tmp_path / "p")
    project, record = Project(tmp_path / "p"), tmp_path / "inputs.json"
    card = project.cards()[0]
    os.utime(card, ns=(10**18, 10**18))  # long before the record is written
    truth = input_digests(project)
    assert input_digests(project, record) == truth
    written = json.loads(record.read_text())
    assert written["files"][str(card)][:2] == [card.stat().st_size, 10**18]

    # Same size and time, older than the record: trusted, not read (a fake digest shows it).
    written["files"][str(card)][2] = "not read again"
    record.write_text(json.dumps(written))
    assert input_digests(project, record)[str(card)] == "not read again"

    # Same size and time, but within the clock margin of the record: read again.
    written["written"] = 10**18 + 1
    record.write_text(json.dumps(written))
    assert input_digests(project, record) == truth

    # Edited: another time, so read again, even at the same size.
    card.write_text(card.read_text().replace("a", "b", 1))
    assert input_digests(project, record)[str(card)] == input_digests(project)[str(card)]
    assert input_digests(project, record)[str(card)] != truth[str(card)]
