"""Proposals on the wire, and how peers choose among them (RFC 2408 §4.2, RFC 2409 §5).

Phase 1 (RFC 2409 §5): one SA payload with one Proposal whose Transforms are
alternatives, in the initiator's order; the responder answers with exactly one
of them, unchanged. Phase 2 (RFC 2409 §5.5): one or more Proposals, each with
alternative Transforms, in the initiator's order; the responder answers with
one Proposal holding one Transform, unchanged but for its own SPI.

The behaviours that differ between products (whose order wins, lifetimes, PFS)
come from :class:`ikeviz.protocol.config.Behaviour`. Every refusal records, for
each offer, which attributes differed and how (:class:`Mismatch`), so that the
diagnosis can say what to change, on which side.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Final, cast

from ikeviz.protocol import dh
from ikeviz.protocol._records import new_record, record
from ikeviz.protocol.codec import Attribute, Proposal, SecurityAssociation, Transform
from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
    IkeProposal,
    LifetimePolicy,
    PfsPolicy,
    PreferenceOrder,
)
from ikeviz.protocol.registry import (
    DOI,
    KeyExchangeTransformId,
    LifeType,
    Phase1Attribute,
    Phase2Attribute,
    Phase2LifeType,
    ProtocolId,
    Situation,
    describe,
)
from ikeviz.protocol.registry import (
    AuthAlgorithm as AuthAlgorithmTable,
)
from ikeviz.protocol.registry import (
    AuthMethod as AuthMethodTable,
)
from ikeviz.protocol.registry import (
    EncapsulationMode as EncapsulationModeTable,
)
from ikeviz.protocol.registry import (
    EncryptionAlgorithm as EncryptionTable,
)
from ikeviz.protocol.registry import (
    EspTransformId as EspTable,
)
from ikeviz.protocol.registry import (
    GroupDescription as GroupTable,
)
from ikeviz.protocol.registry import (
    HashAlgorithm as HashTable,
)

# Enum members the functions below use for every negotiation, bound once as
# module constants (the same member objects): reading a member through its
# enum class (Phase1Attribute.LIFE_TYPE) is an attribute look-up on the class
# each time, several times as slow as reading a global.
_P1_ENCRYPTION: Final = Phase1Attribute.ENCRYPTION_ALGORITHM
_P1_KEY_LENGTH: Final = Phase1Attribute.KEY_LENGTH
_P1_HASH: Final = Phase1Attribute.HASH_ALGORITHM
_P1_GROUP: Final = Phase1Attribute.GROUP_DESCRIPTION
_P1_AUTH_METHOD: Final = Phase1Attribute.AUTHENTICATION_METHOD
_P1_LIFE_TYPE: Final = Phase1Attribute.LIFE_TYPE
_P1_LIFE_DURATION: Final = Phase1Attribute.LIFE_DURATION
_P1_MANDATORY: Final = (_P1_ENCRYPTION, _P1_HASH, _P1_AUTH_METHOD, _P1_GROUP)
_P1_MANDATORY_SET: Final = frozenset(_P1_MANDATORY)
_P1_LIFE: Final = (_P1_LIFE_TYPE, _P1_LIFE_DURATION)
_LIFE_SECONDS: Final = LifeType.SECONDS
_LIFE_KILOBYTES: Final = LifeType.KILOBYTES
_P2_LIFE_TYPE: Final = Phase2Attribute.SA_LIFE_TYPE
_P2_LIFE_DURATION: Final = Phase2Attribute.SA_LIFE_DURATION
_P2_LIFE: Final = (_P2_LIFE_TYPE, _P2_LIFE_DURATION)
_P2_GROUP: Final = Phase2Attribute.GROUP_DESCRIPTION
_P2_ENCAPSULATION: Final = Phase2Attribute.ENCAPSULATION_MODE
_P2_AUTH_ALGORITHM: Final = Phase2Attribute.AUTHENTICATION_ALGORITHM
_P2_KEY_LENGTH: Final = Phase2Attribute.KEY_LENGTH
_P2_LIFE_SECONDS: Final = Phase2LifeType.SECONDS
_P2_LIFE_KILOBYTES: Final = Phase2LifeType.KILOBYTES
_ISAKMP: Final = ProtocolId.ISAKMP
_KEY_IKE: Final = KeyExchangeTransformId.KEY_IKE
_DOI_IPSEC: Final = DOI.IPSEC
_IDENTITY_ONLY: Final = Situation.IDENTITY_ONLY
_RESPONDER_ORDER: Final = PreferenceOrder.RESPONDER
_PFS_OPTIONAL: Final = PfsPolicy.OPTIONAL
_PFS_REQUIRED: Final = PfsPolicy.REQUIRED


class ProposalSyntaxError(ValueError):
    """An SA whose attributes cannot form an offer (RFC 2409 App. A rules).

    ``notify`` is the notify type a receiver answers with
    (BAD-PROPOSAL-SYNTAX 15 or ATTRIBUTES-NOT-SUPPORTED 13).
    """

    def __init__(self, message: str, notify: int = 15) -> None:
        super().__init__(message)
        self.notify = notify


def _duration(attr_type: int, seconds: int) -> Attribute:
    # Life-Duration is a variable attribute (RFC 2409 App. A) that MAY be sent
    # as basic when it fits in 16 bits, which is what strongSwan does.
    if seconds < 0x10000:
        return Attribute.basic(attr_type, seconds)
    return Attribute.integer(attr_type, seconds, size=4)


# --- phase 1 -------------------------------------------------------------------


def ike_transform(proposal: IkeProposal, number: int) -> Transform:
    """The phase-1 Transform for one offer (RFC 2409 §5 and App. A)."""
    # Attribute(t, int(v)) is Attribute.basic(t, v), without the call.
    attrs = [Attribute(_P1_ENCRYPTION, int(proposal.encryption))]
    if proposal.key_length is not None:
        attrs.append(Attribute(_P1_KEY_LENGTH, int(proposal.key_length)))
    attrs += [
        Attribute(_P1_HASH, int(proposal.hash)),
        Attribute(_P1_GROUP, int(proposal.group)),
        Attribute(_P1_AUTH_METHOD, int(proposal.auth_method)),
    ]
    if proposal.lifetime_seconds is not None:
        attrs.append(Attribute(_P1_LIFE_TYPE, int(_LIFE_SECONDS)))
        attrs.append(_duration(_P1_LIFE_DURATION, proposal.lifetime_seconds))
    if proposal.lifetime_kilobytes is not None:
        attrs.append(Attribute(_P1_LIFE_TYPE, int(_LIFE_KILOBYTES)))
        attrs.append(_duration(_P1_LIFE_DURATION, proposal.lifetime_kilobytes))
    return Transform(number, _KEY_IKE, tuple(attrs))


def ike_sa_payload(proposals: Sequence[IkeProposal]) -> SecurityAssociation:
    """The initiator's phase-1 SA: one Proposal, one Transform per offer (RFC 2409 §5)."""
    # A pure function of the configured proposals, made once per configuration
    # rather than per negotiation (records are immutable, so it can be shared).
    offers = tuple(proposals)
    try:
        return _ike_sa_payload(offers)
    except TypeError:  # a proposal that cannot be hashed: made each time
        return _ike_sa_payload.__wrapped__(offers)


