"""The scripts of the repository run as their `#!` line says (issue 14, point 1).

`make test` once ran the bash script scripts/install-browser.sh with `sh` and failed on a
machine without Chromium ("set: Illegal option -o pipefail"): a defect only a fresh machine
shows. So every place that runs a script (the Makefile, .ci/run and the shell scripts
themselves) is read here, and a script may be run only directly or by the interpreter its
`#!` line names; `make lint` runs shellcheck on every shell script; and the install script
runs here as on a machine without Chromium, with apt-get and sudo stubbed.
"""

import fnmatch
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

SKIPPED_DIRS = {"build", "node_modules", "__pycache__"}
SHELLS = {"sh", "bash", "dash", "zsh", "ksh", "mksh"}
INTERPRETERS = SHELLS | {"python", "pypy", "perl", "ruby", "node"}
OPERATORS = {"||", "&&", ";", "|", "&", "(", ")", "then", "do", "else"}
WRAPPERS = {"env", "sudo", "exec", "time", "nice", "nohup", "command"}
SHELLCHECK = Path(sys.executable).with_name("shellcheck")


@dataclass(frozen=True)
class Mention:
    """A place where a runner (the Makefile or a shell script) names a script, and how."""

    runner: str
    script: str
    by: str
    """The interpreter or tool given the script, or "" when the script is run directly."""


def files() -> list[str]:
    """The repository's files, relative to its root (hidden folders but .ci, caches and builds
    left out)."""
    found = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIPPED_DIRS and (d == ".ci" or not d.startswith("."))
        )
        found += [str((Path(folder) / n).relative_to(ROOT)) for n in names]
    return sorted(found)


def interpreter(path: Path) -> str | None:
    """The interpreter a `#!` line names (`#!/usr/bin/env bash` -> bash), without version."""
    with path.open("rb") as stream:
        first = stream.readline()
    if not first.startswith(b"#!"):
        return None
    words = first[2:].decode("utf-8").split()
    if Path(words[0]).name == "env":
        words = [w for w in words[1:] if not w.startswith("-")]
    return _family(words[0])


def _family(command: str) -> str:
    """python3.11 -> python, /bin/bash -> bash."""
    return re.sub(r"[\d.]+$", "", Path(command).name)


SCRIPTS = {f: i for f in files() if (i := interpreter(ROOT / f)) is not None}


def makefile_lines(text: str) -> list[str]:
    """The Makefile's logical lines, continuations joined and make variables expanded."""
    lines = text.replace("\\\n", " ").splitlines()
    variables = {}
    for line in lines:
        if match := re.match(r"^([A-Za-z_]\w*)\s*(?::=|\?=|=)\s*(.*)$", line):
            variables[match[1]] = match[2].strip()
    expanded = []
    for line in lines:
        for _ in range(10):  # variables that name variables
            line = re.sub(r"\$[({](\w+)[)}]", lambda m: variables.get(m[1], m[0]), line)
        expanded.append(line.lstrip("\t").lstrip("@-+").replace("$$", "$"))
    return expanded


def mentions(runner: str, lines: list[str], shell: str) -> list[Mention]:
    """Every word of `lines` that names a script (literally or by a glob), with how it is used;
    `shell` is the shell that runs the lines themselves (for `.` and `source`)."""
    found = []
    for line in lines:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        try:
            words = list(lexer)
        except ValueError:  # an unclosed quote spans lines: not a command line
            continue
        for at, word in enumerate(words):
            for script in (s for s in SCRIPTS if fnmatch.fnmatch(s, word.removeprefix("./"))):
                before = [w for w in words[:at] if not w.startswith("-")]
                found.append(Mention(runner, script, _user(before, shell)))
    return found


def _user(before: list[str], shell: str) -> str:
    """The command the script is given to, from the words of its line before it: "" when the
    script is itself the command (run directly), else the command's name."""
    command = list(before)
    for at in range(len(command) - 1, -1, -1):
        if command[at] in OPERATORS:
            command = command[at + 1 :]
            break
    command = [w for w in command if not re.fullmatch(r"\w+=\S*", w)]
    while command and _family(command[0]) in WRAPPERS:
        command = command[1:]
    if not command:
        return ""
    if command[0] in {".", "source"}:
        return shell
    return _family(command[0])


def all_mentions() -> list[Mention]:
    found = mentions("Makefile", makefile_lines((ROOT / "Makefile").read_text()), "sh")
    for script, shell in SCRIPTS.items():
        if shell in SHELLS:
            found += mentions(script, (ROOT / script).read_text().splitlines(), shell)
    return found


def wrong_interpreters(found: list[Mention]) -> list[str]:
    """Each mention that runs a script with another interpreter than its `#!` line's."""
    return [
        f"{m.runner} runs {m.script} with {m.by}; its #! line says {SCRIPTS[m.script]}"
        for m in found
        if m.by in INTERPRETERS and m.by != SCRIPTS[m.script]
    ]


def test_the_scripts_and_their_interpreters():
    assert SCRIPTS == {
        ".ci/run": "bash",
        "scripts/install-browser.sh": "bash",
        "scripts/install-virtuoso.sh": "bash",
    }


