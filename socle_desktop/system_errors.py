"""What the operating system says, in French: the reason of an ``OSError`` and a file name that
can always be shown. Used by the store, the command line, the PDF and the window (no Qt here).

``error.strerror`` is English (« No space left on device », « Is a directory »): it never reaches
the user; the common errno values have a French reason, the others their code.
"""

from __future__ import annotations

import errno
import os
import stat

_NETWORK = "le lecteur réseau ne répond plus (reconnectez-le, puis réessayez)"
_BUSY = "le fichier est occupé par un autre programme"

_BY_NAME = {
    "ENOSPC": "le disque est plein",
    "EDQUOT": "le quota d'espace disque est dépassé",
    "EFBIG": "le fichier dépasse la taille permise sur ce disque",
    "EISDIR": "c'est un répertoire, pas un fichier",
    "ENOTDIR": "un élément du chemin n'est pas un répertoire",
    "ENOENT": "fichier ou répertoire introuvable",
    "EEXIST": "le fichier existe déjà",
    "ENOTEMPTY": "le répertoire n'est pas vide",
    "EACCES": "accès refusé (droits insuffisants)",
    "EPERM": "opération non permise (droits insuffisants)",
    "EROFS": "le disque est en lecture seule",
    "EMLINK": "trop de liens vers ce fichier",
    "ELOOP": "trop de liens symboliques (ils forment peut-être une boucle)",
    "ENAMETOOLONG": "nom de fichier trop long",
    "EILSEQ": "le nom du fichier contient des caractères invalides",
    "EINVAL": "nom de fichier ou opération invalide",
    "EIO": "erreur d'entrée-sortie du disque (clé USB retirée ? lecteur réseau déconnecté ?)",
    "ENXIO": "périphérique absent, ou tube nommé sans lecteur",
    "ENODEV": "périphérique absent",
    "EBUSY": _BUSY,
    "ETXTBSY": _BUSY,
    "EAGAIN": "ressource momentanément indisponible ; réessayez",
    "EINTR": "opération interrompue ; réessayez",
    "EXDEV": "impossible de déplacer un fichier d'un disque à un autre",
    "EMFILE": "trop de fichiers ouverts",
    "ENFILE": "trop de fichiers ouverts sur cet ordinateur",
    "ENOMEM": "mémoire insuffisante",
    "ENOLCK": "plus de verrou disponible sur ce disque",
    "ENOTSUP": "opération non prise en charge par ce disque",
    "EOPNOTSUPP": "opération non prise en charge par ce disque",
    "EBADF": "fichier fermé ou invalide",
    "ESTALE": _NETWORK,
    "ETIMEDOUT": _NETWORK,
    "ENOTCONN": _NETWORK,
    "EHOSTDOWN": _NETWORK,
    "EHOSTUNREACH": _NETWORK,
    "ENETDOWN": _NETWORK,
    "ENETUNREACH": _NETWORK,
    "ECONNRESET": _NETWORK,
}
# Only the names this system knows: EDQUOT or ESTALE do not exist everywhere.
REASONS = {getattr(errno, name): text for name, text in _BY_NAME.items() if hasattr(errno, name)}


def os_reason(error: BaseException) -> str:
    """A French reason for an ``OSError`` (« le disque est plein »), never its English text."""
    code = getattr(error, "errno", None)
    reason = REASONS.get(code) if isinstance(code, int) else None
    if reason is not None:
        return reason
    if isinstance(error, UnicodeError):
        return "le nom du fichier n'est pas lisible sur ce système (caractères invalides)"
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if name:
        return f"erreur du système ({name}, n° {code})"
    return "erreur du système"


def printable(text: os.PathLike[str] | str) -> str:
    """A path as it can be shown and printed: a name that is not UTF-8 on disk (a Latin-1 name
    from an old USB key arrives with surrogate escapes) is read as Windows-1252 instead."""
    text = os.fspath(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return os.fsencode(text).decode("cp1252", errors="replace")
        except UnicodeEncodeError:  # a lone surrogate that came from elsewhere
            return text.encode("utf-8", errors="replace").decode("utf-8")
    return text


class SpecialFile(Exception):
    """A folder, FIFO, device or broken link where a file is expected; ``str()`` is French."""


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in French; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISDIR, "un répertoire"),
        (stat.S_ISFIFO, "un tube nommé (FIFO)"),
        (stat.S_ISCHR, "un périphérique"),
        (stat.S_ISBLK, "un périphérique"),
        (stat.S_ISSOCK, "une prise (socket)"),
        (stat.S_ISLNK, "un lien symbolique"),
    )
    return next((text for test, text in kinds if test(mode)), "un fichier spécial")


def special_file(path: os.PathLike[str] | str) -> str | None:
    """Why ``path`` cannot be read as a file, in French (« c'est un tube nommé (FIFO) »,
    « lien symbolique qui boucle »), or None for a regular file (or one that does not exist:
    the reading says so). Checked before opening: reading a FIFO would wait for ever."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "c'est un lien symbolique vers un fichier absent" if os.path.islink(path) else None
    except (OSError, ValueError) as error:
        if os.path.islink(path):
            return (
                "c'est un lien symbolique qui ne mène à aucun fichier (il boucle, ou "
                "traverse trop de liens)"
            )
        return os_reason(error) if isinstance(error, OSError) else "nom de fichier invalide"
    kind = kind_of(mode)
    return None if kind is None else f"c'est {kind}, pas un fichier"


def read_bytes(path: os.PathLike[str] | str) -> bytes:
    """A regular file's bytes; ``OSError`` (see ``os_reason``) or ``SpecialFile`` otherwise,
    at once, never waiting on a FIFO or a device."""
    reason = special_file(path)
    if reason is not None:
        raise SpecialFile(reason)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        kind = kind_of(os.fstat(handle.fileno()).st_mode)  # swapped since the check?
        if kind is not None:
            raise SpecialFile(f"c'est {kind}, pas un fichier")
        return handle.read()
