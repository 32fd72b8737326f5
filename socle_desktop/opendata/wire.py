"""Reading an open-data file in another process, and its result sent back in small pieces.

The national annuaire takes seconds to read; read in a thread of the window's process, it holds
the interpreter (and so the window) in long C calls — decoding 60 MB, indexing 35 000 communes.
``read_in_child`` runs in a process of its own (``multiprocessing``, « spawn » context: the same
on Linux, in the PyInstaller bundle and on Windows). It reads and indexes the file, then sends
only what the dialog uses — the schools' records narrowed to the columns read, the communes, the
latest year of each school — in messages of a few hundred kilobytes, each unpickled in a
millisecond or two, and ``assemble`` rebuilds the dataset from them without reading again.

Messages, each a tuple whose first item says what it is:
  ("progress", fraction)   0..1, at most every half percent
  ("failed", message)      French, naming the file
  ("head", kind, dict)     the dataset's header (path, labels, separator…)
  ("items", list)          a chunk of the dataset's items
  ("end",)                 the dataset is whole
"""

from __future__ import annotations

import csv
import gc
import io
import multiprocessing
import os
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from socle_desktop.opendata.annuaire import Annuaire, CommuneInfo, read_annuaire
from socle_desktop.opendata.communes import CommuneIndex
from socle_desktop.opendata.csvtable import Cancelled, OpenDataError, Progress, Table
from socle_desktop.opendata.effectifs import Effectifs, read_effectifs
from socle_desktop.system_errors import os_reason, printable

ANNUAIRE, EFFECTIFS = "annuaire", "effectifs"
CHUNK_ITEMS = 1000  # records per message: ~300 kB of text
_POLL_SECONDS = 0.05  # how often the receiving side looks at « Annuler »


def _joined(fields: list[str], sep: str) -> str:
    """The fields as one CSV record that ``Table.fields`` splits back into the same fields."""
    if not any(sep in f or '"' in f or "\n" in f or "\r" in f for f in fields):
        return sep.join(fields)
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="").writerow(fields)
    return out.getvalue()


def _narrower(
    table: Table, columns: dict[tuple[str, ...], int | None]
) -> tuple[list[str], Callable[[str], str]]:
    """The labels of the columns a dataset reads, and a function cutting a record down to them."""
    positions = sorted({p for p in columns.values() if p is not None})
    labels = [table.labels[p] for p in positions]

    def narrow(record: str) -> str:
        row = table.fields(record)
        return _joined([row[p] for p in positions], table.sep)

    return labels, narrow


def annuaire_parts(annuaire: Annuaire) -> tuple[dict[str, Any], Iterator[tuple[Any, ...]]]:
    """The annuaire and its index of communes as a header (with the sorted labels) and items
    (insee, nom, name key, its schools' narrowed records)."""
    table = annuaire._table
    labels, narrow = _narrower(table, annuaire._col)
    index = CommuneIndex(annuaire)
    keys = {code: key for key, infos in index.by_name.items() for code in (i.insee for i in infos)}
    head = {
        "path": str(annuaire.path),
        "labels": labels,
        "sep": table.sep,
        "rows": annuaire.rows,
        "communes": index.labels(),
    }
    records = annuaire._records
    items = (
        (code, info.nom, keys[code], tuple(narrow(r) for r in records.get(code, ())))
        for code, info in annuaire.communes.items()
    )
    return head, items


def assemble_annuaire(
    head: dict[str, Any], items: list[tuple[Any, ...]]
) -> tuple[Annuaire, CommuneIndex]:
    """The annuaire and its index of communes, as the dialog uses them."""
    table = Table(Path(head["path"]), head["labels"], [], head["sep"])
    communes = {code: CommuneInfo(code, nom) for code, nom, _key, _records in items}
    records = {code: schools for code, _nom, _key, schools in items if schools}
    annuaire = Annuaire.assembled(table, head["rows"], communes, records)
    keys = {code: key for code, _nom, key, _records in items}
    return annuaire, CommuneIndex.assembled(annuaire, keys, head["communes"])


def effectifs_parts(effectifs: Effectifs) -> tuple[dict[str, Any], Iterator[tuple[Any, ...]]]:
    """The effectifs as a header and items (uai, year, narrowed record of that year)."""
    table = effectifs._table
    labels, narrow = _narrower(
        table, {**effectifs._col, **{(k,): p for k, p in effectifs._levels.items()}}
    )
    head = {"path": str(effectifs.path), "labels": labels, "sep": table.sep}
    items = ((uai, year, narrow(r)) for uai, (year, r) in effectifs._latest.items())
    return head, items


