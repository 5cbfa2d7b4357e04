"""The invitations as printed: a letter and reply slip per household, each starting on a right-hand page."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops

from gereedschapskist import invitations
from gereedschapskist.classes.model import ClassList, Household, Parent
from gereedschapskist.invitations import InvitationSettings, plan_letters
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf

from . import families
from .agendas import agenda, home_visit_agenda
from .conftest import page_lines, page_texts
from .raster import render_pages

SECRET = bytes(range(32))
MOMENTS = (
    "dinsdag 8 september, 15.00–19.00",
    "donderdag 10 september, 8.30–12.00",
    "maandag 14 september, 15.00–20.00",
)


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> InvitationSettings:
    """The agenda's uitnodiging section, as branch invite-agenda will give it."""
    chosen = InvitationSettings(antwoord_voor=date(2026, 9, 7), momenten=MOMENTS, contact="juf Samira")
    monkeypatch.setattr(invitations, "invitation_settings", lambda agenda: chosen)
    return chosen


def class_letters(class_list: ClassList, slug: str = "groep-5a"):
    klass = next(k for k in class_list if k.slug == slug)
    return klass, plan_letters(class_list, {k.slug for k in class_list}, "oudste", SECRET)[slug]


@pytest.fixture(scope="module")
def five_a(renderer: Renderer):
    with pytest.MonkeyPatch.context() as patch:
        chosen = InvitationSettings(antwoord_voor=date(2026, 9, 7), momenten=MOMENTS, contact="juf Samira")
        patch.setattr(invitations, "invitation_settings", lambda agenda: chosen)
        klass, letters = class_letters(families.school())
        return letters, invitations_pdf(renderer, agenda(), klass, letters)


def starts(texts: list[str]) -> list[int]:
    """1-based pages on which a Dutch letter starts."""
    return [number for number, text in enumerate(texts, start=1) if "Uitnodiging voor een kennismakingsgesprek" in text]


def test_every_letter_starts_on_a_right_hand_page_and_fits_one_page(five_a) -> None:
    letters, pdf = five_a
    texts = page_texts(pdf)
    assert starts(texts) == [1, 3, 5, 7]  # Berg, Jansen 1, Jansen 2, Haddad
    for number in starts(texts):
        assert "Antwoordstrookje" in texts[number - 1]  # the slip on the same page as its letter
    assert len(texts) == 7
    assert texts[1].strip() == "" and texts[3].strip() == ""  # blank backs: one household per sheet


def test_the_english_translation_is_on_the_back_of_the_english_households_letter(five_a) -> None:
    letters, pdf = five_a
    texts = page_texts(pdf)
    assert "Aan Peter Jansen" in texts[4]
    assert "Invitation to a get-to-know-you meeting" in texts[5]
    assert "Monday 7 September 2026" in texts[5]
    assert all("Invitation" not in texts[n] for n in (0, 1, 2, 3, 6))


def test_the_letter_says_what_the_seed_asks(five_a) -> None:
    letters, pdf = five_a
    berg = " ".join(page_texts(pdf)[0].split())
    assert "Aan Anna van der Berg en Mark van der Berg" in berg
    for child in ("Mila van der Berg", "Groep 1/2", "Juf Anouk", "Daan van der Berg", "Groep 3a", "Meester Bram"):
        assert child in berg
    assert "beide ouders of verzorgers" in berg and "Uw kinderen zijn er ook bij" in berg  # three children
    assert "op school en duurt ongeveer 25 minuten" in berg
    assert "introductie en achtergrond" in berg and "Wederkerige" not in berg
    assert "maandag 7 september 2026" in berg and "juf Samira" in berg
    assert "We vragen uw kind niet om te vertalen" in berg
    # the slip: code, children, who comes, moments with kan / kan niet, topics, checks
    assert letters[0].code in berg
    for text in ("ouder/verzorger 1", "ouder/verzorger 2", "de kinderen", "iemand anders", "kan niet", *MOMENTS):
        assert text in berg
    assert "ik neem iemand mee die helpt met de taal" in berg
    assert "we komen samen" not in berg  # one household
    jansen = " ".join(page_texts(pdf)[2].split())
    assert "we komen samen" in jansen and "we willen elk een eigen gesprek" in jansen
    assert "Dan krijgt u allebei deze brief" in jansen


