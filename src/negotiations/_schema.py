"""JSON Schema (draft 2020-12) of every public type, generated from the types themselves.

The generator walks ``attrs.fields`` with their resolved annotations, the same ones the
constructor checks and the converter read, so the schema cannot drift from them: each
`Constraint` states its own schema, and an annotation this module does not know raises.
"""

from __future__ import annotations

import enum
import inspect
import json
import re
import typing
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

import attrs

from . import _rules
from ._exchanges import (
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    ExchangeStatus,
    Handover,
    Quantity,
)
from ._lazy import LazyPattern
from ._meetings import Meeting, MeetingFormat, MeetingKind, MeetingStatus, Venue
from ._parties import Delegation, DelegationLevel, Party, PartyKind, Person
from ._record import FORMAT_VERSION, NegotiationRecord
from ._rules import RULES, Rule
from ._statements import Source, Statement, StatementKind, Wording
from ._time import _DATE_TEXT, _DATETIME_TEXT, _DURATION_TEXT, TimePrecision
from ._values import Constraint, RefersTo, is_union, strip_annotated

__all__ = [
    "SCHEMA_BASE",
    "SCHEMA_EXPRESSES",
    "SCHEMA_TYPES",
    "json_schema",
    "partly_expressed",
    "schema_text",
    "unexpressed",
]

#: The draft the schemas follow.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: Where the schemas of this format version live; a type's ``$id`` is ``{base}{name}.json``.
SCHEMA_BASE: Final = f"https://negotiations.readthedocs.io/schema/{FORMAT_VERSION}/"

#: The public types that documents hold, by name: the ones ``negotiations schema`` knows.
SCHEMA_TYPES: Final[Mapping[str, type]] = {
    cls.__name__: cls
    for cls in (
        NegotiationRecord,
        Party,
        Person,
        Delegation,
        Venue,
        Meeting,
        ExchangeProposal,
        ExchangeSide,
        Handover,
        Statement,
        Source,
        DelegationLevel,
        ExchangeCategory,
        ExchangeStatus,
        MeetingFormat,
        MeetingKind,
        MeetingStatus,
        PartyKind,
        Quantity,
        StatementKind,
        TimePrecision,
        Wording,
    )
}

#: How much of each rule of `RULES` the schema checks: ``None`` for all of it, else the
#: part it leaves to the library. A rule not listed here is one JSON Schema cannot say at
#: all. This is the one place that split is written; the schema's description and the
#: docs list what follows from it, and the tests hold the schema to every claim.
SCHEMA_EXPRESSES: Final[Mapping[str, str | None]] = {
    _rules.UNKNOWN_KEY.id: None,
    _rules.MISSING_KEY.id: None,
    _rules.FORMAT_VERSION.id: None,
    _rules.TYPE.id: "the schema cannot tell 1.0 from 1: JSON Schema counts 1.0 as an integer",
    _rules.BLANK.id: None,
    _rules.ID.id: None,
    _rules.POSITIVE.id: None,
    _rules.ENUM.id: None,
    _rules.NAIVE_DATETIME.id: None,
    _rules.COUNTRY.id: None,
    _rules.DATETIME.id: (
        "the schema checks the form only: not that the date and time exist, "
        "nor that the offset is the one the [Zone] had at that time"
    ),
    _rules.DATE.id: "the schema checks the form; that the day exists only where formats are asserted",
    _rules.DURATION.id: "the schema checks the form, not that the duration fits (at most 999999999 days)",
    _rules.TIME_ZONE.id: (
        "the schema checks the form of a zone name, not that the IANA database knows it"
    ),
    _rules.URL.id: "the schema checks the scheme and the absence of white space, not the host",
    _rules.DUPLICATE_ITEM.id: (
        "the schema checks sets (uniqueItems), not repeated delegation members or repeated "
        "previous starts, nor the same instant written with two offsets"
    ),
}


def unexpressed() -> list[Rule]:
    """The rules JSON Schema cannot express at all, in catalogue order."""
    return [rule for rule_id, rule in RULES.items() if rule_id not in SCHEMA_EXPRESSES]


def partly_expressed() -> list[tuple[Rule, str]]:
    """The rules the schema checks in part, each with what it leaves out."""
    return [
        (RULES[rule_id], missing)
        for rule_id, missing in SCHEMA_EXPRESSES.items()
        if missing is not None
    ]


