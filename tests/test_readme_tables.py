"""The README's tables are what the commands print (issue 14): each block marked
`<!-- output of: kg ... -->` holds that command's real output on the embedded data, which
scripts/readme_tables.py writes."""

import importlib.util
import re
import shlex

from conftest import ROOT, kg

_SPEC = importlib.util.spec_from_file_location(
    "readme_tables", ROOT / "scripts" / "readme_tables.py"
)
assert _SPEC is not None and _SPEC.loader is not None
readme_tables = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(readme_tables)

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = list(readme_tables.COMMAND_BLOCK.finditer(README))


def test_the_headline_table_is_a_generated_block():
    headline = README.index("**who supports which negotiation format**")
    assert BLOCKS and BLOCKS[0].start() > headline
    assert BLOCKS[0]["command"].startswith("kg query who-supports-which-format ")


def test_each_block_is_the_output_of_its_command():
    for block in BLOCKS:
        done = kg(*shlex.split(block["command"])[1:])
        assert done.returncode == 0, done.stderr
        assert block["body"] == done.stdout, (
            f"{block['command']}: run .venv/bin/python scripts/readme_tables.py"
        )


def test_the_headline_command_is_the_one_make_run_prints():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    run = re.search(r"\$\(BIN\)/kg (query who-supports-which-format [^\n]*)", makefile)
    assert run is not None
    assert shlex.split(BLOCKS[0]["command"]) == ["kg", *shlex.split(run[1])]


def test_every_example_command_of_the_readme_runs(tmp_path):
    """The README's "Examples:" named a file that no longer existed (a Turtle source that had
    become a card). Each line runs as a user would type it, in order: `~` is a fresh home
    folder, and the repository's data/ is reached from a folder of the user's, where `build`
    is written."""
    block = README.split("\nExamples:\n\n```sh\n", 1)[1].split("\n```", 1)[0]
    (tmp_path / "data").symlink_to(ROOT / "data")
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    ran = 0
    for line in block.splitlines():
        for command in line.split(" && "):
            words = [
                str(tmp_path) + w[1:] if w.startswith("~/") else w for w in shlex.split(command)
            ]
            assert words[0] == "kg", line
            done = kg(*words[1:], cwd=tmp_path, env=env)
            assert done.returncode == 0, (line, done.stderr)
            ran += 1
    assert ran == 9
    assert (tmp_path / "build" / "dataset.trig").is_file()
    assert (tmp_path / "iran-talks" / "build" / "dataset.trig").is_file()
