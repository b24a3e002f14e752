"""The Istanbul talks of 15 May 2025, built in code from the report, checked against the JSON.

Every value below is one the report gives; what it does not give (the scheduled time of
the 10:45 meeting, the end of the trilateral one, who proposed the exchange) is left out
rather than made up. Run it to check that ``istanbul-2025-05-15.json`` says the same:

    python examples/istanbul_2025_05_15.py
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from negotiations import (
    Delegation,
    DelegationLevel,
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    ExchangeStatus,
    Handover,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    NegotiationRecord,
    Party,
    PartyKind,
    Person,
    Source,
    Statement,
    StatementKind,
    TimePrecision,
    Venue,
    Wording,
    from_json,
)

JSON_PATH = Path(__file__).with_name("istanbul-2025-05-15.json")

ISTANBUL = ZoneInfo("Europe/Istanbul")
PALACE = Venue(name="Dolmabahçe Palace", city="Istanbul", country="TR", time_zone="Europe/Istanbul")
UNN = Source(outlet="UNN", published_on=date(2025, 5, 16))
UKRINFORM = Source(outlet="Ukrinform")


def at(hour: int, minute: int) -> datetime:
    """A time on 15 May 2025 in Istanbul (UTC+03:00)."""
    return datetime(2025, 5, 15, hour, minute, tzinfo=ISTANBUL)


def build() -> NegotiationRecord:
    """The record of the report, built from Python values."""
    return NegotiationRecord(
        title="Russian-Ukrainian peace talks in Istanbul, 15 May 2025",
        parties=(
            Party(id="ua", name="Ukraine", kind=PartyKind.STATE, country="UA"),
            Party(id="ru", name="Russia", kind=PartyKind.STATE, country="RU"),
            Party(id="tr", name="Türkiye", kind=PartyKind.STATE, country="TR"),
            Party(id="us", name="United States", kind=PartyKind.STATE, country="US"),
        ),
        persons=(
            Person(id="umerov", name="Rustem Umerov", party="ua", role="Minister of Defense"),
            Person(id="fidan", name="Hakan Fidan", party="tr", role="Minister of Foreign Affairs"),
            Person(id="zelenskyy", name="Volodymyr Zelenskyy", party="ua", role="President"),
            Person(id="putin", name="Vladimir Putin", party="ru", role="President"),
            Person(id="trump", name="Donald Trump", party="us", role="President"),
        ),
        meetings=(
            Meeting(
                id="tr-us-ua-2025-05-15",
                title="Turkish, American and Ukrainian delegations",
                delegations=(
                    Delegation(party="tr"),
                    Delegation(party="us"),
                    Delegation(party="ua"),
                ),
                venue=PALACE,
                chair="fidan",
                status=MeetingStatus.CONCLUDED,
                actual_start=at(10, 45),
                actual_start_precision=TimePrecision.APPROXIMATE,
                end=at(12, 0),
                end_precision=TimePrecision.APPROXIMATE,
            ),
            Meeting(
                id="tr-ru-ua-2025-05-15",
                title="Trilateral meeting of Turkey, Russia and Ukraine",
                delegations=(
                    Delegation(party="tr"),
                    Delegation(party="ru", level=DelegationLevel.BELOW_LEADERS),
                    Delegation(party="ua"),
                ),
                venue=PALACE,
                format=MeetingFormat.DIRECT,
                scheduled_start=at(12, 30),
                actual_start=at(13, 36),
                actual_start_precision=TimePrecision.APPROXIMATE,
            ),
            Meeting(
                id="ua-ru-leaders",
                title="Meeting at the level of leaders",
                delegations=(
                    Delegation(party="ua", level=DelegationLevel.LEADERS),
                    Delegation(party="ru", level=DelegationLevel.LEADERS),
                ),
                status=MeetingStatus.PROPOSED,
            ),
        ),
        proposals=(
            ExchangeProposal(
                id="exchange-1000-for-1000",
                side_a=ExchangeSide(
                    party="ua",
                    handovers=(Handover(category=ExchangeCategory.UNSPECIFIED, count=1000),),
                ),
                side_b=ExchangeSide(
                    party="ru",
                    handovers=(Handover(category=ExchangeCategory.UNSPECIFIED, count=1000),),
                ),
                status=ExchangeStatus.UNDER_DISCUSSION,
                meeting="tr-ru-ua-2025-05-15",
            ),
        ),
        statements=(
            Statement(
                id="umerov-1000-for-1000",
                speaker="umerov",
                party="ua",
                text=(
                    "We are potentially preparing a meeting at the level of leaders of the "
                    "countries. We talked about an exchange of 1000 for 1000. We are also "
                    "working on other modalities of this exchange. First of all, we need to "
                    "deal with the exchange of prisoners, and then we will inform you about "
                    "our next steps"
                ),
                wording=Wording.QUOTE,
                kind=StatementKind.ANNOUNCEMENT,
                channel="to journalists",
                sources=(UNN,),
            ),
            Statement(
                id="umerov-telethon",
                speaker="umerov",
                party="ua",
                text=(
                    "Any platforms, any opportunities, we use them all. The task is set: all "
                    "our political prisoners, all our children, all civilians must be returned"
                ),
                wording=Wording.QUOTE,
                kind=StatementKind.COMMITMENT,
                channel="national telethon",
                sources=(UKRINFORM, UNN),
            ),
            Statement(
                id="ukraine-accuses-russia",
                party="ua",
                target="ru",
                text=(
                    "Ukraine accused Russia of undermining the negotiations, demanding that "
                    "they be held without the US and Turkey"
                ),
                wording=Wording.PARAPHRASE,
                kind=StatementKind.ACCUSATION,
                sources=(UNN,),
            ),
            Statement(
                id="putin-refuses-direct-talks",
                speaker="putin",
                party="ru",
                text=(
                    "Putin refused to attend direct negotiations, although he himself had "
                    "proposed them before, and instead sent a lower-level delegation"
                ),
                wording=Wording.PARAPHRASE,
                kind=StatementKind.REFUSAL,
                sources=(UNN,),
            ),
            Statement(
                id="trump-ready-to-join",
                speaker="trump",
                party="us",
                text=(
                    "Trump hinted that he was ready to join high-level talks in Turkey, but "
                    "dispelled any hope of a breakthrough after confirming Putin's absence"
                ),
                wording=Wording.PARAPHRASE,
                kind=StatementKind.CLAIM,
                sources=(UNN,),
            ),
        ),
    )


def main() -> int:
    """Compare the record built here with the bundled JSON; 0 when they are equal."""
    built = build()
    loaded = from_json(JSON_PATH.read_bytes(), NegotiationRecord)
    if built != loaded:
        print(f"{JSON_PATH.name} differs from the record built in code", file=sys.stderr)
        return 1
    print(f"{JSON_PATH.name} equals the record built in code")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