def test_the_places_that_run_or_read_a_script():
    assert sorted(all_mentions(), key=str) == sorted(
        [
            Mention("Makefile", "scripts/install-browser.sh", "bash"),
            Mention("Makefile", "scripts/install-browser.sh", "shellcheck"),
            Mention("Makefile", "scripts/install-virtuoso.sh", "bash"),
            Mention("Makefile", "scripts/install-virtuoso.sh", "shellcheck"),
            Mention("Makefile", ".ci/run", "shellcheck"),
        ],
        key=str,
    )


def test_every_script_runs_with_the_interpreter_its_shebang_names():
    assert wrong_interpreters(all_mentions()) == []


def test_a_script_run_directly_is_executable():
    direct = {m.script for m in all_mentions() if m.by == ""}
    assert [s for s in sorted(direct) if not os.access(ROOT / s, os.X_OK)] == []
    assert os.access(ROOT / ".ci/run", os.X_OK)  # CI may run it directly as well as with bash


BROWSER, VIRTUOSO = "scripts/install-browser.sh", "scripts/install-virtuoso.sh"


@pytest.mark.parametrize(
    ("recipe", "wrong"),
    [
        ("\t@test -x $(CHROMIUM) || sh scripts/install-browser.sh", [(BROWSER, "sh")]),
        ("\tsh ./scripts/*.sh", [(BROWSER, "sh"), (VIRTUOSO, "sh")]),
        ("\t/bin/dash -e scripts/install-browser.sh", [(BROWSER, "dash")]),
        ("\t. scripts/install-browser.sh", [(BROWSER, "sh")]),
        ("\tcd . && sudo -E env A=1 sh scripts/install-browser.sh", [(BROWSER, "sh")]),
        ("\tbash scripts/install-browser.sh && ./scripts/install-browser.sh", []),
        ("\t$(SHELLCHECK) scripts/install-browser.sh", []),
        ("\t@test -x $(VIRTUOSO) || sh scripts/install-virtuoso.sh", [(VIRTUOSO, "sh")]),
    ],
)
def test_the_check_fires_on_a_script_run_by_another_interpreter(recipe, wrong):
    text = f"CHROMIUM ?= /usr/bin/chromium\nSHELLCHECK := .venv/bin/shellcheck\nb:\n{recipe}\n"
    found = mentions("Makefile", makefile_lines(text), "sh")
    assert wrong_interpreters(found) == [
        f"Makefile runs {script} with {w}; its #! line says bash" for script, w in wrong
    ]


def test_make_lint_shellchecks_every_shell_script():
    lint = [m.script for m in all_mentions() if m.runner == "Makefile" and m.by == "shellcheck"]
    shell_scripts = sorted(s for s, i in SCRIPTS.items() if i in SHELLS)
    assert (
        sorted(lint)
        == shell_scripts
        == [".ci/run", "scripts/install-browser.sh", "scripts/install-virtuoso.sh"]
    )
    lint_target = (ROOT / "Makefile").read_text().split("\nlint:")[1].split("\n\n")[0]
    assert "\t$(BIN)/shellcheck scripts/*.sh .ci/run" in lint_target.splitlines()


