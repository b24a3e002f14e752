"""Times as reports give them: aware datetimes, how precisely each is known, durations.

A time is an aware `datetime.datetime` with a `TimePrecision` stored beside it (as
Wikidata stores a precision beside a time value). Rules compare times through the
interval each one stands for: an exact time is an instant, an approximate one is
``APPROXIMATE_MARGIN`` either side of it, and a time known only to the day is that
whole day in the time's own zone.
"""

from __future__ import annotations

import enum
import re
import sys
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Final, TypeGuard

from ._errors import Location, Problem
from ._lazy import LazyPattern
from ._rules import DATE, DATETIME, DAY_NOT_MIDNIGHT, DURATION, NAIVE_DATETIME, TIME_ZONE

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = [
    "APPROXIMATE_MARGIN",
    "TimePrecision",
    "format_date",
    "format_datetime",
    "format_duration",
    "parse_date",
    "parse_datetime",
    "parse_duration",
]

#: How far either side of an approximate time ("at about 10:45") the true time may lie.
APPROXIMATE_MARGIN: Final = timedelta(minutes=30)

_ONE_DAY: Final = timedelta(days=1)
_TICK: Final = timedelta(microseconds=1)
_UTC_MIN: Final = datetime.min.replace(tzinfo=timezone.utc)
_UTC_MAX: Final = datetime.max.replace(tzinfo=timezone.utc)


class TimePrecision(enum.Enum):
    """How precisely a reported time is known."""

    #: Known to the minute or better ("began at 13:36").
    EXACT = "exact"
    #: Reported with "about", "around", "approximately" (within `APPROXIMATE_MARGIN`).
    APPROXIMATE = "approximate"
    #: Known only to the day ("next Saturday"); the time is written as that day's midnight.
    DAY = "day"


# --- checks ---------------------------------------------------------------------------


def _is_zone_info(tz: object) -> TypeGuard[ZoneInfo]:
    """Whether ``tz`` is a `zoneinfo.ZoneInfo`, asked without loading zoneinfo.

    No ZoneInfo exists before zoneinfo is loaded, so ``import negotiations`` need not load
    it (and the ``sysconfig`` it loads): it is loaded when a zone name is first looked up.
    """
    if type(tz) is timezone:
        return False
    zoneinfo = sys.modules.get("zoneinfo")
    return zoneinfo is not None and isinstance(tz, zoneinfo.ZoneInfo)


def datetime_problems(value: datetime, location: Location) -> list[Problem]:  # noqa: PLR0911
    # One return per way a datetime can be unusable; each is final.
    """Problems with an aware datetime's zone: naive, unsupported, out of range, nonexistent."""
    tz = value.tzinfo
    offset = value.utcoffset()
    if tz is None or offset is None:
        return [
            NAIVE_DATETIME.problem(
                location, f"{value.isoformat()} has no time zone; give a UTC offset or an IANA zone"
            )
        ]
    if _is_zone_info(tz):
        if tz.key is None:
            return [DATETIME.problem(location, "a ZoneInfo loaded from a file has no IANA key")]
    elif type(tz) is not timezone:
        return [
            DATETIME.problem(
                location,
                f"tzinfo {type(tz).__name__} cannot be written to JSON without loss; "
                "use datetime.timezone or zoneinfo.ZoneInfo",
            )
        ]
    if offset.microseconds:
        return [DATETIME.problem(location, f"UTC offset {offset} has fractions of a second")]
    try:
        instant = value.astimezone(timezone.utc)
    except OverflowError:
        return [DATETIME.problem(location, f"{value.isoformat()} is outside the supported range")]
    if _is_zone_info(tz) and instant.astimezone(tz).replace(tzinfo=None) != value.replace(
        tzinfo=None
    ):
        return [
            DATETIME.problem(
                location,
                f"{value.replace(tzinfo=None).isoformat()} does not exist in {tz.key} "
                "(the clocks skipped it)",
            )
        ]
    return []


def day_precision_problems(value: datetime, location: Location) -> list[Problem]:
    """A time known only to the day must be written as midnight starting that day."""
    if value.hour or value.minute or value.second or value.microsecond:
        return [
            DAY_NOT_MIDNIGHT.problem(
                location,
                f"{format_datetime(value)} is known only to the day, so write it as "
                f"{format_datetime(value.replace(hour=0, minute=0, second=0, microsecond=0))}",
            )
        ]
    return []


