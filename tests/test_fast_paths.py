"""The fast paths for valid input decide exactly as the detailed passes they stand in for.

`ensure_valid` first runs a generated test of the whole instance, and the converter
first tries a generated structure function; both fall back to the detailed pass,
which finds every problem. These properties hold them to the same verdict and the
same problems.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any
from unittest import mock
from zoneinfo import ZoneInfo

import attrs
import cattrs
import orjson
import pytest
from benchmarks.record import build_record
from hypothesis import given
from hypothesis import strategies as st

import negotiations
import negotiations.strategies
from model_walk import instances, samples
from negotiations import Limits, NegotiationRecord, ValidationError, make_converter, to_dict
from negotiations import _converter as converter_module
from negotiations import _json as json_module
from negotiations import _record as record_module
from negotiations import _values as values_module
from negotiations._time import format_datetime, format_duration
from negotiations._values import (
    HttpUrlForm,
    Id,
    IdForm,
    NonBlank,
    PositiveInt,
    _fields_pass,
    checked_on_init,
    field_problems,
)

RECORD = build_record(3)
DOCUMENT: dict[str, Any] = to_dict(RECORD)


SAMPLES: dict[Any, Any] = samples(RECORD)

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
    for instance in instances(RECORD):
        cls: Any = type(instance)
        assert _fields_pass(cls)(instance)


@attrs.frozen(kw_only=True)
class _Unusual:
    """Field types the model does not use (yet): nested arrays, an optional array, and
    an id form with a second constraint."""

    groups: tuple[tuple[Id, ...], ...]
    name: Annotated[str, IdForm(), NonBlank()]
    counts: tuple[PositiveInt, ...] | None = None

    __attrs_post_init__ = checked_on_init()


_TEXTS = st.sampled_from(ODD_TEXTS)
_ARRAYS = st.lists(_TEXTS, max_size=3)


@given(
    groups=st.one_of(
        st.lists(st.one_of(_ARRAYS.map(tuple), _ARRAYS.map(frozenset), _ARRAYS, _TEXTS)).map(tuple),
        st.lists(_ARRAYS.map(tuple)),
        ANYTHING,
    ),
    name=ANYTHING,
    counts=st.one_of(
        st.lists(st.sampled_from([0, 1, 5, -1, True, "1", 1.0]), max_size=3).map(tuple),
        ANYTHING,
    ),
)
def test_the_generated_field_test_agrees_on_field_types_the_model_does_not_use(
    groups: Any, name: Any, counts: Any
) -> None:
    instance = object.__new__(_Unusual)
    for field, value in (("groups", groups), ("name", name), ("counts", counts)):
        object.__setattr__(instance, field, value)
    assert _fields_pass(_Unusual)(instance) is (field_problems(instance) == [])


def test_the_generated_field_test_passes_a_valid_unusual_instance() -> None:
    instance = _Unusual(groups=(("a", "b"), ()), name="x", counts=(1, 2))
    assert _fields_pass(_Unusual)(instance)
    with pytest.raises(ValidationError):
        _Unusual(groups=(("a", "-b"),), name="x")


def _lower(text: str) -> str:
    return text.lower()


@attrs.frozen(kw_only=True)
class _Converted:
    """A checked class whose field has a converter of its own."""

    code: Id = attrs.field(converter=_lower)

    __attrs_post_init__ = checked_on_init()


def test_a_field_converter_of_its_own_runs_when_loaded() -> None:
    """The converter builds such a class through ``__init__``, so the field's converter runs."""
    assert make_converter().structure({"code": "UA"}, _Converted) == _Converted(code="ua")


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
    for instance in instances(RECORD):
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


class _Object(tuple):  # type: ignore[type-arg]
    """A JSON object as its (key, value) pairs, which may repeat a key."""

    __slots__ = ()


