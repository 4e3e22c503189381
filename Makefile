# Two commands do everything on a fresh machine:
#   make demo   install into .venv, convert samples/ into out/, print a summary
#   make test   install, then ruff + mypy + pytest
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILT := $(VENV)/.compiled
SOURCES := $(wildcard src/goalparse/*.py)
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install demo test lint typecheck pytest bench fuzz schema clean

# Installing builds the package: the text path's stages are compiled with mypyc
# (pyproject.toml) into src/goalparse/*.so, which the editable install then uses.
# A fresh venv gets everything; later source changes only recompile (the build
# tools are in .venv by then).
$(BUILT): pyproject.toml $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then \
	  $(PIP) --no-deps --no-build-isolation -e . ; \
	else \
	  $(PIP) -e '.[dev]' && touch $(STAMP) ; \
	fi
	touch $(BUILT)

install: $(BUILT)

demo: install
	$(BIN)/goalparse parse samples/*.txt -o out
	@echo "--- JSON per input in out/; scored against samples/*.gold.json:"
	$(BIN)/goalparse eval samples --show 0

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy src/goalparse

# On the compiled core (what users run); tests/test_core.py and test_doctests.py
# also run the same modules as plain Python (GOALPARSE_PURE=1).
pytest: install
	GOALPARSE_REQUIRE_COMPILED=1 $(BIN)/pytest -q

test: lint typecheck pytest

# Corpus-mutation fuzzing for MINUTES minutes (tests/fuzz.py); findings are saved into
# tests/regressions/fuzz/, where the suite keeps checking them.
MINUTES ?= 5
fuzz: install
	$(BIN)/python tests/fuzz.py --minutes $(MINUTES)

bench: install
	$(BIN)/python benchmarks/bench_text.py --mb 10 --runs 5
	GOALPARSE_PURE=1 $(BIN)/python benchmarks/bench_text.py --mb 10 --runs 3
	$(BIN)/python benchmarks/bench_text.py --mb 10 --runs 3 --plain
	$(BIN)/python benchmarks/bench_pdf.py --copies 3 --runs 5
	$(BIN)/python benchmarks/bench_batch.py --docs 5000 --small 1000
	$(BIN)/python benchmarks/bench_scaling.py

schema: install
	$(BIN)/goalparse schema -o schemas/document.schema.json

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache src/goalparse/*.so src/*__mypyc*.so $(BUILT)
