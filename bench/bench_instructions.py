"""Benchmark without the machine's noise: CPU instructions of a negotiation outside DH.

Wall-clock medians on a shared VM swing by 1.5x or more from one minute to the
next (``bench_negotiation.py`` prints how much). This counts instructions
instead, with valgrind's callgrind, which repeats to within a fraction of a
percent: a way to compare two versions of the engine.

The negotiation is bench_negotiation's (Main Mode + Quick Mode with PFS,
AES-128, SHA-1, PSK; group 14 unless told). DH is taken out by replay: one
real run records what ``dh.generate`` and ``dh.shared_secret`` returned (and
how many random bytes generate drew), and the measured runs get those results
back without the arithmetic, so everything else runs exactly as in a real
negotiation. Instructions per negotiation = (count with N runs - count with
0 runs) / N, which removes start-up. Python's hash seed is fixed (0): string
hashes change dict probing, which moves the count by up to 0.5 % between runs.

Run: python bench/bench_instructions.py [RUNS] [GROUP]   (needs valgrind)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _replay(runs: int, group: int) -> None:
    """Run the negotiation ``runs`` times with DH replayed (inside valgrind)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_negotiation import configs

    from ikeviz.protocol import dh
    from ikeviz.protocol import peer as peer_module
    from ikeviz.simulation import run_pair

    real_generate, real_shared = dh.generate, dh.shared_secret
    recorded: list[tuple[Any, list[int]]] = []

    def record_generate(number: int, rng: Callable[[int], bytes], *args: Any) -> Any:
        drawn: list[int] = []

        def counting(size: int) -> bytes:
            drawn.append(size)
            return rng(size)

        result = real_generate(number, counting, *args)
        recorded.append((result, drawn))
        return result

    def record_shared(*args: Any) -> Any:
        result = real_shared(*args)
        recorded.append((result, []))
        return result

    replay: Iterator[tuple[Any, list[int]]] = iter(())

    def replay_generate(number: int, rng: Callable[[int], bytes], *args: Any) -> Any:
        result, drawn = next(replay)
        for size in drawn:  # the same random stream afterwards
            rng(size)
        return result

    def replay_shared(*args: Any) -> Any:
        return next(replay)[0]

    def install(generate: Any, shared: Any) -> None:
        dh.generate = peer_module.dh.generate = generate  # type: ignore[attr-defined]
        dh.shared_secret = peer_module.dh.shared_secret = shared  # type: ignore[attr-defined]

    left, right = configs(group)
    install(record_generate, record_shared)
    run_pair(left, right, seed=1)
    install(replay_generate, replay_shared)
    replay = iter(recorded)
    if not run_pair(left, right, seed=1).trace.established:
        raise SystemExit("the replayed negotiation did not establish")
    for _ in range(runs):
        replay = iter(recorded)
        run_pair(left, right, seed=1)


def _instructions(runs: int, group: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         __file__, "--replay", str(runs), str(group)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr}")
    return int(match.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--replay"]:
        _replay(int(sys.argv[2]), int(sys.argv[3]))
        return
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    group = int(sys.argv[2]) if len(sys.argv) > 2 else 14
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (apt install valgrind)")
    per_run = (_instructions(runs, group) - _instructions(0, group)) / runs
    print(f"group {group}: {per_run / 1e6:.3f} million instructions per negotiation "
          f"outside DH ({runs} runs)")


if __name__ == "__main__":
    main()
