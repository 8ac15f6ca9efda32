"""A scenario's texts (title, description, lesson) and a profile's in the user's language.

The translations are data in the files themselves (a ``[translations.fr]``
table in a scenario or profile file), so a lesson and its French text are
written, reviewed and shipped together. English is the source: a text that has
no translation stays English, field by field.

:func:`localized` and :func:`localized_profile` are for display: they return a
copy whose texts are in the language asked; the translations themselves are
kept, so saving the copy keeps them too (but then its English texts are the
shown ones: a document that is edited and saved should start from the original).
"""

from __future__ import annotations

from dataclasses import replace

from ikeviz.scenario.model import Scenario, ScenarioTexts
from ikeviz.scenario.profiles import Profile, ProfileTexts


def scenario_texts(scenario: Scenario, language: str) -> ScenarioTexts | None:
    """The texts of ``scenario`` in ``language``, or None when it has none."""
    return dict(scenario.translations).get(language)


def localized(scenario: Scenario, language: str) -> Scenario:
    """``scenario`` with its title, description and lesson texts in ``language``.

    Each text without a translation (and every text for English or an unknown
    language) stays as it is.
    """
    texts = scenario_texts(scenario, language)
    if texts is None:
        return scenario
    lesson = scenario.lesson
    if lesson is not None:
        lesson = replace(lesson, objective=texts.objective or lesson.objective,
                         explanation=texts.explanation or lesson.explanation)
    return replace(scenario, title=texts.title or scenario.title,
                   description=texts.description or scenario.description, lesson=lesson)


def profile_texts(profile: Profile, language: str) -> ProfileTexts | None:
    """The texts of ``profile`` in ``language``, or None when it has none."""
    return dict(profile.translations).get(language)


def localized_profile(profile: Profile, language: str) -> Profile:
    """``profile`` with its description (and assumptions, when translated) in ``language``."""
    texts = profile_texts(profile, language)
    if texts is None:
        return profile
    return replace(profile, description=texts.description or profile.description,
                   assumptions=texts.assumptions or profile.assumptions)


__all__ = ["localized", "localized_profile", "profile_texts", "scenario_texts"]
