"""The engine's newer features against a real strongSwan charon 5.9.8.

* X.509 certificates (RFC 2409 §5.1 with CERT and CR payloads): charon authenticates
  with ``auth = pubkey`` and a certificate of a CA made here with ``cryptography``; the
  files are written into charon's work directory, beside its swanctl.conf, and loaded
  with ``swanctl --load-all`` (the harness is unchanged).
  Both roles: both sides establish, every value charon logs equals ours (SKEYID from
  the nonces and g^xy, HASH_I/HASH_R, IVs, Quick Mode hashes and keys), charon's SIG
  verifies with its certificate over its own HASH, ours is the PKCS#1 type-1 signature
  of the HASH charon computed, and charon sent its certificate because we asked (CR).
  Negative: charon refuses our expired certificate; we refuse charon's certificate of
  a CA we do not trust.
* Aggressive Mode with a pre-shared key (RFC 2409 §5.4), both roles: charon needs
  ``charon.i_dont_care_about_security_and_use_aggressive_mode_psk`` to answer it.
  Same value comparison; what charon puts in AM3 (it is encrypted: HDR*).
* AH (RFC 2409 §5.5 KEYMAT with protocol 2, integrity keys only), tunnel and transport
  mode, our engine initiating and charon choosing AH from ``ah_proposals = sha1``.
* The commit bit (RFC 2408 §3.1): charon 5.9.8 neither sets nor echoes it and sends no
  CONNECTED; our initiator that set it therefore sends CONNECTED itself, our responder
  that set it sends CONNECTED after QM3; charon keeps its SA in both cases.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import time
from collections.abc import Callable, Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ikeviz.protocol import rsasig
from ikeviz.protocol.codec import Certificate, CertificateRequest, Hash, Signature
from ikeviz.protocol.config import (
    ChildProposal,
    EspTransform,
    Identity,
    IkeProposal,
    PeerConfig,
    Role,
)
from ikeviz.protocol.events import (
    Event,
    Failure,
    MessageReceived,
    MessageSent,
    NotifyReceived,
)
from ikeviz.protocol.registry import (
    AhTransformId,
    AuthAlgorithm,
    AuthMethod,
    EncapsulationMode,
    IdType,
    NotifyType,
    ProtocolId,
)
from ikeviz.protocol.states import State

from .charon import CharonLab, IkeSaLog
from .test_engine_vs_charon import (
    BEHAVIOUR,
    CHARON_BASE,
    REQUIRED_ALWAYS,
    SUITES,
    Compared,
    EngineRun,
    _derived,
    _describe_run,
    _need_shim,
    _present,
    assert_all_equal,
    compare_values,
    engine_config,
    run_engine,
)

REPORT: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def _print_report() -> Iterator[None]:
    yield
    if REPORT:
        print("\n" + "\n".join(REPORT))


SUITE = SUITES["aes128-sha1-modp2048-nopfs"]

# --- a PKI for the lab -----------------------------------------------------------------

CHARON_DN = "C=CH, O=ikeviz lab, CN=charon.gw"
ENGINE_DN = "C=CH, O=ikeviz lab, CN=engine.gw"


def _name(cn: str, org: str = "ikeviz lab") -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CH"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _utc(year: int) -> datetime.datetime:
    return datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)


@dataclasses.dataclass(frozen=True)
class Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())


def _ca(cn: str, org: str) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org)).issuer_name(_name(cn, org))
        .public_key(key.public_key()).serial_number(1)
        .not_valid_before(_utc(2020)).not_valid_after(_utc(2045))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key)


def _end(ca: Issued, cn: str, serial: int, valid: tuple[int, int] = (2020, 2045)) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn)).issuer_name(ca.cert.subject)
        .public_key(key.public_key()).serial_number(serial)
        .not_valid_before(_utc(valid[0])).not_valid_after(_utc(valid[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(cert, key)


@dataclasses.dataclass(frozen=True)
class LabPki:
    ca: Issued
    other_ca: Issued
    charon: Issued
    engine: Issued
    engine_expired: Issued
    charon_foreign: Issued  # charon.gw, issued by the other CA


@pytest.fixture(scope="module")
def lab_pki() -> LabPki:
    ca = _ca("ikeviz lab CA", "ikeviz lab")
    other = _ca("another CA", "elsewhere")
    return LabPki(
        ca=ca,
        other_ca=other,
        charon=_end(ca, "charon.gw", 2),
        engine=_end(ca, "engine.gw", 3),
        engine_expired=_end(ca, "engine.gw", 4, valid=(2020, 2021)),
        charon_foreign=_end(other, "charon.gw", 5),
    )


def load_certificate_config(lab: CharonLab, pki: LabPki, charon_cert: Issued) -> None:
    """Switch the lab's loaded PSK connection to certificates: write charon's
    certificate, key and CA into its work directory (swanctl --file takes x509/,
    x509ca/, private/... from the directory of the file), rewrite its swanctl.conf with
    ``auth = pubkey`` on both ends and load it again."""
    peer = lab.peer
    base = peer.workdir
    for sub in ("x509", "x509ca", "private"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    (base / "x509" / "charon.pem").write_bytes(charon_cert.pem)
    (base / "x509ca" / "ca.pem").write_bytes(pki.ca.pem)
    (base / "private" / "charon.key").write_bytes(charon_cert.key_pem)
    text = peer.config.swanctl_conf()
    text = re.sub(
        r"    local \{\n      auth = psk\n      id = [^\n]*\n    \}\n"
        r"    remote \{\n      auth = psk\n      id = [^\n]*\n    \}\n",
        "    local {\n      auth = pubkey\n      certs = charon.pem\n"
        f'      id = "{CHARON_DN}"\n    }}\n'
        "    remote {\n      auth = pubkey\n      cacerts = ca.pem\n"
        f'      id = "{ENGINE_DN}"\n    }}\n',
        text,
    )
    text = text[: text.index("secrets {")]
    assert "auth = pubkey" in text, text
    peer.swanctl_conf_path.write_text(text)
    out = peer.load()
    assert "loaded private key" in out and "loaded connection" in out, out


def cert_engine_config(pki: LabPki, mine: Issued, suite_ike: IkeProposal,
                       child: ChildProposal) -> PeerConfig:
    config = engine_config(suite_ike, child)
    return dataclasses.replace(
        config,
        psk=None,
        identity=Identity(),  # the certificate's subject, as charon's default
        peer_identity=Identity(IdType.DER_ASN1_DN, CHARON_DN),
        ike_proposals=(dataclasses.replace(suite_ike, auth_method=AuthMethod.RSA_SIG),),
        certificate_pem=mine.pem,
        private_key_pem=mine.key_pem,
        peer_ca_pem=pki.ca.pem,
        now_epoch=int(time.time()),
    )


def _messages(events: list[Event], label: str) -> list[MessageSent | MessageReceived]:
    return [e for e in events if isinstance(e, MessageSent | MessageReceived)
            and e.label == label and not getattr(e, "retransmission", 0)]


def _payload_rows(sa: IkeSaLog, run: EngineRun, labels: dict[str, str]) -> list[Compared]:
    """compare_values without its Main-Mode-HASH-payload rows; ``labels`` says in which
    message of this run HASH_I and HASH_R travelled."""
    rows = [r for r in compare_values(sa, run)
            if not r.name.endswith(("(the MM5 HASH payload)", "(the MM6 HASH payload)"))]
    for name, label in labels.items():
        wire = [p.data for e in _messages(run.events, label) for p in e.payloads
                if isinstance(p, Hash)]
        rows.append(Compared(f"{name} (the {label} HASH payload)", sa.first(name),
                             wire[0] if wire else None))
    return rows


def _check_positive(lab: CharonLab, run: EngineRun, role: Role, labels: dict[str, str],
                    *, hashes_on_wire: bool) -> tuple[IkeSaLog, list[Compared]]:
    charon = lab.peer
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    charon.wait_established(timeout=5)
    if role is Role.RESPONDER:
        rc, out = charon.wait_initiate(timeout=10)
        assert rc == 0, out
    log = charon.log()
    sa = log.sa()
    assert sa.established
    rows = _payload_rows(sa, run, labels if hashes_on_wire else {})
    for row in rows:
        if "HASH payload" in row.name:
            assert _present(row.charon) and _present(row.ours), row
    required = [n for n in REQUIRED_ALWAYS if n != "Quick Mode DH secret (g(qm)^xy)"]
    names = {r.name: r for r in rows}
    missing = [n for n in required if n not in names or not _present(names[n].charon)]
    assert not missing, f"charon did not log {missing}"
    return sa, rows


# --- certificates --------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.INITIATOR, Role.RESPONDER], ids=lambda r: r.value)
def test_certificates_with_charon(
    charon_lab: Callable[..., CharonLab], lab_pki: LabPki, role: Role,
) -> None:
    _need_shim()
    cfg = dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                              esp_proposals=[SUITE.charon_esp])
    lab = charon_lab(cfg, shim=True)
    load_certificate_config(lab, lab_pki, lab_pki.charon)
    config = cert_engine_config(lab_pki, lab_pki.engine, SUITE.ike, SUITE.child)
    run = run_engine(lab, config, role, f"certs/{role.value}")
    sa, rows = _check_positive(lab, run, role, {}, hashes_on_wire=False)
    assert_all_equal(rows, f"certificates, engine as {role.value}")
    charon_log = lab.peer.log()

    # the signatures: ours is sign(our key, the HASH charon computed for us); charon's
    # verifies with its certificate's key over the HASH it logged for itself
    ours, theirs = ("HASH_I", "HASH_R") if role is Role.INITIATOR else ("HASH_R", "HASH_I")
    own_label, peer_label = ("MM5", "MM6") if role is Role.INITIATOR else ("MM6", "MM5")
    charon_hash_ours, charon_hash_theirs = sa.first(ours), sa.first(theirs)
    assert charon_hash_ours and charon_hash_theirs
    (own,) = _messages(run.events, own_label)
    (peer,) = _messages(run.events, peer_label)
    own_sig = next(p for p in own.payloads if isinstance(p, Signature))
    peer_sig = next(p for p in peer.payloads if isinstance(p, Signature))
    assert own_sig.data == rsasig.sign(lab_pki.engine.key_pem, charon_hash_ours)
    charon_key = lab_pki.charon.cert.public_key()
    assert isinstance(charon_key, rsa.RSAPublicKey)
    assert rsasig.verify_with_key(charon_key, charon_hash_theirs, peer_sig.data)
    # our HASH for charon equals charon's (so charon verified it)
    assert [o for o, _ in _derived(run.events, theirs)][0] == charon_hash_theirs
    # CR: we asked for charon's certificate (MM3/MM4) and charon sent it (MM5/MM6)
    cr_label = "MM3" if role is Role.INITIATOR else "MM4"
    (cr_msg,) = _messages(run.events, cr_label)
    crs = [p for p in cr_msg.payloads if isinstance(p, CertificateRequest)]
    assert [(c.encoding, c.authority) for c in crs] == [(4, lab_pki.ca.cert.subject.public_bytes())]
    # charon's CR: as responder it names the CA's subject DN in MM4 (encoding 4, as
    # ours); as Main Mode initiator (5.9.8) it sends none in MM3 but one in MM5
    # ("[ ID CERT SIG CERTREQ N(INITIAL_CONTACT) ]"), and sends its certificate there
    # because we asked for it in MM4 (send_cert = ifasked)
    charon_cr_label = "MM4" if role is Role.INITIATOR else "MM3"
    (charon_cr,) = _messages(run.events, charon_cr_label)
    charon_crs = [(c.encoding, c.authority) for c in charon_cr.payloads
                  if isinstance(c, CertificateRequest)]
    if role is Role.INITIATOR:
        assert charon_crs == [(4, lab_pki.ca.cert.subject.public_bytes())]
    else:
        assert charon_crs == []
        (mm5,) = _messages(run.events, "MM5")
        assert [(c.encoding, c.authority) for c in mm5.payloads
                if isinstance(c, CertificateRequest)] == [
                    (4, lab_pki.ca.cert.subject.public_bytes())]
    certs = [p for p in peer.payloads if isinstance(p, Certificate)]
    assert [(c.encoding, c.data) for c in certs] == [(4, lab_pki.charon.der)]
    # charon's side: it sent CERTREQ in MM3/MM4 too and authenticated us with our certificate
    lines = "\n".join(charon_log.message_lines())
    assert "CERTREQ" in lines and "ID CERT SIG" in lines, lines
    assert charon_log.contains(re.escape(f"authentication of '{ENGINE_DN}'") +
                               r" with RSA.* successful"), lines
    assert run.peer.p1.peer_certificate == CHARON_DN
    REPORT.append(f"certificates engine {role.value:9}: ESTABLISHED both sides, "
                  f"{len(rows)} value kinds equal, SIG_I/SIG_R cross-checked "
                  f"({run.elapsed:.2f} s); charon: " + " / ".join(
                      m for m in charon_log.message_lines() if "ID_PROT" in m))


def test_charon_refuses_our_expired_certificate(
    charon_lab: Callable[..., CharonLab], lab_pki: LabPki,
) -> None:
    cfg = dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                              esp_proposals=[SUITE.charon_esp])
    lab = charon_lab(cfg)
    load_certificate_config(lab, lab_pki, lab_pki.charon)
    config = cert_engine_config(lab_pki, lab_pki.engine_expired, SUITE.ike, SUITE.child)
    run = run_engine(lab, config, Role.INITIATOR, "certs/expired", timeout=8, settle=0.3)
    log = lab.peer.log()
    assert log.contains(r"subject certificate invalid \(valid from .* 2020 to .* 2021\)"), (
        "\n".join(log.message_lines()))
    assert log.contains(f"no trusted RSA public key found for '{ENGINE_DN}'")
    got = [e for e in run.events if isinstance(e, NotifyReceived)]
    assert run.peer.state is State.FAILED, _describe_run(run)
    assert got and got[0].notify_type == NotifyType.AUTHENTICATION_FAILED and got[0].at == "MM5"
    REPORT.append("expired engine certificate: charon logs 'subject certificate invalid', "
                  "'no trusted RSA public key found' and answers MM5 with an encrypted "
                  "AUTHENTICATION_FAILED (not INVALID_CERTIFICATE); charon: "
                  + " / ".join(log.message_lines()))


def test_we_refuse_a_charon_certificate_of_another_ca(
    charon_lab: Callable[..., CharonLab], lab_pki: LabPki,
) -> None:
    cfg = dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                              esp_proposals=[SUITE.charon_esp])
    lab = charon_lab(cfg)
    # charon trusts our CA but shows a certificate of "another CA"
    load_certificate_config(lab, lab_pki, lab_pki.charon_foreign)
    config = cert_engine_config(lab_pki, lab_pki.engine, SUITE.ike, SUITE.child)
    run = run_engine(lab, config, Role.INITIATOR, "certs/foreign", timeout=8, settle=0.3)
    failure = [e for e in run.events if isinstance(e, Failure)][0]
    assert failure.at == "MM6" and failure.notify == NotifyType.INVALID_CERTIFICATE, failure
    assert failure.field == "issuer" and failure.remote == "C=CH, O=elsewhere, CN=another CA"
    # charon had already established (its MM6 was its last word) and gets our notify
    log = lab.peer.log()
    assert log.contains("received INVALID_CERTIFICATE error notify"), (
        "\n".join(log.message_lines()))
    REPORT.append("charon certificate of another CA: refused at MM6 with INVALID_CERTIFICATE "
                  f"({failure.reason})")


# --- Aggressive Mode ----------------------------------------------------------------------

AGGRESSIVE_CHARON = {"i_dont_care_about_security_and_use_aggressive_mode_psk": "yes"}


@pytest.mark.parametrize("role", [Role.INITIATOR, Role.RESPONDER], ids=lambda r: r.value)
@pytest.mark.parametrize("suite_name", ["aes128-sha1-modp2048-nopfs", "aes256-sha256-modp2048-pfs"])
def test_aggressive_mode_with_charon(
    charon_lab: Callable[..., CharonLab], suite_name: str, role: Role
) -> None:
    _need_shim()
    suite = SUITES[suite_name]
    cfg = dataclasses.replace(CHARON_BASE, aggressive=True, extra_charon=AGGRESSIVE_CHARON,
                              ike_proposals=[suite.charon_ike],
                              esp_proposals=[suite.charon_esp])
    lab = charon_lab(cfg, shim=True)
    behaviour = dataclasses.replace(BEHAVIOUR, aggressive=role is Role.INITIATOR,
                                    accept_aggressive=role is Role.RESPONDER)
    config = dataclasses.replace(engine_config(suite.ike, suite.child), behaviour=behaviour)
    run = run_engine(lab, config, role, f"aggressive/{suite_name}/{role.value}")
    sa, rows = _check_positive(lab, run, role, {"HASH_R": "AM2", "HASH_I": "AM3"},
                               hashes_on_wire=True)
    assert_all_equal(rows, f"Aggressive Mode {suite_name}, engine as {role.value}")
    labels = [e.label for e in run.events if isinstance(e, MessageSent | MessageReceived)
              and not getattr(e, "retransmission", 0)]
    assert labels[:6] == ["AM1", "AM2", "AM3", "QM1", "QM2", "QM3"], labels
    (am3,) = _messages(run.events, "AM3")
    # charon's AM3 (and so ours) is encrypted: HDR*, HASH_I, NAT-D, NAT-D
    assert am3.message.header.encrypted and [p.payload_type for p in am3.payloads] == [8, 20, 20]
    log = lab.peer.log()
    kinds = [m for m in log.message_lines() if "AGGRESSIVE" in m]
    assert len(kinds) == 3, kinds
    assert sa.selected_proposals[0] == suite.selected_ike
    # the IV chain: the AM3 block and the Quick Mode ones
    assert len(sa.next_ivs) == 1 + 4, sa.next_ivs
    REPORT.append(f"aggressive {suite_name:28} engine {role.value:9}: ESTABLISHED both "
                  f"sides, {len(rows)} value kinds equal; charon: {' / '.join(kinds)}")


def test_aggressive_mode_psk_refused_by_a_cautious_charon(
    charon_lab: Callable[..., CharonLab],
) -> None:
    """Without the i_dont_care... setting charon refuses Aggressive Mode with a PSK."""
    lab = charon_lab(dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                                         esp_proposals=[SUITE.charon_esp]))
    behaviour = dataclasses.replace(BEHAVIOUR, aggressive=True)
    config = dataclasses.replace(engine_config(SUITE.ike, SUITE.child), behaviour=behaviour)
    run = run_engine(lab, config, Role.INITIATOR, "aggressive/refused", timeout=5, settle=0.2)
    assert run.peer.state is State.FAILED
    got = [e for e in run.events if isinstance(e, NotifyReceived)]
    assert got and got[0].notify_type == NotifyType.AUTHENTICATION_FAILED and not got[0].encrypted
    assert lab.peer.log().contains("Aggressive Mode PSK disabled for security reasons")


# --- the commit bit --------------------------------------------------------------------


def _key_rows(sa: IkeSaLog, run: EngineRun) -> list[Compared]:
    """The phase-1 keys, the Quick Mode hashes and the ESP keys, charon's and ours."""
    keys, child_keys = run.peer.p1.keys, run.peer.child_keys
    assert keys is not None and child_keys is not None
    child = next(c for c in sa.child_sas if c.spi_in)
    rows = [
        Compared("SKEYID", sa.skeyid, keys.skeyid),
        Compared("SKEYID_a", sa.skeyid_a, keys.skeyid_a),
        Compared("encryption key Ka", sa.ka, keys.encryption_key),
        Compared("encryption initiator key", child.encr_i,
                 child_keys.initiator_to_responder.encryption_key),
        Compared("integrity responder key", child.integ_r,
                 child_keys.responder_to_initiator.integrity_key),
    ]
    for n in (1, 2, 3):
        rows.append(Compared(f"Hash({n})", sa.all(f"Hash({n})"),
                             [o for o, _ in _derived(run.events, f"HASH({n})")]))
    assert all(_present(r.charon) for r in rows), rows
    return rows


