"""The negotiations model as pydantic v2 models, with the same rules.

Frozen models in strict mode (no coercion) that forbid unknown keys; field
constraints by annotation, cross-field rules in ``model_validator(mode="after")``.
What pydantic cannot see: a key repeated in one JSON object (the last one wins).
``mediators`` is a tuple checked for repeats: a frozenset would drop them silently,
and a "before" validator would make pydantic validate the JSON as Python (strict
Python refuses strings for datetimes).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from pydantic import StringConstraints as Str

from .twin_rules import (
    COUNTRY_CODES,
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
    handover_problems,
    is_http_url,
    is_time_zone,
    meeting_problems,
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


def _country(value: str) -> str:
    if value not in COUNTRY_CODES:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code")
    return value


def _zone(value: str) -> str:
    if not is_time_zone(value):
        raise ValueError(f"{value!r} is not a known IANA time zone")
    return value


def _url(value: str) -> str:
    if not is_http_url(value):
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    return value


Id = Annotated[str, Str(pattern=ID_PATTERN)]
Text = Annotated[str, Str(pattern=r"\S")]
CountryCode = Annotated[str, AfterValidator(_country)]
TimeZoneName = Annotated[str, AfterValidator(_zone)]
HttpUrl = Annotated[str, AfterValidator(_url)]
PositiveInt = Annotated[int, Field(gt=0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


class Party(_Model):
    """As `negotiations.Party`."""

    id: Id
    name: Text
    kind: PartyKind
    country: CountryCode | None = None


class Person(_Model):
    """As `negotiations.Person`."""

    id: Id
    name: Text
    party: Id | None = None
    role: Text | None = None


class Delegation(_Model):
    """As `negotiations.Delegation`."""

    party: Id
    head: Id | None = None
    members: tuple[Id, ...] = ()
    level: DelegationLevel | None = None

    @model_validator(mode="after")
    def _rules(self) -> Delegation:
        raise_problems(delegation_problems(self))
        return self


class Venue(_Model):
    """As `negotiations.Venue`."""

    name: Text
    city: Text | None = None
    country: CountryCode | None = None
    time_zone: TimeZoneName | None = None


class Meeting(_Model):
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
    slack: timedelta = timedelta(minutes=15)
    previous_scheduled_starts: tuple[AwareDatetime, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Meeting:
        problems = meeting_problems(self)
        if len(set(self.mediators)) != len(self.mediators):
            problems.append("mediators: value.duplicate_item")
        raise_problems(problems)
        return self


class Handover(_Model):
    """As `negotiations.Handover`."""

    category: ExchangeCategory
    quantity: Quantity = Quantity.EXACT
    count: PositiveInt | None = None

    @model_validator(mode="after")
    def _rules(self) -> Handover:
        raise_problems(handover_problems(self))
        return self


class ExchangeSide(_Model):
    """As `negotiations._exchanges.ExchangeSide`."""

    party: Id
    handovers: tuple[Handover, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> ExchangeSide:
        raise_problems(side_problems(self))
        return self


class ExchangeProposal(_Model):
    """As `negotiations.ExchangeProposal`."""

    id: Id
    side_a: ExchangeSide
    side_b: ExchangeSide
    proposer: Id | None = None
    status: ExchangeStatus | None = None
    meeting: Id | None = None

    @model_validator(mode="after")
    def _rules(self) -> ExchangeProposal:
        raise_problems(proposal_problems(self))
        return self


class Source(_Model):
    """As `negotiations.Source`."""

    outlet: Text
    url: HttpUrl | None = None
    published_on: date | None = None


class Statement(_Model):
    """As `negotiations.Statement`."""

    id: Id
    party: Id
    text: Text
    wording: Wording
    kind: StatementKind
    sources: tuple[Source, ...]
    speaker: Id | None = None
    target: Id | None = None
    made_at: AwareDatetime | date | None = None
    channel: Text | None = None
    meeting: Id | None = None

    @model_validator(mode="after")
    def _rules(self) -> Statement:
        raise_problems(statement_problems(self))
        return self


class NegotiationRecord(_Model):
    """As `negotiations.NegotiationRecord`, with its ``format_version`` as a field."""

    format_version: Literal[1]
    parties: tuple[Party, ...] = ()
    persons: tuple[Person, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    proposals: tuple[ExchangeProposal, ...] = ()
    statements: tuple[Statement, ...] = ()
    title: Text | None = None

    @model_validator(mode="after")
    def _rules(self) -> NegotiationRecord:
        raise_problems(record_problems(self))
        return self