@functools.lru_cache(maxsize=64)
def _ike_sa_payload(proposals: tuple[IkeProposal, ...]) -> SecurityAssociation:
    # Every value in it is int() of a proposal's field (or a constant), so equal
    # proposals, whatever the types of their fields, give the same SA.
    transforms = []
    for i, p in enumerate(proposals):
        transforms.append(ike_transform(p, i + 1))
    return SecurityAssociation(
        _DOI_IPSEC,
        _IDENTITY_ONLY,
        (Proposal(1, _ISAKMP, b"", tuple(transforms)),),
    )


def parse_ike_transform(transform: Transform) -> IkeProposal:
    """Read a phase-1 Transform's attributes (RFC 2409 App. A).

    Raises :class:`ProposalSyntaxError` for a missing mandatory attribute
    (encryption, hash, authentication method, group) or a duplicate.
    """
    values: dict[int, int] = {}
    lifetime_seconds: int | None = None
    lifetime_kb: int | None = None
    life_type: int | None = None
    for attr in transform.attributes:
        attr_type = attr.type
        value = attr.value  # attr.as_int(), written out (a call per attribute)
        if not isinstance(value, int):
            value = int.from_bytes(value, "big")
        if attr_type == _P1_LIFE_TYPE:
            life_type = value
            continue
        if attr_type == _P1_LIFE_DURATION:
            if life_type == _LIFE_SECONDS:
                lifetime_seconds = value
            elif life_type == _LIFE_KILOBYTES:
                lifetime_kb = value
            else:
                raise ProposalSyntaxError("Life-Duration without a Life-Type before it")
            continue
        if attr_type in values:
            raise ProposalSyntaxError(
                f"attribute {describe(Phase1Attribute, attr_type)} appears twice", 13
            )
        values[attr_type] = value
    if not values.keys() >= _P1_MANDATORY_SET:
        missing = [describe(Phase1Attribute, a) for a in _P1_MANDATORY if a not in values]
        raise ProposalSyntaxError(f"transform {transform.number} lacks {', '.join(missing)}")
    return _ike_proposal(
        values[_P1_ENCRYPTION],
        values.get(_P1_KEY_LENGTH),
        values[_P1_HASH],
        values[_P1_GROUP],
        values[_P1_AUTH_METHOD],
        lifetime_seconds,
        lifetime_kb,
    )


