"""Tests of the charon harness itself (tests/interop/charon.py).

1. The log parser, run on the five real captures' charon logs, yields exactly what their
   keys.json lists (both roles) - the proof that the parser reads charon's format right.
2. A charon responder answers a hand-built Main Mode message 1 with message 2.
3. A charon responder answers an unacceptable offer with an unencrypted Informational
   NO_PROPOSAL_CHOSEN.
4. Two charons negotiate Main Mode + Quick Mode to an installed CHILD_SA (LD_PRELOAD shim).
Plus: charon as initiator towards the driver socket, the single-namespace loopback
topology with the non-ESP marker, and cleanup.
"""

from __future__ import annotations

import json
import os
import re
import struct
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .charon import (
    CharonConfig,
    CharonLab,
    CharonPeer,
    ShimUnavailable,
    UdpEndpoint,
    build_shim,
    parse_charon_log,
)

# ---------------------------------------------------------------------------------------
# 1. parser vs keys.json
# ---------------------------------------------------------------------------------------

CASES = [
    "A-p1-3des-md5-modp1024",
    "C-p1-aes128-sha1-ecp256",
    "E-p1-mismatch-dhgroup",
    "F-p2-mismatch-esp",
    "I-psk-mismatch",
]
_CAPTURE_DIRS = [
    Path(os.environ["IKEVIZ_CAPTURES"]) if os.environ.get("IKEVIZ_CAPTURES") else None,
    Path(__file__).resolve().parent.parent / "data" / "captures",
    Path("/work/shared/captures"),
]


def _case_dir(case: str) -> Path:
    for base in _CAPTURE_DIRS:
        if base is None:
            continue
        d = base / case
        if all((d / f).is_file() for f in ("keys.json", "initiator.log", "responder.log")):
            return d
    pytest.skip(f"capture {case} not found (looked in tests/data/captures, /work/shared/captures)")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("role", ["initiator", "responder"])
def test_parser_matches_keys_json(case: str, role: str) -> None:
    d = _case_dir(case)
    expected = json.loads((d / "keys.json").read_text())[role]
    log = parse_charon_log((d / f"{role}.log").read_text())
    got = log.to_keys_json()
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert sorted(g) == sorted(e)
        for key in e:
            assert g[key] == e[key], f"{case} {role}: {key}"
    # every multi-line dump was reassembled completely
    assert log.dumps and all(dump.complete for dump in log.dumps)


def test_parser_messages_notifies_proposals_from_captures() -> None:
    e = _case_dir("E-p1-mismatch-dhgroup")
    resp = parse_charon_log((e / "responder.log").read_text())
    assert resp.message_lines()[0] == "parsed ID_PROT request 0 [ SA V V V V ]"
    assert re.fullmatch(
        r"generating INFORMATIONAL_V1 request \d+ \[ N\(NO_PROP\) \]", resp.message_lines()[1]
    )
    assert [(n.direction, n.name) for n in resp.notifies] == [("sent", "NO_PROPOSAL_CHOSEN")]
    assert resp.contains(r"^no proposal found$")
    sa = resp.sa()
    assert sa.proposals["configured proposals"] == [
        ["IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024"]
    ]
    init = parse_charon_log((e / "initiator.log").read_text())
    assert ("received", "NO_PROPOSAL_CHOSEN", True) in [
        (n.direction, n.name, n.error) for n in init.notifies if n.source == "log"
    ]
    assert init.to_keys_json() == []  # the initiator never learnt the responder cookie
    assert init.sa().icookie == sa.icookie

    a = _case_dir("A-p1-3des-md5-modp1024")
    ai = parse_charon_log((a / "initiator.log").read_text())
    ar = parse_charon_log((a / "responder.log").read_text())

    def seq(log: Any, direction: str) -> list[tuple[str, str, int, tuple[str, ...]]]:
        return [
            (m.exchange, m.kind, m.mid, m.payloads)
            for m in log.messages
            if m.direction == direction
        ]

    assert seq(ai, "generating") == seq(ar, "parsed")
    assert seq(ar, "generating") == seq(ai, "parsed")
    (ci,), (cr,) = ai.established_children, ar.established_children
    assert (ci.spi_in, ci.spi_out) == (cr.spi_out, cr.spi_in)
    assert ci.values == cr.values and ci.dh_secret is not None
    assert ai.sa().selected_proposals == [
        "IKE:3DES_CBC/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024",
        "ESP:3DES_CBC/HMAC_MD5_96/MODP_1024/NO_EXT_SEQ",
    ]
    assert len(ai.sa().ka or b"") == 24 and ai.sa().ka == ar.sa().ka
    f = _case_dir("F-p2-mismatch-esp")
    fr = parse_charon_log((f / "responder.log").read_text())
    assert ("sent", "NO_PROPOSAL_CHOSEN", "log") in [
        (n.direction, n.name, n.source) for n in fr.notifies
    ]


