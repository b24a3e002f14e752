"""Typed JSON: round trips, strictness, duplicate keys, format versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations import (
    FORMAT_VERSION,
    Delegation,
    Handover,
    Limits,
    Meeting,
    NegotiationRecord,
    Party,
    PartyKind,
    Source,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)

EXAMPLE = Path(__file__).parent.parent / "examples" / "istanbul-2025-05-15.json"


def example() -> NegotiationRecord:
    return from_json(EXAMPLE.read_bytes(), NegotiationRecord)


def located(error: pytest.ExceptionInfo[ValidationError]) -> set[tuple[str, str]]:
    return {(problem.path, problem.rule) for problem in error.value.problems}


def party_document(**changes: Any) -> dict[str, Any]:
    return {"id": "ua", "name": "Ukraine", "kind": "state", "country": "UA", **changes}


class TestRoundTrip:
    def test_the_example_round_trips_through_text_and_dicts(self) -> None:
        record = example()
        assert from_json(to_json(record), NegotiationRecord) == record
        assert from_dict(to_dict(record), NegotiationRecord) == record

    def test_bytes_and_str_give_the_same_record(self) -> None:
        text = EXAMPLE.read_text(encoding="utf-8")
        assert from_json(text, NegotiationRecord) == from_json(text.encode(), NegotiationRecord)

    def test_output_is_stable(self) -> None:
        assert to_json(example()) == to_json(example())

    def test_frozensets_are_written_sorted(self) -> None:
        meeting = Meeting(
            id="m",
            title="T",
            delegations=(Delegation(party="a"), Delegation(party="b")),
            mediators=frozenset({"zeta", "alpha", "mu"}),
        )
        assert to_dict(meeting)["mediators"] == ["alpha", "mu", "zeta"]

    def test_indent_only_changes_white_space(self) -> None:
        record = example()
        assert json.loads(to_json(record, indent=True)) == json.loads(to_json(record))

    def test_non_ascii_text_is_kept(self) -> None:
        party = Party(id="tr", name="Türkiye", kind=PartyKind.STATE)
        assert "Türkiye" in to_json(party)
        assert from_json(to_json(party).encode(), Party) == party

    def test_records_carry_the_format_version(self) -> None:
        assert to_dict(example())["format_version"] == FORMAT_VERSION


class TestNoCoercion:
    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"name": 123}, ("$.name", "value.type")),
            ({"kind": "State"}, ("$.kind", "value.enum")),
            ({"kind": 1}, ("$.kind", "value.type")),
            ({"kind": ["state"]}, ("$.kind", "value.type")),
            ({"country": None, "id": None}, ("$.id", "value.type")),
        ],
    )
    def test_wrong_types_are_refused(
        self, changes: dict[str, Any], expected: tuple[str, str]
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            from_dict(party_document(**changes), Party)
        assert located(caught) == {expected}

    @pytest.mark.parametrize("count", ["5", 5.7, 5.0, True, None])
    def test_integers_are_integers(self, count: object) -> None:
        document = {"category": "civilians", "quantity": "exact", "count": count}
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Handover)
        expected = "handover.count" if count is None else "value.type"
        assert located(caught) == {("$.count", expected)}

    def test_a_string_is_not_an_array(self) -> None:
        meeting = to_dict(example().meetings[0])
        meeting["delegations"] = "tr,us,ua"
        with pytest.raises(ValidationError) as caught:
            from_dict(meeting, Meeting)
        assert located(caught) == {("$.delegations", "value.type")}

    def test_a_naive_datetime_is_refused_on_load(self) -> None:
        meeting = to_dict(example().meetings[1])
        meeting["actual_start"] = "2025-05-15T13:36:00"
        with pytest.raises(ValidationError) as caught:
            from_dict(meeting, Meeting)
        assert located(caught) == {("$.actual_start", "value.datetime")}


class TestKeys:
    def test_unknown_keys_are_named(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_dict(party_document(nmae="Ukraine"), Party)
        assert located(caught) == {("$.nmae", "document.unknown_key")}

    def test_an_unknown_key_and_a_broken_rule_of_one_object_are_both_reported(self) -> None:
        document = to_dict(example())
        document["meetings"][1]["actual_start"] = "2025-05-15T11:00:00+03:00"
        document["meetings"][1]["notes"] = "none"
        with pytest.raises(ValidationError) as caught:
            from_dict(document, NegotiationRecord)
        assert located(caught) == {
            ("$.meetings[1].notes", "document.unknown_key"),
            ("$.meetings[1].actual_start", "meeting.slack"),
        }

    def test_missing_required_keys(self) -> None:
        document = party_document()
        del document["name"]
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Party)
        assert located(caught) == {("$.name", "document.missing_key")}

    def test_optional_keys_may_be_left_out(self) -> None:
        assert from_dict({"outlet": "UNN"}, Source) == Source(outlet="UNN")

    def test_problems_in_several_objects_come_back_together(self) -> None:
        document = to_dict(example())
        document["parties"][0]["country"] = "Ukraine"
        document["meetings"][1]["actual_start"] = "2025-05-15T11:00:00+03:00"
        document["statements"][2]["kind"] = "insult"
        with pytest.raises(ValidationError) as caught:
            from_dict(document, NegotiationRecord)
        assert located(caught) == {
            ("$.parties[0].country", "value.country"),
            ("$.meetings[1].actual_start", "meeting.slack"),
            ("$.statements[2].kind", "value.enum"),
        }
        assert caught.value.subject == "NegotiationRecord"


class TestDuplicateKeys:
    def test_a_later_value_does_not_win(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json('{"id": "ua", "name": "Ukraine", "name": "Russia", "kind": "state"}', Party)
        assert located(caught) == {("$.name", "document.duplicate_key")}

    def test_nested_duplicates_are_located(self) -> None:
        text = to_json(example()).replace('"kind":"state"', '"kind":"state","kind":"state"', 2)
        with pytest.raises(ValidationError) as caught:
            from_json(text, NegotiationRecord)
        assert located(caught) == {
            ("$.parties[0].kind", "document.duplicate_key"),
            ("$.parties[1].kind", "document.duplicate_key"),
        }

    def test_a_duplicate_hidden_behind_an_escaped_colon(self) -> None:
        """Colons written as \\u003a defeat the fast count, so the exact check decides."""
        text = '{"id": "ua", "name": "a\\u003ab", "kind": "state", "kind": "other"}'
        with pytest.raises(ValidationError) as caught:
            from_json(text, Party)
        assert located(caught) == {("$.kind", "document.duplicate_key")}

    def test_escaped_colons_without_duplicates_are_fine(self) -> None:
        party = from_json('{"id": "ua", "name": "a\\u003ab", "kind": "state"}', Party)
        assert party.name == "a:b"

    def test_duplicates_with_colons_in_keys_and_values(self) -> None:
        text = '{"a:b": "c:d", "a:b": "c:d"}'
        with pytest.raises(ValidationError) as caught:
            from_json(text, Party)
        assert located(caught) == {("$['a:b']", "document.duplicate_key")}

    def test_duplicate_keys_in_bytes(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json(b'{"outlet": "UNN", "outlet": "UNN"}', Source)
        assert located(caught) == {("$.outlet", "document.duplicate_key")}


class TestSyntaxAndVersions:
    @pytest.mark.parametrize("text", ["", "{", '{"a": NaN}', "[1,]", b"\xff\xfe", '{"a": 1} x'])
    def test_malformed_json(self, text: str | bytes) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json(text, Party)
        assert caught.value.rules == {"document.syntax"}

    def test_a_newer_format_version_is_refused_clearly(self) -> None:
        document = to_dict(example())
        document["format_version"] = FORMAT_VERSION + 1
        with pytest.raises(ValidationError, match="upgrade negotiations") as caught:
            from_dict(document, NegotiationRecord)
        assert located(caught) == {("$.format_version", "document.format_version")}

    @pytest.mark.parametrize(
        ("version", "rule"),
        [(0, "document.format_version"), ("1", "value.type"), (True, "value.type")],
    )
    def test_other_bad_versions(self, version: object, rule: str) -> None:
        document = to_dict(example())
        document["format_version"] = version
        with pytest.raises(ValidationError) as caught:
            from_dict(document, NegotiationRecord)
        assert located(caught) == {("$.format_version", rule)}

    def test_a_record_without_a_version(self) -> None:
        document = to_dict(example())
        del document["format_version"]
        with pytest.raises(ValidationError) as caught:
            from_dict(document, NegotiationRecord)
        assert located(caught) == {("$.format_version", "document.missing_key")}

    def test_a_record_must_be_an_object(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json("[]", NegotiationRecord)
        assert located(caught) == {("$", "value.type")}


class TestArgumentMistakes:
    """A class passed where the data goes, or data where the class goes: short, clear errors."""

    def test_swapped_from_json_arguments_are_named(self) -> None:
        text = to_json(example())
        with pytest.raises(ValidationError) as caught:
            from_json(Meeting, text)  # type: ignore[arg-type]
        (problem,) = caught.value.problems
        assert (problem.path, problem.rule) == ("$", "document.syntax")
        assert problem.message.endswith("the arguments are from_json(text, cls), in that order")
        assert len(str(caught.value)) < 300  # the megabyte of text is not repeated back

    def test_swapped_from_dict_arguments_are_named(self) -> None:
        document = to_dict(example())
        with pytest.raises(ValidationError) as caught:
            from_dict(Meeting, document)
        (problem,) = caught.value.problems
        assert (problem.path, problem.rule) == ("$", "value.type")
        assert problem.message.endswith("the arguments are from_dict(data, cls), in that order")
        assert len(str(caught.value)) < 300

    @pytest.mark.parametrize("text", [5, None, ["{}"]])
    def test_other_non_text_gets_no_hint(self, text: object) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json(text, Meeting)  # type: ignore[arg-type]
        assert caught.value.rules == {"document.syntax"}
        assert "in that order" not in str(caught.value)
        assert caught.value.subject == "Meeting"

    @given(st.text(min_size=1, max_size=200))
    def test_the_subject_is_bounded(self, name: str) -> None:
        """A ``cls`` without a ``__name__`` is named by at most 60 characters of its repr."""
        with pytest.raises(ValidationError) as caught:
            from_json(b"{", name)  # type: ignore[arg-type]
        subject = caught.value.subject
        assert len(subject) <= 60
        assert subject == repr(name) or subject == repr(name)[:57] + "..."


class TestLimits:
    """`Limits` bound what is read: text in UTF-8 bytes, Python data in values."""

    def test_text_must_be_str_or_bytes(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_json(bytearray(b"{}"), Party)  # type: ignore[arg-type]
        assert [(p.path, p.rule, p.message) for p in caught.value.problems] == [
            ("$", "document.syntax", "JSON text is str or bytes, not bytearray")
        ]

    @hypothesis.example(
        name="Україна", spare=-1, as_bytes=False
    )  # refused: more bytes than characters
    @hypothesis.example(name="Україна", spare=0, as_bytes=False)
    @given(
        name=st.text(alphabet="Uüкїн日本😀", min_size=1, max_size=40),
        spare=st.integers(-8, 8),
        as_bytes=st.booleans(),
    )
    def test_text_is_measured_in_utf8_bytes(self, name: str, spare: int, as_bytes: bool) -> None:
        """A str counts its UTF-8 bytes, not its characters, against ``max_bytes``."""
        text = json.dumps(party_document(name=name), ensure_ascii=False)
        size = len(text.encode())
        limits = Limits(max_bytes=max(1, size + spare))
        document = text.encode() if as_bytes else text
        if size <= limits.max_bytes:
            assert from_json(document, Party, limits=limits).name == name
        else:
            with pytest.raises(ValidationError) as caught:
                from_json(document, Party, limits=limits)
            assert [(p.rule, p.message) for p in caught.value.problems] == [
                ("document.limit", f"{size} bytes are more than max_bytes {limits.max_bytes}")
            ]

    def test_nesting_deeper_than_the_writer_goes_is_measured_exactly(self) -> None:
        """300 levels parse, but are deeper than orjson writes back: the exact count decides."""
        with pytest.raises(ValidationError) as caught:
            from_json("[" * 300 + "]" * 300, Party)
        assert [(p.rule, p.message) for p in caught.value.problems] == [
            ("document.limit", "nesting is deeper than max_depth 64")
        ]

    def test_a_key_with_a_lone_surrogate_is_not_json(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_dict({**party_document(), "n\ud800": "x"}, Party)
        assert [(p.path, p.rule) for p in caught.value.problems] == [("$", "document.syntax")]
        assert "lone surrogate" in caught.value.problems[0].message

    def test_python_data_is_measured_in_values(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_dict(party_document(), Party, limits=Limits(max_bytes=3))
        assert [(p.path, p.rule, p.message) for p in caught.value.problems] == [
            ("$", "document.limit", "the data holds more than max_bytes 3 values")
        ]
        assert from_dict(party_document(), Party, limits=Limits(max_bytes=4)).id == "ua"

    def test_limit_problems_are_capped(self) -> None:
        document = {"a" * 11: 1, "b" * 11: 2, "c" * 11: 3}
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Party, limits=Limits(max_string_length=10, max_problems=2))
        messages = [problem.message for problem in caught.value.problems]
        assert len(messages) == 3
        assert all("longer than max_string_length 10" in message for message in messages[:2])
        assert messages[2] == "problems after the first 2 are not listed"

    @pytest.mark.parametrize("value", [0, -1, True, 1.5])
    def test_limits_are_positive_integers(self, value: object) -> None:
        with pytest.raises(
            ValueError, match=rf"^Limits.max_depth must be a positive integer, got {value!r}$"
        ):
            Limits(max_depth=value)  # type: ignore[arg-type]
