"""The message inspector: the selected message's fields, bytes, keys and states.

For one :class:`~ikeviz.protocol.events.MessageSent` of a finished run it
shows, without computing anything of the protocol itself:

- the field tree of :mod:`ikeviz.protocol.tree` (header first, RFC names and
  numbers as Wireshark writes them), and for an encrypted message the
  decrypted payloads (the event's plaintext) as a second subtree;
- a hex view of the ISAKMP bytes and one of the plaintext, linked to the tree:
  selecting a field highlights its bytes, clicking a byte selects the deepest
  field that contains it;
- the keys and hashes the sender computed for the message (the
  :class:`~ikeviz.protocol.events.KeysDerived` events since its previous
  message) with formula, inputs, output and RFC section; secrets stay masked
  until "Reveal secrets" is checked, the pre-shared key included;
- both sides' states after the message, with the names strongSwan, Libreswan
  and Cisco IOS print in their logs;
- a tooltip on each field that says what it is and where the RFC defines it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikeviz.gui.hexview import HexView
from ikeviz.gui.widgets import unclipped_tab_text
from ikeviz.protocol.codec import HEADER_LENGTH, FieldSpan, Hash, Payload, decode_payloads
from ikeviz.protocol.config import Role
from ikeviz.protocol.errors import DecodeError
from ikeviz.protocol.events import (
    KeysDerived,
    MessageReceived,
    MessageSent,
    Phase2Established,
    StateChanged,
)
from ikeviz.protocol.keyschedule import Derivation
from ikeviz.protocol.states import State
from ikeviz.protocol.tree import Node, inspect_message, payload_nodes
from ikeviz.simulation import ScenarioRun
from ikeviz.simulation.summary import message_summary, payload_label

__all__ = ["Inspector", "field_tooltip", "is_secret_name", "MASK"]

translate = QCoreApplication.translate
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
BUFFER_ROLE = Qt.ItemDataRole.UserRole + 2
MESSAGE, PLAINTEXT = "message", "plaintext"
MASK = "\u2022\u2022\u2022\u2022"  # "••••"
DECRYPTED_PATH = "decrypted"

# --- secrets ------------------------------------------------------------------

_PSK_NAMES = frozenset({"pre-shared-key", "psk"})
_SECRET_NAMES = frozenset({"SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "Ka", "g^xy",
                           "g(qm)^xy", "KEYMAT"})
_SECRET_PATTERN = re.compile(r"^(K\d+|KEYMAT\b.*)$|private|secret|key\b", re.IGNORECASE)


def is_psk_name(name: str) -> bool:
    return name.lower() in _PSK_NAMES


def is_secret_name(name: str) -> bool:
    """True for a derivation input or output whose value must stay masked.

    Secrets: the pre-shared key, SKEYID and its three children, Ka and its
    expansion blocks K1.., the Diffie-Hellman shared secrets g^xy and
    g(qm)^xy, KEYMAT, the ESP keys and any private value. Nonces, KE values,
    cookies, IVs, SPIs and the hashes sent on the wire are public.
    """
    return is_psk_name(name) or name in _SECRET_NAMES or bool(_SECRET_PATTERN.search(name))


def _mask(value: bytes) -> str:
    return f"{MASK} (" + translate("inspector", "{count} bytes").format(count=len(value)) + ")"


def _hex_groups(value: bytes) -> str:
    """Hex in 4-byte groups, so that long values wrap."""
    text = value.hex()
    return " ".join(text[i:i + 8] for i in range(0, len(text), 8)) or translate(
        "inspector", "(empty)")


class _Scrubber:
    """Removes the configured pre-shared keys (text and hex) from a text."""

    def __init__(self, secrets: Iterable[bytes]) -> None:
        needles: set[str] = set()
        for secret in secrets:
            if len(secret) < 4:
                continue
            needles.add(secret.hex())
            text = secret.decode("utf-8", "replace")
            if len(text) >= 4:
                needles.add(text)
        self._pattern = (
            re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)),
                       re.IGNORECASE)
            if needles else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(translate("inspector", "(secret)"), text)


# --- tooltips -----------------------------------------------------------------

_HEADER_TIPS = {
    "header.icookie": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "the Initiator Cookie (CKY-I): 8 bytes the initiator chooses; with CKY-R "
         "it names the ISAKMP SA and goes into SKEYID_d/a/e.")),
    "header.rcookie": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "the Responder Cookie (CKY-R): chosen by the responder; zero in the very "
         "first message.")),
    "header.next_payload": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "the type of the first payload after the header")),
    "header.version": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "major and minor version (4 bits each); IKEv1 is 1.0")),
    "header.exchange_type": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "the exchange type")),
    "header.flags": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "flags: bit 0 E (payloads encrypted), bit 1 C (commit), bit 2 A "
         "(authentication only)")),
    "header.message_id": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "the Message ID: 0 in phase 1; a random value naming each Quick Mode or "
         "Informational exchange (it goes into its HASH and its IV)")),
    "header.length": ("RFC 2408 §3.1", QT_TRANSLATE_NOOP(
         "inspector", "the length of the whole message, header included, in bytes")),
    "encrypted": ("RFC 2409 App. B", QT_TRANSLATE_NOOP(
         "inspector", "the payloads, encrypted in CBC mode with Ka and the current IV; see the "
         "decrypted payloads below")),
    DECRYPTED_PATH: ("RFC 2409 App. B", QT_TRANSLATE_NOOP(
         "inspector", "the plaintext the sender encrypted: the payload chain and its padding "
         "(the hex view's second tab shows it)")),
    "padding": ("RFC 2409 App. B", QT_TRANSLATE_NOOP(
         "inspector", "padding up to the cipher's block size; its value is not checked")),
}

_PAYLOAD_TIPS = {
    "SA": ("RFC 2408 §3.4", QT_TRANSLATE_NOOP(
         "inspector", "Security Association payload: the DOI, the situation and the proposals "
         "(the offer, or the one chosen)")),
    "P": ("RFC 2408 §3.5", QT_TRANSLATE_NOOP(
         "inspector", "Proposal payload")),
    "T": ("RFC 2408 §3.6", QT_TRANSLATE_NOOP(
         "inspector", "Transform payload")),
    "KE": ("RFC 2408 §3.7", QT_TRANSLATE_NOOP(
         "inspector", "Key Exchange payload: the sender's Diffie-Hellman public value (g^xi or "
         "g^xr); public, it is sent in clear")),
    "ID": ("RFC 2408 §3.8, RFC 2407 §4.6.2", QT_TRANSLATE_NOOP(
         "inspector", "Identification payload: in phase 1 the sender's identity (IDii / IDir), "
         "in Quick Mode the traffic selectors (IDci / IDcr)")),
    "CERT": ("RFC 2408 §3.9", QT_TRANSLATE_NOOP(
         "inspector", "Certificate payload")),
    "CR": ("RFC 2408 §3.10", QT_TRANSLATE_NOOP(
         "inspector", "Certificate Request payload")),
    "HASH": ("RFC 2408 §3.11", QT_TRANSLATE_NOOP(
         "inspector", "Hash payload: HASH_I / HASH_R (RFC 2409 §5) or HASH(1), (2), (3) of "
         "Quick Mode (RFC 2409 §5.5); it proves the sender knows SKEYID")),
    "SIG": ("RFC 2408 §3.12", QT_TRANSLATE_NOOP(
         "inspector", "Signature payload: SIG_I / SIG_R, a signature over HASH_I / HASH_R")),
    "NONCE": ("RFC 2408 §3.13", QT_TRANSLATE_NOOP(
         "inspector", "Nonce payload: random data (Ni / Nr) that goes into SKEYID and KEYMAT; "
         "public")),
    "N": ("RFC 2408 §3.14", QT_TRANSLATE_NOOP(
         "inspector", "Notification payload: an error or a status (RFC 2408 §3.14.1, RFC 2407 "
         "§4.6.3)")),
    "D": ("RFC 2408 §3.15", QT_TRANSLATE_NOOP(
         "inspector", "Delete payload: the SAs the sender removed")),
    "VID": ("RFC 2408 §3.16", QT_TRANSLATE_NOOP(
         "inspector", "Vendor ID payload: announces a product or an extension (NAT-T, DPD, "
         "XAUTH, fragmentation)")),
    "NAT-D": ("RFC 3947 §3.2", QT_TRANSLATE_NOOP(
         "inspector", "NAT-D payload: hash of the cookies, an address and a port; the peers "
         "compare them to detect a NAT")),
    "NAT-OA": ("RFC 3947 §5.2", QT_TRANSLATE_NOOP(
         "inspector", "NAT-OA payload: the original address before the NAT")),
    "FRAG": ("IKEv1 fragmentation (Cisco, strongSwan)", QT_TRANSLATE_NOOP(
         "inspector", "one fragment of a message too large for a datagram")),
    "ATTR": ("draft-ietf-ipsec-isakmp-mode-cfg", QT_TRANSLATE_NOOP(
         "inspector", "Mode Config attributes")),
}

_FIELD_TIPS = {
    "length": ("RFC 2408 §3.2", QT_TRANSLATE_NOOP(
         "inspector", "Payload Length, the 4-byte generic payload header included")),
    "doi": ("RFC 2408 §3.4, RFC 2407 §4.2", QT_TRANSLATE_NOOP(
         "inspector", "the Domain of Interpretation (IPsec: 1)")),
    "situation": ("RFC 2407 §4.2", QT_TRANSLATE_NOOP(
         "inspector", "the Situation; SIT_IDENTITY_ONLY (1) is the one used in practice")),
    "proposal": ("RFC 2408 §3.5", QT_TRANSLATE_NOOP(
         "inspector", "a Proposal: one protocol (ISAKMP, ESP, AH) and its alternative "
         "transforms")),
    "proposal.number": ("RFC 2408 §3.5", QT_TRANSLATE_NOOP(
         "inspector", "the Proposal number; proposals with the same number are combined (AND), "
         "different numbers are alternatives (OR)")),
    "proposal.protocol_id": ("RFC 2407 §4.4.1", QT_TRANSLATE_NOOP(
         "inspector", "the Protocol ID: PROTO_ISAKMP (1) in phase 1, PROTO_IPSEC_ESP (3) or "
         "PROTO_IPSEC_AH (2) in Quick Mode")),
    "proposal.spi_size": ("RFC 2408 §3.5", QT_TRANSLATE_NOOP(
         "inspector", "the SPI size in bytes: 0 for ISAKMP in phase 1, 4 for ESP and AH")),
    "proposal.transform_count": ("RFC 2408 §3.5", QT_TRANSLATE_NOOP(
         "inspector", "the number of transforms in the proposal")),
    "proposal.spi": ("RFC 2408 §3.5", QT_TRANSLATE_NOOP(
         "inspector", "the SPI the proposal's sender chose for its inbound SA")),
    "proposal.transform": ("RFC 2408 §3.6", QT_TRANSLATE_NOOP(
         "inspector", "a Transform: one set of algorithms, as SA attributes; the responder "
         "picks one")),
    "proposal.transform.number": ("RFC 2408 §3.6", QT_TRANSLATE_NOOP(
         "inspector", "the Transform number within the proposal")),
    "proposal.transform.transform_id": ("RFC 2409 App. A, RFC 2407 §4.4", QT_TRANSLATE_NOOP(
         "inspector", "the Transform ID: KEY_IKE (1) in phase 1, the ESP cipher in Quick Mode")),
    "proposal.transform.attribute.type": ("RFC 2408 §3.3", QT_TRANSLATE_NOOP(
         "inspector", "the Attribute Format bit: TV (basic: a 2-byte value follows the type) "
         "or TLV (a length and a variable value follow)")),
    "id_type": ("RFC 2407 §4.6.2.1", QT_TRANSLATE_NOOP(
         "inspector", "the identification type (ID_IPV4_ADDR, ID_FQDN, ...); both sides must "
         "agree on it")),
    "protocol_id": ("RFC 2407 §4.6.2 / §4.4.1", QT_TRANSLATE_NOOP(
         "inspector", "the protocol: in an ID payload the IP protocol (0 = any), in a notify "
         "or delete the protocol of the SA")),
    "port": ("RFC 2407 §4.6.2", QT_TRANSLATE_NOOP(
         "inspector", "the port (0 = any; 500 for phase 1 in some products)")),
    "spi_size": ("RFC 2408 §3.14-3.15", QT_TRANSLATE_NOOP(
         "inspector", "the SPI size in bytes (16 for an ISAKMP SA: the two cookies)")),
    "spi": ("RFC 2408 §3.14-3.15", QT_TRANSLATE_NOOP(
         "inspector", "the SPI of the SA concerned")),
    "spi_count": ("RFC 2408 §3.15", QT_TRANSLATE_NOOP(
         "inspector", "the number of SPIs that follow")),
    "notify_type": ("RFC 2408 §3.14.1, RFC 2407 §4.6.3", QT_TRANSLATE_NOOP(
         "inspector", "the Notify Message Type: errors are below 8192, status messages 16384 "
         "and above")),
    "encoding": ("RFC 2408 §3.9", QT_TRANSLATE_NOOP(
         "inspector", "the certificate encoding")),
    "address": ("RFC 3947 §5.2", QT_TRANSLATE_NOOP(
         "inspector", "the original address")),
    "fragment_id": ("IKEv1 fragmentation", QT_TRANSLATE_NOOP(
         "inspector", "the fragment ID")),
    "flags": ("IKEv1 fragmentation", QT_TRANSLATE_NOOP(
         "inspector", "flags; bit 0 marks the last fragment")),
    "cfg_type": ("Mode Config", QT_TRANSLATE_NOOP(
         "inspector", "the attribute message type")),
    "identifier": ("Mode Config", QT_TRANSLATE_NOOP(
         "inspector", "the identifier")),
    "attribute": ("Mode Config", QT_TRANSLATE_NOOP(
         "inspector", "an attribute")),
}

_DATA_TIPS = {
    "KE": QT_TRANSLATE_NOOP(
        "inspector", "the Diffie-Hellman public value g^x mod p (or the curve point); public"),
    "ID": QT_TRANSLATE_NOOP(
        "inspector", "the identity itself"),
    "HASH": QT_TRANSLATE_NOOP(
        "inspector", "the hash: a prf output keyed with SKEYID_a (or SKEYID for HASH_I/R)"),
    "SIG": QT_TRANSLATE_NOOP(
        "inspector", "the signature"),
    "NONCE": QT_TRANSLATE_NOOP(
        "inspector", "the nonce; public"),
    "N": QT_TRANSLATE_NOOP(
        "inspector", "the notification data"),
    "VID": QT_TRANSLATE_NOOP(
        "inspector", "the vendor ID bytes, usually a hash of a product string"),
    "NAT-D": QT_TRANSLATE_NOOP(
        "inspector", "HASH(CKY-I | CKY-R | IP | Port) of one end"),
    "CERT": QT_TRANSLATE_NOOP(
        "inspector", "the certificate"),
    "CR": QT_TRANSLATE_NOOP(
        "inspector", "the certificate authority, or empty for any"),
    "FRAG": QT_TRANSLATE_NOOP(
        "inspector", "the fragment's data"),
}

_ATTRIBUTE_TIPS_P1 = {
    "Encryption-Algorithm": QT_TRANSLATE_NOOP(
        "inspector", "the cipher that protects Main Mode 5-6 and Quick Mode"),
    "Hash-Algorithm": QT_TRANSLATE_NOOP(
        "inspector", "the hash of the prf (HMAC) and of HASH_I / HASH_R"),
    "Authentication-Method": QT_TRANSLATE_NOOP(
        "inspector", "how the peers authenticate: pre-shared key, signatures, ..."),
    "Group-Description": QT_TRANSLATE_NOOP(
        "inspector", "the Diffie-Hellman group of the KE payloads"),
    "Group-Type": QT_TRANSLATE_NOOP(
        "inspector", "the type of a private group (MODP, EC2N)"),
    "Life-Type": QT_TRANSLATE_NOOP(
        "inspector", "the unit of the Life-Duration that follows: seconds or kilobytes"),
    "Life-Duration": QT_TRANSLATE_NOOP(
        "inspector", "the ISAKMP SA lifetime; a mismatch is handled differently by each "
        "product (RFC 2407 §4.5.4)"),
    "PRF": QT_TRANSLATE_NOOP(
        "inspector", "the pseudo-random function (rarely sent: HMAC of the hash is the "
        "default)"),
    "Key-Length": QT_TRANSLATE_NOOP(
        "inspector", "the key length in bits of a variable-length cipher (AES)"),
}
_ATTRIBUTE_TIPS_P2 = {
    "SA-Life-Type": QT_TRANSLATE_NOOP(
        "inspector", "the unit of the SA-Life-Duration that follows: seconds or kilobytes"),
    "SA-Life-Duration": QT_TRANSLATE_NOOP(
        "inspector", "the IPsec SA lifetime; a responder may refuse, shorten or accept it "
        "(RESPONDER-LIFETIME)"),
    "Group-Description": QT_TRANSLATE_NOOP(
        "inspector", "PFS: the Diffie-Hellman group of the Quick Mode KE payloads"),
    "Encapsulation-Mode": QT_TRANSLATE_NOOP(
        "inspector", "Tunnel or Transport (or their UDP-encapsulated NAT-T variants)"),
    "Authentication-Algorithm": QT_TRANSLATE_NOOP(
        "inspector", "the ESP / AH integrity algorithm (HMAC-SHA, ...)"),
    "Key-Length": QT_TRANSLATE_NOOP(
        "inspector", "the key length in bits of a variable-length cipher (AES)"),
}


@dataclass(frozen=True)
class _TipContext:
    phase: int = 1  # of the SA attributes (1: RFC 2409 App. A, 2: RFC 2407 §4.5)
    rfc_label: str = ""  # the payload in RFC 2409 notation ("Ni", "HASH_I", "IDci")


def _value_phrase(display: str) -> str:
    """ "Identity Protection (Main Mode) (2)" -> "2 = Identity Protection (Main Mode)"."""
    match = re.fullmatch(r"(.*) \((\d+)\)", display.strip())
    if match:
        return f"{match.group(2)} = {match.group(1)}"
    return display


def _t(text: str) -> str:
    return translate("inspector", text) if text else text


def field_tooltip(node: Node, *, phase: int = 1, rfc_label: str = "") -> str:
    """What the field of ``node`` is, where the RFC defines it, and its value here."""
    path = re.sub(r"\[\d+\]", "", node.path)
    display = node.display
    here = ("\n" + translate("inspector", "Here: {value}").format(value=display)
            if display else "")
    if node.error:
        return translate("inspector", "Not valid here: {value}").format(value=display)
    if path in _HEADER_TIPS:
        ref, text = _HEADER_TIPS[path]
        if path in ("header.exchange_type", "header.next_payload") and display:
            return f"{ref}: {_t(text)}; {_value_phrase(display)}"
        return f"{ref}: {_t(text)}" + here
    if not path:
        return "RFC 2408 §3: " + translate(
            "inspector", "an ISAKMP message: the header, then a chain of payloads")
    payload, _, field = path.partition(".")
    if not field:
        ref, text = _PAYLOAD_TIPS.get(payload, ("RFC 2408 §3.2",
                                                QT_TRANSLATE_NOOP("inspector", "a payload")))
        tip = f"{ref}: {_t(text)}"
        if rfc_label:
            tip += "\n" + translate("inspector", "In RFC 2409's notation: {label}").format(
                label=rfc_label)
        return tip
    if field.endswith("attribute") and not field.startswith("data"):
        name = display.split(" = ", 1)[0]
        if payload == "SA":
            table = _ATTRIBUTE_TIPS_P1 if phase == 1 else _ATTRIBUTE_TIPS_P2
            ref = "RFC 2409 App. A" if phase == 1 else "RFC 2407 §4.5"
            text = _t(table.get(name, QT_TRANSLATE_NOOP("inspector", "an SA attribute")))
            return f"{ref}, RFC 2408 §3.3: {name}: {text}" + here
    if field == "data.attribute":
        return "RFC 2407 §4.6.3.1: RESPONDER-LIFETIME: " + translate(
            "inspector", "the lifetime the responder will use") + here
    if field == "data":
        text = _t(_DATA_TIPS.get(payload, QT_TRANSLATE_NOOP("inspector", "the payload's data")))
        ref = _PAYLOAD_TIPS.get(payload, ("RFC 2408 §3.2", ""))[0]
        return f"{ref}: {text}" + (f" ({rfc_label})" if rfc_label else "")
    key = field
    for candidate in (field, field.split(".", 1)[-1], field.rsplit(".", 1)[-1]):
        if candidate in _FIELD_TIPS:
            key = candidate
            break
    if key in _FIELD_TIPS:
        ref, text = _FIELD_TIPS[key]
        text = _t(text)
    else:
        ref, text = "RFC 2408 §3", node.name.lower()
    tip = f"{ref}: {text}"
    if display and key.rsplit(".", 1)[-1] in ("protocol_id", "notify_type", "doi",
                                                 "transform_id", "id_type", "situation"):
        tip += "; " + translate("inspector", "here {value}").format(
            value=_value_phrase(display))
    elif display:
        tip += here
    return tip


# --- what the trace says about one message ---------------------------------------


@dataclass(frozen=True)
class SideState:
    role: Role
    name: str  # the gateway's name
    product: str
    naming: str  # whose state names its logs use
    before: State
    after: State
    cause: str


def _index_of(run: ScenarioRun, event: MessageSent) -> int | None:
    for entry in run.trace.entries:
        if entry.event is event:
            return entry.index
    for entry in run.trace.entries:  # an equal copy (e.g. after a re-run)
        if entry.event == event:
            return entry.index
    return None


def derivation_groups(run: ScenarioRun, event: MessageSent) -> list[KeysDerived]:
    """The KeysDerived events of the sender since its previous message (for a
    retransmission: those of the first transmission)."""
    events = run.trace.events
    index = _index_of(run, event)
    if index is None:
        return []
    if event.retransmission:
        for i in range(index - 1, -1, -1):
            e = events[i]
            if (isinstance(e, MessageSent) and e.role is event.role and e.label == event.label
                    and e.retransmission == 0):
                index = i
                break
    previous = -1
    for i in range(index - 1, -1, -1):
        e = events[i]
        if isinstance(e, MessageSent) and e.role is event.role:
            previous = i
            break
    return [e for e in events[previous + 1:index]
            if isinstance(e, KeysDerived) and e.role is event.role]


def installed_child_sa(run: ScenarioRun, groups: Sequence[KeysDerived]) -> Phase2Established | None:
    """The IPsec SA whose KEYMAT is among ``groups`` (its keys), if it was installed."""
    events = run.trace.events
    for group in groups:
        if group.step != "KEYMAT":
            continue
        start = next((i for i, e in enumerate(events) if e is group), None)
        if start is None:
            continue
        for e in events[start:]:
            if isinstance(e, Phase2Established) and e.role is group.role:
                return e
    return None


def last_received_before(run: ScenarioRun, group: KeysDerived) -> MessageReceived | None:
    """The last message the deriving side took in before ``group``."""
    events = run.trace.events
    index = next((i for i, e in enumerate(events) if e is group), None)
    if index is None:
        return None
    for e in reversed(events[:index]):
        if isinstance(e, MessageReceived) and e.role is group.role:
            return e
    return None


def derivation_use(derivation: Derivation, event: MessageSent,
                   received: MessageReceived | None) -> str:
    """Where a computed value shows up: a hash sent in ``event``, one checked against the
    received message, or the IV of ``event`` (a byte comparison, nothing computed)."""
    output = derivation.output
    for payload in event.payloads:
        if isinstance(payload, Hash) and payload.data == output:
            return translate("inspector", "sent in {message} as {payload}").format(
                message=event.label, payload=payload_label(payload, event.label, event.role))
    if received is not None:
        for payload in received.payloads:
            if isinstance(payload, Hash) and payload.data == output:
                name = payload_label(payload, received.label, received.role.other)
                return translate("inspector", "matches the {payload} received in "
                                 "{message}").format(payload=name, message=received.label)
    if event.iv and output[:len(event.iv)] == event.iv:
        return translate("inspector", "the IV {message} is encrypted with").format(
            message=event.label)
    return ""


def states_after(run: ScenarioRun, event: MessageSent) -> list[SideState]:
    """Each side's state before and after ``event`` was sent and processed."""
    events = run.trace.events
    index = _index_of(run, event)
    if index is None:
        return []
    receipt = next((i for i in range(index + 1, len(events))
                    if isinstance(events[i], MessageReceived)
                    and events[i].role is event.role.other
                    and getattr(events[i], "label", None) == event.label), None)
    after_from = receipt if receipt is not None else index
    boundary = next((i for i in range(after_from + 1, len(events))
                     if isinstance(events[i], MessageReceived)), len(events))
    trigger = next((i for i in range(index - 1, -1, -1)
                    if isinstance(events[i], MessageReceived) and events[i].role is event.role),
                   -1)

    def changes(role: Role) -> list[tuple[int, StateChanged]]:
        return [(i, e) for i, e in enumerate(events)
                if isinstance(e, StateChanged) and e.role is role]

    out = []
    for role in (Role.INITIATOR, Role.RESPONDER):
        moves = changes(role)
        initial = moves[0][1].old if moves else (
            State.IDLE if role is Role.INITIATOR else State.WAIT_MM1)
        before = next((e.new for i, e in reversed(moves) if i <= trigger), initial)
        last = next(((i, e) for i, e in reversed(moves) if i < boundary), None)
        after = last[1].new if last else initial
        cause = last[1].cause if last and last[0] > trigger else ""
        profile = run.profiles.get(run.gateway(role).profile)
        out.append(SideState(
            role=role,
            name=run.gateway(role).name,
            product=profile.product if profile else "",
            naming=profile.state_names if profile else "libreswan",
            before=before,
            after=after,
            cause=cause,
        ))
    return out


