"""What was said, by whom, and who reported it."""

from __future__ import annotations

import enum
from datetime import date, datetime

import attrs

from ._errors import Problem
from ._model import Model
from ._rules import STATEMENT_NO_SOURCE
from ._values import HttpUrl, Id, MeetingId, PartyId, PersonId, Text, checked_on_init

__all__ = ["Source", "Statement", "StatementKind", "Wording"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Source(Model):
    """Who reported something ("Ukrinform reports"): the outlet, a URL, the publication date."""

    outlet: Text
    url: HttpUrl | None = None
    published_on: date | None = None

    __attrs_post_init__ = checked_on_init()


class StatementKind(enum.Enum):
    """What a statement does."""

    ANNOUNCEMENT = "announcement"
    CLAIM = "claim"
    ACCUSATION = "accusation"
    PROPOSAL = "proposal"
    REFUSAL = "refusal"
    COMMITMENT = "commitment"
    DEMAND = "demand"
    DENIAL = "denial"
    ACCEPTANCE = "acceptance"
    OTHER = "other"


class Wording(enum.Enum):
    """Whether a statement's text is the speaker's own words or a report of them."""

    QUOTE = "quote"
    PARAPHRASE = "paraphrase"


def _statement_rules(statement: Statement) -> list[Problem]:
    if statement.sources:
        return []
    return [STATEMENT_NO_SOURCE.problem(("sources",), "a statement needs at least one source")]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Statement(Model):
    """Something a party said, through a person or as a whole ("Ukraine accused Russia ...").

    ``speaker`` is optional where a party speaks as a whole; ``target`` is the party
    accused or refused; ``made_at`` is a full timestamp or a date alone; ``channel`` is
    how it was said ("to journalists", "national telethon").
    """

    id: Id
    party: PartyId
    text: Text
    wording: Wording
    kind: StatementKind
    sources: tuple[Source, ...]
    speaker: PersonId | None = None
    target: PartyId | None = None
    made_at: datetime | date | None = None
    channel: Text | None = None
    meeting: MeetingId | None = None

    __attrs_post_init__ = checked_on_init(_statement_rules)
