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
import pytest
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


@attrs.frozen
class _LevelledDelegation(negotiations.Delegation):
    """A subclass with a field of its own, which the declared class does not know."""

    note: str = "a field of the subclass"


def test_a_subclass_instance_in_a_tuple_is_written_as_the_declared_class() -> None:
    sample = SAMPLES[negotiations.Meeting]
    delegation, *others = sample.delegations
    fields = attrs.fields(negotiations.Delegation)
    subclass = _LevelledDelegation(
        **{field.name: getattr(delegation, field.name) for field in fields}
    )
    meeting = attrs.evolve(sample, delegations=(subclass, *others))
    written = json.loads(to_json(meeting))["delegations"][0]
    assert written == to_dict(meeting)["delegations"][0] == _reference_plain(delegation)
    assert "note" not in written
    assert json.loads(to_json(subclass))["note"] == "a field of the subclass"


@pytest.mark.parametrize("value", [object(), (object(),), {"key": {1, 2}}])
def test_values_that_are_not_json_data_are_refused_as_orjson_refuses_them(value: Any) -> None:
    with pytest.raises(TypeError, match=r"^Type is not JSON serializable: (object|set)$"):
        to_json(value)


def test_an_instance_in_the_wrong_tuple_is_refused_when_no_tuple_holds_its_class() -> None:
    venue = SAMPLES[negotiations.Venue]
    meeting = _unchecked(SAMPLES[negotiations.Meeting], delegations=(venue,))
    with pytest.raises(TypeError, match=r"^Type is not JSON serializable: Venue$"):
        to_json(meeting)


def test_to_json_hands_tuples_of_instances_to_orjson_one_instance_at_a_time() -> None:
    """The dicts of a record's meetings are built as orjson writes them, not all at once.

    All at once, the dicts of a large record live until the last is written, and every
    garbage collection on the way walks them (see "the JSON form" in `_converter`).
    """
    record = build_record(5)
    written: list[type] = []
    real_dumps = orjson.dumps

    def dumps(data: Any, default: Any, option: int) -> bytes:
        assert data["meetings"] is record.meetings
        assert data["statements"] is record.statements

        def spy(value: object) -> Any:
            written.append(type(value))
            return default(value)

        return real_dumps(data, default=spy, option=option)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(orjson, "dumps", dumps)
        text = to_json(record)
    assert text == orjson.dumps(_reference_plain(record)).decode()
    assert written.count(negotiations.Meeting) == len(record.meetings)
    assert written.count(negotiations.Delegation) == sum(
        len(m.delegations) for m in record.meetings
    )
