"""The window in French (preference "fr"), and back to English through the preferences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from ikeviz import i18n
from ikeviz.gui import settings as prefs
from ikeviz.gui.document import Document
from ikeviz.gui.mainwindow import MainWindow
from ikeviz.gui.preferences import PreferencesDialog
from ikeviz.gui.translation import install_language, install_preferred_language
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import lesson_path


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The French translators installed from the preference, English again afterwards."""
    prefs.set_value("language", "fr")
    assert install_preferred_language(qapp) == "fr"
    yield
    install_language(qapp, "en")


def _window(qtbot: Any, tmp_path: Path, lesson: str = "omnipcx-strongswan-ok") -> MainWindow:
    document = Document(load_scenario(lesson_path(lesson)))
    win = MainWindow(document, autosave_path=tmp_path / "autosave.toml", restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.document._force_modified = False
    win.document.undo_stack.setClean()
    win.close()


def _menus(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_the_window_in_french(french: None, qtbot: Any, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, "p1-dh-group-mismatch")
    try:
        assert _menus(win)[:4] == ["&Fichier", "É&dition", "Affic&hage", "&Négociation"]
        assert win.open_action.text() == "&Ouvrir…"
        assert win.preferences_action.text() == "&Préférences…"
        assert win.diagnosis_dock.windowTitle() == "Diagnostic"
        assert win.left_dock.windowTitle().startswith("Passerelle de gauche · ")
        # The editors.
        editor = win.left_editor
        assert editor.psk_show.text() == "Afficher"
        assert editor.phase1.add_button.text() == "Ajouter"
        headers = [editor.phase1.table.horizontalHeaderItem(i).text()
                   for i in range(editor.phase1.table.columnCount())]
        assert "Chiffrement" in headers and "Groupe DH" in headers
        labels = [label.text() for label in editor.findChildren(QLabel)]
        assert "Sous-réseau local" in labels and "Clé pré-partagée" in labels
        # The diagnosis panel's own texts.
        panel = win.diagnosis_panel
        assert panel.conflicts_box.isVisibleTo(win)
        headings = [label.text() for label in panel.findChildren(QLabel, "heading")]
        assert "<b>Ce qui diffère</b>" in headings and "<b>Comment corriger</b>" in headings
        assert panel.fix_buttons and panel.fix_buttons[0].text() == "Appliquer"
        # An undo text.
        panel.fix_buttons[0].click()
        assert win.document.undo_stack.undoText().startswith("Correction : ")
    finally:
        _close(win)


def test_a_dialog_in_french(french: None, qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    win = _window(qtbot, tmp_path)
    try:
        dialog = PreferencesDialog(win)
        assert dialog.windowTitle() == "Préférences"
        assert dialog.language.itemText(0) == "Suivre le système"
        assert [dialog.theme.itemText(i) for i in range(dialog.theme.count())] == [
            "Suivre le système", "Clair", "Sombre"]
        dialog.deleteLater()
        dialogs.answer("information", QMessageBox.StandardButton.Ok)
        win.show_shortcuts()  # QMessageBox.information: the conftest's stub records it
        assert dialogs.calls[-1][1] == "Raccourcis clavier"
        assert "message suivant / précédent" in dialogs.calls[-1][2]
    finally:
        _close(win)


def _switched(qtbot: Any, win: MainWindow) -> MainWindow:
    """The window that replaced ``win`` (Preferences > OK switches just after)."""
    qtbot.waitUntil(lambda: getattr(win, "replaced_by", None) is not None, timeout=3000)
    new: MainWindow = win.replaced_by  # type: ignore[attr-defined]
    qtbot.addWidget(new)
    qtbot.waitExposed(new)
    return new


def _document_state(win: MainWindow) -> tuple[object, ...]:
    doc = win.document
    return (doc.path, doc.modified, doc.undo_stack.count(), doc.undo_stack.index(), doc.step,
            doc.selected_row, doc.scenario)


def test_live_switch_english_to_french_and_back(qtbot: Any, tmp_path: Path,
                                                qapp: QApplication) -> None:
    from ikeviz.gui.language_switch import switch_language
    from ikeviz.scenario.fileformat import save_scenario
    from ikeviz.scenario.translations import localized

    install_language(qapp, "en")
    path = tmp_path / "dh.toml"
    save_scenario(load_scenario(lesson_path("p1-dh-group-mismatch")), path)
    document = Document(load_scenario(path), path=path)
    win = MainWindow(document, autosave_path=tmp_path / "autosave.toml", restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    english_title = document.scenario.title
    try:
        assert _menus(win)[:3] == ["&File", "&Edit", "&View"]
        assert win.view.diagram.title == english_title
        # An edit (undoable, unsaved) and a step, to carry over.
        win.left_editor.name_edit.setText("OXO Orléans")
        win.left_editor.name_edit.textEdited.emit("OXO Orléans")
        document.set_step(3)
        document.set_selected_row(1)
        win.left_dock.hide()
        before = _document_state(win)
        assert before[1] and before[2] >= 1 and before[4] == 3
        undo_text = document.undo_stack.undoText()

        dialog = PreferencesDialog(win)
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        assert "OK" in dialog.language_note.text()
        dialog.accept()
        fr = _switched(qtbot, win)
        assert i18n.current_language() == "fr" and prefs.get_str("language") == "fr"
        assert fr is not win and fr.document is document
        assert _document_state(fr) == before
        assert document.undo_stack.undoText() == undo_text
        assert not fr.left_dock.isVisible() and fr.right_dock.isVisible()
        # French: the menus, the diagnosis, the diagram's failure reason and title.
        assert _menus(fr)[:4] == ["&Fichier", "É&dition", "Affic&hage", "&Négociation"]
        assert fr.diagnosis_dock.windowTitle() == "Diagnostic"
        assert document.diagnosis is not None
        assert document.diagnosis.verdict.startswith("Échec au message 2 du Main Mode : ")
        assert "d'OXO Orléans" in document.diagnosis.verdict
        diagram = fr.view.diagram
        assert diagram is not None and diagram.failing_row is not None
        assert diagram.rows[diagram.failing_row].note.startswith(
            "aucune proposition de phase 1 acceptable")
        assert diagram.title == localized(document.scenario, "fr").title != english_title
        assert document.scenario.title == english_title  # the data stays English
        headings = [label.text() for label in fr.diagnosis_panel.findChildren(QLabel, "heading")]
        assert "<b>Ce qui diffère</b>" in headings
        assert "OK" not in fr.statusBar().currentMessage() and "Français" in (
            fr.statusBar().currentMessage())
        # The undo stack is the same one: undo works in the new window.
        fr.undo_action.trigger()
        assert document.scenario.left.name != "OXO Orléans"
        fr.redo_action.trigger()
        assert _document_state(fr) == before

        # And back to English, straight through the function.
        en = switch_language(fr, "en")
        qtbot.addWidget(en)
        assert i18n.current_language() == "en"
        assert _menus(en)[:3] == ["&File", "&Edit", "&View"]
        assert en.diagnosis_dock.windowTitle() == "Diagnosis"
        assert document.diagnosis is not None
        assert document.diagnosis.verdict.startswith("Failed at Main Mode message 2: ")
        assert en.view.diagram.title == english_title
        assert _document_state(en) == before
        # The old windows went without a question (the conftest fails on a message box).
        assert not fr.isVisible()
        _close(en)
    finally:
        install_language(qapp, "en")
        if win.isVisible():
            _close(win)


def test_saving_in_french_writes_the_english_file(french: None, qtbot: Any,
                                                  tmp_path: Path) -> None:
    from ikeviz.scenario.fileformat import dumps_scenario

    win = _window(qtbot, tmp_path, "p1-dh-group-mismatch")
    try:
        english = dumps_scenario(load_scenario(lesson_path("p1-dh-group-mismatch")))
        target = tmp_path / "saved.toml"
        win.document.save(target)
        assert target.read_text(encoding="utf-8") == english
        assert "Le groupe" in win.scenario_panel.lesson_text.text() or (
            win.scenario_panel.lesson_text.text() != "")
    finally:
        _close(win)


def test_the_preferences_note(french: None, qtbot: Any, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path)
    try:
        dialog = PreferencesDialog(win)
        assert dialog.chosen_language() == "fr"
        assert dialog.language_note.text() == ""
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert "prochain démarrage" not in dialog.language_note.text()
        assert dialog.language_note.text()
        dialog.reject()
        dialog.deleteLater()
    finally:
        _close(win)


def test_the_preference_persists(qapp: QApplication) -> None:
    from ikeviz.gui.translation import preferred_language

    assert preferred_language() == ""  # follow the system until chosen
    prefs.set_value("language", "fr")
    assert preferred_language() == "fr"
    assert prefs.settings().value("language") == "fr"  # in the INI file, read anew


def test_preferences_from_the_edit_menu(qtbot: Any, window: MainWindow,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[PreferencesDialog] = []
    monkeypatch.setattr(PreferencesDialog, "exec",
                        lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    assert window.preferences_action.shortcuts()
    window.preferences_action.trigger()
    assert len(opened) == 1
