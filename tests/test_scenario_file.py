"""The scenario file format: malformed files and their messages, round trips, atomic saves."""

from __future__ import annotations

import dataclasses
import os
import stat
import tomllib
import typing
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
    IkeProposal,
    LifetimePolicy,
    PfsPolicy,
)
from ikeviz.protocol.vendor_ids import KNOWN_VENDOR_IDS
from ikeviz.scenario import names
from ikeviz.scenario.fileformat import (
    ScenarioFileError,
    dumps_scenario,
    load_scenario,
    loads_scenario,
    locate,
    save_scenario,
)
from ikeviz.scenario.model import AuthKind, Gateway, Lesson, Network, Scenario, Side

DATA = Path(__file__).parent / "data" / "scenarios"

# A scenario in exactly the form dumps_scenario writes (checked below), which the
# malformed cases change one thing in.
BASE = """\
# ikeviz scenario
format_version = 1
title = "Lab"
initiator = "left"
seed = 1

[network]
nat = false
nat_public_address = "203.0.113.1"
latency_ms = 10.0

[left]
name = "OXO Paris"
profile = "omnipcx-office"
address = "192.0.2.1"
identity_type = "ipv4"
identity = ""
peer_identity_type = "ipv4"
peer_identity = ""
auth = "psk"
psk = "secret"
local_subnet = "10.1.0.0/24"
remote_subnet = "10.2.0.0/24"
nat_traversal = true
aggressive = false

[[left.phase1]]
encryption = "aes-cbc"
key_length = 128
hash = "sha1"
group = 14
auth = "psk"
lifetime = 28800

[[left.phase2]]
protocol = "esp"
mode = "tunnel"
pfs_group = 14
lifetime = 3600

[[left.phase2.transforms]]
encryption = "aes-cbc"
key_length = 128
integrity = "hmac-sha1"

[right]
name = "strongSwan Lyon"
profile = "strongswan"
address = "198.51.100.2"
identity_type = "fqdn"
identity = "lyon.example.com"
peer_identity_type = "ipv4"
peer_identity = ""
auth = "psk"
local_subnet = "10.2.0.0/24"
remote_subnet = "10.1.0.0/24"
nat_traversal = true
aggressive = false

[right.behaviour]
phase1_lifetime = "exact"
pfs = "required"

[[right.phase1]]
encryption = "3des-cbc"
hash = "md5"
group = 2
auth = "psk"

[[right.phase1]]
encryption = "aes-cbc"
key_length = 256
hash = "sha2-256"
group = 19
auth = "psk"
lifetime = 86400

[[right.phase2]]
protocol = "esp"
mode = "tunnel"
pfs_group = "none"

[[right.phase2.transforms]]
encryption = "3des-cbc"
integrity = "hmac-md5"
"""

PROFILES = ("omnipcx-office", "strongswan", "cisco-ios")


def _line(text: str, snippet: str) -> int:
    """The line of ``snippet``, which must occur exactly once (the test's own oracle)."""
    assert text.count(snippet) == 1, f"{snippet!r} occurs {text.count(snippet)} times"
    return text[: text.index(snippet)].count("\n") + 1


def _replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def _cut(start: str, end: str | None = None) -> Callable[[str], str]:
    """Remove from ``start`` up to (not including) ``end``, or to the end of the text."""

    def change(text: str) -> str:
        i = text.index(start)
        j = text.index(end, i + len(start)) if end is not None else len(text)
        return text[:i] + text[j:]

    return change


# --------------------------------------------------------------------------- the base


def test_base_is_a_valid_scenario_in_canonical_form() -> None:
    scenario = loads_scenario(BASE, file="lab.toml", profiles=PROFILES)
    assert scenario.left.phase1 == (IkeProposal(7, 128, 2, 14, 1, 28800),)
    assert scenario.right.phase1[0] == IkeProposal(5, None, 1, 2, 1, None)
    assert scenario.right.phase2 == (
        ChildProposal(3, (EspTransform(3, None, 1),), 1, None, None),)
    assert scenario.right.behaviour == (("phase1_lifetime", LifetimePolicy.EXACT),
                                        ("pfs", PfsPolicy.REQUIRED))
    assert scenario.left.psk == "secret" and scenario.right.psk is None
    assert scenario.lesson is None
    assert dumps_scenario(scenario) == BASE


# --------------------------------------------------------------------------- malformed files

