"""Limits on what a document may hold, so that hostile input costs bounded time and memory.

`Limits` holds the caller-raisable numbers. The fast count in ``_json`` only says
whether a document is within them; when it is not, `limit_problems` walks the data
again, slowly, to say where.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from ._errors import Location, Problem
from ._model import Model
from ._rules import LIMIT, SYNTAX, TYPE

__all__ = ["DEFAULT_LIMITS", "Limits", "cap_problems", "limit_problems"]

#: The range of integers a document may hold: what a 64-bit JSON parser reads.
MIN_INTEGER: Final = -(2**63)
MAX_INTEGER: Final = 2**64 - 1

_SCALARS: Final = frozenset({float, bool, type(None)})


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        msg = f"Limits.{attribute.name} must be a positive integer, got {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Limits(Model):
    """How large a document `from_json`, `from_dict` and `iter_jsonl` accept.

    The defaults are far above any real record; raise one with
    ``Limits(max_string_length=10_000_000)``. A document beyond a limit is refused
    with a `ValidationError` whose problems have the rule ``document.limit``.
    """

    #: The size of JSON text in UTF-8 bytes (for `from_dict`: the number of values).
    max_bytes: int = attrs.field(default=256 * 1024 * 1024, validator=_positive)
    #: How deeply arrays and objects nest (``{"a": [1]}`` nests 2 deep).
    max_depth: int = attrs.field(default=64, validator=_positive)
    #: The length of any string, object keys included, in characters.
    max_string_length: int = attrs.field(default=1_000_000, validator=_positive)
    #: The number of items of any array, or of keys of any object.
    max_items: int = attrs.field(default=1_000_000, validator=_positive)
    #: How many problems a `ValidationError` lists; one more problem says how many were cut.
    max_problems: int = attrs.field(default=1000, validator=_positive)


#: The limits used when a caller gives none.
DEFAULT_LIMITS: Final = Limits()


def cap_problems(problems: list[Problem], limits: Limits) -> list[Problem]:
    """At most ``max_problems`` problems, then one that says how many more there were."""
    if len(problems) <= limits.max_problems:
        return problems
    cut = len(problems) - limits.max_problems
    return [
        *problems[: limits.max_problems],
        LIMIT.problem(
            (),
            f"{cut} more problems are not listed (max_problems is {limits.max_problems})",
        ),
    ]


def _key_problem(key: object, location: Location) -> Problem:
    return TYPE.problem(
        location, f"object keys are strings, got a key of type {type(key).__name__}"
    )


def _value_problem(value: Any, location: Location, limits: Limits) -> Problem | None:
    kind = type(value)
    if kind is str:
        if len(value) > limits.max_string_length:
            return LIMIT.problem(
                location,
                f"a string of {len(value)} characters is longer than "
                f"max_string_length {limits.max_string_length}",
            )
        if not value.isascii():
            try:
                value.encode()
            except UnicodeEncodeError:
                return SYNTAX.problem(
                    location, "the string holds a lone surrogate, which UTF-8 cannot encode"
                )
    elif kind is int:
        if not MIN_INTEGER <= value <= MAX_INTEGER:
            return LIMIT.problem(
                location, "the integer is outside the 64-bit range that JSON parsers read"
            )
    elif kind in (dict, list, tuple):
        if len(value) > limits.max_items:
            return LIMIT.problem(
                location,
                f"{len(value)} items are more than max_items {limits.max_items}",
            )
    elif kind not in _SCALARS:
        return TYPE.problem(location, f"a {kind.__name__} is not a JSON value")
    return None


# A location during the walk: None at the root, else (parent, key or index); turned into
# a tuple only for a problem, so that each step of the walk costs the same however deep.
_Node = tuple["_Node", str | int] | None


def _location(node: _Node) -> Location:
    segments: list[str | int] = []
    while node is not None:
        node, segment = node
        segments.append(segment)
    return tuple(reversed(segments))


def _children(
    item: Any, node: _Node, limits: Limits, problems: list[Problem]
) -> list[tuple[_Node, Any]]:
    """The items of a container, last first; problems of its keys go to ``problems``."""
    if type(item) is not dict:
        items: list[tuple[_Node, Any]] = [
            ((node, index), value) for index, value in enumerate(item)
        ]
        return items[::-1]
    children: list[tuple[_Node, Any]] = []
    for key, value in reversed(item.items()):
        problem = (
            _key_problem(key, _location(node))
            if type(key) is not str
            else _value_problem(key, _location(node), limits)
        )
        if problem is None:
            children.append(((node, key), value))
        else:
            problems.append(problem)
    return children


def limit_problems(data: Any, limits: Limits) -> list[Problem]:
    """Every value of ``data`` beyond a limit, or not plain JSON data, with its location.

    The walk is iterative (no recursion however deep the data), never descends below
    ``max_depth``, and stops after ``max_problems`` problems, so it is bounded even for
    data that refers to itself.
    """
    problems: list[Problem] = []
    values = -1  # the values inside the data: the data itself is not counted
    stack: list[tuple[_Node, int, Any]] = [(None, 0, data)]
    while stack and len(problems) <= limits.max_problems:
        node, depth, item = stack.pop()
        values += 1
        if values > limits.max_bytes:
            problems.append(
                LIMIT.problem((), f"the data holds more than max_bytes {limits.max_bytes} values")
            )
            break
        problem = _value_problem(item, (), limits)
        if problem is not None:
            problems.append(attrs.evolve(problem, location=_location(node)))
            continue
        if type(item) not in (dict, list, tuple):
            continue
        if depth >= limits.max_depth:
            problems.append(
                LIMIT.problem(
                    _location(node), f"nesting is deeper than max_depth {limits.max_depth}"
                )
            )
            continue
        stack.extend(
            (child, depth + 1, value) for child, value in _children(item, node, limits, problems)
        )
    if len(problems) > limits.max_problems:
        problems[limits.max_problems :] = [
            LIMIT.problem((), f"problems after the first {limits.max_problems} are not listed")
        ]
    return problems
