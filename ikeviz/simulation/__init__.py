"""Two peers and the network between them, on a virtual clock."""

from ikeviz.simulation.run import Nat, SeededRandom, Simulation, Trace, TraceEntry, run_pair
from ikeviz.simulation.scenario_run import ScenarioRun, run_scenario

__all__ = [
    "Nat",
    "ScenarioRun",
    "SeededRandom",
    "Simulation",
    "Trace",
    "TraceEntry",
    "run_pair",
    "run_scenario",
]
