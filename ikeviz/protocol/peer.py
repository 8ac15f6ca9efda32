"""A sans-IO IKEv1 peer: Main Mode, Quick Mode and Informational exchanges.

The peer takes datagrams and a virtual time, and gives datagrams and events
(after aioquic's ``QuicConnection``)::

    peer = Peer(config, Role.INITIATOR, rng)
    peer.initiate(now)
    for datagram in peer.datagrams_to_send(): ...      # send them
    peer.receive_datagram(data, source, destination, now)
    peer.get_timer(); peer.handle_timer(now)           # retransmissions
    while (event := peer.next_event()) is not None: ...

It implements RFC 2409 §5 (Main Mode with pre-shared keys and with RSA
signatures, with raw keys or with X.509 certificates and CERT/CR payloads,
§5.1), §5.4 (Aggressive Mode, both roles), §5.5 (Quick Mode with and without
PFS, for ESP and AH, tunnel and transport mode, with the commit bit of RFC 2408
§3.1), §5.7 (Informational exchanges with HASH(1)), RFC 3947 (NAT-T: vendor
ID, NAT-D, the float to port 4500) and the way real gateways fail: a
cleartext NO-PROPOSAL-CHOSEN before
keys exist, an encrypted Informational after, an unreadable message 5 when the
pre-shared keys differ. Every state change goes through the table in
:mod:`ikeviz.protocol.states`; product differences come from
:class:`ikeviz.protocol.config.Behaviour`.

Nothing here reads a clock or draws randomness of its own: ``rng`` gives the
cookies, nonces, DH private values, SPIs and message IDs, so a seed gives the
same bytes on every run.
"""

from __future__ import annotations

import functools
import ipaddress
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, TypeVar

from ikeviz.protocol import ciphers, dh, keyschedule
from ikeviz.protocol._records import new_record, record
from ikeviz.protocol.codec import (
    FLAG_COMMIT,
    FLAG_ENCRYPTION,
    GENERIC_HEADER_LENGTH,
    HEADER_LENGTH,
    ISAKMP_MAJOR_VERSION,
    PT_NAT_D,
    PT_NONE,
    Certificate,
    CertificateRequest,
    Delete,
    Hash,
    Header,
    Identification,
    KeyExchange,
    Message,
    NatDiscovery,
    Nonce,
    Notification,
    Payload,
    Proposal,
    SecurityAssociation,
    Signature,
    VendorId,
    decode_message,
    decode_payloads,
    encode_message,
    encode_payload,
    encode_payload_body,
    encode_payloads,
    payload_short_name,
)
from ikeviz.protocol.config import (
    ChildProposal,
    Identity,
    IdentityCheck,
    IkeProposal,
    PeerConfig,
    Role,
)
from ikeviz.protocol.errors import DecodeError, IkevizProtocolError
from ikeviz.protocol.events import (
    Address,
    Datagram,
    Event,
    Failure,
    GaveUp,
    KeysDerived,
    MessageReceived,
    MessageSent,
    MessageUnreadable,
    NatDetected,
    NotifyReceived,
    NotifySent,
    Phase1Established,
    Phase2Established,
    ProposalChosen,
    Retransmitted,
    SaDeleted,
    StateChanged,
)
from ikeviz.protocol.proposals import (
    Comparison,
    ProposalSyntaxError,
    check_child_reply,
    check_ike_reply,
    child_proposal_like,
    child_sa_payload,
    ike_sa_payload,
    parse_child_transform,
    parse_ike_transform,
    select_child,
    select_ike,
)
from ikeviz.protocol.registry import (
    DOI,
    AhTransformId,
    AuthAlgorithm,
    AuthMethod,
    CertEncoding,
    EncapsulationMode,
    EncryptionAlgorithm,
    EspTransformId,
    ExchangeType,
    GroupDescription,
    HashAlgorithm,
    IdType,
    NotifyType,
    ProtocolId,
    describe,
)
from ikeviz.protocol.selectors import (
    host_identification,
    narrowed,
    same_traffic,
    selector_payload,
    selector_text,
    within,
)
from ikeviz.protocol.states import TRANSITIONS, Input, State
from ikeviz.protocol.transport import (
    IKE_PORT,
    NAT_T_PORT,
    NON_ESP_MARKER,
    UdpContentKind,
    classify_udp_payload,
)
from ikeviz.protocol.vendor_ids import identify_vendor_id, vendor_id_for

if TYPE_CHECKING:  # certificates and signatures are imported when a scenario uses them
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import rsa

Rng = Callable[[int], bytes]
_P = TypeVar("_P")

NONCE_LENGTH = 32  # strongSwan's nonce size; RFC 2409 §5 allows 8-256 bytes
RFC3947_VID = "RFC 3947 Negotiation of NAT-Traversal in the IKE"

_SIGNATURE_METHODS = (AuthMethod.RSA_SIG,)

# The ISAKMP header (RFC 2408 §3.1): cookies, next payload, major/minor version
# (4 bits each), exchange type, flags, message ID, length; as codec packs it.
_pack_header = struct.Struct("!8s8sBBBBII").pack
_VERSION_1_0: Final = ISAKMP_MAJOR_VERSION << 4

# The states after which the peer takes no message and runs no timer: a global
# read at each message, as reading an enum member (``State.FAILED``) is not. On
# Python 3.11 EnumType defines __getattr__, which keeps attribute reads on an
# enum class off the interpreter's fast path: ~700 instructions each (callgrind).
_FINISHED = (State.FAILED, State.DELETED)

# The other enum members read at the messages of every negotiation, as
# module globals for the same reason (a global read is ~30 instructions).
_INITIATOR: Final = Role.INITIATOR
_IDLE: Final = State.IDLE
_WAIT_MM1: Final = State.WAIT_MM1
_MAIN_MODE: Final = ExchangeType.IDENTITY_PROTECTION
_QUICK_MODE: Final = ExchangeType.QUICK_MODE
_IPSEC_DOI: Final = DOI.IPSEC
_ISAKMP: Final = ProtocolId.ISAKMP
_IPSEC_AH: Final = ProtocolId.IPSEC_AH
_INITIAL_CONTACT: Final = NotifyType.INITIAL_CONTACT
_PSK: Final = AuthMethod.PSK
_DER_ASN1_DN: Final = IdType.DER_ASN1_DN
# ... and the inputs of the Main Mode and Quick Mode steps (states.TRANSITIONS)
_START_MAIN: Final = Input.START_MAIN
_MM1: Final = Input.MM1
_MM2: Final = Input.MM2
_MM3: Final = Input.MM3
_MM4: Final = Input.MM4
_MM5: Final = Input.MM5
_MM6: Final = Input.MM6
_START_QUICK: Final = Input.START_QUICK
_QM1: Final = Input.QM1
_QM2: Final = Input.QM2
_QM3: Final = Input.QM3

# The Authentication Algorithm (RFC 2407 §4.5) each AH transform implies
# (RFC 2407 §4.4.3, RFC 4868 §2, RFC 3566), for an offer that leaves it out.
_AH_AUTH: dict[int, int] = {
    AhTransformId.AH_MD5: AuthAlgorithm.HMAC_MD5,
    AhTransformId.AH_SHA: AuthAlgorithm.HMAC_SHA,
    AhTransformId.AH_SHA2_256: AuthAlgorithm.HMAC_SHA2_256,
    AhTransformId.AH_SHA2_384: AuthAlgorithm.HMAC_SHA2_384,
    AhTransformId.AH_SHA2_512: AuthAlgorithm.HMAC_SHA2_512,
    AhTransformId.AH_AES_XCBC_MAC: AuthAlgorithm.AES_XCBC_MAC,
}


class PeerError(IkevizProtocolError):
    """A call the peer cannot honour in its state (a bug of the caller)."""


@dataclass(slots=True)
class _QuickMode:
    """One Quick Mode exchange (RFC 2409 §5.5)."""

    message_id: int
    spi_i: bytes = b""
    spi_r: bytes = b""
    ni_b: bytes = b""
    nr_b: bytes = b""
    dh: dh.DhKeyPair | None = None
    g_qm_xy: bytes | None = None
    offered: SecurityAssociation | None = None
    chosen_protocol: int = ProtocolId.IPSEC_ESP
    chosen_transform: int = 0
    chosen_key_length: int | None = None
    chosen_auth: int | None = None
    encapsulation: int = EncapsulationMode.TUNNEL
    pfs_group: int | None = None
    lifetime: int | None = None
    id_ci: Identification | None = None
    id_cr: Identification | None = None
    commit: bool = False  # the commit bit is set in QM1 or QM2 (RFC 2408 §3.1)


@record(frozen=True)
class _Outgoing:
    """The last request sent, kept for retransmission (RFC 2408 §5: local policy).

    A record (a tuple, made with new_record): every request makes one, and a
    retransmission, which is rare, makes the next one instead of changing it.
    """

    label: str
    datagram: Datagram
    message: Message
    payloads: tuple[Payload, ...]
    plaintext: bytes
    iv: bytes
    attempts: int = 0
    deadline: float = 0.0


@dataclass(slots=True)
class _Phase1:
    """What the peer knows of its ISAKMP SA."""

    icookie: bytes = b"\x00" * 8
    rcookie: bytes = b"\x00" * 8
    offered: SecurityAssociation | None = None  # the initiator's SA payload
    sai_b: bytes = b""
    chosen: IkeProposal | None = None
    lifetime: int | None = None
    dh: dh.DhKeyPair | None = None
    g_xi: bytes = b""
    g_xr: bytes = b""
    g_xy: bytes = b""
    ni_b: bytes = b""
    nr_b: bytes = b""
    keys: keyschedule.Phase1Keys | None = None
    iv: keyschedule.IvChain | None = None
    peer_nat_t: bool = False
    # NAT-D hashes by (CKY-I, CKY-R, address): each peer hashes the same two
    # addresses for the NAT-D it sends and for those it checks (RFC 3947 §3.2).
    natd_digests: dict[tuple[bytes, bytes, Address], bytes] = field(default_factory=dict)
    nat_detected: bool = False
    remote_identity: str = ""
    peer_vendor_ids: tuple[str, ...] = ()
    my_ident: Identification | None = None  # Aggressive Mode: IDii of AM1
    peer_ident: Identification | None = None  # Aggressive Mode responder: IDii of AM1
    cert_requests: tuple[bytes, ...] = ()  # CR authorities the peer sent (RFC 2408 §3.10)
    peer_certificate: str = ""  # subject of the peer certificate that verified


