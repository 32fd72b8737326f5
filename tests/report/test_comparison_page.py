"""The PDF of a dossier with variants: the retained variant's plan unless another is asked, the
variant named on the first page, and the page comparing the variants when asked."""

from __future__ import annotations

import copy
import subprocess

from socle_desktop.domain import line_tools, variants
from socle_desktop.domain.edit_checks import apply_checked
from socle_desktop.domain.money import euros
from socle_desktop.domain.rules import compute
from socle_desktop.report import build_pdf

from .conftest import TODAY, needs, page_texts, spaced, squashed


def with_eni(dossier):
    """The example, plus « ENI & <co> »: its VPI replaced by 65" screens (current, not
    retained)."""
    dossier = copy.deepcopy(dossier)
    created = variants.create(dossier, "ENI & <co>")
    apply_checked(dossier, created)
    variants.switch(dossier, created.variante.id)
    apply_checked(dossier, line_tools.replace_article(dossier, "vpi", "eni-65", False).edit)
    return dossier, created.variante.id


def test_the_pdf_is_the_retained_variants_whatever_is_current(example, campaign):
    dossier, _eni = with_eni(example[0])
    retained = compute(variants.retained(dossier), campaign)
    current = compute(dossier, campaign)
    assert retained.remaining != current.remaining
    first = spaced(page_texts(build_pdf(dossier, campaign, result=current, today=TODAY))[0])
    assert spaced(euros(retained.remaining)) in first
    assert spaced(euros(current.remaining)) not in first
    assert "Variante « Principale », la variante retenue (sur 2 étudiées)" in first


def test_another_variant_is_a_working_document(example, campaign):
    dossier, eni = with_eni(example[0])
    first = spaced(page_texts(build_pdf(dossier, campaign, variant_id=eni, today=TODAY))[0])
    assert (
        "« ENI & <co> » — document de travail : la variante retenue du dossier est "
        "« Principale »" in first
    )
    assert spaced(euros(compute(dossier, campaign).remaining)) in first


def test_one_variant_says_nothing_of_variants(example_text):
    assert "Variante" not in example_text and "Comparaison" not in example_text


def test_the_comparison_page(example, campaign):
    dossier, eni = with_eni(example[0])
    pages = page_texts(build_pdf(dossier, campaign, comparison=True, today=TODAY))
    page = spaced(pages[1])
    assert "Comparaison des variantes" in page
    retained = compute(variants.retained(dossier), campaign)
    other = compute(dossier, campaign)
    delta = other.remaining - retained.remaining
    assert spaced(f"ENI & <co> : +{euros(delta)} de reste à charge.") in page
    assert spaced(euros(retained.remaining)) in page and spaced(euros(other.remaining)) in page
    assert "Reste à charge par école" in page
    assert "Récapitulatif par école" not in page  # the comparison is a page of its own
    assert "Récapitulatif par école" in pages[2]


def test_nine_variants_with_long_names_fit(example, campaign, tmp_path):
    dossier = copy.deepcopy(example[0])
    for n in range(2, 10):
        apply_checked(dossier, variants.create(dossier, f"{n} — « écrans » & {'x' * 62}"))
    assert len(dossier.variantes) == 9
    pdf = build_pdf(dossier, campaign, comparison=True, today=TODAY)
    text = squashed("".join(page_texts(pdf)[1:3]))
    for variant in dossier.variantes[1:]:
        assert squashed(variant.nom[:20]) in text


@needs("pdftoppm")
def test_the_comparison_page_renders(example, campaign, tmp_path):
    dossier, _eni = with_eni(example[0])
    path = tmp_path / "comparaison.pdf"
    path.write_bytes(build_pdf(dossier, campaign, comparison=True, today=TODAY))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    assert (tmp_path / "page-2.png").stat().st_size > 5_000
