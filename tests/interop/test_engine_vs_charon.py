"""Our IKEv1 engine negotiates with a real strongSwan charon over UDP.

The proof that :class:`ikeviz.protocol.peer.Peer` is a real IKEv1 implementation: a
charon 5.9.8 runs in a network namespace (``tests/interop/charon.py``), our Peer sits on
the driver side's UDP socket (``tests/interop/driver.py``) and the two negotiate Main Mode
and Quick Mode with pre-shared keys, our engine as initiator and as responder.

Positive runs (4 suites x 2 roles): both sides reach an established CHILD_SA, and every
value charon logs at ``ike=4 enc=4 chd=4`` (read from its log by the harness's own parser)
equals ours byte for byte: the cookies, g^xy, SKEYID, SKEYID_d/a/e, Ka, the initial IV,
every "next IV for MID", HASH_I/HASH_R and the data they were computed over, HASH(1..3),
the Quick Mode DH secret, both KEYMAT seeds, the four ESP keys and the SPIs, and for every
encrypted message the IV, ciphertext and plaintext charon logged.

Negative runs (phase-1 mismatch, wrong PSK, phase-2 mismatch, traffic-selector mismatch,
each with our engine as initiator and as responder): the oracle is a charon<->charon run
of the same configuration; its two logs say which notify was sent, by which side, in
answer to which message, who received (or could not read) it and who gave up.  The same
configuration with our engine in place of one charon must give the same observations,
from our events on our side and from charon's log on the other, and the same number of
notify datagrams.
"""

from __future__ import annotations

import dataclasses
import random
import re
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ikeviz.protocol.codec import Hash
from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
    Identity,
    IkeProposal,
    PeerConfig,
    Role,
    TrafficSelector,
)
from ikeviz.protocol.events import (
    Event,
    GaveUp,
    KeysDerived,
    MessageReceived,
    MessageSent,
    MessageUnreadable,
    NotifyReceived,
    NotifySent,
)
from ikeviz.protocol.peer import Peer
from ikeviz.protocol.registry import (
    AuthAlgorithm,
    EncryptionAlgorithm,
    EspTransformId,
    ExchangeType,
    HashAlgorithm,
    IdType,
    NotifyType,
)
from ikeviz.protocol.states import State

from .charon import (
    NOTIFY_SHORT_NAMES,
    CharonConfig,
    CharonLab,
    CharonLog,
    IkeSaLog,
    ShimUnavailable,
    build_shim,
)
from .driver import EngineDriver

CHARON_ADDR = "10.99.0.2"
ENGINE_ADDR = "10.99.0.1"
CHARON_TS = "10.2.0.0/24"
ENGINE_TS = "10.1.0.0/24"
PSK = "ikev1-test-psk"

#: Short retransmissions on both sides: 0.5 s, x1.5, 2 tries (give up after 2.375 s).
RETRANSMIT_TIMEOUT, RETRANSMIT_BASE, RETRANSMIT_TRIES = 0.5, 1.5, 2
BEHAVIOUR = Behaviour(
    retransmit_timeout=RETRANSMIT_TIMEOUT,
    retransmit_base=RETRANSMIT_BASE,
    retransmit_tries=RETRANSMIT_TRIES,
)

CHARON_BASE = CharonConfig(
    local_addr=CHARON_ADDR,
    remote_addr=ENGINE_ADDR,
    psk=PSK,
    local_ts=[CHARON_TS],
    remote_ts=[ENGINE_TS],
    retransmit_timeout=RETRANSMIT_TIMEOUT,
    retransmit_base=RETRANSMIT_BASE,
    retransmit_tries=RETRANSMIT_TRIES,
)

# ---------------------------------------------------------------------------------------
# suites
# ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Suite:
    """One algorithm suite in charon's syntax and in our configuration."""

    charon_ike: str
    charon_esp: str
    ike: IkeProposal
    child: ChildProposal
    selected_ike: str  # charon's "selected proposal" lines
    selected_esp: str


def _ike(encryption: int, key_length: int | None, hash_alg: int, group: int) -> IkeProposal:
    return IkeProposal(
        encryption=encryption,
        key_length=key_length,
        hash=hash_alg,
        group=group,
        lifetime_seconds=CHARON_BASE.ike_lifetime,  # what charon offers: reauth + over time
    )


def _child(
    transform_id: int, key_length: int | None, auth: int, pfs_group: int | None
) -> ChildProposal:
    return ChildProposal(
        transforms=(EspTransform(transform_id, key_length, auth),),
        pfs_group=pfs_group,
        lifetime_seconds=CHARON_BASE.child_life_time,
    )


