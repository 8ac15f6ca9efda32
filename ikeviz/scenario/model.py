"""The scenario: two gateways, the network between them, who starts, a seed.

Immutable dataclasses: an edit makes a new scenario (``dataclasses.replace``),
which is what the GUI's undo stack keeps. Algorithms are held as the RFC
numbers the engine uses; :mod:`ikeviz.scenario.names` gives the words people
write in files ("aes-cbc", "sha1", "hmac-sha1").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ikeviz.protocol.config import ChildProposal, IkeProposal

FORMAT_VERSION = 1


class Side(Enum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class AuthKind(Enum):
    PSK = "psk"
    RSA = "rsa"  # raw RSA public keys (OmniPCX Office, FreeS/WAN style)
    CERTIFICATE = "certificate"


@dataclass(frozen=True)
class Gateway:
    """One gateway as the user configures it.

    ``identity``/``peer_identity`` empty mean "my WAN address" / "the peer's
    WAN address" (type IPv4). ``behaviour`` holds overrides of the profile's
    behaviour (engine parameters by name, e.g. ``{"phase1_lifetime": "exact"}``).
    ``psk`` is None when the file asks for it instead of storing it.
    """

    name: str
    profile: str
    address: str
    identity_type: str = "ipv4"
    identity: str = ""
    peer_identity_type: str = "ipv4"
    peer_identity: str = ""
    auth: AuthKind = AuthKind.PSK
    psk: str | None = None
    private_key_pem: str | None = None
    peer_public_key_pem: str | None = None
    certificate_pem: str | None = None
    ca_pem: str | None = None
    phase1: tuple[IkeProposal, ...] = ()
    phase2: tuple[ChildProposal, ...] = ()
    local_subnet: str = ""
    remote_subnet: str = ""
    nat_traversal: bool = True
    aggressive: bool = False
    behaviour: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Network:
    """The path between the gateways; a NAT, if any, sits in front of the initiator."""

    nat: bool = False
    nat_public_address: str = "203.0.113.1"
    latency_ms: float = 10.0


@dataclass(frozen=True)
class Lesson:
    """What makes a scenario a lesson: its objective, explanation and expected outcome."""

    objective: str = ""
    explanation: str = ""
    difficulty: str = "beginner"
    expected_outcome: str = "established"  # or "failed"
    expected_failure_at: str = ""  # e.g. "MM2", "MM5", "QM2"
    expected_notify: str = ""  # e.g. "NO-PROPOSAL-CHOSEN"
    expected_fix_side: str = ""  # "left", "right" or "" (either)


@dataclass(frozen=True)
class ScenarioTexts:
    """A scenario's texts in another language ("" where not translated: English is shown)."""

    title: str = ""
    description: str = ""
    objective: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class Scenario:
    title: str
    left: Gateway
    right: Gateway
    initiator: Side = Side.LEFT
    seed: int = 1
    network: Network = field(default_factory=Network)
    description: str = ""
    lesson: Lesson | None = None
    #: The texts in other languages, by language code, sorted ("fr", ...): the
    #: ``[translations.fr]`` tables of the file; see ikeviz.scenario.translations.
    translations: tuple[tuple[str, ScenarioTexts], ...] = ()

    def gateway(self, side: Side) -> Gateway:
        return self.left if side is Side.LEFT else self.right

    def with_gateway(self, side: Side, gateway: Gateway) -> Scenario:
        from dataclasses import replace

        return replace(self, left=gateway) if side is Side.LEFT else replace(self, right=gateway)