def _written(value: Any, *, ascii_only: bool) -> str:
    if isinstance(value, _Object):
        pairs = (
            f"{json.dumps(key, ensure_ascii=ascii_only)}: {_written(item, ascii_only=ascii_only)}"
            for key, item in value
        )
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_written(item, ascii_only=ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


_TEXTS = st.text(
    alphabet=st.sampled_from(["a"] * 8 + [":", '"', "\\", "é", "\n", " ", "\u2028"]), max_size=8
)
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXTS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(st.tuples(_TEXTS, children), max_size=4).map(_Object)
    ),
    max_leaves=12,
)
_LIMITS = st.builds(  # each limit small enough to bind, or out of the way
    Limits,
    max_bytes=st.integers(1, 400) | st.just(10_000),
    max_depth=st.integers(1, 4) | st.just(100),
    max_string_length=st.integers(1, 10) | st.just(10_000),
    max_items=st.integers(1, 5) | st.just(10_000),
)


@given(_JSON_VALUES, _LIMITS, st.booleans(), st.booleans())
def test_the_quick_document_check_is_never_wrong_when_it_says_fine(
    value: Any, limits: Limits, ascii_only: bool, as_bytes: bool
) -> None:
    text = _written(value, ascii_only=ascii_only)
    document: str | bytes = text.encode() if as_bytes else text
    data = orjson.loads(document)
    if json_module._surely_fine(document, data, limits):
        counts = json_module._pairs_and_colons(data, limits)
        assert counts is not None
        assert json_module._duplicate_key_problems(document, counts) == []


def test_the_quick_document_check_decides_for_the_benchmark_record() -> None:
    text = negotiations.to_json(build_record(1000)).encode()
    assert json_module._surely_fine(text, orjson.loads(text), Limits())
    repeated = text.replace(b'{"id":"meeting-0",', b'{"id":"meeting-0","id":"meeting-0",', 1)
    assert not json_module._surely_fine(repeated, orjson.loads(repeated), Limits())


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ('{"a": [[[1]]]}', Limits(max_depth=3)),
        ('{"a": [[], {"b": {}}]}', Limits(max_depth=3)),
        ("[1, 2, 3, 4]", Limits(max_items=3)),
        ('{"a": 1, "b": 2, "c": 3}', Limits(max_items=2)),
        ('["aaaaaaaaaaa"]', Limits(max_string_length=10)),
        ('{"bbbbbbbbbbb": 1}', Limits(max_string_length=10)),
        ('["aaaaaaaaaaa", "b"]', Limits(max_string_length=10)),
        ('["aaaa\\"aaaaaa"]', Limits(max_string_length=10)),  # a quote inside breaks the run
        ("[1, 2, 3, 4, 5]", Limits(max_bytes=4)),
        ('{"a": 1, "a": 2}', Limits()),
        ('{"a\\u003a": 1, "a\\u003a": 2}', Limits()),
        ('{"a:b": {"c": 1, "c": 2}}', Limits()),
    ],
)
def test_the_quick_document_check_says_maybe_when_a_limit_or_a_key_is_broken(
    text: str, limits: Limits
) -> None:
    data = orjson.loads(text)
    counts = json_module._pairs_and_colons(data, limits)
    assert counts is None or json_module._duplicate_key_problems(text, counts)
    assert not json_module._surely_fine(text, data, limits)
    assert not json_module._surely_fine(text.encode(), data, limits)


@pytest.mark.parametrize(
    ("text", "max_string_length"),
    [
        ('{"a": [[1]]}', 1000),
        ("[1, 2, 3]", 1000),
        ('{"a:b": {"c": 1}}', 1000),
        ('["aaaa", {"bbbb": ":"}]', 10),  # a quote in every window of 5 bytes
    ],
)
def test_the_quick_document_check_says_fine_within_the_limits(
    text: str, max_string_length: int
) -> None:
    # Depth 3: the check is sure only with one level to spare, hence max_depth=4.
    limits = Limits(max_depth=4, max_items=100, max_string_length=max_string_length, max_bytes=100)
    data = orjson.loads(text)
    assert json_module._pairs_and_colons(data, limits) is not None
    assert json_module._surely_fine(text, data, limits)


