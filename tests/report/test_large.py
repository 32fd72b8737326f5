"""A dossier of 60 schools (300 classes, about 2 000 lines) gives a clean multi-page document."""

from __future__ import annotations

from socle_desktop.domain.money import euros

from .conftest import spaced

# One school (5 classes, 33 lines and its diagnostic) takes about 1.7 pages; with the first
# pages, the summary table and the closing pages the document has about 110 pages.
EXPECTED_PAGES = range(80, 140)


def test_page_count_in_the_expected_range(large_pages):
    assert len(large_pages) in EXPECTED_PAGES


def test_every_page_has_header_and_page_x_of_y(large, large_pages, campaign):
    dossier, _result = large
    pages = large_pages
    for number, page in enumerate(pages, start=1):
        lines = page.splitlines()
        assert lines[0] == dossier.porteur.nom, number
        assert campaign.nom[:40] in lines[1], number
        assert f"page {number} / {len(pages)}" in page, number


def test_every_school_and_the_totals(large, large_pages):
    dossier, result = large
    pages = [spaced(page) for page in large_pages]
    text = "\n".join(pages)
    for school in dossier.ecoles:
        assert f"{school.nom} UAI {school.uai}" in text, school.nom
    for figure in (
        result.expense,
        result.subsidy,
        result.remaining,
        result.equipment.subsidy,
        result.services.subsidy,
    ):
        assert spaced(euros(figure)) in pages[0]
    for commune in result.communes:
        assert spaced(f"{commune.nom} ({commune.insee})") in text


def test_long_tables_repeat_their_header_rows(large_pages):
    """A school's lines fill more than a page: the continuation starts with the header row."""
    pages = large_pages
    continued = [p for p in pages if p.splitlines()[3:5] == ["Article", "Quantité"]]
    assert len(continued) >= 30
    recap = [p for p in pages if "École (UAI)" in p]
    assert len(recap) >= 2  # the summary of 60 schools runs over several pages


def test_every_line_is_listed(large, large_pages):
    from socle_desktop.domain.samples import total_lines

    dossier, _result = large
    text = "\n".join(large_pages)
    articles = (
        "Vidéoprojecteur interactif (VPI) installé",
        "Ordinateur portable de l'enseignant",
        "Tablette avec coque de protection",
        "Visualiseur (caméra de document)",
        "ENT 1er degré, deux années scolaires (par élève)",
    )
    listed = sum(text.count(article) for article in articles)
    others = ("Valise de rangement", "Licence de gestion de flotte", "Borne wifi débrayable")
    listed += sum(text.count(article) for article in others)
    assert listed == total_lines(dossier)
