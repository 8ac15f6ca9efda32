"""What a peer reports while it negotiates: plain, immutable event records.

The simulation collects them into a trace; the diagram, the inspector and the
diagnosis read nothing else. Each carries the virtual time it happened at.
"""

from __future__ import annotations

from dataclasses import field

from ikeviz.protocol._records import record
from ikeviz.protocol.codec import Message, Payload
from ikeviz.protocol.config import Role
from ikeviz.protocol.keyschedule import ChildSaKeys, Derivation
from ikeviz.protocol.states import State


@record(frozen=True)
class Address:
    """An IP address and UDP port."""

    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


@record(frozen=True)
class Datagram:
    """A UDP datagram a peer sends: the payload (with the non-ESP marker if any)."""

    data: bytes
    source: Address
    destination: Address


@record(frozen=True)
class Event:
    """Base of every event: the peer's role and the virtual time."""

    role: Role
    time: float


@record(frozen=True)
class StateChanged(Event):
    old: State
    new: State
    cause: str


@record(frozen=True)
class MessageSent(Event):
    """A message the peer put on the wire (or sent again).

    ``label`` is e.g. "MM3", "QM1", "INFO"; ``payloads`` the cleartext payloads
    (before encryption); ``message`` the header (and ciphertext) as sent;
    ``data`` the ISAKMP bytes; ``plaintext`` the padded cleartext of an
    encrypted message; ``iv`` the IV used.
    """

    label: str
    message: Message
    payloads: tuple[Payload, ...]
    data: bytes
    datagram: Datagram
    plaintext: bytes = b""
    iv: bytes = b""
    retransmission: int = 0


@record(frozen=True)
class MessageReceived(Event):
    """A message the peer took in, decrypted when it could be."""

    label: str
    message: Message
    payloads: tuple[Payload, ...]
    data: bytes
    source: Address
    plaintext: bytes = b""
    iv: bytes = b""
    decrypted: bool = False


@record(frozen=True)
class MessageUnreadable(Event):
    """A message the peer could not use: undecodable, undecryptable or unexpected.

    ``likely`` says what an expert would suspect (e.g. a pre-shared key
    mismatch when an encrypted message decrypts to garbage).
    """

    label: str
    data: bytes
    reason: str
    likely: str = ""


@record(frozen=True)
class KeysDerived(Event):
    """Derivations done at one step (SKEYID..., IVs, hashes, KEYMAT)."""

    step: str
    derivations: tuple[Derivation, ...]


@record(frozen=True)
class ProposalChosen(Event):
    """A responder accepted an offer, or an initiator accepted the reply."""

    phase: int
    description: str
    lifetime_seconds: int | None


@record(frozen=True)
class Failure(Event):
    """Why the negotiation stopped, as precisely as the peer knows it.

    ``at`` is the message it happened at ("MM1", "MM5", "QM1"...), ``payload``
    and ``field`` where in it, ``local`` and ``remote`` the two conflicting
    values, ``cause`` which side's setting caused it ("local", "remote" or
    "unknown"), ``notify`` the notify type sent or received (0 if none).
    """

    at: str
    reason: str
    payload: str = ""
    field: str = ""
    local: str = ""
    remote: str = ""
    cause: str = "unknown"
    notify: int = 0
    details: tuple[tuple[str, str, str], ...] = ()  # (field, remote value, local value)
    offer_index: int = -1  # the offered transform/proposal closest to an accepted one
    local_index: int = -1  # the local proposal it was closest to


@record(frozen=True)
class NotifySent(Event):
    notify_type: int
    encrypted: bool
    at: str


@record(frozen=True)
class NotifyReceived(Event):
    notify_type: int
    encrypted: bool
    at: str


@record(frozen=True)
class Retransmitted(Event):
    label: str
    attempt: int


@record(frozen=True)
class GaveUp(Event):
    label: str
    attempts: int


@record(frozen=True)
class NatDetected(Event):
    local_behind_nat: bool
    remote_behind_nat: bool


@record(frozen=True)
class Phase1Established(Event):
    """The ISAKMP SA is up: its algorithms, lifetime and keys."""

    icookie: bytes
    rcookie: bytes
    encryption: str
    hash: str
    group: str
    auth: str
    lifetime_seconds: int | None
    skeyid: bytes
    skeyid_d: bytes
    skeyid_a: bytes
    skeyid_e: bytes
    encryption_key: bytes
    local_identity: str
    remote_identity: str


@record(frozen=True)
class Phase2Established(Event):
    """The IPsec SAs are up: both directions' SPIs and keys."""

    message_id: int
    protocol: int
    transform: str
    encapsulation: int
    pfs_group: int | None
    lifetime_seconds: int | None
    local_selector: str
    remote_selector: str
    keys: ChildSaKeys
    esp_encryption: int
    esp_key_length: int | None
    esp_integrity: int | None
    extra: dict[str, str] = field(default_factory=dict)


@record(frozen=True)
class SaDeleted(Event):
    protocol: int
    spis: tuple[bytes, ...]
    by_peer: bool
