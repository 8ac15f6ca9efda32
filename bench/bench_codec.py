"""Benchmark: decode and encode of ISAKMP messages (real Main Mode messages).

Run: python bench/bench_codec.py  (prints the median time per message)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ikeviz.capture.packets import UdpDatagram, read_udp_datagrams  # noqa: E402
from ikeviz.protocol.codec import decode_message, encode_message  # noqa: E402
from ikeviz.protocol.transport import classify_udp_payload  # noqa: E402


def load() -> list[bytes]:
    messages = []
    for pcap in sorted((ROOT / "tests" / "data" / "captures").glob("*/capture.pcap")):
        for item in read_udp_datagrams(pcap):
            if isinstance(item, UdpDatagram):
                content = classify_udp_payload(
                    item.payload, src_port=item.src_port, dst_port=item.dst_port
                )
                messages.append(content.ike)
    return messages


def measure(label: str, function: object, items: list, rounds: int = 30) -> None:  # type: ignore[type-arg]
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            function(item)  # type: ignore[operator]
        samples.append((time.perf_counter() - start) / len(items))
    print(f"{label:<28} median {statistics.median(samples) * 1e6:8.1f} us/message "
          f"(p95 {sorted(samples)[int(len(samples) * 0.95)] * 1e6:.1f})")


def main() -> None:
    messages = load()
    decoded = [decode_message(m) for m in messages]
    print(f"{len(messages)} real messages")
    measure("decode_message", decode_message, messages)
    measure("decode_message with spans", lambda m: decode_message(m, spans=[]), messages)
    measure("encode_message", encode_message, decoded)


if __name__ == "__main__":
    main()
