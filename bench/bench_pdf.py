"""Time to build the PDF dossier of a 2 000-school EPCI (and of the 60-school one), beside a bare
reportlab document holding the same table rows (same rows and cells, default fonts, no styling)
built in the same run. Goal: at most 2 × the bare build. `python bench/bench_pdf.py`."""

from __future__ import annotations

import datetime
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5
GOAL_RATIO = 2.0
TODAY = datetime.date(2026, 11, 23)


def _tables(flowables) -> list:
    """Every Table of a story, including those kept together with their heading."""
    from reportlab.platypus import KeepTogether, Table

    found = []
    for flowable in flowables:
        if isinstance(flowable, Table):
            found.append(flowable)
        elif isinstance(flowable, KeepTogether):
            found += _tables(flowable._content)
    return found


def _plain(value) -> str:
    return value if isinstance(value, str) else value.getPlainText()


def bare_rows(dossier, campaign, result) -> list[list[list[str]]]:
    """The text of every table row of the dossier, as plain strings."""
    from socle_desktop.report.document import story

    tables = _tables(story(dossier, campaign, result, TODAY))
    return [[[_plain(cell) for cell in row] for row in table._cellvalues] for table in tables]


def build_bare(tables: list[list[list[str]]]) -> bytes:
    """The floor: reportlab's platypus with the same rows, default fonts, no styling."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(rows, repeatRows=1) for rows in tables])
    return buffer.getvalue()


def _median_seconds(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# (schools, classes, communes, runs): the large one is built once (about a minute)
SIZES = ((60, 300, 12, RUNS), (2_000, 4_000, 99, 1))


def run() -> list[dict]:
    return [row for size in SIZES for row in _run(*size)]


def _run(schools: int, classes: int, communes: int, runs: int) -> list[dict]:
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.domain.rules import compute
    from socle_desktop.domain.samples import large_dossier, total_lines
    from socle_desktop.report import build_pdf

    dossier, campaign = large_dossier(schools, classes, communes), load_campaign()
    result = compute(dossier, campaign)
    tables = bare_rows(dossier, campaign, result)
    if runs > 1:  # warm-up (fonts, imports), done by the first size for the next ones
        build_pdf(dossier, campaign, result=result, today=TODAY)
        build_bare(tables)
    socle = _median_seconds(lambda: build_pdf(dossier, campaign, result=result, today=TODAY), runs)
    bare = _median_seconds(lambda: build_bare(tables), runs)
    rows = sum(len(t) for t in tables)
    return [
        {
            "name": f"PDF, {len(dossier.ecoles)} écoles, {total_lines(dossier)} lignes "
            f"({rows} lignes de tableau)",
            "value": socle * 1000,
            "unit": "ms",
            "baseline": bare * 1000,
            "baseline_name": "platypus nu, mêmes lignes",
            "ratio": socle / bare,
            "goal": f"≤ {GOAL_RATIO:g} × la référence".replace(".", ","),
            "ok": socle / bare <= GOAL_RATIO,
        }
    ]


def main() -> int:
    for row in run():
        print(
            f"{row['name']} : {row['value']:.0f} ms ; référence ({row['baseline_name']}) : "
            f"{row['baseline']:.0f} ms ; rapport {row['ratio']:.2f} × "
            f"(objectif {row['goal']}) : {'atteint' if row['ok'] else 'NON atteint'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
