"""Gateway profiles: the files load, are checked strictly, and say what the engine does.

Each behaviour a profile states (lifetime policy, preference order, PFS, Aggressive Mode,
identities, retransmission timing, Vendor IDs) is checked by running two engine peers with
the profile's values; strongSwan's log lines are checked against the real charon logs.
"""

from __future__ import annotations

import re
import shutil
import string
from dataclasses import replace
from pathlib import Path

import pytest

from ikeviz.protocol.codec import VendorId
from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
    Identity,
    IkeProposal,
    LifetimePolicy,
    PeerConfig,
    PfsPolicy,
    PreferenceOrder,
    Role,
    TrafficSelector,
)
from ikeviz.protocol.events import (
    Failure,
    GaveUp,
    MessageSent,
    NotifySent,
    Phase1Established,
    Phase2Established,
    ProposalChosen,
)
from ikeviz.protocol.registry import (
    AuthMethod,
    EncryptionAlgorithm,
    EspTransformId,
    HashAlgorithm,
    IdType,
    NotifyType,
)
from ikeviz.protocol.states import State
from ikeviz.protocol.vendor_ids import identify_vendor_id
from ikeviz.scenario import profiles as profiles_module
from ikeviz.scenario.profiles import (
    LOG_KEYS,
    LOG_PLACEHOLDERS,
    PROFILES_DIR,
    Profile,
    ProfileError,
    builtin_profiles,
    load_profile,
    placeholders,
)
from ikeviz.simulation import Simulation, run_pair

IDS = {"omnipcx-office", "strongswan-5.9", "libreswan-4", "cisco-ios", "generic-rfc2409"}
CAPTURES = Path("/work/shared/captures")

LEFT, RIGHT = "192.0.2.1", "198.51.100.1"


def profile(profile_id: str) -> Profile:
    return builtin_profiles()[profile_id]


def gateway(prof: Profile, side: str = "left", **changes: object) -> PeerConfig:
    """A gateway with the profile's default proposals and behaviour."""
    address, peer = (LEFT, RIGHT) if side == "left" else (RIGHT, LEFT)
    local, remote = ("10.1.0.0/24", "10.2.0.0/24") if side == "left" else (
        "10.2.0.0/24", "10.1.0.0/24")
    config = PeerConfig(
        name=f"{prof.id}-{side}", address=address, peer_address=peer, psk=b"classroom",
        local_selector=TrafficSelector(local), remote_selector=TrafficSelector(remote),
        ike_proposals=prof.phase1, child_proposals=prof.phase2, behaviour=prof.behaviour,
    )
    return replace(config, **changes)  # type: ignore[arg-type]


def chosen(sim: Simulation, phase: int, role: Role = Role.RESPONDER) -> ProposalChosen:
    return next(e for e in sim.trace.events
                if isinstance(e, ProposalChosen) and e.phase == phase and e.role is role)


def failure(sim: Simulation, role: Role) -> Failure:
    return next(e for e in sim.trace.events if isinstance(e, Failure) and e.role is role)


def sent(sim: Simulation, role: Role, label: str) -> list[MessageSent]:
    return [e for e in sim.trace.events
            if isinstance(e, MessageSent) and e.role is role and e.label == label]


# --- the files ---------------------------------------------------------------------------


def test_every_builtin_profile_loads_with_its_sources() -> None:
    loaded = builtin_profiles()
    assert set(loaded) == IDS
    assert PROFILES_DIR == Path(profiles_module.__file__).resolve().parents[2] / "resources" / (
        "profiles")
    for profile_id, prof in loaded.items():
        assert prof.id == profile_id
        assert prof.name and prof.product and prof.description
        assert prof.sources, profile_id
        assert prof.assumptions, profile_id
        assert prof.phase1 and prof.phase2, profile_id
        assert prof.state_names in ("libreswan", "cisco", "strongswan")
    assert builtin_profiles() == loaded
    assert builtin_profiles()["cisco-ios"] is loaded["cisco-ios"]  # read once


