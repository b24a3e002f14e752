"""Hypothesis plugin: registers a strategy for every public type.

Hypothesis calls `_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point in ``pyproject.toml``; from then on ``st.from_type(Meeting)``
draws from `negotiations.strategies.meetings`. Each registration resolves its strategy
only when it is first used, so importing `negotiations.strategies` (which imports
Hypothesis, which runs this hook) cannot reach a half-initialised module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["_hypothesis_setup_hook"]


def _deferred(cls: type) -> Callable[[type], SearchStrategy[Any]]:
    def resolve(_: type) -> SearchStrategy[Any]:
        strategies = importlib.import_module("negotiations.strategies")
        strategy: SearchStrategy[Any] = strategies.PUBLIC_TYPES[cls]()
        return strategy

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each public type with `hypothesis.strategies.register_type_strategy`."""
    from hypothesis import strategies as st  # noqa: PLC0415 - only when Hypothesis loads us

    from . import (  # noqa: PLC0415 - the hook runs inside Hypothesis's own import
        Delegation,
        ExchangeProposal,
        ExchangeSide,
        Handover,
        Meeting,
        NegotiationRecord,
        Party,
        Person,
        Source,
        Statement,
        Venue,
    )

    for cls in (
        Party,
        Person,
        Delegation,
        Venue,
        Meeting,
        Handover,
        ExchangeSide,
        ExchangeProposal,
        Source,
        Statement,
        NegotiationRecord,
    ):
        st.register_type_strategy(cls, _deferred(cls))