# --- intervals ------------------------------------------------------------------------


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


def _shift(value: datetime, delta: timedelta) -> datetime:
    """``value + delta`` in UTC, saturating at the ends of the representable range."""
    try:
        return value + delta
    except OverflowError:
        return _UTC_MIN if delta < timedelta(0) else _UTC_MAX


def earliest(value: datetime, precision: TimePrecision) -> datetime:
    """The earliest instant (in UTC) that a reported time can stand for."""
    if precision is TimePrecision.APPROXIMATE:
        return _shift(_to_utc(value), -APPROXIMATE_MARGIN)
    return _to_utc(value)


def latest(value: datetime, precision: TimePrecision) -> datetime:
    """The latest instant (in UTC) that a reported time can stand for."""
    if precision is TimePrecision.APPROXIMATE:
        return _shift(_to_utc(value), APPROXIMATE_MARGIN)
    if precision is TimePrecision.DAY:
        # Wall-clock arithmetic: the next midnight in the time's own zone, minus a tick.
        try:
            next_midnight = value + _ONE_DAY
        except OverflowError:
            return _UTC_MAX
        return _to_utc(next_midnight) - _TICK
    return _to_utc(value)


def minus(value: datetime, delta: timedelta) -> datetime:
    """``value - delta`` for UTC values (``delta`` >= 0), saturating instead of overflowing."""
    try:
        return value - delta
    except OverflowError:
        return _UTC_MIN


def difference(later: datetime, earlier: datetime) -> timedelta:
    """Elapsed time between two aware datetimes, by their instants (not wall clocks)."""
    return _to_utc(later) - _to_utc(earlier)


# --- text forms -----------------------------------------------------------------------

_DATETIME_TEXT: Final = LazyPattern(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?"
    r"(?:(Z)|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)"
    r"(?:\[([^\[\]]{1,100})\])?\Z",
    re.ASCII,
)
# What `format_datetime` writes for a fixed offset, or a zone with its offset, is
# `datetime.isoformat()` output, which `datetime.fromisoformat` reads back on every
# supported Python (about 20 times faster than the general parser). Hours, minutes and
# seconds are held to their ranges here so that no version's extensions (such as 24:00)
# come into play; anything else, valid or not, goes to the general parser.
_ISOFORMAT_TEXT: Final = LazyPattern(
    r"(\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{6})?"
    r"[+-](?:[01]\d|2[0-3]):[0-5]\d)(?:\[([^\[\]]{1,100})\])?\Z",
    re.ASCII,
)
_DATE_TEXT: Final = LazyPattern(r"(\d{4})-(\d{2})-(\d{2})\Z", re.ASCII)
_DURATION_TEXT: Final = LazyPattern(
    r"(-)?P(?:(\d{1,9})D)?(?:T(?:(\d{1,12})H)?(?:(\d{1,12})M)?(?:(\d{1,12})(?:\.(\d{1,6}))?S)?)?\Z",
    re.ASCII,
)


