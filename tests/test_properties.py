"""Properties of every public type, over values drawn from `negotiations.strategies`.

Round trips through JSON and plain dicts, pickling, hashing, `attrs.evolve`
re-validation, and the error path: every document from `invalid_documents` fails with
exactly the rule it names.
"""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiations import (
    Delegation,
    Meeting,
    MeetingStatus,
    Party,
    PartyKind,
    Person,
    TimePrecision,
    ValidationError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from negotiations.strategies import (
    PUBLIC_TYPES,
    invalid_document_rules,
    invalid_documents,
    invalid_json_texts,
    meetings,
)

TYPES = list(PUBLIC_TYPES)
TYPE_IDS = [cls.__name__ for cls in TYPES]
RULE_CASES = [(cls, rule) for cls in TYPES for rule in sorted(invalid_document_rules(cls))]
# One test per (type, rule) pair: a tenth of the profile's examples each keeps the run
# short, while the per-type tests below draw the full number across all rules.
PER_RULE = settings(max_examples=max(5, settings().max_examples // 10))


@pytest.mark.parametrize("cls", TYPES, ids=TYPE_IDS)
class TestRoundTrips:
    @given(data=st.data())
    def test_json_and_dict_round_trips(self, cls: type, data: st.DataObject) -> None:
        """JSON text (str and bytes) and the plain form read back equal; the text is stable.

        Values come from ``st.from_type``, so this also covers the Hypothesis registration.
        """
        value = data.draw(st.from_type(cls))
        text = to_json(value)
        assert from_json(text, cls) == value
        assert from_json(text.encode(), cls) == value
        assert to_json(from_json(text, cls)) == text
        plain = to_dict(value)
        assert json.loads(json.dumps(plain)) == plain
        assert from_dict(plain, cls) == value

    @given(data=st.data())
    def test_pickle_and_hash(self, cls: type, data: st.DataObject) -> None:
        """Pickled and reloaded copies are equal and hash equal, so sets and dict keys work."""
        value = data.draw(st.from_type(cls))
        pickled = pickle.loads(pickle.dumps(value))  # noqa: S301 - our own data
        reloaded: object = from_dict(to_dict(value), cls)
        assert pickled == value
        assert reloaded == value
        assert hash(pickled) == hash(value) == hash(reloaded)
        assert len({value, pickled, reloaded}) == 1

    @given(data=st.data())
    def test_evolve_revalidates(self, cls: type, data: st.DataObject) -> None:
        """``attrs.evolve`` keeps a valid value; evolving a field to a wrong type fails."""
        value = data.draw(st.from_type(cls))
        assert attrs.evolve(value) == value
        field = data.draw(st.sampled_from(attrs.fields(cls)))
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(value, **{field.alias: object()})
        assert caught.value.rules == {"value.type"}
        assert [problem.path for problem in caught.value.problems] == [f"$.{field.name}"]


UTC_TIMES = st.datetimes(
    min_value=datetime(1950, 1, 1),
    max_value=datetime(2070, 1, 1),
    timezones=st.just(timezone.utc),
)


class TestEvolveRules:
    @given(meetings(), UTC_TIMES, st.booleans())
    def test_slack_edge(self, meeting: Meeting, anchor: datetime, early: bool) -> None:
        """Evolving to start exactly at scheduled_start - slack works; a microsecond earlier fails."""
        changes: dict[str, Any] = {
            "scheduled_start": anchor,
            "scheduled_start_precision": TimePrecision.EXACT,
            "actual_start": anchor - meeting.slack,
            "actual_start_precision": TimePrecision.EXACT,
            "end": None,
            "end_precision": TimePrecision.EXACT,
            "status": None,
        }
        if early:
            changes["actual_start"] -= timedelta(microseconds=1)
            with pytest.raises(ValidationError) as caught:
                attrs.evolve(meeting, **changes)
            assert caught.value.rules == {"meeting.slack"}
        else:
            assert attrs.evolve(meeting, **changes).delay == -meeting.slack

    @given(meetings(statuses=[MeetingStatus.SCHEDULED]), UTC_TIMES)
    def test_status_rules_on_evolve(self, meeting: Meeting, anchor: datetime) -> None:
        """A scheduled meeting cannot be evolved to have an end without being concluded."""
        end = (meeting.scheduled_start or anchor) + timedelta(hours=2)
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(meeting, end=end)
        assert caught.value.rules == {"meeting.end_not_concluded"}
        concluded = attrs.evolve(meeting, end=end, status=MeetingStatus.CONCLUDED)
        assert concluded.end == end


def _rules_of(document: Any, cls: type) -> frozenset[str]:
    with pytest.raises(ValidationError) as caught:
        from_dict(document, cls)
    return caught.value.rules


@pytest.mark.parametrize("cls", TYPES, ids=TYPE_IDS)
class TestInvalidDocuments:
    @given(data=st.data())
    def test_each_breaks_exactly_its_rule(self, cls: type, data: st.DataObject) -> None:
        """An invalid document is plain JSON, and fails with exactly the rule it names.

        `from_dict` and `from_json` (of the document as text) report the same rule.
        """
        document, rule = data.draw(invalid_documents(cls))
        assert _rules_of(document, cls) == {rule}
        text = json.dumps(document, ensure_ascii=False)
        assert json.loads(text) == document
        with pytest.raises(ValidationError) as caught:
            from_json(text, cls)
        assert caught.value.rules == {rule}

    @given(data=st.data())
    def test_json_texts_break_exactly_their_rule(self, cls: type, data: st.DataObject) -> None:
        """`from_json` reports exactly the rule an invalid text names (syntax and keys too)."""
        text, rule = data.draw(invalid_json_texts(cls))
        with pytest.raises(ValidationError) as caught:
            from_json(text, cls)
        assert caught.value.rules == {rule}


@pytest.mark.parametrize(
    ("cls", "rule"), RULE_CASES, ids=[f"{cls.__name__}-{rule}" for cls, rule in RULE_CASES]
)
@PER_RULE
@given(data=st.data())
def test_every_rule_is_broken_as_named(cls: type, rule: str, data: st.DataObject) -> None:
    """Each rule `invalid_document_rules` lists is one that its documents really break."""
    document, named = data.draw(invalid_documents(cls, rules={rule}))
    assert named == rule
    assert _rules_of(document, cls) == {rule}


SURROGATES = st.text(st.characters(categories=["Cs", "Lu", "Ll", "Lo", "Zs"]), min_size=1)


class TestTextThatJsonCannotHold:
    """Regression: a lone surrogate passed every rule, then `to_json` raised TypeError."""

    def test_a_lone_surrogate_is_refused_on_construction(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Party(id="ua", name="Kyiv \ud800", kind=PartyKind.STATE)
        assert [(p.path, p.rule) for p in caught.value.problems] == [("$.name", "document.syntax")]

    def test_in_a_collection_too(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Delegation(party="ua", members=("umerov", "\udfff"))
        assert [(p.path, p.rule) for p in caught.value.problems] == [
            ("$.members[1]", "document.syntax")
        ]

    @given(SURROGATES, SURROGATES)
    def test_any_text_is_refused_or_round_trips(self, name: str, role: str) -> None:
        """Whatever text a person is built with, it is refused or survives JSON."""
        try:
            person = Person(id="p1", name=name, role=role)
        except ValidationError as error:
            refused = error.rules
        else:
            assert from_json(to_json(person), Person) == person
            return
        assert refused <= {"value.blank", "document.syntax"}
