"""The RFC 2409 key schedule (ikeviz.protocol.keyschedule) against real strongSwan values.

Each folder of ``tests/data/captures`` holds a real negotiation between two
strongSwan 5.9.8 gateways: the pcap, both charon logs, and ``keys.json`` with
every value charon logged (cookies, g^xy, SKEYID.., Ka, IVs per message ID,
HASH_I/R, HASH(1..3), Informational hashes, child SA seeds and ESP keys). The
nonces, KE values, SA and ID payloads and message IDs are read from the pcap
here; the encrypted messages are decrypted with the derived keys and the IV
chain, and every hash is recomputed and compared with the decrypted HASH
payloads and the logged values, byte for byte.
"""

from __future__ import annotations

import json
import pickle
import random
import re
import struct
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ikeviz.protocol import ciphers, dh
from ikeviz.protocol import keyschedule as ks

CAPTURES = Path(__file__).parent / "data" / "captures"
CASE_A = "A-p1-3des-md5-modp1024"
CASE_C = "C-p1-aes128-sha1-ecp256"
CASE_E = "E-p1-mismatch-dhgroup"
CASE_F = "F-p2-mismatch-esp"
CASE_I = "I-psk-mismatch"
ALL_CASES = [CASE_A, CASE_C, CASE_E, CASE_F, CASE_I]
ESTABLISHED = [CASE_A, CASE_C]
PHASE1_DONE = [CASE_A, CASE_C, CASE_F]

INITIATOR_IP = "10.99.0.1"

# Payload types (RFC 2408 §3.1) and exchange types used below.
SA, KE, ID, HASH, NONCE, NOTIFY, DELETE = 1, 4, 5, 8, 10, 11, 12
MAIN_MODE, INFORMATIONAL, QUICK_MODE = 2, 5, 32


def h(text: str) -> bytes:
    return bytes.fromhex(text)


# --- reading the captures (test-local: Ethernet + IPv4 + UDP in a classic pcap) -------------------


@dataclass(frozen=True)
class Frame:
    number: int
    src: str
    data: bytes  # the ISAKMP message

    @property
    def from_initiator(self) -> bool:
        return self.src == INITIATOR_IP

    @property
    def cky_i(self) -> bytes:
        return self.data[0:8]

    @property
    def cky_r(self) -> bytes:
        return self.data[8:16]

    @property
    def first_payload(self) -> int:
        return self.data[16]

    @property
    def exchange(self) -> int:
        return self.data[18]

    @property
    def encrypted(self) -> bool:
        return bool(self.data[19] & 1)

    @property
    def message_id(self) -> int:
        return int.from_bytes(self.data[20:24], "big")

    @property
    def body(self) -> bytes:
        length = int.from_bytes(self.data[24:28], "big")
        assert length == len(self.data)
        return self.data[28:length]


@cache
def read_frames(case: str) -> tuple[Frame, ...]:
    raw = (CAPTURES / case / "capture.pcap").read_bytes()
    assert raw[:4] == b"\xd4\xc3\xb2\xa1"  # little-endian classic pcap
    assert struct.unpack_from("<I", raw, 20)[0] == 1  # Ethernet
    frames: list[Frame] = []
    offset = 24
    while offset < len(raw):
        captured = struct.unpack_from("<I", raw, offset + 8)[0]
        packet = raw[offset + 16 : offset + 16 + captured]
        offset += 16 + captured
        ip = packet[14:]
        udp = ip[(ip[0] & 0x0F) * 4 :]
        ports = struct.unpack_from(">HH", udp)
        data = udp[8:]
        if 4500 in ports:
            assert data[:4] == bytes(4)  # non-ESP marker (RFC 3948 §2.2)
            data = data[4:]
        frames.append(Frame(len(frames) + 1, ".".join(map(str, ip[12:16])), data))
    return tuple(frames)


@dataclass(frozen=True)
class RawPayload:
    type: int
    raw: bytes  # with the generic header

    @property
    def body(self) -> bytes:
        return self.raw[4:]


class ChainError(ValueError):
    pass


def walk_payloads(first: int, data: bytes) -> tuple[list[RawPayload], bytes]:
    """The payload chain (RFC 2408 §3.2) and whatever follows it (the padding)."""
    payloads = []
    kind, offset = first, 0
    while kind:
        if offset + 4 > len(data):
            raise ChainError("payload header past the end")
        length = int.from_bytes(data[offset + 2 : offset + 4], "big")
        if length < 4 or offset + length > len(data) or data[offset + 1]:
            raise ChainError(f"bad payload length {length} at {offset}")
        payloads.append(RawPayload(kind, data[offset : offset + length]))
        kind, offset = data[offset], offset + length
    return payloads, data[offset:]


def only(payloads: list[RawPayload], kind: int) -> RawPayload:
    found = [p for p in payloads if p.type == kind]
    assert len(found) == 1, (kind, [p.type for p in payloads])
    return found[0]


def attributes(data: bytes) -> dict[int, int]:
    """SA attributes (RFC 2408 §3.3) as type -> integer value."""
    out = {}
    offset = 0
    while offset < len(data):
        kind, value = struct.unpack_from(">HH", data, offset)
        if kind & 0x8000:
            out[kind & 0x7FFF] = value
            offset += 4
        else:
            out[kind] = int.from_bytes(data[offset + 4 : offset + 4 + value], "big")
            offset += 4 + value
    return out


@dataclass(frozen=True)
class Offer:
    """The first proposal of an SA payload body and its first transform."""

    protocol: int
    spi: bytes
    transform_id: int
    attributes: dict[int, int]


