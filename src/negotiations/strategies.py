"""Hypothesis strategies for every public type, valid by construction.

Use them to property-test your own code against realistic negotiation data::

    from hypothesis import given
    from negotiations import MeetingStatus
    from negotiations.strategies import meetings

    @given(meetings(statuses=[MeetingStatus.CONCLUDED]))
    def test_summary(meeting): ...

Every value is built to satisfy every rule (nothing is filtered away), texts come in
several scripts, and times cover every precision, fixed offsets and IANA zones, and
the slack rule right at its edge. Once the package is installed, ``st.from_type(Meeting)``
(and every other public type) works too: an entry point registers these strategies
with Hypothesis. `invalid_documents` and `invalid_json_texts` give input that breaks
exactly one rule, for tests of error paths. This module needs the ``hypothesis``
extra (``pip install negotiations[hypothesis]``).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from types import MappingProxyType
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from . import _rules as rules
from . import _samples as samples
from ._countries import COUNTRY_CODES
from ._exchanges import (
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    ExchangeStatus,
    Handover,
    Quantity,
)
from ._json import to_dict, to_json
from ._limits import DEFAULT_LIMITS, MAX_INTEGER
from ._meetings import DEFAULT_SLACK, NOT_STARTED, Meeting, MeetingFormat, MeetingStatus, Venue
from ._parties import Delegation, DelegationLevel, Party, PartyKind, Person
from ._record import FORMAT_VERSION, NegotiationRecord
from ._statements import Source, Statement, StatementKind, Wording
from ._time import APPROXIMATE_MARGIN, TimePrecision, format_datetime
from ._values import (
    Country,
    HttpUrlForm,
    IdForm,
    NonBlank,
    Positive,
    Zone,
    is_union,
    strip_annotated,
)

__all__ = [
    "PUBLIC_TYPES",
    "delegations",
    "exchange_proposals",
    "exchange_sides",
    "handovers",
    "invalid_document_rules",
    "invalid_documents",
    "invalid_json_text_rules",
    "invalid_json_texts",
    "meetings",
    "negotiation_records",
    "parties",
    "persons",
    "sources",
    "statements",
    "venues",
]

T = TypeVar("T")

_UTC: Final = timezone.utc
#: Generated instants lie in these years: wide, but far from the ends of `datetime`.
_FIRST: Final = datetime(1945, 1, 1)  # noqa: DTZ001 - naive bounds for st.datetimes
_LAST: Final = datetime(2075, 12, 31)  # noqa: DTZ001
_ID_FIRST: Final = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ID_REST: Final = _ID_FIRST + "._:/-"
_ALL_STATUSES: Final[tuple[MeetingStatus | None, ...]] = (None, *MeetingStatus)


def __dir__() -> list[str]:
    return list(__all__)


# --- small values ---------------------------------------------------------------------
#
# Strategies are built once (cached) and the helpers below draw with them directly:
# building a new strategy object on every draw costs more than drawing from it.


@cache
def _ids() -> st.SearchStrategy[str]:
    """Ids matching the id pattern: realistic slugs first (they shrink to ``"ua"``)."""
    generic = st.builds(
        str.__add__,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=199),
    )
    return st.one_of(st.sampled_from(samples.IDS), generic)


def _distinct(raw: list[str]) -> list[str]:
    """The ids in order, each repeat given a numeric suffix until it is free."""
    seen: set[str] = set()
    result = []
    for position, candidate in enumerate(raw):
        unique, suffix = candidate, position
        while unique in seen:
            unique = f"{candidate[:180]}-{suffix}"
            suffix += 1
        seen.add(unique)
        result.append(unique)
    return result


def _draw_ids(draw: st.DrawFn, count: int) -> list[str]:
    """``count`` distinct ids, made distinct by suffixing repeats (never by filtering)."""
    return _distinct(draw(st.lists(_ids(), min_size=count, max_size=count)))


@cache
def _texts(realistic: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Non-blank text: realistic samples in several scripts, or any Unicode text.

    Generic text has at least one character that is neither white space nor a control
    or surrogate character, so it is never blank and always encodes as UTF-8.
    """
    visible = st.characters(exclude_categories=("Z", "C"))
    generic = st.builds(
        lambda before, char, after: before + char + after,
        st.text(max_size=5),
        visible,
        st.text(max_size=30),
    )
    return st.one_of(st.sampled_from(realistic), generic)


@cache
def _optional_texts(realistic: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.none() | _texts(realistic)


@cache
def _countries() -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(sorted(COUNTRY_CODES))


@cache
def _time_zone_names() -> tuple[str, ...]:
    """The sample zones this machine's time zone database knows (all, normally)."""
    names = []
    for name in samples.TIME_ZONES:
        try:
            ZoneInfo(name)
        except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
            continue
        names.append(name)
    return tuple(names)


@cache
def _tzinfos() -> st.SearchStrategy[timezone | ZoneInfo]:
    """Fixed UTC offsets (whole quarter hours, -12:00 to +14:00) and IANA zones."""
    offsets = st.integers(-48, 56).map(lambda quarters: timezone(timedelta(minutes=15 * quarters)))
    zones = st.sampled_from(_time_zone_names()).map(ZoneInfo)
    return st.one_of(offsets, zones)


@cache
def _instants() -> st.SearchStrategy[datetime]:
    """UTC instants, mostly on the minute as reports give them, some to the microsecond."""
    raw = st.datetimes(min_value=_FIRST, max_value=_LAST)
    on_minute = raw.map(lambda value: value.replace(second=0, microsecond=0))
    return st.one_of(on_minute, raw).map(lambda value: value.replace(tzinfo=_UTC))


@cache
def _zoned_times() -> st.SearchStrategy[datetime]:
    """Aware datetimes: an instant seen in a fixed offset or an IANA zone (so it exists)."""
    return st.builds(lambda instant, tz: instant.astimezone(tz), _instants(), _tzinfos())


def _local_midnight(day: date, tz: timezone | ZoneInfo) -> datetime:
    """Midnight starting ``day`` in ``tz``, or the next day whose midnight exists.

    A few zones have moved their clocks at midnight (America/Havana, America/Santiago),
    so that day has no 00:00; the model rightly rejects such a time.
    """
    for shift in range(3):
        candidate = datetime.combine(day + timedelta(days=shift), time(), tzinfo=tz)
        back = candidate.astimezone(_UTC).astimezone(tz)
        if back.replace(tzinfo=None) == candidate.replace(tzinfo=None):
            return back
    raise AssertionError(f"no midnight in {tz} for three days from {day}")  # pragma: no cover


def _reported(instant: datetime, precision: TimePrecision, tz: timezone | ZoneInfo) -> datetime:
    """A time of ``precision`` in ``tz`` whose latest possible instant is ``instant`` or later.

    Exact: the instant itself. Approximate: ``APPROXIMATE_MARGIN`` before it, so the
    margin reaches it exactly. Day: midnight of its day in ``tz`` (converting an
    instant never lands in a gap where the clocks skipped).
    """
    if precision is TimePrecision.EXACT:
        return instant.astimezone(tz)
    if precision is TimePrecision.APPROXIMATE:
        return (instant - APPROXIMATE_MARGIN).astimezone(tz)
    return _local_midnight(instant.astimezone(tz).date(), tz)


def _earliest(value: datetime, precision: TimePrecision) -> datetime:
    """The earliest instant a reported time stands for (a day starts at its midnight)."""
    instant = value.astimezone(_UTC)
    if precision is TimePrecision.APPROXIMATE:
        return instant - APPROXIMATE_MARGIN
    return instant


@cache
def _waits() -> st.SearchStrategy[timedelta]:
    """How long after the earliest allowed instant something happens.

    None at all (the edge), minutes or hours, or a long delay of up to a year and a half.
    """
    return st.one_of(
        st.just(timedelta(0)),
        st.integers(1, 8 * 60).map(lambda minutes: timedelta(minutes=minutes)),
        st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=550)),
    )


