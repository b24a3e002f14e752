"""The scripts in ``examples/`` run as a user would run them, and do what they say."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from negotiations import Delegation, Meeting

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run an example script with this interpreter, from ``cwd``."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_every_example_script_is_tested() -> None:
    """A new example script needs a test here; this list says which scripts have one."""
    tested = {"istanbul_2025_05_15.py", "jsonl_accusations.py", "property_test_delay.py"}
    assert {script.name for script in SCRIPTS} == tested


def test_istanbul_record_built_in_code_equals_the_json(tmp_path: Path) -> None:
    """The Istanbul script builds the record from Python values and finds the JSON equal."""
    result = run("istanbul_2025_05_15.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "istanbul-2025-05-15.json equals the record built in code\n"


class TestJsonlAccusations:
    def test_bundled_feed(self, tmp_path: Path) -> None:
        """Every line of the bundled feed is valid, and the accusations in it are counted."""
        result = run("jsonl_accusations.py", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        lines = result.stdout.splitlines()
        feed = [
            json.loads(line)
            for line in (EXAMPLES / "statements.jsonl").read_text("utf-8").splitlines()
        ]
        accusations = [item for item in feed if item["kind"] == "accusation"]
        assert (
            lines[0]
            == f"{len(accusations)} accusations in {len(feed)} statements from statements.jsonl:"
        )
        assert lines[1:] == [
            "  northland -> southland: 2 accusations; by n-foreign-minister (1), northland as a whole (1)",
            "  northland -> eastland: 1 accusation; by n-foreign-minister (1)",
            "  southland -> northland: 1 accusation; by s-spokesperson (1)",
            "  southland -> no party named: 1 accusation; by southland as a whole (1)",
        ]

    def test_bad_lines_are_reported_and_skipped(self, tmp_path: Path) -> None:
        """An invalid line is reported with its number and rule; the others still count."""
        feed = tmp_path / "feed.jsonl"
        good = {
            "id": "a",
            "party": "north",
            "target": "south",
            "kind": "accusation",
            "wording": "quote",
            "text": "They started it",
            "sources": [{"outlet": "Wire"}],
        }
        bad = {**good, "id": "b", "made_at": "2031-03-06T10:00:00"}
        feed.write_text(f"{json.dumps(good)}\n\n{json.dumps(bad)}\n{{not json\n", encoding="utf-8")
        result = run("jsonl_accusations.py", str(feed), cwd=tmp_path)
        assert result.returncode == 1
        assert result.stdout.splitlines() == [
            "1 accusations in 1 statements from feed.jsonl:",
            "  north -> south: 1 accusation; by north as a whole (1)",
        ]
        assert "feed.jsonl:3: skipped, 1 problem in Statement:" in result.stderr
        assert "$.made_at:" in result.stderr
        assert "[value.datetime]" in result.stderr
        assert "feed.jsonl:4: skipped" in result.stderr
        assert "[document.syntax]" in result.stderr


def test_property_test_example_passes(tmp_path: Path) -> None:
    """The property-test example's properties hold."""
    result = run("property_test_delay.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "test_lateness_is_never_negative: holds",
        "test_on_time_means_zero_lateness: holds",
        "test_meetings_not_started_have_no_lateness: holds",
    ]


def test_property_test_example_catches_a_wrong_lateness(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example's properties can fail: a lateness that goes negative for an early start."""
    spec = importlib.util.spec_from_file_location(
        "property_test_delay", EXAMPLES / "property_test_delay.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    utc = timezone.utc
    early = Meeting(
        id="early",
        title="Started ten minutes early",
        delegations=(Delegation(party="a"), Delegation(party="b")),
        scheduled_start=datetime(2031, 3, 2, 10, 0, tzinfo=utc),
        actual_start=datetime(2031, 3, 2, 9, 50, tzinfo=utc),
    )
    # The properties, called on this one meeting: they hold for the example's lateness ...
    module.test_lateness_is_never_negative.hypothesis.inner_test(early)
    module.test_on_time_means_zero_lateness.hypothesis.inner_test(early)
    # ... and fail for a lateness that forgot to clamp at zero.
    monkeypatch.setattr(module, "lateness", lambda meeting: meeting.delay)
    with pytest.raises(AssertionError):
        module.test_lateness_is_never_negative.hypothesis.inner_test(early)
    with pytest.raises(AssertionError):
        module.test_on_time_means_zero_lateness.hypothesis.inner_test(early)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_examples_have_a_docstring_with_how_to_run(script: Path) -> None:
    """Each example says what it shows and how to run it."""
    text = script.read_text(encoding="utf-8")
    assert text.startswith('"""')
    assert f"python examples/{script.name}" in text