def test_a_slip_never_shows_a_phone_number_address_or_email(five_a) -> None:
    letters, pdf = five_a
    text = "\n".join(page_texts(pdf))
    for private in ("0612345678", "Dorpsstraat", "1234 AB", "9999 ZZ", "example.org", "Ergens"):
        assert private not in text


def test_a_home_visit_says_it_is_no_check_and_without_moments_asks_when(renderer: Renderer) -> None:
    klass, letters = class_letters(families.school(), "groep-3a")
    text = " ".join(" ".join(page_texts(invitations_pdf(renderer, home_visit_agenda(), klass, letters))).split())
    assert "De leerkracht komt bij u thuis. Het is een bezoek om kennis te maken, geen controle." in text
    assert "Aan de ouder(s)/verzorger(s) van:" in text and "Noah de Vries" in text
    assert "Welke dagen en tijden passen u goed?" in text
    assert "zo snel mogelijk" in text  # no reply date set


HOSTILE = ("<b>Jan</b>", "{{ 7*7 }}", "{% raw %}", "&amp;")


def test_hostile_names_print_literally(renderer: Renderer, settings) -> None:
    school = families.school()
    klass = school[2]
    weird = dataclasses.replace(klass.leerlingen[1], roepnaam="<b>Jan</b> {{ 7*7 }}", achternaam="{% raw %} &amp;")
    arabic = dataclasses.replace(klass.leerlingen[2], roepnaam="أحمد", achternaam="حداد")
    classes = (*school.classes[:2], dataclasses.replace(klass, leerlingen=(klass.leerlingen[0], weird, arabic)))
    family = dataclasses.replace(school.families[1], huishoudens=(Household(1, (Parent("<i>Ouder</i> {{ naam }}"),)),))
    hostile = ClassList(classes, (), (school.families[0], family, *school.families[2:]))
    klass, letters = class_letters(hostile)
    text = "\n".join(page_texts(invitations_pdf(renderer, agenda(), klass, letters)))
    for piece in (*HOSTILE, "<i>Ouder</i> {{ naam }}"):
        assert piece in text
    assert "49" not in text.replace("2026", "")
    document = pdfium.PdfDocument(invitations_pdf(renderer, agenda(), klass, letters).data)
    try:
        arabic_text = "".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    finally:
        document.close()
    assert "أحمد" in arabic_text or "دمحأ" in arabic_text  # real glyphs, in either order of extraction


def test_a_school_template_in_a_right_to_left_language_lays_out_right_to_left(tmp_path: Path) -> None:
    (tmp_path / "uitnodiging.ar.html.j2").write_text(
        # no dir= of its own: kmg prints a right-to-left language's template right to left
        '<h1 class="brief-titel">دعوة</h1>\n<p>مرحبا بكم</p>\n',
        encoding="utf-8",
    )
    renderer = Renderer([tmp_path])
    klass, letters = class_letters(families.school(), "groep-3a")
    letters = [dataclasses.replace(letters[0], taal="ar")]
    pdf = invitations_pdf(renderer, agenda(), klass, letters)
    assert len(page_texts(pdf)) == 2
    document = pdfium.PdfDocument(pdf.data)
    try:
        page = document[1]
        width = page.get_width()
        textpage = page.get_textpage()
        boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
        boxes = [box for box in boxes if box[2] > box[0]]
        page_one = document[0].get_textpage()
        first = [page_one.get_charbox(i) for i in range(page_one.count_chars())]
    finally:
        document.close()
    # the back is a left-hand page: margins 15 mm (outer, left) and 25 mm (inner, right)
    mm = 72 / 25.4
    assert boxes, "the Arabic text has no glyphs"
    right = max(box[2] for box in boxes)
    left = min(box[0] for box in boxes)
    assert abs(right - (width - 25 * mm)) < 3 * mm, "right to left: the lines end at the right margin"
    assert left > width / 2, "a short right-to-left line keeps to the right half"
    assert min(box[0] for box in first if box[2] > box[0]) < 30 * mm  # the Dutch front starts on the left


