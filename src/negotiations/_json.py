"""JSON text and plain dicts in and out, through the library's converter."""

from __future__ import annotations

from typing import Any, Final, TypeVar

import attrs
import cattrs

from ._converter import JsonDefault, _configure_json_unstructure, make_converter
from ._errors import Location, Problem, ValidationError
from ._limits import (
    _SCALARS,
    DEFAULT_LIMITS,
    MAX_INTEGER,
    MIN_INTEGER,
    Limits,
    cap_problems,
    limit_problems,
)
from ._rules import DUPLICATE_KEY, LIMIT, SYNTAX

# orjson and the standard library's json load on first use (in the functions below), so
# ``import negotiations`` stays cheap for programs that build the types in Python.

__all__ = ["Limits", "from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")

_converter: cattrs.Converter | None = None
_json_writer: tuple[cattrs.Converter, JsonDefault] | None = None


def _the_converter() -> cattrs.Converter:
    """The library's own converter, built on first use to keep ``import`` cheap."""
    global _converter  # noqa: PLW0603 - a lazily built module singleton
    if _converter is None:
        _converter = make_converter()
    return _converter


def _the_json_converter() -> tuple[cattrs.Converter, JsonDefault]:
    """The converter `to_json` unstructures with, and the ``default`` it writes with.

    The converter leaves what orjson writes the same way as it is.
    """
    global _json_writer  # noqa: PLW0603 - a lazily built module singleton
    if _json_writer is None:
        converter = make_converter()
        _json_writer = converter, _configure_json_unstructure(converter)
    return _json_writer


#: How much of ``repr(cls)`` an error names when ``cls`` has no ``__name__``.
_SUBJECT_LENGTH: Final = 60


def _subject(cls: object) -> str:
    """What an error says it was loading: ``cls``'s name, or a bounded ``repr`` of it."""
    name = getattr(cls, "__name__", None)
    if isinstance(name, str):
        return name
    text = repr(cls)
    return text if len(text) <= _SUBJECT_LENGTH else f"{text[: _SUBJECT_LENGTH - 3]}..."


def _swapped(value: object, name: str) -> str:
    """A hint for a class passed where the data goes: the arguments' order."""
    if isinstance(value, type):
        return f"; the arguments are {name}, in that order"
    return ""


def to_dict(obj: object) -> Any:
    """The plain, JSON-compatible form of ``obj`` (dicts, lists, strings, numbers)."""
    return _the_converter().unstructure(obj)


