# Two commands do everything on a fresh machine:
#   make demo   install into .venv, convert samples/ into out/, print a summary
#   make test   install, then ruff + mypy + pytest
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/goalparse parse samples/*.txt -o out
	@echo "--- JSON per input in out/; scored against samples/*.gold.json:"
	$(BIN)/goalparse eval samples --show 0

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy src/goalparse

pytest: install
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: install
	$(BIN)/python benchmarks/bench_text.py --mb 10 --runs 5
	$(BIN)/python benchmarks/bench_pdf.py --copies 3 --runs 5
	$(BIN)/python benchmarks/bench_batch.py --docs 5000 --small 1000

schema: install
	$(BIN)/goalparse schema -o schemas/document.schema.json

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
