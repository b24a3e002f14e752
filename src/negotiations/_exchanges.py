"""Exchanges of people: who hands over whom, how many, and the formula people quote."""

from __future__ import annotations

import enum

import attrs

from ._errors import Problem
from ._model import Model
from ._rules import (
    EXCHANGE_NOTHING,
    EXCHANGE_REPEATED_CATEGORY,
    EXCHANGE_SAME_PARTY,
    HANDOVER_COUNT,
    repeats,
)
from ._values import Id, MeetingId, PartyId, PositiveInt, checked_on_init

__all__ = [
    "ExchangeCategory",
    "ExchangeProposal",
    "ExchangeSide",
    "ExchangeStatus",
    "Handover",
    "Quantity",
]


class ExchangeCategory(enum.Enum):
    """Which people (or remains) a side hands over."""

    PRISONERS_OF_WAR = "prisoners_of_war"
    POLITICAL_PRISONERS = "political_prisoners"
    CIVILIANS = "civilians"
    CHILDREN = "children"
    SEVERELY_WOUNDED_OR_ILL = "severely_wounded_or_ill"
    BODIES_OF_THE_DEAD = "bodies_of_the_dead"
    #: The report does not say who ("an exchange of 1000 for 1000").
    UNSPECIFIED = "unspecified"


class Quantity(enum.Enum):
    """How a report states a number of people."""

    #: Exactly ``count`` people ("1000").
    EXACT = "exact"
    #: At least ``count`` people ("no fewer than 1,000").
    AT_LEAST = "at_least"
    #: All of them, with no number given ("all for all"); ``count`` is absent.
    ALL = "all"


def _handover_rules(handover: Handover) -> list[Problem]:
    if handover.quantity is Quantity.ALL:
        if handover.count is not None:
            return [
                HANDOVER_COUNT.problem(
                    ("count",), f"an 'all' quantity has no count, got {handover.count}"
                )
            ]
    elif handover.count is None:
        return [
            HANDOVER_COUNT.problem(
                ("count",), f"an {handover.quantity.value!r} quantity needs a count"
            )
        ]
    return []


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Handover(Model):
    """What one side hands over in one category: ``count`` people, at least that many, or all."""

    category: ExchangeCategory
    quantity: Quantity = Quantity.EXACT
    count: PositiveInt | None = None

    __attrs_post_init__ = checked_on_init(_handover_rules)

    def describe(self) -> str:
        """The quantity as people say it: ``"1000"``, ``"at least 1000"``, ``"all"``."""
        if self.quantity is Quantity.ALL:
            return "all"
        if self.quantity is Quantity.AT_LEAST:
            return f"at least {self.count}"
        return str(self.count)


def _side_rules(side: ExchangeSide) -> list[Problem]:
    return [
        EXCHANGE_REPEATED_CATEGORY.problem(
            ("handovers", index, "category"), f"{category.value!r} is already listed for this side"
        )
        for index, category in repeats(handover.category for handover in side.handovers)
    ]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ExchangeSide(Model):
    """One side of an exchange and what it would hand over; nothing, for a one-sided handover."""

    party: PartyId
    handovers: tuple[Handover, ...] = ()

    __attrs_post_init__ = checked_on_init(_side_rules)

    def describe(self) -> str:
        """This side's part of the formula: ``"1000"``, ``"at least 1200"``, ``"all"``, ``"none"``."""
        if not self.handovers:
            return "none"
        if any(handover.quantity is Quantity.ALL for handover in self.handovers):
            return "all"
        total = sum(handover.count or 0 for handover in self.handovers)
        if any(handover.quantity is Quantity.AT_LEAST for handover in self.handovers):
            return f"at least {total}"
        return str(total)


class ExchangeStatus(enum.Enum):
    """Where an exchange proposal stands."""

    PROPOSED = "proposed"
    UNDER_DISCUSSION = "under_discussion"
    AGREED = "agreed"
    REJECTED = "rejected"
    CARRIED_OUT = "carried_out"


def _proposal_rules(proposal: ExchangeProposal) -> list[Problem]:
    problems: list[Problem] = []
    if proposal.side_a.party == proposal.side_b.party:
        problems.append(
            EXCHANGE_SAME_PARTY.problem(
                ("side_b", "party"),
                f"both sides are {proposal.side_a.party!r}; an exchange is between two parties",
            )
        )
    if not proposal.side_a.handovers and not proposal.side_b.handovers:
        problems.append(EXCHANGE_NOTHING.problem((), "neither side hands anything over"))
    return problems


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ExchangeProposal(Model):
    """A proposed exchange of people between two parties ("1000 for 1000").

    ``proposer`` is optional because reports often do not say who proposed it;
    ``meeting`` is the id of the meeting where it was discussed, if any.
    """

    id: Id
    side_a: ExchangeSide
    side_b: ExchangeSide
    proposer: PartyId | None = None
    status: ExchangeStatus | None = None
    meeting: MeetingId | None = None

    __attrs_post_init__ = checked_on_init(_proposal_rules)

    @property
    def formula(self) -> str:
        """The exchange as people say it, derived from the terms: ``"1000 for 1000"``."""
        return f"{self.side_a.describe()} for {self.side_b.describe()}"