def test_commit_bit_with_charon(charon_lab: Callable[..., CharonLab]) -> None:
    """charon 5.9.8 ignores the commit bit: it answers QM1 (C set) with a QM2 without
    it and never sends a CONNECTED notify.  So our initiator, the only entity that set
    the bit, sends CONNECTED itself after QM3 (RFC 2408 §3.1) instead of waiting for one;
    charon takes it as a status notify of the Quick Mode's message ID and keeps the SA."""
    _need_shim()
    lab = charon_lab(dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                                         esp_proposals=[SUITE.charon_esp]), shim=True)
    behaviour = dataclasses.replace(BEHAVIOUR, commit_bit=True)
    config = dataclasses.replace(engine_config(SUITE.ike, SUITE.child), behaviour=behaviour)
    run = run_engine(lab, config, Role.INITIATOR, "commit", settle=0.5)
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    lab.peer.wait_established(timeout=5)
    (qm1,) = [e for e in _messages(run.events, "QM1") if isinstance(e, MessageSent)]
    (qm2,) = _messages(run.events, "QM2")
    (qm4,) = _messages(run.events, "QM4")
    assert qm1.message.header.flags & 2
    assert not qm2.message.header.flags & 2  # charon does not echo (or set) the bit
    assert isinstance(qm4, MessageSent)
    mid = qm1.message.header.message_id
    assert qm4.message.header.message_id == mid
    log = lab.peer.log()
    lines = log.message_lines()
    assert not any("N(CONN" in m for m in lines if m.startswith("generating")), lines
    # Our CONNECTED leaves right behind QM3.  charon's worker threads may take it first:
    # then it cannot decrypt it yet (its IV chain for the message ID still waits for
    # QM3), logs "processing failed" and ignores it.  Either way it keeps the SA.
    parsed = any(f"parsed INFORMATIONAL_V1 request {mid} [ HASH N(INIT_CONTACT) ]" in m
                 or f"parsed INFORMATIONAL_V1 response {mid} [ HASH N(INIT_CONTACT) ]" in m
                 for m in lines)
    raced = log.contains(f"INFORMATIONAL_V1 request with message ID {mid} processing failed")
    assert parsed or raced, "\n".join(lines)
    assert not log.contains("DELETE for ESP CHILD_SA")
    if parsed:
        rows = compare_values(log.sa(), run)
        info = next(r for r in rows if r.name == "Informational Hash")
        assert _present(info.charon), "charon logged no hash of our CONNECTED"
    else:  # its ENC dumps of the message it could not read break the full comparison
        rows = _key_rows(log.sa(), run)
    assert_all_equal(rows, "commit bit, engine as initiator")
    REPORT.append("commit bit set by our initiator: charon's QM2 has no commit bit and it "
                  "sends no CONNECTED; we send CONNECTED after QM3; charon "
                  + ("read it" if parsed else "took it before QM3 and dropped it") + ": "
                  + " / ".join(m for m in lines if "QUICK" in m or "INFORMATIONAL" in m))


