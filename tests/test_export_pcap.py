"""Captures out: ``export_pcap`` and the keys file, checked against Wireshark's dissector.

For every bundled lesson (and a NAT-T, an AES/SHA-256 and an IPv6 scenario built here) the
negotiation is exported, tshark reads it once with the exported keys, and every frame must
dissect cleanly; every encrypted message tshark can decrypt must give the engine's
plaintext, payload by payload, and the values tshark shows (cookies, SA attributes, IDs,
hashes, nonces, KE data, SPIs, notifications, deletes) must equal the engine's. The ESP
keys are checked by building ESP packets with them and letting tshark decrypt and
authenticate those.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import ipaddress
import struct
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pytest

from ikeviz.capture.export import (
    DEFAULT_START_TIME_NS,
    ESP_AUTHENTICATION_NAMES,
    ESP_ENCRYPTION_NAMES,
    ExportResult,
    KeysFileError,
    export_pcap,
    keys_file_lines,
    tshark_options,
    write_keys_file,
)
from ikeviz.capture.packets import (
    LINKTYPE_RAW,
    build_ipv4_udp,
    build_ipv6_udp,
    read_udp_datagrams,
)
from ikeviz.capture.pcapfile import PcapWriter, read_frames
from ikeviz.cli import export_cmd
from ikeviz.protocol import ciphers
from ikeviz.protocol.codec import (
    Delete,
    Hash,
    Identification,
    KeyExchange,
    NatDiscovery,
    Nonce,
    Notification,
    Payload,
    SecurityAssociation,
    VendorId,
    decode_header,
    encode_payload,
)
from ikeviz.protocol.config import ChildProposal, EspTransform, IkeProposal, Role
from ikeviz.protocol.events import MessageSent
from ikeviz.protocol.registry import IdType
from ikeviz.protocol.transport import NON_ESP_MARKER
from ikeviz.scenario.lessons import bundled_lessons
from ikeviz.scenario.model import Network, Scenario
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario

from .tshark import NO_TSHARK, TSHARK, PdmlPayload, _payload

PROFILES = builtin_profiles()
LESSONS = {entry.name: entry.scenario for entry in bundled_lessons(PROFILES.keys())}
SEVERITY_ERROR = 0x00800000  # PI_ERROR in Wireshark's proto.h
CHECKSUMS = ("-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE")


# --- scenarios built here -------------------------------------------------------------------


def _reference() -> Scenario:
    return LESSONS["omnipcx-strongswan-ok"]


def nat_t_scenario() -> Scenario:
    """Two strongSwan gateways with NAT-T, the initiator behind a NAT (FQDN identity)."""
    base = _reference()
    left = replace(base.left, profile="strongswan-5.9", nat_traversal=True,
                   identity_type="fqdn", identity="paris.example.org")
    right = replace(base.right, nat_traversal=True, peer_identity_type="fqdn",
                    peer_identity="paris.example.org")
    return replace(base, title="NAT-T through a NAT", left=left, right=right,
                   network=Network(nat=True, nat_public_address="203.0.113.10"))


def aes_scenario() -> Scenario:
    """strongSwan to strongSwan with AES-256, SHA2-256, group 14 and ESP AES-256/SHA2-256."""
    base = _reference()
    phase1 = (IkeProposal(encryption=7, key_length=256, hash=4, group=14),)
    phase2 = (ChildProposal(transforms=(EspTransform(12, 256, 5),), pfs_group=14),)
    left = replace(base.left, profile="strongswan-5.9", phase1=phase1, phase2=phase2)
    right = replace(base.right, phase1=phase1, phase2=phase2)
    return replace(base, title="AES-256 and SHA2-256", left=left, right=right, seed=7)


def ipv6_scenario() -> Scenario:
    """strongSwan to strongSwan over IPv6 (the OmniPCX profile's identities are IPv4 only)."""
    base = _reference()
    left = replace(base.left, profile="strongswan-5.9", address="2001:db8:1::10",
                   identity_type="ipv6", peer_identity_type="ipv6",
                   local_subnet="2001:db8:10::/64", remote_subnet="2001:db8:20::/64")
    right = replace(base.right, address="2001:db8:2::20", identity_type="ipv6",
                    peer_identity_type="ipv6",
                    local_subnet="2001:db8:20::/64", remote_subnet="2001:db8:10::/64")
    return replace(base, title="IPv6", left=left, right=right)


EXTRA = {"built:nat-t": nat_t_scenario, "built:aes256-sha256": aes_scenario,
         "built:ipv6": ipv6_scenario}
CASES = sorted(LESSONS) + sorted(EXTRA)


@cache
def scenario_run(case: str) -> ScenarioRun:
    scenario = LESSONS[case] if case in LESSONS else EXTRA[case]()
    return run_scenario(scenario, PROFILES, delete_at_end=True)


# --- tshark, once per capture ---------------------------------------------------------------


@dataclass
class TsharkFrame:
    number: int
    malformed: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)  # outside ISAKMP
    header: dict[str, str] = field(default_factory=dict)
    payloads: list[tuple[PdmlPayload, str, dict[str, list[str]]]] = field(default_factory=list)
    decrypted: list[tuple[PdmlPayload, str, dict[str, list[str]]]] = field(default_factory=list)
    extra: str = ""  # isakmp.extradata after the decrypted payloads (padding)
    encrypted_size: int = 0


