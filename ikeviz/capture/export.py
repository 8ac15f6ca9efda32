"""A simulated negotiation as a capture file, and the keys Wireshark needs to decrypt it.

:func:`export_pcap` writes every message the two peers put on the wire (retransmissions
included) as a UDP frame, in the order they were sent:

- Addresses and ports are those of the datagrams as the network carried them between the
  NAT (if any) and the responder: with ``Network(nat=True)`` the initiator's frames come from
  the NAT's public address and mapped port, as the responder saw them. After a NAT-T float
  the frames use port 4500 (on the initiator's side, the NAT's next mapped port) and start
  with the 4-byte non-ESP marker (RFC 3948 §2.2), exactly as the engine framed them.
- Timestamps are ``start_time_ns`` plus the virtual time the message was sent at (the
  default start is 2026-01-01T00:00:00Z), so the time column shows the simulation's clock.
- The bytes depend on the run only: the IPv4 identification comes from a per-source
  counter (1, 2, 3...), MAC addresses are derived from the IP addresses, checksums are
  computed, and the file headers carry no clock and no host name. Same run, same file.
- ``link="ethernet"`` (the default) writes Ethernet II frames, ``link="raw"`` bare IP packets
  (LINKTYPE_RAW). ``pcapng=True`` writes pcapng, each packet with a comment naming the
  message ("MM5 initiator -> responder"); otherwise classic pcap with microsecond timestamps.
- ``ipv6=True`` writes IPv4 addresses as IPv4-embedded IPv6 addresses in the well-known
  NAT64 prefix (RFC 6052: 192.0.2.10 becomes 64:ff9b::c000:20a). The messages themselves are
  not changed (their ID payloads and NAT-D hashes still name the IPv4 addresses), so this
  only shows the same exchange over IPv6 transport. Scenarios whose gateways already have
  IPv6 addresses are exported over IPv6 with or without the flag.

No secret is written to the capture: it holds what went on the wire, nothing else (the
pre-shared key never travels).

The keys file
-------------

:func:`keys_file_lines` gives the derived keys in Wireshark's own record formats, one per
line, each prefixed by the name of the Wireshark table it belongs to; :func:`write_keys_file`
writes them after a comment header. Lines starting with ``#`` and blank lines are comments::

    # ikeviz keys: OmniPCX Office to strongSwan: a working tunnel (seed 1)
    ikev1_decryption_table: 9be866914b58a1bb,8ad9212117d46692aeb690c22ac9ff6756a8c7e7d78cfe29
    esp_sa: "IPv4","192.0.2.10","198.51.100.20","0x1c2d3e4f","TripleDES-CBC [RFC2451]",\
"0x…","HMAC-SHA-1-96 [RFC2404]","0x…"

- ``ikev1_decryption_table: ICOOKIE,KEY``: one per ISAKMP SA, the initiator's cookie and the
  final phase-1 encryption key Ka (SKEYID_e expanded or cut to the cipher's key length), in
  hex. Wireshark computes the IVs itself from the KE payloads of messages 3 and 4, which the
  capture contains. When the two peers derived different keys (a pre-shared key mismatch),
  the initiator's key is the record and the responder's follows as a comment: Wireshark
  keeps one key per cookie (with two records, the last one wins), so the initiator's
  messages decrypt; the responder's never do (see "What Wireshark cannot decrypt").
- ``esp_sa: "IPv4"|"IPv6","SRC","DST","0xSPI","ENCRYPTION","0xKEY","AUTHENTICATION","0xKEY"``:
  one per direction of each negotiated ESP SA (initiator to responder first), with the
  addresses as on the wire (the NAT's public address for a NATed initiator; IPv6 addresses
  written out in full, as Wireshark's matcher expects) and the algorithm names Wireshark 4.0
  accepts, e.g. "TripleDES-CBC [RFC2451]", "AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]",
  "HMAC-SHA-256-128 [RFC4868]". The AES-CTR and AES-GCM keys include their 4-byte salt, as
  Wireshark wants them. An SA Wireshark cannot decrypt (AH, AES-CCM) is listed as a comment.

Without the prefix, each record is a line of Wireshark's ``ikev1_decryption_table`` or
``esp_sa`` file (in the profile directory). :func:`tshark_options` turns a keys file into
tshark options::

    tshark -r run.pcap -o 'uat:ikev1_decryption_table:9be8…,8ad9…' \\
        -o esp.enable_encryption_decode:TRUE -o 'uat:esp_sa:"IPv4","192.0.2.10",…'

and ``ikeviz export-pcap`` prints that command line when it writes a keys file. tshark
decodes UDP port 4500 (non-ESP marker, then ISAKMP) without a ``-d`` option.

What Wireshark cannot decrypt
-----------------------------

Checked with tshark 4.0; the capture is right in both cases, Wireshark's IV tracking is not:

- A retransmitted encrypted message: Wireshark chains the IV from the previous frame of
  the exchange, i.e. from the first transmission, so the retransmission's first block
  decrypts to garbage ("Malformed Packet").
- With a pre-shared key mismatch, the responder's encrypted Notification: it is encrypted
  with the responder's own key and IV chain (the chain did not advance past the message 5
  it could not decrypt), which no key record can reproduce.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Final, Literal, cast

from ikeviz.capture.packets import (
    ETHERTYPE_IPV4,
    ETHERTYPE_IPV6,
    LINKTYPE_ETHERNET,
    LINKTYPE_RAW,
    build_ethernet,
    build_ipv4_udp,
    build_ipv6_udp,
)
from ikeviz.capture.pcapfile import PcapngWriter, PcapWriter
from ikeviz.protocol.config import Role
from ikeviz.protocol.events import Address, MessageSent
from ikeviz.protocol.keyschedule import SaDirectionKeys
from ikeviz.protocol.registry import ProtocolId
from ikeviz.simulation import ScenarioRun

__all__ = [
    "DEFAULT_START_TIME_NS",
    "ESP_AUTHENTICATION_NAMES",
    "ESP_ENCRYPTION_NAMES",
    "ExportResult",
    "ExportedFrame",
    "KeysFileError",
    "export_pcap",
    "keys_file_lines",
    "tshark_options",
    "write_keys_file",
]

#: 2026-01-01T00:00:00Z in nanoseconds since the epoch: where the virtual clock starts.
DEFAULT_START_TIME_NS: Final = 1_767_225_600 * 1_000_000_000

#: RFC 6052 §2.1: the well-known prefix for IPv4-embedded IPv6 addresses.
_NAT64_PREFIX: Final = ipaddress.IPv6Address("64:ff9b::")

#: ESP transform id (RFC 2407 §4.4.4, IANA) -> Wireshark's "Encryption" field of esp_sa, as
#: in packet-ipsec.c's esp_encryption_type_vals (Wireshark 4.0).
ESP_ENCRYPTION_NAMES: Final[dict[int, str]] = {
    2: "DES-CBC [RFC2405]",
    3: "TripleDES-CBC [RFC2451]",
    6: "CAST5-CBC [RFC2144]",
    7: "BLOWFISH-CBC [RFC2451]",
    11: "NULL",
    12: "AES-CBC [RFC3602]",
    13: "AES-CTR [RFC3686]",
    18: "AES-GCM with 8 octet ICV [RFC4106]",
    19: "AES-GCM with 12 octet ICV [RFC4106]",
    20: "AES-GCM with 16 octet ICV [RFC4106]",
}

#: Authentication Algorithm (RFC 2407 §4.5, class 5; None: none) -> Wireshark's
#: "Authentication" field of esp_sa (esp_authentication_type_vals, Wireshark 4.0).
#: AES-XCBC-MAC-96 is not implemented there: its ICV is skipped unchecked.
ESP_AUTHENTICATION_NAMES: Final[dict[int | None, str]] = {
    None: "NULL",
    1: "HMAC-MD5-96 [RFC2403]",
    2: "HMAC-SHA-1-96 [RFC2404]",
    5: "HMAC-SHA-256-128 [RFC4868]",
    6: "HMAC-SHA-384-192 [RFC4868]",
    7: "HMAC-SHA-512-256 [RFC4868]",
    8: "MAC-RIPEMD-160-96 [RFC2857]",
    9: "ANY 96 bit authentication [no checking]",
}

_IKEV1_TABLE: Final = "ikev1_decryption_table"
_ESP_TABLE: Final = "esp_sa"
_TTL: Final = 64

Link = Literal["ethernet", "raw"]


@dataclass(frozen=True)
class ExportedFrame:
    """One frame of the exported capture and the message it carries."""

    number: int  # 1-based, as Wireshark numbers frames
    timestamp_ns: int
    label: str  # "MM1", "QM2", "INFO (delete ESP)"...
    role: Role  # the sender
    retransmission: int  # 0: first transmission
    source: Address  # as written in the frame (after the NAT, after the IPv6 mapping)
    destination: Address
    event: MessageSent


@dataclass(frozen=True)
class ExportResult:
    path: str
    link_type: int  # LINKTYPE_ETHERNET or LINKTYPE_RAW
    pcapng: bool
    ip_version: int  # 4 or 6 (of the first frame; every frame has the same)
    frames: tuple[ExportedFrame, ...]
    size: int  # bytes written

    @property
    def duration_ns(self) -> int:
        if not self.frames:
            return 0
        return self.frames[-1].timestamp_ns - self.frames[0].timestamp_ns


class KeysFileError(ValueError):
    """A keys file :func:`tshark_options` cannot use, with the line at fault."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}: line {line}: {message}")
        self.path = path
        self.line = line


