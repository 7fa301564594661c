# Two entry points: `make render` (set up, then render the edition into outputs/)
# and `make test` (set up with the test tools, then lint and run the whole test suite).
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test system-deps render validate test bench wheel

# What rendering needs: the package (editable) and its run-time dependencies only.
# The bytecode too, as pip writes it for an installed wheel: where PYTHONDONTWRITEBYTECODE is set, Python never
# writes it, and every teitools command compiled the package first (0.04 s of a letter's 0.14 s validate).
$(VENV)/ready: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	$(BIN)/python -m compileall -q src/teitools
	touch $@

# The test tools (pytest, ruff, playwright, the HTML checker, build) on top.
$(VENV)/test-ready: $(VENV)/ready
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/ready
setup-test: $(VENV)/test-ready

# The browser, HTML checker and jing parity tests need Debian's chromium, a Java runtime and jing.
system-deps:
	bash scripts/install-system-deps.sh

render: setup
	$(BIN)/teitools render

validate: setup
	$(BIN)/teitools validate

bench: setup-test
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_tei_all.py
	$(BIN)/python bench/bench_scale.py
	$(BIN)/python bench/bench_dask.py
	$(BIN)/python bench/bench_one_document.py

wheel: setup-test
	$(BIN)/python -m build --outdir dist .

test: setup-test system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest
