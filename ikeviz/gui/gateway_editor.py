"""The editor of one gateway: profile, identity, authentication, proposals, behaviour.

It shows ``document.scenario.gateway(side)`` and writes every change back as
a new scenario through :meth:`Document.edit` (so every change is undoable and
re-runs the negotiation at once). It offers only what the gateway's profile
supports; what the profile fixes is shown disabled, with a tooltip that says
why.
"""

from __future__ import annotations

import typing
from dataclasses import fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ikeviz.gui import choices as ch
from ikeviz.gui.document import Document
from ikeviz.gui.proposals import (
    PHASE1_COLUMNS,
    PHASE2_COLUMNS,
    ProposalTable,
    default_phase1,
    default_phase2,
)
from ikeviz.gui.widgets import ChoiceCombo, plural
from ikeviz.i18n import current_language
from ikeviz.protocol.config import Behaviour, ChildProposal, IkeProposal
from ikeviz.protocol.registry import AuthMethod
from ikeviz.scenario.convert import behaviour_for, derived_phase2
from ikeviz.scenario.fileformat import ScenarioFileError, dumps_scenario
from ikeviz.scenario.model import AuthKind, Gateway, Side
from ikeviz.scenario.profiles import Profile
from ikeviz.scenario.translations import localized_profile

_BEHAVIOUR_HINTS = typing.get_type_hints(Behaviour)


def _auth_method(kind: AuthKind) -> int:
    return int(AuthMethod.PSK if kind is AuthKind.PSK else AuthMethod.RSA_SIG)


def _phase1_supported(proposal: IkeProposal, profile: Profile) -> bool:
    s = profile.supported
    return (proposal.encryption in s.encryption and proposal.hash in s.hash
            and proposal.group in s.groups
            and (proposal.key_length is None or proposal.key_length in s.aes_key_lengths))


def _phase2_supported(proposal: ChildProposal, profile: Profile) -> bool:
    s = profile.supported
    return (proposal.protocol in s.protocols and proposal.encapsulation in s.modes
            and (proposal.pfs_group is None or proposal.pfs_group in s.groups)
            and all(t.transform_id in s.esp_encryption and t.auth_algorithm in s.esp_integrity
                    for t in proposal.transforms))


def monospace_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    return font


class PemEdit(QWidget):
    """A PEM block: a small monospace text box and a button to load it from a file."""

    edited = Signal(object)  # str or None

    def __init__(self, what: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.text = QPlainTextEdit(self)
        self.text.setFont(monospace_font())
        self.text.setTabChangesFocus(True)  # no tab in PEM text: Tab goes on to the next field
        self.text.setPlaceholderText(f"-----BEGIN {what}-----")
        self.text.setToolTip(tip)
        noun = {"PRIVATE KEY": self.tr("private key"), "PUBLIC KEY": self.tr("public key"),
                "CERTIFICATE": self.tr("certificate")}
        self.noun = noun.get(what, what.lower())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.textChanged.connect(self._changed)
        self.load_button = QToolButton(self)
        self.load_button.setText(self.tr("Load…"))
        self.load_button.setToolTip(self.tr("Read the {what} from a PEM file").format(
            what=self.noun))
        self.load_button.clicked.connect(self._load)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignTop)
        self._loading = False

    def set_pem(self, value: str | None) -> None:
        if self.text.toPlainText() != (value or ""):
            self._loading = True
            try:
                self.text.setPlainText(value or "")
            finally:
                self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            text = self.text.toPlainText()
            self.edited.emit(text if text.strip() else None)

    def _load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load the {what}").format(what=self.noun), "",
            self.tr("PEM files (*.pem *.crt *.key *.pub)") + ";;" + self.tr("All files (*)"))
        if path:
            try:
                self.text.setPlainText(Path(path).read_text(encoding="ascii"))
            except (OSError, UnicodeDecodeError) as exc:
                self.text.setToolTip(self.tr("cannot read {path}: {error}").format(
                    path=path, error=exc))