def first_offer(sa_body: bytes) -> Offer:
    proposals, _ = walk_payloads(2, sa_body[8:])  # after DOI and situation
    proposal = proposals[0].body
    protocol, spi_size = proposal[1], proposal[2]
    spi = proposal[4 : 4 + spi_size]
    transforms, _ = walk_payloads(3, proposal[4 + spi_size :])
    transform = transforms[0].body
    return Offer(protocol, spi, transform[1], attributes(transform[4:]))


# --- what charon logged ---------------------------------------------------------------------------


@cache
def keys(case: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((CAPTURES / case / "keys.json").read_text())
    return result


def logged(case: str, side: str) -> dict[str, Any]:
    entries = keys(case)[side]
    assert len(entries) == 1
    entry: dict[str, Any] = entries[0]
    return entry


def psk(case: str, side: str) -> bytes:
    return str(keys(case)["psk"][side]).encode()


_LOG_LINE = re.compile(r"^\S+ \S+ (?:<[^>]*> )?(.*)$")
_DUMP_HEAD = re.compile(r"^(plain|encrypted) => (\d+) bytes")
_DUMP_LINE = re.compile(r"^\s*(\d+): ")


@cache
def logged_dumps(case: str, side: str, what: str = "plain") -> frozenset[bytes]:
    """Every 'plain => N bytes' (or 'encrypted') hex dump in a charon log."""
    lines = (CAPTURES / case / f"{side}.log").read_text().splitlines()
    dumps: set[bytes] = set()
    index = 0
    while index < len(lines):
        match = _LOG_LINE.match(lines[index])
        head = _DUMP_HEAD.match(match.group(1)) if match else None
        index += 1
        if head is None or head.group(1) != what:
            continue
        size, data = int(head.group(2)), bytearray()
        while len(data) < size:
            text = _LOG_LINE.match(lines[index])
            assert text is not None
            line = _DUMP_LINE.match(text.group(1))
            assert line is not None, lines[index]
            hex_area = text.group(1)[line.end() : line.end() + 48]
            data.extend(bytes.fromhex(hex_area))
            index += 1
        dumps.add(bytes(data))
    return frozenset(dumps)


# --- phase 1 from the clear messages --------------------------------------------------------------


@dataclass(frozen=True)
class MainMode:
    cky_i: bytes
    cky_r: bytes
    sai_b: bytes
    chosen: dict[int, int]
    g_xi: bytes
    ni_b: bytes
    g_xr: bytes
    nr_b: bytes

    @property
    def cipher(self) -> int:
        return self.chosen[1]

    @property
    def hash_alg(self) -> int:
        return self.chosen[2]

    @property
    def auth_method(self) -> int:
        return self.chosen[3]

    @property
    def group(self) -> int:
        return self.chosen[4]

    @property
    def key_bits(self) -> int | None:
        return self.chosen.get(14)


@cache
def main_mode(case: str) -> MainMode:
    mm1, mm2, mm3, mm4 = read_frames(case)[:4]
    payloads = [walk_payloads(f.first_payload, f.body)[0] for f in (mm1, mm2, mm3, mm4)]
    return MainMode(
        cky_i=mm1.cky_i,
        cky_r=mm2.cky_r,
        sai_b=only(payloads[0], SA).body,
        chosen=first_offer(only(payloads[1], SA).body).attributes,
        g_xi=only(payloads[2], KE).body,
        ni_b=only(payloads[2], NONCE).body,
        g_xr=only(payloads[3], KE).body,
        nr_b=only(payloads[3], NONCE).body,
    )


def phase1_keys(case: str, side: str) -> ks.Phase1Keys:
    mm = main_mode(case)
    return ks.derive_phase1_keys(
        hash_alg=mm.hash_alg,
        cipher_alg=mm.cipher,
        auth_method=mm.auth_method,
        key_bits=mm.key_bits,
        psk=psk(case, side),
        ni_b=mm.ni_b,
        nr_b=mm.nr_b,
        g_xi=mm.g_xi,
        g_xr=mm.g_xr,
        g_xy=h(logged(case, side)["shared Diffie Hellman secret"]),
        cky_i=mm.cky_i,
        cky_r=mm.cky_r,
    )


# --- replaying the encrypted messages from one side's point of view -------------------------------


@dataclass(frozen=True)
class Decrypted:
    frame: Frame
    iv: bytes
    plaintext: bytes  # with the padding
    payloads: list[RawPayload] | None  # None: not a valid payload chain (wrong key)
    padding: bytes

    @property
    def unpadded(self) -> bytes:
        return self.plaintext[: len(self.plaintext) - len(self.padding)]

    def after(self, kind: int) -> bytes:
        """The payload bytes after the payload of type ``kind`` (for the hashes)."""
        assert self.payloads is not None
        index = [p.type for p in self.payloads].index(kind)
        return b"".join(p.raw for p in self.payloads[index + 1 :])


@dataclass
class Replay:
    side: str
    keys: ks.Phase1Keys
    messages: list[Decrypted] = field(default_factory=list)
    iv_log: dict[int, list[bytes]] = field(default_factory=dict)
    chain: ks.IvChain | None = None

    def by_frame(self, number: int) -> Decrypted:
        return next(m for m in self.messages if m.frame.number == number)


def replay(case: str, side: str) -> Replay:
    """Decrypt every encrypted frame as ``side`` would, keeping the IV chain.

    A side advances the chain for the messages it sent and for the received
    ones that decrypt to a valid payload chain. ``iv_log`` lists per message
    ID the IVs in the order charon logs them: the first IV of a new phase-2
    exchange, then the IV after each message.
    """
    p1 = phase1_keys(case, side)
    chain = p1.iv_chain()
    result = Replay(side, p1)
    for frame in read_frames(case):
        if not frame.encrypted:
            continue
        mid = frame.message_id
        ciphertext = frame.body
        if chain.exchange(mid) is None and mid != 0:
            result.iv_log.setdefault(mid, []).append(chain.iv(mid))
        iv = chain.iv_for(mid, ciphertext)
        plaintext = ciphers.cbc_decrypt(p1.cipher_alg, p1.encryption_key, iv, ciphertext)
        try:
            payloads, padding = walk_payloads(frame.first_payload, plaintext)
        except ChainError:
            payloads, padding = None, b""
        result.messages.append(Decrypted(frame, iv, plaintext, payloads, padding))
        own = frame.from_initiator == (side == "initiator")
        if own or payloads is not None:
            before = chain
            chain = chain.advance(mid, ciphertext)
            if chain is not before:
                result.iv_log.setdefault(mid, []).append(chain.iv(mid))
    result.chain = chain
    return result


def iv_log_of(case: str, side: str) -> dict[int, list[bytes]]:
    out: dict[int, list[bytes]] = {}
    for entry in logged(case, side)["next IV for MID (in log order)"]:
        out.setdefault(entry["mid"], []).append(h(entry["iv"]))
    return out


def assert_iv_log(run: Replay, case: str) -> None:
    """Our IVs per message ID are charon's: all of them for phase 1 and Quick Mode,
    the first one for an Informational exchange (charon logs no IV after it)."""
    expected = iv_log_of(case, run.side)
    in_capture = {m.frame.message_id for m in run.messages}
    assert set(run.iv_log) == {mid for mid in expected if mid in in_capture}
    for mid, ivs in run.iv_log.items():
        exchange = next(m.frame.exchange for m in run.messages if m.frame.message_id == mid)
        if exchange == INFORMATIONAL:
            assert expected[mid] == ivs[:1], mid
        else:
            assert expected[mid] == ivs, mid


# --- cookies, groups ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_CASES)
def test_logged_cookies_are_the_header_cookies(case: str) -> None:
    frames = read_frames(case)
    for side in ("initiator", "responder"):
        for entry in keys(case)[side]:
            assert h(entry["icookie"]) == frames[0].cky_i
            if len(frames) > 1:
                assert h(entry["rcookie"]) == frames[1].cky_r


def test_case_e_fails_in_the_clear() -> None:
    frames = read_frames(CASE_E)
    assert [f.encrypted for f in frames] == [False, False]
    payloads, rest = walk_payloads(frames[1].first_payload, frames[1].body)
    assert rest == b""
    notify = only(payloads, NOTIFY).body
    assert int.from_bytes(notify[6:8], "big") == 14  # NO-PROPOSAL-CHOSEN
    assert keys(CASE_E)["initiator"] == []  # no key material before MM3
    assert first_offer(only(walk_payloads(1, frames[0].body)[0], SA).body).attributes[4] == 14


@pytest.mark.parametrize("case", [CASE_A, CASE_C, CASE_F, CASE_I])
def test_ke_values_and_logged_secret_belong_to_the_group(case: str) -> None:
    mm = main_mode(case)
    group = dh.group(mm.group)
    dh.check_public_value(mm.group, mm.g_xi)
    dh.check_public_value(mm.group, mm.g_xr)
    for side in ("initiator", "responder"):
        secret = h(logged(case, side)["shared Diffie Hellman secret"])
        assert len(secret) == group.secret_length
        if group.kind == "modp":
            # g = 2 generates the subgroup of order q = (p-1)/2: g^x and g^xy are in it.
            for value in (secret, mm.g_xi, mm.g_xr):
                assert pow(int.from_bytes(value, "big"), group.order, group.prime) == 1
    assert (group.kind, len(mm.g_xi)) == (
        ("ecp", 64) if case == CASE_C else ("modp", 128 if case == CASE_A else 256)
    )


def test_ecp_ke_payload_wrapped_in_sec1_is_refused() -> None:
    mm = main_mode(CASE_C)
    pair = dh.generate(19, lambda n: bytes([7]) * n)
    assert len(dh.shared_secret(pair, mm.g_xr)) == 32
    with pytest.raises(dh.DhError):
        dh.shared_secret(pair, b"\x04" + mm.g_xr)


# --- phase-1 keys ---------------------------------------------------------------------------------

PHASE1_VALUES = [
    ("SKEYID", "skeyid"),
    ("SKEYID_d", "skeyid_d"),
    ("SKEYID_a", "skeyid_a"),
    ("SKEYID_e", "skeyid_e"),
    ("encryption key Ka", "encryption_key"),
    ("initial IV", "initial_iv"),
]


@pytest.mark.parametrize(
    ("case", "side"),
    [(c, s) for c in PHASE1_DONE + [CASE_I] for s in ("initiator", "responder")],
)
def test_phase1_keys_equal_charons(case: str, side: str) -> None:
    derived = phase1_keys(case, side)
    entry = logged(case, side)
    for logged_name, attribute in PHASE1_VALUES:
        assert getattr(derived, attribute) == h(entry[logged_name]), logged_name
    assert h(entry["tshark_uat"].rsplit(",", 1)[1]) == derived.encryption_key


def test_case_a_expands_ka_from_md5_skeyid_e() -> None:
    derived = phase1_keys(CASE_A, "initiator")
    assert len(derived.skeyid_e) == 16 and len(derived.encryption_key) == 24
    k1 = ciphers.prf(ciphers.HASH_MD5, derived.skeyid_e, b"\x00")
    k2 = ciphers.prf(ciphers.HASH_MD5, derived.skeyid_e, k1)
    assert derived.encryption_key == (k1 + k2)[:24]
    assert derived.encryption_key[:16] != derived.skeyid_e  # no "SKEYID_e | K1" shortcut
    ka = next(d for d in derived.derivations if d.name == "Ka")
    assert [name for name, _ in ka.inputs] == ["SKEYID_e", "K1", "K2"]
    assert ka.rfc == "RFC 2409 App. B"


def test_case_c_truncates_sha1_skeyid_e_for_aes128() -> None:
    derived = phase1_keys(CASE_C, "initiator")
    assert derived.encryption_key == derived.skeyid_e[:16]
    assert len(derived.initial_iv) == 16


def test_phase1_derivations_are_recorded_in_order() -> None:
    derived = phase1_keys(CASE_A, "initiator")
    names = [d.name for d in derived.derivations]
    assert names == ["SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "Ka", "phase-1 IV"]
    skeyid_e = derived.derivations[3]
    assert skeyid_e.formula == "prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)"
    assert skeyid_e.output == derived.skeyid_e
    assert dict(skeyid_e.inputs)["CKY-I"] == main_mode(CASE_A).cky_i
    assert all(d.rfc.startswith("RFC 2409") for d in derived.derivations)


def test_case_i_each_side_has_its_own_keys() -> None:
    initiator = phase1_keys(CASE_I, "initiator")
    responder = phase1_keys(CASE_I, "responder")
    assert initiator.encryption_key != responder.encryption_key
    assert initiator.initial_iv == responder.initial_iv  # the IV does not depend on the PSK
    # With the initiator's PSK the responder's logged values do not come out.
    assert initiator.skeyid != h(logged(CASE_I, "responder")["SKEYID"])


# --- Main Mode 5 and 6 ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", PHASE1_DONE)
def test_main_mode_5_and_6_decrypt_and_authenticate(case: str) -> None:
    mm = main_mode(case)
    for side in ("initiator", "responder"):
        run = replay(case, side)
        entry = logged(case, side)
        mm5, mm6 = run.messages[0], run.messages[1]
        assert (mm5.frame.number, mm6.frame.number) == (5, 6)
        assert mm5.iv == run.keys.initial_iv
        assert mm5.payloads is not None and mm6.payloads is not None
        assert [p.type for p in mm5.payloads][:2] == [ID, HASH]
        assert [p.type for p in mm6.payloads] == [ID, HASH]
        trace: list[ks.Derivation] = []
        hash_i = ks.hash_i(
            mm.hash_alg,
            run.keys.skeyid,
            mm.g_xi,
            mm.g_xr,
            mm.cky_i,
            mm.cky_r,
            mm.sai_b,
            only(mm5.payloads, ID).body,
            trace=trace,
        )
        assert hash_i == only(mm5.payloads, HASH).body == h(entry["HASH_I"])
        assert b"".join(v for _, v in trace[0].inputs[1:]) == h(entry["HASH_I data"])
        hash_r = ks.hash_r(
            mm.hash_alg,
            run.keys.skeyid,
            mm.g_xi,
            mm.g_xr,
            mm.cky_i,
            mm.cky_r,
            mm.sai_b,
            only(mm6.payloads, ID).body,
            trace=trace,
        )
        assert hash_r == only(mm6.payloads, HASH).body == h(entry["HASH_R"])
        assert b"".join(v for _, v in trace[1].inputs[1:]) == h(entry["HASH_R data"])
        # MM6's IV is MM5's last ciphertext block.
        assert mm6.iv == mm5.frame.body[-run.keys.block_size :]
        assert run.iv_log[0] == iv_log_of(case, side)[0]
        assert_iv_log(run, case)


@pytest.mark.parametrize("case", PHASE1_DONE + [CASE_I])
def test_strongswan_padding_reencrypts_byte_for_byte(case: str) -> None:
    """Zero bytes, 1 to block-size of them: re-encrypting gives the captured bytes."""
    for side in ("initiator", "responder"):
        run = replay(case, side)
        readable = [m for m in run.messages if m.payloads is not None]
        assert readable
        for message in readable:
            block = run.keys.block_size
            assert 1 <= len(message.padding) <= block
            assert message.padding == bytes(len(message.padding))
            padded = ciphers.pad(message.unpadded, block)
            again = ciphers.cbc_encrypt(
                run.keys.cipher_alg, run.keys.encryption_key, message.iv, padded
            )
            assert again == message.frame.body, message.frame.number
            minimal = ciphers.pad(message.unpadded, block, ciphers.Padding.ZEROS_MINIMAL)
            if len(message.unpadded) % block == 0:
                assert minimal != padded  # strongSwan adds a whole block here


@pytest.mark.parametrize("case", PHASE1_DONE + [CASE_I])
def test_decrypted_plaintext_is_what_charon_logged(case: str) -> None:
    plains = logged_dumps(case, "initiator") | logged_dumps(case, "responder")
    for side in ("initiator", "responder"):
        for message in replay(case, side).messages:
            if message.payloads is not None:
                # The sender logs it without padding, a receiver that can read it with.
                assert message.unpadded in plains
                if case != CASE_I:  # in case I nobody can read the other side's messages
                    assert message.plaintext in plains


# --- Quick Mode -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ESTABLISHED)
def test_quick_mode_hashes_ivs_and_keymat(case: str) -> None:
    mm = main_mode(case)
    for side in ("initiator", "responder"):
        run = replay(case, side)
        entry = logged(case, side)
        qm = [m for m in run.messages if m.frame.exchange == QUICK_MODE]
        assert [m.frame.number for m in qm] == [7, 8, 9]
        mid = qm[0].frame.message_id
        assert {m.frame.message_id for m in qm} == {mid}
        assert run.iv_log[mid] == iv_log_of(case, side)[mid]
        first_iv = ks.phase2_iv(mm.hash_alg, mm6_last_block(run), mid, run.keys.block_size)
        assert qm[0].iv == first_iv
        qm1, qm2, qm3 = qm
        assert qm1.payloads is not None and qm2.payloads is not None and qm3.payloads is not None
        assert [p.type for p in qm1.payloads] == [HASH, SA, NONCE, KE, ID, ID]
        assert [p.type for p in qm2.payloads] == [HASH, SA, NONCE, KE, ID, ID]
        assert [p.type for p in qm3.payloads] == [HASH]
        skeyid_a = run.keys.skeyid_a
        ni_b = only(qm1.payloads, NONCE).body
        nr_b = only(qm2.payloads, NONCE).body
        hash_1 = ks.qm_hash_1(mm.hash_alg, skeyid_a, mid, qm1.after(HASH))
        hash_2 = ks.qm_hash_2(mm.hash_alg, skeyid_a, mid, ni_b, qm2.after(HASH))
        hash_3 = ks.qm_hash_3(mm.hash_alg, skeyid_a, mid, ni_b, nr_b)
        assert hash_1 == only(qm1.payloads, HASH).body == h(entry["Hash(1)"])
        assert hash_2 == only(qm2.payloads, HASH).body == h(entry["Hash(2)"])
        assert hash_3 == only(qm3.payloads, HASH).body == h(entry["Hash(3)"])

        # KEYMAT with PFS (RFC 2409 §5.5)
        offer_i = first_offer(only(qm1.payloads, SA).body)
        offer_r = first_offer(only(qm2.payloads, SA).body)
        assert offer_i.protocol == offer_r.protocol == ks.PROTO_IPSEC_ESP
        child = entry["child_sas"][0]
        g_qm_xy = h(child["DH secret"])
        assert len(g_qm_xy) == dh.group(mm.group).secret_length  # PFS in the phase-1 group
        enc_len = ciphers.esp_encryption_key_length(offer_r.transform_id, offer_r.attributes.get(6))
        integ_len = ciphers.esp_integrity_key_length(offer_r.attributes.get(5))
        sa_keys = ks.child_sa_keys(
            mm.hash_alg,
            run.keys.skeyid_d,
            ks.PROTO_IPSEC_ESP,
            offer_i.spi,
            offer_r.spi,
            ni_b,
            nr_b,
            enc_len,
            integ_len,
            g_qm_xy,
        )
        outbound, inbound = sa_keys.initiator_to_responder, sa_keys.responder_to_initiator
        assert outbound.spi == offer_r.spi and inbound.spi == offer_i.spi
        assert outbound.seed == h(child["initiator SA seed"])
        assert inbound.seed == h(child["responder SA seed"])
        assert outbound.encryption_key == h(child["encryption initiator key"])
        assert outbound.integrity_key == h(child["integrity initiator key"])
        assert inbound.encryption_key == h(child["encryption responder key"])
        assert inbound.integrity_key == h(child["integrity responder key"])
        assert len(sa_keys.derivations) == 2
        assert "g(qm)^xy" in sa_keys.derivations[0].formula
        # The PFS KE payloads are of the phase-1 group here, and valid.
        dh.check_public_value(mm.group, only(qm1.payloads, KE).body)
        dh.check_public_value(mm.group, only(qm2.payloads, KE).body)


def mm6_last_block(run: Replay) -> bytes:
    """The last CBC block of the last phase-1 message (MM6), as the chain keeps it."""
    block = run.by_frame(6).frame.body[-run.keys.block_size :]
    assert run.chain is not None and run.chain.last_phase1_block == block
    return block


def test_keymat_without_pfs_and_expansion() -> None:
    skeyid_d = bytes(range(20))
    spi, ni_b, nr_b = b"\xc0\x6c\x65\xe0", b"N" * 16, b"R" * 16
    material = ks.keymat(ciphers.HASH_SHA1, skeyid_d, 3, spi, ni_b, nr_b, 56)
    k1 = ciphers.prf(2, skeyid_d, b"\x03" + spi + ni_b + nr_b)
    k2 = ciphers.prf(2, skeyid_d, k1 + b"\x03" + spi + ni_b + nr_b)
    k3 = ciphers.prf(2, skeyid_d, k2 + b"\x03" + spi + ni_b + nr_b)
    assert material == (k1 + k2 + k3)[:56]
    keys_ = ks.child_sa_keys(2, skeyid_d, 3, b"iiii", b"rrrr", ni_b, nr_b, 32, 20)
    assert keys_.initiator_to_responder.spi == b"rrrr"
    assert keys_.initiator_to_responder.seed == b"\x03rrrr" + ni_b + nr_b
    assert len(keys_.initiator_to_responder.encryption_key) == 32
    assert len(keys_.responder_to_initiator.integrity_key) == 20
    assert "g(qm)^xy" not in keys_.derivations[0].formula


# --- Informational exchanges ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ESTABLISHED)
def test_delete_informational_hashes(case: str) -> None:
    mm = main_mode(case)
    for side in ("initiator", "responder"):
        run = replay(case, side)
        entry = logged(case, side)
        infos = [m for m in run.messages if m.frame.exchange == INFORMATIONAL]
        assert [m.frame.number for m in infos] == [10, 11]
        hashes = []
        for info in infos:
            mid = info.frame.message_id
            assert info.iv == ks.phase2_iv(
                mm.hash_alg, mm6_last_block(run), mid, run.keys.block_size
            )
            assert [run.iv_log[mid][0]] == iv_log_of(case, side)[mid]
            assert info.payloads is not None
            assert [p.type for p in info.payloads] == [HASH, DELETE]
            value = ks.informational_hash(mm.hash_alg, run.keys.skeyid_a, mid, info.after(HASH))
            assert value == only(info.payloads, HASH).body
            hashes.append(value)
        assert hashes == [h(x) for x in entry["Hash (Informational, in log order)"]]
        protocols = [only(i.payloads or [], DELETE).body[4] for i in infos]
        assert protocols == [ks.PROTO_IPSEC_ESP, ks.PROTO_ISAKMP]


def test_case_f_quick_mode_1_and_the_no_proposal_notify() -> None:
    mm = main_mode(CASE_F)
    for side in ("initiator", "responder"):
        run = replay(CASE_F, side)
        entry = logged(CASE_F, side)
        qm1 = run.by_frame(7)
        assert qm1.payloads is not None
        mid = qm1.frame.message_id
        assert qm1.iv == run.iv_log[mid][0] == iv_log_of(CASE_F, side)[mid][0]
        assert run.iv_log[mid] == iv_log_of(CASE_F, side)[mid]
        hash_1 = ks.qm_hash_1(mm.hash_alg, run.keys.skeyid_a, mid, qm1.after(HASH))
        assert hash_1 == only(qm1.payloads, HASH).body == h(entry["Hash(1)"])
        notify = run.by_frame(8)
        assert notify.frame.exchange == INFORMATIONAL and not notify.frame.from_initiator
        assert notify.payloads is not None
        assert [p.type for p in notify.payloads] == [HASH, NOTIFY]
        body = only(notify.payloads, NOTIFY).body
        assert int.from_bytes(body[6:8], "big") == 14  # NO-PROPOSAL-CHOSEN
        assert (body[4], body[5], body[8:12]) == (ks.PROTO_IPSEC_ESP, 4, bytes(4))
        value = ks.informational_hash(
            mm.hash_alg, run.keys.skeyid_a, notify.frame.message_id, notify.after(HASH)
        )
        assert value == only(notify.payloads, HASH).body
        assert value == h(entry["Hash (Informational, in log order)"][0])
        assert notify.iv == iv_log_of(CASE_F, side)[notify.frame.message_id][0]


# --- case I: the wrong pre-shared key -------------------------------------------------------------


def test_case_i_initiator_view() -> None:
    run = replay(CASE_I, "initiator")
    entry = logged(CASE_I, "initiator")
    mm = main_mode(CASE_I)
    mm5s = [m for m in run.messages if m.frame.exchange == MAIN_MODE]
    assert [m.frame.number for m in mm5s] == [5, 7, 9]
    assert mm5s[0].frame.body == mm5s[1].frame.body == mm5s[2].frame.body  # retransmissions
    assert all(m.iv == run.keys.initial_iv for m in mm5s)
    mm5 = mm5s[0]
    assert mm5.payloads is not None
    hash_i = ks.hash_i(
        mm.hash_alg,
        run.keys.skeyid,
        mm.g_xi,
        mm.g_xr,
        mm.cky_i,
        mm.cky_r,
        mm.sai_b,
        only(mm5.payloads, ID).body,
    )
    assert hash_i == only(mm5.payloads, HASH).body == h(entry["HASH_I"])
    # The responder's notifies do not decrypt with the initiator's key and IVs...
    infos = [m for m in run.messages if m.frame.exchange == INFORMATIONAL]
    assert [m.frame.number for m in infos] == [6, 8, 10]
    assert all(m.payloads is None for m in infos)
    # ...whose IVs come from MM5's last block, as the initiator logged them.
    assert_iv_log(run, CASE_I)
    assert run.chain is not None and run.chain.last_phase1_block == mm5.frame.body[-16:]


def test_case_i_responder_view() -> None:
    run = replay(CASE_I, "responder")
    entry = logged(CASE_I, "responder")
    mm = main_mode(CASE_I)
    mm5 = run.by_frame(5)
    assert mm5.payloads is None  # "invalid ID_V1 payload length, decryption failed?"
    assert mm5.plaintext in logged_dumps(CASE_I, "responder")  # the same garbage charon saw
    infos = [m for m in run.messages if m.frame.exchange == INFORMATIONAL]
    hashes = []
    for info in infos:
        mid = info.frame.message_id
        # The responder never read MM5: its phase-1 block is still the phase-1 IV.
        assert info.iv == ks.phase2_iv(mm.hash_alg, run.keys.initial_iv, mid, 16)
        assert info.payloads is not None
        assert [p.type for p in info.payloads] == [HASH, NOTIFY]
        assert int.from_bytes(only(info.payloads, NOTIFY).body[6:8], "big") == 16
        value = ks.informational_hash(mm.hash_alg, run.keys.skeyid_a, mid, info.after(HASH))
        assert value == only(info.payloads, HASH).body
        hashes.append(value)
    assert hashes == [h(x) for x in entry["Hash (Informational, in log order)"]]
    assert_iv_log(run, CASE_I)
    # The notify decrypts only with the responder's key.
    initiator_keys = phase1_keys(CASE_I, "initiator")
    for info in infos:
        clear = ciphers.cbc_decrypt(
            initiator_keys.cipher_alg, initiator_keys.encryption_key, info.iv, info.frame.body
        )
        with pytest.raises(ChainError):
            walk_payloads(info.frame.first_payload, clear)


# --- the IV chain on its own ----------------------------------------------------------------------


def test_iv_chain_is_immutable_and_ignores_retransmissions() -> None:
    chain = ks.IvChain.start(ciphers.HASH_SHA1, 16, b"gi" * 10, b"gr" * 10)
    assert chain.iv(0) == ciphers.hash_digest(2, b"gi" * 10 + b"gr" * 10)[:16]
    mm5 = bytes(range(32))
    after5 = chain.advance(0, mm5)
    assert chain.iv(0) != after5.iv(0) == mm5[16:]
    assert after5.advance(0, mm5) is after5  # a retransmission changes nothing
    mm6 = bytes(range(100, 148))
    after6 = after5.advance(0, mm6)
    assert after6.last_phase1_block == mm6[-16:]
    assert after6.iv_for(0, mm5) == chain.iv(0)  # a late copy of MM5 uses MM5's own IV
    assert after6.advance(0, mm5) is after6
    qm_iv = after6.iv(0x12345678)
    assert qm_iv == ciphers.hash_digest(2, mm6[-16:] + h("12345678"))[:16]
    qm1 = bytes(range(64))
    after_qm1 = after6.advance(0x12345678, qm1)
    assert after_qm1.iv(0x12345678) == qm1[-16:]
    assert after_qm1.iv(0) == after6.iv(0)  # phase 2 does not touch the phase-1 chain
    assert after_qm1.last_phase1_block == mm6[-16:]
    info_iv = after_qm1.iv(0xAABBCCDD)
    assert info_iv == ciphers.hash_digest(2, mm6[-16:] + h("aabbccdd"))[:16]
    entry = after_qm1.exchange(0x12345678)
    assert entry is not None and entry.first == qm_iv
    with pytest.raises(ks.KeyScheduleError):
        after6.advance(1, bytes(15))
    with pytest.raises(ks.KeyScheduleError):
        after6.iv(2**32)


# The reference IV chain: RFC 2409 App. B written with exchange(), iv_of() and
# last_block(), as IvChain.iv, iv_for and advance were before they did their
# lookups in their own loops.


def _reference_iv(chain: ks.IvChain, mid: int, trace: ks.Trace = None) -> bytes:
    entry = chain.exchange(mid)
    if entry is not None:
        return entry.current
    return ks.phase2_iv(chain.hash_alg, chain.last_phase1_block, mid, chain.block_size,
                        trace=trace)


def _reference_iv_for(chain: ks.IvChain, mid: int, ciphertext: bytes) -> bytes:
    entry = chain.exchange(mid)
    if entry is not None:
        earlier = entry.iv_of(ks.last_block(ciphertext, chain.block_size))
        if earlier is not None:
            return earlier
    return _reference_iv(chain, mid)


def _reference_advance(
    chain: ks.IvChain, mid: int, ciphertext: bytes, trace: ks.Trace = None
) -> ks.IvChain:
    final_block = ks.last_block(ciphertext, chain.block_size)
    entry = chain.exchange(mid)
    if entry is None:
        first = _reference_iv(chain, mid, trace)
        entry = ks.ExchangeIv(mid, first, first)
    elif entry.iv_of(final_block) is not None:
        return chain
    updated = ks.ExchangeIv(
        mid, entry.first, final_block, entry.processed + ((final_block, entry.current),)
    )
    others = tuple(e for e in chain.exchanges if e.message_id != mid)
    phase1 = final_block if mid == 0 else chain.last_phase1_block
    return ks.IvChain(chain.hash_alg, chain.block_size, phase1, others + (updated,))


def _outcome(function: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        return "value", function(*args, **kwargs)
    except ks.KeyScheduleError as error:
        return "error", str(error)


@pytest.mark.parametrize(("hash_alg", "block"), [(1, 8), (2, 16), (4, 16), (6, 8)])
def test_iv_chain_methods_match_the_reference(hash_alg: int, block: int) -> None:
    rng = random.Random(f"iv-chain-{hash_alg}-{block}")
    chain = ks.IvChain.start(hash_alg, block, rng.randbytes(32), rng.randbytes(32))
    mids = [0, 0, 0, 1, 0x12345678, 0xFFFFFFFF]
    sent: list[tuple[int, bytes]] = []
    for _ in range(300):
        mid = rng.choice(mids)
        if sent and rng.random() < 0.3:
            mid, ciphertext = rng.choice(sent)  # a retransmission, maybe of another exchange
        elif rng.random() < 0.1:
            ciphertext = rng.randbytes(rng.choice([0, 1, block - 1, block + 3]))  # not blocks
        else:
            ciphertext = rng.randbytes(block * rng.randint(1, 6))
            sent.append((mid, ciphertext))
        if rng.random() < 0.05:
            mid = rng.choice([-1, 2**32])  # not a message ID
        trace: list[ks.Derivation] = []
        expected_trace: list[ks.Derivation] = []
        assert _outcome(chain.iv, mid, trace=trace) == _outcome(
            _reference_iv, chain, mid, expected_trace
        )
        assert trace == expected_trace
        assert _outcome(chain.iv_for, mid, ciphertext) == _outcome(
            _reference_iv_for, chain, mid, ciphertext
        )
        trace, expected_trace = [], []
        kind, after = _outcome(chain.advance, mid, ciphertext, trace=trace)
        assert (kind, after) == _outcome(_reference_advance, chain, mid, ciphertext, expected_trace)
        assert trace == expected_trace
        if kind == "value":
            assert (after is chain) == (_reference_advance(chain, mid, ciphertext) is chain)
            chain = after
    assert len(chain.exchanges) >= 3


def test_iv_chain_lookups_take_the_first_entry_of_a_message_id() -> None:
    # Only a hand-made chain repeats a message ID; the methods still read the
    # first entry, as exchange() does, and advance drops the repeats.
    first = ks.ExchangeIv(5, b"a" * 8, b"b" * 8, ((b"c" * 8, b"d" * 8),))
    second = ks.ExchangeIv(5, b"e" * 8, b"f" * 8)
    chain = ks.IvChain(1, 8, b"p" * 8, (ks.ExchangeIv(0, b"z" * 8, b"z" * 8), first, second))
    assert chain.iv(5) == _reference_iv(chain, 5) == b"b" * 8
    assert chain.iv_for(5, b"c" * 8) == _reference_iv_for(chain, 5, b"c" * 8) == b"d" * 8
    assert chain.advance(5, b"g" * 8) == _reference_advance(chain, 5, b"g" * 8)


def test_phase1_keys_block_size_is_not_a_field() -> None:
    keys = ks.derive_phase1_keys(
        hash_alg=2, cipher_alg=ciphers.ENCR_3DES_CBC, auth_method=1, psk=b"k",
        ni_b=b"i" * 16, nr_b=b"r" * 16, g_xi=b"x" * 128, g_xr=b"y" * 128, g_xy=b"g" * 128,
        cky_i=b"I" * 8, cky_r=b"R" * 8,
    )
    fresh = replace(keys)
    before = repr(keys)
    assert keys.block_size == 8 == ciphers.block_size(ciphers.ENCR_3DES_CBC)
    assert keys.block_size == 8  # the kept value
    assert repr(keys) == before and keys == fresh and hash(keys) == hash(fresh)
    assert keys.iv_chain() == fresh.iv_chain()
    assert replace(keys, cipher_alg=ciphers.ENCR_AES_CBC).block_size == 16
    assert pickle.loads(pickle.dumps(keys)) == keys


def test_cookie_and_message_id_errors() -> None:
    good, short, long = b"C" * 8, b"c" * 7, b"c" * 9
    args = (2, b"s", b"x", b"y")
    with pytest.raises(ks.KeyScheduleError, match="CKY-I has 7 bytes"):
        ks.hash_i(*args, short, long, b"", b"")
    with pytest.raises(ks.KeyScheduleError, match="CKY-R has 9 bytes"):
        ks.hash_i(*args, good, long, b"", b"")
    with pytest.raises(ks.KeyScheduleError, match="CKY-R has 9 bytes"):
        ks.hash_r(*args, short, long, b"", b"")  # HASH_R takes CKY-R first
    with pytest.raises(ks.KeyScheduleError, match="CKY-I has 7 bytes"):
        ks.skeyid_e(2, b"s", b"a", b"g", short, long)
    with pytest.raises(ks.KeyScheduleError, match="CKY-R has 9 bytes"):
        ks.skeyid_pke(2, b"i", b"r", good, long)
    for function, extra in [
        (ks.qm_hash_1, (b"",)),
        (ks.qm_hash_2, (b"", b"")),
        (ks.qm_hash_3, (b"", b"")),
        (ks.informational_hash, (b"",)),
    ]:
        for mid in (-1, 2**32):
            with pytest.raises(ks.KeyScheduleError, match=f"message ID {mid} is not"):
                function(2, b"a", mid, *extra)
    assert ks.qm_hash_3(2, b"a", 2**32 - 1, b"", b"") == ciphers.prf(
        2, b"a", b"\x00" + b"\xff" * 4
    )


def test_phase2_iv_trace() -> None:
    trace: list[ks.Derivation] = []
    ks.phase2_iv(1, bytes(8), 0x2B99782C, 8, trace=trace)
    (record,) = trace
    assert record.name == "IV for M-ID 0x2b99782c"
    assert dict(record.inputs)["M-ID"] == h("2b99782c")
    assert record.rfc == "RFC 2409 App. B"


def test_expand_key_and_des_weak_key() -> None:
    assert ks.expand_key(2, bytes(20), 16) == bytes(16)
    k1 = ciphers.prf(1, b"k" * 16, b"\x00")
    assert ks.expand_key(1, b"k" * 16, 8 + 16) == (k1 + ciphers.prf(1, b"k" * 16, k1))[:24]
    with pytest.raises(ks.KeyScheduleError):
        ks.expand_key(1, b"k", 0)
    with pytest.raises(ciphers.WeakKeyError):
        ks.encryption_key(2, ciphers.ENCR_DES_CBC, h("0101010101010101") + bytes(12))
    assert ks.encryption_key(2, ciphers.ENCR_AES_CBC, bytes(range(20)), 128) == bytes(range(16))


def test_skeyid_variants() -> None:
    ni, nr, gxy = b"i" * 16, b"r" * 16, b"g" * 128
    assert ks.skeyid_sig(2, ni, nr, gxy) == ciphers.prf(2, ni + nr, gxy)
    key = ciphers.hash_digest(2, ni + nr)
    assert ks.skeyid_pke(2, ni, nr, b"I" * 8, b"R" * 8) == ciphers.prf(2, key, b"I" * 8 + b"R" * 8)
    assert ks.skeyid_kind(1) == "psk"
    assert ks.skeyid_kind(3) == "signature"
    assert ks.skeyid_kind(9) == "signature"
    assert ks.skeyid_kind(5) == "encryption"
    with pytest.raises(ks.KeyScheduleError):
        ks.skeyid_kind(99)
    with pytest.raises(ks.KeyScheduleError):
        ks.skeyid_d(2, b"s", gxy, b"short", b"R" * 8)
    with pytest.raises(ks.KeyScheduleError):
        ks.derive_phase1_keys(
            hash_alg=2,
            cipher_alg=7,
            auth_method=1,
            key_bits=128,
            ni_b=ni,
            nr_b=nr,
            g_xi=b"x",
            g_xr=b"y",
            g_xy=gxy,
            cky_i=b"I" * 8,
            cky_r=b"R" * 8,
        )
