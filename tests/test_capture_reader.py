"""The capture reader: pcap/pcapng containers, link layers, IP reassembly, UDP; and the writers.

Fixtures are generated here with the writers and builders; the real strongSwan captures are
cross-checked against tshark when it is installed.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikeviz.capture.packets import (
    FRAGMENT_EXPIRY_FRAMES,
    MAX_FRAGMENT_SETS,
    FrameProblem,
    UdpDatagram,
    build_ethernet,
    build_ipv4_udp,
    build_ipv6_udp,
    fragment_ipv4,
    fragment_ipv6,
    read_udp_datagrams,
    udp_datagrams,
)
from ikeviz.capture.pcapfile import (
    CaptureError,
    Frame,
    PcapngWriter,
    PcapWriter,
    read_frames,
)

HERE = Path(__file__).parent
CAPTURES = HERE / "data" / "captures"
if not CAPTURES.is_dir():
    CAPTURES = Path("/work/shared/captures")
REAL_CASES = {  # folder: number of frames (all of them IKE on UDP 500)
    "A-p1-3des-md5-modp1024": 11,
    "C-p1-aes128-sha1-ecp256": 11,
    "E-p1-mismatch-dhgroup": 2,
    "F-p2-mismatch-esp": 8,
    "I-psk-mismatch": 10,
}
TSHARK = shutil.which("tshark")
needs_tshark = pytest.mark.skipif(TSHARK is None, reason="tshark is not installed")

T0 = 1_700_000_000_123_456_789  # a timestamp with every nanosecond digit in use
T0_US = T0 - T0 % 1000
MAC = b"\x02\x00\x00\x00\x00\x01"
V4A, V4B = "10.99.0.1", "10.99.0.2"
V6A, V6B = "2001:db8::1", "2001:db8::2"
IKE = bytes(range(256)) + b"ike"
ETH_IPV4, ETH_IPV6, ETH_ARP = 0x0800, 0x86DD, 0x0806


# --- helpers ---------------------------------------------------------------------------------


def _frames(packets: Iterable[bytes], link_type: int = 101, step_ns: int = 1000) -> list[Frame]:
    return [Frame(i + 1, T0 + i * step_ns, link_type, p, len(p), 0) for i, p in enumerate(packets)]


Item = UdpDatagram | FrameProblem


def _parse(frames: Iterable[Frame], ports: Sequence[int] | None = None) -> list[Item]:
    return list(udp_datagrams(frames, ports=ports))


def _problems(items: Sequence[Item]) -> list[FrameProblem]:
    return [i for i in items if isinstance(i, FrameProblem)]


def _datagrams(items: Sequence[Item]) -> list[UdpDatagram]:
    return [i for i in items if isinstance(i, UdpDatagram)]


def _pcap(
    frames: Iterable[tuple[int, bytes]],
    link_type: int = 1,
    *,
    nanoseconds: bool = False,
    big_endian: bool = False,
) -> bytes:
    out = io.BytesIO()
    writer = PcapWriter(out, link_type, nanoseconds=nanoseconds, big_endian=big_endian)
    for ts, data in frames:
        writer.write(ts, data)
    return out.getvalue()


def _pcapng(
    frames: Iterable[tuple[int, int, bytes]],
    *,
    tsresol: int = 9,
    tsoffset_s: int = 0,
    big_endian: bool = False,
) -> bytes:
    out = io.BytesIO()
    writer = PcapngWriter(out, tsresol=tsresol, tsoffset_s=tsoffset_s, big_endian=big_endian)
    for ts, link_type, data in frames:
        writer.write(ts, data, link_type=link_type)
    return out.getvalue()


def _block(block_type: int, body: bytes, order: str = "<") -> bytes:
    body += b"\0" * (-len(body) % 4)
    total = 12 + len(body)
    return struct.pack(order + "II", block_type, total) + body + struct.pack(order + "I", total)


def _shb(order: str = "<") -> bytes:
    return _block(0x0A0D0D0A, struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1), order)


def _idb(link_type: int, snaplen: int = 0, options: bytes = b"", order: str = "<") -> bytes:
    return _block(1, struct.pack(order + "HHI", link_type, 0, snaplen) + options, order)


def _epb(iface: int, units: int, data: bytes, order: str = "<") -> bytes:
    head = struct.pack(
        order + "IIIII", iface, units >> 32, units & 0xFFFFFFFF, len(data), len(data)
    )
    return _block(6, head + data, order)


def _read_all(data: bytes) -> list[Frame]:
    return list(read_frames(io.BytesIO(data)))


def _udp_v4(payload: bytes = IKE, sport: int = 500, dport: int = 500, **kw: int) -> bytes:
    return build_ipv4_udp(V4A, V4B, sport, dport, payload, **kw)


def _udp_v6(payload: bytes = IKE, sport: int = 4500, dport: int = 4500) -> bytes:
    return build_ipv6_udp(V6A, V6B, sport, dport, payload)


def _ones_complement_ok(data: bytes) -> bool:
    data += b"\0" * (len(data) % 2)
    total: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total == 0xFFFF


# Every supported link layer: name -> (link type, encapsulate(ethertype, ip packet) or None).
_AF = {ETH_IPV4: (2, 2), ETH_IPV6: (30, 24), ETH_ARP: (7, 7)}  # (little-endian host, BE host)


def _raw(version: int | None) -> Callable[[int, bytes], bytes | None]:
    def encapsulate(ethertype: int, packet: bytes) -> bytes | None:
        if ethertype == ETH_ARP or (version and ethertype != (ETH_IPV4, ETH_IPV6)[version == 6]):
            return None
        return packet

    return encapsulate


def _vlan(*tags: tuple[int, int]) -> Callable[[int, bytes], bytes | None]:
    return lambda ethertype, packet: build_ethernet(packet, ethertype, vlan_tags=tags)


LINKS: dict[str, tuple[int, Callable[[int, bytes], bytes | None]]] = {
    "ethernet": (1, _vlan()),
    "vlan": (1, _vlan((0x8100, 100))),
    "qinq-88a8": (1, _vlan((0x88A8, 10), (0x8100, 20))),
    "qinq-9100": (1, _vlan((0x9100, 10), (0x8100, 20))),
    "sll": (113, lambda et, p: struct.pack("!HHH8sH", 0, 1, 6, MAC + b"\0\0", et) + p),
    "sll2": (276, lambda et, p: struct.pack("!HHIHBB8s", et, 0, 3, 1, 4, 6, MAC + b"\0\0") + p),
    "raw-101": (101, _raw(None)),
    "raw-12": (12, _raw(None)),
    "raw-14": (14, _raw(None)),
    "ipv4-228": (228, _raw(4)),
    "ipv6-229": (229, _raw(6)),
    "null-le": (0, lambda et, p: struct.pack("<I", _AF[et][0]) + p),
    "null-be": (0, lambda et, p: struct.pack(">I", _AF[et][1]) + p),
    "loop": (108, lambda et, p: struct.pack(">I", _AF[et][1]) + p),
}


# --- the real captures -----------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(REAL_CASES))
def test_real_captures(case: str) -> None:
    path = CAPTURES / case / "capture.pcap"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    frames = list(read_frames(path))
    assert [f.number for f in frames] == list(range(1, REAL_CASES[case] + 1))
    assert {f.link_type for f in frames} == {1}
    assert frames[0].file_offset == 24
    items = list(read_udp_datagrams(path))
    datagrams = _datagrams(items)
    assert len(datagrams) == len(items) == REAL_CASES[case]
    assert {(d.src_port, d.dst_port) for d in datagrams} == {(500, 500)}
    assert {d.src for d in datagrams} <= {V4A, V4B}
    assert not any(d.fragmented for d in datagrams)
    # Every payload is one ISAKMP message: its header's length field covers it exactly.
    assert all(struct.unpack_from("!I", d.payload, 24)[0] == len(d.payload) for d in datagrams)


def _tshark_fields(path: Path, *fields: str) -> list[list[str]]:
    assert TSHARK is not None
    args = [TSHARK, "-n", "-r", str(path), "-T", "fields"]
    for name in fields:
        args += ["-e", name]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60)
    return [line.split("\t") for line in done.stdout.splitlines()]


def _epoch_ns(text: str) -> int:
    seconds, _, fraction = text.partition(".")
    return int(seconds) * 1_000_000_000 + int(fraction.ljust(9, "0")[:9])


@needs_tshark
@pytest.mark.tshark
@pytest.mark.parametrize("case", sorted(REAL_CASES))
def test_real_captures_match_tshark(case: str) -> None:
    path = CAPTURES / case / "capture.pcap"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    rows = _tshark_fields(
        path, "frame.time_epoch", "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "udp.length"
    )
    ours = [
        [
            str(d.timestamp_ns),
            d.src,
            d.dst,
            str(d.src_port),
            str(d.dst_port),
            str(8 + len(d.payload)),
        ]
        for d in _datagrams(list(read_udp_datagrams(path)))
    ]
    theirs = [[str(_epoch_ns(r[0])), *r[1:]] for r in rows]
    assert ours == theirs
    assert len(ours) == REAL_CASES[case]


# --- link layers through both writers --------------------------------------------------------


@pytest.mark.parametrize("container", ["pcap", "pcapng"])
@pytest.mark.parametrize("link", sorted(LINKS))
def test_round_trip_every_link_type(link: str, container: str) -> None:
    link_type, encapsulate = LINKS[link]
    tcp = bytearray(_udp_v4())
    tcp[9] = 6
    candidates = [
        (ETH_IPV4, _udp_v4(IKE, 500, 500), (4, V4A, V4B, 500, 500, IKE)),
        (ETH_ARP, bytes(28), None),
        (ETH_IPV6, _udp_v6(IKE[::-1]), (6, V6A, V6B, 4500, 4500, IKE[::-1])),
        (ETH_IPV4, _udp_v4(b"dns", 5353, 53), None),  # another port: filtered out
        (ETH_IPV4, bytes(tcp), None),  # not UDP: skipped silently
        (ETH_IPV6, _udp_v6(b"x" * 1000, 4500, 500), (6, V6A, V6B, 4500, 500, b"x" * 1000)),
    ]
    written: list[tuple[int, bytes]] = []
    expected = []
    for ethertype, packet, result in candidates:
        data = encapsulate(ethertype, packet)
        if data is None:
            continue
        ts = T0_US + len(written) * 1_000_000
        written.append((ts, data))
        if result is not None:
            expected.append((len(written), ts, *result))
    assert expected, "every link type carries something"
    if container == "pcap":
        blob = _pcap(written, link_type)
    else:
        blob = _pcapng((ts, link_type, data) for ts, data in written)
    frames = _read_all(blob)
    assert [(f.timestamp_ns, f.data, f.link_type) for f in frames] == [
        (ts, data, link_type) for ts, data in written
    ]
    items = list(read_udp_datagrams(io.BytesIO(blob)))
    assert not _problems(items)
    got = [
        (d.frame, d.timestamp_ns, d.ip_version, d.src, d.dst, d.src_port, d.dst_port, d.payload)
        for d in _datagrams(items)
    ]
    assert got == expected


def test_unknown_link_type_and_non_ip_frames() -> None:
    frames = _frames([b"\x01" * 40], link_type=147)
    frames += [
        Frame(2, T0, 1, build_ethernet(bytes(28), ETH_ARP), 42, 0),
        Frame(3, T0, 1, MAC * 2 + b"\x00\x26" + bytes(38), 52, 0),  # 802.3 length + LLC
        Frame(4, T0, 0, struct.pack("<I", 7) + bytes(20), 24, 0),  # NULL, another family
        Frame(5, T0, 1, bytes(10), 10, 0),
        Frame(6, T0, 113, bytes(12), 12, 0),
        Frame(7, T0, 276, bytes(12), 12, 0),
        Frame(8, T0, 1, build_ethernet(b"", ETH_IPV4, vlan_tags=[(0x8100, 1)])[:16], 16, 0),
        Frame(9, T0, 101, b"\x50" + bytes(30), 31, 0),
        Frame(10, T0, 101, b"", 0, 0),
        Frame(11, T0, 0, b"\x02", 1, 0),
    ]
    problems = _parse(frames)
    assert [(p.frame, p.reason.split(":")[0]) for p in _problems(problems)] == [
        (1, "unsupported link type 147"),
        (5, "truncated Ethernet header"),
        (6, "truncated Linux cooked (SLL) header"),
        (7, "truncated Linux cooked (SLL2) header"),
        (8, "truncated VLAN tag"),
        (9, "raw IP frame with IP version 5"),
        (10, "empty raw IP frame"),
        (11, "truncated loopback (NULL) header"),
    ]
    assert len(problems) == 8


def test_ipv4_problems_and_padding() -> None:
    good = _udp_v4(b"abc")
    bad_ihl = bytearray(good)
    bad_ihl[0] = 0x43
    long_total = bytearray(good)
    long_total[2:4] = (len(good) + 10).to_bytes(2, "big")
    udp_overrun = bytearray(good)
    udp_overrun[24:26] = (200).to_bytes(2, "big")
    udp_short = bytearray(good)
    udp_short[24:26] = (4).to_bytes(2, "big")
    big_ihl = bytearray(good)
    big_ihl[0] = 0x4F  # 60-byte header in a 31-byte packet
    items = _parse(
        _frames(
            [
                good[:19],
                bytes(bad_ihl),
                bytes(long_total),
                bytes(udp_overrun),
                bytes(udp_short),
                bytes(big_ihl),
                good[:24],  # 4 bytes of UDP header
            ],
            link_type=228,
        )
    )
    reasons = [(p.frame, p.reason) for p in _problems(items)]
    assert reasons == [
        (1, "truncated IPv4 header: 19 bytes"),
        (2, "bad IPv4 header length (IHL 3)"),
        (3, "IPv4 total length 41, but 31 bytes captured"),
        (4, "UDP length 200 overruns the 11 bytes there"),
        (5, "bad UDP length 4"),
        (6, "truncated IPv4 header: IHL says 60 bytes, 31 there"),
        (7, "IPv4 total length 31, but 24 bytes captured"),
    ]
    # Ethernet padding to 60 bytes plus a 4-byte trailer are cut off by the IP total length, and
    # a UDP length shorter than the IP payload trims it.
    padded = build_ethernet(good, ETH_IPV4) + bytes(60 - 14 - len(good)) + b"\xde\xad\xbe\xef"
    trimmed = bytearray(_udp_v4(b"abcdef"))
    trimmed[24:26] = (8 + 3).to_bytes(2, "big")
    items = _parse([*_frames([padded], 1), *_frames([bytes(trimmed)], 101)])
    assert [d.payload for d in _datagrams(items)] == [b"abc", b"abc"]
    # An IPv4 ethertype holding an IPv6 header is a problem; total length 0 (offload) is not.
    offload = bytearray(good)
    offload[2:4] = b"\0\0"
    items = _parse(_frames([build_ethernet(_udp_v6(), ETH_IPV4), bytes(offload)], 1))
    assert [p.reason for p in _problems(items)] == ["IPv4 frame holding an IP version 6 header"]
    items = _parse(_frames([bytes(offload)], 228))
    assert [d.payload for d in _datagrams(items)] == [b"abc"]


def test_ports_filter() -> None:
    packets = [_udp_v4(b"a", 500, 500), _udp_v4(b"b", 4500, 1234), _udp_v4(b"c", 53, 5353)]
    assert [d.payload for d in _datagrams(_parse(_frames(packets), ports=(500,)))] == [b"a"]
    assert [d.payload for d in _datagrams(_parse(_frames(packets), ports=(500, 4500)))] == [
        b"a",
        b"b",
    ]
    assert [d.payload for d in _datagrams(_parse(_frames(packets)))] == [b"a", b"b", b"c"]
    # A broken datagram on another port is not ours to report.
    broken = bytearray(_udp_v4(b"zz", 53, 53))
    broken[24:26] = (99).to_bytes(2, "big")
    assert _parse(_frames([bytes(broken)]), ports=(500,)) == []


def test_builders_checksums() -> None:
    v4 = _udp_v4(b"hello")
    assert _ones_complement_ok(v4[:20])
    pseudo = v4[12:20] + struct.pack("!BBH", 0, 17, len(v4) - 20)
    assert _ones_complement_ok(pseudo + v4[20:])
    v6 = _udp_v6(b"hello!")
    pseudo = v6[8:40] + struct.pack("!I3xB", len(v6) - 40, 17)
    assert _ones_complement_ok(pseudo + v6[40:])
    assert v6[40 + 6 : 40 + 8] != b"\0\0"
    assert build_ethernet(b"", 0x0800, vlan_tags=[(0x8100, 5)]).hex() == (
        "020000000002020000000001810000050800"
    )


# --- IPv6 ------------------------------------------------------------------------------------


def test_ipv6_extension_headers() -> None:
    options = b"\x01\x04\x00\x00\x00\x00"  # a PadN option filling a minimal header
    routing = b"\x00\x00\x00\x00\x00\x00"  # type 0, segments left 0
    chained = build_ipv6_udp(
        V6A, V6B, 500, 500, IKE, extension_headers=[(0, options), (43, routing), (60, options)]
    )
    assert chained[6] == 0 and chained[40] == 43 and chained[48] == 60 and chained[56] == 17
    no_next = bytearray(_udp_v6())
    no_next[6] = 59
    esp = bytearray(_udp_v6())
    esp[6] = 50
    atomic = bytearray(_udp_v6())
    atomic[6] = 44
    atomic = atomic[:40] + bytes([17, 0, 0, 0, 0, 0, 0, 9]) + atomic[40:]
    atomic[4:6] = (len(atomic) - 40).to_bytes(2, "big")
    truncated_ext = bytearray(chained[:44])
    truncated_ext[4:6] = (4).to_bytes(2, "big")
    short_payload = bytearray(_udp_v6())
    short_payload[4:6] = (2000).to_bytes(2, "big")
    items = _parse(
        _frames(
            [chained, bytes(no_next), bytes(esp), bytes(atomic), bytes(truncated_ext)]
            + [bytes(short_payload), _udp_v6()[:30]],
            link_type=229,
        ),
        ports=None,
    )
    datagrams = _datagrams(items)
    assert [(d.frame, d.src, d.dst, d.payload, d.fragmented) for d in datagrams] == [
        (1, V6A, V6B, IKE, False),
        (4, V6A, V6B, IKE, False),
    ]
    assert [(p.frame, p.reason) for p in _problems(items)] == [
        (5, "IPv6 extension header 0 runs past the packet"),
        (6, f"IPv6 payload length 2000, but {len(short_payload) - 40} captured"),
        (7, "truncated IPv6 header: 30 bytes"),
    ]


def test_ipv6_fragments() -> None:
    options = b"\x01\x04\x00\x00\x00\x00"
    packet = build_ipv6_udp(
        V6A, V6B, 500, 500, IKE * 8, extension_headers=[(0, options), (60, options)]
    )
    fragments = fragment_ipv6(packet, 500, ident=0xDEADBEEF)
    assert len(fragments) == 5
    # The hop-by-hop header stays in front of the fragment header, destination options behind.
    assert fragments[0][6] == 0 and fragments[0][40] == 44 and fragments[0][48] == 60
    for order in (fragments, fragments[::-1], fragments[2:] + fragments[:2]):
        items = _parse(_frames(order, 229))
        assert not _problems(items)
        [d] = _datagrams(items)
        assert (d.frame, d.payload, d.fragmented, d.ip_version) == (5, IKE * 8, True, 6)
    # Another datagram's fragments with the same id but other addresses do not mix.
    other = fragment_ipv6(build_ipv6_udp(V6B, V6A, 500, 500, IKE * 8), 500, ident=0xDEADBEEF)
    mixed = [f for pair in zip(fragments, other, strict=False) for f in pair] + other[5:]
    items = _parse(_frames(mixed, 229))
    assert not _problems(items)
    assert [(d.src, d.payload) for d in _datagrams(items)] == [(V6A, IKE * 8), (V6B, IKE * 8)]
    # Fragments of ESP are not ours to reassemble.
    esp = bytearray(fragments[1])
    esp[40] = 50
    assert _parse(_frames([bytes(esp)], 229)) == []


# --- IPv4 fragment reassembly ----------------------------------------------------------------

BIG = bytes(range(256)) * 12  # 3072 bytes, an IKE message with certificates


def _fragments(ident: int = 0x1234, size: int = 1000, payload: bytes = BIG) -> list[bytes]:
    return fragment_ipv4(_udp_v4(payload, ident=ident), size)


def test_fragment_ipv4_builder() -> None:
    fragments = _fragments()
    assert len(fragments) == 4
    assert [len(f) - 20 for f in fragments] == [1000, 1000, 1000, 3080 - 3000]
    for i, fragment in enumerate(fragments):
        assert _ones_complement_ok(fragment[:20])
        flags = struct.unpack_from("!H", fragment, 6)[0]
        assert flags & 0x1FFF == i * 125
        assert bool(flags & 0x2000) == (i < 3)


@pytest.mark.parametrize(
    "order",
    [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [2, 0, 3, 1],
        [0, 0, 1, 1, 2, 3],  # duplicates before completion
        [3, 3, 0, 2, 2, 1],
    ],
)
def test_ipv4_fragments_any_order(order: list[int]) -> None:
    fragments = _fragments()
    items = _parse(_frames([fragments[i] for i in order]))
    assert not _problems(items)
    [d] = _datagrams(items)
    assert (d.frame, d.payload, d.fragmented, d.src_port) == (len(order), BIG, True, 500)
    assert d.timestamp_ns == T0 + (len(order) - 1) * 1000


def test_ipv4_fragments_ethernet_padding_and_consistent_overlap() -> None:
    fragments = _fragments()
    # A last fragment padded by Ethernet, and a retransmitted middle piece overlapping two
    # fragments with the same bytes: accepted.
    header = bytearray(fragments[1][:20])
    overlap = _udp_v4(BIG, ident=0x1234)[20 + 1496 : 20 + 2496]
    struct.pack_into("!H", header, 2, 20 + len(overlap))
    struct.pack_into("!H", header, 6, 0x2000 | 1496 // 8)
    frames = [build_ethernet(f, ETH_IPV4) + bytes(30) for f in fragments[:3]]
    frames.insert(1, build_ethernet(bytes(header) + overlap, ETH_IPV4))
    frames.append(build_ethernet(fragments[3], ETH_IPV4) + bytes(4))
    items = _parse(_frames(frames, 1))
    assert not _problems(items)
    assert [d.payload for d in _datagrams(items)] == [BIG]


def test_ipv4_fragments_conflicting_overlap() -> None:
    fragments = _fragments()
    changed = bytearray(fragments[1])
    changed[100] ^= 0xFF
    items = _parse(_frames([fragments[0], fragments[1], bytes(changed), fragments[2]]))
    assert not _datagrams(items)
    problems = _problems(items)
    assert problems[0].frame == 3
    assert problems[0].reason == (
        "IPv4 fragments 10.99.0.1 -> 10.99.0.2 id 0x1234: overlapping fragments differ in "
        "bytes 1080-1080; fragments dropped"
    )
    # What came after the conflict started a new set, never completed.
    assert problems[1].frame == 4
    assert problems[1].reason.endswith("incomplete at the end of the capture; fragments dropped")
    assert len(problems) == 2


def test_ipv4_fragment_set_errors() -> None:
    fragments = _fragments()
    # Two last fragments that disagree about the end.
    short_last = fragments[3][:-8]
    short_last = short_last[:2] + (len(short_last)).to_bytes(2, "big") + short_last[4:]
    items = _parse(_frames([fragments[3], short_last]))
    assert "two last fragments, ending at 3080 and 3072" in _problems(items)[0].reason
    # A non-final fragment whose length is not a multiple of 8.
    odd = bytearray(fragments[0][:-1])
    odd[2:4] = (len(odd)).to_bytes(2, "big")
    items = _parse(_frames([bytes(odd)]))
    assert _problems(items)[0].reason.endswith(
        "a non-final fragment of 999 bytes, not a multiple of 8"
    )
    # A fragment ending past 65,535 bytes.
    header = bytearray(fragments[0][:20])
    struct.pack_into("!H", header, 2, 36)
    struct.pack_into("!H", header, 6, 8190)
    items = _parse(_frames([bytes(header) + bytes(16)]))
    assert "fragment ends at byte 65536, past 65535" in _problems(items)[0].reason
    # More than 128 fragments in one set.
    many = fragment_ipv4(_udp_v4(bytes(1100)), 8)
    assert len(many) > 128
    items = _parse(_frames(many))
    assert not _datagrams(items)
    assert "more than 128 fragments" in _problems(items)[0].reason
    assert _problems(items)[0].frame == 129


def test_ipv4_fragments_expire_by_frames_and_time() -> None:
    fragments = _fragments()
    arp = build_ethernet(bytes(28), ETH_ARP)
    filler = [arp] * FRAGMENT_EXPIRY_FRAMES
    frames = _frames([build_ethernet(f, ETH_IPV4) for f in fragments[:3]] + filler, 1)
    frames += _frames([build_ethernet(fragments[3], ETH_IPV4)], 1)
    frames[-1] = Frame(len(frames), T0, 1, frames[-1].data, 0, 0)
    items = _parse(frames)
    assert not _datagrams(items)
    problems = _problems(items)
    assert (problems[0].frame, problems[0].reason) == (
        1,
        "IPv4 fragments 10.99.0.1 -> 10.99.0.2 id 0x1234: incomplete after 10000 frames; "
        "fragments dropped",
    )
    # By capture time: 61 s between the first and the last fragment.
    frames = _frames(fragments, step_ns=20_333_333_333)
    items = _parse(frames)
    assert not _datagrams(items)
    assert _problems(items)[0].reason.endswith("incomplete after 60 s; fragments dropped")
    # Within both limits it completes.
    assert _datagrams(_parse(_frames(fragments, step_ns=19_000_000_000)))


def test_ipv4_fragment_sets_bounded() -> None:
    # 65 datagrams whose first fragments all arrive before any of their other fragments.
    sets = [_fragments(ident=i, size=1600) for i in range(MAX_FRAGMENT_SETS + 1)]
    # The evicted set's second fragment comes last, so that it evicts no one itself.
    frames = [s[0] for s in sets] + [s[1] for s in sets[1:]] + [sets[0][1]]
    items = _parse(_frames(frames))
    problems = _problems(items)
    assert (problems[0].frame, problems[0].reason) == (
        1,
        "IPv4 fragments 10.99.0.1 -> 10.99.0.2 id 0x0000: evicted: over 64 incomplete sets; "
        "fragments dropped",
    )
    # The other 64 complete; the evicted one's second fragment waits in vain.
    assert len(_datagrams(items)) == MAX_FRAGMENT_SETS
    assert [p.reason.split(": ")[-1] for p in problems[1:]] == [
        "incomplete at the end of the capture; fragments dropped"
    ]


# --- containers ------------------------------------------------------------------------------


def test_pcap_timestamp_resolutions_and_byte_orders() -> None:
    stamps = [T0, T0 + 1, T0 + 999_999_999, 0, 0xFFFFFFFF * 1_000_000_000]
    for big_endian in (False, True):
        ns = _pcap([(t, b"x") for t in stamps], nanoseconds=True, big_endian=big_endian)
        us = _pcap([(t, b"x") for t in stamps], big_endian=big_endian)
        assert ns[:4] == (b"\xa1\xb2\x3c\x4d" if big_endian else b"\x4d\x3c\xb2\xa1")
        assert us[:4] == (b"\xa1\xb2\xc3\xd4" if big_endian else b"\xd4\xc3\xb2\xa1")
        assert [f.timestamp_ns for f in _read_all(ns)] == stamps
        assert [f.timestamp_ns for f in _read_all(us)] == [t - t % 1000 for t in stamps]
    with pytest.raises(ValueError):
        _pcap([(-1, b"")])
    with pytest.raises(ValueError):
        _pcap([(0x1_0000_0000 * 1_000_000_000, b"")])


def test_pcap_header_fields() -> None:
    blob = _pcap([(T0, b"abc")], link_type=276)
    assert blob[:24].hex() == "d4c3b2a10200040000000000000000000000040014010000"
    assert blob == _pcap([(T0, b"abc")], link_type=276)  # deterministic
    # FCS information in the top bits of the link type field (draft-ietf-opsawg-pcap 4).
    fcs = bytearray(blob)
    fcs[20:24] = struct.pack("<I", 0x1000_0000 | 0x0400_0000 | 276)
    [frame] = _read_all(bytes(fcs))
    assert (frame.link_type, frame.data, frame.original_length, frame.file_offset) == (
        276,
        b"abc",
        3,
        24,
    )
    truncated_capture = io.BytesIO()
    PcapWriter(truncated_capture, 1).write(T0, b"abc", original_length=1500)
    assert _read_all(truncated_capture.getvalue())[0].original_length == 1500
    version1 = bytearray(blob)
    version1[4:6] = b"\x01\x00"
    with pytest.raises(CaptureError, match="byte 4: unsupported pcap version 1.4"):
        _read_all(bytes(version1))


@pytest.mark.parametrize(
    ("tsresol", "expected"),
    [
        (9, T0),
        (6, T0_US),
        (3, T0 - T0 % 1_000_000),
        (10, T0),  # 10^-10 s: T0 * 10 still fits 64 bits
        (0x80 | 30, T0),  # 2^-30 s is finer than a nanosecond: exact
        (0x80 | 10, (((T0 << 10) // 10**9) * 10**9) >> 10),  # 1/1024 s
        (0x80 | 0, T0 - T0 % 10**9),
    ],
)
def test_pcapng_timestamp_resolutions(tsresol: int, expected: int) -> None:
    for offset in (0, 1_600_000_000):
        blob = _pcapng([(T0, 101, _udp_v4())], tsresol=tsresol, tsoffset_s=offset)
        [frame] = _read_all(blob)
        assert frame.timestamp_ns == expected


def test_pcapng_tsoffset_is_applied() -> None:
    # An interface whose timestamps count from 1,600,000,000 s: units are offset, and the reader
    # adds if_tsoffset back.
    blob = _pcapng([(T0, 1, b"x")], tsresol=9, tsoffset_s=1_600_000_000)
    epb = _block_ends_pcapng(blob)[1]
    high, low = struct.unpack_from("<II", blob, epb + 12)
    assert high << 32 | low == T0 - 1_600_000_000 * 10**9
    assert _read_all(blob)[0].timestamp_ns == T0


def test_pcapng_interfaces_sections_and_blocks() -> None:
    eth = build_ethernet(_udp_v4(), ETH_IPV4)
    sll2 = struct.pack("!HHIHBB8s", ETH_IPV6, 0, 3, 1, 4, 6, MAC + b"\0\0") + _udp_v6()
    out = io.BytesIO()
    writer = PcapngWriter(out, tsresol=0x80 | 32, application="ikeviz tests")
    writer.write(T0, eth, link_type=1, comment="first")
    writer.write(T0 + 5, sll2, link_type=276)
    writer.write(T0 + 10, eth, link_type=1, original_length=2000)
    first = out.getvalue()
    assert first.count(b"ikeviz tests") == 1 and first.count(b"first") == 1
    # A second section, big-endian, whose interface 0 is raw IPv4 with microsecond stamps.
    prefix = (
        _shb(">")
        + _block(0x00000BAD, b"custom block, skipped", ">")
        + _idb(228, order=">")
        + _block(4, b"\0" * 8, ">")  # a name resolution block: skipped
    )
    second = (
        prefix
        + _epb(0, T0_US // 1000, _udp_v4(b"second"), ">")
        + _block(5, b"\0" * 12, ">")  # interface statistics: skipped
    )
    frames = _read_all(first + second)
    assert [(f.number, f.link_type, f.timestamp_ns) for f in frames] == [
        (1, 1, T0),
        (2, 276, T0 + 5),
        (3, 1, T0 + 10),
        (4, 228, T0_US),
    ]
    assert frames[2].original_length == 2000
    assert frames[3].file_offset == len(first) + len(prefix)
    items = list(read_udp_datagrams(io.BytesIO(first + second)))
    assert [(d.frame, d.ip_version) for d in _datagrams(items)] == [(1, 4), (2, 6), (3, 4), (4, 4)]


def test_pcapng_simple_and_obsolete_packet_blocks() -> None:
    packet = _udp_v4(b"spb" * 20)
    spb = _block(3, struct.pack("<I", 2000) + packet[:40])  # snaplen 40 of a 2000-byte packet
    units = T0_US // 1000 + 7
    obsolete = _block(
        2,
        struct.pack("<HHIIII", 0, 0, units >> 32, units & 0xFFFFFFFF, len(packet), len(packet))
        + packet,
    )
    blob = _shb() + _idb(101, snaplen=40, options=b"\x09\x00\x01\x00\x06\x00\x00\x00")
    blob += _epb(0, T0_US // 1000, packet) + spb + obsolete
    frames = _read_all(blob)
    assert [(f.timestamp_ns, len(f.data), f.original_length) for f in frames] == [
        (T0_US, len(packet), len(packet)),
        (T0_US, 40, 2000),  # no timestamp of its own: the previous one is repeated
        (T0_US + 7000, len(packet), len(packet)),
    ]


@pytest.mark.parametrize(
    ("blob", "offset", "message"),
    [
        (_shb() + _epb(0, 0, b"x"), 28, "packet for interface 0, but the section describes 0"),
        (_shb() + _idb(1) + _epb(1, 0, b"x"), 48, "packet for interface 1"),
        (_shb() + _block(3, b"\0" * 4), 28, "packet for interface 0"),
        (_shb()[:-4] + b"\0\0\0\0", 0, "block length at the end (0) differs from the start (28)"),
        (_shb() + b"\x06\0\0\0\x21\0\0\0" + bytes(25), 28, "block length 33 is not a multiple"),
        (_shb() + b"\x06\0\0\0\x10\0\0\0" + bytes(8), 28, "block length 16 is too short"),
        (_shb() + b"\x06\0\0\0\0\0\0\x80" + bytes(8), 28, "over the 268435456-byte limit"),
        (b"\n\r\r\n\x1c\0\0\0\x11\x22\x33\x44" + bytes(16), 0, "bad byte-order magic 11 22 33 44"),
        (_shb().replace(b"\x01\x00\x00\x00\xff", b"\x02\x00\x00\x00\xff"), 0, "version 2.0"),
        (_shb() + _idb(1, options=b"\x09\x00\x02\x00\x06\x06\0\0"), 28, "if_tsresol option of 2"),
        (_shb() + _idb(1, options=b"\x0e\x00\x04\x00\0\0\0\0"), 28, "if_tsoffset option of 4"),
        (_shb() + _idb(1, options=b"\x02\x00\x40\x00"), 28, "option 2 runs past the end"),
        (_shb() + _idb(1) + _block(6, struct.pack("<5I", 0, 0, 0, 9, 9)), 48, "captured length 9"),
        (_shb() + _idb(1) + _block(2, struct.pack("<HH4I", 0, 0, 0, 0, 9, 9)), 48, "length 9"),
    ],
)
def test_pcapng_corrupt(blob: bytes, offset: int, message: str) -> None:
    with pytest.raises(CaptureError) as caught:
        _read_all(blob)
    assert caught.value.offset == offset
    assert message in caught.value.message


def test_pcapng_writer_output() -> None:
    blob = _pcapng([(T0, 1, b"abcde")], big_endian=True)
    again = _pcapng([(T0, 1, b"abcde")], big_endian=True)
    assert blob == again  # deterministic
    assert blob[:12] == b"\x0a\x0d\x0d\x0a\x00\x00\x00\x1c\x1a\x2b\x3c\x4d"
    [frame] = _read_all(blob)
    assert (frame.data, frame.timestamp_ns, frame.link_type) == (b"abcde", T0, 1)
    little = _pcapng([(T0, 1, b"abcde")])
    assert little[8:12] == b"\x4d\x3c\x2b\x1a"
    assert len(little) == len(blob) == 28 + 32 + 40
    with pytest.raises(ValueError):
        _pcapng([(10**9, 1, b"")], tsoffset_s=2)


# --- truncation, non-captures, hostile lengths -----------------------------------------------


def _record_ends_pcap(blob: bytes) -> list[int]:
    ends, pos = [24], 24
    while pos < len(blob):
        pos += 16 + struct.unpack_from("<I", blob, pos + 8)[0]
        ends.append(pos)
    return ends


def _block_ends_pcapng(blob: bytes) -> list[int]:
    ends, pos = [], 0
    while pos < len(blob):
        pos += struct.unpack_from("<I", blob, pos + 4)[0]
        ends.append(pos)
    return ends


@pytest.mark.parametrize("container", ["pcap", "pcapng"])
def test_truncated_at_every_byte(container: str) -> None:
    packets = [(T0 + i, build_ethernet(_udp_v4(IKE[: 7 * i]), ETH_IPV4)) for i in range(5)]
    if container == "pcap":
        blob = _pcap(packets)
        ends = _record_ends_pcap(blob)
        packet_ends = ends[1:]
    else:
        blob = _pcapng((t, 1, d) for t, d in packets)
        ends = _block_ends_pcapng(blob)
        packet_ends = ends[2:]  # after the SHB and the IDB
    assert len(packet_ends) == len(packets)
    for cut in range(len(blob) + 1):
        got: list[Frame] = []
        stream = io.BytesIO(blob[:cut])
        try:
            for frame in read_frames(stream):
                got.append(frame)
        except CaptureError as error:
            assert cut not in ends, cut
            assert error.offset == max([0, *(e for e in ends if e <= cut)]), cut
            assert error.path == "<stream>"
        else:
            assert cut in ends, cut
        assert len(got) == sum(1 for e in packet_ends if e <= cut), cut
        assert [f.data for f in got] == [d for _, d in packets[: len(got)]]


def test_error_message_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blob = _pcap([(T0, bytes(180))])
    (tmp_path / "capture.pcap").write_bytes(blob[: 24 + 16 + 52])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CaptureError) as caught:
        list(read_frames("capture.pcap"))
    assert str(caught.value) == (
        "capture.pcap: byte 24: truncated packet record: header says 180 bytes, 52 left in the file"
    )
    assert (caught.value.path, caught.value.offset) == ("capture.pcap", 24)
    with pytest.raises(CaptureError, match=r"^missing\.pcap: byte 0: cannot open: "):
        list(read_frames("missing.pcap"))
    with pytest.raises(CaptureError, match=r"^<stream>: byte 0: truncated pcap file header"):
        list(read_frames(io.BytesIO(blob[:20])))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body>", "not a pcap or pcapng file: starts with 3c 68 74 6d"),
        (b"", "empty file: not a pcap or pcapng file"),
        (b"\xd4\xc3", "not a pcap or pcapng file: only 2 bytes"),
        (b"\x1f\x8b\x08\x00rest", "starts with 1f 8b 08 00 (gzip-compressed: decompress it first)"),
        (b"\x34\xcd\xb2\xa1" + bytes(20), "'modified' pcap variant"),
    ],
)
def test_not_a_capture(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(CaptureError) as caught:
        list(read_frames(path))
    assert caught.value.offset == 0
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}: byte 0: ")


class _Unseekable(io.RawIOBase):
    """A pipe-like stream: no seek, no size, short reads."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), len(self._data) - self._pos, 4096)
        buffer[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return n


def _peak_while(action: Callable[[], object]) -> tuple[int, float]:
    tracemalloc.start()
    began = time.perf_counter()
    try:
        action()
    finally:
        elapsed = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, elapsed


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (_pcap([])[:24] + struct.pack("<IIII", 0, 0, 0x8000_0000, 0x8000_0000), "2147483648 bytes"),
        (_pcap([])[:24] + struct.pack("<IIII", 0, 0, 262_145, 262_145), "262145 bytes captured"),
        (_shb() + struct.pack("<II", 6, 0x8000_0000) + bytes(64), "over the 268435456-byte"),
        (_shb() + struct.pack("<II", 6, 0x0C80_0000) + bytes(64), "header says 209715200 bytes"),
    ],
)
@pytest.mark.parametrize("seekable", [True, False])
def test_hostile_lengths_fail_fast_without_allocating(
    blob: bytes, message: str, seekable: bool
) -> None:
    def read() -> None:
        stream: BinaryIO = io.BytesIO(blob) if seekable else io.BufferedReader(_Unseekable(blob))
        with pytest.raises(CaptureError, match=message):
            list(read_frames(stream))

    peak, elapsed = _peak_while(read)
    assert peak < 2 * 1024 * 1024, peak
    assert elapsed < 1.0


