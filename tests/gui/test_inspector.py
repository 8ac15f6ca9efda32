"""The message inspector: field tree, linked hex view, derivations, masking, states."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QWidget,
)

from ikeviz.gui.hexview import HexView  # noqa: E402
from ikeviz.gui.inspector import MASK, Inspector, field_tooltip, is_secret_name  # noqa: E402
from ikeviz.protocol.codec import (  # noqa: E402
    HEADER_LENGTH,
    FieldSpan,
    Hash,
    decode_message,
    decode_payloads,
)
from ikeviz.protocol.events import MessageSent  # noqa: E402
from ikeviz.scenario.lessons import DEFAULT_SCENARIO, bundled_lessons  # noqa: E402
from ikeviz.scenario.profiles import builtin_profiles  # noqa: E402
from ikeviz.simulation import ScenarioRun, run_scenario  # noqa: E402

# The offscreen platform plugin itself says this whenever a top-level widget is
# shown; it is about the plugin, not about the widgets under test.
_PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture(autouse=True)
def qt_messages(qapp: object) -> Iterator[list[tuple[QtMsgType, str]]]:
    """Record every Qt message of a test and fail it on any warning."""
    records: list[tuple[QtMsgType, str]] = []

    previous = None

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        records.append((kind, message))
        if previous is not None:  # pytest-qt's own capture (qtlog) sees it too
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    yield records
    qInstallMessageHandler(previous)
    bad = [m for k, m in records
           if k in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
           and m not in _PLATFORM_NOISE]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture(scope="module")
def runs() -> dict[str, ScenarioRun]:
    profiles = builtin_profiles()
    lessons = {entry.name: entry for entry in bundled_lessons(profiles)}
    return {name: run_scenario(lessons[name].scenario, profiles)
            for name in (DEFAULT_SCENARIO, "wrong-psk")}


def _sent(run: ScenarioRun, label: str, retransmission: int = 0) -> MessageSent:
    return next(e for e in run.trace.events if isinstance(e, MessageSent) and e.label == label
                and e.retransmission == retransmission)


@pytest.fixture
def inspector(qtbot: object) -> Inspector:
    widget = Inspector()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)  # type: ignore[attr-defined]
    return widget


def _rows(view: QTreeView) -> list[tuple[int, str, str, str]]:
    """(depth, field, value, tooltip) of every row of the tree, in order."""
    model = view.model()
    out: list[tuple[int, str, str, str]] = []

    def visit(parent: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(parent)):
            field = model.index(row, 0, parent)
            value = model.index(row, 1, parent)
            out.append((depth, str(field.data() or ""), str(value.data() or ""),
                        str(field.data(Qt.ItemDataRole.ToolTipRole) or "")))
            visit(field, depth + 1)

    visit(QModelIndex(), 0)
    return out


def _all_text(root: QWidget) -> str:
    """Every text any widget under ``root`` shows or holds (labels, trees, tooltips...)."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit):
            texts += [widget.toPlainText(), widget.toHtml()]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, HexView):
            texts.append(widget.text())
        if isinstance(widget, QTreeWidget):
            for i in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(i)
                for c in range(widget.columnCount()):
                    texts += [item.text(c), item.toolTip(c)]
        elif isinstance(widget, QTreeView):
            texts += [" ".join(row[1:]) for row in _rows(widget)]
    return "\n".join(t for t in texts if t)


def _psk_forms(run: ScenarioRun) -> list[str]:
    forms = []
    for psk in {run.configs.initiator.psk, run.configs.responder.psk}:
        assert psk
        hex_text = psk.hex()
        forms += [psk.decode(), hex_text, " ".join(hex_text[i:i + 8]
                                                   for i in range(0, len(hex_text), 8))]
    return forms


# --- the tree ---------------------------------------------------------------------------


