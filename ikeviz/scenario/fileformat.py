"""The scenario file: TOML, with a format version, in a fixed key order.

A scenario file is what a user saves, shares and puts under version control,
so it is written for people (short words from :mod:`ikeviz.scenario.names`,
not RFC numbers), in an order that never changes (a diff shows only what the
user changed), and read with a check of everything: an unknown key, a wrong
type or a value outside its table is a :class:`ScenarioFileError` that names
the file, the line, the key, what is allowed and, for a typo, a close match::

    lab.toml:23: left.phase1[0].group: 3 is not a DH group this engine supports;
    allowed: 1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21

The layout (every table but ``[left]``/``[right]`` and their proposals is
optional; :func:`dumps_scenario` writes the keys in this order)::

    # ikeviz scenario
    format_version = 1
    title = "OmniPCX Office to strongSwan"
    description = "..."
    initiator = "left"              # left | right
    seed = 1

    [network]
    nat = false
    nat_public_address = "203.0.113.1"
    latency_ms = 10.0

    [lesson]
    objective = "..."
    explanation = "..."
    difficulty = "beginner"         # beginner | intermediate | advanced
    expected_outcome = "failed"     # established | failed
    expected_failure_at = "MM5"     # "" or MM1..MM6, AM1..AM3, QM1..QM3
    expected_notify = "INVALID-ID-INFORMATION"
    expected_fix_side = "right"     # "" | left | right

    [translations.fr]               # optional: the texts in another language
    title = "..."                   # (title, description, objective, explanation;
    description = "..."             # a text left out is shown in English)
    objective = "..."
    explanation = "..."

    [left]
    name = "OXO Paris"
    profile = "omnipcx-office"
    address = "192.0.2.1"
    identity_type = "ipv4"          # "" identity = the address
    identity = ""
    peer_identity_type = "ipv4"
    peer_identity = ""
    auth = "psk"                    # psk | rsa | certificate
    psk = "secret"                  # absent: asked for when the scenario runs
    private_key = \"\"\"-----BEGIN PRIVATE KEY-----...\"\"\"   # and peer_public_key,
    local_subnet = "10.1.0.0/24"                                # certificate, ca
    remote_subnet = "10.2.0.0/24"
    nat_traversal = true
    aggressive = false

    [left.behaviour]                # overrides of the profile's Behaviour fields
    phase1_lifetime = "exact"

    [[left.phase1]]
    encryption = "aes-cbc"
    key_length = 128                # aes-cbc only
    hash = "sha1"
    group = 14
    auth = "psk"
    lifetime = 28800                # absent: no lifetime is proposed
    # lifetime_kilobytes = 100000   # optional (phase 1 and phase 2)

    [[left.phase2]]
    protocol = "esp"
    mode = "tunnel"
    pfs_group = 14                  # or "none"
    lifetime = 3600

    [[left.phase2.transforms]]
    encryption = "aes-cbc"
    key_length = 128
    integrity = "hmac-sha1"

    [right]
    ...

Secrets: the PSK and the private key are written only when the caller asks
(``include_secrets``); a file without a PSK loads with ``psk`` None, which
means "ask the user". A file that holds one is saved readable by its owner
only (mode 0600). Saves are atomic: a temporary file in the same folder,
flushed and synced, then renamed over the old one.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import difflib
import functools
import ipaddress
import math
import os
import re
import stat
import tomllib
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, Final, TypeVar

from ikeviz.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from ikeviz.protocol.config import Behaviour, ChildProposal, EspTransform, IkeProposal
from ikeviz.protocol.registry import NotifyType
from ikeviz.protocol.vendor_ids import KNOWN_VENDOR_IDS
from ikeviz.scenario import names
from ikeviz.scenario.model import (
    FORMAT_VERSION,
    AuthKind,
    Gateway,
    Lesson,
    Network,
    Scenario,
    ScenarioTexts,
    Side,
)

__all__ = [
    "ScenarioFileError",
    "dump_lines",
    "dumps_scenario",
    "load_scenario",
    "loads_scenario",
    "locate",
    "save_scenario",
]

_T = TypeVar("_T")
KeyPath = tuple[str | int, ...]

HEADER: Final = "# ikeviz scenario"
MAX_FILE_SIZE: Final = 16 * 1024 * 1024

# Keys of each table, in the order they are written.
_TOP_KEYS: Final = ("format_version", "title", "description", "initiator", "seed", "network",
                    "lesson", "translations", "left", "right")
_NETWORK_KEYS: Final = ("nat", "nat_public_address", "latency_ms")
_LESSON_KEYS: Final = ("objective", "explanation", "difficulty", "expected_outcome",
                       "expected_failure_at", "expected_notify", "expected_fix_side")
_TEXT_KEYS: Final = ("title", "description", "objective", "explanation")
_TRANSLATION_LANGUAGES: Final = tuple(lang for lang in SUPPORTED_LANGUAGES
                                      if lang != DEFAULT_LANGUAGE)
#: The most proposals or transforms of one kind: their numbers are one byte.
_MAX_NUMBERED: Final = 255
#: The longest identity: far beyond any real one (a host name has at most 253
#: characters), and short enough for every message to stay a small datagram.
_MAX_IDENTITY_BYTES: Final = 1024
_GATEWAY_KEYS: Final = ("name", "profile", "address", "identity_type", "identity",
                        "peer_identity_type", "peer_identity", "auth", "psk", "private_key",
                        "peer_public_key", "certificate", "ca", "local_subnet", "remote_subnet",
                        "nat_traversal", "aggressive", "behaviour", "phase1", "phase2")
_PHASE1_KEYS: Final = ("encryption", "key_length", "hash", "group", "auth", "lifetime",
                       "lifetime_kilobytes")
_PHASE2_KEYS: Final = ("protocol", "mode", "pfs_group", "lifetime", "lifetime_kilobytes",
                       "transforms")
_TRANSFORM_KEYS: Final = ("encryption", "key_length", "integrity")

_SIDES: Final = tuple(side.value for side in Side)
_AUTH_KINDS: Final = tuple(kind.value for kind in AuthKind)
_DIFFICULTIES: Final = ("beginner", "intermediate", "advanced")
_OUTCOMES: Final = ("established", "failed")
_MESSAGE_LABELS: Final = ("MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "AM1", "AM2", "AM3",
                          "QM1", "QM2", "QM3")
_NOTIFY_NAMES: Final = tuple(member.name.replace("_", "-") for member in NotifyType)
_VENDOR_ID_NAMES: Final = tuple(vid.name for vid in KNOWN_VENDOR_IDS)
_UINT32_LIMIT: Final = 2**32
_SEED_LIMIT: Final = 2**63
_MAX_LATENCY_MS: Final = 60_000.0
_MAX_BEHAVIOUR_FLOAT: Final = 1_000_000.0
_BEHAVIOUR_INT_LIMIT: Final = 2**31

# PEM keys of a gateway: file key, Gateway field, what the PEM label must end with, secret?
_PEM_FIELDS: Final = (
    ("private_key", "private_key_pem", ("PRIVATE KEY",), True),
    ("peer_public_key", "peer_public_key_pem", ("PUBLIC KEY",), False),
    ("certificate", "certificate_pem", ("CERTIFICATE",), False),
    ("ca", "ca_pem", ("CERTIFICATE",), False),
)
_MULTILINE_TEXT: Final = frozenset({"description", "objective", "explanation"})
_PEM_LABEL = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----")

# Words people write that are not the file's words, for "did you mean".
_ALIASES: Final[dict[str, str]] = {
    "aes": "aes-cbc", "aes128": "aes-cbc", "aes192": "aes-cbc", "aes256": "aes-cbc",
    "3des": "3des-cbc", "des": "des-cbc", "tripledes": "3des-cbc", "des3": "3des-cbc",
    "sha": "sha1", "sha256": "sha2-256", "sha384": "sha2-384", "sha512": "sha2-512",
    "sha2": "sha2-256", "pre-shared-key": "psk", "preshared": "psk", "secret": "psk",
    "rsasig": "rsa-sig", "rsa": "rsa-sig", "pubkey": "rsa", "cert": "certificate",
    "x509": "certificate", "ipv4-addr": "ipv4", "ipv6-addr": "ipv6", "email": "user-fqdn",
    "keyid": "key-id", "asn1dn": "dn", "der-asn1-dn": "dn",
}


# --------------------------------------------------------------------------- errors


class ScenarioFileError(Exception):
    """A scenario file that cannot be read, with where and why in one line.

    ``file``: the file name as given; ``line``: 1-based, None when unknown;
    ``key``: the dotted key path (``left.phase1[0].group``), "" for the whole
    file; ``allowed``: what would be accepted; ``suggestion``: a close match
    for a typo, or "".
    """

    def __init__(self, file: str, line: int | None, key: str, message: str,
                 allowed: str = "", suggestion: str = "") -> None:
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.allowed = allowed
        self.suggestion = suggestion
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion:
            text += (", " if self.allowed else "; ") + "did you mean " \
                + f"{_quote_suggestion(self.suggestion)}?"
        return text

    def __str__(self) -> str:
        return self._format()

    def __reduce__(self) -> tuple[type[ScenarioFileError], tuple[object, ...]]:
        return (type(self), (self.file, self.line, self.key, self.message, self.allowed,
                             self.suggestion))


def _quote_suggestion(suggestion: str) -> str:
    return suggestion if re.fullmatch(r"-?\d+", suggestion) else f'"{suggestion}"'


def dotted(path: KeyPath) -> str:
    """``("left", "phase1", 0, "group")`` -> ``"left.phase1[0].group"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            shown = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else _basic_string(part)
            out += f".{shown}" if out else shown
    return out


