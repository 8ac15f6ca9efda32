"""How IKE is carried in UDP: port 500, and port 4500 behind the non-ESP marker.

RFC 3947 §4 and RFC 3948 §2: once NAT-T floats to port 4500, an IKE message is
preceded by four zero bytes (the non-ESP marker), so that it can be told from
an ESP packet, whose first four bytes are its SPI and never zero. A one-byte
datagram holding 0xFF is a NAT-keepalive (RFC 3948 §2.3).

strongSwan also uses the marker on any port other than 500 (its NAT-T socket
is "the other port"), so the rule here is: no marker on port 500, a marker on
every other port.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

from ikeviz.protocol._records import record

IKE_PORT: Final = 500
NAT_T_PORT: Final = 4500
NON_ESP_MARKER: Final = b"\x00\x00\x00\x00"
NAT_KEEPALIVE: Final = b"\xff"


class UdpContentKind(Enum):
    """What a UDP datagram on an IKE port carries."""

    IKE = "IKE"
    NAT_KEEPALIVE = "NAT-keepalive"
    ESP = "ESP in UDP"
    UNKNOWN = "unknown"


@record(frozen=True, slots=True)
class UdpContent:
    """A classified UDP payload.

    ``ike`` is the ISAKMP message (marker removed) for IKE, ``ike_offset`` where
    it starts in the UDP payload (0 or 4); ``esp_spi`` and ``esp_sequence`` are
    set for ESP; ``reason`` explains UNKNOWN.
    """

    kind: UdpContentKind
    ike: bytes = b""
    ike_offset: int = 0
    esp_spi: int | None = None
    esp_sequence: int | None = None
    reason: str = ""


def uses_non_esp_marker(src_port: int, dst_port: int) -> bool:
    """True when IKE on this port pair is preceded by the non-ESP marker.

    RFC 3947 §4: port 4500 carries the marker; strongSwan uses it on any port
    other than 500, which is why a pair with a 500 on either side has none.
    """
    return IKE_PORT not in (src_port, dst_port)


def classify_udp_payload(payload: bytes, *, src_port: int, dst_port: int) -> UdpContent:
    """Tell IKE, NAT-keepalive and ESP-in-UDP apart (RFC 3948 §2). Never raises."""
    data = bytes(payload)
    if not uses_non_esp_marker(src_port, dst_port):
        return UdpContent(UdpContentKind.IKE, data, 0)
    if data == NAT_KEEPALIVE:
        return UdpContent(UdpContentKind.NAT_KEEPALIVE)
    if len(data) < 4:
        return UdpContent(
            UdpContentKind.UNKNOWN,
            reason=f"{len(data)} bytes: too short for the non-ESP marker or an ESP header",
        )
    if data[:4] == NON_ESP_MARKER:
        return UdpContent(UdpContentKind.IKE, data[4:], 4)
    if len(data) < 8:
        return UdpContent(
            UdpContentKind.UNKNOWN,
            reason=f"{len(data)} bytes: too short for an ESP header (SPI and sequence number)",
        )
    return UdpContent(
        UdpContentKind.ESP,
        esp_spi=int.from_bytes(data[:4], "big"),
        esp_sequence=int.from_bytes(data[4:8], "big"),
    )


def frame_for_port(ike_message: bytes, *, src_port: int, dst_port: int) -> bytes:
    """The UDP payload that carries ``ike_message`` between these ports."""
    # uses_non_esp_marker(src_port, dst_port), written out: one call less per datagram.
    if IKE_PORT not in (src_port, dst_port):
        return NON_ESP_MARKER + ike_message
    return ike_message
