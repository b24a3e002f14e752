"""What keeps ``import negotiations`` cheap behaves like what it replaced.

(Which modules the import loads is tested in test_api.py.)
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations import Limits, Problem, Rule
from negotiations._lazy import LazyPattern
from negotiations._model import Model
from negotiations._values import Constraint, Country, IdForm, NonBlank, Positive, Zone
from negotiations.strategies import PUBLIC_TYPES

_DATE = r"(\d{4})-(\d{2})-(\d{2})\Z"


def _spans(match: re.Match[str] | None) -> tuple[tuple[int, int], ...] | None:
    return None if match is None else tuple(match.span(g) for g in range(match.re.groups + 1))


class TestLazyPattern:
    @given(st.from_regex(re.compile(_DATE, re.ASCII)) | st.text(max_size=14))
    def test_matches_as_the_compiled_pattern_does(self, text: str) -> None:
        """Before and after it compiles, each method finds what `re.compile` would."""
        compiled = re.compile(_DATE, re.ASCII)
        for method in ("match", "fullmatch", "search"):
            lazy = LazyPattern(_DATE, re.ASCII)
            first = getattr(lazy, method)(text)
            again = getattr(lazy, method)(text)
            expected = _spans(getattr(compiled, method)(text))
            assert (_spans(first), _spans(again)) == (expected, expected)

    def test_flags_are_applied(self) -> None:
        """``re.ASCII`` keeps ``\\d`` to ASCII digits, as in the compiled pattern."""
        arabic_indic = "\u0662\u0660\u0662\u0665-05-15"
        assert LazyPattern(_DATE, re.ASCII).match(arabic_indic) is None
        assert LazyPattern(_DATE).match(arabic_indic) is not None

    def test_after_the_first_match_the_compiled_methods_answer(self) -> None:
        """The first call leaves the pattern's own methods on the object: no extra call."""
        lazy = LazyPattern(_DATE, re.ASCII)
        assert "match" not in vars(lazy)
        lazy.match("2025-05-15")
        methods = {name: getattr(lazy, name) for name in ("match", "fullmatch", "search")}
        assert all(isinstance(method.__self__, re.Pattern) for method in methods.values())
        assert methods["match"].__self__.pattern == _DATE

    def test_compile_gives_the_pattern(self) -> None:
        lazy = LazyPattern(_DATE, re.ASCII)
        assert lazy.compile() == re.compile(_DATE, re.ASCII)
        assert (lazy.pattern, lazy.flags) == (_DATE, re.ASCII)
        assert repr(lazy) == f"LazyPattern({_DATE!r}, {re.ASCII!r})"


_CONSTRAINTS = (NonBlank, IdForm, Country, Zone, Positive)


class TestConstraints:
    """The field constraints are plain classes; they keep what attrs gave them."""

    @pytest.mark.parametrize("kind", _CONSTRAINTS)
    def test_equal_and_hashed_by_class(self, kind: type[Constraint]) -> None:
        assert kind() == kind()
        assert hash(kind()) == hash(kind())
        assert {kind(), kind()} == {kind()}
        others = [other() for other in _CONSTRAINTS if other is not kind]
        assert all(kind() != other for other in others)
        assert kind() != object()

    @pytest.mark.parametrize("kind", _CONSTRAINTS)
    def test_repr_names_the_class(self, kind: type[Constraint]) -> None:
        assert repr(kind()) == f"{kind.__name__}()"

    @pytest.mark.parametrize("kind", _CONSTRAINTS)
    def test_frozen(self, kind: type[Constraint]) -> None:
        constraint = kind()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            constraint.extra = 1
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del constraint.extra  # type: ignore[attr-defined]


_MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    **{cls: strategy() for cls, strategy in PUBLIC_TYPES.items()},
    Problem: st.builds(
        Problem,
        location=st.lists(st.text(max_size=3) | st.integers(0, 3), max_size=3).map(tuple),
        rule=st.sampled_from(["value.type", "meeting.slack"]),
        message=st.text(max_size=5),
    ),
    Rule: st.builds(Rule, st.sampled_from(["a", "b"]), st.sampled_from(["", "x"])),
    Limits: st.builds(Limits, max_depth=st.integers(1, 3), max_problems=st.integers(1, 3)),
}


@functools.cache
def _attrs_twin(cls: type) -> type:
    """A class with ``cls``'s fields whose eq, hash and repr attrs generates, as the oracle."""
    names = [field.name for field in attrs.fields(cls)]
    return attrs.make_class(cls.__name__, {name: attrs.field() for name in names}, frozen=True)


def _twin(obj: Any) -> Any:
    cls: type = type(obj)
    values = {field.name: getattr(obj, field.name) for field in attrs.fields(cls)}
    return _attrs_twin(cls)(**values)


def _with_field(obj: Any, name: str, value: Any) -> Any:
    """A copy of ``obj`` with one field set, rules bypassed: equality does not read them."""
    changed = copy.copy(obj)
    object.__setattr__(changed, name, value)
    return changed


class TestModel:
    """Equality, hashing and repr shared by the model classes act as attrs' generated ones."""

    @pytest.mark.parametrize("cls", _MODEL_STRATEGIES)
    def test_attrs_compiles_none_of_the_three(self, cls: type) -> None:
        """Each class takes the shared methods (compiling them cost ``import negotiations``)."""
        assert issubclass(cls, Model)
        for method in ("__eq__", "__hash__", "__repr__"):
            assert getattr(cls, method) is getattr(Model, method), method

    @given(data=st.data(), cls=st.sampled_from(list(_MODEL_STRATEGIES)))
    def test_as_attrs_generates_them(self, data: st.DataObject, cls: type) -> None:
        """Same verdicts as attrs' own methods, field by field; equal objects hash alike."""
        first = data.draw(_MODEL_STRATEGIES[cls])
        second = data.draw(_MODEL_STRATEGIES[cls])
        assert repr(first) == repr(_twin(first))
        pairs = [(first, second), (first, copy.copy(first))]
        pairs += [
            (first, _with_field(first, field.name, getattr(second, field.name)))
            for field in attrs.fields(cls)
        ]
        for left, right in pairs:
            equal = _twin(left) == _twin(right)
            assert (left == right, left != right) == (equal, not equal)
            if equal:
                assert hash(left) == hash(right)
                assert len({left, right}) == 1

    @given(data=st.data(), cls=st.sampled_from(list(_MODEL_STRATEGIES)))
    def test_other_classes_are_not_equal(self, data: st.DataObject, cls: type) -> None:
        """An object of another class with the same field values is not equal to it."""
        obj = data.draw(_MODEL_STRATEGIES[cls])
        assert obj.__eq__(_twin(obj)) is NotImplemented
        assert obj != _twin(obj)
        assert _twin(obj) != obj
        assert obj != object()