def _raw(elem: ET.Element) -> str:
    """A field's bytes as hex (PDML ``value``; ``show`` for the few that have no value)."""
    return (elem.get("value") or elem.get("show", "").replace(":", "")).lower()


def _flatten(elem: ET.Element, out: dict[str, list[str]]) -> None:
    """Every field below ``elem``, by name, not descending into nested payloads."""
    for child in elem:
        name = child.get("name", "")
        if name == "isakmp.typepayload":
            continue
        out.setdefault(name, []).append(child.get("show", ""))
        out.setdefault(name + "#raw", []).append(_raw(child))
        _flatten(child, out)


def _payload_entry(elem: ET.Element) -> tuple[PdmlPayload, str, dict[str, list[str]]]:
    flat: dict[str, list[str]] = {}
    _flatten(elem, flat)
    return _payload(elem), _raw(elem), flat


def run_tshark(pcap: Path, *options: str) -> dict[int, TsharkFrame]:
    assert TSHARK is not None
    out = subprocess.run([TSHARK, "-r", str(pcap), "-T", "pdml", *options],
                         check=True, capture_output=True, timeout=120).stdout
    frames: dict[int, TsharkFrame] = {}
    for packet in ET.fromstring(out).iter("packet"):
        number = 0
        for elem in packet.iter("field"):
            if elem.get("name") == "num":
                number = int(elem.get("show", "0"))
                break
        frame = frames[number] = TsharkFrame(number)
        for proto in packet.findall("proto"):
            name = proto.get("name")
            if name == "_ws.malformed":
                frame.malformed = True
            if name == "isakmp":
                _isakmp(proto, frame)
            elif name not in ("geninfo", "frame"):
                _flatten(proto, frame.fields)
        for expert in packet.iter("field"):
            if expert.get("name") != "_ws.expert":
                continue
            severity = 0
            for sub in expert.iter("field"):
                if sub.get("name") == "_ws.expert.severity":
                    severity = int(sub.get("show", "0"), 0)
            text = expert.get("showname", "")
            (frame.errors if severity >= SEVERITY_ERROR else frame.warnings).append(text)
    return frames


def _isakmp(proto: ET.Element, frame: TsharkFrame) -> None:
    for child in proto:
        name = child.get("name", "")
        if name == "isakmp.typepayload":
            frame.payloads.append(_payload_entry(child))
        elif name == "isakmp.enc.data":
            frame.encrypted_size = int(child.get("size", "0"))
            for sub in child:
                if sub.get("name") == "isakmp.typepayload":
                    frame.decrypted.append(_payload_entry(sub))
                elif sub.get("name") == "isakmp.extradata":
                    frame.extra += _raw(sub)
        else:
            frame.header[name] = _raw(child)


# --- comparisons: the engine's values against tshark's ---------------------------------------


def _int(raw: str) -> int:
    return int(raw, 16)


class Mismatch(AssertionError):
    pass


@dataclass
class Counter:
    n: int = 0

    def eq(self, what: str, theirs: object, ours: object) -> None:
        if theirs != ours:
            raise Mismatch(f"{what}: tshark {theirs!r}, engine {ours!r}")
        self.n += 1


def _first(flat: dict[str, list[str]], name: str) -> str:
    values = flat.get(name + "#raw")
    if not values:
        raise Mismatch(f"tshark shows no {name}")
    return values[0]


