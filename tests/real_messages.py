"""The IKE messages of the real strongSwan captures in tests/data/captures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ikeviz.capture.packets import UdpDatagram, read_udp_datagrams
from ikeviz.protocol.transport import UdpContentKind, classify_udp_payload

CAPTURES = Path(__file__).parent / "data" / "captures"


@dataclass(frozen=True)
class RealMessage:
    case: str
    frame: int
    datagram: UdpDatagram
    ike: bytes


def capture_cases() -> list[str]:
    return sorted(p.name for p in CAPTURES.iterdir() if (p / "capture.pcap").exists())


@cache
def real_messages(case: str) -> tuple[RealMessage, ...]:
    found = []
    for item in read_udp_datagrams(CAPTURES / case / "capture.pcap"):
        assert isinstance(item, UdpDatagram), item
        content = classify_udp_payload(
            item.payload, src_port=item.src_port, dst_port=item.dst_port
        )
        assert content.kind is UdpContentKind.IKE
        found.append(RealMessage(case, item.frame, item, content.ike))
    return tuple(found)


def real_ike_messages() -> list[bytes]:
    if not CAPTURES.exists():
        return []
    return [m.ike for case in capture_cases() for m in real_messages(case)]