# (id, change to BASE, key, snippet on the expected line (None: no line),
#  part of the message, allowed (exact, or None to skip), suggestion)
MALFORMED: list[tuple[str, Callable[[str], str], str, str | None, str, str | None, str]] = [
    ("dh-group-3", _replace("group = 14", "group = 3"), "left.phase1[0].group", "group = 3",
     "3 is not a DH group this engine supports", "1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21", ""),
    ("aes-key-length-100", _replace("key_length = 128", "key_length = 100"),
     "left.phase1[0].key_length", "key_length = 100", "100 is not an AES key length",
     "128, 192, 256", ""),
    ("key-length-on-3des",
     _replace('encryption = "3des-cbc"\n', 'encryption = "3des-cbc"\nkey_length = 128\n'),
     "right.phase1[0].key_length", 'key_length = 128\nhash = "md5"',
     "3des-cbc has a fixed key length; remove key_length", "key_length only with aes-cbc", ""),
    ("aes-without-key-length",
     _replace('encryption = "aes-cbc"\nkey_length = 128\nintegrity', 'encryption = "aes-cbc"\n'
              "integrity"),
     "left.phase2[0].transforms[0].key_length", "[[left.phase2.transforms]]",
     "aes-cbc needs a key_length", "128, 192, 256", ""),
    ("typo-in-a-key", _replace('encryption = "aes-cbc"', 'encrytion = "aes-cbc"'),
     "left.phase1[0].encrytion", "encrytion", 'unknown key "encrytion"',
     "encryption, key_length, hash, group, auth, lifetime, lifetime_kilobytes", "encryption"),
    ("typo-in-a-value", _replace('hash = "sha1"', 'hash = "sha-1"'), "left.phase1[0].hash",
     '"sha-1"', '"sha-1" is not a hash',
     '"md5", "sha1", "sha2-256", "sha2-384", "sha2-512"', "sha1"),
    ("alias-of-a-value", _replace('integrity = "hmac-md5"', 'integrity = "md5"'),
     "right.phase2[0].transforms[0].integrity", 'integrity = "md5"',
     '"md5" is not an integrity algorithm', None, "hmac-md5"),
    ("wrong-type-string-for-int", _replace("seed = 1", 'seed = "1"'), "seed", 'seed = "1"',
     'expected an integer, found a string "1"', "a seed from 0 to 9223372036854775807", ""),
    ("bool-is-not-an-int", _replace("lifetime = 3600", "lifetime = true"),
     "left.phase2[0].lifetime", "lifetime = true", "expected an integer, found a boolean true",
     "a lifetime from 1 to 4294967295", ""),
    ("int-is-not-a-bool", _replace("nat = false", "nat = 0"), "network.nat", "nat = 0",
     "expected true or false, found an integer 0", "true, false", ""),
    ("unknown-top-level-key", _replace('title = "Lab"\n', 'title = "Lab"\ntitel = "x"\n'),
     "titel", "titel", 'unknown key "titel"', None, "title"),
    ("unknown-key-in-network", _replace("latency_ms = 10.0", "latency = 10.0"),
     "network.latency", "latency = ", 'unknown key "latency"',
     "nat, nat_public_address, latency_ms", "latency_ms"),
    ("missing-right-gateway", _cut("[right]"), "right", None, "the right gateway is missing",
     None, ""),
    ("missing-required-key", _cut('address = "192.0.2.1"\n', "identity_type"), "left.address",
     "[left]", "required but missing", None, ""),
    ("bad-address", _replace('"192.0.2.1"', '"192.0.2.300"'), "left.address", "192.0.2.300",
     '"192.0.2.300" is not an IPv4 or IPv6 address', None, ""),
    ("bad-subnet", _replace('local_subnet = "10.1.0.0/24"', 'local_subnet = "10.1.0.0/33"'),
     "left.local_subnet", "10.1.0.0/33", "is not a subnet, range or address", None, ""),
    ("subnet-with-host-bits",
     _replace('remote_subnet = "10.1.0.0/24"', 'remote_subnet = "10.1.0.7/24"'),
     "right.remote_subnet", "10.1.0.7/24", '"10.1.0.7/24" has host bits set', None,
     "10.1.0.0/24"),
    ("backwards-range", _replace('local_subnet = "10.1.0.0/24"',
                                 'local_subnet = "10.1.0.9-10.1.0.1"'),
     "left.local_subnet", "10.1.0.9-10.1.0.1", "is not a range from low to high", None, ""),
    ("format-version-2", _replace("format_version = 1", "format_version = 2"), "format_version",
     "format_version", "format version 2 was written by a newer ikeviz", "1", ""),
    ("toml-syntax-error", _replace('title = "Lab"', 'title = "Lab'), "", 'title = "Lab',
     "TOML syntax error", None, ""),
    ("toml-duplicate-key", _replace("seed = 1\n", "seed = 1\nseed = 2\n"), "", "seed = 2",
     "TOML syntax error: a key is set twice", None, ""),
    ("toml-duplicate-table", _replace("[right]\n", "[left]  # again\n"), "", "[left]  # again",
     "TOML syntax error: a table is declared twice", None, ""),
    ("no-phase2", _cut("[[left.phase2]]", "[right]"), "left.phase2", "[left]",
     "at least one phase-2 proposal is required", "one or more [[left.phase2]] tables", ""),
    ("no-transform", _cut("[[left.phase2.transforms]]", "[right]"),
     "left.phase2[0].transforms", "[[left.phase2]]", "at least one transform is required",
     "one or more [[left.phase2.transforms]] tables", ""),
    ("second-array-element", _replace("group = 19", "group = 22"), "right.phase1[1].group",
     "group = 22", "22 is not a DH group", None, ""),
    ("lifetime-zero", _replace("lifetime = 28800", "lifetime = 0"),
     "left.phase1[0].lifetime", "lifetime = 0", "0 is out of range for a lifetime",
     "1 to 4294967295", ""),
    ("lifetime-2-to-the-32", _replace("lifetime = 86400", "lifetime = 4294967296"),
     "right.phase1[1].lifetime", "4294967296", "out of range", "1 to 4294967295", ""),
    ("negative-seed", _replace("seed = 1", "seed = -1"), "seed", "seed = -1",
     "-1 is out of range for a seed", None, ""),
    ("unknown-profile", _replace('"strongswan"', '"strongswn"'), "right.profile", "strongswn",
     'unknown profile "strongswn"', '"cisco-ios", "omnipcx-office", "strongswan"',
     "strongswan"),
    ("behaviour-unknown-field", _replace("phase1_lifetime =", "phase1_lifetme ="),
     "right.behaviour.phase1_lifetme", "phase1_lifetme", 'unknown key "phase1_lifetme"', None,
     "phase1_lifetime"),
    ("behaviour-enum-typo", _replace('phase1_lifetime = "exact"', 'phase1_lifetime = "exakt"'),
     "right.behaviour.phase1_lifetime", "exakt", '"exakt" is not a LifetimePolicy value',
     '"accept", "smaller", "reject-longer", "exact", "claim"', "exact"),
    ("behaviour-vendor-id-typo",
     _replace('pfs = "required"\n', 'pfs = "required"\nsend_vendor_ids = ["XAUHT"]\n'),
     "right.behaviour.send_vendor_ids[0]", "XAUHT", 'unknown Vendor ID "XAUHT"', None, "XAUTH"),
    ("initiator-not-a-side", _replace('initiator = "left"', 'initiator = "middle"'),
     "initiator", "middle", '"middle" is not a side', '"left", "right"', ""),
    ("pfs-group-by-name", _replace("pfs_group = 14", 'pfs_group = "modp2048"'),
     "left.phase2[0].pfs_group", "modp2048", '"modp2048" is not a DH group number',
     '1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, or "none" for no PFS', "14"),
    ("identity-type-typo", _replace('identity_type = "fqdn"', 'identity_type = "fdqn"'),
     "right.identity_type", "fdqn", '"fdqn" is not an identity type', None, "fqdn"),
    ("identity-not-an-address", _replace('identity = ""', 'identity = "gw.example.com"'),
     "left.identity", "gw.example.com", 'is not a valid ipv4 identity', None, ""),
    ("null-without-integrity",
     _replace('encryption = "3des-cbc"\nintegrity = "hmac-md5"',
              'encryption = "null"\nintegrity = "none"'),
     "right.phase2[0].transforms[0].integrity", 'integrity = "none"',
     "ESP with null encryption needs an integrity algorithm", None, ""),
    ("empty-psk", _replace('psk = "secret"', 'psk = ""'), "left.psk", 'psk = ""',
     "an empty pre-shared key", None, ""),
    ("not-a-pem-key", _replace('psk = "secret"\n', 'private_key = "secret"\n'),
     "left.private_key", "private_key", "not a PEM private key", None, ""),
    ("latency-not-finite", _replace("latency_ms = 10.0", "latency_ms = nan"),
     "network.latency_ms", "latency_ms", "out of range for a latency", None, ""),
    ("lesson-bad-label", _replace("[left]\n", '[lesson]\nexpected_outcome = "failed"\n'
                                  'expected_failure_at = "MM7"\n\n[left]\n'),
     "lesson.expected_failure_at", "MM7", '"MM7" is not a message label', None, "MM6"),
    ("lesson-failure-but-established",
     _replace("[left]\n", '[lesson]\nexpected_notify = "NO-PROPOSAL-CHOSEN"\n\n[left]\n'),
     "lesson.expected_notify", "NO-PROPOSAL-CHOSEN", 'is set, but expected_outcome is '
     '"established"', None, ""),
    ("unknown-sub-table",
     _replace('[[right.phase1]]\nencryption = "3des-cbc"', '[right.extra]\nencryption = "3des"'),
     "right.extra", "[right.extra]", 'unknown key "extra"', None, ""),
    ("gateway-not-a-table",
     lambda t: t[: t.index("[right]")].replace("seed = 1\n", 'seed = 1\nright = "x"\n'),
     "right", 'right = "x"', "expected a table [right], found a string",
     "a table [right]", ""),
]


