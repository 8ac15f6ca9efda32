"""Cases found by exploratory testing against real products, each fixed here."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from ikeviz.protocol.codec import identification_text
from ikeviz.protocol.config import Identity
from ikeviz.protocol.events import Failure
from ikeviz.protocol.registry import IdType
from ikeviz.scenario.fileformat import ScenarioFileError, loads_scenario
from ikeviz.simulation import run_pair

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_negotiation import configs  # noqa: E402


@pytest.mark.parametrize(("id_type", "value"), [
    (IdType.FQDN, "vpn.été.example"),
    (IdType.USER_FQDN, "josé@example.fr"),
    (IdType.KEY_ID, "clé"),
])
def test_a_non_ascii_identity_matches_itself(id_type: int, value: str) -> None:
    # The UTF-8 bytes sent are the bytes expected (strongSwan compares bytes); the
    # text of such an ID used to be its hex, which never equalled the configured text.
    left, right = configs(14)
    left = replace(left, identity=Identity(id_type, value))
    right = replace(right, peer_identity=Identity(id_type, value))
    trace = run_pair(left, right, seed=2).trace
    assert trace.established, [e for e in trace.events if isinstance(e, Failure)]
    other = replace(right, peer_identity=Identity(id_type, value.upper()))
    refused = run_pair(left, other, seed=2).trace
    assert not refused.established


def test_identification_text_reads_utf8_names() -> None:
    assert identification_text(IdType.FQDN, "vpn.été.example".encode()) == "vpn.été.example"
    assert identification_text(IdType.KEY_ID, b"\xff\xfe") == "fffe"
    assert identification_text(IdType.FQDN, b"a\nb") == "610a62"  # no control characters


# --- scenario files: limits of the wire, said by the file reader -------------------------

DEMO = Path(__file__).resolve().parent.parent / "resources" / "scenarios" / (
    "omnipcx-strongswan-ok.toml")
RIGHT_PHASE1 = ('[[right.phase1]]\nencryption = "3des-cbc"\nhash = "sha1"\ngroup = 2\n'
                'auth = "psk"\nlifetime = 28800\n')


def _file_error(text: str) -> ScenarioFileError:
    with pytest.raises(ScenarioFileError) as info:
        loads_scenario(text, file="lab.toml")
    return info.value


@pytest.mark.parametrize("count", [255, 256, 300])
def test_at_most_255_proposals(count: int) -> None:
    text = DEMO.read_text(encoding="utf-8")
    assert RIGHT_PHASE1 in text
    more = text.replace(RIGHT_PHASE1, RIGHT_PHASE1 * count)
    if count <= 255:
        assert len(loads_scenario(more, file="lab.toml").right.phase1) == count
        return
    err = _file_error(more)
    assert err.key == "right.phase1[255]"
    assert f"{count} phase-1 proposals" in err.message and "one-byte" in err.message


def test_an_identity_of_more_than_1024_bytes_is_refused_by_name() -> None:
    text = DEMO.read_text(encoding="utf-8").replace(
        'identity_type = "ipv4"\nidentity = ""\npeer_identity_type = "ipv4"\npeer_identity = ""\n'
        'auth = "psk"\npsk = "oxo-lab-2026"\nlocal_subnet = "10.20.0.0/24"',
        f'identity_type = "fqdn"\nidentity = "{"a" * 1025}"\npeer_identity_type = "ipv4"\n'
        'peer_identity = ""\nauth = "psk"\npsk = "oxo-lab-2026"\nlocal_subnet = "10.20.0.0/24"')
    err = _file_error(text)
    assert err.key == "right.identity" and "1025 bytes" in err.message


# --- fixes that are tried before they are offered -----------------------------------------

SCENARIOS = sorted((DEMO.parent).glob("*.toml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_offered_fix_is_tried(path: Path) -> None:
    # A fix with a button either makes the negotiation succeed or says, in its text,
    # that it is not enough; working fixes come first.
    from ikeviz.diagnosis import apply_fix, diagnose
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    scenario = load_scenario(path, profiles=profiles.keys())
    diagnosis = diagnose(run_scenario(scenario, profiles))
    seen_partial = False
    for fix in diagnosis.fixes:
        if fix.action == "none":
            seen_partial = True
            continue
        works = run_scenario(apply_fix(scenario, fix), profiles).established
        assert works != ("Not enough on its own" in fix.description), fix.description
        if works:
            assert not seen_partial, "a working fix after one that does not work"
        else:
            seen_partial = True


def test_a_fix_the_product_ignores_gets_no_button() -> None:
    from ikeviz.diagnosis import diagnose
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    scenario = load_scenario(DEMO.parent / "identity-type-mismatch.toml",
                             profiles=profiles.keys())
    fixes = diagnose(run_scenario(scenario, profiles)).fixes
    assert fixes[0].side.value == "right" and fixes[0].action != "none"
    left = [f for f in fixes if f.side.value == "left"]
    assert left and all(f.action == "none" for f in left)
    assert "would change nothing: OmniPCX Office does not use this setting" in (
        left[0].description)


# --- captures that lack a message ----------------------------------------------------------

CAPTURE_C = Path(__file__).resolve().parent / "data" / "captures" / "C-p1-aes128-sha1-ecp256"


def _without(tmp_path: Path, lost: int) -> Path:
    """Capture C (charon to charon, AES-128 SHA-1 ECP-256, established) without frame ``lost``."""
    from ikeviz.capture.pcapfile import PcapWriter, read_frames

    path = tmp_path / f"without-{lost}.pcap"
    frames = list(read_frames(CAPTURE_C / "capture.pcap"))
    with path.open("wb") as handle:
        writer = PcapWriter(handle, frames[0].link_type)
        for frame in frames:
            if frame.number != lost:
                writer.write(frame.timestamp_ns, frame.data)
    return path


def _labels(path: Path, keys: Path | None = None) -> dict[int, str]:
    from ikeviz.capture.keys import decrypt_negotiation, read_charon_log
    from ikeviz.capture.negotiations import read_negotiations

    (negotiation,) = read_negotiations(path).negotiations
    if keys is not None:
        negotiation = decrypt_negotiation(negotiation, read_charon_log(keys))
    return {m.timestamp_ns: m.label for m in negotiation.messages}


@pytest.mark.parametrize("lost", range(1, 10))
def test_a_lost_message_does_not_shift_the_others(tmp_path: Path, lost: int) -> None:
    # Each message keeps the label it has in the whole capture (matched by timestamp):
    # Main Mode by what it carries, Quick Mode by its decrypted payloads.
    from ikeviz.capture.analysis import diagnose_capture
    from ikeviz.capture.keys import decrypt_negotiation, read_charon_log
    from ikeviz.capture.negotiations import read_negotiations

    log = CAPTURE_C / "initiator.log"
    whole = _labels(CAPTURE_C / "capture.pcap", log)
    if lost > len(whole):
        pytest.skip("the capture has fewer messages")
    lost_label = list(whole.values())[lost - 1]
    part = _labels(_without(tmp_path, lost), log)
    assert part == {t: label for t, label in whole.items() if t in part}, lost_label
    (negotiation,) = read_negotiations(_without(tmp_path, lost)).negotiations
    negotiation = decrypt_negotiation(negotiation, read_charon_log(log))
    verdict = diagnose_capture(negotiation).verdict
    assert "pre-shared" not in verdict, (lost_label, verdict)
    # Phase 1 is proven by the later messages that decrypt and verify: no lost
    # message but one of the last ones can make it look failed.
    if lost_label in ("MM1", "MM2", "MM3", "MM4", "MM5"):
        assert verdict.startswith("Established"), (lost_label, verdict)


def test_a_charon_log_without_keys_still_helps(capsys: pytest.CaptureFixture[str]) -> None:
    # A log of a negotiation refused at MM2 has no key, but says why: the import goes
    # on, says the log has no keys, and shows the log's own lines.
    from ikeviz.cli.main import main

    case = Path(__file__).resolve().parent / "data" / "captures" / "E-p1-mismatch-dhgroup"
    code = main(["import", str(case / "capture.pcap"), "--charon-log",
                 str(case / "responder.log")])
    out = capsys.readouterr().out
    assert code == 1  # the negotiation failed; the input was fine
    assert "no keys: the negotiations it logged stopped before any key was derived" in out
    assert "responder.log says:" in out
    assert "  [CFG] <1> no acceptable KEY_EXCHANGE_METHOD found" in out
    assert "Verdict: Failed at Main Mode message 2" in out


def test_inspect_shows_a_timestamp_beyond_the_calendar(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # A pcapng interface with a resolution of 1 s (if_tsresol 0) and microsecond values
    # puts the frames 56 million years away: shown in nanoseconds, not a traceback.
    import struct

    from ikeviz.capture.pcapfile import read_frames
    from ikeviz.cli.main import main

    frame = next(read_frames(CAPTURE_C / "capture.pcap"))

    def block(kind: int, body: bytes) -> bytes:
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", kind, len(body) + 12) + body + struct.pack("<I", len(body) + 12)

    tsresol = struct.pack("<HHB3x", 9, 1, 0)  # option if_tsresol = 0: seconds
    stamp = 1_795_769_149_778_932
    path = tmp_path / "far.pcapng"
    path.write_bytes(
        block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
        + block(1, struct.pack("<HHI", frame.link_type, 0, 0) + tsresol + b"\0" * 4)
        + block(6, struct.pack("<IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF,
                               len(frame.data), len(frame.data)) + frame.data))
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Frame 1  {stamp * 10**9} ns  ")


# --- product log lines say what the product saw ----------------------------------------------


def _logs(path: Path) -> list[str]:
    from ikeviz.diagnosis import diagnose
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    run = run_scenario(load_scenario(path, profiles=profiles.keys()), profiles)
    return [line for log in diagnose(run).logs for line in log.lines]


def test_strongswan_logs_the_selectors_it_received() -> None:
    # charon 5.9.8, refusing IDci 10.1.0.0/24 and IDcr 10.3.0.0/24[udp/53] (seen here):
    #   looking for a child config for 10.3.0.0/24[udp/domain] === 10.1.0.0/24
    #   no matching CHILD_SA config found for 10.1.0.0/24 === 10.3.0.0/24[udp/domain]
    lines = _logs(DEMO.parent / "subnet-mismatch.toml")  # OXO offers 10.10/24 === 10.20/24
    assert "[CFG] looking for a child config for 10.20.0.0/24 === 10.10.0.0/24" in lines
    assert "[IKE] no matching CHILD_SA config found for 10.10.0.0/24 === 10.20.0.0/24" in lines


def test_the_responder_logs_the_nat_address_and_libreswan_the_declared_id() -> None:
    lines = _logs(DEMO.parent / "nat-without-nat-t.toml")
    assert any("matching 198.51.100.20...203.0.113.10[192.0.2.10]" in line for line in lines)
    lines = _logs(Path(__file__).resolve().parent / "data" / "scenarios" /
                  "libreswan-expects-address.toml")
    assert ("\"ikeviz\" #1: we require IKEv1 peer to have ID '192.0.2.10', but peer declares "
            "'left.example'") in lines


# --- PFS groups and the one KE of Quick Mode --------------------------------------------------


def test_omnipcx_quick_mode_follows_the_phase1_proposal_chosen() -> None:
    # Two phase-1 proposals (DES/MD5/group 5 first, 3DES/SHA-1/group 2), the peer takes
    # the second: Quick Mode repeats 3DES, SHA-1 and group 2, with a group-2 KE.
    from ikeviz.protocol.events import Phase2Established
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    path = Path(__file__).resolve().parent / "data" / "scenarios" / (
        "omnipcx-two-phase1-proposals.toml")
    run = run_scenario(load_scenario(path, profiles=profiles.keys()), profiles)
    assert run.established
    (p2, _) = [e for e in run.trace.events if isinstance(e, Phase2Established)]
    assert p2.pfs_group == 2 and p2.esp_encryption == 3 and p2.esp_integrity == 2


def test_an_initiator_offers_only_the_proposals_its_ke_serves() -> None:
    from ikeviz.protocol.codec import SecurityAssociation
    from ikeviz.protocol.config import ChildProposal, EspTransform
    from ikeviz.protocol.events import MessageSent

    left, right = configs(14)
    first = ChildProposal(transforms=(EspTransform(12, 128, 2),), pfs_group=14)
    other = ChildProposal(transforms=(EspTransform(12, 256, 5),), pfs_group=20)
    same = ChildProposal(transforms=(EspTransform(3, None, 2),), pfs_group=14)
    left = replace(left, child_proposals=(first, other, same))
    right = replace(right, child_proposals=(other, same))
    trace = run_pair(left, right, seed=4).trace
    assert trace.established
    qm1 = next(e for e in trace.events if isinstance(e, MessageSent) and e.label == "QM1")
    sa = next(p for p in qm1.payloads if isinstance(p, SecurityAssociation))
    assert len(sa.proposals) == 2  # the group-20 proposal is left out


@pytest.mark.parametrize("name", ["cisco-set-pfs-group5", "cisco-set-pfs-peer-without"])
def test_cisco_with_a_pfs_group_requires_it(name: str) -> None:
    # "optional" is a crypto map without "set pfs"; with a group in the phase-2
    # proposal, IOS requires the peer to do PFS with that group (Cisco's PFS guide).
    from ikeviz.diagnosis import apply_fix, diagnose
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    scenario = load_scenario(Path(__file__).resolve().parent / "data" / "scenarios" /
                             f"{name}.toml", profiles=profiles.keys())
    diagnosis = diagnose(run_scenario(scenario, profiles))
    assert not diagnosis.established and diagnosis.failure_label == "QM2"
    assert run_scenario(apply_fix(scenario, diagnosis.fixes[0]), profiles).established


def test_a_bad_dn_identity_is_named_in_words() -> None:
    # Not a Rust parser's error text: the attribute that is not one, and what would be.
    from ikeviz.protocol.certificates import CertificateProblem, dn_der

    with pytest.raises(CertificateProblem) as info:
        dn_der("not a dn at all ===")
    assert str(info.value).startswith("unknown DN attribute 'not a dn at all' in "
                                      "'not a dn at all ===' (one of C, CN, ")
    assert dn_der("C=FR, O=Lab, 2.5.4.3=lyon") == dn_der("C=FR, O=Lab, CN=lyon")


def test_saving_through_a_symbolic_link_writes_the_file_it_points_to(tmp_path: Path) -> None:
    from ikeviz.scenario.fileformat import load_scenario, save_scenario

    real = tmp_path / "real" / "target.ikeviz.toml"
    real.parent.mkdir()
    real.write_bytes(DEMO.read_bytes())
    link = tmp_path / "link.ikeviz.toml"
    link.symlink_to(real)
    scenario = load_scenario(link)
    save_scenario(replace(scenario, title="via the link"), link)
    assert link.is_symlink() and link.resolve() == real
    assert load_scenario(real).title == "via the link"


def test_a_negotiation_not_kept_is_counted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five negotiations of two messages each (MM1 and a retransmission), three kept:
    # two not kept, not four.
    import io

    from ikeviz.capture import negotiations as negotiations_module
    from tests.test_hardening import _ike_capture, _mm1

    monkeypatch.setattr(negotiations_module, "MAX_NEGOTIATIONS", 3)
    messages = [_mm1(f"cookie{i:02d}".encode(), i) for i in range(5)]
    analysis = negotiations_module.read_negotiations(io.BytesIO(_ike_capture(messages * 2)))
    assert len(analysis.negotiations) == 3
    assert analysis.dropped_negotiations == 2


# --- Aggressive Mode failures diagnosed for what they are ---------------------------------------


@pytest.mark.parametrize(("name", "verdict", "field"), [
    ("am1-hash-mismatch", "refused every phase-1 proposal", "hash"),
    ("am1-identity-mismatch", "does not accept the identity", "identification"),
    ("am2-psk-mismatch", "the pre-shared keys most likely differ", "pre-shared key"),
])
def test_aggressive_mode_failures(name: str, verdict: str, field: str) -> None:
    # The responder accepts Aggressive Mode: a failure at AM1 is not "Main Mode only".
    from ikeviz.diagnosis import apply_fix, diagnose
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    scenario = load_scenario(Path(__file__).resolve().parent / "data" / "scenarios" /
                             f"{name}.toml", profiles=profiles.keys())
    diagnosis = diagnose(run_scenario(scenario, profiles))
    assert verdict in diagnosis.verdict and "Main Mode only" not in diagnosis.verdict
    assert diagnosis.attribute == field
    assert diagnosis.failure_label == ("AM2" if field != "identification" else "AM1")
    working = [f for f in diagnosis.fixes if f.action != "none"
               and "Not enough" not in f.description]
    assert len(working) == 2  # a fix on each side, each tried and working
    for fix in working:
        assert run_scenario(apply_fix(scenario, fix), profiles).established


@pytest.mark.parametrize("name", ["initiator-refuses-mm6", "am2-psk-mismatch",
                                  "am1-hash-mismatch"])
def test_import_fails_where_check_does(tmp_path: Path, name: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    # The exported capture of a failing scenario, read back with its keys, fails at the
    # message `ikeviz check` names (an initiator refusing MM6 fails at MM6, not "MM7").
    import json

    from ikeviz.cli.main import main

    scenario = Path(__file__).resolve().parent / "data" / "scenarios" / f"{name}.toml"
    pcap, keys = tmp_path / "run.pcap", tmp_path / "run.keys"
    assert main(["export-pcap", str(scenario), "-o", str(pcap), "--keys", str(keys)]) == 0
    capsys.readouterr()
    assert main(["check", str(scenario), "--json"]) == 1
    checked = json.loads(capsys.readouterr().out)
    assert main(["import", str(pcap), "--keys", str(keys), "--json"]) == 1
    imported = json.loads(capsys.readouterr().out)
    (negotiation,) = imported["negotiations"]
    assert negotiation["diagnosis"]["failure_label"] == checked["diagnosis"]["failure_label"]


def test_an_ah_proposal_puts_ah_transform_ids_on_the_wire() -> None:
    # The file's AH transform has an ESP cipher word (aes-cbc, 256 bits) and HMAC-SHA1:
    # on the wire it is AH_SHA (RFC 2407 §4.4.3), with no key length.
    from ikeviz.protocol.codec import SecurityAssociation
    from ikeviz.protocol.events import MessageSent
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    path = Path(__file__).resolve().parent / "data" / "scenarios" / (
        "ah-with-an-esp-cipher-word.toml")
    run = run_scenario(load_scenario(path, profiles=profiles.keys()), profiles)
    assert run.established
    qm1 = next(e for e in run.trace.events if isinstance(e, MessageSent) and e.label == "QM1")
    sa = next(p for p in qm1.payloads if isinstance(p, SecurityAssociation))
    (transform,) = [t for proposal in sa.proposals for t in proposal.transforms]
    assert transform.transform_id == 3  # AH_SHA
    assert all(attribute.type != 6 for attribute in transform.attributes)  # no Key Length


def test_aggressive_mode_offers_only_the_group_of_its_ke() -> None:
    # Two offers of groups 2 and 14, the responder preferring 14: AM1 carries one KE
    # (group 2), so only the group-2 offer is sent and that is the one chosen.
    from ikeviz.protocol.config import IkeProposal, PreferenceOrder

    left, right = configs(14)
    first, second = IkeProposal(group=2), IkeProposal(group=14)
    left = replace(left, ike_proposals=(first, second),
                   behaviour=replace(left.behaviour, aggressive=True))
    right = replace(right, ike_proposals=(second, first),
                    behaviour=replace(right.behaviour, accept_aggressive=True,
                                      preference=PreferenceOrder.RESPONDER))
    trace = run_pair(left, right, seed=5).trace
    assert trace.established, [e for e in trace.events if isinstance(e, Failure)]


def test_a_refused_own_identity_does_not_break_the_figure(tmp_path: Path) -> None:
    # A DN identity that is not one: the initiator cannot build its own ID payload. The
    # failure is the sender's own: no message was refused, and the figure still draws.
    from ikeviz.cli.main import main

    text = DEMO.read_text(encoding="utf-8").replace(
        'profile = "omnipcx-office"', 'profile = "strongswan-5.9"', 1).replace(
        'identity_type = "ipv4"\nidentity = ""', 'identity_type = "dn"\n'
        'identity = "not a dn at all ==="', 1)
    scenario = tmp_path / "bad-dn.toml"
    scenario.write_text(text, encoding="utf-8")
    assert main(["render", str(scenario), "-o", str(tmp_path / "x.png")]) == 0
    assert (tmp_path / "x.png").stat().st_size > 1000


def test_the_identity_fix_expects_what_the_sender_really_sends() -> None:
    # The OmniPCX Office sends its WAN address whatever its file says: the fix for the
    # peer names that address, and the one for the OmniPCX changes nothing.
    from ikeviz.diagnosis import apply_fix, diagnose
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.model import Side
    from ikeviz.scenario.profiles import builtin_profiles
    from ikeviz.simulation import run_scenario

    profiles = builtin_profiles()
    scenario = load_scenario(DEMO.parent / "nat-without-nat-t.toml", profiles=profiles.keys())
    left = replace(scenario.left, identity="203.0.113.10")
    scenario = scenario.with_gateway(Side.LEFT, left)
    diagnosis = diagnose(run_scenario(scenario, profiles))
    first = diagnosis.fixes[0]
    assert first.action == "peer_identity.set" and dict(first.params)["value"] == "192.0.2.10"
    assert run_scenario(apply_fix(scenario, first), profiles).established
