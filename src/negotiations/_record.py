"""A whole negotiation: every object of it, and the rules that tie them together."""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Final, NamedTuple

import attrs

from ._errors import Location, Problem
from ._exchanges import ExchangeProposal
from ._meetings import Meeting
from ._model import Model
from ._parties import Party, Person
from ._rules import (
    DELEGATION_MEMBER_PARTY,
    MEETING_CHAIR_PARTY,
    RECORD_DUPLICATE_ID,
    RECORD_UNRESOLVED_REFERENCE,
    STATEMENT_SPEAKER_PARTY,
)
from ._statements import Statement
from ._values import RefersTo, Text, checked_on_init, is_union, strip_annotated

__all__ = ["FORMAT_VERSION", "NegotiationRecord"]

#: The version of the record document format that this library writes and reads.
FORMAT_VERSION: Final = 1

Entity = Party | Person | Meeting | ExchangeProposal | Statement

_KINDS: Final = (
    ("parties", "party"),
    ("persons", "person"),
    ("meetings", "meeting"),
    ("proposals", "proposal"),
    ("statements", "statement"),
)


class _Plan(NamedTuple):
    """How to find references in one field: directly, or inside nested objects."""

    name: str
    many: bool
    refers_to: RefersTo | None
    nested: type | None


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """The element annotation of a field, and whether the field holds many of them."""
    if is_union(tp):
        members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(members) != 1:
            return None, False
        (tp,) = members
    if typing.get_origin(tp) in (tuple, frozenset):
        return typing.get_args(tp)[0], True
    return tp, False


@cache
def _plans(cls: Any) -> tuple[_Plan, ...]:
    attrs.resolve_types(cls)
    plans = []
    for field in attrs.fields(cls):
        element, many = _unwrap(field.type)
        base, extras = strip_annotated(element)
        refers_to = next((extra for extra in extras if isinstance(extra, RefersTo)), None)
        if refers_to is not None:
            plans.append(_Plan(field.name, many, refers_to, None))
        elif isinstance(base, type) and attrs.has(base):
            plans.append(_Plan(field.name, many, None, base))
    return tuple(plans)


def _references(obj: Any, location: Location) -> Iterator[tuple[Location, str, RefersTo]]:
    """Every reference in ``obj`` and the objects nested in it, with its location."""
    for plan in _plans(obj.__class__):
        value = getattr(obj, plan.name)
        if value is None:
            continue
        items = (
            (sorted(value) if isinstance(value, frozenset) else value) if plan.many else (value,)
        )
        for index, item in enumerate(items):
            item_location = (*location, plan.name, index) if plan.many else (*location, plan.name)
            if plan.refers_to is not None:
                yield item_location, item, plan.refers_to
            else:
                yield from _references(item, item_location)


def _gather_lines(cls: Any, read: str, depth: int, groups: dict[RefersTo, int]) -> list[str]:
    """Source lines adding each reference in ``read`` (a ``cls``) to the set of its kinds."""
    lines = []
    for plan in _plans(cls):
        value = f"v{depth}"
        if plan.refers_to is not None:
            found = f"found[{groups.setdefault(plan.refers_to, len(groups))}]"
            add = "update" if plan.many else "add"
            lines += [f"{value} = {read}.{plan.name}", f"if {value} is not None:"]
            lines.append(f"    {found}.{add}({value})")
            continue
        item = f"item{depth}"
        inner = _gather_lines(plan.nested, item, depth + 1, groups)
        if not inner:  # nothing in there refers to anything
            continue
        lines += [f"{value} = {read}.{plan.name}", f"if {value} is not None:"]
        if plan.many:
            lines.append(f"    for {item} in {value}:")
            lines += [f"        {line}" for line in inner]
        else:
            lines.append(f"    {item} = {value}")
            lines += [f"    {line}" for line in inner]
    return lines


Gather = Callable[[Any, list[set[str]]], None]


@cache
def _gatherer(cls: type) -> tuple[Gather, tuple[RefersTo, ...]]:
    """A generated function adding every reference in a ``cls`` to one set per `RefersTo`.

    It is the quick test of `_reference_problems`: when each set holds only ids of the
    kinds its references may name, none is broken and no location needs working out.
    """
    groups: dict[RefersTo, int] = {}
    body = _gather_lines(cls, "obj", 0, groups)
    source = "\n".join(["def gather(obj, found):", *(f"    {line}" for line in body), "    return"])
    env: dict[str, Any] = {}
    exec(compile(source, f"<negotiations references {cls.__qualname__}>", "exec"), env)  # noqa: S102
    gather: Gather = env["gather"]
    return gather, tuple(groups)


def _index(record: NegotiationRecord, problems: list[Problem]) -> dict[str, tuple[str, Entity]]:
    index: dict[str, tuple[str, Entity]] = {}
    for collection, kind in _KINDS:
        for position, entity in enumerate(getattr(record, collection)):
            if entity.id in index:
                other_kind, _ = index[entity.id]
                problems.append(
                    RECORD_DUPLICATE_ID.problem(
                        (collection, position, "id"),
                        f"{entity.id!r} is already the id of a {other_kind} in this record",
                    )
                )
            else:
                index[entity.id] = (kind, entity)
    return index


