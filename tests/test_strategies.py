"""`negotiations.strategies`: what they draw, how they are steered, what they reach.

The checks here are written independently of the model's own rule code: they restate
a rule in plain datetime arithmetic or set logic, so a strategy and the model cannot
share one mistake. Reachability tests use `hypothesis.find` to show that the edges
the issue asks for (the slack edge, long delays, missing times, every precision and
status, several scripts) are really drawn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser

import negotiations
from negotiations import (
    APPROXIMATE_MARGIN,
    RULES,
    DelegationLevel,
    ExchangeProposal,
    ExchangeStatus,
    Meeting,
    MeetingStatus,
    NegotiationRecord,
    Person,
    Quantity,
    Statement,
    StatementKind,
    TimePrecision,
    strategies,
)
from negotiations import _samples as samples
from negotiations.strategies import (
    PUBLIC_TYPES,
    delegations,
    exchange_proposals,
    invalid_document_rules,
    invalid_documents,
    invalid_json_text_rules,
    invalid_json_texts,
    meetings,
    negotiation_records,
    parties,
    persons,
    statements,
    venues,
)

T = TypeVar("T")
DOCS = Path(__file__).resolve().parent.parent / "docs"

#: Rules only JSON text can break: a dict is already parsed, and has no repeated keys.
TEXT_ONLY = frozenset({"document.syntax", "document.duplicate_key"})
#: Rules only Python values can break: JSON has no datetimes, so no naive ones.
PYTHON_ONLY = frozenset({"value.naive_datetime"})

SEARCH = settings(
    max_examples=3000, database=None, derandomize=True, phases=[Phase.generate], deadline=None
)


def reach(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> T:
    """A value of ``strategy`` meeting ``condition``; fails the test if none is drawn."""
    return find(strategy, condition, settings=SEARCH)


def instant(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


def is_local_midnight(value: datetime) -> bool:
    return value.time() == time(0)


# --- the module -----------------------------------------------------------------------


def test_module_exports() -> None:
    """The module lists its public names, and ``dir()`` shows only those."""
    assert sorted(strategies.__all__) == strategies.__all__
    assert dir(strategies) == strategies.__all__
    for name in strategies.__all__:
        assert getattr(strategies, name).__doc__ or name == "PUBLIC_TYPES"


def test_every_public_type_has_a_strategy() -> None:
    """Each attrs class of the public API (but the error and rule records) has a strategy."""
    model = {
        getattr(negotiations, name)
        for name in negotiations.__all__
        if isinstance(getattr(negotiations, name), type)
        and hasattr(getattr(negotiations, name), "__attrs_attrs__")
    } - {negotiations.Problem, negotiations.Rule, negotiations.Limits}
    assert set(PUBLIC_TYPES) == model


@pytest.mark.parametrize("cls", list(PUBLIC_TYPES), ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_strategies_draw_their_type(cls: type, data: st.DataObject) -> None:
    """Each strategy function draws instances of its type (built, so valid)."""
    assert type(data.draw(PUBLIC_TYPES[cls]())) is cls


# --- meetings -------------------------------------------------------------------------


@given(meetings(precisions=[TimePrecision.EXACT]))
def test_exact_times_keep_their_order(meeting: Meeting) -> None:
    """With exact times: the actual start is no earlier than scheduled - slack, the end
    no earlier than the start; a status before the start has neither start nor end."""
    scheduled, actual, end = meeting.scheduled_start, meeting.actual_start, meeting.end
    if scheduled is not None and actual is not None:
        assert instant(actual) >= instant(scheduled) - meeting.slack
    if actual is not None and end is not None:
        assert instant(end) >= instant(actual)
    if scheduled is not None and actual is None and end is not None:
        assert instant(end) >= instant(scheduled) - meeting.slack
    if meeting.status in {MeetingStatus.PROPOSED, MeetingStatus.SCHEDULED}:
        assert actual is None
        assert end is None
    assert meeting.slack >= timedelta(0)


@given(meetings())
def test_day_precision_times_are_local_midnights(meeting: Meeting) -> None:
    """A time known only to the day is midnight in its own zone; an absent time is exact."""
    for name in ("scheduled_start", "actual_start", "end"):
        value = getattr(meeting, name)
        precision = getattr(meeting, f"{name}_precision")
        if value is None:
            assert precision is TimePrecision.EXACT
        elif precision is TimePrecision.DAY:
            assert is_local_midnight(value)


def test_the_exact_slack_edge_is_drawn() -> None:
    """Some meeting starts exactly at scheduled_start - slack, both times exact."""
    meeting = reach(
        meetings(),
        lambda m: (
            m.scheduled_start_precision is TimePrecision.EXACT
            and m.actual_start_precision is TimePrecision.EXACT
            and m.delay is not None
            and m.delay == -m.slack
            and m.slack > timedelta(0)
        ),
    )
    assert meeting.actual_start is not None


def test_the_approximate_slack_edge_is_drawn() -> None:
    """Some approximate start's latest instant is exactly scheduled_start - slack."""
    meeting = reach(
        meetings(precisions=[TimePrecision.APPROXIMATE]),
        lambda m: m.delay is not None and m.delay == -m.slack - 2 * APPROXIMATE_MARGIN,
    )
    assert meeting.actual_start_precision is TimePrecision.APPROXIMATE


