"""The package works downstream: built, installed into a fresh environment, type-checked.

The sdist and wheel are built with ``python -m build`` (the wheel from the sdist, so the
sdist is proven complete), checked with ``twine check``, and the wheel is installed into
a new virtual environment with its dependencies. From a directory outside the source
tree, the installed package is imported, the installed ``negotiations`` command checks
the example record shipped in the sdist, and ``mypy --strict`` and pyright check the
consumer modules in ``typing_tests/`` against the installed package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

import negotiations

ROOT = Path(__file__).resolve().parent.parent
TYPING_TESTS = ROOT / "typing_tests"
#: Directories the build leaves out of the sdist (they are in .gitignore).
NOT_SHIPPED = frozenset(
    {"__pycache__", ".hypothesis", "_build", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
)


#: Variables that would point a Python or mypy at the source tree instead of the venv.
LEAKS = frozenset({"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "MYPYPATH"})


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command, in an environment without ``LEAKS``; the caller checks the outcome."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={name: value for name, value in os.environ.items() if name not in LEAKS},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@attrs.frozen
class Installed:
    """The built distributions, the fresh environment and a work directory outside the tree."""

    sdist: Path
    wheel: Path
    python: Path
    scripts: Path
    outside: Path
    unpacked_sdist: Path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build once, install the wheel into a new venv once; every test here shares them."""
    base = tmp_path_factory.mktemp("downstream")
    dist = base / "dist"
    # --no-isolation: build with the hatchling of this environment (the test extra has it)
    # instead of downloading one into a throwaway environment.
    built = run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT, cwd=base)
    assert built.returncode == 0, built.stdout + built.stderr
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")

    venv = base / "venv"
    created = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    assert created.returncode == 0, created.stderr
    scripts = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    # This environment's pip installs into the new one (pip --python), dependencies included.
    pip = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--disable-pip-version-check",
        wheel,
        cwd=base,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr

    outside = base / "consumer"
    outside.mkdir()
    for module in TYPING_TESTS.glob("consumer_*.py"):
        shutil.copy(module, outside / module.name)
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            archive.extractall(base / "sdist", filter="data")
        else:  # pragma: no cover - our own sdist, just built
            archive.extractall(base / "sdist")  # noqa: S202
    (unpacked,) = (base / "sdist").iterdir()
    return Installed(sdist, wheel, python, scripts, outside, unpacked)


def test_twine_check_passes(installed: Installed) -> None:
    """The metadata and the README render on PyPI."""
    result = run(
        sys.executable,
        "-m",
        "twine",
        "check",
        "--strict",
        installed.sdist,
        installed.wheel,
        cwd=installed.outside,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def test_sdist_contains_tests_docs_and_examples(installed: Installed) -> None:
    """Every file of tests/, docs/, examples/ and typing_tests/ is in the sdist."""
    with tarfile.open(installed.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    expected = {
        path.relative_to(ROOT).as_posix()
        for folder in ("tests", "docs", "examples", "typing_tests")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and NOT_SHIPPED.isdisjoint(path.relative_to(ROOT).parts)
    }
    assert {
        "tests/test_downstream.py",
        "docs/index.md",
        "examples/istanbul-2025-05-15.json",
    } <= expected
    assert sorted(expected - names) == []
    assert {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"} <= names


def test_wheel_contains_the_package_and_py_typed(installed: Installed) -> None:
    """The wheel ships py.typed (so checkers use the inline types) and no tests or docs."""
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    assert "negotiations/py.typed" in names
    assert "negotiations/__init__.py" in names
    assert not [name for name in names if name.startswith(("tests/", "docs/", "examples/"))]


def test_metadata_is_complete(installed: Installed) -> None:
    """The wheel's metadata has what PyPI shows and installers need."""
    with zipfile.ZipFile(installed.wheel) as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode()
    fields = [tuple(line.split(": ", 1)) for line in metadata.split("\n\n", 1)[0].splitlines()]
    values: dict[str, list[str]] = {}
    for key, value in fields:
        values.setdefault(key, []).append(value)
    assert values["Name"] == ["negotiations"]
    assert values["Version"] == [negotiations.__version__]
    assert values["Summary"][0].startswith("Typed, immutable, validated records")
    assert values["License-Expression"] == ["MIT"]
    assert values["License-File"] == ["LICENSE"]
    assert values["Requires-Python"] == [">=3.10"]
    assert values["Description-Content-Type"] == ["text/markdown"]
    assert "Typing :: Typed" in values["Classifier"]
    assert "Programming Language :: Python :: 3.10" in values["Classifier"]
    urls = {url.split(", ", 1)[0] for url in values["Project-URL"]}
    assert {"Documentation", "Source", "Changelog", "Issues"} <= urls
    assert metadata.split("\n\n", 1)[1].startswith("# negotiations")


def test_installed_package_imports_from_the_venv(installed: Installed) -> None:
    """Outside the source tree, the fresh environment imports the installed copy."""
    code = "import negotiations, pathlib; print(pathlib.Path(negotiations.__file__).resolve()); print(negotiations.__version__)"
    result = run(installed.python, "-c", code, cwd=installed.outside)
    assert result.returncode == 0, result.stderr
    location, version = result.stdout.splitlines()
    assert Path(location).is_relative_to(installed.python.parent.parent.resolve())
    assert not Path(location).is_relative_to(ROOT)
    assert version == negotiations.__version__


def test_installed_command_validates_the_example_from_the_sdist(installed: Installed) -> None:
    """The installed ``negotiations validate`` accepts the Istanbul record shipped in the sdist."""
    example = installed.unpacked_sdist / "examples" / "istanbul-2025-05-15.json"
    result = run(installed.scripts / "negotiations", "validate", example, cwd=installed.outside)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0]
        == "Russian-Ukrainian peace talks in Istanbul, 15 May 2025: valid"
    )


def test_installed_command_rejects_a_broken_record(installed: Installed) -> None:
    """The installed command exits 1 and names the rule for an unresolved reference."""
    broken = installed.outside / "broken.json"
    broken.write_text(
        '{"format_version": 1, "persons": [{"id": "p", "name": "P", "party": "nowhere"}]}',
        encoding="utf-8",
    )
    result = run(installed.scripts / "negotiations", "validate", broken, cwd=installed.outside)
    assert result.returncode == 1
    assert "$.persons[0].party" in result.stderr
    assert "[record.unresolved_reference]" in result.stderr


def expected_errors(module: Path, checker: str) -> set[tuple[int, str]]:
    """The (line, error code) pairs that ``# <checker>: <code>`` comments in ``module`` demand."""
    pattern = re.compile(rf"# {checker}: ([\w-]+)")
    return {
        (number, match.group(1))
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1)
        for match in pattern.finditer(line)
    }


