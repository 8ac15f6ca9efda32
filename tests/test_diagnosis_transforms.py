"""The diagnosis of a phase-2 mismatch names every transform a proposal offers."""

from __future__ import annotations

from dataclasses import replace

from ikeviz.diagnosis import diagnose
from ikeviz.protocol.config import EspTransform
from ikeviz.protocol.registry import AuthAlgorithm, EspTransformId
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import lesson_path
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import run_scenario


def test_a_two_transform_proposal_shows_both_values() -> None:
    profiles = builtin_profiles()
    scenario = load_scenario(lesson_path("p2-transform-mismatch"), profiles=profiles.keys())
    right = scenario.right
    first = right.phase2[0]
    second = EspTransform(EspTransformId.ESP_AES, 256, AuthAlgorithm.HMAC_SHA)
    two = replace(first, transforms=(first.transforms[0], second))
    scenario = replace(scenario, right=replace(right, phase2=(two,)))
    diagnosis = diagnose(run_scenario(scenario, profiles))
    assert not diagnosis.established
    (conflict,) = [c for c in diagnosis.conflicts if c.field.endswith("ESP transform")]
    assert conflict.left == "3des"
    assert conflict.right == "aes128, aes256"
