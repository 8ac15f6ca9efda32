"""The driver shared by every ``fuzz_<target>.py`` script: limits, seeds, corpus, engines.

Run a target with ``python tests/fuzz/fuzz_<target>.py [libFuzzer flags] [harness flags]``.
With atheris installed (``pip install atheris``) the target is fuzzed coverage-guided by
libFuzzer; the ikeviz modules are instrumented. Without it, a pure-Python mutation loop
over the same seeds runs instead (no coverage guidance: a weaker fallback).

Harness flags (the others go to libFuzzer unchanged):

``--seeds-only``
    write the seeds into the work folder and stop.
``--save-corpus[=N]``
    copy the small inputs the fuzzer kept (at most 4 KiB, at most N files, default 200) and
    the reproducers of its findings that no longer fail into ``tests/fuzz/corpus/<target>/``,
    replayed by ``tests/test_hardening.py``.
``--fallback``
    use the pure-Python loop even when atheris is there.
``--memory-mb=N``
    the address-space limit (RLIMIT_AS), default 1024; libFuzzer's ``-rss_limit_mb`` follows.

Limits: every input runs under libFuzzer's ``-timeout`` (default 10 s; the fallback uses
``setitimer``), and the whole process under RLIMIT_AS, so that a length field that makes the
code allocate gigabytes is a MemoryError, hence a finding, not a swapping machine. Any
exception but the target's documented ones is a finding: libFuzzer writes the input to
``<work>/<target>/findings/crash-<sha1>`` and stops; the fallback writes it there and goes on.

The work folder is ``$IKEVIZ_FUZZ_WORK`` or ``/tmp/ikeviz-fuzz``: ``<target>/seeds`` (made
from tests/data and the bundled scenarios at every start), ``<target>/corpus`` (what the
fuzzer keeps), ``<target>/findings``.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
DEFAULT_MEMORY_MB = 1024
DEFAULT_TIMEOUT_S = 10
MAX_KEPT_SIZE = 4096
MAX_KEPT_FILES = 200


def work_dir(target: str) -> Path:
    base = Path(os.environ.get("IKEVIZ_FUZZ_WORK", "/tmp/ikeviz-fuzz"))
    return base / target


def limit_memory(megabytes: int) -> None:
    """RLIMIT_AS: past it, an allocation raises MemoryError (a finding)."""
    limit = megabytes * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY and hard < limit:
        limit = hard
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class InputTimeout(Exception):
    """An input ran longer than the per-input bound (the fallback loop and the replay test)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise InputTimeout("the input ran past its time bound")


