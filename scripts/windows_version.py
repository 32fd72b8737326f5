"""The version resource of socle.exe (its Windows file properties), made from
socle_desktop.__version__ at build time by build_installer.spec: the version has one place."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """\
# PyInstaller version resource of socle.exe, written by scripts/windows_version.py
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040C04B0', [
      StringStruct('CompanyName', 'Socle'),
      StringStruct('FileDescription', 'Socle — dossier socle numérique des écoles'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', 'Socle'),
      StringStruct('ProductVersion', '{version}'),
      StringStruct('LegalCopyright', 'Licence MIT')])]),
    VarFileInfo([VarStruct('Translation', [0x040C, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """« 0.1.0 » → (0, 1, 0, 0): Windows wants four numbers."""
    numbers = [int(part) for part in version.split(".")[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_text(version: str) -> str:
    return TEMPLATE.format(numbers=version_numbers(version), version=version)


def write_version_file(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_text(version), encoding="utf-8")
    return path
