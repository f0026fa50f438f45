"""Measure `kg draft` on real reports against their reviewed cards: the figures of docs/draft.md.

Usage:
    .venv/bin/python scripts/draft_measure.py FOLDER [--proposals] [--each]

FOLDER holds the article texts (NN.txt, never committed: they are the outlets' words) and
manifest.tsv, one line per article: NN, the key of its reviewed card in data/sources/, the
publication day (may be empty), the publisher, the address. Each article is drafted into a
copy of the embedded project from which its own reviewed card is removed (so that the draft
cannot learn from the answer), then compared with that card as `kg draft --evaluate` does.
Prints one table pooled over all articles (and with --each one line per article).
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from kg.draft import Evaluation, draft_article, evaluate_files
from kg.project import project_at

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--proposals", action="store_true", help="count '#? ' proposals too")
    parser.add_argument("--each", action="store_true", help="one line per article")
    args = parser.parse_args()
    total = Evaluation()
    lines = []
    for row in (args.folder / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        number, card, date, publisher, url = row.split("\t")
        reviewed = ROOT / "data" / "sources" / f"{card}.yaml"
        with tempfile.TemporaryDirectory() as tmp:
            project_dir = Path(tmp) / "project"
            shutil.copytree(ROOT / "data", project_dir)
            (project_dir / "sources" / f"{card}.yaml").unlink()
            result = draft_article(
                project_at(project_dir),
                str(args.folder / f"{number}.txt"),
                url=url,
                date=date or None,
                publisher=publisher,
            )
            evaluation = evaluate_files(result.path, reviewed, proposals=args.proposals)
        total = total + evaluation
        lines.append(
            f"{number} {card}: quotes {evaluation.quotes_found}/{evaluation.reviewed_quotes}, "
            f"same statements {evaluation.same}/{evaluation.reviewed_statements}, "
            f"draft statements {evaluation.draft_statements}, "
            f"positions {evaluation.positions_right}/{evaluation.draft_positions} right"
            + "".join(f"\n    {m}" for m in evaluation.misses)
        )
    if args.each:
        print("\n".join(lines), end="\n\n")
    sys.stdout.write(total.table())


if __name__ == "__main__":
    main()
