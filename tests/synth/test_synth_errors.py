"""Injected errors: a build reports exactly the errors the manifest lists, at the card lines
it names; compile-level ones stop the build (exit 2), shape-level ones fail validation
(exit 1)."""

from collections import Counter
from pathlib import Path

import pytest

from kg.build import build
from kg.cards.compiler import CardErrors
from kg.project import Project
from kg.synth import COMPILE, ERROR_KINDS, SHAPE, SynthManifest, synth_project

COMPILE_KINDS = [k for k, v in ERROR_KINDS.items() if v.level == COMPILE]
SHAPE_KINDS = [k for k, v in ERROR_KINDS.items() if v.level == SHAPE]


def test_every_kind_has_a_level_and_a_description() -> None:
    assert {v.level for v in ERROR_KINDS.values()} == {COMPILE, SHAPE}
    assert all(v.doc for v in ERROR_KINDS.values())
    assert {"unknown-actor", "malformed-date", "statement-after-source"} <= set(ERROR_KINDS)


def test_injected_compile_errors_are_exactly_the_errors_of_the_build(tmp_path: Path) -> None:
    root = tmp_path / "project"
    errors = {kind: 2 if i % 2 else 1 for i, kind in enumerate(COMPILE_KINDS)}
    manifest = synth_project(root, cards=30, seed=21, errors=errors)
    assert manifest.expected_exit == 2
    assert Counter(i.kind for i in manifest.injections) == errors
    assert len({i.card for i in manifest.injections}) == len(manifest.injections)
    with pytest.raises(CardErrors) as raised:
        build(tmp_path / "build", Project(root))
    reported = sorted(
        (str(e.where.path.relative_to(root)), e.where.line, e.where.column, e.message)
        for e in raised.value.errors
    )
    expected = sorted((i.card, i.line, i.column, i.message) for i in manifest.injections)
    assert len(reported) == manifest.expected_compile_errors
    for (card, line, column, message), (card2, line2, column2, part) in zip(
        reported, expected, strict=True
    ):
        assert (card, line, column) == (card2, line2, column2)
        assert message.startswith(part)
    assert not (tmp_path / "build").exists()


def test_injected_shape_errors_are_exactly_the_violations_of_the_build(tmp_path: Path) -> None:
    root = tmp_path / "project"
    errors = dict.fromkeys(SHAPE_KINDS, 1) | {"statement-after-source": 2}
    manifest = synth_project(root, cards=20, seed=22, errors=errors)
    assert manifest.expected_exit == 1
    result = build(tmp_path / "build", Project(root))
    assert not result.written
    assert len(result.violations) == manifest.expected_violations
    reported = Counter((v.focus, v.where.removeprefix(f"{root}/")) for v in result.violations)
    assert reported == _predicted(manifest)


def _predicted(manifest: SynthManifest) -> Counter:
    return Counter(
        {
            (i.focus, f"{i.card}:{i.line}:{i.column}"): i.violations
            for i in manifest.injections
            if i.level == SHAPE
        }
    )
