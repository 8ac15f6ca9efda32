"""Keys to read the encrypted messages of a capture, and the decryption itself.

Three sources of keys:

(a) a Wireshark IKEv1 decryption table (the ``ikev1_decryption_table`` UAT file): one
    ``icookie,key`` line per ISAKMP SA, in hex, optionally quoted; the lines prefixed with
    ``ikev1_decryption_table:`` (or tshark's ``uat:ikev1_decryption_table:``) of a keys file
    are read the same way. This gives the encryption key Ka only: the messages decrypt, but
    their HASH payloads cannot be checked (that needs SKEYID / SKEYID_a);
(b) a strongSwan charon log written at ``ike=4`` (the ``IKE`` group at level 4 prints the
    key material as hex dumps, the ``ENC`` group the cookies as the header's IKE_SPI
    fields): SKEYID, SKEYID_d/a/e, Ka and the initial IV of each IKE SA, so the hashes can
    be checked;
(c) the pre-shared key and the Diffie-Hellman shared secret g^xy: with the nonces, the KE
    payloads, the cookies and the chosen transform of the capture's MM1-MM4, the engine's
    key schedule (:func:`ikeviz.protocol.keyschedule.derive_phase1_keys`, RFC 2409 §5 and
    App. B) derives everything, so the hashes can be checked too.

:func:`decrypt_negotiation` follows RFC 2409 App. B: the phase-1 IV is
hash(g^xi | g^xr) (from the KE payloads), each exchange (message ID) has its own IV chain
(:class:`ikeviz.protocol.keyschedule.IvChain`), and a chain moves only when a message
decrypts to valid payloads, as strongSwan does, so keys of one side read that side's
messages even when the other side used other keys (a pre-shared key mismatch). It then
checks HASH_I/HASH_R (§5), HASH(1..3) (§5.5) and the Informational HASH(1) (§5.7) when the
keys allow it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, NamedTuple

from ikeviz.capture.negotiations import (
    CapturedMessage,
    HashCheck,
    Negotiation,
    assemble,
    ke_body,
    label_messages,
    nonce_body,
)
from ikeviz.i18n import translate
from ikeviz.protocol import ciphers
from ikeviz.protocol.codec import (
    HEADER_LENGTH,
    PT_HASH,
    PT_ID,
    PT_SA,
    Hash,
    Header,
    Payload,
    decode_payloads,
)
from ikeviz.protocol.config import IkeProposal
from ikeviz.protocol.errors import DecodeError
from ikeviz.protocol.keyschedule import (
    ExchangeIv,
    IvChain,
    KeyScheduleError,
    derive_phase1_keys,
    expand_key,
    hash_i,
    hash_r,
    informational_hash,
    qm_hash_1,
    qm_hash_2,
    qm_hash_3,
)
from ikeviz.protocol.registry import EncryptionAlgorithm, ExchangeType, describe

__all__ = [
    "KeyDerivationError",
    "KeyFileError",
    "KeyRing",
    "PskSecret",
    "SessionKeys",
    "charon_log_keys",
    "decrypt_negotiation",
    "derive_psk_keys",
    "parse_hex",
    "read_charon_log",
    "read_wireshark_table",
    "wireshark_table_keys",
]


class KeyFileError(Exception):
    """A key file that cannot be read: names the file, the line and the problem."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class KeyDerivationError(Exception):
    """The capture lacks what a derivation needs (MM2, the KE or nonce payloads...)."""


@dataclass(frozen=True)
class SessionKeys:
    """What is known of the keys of one ISAKMP SA, and where it comes from.

    ``icookie`` (and ``rcookie`` when known) name the SA; ``encryption_key`` is Ka
    (RFC 2409 App. B). ``skeyid`` and ``skeyid_a`` make the hashes checkable. ``side`` is
    "initiator" or "responder" when the source is one side's (a charon log, or a PSK that
    only one side has), else "".
    """

    icookie: bytes
    source: str
    encryption_key: bytes | None = None
    rcookie: bytes | None = None
    side: str = ""
    skeyid: bytes | None = None
    skeyid_d: bytes | None = None
    skeyid_a: bytes | None = None
    skeyid_e: bytes | None = None
    dh_secret: bytes | None = None
    initial_iv: bytes | None = None

    @property
    def verifies_hashes(self) -> bool:
        return self.skeyid is not None or self.skeyid_a is not None


@dataclass(frozen=True)
class PskSecret:
    """A pre-shared key and a DH shared secret g^xy (hex as charon logs it), source (c)."""

    psk: bytes | None
    dh_secret: bytes
    source: str = "PSK + DH secret"


