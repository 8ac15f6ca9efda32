"""File > Open Capture and File > Export Report, driven as a user drives them.

Real captures of tests/data/captures (strongSwan 5.9 against itself): E, a phase-1 DH group
mismatch in clear; I, a pre-shared key mismatch whose message 5 is encrypted (with its keys:
the Wireshark table of keys.json, or the initiator's charon log). A 50 MB capture written
here is cancelled at the first progress report.
"""

from __future__ import annotations

import html
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton

from ikeviz.capture.packets import build_ethernet, build_ipv4_udp
from ikeviz.capture.pcapfile import PcapWriter, read_frames
from ikeviz.gui.capture_import import CaptureOptionsDialog, CaptureReader, CaptureRequest
from ikeviz.gui.mainwindow import CAPTURE_PSK_PLACEHOLDER, MainWindow
from ikeviz.scenario.model import Side

CAPTURES = Path(__file__).resolve().parents[1] / "data" / "captures"
CASE_E = CAPTURES / "E-p1-mismatch-dhgroup"
CASE_I = CAPTURES / "I-psk-mismatch"
Button = QMessageBox.StandardButton


def read(window: MainWindow, qtbot: Any, request: CaptureRequest) -> CaptureReader:
    """Open a capture and wait for the worker thread to be done with it."""
    reader = window.open_capture(request)
    assert reader is not None
    assert not window.open_capture_action.isEnabled()  # one capture at a time
    qtbot.waitUntil(lambda: window.capture_reader is None, timeout=20_000)
    assert reader.isFinished()
    assert window.open_capture_action.isEnabled()
    return reader


def table_file(tmp_path: Path) -> Path:
    """The Wireshark IKEv1 decryption table of case I (both sides' Ka) from keys.json."""
    entries = json.loads((CASE_I / "keys.json").read_text(encoding="utf-8"))["tshark_uat"]
    path = tmp_path / "ikev1_decryption_table"
    path.write_text("".join(f"{e}\n" for e in entries), encoding="utf-8")
    return path


def message_rows(window: MainWindow) -> list[list[str]]:
    table = window.capture_panel.messages
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


# --- reading -----------------------------------------------------------------------------------


def test_open_capture_e_lists_the_negotiation_and_its_diagnosis(window: MainWindow,
                                                                 qtbot: Any) -> None:
    assert window.open_capture_action.shortcut().toString() == "Ctrl+Shift+O"
    reader = read(window, qtbot, CaptureRequest(str(CASE_E / "capture.pcap")))
    assert reader.result is not None and not reader.result.cancelled
    panel = window.capture_panel
    assert panel is not None and window.capture_dock is not None
    assert window.capture_dock.isVisible()
    assert "capture.pcap" in window.capture_dock.windowTitle()
    assert "2 frames" in panel.summary_label.text()
    assert "1 IKEv1 negotiation" in panel.summary_label.text()
    # The list: endpoints, outcome, failing message.
    assert panel.negotiation_list.topLevelItemCount() == 1
    item = panel.negotiation_list.topLevelItem(0)
    assert item.text(1) == "10.99.0.1 → 10.99.0.2"
    assert item.text(2) == "✗ failed"
    assert item.text(3) == "MM2"
    assert item.toolTip(3) == "Main Mode message 2 (NO-PROPOSAL-CHOSEN)"
    # The selected negotiation's messages, with the capture's own timestamps (UTC).
    rows = message_rows(window)
    assert [r[4] for r in rows] == ["MM1", "INFO"]
    assert rows[0][0] == "19:56:53.454904" and rows[1][0] == "19:56:53.456593"
    assert rows[1][1] == "0.002"
    assert rows[1][7] == "HDR, N(NO-PROPOSAL-CHOSEN)"
    assert "2026-11-26 19:56:53.454904 UTC" in panel.negotiation_title.text()
    # The capture's diagnosis: verdict, what is known, what is likely.
    assert "Failed at Main Mode message 2" in panel.verdict_label.text()
    details = panel.details.toPlainText()
    assert "Known" in details and "NO-PROPOSAL-CHOSEN (frame 2)" in details
    assert "Likely" in details and "the DH group is the usual culprit" in details
    assert panel.problems_heading.text() == "Malformed packets: none"
    assert window.statusBar().currentMessage() == "capture.pcap: 1 IKEv1 negotiation"


