"""Benchmark of the dossier file (not a test): saving one edit, opening a large dossier.

Each figure is printed beside a bare baseline measured in the same run, on the same disk:
- saving: a SetField of a line quantity through ``DossierFile.apply`` against a bare
  sqlite-utils one-row upsert + commit, same folder, same journal mode (goal: p95 ≤ 3 × bare);
- opening: ``DossierFile.open`` of 60 schools, 300 classes, ~2 000 lines (goal: ≤ 300 ms),
  beside a bare ``sqlite3`` read of every row of the same file.

``python bench/bench_store.py [--modes]`` prints the table (``--modes`` adds the bare commit time
of each journal mode, the figures behind docs/dossier-file.md); ``run()`` feeds bench/run_all.py.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from socle_desktop.domain import edits  # noqa: E402
from socle_desktop.domain.campaign import load_campaign  # noqa: E402
from socle_desktop.domain.samples import large_dossier, total_lines  # noqa: E402
from socle_desktop.store import DossierFile, create_dossier_file  # noqa: E402
from socle_desktop.store.editing import perform  # noqa: E402
from socle_desktop.store.schema import JOURNAL_MODE, SYNCHRONOUS  # noqa: E402

SAVES = 400
OPENS = 15


def _ms(seconds: float) -> float:
    return seconds * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _bare_db(folder: Path, journal_mode: str = JOURNAL_MODE) -> Database:
    db = Database(folder / f"nu-{journal_mode.lower()}.db", execute_plugins=False)
    db.execute(f"PRAGMA journal_mode = {journal_mode}")
    db.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    db["lignes"].insert({"id": "l1", "quantite": 0}, pk="id")
    return db


def _bare_upsert(db: Database, value: int) -> float:
    started = time.perf_counter()
    db["lignes"].upsert({"id": "l1", "quantite": value}, pk="id")  # commits on its own
    return time.perf_counter() - started


def _raw_update(conn: sqlite3.Connection, value: int) -> float:
    started = time.perf_counter()
    conn.execute("UPDATE lignes SET quantite = ? WHERE id = 'l1'", [value])
    conn.commit()
    return time.perf_counter() - started


def measure_saves(folder: Path) -> tuple[list[float], list[float], list[float]]:
    """Save and bare times, interleaved so that all see the same disk at the same moments."""
    path = folder / "grand.socle"
    create_dossier_file(path, large_dossier(), load_campaign(), replace=True)
    bare = _bare_db(folder)
    raw = sqlite3.connect(folder / "brut.db")
    raw.execute(f"PRAGMA journal_mode = {JOURNAL_MODE}")
    raw.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    raw.execute("CREATE TABLE lignes (id TEXT PRIMARY KEY, quantite INTEGER)")
    raw.execute("INSERT INTO lignes VALUES ('l1', 0)")
    raw.commit()
    saves, bares, raws = [], [], []
    with DossierFile.open(path) as file:
        line = file.dossier.ecoles[7].classes[2].lignes[0]
        for i in range(SAVES):
            edit = edits.SetField("ligne", line.id, "quantite", i % 9 + 1)
            started = time.perf_counter()  # the whole edit protocol: check, apply, write
            perform(file.dossier, edit, file)
            saves.append(time.perf_counter() - started)
            bares.append(_bare_upsert(bare, i))
            raws.append(_raw_update(raw, i))
    bare.close()
    raw.close()
    return [_ms(t) for t in saves], [_ms(t) for t in bares], [_ms(t) for t in raws]


def measure_open(folder: Path) -> tuple[list[float], list[float], int]:
    path = folder / "grand.socle"
    dossier = large_dossier()
    create_dossier_file(path, dossier, load_campaign(), replace=True)
    opens, raws = [], []
    for _ in range(OPENS):
        started = time.perf_counter()
        file = DossierFile.open(path)
        opens.append(time.perf_counter() - started)
        file.close()
        started = time.perf_counter()
        conn = sqlite3.connect(path)
        for table in ("ecoles", "classes", "lignes", "catalogue"):
            conn.execute(f"SELECT * FROM {table}").fetchall()
        conn.close()
        raws.append(time.perf_counter() - started)
    return [_ms(t) for t in opens], [_ms(t) for t in raws], total_lines(dossier)


def measure_journal_modes(folder: Path, count: int = 200) -> dict[str, float]:
    """Median bare upsert + commit for each journal mode (same disk, synchronous=FULL)."""
    result = {}
    for mode in ("DELETE", "TRUNCATE", "PERSIST", "WAL"):
        db = _bare_db(folder, mode)
        result[mode] = statistics.median(_ms(_bare_upsert(db, i)) for i in range(count))
        db.close()
    return result


def run(folder: Path | None = None) -> list[dict]:
    where = folder or os.environ.get("SOCLE_BENCH_DIR")  # the disk to measure; default: temp
    scratch = Path(tempfile.mkdtemp(prefix="socle-bench-", dir=where))
    try:
        saves, bares, raw_commits = measure_saves(scratch)
        opens, raws, lines = measure_open(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    bare_name = f"upsert + commit sqlite-utils nu, journal {JOURNAL_MODE}"
    save_p95, bare_p95 = _p95(saves), _p95(bares)
    open_median = statistics.median(opens)
    return [
        {
            "name": "Enregistrer une modification (médiane)",
            "value": statistics.median(saves),
            "unit": "ms",
            "baseline": statistics.median(bares),
            "baseline_name": bare_name,
            "goal": "—",
            "ok": None,
        },
        {
            "name": "Enregistrer une modification (p95)",
            "value": save_p95,
            "unit": "ms",
            "baseline": bare_p95,
            "baseline_name": bare_name,
            "goal": "≤ 3 × référence",
            "ok": save_p95 <= 3 * bare_p95,
        },
        {
            "name": "Enregistrer une modification (p95), face au commit sqlite3 brut",
            "value": save_p95,
            "unit": "ms",
            "baseline": _p95(raw_commits),
            "baseline_name": f"UPDATE + commit sqlite3 brut, journal {JOURNAL_MODE}",
            "goal": "(indicatif)",
            "ok": None,
        },
        {
            "name": f"Ouvrir un grand dossier (60 écoles, 300 classes, {lines} lignes)",
            "value": open_median,
            "unit": "ms",
            "baseline": statistics.median(raws),
            "baseline_name": "lecture brute sqlite3 de toutes les lignes",
            "goal": "≤ 300 ms",
            "ok": open_median <= 300,
        },
    ]


def main() -> int:
    rows = run()
    print(f"{'Mesure':<62} {'Valeur':>10} {'Référence':>10} {'Rapport':>8}  Objectif")
    for row in rows:
        ratio = row["value"] / row["baseline"] if row["baseline"] else float("nan")
        verdict = {True: "atteint", False: "NON ATTEINT", None: ""}[row["ok"]]
        print(
            f"{row['name']:<62} {row['value']:>7.2f} ms {row['baseline']:>7.2f} ms "
            f"{ratio:>7.2f}×  {row['goal']} {verdict}"
        )
    for row in rows:
        print(f"  référence de « {row['name']} » : {row['baseline_name']}")
    if "--modes" in sys.argv:
        scratch = Path(tempfile.mkdtemp(prefix="socle-bench-"))
        try:
            for mode, median in measure_journal_modes(scratch).items():
                print(f"commit nu, journal {mode:<8} : {median:.2f} ms (médiane)")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0 if all(row["ok"] is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