@dataclass(frozen=True)
class KeyRing:
    """Every key given: per-SA keys (sources a and b) and PSK + g^xy pairs (source c)."""

    sessions: tuple[SessionKeys, ...] = ()
    secrets: tuple[PskSecret, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sessions or self.secrets)

    def __add__(self, other: KeyRing) -> KeyRing:
        return KeyRing(self.sessions + other.sessions, self.secrets + other.secrets)


def parse_hex(text: str, what: str = "value") -> bytes:
    """Hex as people paste it: ``0x`` prefix, spaces, colons and dashes allowed."""
    cleaned = re.sub(r"[\s:\-]", "", text.strip().strip('"').strip("'"))
    if cleaned.lower().startswith("0x"):
        cleaned = cleaned[2:]
    if not cleaned or len(cleaned) % 2 or not re.fullmatch(r"[0-9a-fA-F]+", cleaned):
        raise ValueError(f"{what} is not hex: {text.strip()[:40]!r}")
    return bytes.fromhex(cleaned)


# --- (a) the Wireshark table -----------------------------------------------------------------

_TABLE_PREFIXES: Final = ("uat:ikev1_decryption_table:", "ikev1_decryption_table:")


def wireshark_table_keys(text: str, *, name: str = "<keys>") -> list[SessionKeys]:
    """The entries of a Wireshark ``ikev1_decryption_table`` (source a).

    Lines are ``icookie,key`` in hex, each field optionally in double quotes (as Wireshark
    writes its UAT files); ``#`` starts a comment. When some lines carry the
    ``ikev1_decryption_table:`` prefix (an ikeviz keys file, or tshark's ``-o uat:...``
    option), only those are read. Raises :class:`KeyFileError` for a bad line.
    """
    lines = text.splitlines()
    prefixed = any(line.strip().lower().startswith(_TABLE_PREFIXES) for line in lines)
    out: list[SessionKeys] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        lowered = line.lower()
        for prefix in _TABLE_PREFIXES:
            if lowered.startswith(prefix):
                line = line[len(prefix):].strip()
                break
        else:
            if prefixed:
                continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 2:
            raise KeyFileError(name, number, "expected two fields, the initiator's cookie and "
                               f"the encryption key, separated by a comma: {raw.strip()[:60]!r}")
        try:
            icookie = parse_hex(fields[0], "the initiator's cookie")
            key = parse_hex(fields[1], "the encryption key")
        except ValueError as exc:
            raise KeyFileError(name, number, str(exc)) from exc
        if len(icookie) != 8:
            raise KeyFileError(name, number, f"the initiator's cookie has {len(icookie)} "
                               "bytes, a cookie has 8")
        if not 8 <= len(key) <= 64:
            raise KeyFileError(name, number, f"an encryption key of {len(key)} bytes")
        out.append(SessionKeys(icookie, f"Wireshark table {name} line {number}", key))
    return out


def read_wireshark_table(path: str | Path) -> list[SessionKeys]:
    """:func:`wireshark_table_keys` of a file; KeyFileError when it cannot be read."""
    return wireshark_table_keys(_read_text(path), name=str(path))


def _read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KeyFileError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc


# --- (b) the charon log ----------------------------------------------------------------------

# "19:56:47 08[IKE] <v1psk|1> SKEYID_e => 16 bytes @ 0x7f4df40061b0": anything before the
# thread number (time, syslog prefix), the group, the IKE_SA's "<name|unique id>" or "<id>".
# The look-behind makes a match start only where a run of digits starts: without it, search()
# tried every digit of a long run, quadratic in the line (a 64 KB line of digits took 100 s).
_LOG_LINE: Final = re.compile(
    r"(?<!\d)(?P<thread>\d{2,})\[(?P<group>[A-Z]{2,4})\] (?:<(?:[^<>|]*\|)?(?P<sa>\d+)> )?"
    r"(?P<text>.*)$"
)
_DUMP_HEAD: Final = re.compile(r"^(?P<label>.*?)\s*=> (?P<n>\d+) bytes @ \S+\s*$")
_DUMP_LINE: Final = re.compile(r"^\s*(?P<offset>\d+): (?P<rest>.*)$")
_SPI_RULE: Final = re.compile(r"^\s*(?:generating|parsing) rule (?P<index>[01]) IKE_SPI\s*$")
_FIRST_MESSAGE: Final = re.compile(r"^(?P<dir>generating|parsed) (?:ID_PROT|AGGRESSIVE) request 0 ")
# The IKE-group dumps this reader keeps, and the SessionKeys field each goes to.
_LOG_LABELS: Final[dict[str, str]] = {
    "shared Diffie Hellman secret": "dh_secret",
    "SKEYID": "skeyid",
    "SKEYID_d": "skeyid_d",
    "SKEYID_a": "skeyid_a",
    "SKEYID_e": "skeyid_e",
    "encryption key Ka": "encryption_key",
    "initial IV": "initial_iv",
}