class time_bound:
    """``with time_bound(seconds):`` raises InputTimeout when the block runs too long.

    Main thread only (signals); used by the fallback loop and the regression replay.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._previous: Any = None

    def __enter__(self) -> None:
        self._previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)


def write_seeds(target: str, seeds: Iterator[bytes], folder: Path) -> int:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    count = 0
    for data in seeds:
        name = hashlib.sha1(data).hexdigest()
        (folder / name).write_bytes(data)
        count += 1
    return count


def _split_args(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    fuzzer_args, ours = [], {}
    for arg in argv:
        if arg.startswith("--"):
            key, _, value = arg[2:].partition("=")
            ours[key] = value
        else:
            fuzzer_args.append(arg)
    return fuzzer_args, ours


def _has_flag(args: list[str], name: str) -> bool:
    return any(a.startswith(f"-{name}=") for a in args)


def _runs(args: list[str]) -> int:
    for a in args:
        for flag in ("-atheris_runs=", "-runs="):
            if a.startswith(flag):
                return int(a[len(flag):])
    return 100_000


def main(target: str, *, max_len: int) -> None:
    """The entry point of ``fuzz_<target>.py``."""
    sys.path.insert(0, str(ROOT))
    fuzzer_args, ours = _split_args(sys.argv[1:])
    memory_mb = int(ours.get("memory-mb") or DEFAULT_MEMORY_MB)
    work = work_dir(target)
    seeds_dir, corpus_dir, findings = work / "seeds", work / "corpus", work / "findings"
    for folder in (corpus_dir, findings):
        folder.mkdir(parents=True, exist_ok=True)
    kept = CORPUS / target
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        atheris = None
    if "fallback" in ours:
        atheris = None

    if atheris is not None:
        with atheris.instrument_imports(include=["ikeviz"]):
            from tests.fuzz import seeds as seed_module
            from tests.fuzz import targets
    else:
        from tests.fuzz import seeds as seed_module
        from tests.fuzz import targets
    function: Callable[[bytes], None] = targets.TARGETS[target]
    count = write_seeds(target, seed_module.SEEDS[target](), seeds_dir)
    print(f"ikeviz fuzz {target}: {count} seeds in {seeds_dir}", file=sys.stderr)
    if "seeds-only" in ours:
        return
    limit_memory(memory_mb)

    if "save-corpus" in ours:
        keep = int(ours["save-corpus"] or MAX_KEPT_FILES)
        _save_corpus(function, target, work, kept, keep)
        return

    dirs = [str(corpus_dir), str(seeds_dir)] + ([str(kept)] if kept.is_dir() else [])
    if atheris is None:
        _fallback(function, target, dirs, findings, _runs(fuzzer_args), max_len)
        return
    args = [sys.argv[0], *fuzzer_args]
    defaults = {
        "timeout": str(DEFAULT_TIMEOUT_S),
        "rss_limit_mb": str(memory_mb),
        "max_len": str(max_len),
        "artifact_prefix": f"{findings}/",
        "print_final_stats": "1",
    }
    words = seed_module.dictionary(target)
    if words is not None:
        (work / "dict").write_text(words)
        defaults["dict"] = str(work / "dict")
    for name, value in defaults.items():
        if not _has_flag(fuzzer_args, name):
            args.append(f"-{name}={value}")
    if not _has_flag(fuzzer_args, "merge"):
        args += dirs

    def one_input(data: bytes) -> None:
        function(data)

    atheris.Setup(args, one_input)
    atheris.Fuzz()


def _save_corpus(function: Callable[[bytes], None], target: str, work: Path, kept: Path,
                 keep: int) -> None:
    """Keep the small inputs the fuzzer found, and the reproducers of its (fixed) findings.

    The fuzzer's corpus folder holds only inputs that gave new coverage (libFuzzer replaces an
    input by a smaller one with the same coverage), so it is already small. (libFuzzer's own
    ``-merge=1`` would need the script to be executable: it runs ``argv[0]`` again.)
    """
    found = sorted(p for p in (work / "findings").glob("*") if p.is_file())
    corpus = sorted((p for p in (work / "corpus").glob("*")
                     if p.is_file() and p.stat().st_size <= MAX_KEPT_SIZE),
                    key=lambda p: (p.stat().st_size, p.name))
    kept.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in found + corpus[:keep]:
        data = path.read_bytes()
        try:
            function(data)
        except Exception as exc:  # an open finding: not a regression input yet
            print(f"skipped {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        (kept / hashlib.sha1(data).hexdigest()).write_bytes(data)
        written += 1
    print(f"ikeviz fuzz {target}: kept {written} inputs in {kept} ({len(found)} finding(s), "
          f"{len(corpus)} small corpus inputs)", file=sys.stderr)


# --- the pure-Python fallback ----------------------------------------------------------------


def _mutate(rng: random.Random, data: bytes, pool: list[bytes], max_len: int) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1)
        if kind == 0 and buf:
            buf[min(pos, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1 and buf:
            buf[min(pos, len(buf) - 1)] = rng.choice((0, 1, 0x7F, 0x80, 0xFF, rng.randrange(256)))
        elif kind == 2:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 3 and buf:
            del buf[pos:pos + rng.randint(1, 16)]
        elif kind == 4 and pool:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            buf[pos:pos] = other[start:start + rng.randint(1, 64)]
        elif kind == 5 and len(buf) >= 2:
            # an interesting 16- or 32-bit value at a random place (length fields)
            value = rng.choice((0, 1, 3, 4, 7, 8, 0x7F, 0xFF, 0xFFFF, 0xFFFFFFFF, 0x8000))
            size = rng.choice((2, 4))
            chunk = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "big")
            buf[min(pos, len(buf) - size):min(pos, len(buf) - size) + size] = chunk
        elif kind == 6 and buf:
            del buf[pos:]
    return bytes(buf[:max_len])


def _fallback(function: Callable[[bytes], None], target: str, dirs: list[str],
              findings: Path, runs: int, max_len: int) -> None:
    pool = [p.read_bytes() for d in dirs for p in sorted(Path(d).glob("*")) if p.is_file()]
    pool = [p[:max_len] for p in pool] or [b""]
    rng = random.Random(int(os.environ.get("IKEVIZ_FUZZ_SEED", "0")) or None)
    found = 0
    start = time.monotonic()
    for n in range(runs):
        data = pool[n] if n < len(pool) else _mutate(rng, rng.choice(pool), pool, max_len)
        try:
            with time_bound(DEFAULT_TIMEOUT_S):
                function(data)
        except Exception as exc:
            found += 1
            name = findings / f"crash-{hashlib.sha1(data).hexdigest()}"
            name.write_bytes(data)
            print(f"FINDING {type(exc).__name__}: {exc} -> {name}", file=sys.stderr)
        if n and n % 10_000 == 0:
            rate = n / (time.monotonic() - start)
            print(f"#{n} {rate:.0f} exec/s, {found} finding(s)", file=sys.stderr)
    elapsed = time.monotonic() - start
    print(f"Done {runs} runs in {elapsed:.0f} s, {found} finding(s) (pure-Python fallback)",
          file=sys.stderr)
