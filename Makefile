# The two commands of the README: `make run` and `make test`. Both create .venv when missing
# and (re)install the project when pyproject.toml changed; nothing else needs to be installed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := build
CHROMIUM ?= /usr/bin/chromium
VIRTUOSO ?= /usr/bin/virtuoso-t

.PHONY: run test lint browser virtuoso clean

run: $(VENV)/.installed-run
	$(BIN)/kg build --out $(OUT)
	$(BIN)/kg query who-supports-which-format \
	    --columns target,targetKind,holder,stance,condition,since,evidenceCount,sourceCount,current
	$(BIN)/kg export --view stances --to html -o $(OUT)/stances.html
	$(BIN)/kg export --view matrix --to html --build $(OUT) -o $(OUT)/matrix.html

test: $(VENV)/.installed-test lint browser virtuoso
	$(BIN)/pytest

# The HTML export is tested in headless Chromium (Debian's package), installed when missing.
# Every script runs with the interpreter its #! line names (tests/test_scripts.py checks it).
browser:
	@test -x $(CHROMIUM) || CHROMIUM=$(CHROMIUM) bash scripts/install-browser.sh

# The remote-store tests start Debian's Virtuoso on loopback (a database folder of their own in
# a temporary folder; no system service), installed when missing.
virtuoso:
	@test -x $(VIRTUOSO) || VIRTUOSO=$(VIRTUOSO) bash scripts/install-virtuoso.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests
	$(BIN)/mypy
	$(BIN)/shellcheck scripts/*.sh .ci/run

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
