"""The engine between two in-process peers: success, every classic failure, policies."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ikeviz.protocol.codec import decode_message
from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
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
    MessageUnreadable,
    NatDetected,
    NotifyReceived,
    NotifySent,
    Phase1Established,
    Phase2Established,
    ProposalChosen,
)
from ikeviz.protocol.registry import NotifyType
from ikeviz.protocol.states import TRANSITIONS, State, state_diagram_dot
from ikeviz.simulation import Nat, Simulation, run_pair

FAST = Behaviour(retransmit_timeout=1.0, retransmit_base=1.5, retransmit_tries=2)


def pair(**changes: object) -> tuple[PeerConfig, PeerConfig]:
    left = PeerConfig(
        name="left", address="192.0.2.1", peer_address="198.51.100.1", psk=b"classroom",
        local_selector=TrafficSelector("10.1.0.0/24"),
        remote_selector=TrafficSelector("10.2.0.0/24"), behaviour=FAST,
    )
    right = PeerConfig(
        name="right", address="198.51.100.1", peer_address="192.0.2.1", psk=b"classroom",
        local_selector=TrafficSelector("10.2.0.0/24"),
        remote_selector=TrafficSelector("10.1.0.0/24"), behaviour=FAST,
    )
    return left, right


def sent(simulation: Simulation, role: Role) -> list[MessageSent]:
    return [e for e in simulation.trace.events if isinstance(e, MessageSent) and e.role is role]


def failures(simulation: Simulation) -> list[Failure]:
    return [e for e in simulation.trace.events if isinstance(e, Failure)]


def test_main_mode_and_quick_mode_establish_with_the_same_keys() -> None:
    sim = run_pair(*pair())
    assert sim.trace.established
    labels = [e.label for e in sim.trace.events if isinstance(e, MessageSent)]
    assert labels == ["MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"]
    i, r = sim.initiator, sim.responder
    assert i.p1.g_xy == r.p1.g_xy
    assert i.p1.keys is not None and r.p1.keys is not None
    assert i.p1.keys.encryption_key == r.p1.keys.encryption_key
    assert i.child_keys == r.child_keys
    p2 = [e for e in sim.trace.events if isinstance(e, Phase2Established)]
    assert len(p2) == 2 and p2[0].keys.initiator_to_responder.spi == r.qm.spi_r  # type: ignore[union-attr]
    # MM5 onwards are encrypted; the ID inside MM5 is the initiator's address.
    mm5 = sent(sim, Role.INITIATOR)[2]
    assert mm5.label == "MM5" and mm5.message.header.encrypted
    assert mm5.payloads[0].text() == "192.0.2.1"  # type: ignore[union-attr]


def _digest(seed: int) -> str:
    sim = run_pair(*pair(), seed=seed)
    h = hashlib.sha256()
    for event in sim.trace.events:
        if isinstance(event, MessageSent):
            h.update(event.data)
    return h.hexdigest()


def test_same_seed_same_bytes_in_this_and_another_process() -> None:
    here = _digest(7)
    assert here == _digest(7)
    assert here != _digest(8)
    code = "from tests.test_peer import _digest; print(_digest(7))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=120).stdout.strip()
    assert other == here


def test_phase1_dh_group_mismatch_is_refused_in_clear_answering_mm1() -> None:
    left, right = pair()
    left = replace(left, ike_proposals=(IkeProposal(group=14),))
    right = replace(right, ike_proposals=(IkeProposal(group=2),))
    sim = run_pair(left, right)
    assert sim.initiator.state is State.FAILED
    refusal = [e for e in sim.trace.events if isinstance(e, NotifySent)]
    assert refusal and refusal[0].role is Role.RESPONDER
    assert refusal[0].notify_type == NotifyType.NO_PROPOSAL_CHOSEN and not refusal[0].encrypted
    info = sent(sim, Role.RESPONDER)[-1]
    assert info.label == "INFO" and not info.message.header.encrypted
    notify = info.payloads[0]
    assert notify.spi == info.message.header.icookie + info.message.header.rcookie  # type: ignore[union-attr]
    responder_failure = [f for f in failures(sim) if f.role is Role.RESPONDER][0]
    assert responder_failure.at == "MM1"
    assert ("DH group", "2048-bit MODP group (14)", "Alternate 1024-bit MODP group (2)") in (
        responder_failure.details
    ) or responder_failure.field == "DH group"
    initiator_failure = [f for f in failures(sim) if f.role is Role.INITIATOR][0]
    assert initiator_failure.at == "MM1" and initiator_failure.notify == 14


def test_wrong_psk_makes_mm5_unreadable_and_the_initiator_gives_up() -> None:
    left, right = pair()
    sim = run_pair(left, replace(right, psk=b"other"))
    assert sim.initiator.state is State.FAILED
    responder_sent = [e.label for e in sent(sim, Role.RESPONDER)]
    initiator_sent = [e.label for e in sent(sim, Role.INITIATOR)]
    assert initiator_sent == ["MM1", "MM3", "MM5", "MM5", "MM5"]
    assert responder_sent == ["MM2", "MM4", "INFO", "INFO", "INFO"]
    notifies = [e for e in sim.trace.events if isinstance(e, NotifySent)]
    assert {n.notify_type for n in notifies} == {NotifyType.PAYLOAD_MALFORMED}
    assert all(n.encrypted for n in notifies)
    unreadable = [e for e in sim.trace.events if isinstance(e, MessageUnreadable)
                  and e.role is Role.INITIATOR]
    assert unreadable and "pre-shared keys" in unreadable[0].likely
    assert any(isinstance(e, GaveUp) for e in sim.trace.events)
    assert sim.trace.end_time == pytest.approx(0.04 + 1.0 + 1.5 + 2.25, abs=0.05)


def test_phase2_transform_mismatch_is_an_encrypted_no_proposal_chosen() -> None:
    left, right = pair()
    right = replace(right, child_proposals=(ChildProposal(
        transforms=(EspTransform(transform_id=3, key_length=None, auth_algorithm=1),)),))
    sim = run_pair(left, right)
    assert sim.initiator.state is State.FAILED
    info = sent(sim, Role.RESPONDER)[-1]
    assert info.label == "INFO" and info.message.header.encrypted
    assert info.payloads[1].notify_type == NotifyType.NO_PROPOSAL_CHOSEN  # type: ignore[union-attr]
    assert info.payloads[1].protocol_id == 3 and info.payloads[1].spi == bytes(4)  # type: ignore[union-attr]
    got = [e for e in sim.trace.events if isinstance(e, NotifyReceived)]
    assert got and got[0].role is Role.INITIATOR and got[0].at == "QM1"
    responder_failure = [f for f in failures(sim) if f.role is Role.RESPONDER][0]
    assert responder_failure.at == "QM1" and responder_failure.field == "ESP transform"


def test_traffic_selector_mismatch_is_invalid_id_information() -> None:
    left, right = pair()
    sim = run_pair(left, replace(right, remote_selector=TrafficSelector("10.9.0.0/24")))
    notify = [e for e in sim.trace.events if isinstance(e, NotifySent)][0]
    assert notify.notify_type == NotifyType.INVALID_ID_INFORMATION and notify.at == "QM1"
    assert sim.initiator.state is State.FAILED


def test_pfs_required_against_a_peer_without_pfs() -> None:
    left, right = pair()
    left = replace(left, child_proposals=(ChildProposal(pfs_group=None),))
    right = replace(right, behaviour=replace(FAST, pfs=PfsPolicy.REQUIRED))
    sim = run_pair(left, right)
    failure = [f for f in failures(sim) if f.role is Role.RESPONDER][0]
    assert failure.at == "QM1" and failure.field == "PFS"
    assert failure.notify == NotifyType.NO_PROPOSAL_CHOSEN


def test_no_pfs_on_both_sides_establishes() -> None:
    left, right = pair()
    child = (ChildProposal(pfs_group=None),)
    sim = run_pair(replace(left, child_proposals=child), replace(right, child_proposals=child))
    assert sim.trace.established
    assert sim.initiator.qm is not None and sim.initiator.qm.g_qm_xy is None


@pytest.mark.parametrize(
    ("policy", "established", "lifetime"),
    [
        (LifetimePolicy.ACCEPT, True, 28800),
        (LifetimePolicy.SMALLER, True, 3600),
        (LifetimePolicy.REJECT_LONGER, False, None),
        (LifetimePolicy.EXACT, False, None),
    ],
)
def test_phase1_lifetime_policies(policy: LifetimePolicy, established: bool,
                                  lifetime: int | None) -> None:
    left, right = pair()
    left = replace(left, ike_proposals=(IkeProposal(lifetime_seconds=28800),))
    right = replace(right, ike_proposals=(IkeProposal(lifetime_seconds=3600),),
                    behaviour=replace(FAST, phase1_lifetime=policy))
    sim = run_pair(left, right)
    assert sim.trace.established is established
    if established:
        chosen = [e for e in sim.trace.events if isinstance(e, ProposalChosen)
                  and e.role is Role.RESPONDER and e.phase == 1][0]
        assert chosen.lifetime_seconds == lifetime
    else:
        failure = [f for f in failures(sim) if f.role is Role.RESPONDER][0]
        assert failure.field == "lifetime" and failure.at == "MM1"


def test_phase2_claim_sends_responder_lifetime() -> None:
    left, right = pair()
    left = replace(left, child_proposals=(ChildProposal(lifetime_seconds=28800),))
    right = replace(right, child_proposals=(ChildProposal(lifetime_seconds=3600),),
                    behaviour=replace(FAST, phase2_lifetime=LifetimePolicy.CLAIM))
    sim = run_pair(left, right)
    assert sim.trace.established
    qm2 = sent(sim, Role.RESPONDER)[-1]
    assert any(getattr(p, "notify_type", 0) == NotifyType.RESPONDER_LIFETIME
               for p in qm2.payloads)
    assert sim.initiator.qm is not None and sim.initiator.qm.lifetime == 3600


def test_second_proposal_chosen_and_preference_order() -> None:
    left, right = pair()
    offers = (IkeProposal(encryption=7, key_length=256, hash=4, group=14),
              IkeProposal(encryption=5, key_length=None, hash=2, group=2))
    left = replace(left, ike_proposals=offers)
    right = replace(right, ike_proposals=(offers[1], offers[0]))
    sim = run_pair(left, replace(right, behaviour=replace(
        FAST, preference=PreferenceOrder.RESPONDER)))
    assert sim.trace.established and sim.responder.p1.chosen == offers[1]
    sim = run_pair(left, replace(right, behaviour=replace(
        FAST, preference=PreferenceOrder.INITIATOR)))
    assert sim.trace.established and sim.responder.p1.chosen == offers[0]


def test_3des_sha1_key_is_expanded_to_24_bytes() -> None:
    left, right = pair()
    ike = (IkeProposal(encryption=5, key_length=None, hash=2, group=2),)
    sim = run_pair(replace(left, ike_proposals=ike), replace(right, ike_proposals=ike))
    assert sim.trace.established
    keys = sim.initiator.p1.keys
    assert keys is not None and len(keys.skeyid_e) == 20 and len(keys.encryption_key) == 24
    assert any(d.name.startswith("K") or "App. B" in d.rfc for d in keys.derivations)


def test_nat_between_the_gateways_floats_to_4500() -> None:
    left, right = pair()
    right = replace(right, peer_address="203.0.113.7")
    sim = run_pair(left, right, nat=Nat("203.0.113.7"))
    assert sim.trace.established
    nat = [e for e in sim.trace.events if isinstance(e, NatDetected)]
    assert nat and nat[0].local_behind_nat is False and nat[0].remote_behind_nat is True
    mm5 = [e for e in sent(sim, Role.INITIATOR) if e.label == "MM5"][0]
    assert mm5.datagram.destination.port == 4500 and mm5.datagram.data[:4] == bytes(4)
    assert decode_message(mm5.datagram.data[4:]).header.encrypted
    qm1 = [e for e in sent(sim, Role.INITIATOR) if e.label == "QM1"][0]
    sa = qm1.payloads[1]
    assert sa.proposals[0].transforms[0].attribute(4).value == 3  # type: ignore[union-attr]


def _rsa_pair() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    private = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def test_rsa_signatures_with_raw_keys() -> None:
    left, right = pair()
    (lpriv, lpub), (rpriv, rpub) = _rsa_pair(), _rsa_pair()
    ike = (IkeProposal(auth_method=3),)
    left = replace(left, psk=None, ike_proposals=ike, private_key_pem=lpriv,
                   peer_public_key_pem=rpub)
    right = replace(right, psk=None, ike_proposals=ike, private_key_pem=rpriv,
                    peer_public_key_pem=lpub)
    sim = run_pair(left, right)
    assert sim.trace.established
    mm5 = [e for e in sent(sim, Role.INITIATOR) if e.label == "MM5"][0]
    assert [p.payload_type for p in mm5.payloads][:2] == [5, 9]
    wrong = run_pair(left, replace(right, peer_public_key_pem=rpub))
    failure = [f for f in failures(wrong) if f.role is Role.RESPONDER][0]
    assert failure.notify == NotifyType.INVALID_SIGNATURE and failure.at == "MM5"


def test_aggressive_mode_against_a_main_mode_only_gateway() -> None:
    left, right = pair()
    left = replace(left, behaviour=replace(FAST, aggressive=True))
    sim = run_pair(left, right)
    assert sim.initiator.state is State.FAILED
    assert [e.label for e in sent(sim, Role.INITIATOR)] == ["AM1"]
    failure = [f for f in failures(sim) if f.role is Role.RESPONDER][0]
    assert failure.at == "AM1" and failure.remote == "Aggressive (4)"


def test_delete_closes_both_sides() -> None:
    sim = Simulation(*pair())
    trace = sim.run(until_established_then_delete=True)
    assert trace.initiator_state is State.DELETED
    assert trace.responder_state is State.DELETED
    labels = [e.label for e in sent(sim, Role.INITIATOR)]
    assert labels[-2:] == ["INFO (delete ESP)", "INFO (delete ISAKMP)"]


def test_phase1_established_event_carries_keys() -> None:
    sim = run_pair(*pair())
    ev = [e for e in sim.trace.events if isinstance(e, Phase1Established)]
    assert len(ev) == 2 and ev[0].skeyid == ev[1].skeyid
    assert ev[0].remote_identity in ("192.0.2.1", "198.51.100.1")


def test_state_table_reaches_every_state_and_draws() -> None:
    targets = {t for t in TRANSITIONS.values()} | {State.IDLE, State.WAIT_MM1}
    assert targets == set(State)
    dot = state_diagram_dot()
    for state in State:
        assert state.name in dot
    assert State.WAIT_MM2.log_name("libreswan") == "STATE_MAIN_I1"
    assert State.WAIT_MM6.log_name("cisco") == "MM_KEY_EXCH"
    assert State.ESTABLISHED.log_name("libreswan", responder=True) == "STATE_QUICK_R2"