def test_mm1_tree_has_the_sa_with_its_attributes(inspector: Inspector,
                                                 runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "MM1"))
    rows = _rows(inspector.tree_view)
    assert rows[0][1].startswith("ISAKMP: Identity Protection (Main Mode) (2)")
    # The header comes first, in wire order.
    assert [r[1] for r in rows[1:4]] == ["Initiator cookie", "Responder cookie", "Next payload"]
    fields = {r[1]: r[2] for r in rows}
    assert fields["Exchange type"] == "Identity Protection (Main Mode) (2)"
    assert fields["Next payload"] == "Security Association (SA) (1)"
    assert any(r[1].startswith("Payload: Security Association (SA) (1)") for r in rows)
    assert any(r[1] == "Proposal: # 1 PROTO_ISAKMP (1)" for r in rows)
    attributes = [r[1] for r in rows if r[1].startswith("Attribute: ")]
    assert attributes == [
        "Attribute: Encryption-Algorithm = 3DES-CBC (5)",
        "Attribute: Hash-Algorithm = SHA (2)",
        "Attribute: Group-Description = Alternate 1024-bit MODP group (2)",
        "Attribute: Authentication-Method = Pre-shared key (1)",
        "Attribute: Life-Type = seconds (1)",
        "Attribute: Life-Duration = 28800",
    ]
    assert inspector.hex_view.data() == _sent(run, "MM1").data
    assert not inspector.hex_tabs.isTabVisible(1)  # no plaintext for a cleartext message


def test_tooltips_explain_fields_with_their_rfc(inspector: Inspector,
                                               runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "MM1"))
    tips = {r[1]: r[3] for r in _rows(inspector.tree_view)}
    assert "RFC 2408 §3.1: the exchange type; 2 = Identity Protection (Main Mode)" in (
        tips["Exchange type"])
    assert "RFC 2409 App. A" in tips["Attribute: Encryption-Algorithm = 3DES-CBC (5)"]
    assert "Diffie-Hellman group" in tips[
        "Attribute: Group-Description = Alternate 1024-bit MODP group (2)"]
    assert "RFC 2408 §3.4" in tips["Payload: Security Association (SA) (1): 1 proposal(s)  [SA]"]
    node = inspector.message_tree().find("header.exchange_type")  # type: ignore[union-attr]
    assert node is not None
    assert field_tooltip(node) == (
        "RFC 2408 §3.1: the exchange type; 2 = Identity Protection (Main Mode)")


@pytest.mark.parametrize("path", [
    "SA.proposal[0].transform[0].attribute[0]",
    "SA.proposal[0].transform[0].attribute[5]",
    "SA.proposal[0].transform[0]",
    "SA",
    "header.exchange_type",
    "header.icookie",
])
def test_selecting_a_field_highlights_exactly_its_bytes(inspector: Inspector,
                                                        runs: dict[str, ScenarioRun],
                                                        path: str) -> None:
    run = runs[DEFAULT_SCENARIO]
    event = _sent(run, "MM1")
    spans: list[FieldSpan] = []
    decode_message(event.data, spans=spans)
    span = next(s for s in spans if s.path == path)
    inspector.set_message(run, event)
    assert inspector.select_path(path)
    assert inspector.current_node().path == path  # type: ignore[union-attr]
    assert inspector.hex_view.highlight() == (span.start, span.end)
    assert inspector.hex_view.highlighted_bytes() == event.data[span.start:span.end]
    assert inspector.hex_tabs.currentWidget() is inspector.hex_view


def test_clicking_a_byte_selects_the_deepest_field(qtbot: object, inspector: Inspector,
                                                   runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    event = _sent(run, "MM1")
    spans: list[FieldSpan] = []
    decode_message(event.data, spans=spans)
    by_path = {s.path: s for s in spans}
    inspector.set_message(run, event)
    view = inspector.hex_view
    attribute = by_path["SA.proposal[0].transform[0].attribute[0]"]
    attribute_type = by_path["SA.proposal[0].transform[0].attribute[0].type"]
    cases = [
        (attribute_type.start, "SA.proposal[0].transform[0].attribute[0].type"),
        (attribute.end - 1, "SA.proposal[0].transform[0].attribute[0]"),  # the value bytes
        (by_path["header.exchange_type"].start, "header.exchange_type"),
        (by_path["SA.doi"].start + 2, "SA.doi"),
    ]
    for address, expected in cases:
        rect = view.byte_rect(address)
        assert not rect.isEmpty()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                         pos=rect.center())
        node = inspector.current_node()
        assert node is not None and node.path == expected, (address, node)
        span = by_path[expected]
        assert view.highlight() == (span.start, span.end)
    # The ASCII column works too.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=view.ascii_rect(by_path["header.message_id"].start + 1).center())
    assert inspector.current_node().path == "header.message_id"  # type: ignore[union-attr]


# --- MM5: decrypted payloads, derivations, masking ------------------------------------------


