"""F1 (and Aide › Guide de Socle): a short French guide inside the application.

How the subsidy is computed (the figures come from the campaign's rules, never typed here), what
each step asks, and the keyboard shortcuts (read from the window's own actions, so the guide
cannot drift from them). A window beside the main one: the user can read it while typing.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from socle_desktop.domain import money

STEPS = (
    (
        "Porteur du projet",
        "qui dépose le dossier (commune, EPCI ou RPI), son SIREN, la personne "
        "à contacter, et les communes couvertes par le projet.",
    ),
    (
        "Écoles",
        "les écoles élémentaires et primaires du projet, avec leur UAI et leur nombre "
        "d'élèves ; elles peuvent s'importer des données ouvertes de l'Éducation nationale.",
    ),
    (
        "Classes et équipement",
        "les classes de chaque école et l'équipement de chaque classe "
        "(vidéoprojecteur ou écran interactif, poste de l'enseignant…).",
    ),
    (
        "Équipement de l'école",
        "ce qui sert à toute l'école : classe mobile, wifi, bureau de la "
        "direction ; Socle indique ce qui manque encore au socle numérique de base.",
    ),
    (
        "Services et ressources",
        "l'ENT, la vie scolaire et les ressources pédagogiques, pour deux années scolaires.",
    ),
    (
        "Récapitulatif",
        "le plan de financement, les alertes à lire avant le dépôt, et le dossier "
        "PDF à joindre à la candidature.",
    ),
)

# The window's actions the guide lists, in this order; labels where the menu's text varies.
SHORTCUT_ACTIONS = (
    "new_action",
    "open_action",
    "save_action",
    "save_as_action",
    "pdf_action",
    "print_action",
    "undo_action",
    "redo_action",
    "next_step_action",
    "previous_step_action",
    "help_action",
    "quit_action",
)
LABELS = {
    "undo_action": "Annuler la dernière modification",
    "redo_action": "Rétablir la modification annulée",
}

# The actions of the « Variantes » menu the guide lists (window.variant_actions).
VARIANT_ACTIONS = (
    "new_action",
    "next_action",
    "previous_action",
    "compare_action",
    "replace_action",
)

OTHER_KEYS = (
    ("Alt+1 … Alt+9", "Va à la variante 1 à 9 (dans l'ordre du menu « Variantes »)"),
    ("Tab, Maj+Tab", "Champ suivant, champ précédent"),
    ("Alt + lettre soulignée", "Va au champ ou au bouton de cette lettre"),
    ("Entrée", "Dans un champ, valide la saisie sans changer d'étape"),
)


def euros(amount) -> str:
    """An amount as money.py writes it, kept whole: Qt's HTML reader would turn its narrow
    no-break spaces into breakable ones, except in a ``pre`` span."""
    return f"<span style='white-space:pre'>{money.euros(amount)}</span>"


def percent_fr(rate) -> str:
    return money.percent_fr(rate)


def _bands_text(campaign) -> str:
    parts, start = [], None
    for band in campaign.bands:
        rate = percent_fr(band.rate)
        if start is None:
            parts.append(f"{rate} de la dépense éligible jusqu'à {euros(band.up_to)}")
        else:
            parts.append(f"{rate} de {euros(start)} à {euros(band.up_to)}")
        start = band.up_to
    return " ; ".join(parts)


def subsidy_html(campaign) -> str:
    """How the State subsidy is computed, with the campaign's own figures."""
    if campaign is None:
        from socle_desktop.domain.campaign import load_campaign

        campaign = load_campaign()
    services_cap = euros(campaign.services_plafond_par_eleve)
    return (
        "<h3>Comment la subvention est calculée</h3>"
        "<p><b>Équipement.</b> Pour chaque école, la dépense doit atteindre "
        f"{euros(campaign.minimum_par_ecole)} ; en dessous, l'école est exclue et Socle le dit. "
        f"La dépense retenue est plafonnée à {euros(campaign.plafond_par_classe)} par classe de "
        "cycles 2 et 3. Pour chaque commune, la dépense retenue de ses écoles (au plus "
        f"{euros(campaign.plafond_par_commune)}) est subventionnée par tranches : "
        f"{_bands_text(campaign)}.</p>"
        f"<p><b>Services et ressources.</b> {percent_fr(campaign.services_taux)} de la dépense, "
        f"dans la limite de {services_cap} par élève des écoles équipées, pour "
        f"{campaign.services_annees} années scolaires.</p>"
        "<p><b>Reste à charge</b> = dépense − subvention : ce qui dépasse les plafonds est payé "
        "par la commune (ou la collectivité qui porte le projet). Le panneau de droite donne "
        "ces montants à chaque saisie ; "
        "son bouton « ? » explique chaque chiffre.</p>"
    )


def steps_html() -> str:
    items = "".join(
        f"<li><b>{html.escape(title)}</b> : {html.escape(text)}</li>" for title, text in STEPS
    )
    return (
        f"<h3>Les six étapes</h3><ol>{items}</ol>"
        "<p>« Suivant » attend que l'étape soit complète ; ce qui manque est écrit sous la "
        "page. Tout est enregistré à chaque modification : on peut fermer et reprendre plus "
        "tard, et Ctrl+Z annule la dernière modification.</p>"
    )


def variants_html() -> str:
    return (
        "<h3>Variantes</h3><p>Pour comparer des scénarios (« et avec des écrans interactifs "
        "au lieu des VPI ? »), le menu « Variantes » crée une copie de la variante affichée : "
        "les écoles, classes et élèves restent les mêmes, seules les lignes d'équipement et de "
        "services changent. La variante affichée est au-dessus du panneau de droite. « Comparer "
        "les variantes » montre leurs montants côte à côte et l'écart avec la variante "
        "<b>retenue</b>, celle du PDF, des exports et du dépôt.</p>"
    )


def shortcuts_html(actions) -> str:
    """A table of the actions that have a shortcut, as the menus show them."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            label = LABELS.get(action.objectName()) or action.text().replace("&", "").rstrip("…")
            rows.append((" ou ".join(keys), label))
    rows += OTHER_KEYS
    cells = "".join(
        f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(label)}</td></tr>"
        for keys, label in rows
    )
    return f"<h3>Raccourcis clavier</h3><table cellspacing='0' cellpadding='3'>{cells}</table>"


def guide_html(campaign, actions) -> str:
    return (
        "<h2>Guide de Socle</h2><p>Socle monte le dossier de la commune pour l'appel à "
        "projets « socle numérique dans les écoles élémentaires » et calcule à chaque "
        "instant la subvention de l'État et le reste à charge.</p>"
        + subsidy_html(campaign)
        + steps_html()
        + variants_html()
        + shortcuts_html(actions)
    )


class GuideDialog(QDialog):
    def __init__(self, html_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guide_dialog")
        self.setWindowTitle("Guide de Socle")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


def show_guide(window, campaign) -> GuideDialog:
    """The guide beside ``window`` (not modal), raised if already open; its figures are those
    of the open dossier's campaign."""
    actions = [getattr(window.menus, name) for name in SHORTCUT_ACTIONS]
    actions += [getattr(window.variant_actions, name) for name in VARIANT_ACTIONS]
    text = guide_html(campaign, actions)
    dialog = window.help_dialog
    if dialog is None:
        dialog = GuideDialog(text, window)
    else:
        dialog.browser.setHtml(text)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
