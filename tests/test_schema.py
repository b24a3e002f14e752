"""The JSON Schema: generated from the types, valid, committed, and held to the library.

Conformance is judged by the independent ``jsonschema`` package. JSON Schema patterns
are ECMA-262 regular expressions, while ``jsonschema`` runs them with Python's ``re``
(whose ``$`` also matches before a final newline); the ``ECMA`` validator below runs
``pattern`` with ``regress``, an ECMA-262 engine, as the specification asks.
"""

from __future__ import annotations

import copy
import enum
import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

import attrs
import jsonschema
import pytest
import regress
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

import negotiations
from negotiations import (
    Delegation,
    DelegationLevel,
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    Handover,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    NegotiationRecord,
    Party,
    PartyKind,
    Person,
    Quantity,
    Source,
    Statement,
    StatementKind,
    TimePrecision,
    ValidationError,
    Venue,
    Wording,
    from_dict,
    to_dict,
    to_json,
)
from negotiations import strategies as valid
from negotiations._cli import main
from negotiations._schema import (
    SCHEMA_EXPRESSES,
    SCHEMA_TYPES,
    json_schema,
    partly_expressed,
    schema_text,
    unexpressed,
)
from negotiations._time import _DATE_TEXT, _DATETIME_TEXT, _DURATION_TEXT
from negotiations._values import (
    _ID,
    ID_PATTERN,
    WHITE_SPACE_CLASS,
    Constraint,
    Country,
    NonBlank,
)

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "schema" / "negotiation-record.schema.json"
EXAMPLE = ROOT / "examples" / "istanbul-2025-05-15.json"
REGENERATE = "python -m negotiations schema > docs/schema/negotiation-record.schema.json"

#: Rules the schema claims to check completely: a document the library refuses for these
#: alone must be refused by the schema too.
FULLY_EXPRESSED = frozenset(rule for rule, missing in SCHEMA_EXPRESSES.items() if missing is None)

#: The public types documents hold: attrs classes and enums of ``__all__`` but for the
#: error, rule and limit types, which are not document contents.
NOT_DOCUMENT_TYPES = frozenset({"Limits", "Problem", "Rule"})
PUBLIC_TYPES = {
    name: getattr(negotiations, name)
    for name in negotiations.__all__
    if name not in NOT_DOCUMENT_TYPES
    and isinstance(getattr(negotiations, name), type)
    and (
        attrs.has(getattr(negotiations, name)) or issubclass(getattr(negotiations, name), enum.Enum)
    )
}
ATTRS_TYPES = {name: cls for name, cls in PUBLIC_TYPES.items() if attrs.has(cls)}


# --- validators ----------------------------------------------------------------------


@cache
def _ecma_regex(pattern: str) -> regress.Regex:
    return regress.Regex(pattern, "u")


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, _schema: Any
) -> Any:  # a jsonschema keyword function: yields errors
    if validator.is_type(instance, "string") and _ecma_regex(pattern).find(instance) is None:
        yield SchemaError(f"{instance!r} does not match {pattern!r} (ECMA-262)")


#: ``jsonschema``'s draft 2020-12 validator, with ECMA-262 patterns.
ECMA = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _ecma_pattern}
)


@cache
def _validators(cls: type) -> tuple[Draft202012Validator, Any]:
    schema = json_schema(cls)
    checker = Draft202012Validator.FORMAT_CHECKER
    return Draft202012Validator(schema, format_checker=checker), ECMA(
        schema, format_checker=checker
    )


def _schema_errors(cls: type, document: Any) -> list[str]:
    """Why the schema refuses ``document``, by either validator (none: it accepts it)."""
    return [
        error.message for validator in _validators(cls) for error in validator.iter_errors(document)
    ]


def _library_rules(cls: type, document: Any) -> set[str] | None:
    """The rules ``from_dict`` reports for ``document``, or None when it accepts it."""
    try:
        from_dict(document, cls)
    except ValidationError as error:
        return {problem.rule for problem in error.problems}
    return None


