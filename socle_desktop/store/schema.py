"""The tables of a dossier file, as a reader of the file sees them (docs/dossier-file.md).

Names are the French words of the JSON contract. Amounts are exact decimal text (« 2300.00 »),
never floating point. Every list keeps its order in a ``position`` column (0, 1, 2…).
"""

from __future__ import annotations

APPLICATION = "socle"  # meta.application: what tells a dossier from any other SQLite file
SCHEMA_VERSION = 3  # PRAGMA user_version of the files this version writes
JOURNAL_MODE = "DELETE"  # rollback journal: works on network shares, unlike WAL
SYNCHRONOUS = "FULL"  # each commit is on the disk before apply() returns

SCHEMA = (
    """
CREATE TABLE meta (
    cle    TEXT PRIMARY KEY,
    valeur TEXT NOT NULL
);

CREATE TABLE campagne (
    identifiant TEXT PRIMARY KEY,
    nom         TEXT NOT NULL,
    version     INTEGER NOT NULL,
    regles_toml TEXT NOT NULL,
    origine     TEXT NOT NULL
);

CREATE TABLE parametres (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    prix_saisis        TEXT NOT NULL,
    taux_tva           TEXT NOT NULL,
    plafond_par_classe TEXT NOT NULL,
    base               TEXT NOT NULL,
    arrondi            TEXT NOT NULL,
    eleves_services    TEXT NOT NULL
);

CREATE TABLE porteur (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    type              TEXT NOT NULL,
    nom               TEXT NOT NULL,
    siren             TEXT NOT NULL,
    contact_nom       TEXT NOT NULL,
    contact_fonction  TEXT NOT NULL,
    contact_telephone TEXT NOT NULL,
    contact_courriel  TEXT NOT NULL
);

CREATE TABLE communes (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    insee    TEXT NOT NULL,
    nom      TEXT NOT NULL
);

CREATE TABLE ecoles (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    nom      TEXT NOT NULL,
    uai      TEXT NOT NULL,
    commune  TEXT NOT NULL,  -- code INSEE d'une ligne de « communes »
    secteur  TEXT NOT NULL,
    eleves   INTEGER NOT NULL
);

CREATE TABLE existant (
    ecole_id TEXT NOT NULL REFERENCES ecoles(id) ON DELETE CASCADE,
    element  TEXT NOT NULL,  -- élément du socle (projection, poste_enseignant…)
    etat     TEXT NOT NULL,  -- present | absent | obsolete
    PRIMARY KEY (ecole_id, element)
);

CREATE TABLE classes (
    id       TEXT PRIMARY KEY,
    ecole_id TEXT NOT NULL REFERENCES ecoles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    nom      TEXT NOT NULL,
    niveaux  TEXT NOT NULL,  -- niveaux séparés par une espace : « CE2 CM1 »
    eleves   INTEGER NOT NULL
);
CREATE INDEX classes_par_ecole ON classes (ecole_id, position);

CREATE TABLE variantes (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    nom      TEXT NOT NULL,
    retenue  INTEGER NOT NULL CHECK (retenue IN (0, 1))  -- 1 : la variante du dossier déposé
);
CREATE UNIQUE INDEX une_seule_variante_retenue ON variantes (retenue) WHERE retenue = 1;

CREATE TABLE lignes (
    id            TEXT PRIMARY KEY,
    variante_id   TEXT NOT NULL REFERENCES variantes(id) ON DELETE CASCADE,
    ecole_id      TEXT NOT NULL REFERENCES ecoles(id) ON DELETE CASCADE,
    classe_id     TEXT REFERENCES classes(id) ON DELETE CASCADE,  -- vide hors niveau classe
    volet         TEXT NOT NULL CHECK (volet IN ('equipement', 'services')),
    niveau        TEXT NOT NULL CHECK (niveau IN ('classe', 'ecole')),
    position      INTEGER NOT NULL,
    article       TEXT NOT NULL,
    libelle       TEXT NOT NULL,
    quantite      INTEGER NOT NULL,
    prix_unitaire TEXT NOT NULL,
    CHECK ((niveau = 'classe') = (classe_id IS NOT NULL)),
    CHECK (niveau = 'ecole' OR volet = 'equipement')
);
CREATE INDEX lignes_par_ecole ON lignes (ecole_id, variante_id, volet, niveau, position);
CREATE INDEX lignes_par_classe ON lignes (classe_id, variante_id, position);
CREATE INDEX lignes_par_variante ON lignes (variante_id);

CREATE TABLE catalogue (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    libelle         TEXT NOT NULL,
    categorie       TEXT NOT NULL,
    niveau          TEXT NOT NULL,
    volet           TEXT NOT NULL,
    prix_unitaire   TEXT NOT NULL,
    taux_tva        TEXT NOT NULL,
    subventionnable INTEGER NOT NULL CHECK (subventionnable IN (0, 1)),
    unite           TEXT NOT NULL,
    places          INTEGER NOT NULL  -- appareils qu'une valise ou un chariot recharge
);
"""
    + "\n"
)

# A view for whoever opens the file in the sqlite3 shell or in Datasette; Socle never reads it.
VIEWS = """
CREATE VIEW vue_lignes AS
SELECT variantes.nom AS variante, variantes.retenue, ecoles.nom AS ecole,
       classes.nom AS classe, lignes.volet, lignes.niveau,
       lignes.article, lignes.libelle, lignes.quantite, lignes.prix_unitaire,
       printf('%.2f', lignes.quantite * lignes.prix_unitaire) AS montant_indicatif
FROM lignes
JOIN variantes ON variantes.id = lignes.variante_id
JOIN ecoles ON ecoles.id = lignes.ecole_id
LEFT JOIN classes ON classes.id = lignes.classe_id
ORDER BY variantes.position, ecoles.position, lignes.volet, lignes.niveau, classes.position,
         lignes.position;
"""

TABLES = (
    "meta",
    "campagne",
    "parametres",
    "porteur",
    "communes",
    "ecoles",
    "existant",
    "classes",
    "variantes",
    "lignes",
    "catalogue",
)