@functools.lru_cache(maxsize=256)
def _ike_proposal(
    encryption: int,
    key_length: int | None,
    hash_alg: int,
    group: int,
    auth_method: int,
    lifetime_seconds: int | None,
    lifetime_kilobytes: int | None,
) -> IkeProposal:
    # The IkeProposal of parse_ike_transform's values (all ints or None), made
    # once per set of values: a frozen dataclass sets each of its fields with a
    # Python-level call, and every negotiation parses the same offer twice.
    return IkeProposal(
        encryption=encryption,
        key_length=key_length,
        hash=hash_alg,
        group=group,
        auth_method=auth_method,
        lifetime_seconds=lifetime_seconds,
        lifetime_kilobytes=lifetime_kilobytes,
    )


@record(frozen=True)
class Mismatch:
    """One attribute that made an offer unacceptable: the field, the two values.

    ``offered`` is the remote (offering) side's value, ``local`` the value of
    the local proposal it was compared with, both as display strings.
    """

    field: str
    offered: str
    local: str


@record(frozen=True)
class Comparison:
    """An offered transform set against one local proposal."""

    offer_index: int  # index of the offered transform (phase 1) or proposal (phase 2)
    local_index: int
    mismatches: tuple[Mismatch, ...]


@record(frozen=True)
class Phase1Choice:
    """The outcome of phase-1 selection by a responder (RFC 2409 §5)."""

    transform: Transform | None  # the chosen Transform, exactly as offered
    offer: IkeProposal | None  # its values
    local: IkeProposal | None  # the local proposal it matched
    lifetime_seconds: int | None  # the lifetime the SA will have
    comparisons: tuple[Comparison, ...]

    @property
    def closest(self) -> Comparison | None:
        """The comparison with the fewest differences (what the user should fix)."""
        if not self.comparisons:
            return None
        return min(self.comparisons, key=lambda c: (len(c.mismatches), c.local_index))


def _lifetime_mismatch(
    policy: LifetimePolicy, offered: int | None, local: int | None
) -> tuple[Mismatch | None, int | None]:
    """Apply a lifetime policy (RFC 2407 §4.5.4). Returns (refusal, resulting lifetime)."""
    if offered is None or local is None:
        return None, offered if offered is not None else local
    if policy is _ACCEPT:
        return None, offered
    if policy is _SMALLER or policy is _CLAIM:
        return None, min(offered, local)
    if policy is _EXACT and offered != local:
        return Mismatch("lifetime", f"{offered} s", f"{local} s (must be equal)"), None
    if policy is _REJECT_LONGER and offered > local:
        return Mismatch("lifetime", f"{offered} s", f"at most {local} s"), None
    return None, offered


