"""What a peer is configured with: proposals, identity, authentication, policy.

These are the engine's parameters. The behaviours that differ between real
products (whose preference order wins, what to do with a lifetime mismatch,
whether PFS is required, how strictly identities are checked, whether
Aggressive Mode is accepted, how retransmissions are timed) are fields of
:class:`Behaviour`, not special cases in the peer: a product profile is a set
of values for them (see ``ikeviz.scenario``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ikeviz.protocol.registry import (
    AuthAlgorithm,
    AuthMethod,
    EncapsulationMode,
    EncryptionAlgorithm,
    EspTransformId,
    HashAlgorithm,
    IdType,
    ProtocolId,
)


class Role(Enum):
    INITIATOR = "initiator"
    RESPONDER = "responder"

    @property
    def other(self) -> Role:
        return Role.RESPONDER if self is Role.INITIATOR else Role.INITIATOR


@dataclass(frozen=True)
class IkeProposal:
    """One phase-1 offer: a Transform of the single phase-1 Proposal (RFC 2409 §5).

    ``key_length`` is in bits and is sent only for variable-length ciphers
    (AES); ``lifetime_seconds`` None sends no lifetime (RFC 2409 has no
    default). ``auth_method`` is the Authentication-Method attribute.
    """

    encryption: int = EncryptionAlgorithm.AES_CBC
    key_length: int | None = 128
    hash: int = HashAlgorithm.SHA
    group: int = 14
    auth_method: int = AuthMethod.PSK
    lifetime_seconds: int | None = 28800
    lifetime_kilobytes: int | None = None


@dataclass(frozen=True)
class EspTransform:
    """One phase-2 transform: the ESP (or AH) transform ID and its algorithms."""

    transform_id: int = EspTransformId.ESP_AES
    key_length: int | None = 128
    auth_algorithm: int | None = AuthAlgorithm.HMAC_SHA


@dataclass(frozen=True)
class ChildProposal:
    """One phase-2 Proposal (RFC 2409 §5.5): a protocol with alternative transforms.

    ``pfs_group`` adds the Group-Description attribute to every transform and
    a KE payload to Quick Mode (RFC 2409 §5.5); None means no PFS.
    """

    protocol: int = ProtocolId.IPSEC_ESP
    transforms: tuple[EspTransform, ...] = (EspTransform(),)
    encapsulation: int = EncapsulationMode.TUNNEL
    pfs_group: int | None = 14
    lifetime_seconds: int | None = 3600
    lifetime_kilobytes: int | None = None


@dataclass(frozen=True)
class TrafficSelector:
    """A proxy identity (Quick Mode IDci/IDcr, RFC 2409 §5.5).

    ``network`` is an address, a CIDR subnet or a range ``a-b``; protocol and
    port 0 mean any.
    """

    network: str
    protocol: int = 0
    port: int = 0


@dataclass(frozen=True)
class Identity:
    """A phase-1 identity (RFC 2407 §4.6.2): its ID type and value as people write it."""

    id_type: int = IdType.IPV4_ADDR
    value: str = ""


class PreferenceOrder(Enum):
    """Whose order decides among several acceptable offers (a responder's choice)."""

    INITIATOR = "initiator"  # RFC 2408 §4.2 reading: the first acceptable offer
    RESPONDER = "responder"  # strongSwan's default (prefer_configured_proposals)


class LifetimePolicy(Enum):
    """What a responder does when the offered lifetime differs from its own (RFC 2407 §4.5.4).

    ACCEPT: take the initiator's value (strongSwan, Libreswan phase 1).
    SMALLER: use the smaller value silently (Libreswan phase 2, JUNOSe).
    REJECT_LONGER: refuse an offer longer than the local value (Cisco IOS
    ISAKMP policies; racoon "strict").
    EXACT: refuse unless equal (racoon "exact").
    CLAIM: accept, use the smaller one and say so with RESPONDER-LIFETIME
    (phase 2; racoon "claim").
    """

    ACCEPT = "accept"
    SMALLER = "smaller"
    REJECT_LONGER = "reject-longer"
    EXACT = "exact"
    CLAIM = "claim"


class PfsPolicy(Enum):
    """How a Quick Mode responder treats PFS (RFC 2409 §5.5)."""

    AS_CONFIGURED = "as-configured"  # the offer must carry exactly the configured group or none
    REQUIRED = "required"  # refuse an offer without KE (OmniPCX Office, Libreswan pfs=yes)
    # with no group configured, accept with or without PFS, any supported group; with
    # one, the offer must carry it (Cisco IOS without and with "set pfs groupN")
    OPTIONAL = "optional"


class IdentityCheck(Enum):
    """How strictly the peer's phase-1 identity is compared with the configured one."""

    EXACT = "exact"  # type and value must match (strongSwan with a configured remote id)
    VALUE = "value"  # value must match, any type that renders the same
    NONE = "none"  # anything is accepted


@dataclass(frozen=True)
class Behaviour:
    """The product-specific behaviour of a peer (the parameters of selection)."""

    preference: PreferenceOrder = PreferenceOrder.RESPONDER
    phase1_lifetime: LifetimePolicy = LifetimePolicy.ACCEPT
    phase2_lifetime: LifetimePolicy = LifetimePolicy.ACCEPT
    pfs: PfsPolicy = PfsPolicy.AS_CONFIGURED
    identity_check: IdentityCheck = IdentityCheck.EXACT
    check_traffic_selectors: bool = True
    # As a Quick Mode responder, accept an offer that overlaps the configured
    # selectors and answer with the overlap (strongSwan); otherwise the offer must
    # cover exactly the configured traffic.
    narrow_traffic_selectors: bool = False
    # Quick Mode with the phase-1 cipher, hash and group negotiated, whatever phase-1
    # proposal was chosen (OmniPCX Office: "the same parameters as in phase 1"): the
    # peer offers and accepts only that, with its first child proposal's lifetime.
    phase2_from_phase1: bool = False
    accept_aggressive: bool = False
    aggressive: bool = False  # as initiator: use Aggressive Mode instead of Main Mode
    send_initial_contact: bool = True
    send_vendor_ids: tuple[str, ...] = ()
    nat_traversal: bool = True
    # Retransmissions (strongSwan: 4 s, x1.8, 5 tries; RFC 2408 §5 leaves them local).
    retransmit_timeout: float = 4.0
    retransmit_base: float = 1.8
    retransmit_tries: int = 5
    # RFC 2408 §3.1: set the commit bit (QM1 as initiator, QM2 as responder; a
    # responder also echoes an initiator's, as KAME racoon does). When QM2 carries it
    # the responder sends a CONNECTED notify after QM3 and the initiator waits for it;
    # when only QM1 did (a responder that ignores the bit) the initiator sends it.
    commit_bit: bool = False
    # RFC 2409 §5.4 leaves open whether Aggressive Mode message 3 is encrypted;
    # strongSwan sends it encrypted (HDR*, HASH_I [, NAT-D, NAT-D]).
    encrypt_aggressive_3: bool = True


@dataclass(frozen=True)
class PeerConfig:
    """Everything one gateway needs to negotiate (both roles).

    ``psk`` is the pre-shared key (bytes); ``private_key_pem`` and
    ``peer_public_key_pem`` are for raw RSA keys; ``certificate_pem`` (the own
    certificate, optionally followed by intermediate CA certificates) and
    ``peer_ca_pem`` (one or more trusted CA certificates) for certificates
    (RFC 2409 §5.1 with CERT and CR payloads). With a certificate and a
    signature method, the default ``identity`` becomes the certificate's
    subject (ID_DER_ASN1_DN), as strongSwan does. ``now_epoch`` is the Unix
    time at virtual time 0, against which certificate validity periods are
    checked; None skips the date checks (the engine reads no clock).
    """

    name: str = "gateway"
    address: str = "192.0.2.1"
    peer_address: str = "192.0.2.2"
    port: int = 500
    identity: Identity = field(default_factory=Identity)
    peer_identity: Identity | None = None
    psk: bytes | None = None
    private_key_pem: bytes | None = None
    peer_public_key_pem: bytes | None = None
    certificate_pem: bytes | None = None
    peer_ca_pem: bytes | None = None
    ike_proposals: tuple[IkeProposal, ...] = (IkeProposal(),)
    child_proposals: tuple[ChildProposal, ...] = (ChildProposal(),)
    local_selector: TrafficSelector | None = None
    remote_selector: TrafficSelector | None = None
    behaviour: Behaviour = field(default_factory=Behaviour)
    now_epoch: int | None = None
