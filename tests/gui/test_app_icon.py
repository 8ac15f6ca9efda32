"""The application's window icon (resources/icons, packaging/make_icons.py) and desktop id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ikeviz.gui import settings as prefs
from ikeviz.gui.icons import APP_ICON_SIZES, APP_ID, app_icon
from ikeviz.gui.mainwindow import MainWindow


def test_the_app_icon_has_every_size() -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(APP_ICON_SIZES)
    assert icon.pixmap(QSize(16, 16)).size() == QSize(16, 16)


def test_run_gui_sets_the_window_icon_and_desktop_file_name(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ikeviz.gui import app as gui_app

    monkeypatch.setattr(prefs, "autosave_path", lambda: tmp_path / "autosave.toml")
    seen: dict[str, Any] = {}

    def fake_exec(_self: Any = None) -> int:
        qtbot.wait(20)  # the start-up timer (recovery offer: none here) runs
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        seen["icon"] = app.windowIcon()
        seen["desktop"] = QGuiApplication.desktopFileName()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                qtbot.addWidget(widget)
                seen["window icon"] = widget.windowIcon()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert gui_app.run_gui([]) == 0
    assert {s.width() for s in seen["icon"].availableSizes()} == set(APP_ICON_SIZES)
    assert not seen["window icon"].isNull()
    assert seen["desktop"] == APP_ID
