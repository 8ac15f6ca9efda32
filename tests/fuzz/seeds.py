"""Seed inputs of each fuzz target, made from tests/data and the bundled scenarios.

Seeds are what the fuzzer starts from: real messages of the strongSwan captures and of the
bundled lessons' simulated runs, the captures themselves and variants of them in every
container and link layer the reader knows (pcapng, Linux cooked v1/v2, loopback, raw IP,
VLAN tags, IPv6, IP fragments), the bundled scenario files, and the key material of the
captures' charon logs cut down to the lines the key reader looks at.
"""

from __future__ import annotations

import io
import json
import re
import struct
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from ikeviz.capture.packets import (
    ETHERTYPE_IPV4,
    ETHERTYPE_IPV6,
    ETHERTYPE_VLAN,
    UdpDatagram,
    build_ethernet,
    build_ipv4_udp,
    build_ipv6_udp,
    fragment_ipv4,
    fragment_ipv6,
    read_udp_datagrams,
)
from ikeviz.capture.pcapfile import PcapngWriter, PcapWriter, read_frames
from ikeviz.protocol import ciphers
from ikeviz.protocol.codec import HEADER_LENGTH
from ikeviz.protocol.events import MessageSent
from ikeviz.scenario.lessons import bundled_lessons
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "tests" / "data" / "captures"
SCENARIOS = (ROOT / "resources" / "scenarios", ROOT / "tests" / "data" / "scenarios")


@cache
def _runs() -> tuple[ScenarioRun, ...]:
    profiles = builtin_profiles()
    return tuple(run_scenario(entry.scenario, profiles, delete_at_end=True)
                 for entry in bundled_lessons(profiles.keys()))


def _sent(run: ScenarioRun) -> Iterator[MessageSent]:
    for entry in run.trace.entries:
        if isinstance(entry.event, MessageSent):
            yield entry.event


def _capture_datagrams() -> Iterator[UdpDatagram]:
    for pcap in sorted(CAPTURES.glob("*/capture.pcap")):
        for item in read_udp_datagrams(pcap):
            if isinstance(item, UdpDatagram):
                yield item


def _ike(datagram: UdpDatagram) -> bytes:
    payload = datagram.payload
    return payload[4:] if payload[:4] == bytes(4) else payload


# --- decoder ---------------------------------------------------------------------------------


def decoder_seeds() -> Iterator[bytes]:
    seen: set[bytes] = set()
    for datagram in _capture_datagrams():
        seen.add(_ike(datagram))
    for run in _runs():
        for event in _sent(run):
            seen.add(event.data)
            if event.plaintext:
                # a decrypted body, as the target's second half reads it
                seen.add(bytes([event.message.header.next_payload]) + event.plaintext)
    yield from sorted(seen)


# --- decrypt ---------------------------------------------------------------------------------


def _cipher_index(cipher: int, key: bytes) -> int | None:
    table = ((ciphers.ENCR_DES_CBC, 8), (ciphers.ENCR_3DES_CBC, 24), (ciphers.ENCR_AES_CBC, 16),
             (ciphers.ENCR_AES_CBC, 24), (ciphers.ENCR_AES_CBC, 32))
    try:
        return table.index((cipher, len(key)))
    except ValueError:
        return None


def decrypt_seeds() -> Iterator[bytes]:
    hashes = tuple(ciphers.HASHES)
    seen: set[bytes] = set()
    for run in _runs():
        for event in _sent(run):
            if not event.plaintext:
                continue
            peer = run.peer(event.role)
            keys = peer.p1.keys
            if keys is None:
                continue
            index = _cipher_index(keys.cipher_alg, keys.encryption_key)
            if index is None:
                continue
            header = event.message.header
            hash_index = hashes.index(keys.hash_alg) if keys.hash_alg in hashes else 0
            head = bytes([0, index, hash_index, header.next_payload]) + \
                header.message_id.to_bytes(4, "big")
            ciphertext = event.data[HEADER_LENGTH:]
            # mode 0: the real key, IV and ciphertext; mode 1: the real plaintext
            seen.add(head + keys.encryption_key + event.iv + ciphertext)
            seen.add(bytes([1]) + head[1:] + keys.encryption_key + event.iv + event.plaintext)
            seen.add(bytes([2]) + head[1:] + keys.encryption_key + event.iv + bytes(48)
                     + event.plaintext)
    yield from sorted(seen)


