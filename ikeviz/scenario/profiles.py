"""Gateway profiles: what a real product supports, how it selects, what it logs.

A profile is a data file in ``resources/profiles/`` (TOML). It gives the
algorithms the product supports (the GUI offers only these), its default
proposals, its fixed settings (OmniPCX Office: Main Mode only, identities are
the WAN addresses, PFS always on...), its selection behaviour (the values of
:class:`ikeviz.protocol.config.Behaviour`), and the log lines it prints at each
step and failure, with ``{placeholders}`` the diagnosis fills in.
"""

from __future__ import annotations

import os
import string
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path

from ikeviz.protocol.config import Behaviour, ChildProposal, EspTransform, IkeProposal
from ikeviz.protocol.vendor_ids import KNOWN_VENDOR_IDS
from ikeviz.scenario import names
from ikeviz.scenario.resources import profiles_dir as _bundled_profiles_dir


@dataclass(frozen=True)
class Supported:
    """The algorithm numbers a product offers (RFC 2409 / RFC 2407 values)."""

    encryption: tuple[int, ...] = (1, 5, 7)
    aes_key_lengths: tuple[int, ...] = (128, 192, 256)
    hash: tuple[int, ...] = (1, 2, 4, 5, 6)
    groups: tuple[int, ...] = (1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21)
    auth: tuple[str, ...] = ("psk", "rsa", "certificate")
    esp_encryption: tuple[int, ...] = (2, 3, 12)
    esp_integrity: tuple[int | None, ...] = (1, 2, 5, 6, 7)
    protocols: tuple[int, ...] = (3,)
    modes: tuple[int, ...] = (1, 2)
    id_types: tuple[str, ...] = ("ipv4", "fqdn", "user-fqdn", "key-id", "dn")


@dataclass(frozen=True)
class Fixed:
    """Settings the product does not let the user change (shown as such in the GUI).

    ``identity``: "wan-address" when identities are always the WAN IPv4
    addresses; ``pfs``: "always" / "never" / ""; ``phase2_same_as_phase1``:
    phase 2 uses the phase-1 algorithms and group (OmniPCX Office).
    """

    main_mode_only: bool = False
    identity: str = ""
    pfs: str = ""
    phase2_same_as_phase1: bool = False
    tunnel_only: bool = False
    esp_only: bool = False


@dataclass(frozen=True)
class ProfileTexts:
    """A profile's texts in another language (empty: the English one is shown)."""

    description: str = ""
    assumptions: tuple[str, ...] = ()  # empty, or one per English assumption, in order


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    product: str  # short product name for the diagram's lifeline header
    description: str
    assumptions: tuple[str, ...] = ()  # what the documentation does not say
    sources: tuple[str, ...] = ()
    supported: Supported = field(default_factory=Supported)
    fixed: Fixed = field(default_factory=Fixed)
    phase1: tuple[IkeProposal, ...] = ()
    phase2: tuple[ChildProposal, ...] = ()
    behaviour: Behaviour = field(default_factory=Behaviour)
    logs: tuple[tuple[str, str], ...] = ()  # (event key, log line template)
    state_names: str = "strongswan"  # whose state names the product's logs use
    #: ``[translations.fr]``: the description (and assumptions) in other languages,
    #: by language code (see ikeviz.scenario.translations.localized_profile).
    translations: tuple[tuple[str, ProfileTexts], ...] = ()

    def log_lines(self, key: str) -> list[str]:
        """The log line templates for an event key (e.g. "phase1.no_proposal")."""
        return [line for k, line in self.logs if k == key]


# --- loading profile files -----------------------------------------------------


#: The built-in profiles: ``resources/profiles`` next to the ``ikeviz`` package
#: (the repository layout). ``IKEVIZ_PROFILES_DIR`` or the ``directory``
#: argument of :func:`builtin_profiles` point elsewhere.
PROFILES_DIR: Path = _bundled_profiles_dir()
PROFILES_DIR_ENV = "IKEVIZ_PROFILES_DIR"

