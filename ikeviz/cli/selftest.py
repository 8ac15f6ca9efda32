"""``ikeviz --self-test``: check that this installation works, end to end, without a display.

It is what a packager runs on a freshly built wheel or PyInstaller folder (and what
``tests/test_packaging.py`` runs): each check prints one line, the first failure
ends the run with a clear message and exit code 1.

1. the bundled resources are found (``ikeviz/_resources`` when installed or frozen,
   ``resources/`` in a source checkout);
2. every bundled profile and lesson loads;
3. the demo lesson (:data:`~ikeviz.scenario.lessons.DEFAULT_SCENARIO`) negotiates
   through the engine and the tunnel is established;
4. its sequence diagram renders to a PNG (in a temporary folder) that is not blank:
   Qt, its platform plugin (offscreen when there is no display) and its fonts work;
5. the translations: in an installed or frozen build, a compiled ``.qm`` file for
   every language besides English, each one loadable by Qt; in a source checkout
   (where the ``.qm`` files are compiled on demand) missing ones are only reported.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ikeviz import __version__

EXIT_OK, EXIT_FAILED = 0, 1
# A figure counts as drawn when this share of its pixels is not the background colour.
MIN_INK = 0.01


class SelfTestError(Exception):
    """A check failed; the message says which and why."""


def installed_build() -> bool:
    """True in a wheel install or a frozen (PyInstaller) build, False in a source checkout."""
    from ikeviz.scenario.resources import resources_dir

    return bool(getattr(sys, "frozen", False)) or resources_dir().name == "_resources"


def check_resources() -> str:
    from ikeviz.scenario.resources import profiles_dir, resources_dir, scenarios_dir

    for folder in (resources_dir(), profiles_dir(), scenarios_dir()):
        if not folder.is_dir():
            raise SelfTestError(f"the resource folder {folder} is missing")
    kind = "frozen" if getattr(sys, "frozen", False) else (
        "installed" if installed_build() else "source checkout")
    return f"{resources_dir()} ({kind})"


def check_profiles_and_lessons() -> str:
    from ikeviz.scenario.lessons import DEFAULT_SCENARIO, bundled_lessons
    from ikeviz.scenario.profiles import builtin_profiles

    try:
        profiles = builtin_profiles()
    except Exception as exc:
        raise SelfTestError(f"the bundled profiles do not load: {exc}") from exc
    if not profiles:
        raise SelfTestError("no bundled profile found")
    try:
        lessons = bundled_lessons(profiles.keys())
    except Exception as exc:
        raise SelfTestError(f"the bundled lessons do not load: {exc}") from exc
    if DEFAULT_SCENARIO not in {lesson.name for lesson in lessons}:
        raise SelfTestError(f"the demo lesson {DEFAULT_SCENARIO!r} is not bundled")
    return f"{len(profiles)} profiles, {len(lessons)} lessons"


def run_demo() -> object:
    """The finished run of the demo lesson (SelfTestError unless it is established)."""
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.lessons import DEFAULT_SCENARIO, lesson_path
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    scenario = load_scenario(lesson_path(DEFAULT_SCENARIO), profiles=profiles.keys())
    run = run_scenario(scenario, profiles)
    if not run.established:
        raise SelfTestError(f"the demo lesson {DEFAULT_SCENARIO!r} did not establish the tunnel")
    return run


def ink_ratio(path: Path) -> tuple[int, int, float]:
    """(width, height, share of the pixels unlike the most common colour) of an image file."""
    from collections import Counter

    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull():
        raise SelfTestError(f"{path.name} is not a readable PNG")
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = image.width(), image.height()
    data = image.constBits().tobytes()
    stride = image.bytesPerLine()
    colours: Counter[bytes] = Counter()
    for y in range(0, height, 2):  # every other row and column: fast, and enough
        row = data[y * stride:y * stride + width * 4]
        colours.update(row[x:x + 4] for x in range(0, width * 4, 8))
    sampled = sum(colours.values())
    if not sampled:
        return width, height, 0.0
    return width, height, 1 - colours.most_common(1)[0][1] / sampled


def check_figure(run: object) -> str:
    from ikeviz.diagnosis import diagnose
    from ikeviz.render import build_diagram
    from ikeviz.render.export import ensure_qt_app, export_figure
    from ikeviz.simulation import ScenarioRun

    assert isinstance(run, ScenarioRun)
    app = ensure_qt_app()
    diagram = build_diagram(run, diagnose(run))
    with tempfile.TemporaryDirectory(prefix="ikeviz-self-test-") as folder:
        path = Path(folder) / "demo.png"
        export_figure(diagram, path)
        if not path.is_file() or path.stat().st_size == 0:
            raise SelfTestError("the figure export wrote no PNG")
        if path.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
            raise SelfTestError("the figure export did not write a PNG")
        width, height, ink = ink_ratio(path)
    if width < 100 or height < 100:
        raise SelfTestError(f"the figure is only {width} x {height} pixels")
    if ink < MIN_INK:
        raise SelfTestError(f"the figure is blank ({ink:.2%} of the pixels drawn; Qt platform "
                            f"{app.platformName()!r}: are its fonts and plugins bundled?)")
    return f"{width} x {height} PNG, {ink:.0%} drawn, Qt platform {app.platformName()}"


def check_translations(installed: bool) -> str:
    from PySide6.QtCore import QTranslator

    from ikeviz.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
    from ikeviz.scenario.resources import resources_dir

    folder = resources_dir() / "translations"
    compiled = sorted(folder.glob("*.qm")) if folder.is_dir() else []
    missing = [language for language in SUPPORTED_LANGUAGES if language != DEFAULT_LANGUAGE
               and not any(qm.stem.endswith(f"_{language}") for qm in compiled)]
    if missing:
        message = (f"no compiled translation (.qm) for {', '.join(missing)} in {folder}")
        if installed:
            raise SelfTestError(message)
        return f"{message}: tolerated in a source checkout (compiled on demand)"
    for qm in compiled:
        translator = QTranslator()
        if not translator.load(str(qm)):
            raise SelfTestError(f"Qt cannot load the translation {qm}")
    names = ", ".join(qm.name for qm in compiled)
    return f"{len(compiled)} compiled ({names})" if compiled else "English only"


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print the report to ``out`` (stdout); 0 when all pass, else 1."""
    stream = out if out is not None else sys.stdout
    started = time.perf_counter()

    def say(line: str) -> None:
        if stream is not None:  # a windowed Windows build has no stdout
            print(line, file=stream, flush=True)

    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    say(f"ikeviz {__version__} self-test{frozen}: Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()}, QT_QPA_PLATFORM="
        f"{os.environ.get('QT_QPA_PLATFORM', '(unset)')}")
    installed = installed_build()
    run_holder: list[object] = []

    def demo() -> str:
        run_holder.append(run_demo())
        return "the demo lesson negotiates: tunnel established"

    checks: list[tuple[str, Callable[[], str]]] = [
        ("resources", check_resources),
        ("profiles and lessons", check_profiles_and_lessons),
        ("engine", demo),
        ("figure", lambda: check_figure(run_holder[0])),
        ("translations", lambda: check_translations(installed)),
    ]
    for name, check in checks:
        try:
            detail = check()
        except SelfTestError as exc:
            say(f"FAIL {name}: {exc}")
            print(f"ikeviz: self-test failed: {name}: {exc}", file=sys.stderr)
            return EXIT_FAILED
        except Exception as exc:  # report it, never a traceback
            say(f"FAIL {name}: {type(exc).__name__}: {exc}")
            print(f"ikeviz: self-test failed: {name}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            return EXIT_FAILED
        say(f"ok   {name}: {detail}")
    say(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return EXIT_OK
