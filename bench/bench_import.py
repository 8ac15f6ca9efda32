"""Benchmark: importing a capture (``ikeviz import``'s work) against ``tshark -Y isakmp``.

Generates a capture of about 200 MB: ordinary traffic (TCP bulk transfer with its ACKs, DNS,
ESP in UDP on port 4500) with the five real negotiations of ``tests/data/captures`` spread
through it, then times, in the same run, wall clock:

- ikeviz: :func:`read_negotiations` and the diagnosis of each negotiation found;
- tshark: ``tshark -r CAPTURE -Y isakmp`` (output discarded).

Run: python bench/bench_import.py [--size MB] [--capture FILE] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ikeviz.capture.analysis import diagnose_capture  # noqa: E402
from ikeviz.capture.negotiations import read_negotiations  # noqa: E402
from ikeviz.capture.packets import build_ethernet, build_ipv4_udp  # noqa: E402
from ikeviz.capture.pcapfile import Frame, PcapWriter, read_frames  # noqa: E402

CAPTURES = ROOT / "tests" / "data" / "captures"
T0 = 1_700_000_000_000_000_000


def _tcp_frame(
    src: bytes, dst: bytes, sport: int, dport: int, flags: int, payload: int
) -> bytearray:
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + payload, 0, 0x4000, 64, 6, 0, src, dst)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, 1, 1, 0x50, flags, 65535, 0, 0)
    return bytearray(build_ethernet(ip + tcp + bytes(payload), 0x0800))


def generate(path: Path, size: int) -> tuple[int, int]:
    """Write the capture; returns (frames, negotiations inserted)."""
    real = [list(read_frames(p / "capture.pcap")) for p in sorted(CAPTURES.iterdir())
            if (p / "capture.pcap").exists()]
    server, client = bytes([192, 0, 2, 10]), bytes([198, 51, 100, 20])
    data = _tcp_frame(server, client, 443, 50000, 0x10, 1448)  # 1514-byte frames
    ack = _tcp_frame(client, server, 50000, 443, 0x10, 0)
    dns = build_ethernet(build_ipv4_udp("198.51.100.20", "192.0.2.53", 53000, 53,
                                        bytes(40)), 0x0800)
    esp = build_ethernet(build_ipv4_udp("203.0.113.5", "192.0.2.1", 4500, 4500,
                                        b"\xc0\x01\x02\x03" + bytes(180)), 0x0800)
    # Per 10 frames: 7 data segments, 2 ACKs, 1 DNS query or an ESP packet.
    pattern: list[bytes | bytearray] = [data, ack, data, data, ack, data, data, data, data, dns]
    per_round = sum(16 + len(f) for f in pattern)
    rounds = max(size // per_round, 1)
    inserts = {rounds * (k + 1) // (len(real) + 1): frames for k, frames in enumerate(real)}
    seq_out = seq_in = 1
    frames_written = 0
    t = T0
    with path.open("wb", buffering=8 * 1024 * 1024) as handle:
        writer = PcapWriter(handle, 1)
        for r in range(rounds):
            inserted: list[Frame] | None = inserts.get(r)
            if inserted is not None:
                base = inserted[0].timestamp_ns
                for real_frame in inserted:
                    writer.write(t + real_frame.timestamp_ns - base, real_frame.data)
                    frames_written += 1
            for packet in pattern:
                if packet is data:
                    struct.pack_into("!II", data, 38, seq_out, seq_in)
                    seq_out = (seq_out + 1448) & 0xFFFFFFFF
                elif packet is ack:
                    struct.pack_into("!II", ack, 38, seq_in, seq_out)
                elif r % 4 == 0:
                    packet = esp
                t += 10_000
                writer.write(t, bytes(packet))
                frames_written += 1
    return frames_written, len(real)


def time_ikeviz(path: Path) -> tuple[float, int, int]:
    start = time.perf_counter()
    analysis = read_negotiations(path)
    diagnoses = [diagnose_capture(n) for n in analysis.negotiations]
    elapsed = time.perf_counter() - start
    return elapsed, analysis.frames, len(diagnoses)


def time_tshark(path: Path) -> tuple[float, int] | None:
    tshark = shutil.which("tshark")
    if tshark is None:
        return None
    start = time.perf_counter()
    done = subprocess.run([tshark, "-r", str(path), "-Y", "isakmp"], capture_output=True,
                          text=True, check=True)
    elapsed = time.perf_counter() - start
    return elapsed, len(done.stdout.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=200, help="capture size in MB (200)")
    parser.add_argument("--capture", type=Path, help="time this capture instead")
    parser.add_argument("--keep", action="store_true", help="keep the generated capture")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ikeviz-bench-"))
    try:
        if args.capture is not None:
            path = args.capture
        else:
            path = folder / "bench.pcap"
            start = time.perf_counter()
            frames, negotiations = generate(path, args.size * 1_000_000)
            print(f"generated {path}: {path.stat().st_size / 1e6:.0f} MB, {frames} frames, "
                  f"{negotiations} negotiations, in {time.perf_counter() - start:.1f} s")
        ours, frames, found = time_ikeviz(path)
        print(f"ikeviz import : {ours:7.2f} s  ({frames} frames, {found} negotiations, "
              f"{os.path.getsize(path) / 1e6 / ours:.0f} MB/s)")
        theirs = time_tshark(path)
        if theirs is None:
            print("tshark       : not installed")
            return
        print(f"tshark -Y isakmp: {theirs[0]:5.2f} s  ({theirs[1]} ISAKMP lines)")
        print(f"ratio          : ikeviz is {theirs[0] / ours:.1f}x faster than tshark"
              if ours < theirs[0] else
              f"ratio          : ikeviz is {ours / theirs[0]:.1f}x slower than tshark")
    finally:
        if args.keep and args.capture is None:
            print(f"kept {folder / 'bench.pcap'}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
