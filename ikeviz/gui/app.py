"""Start the desktop application: ``ikeviz`` or ``ikeviz FILE.toml``.

:func:`run_gui` opens the default lesson, or the scenario file given; a file
that cannot be read is named in a message box (the one line of its
:class:`~ikeviz.scenario.fileformat.ScenarioFileError`) and the window stays
up with the default lesson. When the last session did not end cleanly and
left an autosave, it is offered back.

``IKEVIZ_STARTUP_PROBE=1`` in the environment prints the wall-clock time of
the first painted diagram (``first-paint <unix time>``) and quits: the
launch benchmark (``bench/bench_gui.py``) uses it. ``IKEVIZ_SCREENSHOT=FILE.png``
grabs the screen (the X server's framebuffer under Xvfb) once the window is
painted, writes the diagram widget's own rendering and position beside it
(``FILE.view.png``, ``FILE.json``) and quits: the CI screenshot test uses it.
"""

from __future__ import annotations

import os
import sys
import time

PROBE_ENV = "IKEVIZ_STARTUP_PROBE"
SCREENSHOT_ENV = "IKEVIZ_SCREENSHOT"


def run_gui(argv: list[str]) -> int:
    """Run the window until it is closed; ``argv``: the arguments after the program name."""
    # The Qt-free layers first: shiboken checks every module imported after PySide6
    # (reading its source) for ``from __feature__`` imports.
    import ikeviz.diagnosis  # noqa: F401
    import ikeviz.render.diagram  # noqa: F401
    import ikeviz.scenario.fileformat  # noqa: F401
    import ikeviz.scenario.lessons  # noqa: F401
    import ikeviz.scenario.profiles  # noqa: F401
    import ikeviz.scenario.translations  # noqa: F401
    import ikeviz.simulation  # noqa: F401

    # isort: split
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ikeviz.gui.settings import APPLICATION, ORGANIZATION

    probe = os.environ.get(PROBE_ENV) == "1"
    existing = QApplication.instance()
    if existing is None:
        # Fractional scales (125 %, 150 %) as they are, not rounded: a crisp diagram.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = existing if isinstance(existing, QApplication) else QApplication(["ikeviz", *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setStyle("Fusion")
    from ikeviz.gui.icons import APP_ID, app_icon

    # The window icon, and the .desktop file (packaging/linux) Wayland shells match it to.
    app.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName(APP_ID)
    arguments = app.arguments()[1:] if existing is None else list(argv)
    files = [a for a in arguments if not a.startswith("-")]
    from ikeviz.gui.translation import install_preferred_language

    # The preferred language (Edit > Preferences), else the system's: before any widget.
    install_preferred_language(app)

    from ikeviz.gui.document import Document
    from ikeviz.gui.mainwindow import MainWindow
    from ikeviz.gui.settings import get_str
    from ikeviz.scenario.fileformat import ScenarioFileError, load_scenario
    from ikeviz.scenario.lessons import DEFAULT_SCENARIO, lesson_path
    from ikeviz.scenario.profiles import builtin_profiles

    profiles = builtin_profiles()
    error = ""
    path = None
    scenario = None
    if files:
        try:
            scenario = load_scenario(files[0], profiles=profiles.keys())
            path = files[0]
        except ScenarioFileError as exc:
            error = str(exc)
    if scenario is None:
        scenario = load_scenario(lesson_path(DEFAULT_SCENARIO), profiles=profiles.keys())
    from ikeviz.protocol import dh

    # The first negotiation (before the first paint) computes MODP groups of up to
    # 2048 bits with Python's pow; GMP (gmpy2, slow to import) is loaded once the
    # window is on screen. Same values either way: only the launch is quicker.
    dh.defer_gmp()
    document = Document(scenario, profiles=profiles, path=path,
                        state_names=get_str("view/state_names", "libreswan"))
    window = MainWindow(document)
    window.firstPainted.connect(lambda: QTimer.singleShot(0, dh.load_gmp))
    from ikeviz.gui.crash import install_crash_handler

    # From here on an unexpected exception autosaves, shows a report, and the app goes on.
    handler = install_crash_handler(window)
    if path is not None:
        from ikeviz.gui.settings import add_recent_file

        add_recent_file(path)

    shot_path = os.environ.get(SCREENSHOT_ENV)
    if probe:
        def painted() -> None:
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)

        window.firstPainted.connect(painted)
    elif shot_path:
        def shoot() -> None:
            import json

            from PySide6.QtCore import QPoint

            screen = app.primaryScreen()
            screen.grabWindow(0).save(shot_path)
            view = window.view
            view.grab().save(shot_path.removesuffix(".png") + ".view.png")
            origin = view.mapToGlobal(QPoint(0, 0))
            ratio = screen.devicePixelRatio()
            with open(shot_path.removesuffix(".png") + ".json", "w", encoding="utf-8") as f:
                json.dump({"x": origin.x(), "y": origin.y(), "width": view.width(),
                           "height": view.height(), "ratio": ratio}, f)
            app.quit()

        window.firstPainted.connect(lambda: QTimer.singleShot(1500, shoot))
    window.show()
    window.view.setFocus()

    def after_start() -> None:
        if error:
            QMessageBox.warning(
                window, QCoreApplication.translate("app", "Cannot open the scenario"),
                QCoreApplication.translate("app", "{error}\n\nShowing the default lesson "
                                           "instead.").format(error=error))
        window.offer_recovery()

    if not probe and not shot_path:
        QTimer.singleShot(0, after_start)
    try:
        status = app.exec()
    finally:
        handler.uninstall()
    return int(status)


def main() -> int:  # pragma: no cover - python -m ikeviz.gui.app
    return run_gui(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