# --- text forms, from the converter's own regular expressions --------------------------

_PYTHON_ONLY: Final = re.compile(r"\\[AZdDwWsSbB]|\(\?[PaiLmsux<=!]")


def _ecma(pattern: re.Pattern[str] | LazyPattern) -> str:
    r"""An anchored ECMA-262 pattern for a Python regex that is matched from its start.

    Only ``\d`` (ASCII digits, given ``re.ASCII``) and the final ``\Z`` need rewriting;
    any other Python-only construct raises, so a change to the regex cannot slip through.
    """
    if not pattern.flags & re.ASCII:  # pragma: no cover - the converter's regexes are ASCII
        raise ValueError(f"{pattern.pattern!r} is not ASCII-only")
    text = pattern.pattern.removesuffix(r"\Z").replace(r"\d", "[0-9]")
    leftover = _PYTHON_ONLY.search(text)
    if leftover is not None or not pattern.pattern.endswith(r"\Z"):  # pragma: no cover
        raise ValueError(f"{pattern.pattern!r} does not translate to ECMA-262")
    return f"^{text}$"


def _datetime_schema() -> dict[str, Any]:
    # No "format": "date-time": RFC 3339 refuses the [Zone/Name] suffix and offsets with
    # seconds, both of which this library writes.
    return {
        "title": "DateTime",
        "description": (
            "An ISO 8601 datetime with its UTC offset (Z or +HH:MM), optionally followed by "
            "an RFC 9557 [Zone/Name] suffix: 2025-05-15T13:36:00+03:00[Europe/Istanbul]."
        ),
        "type": "string",
        "pattern": _ecma(_DATETIME_TEXT),
    }


def _date_schema() -> dict[str, Any]:
    return {
        "title": "Date",
        "description": "An ISO 8601 calendar date, YYYY-MM-DD.",
        "type": "string",
        "format": "date",
        "pattern": _ecma(_DATE_TEXT),
    }


def _duration_schema() -> dict[str, Any]:
    # The converter also refuses a text that ends in P or T ("P", "P1DT"): a lookahead.
    return {
        "title": "Duration",
        "description": (
            "An ISO 8601 duration in days, hours, minutes and seconds, such as PT15M or "
            "-P1DT2H (no years or months: their length depends on the calendar)."
        ),
        "type": "string",
        "pattern": "^(?!.*[PT]$)" + _ecma(_DURATION_TEXT).removeprefix("^"),
    }


