"""Every module's docstring examples, run on the .py sources.

Compiled modules keep no docstrings, so the examples run in a child process
with GOALPARSE_PURE=1 (plain Python), whichever core this process uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

MODULES = sorted(p.stem for p in (ROOT / "src" / "goalparse").glob("*.py") if p.stem != "__init__")

_RUNNER = """
import doctest, importlib, io, json, sys, contextlib
out = {}
for name in sys.argv[1:]:
    module = importlib.import_module(f"goalparse.{name}")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    out[name] = {"attempted": result.attempted, "failed": result.failed, "report": buffer.getvalue(),
                 "file": module.__file__}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, object]]:
    env = {**os.environ, "GOALPARSE_PURE": "1"}
    done = subprocess.run([sys.executable, "-c", _RUNNER, *MODULES], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(results: dict[str, dict[str, object]], name: str) -> None:
    result = results[name]
    assert str(result["file"]).endswith(".py")
    assert result["failed"] == 0, result["report"]


def test_examples_were_found(results: dict[str, dict[str, object]]) -> None:
    """The runner saw the sources' examples (a compiled module would silently show none)."""
    attempted = {name: r["attempted"] for name, r in results.items()}
    assert attempted["values"] > 0 and attempted["normalise"] > 0 and attempted["cells"] > 0
