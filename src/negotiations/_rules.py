"""The catalogue of rules: every rule has one stable id, written here once.

The checks in the model modules, the converter, the docs and the invalid-document
strategy all refer to these objects, so a rule id never drifts between them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Final, TypeVar

import attrs

from ._errors import Location, Problem
from ._model import Model

__all__ = ["RULES", "Rule", "repeats"]

K = TypeVar("K", bound=Hashable)


@attrs.frozen(eq=False, repr=False)
class Rule(Model):
    """A rule's stable ``id`` (``"meeting.slack"``) and a one-line ``summary`` of it."""

    id: str
    summary: str

    def problem(self, location: Location, message: str) -> Problem:
        """A `Problem` reporting that this rule is broken at ``location``."""
        return Problem(location=location, rule=self.id, message=message)


def repeats(keys: Iterable[K]) -> Iterator[tuple[int, K]]:
    """The index and key of each item whose key an earlier item had: what "listed twice" reports."""
    seen: set[K] = set()
    for index, key in enumerate(keys):
        if key in seen:
            yield index, key
        else:
            seen.add(key)


_catalogue: dict[str, Rule] = {}


def _rule(rule_id: str, summary: str) -> Rule:
    rule = Rule(rule_id, summary)
    _catalogue[rule_id] = rule
    return rule


# Documents: what JSON text and plain dicts must look like.
SYNTAX: Final = _rule("document.syntax", "The text is well-formed JSON in UTF-8.")
DUPLICATE_KEY: Final = _rule(
    "document.duplicate_key", "No JSON object has the same key twice (no value silently wins)."
)
UNKNOWN_KEY: Final = _rule("document.unknown_key", "Every key of an object is a field of its type.")
MISSING_KEY: Final = _rule("document.missing_key", "Every required field is present.")
FORMAT_VERSION: Final = _rule(
    "document.format_version",
    "A record document states a format version this library can read.",
)
LIMIT: Final = _rule(
    "document.limit",
    "The document stays within the size, depth, string and array limits.",
)

# Values: the type and form of a single field.
TYPE: Final = _rule("value.type", "Each value has its field's type (no coercion).")
BLANK: Final = _rule("value.blank", "Ids, names and texts are not empty or only white space.")
ID: Final = _rule(
    "value.id",
    "An id is 1 to 200 characters: letters, digits and . _ : / - , starting with a letter or digit.",
)
POSITIVE: Final = _rule(
    "value.positive", "Counts are positive integers, at most 2**64 - 1 (what JSON carries)."
)
ENUM: Final = _rule("value.enum", "A value of a closed vocabulary is one of its members.")
DATETIME: Final = _rule(
    "value.datetime", "A datetime is ISO 8601 with a UTC offset, and an existing time."
)
NAIVE_DATETIME: Final = _rule(
    "value.naive_datetime", "A datetime is timezone-aware (a fixed offset or an IANA zone)."
)
DATE: Final = _rule("value.date", "A date is an existing ISO 8601 calendar date (YYYY-MM-DD).")
DURATION: Final = _rule(
    "value.duration",
    "A duration is an ISO 8601 duration such as PT15M (days, hours, minutes, seconds).",
)
COUNTRY: Final = _rule("value.country", "A country is an ISO 3166-1 alpha-2 code such as UA.")
TIME_ZONE: Final = _rule(
    "value.time_zone", "A time zone is an IANA zone name such as Europe/Istanbul."
)
URL: Final = _rule("value.url", "A URL is absolute, http or https, with a host.")
DUPLICATE_ITEM: Final = _rule(
    "value.duplicate_item", "A collection does not list the same item twice."
)

# Times with a precision.
PRECISION_WITHOUT_TIME: Final = _rule(
    "time.precision_without_time", "A precision other than exact is only given beside a known time."
)
DAY_NOT_MIDNIGHT: Final = _rule(
    "time.day_not_midnight",
    "A time known only to the day is written as midnight starting that day.",
)

# Delegations.
DELEGATION_HEAD_IN_MEMBERS: Final = _rule(
    "delegation.head_in_members", "A delegation's head is not listed again among its members."
)
DELEGATION_MEMBER_PARTY: Final = _rule(
    "delegation.member_party", "A delegation's head and members act for the delegation's party."
)

# Meetings.
MEETING_SLACK: Final = _rule(
    "meeting.slack", "A meeting's actual start is no earlier than its scheduled start minus slack."
)
MEETING_NEGATIVE_SLACK: Final = _rule(
    "meeting.negative_slack", "A meeting's slack is not negative."
)
MEETING_END_BEFORE_START: Final = _rule(
    "meeting.end_before_start",
    "A meeting ends no earlier than its actual start (or its scheduled start minus slack).",
)
MEETING_STATUS_TIMES: Final = _rule(
    "meeting.status_times",
    "A proposed, scheduled, postponed or cancelled meeting has no actual start.",
)
MEETING_END_NOT_CONCLUDED: Final = _rule(
    "meeting.end_not_concluded",
    "A meeting with a known end is concluded (or its status is not given).",
)
MEETING_DELEGATIONS: Final = _rule(
    "meeting.delegations", "A meeting has delegations of at least two parties."
)
MEETING_REPEATED_PARTY: Final = _rule(
    "meeting.repeated_party", "A meeting has at most one delegation per party."
)
MEETING_CHAIR_PARTY: Final = _rule(
    "meeting.chair_party", "A meeting's chair acts for a participating or mediating party."
)

# Exchange proposals.
HANDOVER_COUNT: Final = _rule(
    "handover.count",
    "An exact or at-least quantity has a count; an 'all' quantity has none.",
)
EXCHANGE_REPEATED_CATEGORY: Final = _rule(
    "exchange.repeated_category", "A side lists each category of people at most once."
)
EXCHANGE_SAME_PARTY: Final = _rule(
    "exchange.same_party", "An exchange's two sides are different parties."
)
EXCHANGE_NOTHING: Final = _rule(
    "exchange.nothing_exchanged", "At least one side of an exchange hands something over."
)

# Statements.
STATEMENT_NO_SOURCE: Final = _rule("statement.no_source", "A statement has at least one source.")
STATEMENT_SPEAKER_PARTY: Final = _rule(
    "statement.speaker_party",
    "A statement's speaker acts for the party the statement is attributed to.",
)

# Records.
RECORD_DUPLICATE_ID: Final = _rule(
    "record.duplicate_id", "Ids are unique within a record, across all kinds of object."
)
RECORD_UNRESOLVED_REFERENCE: Final = _rule(
    "record.unresolved_reference",
    "Every reference resolves to an object of the right kind in the record.",
)

#: Every rule, by id, in the order they are documented.
RULES: Final[Mapping[str, Rule]] = MappingProxyType(_catalogue)