# --- the record's quick reference and acting-for tests ---------------------------------


def _replaced(obj: Any, location: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``obj`` with the item at ``location`` set to ``value``, built unchecked."""
    if not location:
        return value
    step, rest = location[0], location[1:]
    if isinstance(obj, (tuple, frozenset)):
        items = sorted(obj) if isinstance(obj, frozenset) else list(obj)
        items[step] = _replaced(items[step], rest, value)
        return type(obj)(items)
    changed = copy.copy(obj)
    object.__setattr__(changed, step, _replaced(getattr(obj, step), rest, value))
    return changed


def _party_of(record: NegotiationRecord) -> dict[str, str | None]:
    """The party each id of a record acts for: a person's party, else None (first id wins)."""
    party_of: dict[str, str | None] = {}
    for collection in ("parties", "persons", "meetings", "proposals", "statements"):
        for entity in getattr(record, collection):
            acts_for = entity.party if collection == "persons" else None
            party_of.setdefault(entity.id, acts_for)
    return party_of


def _acting_for_oracle(record: NegotiationRecord) -> set[tuple[Any, ...]]:
    """Where a person acts for another party than the one they stand for, found plainly."""
    party_of = _party_of(record)
    found: set[tuple[Any, ...]] = set()
    for m, meeting in enumerate(record.meetings):
        for d, delegation in enumerate(meeting.delegations):
            people: list[tuple[tuple[Any, ...], str | None]] = [(("head",), delegation.head)]
            people += [(("members", k), person) for k, person in enumerate(delegation.members)]
            for where, person in people:
                if person is not None and party_of.get(person) not in (None, delegation.party):
                    found.add(("meetings", m, "delegations", d, *where))
        chair = party_of.get(meeting.chair) if meeting.chair else None
        if chair is not None and chair not in {*meeting.parties, *meeting.mediators}:
            found.add(("meetings", m, "chair"))
    for s, statement in enumerate(record.statements):
        speaker = party_of.get(statement.speaker) if statement.speaker else None
        if speaker is not None and speaker != statement.party:
            found.add(("statements", s, "speaker"))
    return found


@st.composite
def records_with_changed_references(draw: st.DrawFn) -> NegotiationRecord:
    """A valid record with a few references, or persons' parties, changed: built unchecked."""
    record = draw(negotiations.strategies.negotiation_records(max_meetings=3))
    slots = [
        location
        for collection in ("parties", "persons", "meetings", "proposals", "statements")
        for position, entity in enumerate(getattr(record, collection))
        for location, _, _ in record_module._references(entity, (collection, position))
    ]
    slots += [("persons", k, "party") for k in range(len(record.persons))]
    ids = sorted(
        {
            entity.id
            for collection in ("parties", "persons", "meetings")
            for entity in getattr(record, collection)
        }
    )
    for location in (
        draw(st.lists(st.sampled_from(slots), max_size=3, unique=True)) if slots else []
    ):
        record = _replaced(record, location, draw(st.sampled_from([*ids, "nobody"])))
    return record


@given(records_with_changed_references())
def test_the_quick_reference_test_agrees_with_the_detailed_walk(record: NegotiationRecord) -> None:
    index = record_module._index(record, [])
    with mock.patch.object(record_module, "_references_resolve", return_value=False):
        detailed = record_module._reference_problems(record, index)
    assert record_module._references_resolve(record, index) is (detailed == [])
    assert record_module._reference_problems(record, index) == detailed


@given(records_with_changed_references())
def test_the_acting_for_rules_find_what_a_plain_reading_finds(record: NegotiationRecord) -> None:
    index = record_module._index(record, [])
    found = record_module._acting_for_problems(record, index)
    assert {problem.location for problem in found} == _acting_for_oracle(record)


# --- quick tests of single values ------------------------------------------------------


@given(st.from_regex(values_module._PLAIN_URL.compile(), fullmatch=True))
def test_every_plain_url_is_an_http_url(text: str) -> None:
    assert HttpUrlForm().problems(text, ()) == []


@given(st.text(max_size=30) | st.from_regex(values_module.ID_PATTERN))
def test_only_ids_are_remembered_as_ids(text: str) -> None:
    verdict = values_module._is_id(text)
    assert verdict is (IdForm().problems(text, ()) == [])
    assert (text in values_module._KNOWN_IDS) is verdict or len(values_module._KNOWN_IDS) >= 4096


def test_the_remembered_ids_are_bounded() -> None:
    known: set[str] = set()
    with mock.patch.object(values_module, "_KNOWN_IDS", known):
        for number in range(values_module._KNOWN_IDS_LIMIT + 10):
            assert values_module._is_id(f"id-{number}")
        assert len(known) == values_module._KNOWN_IDS_LIMIT


# --- generated structure functions that check instances themselves ------------------------

MODEL_CLASSES = sorted(SAMPLES, key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_model_class_is_checked_by_its_structure_function(cls: Any) -> None:
    assert converter_module._checked_directly(cls)[0]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_a_document_breaking_one_rule_gets_the_detailed_problems(
    cls: Any, data: st.DataObject
) -> None:
    rules = negotiations.strategies.invalid_document_rules(cls) - {"document.limit"}
    document, rule = data.draw(negotiations.strategies.invalid_documents(cls, rules=rules))
    fast, detailed = FAST.get_structure_hook(cls), DETAILED.get_structure_hook(cls)
    with pytest.raises(ValidationError) as from_fast:
        fast(copy.deepcopy(document), cls)
    with pytest.raises(ValidationError) as from_detailed:
        detailed(copy.deepcopy(document), cls)
    assert from_fast.value.problems == from_detailed.value.problems
    assert rule in from_fast.value.rules


@attrs.frozen
class _Guarded:
    """A class of a user's own: creating it runs more than `ensure_valid`."""

    meeting: negotiations.Meeting
    note: str = attrs.field(validator=attrs.validators.max_len(3))


class _Noted(negotiations.Venue):
    """A user's subclass whose ``__attrs_post_init__`` does more than the library's."""

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.name == "Nowhere":
            raise ValueError("no such place")


@attrs.frozen(slots=False)
class _Tagged(negotiations.Venue):
    """A user's subclass that keeps a field of its own in the instance's ``__dict__``."""

    tag: str = ""


def test_a_class_with_a_field_outside_slots_is_built_through_its_own_init() -> None:
    assert not converter_module._checked_directly(_Tagged)[0]
    built = FAST.structure({"name": "Istanbul", "tag": "x"}, _Tagged)
    assert (built, built.tag) == (_Tagged(name="Istanbul", tag="x"), "x")
    with pytest.raises(ValidationError):
        FAST.structure({"name": " ", "tag": "x"}, _Tagged)


def test_a_class_whose_creation_does_more_is_built_through_its_own_init() -> None:
    assert not converter_module._checked_directly(_Guarded)[0]
    assert not converter_module._checked_directly(_Noted)[0]
    meeting = DOCUMENT["meetings"][0]
    with pytest.raises(ValueError, match="Length of 'note' must be <= 3"):
        FAST.structure({"meeting": meeting, "note": "long"}, _Guarded)
    with pytest.raises(ValueError, match="no such place"):
        FAST.structure({"name": "Nowhere"}, _Noted)
    assert FAST.structure({"name": "Istanbul"}, _Noted) == _Noted(name="Istanbul")


def test_a_hook_of_a_users_own_is_not_trusted_to_return_the_right_type() -> None:
    """With a hook of one's own for a nested class, its result is still tested."""
    converter = make_converter()
    converter.register_structure_hook(negotiations.Venue, lambda value, _: value)
    meeting = DOCUMENT["meetings"][0] | {"venue": {"name": "Istanbul"}}
    with pytest.raises(ValidationError) as caught:
        converter.structure(meeting, negotiations.Meeting)
    assert [(problem.path, problem.rule) for problem in caught.value.problems] == [
        ("$.venue", "value.type")
    ]