SYNTHETIC_LOG = """\
00[DMN] Starting IKE charon daemon (strongSwan 5.9.8, Linux 6.1.0, x86_64)
07[IKE] <3> shared Diffie Hellman secret => 20 bytes @ 0x7f0000000010
09[ENC] <conn|4>   generating rule 0 IKE_SPI
07[IKE] <3>    0: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F  ................
09[ENC] <conn|4>    => 8 bytes @ 0x7f0000000020
07[IKE] <3>   16: 41 42 43 44                                      ABCD
09[ENC] <conn|4>    0: 11 22 33 44 55 66 77 88                          ."3DUfw.
09[ENC] <conn|4>   generating rule 1 IKE_SPI
09[ENC] <conn|4>    => 8 bytes @ 0x7f0000000028
09[ENC] <conn|4>    0: 99 AA BB CC DD EE FF 00                          ........
07[IKE] <conn|3> SKEYID => 4 bytes @ 0x7f0000000030
07[IKE] <conn|3>    0: 30 3A 20 41                                      0: A
07[IKE] <conn|3> next IV for MID 77 => 0 bytes @ (nil)
07[IKE] <conn|3> Hash => 2 bytes @ 0x7f0000000040
07[IKE] <conn|3>    0: AB CD                                            ..
08[CHD] <conn|3> initiator SA seed => 1 bytes @ 0x1
08[CHD] <conn|3>    0: 01                                               .
08[CHD] <conn|3> encryption initiator key => 1 bytes @ 0x1
08[CHD] <conn|3>    0: 02                                               .
08[CHD] <conn|3> initiator SA seed => 1 bytes @ 0x1
08[CHD] <conn|3>    0: 03                                               .
10[IKE] <conn|3> received INVALID_ID_INFORMATION error notify
10[ENC] <conn|3> parsed INFORMATIONAL_V1 request 12345 [ HASH N(INVAL_ID) ]
11[IKE] <conn|3> SKEYID_e => 20 bytes @ 0x7f0000000050
11[IKE] <conn|3>    0: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F  ................
"""


def test_parser_synthetic_interleaving_and_edge_cases() -> None:
    """No time stamps, dumps of two threads interleaved, 0-byte and cut-off dumps, an
    ASCII column that looks like hex, a rule dump for the cookies."""
    log = parse_charon_log(SYNTHETIC_LOG)
    sa3 = log.sa(3)
    assert sa3.name == "conn"
    assert sa3.dh_secret == bytes(range(16)) + b"ABCD"
    assert sa3.skeyid == bytes.fromhex("303a2041")
    assert sa3.next_ivs == [(77, b"")]
    assert sa3.info_hashes == [b"\xab\xcd"]
    assert [c.values for c in sa3.child_sas] == [
        {"initiator SA seed": b"\x01", "encryption initiator key": b"\x02"},
        {"initiator SA seed": b"\x03"},
    ]
    assert sa3.first("SKEYID_e") is None  # cut off at the end: not taken as a value
    assert [d for d in log.dumps if d.label == "SKEYID_e"][0].complete is False
    sa4 = log.sa(4)
    assert sa4.icookie == bytes.fromhex("1122334455667788")
    assert sa4.rcookie == bytes.fromhex("99aabbccddeeff00")
    assert log.lines[0].time is None and log.lines[0].group == "DMN"
    assert [(n.direction, n.name, n.source) for n in log.notifies] == [
        ("received", "INVALID_ID_INFORMATION", "log"),
        ("received", "INVALID_ID_INFORMATION", "message"),
    ]
    assert log.messages[0].payloads == ("HASH", "N(INVAL_ID)") and log.messages[0].mid == 12345


# ---------------------------------------------------------------------------------------
# ISAKMP helpers for the live tests (built and parsed by hand, independent of ikeviz)
# ---------------------------------------------------------------------------------------

