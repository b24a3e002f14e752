"""The exception family, problems and their paths, and which items repeat."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations import NegotiationsError, Problem, ValidationError
from negotiations._errors import SHOWN_PROBLEMS, render_path
from negotiations._rules import repeats


def test_validation_error_is_a_value_error_under_the_root() -> None:
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ValidationError, NegotiationsError)


@pytest.mark.parametrize(
    ("location", "path"),
    [
        ((), "$"),
        (("meetings", 1, "actual_start"), "$.meetings[1].actual_start"),
        (("odd key",), "$['odd key']"),
        (("9lives",), "$['9lives']"),
    ],
)
def test_paths_are_json_paths(location: tuple[str | int, ...], path: str) -> None:
    assert render_path(location) == path


def test_a_problem_seen_from_its_container() -> None:
    problem = Problem(location=("actual_start",), rule="meeting.slack", message="too early")
    assert problem.within("meetings", 1).path == "$.meetings[1].actual_start"


def test_str_lists_every_problem_with_path_and_rule() -> None:
    error = ValidationError(
        [
            Problem(location=("a",), rule="value.blank", message="'' is empty"),
            Problem(location=("b", 0), rule="value.type", message="expected str"),
        ],
        "Thing",
    )
    assert str(error).splitlines() == [
        "2 problems in Thing:",
        "  $.a: '' is empty [value.blank]",
        "  $.b[0]: expected str [value.type]",
    ]
    assert error.rules == {"value.blank", "value.type"}


def test_str_summarises_beyond_the_shown_problems() -> None:
    many = [
        Problem(location=(i,), rule="value.type", message="x") for i in range(SHOWN_PROBLEMS + 3)
    ]
    lines = str(ValidationError(many)).splitlines()
    assert lines[-1] == "  ... and 3 more"
    assert len(lines) == SHOWN_PROBLEMS + 2


def test_errors_pickle() -> None:
    error = ValidationError([Problem(location=("a",), rule="value.blank", message="m")], "Thing")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert (copy.problems, copy.subject, str(copy)) == (error.problems, error.subject, str(error))


def test_repr_rebuilds_the_error() -> None:
    error = ValidationError([Problem(location=("a", 0), rule="value.blank", message="m")], "Thing")
    rebuilt = eval(repr(error), {"ValidationError": ValidationError, "Problem": Problem})  # noqa: S307 - our own repr
    assert isinstance(rebuilt, ValidationError)
    assert (rebuilt.problems, rebuilt.subject) == (error.problems, error.subject)


@given(st.lists(st.integers(0, 4) | st.sampled_from(["a", "b"]), max_size=12))
def test_repeats_are_the_items_an_earlier_item_matched(keys: list[int | str]) -> None:
    """What "listed twice" reports: each later occurrence, once, in order, with its key."""
    expected = [(index, key) for index, key in enumerate(keys) if key in keys[:index]]
    assert list(repeats(keys)) == expected
    assert list(repeats(iter(keys))) == expected