def assemble_effectifs(head: dict[str, Any], items: list[tuple[Any, ...]]) -> Effectifs:
    table = Table(Path(head["path"]), head["labels"], [], head["sep"])
    return Effectifs.assembled(table, {uai: (year, record) for uai, year, record in items})


Parts = tuple[dict[str, Any], Iterator[tuple[Any, ...]]]
READERS: dict[str, tuple[Callable[..., Any], Callable[[Any], Parts]]] = {
    ANNUAIRE: (read_annuaire, annuaire_parts),
    EFFECTIFS: (read_effectifs, effectifs_parts),
}
ASSEMBLERS: dict[str, Callable[[dict[str, Any], list[tuple[Any, ...]]], Any]] = {
    ANNUAIRE: assemble_annuaire,
    EFFECTIFS: assemble_effectifs,
}


def failure_message(path: Path, error: BaseException) -> str:
    """What the user reads when a file cannot be read, in French, naming the file."""
    if isinstance(error, OpenDataError):
        return str(error)
    if isinstance(error, MemoryError):
        return f"{path.name} : fichier trop volumineux pour la mémoire disponible"
    reason = (
        os_reason(error)
        if isinstance(error, OSError)
        else f"erreur inattendue : {error.__class__.__name__}"
    )
    return f"{printable(path.name)} : lecture impossible ({reason})"


def read_in_child(kind: str, path: str, connection: Connection) -> None:
    """The child process: read ``path``, send the messages above, close. (Cancelling is the
    parent ending this process: nothing here is written anywhere.)"""
    if hasattr(os, "nice"):  # the window's process first: a core is shared, not taken
        os.nice(10)
    told = [-1.0]

    def progress(fraction: float) -> bool:
        if fraction - told[0] >= 0.005 or fraction >= 1.0:
            told[0] = fraction
            connection.send(("progress", fraction))
        return True

    read, parts = READERS[kind]
    try:
        dataset = read(Path(path), progress=progress)
        head, items = parts(dataset)
    except Cancelled:  # not raised here, but a reader may one day
        connection.close()
        return
    except Exception as error:  # noqa: BLE001 - anything else, told in French
        connection.send(("failed", failure_message(Path(path), error)))
        connection.close()
        return
    connection.send(("head", kind, head))
    chunk: list[tuple[Any, ...]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK_ITEMS:
            connection.send(("items", chunk))
            chunk = []
    connection.send(("items", chunk))
    connection.send(("end",))
    connection.close()


def read_in_process(kind: str, path: Path, progress: Progress) -> Any:
    """``path`` read by a child process, its pieces put together here (the annuaire with its
    index of communes). ``progress`` returning False (« Annuler ») ends the child: it writes
    nothing, so nothing is left half done. Raises ``Cancelled`` or ``OpenDataError``."""
    context = multiprocessing.get_context("spawn")  # the same on Linux and on Windows
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=read_in_child, args=(kind, str(path), theirs), daemon=True)
    child.start()
    if (
        hasattr(os, "setpriority") and child.pid is not None
    ):  # at once, while it imports: the window's process first
        try:
            os.setpriority(os.PRIO_PROCESS, child.pid, 10)
        except OSError:
            pass
    theirs.close()  # ours then ends (EOFError) when the child does
    head: dict[str, Any] = {}
    items: list[tuple[Any, ...]] = []
    done = 0.0
    try:
        while True:
            if not ours.poll(_POLL_SECONDS):
                if not progress(done):
                    raise Cancelled
                continue
            try:
                message = ours.recv()
            except EOFError:  # the child died without a word (killed, out of memory)
                raise OpenDataError(
                    path, "lecture impossible (le processus de lecture s'est arrêté)"
                ) from None
            tag = message[0]
            if tag == "progress":
                done = message[1] * 0.95  # the last part: the pieces received
                if not progress(done):
                    raise Cancelled
            elif tag == "failed":
                raise OpenDataError(None, message[1])
            elif tag == "head":
                head = message[2]
            elif tag == "items":
                items += message[1]
            elif tag == "end":
                break
    finally:
        ours.close()
        if child.is_alive():
            child.terminate()
        child.join(5)
    # Tens of thousands of objects made at once start a full collection of the whole heap
    # (50–90 ms holding the interpreter, and so the window, measured); with the heap frozen
    # meanwhile, the collections the assembling starts look only at what it makes.
    gc.freeze()
    try:
        return ASSEMBLERS[kind](head, items)
    finally:
        gc.unfreeze()