def test_every_log_template_uses_only_the_allowed_placeholders() -> None:
    sample = {name: f"<{name}>" for name in LOG_PLACEHOLDERS}
    for prof in builtin_profiles().values():
        for key, line in prof.logs:
            assert key in LOG_KEYS, (prof.id, key)
            assert placeholders(line) <= LOG_PLACEHOLDERS, (prof.id, key, line)
            line.format(**sample)  # no stray braces
    strongswan = profile("strongswan-5.9")
    assert set(LOG_KEYS) == {key for key, _ in strongswan.logs}
    assert profile("omnipcx-office").logs == ()  # not documented: no invented lines
    assert strongswan.log_lines("phase1.no_proposal")[-1] == "[IKE] no proposal found"


def _template_regex(template: str) -> re.Pattern[str]:
    out = ""
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        literal = re.escape(literal).replace("ikeviz", r"[\w-]+").replace("…", "[0-9a-f]+")
        out += literal + (".+?" if field is not None else "")
    return re.compile(out + "$")


@pytest.mark.skipif(not CAPTURES.is_dir(), reason="the real strongSwan captures are not here")
def test_strongswan_log_lines_are_the_ones_charon_printed() -> None:
    logged = set()
    for log in CAPTURES.glob("*/*.log"):
        for line in log.read_text(errors="replace").splitlines():
            # "19:56:47 07[IKE] <v1psk|1> text" -> "[IKE] text"
            m = re.match(r"^\S+ \d+(\[\w+\]) (?:<[^>]*> )?(.*)$", line)
            if m:
                logged.add(f"{m.group(1)} {m.group(2)}")
    seen_in_captures = ("phase1.initiate", "phase1.selected", "phase1.no_proposal",
                        "phase1.received_no_proposal", "phase1.psk_mismatch_responder",
                        "phase1.psk_mismatch_initiator", "phase1.established",
                        "phase2.no_proposal", "phase2.received_no_proposal",
                        "phase2.established", "timeout")
    for key, template in profile("strongswan-5.9").logs:
        if key not in seen_in_captures:
            continue
        pattern = _template_regex(template)
        assert any(pattern.match(line) for line in logged), (key, template)


# --- lifetimes ---------------------------------------------------------------------------


def test_cisco_refuses_a_longer_phase1_lifetime_and_takes_a_shorter_one() -> None:
    cisco = profile("cisco-ios")
    assert cisco.behaviour.phase1_lifetime is LifetimePolicy.REJECT_LONGER
    assert cisco.phase1[0].lifetime_seconds == 86400
    longer = (replace(cisco.phase1[0], lifetime_seconds=100000),)
    sim = run_pair(gateway(profile("generic-rfc2409"), ike_proposals=longer),
                   gateway(cisco, "right"))
    assert sim.initiator.state is State.FAILED
    refusal = failure(sim, Role.RESPONDER)
    assert refusal.at == "MM1" and refusal.notify == NotifyType.NO_PROPOSAL_CHOSEN
    assert ("lifetime", "100000 s", "at most 86400 s") in refusal.details

    shorter = (replace(cisco.phase1[0], lifetime_seconds=28800),)
    sim = run_pair(gateway(profile("generic-rfc2409"), ike_proposals=shorter),
                   gateway(cisco, "right"))
    assert sim.trace.established
    assert chosen(sim, 1).lifetime_seconds == 28800


def test_strongswan_accepts_a_longer_phase1_lifetime_and_takes_the_initiators() -> None:
    swan = profile("strongswan-5.9")
    assert swan.phase1[0].lifetime_seconds == 15840
    longer = (replace(swan.phase1[0], lifetime_seconds=86400),)
    sim = run_pair(gateway(profile("cisco-ios"), ike_proposals=longer,
                           child_proposals=swan.phase2), gateway(swan, "right"))
    assert sim.trace.established
    assert chosen(sim, 1).lifetime_seconds == 86400
    longer_child = (replace(swan.phase2[0], lifetime_seconds=28800),)
    sim = run_pair(gateway(swan, child_proposals=longer_child), gateway(swan, "right"))
    assert sim.trace.established and chosen(sim, 2).lifetime_seconds == 28800