def test_open_as_scenario_then_apply_the_fix(window: MainWindow, qtbot: Any) -> None:
    read(window, qtbot, CaptureRequest(str(CASE_E / "capture.pcap")))
    panel = window.capture_panel
    # Naming the responder's product sets the refused offer against what it supports.
    panel.responder_combo.setCurrentIndex(panel.responder_combo.findData("cisco-ios"))
    assert "Cisco" in panel.details.toPlainText() or "Cisco" in panel.verdict_label.text()
    panel.open_button.click()
    doc = window.document
    assert doc.scenario.title == "capture.pcap: negotiation 1"
    assert doc.path is None and doc.modified  # new, untitled: Save asks where
    assert doc.scenario.left.address == "10.99.0.1"
    assert doc.scenario.right.address == "10.99.0.2"
    assert doc.scenario.right.profile == "cisco-ios"
    assert doc.scenario.left.psk == doc.scenario.right.psk == CAPTURE_PSK_PLACEHOLDER
    assert "pre-shared key is not in a capture" in doc.scenario.description
    # It runs as the capture went, and the technician can try the fix.
    assert doc.error == ""
    assert doc.diagnosis.failure_label == "MM2"
    assert doc.diagnosis.notify == "NO-PROPOSAL-CHOSEN"
    assert window.fix_action.isEnabled()
    window.fix_action.trigger()  # phase 1 now agrees...
    assert doc.diagnosis.established or not doc.diagnosis.failure_label.startswith("MM")
    for _ in range(3):  # ...and the next fixes bring the tunnel up
        if doc.diagnosis.established:
            break
        window.fix_action.trigger()
    assert doc.diagnosis.established
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.diagnosis.failure_label == "MM2"


@pytest.mark.parametrize("keys", ["wireshark table", "charon log"])
def test_open_capture_i_with_keys_decrypts_message_5(window: MainWindow, qtbot: Any,
                                                     tmp_path: Path, keys: str) -> None:
    if keys == "wireshark table":
        request = CaptureRequest(str(CASE_I / "capture.pcap"),
                                 wireshark_tables=(str(table_file(tmp_path)),))
    else:
        request = CaptureRequest(str(CASE_I / "capture.pcap"),
                                 charon_logs=(str(CASE_I / "initiator.log"),))
    read(window, qtbot, request)
    panel = window.capture_panel
    item = panel.negotiation_list.topLevelItem(0)
    assert item.text(3) == "MM5"
    rows = message_rows(window)
    assert [r[4] for r in rows] == ["MM1", "MM2", "MM3", "MM4", "MM5", "INFO", "MM5", "INFO",
                                    "MM5", "INFO"]
    assert rows[4][7].startswith("HDR*, IDii, HASH_I")  # decrypted
    assert rows[6][7].endswith("(again, 1)") or "(again, 1)" in rows[6][7]
    assert "pre-shared keys most likely differ" in panel.verdict_label.text()
    details = panel.details.toPlainText()
    assert "Decrypted with" in details
    assert "keys given" in panel.summary_label.text()


def test_without_keys_encrypted_messages_show_their_size(window: MainWindow,
                                                         qtbot: Any) -> None:
    read(window, qtbot, CaptureRequest(str(CASE_I / "capture.pcap")))
    rows = message_rows(window)
    assert rows[4][7].startswith("HDR*, encrypted (")
    assert "no keys given" in window.capture_panel.summary_label.text()


