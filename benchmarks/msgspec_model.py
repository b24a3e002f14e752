"""The negotiations model as msgspec Structs, with the same rules.

Frozen, keyword-only Structs that forbid unknown fields; msgspec never coerces.
Constraints msgspec can say by annotation (patterns, bounds, aware datetimes) are
annotations; the rest run in ``__post_init__``, whose ``ValueError`` msgspec reports
as a ``ValidationError``. What msgspec cannot see: a key repeated in one JSON object
(the last one wins), and it does not check types when a Struct is built in Python.
``mediators`` is a tuple checked for repeats (a frozenset would drop them silently),
and ``made_at`` is parsed in ``__post_init__``: msgspec allows one string-like type
per union, and ``datetime | date`` has two.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Final, Literal

import msgspec
from msgspec import Meta
from msgspec.structs import force_setattr

from .twin_rules import (
    ID_PATTERN,
    DelegationLevel,
    ExchangeCategory,
    ExchangeStatus,
    MeetingFormat,
    MeetingStatus,
    PartyKind,
    Quantity,
    StatementKind,
    TimePrecision,
    Wording,
    delegation_problems,
    field_problems,
    handover_problems,
    meeting_problems,
    parse_date_or_datetime,
    proposal_problems,
    raise_problems,
    record_problems,
    side_problems,
    statement_problems,
)

__all__ = [
    "Delegation",
    "ExchangeProposal",
    "ExchangeSide",
    "Handover",
    "Meeting",
    "NegotiationRecord",
    "Party",
    "Person",
    "Source",
    "Statement",
    "Venue",
]

Id = Annotated[str, Meta(pattern=ID_PATTERN)]
Text = Annotated[str, Meta(pattern=r"\S")]
PositiveInt = Annotated[int, Meta(gt=0)]
AwareDatetime = Annotated[datetime, Meta(tz=True)]
_SLACK: Final = timedelta(minutes=15)


class _Struct(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Party(_Struct, frozen=True):
    """As `negotiations.Party`."""

    id: Id
    name: Text
    kind: PartyKind
    country: str | None = None

    def __post_init__(self) -> None:
        raise_problems(field_problems(self, (("country", "country"),)))


class Person(_Struct, frozen=True):
    """As `negotiations.Person`."""

    id: Id
    name: Text
    party: Id | None = None
    role: Text | None = None


class Delegation(_Struct, frozen=True):
    """As `negotiations.Delegation`."""

    party: Id
    head: Id | None = None
    members: tuple[Id, ...] = ()
    level: DelegationLevel | None = None

    def __post_init__(self) -> None:
        raise_problems(delegation_problems(self))


class Venue(_Struct, frozen=True):
    """As `negotiations.Venue`."""

    name: Text
    city: Text | None = None
    country: str | None = None
    time_zone: str | None = None

    def __post_init__(self) -> None:
        raise_problems(field_problems(self, (("country", "country"), ("time_zone", "zone"))))


class Meeting(_Struct, frozen=True):
    """As `negotiations.Meeting`."""

    id: Id
    title: Text
    delegations: tuple[Delegation, ...]
    status: MeetingStatus | None = None
    venue: Venue | None = None
    host: Id | None = None
    chair: Id | None = None
    mediators: tuple[Id, ...] = ()
    format: MeetingFormat | None = None
    scheduled_start: AwareDatetime | None = None
    scheduled_start_precision: TimePrecision = TimePrecision.EXACT
    actual_start: AwareDatetime | None = None
    actual_start_precision: TimePrecision = TimePrecision.EXACT
    end: AwareDatetime | None = None
    end_precision: TimePrecision = TimePrecision.EXACT
    slack: timedelta = _SLACK
    previous_scheduled_starts: tuple[AwareDatetime, ...] = ()

    def __post_init__(self) -> None:
        problems = meeting_problems(self)
        if len(set(self.mediators)) != len(self.mediators):
            problems.append("mediators: value.duplicate_item")
        raise_problems(problems)


class Handover(_Struct, frozen=True):
    """As `negotiations.Handover`."""

    category: ExchangeCategory
    quantity: Quantity = Quantity.EXACT
    count: PositiveInt | None = None

    def __post_init__(self) -> None:
        raise_problems(handover_problems(self))


class ExchangeSide(_Struct, frozen=True):
    """As `negotiations._exchanges.ExchangeSide`."""

    party: Id
    handovers: tuple[Handover, ...] = ()

    def __post_init__(self) -> None:
        raise_problems(side_problems(self))


class ExchangeProposal(_Struct, frozen=True):
    """As `negotiations.ExchangeProposal`."""

    id: Id
    side_a: ExchangeSide
    side_b: ExchangeSide
    proposer: Id | None = None
    status: ExchangeStatus | None = None
    meeting: Id | None = None

    def __post_init__(self) -> None:
        raise_problems(proposal_problems(self))


class Source(_Struct, frozen=True):
    """As `negotiations.Source`."""

    outlet: Text
    url: str | None = None
    published_on: date | None = None

    def __post_init__(self) -> None:
        raise_problems(field_problems(self, (("url", "url"),)))


class Statement(_Struct, frozen=True):
    """As `negotiations.Statement`; ``made_at`` is read as text and parsed here."""

    id: Id
    party: Id
    text: Text
    wording: Wording
    kind: StatementKind
    sources: tuple[Source, ...]
    speaker: Id | None = None
    target: Id | None = None
    #: Read as text; `__post_init__` replaces it by the parsed datetime or date.
    made_at: str | None = None
    channel: Text | None = None
    meeting: Id | None = None

    def __post_init__(self) -> None:
        if isinstance(self.made_at, str):
            force_setattr(self, "made_at", parse_date_or_datetime(self.made_at))
        raise_problems(statement_problems(self))


class NegotiationRecord(_Struct, frozen=True):
    """As `negotiations.NegotiationRecord`, with its ``format_version`` as a field."""

    format_version: Literal[1]
    parties: tuple[Party, ...] = ()
    persons: tuple[Person, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    proposals: tuple[ExchangeProposal, ...] = ()
    statements: tuple[Statement, ...] = ()
    title: Text | None = None

    def __post_init__(self) -> None:
        raise_problems(record_problems(self))
