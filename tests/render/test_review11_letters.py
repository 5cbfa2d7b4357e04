"""Review of issue 11: defects found by printing the letters of hostile households."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from gereedschapskist import invitations
from gereedschapskist.classes.model import ClassList
from gereedschapskist.invitations import InvitationSettings, plan_letters
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf

from . import families
from .agendas import agenda
from .conftest import page_texts

SECRET = bytes(range(32))


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> InvitationSettings:
    chosen = InvitationSettings(antwoord_voor=date(2026, 9, 7), momenten=("dinsdag 8 september, 15.00–19.00",))
    monkeypatch.setattr(invitations, "invitation_settings", lambda agenda: chosen)
    return chosen


def _letters(class_list: ClassList, slug: str = "groep-5a"):
    klass = next(k for k in class_list if k.slug == slug)
    return klass, plan_letters(class_list, {k.slug for k in class_list}, "oudste", SECRET)[slug]


def test_the_english_letter_joins_two_parents_with_and_not_with_dutch_en(renderer: Renderer, settings) -> None:
    school = families.school()
    jansen = school.families[1]
    both = dataclasses.replace(
        jansen,
        huishoudens=(
            jansen.huishoudens[0],
            families.household(2, "Peter Jansen", "Mary Smith", taal="Engels", postcode="9999 ZZ"),
        ),
    )
    class_list = ClassList(school.classes, (), (school.families[0], both, *school.families[2:]))
    klass, letters = _letters(class_list)
    texts = [" ".join(text.split()) for text in page_texts(invitations_pdf(renderer, agenda(), klass, letters))]
    english = next(text for text in texts if "Invitation to a get-to-know-you meeting" in text)
    assert "To Peter Jansen and Mary Smith," in english
    assert " en " not in english.split("Invitation")[0]
    dutch = next(text for text in texts if "Aan Peter Jansen" in text)
    assert "Aan Peter Jansen en Mary Smith," in dutch  # the Dutch letter keeps "en"
