"""How long `kg export` takes, and how much memory, for every view and format kg registers.

Usage:
    .venv/bin/python scripts/export_speed.py PROJECT [--synth CARDS] [--seed S] [--runs 3]
        [--views stances,...] [--formats html,...] [--browser] [--out DIR]

PROJECT is a project folder with a build in PROJECT/build (`kg build --project PROJECT`); with
--synth CARDS the project is first written by `kg synth` (the folder must not exist) and built.
Each view of kg.export.VIEWS in each format of kg.export.FORMATS, and the matrix and the
timeline in each of theirs (kg.export.RENDERERS; views another module registers are picked up),
is exported by `kg export` in a child process, --runs times; the
table gives the median wall-clock seconds, the largest peak RSS of the child (its own
getrusage, via os.wait4) and the size of what it wrote.

With --browser the stances page is also opened in headless Chromium (over the DevTools
protocol, tests/serve/browser.py), --runs times: the time to its first drawing (from the start
of loading, as the page reports it in data-first-draw-ms) and the time its issue filter takes
to draw the busiest issue (data-last-draw-ms), medians.

Prints Markdown tables.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.serve.browser, the project's DevTools driver

from kg.export import FORMATS, RENDERERS, VIEWS  # noqa: E402

ALL_VIEWS = {view: list(FORMATS) for view in VIEWS} | {v: list(f) for v, f in RENDERERS.items()}
"""Every view kg exports, the graph views' and the stance views' (matrix, timeline), with its
formats."""


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def run(command: list[str], refusable: bool = False) -> tuple[float, float, int, str]:
    """Wall-clock and CPU seconds and peak RSS in KiB of a child process, and what it said on
    stderr when it refused (exit code 2, a user-facing error) and `refusable`; else it must
    succeed. CPU seconds (user and system) tell more than the clock on a busy machine."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        said = stderr.read().decode()
    cpu = usage.ru_utime + usage.ru_stime
    if code == 2 and refusable:
        return seconds, cpu, usage.ru_maxrss, said.strip().splitlines()[-1]
    if code != 0:
        sys.exit(f"{' '.join(command)} failed ({code}):\n{said}")
    return seconds, cpu, usage.ru_maxrss, ""


def size(out: Path, fmt: str) -> int:
    """Bytes written: a graph view's csv is two files (nodes and edges), the matrix's one."""
    if fmt == "csv" and not out.exists():
        stem = out.with_suffix("")
        return sum(
            p.stat().st_size
            for p in (stem.with_suffix(".nodes.csv"), stem.with_suffix(".edges.csv"))
        )
    return out.stat().st_size


def prepare(project: Path, cards: int | None, seed: int) -> None:
    if cards is not None:
        run(kg("synth", "--cards", str(cards), "--seed", str(seed), "-o", str(project)))
    if cards is not None or not (project / "build" / "store").is_dir():
        seconds, _, rss, _ = run(kg("build", "--project", str(project)))
        print(f"built {project}/build in {seconds:.1f} s, peak RSS {rss // 1024:,} MiB\n")


def exports(project: Path, views: list[str], formats: list[str], runs: int, out: Path) -> None:
    print("| view | format | median s | median CPU s | peak RSS MiB | file size |")
    print("|---|---|---|---|---|---|")
    for view in views:
        for fmt in (f for f in formats if f in ALL_VIEWS[view]):
            target = out / f"{view}{FORMATS[fmt].suffix if fmt in FORMATS else '.' + fmt}"
            seconds, cpus, peaks = [], [], []
            for _ in range(runs):
                command = kg(
                    "export",
                    "--project",
                    str(project),
                    "--view",
                    view,
                    "--to",
                    fmt,
                    "-o",
                    str(target),
                )
                took, cpu, rss, refused = run(command, refusable=True)
                seconds.append(took)
                cpus.append(cpu)
                peaks.append(rss)
            timing = (
                f"| {view} | {fmt} | {statistics.median(seconds):.2f} "
                f"| {statistics.median(cpus):.2f} | {max(peaks) // 1024:,} "
            )
            what = f"refused: {refused}" if refused else f"{size(target, fmt) / 1e6:,.1f} MB"
            print(f"{timing}| {what} |", flush=True)


def browser_times(page: Path, runs: int) -> None:
    """Median time to the first drawing and to the issue filter's drawing, in Chromium."""
    from tests.serve.browser import Browser

    data = page.read_text(encoding="utf-8")
    start = data.index('id="graph-data">') + len('id="graph-data">')
    packed = json.loads(data[start : data.index("</script>", start)])
    strings, nodes, edges = packed["strings"], packed["nodes"], packed["edges"]
    ids = [strings[i] for i in nodes["columns"]["id"]]
    counted: dict[int, int] = {}
    for target in edges["columns"]["target"]:
        counted[target] = counted.get(target, 0) + 1
    issue = ids[min(counted, key=lambda n: (-counted[n], ids[n]))]
    first, filtered = [], []
    with Browser(1400, 900) as browser:
        for _ in range(runs):
            browser.open("about:blank")
            browser.open(page.resolve().as_uri())
            browser.wait_until("document.body.getAttribute('data-last-draw') === 'open'", 60)
            first.append(float(browser.evaluate("document.body.dataset.firstDrawMs")))
            browser.evaluate(
                "(() => { const s = document.getElementById('issue'); "
                f"s.value = {json.dumps(issue)}; s.dispatchEvent(new Event('change')); }})()"
            )
            browser.wait_until("document.body.getAttribute('data-last-draw') === 'filter'", 60)
            filtered.append(float(browser.evaluate("document.body.dataset.lastDrawMs")))
        errors = browser.errors()
    print("\n| page | size | first drawing (median) | issue filter drawn (median) | errors |")
    print("|---|---|---|---|---|")
    print(
        f"| {page.name} | {page.stat().st_size / 1e6:,.1f} MB | {statistics.median(first):,.0f} ms "
        f"| {statistics.median(filtered):,.0f} ms | {len(errors)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--synth", type=int, metavar="CARDS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--views", default=",".join(ALL_VIEWS))
    every_format = {fmt: None for formats in ALL_VIEWS.values() for fmt in formats}
    parser.add_argument("--formats", default=",".join(every_format))
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--out", type=Path, help="where the exports go (default: a temp folder)")
    args = parser.parse_args()
    prepare(args.project, args.synth, args.seed)
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-export-speed-"))
    out.mkdir(parents=True, exist_ok=True)
    views = [v for v in args.views.split(",") if v]
    formats = [f for f in args.formats.split(",") if f]
    print(f"`kg export --project {args.project}`, {args.runs} run(s) each, into {out}:\n")
    exports(args.project, views, formats, args.runs, out)
    if args.browser:
        page = out / "stances.html"
        if not page.exists():
            run(kg("export", "--project", str(args.project), "--to", "html", "-o", str(page)))
        browser_times(page, args.runs)


if __name__ == "__main__":
    main()
