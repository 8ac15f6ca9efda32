"""The desktop application: a main window around the sequence diagram.

The GUI holds no protocol logic: :class:`~ikeviz.gui.document.Document` keeps
the current :class:`~ikeviz.scenario.model.Scenario`, re-runs it through
:mod:`ikeviz.simulation`, :mod:`ikeviz.diagnosis` and :mod:`ikeviz.render` on
every change and keeps every edit on an undo stack; the widgets show those
models and write back through the document.

Start it with :func:`ikeviz.gui.app.run_gui`.
"""