def test_malformed_packets_are_listed(window: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "with-junk.pcap"
    with path.open("wb") as handle:
        writer = PcapWriter(handle, 1)
        frames = list(read_frames(CASE_E / "capture.pcap"))
        for frame in frames:
            writer.write(frame.timestamp_ns, frame.data)
        junk = build_ethernet(build_ipv4_udp("10.99.0.1", "10.99.0.2", 500, 500,
                                             b"\x01" * 40), 0x0800)
        writer.write(frames[-1].timestamp_ns + 1000, junk)
    read(window, qtbot, CaptureRequest(str(path)))
    panel = window.capture_panel
    assert panel.problem_list.isVisible()
    assert panel.problem_list.count() == 1
    assert panel.problem_list.item(0).text().startswith("frame 3: ")
    assert panel.problems_heading.text() == "Malformed packets (1)"
    assert panel.negotiation_list.topLevelItemCount() == 1


# --- what cannot be read ----------------------------------------------------------------------


def test_a_file_that_is_not_a_capture_names_the_problem(window: MainWindow, qtbot: Any,
                                                        tmp_path: Path, dialogs: Any) -> None:
    bad = tmp_path / "notes.pcap"
    bad.write_text("these are notes, not packets\n", encoding="utf-8")
    dialogs.answer("warning", Button.Ok)
    read(window, qtbot, CaptureRequest(str(bad)))
    kind, title, text = dialogs.calls[-1]
    assert (kind, title) == ("warning", "Cannot open the capture")
    assert text.startswith(f"{bad}: ") and "not a pcap or pcapng file" in text
    assert "\n" not in text  # one line
    assert window.capture_dock is None  # nothing to show
    assert window.isVisible() and window.open_capture_action.isEnabled()
    # The application goes on: another capture opens.
    read(window, qtbot, CaptureRequest(str(CASE_E / "capture.pcap")))
    assert window.capture_panel.negotiation_list.topLevelItemCount() == 1


def test_a_missing_capture_and_a_bad_key_file(window: MainWindow, qtbot: Any, tmp_path: Path,
                                              dialogs: Any) -> None:
    dialogs.answer("warning", Button.Ok)
    missing = tmp_path / "missing.pcap"
    read(window, qtbot, CaptureRequest(str(missing)))
    assert dialogs.calls[-1][2] == f"{missing}: byte 0: cannot open: No such file or directory" \
        or dialogs.calls[-1][2].startswith(f"{missing}: ")
    keys = tmp_path / "keys.txt"
    keys.write_text("not,hex,at all\n", encoding="utf-8")
    read(window, qtbot, CaptureRequest(str(CASE_I / "capture.pcap"),
                                       wireshark_tables=(str(keys),)))
    assert dialogs.calls[-1][2].startswith(f"{keys}:1: ")
    read(window, qtbot, CaptureRequest(str(CASE_I / "capture.pcap"),
                                       charon_logs=(str(CASE_E / "summary.txt"),)))
    assert "not a charon log" in dialogs.calls[-1][2]
    assert [c[1] for c in dialogs.calls] == ["Cannot open the capture"] * 3


# --- the dialogs ------------------------------------------------------------------------------


def test_the_options_dialog_gives_the_request(qtbot: Any, window: MainWindow) -> None:
    dialog = CaptureOptionsDialog(window, str(CASE_I / "capture.pcap"),
                                  window.document.profiles, responder_profile="omnipcx-office")
    qtbot.addWidget(dialog)
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert open_button.isEnabled()
    dialog.psk.setText("ikev1-lab-psk")
    assert not open_button.isEnabled()  # a PSK needs the DH secret
    assert "DH shared secret" in dialog.problem.text()
    dialog.dh_secret.setText("4774ea34b4d2")
    dialog.charon_log.edit.setText(str(CASE_I / "initiator.log"))
    assert open_button.isEnabled()
    request = dialog.request()
    assert request.path == str(CASE_I / "capture.pcap")
    assert request.charon_logs == (str(CASE_I / "initiator.log"),)
    assert request.psk == "ikev1-lab-psk" and request.dh_secrets == ("4774ea34b4d2",)
    assert request.responder_profile == "omnipcx-office"
    assert request.initiator_profile == "strongswan-5.9"
    assert "ikev1-lab-psk" not in repr(request)  # kept out of logs and crash reports
    dialog.capture.edit.setText("")
    assert not open_button.isEnabled()


def test_file_menu_open_capture_asks_for_the_file_then_the_keys(
        window: MainWindow, qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: (str(CASE_I / "capture.pcap"), "")))
    asked: list[CaptureOptionsDialog] = []

    def fill(dialog: CaptureOptionsDialog) -> int:
        asked.append(dialog)
        dialog.charon_log.edit.setText(str(CASE_I / "initiator.log"))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(CaptureOptionsDialog, "exec", fill)
    window.open_capture_action.trigger()
    assert asked and asked[0].capture.text() == str(CASE_I / "capture.pcap")
    qtbot.waitUntil(lambda: window.capture_reader is None, timeout=20_000)
    assert "Decrypted with" in window.capture_panel.details.toPlainText()


