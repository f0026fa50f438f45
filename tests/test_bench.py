"""The benchmark's arithmetic: extrapolation and the table (its timings are not tested)."""

import pytest

from kg.bench import Comparison, PipelineRun, extrapolate, table


def run(triples: int, build: float, query: float) -> PipelineRun:
    return PipelineRun(
        "naive",
        triples,
        [("reason", build, 100.0), ("query who", query, 100.0)],
        [],
        {},
    )


def test_extrapolation_follows_the_growth_between_the_two_largest_sizes():
    quadratic = extrapolate([run(10, 1.0, 0.1), run(100, 100.0, 1.0)], 1000)
    assert quadratic.extrapolated
    assert quadratic.seconds("reason") == pytest.approx(10_000.0)
    assert quadratic.seconds("query who") == pytest.approx(10.0)  # linear stays linear


def test_extrapolation_never_assumes_faster_than_linear_growth():
    flat = extrapolate([run(10, 1.0, 1.0), run(100, 1.0, 1.0)], 1000)
    assert flat.seconds("reason") == pytest.approx(10.0)


def test_table_shows_ratios_and_agreement():
    naive = run(100, 30.0, 0.5)
    fast = PipelineRun("fast", 100, [("build", 1.0, 50.0), ("query who", 0.01, 50.0)], [], {})
    text = table(Comparison(100, 10, naive, fast, True, True, 0.4))
    assert "| full build | 30.00 s | 1.00 s | 30x | 100 MiB | 50 MiB |" in text
    assert "| query who | 500.0 ms | 10.0 ms | 50x | | |" in text
    assert "| one card changed, rebuild | | 400.0 ms | | | |" in text
    assert "same answers to every named query: yes" in text


def test_a_stage_only_the_larger_corpus_has_scales_linearly():
    small = run(10, 1.0, 0.1)
    large = run(100, 100.0, 1.0)
    large.stages.append(("query who (?x bound)", 2.0, 100.0))
    scaled = extrapolate([small, large], 1000)
    assert scaled.seconds("query who (?x bound)") == pytest.approx(20.0)
