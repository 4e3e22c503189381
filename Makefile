# Two commands do everything on a fresh machine:
#   make demo   install into .venv, convert samples/ into out/, print a summary
#   make test   install, then ruff + mypy + pytest
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install demo test lint typecheck pytest bench fuzz schema clean eval-wild dev-shapes

# An editable install into .venv with the test and build extras; redone when
# pyproject.toml changes. The package is plain Python: source edits need no step.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/goalparse parse samples/*.txt -o out
	@echo "--- JSON per input in out/; scored against samples/*.gold.json:"
	$(BIN)/goalparse eval samples --show 0

# The wild corpus: real published excerpts the parser was not built on, scored per
# document and in total for the dev split, the test split (the one that counts) and all.
eval-wild: install
	$(BIN)/goalparse eval samples/wild --show 0 --by-shape

# The dev documents' gold printed in every text shape of tests/text_shapes.py: layout x content
# combinations to look at (figures per shape; the test split is never read).
dev-shapes: install
	$(BIN)/python tools/dev_shapes.py

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy src/goalparse

pytest: install
	$(BIN)/pytest -q

test: lint typecheck pytest

# Corpus-mutation fuzzing for MINUTES minutes (tests/fuzz.py); findings are saved into
# tests/regressions/fuzz/, where the suite keeps checking them.
MINUTES ?= 5
fuzz: install
	$(BIN)/python tests/fuzz.py --minutes $(MINUTES)

bench: install
	$(BIN)/python benchmarks/bench_text.py --mb 10 --runs 5
	$(BIN)/python benchmarks/bench_text.py --mb 10 --runs 3 --plain
	$(BIN)/python benchmarks/bench_pdf.py --copies 3 --runs 5
	$(BIN)/python benchmarks/bench_batch.py --docs 5000 --small 1000
	$(BIN)/python benchmarks/bench_scaling.py
	$(BIN)/python benchmarks/bench_export.py --copies 1000 --runs 3
	$(BIN)/python benchmarks/bench_formats.py --copies 5 --runs 5
	$(BIN)/python benchmarks/bench_ocr.py --docs 2 --runs 1

schema: install
	$(BIN)/goalparse schema -o schemas/document.schema.json

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache $(STAMP)
