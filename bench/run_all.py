"""Every benchmark of the project, one table: each figure beside its bare baseline measured in
the same run, and its goal. `make bench` (or `python bench/run_all.py`)."""

from __future__ import annotations

import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MODULES = (
    "bench_gui",
    "bench_store",
    "bench_pdf",
    "bench_opendata",
    "bench_memory",
    "bench_print",
    "bench_variants",
)


def _cell(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:,.2f}" if value < 1000 else f"{value:,.0f}"
        text = text.replace(",", "\u202f").replace(".", ",")
    else:
        text = str(value)
    return f"{text} {unit}".strip()


def _row(row: dict) -> list[str]:
    value, baseline, unit = row.get("value"), row.get("baseline"), row.get("unit", "")
    ratio = row.get("ratio")
    if (
        ratio is None
        and isinstance(value, (int, float))
        and isinstance(baseline, (int, float))
        and baseline
    ):
        ratio = value / baseline
    ok = row.get("ok")
    return [
        row["name"],
        _cell(value, unit),
        _cell(baseline, row.get("baseline_unit", unit))
        + (f" ({row['baseline_name']})" if row.get("baseline_name") else ""),
        "—" if ratio is None else f"{ratio:.2f}×".replace(".", ","),
        str(row.get("goal", "—")),
        {True: "oui", False: "NON", None: "—"}[ok],
    ]


def main() -> int:
    rows, failures = [], []
    started = time.perf_counter()
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            failures.append(f"{name} : module absent ({error})")
            continue
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            rows += module.run()
        except Exception as error:  # a broken benchmark must not hide the others' figures
            failures.append(f"{name} : {type(error).__name__}: {error}")
    header = [
        "Mesure",
        "Valeur",
        "Référence nue (même exécution)",
        "Rapport",
        "Objectif",
        "Atteint",
    ]
    table = [header] + [_row(r) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print(
        f"Socle — bancs d'essai, {time.strftime('%Y-%m-%d %H:%M')}, {platform.platform()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cœurs"
    )
    for i, line in enumerate(table):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print(f"Durée totale : {time.perf_counter() - started:.0f} s")
    for failure in failures:
        print(f"ÉCHEC {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
