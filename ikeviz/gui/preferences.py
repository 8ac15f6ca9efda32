"""Edit > Preferences: the language, the theme, the state names and the other settings.

Every value is one the application already keeps in :mod:`ikeviz.gui.settings`
(``language``, ``view/theme``, ``view/state_names``, ``play/speed``,
``view/fit_width``, ``files/include_secrets``). OK applies them to the window at
once. A new language rebuilds the window in it, around the same document
(:func:`ikeviz.gui.language_switch.switch_language`), right after the dialog closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ikeviz.gui import themes
from ikeviz.gui.document import STATE_NAMINGS
from ikeviz.gui.translation import (
    LANGUAGE_NAMES,
    preferred_language,
    set_preferred_language,
    system_language,
)

if TYPE_CHECKING:
    from ikeviz.gui.mainwindow import MainWindow


class PreferencesDialog(QDialog):
    """The preferences of ``window``; :meth:`apply` (called by OK) makes them current."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)  # each language in its own name
        self.language.setCurrentIndex(max(0, self.language.findData(preferred_language())))
        self.language.setToolTip(self.tr("The language of the window, the diagnosis and the "
                                         "lessons"))
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("&Language"), self.language)
        self.language_note = QLabel(self)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        form.addRow("", self.language_note)

        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        for key, label in themes.THEME_NAMES.items():
            self.theme.addItem(QCoreApplication.translate("themes", label), key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(window.theme_name)))
        form.addRow(self.tr("&Theme"), self.theme)

        self.state_names = QComboBox(self)
        self.state_names.setObjectName("stateNames")
        for key, label in STATE_NAMINGS.items():
            self.state_names.addItem(QCoreApplication.translate("Document", label), key)
        self.state_names.setCurrentIndex(
            max(0, self.state_names.findData(window.document.state_names)))
        self.state_names.setToolTip(self.tr("Whose state names to show on the lifelines: the "
                                            "names each product prints in its logs"))
        form.addRow(self.tr("State &names"), self.state_names)

        from ikeviz.gui.mainwindow import SPEEDS

        self.speed = QComboBox(self)
        self.speed.setObjectName("speed")
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self.speed.setCurrentIndex(max(0, self.speed.findData(window.speed)))
        form.addRow(self.tr("Play &speed"), self.speed)

        self.fit_width = QCheckBox(self.tr("&Fit the diagram to the window's width"), self)
        self.fit_width.setObjectName("fitWidth")
        self.fit_width.setChecked(window.fit_width)
        form.addRow("", self.fit_width)
        self.secrets_in_files = QCheckBox(self.tr("&Write the secrets into scenario files"),
                                          self)
        self.secrets_in_files.setObjectName("secretsInFiles")
        self.secrets_in_files.setToolTip(self.tr(
            "Save the pre-shared keys and private keys in the scenario file (it is then "
            "readable by you only)"))
        self.secrets_in_files.setChecked(window.secrets_in_files.isChecked())
        form.addRow("", self.secrets_in_files)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._language_changed()

    def chosen_language(self) -> str:
        """"" (follow the system), "en" or "fr"."""
        return str(self.language.currentData() or "")

    def language_changes(self) -> bool:
        """Whether the language chosen differs from the one the window is shown in."""
        from ikeviz import i18n

        chosen = self.chosen_language()
        shown = i18n.current_language()
        if chosen:
            return chosen != shown
        return effective_language_for("") != shown

    def _language_changed(self, _index: int = 0) -> None:
        if self.language_changes():
            self.language_note.setText(self.tr("OK shows the window again in this language; "
                                               "the scenario and its history stay."))
        else:
            self.language_note.setText("")

    def accept(self) -> None:
        self.apply()
        super().accept()

    def apply(self) -> None:
        """Save every preference and apply them to the window (a new language: just
        after, see :func:`ikeviz.gui.language_switch.switch_language`)."""
        window = self.window_
        language_changed = self.language_changes()
        set_preferred_language(self.chosen_language())
        theme = str(self.theme.currentData())
        if theme != window.theme_name:
            window.apply_theme(theme)
        window.set_state_names(str(self.state_names.currentData()))
        window.set_speed(float(self.speed.currentData()))
        if self.fit_width.isChecked() != window.fit_width:
            window.fit_action.setChecked(self.fit_width.isChecked())
        window.secrets_in_files.setChecked(self.secrets_in_files.isChecked())
        if language_changed:
            # Once the dialog is gone (it belongs to the window that is replaced).
            language = effective_language_for(self.chosen_language())
            QTimer.singleShot(0, window, lambda: _switch(window, language))


def _switch(window: MainWindow, language: str) -> None:
    from ikeviz.gui.language_switch import switch_language

    switch_language(window, language)


def effective_language_for(preference: str) -> str:
    """The language a preference gives: itself, or the system's for "" (follow it)."""
    return preference or system_language()
