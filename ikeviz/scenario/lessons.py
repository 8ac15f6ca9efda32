"""The bundled lessons: scenario files in ``resources/scenarios`` with a [lesson] section."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.model import Scenario
from ikeviz.scenario.resources import scenarios_dir

DEFAULT_SCENARIO = "omnipcx-strongswan-ok"


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
