"""Renders resources/icons/socle.svg into the PNG (Linux, window icon) and ICO (Windows installer)
the build needs. Run again after changing the SVG: `python scripts/make_icons.py`."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402  (reportlab's dependency)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "socle.svg")).render(painter)
    painter.end()
    path = ICONS / f".tmp-{size}.png"
    image.save(str(path))
    with Image.open(path) as rendered:
        result = rendered.copy()
    path.unlink()
    return result


def main() -> int:
    QGuiApplication(sys.argv)
    render(256).save(ICONS / "socle.png")
    render(256).save(
        ICONS / "socle.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    print(f"Icônes écrites dans {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