def test_the_png_of_a_letter_and_slip(five_a, tmp_path: Path) -> None:
    """The page is written as PNG (looked at by eye while working); here its print is checked."""
    letters, pdf = five_a
    (page,) = render_pages(pdf.data, dpi=100, first=3, last=3)
    page.save(tmp_path / "brief-en-strookje.png")
    width, height = page.size
    pixels = page.load()
    # a dashed cut line: one row with many dark dashes across the page
    dashed = [
        y
        for y in range(height // 3, height)
        if 20 < sum(1 for x in range(1, width) if pixels[x, y] < 128 and pixels[x - 1, y] >= 128) < 200
        and sum(1 for x in range(width) if pixels[x, y] < 128) > width // 4
    ]
    assert dashed, "no cut line"
    # below it: the slip's ink (the large code, the boxes)
    below = page.crop((0, dashed[0] + 5, width, height))
    assert below.getextrema()[0] < 60
    assert (tmp_path / "brief-en-strookje.png").stat().st_size > 10_000


def test_the_layers_print_the_same_pages_as_one_flow(renderer: Renderer, public_renderer: Renderer, settings) -> None:
    """The fast way (shared letter + places per household) against WeasyPrint's public API, pixel by pixel."""
    from gereedschapskist.render.invitations import layered

    klass, letters = class_letters(families.school())
    assert layered(renderer, agenda(), klass, letters) is not None  # the built-in templates fit the layers
    fast = invitations_pdf(renderer, agenda(), klass, letters)
    slow = invitations_pdf(public_renderer, agenda(), klass, letters)
    # the same text on every page (the places come first in the fast way's reading order)
    assert [sorted(lines) for lines in page_lines(fast)] == [
        sorted(lines) for lines in page_lines(slow)
    ]
    for one, other in zip(render_pages(fast.data, dpi=60), render_pages(slow.data, dpi=60), strict=True):
        histogram = ImageChops.difference(one, other).histogram()
        differing = sum(histogram[65:])  # pixels more than a quarter of the gray scale apart
        assert differing < 20, differing


def test_the_registry_and_the_templates_name_the_same_files() -> None:
    from gereedschapskist.documents import BY_NAME, DOCUMENTS
    from gereedschapskist.render import builtin_template_dir, contract

    assert BY_NAME["uitnodigingen"].template == contract.INVITATIONS_TEMPLATE
    assert BY_NAME["leidraad"].template == contract.GUIDE_TEMPLATE
    assert BY_NAME["formulieren"].template == contract.FORMS_TEMPLATE
    for document in DOCUMENTS:
        assert (builtin_template_dir() / document.template).is_file()
    letter = (builtin_template_dir() / contract.LETTER_TEMPLATE).read_text(encoding="utf-8")
    head = (builtin_template_dir() / contract.LETTER_HEAD_TEMPLATE).read_text(encoding="utf-8")
    for css_class in (contract.ADDRESS_PLACE_CLASS, contract.SLIP_PLACE_CLASS):
        assert f'class="{css_class}"' in letter and f'class="{css_class}"' in head
    frame = (builtin_template_dir() / contract.INVITATIONS_TEMPLATE).read_text(encoding="utf-8")
    assert f'id="{contract.LETTER_ANCHOR_PREFIX}{{{{ loop.index }}}}"' in frame


def test_every_document_view_gives_its_template_a_title() -> None:
    from gereedschapskist.documents import DOCUMENTS

    klass, letters = class_letters(families.school())
    for document in DOCUMENTS:
        extra = (letters,) if document.naam == "uitnodigingen" else ()
        assert klass.label.capitalize() in document.view(agenda(), klass, *extra)["document_title"]
