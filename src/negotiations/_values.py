"""Value types of single fields, and the checker derived from a class's annotations.

Field annotations are the single source of truth for a field's rules: ``Id`` is
``Annotated[str, IdForm()]``, so the constructor check, the converter and the JSON
Schema all read the same constraint from the same place.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from functools import cache, lru_cache
from typing import Annotated, Any, Final, NamedTuple, Union

import attrs

from ._countries import COUNTRY_CODES
from ._errors import Location, Problem, ValidationError
from ._lazy import LazyPattern
from ._limits import MAX_INTEGER
from ._rules import (
    BLANK,
    COUNTRY,
    DATETIME,
    ID,
    NAIVE_DATETIME,
    POSITIVE,
    SYNTAX,
    TIME_ZONE,
    TYPE,
    URL,
)
from ._time import datetime_problems

__all__ = [
    "CountryCode",
    "HttpUrl",
    "Id",
    "PositiveInt",
    "RefersTo",
    "Text",
    "TimeZoneName",
    "ensure_valid",
]

Check = Callable[[Any, Location], list[Problem]]

# Problems after which cross-field rules cannot run: they compare values of these types.
_BLOCKING: Final = frozenset({TYPE.id, NAIVE_DATETIME.id, DATETIME.id})


# --- constraints carried by annotations ----------------------------------------------


class Constraint:
    """A rule about a value that already has its field's base type.

    A constraint holds no data: two are equal when their classes are, and none can be
    changed. (Plain classes, as attrs classes took ``import negotiations`` 0.4 ms each.)
    """

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return True

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}()"

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def problems(self, value: Any, location: Location) -> list[Problem]:  # pragma: no cover
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema keywords (type included) that say this rule, as far as they can."""
        raise NotImplementedError(f"{type(self).__name__} has no JSON Schema form; add one")


#: Every character that `str.isspace` (and so `str.strip`) counts as white space, as an
#: ECMA-262 class; ``\s`` differs between regex dialects, this class does not.
WHITE_SPACE_CLASS: Final = (
    r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)


class NonBlank(Constraint):
    """A text that is not empty or only white space."""

    def problems(self, value: str, location: Location) -> list[Problem]:
        if value.strip():
            return []
        return [BLANK.problem(location, f"{value!r} is empty or only white space")]

    def json_schema(self) -> dict[str, Any]:
        """A string with at least one character that is not white space."""
        return {"type": "string", "pattern": f"[^{WHITE_SPACE_CLASS}]"}


ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$"
_ID: Final = LazyPattern(ID_PATTERN.removesuffix("$") + r"\Z")


#: Ids already seen to match `ID_PATTERN`: records name the same parties and persons over
#: and over, and a set lookup costs a fraction of a match. Bounded, for endless streams.
_KNOWN_IDS: Final[set[str]] = set()
_KNOWN_IDS_LIMIT: Final = 4096


def _is_id(value: str) -> bool:
    """Whether ``value`` (a ``str``) matches `ID_PATTERN`; remembered when it does."""
    if _ID.match(value) is None:
        return False
    if len(_KNOWN_IDS) < _KNOWN_IDS_LIMIT:
        _KNOWN_IDS.add(value)
    return True


class IdForm(Constraint):
    """An id: 1 to 200 letters, digits and ``. _ : / -``, starting with a letter or digit."""

    def problems(self, value: str, location: Location) -> list[Problem]:
        if _ID.match(value):
            return []
        if not value.strip():
            return [BLANK.problem(location, f"{value!r} is empty or only white space")]
        return [
            ID.problem(
                location,
                f"{value!r} is not an id: use 1 to 200 letters, digits and . _ : / - "
                "starting with a letter or digit",
            )
        ]

    def json_schema(self) -> dict[str, Any]:
        """A string matching `ID_PATTERN` (which reads the same in ECMA-262)."""
        return {"type": "string", "pattern": ID_PATTERN}


class Country(Constraint):
    """An ISO 3166-1 alpha-2 country code."""

    def problems(self, value: str, location: Location) -> list[Problem]:
        if value in COUNTRY_CODES:
            return []
        hint = f" (did you mean {value.upper()!r}?)" if value.upper() in COUNTRY_CODES else ""
        return [COUNTRY.problem(location, f"{value!r} is not an ISO 3166-1 alpha-2 code{hint}")]

    def json_schema(self) -> dict[str, Any]:
        """One of the codes, sorted."""
        return {"type": "string", "enum": sorted(COUNTRY_CODES)}