# --- capture ---------------------------------------------------------------------------------


def _pcap(frames: list[tuple[int, bytes]], link_type: int) -> bytes:
    out = io.BytesIO()
    writer = PcapWriter(out, link_type)
    for ts, data in frames:
        writer.write(ts, data)
    return out.getvalue()


def _pcapng(frames: list[tuple[int, bytes]], link_type: int, *, big: bool = False) -> bytes:
    out = io.BytesIO()
    writer = PcapngWriter(out, big_endian=big, tsresol=6, application="ikeviz fuzz seeds")
    for ts, data in frames:
        writer.write(ts, data, link_type=link_type, comment="seed")
    return out.getvalue()


def _sll(ip: bytes, ethertype: int) -> bytes:
    return struct.pack("!HHH8sH", 0, 1, 6, bytes(8), ethertype) + ip


def _sll2(ip: bytes, ethertype: int) -> bytes:
    return struct.pack("!HHIHBB8s", ethertype, 0, 1, 1, 0, 6, bytes(8)) + ip


def capture_seeds() -> Iterator[bytes]:
    for pcap in sorted(CAPTURES.glob("*/capture.pcap")):
        data = pcap.read_bytes()
        yield data
        frames = [(f.timestamp_ns, f.data) for f in read_frames(pcap)]
        yield _pcapng(frames, 1)
        yield _pcapng(frames[:3], 1, big=True)
    datagrams = list(_capture_datagrams())[:3]
    v4 = [(d.timestamp_ns, build_ipv4_udp("10.99.0.1", "10.99.0.2", d.src_port, d.dst_port,
                                          d.payload, ident=i + 1)) for i, d in enumerate(datagrams)]
    v6 = [(d.timestamp_ns, build_ipv6_udp("2001:db8::1", "2001:db8::2", d.src_port, d.dst_port,
                                          d.payload)) for d in datagrams]
    yield _pcap(v4, 101)  # raw IP
    yield _pcap(v6, 229)  # IPv6
    yield _pcap(v4, 228)  # IPv4
    yield _pcap([(t, _sll(p, ETHERTYPE_IPV4)) for t, p in v4], 113)
    yield _pcap([(t, _sll2(p, ETHERTYPE_IPV6)) for t, p in v6], 276)
    yield _pcap([(t, struct.pack("<I", 2) + p) for t, p in v4], 0)  # NULL, little endian
    yield _pcap([(t, struct.pack(">I", 30) + p) for t, p in v6], 108)  # LOOP
    yield _pcap([(t, build_ethernet(p, ETHERTYPE_IPV4, vlan_tags=((ETHERTYPE_VLAN, 5),)))
                 for t, p in v4], 1)
    yield _pcapng([(t, build_ethernet(p, ETHERTYPE_IPV6)) for t, p in v6], 1)
    fragments4 = [(t, build_ethernet(f, ETHERTYPE_IPV4))
                  for t, p in v4 for f in fragment_ipv4(p, 256)]
    yield _pcap(fragments4, 1)
    fragments6 = [(t, f) for i, (t, p) in enumerate(v6) for f in fragment_ipv6(p, 256, i + 7)]
    yield _pcap(fragments6, 229)
    yield _pcap(list(reversed(fragments4)), 1)  # out of order


# --- scenario --------------------------------------------------------------------------------


def scenario_seeds() -> Iterator[bytes]:
    for folder in SCENARIOS:
        for path in sorted(folder.glob("*.toml")):
            yield path.read_bytes()


# --- keys ------------------------------------------------------------------------------------

_LOG_KEPT = re.compile(
    r"(IKE_SPI|=> \d+ bytes @|^\S* ?\S* ?\d{2}\[\w+\] (<[^>]*> )?\s*\d+: |request 0 \[)")
_INTERESTING_DUMP = re.compile(
    r"(shared Diffie Hellman secret|SKEYID|encryption key Ka|initial IV)\s*=> "
    r"|\[ENC\] <[^>]*>\s*=> \d+ bytes")


