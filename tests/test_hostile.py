"""Hostile input: mutated valid documents and arbitrary bytes never crash the library.

Whatever goes in, `from_json` and `from_dict` give a valid object that survives a round
trip, or a `ValidationError` whose problems each have a path and a known rule: never
another exception. Mutations that certainly break a rule are always refused.
"""

from __future__ import annotations

import io
import json
import math
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotiations
from negotiations import Limits, ValidationError, _values, from_dict, from_json, to_dict, to_json
from negotiations._json import _pairs_and_colons
from negotiations._limits import limit_problems
from negotiations.strategies import PUBLIC_TYPES

Location = tuple[str | int, ...]

TYPES = sorted(PUBLIC_TYPES, key=lambda cls: cls.__name__)
#: Keys that are no field of any type.
FOREIGN_KEYS = st.sampled_from(["extra", "Id", "name ", "", "format_version2", "\u00e9", "a:b"])

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)

#: Values at the edges: huge and negative numbers, odd strings, deep nesting.
EXTREMES: list[Any] = [
    0,
    -1,
    2**63 - 1,
    -(2**63),
    2**64 - 1,
    2**64,
    -(2**200),
    10**5000,
    1e308,
    -1e308,
    math.nan,
    math.inf,
    5e-324,
    "",
    " ",
    "\t\n",
    "\x00",
    "\ud800",
    "\ufeff",
    "x" * 10_000,
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59.999999-23:59",
    "0001-01-01T00:00:00+23:59[Asia/Tokyo]",
    "2025-05-15T13:36:00+03:00[" + "A" * 200 + "]",
    "P999999999DT23H59M59.999999S",
    "-P999999999D",
    "P9999999999D",
    [],
    {},
    [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]],
    True,
]


