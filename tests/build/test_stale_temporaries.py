"""Temporary files a killed build left behind are cleaned up by the next build (it holds the lock)."""

from __future__ import annotations

from pathlib import Path

from .test_pool import SCHOOL, class_list


def test_a_build_removes_kmgs_stale_temporary_files(kmg, tmp_path: Path) -> None:
    classes = class_list(tmp_path / "klassen.csv", 1, pupils=1)
    out = tmp_path / "out"
    stale = [out / "..kmg-cache.json.cafe0000.tmp", out / "groep-3a" / ".leidraad.pdf.deadbeef.tmp"]
    kept = [out / "groep-3a" / "notities.tmp", out / "groep-3a" / ".mijn.bestand.tmp"]
    kept.append(out / "ander" / ".x.pdf.deadbeef.tmp")
    for path in stale + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in kept), "only kmg's own temporary files, only in the folders it writes"
    # also when nothing needs making
    stale[1].write_bytes(b"half")
    again = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert "niet veranderd" in again.output and not stale[1].exists()