def test_libreswan_phase2_takes_the_smaller_lifetime() -> None:
    libre = profile("libreswan-4")
    assert libre.phase2[0].lifetime_seconds == 28800
    for offered, expected in ((86400, 28800), (3600, 3600)):
        child = (replace(libre.phase2[0], lifetime_seconds=offered),)
        sim = run_pair(gateway(libre, child_proposals=child), gateway(libre, "right"))
        assert sim.trace.established, offered
        assert chosen(sim, 2).lifetime_seconds == expected
    # phase 1: accepted, the initiator's value (the 24 h cap is not modelled)
    p1 = (replace(libre.phase1[0], lifetime_seconds=86400),)
    sim = run_pair(gateway(libre, ike_proposals=p1), gateway(libre, "right"))
    assert sim.trace.established and chosen(sim, 1).lifetime_seconds == 86400


def test_generic_rfc2409_wants_equal_lifetimes() -> None:
    generic = profile("generic-rfc2409")
    off_by_one = (replace(generic.phase1[0], lifetime_seconds=28801),)
    sim = run_pair(gateway(generic, ike_proposals=off_by_one), gateway(generic, "right"))
    assert failure(sim, Role.RESPONDER).field == "lifetime"
    shorter_child = (replace(generic.phase2[0], lifetime_seconds=1800),)
    sim = run_pair(gateway(generic, child_proposals=shorter_child), gateway(generic, "right"))
    refusal = failure(sim, Role.RESPONDER)
    assert refusal.at == "QM1" and refusal.field == "lifetime"
    assert run_pair(gateway(generic), gateway(generic, "right")).trace.established


# --- OmniPCX Office ----------------------------------------------------------------------


def test_omnipcx_fixed_settings_match_the_documentation() -> None:
    omni = profile("omnipcx-office")
    assert omni.fixed.main_mode_only and omni.fixed.identity == "wan-address"
    assert omni.fixed.pfs == "always" and omni.fixed.phase2_same_as_phase1
    assert omni.fixed.tunnel_only and omni.fixed.esp_only
    assert omni.supported.auth == ("psk", "rsa")
    assert omni.supported.protocols == (3,) and omni.supported.modes == (1,)
    assert omni.behaviour.pfs is PfsPolicy.REQUIRED and not omni.behaviour.accept_aggressive
    assert omni.phase2[0].pfs_group == omni.phase1[0].group
    assert any("page 673" in a for a in omni.assumptions)


def test_omnipcx_refuses_aggressive_mode() -> None:
    omni = profile("omnipcx-office")
    initiator = gateway(omni, behaviour=replace(Behaviour(), aggressive=True))
    sim = run_pair(initiator, gateway(omni, "right"))
    assert sim.initiator.state is State.FAILED
    refusal = failure(sim, Role.RESPONDER)
    assert refusal.at == "AM1" and refusal.field == "exchange type"
    notify = next(e for e in sim.trace.events if isinstance(e, NotifySent))
    assert notify.role is Role.RESPONDER and notify.notify_type == NotifyType.NO_PROPOSAL_CHOSEN


def test_omnipcx_refuses_quick_mode_without_pfs() -> None:
    omni = profile("omnipcx-office")
    no_pfs = (replace(omni.phase2[0], pfs_group=None),)
    sim = run_pair(gateway(omni, child_proposals=no_pfs), gateway(omni, "right"))
    assert any(isinstance(e, Phase1Established) for e in sim.trace.events)
    assert not sim.trace.established
    refusal = failure(sim, Role.RESPONDER)
    assert refusal.at == "QM1" and refusal.field == "PFS"
    assert refusal.notify == NotifyType.NO_PROPOSAL_CHOSEN


def test_omnipcx_identities_are_the_wan_addresses() -> None:
    omni = profile("omnipcx-office")
    wan = Identity(IdType.IPV4_ADDR, "")  # "" = the peer's WAN address
    responder = gateway(omni, "right", peer_identity=wan)
    assert run_pair(gateway(omni, peer_identity=wan), responder).trace.established
    fqdn = gateway(omni, identity=Identity(IdType.FQDN, "gw.example.net"))
    sim = run_pair(fqdn, responder)
    refusal = failure(sim, Role.RESPONDER)
    assert refusal.at == "MM5" and refusal.field == "identification"


