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