@cache
def _slacks() -> st.SearchStrategy[timedelta]:
    return st.one_of(
        st.just(DEFAULT_SLACK),
        st.just(timedelta(0)),
        st.integers(1, 180).map(lambda minutes: timedelta(minutes=minutes)),
        st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
    )


def _choose(values: Collection[T] | None, default: Sequence[T], what: str) -> tuple[T, ...]:
    chosen = tuple(default if values is None else dict.fromkeys(values))
    if not chosen:
        raise InvalidArgument(f"{what} must not be empty")
    return chosen


def _pick(draw: st.DrawFn, values: Sequence[T]) -> T:
    return draw(st.sampled_from(values))


def _maybe(draw: st.DrawFn, values: Sequence[T]) -> T | None:
    """One of ``values`` or None (None when there are none)."""
    if not values:
        return None
    return draw(st.none() | st.sampled_from(values))


# --- parties and people ---------------------------------------------------------------


def parties(*, kinds: Collection[PartyKind] | None = None) -> st.SearchStrategy[Party]:
    """Parties of the given ``kinds`` (default: all), with names in several scripts."""
    chosen = _choose(kinds, tuple(PartyKind), "kinds")
    return _ids().flatmap(lambda party_id: _party(party_id=party_id, kinds=chosen))


@st.composite
def _party(draw: st.DrawFn, *, party_id: str, kinds: tuple[PartyKind, ...]) -> Party:
    return _draw_party(draw, party_id, kinds)


def _draw_party(draw: st.DrawFn, party_id: str, kinds: Sequence[PartyKind]) -> Party:
    return Party(
        id=party_id,
        name=draw(_texts(samples.PARTY_NAMES)),
        kind=_pick(draw, kinds),
        country=draw(_countries()),
    )


def persons(*, parties: Sequence[str] | None = None) -> st.SearchStrategy[Person]:
    """Persons acting for one of ``parties`` (party ids) or for no stated party.

    Without ``parties``, the party is any id, or None.
    """
    party_ids = st.none() | (_ids() if parties is None else st.sampled_from(tuple(parties)))
    return st.builds(
        Person,
        id=_ids(),
        name=_texts(samples.PERSON_NAMES),
        party=party_ids,
        role=_optional_texts(samples.ROLES),
    )


def _draw_person(draw: st.DrawFn, person_id: str, party: str | None) -> Person:
    return Person(
        id=person_id,
        name=draw(_texts(samples.PERSON_NAMES)),
        party=party,
        role=draw(_optional_texts(samples.ROLES)),
    )


def _acting_for(people: Sequence[Person], party_ids: Collection[str]) -> list[str]:
    """Ids of the people who act for one of ``party_ids`` or for no stated party."""
    return [person.id for person in people if person.party is None or person.party in party_ids]


def _draw_delegation(
    draw: st.DrawFn,
    party: str,
    people: Sequence[Person] | None,
    levels: Sequence[DelegationLevel | None],
) -> Delegation:
    """A delegation of ``party``; head and members come from ``people`` who may act for it."""
    if people is None:
        candidates = _distinct(draw(st.lists(_ids(), max_size=4)))
    else:
        eligible = _acting_for(people, {party})
        candidates = draw(st.permutations(eligible))[: draw(st.integers(0, 4))]
    head = None
    with_head: bool = draw(st.booleans())
    if candidates and with_head:
        head, *candidates = candidates
    return Delegation(party=party, head=head, members=tuple(candidates), level=_pick(draw, levels))


def delegations(
    *,
    parties: Sequence[str] | None = None,
    persons: Sequence[Person] | None = None,
    levels: Collection[DelegationLevel | None] | None = None,
) -> st.SearchStrategy[Delegation]:
    """Delegations of one of ``parties`` (ids), headed and staffed from ``persons``.

    Only persons who act for the delegation's party, or whose party is unknown, are
    chosen, so a delegation from this strategy also fits a record holding ``persons``.
    ``levels`` limits the levels (None: level not stated).
    """
    party_ids = _ids() if parties is None else st.sampled_from(tuple(parties))
    people = None if persons is None else tuple(persons)
    chosen = _choose(levels, (None, *DelegationLevel), "levels")

    @st.composite
    def build(draw: st.DrawFn) -> Delegation:
        return _draw_delegation(draw, draw(party_ids), people, chosen)

    return build()


def venues(*, time_zones: Collection[str] | None = None) -> st.SearchStrategy[Venue]:
    """Venues: known real places first, or any name, city, country and IANA ``time_zones``."""
    return _venues(_choose(time_zones, _time_zone_names(), "time_zones"))


@cache
def _venues(zones: tuple[str, ...]) -> st.SearchStrategy[Venue]:
    known = [venue for venue in samples.VENUES if venue[3] in zones]
    made_up = st.builds(
        Venue,
        name=_texts(tuple(name for name, *_ in samples.VENUES)),
        city=_optional_texts(tuple(city for _, city, *_ in samples.VENUES)),
        country=_countries(),
        time_zone=st.none() | st.sampled_from(zones),
    )
    if not known:
        return made_up
    real = st.sampled_from(known).map(
        lambda venue: Venue(name=venue[0], city=venue[1], country=venue[2], time_zone=venue[3])
    )
    return real | made_up


# --- meetings -------------------------------------------------------------------------


def _draw_times(
    draw: st.DrawFn, status: MeetingStatus | None, precisions: Sequence[TimePrecision]
) -> dict[str, Any]:
    """Times that agree with ``status`` and the slack rule, built forwards in time.

    Each time is placed at or after the earliest instant the rules allow, by a drawn
    wait; a wait of zero puts it exactly on the edge (an exact actual start equal to
    ``scheduled_start - slack``, an end equal to the start).
    """
    zone = draw(_tzinfos())
    zones = st.just(zone) | _tzinfos()
    slack = draw(_slacks())
    origin = draw(_instants())
    has_scheduled: bool = draw(st.booleans())
    has_actual: bool = status not in NOT_STARTED and draw(st.booleans())
    has_end: bool = status in {None, MeetingStatus.CONCLUDED} and draw(st.booleans())
    times: dict[str, Any] = {"slack": slack}
    floor: datetime | None = None
    for name, present in (
        ("scheduled_start", has_scheduled),
        ("actual_start", has_actual),
        ("end", has_end),
    ):
        if not present:
            continue
        precision = _pick(draw, precisions)
        target = origin if floor is None else floor + draw(_waits())
        value = _reported(target, precision, draw(zones))
        times[name] = value
        times[f"{name}_precision"] = precision
        # The actual start may be no earlier than scheduled_start - slack; the end no
        # earlier than the actual start (or, without one, scheduled_start - slack).
        floor = _earliest(value, precision) - (slack if name == "scheduled_start" else timedelta(0))
    days_before = draw(st.lists(st.integers(1, 90), max_size=3, unique=True))
    times["previous_scheduled_starts"] = tuple(
        (origin - timedelta(days=days)).astimezone(draw(zones)) for days in days_before
    )
    return times


