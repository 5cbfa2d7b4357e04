"""The build plan: which class gets which agenda, and the cache that skips unchanged classes."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.batch import make_plan, slugify
from gereedschapskist.cache import Manifest, job_key, templates_digest
from gereedschapskist.classes import Pupil, SchoolClass

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KLEUTERS = REPO / "agendas" / "kleuters-groep-1-2.yaml"
HUISBEZOEK = REPO / "agendas" / "huisbezoek-groep-1.yaml"


def agenda(path: Path):
    loaded = load_agenda(path).agenda
    assert loaded is not None
    return (path, loaded)


def klass(naam: str, groups: set[int], slug: str | None = None) -> SchoolClass:
    pupils = (Pupil("Zoë", "van der", "Berg"), Pupil("أحمد", "", "Haddad"))
    return SchoolClass(naam, slug or slugify(f"groep {naam}"), frozenset(groups), "Juf Anouk", pupils)


def test_each_class_goes_to_the_agenda_of_its_year_groups() -> None:
    classes = [klass("1/2", {1, 2}), klass("4/5", {4, 5}), klass("8", {8})]
    plan = make_plan([agenda(SCHOOL), agenda(KLEUTERS)], classes)
    assert [(j.klass.naam, j.agenda_path.name, j.folder.as_posix()) for j in plan.jobs] == [
        ("1/2", "kleuters-groep-1-2.yaml", "groep-1-2"),
        ("4/5", "school-groep-3-8.yaml", "groep-4-5"),
        ("8", "school-groep-3-8.yaml", "groep-8"),
    ]
    assert plan.unserved == []


def test_a_class_under_two_agendas_gets_a_subfolder_for_each() -> None:
    plan = make_plan([agenda(KLEUTERS), agenda(HUISBEZOEK)], [klass("1/2", {1, 2})])
    assert sorted(j.folder.as_posix() for j in plan.jobs) == [
        "groep-1-2/huisbezoek-groep-1",
        "groep-1-2/kleuters-groep-1-2",
    ]


def test_a_class_no_agenda_serves_is_reported_not_skipped_silently() -> None:
    plan = make_plan([agenda(KLEUTERS)], [klass("1/2", {1, 2}), klass("6", {6})])
    assert [k.naam for k in plan.unserved] == ["6"]
    assert [j.klass.naam for j in plan.jobs] == ["1/2"]


def test_without_a_class_list_there_is_one_job_per_agenda() -> None:
    plan = make_plan([agenda(SCHOOL), agenda(KLEUTERS)], None)
    assert [(j.klass, j.folder.as_posix()) for j in plan.jobs] == [
        (None, "school-groep-3-8"),
        (None, "kleuters-groep-1-2"),
    ]


def test_job_key_changes_with_each_input_and_only_then() -> None:
    _, a = agenda(SCHOOL)
    k = klass("4/5", {4, 5})
    base = job_key(a.model_dump_json(), k, "t1")
    assert base == job_key(a.model_dump_json(), k, "t1")
    assert base != job_key(a.model_dump_json(), k, "t2")
    assert base != job_key(a.model_copy(update={"duur": 30}).model_dump_json(), k, "t1")
    other = SchoolClass(k.naam, k.slug, k.jaargroepen, "Meester Yusuf", k.leerlingen)
    assert base != job_key(a.model_dump_json(), other, "t1")


def test_templates_digest_follows_file_content(tmp_path: Path) -> None:
    (tmp_path / "print.css").write_text("a {}", encoding="utf-8")
    first = templates_digest([tmp_path])
    (tmp_path / "print.css").write_text("b {}", encoding="utf-8")
    assert templates_digest([tmp_path]) != first


def test_manifest_trusts_only_files_that_are_still_what_was_written(tmp_path: Path) -> None:
    folder = Path("groep-5")
    files = [folder / "leidraad.pdf", folder / "gespreksformulieren.pdf"]
    (tmp_path / folder).mkdir()
    for f in files:
        (tmp_path / f).write_bytes(b"%PDF-" + f.name.encode())
    manifest = Manifest(tmp_path)
    assert not manifest.is_fresh(folder, "k", files)
    manifest.record(folder, "k", files, pages=7)
    manifest.save()
    again = Manifest(tmp_path)
    assert again.is_fresh(folder, "k", files)
    assert again.pages(folder) == 7
    assert not again.is_fresh(folder, "other-key", files)
    (tmp_path / files[1]).write_bytes(b"changed by hand")
    assert not again.is_fresh(folder, "k", files)
    (tmp_path / files[1]).unlink()
    assert not again.is_fresh(folder, "k", files)


def test_a_corrupt_manifest_means_rebuild_everything(tmp_path: Path) -> None:
    (tmp_path / ".kmg-cache.json").write_text("{niet: json", encoding="utf-8")
    assert Manifest(tmp_path).entries == {}
