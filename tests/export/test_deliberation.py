"""The draft délibération, opened with odfpy (.odt) and python-docx (.docx): the right council
and signatory, the plan de financement, the amounts in figures and in words, the gaps marked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socle_desktop.domain.model import PorteurType
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import compute
from socle_desktop.export.amount_words import euros_in_words
from socle_desktop.export.deliberation import write_deliberation
from socle_desktop.export.files import ExportError


def odt_text(path) -> tuple[str, list[str]]:
    """The whole text, and the texts of the highlighted gaps."""
    from odf import opendocument, teletype, text

    document = opendocument.load(str(path))
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(text.P)]
    gaps = [
        teletype.extractText(span)
        for span in document.getElementsByType(text.Span)
        if span.getAttribute("stylename") == "a-completer"
    ]
    return "\n".join(paragraphs), gaps


def docx_text(path) -> tuple[str, list[str], list[list[str]]]:
    """The paragraphs' text, the highlighted runs, and the table's cells."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    gaps = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    return "\n".join(paragraphs), gaps, table


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("176500", "cent soixante-seize mille cinq cents euros"),
        ("15648.00", "quinze mille six cent quarante-huit euros"),
        ("14700.50", "quatorze mille sept cents euros et cinquante centimes"),
        ("1000000", "un million d'euros"),
        ("1200000.01", "un million deux cent mille euros et un centime"),
        ("1", "un euro"),
        ("80", "quatre-vingts euros"),
        ("21000", "vingt et un mille euros"),
    ],
)
def test_amounts_in_words(value, words):
    assert euros_in_words(Decimal(value)) == words


def test_odt_of_a_commune(tmp_path, example, campaign):
    path = tmp_path / "deliberation.odt"
    write_deliberation(example, campaign, path)
    text, gaps = odt_text(path)
    result = compute(example, campaign)
    assert "Le conseil municipal," in text
    assert "Séance du conseil municipal du [date de la séance]" in text
    assert "Vu l'appel à projets « Socle numérique dans les écoles élémentaires" in text
    assert "APPROUVE le projet" in text and "APPROUVE le plan de financement" in text
    assert (
        f"SOLLICITE une subvention de l'État de {euros(result.subsidy)} "
        "(quinze mille six cent quarante-huit euros)"
    ) in text
    assert "AUTORISE le maire" in text and "Le maire" in text
    assert f"{euros(result.remaining)} ({euros_in_words(result.remaining)})" in text
    for school in example.ecoles:
        assert school.nom in text and school.uai in text
    assert {"[date de la séance]", "[numéro]", "[lieu]", "[nombre]"} <= set(gaps)
    assert euros(result.equipment.subsidy) in text  # the table and the SOLLICITE line
    assert "FCTVA" not in text  # off by default


def test_docx_of_an_epci_with_fctva(tmp_path, epci, campaign):
    epci.parametres.fctva = True
    path = tmp_path / "deliberation.docx"
    write_deliberation(epci, campaign, path)
    text, gaps, table = docx_text(path)
    result = compute(epci, campaign)
    assert "Le conseil communautaire," in text
    assert "AUTORISE le président" in text and "Le président" in text
    assert "le maire" not in text.lower() and "Entendu l'exposé du président" in text
    assert table[0] == [
        "Volet",
        "Dépense",
        "Dépense éligible",
        "Taux",
        "Subvention de l'État",
        "Reste à charge",
    ]
    assert table[-1] == [
        "Total",
        euros(result.expense),
        euros(result.eligible),
        percent_fr(result.subsidy / result.eligible, 1),
        euros(result.subsidy),
        euros(result.remaining),
    ]
    assert (
        f"SOLLICITE une subvention de l'État de {euros(result.subsidy)} "
        f"({euros_in_words(result.subsidy)})" in text
    )
    assert "Taux : subvention rapportée à la dépense éligible." in text  # what the rate is of
    assert "PREND ACTE" in text and "fonds de compensation pour la TVA" in text
    assert "[date de la séance]" in gaps and "[numéro]" in gaps


def test_a_syndicat_deliberates_in_its_comite(tmp_path, example, campaign):
    example.porteur.type = PorteurType.RPI
    path = tmp_path / "deliberation.odt"
    write_deliberation(example, campaign, path)
    text, _gaps = odt_text(path)
    assert "Le comité syndical," in text and "Séance du comité syndical" in text
    assert "AUTORISE le président" in text


@pytest.mark.parametrize("suffix", [".odt", ".docx"])
def test_hostile_names_as_typed(tmp_path, hostile, campaign, suffix):
    path = tmp_path / f"deliberation{suffix}"
    write_deliberation(hostile, campaign, path)
    text = odt_text(path)[0] if suffix == ".odt" else docx_text(path)[0]
    assert hostile.porteur.nom in text  # « =1+1 »
    for school in hostile.ecoles:
        assert school.nom.replace("\n", "") in text.replace("\n", "")


def test_unwritable_target_and_open_document(tmp_path, example, campaign):
    with pytest.raises(ExportError, match="n'existe pas"):
        write_deliberation(example, campaign, tmp_path / "absent" / "d.odt")
    with pytest.raises(ExportError, match="extension"):
        write_deliberation(example, campaign, tmp_path / "d.pdf")
    path = tmp_path / "deliberation.docx"
    path.write_bytes(b"ancien")
    (tmp_path / "~$liberation.docx").write_bytes(b"verrou de Word")
    with pytest.raises(ExportError, match="ouvert dans un autre programme"):
        write_deliberation(example, campaign, path)
    assert path.read_bytes() == b"ancien"