def test_unseekable_stream_progress() -> None:
    blob = _pcap([(T0, bytes(1000))] * 3000)
    calls: list[tuple[int, int]] = []
    stream = io.BufferedReader(_Unseekable(blob))
    frames = list(read_frames(stream, progress=lambda done, total: calls.append((done, total))))
    assert len(frames) == 3000
    assert calls[-1] == (len(blob), -1)
    assert all(total == -1 for _, total in calls)


# --- never anything but CaptureError, never anything at all from udp_datagrams ---------------

_FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@_FUZZ
@given(
    st.sampled_from(
        [
            _pcap([]),
            _pcap([], nanoseconds=True, big_endian=True),
            _shb(),
            _shb() + _idb(1),
            _shb(">") + _idb(1, order=">"),
            b"",
        ]
    ),
    st.binary(max_size=600),
)
def test_fuzz_reader_raises_only_capture_error(header: bytes, tail: bytes) -> None:
    try:
        for frame in read_frames(io.BytesIO(header + tail)):
            assert len(frame.data) <= len(tail)
    except CaptureError as error:
        assert 0 <= error.offset <= len(header + tail)


@_FUZZ
@given(st.binary(min_size=1, max_size=900), st.data())
def test_fuzz_reader_mutated_files(noise: bytes, data: st.DataObject) -> None:
    blob = bytearray(
        data.draw(
            st.sampled_from(
                [
                    _pcap([(T0, b"abc"), (T0, bytes(100))]),
                    _pcapng([(T0, 1, b"abcdef"), (T0, 276, bytes(90))], tsresol=0x80 | 20),
                ]
            )
        )
    )
    position = data.draw(st.integers(0, len(blob) - 1))
    blob[position : position + len(noise)] = noise[: len(blob) - position]
    try:
        list(read_frames(io.BytesIO(bytes(blob))))
    except CaptureError:
        pass