def test_an_end_at_its_start_is_drawn() -> None:
    """The end rule's edge: some concluded meeting ends exactly when it started."""
    meeting = reach(
        meetings(statuses=[MeetingStatus.CONCLUDED], precisions=[TimePrecision.EXACT]),
        lambda m: (
            m.end is not None
            and m.actual_start is not None
            and instant(m.end) == instant(m.actual_start)
        ),
    )
    assert meeting.end is not None


def test_long_delays_are_drawn() -> None:
    """Some meeting starts more than a month after its scheduled start."""
    meeting = reach(meetings(), lambda m: m.delay is not None and m.delay > timedelta(days=30))
    assert meeting.scheduled_start is not None


@pytest.mark.parametrize(
    ("what", "condition"),
    [
        ("no time at all", lambda m: m.scheduled_start is None and m.actual_start is None),
        ("no scheduled time", lambda m: m.scheduled_start is None and m.actual_start is not None),
        (
            "no actual start",
            lambda m: (
                m.scheduled_start is not None and m.end is not None and m.actual_start is None
            ),
        ),
        ("a start but no end", lambda m: m.actual_start is not None and m.end is None),
        (
            "an IANA zone",
            lambda m: isinstance(getattr(m.scheduled_start, "tzinfo", None), ZoneInfo),
        ),
        ("a fixed offset", lambda m: type(getattr(m.scheduled_start, "tzinfo", None)) is timezone),
        (
            "a zone with a day start",
            lambda m: (
                m.scheduled_start_precision is TimePrecision.DAY
                and isinstance(getattr(m.scheduled_start, "tzinfo", None), ZoneInfo)
            ),
        ),
        ("previous starts", lambda m: len(m.previous_scheduled_starts) >= 2),
        ("mediators", lambda m: len(m.mediators) >= 1),
        ("a venue", lambda m: m.venue is not None and m.venue.time_zone is not None),
        ("four delegations", lambda m: len(m.delegations) == 4),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_meeting_shapes_are_drawn(what: str, condition: Callable[[Meeting], bool]) -> None:
    """Each shape of meeting a report can give is drawn."""
    assert condition(reach(meetings(), condition)), what


@pytest.mark.parametrize("precision", list(TimePrecision), ids=lambda p: p.value)
@pytest.mark.parametrize("name", ["scheduled_start", "actual_start", "end"])
def test_every_precision_of_every_time_is_drawn(name: str, precision: TimePrecision) -> None:
    """Each of the three times is drawn with each precision."""
    meeting = reach(
        meetings(),
        lambda m: getattr(m, name) is not None and getattr(m, f"{name}_precision") is precision,
    )
    assert getattr(meeting, f"{name}_precision") is precision


@pytest.mark.parametrize(
    "status", [None, *MeetingStatus], ids=lambda s: getattr(s, "value", "none")
)
def test_every_status_is_drawn_and_can_be_chosen(status: MeetingStatus | None) -> None:
    """Every status is drawn by default, and ``statuses=`` draws only the ones given."""
    assert reach(meetings(), lambda m: m.status is status).status is status

    @settings(max_examples=10)
    @given(meetings(statuses=[status]))
    def only(meeting: Meeting) -> None:
        assert meeting.status is status

    only()


@given(meetings(parties=["ua", "ru", "tr"], max_delegations=2))
def test_meetings_draw_from_the_given_parties(meeting: Meeting) -> None:
    """``parties=`` limits delegations and hosts; ``max_delegations`` caps the delegations."""
    assert set(meeting.parties) <= {"ua", "ru", "tr"}
    assert len(meeting.parties) == 2
    assert meeting.host in {None, "ua", "ru", "tr"}


PEOPLE = (
    Person(id="umerov", name="Rustem Umerov", party="ua"),
    Person(id="medinsky", name="Владимир Мединский", party="ru"),
    Person(id="fidan", name="Hakan Fidan", party="tr"),
    Person(id="interpreter", name="Ayşe Yılmaz"),  # noqa: RUF001 - a Turkish name
)
PARTY_OF = {person.id: person.party for person in PEOPLE}


@given(meetings(parties=["ua", "ru", "tr"], persons=PEOPLE))
def test_meetings_staff_delegations_from_the_given_persons(meeting: Meeting) -> None:
    """Heads, members and the chair act for the right party, or for no stated party."""
    for delegation in meeting.delegations:
        for person in (delegation.head, *delegation.members):
            if person is not None:
                assert PARTY_OF[person] in {None, delegation.party}
    if meeting.chair is not None:
        assert PARTY_OF[meeting.chair] in {None, *meeting.parties, *meeting.mediators}
    assert meeting.mediators <= {"ua", "ru", "tr", *PARTY_OF}


@given(delegations(parties=["ua"], persons=PEOPLE, levels=[DelegationLevel.BELOW_LEADERS]))
def test_delegations_steered(delegation: Any) -> None:
    """``delegations`` keeps to the given party, persons and levels."""
    assert delegation.party == "ua"
    assert delegation.level is DelegationLevel.BELOW_LEADERS
    assert {delegation.head, *delegation.members} <= {None, "umerov", "interpreter"}


@given(venues(time_zones=["Europe/Istanbul"]))
def test_venues_steered(venue: Any) -> None:
    """``venues(time_zones=...)`` keeps to the given zones."""
    assert venue.time_zone in {None, "Europe/Istanbul"}


# --- exchanges and statements ---------------------------------------------------------


@given(exchange_proposals(parties=["ua", "ru"], meetings=["m1"], statuses=[ExchangeStatus.AGREED]))
def test_exchange_proposals_steered(proposal: ExchangeProposal) -> None:
    """Two different sides of the given parties, one of them handing something over."""
    assert {proposal.side_a.party, proposal.side_b.party} == {"ua", "ru"}
    assert proposal.side_a.handovers or proposal.side_b.handovers
    assert proposal.meeting in {None, "m1"}
    assert proposal.status is ExchangeStatus.AGREED


@pytest.mark.parametrize(
    ("formula", "condition"),
    [
        ("all for all", lambda p: p.formula == "all for all"),
        ("one-sided", lambda p: not p.side_a.handovers or not p.side_b.handovers),
        ("at least", lambda p: any(h.quantity is Quantity.AT_LEAST for h in p.side_a.handovers)),
        ("several categories", lambda p: len(p.side_b.handovers) >= 2),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_exchange_shapes_are_drawn(
    formula: str, condition: Callable[[ExchangeProposal], bool]
) -> None:
    """Exchanges of every shape a report gives are drawn."""
    assert condition(reach(exchange_proposals(), condition)), formula


@given(
    statements(parties=["ua", "ru"], persons=PEOPLE, meetings=["m1"], kinds=[StatementKind.REFUSAL])
)
def test_statements_steered(statement: Statement) -> None:
    """The speaker acts for the statement's party; the rest keeps to what was given."""
    assert statement.party in {"ua", "ru"}
    if statement.speaker is not None:
        assert PARTY_OF[statement.speaker] in {None, statement.party}
    assert statement.target in {None, "ua", "ru"}
    assert statement.meeting in {None, "m1"}
    assert statement.kind is StatementKind.REFUSAL
    assert statement.sources


# --- text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "pattern"),
    [
        ("Cyrillic", "[\u0400-\u04ff]"),
        ("Arabic", "[\u0600-\u06ff]"),
        ("CJK", "[\u4e00-\u9fff]"),
        ("Hangul", "[\uac00-\ud7af]"),
        ("Turkish", "[\u011f\u0131\u015f\u0130]"),
        ("Greek", "[\u0370-\u03ff]"),
    ],
)
def test_names_come_in_several_scripts(script: str, pattern: str) -> None:
    """Names of parties and persons are drawn in several scripts, not only ASCII."""
    found = reach(
        st.tuples(parties(), persons()),
        lambda pair: any(re.search(pattern, text) for text in (pair[0].name, pair[1].name)),
    )
    assert found, script


# --- records --------------------------------------------------------------------------


@given(negotiation_records(min_parties=2, min_meetings=1, max_meetings=2))
def test_record_references_resolve(record: NegotiationRecord) -> None:
    """Every reference names an object of the right kind; people act for the right party."""
    party_ids = {party.id for party in record.parties}
    people = {person.id: person.party for person in record.persons}
    meeting_ids = {meeting.id for meeting in record.meetings}
    ids = [
        item.id
        for collection in (
            record.parties,
            record.persons,
            record.meetings,
            record.proposals,
            record.statements,
        )
        for item in collection
    ]
    assert len(ids) == len(set(ids))
    assert 1 <= len(record.meetings) <= 2
    assert {people[p] for p in people} <= {None, *party_ids}
    for meeting in record.meetings:
        assert set(meeting.parties) <= party_ids
        assert meeting.host in {None, *party_ids}
        assert meeting.mediators <= party_ids | set(people)
        for delegation in meeting.delegations:
            for person in (delegation.head, *delegation.members):
                if person is not None:
                    assert people[person] in {None, delegation.party}
        if meeting.chair is not None:
            assert people[meeting.chair] in {None, *meeting.parties, *meeting.mediators}
    for proposal in record.proposals:
        assert {proposal.side_a.party, proposal.side_b.party} <= party_ids
        assert proposal.proposer in {None, *party_ids}
        assert proposal.meeting in {None, *meeting_ids}
    for statement in record.statements:
        assert statement.party in party_ids
        assert statement.target in {None, *party_ids}
        assert statement.meeting in {None, *meeting_ids}
        if statement.speaker is not None:
            assert people[statement.speaker] in {None, statement.party}


def test_records_reach_every_kind_of_object() -> None:
    """Some record holds a meeting, a proposal and a statement with a speaker."""
    record = reach(
        negotiation_records(),
        lambda r: bool(r.meetings and r.proposals and any(s.speaker for s in r.statements)),
    )
    assert record.parties


@given(negotiation_records(statuses=[MeetingStatus.CONCLUDED], min_parties=2, min_meetings=1))
def test_record_statuses_steered(record: NegotiationRecord) -> None:
    """``statuses=`` applies to every meeting of a record."""
    assert {meeting.status for meeting in record.meetings} == {MeetingStatus.CONCLUDED}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: meetings(parties=["ua"]), "two parties"),
        (lambda: meetings(max_delegations=1), "below 2"),
        (lambda: meetings(statuses=[]), "must not be empty"),
        (lambda: exchange_proposals(parties=["ua", "ua"]), "two parties"),
        (lambda: statements(parties=[]), "must not be empty"),
        (lambda: negotiation_records(min_parties=3, max_parties=2), "min_parties"),
        (lambda: negotiation_records(min_meetings=3, max_meetings=1), "min_meetings"),
        (lambda: negotiation_records(min_meetings=1), "min_parties >= 2"),
        (lambda: negotiation_records(max_persons=-1), "negative"),
        (lambda: invalid_documents(str), "not one of the public types"),
        (lambda: invalid_documents(Person, rules=["meeting.slack"]), "no invalid Person"),
    ],
)
def test_bad_arguments_are_refused(make: Callable[[], object], message: str) -> None:
    """Arguments that cannot be satisfied raise Hypothesis's `InvalidArgument` at once."""
    with pytest.raises(InvalidArgument, match=message):
        make()