def test_mm5_shows_the_decrypted_payloads(qtbot: object, inspector: Inspector,
                                          runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    event = _sent(run, "MM5")
    inspector.set_message(run, event)
    rows = _rows(inspector.tree_view)
    assert any(r[1] == "Encrypted payloads" for r in rows)
    top = [r[1] for r in rows if r[0] == 0]
    assert top[0].startswith("ISAKMP: ") and top[1].startswith("Decrypted payloads: ")
    assert any(r[1].startswith("Payload: Identification (ID) (5)") and r[1].endswith("[IDii]")
               for r in rows)
    assert any(r[1].startswith("Payload: Hash (HASH) (8)") and r[1].endswith("[HASH_I]")
               for r in rows)
    assert inspector.hex_tabs.isTabVisible(1)
    assert inspector.plaintext_view.data() == event.plaintext

    # The plaintext's offsets: the codec's spans of the decrypted chain.
    spans: list[FieldSpan] = []
    payloads, _ = decode_payloads(event.plaintext, event.message.header.next_payload,
                                  spans=spans, base_offset=HEADER_LENGTH)
    hash_payload = next(p for p in payloads if isinstance(p, Hash))
    span = next(s for s in spans if s.path == "HASH.data")
    assert inspector.select_path("HASH.data", decrypted=True)
    assert inspector.hex_tabs.currentWidget() is inspector.plaintext_view
    assert inspector.plaintext_view.highlight() == (span.start, span.end)
    assert inspector.plaintext_view.highlighted_bytes() == hash_payload.data
    assert inspector.hex_view.highlight() is None

    # Clicking a plaintext byte selects the decrypted field.
    id_span = next(s for s in spans if s.path == "ID.data")
    view = inspector.plaintext_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[attr-defined]
                     pos=view.byte_rect(id_span.start).center())
    assert inspector.current_node().path == "ID.data"  # type: ignore[union-attr]
    assert inspector.current_buffer() == "plaintext"


def test_mm5_derivations_with_formula_masked_until_revealed(inspector: Inspector,
                                                            runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "MM5"))
    derivations = {d.name: d for _, d in inspector.derivations()}
    for name in ("SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "Ka", "phase-1 IV", "HASH_I"):
        assert name in derivations
    skeyid_e = derivations["SKEYID_e"]
    text = inspector.keys_view.toPlainText()
    assert "SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)" in text
    assert "RFC 2409 §5" in text and "RFC 2409 App. B" in text
    # Where the values go: the hash sent, the IV used (compared byte for byte).
    assert "\u2192 sent in MM5 as HASH_I" in text
    assert "\u2192 the IV MM5 is encrypted with" in text

    def grouped(value: bytes) -> str:
        h = value.hex()
        return " ".join(h[i:i + 8] for i in range(0, len(h), 8))

    # Masked: every key; shown: public values (nonces, cookies, hashes).
    assert f"{MASK} ({len(skeyid_e.output)} bytes)" in text
    for name in ("SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "Ka"):
        assert grouped(derivations[name].output) not in text, name
    g_xy = dict(derivations["SKEYID_d"].inputs)["g^xy"]
    assert grouped(g_xy) not in text
    ni_b = dict(derivations["SKEYID"].inputs)["Ni_b"]
    assert grouped(ni_b) in text
    assert grouped(derivations["HASH_I"].output) in text
    assert grouped(derivations["phase-1 IV"].output) in text

    inspector.set_reveal_secrets(True)
    assert inspector.reveal_box.isChecked()
    text = inspector.keys_view.toPlainText()
    for name in ("SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "Ka"):
        assert grouped(derivations[name].output) in text, name
    assert grouped(g_xy) in text
    assert MASK not in text

    inspector.set_reveal_secrets(False)
    assert grouped(skeyid_e.output) not in inspector.keys_view.toPlainText()


def test_psk_never_shown_unless_revealed(inspector: Inspector,
                                         runs: dict[str, ScenarioRun]) -> None:
    for run in runs.values():
        forms = _psk_forms(run)
        for event in run.trace.events:
            if not isinstance(event, MessageSent):
                continue
            inspector.set_message(run, event)
            for path in ("HASH.data", "ID.data"):
                inspector.select_path(path, decrypted=True)
            shown = _all_text(inspector)
            for form in forms:
                assert form not in shown, (event.label, form)
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "MM5"))
    assert "oxo-lab-2026" not in _all_text(inspector)
    inspector.reveal_box.click()  # the user checks "Reveal secrets"
    assert "oxo-lab-2026" in inspector.keys_view.toPlainText()
    inspector.set_message(run, _sent(run, "MM5"))  # a new selection starts masked again
    assert "oxo-lab-2026" not in _all_text(inspector)
    inspector.set_message(run, _sent(run, "MM5"), reveal_secrets=True)
    assert "oxo-lab-2026" in _all_text(inspector)


def test_secret_names() -> None:
    for name in ("pre-shared-key", "SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "Ka", "K1",
                 "g^xy", "g(qm)^xy", "KEYMAT (SPI 3ad467d4)", "encryption key",
                 "integrity key", "DH private value"):
        assert is_secret_name(name), name
    for name in ("Ni_b", "Nr_b", "CKY-I", "CKY-R", "g^xi", "g^xr", "HASH_I", "HASH(1)",
                 "phase-1 IV", "IV for M-ID 0x01020304", "SPI", "M-ID", "SAi_b", "IDii_b",
                 "payloads after HASH", "last phase-1 block", "protocol"):
        assert not is_secret_name(name), name


# --- Quick Mode, states, clearing ---------------------------------------------------------------


def test_quick_mode_derivations(inspector: Inspector, runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "QM1"))
    names = [d.name for _, d in inspector.derivations()]
    assert "HASH(1)" in names
    assert any(n.startswith("IV for M-ID") for n in names)
    text = inspector.keys_view.toPlainText()
    assert "matches the HASH_R received in MM6" in text  # the initiator checked MM6 first
    assert "sent in QM1 as HASH(1)" in text
    inspector.set_message(run, _sent(run, "QM2"))
    names = [d.name for _, d in inspector.derivations()]
    assert "HASH(2)" in names and any(n.startswith("KEYMAT") for n in names)
    text = inspector.keys_view.toPlainText()
    assert "HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr" in text
    assert "IPsec SA keys" in text and "encryption key" in text
    keymat = next(d for _, d in inspector.derivations() if d.name.startswith("KEYMAT"))
    assert keymat.output.hex()[:8] not in text.replace(" ", "")
    inspector.set_message(run, _sent(run, "QM3"))
    names = [d.name for _, d in inspector.derivations()]
    assert "HASH(3)" in names


