"""Printing the example dossier to a PDF printer (QPrinter, OutputFormat.PdfFormat), the way
« Imprimer… » does it: the PDF built (pdf_jobs.PdfJob's write_pdf, reportlab imported the first
time as in the application), its pages drawn by PDFium at 300 dpi and painted on the printer
(pdf_jobs.PrintJob). The time runs from the user's click, Qt being started (the application is
open); each run is a fresh process, so that its peak memory is its own. The baseline is the same
process printing one blank page. Goals: the example in ≤ 2 s and ≤ 300 MiB peak.
`python bench/bench_print.py`."""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("SOCLE_BENCH_RUNS", "3"))
_FOLDER = tempfile.mkdtemp(prefix="socle-banc-impression-")
GOAL_SECONDS = 2.0
GOAL_MIB = 300


def _bare_print(printer, pdf: Path) -> None:
    """The floor: the same PDF's pages drawn by pypdfium2 and painted by QPainter in a plain
    loop, none of Socle's code (no job, no lock, no progress)."""
    import pypdfium2 as pdfium
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    document = pdfium.PdfDocument(str(pdf))
    painter = QPainter(printer)
    paper = QRectF(printer.paperRect(printer.Unit.DevicePixel))
    for index in range(len(document)):
        if index:
            printer.newPage()
        bitmap = document[index].render(scale=300 / 72, rev_byteorder=True)
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
        )
        painter.drawImage(paper, image)
    painter.end()
    document.close()


def _child(kind: str, folder: Path) -> dict:
    """In the child process: print, then report time, peak memory and the job's size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 - Qt needs it alive
    from socle_desktop.gui.printing import chosen_sequence, new_printer

    started = time.perf_counter()  # the click: the application is running
    job_seconds = 0.0

    output = folder / f"{kind}-imprime.pdf"
    printer = new_printer("banc", output)
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    pages = 1
    if kind == "bare":
        _bare_print(printer, folder / "example.pdf")
    else:
        from socle_desktop.domain import jsonio
        from socle_desktop.domain.campaign import load_campaign
        from socle_desktop.domain.samples import large_dossier
        from socle_desktop.gui.pdf_jobs import PrintJob
        from socle_desktop.gui.pdf_pages import PdfPages
        from socle_desktop.report import write_pdf
        from socle_desktop.resources import example_dossier_path

        dossier = (
            jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
            if kind == "example"
            else large_dossier()
        )
        pdf = folder / f"{kind}.pdf"
        write_pdf(dossier, load_campaign(), pdf)
        opened = PdfPages(pdf)
        pages = opened.count
        opened.close()
        job = PrintJob(pdf, printer, chosen_sequence(printer, pages))
        failures: list[str] = []
        job.signals.failed.connect(failures.append)
        job_started = time.perf_counter()
        job.run()  # the worker's code, here on this process's only thread
        job_seconds = time.perf_counter() - job_started
        if failures:
            raise SystemExit(failures[0])
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {
        "seconds": seconds,
        "job_seconds": job_seconds,
        "peak_mib": peak,
        "pages": pages,
        "size_mb": output.stat().st_size / 1e6,
    }


def _measure(kind: str) -> dict:
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--child", kind, _FOLDER],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "job_seconds": statistics.median(r["job_seconds"] for r in runs),
        "peak_mib": max(r["peak_mib"] for r in runs),
        "pages": runs[0]["pages"],
        "size_mb": runs[0]["size_mb"],
    }


def run() -> list[dict]:
    example = _measure("example")  # first: it leaves example.pdf for the floor
    bare, large = _measure("bare"), _measure("large")
    load = os.getloadavg()[0]
    shutil.rmtree(_FOLDER, ignore_errors=True)
    return [
        {
            "name": f"Impression de l'exemple ({example['pages']} pages, 300 ppp) vers une "
            f"imprimante PDF, {example['size_mb']:.1f} Mo, PDF compris (charge de la "
            f"machine : {load:.1f})".replace(".", ","),
            "value": example["seconds"],
            "unit": "s",
            "baseline": bare["seconds"],
            "baseline_name": "pypdfium2 + QPainter nus, même PDF",
            "goal": f"≤ {GOAL_SECONDS:g} s".replace(".", ","),
            "ok": example["seconds"] <= GOAL_SECONDS,
        },
        {
            "name": "  dont le dessin des pages sur l'imprimante (après le dialogue)",
            "value": example["job_seconds"],
            "unit": "s",
            "baseline": bare["seconds"],
            "baseline_name": "pypdfium2 + QPainter nus, même PDF",
            "goal": "—",
            "ok": None,
        },
        {
            "name": "Impression de l'exemple : mémoire de pointe du processus",
            "value": example["peak_mib"],
            "unit": "Mio",
            "baseline": bare["peak_mib"],
            "baseline_name": "pypdfium2 + QPainter nus",
            "goal": f"≤ {GOAL_MIB} Mio",
            "ok": example["peak_mib"] <= GOAL_MIB,
        },
        {
            "name": f"Impression de 60 écoles ({large['pages']} pages), pour information "
            f"({large['peak_mib']:.0f} Mio de pointe)",
            "value": large["seconds"],
            "unit": "s",
            "baseline": None,
            "goal": "—",
            "ok": None,
        },
    ]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(_child(argv[1], Path(argv[2]))))
        return 0
    for row in run():
        floor = (
            f"{row['baseline']:.2f} {row['unit']} ({row['baseline_name']})"
            if row["baseline"] is not None
            else "—"
        )
        print(
            f"{row['name']} : {row['value']:.2f} {row['unit']} ; référence : {floor} ; objectif "
            f"{row['goal']} : {({True: 'atteint', False: 'NON atteint', None: '—'})[row['ok']]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
