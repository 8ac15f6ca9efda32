"""Killing the process at any moment of a save leaves either the old file or the new one, whole.

A child Python process saves a big scenario (a description of about a megabyte, so that a
save takes a while) in a loop, alternating two versions, and is killed with SIGKILL at a
random moment; then the target file must parse (:func:`load_scenario`) and be exactly one
of the two versions, byte for byte. Half the kills come after a random delay; the other
half just after the child flushed a save's temporary file (it prints a line from
``os.fsync``), within a few milliseconds of the rename: the moment a non-atomic writer
would leave a truncated or a mixed file. Temporary files may be left behind by a SIGKILL:
they never have the target's name (only the target is checked for its content).

The same for the GUI's autosave (:class:`ikeviz.gui.autosave.Autosaver`): a child edits a
document back and forth and writes its autosave in a loop.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from ikeviz.scenario.fileformat import dumps_scenario, load_scenario, save_scenario
from ikeviz.scenario.lessons import DEFAULT_SCENARIO, lesson_path
from ikeviz.scenario.model import Scenario

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ROOT = Path(__file__).resolve().parents[1]
KILLS = 24
WORKERS = 2
LINE = "An IKEv1 lab note that makes this scenario file big. " * 3 + "\n"


def make_versions() -> tuple[Scenario, Scenario]:
    """Two big versions of the default lesson (about 1.0 and 1.2 MB once saved)."""
    base = load_scenario(lesson_path(DEFAULT_SCENARIO))
    a = replace(base, title="Version A", description=("A: " + LINE) * 6_000)
    b = replace(base, title="Version B", description=("B: " + LINE) * 7_200,
                right=replace(base.right, psk="another-pre-shared-key"))
    return a, b


# What the children share: the versions, and a line on stdout at every os.fsync (the
# temporary file is written and about to be renamed; then the folder after the rename).
_PRELUDE = """
import os, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.test_save_kill import make_versions
a, b = make_versions()
target = Path({target!r})
_fsync = os.fsync
def _marked_fsync(fd):
    os.write(1, b"fsync\\n")
    _fsync(fd)
os.fsync = _marked_fsync
"""

SAVER = _PRELUDE + """
from ikeviz.scenario.fileformat import save_scenario
os.write(1, b"ready\\n")
while True:
    save_scenario(b, target)
    save_scenario(a, target)
"""

AUTOSAVER = _PRELUDE + """
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import ikeviz.gui
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(["autosave-child"])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
from ikeviz.gui.autosave import Autosaver
from ikeviz.gui.document import Document
document = Document(a)
saver = Autosaver(document, target, interval_ms=10**9, debounce_ms=10**9)
os.write(1, b"ready\\n")
flip = True
while True:
    document.edit(b if flip else a, "swap the versions")
    flip = not flip
    if not saver.save_now():
        sys.exit("autosave failed: " + saver.last_error)
"""


@dataclass
class Kill:
    number: int
    how: str
    version: str  # "A" or "B"
    leftovers: list[str]


def _read_until(proc: subprocess.Popen[bytes], token: bytes, count: int,
                timeout: float) -> None:
    """Read the child's stdout until ``token`` was seen ``count`` times."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    seen = 0
    buffer = b""
    deadline = time.monotonic() + timeout
    while seen < count:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the child did not print {token!r} {count} times "
                                 f"in {timeout} s")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise AssertionError(f"the child ended (exit {proc.wait()}): {err[-2000:]}")
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        seen += sum(1 for line in lines if line == token)


def _kill_once(script: str, folder: Path, number: int, rng: random.Random,
               expected: dict[bytes, str], old: bytes) -> Kill:
    folder.mkdir()
    target = folder / "scenario.toml"
    target.write_bytes(old)  # the file as it was before: version A
    code = script.format(root=str(ROOT), target=str(target),
                         settings=str(folder / "settings"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        _read_until(proc, b"ready", 1, timeout=120)
        if number % 2:
            # Random: anywhere in the first saves (a save takes some tenths of a second).
            how = "after a random delay"
            time.sleep(rng.uniform(0.0, 1.5))
        else:
            # Around the rename: just after the n-th fsync (odd: the temporary file is
            # complete, not yet renamed; even: the folder, just after the rename).
            nth = 1 + (number // 2) % 4
            how = f"at fsync {nth}"
            _read_until(proc, b"fsync", nth, timeout=120)
            time.sleep(rng.uniform(0.0, 0.004))
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL, "the child was not killed"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    data = target.read_bytes()
    assert data in expected, (
        f"kill {number} ({how}): the file is neither version whole "
        f"({len(data)} bytes, starts {data[:60]!r})")
    version = expected[data]
    parsed = load_scenario(target)
    assert parsed.title == f"Version {version}"
    leftovers = sorted(p.name for p in folder.iterdir()
                       if p.name not in ("scenario.toml", "settings"))
    for name in leftovers:  # what a SIGKILL may leave: never under the target's name
        assert name.startswith(".scenario.toml.") and name.endswith(".tmp"), name
    return Kill(number, how, version, leftovers)


def _run_kills(script: str, tmp_path: Path, kills: int) -> list[Kill]:
    a, b = make_versions()
    text_a = dumps_scenario(a).encode("utf-8")
    text_b = dumps_scenario(b).encode("utf-8")
    assert 900_000 < len(text_a) < len(text_b) < 5_000_000
    reference = tmp_path / "reference.toml"
    save_scenario(a, reference)
    assert reference.read_bytes() == text_a and load_scenario(reference) == a
    save_scenario(b, reference)
    assert load_scenario(reference) == b
    expected = {text_a: "A", text_b: "B"}
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    delays = [random.Random(rng.random()) for _ in range(kills)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(
            lambda n: _kill_once(script, tmp_path / f"kill-{n:02d}", n, delays[n], expected,
                                 text_a),
            range(kills)))
    versions = {k.version for k in results}
    # The kills came at different moments: some before the first save was renamed into
    # place, some after (an "at fsync 2" kill comes just after the first rename).
    assert versions == {"A", "B"}, f"seed {seed}: only {versions}"
    summary = ", ".join(f"{k.number}:{k.how}:{k.version}{'+tmp' if k.leftovers else ''}"
                        for k in results)
    print(f"\nseed {seed}: {summary}")
    return results


def test_killing_a_save_leaves_the_old_or_the_new_file_whole(tmp_path: Path) -> None:
    results = _run_kills(SAVER, tmp_path, KILLS)
    assert len(results) == KILLS


def test_killing_the_autosave_leaves_the_old_or_the_new_file_whole(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    script = textwrap.dedent(AUTOSAVER)
    results = _run_kills(script, tmp_path, 20)
    assert len(results) == 20
