"""From captured frames to UDP datagrams: link layers, IPv4/IPv6, IP reassembly, UDP.

Link-layer header types are the tcpdump.org LINKTYPE_* registry (also
draft-ietf-opsawg-pcaplinktype). IPv4 is RFC 791 (fragmentation: section 3.2 and RFC 815),
IPv6 RFC 8200 (extension headers: section 4; fragments: section 4.5; overlaps: RFC 5722), UDP
RFC 768.

:func:`udp_datagrams` never raises for any frame content: everything it cannot make sense of
becomes a :class:`FrameProblem`, and frames that are simply not UDP over IP (ARP, TCP, ESP...)
are skipped without a word.
"""

from __future__ import annotations

import ipaddress
import os
import struct
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO, Final

from ikeviz.capture.pcapfile import Frame, Record, read_records

__all__ = [
    "FRAGMENT_EXPIRY_FRAMES",
    "FRAGMENT_EXPIRY_NS",
    "MAX_FRAGMENTS_PER_SET",
    "MAX_FRAGMENT_SETS",
    "MAX_REASSEMBLED",
    "FrameProblem",
    "ReadCounter",
    "UdpDatagram",
    "build_ethernet",
    "build_ipv4_udp",
    "build_ipv6_udp",
    "fragment_ipv4",
    "fragment_ipv6",
    "read_udp_datagrams",
    "udp_datagrams",
]

# Link-layer header types (tcpdump.org LINKTYPE_*).
LINKTYPE_NULL: Final = 0
LINKTYPE_ETHERNET: Final = 1
LINKTYPE_RAW_12: Final = 12  # DLT_RAW on most BSDs, found in some files as-is
LINKTYPE_RAW_14: Final = 14  # DLT_RAW on OpenBSD
LINKTYPE_RAW: Final = 101
LINKTYPE_LOOP: Final = 108
LINKTYPE_LINUX_SLL: Final = 113
LINKTYPE_IPV4: Final = 228
LINKTYPE_IPV6: Final = 229
LINKTYPE_LINUX_SLL2: Final = 276

ETHERTYPE_IPV4: Final = 0x0800
ETHERTYPE_IPV6: Final = 0x86DD
ETHERTYPE_VLAN: Final = 0x8100  # IEEE 802.1Q
ETHERTYPE_QINQ: Final = 0x88A8  # IEEE 802.1ad service tag
ETHERTYPE_QINQ_OLD: Final = 0x9100  # pre-standard stacked VLAN tag
_VLAN_TPIDS: Final = frozenset({ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD})
_MAX_VLAN_TAGS: Final = 8

# Address families in NULL/LOOP headers: AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD,
# OpenBSD), 28 (FreeBSD, DragonFly) or 30 (macOS).
_AF_INET: Final = 2
_AF_INET6: Final = frozenset({24, 28, 30})

_PROTO_UDP: Final = 17
_IPV6_HOP_BY_HOP: Final = 0
_IPV6_ROUTING: Final = 43
_IPV6_FRAGMENT: Final = 44
_IPV6_DEST_OPTIONS: Final = 60
_IPV6_SKIPPABLE: Final = frozenset({_IPV6_HOP_BY_HOP, _IPV6_ROUTING, _IPV6_DEST_OPTIONS})
_MAX_EXTENSION_HEADERS: Final = 16

#: At most this many fragment sets are waiting at once; the oldest is evicted beyond it.
MAX_FRAGMENT_SETS: Final = 64
#: At most this many fragments (duplicates included) per set.
MAX_FRAGMENTS_PER_SET: Final = 128
#: The largest reassembled IP payload (RFC 791: total length is 16 bits).
MAX_REASSEMBLED: Final = 65_535
#: A set not completed within this many frames of its first fragment expires...
FRAGMENT_EXPIRY_FRAMES: Final = 10_000
#: ...or within this much capture time (RFC 791 suggests 15 s, Linux uses 30 s; be generous).
FRAGMENT_EXPIRY_NS: Final = 60 * 1_000_000_000


