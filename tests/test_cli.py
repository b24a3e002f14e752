"""The command line: the summary of a valid record, every problem of a bad one."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from negotiations._cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "istanbul-2025-05-15.json"


def run_cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        code = main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_a_valid_record_is_summarised() -> None:
    code, out, err = run_cli("validate", str(EXAMPLE))
    assert (code, err) == (0, "")
    assert "Parties (4): Ukraine [ua], Russia [ru], Türkiye [tr], United States [us]" in out
    assert "scheduled 2025-05-15 12:30 +03:00; started about 2025-05-15 13:36 +03:00" in out
    assert "delay +1h06m" in out
    assert "exchange-1000-for-1000: 1000 for 1000" in out
    assert "ukraine-accuses-russia: Ukraine, accusation [UNN]" in out


def test_every_problem_is_printed_with_its_path(tmp_path: Path) -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["meetings"][1]["actual_start"] = "2025-05-15T11:00:00+03:00"
    document["parties"][0]["country"] = "Ukraine"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run_cli("validate", str(bad))
    assert (code, out) == (1, "")
    assert "$.meetings[1].actual_start" in err
    assert "[meeting.slack]" in err
    assert "$.parties[0].country" in err
    assert "Traceback" not in err


def test_a_day_precision_time_is_summarised_as_its_day(tmp_path: Path) -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    meeting = document["meetings"][0]
    meeting["scheduled_start"] = "2025-05-15T00:00:00+03:00[Europe/Istanbul]"
    meeting["scheduled_start_precision"] = "day"
    path = tmp_path / "day.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = run_cli("validate", str(path))
    assert (code, err) == (0, "")
    assert "    scheduled 2025-05-15 (day only); started about 2025-05-15 10:45 +03:00;" in out


def test_standard_input() -> None:
    code, out, _ = run_cli("validate", "-", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert code == 0
    assert out.startswith("Russian-Ukrainian peace talks in Istanbul, 15 May 2025: valid")


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_cli("validate", str(tmp_path / "absent.json"))
    assert code == 2
    assert "cannot read" in err


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "negotiations", "validate", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Meetings (3):" in done.stdout
