"""Where and when delegations meet: venues and meetings."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from ._errors import Problem
from ._model import Model
from ._parties import Delegation
from ._rules import (
    DUPLICATE_ITEM,
    MEETING_DELEGATIONS,
    MEETING_END_BEFORE_START,
    MEETING_END_NOT_CONCLUDED,
    MEETING_NEGATIVE_SLACK,
    MEETING_REPEATED_PARTY,
    MEETING_SLACK,
    MEETING_STATUS_TIMES,
    PRECISION_WITHOUT_TIME,
    repeats,
)
from ._time import (
    TimePrecision,
    day_precision_problems,
    difference,
    earliest,
    format_datetime,
    format_duration,
    latest,
    minus,
)
from ._values import (
    CountryCode,
    Id,
    PartyId,
    PartyOrPersonId,
    PersonId,
    Text,
    TimeZoneName,
    checked_on_init,
)

__all__ = ["DEFAULT_SLACK", "Meeting", "MeetingFormat", "MeetingKind", "MeetingStatus", "Venue"]

if TYPE_CHECKING:
    import zoneinfo

#: How much earlier than scheduled a meeting may start before it is a contradiction.
DEFAULT_SLACK: Final = timedelta(minutes=15)

_NO_TIME: Final = timedelta(0)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Venue(Model):
    """Where a meeting takes place; ``time_zone`` is an IANA name such as ``Europe/Istanbul``."""

    name: Text
    city: Text | None = None
    country: CountryCode | None = None
    time_zone: TimeZoneName | None = None

    __attrs_post_init__ = checked_on_init()

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo | None:
        """The venue's time zone as a `zoneinfo.ZoneInfo`, if known."""
        import zoneinfo  # noqa: PLC0415 - loaded when first needed, not by ``import negotiations``

        return None if self.time_zone is None else zoneinfo.ZoneInfo(self.time_zone)


class MeetingStatus(enum.Enum):
    """Where a meeting stands."""

    PROPOSED = "proposed"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


#: Statuses of a meeting that has not started; such a meeting has no actual start.
NOT_STARTED: Final = frozenset(
    {
        MeetingStatus.PROPOSED,
        MeetingStatus.SCHEDULED,
        MeetingStatus.POSTPONED,
        MeetingStatus.CANCELLED,
    }
)


class MeetingFormat(enum.Enum):
    """How the delegations talk."""

    #: Face to face, in one room.
    DIRECT = "direct"
    #: Indirect "proximity" talks: the delegations sit apart and mediators carry messages.
    PROXIMITY = "proximity"


class MeetingKind(enum.Enum):
    """How many parties send delegations; derived from `Meeting.delegations`."""

    BILATERAL = "bilateral"
    TRILATERAL = "trilateral"
    MULTILATERAL = "multilateral"


_TIMES: Final = (
    ("scheduled_start", "scheduled_start_precision"),
    ("actual_start", "actual_start_precision"),
    ("end", "end_precision"),
)


def _precision_problems(meeting: Meeting) -> list[Problem]:
    problems: list[Problem] = []
    for name, precision_name in _TIMES:
        value: datetime | None = getattr(meeting, name)
        precision: TimePrecision = getattr(meeting, precision_name)
        if value is None:
            if precision is not TimePrecision.EXACT:
                problems.append(
                    PRECISION_WITHOUT_TIME.problem(
                        (precision_name,),
                        f"{precision.value!r} is given but {name} is unknown; leave it 'exact'",
                    )
                )
        elif precision is TimePrecision.DAY:
            problems.extend(day_precision_problems(value, (name,)))
    return problems


def _time_order_problems(meeting: Meeting) -> list[Problem]:
    scheduled, actual, end = meeting.scheduled_start, meeting.actual_start, meeting.end
    slack = meeting.slack
    if slack < _NO_TIME:
        return [MEETING_NEGATIVE_SLACK.problem(("slack",), f"{format_duration(slack)} is negative")]
    problems: list[Problem] = []
    # The earliest instant the meeting may start at is the scheduled start minus slack.
    if (
        scheduled is not None
        and actual is not None
        and latest(actual, meeting.actual_start_precision)
        < minus(earliest(scheduled, meeting.scheduled_start_precision), slack)
    ):
        problems.append(
            MEETING_SLACK.problem(
                ("actual_start",),
                f"{format_datetime(actual)} is earlier than {_slack_floor(scheduled, slack)}",
            )
        )
    # The end is no earlier than the start: the actual one, or else the earliest allowed.
    if end is not None:
        end_latest = latest(end, meeting.end_precision)
        if actual is not None:
            if end_latest < earliest(actual, meeting.actual_start_precision):
                problems.append(
                    MEETING_END_BEFORE_START.problem(
                        ("end",),
                        f"{format_datetime(end)} is earlier than "
                        f"actual_start {format_datetime(actual)}",
                    )
                )
        elif scheduled is not None and end_latest < minus(
            earliest(scheduled, meeting.scheduled_start_precision), slack
        ):
            problems.append(
                MEETING_END_BEFORE_START.problem(
                    ("end",),
                    f"{format_datetime(end)} is earlier than {_slack_floor(scheduled, slack)}",
                )
            )
    return problems