def test_commit_bit_of_our_responder_with_charon(charon_lab: Callable[..., CharonLab]) -> None:
    """Our responder sets the commit bit in QM2 and sends CONNECTED after QM3: charon
    (which does not wait for it) is established already and takes the Informational."""
    _need_shim()
    lab = charon_lab(dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                                         esp_proposals=[SUITE.charon_esp]), shim=True)
    behaviour = dataclasses.replace(BEHAVIOUR, commit_bit=True)
    config = dataclasses.replace(engine_config(SUITE.ike, SUITE.child), behaviour=behaviour)
    run = run_engine(lab, config, Role.RESPONDER, "commit/responder", settle=0.5)
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    rc, out = lab.peer.wait_initiate(timeout=10)
    assert rc == 0, out
    (qm4,) = _messages(run.events, "QM4")
    assert isinstance(qm4, MessageSent)
    log = lab.peer.log()
    lines = log.message_lines()
    mid = qm4.message.header.message_id
    # charon reads it as a status notify of the Quick Mode's message ID (its name table
    # gives 16384 the IKEv2 name INITIAL_CONTACT) and keeps the SAs
    assert any(f"parsed INFORMATIONAL_V1 response {mid} [ HASH N(INIT_CONTACT) ]" in m
               for m in lines), lines
    assert not log.contains("DELETE for ESP CHILD_SA")
    rows = compare_values(log.sa(), run)
    assert _present(next(r for r in rows if r.name == "Informational Hash").charon)
    assert_all_equal(rows, "commit bit, engine as responder")
    REPORT.append("commit bit set by our responder: charon establishes at QM2 as usual; on "
                  "our CONNECTED it logs: " + " / ".join(
                      m for m in lines if "INFORMATIONAL" in m or "QUICK" in m))



