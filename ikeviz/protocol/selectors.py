"""Quick Mode proxy identities (IDci/IDcr) as the traffic they cover.

RFC 2409 §5.5 carries the traffic selectors of an IPsec SA in two ID payloads
(RFC 2407 §4.6.2): an address, a subnet or a range, with an IP protocol and a
port (0 for any). The same traffic can be written several ways: strongSwan sends
a single host as ID_IPV4_ADDR where a configuration says ``10.2.0.5/32``
(ID_IPV4_ADDR_SUBNET). So selectors are compared by what they cover, not by their
bytes or text: a :class:`Span` (first and last address, protocol, port).

Products differ in what a Quick Mode responder accepts (RFC 2409 leaves it to
local policy): most want the very traffic they are configured for; strongSwan
narrows, taking the part of the offer inside its configuration and answering
with it in QM2 (its log then shows the narrowed pair).
"""

from __future__ import annotations

import functools
import ipaddress

from ikeviz.protocol._records import record
from ikeviz.protocol.codec import Identification
from ikeviz.protocol.config import TrafficSelector
from ikeviz.protocol.registry import IdType

__all__ = ["Span", "span", "same_traffic", "within", "narrowed", "selector_payload",
           "host_identification", "selector_text"]

_V4_TYPES = (IdType.IPV4_ADDR, IdType.IPV4_ADDR_SUBNET, IdType.IPV4_ADDR_RANGE)
_V6_TYPES = (IdType.IPV6_ADDR, IdType.IPV6_ADDR_SUBNET, IdType.IPV6_ADDR_RANGE)
_PROTOCOL_NAMES = {1: "icmp", 6: "tcp", 17: "udp", 58: "ipv6-icmp"}


@record(frozen=True)
class Span:
    """The traffic an ID payload covers: an address range of one IP version,
    an IP protocol and a port (0: any), RFC 2407 §4.6.2."""

    version: int
    first: int
    last: int
    protocol: int
    port: int


@functools.lru_cache(maxsize=256)
def span(ident: Identification) -> Span | None:
    """What ``ident`` covers, or None for an ID that is not an address, a
    subnet with a non-contiguous mask, or a body of the wrong size."""
    id_type, data = ident.id_type, ident.data
    if id_type in _V4_TYPES:
        version, size = 4, 4
    elif id_type in _V6_TYPES:
        version, size = 6, 16
    else:
        return None
    if id_type in (IdType.IPV4_ADDR, IdType.IPV6_ADDR):
        if len(data) != size:
            return None
        first = last = int.from_bytes(data, "big")
    else:
        if len(data) != 2 * size:
            return None
        first = int.from_bytes(data[:size], "big")
        second = int.from_bytes(data[size:], "big")
        if id_type in (IdType.IPV4_ADDR_RANGE, IdType.IPV6_ADDR_RANGE):
            last = second
            if last < first:
                return None
        else:  # a subnet: address and mask (RFC 2407 §4.6.2.4)
            full = (1 << (8 * size)) - 1
            host_bits = full ^ second
            if host_bits & (host_bits + 1):  # not a contiguous mask
                return None
            first &= second
            last = first | host_bits
    return Span(version, first, last, ident.protocol_id, ident.port)


def same_traffic(a: Identification, b: Identification) -> bool:
    """Whether two IDs stand for the same traffic (RFC 2409 §5.5 selectors)."""
    if a == b:
        return True
    span_a, span_b = span(a), span(b)
    if span_a is None or span_b is None:
        return False
    return span_a == span_b


def within(inner: Identification, outer: Identification) -> bool:
    """Whether all of ``inner``'s traffic is part of ``outer``'s."""
    if same_traffic(inner, outer):
        return True
    a, b = span(inner), span(outer)
    if a is None or b is None or a.version != b.version:
        return False
    return (b.first <= a.first and a.last <= b.last
            and b.protocol in (0, a.protocol) and b.port in (0, a.port))


def narrowed(offered: Identification, configured: Identification) -> Identification | None:
    """The part of ``offered`` inside ``configured`` as an ID payload, or None
    when they share no traffic (strongSwan's narrowing of a Quick Mode offer)."""
    if within(offered, configured):
        return offered
    if within(configured, offered):
        return configured
    a, b = span(offered), span(configured)
    if a is None or b is None or a.version != b.version:
        return None
    first, last = max(a.first, b.first), min(a.last, b.last)
    protocol = _narrower(a.protocol, b.protocol)
    port = _narrower(a.port, b.port)
    if first > last or protocol is None or port is None:
        return None
    return _identification(a.version, first, last, protocol, port)


def _narrower(a: int, b: int) -> int | None:
    # 0 is "any": the other value is the narrower one; two different values share nothing.
    if a == 0 or a == b:
        return b
    return a if b == 0 else None


def _identification(version: int, first: int, last: int, protocol: int,
                    port: int) -> Identification:
    size = 4 if version == 4 else 16
    if first == last:
        id_type = IdType.IPV4_ADDR if version == 4 else IdType.IPV6_ADDR
        return Identification(id_type, protocol, port, first.to_bytes(size, "big"))
    host_bits = first ^ last
    if not host_bits & (host_bits + 1) and not first & host_bits:  # a whole subnet
        mask = ((1 << (8 * size)) - 1) ^ host_bits
        id_type = IdType.IPV4_ADDR_SUBNET if version == 4 else IdType.IPV6_ADDR_SUBNET
        return Identification(id_type, protocol, port,
                              first.to_bytes(size, "big") + mask.to_bytes(size, "big"))
    id_type = IdType.IPV4_ADDR_RANGE if version == 4 else IdType.IPV6_ADDR_RANGE
    return Identification(id_type, protocol, port,
                          first.to_bytes(size, "big") + last.to_bytes(size, "big"))


@functools.lru_cache(maxsize=256)
def selector_payload(selector: TrafficSelector) -> Identification:
    """A Quick Mode client ID for a traffic selector (RFC 2409 §5.5, RFC 2407 §4.6.2)."""
    text = selector.network
    if "-" in text:
        first, last = (ipaddress.ip_address(p.strip()) for p in text.split("-", 1))
        id_type = IdType.IPV4_ADDR_RANGE if first.version == 4 else IdType.IPV6_ADDR_RANGE
        data = first.packed + last.packed
    elif "/" in text:
        network = ipaddress.ip_network(text, strict=False)
        id_type = IdType.IPV4_ADDR_SUBNET if network.version == 4 else IdType.IPV6_ADDR_SUBNET
        data = network.network_address.packed + network.netmask.packed
    else:
        address = ipaddress.ip_address(text)
        id_type = IdType.IPV4_ADDR if address.version == 4 else IdType.IPV6_ADDR
        data = address.packed
    return Identification(id_type, selector.protocol, selector.port, data)


@functools.lru_cache(maxsize=64)
def host_identification(address: str) -> Identification:
    """The selector of a Quick Mode without IDs: the ISAKMP peer's own address
    (RFC 2409 §5.5)."""
    return selector_payload(TrafficSelector(address))


def selector_text(ident: Identification) -> str:
    """A selector as strongSwan writes it: ``10.2.0.0/24``, ``10.2.0.0/24[tcp/80]``."""
    text = ident.text()
    if not ident.protocol_id and not ident.port:
        return text
    protocol = _PROTOCOL_NAMES.get(ident.protocol_id, str(ident.protocol_id))
    return f"{text}[{protocol}/{ident.port}]" if ident.port else f"{text}[{protocol}]"
