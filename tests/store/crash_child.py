"""The child of test_crash.py: applies edits to a dossier file until it is killed, printing the
number of each edit once ``perform`` has returned (that is: once it is saved)."""

import sys

from socle_desktop.store import DossierFile
from socle_desktop.store.editing import perform
from tests.store.edit_sequence import EditGenerator


def main(path: str, seed: str, count: int) -> None:
    file = DossierFile.open(path)
    out = sys.stdout
    out.write("pret\n")
    out.flush()
    generator = EditGenerator(seed)
    for number in range(count):
        edit = generator.next(file.dossier)
        perform(file.dossier, edit, file)
        out.write(f"{number}\n")
        out.flush()
    file.close()
    out.write("fini\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