def _slack_floor(scheduled: datetime, slack: timedelta) -> str:
    """The earliest start a meeting may have, in words, for a problem's message."""
    return f"scheduled_start {format_datetime(scheduled)} minus slack {format_duration(slack)}"


def _status_problems(meeting: Meeting) -> list[Problem]:
    status = meeting.status
    if status is None or (meeting.end is None and meeting.actual_start is None):
        return []
    problems: list[Problem] = []
    if status in NOT_STARTED and meeting.actual_start is not None:
        problems.append(
            MEETING_STATUS_TIMES.problem(
                ("actual_start",),
                f"a {status.value} meeting has not started, yet actual_start is "
                f"{format_datetime(meeting.actual_start)}",
            )
        )
    if meeting.end is not None and status is not MeetingStatus.CONCLUDED:
        problems.append(
            MEETING_END_NOT_CONCLUDED.problem(
                ("end",),
                f"the meeting ended at {format_datetime(meeting.end)}, so it cannot be {status.value}",
            )
        )
    return problems


def _participation_problems(meeting: Meeting) -> list[Problem]:
    problems: list[Problem] = []
    delegations = meeting.delegations
    if len(delegations) < 2:
        problems.append(
            MEETING_DELEGATIONS.problem(
                ("delegations",),
                f"a meeting needs delegations of at least two parties, got {len(delegations)}",
            )
        )
    if len({delegation.party for delegation in delegations}) < len(delegations):
        problems += [
            MEETING_REPEATED_PARTY.problem(
                ("delegations", index, "party"),
                f"{party!r} already has a delegation at this meeting",
            )
            for index, party in repeats(delegation.party for delegation in delegations)
        ]
    starts = meeting.previous_scheduled_starts
    if len(set(starts)) < len(starts):
        problems += [
            DUPLICATE_ITEM.problem(
                ("previous_scheduled_starts", index), f"{format_datetime(start)} is listed twice"
            )
            for index, start in repeats(starts)
        ]
    return problems


def _meeting_rules(meeting: Meeting) -> list[Problem]:
    problems = _participation_problems(meeting)
    problems += _precision_problems(meeting)
    problems += _time_order_problems(meeting)
    problems += _status_problems(meeting)
    return problems


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Meeting(Model):
    """A meeting of two or more delegations, with the times a report gives for it.

    Each time is optional and has its precision beside it. When both are known, the
    actual start is no earlier than ``scheduled_start - slack``; the end follows the
    start. ``mediators`` are ids of parties or persons who facilitate the talks or
    carry messages; ``previous_scheduled_starts`` are the starts a postponed or moved
    meeting had before (as schema.org's ``previousStartDate``).
    """

    id: Id
    title: Text
    delegations: tuple[Delegation, ...]
    status: MeetingStatus | None = None
    venue: Venue | None = None
    host: PartyId | None = None
    chair: PersonId | None = None
    mediators: frozenset[PartyOrPersonId] = frozenset()
    format: MeetingFormat | None = None
    scheduled_start: datetime | None = None
    scheduled_start_precision: TimePrecision = TimePrecision.EXACT
    actual_start: datetime | None = None
    actual_start_precision: TimePrecision = TimePrecision.EXACT
    end: datetime | None = None
    end_precision: TimePrecision = TimePrecision.EXACT
    slack: timedelta = DEFAULT_SLACK
    previous_scheduled_starts: tuple[datetime, ...] = ()

    __attrs_post_init__ = checked_on_init(_meeting_rules)

    @property
    def kind(self) -> MeetingKind:
        """Bilateral, trilateral or multilateral, by the number of delegations."""
        if len(self.delegations) == 2:
            return MeetingKind.BILATERAL
        if len(self.delegations) == 3:
            return MeetingKind.TRILATERAL
        return MeetingKind.MULTILATERAL

    @property
    def parties(self) -> tuple[str, ...]:
        """The ids of the parties that send delegations, in order."""
        return tuple(delegation.party for delegation in self.delegations)

    @property
    def delay(self) -> timedelta | None:
        """``actual_start - scheduled_start`` when both are known (negative if early), else None."""
        if self.actual_start is None or self.scheduled_start is None:
            return None
        return difference(self.actual_start, self.scheduled_start)
