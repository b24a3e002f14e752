"""The rules of negotiations, written once for the pydantic and msgspec twins.

The twins hold the same fields under the same names, so these functions read either
kind of object. Each returns the problems as ``"path: rule"`` strings; a twin raises
``ValueError`` when there is any, which its library turns into its own error.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime, timedelta, timezone
from functools import cache
from typing import Any, Final
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from negotiations._countries import COUNTRY_CODES

__all__ = [
    "COUNTRY_CODES",
    "ID_PATTERN",
    "DelegationLevel",
    "ExchangeCategory",
    "ExchangeStatus",
    "MeetingFormat",
    "MeetingStatus",
    "PartyKind",
    "Quantity",
    "StatementKind",
    "TimePrecision",
    "Wording",
    "delegation_problems",
    "field_problems",
    "handover_problems",
    "is_http_url",
    "is_time_zone",
    "meeting_problems",
    "parse_date_or_datetime",
    "proposal_problems",
    "raise_problems",
    "record_problems",
    "side_problems",
    "statement_problems",
]

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$"
_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}\Z")
APPROXIMATE_MARGIN: Final = timedelta(minutes=30)
_ONE_DAY: Final = timedelta(days=1)
_TICK: Final = timedelta(microseconds=1)


class PartyKind(enum.Enum):
    """As `negotiations.PartyKind`."""

    STATE = "state"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    OTHER = "other"


class DelegationLevel(enum.Enum):
    """As `negotiations.DelegationLevel`."""

    LEADERS = "leaders"
    MINISTERIAL = "ministerial"
    DEPUTY_MINISTERIAL = "deputy_ministerial"
    SENIOR_OFFICIALS = "senior_officials"
    WORKING_LEVEL = "working_level"
    BELOW_LEADERS = "below_leaders"


class MeetingStatus(enum.Enum):
    """As `negotiations.MeetingStatus`."""

    PROPOSED = "proposed"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class MeetingFormat(enum.Enum):
    """As `negotiations.MeetingFormat`."""

    DIRECT = "direct"
    PROXIMITY = "proximity"


class TimePrecision(enum.Enum):
    """As `negotiations.TimePrecision`."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    DAY = "day"


class ExchangeCategory(enum.Enum):
    """As `negotiations.ExchangeCategory`."""

    PRISONERS_OF_WAR = "prisoners_of_war"
    POLITICAL_PRISONERS = "political_prisoners"
    CIVILIANS = "civilians"
    CHILDREN = "children"
    SEVERELY_WOUNDED_OR_ILL = "severely_wounded_or_ill"
    BODIES_OF_THE_DEAD = "bodies_of_the_dead"
    UNSPECIFIED = "unspecified"


