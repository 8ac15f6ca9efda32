"""``ikeviz check`` and ``ikeviz lessons``: output, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ikeviz.cli.main import main


def test_check_established_lesson_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lesson", "omnipcx-strongswan-ok"]) == 0
    out = capsys.readouterr().out
    for label in ("MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"):
        assert f"  {label}" in out
    assert "HDR*, IDii, HASH_I" in out
    assert "STATE_MAIN_I1" in out
    assert out.count("Verdict: Established") == 1


def test_check_failed_lesson_exit_1_with_diagnosis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lesson", "p1-dh-group-mismatch", "--states", "cisco"]) == 1
    out = capsys.readouterr().out
    assert "Failed at Main Mode message 2" in out
    assert "phase-1 DH group" in out and "fix 1" in out
    assert "no proposal found" in out
    assert "MM_NO_STATE" in out


def test_check_json_has_the_whole_trace(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "--lesson", "wrong-psk"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["established"] is False
    kinds = {e["type"] for e in doc["events"]}
    assert {"MessageSent", "StateChanged", "KeysDerived", "Failure", "GaveUp"} <= kinds
    sent = [e for e in doc["events"] if e["type"] == "MessageSent"]
    assert all(len(e["data"]) >= 56 for e in sent)  # the bytes, as hex
    assert doc["diagnosis"]["failure_label"] == "MM5"


def test_bad_scenario_file_exit_2_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\ntitle = "x"\n[left]\nnmae = "typo"\n')
    result = subprocess.run([sys.executable, "-m", "ikeviz", "check", str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "bad.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_lesson_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lesson", "wrong-pks"]) == 2
    assert "wrong-psk" in capsys.readouterr().err


def test_lessons_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lessons"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) >= 16
    assert "omnipcx-strongswan-ok" in out


def test_psk_left_out_of_the_file_is_asked_for(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ikeviz.scenario.fileformat import load_scenario, save_scenario
    from ikeviz.scenario.lessons import lesson_path

    scenario = load_scenario(lesson_path("omnipcx-strongswan-ok"))
    path = tmp_path / "nosecret.toml"
    save_scenario(scenario, path, include_secrets=False)
    assert b"oxo-lab-2026" not in path.read_bytes()
    result = subprocess.run([sys.executable, "-m", "ikeviz", "check", str(path)],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "IKEVIZ_PSK_LEFT" in result.stderr
    env = {**__import__("os").environ, "IKEVIZ_PSK_LEFT": "oxo-lab-2026",
           "IKEVIZ_PSK_RIGHT": "oxo-lab-2026"}
    result = subprocess.run([sys.executable, "-m", "ikeviz", "check", str(path)],
                            capture_output=True, text=True, timeout=60, env=env,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