_ACCEPT: Final = LifetimePolicy.ACCEPT
_SMALLER: Final = LifetimePolicy.SMALLER
_CLAIM: Final = LifetimePolicy.CLAIM
_EXACT: Final = LifetimePolicy.EXACT
_REJECT_LONGER: Final = LifetimePolicy.REJECT_LONGER


def compare_ike(
    offer: IkeProposal, local: IkeProposal, behaviour: Behaviour
) -> tuple[list[Mismatch], int | None]:
    """Compare one offered phase-1 transform with one local proposal (RFC 2409 §5)."""
    out: list[Mismatch] = []
    pairs = (
        ("encryption", EncryptionTable, offer.encryption, local.encryption),
        ("hash", HashTable, offer.hash, local.hash),
        ("authentication method", AuthMethodTable, offer.auth_method, local.auth_method),
        ("DH group", GroupTable, offer.group, local.group),
    )
    for name, table, theirs, ours in pairs:
        if theirs != ours:
            out.append(Mismatch(name, describe(table, theirs), describe(table, ours)))
    if offer.key_length != local.key_length and offer.encryption == local.encryption:
        out.append(Mismatch("key length", _bits(offer.key_length), _bits(local.key_length)))
    refusal, lifetime = _lifetime_mismatch(
        behaviour.phase1_lifetime, offer.lifetime_seconds, local.lifetime_seconds
    )
    if refusal is not None:
        out.append(refusal)
    return out, lifetime


def _bits(value: int | None) -> str:
    return "none" if value is None else f"{value} bits"


def select_ike(
    sa: SecurityAssociation, local: Sequence[IkeProposal], behaviour: Behaviour
) -> Phase1Choice:
    """A responder's phase-1 choice among the offered transforms (RFC 2409 §5).

    With :attr:`PreferenceOrder.RESPONDER` the local proposals are walked
    first (strongSwan); with INITIATOR the offered transforms are (Cisco,
    Libreswan). Raises :class:`ProposalSyntaxError` for an SA that breaks
    RFC 2409 §5 (not one ISAKMP proposal) or a transform without mandatory
    attributes.
    """
    if len(sa.proposals) != 1 or sa.proposals[0].protocol_id != _ISAKMP:
        raise ProposalSyntaxError(
            "phase 1 needs exactly one proposal of protocol ISAKMP (RFC 2409 §5)"
        )
    transforms = sa.proposals[0].transforms
    offers = list(map(parse_ike_transform, transforms))
    comparisons: list[Comparison] = []
    # The acceptable pairs, keyed by their rank in the preference order: local
    # proposal first, then offer (RESPONDER), or the other way round; the
    # choice is the smallest rank.
    responder_first = behaviour.preference is _RESPONDER_ORDER
    acceptable: dict[tuple[int, int], tuple[int, int, int | None]] = {}
    for oi, offer in enumerate(offers):
        for li, mine in enumerate(local):
            mismatches, lifetime = compare_ike(offer, mine, behaviour)
            comparisons.append(new_record(Comparison, (oi, li, tuple(mismatches))))
            if not mismatches:
                acceptable[(li, oi) if responder_first else (oi, li)] = (oi, li, lifetime)
    if acceptable:
        oi, li, lifetime = acceptable[min(acceptable)]
        return new_record(Phase1Choice, (transforms[oi], offers[oi], local[li], lifetime,
                                         tuple(comparisons)))
    return new_record(Phase1Choice, (None, None, None, None, tuple(comparisons)))