def test_states_after_each_message(inspector: Inspector, runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]

    def states() -> list[list[str]]:
        view = inspector.states_view
        return [[view.topLevelItem(i).text(c) for c in range(view.columnCount())]
                for i in range(view.topLevelItemCount())]

    inspector.set_message(run, _sent(run, "MM1"))
    initiator, responder = states()
    assert initiator[:5] == ["OXO Paris (initiator)", "WAIT_MM2", "CONNECTING", "STATE_MAIN_I1",
                             "MM_NO_STATE"]
    assert responder[1:5] == ["WAIT_MM3", "CONNECTING", "STATE_MAIN_R1", "MM_SA_SETUP"]
    inspector.set_message(run, _sent(run, "MM5"))
    initiator, responder = states()
    assert initiator[1:5] == ["WAIT_MM6", "CONNECTING", "STATE_MAIN_I3", "MM_KEY_EXCH"]
    assert responder[1:5] == ["WAIT_QM1", "ESTABLISHED", "STATE_MAIN_R3", "QM_IDLE"]
    assert responder[5] == "MM5 authenticated"
    inspector.set_message(run, _sent(run, "QM3"))
    initiator, responder = states()
    assert initiator[3] == "STATE_QUICK_I2" and responder[3] == "STATE_QUICK_R2"


def test_retransmission_shows_the_first_transmissions_keys(inspector: Inspector,
                                                          runs: dict[str, ScenarioRun]) -> None:
    run = runs["wrong-psk"]
    inspector.set_message(run, _sent(run, "MM5", retransmission=2))
    assert "sent again (2)" in inspector.title.text()
    assert "HASH_I" in [d.name for _, d in inspector.derivations()]


def test_clear(inspector: Inspector, runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "MM5"))
    inspector.clear()
    assert inspector.model.rowCount() == 0
    assert inspector.hex_view.data() == b""
    assert inspector.derivations() == []
    assert inspector.current_node() is None
    assert inspector.event_shown() is None


def test_renders_cleanly(inspector: Inspector, runs: dict[str, ScenarioRun],
                         tmp_path: os.PathLike[str]) -> None:
    run = runs[DEFAULT_SCENARIO]
    inspector.set_message(run, _sent(run, "MM5"))
    inspector.select_path("HASH.data", decrypted=True)
    image = inspector.grab()
    assert image.width() == 700 and image.height() == 600
    assert image.save(os.path.join(os.fspath(tmp_path), "inspector.png"))
