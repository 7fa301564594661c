# Two entry points: `make render` (set up, then render the edition into outputs/)
# and `make test` (set up, then lint and run the whole test suite).
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup system-deps render validate test bench

$(VENV)/ready: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/ready

# The browser and HTML checker tests need Debian's chromium and a Java runtime.
system-deps:
	bash scripts/install-system-deps.sh

render: setup
	$(BIN)/teitools render

validate: setup
	$(BIN)/teitools validate

bench: setup
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_scale.py

test: setup system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest
