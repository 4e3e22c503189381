"""Compiled or plain: which core runs, and the switch that forces plain Python.

mypyc puts a compiled copy (``align.cpython-311-...so``) next to each stage's
source, and Python's import system prefers it. ``GOALPARSE_PURE=1`` puts a
finder first that loads the .py sources instead.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

_PACKAGE = __name__.rpartition(".")[0]
_HERE = Path(__file__).resolve().parent


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Loads the package's own modules from their .py sources even where a compiled copy sits beside them."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.partition(".")
        source = _HERE / f"{name}.py"
        if package != _PACKAGE or "." in name or not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


PURE = os.environ.get("GOALPARSE_PURE", "") not in ("", "0")
if PURE and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
    sys.meta_path.insert(0, _SourceFirst())


def _is_compiled(module: ModuleType) -> bool:
    spec = getattr(module, "__spec__", None)
    return spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)


def compiled_modules() -> list[str]:
    """The package's modules loaded so far from compiled extensions (empty when running as plain Python)."""
    prefix = f"{_PACKAGE}."
    return sorted(
        name[len(prefix):] for name, module in list(sys.modules.items())
        if name.startswith(prefix) and _is_compiled(module)
    )


def core() -> str:
    """Which core runs: 'compiled by mypyc (N modules)' or 'pure Python'."""
    compiled = compiled_modules()
    return f"compiled by mypyc ({len(compiled)} modules)" if compiled else "pure Python"


def stale_compiled() -> list[str]:
    """Compiled copies older than their sources: the sources changed since the last build."""
    stale = []
    for binary in _HERE.glob("*.so"):
        source = _HERE / f"{binary.name.partition('.')[0]}.py"
        if source.is_file() and source.stat().st_mtime > binary.stat().st_mtime:
            stale.append(source.stem)
    return sorted(stale)