# --- addresses as on the wire -----------------------------------------------------------


def _wire_datagrams(run: ScenarioRun) -> Iterator[tuple[MessageSent, Address, Address]]:
    """Every message sent, with the addresses it had between the NAT and the responder.

    The peers report the datagrams as they sent them; the simulation's NAT rewrites the
    initiator's source on the way out. Replaying the NAT on a fresh mapping, in send order,
    gives the same mapping the simulation built (it assigns ports in order of first use).
    """
    nat = run.simulation.nat
    mapping: dict[Address, Address] = {}
    for event in run.trace.events:
        if not isinstance(event, MessageSent):
            continue
        datagram = event.datagram
        if nat is not None and event.role is Role.INITIATOR:
            datagram = nat.outbound(datagram, mapping)
        yield event, datagram.source, datagram.destination


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(host)


def _as_ipv6(host: str) -> str:
    address = _ip(host)
    if isinstance(address, ipaddress.IPv6Address):
        return str(address)
    return str(ipaddress.IPv6Address(int(_NAT64_PREFIX) | int(address)))


def _needs_ipv6(run: ScenarioRun, ipv6: bool) -> bool:
    """Whether the frames are IPv6: asked for, or some address of the run is IPv6."""
    if ipv6:
        return True
    hosts = [run.scenario.left.address, run.scenario.right.address]
    if run.scenario.network.nat:
        hosts.append(run.scenario.network.nat_public_address)
    for _, source, destination in _wire_datagrams(run):
        hosts += [source.host, destination.host]
    return any(isinstance(_ip(h), ipaddress.IPv6Address) for h in hosts)


