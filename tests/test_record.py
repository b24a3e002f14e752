"""Whole records: unique ids, references that resolve, people acting for the right party."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from negotiations import (
    Delegation,
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    Handover,
    Meeting,
    NegotiationRecord,
    Party,
    PartyKind,
    Person,
    Source,
    Statement,
    StatementKind,
    ValidationError,
    Wording,
)

UA = Party(id="ua", name="Ukraine", kind=PartyKind.STATE, country="UA")
RU = Party(id="ru", name="Russia", kind=PartyKind.STATE, country="RU")
TR = Party(id="tr", name="Türkiye", kind=PartyKind.STATE, country="TR")
UMEROV = Person(id="umerov", name="Rustem Umerov", party="ua", role="Minister of Defense")
FIDAN = Person(id="fidan", name="Hakan Fidan", party="tr")
NOBODY = Person(id="nobody", name="Unaffiliated")


def talks(**changes: Any) -> Meeting:
    fields: dict[str, Any] = {
        "id": "talks",
        "title": "Talks",
        "delegations": (Delegation(party="ua", head="umerov"), Delegation(party="ru")),
    }
    fields.update(changes)
    return Meeting(**fields)


def record(**changes: Any) -> NegotiationRecord:
    fields: dict[str, Any] = {
        "parties": (UA, RU, TR),
        "persons": (UMEROV, FIDAN, NOBODY),
        "meetings": (talks(),),
    }
    fields.update(changes)
    return NegotiationRecord(**fields)


def problems(**changes: Any) -> set[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        record(**changes)
    return {(problem.path, problem.rule) for problem in caught.value.problems}


def said(**changes: Any) -> Statement:
    fields: dict[str, Any] = {
        "id": "s",
        "party": "ua",
        "text": "We talked about an exchange of 1000 for 1000.",
        "wording": Wording.QUOTE,
        "kind": StatementKind.ANNOUNCEMENT,
        "sources": (Source(outlet="UNN"),),
    }
    fields.update(changes)
    return Statement(**fields)


class TestIds:
    def test_an_empty_record_is_valid(self) -> None:
        assert NegotiationRecord().parties == ()

    def test_ids_are_unique_across_kinds(self) -> None:
        clash = Person(id="ua", name="Someone", party="ua")
        assert problems(persons=(UMEROV, FIDAN, NOBODY, clash)) == {
            ("$.persons[3].id", "record.duplicate_id")
        }

    def test_a_repeated_party(self) -> None:
        assert problems(parties=(UA, RU, TR, UA)) == {("$.parties[3].id", "record.duplicate_id")}


class TestReferences:
    def test_a_missing_party(self) -> None:
        assert problems(parties=(UA, TR)) == {
            ("$.meetings[0].delegations[1].party", "record.unresolved_reference")
        }

    def test_a_reference_to_the_wrong_kind(self) -> None:
        with pytest.raises(ValidationError) as caught:
            record(meetings=(talks(host="umerov"),))
        (problem,) = caught.value.problems
        assert (problem.path, problem.rule) == ("$.meetings[0].host", "record.unresolved_reference")
        assert "'umerov' is a person, not a party" in problem.message

    def test_mediators_may_be_parties_or_persons(self) -> None:
        built = record(meetings=(talks(mediators=frozenset({"tr", "fidan"})),))
        assert built.meetings[0].mediators == {"tr", "fidan"}

    def test_a_missing_mediator_is_located_in_written_order(self) -> None:
        """Frozensets are written sorted, so the path's index matches the JSON array."""
        assert problems(meetings=(talks(mediators=frozenset({"zz", "fidan"})),)) == {
            ("$.meetings[0].mediators[1]", "record.unresolved_reference")
        }

    def test_every_broken_reference_comes_back_together(self) -> None:
        proposal = ExchangeProposal(
            id="p",
            proposer="qq",
            meeting="nowhere",
            side_a=ExchangeSide(
                party="ua", handovers=(Handover(category=ExchangeCategory.CIVILIANS, count=1),)
            ),
            side_b=ExchangeSide(party="xx"),
        )
        statement = said(speaker="ghost", target="yy")
        assert problems(proposals=(proposal,), statements=(statement,)) == {
            ("$.proposals[0].side_b.party", "record.unresolved_reference"),
            ("$.proposals[0].proposer", "record.unresolved_reference"),
            ("$.proposals[0].meeting", "record.unresolved_reference"),
            ("$.statements[0].speaker", "record.unresolved_reference"),
            ("$.statements[0].target", "record.unresolved_reference"),
        }

    def test_a_persons_party_must_exist(self) -> None:
        assert problems(persons=(UMEROV, FIDAN, NOBODY, Person(id="x", name="X", party="zz"))) == {
            ("$.persons[3].party", "record.unresolved_reference")
        }


class TestActingFor:
    def test_delegation_members_act_for_its_party(self) -> None:
        meeting = talks(
            delegations=(
                Delegation(party="ua"),
                Delegation(party="ru", head="umerov", members=("nobody", "fidan")),
            )
        )
        assert problems(meetings=(meeting,)) == {
            ("$.meetings[0].delegations[1].head", "delegation.member_party"),
            ("$.meetings[0].delegations[1].members[1]", "delegation.member_party"),
        }

    def test_a_person_whose_party_is_unknown_contradicts_nothing(self) -> None:
        meeting = talks(
            delegations=(Delegation(party="ua", members=("nobody",)), Delegation(party="ru"))
        )
        assert record(meetings=(meeting,)).meetings == (meeting,)

    def test_the_chair_acts_for_a_participating_party(self) -> None:
        assert problems(meetings=(talks(chair="fidan"),)) == {
            ("$.meetings[0].chair", "meeting.chair_party")
        }

    def test_a_chair_from_a_mediating_party_is_fine(self) -> None:
        built = record(meetings=(talks(chair="fidan", mediators=frozenset({"tr"})),))
        assert built.meetings[0].chair == "fidan"

    def test_the_speaker_acts_for_the_statements_party(self) -> None:
        assert problems(statements=(said(party="ru", speaker="umerov"),)) == {
            ("$.statements[0].speaker", "statement.speaker_party")
        }

    def test_evolve_rechecks_the_whole_record(self) -> None:
        built = record(statements=(said(speaker="umerov"),))
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(built, persons=(FIDAN, NOBODY))
        assert caught.value.rules == {"record.unresolved_reference"}
