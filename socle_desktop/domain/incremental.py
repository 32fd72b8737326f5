"""``compute`` again after an edit, reusing what the edit did not touch: a big EPCI (2 000
schools, 10 000 classes) must answer each keystroke within a frame or three.

The parts of a result that belong to one school — its own expense, cap and exclusion, its
services, its warnings, its line of the explanation — are kept per school id; an edit forgets
the schools it touched (``forget``), and anything that concerns every school (a setting, an
article of the catalogue, a commune) forgets them all. A commune none of whose schools changed
keeps its bands, rounding and shares. After an edit inside some schools only, ``totals.py``
redoes those schools and their communes and moves the sums by their difference; the result
stays equal to a full ``compute`` (a property test checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from socle_desktop.domain import edits
from socle_desktop.domain.model import Dossier, School
from socle_desktop.domain.results import CommuneResult, SchoolResult
from socle_desktop.domain.warnings import Alert

if TYPE_CHECKING:
    from socle_desktop.domain.totals import Totals

_NO_SCHOOL = ("porteur", "contact")  # kinds that no figure depends on
_EVERY_SCHOOL = ("parametres", "commune", "article")  # kinds every school depends on


@dataclass
class _Parts:
    school: School  # the object the parts were computed from
    known: bool | None = None  # its commune was in the dossier
    own: SchoolResult | None = None  # before the commune's pooling and shares
    services: tuple[Decimal, Decimal, int] | None = None  # expense, subsidisable, pupils
    final: tuple[SchoolResult, Decimal, SchoolResult] | None = None  # pooled, share -> final
    alerts: tuple[SchoolResult, tuple[Alert, ...]] | None = None
    line: tuple[SchoolResult, str] | None = None  # its line of the equipment explanation


@dataclass
class ComputeCache:
    """What ``compute`` may reuse for each school; one per dossier being edited."""

    _parts: dict[str, _Parts] = field(default_factory=dict)
    _owner: dict[str, str] = field(default_factory=dict)  # class or line id -> school id
    # insee -> (its schools' own results, its result, its schools with their shares, its line)
    _communes: dict[
        str, tuple[tuple[SchoolResult, ...], CommuneResult, list[SchoolResult], str]
    ] = field(default_factory=dict)
    hits: int = 0  # schools' own results reused (for the benchmark and the tests)
    _following: tuple[int, str] | None = None  # the dossier (by identity) and its variant
    totals: Totals | None = None  # the last result's parts by position (``totals.py``)
    dirty: set[str] = field(default_factory=set)  # schools forgotten since the last compute
    differences: int = 0  # results made from the last one, without a full pass (tests, bench)

    # --- forgetting ------------------------------------------------------------------------

    def follow(self, dossier: Dossier) -> None:
        """Forget everything when asked about another dossier, or another variant of it (a
        switch puts other lines in the same schools, and is not an edit)."""
        following = (id(dossier), dossier.courante)
        if following != self._following:
            self.clear()
            self._following = following

    def clear(self) -> None:
        self._parts.clear()
        self._owner.clear()
        self._communes.clear()
        self.totals = None  # the next compute is a full pass

    def computed(self) -> None:
        """A result was made: what is forgotten from now on is against it."""
        self.dirty = set()

    def forget(self, dossier: Dossier, *changes: edits.Edit) -> None:
        """Forget the schools ``changes`` touched (an edit and its inverse: a removed line's
        school is named by the insert that would restore it); all of them when unsure."""
        touched: set[str] = set()
        for change in changes:
            schools = self._touched(dossier, change)
            if schools is None:
                self.clear()
                return
            touched |= schools
        for school_id in touched:
            self._parts.pop(school_id, None)
        self.dirty |= touched

    def _touched(self, dossier: Dossier, edit: edits.Edit) -> set[str] | None:
        if isinstance(edit, edits.Batch):
            found: set[str] = set()
            for part in edit.edits:
                schools = self._touched(dossier, part)
                if schools is None:
                    return None
                found |= schools
            return found
        if not isinstance(edit, (edits.SetField, edits.Insert, edits.Remove)):
            return None  # an article, a variant (created, switched, retained…): every school
        if edit.kind == "porteur" and isinstance(edit, edits.SetField) and edit.field == "type":
            return None  # the warnings name who pays: « la commune » or « la collectivité »
        if edit.kind in _NO_SCHOOL:
            return set()
        if edit.kind in _EVERY_SCHOOL:
            return None
        if isinstance(edit, edits.Insert):
            if edit.kind == "ecole":
                return {edit.obj.id}
            school = self._school_of(dossier, edit.parent_id)
            return None if school is None else {school}
        if edit.kind == "ecole":
            return {edit.id}
        school = self._school_of(dossier, edit.id)
        return None if school is None else {school}

    def _school_of(self, dossier: Dossier, ident: str) -> str | None:
        """The school a class or a line (or a school itself) belongs to."""
        if ident not in self._owner:
            self._index(dossier)
        return self._owner.get(ident)

    def _index(self, dossier: Dossier) -> None:
        owner = self._owner
        owner.clear()
        for school in dossier.ecoles:
            owner[school.id] = school.id
            for line in (*school.lignes, *school.services):
                owner[line.id] = school.id
            for classroom in school.classes:
                owner[classroom.id] = school.id
                for line in classroom.lignes:
                    owner[line.id] = school.id

    # --- reusing -----------------------------------------------------------------------------

    def _entry(self, school: School) -> _Parts:
        parts = self._parts.get(school.id)
        if parts is None or parts.school is not school:
            parts = self._parts[school.id] = _Parts(school)
        return parts

    def own(self, school: School, known: bool, make: Callable[[], SchoolResult]) -> SchoolResult:
        parts = self._entry(school)
        if parts.own is None or parts.known != known:
            parts.own, parts.known = make(), known
        else:
            self.hits += 1
        return parts.own

    def services(
        self, school: School, make: Callable[[], tuple[Decimal, Decimal, int]]
    ) -> tuple[Decimal, Decimal, int]:
        parts = self._entry(school)
        if parts.services is None:
            parts.services = make()
        return parts.services

    def commune(
        self,
        insee: str,
        own: list[SchoolResult],
        make: Callable[[], tuple[CommuneResult, list[SchoolResult], str]],
    ) -> tuple[CommuneResult, list[SchoolResult], str]:
        """A commune whose schools' own results are the very objects of last time (none of
        them edited, none added or moved) keeps its bands, rounding and shares."""
        kept = self._communes.get(insee)
        if (
            kept is not None
            and len(kept[0]) == len(own)
            and all(a is b for a, b in zip(kept[0], own, strict=True))
        ):
            return kept[1], kept[2], kept[3]
        made = make()
        self._communes[insee] = (tuple(own), *made)
        return made

    def final(
        self, school: School, pooled: SchoolResult, share: Decimal, make: Callable[[], SchoolResult]
    ) -> SchoolResult:
        """The school with its share of the commune's subsidy: the same object as last time
        when neither changed, so that the parts keyed on it are found at once."""
        parts = self._entry(school)
        if parts.final is None or parts.final[1] != share or not _same(parts.final[0], pooled):
            parts.final = (pooled, share, make())
        return parts.final[2]

    def alerts(
        self, school: School, result: SchoolResult, make: Callable[[], Iterable[Alert]]
    ) -> tuple[Alert, ...]:
        parts = self._entry(school)
        if parts.alerts is None or not _same(parts.alerts[0], result):
            parts.alerts = (result, tuple(make()))
        return parts.alerts[1]

    def line(self, school: School, result: SchoolResult, make: Callable[[], str]) -> str:
        parts = self._entry(school)
        if parts.line is None or not _same(parts.line[0], result):
            parts.line = (result, make())
        return parts.line[1]


def _same(a: SchoolResult, b: SchoolResult) -> bool:
    return a is b or a == b  # the same object most of the time: no field compared