def _mapper(run: ScenarioRun, ipv6: bool) -> tuple[int, dict[str, str]]:
    """The IP version of the frames, and a host rewriting table (empty: none)."""
    if not _needs_ipv6(run, ipv6):
        return 4, {}
    table: dict[str, str] = {}
    for _, source, destination in _wire_datagrams(run):
        for host in (source.host, destination.host):
            table[host] = _as_ipv6(host)
    for gateway in (run.scenario.left, run.scenario.right):
        table[gateway.address] = _as_ipv6(gateway.address)
    if run.scenario.network.nat:
        public = run.scenario.network.nat_public_address
        table[public] = _as_ipv6(public)
    return 6, table


def _mac(host: str) -> bytes:
    """A locally administered unicast MAC address derived from the IP address."""
    packed = _ip(host).packed
    if len(packed) == 4:
        return b"\x02\x00" + packed
    return b"\x02" + hashlib.sha256(packed).digest()[:5]


# --- the capture ------------------------------------------------------------------------


def export_pcap(
    run: ScenarioRun,
    path: str | os.PathLike[str] | BinaryIO,
    *,
    ipv6: bool = False,
    link: Link = "ethernet",
    start_time_ns: int = DEFAULT_START_TIME_NS,
    pcapng: bool = False,
) -> ExportResult:
    """Write the negotiation of ``run`` as a capture file (see the module docstring).

    ``path`` is a file name (created or replaced) or a binary stream (written from its
    position, not closed). Raises ValueError for a bad ``link`` or a negative start time,
    OSError when the file cannot be written.
    """
    if link not in ("ethernet", "raw"):
        raise ValueError(f"link must be 'ethernet' or 'raw', not {link!r}")
    if start_time_ns < 0:
        raise ValueError("start_time_ns must not be before 1970")
    link_type = LINKTYPE_ETHERNET if link == "ethernet" else LINKTYPE_RAW
    version, hosts = _mapper(run, ipv6)
    if isinstance(path, str | os.PathLike):
        name = os.fspath(path)
        with open(name, "wb") as stream:
            frames, size = _write(run, stream, version, hosts, link_type, start_time_ns, pcapng)
    else:
        given = getattr(path, "name", None)
        name = given if isinstance(given, str) else "<stream>"
        frames, size = _write(run, path, version, hosts, link_type, start_time_ns, pcapng)
    return ExportResult(name, link_type, pcapng, version, frames, size)