SUITES: dict[str, Suite] = {
    "3des-md5-modp1024-pfs": Suite(
        "3des-md5-modp1024",
        "3des-md5-modp1024",
        _ike(EncryptionAlgorithm.TRIPLE_DES_CBC, None, HashAlgorithm.MD5, 2),
        _child(EspTransformId.ESP_3DES, None, AuthAlgorithm.HMAC_MD5, 2),
        "IKE:3DES_CBC/HMAC_MD5_96/PRF_HMAC_MD5/MODP_1024",
        "ESP:3DES_CBC/HMAC_MD5_96/MODP_1024/NO_EXT_SEQ",
    ),
    "aes128-sha1-modp2048-nopfs": Suite(
        "aes128-sha1-modp2048",
        "aes128-sha1",
        _ike(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA, 14),
        _child(EspTransformId.ESP_AES, 128, AuthAlgorithm.HMAC_SHA, None),
        "IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_2048",
        "ESP:AES_CBC_128/HMAC_SHA1_96/NO_EXT_SEQ",
    ),
    "aes256-sha256-modp2048-pfs": Suite(
        "aes256-sha256-modp2048",
        "aes256-sha256-modp2048",
        _ike(EncryptionAlgorithm.AES_CBC, 256, HashAlgorithm.SHA2_256, 14),
        _child(EspTransformId.ESP_AES, 256, AuthAlgorithm.HMAC_SHA2_256, 14),
        "IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048",
        "ESP:AES_CBC_256/HMAC_SHA2_256_128/MODP_2048/NO_EXT_SEQ",
    ),
    "aes128-sha1-ecp256-pfs": Suite(
        "aes128-sha1-ecp256",
        "aes128-sha1-ecp256",
        _ike(EncryptionAlgorithm.AES_CBC, 128, HashAlgorithm.SHA, 19),
        _child(EspTransformId.ESP_AES, 128, AuthAlgorithm.HMAC_SHA, 19),
        "IKE:AES_CBC_128/HMAC_SHA1_96/PRF_HMAC_SHA1/ECP_256",
        "ESP:AES_CBC_128/HMAC_SHA1_96/ECP_256/NO_EXT_SEQ",
    ),
}


def engine_config(
    ike: IkeProposal,
    child: ChildProposal,
    *,
    psk: str = PSK,
    local_ts: str = ENGINE_TS,
    remote_ts: str = CHARON_TS,
) -> PeerConfig:
    """Our side: 10.99.0.1 with ID_IPV4_ADDR identities, like CHARON_BASE mirrored."""
    return PeerConfig(
        name="ikeviz",
        address=ENGINE_ADDR,
        peer_address=CHARON_ADDR,
        identity=Identity(IdType.IPV4_ADDR, ENGINE_ADDR),
        peer_identity=Identity(IdType.IPV4_ADDR, CHARON_ADDR),
        psk=psk.encode(),
        ike_proposals=(ike,),
        child_proposals=(child,),
        local_selector=TrafficSelector(local_ts),
        remote_selector=TrafficSelector(remote_ts),
        behaviour=BEHAVIOUR,
    )


def _rng(seed_text: str) -> Callable[[int], bytes]:
    return random.Random(zlib.crc32(seed_text.encode())).randbytes


def _need_shim() -> None:
    try:
        build_shim()
    except ShimUnavailable as exc:
        pytest.skip(f"xfrm shim needed for charon to install the CHILD_SA here: {exc}")


# ---------------------------------------------------------------------------------------
# running our engine against the lab's charon
# ---------------------------------------------------------------------------------------


@dataclasses.dataclass
class EngineRun:
    peer: Peer
    driver: EngineDriver
    elapsed: float

    @property
    def events(self) -> list[Event]:
        return self.driver.events


def run_engine(
    lab: CharonLab,
    config: PeerConfig,
    role: Role,
    seed: str,
    *,
    timeout: float = 10.0,
    until: Callable[[EngineDriver], bool] | None = None,
    settle: float = 0.0,
) -> EngineRun:
    """Our Peer in ``role`` on the lab's driver socket; charon initiates if we respond."""
    peer = Peer(config, role, _rng(seed))
    t0 = time.monotonic()
    with lab.endpoint() as endpoint:
        driver = EngineDriver(peer, endpoint)
        if role is Role.INITIATOR:
            driver.initiate()
        else:
            lab.peer.initiate()  # the socket is bound: charon's MM1 cannot get lost
        driver.run(timeout=timeout, until=until, settle=settle)
    return EngineRun(peer, driver, time.monotonic() - t0)


def _describe_run(run: EngineRun) -> str:
    lines = []
    for e in run.events:
        if isinstance(e, MessageSent | MessageReceived):
            arrow = "->" if isinstance(e, MessageSent) else "<-"
            lines.append(f"{e.time:7.3f} {arrow} {e.label}")
        elif not isinstance(e, KeysDerived):
            lines.append(f"{e.time:7.3f}    {type(e).__name__}: {_short(e)}")
    return "\n".join(lines)


