"""Typed, immutable, validated records of diplomatic negotiations.

Build the types in Python or load them from JSON: either way every rule is checked,
and bad input raises one `ValidationError` that lists every problem with its path
and rule id.
"""

from __future__ import annotations

from typing import Any

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
from ._jsonl import iter_jsonl
from ._limits import Limits
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
    "Limits",
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
    "iter_jsonl",
    "json_schema",
    "make_converter",
    "to_dict",
    "to_json",
]

__version__ = "0.1.0"


def __dir__() -> list[str]:
    return list(__all__)


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``cls``'s documents, generated from the type itself.

    It is necessary, not sufficient: its ``description`` lists the rules it cannot express.
    """
    from ._schema import json_schema as generate  # noqa: PLC0415 - loaded only when asked for

    return generate(cls)
