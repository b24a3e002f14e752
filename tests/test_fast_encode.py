"""The fast writing paths give exactly the text of the plain form written out by hand.

The generated unstructure functions write nested instances and tuples inline, and
`to_json` unstructures with hooks of its own, which leave to orjson the values it
writes as the same text (tuples, dates, datetimes with a whole-minute offset). These
properties hold `to_dict` and `to_json` to a reference that visits one value at a time.
"""

from __future__ import annotations

import copy
import enum
import json
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import orjson
from benchmarks.record import build_record
from hypothesis import given
from hypothesis import strategies as st

import negotiations
from model_walk import samples
from negotiations import FORMAT_VERSION, NegotiationRecord, to_dict, to_json
from negotiations._time import format_date, format_datetime, format_duration
from negotiations.strategies import PUBLIC_TYPES

SAMPLES: dict[Any, Any] = samples(build_record(3))


def _reference_plain(value: Any) -> Any:  # noqa: PLR0911 - one return per kind of value
    """The plain form as `configure_converter` documents it, one value at a time."""
    if attrs.has(type(value)):
        plain = {
            field.name: _reference_plain(getattr(value, field.name))
            for field in attrs.fields(type(value))
        }
        if isinstance(value, NegotiationRecord):
            return {"format_version": FORMAT_VERSION, **plain}
        return plain
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_reference_plain(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(_reference_plain(item) for item in value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, timedelta):
        return format_duration(value)
    return value


def _assert_written_as_the_reference(value: Any) -> None:
    plain = _reference_plain(value)
    assert to_dict(value) == plain
    assert orjson.dumps(to_dict(value)) == orjson.dumps(plain)  # the same keys in the same order
    assert to_json(value) == orjson.dumps(plain).decode()
    assert to_json(value, indent=True) == orjson.dumps(plain, option=orjson.OPT_INDENT_2).decode()


@given(st.sampled_from(sorted(PUBLIC_TYPES, key=lambda cls: cls.__name__)).flatmap(st.from_type))
def test_to_dict_and_to_json_write_the_plain_form_of_every_public_type(value: Any) -> None:
    _assert_written_as_the_reference(value)


def test_to_dict_and_to_json_write_the_plain_form_of_the_benchmark_record() -> None:
    _assert_written_as_the_reference(build_record(40))


_ZONE_NAMES = ["Europe/Istanbul", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"]
#: Every kind of zone the library accepts: fixed offsets in whole minutes, seconds or
#: microseconds (orjson drops the seconds of those), IANA zones (written with their
#: name), and none at all (refused on reading, but written all the same).
_ANY_TZINFO = st.one_of(
    st.integers(-24 * 60 + 1, 24 * 60 - 1).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    ),
    st.integers(-86_399_999_999, 86_399_999_999).map(
        lambda microseconds: timezone(timedelta(microseconds=microseconds))
    ),
    st.integers(-86_399, 86_399).map(lambda seconds: timezone(timedelta(seconds=seconds))),
    st.sampled_from(_ZONE_NAMES).map(ZoneInfo),
    st.just(timezone.utc),
    st.none(),
)
_ANY_DATETIME = st.datetimes(timezones=_ANY_TZINFO)


class _Datetime(datetime):
    """A datetime subclass: orjson does not write these, so they take the text path."""


class _Date(date):
    """A date subclass: orjson does not write these, so they take the text path."""


def _unchecked(sample: Any, **changes: Any) -> Any:
    """A copy of ``sample`` with ``changes``, made without validation (writing does not check)."""
    instance = copy.copy(sample)
    for name, value in changes.items():
        object.__setattr__(instance, name, value)
    return instance


@given(
    st.lists(
        _ANY_DATETIME | _ANY_DATETIME.map(lambda value: _Datetime.fromisoformat(value.isoformat())),
        min_size=4,
        max_size=4,
    ),
    st.dates() | st.dates().map(lambda value: _Date(value.year, value.month, value.day)),
)
def test_to_json_writes_every_datetime_and_date_as_its_text_form(
    times: list[datetime], day: date
) -> None:
    first, second, third, fourth = times
    meeting = _unchecked(
        SAMPLES[negotiations.Meeting],
        scheduled_start=first,
        actual_start=second,
        end=third,
        previous_scheduled_starts=(fourth, first),
    )
    source = _unchecked(SAMPLES[negotiations.Source], published_on=day)
    statement = _unchecked(SAMPLES[negotiations.Statement], sources=(source,), made_at=second)
    dated = _unchecked(statement, made_at=day)
    for value in (meeting, statement, dated, first, day, (first, day)):
        assert to_json(value) == orjson.dumps(_reference_plain(value)).decode()
    assert json.loads(to_json(meeting))["scheduled_start"] == format_datetime(first)


@given(st.frozensets(st.text(max_size=3), max_size=6), st.lists(_ANY_DATETIME, max_size=3))
def test_sets_are_written_sorted_and_tuples_of_any_length_as_arrays(
    mediators: frozenset[str], starts: list[datetime]
) -> None:
    meeting = _unchecked(
        SAMPLES[negotiations.Meeting],
        mediators=mediators,
        previous_scheduled_starts=tuple(starts),
        delegations=(),
    )
    _assert_written_as_the_reference(meeting)
    assert json.loads(to_json(meeting))["mediators"] == sorted(mediators)
