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


def test_a_very_long_name_gives_a_short_folder_name() -> None:
    from gereedschapskist.classes.model import unique_slugs
    from gereedschapskist.slug import MAX_SLUG, slugify

    long_a = "Groep " + "a" * 300
    long_b = "Groep " + "a" * 299 + "b"
    slugs = unique_slugs([long_a, long_b])
    assert all(len(slug) <= MAX_SLUG + len("groep-") for slug in slugs)
    assert len(set(slugs)) == 2  # the hash keeps names that differ late apart
    assert len(slugify("x" * 1000)) <= MAX_SLUG
    assert slugify("Kleuters Égels 1/2") == "kleuters-egels-1-2"