def _references_resolve(record: NegotiationRecord, index: dict[str, tuple[str, Entity]]) -> bool:
    """Whether every reference in ``record`` names an object of a kind it may name."""
    ids: dict[str, set[str]] = {kind: set() for _, kind in _KINDS}
    for key, (kind, _) in index.items():
        ids[kind].add(key)
    for collection, _ in _KINDS:
        entities = getattr(record, collection)
        if not entities:
            continue
        gather, groups = _gatherer(entities[0].__class__)
        found: list[set[str]] = [set() for _ in groups]
        for entity in entities:
            gather(entity, found)
        for refers_to, names in zip(groups, found, strict=True):
            first, *others = refers_to.kinds
            if not names.issubset(ids[first].union(*(ids[kind] for kind in others))):
                return False
    return True


def _reference_problems(
    record: NegotiationRecord, index: dict[str, tuple[str, Entity]]
) -> list[Problem]:
    if _references_resolve(record, index):
        return []
    problems: list[Problem] = []
    for collection, _ in _KINDS:
        for position, entity in enumerate(getattr(record, collection)):
            for location, target, refers_to in _references(entity, (collection, position)):
                found = index.get(target)
                if found is None:
                    wanted = " or ".join(refers_to.kinds)
                    problems.append(
                        RECORD_UNRESOLVED_REFERENCE.problem(
                            location, f"no {wanted} with id {target!r} in this record"
                        )
                    )
                elif found[0] not in refers_to.kinds:
                    wanted = " or ".join(refers_to.kinds)
                    problems.append(
                        RECORD_UNRESOLVED_REFERENCE.problem(
                            location, f"{target!r} is a {found[0]}, not a {wanted}"
                        )
                    )
    return problems


class _ActingFor:
    """The party each person of a record acts for, when known, and who acts for whom else."""

    def __init__(self, index: dict[str, tuple[str, Entity]]) -> None:
        self.party_of = {
            key: entity.party
            for key, (_, entity) in index.items()
            if isinstance(entity, Person) and entity.party is not None
        }
        self._elsewhere: dict[str, frozenset[str]] = {}

    def elsewhere(self, party: str) -> frozenset[str]:
        """The persons known to act for a party other than ``party``."""
        found = self._elsewhere.get(party)
        if found is None:
            found = frozenset(key for key, other in self.party_of.items() if other != party)
            self._elsewhere[party] = found
        return found


def _acting_for_problems(
    record: NegotiationRecord, index: dict[str, tuple[str, Entity]]
) -> list[Problem]:
    acting_for = _ActingFor(index)
    party_of = acting_for.party_of.get
    problems: list[Problem] = []
    for m, meeting in enumerate(record.meetings):
        for d, delegation in enumerate(meeting.delegations):
            elsewhere = acting_for.elsewhere(delegation.party)
            if delegation.head not in elsewhere and elsewhere.isdisjoint(delegation.members):
                continue  # the common case, decided without a location
            people: list[tuple[Location, str | None]] = [(("head",), delegation.head)]
            people += [(("members", k), member) for k, member in enumerate(delegation.members)]
            problems.extend(
                DELEGATION_MEMBER_PARTY.problem(
                    ("meetings", m, "delegations", d, *where),
                    f"{person!r} acts for {party_of(person)!r}, not for the delegation's "
                    f"party {delegation.party!r}",
                )
                for where, person in people
                if person in elsewhere
            )
        chair_party = None if meeting.chair is None else party_of(meeting.chair)
        if (
            chair_party is not None
            and chair_party not in meeting.mediators
            and chair_party not in meeting.parties
        ):
            problems.append(
                MEETING_CHAIR_PARTY.problem(
                    ("meetings", m, "chair"),
                    f"{meeting.chair!r} acts for {chair_party!r}, which neither sends a "
                    "delegation to nor mediates this meeting",
                )
            )
    for s, statement in enumerate(record.statements):
        party = None if statement.speaker is None else party_of(statement.speaker)
        if party is not None and party != statement.party:
            problems.append(
                STATEMENT_SPEAKER_PARTY.problem(
                    ("statements", s, "speaker"),
                    f"{statement.speaker!r} acts for {party!r}, but the statement is attributed "
                    f"to {statement.party!r}",
                )
            )
    return problems


def _record_rules(record: NegotiationRecord) -> list[Problem]:
    problems: list[Problem] = []
    index = _index(record, problems)
    problems.extend(_reference_problems(record, index))
    problems.extend(_acting_for_problems(record, index))
    return problems


@attrs.frozen(kw_only=True, eq=False, repr=False)
class NegotiationRecord(Model):
    """A whole negotiation: its parties, persons, meetings, proposals and statements.

    Ids are unique within a record, and every reference in it resolves to an object of
    the right kind. As a JSON document, a record also carries ``format_version``.
    """

    parties: tuple[Party, ...] = ()
    persons: tuple[Person, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    proposals: tuple[ExchangeProposal, ...] = ()
    statements: tuple[Statement, ...] = ()
    title: Text | None = None

    __attrs_post_init__ = checked_on_init(_record_rules)
