"""Text forms of datetimes, dates and durations, and the intervals behind precisions."""

from __future__ import annotations

import importlib.resources
import io
import zoneinfo
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations._time import (
    _ISOFORMAT_TEXT,
    APPROXIMATE_MARGIN,
    TextFormError,
    TimePrecision,
    datetime_problems,
    earliest,
    format_date,
    format_datetime,
    format_duration,
    latest,
    parse_date,
    parse_datetime,
    parse_duration,
)
from negotiations._time import _parse_any_datetime as parse_any_datetime


def utc_tzif() -> bytes:
    """The compiled UTC zone file, from the system database or the tzdata package."""
    for base in zoneinfo.TZPATH:
        path = Path(base) / "UTC"
        if path.exists():
            return path.read_bytes()
    return (
        importlib.resources.files("tzdata.zoneinfo").joinpath("UTC").read_bytes()
    )  # pragma: no cover


ZONES = ["Europe/Istanbul", "Europe/Kyiv", "America/New_York", "Asia/Kathmandu", "UTC"]

fixed_offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
aware = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(9998, 12, 30), timezones=fixed_offsets
)


class TestDatetimeText:
    @given(aware)
    def test_fixed_offsets_round_trip(self, value: datetime) -> None:
        parsed = parse_datetime(format_datetime(value))
        assert (parsed, parsed.utcoffset()) == (value, value.utcoffset())

    @given(
        st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)),
        st.sampled_from(ZONES),
    )
    def test_iana_zones_round_trip_with_their_name(self, naive_utc: datetime, zone: str) -> None:
        value = naive_utc.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))
        text = format_datetime(value)
        assert text.endswith(f"[{zone}]")
        parsed = parse_datetime(text)
        assert parsed.tzinfo == ZoneInfo(zone)
        assert (parsed, parsed.utcoffset(), parsed.replace(tzinfo=None)) == (
            value,
            value.utcoffset(),
            value.replace(tzinfo=None),
        )

    def test_z_and_minutes_without_seconds_are_read(self) -> None:
        assert parse_datetime("2025-05-15T10:45Z") == datetime(
            2025, 5, 15, 10, 45, tzinfo=timezone.utc
        )

    @pytest.mark.parametrize(
        ("text", "rule"),
        [
            ("2025-05-15T13:36:00", "value.datetime"),  # no offset
            ("2025-05-15 13:36:00+03:00", "value.datetime"),
            ("2025-02-30T10:00:00+03:00", "value.datetime"),
            ("2025-05-15T24:00:00+03:00", "value.datetime"),
            ("2025-05-15T13:36:00+24:00", "value.datetime"),
            ("20250515T133600+0300", "value.datetime"),
            ("2025-05-15T13:36:00+03:00[Europe/Atlantis]", "value.time_zone"),
            ("2025-05-15T13:36:00+02:00[Europe/Istanbul]", "value.datetime"),  # wrong offset
            ("2025-03-30T02:30:00+01:00[Europe/Berlin]", "value.datetime"),  # skipped time
            ("0001-01-01T00:00:00+01:00[Europe/Berlin]", "value.datetime"),
            (
                "\uff12\uff10\uff12\uff15-05-15T13:36:00+03:00",
                "value.datetime",
            ),  # full-width digits
        ],
    )
    def test_refused(self, text: str, rule: str) -> None:
        with pytest.raises(TextFormError) as caught:
            parse_datetime(text)
        assert caught.value.problem.rule == rule


def _outcome(parse: object, text: str) -> tuple[object, ...]:
    """What a parser makes of ``text``: the value with its offset and zone, or the rule broken."""
    try:
        value = parse(text)  # type: ignore[operator]
    except TextFormError as error:
        return ("refused", error.problem.rule)
    return (value, value.utcoffset(), type(value.tzinfo), value.tzinfo)