MM1_ATTRS = {1: 7, 14: 128, 2: 2, 3: 1, 4: 14, 11: 1, 12: 28800}  # AES-128 SHA1 PSK G14 28800s


def build_main_mode_1(icookie: bytes, attrs: dict[int, int]) -> bytes:
    """ISAKMP header + SA(DOI 1, SIT 1, proposal 1 ISAKMP, transform 1 KEY_IKE, TV attrs)."""
    tv = b"".join(struct.pack("!HH", 0x8000 | t, v) for t, v in attrs.items())
    transform = struct.pack("!BBHBBH", 0, 0, 8 + len(tv), 1, 1, 0) + tv
    proposal = struct.pack("!BBHBBBB", 0, 0, 8 + len(transform), 1, 1, 0, 1) + transform
    sa = struct.pack("!BBHII", 0, 0, 12 + len(proposal), 1, 1) + proposal
    header = icookie + bytes(8) + struct.pack("!BBBBII", 1, 0x10, 2, 0, 0, 28 + len(sa))
    return header + sa


def parse_isakmp(data: bytes) -> dict[str, Any]:
    assert len(data) >= 28
    icookie, rcookie = data[:8], data[8:16]
    np, version, exch, flags, mid, length = struct.unpack("!BBBBII", data[16:28])
    assert length == len(data)
    payloads: list[tuple[int, bytes]] = []
    off = 28
    while np != 0:
        nxt, _, plen = struct.unpack("!BBH", data[off : off + 4])
        payloads.append((np, data[off + 4 : off + plen]))
        off += plen
        np = nxt
    return {
        "icookie": icookie,
        "rcookie": rcookie,
        "version": version,
        "exchange": exch,
        "flags": flags,
        "mid": mid,
        "payloads": payloads,
    }


def sa_transform_attrs(sa_body: bytes) -> tuple[int, dict[int, int]]:
    """(transform id, TV/TLV attributes) of the first transform of the first proposal."""
    doi, sit = struct.unpack("!II", sa_body[:8])
    assert (doi, sit) == (1, 1)
    prop = sa_body[8:]
    _, _, plen, _, proto, spi_size, ntrans = struct.unpack("!BBHBBBB", prop[:8])
    assert proto == 1 and ntrans >= 1
    tr = prop[8 + spi_size :]
    _, _, tlen, _, tid, _ = struct.unpack("!BBHBBH", tr[:8])
    attrs: dict[int, int] = {}
    a = tr[8:tlen]
    while a:
        t, v = struct.unpack("!HH", a[:4])
        if t & 0x8000:
            attrs[t & 0x7FFF] = v
            a = a[4:]
        else:
            attrs[t] = int.from_bytes(a[4 : 4 + v], "big")
            a = a[4 + v :]
    return tid, attrs


# ---------------------------------------------------------------------------------------
# 2./3. charon responder vs a hand-built Main Mode message 1
# ---------------------------------------------------------------------------------------


def test_responder_answers_main_mode_1(charon: CharonPeer) -> None:
    icookie = os.urandom(8)
    with charon.endpoint() as ep:
        t0 = time.monotonic()
        reply = ep.exchange(build_main_mode_1(icookie, MM1_ATTRS), timeout=5.0)
        rtt = time.monotonic() - t0
    msg = parse_isakmp(reply)
    assert msg["icookie"] == icookie
    assert msg["rcookie"] != bytes(8)
    assert (msg["version"], msg["exchange"], msg["flags"], msg["mid"]) == (0x10, 2, 0, 0)
    assert msg["payloads"][0][0] == 1  # SA first
    assert all(p == 13 for p, _ in msg["payloads"][1:])  # then vendor IDs only
    tid, attrs = sa_transform_attrs(msg["payloads"][0][1])
    assert tid == 1
    assert {k: attrs[k] for k in (1, 14, 2, 3, 4)} == {1: 7, 14: 128, 2: 2, 3: 1, 4: 14}
    assert rtt < 2.0

    charon.wait_for_log(r"selected proposal: IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048")
    log = charon.log()
    assert log.message_lines()[:2] == [
        "parsed ID_PROT request 0 [ SA ]",
        "generating ID_PROT response 0 [ SA V V ]",
    ]
    sa = log.sa()
    assert sa.icookie == icookie and sa.rcookie == msg["rcookie"]
    assert sa.selected_proposals == ["IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048"]