class TextFormError(ValueError):
    """A text form did not parse; ``problem`` says which rule and why (internal)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def format_datetime(value: datetime) -> str:
    """ISO 8601 with the UTC offset, plus ``[Zone/Name]`` when the zone is an IANA zone."""
    text = value.isoformat()
    tz = value.tzinfo
    if _is_zone_info(tz):
        return f"{text}[{tz.key}]"
    return text


def parse_datetime(text: str) -> datetime:
    """Parse `format_datetime` output (also ``Z`` and minutes without seconds).

    Raises `TextFormError` for anything else: no offset, an impossible date or time,
    an unknown zone, or an offset that the named zone did not have at that time.
    """
    quick = _ISOFORMAT_TEXT.match(text)
    if quick is not None:
        try:
            value = datetime.fromisoformat(quick[1])
        except ValueError:  # a day the month does not have, say: the parser below says so
            pass
        else:
            zone = quick[2]
            return value if zone is None else _in_zone(value, zone, text)
    return _parse_any_datetime(text)


def _parse_any_datetime(text: str) -> datetime:
    """`parse_datetime` for every form it reads, and the reason for every text it refuses."""
    match = _DATETIME_TEXT.match(text)
    if match is None:
        raise TextFormError(
            DATETIME.problem(
                (),
                f"{text!r} is not an ISO 8601 datetime with a UTC offset, "
                "such as '2025-05-15T13:36:00+03:00' or '2025-05-15T13:36:00+03:00[Europe/Istanbul]'",
            )
        )
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m, off_s, zone = (
        match.groups()
    )
    if zulu:
        offset = timedelta(0)
    else:
        offset = timedelta(hours=int(off_h), minutes=int(off_m), seconds=int(off_s or 0))
        if sign == "-":
            offset = -offset
    try:
        tz = timezone(offset)
        value = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError as error:
        raise TextFormError(
            DATETIME.problem((), f"{text!r} is not a valid datetime: {error}")
        ) from None
    return value if zone is None else _in_zone(value, zone, text)


def _in_zone(value: datetime, zone: str, text: str) -> datetime:
    """``value`` (with its written offset) in the IANA ``zone``, which must have had that offset."""
    import zoneinfo  # noqa: PLC0415 - loaded when first needed: see _is_zone_info

    try:
        zone_info = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise TextFormError(
            TIME_ZONE.problem((), f"{zone!r} in {text!r} is not a known IANA time zone")
        ) from None
    try:
        zoned = value.astimezone(zone_info)
    except OverflowError:
        raise TextFormError(
            DATETIME.problem((), f"{text!r} is outside the supported range")
        ) from None
    if zoned.replace(tzinfo=None) != value.replace(tzinfo=None):
        raise TextFormError(
            DATETIME.problem(
                (),
                f"{text!r}: {zone} had UTC offset {format_offset(zoned.utcoffset())} at that time, "
                f"not {format_offset(value.utcoffset())}",
            )
        )
    return zoned


def format_offset(offset: timedelta | None) -> str:
    """``+03:00`` style text for a UTC offset."""
    if offset is None:  # pragma: no cover - only aware datetimes reach here
        return "none"
    sign = "-" if offset < timedelta(0) else "+"
    seconds = int(abs(offset).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}:{minutes:02}" + (f":{seconds:02}" if seconds else "")


def format_date(value: date) -> str:
    """ISO 8601 calendar date, ``YYYY-MM-DD``."""
    return value.isoformat()


def parse_date(text: str) -> date:
    """Parse ``YYYY-MM-DD``; raise `TextFormError` for any other text or a day that does not exist."""
    match = _DATE_TEXT.match(text)
    if match is None:
        raise TextFormError(DATE.problem((), f"{text!r} is not an ISO 8601 date (YYYY-MM-DD)"))
    try:
        return date.fromisoformat(text)  # exactly YYYY-MM-DD, which every version reads
    except ValueError:
        pass
    try:
        return date(*map(int, match.groups()))  # says which part is out of range
    except ValueError as error:
        raise TextFormError(DATE.problem((), f"{text!r} is not a valid date: {error}")) from None


def format_duration(value: timedelta) -> str:
    """ISO 8601 duration in days, hours, minutes and seconds: ``PT15M``, ``P1DT2H``, ``-PT5M``."""
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}P"
    if value.days:
        text += f"{value.days}D"
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or value.microseconds:
        clock += f"{seconds}.{value.microseconds:06}S" if value.microseconds else f"{seconds}S"
    if clock:
        text += f"T{clock}"
    elif not value.days:
        text += "T0S"
    return text


@lru_cache(maxsize=256)  # a few slacks recur across a whole feed; bounded for streams
def parse_duration(text: str) -> timedelta:
    """Parse an ISO 8601 duration of days, hours, minutes and seconds.

    Years and months are refused: their length depends on the calendar.
    """
    match = _DURATION_TEXT.match(text)
    if match is None or text.endswith(("P", "T")):
        raise TextFormError(
            DURATION.problem(
                (),
                f"{text!r} is not an ISO 8601 duration of days, hours, minutes and seconds "
                "such as 'PT15M' or 'P1DT2H' (years and months are not fixed lengths)",
            )
        )
    sign, days, hours, minutes, seconds, fraction = match.groups()
    try:
        value = timedelta(
            days=int(days or 0),
            hours=int(hours or 0),
            minutes=int(minutes or 0),
            seconds=int(seconds or 0),
            microseconds=int((fraction or "0").ljust(6, "0")),
        )
    except OverflowError:
        raise TextFormError(DURATION.problem((), f"{text!r} is too long a duration")) from None
    return -value if sign else value
