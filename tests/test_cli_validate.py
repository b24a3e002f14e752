"""``negotiations validate`` on JSON Lines and standard input, and `iter_jsonl` beneath it."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from negotiations import (
    Limits,
    NegotiationRecord,
    Party,
    ValidationError,
    iter_jsonl,
    to_json,
)
from negotiations import _cli as cli
from negotiations._cli import _parser, run

EXAMPLE = Path(__file__).parent.parent / "examples" / "istanbul-2025-05-15.json"
GOOD = json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
BAD_COUNTRY = GOOD.replace('"country": "UA"', '"country": "XX"', 1)
NOT_JSON = '{"format_version": 1,'


class TtyStringIO(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


def invoke(
    *argv: str, stdin: io.TextIOBase | None = None, stderr: io.StringIO | None = None
) -> tuple[int, str, str]:
    out = io.StringIO()
    err = io.StringIO() if stderr is None else stderr
    code = run(
        _parser().parse_args(list(argv)),
        stdin=stdin if stdin is not None else io.StringIO(),  # type: ignore[arg-type]
        stdout=out,
        stderr=err,
    )
    return code, out.getvalue(), err.getvalue()


def write_lines(tmp_path: Path, *lines: str, name: str = "records.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


class TestJsonLines:
    def test_all_valid(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, GOOD, GOOD)
        assert invoke("validate", str(path)) == (0, f"{path}: 3 lines read, all valid\n", "")

    def test_every_bad_line_is_reported_with_its_number_and_reading_goes_on(
        self, tmp_path: Path
    ) -> None:
        path = write_lines(tmp_path, GOOD, BAD_COUNTRY, GOOD, NOT_JSON, GOOD)
        code, out, err = invoke("validate", str(path))
        assert code == 1
        assert out == f"{path}: 5 lines read, 2 invalid\n"
        assert f"{path}:2: 1 problem in NegotiationRecord:\n" in err
        assert "$.parties[0].country: 'XX' is not an ISO 3166-1 alpha-2 code [value.country]" in err
        assert f"{path}:4: 1 problem in NegotiationRecord:\n" in err
        assert "[document.syntax]" in err
        assert "Traceback" not in err

    def test_blank_lines_are_skipped_but_counted(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, "", "   ", BAD_COUNTRY)
        code, _, err = invoke("validate", str(path))
        assert code == 1
        assert f"{path}:4: " in err
        assert f"{path}:2: " not in err

    def test_format_json_prints_one_object_per_problem(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, BAD_COUNTRY, NOT_JSON)
        code, out, err = invoke("validate", "--format", "json", str(path))
        assert (code, err) == (1, "")
        problems = [json.loads(line) for line in out.splitlines()]
        assert [(p["file"], p["line"], p["path"], p["rule"]) for p in problems] == [
            (str(path), 2, "$.parties[0].country", "value.country"),
            (str(path), 3, "$", "document.syntax"),
        ]
        assert all(problem["message"] for problem in problems)

    def test_format_json_prints_nothing_when_all_is_valid(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD)
        assert invoke("validate", "--format", "json", str(path)) == (0, "", "")

    def test_fail_fast_stops_at_the_first_bad_line(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, BAD_COUNTRY, NOT_JSON)
        code, out, err = invoke("validate", "--fail-fast", "--format", "json", str(path))
        assert code == 1
        assert [json.loads(line)["line"] for line in out.splitlines()] == [2]
        assert err == f"{path}: stopped after 1 invalid lines\n"

    def test_max_errors_stops_after_that_many_bad_lines(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, NOT_JSON, NOT_JSON, NOT_JSON, NOT_JSON)
        code, out, _ = invoke("validate", "--max-errors", "2", "--format", "json", str(path))
        assert code == 1
        assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 2]

    @pytest.mark.parametrize("value", ["0", "-1", "two"])
    def test_max_errors_must_be_positive(self, value: str) -> None:
        with pytest.raises(SystemExit) as caught:
            _parser().parse_args(["validate", "--max-errors", value, "x.jsonl"])
        assert caught.value.code == 2

    def test_jsonl_flag_for_another_suffix(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, GOOD, name="records.txt")
        assert invoke("validate", "--jsonl", str(path))[0] == 0

    def test_standard_input_as_text(self) -> None:
        stdin = io.StringIO(f"{GOOD}\n{NOT_JSON}\n")
        code, out, err = invoke("validate", "--jsonl", "-", stdin=stdin)
        assert code == 1
        assert out == "-: 2 lines read, 1 invalid\n"
        assert err.startswith("-:2: 1 problem in NegotiationRecord:\n")

    def test_standard_input_as_bytes_with_invalid_utf8(self) -> None:
        raw = GOOD.encode() + b"\n" + GOOD.encode().replace(b"Ukraine", b"Ukr\xffine") + b"\n"
        stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
        code, out, _ = invoke("validate", "--jsonl", "--format", "json", "-", stdin=stdin)
        assert code == 1
        (problem,) = [json.loads(line) for line in out.splitlines()]
        assert (problem["line"], problem["rule"]) == (2, "document.syntax")

    def test_a_missing_file_is_a_usage_error(self, tmp_path: Path) -> None:
        code, out, err = invoke("validate", str(tmp_path / "absent.jsonl"))
        assert (code, out) == (2, "")
        assert err.startswith("negotiations: cannot read ")


class TestProgress:
    def test_shown_on_a_terminal(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, GOOD)
        code, _, err = invoke("validate", str(path), stderr=TtyStringIO())
        assert code == 0
        assert err.startswith("\r2 lines, ")
        assert err.endswith(" lines/s\x1b[K\n")

    def test_cleared_before_a_message_on_a_terminal(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, NOT_JSON)
        _, _, err = invoke("validate", str(path), stderr=TtyStringIO())
        assert err.startswith(f"\r\x1b[K{path}:1: ")

    def test_redrawn_as_lines_are_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With no pause between redraws, the line is redrawn after every line read."""
        monkeypatch.setattr(cli, "_PROGRESS_EVERY", 0.0)
        path = write_lines(tmp_path, GOOD, GOOD, GOOD)
        code, _, err = invoke("validate", str(path), stderr=TtyStringIO())
        assert code == 0
        drawn = [line.split(" lines, ")[0] for line in err.split("\r")[1:]]
        assert drawn == ["1", "2", "3", "3"]  # each line read, then the final count
        assert err.endswith(" lines/s\x1b[K\n")

    def test_quiet_when_piped(self, tmp_path: Path) -> None:
        path = write_lines(tmp_path, GOOD, GOOD)
        assert invoke("validate", str(path))[2] == ""