@pytest.mark.parametrize("omnipcx_initiates", [True, False])
def test_omnipcx_defaults_establish_with_strongswan_set_to_the_same_algorithms(
        omnipcx_initiates: bool) -> None:
    omni, swan = profile("omnipcx-office"), profile("strongswan-5.9")
    wan = Identity(IdType.IPV4_ADDR, "")
    omni_side, swan_side = ("left", "right") if omnipcx_initiates else ("right", "left")
    omni_gw = gateway(omni, omni_side, peer_identity=wan)
    swan_gw = gateway(swan, swan_side, ike_proposals=omni.phase1,
                      child_proposals=omni.phase2, peer_identity=wan)
    sim = run_pair(*((omni_gw, swan_gw) if omnipcx_initiates else (swan_gw, omni_gw)))
    assert sim.trace.established
    p2 = next(e for e in sim.trace.events if isinstance(e, Phase2Established))
    assert p2.pfs_group == 2 and p2.encapsulation == 1
    # ...and strongSwan's own defaults do not: AES / MODP-2048 is outside the OmniPCX's list
    sim = run_pair(gateway(swan), gateway(omni, "right"))
    assert failure(sim, Role.RESPONDER).at == "MM1"


# --- preference and PFS ------------------------------------------------------------------

A = IkeProposal(encryption=EncryptionAlgorithm.AES_CBC, key_length=128,
                hash=HashAlgorithm.SHA, group=14, auth_method=AuthMethod.PSK,
                lifetime_seconds=28800)
B = IkeProposal(encryption=EncryptionAlgorithm.TRIPLE_DES_CBC, key_length=None,
                hash=HashAlgorithm.SHA, group=2, auth_method=AuthMethod.PSK,
                lifetime_seconds=28800)
ESP_AES = EspTransform(EspTransformId.ESP_AES, 128, 2)
ESP_3DES = EspTransform(EspTransformId.ESP_3DES, None, 2)


@pytest.mark.parametrize("profile_id", sorted(IDS))
def test_preference_order_decides_between_two_acceptable_offers(profile_id: str) -> None:
    prof = profile(profile_id)
    responder_first = prof.behaviour.preference is PreferenceOrder.RESPONDER
    # The responder prefers A then B; the initiator offers B then A.
    child_a = ChildProposal(transforms=(ESP_AES,), pfs_group=None, lifetime_seconds=3600)
    child_b = ChildProposal(transforms=(ESP_3DES,), pfs_group=None, lifetime_seconds=3600)
    responder = gateway(prof, "right", ike_proposals=(A, B), child_proposals=(child_a, child_b),
                        behaviour=replace(prof.behaviour, pfs=PfsPolicy.AS_CONFIGURED))
    initiator = gateway(profile("generic-rfc2409"), ike_proposals=(B, A),
                        child_proposals=(child_b, child_a))
    sim = run_pair(initiator, responder)
    assert sim.trace.established
    expected = A if responder_first else B
    assert sim.responder.p1.chosen == expected
    p2 = next(e for e in sim.trace.events if isinstance(e, Phase2Established))
    assert ("AES" in p2.transform) is responder_first


def test_stated_preferences() -> None:
    prefs = {pid: p.behaviour.preference for pid, p in builtin_profiles().items()}
    assert prefs["strongswan-5.9"] is PreferenceOrder.RESPONDER
    assert prefs["cisco-ios"] is PreferenceOrder.RESPONDER  # own policies by priority
    assert prefs["libreswan-4"] is PreferenceOrder.INITIATOR
    assert prefs["generic-rfc2409"] is PreferenceOrder.INITIATOR


def test_pfs_policies() -> None:
    swan, cisco = profile("strongswan-5.9"), profile("cisco-ios")
    with_pfs = (replace(cisco.phase2[0], pfs_group=2),)
    # Cisco without "set pfs" accepts an offer with PFS...
    sim = run_pair(gateway(cisco, child_proposals=with_pfs), gateway(cisco, "right"))
    assert sim.trace.established
    # ...strongSwan configured without PFS does not (the group must be as configured).
    swan_pfs = (replace(swan.phase2[0], pfs_group=14),)
    sim = run_pair(gateway(swan, child_proposals=swan_pfs), gateway(swan, "right"))
    assert failure(sim, Role.RESPONDER).field == "PFS group"
    # Libreswan (pfs=yes) refuses an offer without PFS.
    libre = profile("libreswan-4")
    no_pfs = (replace(libre.phase2[0], pfs_group=None),)
    sim = run_pair(gateway(libre, child_proposals=no_pfs), gateway(libre, "right"))
    assert failure(sim, Role.RESPONDER).at == "QM1"


