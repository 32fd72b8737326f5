"""Random but reproducible edits of a dossier: the same seed and the same dossier always give
the same sequence (ids come from the generator, not from uuid), so a test can replay what a
killed process did. Every edit is one the dossier accepts (``store.editing.perform`` checks)."""

from __future__ import annotations

import random
from decimal import Decimal

from socle_desktop.domain import edits
from socle_desktop.domain.model import (
    CatalogueItem,
    Classroom,
    Commune,
    Contact,
    Existant,
    Line,
    School,
)

ARTICLES = ("vpi", "pc-enseignant", "tablette", "borne-wifi", "ent", "hors-catalogue")


class EditGenerator:
    def __init__(self, seed: int | str):
        self.rng = random.Random(seed)
        self.count = 0

    def _id(self) -> str:
        self.count += 1
        return f"g{self.rng.getrandbits(40):010x}{self.count}"

    def line(self) -> Line:
        r = self.rng
        return Line(
            r.choice(ARTICLES),
            f"Ligne {self.count} « é & <b> »",
            r.randint(0, 40),
            Decimal(r.randint(0, 500_000)) / 100,
            id=self._id(),
        )

    def classroom(self) -> Classroom:
        r = self.rng
        ident = self._id()
        return Classroom(
            f"Classe {ident[-4:]}",
            r.sample(["CP", "CE1", "CE2", "CM1", "CM2"], 2),
            r.randint(0, 30),
            [self.line() for _ in range(r.randint(0, 3))],
            id=ident,
        )

    def _uai(self, dossier) -> str:
        """A UAI no school of ``dossier`` has (the dossier refuses one twice)."""
        used = {s.uai for s in dossier.ecoles}
        while True:
            uai = f"{self.rng.randint(0, 9_999_999):07d}A"
            if uai not in used:
                return uai

    def school(self, commune: str, uai: str = "0000001A") -> School:
        r = self.rng
        ident = self._id()
        return School(
            f"École {ident[-5:]}",
            uai,
            commune,
            eleves=r.randint(0, 300),
            classes=[self.classroom() for _ in range(r.randint(0, 2))],
            lignes=[self.line() for _ in range(r.randint(0, 2))],
            services=[self.line() for _ in range(r.randint(0, 1))],
            existant={"projection": Existant.PRESENT},
            id=ident,
        )

    # --- one edit valid for the dossier as it is now --------------------------------------

    def next(self, dossier) -> edits.Edit:
        r = self.rng
        schools = dossier.ecoles
        classes = [(s, c) for s in schools for c in s.classes]
        lines = [(lst, line) for s in schools for lst in (s.lignes, s.services) for line in lst] + [
            (c.lignes, line) for _s, c in classes for line in c.lignes
        ]
        choice = r.random()
        if not schools or choice < 0.03 and len(schools) < 8:
            commune = dossier.communes[0].insee if dossier.communes else ""
            return edits.Insert(
                "ecole",
                "",
                "ecoles",
                r.randint(0, len(schools)),
                self.school(commune, self._uai(dossier)),
            )
        if choice < 0.06 and len(schools) > 2:
            return edits.Remove("ecole", r.choice(schools).id)
        school = r.choice(schools)
        if choice < 0.45 and lines:
            _lst, line = r.choice(lines)
            field, value = r.choice(
                [
                    ("quantite", r.randint(0, 99)),
                    ("libelle", f"Libellé {self._id()}"),
                    ("prix_unitaire", Decimal(r.randint(0, 999_999)) / 100),
                    ("article", "tni"),
                ]
            )
            return edits.SetField("ligne", line.id, field, value)
        if choice < 0.60:
            target = r.choice(
                [("lignes", school), ("services", school)] + [("lignes", c) for c in school.classes]
            )
            collection, parent = target
            items = getattr(parent, collection)
            if len(lines) > 120 and items:
                return edits.Remove("ligne", r.choice(items).id)
            return edits.Insert(
                "ligne", parent.id, collection, r.randint(0, len(items)), self.line()
            )
        if choice < 0.68 and lines:
            return edits.Remove("ligne", r.choice(lines)[1].id)
        if choice < 0.74:
            if len(classes) > 30 and school.classes:
                return edits.Remove("classe", r.choice(school.classes).id)
            return edits.Insert(
                "classe", school.id, "classes", r.randint(0, len(school.classes)), self.classroom()
            )
        if choice < 0.80 and classes:
            _s, c = r.choice(classes)
            field, value = r.choice(
                [
                    ("nom", f"Classe {self._id()}"),
                    ("eleves", r.randint(0, 30)),
                    ("niveaux", r.sample(["CP", "CE1", "CM2", "GS"], 2)),
                ]
            )
            return edits.SetField("classe", c.id, field, value)
        if choice < 0.85:
            field, value = r.choice(
                [
                    ("nom", f"École {self._id()}"),
                    ("eleves", r.randint(0, 400)),
                    ("existant", {"projection": Existant.OBSOLETE, "reseau": Existant.ABSENT}),
                ]
            )
            return edits.SetField("ecole", school.id, field, value)
        if choice < 0.88:
            return r.choice(
                [
                    edits.SetField("porteur", "", "nom", f"Porteur {self._id()}"),
                    edits.SetField("contact", "", "courriel", f"{self._id()}@mairie.fr"),
                    edits.SetField(
                        "parametres", "", "taux_tva", Decimal(r.choice(["20", "5.5", "10"]))
                    ),
                    edits.SetField("parametres", "", "arrondi", r.choice(["centime", "euro"])),
                    edits.SetField(
                        "porteur", "", "contact", Contact("M. X", "maire", "01", "a@b.fr")
                    ),
                ]
            )
        if choice < 0.92:
            if dossier.communes and r.random() < 0.5:
                return edits.SetField(
                    "commune", r.choice(dossier.communes).id, "nom", f"Commune {self._id()}"
                )
            empty = [c for c in dossier.communes if not dossier.schools_of(c.insee)]
            if len(dossier.communes) > 3 and empty:  # a commune that still has schools stays
                return edits.Remove("commune", empty[-1].id)
            used = {c.insee for c in dossier.communes}
            insee = next(
                code
                for code in (f"{r.randint(1000, 95999):05d}" for _ in iter(int, 1))
                if code not in used
            )
            return edits.Insert(
                "commune",
                "",
                "communes",
                r.randint(0, len(dossier.communes)),
                Commune(insee, "Nouvelle", self._id()),
            )
        if choice < 0.96:
            article = r.choice(ARTICLES)
            if article in dossier.catalogue and r.random() < 0.3:
                return edits.PutArticle(article, None)
            return edits.PutArticle(
                article,
                CatalogueItem(
                    article,
                    f"Article {self._id()}",
                    "autre",
                    "ecole",
                    "equipement",
                    Decimal(r.randint(0, 99_999)) / 100,
                    Decimal("20"),
                    r.random() < 0.5,
                ),
            )
        # A batch, as « appliquer à toutes les classes » makes: remove and insert lines.
        parts: list = []
        for c in school.classes[:3]:
            parts += [edits.Remove("ligne", line.id) for line in c.lignes]
            parts += [edits.Insert("ligne", c.id, "lignes", i, self.line()) for i in range(2)]
        parts.append(edits.SetField("ecole", school.id, "nom", f"École {self._id()}"))
        return edits.Batch(tuple(parts), "Appliquer à toutes les classes")

    # --- variants ---------------------------------------------------------------------------

    def variant_edit(self, dossier) -> edits.Edit | str:
        """An edit of the variants valid for the dossier as it is now, or the id of a variant
        to switch to (switching is not an edit: the caller does it)."""
        from socle_desktop.domain import variants
        from socle_desktop.domain.model import Variante

        r = self.rng
        others = [v for v in dossier.variantes if v.id != dossier.courante]
        choice = r.random()
        if choice < 0.25 and len(dossier.variantes) < 5:
            source = r.choice(dossier.variantes)
            lines = {
                key: [
                    Line(
                        line.article, line.libelle, line.quantite, line.prix_unitaire, id=self._id()
                    )
                    for line in items
                ]
                for key, items in variants.lines_of(dossier, source.id).items()
            }
            return edits.AddVariant(
                r.randint(0, len(dossier.variantes)),
                Variante(f"Variante {self._id()}", self._id(), lines),
            )
        if choice < 0.45 and others:
            return r.choice(others).id  # switch
        if choice < 0.55:
            return edits.SetField(
                "variante", r.choice(dossier.variantes).id, "nom", f"Nom « {self._id()} » & <i>"
            )
        if choice < 0.65:
            return edits.RetainVariant(r.choice(dossier.variantes).id)
        deletable = [v for v in dossier.variantes if v.id != dossier.retenue]
        if choice < 0.75 and deletable:
            return edits.RemoveVariant(r.choice(deletable).id)
        if others and dossier.ecoles:
            school = r.choice(dossier.ecoles)
            owner = r.choice(
                [(school.id, "lignes"), (school.id, "services")]
                + [(c.id, "lignes") for c in school.classes]
            )
            lines = tuple(self.line() for _ in range(r.randint(0, 3)))
            return edits.SetVariantLines(r.choice(others).id, owner, lines)
        return self.next(dossier)
