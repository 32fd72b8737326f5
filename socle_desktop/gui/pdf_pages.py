"""The pages of the dossier's PDF as images, for the printer and the print preview.

pypdfium2 (PDFium, the engine QtPdf itself wraps) draws each page at the resolution asked,
capped at 300 dpi: enough for any office printer, and a 4-page job of a few megabytes instead
of the 39 MB that 1 200 dpi made (docs/impression.md has the measurements). PDFium is not
thread-safe: one lock serialises every call, whichever worker makes it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter

MAX_DPI = 300
PREVIEW_DPI = 100  # on screen; the printer gets up to MAX_DPI
_LOCK = threading.Lock()


def renderer_available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


class PdfPages:
    """An open PDF whose pages are drawn as QImages (at most MAX_DPI)."""

    def __init__(self, path: Path):
        import pypdfium2 as pdfium

        with _LOCK:
            self._pdf = pdfium.PdfDocument(str(path))
            self.count = len(self._pdf)
            self.sizes = [tuple(self._pdf[i].get_size()) for i in range(self.count)]  # points

    def image(self, index: int, dpi: int, grayscale: bool = False) -> QImage:
        """Page ``index`` (0-based) at ``dpi`` (capped at MAX_DPI), an image of its own."""
        image, bitmap = self.view(index, dpi, grayscale)
        own = image.copy()  # the bitmap's buffer goes with the bitmap
        self.release(bitmap)
        return own

    def view(self, index: int, dpi: int, grayscale: bool = False):
        """(image, bitmap): the image reads the bitmap's buffer, without a copy, for as long as
        the caller keeps the bitmap (a 300 dpi page is 26 MB: the printer needs no copy)."""
        dpi = min(dpi, MAX_DPI)
        with _LOCK:
            bitmap = self._pdf[index].render(
                scale=dpi / 72, rev_byteorder=True, grayscale=grayscale
            )
        image_format = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_RGB888}.get(
            bitmap.n_channels, QImage.Format.Format_RGBX8888
        )
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        return image, bitmap

    def release(self, bitmap) -> None:
        """Free a bitmap of ``view`` now, under the lock (not later in a finalizer that any
        thread might run while another draws)."""
        with _LOCK:
            bitmap.close()

    def close(self) -> None:
        with _LOCK:
            self._pdf.close()


def draw_page(painter: QPainter, image: QImage, area: QRectF) -> None:
    """The page image as large as ``area`` allows, its proportions kept, centred."""
    size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.left() + (area.width() - size.width()) / 2
    top = area.top() + (area.height() - size.height()) / 2
    painter.drawImage(QRectF(left, top, size.width(), size.height()), image)


def page_sequence(
    count: int, ranges: list[tuple[int, int]], copies: int, collate: bool
) -> list[int]:
    """The 0-based pages to send, in order: the chosen ranges (1-based, inclusive; empty = all),
    repeated for each copy the printer does not make itself."""
    if ranges:
        chosen = [
            n - 1 for first, last in ranges for n in range(first, last + 1) if 1 <= n <= count
        ]
    else:
        chosen = list(range(count))
    copies = max(1, copies)
    if collate:
        return chosen * copies
    return [page for page in chosen for _ in range(copies)]