def compare_sa(ours: SecurityAssociation, theirs: PdmlPayload, flat: dict[str, list[str]],
               c: Counter) -> None:
    c.eq("SA DOI", _int(_first(flat, "isakmp.sa.doi")), ours.doi)
    c.eq("SA situation", _int(_first(flat, "isakmp.sa.situation")), ours.situation)
    c.eq("proposals", len(theirs.children), len(ours.proposals))
    for proposal, p_pdml in zip(ours.proposals, theirs.children, strict=True):
        c.eq("proposal number", int(p_pdml.fields["isakmp.prop.number"][0], 0),
             proposal.number)
        c.eq("protocol", int(p_pdml.fields["isakmp.prop.protoid"][0], 0), proposal.protocol_id)
        if proposal.spi:
            c.eq("proposal SPI", p_pdml.fields["isakmp.spi"][0].replace(":", ""),
                 proposal.spi.hex())
        c.eq("transforms", len(p_pdml.children), len(proposal.transforms))
        for transform, t_pdml in zip(proposal.transforms, p_pdml.children, strict=True):
            c.eq("transform number", int(t_pdml.fields["isakmp.trans.number"][0], 0),
                 transform.number)
            c.eq("transform id", int(t_pdml.fields["isakmp.trans.id"][0], 0),
                 transform.transform_id)
            ours_attrs = [(a.type, f"{a.value:04x}" if isinstance(a.value, int)
                           else a.value.hex()) for a in transform.attributes]
            theirs_attrs = [(t, v.replace(":", "").lower()) for t, v in t_pdml.attributes]
            c.eq("attributes", theirs_attrs, ours_attrs)
            c.n += 2 * len(ours_attrs) - 1


def compare_identification(ours: Identification, flat: dict[str, list[str]],
                           c: Counter) -> None:
    c.eq("ID type", _int(_first(flat, "isakmp.id.type")), ours.id_type)
    c.eq("ID protocol", _int(_first(flat, "isakmp.id.protoid")), ours.protocol_id)
    c.eq("ID port", _int(_first(flat, "isakmp.id.port")), ours.port)
    data = ours.data
    if ours.id_type == IdType.IPV4_ADDR:
        c.eq("ID IPv4", flat["isakmp.id.data.ipv4_addr"][0], str(ipaddress.IPv4Address(data)))
    elif ours.id_type == IdType.IPV4_ADDR_SUBNET:
        c.eq("ID IPv4 subnet", (flat["isakmp.id.data.ipv4_addr"][0],
                                flat["isakmp.id.data.ipv4_subnet"][0]),
             (str(ipaddress.IPv4Address(data[:4])), str(ipaddress.IPv4Address(data[4:]))))
    elif ours.id_type == IdType.IPV6_ADDR:
        c.eq("ID IPv6", _first(flat, "isakmp.id.data.ipv6_addr"), data.hex())
    elif ours.id_type == IdType.IPV6_ADDR_SUBNET:
        c.eq("ID IPv6 subnet", (_first(flat, "isakmp.id.data.ipv6_addr"),
                                _first(flat, "isakmp.id.data.ipv6_subnet")),
             (data[:16].hex(), data[16:].hex()))
    elif ours.id_type == IdType.FQDN:
        c.eq("ID FQDN", flat["isakmp.id.data.fqdn"][0], data.decode())
    else:
        raise Mismatch(f"ID type {ours.id_type} not compared")


def compare_payload(ours: Payload, next_type: int,
                    entry: tuple[PdmlPayload, str, dict[str, list[str]]], c: Counter) -> None:
    theirs, raw, flat = entry
    c.eq("payload type", theirs.type, ours.payload_type)
    # The payload's bytes as tshark shows them (generic header included) are ours.
    c.eq(f"payload {ours.payload_type} bytes", raw, encode_payload(ours, next_type).hex())
    if isinstance(ours, SecurityAssociation):
        compare_sa(ours, theirs, flat, c)
    elif isinstance(ours, KeyExchange):
        c.eq("KE data", _first(flat, "isakmp.key_exchange.data"), ours.data.hex())
    elif isinstance(ours, Nonce):
        c.eq("nonce", _first(flat, "isakmp.nonce"), ours.data.hex())
    elif isinstance(ours, Hash):
        c.eq("hash", _first(flat, "isakmp.hash"), ours.data.hex())
    elif isinstance(ours, Identification):
        compare_identification(ours, flat, c)
    elif isinstance(ours, VendorId):
        c.eq("vendor ID", _first(flat, "isakmp.vid_bytes"), ours.data.hex())
    elif isinstance(ours, NatDiscovery):
        c.eq("NAT-D hash", _first(flat, "isakmp.ike.nat_hash"), ours.data.hex())
    elif isinstance(ours, Notification):
        c.eq("notify DOI", _int(_first(flat, "isakmp.notify.doi")), ours.doi)
        c.eq("notify protocol", _int(_first(flat, "isakmp.notify.protoid")), ours.protocol_id)
        c.eq("notify type", _int(_first(flat, "isakmp.notify.msgtype")), ours.notify_type)
        c.eq("notify SPI size", _int(_first(flat, "isakmp.spisize")), len(ours.spi))
        if ours.spi:
            c.eq("notify SPI", _first(flat, "isakmp.spi"), ours.spi.hex())
    elif isinstance(ours, Delete):
        c.eq("delete DOI", _int(_first(flat, "isakmp.delete.doi")), ours.doi)
        c.eq("delete protocol", _int(_first(flat, "isakmp.delete.protoid")), ours.protocol_id)
        c.eq("delete SPI size", _int(_first(flat, "isakmp.spisize")), ours.spi_size)
        c.eq("delete SPIs", flat["isakmp.delete.spi#raw"], [s.hex() for s in ours.spis])
    else:
        raise Mismatch(f"payload type {ours.payload_type} not compared")


