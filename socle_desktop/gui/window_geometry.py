"""Where the main window opens the first time: inside the screen's *available* area (the
taskbar of a 1366×768 laptop left out), its frame included, so that the status bar shows."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize

WANTED = QSize(1366, 768)
# The frame before the window system tells it: Windows 10/11 at 100 % (title bar, borders).
FRAME_GUESS = QMargins(8, 31, 8, 8)


def first_geometry(
    available: QRect, frame: QMargins = FRAME_GUESS, wanted: QSize = WANTED
) -> QRect:
    """The window's inner rectangle: ``wanted`` at most, with its frame inside ``available``,
    centred there."""
    room = available.marginsRemoved(frame)
    rect = QRect(QPoint(0, 0), wanted.boundedTo(room.size()))
    rect.moveCenter(room.center())
    return rect


def frame_margins(window) -> QMargins:
    inner, outer = window.geometry(), window.frameGeometry()
    return QMargins(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        outer.right() - inner.right(),
        outer.bottom() - inner.bottom(),
    )


def pull_inside(window) -> bool:
    """Once shown, when the real frame is known: move and shrink the window back inside the
    available area if its frame sticks out. True when it had to."""
    screen = window.screen()
    if screen is None:
        return False
    available = screen.availableGeometry()
    if available.contains(window.frameGeometry()):
        return False
    window.setGeometry(first_geometry(available, frame_margins(window), window.size()))
    return True