class Peer:
    """One IKEv1 gateway in one role, negotiating one ISAKMP SA and one IPsec SA."""

    def __init__(self, config: PeerConfig, role: Role, rng: Rng) -> None:
        self.config = config
        self.role = role
        self._rng = rng
        # The first state, and the (state, exchange type) -> handler table of the role
        if role is _INITIATOR:
            self.state, self._handlers = _IDLE, _INITIATOR_HANDLERS
        else:
            self.state, self._handlers = _WAIT_MM1, _RESPONDER_HANDLERS
        # Plain lists, handed over whole by events() and datagrams_to_send().
        self._events: list[Event] = []
        self._outbox: list[Datagram] = []
        self._outgoing: _Outgoing | None = None
        self._last_received: bytes = b""
        self._last_response: Datagram | None = None
        self._now = 0.0
        self.p1 = _Phase1()
        self.qm: _QuickMode | None = None
        # Addresses are made with new_record(Address, (host, port)) throughout: one C
        # call instead of the class's __new__, several times a negotiation.
        self.local = new_record(Address, (config.address, config.port))
        self.remote = new_record(Address, (config.peer_address, IKE_PORT))
        self.child_keys: keyschedule.ChildSaKeys | None = None
        self._cbc_cipher: tuple[keyschedule.Phase1Keys, ciphers.CbcCipher] | None = None

    # --- public API --------------------------------------------------------------

    def initiate(self, now: float) -> None:
        """Start Main Mode (or Aggressive Mode if the behaviour says so), RFC 2409 §5."""
        if self.role is not _INITIATOR or self.state is not _IDLE:
            raise PeerError("only an idle initiator can initiate")
        self._now = now
        self.p1.icookie = self._random_nonzero(8)
        proposals = self.config.ike_proposals
        if self.config.behaviour.aggressive and len(proposals) > 1:
            # AM1's one KE is for one group (RFC 2409 §5.4): only the offers with the
            # first one's group are sent.
            proposals = tuple(p for p in proposals if p.group == proposals[0].group)
        sa = ike_sa_payload(proposals)
        self.p1.offered = sa
        if self.config.behaviour.aggressive:
            self.p1.sai_b = encode_payload_body(sa)
            try:
                self._send_aggressive_1()
            except _Refusal as refusal:  # a configuration the peer cannot use
                raise PeerError(refusal.reason) from refusal
            return
        payloads: list[Payload] = [sa, *self._vendor_ids()]
        body = encode_payloads(payloads)
        self.p1.sai_b = _first_payload_body(body)
        self._transition(_START_MAIN, "initiate")
        self._send("MM1", _MAIN_MODE, 0, payloads, request=True, body=body)

    def receive_datagram(
        self, data: bytes, source: Address, destination: Address, now: float
    ) -> None:
        """Take in one UDP datagram that arrived from ``source`` at ``destination``."""
        self._now = now
        if IKE_PORT == source.port or IKE_PORT == destination.port:
            ike = bytes(data)  # no non-ESP marker on a pair with port 500 (RFC 3947 §4)
        else:
            content = classify_udp_payload(data, src_port=source.port,
                                           dst_port=destination.port)
            if content.kind is not UdpContentKind.IKE:
                return
            ike = content.ike
        try:
            message = decode_message(ike)
        except DecodeError as exc:
            self._emit(MessageUnreadable, label="?", data=ike, reason=str(exc))
            return
        if self.state in _FINISHED:
            return
        if ike == self._last_received and self._last_response is not None:
            # A retransmitted request: answer with the same response again
            # (RFC 2408 §5 leaves it local; strongSwan and Libreswan do this).
            self._outbox.append(self._last_response)
            return
        header = message.header
        try:
            self._dispatch(message, ike, source, destination)
        except _Refusal as refusal:
            self._refuse(refusal)
        except ProposalSyntaxError as exc:
            self._refuse(_Refusal(self._label_for(header), str(exc), exc.notify, cause="remote"))

    def datagrams_to_send(self) -> list[Datagram]:
        out = self._outbox
        self._outbox = []
        return out

    def get_timer(self) -> float | None:
        """When :meth:`handle_timer` must be called next (virtual time), or None."""
        if self._outgoing is None or self.state in _FINISHED:
            return None
        return self._outgoing.deadline

    def handle_timer(self, now: float) -> None:
        """Retransmit the last request, or give up (strongSwan's back-off)."""
        self._now = now
        out = self._outgoing
        if out is None or now < out.deadline:
            return
        behaviour = self.config.behaviour
        if out.attempts >= behaviour.retransmit_tries:
            self._outgoing = None
            self._emit(GaveUp, label=out.label, attempts=out.attempts)
            self._fail(
                Input.GIVE_UP,
                Failure(
                    self.role,
                    now,
                    at=out.label,
                    reason=f"no usable answer to {out.label} after "
                    f"{out.attempts} retransmissions: giving up",
                    cause="unknown",
                ),
            )
            return
        attempts = out.attempts + 1
        deadline = now + behaviour.retransmit_timeout * behaviour.retransmit_base**attempts
        self._outgoing = out = new_record(_Outgoing, (
            out.label, out.datagram, out.message, out.payloads, out.plaintext, out.iv,
            attempts, deadline,
        ))
        self._outbox.append(out.datagram)
        self._emit(Retransmitted, label=out.label, attempt=out.attempts)
        self._emit(
            MessageSent,
            label=out.label,
            message=out.message,
            payloads=out.payloads,
            data=encode_message(out.message),
            datagram=out.datagram,
            plaintext=out.plaintext,
            iv=out.iv,
            retransmission=out.attempts,
        )

    def next_event(self) -> Event | None:
        return self._events.pop(0) if self._events else None

    def events(self) -> list[Event]:
        """Every event not taken yet, in order (what :meth:`next_event` would give)."""
        out = self._events
        self._events = []
        return out

    def delete(self, now: float) -> None:
        """Close the SAs: Delete for the IPsec SA, then the ISAKMP SA (RFC 2408 §3.15)."""
        self._now = now
        if self.p1.keys is None:
            raise PeerError("nothing to delete before the ISAKMP SA exists")
        if self.qm is not None and self.state is State.ESTABLISHED:
            own_spi = self.qm.spi_i if self.role is Role.INITIATOR else self.qm.spi_r
            self._send_informational(
                [Delete(DOI.IPSEC, self.qm.chosen_protocol, 4, (own_spi,))], "INFO (delete ESP)"
            )
        self._send_informational(
            [Delete(DOI.IPSEC, ProtocolId.ISAKMP, 16, (self.p1.icookie + self.p1.rcookie,))],
            "INFO (delete ISAKMP)",
        )
        self._outgoing = None
        self._emit(SaDeleted, protocol=ProtocolId.ISAKMP, spis=(), by_peer=False)
        self._transition(Input.DELETE, "deleted by this peer")

    # --- plumbing ------------------------------------------------------------

    def _emit(self, kind: type[Event], **fields: object) -> None:
        # The events of every negotiation (ProposalChosen, NatDetected,
        # Phase1/2Established) are appended directly instead: no dict of fields.
        self._events.append(kind(self.role, self._now, **fields))

    def _keys_derived(self, step: str, derivations: tuple[keyschedule.Derivation, ...]) -> None:
        self._events.append(new_record(KeysDerived, (self.role, self._now, step, derivations)))

    def _transition(self, event: Input, cause: str) -> None:
        old = self.state
        # states.next_state's look-up, without its call (KeyError for a move not there)
        self.state = new = TRANSITIONS[(old, event)]
        self._events.append(new_record(StateChanged, (self.role, self._now, old, new, cause)))

    def _random_nonzero(self, size: int) -> bytes:
        while True:
            value = self._rng(size)
            if len(value) != size:
                raise PeerError("the random source returned the wrong number of bytes")
            if any(value):
                return value

    def _spi(self) -> bytes:
        # RFC 4303 §2.1: SPIs 1-255 are reserved; 0 is never an SA's SPI.
        while True:
            spi = self._rng(4)
            if int.from_bytes(spi, "big") >= 256:
                return spi

    def _message_id(self) -> int:
        return int.from_bytes(self._random_nonzero(4), "big")

    def _vendor_ids(self) -> tuple[Payload, ...]:
        behaviour = self.config.behaviour
        return _vendor_id_payloads(behaviour.send_vendor_ids, behaviour.nat_traversal)

    @property
    def _hash_alg(self) -> int:
        """The negotiated hash; once the keys exist, ``keys.hash_alg`` is the same."""
        assert self.p1.chosen is not None
        return self.p1.chosen.hash

    def _label_for(self, header: Header) -> str:
        if header.exchange_type == ExchangeType.INFORMATIONAL:
            return "INFO"
        if header.exchange_type == ExchangeType.QUICK_MODE:
            return {State.WAIT_QM1: "QM1", State.WAIT_QM2: "QM2", State.WAIT_QM3: "QM3",
                    State.WAIT_CONNECTED: "QM4"}.get(self.state, "QM")
        if header.exchange_type == ExchangeType.AGGRESSIVE:
            if self.role is Role.INITIATOR:
                return "AM2"
            return "AM3" if self.state is State.WAIT_AM3 else "AM1"
        return {
            State.WAIT_MM1: "MM1",
            State.WAIT_MM2: "MM2",
            State.WAIT_MM3: "MM3",
            State.WAIT_MM4: "MM4",
            State.WAIT_MM5: "MM5",
            State.WAIT_MM6: "MM6",
        }.get(self.state, "MM")

    def _send(
        self,
        label: str,
        exchange: int,
        message_id: int,
        payloads: Sequence[Payload],
        *,
        request: bool,
        encrypt: bool = False,
        flags: int = 0,
        body: bytes | None = None,
    ) -> Message:
        """Build, encrypt if asked (RFC 2409 App. B), queue and report a message.

        ``body`` is the encoding of ``payloads`` when the caller has it already
        (the payloads after a Quick Mode HASH were encoded to compute it; MM1's
        to take SAi_b from it).
        """
        plaintext = b""
        iv = b""
        payloads = tuple(payloads)
        if body is None:
            body = encode_payloads(payloads)
        first = payloads[0].payload_type if payloads else PT_NONE
        icookie, rcookie = self.p1.icookie, self.p1.rcookie
        if encrypt:
            plaintext, body, iv = self._encrypt(message_id, body)
            flags |= FLAG_ENCRYPTION
            header = new_record(Header, (icookie, rcookie, exchange, flags, message_id, first,
                                         ISAKMP_MAJOR_VERSION, 0, 0))
            message = new_record(Message, (header, (), body))
        else:
            header = new_record(Header, (icookie, rcookie, exchange, flags, message_id,
                                         PT_NONE, ISAKMP_MAJOR_VERSION, 0, 0))
            message = new_record(Message, (header, payloads, None))
        # What encode_message(message) gives, from the body already encoded. The
        # header is packed here: its cookies are 8 bytes (ours are drawn so, the
        # peer's decoded so) and its version 1.0, so encode_header's checks and
        # error wrapper (a keyword dict, each message) have nothing to catch.
        data = _pack_header(icookie, rcookie, first, _VERSION_1_0, exchange, flags, message_id,
                            HEADER_LENGTH + len(body)) + body
        local, destination = self.local, self.remote
        # frame_for_port, written out as receive_datagram's test: no non-ESP marker on
        # a pair with port 500 (RFC 3947 §4).
        if IKE_PORT == local.port or IKE_PORT == destination.port:
            udp = data
        else:
            udp = NON_ESP_MARKER + data
        datagram = new_record(Datagram, (udp, local, destination))
        self._outbox.append(datagram)
        self._events.append(new_record(MessageSent, (self.role, self._now, label, message,
                                                     payloads, data, datagram, plaintext, iv,
                                                     0)))
        if request:
            # (label, datagram, message, payloads, plaintext, iv, attempts, deadline)
            self._outgoing = new_record(_Outgoing, (
                label, datagram, message, payloads, plaintext, iv, 0,
                self._now + self.config.behaviour.retransmit_timeout,
            ))
        else:
            self._last_response = datagram
        return message

    def _encrypt(self, message_id: int, body: bytes) -> tuple[bytes, bytes, bytes]:
        keys, chain = self.p1.keys, self.p1.iv
        assert keys is not None and chain is not None and self.p1.chosen is not None
        cipher = self._cbc(keys)
        # (cipher.block_size is keys.block_size, without the property's call)
        plaintext = ciphers.pad(body, cipher.block_size)
        trace: list[keyschedule.Derivation] = []
        iv = chain.iv(message_id, trace=trace)
        ciphertext = cipher.encrypt(iv, plaintext)
        self.p1.iv = chain.advance(message_id, ciphertext, first_iv=iv)
        if trace:
            self._keys_derived(f"IV of exchange {message_id:#010x}", tuple(trace))
        return plaintext, ciphertext, iv

    def _cbc(self, keys: keyschedule.Phase1Keys) -> ciphers.CbcCipher:
        """The CBC cipher of the ISAKMP SA's Ka, made once for these keys."""
        cbc = self._cbc_cipher
        if cbc is None or cbc[0] is not keys:
            cbc = (keys, ciphers.CbcCipher(keys.cipher_alg, keys.encryption_key))
            self._cbc_cipher = cbc
        return cbc[1]

    def _decrypt_chain(
        self, message: Message
    ) -> tuple[tuple[Payload, ...], bytes, bytes, int] | None:
        """Decrypt and decode an encrypted message; None if it makes no sense.

        The IV chain advances only when the plaintext decodes (as strongSwan
        does), so a message encrypted with other keys leaves it untouched.
        """
        keys, chain = self.p1.keys, self.p1.iv
        ciphertext = message.ciphertext or b""
        if keys is None or chain is None:
            return None
        cipher = self._cbc(keys)
        block = cipher.block_size  # keys.block_size, without the property's call
        if not ciphertext or len(ciphertext) % block:
            return None
        mid = message.header.message_id
        iv = chain.iv_for(mid, ciphertext)
        plaintext = cipher.decrypt(iv, ciphertext)
        try:
            payloads, padding = decode_payloads(plaintext, message.header.next_payload)
        except DecodeError:
            return None
        if len(padding) > 255:
            return None
        self.p1.iv = chain.advance(mid, ciphertext, first_iv=iv)
        return payloads, plaintext, iv, len(plaintext) - len(padding)

    def _received(
        self,
        label: str,
        message: Message,
        data: bytes,
        source: Address,
        payloads: tuple[Payload, ...] | None = None,
        plaintext: bytes = b"",
        iv: bytes = b"",
    ) -> None:
        self._last_received = data
        self._events.append(new_record(MessageReceived, (
            self.role, self._now, label, message,
            payloads if payloads is not None else message.payloads,
            data, source, plaintext, iv, bool(plaintext),
        )))

    # --- dispatch ------------------------------------------------------------

    def _dispatch(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        header = message.header
        exchange = header.exchange_type
        state = self.state
        # (The cookie first: it is almost always ours, and then no enum is read.)
        if header.icookie != self.p1.icookie and state is not _WAIT_MM1:
            self._emit(MessageUnreadable, label=self._label_for(header), data=data,
                       reason="unknown initiator cookie (another negotiation)")
            return
        handler = self._handlers.get((state, exchange))
        if handler is not None:
            # The message this state waits for. The tables have no Informational
            # entry and no Aggressive Mode one in WAIT_MM1: those come below.
            handler(self, message, data, source, destination)
            return
        if exchange == ExchangeType.INFORMATIONAL:
            if (state is State.WAIT_CONNECTED and self.qm is not None
                    and header.message_id == self.qm.message_id):
                # RFC 2408 §3.1: the CONNECTED Informational carries the QM's message ID
                self._on_qm4(message, data, source, destination)
                return
            self._on_informational(message, data, source)
            return
        if (self.role is Role.RESPONDER and exchange == ExchangeType.AGGRESSIVE
                and state is State.WAIT_MM1):
            self._on_aggressive_1(message, data, source, destination)
            return
        self._emit(
            MessageUnreadable,
            label=self._label_for(header),
            data=data,
            reason=f"{describe(ExchangeType, exchange)} message unexpected in state "
            f"{state.name}",
        )

    # --- Main Mode, responder (RFC 2409 §5) ------------------------------------------

    def _on_mm1(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        self.p1.icookie = message.header.icookie
        self.p1.rcookie = self._random_nonzero(8)
        self.remote = source
        self.local = new_record(Address, (self.config.address, destination.port))
        self._received("MM1", message, data, source)
        sa = message.first(SecurityAssociation.TYPE)
        if not isinstance(sa, SecurityAssociation) or message.payloads[0] is not sa:
            raise _Refusal("MM1", "the first payload of MM1 must be the SA (RFC 2409 §5)",
                           NotifyType.PAYLOAD_MALFORMED, cause="remote", encrypted=False)
        self._note_vendor_ids(message.payloads)
        reply = self._choose_ike(sa, "MM1", data)
        payloads: list[Payload] = [reply, *self._vendor_ids()]
        self._transition(_MM1, "MM1 accepted")
        self._send("MM2", _MAIN_MODE, 0, payloads, request=False)

    def _choose_ike(
        self, sa: SecurityAssociation, label: str, data: bytes
    ) -> SecurityAssociation:
        """Select a phase-1 offer (RFC 2409 §5) and build the reply SA, or refuse.

        ``sa`` is the first payload of the message ``data`` (MM1 or AM1).
        """
        self.p1.offered = sa
        self.p1.sai_b = _first_payload_body(data[HEADER_LENGTH:])
        choice = select_ike(sa, self.config.ike_proposals, self.config.behaviour)
        if choice.transform is None or choice.offer is None:
            raise _phase1_refusal(choice.comparisons, choice.closest, label)
        self.p1.chosen = choice.offer
        self.p1.lifetime = choice.lifetime_seconds
        # (role, time, phase, description, lifetime_seconds)
        self._events.append(new_record(ProposalChosen, (
            self.role, self._now, 1, _ike_text(choice.offer), choice.lifetime_seconds)))
        first = sa.proposals[0]
        # The first proposal with the chosen transform only (RFC 2408 §4.2);
        # fields (number, protocol_id, spi, transforms, reserved) and
        # (doi, situation, proposals, reserved).
        proposal = new_record(Proposal, (first.number, first.protocol_id, first.spi,
                                         (choice.transform,), 0))
        return new_record(SecurityAssociation, (sa.doi, sa.situation, (proposal,), 0))

    def _on_mm3(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        self._received("MM3", message, data, source)
        ke, nonce = _need_ke_nonce(message.payloads, "MM3")
        assert self.p1.chosen is not None
        group = self.p1.chosen.group
        _check_ke(group, ke.data, "MM3")
        self.p1.g_xi = ke.data
        self.p1.ni_b = nonce.data
        self.p1.dh = dh.generate(group, self._rng)
        self.p1.g_xr = self.p1.dh.public
        self.p1.nr_b = self._rng(NONCE_LENGTH)
        self._note_cert_requests(message.payloads)
        natd = self._natd_check(message.payloads, source, destination)
        payloads: list[Payload] = [_ke_payload(self.p1.g_xr), _nonce_payload(self.p1.nr_b),
                                   *self._cert_requests()]
        if natd:
            payloads += self._natd_payloads(source, destination)
        self._derive_phase1_keys()
        self._transition(_MM3, "MM3 accepted")
        self._send("MM4", _MAIN_MODE, 0, payloads, request=False)

    def _on_mm5(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        if self.p1.nat_detected:
            self.remote = source
            self.local = new_record(Address, (self.config.address, destination.port))
        if not message.header.flags & FLAG_ENCRYPTION:  # (header.encrypted, without a call)
            self._received("MM5", message, data, source)
            raise _Refusal("MM5", "MM5 must be encrypted (RFC 2409 §5)",
                           NotifyType.INVALID_FLAGS, cause="remote")
        result = self._decrypt_chain(message)
        if result is None:
            self._received("MM5", message, data, source)
            self._emit(
                MessageUnreadable,
                label="MM5",
                data=data,
                reason="MM5 does not decrypt to valid payloads",
                likely="the two pre-shared keys differ (each side derived its own Ka)",
            )
            # strongSwan: "invalid HASH_V1 payload length, decryption failed?" and
            # PAYLOAD-MALFORMED encrypted with the responder's own key; each
            # retransmission of MM5 is processed again and answered with a new
            # Informational (capture I-psk-mismatch).
            self._last_received = b""
            self._send_notify(NotifyType.PAYLOAD_MALFORMED, "MM5", phase=1)
            self._emit(
                Failure,
                at="MM5",
                reason="MM5 could not be decrypted: the pre-shared keys most likely differ",
                payload="HDR*",
                field="encrypted payloads",
                cause="unknown",
                notify=NotifyType.PAYLOAD_MALFORMED,
            )
            return
        payloads, plaintext, iv, _chain_length = result
        self._received("MM5", message, data, source, payloads, plaintext, iv)
        ident = _first(payloads, Identification)
        if ident is None:
            raise _Refusal("MM5", "MM5 has no ID payload", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote")
        self._check_identity(ident, "MM5", "IDii")
        expected = self._authenticate(payloads, ident, peer_is_initiator=True, label="MM5")
        self.p1.remote_identity = _ident_text(ident)
        my_id = self._own_identification()
        auth_payloads = self._auth_payloads(my_id, own_is_initiator=False, label="MM6")
        del expected
        self._transition(_MM5, "MM5 authenticated")
        self._send("MM6", _MAIN_MODE, 0, [my_id, *auth_payloads], request=False,
                   encrypt=True)
        self._phase1_established(my_id)

    # --- Main Mode, initiator ------------------------------------------------------

    def _on_mm2(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        self._received("MM2", message, data, source)
        sa = message.first(SecurityAssociation.TYPE)
        if not isinstance(sa, SecurityAssociation):
            raise _Refusal("MM2", "MM2 has no SA payload", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote", encrypted=False)
        assert self.p1.offered is not None
        transform, why = check_ike_reply(sa, self.p1.offered)
        if transform is None:
            raise _Refusal("MM2", f"the responder's choice is not acceptable: {why}",
                           NotifyType.NO_PROPOSAL_CHOSEN, cause="remote", encrypted=False,
                           payload="SA")
        self.p1.rcookie = message.header.rcookie
        self._note_vendor_ids(message.payloads)
        offer = parse_ike_transform(sa.proposals[0].transforms[0])
        self.p1.chosen = offer
        self.p1.lifetime = offer.lifetime_seconds
        self._events.append(new_record(ProposalChosen, (
            self.role, self._now, 1, _ike_text(offer), offer.lifetime_seconds)))
        self.p1.dh = dh.generate(offer.group, self._rng)
        self.p1.g_xi = self.p1.dh.public
        self.p1.ni_b = self._rng(NONCE_LENGTH)
        payloads: list[Payload] = [_ke_payload(self.p1.g_xi), _nonce_payload(self.p1.ni_b),
                                   *self._cert_requests()]
        if self._use_nat_t():
            payloads += self._natd_payloads(self.remote, self.local)
        self._transition(_MM2, "MM2 accepted")
        self._send("MM3", _MAIN_MODE, 0, payloads, request=True)

    def _on_mm4(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        self._received("MM4", message, data, source)
        ke, nonce = _need_ke_nonce(message.payloads, "MM4")
        assert self.p1.chosen is not None
        _check_ke(self.p1.chosen.group, ke.data, "MM4")
        self.p1.g_xr = ke.data
        self.p1.nr_b = nonce.data
        self._note_cert_requests(message.payloads)
        if self._use_nat_t():
            self._natd_check(message.payloads, source, destination)
        self._derive_phase1_keys()
        if self.p1.nat_detected:
            # RFC 3947 §4: float to port 4500 from MM5 on, with the non-ESP marker.
            self.local = new_record(Address, (self.local.host, NAT_T_PORT))
            self.remote = new_record(Address, (self.remote.host, NAT_T_PORT))
        my_id = self._own_identification()
        payloads: list[Payload] = [my_id, *self._auth_payloads(my_id, own_is_initiator=True,
                                                               label="MM5")]
        if self.config.behaviour.send_initial_contact:
            # (doi, protocol_id, notify_type, spi, data, reserved)
            payloads.append(new_record(Notification, (
                _IPSEC_DOI, _ISAKMP, _INITIAL_CONTACT,
                self.p1.icookie + self.p1.rcookie, b"", 0)))
        self._transition(_MM4, "MM4 accepted")
        self._send("MM5", _MAIN_MODE, 0, payloads, request=True, encrypt=True)

    def _on_mm6(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        if not message.header.flags & FLAG_ENCRYPTION:  # (header.encrypted, without a call)
            self._received("MM6", message, data, source)
            raise _Refusal("MM6", "MM6 must be encrypted", NotifyType.INVALID_FLAGS,
                           cause="remote")
        result = self._decrypt_chain(message)
        if result is None:
            self._received("MM6", message, data, source)
            self._emit(MessageUnreadable, label="MM6", data=data,
                       reason="MM6 does not decrypt to valid payloads",
                       likely="the two pre-shared keys differ")
            return
        payloads, plaintext, iv, _chain_length = result
        self._received("MM6", message, data, source, payloads, plaintext, iv)
        self._outgoing = None
        ident = _first(payloads, Identification)
        if ident is None:
            raise _Refusal("MM6", "MM6 has no ID payload", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote")
        self._check_identity(ident, "MM6", "IDir")
        self._authenticate(payloads, ident, peer_is_initiator=False, label="MM6")
        self.p1.remote_identity = _ident_text(ident)
        self._transition(_MM6, "MM6 authenticated")
        self._phase1_established(self._own_identification())
        self._start_quick_mode()

    # --- Aggressive Mode (RFC 2409 §5.4) -----------------------------------------------

    def _send_aggressive_1(self) -> None:
        """AM1: HDR, SA, KE, Ni, IDii [, CR] [, VID...] (RFC 2409 §5.4).

        The KE is for the first proposal's group: Aggressive Mode cannot
        negotiate the group (RFC 2409 §5.4), so only the offers of that group are sent.
        """
        assert self.p1.offered is not None
        group = self.config.ike_proposals[0].group
        self.p1.dh = dh.generate(group, self._rng)
        self.p1.g_xi = self.p1.dh.public
        self.p1.ni_b = self._rng(NONCE_LENGTH)
        my_id = self._own_identification()
        self.p1.my_ident = my_id
        payloads: list[Payload] = [
            self.p1.offered, KeyExchange(self.p1.g_xi), Nonce(self.p1.ni_b), my_id,
            *self._cert_requests(), *self._vendor_ids(),
        ]
        self._transition(Input.START_AGGRESSIVE, "initiate (Aggressive Mode)")
        self._send("AM1", ExchangeType.AGGRESSIVE, 0, payloads, request=True)

    def _on_aggressive_1(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        """AM1 -> AM2: HDR, SA, KE, Nr, IDir, [CERT,] HASH_R or SIG_R [, NAT-D, NAT-D]."""
        self.p1.icookie = message.header.icookie
        self.p1.rcookie = self._random_nonzero(8)
        self.remote = source
        self.local = new_record(Address, (self.config.address, destination.port))
        self._received("AM1", message, data, source)
        if not self.config.behaviour.accept_aggressive:
            raise _Refusal(
                "AM1",
                "Aggressive Mode is not accepted: this gateway negotiates Main Mode only",
                NotifyType.NO_PROPOSAL_CHOSEN,
                cause="remote",
                encrypted=False,
                payload="HDR",
                field="exchange type",
                local="Identity Protection (Main Mode) (2)",
                remote="Aggressive (4)",
            )
        payloads = message.payloads
        sa = message.first(SecurityAssociation.TYPE)
        if not isinstance(sa, SecurityAssociation) or payloads[0] is not sa:
            raise _Refusal("AM1", "the first payload of AM1 must be the SA (RFC 2409 §5)",
                           NotifyType.PAYLOAD_MALFORMED, cause="remote", encrypted=False)
        self._note_vendor_ids(payloads)
        self._note_cert_requests(payloads)
        reply = self._choose_ike(sa, "AM1", data)
        ke, nonce = _need_ke_nonce(payloads, "AM1")
        assert self.p1.chosen is not None
        group = self.p1.chosen.group
        _check_ke(group, ke.data, "AM1")
        ident = _first(payloads, Identification)
        if ident is None:
            raise _Refusal("AM1", "AM1 has no IDii payload (RFC 2409 §5.4)",
                           NotifyType.PAYLOAD_MALFORMED, cause="remote", encrypted=False)
        self._check_identity(ident, "AM1", "IDii")
        self.p1.peer_ident = ident
        self.p1.g_xi = ke.data
        self.p1.ni_b = nonce.data
        self.p1.dh = dh.generate(group, self._rng)
        self.p1.g_xr = self.p1.dh.public
        self.p1.nr_b = self._rng(NONCE_LENGTH)
        self._derive_phase1_keys()
        my_id = self._own_identification()
        self.p1.my_ident = my_id
        out: list[Payload] = [
            reply, KeyExchange(self.p1.g_xr), Nonce(self.p1.nr_b), my_id,
            *self._auth_payloads(my_id, own_is_initiator=False, label="AM2"),
            *self._cert_requests(), *self._vendor_ids(),
        ]
        if self._use_nat_t():
            # RFC 3947 §3.2: NAT-D in the second and third Aggressive Mode messages
            out += self._natd_payloads(source, destination)
        self._transition(Input.AM1, "AM1 accepted")
        # AM2 expects AM3: retransmitted until it comes (as charon does), and sent
        # again for a retransmitted AM1.
        self._send("AM2", ExchangeType.AGGRESSIVE, 0, out, request=True)
        assert self._outgoing is not None
        self._last_response = self._outgoing.datagram

    def _on_aggressive_2(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        """AM2 -> AM3: HDR*, HASH_I or [CERT,] SIG_I [, NAT-D, NAT-D] (RFC 2409 §5.4)."""
        self._received("AM2", message, data, source)
        if message.header.encrypted:
            raise _Refusal("AM2", "AM2 must not be encrypted (RFC 2409 §5.4)",
                           NotifyType.INVALID_FLAGS, cause="remote", encrypted=False)
        payloads = message.payloads
        sa = message.first(SecurityAssociation.TYPE)
        if not isinstance(sa, SecurityAssociation):
            raise _Refusal("AM2", "AM2 has no SA payload", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote", encrypted=False)
        assert self.p1.offered is not None and self.p1.dh is not None
        transform, why = check_ike_reply(sa, self.p1.offered)
        if transform is None:
            raise _Refusal("AM2", f"the responder's choice is not acceptable: {why}",
                           NotifyType.NO_PROPOSAL_CHOSEN, cause="remote", encrypted=False,
                           payload="SA")
        self.p1.rcookie = message.header.rcookie
        self._note_vendor_ids(payloads)
        self._note_cert_requests(payloads)
        offer = parse_ike_transform(sa.proposals[0].transforms[0])
        if offer.group != self.p1.dh.group.number:
            raise _Refusal(
                "AM2", "the responder chose another DH group than the one of our KE "
                "(Aggressive Mode cannot negotiate it, RFC 2409 §5.4)",
                NotifyType.NO_PROPOSAL_CHOSEN, cause="remote", encrypted=False,
                payload="SA", field="DH group",
                local=describe(GroupDescription, self.p1.dh.group.number),
                remote=describe(GroupDescription, offer.group),
            )
        self.p1.chosen = offer
        self.p1.lifetime = offer.lifetime_seconds
        self._emit(ProposalChosen, phase=1, description=_ike_text(offer),
                   lifetime_seconds=offer.lifetime_seconds)
        ke, nonce = _need_ke_nonce(payloads, "AM2")
        _check_ke(offer.group, ke.data, "AM2")
        self.p1.g_xr = ke.data
        self.p1.nr_b = nonce.data
        natd = self._natd_check(payloads, source, destination)
        self._derive_phase1_keys()
        ident = _first(payloads, Identification)
        if ident is None:
            raise _Refusal("AM2", "AM2 has no IDir payload", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote")
        self._check_identity(ident, "AM2", "IDir")
        self._authenticate(payloads, ident, peer_is_initiator=False, label="AM2")
        self.p1.remote_identity = _ident_text(ident)
        self._outgoing = None
        my_id = self.p1.my_ident
        assert my_id is not None
        out: list[Payload] = self._auth_payloads(my_id, own_is_initiator=True, label="AM3")
        if natd:
            out += self._natd_payloads(source, destination)
        self._transition(Input.AM2, "AM2 authenticated")
        self._send("AM3", ExchangeType.AGGRESSIVE, 0, out, request=False,
                   encrypt=self.config.behaviour.encrypt_aggressive_3)
        if self.p1.nat_detected:
            # RFC 3947 §4: with a NAT, everything after Aggressive Mode goes to port 4500.
            self.local = new_record(Address, (self.local.host, NAT_T_PORT))
            self.remote = new_record(Address, (self.remote.host, NAT_T_PORT))
        self._phase1_established(my_id)
        self._start_quick_mode()

    def _on_aggressive_3(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        """AM3 (encrypted as strongSwan sends it, or not): verify HASH_I or SIG_I."""
        payloads: tuple[Payload, ...]
        if message.header.encrypted:
            result = self._decrypt_chain(message)
            if result is None:
                self._received("AM3", message, data, source)
                self._emit(MessageUnreadable, label="AM3", data=data,
                           reason="AM3 does not decrypt to valid payloads",
                           likely="the two pre-shared keys differ")
                raise _Refusal("AM3", "AM3 could not be decrypted",
                               NotifyType.PAYLOAD_MALFORMED, cause="unknown",
                               payload="HDR*", field="encrypted payloads")
            payloads, plaintext, iv, _chain_length = result
            self._received("AM3", message, data, source, payloads, plaintext, iv)
        else:
            payloads = message.payloads
            self._received("AM3", message, data, source)
        self._outgoing = None
        self._natd_check(payloads, source, destination)
        if self.p1.nat_detected:
            self.remote = source
            self.local = new_record(Address, (self.config.address, destination.port))
        ident = self.p1.peer_ident
        assert ident is not None and self.p1.my_ident is not None
        self._authenticate(payloads, ident, peer_is_initiator=True, label="AM3")
        self.p1.remote_identity = _ident_text(ident)
        self._transition(Input.AM3, "AM3 authenticated")
        self._phase1_established(self.p1.my_ident)

    # --- phase-1 helpers -----------------------------------------------------------

    def _note_vendor_ids(self, payloads: Sequence[Payload]) -> None:
        names = []
        for payload in payloads:
            if isinstance(payload, VendorId):
                name = identify_vendor_id(payload.data) or payload.data.hex()
                names.append(name)
                if payload.data == vendor_id_for(RFC3947_VID):
                    self.p1.peer_nat_t = True
        self.p1.peer_vendor_ids = tuple(names)

    def _use_nat_t(self) -> bool:
        return self.config.behaviour.nat_traversal and self.p1.peer_nat_t

    def _natd_hash(self, address: Address) -> bytes:
        # RFC 3947 §3.2: HASH(CKY-I | CKY-R | IP | Port) with the negotiated hash.
        p1 = self.p1
        key = (p1.icookie, p1.rcookie, address)
        digest = p1.natd_digests.get(key)
        if digest is None:
            ip = _packed_ip(address.host)
            data = p1.icookie + p1.rcookie + ip + address.port.to_bytes(2, "big")
            chosen = p1.chosen  # (self._hash_alg, without the property's call)
            assert chosen is not None
            digest = p1.natd_digests[key] = ciphers.hash_digest(chosen.hash, data)
        return digest

    def _natd_payloads(self, peer: Address, me: Address) -> list[Payload]:
        # The first NAT-D is the destination's, then the source's (RFC 3947 §3.2).
        # (data, payload_type, reserved): RFC 3947's type, not the drafts' 130
        return [new_record(NatDiscovery, (self._natd_hash(peer), PT_NAT_D, 0)),
                new_record(NatDiscovery, (self._natd_hash(me), PT_NAT_D, 0))]

    def _natd_check(
        self, payloads: Sequence[Payload], source: Address, destination: Address
    ) -> bool:
        """Compare the peer's NAT-D hashes with the addresses seen (RFC 3947 §3.2)."""
        received = [p.data for p in payloads if isinstance(p, NatDiscovery)]
        if not received or not self._use_nat_t():
            return False
        local_ok = received[0] == self._natd_hash(destination)
        remote_ok = self._natd_hash(source) in received[1:]
        self.p1.nat_detected = not (local_ok and remote_ok)
        # (role, time, local_behind_nat, remote_behind_nat)
        self._events.append(new_record(NatDetected, (self.role, self._now, not local_ok,
                                                     not remote_ok)))
        return True

    def _derive_phase1_keys(self) -> None:
        assert self.p1.chosen is not None and self.p1.dh is not None
        peer_public = self.p1.g_xr if self.role is _INITIATOR else self.p1.g_xi
        self.p1.g_xy = dh.shared_secret(self.p1.dh, peer_public)
        chosen = self.p1.chosen
        keys = keyschedule.derive_phase1_keys(
            hash_alg=chosen.hash,
            cipher_alg=chosen.encryption,
            auth_method=chosen.auth_method,
            ni_b=self.p1.ni_b,
            nr_b=self.p1.nr_b,
            g_xi=self.p1.g_xi,
            g_xr=self.p1.g_xr,
            g_xy=self.p1.g_xy,
            cky_i=self.p1.icookie,
            cky_r=self.p1.rcookie,
            psk=self.config.psk if chosen.auth_method == _PSK else None,
            key_bits=chosen.key_length,
        )
        self.p1.keys = keys
        self.p1.iv = keys.iv_chain()
        self._keys_derived("phase-1 keys", keys.derivations)

    def _uses_signatures(self) -> bool:
        """Whether phase 1 authenticates with signatures (the chosen method, or the
        first offered one before a choice: Aggressive Mode's AM1)."""
        chosen = self.p1.chosen or self.config.ike_proposals[0]
        return chosen.auth_method in _SIGNATURE_METHODS

    def _own_certificates(self) -> list[x509.Certificate]:
        from ikeviz.protocol import certificates
        pem = self.config.certificate_pem
        if pem is None:
            return []
        try:
            return certificates.load_certificates(pem)
        except certificates.CertificateProblem as exc:
            raise _Refusal(self._waiting_label(), f"own certificate unusable: {exc.reason}",
                           NotifyType.AUTHENTICATION_FAILED, cause="local",
                           payload="CERT") from exc

    def _own_identification(self) -> Identification:
        identity = self.config.identity
        # (The certificate first: without one, no Identity() is built to compare.)
        if (self.config.certificate_pem is not None and identity == Identity()
                and self._uses_signatures()):
            from ikeviz.protocol import certificates

            # strongSwan's default with a certificate: its subject (RFC 4945 §3.1)
            own = self._own_certificates()[0]
            return Identification(IdType.DER_ASN1_DN, 0, 0, certificates.subject_der(own))
        try:
            return identification_payload(identity.id_type,
                                          identity.value or self.config.address)
        except ValueError as exc:
            raise _Refusal(self._waiting_label(), f"own identity unusable: {exc}",
                           NotifyType.AUTHENTICATION_FAILED, cause="local",
                           payload="ID") from exc

    def _cert_requests(self) -> list[Payload]:
        """CR payloads naming the trusted CAs (RFC 2408 §3.10), as strongSwan sends them
        in MM3/MM4 (and AM1/AM2): encoding 4, authority = the CA's subject DN."""
        pem = self.config.peer_ca_pem
        if pem is None or not self._uses_signatures():
            return []
        from ikeviz.protocol import certificates

        try:
            anchors = certificates.load_certificates(pem)
        except certificates.CertificateProblem:
            return []
        return [CertificateRequest(CertEncoding.X509_SIGNATURE, certificates.subject_der(ca))
                for ca in anchors]

    def _note_cert_requests(self, payloads: Sequence[Payload]) -> None:
        self.p1.cert_requests += tuple([
            p.authority for p in payloads if isinstance(p, CertificateRequest)
        ])

    def _auth_payloads(
        self, my_id: Identification, *, own_is_initiator: bool, label: str
    ) -> list[Payload]:
        """HASH_I/HASH_R, or [CERT...,] SIG_I/SIG_R (RFC 2409 §5, §5.1, §5.4)."""
        value = self._auth_hash(encode_payload_body(my_id), initiator=own_is_initiator)
        if not self._uses_signatures():
            return [_hash_payload(value)]
        from cryptography.hazmat.primitives.asymmetric import rsa

        from ikeviz.protocol import certificates, rsasig

        private = self.config.private_key_pem
        if private is None:
            raise _Refusal(label, "RSA signature authentication needs a private key",
                           NotifyType.AUTHENTICATION_FAILED, cause="local")
        out: list[Payload] = []
        own = self._own_certificates()
        if own:
            key = own[0].public_key()
            if not isinstance(key, rsa.RSAPublicKey) or not rsasig.same_key(
                private, key
            ):
                raise _Refusal(label, "the private key is not the one of the own certificate",
                               NotifyType.AUTHENTICATION_FAILED, cause="local",
                               payload="CERT", field="public key")
            # RFC 2408 §3.9: the end-entity certificate first, then any intermediates
            out += [Certificate(CertEncoding.X509_SIGNATURE, certificates.certificate_der(c))
                    for c in own]
        try:
            signature = rsasig.sign(private, value)
        except rsasig.RsaSignatureError as exc:
            raise _Refusal(label, f"cannot sign: {exc}", NotifyType.AUTHENTICATION_FAILED,
                           cause="local") from exc
        return [*out, Signature(signature)]

    def _auth_hash(self, id_b: bytes, *, initiator: bool) -> bytes:
        """HASH_I or HASH_R (RFC 2409 §5)."""
        keys = self.p1.keys
        assert keys is not None
        trace: list[keyschedule.Derivation] = []
        function = keyschedule.hash_i if initiator else keyschedule.hash_r
        value = function(
            keys.hash_alg, keys.skeyid, self.p1.g_xi, self.p1.g_xr, self.p1.icookie,
            self.p1.rcookie, self.p1.sai_b, id_b, trace=trace,
        )
        self._keys_derived("HASH_I" if initiator else "HASH_R", tuple(trace))
        return value

    def _authenticate(
        self,
        payloads: Sequence[Payload],
        ident: Identification,
        *,
        peer_is_initiator: bool,
        label: str,
    ) -> bytes:
        """Check HASH_I/HASH_R or SIG_I/SIG_R of the peer (RFC 2409 §5, §5.1)."""
        expected = self._auth_hash(encode_payload_body(ident), initiator=peer_is_initiator)
        name = "HASH_I" if peer_is_initiator else "HASH_R"
        if self._uses_signatures():
            from ikeviz.protocol import rsasig

            sig = _first(payloads, Signature)
            if sig is None:
                raise _Refusal(label, f"{label} has no SIG payload",
                               NotifyType.PAYLOAD_MALFORMED, cause="remote")
            key, whose = self._peer_signature_key(payloads, ident, label)
            if key is None or not rsasig.verify_with_key(key, expected, sig.data):
                raise _Refusal(label, f"SIG_{name[-1]} does not verify with {whose}",
                               NotifyType.INVALID_SIGNATURE, cause="unknown",
                               payload="SIG", field=f"SIG_{name[-1]}", local=whose,
                               remote=sig.data[:16].hex() + "...")
            return expected
        got = _first(payloads, Hash)
        if got is None:
            raise _Refusal(label, f"{label} has no HASH payload", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote")
        if got.data != expected:
            raise _Refusal(
                label,
                f"calculated {name} does not match the HASH payload",
                NotifyType.AUTHENTICATION_FAILED,
                cause="unknown",
                payload="HASH",
                field=name,
                local=expected.hex(),
                remote=got.data.hex(),
            )
        return expected

    def _peer_signature_key(
        self, payloads: Sequence[Payload], ident: Identification, label: str
    ) -> tuple[rsa.RSAPublicKey | None, str]:
        """The key to check the peer's SIG with, and whose it is (RFC 2409 §5.1).

        A CERT payload is verified against the trusted CAs (``peer_ca_pem``):
        the path, the dates (``now_epoch``) and that the ID is the
        certificate's; without one, the configured raw public key is used.
        """
        from ikeviz.protocol import certificates, rsasig
        certs = [p for p in payloads if isinstance(p, Certificate)]
        x509_certs = [c.data for c in certs if c.encoding == CertEncoding.X509_SIGNATURE]
        config = self.config
        if certs and config.peer_ca_pem is not None:
            if not x509_certs:
                encodings = ", ".join(describe(CertEncoding, c.encoding) for c in certs)
                raise _Refusal(label, f"the peer's certificate encoding is not supported: "
                               f"{encodings}", NotifyType.CERT_TYPE_UNSUPPORTED,
                               cause="remote", payload="CERT", field="certificate encoding",
                               local=describe(CertEncoding, CertEncoding.X509_SIGNATURE),
                               remote=encodings)
            now = None if config.now_epoch is None else config.now_epoch + self._now
            try:
                peer = certificates.verify_peer_certificate(x509_certs, config.peer_ca_pem, now)
                certificates.check_identity(peer.certificate, ident.id_type, ident.data)
            except certificates.CertificateProblem as exc:
                raise _Refusal(label, exc.reason, exc.notify, cause="unknown", payload="CERT",
                               field=exc.field, local=exc.local, remote=exc.remote) from exc
            self.p1.peer_certificate = peer.subject
            return peer.public_key, f"the public key of the certificate {peer.subject}"
        if config.peer_public_key_pem is not None:
            try:
                key = rsasig.load_public_key(config.peer_public_key_pem)
            except rsasig.RsaSignatureError:
                return None, "the configured peer public key (unreadable)"
            return key, "the peer's public key"
        if config.peer_ca_pem is not None:
            raise _Refusal(label, f"{label} has no CERT payload and no public key of the peer "
                           "is configured", NotifyType.CERTIFICATE_UNAVAILABLE, cause="remote",
                           payload="CERT", field="certificate", remote="none")
        return None, "the peer's public key (none configured)"

    def _check_identity(self, ident: Identification, label: str, name: str) -> None:
        expected = self.config.peer_identity
        check = self.config.behaviour.identity_check
        if expected is None or check is IdentityCheck.NONE:
            return
        if expected.id_type == IdType.DER_ASN1_DN:
            from ikeviz.protocol import certificates

            if not expected.value:
                return  # any DN: the certificate binds it (RFC 4945 §3.1)
            try:
                wanted = identification_payload(expected.id_type, expected.value).data
            except ValueError as exc:
                raise _Refusal(label, f"configured remote identity unusable: {exc}",
                               NotifyType.AUTHENTICATION_FAILED, cause="local",
                               payload=name) from exc
            same_value = certificates.same_dn(ident.data, wanted)
            value = certificates.dn_text(wanted)
        else:
            value = expected.value or self.config.peer_address
            if ident.id_type == expected.id_type:
                # By the bytes, as strongSwan compares them: a text shows a non-ASCII
                # FQDN in hex, and the peer sends the UTF-8 bytes we would send.
                try:
                    same_value = ident.data == identification_payload(
                        expected.id_type, value).data
                except ValueError:  # a configured address that is not one
                    same_value = False
            else:
                same_value = ident.text() == value
        same_type = ident.id_type == expected.id_type
        if same_value and (same_type or check is IdentityCheck.VALUE):
            return
        raise _Refusal(
            label,
            f"the peer's identity {name} does not match the configured remote identity",
            NotifyType.AUTHENTICATION_FAILED if self.role is Role.RESPONDER
            else NotifyType.INVALID_ID_INFORMATION,
            cause="unknown",
            payload=name,
            field="identification",
            local=f"{describe(IdType, expected.id_type)} {value}",
            remote=f"{describe(IdType, ident.id_type)} {_ident_text(ident)}",
        )

    def _phase1_established(self, my_id: Identification) -> None:
        p1 = self.p1
        keys, chosen = p1.keys, p1.chosen
        assert keys is not None and chosen is not None
        encryption, hash_text, group, auth = _phase1_texts(
            chosen.encryption, chosen.key_length, chosen.hash, chosen.group, chosen.auth_method)
        # Every field in order, each named in its comment (new_record: one C call).
        self._events.append(new_record(Phase1Established, (
            self.role,                                           # role
            self._now,                                           # time
            p1.icookie,                                          # icookie
            p1.rcookie,                                          # rcookie
            encryption,                                          # encryption
            hash_text,                                           # hash
            group,                                               # group
            auth,                                                # auth
            p1.lifetime,                                         # lifetime_seconds
            keys.skeyid,                                         # skeyid
            keys.skeyid_d,                                       # skeyid_d
            keys.skeyid_a,                                       # skeyid_a
            keys.skeyid_e,                                       # skeyid_e
            keys.encryption_key,                                 # encryption_key
            _ident_text(my_id),                                  # local_identity
            p1.remote_identity,                                  # remote_identity
        )))

    # --- Quick Mode (RFC 2409 §5.5) ---------------------------------------------------

    def _selectors(self) -> tuple[Identification | None, Identification | None]:
        local, remote = self.config.local_selector, self.config.remote_selector
        if local is None or remote is None:
            return None, None
        return selector_payload(local), selector_payload(remote)

    def _child_proposals(self) -> tuple[ChildProposal, ...]:
        """The Quick Mode proposals: the configured ones, or the phase-1 algorithms and
        group negotiated (``phase2_from_phase1``), which a single KE can serve."""
        proposals = self.config.child_proposals
        chosen = self.p1.chosen
        if not self.config.behaviour.phase2_from_phase1 or chosen is None:
            return proposals
        return (child_proposal_like(chosen, proposals[0].lifetime_seconds if proposals
                                    else None),)

    def _start_quick_mode(self) -> None:
        keys = self.p1.keys
        assert keys is not None
        proposals = self._child_proposals()
        # One KE serves one group (RFC 2409 §5.5): only the proposals with the first
        # one's PFS group (or all without PFS, like it) are offered, as charon does.
        if len(proposals) > 1:
            proposals = tuple(p for p in proposals if p.pfs_group == proposals[0].pfs_group)
        qm = _QuickMode(self._message_id())
        qm.spi_i = self._spi()
        qm.ni_b = self._rng(NONCE_LENGTH)
        encapsulation = None
        if self.p1.nat_detected:
            encapsulation = EncapsulationMode.UDP_ENCAPSULATED_TUNNEL if (
                proposals[0].encapsulation == EncapsulationMode.TUNNEL
            ) else EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT
        sa = child_sa_payload(proposals, qm.spi_i, encapsulation=encapsulation)
        qm.offered = sa
        qm.pfs_group = proposals[0].pfs_group
        after: list[Payload] = [sa, _nonce_payload(qm.ni_b)]
        if qm.pfs_group is not None:
            qm.dh = dh.generate(qm.pfs_group, self._rng)
            after.append(_ke_payload(qm.dh.public))
        qm.id_ci, qm.id_cr = self._selectors()
        if qm.id_ci is not None and qm.id_cr is not None:
            after += [qm.id_ci, qm.id_cr]
        self.qm = qm
        trace: list[keyschedule.Derivation] = []
        after_b = encode_payloads(after)
        hash1 = keyschedule.qm_hash_1(keys.hash_alg, keys.skeyid_a, qm.message_id,
                                      after_b, trace=trace)
        self._keys_derived("HASH(1)", tuple(trace))
        self._transition(_START_QUICK, "phase 1 established")
        qm.commit = self.config.behaviour.commit_bit
        flags = FLAG_COMMIT if qm.commit else 0
        hash_payload = _hash_payload(hash1)
        self._send("QM1", _QUICK_MODE, qm.message_id, [hash_payload, *after],
                   request=True, encrypt=True, flags=flags,
                   body=_after_hash(hash_payload, after, after_b))

    def _qm_decrypt(
        self, message: Message, data: bytes, source: Address, label: str
    ) -> tuple[tuple[Payload, ...], bytes] | None:
        # (header.flags tested here: the header's encrypted and commit properties
        # are a Python call each, for every message that reads them)
        result = (self._decrypt_chain(message) if message.header.flags & FLAG_ENCRYPTION
                  else None)
        if result is None:
            self._received(label, message, data, source)
            self._emit(MessageUnreadable, label=label, data=data,
                       reason=f"{label} does not decrypt to valid payloads")
            return None
        payloads, plaintext, iv, chain_length = result
        self._received(label, message, data, source, payloads, plaintext, iv)
        if not payloads or not isinstance(payloads[0], Hash):
            raise _Refusal(label, f"{label} must start with a HASH payload (RFC 2409 §5.5)",
                           NotifyType.INVALID_HASH_INFORMATION, cause="remote", phase=2)
        # The bytes after the HASH payload, as received, without padding.
        hash_length = int.from_bytes(plaintext[2:4], "big")
        return payloads, plaintext[hash_length:chain_length]

    def _on_qm1(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        keys = self.p1.keys
        assert keys is not None
        result = self._qm_decrypt(message, data, source, "QM1")
        if result is None:
            return
        payloads, after = result
        qm = _QuickMode(message.header.message_id)
        # RFC 2408 §3.1: the initiator's commit bit, or our own (set in QM2)
        # (bool(flags & FLAG_COMMIT) is header.commit, without the property's call)
        qm.commit = bool(message.header.flags & FLAG_COMMIT) or self.config.behaviour.commit_bit
        if self.p1.nat_detected:
            self.remote = source  # after Aggressive Mode, the first message on port 4500
            self.local = new_record(Address, (self.config.address, destination.port))
        self.qm = qm
        trace: list[keyschedule.Derivation] = []
        expected = keyschedule.qm_hash_1(keys.hash_alg, keys.skeyid_a, qm.message_id, after,
                                         trace=trace)
        self._keys_derived("HASH(1)", tuple(trace))
        got = payloads[0]
        assert isinstance(got, Hash)
        if got.data != expected:
            raise _Refusal("QM1", "HASH(1) does not match: integrity check failed",
                           NotifyType.INVALID_HASH_INFORMATION, cause="unknown", phase=2,
                           payload="HASH", field="HASH(1)", local=expected.hex(),
                           remote=got.data.hex())
        sa = _first(payloads, SecurityAssociation)
        nonce = _first(payloads, Nonce)
        if sa is None or nonce is None:
            raise _Refusal("QM1", "QM1 lacks its SA or nonce", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote", phase=2)
        qm.ni_b = nonce.data
        qm.offered = sa
        ke = _first(payloads, KeyExchange)
        ids = [p for p in payloads if isinstance(p, Identification)]
        if len(ids) >= 2:
            qm.id_ci, qm.id_cr = ids[0], ids[1]
        self._check_selectors(qm)
        choice = select_child(sa, self._child_proposals(), self.config.behaviour,
                              has_ke=ke is not None)
        if choice.proposal is None or choice.offer is None:
            raise _phase2_refusal(choice.comparisons, choice.closest)
        offer = choice.offer
        if offer.pfs_group is not None:
            if ke is None:  # pragma: no cover - select_child refuses this
                raise _Refusal("QM1", "PFS without KE", NotifyType.PAYLOAD_MALFORMED,
                               cause="remote", phase=2)
            _check_ke(offer.pfs_group, ke.data, "QM1")
        qm.chosen_protocol = choice.proposal.protocol_id
        qm.chosen_transform = offer.transform_id
        qm.chosen_key_length = offer.key_length
        qm.chosen_auth = offer.auth_algorithm
        qm.encapsulation = offer.encapsulation or EncapsulationMode.TUNNEL
        qm.pfs_group = offer.pfs_group
        qm.lifetime = choice.lifetime_seconds
        qm.spi_i = choice.proposal.spi
        qm.spi_r = self._spi()
        qm.nr_b = self._rng(NONCE_LENGTH)
        # (role, time, phase, description, lifetime_seconds)
        self._events.append(new_record(ProposalChosen, (
            self.role, self._now, 2,
            _child_text(offer.transform_id, offer.key_length, offer.auth_algorithm,
                        offer.pfs_group),
            qm.lifetime)))
        # The chosen proposal with our SPI (RFC 2409 §5.5); fields (number,
        # protocol_id, spi, transforms, reserved) and (doi, situation, proposals, reserved).
        chosen = choice.proposal
        reply_proposal = new_record(Proposal, (chosen.number, chosen.protocol_id, qm.spi_r,
                                               chosen.transforms, 0))
        reply_sa = new_record(SecurityAssociation, (sa.doi, sa.situation, (reply_proposal,), 0))
        reply: list[Payload] = [reply_sa, _nonce_payload(qm.nr_b)]
        if ke is not None and offer.pfs_group is not None:
            qm.dh = dh.generate(offer.pfs_group, self._rng)
            qm.g_qm_xy = dh.shared_secret(qm.dh, ke.data)
            reply.append(_ke_payload(qm.dh.public))
        if qm.id_ci is not None and qm.id_cr is not None:
            reply += [qm.id_ci, qm.id_cr]
        if (
            choice.local is not None
            and offer.lifetime_seconds is not None
            and qm.lifetime is not None
            and qm.lifetime < offer.lifetime_seconds
            and self.config.behaviour.phase2_lifetime.value == "claim"
        ):
            # RFC 2407 §4.6.3.1: tell the initiator the lifetime we will use.
            data = bytes.fromhex("80010001") + (
                bytes.fromhex("00020004") + qm.lifetime.to_bytes(4, "big")
            )
            reply.append(Notification(DOI.IPSEC, qm.chosen_protocol,
                                      NotifyType.RESPONDER_LIFETIME, qm.spi_r, data))
        trace = []
        reply_b = encode_payloads(reply)
        hash2 = keyschedule.qm_hash_2(keys.hash_alg, keys.skeyid_a, qm.message_id, qm.ni_b,
                                      reply_b, trace=trace)
        self._keys_derived("HASH(2)", tuple(trace))
        self._derive_child_keys()
        self._transition(_QM1, "QM1 accepted")
        hash_payload = _hash_payload(hash2)
        self._send("QM2", _QUICK_MODE, qm.message_id, [hash_payload, *reply],
                   request=False, encrypt=True, flags=FLAG_COMMIT if qm.commit else 0,
                   body=_after_hash(hash_payload, reply, reply_b))

    def _check_selectors(self, qm: _QuickMode) -> None:
        """Compare the proxy identities with the configured ones (RFC 2409 §5.5)."""
        if not self.config.behaviour.check_traffic_selectors:
            return
        mine_local, mine_remote = self._selectors()
        if mine_local is None or mine_remote is None:
            return
        if qm.id_ci == mine_remote and qm.id_cr == mine_local:
            return  # the very IDs configured (the usual case)
        # Without IDs, the selectors are the ISAKMP peers' addresses (RFC 2409 §5.5).
        theirs_ci = qm.id_ci or host_identification(self.remote.host)
        theirs_cr = qm.id_cr or host_identification(self.config.address)
        # The same traffic may be written differently (a host as an address or a /32).
        if same_traffic(theirs_ci, mine_remote) and same_traffic(theirs_cr, mine_local):
            return
        if self.config.behaviour.narrow_traffic_selectors and qm.id_ci and qm.id_cr:
            narrow_ci = narrowed(theirs_ci, mine_remote)
            narrow_cr = narrowed(theirs_cr, mine_local)
            if narrow_ci is not None and narrow_cr is not None:
                qm.id_ci, qm.id_cr = narrow_ci, narrow_cr  # QM2 answers with these
                return
        offered = f"{selector_text(theirs_ci)} === {selector_text(theirs_cr)}"
        raise _Refusal(
            "QM1",
            f"no matching IPsec SA configuration for the proxy identities {offered}",
            NotifyType.INVALID_ID_INFORMATION,
            cause="unknown",
            phase=2,
            payload="IDci/IDcr",
            field="traffic selectors",
            local=f"{selector_text(mine_remote)} === {selector_text(mine_local)}",
            remote=offered,
        )

    def _check_answered_selectors(self, qm: _QuickMode, payloads: Sequence[Payload]) -> None:
        """Take the responder's IDci/IDcr of QM2: the offered ones, or a part of them
        when the responder narrowed them (as strongSwan does); anything else is refused."""
        assert qm.id_ci is not None and qm.id_cr is not None
        ids = [p for p in payloads if isinstance(p, Identification)]
        if len(ids) < 2 or (ids[0] == qm.id_ci and ids[1] == qm.id_cr):
            return  # none (the offered ones stand), or the very ones offered
        got_ci, got_cr = ids[0], ids[1]
        if within(got_ci, qm.id_ci) and within(got_cr, qm.id_cr):
            qm.id_ci, qm.id_cr = got_ci, got_cr
            return
        answered = f"{selector_text(got_ci)} === {selector_text(got_cr)}"
        raise _Refusal(
            "QM2",
            f"the responder's proxy identities {answered} are not within those offered",
            NotifyType.INVALID_ID_INFORMATION,
            cause="remote",
            phase=2,
            payload="IDci/IDcr",
            field="traffic selectors",
            local=f"{selector_text(qm.id_ci)} === {selector_text(qm.id_cr)}",
            remote=answered,
        )

    def _on_qm2(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        keys, qm = self.p1.keys, self.qm
        assert keys is not None and qm is not None
        if message.header.message_id != qm.message_id:
            self._emit(MessageUnreadable, label="QM2", data=data,
                       reason="Quick Mode message with another message ID")
            return
        result = self._qm_decrypt(message, data, source, "QM2")
        if result is None:
            return
        payloads, after = result
        self._outgoing = None
        trace: list[keyschedule.Derivation] = []
        expected = keyschedule.qm_hash_2(keys.hash_alg, keys.skeyid_a, qm.message_id,
                                         qm.ni_b, after, trace=trace)
        self._keys_derived("HASH(2)", tuple(trace))
        got = payloads[0]
        assert isinstance(got, Hash)
        if got.data != expected:
            raise _Refusal("QM2", "HASH(2) does not match: integrity check failed",
                           NotifyType.INVALID_HASH_INFORMATION, cause="unknown", phase=2)
        sa = _first(payloads, SecurityAssociation)
        nonce = _first(payloads, Nonce)
        if sa is None or nonce is None or qm.offered is None:
            raise _Refusal("QM2", "QM2 lacks its SA or nonce", NotifyType.PAYLOAD_MALFORMED,
                           cause="remote", phase=2)
        proposal, why = check_child_reply(sa, qm.offered)
        if proposal is None:
            raise _Refusal("QM2", f"the responder's choice is not acceptable: {why}",
                           NotifyType.NO_PROPOSAL_CHOSEN, cause="remote", phase=2)
        if qm.id_ci is not None and qm.id_cr is not None:
            self._check_answered_selectors(qm, payloads)
        offer = parse_child_transform(sa.proposals[0].protocol_id, sa.proposals[0].transforms[0])
        qm.nr_b = nonce.data
        qm.spi_r = sa.proposals[0].spi
        qm.chosen_protocol = sa.proposals[0].protocol_id
        qm.chosen_transform = offer.transform_id
        qm.chosen_key_length = offer.key_length
        qm.chosen_auth = offer.auth_algorithm
        qm.encapsulation = offer.encapsulation or EncapsulationMode.TUNNEL
        qm.pfs_group = offer.pfs_group
        qm.lifetime = offer.lifetime_seconds
        for payload in payloads:
            if isinstance(payload, Notification) and (
                payload.notify_type == NotifyType.RESPONDER_LIFETIME
            ):
                for attr in payload.lifetime_attributes:
                    if attr.type == 2:
                        qm.lifetime = attr.as_int()
                self._emit(NotifyReceived, notify_type=payload.notify_type, encrypted=True,
                           at="QM2")
        ke = _first(payloads, KeyExchange)
        if qm.dh is not None:
            if ke is None:
                raise _Refusal("QM2", "PFS was offered but QM2 has no KE payload",
                               NotifyType.PAYLOAD_MALFORMED, cause="remote", phase=2)
            _check_ke(qm.dh.group.number, ke.data, "QM2")
            qm.g_qm_xy = dh.shared_secret(qm.dh, ke.data)
        # (role, time, phase, description, lifetime_seconds)
        self._events.append(new_record(ProposalChosen, (
            self.role, self._now, 2,
            _child_text(offer.transform_id, offer.key_length, offer.auth_algorithm,
                        offer.pfs_group),
            qm.lifetime)))
        trace = []
        hash3 = keyschedule.qm_hash_3(keys.hash_alg, keys.skeyid_a, qm.message_id, qm.ni_b,
                                      qm.nr_b, trace=trace)
        self._keys_derived("HASH(3)", tuple(trace))
        self._derive_child_keys()
        if message.header.flags & FLAG_COMMIT:  # (header.commit, without a call)
            # RFC 2408 §3.1: the responder set the commit bit (or echoed ours, as KAME
            # racoon does): wait for its CONNECTED notify before using the SA. QM3 is
            # sent again until it comes (the RFC's hint for a lost final message).
            qm.commit = True
            self._send("QM3", _QUICK_MODE, qm.message_id, [_hash_payload(hash3)],
                       request=True, encrypt=True, flags=FLAG_COMMIT)
            self._transition(Input.QM2_COMMIT, "QM2 accepted, commit bit set: waiting for "
                             "CONNECTED")
            return
        self._send("QM3", _QUICK_MODE, qm.message_id, [_hash_payload(hash3)],
                   request=False, encrypt=True)
        if qm.commit:
            # Only we set the bit (the responder ignores it, as strongSwan and Libreswan
            # do): RFC 2408 §3.1 makes the entity that set it send CONNECTED.
            self._send_connected()
        self._transition(_QM2, "QM2 accepted")
        self._phase2_established()

    def _on_qm3(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        keys, qm = self.p1.keys, self.qm
        assert keys is not None and qm is not None
        result = self._qm_decrypt(message, data, source, "QM3")
        if result is None:
            return
        payloads, _after = result
        trace: list[keyschedule.Derivation] = []
        expected = keyschedule.qm_hash_3(keys.hash_alg, keys.skeyid_a, qm.message_id, qm.ni_b,
                                         qm.nr_b, trace=trace)
        self._keys_derived("HASH(3)", tuple(trace))
        got = payloads[0]
        assert isinstance(got, Hash)
        if got.data != expected:
            raise _Refusal("QM3", "HASH(3) does not match: integrity check failed",
                           NotifyType.INVALID_HASH_INFORMATION, cause="unknown", phase=2)
        if qm.commit:
            self._send_connected()
        self._transition(_QM3, "QM3 accepted")
        self._phase2_established()

    def _send_connected(self) -> None:
        """QM4: HDR*, HASH, N(CONNECTED) with the Quick Mode's message ID (RFC 2408 §3.1).

        Sent by the entity that set the commit bit: the responder after QM3
        when QM2 carries it (its own or the initiator's, echoed), or the
        initiator after QM3 when only QM1 had it (a responder that ignores the bit).

        RFC 2408 §3.1 asks for an Informational exchange carrying the message
        ID of the phase-2 negotiation; its HASH is the Informational HASH(1)
        of RFC 2409 §5.7, prf(SKEYID_a, M-ID | N), which KAME racoon calls
        HASH(4). Its IV continues the Quick Mode's chain (same message ID).
        """
        keys, qm = self.p1.keys, self.qm
        assert keys is not None and qm is not None
        own_spi = qm.spi_r if self.role is Role.RESPONDER else qm.spi_i
        notify = Notification(DOI.IPSEC, qm.chosen_protocol, NotifyType.CONNECTED, own_spi)
        trace: list[keyschedule.Derivation] = []
        notify_b = encode_payloads([notify])
        digest = keyschedule.informational_hash(keys.hash_alg, keys.skeyid_a, qm.message_id,
                                                notify_b, trace=trace)
        self._keys_derived("HASH(4)", tuple(trace))
        hash_payload = _hash_payload(digest)
        self._send("QM4", ExchangeType.INFORMATIONAL, qm.message_id, [hash_payload, notify],
                   request=False, encrypt=True, body=_after_hash(hash_payload, [notify], notify_b))
        self._emit(NotifySent, notify_type=NotifyType.CONNECTED, encrypted=True,
                   at="QM3" if self.role is Role.RESPONDER else "QM2")

    def _on_qm4(
        self, message: Message, data: bytes, source: Address, destination: Address
    ) -> None:
        """The responder's CONNECTED (RFC 2408 §3.1): as an Informational, or as a fourth
        Quick Mode message (KAME racoon's "HDR*, HASH(4), N"); the hash is the same."""
        keys, qm = self.p1.keys, self.qm
        assert keys is not None and qm is not None
        if message.header.message_id != qm.message_id:
            self._emit(MessageUnreadable, label="QM4", data=data,
                       reason="Quick Mode message with another message ID")
            return
        result = self._qm_decrypt(message, data, source, "QM4")
        if result is None:
            return
        payloads, after = result
        trace: list[keyschedule.Derivation] = []
        expected = keyschedule.informational_hash(keys.hash_alg, keys.skeyid_a,
                                                  qm.message_id, after, trace=trace)
        self._keys_derived("HASH(4)", tuple(trace))
        got = payloads[0]
        assert isinstance(got, Hash)
        if got.data != expected:
            raise _Refusal("QM4", "the HASH of the CONNECTED message does not match",
                           NotifyType.INVALID_HASH_INFORMATION, cause="unknown", phase=2,
                           payload="HASH", field="HASH(4)", local=expected.hex(),
                           remote=got.data.hex())
        notifies = [p for p in payloads if isinstance(p, Notification)]
        for notify in notifies:
            if notify.notify_type != NotifyType.CONNECTED:
                self._on_notify(notify, True)
                if self.state is State.FAILED:
                    return
        if not any(n.notify_type == NotifyType.CONNECTED for n in notifies):
            self._emit(MessageUnreadable, label="QM4", data=data,
                       reason="a message of the Quick Mode exchange without CONNECTED")
            return
        self._emit(NotifyReceived, notify_type=NotifyType.CONNECTED, encrypted=True, at="QM3")
        self._outgoing = None
        self._transition(Input.CONNECTED, "CONNECTED received")
        self._phase2_established()

    def _derive_child_keys(self) -> None:
        keys, qm = self.p1.keys, self.qm
        assert keys is not None and qm is not None
        if qm.chosen_protocol == _IPSEC_AH:
            # RFC 2409 §5.5 / RFC 2407 §4.4.3: AH has an integrity key only, the size
            # of its Authentication Algorithm's key (AH_SHA: HMAC-SHA1, 20 bytes).
            enc_len = 0
            integ_len = ciphers.esp_integrity_key_length(
                qm.chosen_auth if qm.chosen_auth is not None
                else _AH_AUTH.get(qm.chosen_transform))
        else:
            enc_len = ciphers.esp_encryption_key_length(qm.chosen_transform,
                                                        qm.chosen_key_length)
            integ_len = ciphers.esp_integrity_key_length(qm.chosen_auth)
        self.child_keys = keyschedule.child_sa_keys(
            keys.hash_alg, keys.skeyid_d, qm.chosen_protocol, qm.spi_i, qm.spi_r, qm.ni_b,
            qm.nr_b, enc_len, integ_len, qm.g_qm_xy,
        )
        self._keys_derived("KEYMAT", self.child_keys.derivations)

    def _phase2_established(self) -> None:
        qm = self.qm
        assert qm is not None and self.child_keys is not None
        local, remote = ((qm.id_ci, qm.id_cr) if self.role is _INITIATOR
                         else (qm.id_cr, qm.id_ci))
        # Every field in order, each named in its comment (new_record: one C call).
        self._events.append(new_record(Phase2Established, (
            self.role,                                               # role
            self._now,                                               # time
            qm.message_id,                                           # message_id
            qm.chosen_protocol,                                      # protocol
            _child_text(qm.chosen_transform, qm.chosen_key_length,   # transform
                        qm.chosen_auth, qm.pfs_group, qm.chosen_protocol),
            qm.encapsulation,                                        # encapsulation
            qm.pfs_group,                                            # pfs_group
            qm.lifetime,                                             # lifetime_seconds
            selector_text(local) if local else self.config.address,  # local_selector
            selector_text(remote) if remote else self.remote.host,   # remote_selector
            self.child_keys,                                         # keys
            qm.chosen_transform,                                     # esp_encryption
            qm.chosen_key_length,                                    # esp_key_length
            qm.chosen_auth,                                          # esp_integrity
            {},                                                      # extra (a new dict each)
        )))

    # --- Informational (RFC 2409 §5.7) ------------------------------------------------

    def _send_informational(self, payloads: list[Payload], label: str) -> None:
        keys = self.p1.keys
        assert keys is not None
        mid = self._message_id()
        trace: list[keyschedule.Derivation] = []
        payloads_b = encode_payloads(payloads)
        digest = keyschedule.informational_hash(keys.hash_alg, keys.skeyid_a, mid,
                                                payloads_b, trace=trace)
        self._keys_derived("Informational HASH(1)", tuple(trace))
        hash_payload = _hash_payload(digest)
        self._send(label, ExchangeType.INFORMATIONAL, mid, [hash_payload, *payloads],
                   request=False, encrypt=True,
                   body=_after_hash(hash_payload, payloads, payloads_b))

    def _send_notify(self, notify: int, at: str, *, phase: int, encrypted: bool = True) -> None:
        """Tell the peer why we stop (RFC 2408 §3.14; RFC 2409 §5.7)."""
        if phase == 2:
            # strongSwan: protocol ESP, SPI size 4, SPI 0 (capture F).
            payload = Notification(DOI.IPSEC, ProtocolId.IPSEC_ESP, notify, b"\x00" * 4)
        else:
            payload = Notification(DOI.IPSEC, ProtocolId.ISAKMP, notify,
                                   self.p1.icookie + self.p1.rcookie)
        if encrypted and self.p1.keys is not None:
            self._send_informational([payload], "INFO")
        else:
            self._send("INFO", ExchangeType.INFORMATIONAL, self._message_id(), [payload],
                       request=False)
        self._emit(NotifySent, notify_type=notify, encrypted=encrypted and self.p1.keys is not
                   None, at=at)

    def _on_informational(self, message: Message, data: bytes, source: Address) -> None:
        payloads: tuple[Payload, ...]
        if message.header.encrypted:
            result = self._decrypt_chain(message)
            if result is None:
                self._received("INFO", message, data, source)
                self._emit(
                    MessageUnreadable,
                    label="INFO",
                    data=data,
                    reason="an encrypted Informational message that does not decrypt",
                    likely="the peer encrypted it with keys other than ours: most likely the "
                    "pre-shared keys differ",
                )
                return
            payloads, plaintext, iv, chain_length = result
            self._received("INFO", message, data, source, payloads, plaintext, iv)
            keys = self.p1.keys
            assert keys is not None
            if payloads and isinstance(payloads[0], Hash):
                after = plaintext[int.from_bytes(plaintext[2:4], "big"):chain_length]
                expected = keyschedule.informational_hash(
                    keys.hash_alg, keys.skeyid_a, message.header.message_id, after)
                if expected != payloads[0].data:
                    self._emit(MessageUnreadable, label="INFO", data=data,
                               reason="Informational HASH(1) does not match")
                    return
        else:
            payloads = message.payloads
            self._received("INFO", message, data, source)
        for payload in payloads:
            if isinstance(payload, Notification):
                self._on_notify(payload, message.header.encrypted)
            elif isinstance(payload, Delete):
                self._emit(SaDeleted, protocol=payload.protocol_id, spis=payload.spis,
                           by_peer=True)
                if payload.protocol_id == ProtocolId.ISAKMP:
                    self._outgoing = None
                    self._transition(Input.DELETE, "deleted by the peer")
                    return

    def _on_notify(self, notify: Notification, encrypted: bool) -> None:
        at = self._waiting_label()
        self._emit(NotifyReceived, notify_type=notify.notify_type, encrypted=encrypted, at=at)
        if notify.notify_type == NotifyType.R_U_THERE and encrypted and self.p1.keys:
            self._answer_dpd(notify)
            return
        if notify.notify_type >= 8192:  # status notifies (RFC 2408 §3.14.1)
            return
        self._outgoing = None
        name = describe(NotifyType, notify.notify_type)
        self._fail(
            Input.FAILURE,
            Failure(
                self.role,
                self._now,
                at=at,
                reason=f"the peer refused {at} with {name}",
                payload="N",
                field="notify message type",
                remote=name,
                cause="unknown",
                notify=notify.notify_type,
            ),
        )

    def _answer_dpd(self, notify: Notification) -> None:
        """R-U-THERE-ACK with the cookies as SPI and the request's sequence number, in a
        new Informational exchange of the ISAKMP SA (RFC 3706 §5.1)."""
        ack = Notification(DOI.IPSEC, ProtocolId.ISAKMP, NotifyType.R_U_THERE_ACK,
                           self.p1.icookie + self.p1.rcookie, notify.data)
        self._send_informational([ack], "INFO")
        self._emit(NotifySent, notify_type=NotifyType.R_U_THERE_ACK, encrypted=True,
                   at="INFO")

    def _waiting_label(self) -> str:
        """The last message this peer sent, which a notify now answers."""
        return self._outgoing.label if self._outgoing is not None else {
            State.WAIT_MM3: "MM2", State.WAIT_MM5: "MM4", State.WAIT_QM1: "MM6",
            State.WAIT_QM3: "QM2", State.WAIT_AM3: "AM2", State.WAIT_CONNECTED: "QM3",
        }.get(self.state, self.state.name)

    # --- failing -------------------------------------------------------------------

    def _fail(self, event: Input, failure: Failure) -> None:
        self._events.append(failure)
        self._outgoing = None
        if self.state not in _FINISHED:
            self._transition(event, failure.reason)

    def _refuse(self, refusal: _Refusal) -> None:
        """Send the refusal's notify and stop (RFC 2409 §5; RFC 2408 §5)."""
        if refusal.notify:
            self._send_notify(refusal.notify, refusal.at, phase=refusal.phase,
                              encrypted=refusal.encrypted)
        self._fail(
            Input.FAILURE,
            Failure(
                self.role,
                self._now,
                at=refusal.at,
                reason=refusal.reason,
                payload=refusal.payload,
                field=refusal.field,
                local=refusal.local,
                remote=refusal.remote,
                cause=refusal.cause,
                notify=refusal.notify,
                details=refusal.details,
                offer_index=refusal.offer_index,
                local_index=refusal.local_index,
            ),
        )


class _Refusal(Exception):
    """Raised inside a handler: refuse the message with a notify and a Failure."""

    def __init__(
        self,
        at: str,
        reason: str,
        notify: int,
        *,
        cause: str,
        encrypted: bool = True,
        phase: int = 1,
        payload: str = "",
        field: str = "",
        local: str = "",
        remote: str = "",
        details: tuple[tuple[str, str, str], ...] = (),
        offer_index: int = -1,
        local_index: int = -1,
    ) -> None:
        super().__init__(reason)
        self.offer_index = offer_index
        self.local_index = local_index
        self.at = at
        self.reason = reason
        self.notify = notify
        self.cause = cause
        self.encrypted = encrypted
        self.phase = phase
        self.payload = payload
        self.field = field
        self.local = local
        self.remote = remote
        self.details = details


def _phase1_refusal(
    comparisons: Sequence[Comparison], closest: Comparison | None, at: str = "MM1"
) -> _Refusal:
    details = tuple((m.field, m.offered, m.local) for m in closest.mismatches) if closest else ()
    first = closest.mismatches[0] if closest and closest.mismatches else None
    return _Refusal(
        at,
        "no acceptable phase-1 proposal: " + (
            ", ".join(f"{m.field} {m.offered} offered, {m.local} configured"
                      for m in closest.mismatches) if closest else "nothing offered"),
        NotifyType.NO_PROPOSAL_CHOSEN,
        cause="unknown",
        encrypted=False,
        payload="SA",
        field=first.field if first else "",
        local=first.local if first else "",
        remote=first.offered if first else "",
        details=details,
        offer_index=closest.offer_index if closest else -1,
        local_index=closest.local_index if closest else -1,
    )


def _phase2_refusal(
    comparisons: Sequence[Comparison], closest: Comparison | None
) -> _Refusal:
    details = tuple((m.field, m.offered, m.local) for m in closest.mismatches) if closest else ()
    first = closest.mismatches[0] if closest and closest.mismatches else None
    return _Refusal(
        "QM1",
        "no acceptable phase-2 proposal: " + (
            ", ".join(f"{m.field} {m.offered} offered, {m.local} configured"
                      for m in closest.mismatches) if closest else "nothing offered"),
        NotifyType.NO_PROPOSAL_CHOSEN,
        cause="unknown",
        phase=2,
        payload="SA",
        field=first.field if first else "",
        local=first.local if first else "",
        remote=first.offered if first else "",
        details=details,
        offer_index=closest.offer_index if closest else -1,
        local_index=closest.local_index if closest else -1,
    )


_Handler = Callable[[Peer, Message, bytes, Address, Address], None]

# The handler of each (state, exchange type) a peer takes a message in (RFC 2409 §5),
# keyed by the pair: one look-up per message.
_RESPONDER_HANDLERS: dict[tuple[State, int], _Handler] = {
    (State.WAIT_MM1, ExchangeType.IDENTITY_PROTECTION): Peer._on_mm1,
    (State.WAIT_MM3, ExchangeType.IDENTITY_PROTECTION): Peer._on_mm3,
    (State.WAIT_MM5, ExchangeType.IDENTITY_PROTECTION): Peer._on_mm5,
    (State.WAIT_AM3, ExchangeType.AGGRESSIVE): Peer._on_aggressive_3,
    (State.WAIT_QM1, ExchangeType.QUICK_MODE): Peer._on_qm1,
    (State.WAIT_QM3, ExchangeType.QUICK_MODE): Peer._on_qm3,
}
_INITIATOR_HANDLERS: dict[tuple[State, int], _Handler] = {
    (State.WAIT_MM2, ExchangeType.IDENTITY_PROTECTION): Peer._on_mm2,
    (State.WAIT_MM4, ExchangeType.IDENTITY_PROTECTION): Peer._on_mm4,
    (State.WAIT_MM6, ExchangeType.IDENTITY_PROTECTION): Peer._on_mm6,
    (State.WAIT_QM2, ExchangeType.QUICK_MODE): Peer._on_qm2,
    (State.WAIT_AM2, ExchangeType.AGGRESSIVE): Peer._on_aggressive_2,
    (State.WAIT_CONNECTED, ExchangeType.QUICK_MODE): Peer._on_qm4,
}


# --- module helpers ---------------------------------------------------------------


def _after_hash(hash_payload: Hash, after: Sequence[Payload], after_b: bytes) -> bytes:
    """The encoding of ``[hash_payload, *after]`` from that of ``after`` (RFC 2408 §3.2).

    Each payload's bytes depend only on itself and the type of the next one, so
    the chain is the HASH payload pointing at the first of ``after``, then ``after_b``.
    """
    following = after[0].payload_type if after else PT_NONE
    return encode_payload(hash_payload, following) + after_b


# The payloads every negotiation makes several of, built with new_record: the
# values of all fields in order, (data, reserved); a fifth of a class call.


def _hash_payload(data: bytes) -> Hash:
    return new_record(Hash, (data, 0))


def _nonce_payload(data: bytes) -> Nonce:
    return new_record(Nonce, (data, 0))


def _ke_payload(data: bytes) -> KeyExchange:
    return new_record(KeyExchange, (data, 0))


def _first_payload_body(chain: bytes) -> bytes:
    """The body of the first payload of an encoded, well-formed payload chain.

    RFC 2409 §5: SAi_b is "the entire body of the SA payload (minus the ISAKMP
    generic header)" as the initiator sent it: the responder takes those bytes
    from MM1 (or AM1) itself rather than encoding the decoded SA again.
    """
    length = int.from_bytes(chain[2:4], "big")  # RFC 2408 §3.2: the payload's length
    return chain[GENERIC_HEADER_LENGTH:length]


def _first(payloads: Sequence[Payload], kind: type[_P]) -> _P | None:
    for payload in payloads:
        if isinstance(payload, kind):
            return payload
    return None


def _need_ke_nonce(payloads: Sequence[Payload], label: str) -> tuple[KeyExchange, Nonce]:
    ke = _first(payloads, KeyExchange)
    nonce = _first(payloads, Nonce)
    if ke is None or nonce is None:
        missing = " and ".join(n for n, p in (("KE", ke), ("NONCE", nonce)) if p is None)
        raise _Refusal(label, f"{label} lacks its {missing} payload",
                       NotifyType.PAYLOAD_MALFORMED, cause="remote", encrypted=False)
    if not 8 <= len(nonce.data) <= 256:
        raise _Refusal(label, f"nonce of {len(nonce.data)} bytes (RFC 2409 §5: 8 to 256)",
                       NotifyType.PAYLOAD_MALFORMED, cause="remote", encrypted=False)
    return ke, nonce


def _check_ke(group: int, value: bytes, label: str) -> None:
    try:
        dh.check_public_value(group, value)
    except dh.DhError as exc:
        raise _Refusal(label, f"unusable KE payload: {exc}", NotifyType.INVALID_KEY_INFORMATION,
                       cause="remote", encrypted=False) from exc


@functools.lru_cache(maxsize=256)
def _vendor_id_payloads(names: tuple[str, ...], nat_traversal: bool) -> tuple[Payload, ...]:
    """The VID payloads a peer sends in MM1/MM2 (AM1/AM2): the configured ones, and
    RFC 3947's when it does NAT-T (RFC 3947 §2). Memoized: a pure function of the
    configuration, and records are immutable."""
    if nat_traversal and RFC3947_VID not in names:
        names = (*names, RFC3947_VID)
    return tuple([VendorId(vendor_id_for(name)) for name in names])


@functools.lru_cache(maxsize=256)
def _packed_ip(host: str) -> bytes:
    return ipaddress.ip_address(host).packed


# The texts below are pure functions of a few numbers, and each negotiation
# writes the same ones several times (ProposalChosen, Phase1/2Established):
# memoized like registry.describe, which they are made of.


@functools.lru_cache(maxsize=256)
def _enc_text(encryption: int, key_length: int | None) -> str:
    text = describe(EncryptionAlgorithm, encryption)
    return f"{text} {key_length} bits" if key_length else text


@functools.lru_cache(maxsize=256)
def _phase1_texts(encryption: int, key_length: int | None, hash_alg: int, group: int,
                  auth_method: int) -> tuple[str, str, str, str]:
    """The encryption, hash, group and authentication texts of Phase1Established:
    one look-up for the four (each peer writes them once a negotiation)."""
    return (_enc_text(encryption, key_length), describe(HashAlgorithm, hash_alg),
            describe(GroupDescription, group), describe(AuthMethod, auth_method))


def _ike_text(offer: IkeProposal) -> str:
    return _ike_text_of(offer.encryption, offer.key_length, offer.hash, offer.group,
                        offer.auth_method, offer.lifetime_seconds)


@functools.lru_cache(maxsize=256)
def _ike_text_of(encryption: int, key_length: int | None, hash_alg: int, group: int,
                 auth_method: int, lifetime_seconds: int | None) -> str:
    life = f", {lifetime_seconds} s" if lifetime_seconds else ""
    return (f"{_enc_text(encryption, key_length)}, "
            f"{describe(HashAlgorithm, hash_alg)}, {describe(GroupDescription, group)}, "
            f"{describe(AuthMethod, auth_method)}{life}")


@functools.lru_cache(maxsize=256)
def _child_text(transform: int, key_length: int | None, auth: int | None,
                pfs: int | None, protocol: int = ProtocolId.IPSEC_ESP) -> str:
    table: type[AhTransformId] | type[EspTransformId] = (
        AhTransformId if protocol == ProtocolId.IPSEC_AH else EspTransformId
    )
    parts = [describe(table, transform) + (f" {key_length} bits" if key_length else "")]
    parts.append(describe(AuthAlgorithm, auth) if auth is not None else "no authentication")
    parts.append(f"PFS {describe(GroupDescription, pfs)}" if pfs is not None else "no PFS")
    return ", ".join(parts)


@functools.lru_cache(maxsize=256)
def identification_payload(id_type: int, value: str) -> Identification:
    """An ID payload for a phase-1 identity (RFC 2407 §4.6.2); protocol and port 0.

    Memoized: a pure function of the configuration, asked for at each
    message that carries or checks an identity.
    """
    if id_type in (IdType.IPV4_ADDR, IdType.IPV6_ADDR):
        return Identification(id_type, 0, 0, _address_bytes(value))
    if id_type == IdType.DER_ASN1_DN:
        from ikeviz.protocol import certificates

        # hex DER, or a DN in strongSwan's order ("C=CH, O=Lab, CN=gw")
        return Identification(id_type, 0, 0, bytes.fromhex(value) if _is_hex(value)
                              else certificates.dn_der(value))
    return Identification(id_type, 0, 0, value.encode())


def _address_bytes(value: str) -> bytes:
    """``ipaddress.ip_address(value).packed``, without its cost for a plain dotted quad.

    A quad of 1-3 ASCII digits each, without leading zeros and at most 255, is
    exactly what ``ipaddress`` accepts as IPv4; anything else goes to it.
    """
    parts = value.split(".")
    if len(parts) == 4:
        octets = []
        for part in parts:
            if not (part.isascii() and part.isdigit() and len(part) <= 3
                    and (part[0] != "0" or len(part) == 1)):
                break
            number = int(part)
            if number > 255:
                break
            octets.append(number)
        else:
            return bytes(octets)
    return ipaddress.ip_address(value).packed


def _ident_text(ident: Identification) -> str:
    """An ID as people read it; a DN as strongSwan prints it."""
    if ident.id_type == _DER_ASN1_DN:
        from ikeviz.protocol import certificates

        return certificates.dn_text(ident.data)
    return ident.text()


def _is_hex(value: str) -> bool:
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return bool(value)


__all__ = [
    "Peer",
    "PeerError",
    "identification_payload",
    "selector_payload",
    "payload_short_name",
    "HEADER_LENGTH",
    "ChildProposal",
]