def compare_payloads(payloads: tuple[Payload, ...],
                     entries: list[tuple[PdmlPayload, str, dict[str, list[str]]]],
                     c: Counter) -> None:
    c.eq("payload types", [e[0].type for e in entries], [p.payload_type for p in payloads])
    nexts = [p.payload_type for p in payloads[1:]] + [0]
    for ours, next_type, entry in zip(payloads, nexts, entries, strict=True):
        compare_payload(ours, next_type, entry, c)


def compare_header(event: MessageSent, theirs: TsharkFrame, c: Counter) -> None:
    h = decode_header(event.data)  # the header as sent (the event's omits the next payload)
    c.eq("first payload", h.next_payload, event.payloads[0].payload_type)
    c.eq("initiator cookie", theirs.header["isakmp.ispi"], h.icookie.hex())
    c.eq("responder cookie", theirs.header["isakmp.rspi"], h.rcookie.hex())
    c.eq("next payload", _int(theirs.header["isakmp.nextpayload"]), h.next_payload)
    c.eq("exchange type", _int(theirs.header["isakmp.exchangetype"]), h.exchange_type)
    c.eq("flags", _int(theirs.header["isakmp.flags"]), h.flags)
    c.eq("message ID", _int(theirs.header["isakmp.messageid"]), h.message_id)
    c.eq("length", _int(theirs.header["isakmp.length"]), len(event.data))


def compare_addresses(frame: ExportResult, index: int, theirs: TsharkFrame,
                      c: Counter) -> None:
    ours = frame.frames[index]
    if frame.ip_version == 4:
        c.eq("IPv4 source", theirs.fields["ip.src"][0], ours.source.host)
        c.eq("IPv4 destination", theirs.fields["ip.dst"][0], ours.destination.host)
    else:
        c.eq("IPv6 source", theirs.fields["ipv6.src"][0],
             str(ipaddress.IPv6Address(ours.source.host)))
        c.eq("IPv6 destination", theirs.fields["ipv6.dst"][0],
             str(ipaddress.IPv6Address(ours.destination.host)))
    c.eq("UDP ports", (int(theirs.fields["udp.srcport"][0]), int(theirs.fields["udp.dstport"][0])),
         (ours.source.port, ours.destination.port))
    # Checksums verified by tshark (CHECKSUMS options): 1 is PROTO_CHECKSUM_E_GOOD.
    c.eq("UDP checksum", theirs.fields["udp.checksum.status"], ["1"])
    if frame.ip_version == 4:
        c.eq("IPv4 checksum", theirs.fields["ip.checksum.status"], ["1"])


# --- what tshark can decrypt ----------------------------------------------------------------


def exported_key(run: ScenarioRun) -> bytes | None:
    keys = run.peer(Role.INITIATOR).p1.keys or run.peer(Role.RESPONDER).p1.keys
    return None if keys is None else keys.encryption_key


def undecryptable_reason(run: ScenarioRun, event: MessageSent) -> str:
    """Why Wireshark cannot decrypt this encrypted message (see ikeviz.capture.export), or ""."""
    keys = run.peer(event.role).p1.keys
    if keys is None or keys.encryption_key != exported_key(run):
        return f"encrypted with the {event.role.value}'s own key (the PSKs differ)"
    if event.retransmission:
        return "a retransmission: Wireshark chains the IV from the first transmission"
    return ""


@dataclass
class Row:
    case: str
    frames: int = 0
    encrypted: int = 0
    decrypted: int = 0
    compared: int = 0
    undecryptable: list[str] = field(default_factory=list)

    def line(self) -> str:
        skipped = "; ".join(self.undecryptable) or "-"
        return (f"{self.case:<30} frames {self.frames:>2}  encrypted {self.encrypted:>2}  "
                f"decrypted {self.decrypted:>2}  values {self.compared:>4}  not decrypted: "
                f"{skipped}")


