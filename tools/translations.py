"""Keep the translations (resources/translations/*.ts) up to date, and compile them.

    python tools/translations.py update            # lupdate: add new strings, drop old ones
    python tools/translations.py build [--out DIR]  # lrelease: every .ts -> .qm (same stem)

The ``.ts`` files are the sources, under version control; translate them with Qt
Linguist (``pyside6-linguist``) or any text editor. The ``.qm`` files are build
products: setup.py compiles them into the wheel (and into resources/translations
for an editable install), the PyInstaller spec calls :func:`build`, and a source
checkout without them compiles them at run time into a cache folder.

One ``.ts`` file per domain and language, ``ikeviz_{domain}_{language}.ts``:

- ``gui``: the windows, menus and dialogs (``ikeviz/gui/*.py``, ``self.tr`` and
  ``QCoreApplication.translate``);
- ``core``: everything below the GUI that a user reads (diagnosis texts, diagram
  labels: ``ikeviz.i18n.translate`` in ``ikeviz/i18n.py`` and ``ikeviz/{scenario,
  simulation,diagnosis,render,capture}``).

This file imports nothing from ikeviz and no Qt module: setup.py runs it in the
build environment, where only PySide6-Essentials (for lupdate and lrelease) is
guaranteed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = ROOT / "resources" / "translations"

#: The source files of each domain: glob patterns relative to the repository root.
DOMAINS: dict[str, tuple[str, ...]] = {
    "gui": ("ikeviz/gui/*.py",),
    "core": (
        "ikeviz/i18n.py",
        "ikeviz/scenario/**/*.py",
        "ikeviz/simulation/**/*.py",
        "ikeviz/diagnosis/**/*.py",
        "ikeviz/render/**/*.py",
        "ikeviz/capture/**/*.py",
    ),
}
#: The languages translated to (English is the source language).
LANGUAGES: tuple[str, ...] = ("fr",)
PREFIX = "ikeviz"


class ToolError(RuntimeError):
    """lupdate or lrelease is missing or failed."""


def ts_name(domain: str, language: str) -> str:
    return f"{PREFIX}_{domain}_{language}.ts"


def parse_ts_name(path: Path | str) -> tuple[str, str]:
    """``ikeviz_gui_fr.ts`` -> ("gui", "fr"); ValueError for another name."""
    stem = Path(path).stem
    parts = stem.split("_")
    if len(parts) != 3 or parts[0] != PREFIX or parts[1] not in DOMAINS:
        raise ValueError(f"{Path(path).name}: not a translation file name "
                         f"({PREFIX}_{{{'|'.join(DOMAINS)}}}_{{language}}.ts)")
    return parts[1], parts[2]


def sources(domain: str, root: Path = ROOT) -> list[Path]:
    """The Python files of ``domain``, sorted (so lupdate's output is stable)."""
    files: set[Path] = set()
    for pattern in DOMAINS[domain]:
        files.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(files)


def sources_for(ts_file: Path | str, root: Path = ROOT) -> list[Path]:
    """The source files a ``.ts`` file is extracted from (by its name)."""
    domain, _language = parse_ts_name(ts_file)
    return sources(domain, root)


def _pyside_dir() -> Path:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise ToolError("PySide6 is not installed: it provides lupdate and lrelease "
                        "(pip install PySide6-Essentials)")
    return Path(spec.origin).resolve().parent


def tool(name: str) -> Path:
    """The path of PySide6's ``lupdate`` or ``lrelease`` executable."""
    folder = _pyside_dir()
    suffix = ".exe" if sys.platform == "win32" else ""
    for candidate in (folder / f"{name}{suffix}", folder / "Qt" / "libexec" / f"{name}{suffix}",
                      folder / "Qt" / "bin" / f"{name}{suffix}"):
        if candidate.is_file():
            return candidate
    raise ToolError(f"PySide6 in {folder} has no {name} executable")


def _run(command: Sequence[str | os.PathLike[str]], cwd: Path = ROOT) -> str:
    try:
        done = subprocess.run([os.fspath(c) for c in command], cwd=cwd, capture_output=True,
                              text=True, check=False)
    except OSError as exc:
        raise ToolError(f"cannot run {command[0]}: {exc}") from exc
    if done.returncode != 0:
        raise ToolError(f"{Path(command[0]).name} failed ({done.returncode}): "
                        f"{(done.stderr or done.stdout).strip()}")
    return done.stdout + done.stderr


def lupdate(source_files: Sequence[Path], ts_file: Path, *, cwd: Path = ROOT) -> str:
    """Extract the strings of ``source_files`` into ``ts_file``, keeping its translations.

    ``-locations none`` and ``-no-obsolete`` keep the file stable: it changes only
    when a string is added, removed or translated.
    """
    language = parse_ts_name(ts_file)[1]
    return _run([tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                 "-target-language", language, *source_files, "-ts", ts_file], cwd=cwd)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile one ``.ts`` into a ``.qm`` (unfinished translations stay English)."""
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    _run([tool("lrelease"), "-silent", ts_file, "-qm", qm_file])
    if not qm_file.is_file():
        raise ToolError(f"lrelease wrote no {qm_file}")


def ts_files(folder: Path = TRANSLATIONS_DIR) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}_*_*.ts"))


def update(root: Path = ROOT, domains: Sequence[str] | None = None) -> list[Path]:
    """Run lupdate for every domain (or those given) and language; returns the files written."""
    folder = root / "resources" / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for domain in domains or DOMAINS:
        for language in LANGUAGES:
            ts_file = folder / ts_name(domain, language)
            lupdate(sources(domain, root), ts_file, cwd=root)
            written.append(ts_file)
    return written


def build(out_dir: Path | str | None = None, ts_dir: Path | str = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every ``.ts`` of ``ts_dir`` into ``out_dir`` (default: next to it).

    Returns the ``.qm`` files written.
    """
    source = Path(ts_dir)
    target = Path(out_dir) if out_dir is not None else source
    written = []
    for ts_file in ts_files(source):
        qm_file = target / f"{ts_file.stem}.qm"
        lrelease(ts_file, qm_file)
        written.append(qm_file)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/translations.py", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    update_cmd = commands.add_parser("update",
                                     help="extract the strings into the .ts files (lupdate)")
    update_cmd.add_argument("--domain", choices=sorted(DOMAINS), action="append",
                            help="only this domain's .ts files (repeatable; default: all)")
    build_cmd = commands.add_parser("build", help="compile every .ts into a .qm (lrelease)")
    build_cmd.add_argument("--out", type=Path, default=None,
                           help="where to write the .qm files (default: next to the .ts)")
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            for path in update(domains=args.domain):
                print(f"updated {path.relative_to(ROOT)}")
        else:
            for path in build(args.out):
                print(f"wrote {path}")
    except (ToolError, ValueError) as exc:
        print(f"tools/translations.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
