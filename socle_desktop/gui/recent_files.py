"""The dossiers opened lately: the « Ouvrir récent » menu and the start screen's list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QListWidget

from socle_desktop.gui import preferences

if TYPE_CHECKING:  # start-up path: no Qt class loaded before the first paint needs it
    from PySide6.QtWidgets import QMenu

    from socle_desktop.gui.start_screen import StartScreen


class RecentFiles:
    """What preferences remember, shown in the menu and in the start screen's list; choosing
    one calls ``open_path``. Owned by the main window."""

    def __init__(self, start_screen: StartScreen, open_path: Callable[[Path], object]):
        self.start_screen = start_screen
        self.list: QListWidget = start_screen.recent_list
        self.menu: QMenu | None = None  # set by the menus, filled each time it shows
        self._open_path = open_path
        self._shown: list[str] = []
        self.list.itemActivated.connect(
            lambda item: open_path(Path(self._shown[self.list.row(item)]))
        )
        self.fill_list()

    def paths(self) -> list[str]:
        return preferences.recent_files()

    def remember(self, path: Path) -> None:
        preferences.remember_recent(path)
        self.fill_list()

    def forget(self, path: Path) -> None:
        preferences.forget_recent(path)
        self.fill_list()

    def attach_menu(self, menu: QMenu) -> None:
        self.menu = menu
        menu.aboutToShow.connect(self.fill_menu)

    def fill_menu(self) -> None:
        menu = self.menu
        if menu is None:
            return
        menu.clear()
        files = self.paths()
        for number, name in enumerate(files, start=1):
            path = Path(name)
            action = menu.addAction(f"&{number} {path.name} — {path.parent}")
            action.triggered.connect(lambda _checked=False, p=name: self._open_path(Path(p)))
        if not files:
            menu.addAction("(aucun dossier récent)").setEnabled(False)

    def fill_list(self) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        self.list.clear()
        self._shown = self.paths()
        for name in self._shown:
            item = QListWidgetItem(f"{Path(name).name} — {Path(name).parent}")
            item.setToolTip(name)
            self.list.addItem(item)
        self.start_screen.show_choices(bool(self._shown))
