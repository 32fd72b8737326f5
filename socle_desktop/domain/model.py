"""The dossier: who applies, which schools and classes, and what they plan to buy.

Every entity that the user can add or remove carries a stable ``id`` so that an edit (and its
undo) and the storage can name it; ids never appear in the JSON contract.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

LEVELS = ("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2")
DEFAULT_VARIANT_NAME = "Principale"  # the one plan of a dossier that never made another
CYCLE_2_3_LEVELS = frozenset({"CP", "CE1", "CE2", "CM1", "CM2"})


def new_id() -> str:
    """A short random identifier, unique within any realistic dossier."""
    return uuid.uuid4().hex[:12]


class PorteurType(StrEnum):
    COMMUNE = "commune"
    EPCI = "epci"
    RPI = "rpi"

    @property
    def payer(self) -> str:
        """Who pays what remains: « la commune », or « la collectivité » (EPCI, RPI)."""
        return "la commune" if self is PorteurType.COMMUNE else "la collectivité"


PORTEUR_LABELS = {
    PorteurType.COMMUNE: "Commune",
    PorteurType.EPCI: "EPCI (intercommunalité)",
    PorteurType.RPI: "RPI / syndicat scolaire",
}


class Secteur(StrEnum):
    PUBLIC = "public"
    PRIVE = "prive_sous_contrat"


SECTEUR_LABELS = {Secteur.PUBLIC: "Public", Secteur.PRIVE: "Privé sous contrat"}


class Existant(StrEnum):
    """What a school already has, for one item of the socle (the diagnostic)."""

    ABSENT = "absent"
    PRESENT = "present"
    OBSOLETE = "obsolete"


@dataclass
class Parametres:
    """The open points of the campaign (snee-2021.md §5.3), chosen per dossier."""

    prix_saisis: str = "TTC"  # TTC | HT: how unit prices are typed
    taux_tva: Decimal = Decimal("20")
    plafond_par_classe: str = "ecole"  # ecole | projet (pooled within each commune)
    base: str = "TTC"  # TTC | HT: basis of every computed amount
    arrondi: str = "centime"  # centime | euro: rounding of each commune's subsidy
    eleves_services: str = "ecoles"  # ecoles | cycles_2_3: pupils counted for the services cap
    fctva: bool = False  # show the remaining cost after FCTVA (an estimate, not the subsidy)


@dataclass
class Contact:
    nom: str = ""
    fonction: str = ""
    telephone: str = ""
    courriel: str = ""


@dataclass
class Porteur:
    type: PorteurType = PorteurType.COMMUNE
    nom: str = ""
    siren: str = ""
    contact: Contact = field(default_factory=Contact)


@dataclass
class Commune:
    insee: str
    nom: str
    id: str = field(default_factory=new_id)


@dataclass
class Line:
    """One equipment or services line: a catalogue article, a quantity, a unit price."""

    article: str
    libelle: str
    quantite: int
    prix_unitaire: Decimal
    id: str = field(default_factory=new_id)

    @property
    def montant(self) -> Decimal:
        """Quantity × unit price, as typed (before any HT → TTC conversion)."""
        return self.prix_unitaire * self.quantite


@dataclass
class Classroom:
    nom: str
    niveaux: list[str] = field(default_factory=list)
    eleves: int = 0
    lignes: list[Line] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    @property
    def cycle_2_3(self) -> bool:
        """A class counts for the cap when one of its levels is CP to CM2."""
        return any(level in CYCLE_2_3_LEVELS for level in self.niveaux)


@dataclass
class School:
    nom: str
    uai: str
    commune: str  # INSEE code of one of the dossier's communes
    secteur: Secteur = Secteur.PUBLIC
    eleves: int = 0
    classes: list[Classroom] = field(default_factory=list)
    lignes: list[Line] = field(default_factory=list)  # school-level equipment
    services: list[Line] = field(default_factory=list)
    existant: dict[str, Existant] = field(default_factory=dict)  # socle item id -> state
    id: str = field(default_factory=new_id)

    @property
    def cycle_2_3_classes(self) -> int:
        return sum(1 for c in self.classes if c.cycle_2_3)

    def equipment_lines(self) -> list[Line]:
        """Class-level then school-level equipment lines."""
        return [line for c in self.classes for line in c.lignes] + list(self.lignes)


@dataclass
class CatalogueItem:
    """An article of the catalogue; the dossier keeps a copy of the ones it uses."""

    id: str
    libelle: str
    categorie: str  # a socle item id (projection, poste_enseignant, …) or « autre »
    niveau: str  # classe | ecole
    volet: str  # equipement | services
    prix_unitaire: Decimal  # TTC
    taux_tva: Decimal = Decimal("20")
    subventionnable: bool = True  # False: outside the socle, or a recurring cost
    unite: str = ""
    places: int = 0  # devices a charging case or trolley holds (0: not a charging case)


# Where a list of lines lives: (owner id, list name). A class's equipment is (class id,
# "lignes"), a school's equipment (school id, "lignes"), its services (school id, "services").
LineKey = tuple[str, str]


@dataclass
class Variante:
    """One plan of equipment and services lines for the same schools and classes.

    The lines of the dossier's current variant live in its schools and classes, where every
    view and ``compute()`` read them; the lines of each other variant wait in ``lignes``, by
    the place they go (only non-empty lists are kept)."""

    nom: str
    id: str = field(default_factory=new_id)
    lignes: dict[LineKey, list[Line]] = field(default_factory=dict)


@dataclass
class Dossier:
    campagne: str = "snee-2021"
    parametres: Parametres = field(default_factory=Parametres)
    porteur: Porteur = field(default_factory=Porteur)
    communes: list[Commune] = field(default_factory=list)
    ecoles: list[School] = field(default_factory=list)
    catalogue: dict[str, CatalogueItem] = field(default_factory=dict)
    variantes: list[Variante] = field(default_factory=list)
    courante: str = ""  # id of the variant whose lines are in the schools and classes
    retenue: str = ""  # id of the variant the dossier files (PDF, exports, summary)

    def __post_init__(self) -> None:
        if not self.variantes:
            self.variantes = [Variante(DEFAULT_VARIANT_NAME)]
        self.courante = self.courante or self.variantes[0].id
        self.retenue = self.retenue or self.courante

    def variante(self, ident: str) -> Variante | None:
        return next((v for v in self.variantes if v.id == ident), None)

    def commune(self, insee: str) -> Commune | None:
        return next((c for c in self.communes if c.insee == insee), None)

    def schools_of(self, insee: str) -> list[School]:
        return [s for s in self.ecoles if s.commune == insee]