def _key_lines(text: str) -> str:
    """The lines of a charon log that the key reader uses (cookies, key dumps, roles)."""
    kept: list[str] = []
    in_dump: set[str] = set()
    expect_spi: set[str] = set()
    for line in text.splitlines():
        thread_match = re.search(r"(\d{2,})\[", line)
        thread = thread_match.group(1) if thread_match else ""
        if re.search(r"\s\d+: ", line.split("]", 1)[-1][:12]) and thread in in_dump:
            kept.append(line)
            continue
        in_dump.discard(thread)
        if "IKE_SPI" in line:
            kept.append(line)
            expect_spi.add(thread)
        elif "bytes @" in line and (_INTERESTING_DUMP.search(line) or thread in expect_spi):
            kept.append(line)
            in_dump.add(thread)
            expect_spi.discard(thread)
        elif "request 0 [" in line and ("ID_PROT" in line or "AGGRESSIVE" in line):
            kept.append(line)
    return "\n".join(kept) + "\n"


def keys_seeds() -> Iterator[bytes]:
    for case in sorted(CAPTURES.iterdir()):
        for log in ("initiator.log", "responder.log"):
            path = case / log
            if path.exists():
                lines = _key_lines(path.read_text(errors="replace")).splitlines(keepends=True)
                for start in range(0, len(lines), 80):
                    yield "".join(lines[start:start + 80]).encode()
        keys_json = case / "keys.json"
        if keys_json.exists():
            doc = json.loads(keys_json.read_text())
            rows = []
            for side in ("initiator", "responder"):
                for sa in doc.get(side, []):
                    if "icookie" in sa and "encryption key Ka" in sa:
                        rows.append(f'"{sa["icookie"]}","{sa["encryption key Ka"]}"')
            yield ("\n".join(rows) + "\n").encode()
            yield "".join(f"ikev1_decryption_table: {r}\n" for r in rows).encode()


# --- dictionaries (libFuzzer -dict): the words of the scenario file -----------------------------


def scenario_words() -> Iterator[bytes]:
    import dataclasses

    from ikeviz.protocol.config import Behaviour
    from ikeviz.scenario import fileformat, names

    words: set[str] = set()
    for table in ("_TOP_KEYS", "_NETWORK_KEYS", "_LESSON_KEYS", "_GATEWAY_KEYS", "_PHASE1_KEYS",
                  "_PHASE2_KEYS", "_TRANSFORM_KEYS", "_DIFFICULTIES", "_OUTCOMES",
                  "_MESSAGE_LABELS", "_NOTIFY_NAMES", "_VENDOR_ID_NAMES"):
        words.update(str(w) for w in getattr(fileformat, table, ()))
    for table in (names.ENCRYPTION, names.HASH, names.AUTH_METHOD, names.ESP_ENCRYPTION,
                  names.INTEGRITY, names.PROTOCOL, names.MODE, names.ID_TYPE):
        words.update(table)
    words.update(f.name for f in dataclasses.fields(Behaviour))
    words.update(("[left]", "[right]", "[network]", "[lesson]", "[left.behaviour]",
                  "[[left.phase1]]", "[[left.phase2]]", "[[left.phase2.transforms]]",
                  "[[right.phase1]]", "[[right.phase2]]", "[[right.phase2.transforms]]",
                  " = ", '"""', "true", "false", "-----BEGIN PRIVATE KEY-----",
                  "-----END PRIVATE KEY-----", "4294967296", "-1", "1e999", "nan", "inf"))
    for word in sorted(words):
        yield word.encode()


def _dict_line(word: bytes) -> str:
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02x}"
                         for b in word) + '"'


def dictionary(target: str) -> str | None:
    """The libFuzzer dictionary of ``target`` (one quoted token a line), or None."""
    if target != "scenario":
        return None
    return "\n".join(_dict_line(w) for w in scenario_words()) + "\n"


SEEDS: dict[str, Callable[[], Iterator[bytes]]] = {
    "decoder": decoder_seeds,
    "decrypt": decrypt_seeds,
    "capture": capture_seeds,
    "scenario": scenario_seeds,
    "keys": keys_seeds,
}
