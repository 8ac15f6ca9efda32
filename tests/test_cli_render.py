"""``ikeviz render``: figures from the command line; deterministic; no secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ikeviz.cli.main import main

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PSK = b"oxo-lab-2026"  # the lessons' pre-shared key


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_render_each_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"fig.{suffix}"
    assert main(["render", "--lesson", "wrong-psk", "-o", str(out), "--theme", "print"]) == 0
    data = out.read_bytes()
    assert len(data) > 1000
    assert PSK not in data
    if suffix == "svg":
        assert b"MM5" in data and b"HASH_I" in data


def test_same_scenario_gives_identical_svg_across_processes(tmp_path: Path) -> None:
    outputs = []
    for i in range(2):
        out = tmp_path / f"fig{i}.svg"
        subprocess.run([sys.executable, "-m", "ikeviz", "render", "--lesson",
                        "omnipcx-strongswan-ok", "-o", str(out)], check=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_step_and_width_options(tmp_path: Path) -> None:
    full, part = tmp_path / "full.svg", tmp_path / "part.svg"
    assert main(["render", "--lesson", "omnipcx-strongswan-ok", "-o", str(full)]) == 0
    assert main(["render", "--lesson", "omnipcx-strongswan-ok", "-o", str(part),
                 "--step", "3", "--width", "900"]) == 0
    assert b"QM3" in full.read_bytes()
    assert full.read_bytes() != part.read_bytes()


def test_bad_output_name_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "--lesson", "wrong-psk", "-o", str(tmp_path / "x.gif")]) == 2
    assert "png, .svg or .pdf" in capsys.readouterr().err