_SCALARS: Final[Mapping[Any, Mapping[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
}

_NAMED_FORMS: Final = {
    datetime: ("DateTime", _datetime_schema),
    date: ("Date", _date_schema),
    timedelta: ("Duration", _duration_schema),
}


# --- the generator ----------------------------------------------------------------------


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _described(schema: dict[str, Any], docstring: str | None) -> dict[str, Any]:
    if docstring:
        schema["description"] = inspect.cleandoc(docstring)
    return schema


class _Generator:
    """Builds one schema, collecting the ``$defs`` that its types need."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, object] = {}

    def define(self, name: str, owner: object, build: typing.Callable[[], dict[str, Any]]) -> None:
        if name in self.owners:
            if self.owners[name] is not owner:
                raise TypeError(f"two different types are both called {name!r}")
            return
        self.owners[name] = owner
        self.defs[name] = build()

    def annotation(self, tp: Any) -> dict[str, Any]:
        """The schema of a value of annotation ``tp``."""
        base, extras = strip_annotated(tp)
        schema = self.annotation(base) if extras else self.plain(base)
        constraints = []
        for extra in extras:
            if isinstance(extra, Constraint):
                constraints.append(extra.json_schema())
            elif isinstance(extra, RefersTo):
                kinds = " or ".join(extra.kinds)
                schema = {**schema, "description": f"The id of a {kinds} in the same record."}
            else:
                raise TypeError(f"no JSON Schema form for the annotation {extra!r} of {tp!r}")
        if not constraints:
            return schema
        for constraint in constraints:
            if constraint.get("type", schema.get("type")) != schema.get("type"):
                raise TypeError(f"{constraint!r} does not apply to {_type_name(base)}")
        if len(constraints) == 1:
            return {**constraints[0], **schema}
        return {**schema, "allOf": constraints}

    def plain(self, tp: Any) -> dict[str, Any]:  # noqa: PLR0911 - one return per kind of type
        if is_union(tp):
            args = typing.get_args(tp)
            members = [self.annotation(arg) for arg in args if arg is not type(None)]
            if type(None) in args:
                members.append({"type": "null"})
            return {"anyOf": members}
        origin = typing.get_origin(tp)
        if origin is tuple and typing.get_args(tp)[1:] == (Ellipsis,):
            return {"type": "array", "items": self.annotation(typing.get_args(tp)[0])}
        if origin is frozenset:
            return {
                "type": "array",
                "items": self.annotation(typing.get_args(tp)[0]),
                "uniqueItems": True,
            }
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if tp in _NAMED_FORMS:
            name, build = _NAMED_FORMS[tp]
            self.define(name, tp, build)
            return _ref(name)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            self.define(tp.__name__, tp, lambda: self.enum(tp))
            return _ref(tp.__name__)
        if isinstance(tp, type) and attrs.has(tp):
            self.define(tp.__name__, tp, lambda: self.attrs_class(tp))
            return _ref(tp.__name__)
        raise TypeError(f"no JSON Schema form for the type {tp!r}")

    def enum(self, cls: type[enum.Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        kinds = {type(value) for value in values}
        if not kinds <= {str, int} or len(kinds) != 1:
            raise TypeError(f"no JSON Schema form for the values of {cls.__name__}")
        (kind,) = kinds
        schema = {"title": cls.__name__, **_SCALARS[kind]}
        return {**_described(schema, cls.__doc__), "enum": values}

    def attrs_class(self, cls: type) -> dict[str, Any]:
        from ._json import _the_converter  # noqa: PLC0415 - the converter loads when needed

        converter = _the_converter()

        attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if cls is NegotiationRecord:
            properties["format_version"] = {
                "description": "The version of the record document format.",
                "type": "integer",
                "const": FORMAT_VERSION,
            }
            required.append("format_version")
        for field in attrs.fields(cls):
            schema = self.annotation(field.type)
            default = field.default
            if default is attrs.NOTHING:
                required.append(field.name)
            else:
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    default = default.factory()  # pragma: no cover - the model uses none
                schema = {
                    **schema,
                    "default": converter.unstructure(default, unstructure_as=field.type),
                }
            properties[field.name] = schema
        result = _described({"title": cls.__name__, "type": "object"}, cls.__doc__)
        return {
            **result,
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _type_name(tp: Any) -> str:
    """A readable name of a type, for errors."""
    return getattr(tp, "__name__", repr(tp))


def _rules_text() -> str:
    lines = [
        (
            "This schema is necessary, not sufficient: a document it accepts can still break "
            "rules that JSON Schema cannot express, and negotiations.from_json refuses it then."
        ),
        "",
        "Rules this schema does not check:",
    ]
    lines += [f"- {rule.id}: {rule.summary}" for rule in unexpressed()]
    lines += ["", "Rules it checks only in part:"]
    lines += [f"- {rule.id}: {rule.summary} ({missing})" for rule, missing in partly_expressed()]
    return "\n".join(lines)


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of documents of ``cls``, a public attrs class or enum."""
    if not (inspect.isclass(cls) and (attrs.has(cls) or issubclass(cls, enum.Enum))):
        raise TypeError(f"json_schema needs an attrs class or an enum, got {cls!r}")
    generator = _Generator()
    body = generator.plain(cls)
    name = body["$ref"].removeprefix("#/$defs/")
    root = generator.defs.pop(name)
    description = root.pop("description", None)
    own = f"{description}\n\n" if description else ""
    head = {
        "$schema": DIALECT,
        "$id": f"{SCHEMA_BASE}{name}.json",
        "$comment": "Generated by negotiations.json_schema; do not edit by hand.",
        "title": root.pop("title"),
        "description": own + _rules_text(),
    }
    if generator.defs:
        root["$defs"] = dict(sorted(generator.defs.items()))
    return {**head, **root}


def schema_text(cls: type) -> str:
    """`json_schema` of ``cls`` as indented JSON text, as the command prints and docs commit it."""
    return json.dumps(json_schema(cls), indent=2) + "\n"