def _assert_agree(cls: type, document: Any) -> None:
    """The schema refuses what the library refuses for rules the schema fully checks, and
    the library refuses whatever the schema refuses."""
    refused_by_schema = _schema_errors(cls, document)
    rules = _library_rules(cls, document)
    if refused_by_schema:
        assert rules is not None, f"the schema refuses what the library takes: {refused_by_schema}"
    if rules is not None and rules <= FULLY_EXPRESSED:
        assert refused_by_schema, f"the library refuses for {sorted(rules)}, the schema does not"


# --- documents drawn from the schema ---------------------------------------------------


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return defs[schema["$ref"].removeprefix("#/$defs/")]  # type: ignore[no-any-return]
    return schema


def _documents(schema: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents valid for ``schema``: objects and arrays built here, every leaf (strings by
    pattern and format, enums, constants, nulls) drawn by hypothesis-jsonschema.

    hypothesis-jsonschema 0.23.1 cannot draw objects with this Hypothesis (its object
    strategy calls ``many.more()``, which Hypothesis 6.170 no longer has), so objects and
    the arrays that hold them are composed here from the schema's own keywords.
    """
    schema = _resolve(schema, defs)
    if "anyOf" in schema:
        return st.one_of([_documents(member, defs) for member in schema["anyOf"]])
    if schema.get("type") == "object":
        properties = schema["properties"]
        required = {key: _documents(properties[key], defs) for key in schema["required"]}
        optional = {
            key: _documents(value, defs)
            for key, value in properties.items()
            if key not in schema["required"]
        }
        return st.fixed_dictionaries(required, optional=optional)
    if schema.get("type") == "array":
        items = _documents(schema["items"], defs)
        if schema.get("uniqueItems"):
            return st.lists(items, max_size=4, unique_by=json.dumps)
        return st.lists(items, max_size=4)
    return _leaf(json.dumps(schema))


@cache
def _leaf(schema: str) -> st.SearchStrategy[Any]:
    return from_schema(json.loads(schema))


def _drawn(cls: type) -> st.SearchStrategy[Any]:
    schema = json_schema(cls)
    return _documents(schema, schema.get("$defs", {}))


# --- an independent reading of documents, to compare round trips -----------------------

_DATETIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?"
    r"(?:Z|([+-])(\d\d):(\d\d)(?::(\d\d))?)(?:\[(.+)\])?",
    re.ASCII,
)
_DURATION = re.compile(
    r"(-?)P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?", re.ASCII
)


def _datetime_meaning(text: str) -> tuple[Any, ...]:
    """Wall clock, UTC offset and zone name of a datetime text."""
    match = _DATETIME.fullmatch(text)
    assert match is not None, text
    year, month, day, hour, minute, second, fraction, sign, off_h, off_m, off_s, zone = (
        match.groups()
    )
    offset = timedelta(hours=int(off_h or 0), minutes=int(off_m or 0), seconds=int(off_s or 0))
    wall = (int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    return (wall, int((fraction or "0").ljust(6, "0")), -offset if sign == "-" else offset, zone)


def _duration_meaning(text: str) -> timedelta:
    match = _DURATION.fullmatch(text)
    assert match is not None, text
    sign, days, hours, minutes, seconds, fraction = match.groups()
    value = timedelta(
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
        microseconds=int((fraction or "0").ljust(6, "0")),
    )
    return -value if sign else value


def _meaning(value: Any, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """What a document says, read through its schema: defaults filled in, sets sorted,
    datetimes and durations read as values rather than texts."""
    title = defs.get(schema.get("$ref", "").removeprefix("#/$defs/"), {}).get("title")
    if title == "DateTime":
        return _datetime_meaning(value)
    if title == "Duration":
        return _duration_meaning(value)
    schema = _resolve(schema, defs)
    if "anyOf" in schema:
        member = next(
            m for m in schema["anyOf"] if Draft202012Validator({**m, "$defs": defs}).is_valid(value)
        )
        return _meaning(value, member, defs)
    if schema.get("type") == "object":
        return {
            key: _meaning(value[key] if key in value else sub["default"], sub, defs)
            for key, sub in schema["properties"].items()
        }
    if schema.get("type") == "array":
        items = [_meaning(item, schema["items"], defs) for item in value]
        return sorted(items, key=repr) if schema.get("uniqueItems") else items
    return value


# --- the generated schemas -------------------------------------------------------------


class TestGeneration:
    """The schemas are valid draft 2020-12 and say what the types say."""

    def test_every_public_type_has_a_schema(self) -> None:
        assert sorted(SCHEMA_TYPES) == sorted(PUBLIC_TYPES)

    @pytest.mark.parametrize("name", sorted(PUBLIC_TYPES))
    def test_meta_schema(self, name: str) -> None:
        schema = json_schema(PUBLIC_TYPES[name])
        Draft202012Validator.check_schema(schema)
        assert f"https://negotiations.readthedocs.io/schema/1/{name}.json" == schema["$id"]
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert name == schema["title"]

    @pytest.mark.parametrize("name", sorted(PUBLIC_TYPES))
    def test_patterns_are_ecma_262(self, name: str) -> None:
        """Every pattern compiles as an ECMA-262 regex in Unicode mode."""
        patterns = re.findall(
            r'"pattern": ("(?:[^"\\]|\\.)*")', json.dumps(json_schema(PUBLIC_TYPES[name]))
        )
        for pattern in patterns:
            _ecma_regex(json.loads(pattern))

    def test_public_function_is_the_generator(self) -> None:
        assert json_schema(Meeting) == negotiations.json_schema(Meeting)

    def test_record_states_its_format_version(self) -> None:
        schema = json_schema(NegotiationRecord)
        assert {
            key: value
            for key, value in schema["properties"]["format_version"].items()
            if key != "description"
        } == {"type": "integer", "const": 1}
        assert "format_version" in schema["required"]
        assert "format_version" not in json_schema(Meeting)["properties"]

    def test_required_are_the_fields_without_defaults(self) -> None:
        assert json_schema(Meeting)["required"] == ["id", "title", "delegations"]
        assert json_schema(Source)["required"] == ["outlet"]
        assert json_schema(NegotiationRecord)["required"] == ["format_version"]

    def test_defaults_are_the_plain_form(self) -> None:
        properties = json_schema(Meeting)["properties"]
        assert properties["slack"]["default"] == "PT15M"
        assert properties["end_precision"]["default"] == "exact"
        assert properties["mediators"]["default"] == []
        assert properties["status"]["default"] is None

    def test_objects_refuse_unknown_keys(self) -> None:
        schema = json_schema(NegotiationRecord)
        objects = [schema, *(d for d in schema["$defs"].values() if d["type"] == "object")]
        assert len(objects) == 11
        assert all(d["additionalProperties"] is False for d in objects)

    def test_sets_are_unique_arrays_and_tuples_plain_arrays(self) -> None:
        properties = json_schema(Meeting)["properties"]
        assert properties["mediators"]["uniqueItems"] is True
        assert "uniqueItems" not in properties["previous_scheduled_starts"]

    def test_enums_list_their_values(self) -> None:
        schema = json_schema(Handover)
        assert schema["$defs"]["Quantity"]["enum"] == ["exact", "at_least", "all"]
        assert json_schema(TimePrecision)["enum"] == ["exact", "approximate", "day"]

    def test_descriptions_come_from_docstrings(self) -> None:
        schema = json_schema(Party)
        assert schema["description"].startswith("A side in negotiations: a state,")
        assert schema["$defs"]["PartyKind"]["description"] == "What kind of actor a party is."

    def test_references_are_described(self) -> None:
        chair = json_schema(Meeting)["properties"]["chair"]["anyOf"][0]
        assert chair["description"] == "The id of a person in the same record."

    def test_datetimes_have_no_rfc_3339_format(self) -> None:
        """RFC 3339 has no [Zone] suffix, and this library writes one."""
        datetime_schema = json_schema(Meeting)["$defs"]["DateTime"]
        assert "format" not in datetime_schema
        assert json_schema(Source)["$defs"]["Date"]["format"] == "date"


@attrs.frozen
class _Even(Constraint):
    """A constraint that does not (yet) say its JSON Schema."""

    def problems(self, value: int, location: Any) -> list[Any]:  # noqa: ARG002
        return []


@attrs.frozen
class _EvenBox:
    size: Annotated[int, _Even()]


@attrs.frozen
class _NoteBox:
    size: Annotated[int, "a note"]


@attrs.frozen
class _FloatBox:
    size: float


class Venue2(enum.Enum):
    HERE = "here"


Venue2.__name__ = "Venue"


@attrs.frozen
class _ClashBox:
    first: Venue
    second: Venue2


@attrs.frozen
class _TextAsNumberBox:
    size: Annotated[int, NonBlank()]


@attrs.frozen
class _OptionalTextAsNumberBox:
    size: Annotated[int | None, NonBlank()]


class _Ratio(enum.Enum):
    HALF = 0.5


@attrs.frozen
class _RatioBox:
    ratio: _Ratio


@attrs.frozen
class _Plain:
    code: Annotated[str, NonBlank(), Country()]
    count_or_name: int | str


@attrs.frozen(kw_only=True)
class Dossier:
    """A user's own type that holds meetings."""

    meetings: tuple[Meeting, ...]


class TestUnsupported:
    """Annotations the generator cannot translate raise, rather than drift silently."""

    def test_new_constraint_without_schema(self) -> None:
        with pytest.raises(NotImplementedError, match="_Even has no JSON Schema form"):
            json_schema(_EvenBox)

    def test_unknown_annotation(self) -> None:
        with pytest.raises(TypeError, match="'a note'"):
            json_schema(_NoteBox)

    def test_unknown_type(self) -> None:
        with pytest.raises(TypeError, match="float"):
            json_schema(_FloatBox)

    def test_not_a_type(self) -> None:
        with pytest.raises(TypeError, match="attrs class or an enum"):
            json_schema(int)

    def test_two_types_of_one_name(self) -> None:
        with pytest.raises(TypeError, match="'Venue'"):
            json_schema(_ClashBox)

    def test_a_constraint_of_another_type(self) -> None:
        with pytest.raises(TypeError, match=r"'type': 'string'.* does not apply to int$"):
            json_schema(_TextAsNumberBox)

    def test_a_constraint_of_another_type_named_by_its_repr(self) -> None:
        with pytest.raises(TypeError, match=r"does not apply to int \| None$"):
            json_schema(_OptionalTextAsNumberBox)

    def test_an_enum_of_floats(self) -> None:
        with pytest.raises(TypeError, match="no JSON Schema form for the values of _Ratio"):
            json_schema(_RatioBox)

    def test_undocumented_classes_several_constraints_and_unions(self) -> None:
        """A class without a docstring has no description of its own; two constraints
        both apply (``allOf``); a union without None is an ``anyOf`` of its members."""
        schema = json_schema(_Plain)
        Draft202012Validator.check_schema(schema)
        assert schema["description"] == json_schema(Dossier)["description"].split("\n\n", 1)[1]
        assert len(schema["properties"]["code"]["allOf"]) == 2
        assert schema["properties"]["count_or_name"] == {
            "anyOf": [{"type": "integer"}, {"type": "string"}]
        }
        validator = Draft202012Validator(schema)
        assert validator.is_valid({"code": "UA", "count_or_name": 3})
        assert validator.is_valid({"code": "UA", "count_or_name": "three"})
        assert not validator.is_valid({"code": "XX", "count_or_name": 3})
        assert not validator.is_valid({"code": " ", "count_or_name": 3})
        assert not validator.is_valid({"code": "UA", "count_or_name": None})

    def test_user_classes_are_supported(self) -> None:
        schema = json_schema(Dossier)
        Draft202012Validator.check_schema(schema)
        assert schema["properties"]["meetings"]["items"] == {"$ref": "#/$defs/Meeting"}
        assert "A user's own type that holds meetings." in schema["description"]


class TestRuleSplit:
    """The schema says which rules it leaves to the library, and the docs repeat it."""

    def test_split_names_catalogue_rules(self) -> None:
        assert set(SCHEMA_EXPRESSES) <= set(negotiations.RULES)
        assert "meeting.slack" in {rule.id for rule in unexpressed()}
        assert "record.unresolved_reference" in {rule.id for rule in unexpressed()}

    @pytest.mark.parametrize("name", ["NegotiationRecord", "Party"])
    def test_description_lists_them(self, name: str) -> None:
        description = json_schema(PUBLIC_TYPES[name])["description"]
        for rule in unexpressed():
            assert f"- {rule.id}: {rule.summary}" in description
        for rule, missing in partly_expressed():
            assert f"- {rule.id}: {rule.summary} ({missing})" in description
        assert "value.enum" not in description

    def test_docs_list_them(self) -> None:
        page = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
        missing = [rule.id for rule in unexpressed() if f"`{rule.id}`" not in page]
        missing += [rule.id for rule, _ in partly_expressed() if f"`{rule.id}`" not in page]
        assert missing == []


class TestCommittedCopy:
    """The schema in docs/ is the one the code generates."""

    def test_not_stale(self) -> None:
        committed = COMMITTED.read_text(encoding="utf-8")
        assert committed == schema_text(NegotiationRecord), (
            f"{COMMITTED.relative_to(ROOT)} is stale; regenerate it with: {REGENERATE}"
        )


class TestCli:
    """``negotiations schema [TYPE]`` prints a schema."""

    def test_default_is_the_record(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["schema"]) == 0
        assert json_schema(NegotiationRecord) == json.loads(capsys.readouterr().out)

    def test_named_type(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["schema", "Meeting"]) == 0
        printed = capsys.readouterr()
        assert json_schema(Meeting) == json.loads(printed.out)
        assert printed.err == ""

    def test_unknown_type(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["schema", "Treaty"]) == 2
        printed = capsys.readouterr()
        assert printed.out == ""
        assert printed.err.startswith("negotiations schema: unknown type 'Treaty'; choose one of")
        assert "NegotiationRecord, Party, Person" in printed.err


def test_import_loads_neither_schema_nor_jsonschema() -> None:
    """``import negotiations`` stays cheap: the generator loads when first asked for."""
    code = (
        "import sys, negotiations\n"
        "print(sorted(m for m in ('negotiations._schema', 'jsonschema') if m in sys.modules))\n"
        "negotiations.json_schema(negotiations.Party)\n"
        "print('negotiations._schema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\nTrue\n"


# --- regular expressions: the same language in both dialects --------------------------


def _ecma_matches(pattern: str, text: str) -> bool:
    return _ecma_regex(pattern).find(text) is not None


class TestPatterns:
    """Each pattern, run as ECMA-262, accepts exactly what the converter's regex accepts."""

    def test_white_space_class_is_str_isspace(self) -> None:
        whitespace = re.compile(f"[{WHITE_SPACE_CLASS}]")
        differ = [
            hex(code)
            for code in range(sys.maxunicode + 1)
            if bool(whitespace.match(chr(code))) != chr(code).isspace()
        ]
        assert differ == []

    @given(st.from_regex(_DATETIME_TEXT.compile(), fullmatch=True) | st.text(max_size=40))
    @example("2025-05-15T13:36:00+03:00[Europe/Istanbul]\n")
    @example("2025-05-15T13:36:00Z")
    def test_datetime(self, text: str) -> None:
        pattern = json_schema(Meeting)["$defs"]["DateTime"]["pattern"]
        assert bool(_DATETIME_TEXT.match(text)) == _ecma_matches(pattern, text)

    @given(st.from_regex(_DATE_TEXT.compile(), fullmatch=True) | st.text(max_size=12))
    @example("2025-05-15\n")
    def test_date(self, text: str) -> None:
        pattern = json_schema(Source)["$defs"]["Date"]["pattern"]
        assert bool(_DATE_TEXT.match(text)) == _ecma_matches(pattern, text)

    @given(st.from_regex(_DURATION_TEXT.compile(), fullmatch=True) | st.text(max_size=12))
    @example("P")
    @example("-P")
    @example("P1DT")
    @example("PT15M\n")
    def test_duration(self, text: str) -> None:
        pattern = json_schema(Meeting)["$defs"]["Duration"]["pattern"]
        python = bool(_DURATION_TEXT.match(text)) and not text.endswith(("P", "T"))
        assert python == _ecma_matches(pattern, text)

    @given(st.from_regex(_ID.compile(), fullmatch=True) | st.text(max_size=12))
    @example("ua\n")
    def test_id(self, text: str) -> None:
        assert bool(_ID.match(text)) == _ecma_matches(ID_PATTERN, text)

    @given(st.text(max_size=6))
    @example("\ufeff")
    @example("\x1c")
    def test_text(self, text: str) -> None:
        pattern = json_schema(Party)["properties"]["name"]["pattern"]
        assert bool(text.strip()) == _ecma_matches(pattern, text)

    def test_every_zone_of_this_machine_fits(self) -> None:
        schema = json_schema(Venue)["properties"]["time_zone"]["anyOf"][0]
        misfits = [
            zone
            for zone in available_timezones()
            if len(zone) > schema["maxLength"] or not _ecma_matches(schema["pattern"], zone)
        ]
        assert misfits == []


# --- conformance -----------------------------------------------------------------------


def _example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _variants() -> list[NegotiationRecord]:
    """Records that use what the example does not: zone suffixes, offsets with seconds,
    day and approximate precision, 'all' quantities, dates alone, URLs, microseconds."""
    istanbul = ZoneInfo("Europe/Istanbul")
    parties = (
        Party(id="ua", name="Ukraine", kind=PartyKind.STATE, country="UA"),
        Party(id="ru", name="Russia", kind=PartyKind.STATE),
        Party(id="un", name="United Nations", kind=PartyKind.INTERNATIONAL_ORGANIZATION),
    )
    persons = (Person(id="p:1", name="Umerov", party="ua", role="Minister of Defense"),)
    meeting = Meeting(
        id="m/1",
        title="Talks",
        delegations=(
            Delegation(party="ua", head="p:1", level=DelegationLevel.MINISTERIAL),
            Delegation(party="ru", level=DelegationLevel.BELOW_LEADERS),
        ),
        status=MeetingStatus.CONCLUDED,
        venue=Venue(name="Dolmabahçe", city="Istanbul", country="TR", time_zone="Europe/Istanbul"),
        host="un",
        chair="p:1",
        mediators=frozenset({"un", "p:1"}),
        format=MeetingFormat.PROXIMITY,
        scheduled_start=datetime(2025, 5, 15, tzinfo=istanbul),
        scheduled_start_precision=TimePrecision.DAY,
        actual_start=datetime(2025, 5, 15, 10, 45, 0, 500, tzinfo=istanbul),
        actual_start_precision=TimePrecision.APPROXIMATE,
        end=datetime(2025, 5, 15, 12, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
        slack=timedelta(days=1, microseconds=1),
        previous_scheduled_starts=(
            datetime(1870, 1, 1, tzinfo=istanbul),  # local mean time: +01:56:56
            datetime(2025, 5, 14, 12, tzinfo=timezone.utc),
        ),
    )
    proposal = ExchangeProposal(
        id="x",
        side_a=ExchangeSide(
            party="ua",
            handovers=(
                Handover(category=ExchangeCategory.PRISONERS_OF_WAR, count=1000),
                Handover(category=ExchangeCategory.CIVILIANS, quantity=Quantity.AT_LEAST, count=1),
            ),
        ),
        side_b=ExchangeSide(
            party="ru",
            handovers=(Handover(category=ExchangeCategory.UNSPECIFIED, quantity=Quantity.ALL),),
        ),
        meeting="m/1",
    )
    statement = Statement(
        id="s",
        party="ru",
        text="\u00abВсех на всех\u00bb",  # noqa: RUF001 - Russian: "all for all"
        wording=Wording.QUOTE,
        kind=StatementKind.PROPOSAL,
        sources=(
            Source(
                outlet="Ukrinform", url="HTTPS://пример.рф/a|b?q#f", published_on=date(2025, 5, 16)
            ),
        ),
        target="ua",
        made_at=date(2025, 5, 15),
        channel="to journalists",
    )
    statement_at = attrs.evolve(
        statement, id="s2", made_at=datetime(2025, 5, 15, 23, 59, 59, 999999, tzinfo=timezone.utc)
    )
    return [
        NegotiationRecord(
            parties=parties,
            persons=persons,
            meetings=(meeting,),
            proposals=(proposal,),
            statements=(statement, statement_at),
            title="Variants",
        ),
        NegotiationRecord(),
    ]


def _parts(record: dict[str, Any]) -> list[tuple[type, Any]]:
    """A record document and every object in it, each with its type."""
    parts: list[tuple[type, Any]] = [(NegotiationRecord, record)]
    for meeting in record["meetings"]:
        parts.append((Meeting, meeting))
        parts += [(Delegation, delegation) for delegation in meeting["delegations"]]
        if meeting["venue"] is not None:
            parts.append((Venue, meeting["venue"]))
    for proposal in record["proposals"]:
        parts += [(ExchangeProposal, proposal), (ExchangeSide, proposal["side_a"])]
        parts += [(Handover, handover) for handover in proposal["side_a"]["handovers"]]
    for statement in record["statements"]:
        parts.append((Statement, statement))
        parts += [(Source, source) for source in statement["sources"]]
    parts += [(Party, party) for party in record["parties"]]
    parts += [(Person, person) for person in record["persons"]]
    return parts


VALID_DOCUMENTS = [
    part for record in [_example(), *map(to_dict, _variants())] for part in _parts(record)
]


class TestWhatWeWriteValidates:
    """Every document the library writes is valid for the schema of its type."""

    def test_example_file(self) -> None:
        assert _schema_errors(NegotiationRecord, _example()) == []

    @pytest.mark.parametrize("record", _variants(), ids=["variants", "empty"])
    def test_variants(self, record: NegotiationRecord) -> None:
        assert _schema_errors(NegotiationRecord, json.loads(to_json(record))) == []

    def test_every_part(self) -> None:
        assert len(VALID_DOCUMENTS) > 40
        refused = [(cls.__name__, _schema_errors(cls, doc)) for cls, doc in VALID_DOCUMENTS]
        assert [(name, errors) for name, errors in refused if errors] == []

    def test_strategies_cover_every_type(self) -> None:
        assert sorted(cls.__name__ for cls in valid.PUBLIC_TYPES) == sorted(ATTRS_TYPES)

    @pytest.mark.parametrize("name", sorted(ATTRS_TYPES))
    @given(data=st.data())
    def test_values_from_the_strategies(self, name: str, data: st.DataObject) -> None:
        """`to_json` of every value `negotiations.strategies` draws is schema-valid."""
        cls, document = data.draw(_written(ATTRS_TYPES[name]))
        assert _schema_errors(cls, document) == []

    @pytest.mark.parametrize("name", sorted(ATTRS_TYPES))
    @given(data=st.data())
    def test_written_from_drawn_documents(self, name: str, data: st.DataObject) -> None:
        """Values built from schema-drawn documents the library accepts write valid JSON."""
        cls = ATTRS_TYPES[name]
        document = data.draw(_drawn(cls))
        if _library_rules(cls, document) is None:
            written = json.loads(to_json(from_dict(document, cls)))
            assert _schema_errors(cls, written) == []


# --- mutations of valid documents ------------------------------------------------------

_TRICKY: list[Any] = [
    None, True, False, 0, 1, -1, 1.0, 0.5, 2**70, "", " ", "\u3000", "x", "ua\n", "UA", "ua",
    "ZZ", "Europe/Istanbul", "Europe/Nowhere", "exact", "all", "leaders", "bogus",
    "2025-05-15", "2025-02-30", "2025-05-15T13:36", "2025-05-15T13:36:00",
    "2025-05-15T13:36:00Z", "2025-05-15T13:36:00+03:00[Europe/Kyiv]",
    "2025-05-15T25:00:00+03:00", "PT15M", "P", "PT", "P1Y", "-PT5M", "P1DT",
    "http://example.org", "ftp://example.org", "http://", [], {}, ["ua"], ["ua", "ua"], {"id": "x"},
]  # fmt: skip


def _locations(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _locations(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _locations(value, (*path, index))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _written(cls: type) -> st.SearchStrategy[tuple[type, Any]]:
    """Documents of values from `negotiations.strategies`, with their type."""
    return valid.PUBLIC_TYPES[cls]().map(lambda value: (cls, json.loads(to_json(value))))


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[type, Any]:
    """A valid document (handmade, or a drawn value's) with one to three random changes."""
    cls, document = draw(
        st.sampled_from(VALID_DOCUMENTS) | st.one_of([_written(cls) for cls in valid.PUBLIC_TYPES])
    )
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_locations(document)))
        target = _at(document, path)
        choices: list[Callable[[], None]] = []
        if path:
            parent, last = _at(document, path[:-1]), path[-1]
            replacement = st.sampled_from(_TRICKY) | st.sampled_from(
                [copy.deepcopy(_at(document, p)) for p in _locations(document)]
            )

            def replace(
                parent: Any = parent, last: Any = last, replacement: Any = replacement
            ) -> None:
                parent[last] = draw(replacement)

            def remove(parent: Any = parent, last: Any = last) -> None:
                del parent[last]

            choices += [replace, remove]
        if isinstance(target, dict):

            def add(target: dict[str, Any] = target) -> None:
                target[draw(st.sampled_from(["extra", "Id", "kind", "format_version"]))] = draw(
                    st.sampled_from(_TRICKY)
                )

            choices.append(add)
        if isinstance(target, list) and target:

            def repeat(target: list[Any] = target) -> None:
                target.append(copy.deepcopy(draw(st.sampled_from(target))))

            choices.append(repeat)
        draw(st.sampled_from(choices))()
    return cls, document


class TestRefusals:
    """What the schema refuses, the library refuses; and for the rules the schema claims
    to check fully, what the library refuses, the schema refuses."""

    @given(_mutated())
    def test_mutated_documents(self, case: tuple[type, Any]) -> None:
        cls, document = case
        _assert_agree(cls, document)

    @pytest.mark.parametrize("name", sorted(ATTRS_TYPES))
    @given(data=st.data())
    def test_invalid_documents(self, name: str, data: st.DataObject) -> None:
        """Documents that break one rule each (`negotiations.strategies.invalid_documents`)
        are refused by the schema whenever the schema claims that rule."""
        cls = ATTRS_TYPES[name]
        document, rule = data.draw(valid.invalid_documents(cls))
        if rule in FULLY_EXPRESSED:
            assert _schema_errors(cls, document), f"the schema misses {rule}"
        _assert_agree(cls, document)

    @pytest.mark.parametrize("name", sorted(ATTRS_TYPES))
    @given(data=st.data())
    def test_documents_drawn_from_the_schema(self, name: str, data: st.DataObject) -> None:
        """The library refuses a schema-valid document only for rules the schema does not
        fully check; one it accepts round-trips to the same meaning, in canonical form."""
        cls = ATTRS_TYPES[name]
        document = data.draw(_drawn(cls))
        rules = _library_rules(cls, document)
        if rules is not None:
            assert not rules & FULLY_EXPRESSED, f"the schema accepts what breaks {sorted(rules)}"
            return
        schema = json_schema(cls)
        defs = schema.get("$defs", {})
        written = to_dict(from_dict(document, cls))
        assert _meaning(document, schema, defs) == _meaning(written, schema, defs)
        assert written == to_dict(from_dict(written, cls))

    def test_float_integer(self) -> None:
        """JSON Schema counts 1.0 as an integer; the library does not, so value.type is partial."""
        handover = {"category": "children", "quantity": "exact", "count": 1.0}
        assert _schema_errors(Handover, handover) == []
        assert {"value.type"} == _library_rules(Handover, handover)
        assert SCHEMA_EXPRESSES["value.type"] is not None


class TestUrlControlCharacters:
    """A URL with a control character is refused (urlsplit would silently drop a leading one)."""

    @pytest.mark.parametrize(
        "url", ["\x01http://example.org", "http://example.org/\x00", "http://exa\x1fmple.org"]
    )
    def test_refused(self, url: str) -> None:
        with pytest.raises(ValidationError) as caught:
            Source(outlet="Ukrinform", url=url)
        assert [problem.rule for problem in caught.value.problems] == ["value.url"]
        assert _schema_errors(Source, {"outlet": "Ukrinform", "url": url})


class TestNestedUnknownKey:
    """An unknown key inside a nested object is a problem, not a crash of its parent."""

    def test_reported(self) -> None:
        source = {"outlet": "Ukrinform", "extra": None}
        document = {
            "id": "s",
            "party": "ru",
            "text": "All for all",
            "wording": "quote",
            "kind": "proposal",
            "sources": [source],
        }
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Statement)
        assert [(p.path, p.rule) for p in caught.value.problems] == [
            ("$.sources[0].extra", "document.unknown_key")
        ]