@pytest.mark.parametrize(("change", "key", "snippet", "message", "allowed", "suggestion"),
                         [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_malformed_scenario_messages(change: Callable[[str], str], key: str,
                                     snippet: str | None, message: str, allowed: str | None,
                                     suggestion: str) -> None:
    text = change(BASE)
    with pytest.raises(ScenarioFileError) as info:
        loads_scenario(text, file="lab.toml", profiles=PROFILES)
    err = info.value
    line = _line(text, snippet) if snippet is not None else None
    assert (err.file, err.line, err.key) == ("lab.toml", line, key), str(err)
    assert message in err.message, str(err)
    if allowed is not None:
        assert err.allowed == allowed, str(err)
    assert err.suggestion == suggestion, str(err)
    shown = str(err)
    assert "\n" not in shown
    where = "lab.toml" if line is None else f"lab.toml:{line}"
    assert shown.startswith(f"{where}: {key}: " if key else f"{where}: ")
    if suggestion:
        assert shown.endswith("?") and suggestion in shown


def test_there_are_enough_malformed_cases() -> None:
    assert len(MALFORMED) >= 20
    assert len({case[0] for case in MALFORMED}) == len(MALFORMED)


def _error(text: str) -> str:
    with pytest.raises(ScenarioFileError) as info:
        loads_scenario(text, file="lab.toml", profiles=PROFILES)
    return str(info.value)


def test_whole_messages() -> None:
    assert _error(BASE.replace("group = 14", "group = 3", 1)) == (
        "lab.toml:31: left.phase1[0].group: 3 is not a DH group this engine supports; "
        "allowed: 1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21")
    assert _error(BASE.replace('hash = "sha1"', 'hash = "sha-1"')) == (
        'lab.toml:30: left.phase1[0].hash: "sha-1" is not a hash; allowed: "md5", "sha1", '
        '"sha2-256", "sha2-384", "sha2-512", did you mean "sha1"?')
    assert _error(BASE.replace("encryption", "encrytion", 1)) == (
        'lab.toml:28: left.phase1[0].encrytion: unknown key "encrytion"; allowed: encryption, '
        'key_length, hash, group, auth, lifetime, lifetime_kilobytes, did you mean '
        '"encryption"?')
    assert _error(BASE.replace("format_version = 1", "format_version = 2")) == (
        "lab.toml:2: format_version: format version 2 was written by a newer ikeviz; this one "
        "reads version 1; allowed: 1")
    assert _error(BASE.replace('title = "Lab"', 'title = "Lab')) == (
        "lab.toml:3: TOML syntax error: a string is not closed before the end of the line "
        "(column 13)")
    assert _error(BASE[: BASE.index("[right]")]) == (
        "lab.toml: right: the right gateway is missing; allowed: a [right] table with its "
        "[[right.phase1]] and [[right.phase2]] proposals")
    assert _error(BASE.replace("pfs_group = 14", 'pfs_group = "modp2048"')) == (
        'lab.toml:38: left.phase2[0].pfs_group: "modp2048" is not a DH group number; allowed: '
        '1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, or "none" for no PFS, did you mean 14?')


def test_profiles_are_checked_only_when_given() -> None:
    text = BASE.replace('"strongswan"', '"my-own-profile"')
    assert loads_scenario(text).right.profile == "my-own-profile"
    with pytest.raises(ScenarioFileError, match="unknown profile"):
        loads_scenario(text, profiles=PROFILES)


def test_format_version_problems() -> None:
    assert "required but missing" in _error(BASE.replace("format_version = 1\n", ""))
    assert "unknown format version 0" in _error(BASE.replace("format_version = 1",
                                                             "format_version = 0"))
    assert "expected an integer" in _error(BASE.replace("format_version = 1",
                                                        'format_version = "1"'))
    # A newer file's new keys do not hide the version message.
    newer = BASE.replace("format_version = 1", "format_version = 3\nhologram = true")
    assert "written by a newer ikeviz" in _error(newer)


# --------------------------------------------------------------------------- files


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


FILE_CASES: list[tuple[str, bytes | None, int | None, str]] = [
    ("empty", b"", None, "the file is empty"),
    ("blank", b"\n  \n\t\n", None, "the file is empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "a binary file"),
    ("latin-1", BASE.replace('"Lab"', '"Labor\u00e9"').encode("latin-1"), 3, "not UTF-8 text"),
    ("utf-16", BASE.encode("utf-16"), None, "a binary file"),
]


@pytest.mark.parametrize(("data", "line", "message"), [c[1:] for c in FILE_CASES],
                         ids=[c[0] for c in FILE_CASES])
def test_unreadable_files(tmp_path: Path, data: bytes, line: int | None, message: str) -> None:
    path = tmp_path / "lab.toml"
    path.write_bytes(data)
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert info.value.file == str(path)
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith(str(path))


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioFileError, match="is a directory, not a scenario file"):
        load_scenario(tmp_path)
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(tmp_path / "nowhere.toml")
    assert str(info.value) == f"{tmp_path / 'nowhere.toml'}: no such file"
    with pytest.raises(ScenarioFileError, match="no such file"):
        load_scenario(tmp_path / "nowhere" / "lab.toml")


def test_utf8_with_bom_and_crlf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lab.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode())
    assert load_scenario(path) == loads_scenario(BASE)


def test_text_argument_names_the_file() -> None:
    with pytest.raises(ScenarioFileError) as info:
        load_scenario("virtual.toml", text="")
    assert str(info.value) == "virtual.toml: the file is empty; allowed: a scenario file " \
        "(format_version, title, [left], [right])"


def test_hand_written_fixture_loads() -> None:
    scenario = load_scenario(DATA / "omnipcx-strongswan.toml", profiles=PROFILES)
    assert scenario.lesson == Lesson(objective="See a phase-1 DH group mismatch",
                                     expected_outcome="failed", expected_failure_at="MM2",
                                     expected_notify="NO-PROPOSAL-CHOSEN",
                                     expected_fix_side="right")
    assert scenario.network.latency_ms == 10.0 and isinstance(scenario.network.latency_ms, float)
    right = scenario.right
    assert right.behaviour[1] == ("retransmit_timeout", 2.0)
    assert right.behaviour[2] == ("send_vendor_ids", ("XAUTH",))
    assert right.phase2[0].transforms[1] == EspTransform(12, 256, 5)
    text = dumps_scenario(scenario)
    assert loads_scenario(text) == scenario and dumps_scenario(loads_scenario(text)) == text


def test_inline_values_get_their_lines() -> None:
    path = DATA / "omnipcx-strongswan.toml"
    text = path.read_text().replace("key_length = 256", "key_length = 100")
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path, text=text)
    assert info.value.key == "right.phase2[0].transforms[1].key_length"
    assert info.value.line == _line(text, "key_length = 100")


