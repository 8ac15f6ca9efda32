"""The lessons: scenario files with a [lesson] section.

The bundled ones are in ``resources/scenarios``; :func:`folder_lessons` lists a
user's own folder of lessons the same way, without Qt and without raising: a file
that cannot be read is listed with its one-line error (file and line), a folder
that is gone is reported as missing.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ikeviz.scenario.fileformat import ScenarioFileError, load_scenario
from ikeviz.scenario.model import Scenario
from ikeviz.scenario.resources import scenarios_dir

DEFAULT_SCENARIO = "omnipcx-strongswan-ok"
DIFFICULTIES = ("beginner", "intermediate", "advanced")


@dataclass(frozen=True)
class LessonEntry:
    name: str  # the file name without .toml
    path: Path
    scenario: Scenario

    @property
    def title(self) -> str:
        return self.scenario.title


class UnknownLessonError(LookupError):
    def __init__(self, name: str, known: Collection[str]) -> None:
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        super().__init__(f"no bundled lesson named {name!r}{hint} (see: ikeviz lessons)")


def bundled_lessons(profiles: Collection[str] | None = None) -> list[LessonEntry]:
    """Every bundled scenario file, sorted by name."""
    out = []
    for path in sorted(scenarios_dir().glob("*.toml")):
        out.append(LessonEntry(path.stem, path, load_scenario(path, profiles=profiles)))
    return out


def lesson_path(name: str) -> Path:
    """The file of the bundled lesson ``name`` (UnknownLessonError with a close match)."""
    path = scenarios_dir() / f"{name}.toml"
    if path.is_file():
        return path
    raise UnknownLessonError(name, [p.stem for p in scenarios_dir().glob("*.toml")])


def difficulty_rank(difficulty: str) -> int:
    """0 for a beginner's lesson, 1 intermediate, 2 advanced (an unknown word sorts last)."""
    return DIFFICULTIES.index(difficulty) if difficulty in DIFFICULTIES else len(DIFFICULTIES)


@dataclass(frozen=True)
class LessonProblem:
    """A file of a lesson folder that cannot be read: ``message`` names the file and line."""

    path: Path
    message: str
    line: int | None = None

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class LessonFolder:
    """What a folder of lessons holds.

    ``lessons``: the scenario files with a [lesson] section, by file name;
    ``problems``: the ``*.toml`` files that cannot be read; ``not_lessons``: the
    scenarios without a [lesson] section (not listed as lessons); ``error``: why
    the folder itself cannot be listed ("" when it can), ``missing`` when it does
    not exist (any more).
    """

    path: Path
    lessons: tuple[LessonEntry, ...] = ()
    problems: tuple[LessonProblem, ...] = ()
    not_lessons: tuple[Path, ...] = ()
    error: str = ""
    missing: bool = False


def folder_lessons(folder: str | Path, profiles: Collection[str] | None = None) -> LessonFolder:
    """The lessons of ``folder`` (its ``*.toml`` files, not its subfolders); never raises
    for a bad file or folder: they are reported in the result."""
    path = Path(folder)
    try:
        if not path.exists():
            return LessonFolder(path, error=f"{path}: no such folder", missing=True)
        if not path.is_dir():
            return LessonFolder(path, error=f"{path}: not a folder")
        files = sorted((p for p in path.iterdir() if p.suffix.lower() == ".toml"),
                       key=lambda p: p.name)
    except OSError as exc:
        return LessonFolder(path, error=f"{path}: cannot list the folder: "
                                        f"{exc.strerror or exc}")
    lessons: list[LessonEntry] = []
    problems: list[LessonProblem] = []
    not_lessons: list[Path] = []
    for file in files:
        try:
            if file.is_dir():
                continue
            scenario = load_scenario(file, profiles=profiles)
        except ScenarioFileError as exc:
            problems.append(LessonProblem(file, str(exc), exc.line))
            continue
        except OSError as exc:  # is_dir() on an unreadable entry
            problems.append(LessonProblem(file, f"{file}: {exc.strerror or exc}"))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the listing
            problems.append(LessonProblem(file, f"{file}: {type(exc).__name__}: {exc}"))
            continue
        if scenario.lesson is None:
            not_lessons.append(file)
        else:
            lessons.append(LessonEntry(file.stem, file, scenario))
    return LessonFolder(path, tuple(lessons), tuple(problems), tuple(not_lessons))