class Quantity(enum.Enum):
    """As `negotiations.Quantity`."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    ALL = "all"


class ExchangeStatus(enum.Enum):
    """As `negotiations.ExchangeStatus`."""

    PROPOSED = "proposed"
    UNDER_DISCUSSION = "under_discussion"
    AGREED = "agreed"
    REJECTED = "rejected"
    CARRIED_OUT = "carried_out"


class StatementKind(enum.Enum):
    """As `negotiations.StatementKind`."""

    ANNOUNCEMENT = "announcement"
    CLAIM = "claim"
    ACCUSATION = "accusation"
    PROPOSAL = "proposal"
    REFUSAL = "refusal"
    COMMITMENT = "commitment"
    DEMAND = "demand"
    DENIAL = "denial"
    ACCEPTANCE = "acceptance"
    OTHER = "other"


class Wording(enum.Enum):
    """As `negotiations.Wording`."""

    QUOTE = "quote"
    PARAPHRASE = "paraphrase"


_NOT_STARTED: Final = frozenset(
    {
        MeetingStatus.PROPOSED,
        MeetingStatus.SCHEDULED,
        MeetingStatus.POSTPONED,
        MeetingStatus.CANCELLED,
    }
)


@cache
def is_time_zone(name: str) -> bool:
    """Whether ``zoneinfo`` knows the IANA zone ``name``."""
    if len(name) > 100:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and no white space."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (
        parts.scheme in {"http", "https"}
        and bool(parts.hostname)
        and not any(char.isspace() for char in value)
    )


# --- field constraints the peer cannot express by annotation (msgspec) -------------------


def field_problems(obj: Any, checks: tuple[tuple[str, str], ...]) -> list[str]:
    """Problems of single fields: ``checks`` pairs a field name with a constraint name."""
    problems: list[str] = []
    for name, constraint in checks:
        value = getattr(obj, name)
        if value is None:
            continue
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            ok = (
                (constraint == "country" and item in COUNTRY_CODES)
                or (constraint == "zone" and is_time_zone(item))
                or (constraint == "url" and is_http_url(item))
                or (constraint == "text" and bool(item.strip()))
                or (constraint == "id" and _ID.match(item) is not None)
            )
            if not ok:
                problems.append(f"{name}: {constraint}")
    return problems


# --- cross-field rules ----------------------------------------------------------------


def delegation_problems(delegation: Any) -> list[str]:
    """``delegation.head_in_members`` and ``value.duplicate_item``."""
    problems: list[str] = []
    seen: set[str] = set()
    for index, member in enumerate(delegation.members):
        if member == delegation.head:
            problems.append(f"members[{index}]: delegation.head_in_members")
        elif member in seen:
            problems.append(f"members[{index}]: value.duplicate_item")
        seen.add(member)
    return problems


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc)


def _earliest(value: datetime, precision: TimePrecision) -> datetime:
    if precision is TimePrecision.APPROXIMATE:
        return _utc(value) - APPROXIMATE_MARGIN
    return _utc(value)


def _latest(value: datetime, precision: TimePrecision) -> datetime:
    if precision is TimePrecision.APPROXIMATE:
        return _utc(value) + APPROXIMATE_MARGIN
    if precision is TimePrecision.DAY:
        return _utc(value + _ONE_DAY) - _TICK
    return _utc(value)


def _meeting_time_problems(meeting: Any) -> list[str]:
    problems: list[str] = []
    for name in ("scheduled_start", "actual_start", "end"):
        value = getattr(meeting, name)
        precision = getattr(meeting, f"{name}_precision")
        if value is None:
            if precision is not TimePrecision.EXACT:
                problems.append(f"{name}_precision: time.precision_without_time")
        elif precision is TimePrecision.DAY and (
            value.hour or value.minute or value.second or value.microsecond
        ):
            problems.append(f"{name}: time.day_not_midnight")
    slack = meeting.slack
    if slack < timedelta(0):
        problems.append("slack: meeting.negative_slack")
        return problems
    scheduled, actual, end = meeting.scheduled_start, meeting.actual_start, meeting.end
    floor = None
    if scheduled is not None:
        floor = _earliest(scheduled, meeting.scheduled_start_precision) - slack
        if actual is not None and _latest(actual, meeting.actual_start_precision) < floor:
            problems.append("actual_start: meeting.slack")
    if actual is not None:
        floor = _earliest(actual, meeting.actual_start_precision)
    if end is not None and floor is not None and _latest(end, meeting.end_precision) < floor:
        problems.append("end: meeting.end_before_start")
    return problems


def meeting_problems(meeting: Any) -> list[str]:
    """Every cross-field rule of a meeting: parties, precisions, time order, status."""
    problems: list[str] = []
    if len(meeting.delegations) < 2:
        problems.append("delegations: meeting.delegations")
    parties: set[str] = set()
    for index, delegation in enumerate(meeting.delegations):
        if delegation.party in parties:
            problems.append(f"delegations[{index}].party: meeting.repeated_party")
        parties.add(delegation.party)
    previous: set[datetime] = set()
    for index, start in enumerate(meeting.previous_scheduled_starts):
        if start in previous:
            problems.append(f"previous_scheduled_starts[{index}]: value.duplicate_item")
        previous.add(start)
    problems.extend(_meeting_time_problems(meeting))
    status = meeting.status
    if status in _NOT_STARTED and meeting.actual_start is not None:
        problems.append("actual_start: meeting.status_times")
    if meeting.end is not None and status is not None and status is not MeetingStatus.CONCLUDED:
        problems.append("end: meeting.end_not_concluded")
    return problems


def handover_problems(handover: Any) -> list[str]:
    """``handover.count``: a count for exact and at-least quantities, none for 'all'."""
    if (handover.quantity is Quantity.ALL) is (handover.count is not None):
        return ["count: handover.count"]
    return []


def side_problems(side: Any) -> list[str]:
    """``exchange.repeated_category``."""
    problems: list[str] = []
    seen: set[ExchangeCategory] = set()
    for index, handover in enumerate(side.handovers):
        if handover.category in seen:
            problems.append(f"handovers[{index}].category: exchange.repeated_category")
        seen.add(handover.category)
    return problems


def proposal_problems(proposal: Any) -> list[str]:
    """``exchange.same_party`` and ``exchange.nothing_exchanged``."""
    problems: list[str] = []
    if proposal.side_a.party == proposal.side_b.party:
        problems.append("side_b.party: exchange.same_party")
    if not proposal.side_a.handovers and not proposal.side_b.handovers:
        problems.append("$: exchange.nothing_exchanged")
    return problems


def statement_problems(statement: Any) -> list[str]:
    """``statement.no_source``, and an aware ``made_at`` when it is a datetime."""
    problems: list[str] = []
    if not statement.sources:
        problems.append("sources: statement.no_source")
    made_at = statement.made_at
    if isinstance(made_at, datetime) and made_at.utcoffset() is None:
        problems.append("made_at: value.naive_datetime")
    return problems


def _person_party(index: dict[str, tuple[str, Any]], person: str | None) -> str | None:
    found = index.get(person) if person is not None else None
    if found is None or found[0] != "person":
        return None
    party: str | None = found[1].party
    return party


def _reference_problems(record: Any, index: dict[str, tuple[str, Any]]) -> list[str]:  # noqa: C901 - one line per reference field
    problems: list[str] = []

    def need(where: str, target: str | None, *kinds: str) -> None:
        if target is None:
            return
        found = index.get(target)
        if found is None or found[0] not in kinds:
            problems.append(f"{where}: record.unresolved_reference")

    for p, person in enumerate(record.persons):
        need(f"persons[{p}].party", person.party, "party")
    for m, meeting in enumerate(record.meetings):
        need(f"meetings[{m}].host", meeting.host, "party")
        need(f"meetings[{m}].chair", meeting.chair, "person")
        for mediator in meeting.mediators:
            need(f"meetings[{m}].mediators", mediator, "party", "person")
        for d, delegation in enumerate(meeting.delegations):
            need(f"meetings[{m}].delegations[{d}].party", delegation.party, "party")
            need(f"meetings[{m}].delegations[{d}].head", delegation.head, "person")
            for k, member in enumerate(delegation.members):
                need(f"meetings[{m}].delegations[{d}].members[{k}]", member, "person")
    for p, proposal in enumerate(record.proposals):
        need(f"proposals[{p}].proposer", proposal.proposer, "party")
        need(f"proposals[{p}].meeting", proposal.meeting, "meeting")
        need(f"proposals[{p}].side_a.party", proposal.side_a.party, "party")
        need(f"proposals[{p}].side_b.party", proposal.side_b.party, "party")
    for s, statement in enumerate(record.statements):
        need(f"statements[{s}].party", statement.party, "party")
        need(f"statements[{s}].speaker", statement.speaker, "person")
        need(f"statements[{s}].target", statement.target, "party")
        need(f"statements[{s}].meeting", statement.meeting, "meeting")
    return problems


def _acting_for_problems(record: Any, index: dict[str, tuple[str, Any]]) -> list[str]:
    problems: list[str] = []
    for m, meeting in enumerate(record.meetings):
        for d, delegation in enumerate(meeting.delegations):
            for person in (delegation.head, *delegation.members):
                party = _person_party(index, person)
                if party is not None and party != delegation.party:
                    problems.append(f"meetings[{m}].delegations[{d}]: delegation.member_party")
        chair_party = _person_party(index, meeting.chair)
        taking_part = {delegation.party for delegation in meeting.delegations}
        if chair_party is not None and chair_party not in taking_part | set(meeting.mediators):
            problems.append(f"meetings[{m}].chair: meeting.chair_party")
    for s, statement in enumerate(record.statements):
        party = _person_party(index, statement.speaker)
        if party is not None and party != statement.party:
            problems.append(f"statements[{s}].speaker: statement.speaker_party")
    return problems


def record_problems(record: Any) -> list[str]:
    """Unique ids, resolving references, and people acting for the right party."""
    problems: list[str] = []
    index: dict[str, tuple[str, Any]] = {}
    for collection, kind in (
        ("parties", "party"),
        ("persons", "person"),
        ("meetings", "meeting"),
        ("proposals", "proposal"),
        ("statements", "statement"),
    ):
        for position, entity in enumerate(getattr(record, collection)):
            if entity.id in index:
                problems.append(f"{collection}[{position}].id: record.duplicate_id")
            else:
                index[entity.id] = (kind, entity)
    problems.extend(_reference_problems(record, index))
    problems.extend(_acting_for_problems(record, index))
    return problems


def raise_problems(problems: list[str]) -> None:
    """Raise ``ValueError`` listing ``problems``, if there are any."""
    if problems:
        raise ValueError("; ".join(problems))


def parse_date_or_datetime(text: str) -> date:
    """An aware datetime (``YYYY-MM-DDTHH:MM...+HH:MM``) or a date (``YYYY-MM-DD``)."""
    if len(text) == 10:
        return date.fromisoformat(text)
    value = datetime.fromisoformat(text)
    if value.utcoffset() is None:
        raise ValueError("made_at: value.naive_datetime")
    return value
