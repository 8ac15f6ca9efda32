"""The README's test command is exactly what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_has_exactly_two_quick_start_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = readme_commands()[1]
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci, "the README's test command is not a line of .ci/run"


def test_first_command_installs_and_starts_the_application() -> None:
    first = readme_commands()[0]
    assert "pip install" in first
    assert first.split("&&")[-1].strip().endswith("ikeviz")
    for word in first.split():
        if word.startswith(("resources/", "docs/")):
            assert (ROOT / word).exists(), word


def test_readme_images_exist() -> None:
    text = (ROOT / "README.md").read_text()
    for image in re.findall(r"\]\((docs/[^)]+)\)", text):
        assert (ROOT / image).exists(), image