def _draw_meeting(  # noqa: PLR0913 - every steering argument of `meetings`, passed on
    draw: st.DrawFn,
    meeting_id: str,
    *,
    party_ids: Sequence[str] | None,
    people: Sequence[Person] | None,
    statuses: Sequence[MeetingStatus | None],
    precisions: Sequence[TimePrecision],
    max_delegations: int,
) -> Meeting:
    if party_ids is None:
        taking_part = _draw_ids(draw, draw(st.integers(2, max_delegations)))
        others: list[str] = draw(st.lists(_ids(), max_size=2))
    else:
        shuffled = draw(st.permutations(party_ids))
        taking_part = shuffled[: draw(st.integers(2, min(max_delegations, len(party_ids))))]
        others = [party for party in party_ids if party not in taking_part]
    levels: tuple[DelegationLevel | None, ...] = (None, *DelegationLevel)
    delegation_list = tuple(_draw_delegation(draw, party, people, levels) for party in taking_part)
    # Mediators: parties that send no delegation, and persons.
    person_ids = [] if people is None else [person.id for person in people]
    pool = others + person_ids
    mediators = (
        frozenset(draw(st.permutations(pool))[: draw(st.integers(0, 2))]) if pool else frozenset()
    )
    if people is None:
        chair = draw(st.none() | _ids())
    else:
        chair = _maybe(draw, _acting_for(people, {*taking_part, *mediators}))
    status = _pick(draw, statuses)
    return Meeting(
        id=meeting_id,
        title=draw(_texts(samples.MEETING_TITLES)),
        delegations=delegation_list,
        status=status,
        venue=draw(st.none() | venues()),
        host=_maybe(draw, list(party_ids) if party_ids is not None else [*taking_part, *others]),
        chair=chair,
        mediators=mediators,
        format=_maybe(draw, tuple(MeetingFormat)),
        **_draw_times(draw, status, precisions),
    )


def meetings(
    *,
    parties: Sequence[str] | None = None,
    persons: Sequence[Person] | None = None,
    statuses: Collection[MeetingStatus | None] | None = None,
    precisions: Collection[TimePrecision] | None = None,
    max_delegations: int = 4,
) -> st.SearchStrategy[Meeting]:
    """Meetings whose times, status and participants satisfy every rule.

    ``parties`` (ids, at least two) are the parties that may send delegations, mediate
    or host; ``persons`` supply heads, members, mediators and the chair, each acting
    for the right party; ``statuses`` (default: every status, and None) and
    ``precisions`` (default: all) limit what is drawn; ``max_delegations`` caps the
    delegations. Times use fixed offsets and IANA zones, hit the slack edge exactly,
    run late by up to a year and a half, or are left out, as the status allows.
    """
    party_ids = None if parties is None else tuple(dict.fromkeys(parties))
    if party_ids is not None and len(party_ids) < 2:
        raise InvalidArgument("a meeting needs at least two parties")
    if max_delegations < 2:
        raise InvalidArgument(f"max_delegations={max_delegations} is below 2")
    chosen_statuses = _choose(statuses, _ALL_STATUSES, "statuses")
    chosen_precisions = _choose(precisions, tuple(TimePrecision), "precisions")
    people = None if persons is None else tuple(persons)

    @st.composite
    def build(draw: st.DrawFn) -> Meeting:
        return _draw_meeting(
            draw,
            draw(_ids()),
            party_ids=party_ids,
            people=people,
            statuses=chosen_statuses,
            precisions=chosen_precisions,
            max_delegations=max_delegations,
        )

    return build()


# --- exchanges ------------------------------------------------------------------------


@cache
def _counts() -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from([1000, 1200, 390, 1, MAX_INTEGER]), st.integers(1, 10**6))


def _draw_handover(draw: st.DrawFn, category: ExchangeCategory) -> Handover:
    quantity = _pick(draw, tuple(Quantity))
    count = None if quantity is Quantity.ALL else draw(_counts())
    return Handover(category=category, quantity=quantity, count=count)


def handovers(
    *, categories: Collection[ExchangeCategory] | None = None
) -> st.SearchStrategy[Handover]:
    """One category's handover: an exact count, a lower bound, or "all" with no count."""
    chosen = _choose(categories, tuple(ExchangeCategory), "categories")

    @st.composite
    def build(draw: st.DrawFn) -> Handover:
        return _draw_handover(draw, _pick(draw, chosen))

    return build()


def _draw_side(draw: st.DrawFn, party: str, min_handovers: int) -> ExchangeSide:
    categories = draw(st.permutations(tuple(ExchangeCategory)))[
        : draw(st.integers(min_handovers, 3))
    ]
    return ExchangeSide(
        party=party, handovers=tuple(_draw_handover(draw, category) for category in categories)
    )


def exchange_sides(*, parties: Sequence[str] | None = None) -> st.SearchStrategy[ExchangeSide]:
    """One side of an exchange: a party (one of ``parties``) and what it hands over, maybe nothing."""
    party_ids = _ids() if parties is None else st.sampled_from(tuple(parties))

    @st.composite
    def build(draw: st.DrawFn) -> ExchangeSide:
        return _draw_side(draw, draw(party_ids), 0)

    return build()


def _draw_proposal(
    draw: st.DrawFn,
    proposal_id: str,
    party_ids: Sequence[str] | None,
    meeting_ids: Sequence[str] | None,
    statuses: Sequence[ExchangeStatus | None],
) -> ExchangeProposal:
    if party_ids is None:
        party_a, party_b = _draw_ids(draw, 2)
        proposer = draw(st.none() | st.sampled_from([party_a, party_b]) | _ids())
    else:
        party_a, party_b = draw(st.permutations(party_ids))[:2]
        proposer = _maybe(draw, party_ids)
    # At least one side hands something over; either may be the one-sided giver.
    giver = _pick(draw, ("a", "b", "both"))
    side_a = _draw_side(draw, party_a, 1 if giver in {"a", "both"} else 0)
    side_b = _draw_side(draw, party_b, 1 if giver in {"b", "both"} else 0)
    meeting = draw(st.none() | _ids()) if meeting_ids is None else _maybe(draw, meeting_ids)
    return ExchangeProposal(
        id=proposal_id,
        side_a=side_a,
        side_b=side_b,
        proposer=proposer,
        status=_pick(draw, statuses),
        meeting=meeting,
    )


def exchange_proposals(
    *,
    parties: Sequence[str] | None = None,
    meetings: Sequence[str] | None = None,
    statuses: Collection[ExchangeStatus | None] | None = None,
) -> st.SearchStrategy[ExchangeProposal]:
    """Exchange proposals between two of ``parties`` (ids), discussed at one of ``meetings`` (ids).

    Quantities are exact, lower bounds or "all", and one side may hand over nothing
    (a one-sided handover); ``statuses`` limits the status (None: not stated).
    """
    party_ids = None if parties is None else tuple(dict.fromkeys(parties))
    if party_ids is not None and len(party_ids) < 2:
        raise InvalidArgument("an exchange needs at least two parties")
    chosen = _choose(statuses, (None, *ExchangeStatus), "statuses")
    meeting_ids = None if meetings is None else tuple(meetings)

    @st.composite
    def build(draw: st.DrawFn) -> ExchangeProposal:
        return _draw_proposal(draw, draw(_ids()), party_ids, meeting_ids, chosen)

    return build()