@dataclass
class _Dump:
    sa: int
    label: str  # a _LOG_LABELS key, or "icookie" / "rcookie"
    length: int
    data: bytearray


def charon_log_keys(text: str, *, name: str = "<charon log>") -> list[SessionKeys]:
    """The keys of every IKE SA of a charon log at ike level 4 (source b).

    Reads, per IKE SA (its unique id in ``<name|id>``), the cookies (the header's IKE_SPI
    fields as the ENC group dumps them at level 4: rule 0 the initiator's, rule 1 the
    responder's), the key dumps of the IKE group (:data:`_LOG_LABELS`) and whether it
    initiated. Hex dumps spread over several lines, and lines of other threads may come in
    between: they are put together per thread. Returns the SAs that have a cookie and a key.
    """
    values: dict[int, dict[str, bytes]] = {}
    sides: dict[int, str] = {}
    order: list[int] = []
    open_dumps: dict[str, _Dump] = {}
    pending_rule: dict[str, str] = {}

    def close(thread: str) -> None:
        dump = open_dumps.pop(thread, None)
        if dump is None or len(dump.data) != dump.length:
            return
        data = bytes(dump.data)
        slot = values.setdefault(dump.sa, {})
        if dump.sa not in order:
            order.append(dump.sa)
        if dump.label in ("icookie", "rcookie") and not any(data):
            return
        slot.setdefault(_LOG_LABELS.get(dump.label, dump.label), data)

    for raw in text.splitlines():
        match = _LOG_LINE.search(raw)
        if match is None:
            continue
        thread, text_part = match.group("thread"), match.group("text")
        dump = open_dumps.get(thread)
        if dump is not None:
            line = _DUMP_LINE.match(text_part)
            if line is not None and int(line.group("offset")) == len(dump.data):
                want = min(16, dump.length - len(dump.data))
                tokens = line.group("rest")[: 3 * want].split()
                if len(tokens) == want and all(re.fullmatch(r"[0-9A-Fa-f]{2}", t)
                                               for t in tokens):
                    dump.data.extend(bytes.fromhex("".join(tokens)))
                    if len(dump.data) >= dump.length:
                        close(thread)
                    continue
            close(thread)
        sa_text = match.group("sa")
        if sa_text is None:
            pending_rule.pop(thread, None)
            continue
        sa = int(sa_text)
        rule = _SPI_RULE.match(text_part)
        if rule is not None:
            pending_rule[thread] = "icookie" if rule.group("index") == "0" else "rcookie"
            continue
        head = _DUMP_HEAD.match(text_part)
        if head is not None:
            label = head.group("label").strip()
            rule_label = pending_rule.pop(thread, None)
            if not label and rule_label is not None:
                label = rule_label
            if label in _LOG_LABELS or label in ("icookie", "rcookie"):
                if match.group("group") == "IKE" or label in ("icookie", "rcookie"):
                    open_dumps[thread] = _Dump(sa, label, int(head.group("n")), bytearray())
                    if int(head.group("n")) == 0:
                        close(thread)
            continue
        pending_rule.pop(thread, None)
        first = _FIRST_MESSAGE.match(text_part)
        if first is not None and sa not in sides:
            sides[sa] = "initiator" if first.group("dir") == "generating" else "responder"
    for thread in list(open_dumps):
        close(thread)
    out: list[SessionKeys] = []
    for sa in order:
        slot = values[sa]
        icookie = slot.get("icookie")
        if icookie is None or not (slot.get("encryption_key") or slot.get("skeyid_e")):
            continue
        side = sides.get(sa, "")
        label = f"charon log {name} (IKE_SA {sa}" + (f", {side}" if side else "") + ")"
        out.append(SessionKeys(
            icookie=icookie,
            source=label,
            encryption_key=slot.get("encryption_key"),
            rcookie=slot.get("rcookie"),
            side=side,
            skeyid=slot.get("skeyid"),
            skeyid_d=slot.get("skeyid_d"),
            skeyid_a=slot.get("skeyid_a"),
            skeyid_e=slot.get("skeyid_e"),
            dh_secret=slot.get("dh_secret"),
            initial_iv=slot.get("initial_iv"),
        ))
    return out


def read_charon_log(path: str | Path) -> list[SessionKeys]:
    """:func:`charon_log_keys` of a file; KeyFileError when it cannot be read."""
    return charon_log_keys(_read_text(path), name=Path(path).name)