def _short(event: Event) -> str:
    fields = {
        f.name: getattr(event, f.name)
        for f in dataclasses.fields(event)
        if f.name not in ("role", "time", "derivations", "keys")
    }
    return ", ".join(f"{k}={v}" for k, v in fields.items())[:300]


# ---------------------------------------------------------------------------------------
# every logged value: charon's and ours
# ---------------------------------------------------------------------------------------

Value = bytes | str | list[Any] | None


@dataclasses.dataclass(frozen=True)
class Compared:
    name: str
    charon: Value
    ours: Value

    @property
    def equal(self) -> bool:
        return self.charon == self.ours


def _derived(events: list[Event], step: str) -> list[tuple[bytes, bytes]]:
    """(output, data) of every KeysDerived derivation of ``step`` (data = the inputs after
    the key, concatenated: what charon logs as "HASH_I data")."""
    out = []
    for e in events:
        if isinstance(e, KeysDerived) and e.step == step:
            for d in e.derivations:
                out.append((d.output, b"".join(v for _, v in d.inputs[1:])))
    return out


def _encrypted_messages(events: list[Event]) -> list[MessageSent | MessageReceived]:
    """Every encrypted message we sent (first transmissions) or read, in order."""
    out: list[MessageSent | MessageReceived] = []
    for e in events:
        if isinstance(e, MessageSent) and e.iv and not e.retransmission:
            out.append(e)
        elif isinstance(e, MessageReceived) and e.iv and e.decrypted:
            out.append(e)
    return out


def our_next_ivs(events: list[Event], block: int) -> list[tuple[int, bytes]]:
    """Our IV chain in the order charon logs "next IV for MID n": for an exchange other
    than phase 1, its first IV when first met; after every Main or Quick Mode message, the
    last ciphertext block (RFC 2409 App. B).  charon logs no "after" IV of an
    Informational exchange."""
    out: list[tuple[int, bytes]] = []
    seen: set[int] = set()
    for e in _encrypted_messages(events):
        header = e.message.header
        mid = header.message_id
        if mid != 0 and mid not in seen:
            out.append((mid, e.iv))
        seen.add(mid)
        if header.exchange_type != ExchangeType.INFORMATIONAL:
            out.append((mid, (e.message.ciphertext or b"")[-block:]))
    return out


@dataclasses.dataclass(frozen=True)
class EncRecord:
    """One encrypted message as charon's ENC group logged it."""

    direction: str  # "encrypted" by charon or "decrypted" by charon
    ciphertext: bytes
    plain: bytes
    iv: bytes | None = None  # logged when charon encrypts


def charon_enc_records(sa: IkeSaLog) -> list[EncRecord]:
    """charon's "IV"/"plain"/"encrypted" dumps grouped per message: encryption logs IV,
    plain (unpadded), encrypted; decryption logs encrypted, plain (padded)."""
    dumps = [d for d in sa.dumps if d.group == "ENC" and d.label in ("IV", "plain", "encrypted")]
    out = []
    i = 0
    while i < len(dumps):
        d = dumps[i]
        labels = [x.label for x in dumps[i : i + 3]]
        if labels == ["IV", "plain", "encrypted"]:
            out.append(EncRecord("encrypted", dumps[i + 2].data, dumps[i + 1].data, d.data))
            i += 3
        elif labels[:2] == ["encrypted", "plain"]:
            out.append(EncRecord("decrypted", d.data, dumps[i + 1].data))
            i += 2
        else:
            raise AssertionError(f"unexpected ENC dump sequence at log line {d.line}: {labels}")
    return out


def our_enc_records(events: list[Event]) -> list[EncRecord]:
    """The same records from our side: what we sent charon decrypted, what charon sent
    charon encrypted (its plain dump is the payloads before its own padding)."""
    out = []
    for e in _encrypted_messages(events):
        ciphertext = e.message.ciphertext or b""
        if isinstance(e, MessageSent):
            out.append(EncRecord("decrypted", ciphertext, e.plaintext))
        else:
            out.append(EncRecord("encrypted", ciphertext, e.plaintext, e.iv))
    return out


def _align_enc(charon: list[EncRecord], ours: list[EncRecord]) -> list[EncRecord]:
    """Cut our plaintexts of charon-encrypted messages to the length charon logged (it
    logs them before padding; the padding is in the ciphertext we compare anyway)."""
    out = []
    for c, o in zip(charon, ours, strict=False):
        if c.direction == o.direction == "encrypted":
            o = dataclasses.replace(o, plain=o.plain[: len(c.plain)])
        out.append(o)
    return out + ours[len(charon) :]


def _hash_payloads(events: list[Event], exchange: int) -> list[bytes]:
    out = []
    for e in _encrypted_messages(events):
        if e.message.header.exchange_type == exchange and e.payloads:
            first = e.payloads[0]
            if isinstance(first, Hash):
                out.append(first.data)
    return out


