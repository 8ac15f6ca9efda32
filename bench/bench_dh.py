"""Benchmark: Diffie-Hellman of every group, and the DH of one Main Mode + Quick Mode with PFS.

For each group: the median of ``dh.generate`` (fixed-base g^x for MODP) and of
``dh.shared_secret`` (peer^x, with the peer value check), and the median total
of what one two-peer negotiation with PFS does: 2 x generate + 2 x shared
secret in Main Mode, the same again in Quick Mode. The first ``generate`` of a
MODP group builds its fixed-base table; that one-off cost is shown apart.

Run: python bench/bench_dh.py [--python] [--seconds S]
  --python    force the pure-Python fallback (as if gmpy2 were not installed)
  --seconds   time budget per measured column and group (default 1.0)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ikeviz.protocol import dh  # noqa: E402

GROUPS = (1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21)
MIN_RUNS, MAX_RUNS = 15, 400


def samples(function: Callable[[], object], seconds: float) -> list[float]:
    """Times of ``function``: at least MIN_RUNS, at most MAX_RUNS, within ``seconds``."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < MIN_RUNS or (len(times) < MAX_RUNS and time.perf_counter() < deadline):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def exchange_with_pfs(number: int) -> None:
    """The DH work of Main Mode plus Quick Mode with PFS between two peers."""
    for _ in range(2):  # Main Mode KE, then the Quick Mode PFS KE
        initiator = dh.generate(number, os.urandom)
        responder = dh.generate(number, os.urandom)
        secret = dh.shared_secret(initiator, responder.public)
        assert secret == dh.shared_secret(responder, initiator.public)


def measure(number: int, seconds: float) -> tuple[float, float, float, float]:
    """(first generate, median generate, median shared secret, median exchange) in seconds."""
    start = time.perf_counter()
    dh.generate(number, os.urandom)  # builds the fixed-base table of a MODP group
    first = time.perf_counter() - start
    generate = samples(lambda: dh.generate(number, os.urandom), seconds)
    pairs = [(dh.generate(number, os.urandom), dh.generate(number, os.urandom)) for _ in range(8)]
    index = iter(range(10**9))

    def shared() -> None:
        a, b = pairs[next(index) % len(pairs)]
        dh.shared_secret(a, b.public)

    secret = samples(shared, seconds)
    exchange = samples(lambda: exchange_with_pfs(number), seconds)
    return (
        first,
        statistics.median(generate),
        statistics.median(secret),
        statistics.median(exchange),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="store_true", help="force the pure-Python fallback")
    parser.add_argument("--seconds", type=float, default=1.0, help="budget per column and group")
    args = parser.parse_args()
    if args.python:
        dh._arithmetic = dh._PYTHON_ARITHMETIC  # what dh uses when gmpy2 does not import
    print(f"MODP arithmetic: {dh.modp_backend()}; ECP: cryptography (OpenSSL)")
    print("ms; MM+QM(PFS) = 2 x generate + 2 x shared secret, twice, medians of whole runs")
    header = (
        f"{'group':>5}  {'name':<10} {'exp bits':>8} {'table ms':>9} "
        f"{'generate':>9} {'shared':>9} {'MM+QM(PFS)':>11}"
    )
    print(header)
    print("-" * len(header))
    for number in GROUPS:
        group = dh.group(number)
        first, generate, secret, exchange = measure(number, args.seconds)
        table = f"{(first - generate) * 1e3:9.2f}" if group.kind == "modp" else f"{'-':>9}"
        print(
            f"{number:>5}  {group.name:<10} {group.exponent_bits:>8} {table} "
            f"{generate * 1e3:9.3f} {secret * 1e3:9.3f} {exchange * 1e3:11.3f}"
        )


if __name__ == "__main__":
    main()