# The lines of a charon log that say what was offered, chosen or refused, and why (the
# failure lines of strongSwan's IKEv1 tasks; see ../shared/reference/ikev1.md).
_FINDING: Final = re.compile(
    r"received proposals|configured proposals|selected proposal|no acceptable \w+ found|"
    r"no proposal found|no matching CHILD_SA config|no matching proposal found|"
    r"error notify|does not match|no shared key found|no peer config found|"
    r"no IKE config found|integrity check failed|decryption failed|"
    r"message parsing failed|received DELETE|CHILD_SA .* established|IKE_SA .* established|"
    r"giving up after \d+ retransmits|unable to apply received KE"
)
MAX_FINDINGS: Final = 40


def charon_log_findings(text: str) -> tuple[str, ...]:
    """What a charon log says about the negotiation: its proposal, failure and
    outcome lines, without their time and thread (``[CFG] <1> no acceptable
    ENCRYPTION_ALGORITHM found``); the first :data:`MAX_FINDINGS`."""
    found: list[str] = []
    for line in text.splitlines():
        match = _LOG_LINE.search(line)
        if match is None or not _FINDING.search(match.group("text")):
            continue
        sa = match.group("sa")
        found.append(f"[{match.group('group')}] " + (f"<{sa}> " if sa else "")
                     + match.group("text").strip())
        if len(found) == MAX_FINDINGS:
            break
    return tuple(found)


def is_charon_log(text: str) -> bool:
    """Whether ``text`` has lines of charon's own log format (``08[IKE] ...``)."""
    return any(_LOG_LINE.search(line) for line in text.splitlines()[:200])


class CharonLogReading(NamedTuple):
    """What a charon log gives: its keys, a note when it has none, its finding lines."""

    sessions: list[SessionKeys]
    note: str
    findings: tuple[str, ...]


def read_charon_log_checked(path: str | Path) -> CharonLogReading:
    """The keys of a charon log, a note when it has none, and its findings (read once).

    A log at ike level 4 of a negotiation that stopped before any key was derived
    (refused at MM2) has no keys but says why it stopped: a note, not an error.
    KeyFileError when the file cannot be read or is not a charon log at all.
    """
    text = _read_text(path)
    found = charon_log_keys(text, name=Path(path).name)
    findings = charon_log_findings(text)
    if found:
        return CharonLogReading(found, "", findings)
    if not is_charon_log(text):
        raise KeyFileError(str(path), 0, "not a charon log: no line like "
                           "'08[IKE] <conn|1> ...' (charondebug or filelog output)")
    return CharonLogReading([], translate(
        "capture", "{path}: no keys: the negotiations it logged stopped before any key was "
        "derived, or it was not written at ike level 4 (charondebug ike=4, or filelog "
        "ike = 4)").format(path=path), findings)


# --- (c) PSK and g^xy ------------------------------------------------------------------------


def _phase1_values(negotiation: Negotiation) -> tuple[bytes, bytes, bytes, bytes]:
    """Ni_b, Nr_b, g^xi, g^xr from the cleartext phase-1 messages (MM3/MM4 or AM1/AM2)."""
    found: dict[str, bytes] = {}
    for m in negotiation.messages:
        if m.message_id or not m.readable or m.retransmission:
            continue
        side = "i" if m.from_initiator else "r"
        nonce, ke = nonce_body(m), ke_body(m)
        if nonce is not None:
            found.setdefault("n" + side, nonce)
        if ke is not None:
            found.setdefault("g" + side, ke)
    wanted = (("ni", lambda: translate("capture", "the initiator's nonce")),
              ("nr", lambda: translate("capture", "the responder's nonce")),
              ("gi", lambda: translate("capture", "the initiator's KE")),
              ("gr", lambda: translate("capture", "the responder's KE")))
    missing = [what() for key, what in wanted if key not in found]
    if missing:
        raise KeyDerivationError(translate("capture", "{missing} not in the capture (messages "
                                           "3 and 4)").format(missing=", ".join(missing)))
    return found["ni"], found["nr"], found["gi"], found["gr"]