class TestQuickDatetimeParsing:
    """`datetime.fromisoformat` reads isoformat output; the general parser must agree."""

    @given(
        st.one_of(
            aware.map(format_datetime), st.from_regex(_ISOFORMAT_TEXT.compile(), fullmatch=True)
        )
    )
    def test_the_quick_path_agrees_with_the_general_parser(self, text: str) -> None:
        assert _outcome(parse_datetime, text) == _outcome(parse_any_datetime, text)

    @given(
        st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)),
        st.sampled_from(ZONES),
    )
    def test_it_agrees_on_zoned_texts(self, naive_utc: datetime, zone: str) -> None:
        text = format_datetime(naive_utc.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone)))
        assert _ISOFORMAT_TEXT.match(text)
        assert _outcome(parse_datetime, text) == _outcome(parse_any_datetime, text)

    @pytest.mark.parametrize(
        "text",
        [
            "2025-05-15T13:36:00+03:00",
            "2025-05-15T13:36:00.000001-00:00",
            "2025-02-29T13:36:00+03:00",  # no such day: the general parser says why
            "2025-05-15T13:36:00+03:00[Europe/Istanbul]",
            "2025-05-15T13:36:00+02:00[Europe/Istanbul]",
        ],
    )
    def test_the_written_form_takes_the_quick_path(self, text: str) -> None:
        assert _ISOFORMAT_TEXT.match(text)
        assert _outcome(parse_datetime, text) == _outcome(parse_any_datetime, text)

    @pytest.mark.parametrize(
        "text",
        [
            "2025-05-15T24:00:00+03:00",
            "2025-05-15T13:36+03:00",
            "2025-05-15T13:36:00Z",
            "2025-05-15T13:36:00.5+03:00",
            "2025-05-15T13:36:00+03:00:30",
        ],
    )
    def test_other_forms_are_left_to_the_general_parser(self, text: str) -> None:
        assert not _ISOFORMAT_TEXT.match(text)


class TestDateText:
    @given(st.dates())
    def test_round_trip(self, value: date) -> None:
        assert parse_date(format_date(value)) == value

    @pytest.mark.parametrize(
        "text", ["2025-02-29", "2025-5-1", "2025-05-15T00:00", "15.05.2025", ""]
    )
    def test_refused(self, text: str) -> None:
        with pytest.raises(TextFormError) as caught:
            parse_date(text)
        assert caught.value.problem.rule == "value.date"


class TestDurationText:
    @given(st.timedeltas())
    def test_round_trip(self, value: timedelta) -> None:
        assert parse_duration(format_duration(value)) == value

    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (timedelta(minutes=15), "PT15M"),
            (timedelta(0), "PT0S"),
            (timedelta(days=1, hours=2), "P1DT2H"),
            (timedelta(minutes=-5), "-PT5M"),
            (timedelta(seconds=1, microseconds=500000), "PT1.500000S"),
        ],
    )
    def test_canonical_text(self, value: timedelta, text: str) -> None:
        assert format_duration(value) == text

    @pytest.mark.parametrize(
        "text", ["P1M", "P1Y", "PT", "P", "15M", "PT1.5M", "P1W", "-P", "PT99999999999999H"]
    )
    def test_refused(self, text: str) -> None:
        with pytest.raises(TextFormError) as caught:
            parse_duration(text)
        assert caught.value.problem.rule == "value.duration"


class TestIntervals:
    @given(aware)
    def test_exact_is_an_instant(self, value: datetime) -> None:
        assert earliest(value, TimePrecision.EXACT) == latest(value, TimePrecision.EXACT) == value

    @given(aware)
    def test_approximate_spans_the_margin_either_side(self, value: datetime) -> None:
        assert (
            latest(value, TimePrecision.APPROXIMATE) - earliest(value, TimePrecision.APPROXIMATE)
            == 2 * APPROXIMATE_MARGIN
        )

    def test_a_day_is_the_whole_local_day(self) -> None:
        kyiv = ZoneInfo("Europe/Kyiv")
        day = datetime(2025, 3, 30, tzinfo=kyiv)  # clocks go forward that night: 23 hours
        assert earliest(day, TimePrecision.DAY) == day
        assert latest(day, TimePrecision.DAY) == datetime(2025, 3, 31, tzinfo=kyiv) - timedelta(
            microseconds=1
        )


class TestRangeEdges:
    def test_a_datetime_whose_instant_is_out_of_range_is_refused(self) -> None:
        value = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))
        assert [p.rule for p in datetime_problems(value, ())] == ["value.datetime"]

    def test_a_zone_read_from_a_file_has_no_name_to_write(self) -> None:
        zone = ZoneInfo.from_file(io.BytesIO(utc_tzif()))
        value = datetime(2025, 5, 15, tzinfo=zone)
        assert [p.rule for p in datetime_problems(value, ())] == ["value.datetime"]

    def test_the_last_day_has_a_latest_instant(self) -> None:
        last = datetime(9999, 12, 31, tzinfo=timezone.utc)
        assert latest(last, TimePrecision.DAY) == datetime.max.replace(tzinfo=timezone.utc)

    def test_approximate_times_saturate_at_the_ends(self) -> None:
        first = datetime(1, 1, 1, tzinfo=timezone.utc)
        assert earliest(first, TimePrecision.APPROXIMATE) == first
        last = datetime.max.replace(tzinfo=timezone.utc)
        assert latest(last, TimePrecision.APPROXIMATE) == last

    def test_a_duration_too_long_for_timedelta(self) -> None:
        with pytest.raises(TextFormError) as caught:
            parse_duration("P999999999DT999999999999H")
        assert caught.value.problem.rule == "value.duration"
