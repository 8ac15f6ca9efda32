"""The packaged ikeviz works: the wheel, the PyInstaller application, the desktop files.

Marked ``packaging``: these tests build a wheel and a PyInstaller folder (a few
minutes), so the default run (``python -m pytest -q``) leaves them out
(``tests/conftest.py``). Run them with::

    python -m pytest -q -m packaging tests/test_packaging.py

They need pip access to the package registry (the fresh venv installs the wheel's
dependencies), ``pyinstaller`` in this environment, and for the validations
``desktop-file-validate`` (desktop-file-utils), ``appstreamcli`` (appstream),
``xmllint`` (libxml2-utils) and ``update-mime-database`` (shared-mime-info). A
missing tool skips only what needs it, with the reason; with
``IKEVIZ_PACKAGING_STRICT=1`` (``.ci/run``) a missing tool fails instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from configparser import ConfigParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.ikeviz.ikeviz"
MIME_TYPE = "application/x-ikeviz-scenario"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
STRICT = os.environ.get("IKEVIZ_PACKAGING_STRICT") == "1"
# What is copied to build the wheel from: the working tree without caches and products.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "artifacts",
    ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", "*.qm", "*.pyc")
TIMINGS: dict[str, float] = {}


def missing(what: str, reason: str) -> None:
    """Skip (or, with IKEVIZ_PACKAGING_STRICT=1, fail) for a tool that is not installed."""
    message = f"{what}: {reason}"
    if STRICT:
        pytest.fail(f"{message} (IKEVIZ_PACKAGING_STRICT=1: required)")
    pytest.skip(message)


def need_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(name, f"not installed (Debian package {package})")
    assert path is not None
    return path


def offscreen_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run(command: Sequence[str | os.PathLike[str]], *, timeout: float = 900,
        env: Mapping[str, str] | None = None, cwd: Path | None = None,
        label: str | None = None) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    done = subprocess.run([os.fspath(c) for c in command], capture_output=True, text=True,
                          timeout=timeout, env=dict(env) if env is not None else None,
                          cwd=cwd, check=False)
    if label:
        TIMINGS[label] = time.perf_counter() - started
    return done


def explain(done: subprocess.CompletedProcess[str]) -> str:
    return (f"{' '.join(map(str, done.args))} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout[-6000:]}\n--- stderr\n{done.stderr[-6000:]}")


def venv_program(venv: Path, name: str) -> Path:
    folder = venv / ("Scripts" if os.name == "nt" else "bin")
    return folder / (f"{name}.exe" if os.name == "nt" else name)


@pytest.fixture(scope="module", autouse=True)
def report_timings(request: pytest.FixtureRequest) -> Iterator[None]:
    """Print how long each build step took (shown even with -q and output capture)."""
    yield
    if not TIMINGS:
        return
    lines = ", ".join(f"{label} {seconds:.0f} s" for label, seconds in TIMINGS.items())
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if capture is None:
        print(f"\npackaging timings: {lines}")
        return
    with capture.global_and_fixture_disabled():
        print(f"\npackaging timings: {lines}")


# -- the wheel, installed in a fresh virtual environment ----------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of the working tree (built from a clean copy: no stale build/ folder)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    out = base / "dist"
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, source],
               label="wheel build")
    assert done.returncode == 0, explain(done)
    wheels = sorted(out.glob("ikeviz-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed, its dependencies from the registry."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    done = run([sys.executable, "-m", "venv", venv], label="venv")
    assert done.returncode == 0, explain(done)
    done = run([venv_program(venv, "python"), "-m", "pip", "install", "-q",
                "--disable-pip-version-check", wheel], label="wheel install")
    assert done.returncode == 0, explain(done)
    return venv


def test_the_wheel_carries_the_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = "ikeviz/_resources/"
    for wanted in ("profiles/omnipcx-office.toml", "scenarios/omnipcx-strongswan-ok.toml",
                   "icons/ikeviz.svg", "icons/ikeviz-16.png", "icons/ikeviz-512.png"):
        assert resources + wanted in names, wanted
    assert any(n.startswith(resources + "translations/") and n.endswith(".qm") for n in names)
    assert "ikeviz/cli/selftest.py" in names


def test_the_installed_wheel_passes_its_self_test(installed: Path, tmp_path: Path) -> None:
    done = run([venv_program(installed, "ikeviz"), "--self-test"], env=offscreen_env(),
               cwd=tmp_path, timeout=300, label="wheel self-test")
    assert done.returncode == 0, explain(done)
    assert "(installed)" in done.stdout
    assert "tunnel established" in done.stdout
    assert "ok   translations: " in done.stdout and " compiled (" in done.stdout


def test_the_installed_command_starts_the_application(installed: Path, tmp_path: Path) -> None:
    """``ikeviz`` alone opens the window on the demo scenario and paints its diagram."""
    env = dict(offscreen_env(), IKEVIZ_STARTUP_PROBE="1")
    done = run([venv_program(installed, "ikeviz")], env=env, cwd=tmp_path, timeout=300,
               label="wheel GUI start")
    assert done.returncode == 0, explain(done)
    assert "first-paint " in done.stdout, explain(done)


def test_the_installed_package_has_its_resources(installed: Path, tmp_path: Path) -> None:
    code = (
        "from ikeviz.scenario.resources import resources_dir\n"
        "root = resources_dir()\n"
        "print(root)\n"
        "for p in sorted(root.rglob('*')):\n"
        "    print(p.relative_to(root).as_posix())\n"
    )
    done = run([venv_program(installed, "python"), "-c", code], cwd=tmp_path)
    assert done.returncode == 0, explain(done)
    root, *files = done.stdout.splitlines()
    assert Path(root).name == "_resources"
    assert Path(root).resolve().is_relative_to(installed.resolve())
    listed = set(files)
    for folder, pattern in (("profiles", ".toml"), ("scenarios", ".toml"), ("icons", ".png"),
                            ("translations", ".qm")):
        assert any(f.startswith(folder + "/") and f.endswith(pattern) for f in listed), folder
    lessons = sorted((ROOT / "resources" / "scenarios").glob("*.toml"))
    assert {f"scenarios/{p.name}" for p in lessons} <= listed
    icons = {f"icons/ikeviz-{size}.png" for size in (16, 24, 32, 48, 64, 128, 256, 512)}
    assert icons <= listed


# -- the PyInstaller one-folder application -----------------------------------------------

@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder application built by packaging/ikeviz.spec (its folder)."""
    if importlib.util.find_spec("PyInstaller") is None:
        missing("PyInstaller", "not installed in this environment (pip install pyinstaller)")
    base = tmp_path_factory.mktemp("pyinstaller")
    done = run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                "--distpath", base / "dist", "--workpath", base / "build",
                PACKAGING / "ikeviz.spec"], cwd=base, label="PyInstaller build")
    assert done.returncode == 0, explain(done)
    folder = base / "dist" / "ikeviz"
    assert folder.is_dir(), explain(done)
    return folder


