"""Reading the Ministry's CSV exports tolerantly: `;`, `,` or tab, UTF-8 with or without BOM (or
an Excel re-save in Windows-1252, or Excel's « texte Unicode », UTF-16), header labels or field
names in any case, columns in any order. What cannot be read faithfully is refused in French: a
quote that never closes, a line with more or fewer columns than the header (a file converted
without its quotes, whose columns no longer say what their labels say), a NUL byte.

The national annuaire is ~65 000 rows of ~70 columns: ``csv.reader`` alone takes about 2 s on it.
So a table keeps each record as its text and splits it only as far as the reader needs (the
commune of every row; all the columns only for the schools of the chosen communes), directly
when it has no quote and through ``csv`` when it has. Both give the same fields.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from socle_desktop.domain.presentation import plural
from socle_desktop.system_errors import SpecialFile, os_reason, printable, read_bytes

# progress(fraction done, 0..1) -> False to cancel
Progress = Callable[[float], bool]
T = TypeVar("T")
D = TypeVar("D")  # a dataset built from a table

_STOP_WORDS = frozenset({"de", "d", "l", "en", "du", "des", "le", "la", "les", "a"})
_CHUNK_LINES = 4000  # how often progress is told, and cancellation looked at
_BLOCK_BYTES = 2 << 20  # decoded and split at once: ~10 ms each
_SPLIT_SHARE = 0.5  # of the progress bar, for decoding and splitting the lines
_MAX_RECORD_LINES = 100  # a quoted field may hold line breaks: an address, not a whole file
_MAX_RECORD_CHARS = csv.field_size_limit()  # what csv itself accepts in one field


class OpenDataError(Exception):
    """A file that cannot be read as the expected dataset, told in French with its name."""

    def __init__(self, path: Path | str | None, message: str):
        self.path = Path(path) if path else None
        super().__init__(f"{printable(self.path.name)} : {message}" if self.path else message)


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
    lines: list[int] = field(default_factory=list)  # the line number of each record, from 1

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
            try:
                fields = next(csv.reader([record], delimiter=self.sep), [])
            except csv.Error:  # read_table refuses such records: only a made-up Table has one
                raise OpenDataError(
                    self.path, "une ligne est illisible (guillemets mal placés)"
                ) from None
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


def tracked(items: list[T], progress: Progress | None) -> Iterator[T]:
    """The items one by one, progress told every few thousand; ``Cancelled`` when asked."""
    if progress is None:
        yield from items
        return
    total = len(items) or 1
    for start in range(0, len(items), _CHUNK_LINES):
        if not progress(start / total):
            raise Cancelled
        yield from items[start : start + _CHUNK_LINES]
    if not progress(1.0):
        raise Cancelled


def count(text: str) -> int | None:
    """A count as the exports write it (« 1 234 », « 12.0 » after a spreadsheet), else None."""
    text = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if text.endswith(".0"):  # a spreadsheet's re-save
        text = text[:-2]
    return int(text) if text.isascii() and text.isdigit() else None


def required(columns: dict[tuple[str, ...], int | None], names: tuple[str, ...]) -> int:
    """The position of a column ``check_columns`` made sure of."""
    position = columns[names]
    if position is None:  # never: check_columns refused the file
        raise LookupError(names[0])
    return position


def check_columns(table: Table, required: dict[tuple[str, ...], str], dataset: str) -> None:
    """Refuse a file that lacks a needed column, naming each one missing."""
    missing = [
        f"« {names[0]} » ({what})" for names, what in required.items() if not table.has(*names)
    ]
    if not missing:
        return
    if len(missing) == len(required):
        raise OpenDataError(
            table.path,
            f"ce n'est pas le fichier « {dataset} » : aucune des colonnes attendues n'y figure",
        )
    raise OpenDataError(
        table.path, f"colonne(s) manquante(s) pour « {dataset} » : " + ", ".join(missing)
    )


def _blocks(data: bytes, start: int = 0, size: int = _BLOCK_BYTES) -> Iterator[bytes]:
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
    utf16 = _utf16(data)
    if utf16 is not None:  # Excel's « texte Unicode »: decoded at once, it is rare and smaller
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise OpenDataError(path, "fichier UTF-16 illisible (tronqué ou endommagé)") from None
        if "\0" in text:
            raise OpenDataError(path, "ce n'est pas un fichier texte (CSV attendu)")
        return text.lstrip("\ufeff").splitlines()
    if b"\0" in data:
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


def _utf16(data: bytes) -> str | None:
    """« utf-16 » for a file that starts with its byte-order mark, « utf-16-le »/« -be » for one
    without it whose text is mostly ASCII (every other byte NUL); else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 4 and even == 0:
        return "utf-16-le"
    if even > len(sample) // 4 and odd == 0:
        return "utf-16-be"
    return None


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def _open_quote(line: str, sep: str, inside: bool) -> bool:
    """Whether a quoted field is still open at the end of ``line`` (``inside``: it was open at
    its start), by csv's rules: a field is quoted when it starts with a quote, « "" » inside it
    is a quote, and a quote elsewhere is only a character."""
    position, length, field_start = 0, len(line), not inside
    while position < length:
        if inside:
            end = line.find('"', position)
            if end < 0:
                return True
            if line.startswith('"', end + 1):
                position = end + 2
                continue
            inside, field_start, position = False, False, end + 1
        elif field_start and line.startswith('"', position):
            inside, position = True, position + 1
        else:
            end = line.find(sep, position)
            if end < 0:
                return False
            field_start, position = True, end + 1
    return inside


