"""Stage 1 for scanned pages: a PDF page without a text layer -> positioned words, as a text layer gives.

The page is rendered with pypdfium2 (which pdfplumber already uses) and read with
RapidOCR's PP-OCRv4 Chinese models, which its wheel ships: nothing is fetched at run
time. Words come back as pdfplumber's word dicts (``text``, ``x0``, ``x1``, ``top``,
``bottom`` in PDF points) with the recogniser's ``confidence``, so the PDF reader's
geometry treats them like text-layer words::

    {"text": "≥95%", "x0": 580.7, "x1": 602.6, "top": 330.9, "bottom": 338.8, "confidence": 0.99}

The engine's own full-page call took 12-29 s a page here; most of that is spent where a
table page does not need it. Detection runs once, on the page reduced so its long side is
``detect_side`` pixels (table text is far larger than detection needs); the orientation
classifier is skipped (a scanned form is upright); each detected line is recognised on
its own (a batch pads every crop to its widest one); the ONNX sessions get a fixed thread
count. A detection box is padded by about half a line each side, so each word's box is
shrunk to the ink inside it: then line spacing matches a text layer's, and the reader's
row and line tolerances hold for both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from ..errors import GoalparseError, MissingExtraError

if TYPE_CHECKING:
    import numpy as np

EXTRA = "goalparse[ocr]"

# Grey levels below this are ink (text is printed dark; a scan's paper is light).
INK = 150
# A row (column) of a word's box inked over this share of its width (height) is a ruling line, not text.
RULE_SHARE = 0.9


# A page is rendered with at most this many pixels (an A3 page at 200 dpi has 7.8 million): a
# hostile page size then costs a coarser render, not the memory bound.
MAX_PIXELS = 40_000_000
# A ruling line runs at least this long (points): longer than any stroke of a character.
RULE_MIN = 20.0


class OcrWord(TypedDict):
    """One recognised line of text on a page, in PDF points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float


class OcrPage(NamedTuple):
    """What a scanned page holds: its words and its ruling lines (pdfplumber edge dicts, points)."""

    words: list[OcrWord]
    rules: list[dict[str, Any]]


@dataclass(frozen=True)
class OcrSettings:
    """How pages are read; the defaults read a 200 dpi scan of an A4 table page in a few seconds."""

    dpi: int = 200
    # Detection runs on the page reduced to this many pixels along its long side.
    detect_side: int = 960
    # Threads of each ONNX session (the models run one after the other).
    threads: int = 2
    # Crops recognised per model call; 1 avoids padding crops to the widest in the batch.
    batch: int = 1
    # Recognised text below this confidence is noise (a speck, a stamp's edge).
    min_confidence: float = 0.3


def available() -> bool:
    """Is the OCR engine installed (the ``goalparse[ocr]`` extra)?"""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


# The models RapidOCR's wheel ships (models/ beside its package).
DETECTION_MODEL = "ch_PP-OCRv4_det_infer.onnx"
RECOGNITION_MODEL = "ch_PP-OCRv4_rec_infer.onnx"