def frozen_program(folder: Path) -> Path:
    if sys.platform == "win32":
        return folder / "ikeviz-cli.exe"
    return folder / "ikeviz"


def test_the_frozen_application_passes_its_self_test(frozen: Path, tmp_path: Path) -> None:
    done = run([frozen_program(frozen), "--self-test"], env=offscreen_env(), cwd=tmp_path,
               timeout=300, label="frozen self-test")
    assert done.returncode == 0, explain(done)
    assert "(frozen)" in done.stdout
    assert "Qt platform offscreen" in done.stdout
    assert "ok   translations: " in done.stdout and " compiled (" in done.stdout


def test_the_frozen_application_starts_its_window(frozen: Path, tmp_path: Path) -> None:
    env = dict(offscreen_env(), IKEVIZ_STARTUP_PROBE="1")
    done = run([frozen_program(frozen)], env=env, cwd=tmp_path, timeout=300,
               label="frozen GUI start")
    assert done.returncode == 0, explain(done)
    assert "first-paint " in done.stdout, explain(done)


def test_the_frozen_application_runs_the_command_line(frozen: Path, tmp_path: Path) -> None:
    failing = run([frozen_program(frozen), "check", "--lesson", "wrong-psk"],
                  env=offscreen_env(), cwd=tmp_path, timeout=120)
    assert failing.returncode == 1, explain(failing)
    figure = tmp_path / "figure.svg"
    done = run([frozen_program(frozen), "render", "--lesson", "p1-dh-group-mismatch",
                "-o", figure], env=offscreen_env(), cwd=tmp_path, timeout=120)
    assert done.returncode == 0, explain(done)
    assert b"<svg" in figure.read_bytes()[:2000]


