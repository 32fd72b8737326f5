"""Fuzzing the two ways a file from anyone comes in (issue 13): the JSON import and the cells of a
dossier file. Whatever they hold, the command line ends with 0 or 2, never a traceback; and what
it accepts exports and imports back identically. Bounded to a few seconds."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socle_desktop.cli import run
from socle_desktop.resources import example_dossier_path

FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
EXAMPLE = json.loads(example_dossier_path().read_text(encoding="utf-8"))

ODD_TEXT = st.text(
    alphabet=st.sampled_from(
        list("aZ09 .,-\n\t\x00\x7f\u202f€éÉ🏫٢２<&>\"'\\") + ["\ud800", "\udfff"]
    ),
    max_size=12,
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | ODD_TEXT
    | st.sampled_from(
        [
            "2300.00",
            "12.00\n",
            "٢٣٠٠",
            "NaN",
            "1e999999",
            "0351698F",
            "35999",
            "x" * 600,
            "CP",
            "public",
            "9" * 400,
        ]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=3),
    max_leaves=6,
)


def _paths(data, prefix=()):
    """Every place in the JSON tree a value could be replaced."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


PATHS = list(_paths(EXAMPLE))


def _replaced(data, path, value):
    if not path:
        return value
    data = json.loads(json.dumps(data))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert "Traceback" not in err
    return code, out, err


def _round_trip(capsys, folder: Path, dossier: Path) -> None:
    """An accepted dossier exports, and its export imports back to the same export."""
    code, exported, err = _cli(capsys, "export-json", dossier)
    assert code == 0, err
    again = folder / "encore.socle"
    (folder / "export.json").write_text(exported, encoding="utf-8")
    code, _out, err = _cli(capsys, "import-json", folder / "export.json", again, "--remplacer")
    assert code == 0, err
    code, second, _err = _cli(capsys, "export-json", again)
    assert second == exported


@FUZZ
@given(place=st.sampled_from(PATHS), value=VALUES, cut=st.integers(min_value=0, max_value=40))
def test_json_import_fuzz(tmp_path_factory, capsys, place, value, cut):
    folder = tmp_path_factory.mktemp("json")
    text = json.dumps(_replaced(EXAMPLE, place, value))
    if cut % 7 == 0:  # sometimes a broken text too
        text = text[: len(text) * cut // 40]
    source, target = folder / "entree.json", folder / "dossier.socle"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, _out, err = _cli(capsys, "import-json", source, target)
    if code == 2:
        assert err.startswith("Erreur : ") and not target.exists()
        assert sorted(p.name for p in folder.iterdir()) == ["entree.json"]
    else:
        _round_trip(capsys, folder, target)


CELLS = {  # table -> columns a sender may have changed
    "porteur": ["type", "nom", "siren", "contact_nom", "contact_courriel"],
    "parametres": ["prix_saisis", "taux_tva", "arrondi"],
    "communes": ["insee", "nom", "position"],
    "ecoles": ["nom", "uai", "commune", "secteur", "eleves", "position"],
    "classes": ["nom", "niveaux", "eleves", "ecole_id"],
    "lignes": ["article", "libelle", "quantite", "prix_unitaire", "classe_id", "volet"],
    "existant": ["element", "etat"],
    "catalogue": ["libelle", "prix_unitaire", "taux_tva", "subventionnable", "niveau"],
    "campagne": ["identifiant", "regles_toml"],
}
CELL_VALUES = (
    st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True)
    | st.binary(max_size=8)
    | ODD_TEXT.filter(lambda t: "\ud800" not in t and "\udfff" not in t)
    | st.sampled_from(
        [
            "NaN",
            "1e999999",
            "beaucoup",
            "2300.00",
            "CP CE1",
            "CP  CE1",
            "",
            "x" * 600,
            "prive_sous_contrat",
            "classe",
            "1",
            "0359902Y",
            "35999",
        ]
    )
    | st.sampled_from([b"\xc3\xff", b"\xff\xfe"]).map(lambda raw: ("invalid-utf8", raw))
)


@pytest.fixture(scope="module")
def example_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exemple")
    path = folder / "exemple.socle"
    assert run(["import-json", str(example_dossier_path()), str(path)]) == 0
    return path


@FUZZ
@given(
    table=st.sampled_from(sorted(CELLS)),
    data=st.data(),
    value=CELL_VALUES,
    row=st.integers(min_value=1, max_value=6),
)
def test_dossier_cells_fuzz(tmp_path_factory, capsys, example_file, table, data, value, row):
    column = data.draw(st.sampled_from(CELLS[table]))
    folder = tmp_path_factory.mktemp("cellules")
    path = folder / "recu.socle"
    shutil.copyfile(example_file, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    if isinstance(value, tuple):  # text whose bytes are not UTF-8
        sql, params = f"UPDATE {table} SET {column} = CAST(? AS TEXT) WHERE rowid = ?", [value[1]]
    else:
        sql, params = f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [value]
    try:
        conn.execute(sql, [*params, row])
        conn.commit()
    except sqlite3.IntegrityError:  # a NOT NULL, UNIQUE or foreign key the file still enforces
        return
    finally:
        conn.close()
    for verb in ("summary", "export-json"):
        code, _out, err = _cli(capsys, verb, path)
        if code == 2:
            assert err.startswith("Erreur : ")
            return
    _round_trip(capsys, folder, path)
