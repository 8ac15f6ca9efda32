"""Translation of user-visible text, without Qt.

The layers below the GUI (diagnosis texts, diagram labels, lesson and profile
texts) mark their strings with :func:`translate`, a call Qt's ``lupdate``
recognises, so one set of ``.ts`` files (``resources/translations``) serves the
whole application. Nothing here imports Qt: the GUI installs
``QCoreApplication.translate`` (backed by the compiled ``.qm`` files) as the
translator with :func:`set_translator`; without one, the English source text is
returned unchanged, so the command line and figures stay English and
reproducible unless a caller asks otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SUPPORTED_LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

Translator = Callable[[str, str], str]

_translator: Translator | None = None
_language: str = DEFAULT_LANGUAGE


def translate(context: str, text: str) -> str:
    """``text`` in the current language (``lupdate`` extracts the call's literals).

    Format after translating: ``translate("diagnosis", "{side} refused it").format(...)``,
    so the translated template keeps the placeholders.
    """
    if _translator is None:
        return text
    translated = _translator(context, text)
    return translated or text


def set_translator(translator: Translator | None, language: str = DEFAULT_LANGUAGE) -> None:
    """Install the function that translates (``None``: English), and its language code."""
    global _translator, _language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of "
                         f"{', '.join(SUPPORTED_LANGUAGES)}")
    _translator = translator if language != DEFAULT_LANGUAGE else None
    _language = language


def current_language() -> str:
    """The language code of the installed translator ("en" when there is none)."""
    return _language


# "de", "le", "que" before a word that starts with a vowel (not "y": "de Yokohama") or
# one of the few mute h's a gateway's name may start with: "d'OXO Paris", "qu'utilise".
_FRENCH_ELISION = re.compile(
    r"\b([Dd]e|[Ll]e|[Qq]ue) (?=[aeiouàâäéèêëîïôöûùüæœAEIOUÀÂÄÉÈÊËÎÏÔÖÛÙÜÆŒ]"
    r"|(?i:h[oô]tel|h[oô]pital|h[ée]berg|homolog|horloge|huissier))")


def elide(text: str) -> str:
    """``text`` with French elision when the language is French ("de OXO" -> "d'OXO").

    For texts whose names were put in after translating ("sur {gateway}" with
    the gateway's name): the template cannot know the name's first letter. Any
    other language gets ``text`` unchanged.
    """
    if _language != "fr":
        return text
    return _FRENCH_ELISION.sub(lambda m: m.group(1)[:-1] + "'", text)