def compare_values(sa: IkeSaLog, run: EngineRun) -> list[Compared]:
    """Every value charon logged for this IKE SA, next to ours (None where one side has
    none).  Lists are compared whole (order and count)."""
    peer, events = run.peer, run.events
    p1, keys = peer.p1, peer.p1.keys
    rows: list[Compared] = []

    def add(name: str, charon: Value, ours: Value) -> None:
        rows.append(Compared(name, charon, ours))

    add("CKY-I", sa.icookie, p1.icookie)
    add("CKY-R", sa.rcookie, p1.rcookie)
    add("shared Diffie Hellman secret (g^xy)", sa.dh_secret, p1.g_xy or None)
    add("SKEYID", sa.skeyid, keys.skeyid if keys else None)
    add("SKEYID_d", sa.skeyid_d, keys.skeyid_d if keys else None)
    add("SKEYID_a", sa.skeyid_a, keys.skeyid_a if keys else None)
    add("SKEYID_e", sa.skeyid_e, keys.skeyid_e if keys else None)
    add("encryption key Ka", sa.ka, keys.encryption_key if keys else None)
    add("initial IV", sa.initial_iv, keys.initial_iv if keys else None)
    for name in ("HASH_I", "HASH_R"):
        derived = _derived(events, name)
        add(f"{name} data", sa.first(f"{name} data"), derived[0][1] if derived else None)
        add(name, sa.first(name), derived[0][0] if derived else None)
    # the HASH_I / HASH_R payloads on the wire (MM5 / MM6)
    for label, name in (("MM5", "HASH_I"), ("MM6", "HASH_R")):
        wire = [
            p.data
            for e in _encrypted_messages(events)
            if e.label == label
            for p in e.payloads
            if isinstance(p, Hash)
        ]
        if sa.first(name) is not None or wire:
            add(f"{name} (the {label} HASH payload)", sa.first(name), wire[0] if wire else None)
    for n in (1, 2, 3):
        add(f"Hash({n})", sa.all(f"Hash({n})"), [o for o, _ in _derived(events, f"HASH({n})")])
    add("Hash(1..3) payloads", sa.hash1 + sa.hash2 + sa.hash3, sorted_qm_hashes(events))
    add("Informational Hash", sa.info_hashes, _hash_payloads(events, ExchangeType.INFORMATIONAL))
    block = keys.block_size if keys else 8
    add("next IV for MID (in log order)", sa.next_ivs, our_next_ivs(events, block))
    charon_enc = charon_enc_records(sa)
    add(
        "encrypted messages (IV, ciphertext, plaintext)",
        charon_enc,
        _align_enc(charon_enc, our_enc_records(events)),
    )
    # Quick Mode: the CHILD_SA
    child = next((c for c in sa.child_sas if c.spi_in), sa.child_sas[-1] if sa.child_sas else None)
    qm, ck = peer.qm, peer.child_keys
    if child is not None or ck is not None:
        values = child.values if child is not None else {}
        add("Quick Mode DH secret (g(qm)^xy)", values.get("DH secret"), qm.g_qm_xy if qm else None)
        i2r = ck.initiator_to_responder if ck else None
        r2i = ck.responder_to_initiator if ck else None
        add("initiator SA seed", values.get("initiator SA seed"), i2r.seed if i2r else None)
        add("responder SA seed", values.get("responder SA seed"), r2i.seed if r2i else None)
        add(
            "encryption initiator key",
            values.get("encryption initiator key"),
            i2r.encryption_key if i2r else None,
        )
        add(
            "encryption responder key",
            values.get("encryption responder key"),
            r2i.encryption_key if r2i else None,
        )
        add(
            "integrity initiator key",
            values.get("integrity initiator key"),
            i2r.integrity_key if i2r else None,
        )
        add(
            "integrity responder key",
            values.get("integrity responder key"),
            r2i.integrity_key if r2i else None,
        )
        if child is not None and child.spi_in and qm is not None:
            # charon's inbound SPI is the one it chose: the responder's if we initiated
            ours_in = qm.spi_r if peer.role is Role.INITIATOR else qm.spi_i
            ours_out = qm.spi_i if peer.role is Role.INITIATOR else qm.spi_r
            add("charon's inbound SPI", child.spi_in, ours_in.hex())
            add("charon's outbound SPI", child.spi_out, ours_out.hex())
    return rows


def sorted_qm_hashes(events: list[Event]) -> list[bytes]:
    """HASH(1), HASH(2), HASH(3) payloads of the Quick Mode messages, in that order."""
    by_label: dict[str, bytes] = {}
    for e in _encrypted_messages(events):
        if e.message.header.exchange_type == ExchangeType.QUICK_MODE and e.payloads:
            first = e.payloads[0]
            if isinstance(first, Hash):
                by_label.setdefault(e.label, first.data)
    return [by_label[k] for k in ("QM1", "QM2", "QM3") if k in by_label]