def _header(path: KeyPath) -> str:
    """The table name of ``path`` as a header writes it (array indices left out)."""
    return dotted(tuple(part for part in path if isinstance(part, str)))


def _close(word: str, choices: Iterable[str]) -> str:
    """The closest of ``choices`` to ``word`` (a typo, a case slip, a known alias), or ""."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    key = word.strip().lower()
    if key in lowered:
        return lowered[key]
    alias = _ALIASES.get(key)
    for target in (alias, f"hmac-{alias}" if alias else None, f"hmac-{key}"):
        if target is not None and target in lowered:
            return lowered[target]
    match = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else ""


def _words(choices: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in choices)


def _numbers(choices: Iterable[int]) -> str:
    return ", ".join(str(c) for c in choices)


def _show(value: object) -> str:
    """A value as it looks in the file, on one line, shortened."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return _basic_string(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date/time"


# --------------------------------------------------------------------------- line locator


class _Locator:
    """Where each key path of a (valid) TOML text is written, by a light scan.

    Records the line of every ``[table]`` and ``[[array]]`` header (array
    elements counted by index under their parent element), every key of a
    key/value pair (dotted keys included) and, inside inline values, every
    inline-table key and array element. Best effort: it stops quietly at
    anything it does not understand and keeps what it found.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.explicit: dict[KeyPath, int] = {}
        self.implicit: dict[KeyPath, int] = {}
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        try:
            self._scan()
        except (IndexError, ValueError, RecursionError, tomllib.TOMLDecodeError):
            pass

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, else of its longest prefix that is written, else None."""
        for n in range(len(path), 0, -1):
            prefix = path[:n]
            for table in (self.explicit, self.implicit):
                if prefix in table:
                    return table[prefix]
        return None

    def _line(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _skip_blank(self, i: int, *, newlines: bool) -> int:
        text = self.text
        while i < len(text):
            ch = text[i]
            if ch in " \t" or (newlines and ch in "\r\n"):
                i += 1
            elif ch == "#" and newlines:
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            else:
                break
        return i

    def _keys(self, i: int) -> tuple[list[str], int]:
        text = self.text
        keys: list[str] = []
        while True:
            i = self._skip_blank(i, newlines=False)
            if text[i] == '"':
                end = self._string_end(i)
                keys.append(tomllib.loads("k = " + text[i:end])["k"])
                i = end
            elif text[i] == "'":
                end = text.index("'", i + 1)
                keys.append(text[i + 1:end])
                i = end + 1
            else:
                match = re.compile(r"[A-Za-z0-9_-]+").match(text, i)
                if match is None:
                    raise ValueError("not a key")
                keys.append(match.group())
                i = match.end()
            i = self._skip_blank(i, newlines=False)
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return keys, i

    def _string_end(self, i: int) -> int:
        """The index after the string starting at ``i`` (any of the four kinds)."""
        text = self.text
        for quote in ('"""', "'''"):
            if text.startswith(quote, i):
                k = i + 3
                while True:
                    if quote == '"""' and text[k] == "\\":
                        k += 2
                    elif text.startswith(quote, k):
                        extra = 0  # up to two quotes may end the content
                        while extra < 2 and text.startswith(quote[0], k + 3 + extra):
                            extra += 1
                        return k + 3 + extra
                    else:
                        k += 1
        if text[i] == "'":
            return text.index("'", i + 1) + 1
        k = i + 1
        while True:
            if text[k] == "\\":
                k += 2
            elif text[k] == '"':
                return k + 1
            elif text[k] == "\n":
                raise ValueError("unterminated string")
            else:
                k += 1

    def _value(self, i: int, path: KeyPath) -> int:
        text = self.text
        ch = text[i]
        if ch in "\"'":
            return self._string_end(i)
        if ch == "[":
            k, index = i + 1, 0
            while True:
                k = self._skip_blank(k, newlines=True)
                if text[k] == "]":
                    return k + 1
                self.explicit.setdefault(path + (index,), self._line(k))
                k = self._skip_blank(self._value(k, path + (index,)), newlines=True)
                if text[k] == ",":
                    k, index = k + 1, index + 1
                elif text[k] != "]":
                    raise ValueError("bad array")
        if ch == "{":
            k = i + 1
            while True:
                k = self._skip_blank(k, newlines=True)
                if text[k] == "}":
                    return k + 1
                start = k
                keys, k = self._keys(k)
                if text[k] != "=":
                    raise ValueError("bad inline table")
                self._record(path, keys, self._line(start))
                k = self._skip_blank(k + 1, newlines=False)
                k = self._skip_blank(self._value(k, path + tuple(keys)), newlines=True)
                if text[k] == ",":
                    k += 1
                elif text[k] != "}":
                    raise ValueError("bad inline table")
        match = re.compile(r"[^,\]}#\r\n]+").match(text, i)
        if match is None:
            raise ValueError("no value")
        return match.end()

    def _record(self, table: KeyPath, keys: Sequence[str], line: int) -> None:
        path = table
        for n, key in enumerate(keys):
            path = path + (key,)
            (self.explicit if n == len(keys) - 1 else self.implicit).setdefault(path, line)

    def _scan(self) -> None:
        text = self.text
        table: KeyPath = ()
        arrays: dict[KeyPath, int] = {}  # array-of-tables path -> elements so far
        i = 0
        while True:
            i = self._skip_blank(i, newlines=True)
            if i >= len(text):
                return
            line = self._line(i)
            if text[i] == "[":
                is_array = text.startswith("[[", i)
                keys, i = self._keys(i + (2 if is_array else 1))
                closing = "]]" if is_array else "]"
                if not text.startswith(closing, i):
                    raise ValueError("bad header")
                i += len(closing)
                resolved: list[str | int] = []
                for n, key in enumerate(keys):
                    resolved.append(key)
                    here = tuple(resolved)
                    if n == len(keys) - 1 and is_array:
                        self.implicit.setdefault(here, line)
                        count = arrays.get(here, 0)
                        arrays[here] = count + 1
                        resolved.append(count)
                    elif here in arrays:
                        resolved.append(arrays[here] - 1)
                    if n < len(keys) - 1:
                        self.implicit.setdefault(tuple(resolved), line)
                table = tuple(resolved)
                self.explicit.setdefault(table, line)
            else:
                keys, i = self._keys(i)
                if text[i] != "=":
                    raise ValueError("expected =")
                self._record(table, keys, line)
                i = self._value(self._skip_blank(i + 1, newlines=False), table + tuple(keys))


def locate(text: str, path: KeyPath) -> int | None:
    """The 1-based line where ``path`` (e.g. ``("left", "phase1", 0, "group")``) is written.

    For a key that is not written, the line of the closest enclosing table or
    key that is; None when not even the first part is written.
    """
    return _Locator(text).line_of(path)


# --------------------------------------------------------------------------- reading


class _Reader:
    """Checks and converts the parsed TOML; errors carry the file, line and key."""

    def __init__(self, file: str, text: str, profiles: Collection[str] | None) -> None:
        self.file = file
        self.text = text
        self.profiles = profiles
        self._locator: _Locator | None = None

    def error(self, path: KeyPath, message: str, allowed: str = "",
              suggestion: str = "") -> ScenarioFileError:
        if self._locator is None:
            self._locator = _Locator(self.text)
        return ScenarioFileError(self.file, self._locator.line_of(path), dotted(path), message,
                                 allowed, suggestion)

    # -- structure

    def table(self, value: object, path: KeyPath, keys: Sequence[str],
              required: Sequence[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            header = f"[[{_header(path)}]]" if isinstance(path[-1], int) else \
                f"[{_header(path)}]"
            raise self.error(path, f"expected a table {header}, found {_kind(value)}",
                             f"a table {header}")
        for key in value:
            if key not in keys:
                raise self.error(path + (key,), f'unknown key "{key}"', ", ".join(keys),
                                 _close(key, keys))
        for key in required:
            if key not in value:
                raise self.error(path + (key,), "required but missing")
        return value

    def array_of_tables(self, table: Mapping[str, Any], path: KeyPath, key: str,
                        what: str) -> list[Any]:
        value = table.get(key)
        header = f"[[{_header(path + (key,))}]]"
        if value is None:
            raise self.error(path + (key,), f"at least one {what} is required",
                             f"one or more {header} tables")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(path + (key,), f"expected an array of tables, found {_kind(value)}",
                             f"one or more {header} tables")
        if not value:
            raise self.error(path + (key,), f"at least one {what} is required",
                             f"one or more {header} tables")
        if len(value) > _MAX_NUMBERED:
            # Proposal and transform numbers are one byte (RFC 2408 §3.5, §3.6).
            raise self.error(path + (key, _MAX_NUMBERED), f"{len(value)} {what}s, more than "
                             f"their one-byte numbers on the wire allow",
                             f"at most {_MAX_NUMBERED} {header} tables")
        return value

    # -- scalars

    def get(self, table: Mapping[str, Any], path: KeyPath, key: str,
            convert: Callable[[object, KeyPath], _T], default: _T) -> _T:
        if key not in table:
            return default
        return convert(table[key], path + (key,))

    def string(self, value: object, path: KeyPath) -> str:
        if not isinstance(value, str):
            raise self.error(path, f"expected a string, found {_kind(value)} {_show(value)}",
                             "a string in quotes")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self.error(path, "not valid Unicode text (a lone surrogate)") from None
        return value

    def nonempty(self, value: object, path: KeyPath) -> str:
        text = self.string(value, path)
        if not text.strip():
            raise self.error(path, "must not be empty", "a non-empty string")
        return text

    def boolean(self, value: object, path: KeyPath) -> bool:
        if not isinstance(value, bool):
            raise self.error(path, f"expected true or false, found {_kind(value)} {_show(value)}",
                             "true, false")
        return value

    def integer(self, value: object, path: KeyPath, low: int, high: int, what: str) -> int:
        """An integer with ``low <= value < high``."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(path, f"expected an integer, found {_kind(value)} {_show(value)}",
                             f"{what} from {low} to {high - 1}")
        if not low <= value < high:
            raise self.error(path, f"{value} is out of range for {what}",
                             f"{low} to {high - 1}")
        return value

    def number(self, value: object, path: KeyPath, low: float, high: float, what: str, *,
               low_inclusive: bool) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(path, f"expected a number, found {_kind(value)} {_show(value)}",
                             f"{what}")
        number = float(value)
        above = number >= low if low_inclusive else number > low
        if not (math.isfinite(number) and above and number <= high):
            bound = f"from {low:g}" if low_inclusive else f"more than {low:g}"
            raise self.error(path, f"{_show(value)} is out of range for {what}",
                             f"{bound} up to {high:g}")
        return number

    def word(self, value: object, path: KeyPath, choices: Sequence[str], what: str) -> str:
        if not isinstance(value, str):
            raise self.error(path, f"expected {what} in quotes, found {_kind(value)} "
                             f"{_show(value)}", _words(choices),
                             _close(str(value), choices))
        if value not in choices:
            raise self.error(path, f"{_show(value)} is not {what}", _words(choices),
                             _close(value, choices))
        return value

    def lifetime(self, value: object, path: KeyPath) -> int:
        return self.integer(value, path, 1, _UINT32_LIMIT, "a lifetime")

    def group(self, value: object, path: KeyPath, *, allow_none: bool) -> int | None:
        allowed = _numbers(names.GROUPS) + (', or "none" for no PFS' if allow_none else "")
        if allow_none and value == "none":
            return None
        if isinstance(value, str):
            by_name = {v: k for k, v in names.GROUP_NAMES.items()}
            hint = str(by_name[value.lower()]) if value.lower() in by_name else ""
            if value.strip().isdigit():
                hint = value.strip()
            if not hint and allow_none:
                hint = _close(value, ["none"])
            raise self.error(path, f"{_show(value)} is not a DH group number", allowed, hint)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(path, f"expected a DH group number, found {_kind(value)} "
                             f"{_show(value)}", allowed)
        if value not in names.GROUPS:
            raise self.error(path, f"{value} is not a DH group this engine supports", allowed)
        return value

    def key_length(self, table: Mapping[str, Any], path: KeyPath, encryption: str,
                   variable: str) -> int | None:
        """``key_length``: required for the variable-length cipher, forbidden otherwise."""
        if encryption != variable:
            if "key_length" in table:
                raise self.error(path + ("key_length",),
                                 f"{encryption} has a fixed key length; remove key_length",
                                 f"key_length only with {variable}")
            return None
        if "key_length" not in table:
            raise self.error(path + ("key_length",), f"{variable} needs a key_length",
                             _numbers(names.AES_KEY_LENGTHS))
        value = table["key_length"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(path + ("key_length",), f"expected an integer, found {_kind(value)} "
                             f"{_show(value)}", _numbers(names.AES_KEY_LENGTHS))
        if value not in names.AES_KEY_LENGTHS:
            raise self.error(path + ("key_length",), f"{value} is not an AES key length",
                             _numbers(names.AES_KEY_LENGTHS))
        return value

    def address(self, value: object, path: KeyPath) -> str:
        text = self.string(value, path)
        try:
            ipaddress.ip_address(text)
        except ValueError:
            raise self.error(path, f"{_show(text)} is not an IPv4 or IPv6 address",
                             "an address like 192.0.2.1 or 2001:db8::1") from None
        return text

    def subnet(self, value: object, path: KeyPath) -> str:
        text = self.string(value, path)
        allowed = ('"" (the gateway itself), a subnet like 10.1.0.0/24, a range like '
                   '10.1.0.1-10.1.0.20 or an address')
        if not text:
            return text
        try:
            if "-" in text:
                first, last = (ipaddress.ip_address(p) for p in text.split("-", 1))
                if first.version != last.version or int(first) > int(last):
                    raise self.error(path, f"{_show(text)} is not a range from low to high "
                                     "of one address family", allowed)
            elif "/" in text:
                try:
                    ipaddress.ip_network(text, strict=True)
                except ValueError:
                    network = ipaddress.ip_network(text, strict=False)
                    raise self.error(path, f"{_show(text)} has host bits set", allowed,
                                     str(network)) from None
            else:
                ipaddress.ip_address(text)
        except ValueError:
            raise self.error(path, f"{_show(text)} is not a subnet, range or address",
                             allowed) from None
        return text

    def identity(self, kind: str, value: object, path: KeyPath) -> str:
        text = self.string(value, path)
        if len(text.encode()) > _MAX_IDENTITY_BYTES:
            raise self.error(path, f"an identity of {len(text.encode())} bytes",
                             f"at most {_MAX_IDENTITY_BYTES} bytes (UTF-8)")
        if not text:
            if kind not in ("ipv4", "ipv6"):
                raise self.error(path, f'an empty identity means the address, which is not '
                                 f'of type "{kind}"', f'a {kind} identity, or type "ipv4"')
            return text
        checks: dict[str, tuple[Callable[[str], bool], str]] = {
            "ipv4": (lambda s: _is_address(s, 4), "an IPv4 address, or \"\" for the address"),
            "ipv6": (lambda s: _is_address(s, 6), "an IPv6 address, or \"\" for the address"),
            "fqdn": (lambda s: re.fullmatch(r"[^\s@]+", s) is not None,
                     "a host name like vpn.example.com"),
            "user-fqdn": (lambda s: re.fullmatch(r"[^\s@]+@[^\s@]+", s) is not None,
                          "an address like user@example.com"),
        }
        check, allowed = checks.get(kind, (lambda s: True, ""))
        if not check(text):
            raise self.error(path, f"{_show(text)} is not a valid {kind} identity", allowed)
        return text

    def pem_reader(self, labels: Sequence[str]) -> Callable[[object, KeyPath], str]:
        return lambda value, path: self.pem(value, path, labels)

    def pem(self, value: object, path: KeyPath, labels: Sequence[str]) -> str:
        text = self.string(value, path)
        what = f"PEM {labels[0].lower()}"
        allowed = (f'a "-----BEGIN ... {labels[0]}-----" ... "-----END ... {labels[0]}-----" '
                   f"block in a multi-line string")
        match = _PEM_LABEL.search(text)
        if match is None or not text.lstrip().startswith("-----BEGIN "):
            raise self.error(path, f"not a {what}", allowed)
        label = match.group(1)
        if not label.endswith(tuple(labels)):
            raise self.error(path, f'a "{label}" block is not a {what}', allowed)
        if f"-----END {label}-----" not in text:
            raise self.error(path, f'the "{label}" block has no END line', allowed)
        return text

    # -- tables

    def scenario(self, data: dict[str, Any]) -> Scenario:
        if "format_version" not in data:
            raise self.error(("format_version",), "required but missing (is this an ikeviz "
                             "scenario file?)", str(FORMAT_VERSION))
        version = data["format_version"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise self.error(("format_version",), f"expected an integer, found {_kind(version)} "
                             f"{_show(version)}", str(FORMAT_VERSION))
        if version > FORMAT_VERSION:
            raise self.error(("format_version",), f"format version {version} was written by a "
                             f"newer ikeviz; this one reads version {FORMAT_VERSION}",
                             str(FORMAT_VERSION))
        if version != FORMAT_VERSION:
            raise self.error(("format_version",), f"unknown format version {version}",
                             str(FORMAT_VERSION))
        top = self.table(data, (), _TOP_KEYS, ("title",))
        for side in _SIDES:
            if side not in top:
                raise self.error((side,), f"the {side} gateway is missing",
                                 f"a [{side}] table with its [[{side}.phase1]] and "
                                 f"[[{side}.phase2]] proposals")
        title = self.string(top["title"], ("title",))
        description = self.get(top, (), "description", self.string, "")
        initiator = Side(self.get(top, (), "initiator",
                                  lambda v, p: self.word(v, p, _SIDES, "a side"), "left"))
        seed = self.get(top, (), "seed",
                        lambda v, p: self.integer(v, p, 0, _SEED_LIMIT, "a seed"), 1)
        network = self.network(top["network"]) if "network" in top else Network()
        lesson = self.lesson(top["lesson"]) if "lesson" in top else None
        translations = (self.translations(top["translations"], lesson is not None)
                        if "translations" in top else ())
        left = self.gateway(top["left"], ("left",))
        right = self.gateway(top["right"], ("right",))
        return Scenario(title=title, left=left, right=right, initiator=initiator, seed=seed,
                        network=network, description=description, lesson=lesson,
                        translations=translations)

    def translations(self, value: object,
                     has_lesson: bool) -> tuple[tuple[str, ScenarioTexts], ...]:
        path: KeyPath = ("translations",)
        table = self.table(value, path, _TRANSLATION_LANGUAGES)
        out = []
        for language in _TRANSLATION_LANGUAGES:
            if language not in table:
                continue
            where = path + (language,)
            texts = self.table(table[language], where, _TEXT_KEYS)
            if not has_lesson:
                for key in ("objective", "explanation"):
                    if key in texts:
                        raise self.error(where + (key,), "is set, but the scenario has no "
                                         "[lesson]", "title, description")
            out.append((language, ScenarioTexts(
                **{key: self.get(texts, where, key, self.string, "") for key in _TEXT_KEYS})))
        return tuple(out)

    def network(self, value: object) -> Network:
        path: KeyPath = ("network",)
        table = self.table(value, path, _NETWORK_KEYS)
        default = Network()
        return Network(
            nat=self.get(table, path, "nat", self.boolean, default.nat),
            nat_public_address=self.get(table, path, "nat_public_address", self.address,
                                        default.nat_public_address),
            latency_ms=self.get(table, path, "latency_ms",
                                lambda v, p: self.number(v, p, 0.0, _MAX_LATENCY_MS,
                                                         "a latency in milliseconds",
                                                         low_inclusive=True),
                                default.latency_ms),
        )

    def lesson(self, value: object) -> Lesson:
        path: KeyPath = ("lesson",)
        table = self.table(value, path, _LESSON_KEYS)
        default = Lesson()

        def choice(key: str, choices: Sequence[str], what: str, fallback: str) -> str:
            return self.get(table, path, key, lambda v, p: self.word(v, p, choices, what),
                            fallback)

        lesson = Lesson(
            objective=self.get(table, path, "objective", self.string, default.objective),
            explanation=self.get(table, path, "explanation", self.string, default.explanation),
            difficulty=choice("difficulty", _DIFFICULTIES, "a difficulty", default.difficulty),
            expected_outcome=choice("expected_outcome", _OUTCOMES, "an outcome",
                                    default.expected_outcome),
            expected_failure_at=choice("expected_failure_at", ("",) + _MESSAGE_LABELS,
                                       "a message label", default.expected_failure_at),
            expected_notify=choice("expected_notify", ("",) + _NOTIFY_NAMES,
                                   "a notify message name", default.expected_notify),
            expected_fix_side=choice("expected_fix_side", ("",) + _SIDES, "a side",
                                     default.expected_fix_side),
        )
        if lesson.expected_outcome == "established":
            for key in ("expected_failure_at", "expected_notify"):
                if getattr(lesson, key):
                    raise self.error(path + (key,), 'is set, but expected_outcome is '
                                     '"established"', '"" unless expected_outcome = "failed"')
        return lesson

    def gateway(self, value: object, path: KeyPath) -> Gateway:
        table = self.table(value, path, _GATEWAY_KEYS, ("name", "profile", "address"))
        name = self.nonempty(table["name"], path + ("name",))
        profile = self.nonempty(table["profile"], path + ("profile",))
        if self.profiles is not None and profile not in self.profiles:
            known = sorted(self.profiles)
            raise self.error(path + ("profile",), f"unknown profile {_show(profile)}",
                             _words(known), _close(profile, known))
        address = self.address(table["address"], path + ("address",))
        id_types = tuple(names.ID_TYPE)

        def id_type(key: str) -> str:
            return self.get(table, path, key,
                            lambda v, p: self.word(v, p, id_types, "an identity type"), "ipv4")

        identity_type = id_type("identity_type")
        identity = self.get(table, path, "identity",
                            lambda v, p: self.identity(identity_type, v, p), "")
        peer_identity_type = id_type("peer_identity_type")
        peer_identity = self.get(table, path, "peer_identity",
                                 lambda v, p: self.identity(peer_identity_type, v, p), "")
        auth = AuthKind(self.get(table, path, "auth",
                                 lambda v, p: self.word(v, p, _AUTH_KINDS,
                                                        "an authentication kind"), "psk"))
        psk = self.get(table, path, "psk", self.psk, None)
        pems: dict[str, str | None] = {}
        for key, field_name, labels, _secret in _PEM_FIELDS:
            pems[field_name] = self.get(table, path, key, self.pem_reader(labels), None)
        local_subnet = self.get(table, path, "local_subnet", self.subnet, "")
        remote_subnet = self.get(table, path, "remote_subnet", self.subnet, "")
        nat_traversal = self.get(table, path, "nat_traversal", self.boolean, True)
        aggressive = self.get(table, path, "aggressive", self.boolean, False)
        no_overrides: tuple[tuple[str, object], ...] = ()
        behaviour = self.get(table, path, "behaviour", self.behaviour, no_overrides)
        phase1 = tuple(self.phase1(entry, path + ("phase1", n)) for n, entry in enumerate(
            self.array_of_tables(table, path, "phase1", "phase-1 proposal")))
        phase2 = tuple(self.phase2(entry, path + ("phase2", n)) for n, entry in enumerate(
            self.array_of_tables(table, path, "phase2", "phase-2 proposal")))
        return Gateway(
            name=name, profile=profile, address=address, identity_type=identity_type,
            identity=identity, peer_identity_type=peer_identity_type,
            peer_identity=peer_identity, auth=auth, psk=psk,
            private_key_pem=pems["private_key_pem"],
            peer_public_key_pem=pems["peer_public_key_pem"],
            certificate_pem=pems["certificate_pem"], ca_pem=pems["ca_pem"],
            phase1=phase1, phase2=phase2, local_subnet=local_subnet,
            remote_subnet=remote_subnet, nat_traversal=nat_traversal, aggressive=aggressive,
            behaviour=behaviour,
        )

    def psk(self, value: object, path: KeyPath) -> str:
        text = self.string(value, path)
        if not text:
            raise self.error(path, "an empty pre-shared key", "a non-empty string, or no psk "
                             "key at all to be asked for it")
        return text

    def phase1(self, value: object, path: KeyPath) -> IkeProposal:
        table = self.table(value, path, _PHASE1_KEYS, ("encryption", "hash", "group", "auth"))
        encryption = self.word(table["encryption"], path + ("encryption",),
                               tuple(names.ENCRYPTION), "a phase-1 cipher")
        key_length = self.key_length(table, path, encryption, "aes-cbc")
        hash_name = self.word(table["hash"], path + ("hash",), tuple(names.HASH), "a hash")
        group = self.group(table["group"], path + ("group",), allow_none=False)
        assert group is not None
        auth = self.word(table["auth"], path + ("auth",), tuple(names.AUTH_METHOD),
                         "a phase-1 authentication method")
        return IkeProposal(
            encryption=names.ENCRYPTION[encryption],
            key_length=key_length,
            hash=names.HASH[hash_name],
            group=group,
            auth_method=names.AUTH_METHOD[auth],
            lifetime_seconds=self.get(table, path, "lifetime", self.lifetime, None),
            lifetime_kilobytes=self.get(table, path, "lifetime_kilobytes", self.lifetime, None),
        )

    def phase2(self, value: object, path: KeyPath) -> ChildProposal:
        table = self.table(value, path, _PHASE2_KEYS, ("pfs_group",))
        protocol = self.get(table, path, "protocol",
                            lambda v, p: self.word(v, p, tuple(names.PROTOCOL), "a protocol"),
                            "esp")
        mode = self.get(table, path, "mode",
                        lambda v, p: self.word(v, p, tuple(names.MODE), "a mode"), "tunnel")
        pfs_group = self.group(table["pfs_group"], path + ("pfs_group",), allow_none=True)
        lifetime = self.get(table, path, "lifetime", self.lifetime, None)
        kilobytes = self.get(table, path, "lifetime_kilobytes", self.lifetime, None)
        transforms = tuple(
            self.transform(entry, path + ("transforms", n)) for n, entry in enumerate(
                self.array_of_tables(table, path, "transforms", "transform")))
        return ChildProposal(protocol=names.PROTOCOL[protocol], transforms=transforms,
                             encapsulation=names.MODE[mode], pfs_group=pfs_group,
                             lifetime_seconds=lifetime, lifetime_kilobytes=kilobytes)

    def transform(self, value: object, path: KeyPath) -> EspTransform:
        table = self.table(value, path, _TRANSFORM_KEYS, ("encryption", "integrity"))
        encryption = self.word(table["encryption"], path + ("encryption",),
                               tuple(names.ESP_ENCRYPTION), "an ESP cipher")
        key_length = self.key_length(table, path, encryption, "aes-cbc")
        integrity = self.word(table["integrity"], path + ("integrity",), tuple(names.INTEGRITY),
                              "an integrity algorithm")
        if encryption == "null" and integrity == "none":
            raise self.error(path + ("integrity",), "ESP with null encryption needs an "
                             "integrity algorithm (RFC 4303 §3.2)",
                             _words(k for k in names.INTEGRITY if k != "none"))
        return EspTransform(transform_id=names.ESP_ENCRYPTION[encryption],
                            key_length=key_length, auth_algorithm=names.INTEGRITY[integrity])

    def behaviour(self, value: object, path: KeyPath) -> tuple[tuple[str, object], ...]:
        fields = _behaviour_fields()
        table = self.table(value, path, tuple(fields))
        return tuple((key, self.behaviour_value(fields[key], item, path + (key,)))
                     for key, item in table.items())

    def behaviour_value(self, kind: Any, value: object, path: KeyPath) -> object:
        if isinstance(kind, type) and issubclass(kind, Enum):
            words = tuple(str(member.value) for member in kind)
            return kind(self.word(value, path, words, f"a {kind.__name__} value"))
        if kind is bool:
            return self.boolean(value, path)
        if kind is int:
            return self.integer(value, path, 0, _BEHAVIOUR_INT_LIMIT, "a count")
        if kind is float:
            return self.number(value, path, 0.0, _MAX_BEHAVIOUR_FLOAT, "a positive number",
                               low_inclusive=False)
        if typing.get_origin(kind) is tuple and typing.get_args(kind) == (str, Ellipsis):
            allowed = "an array of Vendor ID names ikeviz knows, e.g. [\"XAUTH\"]"
            if not isinstance(value, list):
                raise self.error(path, f"expected an array, found {_kind(value)} "
                                 f"{_show(value)}", allowed)
            out = []
            for n, item in enumerate(value):
                text = self.string(item, path + (n,))
                if path[-1] == "send_vendor_ids" and text not in _VENDOR_ID_NAMES:
                    raise self.error(path + (n,), f"unknown Vendor ID {_show(text)}", allowed,
                                     _close(text, _VENDOR_ID_NAMES))
                out.append(text)
            return tuple(out)
        raise self.error(path, "this behaviour cannot be set in a scenario file")


def _is_address(text: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(text).version == version
    except ValueError:
        return False


@functools.cache
def _behaviour_fields() -> dict[str, Any]:
    hints = typing.get_type_hints(Behaviour)
    return {f.name: hints[f.name] for f in dataclasses.fields(Behaviour)}


def _decode(file: str, data: bytes) -> str:
    if b"\x00" in data:
        raise ScenarioFileError(file, None, "", "a binary file, not a scenario (TOML) text file",
                                "UTF-8 text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ScenarioFileError(file, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x} "
                                "cannot be decoded)", "UTF-8 text") from None


_TOML_POSITION = re.compile(r"^(?P<msg>.*?) \((?:at line (?P<line>\d+), column (?P<col>\d+)|"
                            r"at end of document)\)$", re.S)


def loads_scenario(text: str, *, file: str = "<text>",
                   profiles: Collection[str] | None = None) -> Scenario:
    """The scenario in ``text`` (TOML); ``file`` names it in error messages.

    ``profiles``: the known profile ids; when given, a gateway's profile must
    be one of them. Raises :class:`ScenarioFileError`.
    """
    if not text.strip():
        raise ScenarioFileError(file, None, "", "the file is empty",
                                "a scenario file (format_version, title, [left], [right])")
    try:
        data = tomllib.loads(text)
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a few thousand "["
        # would otherwise escape as a RecursionError.
        raise ScenarioFileError(file, None, "", "TOML syntax error: arrays or inline tables "
                                "nested too deeply", "a scenario file") from None
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.match(str(exc))
        message, line = str(exc), None
        if match is not None:
            message = match.group("msg")
            if message == "Illegal character '\\n'":
                message = "a string is not closed before the end of the line"
            elif message == "Cannot overwrite a value":
                message = "a key is set twice"
            elif message.startswith("Cannot declare"):
                message = "a table is declared twice"
            if match.group("line"):
                line = int(match.group("line"))
                message += f" (column {match.group('col')})"
            else:
                line = text.count("\n") + (0 if text.endswith("\n") else 1)
                message += " (at the end of the file)"
        raise ScenarioFileError(file, line, "", f"TOML syntax error: {message}") from None
    return _Reader(file, text, profiles).scenario(data)


def load_scenario(source: str | Path, *, text: str | None = None,
                  profiles: Collection[str] | None = None) -> Scenario:
    """The scenario in the file ``source`` (or in ``text``, named ``source``).

    Every problem, from a missing file to a typo in a cipher name, is a
    :class:`ScenarioFileError`.
    """
    file = str(source)
    if text is None:
        path = Path(source)
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise ScenarioFileError(file, None, "", "is a directory, not a scenario file")
            if not stat.S_ISREG(info.st_mode):
                raise ScenarioFileError(file, None, "", "is not a regular file")
            if info.st_size > MAX_FILE_SIZE:
                raise ScenarioFileError(file, None, "", f"is too large for a scenario file "
                                        f"({info.st_size} bytes)",
                                        f"up to {MAX_FILE_SIZE} bytes")
            # Read at most one byte past the limit: a file that grew after stat()
            # (or reports a size of 0, as /proc files do) cannot get around it.
            with path.open("rb") as stream:
                data = stream.read(MAX_FILE_SIZE + 1)
            if len(data) > MAX_FILE_SIZE:
                raise ScenarioFileError(file, None, "", "is too large for a scenario file "
                                        f"(more than {MAX_FILE_SIZE} bytes)",
                                        f"up to {MAX_FILE_SIZE} bytes")
        except (FileNotFoundError, NotADirectoryError):
            raise ScenarioFileError(file, None, "", "no such file") from None
        except IsADirectoryError:
            raise ScenarioFileError(file, None, "", "is a directory, not a scenario file") from None
        except PermissionError:
            raise ScenarioFileError(file, None, "", "cannot read the file: permission denied") \
                from None
        except OSError as exc:
            raise ScenarioFileError(file, None, "", f"cannot read the file: "
                                    f"{exc.strerror or exc}") from None
        text = _decode(file, data)
    return loads_scenario(text, file=file, profiles=profiles)


# --------------------------------------------------------------------------- writing

_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                   "\f": "\\f", "\r": "\\r"}


def _escape(text: str, *, keep_newlines: bool) -> str:
    out = []
    for ch in text:
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _basic_string(text: str) -> str:
    return f'"{_escape(text, keep_newlines=False)}"'


def _multiline_string(text: str) -> str:
    # The newline right after the opening quotes is not part of the value (TOML 1.0).
    return f'"""\n{_escape(text, keep_newlines=True)}"""'


def _scalar(value: object) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot save the number {value!r}")
        return repr(value)
    if isinstance(value, str):
        return _basic_string(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    raise ValueError(f"cannot save a value of type {type(value).__name__}: {value!r}")


def _word_of(table: Mapping[str, int | None], value: int | None, what: str) -> str:
    for word, number in table.items():
        if number == value:
            return word
    raise ValueError(f"cannot save {what} {value!r}: the file format has no name for it")


def _pair(key: str, value: object) -> str:
    return f"{key} = {_scalar(value)}"


def _text_pair(key: str, value: str) -> str:
    if key in _MULTILINE_TEXT and "\n" in value:
        return f"{key} = {_multiline_string(value)}"
    return _pair(key, value)


def _gateway_lines(side: str, gateway: Gateway, include_secrets: bool) -> list[str]:
    lines = [
        f"[{side}]",
        _pair("name", gateway.name),
        _pair("profile", gateway.profile),
        _pair("address", gateway.address),
        _pair("identity_type", gateway.identity_type),
        _pair("identity", gateway.identity),
        _pair("peer_identity_type", gateway.peer_identity_type),
        _pair("peer_identity", gateway.peer_identity),
        _pair("auth", gateway.auth),
    ]
    if gateway.psk is not None and include_secrets:
        lines.append(_pair("psk", gateway.psk))
    for key, field_name, _labels, secret in _PEM_FIELDS:
        pem = getattr(gateway, field_name)
        if pem is not None and (include_secrets or not secret):
            lines.append(f"{key} = {_multiline_string(pem)}")
    lines += [
        _pair("local_subnet", gateway.local_subnet),
        _pair("remote_subnet", gateway.remote_subnet),
        _pair("nat_traversal", gateway.nat_traversal),
        _pair("aggressive", gateway.aggressive),
    ]
    if gateway.behaviour:
        lines += ["", f"[{side}.behaviour]"]
        fields = _behaviour_fields()
        for name, value in gateway.behaviour:
            if fields.get(name) is float and isinstance(value, int) and not isinstance(value,
                                                                                       bool):
                value = float(value)
            lines.append(_pair(name, value))
    for p1 in gateway.phase1:
        encryption = _word_of(names.ENCRYPTION, p1.encryption, "the phase-1 cipher")
        lines += ["", f"[[{side}.phase1]]", _pair("encryption", encryption)]
        if p1.key_length is not None:
            lines.append(_pair("key_length", p1.key_length))
        lines += [
            _pair("hash", _word_of(names.HASH, p1.hash, "the hash")),
            _pair("group", p1.group),
            _pair("auth", _word_of(names.AUTH_METHOD, p1.auth_method,
                                   "the authentication method")),
        ]
        if p1.lifetime_seconds is not None:
            lines.append(_pair("lifetime", p1.lifetime_seconds))
        if p1.lifetime_kilobytes is not None:
            lines.append(_pair("lifetime_kilobytes", p1.lifetime_kilobytes))
    for p2 in gateway.phase2:
        lines += [
            "", f"[[{side}.phase2]]",
            _pair("protocol", _word_of(names.PROTOCOL, p2.protocol, "the protocol")),
            _pair("mode", _word_of(names.MODE, p2.encapsulation, "the mode")),
            _pair("pfs_group", "none" if p2.pfs_group is None else p2.pfs_group),
        ]
        if p2.lifetime_seconds is not None:
            lines.append(_pair("lifetime", p2.lifetime_seconds))
        if p2.lifetime_kilobytes is not None:
            lines.append(_pair("lifetime_kilobytes", p2.lifetime_kilobytes))
        for transform in p2.transforms:
            lines += ["", f"[[{side}.phase2.transforms]]",
                      _pair("encryption", _word_of(names.ESP_ENCRYPTION, transform.transform_id,
                                                   "the ESP cipher"))]
            if transform.key_length is not None:
                lines.append(_pair("key_length", transform.key_length))
            lines.append(_pair("integrity", _word_of(names.INTEGRITY, transform.auth_algorithm,
                                                     "the integrity algorithm")))
    return lines


def dump_lines(scenario: Scenario, *, include_secrets: bool = True) -> list[str]:
    """The lines of the file (without line ends), unchecked; see :func:`dumps_scenario`."""
    lines = [HEADER, _pair("format_version", FORMAT_VERSION), _pair("title", scenario.title)]
    if scenario.description:
        lines.append(_text_pair("description", scenario.description))
    lines += [_pair("initiator", scenario.initiator), _pair("seed", scenario.seed)]
    network = scenario.network
    lines += ["", "[network]", _pair("nat", network.nat),
              _pair("nat_public_address", network.nat_public_address),
              _pair("latency_ms", float(network.latency_ms))]
    if scenario.lesson is not None:
        lesson = scenario.lesson
        lines += ["", "[lesson]"]
        lines += [_text_pair(key, getattr(lesson, key)) for key in _LESSON_KEYS]
    for language, texts in sorted(scenario.translations, key=lambda item: item[0]):
        written = [_text_pair(key, getattr(texts, key)) for key in _TEXT_KEYS
                   if getattr(texts, key)]
        lines += ["", f"[translations.{language}]", *written]
    for side in _SIDES:
        lines.append("")
        lines += _gateway_lines(side, scenario.gateway(Side(side)), include_secrets)
    return lines


def dumps_scenario(scenario: Scenario, *, include_secrets: bool = True) -> str:
    """The scenario as TOML text: fixed key order, LF line ends, one final newline.

    ``include_secrets`` False leaves out the PSKs and private keys (the file
    then asks for the PSK). The text is checked by reading it back: a
    scenario the file format cannot hold (no proposals, a cipher without a
    file name, an empty PSK...) raises ``ValueError`` with the reason.
    """
    text = "\n".join(dump_lines(scenario, include_secrets=include_secrets)) + "\n"
    try:
        loads_scenario(text, file="<scenario>")
    except ScenarioFileError as exc:
        raise ValueError(f"cannot save this scenario: {exc}") from exc
    return text


def _holds_secret(scenario: Scenario, include_secrets: bool) -> bool:
    return include_secrets and any(
        gateway.psk is not None or gateway.private_key_pem is not None
        for gateway in (scenario.left, scenario.right))


def save_scenario(scenario: Scenario, path: str | Path, *, include_secrets: bool = True) -> None:
    """Write the scenario to ``path`` atomically.

    The text goes to a new temporary file in the same folder, is flushed and
    synced to disk, then renamed over ``path`` (``os.replace``): a crash or a
    full disk leaves the old file as it was. The new file is created with
    mode 0600 when it holds a PSK or a private key, else 0644 (both less the
    umask); the old file's mode is not carried over. A symbolic link is
    followed: the file it points to is replaced, and the link stays.
    """
    target = Path(os.path.realpath(path))
    data = dumps_scenario(scenario, include_secrets=include_secrets).encode("utf-8")
    mode = 0o600 if _holds_secret(scenario, include_secrets) else 0o644
    folder = target.parent
    import secrets  # here: it pulls in random, which the start-up does not need

    temp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
