#!/usr/bin/env bash
# Runs the built one-folder program headless: --version, then the example dossier's PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=dist/socle/socle
[ -x "$bin" ] || { echo "Programme introuvable : $bin (lancez make installer)" >&2; exit 1; }
echo "Taille du dossier dist/socle : $(du -sh dist/socle | cut -f1)"
"$bin" --version
out=$(mktemp -d)
(cd "$out" && env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$OLDPWD/$bin" --exemple)
pdf=$(ls "$out"/*.pdf)
pdftotext "$pdf" - | grep -q "Plan de financement" || { echo "PDF sans plan de financement" >&2; exit 1; }
echo "PDF de l'exemple écrit par le programme installé : $pdf ($(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages)"