def _fmt(value: Value) -> str:
    if isinstance(value, bytes):
        return value.hex() if len(value) <= 24 else f"{value[:20].hex()}..({len(value)} bytes)"
    if isinstance(value, list):
        return f"[{len(value)} items]"
    return repr(value)


def assert_all_equal(rows: list[Compared], context: str) -> None:
    bad = [r for r in rows if not r.equal]
    if bad:
        details = []
        for r in bad:
            details.append(f"  {r.name}:\n    charon {_fmt(r.charon)}\n    ours   {_fmt(r.ours)}")
            if isinstance(r.charon, list) and isinstance(r.ours, list):
                for k, (c, o) in enumerate(zip(r.charon, r.ours, strict=False)):
                    if c != o:
                        details.append(f"    first difference at item {k}: {c!r} != {o!r}")
                        break
        pytest.fail(f"{context}: {len(bad)} of {len(rows)} values differ\n" + "\n".join(details))


def _present(value: Value) -> bool:
    return bool(value)


#: Values every positive run must have from charon's log (and compare).
REQUIRED_ALWAYS = (
    "CKY-I",
    "CKY-R",
    "shared Diffie Hellman secret (g^xy)",
    "SKEYID",
    "SKEYID_d",
    "SKEYID_a",
    "SKEYID_e",
    "encryption key Ka",
    "initial IV",
    "HASH_I data",
    "HASH_I",
    "HASH_R data",
    "HASH_R",
    "Hash(1)",
    "Hash(2)",
    "Hash(3)",
    "Hash(1..3) payloads",
    "next IV for MID (in log order)",
    "encrypted messages (IV, ciphertext, plaintext)",
    "initiator SA seed",
    "responder SA seed",
    "encryption initiator key",
    "encryption responder key",
    "integrity initiator key",
    "integrity responder key",
    "charon's inbound SPI",
    "charon's outbound SPI",
)

#: Summary lines printed at the end of the module (pytest -s shows them).
REPORT: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def _print_report() -> Iterator[None]:
    yield
    if REPORT:
        print("\n" + "\n".join(REPORT))


# ---------------------------------------------------------------------------------------
# positive runs
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.INITIATOR, Role.RESPONDER], ids=lambda r: r.value)
@pytest.mark.parametrize("suite_name", list(SUITES))
def test_engine_establishes_with_charon(
    charon_lab: Callable[..., CharonLab], suite_name: str, role: Role
) -> None:
    _need_shim()
    suite = SUITES[suite_name]
    cfg = dataclasses.replace(
        CHARON_BASE, ike_proposals=[suite.charon_ike], esp_proposals=[suite.charon_esp]
    )
    lab = charon_lab(cfg, shim=True)
    run = run_engine(lab, engine_config(suite.ike, suite.child), role, f"{suite_name}/{role.value}")
    charon = lab.peer
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    charon.wait_established(timeout=5)
    if role is Role.RESPONDER:
        rc, out = charon.wait_initiate(timeout=10)
        assert rc == 0, out
    log = charon.log()
    sa = log.sa()
    assert sa.established
    assert sa.selected_proposals == [suite.selected_ike, suite.selected_esp]
    (child,) = log.established_children
    assert child.ts == (f"{CHARON_TS} === {ENGINE_TS}")

    rows = compare_values(sa, run)
    names = {r.name for r in rows}
    missing = [
        n
        for n in REQUIRED_ALWAYS
        if n not in names or not _present(next(r for r in rows if r.name == n).charon)
    ]
    pfs = suite.child.pfs_group is not None
    dh_row = next(r for r in rows if r.name == "Quick Mode DH secret (g(qm)^xy)")
    assert _present(dh_row.charon) == pfs and _present(dh_row.ours) == pfs
    assert not missing, f"charon did not log {missing}"
    assert_all_equal(rows, f"{suite_name}, engine as {role.value}")
    # the IV chain really was exercised: MM5, MM6, QM1-QM3 each moved it
    assert len(sa.next_ivs) == 2 + 4
    compared = sum(
        len(r.charon) if isinstance(r.charon, list) else 1 for r in rows if _present(r.charon)
    )
    REPORT.append(
        f"{suite_name:28} engine {role.value:9}: ESTABLISHED both sides, {len(rows)} value "
        f"kinds / {compared} values compared, all equal ({run.elapsed:.2f} s)"
    )


# ---------------------------------------------------------------------------------------
# negative runs
# ---------------------------------------------------------------------------------------

BASE_IKE = SUITES["aes128-sha1-modp2048-nopfs"].ike
BASE_CHILD = SUITES["aes128-sha1-modp2048-nopfs"].child