def _format_time(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.2f} s"
    return f"{seconds / 60:.1f} min"


# --- the widget -----------------------------------------------------------------


class Inspector(QWidget):
    """The inspector of one message: field tree, hex views, keys and hashes, states."""

    revealSecretsChanged = Signal(bool)
    fieldSelected = Signal(str)  # the codec path of the selected field ("" when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run: ScenarioRun | None = None
        self._event: MessageSent | None = None
        self._scrub = _Scrubber(())
        self._psks: tuple[bytes, ...] = ()
        self._message_root: Node | None = None
        self._decrypted_root: Node | None = None
        self._items: dict[int, QStandardItem] = {}
        self._buffers: dict[int, str] = {}
        self._groups: list[KeysDerived] = []
        self._decrypted_labels: dict[str, str] = {}

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_box = QCheckBox(self.tr("Reveal secrets"))
        self.reveal_box.setToolTip(self.tr(
            "Show the pre-shared key and the derived keys (SKEYID, SKEYID_d/a/e, Ka, g^xy, "
            "KEYMAT, ESP keys). Nonces, KE values, cookies and hashes are public and always "
            "shown."))
        self.reveal_box.toggled.connect(self._on_reveal_toggled)

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.title, 1)
        top.addWidget(self.reveal_box, 0, Qt.AlignmentFlag.AlignTop)

        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tree_view = QTreeView()
        self.tree_view.setModel(self.model)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.header().setStretchLastSection(True)
        self.tree_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree_view.selectionModel().currentChanged.connect(self._on_current_changed)

        self.hex_view = HexView()
        self.plaintext_view = HexView()
        self.hex_view.byteClicked.connect(lambda a: self._on_byte_clicked(MESSAGE, a))
        self.plaintext_view.byteClicked.connect(lambda a: self._on_byte_clicked(PLAINTEXT, a))
        self.hex_tabs = QTabWidget()
        self.hex_tabs.setDocumentMode(True)
        self.hex_tabs.addTab(self.hex_view, self.tr("ISAKMP bytes"))
        self.hex_tabs.addTab(self.plaintext_view, self.tr("Decrypted plaintext"))
        self.hex_tabs.setTabVisible(1, False)

        self.keys_view = QTextBrowser()
        self.keys_view.setOpenLinks(False)
        self.keys_view.setReadOnly(True)
        self.states_view = QTreeWidget()
        self.states_view.setRootIsDecorated(False)
        self.states_view.setColumnCount(6)
        self.states_view.setHeaderLabels(
            [self.tr("Gateway"), self.tr("State"), "strongSwan", "Libreswan", "Cisco IOS",
             self.tr("Why")])
        self.states_view.setUniformRowHeights(True)
        self.states_view.header().setStretchLastSection(True)
        self.details_tabs = QTabWidget()
        self.details_tabs.setDocumentMode(True)
        self.details_tabs.addTab(self.keys_view, self.tr("Keys and hashes"))
        self.details_tabs.addTab(self.states_view, self.tr("States after"))
        for tabs in (self.hex_tabs, self.details_tabs):
            unclipped_tab_text(tabs.tabBar())

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree_view)
        self.splitter.addWidget(self.hex_tabs)
        self.splitter.addWidget(self.details_tabs)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.clear()

    # --- public API -------------------------------------------------------------

    def set_message(self, run: ScenarioRun, event: MessageSent, *,
                    reveal_secrets: bool = False) -> None:
        """Show ``event`` (a message of ``run``)."""
        self._run = run
        self._event = event
        self._psks = tuple(p for p in (run.configs.initiator.psk, run.configs.responder.psk)
                           if p)
        self._groups = derivation_groups(run, event)
        self.reveal_box.blockSignals(True)
        self.reveal_box.setChecked(reveal_secrets)
        self.reveal_box.blockSignals(False)
        self._scrub = _Scrubber(() if reveal_secrets else self._psks)
        self._build_tree()
        self.hex_view.set_data(event.data)
        if event.plaintext:
            self.plaintext_view.set_data(event.plaintext, HEADER_LENGTH)
            self.hex_tabs.setTabVisible(1, True)
            self.hex_tabs.setTabText(1, self.tr("Decrypted plaintext ({count} bytes)").format(
                count=len(event.plaintext)))
        else:
            self.plaintext_view.clear()
            self.hex_tabs.setTabVisible(1, False)
        self.hex_tabs.setTabText(0, self.tr("ISAKMP bytes ({count})").format(
            count=len(event.data)))
        self.hex_tabs.setCurrentIndex(0)
        self._fill_title()
        self._fill_keys()
        self._fill_states()
        self.setEnabled(True)

    def clear(self) -> None:
        """Show nothing (no message selected)."""
        self._run = None
        self._event = None
        self._groups = []
        self._psks = ()
        self._message_root = None
        self._decrypted_root = None
        self._items.clear()
        self._buffers.clear()
        self.model.removeRows(0, self.model.rowCount())
        self.hex_view.clear()
        self.plaintext_view.clear()
        self.hex_tabs.setTabVisible(1, False)
        self.hex_tabs.setTabText(0, self.tr("ISAKMP bytes"))
        self.keys_view.setHtml("")
        self.states_view.clear()
        self.details_tabs.setTabText(0, self.tr("Keys and hashes"))
        self.title.setText("<i>" + html.escape(self.tr("Select a message in the diagram to "
                                                       "inspect it.")) + "</i>")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        # The changed states are in the palette's Link colour: a theme change re-colours them.
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_run", None) \
                is not None and self._event is not None:
            self._fill_states()

    def set_reveal_secrets(self, reveal: bool) -> None:
        """Show (True) or mask (False) the pre-shared key and the derived keys."""
        self.reveal_box.setChecked(reveal)  # emits toggled -> _on_reveal_toggled if it changed

    def reveal_secrets(self) -> bool:
        return self.reveal_box.isChecked()

    def event_shown(self) -> MessageSent | None:
        return self._event

    def derivations(self) -> list[tuple[KeysDerived, Derivation]]:
        """The derivations shown, with the step (KeysDerived event) of each."""
        return [(g, d) for g in self._groups for d in g.derivations]

    def message_tree(self) -> Node | None:
        return self._message_root

    def decrypted_tree(self) -> Node | None:
        return self._decrypted_root

    def current_node(self) -> Node | None:
        index = self.tree_view.currentIndex()
        if not index.isValid():
            return None
        node = self.model.itemFromIndex(index.siblingAtColumn(0)).data(NODE_ROLE)
        return node if isinstance(node, Node) else None

    def current_buffer(self) -> str | None:
        node = self.current_node()
        return self._buffers.get(id(node)) if node is not None else None

    def select_path(self, path: str, *, decrypted: bool = False) -> bool:
        """Select the field with codec path ``path`` (in the decrypted subtree if asked)."""
        root = self._decrypted_root if decrypted else self._message_root
        node = root.find(path) if root is not None else None
        if node is None:
            return False
        self._select_node(node)
        return True

    def select_byte(self, buffer: str, address: int) -> Node | None:
        """Select the deepest field containing byte ``address`` of ``buffer``."""
        return self._on_byte_clicked(buffer, address)

    def item_for(self, node: Node) -> QStandardItem | None:
        return self._items.get(id(node))

    # --- the tree -------------------------------------------------------------------

    def _build_tree(self) -> None:
        assert self._event is not None
        event = self._event
        self.model.removeRows(0, self.model.rowCount())
        self._items.clear()
        self._buffers.clear()
        inspected = inspect_message(event.data)
        self._message_root = inspected.tree
        labels: dict[str, str] = {}
        phase = 2 if event.label.startswith("QM") else 1
        if inspected.message is not None and inspected.message.ciphertext is None:
            labels = self._rfc_labels(inspected.message.payloads)
        self._add_node(self.model.invisibleRootItem(), inspected.tree, MESSAGE, phase, labels)

        self._decrypted_root = None
        if event.plaintext and event.message.header.encrypted:
            self._decrypted_root = self._decrypted_node(event)
            self._add_node(self.model.invisibleRootItem(), self._decrypted_root, PLAINTEXT,
                           phase, self._decrypted_labels)
        self._span_group_rows(QModelIndex())
        self._expand_default()
        self._fit_columns()

    def _rfc_labels(self, payloads: Sequence[Payload]) -> dict[str, str]:
        """Codec path -> RFC 2409 notation ("Ni", "HASH_I") of each payload."""
        assert self._event is not None
        from ikeviz.protocol.codec import payload_short_name

        out: dict[str, str] = {}
        counts: dict[str, int] = {}
        for payload in payloads:
            name = payload_short_name(payload.payload_type)
            seen = counts.get(name, 0)
            counts[name] = seen + 1
            path = name if seen == 0 else f"{name}[{seen}]"
            out[path] = payload_label(payload, self._event.label, self._event.role)
        return out

    def _decrypted_node(self, event: MessageSent) -> Node:
        plaintext = event.plaintext
        end = HEADER_LENGTH + len(plaintext)
        spans: list[FieldSpan] = []
        root = Node(self.tr("Decrypted payloads"), "", None, DECRYPTED_PATH, HEADER_LENGTH,
                    end)
        try:
            payloads, padding = decode_payloads(plaintext, event.message.header.next_payload,
                                                spans=spans, base_offset=HEADER_LENGTH)
        except DecodeError as exc:
            self._decrypted_labels = {}
            root.display = self.tr("{count} bytes that do not decode").format(
                count=len(plaintext))
            root.children.append(Node("Malformed", str(exc), None, exc.path, exc.offset,
                                      exc.offset + 1, error=True))
            return root
        self._decrypted_labels = self._rfc_labels(payloads)
        root.children = payload_nodes(payloads, spans)
        names = ", ".join(self._decrypted_labels.values())
        root.display = self.tr("{count} bytes: {names}").format(count=len(plaintext),
                                                                names=names)
        if padding:
            root.display += ", " + self.tr("{count} bytes of padding").format(
                count=len(padding))
            root.children.append(Node(self.tr("Padding"), self.tr("{count} bytes: {hex}").format(
                count=len(padding), hex=padding.hex()),
                                      padding, "padding", end - len(padding), end))
        return root

    def _add_node(self, parent: QStandardItem, node: Node, buffer: str, phase: int,
                  labels: dict[str, str]) -> None:
        rfc_label = labels.get(node.path, "")
        name = node.label if node.children else node.name
        display = node.display
        if rfc_label and node.name == "Payload":
            name = f"{node.label}  [{rfc_label}]"
        if node.name == "Attribute" and " = " in display and not node.children:
            name, display = display.split(" = ", 1)
        field_item = QStandardItem(self._scrub(name))
        value_item = QStandardItem(self._scrub(display if not node.children else ""))
        tip = self._scrub(field_tooltip(node, phase=phase, rfc_label=rfc_label))
        for item in (field_item, value_item):
            item.setEditable(False)
            item.setToolTip(_rich_tooltip(tip))
            if node.error:
                item.setForeground(QBrush(QColor("#c62828")))
        if node.children:
            font = field_item.font()
            font.setBold(node.path in ("", DECRYPTED_PATH))
            field_item.setFont(font)
        field_item.setData(node, NODE_ROLE)
        field_item.setData(buffer, BUFFER_ROLE)
        field_item.setData(tip, Qt.ItemDataRole.UserRole + 3)  # the plain text
        parent.appendRow([field_item, value_item])
        self._items[id(node)] = field_item
        self._buffers[id(node)] = buffer
        for child in node.children:
            self._add_node(field_item, child, buffer, phase, labels)

    def _span_group_rows(self, parent: QModelIndex) -> None:
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.model.hasChildren(index):
                self.tree_view.setFirstColumnSpanned(row, parent, True)
                self._span_group_rows(index)

    def _expand_default(self) -> None:
        """Everything open for a short message; the payloads' first level for a long one."""
        total = sum(1 for _ in self._all_nodes())
        if total <= 80:
            self.tree_view.expandAll()
            return
        self.tree_view.expandToDepth(1)

    def _all_nodes(self) -> Iterable[Node]:
        for root in (self._message_root, self._decrypted_root):
            if root is not None:
                yield from root.walk()

    def _fit_columns(self) -> None:
        metrics = self.tree_view.fontMetrics()
        indent = self.tree_view.indentation()
        widest = 120

        def visit(parent: QModelIndex, depth: int) -> None:
            nonlocal widest
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.model.hasChildren(index):
                    visit(index, depth + 1)
                else:
                    text = str(index.data() or "")
                    widest = max(widest, (depth + 1) * indent + metrics.horizontalAdvance(text))

        visit(QModelIndex(), 0)
        self.tree_view.setColumnWidth(0, min(widest + 16, 340))

    def _select_node(self, node: Node) -> None:
        item = self._items.get(id(node))
        if item is None:
            return
        index = item.index()
        parent = index.parent()
        while parent.isValid():
            self.tree_view.expand(parent)
            parent = parent.parent()
        self.tree_view.setCurrentIndex(index)
        self.tree_view.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex | QPersistentModelIndex,
                            _previous: QModelIndex | QPersistentModelIndex) -> None:
        node = self.current_node()
        if node is None:
            self.hex_view.set_highlight(None, None)
            self.plaintext_view.set_highlight(None, None)
            self.fieldSelected.emit("")
            return
        buffer = self._buffers.get(id(node), MESSAGE)
        view = self.plaintext_view if buffer == PLAINTEXT else self.hex_view
        other = self.hex_view if buffer == PLAINTEXT else self.plaintext_view
        other.set_highlight(None, None)
        view.set_highlight(node.start, node.end)
        self.hex_tabs.setCurrentWidget(view)
        self.fieldSelected.emit(node.path)

    def _on_byte_clicked(self, buffer: str, address: int) -> Node | None:
        root = self._decrypted_root if buffer == PLAINTEXT else self._message_root
        if root is None:
            return None
        best: tuple[int, int, Node] | None = None  # (depth, -size, node)

        def visit(node: Node, depth: int) -> None:
            nonlocal best
            if node.start is not None and node.end is not None and node.start <= address < (
                    node.end):
                key = (depth, -(node.end - node.start))
                if best is None or key > best[:2]:
                    best = (key[0], key[1], node)
            for child in node.children:
                visit(child, depth + 1)

        visit(root, 0)
        if best is None:
            return None
        self._select_node(best[2])
        return best[2]

    # --- title, keys, states ------------------------------------------------------

    def _fill_title(self) -> None:
        assert self._run is not None and self._event is not None
        run, event = self._run, self._event
        sender = html.escape(run.gateway(event.role).name)
        receiver = html.escape(run.gateway(event.role.other).name)
        header = event.message.header
        parts = [
            f"<b>{html.escape(event.label)}</b>",
            f"{sender} ({event.role.value}) \u2192 {receiver}",
            f"t = {_format_time(event.time)}",
            html.escape(self.tr("{count} bytes").format(count=len(event.data))
                        + (", " + self.tr("encrypted") if header.encrypted else "")),
        ]
        if event.retransmission:
            parts.append("<span style='color:#e65100'>" + html.escape(
                self.tr("sent again ({count})").format(count=event.retransmission)) + "</span>")
        summary = html.escape(self._scrub(message_summary(event)))
        self.title.setText(" \u00b7 ".join(parts) + f"<br><tt>{summary}</tt>")

    def _fill_keys(self) -> None:
        assert self._run is not None and self._event is not None
        reveal = self.reveal_box.isChecked()
        run, event = self._run, self._event
        sender = run.gateway(event.role).name
        count = sum(len(g.derivations) for g in self._groups)
        self.details_tabs.setTabText(0, self.tr("Keys and hashes ({count})").format(
            count=count) if count else self.tr("Keys and hashes"))
        parts = ["<html><body style='margin:2px'>"]
        if not self._groups:
            parts.append("<p><i>" + html.escape(self.tr(
                "{sender} computed no keys or hashes for {message}.").format(
                    sender=sender, message=event.label)) + "</i></p>")
            if event.label in ("MM1", "MM2", "AM1"):
                parts.append("<p style='color:gray'>" + html.escape(self.tr(
                    "The keys come after the Diffie-Hellman exchange: SKEYID and its children "
                    "once both nonces and KE values are known (MM3/MM4, RFC 2409 §5).")) + "</p>")
        mono = "font-family:monospace"
        for group in self._groups:
            parts.append(
                f"<p style='margin-top:8px;margin-bottom:2px'><b>{html.escape(group.step)}"
                "</b> <span style='color:gray'>\u2014 " + html.escape(self.tr(
                    "computed by {sender} ({role}) at t = {time}").format(
                        sender=sender, role=self._role(group.role),
                        time=_format_time(group.time))) + "</span></p>")
            received = last_received_before(run, group)
            for d in group.derivations:
                use = derivation_use(d, event, received)
                use_html = (f" <span style='color:#2e7d32'>\u2192 {html.escape(use)}</span>"
                            if use else "")
                parts.append(
                    f"<p style='margin-left:8px;margin-top:6px;margin-bottom:1px'>"
                    f"<b>{html.escape(d.name)}</b> = <span style='{mono}'>"
                    f"{html.escape(d.formula)}</span> "
                    f"<span style='color:gray'>[{html.escape(d.rfc)}]</span>{use_html}</p>")
                parts.append("<table cellspacing='0' cellpadding='1' "
                             "style='margin-left:20px'>")
                for name, value in d.inputs:
                    parts.append(self._value_row(name, value, reveal))
                parts.append(self._value_row(d.name, d.output, reveal, output=True))
                parts.append("</table>")
        child = installed_child_sa(run, self._groups)
        if child is not None:
            parts.append("<p style='margin-top:8px;margin-bottom:2px'><b>"
                         + html.escape(self.tr("IPsec SA keys")) + "</b> "
                         "<span style='color:gray'>\u2014 " + html.escape(self.tr(
                             "KEYMAT split into the encryption key, then the integrity key"))
                         + " [RFC 2409 §5.5, RFC 2407 §4.5]</span></p>")
            parts.append("<table cellspacing='0' cellpadding='1' style='margin-left:20px'>")
            for title, keys in ((self.tr("initiator → responder"),
                                 child.keys.initiator_to_responder),
                                (self.tr("responder → initiator"),
                                 child.keys.responder_to_initiator)):
                parts.append(f"<tr><td colspan='2'><i>{html.escape(title)}</i></td></tr>")
                parts.append(self._value_row("SPI", keys.spi, reveal))
                parts.append(self._value_row(self.tr("encryption key"), keys.encryption_key,
                                             reveal, secret=True))
                parts.append(self._value_row(self.tr("integrity key"), keys.integrity_key,
                                             reveal, secret=True))
            parts.append("</table>")
        parts.append("</body></html>")
        text = "".join(parts)
        if not reveal:
            text = self._scrub(text)
        self.keys_view.setHtml(text)

    def _value_row(self, name: str, value: bytes, reveal: bool, *, output: bool = False,
                   secret: bool = False) -> str:
        if is_psk_name(name) and not reveal:
            shown = f"{MASK} (" + self.tr("the pre-shared key: check “Reveal secrets”") + ")"
        elif (secret or is_secret_name(name)) and not reveal:
            shown = _mask(value)
        else:
            shown = _hex_groups(value)
            if is_psk_name(name):
                text = value.decode("utf-8", "replace")
                if text.isprintable():
                    shown = f"\u201c{text}\u201d = {shown}"
        label = f"= {name}" if output else name
        weight = "font-weight:bold;" if output else ""
        colour = "color:#8e24aa;" if secret or is_secret_name(name) else ""
        return (f"<tr><td style='padding-right:8px;color:gray;{weight}' valign='top'>"
                f"{html.escape(label)}</td><td style='font-family:monospace;{weight}{colour}'>"
                f"{html.escape(shown)}</td></tr>")

    def _fill_states(self) -> None:
        assert self._run is not None and self._event is not None
        self.states_view.clear()
        naming_column = {"strongswan": 2, "libreswan": 3, "cisco": 4}
        for side in states_after(self._run, self._event):
            responder = side.role is Role.RESPONDER
            names = [
                f"{side.name} ({self._role(side.role)})",
                side.after.name,
                side.after.log_name("strongswan", responder=responder) or "\u2014",
                side.after.log_name("libreswan", responder=responder),
                side.after.log_name("cisco", responder=responder),
                side.cause,
            ]
            item = QTreeWidgetItem([self._scrub(n) for n in names])
            description = side.after.names.description
            changed = side.before is not side.after
            item.setToolTip(1, f"{side.after.name}: {description}\n" + (
                self.tr("(was {state})").format(state=side.before.name) if changed
                else self.tr("(unchanged)")))
            item.setToolTip(0, self.tr("{product}: its logs use {naming} state names").format(
                product=side.product, naming=side.naming))
            column = naming_column.get(side.naming)
            if column is not None:
                font = QFont(item.font(column))
                font.setBold(True)
                item.setFont(column, font)
                item.setToolTip(column, self.tr("the names {product} prints in its logs").format(
                    product=side.product))
            if changed:
                font = QFont(item.font(1))
                font.setBold(True)
                item.setFont(1, font)
                item.setForeground(1, QBrush(self.palette().color(QPalette.ColorRole.Link)))
            self.states_view.addTopLevelItem(item)
        for column in range(5):
            self.states_view.resizeColumnToContents(column)

    def _role(self, role: Role) -> str:
        return self.tr("initiator") if role is Role.INITIATOR else self.tr("responder")

    def _on_reveal_toggled(self, reveal: bool) -> None:
        if self._run is not None and self._event is not None:
            current = self.current_node()
            buffer = self.current_buffer()
            self._scrub = _Scrubber(() if reveal else self._psks)
            self._build_tree()
            if current is not None:
                root = self._decrypted_root if buffer == PLAINTEXT else self._message_root
                found = root.find(current.path) if root is not None else None
                if found is not None:
                    self._select_node(found)
            self._fill_title()
            self._fill_keys()
            self._fill_states()
        self.revealSecretsChanged.emit(reveal)


def _rich_tooltip(text: str) -> str:
    """A tooltip that word-wraps (Qt wraps rich text, not plain text)."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
