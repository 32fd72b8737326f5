"""Finding the communes the user means: by INSEE code or by name, accents, case, hyphens and
« St »/« Saint » ignored; several at once for an EPCI or an RPI (« Rennes, Cardroc »)."""

from __future__ import annotations

import difflib
import re

from socle_desktop.opendata.annuaire import Annuaire, CommuneInfo
from socle_desktop.opendata.csvtable import plain

_INSEE = re.compile(r"^(\d{2}|2[ab])\d{3}$", re.IGNORECASE)
_TRAILING_CODE = re.compile(r"\(\s*((?:\d{2}|2[ab])\d{3})\s*\)\s*$", re.IGNORECASE)
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


class CommuneQueryError(ValueError):
    """A French message: unknown, ambiguous or school-less commune."""


def name_key(name: str) -> str:
    """« Saint-Malo », « ST MALO » and « saint malo » give the same key."""
    words = re.split(r"[^a-z0-9]+", plain(name))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words if w)


def split_query(text: str) -> list[str]:
    """« Rennes, Cardroc ; 35051 » -> three parts (commas inside a name do not occur)."""
    return [part.strip() for part in re.split(r"[,;\n]+", text) if part.strip()]


class CommuneIndex:
    """The annuaire's communes, by INSEE code and by name key."""

    def __init__(self, annuaire: Annuaire):
        keys = {info.insee: name_key(info.nom) for info in annuaire.communes.values()}
        self._use(annuaire, keys)
        # Sorted where the annuaire is read (another process, or a thread): sorting 35 000
        # labels holds the interpreter for a tenth of a second.
        self._labels = [
            self.by_insee[code].label
            for code in sorted(
                (code for code in self.with_schools if code in self.by_insee),
                key=lambda code: (keys[code], code),
            )
        ]

    @classmethod
    def assembled(cls, annuaire: Annuaire, keys: dict[str, str], labels: list[str]) -> CommuneIndex:
        """The index of ``annuaire`` from its name keys and sorted labels, computed elsewhere
        (opendata/wire.py)."""
        index = cls.__new__(cls)
        index._use(annuaire, keys)
        index._labels = labels
        return index

    def _use(self, annuaire: Annuaire, keys: dict[str, str]) -> None:
        self.annuaire = annuaire
        self.by_insee = annuaire.communes
        self.by_name: dict[str, list[CommuneInfo]] = {}
        for info in annuaire.communes.values():
            self.by_name.setdefault(keys[info.insee], []).append(info)
        self.with_schools = annuaire.school_communes

    def labels(self) -> list[str]:
        """« Nom (INSEE) » of every commune with a school, sorted for a completer."""
        return list(self._labels)

    def find(self, part: str) -> CommuneInfo:
        """One commune for one part of the query, or a ``CommuneQueryError`` saying why."""
        code = _TRAILING_CODE.search(part)
        if code or _INSEE.match(part):
            insee = (code.group(1) if code else part).upper()
            info = self.by_insee.get(insee)
            if info is None:
                raise CommuneQueryError(
                    f"Aucune commune de code INSEE {insee} dans l'annuaire choisi : vérifiez le "
                    "code, ou que le fichier couvre bien son département."
                )
            return info
        found = self.by_name.get(name_key(part), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            choices = ", ".join(info.label for info in sorted(found, key=lambda i: i.insee))
            raise CommuneQueryError(
                f"« {part} » désigne plusieurs communes : {choices}. Précisez le code INSEE."
            )
        key = name_key(part)
        # « Saint-Aubin » for « Saint-Aubin-du-Cormier »…: longer names first, then near spellings.
        close = sorted(name for name in self.by_name if name.startswith(key + " "))[
            :5
        ] or difflib.get_close_matches(key, list(self.by_name), n=3, cutoff=0.75)
        hint = ""
        if close:
            hint = (
                " Vouliez-vous dire : "
                + ", ".join(info.label for key in close for info in self.by_name[key])
                + " ?"
            )
        raise CommuneQueryError(
            f"Aucune commune « {part} » dans l'annuaire choisi.{hint} Vous pouvez aussi saisir "
            "le code INSEE."
        )

    def resolve(self, text: str) -> list[CommuneInfo]:
        """Every commune of the query, in its order, each once; told in French when one is
        unknown, ambiguous, or has no school in the annuaire."""
        parts = split_query(text)
        if not parts:
            raise CommuneQueryError("Saisissez une commune (son nom ou son code INSEE).")
        found: list[CommuneInfo] = []
        for part in parts:
            info = self.find(part)
            if info.insee not in self.with_schools:
                raise CommuneQueryError(f"{info.label} n'a aucune école dans l'annuaire choisi.")
            if info not in found:
                found.append(info)
        return found
