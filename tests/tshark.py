"""Run Wireshark's dissector (tshark) and read its PDML output, for comparisons."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

TSHARK = shutil.which("tshark")
NO_TSHARK = "tshark is not installed (apt-get install tshark): Wireshark comparison skipped"


@dataclass
class PdmlPayload:
    """One ISAKMP payload as tshark dissects it: its type, fields and children."""

    type: int
    pos: int
    size: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    attributes: list[tuple[int, str]] = field(default_factory=list)
    children: list[PdmlPayload] = field(default_factory=list)


@dataclass
class PdmlIsakmp:
    frame: int
    pos: int
    header: dict[str, str]
    payloads: list[PdmlPayload]
    malformed: bool
    expert: list[str]


def _value(elem: ET.Element) -> str:
    # "show" is the value as tshark displays it: numbers in decimal or 0x-hex,
    # bytes as colon-separated hex.
    # Some byte fields (isakmp.enc.data) have an empty "show": use the raw value.
    return elem.get("show") or elem.get("value") or ""


def _payload(elem: ET.Element) -> PdmlPayload:
    payload = PdmlPayload(int(elem.get("show", "-1")), int(elem.get("pos", "0")),
                          int(elem.get("size", "0")))
    for child in elem:
        name = child.get("name", "")
        if name == "isakmp.typepayload":
            payload.children.append(_payload(child))
        elif name in ("isakmp.ike.attr", "isakmp.ipsec.attr"):
            attr_type = -1
            value = ""
            for sub in child:
                sub_name = sub.get("name", "")
                if sub_name.endswith(".attr.type"):
                    attr_type = int(sub.get("show", "-1"))
                elif sub_name.endswith(".attr.value"):
                    value = _value(sub)
            payload.attributes.append((attr_type, value))
        else:
            payload.fields.setdefault(name, []).append(_value(child))
    return payload


def dissect(pcap: Path, *extra: str) -> list[PdmlIsakmp]:
    """tshark's PDML for every ISAKMP message of ``pcap`` (in frame order)."""
    assert TSHARK is not None
    out = subprocess.run(
        [TSHARK, "-r", str(pcap), "-T", "pdml", *extra],
        check=True, capture_output=True, timeout=120,
    ).stdout
    result = []
    for packet in ET.fromstring(out).iter("packet"):
        frame = 0
        malformed = False
        expert: list[str] = []
        for proto in packet.iter("proto"):
            if proto.get("name") == "geninfo":
                for f in proto:
                    if f.get("name") == "num":
                        frame = int(f.get("show", "0"))
            if proto.get("name") == "_ws.malformed":
                malformed = True
        for f in packet.iter("field"):
            if f.get("name") == "_ws.expert":
                expert.append(f.get("showname", ""))
        for proto in packet.iter("proto"):
            if proto.get("name") != "isakmp":
                continue
            header: dict[str, str] = {}
            payloads = []
            for child in proto:
                name = child.get("name", "")
                if name == "isakmp.typepayload":
                    payloads.append(_payload(child))
                elif name == "isakmp.enc.data":
                    # tshark shows no bytes for ciphertext, only its size.
                    header[name] = child.get("size", "")
                else:
                    header[name] = _value(child)
            result.append(PdmlIsakmp(frame, int(proto.get("pos", "0")), header, payloads,
                                     malformed, expert))
    return result
