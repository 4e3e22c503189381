"""Long fuzzing runs: ``make fuzz MINUTES=N`` (or ``python tests/fuzz.py --minutes N``).

Runs corpus-mutation cases (tests/mutate.py) through ``parse_text``/``parse_bytes`` for
N minutes, from a random starting seed unless ``--start`` is given, and checks each
against the contract (tests/contract.py) and a two-second bound. Every finding is saved
into tests/regressions/fuzz/ (``seed-<n>.bin`` for bytes, ``seed-<n>.json`` for text),
where tests/test_regressions.py keeps checking it. Prints cases run and cases per second.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from goalparse import Document, parse_bytes, parse_text  # noqa: E402
from goalparse.errors import BoundError  # noqa: E402
from goalparse.read.guard import run_timed  # noqa: E402

from contract import MAX_SECONDS, cpu_seconds, outcome  # noqa: E402
from mutate import Case, case  # noqa: E402

FINDINGS = HERE / "regressions" / "fuzz"
# A case still running after this is stopped and kept as a finding.
HANG_SECONDS = 20.0


def parse_case(data: Case) -> Document:
    if isinstance(data, str):
        return parse_text(data, "fuzz")
    return parse_bytes(data, "fuzz")


def check(seed: int) -> str | None:
    """None when case ``seed`` keeps the contract, else what went wrong."""
    data = case(seed)
    start = cpu_seconds()
    try:
        run_timed(lambda: outcome(lambda: parse_case(data), "fuzz"), (), "fuzz", HANG_SECONDS)
    except BoundError:
        return f"still running after {HANG_SECONDS:g} s"
    except Exception as exc:  # the contract was broken: an undeclared error or an invalid Document
        return "".join(traceback.format_exception_only(exc)).strip()
    seconds = cpu_seconds() - start
    return f"took {seconds:.2f} s of CPU" if seconds > MAX_SECONDS else None



def save(seed: int) -> Path:
    data = case(seed)
    FINDINGS.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path = FINDINGS / f"seed-{seed}.json"
        path.write_text(json.dumps({"parse_text": data}) + "\n", encoding="utf-8")
    else:
        path = FINDINGS / f"seed-{seed}.bin"
        path.write_bytes(data)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description="Corpus-mutation fuzzing of goalparse for a number of minutes.")
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--start", type=int, default=None, help="first seed (default: random)")
    args = parser.parse_args()
    seed = args.start if args.start is not None else random.randrange(10**9)
    first, found = seed, 0
    began = time.monotonic()
    deadline = began + args.minutes * 60
    while time.monotonic() < deadline:
        problem = check(seed)
        if problem is not None:
            found += 1
            print(f"seed {seed}: {problem} -> {save(seed)}", flush=True)
        seed += 1
    cases, seconds = seed - first, time.monotonic() - began
    print(f"fuzz: {cases} cases (seeds {first}..{seed - 1}) in {seconds:.0f} s, {cases / seconds:.0f} cases/s, "
          f"{found} findings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