def test_responder_rejects_unacceptable_proposal(charon: CharonPeer) -> None:
    icookie = os.urandom(8)
    attrs = {**MM1_ATTRS, 4: 2}  # MODP-1024 only; charon is configured for MODP-2048 only
    with charon.endpoint() as ep:
        reply = ep.exchange(build_main_mode_1(icookie, attrs), timeout=5.0)
    msg = parse_isakmp(reply)
    assert msg["icookie"] == icookie
    assert msg["exchange"] == 5 and msg["flags"] == 0  # unencrypted Informational
    assert msg["mid"] != 0
    ((ptype, body),) = msg["payloads"]
    assert ptype == 11  # Notification
    doi, proto, spi_size, ntype = struct.unpack("!IBBH", body[:8])
    assert (doi, proto, ntype) == (1, 1, 14)  # ISAKMP, NO_PROPOSAL_CHOSEN
    assert spi_size == 16 and body[8:16] == icookie

    charon.wait_for_log(r"no proposal found")
    log = charon.log()
    assert log.contains(r"no acceptable KEY_EXCHANGE_METHOD found")
    assert [(n.direction, n.name) for n in log.notifies] == [("sent", "NO_PROPOSAL_CHOSEN")]
    assert re.fullmatch(
        r"generating INFORMATIONAL_V1 request \d+ \[ N\(NO_PROP\) \]",
        log.message_lines("generating")[0],
    )


@pytest.mark.charon_config(initiator=True, ike_proposals=["aes256-sha256-modp3072"])
def test_initiator_sends_main_mode_1_to_driver(charon: CharonPeer) -> None:
    """charon as initiator: the fixture initiated; its MM1 arrives on the driver socket."""
    with charon.endpoint() as ep:
        data, src = ep.recv_from(timeout=5.0)
    assert src == (charon.config.local_addr, 500)
    msg = parse_isakmp(data)
    assert msg["exchange"] == 2 and msg["rcookie"] == bytes(8)
    _, attrs = sa_transform_attrs(msg["payloads"][0][1])
    assert (attrs[1], attrs[14], attrs[2], attrs[4]) == (7, 256, 4, 15)
    assert attrs[12] == charon.config.ike_lifetime  # Life-Duration = reauth + over time
    charon.wait_for_log(r"generating ID_PROT request 0 \[ SA V V V V \]")


# ---------------------------------------------------------------------------------------
# 4. two charons, full tunnel
# ---------------------------------------------------------------------------------------


def test_two_charons_establish_child_sa(charon_lab: Callable[..., CharonLab]) -> None:
    try:
        build_shim()
    except ShimUnavailable as exc:
        pytest.skip(f"xfrm shim needed for Quick Mode on this kernel: {exc}")
    cfg = CharonConfig(esp_proposals=["aes128-sha1-modp2048"])  # with PFS
    lab = charon_lab(cfg, shim=True)
    responder = lab.peer
    initiator = lab.start_second_peer()  # mirrored config, in the driver namespace
    t0 = time.monotonic()
    initiator.initiate()
    initiator.wait_established(timeout=15)
    responder.wait_established(timeout=15)
    elapsed = time.monotonic() - t0
    rc, out = initiator.wait_initiate(timeout=15)
    assert rc == 0, out
    assert elapsed < 5

    li, lr = initiator.log(), responder.log()
    expected = [
        "generating ID_PROT request 0 [ SA V V V V ]",
        "parsed ID_PROT response 0 [ SA V V V ]",
        "generating ID_PROT request 0 [ KE No NAT-D NAT-D ]",
        "parsed ID_PROT response 0 [ KE No NAT-D NAT-D ]",
        "generating ID_PROT request 0 [ ID HASH N(INITIAL_CONTACT) ]",
        "parsed ID_PROT response 0 [ ID HASH ]",
        "generating QUICK_MODE request {mid} [ HASH SA No KE ID ID ]",
        "parsed QUICK_MODE response {mid} [ HASH SA No KE ID ID ]",
        "generating QUICK_MODE request {mid} [ HASH ]",
    ]
    mid = li.messages[6].mid
    assert li.message_lines() == [e.format(mid=mid) for e in expected]
    # the responder parsed what the initiator generated and vice versa
    swap = {"generating": "parsed", "parsed": "generating"}
    assert [(swap[m.direction], m.exchange, m.kind, m.mid, m.payloads) for m in lr.messages] == [
        (m.direction, m.exchange, m.kind, m.mid, m.payloads) for m in li.messages
    ]

    # both sides derived and logged the same key material
    ki, kr = li.to_keys_json(), lr.to_keys_json()
    assert len(ki) == len(kr) == 1
    assert ki == kr
    si, sr = li.sa(), lr.sa()
    assert si.established and sr.established
    for value in (
        si.dh_secret,
        si.skeyid,
        si.skeyid_d,
        si.skeyid_a,
        si.skeyid_e,
        si.ka,
        si.initial_iv,
        si.hash_i,
        si.hash_r,
    ):
        assert value
    assert len(si.hash1) == len(si.hash2) == len(si.hash3) == 1
    (ci,), (cr,) = li.established_children, lr.established_children
    assert ci.values == cr.values
    assert ci.dh_secret and len(ci.encr_i or b"") == 16 and len(ci.integ_r or b"") == 20
    assert (ci.spi_in, ci.spi_out) == (cr.spi_out, cr.spi_in)
    assert "INSTALLED" in responder.list_sas()
    # the shim made the SA install succeed: no DELETE/NO_PROPOSAL_CHOSEN instead of QM3
    assert not lr.contains("unable to install") and not li.contains("unable to install")


