"""Run a scenario: its two gateways, as configured by their profiles, on the virtual network."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ikeviz.protocol.config import Role
from ikeviz.protocol.peer import Peer
from ikeviz.scenario.convert import PeerPair, peer_configs
from ikeviz.scenario.model import Gateway, Scenario, Side
from ikeviz.scenario.profiles import Profile
from ikeviz.simulation.run import Nat, Simulation, Trace


@dataclass
class ScenarioRun:
    """A finished run: the scenario, the engine configurations, the peers and the trace."""

    scenario: Scenario
    profiles: Mapping[str, Profile]
    configs: PeerPair
    simulation: Simulation

    @property
    def trace(self) -> Trace:
        return self.simulation.trace

    @property
    def established(self) -> bool:
        return self.trace.established

    def side_of(self, role: Role) -> Side:
        return self.configs.initiator_side if role is Role.INITIATOR else (
            self.configs.initiator_side.other)

    def role_of(self, side: Side) -> Role:
        return Role.INITIATOR if side is self.configs.initiator_side else Role.RESPONDER

    def gateway(self, role: Role) -> Gateway:
        return self.scenario.gateway(self.side_of(role))

    def profile(self, role: Role) -> Profile:
        return self.profiles[self.gateway(role).profile]

    def peer(self, role: Role) -> Peer:
        return self.simulation.initiator if role is Role.INITIATOR else self.simulation.responder


def run_scenario(
    scenario: Scenario, profiles: Mapping[str, Profile], *, delete_at_end: bool = False
) -> ScenarioRun:
    """Run the negotiation of ``scenario`` (same scenario and seed: same bytes)."""
    configs = peer_configs(scenario, profiles)
    nat = Nat(scenario.network.nat_public_address) if scenario.network.nat else None
    simulation = Simulation(
        configs.initiator,
        configs.responder,
        seed=scenario.seed,
        latency=scenario.network.latency_ms / 1000.0,
        nat=nat,
    )
    simulation.run(until_established_then_delete=delete_at_end)
    return ScenarioRun(scenario, profiles, configs, simulation)
