"""What Socle remembers between sessions (an INI file): recent files, folders, geometry."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from socle_desktop import APP_NAME

MAX_RECENT = 8


def settings() -> QSettings:
    """The one settings object (an INI file in the user's configuration folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def recent_files() -> list[str]:
    value = settings().value("files/recent", [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in (value or [])]


def _resolved(path: Path) -> str | None:
    """The full path as settings can keep it; None for a name that is not UTF-8 on disk (Qt
    would drop its odd bytes and remember another name). Never raises on a link loop."""
    resolved = os.path.realpath(path)
    try:
        resolved.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return resolved


def remember_recent(path: Path) -> None:
    """Put ``path`` first in the recent files and remember its folder for the file dialogs."""
    resolved = _resolved(path)
    if resolved is None:
        return
    files = [resolved] + [f for f in recent_files() if f != resolved]
    store = settings()
    store.setValue("files/recent", files[:MAX_RECENT])
    store.setValue("files/last_folder", str(Path(resolved).parent))


def forget_recent(path: Path) -> None:
    resolved = _resolved(path)
    settings().setValue(
        "files/recent", [f for f in recent_files() if f not in (resolved, str(path))]
    )


def documents_folder() -> Path:
    """The user's Documents (« Documents » on Windows), else the home folder."""
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()


def folder(key: str) -> Path:
    """The folder last used for ``key`` (« last_folder », « pdf_folder »), else Documents; a
    remembered folder that has gone (a USB key, a share) is Documents too."""
    remembered = settings().value(f"files/{key}")
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    return documents_folder()