class _Counting:
    """A write-only stream wrapper that counts the bytes written."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.size = 0

    def write(self, data: bytes) -> int:
        self.stream.write(data)
        self.size += len(data)
        return len(data)


def _write(
    run: ScenarioRun,
    stream: BinaryIO,
    version: int,
    hosts: dict[str, str],
    link_type: int,
    start_time_ns: int,
    pcapng: bool,
) -> tuple[tuple[ExportedFrame, ...], int]:
    out = _Counting(stream)
    target = cast(BinaryIO, out)  # only write() is called on it
    ng = PcapngWriter(target, application="ikeviz") if pcapng else None
    classic = None if pcapng else PcapWriter(target, link_type)
    idents: dict[str, int] = {}
    frames: list[ExportedFrame] = []
    for event, source, destination in _wire_datagrams(run):
        src = Address(hosts.get(source.host, source.host), source.port)
        dst = Address(hosts.get(destination.host, destination.host), destination.port)
        payload = event.datagram.data
        if version == 6:
            packet = build_ipv6_udp(src.host, dst.host, src.port, dst.port, payload,
                                    hop_limit=_TTL)
            ethertype = ETHERTYPE_IPV6
        else:
            ident = idents[src.host] = idents.get(src.host, 0) + 1
            packet = build_ipv4_udp(src.host, dst.host, src.port, dst.port, payload,
                                    ident=ident & 0xFFFF, ttl=_TTL)
            ethertype = ETHERTYPE_IPV4
        if link_type == LINKTYPE_ETHERNET:
            packet = build_ethernet(packet, ethertype, _mac(src.host), _mac(dst.host))
        timestamp = start_time_ns + round(event.time * 1_000_000_000)
        if ng is not None:
            again = f" (retransmission {event.retransmission})" if event.retransmission else ""
            comment = (f"{event.label} {event.role.value} -> {event.role.other.value}{again}")
            ng.write(timestamp, packet, link_type=link_type, comment=comment)
        else:
            assert classic is not None
            classic.write(timestamp, packet)
        frames.append(ExportedFrame(len(frames) + 1, timestamp, event.label, event.role,
                                    event.retransmission, src, dst, event))
    return tuple(frames), out.size


# --- the keys ---------------------------------------------------------------------------


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wire_hosts(run: ScenarioRun, ipv6: bool) -> tuple[int, str, str]:
    """IP version and the initiator's and responder's addresses as the frames show them."""
    version, hosts = _mapper(run, ipv6)
    initiator = run.gateway(Role.INITIATOR).address
    if run.scenario.network.nat:
        initiator = run.scenario.network.nat_public_address
    responder = run.gateway(Role.RESPONDER).address

    def shown(host: str) -> str:
        host = hosts.get(host, host)
        # Wireshark's esp_sa matcher expands "::" badly in some versions: write it all out.
        return ipaddress.IPv6Address(host).exploded if version == 6 else host

    return version, shown(initiator), shown(responder)


def _esp_record(version: int, src: str, dst: str, keys: SaDirectionKeys,
                transform: int, auth: int | None) -> str:
    fields = [
        "IPv6" if version == 6 else "IPv4",
        src,
        dst,
        "0x" + keys.spi.hex(),
        ESP_ENCRYPTION_NAMES[transform],
        "0x" + keys.encryption_key.hex(),
        ESP_AUTHENTICATION_NAMES[auth],
        "0x" + keys.integrity_key.hex(),
    ]
    return ",".join(_quote(f) for f in fields)


def keys_file_lines(run: ScenarioRun, *, ipv6: bool = False) -> list[str]:
    """The keys file's records: ISAKMP SAs, then ESP SAs (see the module docstring).

    ``ipv6`` must be what the capture was exported with, so that the ESP SAs name the
    addresses the frames show. A run that failed before deriving keys gives no line.
    """
    lines: list[str] = []
    cookies: dict[bytes, bytes] = {}
    for role in (Role.INITIATOR, Role.RESPONDER):
        p1 = run.peer(role).p1
        if p1.keys is None:
            continue
        record = f"{p1.icookie.hex()},{p1.keys.encryption_key.hex()}"
        known = cookies.setdefault(p1.icookie, p1.keys.encryption_key)
        if known == p1.keys.encryption_key:
            if f"{_IKEV1_TABLE}: {record}" not in lines:
                lines.append(f"{_IKEV1_TABLE}: {record}")
        else:
            # Wireshark keeps one key per cookie (the last record given wins), and the
            # responder's messages would not decrypt anyway: they use its own IV chain.
            lines.append(f"# the {role.value} derived another key (the pre-shared keys "
                         f"differ): {_IKEV1_TABLE}: {record}")
    version, initiator, responder = _wire_hosts(run, ipv6)
    for role in (Role.INITIATOR, Role.RESPONDER):
        peer = run.peer(role)
        qm, child = peer.qm, peer.child_keys
        if qm is None or child is None:
            continue
        directions = (
            (initiator, responder, child.initiator_to_responder),
            (responder, initiator, child.responder_to_initiator),
        )
        for src, dst, keys in directions:
            if qm.chosen_protocol != ProtocolId.IPSEC_ESP:
                line = (f"# {_ESP_TABLE}: {src} -> {dst} SPI 0x{keys.spi.hex()}: not ESP "
                        f"(protocol {qm.chosen_protocol}), nothing for Wireshark to decrypt")
            elif (qm.chosen_transform not in ESP_ENCRYPTION_NAMES
                  or qm.chosen_auth not in ESP_AUTHENTICATION_NAMES):
                line = (f"# {_ESP_TABLE}: {src} -> {dst} SPI 0x{keys.spi.hex()}: transform "
                        f"{qm.chosen_transform} / authentication {qm.chosen_auth} has no "
                        f"Wireshark name")
            else:
                record = _esp_record(version, src, dst, keys, qm.chosen_transform,
                                     qm.chosen_auth)
                line = f"{_ESP_TABLE}: {record}"
            if line not in lines:
                lines.append(line)
    return lines


def write_keys_file(run: ScenarioRun, path: str | os.PathLike[str], *,
                    ipv6: bool = False) -> list[str]:
    """Write the keys file of ``run``, readable by the owner only; returns its records."""
    lines = keys_file_lines(run, ipv6=ipv6)
    title = " ".join(run.scenario.title.split())
    header = [
        f"# ikeviz keys: {title} (seed {run.scenario.seed})",
        "# Each line: <Wireshark table>: <record of that table>. The format and the tshark "
        "options that load it: see ikeviz.capture.export (tshark_options).",
    ]
    text = "\n".join(header + lines) + "\n"
    name = os.fspath(path)
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    return lines


def tshark_options(keys_path: str | os.PathLike[str]) -> list[str]:
    """The tshark arguments that load the keys of a keys file (see the module docstring).

    Raises KeysFileError for a line that is not a comment or a known table's record, and
    OSError when the file cannot be read.
    """
    name = os.fspath(keys_path)
    with open(name, encoding="utf-8") as stream:
        text = stream.read()
    ikev1: list[str] = []
    esp: list[str] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        table, colon, record = line.partition(":")
        record = record.strip()
        if not colon or not record:
            raise KeysFileError(name, number, 'expected "ikev1_decryption_table: ..." or '
                                '"esp_sa: ...", or a comment starting with "#"')
        table = table.strip()
        if table == _IKEV1_TABLE:
            _check_ikev1_record(name, number, record)
            ikev1.append(record)
        elif table == _ESP_TABLE:
            if len(_split_record(record)) != 8:
                raise KeysFileError(name, number, "an esp_sa record has 8 quoted fields")
            esp.append(record)
        else:
            raise KeysFileError(name, number, f"unknown table {table!r} (known: "
                                f"{_IKEV1_TABLE}, {_ESP_TABLE})")
    options: list[str] = []
    for record in ikev1:
        options += ["-o", f"uat:{_IKEV1_TABLE}:{record}"]
    if esp:
        options += ["-o", "esp.enable_encryption_decode:TRUE"]
        for record in esp:
            options += ["-o", f"uat:{_ESP_TABLE}:{record}"]
    return options


def _split_record(record: str) -> list[str]:
    """The fields of a UAT record: comma-separated, each quoted or bare."""
    fields: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in record:
        if escaped:
            current.append(char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            fields.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    fields.append("".join(current).strip())
    return fields


def _check_ikev1_record(path: str, number: int, record: str) -> None:
    fields = _split_record(record)
    if len(fields) != 2:
        raise KeysFileError(path, number, "an ikev1_decryption_table record is "
                            "ICOOKIE,KEY (two hex fields)")
    cookie, key = fields
    try:
        cookie_bytes, key_bytes = bytes.fromhex(cookie), bytes.fromhex(key)
    except ValueError:
        raise KeysFileError(path, number, "the cookie and the key must be hex") from None
    if len(cookie_bytes) != 8:
        raise KeysFileError(path, number, f"the initiator's cookie has 8 bytes, not "
                            f"{len(cookie_bytes)}")
    if not 1 <= len(key_bytes) <= 256:
        raise KeysFileError(path, number, f"the key has 1 to 256 bytes, not {len(key_bytes)}")

