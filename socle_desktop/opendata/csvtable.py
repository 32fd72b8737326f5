"""Reading the Ministry's CSV exports tolerantly: `;` or `,`, UTF-8 with or without BOM (or an
Excel re-save in Windows-1252), header labels or field names in any case, columns in any order.

The national annuaire is ~65 000 rows of ~70 columns: ``csv.reader`` alone takes about 2 s on it.
So a table keeps each record as its text and splits it only as far as the reader needs (the
commune of every row; all the columns only for the schools of the chosen communes), directly
when it has no quote and through ``csv`` when it has. Both give the same fields.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# progress(fraction done, 0..1) -> False to cancel
Progress = Callable[[float], bool]

_STOP_WORDS = frozenset({"de", "d", "l", "en", "du", "des", "le", "la", "les", "a"})
_CHUNK_LINES = 4000  # how often progress is told, and cancellation looked at
_BLOCK_BYTES = 2 << 20  # decoded and split at once: ~10 ms each
_SPLIT_SHARE = 0.5  # of the progress bar, for decoding and splitting the lines


class OpenDataError(Exception):
    """A file that cannot be read as the expected dataset, told in French with its name."""

    def __init__(self, path: Path | str | None, message: str):
        self.path = Path(path) if path else None
        super().__init__(f"{self.path.name} : {message}" if self.path else message)


class Cancelled(Exception):  # noqa: N818 - the user's word, not an error
    """The user stopped the reading."""


def plain(text: str) -> str:
    """Lower case without accents: « Établissement » and « ETABLISSEMENT » meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def column_key(label: str) -> str:
    """One key for a column's label or field name: « Nombre d'élèves en CP hors ULIS » and
    ``nombre_eleves_cp_hors_ulis`` both give ``nombreelevescphorsulis``."""
    words = re.split(r"[^a-z0-9]+", plain(label))
    return "".join(w for w in words if w and w not in _STOP_WORDS)


@dataclass
class Table:
    """The header of a CSV file and its records, each kept as its text until it is needed."""

    path: Path
    labels: list[str]
    records: list[str]
    sep: str = ";"

    def __post_init__(self) -> None:
        self._index: dict[str, int] = {}
        for position, label in enumerate(self.labels):
            self._index.setdefault(column_key(label), position)

    def column(self, *names: str) -> int | None:
        """The position of the first of ``names`` (labels or field names) present, else None."""
        for name in names:
            position = self._index.get(column_key(name))
            if position is not None:
                return position
        return None

    def has(self, *names: str) -> bool:
        return self.column(*names) is not None

    def fields(self, record: str, upto: int | None = None) -> list[str]:
        """The fields of ``record``, at least up to position ``upto`` (all when None), not
        stripped; a short record is padded with empty fields."""
        if '"' in record:
            fields = next(csv.reader([record], delimiter=self.sep), [])
        elif upto is None:
            fields = record.split(self.sep)
        else:
            fields = record.split(self.sep, upto + 1)
        width = len(self.labels) if upto is None else upto + 1
        if len(fields) < width:
            fields += [""] * (width - len(fields))
        return fields

    def rows(self) -> list[list[str]]:
        """Every record split (for small files and tests; the readers split less)."""
        return [self.fields(record) for record in self.records]


def part(progress: Progress | None, start: float, end: float) -> Progress | None:
    """One stage of a reading, told as the span ``start``..``end`` of the whole progress bar."""
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * fraction)


def tracked(items: list, progress: Progress | None):
    """The items one by one, progress told every few thousand; ``Cancelled`` when asked."""
    if progress is None:
        yield from items
        return
    total = len(items) or 1
    for start in range(0, len(items), _CHUNK_LINES):
        if not progress(start / total):
            raise Cancelled
        yield from items[start:start + _CHUNK_LINES]
    if not progress(1.0):
        raise Cancelled


def count(text: str) -> int | None:
    """A count as the exports write it (« 1 234 », « 12.0 » after a spreadsheet), else None."""
    text = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if text.endswith(".0"):  # a spreadsheet's re-save
        text = text[:-2]
    return int(text) if text.isascii() and text.isdigit() else None