def check_case(case: str, tmp_path: Path, *, ipv6: bool = False) -> Row:
    run = scenario_run(case)
    pcap, keys = tmp_path / "run.pcap", tmp_path / "run.keys"
    result = export_pcap(run, pcap, ipv6=ipv6)
    write_keys_file(run, keys, ipv6=ipv6)
    frames = run_tshark(pcap, *CHECKSUMS, *tshark_options(keys))
    row = Row(case + (" (--ipv6)" if ipv6 else ""), frames=len(result.frames))
    assert sorted(frames) == [f.number for f in result.frames]
    c = Counter()
    undecryptable_frames = []
    for index, exported in enumerate(result.frames):
        event, theirs = exported.event, frames[exported.number]
        where = f"{case} frame {exported.number} ({event.label})"
        try:
            compare_addresses(result, index, theirs, c)
            compare_header(event, theirs, c)
            if not event.message.header.encrypted:
                assert not theirs.malformed and not theirs.errors, (theirs.errors, where)
                compare_payloads(event.payloads, theirs.payloads, c)
                continue
            row.encrypted += 1
            c.eq("encrypted size", theirs.encrypted_size, len(event.message.ciphertext or b""))
            reason = undecryptable_reason(run, event)
            if reason:
                row.undecryptable.append(f"{exported.number} {event.label}: {reason}")
                undecryptable_frames.append(exported.number)
                continue
            assert not theirs.malformed and not theirs.errors, (theirs.errors, where)
            compare_payloads(event.payloads, theirs.decrypted, c)
            # Everything tshark decrypted, padding included, is the engine's plaintext.
            c.eq("plaintext", "".join(e[1] for e in theirs.decrypted) + theirs.extra,
                 event.plaintext.hex())
            row.decrypted += 1
        except Mismatch as exc:
            raise AssertionError(f"{where}: {exc}") from None
    if undecryptable_frames:
        # Without keys, every frame (the encrypted ones as opaque data) dissects cleanly.
        plain = run_tshark(pcap, *CHECKSUMS)
        for number in undecryptable_frames:
            assert not plain[number].malformed and not plain[number].errors, number
    row.compared = c.n
    return row


@pytest.mark.parametrize("case", CASES)
@pytest.mark.tshark
@pytest.mark.skipif(TSHARK is None, reason=NO_TSHARK)
def test_every_frame_dissects_and_decrypts_to_the_engine_values(
        case: str, tmp_path: Path) -> None:
    row = check_case(case, tmp_path)
    print(row.line())
    run = scenario_run(case)
    expected_encrypted = sum(1 for e in run.trace.events
                             if isinstance(e, MessageSent) and e.message.header.encrypted)
    assert row.encrypted == expected_encrypted
    if exported_key(run) is not None and case != "wrong-psk":
        assert row.decrypted == row.encrypted and not row.undecryptable
    if run.trace.initiator_state.name == "DELETED":
        assert row.decrypted >= 6  # MM5, MM6, QM1-3 and the Delete Informationals


@pytest.mark.tshark
@pytest.mark.skipif(TSHARK is None, reason=NO_TSHARK)
def test_ipv6_option_on_an_ipv4_lesson(tmp_path: Path) -> None:
    row = check_case("omnipcx-strongswan-ok", tmp_path, ipv6=True)
    print(row.line())
    assert row.decrypted == row.encrypted == 7
    lines = keys_file_lines(scenario_run("omnipcx-strongswan-ok"), ipv6=True)
    assert '"IPv6","0064:ff9b:0000:0000:0000:0000:c000:020a"' in lines[1]


# --- ESP: packets built with the exported keys, decrypted by tshark --------------------------


_IKE_CIPHER = {3: 5, 12: 7}  # ESP transform -> the IKE cipher number ciphers.cbc_encrypt takes


def _esp_packet(src: str, dst: str, spi: bytes, seq: int, enc_key: bytes, auth_key: bytes,
                transform: int, auth: int, inner: bytes, *, udp_ports: tuple[int, int] | None
                ) -> bytes:
    block = 8 if transform == 3 else 16
    trailer_pad = -(len(inner) + 2) % block
    plaintext = inner + bytes(range(1, trailer_pad + 1)) + bytes([trailer_pad, 4])
    iv = hashlib.sha256(spi + seq.to_bytes(4, "big")).digest()[:block]
    body = spi + seq.to_bytes(4, "big") + iv + ciphers.cbc_encrypt(
        _IKE_CIPHER[transform], enc_key, iv, plaintext)
    digest, icv_len = {1: ("md5", 12), 2: ("sha1", 12), 5: ("sha256", 16)}[auth]
    esp = body + hmac.new(auth_key, body, digest).digest()[:icv_len]
    if udp_ports is not None:
        return build_ipv4_udp(src, dst, *udp_ports, esp)
    if ":" in src:
        ipv6 = struct.pack("!IHBB16s16s", 6 << 28, len(esp), 50, 64,
                           ipaddress.IPv6Address(src).packed, ipaddress.IPv6Address(dst).packed)
        return ipv6 + esp
    header = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(esp), 1, 0, 64, 50, 0,
                                   ipaddress.IPv4Address(src).packed,
                                   ipaddress.IPv4Address(dst).packed))
    total = sum(struct.unpack("!10H", header))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    header[10:12] = (~total & 0xFFFF).to_bytes(2, "big")
    return bytes(header) + esp