@dataclass(frozen=True, slots=True)
class UdpDatagram:
    """A UDP datagram, reassembled from IP fragments when it had to be."""

    frame: int  # the number of the frame that completed it
    timestamp_ns: int
    ip_version: int
    src: str
    dst: str
    src_port: int
    dst_port: int
    payload: bytes
    fragmented: bool


@dataclass(frozen=True, slots=True)
class FrameProblem:
    """A frame that could not be read as UDP over IP (malformed, unsupported, lost fragments)."""

    frame: int
    reason: str


class _Bad(Exception):
    """A frame that cannot be parsed; becomes a FrameProblem."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@lru_cache(maxsize=1024)
def _address(packed: bytes) -> str:
    return str(ipaddress.ip_address(packed))


# --- link layers -----------------------------------------------------------------------------


def _after_ethertype(ethertype: int, data: bytes, pos: int) -> tuple[int, bytes] | None:
    """The IP packet after an EtherType at ``pos``, going through any VLAN tags, or None."""
    tags = 0
    while ethertype in _VLAN_TPIDS:
        # 802.1Q/802.1ad tag: 2 bytes of TCI, then the next EtherType (stacked for QinQ).
        if len(data) < pos + 4:
            raise _Bad("truncated VLAN tag")
        tags += 1
        if tags > _MAX_VLAN_TAGS:
            raise _Bad(f"more than {_MAX_VLAN_TAGS} stacked VLAN tags")
        ethertype = int.from_bytes(data[pos + 2 : pos + 4], "big")
        pos += 4
    if ethertype == ETHERTYPE_IPV4:
        return 4, data[pos:]
    if ethertype == ETHERTYPE_IPV6:
        return 6, data[pos:]
    return None  # ARP, LLDP, an 802.3 length field (LLC)...: not IP


def _from_address_family(family: int | tuple[int, int], data: bytes) -> tuple[int, bytes] | None:
    families = family if isinstance(family, tuple) else (family,)
    if _AF_INET in families:
        return 4, data[4:]
    if any(f in _AF_INET6 for f in families):
        return 6, data[4:]
    return None


def _ip_packet(link_type: int, data: bytes) -> tuple[int, bytes] | None:
    """(IP version, IP packet) carried by a frame, or None when it carries no IP."""
    if link_type == LINKTYPE_ETHERNET:
        if len(data) < 14:
            raise _Bad(f"truncated Ethernet header: {len(data)} bytes")
        return _after_ethertype(int.from_bytes(data[12:14], "big"), data, 14)
    if link_type in (LINKTYPE_RAW, LINKTYPE_RAW_12, LINKTYPE_RAW_14):
        if not data:
            raise _Bad("empty raw IP frame")
        version = data[0] >> 4
        if version not in (4, 6):
            raise _Bad(f"raw IP frame with IP version {version}")
        return version, data
    if link_type == LINKTYPE_IPV4:
        return 4, data
    if link_type == LINKTYPE_IPV6:
        return 6, data
    if link_type == LINKTYPE_LINUX_SLL:
        # Linux cooked v1: packet type, ARPHRD type, address length, 8 address bytes, protocol.
        if len(data) < 16:
            raise _Bad(f"truncated Linux cooked (SLL) header: {len(data)} bytes")
        return _after_ethertype(int.from_bytes(data[14:16], "big"), data, 16)
    if link_type == LINKTYPE_LINUX_SLL2:
        # Linux cooked v2: protocol first, then reserved, ifindex, ARPHRD, type, address.
        if len(data) < 20:
            raise _Bad(f"truncated Linux cooked (SLL2) header: {len(data)} bytes")
        return _after_ethertype(int.from_bytes(data[0:2], "big"), data, 20)
    if link_type == LINKTYPE_NULL:
        # The address family is in the capturing host's byte order, which the file does not
        # record: try both (the values are small, so they cannot be confused).
        if len(data) < 4:
            raise _Bad(f"truncated loopback (NULL) header: {len(data)} bytes")
        family = (int.from_bytes(data[:4], "little"), int.from_bytes(data[:4], "big"))
        return _from_address_family(family, data)
    if link_type == LINKTYPE_LOOP:
        # OpenBSD loopback: the same address family, always in network byte order.
        if len(data) < 4:
            raise _Bad(f"truncated loopback (LOOP) header: {len(data)} bytes")
        return _from_address_family(int.from_bytes(data[:4], "big"), data)
    raise _Bad(f"unsupported link type {link_type}")


# --- IP fragment reassembly ------------------------------------------------------------------


@dataclass(slots=True)
class _FragmentSet:
    label: str  # "IPv4 10.0.0.1 -> 10.0.0.2 id 0x1234", for problem reports
    first_frame: int
    first_ts: int
    buffer: bytearray = field(default_factory=bytearray)
    # Sorted, merged [start, end) ranges of ``buffer`` received so far.
    covered: list[list[int]] = field(default_factory=list)
    end: int | None = None  # the payload length, known once the last fragment has come
    count: int = 0
    next_header: int = -1  # IPv6: the header after the fragment header at offset 0


class _Reassembler:
    """Bounded IP reassembly: at most MAX_FRAGMENT_SETS sets of at most MAX_REASSEMBLED bytes.

    Keeps one buffer per set (not one per fragment), so duplicates and overlaps cost nothing.
    """

    def __init__(self) -> None:
        self._sets: OrderedDict[tuple[object, ...], _FragmentSet] = OrderedDict()
        self.problems: list[FrameProblem] = []

    def _drop(self, key: tuple[object, ...], frame: int, why: str) -> None:
        fs = self._sets.pop(key)
        self.problems.append(FrameProblem(frame, f"{fs.label}: {why}; fragments dropped"))

    def expire(self, frame: int, timestamp_ns: int) -> None:
        # Sets are in creation order, so only the oldest ones need looking at.
        while self._sets:
            key, fs = next(iter(self._sets.items()))
            if frame - fs.first_frame > FRAGMENT_EXPIRY_FRAMES:
                why = f"incomplete after {FRAGMENT_EXPIRY_FRAMES} frames"
            elif timestamp_ns - fs.first_ts > FRAGMENT_EXPIRY_NS:
                why = f"incomplete after {FRAGMENT_EXPIRY_NS // 1_000_000_000} s"
            else:
                return
            self._drop(key, fs.first_frame, why)

    def flush(self) -> None:
        for key, fs in list(self._sets.items()):
            self._drop(key, fs.first_frame, "incomplete at the end of the capture")

    def add(
        self,
        key: tuple[object, ...],
        label: str,
        frame: Frame,
        offset: int,
        more: bool,
        data: bytes,
        next_header: int = -1,
    ) -> tuple[bytes, int] | None:
        """Add one fragment; return (payload, IPv6 next header) when this completes a set."""
        if more and len(data) % 8:
            # RFC 791 3.2 / RFC 8200 4.5: every fragment but the last is a multiple of 8 bytes.
            raise _Bad(f"{label}: a non-final fragment of {len(data)} bytes, not a multiple of 8")
        fs = self._sets.get(key)
        if fs is None:
            if len(self._sets) >= MAX_FRAGMENT_SETS:
                old_key, old = next(iter(self._sets.items()))
                self._drop(
                    old_key, old.first_frame, f"evicted: over {MAX_FRAGMENT_SETS} incomplete sets"
                )
            fs = _FragmentSet(label, frame.number, frame.timestamp_ns)
            self._sets[key] = fs
        number = frame.number
        fs.count += 1
        if fs.count > MAX_FRAGMENTS_PER_SET:
            self._drop(key, number, f"more than {MAX_FRAGMENTS_PER_SET} fragments")
            return None
        end = offset + len(data)
        if end > MAX_REASSEMBLED:
            self._drop(key, number, f"fragment ends at byte {end}, past {MAX_REASSEMBLED}")
            return None
        if not more:
            if fs.end is not None and fs.end != end:
                self._drop(key, number, f"two last fragments, ending at {fs.end} and {end}")
                return None
            if fs.covered and fs.covered[-1][1] > end:
                self._drop(key, number, f"data past the last fragment's end ({end})")
                return None
            fs.end = end
        elif fs.end is not None and end > fs.end:
            self._drop(key, number, f"a fragment past the last fragment's end ({fs.end})")
            return None
        # Overlaps (RFC 5722 forbids them for IPv6, RFC 791 lets the newer win): identical bytes
        # are accepted (retransmissions, duplicates); different bytes make the set ambiguous.
        for start, stop in fs.covered:
            lo, hi = max(start, offset), min(stop, end)
            if lo < hi and fs.buffer[lo:hi] != data[lo - offset : hi - offset]:
                differ = [i for i in range(lo, hi) if fs.buffer[i] != data[i - offset]]
                self._drop(
                    key,
                    number,
                    f"overlapping fragments differ in bytes {differ[0]}-{differ[-1]}",
                )
                return None
        if len(fs.buffer) < end:
            fs.buffer.extend(bytes(end - len(fs.buffer)))
        fs.buffer[offset:end] = data
        _merge(fs.covered, offset, end)
        if offset == 0:
            fs.next_header = next_header
        if fs.end is not None and fs.covered == [[0, fs.end]]:
            del self._sets[key]
            return bytes(fs.buffer[: fs.end]), fs.next_header
        return None


def _merge(ranges: list[list[int]], start: int, end: int) -> None:
    if start == end:
        return
    merged: list[list[int]] = []
    placed = False
    for r in ranges:
        if r[1] < start:
            merged.append(r)
        elif r[0] > end:
            if not placed:
                merged.append([start, end])
                placed = True
            merged.append(r)
        else:
            start, end = min(start, r[0]), max(end, r[1])
    if not placed:
        merged.append([start, end])
    ranges[:] = merged


# --- IP and UDP ------------------------------------------------------------------------------


class _Parser:
    def __init__(self, ports: frozenset[int] | None) -> None:
        self._ports = ports
        self.reassembler = _Reassembler()

    def frame(self, frame: Frame) -> UdpDatagram | None:
        carried = _ip_packet(frame.link_type, frame.data)
        if carried is None:
            return None
        version, packet = carried
        if not packet:
            raise _Bad(f"empty IPv{version} packet")
        if packet[0] >> 4 != version:
            raise _Bad(f"IPv{version} frame holding an IP version {packet[0] >> 4} header")
        if version == 4:
            return self._ipv4(frame, packet)
        return self._ipv6(frame, packet)

    def _ipv4(self, frame: Frame, packet: bytes) -> UdpDatagram | None:
        if len(packet) < 20:
            raise _Bad(f"truncated IPv4 header: {len(packet)} bytes")
        header_length = (packet[0] & 0x0F) * 4
        if header_length < 20:
            raise _Bad(f"bad IPv4 header length (IHL {header_length // 4})")
        if packet[9] != _PROTO_UDP:
            return None
        if len(packet) < header_length:
            raise _Bad(
                f"truncated IPv4 header: IHL says {header_length} bytes, {len(packet)} there"
            )
        total, ident, flags_offset = struct.unpack_from("!HHH", packet, 2)
        if total == 0:
            total = len(packet)  # segmentation offload on the capturing host: trust the capture
        if total < header_length:
            raise _Bad(f"IPv4 total length {total} shorter than its header ({header_length})")
        if total > len(packet):
            raise _Bad(f"IPv4 total length {total}, but {len(packet)} bytes captured")
        # Bytes after the total length are Ethernet padding or trailers, not payload.
        payload = packet[header_length:total]
        src, dst = packet[12:16], packet[16:20]
        more = bool(flags_offset & 0x2000)
        offset = (flags_offset & 0x1FFF) * 8
        if not more and not offset:
            return self._udp(frame, 4, src, dst, payload, fragmented=False)
        # RFC 791 3.2: fragments are identified by source, destination, protocol and ident.
        key = (4, src, dst, _PROTO_UDP, ident)
        label = f"IPv4 fragments {_address(src)} -> {_address(dst)} id 0x{ident:04x}"
        done = self.reassembler.add(key, label, frame, offset, more, payload)
        if done is None:
            return None
        return self._udp(frame, 4, src, dst, done[0], fragmented=True)

    def _ipv6(self, frame: Frame, packet: bytes) -> UdpDatagram | None:
        if len(packet) < 40:
            raise _Bad(f"truncated IPv6 header: {len(packet)} bytes")
        (payload_length,) = struct.unpack_from("!H", packet, 4)
        # Payload length 0: a jumbogram or segmentation offload; take what was captured.
        end = 40 + payload_length if payload_length else len(packet)
        truncated = end > len(packet)
        data = packet if truncated else packet[:end]
        src, dst = packet[8:24], packet[24:40]
        found = _walk_ipv6(data, 40, packet[6], allow_fragment=True)
        if found is None:
            return None
        if truncated:
            raise _Bad(f"IPv6 payload length {payload_length}, but {len(packet) - 40} captured")
        pos, fragment = found
        if fragment is None:
            return self._udp(frame, 6, src, dst, data[pos:], fragmented=False)
        next_header, offset, more, ident = fragment
        # RFC 8200 4.5: fragments are identified by source, destination and identification.
        key = (6, src, dst, ident)
        label = f"IPv6 fragments {_address(src)} -> {_address(dst)} id 0x{ident:08x}"
        done = self.reassembler.add(key, label, frame, offset, more, data[pos:], next_header)
        if done is None:
            return None
        payload, first_next_header = done
        # Only the offset-0 fragment's next header counts (RFC 8200 4.5); the fragmentable part
        # may begin with more extension headers (destination options) before UDP.
        again = _walk_ipv6(payload, 0, first_next_header, allow_fragment=False)
        if again is None:
            return None
        return self._udp(frame, 6, src, dst, payload[again[0] :], fragmented=True)

    def _udp(
        self,
        frame: Frame,
        version: int,
        src: bytes,
        dst: bytes,
        segment: bytes,
        *,
        fragmented: bool,
    ) -> UdpDatagram | None:
        if len(segment) < 8:
            raise _Bad(f"truncated UDP header: {len(segment)} bytes")
        src_port, dst_port, length = struct.unpack_from("!HHH", segment)
        ports = self._ports
        if ports is not None and src_port not in ports and dst_port not in ports:
            return None
        if length < 8:
            raise _Bad(f"bad UDP length {length}")
        if length > len(segment):
            raise _Bad(f"UDP length {length} overruns the {len(segment)} bytes there")
        # The checksum is not verified: captures taken on a sending host with checksum offload
        # show wrong checksums on perfectly good datagrams.
        return UdpDatagram(
            frame=frame.number,
            timestamp_ns=frame.timestamp_ns,
            ip_version=version,
            src=_address(src),
            dst=_address(dst),
            src_port=src_port,
            dst_port=dst_port,
            payload=segment[8:length],
            fragmented=fragmented,
        )


def _walk_ipv6(
    data: bytes, pos: int, next_header: int, *, allow_fragment: bool
) -> tuple[int, tuple[int, int, bool, int] | None] | None:
    """Follow IPv6 extension headers (RFC 8200 4) from ``pos`` to UDP.

    Returns None when the packet is not UDP, else (position of the UDP header or of the
    fragmentable part, fragment information (next header, offset, more, id) or None).
    """
    for _ in range(_MAX_EXTENSION_HEADERS):
        if next_header == _PROTO_UDP:
            return pos, None
        if next_header in _IPV6_SKIPPABLE:
            if len(data) < pos + 2:
                raise _Bad("truncated IPv6 extension header")
            length = (data[pos + 1] + 1) * 8  # in 8-octet units, not counting the first 8
            if len(data) < pos + length:
                raise _Bad(f"IPv6 extension header {next_header} runs past the packet")
            next_header = data[pos]
            pos += length
        elif next_header == _IPV6_FRAGMENT:
            if not allow_fragment:
                raise _Bad("more than one IPv6 fragment header")
            if len(data) < pos + 8:
                raise _Bad("truncated IPv6 fragment header")
            inner, offset_flags, ident = struct.unpack_from("!BxHI", data, pos)
            pos += 8
            offset, more = offset_flags & 0xFFF8, bool(offset_flags & 1)
            if not offset and not more:
                # An atomic fragment (RFC 6946): a whole packet, nothing to reassemble.
                next_header = inner
                allow_fragment = False
                continue
            if inner not in (_PROTO_UDP, _IPV6_DEST_OPTIONS):
                return None  # fragments of ESP, TCP, ICMPv6...: not ours, not reassembled
            return pos, (inner, offset, more, ident)
        else:
            return None  # TCP, ESP, AH, ICMPv6, no next header (59)...: not UDP
    raise _Bad(f"more than {_MAX_EXTENSION_HEADERS} IPv6 extension headers")


def udp_datagrams(
    frames: Iterable[Frame], *, ports: Collection[int] | None = None
) -> Iterator[UdpDatagram | FrameProblem]:
    """Yield the UDP datagrams to or from ``ports`` (None: all), and the frames that are broken.

    Fragmented datagrams are reassembled and reported with the frame that completed them.
    Problems with fragment sets (conflicting overlaps, eviction, expiry, still incomplete at the
    end) are reported with the frame of the conflicting fragment or the set's first frame, so
    they may come after later datagrams. Never raises for any frame content.
    """
    records = (
        (f.number, f.timestamp_ns, f.link_type, f.data, f.original_length, f.file_offset)
        for f in frames
    )
    return _udp_datagrams(records, ports, None)


@dataclass(slots=True)
class ReadCounter:
    """How far :func:`read_udp_datagrams` got: the number of the last frame read."""

    frames: int = 0


def _udp_datagrams(
    records: Iterable[Record], ports: Collection[int] | None, counter: ReadCounter | None
) -> Iterator[UdpDatagram | FrameProblem]:
    port_set = None if ports is None else frozenset(ports)
    parser = _Parser(port_set)
    reassembler = parser.reassembler
    pending = reassembler._sets
    for record in records:
        number, timestamp_ns, link_type, data, _original, _offset = record
        if counter is not None:
            counter.frames = number
        if pending:
            reassembler.expire(number, timestamp_ns)
            if reassembler.problems:
                yield from reassembler.problems
                reassembler.problems.clear()
        # Fast path (speed only, same result): an untagged Ethernet frame with a sane IPv4
        # header that carries no UDP, or an unfragmented, well-formed UDP datagram on none of
        # ``ports``, is dropped here exactly as the full parse below would drop it, silently,
        # without making a Frame.
        if (
            link_type == LINKTYPE_ETHERNET
            and len(data) >= 34
            and data[12] == 0x08
            and data[13] == 0x00
            and data[14] >> 4 == 4
            and data[14] & 0x0F >= 5
        ):
            if data[23] != _PROTO_UDP:
                continue
            if port_set is not None and not data[20] & 0x3F and not data[21]:
                header_length = (data[14] & 0x0F) * 4
                total = data[16] << 8 | data[17]
                udp = 14 + header_length
                if header_length + 8 <= total <= len(data) - 14:
                    sport = data[udp] << 8 | data[udp + 1]
                    dport = data[udp + 2] << 8 | data[udp + 3]
                    if sport not in port_set and dport not in port_set:
                        continue
        frame = Frame(*record)
        item: UdpDatagram | FrameProblem | None
        try:
            item = parser.frame(frame)
        except _Bad as bad:
            item = FrameProblem(number, bad.reason)
        except Exception as exc:  # a safety net: a bug must not stop the reading of a capture
            item = FrameProblem(number, f"internal error: {type(exc).__name__}: {exc}")
        if reassembler.problems:
            yield from reassembler.problems
            reassembler.problems.clear()
        if item is not None:
            yield item
    reassembler.flush()
    yield from reassembler.problems


def read_udp_datagrams(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    ports: Collection[int] | None = (500, 4500),
    progress: Callable[[int, int], None] | None = None,
    counter: ReadCounter | None = None,
) -> Iterator[UdpDatagram | FrameProblem]:
    """:func:`udp_datagrams` of :func:`read_frames`: raises CaptureError for a broken container.

    ``counter``, if given, is kept up to date with the number of the last frame read (every
    frame, not only the UDP ones).
    """
    return _udp_datagrams(read_records(source, progress=progress), ports, counter)


# --- builders (tests, pcap export) -----------------------------------------------------------


def _checksum(data: bytes) -> int:
    """The Internet checksum (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    total: int = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _udp_segment(pseudo: bytes, sport: int, dport: int, payload: bytes) -> bytes:
    length = 8 + len(payload)
    segment = struct.pack("!HHHH", sport, dport, length, 0) + payload
    # RFC 768: a computed checksum of 0 is sent as all ones (0 means "no checksum").
    checksum = _checksum(pseudo + segment) or 0xFFFF
    return segment[:6] + checksum.to_bytes(2, "big") + segment[8:]


def build_ipv4_udp(
    src: str,
    dst: str,
    sport: int,
    dport: int,
    payload: bytes,
    *,
    ident: int = 0,
    ttl: int = 64,
) -> bytes:
    """An IPv4 packet (no options, fragmentation allowed) carrying a UDP datagram, checksummed."""
    s, d = ipaddress.IPv4Address(src).packed, ipaddress.IPv4Address(dst).packed
    length = 8 + len(payload)
    if 20 + length > 0xFFFF:
        raise ValueError(f"{len(payload)}-byte payload does not fit an IPv4 packet")
    segment = _udp_segment(
        s + d + struct.pack("!BBH", 0, _PROTO_UDP, length), sport, dport, payload
    )
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + length, ident, 0, ttl, _PROTO_UDP, 0, s, d)
    return header[:10] + _checksum(header).to_bytes(2, "big") + header[12:] + segment