# --- statements -----------------------------------------------------------------------


@cache
def _urls() -> st.SearchStrategy[str]:
    segment = st.text(
        alphabet=st.characters(exclude_categories=("Z", "C"), exclude_characters="#?/[]%\\"),
        min_size=1,
        max_size=12,
    )
    return st.builds(
        lambda scheme, host, path: f"{scheme}://{host}/{'/'.join(path)}",
        st.sampled_from(["https", "http"]),
        st.sampled_from(samples.URL_HOSTS),
        st.lists(segment, max_size=3),
    )


@cache
def _dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=_FIRST.date(), max_value=_LAST.date())


@cache
def sources() -> st.SearchStrategy[Source]:
    """Who reported something: an outlet, maybe a URL and a publication date."""
    return st.builds(
        Source,
        outlet=_texts(samples.OUTLETS),
        url=st.none() | _urls(),
        published_on=st.none() | _dates(),
    )


@cache
def _made_at() -> st.SearchStrategy[datetime | date | None]:
    return st.one_of(st.none(), _zoned_times(), _dates())


def _draw_statement(  # noqa: PLR0913 - every steering argument of `statements`, passed on
    draw: st.DrawFn,
    statement_id: str,
    *,
    party_ids: Sequence[str] | None,
    people: Sequence[Person] | None,
    meeting_ids: Sequence[str] | None,
    kinds: Sequence[StatementKind],
) -> Statement:
    if party_ids is None:
        party = draw(_ids())
        target = draw(st.none() | _ids())
    else:
        party = _pick(draw, party_ids)
        target = _maybe(draw, party_ids)
    if people is None:
        speaker = draw(st.none() | _ids())
    else:
        speaker = _maybe(draw, _acting_for(people, {party}))
    return Statement(
        id=statement_id,
        party=party,
        text=draw(_texts(samples.QUOTES)),
        wording=_pick(draw, tuple(Wording)),
        kind=_pick(draw, kinds),
        sources=tuple(draw(st.lists(sources(), min_size=1, max_size=3))),
        speaker=speaker,
        target=target,
        made_at=draw(_made_at()),
        channel=draw(_optional_texts(samples.CHANNELS)),
        meeting=draw(st.none() | _ids()) if meeting_ids is None else _maybe(draw, meeting_ids),
    )


def statements(
    *,
    parties: Sequence[str] | None = None,
    persons: Sequence[Person] | None = None,
    meetings: Sequence[str] | None = None,
    kinds: Collection[StatementKind] | None = None,
) -> st.SearchStrategy[Statement]:
    """Statements attributed to one of ``parties`` (ids), spoken by one of ``persons``.

    The speaker, when there is one, acts for the statement's party (or for no stated
    party); the target is one of ``parties``; ``meetings`` are meeting ids it may refer
    to; ``kinds`` limits the kind. Each has one to three sources.
    """
    party_ids = None if parties is None else tuple(dict.fromkeys(parties))
    if party_ids is not None and not party_ids:
        raise InvalidArgument("parties must not be empty")
    chosen = _choose(kinds, tuple(StatementKind), "kinds")
    people = None if persons is None else tuple(persons)
    meeting_ids = None if meetings is None else tuple(meetings)

    @st.composite
    def build(draw: st.DrawFn) -> Statement:
        return _draw_statement(
            draw,
            draw(_ids()),
            party_ids=party_ids,
            people=people,
            meeting_ids=meeting_ids,
            kinds=chosen,
        )

    return build()


# --- records --------------------------------------------------------------------------


@attrs.frozen
class _Bounds:
    """The bounds of `negotiation_records`."""

    min_parties: int
    max_parties: int
    max_persons: int
    min_meetings: int
    max_meetings: int
    max_proposals: int
    max_statements: int
    statuses: tuple[MeetingStatus | None, ...]


E = TypeVar("E", Party, Person, Meeting, ExchangeProposal, Statement)


def _draw_entities(
    draw: st.DrawFn,
    taken: list[str],
    size: tuple[int, int],
    make: Callable[[st.DrawFn, str], E],
) -> tuple[E, ...]:
    """Entities built by ``make``, their ids made distinct from ``taken`` and each other.

    The new ids are added to ``taken``. The entities are drawn as a Hypothesis list,
    so the shrinker can delete whole entities.
    """

    @st.composite
    def draft(inner: st.DrawFn) -> E:
        return make(inner, inner(_ids()))

    drafts: list[E] = draw(st.lists(draft(), min_size=size[0], max_size=size[1]))
    ids = _distinct([*taken, *(entity.id for entity in drafts)])[len(taken) :]
    taken.extend(ids)
    return tuple(
        entity if entity.id == new else attrs.evolve(entity, id=new)
        for entity, new in zip(drafts, ids, strict=True)
    )


def _draw_record(draw: st.DrawFn, bounds: _Bounds) -> NegotiationRecord:
    taken: list[str] = []
    party_list = _draw_entities(
        draw,
        taken,
        (bounds.min_parties, bounds.max_parties),
        lambda inner, party_id: _draw_party(inner, party_id, tuple(PartyKind)),
    )
    party_ids = tuple(party.id for party in party_list)
    many = len(party_ids) >= 2  # meetings and exchanges need two parties
    person_list = _draw_entities(
        draw,
        taken,
        (0, bounds.max_persons),
        lambda inner, person_id: _draw_person(inner, person_id, _maybe(inner, party_ids)),
    )
    meeting_list = _draw_entities(
        draw,
        taken,
        (bounds.min_meetings, bounds.max_meetings) if many else (0, 0),
        lambda inner, meeting_id: _draw_meeting(
            inner,
            meeting_id,
            party_ids=party_ids,
            people=person_list,
            statuses=bounds.statuses,
            precisions=tuple(TimePrecision),
            max_delegations=4,
        ),
    )
    meeting_ids = tuple(meeting.id for meeting in meeting_list)
    proposal_list = _draw_entities(
        draw,
        taken,
        (0, bounds.max_proposals if many else 0),
        lambda inner, proposal_id: _draw_proposal(
            inner, proposal_id, party_ids, meeting_ids, (None, *ExchangeStatus)
        ),
    )
    statement_list = _draw_entities(
        draw,
        taken,
        (0, bounds.max_statements if party_ids else 0),
        lambda inner, statement_id: _draw_statement(
            inner,
            statement_id,
            party_ids=party_ids,
            people=person_list,
            meeting_ids=meeting_ids,
            kinds=tuple(StatementKind),
        ),
    )
    return NegotiationRecord(
        parties=party_list,
        persons=person_list,
        meetings=meeting_list,
        proposals=proposal_list,
        statements=statement_list,
        title=draw(_optional_texts(samples.RECORD_TITLES)),
    )


