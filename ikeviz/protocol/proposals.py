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

from collections.abc import Sequence
from dataclasses import replace

from ikeviz.protocol import dh
from ikeviz.protocol._records import record
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
    attrs = [Attribute.basic(Phase1Attribute.ENCRYPTION_ALGORITHM, proposal.encryption)]
    if proposal.key_length is not None:
        attrs.append(Attribute.basic(Phase1Attribute.KEY_LENGTH, proposal.key_length))
    attrs += [
        Attribute.basic(Phase1Attribute.HASH_ALGORITHM, proposal.hash),
        Attribute.basic(Phase1Attribute.GROUP_DESCRIPTION, proposal.group),
        Attribute.basic(Phase1Attribute.AUTHENTICATION_METHOD, proposal.auth_method),
    ]
    if proposal.lifetime_seconds is not None:
        attrs.append(Attribute.basic(Phase1Attribute.LIFE_TYPE, LifeType.SECONDS))
        attrs.append(_duration(Phase1Attribute.LIFE_DURATION, proposal.lifetime_seconds))
    if proposal.lifetime_kilobytes is not None:
        attrs.append(Attribute.basic(Phase1Attribute.LIFE_TYPE, LifeType.KILOBYTES))
        attrs.append(_duration(Phase1Attribute.LIFE_DURATION, proposal.lifetime_kilobytes))
    return Transform(number, KeyExchangeTransformId.KEY_IKE, tuple(attrs))