@dataclasses.dataclass(frozen=True)
class Scenario:
    """Side A (10.99.0.1: our engine, or a charon standing in for it) and side B (charon
    at 10.99.0.2) configured so that they cannot agree."""

    charon_b: dict[str, Any]  # CharonConfig changes of B (from CHARON_BASE)
    engine_a: dict[str, Any]  # engine_config() arguments of A
    charon_a: dict[str, Any]  # the same for a charon as A (changes of B.mirrored())
    expected: frozenset[tuple[str, str, str, str, bool | None]]  # (kind, role, notify, at, enc)


def _obs(
    *items: tuple[str, str, str, str, bool | None],
) -> frozenset[tuple[str, str, str, str, bool | None]]:
    return frozenset(items)


A_CHARON = {
    "ike_proposals": ["aes128-sha1-modp2048"],
    "esp_proposals": ["aes128-sha1"],
    "local_ts": [ENGINE_TS],
    "remote_ts": [CHARON_TS],
}
B_CHARON = {"ike_proposals": ["aes128-sha1-modp2048"], "esp_proposals": ["aes128-sha1"]}

SCENARIOS: dict[str, Scenario] = {
    # A offers MODP-2048 only, B accepts MODP-1024 only.
    "phase1-mismatch": Scenario(
        {**B_CHARON, "ike_proposals": ["aes128-sha1-modp1024"]},
        {},
        A_CHARON,
        _obs(
            ("sent", "responder", "NO_PROPOSAL_CHOSEN", "MM1", False),
            ("received", "initiator", "NO_PROPOSAL_CHOSEN", "MM1", False),
        ),
    ),
    # The two pre-shared keys differ: each side derives its own SKEYID and Ka.
    "wrong-psk": Scenario(
        B_CHARON,
        {"psk": "not-the-same-psk"},
        {**A_CHARON, "psk": "not-the-same-psk"},
        _obs(
            ("sent", "responder", "PAYLOAD_MALFORMED", "MM5", True),
            ("unreadable", "initiator", "INFORMATIONAL", "MM5", None),
            ("gave up", "initiator", "", "MM5", None),
        ),
    ),
    # A offers ESP AES-128/SHA1, B accepts 3DES/MD5 only.
    "phase2-mismatch": Scenario(
        {**B_CHARON, "esp_proposals": ["3des-md5"]},
        {},
        A_CHARON,
        _obs(
            ("sent", "responder", "NO_PROPOSAL_CHOSEN", "QM1", True),
            ("received", "initiator", "NO_PROPOSAL_CHOSEN", "QM1", True),
        ),
    ),
    # B expects 10.3.0.0/24 behind A, A has 10.1.0.0/24.
    "ts-mismatch": Scenario(
        {**B_CHARON, "remote_ts": ["10.3.0.0/24"]},
        {},
        A_CHARON,
        _obs(
            ("sent", "responder", "INVALID_ID_INFORMATION", "QM1", True),
            ("received", "initiator", "INVALID_ID_INFORMATION", "QM1", True),
        ),
    ),
}

Observation = tuple[str, str, str, str, bool | None]

_LOG_MESSAGE_RE = re.compile(
    r"^(?P<dir>parsed|generating) (?P<exchange>[A-Z0-9_]+) (?:request|response) "
    r"(?P<mid>\d+) \[ ?(?P<payloads>.*?) ?\]\s*$"
)
_ERROR_NOTIFIES = {t.name for t in NotifyType if t < 8192}


class _Position:
    """Which Main/Quick Mode message a side is at: MM1..MM6 / QM1..QM3 in order."""

    def __init__(self) -> None:
        self.mm = 0
        self.qm: dict[int, int] = {}
        self.last_sent = ""
        self.last: tuple[str, str] | None = None  # (direction, label)

    def message(self, direction: str, exchange: str, mid: int) -> None:
        if exchange == "ID_PROT":
            self.mm += 1
            label = f"MM{self.mm}"
        elif exchange == "QUICK_MODE":
            self.qm[mid] = self.qm.get(mid, 0) + 1
            label = f"QM{self.qm[mid]}"
        else:
            return
        self.last = (direction, label)
        if direction == "sent":
            self.last_sent = label

    def answering(self) -> str:
        """The message a notify sent now answers: the last one received, or, if the last
        message was our own, the next one (which we could not even parse)."""
        if self.last is None:
            return "MM1"
        direction, label = self.last
        if direction == "received":
            return label
        return label[:2] + str(int(label[2:]) + 1)


