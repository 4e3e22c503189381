"""OCR cost per scanned page: goalparse's reader next to the engine's own full-page call.

Pages are the samples' gold tables rendered (tests/pdf_fixtures.py, unruled and ruled),
rasterised at 200 dpi into image-only PDFs. For each page, in this process and interleaved:
goalparse's ``read/ocr.py`` (render, detection on a reduced page, one recognition call per
line) and ``RapidOCR()(image)`` with the engine's defaults on the same 200 dpi render.
Medians over pages and runs, wall and CPU seconds (the machine is shared: CPU time is the
steadier figure), and the text both found.

    python benchmarks/bench_ocr.py [--docs 2] [--runs 1] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pypdfium2  # noqa: E402

from goalparse.read import ocr  # noqa: E402
from pdf_fixtures import render_pdf, scan_pdf  # noqa: E402

DPI = 200


def build(folder: Path, docs: int) -> list[Path]:
    paths = []
    for gold_path in sorted((ROOT / "samples").glob("*.gold.json"))[:docs]:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold = {**gold, "tables": gold["tables"][:1]}
        for layout in ("unruled", "ruled"):
            text = render_pdf(gold, layout, folder / f"{gold_path.name[:3]}-{layout}.pdf")
            paths.append(scan_pdf(text, folder / f"{gold_path.name[:3]}-{layout}-scan.pdf", DPI))
    return paths


def timed(fn: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2, help="samples whose first table is scanned (2 layouts each)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=ocr.OcrSettings.threads)
    args = ap.parse_args()
    from rapidocr_onnxruntime import RapidOCR

    settings = ocr.OcrSettings(threads=args.threads)
    engine = RapidOCR()
    ocr.engine("bench", settings.threads)  # both engines loaded before timing
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.docs)
        pages = []
        for path in paths:
            pdf = pypdfium2.PdfDocument(str(path))
            pages += [(path, i) for i in range(len(pdf))]
            pdf.close()
        print(f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"load average {os.getloadavg()[0]:.1f}, ONNX threads {settings.threads} (engine: its default)")
        print(f"pages: {len(pages)} scanned at {DPI} dpi ({len(paths)} PDFs, unruled and ruled)")
        ours: dict[str, list[float]] = {"wall": [], "cpu": []}
        theirs: dict[str, list[float]] = {"wall": [], "cpu": []}
        chars = [0, 0]
        for _ in range(args.runs):
            for path, index in pages:
                reader = ocr.PageReader(path.read_bytes(), str(path), settings)
                wall, cpu, (words, _) = timed(lambda r=reader, i=index: r.read(i + 1))
                reader.close()
                ours["wall"].append(wall)
                ours["cpu"].append(cpu)
                pdf = pypdfium2.PdfDocument(str(path))
                image = pdf[index].render(scale=DPI / 72).to_numpy()[..., :3].copy()
                pdf.close()
                wall, cpu, (result, _) = timed(lambda im=image: engine(im))
                theirs["wall"].append(wall)
                theirs["cpu"].append(cpu)
                chars[0] += sum(len(w["text"]) for w in words)
                chars[1] += sum(len(r[1]) for r in result or [])
        med = {name: {k: statistics.median(v) for k, v in d.items()}
               for name, d in (("ours", ours), ("theirs", theirs))}
        print(f"engine's full-page call RapidOCR()(page): median {med['theirs']['wall']:.2f} s/page wall, "
              f"{med['theirs']['cpu']:.2f} s/page CPU  ({chars[1] // args.runs} characters)")
        print(f"goalparse read/ocr.py (incl. render)     : median {med['ours']['wall']:.2f} s/page wall, "
              f"{med['ours']['cpu']:.2f} s/page CPU  ({chars[0] // args.runs} characters)")
        print(f"ours / engine: {med['ours']['wall'] / med['theirs']['wall']:.2f}x wall, "
              f"{med['ours']['cpu'] / med['theirs']['cpu']:.2f}x CPU  (runs: {args.runs}; target <= 5 s/page)")


if __name__ == "__main__":
    main()