def check_ike_reply(
    reply: SecurityAssociation, offered: SecurityAssociation
) -> tuple[Transform | None, str]:
    """An initiator checks that the responder chose one of its offers, unchanged.

    RFC 2408 §4.2 / RFC 2409 §5: the reply holds one proposal with one
    transform, whose attributes equal one offered transform's. Returns the
    matching offered transform, or None and the reason.
    """
    if len(reply.proposals) != 1 or len(reply.proposals[0].transforms) != 1:
        return None, "the reply must hold exactly one proposal with one transform"
    chosen = reply.proposals[0].transforms[0]
    for transform in offered.proposals[0].transforms:
        if _same_values(transform.attributes, chosen.attributes) and (
            transform.transform_id == chosen.transform_id
        ):
            return transform, ""
    return None, "the chosen transform is not one that was offered"


def _same_values(
    a: Sequence[Attribute], b: Sequence[Attribute], life: tuple[int, int] = _P1_LIFE
) -> bool:
    # RFC 2409 App. A: a variable attribute may come back in either encoding;
    # compare (type, integer value). The order is free (charon answers Quick
    # Mode with Auth, Group, Encapsulation, Life-Type, Life-Duration whatever
    # the offer's order), except that a Life-Duration belongs to the Life-Type
    # before it (RFC 2407 §4.5): compare those as pairs. Most replies echo the
    # offered attributes unchanged, in order: equal as they are, they are the
    # same values (a shortcut that saves building the two sets). That is
    # ``a == b``, compared pair by pair with tuple's own equality: both hold
    # Attribute records only, whose __eq__ is the same comparison behind a
    # Python-level class check (a call per attribute).
    return (len(a) == len(b) and all(map(_tuple_eq, a, b))) or (
        _attribute_set(a, life) == _attribute_set(b, life))


# tuple.__eq__, typed for records (to a type checker a record is a dataclass, not a tuple)
_tuple_eq: Final = cast("Callable[[Attribute, Attribute], bool]", tuple.__eq__)


def _attribute_set(
    attrs: Sequence[Attribute], life: tuple[int, int]
) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    append = out.append
    life_type_class, life_duration_class = life
    life_type = -1
    for attr in attrs:
        attr_type = attr.type
        value = attr.as_int()
        if attr_type == life_type_class:
            life_type = value
            append((attr_type, 0, value))
        elif attr_type == life_duration_class:
            append((attr_type, life_type, value))
        else:
            append((attr_type, 0, value))
    out.sort()
    return out


# --- phase 2 -------------------------------------------------------------------


# The ESP transform and authentication algorithm that repeat a phase-1 cipher and hash:
# RFC 2409 App. A encryption (1 DES, 5 3DES, 7 AES) to RFC 2407 §4.4.4 ESP transform IDs
# (2 ESP_DES, 3 ESP_3DES, 12 ESP_AES), and hash (1 MD5, 2 SHA, 4-6 SHA2) to §4.5
# authentication algorithms (1 HMAC-MD5, 2 HMAC-SHA, 5-7 HMAC-SHA2, RFC 4868).
_ESP_OF_ENCRYPTION: Final[dict[int, int]] = {1: 2, 5: 3, 7: 12}
_INTEGRITY_OF_HASH: Final[dict[int, int]] = {1: 1, 2: 2, 4: 5, 5: 6, 6: 7}


def child_proposal_like(ike: IkeProposal, lifetime_seconds: int | None) -> ChildProposal:
    """An ESP tunnel proposal with the cipher, hash and group of a phase-1 proposal.

    The phase 2 of a product that negotiates "the same parameters as in phase 1"
    (OmniPCX Office): its phase-1 cipher and key length as the ESP transform, its
    hash as the HMAC, its group for PFS (RFC 2409 §5.5).
    """
    return ChildProposal(
        protocol=ProtocolId.IPSEC_ESP,
        transforms=(EspTransform(_ESP_OF_ENCRYPTION.get(ike.encryption, 3), ike.key_length,
                                 _INTEGRITY_OF_HASH.get(ike.hash, 2)),),
        encapsulation=EncapsulationModeTable.TUNNEL,
        pfs_group=ike.group,
        lifetime_seconds=lifetime_seconds,
    )


