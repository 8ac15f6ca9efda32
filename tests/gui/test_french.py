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


def test_back_to_english_through_the_preferences(french: None, qtbot: Any,
                                                 tmp_path: Path, qapp: QApplication) -> None:
    win = _window(qtbot, tmp_path)
    try:
        dialog = PreferencesDialog(win)
        assert dialog.chosen_language() == "fr"
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert "prochain démarrage" in dialog.language_note.text()
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.state_names.setCurrentIndex(dialog.state_names.findData("cisco"))
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        # Applied at once: the theme and the state names; saved: the language.
        assert win.theme_name == "dark" and win.document.state_names == "cisco"
        assert prefs.get_str("language") == "en"
        assert prefs.get_str("view/theme") == "dark"
        assert "prochain démarrage" in win.statusBar().currentMessage()
    finally:
        _close(win)
    # The next start reads the preference: English.
    assert install_preferred_language(qapp) == "en"
    assert i18n.current_language() == "en"
    win = _window(qtbot, tmp_path)
    try:
        assert _menus(win)[:3] == ["&File", "&Edit", "&View"]
        assert win.diagnosis_dock.windowTitle() == "Diagnosis"
        assert win.left_editor.psk_show.text() == "Show"
    finally:
        _close(win)
        win.apply_theme("light")


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
