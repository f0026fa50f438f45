"""How fast the matrix view is at 2,000 generated cards, beside the embedded data: the figures
of docs/benchmark.md ("The matrix and the timeline").

Usage:
    .venv/bin/python scripts/views_speed.py [--cards 2000] [--seed 1] [--runs 3] [--keep DIR]

Writes a synthetic project (`kg synth`), builds it (`kg build`), then, for it and for the
embedded data (the current build, as `kg query` answers): the time to export the matrix page
(`export_view`, the query and the page written; median of --runs), the page's size, and in
headless Chromium (the tests' CDP driver, network off) the time from navigation to the first
drawn matrix, the time to filter (typing a word into the filter box, laid out), to sort by an
issue and to recompute every cell for an as-of day; medians of --runs page loads, and of five
filters, sorts and days per load. Prints a Markdown table.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.answering import answering_store  # noqa: E402
from kg.build import STORE_DIR, build  # noqa: E402
from kg.export.stance_views import export_view  # noqa: E402
from kg.project import EMBEDDED, Project  # noqa: E402
from kg.synth import synth_project  # noqa: E402
from tests.serve.browser import Browser  # noqa: E402

WORDS = ("proposal", "talks", "ministry", "treaty", "a")
DAYS = ("2024-03-01", "2024-06-01", "2025-01-01", "2025-10-05", "2026-02-05")
TIMED = """(() => {{
  const t = performance.now();
  {action}
  void document.body.offsetHeight;
  return performance.now() - t;
}})()"""


def set_value(element: str, value: str, event: str) -> str:
    return TIMED.format(
        action=f"const e = document.getElementById('{element}'); e.value = '{value}'; "
        f"e.dispatchEvent(new Event('{event}'));"
    )


def measure(store: ox.Store, label: str, out: Path, runs: int) -> dict[str, str]:
    page = out / f"{label}.html"
    exports = []
    for _ in range(runs):
        result = export_view(store, "matrix", "html", page)
        exports.append(result.seconds)
    draws, filters, sorts, days = [], [], [], []
    with Browser() as browser:
        for _ in range(runs):
            browser.open("about:blank")
            browser.open(page.resolve().as_uri())
            draws.append(float(browser.wait_until("document.body.dataset.drawnMs")))
            for word in WORDS:
                filters.append(browser.evaluate(set_value("filter", word, "input")))
            browser.evaluate(set_value("filter", "", "input"))
            for column in range(1, 6):
                sorts.append(
                    browser.evaluate(
                        TIMED.format(
                            action="document.querySelectorAll('#matrix .issue[data-issue]')"
                            f"[{column}].click();"
                        )
                    )
                )
            for day in DAYS:
                days.append(browser.evaluate(set_value("asof", day, "change")))
        errors = browser.errors()
    if errors:
        raise SystemExit(f"the page of {label} reported errors: {errors}")
    return {
        "data": label,
        "actors x issues": f"{result.actors} x {result.issues}",
        "cells": f"{result.cells:,}",
        "export": f"{statistics.median(exports):.2f} s",
        "page size": f"{result.bytes / 1e6:.2f} MB",
        "first draw": f"{statistics.median(draws):.0f} ms",
        "filter": f"{statistics.median(filters):.0f} ms",
        "sort by an issue": f"{statistics.median(sorts):.0f} ms",
        "as-of day": f"{statistics.median(days):.0f} ms",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the project here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-views-speed-") as scratch:
        root = args.keep or Path(scratch) / "synth"
        if not (root / "build" / STORE_DIR).is_dir():
            synth_project(root, cards=args.cards, seed=args.seed)
            started = time.perf_counter()
            assert build(root / "build", Project(root)).written
            print(f"built {args.cards} cards in {time.perf_counter() - started:.1f} s", flush=True)
        rows = [
            measure(
                answering_store(EMBEDDED, ROOT / "build", given=False).store,
                "embedded",
                Path(scratch),
                args.runs,
            ),
            measure(
                ox.Store.read_only(str(root / "build" / STORE_DIR)),
                f"{args.cards:,} cards (seed {args.seed})",
                Path(scratch),
                args.runs,
            ),
        ]
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row[h] for h in header) + " |")


if __name__ == "__main__":
    main()