def mypy(installed: Installed, module: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` on one consumer module, against the fresh environment's packages."""
    return run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--python-executable",
        installed.python,
        "--cache-dir",
        installed.outside / ".mypy_cache",
        "--no-error-summary",
        "--show-error-codes",
        module,
        cwd=installed.outside,
    )


def pyright(installed: Installed, module: str) -> tuple[int, list[dict[str, Any]]]:
    """pyright on one consumer module, against the fresh environment's packages.

    Returns the exit code and the diagnostics (``--outputjson``).
    """
    result = run(
        sys.executable,
        "-m",
        "pyright",
        "--outputjson",
        "--pythonpath",
        installed.python,
        module,
        cwd=installed.outside,
    )
    assert result.stdout, result.stderr
    diagnostics: list[dict[str, Any]] = json.loads(result.stdout)["generalDiagnostics"]
    return result.returncode, diagnostics


def test_mypy_accepts_the_good_consumer(installed: Installed) -> None:
    """Constructors, inferred from_json types, attributes and attrs.evolve all check."""
    result = mypy(installed, "consumer_good.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_mypy_reports_each_mistake_of_the_bad_consumer(installed: Installed) -> None:
    """Each deliberate mistake gives exactly the expected error, on its own line."""
    expected = expected_errors(TYPING_TESTS / "consumer_bad.py", "mypy")
    assert len(expected) == 7
    result = mypy(installed, "consumer_bad.py")
    assert result.returncode == 1, result.stderr
    reported = {
        (int(match.group(1)), match.group(2))
        for match in re.finditer(
            r"^consumer_bad\.py:(\d+): error: .*\[([\w-]+)\]$", result.stdout, re.MULTILINE
        )
    }
    assert reported == expected, result.stdout
    assert result.stdout.count(": error: ") == len(expected)


def test_pyright_accepts_the_good_consumer(installed: Installed) -> None:
    """pyright, too, finds the types of the installed package and no error."""
    returncode, diagnostics = pyright(installed, "consumer_good.py")
    assert diagnostics == []
    assert returncode == 0


def test_pyright_reports_each_mistake_of_the_bad_consumer(installed: Installed) -> None:
    """pyright reports each deliberate mistake with the expected rule, on its own line."""
    expected = expected_errors(TYPING_TESTS / "consumer_bad.py", "pyright")
    assert len(expected) == 7
    returncode, diagnostics = pyright(installed, "consumer_bad.py")
    assert returncode == 1
    reported = [
        (diagnostic["range"]["start"]["line"] + 1, diagnostic.get("rule", diagnostic["message"]))
        for diagnostic in diagnostics
        if diagnostic["severity"] == "error"
    ]
    assert sorted(reported) == sorted(expected)