def test_the_frozen_application_bundles_its_parts(frozen: Path) -> None:
    files = {p.relative_to(frozen).as_posix() for p in frozen.rglob("*") if p.is_file()}
    resources = [f for f in files if "/ikeviz/_resources/" in f or
                 f.startswith("ikeviz/_resources/")]
    for wanted in ("profiles/omnipcx-office.toml", "scenarios/omnipcx-strongswan-ok.toml",
                   "icons/ikeviz-256.png"):
        assert any(f.endswith("ikeviz/_resources/" + wanted) for f in resources), wanted
    assert any(f.endswith(".qm") and "/_resources/translations/" in f for f in resources)
    plugins = {Path(f).name for f in files if "/platforms/" in f}
    wanted_plugins = {"linux": ("offscreen", "xcb"), "win32": ("offscreen", "windows"),
                      "darwin": ("offscreen", "cocoa")}.get(sys.platform, ("offscreen",))
    for plugin in wanted_plugins:
        assert any(plugin in name for name in plugins), (plugin, sorted(plugins))
    assert any("/gmpy2" in f or f.startswith("gmpy2") for f in files)
    assert any("/pyqtgraph/" in f for f in files)


# -- the desktop integration files ---------------------------------------------------------

def test_the_desktop_file_is_valid() -> None:
    tool = need_tool("desktop-file-validate", "desktop-file-utils")
    done = run([tool, DESKTOP])
    assert done.returncode == 0 and not done.stdout.strip(), explain(done)


def test_the_metainfo_is_valid() -> None:
    tool = need_tool("appstreamcli", "appstream")
    done = run([tool, "validate", "--no-net", "--explain", METAINFO])
    assert done.returncode == 0, explain(done)


def test_the_mime_file_is_valid() -> None:
    tool = need_tool("xmllint", "libxml2-utils")
    for path in (MIME_XML, METAINFO):
        done = run([tool, "--noout", path])
        assert done.returncode == 0, explain(done)


def test_the_mime_file_installs(tmp_path: Path) -> None:
    tool = need_tool("update-mime-database", "shared-mime-info")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    done = run([tool, "-V", tmp_path / "mime"])
    assert done.returncode == 0, explain(done)
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert f"{MIME_TYPE}:*.ikeviz.toml" in globs
    assert b"# ikeviz scenario" in (tmp_path / "mime" / "magic").read_bytes()


def test_the_desktop_files_agree_with_each_other_and_the_code() -> None:
    from ikeviz.gui.icons import APP_ID as CODE_APP_ID
    from ikeviz.scenario.fileformat import HEADER

    assert CODE_APP_ID == APP_ID
    desktop = ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(DESKTOP, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "ikeviz" and "%f" in entry["Exec"]
    assert MIME_TYPE in entry["MimeType"].split(";")

    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == DESKTOP.name
    assert metainfo.findtext("icon") == APP_ID
    assert MIME_TYPE in [m.text for m in metainfo.iter("mediatype")]

    mime = ET.parse(MIME_XML).getroot()
    assert mime.tag == f"{MIME_NS}mime-info"
    types = mime.findall(f"{MIME_NS}mime-type")
    assert [t.get("type") for t in types] == [MIME_TYPE]
    globs = [g.get("pattern") for g in types[0].iter(f"{MIME_NS}glob")]
    assert globs == ["*.ikeviz.toml"]
    matches = list(types[0].iter(f"{MIME_NS}match"))
    assert [(m.get("type"), m.get("offset"), m.get("value")) for m in matches] == [
        ("string", "0", HEADER)]
    spec = (PACKAGING / "ikeviz.spec").read_text()
    assert f'APP_ID = "{APP_ID}"' in spec


def test_qt_recognises_scenario_files_with_the_mime_file(tmp_path: Path) -> None:
    """Qt reads shared-mime-info: a scenario is recognised by its name or by its content."""
    share = tmp_path / "share"
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, share / "mime" / "packages")
    named = tmp_path / "lesson.ikeviz.toml"
    shutil.copy(ROOT / "resources" / "scenarios" / "wrong-psk.toml", named)
    unnamed = tmp_path / "download"
    shutil.copy(ROOT / "resources" / "scenarios" / "wrong-psk.toml", unnamed)
    plain = tmp_path / "other"
    plain.write_text("# just TOML\n[a]\nb = 1\n")
    code = (
        "import sys\n"
        "from PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "for f in sys.argv[1:]:\n"
        "    print(db.mimeTypeForFile(f).name())\n"
    )
    system = os.environ.get("XDG_DATA_DIRS") or os.pathsep.join(
        ["/usr/local/share", "/usr/share"])
    env = offscreen_env(XDG_DATA_DIRS=os.pathsep.join([str(share), system]),
                        XDG_DATA_HOME=str(tmp_path / "home"))
    done = run([sys.executable, "-c", code, named, unnamed, plain], env=env)
    assert done.returncode == 0, explain(done)
    assert done.stdout.split()[:2] == [MIME_TYPE, MIME_TYPE], done.stdout
    assert done.stdout.split()[2] != MIME_TYPE, done.stdout
