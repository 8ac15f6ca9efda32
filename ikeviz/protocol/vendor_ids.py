"""Well-known Vendor ID payload values (RFC 2408 §3.16), so a capture's VIDs get names.

A Vendor ID is opaque; most are an MD5 hash of a string (computed here with
:mod:`hashlib` from the documented string), some are raw ASCII, some are
opaque byte strings copied as hex from the source named in each entry, and a
few carry a version or capability suffix after a fixed prefix.

Matching (:func:`identify_vendor_id`): an ``exact`` entry matches only the
same bytes; a ``prefix`` entry matches any payload that starts with its value.
The longest matching value wins (an exact entry beats a prefix entry of the
same length). For prefix entries whose suffix has a known meaning (the Windows
version after "MS NT5 ISAKMPOAKLEY", the DPD and Cisco Unity version bytes,
the Check Point product and version, the fragmentation capability flags ...)
the returned name says what the suffix means.

Names follow Wireshark's ``packet-isakmp.c`` where Wireshark knows the value
(so that ikeviz and Wireshark label a capture alike), otherwise the name used
by the source (ike-scan ``ike-vendor-ids``, libreswan ``vendorid.c``,
strongSwan ``isakmp_vendor.c``, nmap ``ike-fingerprints.lua``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

__all__ = [
    "KNOWN_VENDOR_IDS",
    "KnownVendorId",
    "MatchKind",
    "identify_vendor_id",
    "vendor_id_for",
]

MatchKind: TypeAlias = Literal["exact", "prefix"]


@dataclass(frozen=True)
class KnownVendorId:
    """One known Vendor ID value.

    ``value`` is the whole VID (``match == "exact"``) or its fixed leading
    part (``match == "prefix"``); ``source`` says where the value comes from
    (and, for hashed VIDs, which string is hashed).
    """

    name: str
    value: bytes
    match: MatchKind
    source: str


# --- how the values are made --------------------------------------------------

_WS: Final = "Wireshark packet-isakmp.c"
_IKESCAN: Final = "ike-scan ike-vendor-ids"
_LS: Final = "libreswan programs/pluto/vendorid.c"
_SW: Final = "strongSwan src/libcharon/sa/ikev1/tasks/isakmp_vendor.c"
_NMAP: Final = "nmap nselib/data/ike-fingerprints.lua"


def _md5(text: str) -> bytes:
    return hashlib.md5(text.encode("latin-1"), usedforsecurity=False).digest()


def _md5_vid(name: str, text: str, source: str, match: MatchKind = "exact") -> KnownVendorId:
    """A VID that is MD5(text); the string is recorded in ``source``."""
    return KnownVendorId(name, _md5(text), match, f"MD5({text!r}); {source}")


def _hex_vid(name: str, hex_value: str, source: str, match: MatchKind = "exact") -> KnownVendorId:
    """An opaque VID, as the source gives it in hex."""
    return KnownVendorId(name, bytes.fromhex(hex_value), match, f"opaque value; {source}")


def _ascii_vid(name: str, text: str, source: str, match: MatchKind = "prefix") -> KnownVendorId:
    """A VID that is the ASCII text itself (no terminator)."""
    return KnownVendorId(name, text.encode("ascii"), match, f"ASCII {text!r}; {source}")


def _freeswan_hash(text: str) -> bytes:
    """FreeS/WAN 2.x / Openswan VID: "OE" + 10 bytes of MD5(text) forced into 0x40-0x7f.

    The "ASCIIfication" clears bit 7 and sets bit 6 of each hash byte
    (described in ike-scan's ike-vendor-ids and done by libreswan's
    ``init_vendorid``).
    """
    digest = _md5(text)
    return b"OE" + bytes((b & 0x7F) | 0x40 for b in digest[:10])


def _freeswan_vid(name: str, text: str, source: str) -> KnownVendorId:
    return KnownVendorId(
        name, _freeswan_hash(text), "exact", f"'OE' + ASCIIfied MD5({text!r})[:10]; {source}"
    )


# --- suffix decoders (prefix entries) -------------------------------------------

_SuffixDecoder: TypeAlias = Callable[[bytes], str | None]

# MS-IKEE: the 4 bytes after MD5("MS NT5 ISAKMPOAKLEY") are a version number.
# 2-8 as listed in libreswan vendorid.c (from Microsoft's MS-IKEE document,
# msdn cc233476) and Wireshark; 9 from nmap's ike-fingerprints.lua.
_MS_NT5_VERSIONS: Final[dict[int, str]] = {
    2: "Windows 2000",
    3: "Windows XP",
    4: "Windows Server 2003 / Windows XP SP2",
    5: "Windows Vista",
    6: "Windows Server 2008",
    7: "Windows 7",
    8: "Windows Server 2008 R2",
    9: "Windows 8",
}

# Check Point: 20-byte prefix, then product, version, timestamp, reserved,
# features (4 bytes each), per Wireshark (cp_product, cp_version) and ike-scan.
_CHECKPOINT_PRODUCTS: Final[dict[int, str]] = {1: "Firewall-1", 2: "SecuRemote/SecureClient"}
_CHECKPOINT_VERSIONS: Final[dict[int, str]] = {
    2: "4.1",
    3: "4.1 SP-1",
    4002: "4.1 SP-2 or above",
    5000: "NG",
    5001: "NG Feature Pack 1",
    5002: "NG Feature Pack 2",
    5003: "NG Feature Pack 3",
    5004: "NG with Application Intelligence (R54)",
    5005: "NG with Application Intelligence R55",
    5006: "NG with Application Intelligence R56",
}


def _printable(data: bytes) -> str:
    return "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in data)


def _text_runs(data: bytes, minimum: int = 4) -> list[str]:
    """Runs of printable ASCII at least ``minimum`` long (for version strings)."""
    runs: list[str] = []
    current: list[str] = []
    for b in data + b"\x00":
        if 0x20 <= b < 0x7F:
            current.append(chr(b))
            continue
        if len(current) >= minimum:
            runs.append("".join(current).strip())
        current = []
    return [run for run in runs if run]


def _decode_ms_nt5(suffix: bytes) -> str | None:
    if len(suffix) < 4:
        return None
    version = int.from_bytes(suffix[:4], "big")
    system = _MS_NT5_VERSIONS.get(version)
    text = f"MS NT5 ISAKMPOAKLEY version {version}"
    return f"{text} ({system})" if system else text


def _version_bytes(label: str) -> _SuffixDecoder:
    def decode(suffix: bytes) -> str | None:
        if len(suffix) != 2:
            return None
        return f"{label} version {suffix[0]}.{suffix[1]}"

    return decode


def _decode_cisco3000(suffix: bytes) -> str | None:
    # "Last two bytes are version number, eg 0306 = 3.0.6" (libreswan vendorid.c).
    if len(suffix) != 2:
        return None
    return f"Cisco VPN 3000 Concentrator version {suffix[0]}.{suffix[1] >> 4}.{suffix[1] & 0xF}"


def _decode_checkpoint(suffix: bytes) -> str | None:
    if len(suffix) < 8:
        return None
    product = int.from_bytes(suffix[0:4], "big")
    version = int.from_bytes(suffix[4:8], "big")
    product_text = _CHECKPOINT_PRODUCTS.get(product, f"product {product}")
    version_text = _CHECKPOINT_VERSIONS.get(version, f"version {version}")
    return f"Check Point ({product_text}, {version_text})"


def _decode_fragmentation(suffix: bytes) -> str | None:
    # Capability flags; racoon/strongSwan: 0x80000000 fragmentation of
    # Main/Aggressive Mode, 0x40000000 of base ISAKMP messages (Cisco: c0000000).
    if len(suffix) != 4:
        return None
    return f"FRAGMENTATION {suffix.hex()}"


def _decode_nortel(suffix: bytes) -> str | None:
    if len(suffix) != 4:
        return None
    return f"Nortel Contivity (version {int.from_bytes(suffix, 'big')})"


def _with_text(label: str) -> _SuffixDecoder:
    def decode(suffix: bytes) -> str | None:
        runs = _text_runs(suffix)
        return f"{label} {' '.join(runs)}" if runs else None

    return decode


def _with_ascii(template: str) -> _SuffixDecoder:
    """Put the printable suffix into ``template`` (at ``{}``)."""

    def decode(suffix: bytes) -> str | None:
        text = _printable(suffix.rstrip(b"\x00")).rstrip()
        return template.format(text) if text.strip() else None

    return decode


def _with_hex(label: str) -> _SuffixDecoder:
    def decode(suffix: bytes) -> str | None:
        return f"{label} + {suffix.hex()}" if suffix else None

    return decode


# --- the table --------------------------------------------------------------------

_CISCO_UNITY_PREFIX: Final = _md5("CISCO-UNITY")[:14]
_CISCO_3000_PREFIX: Final = _md5("ALTIGA GATEWAY")[:14]
_DPD_PREFIX: Final = bytes.fromhex("afcad71368a1f1c96b8696fc7757")
_XAUTH_MD5: Final = _md5("draft-ietf-ipsra-isakmp-xauth-06.txt")

_STRONGSWAN_PLUTO_VERSIONS: Final = (
    [f"2.2.{n}" for n in range(3)]
    + [f"2.3.{n}" for n in range(3)]
    + [f"2.4.{n}" for n in range(5)]
    + [f"2.5.{n}" for n in range(8)]
    + [f"2.6.{n}" for n in range(5)]
    + [f"2.7.{n}" for n in range(4)]
    + [f"2.8.{n}" for n in range(12)]
    + [f"4.0.{n}" for n in range(8)]
    + [f"4.1.{n}" for n in range(12)]
    + [f"4.2.{n}" for n in range(18)]
    + [f"4.3.{n}" for n in range(6)]
)

_SSH_IPSEC_EXPRESS: Final = (
    ("Ssh", "1.1.0"),
    ("Ssh", "1.1.1"),
    ("Ssh", "1.1.2"),
    ("Ssh", "1.2.1"),
    ("Ssh", "1.2.2"),
    ("SSH", "2.0.0"),
    ("SSH", "2.1.0"),
    ("SSH", "2.1.1"),
    ("SSH", "2.1.2"),
    ("SSH", "3.0.0"),
    ("SSH", "3.0.1"),
    ("SSH", "4.0.0"),
    ("SSH", "4.0.1"),
    ("SSH", "4.1.0"),
    ("SSH", "4.1.1"),
    ("SSH", "4.2.0"),
    ("SSH", "5.0"),
    ("SSH", "5.0.0"),
    ("SSH", "5.1.0"),
    ("SSH", "5.1.1"),
)

# NAT-T draft numbers and who lists them (strongSwan knows 00, 02-08).
_NATT_DRAFTS: Final = (
    (0, f"{_WS}, {_SW}, {_LS}, {_IKESCAN}"),
    (1, f"{_WS}, {_LS}, {_IKESCAN}"),
    (2, f"{_WS}, {_SW}, {_LS}, {_IKESCAN}"),
    (3, f"{_WS}, {_SW}, {_LS}, {_IKESCAN}"),
    *((n, f"{_WS}, {_SW}, {_LS}") for n in range(4, 9)),
    (9, _WS),
)

_NETSCREEN: Final = (
    "299ee8289f40a8973bc78687e2e7226b532c3b76",
    "3a15e1f3cf2a63582e3ac82d1c64cbe3b6d779e7",
    "47d2b126bfcd83489760e2cf8c5d4d5a03497c15",
    "4a4340b543e02b84c88a8b96a8af9ebe77d9accc",
    "64405f46f03b7660a23be116a1975058e69e8387",
    "699369228741c6d4ca094c93e242c9de19e7b7c6",
    "8c0dc6cf62a0ef1b5c6eabd1b67ba69866adf16a",
    "92d27a9ecb31d99246986d3453d0c3d57a222a61",
    "9b096d9ac3275a7d6fe8b91c583111b09efed1a0",
    "bf03746108d746c904f1f3547de24f78479fed12",
    "c2e80500f4cc5fbf5daaeed3bb59abaeee56c652",
    "c8660a62b03b1b6130bf781608d32a6a8d0fb89f",
    "f885da40b1e7a9abd17655ec5bbec0f21f0ed52e",
    "2a2bcac19b8e91b426107807e02e7249569d6fd3",
    "166f932d55eb64d8e4df4fd37e2313f0d0fd8451",
    "a35bfd05ca1ac0b3d2f24e9e82bfcbff9c9e52b5",
)


def _build() -> tuple[KnownVendorId, ...]:
    vids: list[KnownVendorId] = [
        # --- NAT traversal (RFC 3947 and its drafts) -------------------------------
        _md5_vid(
            "RFC 3947 Negotiation of NAT-Traversal in the IKE",
            "RFC 3947",
            f"RFC 3947 §3.1; {_WS}, {_SW}",
        ),
        _md5_vid(
            "draft-ietf-ipsec-nat-t-ike",
            "draft-ietf-ipsec-nat-t-ike",
            f"{_WS}, {_SW}, {_LS} (seen from Mac OS X racoon)",
        ),
        *(
            _md5_vid(
                f"draft-ietf-ipsec-nat-t-ike-{n:02d}", f"draft-ietf-ipsec-nat-t-ike-{n:02d}", where
            )
            for n, where in _NATT_DRAFTS
        ),
        # The -02 draft printed the hash of the string with a trailing newline.
        _md5_vid(
            "draft-ietf-ipsec-nat-t-ike-02\\n",
            "draft-ietf-ipsec-nat-t-ike-02\n",
            f"{_WS}, {_SW}, {_IKESCAN}",
        ),
        _md5_vid("Testing NAT-T RFC", "Testing NAT-T RFC", f"{_WS}, {_IKESCAN}"),
        _md5_vid("RFC XXXX (Solaris 10 NAT-T)", "RFC XXXX", f"{_LS} (comment on Solaris 10)"),
        _md5_vid(
            "draft-stenberg-ipsec-nat-traversal-01",
            "draft-stenberg-ipsec-nat-traversal-01",
            f"{_WS}, {_IKESCAN}",
        ),
        _md5_vid(
            "draft-stenberg-ipsec-nat-traversal-02",
            "draft-stenberg-ipsec-nat-traversal-02",
            f"{_WS}, {_IKESCAN}",
        ),
        _md5_vid(
            "draft-huttunen-ipsec-esp-in-udp-00.txt",
            "draft-huttunen-ipsec-esp-in-udp-00.txt",
            f"{_WS}, {_IKESCAN}",
        ),
        _md5_vid(
            "draft-huttunen-ipsec-esp-in-udp-01.txt (ESPThruNAT)",
            "ESPThruNAT",
            f"{_WS}, {_IKESCAN}",
        ),
        # --- Dead Peer Detection (RFC 3706) -----------------------------------
        _hex_vid(
            "RFC 3706 DPD (Dead Peer Detection)",
            "afcad71368a1f1c96b8696fc77570100",
            f"RFC 3706 §5.1 (last two bytes: version 1.0); {_WS}",
        ),
        KnownVendorId(
            "RFC 3706 DPD (other version)",
            _DPD_PREFIX,
            "prefix",
            f"RFC 3706 §5.1: 14 fixed bytes + major/minor version; {_IKESCAN}",
        ),
        _hex_vid("DPDv1_NG", "3b9031dce4fcf88b489a923963dd0c49", f"{_LS} (from Shrew Soft)"),
        _hex_vid(
            "draft-ietf-ipsec-heartbeats-00.txt",
            "8db7a41811221660",
            f"{_WS}, {_IKESCAN} (not the MD5 the draft claims)",
        ),
        _hex_vid(
            "draft-ietf-ipsec-antireplay-00.txt",
            "325df29a2319f2dd",
            f"draft-krywaniuk-ipsec-antireplay-00; {_WS}, {_IKESCAN}",
        ),
        _ascii_vid("Heartbeat Notify", "HeartBeat_Notify", f"{_WS}, {_IKESCAN}, {_LS}"),
        # --- XAUTH -------------------------------------------------------------------
        KnownVendorId(
            "XAUTH",
            _XAUTH_MD5[:8],
            "prefix",
            "first 8 bytes of MD5('draft-ietf-ipsra-isakmp-xauth-06.txt'); "
            f"{_WS}, {_SW}, {_LS}, {_IKESCAN}",
        ),
        KnownVendorId(
            "draft-beaulieu-ike-xauth-02.txt",
            _XAUTH_MD5,
            "exact",
            "full MD5('draft-ietf-ipsra-isakmp-xauth-06.txt'); name as in " + _WS,
        ),
        # --- Cisco ---------------------------------------------------------------------
        KnownVendorId(
            "CISCO-UNITY",
            _CISCO_UNITY_PREFIX + b"\x01\x00",
            "exact",
            "MD5('CISCO-UNITY') with the last two bytes replaced by version 1.0; "
            f"{_WS}, {_LS}, {_SW}",
        ),
        KnownVendorId(
            "CISCO-UNITY (other version)",
            _CISCO_UNITY_PREFIX,
            "prefix",
            f"first 14 bytes of MD5('CISCO-UNITY') + major/minor version; {_SW}",
        ),
        KnownVendorId(
            "CISCO-CONCENTRATOR",
            _CISCO_3000_PREFIX + b"\x01\x00",
            "exact",
            f"first 14 bytes of MD5('ALTIGA GATEWAY') + 0100; {_WS}",
        ),
        KnownVendorId(
            "Cisco VPN 3000 Concentrator",
            _CISCO_3000_PREFIX,
            "prefix",
            f"first 14 bytes of MD5('ALTIGA GATEWAY') + version (0306 = 3.0.6); {_LS}, {_NMAP}",
        ),
        _hex_vid("Cisco IOS", "3e984048", f"{_LS} ('Cisco IOS Device'), {_NMAP}", "prefix"),
        _md5_vid("FRAGMENTATION", "FRAGMENTATION", f"{_SW}, {_LS}, {_IKESCAN}"),
        KnownVendorId(
            "FRAGMENTATION 80000000",
            _md5("FRAGMENTATION") + bytes.fromhex("80000000"),
            "exact",
            f"MD5('FRAGMENTATION') + capability flags 0x80000000 (as strongSwan sends); {_SW}",
        ),
        KnownVendorId(
            "FRAGMENTATION c0000000",
            _md5("FRAGMENTATION") + bytes.fromhex("c0000000"),
            "exact",
            f"MD5('FRAGMENTATION') + capability flags 0xc0000000 (Cisco); {_SW}, {_IKESCAN}",
        ),
        _md5_vid(
            "FRAGMENTATION (with capability flags)",
            "FRAGMENTATION",
            f"followed by 4 bytes of flags; {_SW}",
            "prefix",
        ),
        _ascii_vid("CISCO-DELETE-REASON", "CISCO-DELETE-REASON", f"{_WS}, {_LS}"),
        _ascii_vid("CISCO-GRE-MODE", "CISCO-GRE-MODE", _WS),
        _ascii_vid("CISCO-DYNAMIC-ROUTE", "CISCO-DYNAMIC-ROUTE", _WS),
        _ascii_vid("FLEXVPN-SUPPORTED", "FLEXVPN-SUPPORTED", f"{_WS}, {_LS}"),
        _ascii_vid("CISCOVPN-REV-02", "CISCOVPN-REV-02", f"{_WS} ('Cisco VPN Revision 2')"),
        _ascii_vid(
            "Cisco Copyright",
            "CISCO(COPYRIGHT)&Copyright (c) 2009 Cisco Systems, Inc.",
            _WS,
        ),
        # --- Microsoft -------------------------------------------------------------------
        _md5_vid(
            "MS NT5 ISAKMPOAKLEY",
            "MS NT5 ISAKMPOAKLEY",
            f"followed by a 4-byte Windows version (MS-IKEE); {_WS}, {_LS}, {_SW}, {_IKESCAN}",
            "prefix",
        ),
        _md5_vid("Microsoft Vid-Initial-Contact", "Vid-Initial-Contact", f"{_WS}, {_LS}"),
        _md5_vid(
            "MS-Negotiation Discovery Capable",
            "MS-Negotiation Discovery Capable",
            f"MS-IKEE (Windows Vista / Server 2008); {_WS}, {_LS}",
        ),
        _md5_vid("IKE CGA version 1", "IKE CGA version 1", f"MS-IKEE; {_WS}, {_LS}"),
        _md5_vid("MS-MamieExists", "MS-MamieExists", f"{_LS}, {_NMAP}"),
        _md5_vid("NLBS_PRESENT", "NLBS_PRESENT", _NMAP),
        _md5_vid(
            "A GSS-API Authentication Method for IKE",
            "A GSS-API Authentication Method for IKE",
            f"draft-ietf-ipsec-isakmp-gss-auth; {_WS}, {_LS}, {_IKESCAN}",
        ),
        _md5_vid(
            "A GSS-API Authentication Method for IKE\\n",
            "A GSS-API Authentication Method for IKE\n",
            f"draft-ietf-ipsec-isakmp-gss-auth-07 (hash with newline); {_WS}, {_IKESCAN}",
        ),
        _md5_vid("GSSAPI", "GSSAPI", f"{_WS}, {_LS}, {_IKESCAN}"),
        # --- strongSwan, Libreswan, Openswan, FreeS/WAN, racoon ----------------------------
        _md5_vid("strongSwan", "strongSwan", f"{_SW} (sent with charon.send_vendor_id), {_WS}"),
        *(
            _md5_vid(f"strongSwan {v}", f"strongSwan {v}", f"pluto-era versions; {_LS}")
            for v in _STRONGSWAN_PLUTO_VERSIONS
        ),
        _ascii_vid("Libreswan (3.6+)", "OE-Libreswan-", f"followed by the version; {_LS}"),
        _ascii_vid("Libreswan 3.0 - 3.5", "OEN", _LS),
        _ascii_vid("Openswan (Xelerance)", "OSW", f"{_LS} ('Openswan(xeleranized)')"),
        _ascii_vid("Openswan / FreeS/WAN", "OE", f"{_LS} ('Openswan(project)')"),
        *(
            _freeswan_vid(f"Linux FreeS/WAN 2.0{n}", f"Linux FreeS/WAN 2.0{n}", _IKESCAN)
            for n in range(7)
        ),
        _freeswan_vid("Openswan 2.2.0", "Openswan 2.2.0", f"{_IKESCAN}, {_LS}"),
        _freeswan_vid("Openswan 2.3.0", "Openswan 2.3.0", _IKESCAN),
        _freeswan_vid(
            "FreeS/WAN 2.00 (PLUTO_SENDS_VENDORID)",
            "Linux FreeS/WAN 2.00 PLUTO_SENDS_VENDORID",
            _LS,
        ),
        _freeswan_vid(
            "FreeS/WAN 2.00 (X.509-1.3.1)",
            "Linux FreeS/WAN 2.00 X.509-1.3.1 PLUTO_SENDS_VENDORID",
            _LS,
        ),
        _freeswan_vid(
            "FreeS/WAN 2.00 (X.509-1.3.1 + LDAP)",
            "Linux FreeS/WAN 2.00 X.509-1.3.1 LDAP PLUTO_SENDS_VENDORID",
            _LS,
        ),
        _ascii_vid("CAN-IKEv2", "IKEv2", f"Openswan/libreswan bid-down detection; {_LS}", "exact"),
        _ascii_vid("Opportunistic IPsec", "Opportunistic IPsec", _LS, "exact"),
        _md5_vid("KAME/racoon", "KAME/racoon", f"{_WS}, {_LS}, {_IKESCAN}"),
        _md5_vid("IPSec-Tools", "IPSec-Tools", _WS),
        _ascii_vid("Mac OSX 10.x", "Mac OSX 10.x", f"{_IKESCAN} (unconfirmed), {_LS}", "exact"),
        # --- Check Point ---------------------------------------------------------------------
        _hex_vid(
            "Check Point",
            "f4ed19e0c114eb516faaac0ee37daf2807b4381f",
            "followed by product, version, timestamp, reserved, features; "
            f"{_WS}, {_IKESCAN}, {_SW}",
            "prefix",
        ),
        _hex_vid("CryptoPro/GOST 1.0 / Check Point R71", "031017e07f7a82e3aa6950c999990100", _WS),
        _hex_vid("CryptoPro/GOST 1.1", "031017e07f7a82e3aa6950c999990101", _WS),
        # --- Juniper / NetScreen ------------------------------------------------------------------
        *(
            _hex_vid(f"Netscreen-{i}", value, f"{_WS}, {_LS}, {_NMAP}", "prefix")
            for i, value in enumerate(_NETSCREEN, start=1)
        ),
        _hex_vid(
            "Juniper SSG (ScreenOS 6.20)",
            "2c9d7e81995b9967d23f571ac641f9348122f1cc",
            f"{_NMAP} (SSG-550M)",
            "prefix",
        ),
        # --- Fortinet, SonicWall, WatchGuard, ZyXEL and others ----------------------------------
        _hex_vid("Fortigate (Fortinet)", "8299031757a36082c6a621de", _WS, "prefix"),
        _hex_vid("Fortinet FortiGate", "1d6e178f6c2c0be284985465450fe9d4", _NMAP),
        _hex_vid("Forticlient Connect license (Fortinet)", "4c53427b6d465d1b337bb755a37a7fef", _WS),
        _hex_vid("Endpoint Control (Fortinet)", "b4f01ca951e9da8d0bafbbd34ad3044e", _WS),
        _hex_vid("SonicWALL", "404bf439522ca3f6", f"{_WS}, {_IKESCAN}, {_LS}", "prefix"),
        _hex_vid("SonicWall (5b362bc820f6)", "5b362bc820f6", _NMAP, "prefix"),
        _hex_vid(
            "WatchGuard / SafeNet / SonicWall (da8e9378)",
            "da8e9378",
            f"{_IKESCAN} ('Safenet or Watchguard'), {_LS} ('Watchguard FireBox')",
            "prefix",
        ),
        _hex_vid(
            "SafeNet SoftRemote",
            "47bbe7c993f1fc13b4e6d0db565c68e5",
            f"followed by the version text; {_IKESCAN}, {_LS}",
            "prefix",
        ),
        _hex_vid("ZyXEL ZyWALL", "625027749d5ab97f5616c1602765cf480a3b7d0b", f"{_WS}, {_SW}"),
        _hex_vid(
            "ZyXEL ZyWALL Router", "b858d1addd08c1e8adafea150608aa4497aa6cc8", f"{_SW}, {_IKESCAN}"
        ),
        _hex_vid("ZyXEL ZyWALL USG 100", "f758f22668750f03b08df6ebe1d0", _SW),
        _ascii_vid("Nortel Contivity", "BNES", f"followed by a 4-byte version; {_IKESCAN}, {_LS}"),
        _ascii_vid("Timestep", "TIMESTEP", f"{_IKESCAN}, {_LS}"),
        _ascii_vid("OpenPGP", "OpenPGP", f"{_IKESCAN}, {_LS}"),
        _ascii_vid("OpenPGP10171", "OpenPGP10171", _LS, "exact"),
        _ascii_vid("Lucent VPN Gateway", "LVG", f"{_LS}, {_IKESCAN}"),
        _ascii_vid("Lucent VPN Client", "LVC", _LS),
        _hex_vid("SIDEWINDER", "8404adf9cda05760b2ca292e4bff537b", f"{_WS}, {_LS}"),
        _hex_vid("CyberGuard", "9aa1f3b43472a45d5f506aeb26c0f214", _WS),
        _hex_vid("Shrew Soft", "f14b94b7bff1fef02773b8c49feded26", f"{_WS}, {_LS}"),
        _hex_vid("NCP client", "101fb0b35c5a4f4c08b919f1cb9777b0", _LS),
        _hex_vid("NCP Server", "c6f57ac398f493208145b758", _LS, "prefix"),
        _hex_vid("NCP Client", "eb4c1b788afd4a9cb7730a68", _LS, "prefix"),
        _hex_vid("StoneSoft StoneGate", "c573b056d7faca36c2fba28374127cbf", _NMAP),
        _hex_vid("StoneSoft StoneGate (2)", "baeb239037e17787d730eed9d95d48aa", _NMAP),
        _hex_vid("Remote AP (Aruba Networks)", "ca3e2b854ba8030017dc1023a4fde2041f9f7463", _WS),
        _hex_vid("Controller (Aruba Networks)", "3c8e70bdf9c7d74add53e4100915dc2e4bb51274", _WS),
        _hex_vid("VIA Client (Aruba Networks)", "88f0e3149b3fa48b05aa7f685f0b766be186ccb8", _WS),
        _ascii_vid("VIA Auth Profile (Aruba Networks)", "VIA Auth Profile : ", _WS),
        _hex_vid("DWR: Delete with reason", "2d7922c6b301d9b0e1342739e9cfbbd5", _WS),
        # --- IKE Challenge/Response drafts ------------------------------------------------
        _md5_vid(
            "IKE Challenge/Response for Authenticated Cryptographic Keys",
            "IKE Challenge/Response for Authenticated Cryptographic Keys",
            f"{_WS}, {_IKESCAN}",
        ),
        _md5_vid(
            "IKE Challenge/Response for Authenticated Cryptographic Keys\\n",
            "IKE Challenge/Response for Authenticated Cryptographic Keys\n",
            f"{_WS}, {_IKESCAN}",
        ),
        _md5_vid(
            "IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)",
            "IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)",
            f"{_WS}, {_IKESCAN}",
        ),
        _md5_vid(
            "IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)\\n",
            "IKE Challenge/Response for Authenticated Cryptographic Keys (Revised)\n",
            f"{_WS}, {_IKESCAN}",
        ),
        # --- SSH Communications Security ---------------------------------------------------------
        *(
            _md5_vid(
                f"{prefix} Communications Security IPSEC Express version {v}",
                f"{prefix} Communications Security IPSEC Express version {v}",
                f"{_WS}, {_LS}, {_IKESCAN}",
            )
            for prefix, v in _SSH_IPSEC_EXPRESS
        ),
        _md5_vid("SSH Sentinel", "SSH Sentinel", f"{_WS}, {_LS}, {_IKESCAN}"),
        *(
            _md5_vid(f"SSH Sentinel {v}", f"SSH Sentinel {v}", f"{_WS}, {_LS}, {_IKESCAN}")
            for v in ("1.1", "1.2", "1.3", "1.4", "1.4.1")
        ),
        *(
            _md5_vid(
                f"SSH Communications Security QuickSec {v}",
                f"SSH Communications Security QuickSec {v}",
                f"{_WS}, {_IKESCAN}" if v != "2.1.0" else _NMAP,
            )
            for v in ("0.9.0", "1.1.0", "1.1.1", "1.1.2", "1.1.3", "2.1.0")
        ),
    ]
    return tuple(vids)


#: Every known Vendor ID.
KNOWN_VENDOR_IDS: Final[tuple[KnownVendorId, ...]] = _build()

_DECODERS: Final[dict[str, _SuffixDecoder]] = {
    "MS NT5 ISAKMPOAKLEY": _decode_ms_nt5,
    "RFC 3706 DPD (other version)": _version_bytes("RFC 3706 DPD (Dead Peer Detection)"),
    "CISCO-UNITY (other version)": _version_bytes("CISCO-UNITY"),
    "Cisco VPN 3000 Concentrator": _decode_cisco3000,
    "Check Point": _decode_checkpoint,
    "FRAGMENTATION (with capability flags)": _decode_fragmentation,
    "Nortel Contivity": _decode_nortel,
    "SafeNet SoftRemote": _with_text("SafeNet SoftRemote"),
    "Libreswan (3.6+)": _with_ascii("Libreswan {}"),
    "Timestep": _with_ascii("Timestep (TIMESTEP{})"),
    "Lucent VPN Gateway": _with_ascii("Lucent VPN Gateway (LVG{})"),
    "Lucent VPN Client": _with_ascii("Lucent VPN Client (LVC{})"),
    "OpenPGP": _with_ascii("OpenPGP{}"),
    "VIA Auth Profile (Aruba Networks)": _with_ascii("VIA Auth Profile (Aruba Networks): {}"),
    "Heartbeat Notify": _with_hex("Heartbeat Notify"),
    "SonicWall (5b362bc820f6)": _with_hex("SonicWall 5b362bc820f6"),
    "WatchGuard / SafeNet / SonicWall (da8e9378)": _with_hex(
        "WatchGuard / SafeNet / SonicWall da8e9378"
    ),
}

_EXACT: Final[dict[bytes, KnownVendorId]] = {}
_PREFIXES: Final[list[KnownVendorId]] = []
_BY_NAME: Final[dict[str, KnownVendorId]] = {}
for _vid in KNOWN_VENDOR_IDS:
    if _vid.name in _BY_NAME:
        raise RuntimeError(f"duplicate Vendor ID name {_vid.name!r}")
    _BY_NAME[_vid.name] = _vid
    if _vid.match == "exact":
        if _vid.value in _EXACT:
            raise RuntimeError(f"duplicate Vendor ID value for {_vid.name!r}")
        _EXACT[_vid.value] = _vid
    else:
        _PREFIXES.append(_vid)
del _vid


@functools.lru_cache(maxsize=1024)
def identify_vendor_id(data: bytes) -> str | None:
    """The name of the Vendor ID payload body ``data``, or ``None`` if unknown.

    The longest matching entry wins (exact before prefix at equal length). For
    a prefix match the name includes what the suffix says where that is known,
    e.g. ``"MS NT5 ISAKMPOAKLEY version 5 (Windows Vista)"``. Never raises.
    """
    try:
        blob = bytes(data)
    except Exception:  # noqa: BLE001 - not bytes-like
        return None
    if not blob:
        return None
    best = _EXACT.get(blob)
    for entry in _PREFIXES:
        if blob.startswith(entry.value) and (best is None or len(entry.value) > len(best.value)):
            best = entry
    if best is None:
        return None
    if best.match == "prefix" and len(blob) > len(best.value):
        decoder = _DECODERS.get(best.name)
        if decoder is not None:
            try:
                decoded = decoder(blob[len(best.value) :])
            except Exception:  # noqa: BLE001 - a decoder bug must not hide the name
                decoded = None
            if decoded is not None:
                return decoded
    return best.name


def vendor_id_for(name: str) -> bytes:
    """The value to send for the Vendor ID called ``name`` (``KeyError`` if unknown).

    For a prefix entry this is the fixed part only (e.g. the bare MD5 of
    "MS NT5 ISAKMPOAKLEY"); the full, versioned values that implementations
    send have exact entries of their own ("CISCO-UNITY", "RFC 3706 DPD (Dead
    Peer Detection)", "FRAGMENTATION 80000000", ...).
    """
    return _BY_NAME[name].value