def from_dict(data: Any, cls: type[T], *, limits: Limits | None = None) -> T:
    """Build a ``cls`` from its plain form, or raise `ValidationError` with every problem.

    ``data`` is checked against ``limits`` (default `Limits()`) first; it must be plain
    JSON data (dicts with string keys, lists, strings, numbers, booleans, None).
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    if _pairs_and_colons(data, limits, python=True) is None:
        problems = limit_problems(data, limits)
        hint = _swapped(data, "from_dict(data, cls)")
        if hint:  # a class is not JSON data: one problem, at the root
            problems = [attrs.evolve(problems[0], message=problems[0].message + hint)]
        raise ValidationError(problems, _subject(cls))
    return _structure(data, cls, limits)


def _structure(data: Any, cls: type[T], limits: Limits) -> T:
    try:
        return _the_converter().structure(data, cls)
    except ValidationError as error:
        raise ValidationError(cap_problems(list(error.problems), limits), _subject(cls)) from None


def to_json(obj: object, *, indent: bool = False) -> str:
    """``obj`` as JSON text; the same object always gives the same text.

    The text is compact, or indented by two spaces with ``indent=True``.
    """
    import orjson  # noqa: PLC0415 - loaded on first use (see the imports above)

    option = orjson.OPT_INDENT_2 if indent else 0
    converter, default = _the_json_converter()
    return orjson.dumps(converter.unstructure(obj), default=default, option=option).decode()


def from_json(text: str | bytes, cls: type[T], *, limits: Limits | None = None) -> T:
    """Parse JSON text (``str`` or UTF-8 ``bytes``) into a ``cls``.

    Malformed JSON, a document beyond ``limits`` (default `Limits()`), a key repeated
    in one object, and every broken rule of the data are all reported as one
    `ValidationError`.
    """
    limits = DEFAULT_LIMITS if limits is None else limits
    if type(text) is not str and type(text) is not bytes:
        raise ValidationError(
            [
                SYNTAX.problem(
                    (),
                    f"JSON text is str or bytes, not {type(text).__name__}"
                    + _swapped(text, "from_json(text, cls)"),
                )
            ],
            _subject(cls),
        )
    size = len(text)
    if size > limits.max_bytes // 4 and type(text) is str:
        size = len(text.encode(errors="surrogatepass"))
    if size > limits.max_bytes:
        raise ValidationError(
            [LIMIT.problem((), f"{size} bytes are more than max_bytes {limits.max_bytes}")],
            _subject(cls),
        )
    import orjson  # noqa: PLC0415 - loaded on first use (see the imports above)

    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        rule = LIMIT if "depth limit" in str(error) else SYNTAX
        raise ValidationError(
            [rule.problem((), f"not valid JSON: {error}")], _subject(cls)
        ) from None
    if not _surely_fine(text, data, limits):  # cannot tell: count every value exactly
        counts = _pairs_and_colons(data, limits)
        if counts is None:
            raise ValidationError(limit_problems(data, limits), _subject(cls))
        duplicates = _duplicate_key_problems(text, counts)
        if duplicates:
            raise ValidationError(cap_problems(duplicates, limits), _subject(cls))
    return _structure(data, cls, limits)


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


_UP: Final = object()  # pushed before a container's items: popping it leaves the container


def _pairs_and_colons(  # noqa: C901, PLR0911, PLR0912 - one pass over every value, kept in one loop
    data: Any, limits: Limits, *, python: bool = False
) -> tuple[int, int] | None:
    """Count the keys of all objects and the colons in all strings (keys included).

    The same pass checks ``limits``, and returns None when anything is beyond them, or
    (for Python data, ``python=True``) is not plain JSON data: `limit_problems` then says where.
    """
    pairs = 0
    colons = 0
    values = 0
    depth = 0
    max_string = limits.max_string_length
    max_items = limits.max_items
    max_depth = limits.max_depth
    max_values = limits.max_bytes
    stack = [data]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str:
            if len(item) > max_string:
                return None
            if python and not item.isascii():
                try:
                    item.encode()
                except UnicodeEncodeError:
                    return None
            colons += item.count(":")
        elif kind is dict:
            depth += 1
            values += len(item)
            if len(item) > max_items or depth > max_depth or values > max_values:
                return None
            stack.append(_UP)
            if not item:
                continue
            pairs += len(item)
            try:  # all keys at once: a key that is not a string is a TypeError
                keys = "".join(item)
            except TypeError:
                return None
            if len(keys) > max_string and max(map(len, item)) > max_string:
                return None
            if python and not keys.isascii():
                try:
                    keys.encode()
                except UnicodeEncodeError:
                    return None
            colons += keys.count(":")
            stack.extend(item.values())
        elif kind is list or (python and kind is tuple):
            depth += 1
            values += len(item)
            if len(item) > max_items or depth > max_depth or values > max_values:
                return None
            stack.append(_UP)
            stack.extend(item)
        elif item is _UP:
            depth -= 1
        elif kind is int:
            if not MIN_INTEGER <= item <= MAX_INTEGER:
                return None
        elif kind not in _SCALARS:
            return None
    return pairs, colons


def _surely_fine(text: str | bytes, data: Any, limits: Limits) -> bool:
    """Whether parsed JSON surely has no repeated key and is within ``limits``.

    ``data`` is what orjson parsed from ``text``. False means "maybe not": then the
    one-pass count decides. It asks orjson to write ``data`` back, compact and indented,
    instead of visiting every value in Python (several times faster on large documents):

    * repeated keys: if the compact form is the text itself (bytes orjson wrote, say),
      no key was dropped. Otherwise: orjson writes one colon per key and the colons
      inside strings as they are, so the compact form has as many colons as the text
      exactly when no key was dropped (unless the text wrote a colon as an escape: then
      "maybe");
    * the number of values, and of items in one array or object: each takes at least
      one byte of the compact form, and a comma between two (so ``n`` items take at
      least ``2 * n + 1`` bytes with their brackets);
    * string lengths: with no escaped quote in the compact form, a string longer than
      ``max_string_length`` is a run of more than that many bytes without a quote, so
      it would cover a whole aligned window of half that length: every window holding a
      quote rules it out;
    * depth: the indented form starts a container nested deeper than ``max_depth`` on a
      line indented by ``2 * max_depth`` spaces or more;
    * integers: orjson reads an integer beyond 64 bits as a float, so none is too large.
    """
    import orjson  # noqa: PLC0415 - loaded on first use (see the imports above)

    try:
        compact = orjson.dumps(data)
        indented = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # deeper than orjson writes, say: let the count decide
        return False
    # Text that orjson writes back byte for byte has no key repeated: nothing to count.
    if not (isinstance(text, bytes) and text == compact):
        # A backslash is looked for first (one fast byte search), the escapes only if one is.
        if isinstance(text, str):
            colons = text.count(":")
            escaped = "\\" in text and "\\u003" in text  # \u003a, \u003A: "maybe", and more
        else:
            colons = text.count(b":")
            escaped = b"\\" in text and b"\\u003" in text
        if escaped or colons != compact.count(b":"):
            return False
    size = len(compact)
    if size > limits.max_bytes or size > 2 * limits.max_items + 2:
        return False
    window = (limits.max_string_length + 1) // 2
    if size // window > 64 or (b"\\" in compact and b'\\"' in compact):
        return False
    if any(
        compact.find(b'"', start, start + window) < 0
        for start in range(0, size - window + 1, window)
    ):
        return False
    return b"\n" + b" " * (2 * limits.max_depth) not in indented


def _duplicate_key_problems(text: str | bytes, counts: tuple[int, int]) -> list[Problem]:
    if isinstance(text, str):
        colons_in_text = text.count(":")
        escaped = any(escape in text for escape in _ESCAPED_COLONS)
    else:
        colons_in_text = text.count(b":")
        escaped = any(escape.encode() in text for escape in _ESCAPED_COLONS)
    pairs, colons_in_strings = counts
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
    import json  # noqa: PLC0415 - only this rare, exact check needs it

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
