"""Typed, immutable, validated records of diplomatic negotiations.

Build the types in Python or load them from JSON: either way every rule is checked,
and bad input raises one `ValidationError` that lists every problem with its path
and rule id.
"""

from __future__ import annotations

from ._converter import configure_converter, make_converter
from ._errors import NegotiationsError, Problem, ValidationError
from ._exchanges import (
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    ExchangeStatus,
    Handover,
    Quantity,
)
from ._json import from_dict, from_json, to_dict, to_json
from ._meetings import DEFAULT_SLACK, Meeting, MeetingFormat, MeetingKind, MeetingStatus, Venue
from ._parties import Delegation, DelegationLevel, Party, PartyKind, Person
from ._record import FORMAT_VERSION, NegotiationRecord
from ._rules import RULES, Rule
from ._statements import Source, Statement, StatementKind, Wording
from ._time import APPROXIMATE_MARGIN, TimePrecision

__all__ = [
    "APPROXIMATE_MARGIN",
    "DEFAULT_SLACK",
    "FORMAT_VERSION",
    "RULES",
    "Delegation",
    "DelegationLevel",
    "ExchangeCategory",
    "ExchangeProposal",
    "ExchangeSide",
    "ExchangeStatus",
    "Handover",
    "Meeting",
    "MeetingFormat",
    "MeetingKind",
    "MeetingStatus",
    "NegotiationRecord",
    "NegotiationsError",
    "Party",
    "PartyKind",
    "Person",
    "Problem",
    "Quantity",
    "Rule",
    "Source",
    "Statement",
    "StatementKind",
    "TimePrecision",
    "ValidationError",
    "Venue",
    "Wording",
    "__version__",
    "configure_converter",
    "from_dict",
    "from_json",
    "make_converter",
    "to_dict",
    "to_json",
]

__version__ = "0.1.0"


def __dir__() -> list[str]:
    return list(__all__)