_LINK_TYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147]


def _valid_packets() -> list[tuple[int, bytes]]:
    v4, v6 = _udp_v4(), _udp_v6()
    options = b"\x01\x04\x00\x00\x00\x00"
    ext = build_ipv6_udp(V6A, V6B, 500, 500, IKE, extension_headers=[(0, options), (60, options)])
    found = [(101, f) for f in _fragments(size=800, payload=IKE * 4)]
    found += [(229, f) for f in fragment_ipv6(ext, 200, 7)]
    for name in ("qinq-88a8", "sll", "sll2", "null-le", "loop"):
        link_type, encapsulate = LINKS[name]
        found += [
            (link_type, encapsulate(ETH_IPV4, v4) or b""),
            (link_type, encapsulate(ETH_IPV6, v6) or b""),
        ]
    return found


_VALID = _valid_packets()


def _assert_clean(items: Sequence[Item]) -> None:
    for item in items:
        assert isinstance(item, UdpDatagram | FrameProblem)
        if isinstance(item, FrameProblem):
            assert not item.reason.startswith("internal error"), item.reason


@_FUZZ
@given(st.lists(st.tuples(st.sampled_from(_LINK_TYPES), st.binary(max_size=120)), max_size=20))
def test_fuzz_udp_datagrams_random_frames(frames: list[tuple[int, bytes]]) -> None:
    _assert_clean(
        _parse([Frame(i + 1, T0, lt, d, len(d), 0) for i, (lt, d) in enumerate(frames)], None)
    )