# --- cancelling a big capture -----------------------------------------------------------------

BIG = 50 * 1024 * 1024


def write_junk_capture(path: Path) -> int:
    """About 50 MB of small UDP datagrams to port 53: frames the reader must go through."""
    frame = build_ethernet(build_ipv4_udp("10.0.0.1", "10.0.0.2", 40000, 53, bytes(120)),
                           0x0800)
    chunk = io.BytesIO()
    writer = PcapWriter(chunk, 1)
    count = 0
    while chunk.tell() < 1024 * 1024:
        writer.write(1_700_000_000_000_000_000 + count * 1000, frame)
        count += 1
    records = chunk.getvalue()[24:]
    with path.open("wb") as handle:
        handle.write(chunk.getvalue()[:24])
        while handle.tell() < BIG:
            handle.write(records)
    return path.stat().st_size


def test_cancel_stops_the_reader_and_the_window_stays_responsive(
        window: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "big.pcap"
    size = write_junk_capture(path)
    # The window's own start-up work done first (the inspector is made after the first
    # paint): what is measured below is the reading only.
    qtbot.waitUntil(lambda: window.first_paint_time is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.inspector is not None or window.inspector_dock is None,
                    timeout=5000)
    qtbot.wait(20)
    ticks: list[float] = []
    ticker = QTimer(window)
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    started = time.perf_counter()
    reader = window.open_capture(CaptureRequest(str(path)))
    assert reader is not None
    assert time.perf_counter() - started < 0.5  # the window does not wait for the reader
    progress = window.capture_progress
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    seen: list[tuple[int, int]] = []
    running: list[bool] = []

    def first_report(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 1:
            running.append(reader.isRunning())  # the GUI thread runs while the worker reads
            cancel.click()  # the user presses Cancel at the first report

    reader.progressed.connect(first_report)
    qtbot.waitUntil(lambda: window.capture_reader is None, timeout=20_000)
    ticker.stop()
    assert reader.isFinished()
    assert reader.cancel_event.is_set()
    result = reader.result
    assert running == [True]
    assert result is not None and result.cancelled
    assert seen and seen[0][1] == size
    assert result.analysis.bytes_read < size // 2  # it stopped early, not at the end
    assert window.capture_dock is None  # nothing shown for a cancelled reading
    assert window.statusBar().currentMessage() == \
        "Cancelled: big.pcap was not read to its end"
    # The event loop kept running while the worker read: the timer never stalled.
    gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
    assert ticks and max(gaps) < 1.0
    # And the window still answers.
    window.document.first_step()
    window.next_action.trigger()
    assert window.document.step == 1
    assert window.open_capture_action.isEnabled()


def test_closing_the_window_stops_a_reading(qtbot: Any, tmp_path: Path,
                                            default_scenario: Any) -> None:
    from ikeviz.gui.document import Document

    path = tmp_path / "big.pcap"
    write_junk_capture(path)
    win = MainWindow(Document(default_scenario), autosave_path=tmp_path / "a.toml",
                     restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    reader = win.open_capture(CaptureRequest(str(path)))
    assert reader is not None
    win.close()
    assert reader.isFinished() and reader.cancel_event.is_set()
    assert win.capture_reader is None


# --- the report -----------------------------------------------------------------------------


def test_export_report_writes_the_verdict(window: MainWindow, tmp_path: Path,
                                          monkeypatch: Any) -> None:
    from tests.gui.test_mainwindow import set_right_group

    set_right_group(window, 14)
    verdict = window.document.diagnosis.verdict
    assert verdict.startswith("Failed at Main Mode message 2")
    target = tmp_path / "lab-report"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "HTML report (*.html)")))
    assert window.export_report_action.shortcut().toString() == "Ctrl+Shift+R"
    window.export_report_action.trigger()
    written = tmp_path / "lab-report.html"
    assert written.exists()
    text = written.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") or text.lower().startswith("<!doctype html>")
    assert html.escape(verdict, quote=False) in text
    psk = window.document.scenario.gateway(Side.RIGHT).psk
    assert psk and psk not in text  # never the pre-shared keys
    assert window.statusBar().currentMessage() == f"Exported the report {written}"