def check_columns(table: Table, required: dict, dataset: str) -> None:
    """Refuse a file that lacks a needed column, naming each one missing."""
    missing = [f"« {names[0]} » ({what})" for names, what in required.items()
               if not table.has(*names)]
    if not missing:
        return
    if len(missing) == len(required):
        raise OpenDataError(table.path, f"ce n'est pas le fichier « {dataset} » : aucune des "
                            "colonnes attendues n'y figure")
    raise OpenDataError(table.path, f"colonne(s) manquante(s) pour « {dataset} » : "
                        + ", ".join(missing))


def _blocks(data: bytes, start: int = 0, size: int = _BLOCK_BYTES):
    """``data`` from ``start`` in blocks of about ``size`` bytes, each ending at a line end, so
    that every block decodes on its own (a UTF-8 character never spans a line end)."""
    while start < len(data):
        end = data.find(b"\n", start + size)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


def _lines(data: bytes, path: Path, progress: Progress | None) -> list[str]:
    """The text's lines, decoded and split block by block: one call on 60 MB would hold the
    interpreter (and the window's thread) for a quarter of a second, and could not be cancelled."""
    if b"\0" in data[:4096]:
        raise OpenDataError(path, "ce n'est pas un fichier texte (CSV attendu)")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # not data[3:]: a 60 MB copy
    lines: list[str] = []
    done = 0
    for block in _blocks(data, bom):
        try:
            lines += block.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            # A file re-saved by Excel on Windows: every byte is a Windows-1252 character but 5.
            try:
                return data[bom:].decode("cp1252").splitlines()
            except UnicodeDecodeError:
                return data[bom:].decode("latin-1").splitlines()
        done += len(block)
        if progress is not None and not progress(_SPLIT_SHARE * done / len(data)):
            raise Cancelled
    return lines


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=counts.get)


def _records(lines: list[str], progress: Progress | None) -> list[str]:
    """The logical records: a quoted field may hold a line break, so a record with an odd
    number of quotes goes on to the next line."""
    records, total, index = [], len(lines), 0
    while index < total:
        if progress is not None and index % _CHUNK_LINES == 0 \
                and not progress(_SPLIT_SHARE + (1 - _SPLIT_SHARE) * index / total):
            raise Cancelled
        line = lines[index]
        index += 1
        if '"' in line:
            parts = [line]
            quotes = line.count('"')
            while quotes % 2 and index < total:
                parts.append(lines[index])
                quotes += lines[index].count('"')
                index += 1
            line = "\n".join(parts)
        if line.strip():
            records.append(line)
    return records


def read_table(path: Path | str, *, progress: Progress | None = None) -> Table:
    """Read a whole CSV file; raise ``OpenDataError`` (in French) or ``Cancelled``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise OpenDataError(path, "fichier introuvable") from None
    except IsADirectoryError:
        raise OpenDataError(path, "c'est un dossier, pas un fichier CSV") from None
    except PermissionError:
        raise OpenDataError(path, "lecture refusée (droits insuffisants)") from None
    except OSError as error:
        raise OpenDataError(path, f"lecture impossible ({error.strerror or error})") from None
    records = _records(_lines(data, path, progress), progress)
    if not records:
        raise OpenDataError(path, "le fichier est vide")
    sep = _separator(records[0])
    header = next(csv.reader([records[0]], delimiter=sep))
    labels = [label.strip() for label in header]
    if progress is not None and not progress(1.0):
        raise Cancelled
    return Table(path, labels, records[1:], sep)


def read_dataset(path: Path | str, from_table: Callable, progress: Progress | None = None):
    """Read ``path`` and build the dataset with ``from_table(table, progress)``: splitting the
    lines is most of the work, indexing the rows the last fifth of the progress bar."""
    table = read_table(path, progress=part(progress, 0, 0.8))
    return from_table(table, part(progress, 0.8, 1))