@_FUZZ
@given(
    st.lists(
        st.tuples(st.sampled_from(range(len(_VALID))), st.integers(0, 2000), st.binary(max_size=8)),
        min_size=1,
        max_size=30,
    )
)
def test_fuzz_udp_datagrams_mutated_packets(picks: list[tuple[int, int, bytes]]) -> None:
    frames = []
    for i, (which, position, noise) in enumerate(picks):
        link_type, packet = _VALID[which]
        mutated = bytearray(packet)
        if position < len(mutated):
            mutated[position : position + len(noise)] = noise
        else:
            del mutated[position % (len(mutated) + 1) :]
        frames.append(Frame(i + 1, T0 + i, link_type, bytes(mutated), len(mutated), 0))
    _assert_clean(_parse(frames, None))


# --- streaming with flat memory --------------------------------------------------------------


def test_streaming_50_mb_with_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.pcap"
    ike = build_ethernet(_udp_v4(bytes(1400)), ETH_IPV4)
    other = build_ethernet(_udp_v4(bytes(1400), 53, 53), ETH_IPV4)
    count = 50 * 1024 * 1024 // (2 * (16 + len(ike)))
    with path.open("wb") as out:
        writer = PcapWriter(out, 1)
        for i in range(count):
            writer.write(T0 + 2 * i, ike)
            writer.write(T0 + 2 * i + 1, other)
    size = path.stat().st_size
    assert size > 49 * 1024 * 1024
    calls: list[tuple[int, int]] = []
    result: list[int] = []

    def read() -> None:
        n = 0
        for item in read_udp_datagrams(path, progress=lambda d, t: calls.append((d, t))):
            assert isinstance(item, UdpDatagram)
            n += 1
        result.append(n)

    peak, elapsed = _peak_while(read)
    assert result == [count]
    assert peak < 3 * 1024 * 1024, f"peak {peak} bytes"
    assert calls[-1] == (size, size)
    assert 45 <= len(calls) <= 52  # about one call per MiB
    assert all(b[0] - a[0] >= 1 << 20 for a, b in zip(calls, calls[1:-1], strict=False))
    print(f"50 MB pcap: {count * 2} frames, {elapsed:.2f} s under tracemalloc, peak {peak} bytes")


