"""One calendar file (.ics, RFC 5545) per class: the teacher's conversations, for any calendar app.

Calendar files end up in cloud calendars, so an event carries as little as the teacher
needs to recognise it: the child's first name and the initial of the surname ("Gesprek
Noor B."), the time, and the address only for a home visit (the teacher has to get
there). No parent names, no e-mail, no phone, no topics, no language support: those stay
in rooster.pdf on paper.

An event's UID is a hash of the class, the pupils' internal keys, the household and the
moment: it names nobody, and it stays the same when kmg plans again, so a calendar that
imports the new file moves the event instead of adding a second one. With the school's code
secret (.kmg-sleutel) it is a keyed hash (HMAC), so nobody can find a pupil number or a
surname by trying them against the UID.

DTSTAMP is the time the file was made (calendar apps use it, with SEQUENCE, to tell which
copy of an event is newer, so a re-planned event moves in the calendar). When the
environment sets SOURCE_DATE_EPOCH (the reproducible-builds convention: seconds since
1970, UTC), that time is used instead, so two runs give the same file byte for byte;
whoever sets it gives a later value when they plan again.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..classes.model import Pupil
from .model import Conversation

TIMEZONE = "Europe/Amsterdam"
PRODID = "-//kmg//Kennismakingsgesprekken//NL"
UID_DOMAIN = "kmg.kennismakingsgesprek"


def short_name(pupil: Pupil) -> str:
    """ "Noor B." for Noor van den Berg: the first name and the initial of the surname, nothing more."""
    initial = pupil.achternaam.strip()[:1].upper()
    first = pupil.roepnaam.strip()
    if not initial:
        return first
    return f"{first} {initial}." if first else f"{initial}."


def summary(conversation: Conversation, pupils: Mapping[str, Pupil]) -> str:
    names = [short_name(pupils[key]) for key in conversation.leerlingen if key in pupils]
    names = [name for name in names if name]
    if not names:
        return "Kennismakingsgesprek"
    joined = ", ".join(names[:-1]) + " en " + names[-1] if len(names) > 1 else names[0]
    return f"Gesprek {joined}"


def event_uid(conversation: Conversation, key: bytes | None = None) -> str:
    """Stable across runs and free of names: a hash of class, pupil keys, household and moment.

    A pupil's key is the pupil number or a hash of name and birth date, so a plain hash could be
    matched by trying numbers or names; with `key` (the school's code secret) it is an HMAC
    that only the school can compute.
    """
    c = conversation
    material = "\x1f".join((c.klas, *sorted(c.leerlingen), str(c.huishouden), c.moment, c.datum.isoformat()))
    if key:
        digest = hmac.new(key, b"kmg-agenda-uid\x1f" + material.encode("utf-8"), hashlib.sha256).hexdigest()
    else:
        digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def file_stamp() -> datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (a whole number of seconds since 1970), otherwise now (UTC)."""
    from ..stamp import source_date_epoch

    return source_date_epoch() or datetime.now(UTC)


def _local(day: date, moment: object) -> datetime:
    return datetime.combine(day, moment, tzinfo=ZoneInfo(TIMEZONE))  # type: ignore[arg-type]


def class_calendar(
    conversations: Iterable[Conversation],
    pupils: Mapping[str, Pupil],
    *,
    klas_label: str,
    stamp: datetime | None = None,
    uid_key: bytes | None = None,
) -> bytes:
    """The .ics file of one class: one VEVENT per conversation, times in Europe/Amsterdam with a VTIMEZONE.

    `pupils` maps `Pupil.sleutel` to the pupil (for the short name); `klas_label` is how the
    class is named in the calendar ("Groep 5a"); `stamp` is the DTSTAMP (by default `file_stamp()`:
    SOURCE_DATE_EPOCH when set, else now); `uid_key` keys the UIDs (`event_uid`).
    """
    stamp = (stamp or file_stamp()).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Kennismakingsgesprekken {klas_label}")
    calendar.add("x-wr-timezone", TIMEZONE)
    days: list[date] = []
    for conversation in sorted(conversations, key=lambda c: (c.datum, c.begin, c.leerlingen, c.huishouden)):
        event = Event()
        event.add("uid", event_uid(conversation, uid_key))
        event.add("dtstamp", stamp)
        event.add("dtstart", _local(conversation.datum, conversation.begin))
        event.add("dtend", _local(conversation.datum, conversation.eind))
        event.add("summary", summary(conversation, pupils))
        if conversation.huisbezoek and conversation.plaats:
            event.add("location", conversation.plaats)
        description = f"Kennismakingsgesprek {klas_label}"
        if conversation.huisbezoek:
            description += " (huisbezoek)"
        event.add("description", description + ". Alles over het gesprek staat in het rooster (rooster.pdf).")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
        days.append(conversation.datum)
    if days:
        # Only the transitions around the conversations: a short VTIMEZONE, still valid for those days.
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    return calendar.to_ical()