def derive_psk_keys(
    negotiation: Negotiation,
    psk: bytes | None,
    dh_secret: bytes,
    *,
    source: str = "PSK + DH secret",
) -> SessionKeys:
    """SKEYID, SKEYID_d/a/e and Ka from the PSK and g^xy with the capture's MM1-MM4 (source c).

    The nonces, KE payloads, cookies and the chosen transform (hash, cipher, key length,
    authentication method) come from the capture (RFC 2409 §5, App. B). With signature
    authentication the PSK is not needed (SKEYID = prf(Ni_b | Nr_b, g^xy)).
    Raises :class:`KeyDerivationError` when the capture lacks what is needed.
    """
    chosen = negotiation.chosen
    if chosen is None:
        raise KeyDerivationError(translate("capture", "the responder's chosen proposal "
                                           "(message 2) is not in the capture"))
    if not negotiation.rcookie:
        raise KeyDerivationError(translate("capture", "the responder's cookie is not in the "
                                           "capture"))
    ni_b, nr_b, g_xi, g_xr = _phase1_values(negotiation)
    try:
        keys = derive_phase1_keys(
            hash_alg=chosen.hash,
            cipher_alg=chosen.encryption,
            auth_method=chosen.auth_method,
            ni_b=ni_b,
            nr_b=nr_b,
            g_xi=g_xi,
            g_xr=g_xr,
            g_xy=dh_secret,
            cky_i=negotiation.icookie,
            cky_r=negotiation.rcookie,
            psk=psk,
            key_bits=chosen.key_length,
        )
    except (KeyScheduleError, ciphers.CipherError) as exc:
        raise KeyDerivationError(str(exc)) from exc
    return SessionKeys(
        icookie=negotiation.icookie,
        source=source,
        encryption_key=keys.encryption_key,
        rcookie=negotiation.rcookie,
        skeyid=keys.skeyid,
        skeyid_d=keys.skeyid_d,
        skeyid_a=keys.skeyid_a,
        skeyid_e=keys.skeyid_e,
        dh_secret=dh_secret,
        initial_iv=keys.initial_iv,
    )


# --- decryption ------------------------------------------------------------------------------


@dataclass
class _Context:
    """One candidate key with its own IV chain (RFC 2409 App. B)."""

    keys: SessionKeys
    cipher: int
    hash_alg: int
    block: int
    ka: bytes
    chain: IvChain
    used: bool = False

    def attempt(
        self, header: Header, ciphertext: bytes, *, advance_anyway: bool = False
    ) -> tuple[tuple[Payload, ...], bytes, bytes, int] | None:
        """Decrypt and decode; the chain advances when the plaintext makes sense.

        A peer moves its IV only past a message it could read (a responder that
        cannot decrypt MM5 answers from the IV before it). ``advance_anyway``
        moves it past any message: the next IV is the last ciphertext block
        whoever reads it (RFC 2409 App. B), which reads the message after one
        whose own IV was lost with the message before it.
        """
        if not ciphertext or len(ciphertext) % self.block:
            return None
        mid = header.message_id
        iv = self.chain.iv_for(mid, ciphertext)
        if advance_anyway:
            self.chain = self.chain.advance(mid, ciphertext)
        try:
            plaintext = ciphers.cbc_decrypt(self.cipher, self.ka, iv, ciphertext)
            payloads, padding = decode_payloads(plaintext, header.next_payload)
        except (DecodeError, ciphers.CipherError, ValueError):
            return None
        if len(padding) > 255 or not payloads:
            return None
        if not advance_anyway:
            self.chain = self.chain.advance(mid, ciphertext)
        self.used = True
        return payloads, plaintext, iv, len(plaintext) - len(padding)


def _contexts(negotiation: Negotiation, keys: SessionKeys) -> list[_Context] | str:
    """The decryption contexts for ``keys``, or why there can be none.

    One context, for the responder's chosen transform (MM2); when the capture
    lacks it, one per distinct cipher and hash the initiator offered, of which
    the one that reads the messages wins.
    """
    chosen = negotiation.chosen
    if chosen is not None:
        made = _context(negotiation, keys, chosen)
        return [made] if isinstance(made, _Context) else made
    candidates = list(dict.fromkeys(
        (p.encryption, p.key_length, p.hash) for p in negotiation.offered))
    if not candidates:
        return translate("capture", "the responder's chosen proposal (message 2) is not in the "
                         "capture, so the cipher is unknown")
    contexts: list[_Context] = []
    problems: list[str] = []
    for encryption, key_length, hash_alg in candidates:
        made = _context(negotiation, keys, IkeProposal(encryption=encryption,
                                                      key_length=key_length, hash=hash_alg))
        if isinstance(made, _Context):
            contexts.append(made)
        else:
            problems.append(made)
    return contexts or "; ".join(dict.fromkeys(problems))