#: The events a profile may give log lines for.
LOG_KEYS: tuple[str, ...] = (
    "phase1.initiate",
    "phase1.selected",
    "phase1.no_proposal",  # responder refuses MM1
    "phase1.received_no_proposal",  # initiator gets N(NO_PROPOSAL_CHOSEN)
    "phase1.psk_mismatch_responder",  # cannot decrypt MM5
    "phase1.psk_mismatch_initiator",  # retransmits MM5, gives up
    "phase1.auth_failed",  # HASH_I / HASH_R mismatch
    "phase1.id_mismatch",
    "phase1.aggressive_refused",
    "phase1.lifetime",
    "phase1.established",
    "phase2.no_proposal",
    "phase2.received_no_proposal",
    "phase2.ts_mismatch",
    "phase2.pfs_mismatch",
    "phase2.lifetime",
    "phase2.established",
    "timeout",
)
#: The placeholders a log line template may use (``str.format`` fields).
LOG_PLACEHOLDERS: frozenset[str] = frozenset({
    "local_address", "remote_address", "local_id", "remote_id", "proposals_received",
    "proposals_configured", "selected", "notify", "local_ts", "remote_ts", "lifetime",
    "remote_lifetime", "tries", "message", "received_id", "received_tsi", "received_tsr",
})
STATE_NAME_STYLES: tuple[str, ...] = ("libreswan", "cisco", "strongswan")
AUTH_KINDS: tuple[str, ...] = ("psk", "rsa", "certificate")
FIXED_IDENTITIES: tuple[str, ...] = ("", "wan-address")
FIXED_PFS: tuple[str, ...] = ("", "always", "never")

_TOP_KEYS = frozenset({
    "id", "name", "product", "description", "assumptions", "sources", "state_names",
    "supported", "fixed", "phase1", "phase2", "behaviour", "logs", "translations",
})
#: The languages a profile's ``[translations]`` table may hold (English is the source).
TRANSLATION_LANGUAGES: tuple[str, ...] = ("fr",)
_REQUIRED_KEYS = ("id", "name", "product", "description")


