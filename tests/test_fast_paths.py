"""The fast paths for valid input decide exactly as the detailed passes they stand in for.

`check_fields` first runs a generated test of the whole instance, and the converter
first tries a generated structure function; both fall back to the detailed pass,
which finds every problem. These properties hold them to the same verdict and the
same problems.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import attrs
import cattrs
from benchmarks.record import build_record
from hypothesis import given
from hypothesis import strategies as st

import negotiations
from negotiations import NegotiationRecord, ValidationError, make_converter, to_dict
from negotiations import _converter as converter_module
from negotiations._time import format_datetime, format_duration
from negotiations._values import _fields_pass, field_problems

RECORD = build_record(3)
DOCUMENT: dict[str, Any] = to_dict(RECORD)


def _instances(obj: Any) -> list[Any]:
    """``obj`` and every attrs instance inside it."""
    found = [obj]
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        items = value if isinstance(value, (tuple, frozenset)) else (value,)
        found += [inner for item in items if attrs.has(type(item)) for inner in _instances(item)]
    return found


SAMPLES: dict[Any, Any] = {type(instance): instance for instance in _instances(RECORD)}

ODD_TEXTS: list[Any] = [
    "",
    " \t",
    "x",
    "-x",
    "x" * 201,
    "UA",
    "ua",
    "Europe/Istanbul",
    "Mars/Olympus",
    "https://example.org/a",
    "ftp://example.org",
]
ODD_VALUES: list[Any] = [
    None,
    0,
    1,
    -3,
    True,
    1.5,
    (),
    ("x",),
    ("x", "x"),
    ("",),
    (1,),
    frozenset(),
    frozenset({"x"}),
    frozenset({" "}),
    ["x"],
    datetime(2025, 5, 15, 10, 45),  # naive
    datetime(2025, 5, 15, 10, 45, tzinfo=timezone.utc),
    datetime(2025, 5, 15, 10, 45, tzinfo=ZoneInfo("Europe/Istanbul")),
    datetime(2025, 3, 30, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")),  # skipped by the clocks
    datetime(2025, 5, 15, 10, 45, tzinfo=timezone(timedelta(hours=3, microseconds=5))),
    datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),  # before year 1 in UTC
    datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-1))),  # after 9999
    datetime(9999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=1))),
    date(2025, 5, 16),
    timedelta(minutes=15),
    negotiations.TimePrecision.DAY,
    negotiations.MeetingStatus.CONCLUDED,
    negotiations.PartyKind.STATE,
    *SAMPLES.values(),
]
ANYTHING = st.one_of(st.sampled_from(ODD_TEXTS), st.sampled_from(ODD_VALUES))


@st.composite
def unchecked_instances(draw: st.DrawFn) -> Any:
    """A model instance with one or two fields changed to anything: built without validation."""
    cls = draw(st.sampled_from(sorted(SAMPLES, key=lambda cls: cls.__name__)))
    sample = SAMPLES[cls]
    names = [field.name for field in attrs.fields(cls)]
    changed = draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
    instance = object.__new__(cls)
    for name in names:
        value = draw(ANYTHING) if name in changed else getattr(sample, name)
        object.__setattr__(instance, name, value)
    return instance


@given(unchecked_instances())
def test_the_generated_field_test_agrees_with_the_detailed_pass(instance: Any) -> None:
    cls: Any = type(instance)
    assert _fields_pass(cls)(instance) is (field_problems(instance) == [])


def test_the_generated_field_test_agrees_on_every_single_changed_field() -> None:
    for cls, sample in SAMPLES.items():
        fields_pass = _fields_pass(cls)
        for field in attrs.fields(cls):
            for value in [*ODD_TEXTS, *ODD_VALUES]:
                instance = copy.copy(sample)
                object.__setattr__(instance, field.name, value)
                verdict = fields_pass(instance)
                assert verdict is (field_problems(instance) == []), (cls, field.name, value)


def test_the_generated_field_test_passes_every_valid_instance() -> None:
    for instance in _instances(RECORD):
        cls: Any = type(instance)
        assert _fields_pass(cls)(instance)


def _detailed_converter() -> cattrs.Converter:
    """A converter built without the generated structure functions."""
    converter = make_converter()
    with mock.patch.object(converter_module, "_fast_attrs_structure", return_value=None):
        converter.structure(copy.deepcopy(DOCUMENT) | {"format_version": 1}, NegotiationRecord)
    return converter


DETAILED = _detailed_converter()
FAST = make_converter()


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


PATHS = [path for path in _paths(DOCUMENT) if path]
JSON_VALUES: list[Any] = [
    None,
    "",
    " ",
    "x",
    "-x",
    "XX",
    "Mars/Olympus",
    "2025-05-15T10:45:00",
    "2025-05-15T10:45:00+03:00",
    "2025-05-16",
    "PT15M",
    "-PT1H",
    "concluded",
    "day",
    0,
    5,
    "5",
    1.5,
    True,
    [],
    ["x", "x"],
    {},
    {"party": "p0"},
]


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, Any]:
    """The record's document with a few values replaced, keys removed or keys added."""
    document = copy.deepcopy(DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["replace", "remove", "add"]))
            if action == "remove" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif action == "add" and isinstance(parent, dict):
                parent["agenda"] = draw(st.sampled_from(JSON_VALUES))
            else:
                parent[path[-1]] = draw(st.sampled_from(JSON_VALUES))
        except (KeyError, IndexError, TypeError):  # an earlier change removed the path
            continue
    document["format_version"] = 1
    return document


def _outcome(converter: cattrs.Converter, document: dict[str, Any]) -> Any:
    try:
        return converter.structure(document, NegotiationRecord)
    except ValidationError as error:
        return error.problems


@given(broken_documents())
def test_the_generated_structure_functions_report_what_the_detailed_pass_reports(
    document: dict[str, Any],
) -> None:
    assert _outcome(FAST, document) == _outcome(DETAILED, document)


def test_a_valid_document_gives_the_same_record_either_way() -> None:
    document = DOCUMENT | {"format_version": 1}
    assert FAST.structure(document, NegotiationRecord) == RECORD
    assert DETAILED.structure(document, NegotiationRecord) == RECORD


def test_the_generated_unstructure_functions_write_every_field_in_order() -> None:
    for instance in _instances(RECORD):
        cls: Any = type(instance)
        plain = FAST.unstructure(instance)
        names = [field.name for field in attrs.fields(cls)]
        if cls is NegotiationRecord:
            names = ["format_version", *names]
        assert list(plain) == names
        assert FAST.structure(plain, cls) == instance


def test_the_generated_unstructure_functions_write_times_as_the_text_forms_do() -> None:
    zones = [
        timezone.utc,
        timezone(timedelta(hours=3)),
        timezone(timedelta(hours=-9, minutes=-30)),
        ZoneInfo("Europe/Istanbul"),
        ZoneInfo("America/New_York"),
    ]
    for zone in zones:
        for slack in (timedelta(0), timedelta(minutes=15), timedelta(days=1, seconds=1)):
            start = datetime(2025, 5, 15, 10, 45, 7, 1234, tzinfo=zone)
            meeting = attrs.evolve(
                SAMPLES[negotiations.Meeting],
                scheduled_start=start,
                actual_start=None,
                actual_start_precision=negotiations.TimePrecision.EXACT,
                end=None,
                slack=slack,
            )
            plain = FAST.unstructure(meeting)
            assert plain["scheduled_start"] == format_datetime(start)
            assert plain["slack"] == format_duration(slack)