def build_ipv6_udp(
    src: str,
    dst: str,
    sport: int,
    dport: int,
    payload: bytes,
    *,
    hop_limit: int = 64,
    extension_headers: Sequence[tuple[int, bytes]] = (),
) -> bytes:
    """An IPv6 packet carrying a UDP datagram with its (mandatory) checksum.

    ``extension_headers``: (type, body) for hop-by-hop (0), routing (43) or destination options
    (60) headers, in order; each body is what follows the next-header and length bytes, so
    ``len(body) + 2`` must be a multiple of 8.
    """
    s, d = ipaddress.IPv6Address(src).packed, ipaddress.IPv6Address(dst).packed
    length = 8 + len(payload)
    pseudo = s + d + struct.pack("!I3xB", length, _PROTO_UDP)
    segment = _udp_segment(pseudo, sport, dport, payload)
    chain = [kind for kind, _ in extension_headers] + [_PROTO_UDP]
    extensions = b""
    for (kind, body), following in zip(extension_headers, chain[1:], strict=True):
        if kind not in _IPV6_SKIPPABLE or (len(body) + 2) % 8:
            raise ValueError(f"bad extension header {kind} with a {len(body)}-byte body")
        extensions += bytes([following, (len(body) + 2) // 8 - 1]) + body
    rest = extensions + segment
    if len(rest) > 0xFFFF:
        raise ValueError(f"{len(payload)}-byte payload does not fit an IPv6 packet")
    header = struct.pack("!IHBB16s16s", 6 << 28, len(rest), chain[0], hop_limit, s, d)
    return header + rest


def build_ethernet(
    payload: bytes,
    ethertype: int,
    src_mac: bytes = b"\x02\x00\x00\x00\x00\x01",
    dst_mac: bytes = b"\x02\x00\x00\x00\x00\x02",
    *,
    vlan_tags: Sequence[tuple[int, int]] = (),
) -> bytes:
    """An Ethernet II frame (no FCS); ``vlan_tags``: (TPID, TCI) pairs, outermost first."""
    if len(src_mac) != 6 or len(dst_mac) != 6:
        raise ValueError("MAC addresses are 6 bytes")
    tags = b"".join(struct.pack("!HH", tpid, tci) for tpid, tci in vlan_tags)
    return dst_mac + src_mac + tags + ethertype.to_bytes(2, "big") + payload


def fragment_ipv4(packet: bytes, fragment_size: int) -> list[bytes]:
    """Split an IPv4 packet into fragments of at most ``fragment_size`` payload bytes.

    The size is rounded down to a multiple of 8 (RFC 791). The header, options included, is
    repeated in every fragment, with its length, flags and checksum rewritten.
    """
    step = fragment_size - fragment_size % 8
    if step < 8:
        raise ValueError(f"fragment size {fragment_size} is under 8 bytes")
    header_length = (packet[0] & 0x0F) * 4
    (total,) = struct.unpack_from("!H", packet, 2)
    header, payload = bytearray(packet[:header_length]), packet[header_length:total]
    fragments = []
    for offset in range(0, len(payload), step):
        piece = payload[offset : offset + step]
        more = offset + step < len(payload)
        struct.pack_into("!H", header, 2, header_length + len(piece))
        struct.pack_into("!H", header, 6, (0x2000 if more else 0) | offset // 8)
        struct.pack_into("!H", header, 10, 0)
        struct.pack_into("!H", header, 10, _checksum(bytes(header)))
        fragments.append(bytes(header) + piece)
    return fragments


def fragment_ipv6(packet: bytes, fragment_size: int, ident: int) -> list[bytes]:
    """Split an IPv6 packet into fragments of at most ``fragment_size`` fragmentable bytes.

    The unfragmentable part (the header and any hop-by-hop and routing headers, RFC 8200 4.5) is
    repeated in every fragment, followed by a fragment header.
    """
    step = fragment_size - fragment_size % 8
    if step < 8:
        raise ValueError(f"fragment size {fragment_size} is under 8 bytes")
    next_pos, next_header, pos = 6, packet[6], 40
    unfragmentable_end, unfragmentable_next_pos = 40, 6
    while next_header in _IPV6_SKIPPABLE:
        following, length = packet[pos], (packet[pos + 1] + 1) * 8
        next_pos = pos
        pos += length
        if next_header in (_IPV6_HOP_BY_HOP, _IPV6_ROUTING):
            unfragmentable_end, unfragmentable_next_pos = pos, next_pos
        next_header = following
    first_fragmentable = packet[unfragmentable_next_pos]
    base = bytearray(packet[:unfragmentable_end])
    base[unfragmentable_next_pos] = _IPV6_FRAGMENT
    fragmentable = packet[unfragmentable_end:]
    fragments = []
    for offset in range(0, len(fragmentable), step):
        piece = fragmentable[offset : offset + step]
        more = offset + step < len(fragmentable)
        header = bytearray(base)
        struct.pack_into("!H", header, 4, len(header) - 40 + 8 + len(piece))
        fragment = struct.pack("!BxHI", first_fragmentable, offset | int(more), ident)
        fragments.append(bytes(header) + fragment + piece)
    return fragments