class GatewayEditor(QScrollArea):
    """The editor of the gateway on ``side`` of the document's scenario."""

    def __init__(self, document: Document, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.side = side
        self.setObjectName(f"{side.value}GatewayEditor")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A dock narrower than the fields (a small window) scrolls instead of cutting them.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._shown: tuple[object, ...] | None = None
        self._sections: dict[str, tuple[object, ...]] = {}
        self._invalid: dict[str, str] = {}

        body = QWidget(self)
        body.setObjectName("editorBody")
        self.body = body
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 6)
        layout.setSpacing(6)

        # --- the gateway ---
        box, form = self._group(self.tr("Gateway"))
        self.profile_combo = ChoiceCombo(box)
        self.profile_combo.setObjectName("profile")
        self.profile_combo.valueChanged.connect(self._profile_chosen)
        form.addRow(self.tr("Profile"), self.profile_combo)
        self.name_edit = self._line("name", "name")
        self.name_edit.textEdited.connect(self._name_edited)
        form.addRow(self.tr("Name"), self.name_edit)
        self.address_edit = self._line("address", "address")
        self.address_edit.setPlaceholderText("192.0.2.1")
        self.address_edit.editingFinished.connect(lambda: self._text_committed("address"))
        form.addRow(self.tr("Address"), self.address_edit)
        layout.addWidget(box)

        # --- identity ---
        box, form = self._group(self.tr("Identity (phase 1)"))
        self.identity_type = ChoiceCombo(box)
        self.identity_type.setObjectName("identity_type")
        self.identity_type.valueChanged.connect(
            lambda v: self._set("identity_type", v,
                                self.tr("Set {name}'s identity type to {value}"), shown=v))
        self.identity_edit = self._line("identity", "identity")
        self.identity_edit.editingFinished.connect(lambda: self._text_committed("identity"))
        form.addRow(self.tr("Sends"), self._pair(self.identity_type, self.identity_edit))
        self.peer_identity_type = ChoiceCombo(box)
        self.peer_identity_type.setObjectName("peer_identity_type")
        self.peer_identity_type.valueChanged.connect(
            lambda v: self._set("peer_identity_type", v,
                                self.tr("Set {name}'s expected peer identity type to {value}"),
                                shown=v))
        self.peer_identity_edit = self._line("peer_identity", "peer_identity")
        self.peer_identity_edit.editingFinished.connect(
            lambda: self._text_committed("peer_identity"))
        form.addRow(self.tr("Expects"), self._pair(self.peer_identity_type,
                                                   self.peer_identity_edit))
        self.identity_box = box
        layout.addWidget(box)

        # --- authentication ---
        box, form = self._group(self.tr("Authentication"))
        self.auth_combo = ChoiceCombo(box)
        self.auth_combo.setObjectName("auth")
        self.auth_combo.setToolTip(ch.TIPS["auth"])
        self.auth_combo.valueChanged.connect(self._auth_chosen)
        form.addRow(self.tr("Method"), self.auth_combo)
        self.psk_edit = self._line("psk", "psk")
        self.psk_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.psk_edit.setPlaceholderText(self.tr("required: type the key"))
        self.psk_edit.textEdited.connect(self._psk_edited)
        self.psk_show = QToolButton(box)
        self.psk_show.setObjectName("showPsk")
        self.psk_show.setText(self.tr("Show"))
        self.psk_show.setCheckable(True)
        self.psk_show.setToolTip(self.tr("Show or hide the pre-shared key"))
        self.psk_show.toggled.connect(self._toggle_psk)
        self.psk_row = self._pair(self.psk_edit, self.psk_show, stretch_first=True)
        form.addRow(self.tr("Pre-shared key"), self.psk_row)
        self.private_key = PemEdit("PRIVATE KEY", ch.TIPS["private_key"])
        self.private_key.edited.connect(
            lambda v: self._set("private_key_pem", v, self.tr("Set {name}'s private key"),
                                merge=True))
        form.addRow(self.tr("Private key"), self.private_key)
        self.peer_public_key = PemEdit("PUBLIC KEY", ch.TIPS["peer_public_key"])
        self.peer_public_key.edited.connect(
            lambda v: self._set("peer_public_key_pem", v,
                                self.tr("Set {name}'s peer's public key"), merge=True))
        form.addRow(self.tr("Peer public key"), self.peer_public_key)
        self.certificate = PemEdit("CERTIFICATE", ch.TIPS["certificate"])
        self.certificate.edited.connect(
            lambda v: self._set("certificate_pem", v, self.tr("Set {name}'s certificate"),
                                merge=True))
        form.addRow(self.tr("Certificate"), self.certificate)
        self.ca = PemEdit("CERTIFICATE", ch.TIPS["ca"])
        self.ca.edited.connect(lambda v: self._set("ca_pem", v,
                                                   self.tr("Set {name}'s trusted CA"),
                                                   merge=True))
        form.addRow(self.tr("Trusted CA"), self.ca)
        self.auth_form = form
        layout.addWidget(box)

        # --- phase 1 ---
        box, form = self._group(self.tr("Phase 1 · ISAKMP SA"))
        box.setToolTip(ch.TIPS["phase1"])
        self.phase1 = ProposalTable(1, PHASE1_COLUMNS, "phase-1 proposal", box)
        self.phase1.edited.connect(lambda p, text, key: self._proposals_edited("phase1", p,
                                                                               text, key))
        form.addRow(self.phase1)
        options = QHBoxLayout()
        self.aggressive_check = QCheckBox(self.tr("Aggressive Mode"), box)
        self.aggressive_check.setObjectName("aggressive")
        self.aggressive_check.toggled.connect(
            lambda v: self._set("aggressive", v, self.tr("Set {name}'s Aggressive Mode {value}"),
                                shown=_text(v)))
        self.nat_check = QCheckBox(self.tr("NAT traversal"), box)
        self.nat_check.setObjectName("nat_traversal")
        self.nat_check.toggled.connect(
            lambda v: self._set("nat_traversal", v, self.tr("Set {name}'s NAT traversal {value}"),
                                shown=_text(v)))
        options.addWidget(self.aggressive_check)
        options.addWidget(self.nat_check)
        options.addStretch(1)
        form.addRow(options)
        layout.addWidget(box)

        # --- phase 2 ---
        box, form = self._group(self.tr("Phase 2 · IPsec SA"))
        box.setToolTip(ch.TIPS["phase2"])
        self.phase2 = ProposalTable(2, PHASE2_COLUMNS, "phase-2 proposal", box)
        self.phase2.edited.connect(lambda p, text, key: self._proposals_edited("phase2", p,
                                                                               text, key))
        form.addRow(self.phase2)
        self.local_subnet = self._line("local_subnet", "local_subnet")
        self.local_subnet.setPlaceholderText(self.tr("the gateway itself"))
        self.local_subnet.editingFinished.connect(lambda: self._text_committed("local_subnet"))
        form.addRow(self.tr("Local subnet"), self.local_subnet)
        self.remote_subnet = self._line("remote_subnet", "remote_subnet")
        self.remote_subnet.setPlaceholderText(self.tr("the peer itself"))
        self.remote_subnet.editingFinished.connect(
            lambda: self._text_committed("remote_subnet"))
        form.addRow(self.tr("Remote subnet"), self.remote_subnet)
        layout.addWidget(box)

        # --- behaviour ---
        self.behaviour_toggle = QToolButton(body)
        self.behaviour_toggle.setObjectName("behaviourToggle")
        self.behaviour_toggle.setCheckable(True)
        self.behaviour_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.behaviour_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.behaviour_toggle.setText(self.tr("Behaviour (how the product decides)"))
        self.behaviour_toggle.setAutoRaise(True)
        self.behaviour_toggle.toggled.connect(self._toggle_behaviour)
        layout.addWidget(self.behaviour_toggle)
        self.behaviour_box: QGroupBox | None = None  # made when first opened
        self.behaviour_widgets: dict[str, QWidget] = {}
        self.behaviour_labels: dict[str, QLabel] = {}
        self._body_layout = layout
        layout.addStretch(1)
        self.setWidget(body)

        document.scenarioChanged.connect(self.refresh)
        self.refresh()

    # --- building helpers -------------------------------------------------------------

    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(6, 4, 6, 6)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        return box, form

    def _line(self, name: str, tip: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setToolTip(ch.TIPS.get(tip, ""))
        edit.setClearButtonEnabled(False)
        return edit

    def _pair(self, first: QWidget, second: QWidget, *, stretch_first: bool = False) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(first, 1 if stretch_first else 0)
        row.addWidget(second, 0 if stretch_first else 1)
        return holder

    def _build_behaviour(self) -> QGroupBox:
        """The behaviour settings (made the first time they are opened: a faster start)."""
        box, bform = self._group("")
        for f in fields(Behaviour):
            if f.name in ch.HIDDEN_BEHAVIOUR:
                continue
            title, tip = ch.BEHAVIOUR_TIPS.get(f.name, (f.name.replace("_", " "), ""))
            widget = self._behaviour_widget(f.name, tip)
            label = QLabel(title, box)
            label.setToolTip(tip)
            self.behaviour_widgets[f.name] = widget
            self.behaviour_labels[f.name] = label
            bform.addRow(label, widget)
        self.vendor_ids = QLabel(box)
        self.vendor_ids.setWordWrap(True)
        self.vendor_ids.setToolTip(self.tr("The Vendor ID payloads the product sends in its "
                                           "first message (from its profile)"))
        bform.addRow(self.tr("Vendor IDs"), self.vendor_ids)
        self.reset_behaviour = QPushButton(self.tr("Use the profile's behaviour"), box)
        self.reset_behaviour.setObjectName("resetBehaviour")
        self.reset_behaviour.setToolTip(self.tr("Forget the changes made here: behave as the "
                                                "profile says the product does"))
        self.reset_behaviour.clicked.connect(self._reset_behaviour)
        bform.addRow(self.reset_behaviour)
        layout = self._body_layout
        layout.insertWidget(layout.indexOf(self.behaviour_toggle) + 1, box)
        self.behaviour_box = box
        gateway = self.gateway
        profile = self.profile
        if profile is not None:
            self._show_behaviour(gateway, profile, ch.fixed_reasons(profile))
        return box

    def _behaviour_widget(self, name: str, tip: str) -> QWidget:
        hint = _BEHAVIOUR_HINTS[name]
        widget: QWidget
        if isinstance(hint, type) and issubclass(hint, Enum):
            combo = ChoiceCombo(self)
            combo.valueChanged.connect(lambda v, n=name: self._behaviour_edited(n, v))
            widget = combo
        elif hint is bool:
            check = QCheckBox(self)
            check.toggled.connect(lambda v, n=name: self._behaviour_edited(n, v))
            widget = check
        elif hint is int:
            spin = QSpinBox(self)
            spin.setRange(1, 100)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda v, n=name: self._behaviour_edited(n, v))
            widget = spin
        else:
            dspin = QDoubleSpinBox(self)
            dspin.setRange(0.1, 3600.0)
            dspin.setDecimals(1)
            dspin.setSingleStep(0.5)
            dspin.setKeyboardTracking(False)
            if name == "retransmit_timeout":
                dspin.setSuffix(" s")
            if name == "retransmit_base":
                dspin.setPrefix("× ")
            dspin.valueChanged.connect(lambda v, n=name: self._behaviour_edited(n, v))
            widget = dspin
        widget.setObjectName(f"behaviour_{name}")
        widget.setToolTip(tip)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return widget

    # --- showing the gateway --------------------------------------------------------

    @property
    def gateway(self) -> Gateway:
        return self.document.scenario.gateway(self.side)

    @property
    def profile(self) -> Profile | None:
        return self.document.profile(self.gateway.profile)

    def refresh(self) -> None:
        """Show the document's gateway; only the parts that changed are touched."""
        scenario = self.document.scenario
        gateway = scenario.gateway(self.side)
        peer = scenario.gateway(self.side.other)
        key = (gateway, peer.address, scenario.initiator)
        if key == self._shown:
            return
        self._shown = key
        profile = self.document.profile(gateway.profile)
        if self._changed("header", gateway.profile, gateway.name, gateway.address):
            self.profile_combo.set_choices(
                [ch.Choice(p.name, p.name, p.id) for p in self.document.profiles.values()],
                gateway.profile, unsupported_note=self.tr("unknown profile"))
            self.profile_combo.setToolTip(self._profile_tip(profile))
            self._set_text(self.name_edit, gateway.name)
            self._set_text(self.address_edit, gateway.address)
        groups = self.body.findChildren(QGroupBox)
        if profile is None:
            for widget in groups[1:]:
                widget.setEnabled(False)
            self._sections.clear()
            return
        if self._changed("enabled", True):
            for widget in groups:
                widget.setEnabled(True)
        fixed = ch.fixed_reasons(profile)
        if self._changed("identity", profile, gateway.address, peer.address,
                         gateway.identity_type, gateway.identity, gateway.peer_identity_type,
                         gateway.peer_identity):
            self._show_identity(gateway, profile, fixed)
        if self._changed("auth", profile, gateway.auth, gateway.psk, gateway.private_key_pem,
                         gateway.peer_public_key_pem, gateway.certificate_pem, gateway.ca_pem):
            self._show_auth(gateway, profile)
        auth_method = _auth_method(gateway.auth)
        self.phase1.set_proposals(
            gateway.phase1, profile, owner=gateway.name,
            new=lambda: default_phase1(profile, auth_method))
        if profile.fixed.phase2_same_as_phase1:
            lifetime = (gateway.phase2 or profile.phase2 or (ChildProposal(),))[0]
            shown = derived_phase2(gateway.phase1 or profile.phase1, lifetime.lifetime_seconds)
            self.phase2.set_proposals(shown, profile, owner=gateway.name,
                                      new=lambda: default_phase2(profile),
                                      fixed_reason=fixed["phase2"])
        else:
            self.phase2.set_proposals(gateway.phase2, profile, owner=gateway.name,
                                      new=lambda: default_phase2(profile),
                                      fixed_columns=fixed)
        if self._changed("options", profile, gateway.aggressive, gateway.nat_traversal,
                         gateway.local_subnet, gateway.remote_subnet):
            self._show_check(self.aggressive_check,
                             gateway.aggressive and "aggressive" not in fixed,
                             fixed.get("aggressive", ""), ch.TIPS["aggressive"])
            self._show_check(self.nat_check,
                             gateway.nat_traversal and profile.behaviour.nat_traversal,
                             fixed.get("nat_traversal", ""), ch.TIPS["nat_traversal"])
            self._set_text(self.local_subnet, gateway.local_subnet)
            self._set_text(self.remote_subnet, gateway.remote_subnet)
        if self._changed("behaviour", profile, gateway.behaviour, gateway.aggressive,
                         gateway.nat_traversal):
            self._show_behaviour(gateway, profile, fixed)
        for name in list(self._invalid):
            self._mark(name, "")

    def _changed(self, section: str, *values: object) -> bool:
        """Whether ``section``'s values differ from what it shows (and remember them)."""
        if self._sections.get(section) == values:
            return False
        self._sections[section] = values
        return True

    def _profile_tip(self, profile: Profile | None) -> str:
        if profile is None:
            return self.tr("This profile is not installed: the gateway cannot run.")
        profile = localized_profile(profile, current_language())  # shown, not stored
        text = f"<b>{profile.name}</b><br>{profile.description}"
        if profile.assumptions:
            count = len(profile.assumptions)
            text += "<br><br><i>" + plural(self.tr(
                "%n assumption(s) where the documentation is silent (see the profile file).",
                "", count), count) + "</i>"
        return f"<qt>{text}<br><br>{ch.TIPS['profile']}</qt>"

    def _show_identity(self, gateway: Gateway, profile: Profile, fixed: dict[str, str]) -> None:
        wan = "identity" in fixed
        peer = self.document.scenario.gateway(self.side.other)
        self.identity_type.set_choices(
            ch.id_type_choices(profile, "ipv4" if wan else gateway.identity_type),
            "ipv4" if wan else gateway.identity_type,
            unsupported_note=self.tr("not supported by {product}").format(
                product=profile.product))
        self.peer_identity_type.set_choices(
            ch.id_type_choices(profile, "ipv4" if wan else gateway.peer_identity_type),
            "ipv4" if wan else gateway.peer_identity_type,
            unsupported_note=self.tr("not supported by {product}").format(
                product=profile.product))
        self._set_text(self.identity_edit, "" if wan else gateway.identity)
        self._set_text(self.peer_identity_edit, "" if wan else gateway.peer_identity)
        self.identity_edit.setPlaceholderText(gateway.address if gateway.identity_type in
                                              ("ipv4", "ipv6") or wan
                                              else self.tr("required"))
        self.peer_identity_edit.setPlaceholderText(
            peer.address if gateway.peer_identity_type in ("ipv4", "ipv6") or wan
            else self.tr("required"))
        for widget, key in ((self.identity_type, "identity_type"),
                            (self.identity_edit, "identity"),
                            (self.peer_identity_type, "peer_identity_type"),
                            (self.peer_identity_edit, "peer_identity")):
            widget.setEnabled(not wan)
            widget.setToolTip(fixed.get(key) or ch.TIPS[key])

    def _show_auth(self, gateway: Gateway, profile: Profile) -> None:
        offered = [ch.Choice(ch.AUTH_LABELS[a], ch.AUTH_LABELS[a].split(" (")[0], AuthKind(a))
                   for a in profile.supported.auth]
        self.auth_combo.set_choices(offered, gateway.auth,
                                    unsupported_note=self.tr("not supported by {product}").format(
                                        product=profile.product))
        kind = gateway.auth
        self._set_text(self.psk_edit, gateway.psk or "")
        self.private_key.set_pem(gateway.private_key_pem)
        self.peer_public_key.set_pem(gateway.peer_public_key_pem)
        self.certificate.set_pem(gateway.certificate_pem)
        self.ca.set_pem(gateway.ca_pem)
        rows = {
            self.psk_row: kind is AuthKind.PSK,
            self.private_key: kind is not AuthKind.PSK,
            self.peer_public_key: kind is AuthKind.RSA,
            self.certificate: kind is AuthKind.CERTIFICATE,
            self.ca: kind is AuthKind.CERTIFICATE,
        }
        for widget, visible in rows.items():
            self.auth_form.setRowVisible(widget, visible)

    def _show_check(self, check: QCheckBox, value: bool, fixed: str, tip: str) -> None:
        check.blockSignals(True)
        check.setChecked(value)
        check.blockSignals(False)
        check.setEnabled(not fixed)
        check.setToolTip(fixed or tip)

    def _show_behaviour(self, gateway: Gateway, profile: Profile, fixed: dict[str, str]) -> None:
        overridden = {name for name, _ in gateway.behaviour}
        self.behaviour_toggle.setText(
            self.tr("Behaviour (how the product decides)")
            + (" · " + self.tr("%n changed", "", len(overridden)) if overridden else ""))
        if self.behaviour_box is None:
            return
        effective = behaviour_for(gateway, profile)
        for name, widget in self.behaviour_widgets.items():
            value = getattr(effective, name)
            default = getattr(profile.behaviour, name)
            reason = fixed.get(name, "")
            widget.blockSignals(True)
            try:
                if isinstance(widget, ChoiceCombo):
                    enum_type = type(default)
                    widget.set_choices([ch.Choice(m.value, m.value, m) for m in enum_type],
                                       value)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QSpinBox):
                    widget.setValue(int(value))
                elif isinstance(widget, QDoubleSpinBox):
                    widget.setValue(float(value))
            finally:
                widget.blockSignals(False)
            widget.setEnabled(not reason)
            label = self.behaviour_labels[name]
            font = label.font()
            font.setBold(name in overridden)
            label.setFont(font)
            tip = ch.BEHAVIOUR_TIPS.get(name, ("", ""))[1]
            note = "\n\n" + (
                self.tr("Changed here; {product}'s default: {value}").format(
                    product=profile.product, value=_text(default))
                if name in overridden
                else self.tr("{product}'s default").format(product=profile.product))
            widget.setToolTip(reason or tip + note)
        vids = profile.behaviour.send_vendor_ids
        self.vendor_ids.setText(", ".join(v.strip() for v in vids) if vids else self.tr("none"))
        self.reset_behaviour.setEnabled(bool(gateway.behaviour))

    @staticmethod
    def _set_text(edit: QLineEdit, value: str) -> None:
        if edit.text() != value:
            edit.setText(value)
            edit.setCursorPosition(0)

    # --- writing back ---------------------------------------------------------------

    def _edit(self, gateway: Gateway, text: str, merge: str | None = None) -> None:
        scenario = self.document.scenario.with_gateway(self.side, gateway)
        key = f"{self.side.value}.{merge}" if merge else None
        self.document.edit(scenario, text, merge_key=key)

    def _set(self, field: str, value: Any, text: str, *, merge: bool = False,
             shown: object = "") -> None:
        """Set one field of the gateway; ``text``: the undo text (translated), with ``{name}``
        for the gateway's name and ``{value}`` for ``shown``."""
        gateway = self.gateway
        if getattr(gateway, field) == value:
            return
        self._edit(replace(gateway, **{field: value}),
                   text.format(name=gateway.name, value=shown), field if merge else None)

    def _name_edited(self, text: str) -> None:
        if not text.strip():
            self._mark("name", self.tr("A gateway needs a name"))
            return
        self._mark("name", "")
        undo = (self.tr("Rename the left gateway to {name}") if self.side is Side.LEFT
                else self.tr("Rename the right gateway to {name}"))
        self._edit(replace(self.gateway, name=text), undo.format(name=text), "name")

    def _psk_edited(self, text: str) -> None:
        self._edit(replace(self.gateway, psk=text or None),
                   self.tr("Change {name}'s pre-shared key").format(name=self.gateway.name),
                   "psk")

    def _toggle_psk(self, show: bool) -> None:
        self.psk_edit.setEchoMode(QLineEdit.EchoMode.Normal if show
                                  else QLineEdit.EchoMode.Password)
        self.psk_show.setText(self.tr("Hide") if show else self.tr("Show"))

    def _undo_text(self, field: str) -> str:
        return {"address": self.tr("Set {name}'s address to {value}"),
                "identity": self.tr("Set {name}'s identity to {value}"),
                "peer_identity": self.tr("Set {name}'s expected peer identity to {value}"),
                "local_subnet": self.tr("Set {name}'s local subnet to {value}"),
                "remote_subnet": self.tr("Set {name}'s remote subnet to {value}")}[field]

    def _text_committed(self, field: str) -> None:
        edit: QLineEdit = {"address": self.address_edit, "identity": self.identity_edit,
                           "peer_identity": self.peer_identity_edit,
                           "local_subnet": self.local_subnet,
                           "remote_subnet": self.remote_subnet}[field]
        value = edit.text().strip()
        gateway = self.gateway
        if getattr(gateway, field) == value:
            self._mark(field, "")
            return
        changes: dict[str, Any] = {field: value}
        candidate = replace(gateway, **changes)
        problem = self._problem(candidate, field)
        self._mark(field, problem)
        if problem:
            return
        self._edit(candidate, self._undo_text(field).format(
            name=gateway.name, value=value or self.tr("(default)")))

    def _problem(self, gateway: Gateway, field: str) -> str:
        """What the file format says about ``field`` of ``gateway``, "" when it is fine."""
        scenario = self.document.scenario.with_gateway(self.side, gateway)
        try:
            dumps_scenario(scenario)
        except ValueError as exc:
            cause = exc.__cause__
            if isinstance(cause, ScenarioFileError) and cause.key.startswith(
                    f"{self.side.value}.{field}"):
                text = cause.message
                if cause.allowed:
                    text += " " + self.tr("(allowed: {values})").format(values=cause.allowed)
                return text
        return ""

    def _mark(self, field: str, problem: str) -> None:
        edit = self.findChild(QLineEdit, field)
        if problem:
            self._invalid[field] = problem
        else:
            self._invalid.pop(field, None)
        if edit is None:
            return
        edit.setProperty("invalid", bool(problem))
        edit.setStyleSheet("QLineEdit { border: 2px solid #c62828; border-radius: 3px; }"
                           if problem else "")
        base = ch.TIPS.get(field, "")
        edit.setToolTip(f"{problem}\n\n{base}" if problem else base)

    def _profile_chosen(self, profile_id: object) -> None:
        profile = self.document.profile(str(profile_id))
        if profile is None:
            return
        gateway = self.gateway
        changes: dict[str, Any] = {"profile": profile.id, "behaviour": ()}
        notes = []
        if not gateway.phase1 or not all(_phase1_supported(p, profile) for p in gateway.phase1):
            changes["phase1"] = profile.phase1 or (default_phase1(profile),)
            notes.append(1)
        if not gateway.phase2 or not all(_phase2_supported(p, profile) for p in gateway.phase2):
            changes["phase2"] = profile.phase2 or (default_phase2(profile),)
            notes.append(2)
        if gateway.auth.value not in profile.supported.auth:
            changes["auth"] = AuthKind(profile.supported.auth[0])
        if profile.fixed.main_mode_only:
            changes["aggressive"] = False
        if profile.fixed.identity == "wan-address":
            changes.update(identity_type="ipv4", identity="", peer_identity_type="ipv4",
                           peer_identity="")
        new = replace(gateway, **changes)
        auth_method = _auth_method(new.auth)
        new = replace(new, phase1=tuple(replace(p, auth_method=auth_method)
                                        for p in new.phase1))
        text = self.tr("Make {name} a {product}").format(name=gateway.name,
                                                         product=profile.product)
        if notes == [1]:
            text += " " + self.tr("(phase 1 proposals from its profile)")
        elif notes == [2]:
            text += " " + self.tr("(phase 2 proposals from its profile)")
        elif notes:
            text += " " + self.tr("(phase 1 and phase 2 proposals from its profile)")
        self._edit(new, text)

    def _auth_chosen(self, kind: object) -> None:
        if not isinstance(kind, AuthKind) or kind is self.gateway.auth:
            return
        method = _auth_method(kind)
        gateway = self.gateway
        new = replace(gateway, auth=kind, phase1=tuple(replace(p, auth_method=method)
                                                       for p in gateway.phase1))
        self._edit(new, self.tr("Set {name}'s authentication to {method}").format(
            name=gateway.name, method=ch.AUTH_LABELS[kind.value].lower()))

    def _proposals_edited(self, field: str, proposals: tuple[Any, ...], text: str,
                          merge: str) -> None:
        gateway = self.gateway
        if field == "phase1":
            method = _auth_method(gateway.auth)
            proposals = tuple(replace(p, auth_method=method) for p in proposals)
        changes: dict[str, Any] = {field: proposals}
        self._edit(replace(gateway, **changes), text, merge or None)

    def _behaviour_edited(self, name: str, value: Any) -> None:
        gateway = self.gateway
        profile = self.profile
        if profile is None:
            return
        overrides = dict(gateway.behaviour)
        if value == getattr(profile.behaviour, name):
            overrides.pop(name, None)
        else:
            overrides[name] = value
        title = ch.BEHAVIOUR_TIPS.get(name, (name, ""))[0]
        new = replace(gateway, behaviour=tuple(overrides.items()))
        merge = f"behaviour.{name}" if not isinstance(value, Enum | bool) else None
        self._edit(new, self.tr("Set {name}'s {setting} to {value}").format(
            name=gateway.name, setting=title.lower(), value=_text(value)), merge)

    def _reset_behaviour(self) -> None:
        gateway = self.gateway
        self._edit(replace(gateway, behaviour=()),
                   self.tr("Give {name} its profile's behaviour back").format(name=gateway.name))

    def _toggle_behaviour(self, shown: bool) -> None:
        self.behaviour_toggle.setArrowType(Qt.ArrowType.DownArrow if shown
                                           else Qt.ArrowType.RightArrow)
        box = self.behaviour_box
        if box is None:
            if not shown:
                return
            box = self._build_behaviour()
        box.setVisible(shown)
        if shown:
            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(box))


def _text(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return (QCoreApplication.translate("GatewayEditor", "on") if value
                else QCoreApplication.translate("GatewayEditor", "off"))
    return str(value)