def _inner_packet(src: str, dst: str) -> bytes:
    if ":" in src:
        return build_ipv6_udp(src, dst, 5060, 5060, b"ikeviz esp test")
    return build_ipv4_udp(src, dst, 5060, 5060, b"ikeviz esp test")


@pytest.mark.parametrize("case", ["omnipcx-strongswan-ok", "built:nat-t",
                                  "built:aes256-sha256", "built:ipv6"])
@pytest.mark.tshark
@pytest.mark.skipif(TSHARK is None, reason=NO_TSHARK)
def test_esp_sa_records_decrypt_esp_built_with_the_keys(case: str, tmp_path: Path) -> None:
    run = scenario_run(case)
    keys = tmp_path / "run.keys"
    lines = write_keys_file(run, keys)
    esp_lines = [line for line in lines if line.startswith("esp_sa: ")]
    assert len(esp_lines) == 2
    peer = run.peer(Role.INITIATOR)
    qm, child = peer.qm, peer.child_keys
    assert qm is not None and child is not None and qm.chosen_auth is not None
    nat = run.scenario.network.nat
    initiator = run.scenario.network.nat_public_address if nat else run.gateway(
        Role.INITIATOR).address
    responder = run.gateway(Role.RESPONDER).address
    inner_i = "2001:db8:10::5" if ":" in initiator else "10.10.0.5"
    inner_r = "2001:db8:20::7" if ":" in initiator else "10.20.0.7"
    pcap = tmp_path / "esp.pcap"
    with open(pcap, "wb") as stream:
        writer = PcapWriter(stream, LINKTYPE_RAW)
        for n, (src, dst, keyset, a, b) in enumerate([
            (initiator, responder, child.initiator_to_responder, inner_i, inner_r),
            (responder, initiator, child.responder_to_initiator, inner_r, inner_i),
        ]):
            ports = ((40001, 4500) if n == 0 else (4500, 40001)) if nat else None
            packet = _esp_packet(src, dst, keyset.spi, 1, keyset.encryption_key,
                                 keyset.integrity_key, qm.chosen_transform, qm.chosen_auth,
                                 _inner_packet(a, b), udp_ports=ports)
            writer.write(DEFAULT_START_TIME_NS + n * 1000, packet)
    frames = run_tshark(pcap, *tshark_options(keys), "-o", "esp.enable_authentication_check:TRUE")
    for number, spi, inner_src in ((1, child.initiator_to_responder.spi, inner_i),
                                   (2, child.responder_to_initiator.spi, inner_r)):
        f = frames[number]
        assert not f.malformed and not f.errors, f.errors
        assert int(f.fields["esp.spi"][0], 0) == int.from_bytes(spi, "big")
        assert f.fields.get("esp.icv_good") == ["1"], "tshark did not decrypt or authenticate"
        assert int(f.fields["esp.protocol"][0], 0) == 4  # decrypted: next header IP-in-IP
        sources = f.fields["ipv6.src" if ":" in inner_src else "ip.src"]
        assert str(ipaddress.ip_address(inner_src)) in sources  # the inner packet, decrypted