def _records(
    lines: list[str], sep: str, path: Path, progress: Progress | None
) -> tuple[list[str], list[int]]:
    """The logical records and the line each starts on: a quoted field may hold a line break,
    so a record whose quote is still open goes on to the next line; one that never closes is
    refused (csv would swallow the rest of the file into one field)."""
    records, starts, total, index = [], [], len(lines), 0
    while index < total:
        if (
            progress is not None
            and index % _CHUNK_LINES == 0
            and not progress(_SPLIT_SHARE + (1 - _SPLIT_SHARE) * index / total)
        ):
            raise Cancelled
        line = lines[index]
        start = index = index + 1
        # An even count of quotes closes what it opens unless a quote sits inside a field.
        if '"' in line and line.count('"') % 2 and _open_quote(line, sep, False):
            parts, size = [line], len(line)
            while True:
                if index >= total or index - start >= _MAX_RECORD_LINES or size > _MAX_RECORD_CHARS:
                    raise OpenDataError(
                        path,
                        f"ligne {start} : un guillemet ouvre un champ qui "
                        "ne se referme pas (fichier coupé, ou mal converti) ; "
                        "téléchargez-le à nouveau",
                    )
                parts.append(lines[index])
                size += len(lines[index])
                index += 1
                if not _open_quote(parts[-1], sep, True):
                    break
            line = "\n".join(parts)
        if line.strip():
            records.append(line)
            starts.append(start)
    return records, starts


def _field_count(record: str, sep: str, width: int) -> int:
    """How many fields ``record`` has, empty ones at its end beyond ``width`` not counted (some
    tools end every line with a separator)."""
    if '"' not in record:
        count = record.count(sep) + 1
        if count > width and record.rstrip(sep).count(sep) < width:  # only empty ones beyond
            return width
        return count
    try:
        fields = next(csv.reader([record], delimiter=sep), [])
    except csv.Error:
        return -1
    while len(fields) > width and not fields[-1]:
        fields.pop()
    return len(fields)


def _misaligned(table: Table, width: int, progress: Progress | None) -> list[tuple[int, int]]:
    """(line, field count) of every record without ``width`` fields; separators are counted
    in C (``map``), a record is looked at closely only when its count is off or it has quotes
    (about 60 ms on the national annuaire, 100 ms on the national effectifs)."""
    sep, records, expected = table.sep, table.records, width - 1
    bad = []
    for start in range(0, len(records), _CHUNK_LINES):
        if progress is not None and not progress(start / (len(records) or 1)):
            raise Cancelled
        chunk = records[start : start + _CHUNK_LINES]
        counts = list(map(str.count, chunk, itertools.repeat(sep)))
        if counts.count(expected) == len(chunk) and '"' not in "".join(chunk):
            continue  # the common case, decided without a Python loop
        for offset, separators in enumerate(counts):
            if separators == expected and '"' not in chunk[offset]:
                continue
            found = _field_count(chunk[offset], sep, width)
            if found != width:
                index = start + offset
                bad.append((table.lines[index] if table.lines else index + 2, found))
    if progress is not None and not progress(1.0):
        raise Cancelled
    return bad


def _check_widths(table: Table, progress: Progress | None) -> None:
    """Refuse a file whose lines do not all have the header's columns: converted or re-saved
    without its quotes, its columns no longer say what their labels say (a « hors contrat » read
    as « sous contrat »), and no school of it can be trusted."""
    width = len(table.labels)
    while width > 1 and not table.labels[width - 1]:
        width -= 1
    bad = _misaligned(table, width, progress)
    if not bad:
        return
    line, count = bad[0]
    found = "illisible" if count < 0 else plural(count, "colonne")
    raise OpenDataError(
        table.path,
        f"{plural(len(bad), 'ligne')} sur {len(table.records)} "
        f"n'{'ont' if len(bad) > 1 else 'a'} pas les {width} colonnes de l'en-tête (ligne "
        f"{line} : {found}). Le fichier a sans doute été converti ou ré-enregistré sans "
        "respecter ses guillemets : ses colonnes ne correspondent plus à leurs titres, et une "
        "école pourrait être importée avec les valeurs d'une autre (« hors contrat » lu comme "
        "« sous contrat »…). Téléchargez-le à nouveau depuis data.education.gouv.fr.",
    )


def read_table(path: Path | str, *, progress: Progress | None = None) -> Table:
    """Read a whole CSV file; raise ``OpenDataError`` (in French) or ``Cancelled``."""
    path = Path(path)
    try:
        data = read_bytes(path)  # a FIFO or a device is refused, never waited on
    except FileNotFoundError:
        raise OpenDataError(path, "fichier introuvable") from None
    except SpecialFile as error:
        raise OpenDataError(path, f"{error} (un fichier CSV est attendu)") from None
    except PermissionError:
        raise OpenDataError(path, "lecture refusée (droits insuffisants)") from None
    except OSError as error:
        raise OpenDataError(path, f"lecture impossible ({os_reason(error)})") from None
    lines = _lines(data, path, part(progress, 0, 0.9))
    first = next((line for line in lines if line.strip()), "")
    sep = _separator(first)
    records, starts = _records(lines, sep, path, part(progress, 0, 0.9))
    if not records:
        raise OpenDataError(path, "le fichier est vide")
    header = next(csv.reader([records[0]], delimiter=sep))
    labels = [label.strip() for label in header]
    table = Table(path, labels, records[1:], sep, starts[1:])
    _check_widths(table, part(progress, 0.9, 1))
    return table


def read_dataset(
    path: Path | str,
    from_table: Callable[[Table, Progress | None], D],
    progress: Progress | None = None,
) -> D:
    """Read ``path`` and build the dataset with ``from_table(table, progress)``: splitting the
    lines is most of the work, indexing the rows the last fifth of the progress bar."""
    table = read_table(path, progress=part(progress, 0, 0.8))
    return from_table(table, part(progress, 0.8, 1))