# --------------------------------------------------------------------------- line locator


def test_locator_tables_arrays_dotted_and_inline() -> None:
    text = """\
# comment [left]
a = 1
b.c.d = "x"   # dotted
"quoted key".e = 2
multi = '''
[left]
name = "not a key"
'''
text = \"\"\"
[[left.phase1]] \\\"\"\"
\"\"\"

[left]
name = "gw"
behaviour = { pfs = "required", retransmit_tries = 3 }
"""
    assert tomllib.loads(text)["text"] == '[[left.phase1]] """\n'
    assert locate(text, ("a",)) == 2
    assert locate(text, ("b", "c", "d")) == 3
    assert locate(text, ("b", "c")) == 3
    assert locate(text, ("quoted key", "e")) == 4
    assert locate(text, ("multi",)) == 5
    assert locate(text, ("text",)) == 9
    assert locate(text, ("left",)) == 13
    assert locate(text, ("left", "name")) == 14
    assert locate(text, ("left", "phase1", 0)) == 13  # not written: the enclosing table
    assert locate(text, ("left", "behaviour", "retransmit_tries")) == 15
    assert locate(text, ("nothing",)) is None

    text2 = """\
[[left.phase2]]
pfs_group = 14
[[left.phase2.transforms]]
encryption = "aes-cbc"
[[left.phase2.transforms]]
encryption = "3des-cbc"

[[left.phase2]]
pfs_group = 2
transforms = [
  { encryption = "des-cbc" },  # first
  {encryption="null", integrity = "hmac-sha1"},
]
[left.behaviour]
send_vendor_ids = [
  "XAUTH",
  "CISCO-UNITY",
]
[ right . phase1 ]
x.y = 1
[[right.phase2]]
"""
    assert locate(text2, ("left", "phase2", 0)) == 1
    assert locate(text2, ("left", "phase2", 0, "transforms", 0, "encryption")) == 4
    assert locate(text2, ("left", "phase2", 0, "transforms", 1, "encryption")) == 6
    assert locate(text2, ("left", "phase2", 0, "transforms", 1, "integrity")) == 5
    assert locate(text2, ("left", "phase2", 1)) == 8
    assert locate(text2, ("left", "phase2", 1, "pfs_group")) == 9
    assert locate(text2, ("left", "phase2", 1, "transforms")) == 10
    assert locate(text2, ("left", "phase2", 1, "transforms", 0, "encryption")) == 11
    assert locate(text2, ("left", "phase2", 1, "transforms", 1, "integrity")) == 12
    assert locate(text2, ("left", "phase2", 2)) == 1  # no third: the array itself
    assert locate(text2, ("left",)) == 1
    assert locate(text2, ("left", "behaviour", "send_vendor_ids", 1)) == 17
    assert locate(text2, ("right", "phase1", "x", "y")) == 20
    assert locate(text2, ("right", "phase2", 0)) == 21