def child_transform(
    proposal: ChildProposal, transform: EspTransform, number: int, pfs_group: int | None
) -> Transform:
    """A phase-2 Transform (RFC 2407 §4.5; Group-Description for PFS, RFC 2409 §5.5)."""
    return new_record(Transform, (number, transform.transform_id, _child_attributes(
        proposal.lifetime_seconds, proposal.lifetime_kilobytes, pfs_group,
        proposal.encapsulation, transform.auth_algorithm, transform.key_length), 0, 0))


@functools.lru_cache(maxsize=256)
def _child_attributes(
    lifetime_seconds: int | None,
    lifetime_kilobytes: int | None,
    pfs_group: int | None,
    encapsulation: int,
    auth_algorithm: int | None,
    key_length: int | None,
) -> tuple[Attribute, ...]:
    # The attributes of a phase-2 Transform, in the order child_transform sends
    # them: a pure function of the configuration, made once rather than per
    # Quick Mode (only the SPI around them changes). Every value is int() of an
    # argument, so equal arguments of other int types give the same attributes.
    # Attribute(t, int(v)) is Attribute.basic(t, v), without the call.
    attrs: list[Attribute] = []
    if lifetime_seconds is not None:
        attrs.append(Attribute(_P2_LIFE_TYPE, int(_P2_LIFE_SECONDS)))
        attrs.append(_duration(_P2_LIFE_DURATION, lifetime_seconds))
    if lifetime_kilobytes is not None:
        attrs.append(Attribute(_P2_LIFE_TYPE, int(_P2_LIFE_KILOBYTES)))
        attrs.append(_duration(_P2_LIFE_DURATION, lifetime_kilobytes))
    if pfs_group is not None:
        attrs.append(Attribute(_P2_GROUP, int(pfs_group)))
    attrs.append(Attribute(_P2_ENCAPSULATION, int(encapsulation)))
    if auth_algorithm is not None:
        attrs.append(Attribute(_P2_AUTH_ALGORITHM, int(auth_algorithm)))
    if key_length is not None:
        attrs.append(Attribute(_P2_KEY_LENGTH, int(key_length)))
    return tuple(attrs)


def child_sa_payload(
    proposals: Sequence[ChildProposal], spi: bytes, *, encapsulation: int | None = None
) -> SecurityAssociation:
    """The Quick Mode initiator's SA (RFC 2409 §5.5): proposals numbered 1..n.

    ``encapsulation`` overrides the mode (UDP-encapsulated under NAT-T,
    RFC 3947 §5.1).
    """
    # Made with new_record (Proposal's and Transform's RESERVED fields are 0):
    # this runs for every Quick Mode; the attributes come from _child_attributes.
    out = []
    for i, proposal in enumerate(proposals):
        mode = proposal.encapsulation if encapsulation is None else encapsulation
        lifetime_seconds = proposal.lifetime_seconds
        lifetime_kilobytes = proposal.lifetime_kilobytes
        pfs_group = proposal.pfs_group
        transforms = []
        for j, t in enumerate(proposal.transforms):
            attributes = _child_attributes(lifetime_seconds, lifetime_kilobytes, pfs_group,
                                           mode, t.auth_algorithm, t.key_length)
            transforms.append(new_record(Transform, (j + 1, t.transform_id, attributes, 0, 0)))
        out.append(new_record(Proposal, (i + 1, proposal.protocol, spi, tuple(transforms), 0)))
    return new_record(SecurityAssociation, (_DOI_IPSEC, _IDENTITY_ONLY, tuple(out), 0))


@record(frozen=True)
class ChildOffer:
    """One offered phase-2 transform with its proposal's common values."""

    protocol: int
    transform_id: int
    key_length: int | None
    auth_algorithm: int | None
    encapsulation: int | None
    pfs_group: int | None
    lifetime_seconds: int | None
    lifetime_kilobytes: int | None


