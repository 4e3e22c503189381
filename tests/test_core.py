"""The compiled core and the pure-Python switch give the same records."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

import goalparse
from goalparse.emit import to_json
from goalparse.pipeline import parse_file

from conftest import ROOT, SAMPLE_DOCS


def _compiled_by_build() -> set[str]:
    """The modules pyproject.toml tells the build to compile."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]["include"]
    return {path.rsplit("/", 1)[1].removesuffix(".py") for path in include}


def _run(code: str, pure: bool) -> str:
    env = {**os.environ, "GOALPARSE_PURE": "1" if pure else "0"}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_pure_switch_loads_every_stage_from_source() -> None:
    out = _run("import goalparse, goalparse.align as a; print(goalparse.core()); print(a.__file__)", pure=True)
    core, align_file = out.split("\n")[:2]
    assert core == "pure Python"
    assert align_file.endswith("align.py")


@pytest.mark.skipif(os.environ.get("GOALPARSE_REQUIRE_COMPILED") != "1",
                    reason="GOALPARSE_REQUIRE_COMPILED=1 (make test) checks the installed build is compiled")
def test_installed_build_is_compiled() -> None:
    assert not goalparse.PURE
    assert set(goalparse.compiled_modules()) == _compiled_by_build()


@pytest.mark.slow
def test_pure_and_current_core_give_identical_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every sample's JSON from plain Python equals this process's (compiled when built so)."""
    for doc in SAMPLE_DOCS:
        here = to_json(parse_file(doc), indent=True)
        code = ("import sys; from goalparse.pipeline import parse_file; from goalparse.emit import to_json; "
                f"sys.stdout.buffer.write(to_json(parse_file({str(doc)!r}), indent=True))")
        env = {**os.environ, "GOALPARSE_PURE": "1"}
        pure = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True).stdout
        assert pure == here, doc.name
