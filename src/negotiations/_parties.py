"""Who negotiates: parties, the people who act for them, and delegations."""

from __future__ import annotations

import enum

import attrs

from ._errors import Problem
from ._model import Model
from ._rules import DELEGATION_HEAD_IN_MEMBERS, DUPLICATE_ITEM, repeats
from ._values import CountryCode, Id, PartyId, PersonId, Text, checked_on_init

__all__ = ["Delegation", "DelegationLevel", "Party", "PartyKind", "Person"]


class PartyKind(enum.Enum):
    """What kind of actor a party is."""

    STATE = "state"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    #: Any other actor: an armed group, a company, a church, a civil-society body.
    OTHER = "other"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Party(Model):
    """A side in negotiations: a state, an international organisation or another actor.

    ``country`` is the ISO 3166-1 alpha-2 code of a state party, where one applies.
    """

    id: Id
    name: Text
    kind: PartyKind
    country: CountryCode | None = None

    __attrs_post_init__ = checked_on_init()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Person(Model):
    """A person, the party they act for (when known) and their role ("Minister of Defense")."""

    id: Id
    name: Text
    party: PartyId | None = None
    role: Text | None = None

    __attrs_post_init__ = checked_on_init()


class DelegationLevel(enum.Enum):
    """The rank at which a delegation negotiates, from highest to lowest."""

    #: Heads of state or government ("a meeting at the level of leaders").
    LEADERS = "leaders"
    MINISTERIAL = "ministerial"
    DEPUTY_MINISTERIAL = "deputy_ministerial"
    SENIOR_OFFICIALS = "senior_officials"
    WORKING_LEVEL = "working_level"
    #: Below the level of leaders, when a report says no more ("a lower-level delegation").
    BELOW_LEADERS = "below_leaders"


def _delegation_rules(delegation: Delegation) -> list[Problem]:
    head, members = delegation.head, delegation.members
    if head not in members and len(set(members)) == len(members):
        return []  # the common case, decided without a loop
    problems = [
        DELEGATION_HEAD_IN_MEMBERS.problem(
            ("members", index), f"{member!r} heads the delegation; list the head only as head"
        )
        for index, member in enumerate(members)
        if member == head
    ]
    problems += [
        DUPLICATE_ITEM.problem(("members", index), f"{member!r} is listed twice")
        for index, member in repeats(members)
        if member != head
    ]
    return problems


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Delegation(Model):
    """The people a party sends to a meeting: its head, further members and their level.

    Every part but the party is optional, since reports often name only the side.
    ``members`` lists the members besides the head, each once.
    """

    party: PartyId
    head: PersonId | None = None
    members: tuple[PersonId, ...] = ()
    level: DelegationLevel | None = None

    __attrs_post_init__ = checked_on_init(_delegation_rules)
