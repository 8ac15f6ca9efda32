"""``ikeviz inspect``: text and JSON output, and bad input (exit code 2, one line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ikeviz.capture.packets import build_ethernet, build_ipv4_udp
from ikeviz.capture.pcapfile import PcapngWriter, PcapWriter
from ikeviz.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "strongswan-3des-md5-modp1024.pcap"
MISMATCH = ROOT / "resources" / "samples" / "strongswan-dh-group-mismatch.pcap"


def test_text_output_shows_the_payload_tree(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(MISMATCH)]) == 0
    out = capsys.readouterr().out
    assert "Frame 1" in out and "Frame 2" in out
    assert "Exchange type: Identity Protection (Main Mode) (2)" in out
    assert "Attribute: Group-Description = 2048-bit MODP group (14)" in out
    assert "Notify message type: NO-PROPOSAL-CHOSEN (14)" in out
    assert "RFC 3947" in out


def test_json_output_is_one_document_with_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--json", str(SAMPLE)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["error"] is None and doc["problems"] == []
    messages = doc["messages"]
    assert len(messages) == 11
    first = messages[0]
    assert (first["src"], first["dst"], first["src_port"]) == ("10.99.0.1", "10.99.0.2", 500)
    sa = next(c for c in first["ike"]["children"] if c.get("path") == "SA")
    assert sa["offset"] == 28
    assert messages[4]["ike"]["children"][-1]["name"] == "Encrypted payloads"


def test_not_a_capture_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("<html>hello</html>")
    result = subprocess.run(
        [sys.executable, "-m", "ikeviz", "inspect", str(bad)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "notes.txt" in result.stderr and "Traceback" not in result.stderr


def test_truncated_capture_prints_what_it_read_then_exit_2(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(data[: len(data) - 30])
    result = subprocess.run(
        [sys.executable, "-m", "ikeviz", "inspect", str(cut)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "Frame 10" in result.stdout and "Frame 11" not in result.stdout
    assert result.stderr.count("\n") == 1 and "cut.pcap" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "/nonexistent/x.pcap"]) == 2
    assert "x.pcap" in capsys.readouterr().err


def test_nat_t_port_and_malformed_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A pcapng with: an IKE message on 4500 behind the non-ESP marker, an ESP
    # packet, a NAT-keepalive, and a malformed IKE message on a user port.
    ike = SAMPLE.read_bytes()
    from tests.real_messages import real_messages

    message = real_messages("A-p1-3des-md5-modp1024")[0].ike
    path = tmp_path / "natt.pcapng"
    with path.open("wb") as f:
        writer = PcapngWriter(f)
        for sport, dport, payload in (
            (4500, 4500, b"\x00\x00\x00\x00" + message),
            (4500, 4500, b"\x00\x00\x10\x01" + bytes(20)),
            (4500, 4500, b"\xff"),
            (7500, 500, message[:40]),
        ):
            packet = build_ipv4_udp("192.0.2.1", "198.51.100.2", sport, dport, payload)
            writer.write(1_700_000_000_000_000_000, build_ethernet(packet, 0x0800))
    assert ike
    assert main(["inspect", "--port", "7500", str(path)]) == 0
    out = capsys.readouterr().out
    assert "non-ESP marker" in out
    assert "ESP in UDP SPI 0x00001001" in out
    assert "NAT-keepalive" in out
    assert "Malformed: header.length at byte 24" in out


def test_pcap_writer_fixture_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.pcap"
    with path.open("wb") as f:
        PcapWriter(f, 1)
    assert main(["inspect", str(path)]) == 0
    assert "no IKE message found" in capsys.readouterr().out
