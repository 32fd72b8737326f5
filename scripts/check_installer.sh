#!/usr/bin/env bash
# Runs the built one-folder program headless: --version, then the example dossier's PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=dist/socle/socle
[ -x "$bin" ] || { echo "Programme introuvable : $bin (lancez make installer)" >&2; exit 1; }
echo "Taille du dossier dist/socle : $(du -sh dist/socle | cut -f1)"
"$bin" --version
# Resources and forms travel as package data, where a wheel has them (socle_desktop/resources.py).
for folder in data ui; do
  [ -d "dist/socle/_internal/socle_desktop/$folder" ] || { echo "socle_desktop/$folder absent du programme" >&2; exit 1; }
done
[ ! -e dist/socle/_internal/resources ] || { echo "resources/ hors du paquet dans le programme" >&2; exit 1; }
out=$(mktemp -d)
(cd "$out" && env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$OLDPWD/$bin" --exemple)
pdf=$(ls "$out"/*.pdf)
text=$(pdftotext "$pdf" -)
grep -q "Plan de financement" <<< "$text" || { echo "PDF sans plan de financement" >&2; exit 1; }
echo "PDF de l'exemple écrit par le programme installé : $pdf ($(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages)"
# Schools from open data: a two-row annuaire in the Ministry's format, through the installed CLI.
printf '%s\r\n' "Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Nom_commune;Ecole_maternelle;Ecole_elementaire;Nombre_d_eleves" \
    "0350165P;Ecole élémentaire publique de Cardroc;Ecole;Public;35050;Cardroc;0;1;71" \
    "0350001A;Collège Exemple;Collège;Public;35050;Cardroc;;;400" > "$out/annuaire.csv"
dist/socle/socle-cli import-ecoles "$out/cardroc.socle" --annuaire "$out/annuaire.csv" --commune cardroc >/dev/null
dist/socle/socle-cli summary "$out/cardroc.socle" | grep -q "^Écoles : 1," \
    || { echo "import-ecoles du programme installé : école absente du dossier" >&2; exit 1; }
echo "Écoles importées des données ouvertes par le programme installé : 1 (Cardroc)"
# A national annuaire is read in a child process (« spawn »): the bundle must start one.
read=$(SOCLE_CHECK_READ_IN_PROCESS="$out/annuaire.csv" timeout 60 "$bin") \
    || { echo "Lecture dans un processus fils impossible dans le programme installé" >&2; exit 1; }
grep -q "^lu dans un processus : 1 commune" <<< "$read" \
    || { echo "Lecture dans un processus fils : $read" >&2; exit 1; }
echo "Annuaire lu dans un processus fils par le programme installé ($read)"
# The exports of the installed CLI: the spreadsheet, the draft délibération, the fiche de dépôt.
dist/socle/socle-cli tableur "$out/cardroc.socle" -o "$out/plan.xlsx" 2>/dev/null
dist/socle/socle-cli tableur "$out/cardroc.socle" -o "$out/plan.ods" 2>/dev/null
dist/socle/socle-cli deliberation "$out/cardroc.socle" -o "$out/deliberation.odt" 2>/dev/null
dist/socle/socle-cli deliberation "$out/cardroc.socle" -o "$out/deliberation.docx" 2>/dev/null
dist/socle/socle-cli depot "$out/cardroc.socle" --json | grep -q '"UAI"' \
    || { echo "depot --json du programme installé : UAI absent" >&2; exit 1; }
for f in plan.xlsx plan.ods deliberation.odt deliberation.docx; do
  [ "$(head -c 2 "$out/$f")" = "PK" ] || { echo "$f du programme installé illisible" >&2; exit 1; }
done
echo "Tableur (.xlsx, .ods), projet de délibération (.odt, .docx) et fiche de dépôt écrits par le programme installé"
ls dist/socle/_internal/pypdfium2_raw/*pdfium* >/dev/null 2>&1 \
    || { echo "PDFium (impression) absent du programme installé" >&2; exit 1; }
# The window itself: the built program opens the example offscreen, shows it, and quits.
shown=$(QT_QPA_PLATFORM=offscreen SOCLE_BENCH_EXIT_AFTER_SHOW=1 SOCLE_BENCH_T0="$(date +%s.%N)" \
        timeout 60 "$bin" --exemple) || { echo "La fenêtre du programme installé a échoué" >&2; exit 1; }
grep -q "^loaded" <<< "$shown" || { echo "L'exemple ne s'est pas ouvert dans la fenêtre : $shown" >&2; exit 1; }
echo "Fenêtre et exemple affichés par le programme installé (hors écran) : $(tr '\n' ' ' <<< "$shown")"
