"""``ikeviz inspect CAPTURE``: every IKE message of a capture as a payload tree."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ikeviz.capture.packets import FrameProblem, read_udp_datagrams
from ikeviz.capture.pcapfile import CaptureError
from ikeviz.cli.import_cmd import timestamp_text
from ikeviz.protocol.transport import IKE_PORT, NAT_T_PORT, UdpContentKind, classify_udp_payload
from ikeviz.protocol.tree import inspect_message, render_text

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "inspect",
        help="print each IKE message of a pcap/pcapng capture as a payload tree",
        description=(
            "Read a pcap or pcapng capture, find the IKE datagrams (UDP 500 and 4500, and the "
            "ports given with --port) and print each message as a payload tree, as Wireshark "
            "shows it. Encrypted messages are shown with their size."
        ),
    )
    parser.add_argument("capture", help="a .pcap or .pcapng file")
    parser.add_argument("--json", action="store_true", help="machine-readable JSON output")
    parser.add_argument(
        "--port",
        type=int,
        action="append",
        default=[],
        metavar="PORT",
        help="also read IKE on this UDP port (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    ports = {IKE_PORT, NAT_T_PORT, *args.port}
    for port in args.port:
        if not 0 < port < 65536:
            print(f"ikeviz: --port {port}: expected a UDP port 1-65535", file=sys.stderr)
            return EXIT_BAD_INPUT
    writer = _JsonWriter(out, args.capture) if args.json else None
    count = 0
    try:
        for item in read_udp_datagrams(args.capture, ports=ports):
            if isinstance(item, FrameProblem):
                if writer:
                    writer.problem(item.frame, item.reason)
                else:
                    print(f"Frame {item.frame}: malformed: {item.reason}\n", file=out)
                continue
            content = classify_udp_payload(
                item.payload, src_port=item.src_port, dst_port=item.dst_port
            )
            where = f"{item.src}:{item.src_port} -> {item.dst}:{item.dst_port}"
            record: dict[str, Any] = {
                "frame": item.frame,
                "time": timestamp_text(item.timestamp_ns),
                "timestamp_ns": item.timestamp_ns,
                "src": item.src,
                "src_port": item.src_port,
                "dst": item.dst,
                "dst_port": item.dst_port,
                "kind": content.kind.value,
            }
            if content.kind is not UdpContentKind.IKE:
                if content.esp_spi is not None:
                    record["esp_spi"] = f"0x{content.esp_spi:08x}"
                if content.reason:
                    record["reason"] = content.reason
                if writer:
                    writer.message(record)
                else:
                    extra = f" SPI 0x{content.esp_spi:08x}" if content.esp_spi is not None else ""
                    print(f"Frame {item.frame}  {record['time']}  {where}  "
                          f"{content.kind.value}{extra}\n", file=out)
                continue
            count += 1
            inspected = inspect_message(content.ike)
            if writer:
                record["ike"] = inspected.tree.to_json()
                if content.ike_offset:
                    record["non_esp_marker"] = True
                writer.message(record)
            else:
                # The UDP payload's size; after a non-ESP marker, the IKE message's too.
                size = len(content.ike) + content.ike_offset
                marker = (f", non-ESP marker and IKE {len(content.ike)} bytes"
                          if content.ike_offset else "")
                print(f"Frame {item.frame}  {record['time']}  {where}  "
                      f"UDP {size} bytes{marker}", file=out)
                print("\n".join(render_text(inspected.tree)) + "\n", file=out)
    except CaptureError as exc:
        if writer:
            writer.close(error=str(exc))
        print(f"ikeviz: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        if writer:
            writer.close(error=f"{args.capture}: {exc.strerror or exc}")
        print(f"ikeviz: {args.capture}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if writer:
        writer.close()
    elif count == 0:
        print(f"{args.capture}: no IKE message found on UDP ports "
              f"{', '.join(map(str, sorted(ports)))}", file=out)
    return EXIT_OK


class _JsonWriter:
    """Writes one JSON document incrementally, so a big capture is not held in memory."""

    def __init__(self, out: TextIO, path: str) -> None:
        self.out = out
        self.first_message = True
        self.problems: list[dict[str, Any]] = []
        out.write('{"file": ' + json.dumps(path) + ', "messages": [')

    def message(self, record: dict[str, Any]) -> None:
        self.out.write(("" if self.first_message else ",") + "\n" + json.dumps(record))
        self.first_message = False

    def problem(self, frame: int, reason: str) -> None:
        self.problems.append({"frame": frame, "reason": reason})

    def close(self, error: str | None = None) -> None:
        self.out.write("\n], \"problems\": " + json.dumps(self.problems))
        self.out.write(", \"error\": " + json.dumps(error) + "}\n")