# ---------------------------------------------------------------------------------------
# topology variants and cleanup
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("ports", [(500, 1500), (5000, 5500)], ids=["charon500", "marker"])
def test_single_namespace_loopback(
    charon_lab: Callable[..., CharonLab], ports: tuple[int, int]
) -> None:
    """charon on 127.0.0.1, driver on 127.0.0.2 in the same namespace (other port).  With
    neither port 500 the non-ESP marker is added and stripped by UdpEndpoint."""
    cfg = CharonConfig(
        local_addr="127.0.0.1", remote_addr="127.0.0.2", local_port=ports[0], remote_port=ports[1]
    )
    lab = charon_lab(cfg)
    assert lab.topology == "single"
    icookie = os.urandom(8)
    with lab.endpoint() as ep:
        assert ep.non_esp_marker == (ports[0] != 500)
        msg = parse_isakmp(ep.exchange(build_main_mode_1(icookie, MM1_ATTRS), timeout=5.0))
    assert msg["icookie"] == icookie and msg["exchange"] == 2
    lab.peer.wait_for_log(r"parsed ID_PROT request 0 \[ SA \]")


def test_unconfined_binary_copies(charon_lab: Callable[..., CharonLab]) -> None:
    """The AppArmor workaround (charon/swanctl run from copies) works end to end."""
    lab = charon_lab(CharonConfig(), copy_binaries=True)
    assert lab.peer.charon_path is not None and lab.peer.swanctl_path is not None
    assert not lab.peer.charon_path.startswith("/usr/")
    assert not lab.peer.swanctl_path.startswith("/usr/")
    with lab.endpoint() as ep:
        msg = parse_isakmp(ep.exchange(build_main_mode_1(os.urandom(8), MM1_ATTRS), timeout=5.0))
    assert msg["exchange"] == 2


def test_stop_cleans_up_everything(charon_lab: Callable[..., CharonLab]) -> None:
    lab = charon_lab(CharonConfig())
    peer = lab.peer
    pid, rundir, names = peer.pid, peer.rundir, [lab.peer_ns.name, lab.driver_ns.name]
    assert pid is not None and rundir is not None and peer.running
    assert peer.timings["start"] < 5
    lab.stop()
    lab.stop()  # idempotent
    assert peer.proc is not None and peer.proc.returncode is not None  # reaped
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not rundir.exists()
    for name in names:
        assert not os.path.exists(f"/run/netns/{name}")
    assert "SIGTERM received, shutting down" in peer.log_text()  # log kept after stop
    assert peer.timings["stop"] < 5


def test_udp_endpoint_timeout_and_marker() -> None:
    with UdpEndpoint(("127.0.0.1", 0), ("127.0.0.1", 9), non_esp_marker=None) as ep:
        assert ep.non_esp_marker is True  # neither port is 500
        t0 = time.monotonic()
        with pytest.raises(TimeoutError):
            ep.recv(timeout=0.05)
        assert time.monotonic() - t0 < 1.0
        with UdpEndpoint(("127.0.0.1", 0), ep.local, non_esp_marker=True) as other:
            other.send(b"hello")
            assert ep.recv(timeout=1.0) == b"hello"