def negotiation_records(  # noqa: PLR0913 - keyword-only bounds
    *,
    min_parties: int = 0,
    max_parties: int = 5,
    max_persons: int = 6,
    min_meetings: int = 0,
    max_meetings: int = 3,
    max_proposals: int = 2,
    max_statements: int = 4,
    statuses: Collection[MeetingStatus | None] | None = None,
) -> st.SearchStrategy[NegotiationRecord]:
    """Whole records whose ids are unique and whose references all resolve.

    Delegation heads and members, chairs and speakers act for the right party (or for
    no stated party); proposals and statements refer to the record's parties and
    meetings. The bounds limit how many of each kind are drawn (records shrink towards
    the minimum); ``statuses`` limits the meetings' statuses.
    """
    if not 0 <= min_parties <= max_parties:
        raise InvalidArgument(
            f"need 0 <= min_parties <= max_parties, got {min_parties}, {max_parties}"
        )
    if not 0 <= min_meetings <= max_meetings:
        raise InvalidArgument(
            f"need 0 <= min_meetings <= max_meetings, got {min_meetings}, {max_meetings}"
        )
    if min_meetings and min_parties < 2:
        raise InvalidArgument("min_meetings > 0 needs min_parties >= 2: a meeting has two parties")
    if min(max_persons, max_proposals, max_statements) < 0:
        raise InvalidArgument("the maximum counts must not be negative")
    bounds = _Bounds(
        min_parties=min_parties,
        max_parties=max_parties,
        max_persons=max_persons,
        min_meetings=min_meetings,
        max_meetings=max_meetings,
        max_proposals=max_proposals,
        max_statements=max_statements,
        statuses=_choose(statuses, _ALL_STATUSES, "statuses"),
    )

    @st.composite
    def build(draw: st.DrawFn) -> NegotiationRecord:
        return _draw_record(draw, bounds)

    return build()


#: Each public type and the strategy function that builds it with default arguments.
PUBLIC_TYPES: Final[Mapping[type, Callable[[], st.SearchStrategy[Any]]]] = MappingProxyType(
    {
        Party: parties,
        Person: persons,
        Delegation: delegations,
        Venue: venues,
        Meeting: meetings,
        Handover: handovers,
        ExchangeSide: exchange_sides,
        ExchangeProposal: exchange_proposals,
        Source: sources,
        Statement: statements,
        NegotiationRecord: negotiation_records,
    }
)


# --- invalid documents ----------------------------------------------------------------
#
# A breaker turns the plain form (`to_dict`) of a valid value into a document that
# breaks exactly one rule. Breakers of a field's value are read from the class's
# annotations, the same source the model's checks read, so a new field or constraint
# gets its breakers without a change here; cross-field, status and cross-reference
# breakers are written per class. Breakers of a nested class also apply inside every
# field that holds it: a broken child fails on its own, so its parent's rules, which
# need the child built, never run and add nothing.

Document = dict[str, Any]
Mutation = Callable[[st.DrawFn, Document], None]


@attrs.frozen
class _Breaker:
    rule: str
    mutate: Mutation


_BAD_IDS: Final = ("-ua", "ua ua", "україна", "a" * 201, ".hidden", "ua\n", "ua#1")
_BLANKS: Final = ("", " ", "\t\n", "\u3000")
_BAD_COUNTRIES: Final = ("ua", "UKR", "XX", "ZZ", "Ukraine", "")
_BAD_ZONES: Final = ("Mars/Olympus_Mons", "Europe/Atlantis", "Istanbul", "Europe/" + "x" * 100)
_BAD_URLS: Final = (
    "ftp://example.org/file",
    "www.ukrinform.net/news",
    "https://",
    "https://exa mple.org/",
    "mailto:press@example.org",
)
_BAD_POSITIVES: Final = (0, -1, -1000)
# Each contains "T", so a field that takes a date or a datetime reads it as a datetime.
_BAD_DATETIMES: Final = (
    "2025-05-15T13:36:00",
    "2025-02-30T10:00:00+03:00",
    "2025-05-15T24:00:00+03:00",
    "2025-05-15T13:36:00+25:00",
    "2025-05-15T13:36+0300",
    "2025-01-15T13:36:00+03:00[Europe/Kyiv]",
    "2025-03-30T03:30:00+03:00[Europe/Kyiv]",
    "Thursday 2025-05-15",
)
_BAD_ZONED: Final = (
    "2025-05-15T13:36:00+03:00[Mars/Olympus_Mons]",
    "2025-05-15T13:36:00Z[Nowhere]",
)
# None contains "T", so a field that takes a date or a datetime reads it as a date.
_BAD_DATES: Final = ("2025-02-30", "2025-13-01", "15.05.2025", "2025-5-1", "20250515")
_BAD_DURATIONS: Final = ("P1Y", "P1M", "15 minutes", "PT", "P", "PT15", "15")
_NEGATIVE_SLACKS: Final = ("-PT5M", "-P1D", "-PT0.000001S")
_NOT_KEYS: Final = ("comment", "notes", "Id", "start", "startTime", "名称", "")
_TIMES: Final = ("scheduled_start", "actual_start", "end")


def _wrong_types(base: Any) -> tuple[Any, ...]:
    """JSON values of the wrong type for a value whose Python type is ``base``."""
    if base is int:
        return ("5", 5.7, True, [])
    if base is str:
        return (123, 1.5, True, [], {})
    if isinstance(base, type) and attrs.has(base):
        return ([], "x", 1, True)
    return (20250515, True, [], {})  # enums (string values), datetimes, dates, durations


@attrs.frozen
class _Slot:
    """What a field holds: its element's base type and annotations, and how many."""

    name: str
    required: bool
    container: type | None
    base: Any
    extras: tuple[Any, ...]


def _slots(cls: type) -> list[_Slot]:
    attrs.resolve_types(cls)
    slots = []
    for field in attrs.fields(cls):
        base, extras = strip_annotated(field.type)
        if is_union(base):
            members = [arg for arg in base.__args__ if arg is not type(None)]
            base, extras = strip_annotated(members[0]) if len(members) == 1 else (base, ())
        container = None
        origin = getattr(base, "__origin__", None)
        if origin in (tuple, frozenset):
            container = origin
            base, extras = strip_annotated(base.__args__[0])
        required = field.default is attrs.NOTHING
        slots.append(_Slot(field.name, required, container, base, extras))
    return slots


def _set_value(name: str, container: type | None, values: Sequence[Any]) -> Mutation:
    """Put one of ``values`` in the field, or in one element of a collection field."""

    def mutate(draw: st.DrawFn, doc: Document) -> None:
        value = draw(st.sampled_from(values))
        if container is None:
            if name == "count" and doc.get("quantity") == Quantity.ALL.value:
                # An "all" quantity has no count at all: give the bad count an exact quantity,
                # or handover.count would break too.
                doc["quantity"] = Quantity.EXACT.value
            doc[name] = value
            return
        items = doc[name]
        index = draw(st.integers(0, len(items)))
        if index == len(items):
            items.append(value)
        else:
            items[index] = value

    return mutate


def _form_breaks(slot: _Slot) -> list[tuple[rules.Rule, Sequence[Any]]]:
    """The rules a field's value can break by its form, each with values that break it."""
    base = slot.base
    breaks = [
        pair
        for extra in slot.extras
        for kind, pairs in _CONSTRAINT_BREAKS.items()
        if isinstance(extra, kind)
        for pair in pairs
    ]
    if isinstance(base, type) and issubclass(base, enum.Enum):
        breaks.append((rules.ENUM, (*(f"{m.value.upper()}!" for m in base), "", "unknown")))
    if base is datetime or is_union(base):  # the only union is `datetime | date`
        breaks += [(rules.DATETIME, _BAD_DATETIMES), (rules.TIME_ZONE, _BAD_ZONED)]
    if base is date or is_union(base):
        breaks.append((rules.DATE, _BAD_DATES))
    if base is timedelta:
        breaks.append((rules.DURATION, _BAD_DURATIONS))
    return breaks