# --- every profile against itself, retransmissions, Vendor IDs -----------------------------


@pytest.mark.parametrize("profile_id", sorted(IDS))
def test_default_proposals_establish_against_the_same_product(profile_id: str) -> None:
    prof = profile(profile_id)
    sim = run_pair(gateway(prof), gateway(prof, "right"))
    assert sim.trace.established


@pytest.mark.parametrize("profile_id", sorted(IDS))
def test_retransmission_timing_is_the_stated_one(profile_id: str) -> None:
    prof = profile(profile_id)
    b = prof.behaviour
    sim = run_pair(gateway(prof), gateway(prof, "right", psk=b"not the same"))
    mm5 = sent(sim, Role.INITIATOR, "MM5")
    assert len(mm5) == 1 + b.retransmit_tries
    gaps = [later.time - earlier.time for earlier, later in zip(mm5, mm5[1:], strict=False)]
    expected = [b.retransmit_timeout * b.retransmit_base ** n for n in range(b.retransmit_tries)]
    assert gaps == pytest.approx(expected)
    gave_up = next(e for e in sim.trace.events if isinstance(e, GaveUp))
    assert gave_up.attempts == b.retransmit_tries
    assert gave_up.time - mm5[-1].time == pytest.approx(
        b.retransmit_timeout * b.retransmit_base ** b.retransmit_tries)


def test_vendor_ids_in_mm1_are_the_stated_ones() -> None:
    for prof in builtin_profiles().values():
        sim = run_pair(gateway(prof), gateway(prof, "right"))
        mm1 = sent(sim, Role.INITIATOR, "MM1")[0]
        vids = [identify_vendor_id(p.data) for p in mm1.payloads if isinstance(p, VendorId)]
        expected = list(prof.behaviour.send_vendor_ids)
        rfc3947 = "RFC 3947 Negotiation of NAT-Traversal in the IKE"
        if prof.behaviour.nat_traversal and rfc3947 not in expected:
            expected.append(rfc3947)
        assert vids == expected, prof.id
    # strongSwan 5.9.8 in the reference captures: XAuth, DPD, RFC 3947, draft-02\n
    assert profile("strongswan-5.9").behaviour.send_vendor_ids == (
        "XAUTH", "RFC 3706 DPD (Dead Peer Detection)",
        "RFC 3947 Negotiation of NAT-Traversal in the IKE", "draft-ietf-ipsec-nat-t-ike-02\\n")


# --- strict loading ------------------------------------------------------------------------

MINIMAL = """\
id = "{id}"
name = "Test"
product = "Test"
description = "A test profile."
"""


def write(tmp_path: Path, body: str, profile_id: str = "test") -> Path:
    path = tmp_path / f"{profile_id}.toml"
    path.write_text(MINIMAL.format(id=profile_id) + body, encoding="utf-8")
    return path


def test_a_minimal_profile_gets_the_defaults(tmp_path: Path) -> None:
    prof = load_profile(write(tmp_path, ""))
    assert prof.behaviour == Behaviour() and prof.logs == () and prof.phase1 == ()


