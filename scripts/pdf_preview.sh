#!/usr/bin/env bash
# Writes the example's PDF and renders its first page to docs/pdf-premiere-page.png (README).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
.venv/bin/python -m socle_desktop import-json resources/exemple/saint-exemple.json "$out/exemple.socle"
.venv/bin/python -m socle_desktop pdf "$out/exemple.socle" -o "$out/exemple.pdf"
pdftoppm -f 1 -l 1 -r 110 -png -singlefile "$out/exemple.pdf" docs/pdf-premiere-page
rm -rf "$out"
echo "docs/pdf-premiere-page.png"
