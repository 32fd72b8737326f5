#!/usr/bin/env bash
# Installs everything Socle needs, idempotently: the Debian packages (virtual screen for
# screenshots, poppler for checking PDFs) and a virtual environment .venv with the project.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Found missing on a minimal Debian 12 (scripts/check_fresh_machine.sh) with `ldd` over the Qt
# libraries and plugins Socle loads; a desktop Debian has most of them already.
debian_packages=(
  libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 fonts-dejavu-core   # QtCore, QtGui, text
  libegl1 libgl1 libxkbcommon0                                # QtGui links them, even offscreen
  libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-util1 libxcb-xfixes0 libxcb-xkb1                     # Qt's xcb plugin (a real screen)
  xvfb xauth                                   # a virtual screen for screenshots of real windows
  poppler-utils                                # pdftoppm, pdftotext, pdffonts for the PDF tests
)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "Installation des paquets Debian : ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Système sans dpkg : installez vous-même Xvfb et poppler-utils si vous lancez les tests." >&2
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Création de l'environnement Python .venv"
  "$python" -m venv .venv
fi
stamp=.venv/.socle-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  echo "Installation des dépendances Python (PySide6, sqlite-utils, reportlab, pytest…)"
  # The versions of constraints.txt: what the installer is built and the tests are run with.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
    -e '.[test,dev]'
  touch "$stamp"
fi
# The Designer forms compiled to Python (socle_desktop/gui/generated, not kept in git): only the
# forms changed since the last time.
.venv/bin/python -m socle_desktop.build_forms
