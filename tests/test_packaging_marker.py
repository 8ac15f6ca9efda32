"""The packaging tests stay out of the default run and run with ``-m packaging``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tests import conftest

ROOT = Path(__file__).resolve().parent.parent


def test_the_default_run_leaves_the_packaging_tests_out() -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p",
                           "no:cacheprovider", "tests/test_packaging.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 5, done.stdout + done.stderr  # nothing selected in that file
    assert "deselected" in done.stdout


class FakeItem:
    def __init__(self, name: str, packaging: bool) -> None:
        self.name, self.packaging = name, packaging

    def get_closest_marker(self, name: str) -> object:
        return object() if name == "packaging" and self.packaging else None


def select(markexpr: str) -> tuple[list[str], list[str]]:
    deselected: list[Any] = []
    config = SimpleNamespace(
        getoption=lambda name, default=None: markexpr if name == "markexpr" else default,
        hook=SimpleNamespace(pytest_deselected=lambda items: deselected.extend(items)))
    items: list[Any] = [FakeItem("unit", False), FakeItem("wheel", True)]
    conftest.pytest_collection_modifyitems(config, items)  # type: ignore[arg-type]
    return [i.name for i in items], [i.name for i in deselected]


def test_only_an_expression_naming_packaging_selects_them() -> None:
    assert select("") == (["unit"], ["wheel"])
    assert select("not slow") == (["unit"], ["wheel"])
    assert select("packaging") == (["unit", "wheel"], [])
    assert select("not packaging") == (["unit", "wheel"], [])  # -m itself then deselects
