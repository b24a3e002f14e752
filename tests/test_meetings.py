"""Meetings and venues: times with precision, the slack rule, status and participation."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations import (
    APPROXIMATE_MARGIN,
    DEFAULT_SLACK,
    Delegation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    TimePrecision,
    ValidationError,
    Venue,
)

ISTANBUL = timezone(timedelta(hours=3))
NOON = datetime(2025, 5, 15, 12, 30, tzinfo=ISTANBUL)
TWO = (Delegation(party="ua"), Delegation(party="ru"))


def meeting(**changes: Any) -> Meeting:
    fields: dict[str, Any] = {"id": "m1", "title": "Talks", "delegations": TWO}
    fields.update(changes)
    return Meeting(**fields)


def rules_of(**changes: Any) -> set[tuple[str, str]]:
    """The (path, rule) pairs that building a meeting with ``changes`` reports."""
    with pytest.raises(ValidationError) as caught:
        meeting(**changes)
    return {(problem.path, problem.rule) for problem in caught.value.problems}


offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
instants = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2100, 1, 1), timezones=offsets
)
slacks = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=6))
shifts = st.timedeltas(min_value=timedelta(hours=-12), max_value=timedelta(hours=12))


class TestConstruction:
    def test_only_the_facts_a_report_gives_are_required(self) -> None:
        """A meeting needs an id, a title and its delegations: no time, venue or status."""
        built = meeting()
        assert (built.scheduled_start, built.actual_start, built.end) == (None, None, None)
        assert built.status is None
        assert built.slack == DEFAULT_SLACK

    def test_kind_follows_from_the_number_of_delegations(self) -> None:
        parties = [Delegation(party=name) for name in ("a", "b", "c", "d")]
        assert meeting(delegations=tuple(parties[:2])).kind is MeetingKind.BILATERAL
        assert meeting(delegations=tuple(parties[:3])).kind is MeetingKind.TRILATERAL
        assert meeting(delegations=tuple(parties)).kind is MeetingKind.MULTILATERAL

    def test_parties_lists_the_delegations_parties_in_order(self) -> None:
        assert meeting().parties == ("ua", "ru")

    def test_frozen(self) -> None:
        built = meeting()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            built.title = "Other"  # type: ignore[misc]

    def test_evolve_revalidates(self) -> None:
        built = meeting(scheduled_start=NOON)
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(built, actual_start=NOON - timedelta(hours=1))
        assert caught.value.rules == {"meeting.slack"}

    def test_lists_are_not_silently_turned_into_tuples(self) -> None:
        assert rules_of(delegations=list(TWO)) == {("$.delegations", "value.type")}

    def test_two_broken_rules_are_two_problems(self) -> None:
        assert rules_of(
            title=" ", scheduled_start=NOON, actual_start=NOON - timedelta(hours=2)
        ) == {
            ("$.title", "value.blank"),
            ("$.actual_start", "meeting.slack"),
        }


class TestDelay:
    def test_delay_is_actual_minus_scheduled(self) -> None:
        built = meeting(scheduled_start=NOON, actual_start=NOON + timedelta(minutes=66))
        assert built.delay == timedelta(minutes=66)

    @pytest.mark.parametrize("missing", ["scheduled_start", "actual_start"])
    def test_delay_is_none_when_either_time_is_unknown(self, missing: str) -> None:
        times = {"scheduled_start": NOON, "actual_start": NOON}
        del times[missing]
        assert meeting(**times).delay is None

    def test_delay_counts_elapsed_time_across_a_clock_change(self) -> None:
        """Berlin's clocks jumped from 02:00 to 03:00 on 30 March 2025: 01:30 to 03:30 is 1 hour."""
        berlin = ZoneInfo("Europe/Berlin")
        built = meeting(
            scheduled_start=datetime(2025, 3, 30, 1, 30, tzinfo=berlin),
            actual_start=datetime(2025, 3, 30, 3, 30, tzinfo=berlin),
        )
        assert built.delay == timedelta(hours=1)

    @given(instants, shifts, offsets)
    def test_delay_does_not_depend_on_the_offsets_used(
        self, scheduled: datetime, shift: timedelta, other: tzinfo
    ) -> None:
        actual = (scheduled + shift).astimezone(other)
        built = meeting(scheduled_start=scheduled, actual_start=actual, slack=timedelta(hours=13))
        assert built.delay == shift


