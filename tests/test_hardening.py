"""Hostile inputs, limits and secrets: what a file from the field cannot make ikeviz do.

1. Every input of ``tests/fuzz/corpus/<target>/`` (what the fuzzers of tests/fuzz found
   interesting, and the reproducers of the bugs they found) goes through its target again,
   under a time bound: only the documented exceptions may come out.
2. The limits of the readers, each with its message: payloads per message, proposals per
   SA, transforms per proposal, the attribute size, empty SPIs per Delete; fragments and
   fragment sets in IP reassembly; messages and negotiations when a capture is grouped;
   the size of a scenario file.
3. Secrets: no figure, capture, ``check --json`` output or report made from a bundled lesson
   holds a pre-shared key or a private key; scenario files holding one are saved 0600.
4. The network guard of tests/conftest.py catches a test that opens a socket.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import socket
import stat
import struct
import subprocess
import sys
import textwrap
import zlib
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from ikeviz.capture import negotiations as negotiations_module
from ikeviz.capture.negotiations import MAX_MESSAGES, MAX_NEGOTIATIONS, read_negotiations
from ikeviz.capture.packets import (
    MAX_FRAGMENT_SETS,
    MAX_FRAGMENTS_PER_SET,
    MAX_REASSEMBLED,
    FrameProblem,
    build_ipv4_udp,
    udp_datagrams,
)
from ikeviz.capture.pcapfile import (
    MAX_BLOCK_SIZE,
    MAX_PCAP_RECORD,
    CaptureError,
    Frame,
    PcapWriter,
    read_frames,
)
from ikeviz.protocol.codec import (
    MAX_ATTRIBUTE_VALUE,
    MAX_EMPTY_SPIS,
    MAX_PAYLOADS,
    MAX_PROPOSALS,
    MAX_TRANSFORMS,
    PT_DELETE,
    PT_SA,
    PT_VID,
    decode_attributes,
    decode_message,
    decode_payloads,
)
from ikeviz.protocol.config import Role
from ikeviz.protocol.errors import DecodeError
from ikeviz.scenario.fileformat import (
    MAX_FILE_SIZE,
    ScenarioFileError,
    load_scenario,
    save_scenario,
)
from ikeviz.scenario.lessons import bundled_lessons
from ikeviz.scenario.model import AuthKind, Scenario
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import run_scenario
from tests.fuzz import targets
from tests.fuzz.harness import InputTimeout, time_bound

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
REPLAY_SECONDS = 5.0

# --------------------------------------------------------------------------- 1. corpus replay


@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_corpus_replays_without_finding(target: str) -> None:
    files = sorted(p for p in (CORPUS / target).glob("*") if p.is_file())
    assert files, f"tests/fuzz/corpus/{target}/ is empty: run tests/fuzz/fuzz_{target}.py " \
                  "--save-corpus"
    function = targets.TARGETS[target]
    failures = []
    for path in files:
        try:
            with time_bound(REPLAY_SECONDS):
                function(path.read_bytes())
        except InputTimeout:
            failures.append(f"{path.name}: over {REPLAY_SECONDS} s")
        except Exception as exc:
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}"[:300])
    assert not failures, f"{len(failures)} of {len(files)} {target} inputs:\n" + \
        "\n".join(failures)


def test_fuzz_scripts_exist_for_every_target() -> None:
    for target in targets.TARGETS:
        script = ROOT / "tests" / "fuzz" / f"fuzz_{target}.py"
        assert script.is_file(), script
        assert f'main("{target}"' in script.read_text()


# --------------------------------------------------------------------------- 2. limits: codec

HEADER = bytes(range(1, 9)) + bytes(range(9, 17))


def _message(first: int, body: bytes, exchange: int = 2) -> bytes:
    return HEADER + struct.pack("!BBBBII", first, 0x10, exchange, 0, 0, 28 + len(body)) + body


def _vid_chain(count: int) -> bytes:
    return b"".join(struct.pack("!BBH", PT_VID if i + 1 < count else 0, 0, 8) + b"vend"
                    for i in range(count))


def _expect_limit(data: bytes, path: str, words: str) -> DecodeError:
    with pytest.raises(DecodeError) as info:
        decode_message(data)
    error = info.value
    assert error.path == path
    assert words in str(error), str(error)
    assert f"at byte {error.offset}" in str(error)
    return error


def test_at_most_256_payloads_per_message() -> None:
    assert MAX_PAYLOADS == 256
    assert len(decode_message(_message(PT_VID, _vid_chain(MAX_PAYLOADS))).payloads) == 256
    error = _expect_limit(_message(PT_VID, _vid_chain(MAX_PAYLOADS + 1)),
                          "VID[255].next_payload", "at most 256 payloads in a message")
    assert error.offset == 28 + 8 * 256
    # the same limit holds in a decrypted body
    with pytest.raises(DecodeError, match="at most 256 payloads"):
        decode_payloads(_vid_chain(MAX_PAYLOADS + 1), PT_VID)


def _transform(number: int, last: bool) -> bytes:
    body = struct.pack("!BBH", number % 256, 1, 0) + struct.pack("!HH", 0x8001, 5)
    return struct.pack("!BBH", 0 if last else 3, 0, 4 + len(body)) + body


def _proposal(number: int, transforms: int, last: bool, count: int | None = None) -> bytes:
    chain = b"".join(_transform(i, i + 1 == transforms) for i in range(transforms))
    count = transforms if count is None else count
    body = struct.pack("!BBBB", number, 1, 0, count % 256) + chain
    return struct.pack("!BBH", 0 if last else 2, 0, 4 + len(body)) + body


def _sa(proposals: bytes) -> bytes:
    body = struct.pack("!II", 1, 1) + proposals
    return struct.pack("!BBH", 0, 0, 4 + len(body)) + body


def test_at_most_64_proposals_per_sa() -> None:
    assert MAX_PROPOSALS == 64
    ok = b"".join(_proposal(i + 1, 1, i + 1 == 64) for i in range(64))
    sa = decode_message(_message(PT_SA, _sa(ok))).payloads[0]
    assert len(sa.proposals) == 64  # type: ignore[union-attr]
    hostile = b"".join(_proposal(i + 1, 1, i + 1 == 65) for i in range(65))
    _expect_limit(_message(PT_SA, _sa(hostile)), "SA.proposal[64]",
                  "at most 64 proposals in an SA payload")


def test_at_most_256_transforms_per_proposal() -> None:
    assert MAX_TRANSFORMS == 256
    # The count field has 8 bits: 255 transforms is the most a valid proposal holds...
    ok = _proposal(1, 255, True)
    sa = decode_message(_message(PT_SA, _sa(ok))).payloads[0]
    assert len(sa.proposals[0].transforms) == 255  # type: ignore[union-attr]
    # ...and a chain longer than the limit is cut at the limit, whatever the count says.
    hostile = _proposal(1, 300, True, count=300)
    _expect_limit(_message(PT_SA, _sa(hostile)), "SA.proposal[0].transform[256]",
                  "at most 256 transforms in a proposal")


def test_attribute_value_is_bounded_by_its_16_bit_length() -> None:
    assert MAX_ATTRIBUTE_VALUE == 0xFFFF
    # The wire limit: a TLV length field of 0xFFFF, as in a RESPONDER-LIFETIME list.
    attributes = decode_attributes(struct.pack("!HH", 2, 0xFFFF) + bytes(0xFFFF))
    assert len(attributes[0].value) == MAX_ATTRIBUTE_VALUE  # type: ignore[arg-type]
    # A length past the bytes of its parent is refused, with the bound in the message.
    with pytest.raises(DecodeError, match=r"at most 8 \(the bytes left in the parent\)"):
        decode_attributes(struct.pack("!HH", 2, 0xFFFF) + bytes(8))


def test_empty_spis_of_a_delete_are_bounded() -> None:
    def delete(count: int) -> bytes:
        body = struct.pack("!IBBH", 1, 1, 0, count)
        return _message(PT_DELETE, struct.pack("!BBH", 0, 0, 4 + len(body)) + body, 5)

    assert len(decode_message(delete(MAX_EMPTY_SPIS)).payloads[0].spis) == 16  # type: ignore
    # 12 bytes used to decode to 65535 SPIs; 256 such payloads to 16 million objects.
    _expect_limit(delete(0xFFFF), "D.spi_count", "at most 16 SPIs when the SPI size is 0")


# --------------------------------------------------------------------------- 2. limits: capture


def _frame(number: int, data: bytes, link: int = 101, ts: int = 0) -> Frame:
    return Frame(number, ts, link, data, len(data), 0)


def _ipv4_fragment(ident: int, offset: int, more: bool, payload: bytes) -> bytes:
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident,
                         (0x2000 if more else 0) | offset // 8, 64, 17, 0,
                         bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return header + payload


def test_at_most_128_fragments_per_datagram() -> None:
    assert MAX_FRAGMENTS_PER_SET == 128
    frames = [_frame(i + 1, _ipv4_fragment(7, 0, True, bytes(8)))
              for i in range(MAX_FRAGMENTS_PER_SET + 1)]
    items = list(udp_datagrams(frames, ports=None))
    problems = [i for i in items if isinstance(i, FrameProblem)]
    assert [p.frame for p in problems] == [129]
    assert "more than 128 fragments; fragments dropped" in problems[0].reason


def test_at_most_64_incomplete_fragment_sets() -> None:
    assert MAX_FRAGMENT_SETS == 64
    frames = [_frame(i + 1, _ipv4_fragment(i, 0, True, bytes(8)))
              for i in range(MAX_FRAGMENT_SETS + 1)]
    items = list(udp_datagrams(frames, ports=None))
    evicted = [i for i in items if isinstance(i, FrameProblem) and "evicted" in i.reason]
    assert len(evicted) == 1 and "id 0x0000" in evicted[0].reason
    assert "over 64 incomplete sets" in evicted[0].reason


def test_reassembled_datagram_is_at_most_65535_bytes() -> None:
    frames = [_frame(1, _ipv4_fragment(9, 65528, False, bytes(16)))]
    problems = [i for i in udp_datagrams(frames, ports=None) if isinstance(i, FrameProblem)]
    assert f"past {MAX_REASSEMBLED}" in problems[0].reason


def test_hostile_record_lengths_allocate_nothing() -> None:
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    record = struct.pack("<IIII", 0, 0, 0xFFFFFFF0, 0xFFFFFFF0)
    with pytest.raises(CaptureError, match=f"more than the {MAX_PCAP_RECORD}-byte limit"):
        list(read_frames(io.BytesIO(header + record)))
    shb = struct.pack("<IIIHHq", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1) + struct.pack("<I", 28)
    block = struct.pack("<II", 6, 0xFFFFFFF0)
    with pytest.raises(CaptureError, match=f"over the {MAX_BLOCK_SIZE}-byte limit"):
        list(read_frames(io.BytesIO(shb + block)))


def _ike_capture(messages: list[bytes]) -> bytes:
    out = io.BytesIO()
    writer = PcapWriter(out, 101)
    for i, message in enumerate(messages):
        writer.write(i * 1000, build_ipv4_udp("10.0.0.1", "10.0.0.2", 500, 500, message))
    return out.getvalue()


def _mm1(icookie: bytes, nonce: int) -> bytes:
    vid = struct.pack("!BBH", 0, 0, 8) + nonce.to_bytes(4, "big")
    return icookie + bytes(8) + struct.pack("!BBBBII", PT_VID, 0x10, 2, 0, 0, 28 + len(vid)) + vid


def test_at_most_1000_messages_per_negotiation() -> None:
    assert MAX_MESSAGES == 1000
    data = _ike_capture([_mm1(b"cookie01", i) for i in range(MAX_MESSAGES + 5)])
    analysis = read_negotiations(io.BytesIO(data))
    assert len(analysis.negotiations) == 1
    negotiation = analysis.negotiations[0]
    assert len(negotiation.messages) == MAX_MESSAGES
    assert negotiation.dropped_messages == 5


def test_negotiations_past_the_limit_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_NEGOTIATIONS == 10_000
    monkeypatch.setattr(negotiations_module, "MAX_NEGOTIATIONS", 3)
    data = _ike_capture([_mm1(f"cookie{i:02d}".encode(), i) for i in range(5)])
    analysis = read_negotiations(io.BytesIO(data))
    assert len(analysis.negotiations) == 3
    assert analysis.dropped_negotiations == 2


# --------------------------------------------------------------------------- 2. limits: scenario


def test_scenario_files_over_16_mib_are_refused(tmp_path: Path) -> None:
    assert MAX_FILE_SIZE == 16 * 1024 * 1024
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_SIZE + 1)  # sparse: no 16 MiB written
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert "is too large for a scenario file" in str(info.value)
    assert str(MAX_FILE_SIZE) in str(info.value)


def test_deeply_nested_toml_is_a_scenario_file_error(tmp_path: Path) -> None:
    path = tmp_path / "nested.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ScenarioFileError, match="nested too deeply"):
        load_scenario(path)
    path.write_text("x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    with pytest.raises(ScenarioFileError, match="nested too deeply"):
        load_scenario(path)


# --------------------------------------------------------------------------- 2. limits: keys


def test_charon_log_lines_are_read_in_linear_time() -> None:
    from ikeviz.capture.keys import charon_log_keys

    # A long run of digits used to make the line pattern try every digit (quadratic: a
    # 64 KB line took 100 s); a log is read line by line in time proportional to its size.
    hostile = ("1" * 65536 + "\n") * 16 + "19:56:47 " + "9" * 65536 + "[IKE] <a|1> x\n"
    with time_bound(2.0):
        assert charon_log_keys(hostile) == []


# --------------------------------------------------------------------------- 3. secrets


def _rsa_pem() -> tuple[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def _rsa_variant(scenario: Scenario) -> Scenario:
    """The scenario with raw RSA keys on both sides instead of the PSK."""
    (lpriv, lpub), (rpriv, rpub) = _rsa_pem(), _rsa_pem()

    def rsa_side(gateway: Any, private: str, peer_public: str) -> Any:
        phase1 = tuple(replace(p, auth_method=3) for p in gateway.phase1)
        return replace(gateway, auth=AuthKind.RSA, psk=None, private_key_pem=private,
                       peer_public_key_pem=peer_public, phase1=phase1)

    return replace(scenario, left=rsa_side(scenario.left, lpriv, rpub),
                   right=rsa_side(scenario.right, rpriv, lpub))


def _needles(scenario: Scenario) -> dict[str, bytes]:
    """Every secret of the scenario in the forms it could leak in."""
    out: dict[str, bytes] = {}
    for gateway in (scenario.left, scenario.right):
        if gateway.psk:
            raw = gateway.psk.encode()
            out[f"{gateway.name} PSK"] = raw
            out[f"{gateway.name} PSK (hex)"] = raw.hex().encode()
            out[f"{gateway.name} PSK (HEX)"] = raw.hex().upper().encode()
            out[f"{gateway.name} PSK (base64)"] = base64.b64encode(raw).rstrip(b"=")
            out[f"{gateway.name} PSK (UTF-16)"] = gateway.psk.encode("utf-16-be")
        if gateway.private_key_pem:
            body = "".join(line for line in gateway.private_key_pem.splitlines()
                           if line and not line.startswith("-----"))
            der = base64.b64decode(body)
            # any 40 characters of the base64 body, and the DER in hex around its middle
            for start in range(0, len(body) - 40, 120):
                out[f"{gateway.name} private key (base64 @{start})"] = body[start:start + 40] \
                    .encode()
            middle = der[len(der) // 2:len(der) // 2 + 24]
            out[f"{gateway.name} private key (DER hex)"] = middle.hex().encode()
            out[f"{gateway.name} private key (DER)"] = middle
    return out


def _pdf_texts(data: bytes) -> bytes:
    """The PDF with every Flate stream inflated, so that compressed text is searched too."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end():]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _strings_of(value: Any, seen: set[int] | None = None) -> list[str]:
    """Every string inside a (dataclass) model, for the diagram's texts."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [value]
    if isinstance(value, bytes | bytearray):
        return [bytes(value).hex()]
    if isinstance(value, Enum):
        return []
    if is_dataclass(value) and not isinstance(value, type):
        return [s for f in fields(value) for s in _strings_of(getattr(value, f.name), seen)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings_of(k, seen) + _strings_of(v, seen)]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for item in value for s in _strings_of(item, seen)]
    return []


def _leaks(outputs: dict[str, bytes], needles: dict[str, bytes]) -> list[str]:
    found = []
    for where, data in outputs.items():
        for what, needle in needles.items():
            if needle and needle in data:
                found.append(f"{what} in {where}")
    return found


def _outputs(name: str, scenario: Scenario, folder: Path) -> dict[str, bytes]:
    from ikeviz.capture.export import export_pcap
    from ikeviz.cli.check_cmd import run_check
    from ikeviz.diagnosis import diagnose
    from ikeviz.render.diagram import build_diagram
    from ikeviz.render.export import export_figure

    profiles = builtin_profiles()
    run = run_scenario(scenario, profiles)
    diagnosis = diagnose(run)
    outputs: dict[str, bytes] = {}
    diagram = build_diagram(run, diagnosis)
    outputs[f"{name} diagram model"] = "\n".join(_strings_of(diagram)).encode()
    for suffix in (".png", ".svg", ".pdf"):
        path = folder / f"{name}{suffix}"
        export_figure(diagram, path)
        data = path.read_bytes()
        outputs[f"{name}{suffix}"] = _pdf_texts(data) if suffix == ".pdf" else data
    for pcapng in (False, True):
        path = folder / f"{name}.{'pcapng' if pcapng else 'pcap'}"
        export_pcap(run, path, pcapng=pcapng)
        outputs[path.name] = path.read_bytes()
    scenario_file = folder / f"{name}-check.toml"
    save_scenario(scenario, scenario_file)
    out = io.StringIO()

    class Args:
        lesson = None
        scenario = str(scenario_file)
        json = True
        states = "libreswan"

    run_check(Args(), out)  # type: ignore[arg-type]
    json.loads(out.getvalue())
    outputs[f"{name} check --json"] = out.getvalue().encode()
    try:
        from ikeviz.render.report import write_report
    except ImportError:  # pragma: no cover - the report is optional
        pass
    else:
        path = folder / f"{name}.html"
        write_report(path, run, diagnosis)
        outputs[path.name] = path.read_bytes()
    return outputs


@pytest.fixture(scope="module")
def qt_offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="module")
def lesson_leaks(tmp_path_factory: pytest.TempPathFactory, qt_offscreen: None) -> list[str]:
    """Every secret found in the outputs of every bundled lesson ("<secret> in <output>")."""
    folder = tmp_path_factory.mktemp("lesson-outputs")
    lessons = bundled_lessons(builtin_profiles().keys())
    assert lessons
    leaks: list[str] = []
    searched = 0
    for entry in lessons:
        needles = _needles(entry.scenario)
        assert needles or all(g.psk is None for g in (entry.scenario.left, entry.scenario.right))
        outputs = _outputs(entry.name, entry.scenario, folder)
        searched += len(outputs)
        leaks += _leaks(outputs, needles)
    assert searched >= 8 * len(lessons)
    return leaks


def test_no_figure_capture_or_report_of_a_lesson_holds_a_secret(lesson_leaks: list[str]) -> None:
    leaks = [leak for leak in lesson_leaks if not leak.endswith("check --json")]
    assert not leaks, "secrets found:\n" + "\n".join(leaks)


def test_check_json_of_a_lesson_holds_no_secret(lesson_leaks: list[str]) -> None:
    leaks = [leak for leak in lesson_leaks if leak.endswith("check --json")]
    assert not leaks, "secrets found:\n" + "\n".join(leaks)


def test_no_output_holds_a_private_key(tmp_path: Path, qt_offscreen: None) -> None:
    entry = next(e for e in bundled_lessons(builtin_profiles().keys())
                 if e.name == "omnipcx-strongswan-ok")
    scenario = _rsa_variant(entry.scenario)
    needles = _needles(scenario)
    assert sum("private key" in k for k in needles) >= 6
    outputs = _outputs("rsa", scenario, tmp_path)
    assert b'"established": true' in outputs["rsa check --json"]
    assert not _leaks(outputs, needles)


def test_the_keys_file_is_the_one_export_that_holds_keys(tmp_path: Path) -> None:
    from ikeviz.capture.export import write_keys_file

    entry = next(e for e in bundled_lessons(builtin_profiles().keys())
                 if e.name == "omnipcx-strongswan-ok")
    run = run_scenario(entry.scenario, builtin_profiles())
    path = tmp_path / "keys.txt"
    write_keys_file(run, path)
    text = path.read_text()
    keys = run.peer(Role.INITIATOR).p1.keys
    assert keys is not None and keys.encryption_key.hex() in text.lower()
    assert entry.scenario.left.psk and entry.scenario.left.psk not in text


@pytest.mark.parametrize("secret", ["psk", "private_key", "none"])
def test_scenario_files_holding_a_secret_are_written_0600(tmp_path: Path, secret: str) -> None:
    scenario = next(e.scenario for e in bundled_lessons(builtin_profiles().keys())
                    if e.name == "omnipcx-strongswan-ok")
    if secret == "private_key":
        scenario = _rsa_variant(scenario)
    elif secret == "none":
        scenario = replace(scenario, left=replace(scenario.left, psk=None),
                           right=replace(scenario.right, psk=None))
    old = os.umask(0o022)
    try:
        path = tmp_path / "lesson.toml"
        path.write_text("old")
        os.chmod(path, 0o644)
        save_scenario(scenario, path)
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o644 if secret == "none" else 0o600), oct(mode)
        save_scenario(scenario, path, include_secrets=False)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert "psk =" not in path.read_text() and "PRIVATE KEY" not in path.read_text()
    finally:
        os.umask(old)


# --------------------------------------------------------------------------- 4. network guard


def test_the_guard_refuses_inet_sockets_and_allows_unix(network_guard: Any) -> None:
    from tests.conftest import NetworkBlocked

    assert network_guard is not None
    for family in (socket.AF_INET, socket.AF_INET6):
        with pytest.raises(NetworkBlocked, match="tests outside tests/interop"):
            socket.socket(family, socket.SOCK_DGRAM)
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 500))
    with pytest.raises(NetworkBlocked, match="DNS"):
        socket.getaddrinfo("ikeviz.example", 500)
    socket.getaddrinfo("127.0.0.1", 500)  # numeric: no query
    left, right = socket.socketpair()  # AF_UNIX
    left.sendall(b"x")
    assert right.recv(1) == b"x"
    left.close()
    right.close()
    assert len(network_guard.attempts) == 4
    network_guard.attempts.clear()  # caught on purpose: the test itself passes


def test_only_interop_tests_are_exempt() -> None:
    from tests.conftest import is_exempt

    assert is_exempt(ROOT / "tests" / "interop" / "test_engine_vs_charon.py")
    assert not is_exempt(Path(__file__))
    assert not is_exempt(ROOT / "tests" / "gui" / "test_timeline.py")


def test_a_test_that_opens_a_socket_fails(tmp_path: Path) -> None:
    tiny = tmp_path / "test_tiny.py"
    tiny.write_text(textwrap.dedent("""
        import socket

        def test_opens_a_udp_socket():
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

        def test_hides_the_error():
            try:
                socket.create_connection(("192.0.2.1", 9), timeout=0.1)
            except OSError:
                pass

        def test_unix_sockets_are_fine():
            a, b = socket.socketpair()
            a.close()
            b.close()
    """))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "-p", "no:randomly", "-q", "--rootdir", str(tmp_path), str(tiny)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "2 failed, 1 passed" in output, output
    assert "test_opens_a_udp_socket" in output and "test_hides_the_error" in output
    assert "socket.socket(AF_INET)" in output
    assert "tried to use the network: socket.create_connection" in output