@lru_cache(maxsize=1024)  # bounded: a long stream of made-up names must not grow memory
def _is_time_zone(name: str) -> bool:
    import zoneinfo  # noqa: PLC0415 - loaded when first needed, not by ``import negotiations``

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


class Zone(Constraint):
    """An IANA time zone name that `zoneinfo` knows."""

    def problems(self, value: str, location: Location) -> list[Problem]:
        if len(value) <= 100 and _is_time_zone(value):
            return []
        return [TIME_ZONE.problem(location, f"{value!r} is not a known IANA time zone")]

    def json_schema(self) -> dict[str, Any]:
        """The form of a zone name; which zones exist depends on the machine's tz database."""
        return {
            "type": "string",
            "maxLength": 100,
            "pattern": r"^[A-Za-z0-9._+-]+(?:/[A-Za-z0-9._+-]+)*$",
            "description": "An IANA time zone name such as Europe/Istanbul.",
        }


#: URLs of the plainest form (an http(s) scheme, a host name of ASCII letters, digits and
#: hyphens, an optional port, then printable ASCII): `HttpUrlForm` accepts every one, so
#: the generated check takes them without splitting the URL.
_PLAIN_URL: Final = LazyPattern(
    r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?(?::[0-9]{1,5})?(?:[/?#][!-~]*)?\Z",
    re.ASCII,
)


class HttpUrlForm(Constraint):
    """An absolute http or https URL with a host."""

    def problems(self, value: str, location: Location) -> list[Problem]:
        from urllib.parse import urlsplit  # noqa: PLC0415 - most URLs never need it (see _PLAIN_URL)

        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if (
            parts is not None
            and parts.scheme in {"http", "https"}
            and parts.hostname
            and not any(char.isspace() or char < " " for char in value)
        ):
            return []
        return [URL.problem(location, f"{value!r} is not an absolute http(s) URL")]

    def json_schema(self) -> dict[str, Any]:
        """An http(s) scheme in any case, something after ``//``, no white space or controls.

        No ``format: uri``: RFC 3986 refuses URLs this library keeps (``http://пример.рф/``).
        """
        banned = rf"\x00-\x1f{WHITE_SPACE_CLASS}"
        return {
            "type": "string",
            "pattern": f"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#{banned}][^{banned}]*$",
            "description": "An absolute http or https URL with a host.",
        }


class Positive(Constraint):
    """A positive integer that JSON can carry: at most `MAX_INTEGER` (2**64 - 1).

    The bound is what a 64-bit JSON parser reads, and what `from_json` accepts, so a
    count that can be built can also be written and read back.
    """

    def problems(self, value: int, location: Location) -> list[Problem]:
        if value < 1:
            return [POSITIVE.problem(location, f"{value} is not a positive integer")]
        if value > MAX_INTEGER:
            message = f"{value} is larger than 2**64 - 1, the largest count JSON carries"
            return [POSITIVE.problem(location, message)]
        return []

    def json_schema(self) -> dict[str, Any]:
        """An integer from 1 to 2**64 - 1."""
        return {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER}


class RefersTo(NamedTuple):
    """The id of another object of the record, of one of ``kinds`` ("party", "person", ...)."""

    kinds: tuple[str, ...]


Id = Annotated[str, IdForm()]
Text = Annotated[str, NonBlank()]
CountryCode = Annotated[str, Country()]
TimeZoneName = Annotated[str, Zone()]
HttpUrl = Annotated[str, HttpUrlForm()]
PositiveInt = Annotated[int, Positive()]
PartyId = Annotated[str, IdForm(), RefersTo(("party",))]
PersonId = Annotated[str, IdForm(), RefersTo(("person",))]
PartyOrPersonId = Annotated[str, IdForm(), RefersTo(("party", "person"))]
MeetingId = Annotated[str, IdForm(), RefersTo(("meeting",))]


# --- reading annotations -------------------------------------------------------------


def strip_annotated(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """Split ``Annotated[T, *extras]`` into ``(T, extras)``; other types have no extras."""
    if typing.get_origin(tp) is Annotated:
        base, *extras = typing.get_args(tp)
        return base, tuple(extras)
    return tp, ()


def is_union(tp: Any) -> bool:
    """Whether ``tp`` is ``X | Y`` or ``Union[X, Y]``."""
    return typing.get_origin(tp) in (Union, types.UnionType)


def describe(value: object) -> str:
    """A short description of a value for a type-error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _wrong_type(expected: str) -> Check:
    def check(value: Any, location: Location) -> list[Problem]:
        return [TYPE.problem(location, f"expected {expected}, got {describe(value)}")]

    return check


def _exact_type_check(kind: type) -> Check:
    wrong = _wrong_type(kind.__name__)

    def check(value: Any, location: Location) -> list[Problem]:
        if type(value) is kind:
            return []
        return wrong(value, location)

    return check


def _encodes(value: str) -> bool:
    """Whether a string can be written as UTF-8 (it holds no lone surrogate)."""
    if value.isascii():
        return True
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


_wrong_str = _wrong_type("str")


def _str_check(value: Any, location: Location) -> list[Problem]:
    if type(value) is not str:
        return _wrong_str(value, location)
    if _encodes(value):
        return []
    # A lone surrogate cannot be written as JSON text: the same rule as in a document.
    return [
        SYNTAX.problem(location, "the string holds a lone surrogate, which UTF-8 cannot encode")
    ]


def _instance_check(kind: type) -> Check:
    wrong = _wrong_type(kind.__name__)

    def check(value: Any, location: Location) -> list[Problem]:
        if isinstance(value, kind):
            return []
        return wrong(value, location)

    return check


def _datetime_check(value: Any, location: Location) -> list[Problem]:
    if isinstance(value, datetime):
        return datetime_problems(value, location)
    return [TYPE.problem(location, f"expected datetime, got {describe(value)}")]


def _date_or_datetime_check(value: Any, location: Location) -> list[Problem]:
    if isinstance(value, datetime):
        return datetime_problems(value, location)
    if type(value) is date:
        return []
    return [TYPE.problem(location, f"expected datetime | date, got {describe(value)}")]


def _constrained(base: Check, constraints: Sequence[Constraint]) -> Check:
    def check(value: Any, location: Location) -> list[Problem]:
        problems = base(value, location)
        if problems:
            return problems
        for constraint in constraints:
            problems.extend(constraint.problems(value, location))
        return problems

    return check


def _optional(inner: Check) -> Check:
    def check(value: Any, location: Location) -> list[Problem]:
        if value is None:
            return []
        return inner(value, location)

    return check


def _collection(kind: type[tuple[Any, ...] | frozenset[Any]], item: Check) -> Check:
    wrong = _wrong_type(kind.__name__)

    def check(value: Any, location: Location) -> list[Problem]:
        if type(value) is not kind:
            return wrong(value, location)
        problems: list[Problem] = []
        for index, element in enumerate(value):
            problems.extend(item(element, (*location, index)))
        return problems

    return check


@cache
def value_check(tp: Any) -> Check:
    """The check of a Python value against a field annotation (types and constraints)."""
    base, extras = strip_annotated(tp)
    constraints = [extra for extra in extras if isinstance(extra, Constraint)]
    if constraints:
        return _constrained(value_check(base), constraints)
    if is_union(base):
        args = typing.get_args(base)
        members = [arg for arg in args if arg is not type(None)]
        check: Check
        if set(members) == {datetime, date}:
            check = _date_or_datetime_check
        elif len(members) == 1:
            check = value_check(members[0])
        else:  # pragma: no cover - the model has no other unions
            raise TypeError(f"unsupported union {base!r}")
        return _optional(check) if len(members) < len(args) else check
    origin = typing.get_origin(base)
    if origin in (tuple, frozenset):
        return _collection(origin, value_check(typing.get_args(base)[0]))
    if base is datetime:
        return _datetime_check
    if base in (str, int, bool, date, timedelta):
        return _str_check if base is str else _exact_type_check(base)
    if isinstance(base, type) and (issubclass(base, enum.Enum) or attrs.has(base)):
        return _instance_check(base)
    raise TypeError(f"unsupported field type {base!r}")  # pragma: no cover


@cache
def _field_checks(cls: Any) -> tuple[tuple[str, Check], ...]:
    attrs.resolve_types(cls)
    return tuple((field.name, value_check(field.type)) for field in attrs.fields(cls))


def _constraint_test(constraint: Constraint, name: str, env: dict[str, Any]) -> str:
    """An expression true exactly when ``constraint.problems(name)`` would be empty."""
    if type(constraint) is NonBlank:
        return f"{name}.strip() != ''"
    if type(constraint) is Country:
        env["_country_codes"] = COUNTRY_CODES
        return f"{name} in _country_codes"
    if type(constraint) is Zone:
        env["_is_time_zone"] = _is_time_zone
        return f"(len({name}) <= 100 and _is_time_zone({name}))"
    if type(constraint) is HttpUrlForm:
        env["_plain_url"] = _PLAIN_URL.compile().match
        env["_url_problems"] = constraint.problems
        return f"(_plain_url({name}) is not None or not _url_problems({name}, ()))"
    if type(constraint) is Positive:
        return f"0 < {name} <= {MAX_INTEGER}"
    key = f"_constraint{len(env)}"
    env[key] = constraint.problems
    return f"not {key}({name}, ())"


def _id_test(name: str, env: dict[str, Any]) -> str:
    """`value_test` of an `Id`: a remembered id passed every test after the lookup."""
    env.update(_str=str, _encodes=_encodes, _known_ids=_KNOWN_IDS, _is_id=_is_id)
    return (
        f"type({name}) is _str and ({name} in _known_ids"
        f" or (({name}.isascii() or _encodes({name})) and _is_id({name})))"
    )


def value_test(tp: Any, name: str, env: dict[str, Any], depth: int = 0) -> str:
    """An expression true exactly when ``value_check(tp)`` finds no problem in ``name``."""
    base, extras = strip_annotated(tp)
    constraints = [extra for extra in extras if isinstance(extra, Constraint)]
    if constraints:
        if constraints == [IdForm()] and base is str:
            tests = [_id_test(name, env)]
        else:
            tests = [value_test(base, name, env, depth)]
            tests += [_constraint_test(constraint, name, env) for constraint in constraints]
        return f"({' and '.join(tests)})"
    env["_datetime_problems"] = datetime_problems
    env["_datetime"] = datetime
    env["_timezone"] = timezone
    # A datetime with a fixed whole-second offset, away from the ends of the calendar
    # (where moving it to UTC could overflow), has no problem: decide those inline.
    aware = (
        f"((type({name}) is _datetime and type({name}.tzinfo) is _timezone"
        f" and not {name}.utcoffset().microseconds and 1 < {name}.year < 9999)"
        f" or (isinstance({name}, _datetime) and not _datetime_problems({name}, ())))"
    )
    if is_union(base):
        args = typing.get_args(base)
        members = [arg for arg in args if arg is not type(None)]
        if set(members) == {datetime, date}:
            env["_date"] = date
            test = f"({aware} or type({name}) is _date)"
        elif len(members) == 1:
            test = value_test(members[0], name, env, depth)
        else:  # pragma: no cover - the model has no other unions
            raise TypeError(f"unsupported union {base!r}")
        return f"({name} is None or {test})" if len(members) < len(args) else test
    origin = typing.get_origin(base)
    if origin in (tuple, frozenset):
        item = f"item{depth}"
        env[f"_{origin.__name__}"] = origin
        test = value_test(typing.get_args(base)[0], item, env, depth + 1)
        return f"(type({name}) is _{origin.__name__} and all({test} for {item} in {name}))"
    if base is datetime:
        return aware
    key = f"_type{len(env)}"
    env[key] = base
    if base is str:  # and holds no lone surrogate, as `_str_check` demands
        env["_encodes"] = _encodes
    if base in (str, int, bool, date, timedelta):
        exact = f"type({name}) is {key}"
        return f"({exact} and ({name}.isascii() or _encodes({name})))" if base is str else exact
    return f"isinstance({name}, {key})"


def value_test_lines(tp: Any, name: str, env: dict[str, Any], fail: str) -> list[str]:
    """Source lines that run ``fail`` unless ``name`` passes `value_test` of ``tp``.

    Arrays are tested in a loop, which costs less than ``all()`` over a generator.
    """
    base, extras = strip_annotated(tp)
    origin = typing.get_origin(base)
    if origin in (tuple, frozenset) and not extras:
        env[f"_{origin.__name__}"] = origin
        test = value_test(typing.get_args(base)[0], "item", env, 1)
        return [
            f"if type({name}) is not _{origin.__name__}:",
            f"    {fail}",
            f"for item in {name}:",
            f"    if not {test}:",
            f"        {fail}",
        ]
    return [f"if not {value_test(tp, name, env)}:", f"    {fail}"]


@cache
def _fields_pass(cls: Any) -> Callable[[Any], bool]:
    """A generated test that every field of a ``cls`` instance has its type and constraints.

    It is the fast path of `ensure_valid`: one function, no problem objects; only
    when it fails does the detailed pass run to say what is wrong and where.
    """
    attrs.resolve_types(cls)
    env: dict[str, Any] = {"type": type, "isinstance": isinstance, "all": all, "len": len}
    lines = ["def fields_pass(instance):"]
    for field in attrs.fields(cls):
        lines.append(f"    value = instance.{field.name}")
        lines += [
            f"    {line}" for line in value_test_lines(field.type, "value", env, "return False")
        ]
    lines.append("    return True")
    code = compile("\n".join(lines), f"<negotiations fields_pass {cls.__qualname__}>", "exec")
    exec(code, env)  # noqa: S102 - source built above from the class's own annotations
    fields_pass: Callable[[Any], bool] = env["fields_pass"]
    return fields_pass


def field_problems(instance: Any) -> list[Problem]:
    """Type and constraint problems of every field of an attrs instance, each with its field."""
    problems: list[Problem] = []
    for name, check in _field_checks(instance.__class__):
        problems.extend(check(getattr(instance, name), (name,)))
    return problems


def ensure_valid(instance: Any, rules: Callable[[Any], list[Problem]] | None = None) -> None:
    """Raise `ValidationError` listing every problem of a freshly built instance.

    Field types and constraints are checked first; the class's cross-field ``rules``
    also run unless a field has the wrong type (they rely on types, not on constraints),
    so two broken rules in one object are reported as two problems.
    """
    if _fields_pass(instance.__class__)(instance):  # the common case, in fewest steps
        if rules is None:
            return
        problems = rules(instance)
        if problems:
            raise ValidationError(problems, type(instance).__name__)
        return
    problems = field_problems(instance)
    if rules is not None and not any(problem.rule in _BLOCKING for problem in problems):
        problems.extend(rules(instance))
    if problems:  # pragma: no branch - the generated test fails only when there are some
        raise ValidationError(problems, type(instance).__name__)


Rules = Callable[[Any], list[Problem]]

#: The cross-field rules of each ``__attrs_post_init__`` made by `checked_on_init`.
_RULES_OF_POST_INIT: Final[dict[Callable[[Any], None], Rules | None]] = {}


def checked_on_init(rules: Rules | None = None) -> Callable[[Any], None]:
    """An ``__attrs_post_init__`` that runs `ensure_valid` with a class's cross-field ``rules``.

    Declaring the rules this way lets the converter find them (`rules_checked_on_init`)
    and check an instance it builds from JSON with exactly these tests.
    """

    def __attrs_post_init__(self: Any) -> None:  # noqa: N807 - the name attrs calls
        ensure_valid(self, rules)

    _RULES_OF_POST_INIT[__attrs_post_init__] = rules
    return __attrs_post_init__


_NOT_CHECKED: Final = object()


def rules_checked_on_init(cls: type) -> tuple[bool, Rules | None]:
    """Whether creating a ``cls`` runs just `ensure_valid`, and the rules it passes.

    True only for classes whose ``__attrs_post_init__`` comes from `checked_on_init`
    and whose fields have no validators or converters of their own: for those, an
    instance whose fields pass `value_test` and whose ``rules`` find nothing is exactly
    an instance ``cls(...)`` would accept.
    """
    rules = _RULES_OF_POST_INIT.get(getattr(cls, "__attrs_post_init__", None), _NOT_CHECKED)  # type: ignore[arg-type]
    if rules is _NOT_CHECKED or getattr(cls, "__attrs_pre_init__", None) is not None:
        return False, None
    if any(
        field.validator is not None or field.converter is not None for field in attrs.fields(cls)
    ):
        return False, None
    return True, rules  # type: ignore[return-value]
