"""One slug maker for class folders and agenda subfolders."""

from __future__ import annotations

from gereedschapskist import batch
from gereedschapskist.classes.model import base_slug
from gereedschapskist.slug import slugify


def test_agenda_folders_and_class_folders_use_the_same_slug_maker() -> None:
    assert batch.slugify is slugify


def test_an_agenda_name_keeps_letters_that_nfkd_cannot_split() -> None:
    # The agenda folder used to drop "Đ" (NFKD leaves it whole), the class folder did not.
    assert slugify("Đurđa groep 3") == "durda-groep-3"
    assert base_slug("Đurđa 3") == "groep-durda-3"


def test_nothing_ascii_left_gives_the_fallback() -> None:
    assert slugify("أحمد") == "agenda"
    assert slugify("!!", empty="x") == "x"
