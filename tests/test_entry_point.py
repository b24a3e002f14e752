"""The Hypothesis plugin, seen from a fresh interpreter as a downstream project sees it.

Each test runs a small script in a new Python process outside the source tree, so
nothing this test session imported (the strategies module, registrations made by
other tests) can make it pass.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HOOK = "negotiations._hypothesis:_hypothesis_setup_hook"


def run_script(tmp_path: Path, source: str, **env: str) -> str:
    """Run ``source`` in a fresh interpreter; fail with its output if it fails."""
    script = tmp_path / "downstream_check.py"
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    environment = {
        key: value for key, value in os.environ.items() if key != "HYPOTHESIS_NO_PLUGINS"
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_entry_point_is_installed() -> None:
    """The installed distribution declares the hook in Hypothesis's entry-point group."""
    hooks = [
        entry
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value == HOOK
    ]
    assert len(hooks) == 1
    assert hooks[0].dist is not None
    assert hooks[0].dist.name == "negotiations"


def test_from_type_works_without_importing_the_strategies(tmp_path: Path) -> None:
    """``st.from_type`` draws valid values of every public type in a downstream test."""
    output = run_script(
        tmp_path,
        """
        import sys

        from hypothesis import given, settings, strategies as st

        import negotiations
        from negotiations import Meeting, from_json, to_json

        # The hook registered the types, but loads the strategies only when first used.
        assert "negotiations._hypothesis" in sys.modules
        assert "negotiations.strategies" not in sys.modules

        @settings(max_examples=10, database=None)
        @given(st.from_type(Meeting))
        def test_meeting(meeting):
            assert isinstance(meeting, Meeting)
            assert from_json(to_json(meeting), Meeting) == meeting

        test_meeting()

        names = ["Party", "Person", "Delegation", "Venue", "Handover", "ExchangeSide",
                 "ExchangeProposal", "Source", "Statement", "NegotiationRecord"]
        def check(cls):
            @settings(max_examples=5, database=None)
            @given(st.from_type(cls))
            def test_type(value):
                assert type(value) is cls

            test_type()

        for name in names:
            check(getattr(negotiations, name))
        print("drew", len(names) + 1, "types")
        """,
    )
    assert output.strip() == "drew 11 types"


def test_importing_the_strategies_first_is_safe(tmp_path: Path) -> None:
    """Importing `negotiations.strategies` first (which imports Hypothesis, which runs the
    hook) still registers every type."""
    run_script(
        tmp_path,
        """
        from negotiations.strategies import meetings
        from hypothesis import given, settings, strategies as st
        from negotiations import Meeting, NegotiationRecord

        @settings(max_examples=5, database=None)
        @given(st.from_type(NegotiationRecord), meetings())
        def test_both(record, meeting):
            assert isinstance(record, NegotiationRecord)
            assert isinstance(meeting, Meeting)

        test_both()
        """,
    )


def test_hook_runs_only_through_the_entry_point(tmp_path: Path) -> None:
    """With Hypothesis's plugins turned off, nothing of ours is loaded: the entry point
    is what registers the types."""
    output = run_script(
        tmp_path,
        """
        import sys
        import hypothesis
        print(sorted(name for name in sys.modules if name.startswith("negotiations")))
        """,
        HYPOTHESIS_NO_PLUGINS="1",
    )
    assert output.strip() == "[]"


@pytest.mark.parametrize(
    "statement",
    ["import negotiations", "from negotiations import *", "import negotiations._cli"],
)
def test_hypothesis_stays_optional(tmp_path: Path, statement: str) -> None:
    """Using the library never imports Hypothesis: it is an optional extra."""
    output = run_script(
        tmp_path,
        f"""
        import sys
        {statement}
        print("hypothesis" in sys.modules)
        """,
    )
    assert output.strip() == "False"
