"""Every IKEv1 negotiation in a capture: messages, exchanges, proposals and inferred states.

:func:`read_negotiations` streams a pcap or pcapng file (through
:func:`ikeviz.capture.pcapfile.read_frames` and :func:`ikeviz.capture.packets.udp_datagrams`),
keeps the IKE messages found on the IKE ports and groups them:

- a *negotiation* is one ISAKMP SA: the messages that share the initiator cookie (RFC 2408
  §3.1; and the responder cookie once it is known, so that a cookie reused against another
  responder is a negotiation of its own). Its initiator is the sender of the message whose
  responder cookie is zero (RFC 2408 §2.5.3);
- inside it, an *exchange* is one message ID (RFC 2408 §3.1): 0 for phase 1 (Main or
  Aggressive Mode), a random value for each Quick Mode and Informational exchange;
- a message seen again with the same bytes is a *retransmission* of the first copy
  (RFC 2408 §5: a peer resends its last message unchanged).

Each message is labelled as RFC 2409 §5 counts them (MM1..MM6, AM1..AM3, QM1..QM3, INFO),
from its exchange, its direction and how many distinct messages that side sent before in
the exchange. The states each side must have been in after each message are inferred from
the sequence with the engine's state table (:mod:`ikeviz.protocol.states`): a side's state
changes when its own next message proves that it took the other's message in.

Memory stays flat whatever the size of the capture: frames are read one at a time and only
IKE messages are kept, within fixed bounds (:data:`MAX_NEGOTIATIONS`,
:data:`MAX_MESSAGES`, :data:`MAX_PROBLEMS`); what goes past a bound is counted, not kept.

Encrypted messages are kept as ciphertext; :mod:`ikeviz.capture.keys` decrypts them when
keys are given, and :func:`assemble` recomputes everything that depends on the cleartext.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO, Final, Protocol

from ikeviz.capture.packets import FrameProblem, ReadCounter, UdpDatagram, read_udp_datagrams
from ikeviz.capture.pcapfile import CaptureError
from ikeviz.i18n import translate
from ikeviz.protocol.codec import (
    HEADER_LENGTH,
    Delete,
    Hash,
    Header,
    Identification,
    KeyExchange,
    Message,
    Nonce,
    Notification,
    Payload,
    Proposal,
    SecurityAssociation,
    Transform,
    decode_header,
    decode_message,
)
from ikeviz.protocol.config import IkeProposal, Role
from ikeviz.protocol.errors import DecodeError
from ikeviz.protocol.proposals import (
    ChildOffer,
    ProposalSyntaxError,
    parse_child_transform,
    parse_ike_transform,
)
from ikeviz.protocol.registry import ExchangeType, NotifyType, ProtocolId, describe
from ikeviz.protocol.states import State
from ikeviz.protocol.transport import UdpContentKind, classify_udp_payload
from ikeviz.simulation.summary import payload_label

__all__ = [
    "MAX_MESSAGES",
    "MAX_NEGOTIATIONS",
    "MAX_PROBLEMS",
    "CaptureAnalysis",
    "CapturedMessage",
    "Endpoint",
    "Exchange",
    "HashCheck",
    "Negotiation",
    "QuickMode",
    "assemble",
    "exchange_name",
    "message_summary",
    "read_negotiations",
]

#: At most this many negotiations are kept; later ones are counted in ``dropped_negotiations``.
MAX_NEGOTIATIONS: Final = 10_000
#: Negotiations not kept are counted once each up to this many (then once per message).
MAX_DROPPED_COUNTED: Final = 100_000
#: At most this many messages (retransmissions included) are kept per negotiation.
MAX_MESSAGES: Final = 1_000
#: At most this many problems are listed; the others are counted in ``problems_dropped``.
MAX_PROBLEMS: Final = 1_000

_ZERO_COOKIE: Final = bytes(8)

_EXCHANGE_NAMES: Final[dict[int, str]] = {
    ExchangeType.BASE: "Base",
    ExchangeType.IDENTITY_PROTECTION: "Main Mode",
    ExchangeType.AUTHENTICATION_ONLY: "Authentication Only",
    ExchangeType.AGGRESSIVE: "Aggressive Mode",
    ExchangeType.INFORMATIONAL: "Informational",
    ExchangeType.TRANSACTION: "Transaction (Mode-Config)",
    ExchangeType.QUICK_MODE: "Quick Mode",
    ExchangeType.NEW_GROUP_MODE: "New Group Mode",
}
# Exchanges whose messages are numbered (RFC 2409 §5, §5.4, §5.5) and their label prefix.
_NUMBERED: Final[dict[int, str]] = {
    ExchangeType.IDENTITY_PROTECTION: "MM",
    ExchangeType.AGGRESSIVE: "AM",
    ExchangeType.QUICK_MODE: "QM",
}
_LAST_NUMBER: Final[dict[str, int]] = {"MM": 6, "AM": 3, "QM": 4}
_OTHER_LABELS: Final[dict[int, str]] = {
    ExchangeType.INFORMATIONAL: "INFO",
    ExchangeType.TRANSACTION: "CFG",
    ExchangeType.BASE: "BASE",
    ExchangeType.AUTHENTICATION_ONLY: "AUTH",
    ExchangeType.NEW_GROUP_MODE: "NGM",
}


def exchange_name(exchange_type: int) -> str:
    """ "Main Mode", "Quick Mode"...; the registry's words for the others."""
    return _EXCHANGE_NAMES.get(exchange_type) or describe(ExchangeType, exchange_type)