def ike_sa_payload(proposals: Sequence[IkeProposal]) -> SecurityAssociation:
    """The initiator's phase-1 SA: one Proposal, one Transform per offer (RFC 2409 §5)."""
    transforms = tuple(ike_transform(p, i + 1) for i, p in enumerate(proposals))
    return SecurityAssociation(
        DOI.IPSEC,
        Situation.IDENTITY_ONLY,
        (Proposal(1, ProtocolId.ISAKMP, b"", transforms),),
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
        if attr.type == Phase1Attribute.LIFE_TYPE:
            life_type = attr.as_int()
            continue
        if attr.type == Phase1Attribute.LIFE_DURATION:
            if life_type == LifeType.SECONDS:
                lifetime_seconds = attr.as_int()
            elif life_type == LifeType.KILOBYTES:
                lifetime_kb = attr.as_int()
            else:
                raise ProposalSyntaxError("Life-Duration without a Life-Type before it")
            continue
        if attr.type in values:
            raise ProposalSyntaxError(
                f"attribute {describe(Phase1Attribute, attr.type)} appears twice", 13
            )
        values[attr.type] = attr.as_int()
    missing = [
        describe(Phase1Attribute, a)
        for a in (
            Phase1Attribute.ENCRYPTION_ALGORITHM,
            Phase1Attribute.HASH_ALGORITHM,
            Phase1Attribute.AUTHENTICATION_METHOD,
            Phase1Attribute.GROUP_DESCRIPTION,
        )
        if a not in values
    ]
    if missing:
        raise ProposalSyntaxError(f"transform {transform.number} lacks {', '.join(missing)}")
    return IkeProposal(
        encryption=values[Phase1Attribute.ENCRYPTION_ALGORITHM],
        key_length=values.get(Phase1Attribute.KEY_LENGTH),
        hash=values[Phase1Attribute.HASH_ALGORITHM],
        group=values[Phase1Attribute.GROUP_DESCRIPTION],
        auth_method=values[Phase1Attribute.AUTHENTICATION_METHOD],
        lifetime_seconds=lifetime_seconds,
        lifetime_kilobytes=lifetime_kb,
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
    if policy is LifetimePolicy.ACCEPT:
        return None, offered
    if policy in (LifetimePolicy.SMALLER, LifetimePolicy.CLAIM):
        return None, min(offered, local)
    if policy is LifetimePolicy.EXACT and offered != local:
        return Mismatch("lifetime", f"{offered} s", f"{local} s (must be equal)"), None
    if policy is LifetimePolicy.REJECT_LONGER and offered > local:
        return Mismatch("lifetime", f"{offered} s", f"at most {local} s"), None
    return None, offered


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
    if len(sa.proposals) != 1 or sa.proposals[0].protocol_id != ProtocolId.ISAKMP:
        raise ProposalSyntaxError(
            "phase 1 needs exactly one proposal of protocol ISAKMP (RFC 2409 §5)"
        )
    transforms = sa.proposals[0].transforms
    offers = [parse_ike_transform(t) for t in transforms]
    comparisons: list[Comparison] = []
    table: dict[tuple[int, int], int | None] = {}
    for oi, offer in enumerate(offers):
        for li, mine in enumerate(local):
            mismatches, lifetime = compare_ike(offer, mine, behaviour)
            comparisons.append(Comparison(oi, li, tuple(mismatches)))
            if not mismatches:
                table[(oi, li)] = lifetime
    order = (
        [(oi, li) for li in range(len(local)) for oi in range(len(offers))]
        if behaviour.preference is PreferenceOrder.RESPONDER
        else [(oi, li) for oi in range(len(offers)) for li in range(len(local))]
    )
    for oi, li in order:
        if (oi, li) in table:
            return Phase1Choice(
                transforms[oi], offers[oi], local[li], table[(oi, li)], tuple(comparisons)
            )
    return Phase1Choice(None, None, None, None, tuple(comparisons))


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
    a: Sequence[Attribute], b: Sequence[Attribute], life: tuple[int, int] = (
        Phase1Attribute.LIFE_TYPE, Phase1Attribute.LIFE_DURATION)
) -> bool:
    # RFC 2409 App. A: a variable attribute may come back in either encoding;
    # compare (type, integer value). The order is free (charon answers Quick
    # Mode with Auth, Group, Encapsulation, Life-Type, Life-Duration whatever
    # the offer's order), except that a Life-Duration belongs to the Life-Type
    # before it (RFC 2407 §4.5): compare those as pairs.
    return _attribute_set(a, life) == _attribute_set(b, life)


def _attribute_set(
    attrs: Sequence[Attribute], life: tuple[int, int]
) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    life_type = -1
    for attr in attrs:
        if attr.type == life[0]:
            life_type = attr.as_int()
            out.append((attr.type, 0, life_type))
        elif attr.type == life[1]:
            out.append((attr.type, life_type, attr.as_int()))
        else:
            out.append((attr.type, 0, attr.as_int()))
    return sorted(out)


# --- phase 2 -------------------------------------------------------------------


def child_transform(
    proposal: ChildProposal, transform: EspTransform, number: int, pfs_group: int | None
) -> Transform:
    """A phase-2 Transform (RFC 2407 §4.5; Group-Description for PFS, RFC 2409 §5.5)."""
    attrs: list[Attribute] = []
    if proposal.lifetime_seconds is not None:
        attrs.append(Attribute.basic(Phase2Attribute.SA_LIFE_TYPE, Phase2LifeType.SECONDS))
        attrs.append(_duration(Phase2Attribute.SA_LIFE_DURATION, proposal.lifetime_seconds))
    if proposal.lifetime_kilobytes is not None:
        attrs.append(Attribute.basic(Phase2Attribute.SA_LIFE_TYPE, Phase2LifeType.KILOBYTES))
        attrs.append(_duration(Phase2Attribute.SA_LIFE_DURATION, proposal.lifetime_kilobytes))
    if pfs_group is not None:
        attrs.append(Attribute.basic(Phase2Attribute.GROUP_DESCRIPTION, pfs_group))
    attrs.append(Attribute.basic(Phase2Attribute.ENCAPSULATION_MODE, proposal.encapsulation))
    if transform.auth_algorithm is not None:
        attrs.append(
            Attribute.basic(Phase2Attribute.AUTHENTICATION_ALGORITHM, transform.auth_algorithm)
        )
    if transform.key_length is not None:
        attrs.append(Attribute.basic(Phase2Attribute.KEY_LENGTH, transform.key_length))
    return Transform(number, transform.transform_id, tuple(attrs))


def child_sa_payload(
    proposals: Sequence[ChildProposal], spi: bytes, *, encapsulation: int | None = None
) -> SecurityAssociation:
    """The Quick Mode initiator's SA (RFC 2409 §5.5): proposals numbered 1..n.

    ``encapsulation`` overrides the mode (UDP-encapsulated under NAT-T,
    RFC 3947 §5.1).
    """
    out = []
    for i, proposal in enumerate(proposals):
        if encapsulation is not None:
            proposal = replace(proposal, encapsulation=encapsulation)
        transforms = tuple(
            child_transform(proposal, t, j + 1, proposal.pfs_group)
            for j, t in enumerate(proposal.transforms)
        )
        out.append(Proposal(i + 1, proposal.protocol, spi, transforms))
    return SecurityAssociation(DOI.IPSEC, Situation.IDENTITY_ONLY, tuple(out))


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
        if attr.type == Phase2Attribute.SA_LIFE_TYPE:
            life_type = attr.as_int()
        elif attr.type == Phase2Attribute.SA_LIFE_DURATION:
            if life_type == Phase2LifeType.SECONDS:
                seconds = attr.as_int()
            elif life_type == Phase2LifeType.KILOBYTES:
                kilobytes = attr.as_int()
            else:
                raise ProposalSyntaxError("SA-Life-Duration without an SA-Life-Type before it")
        else:
            values[attr.type] = attr.as_int()
    return ChildOffer(
        protocol,
        transform.transform_id,
        values.get(Phase2Attribute.KEY_LENGTH),
        values.get(Phase2Attribute.AUTHENTICATION_ALGORITHM),
        values.get(Phase2Attribute.ENCAPSULATION_MODE),
        values.get(Phase2Attribute.GROUP_DESCRIPTION),
        seconds,
        kilobytes,
    )


def _udp_base_mode(mode: int | None) -> int | None:
    # RFC 3947 §5.1: UDP-encapsulated modes are the plain modes over NAT-T.
    mapping = {3: 1, 4: 2, 61443: 1, 61444: 2}
    return mapping.get(mode, mode) if mode is not None else None


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
    if policy is PfsPolicy.OPTIONAL:
        if offered is not None and offered not in dh.GROUPS:
            return [Mismatch("PFS group", _group_text(offered), "a supported group")]
        return []
    if policy is PfsPolicy.REQUIRED and offered is None:
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
    candidates: list[tuple[int, int, Proposal, Transform, ChildOffer]] = []
    for pi, proposal in enumerate(sa.proposals):
        for ti, transform in enumerate(proposal.transforms):
            candidates.append((pi, ti, proposal, transform,
                               parse_child_transform(proposal.protocol_id, transform)))
    comparisons: list[Comparison] = []
    good: dict[tuple[int, int], int | None] = {}
    for ci, (pi, _ti, _p, _t, offer) in enumerate(candidates):
        for li, mine in enumerate(local):
            mismatches, lifetime, _ = compare_child(offer, mine, behaviour, has_ke=has_ke)
            comparisons.append(Comparison(pi, li, tuple(mismatches)))
            if not mismatches:
                good[(ci, li)] = lifetime
    order = (
        [(ci, li) for li in range(len(local)) for ci in range(len(candidates))]
        if behaviour.preference is PreferenceOrder.RESPONDER
        else [(ci, li) for ci in range(len(candidates)) for li in range(len(local))]
    )
    for ci, li in order:
        if (ci, li) in good:
            _pi, _ti, proposal, transform, offer = candidates[ci]
            chosen = replace(proposal, transforms=(transform,))
            return Phase2Choice(chosen, offer, local[li], good[(ci, li)], tuple(comparisons))
    return Phase2Choice(None, None, None, None, tuple(comparisons))


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
                transform.attributes, chosen.attributes,
                (Phase2Attribute.SA_LIFE_TYPE, Phase2Attribute.SA_LIFE_DURATION),
            ):
                return proposal, ""
    return None, "the chosen transform is not one that was offered"
