"""The benchmark's arithmetic and arguments: extrapolation, the table, sizes checked before any
work (its timings are not tested)."""

import pytest

from kg.bench import Comparison, PipelineRun, check_sizes, extrapolate, table
from kg.cli import main
from kg.errors import KgError

from conftest import kg


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


@pytest.mark.parametrize(
    ("naive_seconds", "shown"),
    [
        (0.0004, "0.4 ms | 1.0 ms | 0.4x"),
        (0.0013, "1.3 ms | 1.0 ms | 1.3x"),
        (0.0099, "9.9 ms | 1.0 ms | 9.9x"),
        (0.0996, "99.6 ms | 1.0 ms | 100x"),
        (0.2, "200.0 ms | 1.0 ms | 200x"),
    ],
)
def test_ratios_below_ten_keep_a_decimal(naive_seconds, shown):
    """A query the fast pipeline answers in 1 ms that the naive one answers in 0.4 ms is
    not "0x" as fast."""
    fast = PipelineRun("fast", 100, [("build", 1.0, 50.0), ("query who", 0.001, 50.0)], [], {})
    text = table(Comparison(100, 10, run(100, 30.0, naive_seconds), fast, True, True))
    assert f"| query who | {shown} | | |" in text


def test_a_stage_only_the_larger_corpus_has_scales_linearly():
    small = run(10, 1.0, 0.1)
    large = run(100, 100.0, 1.0)
    large.stages.append(("query who (?x bound)", 2.0, 100.0))
    scaled = extrapolate([small, large], 1000)
    assert scaled.seconds("query who (?x bound)") == pytest.approx(20.0)


def test_sizes_that_cannot_be_extrapolated_are_refused_before_any_work(tmp_path):
    """Issue 17: `kg bench --cards 800,8000` ran ten minutes before saying this. Nothing was
    measured (no table printed), so there is nothing to write."""
    done = kg("bench", "--cards", "800,8000", "-o", str(tmp_path / "bench.md"))
    assert (done.returncode, done.stdout) == (2, "")
    assert not (tmp_path / "bench.md").exists()
    assert done.stderr == (
        "kg: error: the naive pipeline runs up to --naive-limit 1,000 cards; to extrapolate it "
        "to 8000 cards it needs two measured sizes, but --cards has 1 at or below the limit: "
        "add smaller sizes (e.g. --cards 80,800,8000) or raise --naive-limit\n"
    )


@pytest.mark.parametrize(
    ("cards", "message"),
    [
        ("80,eight", "--cards takes sizes in cards, like 80,800,8000, not '80,eight'"),
        ("0,80", "--cards takes sizes of at least 1 card, not [0, 80]"),
    ],
)
def test_malformed_sizes_are_refused(cards, message):
    done = kg("bench", "--cards", cards)
    assert (done.returncode, done.stderr) == (2, f"kg: error: {message}\n")


def test_a_folder_for_the_tables_is_refused_before_any_work(tmp_path):
    """It was an internal error (IsADirectoryError) once the benchmark had run."""
    done = kg("bench", "--cards", "5", "-o", str(tmp_path))
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"kg: error: -o {tmp_path}: a folder; give the file to write, such as "
        f"{tmp_path}/bench.md\n",
    )


def test_sizes_within_the_naive_limit_need_no_extrapolation():
    assert check_sizes([8000, 80, 800], 1_000) == [80, 800, 8000]
    assert check_sizes([2000], 5_000) == [2000]


def test_the_tables_already_measured_are_written_when_a_later_size_fails(tmp_path, monkeypatch):
    """The measurements are kept: the file has every finished table and why the run stopped."""

    def bench(sizes, seed, naive_limit, repeat, errors, emit):
        emit("## 80 cards\n\n| full build | 6.04 s | 722.0 ms | 8x |\n")
        raise KgError("the fast pipeline failed on corpus-800")

    monkeypatch.setattr("kg.bench.bench", bench)
    out = tmp_path / "bench.md"
    argv = ["bench", "--cards", "80,800", "-o", str(out)]
    monkeypatch.setattr("sys.argv", ["kg", *argv])
    assert main(argv) == 2
    assert out.read_text() == (
        "Command: `kg bench --cards 80,800 -o "
        f"{out}`\n\n## 80 cards\n\n| full build | 6.04 s | 722.0 ms | 8x |\n\n"
        "Stopped: the fast pipeline failed on corpus-800"
    )


def test_a_stage_as_slow_as_a_minute_runs_once(monkeypatch):
    from kg import bench

    calls = []
    monkeypatch.setattr(bench, "ONE_RUN_FROM", 0.0)  # every run is "slow"
    assert bench._timed(3, lambda: calls.append(1) or "answer")[1] == "answer"
    assert len(calls) == 1
    monkeypatch.setattr(bench, "ONE_RUN_FROM", 3600.0)
    bench._timed(3, lambda: calls.append(1))
    assert len(calls) == 4