def test_locator_agrees_with_every_line_of_a_saved_file() -> None:
    scenario = load_scenario(DATA / "omnipcx-strongswan.toml")
    text = dumps_scenario(scenario)
    lines = text.split("\n")
    for index, transform_line in enumerate(
            n + 1 for n, line in enumerate(lines) if line == "[[right.phase2.transforms]]"):
        assert locate(text, ("right", "phase2", 0, "transforms", index)) == transform_line
        assert locate(text, ("right", "phase2", 0, "transforms", index, "integrity")) == \
            transform_line + 2 + index  # the second transform has a key_length
    assert locate(text, ("right", "behaviour", "send_vendor_ids")) == \
        _line(text, "send_vendor_ids")


# --------------------------------------------------------------------------- round trips

PEM_KEY = ("-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n"
           "-----END PRIVATE KEY-----\n")
PEM_PUB = "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL\n-----END PUBLIC KEY-----"
PEM_CERT = ("-----BEGIN CERTIFICATE-----\r\nMIIBszCCAV2gAwIBAgIUJ\r\n"
            "-----END CERTIFICATE-----\r\n")


def _example() -> Scenario:
    left = Gateway(
        name='OXO "Paris" \\ HQ', profile="omnipcx-office", address="192.0.2.1",
        auth=AuthKind.RSA, psk=None, private_key_pem=PEM_KEY, peer_public_key_pem=PEM_PUB,
        phase1=(IkeProposal(), IkeProposal(5, None, 1, 2, 3, None, 1000)),
        phase2=(ChildProposal(), ChildProposal(3, (EspTransform(11, None, 7),
                                                   EspTransform(2, None, None)), 2, None,
                                               None, 50000)),
        local_subnet="10.1.0.1-10.1.0.99", remote_subnet="2001:db8::/32",
        behaviour=(("retransmit_tries", 3), ("commit_bit", True),
                   ("send_vendor_ids", ("XAUTH", "CISCO-UNITY"))),
    )
    right = Gateway(
        name="Lyon \u00e9\u00e8 \U0001f512", profile="strongswan", address="2001:db8::2",
        identity_type="user-fqdn", identity="vpn@lyon.example", peer_identity_type="dn",
        peer_identity="CN=OXO, O=Example", auth=AuthKind.CERTIFICATE, psk="p\u00e4ss\tword\x01",
        certificate_pem=PEM_CERT, ca_pem=PEM_CERT,
        phase1=(IkeProposal(7, 256, 6, 21, 3, 4294967295),), phase2=(ChildProposal(),),
        nat_traversal=False, aggressive=True,
    )
    lesson = Lesson(objective="Line one\nline two \"quoted\"", explanation="\\n is not a newline",
                    difficulty="advanced", expected_outcome="failed", expected_failure_at="QM2",
                    expected_notify="NO-PROPOSAL-CHOSEN", expected_fix_side="left")
    return Scenario(title="T\u00eftle\x7f", left=left, right=right, initiator=Side.RIGHT,
                    seed=2**63 - 1, network=Network(True, "198.51.100.7", 0.25),
                    description="multi\r\nline\n\n", lesson=lesson)