# --- the model -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An IP address and UDP port as seen in the capture."""

    address: str
    port: int

    def __str__(self) -> str:
        if ":" in self.address:
            return f"[{self.address}]:{self.port}"
        return f"{self.address}:{self.port}"


@dataclass(frozen=True, slots=True)
class HashCheck:
    """The check of a HASH payload (HASH_I/HASH_R, RFC 2409 §5; HASH(1..3) §5.5; §5.7).

    ``verified`` is True (it matches), False (it does not) or None (not verifiable: the
    keys given do not include SKEYID / SKEYID_a).
    """

    name: str
    verified: bool | None
    detail: str = ""

    @property
    def status(self) -> str:
        if self.verified is None:
            return translate("capture", "not verifiable")
        return translate("capture", "verified") if self.verified else translate("capture",
                                                                               "MISMATCH")


@dataclass(frozen=True, slots=True)
class CapturedMessage:
    """One IKE message of a negotiation, as captured (and decrypted when keys allowed it).

    ``index`` is its position in the negotiation; ``time`` the seconds since the
    negotiation's first message. ``from_initiator`` is the direction (the phase-1
    initiator sent it); ``exchange_initiator`` says whether its sender started the exchange
    of its message ID (Quick Mode may be started by either side). ``payloads`` are the
    cleartext payloads, or the decrypted ones (``decrypted``); an encrypted message that
    could not be read has none and says why in ``unreadable``. ``malformed`` is the decode
    error of a message whose header was readable but not its payloads. ``retransmission``
    is 0 for a first copy, n for the n-th identical copy, which points at the first
    (``retransmission_of``). ``initiator_state``/``responder_state`` are the inferred
    states of each side once the message was handled.
    """

    index: int
    frame: int
    timestamp_ns: int
    time: float
    src: Endpoint
    dst: Endpoint
    from_initiator: bool
    header: Header
    data: bytes
    non_esp_marker: bool = False
    payloads: tuple[Payload, ...] = ()
    malformed: str = ""
    retransmission: int = 0
    retransmission_of: int | None = None
    label: str = ""
    exchange_initiator: bool = True
    decrypted: bool = False
    plaintext: bytes = b""
    iv: bytes = b""
    key_source: str = ""
    unreadable: str = ""
    hash_check: HashCheck | None = None
    initiator_state: State = State.IDLE
    responder_state: State = State.WAIT_MM1

    @property
    def encrypted(self) -> bool:
        return self.header.encrypted

    @property
    def size(self) -> int:
        """The ISAKMP message's size in bytes (header included, non-ESP marker excluded)."""
        return len(self.data)

    @property
    def ciphertext_size(self) -> int:
        return len(self.data) - HEADER_LENGTH if self.encrypted else 0

    @property
    def message_id(self) -> int:
        return self.header.message_id

    @property
    def exchange_type(self) -> int:
        return self.header.exchange_type

    @property
    def direction(self) -> str:
        return "I->R" if self.from_initiator else "R->I"

    @property
    def readable(self) -> bool:
        """True when the payloads are known (a cleartext message, or a decrypted one)."""
        return not self.malformed and (not self.encrypted or self.decrypted)

    @property
    def notifies(self) -> tuple[Notification, ...]:
        return tuple(p for p in self.payloads if isinstance(p, Notification))

    @property
    def error_notifies(self) -> tuple[Notification, ...]:
        """Notifies of an error type (RFC 2408 §3.14.1: types below 8192)."""
        return tuple(n for n in self.notifies if n.notify_type < 8192)

    @property
    def deletes(self) -> tuple[Delete, ...]:
        return tuple(p for p in self.payloads if isinstance(p, Delete))


@dataclass(frozen=True, slots=True)
class Exchange:
    """The messages of one message ID (RFC 2408 §3.1), in capture order."""

    message_id: int
    exchange_type: int
    messages: tuple[int, ...]
    started_by_initiator: bool

    @property
    def name(self) -> str:
        return exchange_name(self.exchange_type)


