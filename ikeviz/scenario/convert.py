"""From a scenario and its gateways' profiles to the engine's peer configurations.

The profile's fixed settings win over what the file says (an OmniPCX Office
always identifies itself by its WAN address and always uses PFS with its
phase-1 group), its behaviour is the base that the gateway's overrides change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
    Identity,
    IkeProposal,
    PeerConfig,
    PfsPolicy,
    TrafficSelector,
)
from ikeviz.protocol.proposals import child_proposal_like
from ikeviz.protocol.registry import AuthMethod, IdType, ProtocolId
from ikeviz.scenario.model import AuthKind, Gateway, Scenario, Side
from ikeviz.scenario.names import ID_TYPE
from ikeviz.scenario.profiles import Profile

# RFC 2409 App. A hash -> RFC 2407 §4.5 HMAC of the same hash, for profiles
# whose phase 2 reuses the phase-1 algorithms (OmniPCX Office).


class ConversionError(ValueError):
    """A scenario the engine cannot run (e.g. an unknown profile)."""


@dataclass(frozen=True)
class PeerPair:
    initiator: PeerConfig
    responder: PeerConfig
    initiator_side: Side


def derived_phase2(phase1: tuple[IkeProposal, ...], lifetime: int | None) -> tuple[ChildProposal,
                                                                                   ...]:
    """Phase-2 proposals that repeat the phase-1 algorithms and group (OmniPCX Office).

    One per phase-1 proposal, for the diagnosis and the editors; in a negotiation
    the peer offers and accepts only the one of the phase-1 proposal chosen
    (``Behaviour.phase2_from_phase1``).
    """
    # Several phase-1 proposals can give the same phase-2 one: keep the first of each.
    return tuple(dict.fromkeys(child_proposal_like(p, lifetime) for p in phase1))


# The AH transform of each authentication algorithm (RFC 2407 §4.4.3, §4.5: AH_MD5 with
# HMAC-MD5, AH_SHA with HMAC-SHA; RFC 4868's SHA-2 ones).
_AH_OF_INTEGRITY = {1: 2, 2: 3, 5: 5, 6: 6, 7: 7}


def _ah_transforms(proposal: ChildProposal) -> ChildProposal:
    """An AH proposal with the AH transform IDs of its authentication algorithms.

    A scenario writes a phase-2 transform with an ESP cipher and an integrity
    algorithm; AH has no cipher, and its transform ID names the hash (RFC 2407
    §4.4.3): the cipher word of an AH proposal is not put on the wire as one.
    """
    if proposal.protocol != ProtocolId.IPSEC_AH:
        return proposal
    transforms = tuple(EspTransform(_AH_OF_INTEGRITY.get(t.auth_algorithm or 0, 3), None,
                                    t.auth_algorithm) for t in proposal.transforms)
    return replace(proposal, transforms=tuple(dict.fromkeys(transforms)))


def behaviour_for(gateway: Gateway, profile: Profile) -> Behaviour:
    """The profile's behaviour with the gateway's overrides applied."""
    values: dict[str, Any] = {}
    for name, value in gateway.behaviour:
        current = getattr(profile.behaviour, name)
        if isinstance(current, Enum) and not isinstance(value, Enum):
            value = type(current)(value)
        values[name] = value
    behaviour = replace(profile.behaviour, **values)
    changes: dict[str, Any] = {"nat_traversal": gateway.nat_traversal and
                               behaviour.nat_traversal,
                               "aggressive": gateway.aggressive}
    if profile.fixed.main_mode_only:
        changes["aggressive"] = False
        changes["accept_aggressive"] = False
    if profile.fixed.pfs == "always":
        changes["pfs"] = PfsPolicy.REQUIRED
    if profile.fixed.phase2_same_as_phase1:
        changes["phase2_from_phase1"] = True
    return replace(behaviour, **changes)


def _address_id_type(address: str) -> int:
    """ID_IPV4_ADDR or ID_IPV6_ADDR for a WAN address (RFC 2407 §4.6.2.2, §4.6.2.6)."""
    return IdType.IPV6_ADDR if ":" in address else IdType.IPV4_ADDR


def _identity(kind: str, value: str, address: str) -> Identity:
    id_type = ID_TYPE.get(kind, IdType.IPV4_ADDR)
    if id_type in (IdType.IPV4_ADDR, IdType.IPV6_ADDR) and not value:
        id_type = _address_id_type(address)
    return Identity(id_type, value or address)


def peer_config(gateway: Gateway, peer: Gateway, profile: Profile, *,
                peer_address_seen: str | None = None) -> PeerConfig:
    """The engine configuration of one gateway facing ``peer``."""
    phase1 = gateway.phase1 or profile.phase1
    if profile.fixed.phase2_same_as_phase1:
        lifetime = (gateway.phase2 or profile.phase2 or (ChildProposal(),))[0].lifetime_seconds
        phase2 = derived_phase2(phase1, lifetime)
    else:
        phase2 = tuple(_ah_transforms(p) for p in gateway.phase2 or profile.phase2)
    if profile.fixed.pfs == "always":
        phase2 = tuple(p if p.pfs_group is not None else replace(p, pfs_group=phase1[0].group)
                       for p in phase2)
    if profile.fixed.identity == "wan-address":
        identity = Identity(_address_id_type(gateway.address), gateway.address)
        peer_identity = Identity(_address_id_type(peer.address), peer.address)
    else:
        identity = _identity(gateway.identity_type, gateway.identity, gateway.address)
        peer_identity = _identity(gateway.peer_identity_type, gateway.peer_identity,
                                  peer_address_seen or peer.address)
    auth_method = AuthMethod.PSK if gateway.auth is AuthKind.PSK else AuthMethod.RSA_SIG
    phase1 = tuple(replace(p, auth_method=auth_method) if p.auth_method != auth_method else p
                   for p in phase1)
    return PeerConfig(
        name=gateway.name,
        address=gateway.address,
        peer_address=peer_address_seen or peer.address,
        identity=identity,
        peer_identity=peer_identity,
        psk=gateway.psk.encode() if gateway.psk is not None else None,
        private_key_pem=gateway.private_key_pem.encode() if gateway.private_key_pem else None,
        peer_public_key_pem=(gateway.peer_public_key_pem.encode()
                             if gateway.peer_public_key_pem else None),
        certificate_pem=gateway.certificate_pem.encode() if gateway.certificate_pem else None,
        peer_ca_pem=gateway.ca_pem.encode() if gateway.ca_pem else None,
        ike_proposals=phase1,
        child_proposals=phase2,
        local_selector=TrafficSelector(gateway.local_subnet) if gateway.local_subnet else None,
        remote_selector=TrafficSelector(gateway.remote_subnet) if gateway.remote_subnet
        else None,
        behaviour=behaviour_for(gateway, profile),
    )


def peer_configs(scenario: Scenario, profiles: Mapping[str, Profile]) -> PeerPair:
    """Both gateways' configurations, initiator first (NAT: see ikeviz.simulation)."""
    for gateway in (scenario.left, scenario.right):
        if gateway.profile not in profiles:
            raise ConversionError(f"{gateway.name}: unknown profile {gateway.profile!r}")
        if gateway.auth is AuthKind.PSK and gateway.psk is None:
            raise ConversionError(f"{gateway.name}: the pre-shared key is not in the scenario "
                                  "file: it must be given when the scenario is opened")
    first = scenario.gateway(scenario.initiator)
    second = scenario.gateway(scenario.initiator.other)
    # Behind a NAT (in front of the initiator), the responder sees the NAT's
    # public address as its peer's.
    seen = scenario.network.nat_public_address if scenario.network.nat else None
    return PeerPair(
        peer_config(first, second, profiles[first.profile]),
        peer_config(second, first, profiles[second.profile], peer_address_seen=seen),
        scenario.initiator,
    )
