"""Compile the translations (resources/translations/*.ts -> .qm) when ikeviz is built.

Everything else about the package is in pyproject.toml. The ``.qm`` files are build
products (not under version control): ``build_py`` compiles them with PySide6's
lrelease (a build requirement) into the wheel's ``ikeviz/_resources/translations``,
and, for an editable install (``pip install -e .``), next to their ``.ts`` sources,
where a source checkout looks for them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _translations_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("_ikeviz_translations",
                                                  ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """build_py, then lrelease of every .ts into the built package (or the checkout)."""

    def run(self) -> None:
        super().run()
        tool = _translations_tool()
        if getattr(self, "editable_mode", False):
            out = tool.TRANSLATIONS_DIR
        else:
            out = Path(self.build_lib) / "ikeviz" / "_resources" / "translations"
        for qm in tool.build(out):
            self.announce(f"compiled {qm}", level=2)


setup(cmdclass={"build_py": BuildPyWithTranslations})
