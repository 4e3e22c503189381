"""Time and peak memory of pathological inputs at growing sizes: both should grow linearly.

    .venv/bin/python benchmarks/bench_scaling.py [--quick]

Each input is a small real-looking table with one part blown up: one value cell of N
characters (digits, or Chinese text with no separator), one line of N cells, N rows,
an N-digit number. Every size runs in a fresh process (so peak memory is that parse's,
the interpreter included) and prints one line: input, size, bytes, seconds, peak MB,
and seconds per MB of input, which stays flat when time is linear.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable

HEAD = "项目支出绩效目标表\n（2025年度）\n项目名称\t测试项目\n一级指标\t二级指标\t三级指标\t指标值\n"
ROW = "产出指标\t数量指标\t培训人次\t≥5000人次\n"


def one_long_value(n: int) -> str:
    return HEAD + "产出指标\t数量指标\t名称\t医疗机构" + "1" * n + "\n"


def one_long_line(n: int) -> str:
    return HEAD + "绩效目标说明" + "保障医疗机构运行" * (n // 8) + "\n" + ROW


def many_cells(n: int) -> str:
    return HEAD + "产出指标\t数量指标\t名称\t≥1人" + "\t1" * n + "\n"


def many_rows(n: int) -> str:
    return HEAD + "".join(f"产出指标\t数量指标\t培训人次{i}\t≥{i}人次\n" for i in range(n))


def many_pipe_rows(n: int) -> str:
    """Rows that lost their empty cells (pipe exports): read as rows of cells, not by position."""
    return HEAD + "".join(f"产出指标 | 数量指标 | 培训人次{i} | ≥{i}人次 |\n质量指标 | 合格率{i} | {i}% |\n"
                          for i in range(n // 2))


def one_cell_per_line(n: int) -> str:
    """One cell per line: rows decoded from the stream."""
    return HEAD + "".join(f"培训人次{i} |\n≥{i}人次 |\n" for i in range(n))


def long_number(n: int) -> str:
    return HEAD.replace("项目名称\t测试项目\n", "项目名称\t测试项目\n年度资金总额:\t" + "9" * n + "\n") + \
        "产出指标\t数量指标\t名称\t≥" + "9" * n + "人\n"


CASES: dict[str, tuple[Callable[[int], str], tuple[int, ...]]] = {
    "value of N digits": (one_long_value, (250_000, 500_000, 1_000_000)),
    "line of N characters": (one_long_line, (250_000, 500_000, 1_000_000)),
    "line of N cells": (many_cells, (25_000, 50_000, 100_000)),
    "N rows": (many_rows, (25_000, 50_000, 100_000)),
    "N pipe rows": (many_pipe_rows, (25_000, 50_000, 100_000)),
    "N rows, one cell per line": (one_cell_per_line, (25_000, 50_000, 100_000)),
    "N-digit number": (long_number, (20_000, 40_000, 80_000)),
}

CHILD = """
import resource, sys, time
from goalparse import parse_bytes
from benchmarks.bench_scaling import CASES
make = CASES[sys.argv[1]][0]
data = make(int(sys.argv[2])).encode("utf-8")
start = time.perf_counter()
doc = parse_bytes(data, "scaling.txt")
seconds = time.perf_counter() - start
print(len(data), seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure(case: str, n: int) -> tuple[int, float, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, case, str(n)], capture_output=True, text=True, check=True)
    size, seconds, peak = out.stdout.split()
    return int(size), float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes only")
    args = parser.parse_args()
    print(f"{'input':22} {'N':>9} {'bytes':>10} {'seconds':>8} {'peak MB':>8} {'s per MB':>9}")
    for case, (_, sizes) in CASES.items():
        for n in sizes[:2] if args.quick else sizes:
            size, seconds, peak = measure(case, n)
            print(f"{case:22} {n:>9,} {size:>10,} {seconds:>8.2f} {peak:>8.0f} {seconds / (size / 1e6):>9.2f}",
                  flush=True)


if __name__ == "__main__":
    main()
