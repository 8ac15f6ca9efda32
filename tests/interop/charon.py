"""Test-side harness: a real strongSwan ``charon`` as an IKEv1 peer, and a parser for its log.

Standard library only.  Three parts:

* :func:`parse_charon_log` turns a charon log written at ``ike=4 enc=4 chd=4`` (any time
  format, ``ike_name = yes``) into a :class:`CharonLog`: per IKE SA the cookies, every
  logged key, IV and hash (hex dumps spanning several lines are reassembled), the
  Quick Mode key material per CHILD_SA, the proposals, the notifies and the
  ``parsed``/``generating`` message lines.  ``CharonLog.to_keys_json()`` gives the same
  structure as ``/work/shared/captures/*/keys.json``.

* :class:`CharonPeer` runs one charon as a subprocess with its own ``strongswan.conf``
  (``STRONGSWAN_CONF``), ``swanctl.conf``, vici socket, log file and ``/run`` (the pid
  file ``/var/run/charon.pid`` is compiled in, so every charon gets its own ``/run``
  bind-mounted inside a private mount namespace).  On a kernel without ESP it runs under
  the ``xfrm_shim.c`` LD_PRELOAD library so that Quick Mode completes.  Where AppArmor
  is enforced (Ubuntu), charon and swanctl run from copies of their binaries, because the
  packaged profiles only allow /etc/strongswan.* and /run/charon.* paths.

* :class:`Netns`, :class:`CharonLab` and :class:`UdpEndpoint` build the network around it.
  charon's ``socket-default`` plugin binds the wildcard address (``0.0.0.0:500`` and
  ``[::]:500``); another socket on ``127.0.0.2:500`` in the same network namespace gets
  EADDRINUSE, even with ``SO_REUSEADDR`` (tried).  The default topology therefore uses
  two network namespaces created for the test and joined by a veth pair: charon in the
  "peer" namespace, the test driver (our engine's UDP socket, or a second charon) in the
  "driver" namespace, both on UDP port 500, like two real gateways.  The driver's socket
  is created inside the driver namespace with ``setns(2)`` on the calling thread, so the
  test process itself stays in the root namespace and nothing is sent outside the
  namespaces the test created.

Typical use (see ``conftest.py`` for the ``charon`` fixture)::

    with CharonLab(CharonConfig(ike_proposals=["aes128-sha1-modp2048"])) as lab:
        with lab.endpoint() as ep:
            ep.send(mm1)
            mm2 = ep.recv(timeout=2.0)
        lab.peer.wait_for_log(r"selected proposal")
        log = lab.peer.log()
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import dataclasses
import hashlib
import ipaddress
import itertools
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "CHARON_MISSING_REASON",
    "CharonConfig",
    "CharonError",
    "CharonLab",
    "CharonLog",
    "CharonPeer",
    "ChildSaKeys",
    "HexDump",
    "IkeSaLog",
    "LogLine",
    "Message",
    "Netns",
    "NetnsUnavailable",
    "apparmor_enabled",
    "Notify",
    "ShimUnavailable",
    "UdpEndpoint",
    "build_shim",
    "find_charon",
    "find_swanctl",
    "link_veth",
    "netns_supported",
    "parse_charon_log",
    "unconfined_copy",
]

CHARON_MISSING_REASON = (
    "charon not installed: apt-get install strongswan-charon strongswan-swanctl "
    "libstrongswan-standard-plugins"
)

# ---------------------------------------------------------------------------------------
# Log parser
# ---------------------------------------------------------------------------------------

# "19:54:00 15[IKE] <v1psk|1> SKEYID_e => 20 bytes @ 0x7fdf98005f00"
# "15[IKE] <1> ..."  (no time_format)    "00[DMN] Starting ..." (no IKE_SA)
_LINE_RE = re.compile(
    r"^(?P<time>.*?)(?P<thread>\d{2,})\[(?P<group>[A-Z]{2,4})\] "
    r"(?:<(?P<sa>[^<>]*)> )?(?P<text>.*)$"
)
_DUMP_HEAD_RE = re.compile(
    r"^(?P<label>.*?)\s*=> (?P<n>\d+) bytes @ (?:0x[0-9a-fA-F]+|\(nil\)|\S+)\s*$"
)
_DUMP_LINE_RE = re.compile(r"^\s*(?P<off>\d+): (?P<rest>.*)$")
_RULE_RE = re.compile(r"^\s*(?P<op>generating|parsing) rule (?P<idx>\d+) (?P<name>\S+)\s*$")
_MESSAGE_RE = re.compile(
    r"^(?P<dir>parsed|generating) (?P<exchange>[A-Z0-9_]+) (?P<kind>request|response) "
    r"(?P<mid>\d+) \[ ?(?P<payloads>.*?) ?\]\s*$"
)
_NEXT_IV_RE = re.compile(r"^next IV for MID (?P<mid>\d+)$")
_PROPOSAL_RE = re.compile(
    r"^(?P<what>selected proposal|received proposals|configured proposals): (?P<list>.*)$"
)
_NOTIFY_RECEIVED_RE = re.compile(r"\breceived (?P<name>[A-Za-z0-9_]+) (?P<err>error )?notify\b")
_NOTIFY_SENT_RE = re.compile(
    r"\bsending (?P<name>[A-Z][A-Z0-9_]+)(?: (?P<err>error ))?(?: notify\b|$)"
)
_NOTIFY_PAYLOAD_RE = re.compile(r"^N\((?P<name>[^)]*)\)$")
_CHILD_UP_RE = re.compile(
    r"^CHILD_SA (?P<name>\S+)\{(?P<id>\d+)\} established with SPIs (?P<spi_i>[0-9a-f]+)_i "
    r"(?:\(\d+\) )?(?P<spi_o>[0-9a-f]+)_o(?: \(\d+\))? and TS (?P<ts>.*)$"
)
_IKE_UP_RE = re.compile(r"^IKE_SA (?P<name>\S+)\[(?P<id>\d+)\] established between (?P<rest>.*)$")

#: IKE-group labels that keys.json carries as a single value per IKE SA.
KEYS_JSON_SINGLE_LABELS = (
    "shared Diffie Hellman secret",
    "SKEYID",
    "SKEYID_d",
    "SKEYID_a",
    "SKEYID_e",
    "encryption key Ka",
    "initial IV",
    "HASH_I data",
    "HASH_I",
    "HASH_R data",
    "HASH_R",
    "Hash(1)",
    "Hash(2)",
    "Hash(3)",
)
#: CHD-group labels: the Quick Mode key material of one CHILD_SA, in the order charon logs it.
CHILD_LABELS = (
    "DH secret",
    "initiator SA seed",
    "responder SA seed",
    "encryption initiator key",
    "encryption responder key",
    "integrity initiator key",
    "integrity responder key",
)

#: strongSwan's short notify names (as in "[ HASH N(NO_PROP) ]") for the usual IKEv1 ones.
NOTIFY_SHORT_NAMES = {
    "NO_PROP": "NO_PROPOSAL_CHOSEN",
    "PLD_MAL": "PAYLOAD_MALFORMED",
    "INVAL_PLD": "INVALID_PAYLOAD_TYPE",
    "INVAL_DOI": "DOI_NOT_SUPPORTED",
    "INVAL_SIT": "SITUATION_NOT_SUPPORTED",
    "INVAL_COOKIE": "INVALID_COOKIE",
    "INVAL_MAJOR": "INVALID_MAJOR_VERSION",
    "INVAL_MINOR": "INVALID_MINOR_VERSION",
    "INVAL_EXCH": "INVALID_EXCHANGE_TYPE",
    "INVAL_FLAGS": "INVALID_FLAGS",
    "INVAL_MID": "INVALID_MESSAGE_ID",
    "INVAL_PROTO": "INVALID_PROTOCOL_ID",
    "INVAL_SPI": "INVALID_SPI",
    "INVAL_TRANSF": "INVALID_TRANSFORM_ID",
    "ATTR_UNSUP": "ATTRIBUTES_NOT_SUPPORTED",
    "BAD_PROP": "BAD_PROPOSAL_SYNTAX",
    "INVAL_KE": "INVALID_KEY_INFORMATION",
    "INVAL_ID": "INVALID_ID_INFORMATION",
    "INVAL_HASH": "INVALID_HASH_INFORMATION",
    "AUTH_FAILED": "AUTHENTICATION_FAILED",
    "INVAL_SIG": "INVALID_SIGNATURE",
    "INITIAL_CONTACT": "INITIAL_CONTACT",
    "INIT_CONTACT": "INITIAL_CONTACT",
    "RESP_LIFE": "RESPONDER_LIFETIME",
    "R_U_THERE": "DPD_R_U_THERE",
    "R_U_THERE_ACK": "DPD_R_U_THERE_ACK",
}


@dataclasses.dataclass(frozen=True)
class LogLine:
    """One physical line of a charon log."""

    number: int  # 1-based line number
    raw: str
    time: str | None = None
    thread: int | None = None
    group: str | None = None  # "IKE", "ENC", "CHD", "CFG", "NET", "KNL", ...
    ike_sa: int | None = None  # IKE_SA unique id from "<name|N>" or "<N>"
    ike_sa_name: str | None = None
    text: str = ""  # the message after the "<...>" prefix


@dataclasses.dataclass(frozen=True)
class HexDump:
    """A chunk charon printed as ``label => N bytes @ 0x...`` plus hex lines."""

    label: str
    data: bytes
    length: int  # the announced length (== len(data) unless the dump was cut off)
    group: str | None
    thread: int | None
    ike_sa: int | None
    line: int  # line number of the "=> N bytes" line
    rule: str | None = None  # "generating rule 0 IKE_SPI" for encoder rule dumps

    @property
    def complete(self) -> bool:
        return len(self.data) == self.length

    @property
    def hex(self) -> str:
        return self.data.hex()


@dataclasses.dataclass(frozen=True)
class Message:
    """A ``parsed``/``generating`` message line, e.g. ``parsed ID_PROT request 0 [ SA V V V ]``."""

    direction: str  # "parsed" (received) or "generating" (sent)
    exchange: str  # ID_PROT, AGGRESSIVE, QUICK_MODE, INFORMATIONAL_V1, TRANSACTION, ...
    kind: str  # "request" or "response"
    mid: int
    payloads: tuple[str, ...]
    text: str  # the whole message text, without time/thread/SA prefix
    ike_sa: int | None
    line: int

    @property
    def sent(self) -> bool:
        return self.direction == "generating"

    @property
    def notifies(self) -> tuple[str, ...]:
        """Short notify names carried, e.g. ``("NO_PROP",)``."""
        out = []
        for p in self.payloads:
            m = _NOTIFY_PAYLOAD_RE.match(p)
            if m:
                out.append(m.group("name"))
        return tuple(out)


@dataclasses.dataclass(frozen=True)
class Notify:
    """A notify charon sent or received.

    ``source == "log"``: from a log statement ("received NO_PROPOSAL_CHOSEN error notify",
    "..., sending NO_PROPOSAL_CHOSEN"); ``name`` is the full strongSwan name.
    ``source == "message"``: from an ``N(...)`` in a parsed/generated message line;
    ``name`` is the full name where known (see NOTIFY_SHORT_NAMES), ``short`` the logged one.
    """

    direction: str  # "sent" or "received"
    name: str
    error: bool | None
    source: str
    text: str
    ike_sa: int | None
    line: int
    short: str | None = None


@dataclasses.dataclass
class ChildSaKeys:
    """Quick Mode key material of one CHILD_SA as logged at chd=4."""

    values: dict[str, bytes] = dataclasses.field(default_factory=dict)
    name: str | None = None  # "net" once "CHILD_SA net{1} established" is seen
    unique_id: int | None = None
    spi_in: str | None = None  # hex, as logged ("c43d7bb9")
    spi_out: str | None = None
    ts: str | None = None

    @property
    def dh_secret(self) -> bytes | None:
        return self.values.get("DH secret")

    @property
    def initiator_seed(self) -> bytes | None:
        return self.values.get("initiator SA seed")

    @property
    def responder_seed(self) -> bytes | None:
        return self.values.get("responder SA seed")

    @property
    def encr_i(self) -> bytes | None:
        """Encryption key initiator -> responder ("encryption initiator key")."""
        return self.values.get("encryption initiator key")

    @property
    def encr_r(self) -> bytes | None:
        return self.values.get("encryption responder key")

    @property
    def integ_i(self) -> bytes | None:
        return self.values.get("integrity initiator key")

    @property
    def integ_r(self) -> bytes | None:
        return self.values.get("integrity responder key")

    def to_keys_json(self) -> dict[str, str]:
        return {k: v.hex() for k, v in self.values.items()}

    def __repr__(self) -> str:
        keys = ", ".join(f"{k}={v.hex()[:16]}.." for k, v in self.values.items())
        return (
            f"ChildSaKeys({self.name}{{{self.unique_id}}} "
            f"in={self.spi_in} out={self.spi_out}: {keys})"
        )


@dataclasses.dataclass
class IkeSaLog:
    """Everything the log says about one IKE SA (one charon unique id)."""

    unique_id: int
    name: str | None = None
    icookie: bytes | None = None
    rcookie: bytes | None = None
    values: dict[str, list[bytes]] = dataclasses.field(default_factory=dict)
    next_ivs: list[tuple[int, bytes]] = dataclasses.field(default_factory=list)
    child_sas: list[ChildSaKeys] = dataclasses.field(default_factory=list)
    dumps: list[HexDump] = dataclasses.field(default_factory=list)
    messages: list[Message] = dataclasses.field(default_factory=list)
    notifies: list[Notify] = dataclasses.field(default_factory=list)
    proposals: dict[str, list[list[str]]] = dataclasses.field(default_factory=dict)
    lines: list[LogLine] = dataclasses.field(default_factory=list)
    established: bool = False
    first_line: int = 0

    # -- generic access ---------------------------------------------------------------
    def first(self, label: str) -> bytes | None:
        """First value logged under ``label`` (IKE/CHD groups), or None."""
        vals = self.values.get(label)
        return vals[0] if vals else None

    def all(self, label: str) -> list[bytes]:
        return list(self.values.get(label, ()))

    def enc_dumps(self, label: str) -> list[bytes]:
        """ENC-group dumps in log order, e.g. ``"plain"``, ``"IV"``, ``"encrypted"``."""
        return [d.data for d in self.dumps if d.group == "ENC" and d.label == label]

    def find(self, pattern: str) -> list[LogLine]:
        rx = re.compile(pattern)
        return [ln for ln in self.lines if rx.search(ln.text)]

    # -- named values ------------------------------------------------------------------
    @property
    def dh_secret(self) -> bytes | None:
        """g^xy ("shared Diffie Hellman secret")."""
        return self.first("shared Diffie Hellman secret")

    @property
    def skeyid(self) -> bytes | None:
        return self.first("SKEYID")

    @property
    def skeyid_d(self) -> bytes | None:
        return self.first("SKEYID_d")

    @property
    def skeyid_a(self) -> bytes | None:
        return self.first("SKEYID_a")

    @property
    def skeyid_e(self) -> bytes | None:
        return self.first("SKEYID_e")

    @property
    def ka(self) -> bytes | None:
        """The phase 1 encryption key ("encryption key Ka")."""
        return self.first("encryption key Ka")

    @property
    def initial_iv(self) -> bytes | None:
        return self.first("initial IV")

    @property
    def hash_i(self) -> bytes | None:
        return self.first("HASH_I")

    @property
    def hash_r(self) -> bytes | None:
        return self.first("HASH_R")

    @property
    def hash_i_data(self) -> bytes | None:
        return self.first("HASH_I data")

    @property
    def hash_r_data(self) -> bytes | None:
        return self.first("HASH_R data")

    @property
    def hash1(self) -> list[bytes]:
        """Quick Mode HASH(1) values, in log order (one per Quick Mode)."""
        return self.all("Hash(1)")

    @property
    def hash2(self) -> list[bytes]:
        return self.all("Hash(2)")

    @property
    def hash3(self) -> list[bytes]:
        return self.all("Hash(3)")

    @property
    def info_hashes(self) -> list[bytes]:
        """Informational HASH(1) values ("Hash"), in log order."""
        return self.all("Hash")

    def ivs_for(self, mid: int) -> list[bytes]:
        return [iv for m, iv in self.next_ivs if m == mid]

    @property
    def selected_proposals(self) -> list[str]:
        return [p for lst in self.proposals.get("selected proposal", []) for p in lst]

    @property
    def tshark_uat(self) -> str | None:
        if self.icookie is None or self.ka is None:
            return None
        return f"uat:ikev1_decryption_table:{self.icookie.hex()},{self.ka.hex()}"

    def to_keys_json(self) -> dict[str, Any]:
        """This SA in the format of ``/work/shared/captures/*/keys.json`` (one list entry)."""
        out: dict[str, Any] = {"ike_sa": str(self.unique_id)}
        if self.icookie is not None:
            out["icookie"] = self.icookie.hex()
        if self.rcookie is not None:
            out["rcookie"] = self.rcookie.hex()
        for label in KEYS_JSON_SINGLE_LABELS:
            val = self.first(label)
            if val is not None:
                out[label] = val.hex()
        if self.next_ivs:
            out["next IV for MID (in log order)"] = [
                {"mid": mid, "iv": iv.hex()} for mid, iv in self.next_ivs
            ]
        if self.info_hashes:
            out["Hash (Informational, in log order)"] = [h.hex() for h in self.info_hashes]
        if self.child_sas:
            out["child_sas"] = [c.to_keys_json() for c in self.child_sas]
        uat = self.tshark_uat
        if uat is not None:
            out["tshark_uat"] = uat
        return out

    def __repr__(self) -> str:
        ic = self.icookie.hex() if self.icookie else None
        rc = self.rcookie.hex() if self.rcookie else None
        return (
            f"IkeSaLog({self.name}[{self.unique_id}] {ic}/{rc}, {len(self.values)} labels, "
            f"{len(self.child_sas)} CHILD_SAs, {len(self.messages)} messages, "
            f"established={self.established})"
        )


@dataclasses.dataclass
class CharonLog:
    """A parsed charon log.  ``ike_sas`` is keyed by charon's IKE_SA unique id."""

    lines: list[LogLine]
    dumps: list[HexDump]
    ike_sas: dict[int, IkeSaLog]
    messages: list[Message]
    notifies: list[Notify]

    # -- access --------------------------------------------------------------------------
    def sa(self, unique_id: int | None = None) -> IkeSaLog:
        """The IKE SA with this unique id; without an id the only (or first) one."""
        if unique_id is not None:
            return self.ike_sas[unique_id]
        if not self.ike_sas:
            raise KeyError("no IKE_SA in this log")
        return next(iter(self.ike_sas.values()))

    def sas_with_cookies(self) -> list[IkeSaLog]:
        """IKE SAs whose two cookies are both known (charon generated a message with both)."""
        return [s for s in self.ike_sas.values() if s.icookie and s.rcookie]

    def sa_by_cookie(self, icookie: bytes) -> IkeSaLog | None:
        for s in self.ike_sas.values():
            if s.icookie == icookie:
                return s
        return None

    def to_keys_json(self) -> list[dict[str, Any]]:
        """The per-role list of ``keys.json``: every IKE SA whose two cookies are known."""
        return [s.to_keys_json() for s in self.sas_with_cookies()]

    def message_lines(self, direction: str | None = None) -> list[str]:
        """``["parsed ID_PROT request 0 [ SA V V V ]", "generating ...", ...]`` in log order."""
        return [m.text for m in self.messages if direction in (None, m.direction)]

    def find(self, pattern: str) -> list[LogLine]:
        """Lines whose message text matches the regular expression."""
        rx = re.compile(pattern)
        return [ln for ln in self.lines if rx.search(ln.text)]

    def contains(self, pattern: str) -> bool:
        return bool(self.find(pattern))

    @property
    def selected_proposals(self) -> list[str]:
        return [p for s in self.ike_sas.values() for p in s.selected_proposals]

    @property
    def established_children(self) -> list[ChildSaKeys]:
        return [c for s in self.ike_sas.values() for c in s.child_sas if c.spi_in]

    def __repr__(self) -> str:
        return (
            f"CharonLog({len(self.lines)} lines, {len(self.dumps)} hex dumps, "
            f"IKE_SAs {list(self.ike_sas.values())}, {len(self.messages)} messages)"
        )


@dataclasses.dataclass
class _OpenDump:
    label: str
    length: int
    data: bytearray
    line: LogLine
    rule: str | None


def _parse_line(number: int, raw: str) -> LogLine:
    m = _LINE_RE.match(raw)
    if not m:
        return LogLine(number=number, raw=raw, text=raw)
    sa = m.group("sa")
    sa_id: int | None = None
    sa_name: str | None = None
    if sa is not None:
        name, sep, uid = sa.rpartition("|")
        if uid.isdigit():
            sa_id = int(uid)
            sa_name = name if sep else None
        else:  # not an IKE_SA prefix after all
            return LogLine(
                number=number,
                raw=raw,
                time=m.group("time").strip() or None,
                thread=int(m.group("thread")),
                group=m.group("group"),
                text=f"<{sa}> {m.group('text')}",
            )
    return LogLine(
        number=number,
        raw=raw,
        time=m.group("time").strip() or None,
        thread=int(m.group("thread")),
        group=m.group("group"),
        ike_sa=sa_id,
        ike_sa_name=sa_name,
        text=m.group("text"),
    )


def _continue_dump(dump: _OpenDump, text: str) -> bool:
    """Append one "  16: AB CD ...  ascii" line to ``dump``; False if it is not one."""
    m = _DUMP_LINE_RE.match(text)
    if not m or int(m.group("off")) != len(dump.data):
        return False
    want = min(16, dump.length - len(dump.data))
    rest = m.group("rest")
    hexpart = rest[: 3 * want]
    tokens = hexpart.split()
    if len(tokens) != want or not all(re.fullmatch(r"[0-9A-Fa-f]{2}", t) for t in tokens):
        return False
    dump.data.extend(bytes.fromhex("".join(tokens)))
    return True


def parse_charon_log(text: str) -> CharonLog:
    """Parse a charon log (file logger, ``ike_name = yes``, any ``time_format``)."""
    lines: list[LogLine] = []
    dumps: list[HexDump] = []
    sas: dict[int, IkeSaLog] = {}
    messages: list[Message] = []
    notifies: list[Notify] = []
    open_dumps: dict[int | None, _OpenDump] = {}
    last_rule: dict[int | None, str] = {}

    def sa_for(ln: LogLine) -> IkeSaLog | None:
        if ln.ike_sa is None:
            return None
        sa = sas.get(ln.ike_sa)
        if sa is None:
            sa = sas[ln.ike_sa] = IkeSaLog(unique_id=ln.ike_sa, first_line=ln.number)
        if ln.ike_sa_name and ln.ike_sa_name != "(unnamed)":
            sa.name = ln.ike_sa_name
        return sa

    def close(thread: int | None) -> None:
        od = open_dumps.pop(thread, None)
        if od is None:
            return
        ln = od.line
        dump = HexDump(
            label=od.label,
            data=bytes(od.data),
            length=od.length,
            group=ln.group,
            thread=ln.thread,
            ike_sa=ln.ike_sa,
            line=ln.number,
            rule=od.rule,
        )
        dumps.append(dump)
        sa = sa_for(ln)
        if sa is None:
            return
        sa.dumps.append(dump)
        if not dump.complete:
            return
        if dump.group in ("IKE", "CHD") and dump.label:
            _record_value(sa, dump)
        elif dump.rule is not None:
            rm = _RULE_RE.match(dump.rule)
            if rm and rm.group("name") == "IKE_SPI" and len(dump.data) == 8:
                if any(dump.data):
                    if rm.group("idx") == "0" and sa.icookie is None:
                        sa.icookie = dump.data
                    elif rm.group("idx") == "1" and sa.rcookie is None:
                        sa.rcookie = dump.data

    for number, raw in enumerate(text.splitlines(), start=1):
        ln = _parse_line(number, raw)
        lines.append(ln)
        od = open_dumps.get(ln.thread)
        if od is not None:
            if len(od.data) < od.length and _continue_dump(od, ln.text):
                if len(od.data) >= od.length:
                    close(ln.thread)
                continue
            close(ln.thread)
        sa = sa_for(ln)
        if sa is not None:
            sa.lines.append(ln)

        head = _DUMP_HEAD_RE.match(ln.text)
        if head:
            label = head.group("label").strip()
            rule = last_rule.pop(ln.thread, None) if not label else None
            open_dumps[ln.thread] = _OpenDump(
                label=label, length=int(head.group("n")), data=bytearray(), line=ln, rule=rule
            )
            if int(head.group("n")) == 0:
                close(ln.thread)
            continue
        rm = _RULE_RE.match(ln.text)
        if rm:
            last_rule[ln.thread] = ln.text.strip()
            continue
        last_rule.pop(ln.thread, None)
        _scan_statement(ln, sa, messages, notifies)

    for thread in list(open_dumps):
        close(thread)
    return CharonLog(lines=lines, dumps=dumps, ike_sas=sas, messages=messages, notifies=notifies)


def _record_value(sa: IkeSaLog, dump: HexDump) -> None:
    label = dump.label
    if dump.group == "CHD" and label in CHILD_LABELS:
        cur = sa.child_sas[-1] if sa.child_sas else None
        # a new CHILD_SA starts when a label repeats or the order goes backwards
        # ("DH secret" is only logged with PFS, so it is optional)
        if (
            cur is None
            or label in cur.values
            or any(CHILD_LABELS.index(k) > CHILD_LABELS.index(label) for k in cur.values)
            or cur.spi_in is not None
        ):
            cur = ChildSaKeys()
            sa.child_sas.append(cur)
        cur.values[label] = dump.data
        return
    m = _NEXT_IV_RE.match(label)
    if m:
        sa.next_ivs.append((int(m.group("mid")), dump.data))
        return
    sa.values.setdefault(label, []).append(dump.data)


def _scan_statement(
    ln: LogLine, sa: IkeSaLog | None, messages: list[Message], notifies: list[Notify]
) -> None:
    text = ln.text
    m = _MESSAGE_RE.match(text)
    if m:
        msg = Message(
            direction=m.group("dir"),
            exchange=m.group("exchange"),
            kind=m.group("kind"),
            mid=int(m.group("mid")),
            payloads=tuple(m.group("payloads").split()),
            text=text.strip(),
            ike_sa=ln.ike_sa,
            line=ln.number,
        )
        messages.append(msg)
        if sa is not None:
            sa.messages.append(msg)
        for short in msg.notifies:
            n = Notify(
                direction="sent" if msg.sent else "received",
                name=NOTIFY_SHORT_NAMES.get(short, short),
                error=None,
                source="message",
                text=msg.text,
                ike_sa=ln.ike_sa,
                line=ln.number,
                short=short,
            )
            notifies.append(n)
            if sa is not None:
                sa.notifies.append(n)
        return
    if sa is not None:
        pm = _PROPOSAL_RE.match(text)
        if pm:
            sa.proposals.setdefault(pm.group("what"), []).append(
                [p.strip() for p in pm.group("list").split(", ") if p.strip()]
            )
            return
        cm = _CHILD_UP_RE.match(text)
        if cm:
            target = next((c for c in reversed(sa.child_sas) if c.spi_in is None), None)
            if target is None:
                target = ChildSaKeys()
                sa.child_sas.append(target)
            target.name = cm.group("name")
            target.unique_id = int(cm.group("id"))
            target.spi_in = cm.group("spi_i")
            target.spi_out = cm.group("spi_o")
            target.ts = cm.group("ts")
            return
        if _IKE_UP_RE.match(text):
            sa.established = True
            return
    for rx, direction in ((_NOTIFY_RECEIVED_RE, "received"), (_NOTIFY_SENT_RE, "sent")):
        nm = rx.search(text)
        if nm and nm.group("name") not in ("DELETE", "retransmit", "packet"):
            n = Notify(
                direction=direction,
                name=nm.group("name"),
                error=True if nm.group("err") else (None if direction == "sent" else False),
                source="log",
                text=text.strip(),
                ike_sa=ln.ike_sa,
                line=ln.number,
            )
            notifies.append(n)
            if sa is not None:
                sa.notifies.append(n)
            return


# ---------------------------------------------------------------------------------------
# Tools: charon, swanctl, the shim, network namespaces
# ---------------------------------------------------------------------------------------

_CHARON_CANDIDATES = (
    "/usr/lib/ipsec/charon",
    "/usr/libexec/ipsec/charon",
    "/usr/lib/strongswan/charon",
    "/usr/libexec/strongswan/charon",
)
_SHIM_SOURCE = Path(__file__).with_name("xfrm_shim.c")
_CLONE_NEWNET = 0x40000000
_LIVE: weakref.WeakSet[Any] = weakref.WeakSet()  # peers/labs/netns to clean up at exit
_counter = itertools.count(1)
_lock = threading.Lock()


class CharonError(RuntimeError):
    """charon or swanctl failed; the message carries the tail of the log."""


class ShimUnavailable(RuntimeError):
    """The LD_PRELOAD shim cannot be built (no gcc, or no xfrm_shim.c)."""


class NetnsUnavailable(RuntimeError):
    """Network namespaces cannot be created here (not root, no iproute2, no CAP_SYS_ADMIN)."""


def find_charon() -> str | None:
    """Path of the charon daemon, or None.  ``$IKEVIZ_CHARON`` overrides."""
    env = os.environ.get("IKEVIZ_CHARON")
    if env:
        return env if os.access(env, os.X_OK) else None
    for cand in _CHARON_CANDIDATES:
        if os.access(cand, os.X_OK):
            return cand
    return None


def find_swanctl() -> str | None:
    env = os.environ.get("IKEVIZ_SWANCTL")
    if env:
        return env if os.access(env, os.X_OK) else None
    return shutil.which("swanctl") or next(
        (p for p in ("/usr/sbin/swanctl", "/sbin/swanctl") if os.access(p, os.X_OK)), None
    )


_shim_cache: dict[str, Path] = {}


def build_shim(source: Path | None = None, out_dir: Path | None = None) -> Path:
    """Compile ``xfrm_shim.c`` with gcc (once per process and source hash); returns the .so."""
    src = Path(source or _SHIM_SOURCE)
    if not src.is_file():
        raise ShimUnavailable(f"{src} is missing")
    code = src.read_bytes()
    digest = hashlib.sha256(code).hexdigest()[:16]
    with _lock:
        cached = _shim_cache.get(digest)
        if cached is not None and cached.is_file():
            return cached
        gcc = shutil.which("gcc") or shutil.which("cc")
        if gcc is None:
            raise ShimUnavailable("gcc not found (apt-get install gcc libc6-dev)")
        target_dir = Path(out_dir) if out_dir else Path(_safe_tmp()) / f"ikeviz-xfrm-shim-{digest}"
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / "xfrm_shim.so"
        if not target.is_file():
            tmp = target_dir / f".xfrm_shim.{os.getpid()}.so"
            proc = subprocess.run(
                [gcc, "-shared", "-fPIC", "-O2", "-Wall", "-o", str(tmp), str(src), "-ldl"],
                capture_output=True,
                text=True,
                timeout=60,
            )
            if proc.returncode != 0:
                raise ShimUnavailable(f"gcc failed ({proc.returncode}): {proc.stderr.strip()}")
            os.replace(tmp, target)  # atomic: parallel test processes may race here
        _shim_cache[digest] = target
        return target


def _safe_tmp() -> str:
    """A temp directory that is not below /run (each charon gets its own /run)."""
    base = os.path.realpath(tempfile.gettempdir())
    if base == "/run" or base.startswith("/run/"):
        base = "/tmp" if os.path.realpath("/tmp") == "/tmp" else "/var/tmp"
    return base


def apparmor_enabled() -> bool:
    """True if the kernel enforces AppArmor (Ubuntu CI runners do)."""
    try:
        return Path("/sys/module/apparmor/parameters/enabled").read_text().strip() == "Y"
    except OSError:
        return False


_copies: dict[str, str] = {}


def unconfined_copy(binary: str) -> str:
    """A copy of ``binary`` in a temp dir, to run it outside its AppArmor profile.

    Debian/Ubuntu ship AppArmor profiles for /usr/lib/ipsec/charon and /usr/sbin/swanctl
    that allow only /etc/strongswan.*, /etc/swanctl/** and /run/charon.*: a confined charon
    cannot read a strongswan.conf in a temp dir, write its log there or mmap the shim.
    Profiles attach by path, so a copy runs unconfined; the binaries find their libraries
    and plugins through absolute compiled-in paths (RUNPATH /usr/lib/ipsec).
    """
    st = os.stat(binary)
    key = f"{binary}:{st.st_size}:{st.st_mtime_ns}"
    with _lock:
        if key in _copies and os.path.exists(_copies[key]):
            return _copies[key]
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        for base in (_safe_tmp(), "/var/tmp"):
            try:
                if os.statvfs(base).f_flag & os.ST_NOEXEC:
                    continue
            except OSError:
                continue
            target_dir = Path(base) / f"ikeviz-strongswan-{digest}"
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / os.path.basename(binary)
            if not target.exists():
                tmp = target_dir / f".{target.name}.{os.getpid()}"
                shutil.copy2(binary, tmp)
                os.replace(tmp, target)
            _copies[key] = str(target)
            return str(target)
    return binary  # every temp dir is noexec: run the original


def _ip() -> str:
    ip = shutil.which("ip") or next(
        (
            p
            for p in ("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
            if os.access(p, os.X_OK)
        ),
        None,
    )
    if ip is None:
        raise NetnsUnavailable("iproute2 'ip' not found (apt-get install iproute2)")
    return ip


def _run(
    argv: Sequence[str],
    *,
    timeout: float = 10.0,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    if check and proc.returncode != 0:
        raise CharonError(
            f"{' '.join(argv)} failed with {proc.returncode}: "
            f"{proc.stderr.strip() or proc.stdout.strip()}"
        )
    return proc


_libc: ctypes.CDLL | None = None


def _setns(fd: int) -> None:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    if _libc.setns(fd, _CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"setns(CLONE_NEWNET): {os.strerror(err)}")


class Netns:
    """A named network namespace (``ip netns add``) owned by this test process.

    The name is ``ikv<pid>n<k>``; :meth:`create` first deletes namespaces of that pattern
    whose owner process is gone (left over by a killed test run), with anything still
    running in them.
    """

    def __init__(self, name: str | None = None) -> None:
        self.name = name or f"ikv{os.getpid()}n{next(_counter)}"
        self.created = False

    @property
    def path(self) -> str:
        return f"/run/netns/{self.name}"

    def create(self) -> Netns:
        if self.created:
            return self
        if os.geteuid() != 0:
            raise NetnsUnavailable("network namespaces need root")
        _reap_stale_netns()
        ip = _ip()
        proc = _run([ip, "netns", "add", self.name], check=False)
        if proc.returncode != 0:
            raise NetnsUnavailable(f"ip netns add failed: {proc.stderr.strip()}")
        self.created = True
        _LIVE.add(self)
        try:
            _run([ip, "-n", self.name, "link", "set", "lo", "up"])
        except Exception:
            self.delete()
            raise
        return self

    def delete(self) -> None:
        if not self.created:
            return
        _delete_netns(self.name)
        self.created = False
        _LIVE.discard(self)

    def ip(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``ip -n <name> args...``."""
        return _run([_ip(), "-n", self.name, *args], check=check)

    def exec_argv(self, argv: Sequence[str]) -> list[str]:
        """``ip netns exec <name> argv...`` (runs in the netns and in a new mount namespace)."""
        return [_ip(), "netns", "exec", self.name, *argv]

    def run(
        self, *argv: str, timeout: float = 10.0, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        return _run(self.exec_argv(argv), timeout=timeout, check=check)

    def add_address(self, address: str, dev: str = "lo", prefix: int | None = None) -> None:
        net = ipaddress.ip_address(address)
        plen = prefix if prefix is not None else net.max_prefixlen
        args = ["addr", "add", f"{address}/{plen}", "dev", dev]
        if net.version == 6:
            args.append("nodad")
        proc = self.ip(*args, check=False)
        if proc.returncode != 0 and "File exists" not in proc.stderr:
            raise CharonError(f"ip -n {self.name} {' '.join(args)}: {proc.stderr.strip()}")

    @contextlib.contextmanager
    def entered(self) -> Iterator[None]:
        """Switch the calling thread into this namespace for the duration of the block."""
        if not self.created:
            raise NetnsUnavailable(f"netns {self.name} does not exist")
        own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
        try:
            target = os.open(self.path, os.O_RDONLY)
            try:
                _setns(target)
            finally:
                os.close(target)
            try:
                yield
            finally:
                _setns(own)
        finally:
            os.close(own)

    def socket(self, family: int = socket.AF_INET, type: int = socket.SOCK_DGRAM) -> socket.socket:
        """A socket that lives in this namespace (the process stays where it is)."""
        with self.entered():
            return socket.socket(family, type)

    def pids(self) -> list[int]:
        proc = _run([_ip(), "netns", "pids", self.name], check=False)
        return [int(p) for p in proc.stdout.split() if p.isdigit()]

    def __enter__(self) -> Netns:
        return self.create()

    def __exit__(self, *exc: object) -> None:
        self.delete()

    def __repr__(self) -> str:
        return f"Netns({self.name!r}, created={self.created})"


def _delete_netns(name: str) -> None:
    ip = _ip()
    proc = _run([ip, "netns", "pids", name], check=False)
    for p in proc.stdout.split():
        with contextlib.suppress(ProcessLookupError, ValueError, PermissionError):
            os.kill(int(p), signal.SIGKILL)
    for _ in range(50):
        r = _run([ip, "netns", "del", name], check=False)
        if r.returncode == 0 or not os.path.exists(f"/run/netns/{name}"):
            return
        time.sleep(0.02)


_NETNS_NAME_RE = re.compile(r"^ikv(\d+)n\d+$")


def _reap_stale_netns() -> None:
    try:
        names = os.listdir("/run/netns")
    except OSError:
        return
    for name in names:
        m = _NETNS_NAME_RE.match(name)
        if not m or int(m.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(m.group(1)), 0)
        except ProcessLookupError:
            _delete_netns(name)
        except PermissionError:
            pass


_netns_probe: tuple[bool, str] | None = None


def netns_supported() -> tuple[bool, str]:
    """(True, "") if this process can create network namespaces and enter them."""
    global _netns_probe
    if _netns_probe is None:
        try:
            with Netns() as ns:
                ns.socket().close()
            _netns_probe = (True, "")
        except (NetnsUnavailable, CharonError, OSError, subprocess.SubprocessError) as exc:
            _netns_probe = (False, f"network namespaces unavailable: {exc}")
    return _netns_probe


def link_veth(
    a: Netns, a_addr: str, b: Netns, b_addr: str, names: tuple[str, str] = ("ikv0", "ikv1")
) -> None:
    """Join two namespaces with a veth pair; ``a_addr`` on a's end, ``b_addr`` on b's.

    Host addresses (/32, /128) plus a route to the other end, so any two addresses work.
    """
    ip = _ip()
    _run(
        [
            ip,
            "link",
            "add",
            names[0],
            "netns",
            a.name,
            "type",
            "veth",
            "peer",
            "name",
            names[1],
            "netns",
            b.name,
        ]
    )
    for ns, dev, mine, other in ((a, names[0], a_addr, b_addr), (b, names[1], b_addr, a_addr)):
        ns.add_address(mine, dev=dev)
        ns.ip("link", "set", dev, "up")
        fam = "-6" if ipaddress.ip_address(other).version == 6 else "-4"
        plen = ipaddress.ip_address(other).max_prefixlen
        ns.ip(fam, "route", "add", f"{other}/{plen}", "dev", dev, "src", mine)


# ---------------------------------------------------------------------------------------
# charon configuration
# ---------------------------------------------------------------------------------------


@dataclasses.dataclass
class CharonConfig:
    """One charon, one IKEv1 PSK connection with one CHILD_SA.

    Proposals use strongSwan's syntax ("aes128-sha1-modp2048"; ESP with a DH group means
    PFS).  Lifetimes in seconds; IKEv1 puts ``reauth_time + over_time`` into the phase 1
    Life-Duration and ``child_life_time`` into the Quick Mode one.  Never make them 0:
    ``reauth_time = 0`` puts "Life-Duration: 0" on the wire.
    """

    local_addr: str = "10.99.0.2"
    remote_addr: str = "10.99.0.1"
    local_port: int = 500  # charon.port; charon.port_nat_t = local_port_nat_t
    remote_port: int = 500
    local_port_nat_t: int | None = None  # default 4500 (or local_port + 1 if local_port != 500)
    psk: str | bytes = "ikev1-test-psk"
    local_id: str | None = None  # default local_addr
    remote_id: str | None = None  # default remote_addr
    ike_proposals: Sequence[str] | str = ("aes128-sha1-modp2048",)
    esp_proposals: Sequence[str] | str = ("aes128-sha1-modp2048",)
    local_ts: Sequence[str] | str = ("10.2.0.0/24",)
    remote_ts: Sequence[str] | str = ("10.1.0.0/24",)
    reauth_time: int = 10800
    over_time: int = 600
    child_rekey_time: int = 3000
    child_life_time: int = 3600
    aggressive: bool = False
    initiator: bool = False  # CharonLab / the fixture initiate the CHILD_SA after load
    mode: str = "tunnel"
    conn_name: str = "v1psk"
    child_name: str = "net"
    encap: bool = False
    dpd_delay: int = 0
    retransmit_tries: int = 2
    retransmit_timeout: float = 1.0
    retransmit_base: float = 1.8
    log_levels: dict[str, int] = dataclasses.field(
        default_factory=lambda: {
            "ike": 4,
            "enc": 4,
            "chd": 4,
            "cfg": 2,
            "knl": 2,
            "net": 2,
            "lib": 1,
        }
    )
    plugins: Sequence[str] = (
        "random",
        "nonce",
        "openssl",
        "aes",
        "sha1",
        "sha2",
        "md5",
        "hmac",
        "kdf",
        "gmp",
        "pem",
        "pkcs1",
        "x509",
        "pubkey",
        "revocation",
        "constraints",
        "vici",
        "kernel-netlink",
        "socket-default",
    )
    extra_conn: dict[str, str] = dataclasses.field(default_factory=dict)
    extra_child: dict[str, str] = dataclasses.field(default_factory=dict)
    extra_charon: dict[str, str] = dataclasses.field(default_factory=dict)

    def mirrored(self, **changes: Any) -> CharonConfig:
        """The matching config for the other side (addresses, ports, ids, TS swapped)."""
        base = dataclasses.replace(
            self,
            local_addr=self.remote_addr,
            remote_addr=self.local_addr,
            local_port=self.remote_port,
            remote_port=self.local_port,
            local_port_nat_t=None,
            local_id=self.remote_id,
            remote_id=self.local_id,
            local_ts=self.remote_ts,
            remote_ts=self.local_ts,
            initiator=not self.initiator,
        )
        return dataclasses.replace(base, **changes)

    @property
    def port_nat_t(self) -> int:
        if self.local_port_nat_t is not None:
            return self.local_port_nat_t
        return 4500 if self.local_port == 500 else self.local_port + 1

    @property
    def ike_lifetime(self) -> int:
        """Phase 1 Life-Duration charon sends = reauth_time + over_time."""
        return self.reauth_time + self.over_time

    def strongswan_conf(self, log_path: str, vici_socket: str) -> str:
        levels = "\n".join(f"      {k} = {v}" for k, v in self.log_levels.items())
        extra = "\n".join(f"  {k} = {v}" for k, v in self.extra_charon.items())
        return f"""# written by tests/interop/charon.py
charon {{
  load = {" ".join(self.plugins)}
  port = {self.local_port}
  port_nat_t = {self.port_nat_t}
  install_routes = no
  install_virtual_ip = no
  retransmit_tries = {self.retransmit_tries}
  retransmit_timeout = {self.retransmit_timeout}
  retransmit_base = {self.retransmit_base}
  retransmit_jitter = 0
{extra}
  syslog {{
    daemon {{
      default = -1
    }}
    auth {{
      default = -1
    }}
  }}
  filelog {{
    charonlog {{
      path = {log_path}
      append = no
      flush_line = yes
      time_format = %H:%M:%S
      ike_name = yes
      default = 1
{levels}
    }}
  }}
  plugins {{
    vici {{
      socket = unix://{vici_socket}
    }}
  }}
}}
"""

    def swanctl_conf(self) -> str:
        def lst(v: Sequence[str] | str) -> str:
            return v if isinstance(v, str) else ",".join(v)

        psk = self.psk.encode() if isinstance(self.psk, str) else bytes(self.psk)
        local_id = self.local_id or self.local_addr
        remote_id = self.remote_id or self.remote_addr
        conn_extra = "".join(f"    {k} = {v}\n" for k, v in self.extra_conn.items())
        child_extra = "".join(f"        {k} = {v}\n" for k, v in self.extra_child.items())
        return f"""# written by tests/interop/charon.py
connections {{
  {self.conn_name} {{
    version = 1
    aggressive = {"yes" if self.aggressive else "no"}
    local_addrs = {self.local_addr}
    remote_addrs = {self.remote_addr}
    local_port = {self.local_port}
    remote_port = {self.remote_port}
    proposals = {lst(self.ike_proposals)}
    encap = {"yes" if self.encap else "no"}
    mobike = no
    fragmentation = no
    dpd_delay = {self.dpd_delay}
    reauth_time = {self.reauth_time}
    rekey_time = 0
    over_time = {self.over_time}
    rand_time = 0
{conn_extra}    local {{
      auth = psk
      id = {local_id}
    }}
    remote {{
      auth = psk
      id = {remote_id}
    }}
    children {{
      {self.child_name} {{
        mode = {self.mode}
        local_ts = {lst(self.local_ts)}
        remote_ts = {lst(self.remote_ts)}
        esp_proposals = {lst(self.esp_proposals)}
        start_action = none
        dpd_action = none
        close_action = none
        rekey_time = {self.child_rekey_time}
        life_time = {self.child_life_time}
        rand_time = 0
{child_extra}      }}
    }}
  }}
}}
secrets {{
  ike-{self.conn_name} {{
    id-local = {local_id}
    id-remote = {remote_id}
    secret = 0x{psk.hex()}
  }}
}}
"""


# ---------------------------------------------------------------------------------------
# CharonPeer
# ---------------------------------------------------------------------------------------


class CharonPeer:
    """A real charon, started as a subprocess with private config, log, vici socket and /run.

    ``netns``: run inside this network namespace (``ip netns exec``, which also gives the
    private mount namespace for the /run bind mount).  ``None``: run in the root network
    namespace (``unshare -m``); then charon binds the wildcard address on
    ``config.local_port`` / ``port_nat_t`` of the machine, so pick free ports.

    ``shim``: True = run under the xfrm LD_PRELOAD shim (error if it cannot be built),
    False = never, None = when it can be built.
    """

    def __init__(
        self,
        config: CharonConfig | None = None,
        *,
        netns: Netns | None = None,
        shim: bool | None = None,
        workdir: str | os.PathLike[str] | None = None,
        charon_path: str | None = None,
        swanctl_path: str | None = None,
        start_timeout: float = 10.0,
        stop_timeout: float = 3.0,
        keep_workdir: bool | None = None,
        copy_binaries: bool | None = None,
        **overrides: Any,
    ) -> None:
        cfg = config or CharonConfig()
        if overrides:
            cfg = dataclasses.replace(cfg, **overrides)
        self.config = cfg
        self.netns = netns
        self.driver_netns: Netns | None = None  # set by CharonLab: where endpoint() binds
        self.lab: CharonLab | None = None  # set by CharonLab
        self.shim_mode = shim
        self.shim_path: Path | None = None
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.charon_path = charon_path or find_charon()
        self.swanctl_path = swanctl_path or find_swanctl()
        if copy_binaries is None:
            copy_binaries = apparmor_enabled() or bool(os.environ.get("IKEVIZ_COPY_BINARIES"))
        self.copy_binaries = copy_binaries
        self._own_workdir = workdir is None
        self.workdir = (
            Path(workdir)
            if workdir
            else Path(tempfile.mkdtemp(prefix="ikeviz-charon-", dir=_safe_tmp()))
        )
        self.keep_workdir = (
            keep_workdir if keep_workdir is not None else bool(os.environ.get("IKEVIZ_KEEP_CHARON"))
        )
        self.rundir: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._bg: list[subprocess.Popen[bytes]] = []
        self._final_log: str | None = None
        self.timings: dict[str, float] = {}

    # -- paths ----------------------------------------------------------------------------
    @property
    def log_path(self) -> Path:
        return self.workdir / "charon.log"

    @property
    def strongswan_conf_path(self) -> Path:
        return self.workdir / "strongswan.conf"

    @property
    def swanctl_conf_path(self) -> Path:
        return self.workdir / "swanctl.conf"

    @property
    def vici_socket(self) -> Path:
        if self.rundir is None:
            raise CharonError("charon not started")
        return self.rundir / "charon.vici"

    @property
    def vici_uri(self) -> str:
        return f"unix://{self.vici_socket}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> CharonPeer:
        """Write the configs, start charon and wait until its vici socket accepts."""
        if self.proc is not None:
            return self
        if not self.charon_path or not self.swanctl_path:
            raise CharonError(CHARON_MISSING_REASON)
        if self.copy_binaries:
            self.charon_path = unconfined_copy(self.charon_path)
            self.swanctl_path = unconfined_copy(self.swanctl_path)
        t0 = time.monotonic()
        if self.shim_mode is not False:
            try:
                self.shim_path = build_shim()
            except ShimUnavailable:
                if self.shim_mode:
                    raise
                self.shim_path = None
        self.workdir.mkdir(parents=True, exist_ok=True)
        # short path: the vici socket path must fit into sockaddr_un (108 bytes)
        self.rundir = Path(tempfile.mkdtemp(prefix="ikvrun-", dir=_safe_tmp()))
        self.strongswan_conf_path.write_text(
            self.config.strongswan_conf(str(self.log_path), str(self.vici_socket))
        )
        self.swanctl_conf_path.write_text(self.config.swanctl_conf())
        with contextlib.suppress(FileNotFoundError):
            self.log_path.unlink()

        env_args = [f"STRONGSWAN_CONF={self.strongswan_conf_path}"]
        if self.shim_path is not None:
            env_args.append(f"LD_PRELOAD={self.shim_path}")
        script = 'mount --bind "$1" /run && shift && exec env "$@"'
        inner = ["sh", "-c", script, "charon-launch", str(self.rundir), *env_args, self.charon_path]
        if self.netns is not None:
            argv = self.netns.exec_argv(inner)
        else:
            unshare = shutil.which("unshare") or "/usr/bin/unshare"
            argv = [unshare, "-m", "--propagation", "private", *inner]
        env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "STRONGSWAN_CONF")}
        out = open(self.workdir / "charon.stdout", "wb")
        try:
            self.proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        finally:
            out.close()
        _LIVE.add(self)
        try:
            self._wait_ready(t0)
        except BaseException:
            self.stop()
            raise
        self.timings["start"] = time.monotonic() - t0
        return self

    def _wait_ready(self, t0: float) -> None:
        deadline = t0 + self.start_timeout
        while True:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise CharonError(
                    f"charon exited with {self.proc.returncode} while starting\n"
                    + self._diagnostics()
                )
            if self.vici_socket.exists():
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    s.settimeout(0.5)
                    s.connect(str(self.vici_socket))
                    return
                except OSError:
                    pass
                finally:
                    s.close()
            if time.monotonic() > deadline:
                raise CharonError(
                    f"charon not ready after {self.start_timeout}s\n" + self._diagnostics()
                )
            time.sleep(0.005)

    def stop(self) -> None:
        """Stop charon (SIGTERM, then SIGKILL after ``stop_timeout``) and clean up.  Idempotent."""
        t0 = time.monotonic()
        for bg in self._bg:
            if bg.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    bg.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                bg.wait(timeout=2)
        self._bg.clear()
        if self.proc is not None:
            if self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=self.stop_timeout)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        self.proc.kill()
                    self.proc.wait(timeout=5)
            self.timings["stop"] = time.monotonic() - t0
        if self._final_log is None and self.log_path.exists():
            self._final_log = self.log_path.read_text(errors="replace")
        if self.rundir is not None:
            shutil.rmtree(self.rundir, ignore_errors=True)
        if self._own_workdir and not self.keep_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        _LIVE.discard(self)

    def __enter__(self) -> CharonPeer:
        """``with CharonPeer(cfg) as peer``: started and with the configuration loaded."""
        try:
            self.start()
            self.load()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __del__(self) -> None:  # last resort; tests should call stop()
        proc = getattr(self, "proc", None)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(Exception):
                proc.kill()

    # -- swanctl --------------------------------------------------------------------------
    def swanctl_argv(self, *args: str) -> list[str]:
        assert self.swanctl_path
        return [self.swanctl_path, *args, "--uri", self.vici_uri]

    def _swanctl_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        env["STRONGSWAN_CONF"] = str(self.strongswan_conf_path)
        return env

    def swanctl(
        self, *args: str, timeout: float = 10.0, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run ``swanctl args... --uri <this charon>`` and wait (bounded)."""
        try:
            proc = _run(
                self.swanctl_argv(*args), timeout=timeout, check=False, env=self._swanctl_env()
            )
        except subprocess.TimeoutExpired as exc:
            raise CharonError(f"swanctl {' '.join(args)} timed out\n{self._diagnostics()}") from exc
        if check and proc.returncode != 0:
            raise CharonError(
                f"swanctl {' '.join(args)} failed with {proc.returncode}:\n"
                f"{proc.stdout}{proc.stderr}\n" + self._diagnostics()
            )
        return proc

    def load(self) -> str:
        """``swanctl --load-all`` of this peer's swanctl.conf into this charon."""
        t0 = time.monotonic()
        out = self.swanctl("--load-all", "--noprompt", "--file", str(self.swanctl_conf_path)).stdout
        self.timings["load"] = time.monotonic() - t0
        return out

    def initiate(self, child: str | None = None, *, timeout: int = 30) -> subprocess.Popen[bytes]:
        """Start ``swanctl --initiate --child <child>`` in the background; returns at once.

        Use :meth:`wait_initiate` or :meth:`wait_for_log` to wait for the outcome.
        """
        child = child or self.config.child_name
        n = len(self._bg)
        out = open(self.workdir / f"swanctl-initiate-{n}.txt", "wb")
        try:
            proc = subprocess.Popen(
                self.swanctl_argv("--initiate", "--child", child, "--timeout", str(timeout)),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=self._swanctl_env(),
                start_new_session=True,
            )
        finally:
            out.close()
        self._bg.append(proc)
        return proc

    def wait_initiate(
        self, proc: subprocess.Popen[bytes] | None = None, timeout: float = 35.0
    ) -> tuple[int, str]:
        """Wait for a background ``initiate`` (default: the last one); (exit code, output)."""
        if proc is None:
            if not self._bg:
                raise CharonError("nothing initiated")
            proc = self._bg[-1]
        idx = self._bg.index(proc)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait(timeout=5)
        text = (self.workdir / f"swanctl-initiate-{idx}.txt").read_text(errors="replace")
        return rc, text

    def terminate_ike(self, name: str | None = None, timeout: float = 10.0) -> str:
        """``swanctl --terminate --ike <conn>`` (sends the DELETEs), waiting for it."""
        return self.swanctl(
            "--terminate",
            "--ike",
            name or self.config.conn_name,
            "--timeout",
            str(int(timeout)),
            timeout=timeout + 5,
        ).stdout

    def list_sas(self) -> str:
        return self.swanctl("--list-sas").stdout

    # -- log ------------------------------------------------------------------------------
    def log_text(self) -> str:
        if self.log_path.exists():
            return self.log_path.read_text(errors="replace")
        return self._final_log or ""

    def log(self) -> CharonLog:
        return parse_charon_log(self.log_text())

    def wait_for_log(self, pattern: str, timeout: float = 10.0, *, count: int = 1) -> re.Match[str]:
        """Poll the log until ``pattern`` (regex, MULTILINE) matched ``count`` times.

        Returns the ``count``-th match; TimeoutError (with the log tail) after ``timeout``,
        CharonError at once if charon died.
        """
        rx = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        while True:
            matches = list(rx.finditer(self.log_text()))
            if len(matches) >= count:
                return matches[count - 1]
            if not self.running:
                raise CharonError(
                    f"charon is not running; {pattern!r} not in log\n" + self._diagnostics()
                )
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{pattern!r} not in charon log after {timeout}s\n" + self._diagnostics()
                )
            time.sleep(0.01)

    def wait_established(self, timeout: float = 10.0) -> re.Match[str]:
        """Wait for ``CHILD_SA <child>{n} established``."""
        return self.wait_for_log(
            rf"CHILD_SA {re.escape(self.config.child_name)}\{{\d+\}} established", timeout
        )

    def endpoint(self, **kwargs: Any) -> UdpEndpoint:
        """A UdpEndpoint at the far side of this peer: bound to (remote_addr, remote_port)
        in the driver namespace, sending to (local_addr, local_port)."""
        kwargs.setdefault("netns", self.driver_netns)
        return UdpEndpoint(
            local=(self.config.remote_addr, self.config.remote_port),
            remote=(self.config.local_addr, self.config.local_port),
            **kwargs,
        )

    def _diagnostics(self, lines: int = 40) -> str:
        parts = [f"workdir: {self.workdir}"]
        with contextlib.suppress(OSError):
            out = (self.workdir / "charon.stdout").read_text(errors="replace").strip()
            if out:
                parts.append("charon stdout/stderr:\n" + out[-3000:])
        tail = self.log_text().splitlines()[-lines:]
        if tail:
            parts.append("charon log tail:\n" + "\n".join(tail))
        return "\n".join(parts)

    def __repr__(self) -> str:
        where = self.netns.name if self.netns else "root netns"
        addr = f"{self.config.local_addr}:{self.config.local_port}"
        return f"CharonPeer({addr} in {where}, pid={self.pid})"


# ---------------------------------------------------------------------------------------
# Topology: CharonLab
# ---------------------------------------------------------------------------------------


def _is_loopback(addr: str) -> bool:
    return ipaddress.ip_address(addr).is_loopback


class CharonLab:
    """charon plus the network around it, all inside namespaces created for the test.

    ``topology="veth"`` (default): two namespaces, "peer" (charon at ``config.local_addr``)
    and "driver" (``config.remote_addr``), joined by a veth pair; both sides can use UDP
    port 500.  :meth:`endpoint` gives the driver's UDP socket; :meth:`start_second_peer`
    runs a second charon in the driver namespace instead.

    ``topology="single"``: one namespace, both addresses on ``lo`` (e.g. 127.0.0.1 and
    127.0.0.2).  charon holds the wildcard address on its ports, so the driver must use
    another port (``config.remote_port != config.local_port``); with neither port 500 the
    4-byte non-ESP marker is needed (UdpEndpoint adds it automatically).
    ``topology=None``: "single" when both addresses are loopback, else "veth".
    """

    def __init__(
        self,
        config: CharonConfig | None = None,
        *,
        topology: str | None = None,
        shim: bool | None = None,
        workdir: str | os.PathLike[str] | None = None,
        copy_binaries: bool | None = None,
        **overrides: Any,
    ) -> None:
        cfg = config or CharonConfig()
        if overrides:
            cfg = dataclasses.replace(cfg, **overrides)
        self.config = cfg
        self.copy_binaries = copy_binaries
        if topology is None:
            topology = (
                "single"
                if _is_loopback(cfg.local_addr) and _is_loopback(cfg.remote_addr)
                else "veth"
            )
        if topology not in ("veth", "single"):
            raise ValueError(f"unknown topology {topology!r}")
        if topology == "single" and cfg.local_port == cfg.remote_port:
            raise ValueError(
                f"single namespace: charon binds 0.0.0.0:{cfg.local_port}, so the driver needs "
                "another port (set remote_port) or use topology='veth'"
            )
        self.topology = topology
        self.shim = shim
        self.workdir = Path(workdir) if workdir else None
        self.peer_ns = Netns()
        self.driver_ns = self.peer_ns if topology == "single" else Netns()
        self.peer = CharonPeer(
            cfg,
            netns=self.peer_ns,
            shim=shim,
            workdir=self.workdir / "peer" if self.workdir else None,
            copy_binaries=copy_binaries,
        )
        self.peer.driver_netns = self.driver_ns
        self.peer.lab = self
        self.second: CharonPeer | None = None
        self.timings: dict[str, float] = {}

    def start(self, *, load: bool = True) -> CharonLab:
        t0 = time.monotonic()
        _LIVE.add(self)
        try:
            self.peer_ns.create()
            if self.topology == "veth":
                self.driver_ns.create()
                link_veth(
                    self.peer_ns, self.config.local_addr, self.driver_ns, self.config.remote_addr
                )
            else:
                for addr in (self.config.local_addr, self.config.remote_addr):
                    if not _is_loopback(addr):
                        self.peer_ns.add_address(addr)
            self.timings["netns"] = time.monotonic() - t0
            self.peer.start()
            if load:
                self.peer.load()
        except BaseException:
            self.stop()
            raise
        self.timings["start"] = time.monotonic() - t0
        return self

    def start_second_peer(
        self, config: CharonConfig | None = None, *, load: bool = True, **overrides: Any
    ) -> CharonPeer:
        """A second charon in the driver namespace (default: the mirrored config)."""
        if self.topology != "veth":
            raise ValueError("a second charon needs topology='veth'")
        cfg = config or self.config.mirrored()
        if overrides:
            cfg = dataclasses.replace(cfg, **overrides)
        self.second = CharonPeer(
            cfg,
            netns=self.driver_ns,
            shim=self.shim,
            workdir=self.workdir / "second" if self.workdir else None,
            copy_binaries=self.copy_binaries,
        )
        self.second.driver_netns = self.peer_ns
        self.second.lab = self
        self.second.start()
        if load:
            self.second.load()
        return self.second

    def endpoint(self, **kwargs: Any) -> UdpEndpoint:
        return self.peer.endpoint(**kwargs)

    def stop(self) -> None:
        for p in (self.second, self.peer):
            if p is not None:
                with contextlib.suppress(Exception):
                    p.stop()
        for ns in {id(self.peer_ns): self.peer_ns, id(self.driver_ns): self.driver_ns}.values():
            with contextlib.suppress(Exception):
                ns.delete()
        _LIVE.discard(self)

    def __enter__(self) -> CharonLab:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---------------------------------------------------------------------------------------
# UdpEndpoint
# ---------------------------------------------------------------------------------------

NON_ESP_MARKER = b"\x00\x00\x00\x00"


class UdpEndpoint:
    """A UDP socket for feeding datagrams to charon and reading its answers.

    ``local``: (address, port) to bind; ``remote``: where :meth:`send` goes.  ``netns``:
    create the socket inside that network namespace (the process does not move).
    ``non_esp_marker``: prepend/strip the 4-byte non-ESP marker; default: exactly when
    neither port is 500 (charon's rule in receiver.c: such datagrams without the marker
    are taken for ESP and dropped silently).
    """

    def __init__(
        self,
        local: tuple[str, int],
        remote: tuple[str, int],
        *,
        netns: Netns | None = None,
        non_esp_marker: bool | None = None,
        rcvbuf: int = 1 << 20,
    ) -> None:
        family = socket.AF_INET6 if ipaddress.ip_address(local[0]).version == 6 else socket.AF_INET
        self.sock = (
            netns.socket(family) if netns is not None else socket.socket(family, socket.SOCK_DGRAM)
        )
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
            self.sock.bind(local)
        except BaseException:
            self.sock.close()
            raise
        self.local = self.sock.getsockname()[:2]
        self.remote = remote
        self.netns = netns
        if non_esp_marker is None:
            non_esp_marker = 500 not in (self.local[1], remote[1])
        self.non_esp_marker = non_esp_marker
        self.sent: list[bytes] = []
        self.received: list[tuple[bytes, tuple[str, int]]] = []

    def send(self, data: bytes, to: tuple[str, int] | None = None) -> None:
        payload = NON_ESP_MARKER + data if self.non_esp_marker else data
        self.sock.sendto(payload, to or self.remote)
        self.sent.append(bytes(data))

    def recv_from(self, timeout: float = 2.0) -> tuple[bytes, tuple[str, int]]:
        """Next datagram and its source; TimeoutError after ``timeout`` seconds."""
        ready, _, _ = select.select([self.sock], [], [], max(0.0, timeout))
        if not ready:
            raise TimeoutError(f"no datagram on {self.local} within {timeout}s")
        data, addr = self.sock.recvfrom(65535)
        if self.non_esp_marker and data[:4] == NON_ESP_MARKER:
            data = data[4:]
        src = (addr[0], addr[1])
        self.received.append((data, src))
        return data, src

    def recv(self, timeout: float = 2.0) -> bytes:
        return self.recv_from(timeout)[0]

    def exchange(self, data: bytes, timeout: float = 2.0) -> bytes:
        """Send ``data`` and return the first answer."""
        self.send(data)
        return self.recv(timeout)

    def drain(self, timeout: float = 0.05) -> list[bytes]:
        """Everything that arrives until ``timeout`` passes without a datagram."""
        out = []
        while True:
            try:
                out.append(self.recv(timeout))
            except TimeoutError:
                return out

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> UdpEndpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@atexit.register
def _cleanup_at_exit() -> None:
    for obj in list(_LIVE):
        with contextlib.suppress(Exception):
            if isinstance(obj, (CharonPeer, CharonLab)):
                obj.stop()
    for obj in list(_LIVE):
        with contextlib.suppress(Exception):
            if isinstance(obj, Netns):
                obj.delete()
