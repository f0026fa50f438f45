"""How long `kg draft` takes on a 1,000-word article: the figure of docs/draft.md.

Usage:
    .venv/bin/python scripts/draft_speed.py [--words 1000] [--runs 5] [--project DIR]

The article is made of the test set's original texts (tests/draft/articles/*.txt), joined
until it has at least --words words. Each run drafts it into a fresh copy of the project
(default: the embedded one) as `kg draft` does: reading the registry and the cards, finding
sentences, quotes, speakers, dates and positions, writing the card. Prints the median and the
slowest run, and, apart, the time of a first run in a fresh process (pysbd's and rapidfuzz's
imports included).
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(words: int) -> str:
    paragraphs: list[str] = []
    texts = sorted((ROOT / "tests" / "draft" / "articles").glob("*.txt"))
    while sum(len(p.split()) for p in paragraphs) < words:
        for path in texts:
            paragraphs += path.read_text(encoding="utf-8").split("\n\n")
            if sum(len(p.split()) for p in paragraphs) >= words:
                break
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    from kg.draft import draft_article
    from kg.project import project_at

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "article.txt"
        text.write_text(article(args.words), encoding="utf-8")
        words = len(text.read_text(encoding="utf-8").split())
        times = []
        for run in range(args.runs):
            copy = Path(tmp) / f"project-{run}"
            shutil.copytree(args.project, copy)
            started = time.perf_counter()
            result = draft_article(project_at(copy), str(text), date="2026-02-06")
            times.append(time.perf_counter() - started)
        cards = len(list((args.project / "sources").glob("*.yaml")))
        print(
            f"article: {words} words, {len(result.draft.statements)} statements drafted; "
            f"project: {cards} cards"
        )
        print(
            f"draft_article, in process: median {statistics.median(times):.3f} s, "
            f"slowest {max(times):.3f} s over {args.runs} runs"
        )
        copy = Path(tmp) / "project-cli"
        shutil.copytree(args.project, copy)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "draft",
                str(text),
                "--project",
                str(copy),
                "--date",
                "2026-02-06",
            ],
            check=True,
            capture_output=True,
        )
        print(
            f"kg draft, a fresh process (imports included): {time.perf_counter() - started:.3f} s"
        )


if __name__ == "__main__":
    main()
