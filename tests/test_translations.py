"""The translations: complete, consistent, compiled, installed, and English by default.

Generic over every ``resources/translations/*.ts``: lupdate runs on each file's
sources (``tools/translations.py`` knows them) into a temporary copy, and a string
of the sources that the committed file lacks, or has no finished French for, fails
the test with its context and text. Placeholders (``{name}``, ``%1``) must be the
same in the source and the translation.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from ikeviz import i18n
from ikeviz.scenario.fileformat import ScenarioFileError, dumps_scenario, loads_scenario
from ikeviz.scenario.lessons import bundled_lessons
from ikeviz.scenario.model import ScenarioTexts
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.scenario.translations import localized, localized_profile

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ikeviz_tools_translations",
                                                  ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()

#: Every .ts that must exist (a domain per language) and every one that does.
TS_NAMES = sorted({tool.ts_name(d, lang) for d in tool.DOMAINS for lang in tool.LANGUAGES}
                  | {p.name for p in tool.ts_files(TRANSLATIONS)})
#: Written by the GUI work (the windows' strings); skipped, with the reason, until it lands.
PENDING = {"ikeviz_gui_fr.ts": "ikeviz_gui_fr.ts is not written yet: the GUI's strings "
                               "(ikeviz/gui/*.py, self.tr) get their French with it"}


def _ts_path(name: str) -> Path:
    path = TRANSLATIONS / name
    if not path.is_file():
        if name in PENDING:
            pytest.skip(PENDING[name])
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run python tools/translations.py "
                    "update, then translate it")
    return path


def _messages(path: Path) -> Iterator[tuple[str, str, ET.Element]]:
    """(context, source text, <translation> element) of every message of a .ts file."""
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path.name}: a message without <translation>"
            yield name, message.findtext("source") or "", translation


def _translated_texts(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def _unfinished(translation: ET.Element) -> bool:
    return (translation.get("type") in ("unfinished", "obsolete", "vanished")
            or not all(t.strip() for t in _translated_texts(translation)))


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|%(\d+|n)")


def placeholders(text: str) -> list[str]:
    """The ``{name}`` fields and Qt ``%1``/``%n`` markers of ``text``, sorted."""
    out = []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) is not None:
            out.append("{" + match.group(1) + "}")
        elif match.group(2) is not None:
            out.append("%" + match.group(2))
    return sorted(out)


@pytest.fixture
def english() -> Iterator[None]:
    """Whatever a test installs, the next one starts (and ends) in English."""
    i18n.set_translator(None)
    yield
    i18n.set_translator(None)


# --- the .ts files ---------------------------------------------------------------


@pytest.mark.parametrize("name", TS_NAMES)
def test_every_source_string_is_translated(name: str, tmp_path: Path) -> None:
    committed = _ts_path(name)
    copy = tmp_path / name
    shutil.copyfile(committed, copy)
    tool.lupdate(tool.sources_for(committed), copy)
    have = {(ctx, src): tr for ctx, src, tr in _messages(committed)}
    wanted = {(ctx, src) for ctx, src, _ in _messages(copy)}
    problems = []
    for ctx, src, translation in _messages(copy):
        if (ctx, src) not in have:
            problems.append(f"missing from {name}: [{ctx}] {src!r}")
        elif _unfinished(translation) or _unfinished(have[(ctx, src)]):
            problems.append(f"no finished translation in {name}: [{ctx}] {src!r}")
    for ctx, src in sorted(set(have) - wanted):
        problems.append(f"in {name} but no longer in the sources: [{ctx}] {src!r}")
    assert not problems, (
        "\n".join(problems) + "\n\nRun: python tools/translations.py update, translate "
        f"resources/translations/{name} (pyside6-linguist), and commit it.")


@pytest.mark.parametrize("name", TS_NAMES)
def test_placeholders_match(name: str) -> None:
    problems = []
    for ctx, src, translation in _messages(_ts_path(name)):
        if _unfinished(translation):
            continue
        numerus = bool(translation.findall("numerusform"))
        for text in _translated_texts(translation):
            mine, theirs = placeholders(text), placeholders(src)
            if numerus:  # a plural form may spell the number out ("un message"): %n optional
                mine, theirs = [p for p in mine if p != "%n"], [p for p in theirs if p != "%n"]
            if mine != theirs:
                problems.append(f"[{ctx}] {src!r}: {placeholders(src)} in the source, "
                                f"{placeholders(text)} in {text!r}")
    assert not problems, "\n".join(problems)


def test_the_ts_names_follow_the_convention() -> None:
    for path in tool.ts_files(TRANSLATIONS):
        domain, language = tool.parse_ts_name(path)
        assert language in i18n.SUPPORTED_LANGUAGES and language != i18n.DEFAULT_LANGUAGE
        assert tool.sources(domain), f"{path.name}: its domain {domain!r} has no source file"


def test_placeholder_helper() -> None:
    assert placeholders("Failed at {message}: {reason} {{x}} %1 %n") == [
        "%1", "%n", "{message}", "{reason}"]


# --- compiled and installed --------------------------------------------------------


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every .ts compiled with tools/translations.py build, into a temporary folder."""
    out = tmp_path_factory.mktemp("qm")
    written = tool.build(out)
    assert sorted(p.name for p in written) == sorted(
        f"{p.stem}.qm" for p in tool.ts_files(TRANSLATIONS))
    return out