def test_shellcheck_finds_nothing_in_the_shell_scripts():
    shell_scripts = sorted(s for s, i in SCRIPTS.items() if i in SHELLS)
    done = subprocess.run(
        [str(SHELLCHECK), *shell_scripts], cwd=ROOT, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("script", ["scripts/install-browser.sh", "scripts/install-virtuoso.sh"])
def test_the_install_scripts_parse_with_bash(script):
    done = subprocess.run(["bash", "-n", script], cwd=ROOT)
    assert done.returncode == 0


APT_GET = """\
#!/usr/bin/env bash
echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> "$LOG"
if [ "$1" = install ]; then
    printf '#!/bin/sh\\necho "Chromium 1.0 stub"\\n' > "$CHROMIUM"
    chmod +x "$CHROMIUM"
fi
"""
# sudo resets the environment: only the stubs' own variables pass, as PATH does through
# sudo's secure_path.
SUDO = """\
#!/usr/bin/env bash
echo "sudo $*" >> "$LOG"
exec env -i PATH="$PATH" LOG="$LOG" CHROMIUM="$CHROMIUM" "$@"
"""
NOT_ROOT = "#!/usr/bin/env bash\necho 1000\n"


def stubs(tmp_path: Path, **commands: str) -> dict[str, str]:
    """A PATH whose first folder holds the given commands; the environment to run make in."""
    folder = tmp_path / "stubs"
    folder.mkdir()
    for name, text in commands.items():
        (folder / name.replace("_", "-")).write_text(text)
        (folder / name.replace("_", "-")).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return {**env, "PATH": f"{folder}:{env['PATH']}", "LOG": str(tmp_path / "log")}


def make_browser(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    chromium = tmp_path / "chromium"
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), "browser", f"CHROMIUM={chromium}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_browser_installs_chromium_on_a_machine_without_it(tmp_path):
    env = stubs(tmp_path, apt_get=APT_GET)
    done = make_browser(tmp_path, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Chromium 1.0 stub\n", "")
    assert (tmp_path / "log").read_text().splitlines() == [
        "apt-get update (DEBIAN_FRONTEND=noninteractive)",
        "apt-get install -y --no-install-recommends chromium fonts-dejavu-core "
        "(DEBIAN_FRONTEND=noninteractive)",
    ]
    again = make_browser(tmp_path, env)  # now it is there: nothing to do
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert len((tmp_path / "log").read_text().splitlines()) == 2


def test_make_browser_uses_sudo_when_not_root(tmp_path):
    env = stubs(tmp_path, apt_get=APT_GET, sudo=SUDO, id=NOT_ROOT)
    done = make_browser(tmp_path, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Chromium 1.0 stub\n", "")
    assert (tmp_path / "log").read_text().splitlines() == [
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get update",
        "apt-get update (DEBIAN_FRONTEND=noninteractive)",
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "
        "chromium fonts-dejavu-core",
        "apt-get install -y --no-install-recommends chromium fonts-dejavu-core "
        "(DEBIAN_FRONTEND=noninteractive)",
    ]


def test_the_install_script_stops_when_apt_get_fails(tmp_path):
    env = stubs(tmp_path, apt_get='#!/usr/bin/env bash\necho "apt-get $*" >> "$LOG"\nexit 100\n')
    done = make_browser(tmp_path, env)
    assert done.returncode == 2  # make's code for a failed recipe
    assert (tmp_path / "log").read_text().splitlines() == ["apt-get update"]
    assert not (tmp_path / "chromium").exists()


# -- Virtuoso (issue 17): only the server's binaries, no debconf question, no system service --

VIRTUOSO_APT_GET = """\
#!/usr/bin/env bash
echo "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> "$LOG"
if [ "$1" = install ]; then
    printf '#!/bin/sh\\necho "Virtuoso Open Source Edition"\\necho "Version 7 stub"\\nexit 1\\n' \\
        > "$VIRTUOSO"
    chmod +x "$VIRTUOSO"
fi
"""
VIRTUOSO_SUDO = """\
#!/usr/bin/env bash
echo "sudo $*" >> "$LOG"
exec env -i PATH="$PATH" LOG="$LOG" VIRTUOSO="$VIRTUOSO" "$@"
"""
VIRTUOSO_INSTALL = "apt-get install -y --no-install-recommends virtuoso-opensource-7-bin"


def make_virtuoso(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    virtuoso = tmp_path / "virtuoso-t"
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), "virtuoso", f"VIRTUOSO={virtuoso}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_test_installs_virtuoso_when_missing():
    test_target = (ROOT / "Makefile").read_text().split("\ntest:")[1].split("\n")[0]
    assert "virtuoso" in test_target.split()


def test_make_virtuoso_installs_the_server_on_a_machine_without_it(tmp_path):
    env = stubs(tmp_path, apt_get=VIRTUOSO_APT_GET)
    done = make_virtuoso(tmp_path, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Version 7 stub\n", "")
    assert (tmp_path / "log").read_text().splitlines() == [
        "apt-get update (DEBIAN_FRONTEND=noninteractive)",
        f"{VIRTUOSO_INSTALL} (DEBIAN_FRONTEND=noninteractive)",
    ]
    again = make_virtuoso(tmp_path, env)  # now it is there: nothing to do
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert len((tmp_path / "log").read_text().splitlines()) == 2


def test_make_virtuoso_uses_sudo_when_not_root(tmp_path):
    env = stubs(tmp_path, apt_get=VIRTUOSO_APT_GET, sudo=VIRTUOSO_SUDO, id=NOT_ROOT)
    done = make_virtuoso(tmp_path, env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "Version 7 stub\n", "")
    assert (tmp_path / "log").read_text().splitlines() == [
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get update",
        "apt-get update (DEBIAN_FRONTEND=noninteractive)",
        f"sudo env DEBIAN_FRONTEND=noninteractive {VIRTUOSO_INSTALL}",
        f"{VIRTUOSO_INSTALL} (DEBIAN_FRONTEND=noninteractive)",
    ]


def test_the_virtuoso_install_stops_when_apt_get_fails(tmp_path):
    env = stubs(tmp_path, apt_get='#!/usr/bin/env bash\necho "apt-get $*" >> "$LOG"\nexit 100\n')
    done = make_virtuoso(tmp_path, env)
    assert done.returncode == 2  # make's code for a failed recipe
    assert (tmp_path / "log").read_text().splitlines() == ["apt-get update"]
    assert not (tmp_path / "virtuoso-t").exists()


def test_the_virtuoso_install_fails_when_the_package_brings_no_server(tmp_path):
    env = stubs(tmp_path, apt_get='#!/usr/bin/env bash\necho "apt-get $*" >> "$LOG"\n')
    done = make_virtuoso(tmp_path, env)
    assert done.returncode == 2
    assert len((tmp_path / "log").read_text().splitlines()) == 2