@dataclass(frozen=True, slots=True)
class QuickMode:
    """What a Quick Mode exchange shows once decrypted (RFC 2409 §5.5).

    ``offered`` holds each proposal of QM1 with its transforms read as engine objects;
    ``chosen`` the responder's transform in QM2. ``ids_offered`` are IDci/IDcr of QM1 (the
    proxy identities, i.e. the subnets), ``ids_answered`` those of QM2. ``pfs`` tells
    whether QM1 carried a KE payload.
    """

    message_id: int
    started_by_initiator: bool
    messages: tuple[int, ...]
    readable: bool
    offered: tuple[tuple[Proposal, tuple[ChildOffer, ...]], ...] = ()
    chosen_proposal: Proposal | None = None
    chosen: ChildOffer | None = None
    ids_offered: tuple[Identification, ...] = ()
    ids_answered: tuple[Identification, ...] = ()
    pfs: bool = False
    complete: bool = False  # QM3 was seen
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Negotiation:
    """One ISAKMP SA negotiation found in a capture.

    ``initiator_seen`` is False when the capture starts after its first message (the roles
    are then guessed). ``offered`` are the transforms of the initiator's phase-1 SA (MM1 or
    AM1) read with :func:`ikeviz.protocol.proposals.parse_ike_transform`, ``chosen`` the
    responder's (MM2 or AM2). ``initiator_id``/``responder_id`` are the phase-1 identities
    (readable in Main Mode only once MM5/MM6 are decrypted). ``dropped_messages`` counts the
    messages past :data:`MAX_MESSAGES`.
    """

    number: int
    icookie: bytes
    rcookie: bytes
    initiator: Endpoint
    responder: Endpoint
    initiator_seen: bool
    messages: tuple[CapturedMessage, ...]
    exchanges: tuple[Exchange, ...] = ()
    mode: str = ""
    offered_sa: SecurityAssociation | None = None
    offered_transforms: tuple[Transform, ...] = ()
    offered: tuple[IkeProposal, ...] = ()
    chosen_transform: Transform | None = None
    chosen: IkeProposal | None = None
    proposal_problems: tuple[str, ...] = ()
    initiator_id: Identification | None = None
    responder_id: Identification | None = None
    quick_modes: tuple[QuickMode, ...] = ()
    nat_t: bool = False
    dropped_messages: int = 0
    keys_tried: tuple[str, ...] = ()  # every usable key given for this negotiation
    key_sources: tuple[str, ...] = ()  # the keys that decrypted at least one message
    key_notes: tuple[str, ...] = ()  # what the key sources said (unusable keys...)

    @property
    def cookies(self) -> str:
        return f"{self.icookie.hex()}:{self.rcookie.hex() if self.rcookie else '?'}"

    @property
    def first_frame(self) -> int:
        return self.messages[0].frame if self.messages else 0

    @property
    def start_ns(self) -> int:
        return self.messages[0].timestamp_ns if self.messages else 0

    def phase1_messages(self) -> list[CapturedMessage]:
        return [m for m in self.messages if m.message_id == 0]

    def first(self, label: str) -> CapturedMessage | None:
        """The first copy of the message with this label ("MM2", "QM1"...), or None."""
        for message in self.messages:
            if message.label == label and message.retransmission == 0:
                return message
        return None

    @property
    def encrypted_count(self) -> int:
        return sum(1 for m in self.messages if m.encrypted)

    @property
    def decrypted_count(self) -> int:
        return sum(1 for m in self.messages if m.decrypted)


class _CancelEvent(Protocol):
    def is_set(self) -> bool: ...


Cancel = Callable[[], bool] | _CancelEvent


@dataclass(frozen=True)
class CaptureAnalysis:
    """What :func:`read_negotiations` found.

    ``problems`` lists the malformed frames and IKE messages (frame number and reason; the
    reading went on after each). ``ignored`` counts what was on the IKE ports but is not
    IKEv1 (ESP in UDP, NAT-keepalives, IKEv2). ``error`` is set when the file itself could
    not be read to its end (not a capture, truncated, corrupt): the negotiations are then
    those of the frames before the fault. ``cancelled`` is True when ``cancel`` stopped the
    reading.
    """

    source: str
    negotiations: list[Negotiation]
    problems: list[FrameProblem]
    frames: int
    bytes_read: int = 0
    total_bytes: int = -1
    ike_messages: int = 0
    ignored: dict[str, int] = field(default_factory=dict)
    problems_dropped: int = 0
    dropped_negotiations: int = 0
    error: CaptureError | None = None
    cancelled: bool = False


# --- reading ---------------------------------------------------------------------------------


class _Cancelled(Exception):
    pass


def _cancel_function(cancel: Cancel | None) -> Callable[[], bool] | None:
    if cancel is None:
        return None
    is_set = getattr(cancel, "is_set", None)
    if callable(is_set):
        return lambda: bool(is_set())
    assert callable(cancel)
    return lambda: bool(cancel())