def _context(negotiation: Negotiation, keys: SessionKeys,
             chosen: IkeProposal) -> _Context | str:
    """A decryption context for ``keys`` with the cipher and hash of ``chosen``."""
    cipher, hash_alg = chosen.encryption, chosen.hash
    try:
        needed = ciphers.cipher_key_length(cipher, chosen.key_length)
        block = ciphers.block_size(cipher)
        ciphers.hash_spec(hash_alg)
    except ciphers.CipherError as exc:
        return translate("capture", "cannot decrypt {cipher}: {error}").format(
            cipher=describe(EncryptionAlgorithm, cipher), error=exc)
    ka = keys.encryption_key
    try:
        if ka is None and keys.skeyid_e is not None:
            ka = expand_key(hash_alg, keys.skeyid_e, needed)
        if ka is None:
            return translate("capture", "no encryption key")
        if len(ka) > needed:
            ka = ka[:needed]  # SKEYID_e given for Ka: its first bytes (RFC 2409 App. B)
        elif len(ka) < needed:
            # Shorter than the cipher's key: SKEYID_e, to be expanded (RFC 2409 App. B).
            ka = expand_key(hash_alg, ka, needed)
    except KeyScheduleError as exc:
        return str(exc)
    try:
        _ni, _nr, g_xi, g_xr = _phase1_values(negotiation)
        chain = IvChain.start(hash_alg, block, g_xi, g_xr)
    except (KeyDerivationError, KeyScheduleError) as exc:
        iv = keys.initial_iv
        if iv is None or len(iv) != block:
            return translate("capture", "the first IV is unknown: {error}").format(error=exc)
        chain = IvChain(hash_alg, block, iv, (ExchangeIv(0, iv, iv),))
    return _Context(keys, cipher, hash_alg, block, ka, chain)


def _raw_payloads(body: bytes, first: int) -> list[tuple[int, bytes]]:
    """(type, bytes with the generic header) of each payload of a chain that decoded."""
    out: list[tuple[int, bytes]] = []
    pos, next_type = 0, first
    while next_type and pos + 4 <= len(body):
        length = int.from_bytes(body[pos + 2:pos + 4], "big")
        if length < 4 or pos + length > len(body):
            break
        out.append((next_type, body[pos:pos + length]))
        next_type = body[pos]
        pos += length
    return out


def _matching(negotiation: Negotiation, sessions: Iterable[SessionKeys]) -> list[SessionKeys]:
    return [s for s in sessions if s.icookie == negotiation.icookie and (
        s.rcookie is None or not negotiation.rcookie or s.rcookie == negotiation.rcookie)]


def _distinct(candidates: Sequence[SessionKeys]) -> list[SessionKeys]:
    """One candidate per key, the one that can check hashes first."""
    out: list[SessionKeys] = []
    for keys in sorted(candidates, key=lambda k: not k.verifies_hashes):
        key = keys.encryption_key or keys.skeyid_e
        if any((o.encryption_key or o.skeyid_e) == key for o in out):
            continue
        out.append(keys)
    return out


def decrypt_negotiation(
    negotiation: Negotiation, keys: KeyRing | Sequence[SessionKeys]
) -> Negotiation:
    """The negotiation with every encrypted message that some key reads decrypted.

    Each candidate key (those for this initiator cookie, and one per PSK + g^xy pair) keeps
    its own IV chains; a message is tried with each, and each key whose plaintext decodes
    moves its chain on. Without the responder's choice (MM2 not captured), each cipher the
    initiator offered is a candidate. A retransmission gets its first copy's result.
    Messages no key reads say so in ``unreadable``. Hashes are then checked where SKEYID /
    SKEYID_a are known.
    """
    ring = keys if isinstance(keys, KeyRing) else KeyRing(tuple(keys))
    notes: list[str] = []
    candidates = _matching(negotiation, ring.sessions)
    for secret in ring.secrets:
        try:
            candidates.append(derive_psk_keys(negotiation, secret.psk, secret.dh_secret,
                                              source=secret.source))
        except KeyDerivationError as exc:
            notes.append(translate("capture", "{source}: {problem}").format(
                source=secret.source, problem=exc))
    if ring.sessions and not _matching(negotiation, ring.sessions) and not ring.secrets:
        notes.append(translate("capture", "no key given for initiator cookie {cookie}").format(
            cookie=negotiation.icookie.hex()))

    def fresh_contexts(report: bool) -> list[_Context]:
        made_contexts: list[_Context] = []
        for candidate in _distinct(candidates):
            made = _contexts(negotiation, candidate)
            if isinstance(made, str):
                if report:
                    notes.append(translate("capture", "{source}: {problem}").format(
                        source=candidate.source, problem=made))
            else:
                made_contexts += made
        return made_contexts

    contexts = fresh_contexts(True)
    messages, used_by = _decrypt_pass(list(negotiation.messages), contexts, notes, False)
    if contexts and any(m.encrypted and not m.malformed and not m.decrypted
                        for m in messages):
        # A second pass for what is left, moving the IVs past every message: the
        # message after a lost one (QM3 after a lost QM1) then reads.
        second = fresh_contexts(False)
        again, used_again = _decrypt_pass(list(negotiation.messages), second, notes, True)
        for i, m in enumerate(again):
            if m.decrypted and not messages[i].decrypted:
                messages[i] = m
                used_by[i] = used_again[i]
                contexts += [c for c in second if c is used_again[i] and c not in contexts]
    # Labelled again first: the decrypted payloads may tell a message's number (QM3
    # after a lost QM1), and the hash to check depends on it.
    messages = label_messages(messages)
    for i, m in enumerate(messages):
        if m.unreadable and contexts and _follows_a_missing_message(messages, m):
            messages[i] = replace(m, unreadable=translate(
                "capture", "its IV is the last block of the message before it in this "
                "exchange, which is not in the capture (RFC 2409 App. B)"))
    checked = _check_hashes(negotiation, messages, used_by, contexts)
    sources = tuple(dict.fromkeys(c.keys.source for c in contexts if c.used))
    tried = tuple(dict.fromkeys(c.keys.source for c in contexts))
    return assemble(replace(negotiation, messages=tuple(checked), keys_tried=tried,
                            key_sources=sources, key_notes=tuple(notes)))


