"""Reference data from ``schemas/``: taxonomy, labels, grammar words.

The data files live in the repository's ``schemas/`` folder; a wheel carries
them as ``goalparse/schemas``. Code never hard-codes these words.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import orjson


def schemas_dir() -> Path:
    """Where the data files are: inside the installed package, else the checkout."""
    packaged = Path(str(resources.files("goalparse"))) / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "schemas"


@cache
def load(name: str) -> Any:
    """Parsed JSON of ``schemas/<name>.json`` (cached: the files are read once)."""
    path = schemas_dir() / f"{name}.json"
    return orjson.loads(path.read_bytes())
