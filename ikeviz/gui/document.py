"""The open document: a scenario, its file, its undo stack and what it produces.

Every edit is a new :class:`~ikeviz.scenario.model.Scenario` pushed on a
``QUndoStack`` as a command with a readable text ("Set Lyon gateway's phase-1
DH group to 14"); every change (an edit, an undo, a file opened) re-runs the
negotiation, the diagnosis and the diagram synchronously (a few
milliseconds), so the window always shows the current scenario: there is no
"run" button.

The document also holds what the views share: the current step (how many
rows of the diagram are revealed), the selected row, the state-name style
and whether secrets are shown.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ikeviz.diagnosis import Diagnosis, Fix, apply_fix, diagnose
from ikeviz.protocol.events import MessageSent
from ikeviz.render.diagram import Diagram, RowKind, build_diagram
from ikeviz.scenario.fileformat import dumps_scenario, load_scenario, save_scenario
from ikeviz.scenario.model import AuthKind, Scenario
from ikeviz.scenario.profiles import Profile, builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario

# The labels are translated where they are shown: QCoreApplication.translate("Document", ...).
STATE_NAMINGS: dict[str, str] = {
    "strongswan": "strongSwan",
    "libreswan": "Libreswan",
    "cisco": "Cisco",
    "profile": QT_TRANSLATE_NOOP("Document", "Each product's own"),
}


class _MissingKey(ValueError):
    """A gateway authenticating with a pre-shared key has none (its message is shown)."""


class ScenarioEdit(QUndoCommand):
    """One edit: the scenario before and after.

    Edits with the same ``merge_key`` in a row (typing a name letter by letter)
    merge into one undo step.
    """

    _ids: dict[str, int] = {}

    def __init__(self, document: Document, before: Scenario, after: Scenario, text: str,
                 merge_key: str | None = None) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:  # noqa: A003 - Qt's name
        if self.merge_key is None:
            return -1
        return ScenarioEdit._ids.setdefault(self.merge_key, len(ScenarioEdit._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ScenarioEdit) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        self.setText(other.text())
        if self.after == self.before:
            self.setObsolete(True)  # typed and typed back: no step at all
        return True

    def redo(self) -> None:
        self.document._replace(self.after)

    def undo(self) -> None:
        self.document._replace(self.before)


class Document(QObject):
    """The scenario being edited, and its run, diagnosis and diagram.

    Signals: ``scenarioChanged`` (a new scenario: any edit, undo, redo, load),
    ``resultChanged`` (run, diagnosis and diagram recomputed), ``stepChanged``
    (the number of revealed rows), ``selectionChanged`` (the selected row, -1
    for none), ``modifiedChanged``, ``pathChanged``, ``displayChanged`` (state
    names or secrets shown).
    """

    scenarioChanged = Signal()
    resultChanged = Signal()
    stepChanged = Signal(int)
    selectionChanged = Signal(int)
    modifiedChanged = Signal(bool)
    pathChanged = Signal()
    displayChanged = Signal()
    edited = Signal()  # a user edit (not a load): the autosave listens to it
    opened = Signal()  # a new document (a file opened, New, a lesson): no undo history

    def __init__(self, scenario: Scenario, *, profiles: Mapping[str, Profile] | None = None,
                 path: str | Path | None = None, state_names: str = "libreswan",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profiles: Mapping[str, Profile] = (profiles if profiles is not None
                                                 else builtin_profiles())
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._scenario = scenario
        self._path: Path | None = Path(path) if path is not None else None
        self._state_names = state_names if state_names in STATE_NAMINGS else "libreswan"
        self._show_secrets = False
        self._force_modified = False
        self._last_modified = False
        self.run: ScenarioRun | None = None
        self.diagnosis: Diagnosis | None = None
        self.diagram: Diagram | None = None
        self.error = ""  # why the scenario cannot run, "" when it ran
        self._problem: tuple[Scenario, str] | None = None
        self.compute_ms = 0.0
        self._step = 0
        self._selected = -1
        self._recompute(at_end=True)

    # --- what it holds ------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return self._force_modified or not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        """The file name, else the scenario's title, else "Untitled"."""
        if self._path is not None:
            return self._path.name
        return self._scenario.title or self.tr("Untitled")

    @property
    def state_names(self) -> str:
        return self._state_names

    @property
    def show_secrets(self) -> bool:
        return self._show_secrets

    @property
    def row_count(self) -> int:
        return len(self.diagram.rows) if self.diagram is not None else 0

    @property
    def step(self) -> int:
        """How many rows are revealed: 0 (nothing sent yet) to :attr:`row_count`."""
        return self._step

    @property
    def selected_row(self) -> int:
        return self._selected

    def profile(self, profile_id: str) -> Profile | None:
        return self.profiles.get(profile_id)

    def message_events(self) -> list[tuple[int, MessageSent]]:
        """Every message sent, with its index in ``run.trace.events``, in time order."""
        if self.run is None:
            return []
        return [(i, e) for i, e in enumerate(self.run.trace.events)
                if isinstance(e, MessageSent)]

    def event_of_row(self, row: int) -> tuple[int, MessageSent] | None:
        """The message a diagram row shows (its trace index and event), None for a ghost
        or timeout row. The diagram has one message row per message sent, in order."""
        diagram = self.diagram
        if diagram is None or not 0 <= row < len(diagram.rows):
            return None
        if diagram.rows[row].kind is not RowKind.MESSAGE:
            return None
        ordinal = sum(1 for r in diagram.rows[:row] if r.kind is RowKind.MESSAGE)
        events = self.message_events()
        return events[ordinal] if ordinal < len(events) else None

    def row_of_event(self, trace_index: int) -> int:
        """The diagram row of the message at ``trace_index`` of the trace, or -1."""
        diagram = self.diagram
        if diagram is None:
            return -1
        ordinals = [i for i, _ in self.message_events()]
        if trace_index not in ordinals:
            return -1
        ordinal = ordinals.index(trace_index)
        rows = [r.index for r in diagram.rows if r.kind is RowKind.MESSAGE]
        return rows[ordinal] if ordinal < len(rows) else -1

    # --- edits --------------------------------------------------------------------

    def edit(self, scenario: Scenario, text: str, *, merge_key: str | None = None) -> bool:
        """Make ``scenario`` the current one, as an undoable step; False if nothing changed."""
        if scenario == self._scenario:
            return False
        self.undo_stack.push(ScenarioEdit(self, self._scenario, scenario, text, merge_key))
        self.edited.emit()
        return True

    def apply_fix(self, fix: Fix) -> bool:
        """Apply a fix of the diagnosis (undoable)."""
        return self.edit(apply_fix(self._scenario, fix),
                         self.tr("Fix: {fix}").format(fix=fix.description))

    def _replace(self, scenario: Scenario) -> None:
        """The undo commands' way in: show ``scenario`` (not itself undoable)."""
        self._scenario = scenario
        self._recompute()
        self.resultChanged.emit()  # the diagram first: it is what the user looks at
        self.scenarioChanged.emit()
        self._emit_modified()

    # --- files --------------------------------------------------------------------

    def reset(self, scenario: Scenario, path: str | Path | None = None, *,
              modified: bool = False) -> None:
        """Start over with ``scenario`` (a file opened, a new document): no undo history."""
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._force_modified = modified
        self._scenario = scenario
        self._set_path(Path(path) if path is not None else None)
        self._recompute(at_end=True)
        self.opened.emit()
        self.resultChanged.emit()  # the diagram first: it is what the user looks at
        self.scenarioChanged.emit()
        self._emit_modified()

    def open(self, path: str | Path) -> None:
        """Open a scenario file; :class:`ScenarioFileError` (one line) when it cannot."""
        scenario = load_scenario(path, profiles=self.profiles.keys())
        self.reset(scenario, Path(path))

    def save(self, path: str | Path | None = None, *, include_secrets: bool = True) -> None:
        """Save (atomically) to ``path`` or the current file; OSError or ValueError if not."""
        target = Path(path) if path is not None else self._path
        if target is None:
            raise ValueError("no file name: use Save As")
        save_scenario(self._scenario, target, include_secrets=include_secrets)
        self._force_modified = False
        self._set_path(target)
        self.undo_stack.setClean()
        self._emit_modified()

    def mark_modified(self) -> None:
        """Flag the document as unsaved (a recovered autosave) without an edit."""
        self._force_modified = True
        self._emit_modified()

    def _set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.pathChanged.emit()

    def _clean_changed(self, _clean: bool) -> None:
        self._emit_modified()

    def _emit_modified(self) -> None:
        if self.modified != self._last_modified:
            self._last_modified = self.modified
            self.modifiedChanged.emit(self.modified)

    # --- display ------------------------------------------------------------------

    def set_state_names(self, naming: str) -> None:
        if naming not in STATE_NAMINGS or naming == self._state_names:
            return
        self._state_names = naming
        self._rebuild_diagram()
        self.displayChanged.emit()
        self.resultChanged.emit()

    def retranslate(self) -> None:
        """Compute the diagnosis and the diagram again (the language changed): the
        scenario, its undo history, the step and the selected row stay."""
        self._recompute()  # the same scenario: the same rows, so the step and row stay
        self.resultChanged.emit()

    def set_show_secrets(self, show: bool) -> None:
        if show == self._show_secrets:
            return
        self._show_secrets = show
        self._rebuild_diagram()
        self.displayChanged.emit()
        self.resultChanged.emit()

    # --- stepping and selection ---------------------------------------------------

    def set_step(self, step: int) -> None:
        """Reveal ``step`` rows (clamped); the row stepped to becomes the selected one."""
        step = max(0, min(step, self.row_count))
        if step != self._step:
            self._step = step
            self.stepChanged.emit(step)
        row = step - 1
        if self.diagram is not None and 0 <= row < len(self.diagram.rows) and \
                self.diagram.rows[row].kind is RowKind.GHOST:
            row = self.diagram.failing_row if self.diagram.failing_row is not None else -1
        self.set_selected_row(row)

    def stops(self) -> list[int]:
        """The steps the stepping stops at: each message or timeout, then (after a
        failure) all the messages that never came at once."""
        diagram = self.diagram
        if diagram is None:
            return [0]
        real = [r.index + 1 for r in diagram.rows if r.kind is not RowKind.GHOST]
        out = [0, *real]
        if out[-1] != len(diagram.rows):
            out.append(len(diagram.rows))
        return out

    def next_step(self) -> None:
        later = [s for s in self.stops() if s > self._step]
        self.set_step(later[0] if later else self.row_count)

    def previous_step(self) -> None:
        earlier = [s for s in self.stops() if s < self._step]
        self.set_step(earlier[-1] if earlier else 0)

    def first_step(self) -> None:
        self.set_step(0)

    def last_step(self) -> None:
        self.set_step(self.row_count)

    @property
    def at_end(self) -> bool:
        return self._step >= self.row_count

    def set_selected_row(self, row: int) -> None:
        row = row if 0 <= row < self.row_count else -1
        if row != self._selected:
            self._selected = row
            self.selectionChanged.emit(row)

    # --- computing ----------------------------------------------------------------

    def _recompute(self, *, at_end: bool = False) -> None:
        was_at_end = at_end or self._step >= self.row_count
        started = time.perf_counter()
        self.run = self.diagnosis = self.diagram = None
        self.error = ""
        try:
            missing = self._missing_psk()
            if missing:
                raise _MissingKey(missing)
            self.run = run_scenario(self._scenario, self.profiles)
            self.diagnosis = diagnose(self.run)
        except Exception as exc:  # noqa: BLE001 - any engine refusal is shown, not raised
            self.run = None
            self.diagnosis = None
            self.error = f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
        self._rebuild_diagram(emit=False)
        self.compute_ms = (time.perf_counter() - started) * 1000.0
        count = self.row_count
        step = count if was_at_end else min(self._step, count)
        if step != self._step:
            self._step = step
            self.stepChanged.emit(step)
        if self._selected >= count:
            self._selected = -1
            self.selectionChanged.emit(-1)

    def _missing_psk(self) -> str:
        """Why the scenario cannot run for want of a pre-shared key, "" when it has them. In
        the window, an empty key field is something to fill in (the engine's own message is
        about a key left out of a file, to give when the file is opened)."""
        names = [g.name for g in (self._scenario.left, self._scenario.right)
                 if g.auth is AuthKind.PSK and not g.psk]
        if not names:
            return ""
        if len(names) == 2:
            return self.tr("{left} and {right}: the pre-shared keys are empty: enter each "
                           "gateway's key (Authentication, Pre-shared key)").format(
                left=names[0], right=names[1])
        return self.tr("{name}: the pre-shared key is empty: enter it in the gateway's "
                       "settings (Authentication, Pre-shared key)").format(name=names[0])

    def _rebuild_diagram(self, *, emit: bool = False) -> None:
        if self.run is None or self.diagnosis is None:
            self.diagram = None
            return
        try:
            self.diagram = build_diagram(self.run, self.diagnosis,
                                         state_names=self._state_names,  # type: ignore[arg-type]
                                         show_secrets=self._show_secrets)
        except Exception as exc:  # noqa: BLE001 - shown in the window
            self.diagram = None
            self.error = self.tr("cannot draw the diagram: {error}").format(error=exc)

    @property
    def problem(self) -> str:
        """Why the scenario could not be written to a file as it is (e.g. an empty PSK),
        "" when it can (worked out when first asked, once per scenario)."""
        if self._problem is None or self._problem[0] is not self._scenario:
            try:
                dumps_scenario(self._scenario)
                text = ""
            except ValueError as exc:
                text = str(exc).removeprefix("cannot save this scenario: ").removeprefix(
                    "<scenario>: ")
            self._problem = (self._scenario, text)
        return self._problem[1]
