"""The application's language: the system's, or the one chosen in the preferences.

:func:`install_language` installs the compiled translations (``ikeviz_*_{lang}.qm``,
from ``resources/translations``) and Qt's own (``qtbase_{lang}.qm``, for the
standard dialog buttons) into the application, and gives the layers below the
GUI (diagnosis texts, diagram labels) the same translator through
:func:`ikeviz.i18n.set_translator`. English is the source language: installing it
removes every translator.

The ``.qm`` files are build products. An installed ikeviz has them next to the
``.ts`` sources' place (``ikeviz/_resources/translations``); a source checkout
where one is missing or older than its ``.ts`` compiles it with PySide6's
``lrelease`` into the user's cache folder (named after the ``.ts`` content's hash,
so a stale one is never used). A translation that cannot be loaded is not an
error: the application stays in English and says why on stderr.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QStandardPaths,
    QTranslator,
)

from ikeviz import i18n
from ikeviz.gui import settings as prefs
from ikeviz.scenario.resources import resources_dir

log = logging.getLogger(__name__)

#: The QSettings key of the chosen language: "" follows the system, else "en" or "fr".
LANGUAGE_KEY = "language"
#: Every language the interface is available in, with its own name (never translated).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français"}
PREFIX = "ikeviz"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the ``.ts`` sources (a checkout) and ``.qm`` files (installed or built) are."""
    return resources_dir() / "translations"


def system_language() -> str:
    """ "fr" when the system's locale is French, else "en"."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def preferred_language() -> str:
    """The language chosen in the preferences: "" (follow the system), "en" or "fr"."""
    value = prefs.get_str(LANGUAGE_KEY, "").strip().lower()
    return value if value in LANGUAGE_NAMES else ""


def set_preferred_language(language: str) -> None:
    """Remember ``language`` ("" to follow the system) for the next start."""
    if language and language not in LANGUAGE_NAMES:
        raise ValueError(f"unsupported language {language!r}; expected one of "
                         f"{', '.join(LANGUAGE_NAMES)} or \"\"")
    prefs.set_value(LANGUAGE_KEY, language)


def effective_language() -> str:
    """The language to show: the preferred one, else the system's."""
    return preferred_language() or system_language()


def _warn(message: str) -> None:
    log.warning(message)
    print(f"ikeviz: {message}", file=sys.stderr)


def cache_dir() -> Path:
    """The per-user folder where a source checkout's ``.qm`` files are compiled."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    folder = Path(base) if base else Path.home() / ".cache"
    return folder / "ikeviz" / "translations"


def _lrelease() -> Path | None:
    import importlib.util  # only where a .ts must be compiled: not at every start

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).resolve().parent
    suffix = ".exe" if sys.platform == "win32" else ""
    for candidate in (folder / f"lrelease{suffix}", folder / "Qt" / "libexec" / "lrelease",
                      folder / "Qt" / "bin" / f"lrelease{suffix}"):
        if candidate.is_file():
            return candidate
    return None


def compile_ts(ts_file: Path, folder: Path | None = None) -> Path:
    """``ts_file`` compiled into ``folder`` (default :func:`cache_dir`), once per content.

    Raises ``OSError`` (or ``RuntimeError``) when it cannot be compiled.
    """
    import hashlib  # only where a .ts must be compiled: not at every start
    import subprocess
    data = ts_file.read_bytes()
    target = (folder or cache_dir()) / (
        f"{ts_file.stem}-{hashlib.sha256(data).hexdigest()[:16]}.qm")
    if target.is_file() and target.stat().st_size > 0:
        return target
    tool = _lrelease()
    if tool is None:
        raise RuntimeError("PySide6's lrelease is not available to compile it")
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    done = subprocess.run([os.fspath(tool), "-silent", os.fspath(ts_file), "-qm",
                           os.fspath(temp)], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not temp.is_file():
        temp.unlink(missing_ok=True)
        raise RuntimeError(f"lrelease failed: {(done.stderr or done.stdout).strip()}")
    os.replace(temp, target)
    return target


def qm_files(language: str, folder: Path | None = None) -> list[Path]:
    """The compiled translations of ``language`` (``ikeviz_*_{language}.qm``), by name.

    A ``.qm`` next to its ``.ts`` is used when it is at least as new; otherwise
    (or when there is none) the ``.ts`` is compiled into the cache. A ``.ts``
    that cannot be compiled is left out with a warning.
    """
    folder = folder if folder is not None else translations_dir()
    pattern = f"{PREFIX}_*_{language}"
    stems = sorted({p.stem for p in folder.glob(f"{pattern}.qm")}
                   | {p.stem for p in folder.glob(f"{pattern}.ts")})
    out = []
    for stem in stems:
        qm, ts = folder / f"{stem}.qm", folder / f"{stem}.ts"
        if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
            out.append(qm)
            continue
        try:
            out.append(compile_ts(ts))
        except (OSError, RuntimeError) as exc:
            if qm.is_file():
                _warn(f"cannot compile {ts.name} ({exc}); using the older {qm.name}")
                out.append(qm)
            else:
                _warn(f"cannot compile {ts.name}: {exc}")
    return out


def _qt_translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _remove_installed(app: QCoreApplication) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


def install_language(app: QCoreApplication, language: str) -> None:
    """Show the application in ``language`` ("en" or "fr"), replacing the previous one.

    Installs a QTranslator per ``ikeviz_*_{language}.qm`` and Qt's
    ``qtbase_{language}.qm``, and gives :mod:`ikeviz.i18n` the same translator.
    A missing or unreadable translation falls back to English (with a warning
    on stderr); it never raises.
    """
    _remove_installed(app)
    if language not in LANGUAGE_NAMES:
        _warn(f"unknown language {language!r}: showing English")
        language = "en"
    if language == "en":
        i18n.set_translator(None, "en")
        return
    loaded: list[QTranslator] = []
    for qm in qm_files(language):
        translator = QTranslator(app)
        if translator.load(os.fspath(qm)):
            loaded.append(translator)
        else:
            _warn(f"cannot load the translation {qm}")
    if not loaded:
        _warn(f"no usable {LANGUAGE_NAMES[language]} translation in {translations_dir()}: "
              "showing English")
        i18n.set_translator(None, "en")
        return
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        loaded.append(qt_own)
    for translator in loaded:
        app.installTranslator(translator)
    _installed.extend(loaded)
    i18n.set_translator(_qt_translate, language)


def install_preferred_language(app: QCoreApplication) -> str:
    """Install :func:`effective_language`; returns the language installed."""
    install_language(app, effective_language())
    return i18n.current_language()


__all__ = [
    "LANGUAGE_KEY",
    "LANGUAGE_NAMES",
    "cache_dir",
    "compile_ts",
    "effective_language",
    "install_language",
    "install_preferred_language",
    "preferred_language",
    "qm_files",
    "set_preferred_language",
    "system_language",
    "translations_dir",
]
