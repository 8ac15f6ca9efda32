"""The IKEv1 key schedule: SKEYID and friends, HASH_I/R, IVs, Quick Mode hashes, KEYMAT.

What it implements (RFC 2409; the names are the RFC's):

- SKEYID for pre-shared keys, signatures and public key encryption (§5);
- SKEYID_d, SKEYID_a, SKEYID_e (§5) and the cipher key Ka, expanded from
  SKEYID_e when it is too short (App. B: K1 = prf(SKEYID_e, 0),
  Kn = prf(SKEYID_e, Kn-1));
- HASH_I and HASH_R (§5), over the initiator's whole SA body and the ID bodies;
- the CBC IVs (App. B): hash(g^xi | g^xr) for the first encrypted phase-1
  message, the last ciphertext block after each message, and
  hash(last phase-1 block | M-ID) for the first message of each Quick Mode or
  Informational exchange, kept per message ID by :class:`IvChain`;
- HASH(1), HASH(2), HASH(3) of Quick Mode (§5.5) and HASH(1) of an
  Informational exchange (§5.7);
- KEYMAT with and without PFS and its split into the encryption and the
  integrity key of each direction (§5.5).

Every derivation can be recorded: pass a list as ``trace`` and a
:class:`Derivation` (name, formula, named inputs, output, RFC section) is
appended for each value computed, in order. The user interface shows these to
trainers. Byte strings go in as they are on the wire: ``ni_b`` is the Nonce
payload body, ``sai_b`` the SA payload body, ``g_xi`` the KE payload body, all
without the 4-byte generic payload header. A message ID is the 32-bit integer
of the ISAKMP header.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import Final, Literal

from ikeviz.protocol import ciphers
from ikeviz.protocol._records import new_record, record
from ikeviz.protocol.errors import IkevizProtocolError

__all__ = [
    "KeyScheduleError",
    "Derivation",
    "Trace",
    "Phase1Keys",
    "SaDirectionKeys",
    "ChildSaKeys",
    "ExchangeIv",
    "IvChain",
    "PROTO_ISAKMP",
    "PROTO_IPSEC_AH",
    "PROTO_IPSEC_ESP",
    "PROTO_IPCOMP",
    "skeyid_kind",
    "skeyid_psk",
    "skeyid_sig",
    "skeyid_pke",
    "skeyid_d",
    "skeyid_a",
    "skeyid_e",
    "expand_key",
    "encryption_key",
    "hash_i",
    "hash_r",
    "phase1_iv",
    "phase2_iv",
    "last_block",
    "qm_hash_1",
    "qm_hash_2",
    "qm_hash_3",
    "informational_hash",
    "keymat",
    "child_sa_keys",
    "derive_phase1_keys",
]

PROTO_ISAKMP: Final = 1  # RFC 2407 §4.4.1
PROTO_IPSEC_AH: Final = 2
PROTO_IPSEC_ESP: Final = 3
PROTO_IPCOMP: Final = 4

_RFC5: Final = "RFC 2409 §5"
_RFC55: Final = "RFC 2409 §5.5"
_RFC57: Final = "RFC 2409 §5.7"
_APPB: Final = "RFC 2409 App. B"


class KeyScheduleError(IkevizProtocolError, ValueError):
    """Inputs the key schedule cannot work with (sizes, unknown methods)."""


@record(frozen=True)
class Derivation:
    """How one value was computed, for display.

    ``name`` e.g. ``"SKEYID_e"``; ``formula`` in the RFC's notation, e.g.
    ``"prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)"``; ``inputs`` the
    named byte strings that went in, in formula order; ``output`` the result;
    ``rfc`` the section that defines it.
    """

    name: str
    formula: str
    inputs: tuple[tuple[str, bytes], ...]
    output: bytes
    rfc: str


#: A list that derivations are appended to, or None for no recording.
Trace = list[Derivation] | None


# Each derivation appends its Derivation to ``trace`` itself (``if trace is not
# None: trace.append(new_record(Derivation, (...)))``) rather than through a
# helper or the class call: a negotiation records some thirty of them, and
# each call was a measurable part of its time.


# A message ID is 32 bits in the ISAKMP header (RFC 2408 §3.1). The functions
# that take one make M-ID inline, with the range check in the conversion:
# ``message_id.to_bytes(4)`` (big-endian, the default since Python 3.11) raises
# OverflowError for a negative or too large value. One call and one comparison
# less for each of the IVs and hashes of a Quick Mode.


def _bad_mid(message_id: int) -> KeyScheduleError:
    return KeyScheduleError(f"message ID {message_id} is not a 32-bit value")


def _cookie(value: bytes, name: str) -> bytes:
    if len(value) != 8:
        raise KeyScheduleError(f"{name} has {len(value)} bytes, a cookie has 8")
    return value


def _cookies(first: bytes, first_name: str, second: bytes, second_name: str) -> bytes:
    """``first | second``, two cookies checked as :func:`_cookie` does, first one first.

    One call for the pair that every SKEYID_* and HASH_I/R formula carries. The
    ones a negotiation computes test the two lengths inline and call this only
    to raise; they join the cookies into the rest of their input in one
    ``b"".join``, which costs less than concatenating part by part from four
    parts on.
    """
    if len(first) != 8 or len(second) != 8:
        _cookie(first, first_name)
        _cookie(second, second_name)
    return first + second


# --- phase 1 -----------------------------------------------------------------

_PSK_METHODS: Final = frozenset({1, 65001, 65002})  # PSK, XAUTH-Init/Resp-PreShared
_SIG_METHODS: Final = frozenset(
    {2, 3, 9, 10, 11, 64221, 64222, 64223, 64224, 65003, 65004, 65005, 65006}
)
_PKE_METHODS: Final = frozenset({4, 5, 64225, 64226, 64227, 64228, 65007, 65008, 65009, 65010})


def skeyid_kind(auth_method: int) -> Literal["psk", "signature", "encryption"]:
    """Which SKEYID formula of RFC 2409 §5 an Authentication Method value uses.

    1 (and the XAUTH PSK variants 65001/65002) use the pre-shared key; 2, 3,
    9-11 (RFC 4754) and the signature-based XAUTH/hybrid variants use
    signatures; 4 and 5 (and their variants) public key encryption.
    """
    if auth_method in _PSK_METHODS:
        return "psk"
    if auth_method in _SIG_METHODS:
        return "signature"
    if auth_method in _PKE_METHODS:
        return "encryption"
    raise KeyScheduleError(f"unknown authentication method {auth_method}")


def skeyid_psk(prf_alg: int, psk: bytes, ni_b: bytes, nr_b: bytes, *, trace: Trace = None) -> bytes:
    """SKEYID = prf(pre-shared-key, Ni_b | Nr_b) (RFC 2409 §5)."""
    out = ciphers.prf(prf_alg, psk, ni_b + nr_b)
    if trace is not None:
        inputs = (("pre-shared-key", psk), ("Ni_b", ni_b), ("Nr_b", nr_b))
        formula = "prf(pre-shared-key, Ni_b | Nr_b)"
        trace.append(new_record(Derivation, ("SKEYID", formula, inputs, out, _RFC5)))
    return out


def skeyid_sig(
    prf_alg: int, ni_b: bytes, nr_b: bytes, g_xy: bytes, *, trace: Trace = None
) -> bytes:
    """SKEYID = prf(Ni_b | Nr_b, g^xy) for signature authentication (RFC 2409 §5)."""
    out = ciphers.prf(prf_alg, ni_b + nr_b, g_xy)
    if trace is not None:
        inputs = (("Ni_b", ni_b), ("Nr_b", nr_b), ("g^xy", g_xy))
        formula = "prf(Ni_b | Nr_b, g^xy)"
        trace.append(new_record(Derivation, ("SKEYID", formula, inputs, out, _RFC5)))
    return out


def skeyid_pke(
    prf_alg: int, ni_b: bytes, nr_b: bytes, cky_i: bytes, cky_r: bytes, *, trace: Trace = None
) -> bytes:
    """SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R) for public key encryption (RFC 2409 §5)."""
    key = ciphers.hash_digest(prf_alg, ni_b + nr_b)
    out = ciphers.prf(prf_alg, key, _cookies(cky_i, "CKY-I", cky_r, "CKY-R"))
    if trace is not None:
        inputs = (("Ni_b", ni_b), ("Nr_b", nr_b), ("CKY-I", cky_i), ("CKY-R", cky_r))
        formula = "prf(hash(Ni_b | Nr_b), CKY-I | CKY-R)"
        trace.append(new_record(Derivation, ("SKEYID", formula, inputs, out, _RFC5)))
    return out


def skeyid_d(
    prf_alg: int, skeyid: bytes, g_xy: bytes, cky_i: bytes, cky_r: bytes, *, trace: Trace = None
) -> bytes:
    """SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0) (RFC 2409 §5)."""
    return _skeyid_after("SKEYID_d", None, 0, partial(ciphers.prf, prf_alg, skeyid), skeyid, b"",
                         g_xy, cky_i, cky_r, trace)


def skeyid_a(
    prf_alg: int,
    skeyid: bytes,
    skeyid_d: bytes,
    g_xy: bytes,
    cky_i: bytes,
    cky_r: bytes,
    *,
    trace: Trace = None,
) -> bytes:
    """SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1) (RFC 2409 §5)."""
    prf_skeyid = partial(ciphers.prf, prf_alg, skeyid)
    return _skeyid_after("SKEYID_a", "SKEYID_d", 1, prf_skeyid, skeyid, skeyid_d, g_xy, cky_i,
                         cky_r, trace)


def skeyid_e(
    prf_alg: int,
    skeyid: bytes,
    skeyid_a: bytes,
    g_xy: bytes,
    cky_i: bytes,
    cky_r: bytes,
    *,
    trace: Trace = None,
) -> bytes:
    """SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2) (RFC 2409 §5)."""
    prf_skeyid = partial(ciphers.prf, prf_alg, skeyid)
    return _skeyid_after("SKEYID_e", "SKEYID_a", 2, prf_skeyid, skeyid, skeyid_a, g_xy, cky_i,
                         cky_r, trace)


# SKEYID_d, _a and _e with ``prf_skeyid`` = prf(SKEYID, .) given: derive_phase1_keys
# makes it once for the three (ciphers.keyed_prf hashes SKEYID's key blocks once).


def _skeyid_after(
    name: str,
    previous_name: str | None,
    constant: int,
    prf_skeyid: Callable[[bytes], bytes],
    skeyid: bytes,
    previous: bytes,
    g_xy: bytes,
    cky_i: bytes,
    cky_r: bytes,
    trace: Trace,
) -> bytes:
    # SKEYID_d (no key before it, constant 0), SKEYID_a (after SKEYID_d, 1) and
    # SKEYID_e (after SKEYID_a, 2): one formula, each over the key derived before.
    if len(cky_i) != 8 or len(cky_r) != 8:
        _cookies(cky_i, "CKY-I", cky_r, "CKY-R")  # raises
    out = prf_skeyid(b"".join((previous, g_xy, cky_i, cky_r, bytes((constant,)))))
    if trace is not None:
        tail = (("g^xy", g_xy), ("CKY-I", cky_i), ("CKY-R", cky_r))
        inputs: tuple[tuple[str, bytes], ...]
        if previous_name is None:
            inputs = (("SKEYID", skeyid), *tail)
            formula = f"prf(SKEYID, g^xy | CKY-I | CKY-R | {constant})"
        else:
            inputs = (("SKEYID", skeyid), (previous_name, previous), *tail)
            formula = f"prf(SKEYID, {previous_name} | g^xy | CKY-I | CKY-R | {constant})"
        trace.append(new_record(Derivation, (name, formula, inputs, out, _RFC5)))
    return out


def expand_key(prf_alg: int, skeyid_e: bytes, length: int, *, trace: Trace = None) -> bytes:
    """Ka: the first ``length`` bytes of SKEYID_e, expanded if too short (RFC 2409 App. B).

    When SKEYID_e is shorter than the key, Ka = K1 | K2 | ... with
    K1 = prf(SKEYID_e, 0) (a single zero byte) and Kn = prf(SKEYID_e, Kn-1),
    cut to ``length``; the expansion does not start with SKEYID_e itself. It
    is needed for 3DES (24 bytes) with MD5 or SHA1 and for AES-256 with SHA1.
    """
    if length <= 0:
        raise KeyScheduleError(f"key length {length}")
    if len(skeyid_e) >= length:
        out = skeyid_e[:length]
        if trace is not None:
            formula = f"first {length} bytes of SKEYID_e"
            whole: tuple[tuple[str, bytes], ...] = (("SKEYID_e", skeyid_e),)
            trace.append(new_record(Derivation, ("Ka", formula, whole, out, _APPB)))
        return out
    blocks: list[bytes] = []
    block = b"\x00"
    produced = 0  # len(b"".join(blocks)), kept as we go
    while produced < length:
        block = ciphers.prf(prf_alg, skeyid_e, block)
        blocks.append(block)
        produced += len(block)
    out = b"".join(blocks)[:length]
    if trace is not None:
        inputs = (("SKEYID_e", skeyid_e),) + tuple((f"K{n}", b) for n, b in enumerate(blocks, 1))
        formula = (
            f"first {length} bytes of K1 | .. | K{len(blocks)}, "
            "K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1)"
        )
        trace.append(new_record(Derivation, ("Ka", formula, inputs, out, _APPB)))
    return out


def encryption_key(
    prf_alg: int,
    cipher_alg: int,
    skeyid_e: bytes,
    key_bits: int | None = None,
    *,
    trace: Trace = None,
) -> bytes:
    """The phase-1 cipher key Ka for ``cipher_alg`` (RFC 2409 App. B).

    ``key_bits`` is the negotiated Key Length attribute (required for AES).
    A DES key that is weak or semi-weak raises :class:`ciphers.WeakKeyError`
    (App. B asks for a non-weak key).
    """
    length = ciphers.cipher_key_length(cipher_alg, key_bits)
    key = expand_key(prf_alg, skeyid_e, length, trace=trace)
    if cipher_alg == ciphers.ENCR_DES_CBC:
        ciphers.check_des_key(key)
    return key


def hash_i(
    prf_alg: int,
    skeyid: bytes,
    g_xi: bytes,
    g_xr: bytes,
    cky_i: bytes,
    cky_r: bytes,
    sai_b: bytes,
    idii_b: bytes,
    *,
    trace: Trace = None,
) -> bytes:
    """HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b) (RFC 2409 §5).

    ``sai_b`` is the body of the initiator's SA payload as it offered it (all
    proposals and transforms); ``idii_b`` the initiator's ID payload body.
    """
    if len(cky_i) != 8 or len(cky_r) != 8:
        _cookies(cky_i, "CKY-I", cky_r, "CKY-R")  # raises
    data = b"".join((g_xi, g_xr, cky_i, cky_r, sai_b, idii_b))
    out = ciphers.prf(prf_alg, skeyid, data)
    if trace is not None:
        inputs = (
            ("SKEYID", skeyid),
            ("g^xi", g_xi),
            ("g^xr", g_xr),
            ("CKY-I", cky_i),
            ("CKY-R", cky_r),
            ("SAi_b", sai_b),
            ("IDii_b", idii_b),
        )
        formula = "prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)"
        trace.append(new_record(Derivation, ("HASH_I", formula, inputs, out, _RFC5)))
    return out


def hash_r(
    prf_alg: int,
    skeyid: bytes,
    g_xi: bytes,
    g_xr: bytes,
    cky_i: bytes,
    cky_r: bytes,
    sai_b: bytes,
    idir_b: bytes,
    *,
    trace: Trace = None,
) -> bytes:
    """HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) (RFC 2409 §5).

    Arguments come in the same order as for :func:`hash_i`; the swap of the
    public values and cookies is done here. SAi_b is the initiator's SA body
    here too.
    """
    if len(cky_r) != 8 or len(cky_i) != 8:
        _cookies(cky_r, "CKY-R", cky_i, "CKY-I")  # raises
    data = b"".join((g_xr, g_xi, cky_r, cky_i, sai_b, idir_b))
    out = ciphers.prf(prf_alg, skeyid, data)
    if trace is not None:
        inputs = (
            ("SKEYID", skeyid),
            ("g^xr", g_xr),
            ("g^xi", g_xi),
            ("CKY-R", cky_r),
            ("CKY-I", cky_i),
            ("SAi_b", sai_b),
            ("IDir_b", idir_b),
        )
        formula = "prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)"
        trace.append(new_record(Derivation, ("HASH_R", formula, inputs, out, _RFC5)))
    return out


# --- IVs -----------------------------------------------------------------------


def phase1_iv(
    hash_alg: int, g_xi: bytes, g_xr: bytes, block_size: int, *, trace: Trace = None
) -> bytes:
    """IV of the first encrypted phase-1 message: hash(g^xi | g^xr) cut to a block.

    RFC 2409 App. B: the plain negotiated hash (not the prf) of the two KE
    payload bodies, truncated to the cipher's block size.
    """
    digest = ciphers.hash_digest(hash_alg, g_xi + g_xr)
    if block_size > len(digest):
        raise KeyScheduleError(f"block size {block_size} exceeds the hash output")
    out = digest[:block_size]
    if trace is not None:
        formula = f"first {block_size} bytes of hash(g^xi | g^xr)"
        inputs = (("g^xi", g_xi), ("g^xr", g_xr))
        trace.append(new_record(Derivation, ("phase-1 IV", formula, inputs, out, _APPB)))
    return out


def phase2_iv(
    hash_alg: int,
    last_phase1_block: bytes,
    message_id: int,
    block_size: int,
    *,
    trace: Trace = None,
) -> bytes:
    """First IV of a Quick Mode or Informational exchange (RFC 2409 App. B).

    hash(last phase-1 CBC block | M-ID), cut to the block size; M-ID is the
    4-byte message ID of the new exchange's header.
    """
    try:
        mid = message_id.to_bytes(4)
    except OverflowError:
        raise _bad_mid(message_id) from None
    digest = ciphers.hash_digest(hash_alg, last_phase1_block + mid)
    if block_size > len(digest):
        raise KeyScheduleError(f"block size {block_size} exceeds the hash output")
    out = digest[:block_size]
    if trace is not None:
        formula = f"first {block_size} bytes of hash(last phase-1 block | M-ID)"
        inputs = (("last phase-1 block", last_phase1_block), ("M-ID", mid))
        name = f"IV for M-ID {message_id:#010x}"
        trace.append(new_record(Derivation, (name, formula, inputs, out, _APPB)))
    return out


def last_block(ciphertext: bytes, block_size: int) -> bytes:
    """The last CBC block of ``ciphertext``: the next IV of its exchange (RFC 2409 App. B)."""
    if not ciphertext or len(ciphertext) % block_size:
        raise _not_whole_blocks(ciphertext, block_size)
    return ciphertext[-block_size:]


def _not_whole_blocks(ciphertext: bytes, block_size: int) -> KeyScheduleError:
    return KeyScheduleError(
        f"ciphertext of {len(ciphertext)} bytes is not whole blocks of {block_size}"
    )


@record(frozen=True)
class ExchangeIv:
    """The IV state of one exchange (one message ID; 0 is phase 1), RFC 2409 App. B.

    ``first`` is the IV of the exchange's first encrypted message; ``current``
    the IV of its next message; ``processed`` maps the last ciphertext block of
    every message taken in to the IV that message used, so that a
    retransmission is recognised and decrypted with its original IV.
    """

    message_id: int
    first: bytes
    current: bytes
    processed: tuple[tuple[bytes, bytes], ...] = ()

    def iv_of(self, final_block: bytes) -> bytes | None:
        """The IV a processed message with this last block used, or None (RFC 2409 App. B)."""
        for block, iv in self.processed:
            if block == final_block:
                return iv
        return None


@record(frozen=True)
class IvChain:
    """The CBC IVs of one ISAKMP SA, one chain per message ID (RFC 2409 App. B).

    Immutable: :meth:`advance` returns a new chain. Message ID 0 is the
    phase-1 chain, which starts at hash(g^xi | g^xr) (:meth:`start`). Every
    other message ID gets its own chain, whose first IV is
    hash(last phase-1 block | M-ID) taken when the ID is first met. After a
    message of an exchange, the next IV of that exchange is the message's
    last ciphertext block; for phase 1 that block also becomes the "last
    phase-1 block".

    Like strongSwan, the last phase-1 block starts as the phase-1 IV and moves
    only when a phase-1 message was encrypted or successfully decrypted:
    the engine calls :meth:`advance` for a message it sent or could read. (The
    responder of ``tests/data/captures/I-psk-mismatch``, which cannot decrypt
    MM5, derives its Informational IVs from the phase-1 IV itself.)
    A retransmitted message is recognised by its last block and changes nothing.
    """

    hash_alg: int
    block_size: int
    last_phase1_block: bytes
    exchanges: tuple[ExchangeIv, ...]

    @classmethod
    def start(
        cls, hash_alg: int, block_size: int, g_xi: bytes, g_xr: bytes, *, trace: Trace = None
    ) -> IvChain:
        """The chain at MM5: the phase-1 IV = hash(g^xi | g^xr) (RFC 2409 App. B)."""
        iv = phase1_iv(hash_alg, g_xi, g_xr, block_size, trace=trace)
        return cls(hash_alg, block_size, iv, (ExchangeIv(0, iv, iv),))

    def exchange(self, message_id: int) -> ExchangeIv | None:
        """The state of exchange ``message_id`` if a message of it was seen (RFC 2409 App. B)."""
        for entry in self.exchanges:
            if entry.message_id == message_id:
                return entry
        return None

    # iv, iv_for and advance run for every encrypted message, so each looks the
    # exchange and the processed blocks up in its own loop (the chain holds a
    # handful of exchanges, each a handful of messages) rather than through
    # exchange(), iv_of() and last_block(): the same lookups, without the calls.
    # tests/test_keyschedule.py checks them against those methods.

    def iv(self, message_id: int, *, trace: Trace = None) -> bytes:
        """The IV for the next message of exchange ``message_id`` (RFC 2409 App. B).

        For an exchange not seen yet: hash(last phase-1 block | M-ID).
        """
        for entry in self.exchanges:
            if entry.message_id == message_id:
                return entry.current
        return phase2_iv(
            self.hash_alg, self.last_phase1_block, message_id, self.block_size, trace=trace
        )

    def iv_for(self, message_id: int, ciphertext: bytes) -> bytes:
        """The IV to decrypt ``ciphertext`` of exchange ``message_id`` (RFC 2409 App. B).

        The IV it was first processed with for a retransmission of a message
        already taken in, else the exchange's current IV.
        """
        for entry in self.exchanges:
            if entry.message_id == message_id:
                size = self.block_size
                if not ciphertext or len(ciphertext) % size:
                    raise _not_whole_blocks(ciphertext, size)
                final_block = ciphertext[-size:]
                for block, earlier in entry.processed:
                    if block == final_block:
                        return earlier
                return entry.current
        return phase2_iv(self.hash_alg, self.last_phase1_block, message_id, self.block_size)

    def advance(
        self, message_id: int, ciphertext: bytes, *, trace: Trace = None,
        first_iv: bytes | None = None,
    ) -> IvChain:
        """The chain after a message of ``message_id`` with this ``ciphertext`` (RFC 2409 App. B).

        The exchange's next IV becomes the last ciphertext block; for
        message ID 0 so does the last phase-1 block. A retransmission (a
        last block already processed in this exchange) leaves the chain as is.
        ``first_iv`` is what :meth:`iv` or :meth:`iv_for` gave for this
        message, when the caller has it: for an exchange's first message it
        is the exchange's first IV, which then needs no second hash.
        """
        size = self.block_size
        if not ciphertext or len(ciphertext) % size:
            raise _not_whole_blocks(ciphertext, size)
        final_block = ciphertext[-size:]
        entry: ExchangeIv | None = None
        others: list[ExchangeIv] = []  # the other exchanges, in their order
        for existing in self.exchanges:
            if existing.message_id != message_id:
                others.append(existing)
            elif entry is None:
                entry = existing
        if entry is None:  # the exchange's first message: its IV is the first one
            if first_iv is not None and trace is None:
                first = current = first_iv
            else:
                first = current = phase2_iv(
                    self.hash_alg, self.last_phase1_block, message_id, size, trace=trace
                )
            processed: tuple[tuple[bytes, bytes], ...] = ()
        else:
            first, current, processed = entry.first, entry.current, entry.processed
            for block, _ in processed:
                if block == final_block:
                    return self  # a retransmission
        processed += ((final_block, current),)
        others.append(new_record(ExchangeIv, (message_id, first, final_block, processed)))
        phase1 = final_block if message_id == 0 else self.last_phase1_block
        return new_record(IvChain, (self.hash_alg, size, phase1, tuple(others)))


# --- Quick Mode and Informational ---------------------------------------------------


def qm_hash_1(
    prf_alg: int, skeyid_a: bytes, message_id: int, after_hash: bytes, *, trace: Trace = None
) -> bytes:
    """HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [| KE] [| IDci | IDcr]) (RFC 2409 §5.5).

    ``after_hash`` is every payload after the HASH payload, generic headers
    included, without the encryption padding.
    """
    try:
        mid = message_id.to_bytes(4)
    except OverflowError:
        raise _bad_mid(message_id) from None
    out = ciphers.prf(prf_alg, skeyid_a, mid + after_hash)
    if trace is not None:
        inputs = (("SKEYID_a", skeyid_a), ("M-ID", mid), ("payloads after HASH", after_hash))
        formula = "prf(SKEYID_a, M-ID | SA | Ni [| KE] [| IDci | IDcr])"
        trace.append(new_record(Derivation, ("HASH(1)", formula, inputs, out, _RFC55)))
    return out


def qm_hash_2(
    prf_alg: int,
    skeyid_a: bytes,
    message_id: int,
    ni_b: bytes,
    after_hash: bytes,
    *,
    trace: Trace = None,
) -> bytes:
    """HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [| KE] [| IDci | IDcr]) (RFC 2409 §5.5).

    ``ni_b`` is the body of the initiator's Quick Mode nonce; ``after_hash``
    the responder's payloads after its HASH, without padding.
    """
    try:
        mid = message_id.to_bytes(4)
    except OverflowError:
        raise _bad_mid(message_id) from None
    out = ciphers.prf(prf_alg, skeyid_a, mid + ni_b + after_hash)
    if trace is not None:
        inputs = (
            ("SKEYID_a", skeyid_a),
            ("M-ID", mid),
            ("Ni_b", ni_b),
            ("payloads after HASH", after_hash),
        )
        formula = "prf(SKEYID_a, M-ID | Ni_b | SA | Nr [| KE] [| IDci | IDcr])"
        trace.append(new_record(Derivation, ("HASH(2)", formula, inputs, out, _RFC55)))
    return out


def qm_hash_3(
    prf_alg: int,
    skeyid_a: bytes,
    message_id: int,
    ni_b: bytes,
    nr_b: bytes,
    *,
    trace: Trace = None,
) -> bytes:
    """HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b) (RFC 2409 §5.5)."""
    try:
        mid = message_id.to_bytes(4)
    except OverflowError:
        raise _bad_mid(message_id) from None
    out = ciphers.prf(prf_alg, skeyid_a, b"".join((b"\x00", mid, ni_b, nr_b)))
    if trace is not None:
        inputs = (("SKEYID_a", skeyid_a), ("M-ID", mid), ("Ni_b", ni_b), ("Nr_b", nr_b))
        formula = "prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)"
        trace.append(new_record(Derivation, ("HASH(3)", formula, inputs, out, _RFC55)))
    return out


def informational_hash(
    prf_alg: int, skeyid_a: bytes, message_id: int, payloads: bytes, *, trace: Trace = None
) -> bytes:
    """HASH(1) = prf(SKEYID_a, M-ID | N/D) of an Informational exchange (RFC 2409 §5.7).

    ``payloads`` is the Notification or Delete payload (and anything else
    after the HASH), generic headers included, without padding.
    """
    try:
        mid = message_id.to_bytes(4)
    except OverflowError:
        raise _bad_mid(message_id) from None
    out = ciphers.prf(prf_alg, skeyid_a, mid + payloads)
    if trace is not None:
        inputs = (("SKEYID_a", skeyid_a), ("M-ID", mid), ("N/D", payloads))
        formula = "prf(SKEYID_a, M-ID | N/D)"
        trace.append(new_record(Derivation, ("HASH(1)", formula, inputs, out, _RFC57)))
    return out


def keymat(
    prf_alg: int,
    skeyid_d: bytes,
    protocol: int,
    spi: bytes,
    ni_b: bytes,
    nr_b: bytes,
    length: int,
    g_qm_xy: bytes | None = None,
    *,
    trace: Trace = None,
) -> bytes:
    """KEYMAT for one direction of an IPsec SA, ``length`` bytes (RFC 2409 §5.5).

    KEYMAT = K1 | K2 | ..., K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI |
    Ni_b | Nr_b), Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI |
    Ni_b | Nr_b). ``protocol`` is one byte (3 = ESP), ``spi`` the 4-byte SPI
    chosen by the SA's destination; ``ni_b``/``nr_b`` the Quick Mode nonces;
    ``g_qm_xy`` the Quick Mode DH secret with PFS.
    """
    if not 0 <= protocol <= 255:
        raise KeyScheduleError(f"protocol {protocol} is not one byte")
    if length <= 0:
        raise KeyScheduleError(f"KEYMAT length {length}")
    protocol_byte = bytes([protocol])
    seed = b"".join((g_qm_xy or b"", protocol_byte, spi, ni_b, nr_b))
    prf_d = partial(ciphers.prf, prf_alg, skeyid_d)
    return _keymat_from_seed(
        prf_d, skeyid_d, protocol_byte, spi, ni_b, nr_b, length, g_qm_xy, seed, trace
    )


def _keymat_from_seed(
    prf_d: Callable[[bytes], bytes],
    skeyid_d: bytes,
    protocol_byte: bytes,
    spi: bytes,
    ni_b: bytes,
    nr_b: bytes,
    length: int,
    g_qm_xy: bytes | None,
    seed: bytes,
    trace: Trace,
) -> bytes:
    """:func:`keymat` from its ``seed``, ``[g(qm)^xy |] protocol | SPI | Ni_b | Nr_b``,
    once its arguments are checked, with ``prf_d`` = prf(SKEYID_d, .) and the
    protocol as its byte.

    For :func:`child_sa_keys`, which keeps the seed too (made once, not twice)
    and uses one ``prf_d`` for both directions (ciphers.keyed_prf).
    """
    blocks: list[bytes] = []
    previous = b""
    produced = 0  # len(b"".join(blocks)), kept as we go
    while produced < length:
        previous = prf_d(previous + seed)
        blocks.append(previous)
        produced += len(previous)
    out = b"".join(blocks)[:length]
    if trace is not None:
        formula = _keymat_formula(length, len(blocks), bool(g_qm_xy))
        inputs: tuple[tuple[str, bytes], ...]
        if g_qm_xy:
            inputs = (("SKEYID_d", skeyid_d), ("g(qm)^xy", g_qm_xy), ("protocol", protocol_byte),
                      ("SPI", spi), ("Ni_b", ni_b), ("Nr_b", nr_b))
        else:
            inputs = (("SKEYID_d", skeyid_d), ("protocol", protocol_byte),
                      ("SPI", spi), ("Ni_b", ni_b), ("Nr_b", nr_b))
        trace.append(new_record(Derivation, (f"KEYMAT (SPI {spi.hex()})",
                                                 formula, inputs, out, _RFC55)))
    return out


@lru_cache(maxsize=64)
def _keymat_formula(length: int, count: int, pfs: bool) -> str:
    """The formula of a KEYMAT of ``length`` bytes in ``count`` blocks, for its Derivation.

    Kept per sizes (a function of the configuration): four KEYMATs a negotiation
    would otherwise format the same long text again.
    """
    seed = "g(qm)^xy | protocol | SPI | Ni_b | Nr_b" if pfs else "protocol | SPI | Ni_b | Nr_b"
    return (
        f"first {length} bytes of K1 | .. | K{count}, "
        f"K1 = prf(SKEYID_d, {seed}), Kn = prf(SKEYID_d, Kn-1 | {seed})"
    )


@record(frozen=True)
class SaDirectionKeys:
    """The keys of one direction of an IPsec SA (RFC 2409 §5.5).

    ``spi`` is the SPI used in the derivation (the destination's inbound SPI);
    ``seed`` is ``[g(qm)^xy |] protocol | SPI | Ni_b | Nr_b`` (strongSwan logs
    it as "SA seed"); ``keymat`` is split as encryption key then integrity key.
    """

    spi: bytes
    seed: bytes
    keymat: bytes
    encryption_key: bytes
    integrity_key: bytes


@record(frozen=True)
class ChildSaKeys:
    """Both directions of an IPsec SA negotiated in Quick Mode (RFC 2409 §5.5).

    ``initiator_to_responder`` is keyed with the responder's SPI,
    ``responder_to_initiator`` with the initiator's.
    """

    initiator_to_responder: SaDirectionKeys
    responder_to_initiator: SaDirectionKeys
    derivations: tuple[Derivation, ...]


def child_sa_keys(
    prf_alg: int,
    skeyid_d: bytes,
    protocol: int,
    spi_i: bytes,
    spi_r: bytes,
    ni_b: bytes,
    nr_b: bytes,
    encryption_key_length: int,
    integrity_key_length: int,
    g_qm_xy: bytes | None = None,
) -> ChildSaKeys:
    """KEYMAT of both directions and its split into keys (RFC 2409 §5.5; RFC 2407 §4.5).

    ``spi_i`` is the SPI in the initiator's proposal (its inbound SPI),
    ``spi_r`` the responder's; each direction uses the SPI of its
    destination. The key lengths come from
    :func:`ciphers.esp_encryption_key_length` and
    :func:`ciphers.esp_integrity_key_length`.
    """
    if encryption_key_length < 0 or integrity_key_length < 0:
        raise KeyScheduleError("negative key length")
    total = encryption_key_length + integrity_key_length
    trace: list[Derivation] = []
    # Initiator to responder (keyed with the responder's SPI) first, then the
    # way back: the order the derivations are recorded in. A loop rather than a
    # nested function: one call less per direction.
    directions: list[SaDirectionKeys] = []
    protocol_byte = bytes([protocol])  # ValueError outside 0-255, before the length check
    if total <= 0:
        raise KeyScheduleError(f"KEYMAT length {total}")  # as keymat says it
    prf_d = ciphers.keyed_prf(prf_alg, skeyid_d)  # SKEYID_d's key blocks hashed once
    for spi in (spi_r, spi_i):
        seed = b"".join((g_qm_xy or b"", protocol_byte, spi, ni_b, nr_b))
        material = _keymat_from_seed(
            prf_d, skeyid_d, protocol_byte, spi, ni_b, nr_b, total, g_qm_xy, seed, trace
        )
        directions.append(new_record(SaDirectionKeys, (
            spi,
            seed,
            material,
            material[:encryption_key_length],  # encryption_key
            material[encryption_key_length:],  # integrity_key
        )))
    outbound, inbound = directions
    return new_record(ChildSaKeys, (outbound, inbound, tuple(trace)))


# --- phase 1 in one call ---------------------------------------------------------------


@record(frozen=True)
class Phase1Keys:
    """The keys of an ISAKMP SA (RFC 2409 §5, App. B) and how each was derived.

    ``encryption_key`` is Ka; ``initial_iv`` the IV of MM5 (hash(g^xi | g^xr)
    cut to a block).
    """

    hash_alg: int
    cipher_alg: int
    skeyid: bytes
    skeyid_d: bytes
    skeyid_a: bytes
    skeyid_e: bytes
    encryption_key: bytes
    initial_iv: bytes
    derivations: tuple[Derivation, ...]

    # Read for every encrypted message (padding, IV checks), a dozen times per
    # negotiation: a look-up in a table (ciphers.block_size only for an unknown
    # cipher, to raise its error). Not a field: repr, equality and hashing do
    # not see it.
    @property
    def block_size(self) -> int:
        """The CBC block size of the negotiated cipher (RFC 2409 App. B)."""
        return _BLOCK_SIZES.get(self.cipher_alg) or ciphers.block_size(self.cipher_alg)

    def iv_chain(self) -> IvChain:
        """A fresh :class:`IvChain` at MM5 for this SA (RFC 2409 App. B)."""
        iv = self.initial_iv
        return new_record(IvChain, (
            self.hash_alg, self.block_size, iv, (new_record(ExchangeIv, (0, iv, iv, ())),)
        ))


#: The CBC block size of each phase-1 cipher, by its IKE number (RFC 2409 App. B).
_BLOCK_SIZES: Final[dict[int, int]] = {
    number: spec.block_size for number, spec in ciphers.CIPHERS.items()
}


def derive_phase1_keys(
    *,
    hash_alg: int,
    cipher_alg: int,
    auth_method: int,
    ni_b: bytes,
    nr_b: bytes,
    g_xi: bytes,
    g_xr: bytes,
    g_xy: bytes,
    cky_i: bytes,
    cky_r: bytes,
    psk: bytes | None = None,
    key_bits: int | None = None,
) -> Phase1Keys:
    """SKEYID, SKEYID_d/a/e, Ka and the MM5 IV of one ISAKMP SA (RFC 2409 §5, App. B).

    ``hash_alg`` is the negotiated hash (its HMAC is the prf), ``cipher_alg``
    the encryption algorithm with ``key_bits`` its Key Length attribute,
    ``auth_method`` the Authentication Method attribute (``psk`` is needed for
    pre-shared keys). The result carries the :class:`Derivation` of each value.
    """
    trace: list[Derivation] = []
    kind = skeyid_kind(auth_method)
    if kind == "psk":
        if psk is None:
            raise KeyScheduleError("pre-shared key authentication needs the PSK")
        skeyid = skeyid_psk(hash_alg, psk, ni_b, nr_b, trace=trace)
    elif kind == "signature":
        skeyid = skeyid_sig(hash_alg, ni_b, nr_b, g_xy, trace=trace)
    else:
        skeyid = skeyid_pke(hash_alg, ni_b, nr_b, cky_i, cky_r, trace=trace)
    prf_skeyid = ciphers.keyed_prf(hash_alg, skeyid)  # SKEYID's key blocks hashed once
    d = _skeyid_after("SKEYID_d", None, 0, prf_skeyid, skeyid, b"", g_xy, cky_i, cky_r, trace)
    a = _skeyid_after("SKEYID_a", "SKEYID_d", 1, prf_skeyid, skeyid, d, g_xy, cky_i, cky_r, trace)
    e = _skeyid_after("SKEYID_e", "SKEYID_a", 2, prf_skeyid, skeyid, a, g_xy, cky_i, cky_r, trace)
    ka = encryption_key(hash_alg, cipher_alg, e, key_bits, trace=trace)
    block = _BLOCK_SIZES[cipher_alg]  # a known cipher: encryption_key checked it
    iv = phase1_iv(hash_alg, g_xi, g_xr, block, trace=trace)
    return new_record(Phase1Keys, (hash_alg, cipher_alg, skeyid, d, a, e, ka, iv, tuple(trace)))
