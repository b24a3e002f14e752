"""Exchange proposals: quantities, sides, and the formula people quote."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiations import (
    ExchangeCategory,
    ExchangeProposal,
    ExchangeSide,
    Handover,
    Quantity,
    ValidationError,
    from_json,
    to_json,
)

POWS = ExchangeCategory.PRISONERS_OF_WAR


def side(party: str, *handovers: Handover) -> ExchangeSide:
    return ExchangeSide(party=party, handovers=handovers)


def problems(cls: type, **fields: Any) -> set[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        cls(**fields)
    return {(problem.path, problem.rule) for problem in caught.value.problems}


class TestHandover:
    @pytest.mark.parametrize("quantity", [Quantity.EXACT, Quantity.AT_LEAST])
    def test_a_number_needs_a_count(self, quantity: Quantity) -> None:
        assert problems(Handover, category=POWS, quantity=quantity) == {
            ("$.count", "handover.count")
        }

    def test_all_has_no_count(self) -> None:
        assert problems(Handover, category=POWS, quantity=Quantity.ALL, count=5) == {
            ("$.count", "handover.count")
        }

    @pytest.mark.parametrize("count", [0, -1])
    def test_counts_are_positive(self, count: int) -> None:
        assert problems(Handover, category=POWS, count=count) == {("$.count", "value.positive")}

    @pytest.mark.parametrize("count", [2**64, 2**64 + 1, 10**30])
    def test_counts_fit_in_json(self, count: int) -> None:
        """A count beyond what JSON parsers read cannot be built, so it never fails to write."""
        assert problems(Handover, category=POWS, count=count) == {("$.count", "value.positive")}

    def test_the_largest_count_is_written_and_read_back(self) -> None:
        handover = Handover(category=POWS, count=2**64 - 1)
        text = to_json(handover)
        assert json.loads(text)["count"] == 2**64 - 1
        assert from_json(text, Handover) == handover

    @pytest.mark.parametrize("count", [True, 5.0, "5"])
    def test_counts_are_integers_not_lookalikes(self, count: object) -> None:
        assert problems(Handover, category=POWS, count=count) == {("$.count", "value.type")}


class TestFormula:
    @pytest.mark.parametrize(
        ("handover", "text"),
        [
            (Handover(category=POWS, count=1000), "1000"),
            (Handover(category=POWS, quantity=Quantity.AT_LEAST, count=1000), "at least 1000"),
            (Handover(category=POWS, quantity=Quantity.ALL), "all"),
        ],
    )
    def test_a_handover_as_people_say_it(self, handover: Handover, text: str) -> None:
        assert handover.describe() == text

    def test_1000_for_1000(self) -> None:
        proposal = ExchangeProposal(
            id="x",
            side_a=side("ua", Handover(category=ExchangeCategory.UNSPECIFIED, count=1000)),
            side_b=side("ru", Handover(category=ExchangeCategory.UNSPECIFIED, count=1000)),
        )
        assert proposal.formula == "1000 for 1000"

    def test_all_for_all(self) -> None:
        proposal = ExchangeProposal(
            id="x",
            side_a=side("ua", Handover(category=POWS, quantity=Quantity.ALL)),
            side_b=side("ru", Handover(category=POWS, quantity=Quantity.ALL)),
        )
        assert proposal.formula == "all for all"

    def test_a_one_sided_handover(self) -> None:
        proposal = ExchangeProposal(
            id="x",
            side_a=side("ru", Handover(category=ExchangeCategory.BODIES_OF_THE_DEAD, count=6000)),
            side_b=side("ua"),
        )
        assert proposal.formula == "6000 for none"

    def test_a_lower_bound_stays_a_lower_bound(self) -> None:
        proposal = ExchangeProposal(
            id="x",
            side_a=side(
                "ua",
                Handover(category=POWS, quantity=Quantity.AT_LEAST, count=1000),
                Handover(category=ExchangeCategory.CIVILIANS, count=20),
            ),
            side_b=side("ru", Handover(category=POWS, count=1000)),
        )
        assert proposal.formula == "at least 1020 for 1000"

    @given(
        st.lists(
            st.integers(min_value=1, max_value=10**6),
            min_size=1,
            max_size=len(ExchangeCategory),
            unique=False,
        ),
        st.integers(min_value=1, max_value=10**6),
    )
    def test_exact_counts_add_up_across_categories(self, counts: list[int], other: int) -> None:
        categories = list(ExchangeCategory)
        handovers = tuple(Handover(category=categories[i], count=c) for i, c in enumerate(counts))
        proposal = ExchangeProposal(
            id="x",
            side_a=side("a", *handovers),
            side_b=side("b", Handover(category=POWS, count=other)),
        )
        assert proposal.formula == f"{sum(counts)} for {other}"


class TestProposalRules:
    def test_two_different_parties(self) -> None:
        one = side("ua", Handover(category=POWS, count=1))
        assert problems(ExchangeProposal, id="x", side_a=one, side_b=one) == {
            ("$.side_b.party", "exchange.same_party")
        }

    def test_something_is_handed_over(self) -> None:
        assert problems(ExchangeProposal, id="x", side_a=side("ua"), side_b=side("ru")) == {
            ("$", "exchange.nothing_exchanged")
        }

    def test_a_category_once_per_side(self) -> None:
        assert problems(
            ExchangeSide,
            party="ua",
            handovers=(Handover(category=POWS, count=1), Handover(category=POWS, count=2)),
        ) == {("$.handovers[1].category", "exchange.repeated_category")}

    def test_proposer_and_status_are_optional(self) -> None:
        proposal = ExchangeProposal(
            id="x", side_a=side("ua", Handover(category=POWS, count=1)), side_b=side("ru")
        )
        assert (proposal.proposer, proposal.status, proposal.meeting) == (None, None, None)
