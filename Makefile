# The two commands of the README: `make run` and `make test`. Both create .venv when missing
# and (re)install the project when pyproject.toml changed; nothing else needs to be installed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := build

.PHONY: run test lint browser clean

run: $(VENV)/.installed-run
	$(BIN)/kg build --out $(OUT)
	$(BIN)/kg query who-supports-which-format \
	    --columns target,targetKind,holder,stance,condition,since,evidenceCount,current
	$(BIN)/kg export --view stances --to html -o $(OUT)/stances.html

test: $(VENV)/.installed-test lint browser
	$(BIN)/pytest

# The HTML export is tested in headless Chromium (Debian's package), installed when missing.
browser:
	@test -x /usr/bin/chromium || sh scripts/install-browser.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests
	$(BIN)/mypy

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
