"""The real application under Xvfb: a screenshot that is not blank and shows the diagram.

The test starts its own Xvfb server, runs ``python -m ikeviz`` (the demo
scenario) on it with the xcb platform, and lets the application grab the X
screen once its diagram is painted. The screenshot is kept in ``artifacts/``.
It then checks that the screen is not blank and that the region where the
diagram widget sits shows what that widget paints (the same pixels), and that
the diagram's colours (arrows, phase bands) are there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
XVFB = shutil.which("Xvfb")

pytestmark = pytest.mark.skipif(
    XVFB is None, reason="Xvfb is not installed (apt-get install xvfb): real-display test skipped"
)


def _free_display() -> int:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(
                f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


def test_real_application_screenshot(tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    number = _free_display()
    assert XVFB is not None
    server = subprocess.Popen([XVFB, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            assert server.poll() is None, "Xvfb exited"
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.05)
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "screenshot.png"
        for stale in (shot, shot.with_suffix(".view.png"), shot.with_suffix(".json")):
            stale.unlink(missing_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                                 "WAYLAND_DISPLAY")}
        env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb", IKEVIZ_SCREENSHOT=str(shot),
                   HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
                   XDG_DATA_HOME=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(tmp_path))
        result = subprocess.run([sys.executable, "-m", "ikeviz"], env=env, timeout=120,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=10)

    screen = QImage(str(shot))
    assert not screen.isNull() and screen.width() >= 1000
    # Not blank: many distinct colours across the screen.
    colours = {screen.pixel(x, y) for x in range(0, screen.width(), 7)
               for y in range(0, screen.height(), 7)}
    assert len(colours) > 50, f"only {len(colours)} colours: a blank screen?"

    # The diagram region of the screen shows what the diagram widget paints.
    where = json.loads(shot.with_suffix(".json").read_text())
    view = QImage(str(shot.with_suffix(".view.png")))
    ratio = where["ratio"]
    same = total = 0
    for y in range(0, view.height(), 5):
        for x in range(0, view.width(), 5):
            sx, sy = int(where["x"] * ratio) + x, int(where["y"] * ratio) + y
            if 0 <= sx < screen.width() and 0 <= sy < screen.height():
                total += 1
                same += screen.pixel(sx, sy) == view.pixel(x, y)
    assert total > 1000
    assert same / total > 0.95, f"only {same}/{total} pixels of the diagram region match"

    # And it is the diagram: arrow ink and the phase-1 band colour are there.
    inks = [QColor(view.pixel(x, y)) for x in range(0, view.width(), 3)
            for y in range(0, view.height(), 3)]
    dark = sum(1 for c in inks if c.value() < 90)
    bluish = sum(1 for c in inks if c.blue() > c.red() + 8 and c.value() > 200)
    assert dark > 200 and bluish > 200
