"""JSON text and plain dicts in and out, through the library's converter."""

from __future__ import annotations

import json
from typing import Any, Final, TypeVar

import cattrs
import orjson

from ._converter import make_converter
from ._errors import Location, Problem, ValidationError
from ._rules import DUPLICATE_KEY, SYNTAX

__all__ = ["from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")

_converter: cattrs.Converter | None = None


def _the_converter() -> cattrs.Converter:
    """The library's own converter, built on first use to keep ``import`` cheap."""
    global _converter  # noqa: PLW0603 - a lazily built module singleton
    if _converter is None:
        _converter = make_converter()
    return _converter


def _subject(cls: type) -> str:
    return getattr(cls, "__name__", repr(cls))


def to_dict(obj: object) -> Any:
    """The plain, JSON-compatible form of ``obj`` (dicts, lists, strings, numbers)."""
    return _the_converter().unstructure(obj)


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from its plain form, or raise `ValidationError` with every problem."""
    try:
        return _the_converter().structure(data, cls)
    except ValidationError as error:
        raise ValidationError(error.problems, _subject(cls)) from None


def to_json(obj: object, *, indent: bool = False) -> str:
    """``obj`` as JSON text; the same object always gives the same text.

    The text is compact, or indented by two spaces with ``indent=True``.
    """
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(_the_converter().unstructure(obj), option=option).decode()


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Parse JSON text (``str`` or UTF-8 ``bytes``) into a ``cls``.

    Malformed JSON, a key repeated in one object, and every broken rule of the data
    are all reported as one `ValidationError`.
    """
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ValidationError(
            [SYNTAX.problem((), f"not valid JSON: {error}")], _subject(cls)
        ) from None
    duplicates = _duplicate_key_problems(text, data)
    if duplicates:
        raise ValidationError(duplicates, _subject(cls))
    return from_dict(data, cls)


# --- duplicate keys --------------------------------------------------------------------
#
# orjson, like most parsers, lets a later duplicate key silently win. Parsing every
# document a second time with the standard library's object_pairs_hook would catch that,
# at about twice orjson's cost. Instead, count: every key/value pair in the text has one
# colon outside strings, so (colons in the text) - (colons inside parsed strings) is the
# number of pairs the text holds. If that equals the number of keys parsed, no key was
# dropped. The count can only be fooled by a colon written as an escape (\u003a), and
# it can only err towards "maybe": then the exact, slower check decides.

_ESCAPED_COLONS: Final = ("\\u003a", "\\u003A")


def _pairs_and_colons(data: Any) -> tuple[int, int]:
    """Count the keys of all objects and the colons in all strings (keys included)."""
    pairs = 0
    colons = 0
    stack = [data]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            pairs += len(item)
            for key, value in item.items():
                colons += key.count(":")
                stack.append(value)
        elif kind is list:
            stack.extend(item)
        elif kind is str:
            colons += item.count(":")
    return pairs, colons


def _duplicate_key_problems(text: str | bytes, data: Any) -> list[Problem]:
    if isinstance(text, str):
        colons_in_text = text.count(":")
        escaped = any(escape in text for escape in _ESCAPED_COLONS)
    else:
        colons_in_text = text.count(b":")
        escaped = any(escape.encode() in text for escape in _ESCAPED_COLONS)
    pairs, colons_in_strings = _pairs_and_colons(data)
    if not escaped and colons_in_text - colons_in_strings == pairs:
        return []
    return _exact_duplicate_key_problems(text)


class _Pairs(dict[str, Any]):
    """A parsed object that remembers the keys it saw more than once."""

    repeated: list[str]


def _keep_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = _Pairs(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        result.repeated = []
        for key, _ in pairs:
            if key in seen and key not in result.repeated:
                result.repeated.append(key)
            seen.add(key)
    return result


def _exact_duplicate_key_problems(text: str | bytes) -> list[Problem]:
    data = json.loads(text, object_pairs_hook=_keep_pairs)
    problems: list[Problem] = []
    stack: list[tuple[Location, Any]] = [((), data)]
    while stack:
        location, item = stack.pop()
        if isinstance(item, dict):
            problems.extend(
                DUPLICATE_KEY.problem(
                    (*location, key), f"key {key!r} appears more than once in this object"
                )
                for key in getattr(item, "repeated", ())
            )
            stack.extend(((*location, key), value) for key, value in item.items())
        elif isinstance(item, list):
            stack.extend(((*location, index), value) for index, value in enumerate(item))
    problems.sort(key=lambda problem: problem.path)
    return problems