class TestSlack:
    @given(instants, shifts, slacks)
    def test_exact_start_is_valid_exactly_when_not_before_scheduled_minus_slack(
        self, scheduled: datetime, shift: timedelta, slack: timedelta
    ) -> None:
        actual = scheduled + shift
        if actual >= scheduled - slack:
            assert (
                meeting(scheduled_start=scheduled, actual_start=actual, slack=slack).delay == shift
            )
        else:
            assert rules_of(scheduled_start=scheduled, actual_start=actual, slack=slack) == {
                ("$.actual_start", "meeting.slack")
            }

    @given(instants, slacks)
    def test_the_edge_is_allowed_and_one_microsecond_before_it_is_not(
        self, scheduled: datetime, slack: timedelta
    ) -> None:
        edge = scheduled - slack
        assert (
            meeting(scheduled_start=scheduled, actual_start=edge, slack=slack).actual_start == edge
        )
        too_early = edge - timedelta(microseconds=1)
        assert rules_of(scheduled_start=scheduled, actual_start=too_early, slack=slack) == {
            ("$.actual_start", "meeting.slack")
        }

    def test_an_approximate_start_may_be_off_by_the_margin(self) -> None:
        earliest = NOON - DEFAULT_SLACK - APPROXIMATE_MARGIN
        approximate = {"actual_start_precision": TimePrecision.APPROXIMATE}
        assert meeting(scheduled_start=NOON, actual_start=earliest, **approximate).delay == (
            earliest - NOON
        )
        assert rules_of(
            scheduled_start=NOON, actual_start=earliest - timedelta(minutes=1), **approximate
        ) == {("$.actual_start", "meeting.slack")}

    @given(st.integers(min_value=0, max_value=24 * 60 - 1))
    def test_a_day_only_schedule_never_makes_a_start_that_day_early(self, minute: int) -> None:
        day = datetime(2025, 5, 17, tzinfo=ISTANBUL)
        start = day + timedelta(minutes=minute)
        built = meeting(
            scheduled_start=day, scheduled_start_precision=TimePrecision.DAY, actual_start=start
        )
        assert built.actual_start == start

    def test_a_day_only_schedule_still_rules_out_the_day_before(self) -> None:
        day = datetime(2025, 5, 17, tzinfo=ISTANBUL)
        assert rules_of(
            scheduled_start=day,
            scheduled_start_precision=TimePrecision.DAY,
            actual_start=day - timedelta(hours=1),
        ) == {("$.actual_start", "meeting.slack")}

    def test_a_day_only_start_may_be_late_that_day(self) -> None:
        """A start known only to the day of the schedule is not a contradiction."""
        day = datetime(2025, 5, 15, tzinfo=ISTANBUL)
        built = meeting(
            scheduled_start=datetime(2025, 5, 15, 23, 0, tzinfo=ISTANBUL),
            actual_start=day,
            actual_start_precision=TimePrecision.DAY,
        )
        assert built.actual_start == day

    def test_negative_slack_is_refused(self) -> None:
        assert rules_of(slack=timedelta(minutes=-1)) == {("$.slack", "meeting.negative_slack")}

    def test_a_huge_slack_does_not_overflow(self) -> None:
        earliest = datetime(1, 1, 2, tzinfo=timezone.utc)
        built = meeting(scheduled_start=earliest, actual_start=earliest, slack=timedelta.max)
        assert built.delay == timedelta(0)


class TestEnd:
    def test_end_before_actual_start_is_refused(self) -> None:
        assert rules_of(actual_start=NOON, end=NOON - timedelta(minutes=1)) == {
            ("$.end", "meeting.end_before_start")
        }

    def test_end_before_scheduled_minus_slack_is_refused_when_the_start_is_unknown(self) -> None:
        assert rules_of(scheduled_start=NOON, end=NOON - DEFAULT_SLACK - timedelta(seconds=1)) == {
            ("$.end", "meeting.end_before_start")
        }

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"scheduled_start": NOON, "actual_start": NOON - timedelta(minutes=16)},
                (
                    "2025-05-15T12:14:00+03:00 is earlier than "
                    "scheduled_start 2025-05-15T12:30:00+03:00 minus slack PT15M"
                ),
            ),
            (
                {"actual_start": NOON, "end": NOON - timedelta(minutes=1)},
                "2025-05-15T12:29:00+03:00 is earlier than actual_start 2025-05-15T12:30:00+03:00",
            ),
            (
                {"scheduled_start": NOON, "end": NOON - timedelta(hours=1), "slack": timedelta(0)},
                (
                    "2025-05-15T11:30:00+03:00 is earlier than "
                    "scheduled_start 2025-05-15T12:30:00+03:00 minus slack PT0S"
                ),
            ),
        ],
    )
    def test_the_message_names_both_times(self, changes: dict[str, Any], message: str) -> None:
        with pytest.raises(ValidationError) as caught:
            meeting(**changes)
        assert [problem.message for problem in caught.value.problems] == [message]

    def test_an_end_without_any_start_is_fine(self) -> None:
        """ "Negotiations lasted until approximately 12 o'clock": nothing else is needed."""
        assert meeting(end=NOON, end_precision=TimePrecision.APPROXIMATE).end == NOON

    @given(instants, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)))
    def test_end_at_or_after_start_is_valid(self, start: datetime, length: timedelta) -> None:
        assert meeting(actual_start=start, end=start + length).end == start + length


