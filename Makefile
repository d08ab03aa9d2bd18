# Two commands on a fresh machine: `make render` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PLAN ?= data/campaign.yaml
OUT ?= out

.PHONY: render test lint typecheck pytest fuzz bench templates schema clean

render: $(VENV)/.installed
	$(BIN)/docgen check $(PLAN)
	$(BIN)/docgen render $(PLAN) -o $(OUT)

test: $(VENV)/.installed-test lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check docgen tests scripts
	$(BIN)/ruff format --check docgen tests scripts

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest -q

fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/test_hostile.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

schema: $(VENV)/.installed
	$(BIN)/docgen schema > schema/plan.schema.json

clean:
	rm -rf $(OUT) build dist .pytest_cache .mypy_cache .ruff_cache

templates: $(VENV)/.installed
	$(BIN)/python scripts/build_templates.py
