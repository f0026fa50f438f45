"""Write the tables of README.md and docs/queries.md from the real outputs, so that the docs
show what the commands print.

- README.md: a block that opens with `<!-- output of: kg COMMAND ... -->` and a ```text fence
  holds what that command prints on the embedded data (run as `python -m kg ...` from the
  repository's root, as a user runs it; its standard output only).
- docs/queries.md: a ```sparql block followed by a ```text block: the text block is the
  query's table, as `kg query` prints it, answered on the current build of the embedded data.

tests/test_readme_tables.py and tests/test_queries_guide.py fail when a block is out of step.

Usage:
    .venv/bin/python scripts/readme_tables.py           # rewrite the blocks
    .venv/bin/python scripts/readme_tables.py --check   # exit 1 if a block is out of step
"""

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's kg, whichever one is installed
README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "queries.md"

COMMAND_BLOCK = re.compile(
    r"(?P<open><!-- output of: (?P<command>kg [^\n]*?) -->\n```text\n)"
    r"(?P<body>.*?)(?P<close>```\n)",
    re.DOTALL,
)
"""A command and its output, in README.md."""
QUERY_BLOCK = re.compile(
    r"(?P<open>```sparql\n(?P<query>.*?)```\n\n```text\n)(?P<body>.*?)(?P<close>```\n)",
    re.DOTALL,
)
"""A query and its table, in docs/queries.md."""


def command_output(command: str) -> str:
    """What `command` (`kg ...`) prints on standard output, run from the repository's root."""
    words = shlex.split(command)
    if words[0] != "kg":
        raise ValueError(f"not a kg command: {command}")
    done = subprocess.run(
        [sys.executable, "-m", "kg", *words[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{command} exited {done.returncode}: {done.stderr}")
    return done.stdout


def query_table(query: str, store: object) -> str:
    """The table `kg query` prints for `query` on `store`."""
    from kg.queries import run
    from kg.results import render

    return render(run(query, store), "table")  # type: ignore[arg-type]


def refreshed_readme(text: str) -> str:
    return COMMAND_BLOCK.sub(lambda m: m["open"] + command_output(m["command"]) + m["close"], text)


def refreshed_guide(text: str) -> str:
    from kg.answering import answering_store
    from kg.project import EMBEDDED

    store = answering_store(EMBEDDED, ROOT / "build", given=False).store
    return QUERY_BLOCK.sub(lambda m: m["open"] + query_table(m["query"], store) + m["close"], text)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = options.parse_args()
    stale = []
    for path, refresh in ((README, refreshed_readme), (GUIDE, refreshed_guide)):
        text = path.read_text(encoding="utf-8")
        new = refresh(text)
        if new != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.write_text(new, encoding="utf-8")
    verb = "out of step" if args.check else "rewritten"
    print(f"{verb}: {', '.join(map(str, stale))}" if stale else "all blocks are in step")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