class TestSingleDocument:
    def test_format_json(self, tmp_path: Path) -> None:
        path = tmp_path / "record.json"
        path.write_text(BAD_COUNTRY, encoding="utf-8")
        code, out, err = invoke("validate", "--format", "json", str(path))
        assert (code, err) == (1, "")
        assert json.loads(out) == {
            "file": str(path),
            "line": None,
            "path": "$.parties[0].country",
            "rule": "value.country",
            "message": "'XX' is not an ISO 3166-1 alpha-2 code",
        }

    def test_format_json_prints_nothing_for_a_valid_record(self, tmp_path: Path) -> None:
        path = tmp_path / "record.json"
        path.write_text(GOOD, encoding="utf-8")
        assert invoke("validate", "--format", "json", str(path)) == (0, "", "")

    @pytest.mark.parametrize(
        "raw",
        [b"\xef\xbb\xbf" + GOOD.encode(), b"\xff\xfe", b"[" * 5000, b"", b"\x00"],
        ids=["bom", "utf16-bom", "deep", "empty", "nul"],
    )
    def test_hostile_bytes_exit_1_without_a_traceback(self, tmp_path: Path, raw: bytes) -> None:
        path = tmp_path / "record.json"
        path.write_bytes(raw)
        code, out, err = invoke("validate", str(path))
        assert (code, out) == (1, "")
        assert "[document." in err
        assert "Traceback" not in err


class CountingStream(io.BytesIO):
    """A binary stream that counts the lines read from it."""

    lines_read = 0

    def readline(self, size: int | None = -1, /) -> bytes:
        line = super().readline(size)
        if line.endswith(b"\n"):
            self.lines_read += 1
        return line


