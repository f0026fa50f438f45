"""`kg bench`: the naive pipeline and the project's own, side by side, on generated corpora.

Each pipeline runs in a child process of its own (so that its peak memory is its own), stage by
stage, and reports the median time of each stage, the peak RSS after it, the violations it
found and every named query's answer. The parent checks that both pipelines agree and prints
one table per corpus size with the ratios. Where the naive pipeline would take too long, its
times are extrapolated from the smaller sizes, and the table says so.

    naive: rdflib Dataset from the cards -> owlrl OWL 2 RL closure -> pySHACL -> rdflib SPARQL
    fast:  cached card compiler -> Oxigraph store -> SPARQL materialisation -> SHACL as SPARQL
           over the store (kg.fastshacl) -> Oxigraph SPARQL
"""

import json
import math
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError

Stage = tuple[str, float, float]  # name, median seconds, peak RSS in MiB after the stage


@dataclass
class PipelineRun:
    """What one pipeline did on one corpus."""

    pipeline: str
    triples: int
    stages: list[Stage]
    violations: list[list[str]]
    answers: dict[str, list[list[str]]]
    extrapolated: bool = False

    def seconds(self, name: str) -> float:
        return next(s for n, s, _ in self.stages if n == name)


@dataclass
class Comparison:
    size: int
    cards: int
    naive: PipelineRun
    fast: PipelineRun
    same_violations: bool | None
    same_answers: bool | None
    incremental_seconds: float | None = None
    notes: list[str] = field(default_factory=list)