@pytest.fixture
def app() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


@pytest.fixture
def translation_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                       app: object) -> Iterator[ModuleType]:
    """ikeviz.gui.translation compiling into a temporary cache; English again afterwards."""
    from ikeviz.gui import translation

    monkeypatch.setattr(translation, "cache_dir", lambda: tmp_path / "cache")
    yield translation
    translation.install_language(app, "en")  # type: ignore[arg-type]
    i18n.set_translator(None)


def _first_translated(name: str) -> tuple[str, str, str]:
    """A (context, source, translation) of ``name`` whose translation differs from its source."""
    for ctx, src, translation in _messages(_ts_path(name)):
        texts = _translated_texts(translation)
        if not _unfinished(translation) and texts[0] != src and not translation.findall(
                "numerusform"):
            return ctx, src, texts[0]
    pytest.fail(f"{name} has no translated string")


@pytest.mark.parametrize("name", TS_NAMES)
def test_the_compiled_translation_translates(name: str, compiled: Path, app: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    ctx, src, french = _first_translated(name)
    translator = QTranslator()
    assert translator.load(str(compiled / f"{Path(name).stem}.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate(ctx, src) == french
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate(ctx, src) == src


def test_install_language_french_then_english(translation_module: ModuleType,
                                              app: object) -> None:
    from PySide6.QtCore import QCoreApplication

    translation_module.install_language(app, "fr")
    assert i18n.current_language() == "fr"
    assert i18n.translate("diagram", "initiator") == "initiateur"
    assert i18n.translate("diagnosis", "The negotiation did not complete") == (
        "La négociation n'a pas abouti")
    if (TRANSLATIONS / "ikeviz_gui_fr.ts").is_file():
        ctx, src, french = _first_translated("ikeviz_gui_fr.ts")
        assert QCoreApplication.translate(ctx, src) == french
    # Qt's own translation, for the standard buttons of the dialogs.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    translation_module.install_language(app, "en")
    assert i18n.current_language() == "en"
    assert i18n.translate("diagram", "initiator") == "initiator"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_bad_translation_falls_back_to_english(translation_module: ModuleType, app: object,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "ikeviz_core_fr.qm").write_bytes(b"not a qm file")
    monkeypatch.setattr(translation_module, "translations_dir", lambda: folder)
    translation_module.install_language(app, "fr")
    assert i18n.current_language() == "en"
    assert i18n.translate("diagram", "initiator") == "initiator"
    assert "showing English" in capsys.readouterr().err
    translation_module.install_language(app, "de")  # unknown: English, no exception
    assert i18n.current_language() == "en"


def test_a_missing_or_stale_qm_is_compiled_into_the_cache(translation_module: ModuleType,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    import os

    folder = tmp_path / "translations"
    folder.mkdir()
    ts = folder / "ikeviz_core_fr.ts"
    shutil.copyfile(TRANSLATIONS / "ikeviz_core_fr.ts", ts)
    monkeypatch.setattr(translation_module, "translations_dir", lambda: folder)
    [found] = translation_module.qm_files("fr")
    assert found.parent == tmp_path / "cache" and found.suffix == ".qm"
    assert translation_module.qm_files("fr") == [found]  # compiled once per content
    stale = folder / "ikeviz_core_fr.qm"
    stale.write_bytes(b"old")
    os.utime(stale, (ts.stat().st_mtime - 100, ts.stat().st_mtime - 100))
    assert translation_module.qm_files("fr") == [found]
    os.utime(stale, (ts.stat().st_mtime + 100, ts.stat().st_mtime + 100))
    assert translation_module.qm_files("fr") == [stale]


def test_language_preferences(translation_module: ModuleType,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    stored: dict[str, object] = {}
    monkeypatch.setattr(translation_module.prefs, "get_str",
                        lambda key, default="": str(stored.get(key, default)))
    monkeypatch.setattr(translation_module.prefs, "set_value",
                        lambda key, value: stored.__setitem__(key, value))
    assert translation_module.preferred_language() == ""
    translation_module.set_preferred_language("fr")
    assert stored["language"] == "fr" and translation_module.effective_language() == "fr"
    translation_module.set_preferred_language("")
    for locale, expected in ((QLocale(QLocale.Language.French, QLocale.Country.Canada), "fr"),
                             (QLocale(QLocale.Language.German), "en")):
        monkeypatch.setattr(translation_module.QLocale, "system", lambda locale=locale: locale)
        assert translation_module.system_language() == expected
        assert translation_module.effective_language() == expected
    with pytest.raises(ValueError):
        translation_module.set_preferred_language("de")


# --- the diagnosis and the diagram under each language -----------------------------


def _failing_lesson_diagnosis() -> tuple[str, str, str]:
    from ikeviz.diagnosis import diagnose
    from ikeviz.render.diagram import build_diagram
    from ikeviz.simulation import run_scenario

    lesson = next(e for e in bundled_lessons() if e.name == "wrong-psk")
    run = run_scenario(lesson.scenario, builtin_profiles())
    diagnosis = diagnose(run)
    diagram = build_diagram(run, diagnosis)
    return diagnosis.verdict, diagnosis.fixes[0].description, diagram.bands[0].label + " / " + (
        diagram.rows[diagram.failing_row].note_title if diagram.failing_row is not None else "")


def test_the_diagnosis_is_french_under_the_french_translator(
        translation_module: ModuleType, app: object) -> None:
    english_texts = _failing_lesson_diagnosis()
    assert english_texts[0].startswith("Failed at Main Mode message 5: ")
    translation_module.install_language(app, "fr")
    verdict, fix, diagram = _failing_lesson_diagnosis()
    assert verdict.startswith("Échec au message 5 du Main Mode : "), verdict
    assert "clés pré-partagées diffèrent" in verdict
    assert fix.startswith("sur ") and "clé pré-partagée" in fix
    assert diagram == "Phase 1 (Main Mode) / Échec au message 5 du Main Mode"
    translation_module.install_language(app, "en")
    assert _failing_lesson_diagnosis() == english_texts


def test_without_a_translator_everything_stays_english(english: None) -> None:
    assert i18n.current_language() == "en"
    verdict, fix, diagram = _failing_lesson_diagnosis()
    assert verdict == ("Failed at Main Mode message 5: Lyon gateway (strongSwan) could not "
                       "decrypt it; the pre-shared keys most likely differ")
    assert fix == ("set OXO Paris (OmniPCX Office)'s pre-shared key to the one Lyon gateway "
                   "(strongSwan) uses")
    assert diagram == "Phase 1 (Main Mode) / Failed at Main Mode message 5"


# --- lessons and profiles ----------------------------------------------------------


@pytest.mark.parametrize("entry", bundled_lessons(), ids=lambda e: e.name)
def test_every_lesson_has_french_texts(entry: object) -> None:
    scenario = entry.scenario  # type: ignore[attr-defined]
    texts = dict(scenario.translations).get("fr")
    assert texts is not None, f"{entry.name}: no [translations.fr]"  # type: ignore[attr-defined]
    assert texts.title and texts.title != scenario.title
    assert bool(texts.description) == bool(scenario.description)
    assert scenario.lesson is not None
    assert texts.objective and texts.objective != scenario.lesson.objective
    assert texts.explanation and texts.explanation != scenario.lesson.explanation
    french = localized(scenario, "fr")
    assert (french.title, french.description) == (texts.title,
                                                  texts.description or scenario.description)
    assert french.lesson is not None and french.lesson.explanation == texts.explanation
    assert localized(scenario, "en") == scenario
    # Only the texts change: the negotiation is the same.
    assert (french.left, french.right, french.seed) == (scenario.left, scenario.right,
                                                        scenario.seed)


@pytest.mark.parametrize("entry", bundled_lessons(), ids=lambda e: e.name)
def test_lesson_files_round_trip_byte_identical(entry: object) -> None:
    text = entry.path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert dumps_scenario(loads_scenario(text)) == text


@pytest.mark.parametrize("profile_id", sorted(builtin_profiles()))
def test_every_profile_has_a_french_description(profile_id: str) -> None:
    profile = builtin_profiles()[profile_id]
    texts = dict(profile.translations).get("fr")
    assert texts is not None and texts.description
    assert texts.description != profile.description
    assert localized_profile(profile, "fr").description == texts.description
    assert localized_profile(profile, "fr").assumptions == (texts.assumptions
                                                             or profile.assumptions)
    assert localized_profile(profile, "en") == profile


def test_localized_falls_back_to_english_per_field() -> None:
    scenario = bundled_lessons()[0].scenario
    partial = replace(scenario, description="English description",
                      translations=(("fr", ScenarioTexts(title="Titre")),))
    french = localized(partial, "fr")
    assert french.title == "Titre"
    assert french.description == "English description"
    assert french.lesson == scenario.lesson
    assert localized(partial, "de") == partial


def test_scenario_translations_are_checked() -> None:
    base = dumps_scenario(bundled_lessons()[0].scenario)
    head, sep, tail = base.partition("[translations.fr]\n")
    assert sep
    for table, message in (
        ('[translations.de]\ntitle = "x"\n', 'unknown key "de"'),
        ('[translations.fr]\nsummary = "x"\n', 'unknown key "summary"'),
        ('[translations.fr]\ntitle = 3\n', "expected a string"),
    ):
        text = head + table + "\n" + tail.partition("\n\n")[2]
        with pytest.raises(ScenarioFileError, match=message):
            loads_scenario(text)
    no_lesson = replace(bundled_lessons()[0].scenario, lesson=None,
                        translations=(("fr", ScenarioTexts(objective="x")),))
    with pytest.raises(ValueError, match="no \\[lesson\\]"):
        dumps_scenario(no_lesson)