def test_example_round_trip_is_byte_identical(tmp_path: Path) -> None:
    scenario = _example()
    text = dumps_scenario(scenario)
    assert "\r" not in text.replace("\\r", "")
    assert text.startswith("# ikeviz scenario\nformat_version = 1\n") and text.endswith("\n")
    assert loads_scenario(text) == scenario
    assert dumps_scenario(loads_scenario(text)) == text
    path = tmp_path / "example.toml"
    save_scenario(scenario, path)
    assert path.read_bytes() == text.encode("utf-8")
    assert load_scenario(path) == scenario
    save_scenario(load_scenario(path), path)
    assert path.read_bytes() == text.encode("utf-8")


def test_pem_is_written_as_a_readable_multiline_string() -> None:
    text = dumps_scenario(_example())
    assert 'private_key = """\n-----BEGIN PRIVATE KEY-----\nMIIBVQ' in text
    assert 'certificate = """\n-----BEGIN CERTIFICATE-----\\r\n' in text


def test_behaviour_strings_are_saved_as_enum_values() -> None:
    base = loads_scenario(BASE)
    right = dataclasses.replace(base.right, behaviour=(("phase1_lifetime", "exact"),
                                                       ("pfs", PfsPolicy.REQUIRED)))
    text = dumps_scenario(base.with_gateway(Side.RIGHT, right))
    assert text == BASE


def test_behaviour_ints_for_floats_are_saved_as_floats() -> None:
    base = loads_scenario(BASE)
    right = dataclasses.replace(base.right, behaviour=(("retransmit_timeout", 2),))
    text = dumps_scenario(base.with_gateway(Side.RIGHT, right))
    assert "retransmit_timeout = 2.0\n" in text
    assert dumps_scenario(loads_scenario(text)) == text


def test_errors_pickle() -> None:
    import pickle

    with pytest.raises(ScenarioFileError) as info:
        loads_scenario(BASE.replace("group = 14", "group = 3", 1), file="lab.toml")
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value) and copy.line == 31


def test_include_secrets_false_drops_psk_and_private_key() -> None:
    scenario = _example()
    text = dumps_scenario(scenario, include_secrets=False)
    assert "psk =" not in text and "PRIVATE KEY" not in text
    loaded = loads_scenario(text)
    assert loaded.right.psk is None and loaded.left.private_key_pem is None
    assert loaded.right.certificate_pem == PEM_CERT  # not a secret
    assert loaded == dataclasses.replace(
        scenario, left=dataclasses.replace(scenario.left, private_key_pem=None),
        right=dataclasses.replace(scenario.right, psk=None))


def test_scenarios_the_format_cannot_hold_are_refused_on_save() -> None:
    base = loads_scenario(BASE)
    cases = [
        dataclasses.replace(base.left, phase2=()),
        dataclasses.replace(base.left, phase1=(IkeProposal(encryption=99),)),
        dataclasses.replace(base.left, phase1=(IkeProposal(5, 128, 2, 14, 1, 28800),)),
        dataclasses.replace(base.left, psk=""),
        dataclasses.replace(base.left, behaviour=(("no_such_field", 1),)),
        dataclasses.replace(base.left, behaviour=(("pfs", "sometimes"),)),
    ]
    for gateway in cases:
        with pytest.raises(ValueError, match="cannot save"):
            dumps_scenario(base.with_gateway(Side.LEFT, gateway))


# -- hypothesis: scenarios built from the names tables

texts = st.text(max_size=25)
nonempty = st.text(min_size=1, max_size=20).filter(str.strip)
v4 = st.ip_addresses(v=4).map(str)
addresses = st.ip_addresses().map(str)
lifetimes = st.none() | st.integers(1, 2**32 - 1)


@st.composite
def subnets(draw: st.DrawFn) -> str:
    import ipaddress

    kind = draw(st.sampled_from(["", "cidr", "range", "address"]))
    if kind == "":
        return ""
    version: typing.Literal[4, 6] = draw(st.sampled_from([4, 6]))
    if kind == "address":
        return str(draw(st.ip_addresses(v=version)))
    if kind == "range":
        a, b = sorted(draw(st.lists(st.ip_addresses(v=version), min_size=2, max_size=2)))
        return f"{a}-{b}"
    prefix = draw(st.integers(0, 32 if version == 4 else 128))
    address = draw(st.ip_addresses(v=version))
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def identities(kind: str) -> st.SearchStrategy[str]:
    return {
        "ipv4": st.just("") | v4,
        "ipv6": st.just("") | st.ip_addresses(v=6).map(str),
        "fqdn": st.from_regex(r"[a-z0-9.-]{1,20}", fullmatch=True),
        "user-fqdn": st.from_regex(r"[a-z0-9.]{1,8}@[a-z0-9.]{1,12}", fullmatch=True),
        "key-id": nonempty,
        "dn": nonempty,
    }[kind]