def _decrypt_pass(
    messages: list[CapturedMessage], contexts: Sequence[_Context], notes: Sequence[str],
    advance_anyway: bool,
) -> tuple[list[CapturedMessage], dict[int, _Context]]:
    """Every encrypted message tried with each context, in capture order."""
    used_by: dict[int, _Context] = {}
    for i, m in enumerate(messages):
        if not m.encrypted or m.malformed:
            continue
        if m.retransmission_of is not None:
            original = messages[m.retransmission_of]
            messages[i] = replace(m, payloads=original.payloads, decrypted=original.decrypted,
                                  plaintext=original.plaintext, iv=original.iv,
                                  key_source=original.key_source,
                                  unreadable=original.unreadable)
            if m.retransmission_of in used_by:
                used_by[i] = used_by[m.retransmission_of]
            continue
        ciphertext = m.data[HEADER_LENGTH:]
        winner: tuple[_Context, tuple[tuple[Payload, ...], bytes, bytes, int]] | None = None
        for ctx in contexts:
            got = ctx.attempt(m.header, ciphertext, advance_anyway=advance_anyway)
            if got is not None and winner is None:
                winner = (ctx, got)
        if winner is None:
            messages[i] = replace(m, unreadable=_unreadable_reason(contexts, notes))
            continue
        ctx, (payloads, plaintext, iv, _length) = winner
        used_by[i] = ctx
        messages[i] = replace(m, payloads=payloads, decrypted=True, plaintext=plaintext,
                              iv=iv, key_source=ctx.keys.source, unreadable="")
    return messages, used_by


def _follows_a_missing_message(messages: Sequence[CapturedMessage],
                               m: CapturedMessage) -> bool:
    """Whether the message before ``m`` in its exchange (by number) was not captured."""
    number = m.label[2:]
    if m.label[:2] not in ("MM", "QM") or not number.isdigit() or number == "1":
        return False
    if m.message_id == 0 and number == "5":
        return False  # MM5 is the first encrypted one: its IV comes from MM3/MM4's KE
    before = f"{m.label[:2]}{int(number) - 1}"
    return not any(o.message_id == m.message_id and o.label == before for o in messages)


def _unreadable_reason(contexts: Sequence[_Context], notes: Sequence[str]) -> str:
    if not contexts:
        if notes:
            return translate("capture", "no usable key: {notes}").format(notes="; ".join(notes))
        return translate("capture", "no key given")
    names = ", ".join(dict.fromkeys(c.keys.source for c in contexts))
    return translate("capture", "does not decrypt with the key(s) given ({keys}): encrypted "
                     "with other keys").format(keys=names)


# --- hashes ----------------------------------------------------------------------------------


def _chain(m: CapturedMessage) -> list[tuple[int, bytes]]:
    """The raw payloads of a readable message (decrypted: without the padding)."""
    if m.decrypted:
        return _raw_payloads(m.plaintext, m.header.next_payload)
    return _raw_payloads(m.data[HEADER_LENGTH:], m.header.next_payload)


def _check_hashes(
    negotiation: Negotiation,
    messages: list[CapturedMessage],
    used_by: dict[int, _Context],
    contexts: Sequence[_Context],
) -> list[CapturedMessage]:
    best = next((c for c in contexts if c.keys.verifies_hashes), None)
    out = list(messages)
    qm_nonces: dict[tuple[int, bool], bytes] = {}
    for i, m in enumerate(messages):
        if not m.readable or not m.payloads:
            continue
        if m.exchange_type == ExchangeType.QUICK_MODE and m.retransmission == 0:
            nonce = nonce_body(m)
            if nonce is not None:
                qm_nonces.setdefault((m.message_id, m.exchange_initiator), nonce)
        has_hash = any(isinstance(p, Hash) for p in m.payloads)
        if not has_hash:
            continue
        ctx = used_by.get(i)
        if ctx is None and not m.encrypted and m.message_id == 0:
            ctx = best  # a cleartext HASH_R in Aggressive Mode
        if ctx is None:
            continue
        check = _hash_check(negotiation, messages, m, ctx, qm_nonces)
        if check is not None:
            out[i] = replace(m, hash_check=check)
    return out


