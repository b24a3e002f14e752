"""What keeps ``import negotiations`` cheap behaves like what it replaced.

(Which modules the import loads is tested in test_api.py.)
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations._lazy import LazyPattern
from negotiations._values import Constraint, Country, IdForm, NonBlank, Positive, Zone

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