def pems(label: str) -> st.SearchStrategy[str]:
    body = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=", max_size=64)
    return st.builds(lambda b, end, tail: f"-----BEGIN {label}-----{end}{b}{end}"
                     f"-----END {label}-----{tail}",
                     body, st.sampled_from(["\n", "\r\n"]), st.sampled_from(["", "\n"]))


@st.composite
def ike_proposals(draw: st.DrawFn) -> IkeProposal:
    encryption = draw(st.sampled_from(sorted(names.ENCRYPTION)))
    return IkeProposal(
        encryption=names.ENCRYPTION[encryption],
        key_length=draw(st.sampled_from(names.AES_KEY_LENGTHS)) if encryption == "aes-cbc"
        else None,
        hash=names.HASH[draw(st.sampled_from(sorted(names.HASH)))],
        group=draw(st.sampled_from(names.GROUPS)),
        auth_method=names.AUTH_METHOD[draw(st.sampled_from(sorted(names.AUTH_METHOD)))],
        lifetime_seconds=draw(lifetimes),
        lifetime_kilobytes=draw(lifetimes),
    )


@st.composite
def esp_transforms(draw: st.DrawFn) -> EspTransform:
    encryption = draw(st.sampled_from(sorted(names.ESP_ENCRYPTION)))
    integrity = draw(st.sampled_from(sorted(names.INTEGRITY)))
    if encryption == "null" and integrity == "none":
        integrity = "hmac-sha1"
    return EspTransform(
        names.ESP_ENCRYPTION[encryption],
        draw(st.sampled_from(names.AES_KEY_LENGTHS)) if encryption == "aes-cbc" else None,
        names.INTEGRITY[integrity])


child_proposals = st.builds(
    ChildProposal,
    protocol=st.sampled_from(sorted(names.PROTOCOL.values())),
    transforms=st.lists(esp_transforms(), min_size=1, max_size=3).map(tuple),
    encapsulation=st.sampled_from(sorted(names.MODE.values())),
    pfs_group=st.none() | st.sampled_from(names.GROUPS),
    lifetime_seconds=lifetimes,
    lifetime_kilobytes=lifetimes,
)


def _behaviour_value(kind: object) -> st.SearchStrategy[object]:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from(list(kind))
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(0, 2**31 - 1)
    if kind is float:
        return st.floats(0, 1e6, exclude_min=True, allow_nan=False)
    return st.lists(st.sampled_from([v.name for v in KNOWN_VENDOR_IDS]), max_size=3).map(tuple)


BEHAVIOUR_TYPES = typing.get_type_hints(Behaviour)


@st.composite
def behaviours(draw: st.DrawFn) -> tuple[tuple[str, object], ...]:
    fields = draw(st.lists(st.sampled_from([f.name for f in dataclasses.fields(Behaviour)]),
                           unique=True, max_size=5))
    return tuple((name, draw(_behaviour_value(BEHAVIOUR_TYPES[name]))) for name in fields)


@st.composite
def gateways(draw: st.DrawFn) -> Gateway:
    identity_type = draw(st.sampled_from(sorted(names.ID_TYPE)))
    peer_identity_type = draw(st.sampled_from(sorted(names.ID_TYPE)))
    return Gateway(
        name=draw(nonempty), profile=draw(nonempty), address=draw(addresses),
        identity_type=identity_type, identity=draw(identities(identity_type)),
        peer_identity_type=peer_identity_type,
        peer_identity=draw(identities(peer_identity_type)),
        auth=draw(st.sampled_from(AuthKind)),
        psk=draw(st.none() | nonempty | st.text(min_size=1, max_size=30)),
        private_key_pem=draw(st.none() | pems("RSA PRIVATE KEY") | pems("PRIVATE KEY")),
        peer_public_key_pem=draw(st.none() | pems("PUBLIC KEY")),
        certificate_pem=draw(st.none() | pems("CERTIFICATE")),
        ca_pem=draw(st.none() | pems("CERTIFICATE")),
        phase1=tuple(draw(st.lists(ike_proposals(), min_size=1, max_size=3))),
        phase2=tuple(draw(st.lists(child_proposals, min_size=1, max_size=2))),
        local_subnet=draw(subnets()), remote_subnet=draw(subnets()),
        nat_traversal=draw(st.booleans()), aggressive=draw(st.booleans()),
        behaviour=draw(behaviours()),
    )