def _hash_check(
    negotiation: Negotiation,
    messages: Sequence[CapturedMessage],
    m: CapturedMessage,
    ctx: _Context,
    qm_nonces: dict[tuple[int, bool], bytes],
) -> HashCheck | None:
    keys = ctx.keys
    raw = _chain(m)
    got = next((p.data for p in m.payloads if isinstance(p, Hash)), b"")
    prf = ctx.hash_alg
    mid = m.message_id
    if mid == 0:
        name = "HASH_I" if m.from_initiator else "HASH_R"
        if keys.skeyid is None:
            return HashCheck(name, None, _ka_only(keys))
        id_b = _id_body(messages, m)
        sa_b = _offered_sa_body(messages)
        try:
            _ni, _nr, g_xi, g_xr = _phase1_values(negotiation)
        except KeyDerivationError as exc:
            return HashCheck(name, None, str(exc))
        if id_b is None or sa_b is None:
            return HashCheck(name, None, translate("capture", "the SA of message 1 or the ID "
                                                   "payload is missing"))
        function = hash_i if m.from_initiator else hash_r
        expected = function(prf, keys.skeyid, g_xi, g_xr, negotiation.icookie,
                            negotiation.rcookie, sa_b, id_b)
        return _verdict(name, expected, got, keys)
    if not raw or raw[0][0] != PT_HASH:
        return None
    after = b"".join(payload for _type, payload in raw[1:])
    if m.exchange_type == ExchangeType.QUICK_MODE:
        label = m.label
        name = {"QM1": "HASH(1)", "QM2": "HASH(2)", "QM3": "HASH(3)"}.get(label, "HASH")
        if keys.skeyid_a is None:
            return HashCheck(name, None, _ka_only(keys))
        ni_b = qm_nonces.get((mid, True))
        nr_b = qm_nonces.get((mid, False))
        if label == "QM1":
            expected = qm_hash_1(prf, keys.skeyid_a, mid, after)
        elif label == "QM2" and ni_b is not None:
            expected = qm_hash_2(prf, keys.skeyid_a, mid, ni_b, after)
        elif label == "QM3" and ni_b is not None and nr_b is not None:
            expected = qm_hash_3(prf, keys.skeyid_a, mid, ni_b, nr_b)
        else:
            return HashCheck(name, None, translate("capture", "the nonces of QM1/QM2 are not "
                                                   "readable"))
        return _verdict(name, expected, got, keys)
    # Informational (RFC 2409 §5.7) and Mode-Config use prf(SKEYID_a, M-ID | payloads).
    name = "HASH(1)"
    if keys.skeyid_a is None:
        return HashCheck(name, None, _ka_only(keys))
    return _verdict(name, informational_hash(prf, keys.skeyid_a, mid, after), got, keys)


def _verdict(name: str, expected: bytes, got: bytes, keys: SessionKeys) -> HashCheck:
    if expected == got:
        return HashCheck(name, True, translate("capture", "matches, computed with {keys}").format(
            keys=keys.source))
    return HashCheck(name, False, translate("capture", "the payload holds {got}, {keys} gives "
                                            "{expected}").format(got=got.hex(), keys=keys.source,
                                                                 expected=expected.hex()))


def _ka_only(keys: SessionKeys) -> str:
    return translate("capture", "not verifiable: {keys} gives only the encryption key Ka (a "
                     "charon log, or the PSK and the DH secret, give SKEYID and "
                     "SKEYID_a)").format(keys=keys.source)


def _id_body(messages: Sequence[CapturedMessage], m: CapturedMessage) -> bytes | None:
    """The sender's phase-1 ID payload body: in this message, else in its earlier one (AM)."""
    for candidate in [m, *messages]:
        if candidate.message_id or candidate.from_initiator != m.from_initiator:
            continue
        if not candidate.readable:
            continue
        for kind, payload in _chain(candidate):
            if kind == PT_ID:
                return payload[4:]
    return None


def _offered_sa_body(messages: Sequence[CapturedMessage]) -> bytes | None:
    """SAi_b: the body of the initiator's phase-1 SA payload as sent (RFC 2409 §5)."""
    for m in messages:
        if m.message_id or not m.from_initiator or m.encrypted or m.malformed:
            continue
        for kind, payload in _chain(m):
            if kind == PT_SA:
                return payload[4:]
    return None
