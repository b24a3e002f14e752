"""The realistic record every benchmark decodes and encodes, built with negotiations.

1,000 meetings, each of 3 delegations of 6 people (a head and 5 members), 2 exchange
proposals and statements with sources. Times are fixed-offset datetimes, which every
library writes and reads the same way.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from negotiations import (
    Delegation,
    DelegationLevel,
    ExchangeCategory,
    ExchangeProposal,
    ExchangeStatus,
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
    Venue,
    Wording,
)
from negotiations._exchanges import ExchangeSide

__all__ = ["PARTY_COUNT", "PERSONS_PER_PARTY", "build_record"]

PARTY_COUNT = 12
PERSONS_PER_PARTY = 18
_COUNTRIES = ("UA", "RU", "TR", "US", "FR", "DE", "GB", "PL", "CN", "IN", "BR", "ZA")
_LEVELS = tuple(DelegationLevel)
_ZONE = timezone(timedelta(hours=3))
_START = datetime(2025, 5, 15, 9, 0, tzinfo=_ZONE)


def _parties() -> tuple[Party, ...]:
    return tuple(
        Party(id=f"p{i}", name=f"Party {i}", kind=PartyKind.STATE, country=_COUNTRIES[i])
        for i in range(PARTY_COUNT)
    )


def _persons() -> tuple[Person, ...]:
    return tuple(
        Person(id=f"p{i}-person-{k}", name=f"Person {k} of party {i}", party=f"p{i}", role="Envoy")
        for i in range(PARTY_COUNT)
        for k in range(PERSONS_PER_PARTY)
    )


def _delegation(party: int, shift: int, level: DelegationLevel) -> Delegation:
    people = [f"p{party}-person-{(shift + k) % PERSONS_PER_PARTY}" for k in range(6)]
    return Delegation(party=f"p{party}", head=people[0], members=tuple(people[1:]), level=level)


def _meeting(index: int) -> Meeting:
    parties = [(index + step) % PARTY_COUNT for step in (0, 3, 7)]
    scheduled = _START + timedelta(days=index // 4, hours=2 * (index % 4))
    concluded = index % 5 != 0
    return Meeting(
        id=f"meeting-{index}",
        title=f"Round {index} of talks on prisoner exchanges",
        delegations=tuple(
            _delegation(party, index, _LEVELS[(index + n) % len(_LEVELS)])
            for n, party in enumerate(parties)
        ),
        status=MeetingStatus.CONCLUDED if concluded else MeetingStatus.SCHEDULED,
        venue=Venue(
            name="Dolmabahçe Palace", city="Istanbul", country="TR", time_zone="Europe/Istanbul"
        ),
        host=f"p{parties[0]}",
        chair=f"p{parties[0]}-person-{index % PERSONS_PER_PARTY}",
        mediators=frozenset({f"p{(index + 1) % PARTY_COUNT}"}),
        format=MeetingFormat.DIRECT if index % 2 else MeetingFormat.PROXIMITY,
        scheduled_start=scheduled,
        actual_start=scheduled + timedelta(minutes=index % 50) if concluded else None,
        actual_start_precision=(
            TimePrecision.APPROXIMATE if concluded and index % 3 else TimePrecision.EXACT
        ),
        end=scheduled + timedelta(hours=1, minutes=30) if concluded else None,
        previous_scheduled_starts=(scheduled - timedelta(days=7),) if index % 10 == 0 else (),
    )


def _proposals() -> tuple[ExchangeProposal, ...]:
    return (
        ExchangeProposal(
            id="exchange-1000-for-1000",
            side_a=ExchangeSide(
                party="p0",
                handovers=(Handover(category=ExchangeCategory.UNSPECIFIED, count=1000),),
            ),
            side_b=ExchangeSide(
                party="p1",
                handovers=(Handover(category=ExchangeCategory.UNSPECIFIED, count=1000),),
            ),
            status=ExchangeStatus.UNDER_DISCUSSION,
            meeting="meeting-1",
        ),
        ExchangeProposal(
            id="exchange-all-for-all",
            side_a=ExchangeSide(
                party="p0",
                handovers=(
                    Handover(category=ExchangeCategory.CIVILIANS, quantity=Quantity.ALL),
                    Handover(
                        category=ExchangeCategory.CHILDREN, quantity=Quantity.AT_LEAST, count=20
                    ),
                ),
            ),
            side_b=ExchangeSide(
                party="p1",
                handovers=(
                    Handover(category=ExchangeCategory.PRISONERS_OF_WAR, quantity=Quantity.ALL),
                ),
            ),
            proposer="p0",
            status=ExchangeStatus.PROPOSED,
        ),
    )


def _statements(meetings: int) -> tuple[Statement, ...]:
    return tuple(
        Statement(
            id=f"statement-{index}",
            party=f"p{index % PARTY_COUNT}",
            speaker=f"p{index % PARTY_COUNT}-person-{index % PERSONS_PER_PARTY}",
            text="We talked about an exchange of 1000 for 1000; the task is set: "
            "all our political prisoners, all our children, all civilians must be returned",
            wording=Wording.QUOTE if index % 2 else Wording.PARAPHRASE,
            kind=StatementKind.ANNOUNCEMENT,
            sources=(
                Source(
                    outlet="UNN",
                    url=f"https://unn.example/news/{index}",
                    published_on=date(2025, 5, 16),
                ),
            ),
            made_at=_START + timedelta(days=index) if index % 2 else date(2025, 5, 16),
            channel="to journalists",
            meeting=f"meeting-{index % meetings}",
        )
        for index in range(max(1, meetings // 2))
    )


def build_record(meetings: int = 1000) -> NegotiationRecord:
    """A valid record of ``meetings`` meetings, with ``meetings // 2`` statements."""
    return NegotiationRecord(
        parties=_parties(),
        persons=_persons(),
        meetings=tuple(_meeting(index) for index in range(meetings)),
        proposals=_proposals(),
        statements=_statements(meetings),
        title="A synthetic negotiation for benchmarks",
    )
