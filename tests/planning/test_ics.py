"""The class calendar (.ics): parses back with icalendar, Europe/Amsterdam with a VTIMEZONE, stable
UIDs, and nothing personal beyond a first name and an initial (the address only for a home visit)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from gereedschapskist.classes.model import Pupil
from gereedschapskist.planning.ics import class_calendar, event_uid, short_name
from gereedschapskist.planning.model import Conversation

NOOR = Pupil("Noor", "van den", "Berg", "L001", geboortedatum=date(2017, 3, 1), gezin="G001")
SEM = Pupil("Sem", "", "Yılmaz", "L002", gezin="G002")
PUPILS = {p.sleutel: p for p in (NOOR, SEM)}
STAMP = datetime(2026, 8, 20, 12, 0, tzinfo=UTC)


def talk(begin: time, pupil: Pupil = NOOR, **changes) -> Conversation:
    fields = dict(
        datum=date(2026, 9, 8),
        begin=begin,
        eind=(datetime.combine(date(2026, 9, 8), begin) + timedelta(minutes=25)).time(),
        moment="dinsdag",
        klas="5a",
        leerkracht="Juf Anouk de Wit",
        leerlingen=(pupil.sleutel,),
        gezin=pupil.gezin,
        huishouden=1,
        code="K7-4QF",
        plaats="Lokaal 5a",
        huisbezoek=False,
        taalhulp=True,
        apart=False,
        onderwerpen="Noor vindt rekenen moeilijk; bel ons op 06-12345678",
    )
    fields.update(changes)
    return Conversation(**fields)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_one_event_per_conversation_in_amsterdam_time_with_a_vtimezone():
    data = class_calendar([talk(time(15, 0)), talk(time(15, 30), SEM)], PUPILS, klas_label="Groep 5a", stamp=STAMP)
    calendar = parse(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    first = events[0]
    start = first.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=2)  # summer time in September
    assert (start.hour, start.minute) == (15, 0)
    assert first.decoded("DTEND") - start == timedelta(minutes=25)
    assert b"DTSTART;TZID=Europe/Amsterdam:20260908T150000" in data
    assert str(first["SUMMARY"]) == "Gesprek Noor B."
    assert str(events[1]["SUMMARY"]) == "Gesprek Sem Y."
    assert calendar.get_missing_tzids() == set()


def test_winter_time_gets_the_winter_offset():
    late = talk(time(19, 0), datum=date(2026, 11, 3))
    event = parse(class_calendar([late], PUPILS, klas_label="Groep 5a", stamp=STAMP)).walk("VEVENT")[0]
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=1)


def test_nothing_personal_beyond_first_name_and_initial():
    data = class_calendar([talk(time(15, 0))], PUPILS, klas_label="Groep 5a", stamp=STAMP)
    text = data.decode("utf-8")
    for personal in ("Berg", "van den", "06-12345678", "rekenen", "Lokaal 5a", "K7-4QF", "L001", "G001", "taal"):
        assert personal not in text, personal
    event = parse(data).walk("VEVENT")[0]
    assert "LOCATION" not in event


def test_home_visit_has_the_address_as_location_and_nowhere_else():
    address = "Dorpsstraat 12, 1234 AB Ergens"
    visit = talk(time(15, 0), huisbezoek=True, plaats=address)
    data = class_calendar([visit], PUPILS, klas_label="Groep 1", stamp=STAMP)
    event = parse(data).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == address
    assert address not in str(event["DESCRIPTION"]) and address not in str(event["SUMMARY"])
    assert "huisbezoek" in str(event["DESCRIPTION"])


def test_uid_is_stable_across_runs_and_names_nobody():
    one = class_calendar([talk(time(15, 0))], PUPILS, klas_label="Groep 5a", stamp=STAMP)
    two = class_calendar([talk(time(15, 0))], PUPILS, klas_label="Groep 5a", stamp=STAMP)
    assert one == two  # same input, same bytes
    moved = class_calendar([talk(time(16, 0))], PUPILS, klas_label="Groep 5a", stamp=STAMP)
    uid = str(parse(one).walk("VEVENT")[0]["UID"])
    assert str(parse(moved).walk("VEVENT")[0]["UID"]) == uid  # a new time updates the same event
    assert "Noor" not in uid and "L001" not in uid
    # two households of separated parents (apart) are two events
    assert event_uid(talk(time(15, 0), huishouden=2)) != event_uid(talk(time(15, 0)))


def test_two_pupils_in_one_conversation_and_names_without_surname():
    both = talk(time(15, 0), leerlingen=("L001", "L002"))
    assert str(parse(class_calendar([both], PUPILS, klas_label="Groep 5a")).walk("VEVENT")[0]["SUMMARY"]) == (
        "Gesprek Noor B. en Sem Y."
    )
    assert short_name(Pupil("Mo", "", "")) == "Mo"


@pytest.mark.parametrize("name", ["Zoë", "أحمد", "Nguyễn"])
def test_non_latin_first_names_round_trip(name):
    pupil = Pupil(name, "", "Çelik", "L009")
    data = class_calendar([talk(time(15, 0), pupil)], {"L009": pupil}, klas_label="Groep 5a")
    assert str(parse(data).walk("VEVENT")[0]["SUMMARY"]) == f"Gesprek {name} Ç."


def test_source_date_epoch_makes_two_runs_byte_identical(monkeypatch):
    """Without a fixed stamp, DTSTAMP is 'now': two runs differed. SOURCE_DATE_EPOCH fixes it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")
    talks = [talk(time(15, 0)), talk(time(15, 30), SEM)]
    first = class_calendar(talks, PUPILS, klas_label="Groep 5a")
    import gereedschapskist.planning.ics as ics_module

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2027, 1, 1, 9, 30, 7, tzinfo=UTC)

    monkeypatch.setattr(ics_module, "datetime", Later)
    second = class_calendar(talks, PUPILS, klas_label="Groep 5a")
    assert first == second
    stamps = {event.decoded("DTSTAMP") for event in parse(first).walk("VEVENT")}
    assert stamps == {datetime.fromtimestamp(1788000000, UTC)}
    assert b"DTSTAMP:20260829T104000Z" in first


def test_without_source_date_epoch_the_stamp_is_now(monkeypatch):
    """No SOURCE_DATE_EPOCH: a real time, so a calendar sees a re-planned event as newer."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).replace(microsecond=0)
    data = class_calendar([talk(time(15, 0))], PUPILS, klas_label="Groep 5a")
    stamp = parse(data).walk("VEVENT")[0].decoded("DTSTAMP")
    assert before <= stamp <= datetime.now(UTC)


@pytest.mark.parametrize("value", ["gisteren", "1.5e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_one_dutch_sentence(monkeypatch, value):
    from gereedschapskist.errors import UserError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UserError, match="SOURCE_DATE_EPOCH moet een geheel aantal seconden"):
        class_calendar([talk(time(15, 0))], PUPILS, klas_label="Groep 5a")