def _value_breakers(slot: _Slot) -> list[_Breaker]:
    """Breakers of one field's value: its JSON type, its form, its constraints."""
    name, container = slot.name, slot.container
    found = [_Breaker(rules.TYPE.id, _set_value(name, container, _wrong_types(slot.base)))]
    if container is not None:
        found.append(_Breaker(rules.TYPE.id, _set_value(name, None, ("x", {}, 1, True))))
    found += [
        _Breaker(rule.id, _set_value(name, container, values))
        for rule, values in _form_breaks(slot)
    ]
    if container is frozenset:
        found.append(_Breaker(rules.DUPLICATE_ITEM.id, _repeat_item(name)))
    return found


_CONSTRAINT_BREAKS: Final[dict[type, tuple[tuple[rules.Rule, Sequence[Any]], ...]]] = {
    IdForm: ((rules.ID, _BAD_IDS), (rules.BLANK, _BLANKS)),
    NonBlank: ((rules.BLANK, _BLANKS),),
    Country: ((rules.COUNTRY, _BAD_COUNTRIES),),
    Zone: ((rules.TIME_ZONE, _BAD_ZONES),),
    HttpUrlForm: ((rules.URL, _BAD_URLS),),
    Positive: ((rules.POSITIVE, _BAD_POSITIVES),),
}


def _repeat_item(name: str) -> Mutation:
    def mutate(draw: st.DrawFn, doc: Document) -> None:
        items = doc[name]
        if not items:
            items.append(draw(_ids()))
        items.append(items[draw(st.integers(0, len(items) - 1))])

    return mutate


def _too_deep(names: Sequence[str]) -> Mutation:
    """Put arrays nested beyond the default depth limit in a field."""

    def mutate(draw: st.DrawFn, doc: Document) -> None:
        value: list[Any] = []
        for _ in range(DEFAULT_LIMITS.max_depth):
            value = [value]
        doc[draw(st.sampled_from(names))] = value

    return mutate


def _delete(name: str) -> Mutation:
    def mutate(_: st.DrawFn, doc: Document) -> None:
        del doc[name]

    return mutate


def _add_unknown_key(names: Collection[str]) -> Mutation:
    keys = [key for key in _NOT_KEYS if key not in names]

    def mutate(draw: st.DrawFn, doc: Document) -> None:
        doc[draw(st.sampled_from(keys))] = draw(st.sampled_from([None, "x", 1, [], {}]))

    return mutate


@cache
def _plain(cls: type) -> st.SearchStrategy[Document]:
    """Plain forms of valid values of ``cls``."""
    return PUBLIC_TYPES[cls]().map(to_dict)


def _nested(name: str, container: type | None, child: type, breaker: _Breaker) -> _Breaker:
    """``breaker`` of class ``child``, applied to the child document held in field ``name``."""

    def mutate(draw: st.DrawFn, doc: Document) -> None:
        fresh = _plain(child)
        if container is None:
            if doc[name] is None:
                doc[name] = draw(fresh)
            target = doc[name]
        else:
            items = doc[name]
            index = draw(st.integers(0, len(items)))
            if index == len(items):
                items.append(draw(fresh))
            target = items[index]
        breaker.mutate(draw, target)

    return _Breaker(breaker.rule, mutate)


@cache
def _breakers(cls: type) -> tuple[_Breaker, ...]:
    slots = _slots(cls)
    names = [slot.name for slot in slots]
    found = [_Breaker(rules.UNKNOWN_KEY.id, _add_unknown_key([*names, "format_version"]))]
    found += [_Breaker(rules.MISSING_KEY.id, _delete(slot.name)) for slot in slots if slot.required]
    found.append(_Breaker(rules.LIMIT.id, _too_deep(names)))
    for slot in slots:
        found += _value_breakers(slot)
        if isinstance(slot.base, type) and attrs.has(slot.base):
            found += [
                _nested(slot.name, slot.container, slot.base, breaker)
                for breaker in _breakers(slot.base)
            ]
    found += _RULE_BREAKERS.get(cls, ())
    return tuple(found)


# Cross-field and status breakers, class by class.


def _draw_time(draw: st.DrawFn) -> datetime:
    instant: datetime = draw(_instants())
    return instant.astimezone(draw(_tzinfos()))


def _gaps() -> st.SearchStrategy[timedelta]:
    """How far past a rule's edge a broken time lies: from a microsecond to days."""
    return st.one_of(
        st.just(timedelta(microseconds=1)),
        st.integers(1, 600).map(lambda minutes: timedelta(minutes=minutes)),
        st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=30)),
    )


def _clear_times(doc: Document) -> None:
    """No times and no status: then setting a few times breaks only what they break."""
    for name in _TIMES:
        doc[name] = None
        doc[f"{name}_precision"] = TimePrecision.EXACT.value
    doc["status"] = None


def _meeting_slack(draw: st.DrawFn, doc: Document) -> None:
    _clear_times(doc)
    slack = draw(_slacks())
    doc["slack"] = to_dict(slack)
    scheduled = _draw_time(draw)
    approximate = draw(st.booleans())
    before = slack + draw(_gaps()) + (APPROXIMATE_MARGIN if approximate else timedelta(0))
    doc["scheduled_start"] = format_datetime(scheduled)
    # Subtract from the instant, not the wall clock: across a DST change in the zone of
    # ``scheduled``, wall-clock arithmetic can land later than the instant it means.
    early = scheduled.astimezone(_UTC) - before
    doc["actual_start"] = format_datetime(early.astimezone(draw(_tzinfos())))
    if approximate:
        doc["actual_start_precision"] = TimePrecision.APPROXIMATE.value


def _meeting_negative_slack(draw: st.DrawFn, doc: Document) -> None:
    doc["slack"] = draw(st.sampled_from(_NEGATIVE_SLACKS))


def _meeting_end_before_start(draw: st.DrawFn, doc: Document) -> None:
    _clear_times(doc)
    start = _draw_time(draw)
    if draw(st.booleans()):
        doc["actual_start"] = format_datetime(start)
        floor = start.astimezone(_UTC)  # instants, not wall clocks (see _meeting_slack)
    else:  # no actual start: the end may not precede scheduled_start - slack
        slack = draw(_slacks())
        doc["slack"] = to_dict(slack)
        doc["scheduled_start"] = format_datetime(start)
        floor = start.astimezone(_UTC) - slack
    doc["end"] = format_datetime((floor - draw(_gaps())).astimezone(draw(_tzinfos())))


def _meeting_status_times(draw: st.DrawFn, doc: Document) -> None:
    _clear_times(doc)
    doc["status"] = draw(st.sampled_from(sorted(status.value for status in NOT_STARTED)))
    doc["actual_start"] = format_datetime(_draw_time(draw))


def _meeting_end_not_concluded(draw: st.DrawFn, doc: Document) -> None:
    _clear_times(doc)
    unfinished = [status.value for status in MeetingStatus if status is not MeetingStatus.CONCLUDED]
    doc["status"] = draw(st.sampled_from(unfinished))
    doc["end"] = format_datetime(_draw_time(draw))


def _meeting_too_few(draw: st.DrawFn, doc: Document) -> None:
    doc["delegations"] = doc["delegations"][: draw(st.integers(0, 1))]


def _meeting_repeated_party(draw: st.DrawFn, doc: Document) -> None:
    delegations = doc["delegations"]
    delegations.append(json.loads(json.dumps(draw(st.sampled_from(delegations)))))