@pytest.mark.tshark
@pytest.mark.skipif(TSHARK is None, reason=NO_TSHARK)
def test_tshark_accepts_every_algorithm_name(tmp_path: Path) -> None:
    pcap = tmp_path / "empty.pcap"
    with open(pcap, "wb") as stream:
        PcapWriter(stream, LINKTYPE_RAW)
    options = []
    for n, name in enumerate(ESP_ENCRYPTION_NAMES.values()):
        options += ["-o", f'uat:esp_sa:"IPv4","192.0.2.1","192.0.2.2","0x{n:08x}","{name}",'
                    f'"0x00","NULL","0x"']
    for n, name in enumerate(ESP_AUTHENTICATION_NAMES.values()):
        options += ["-o", f'uat:esp_sa:"IPv6","*","*","0x{n + 100:08x}","NULL","0x",'
                    f'"{name}","0x00"']
    assert TSHARK is not None
    result = subprocess.run([TSHARK, "-r", str(pcap), *options], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "Invalid" not in result.stderr, result.stderr
    # And a name tshark 4.0 refuses (strongSwan's save-keys spelling) is refused, so the
    # check above means something.
    bad = ["-o", 'uat:esp_sa:"IPv4","*","*","0x1","TripleDes-CBC [RFC2451]","0x00","NULL",""']
    result = subprocess.run([TSHARK, "-r", str(pcap), *bad], capture_output=True, text=True,
                            timeout=60)
    assert "invalid value" in result.stderr


# --- the capture itself (no tshark needed) ---------------------------------------------------


def test_same_run_same_bytes(tmp_path: Path) -> None:
    for pcapng in (False, True):
        for case in ("omnipcx-strongswan-ok", "wrong-psk", "built:nat-t"):
            first, second = tmp_path / "a", tmp_path / "b"
            export_pcap(scenario_run(case), first, pcapng=pcapng)
            scenario = LESSONS[case] if case in LESSONS else EXTRA[case]()
            again = run_scenario(scenario, PROFILES, delete_at_end=True)
            export_pcap(again, second, pcapng=pcapng)
            assert first.read_bytes() == second.read_bytes(), (case, pcapng)
            assert keys_file_lines(scenario_run(case)) == keys_file_lines(again)


def test_frames_are_the_datagrams_on_the_wire(tmp_path: Path) -> None:
    run = scenario_run("wrong-psk")
    pcap = tmp_path / "run.pcap"
    result = export_pcap(run, pcap, link="raw")
    sent = [e for e in run.trace.events if isinstance(e, MessageSent)]
    assert [f.event for f in result.frames] == sent
    assert [f.retransmission for f in result.frames].count(0) < len(sent)  # MM5 resent
    datagrams = list(read_udp_datagrams(pcap))
    assert len(datagrams) == len(sent)
    times = []
    for datagram, event in zip(datagrams, sent, strict=True):
        assert not hasattr(datagram, "reason"), datagram
        assert datagram.payload == event.datagram.data
        assert (datagram.src, datagram.src_port) == (event.datagram.source.host,
                                                     event.datagram.source.port)
        assert datagram.timestamp_ns == DEFAULT_START_TIME_NS + round(event.time * 1e9)
        times.append(datagram.timestamp_ns)
    assert times == sorted(times)
    # IPv4 identification: a counter per source.
    idents = [struct.unpack_from("!H", f.data, 4)[0] for f in read_frames(pcap)]
    assert idents[:4] == [1, 1, 2, 2]


def test_nat_t_frames_float_to_4500_with_the_marker(tmp_path: Path) -> None:
    run = scenario_run("built:nat-t")
    assert run.trace.initiator_state.name == "DELETED"  # established, then deleted
    result = export_pcap(run, tmp_path / "run.pcap")
    labels = [f.label for f in result.frames]
    floated = labels.index("MM5")
    for f in result.frames[:floated]:
        assert 500 in (f.source.port, f.destination.port)
        assert not f.event.datagram.data.startswith(NON_ESP_MARKER)
    for f in result.frames[floated:]:
        assert 4500 in (f.source.port, f.destination.port), f.label
        assert f.event.datagram.data == NON_ESP_MARKER + f.event.data
    # The initiator's frames come from the NAT's public address and mapped ports, as the
    # simulation's NAT rewrote them.
    from_initiator = {f.source for f in result.frames if f.role is Role.INITIATOR}
    assert {a.host for a in from_initiator} == {"203.0.113.10"}
    assert from_initiator == set(run.simulation._mapping.values())
    lines = keys_file_lines(run)
    assert lines[1].startswith('esp_sa: "IPv4","203.0.113.10","198.51.100.20",')


def test_ipv6_scenario_frames_are_ipv6(tmp_path: Path) -> None:
    run = scenario_run("built:ipv6")
    assert run.trace.initiator_state.name == "DELETED"
    result = export_pcap(run, tmp_path / "run.pcap", link="raw")
    assert result.ip_version == 6
    assert all(f.data[0] >> 4 == 6 for f in read_frames(tmp_path / "run.pcap"))
    assert keys_file_lines(run)[1].startswith(
        'esp_sa: "IPv6","2001:0db8:0001:0000:0000:0000:0000:0010",')


@pytest.mark.parametrize("case", CASES)
def test_the_psk_is_never_in_the_capture_or_the_keys(case: str, tmp_path: Path) -> None:
    run = scenario_run(case)
    secrets = {g.psk.encode() for g in (run.scenario.left, run.scenario.right) if g.psk}
    assert secrets
    for pcapng in (False, True):
        export_pcap(run, tmp_path / "run.pcap", pcapng=pcapng)
        data = (tmp_path / "run.pcap").read_bytes()
        for secret in secrets:
            assert secret not in data and secret.hex().encode() not in data
    write_keys_file(run, tmp_path / "run.keys")
    text = (tmp_path / "run.keys").read_text()
    for secret in secrets:
        assert secret.decode() not in text and secret.hex() not in text
    assert (tmp_path / "run.keys").stat().st_mode & 0o077 == 0


def test_keys_file_lines_and_tshark_options(tmp_path: Path) -> None:
    run = scenario_run("omnipcx-strongswan-ok")
    p1 = run.peer(Role.INITIATOR).p1
    assert p1.keys is not None
    lines = keys_file_lines(run)
    assert lines[0] == (f"ikev1_decryption_table: {p1.icookie.hex()},"
                        f"{p1.keys.encryption_key.hex()}")
    assert len(lines) == 3 and lines[1].startswith('esp_sa: "IPv4","192.0.2.10",')
    assert '"TripleDES-CBC [RFC2451]"' in lines[1] and '"HMAC-SHA-1-96 [RFC2404]"' in lines[1]
    path = tmp_path / "run.keys"
    write_keys_file(run, path)
    options = tshark_options(path)
    assert options[:2] == ["-o", f"uat:ikev1_decryption_table:{lines[0].split(': ', 1)[1]}"]
    assert options[2:4] == ["-o", "esp.enable_encryption_decode:TRUE"]
    assert options[4:] == ["-o", "uat:esp_sa:" + lines[1].split(": ", 1)[1],
                           "-o", "uat:esp_sa:" + lines[2].split(": ", 1)[1]]
    # A failure before any key: nothing to decrypt, no option.
    early = scenario_run("p1-dh-group-mismatch")
    assert keys_file_lines(early) == []
    # A PSK mismatch: the initiator's key is the record, the responder's a comment.
    wrong = keys_file_lines(scenario_run("wrong-psk"))
    assert wrong[0].startswith("ikev1_decryption_table: ")
    assert wrong[1].startswith("# the responder derived another key")
    assert len(wrong) == 2


@pytest.mark.parametrize("text, message", [
    ("ikev1_decryption_table: 0011,2233\n", "8 bytes, not 2"),
    ("ikev1_decryption_table: zz00112233445566,2233\n", "hex"),
    ("esp_sa: \"IPv4\",\"a\"\n", "8 quoted fields"),
    ("ssl_keylog: x\n", "unknown table"),
    ("just words\n", "expected"),
])
def test_bad_keys_file_says_which_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.keys"
    path.write_text("# comment\n\n" + text)
    with pytest.raises(KeysFileError) as info:
        tshark_options(path)
    assert info.value.line == 3 and message in str(info.value)


# --- the command ---------------------------------------------------------------------------


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ikeviz")
    commands = parser.add_subparsers(dest="command")
    export_cmd.add_parser(commands)
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status


def test_cli_failed_negotiation_still_exports(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    pcap, keys = tmp_path / "run.pcapng", tmp_path / "run.keys"
    assert _cli(["export-pcap", "--lesson", "wrong-psk", "-o", str(pcap), "--keys", str(keys),
                 "--pcapng"]) == 0
    out = capsys.readouterr().out
    assert "frames" in out and "not established" in out and "tshark -r" in out
    assert pcap.read_bytes()[:4] == b"\x0a\x0d\x0d\x0a"
    assert keys.read_text().count("ikev1_decryption_table: ") == 2  # one record, one comment
    assert len(list(read_frames(pcap))) == 10


def test_cli_scenario_file_ipv6_delete(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from ikeviz.scenario.lessons import lesson_path
    pcap = tmp_path / "run.pcap"
    assert _cli(["export-pcap", str(lesson_path("omnipcx-cisco-ok")), "-o", str(pcap),
                 "--ipv6", "--delete-at-end", "--link", "raw"]) == 0
    assert "IPv6" in capsys.readouterr().out
    frames = list(read_frames(pcap))
    assert len(frames) == 11 and all(f.data[0] >> 4 == 6 for f in frames)


@pytest.mark.parametrize("argv, says", [
    (["--lesson", "wrong-pks"], "wrong-psk"),
    ([], "give a scenario file or --lesson NAME"),
    (["x.toml", "--lesson", "wrong-psk"], "not both"),
    (["/nonexistent/x.toml"], "x.toml"),
])
def test_cli_bad_input_exit_2_one_line(argv: list[str], says: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["export-pcap", *argv, "-o", str(tmp_path / "run.pcap")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err and err.startswith("ikeviz: ")
    assert not (tmp_path / "run.pcap").exists()


def test_cli_unwritable_output_exit_2(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing-dir" / "run.pcap"
    assert _cli(["export-pcap", "--lesson", "wrong-psk", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err and "missing-dir" in err
