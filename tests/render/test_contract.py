"""The names the renderer looks for (render/contract.py) are the ones the built-in templates use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gereedschapskist.render import builtin_template_dir, contract

SOURCES = Path(__file__).resolve().parents[2] / "src" / "gereedschapskist" / "render"


def template(name: str) -> str:
    return (builtin_template_dir() / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("FOOTER_CLASS", contract.FORMS_TEMPLATE),
        ("CONTINUATION_CLASS", contract.FORMS_TEMPLATE),
        ("HEADER_SPACE_CLASS", contract.FORM_CONTENT_TEMPLATE),
        ("GUIDE_ROOT_CLASS", contract.GUIDE_TEMPLATE),
        ("GUIDE_HEADER_CLASS", contract.GUIDE_TEMPLATE),
        ("LAYER_SPACE_CLASS", contract.GUIDE_TEMPLATE),
    ],
)
def test_every_class_the_renderer_looks_for_is_in_the_templates(name: str, where: str) -> None:
    css_class = getattr(contract, name)
    assert re.search(rf'class="[^"]*\b{re.escape(css_class)}\b', template(where)), (name, where)


def test_the_form_anchors_and_layer_variables_are_in_the_templates() -> None:
    assert 'id="{{ form.anchor }}"' in template(contract.FORMS_TEMPLATE)
    guide = template(contract.GUIDE_TEMPLATE)
    for variable in (contract.LAYER_VARIABLE, contract.LAYER_PAGES_VARIABLE, contract.HEADER_HEIGHT_VARIABLE):
        assert variable in guide
    assert f'"{contract.CLASS_LAYER}"' in guide and f'"{contract.CONTENT_LAYER}"' in guide


def test_the_renderer_spells_no_template_name_itself() -> None:
    # One place for the contract: the modules that use it import it.
    for module in ("renderer.py", "layers.py", "stacking.py", "views.py"):
        text = (SOURCES / module).read_text(encoding="utf-8")
        for value in ('"voet"', '"kop-ruimte"', '"laag-ruimte"', '"vervolgpagina"', '"formulier-"'):
            assert value not in text, (module, value)


def test_the_readme_of_the_templates_points_to_the_contract() -> None:
    assert "render/contract.py" in (builtin_template_dir() / "LEESMIJ.md").read_text(encoding="utf-8")