# --- the writers against tshark --------------------------------------------------------------


@needs_tshark
@pytest.mark.tshark
def test_writers_match_tshark(tmp_path: Path) -> None:
    packets = [
        (T0, 1, build_ethernet(_udp_v4(IKE, 500, 500), ETH_IPV4, vlan_tags=[(0x8100, 7)])),
        (T0 + 1_001, 276, LINKS["sll2"][1](ETH_IPV6, _udp_v6()) or b""),
        (T0 + 2_002, 113, LINKS["sll"][1](ETH_IPV4, _udp_v4(b"sll", 4500, 500)) or b""),
        (T0 + 3_003, 101, _udp_v6(b"raw", 500, 4500)),
        (T0 + 4_004, 0, LINKS["null-le"][1](ETH_IPV4, _udp_v4(b"null", 500, 500)) or b""),
    ]
    pcapng = tmp_path / "mixed.pcapng"
    # 2^-20 s units counted from an if_tsoffset: tshark must round them as we do.
    pcapng.write_bytes(_pcapng(packets, tsresol=0x80 | 20, tsoffset_s=1000, big_endian=True))
    pcap = tmp_path / "ns-be.pcap"
    fragments = _fragments()
    pcap.write_bytes(
        _pcap(
            [(T0 + i, build_ethernet(f, ETH_IPV4)) for i, f in enumerate(fragments)],
            nanoseconds=True,
            big_endian=True,
        )
    )
    for path in (pcapng, pcap):
        rows = _tshark_fields(
            path, "frame.time_epoch", "ip.src", "ipv6.src", "udp.srcport", "udp.dstport"
        )
        theirs = [(_epoch_ns(r[0]), r[1] or r[2], int(r[3]), int(r[4])) for r in rows if r[3]]
        ours = [
            (d.timestamp_ns, d.src, d.src_port, d.dst_port)
            for d in _datagrams(list(read_udp_datagrams(path)))
        ]
        assert ours == theirs
    assert len(theirs) == 1  # the reassembled datagram, shown by tshark on its last fragment
