"""A downstream module that uses the public API as documented: type checkers accept it.

Never run, only type-checked (``mypy --strict``, pyright) against the installed wheel
by ``tests/test_downstream.py``. ``assert_type`` fails the check if a type were lost,
for example if `from_json` returned ``Any``.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone

import attrs
import cattrs

from negotiations import (
    RULES,
    Delegation,
    DelegationLevel,
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    Handover,
    Meeting,
    MeetingKind,
    MeetingStatus,
    NegotiationRecord,
    NegotiationsError,
    Party,
    PartyKind,
    Person,
    Problem,
    Quantity,
    Source,
    Statement,
    StatementKind,
    TimePrecision,
    ValidationError,
    Venue,
    Wording,
    configure_converter,
    from_dict,
    from_json,
    to_dict,
    to_json,
)

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from typing_extensions import assert_type

ISTANBUL = timezone(timedelta(hours=3))

ukraine = Party(id="ua", name="Ukraine", kind=PartyKind.STATE, country="UA")
russia = Party(id="ru", name="Russia", kind=PartyKind.STATE)
umerov = Person(id="umerov", name="Rustem Umerov", party="ua", role="Minister of Defense")
meeting = Meeting(
    id="tr-ru-ua",
    title="Trilateral meeting",
    delegations=(
        Delegation(party="ua", head="umerov"),
        Delegation(party="ru", level=DelegationLevel.BELOW_LEADERS),
    ),
    venue=Venue(name="Dolmabahçe Palace", city="Istanbul", time_zone="Europe/Istanbul"),
    scheduled_start=datetime(2025, 5, 15, 12, 30, tzinfo=ISTANBUL),
    actual_start=datetime(2025, 5, 15, 13, 36, tzinfo=ISTANBUL),
    actual_start_precision=TimePrecision.APPROXIMATE,
)
exchange = ExchangeProposal(
    id="1000-for-1000",
    side_a=ExchangeSide(
        party="ua", handovers=(Handover(category=ExchangeCategory.UNSPECIFIED, count=1000),)
    ),
    side_b=ExchangeSide(
        party="ru",
        handovers=(Handover(category=ExchangeCategory.PRISONERS_OF_WAR, quantity=Quantity.ALL),),
    ),
)
statement = Statement(
    id="s1",
    party="ua",
    speaker="umerov",
    text="We talked about an exchange of 1000 for 1000.",
    wording=Wording.QUOTE,
    kind=StatementKind.ANNOUNCEMENT,
    sources=(Source(outlet="UNN", published_on=date(2025, 5, 16)),),
    made_at=date(2025, 5, 15),
)
record = NegotiationRecord(
    parties=(ukraine, russia),
    persons=(umerov,),
    meetings=(meeting,),
    proposals=(exchange,),
    statements=(statement,),
)

# from_json and from_dict infer their result from the class they are given.
assert_type(from_json(to_json(record), NegotiationRecord), NegotiationRecord)
assert_type(from_json(to_json(meeting).encode(), Meeting), Meeting)
assert_type(from_dict(to_dict(ukraine), Party), Party)
assert_type(to_json(meeting, indent=True), str)

# Attribute access keeps the field types.
assert_type(record.meetings, tuple[Meeting, ...])
assert_type(meeting.delay, timedelta | None)
assert_type(meeting.actual_start, datetime | None)
assert_type(meeting.kind, MeetingKind)
assert_type(meeting.status, MeetingStatus | None)
assert_type(meeting.slack, timedelta)
assert_type(statement.made_at, datetime | date | None)
assert_type(exchange.formula, str)
first_meeting: Meeting = record.meetings[0]

# attrs.evolve gives the same class back.
assert_type(attrs.evolve(meeting, title="Renamed"), Meeting)

# Every problem of bad input, with its path and rule.
try:
    from_json(b"{}", Meeting)
except ValidationError as error:
    assert_type(error.problems, tuple[Problem, ...])
    paths: list[str] = [problem.path for problem in error.problems]
    rules: frozenset[str] = error.rules
except NegotiationsError:
    pass
summaries: list[str] = [rule.summary for rule in RULES.values()]


# Your own attrs classes, through your own converter.
@attrs.frozen(kw_only=True)
class Dossier:
    analyst: str
    meetings: tuple[Meeting, ...]


converter = cattrs.Converter()
configure_converter(converter)
dossier = converter.structure({"analyst": "A. N. Alyst", "meetings": []}, Dossier)
assert_type(dossier, Dossier)
