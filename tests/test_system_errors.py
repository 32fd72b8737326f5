"""Every reason the system gives reaches the user in French, from one place."""

from __future__ import annotations

import errno
import os
import sys

import pytest

from socle_desktop.system_errors import REASONS, os_reason, printable, special_file

COMMON = (
    "ENOSPC",
    "EDQUOT",
    "EISDIR",
    "ENOTDIR",
    "ENOENT",
    "EEXIST",
    "EACCES",
    "EPERM",
    "EROFS",
    "EMLINK",
    "ELOOP",
    "ENAMETOOLONG",
    "EIO",
    "EBUSY",
    "EXDEV",
    "EFBIG",
    "ENXIO",
    "EINVAL",
    "EMFILE",
    "ESTALE",
    "ETIMEDOUT",
)


@pytest.mark.parametrize("name", [n for n in COMMON if hasattr(errno, n)])
def test_the_common_errno_values_have_a_french_reason(name):
    code = getattr(errno, name)
    english = os.strerror(code)
    reason = os_reason(OSError(code, english))
    assert reason == REASONS[code] and english not in reason
    assert reason[0].islower() and not reason.endswith(".")  # it goes inside a sentence


def test_what_the_system_really_raises_is_told_in_french(tmp_path):
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    cases = {
        "c'est un répertoire, pas un fichier": lambda: open(tmp_path, "w"),
        "un élément du chemin n'est pas un répertoire": lambda: open(
            tmp_path / "fichier" / "dessous", "w"
        ),
        "le fichier existe déjà": lambda: os.mkdir(tmp_path / "fichier"),
        "nom de fichier trop long": lambda: open(tmp_path / ("n" * 300), "w"),
        "fichier ou répertoire introuvable": lambda: open(tmp_path / "absent"),
    }
    for french, action in cases.items():
        with pytest.raises(OSError) as error:
            action()
        assert os_reason(error.value) == french


def test_an_unknown_errno_names_its_code_not_its_english_text():
    assert (
        os_reason(OSError(errno.EPIPE, "Broken pipe"))
        == f"erreur du système (EPIPE, n° {errno.EPIPE})"
    )
    assert os_reason(OSError("sans code")) == "erreur du système"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names are bytes on Linux only")
def test_a_latin_1_name_prints_readable():
    assert printable(os.fsdecode(b"/cl\xe9/Mairie d'\xc9t\xe9.socle")) == "/clé/Mairie d'Été.socle"
    assert printable("déjà lisible") == "déjà lisible"
    assert printable("seul \ud800 substitut") == "seul ? substitut"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
def test_special_files_are_told_without_being_opened(tmp_path):
    os.mkfifo(tmp_path / "tube")
    (tmp_path / "boucle").symlink_to(tmp_path / "boucle")
    assert special_file(tmp_path / "tube") == "c'est un tube nommé (FIFO), pas un fichier"
    assert "boucle" in special_file(tmp_path / "boucle")
    assert special_file(tmp_path) == "c'est un répertoire, pas un fichier"
    assert special_file(tmp_path / "absent") is None  # the reading says « introuvable »


def test_store_messages_carry_no_english(tmp_path, example_dossier, campaign):
    from socle_desktop.store import StoreError, create_dossier_file

    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    for target, french in (
        (tmp_path / ("n" * 300 + ".socle"), "nom de fichier trop long"),
        (tmp_path / "fichier" / "d.socle", "n'existe pas"),
    ):
        with pytest.raises(StoreError) as error:
            create_dossier_file(target, example_dossier, campaign)
        message = str(error.value)
        assert french in message and "Errno" not in message and "File name" not in message