def charon_observations(log: CharonLog, role: str) -> tuple[set[Observation], int]:
    """What one charon saw: (observations, error notify datagrams it sent)."""
    pos = _Position()
    obs: set[Observation] = set()
    sent = 0
    last_info_encrypted: bool | None = None
    for ln in log.lines:
        if ln.ike_sa is None:
            continue
        text = ln.text.strip()
        m = _LOG_MESSAGE_RE.match(text)
        if m:
            direction = "sent" if m.group("dir") == "generating" else "received"
            payloads = m.group("payloads").split()
            if m.group("exchange") == "INFORMATIONAL_V1":
                encrypted = "HASH" in payloads
                if direction == "received":
                    last_info_encrypted = encrypted
                    continue
                names = [
                    NOTIFY_SHORT_NAMES.get(p[2:-1], p[2:-1]) for p in payloads if p.startswith("N(")
                ]
                errors = [n for n in names if n in _ERROR_NOTIFIES]
                for name in errors:
                    obs.add(("sent", role, name, pos.answering(), encrypted))
                sent += bool(errors)
            else:
                pos.message(direction, m.group("exchange"), int(m.group("mid")))
            continue
        rm = re.search(r"\breceived (\w+) error notify", text)
        if rm:
            obs.add(("received", role, rm.group(1), pos.last_sent, last_info_encrypted))
        elif "ignore malformed INFORMATIONAL" in text:
            obs.add(("unreadable", role, "INFORMATIONAL", pos.last_sent, None))
        elif re.search(r"giving up after \d+ retransmits", text):
            obs.add(("gave up", role, "", pos.last_sent, None))
    return obs, sent


def engine_observations(run: EngineRun) -> tuple[set[Observation], int]:
    """The same from our events, and the error notify datagrams we put on the wire."""
    role = run.peer.role.value
    obs: set[Observation] = set()
    last_sent = ""
    for e in run.events:
        if isinstance(e, MessageSent) and e.label != "INFO":
            last_sent = e.label
        elif isinstance(e, NotifySent):
            obs.add(("sent", role, NotifyType(e.notify_type).name, e.at, e.encrypted))
        elif isinstance(e, NotifyReceived) and e.notify_type < 8192:
            obs.add(("received", role, NotifyType(e.notify_type).name, e.at, e.encrypted))
        elif isinstance(e, MessageUnreadable) and e.label == "INFO":
            obs.add(("unreadable", role, "INFORMATIONAL", last_sent, None))
        elif isinstance(e, GaveUp):
            obs.add(("gave up", role, "", e.label, None))
    notify_datagrams = sum(
        1
        for w in run.driver.sent()
        if len(w.data) > 18 and w.data[18] == ExchangeType.INFORMATIONAL
    )
    return obs, notify_datagrams


def _fmt_obs(obs: set[Observation] | frozenset[Observation]) -> str:
    parts = []
    for kind, role, name, at, enc in sorted(obs, key=lambda o: (o[3], o[1], o[0])):
        flag = "" if enc is None else (" (encrypted)" if enc else " (cleartext)")
        parts.append(f"{role} {kind} {name} at {at}{flag}".replace("  ", " "))
    return "; ".join(parts)


def _other(role: str) -> str:
    return "responder" if role == "initiator" else "initiator"