def test_export_report_of_a_scenario_that_cannot_run(window: MainWindow, tmp_path: Path,
                                                     dialogs: Any) -> None:
    from dataclasses import replace

    doc = window.document
    doc.edit(replace(doc.scenario, left=replace(doc.scenario.left, psk=None)), "no PSK")
    assert doc.run is None
    assert not window.export_report(tmp_path / "r.html")
    dialogs.answer("information", Button.Ok)
    window.export_report_dialog()
    assert dialogs.titles() == ["Nothing to report"]
    assert not (tmp_path / "r.html").exists()


def test_a_damaged_capture_shows_what_was_read_before_the_fault(
        window: MainWindow, qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    data = (CASE_E / "capture.pcap").read_bytes()
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(data[:-20])  # the last record ends early
    dialogs.answer("warning", Button.Ok)
    read(window, qtbot, CaptureRequest(str(cut)))
    kind, title, text = dialogs.calls[-1]
    assert title == "The capture is damaged"
    assert text.startswith(f"{cut}: ") and "read before the fault are shown" in text
    panel = window.capture_panel
    assert panel.negotiation_list.topLevelItemCount() == 1
    assert [r[4] for r in message_rows(window)] == ["MM1"]
    assert "could not be read to its end" in panel.summary_label.text()


def test_a_bug_in_the_reader_thread_reaches_the_crash_dialog(
        window: MainWindow, qtbot: Any, monkeypatch: Any) -> None:
    from ikeviz.gui import capture_import
    from ikeviz.gui.crash import CrashDialog, install_crash_handler

    def broken(request: CaptureRequest, *_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError(f"a bug in the reader, with {request.psk}")

    monkeypatch.setattr(capture_import, "load_capture", broken)
    reports: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: reports.append(self.report) or 0)
    handler = install_crash_handler(window)
    try:
        window.open_capture(CaptureRequest(str(CASE_E / "capture.pcap"), psk="lab-secret-1",
                                           dh_secrets=("00ff",)))
        qtbot.waitUntil(lambda: bool(reports) and window.capture_reader is None,
                        timeout=10_000)
    finally:
        handler.uninstall()
    assert "ZeroDivisionError: a bug in the reader, with «secret»" in reports[0]
    assert "lab-secret-1" not in reports[0]
    assert window.capture_progress is None and window.open_capture_action.isEnabled()
    assert window.isVisible()
