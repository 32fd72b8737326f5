"""The last result's parts kept by position, so that an edit inside schools is answered without a
pass over every school: 2 000 schools must answer a keystroke within three frames.

After a full ``compute`` the cache records, for each school in the dossier's order, its final
result, its services, its warnings and its line of the explanation, with each commune's result
and line and the volets' sums. An edit that touched only some schools (a line, a class, a
school's field: ``ComputeCache.forget``) then redoes those schools and their communes and adds
the differences to the sums (``Decimal``: exact). Anything else (a school added, removed or
moved to another commune, a setting, a commune) falls back to the full pass. The property test
``tests/domain/test_incremental.py`` checks that both give the same result.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from operator import is_

from socle_desktop.domain.model import Commune, School
from socle_desktop.domain.results import CommuneResult, SchoolResult
from socle_desktop.domain.warnings import Alert


@dataclass
class Totals:
    """The parts of the last result, by position."""

    ecoles: list[School]  # the very objects, in the dossier's order
    position: dict[str, int]  # school id -> its position
    commune_of: list[str | None]  # each school's commune (None: not in the dossier)
    members: dict[str, list[int]]  # insee -> the positions of its schools
    commune_objects: dict[str, Commune]
    commune_position: dict[str, int]
    schools: list[SchoolResult]
    lines: list[str]  # each school's line of the equipment explanation
    communes: list[CommuneResult]
    commune_lines: list[str]
    services: list[tuple[Decimal, Decimal, int]]  # expense, subsidisable, pupils brought
    alerts: list[tuple[Alert, ...]]
    expense: Decimal
    subsidisable: Decimal
    eligible: Decimal
    subsidy: Decimal
    services_expense: Decimal
    services_subsidisable: Decimal
    pupils: int

    def same_schools(self, ecoles: list[School]) -> bool:
        """The dossier still holds these schools, in this order (identity, not equality)."""
        return len(ecoles) == len(self.ecoles) and all(map(is_, ecoles, self.ecoles))

    def touched(self, school_ids: set[str]) -> tuple[set[int], set[str]] | None:
        """(positions of the schools outside any commune, communes) to redo; None when a
        school is not where it was (then a full pass)."""
        alone, communes = set(), set()
        for school_id in school_ids:
            position = self.position.get(school_id)
            if position is None:
                return None
            insee = self.ecoles[position].commune
            known = insee if insee in self.commune_position else None
            if known != self.commune_of[position]:
                return None
            if known is None:
                alone.add(position)
            else:
                communes.add(known)
        return alone, communes

    def put_school(
        self,
        position: int,
        result: SchoolResult,
        line: str,
        services: tuple[Decimal, Decimal, int],
        alerts: tuple[Alert, ...],
    ) -> None:
        """One school's new parts, the sums moved by its difference."""
        old, old_services = self.schools[position], self.services[position]
        self.expense += result.expense - old.expense
        self.subsidisable += result.subsidisable - old.subsidisable
        self.services_expense += services[0] - old_services[0]
        self.services_subsidisable += services[1] - old_services[1]
        self.pupils += _pupils(result, services) - _pupils(old, old_services)
        self.schools[position] = result
        self.lines[position] = line
        self.services[position] = services
        self.alerts[position] = alerts

    def put_commune(self, insee: str, result: CommuneResult, line: str) -> None:
        position = self.commune_position[insee]
        old = self.communes[position]
        self.eligible += result.base - old.base
        self.subsidy += result.subsidy - old.subsidy
        self.communes[position] = result
        self.commune_lines[position] = line


def _pupils(result: SchoolResult, services: tuple[Decimal, Decimal, int]) -> int:
    return 0 if result.excluded_because else services[2]  # an excluded school brings none


def record(
    ecoles: list[School],
    communes: dict[str, Commune],
    schools: tuple[SchoolResult, ...],
    lines: list[str],
    commune_results: tuple[CommuneResult, ...],
    commune_lines: list[str],
    services: list[tuple[Decimal, Decimal, int]],
    alerts: list[tuple[Alert, ...]],
    sums: tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal, int],
) -> Totals:
    """The parts of a full pass, for the next edit."""
    members: dict[str, list[int]] = {insee: [] for insee in communes}
    commune_of: list[str | None] = []
    for position, school in enumerate(ecoles):
        known = school.commune if school.commune in communes else None
        commune_of.append(known)
        if known is not None:
            members[known].append(position)
    return Totals(
        list(ecoles),
        {school.id: position for position, school in enumerate(ecoles)},
        commune_of,
        members,
        dict(communes),
        {insee: position for position, insee in enumerate(communes)},
        list(schools),
        list(lines),
        list(commune_results),
        list(commune_lines),
        list(services),
        list(alerts),
        *sums,
    )