class ProfileError(Exception):
    """A profile file that cannot be used: names the file, the key and the problem."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = Path(path)
        self.key = key
        self.problem = problem
        where = f"{self.path}: {key}" if key else str(self.path)
        super().__init__(f"{where}: {problem}")


def placeholders(template: str) -> set[str]:
    """The ``{field}`` names a log line template uses (``{{`` and ``}}`` are literal braces)."""
    out: set[str] = set()
    for _literal, field_name, _spec, _conversion in string.Formatter().parse(template):
        if field_name is not None:
            out.add(field_name)
    return out


class _Reader:
    """Strict reading of one parsed file: every error names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, key: str, problem: str) -> ProfileError:
        return ProfileError(self.path, key, problem)

    def table(self, value: object, key: str) -> Mapping[str, object]:
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table, not {_kind(value)}")
        return value

    def only(self, table: Mapping[str, object], allowed: typing.Iterable[str],
             prefix: str) -> None:
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                raise self.error(_join(prefix, key), "unknown key (allowed: "
                                 + ", ".join(sorted(allowed)) + ")")

    def string(self, value: object, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {_kind(value)}")
        return value

    def boolean(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_kind(value)}")
        return value

    def integer(self, value: object, key: str, *, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be an integer, not {_kind(value)}")
        if value < minimum:
            raise self.error(key, f"must be at least {minimum}, not {value}")
        return value

    def number(self, value: object, key: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"must be a number, not {_kind(value)}")
        if value <= 0:
            raise self.error(key, f"must be positive, not {value}")
        return float(value)

    def strings(self, value: object, key: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(key, f"must be a list of strings, not {_kind(value)}")
        return tuple(self.string(v, f"{key}[{i}]") for i, v in enumerate(value))

    def word(self, value: object, key: str, table: Mapping[str, int]) -> int:
        text = self.string(value, key)
        if text not in table:
            raise self.error(key, f"unknown value {text!r} (one of: {', '.join(table)})")
        return table[text]

    def choice(self, value: object, key: str, allowed: typing.Sequence[str]) -> str:
        text = self.string(value, key)
        if text not in allowed:
            raise self.error(key, f"unknown value {text!r} (one of: "
                             + ", ".join(repr(a) for a in allowed) + ")")
        return text

    def group(self, value: object, key: str) -> int:
        number = self.integer(value, key, minimum=1)
        if number not in names.GROUPS:
            raise self.error(key, f"unknown DH group {number} (one of: "
                             + ", ".join(str(g) for g in names.GROUPS) + ")")
        return number

    def entries(self, value: object, key: str) -> list[Mapping[str, object]]:
        if not isinstance(value, list):
            raise self.error(key, f"must be an array of tables ([[{key}]]), not {_kind(value)}")
        return [self.table(v, f"{key}[{i}]") for i, v in enumerate(value)]


def _kind(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _read_supported(r: _Reader, value: object) -> Supported:
    table = r.table(value, "supported")
    r.only(table, [f.name for f in fields(Supported)], "supported")
    default = Supported()
    out: dict[str, object] = {}

    def words(key: str, lookup: Mapping[str, int]) -> tuple[int, ...] | None:
        if key not in table:
            return None
        return tuple(r.word(v, f"supported.{key}[{i}]", lookup)
                     for i, v in enumerate(r.strings(table[key], f"supported.{key}")))

    for key, lookup in (("encryption", names.ENCRYPTION), ("hash", names.HASH),
                        ("esp_encryption", names.ESP_ENCRYPTION),
                        ("protocols", names.PROTOCOL), ("modes", names.MODE)):
        got = words(key, lookup)
        if got is not None:
            out[key] = got
    if "esp_integrity" in table:
        items = r.strings(table["esp_integrity"], "supported.esp_integrity")
        integrity: list[int | None] = []
        for i, text in enumerate(items):
            if text not in names.INTEGRITY:
                raise r.error(f"supported.esp_integrity[{i}]", f"unknown value {text!r} "
                              f"(one of: {', '.join(names.INTEGRITY)})")
            integrity.append(names.INTEGRITY[text])
        out["esp_integrity"] = tuple(integrity)
    if "aes_key_lengths" in table:
        lengths = table["aes_key_lengths"]
        if not isinstance(lengths, list):
            raise r.error("supported.aes_key_lengths", "must be a list of integers")
        checked = []
        for i, v in enumerate(lengths):
            bits = r.integer(v, f"supported.aes_key_lengths[{i}]", minimum=1)
            if bits not in names.AES_KEY_LENGTHS:
                raise r.error(f"supported.aes_key_lengths[{i}]", f"unknown AES key length "
                              f"{bits} (one of: 128, 192, 256)")
            checked.append(bits)
        out["aes_key_lengths"] = tuple(checked)
    if "groups" in table:
        groups = table["groups"]
        if not isinstance(groups, list):
            raise r.error("supported.groups", "must be a list of DH group numbers")
        out["groups"] = tuple(r.group(v, f"supported.groups[{i}]") for i, v in enumerate(groups))
    if "auth" in table:
        out["auth"] = tuple(r.choice(v, f"supported.auth[{i}]", AUTH_KINDS)
                            for i, v in enumerate(r.strings(table["auth"], "supported.auth")))
    if "id_types" in table:
        out["id_types"] = tuple(
            r.choice(v, f"supported.id_types[{i}]", tuple(names.ID_TYPE))
            for i, v in enumerate(r.strings(table["id_types"], "supported.id_types")))
    return replace(default, **out)  # type: ignore[arg-type]


def _read_fixed(r: _Reader, value: object) -> Fixed:
    table = r.table(value, "fixed")
    r.only(table, [f.name for f in fields(Fixed)], "fixed")
    out: dict[str, object] = {}
    for key in ("main_mode_only", "phase2_same_as_phase1", "tunnel_only", "esp_only"):
        if key in table:
            out[key] = r.boolean(table[key], f"fixed.{key}")
    if "identity" in table:
        out["identity"] = r.choice(table["identity"], "fixed.identity", FIXED_IDENTITIES)
    if "pfs" in table:
        out["pfs"] = r.choice(table["pfs"], "fixed.pfs", FIXED_PFS)
    return replace(Fixed(), **out)  # type: ignore[arg-type]


def _key_length(r: _Reader, entry: Mapping[str, object], key: str, is_aes: bool) -> int | None:
    if "key_length" not in entry:
        if is_aes:
            raise r.error(f"{key}.key_length", "AES needs a key length (128, 192 or 256)")
        return None
    if not is_aes:
        raise r.error(f"{key}.key_length", "only AES takes a key length")
    bits = r.integer(entry["key_length"], f"{key}.key_length", minimum=1)
    if bits not in names.AES_KEY_LENGTHS:
        raise r.error(f"{key}.key_length", f"unknown AES key length {bits} (one of: 128, 192, 256)")
    return bits


def _lifetime(r: _Reader, entry: Mapping[str, object], key: str, name: str) -> int | None:
    if name not in entry:
        return None
    return r.integer(entry[name], f"{key}.{name}", minimum=1)


def _pfs_group(r: _Reader, entry: Mapping[str, object], key: str) -> int | None:
    # As in the scenario file: required, a DH group number or "none" (no PFS).
    if "pfs_group" not in entry:
        raise r.error(f"{key}.pfs_group", 'missing (a DH group number, or "none" for no PFS)')
    if entry["pfs_group"] == "none":
        return None
    return r.group(entry["pfs_group"], f"{key}.pfs_group")


_PHASE1_KEYS = ("encryption", "key_length", "hash", "group", "auth", "lifetime",
                "lifetime_kilobytes")
_PHASE2_KEYS = ("protocol", "mode", "pfs_group", "lifetime", "lifetime_kilobytes", "transforms")
_TRANSFORM_KEYS = ("encryption", "key_length", "integrity")


def _read_phase1(r: _Reader, value: object) -> tuple[IkeProposal, ...]:
    out = []
    for i, entry in enumerate(r.entries(value, "phase1")):
        key = f"phase1[{i}]"
        r.only(entry, _PHASE1_KEYS, key)
        for required in ("encryption", "hash", "group", "auth"):
            if required not in entry:
                raise r.error(f"{key}.{required}", "missing")
        encryption = r.word(entry["encryption"], f"{key}.encryption", names.ENCRYPTION)
        out.append(IkeProposal(
            encryption=encryption,
            key_length=_key_length(r, entry, key, encryption == names.ENCRYPTION["aes-cbc"]),
            hash=r.word(entry["hash"], f"{key}.hash", names.HASH),
            group=r.group(entry["group"], f"{key}.group"),
            auth_method=r.word(entry["auth"], f"{key}.auth", names.AUTH_METHOD),
            lifetime_seconds=_lifetime(r, entry, key, "lifetime"),
            lifetime_kilobytes=_lifetime(r, entry, key, "lifetime_kilobytes"),
        ))
    return tuple(out)


def _read_phase2(r: _Reader, value: object) -> tuple[ChildProposal, ...]:
    out = []
    for i, entry in enumerate(r.entries(value, "phase2")):
        key = f"phase2[{i}]"
        r.only(entry, _PHASE2_KEYS, key)
        if "transforms" not in entry:
            raise r.error(f"{key}.transforms", "missing (at least one [[phase2.transforms]])")
        transforms = []
        for j, t in enumerate(r.entries(entry["transforms"], f"{key}.transforms")):
            tkey = f"{key}.transforms[{j}]"
            r.only(t, _TRANSFORM_KEYS, tkey)
            for required in ("encryption", "integrity"):
                if required not in t:
                    raise r.error(f"{tkey}.{required}", "missing")
            esp = r.word(t["encryption"], f"{tkey}.encryption", names.ESP_ENCRYPTION)
            integrity_word = r.choice(t["integrity"], f"{tkey}.integrity", tuple(names.INTEGRITY))
            transforms.append(EspTransform(
                transform_id=esp,
                key_length=_key_length(r, t, tkey, esp == names.ESP_ENCRYPTION["aes-cbc"]),
                auth_algorithm=names.INTEGRITY[integrity_word],
            ))
        if not transforms:
            raise r.error(f"{key}.transforms", "needs at least one transform")
        out.append(ChildProposal(
            protocol=r.word(entry.get("protocol", "esp"), f"{key}.protocol", names.PROTOCOL),
            transforms=tuple(transforms),
            encapsulation=r.word(entry.get("mode", "tunnel"), f"{key}.mode", names.MODE),
            pfs_group=_pfs_group(r, entry, key),
            lifetime_seconds=_lifetime(r, entry, key, "lifetime"),
            lifetime_kilobytes=_lifetime(r, entry, key, "lifetime_kilobytes"),
        ))
    return tuple(out)


def _read_behaviour(r: _Reader, value: object) -> Behaviour:
    table = r.table(value, "behaviour")
    hints = typing.get_type_hints(Behaviour)
    r.only(table, hints, "behaviour")
    known_vids = {vid.name for vid in KNOWN_VENDOR_IDS}
    out: dict[str, object] = {}
    for name, raw in table.items():
        key = f"behaviour.{name}"
        hint = hints[name]
        if isinstance(hint, type) and issubclass(hint, Enum):
            allowed = tuple(str(member.value) for member in hint)
            out[name] = hint(r.choice(raw, key, allowed))
        elif hint is bool:
            out[name] = r.boolean(raw, key)
        elif hint is int:
            out[name] = r.integer(raw, key, minimum=1)
        elif hint is float:
            out[name] = r.number(raw, key)
        elif name == "send_vendor_ids":
            vids = r.strings(raw, key)
            for i, vid in enumerate(vids):
                if vid not in known_vids:
                    raise r.error(f"{key}[{i}]", f"unknown Vendor ID name {vid!r} (names as in "
                                  "ikeviz.protocol.vendor_ids.KNOWN_VENDOR_IDS)")
            out[name] = vids
        else:  # pragma: no cover - a Behaviour field this loader does not know
            raise r.error(key, f"cannot read a value of type {hint}")
    return replace(Behaviour(), **out)  # type: ignore[arg-type]


def _read_logs(r: _Reader, value: object) -> tuple[tuple[str, str], ...]:
    table = r.table(value, "logs")
    flat: list[tuple[str, object]] = []

    def walk(node: Mapping[str, object], prefix: str) -> None:
        for name, item in node.items():
            key = _join(prefix, name)
            if isinstance(item, dict):
                walk(item, key)
            else:
                flat.append((key, item))

    walk(table, "")
    out: list[tuple[str, str]] = []
    for key, item in flat:
        where = f"logs.{key}"
        if key not in LOG_KEYS:
            raise r.error(where, "unknown log event (one of: " + ", ".join(LOG_KEYS) + ")")
        lines = (r.string(item, where),) if isinstance(item, str) else r.strings(item, where)
        for i, line in enumerate(lines):
            try:
                used = placeholders(line)
            except ValueError as exc:
                raise r.error(f"{where}[{i}]", f"bad template: {exc} (write {{{{ and }}}} "
                              "for literal braces)") from exc
            unknown = used - LOG_PLACEHOLDERS
            if unknown:
                raise r.error(f"{where}[{i}]", "unknown placeholder "
                              + ", ".join("{" + u + "}" for u in sorted(unknown))
                              + " (allowed: " + ", ".join(sorted(LOG_PLACEHOLDERS)) + ")")
            out.append((key, line))
    return tuple(out)


_AUTH_KIND_OF_METHOD = {
    names.AUTH_METHOD["psk"]: ("psk",),
    names.AUTH_METHOD["rsa-sig"]: ("rsa", "certificate"),
}


def _read_translations(r: _Reader, value: object,
                       assumptions: int) -> tuple[tuple[str, ProfileTexts], ...]:
    table = r.table(value, "translations")
    r.only(table, TRANSLATION_LANGUAGES, "translations")
    out = []
    for language in TRANSLATION_LANGUAGES:
        if language not in table:
            continue
        prefix = f"translations.{language}"
        texts = r.table(table[language], prefix)
        r.only(texts, ("description", "assumptions"), prefix)
        translated = r.strings(texts.get("assumptions", []), f"{prefix}.assumptions")
        if translated and len(translated) != assumptions:
            raise r.error(f"{prefix}.assumptions", f"{len(translated)} translated, but the "
                          f"profile has {assumptions} assumptions (translate all, in order)")
        out.append((language, ProfileTexts(
            description=r.string(texts.get("description", ""), f"{prefix}.description"),
            assumptions=translated)))
    return tuple(out)


def _check_consistency(r: _Reader, profile: Profile) -> None:
    """The default proposals use only what the product supports and its fixed settings allow."""
    s, fixed = profile.supported, profile.fixed
    for i, p in enumerate(profile.phase1):
        key = f"phase1[{i}]"
        if p.encryption not in s.encryption:
            raise r.error(f"{key}.encryption", "not in supported.encryption")
        if p.key_length is not None and p.key_length not in s.aes_key_lengths:
            raise r.error(f"{key}.key_length", "not in supported.aes_key_lengths")
        if p.hash not in s.hash:
            raise r.error(f"{key}.hash", "not in supported.hash")
        if p.group not in s.groups:
            raise r.error(f"{key}.group", "not in supported.groups")
        if not set(_AUTH_KIND_OF_METHOD.get(p.auth_method, ())) & set(s.auth):
            raise r.error(f"{key}.auth", "not in supported.auth")
    phase1_groups = {p.group for p in profile.phase1}
    for i, c in enumerate(profile.phase2):
        key = f"phase2[{i}]"
        if c.protocol not in s.protocols or (fixed.esp_only and c.protocol != 3):
            raise r.error(f"{key}.protocol", "not allowed by supported.protocols / fixed.esp_only")
        if c.encapsulation not in s.modes or (fixed.tunnel_only and c.encapsulation != 1):
            raise r.error(f"{key}.mode", "not allowed by supported.modes / fixed.tunnel_only")
        if c.pfs_group is not None and c.pfs_group not in s.groups:
            raise r.error(f"{key}.pfs_group", "not in supported.groups")
        if fixed.pfs == "always" and c.pfs_group is None:
            raise r.error(f"{key}.pfs_group", "missing, but fixed.pfs is \"always\"")
        if fixed.pfs == "never" and c.pfs_group is not None:
            raise r.error(f"{key}.pfs_group", "given, but fixed.pfs is \"never\"")
        if (fixed.phase2_same_as_phase1 and c.pfs_group is not None and phase1_groups
                and c.pfs_group not in phase1_groups):
            raise r.error(f"{key}.pfs_group", "must be a phase-1 group "
                          "(fixed.phase2_same_as_phase1)")
        for j, t in enumerate(c.transforms):
            tkey = f"{key}.transforms[{j}]"
            if t.transform_id not in s.esp_encryption:
                raise r.error(f"{tkey}.encryption", "not in supported.esp_encryption")
            if t.key_length is not None and t.key_length not in s.aes_key_lengths:
                raise r.error(f"{tkey}.key_length", "not in supported.aes_key_lengths")
            if t.auth_algorithm not in s.esp_integrity:
                raise r.error(f"{tkey}.integrity", "not in supported.esp_integrity")
    if fixed.main_mode_only and (profile.behaviour.accept_aggressive
                                 or profile.behaviour.aggressive):
        raise r.error("behaviour.accept_aggressive", "Aggressive Mode with fixed.main_mode_only")


def load_profile(path: Path | str) -> Profile:
    """Read and check one profile file (TOML); raises :class:`ProfileError`."""
    path = Path(path)
    r = _Reader(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ProfileError(path, "", f"cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(path, "", f"not valid TOML: {exc}") from exc
    r.only(data, _TOP_KEYS, "")
    for key in _REQUIRED_KEYS:
        if key not in data:
            raise r.error(key, "missing")
    profile_id = r.string(data["id"], "id")
    if profile_id != path.stem:
        raise r.error("id", f"{profile_id!r} must be the file name without .toml ({path.stem!r})")
    profile = Profile(
        id=profile_id,
        name=r.string(data["name"], "name"),
        product=r.string(data["product"], "product"),
        description=r.string(data["description"], "description"),
        assumptions=r.strings(data.get("assumptions", []), "assumptions"),
        sources=r.strings(data.get("sources", []), "sources"),
        supported=_read_supported(r, data["supported"]) if "supported" in data else Supported(),
        fixed=_read_fixed(r, data["fixed"]) if "fixed" in data else Fixed(),
        phase1=_read_phase1(r, data["phase1"]) if "phase1" in data else (),
        phase2=_read_phase2(r, data["phase2"]) if "phase2" in data else (),
        behaviour=_read_behaviour(r, data["behaviour"]) if "behaviour" in data else Behaviour(),
        logs=_read_logs(r, data["logs"]) if "logs" in data else (),
        state_names=r.choice(data.get("state_names", "strongswan"), "state_names",
                             STATE_NAME_STYLES),
    )
    if "translations" in data:
        profile = replace(profile, translations=_read_translations(r, data["translations"],
                                                                   len(profile.assumptions)))
    _check_consistency(r, profile)
    return profile


def profiles_dir() -> Path:
    """The built-in profiles' directory: ``$IKEVIZ_PROFILES_DIR``, else :data:`PROFILES_DIR`."""
    override = os.environ.get(PROFILES_DIR_ENV)
    return Path(override) if override else PROFILES_DIR


@lru_cache(maxsize=8)
def _load_dir(directory: str) -> tuple[Profile, ...]:
    folder = Path(directory)
    if not folder.is_dir():
        raise ProfileError(folder, "", "no such profile directory")
    return tuple(load_profile(p) for p in sorted(folder.glob("*.toml")))


def builtin_profiles(directory: Path | str | None = None) -> dict[str, Profile]:
    """Every profile of a directory by id (default :func:`profiles_dir`); read once, cached."""
    folder = Path(directory) if directory is not None else profiles_dir()
    return {p.id: p for p in _load_dir(str(folder.resolve()))}
