"""Synthetic projects: deterministic for a seed, valid as made, and as realistic as real cards
(conditions, position changes, reported speech, joint positions, required participants)."""

import json
from pathlib import Path

import pytest
import yaml

from kg.build import build
from kg.errors import KgError
from kg.project import Project
from kg.synth import MANIFEST_FILE, synth_project
from kg.synth.doc import quote


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "project"
    synth_project(root, cards=40, seed=7)
    return root


def cards_of(root: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in Project(root).cards()]


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others(tmp_path: Path) -> None:
    synth_project(tmp_path / "a", cards=30, seed=11, errors={"year-day-mismatch": 1})
    synth_project(tmp_path / "b", cards=30, seed=11, errors={"year-day-mismatch": 1})
    synth_project(tmp_path / "c", cards=30, seed=12, errors={"year-day-mismatch": 1})
    first = files_of(tmp_path / "a")
    assert len(first) == 30 + 2  # the cards, registry.ttl, synth-manifest.json
    assert first == files_of(tmp_path / "b")
    other = files_of(tmp_path / "c")
    assert first.keys() != other.keys()
    assert first["registry.ttl"] != other["registry.ttl"]


def test_asking_for_errors_changes_only_the_cards_that_get_them(tmp_path: Path) -> None:
    clean = synth_project(tmp_path / "clean", cards=30, seed=3)
    dirty = synth_project(tmp_path / "dirty", cards=30, seed=3, errors={"unknown-actor": 2})
    changed = {
        name
        for name, data in files_of(tmp_path / "clean").items()
        if files_of(tmp_path / "dirty")[name] != data
    }
    assert changed == {MANIFEST_FILE} | {i.card for i in dirty.injections}
    assert clean.statements == dirty.statements


def test_a_small_corpus_builds_and_conforms(corpus: Path, tmp_path: Path) -> None:
    result = build(tmp_path / "build", Project(corpus))
    assert result.conforms, "\n".join(v.line() for v in result.violations[:10])
    assert result.graphs == 40 + 3  # the cards, the ontology, the registry, the inferences
    assert result.asserted_triples > 40 * 90


def test_the_manifest_is_written_and_counts_what_the_cards_hold(corpus: Path) -> None:
    manifest = json.loads((corpus / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["seed"] == 7 and manifest["cards"] == 40
    assert manifest["expected_exit"] == 0 and manifest["injections"] == []
    assert 200 <= manifest["actors"] <= 600
    assert manifest["formats"] >= 10 and manifest["proposals"] >= 10
    cards = cards_of(corpus)
    statements = [s for c in cards for s in c["statements"].values()]
    positions = [p for c in cards for p in c.get("positions", [])]
    assert manifest["statements"] == len(statements)
    assert manifest["positions"] == len(positions)
    assert manifest["conditional_positions"] == sum(
        p["stance"] == "conditionally-supports" for p in positions
    )
    assert manifest["position_changes"] == sum("supersedes" in p for p in positions)
    assert manifest["reported_speech"] == sum("reported-by" in s for s in statements)
    assert manifest["joint_positions"] == sum(isinstance(p["holder"], list) for p in positions)


def test_cards_have_the_features_of_real_ones(corpus: Path) -> None:
    cards = cards_of(corpus)
    assert all(3 <= len(c["statements"]) <= 8 for c in cards)
    statements = [s for c in cards for s in c["statements"].values()]
    positions = [p for c in cards for p in c.get("positions", [])]
    conditional = [p for p in positions if p["stance"] == "conditionally-supports"]
    assert conditional and all("condition" in p for p in conditional)
    assert all("condition" not in p for p in positions if p not in conditional)
    conditions = [c for p in conditional for c in _as_list(p["condition"])]
    assert {"key", "label", "description", "requires-action-of"} <= set(conditions[0])
    assert any("responds-to" in c for c in conditions)
    assert {p["stance"] for p in positions} == {
        "commits-to",
        "conditionally-supports",
        "defers-to-others",
        "demands",
        "noncommittal",
        "opposes",
        "refuses-to-participate",
        "regrets",
        "rejects",
        "supports",
    }
    assert sum("supersedes" in p for p in positions) >= 3
    assert sum(isinstance(p["holder"], list) for p in positions) >= 3
    assert sum("reported-by" in s for s in statements) >= 3
    assert any("quote" in s and "reported-wording" in s for s in statements)
    assert any(isinstance(s.get("quote"), list) for s in statements)
    requirements = [r for c in cards for r in c.get("requirements", [])]
    assert requirements and all(
        {"required-by", "participant", "for", "evidence"} == set(r) for r in requirements
    )
    assert any(c.get("treaty-events") for c in cards)
    assert any(c.get("limits") for c in cards)
    assert all(c.get("office-terms") for c in cards if _speaks_in_office(c))


def test_a_position_change_supersedes_a_position_of_an_earlier_card(corpus: Path) -> None:
    seen: dict[tuple[str, str, str], str] = {}  # holders, stance, target -> first card
    changes = 0
    for path, card in zip(Project(corpus).cards(), cards_of(corpus), strict=True):
        for p in card.get("positions", []):
            holders = "+".join(sorted(_as_list(p["holder"])))
            if "supersedes" in p:
                earlier = seen.get((holders, p["supersedes"], p["target"]))
                assert earlier is not None and earlier < path.stem
                changes += 1
        for p in card.get("positions", []):
            key = ("+".join(sorted(_as_list(p["holder"]))), p["stance"], p["target"])
            seen.setdefault(key, path.stem)
    assert changes


def test_statements_are_not_dated_after_their_source(corpus: Path) -> None:
    for card in cards_of(corpus):
        published = card["source"]["date"]
        assert all(s.get("date", published) <= published for s in card["statements"].values())


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "key: value",
        "ends with a colon:",
        '"quoted" at the start',
        "[not a list]",
        "null",
        "Null",
        "- a dash",
        "a # not a comment",
        "New START: 1,550 warheads",
        "it\u2019s \u201ccurly\u201d",
        "trailing space ",
        "#hash",
        "@at",
        "2026-02-05",
        "1550",
    ],
)
def test_quoted_text_reads_back_unchanged(text: str) -> None:
    """The compiler reads a scalar's text as YAML composes it (no implicit typing)."""
    node = yaml.compose(f"value: {quote(text)}\n", Loader=yaml.SafeLoader)
    scalar = node.value[0][1]
    assert scalar.value == text
    if text.lower() == "null":
        assert scalar.style == '"'  # a plain null would be read as an empty field


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(KgError, match="not empty"):
        synth_project(tmp_path, cards=5, seed=1)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("errors", "message"),
    [
        ({"unknwon-actor": 1}, "unknown error kind 'unknwon-actor'"),
        ({"unknown-actor": -1}, "must be 0 or more"),
        ({"unknown-actor": 4, "year-day-mismatch": 3}, "7 errors need 7 cards"),
    ],
)
def test_impossible_error_requests_are_refused(tmp_path: Path, errors, message) -> None:
    with pytest.raises(KgError, match=message):
        synth_project(tmp_path / "p", cards=6, seed=1, errors=errors)
    assert not (tmp_path / "p").exists()


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def _speaks_in_office(card: dict) -> bool:
    return any("office" in s for s in card["statements"].values())
