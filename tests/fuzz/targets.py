"""The fuzz targets: one function of the input bytes each, silent unless it finds a bug.

Each target feeds the bytes to one reader of files from the field and lets through only the
exceptions that reader documents; anything else (an IndexError, a MemoryError, a
RecursionError, a broken round trip, a result that contradicts itself) escapes and is a
finding. ``TARGETS`` maps the target names to the functions; ``tests/test_hardening.py``
replays ``tests/fuzz/corpus/<name>/*`` through them.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

from ikeviz.capture.keys import (
    KeyFileError,
    SessionKeys,
    charon_log_keys,
    decrypt_negotiation,
    parse_hex,
    wireshark_table_keys,
)
from ikeviz.capture.negotiations import Negotiation, message_summary, read_negotiations
from ikeviz.capture.packets import FrameProblem, udp_datagrams
from ikeviz.capture.pcapfile import CaptureError, Frame, read_frames
from ikeviz.protocol import ciphers
from ikeviz.protocol.codec import (
    HEADER_LENGTH,
    Identification,
    Notification,
    decode_message,
    decode_payloads,
    encode_message,
)
from ikeviz.protocol.errors import DecodeError
from ikeviz.protocol.keyschedule import (
    ExchangeIv,
    IvChain,
    KeyScheduleError,
    derive_phase1_keys,
)
from ikeviz.protocol.tree import inspect_message, render_text
from ikeviz.scenario.fileformat import (
    ScenarioFileError,
    dumps_scenario,
    load_scenario,
    loads_scenario,
)
from ikeviz.scenario.profiles import builtin_profiles

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "tests" / "data" / "captures"


class Finding(AssertionError):
    """A property of the reader that does not hold for this input."""


# --- the ISAKMP decoder ----------------------------------------------------------------------


def decoder(data: bytes) -> None:
    """decode_message raises only DecodeError; what decodes re-encodes byte for byte; the
    inspector (decoding with spans) agrees and never raises; decode_payloads of the rest,
    as a decrypted body with ``data[0]`` as the first payload type, raises only DecodeError."""
    try:
        message = decode_message(data)
        error = None
    except DecodeError as exc:
        message, error = None, str(exc)
    inspected = inspect_message(data)  # documented: never raises
    render_text(inspected.tree)
    if message is None:
        if inspected.message is not None:
            raise Finding(f"decodes with spans but not without: {error}")
        if str(inspected.error) != error:
            raise Finding(f"two errors for one input: {error!r} and {inspected.error!r}")
    else:
        if inspected.message != message:
            raise Finding("decoding with spans gives another message")
        again = encode_message(message)
        if again != data:
            raise Finding(f"re-encodes to other bytes: {again.hex()}")
        for payload in message.payloads:
            if isinstance(payload, Notification):
                payload.lifetime_attributes  # noqa: B018 - checked on decode: must not raise
                payload.dpd_sequence  # noqa: B018
            elif isinstance(payload, Identification):
                payload.text()
    if data:
        try:
            decode_payloads(data[1:], data[0])
        except DecodeError:
            pass


# --- the decryption path, as Peer._decrypt_chain and keys._Context.attempt -------------------

_CIPHERS = ((ciphers.ENCR_DES_CBC, 8), (ciphers.ENCR_3DES_CBC, 24), (ciphers.ENCR_AES_CBC, 16),
            (ciphers.ENCR_AES_CBC, 24), (ciphers.ENCR_AES_CBC, 32))
_HASHES = tuple(ciphers.HASHES)

#: Layout of a decrypt input: mode, cipher, hash, first payload type, message ID (4 bytes),
#: then the key, the IV (one block) and the body. Mode 0: the body is a ciphertext (random
#: keys and ciphertexts). Mode 1: the body is a plaintext, encrypted here first, so that the
#: decoder behind the decryption sees structured bytes. Mode 2: the key and IV are derived
#: from the bytes by the phase-1 key schedule (hostile nonces, g^xy, auth method).
DECRYPT_HEADER = 8


def decrypt(data: bytes) -> None:
    if len(data) < DECRYPT_HEADER:
        return
    mode = data[0] % 3
    cipher, key_length = _CIPHERS[data[1] % len(_CIPHERS)]
    hash_alg = _HASHES[data[2] % len(_HASHES)]
    first_payload = data[3]
    message_id = int.from_bytes(data[4:8], "big")
    block = ciphers.block_size(cipher)
    rest = data[DECRYPT_HEADER:]
    key, iv, body = rest[:key_length], rest[key_length:key_length + block], \
        rest[key_length + block:]
    if len(iv) < block:
        return
    if mode == 2:
        try:
            keys = derive_phase1_keys(
                hash_alg=hash_alg, cipher_alg=cipher, auth_method=data[1] >> 4 or 1,
                ni_b=key, nr_b=iv, g_xi=key[:4], g_xr=iv[:4], g_xy=body[:32],
                cky_i=(key + bytes(8))[:8], cky_r=(iv + bytes(8))[:8],
                psk=body[32:48] or None,
                key_bits=8 * key_length if cipher == ciphers.ENCR_AES_CBC else None)
        except (KeyScheduleError, ciphers.CipherError):
            return
        if len(keys.encryption_key) != key_length or len(keys.initial_iv) != block:
            raise Finding("the key schedule gives a key or IV of the wrong size")
        key, chain, body = keys.encryption_key, keys.iv_chain(), body[48:]
    else:
        chain = IvChain(hash_alg, block, iv, (ExchangeIv(0, iv, iv),))
    if mode == 1:
        plaintext = ciphers.pad(body, block)
        ciphertext = ciphers.cbc_encrypt(cipher, key, chain.iv(message_id), plaintext)
    else:
        ciphertext = body[:len(body) - len(body) % block]
        plaintext = None
    if not ciphertext:
        return
    # Peer._decrypt_chain:
    used = chain.iv_for(message_id, ciphertext)
    clear = ciphers.cbc_decrypt(cipher, key, used, ciphertext)
    if plaintext is not None and clear != plaintext:
        raise Finding("CBC decryption does not undo the encryption")
    try:
        _payloads, padding = decode_payloads(clear, first_payload)
    except DecodeError:
        return
    if len(padding) > 255:
        return
    advanced = chain.advance(message_id, ciphertext)
    if advanced.iv_for(message_id, ciphertext) != used:
        raise Finding("a retransmission would not get the IV its first copy used")


# --- the capture reader ----------------------------------------------------------------------


def _internal(problem: FrameProblem) -> bool:
    return problem.reason.startswith("internal error")


def capture(data: bytes) -> None:
    """read_frames raises only CaptureError; udp_datagrams never raises and reports no
    internal error (its safety net hides bugs); read_negotiations never raises."""
    frames: list[Frame] = []
    try:
        for frame in read_frames(io.BytesIO(data)):
            frames.append(frame)
    except CaptureError:
        pass
    for item in udp_datagrams(frames, ports=None):
        if isinstance(item, FrameProblem) and _internal(item):
            raise Finding(item.reason)
    analysis = read_negotiations(io.BytesIO(data))
    for problem in analysis.problems:
        if _internal(problem):
            raise Finding(problem.reason)
    for negotiation in analysis.negotiations:
        for message in negotiation.messages:
            message_summary(message)


# --- the scenario loader ---------------------------------------------------------------------


@cache
def _profile_ids() -> frozenset[str]:
    return frozenset(builtin_profiles())


@cache
def _scratch() -> Path:
    folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    return folder / f"ikeviz-fuzz-scenario-{os.getpid()}.toml"


def scenario(data: bytes) -> None:
    """load_scenario raises only ScenarioFileError; a scenario that loads saves and loads
    back to the same scenario (the editor's "open, then save")."""
    path = _scratch()
    path.write_bytes(data)
    try:
        loaded = load_scenario(path, profiles=_profile_ids())
    except ScenarioFileError:
        return
    finally:
        path.unlink(missing_ok=True)
    text = dumps_scenario(loaded)
    again = loads_scenario(text, profiles=_profile_ids())
    if again != loaded:
        raise Finding("save then load gives another scenario")


# --- the key files ---------------------------------------------------------------------------


@cache
def _negotiations() -> tuple[Negotiation, ...]:
    found: list[Negotiation] = []
    for case in sorted(CAPTURES.glob("*/capture.pcap")):
        found += read_negotiations(case).negotiations
    return tuple(found)


def keys(data: bytes) -> None:
    """The Wireshark table reader raises only KeyFileError, the charon log reader nothing;
    the keys they give, whatever their sizes, decrypt a real negotiation without raising."""
    text = data.decode("utf-8", errors="replace")  # as keys._read_text
    sessions: list[SessionKeys] = []
    try:
        sessions += wireshark_table_keys(text, name="fuzz")
    except KeyFileError:
        pass
    sessions += charon_log_keys(text, name="fuzz")
    try:
        parse_hex(text[:200])
    except ValueError:
        pass
    negotiations = _negotiations()
    if not sessions or not negotiations:
        return
    negotiation = negotiations[len(data) % len(negotiations)]
    # Bind the keys to this negotiation, so that they are used whatever the cookies said.
    bound = [replace(s, icookie=negotiation.icookie,
                     rcookie=negotiation.rcookie if s.rcookie is not None else None)
             for s in sessions[:4]]
    result = decrypt_negotiation(negotiation, bound)
    for message in result.messages:
        message_summary(message)
        if message.decrypted and len(message.plaintext) + HEADER_LENGTH != message.size:
            raise Finding("a decrypted message whose plaintext is not its ciphertext's size")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "decoder": decoder,
    "decrypt": decrypt,
    "capture": capture,
    "scenario": scenario,
    "keys": keys,
}
