"""A cache file that is valid JSON but not what kmg wrote (edited, or from another version): rebuild, never crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gereedschapskist.cache import MANIFEST, Manifest

GOOD = {"key": "k", "pages": 3, "pupils": 2, "files": {"leidraad.pdf": "x", "gespreksformulieren.pdf": "y"}}


@pytest.mark.parametrize(
    "entry",
    [
        "x",
        None,
        [],
        {**GOOD, "files": []},
        {**GOOD, "files": None},
        {**GOOD, "files": {"leidraad.pdf": 5}},
        {**GOOD, "pages": "veel"},
        {**GOOD, "pages": None},
        {**GOOD, "pages": [1]},
        {**GOOD, "pupils": "twee"},
        {**GOOD, "key": 7},
    ],
)
def test_a_malformed_entry_is_ignored(tmp_path: Path, entry: object) -> None:
    (tmp_path / "groep-3a").mkdir()
    for name in ("leidraad.pdf", "gespreksformulieren.pdf"):
        (tmp_path / "groep-3a" / name).write_bytes(b"%PDF")
    (tmp_path / MANIFEST).write_text(json.dumps({"groep-3a": entry, "groep-4a": GOOD}), encoding="utf-8")
    manifest = Manifest(tmp_path)
    folder = Path("groep-3a")
    files = [folder / "leidraad.pdf", folder / "gespreksformulieren.pdf"]
    assert manifest.is_fresh(folder, "k", files) is False
    assert manifest.pages(folder) == 0
    assert manifest.pupils(folder) is None
    # a good entry next to it stays
    assert manifest.pages(Path("groep-4a")) == 3 and manifest.pupils(Path("groep-4a")) == 2
