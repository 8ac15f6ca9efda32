"""Every bundled lesson gives the outcome, failure and fix side its file promises."""

from __future__ import annotations

from functools import cache

import pytest

from ikeviz.diagnosis import Diagnosis, apply_fix, diagnose
from ikeviz.scenario.lessons import DEFAULT_SCENARIO, bundled_lessons
from ikeviz.scenario.model import Scenario
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import run_scenario

PROFILES = builtin_profiles()
LESSONS = {entry.name: entry.scenario for entry in bundled_lessons(PROFILES.keys())}


@cache
def diagnosis_of(name: str) -> Diagnosis:
    return diagnose(run_scenario(LESSONS[name], PROFILES))


def test_there_are_at_least_sixteen_lessons_including_the_default() -> None:
    assert len(LESSONS) >= 16
    assert DEFAULT_SCENARIO in LESSONS
    assert all(s.lesson is not None and s.lesson.objective and s.lesson.explanation
               for s in LESSONS.values())


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_lesson_outcome_matches_its_promise(name: str) -> None:
    lesson = LESSONS[name].lesson
    assert lesson is not None
    diagnosis = diagnosis_of(name)
    assert diagnosis.established is (lesson.expected_outcome == "established"), diagnosis.verdict
    if lesson.expected_outcome == "failed":
        assert diagnosis.failure_label == lesson.expected_failure_at, diagnosis.verdict
        if lesson.expected_notify:
            assert diagnosis.notify.startswith(lesson.expected_notify), diagnosis.notify
        assert diagnosis.fixes, "a failure must come with fixes"
        if lesson.expected_fix_side:
            sides = {f.side.value for f in diagnosis.fixes if f.action != "none"}
            assert lesson.expected_fix_side in sides


def _fixed_by_some_fix(scenario: Scenario, diagnosis: Diagnosis) -> bool:
    for fix in diagnosis.fixes:
        if fix.action == "none":
            continue
        fixed = apply_fix(scenario, fix)
        if diagnose(run_scenario(fixed, PROFILES)).established:
            return True
    return False


@pytest.mark.parametrize("name", sorted(n for n, s in LESSONS.items()
                                        if s.lesson and s.lesson.expected_outcome == "failed"))
def test_a_suggested_fix_makes_the_tunnel_come_up(name: str) -> None:
    scenario = LESSONS[name]
    diagnosis = diagnosis_of(name)
    if name == "nat-without-nat-t":
        pytest.skip("no single-click fix: the OmniPCX Office has no NAT-T (said in the lesson)")
    assert _fixed_by_some_fix(scenario, diagnosis), [f.description for f in diagnosis.fixes]


def test_default_scenario_is_omnipcx_to_strongswan_and_establishes() -> None:
    scenario = LESSONS[DEFAULT_SCENARIO]
    assert {scenario.left.profile, scenario.right.profile} == {"omnipcx-office",
                                                               "strongswan-5.9"}
    assert diagnosis_of(DEFAULT_SCENARIO).established


def test_dh_group_diagnosis_names_values_side_by_side_and_logs() -> None:
    d = diagnosis_of("p1-dh-group-mismatch")
    assert d.failure_message == "Main Mode message 2"
    assert d.conflicts[0].field == "phase-1 DH group"
    assert d.conflicts[0].left.startswith("2 ") and d.conflicts[0].right.startswith("14 ")
    strongswan = [log for log in d.logs if log.side.value == "right"][0]
    assert any("no proposal found" in line for line in strongswan.lines)
    oxo = [log for log in d.logs if log.side.value == "left"][0]
    assert not oxo.documented


def test_wrong_psk_separates_known_from_likely() -> None:
    d = diagnosis_of("wrong-psk")
    assert d.known and d.likely
    assert "pre-shared keys differ" in d.likely[0]
    assert "PSK" not in " ".join(d.known)  # the protocol never says it


def test_lenient_lifetime_warns_who_wins() -> None:
    d = diagnosis_of("lifetime-lenient-responder")
    assert d.established
    assert any("lifetimes differ" in w and "86400" in w for w in d.warnings)


def test_weak_algorithms_are_warned_about() -> None:
    d = diagnosis_of(DEFAULT_SCENARIO)
    text = " ".join(d.warnings)
    assert "group 2" in text
