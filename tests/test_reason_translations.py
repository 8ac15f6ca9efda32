"""The engine's reasons reach the user in French: no English sentence left.

``ikeviz/protocol`` writes its reasons in English; ``ikeviz/diagnosis/reasons.py``
has a pattern and a French template for each. This runs every bundled lesson and
variants that make the engine give its other reasons (identity, lifetimes, PFS,
selectors, Aggressive Mode, RSA signatures), checks that each reason is one the
table knows, then, under the French translator, that the diagnosis and the
diagram hold no English reason sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from ikeviz import i18n
from ikeviz.diagnosis import diagnose, reason_text
from ikeviz.diagnosis.reasons import PATTERNS
from ikeviz.protocol.events import Failure, MessageUnreadable
from ikeviz.render.diagram import build_diagram
from ikeviz.scenario.lessons import bundled_lessons
from ikeviz.scenario.model import AuthKind, Scenario, Side
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario

LESSONS = {entry.name: entry.scenario for entry in bundled_lessons()}


def _rsa_pair() -> tuple[str, str, str]:
    """A private key, its public key and another public key (PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    def public(key: rsa.RSAPrivateKey) -> str:
        return key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo).decode()

    mine, other = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                   for _ in range(2))
    private = mine.private_bytes(serialization.Encoding.PEM,
                                 serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()
    return private, public(mine), public(other)


def _variants() -> dict[str, Scenario]:
    ok = LESSONS["omnipcx-strongswan-ok"]
    left, right = ok.left, ok.right
    out = {
        "wrong-peer-identity": ok.with_gateway(Side.RIGHT, replace(
            right, peer_identity_type="fqdn", peer_identity="other.example")),
        "phase2-lifetime-exact": ok.with_gateway(Side.RIGHT, replace(
            right, behaviour=(("phase2_lifetime", "exact"),),
            phase2=tuple(replace(p, lifetime_seconds=(p.lifetime_seconds or 3600) + 60)
                         for p in right.phase2))),
        "phase1-lifetime-exact": ok.with_gateway(Side.RIGHT, replace(
            right, behaviour=(("phase1_lifetime", "exact"),),
            phase1=tuple(replace(p, lifetime_seconds=(p.lifetime_seconds or 3600) + 60)
                         for p in right.phase1))),
        "aggressive-refused": LESSONS["aggressive-vs-omnipcx"],
    }
    private, public, other = _rsa_pair()
    rsa = ok.with_gateway(Side.LEFT, replace(
        left, auth=AuthKind.RSA, private_key_pem=private, peer_public_key_pem=public,
        phase1=tuple(replace(p, auth_method=3) for p in left.phase1)))
    rsa = rsa.with_gateway(Side.RIGHT, replace(
        right, profile="strongswan-5.9", auth=AuthKind.RSA, private_key_pem=private,
        peer_public_key_pem=other, phase1=tuple(replace(p, auth_method=3)
                                                for p in right.phase1)))
    out["rsa-wrong-public-key"] = rsa
    return out


SCENARIOS = {**LESSONS, **_variants()}


def _run(scenario: Scenario) -> ScenarioRun:
    return run_scenario(scenario, builtin_profiles())


def _engine_sentences(run: ScenarioRun) -> list[str]:
    out = []
    for event in run.trace.events:
        if isinstance(event, Failure):
            out.append(event.reason)
        elif isinstance(event, MessageUnreadable):
            out += [event.reason] + ([event.likely] if event.likely else [])
    return out


def test_the_variants_fail_where_they_should(english: None) -> None:
    """Each variant gives the reason it is there for (else it would test nothing)."""
    wanted = {
        "wrong-peer-identity": "does not match the configured remote identity",
        "phase2-lifetime-exact": "no acceptable phase-2 proposal",
        "phase1-lifetime-exact": "no acceptable phase-1 proposal",
        "aggressive-refused": "Aggressive Mode is not accepted",
        "rsa-wrong-public-key": "does not verify with the peer's public key",
    }
    for name, text in wanted.items():
        sentences = _engine_sentences(_run(SCENARIOS[name]))
        assert any(text in s for s in sentences), (name, sentences)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_engine_reason_has_a_pattern(name: str, english: None) -> None:
    for sentence in _engine_sentences(_run(SCENARIOS[name])):
        proposal = re.fullmatch(r"no acceptable phase-[12] proposal: .*", sentence, re.DOTALL)
        assert proposal or any(p.fullmatch(sentence) for p in PATTERNS), (
            f"{name}: no pattern in ikeviz/diagnosis/reasons.py for {sentence!r}")


#: English words of the engine's and the diagnosis's sentences (not of protocol names).
ENGLISH = re.compile(
    r"\b(proposals?|offered|configured|expected|does not|could not|cannot|refused|failed|"
    r"giving up|must|payloads?|the peer|decrypt(ed)?|identity|"
    r"differ|likely|match(es)?|verify)\b")


def _french_texts(run: ScenarioRun) -> list[str]:
    diagnosis = diagnose(run)
    diagram = build_diagram(run, diagnosis)
    texts = [diagnosis.verdict, diagnosis.reason, *diagnosis.known, *diagnosis.likely,
             *diagnosis.warnings, *(f.description for f in diagnosis.fixes),
             *(c.field for c in diagnosis.conflicts), diagram.verdict, diagram.failure_reason]
    for row in diagram.rows:
        texts += [row.note, row.note_title]
        if row.mark is not None:
            texts += [row.mark.reason, row.mark.likely]
    for event in run.trace.events:
        if isinstance(event, Failure):
            texts.append(reason_text(event.reason, event.details))
    return [t for t in texts if t]


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_translator(None)
    yield
    i18n.set_translator(None)


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ModuleType]:
    from PySide6.QtWidgets import QApplication

    from ikeviz.gui import translation

    app = QApplication.instance() or QApplication([])
    monkeypatch.setattr(translation, "cache_dir", lambda: tmp_path / "cache")
    translation.install_language(app, "fr")
    assert i18n.current_language() == "fr"
    yield translation
    translation.install_language(app, "en")
    i18n.set_translator(None)


def test_no_english_reason_under_the_french_translator(french: ModuleType) -> None:
    problems = []
    for name, scenario in sorted(SCENARIOS.items()):
        for text in _french_texts(_run(scenario)):
            # Gateway names, products and registry names ("Pre-shared key (1)") stay.
            found = ENGLISH.search(text)
            if found:
                problems.append(f"{name}: {found.group(0)!r} in {text!r}")
    assert not problems, "\n".join(problems)


def test_reason_text_without_a_translator_is_the_engine_text(english: None) -> None:
    for scenario in SCENARIOS.values():
        for event in _run(scenario).trace.events:
            if isinstance(event, Failure):
                assert reason_text(event.reason, event.details) == event.reason


def test_the_quiz_asks_in_whole_french_phrases(french: ModuleType) -> None:
    from ikeviz.gui.presenter_model import _succeeds, _will_succeed

    assert _will_succeed("MM3") == "Le message 3 du Main Mode va-t-il réussir ?"
    assert _will_succeed("QM1") == "Le message 1 du Quick Mode va-t-il réussir ?"
    assert _will_succeed("INFO") == "Le message Informational va-t-il réussir ?"
    assert _succeeds("INFO") == "Oui : le message Informational réussit"
    assert _succeeds("AM2") == "Oui : le message 2 de l’Aggressive Mode réussit"