class TestStatus:
    @pytest.mark.parametrize(
        "status",
        [
            MeetingStatus.PROPOSED,
            MeetingStatus.SCHEDULED,
            MeetingStatus.POSTPONED,
            MeetingStatus.CANCELLED,
        ],
    )
    def test_a_meeting_that_has_not_started_has_no_actual_start(
        self, status: MeetingStatus
    ) -> None:
        assert rules_of(status=status, actual_start=NOON) == {
            ("$.actual_start", "meeting.status_times")
        }

    @pytest.mark.parametrize(
        "status", [s for s in MeetingStatus if s is not MeetingStatus.CONCLUDED]
    )
    def test_a_meeting_with_an_end_is_concluded(self, status: MeetingStatus) -> None:
        problems = rules_of(status=status, end=NOON)
        assert ("$.end", "meeting.end_not_concluded") in problems

    def test_an_end_with_no_status_given_is_fine(self) -> None:
        assert meeting(end=NOON).status is None

    def test_a_concluded_meeting_need_not_give_its_times(self) -> None:
        assert meeting(status=MeetingStatus.CONCLUDED).end is None

    def test_in_progress_with_a_start(self) -> None:
        built = meeting(status=MeetingStatus.IN_PROGRESS, actual_start=NOON)
        assert built.status is MeetingStatus.IN_PROGRESS


class TestParticipation:
    def test_fewer_than_two_delegations(self) -> None:
        assert rules_of(delegations=(Delegation(party="ua"),)) == {
            ("$.delegations", "meeting.delegations")
        }

    def test_two_delegations_of_one_party(self) -> None:
        assert rules_of(delegations=(*TWO, Delegation(party="ua"))) == {
            ("$.delegations[2].party", "meeting.repeated_party")
        }

    def test_previous_starts_are_listed_once(self) -> None:
        assert rules_of(previous_scheduled_starts=(NOON, NOON)) == {
            ("$.previous_scheduled_starts[1]", "value.duplicate_item")
        }

    def test_mediators_are_a_frozenset_of_ids(self) -> None:
        assert rules_of(mediators=frozenset({"not an id!"})) == {("$.mediators[0]", "value.id")}


class TestTimeValues:
    def test_naive_datetimes_are_refused(self) -> None:
        assert rules_of(actual_start=datetime(2025, 5, 15, 13, 36)) == {
            ("$.actual_start", "value.naive_datetime")
        }

    def test_a_time_zone_that_cannot_be_written_losslessly_is_refused(self) -> None:
        class Custom(tzinfo):
            def utcoffset(self, _: datetime | None) -> timedelta:
                return timedelta(hours=3)

            def dst(self, _: datetime | None) -> timedelta:
                return timedelta(0)

            def tzname(self, _: datetime | None) -> str:
                return "custom"

        assert rules_of(actual_start=datetime(2025, 5, 15, tzinfo=Custom())) == {
            ("$.actual_start", "value.datetime")
        }

    def test_a_local_time_the_clocks_skipped_is_refused(self) -> None:
        skipped = datetime(2025, 3, 30, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))
        assert rules_of(actual_start=skipped) == {("$.actual_start", "value.datetime")}

    def test_an_offset_with_fractions_of_a_second_is_refused(self) -> None:
        odd = timezone(timedelta(hours=1, microseconds=5))
        assert rules_of(actual_start=datetime(2025, 5, 15, tzinfo=odd)) == {
            ("$.actual_start", "value.datetime")
        }

    def test_a_precision_needs_its_time(self) -> None:
        assert rules_of(end_precision=TimePrecision.APPROXIMATE) == {
            ("$.end_precision", "time.precision_without_time")
        }

    def test_a_day_only_time_is_written_as_midnight(self) -> None:
        assert rules_of(scheduled_start=NOON, scheduled_start_precision=TimePrecision.DAY) == {
            ("$.scheduled_start", "time.day_not_midnight")
        }


class TestVenue:
    def test_tzinfo_comes_from_the_iana_name(self) -> None:
        venue = Venue(
            name="Dolmabahçe Palace", city="Istanbul", country="TR", time_zone="Europe/Istanbul"
        )
        assert venue.tzinfo == ZoneInfo("Europe/Istanbul")

    def test_tzinfo_is_none_when_not_given(self) -> None:
        assert Venue(name="Somewhere").tzinfo is None

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"time_zone": "Europe/Atlantis"}, ("$.time_zone", "value.time_zone")),
            ({"time_zone": "../etc/passwd"}, ("$.time_zone", "value.time_zone")),
            ({"country": "tr"}, ("$.country", "value.country")),
            ({"country": "XX"}, ("$.country", "value.country")),
            ({"name": ""}, ("$.name", "value.blank")),
            ({"city": "\t"}, ("$.city", "value.blank")),
        ],
    )
    def test_bad_values(self, changes: dict[str, str], expected: tuple[str, str]) -> None:
        fields = {"name": "Palace", **changes}
        with pytest.raises(ValidationError) as caught:
            Venue(**fields)
        assert {(p.path, p.rule) for p in caught.value.problems} == {expected}