def _meeting_precision_without_time(draw: st.DrawFn, doc: Document) -> None:
    # Dropping an actual start could leave the end before scheduled_start - slack,
    # so only an already missing actual start gets a precision.
    names = ["scheduled_start", "end"] + (["actual_start"] if doc["actual_start"] is None else [])
    name = draw(st.sampled_from(names))
    doc[name] = None
    doc[f"{name}_precision"] = draw(st.sampled_from(["approximate", "day"]))


def _meeting_day_not_midnight(draw: st.DrawFn, doc: Document) -> None:
    _clear_times(doc)
    value = _draw_time(draw)
    if value.time() == time():
        value = (value + timedelta(hours=1)).astimezone(value.tzinfo)
    name = draw(st.sampled_from(["scheduled_start", "end"]))
    doc[name] = format_datetime(value)
    doc[f"{name}_precision"] = TimePrecision.DAY.value


def _meeting_repeated_start(draw: st.DrawFn, doc: Document) -> None:
    starts = doc["previous_scheduled_starts"]
    if not starts:
        starts.append(format_datetime(_draw_time(draw)))
    starts.append(draw(st.sampled_from(starts)))


def _delegation_head_in_members(draw: st.DrawFn, doc: Document) -> None:
    if doc["head"] is None:
        doc["head"] = _distinct([*doc["members"], draw(_ids())])[-1]
    members = doc["members"]
    members.insert(draw(st.integers(0, len(members))), doc["head"])


def _delegation_repeated_member(draw: st.DrawFn, doc: Document) -> None:
    members = doc["members"]
    if not members:
        members.append(_distinct([doc["head"] or "", draw(_ids())])[-1])
    members.append(draw(st.sampled_from(members)))


def _handover_count(draw: st.DrawFn, doc: Document) -> None:
    if draw(st.booleans()):
        doc["quantity"], doc["count"] = Quantity.ALL.value, draw(st.integers(1, 10**6))
    else:
        doc["quantity"] = draw(st.sampled_from([Quantity.EXACT.value, Quantity.AT_LEAST.value]))
        doc["count"] = None


def _side_repeated_category(draw: st.DrawFn, doc: Document) -> None:
    listed = doc["handovers"]
    if not listed:
        listed.append(draw(_plain(Handover)))
    repeat = dict(draw(st.sampled_from(listed)))
    repeat["quantity"], repeat["count"] = Quantity.ALL.value, None
    listed.append(repeat)


def _exchange_same_party(_: st.DrawFn, doc: Document) -> None:
    doc["side_b"]["party"] = doc["side_a"]["party"]


def _exchange_nothing(_: st.DrawFn, doc: Document) -> None:
    doc["side_a"]["handovers"] = []
    doc["side_b"]["handovers"] = []


def _statement_no_source(_: st.DrawFn, doc: Document) -> None:
    doc["sources"] = []


# Record breakers add what they need (parties, persons, a meeting, a statement) under
# fresh ids, so every existing reference still resolves and only one rule breaks.

_COLLECTIONS: Final = ("parties", "persons", "meetings", "proposals", "statements")


def _fresh_id(doc: Document, stem: str) -> str:
    taken = {entity["id"] for collection in _COLLECTIONS for entity in doc[collection]}
    candidate, number = stem, 0
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def _new_party(draw: st.DrawFn, doc: Document) -> str:
    party = _draw_party(draw, _fresh_id(doc, "party"), tuple(PartyKind))
    doc["parties"].append(to_dict(party))
    return party.id


def _parties_in(draw: st.DrawFn, doc: Document, count: int) -> list[str]:
    """``count`` distinct party ids of the record, adding fresh parties if it has too few."""
    existing = [party["id"] for party in doc["parties"]]
    chosen = draw(st.permutations(existing))[:count]
    while len(chosen) < count:
        chosen.append(_new_party(draw, doc))
    return chosen


def _new_person(draw: st.DrawFn, doc: Document, party: str | None) -> str:
    person = _draw_person(draw, _fresh_id(doc, "person"), party)
    doc["persons"].append(to_dict(person))
    return person.id


def _new_statement(draw: st.DrawFn, doc: Document, **fields: Any) -> Document:
    statement = Statement(
        id=fields.pop("id", None) or _fresh_id(doc, "statement"),
        party=fields.pop("party"),
        text=draw(_texts(samples.QUOTES)),
        wording=draw(st.sampled_from(Wording)),
        kind=draw(st.sampled_from(StatementKind)),
        sources=(draw(sources()),),
    )
    plain: Document = to_dict(statement)
    plain.update(fields)
    doc["statements"].append(plain)
    return plain


def _new_meeting(draw: st.DrawFn, doc: Document, *parties: str, **fields: Any) -> Document:
    meeting = Meeting(
        id=_fresh_id(doc, "meeting"),
        title=draw(_texts(samples.MEETING_TITLES)),
        delegations=tuple(Delegation(party=party) for party in parties),
    )
    plain: Document = to_dict(meeting)
    plain.update(fields)
    doc["meetings"].append(plain)
    return plain


def _record_duplicate_id(draw: st.DrawFn, doc: Document) -> None:
    entities = [(name, entity) for name in _COLLECTIONS for entity in doc[name]]
    copy_one: bool = draw(st.booleans())
    if entities and copy_one:
        # A copy in the same collection: the copy refers to what the original refers to.
        name, entity = draw(st.sampled_from(entities))
        doc[name].append(json.loads(json.dumps(entity)))
        return
    (party,) = _parties_in(draw, doc, 1)
    ids = [entity["id"] for name in _COLLECTIONS for entity in doc[name]]
    # Statements are indexed last and nothing refers to one, so the new one is the duplicate.
    _new_statement(draw, doc, id=draw(st.sampled_from(ids)), party=party)


def _record_unresolved(draw: st.DrawFn, doc: Document) -> None:
    (party,) = _parties_in(draw, doc, 1)
    missing = _fresh_id(doc, "missing")
    person = draw(st.sampled_from([p["id"] for p in doc["persons"]] or [missing]))
    field, value = draw(
        st.sampled_from(
            [
                ("target", missing),
                ("target", person),  # a person where a party belongs
                ("meeting", missing),
                ("meeting", party),  # a party where a meeting belongs
                ("speaker", missing),
                ("speaker", party),  # a party where a person belongs
            ]
        )
    )
    if value == person and person == missing:
        value = missing
    _new_statement(draw, doc, party=party, **{field: value})


def _record_member_party(draw: st.DrawFn, doc: Document) -> None:
    own, other = _parties_in(draw, doc, 2)
    person = _new_person(draw, doc, other)
    meeting = _new_meeting(draw, doc, own, other)
    delegation = meeting["delegations"][0]
    if draw(st.booleans()):
        delegation["head"] = person
    else:
        delegation["members"] = [person]


def _record_chair_party(draw: st.DrawFn, doc: Document) -> None:
    first, second, outsider = _parties_in(draw, doc, 3)
    person = _new_person(draw, doc, outsider)
    _new_meeting(draw, doc, first, second, chair=person)


def _record_speaker_party(draw: st.DrawFn, doc: Document) -> None:
    own, other = _parties_in(draw, doc, 2)
    person = _new_person(draw, doc, other)
    _new_statement(draw, doc, party=own, speaker=person)


def _record_format_version(draw: st.DrawFn, doc: Document) -> None:
    doc["format_version"] = draw(st.sampled_from([FORMAT_VERSION + 1, 0, -1, 99]))