def _session(model: Path, threads: int) -> Any:
    """An ONNX session whose idle threads sleep: spinning ones double the CPU time on a shared machine."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = False
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=2)
def _engine(threads: int) -> Any:
    """The engine, loaded once per process and thread count (loading the models takes about a second)."""
    import rapidocr_onnxruntime
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False)
    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    engine.text_det.infer.session = _session(models / DETECTION_MODEL, threads)
    engine.text_rec.session.session = _session(models / RECOGNITION_MODEL, threads)
    return engine


def engine(source: str, threads: int) -> Any:
    """The engine, or a MissingExtraError naming the extra to install."""
    try:
        return _engine(threads)
    except ImportError as exc:
        if ".so" in str(exc):  # installed, but a system library it loads is missing (opencv: libGL)
            raise GoalparseError(source, f"no text layer, and OCR cannot start: {exc} (on Debian: "
                                         "apt-get install libgl1 libglib2.0-0)") from None
        raise MissingExtraError("no text layer; reading it by OCR", "ocr", source) from None


def _gray(rendered: Any) -> np.ndarray:
    import numpy as np

    image = np.asarray(rendered.to_numpy())
    return image if image.ndim == 2 else image[..., :3].mean(axis=2).astype(np.uint8)


def _ink_box(gray: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> tuple[int, int, int, int]:
    """The box around the ink inside (x0, y0, x1, y1), ruling lines left out; the box itself when blank."""
    import numpy as np

    ink = gray[y0:y1, x0:x1] < INK
    if not ink.size:
        return x0, y0, x1, y1
    rows, cols = ink.sum(axis=1), ink.sum(axis=0)
    rows[rows > RULE_SHARE * ink.shape[1]] = 0
    cols[cols > RULE_SHARE * ink.shape[0]] = 0
    ys, xs = np.flatnonzero(rows), np.flatnonzero(cols)
    if not len(ys) or not len(xs):
        return x0, y0, x1, y1
    return x0 + int(xs[0]), y0 + int(ys[0]), x0 + int(xs[-1]) + 1, y0 + int(ys[-1]) + 1


def rules(gray: np.ndarray, scale: float) -> list[dict[str, Any]]:
    """The page's ruling lines: long thin runs of ink, found by opening the ink with a long line."""
    import cv2
    import numpy as np

    ink = (gray < INK).astype(np.uint8)
    length = max(2, round(RULE_MIN * scale))
    out: list[dict[str, Any]] = []
    for orientation, kernel in (("h", (length, 1)), ("v", (1, length))):
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        _, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        for x, y, w, h, _ in stats[1:]:
            x0, top, x1, bottom = x / scale, y / scale, (x + w) / scale, (y + h) / scale
            if orientation == "h":
                top = bottom = (top + bottom) / 2
            else:
                x0 = x1 = (x0 + x1) / 2
            out.append({"object_type": "line_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
                        "bottom": bottom, "width": x1 - x0, "height": bottom - top})
    return out


def read_image(gray: np.ndarray, scale: float, settings: OcrSettings, source: str = "<image>") -> list[OcrWord]:
    """The words on one page image (grey levels), in points for a page rendered at ``scale`` pixels a point."""
    import cv2
    import numpy as np

    ocr = engine(source, settings.threads)
    height, width = gray.shape[:2]
    shrink = min(1.0, settings.detect_side / max(height, width))
    color = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
    small = cv2.resize(color, (round(width * shrink), round(height * shrink)), interpolation=cv2.INTER_AREA)
    boxes, _ = ocr.text_det(small)
    if boxes is None or not len(boxes):
        return []
    boxes = np.asarray(boxes, dtype=np.float32) / shrink
    crops = ocr.get_crop_img_list(color, boxes)
    ocr.text_rec.rec_batch_num = settings.batch
    texts, _ = ocr.text_rec(crops)
    words: list[OcrWord] = []
    for quad, (text, confidence) in zip(boxes, texts, strict=True):
        text = text.strip()
        if not text or confidence < settings.min_confidence:
            continue
        x0, y0 = max(0, int(quad[:, 0].min())), max(0, int(quad[:, 1].min()))
        x1, y1 = min(width, int(np.ceil(quad[:, 0].max()))), min(height, int(np.ceil(quad[:, 1].max())))
        x0, y0, x1, y1 = _ink_box(gray, x0, y0, x1, y1)
        words.append(OcrWord(text=text, x0=x0 / scale, x1=x1 / scale, top=y0 / scale, bottom=y1 / scale,
                             confidence=round(float(confidence), 4)))
    return words


class PageReader:
    """Reads pages of one PDF by OCR on demand; pages are numbered from 1, as the PDF reader counts them."""

    def __init__(self, data: bytes, source: str, settings: OcrSettings | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.settings = settings or OcrSettings()
        self.source = source
        self.progress = progress
        self._data = data
        self._pdf: Any = None

    def read(self, page_no: int) -> OcrPage:
        """The words and ruling lines of page ``page_no`` (progress is told before the page is read)."""
        import pypdfium2

        engine(self.source, self.settings.threads)  # the missing extra is reported before any rendering
        if self._pdf is None:
            self._pdf = pypdfium2.PdfDocument(self._data)
        if self.progress is not None:
            self.progress(page_no, len(self._pdf))
        page = self._pdf[page_no - 1]
        width, height = page.get_size()
        scale = min(self.settings.dpi / 72, (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
        try:
            gray = _gray(page.render(scale=scale, grayscale=True))
        finally:
            page.close()
        return OcrPage(read_image(gray, scale, self.settings, self.source), rules(gray, scale))

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


@contextmanager
def page_reader(data: bytes, source: str, settings: OcrSettings | None = None,
                progress: Callable[[int, int], None] | None = None) -> Iterator[PageReader]:
    reader = PageReader(data, source, settings, progress)
    try:
        yield reader
    finally:
        reader.close()