class SizedReads(io.BytesIO):
    """A binary stream that records the size each ``readline`` asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int] = []

    def readline(self, size: int | None = -1, /) -> bytes:
        self.sizes.append(-1 if size is None else size)
        return super().readline(size)


class TestIterJsonl:
    def test_yields_each_line_number_with_an_object_or_its_error(self) -> None:
        party = '{"id": "ua", "name": "Ukraine", "kind": "state"}'
        stream = io.StringIO(f"{party}\n\n{{}}\n{party}")
        results = list(iter_jsonl(stream, Party))
        assert [number for number, _ in results] == [1, 3, 4]
        assert isinstance(results[0][1], Party)
        assert isinstance(results[1][1], ValidationError)
        assert results[1][1].rules == {"document.missing_key"}
        assert results[2][1] == results[0][1]

    def test_reads_one_line_at_a_time(self) -> None:
        stream = CountingStream((GOOD + "\n").encode() * 1000)
        results = iter_jsonl(stream, NegotiationRecord)
        number, record = next(results)
        assert (number, stream.lines_read) == (1, 1)
        assert to_json(record) == to_json(next(results)[1])
        assert stream.lines_read == 2

    def test_an_over_long_line_is_refused_and_skipped_unread(self) -> None:
        party = b'{"id": "ua", "name": "Ukraine", "kind": "state"}'
        long_line = b'{"id": "ua", "name": "' + b"U" * 5000 + b'", "kind": "state"}'
        stream = io.BytesIO(party + b"\n" + long_line + b"\n" + party + b"\n")
        limits = Limits(max_bytes=len(party) + 1)
        results: list[tuple[int, Any]] = list(iter_jsonl(stream, Party, limits=limits))
        assert [number for number, _ in results] == [1, 2, 3]
        assert isinstance(results[1][1], ValidationError)
        assert results[1][1].rules == {"document.limit"}
        assert isinstance(results[2][1], Party)

    def test_a_line_of_several_megabytes_is_skipped_a_chunk_at_a_time(self) -> None:
        party = b'{"id": "ua", "name": "Ukraine", "kind": "state"}'
        long_line = b'{"id": "ua", "name": "' + b"U" * (3 * 1024 * 1024) + b'", "kind": "state"}'
        stream = SizedReads(party + b"\n" + long_line + b"\n" + party + b"\n")
        results = list(iter_jsonl(stream, Party, limits=Limits(max_bytes=len(party))))
        assert [(number, type(value)) for number, value in results] == [
            (1, Party),
            (2, ValidationError),
            (3, Party),
        ]
        assert max(stream.sizes) == 1024 * 1024  # no read asked for the whole line
        assert len(stream.sizes) >= 6  # three lines, and the long one's rest in chunks

    def test_a_line_of_exactly_max_bytes_is_read(self) -> None:
        party = b'{"id": "ua", "name": "Ukraine", "kind": "state"}'
        results = list(
            iter_jsonl(io.BytesIO(party + b"\n"), Party, limits=Limits(max_bytes=len(party)))
        )
        assert [type(value) for _, value in results] == [Party]

    def test_an_empty_stream_yields_nothing(self) -> None:
        assert list(iter_jsonl(io.BytesIO(b""), Party)) == []


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """``negotiations validate ... | head -1``: no traceback, no read error, exit 1."""
    path = write_lines(tmp_path, *[BAD_COUNTRY] * 2000)
    with subprocess.Popen(
        [sys.executable, "-m", "negotiations", "validate", "--format", "json", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
        code = process.wait()
    assert json.loads(first)["line"] == 1
    assert (code, errors) == (1, b"")


def _wait_until_blocked(pid: int) -> None:
    """Wait (on Linux, up to 10 s) until process ``pid`` sleeps, as it does reading stdin.

    A SIGINT that lands while the child still runs Python code (finishing line 1) rather
    than waiting for line 2 tests the same handler, but has left its lines unrecorded by
    coverage in the child. Where /proc is missing, return at once.
    """
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return
    for _ in range(1000):
        # The state follows the parenthesised command name: "R" running, "S" sleeping.
        if stat.read_text().rpartition(")")[2].split()[0] == "S":
            return
        time.sleep(0.01)


def _ctrl_c_as_by_default() -> None:
    """In the child, before Python starts: SIGINT's default action, not an inherited "ignore".

    A shell that runs the tests in the background without job control ignores SIGINT,
    its children inherit that, and Python then installs no KeyboardInterrupt handler.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child needs POSIX signals")
def test_ctrl_c_ends_the_command_with_a_line_and_code_130() -> None:
    """Interrupted while it waits for the next line of input: a short note, no traceback."""
    command = [sys.executable, "-u", "-m", "negotiations", "validate", "--format", "json"]
    with subprocess.Popen(
        [*command, "--jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_ctrl_c_as_by_default,  # noqa: PLW1509 - one thread here; only a signal call
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(b"{}\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["line"] == 1  # now it waits for line 2
        _wait_until_blocked(process.pid)
        process.send_signal(signal.SIGINT)
        try:
            _, errors = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:  # a failure, not a hang
            process.kill()
            raise
        code = process.returncode
    assert (code, errors) == (130, b"negotiations: interrupted\n")