def _peak_mib() -> float:
    """The peak RSS of this process or of its largest finished child (the compile workers)."""
    peaks = (
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return max(peaks) / 1024


ONE_RUN_FROM = 60.0
"""Seconds from which one run of a stage is its time: the noise of a shared machine is small
beside it, and the naive engine's slowest queries would otherwise take hours at 800 cards."""


def _timed(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = step()
        times.append(time.perf_counter() - started)
        if times[-1] >= ONE_RUN_FROM:
            break
    return statistics.median(times), value


def run_pipeline(pipeline: str, project_dir: Path, repeat: int) -> PipelineRun:
    """Run one pipeline on a project, in this process; see the module docstring."""
    from kg.project import Project
    from kg.queries import named_queries, parse_parameters, run
    from kg.results import rows

    project = Project(project_dir)
    stages: list[Stage] = []

    def stage(name: str, step: Callable[[], Any], times: int = repeat) -> Any:
        seconds, value = _timed(times, step)
        stages.append((name, seconds, _peak_mib()))
        return value

    if pipeline == "naive":
        import owlrl

        from kg.dataset import load_asserted, union
        from kg.validation import validate

        dataset = stage("compile+load", lambda: load_asserted(project))
        graph = union(dataset)
        triples = len(graph)
        stage("reason", lambda: owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph), 1)
        from kg.dataset import add_inferences

        add_inferences(dataset)  # the project's own inferences, so queries see the same data
        data = union(dataset)
        violations = stage("validate", lambda: validate(data), 1)
        engine: Any = dataset
    else:
        from kg.build import build, current_store
        from kg.progress import Progress

        out = project_dir / "build"
        progress = Progress(enabled=False)
        result = stage(
            "build", lambda: build(out, project, validator=_fast_validator(), progress=progress), 1
        )
        peak = stages[-1][2]
        stages += [(f"  {name}", seconds, peak) for name, seconds in progress.seconds.items()]
        violations = result.violations
        triples = result.asserted_triples
        engine = current_store(out, project) if result.written else None
        if engine is None:
            engine = _store_of(project)
    answers = {}
    for name, query in named_queries().items():

        def answer(query: Any = query, bindings: Any = None) -> tuple[list[str], list[list[str]]]:
            return rows(run(query, engine, bindings))

        header, body = stage(f"query {name}", answer)
        answers[name] = [header, *body]
        # As an analyst asks it: for one format, one actor, one position (the first answered).
        parameter = next((p for p in query.parameters if p in header), None)
        if parameter and body:
            value = body[0][header.index(parameter)]
            bindings = parse_parameters([f"{parameter}={value}"], query)
            selective = f"query {name} (?{parameter} bound)"
            header, body = stage(selective, partial(answer, query, bindings))
            answers[selective] = [header, *body]
    found = [[v.focus, v.path, v.shape, v.message] for v in violations]
    return PipelineRun(pipeline, triples, stages, sorted(found), answers)


def _fast_validator() -> Any:
    from kg.build import fast_validator

    return fast_validator


def _store_of(project: Any) -> Any:
    from kg.dataset import load_asserted
    from kg.store import store_from_dataset

    return store_from_dataset(load_asserted(project))


def _child(pipeline: str, project_dir: Path, repeat: int, timeout: float) -> PipelineRun:
    """Run a pipeline in a child process and read back its report."""
    command = [sys.executable, "-m", "kg.bench", pipeline, str(project_dir), str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise KgError(f"the {pipeline} pipeline failed on {project_dir}:\n{done.stderr[-2000:]}")
    data = json.loads(done.stdout)
    data["stages"] = [tuple(s) for s in data["stages"]]
    return PipelineRun(**data)


def extrapolate(runs: list[PipelineRun], triples: int) -> PipelineRun:
    """Scale each stage of the naive pipeline from the two largest measured sizes with a power
    law (t = a * n^b), which fits both linear and quadratic growth."""
    small, large = sorted(runs, key=lambda r: r.triples)[-2:]
    stages: list[Stage] = []
    for name, seconds, rss in large.stages:
        # A stage only the larger corpus has (a parameterised query whose parameter the
        # smaller corpus never answered) scales linearly.
        before = next((s for n, s, _ in small.stages if n == name), 0.0)
        exponent = 1.0
        if before > 0 and seconds > 0:
            exponent = math.log(seconds / before) / math.log(large.triples / small.triples)
            exponent = max(exponent, 1.0)
        stages.append(
            (name, seconds * (triples / large.triples) ** exponent, rss * triples / large.triples)
        )
    return PipelineRun("naive", triples, stages, [], {}, extrapolated=True)


def table(comparison: Comparison) -> str:
    """One corpus size: stage, naive time, fast time, ratio, and peak memory of each."""
    naive, fast = comparison.naive, comparison.fast
    mark = " (extrapolated)" if naive.extrapolated else ""
    lines = [
        f"## {comparison.cards} cards, {fast.triples:,} asserted triples{mark}",
        "",
        "| stage | naive | fast | ratio | naive peak RSS | fast peak RSS |",
        "|---|---|---|---|---|---|",
    ]
    naive_build = sum(s for n, s, _ in naive.stages if not n.startswith(("query", "  ")))
    fast_build = sum(s for n, s, _ in fast.stages if not n.startswith(("query", "  ")))
    lines.append(
        f"| full build | {_s(naive_build)} | {_s(fast_build)} | {_ratio(naive_build, fast_build)} "
        f"| {_mib(max(r for n, _, r in naive.stages if not n.startswith('query')))} "
        f"| {_mib(max(r for n, _, r in fast.stages if not n.startswith('query')))} |"
    )
    for name, seconds, rss in naive.stages:
        if not name.startswith("query"):
            lines.append(f"| {name} (naive) | {_s(seconds)} | | | {_mib(rss)} | |")
    for name, seconds, rss in fast.stages:
        if not name.startswith("query"):
            lines.append(f"| {name} (fast) | | {_s(seconds)} | | | {_mib(rss)} |")
    for name, seconds, _ in fast.stages:
        if name.startswith("query"):
            slow = naive.seconds(name) if any(n == name for n, _, _ in naive.stages) else None
            ratio = _ratio(slow, seconds) if slow else ""
            lines.append(f"| {name} | {_s(slow) if slow else ''} | {_s(seconds)} | {ratio} | | |")
    if comparison.incremental_seconds is not None:
        lines.append(
            f"| one card changed, rebuild | | {_s(comparison.incremental_seconds)} | | | |"
        )
    agree = {True: "yes", False: "NO", None: "not compared (extrapolated)"}
    lines += [
        "",
        f"Same violations (focus, path, shape, message): {agree[comparison.same_violations]}; "
        f"same answers to every named query: {agree[comparison.same_answers]}.",
    ]
    lines += [f"Note: {note}" for note in comparison.notes]
    return "\n".join(lines) + "\n"


def _ratio(slow: float, fast: float) -> str:
    """How many times as fast; to one decimal below 10, where rounding to a whole number
    would show a query that is half as fast as "0x" and one a third faster as "1x"."""
    ratio = slow / fast
    return f"{ratio:.1f}x" if ratio < 9.95 else f"{ratio:.0f}x"


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mib(mib: float) -> str:
    return f"{mib:,.0f} MiB"


def check_sizes(sizes: list[int], naive_limit: int) -> list[int]:
    """The sizes in ascending order, refused before any work when a size above the naive limit
    could not be extrapolated (a power law needs two measured sizes)."""
    if not sizes or any(cards < 1 for cards in sizes):
        raise InputError(f"--cards takes sizes of at least 1 card, not {sizes}")
    ordered = sorted(set(sizes))
    measured = [cards for cards in ordered if cards <= naive_limit]
    if len(measured) < 2 and len(measured) < len(ordered):
        above = ", ".join(str(c) for c in ordered if c > naive_limit)
        raise InputError(
            f"the naive pipeline runs up to --naive-limit {naive_limit:,} cards; to extrapolate "
            f"it to {above} cards it needs two measured sizes, but --cards has "
            f"{len(measured)} at or below the limit: add smaller sizes (e.g. --cards "
            f"80,800,{ordered[-1]}) or raise --naive-limit"
        )
    return ordered


def bench(
    sizes: list[int],
    seed: int = 1,
    naive_limit: int = 1_000,
    repeat: int = 3,
    errors: dict[str, int] | None = None,
    emit: Callable[[str], None] = print,
) -> list[Comparison]:
    """Generate a corpus of each size (in cards), run both pipelines, print the tables; the
    naive pipeline runs up to `naive_limit` cards and is extrapolated above it."""
    from kg.synth import synth_project

    comparisons: list[Comparison] = []
    naive_runs: list[PipelineRun] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        for cards in check_sizes(sizes, naive_limit):
            project = Path(scratch) / f"corpus-{cards}"
            synth_project(project, cards=cards, seed=seed, errors=errors)
            timeout = 3600.0
            fast = _child("fast", project, repeat, timeout)
            notes = []
            if cards <= naive_limit:
                naive = _child("naive", project, repeat, timeout)
                naive_runs.append(naive)
                same_v: bool | None = naive.violations == fast.violations
                same_a: bool | None = naive.answers == fast.answers
            else:
                naive = extrapolate(naive_runs, fast.triples)
                same_v = same_a = None
                notes.append(
                    f"the naive pipeline was not run above {naive_limit:,} cards; its times "
                    "are extrapolated from the two largest measured sizes (power law per stage)"
                )
            incremental = _incremental(project)
            comparison = Comparison(cards, cards, naive, fast, same_v, same_a, incremental, notes)
            comparisons.append(comparison)
            emit(table(comparison))
    return comparisons


def _incremental(project: Path, repeat: int = 3) -> float:
    """The median time of `kg build` after editing one card's URL (a real change: one of its
    triples changes), the build of the fast run being in place: an update of that build."""
    card = sorted((project / "sources").glob("*.yaml"))[
        len(list((project / "sources").glob("*.yaml"))) // 2
    ]
    original = card.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "kg", "build", "--project", str(project)]
    times = []
    try:
        for edit in range(repeat):
            edited = re.sub(r"(?m)^(  url: \S+)$", rf"\g<1>?edit={edit}", original, count=1)
            if edited == original:
                raise KgError(f"{card} has no source URL to edit")
            card.write_text(edited, encoding="utf-8")
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if done.returncode not in (0, 1):
                raise KgError(f"the incremental rebuild failed:\n{done.stderr[-2000:]}")
    finally:
        card.write_text(original, encoding="utf-8")
    return statistics.median(times)


def _main() -> None:
    pipeline, project, repeat = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    run = run_pipeline(pipeline, project, repeat)
    json.dump(run.__dict__, sys.stdout)


if __name__ == "__main__":
    _main()
