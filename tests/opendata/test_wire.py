"""An open-data file read in another process comes back whole: the dataset rebuilt from the
messages of opendata/wire.py answers every question as the one read here does."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.csvtable import Cancelled, OpenDataError
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.opendata.proposals import propose
from socle_desktop.opendata.samples import (
    ANNUAIRE_COLUMNS,
    EFFECTIFS_COLUMNS,
    annuaire_row,
    effectifs_row,
    write_csv,
)
from socle_desktop.opendata.wire import (
    ANNUAIRE,
    ASSEMBLERS,
    EFFECTIFS,
    annuaire_parts,
    effectifs_parts,
    read_in_child,
    read_in_process,
)

HOSTILE = 'École « Les <Lilas> » & co; "quoted"; 🌳'


def _round_trip(kind, dataset):
    head, items = (annuaire_parts if kind == ANNUAIRE else effectifs_parts)(dataset)
    return ASSEMBLERS[kind](head, list(items))


def _seen(proposals) -> list[tuple]:
    """What the dialog shows of each proposal (its classes' ids are drawn afresh each time)."""
    return [
        (
            p.source,
            p.commune,
            p.kind,
            p.counts,
            p.eligible,
            p.ticked,
            p.notes,
            p.refused,
            p.school.eleves,
            [(c.nom, c.niveaux, c.eleves) for c in p.school.classes],
        )
        for p in proposals
    ]


def _same_answers(annuaire, effectifs, assembled, copy_e) -> None:
    copy_a, copy_index = assembled
    index = CommuneIndex(annuaire)
    assert copy_index.annuaire is copy_a
    assert copy_index.by_name == index.by_name and copy_index.with_schools == index.with_schools
    assert copy_index.labels() == index.labels() and len(index.labels()) > 0
    assert copy_a.communes == annuaire.communes and copy_a.rows == annuaire.rows
    assert copy_a.school_count == annuaire.school_count
    codes = sorted(annuaire.school_communes)
    assert copy_a.schools_in(codes) == annuaire.schools_in(codes)
    communes = [index.by_insee[c] for c in codes]
    assert _seen(propose(copy_a, communes, copy_e)) == _seen(propose(annuaire, communes, effectifs))
    assert copy_e.latest_year == effectifs.latest_year and len(copy_e) == len(effectifs)
    for uai in list(effectifs._latest)[:200]:
        assert copy_e.get(uai) == effectifs.get(uai)


def test_the_real_extracts_come_back_whole(annuaire_35, effectifs_35):
    annuaire, effectifs = read_annuaire(annuaire_35), read_effectifs(effectifs_35)
    copy_a, copy_e = _round_trip(ANNUAIRE, annuaire), _round_trip(EFFECTIFS, effectifs)
    _same_answers(annuaire, effectifs, copy_a, copy_e)
    assert len(copy_a[0]._table.labels) < len(annuaire._table.labels)  # only the columns read


def test_separators_quotes_and_emoji_in_a_field_survive(tmp_path):
    rows = [
        annuaire_row("0350001A", HOSTILE, "35001", "Saint-Malo; « la cité »"),
        annuaire_row("0350002B", "x" * 200, "35001", "Saint-Malo; « la cité »"),
        annuaire_row("0350003C", "Collège", "35002", "Cardroc", kind="Collège"),
    ]
    annuaire = read_annuaire(write_csv(tmp_path / "a.csv", rows, ANNUAIRE_COLUMNS))
    counts = [effectifs_row("0350001A", 2023, "Saint-Malo", classes=4, levels=(20, 21, 22, 0, 1))]
    effectifs = read_effectifs(write_csv(tmp_path / "e.csv", counts, EFFECTIFS_COLUMNS))
    copy_a, copy_e = _round_trip(ANNUAIRE, annuaire), _round_trip(EFFECTIFS, effectifs)
    _same_answers(annuaire, effectifs, copy_a, copy_e)
    copy_a, copy_index = copy_a
    assert [s.nom for s in copy_a.schools_in(["35001"])] == [HOSTILE, "x" * 200]
    assert "35002" in copy_a.communes and "35002" not in copy_a.school_communes
    assert [c.insee for c in copy_index.resolve("35001")] == ["35001"]


def _messages(kind: str, path: Path) -> list[tuple]:
    ours, theirs = multiprocessing.get_context("spawn").Pipe(duplex=False)
    process = multiprocessing.get_context("spawn").Process(
        target=read_in_child, args=(kind, str(path), theirs), daemon=True
    )
    process.start()
    theirs.close()
    messages = []
    try:
        while True:
            messages.append(ours.recv())
    except EOFError:
        pass
    process.join(30)
    return messages


def test_a_spawned_child_sends_progress_then_the_dataset(annuaire_35):
    messages = _messages(ANNUAIRE, annuaire_35)
    tags = [m[0] for m in messages]
    assert tags[0] == "progress" and tags[-1] == "end" and "head" in tags
    fractions = [m[1] for m in messages if m[0] == "progress"]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    head = next(m[2] for m in messages if m[0] == "head")
    items = [item for m in messages if m[0] == "items" for item in m[1]]
    copy, _index = ASSEMBLERS[ANNUAIRE](head, items)
    annuaire = read_annuaire(annuaire_35)
    codes = sorted(annuaire.school_communes)
    assert copy.schools_in(codes) == annuaire.schools_in(codes)


def test_a_spawned_child_tells_a_wrong_file_in_french(tmp_path, effectifs_35):
    notes = tmp_path / "notes.txt"
    notes.write_text("Liste des écoles à voir\nà compléter\n", encoding="utf-8")
    assert _messages(ANNUAIRE, tmp_path / "effacé.csv") == [
        ("failed", "effacé.csv : fichier introuvable")
    ]
    *progress, (tag, message) = _messages(ANNUAIRE, effectifs_35)
    assert {m[0] for m in progress} <= {"progress"}
    assert tag == "failed" and "pas l'annuaire de l'éducation" in message


def test_read_in_process_gives_the_dataset_or_stops_when_cancelled(annuaire_35, effectifs_35):
    seen: list[float] = []
    annuaire, index = read_in_process(ANNUAIRE, annuaire_35, lambda f: seen.append(f) or True)
    assert seen == sorted(seen) and 0.9 <= seen[-1] < 1.0  # the last part: the pieces put together
    assert [c.insee for c in index.resolve("Cardroc")] == ["35050"]
    assert [s.uai for s in annuaire.schools_in(["35050"])] == ["0350165P"]
    effectifs = read_in_process(EFFECTIFS, effectifs_35, lambda f: True)
    assert effectifs.latest_year == 2022 and effectifs.get("0350165P") is not None
    with pytest.raises(Cancelled):
        read_in_process(ANNUAIRE, annuaire_35, lambda f: False)
    assert multiprocessing.active_children() == []  # the child was ended, not left reading
    with pytest.raises(OpenDataError, match="^pas-là.csv : fichier introuvable$"):
        read_in_process(ANNUAIRE, annuaire_35.parent / "pas-là.csv", lambda f: True)