def parse_child_transform(protocol: int, transform: Transform) -> ChildOffer:
    """Read a phase-2 Transform's attributes (RFC 2407 §4.5)."""
    values: dict[int, int] = {}
    seconds: int | None = None
    kilobytes: int | None = None
    life_type: int | None = None
    for attr in transform.attributes:
        attr_type = attr.type
        value = attr.value  # attr.as_int(), written out (a call per attribute)
        if not isinstance(value, int):
            value = int.from_bytes(value, "big")
        if attr_type == _P2_LIFE_TYPE:
            life_type = value
        elif attr_type == _P2_LIFE_DURATION:
            if life_type == _P2_LIFE_SECONDS:
                seconds = value
            elif life_type == _P2_LIFE_KILOBYTES:
                kilobytes = value
            else:
                raise ProposalSyntaxError("SA-Life-Duration without an SA-Life-Type before it")
        else:
            values[attr_type] = value
    return new_record(ChildOffer, (
        protocol,
        transform.transform_id,
        values.get(_P2_KEY_LENGTH),
        values.get(_P2_AUTH_ALGORITHM),
        values.get(_P2_ENCAPSULATION),
        values.get(_P2_GROUP),
        seconds,
        kilobytes,
    ))


def _udp_base_mode(mode: int | None) -> int | None:
    # RFC 3947 §5.1: UDP-encapsulated modes are the plain modes over NAT-T.
    return _UDP_BASE_MODES.get(mode, mode) if mode is not None else None


_UDP_BASE_MODES: Final[dict[int, int]] = {3: 1, 4: 2, 61443: 1, 61444: 2}


def compare_child(
    offer: ChildOffer, local: ChildProposal, behaviour: Behaviour, *, has_ke: bool
) -> tuple[list[Mismatch], int | None, EspTransform | None]:
    """Compare one offered phase-2 transform with a local proposal (RFC 2409 §5.5).

    Returns the differences, the resulting lifetime, and the local transform it matched.
    """
    out: list[Mismatch] = []
    if offer.protocol != local.protocol:
        out.append(Mismatch("protocol", describe(ProtocolId, offer.protocol),
                            describe(ProtocolId, local.protocol)))
    matched: EspTransform | None = None
    best: list[Mismatch] | None = None
    for mine in local.transforms:
        diffs: list[Mismatch] = []
        if offer.transform_id != mine.transform_id:
            diffs.append(Mismatch("ESP transform", describe(EspTable, offer.transform_id),
                                  describe(EspTable, mine.transform_id)))
        elif offer.key_length != mine.key_length:
            diffs.append(Mismatch("ESP key length", _bits(offer.key_length),
                                  _bits(mine.key_length)))
        if offer.auth_algorithm != mine.auth_algorithm:
            diffs.append(Mismatch(
                "ESP authentication",
                "none" if offer.auth_algorithm is None
                else describe(AuthAlgorithmTable, offer.auth_algorithm),
                "none" if mine.auth_algorithm is None
                else describe(AuthAlgorithmTable, mine.auth_algorithm),
            ))
        if best is None or len(diffs) < len(best):
            best = diffs
            matched = mine if not diffs else None
    out += best or []
    if _udp_base_mode(offer.encapsulation) != _udp_base_mode(local.encapsulation):
        out.append(Mismatch(
            "encapsulation mode",
            "none" if offer.encapsulation is None
            else describe(EncapsulationModeTable, offer.encapsulation),
            describe(EncapsulationModeTable, local.encapsulation),
        ))
    out += _pfs_mismatches(offer.pfs_group, local.pfs_group, behaviour.pfs, has_ke=has_ke)
    refusal, lifetime = _lifetime_mismatch(
        behaviour.phase2_lifetime, offer.lifetime_seconds, local.lifetime_seconds
    )
    if refusal is not None:
        out.append(refusal)
    return out, lifetime, matched


def _group_text(group: int | None) -> str:
    return "no PFS" if group is None else f"PFS {describe(GroupTable, group)}"


