"""Two peers and the network between them, on a virtual clock."""

from ikeviz.simulation.run import Nat, SeededRandom, Simulation, Trace, TraceEntry, run_pair

__all__ = ["Nat", "SeededRandom", "Simulation", "Trace", "TraceEntry", "run_pair"]
