"""The Qt user interface. Widgets edit the dossier only through ``session.Session``."""

# Before Qt (it imports none), so that PySide6 does not scan its source; then Qt, then its scan
# of every later module undone at once (see skip_feature_scan).
from socle_desktop.gui.pyside_guard import skip_feature_scan  # noqa: I001

import PySide6.QtCore  # noqa: E402, F401

skip_feature_scan()
