"""Where the bundled resources (profiles, lessons) are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """``ikeviz/_resources`` in an installed wheel, ``resources/`` in a source checkout."""
    installed = _PACKAGE / "_resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def scenarios_dir() -> Path:
    return resources_dir() / "scenarios"


def profiles_dir() -> Path:
    return resources_dir() / "profiles"
