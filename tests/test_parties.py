"""Parties, persons and delegations."""

from __future__ import annotations

from typing import Any

import pytest

from negotiations import Delegation, DelegationLevel, Party, PartyKind, Person, ValidationError


def problems(cls: type, **fields: Any) -> set[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        cls(**fields)
    return {(problem.path, problem.rule) for problem in caught.value.problems}


class TestParty:
    def test_a_state_with_its_country_code(self) -> None:
        party = Party(id="ua", name="Ukraine", kind=PartyKind.STATE, country="UA")
        assert (party.id, party.country) == ("ua", "UA")

    def test_an_organisation_without_a_country(self) -> None:
        assert (
            Party(id="un", name="United Nations", kind=PartyKind.INTERNATIONAL_ORGANIZATION).country
            is None
        )

    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            ({"country": "ua"}, {("$.country", "value.country")}),
            ({"country": "UKR"}, {("$.country", "value.country")}),
            ({"id": ""}, {("$.id", "value.blank")}),
            ({"id": "has space"}, {("$.id", "value.id")}),
            ({"id": "-leading"}, {("$.id", "value.id")}),
            ({"id": "x" * 201}, {("$.id", "value.id")}),
            ({"name": "   "}, {("$.name", "value.blank")}),
            ({"kind": "state"}, {("$.kind", "value.type")}),
            ({"name": 5}, {("$.name", "value.type")}),
        ],
    )
    def test_bad_values(self, fields: dict[str, Any], expected: set[tuple[str, str]]) -> None:
        base = {"id": "ua", "name": "Ukraine", "kind": PartyKind.STATE}
        assert problems(Party, **{**base, **fields}) == expected

    def test_kosovo_is_accepted_as_xk(self) -> None:
        assert Party(id="xk", name="Kosovo", kind=PartyKind.STATE, country="XK").country == "XK"

    def test_the_country_error_suggests_upper_case(self) -> None:
        with pytest.raises(ValidationError, match="did you mean 'UA'"):
            Party(id="ua", name="Ukraine", kind=PartyKind.STATE, country="ua")


class TestPerson:
    def test_role_and_party_are_optional(self) -> None:
        person = Person(id="umerov", name="Rustem Umerov")
        assert (person.party, person.role) == (None, None)

    def test_bad_party_reference_form(self) -> None:
        assert problems(Person, id="p", name="P", party="not an id") == {("$.party", "value.id")}

    def test_blank_role(self) -> None:
        assert problems(Person, id="p", name="P", role="") == {("$.role", "value.blank")}


class TestDelegation:
    def test_only_the_party_is_required(self) -> None:
        delegation = Delegation(party="ru", level=DelegationLevel.BELOW_LEADERS)
        assert (delegation.head, delegation.members) == (None, ())

    def test_members_are_listed_once(self) -> None:
        assert problems(Delegation, party="ua", members=("a", "b", "a")) == {
            ("$.members[2]", "value.duplicate_item")
        }

    def test_the_head_is_not_listed_again_as_a_member(self) -> None:
        assert problems(Delegation, party="ua", head="a", members=("b", "a")) == {
            ("$.members[1]", "delegation.head_in_members")
        }

    def test_members_must_be_a_tuple(self) -> None:
        assert problems(Delegation, party="ua", members=["a"]) == {("$.members", "value.type")}

    def test_member_ids_are_checked_one_by_one(self) -> None:
        assert problems(Delegation, party="ua", members=("ok", "", 3)) == {
            ("$.members[1]", "value.blank"),
            ("$.members[2]", "value.type"),
        }