# --- invalid documents ----------------------------------------------------------------


def test_invalid_documents_cover_every_rule_a_dict_can_break() -> None:
    """Over all public types, `invalid_documents` breaks every rule of the catalogue
    except those a parsed document cannot break."""
    assert set(RULES) >= TEXT_ONLY | PYTHON_ONLY
    covered: set[str] = set()
    for cls in PUBLIC_TYPES:
        covered |= invalid_document_rules(cls)
    assert covered == set(RULES) - TEXT_ONLY - PYTHON_ONLY


def test_invalid_json_texts_cover_the_text_rules() -> None:
    """`invalid_json_texts` adds the text-only rules for every type."""
    for cls in PUBLIC_TYPES:
        assert invalid_json_text_rules(cls) == invalid_document_rules(cls) | TEXT_ONLY


@pytest.mark.parametrize(
    ("cls", "rules"),
    [
        (negotiations.Party, {"value.country", "value.enum", "value.id", "document.unknown_key"}),
        (
            Meeting,
            {"meeting.slack", "meeting.status_times", "time.day_not_midnight", "value.duration"},
        ),
        (
            NegotiationRecord,
            {
                "record.unresolved_reference",
                "meeting.chair_party",
                "document.format_version",
                "exchange.nothing_exchanged",
            },
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_each_type_covers_its_own_rules(cls: type, rules: set[str]) -> None:
    """Spot checks: the rules of a type, and of the types it holds, are broken for it."""
    assert rules <= invalid_document_rules(cls)


def test_a_record_document_can_be_broken_at_each_level() -> None:
    """Breakers reach nested objects: a broken handover inside a proposal inside a record."""
    document, _ = reach(
        invalid_documents(NegotiationRecord, rules={"handover.count"}),
        lambda pair: bool(pair[0]["proposals"]),
    )
    assert document["proposals"]


def test_a_repeated_start_is_drawn_for_a_meeting_without_earlier_starts() -> None:
    document, rule = reach(
        invalid_documents(Meeting, rules={"value.duplicate_item"}),
        lambda pair: len(pair[0]["previous_scheduled_starts"]) == 2,
    )
    with pytest.raises(negotiations.ValidationError) as caught:
        negotiations.from_dict(document, Meeting)
    assert ("$.previous_scheduled_starts[1]", rule) in {
        (problem.path, problem.rule) for problem in caught.value.problems
    }


@st.composite
def _record_with_a_broken_version(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = negotiations.to_dict(NegotiationRecord())
    strategies._record_format_version_type(draw, document)
    return document


@given(_record_with_a_broken_version())
def test_the_record_version_breaker_gives_a_version_of_the_wrong_type(
    document: dict[str, Any],
) -> None:
    """(Searching all of a record's type breakers for this one takes long: it is run directly.)"""
    with pytest.raises(negotiations.ValidationError) as caught:
        negotiations.from_dict(document, NegotiationRecord)
    assert {(problem.path, problem.rule) for problem in caught.value.problems} == {
        ("$.format_version", "value.type")
    }


@st.composite
def _record_with_a_duplicate_id(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = negotiations.to_dict(draw(negotiation_records(min_parties=1)))
    strategies._record_duplicate_id(draw, document)
    return document


def _has_a_copy(document: dict[str, Any]) -> bool:
    """Whether one of the record's collections holds the same object twice."""
    collections = ("parties", "persons", "meetings", "proposals", "statements")
    return any(
        len({json.dumps(entity, sort_keys=True) for entity in document[name]}) < len(document[name])
        for name in collections
    )


def test_the_duplicate_id_breaker_can_copy_an_object_within_its_collection() -> None:
    """One of the breaker's two ways, reached by a search rather than by a test's luck."""
    document = reach(_record_with_a_duplicate_id(), _has_a_copy)
    with pytest.raises(negotiations.ValidationError) as caught:
        negotiations.from_dict(document, NegotiationRecord)
    assert caught.value.rules == {"record.duplicate_id"}


@st.composite
def _meeting_with_a_repeated_item(draw: st.DrawFn) -> dict[str, Any]:
    """A meeting with a mediator or a previous start listed twice, or none before."""
    document: dict[str, Any] = negotiations.to_dict(draw(meetings()))
    there = draw(st.booleans())
    document["mediators"] = ["mediator-1"] if there else []
    document["previous_scheduled_starts"] = ["2025-05-08T10:00:00+03:00"] if there else []
    if draw(st.booleans()):
        strategies._repeat_item("mediators")(draw, document)
    else:
        strategies._meeting_repeated_start(draw, document)
    return document


@given(_meeting_with_a_repeated_item())
def test_the_repeat_breakers_repeat_an_item(document: dict[str, Any]) -> None:
    """Each breaker's two ways, for an array with items and for an empty one, run directly."""
    with pytest.raises(negotiations.ValidationError) as caught:
        negotiations.from_dict(document, Meeting)
    assert caught.value.rules == {"value.duplicate_item"}


@st.composite
def _record_with_a_member_of_another_party(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = negotiations.to_dict(NegotiationRecord())
    strategies._record_member_party(draw, document)
    return document


@pytest.mark.parametrize("where", ["head", "members[0]"])
def test_the_member_party_breaker_breaks_the_head_or_a_member(where: str) -> None:
    """Both of the breaker's ways, each reached by a search rather than by luck."""
    document = reach(
        _record_with_a_member_of_another_party(),
        lambda doc: bool(doc["meetings"][-1]["delegations"][0]["members"]) is (where != "head"),
    )
    with pytest.raises(negotiations.ValidationError) as caught:
        negotiations.from_dict(document, NegotiationRecord)
    assert [(problem.path, problem.rule) for problem in caught.value.problems] == [
        (f"$.meetings[0].delegations[0].{where}", "delegation.member_party")
    ]


@pytest.mark.parametrize(
    ("how", "is_it"),
    [
        ("truncated", lambda text: not text.endswith("}")),
        ("trailing comma", lambda text: text.endswith(",}")),
        ("single quotes", lambda text: text.startswith("{'")),
        ("NaN", lambda text: text.endswith(',"extra":NaN}')),
    ],
)
def test_each_kind_of_malformed_text_is_drawn_and_refused(
    how: str, is_it: Callable[[str], bool]
) -> None:
    """Every way `invalid_json_texts` breaks the syntax is reached, and each is refused."""
    text, rule = reach(
        invalid_json_texts(negotiations.Party),
        lambda pair: pair[1] == "document.syntax" and is_it(pair[0]),
    )
    with pytest.raises(negotiations.ValidationError) as caught:
        negotiations.from_json(text, negotiations.Party)
    assert caught.value.rules == {rule}, how


@given(invalid_json_texts(Meeting))
def test_invalid_texts_are_text(pair: tuple[str, str]) -> None:
    """`invalid_json_texts` yields ``(str, rule id)`` pairs."""
    text, rule = pair
    assert isinstance(text, str)
    assert rule in RULES


# --- the docs page --------------------------------------------------------------------


def test_testing_page_examples_run() -> None:
    """Every ``python`` block of docs/testing.md runs, in order, in one namespace.

    The page calls its own example tests, so running the blocks runs those tests.
    """
    page = DOCS / "testing.md"
    text = page.read_text(encoding="utf-8")
    assert "st.from_type(Meeting)" in text
    assert re.search(r"meetings\(\s*parties=", text)
    examples = list(Sybil(parsers=[PythonCodeBlockParser()]).parse(page))
    assert len(examples) >= 2
    for example in examples:
        example.evaluate()


# --- shrinking ------------------------------------------------------------------------


def test_failing_records_shrink_to_small_readable_ones() -> None:
    """A failure that needs one late meeting shrinks to a record of little more than that,
    with short ids and names from the samples rather than random text."""
    record = find(
        negotiation_records(),
        lambda r: any(m.delay is not None and m.delay > timedelta(hours=1) for m in r.meetings),
        settings=settings(SEARCH, phases=[Phase.generate, Phase.shrink]),
    )
    # The shrinker is a heuristic whose end point varies between processes: string
    # hashing changes the order it tries things in, and Hypothesis also draws literal
    # constants from the modules a process has imported, so the tests that ran before
    # this one can move it. The bounds are loose, but still far below what an unshrunk
    # record holds.
    assert len(record.meetings) <= 3
    assert (record.proposals, record.statements) == ((), ())
    assert len(record.parties) <= 3
    assert len(record.persons) <= 8
    for meeting in record.meetings:
        assert len(meeting.delegations) <= 3
    assert all(len(party.id) <= 5 for party in record.parties)


@attrs.frozen
class Dossier:
    """A downstream attrs class that holds negotiation types."""

    title: str
    meetings: tuple[Meeting, ...]
    sponsor: negotiations.Party | None = None


@settings(max_examples=20)
@given(st.from_type(Dossier))
def test_from_type_builds_downstream_classes_that_hold_the_types(dossier: Dossier) -> None:
    """``st.from_type`` of a user's own attrs class fills its fields with valid values."""
    assert all(type(meeting) is Meeting for meeting in dossier.meetings)
    assert dossier.sponsor is None or type(dossier.sponsor) is negotiations.Party


# --- machines whose time zone database is incomplete ------------------------------------


def test_zones_this_machine_does_not_know_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(samples, "TIME_ZONES", ("Europe/Istanbul", "Mars/Olympus", "../etc"))
    strategies._time_zone_names.cache_clear()
    try:
        assert strategies._time_zone_names() == ("Europe/Istanbul",)
    finally:
        strategies._time_zone_names.cache_clear()


@given(venues(time_zones=["Pacific/Auckland"]))
def test_venues_in_a_zone_without_a_sample_venue_are_made_up(venue: Any) -> None:
    assert venue.time_zone in {None, "Pacific/Auckland"}


def test_a_day_without_a_midnight_moves_to_the_next() -> None:
    """Havana put its clocks forward at midnight on 10 March 2024: that day has no 00:00."""
    havana = ZoneInfo("America/Havana")
    midnight = strategies._local_midnight(datetime(2024, 3, 10).date(), havana)
    assert midnight == datetime(2024, 3, 11, tzinfo=havana)
    assert midnight.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize("rule", ["meeting.slack", "meeting.end_before_start"])
def test_time_order_breakers_count_in_instants_across_a_dst_change(rule: str) -> None:
    """An early start or end an hour after clocks went forward is still early.

    At 04:00 in Kyiv on 26 March 2000 the clocks had just skipped 03:00-04:00, so wall-clock
    arithmetic (04:00 - 15 minutes = 03:45, a time that does not exist, read as +02:00)
    lands later than the instant it means. The breakers subtract from the instant.
    """
    after_the_gap = datetime(2000, 3, 26, 4, 0, tzinfo=ZoneInfo("Europe/Kyiv"))

    @settings(max_examples=60, database=None)
    @given(invalid_documents(Meeting, rules={rule}))
    def check(pair: tuple[dict[str, Any], str]) -> None:
        document, drawn_rule = pair
        with pytest.raises(negotiations.ValidationError) as caught:
            negotiations.from_dict(document, Meeting)
        assert caught.value.rules == {drawn_rule} == {rule}

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(strategies, "_draw_time", lambda _draw: after_the_gap)
        check()
