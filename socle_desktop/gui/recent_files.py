"""The dossiers opened lately: the « Ouvrir récent » menu and the start screen's list."""

from __future__ import annotations

from pathlib import Path

from socle_desktop.gui import preferences


class RecentFilesMixin:
    """Mixed into MainWindow: what preferences remember, shown in the menu and the list."""

    def recent_files(self) -> list[str]:
        return preferences.recent_files()

    def _remember_recent(self, path: Path) -> None:
        preferences.remember_recent(path)
        self._fill_recent_list()

    def _forget_recent(self, path: Path) -> None:
        preferences.forget_recent(path)
        self._fill_recent_list()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for number, name in enumerate(files, start=1):
            path = Path(name)
            action = self.recent_menu.addAction(f"&{number} {path.name} — {path.parent}")
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(Path(p)))
        if not files:
            self.recent_menu.addAction("(aucun dossier récent)").setEnabled(False)

    def _fill_recent_list(self) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        self.recent_list.clear()
        self._recent_shown = self.recent_files()
        for name in self._recent_shown:
            item = QListWidgetItem(f"{Path(name).name} — {Path(name).parent}")
            item.setToolTip(name)
            self.recent_list.addItem(item)
        self.start_screen.show_choices(bool(self._recent_shown))
