"""Property-test a small function of your own with the `negotiations.strategies`.

``lateness`` below is the kind of helper a newsroom dashboard might have: how late a
meeting started, never negative. Hypothesis draws meetings from
`negotiations.strategies.meetings` (every one valid: all the model's rules hold) and
checks the properties ``lateness`` promises. Run it as a script, or collect it with
pytest (``python -m pytest examples/property_test_delay.py``):

    python examples/property_test_delay.py

It needs the ``hypothesis`` extra: ``pip install 'negotiations[hypothesis]'``.
"""

# ruff: noqa: S101 - property tests state their properties with assert, as pytest tests do
from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings

from negotiations import Meeting, MeetingStatus, TimePrecision
from negotiations.strategies import meetings

# A modest, fixed number of examples, and no example database to replay earlier failures from.
EXAMPLES = settings(max_examples=30, database=None, deadline=None)


def lateness(meeting: Meeting) -> timedelta | None:
    """How late ``meeting`` started: zero if on time or early; None if either time is unknown."""
    if meeting.delay is None:
        return None
    return max(meeting.delay, timedelta(0))


@EXAMPLES
@given(meetings())
def test_lateness_is_never_negative(meeting: Meeting) -> None:
    """A meeting's lateness is unknown exactly when its delay is, and never negative."""
    late = lateness(meeting)
    assert (late is None) == (meeting.delay is None)
    assert late is None or late >= timedelta(0)


@EXAMPLES
@given(meetings(precisions=[TimePrecision.EXACT]))
def test_on_time_means_zero_lateness(meeting: Meeting) -> None:
    """A meeting that started on time or early has zero lateness; a late one, its delay."""
    if meeting.delay is None:
        return
    if meeting.delay <= timedelta(0):
        assert lateness(meeting) == timedelta(0)
        # What lateness relies on: with exact times, no meeting starts earlier than its slack.
        assert -meeting.delay <= meeting.slack
    else:
        assert lateness(meeting) == meeting.delay


@EXAMPLES
@given(meetings(statuses=[MeetingStatus.PROPOSED, MeetingStatus.SCHEDULED]))
def test_meetings_not_started_have_no_lateness(meeting: Meeting) -> None:
    """A proposed or scheduled meeting has not started, so its lateness is unknown."""
    assert lateness(meeting) is None


def main() -> int:
    """Run every property; Hypothesis raises, with a minimal failing meeting, if one fails."""
    properties = [
        test_lateness_is_never_negative,
        test_on_time_means_zero_lateness,
        test_meetings_not_started_have_no_lateness,
    ]
    for check in properties:
        check()
        print(f"{check.__name__}: holds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
