"""The note forms (gespreksformulieren): real PDFs read back with pypdf, and the laid-out boxes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from weasyprint.formatting_structure import boxes

from gereedschapskist.agenda.model import Agenda
from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.render import RenderedPdf, Renderer, TemplateProblem, builtin_template_dir
from gereedschapskist.render.stacking import PaintCache, StackedPage

from .agendas import DIVERSE_NAMES, agenda, forty_minute_agenda, home_visit_agenda, school_class
from .conftest import page_texts, reader

PX_PER_MM = 96 / 25.4


def form_starts(texts: list[str]) -> list[int]:
    """0-based indexes of the pages that start a form (their footer says "pagina 1 van")."""
    return [index for index, text in enumerate(texts) if "pagina 1 van" in text]


def test_standard_agenda_gives_two_pages_per_form(class_forms: RenderedPdf) -> None:
    # 25 minutes, ten topics: one duplex sheet per pupil, so no filler pages at all.
    assert class_forms.pages == 56
    assert len(reader(class_forms).pages) == 56
    assert class_forms.warnings == ()


def test_every_form_starts_on_an_odd_page(class_forms: RenderedPdf) -> None:
    starts = form_starts(page_texts(class_forms))
    assert len(starts) == 28
    assert all((start + 1) % 2 == 1 for start in starts)


def test_each_pupil_is_named_on_every_page_of_their_own_form(class_forms: RenderedPdf) -> None:
    texts = page_texts(class_forms)
    klass = school_class(28)
    starts = form_starts(texts)
    for pupil, start in zip(klass.leerlingen, starts, strict=True):
        pages = texts[start : start + 2]
        assert all(pupil.naam in text for text in pages), pupil.naam
        assert "pagina 1 van 2" in pages[0]
        assert "pagina 2 van 2" in pages[1]
        assert all("Vertrouwelijk" in text for text in pages)
    # No page names two pupils: a duplex sheet never mixes forms.
    for text in texts:
        assert sum(pupil.naam in text for pupil in klass.leerlingen) == 1


def test_form_is_prefilled_with_class_teacher_school_and_year(class_forms: RenderedPdf) -> None:
    first = page_texts(class_forms)[0]
    expected = ("4/5", "Juf Ingrid Hoekstra", "OBS De Regenboog", "2026-2027", "Kennismakingsgesprek groep 3 t/m 8")
    for value in expected:
        assert value.upper() in first.upper()
    for field in ("Datum", "Tijd", "Aanwezig", "ouder(s)/verzorger(s)", "leerling", "tolk/contactpersoon"):
        assert field in first


def test_topics_prompts_and_agreements_are_on_the_form(class_forms: RenderedPdf) -> None:
    text = " ".join(page_texts(class_forms)[:2])
    flat = re.sub(r"\s+", " ", text)
    for number, topic in enumerate(agenda().onderwerpen, start=1):
        assert f"{number}. {topic.titel}" in flat
        assert f"{topic.minuten} min" in flat
    assert "Welke verwachtingen heeft ieder" in flat
    assert "Afspraken over contact" in flat
    assert "Telefoonnummer(s) nagekeken" in flat
    assert "E-mailadres(sen) nagekeken" in flat
    assert "gescheiden ouders" in flat


def test_a_form_with_filler_pages_leaves_them_without_footer(renderer: Renderer) -> None:
    # A 40-minute conversation takes three pages: each form but the last then gets a
    # blank fourth, so that the next pupil starts on a new sheet.
    forms = renderer.forms_pdf(forty_minute_agenda(), school_class(3))
    texts = page_texts(forms)
    assert forms.pages == 11
    assert form_starts(texts) == [0, 4, 8]
    for start in (0, 4, 8):
        assert "pagina 3 van 3" in texts[start + 2]
    assert texts[3].strip() == ""
    assert texts[7].strip() == ""


def test_a_home_visit_form_takes_two_sheets(renderer: Renderer) -> None:
    forms = renderer.forms_pdf(home_visit_agenda(), school_class(2))
    texts = page_texts(forms)
    assert forms.pages == 8
    assert form_starts(texts) == [0, 4]
    assert "pagina 4 van 4" in texts[3]
    assert "Plaats huisbezoek" in texts[0]


def test_without_pupils_one_blank_form_without_a_name(renderer: Renderer) -> None:
    for klass in (None, SchoolClass("5a", "groep-5a", frozenset({5}), "", ())):
        forms = renderer.forms_pdf(agenda(), klass)
        texts = page_texts(forms)
        assert forms.pages == 2
        assert "Leerling:" in texts[0]
        assert "pagina 1 van 2" in texts[0]
        assert "Vertrouwelijk" in texts[1]


def test_diverse_names_print_as_real_glyphs(class_forms: RenderedPdf) -> None:
    # No MissingGlyphs was raised while rendering the class, and the text reads back.
    text = " ".join(page_texts(class_forms))
    for roepnaam, _, achternaam in DIVERSE_NAMES:
        assert roepnaam in text
        assert achternaam in text


def test_markup_in_a_name_prints_literally(renderer: Renderer) -> None:
    klass = SchoolClass("3", "groep-3", frozenset({3}), "<i>Juf</i>", (Pupil("<b>Jan</b>", "", "<script>x</script>"),))
    texts = page_texts(renderer.forms_pdf(agenda(), klass))
    assert "<b>Jan</b> <script>x</script>" in texts[0]
    assert "<i>Juf</i>" in texts[0]


def test_fonts_are_embedded(class_forms: RenderedPdf) -> None:
    embedded = 0
    for page in reader(class_forms).pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            assert "DejaVu" in str(font["/BaseFont"])
            embedded += 1
    assert embedded >= 2


def test_tagged_pdf_with_title_and_language(class_forms: RenderedPdf) -> None:
    pdf = reader(class_forms)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert pdf.metadata.title.startswith("Gespreksformulieren")
    assert "Groep 4/5" in pdf.metadata.title
    # No timestamps: they would make every build differ.
    assert "/CreationDate" not in pdf.metadata
    assert "/ModDate" not in pdf.metadata


def test_pdf_outline_has_a_bookmark_per_pupil(class_forms: RenderedPdf) -> None:
    titles = [item.title for item in reader(class_forms).outline]
    assert titles[:2] == ["Zoë van der Berg", "Emre Çelik"]
    assert len(titles) == 28


def test_same_input_gives_identical_bytes(renderer: Renderer, class_forms: RenderedPdf) -> None:
    again = renderer.forms_pdf(agenda(), school_class(28))
    assert again.data == class_forms.data
    # A fresh renderer (nothing cached) writes the same bytes too.
    assert Renderer().forms_pdf(agenda(), school_class(28)).data == class_forms.data


# -- layout, checked on the laid-out boxes -------------------------------------------------


def _boxes_with_class(page, css_class: str) -> list[boxes.Box]:
    found = []
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and css_class in element.get("class", "").split() and isinstance(box, boxes.BlockBox):
            found.append(box)
    return found


def test_writing_lines_match_the_minutes(renderer: Renderer) -> None:
    layout = renderer.layout_forms(agenda(), school_class(1))
    lines_per_topic = []
    for page in layout.document.pages:
        for topic in _boxes_with_class(page, "onderwerp"):
            lines = [box for box in topic.descendants() if isinstance(box, boxes.BlockBox) and _has_class(box, "regel")]
            assert all(box.height > 7 * PX_PER_MM for box in lines)
            assert all(box.style["border_bottom_style"] == "solid" for box in lines)
            lines_per_topic.append(len(lines))
    expected = []
    for topic in agenda().onderwerpen:
        shared_only = topic.samen and not (topic.leerling or topic.ouder or topic.leerkracht)
        expected.append(max(2, topic.minuten) * (1 if shared_only else 3))
    assert lines_per_topic == expected


def _has_class(box: boxes.Box, css_class: str) -> bool:
    element = getattr(box, "element", None)
    return element is not None and css_class in element.get("class", "").split()


def test_page_margins_leave_room_for_a_hole_punch(renderer: Renderer) -> None:
    layout = renderer.layout_forms(agenda(), school_class(1))
    right, left = (page._page_box for page in layout.document.pages[:2])
    # Right-hand (odd) pages punch on the left, left-hand pages on the right.
    assert right.margin_left >= 25 * PX_PER_MM - 0.5
    assert right.margin_right >= 15 * PX_PER_MM - 0.5
    assert left.margin_right >= 25 * PX_PER_MM - 0.5
    assert left.margin_left >= 15 * PX_PER_MM - 0.5
    for page in (right, left):
        assert page.margin_top >= 15 * PX_PER_MM - 0.5
        assert page.margin_bottom >= 15 * PX_PER_MM - 0.5
        assert abs(page.margin_width() - 210 * PX_PER_MM) < 1
        assert abs(page.margin_height() - 297 * PX_PER_MM) < 1


def test_header_never_overlaps_the_form_content(renderer: Renderer) -> None:
    # A name that wraps makes the header taller than the room the content leaves for
    # it; the content must then move down with it.
    long_name = Pupil("Maria-Magdalena Anastasia Josephine", "van den", "Heuvel-Oosterhout Brinkman-Vermeulen")
    klass = SchoolClass("6", "groep-6", frozenset({6}), "Meester Bram", (Pupil("Sem", "", "Bos"), long_name))
    layout = renderer.layout_forms(agenda(), klass)
    for start in layout.form_starts:
        page = layout.document.pages[start]
        (header,) = _boxes_with_class(page, "kop")
        (space,) = _boxes_with_class(page, "kop-ruimte")
        assert header.margin_height() <= space.margin_height() + 0.01
        first_content = min(box.position_y for box in _boxes_with_class(page, "onderwerp"))
        assert first_content >= header.position_y + header.margin_height()
    texts = page_texts(renderer.write(layout, "test"))
    assert "Heuvel-Oosterhout" in texts[2]


@pytest.mark.parametrize("make_agenda", [agenda, forty_minute_agenda, home_visit_agenda])
def test_every_page_of_a_form_has_content_under_the_header(renderer: Renderer, make_agenda) -> None:
    a: Agenda = make_agenda()
    layout = renderer.layout_forms(a, school_class(2))
    for start, count in zip(layout.form_starts, layout.form_pages, strict=True):
        for page in layout.document.pages[start : start + count]:
            assert _boxes_with_class(page, "onderwerp") or _boxes_with_class(page, "afspraken")


def test_stacked_forms_print_like_one_flowing_document(renderer: Renderer, public_renderer: Renderer) -> None:
    # forms_pdf lays the shared content out once and stacks it under every header;
    # the public way (everything in one flow) must give the same pages.
    klass = school_class(5)
    stacked = renderer.forms_pdf(agenda(), klass)
    flowing = public_renderer.forms_pdf(agenda(), klass)
    assert stacked.pages == flowing.pages == 10
    for mine, plain in zip(page_texts(stacked), page_texts(flowing), strict=True):
        assert mine.split() == plain.split()


def test_a_schools_taller_header_pushes_the_content_down(tmp_path) -> None:
    # A school's own header, without our class names, twice as tall as ours.
    builtin = (builtin_template_dir() / "gespreksformulieren.html.j2").read_text(encoding="utf-8")
    start, end = builtin.index('  <header class="kop">'), builtin.index("  </header>") + len("  </header>")
    header = '<div style="height: 60mm; border: 2pt solid black">Logo {{ form.naam }}</div>'
    own = builtin[:start] + header + builtin[end:]
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "gespreksformulieren.html.j2").write_text(own, encoding="utf-8")
    layout = Renderer([folder]).layout_forms(agenda(), school_class(2))
    for start in layout.form_starts:
        page = layout.document.pages[start]
        first_content = min(box.position_y for box in _boxes_with_class(page, "wanneer"))
        assert first_content >= (15 + 60) * PX_PER_MM
    assert layout.form_pages == (3, 3)


def test_content_template_without_room_for_the_header_is_refused(tmp_path) -> None:
    builtin = (builtin_template_dir() / "formulier_inhoud.html.j2").read_text(encoding="utf-8")
    own = builtin.replace('class="kop-ruimte"', 'class="iets-anders"')
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "formulier_inhoud.html.j2").write_text(own, encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).forms_pdf(agenda(), school_class(1))
    assert "kop-ruimte" in caught.value.message


def test_identical_bytes_across_processes() -> None:
    # Another process has another str hash seed: no set or dict order may leak into the PDF.
    code = (
        "import hashlib, sys\n"
        "from render.agendas import agenda, school_class\n"
        "from gereedschapskist.render import Renderer\n"
        "r = Renderer()\n"
        "forms, guide = r.forms_pdf(agenda(), school_class(4)), r.guide_pdf(agenda(), school_class(4))\n"
        "print(hashlib.sha256(forms.data + guide.data).hexdigest())\n"
    )
    tests = Path(__file__).resolve().parents[1]
    src = tests.parent / "src"
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join([str(src), str(tests)])}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def _tagged_content(data: bytes) -> tuple[list[str], list[bytes]]:
    """The tag tree's element types in reading order, and each page's operators with every
    marked-content id replaced by the place it has in that tree (element number.position).

    Two PDFs with the same result are the same document for a reader and for a screen
    reader, whatever numbers their marked-content ids have.
    """
    import zlib

    import pypdf.generic

    pdf = reader(data)
    page_numbers = {page.indirect_reference.idnum: number for number, page in enumerate(pdf.pages)}
    types: list[str] = []
    places: dict[tuple[int, int], bytes] = {}

    def walk(element: pypdf.generic.DictionaryObject, page: int | None) -> None:
        number = len(types)
        types.append(str(element.get("/S")))
        if "/Pg" in element:
            page = page_numbers[element.raw_get("/Pg").idnum]
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        for position, kid in enumerate(kids):
            if isinstance(kid, int):
                assert (page, int(kid)) not in places
                places[page, int(kid)] = b"%d.%d" % (number, position)
            else:
                walk(kid.get_object(), page)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"].get_object(), None)
    contents = []
    for number, page in enumerate(pdf.pages):
        raw = page["/Contents"].get_object()._data  # the stream as written
        operators = zlib.decompress(raw)
        # (the footers are marked but have no place in the tree, as WeasyPrint's margin boxes)
        marked = re.sub(rb"/MCID (\d+)", lambda found, n=number: b"/MCID " + _place(places, n, found), operators)
        contents.append(marked)
    return types, contents


def _place(places: dict[tuple[int, int], bytes], page: int, found: re.Match[bytes]) -> bytes:
    return places.get((page, int(found[1])), b"outside the tree " + found[1])


def test_replayed_content_is_the_same_document_as_painting_every_page(renderer: Renderer) -> None:
    # Renderer.write paints the shared content once and replays it for every pupil
    # (stacking.py); WeasyPrint painting every page itself must give the same pages, the
    # same tag tree and the same operators, marked-content ids aside (a replayed page
    # numbers the content first, so that its operators are the same bytes on every page).
    layout = renderer.layout_forms(agenda(), school_class(5))
    replayed = renderer.write(layout, "gespreksformulieren").data
    painted = layout.document.write_pdf(pdf_tags=True, pdf_identifier=layout.identifier)
    assert replayed != painted
    types, contents = _tagged_content(replayed)
    assert (types, contents) == _tagged_content(painted)
    assert len(contents) == len(layout.document.pages)


def test_replayed_content_is_one_item_compressed_once_per_pdf(renderer: Renderer) -> None:
    from gereedschapskist.render.speedups import Deflated

    layout = renderer.layout_forms(agenda(), school_class(4))
    seen: list[Deflated] = []
    pages = [page for page in layout.document.pages if isinstance(page, StackedPage)]
    original = StackedPage.paint

    def paint(self: StackedPage, stream, scale: float = 1) -> None:
        original(self, stream, scale)
        seen.extend(item for item in stream.stream if isinstance(item, Deflated))

    StackedPage.paint = paint  # type: ignore[method-assign]
    try:
        renderer.write(layout, "gespreksformulieren")
    finally:
        StackedPage.paint = original  # type: ignore[method-assign]
    assert len(pages) > 4 and seen
    # the same object for the same content page on every pupil's form: compressed once
    assert len({id(item) for item in seen}) == len({page.content_index for page in pages})


def test_marked_content_ids_match_the_tag_tree_on_every_page(class_forms: RenderedPdf) -> None:
    pdf = reader(class_forms)
    parent_tree = pdf.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    per_page = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    for number, page in enumerate(pdf.pages):
        ids = [int(found) for found in re.findall(rb"/MCID (\d+)", page.get_contents().get_data())]
        assert sorted(ids) == list(range(len(ids))), number  # each once, none left out
        assert page["/StructParents"] == number
        assert len(per_page[number]) == len(ids)


def test_content_with_an_image_is_painted_for_every_pupil(tmp_path: Path) -> None:
    # A raster image is a shared PDF object: such content is not replayed but painted
    # again for every pupil, and every form shows the image.
    from PIL import Image

    builtin = (builtin_template_dir() / "formulier_inhoud.html.j2").read_text(encoding="utf-8")
    logo = '<img alt="logo" style="width: 20mm" src="logo.png">'
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    own = builtin.replace("{% for topic in topics %}", logo + "{% for topic in topics %}", 1)
    (folder / "formulier_inhoud.html.j2").write_text(own, encoding="utf-8")
    Image.new("L", (8, 4), 90).save(folder / "logo.png")
    mine = Renderer([folder])
    layout = mine.layout_forms(agenda(), school_class(3))
    written = mine.write(layout, "gespreksformulieren")
    assert written.warnings == ()
    assert _tagged_content(written.data) == _tagged_content(
        layout.document.write_pdf(pdf_tags=True, pdf_identifier=layout.identifier)
    )
    pages = reader(written).pages
    for start in layout.form_starts:
        assert re.search(rb"/\w+ Do", pages[start].get_contents().get_data())
    assert replayable_content_pages(mine) == {0: False, 1: True}


def test_built_in_content_is_replayed(renderer: Renderer) -> None:
    assert replayable_content_pages(renderer) == {0: True, 1: True}


def replayable_content_pages(renderer: Renderer) -> dict[int, bool]:
    """Which content pages the paint cache could record for replay, when writing 3 forms."""
    layout = renderer.layout_forms(agenda(), school_class(3))
    cache = PaintCache()
    for page in layout.document.pages:
        if isinstance(page, StackedPage):
            page.cache = cache
    layout.document.write_pdf(pdf_tags=True)
    return {index: recording is not None for index, recording in cache.recordings.items()}


def test_footers_sit_in_the_bottom_margin_on_the_outer_edge(class_forms: RenderedPdf) -> None:
    # Name outside-left and page number outside-right on right-hand pages, mirrored on
    # left-hand pages; both in the bottom margin (18 mm), as on the guide.
    page_width = 210 / 25.4 * 72
    for number, page in enumerate(reader(class_forms).pages[:4]):
        found: dict[str, tuple[float, float]] = {}

        def visit(text, cm, tm, font, size, found=found):
            if text.startswith(("pagina", "Vertrouwelijk ·")):
                # WeasyPrint draws in CSS px from the top-left corner; back to PDF points.
                x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
                found["pagina" if text.startswith("pagina") else "naam"] = (x, y)

        page.extract_text(visitor_text=visit)
        assert set(found) == {"pagina", "naam"}, number
        assert all(y < 18 / 25.4 * 72 for _, y in found.values())
        left, right = ("naam", "pagina") if number % 2 == 0 else ("pagina", "naam")
        assert found[left][0] < page_width / 3 < 2 * page_width / 3 < found[right][0] + 60


def test_footers_stay_out_of_the_tag_tree(renderer: Renderer) -> None:
    # The footers are written by the per-pupil layer, but treated like margin boxes:
    # painted after the content, and WeasyPrint's tagging leaves the children of a margin
    # box out of the tag tree (as it did when the footers were margin boxes).
    layout = renderer.layout_forms(forty_minute_agenda(), school_class(2))
    for number, page in enumerate(layout.document.pages):
        in_margin = [
            box
            for child in page._page_box.children
            if isinstance(child, boxes.MarginBox)
            for box in child.descendants()
            if _has_class(box, "voet")
        ]
        elsewhere = [
            box
            for child in page._page_box.children
            if not isinstance(child, boxes.MarginBox)
            for box in child.descendants()
            if _has_class(box, "voet")
        ]
        assert not elsewhere, number
        assert len(in_margin) == (0 if number == 3 else 1), number  # page 4 is a blank filler