@st.composite
def lessons(draw: st.DrawFn) -> Lesson:
    outcome = draw(st.sampled_from(["established", "failed"]))
    failed = outcome == "failed"
    labels = ["", "MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "AM1", "QM1", "QM2", "QM3"]
    notifies = ["", "NO-PROPOSAL-CHOSEN", "INVALID-ID-INFORMATION", "AUTHENTICATION-FAILED",
                "PAYLOAD-MALFORMED", "INVALID-HASH-INFORMATION"]
    return Lesson(
        objective=draw(texts), explanation=draw(texts),
        difficulty=draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
        expected_outcome=outcome,
        expected_failure_at=draw(st.sampled_from(labels)) if failed else "",
        expected_notify=draw(st.sampled_from(notifies)) if failed else "",
        expected_fix_side=draw(st.sampled_from(["", "left", "right"])),
    )


scenarios = st.builds(
    Scenario,
    title=texts, left=gateways(), right=gateways(), initiator=st.sampled_from(Side),
    seed=st.integers(0, 2**63 - 1),
    network=st.builds(Network, st.booleans(), addresses,
                      st.floats(0, 60000, allow_nan=False)),
    description=texts, lesson=st.none() | lessons(),
)

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=250, suppress_health_check=SLOW, deadline=None)
@given(scenarios)
def test_round_trip_of_generated_scenarios(scenario: Scenario) -> None:
    text = dumps_scenario(scenario)
    loaded = loads_scenario(text)
    assert loaded == scenario
    assert dumps_scenario(loaded) == text
    assert all(line == line.rstrip("\r") for line in text.split("\n"))


@settings(max_examples=75, suppress_health_check=SLOW, deadline=None)
@given(scenarios)
def test_round_trip_without_secrets(scenario: Scenario) -> None:
    text = dumps_scenario(scenario, include_secrets=False)
    loaded = loads_scenario(text)
    assert loaded.left.psk is None and loaded.right.psk is None
    assert loaded.left.private_key_pem is None and loaded.right.private_key_pem is None
    assert dumps_scenario(loaded) == text


@settings(max_examples=100, suppress_health_check=SLOW, deadline=None)
@given(scenarios, st.data())
def test_a_changed_value_is_located(scenario: Scenario, data: st.DataObject) -> None:
    """In a saved file, every phase-1 group is found on its own line."""
    text = dumps_scenario(scenario)
    side = data.draw(st.sampled_from(["left", "right"]))
    gateway = scenario.gateway(Side(side))
    index = data.draw(st.integers(0, len(gateway.phase1) - 1))
    line = locate(text, (side, "phase1", index, "group"))
    assert line is not None
    assert text.split("\n")[line - 1] == f"group = {gateway.phase1[index].group}"
    headers = [n + 1 for n, row in enumerate(text.split("\n")) if row == f"[[{side}.phase1]]"]
    assert locate(text, (side, "phase1", index)) == headers[index]


@settings(max_examples=500, suppress_health_check=SLOW, deadline=None)
@given(st.data())
def test_mangled_files_give_only_scenario_file_errors(data: st.DataObject) -> None:
    """Whatever is cut, doubled or typed into a file, the answer is a scenario or one line."""
    text = BASE
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        kind = data.draw(st.sampled_from(["cut", "double", "type"]))
        if kind == "cut":
            text = text[:i] + text[j:]
        elif kind == "double":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + data.draw(st.text("[]{}=.,\"'#\n abc019-_", max_size=6)) + text[i:]
    try:
        loads_scenario(text, file="lab.toml")
    except ScenarioFileError as err:
        assert "\n" not in str(err)
        assert err.line is None or 1 <= err.line <= text.count("\n") + 1


# --------------------------------------------------------------------------- saving


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_modes_follow_the_secrets(tmp_path: Path) -> None:
    base = loads_scenario(BASE)
    with_psk = tmp_path / "psk.toml"
    save_scenario(base, with_psk)
    assert _mode(with_psk) == 0o600
    assert 'psk = "secret"' in with_psk.read_text()

    without = tmp_path / "nopsk.toml"
    save_scenario(base, without, include_secrets=False)
    assert _mode(without) == 0o644
    assert "psk =" not in without.read_text()
    assert load_scenario(without).left.psk is None

    # A private key is a secret too; a certificate is not.
    key_only = base.with_gateway(Side.LEFT, dataclasses.replace(
        base.left, psk=None, private_key_pem=PEM_KEY))
    save_scenario(key_only, tmp_path / "key.toml")
    assert _mode(tmp_path / "key.toml") == 0o600
    cert_only = base.with_gateway(Side.LEFT, dataclasses.replace(
        base.left, psk=None, certificate_pem=PEM_CERT))
    save_scenario(cert_only, tmp_path / "cert.toml")
    assert _mode(tmp_path / "cert.toml") == 0o644

    # Saving a PSK over a world-readable file makes a new, private file.
    save_scenario(base, without)
    assert _mode(without) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cert.toml", "key.toml", "nopsk.toml", "psk.toml"]


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          failing: str) -> None:
    path = tmp_path / "lab.toml"
    path.write_text("old contents\n")
    scenario = loads_scenario(BASE)

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr("ikeviz.scenario.fileformat.os.fdopen",
                            lambda fd, mode: _FailingFile(fd))
    else:
        monkeypatch.setattr(f"ikeviz.scenario.fileformat.os.{failing}", boom)
    with pytest.raises(OSError, match="No space left"):
        save_scenario(scenario, path)
    assert path.read_text() == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["lab.toml"]  # no temporary file left


class _FailingFile:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")


def test_save_refuses_an_unsaveable_scenario_without_touching_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lab.toml"
    path.write_text("old contents\n")
    base = loads_scenario(BASE)
    broken = base.with_gateway(Side.LEFT, dataclasses.replace(base.left, phase1=()))
    with pytest.raises(ValueError, match="at least one phase-1 proposal"):
        save_scenario(broken, path)
    assert path.read_text() == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["lab.toml"]