def _locations(document: Any, location: Location = ()) -> list[Location]:
    """Every location in a plain document, the root included."""
    found = [location]
    if isinstance(document, dict):
        for key, value in document.items():
            found.extend(_locations(value, (*location, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.extend(_locations(value, (*location, index)))
    return found


def _get(document: Any, location: Location) -> Any:
    for segment in location:
        document = document[segment]
    return document


def _replace(document: Any, location: Location, value: Any) -> Any:
    if not location:
        return value
    head, *rest = location
    copy: Any = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = _replace(document[head], tuple(rest), value)
    return copy


def _json_type(value: Any) -> str:
    return type(value).__name__ if not isinstance(value, bool) else "bool"


def _other_type(value: Any) -> st.SearchStrategy[Any]:
    """A non-null value of a different JSON type than ``value``."""
    options: list[st.SearchStrategy[Any]] = [
        st.booleans(),
        st.integers(min_value=-1000, max_value=1000),
        st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x != int(x)),
        st.text(max_size=10),
        st.lists(st.integers(-1000, 1000), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(-1000, 1000), max_size=3),
    ]
    return st.one_of(options).filter(lambda new: _json_type(new) != _json_type(value))


def _attempt(build: Callable[[], Any]) -> Any:
    """What ``build`` returns, or the `ValidationError` it raises (any other exception fails)."""
    try:
        return build()
    except ValidationError as error:
        return error


def _check_error(error: ValidationError) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.rule in negotiations.RULES
        assert problem.path.startswith("$")
        assert problem.message


def _outcome(document: Any, cls: type) -> Any:
    """The object ``from_dict`` builds, or its error; the object must survive a round trip."""
    outcome = _attempt(lambda: from_dict(document, cls))
    if isinstance(outcome, ValidationError):
        _check_error(outcome)
    else:
        assert from_json(to_json(outcome), cls) == outcome
        assert from_dict(to_dict(outcome), cls) == outcome
    return outcome


def _text_outcome(text: str | bytes, cls: type) -> None:
    outcome = _attempt(lambda: from_json(text, cls))
    if isinstance(outcome, ValidationError):
        _check_error(outcome)
    else:
        assert from_json(to_json(outcome), cls) == outcome


def _located(error: object, location: Location, rule: str) -> bool:
    if not isinstance(error, ValidationError):
        return False
    return any(problem.location == location and problem.rule == rule for problem in error.problems)


@st.composite
def valid_documents(draw: st.DrawFn) -> tuple[type, Any]:
    cls = draw(st.sampled_from(TYPES))
    return cls, to_dict(draw(st.from_type(cls)))


class TestMutations:
    @given(valid_documents(), st.data())
    def test_dropping_a_key_gives_a_valid_object_or_an_error(
        self, pair: tuple[type, Any], data: st.DataObject
    ) -> None:
        cls, document = pair
        objects = [loc for loc in _locations(document) if isinstance(_get(document, loc), dict)]
        location = data.draw(st.sampled_from(objects))
        target = _get(document, location)
        key = data.draw(st.sampled_from(sorted(target)))
        smaller = {name: value for name, value in target.items() if name != key}
        outcome = _outcome(_replace(document, location, smaller), cls)
        if not isinstance(outcome, ValidationError):
            # Only a field with a default may be left out: it comes back, with its default.
            assert key in _get(to_dict(outcome), location)

    @given(valid_documents(), st.data(), FOREIGN_KEYS, json_values)
    def test_an_added_key_is_always_refused(
        self, pair: tuple[type, Any], data: st.DataObject, key: str, value: Any
    ) -> None:
        cls, document = pair
        objects = [loc for loc in _locations(document) if isinstance(_get(document, loc), dict)]
        location = data.draw(st.sampled_from(objects))
        bigger = {**_get(document, location), key: value}
        outcome = _outcome(_replace(document, location, bigger), cls)
        assert _located(outcome, (*location, key), "document.unknown_key")

    @given(valid_documents(), st.data())
    def test_a_value_of_another_json_type_is_always_refused(
        self, pair: tuple[type, Any], data: st.DataObject
    ) -> None:
        cls, document = pair
        location = data.draw(st.sampled_from(_locations(document)))
        old = _get(document, location)
        new = data.draw(_other_type(old))
        outcome = _outcome(_replace(document, location, new), cls)
        if old is not None:  # null for an absent optional value may become a valid one
            assert _located(outcome, location, "value.type")

    @given(valid_documents(), st.data(), st.sampled_from(EXTREMES))
    def test_an_extreme_value_gives_a_valid_object_or_an_error(
        self, pair: tuple[type, Any], data: st.DataObject, extreme: Any
    ) -> None:
        cls, document = pair
        location = data.draw(st.sampled_from(_locations(document)))
        _outcome(_replace(document, location, extreme), cls)

    @given(valid_documents(), st.data(), st.sampled_from(EXTREMES))
    def test_an_extreme_value_in_json_gives_a_valid_object_or_an_error(
        self, pair: tuple[type, Any], data: st.DataObject, extreme: Any
    ) -> None:
        cls, document = pair
        location = data.draw(st.sampled_from(_locations(document)))
        mutated = _replace(document, location, extreme)
        try:  # the standard library writes NaN, Infinity and big integers
            text = json.dumps(mutated)
        except (ValueError, UnicodeEncodeError):
            return
        _text_outcome(text, cls)


class TestArbitraryInput:
    @given(st.binary(max_size=2000), st.sampled_from(TYPES))
    def test_any_bytes(self, data: bytes, cls: type) -> None:
        _text_outcome(data, cls)

    @given(st.text(max_size=2000), st.sampled_from(TYPES))
    def test_any_text(self, text: str, cls: type) -> None:
        _text_outcome(text, cls)

    @given(json_values, st.sampled_from(TYPES))
    def test_any_json_value(self, data: Any, cls: type) -> None:
        _outcome(data, cls)

    @given(st.from_regex(r"\A[\[\]{}\",:0-9a-z\\ .eE+-]{0,200}\Z"), st.sampled_from(TYPES))
    def test_json_like_text(self, text: str, cls: type) -> None:
        _text_outcome(text, cls)


class TestLoneSurrogates:
    @pytest.mark.parametrize(
        "text",
        ['{"id": "ua", "name": "\ud800", "kind": "state"}', '{"\udfff": 1}', "\udc80"],
        ids=["in-a-value", "in-a-key", "alone"],
    )
    def test_in_str_input_they_are_a_syntax_problem(self, text: str) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json(text, negotiations.Party)
        assert caught.value.rules == {"document.syntax"}

    @given(st.text(st.characters(categories=["Cs", "Lu"]), min_size=1, max_size=5))
    def test_in_any_name_they_never_get_through(self, name: str) -> None:
        document = {"id": "ua", "name": name, "kind": "state"}
        outcome = _outcome(document, negotiations.Party)
        if any(0xD800 <= ord(char) <= 0xDFFF for char in name):
            assert isinstance(outcome, ValidationError)


class TestPythonData:
    """`from_dict` also takes data no JSON parser gives: it is refused, not crashed on."""

    @pytest.mark.parametrize(
        "data",
        [
            {1: "a"},
            {(1, 2): "a"},
            {None: "a"},
            {"id": {1, 2}},
            {"id": b"ua"},
            {"id": object()},
            {"id": 10**5000},
            {"id": "\udc80"},
        ],
        ids=["int-key", "tuple-key", "none-key", "set", "bytes", "object", "huge-int", "surrogate"],
    )
    def test_not_plain_json_data_is_refused(self, data: Any) -> None:
        with pytest.raises(ValidationError):
            from_dict(data, negotiations.Party)

    def test_data_that_contains_itself_is_refused(self) -> None:
        loop: list[Any] = []
        loop.append(loop)
        with pytest.raises(ValidationError) as caught:
            from_dict(
                {"id": "ua", "name": "Ukraine", "kind": "state", "x": loop}, negotiations.Party
            )
        assert caught.value.rules == {"document.limit"}

    def test_deep_python_data_is_refused_without_recursion(self) -> None:
        deep: Any = "leaf"
        for _ in range(100_000):
            deep = {"a": deep}
        with pytest.raises(ValidationError) as caught:
            from_dict(deep, negotiations.NegotiationRecord)
        assert caught.value.rules == {"document.limit"}


small_limits = st.builds(
    Limits,
    max_bytes=st.integers(1, 40),
    max_depth=st.integers(1, 4),
    max_string_length=st.integers(1, 10),
    max_items=st.integers(1, 4),
    max_problems=st.integers(1, 5),
)


class TestLimits:
    @given(json_values, small_limits)
    def test_the_fast_count_and_the_slow_walk_agree(self, data: Any, limits: Limits) -> None:
        """The one-pass count fails exactly when the walk that says where finds a problem."""
        fast = _pairs_and_colons(data, limits, python=True)
        slow = limit_problems(data, limits)
        assert (fast is None) == bool(slow)
        assert len(slow) <= limits.max_problems + 1

    @given(json_values, small_limits, st.sampled_from(TYPES))
    def test_beyond_a_limit_is_document_limit(self, data: Any, limits: Limits, cls: type) -> None:
        outcome = _attempt(lambda: from_dict(data, cls, limits=limits))
        if _pairs_and_colons(data, limits, python=True) is None:
            assert isinstance(outcome, ValidationError)
            assert "document.limit" in outcome.rules
        if isinstance(outcome, ValidationError):
            _check_error(outcome)
            assert len(outcome.problems) <= limits.max_problems + 1


class TestFlatMemory:
    def test_made_up_time_zones_do_not_grow_a_cache_without_bound(self) -> None:
        """A long stream of distinct bogus zone names keeps the zone lookup cache bounded."""
        lines = b"".join(
            b'{"name": "x", "time_zone": "Nowhere/Zone%d"}\n' % number for number in range(3000)
        )
        results = list(negotiations.iter_jsonl(io.BytesIO(lines), negotiations.Venue))
        assert len(results) == 3000
        assert all(isinstance(result, ValidationError) for _, result in results)
        assert _values._is_time_zone.cache_info().currsize <= 1024

    def test_reading_a_long_stream_keeps_memory_flat(self) -> None:
        """Memory in use after 8000 lines of varied bad records is what it was after 2000."""
        feed = _Feed(8000)
        tracemalloc.start()
        try:
            for number, _ in negotiations.iter_jsonl(feed, negotiations.NegotiationRecord):
                if number == 2000:
                    settled = tracemalloc.get_traced_memory()[0]
            grown = tracemalloc.get_traced_memory()[0] - settled
        finally:
            tracemalloc.stop()
        assert feed.served == 8000
        assert grown < 512 * 1024  # the lines read meanwhile: about 4 MB


class _Feed(io.BytesIO):
    """A binary stream of made-up record lines, each bad in a different way, made on demand."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines
        self.served = 0

    def readline(self, size: int | None = -1, /) -> bytes:  # noqa: ARG002 - lines are short
        if self.served >= self.lines:
            return b""
        self.served += 1
        number = self.served
        party = f'{{"id": "p{number}", "name": "Party {number}", "kind": "state", "country": "X{number % 26}"}}'
        variants = [
            f'{{"format_version": 1, "title": "record {number}", "parties": [{party}]}}',
            f'{{"format_version": 1, "parties": [{party}, {party}]}}',
            f'{{"format_version": 1, "persons": [{{"id": "x{number}", "name": "X", "party": "p{number}"}}]}}',
            f'{{"format_version": 1, "title": "t", "title": "t{number}"}}',
            f'{{"format_version": {number}, "x{number}": [1, 2]}}',
            f"{{bad {number}",
        ]
        return (variants[number % len(variants)] + "\n").encode()