@pytest.mark.parametrize(("body", "key", "problem"), [
    ("colour = 'blue'\n", "colour", "unknown key"),
    ("[behaviour]\npreference = 'both'\n", "behaviour.preference", "unknown value 'both'"),
    ("[behaviour]\nphase1_lifetime = 'longest'\n", "behaviour.phase1_lifetime", "unknown value"),
    ("[behaviour]\nretransmit_tries = 2.5\n", "behaviour.retransmit_tries", "integer"),
    ("[behaviour]\naccept_aggressive = 'yes'\n", "behaviour.accept_aggressive", "true or false"),
    ("[behaviour]\nspeed = 3\n", "behaviour.speed", "unknown key"),
    ("[behaviour]\nsend_vendor_ids = ['Nobody VPN']\n", "behaviour.send_vendor_ids[0]",
     "unknown Vendor ID"),
    ("[supported]\nhash = ['sha1', 'whirlpool']\n", "supported.hash[1]", "unknown value"),
    ("[supported]\ngroups = [2, 3]\n", "supported.groups[1]", "unknown DH group 3"),
    ("[supported]\nauth = ['psk', 'kerberos']\n", "supported.auth[1]", "unknown value"),
    ("[fixed]\npfs = 'sometimes'\n", "fixed.pfs", "unknown value"),
    ("[[phase1]]\nencryption = 'aes-cbc'\nhash = 'sha1'\ngroup = 14\nauth = 'psk'\n",
     "phase1[0].key_length", "AES needs a key length"),
    ("[[phase1]]\nencryption = 'des-cbc'\nhash = 'sha1'\ngroup = 2\nauth = 'psk'\n"
     "lifetime = '8h'\n", "phase1[0].lifetime", "integer"),
    ("[[phase2]]\npfs_group = 2\n", "phase2[0].transforms", "missing"),
    ("[[phase2]]\n[[phase2.transforms]]\nencryption = 'des-cbc'\nintegrity = 'hmac-md5'\n",
     "phase2[0].pfs_group", "missing"),
    ("[[phase2]]\npfs_group = 'off'\n[[phase2.transforms]]\nencryption = 'des-cbc'\n"
     "integrity = 'hmac-md5'\n", "phase2[0].pfs_group", "must be an integer"),
    ("[[phase2]]\npfs_group = 2\n[[phase2.transforms]]\nencryption = 'rc4'\n"
     "integrity = 'hmac-sha1'\n",
     "phase2[0].transforms[0].encryption", "unknown value 'rc4'"),
    ("[logs]\n'phase1.hello' = ['hi']\n", "logs.phase1.hello", "unknown log event"),
    ("[logs]\ntimeout = ['gave up after {attempts} tries']\n", "logs.timeout[0]",
     "unknown placeholder {attempts}"),
    ("[logs]\ntimeout = ['gave up {']\n", "logs.timeout[0]", "bad template"),
    ("state_names = 'racoon'\n", "state_names", "unknown value"),
    ("[supported]\ngroups = [2]\n[[phase1]]\nencryption = 'des-cbc'\nhash = 'sha1'\n"
     "group = 14\nauth = 'psk'\n", "phase1[0].group", "not in supported.groups"),
    ("[fixed]\npfs = 'always'\n[[phase2]]\npfs_group = 'none'\n[[phase2.transforms]]\n"
     "encryption = 'des-cbc'\n"
     "integrity = 'hmac-sha1'\n", "phase2[0].pfs_group", "fixed.pfs"),
    ("[fixed]\nmain_mode_only = true\n[behaviour]\naccept_aggressive = true\n",
     "behaviour.accept_aggressive", "main_mode_only"),
])
def test_profile_errors_name_the_file_and_the_key(tmp_path: Path, body: str, key: str,
                                                  problem: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    message = str(info.value)
    assert str(path) in message and f": {key}: " in message and problem in message, message
    assert info.value.key == key and info.value.path == path


def test_id_must_be_the_file_name_and_the_file_valid_toml(tmp_path: Path) -> None:
    path = write(tmp_path, "", profile_id="test")
    renamed = path.rename(tmp_path / "other.toml")
    with pytest.raises(ProfileError, match=r"other\.toml: id: 'test' must be the file name"):
        load_profile(renamed)
    broken = tmp_path / "broken.toml"
    broken.write_text("id = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"broken\.toml: not valid TOML"):
        load_profile(broken)
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "missing.toml")


def test_an_override_directory_replaces_the_builtin_one(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(PROFILES_DIR / "cisco-ios.toml", tmp_path / "cisco-ios.toml")
    write(tmp_path, "", profile_id="lab")
    assert set(builtin_profiles(tmp_path)) == {"cisco-ios", "lab"}
    monkeypatch.setenv("IKEVIZ_PROFILES_DIR", str(tmp_path))
    assert set(builtin_profiles()) == {"cisco-ios", "lab"}
    monkeypatch.delenv("IKEVIZ_PROFILES_DIR")
    assert set(builtin_profiles()) == IDS
    with pytest.raises(ProfileError, match="no such profile directory"):
        builtin_profiles(tmp_path / "nowhere")