@dataclass
class _Builder:
    """One negotiation being read: only what the final :class:`Negotiation` needs."""

    number: int
    icookie: bytes
    initiator: Endpoint
    responder: Endpoint
    initiator_seen: bool
    rcookie: bytes = b""
    messages: list[CapturedMessage] = field(default_factory=list)
    seen: dict[bytes, int] = field(default_factory=dict)  # message bytes -> first copy
    resends: dict[int, int] = field(default_factory=dict)
    dropped: int = 0
    nat_t: bool = False

    def direction(self, src: Endpoint, dst: Endpoint) -> bool:
        """True when the initiator sent it: by endpoint, then by address (after a NAT-T float)."""
        if src == self.initiator or dst == self.responder:
            return True
        if src == self.responder or dst == self.initiator:
            return False
        if src.address == self.initiator.address != self.responder.address:
            return True
        if src.address == self.responder.address != self.initiator.address:
            return False
        return dst.address == self.responder.address

    def add(
        self,
        datagram: UdpDatagram,
        ike: bytes,
        header: Header,
        payloads: tuple[Payload, ...],
        malformed: str,
        marker: bool,
    ) -> None:
        if len(self.messages) >= MAX_MESSAGES:
            self.dropped += 1
            return
        src = Endpoint(datagram.src, datagram.src_port)
        dst = Endpoint(datagram.dst, datagram.dst_port)
        if not self.rcookie and header.rcookie != _ZERO_COOKIE:
            self.rcookie = header.rcookie
        self.nat_t = self.nat_t or marker
        index = len(self.messages)
        first = self.seen.get(ike)
        again, data = 0, ike
        if first is not None:
            again = self.resends.get(first, 0) + 1
            self.resends[first] = again
            data = self.messages[first].data  # share the bytes of the first copy
        else:
            self.seen[ike] = index
        start = self.messages[0].timestamp_ns if self.messages else datagram.timestamp_ns
        self.messages.append(
            CapturedMessage(
                index=index,
                frame=datagram.frame,
                timestamp_ns=datagram.timestamp_ns,
                time=(datagram.timestamp_ns - start) / 1e9,
                src=src,
                dst=dst,
                from_initiator=self.direction(src, dst),
                header=header,
                data=data,
                non_esp_marker=marker,
                payloads=payloads,
                malformed=malformed,
                retransmission=again,
                retransmission_of=first,
            )
        )

    def build(self) -> Negotiation:
        negotiation = Negotiation(
            number=self.number,
            icookie=self.icookie,
            rcookie=self.rcookie,
            initiator=self.initiator,
            responder=self.responder,
            initiator_seen=self.initiator_seen,
            messages=tuple(self.messages),
            nat_t=self.nat_t,
            dropped_messages=self.dropped,
        )
        return assemble(negotiation)