# --- AH --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["tunnel", "transport"])
def test_ah_with_charon(charon_lab: Callable[..., CharonLab], mode: str) -> None:
    """Our initiator offers AH only (AH_SHA with HMAC-SHA1); charon, configured with
    ``ah_proposals = sha1``, chooses it.  The KEYMAT (protocol byte 2, integrity keys
    only, 20 bytes) equals charon's."""
    _need_shim()
    transport = mode == "transport"
    charon_ts = f"{CHARON_BASE.local_addr}/32" if transport else CHARON_BASE.local_ts[0]
    engine_ts = f"{CHARON_BASE.remote_addr}/32" if transport else CHARON_BASE.remote_ts[0]
    cfg = dataclasses.replace(CHARON_BASE, ike_proposals=[SUITE.charon_ike],
                              esp_proposals=["aes128-sha1"], mode=mode,
                              local_ts=[charon_ts], remote_ts=[engine_ts],
                              extra_child={"ah_proposals": "sha1"})
    lab = charon_lab(cfg, shim=True)
    child = ChildProposal(
        protocol=ProtocolId.IPSEC_AH,
        transforms=(EspTransform(AhTransformId.AH_SHA, None, AuthAlgorithm.HMAC_SHA),),
        encapsulation=EncapsulationMode.TRANSPORT if transport else EncapsulationMode.TUNNEL,
        pfs_group=None,
        lifetime_seconds=CHARON_BASE.child_life_time,
    )
    config = engine_config(SUITE.ike, child, local_ts=engine_ts, remote_ts=charon_ts)
    run = run_engine(lab, config, Role.INITIATOR, f"ah/{mode}")
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    lab.peer.wait_established(timeout=5)
    log = lab.peer.log()
    sa = log.sa()
    assert sa.selected_proposals[-1] == "AH:HMAC_SHA1_96/NO_EXT_SEQ", sa.selected_proposals
    rows = [r for r in compare_values(sa, run)
            if not r.name.startswith("encryption ") or _present(r.charon)]
    assert_all_equal(rows, f"AH {mode}")
    keys = run.peer.child_keys
    assert keys is not None
    assert keys.initiator_to_responder.encryption_key == b""
    assert len(keys.initiator_to_responder.integrity_key) == 20
    (child_log,) = log.established_children
    assert child_log.initiator_seed is not None and child_log.initiator_seed[0] == 2
    assert child_log.integ_i == keys.initiator_to_responder.integrity_key
    assert child_log.encr_i is None
    REPORT.append(f"AH {mode:9} engine initiator: charon selected "
                  f"{sa.selected_proposals[-1]}, {len(rows)} value kinds equal")
