"""``ikeviz --self-test``: passes on this checkout, and fails clearly when a check fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ikeviz.cli import selftest
from ikeviz.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_in_the_checkout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    for check in ("resources", "profiles and lessons", "engine", "figure", "translations"):
        assert f"ok   {check}: " in out
    assert "tunnel established" in out
    assert "self-test passed" in out


def test_self_test_as_a_command_offscreen() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "ikeviz", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert "Qt platform offscreen" in done.stdout


def test_a_failing_demo_fails_the_self_test(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    # A lesson that fails (wrong pre-shared key) in place of the demo.
    monkeypatch.setattr("ikeviz.scenario.lessons.DEFAULT_SCENARIO", "wrong-psk")
    assert main(["--self-test"]) == 1
    captured = capsys.readouterr()
    assert "FAIL engine: the demo lesson 'wrong-psk' did not establish the tunnel" in captured.out
    assert captured.err.startswith("ikeviz: self-test failed: engine:")
    assert "Traceback" not in captured.err


def test_missing_resources_fail_the_self_test(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("ikeviz.scenario.resources.resources_dir", lambda: tmp_path / "gone")
    assert main(["--self-test"]) == 1
    assert "FAIL resources: the resource folder" in capsys.readouterr().out


def test_an_installed_build_needs_compiled_translations(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    (tmp_path / "translations").mkdir()
    monkeypatch.setattr("ikeviz.scenario.resources.resources_dir", lambda: tmp_path)
    with pytest.raises(selftest.SelfTestError, match="no compiled translation"):
        selftest.check_translations(installed=True)
    assert "tolerated in a source checkout" in selftest.check_translations(installed=False)


def test_a_blank_figure_is_detected(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from ikeviz.render.export import ensure_qt_app

    ensure_qt_app()
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    blank = tmp_path / "blank.png"
    assert image.save(str(blank))
    assert selftest.ink_ratio(blank) == (400, 300, 0.0)
    image.setPixelColor(10, 10, QColor("black"))
    for x in range(0, 400, 2):
        for y in range(0, 150, 2):
            image.setPixelColor(x, y, QColor("black"))
    image.save(str(blank))
    assert selftest.ink_ratio(blank)[2] > selftest.MIN_INK