@pytest.mark.parametrize("engine_role", [Role.INITIATOR, Role.RESPONDER], ids=lambda r: r.value)
@pytest.mark.parametrize("scenario_name", list(SCENARIOS))
def test_engine_fails_like_charon(
    charon_lab: Callable[..., CharonLab], scenario_name: str, engine_role: Role
) -> None:
    scenario = SCENARIOS[scenario_name]
    cfg_b = dataclasses.replace(CHARON_BASE, **scenario.charon_b)
    charon_role = _other(engine_role.value)  # B's role

    # 1. the oracle: charon A (10.99.0.1) vs charon B (10.99.0.2), A in the engine's role
    t0 = time.monotonic()
    oracle = charon_lab(cfg_b)
    charon_a = oracle.start_second_peer(cfg_b.mirrored(**scenario.charon_a))
    initiator = charon_a if engine_role is Role.INITIATOR else oracle.peer
    initiator.initiate()
    rc, out = initiator.wait_initiate(timeout=15)
    assert rc != 0, f"charon<->charon should fail in {scenario_name}:\n{out}"
    obs_a, sent_a = charon_observations(charon_a.log(), engine_role.value)
    obs_b, sent_b = charon_observations(oracle.peer.log(), charon_role)
    expected = obs_a | obs_b
    oracle_time = time.monotonic() - t0
    assert expected == scenario.expected, (
        f"charon<->charon: {_fmt_obs(expected)}\nexpected: {_fmt_obs(scenario.expected)}"
    )
    oracle.stop()

    # 2. the same configuration with our engine as A
    lab = charon_lab(cfg_b)
    config = engine_config(BASE_IKE, BASE_CHILD, **scenario.engine_a)
    charon = lab.peer
    until = None
    if scenario_name == "wrong-psk" and engine_role is Role.RESPONDER:
        # our responder never gets a readable MM5: run until charon gives up on it
        def until(_driver: EngineDriver) -> bool:
            return "giving up after" in charon.log_text()

    run = run_engine(
        lab,
        config,
        engine_role,
        f"{scenario_name}/{engine_role.value}",
        timeout=10,
        until=until,
        settle=0.2,
    )
    if engine_role is Role.RESPONDER:
        rc, out = charon.wait_initiate(timeout=15)
        assert rc != 0, out
    charon_log = charon.log()
    obs_charon, sent_charon = charon_observations(charon_log, charon_role)
    obs_engine, sent_engine = engine_observations(run)
    got = obs_engine | obs_charon
    assert got == expected, (
        f"engine as {engine_role.value} vs charon: {_fmt_obs(got)}\n"
        f"charon vs charon:           {_fmt_obs(expected)}\n"
        f"engine events:\n{_describe_run(run)}"
    )
    # the same number of notify datagrams from the same side
    assert (sent_engine, sent_charon) == (sent_a, sent_b)
    if run.peer.state is not State.FAILED:
        # only our wrong-PSK responder stays put: it answers every MM5 copy, like charon
        assert scenario_name == "wrong-psk" and engine_role is Role.RESPONDER

    # 3. every value charon logged up to the failure equals ours.  With different
    #    pre-shared keys only what does not depend on the key can be equal: the cookies,
    #    g^xy and the initial IV (hash(g^xi | g^xr)) must be, SKEYID..Ka must not.
    rows = [r for r in compare_values(charon_log.sa(), run) if _present(r.charon)]
    if run.peer.p1.rcookie == bytes(8):
        # our initiator never got MM2, so it never learnt the cookie charon chose
        assert scenario_name == "phase1-mismatch" and engine_role is Role.INITIATOR
        rows = [r for r in rows if r.name != "CKY-R"]
    if scenario_name == "wrong-psk":
        by_name = {r.name: r for r in rows}
        same = ("CKY-I", "CKY-R", "shared Diffie Hellman secret (g^xy)", "initial IV")
        differ = ("SKEYID", "SKEYID_d", "SKEYID_a", "SKEYID_e", "encryption key Ka")
        assert_all_equal([by_name[n] for n in same], f"wrong-psk, engine as {engine_role.value}")
        assert not any(by_name[n].equal for n in differ)
        compared = f"{len(same)} key-independent values equal, {len(differ)} keyed ones differ"
    else:
        assert_all_equal(rows, f"{scenario_name}, engine as {engine_role.value}")
        compared = f"all {len(rows)} logged values equal"
    REPORT.append(
        f"{scenario_name:16} engine {engine_role.value:9}: {_fmt_obs(got)}; notify "
        f"datagrams {sent_engine + sent_charon} (charon<->charon {sent_a + sent_b}); "
        f"{compared} (oracle {oracle_time:.1f} s, engine run {run.elapsed:.1f} s)"
    )


# ---------------------------------------------------------------------------------------
# without charon: the engine bug the live runs found
# ---------------------------------------------------------------------------------------


def test_quick_mode_reply_in_charons_attribute_order_is_accepted() -> None:
    """charon 5.9.8 answers Quick Mode with the transform's attributes in its own order
    (Auth, Group, Encapsulation, SA-Life-Type, SA-Life-Duration), whatever the order of
    the offer (seen on the wire in every live run above).  RFC 2407 §4.5 fixes no order,
    so the initiator must accept it; it used to answer NO-PROPOSAL-CHOSEN.  A Life-Duration
    still belongs to the Life-Type before it."""
    from ikeviz.protocol.codec import Attribute, Proposal, SecurityAssociation, Transform
    from ikeviz.protocol.proposals import check_child_reply, child_sa_payload

    offered = child_sa_payload([SUITES["3des-md5-modp1024-pfs"].child], b"\x11\x22\x33\x44")
    ((_, offer),) = [(p, p.transforms[0]) for p in offered.proposals]
    assert [(a.type, a.as_int()) for a in offer.attributes] == [
        (1, 1),
        (2, 3600),
        (3, 2),
        (4, 1),
        (5, 1),
    ]

    def reply(attrs: list[tuple[int, int]]) -> SecurityAssociation:
        transform = Transform(1, offer.transform_id, tuple(Attribute.basic(t, v) for t, v in attrs))
        proposal = Proposal(1, offered.proposals[0].protocol_id, b"\x55\x66\x77\x88", (transform,))
        return SecurityAssociation(offered.doi, offered.situation, (proposal,))

    charon_order = [(5, 1), (3, 2), (4, 1), (1, 1), (2, 3600)]
    chosen, why = check_child_reply(reply(charon_order), offered)
    assert chosen is not None, why
    # a different value, or a duration moved under another life type, is still refused
    assert check_child_reply(reply([(5, 1), (3, 2), (4, 1), (1, 1), (2, 3601)]), offered)[0] is None
    assert check_child_reply(reply([(2, 3600), (5, 1), (3, 2), (4, 1), (1, 1)]), offered)[0] is None
