# Two commands on a fresh machine: `make render` and `make test`; `make check`, `make pdf`,
# `make preview` and `make doctor` for the everyday commands (or run .venv/bin/docgen yourself).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PLAN ?= data/campaign.yaml
OUT ?=
OUT_OPTION = $(if $(OUT),-o $(OUT))

.PHONY: render check pdf preview doctor test lint typecheck docs pytest fuzz bench templates schema clean catalog constraints

render: $(VENV)/.installed
	$(BIN)/docgen check $(PLAN)
	$(BIN)/docgen render $(PLAN) $(OUT_OPTION)

check: $(VENV)/.installed
	$(BIN)/docgen check $(PLAN)

pdf: $(VENV)/.installed
	$(BIN)/docgen check $(PLAN)
	$(BIN)/docgen render $(PLAN) $(OUT_OPTION) --pdf

preview: $(VENV)/.installed
	$(BIN)/docgen preview $(PLAN) -o $(if $(OUT),$(OUT),out)/preview

doctor: $(VENV)/.installed
	$(BIN)/docgen doctor

test: $(VENV)/.installed-test lint typecheck docs pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check docgen tests scripts
	$(BIN)/ruff format --check docgen tests scripts
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# the docs site (mkdocs.yml, docs/): every link and every page of the nav must resolve
docs: $(VENV)/.installed-test
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir build/site

pytest: $(VENV)/.installed-test
	$(BIN)/pytest -q

fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/plan/test_hostile.py tests/plan/test_fuzz_text.py tests/inputs/test_mail_fuzz.py \
		tests/web/test_http_fuzz.py tests/tracking/test_receive_fuzz.py tests/importing/test_fuzz_import.py \
		tests/auditing/test_fuzz_audit.py tests/tracking/test_fuzz_returns.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

# compileall: an editable install writes no bytecode, and a first run should not be a compile.
# Installs take the versions the tests passed with (constraints.txt); `make constraints` records
# the versions of a venv that passed `make test` after a dependency changed.
$(VENV)/.installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install -c constraints.txt -e '.[serve]'
	$(BIN)/python -m compileall -q docgen
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install -c constraints.txt -e '.[serve,test,lint,docs,browser]'
	$(BIN)/python -m compileall -q docgen
	touch $@ $(VENV)/.installed

constraints: $(VENV)/.installed-test
	( echo "# The versions docgen's tests passed with: make installs with pip install -c constraints.txt."; \
	  echo "# Written by make constraints (pip freeze of a venv that passed make test)."; \
	  $(BIN)/python -m pip freeze --exclude-editable --all | grep -v -E '^(pip|setuptools|wheel)==' ) > constraints.txt

# the schema beside the plan in a checkout (data/campaign.yaml names ../schema) and in the package
schema: $(VENV)/.installed
	$(BIN)/docgen schema > schema/plan.schema.json
	cp schema/plan.schema.json docgen/shipped/schema/plan.schema.json

clean:
	rm -rf out build dist site .pytest_cache .mypy_cache .ruff_cache

templates: $(VENV)/.installed
	$(BIN)/python scripts/build_templates.py

# Messages: extract the marked texts, merge them into each language's catalog, compile.
# New ids arrive empty in zh_CN (and in en, which copies them); tests/cli/test_i18n.py fails until
# they are translated.
LOCALE := docgen/messages/locale
catalog: $(VENV)/.installed-test
	$(BIN)/pybabel extract -F babel.cfg --project docgen --version 0.1.0 --no-location --sort-output \
		-c "TRANSLATORS:" -o $(LOCALE)/docgen.pot docgen
	$(BIN)/pybabel update -D docgen -i $(LOCALE)/docgen.pot -d $(LOCALE) --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python scripts/english_catalog.py $(LOCALE)/en/LC_MESSAGES/docgen.po
	$(BIN)/pybabel compile -D docgen -d $(LOCALE) --statistics

bench: $(VENV)/.installed-test
	$(BIN)/python scripts/bench.py --jobs