def _record_format_version_type(draw: st.DrawFn, doc: Document) -> None:
    doc["format_version"] = draw(
        st.sampled_from([str(FORMAT_VERSION), float(FORMAT_VERSION), True])
    )


_RULE_BREAKERS: Final[dict[type, tuple[_Breaker, ...]]] = {
    Delegation: (
        _Breaker(rules.DELEGATION_HEAD_IN_MEMBERS.id, _delegation_head_in_members),
        _Breaker(rules.DUPLICATE_ITEM.id, _delegation_repeated_member),
    ),
    Meeting: (
        _Breaker(rules.MEETING_SLACK.id, _meeting_slack),
        _Breaker(rules.MEETING_NEGATIVE_SLACK.id, _meeting_negative_slack),
        _Breaker(rules.MEETING_END_BEFORE_START.id, _meeting_end_before_start),
        _Breaker(rules.MEETING_STATUS_TIMES.id, _meeting_status_times),
        _Breaker(rules.MEETING_END_NOT_CONCLUDED.id, _meeting_end_not_concluded),
        _Breaker(rules.MEETING_DELEGATIONS.id, _meeting_too_few),
        _Breaker(rules.MEETING_REPEATED_PARTY.id, _meeting_repeated_party),
        _Breaker(rules.PRECISION_WITHOUT_TIME.id, _meeting_precision_without_time),
        _Breaker(rules.DAY_NOT_MIDNIGHT.id, _meeting_day_not_midnight),
        _Breaker(rules.DUPLICATE_ITEM.id, _meeting_repeated_start),
    ),
    Handover: (_Breaker(rules.HANDOVER_COUNT.id, _handover_count),),
    ExchangeSide: (_Breaker(rules.EXCHANGE_REPEATED_CATEGORY.id, _side_repeated_category),),
    ExchangeProposal: (
        _Breaker(rules.EXCHANGE_SAME_PARTY.id, _exchange_same_party),
        _Breaker(rules.EXCHANGE_NOTHING.id, _exchange_nothing),
    ),
    Statement: (_Breaker(rules.STATEMENT_NO_SOURCE.id, _statement_no_source),),
    NegotiationRecord: (
        _Breaker(rules.MISSING_KEY.id, _delete("format_version")),
        _Breaker(rules.TYPE.id, _record_format_version_type),
        _Breaker(rules.FORMAT_VERSION.id, _record_format_version),
        _Breaker(rules.RECORD_DUPLICATE_ID.id, _record_duplicate_id),
        _Breaker(rules.RECORD_UNRESOLVED_REFERENCE.id, _record_unresolved),
        _Breaker(rules.DELEGATION_MEMBER_PARTY.id, _record_member_party),
        _Breaker(rules.MEETING_CHAIR_PARTY.id, _record_chair_party),
        _Breaker(rules.STATEMENT_SPEAKER_PARTY.id, _record_speaker_party),
    ),
}


def _check_public(cls: type) -> None:
    if cls not in PUBLIC_TYPES:
        names = ", ".join(sorted(kind.__name__ for kind in PUBLIC_TYPES))
        raise InvalidArgument(f"{cls!r} is not one of the public types: {names}")


def _by_rule(found: Sequence[_Breaker]) -> dict[str, list[_Breaker]]:
    """The breakers grouped by rule, rules in catalogue order (so shrinking is stable)."""
    grouped: dict[str, list[_Breaker]] = {rule: [] for rule in rules.RULES}
    for breaker in found:
        grouped[breaker.rule].append(breaker)
    return {rule: group for rule, group in grouped.items() if group}


def invalid_document_rules(cls: type) -> frozenset[str]:
    """The ids of the rules that `invalid_documents` breaks for ``cls``."""
    _check_public(cls)
    return frozenset(breaker.rule for breaker in _breakers(cls))


@st.composite
def _broken(draw: st.DrawFn, cls: type, breaker: _Breaker) -> tuple[Document, str]:
    doc: Document = draw(_plain(cls))
    breaker.mutate(draw, doc)
    return doc, breaker.rule


def invalid_documents(
    cls: type, *, rules: Collection[str] | None = None
) -> st.SearchStrategy[tuple[Document, str]]:
    """Plain documents of ``cls`` that break exactly one rule, paired with that rule's id.

    Each is a valid value's `to_dict` form with one thing broken: an unknown or a
    missing key, a value of the wrong JSON type or form, or a cross-field, status or
    cross-reference rule. ``from_dict(document, cls)`` raises `ValidationError`
    whose ``rules`` are exactly ``{rule}``. ``rules`` limits which rules are broken;
    `invalid_document_rules` lists them all. Text-level rules (malformed JSON,
    duplicate keys) cannot be put in a dict: see `invalid_json_texts`. A naive
    datetime (``value.naive_datetime``) cannot be either: JSON has no datetimes, and a
    datetime text without an offset breaks ``value.datetime``.
    """
    _check_public(cls)
    grouped = _by_rule(_breakers(cls))
    if rules is not None:
        unknown = set(rules) - set(grouped)
        if unknown:
            raise InvalidArgument(
                f"no invalid {cls.__name__} documents for rules {sorted(unknown)}"
            )
        grouped = {rule: group for rule, group in grouped.items() if rule in rules}
    return st.one_of(
        [st.one_of([_broken(cls, breaker) for breaker in group]) for group in grouped.values()]
    )


# --- invalid JSON texts ---------------------------------------------------------------


@st.composite
def _duplicate_key_text(draw: st.DrawFn, cls: type) -> tuple[str, str]:
    value = draw(PUBLIC_TYPES[cls]())
    doc: Document = to_dict(value)
    key = draw(st.sampled_from(sorted(doc)))
    first = draw(st.sampled_from([doc[key], None, "x", 1]))
    text = to_json(value)
    return "{" + json.dumps(key) + ":" + json.dumps(first) + "," + text[1:], rules.DUPLICATE_KEY.id


@st.composite
def _malformed_text(draw: st.DrawFn, cls: type) -> tuple[str, str]:
    text = to_json(draw(PUBLIC_TYPES[cls]()))
    how = draw(st.sampled_from(["truncated", "trailing comma", "single quotes", "NaN"]))
    if how == "truncated":  # no proper prefix of an object's text is JSON
        text = text[: draw(st.integers(0, len(text) - 1))]
    elif how == "trailing comma":
        text = text[:-1] + ",}"
    elif how == "single quotes":
        text = text.replace('"', "'", 1)
    else:
        text = text[:-1] + ',"extra":NaN}'
    return text, rules.SYNTAX.id


def invalid_json_text_rules(cls: type) -> frozenset[str]:
    """The ids of the rules that `invalid_json_texts` breaks for ``cls``."""
    return invalid_document_rules(cls) | {rules.SYNTAX.id, rules.DUPLICATE_KEY.id}


def invalid_json_texts(cls: type) -> st.SearchStrategy[tuple[str, str]]:
    """JSON texts for ``cls`` that break exactly one rule, paired with that rule's id.

    Besides every document of `invalid_documents` written as JSON, these include
    malformed JSON (``document.syntax``) and an object with a repeated key
    (``document.duplicate_key``); ``from_json(text, cls)`` raises `ValidationError`
    whose ``rules`` are exactly ``{rule}``.
    """
    _check_public(cls)
    as_text = invalid_documents(cls).map(
        lambda pair: (json.dumps(pair[0], ensure_ascii=False), pair[1])
    )
    return st.one_of(_malformed_text(cls), _duplicate_key_text(cls), as_text)
