"""Fuzz target "decrypt": see tests/fuzz/README.md and tests/fuzz/targets.py.

Run: python tests/fuzz/fuzz_decrypt.py -atheris_runs=100000
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.harness import main  # noqa: E402

if __name__ == "__main__":
    main("decrypt", max_len=4096)