class _Collector:
    """Takes the UDP datagrams one by one and sorts the IKE messages into negotiations."""

    def __init__(self) -> None:
        self.builders: list[_Builder] = []
        self.by_icookie: dict[bytes, list[_Builder]] = {}
        self.problems: list[FrameProblem] = []
        self.problems_dropped = 0
        self.ignored: dict[str, int] = {}
        self.ike_messages = 0
        self.dropped_negotiations = 0
        # The initiator cookies of the negotiations not kept, so that each is counted once
        # and not once per message; bounded, as the reading's memory is (past the bound,
        # each message of a negotiation not kept counts again).
        self.dropped_cookies: set[bytes] = set()

    def problem(self, frame: int, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(FrameProblem(frame, reason))
        else:
            self.problems_dropped += 1

    def ignore(self, what: str) -> None:
        self.ignored[what] = self.ignored.get(what, 0) + 1

    def datagram(self, datagram: UdpDatagram) -> None:
        content = classify_udp_payload(
            datagram.payload, src_port=datagram.src_port, dst_port=datagram.dst_port
        )
        if content.kind is not UdpContentKind.IKE:
            self.ignore(content.kind.value)
            if content.kind is UdpContentKind.UNKNOWN:
                self.problem(datagram.frame, translate(
                    "capture", "UDP {source} -> {destination}: neither IKE nor ESP: "
                    "{reason}").format(source=datagram.src_port,
                                       destination=datagram.dst_port, reason=content.reason))
            return
        ike = content.ike
        if len(ike) >= HEADER_LENGTH and ike[17] >> 4 == 2:
            self.ignore("IKEv2")  # RFC 7296 §3.1: major version 2
            return
        marker = content.ike_offset > 0
        try:
            message: Message | None = decode_message(ike)
        except DecodeError as exc:
            message = None
            error = str(exc)
        if message is not None:
            self.ike_messages += 1
            self._add(datagram, ike, message.header, message.payloads, "", marker)
            return
        self.problem(datagram.frame, translate("capture", "malformed IKE message: {error}").format(
            error=error))
        try:
            header = decode_header(ike)
        except DecodeError:
            return
        # A message whose header is readable belongs to its negotiation, if it has one.
        if header.icookie in self.by_icookie:
            self.ike_messages += 1
            self._add(datagram, ike, header, (), error, marker, create=False)

    def _add(
        self,
        datagram: UdpDatagram,
        ike: bytes,
        header: Header,
        payloads: tuple[Payload, ...],
        malformed: str,
        marker: bool,
        *,
        create: bool = True,
    ) -> None:
        rcookie = header.rcookie if header.rcookie != _ZERO_COOKIE else b""
        builder: _Builder | None = None
        for candidate in reversed(self.by_icookie.get(header.icookie, ())):
            if not rcookie or not candidate.rcookie or candidate.rcookie == rcookie:
                builder = candidate
                break
        if builder is None:
            if not create:
                return
            if len(self.builders) >= MAX_NEGOTIATIONS:
                if header.icookie not in self.dropped_cookies:
                    self.dropped_negotiations += 1
                    if len(self.dropped_cookies) < MAX_DROPPED_COUNTED:
                        self.dropped_cookies.add(header.icookie)
                return
            src = Endpoint(datagram.src, datagram.src_port)
            dst = Endpoint(datagram.dst, datagram.dst_port)
            initiator, responder, seen = src, dst, not rcookie
            if rcookie and _looks_like_responder(header, payloads):
                initiator, responder = dst, src
            builder = _Builder(len(self.builders) + 1, header.icookie, initiator, responder, seen)
            self.builders.append(builder)
            self.by_icookie.setdefault(header.icookie, []).append(builder)
        builder.add(datagram, ike, header, payloads, malformed, marker)


def _looks_like_responder(header: Header, payloads: tuple[Payload, ...]) -> bool:
    """A phase-1 message with an SA and a responder cookie is the responder's (MM2/AM2)."""
    return header.message_id == 0 and any(isinstance(p, SecurityAssociation) for p in payloads)


def read_negotiations(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    ports: Collection[int] = (500, 4500),
    progress: Callable[[int, int], None] | None = None,
    cancel: Cancel | None = None,
) -> CaptureAnalysis:
    """Find every IKEv1 negotiation of a pcap or pcapng capture, streaming.

    ``ports`` are the UDP ports that carry IKE (500 and 4500 by default; IKE on any port but
    500 is read after the non-ESP marker, RFC 3948 §2.2). ``progress(bytes_read, total)`` is
    called about every MiB (``total`` is -1 for an unseekable stream); ``cancel`` is a
    callable returning True (or an object with ``is_set()``, e.g. a ``threading.Event``)
    that is asked at every progress report (about every MiB read) and after every IKE
    datagram, and stops the reading (``cancelled`` is then True, and no negotiation is
    returned).

    Never raises for the content of the file: a container that cannot be read (not a
    capture, truncated) is reported in ``error``, after the negotiations read before the
    fault; malformed frames and IKE messages are listed in ``problems``.
    """
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
    else:
        stream_name = getattr(source, "name", None)
        name = stream_name if isinstance(stream_name, str) else "<stream>"
    stop = _cancel_function(cancel)
    collector = _Collector()
    counter = ReadCounter()
    read = {"bytes": 0, "total": -1}

    def report(done: int, total: int) -> None:
        read["bytes"], read["total"] = done, total
        if progress is not None:
            progress(done, total)
        if stop is not None and stop():
            raise _Cancelled

    error: CaptureError | None = None
    cancelled = False
    try:
        if stop is not None and stop():
            raise _Cancelled
        for item in read_udp_datagrams(source, ports=ports, progress=report, counter=counter):
            if isinstance(item, FrameProblem):
                collector.problem(item.frame, item.reason)
            else:
                collector.datagram(item)
                if stop is not None and stop():
                    raise _Cancelled
    except CaptureError as exc:
        error = exc
    except _Cancelled:
        cancelled = True
    return CaptureAnalysis(
        source=name,
        # A cancelled reading builds nothing: its caller stops, and building ten
        # thousand negotiations would take seconds after the user asked to stop.
        negotiations=[] if cancelled else [b.build() for b in collector.builders],
        problems=collector.problems,
        frames=counter.frames,
        bytes_read=read["bytes"],
        total_bytes=read["total"],
        ike_messages=collector.ike_messages,
        ignored=collector.ignored,
        problems_dropped=collector.problems_dropped,
        dropped_negotiations=collector.dropped_negotiations,
        error=error,
        cancelled=cancelled,
    )


# --- what the message sequence says ----------------------------------------------------------


def assemble(negotiation: Negotiation) -> Negotiation:
    """Recompute everything derived from the messages: labels, exchanges, proposals, states.

    Called once the messages are read, and again by the decryption, whose payloads change
    what is known (identities, Quick Mode offers, notifies inside encrypted Informationals).
    """
    messages = label_messages(list(negotiation.messages))
    exchanges = _exchanges(messages)
    messages = _infer_states(messages)
    first_p1 = next((m for m in messages if m.message_id == 0 and m.readable
                     and m.exchange_type in (ExchangeType.IDENTITY_PROTECTION,
                                             ExchangeType.AGGRESSIVE)), None)
    mode = exchange_name(first_p1.exchange_type) if first_p1 is not None else ""
    problems: list[str] = []
    offered_sa, offered_transforms, offered = _offered(messages, problems)
    chosen_transform, chosen = _chosen(messages, problems)
    initiator_id = responder_id = None
    for m in messages:
        if m.message_id != 0 or m.retransmission or not m.readable:
            continue
        ident = next((p for p in m.payloads if isinstance(p, Identification)), None)
        if ident is None:
            continue
        if m.from_initiator and initiator_id is None:
            initiator_id = ident
        elif not m.from_initiator and responder_id is None:
            responder_id = ident
    return replace(
        negotiation,
        messages=tuple(messages),
        exchanges=exchanges,
        mode=mode,
        offered_sa=offered_sa,
        offered_transforms=offered_transforms,
        offered=offered,
        chosen_transform=chosen_transform,
        chosen=chosen,
        proposal_problems=tuple(problems),
        initiator_id=initiator_id,
        responder_id=responder_id,
        quick_modes=_quick_modes(messages, exchanges),
    )


def label_messages(messages: list[CapturedMessage]) -> list[CapturedMessage]:
    """RFC 2409 §5 labels: per exchange, the n-th distinct message of each side.

    A capture may lack a message (tcpdump started late, a dropped packet): the
    number then comes from what a message carries where that tells it (Main
    Mode's SA, KE/nonce and encrypted pairs; a decrypted Quick Mode message with
    or without its SA), and only otherwise from counting each side's messages,
    so that one lost message does not shift the labels of the others. Phase 1
    (message ID 0) is always started by the phase-1 initiator.
    """
    starter = _exchange_starters(messages)
    counts: dict[tuple[int, bool], int] = {}
    out: list[CapturedMessage] = []
    for m in messages:
        mid = m.message_id
        exchange_initiator = starter.get(mid, m.from_initiator) == m.from_initiator
        if m.retransmission_of is not None:
            original = out[m.retransmission_of]
            out.append(replace(m, label=original.label,
                               exchange_initiator=original.exchange_initiator))
            continue
        if m.malformed:
            out.append(replace(m, label="?", exchange_initiator=exchange_initiator))
            continue
        prefix = _NUMBERED.get(m.exchange_type)
        if prefix is None:
            label = _OTHER_LABELS.get(m.exchange_type, f"X{m.exchange_type}")
        else:
            key = (mid, exchange_initiator)
            counts[key] = counts.get(key, 0) + 1
            number = _number_by_content(m, exchange_initiator) or (
                2 * counts[key] - (1 if exchange_initiator else 0))
            label = f"{prefix}{number}" if number <= _LAST_NUMBER[prefix] else f"{prefix}?"
        out.append(replace(m, label=label, exchange_initiator=exchange_initiator))
    return out


def _exchange_starters(messages: Sequence[CapturedMessage]) -> dict[int, bool]:
    """Per message ID, whether the phase-1 initiator started that exchange.

    Phase 1 is the initiator's. A Quick Mode is started by the sender of its
    QM3 (a decrypted message with only its HASH) and answered by the sender of
    a CONNECTED notify (QM4); otherwise, as for the other exchanges, by whoever
    sent its first message seen.
    """
    starter: dict[int, bool] = {0: True}
    known: set[int] = {0}
    for m in messages:
        if m.malformed or m.message_id in known:
            continue
        if m.exchange_type == ExchangeType.QUICK_MODE and m.readable and not any(
            isinstance(p, SecurityAssociation) for p in m.payloads
        ):
            connected = any(isinstance(p, Notification) and p.notify_type == NotifyType.CONNECTED
                            for p in m.payloads)
            starter[m.message_id] = m.from_initiator != connected
            known.add(m.message_id)
        else:
            starter.setdefault(m.message_id, m.from_initiator)
    return starter


def _number_by_content(m: CapturedMessage, exchange_initiator: bool) -> int | None:
    """The message's number in its exchange from its payloads (RFC 2409 §5.1-§5.5), or
    None when they do not tell it."""
    kind = m.exchange_type
    sa = any(isinstance(p, SecurityAssociation) for p in m.payloads)
    if kind == ExchangeType.IDENTITY_PROTECTION:
        if m.encrypted:
            pair = 3  # MM5/MM6
        elif any(isinstance(p, KeyExchange | Nonce) for p in m.payloads):
            pair = 2  # MM3/MM4
        elif sa:
            pair = 1  # MM1/MM2
        else:
            return None
        return 2 * pair - (1 if exchange_initiator else 0)
    if kind == ExchangeType.AGGRESSIVE:
        if not exchange_initiator:
            return 2
        if sa:
            return 1
        return 3 if m.readable or m.encrypted else None
    if kind == ExchangeType.QUICK_MODE and m.readable:
        if exchange_initiator:
            return 1 if sa else 3
        return 2 if sa else 4
    return None


def _exchanges(messages: Sequence[CapturedMessage]) -> tuple[Exchange, ...]:
    order: list[int] = []
    members: dict[int, list[int]] = {}
    kinds: dict[int, int] = {}
    starters: dict[int, bool] = {}
    for m in messages:
        if m.message_id not in members:
            order.append(m.message_id)
            members[m.message_id] = []
            kinds[m.message_id] = m.exchange_type
            starters[m.message_id] = m.from_initiator
        members[m.message_id].append(m.index)
    return tuple(Exchange(mid, kinds[mid], tuple(members[mid]), starters[mid]) for mid in order)


def _offered(
    messages: Sequence[CapturedMessage], problems: list[str]
) -> tuple[SecurityAssociation | None, tuple[Transform, ...], tuple[IkeProposal, ...]]:
    """The initiator's phase-1 SA (MM1/AM1) and its transforms read as engine objects."""
    for m in messages:
        if m.message_id or not m.from_initiator or not m.readable or m.retransmission:
            continue
        sa = next((p for p in m.payloads if isinstance(p, SecurityAssociation)), None)
        if sa is None:
            continue
        transforms = tuple(t for p in sa.proposals for t in p.transforms)
        offers: list[IkeProposal] = []
        for t in transforms:
            try:
                offers.append(parse_ike_transform(t))
            except ProposalSyntaxError as exc:
                problems.append(translate("capture", "{label} transform {number}: {error}").format(
                    label=m.label, number=t.number, error=exc))
        return sa, transforms, tuple(offers)
    return None, (), ()


def _chosen(
    messages: Sequence[CapturedMessage], problems: list[str]
) -> tuple[Transform | None, IkeProposal | None]:
    """The responder's phase-1 choice (MM2/AM2: one proposal, one transform)."""
    for m in messages:
        if m.message_id or m.from_initiator or not m.readable or m.retransmission:
            continue
        sa = next((p for p in m.payloads if isinstance(p, SecurityAssociation)), None)
        if sa is None:
            continue
        transforms = [t for p in sa.proposals for t in p.transforms]
        if len(transforms) != 1:
            problems.append((translate("capture", "{label} holds {count} transform, not one "
                                       "(RFC 2409 §5)") if len(transforms) == 1 else
                             translate("capture", "{label} holds {count} transforms, not one "
                                       "(RFC 2409 §5)")).format(label=m.label,
                                                                count=len(transforms)))
        if not transforms:
            return None, None
        try:
            return transforms[0], parse_ike_transform(transforms[0])
        except ProposalSyntaxError as exc:
            problems.append(translate("capture", "{label} transform: {error}").format(
                label=m.label, error=exc))
            return transforms[0], None
    return None, None


def _quick_modes(
    messages: Sequence[CapturedMessage], exchanges: Sequence[Exchange]
) -> tuple[QuickMode, ...]:
    out: list[QuickMode] = []
    for exchange in exchanges:
        if exchange.exchange_type != ExchangeType.QUICK_MODE or exchange.message_id == 0:
            continue
        members = [messages[i] for i in exchange.messages]
        firsts = {m.label: m for m in members if m.retransmission == 0}
        qm1, qm2 = firsts.get("QM1"), firsts.get("QM2")
        problems: list[str] = []
        offered: list[tuple[Proposal, tuple[ChildOffer, ...]]] = []
        ids_offered: tuple[Identification, ...] = ()
        pfs = False
        if qm1 is not None and qm1.readable:
            sa = next((p for p in qm1.payloads if isinstance(p, SecurityAssociation)), None)
            if sa is not None:
                for proposal in sa.proposals:
                    parsed: list[ChildOffer] = []
                    for t in proposal.transforms:
                        try:
                            parsed.append(parse_child_transform(proposal.protocol_id, t))
                        except ProposalSyntaxError as exc:
                            problems.append(translate(
                                "capture", "QM1 proposal {proposal} transform {number}: "
                                "{error}").format(proposal=proposal.number, number=t.number,
                                                  error=exc))
                    offered.append((proposal, tuple(parsed)))
            ids_offered = tuple(p for p in qm1.payloads if isinstance(p, Identification))
            pfs = any(isinstance(p, KeyExchange) for p in qm1.payloads)
        chosen_proposal: Proposal | None = None
        chosen: ChildOffer | None = None
        ids_answered: tuple[Identification, ...] = ()
        if qm2 is not None and qm2.readable:
            sa = next((p for p in qm2.payloads if isinstance(p, SecurityAssociation)), None)
            if sa is not None and sa.proposals and sa.proposals[0].transforms:
                chosen_proposal = sa.proposals[0]
                try:
                    chosen = parse_child_transform(chosen_proposal.protocol_id,
                                                   chosen_proposal.transforms[0])
                except ProposalSyntaxError as exc:
                    problems.append(translate("capture", "QM2 transform: {error}").format(
                        error=exc))
            ids_answered = tuple(p for p in qm2.payloads if isinstance(p, Identification))
        out.append(QuickMode(
            message_id=exchange.message_id,
            started_by_initiator=exchange.started_by_initiator,
            messages=exchange.messages,
            readable=qm1 is not None and qm1.readable,
            offered=tuple(offered),
            chosen_proposal=chosen_proposal,
            chosen=chosen,
            ids_offered=ids_offered,
            ids_answered=ids_answered,
            pfs=pfs,
            complete="QM3" in firsts,
            problems=tuple(problems),
        ))
    return tuple(out)


# --- inferred states -------------------------------------------------------------------------

# A message sent proves that its sender took in the other side's last message and moved to
# this state (the transitions of ikeviz.protocol.states, read backwards from the replies).
_STATE_AFTER_SENDING: Final[dict[str, State]] = {
    "MM2": State.WAIT_MM3,  # the responder took MM1 in
    "MM3": State.WAIT_MM4,
    "MM4": State.WAIT_MM5,
    "MM5": State.WAIT_MM6,
    "MM6": State.WAIT_QM1,  # the responder took MM5 in: phase 1 done on its side
    "AM2": State.WAIT_AM3,
    "AM3": State.WAIT_QM1,
    "QM2": State.WAIT_QM3,
}
_PHASE1_LAST: Final = {State.WAIT_MM6, State.WAIT_AM3}


def _infer_states(messages: list[CapturedMessage]) -> list[CapturedMessage]:
    """Each side's state once each message was handled (see the module docstring).

    The receiver of message k moves when its own next message proves it took k in; a side
    that never answers keeps waiting. An error notify fails its sender, and its receiver too
    unless that one goes on sending; a DELETE of the ISAKMP SA ends both.
    """
    n = len(messages)
    rows: dict[bool, list[State]] = {True: [State.IDLE] * n, False: [State.WAIT_MM1] * n}
    current: dict[bool, State] = {True: State.IDLE, False: State.WAIT_MM1}
    last_from: dict[bool, int | None] = {True: None, False: None}
    tentative: dict[bool, tuple[int, State] | None] = {True: None, False: None}
    phase1_end: int | None = None  # the row of MM6 / AM3
    qm_rows: dict[tuple[int, str], int] = {}
    qm_commit: set[int] = set()

    def set_from(side: bool, row: int, state: State) -> None:
        for k in range(max(row, 0), n):
            rows[side][k] = state
        current[side] = state

    for i, m in enumerate(messages):
        side, other = m.from_initiator, not m.from_initiator
        if m.malformed:
            continue
        pending = tentative[side]
        if pending is not None:
            # It goes on sending: the error notify it received did not stop it.
            tentative[side] = None
            set_from(side, pending[0], pending[1])
        if m.retransmission:
            continue
        answered = last_from[other]
        label = m.label
        phase2 = m.message_id != 0 and (
            label.startswith("QM") or label == "CFG"
            or (label == "INFO" and m.readable and not m.error_notifies))
        if phase2 and current[side] in _PHASE1_LAST and phase1_end is not None:
            set_from(side, phase1_end, State.WAIT_QM1)
        if label in ("MM1", "AM1"):
            set_from(side, i, State.WAIT_MM2 if label == "MM1" else State.WAIT_AM2)
        elif label in _STATE_AFTER_SENDING and label != "QM2":
            set_from(side, answered if answered is not None else i, _STATE_AFTER_SENDING[label])
            if label in ("MM6", "AM3"):
                phase1_end = i
        elif label == "QM1":
            set_from(side, i, State.WAIT_QM2)
            qm_rows[(m.message_id, "QM1")] = i
        elif label == "QM2":
            set_from(side, qm_rows.get((m.message_id, "QM1"), i), State.WAIT_QM3)
            qm_rows[(m.message_id, "QM2")] = i
            if m.header.commit:
                qm_commit.add(m.message_id)
        elif label == "QM3":
            waiting = m.message_id in qm_commit
            set_from(side, qm_rows.get((m.message_id, "QM2"), i),
                     State.WAIT_CONNECTED if waiting else State.ESTABLISHED)
            if not waiting:
                set_from(other, i, State.ESTABLISHED)
        elif label == "QM4":
            set_from(other, i, State.ESTABLISHED)
        elif label == "INFO" and m.readable:
            if any(d.protocol_id == ProtocolId.ISAKMP for d in m.deletes):
                set_from(side, i, State.DELETED)
                set_from(other, i, State.DELETED)
            elif m.error_notifies:
                tentative[other] = (i, current[other])
                set_from(side, i, State.FAILED)
                set_from(other, i, State.FAILED)
        last_from[side] = i
    return [replace(m, initiator_state=rows[True][i], responder_state=rows[False][i])
            for i, m in enumerate(messages)]


# --- one line per message --------------------------------------------------------------------


def message_summary(message: CapturedMessage) -> str:
    """ "HDR, SA, VID x4", "HDR*, IDii, HASH_I, N(INITIAL-CONTACT)" or "HDR*, encrypted (N bytes)".

    Payloads are written as RFC 2409 §5 does, from the sender's role in the exchange.
    """
    if message.malformed:
        return translate("capture", "{header}, malformed ({size} bytes)").format(
            header="HDR*" if message.encrypted else "HDR", size=message.size)
    if message.encrypted and not message.decrypted:
        return translate("capture", "HDR*, encrypted ({size} bytes)").format(size=message.size)
    role = Role.INITIATOR if message.exchange_initiator else Role.RESPONDER
    parts = [payload_label(p, message.label, role) for p in message.payloads]
    if message.label.startswith("QM") and message.payloads and isinstance(
            message.payloads[0], Hash) and message.label not in ("QM1", "QM2", "QM3"):
        parts[0] = "HASH"
    out: list[str] = []
    for part in parts:
        if out and out[-1].split(" x")[0] == part:
            base, _, count = out[-1].partition(" x")
            out[-1] = f"{base} x{int(count or 1) + 1}"
        else:
            out.append(part)
    return ", ".join(["HDR*" if message.encrypted else "HDR", *out])


def ignored_text(kind: str, count: int) -> str:
    """``count`` datagrams of an ignored ``kind`` (a key of ``ignored``): "3 NAT-keepalive".

    The keys stay English (the command line and the JSON show them as they are); this is
    the phrase for the windows, a whole template per kind and number.
    """
    one = count == 1
    if kind == "NAT-keepalive":
        template = (translate("capture", "{count} NAT-keepalive") if one else
                    translate("capture", "{count} NAT-keepalives"))
    elif kind == "ESP in UDP":
        template = (translate("capture", "{count} ESP in UDP packet") if one else
                    translate("capture", "{count} ESP in UDP packets"))
    elif kind == "IKEv2":
        template = (translate("capture", "{count} IKEv2 message") if one else
                    translate("capture", "{count} IKEv2 messages"))
    elif kind == "unknown":
        template = (translate("capture", "{count} unknown datagram") if one else
                    translate("capture", "{count} unknown datagrams"))
    else:
        return f"{count} {kind}"
    return template.format(count=count)


def notify_name(notification: Notification) -> str:
    """ "NO-PROPOSAL-CHOSEN" (the registry's name without its number)."""
    return describe(NotifyType, notification.notify_type).rsplit(" (", 1)[0]


def nonce_body(message: CapturedMessage) -> bytes | None:
    nonce = next((p for p in message.payloads if isinstance(p, Nonce)), None)
    return nonce.data if nonce is not None else None


def ke_body(message: CapturedMessage) -> bytes | None:
    ke = next((p for p in message.payloads if isinstance(p, KeyExchange)), None)
    return ke.data if ke is not None else None