def _pfs_mismatches(
    offered: int | None, local: int | None, policy: PfsPolicy, *, has_ke: bool
) -> list[Mismatch]:
    """PFS rules of a Quick Mode responder (RFC 2409 §5.5)."""
    if offered is not None and not has_ke:
        return [Mismatch("PFS", "Group-Description without a KE payload", "a KE payload")]
    if policy is _PFS_OPTIONAL and local is None:
        if offered is not None and offered not in dh.GROUPS:
            return [Mismatch("PFS group", _group_text(offered), "a supported group")]
        return []
    # A group configured here must be used (Cisco IOS with "set pfs groupN": the peer
    # must perform a PFS exchange with it); so must PFS where it is required.
    if (policy is _PFS_REQUIRED or policy is _PFS_OPTIONAL) and offered is None:
        return [Mismatch("PFS", "no PFS", _group_text(local) + " (required)")]
    if offered != local:
        return [Mismatch("PFS group", _group_text(offered), _group_text(local))]
    return []


@record(frozen=True)
class Phase2Choice:
    """The outcome of phase-2 selection by a responder (RFC 2409 §5.5)."""

    proposal: Proposal | None  # the chosen offered proposal with only the chosen transform
    offer: ChildOffer | None
    local: ChildProposal | None
    lifetime_seconds: int | None
    comparisons: tuple[Comparison, ...]

    @property
    def closest(self) -> Comparison | None:
        if not self.comparisons:
            return None
        return min(self.comparisons, key=lambda c: (len(c.mismatches), c.local_index))


def select_child(
    sa: SecurityAssociation,
    local: Sequence[ChildProposal],
    behaviour: Behaviour,
    *,
    has_ke: bool,
) -> Phase2Choice:
    """A Quick Mode responder's choice (RFC 2409 §5.5, RFC 2408 §4.2).

    Proposals are alternatives in the initiator's order; inside one, the
    transforms are. Bundles (several proposals with one number) are not
    supported and are compared as alternatives.
    """
    candidates: list[tuple[int, Proposal, Transform, ChildOffer]] = []
    for pi, proposal in enumerate(sa.proposals):
        for transform in proposal.transforms:
            candidates.append((pi, proposal, transform,
                               parse_child_transform(proposal.protocol_id, transform)))
    comparisons: list[Comparison] = []
    # The acceptable pairs, keyed by their rank in the preference order (as in
    # select_ike); the choice is the smallest rank.
    responder_first = behaviour.preference is _RESPONDER_ORDER
    acceptable: dict[tuple[int, int], tuple[int, int, int | None]] = {}
    for ci, (pi, _p, _t, offer) in enumerate(candidates):
        for li, mine in enumerate(local):
            mismatches, lifetime, _ = compare_child(offer, mine, behaviour, has_ke=has_ke)
            comparisons.append(new_record(Comparison, (pi, li, tuple(mismatches))))
            if not mismatches:
                acceptable[(li, ci) if responder_first else (ci, li)] = (ci, li, lifetime)
    if acceptable:
        ci, li, lifetime = acceptable[min(acceptable)]
        _pi, proposal, transform, offer = candidates[ci]
        # replace(proposal, transforms=(transform,)), written out (a tenth of
        # the time; tests/test_engine_fast_paths.py checks it is the same).
        chosen = new_record(Proposal, (proposal.number, proposal.protocol_id, proposal.spi,
                                       (transform,), proposal.reserved))
        return new_record(Phase2Choice, (chosen, offer, local[li], lifetime,
                                         tuple(comparisons)))
    return new_record(Phase2Choice, (None, None, None, None, tuple(comparisons)))


def check_child_reply(
    reply: SecurityAssociation, offered: SecurityAssociation
) -> tuple[Proposal | None, str]:
    """A Quick Mode initiator checks the responder's choice (RFC 2409 §5.5).

    One proposal with one transform whose protocol, transform ID and
    attributes equal an offered one's (the SPI is the responder's).
    """
    if len(reply.proposals) != 1 or len(reply.proposals[0].transforms) != 1:
        return None, "the reply must hold exactly one proposal with one transform"
    got = reply.proposals[0]
    chosen = got.transforms[0]
    for proposal in offered.proposals:
        if proposal.protocol_id != got.protocol_id:
            continue
        for transform in proposal.transforms:
            if transform.transform_id == chosen.transform_id and _same_values(
                transform.attributes, chosen.attributes, _P2_LIFE
            ):
                return proposal, ""
    return None, "the chosen transform is not one that was offered"
