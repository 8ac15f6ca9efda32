"""``ikeviz import CAPTURE``: the IKEv1 negotiations of a capture, decrypted, with a diagnosis.

Prints each negotiation found in a pcap/pcapng file as ``ikeviz check`` prints a simulated
one (one line per message: time, direction, label, payloads or "encrypted (N bytes)", and
the states both sides must have been in), then its verdict and diagnosis. Keys decrypt
the encrypted messages: a Wireshark IKEv1 decryption table (``--keys``), strongSwan charon
logs at ike level 4 (``--charon-log``), or the pre-shared key with the DH shared secret
(``--psk`` and ``--dh-secret``). ``--save-scenario`` writes one negotiation as a scenario
file to try fixes in.

Exit code 0 when every negotiation found is established, 1 when one is not (or none was
found), 2 on bad input (not a capture, a truncated one, a bad key file): one line on
stderr, after what could be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from typing import Any, TextIO

from ikeviz.capture.analysis import CaptureDiagnosis, diagnose_capture, ike_text, to_scenario
from ikeviz.capture.keys import (
    KeyFileError,
    KeyRing,
    PskSecret,
    decrypt_negotiation,
    parse_hex,
    read_charon_log_checked,
    read_wireshark_table,
)
from ikeviz.capture.negotiations import (
    CaptureAnalysis,
    CapturedMessage,
    Negotiation,
    exchange_name,
    message_summary,
    read_negotiations,
)
from ikeviz.protocol.codec import payload_short_name
from ikeviz.protocol.registry import NotifyType, describe
from ikeviz.protocol.states import State
from ikeviz.protocol.transport import IKE_PORT, NAT_T_PORT
from ikeviz.scenario.fileformat import save_scenario
from ikeviz.scenario.profiles import ProfileError, builtin_profiles
from ikeviz.simulation.summary import to_jsonable

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
#: Progress is shown on stderr when it is a terminal, or when the capture is at least this big.
BIG_CAPTURE: int = 64 * 1024 * 1024

__all__ = ["BIG_CAPTURE", "add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add ``import`` to the sub-commands (``commands`` is argparse's subparsers object)."""
    parser = commands.add_parser(
        "import",
        help="find the IKEv1 negotiations of a capture, decrypt them, and diagnose them",
        description=(
            "Read a pcap or pcapng capture, find every IKEv1 negotiation (UDP 500 and 4500, "
            "and the ports given with --port), decrypt what the keys given allow, and print "
            "each one message by message with its verdict and diagnosis. Exit code 0: every "
            "negotiation found is established; 1: one is not, or none was found; 2: bad input."
        ),
    )
    parser.add_argument("capture", help="a .pcap or .pcapng file")
    parser.add_argument("--keys", metavar="FILE", action="append", default=[],
                        help="a Wireshark IKEv1 decryption table (\"icookie,key\" lines, hex); "
                        "repeatable")
    parser.add_argument("--charon-log", metavar="FILE", action="append", default=[],
                        help="a strongSwan charon log written at ike level 4; repeatable")
    parser.add_argument("--psk", metavar="TEXT", help="the pre-shared key (with --dh-secret)")
    parser.add_argument("--dh-secret", metavar="HEX", action="append", default=[],
                        help="the Diffie-Hellman shared secret g^xy in hex (as charon logs "
                        "it); repeatable")
    parser.add_argument("--port", type=int, action="append", default=[], metavar="N",
                        help="also read IKE on this UDP port (repeatable)")
    parser.add_argument("--responder-profile", metavar="ID",
                        help="the responder's product (a profile id, e.g. omnipcx-office): "
                        "a refused offer is compared with what it supports")
    parser.add_argument("--initiator-profile", metavar="ID", default="strongswan-5.9",
                        help="the initiator's product, for --save-scenario "
                        "(default strongswan-5.9)")
    parser.add_argument("--states", choices=("strongswan", "libreswan", "cisco"),
                        default="libreswan", help="whose state names to print")
    parser.add_argument("--json", action="store_true", help="machine-readable JSON output")
    parser.add_argument("--save-scenario", metavar="OUT.toml",
                        help="save a negotiation as a scenario file (without the PSK)")
    parser.add_argument("--negotiation", type=int, metavar="N",
                        help="which negotiation --save-scenario saves (default: the first "
                        "that failed, else the first)")
    parser.set_defaults(run=run)


# --- progress --------------------------------------------------------------------------------


class _Progress:
    """Progress on stderr: one updated line on a terminal, a line per 10 % otherwise."""

    def __init__(self, stream: TextIO, name: str, tty: bool) -> None:
        self.stream = stream
        self.name = name
        self.tty = tty
        self.last = 0.0
        self.decile = -1
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            percent, size = -1, f"{done / 1e6:.0f} MB"
        else:
            percent, size = done * 100 // total, f"{done / 1e6:.0f} of {total / 1e6:.0f} MB"
        if self.tty:
            now = time.monotonic()
            if now - self.last < 0.2 and done != total:
                return
            self.last = now
            text = f"{percent:3d} %" if percent >= 0 else ""
            self.stream.write(f"\rreading {self.name}: {text} ({size})   ")
            self.stream.flush()
            self.shown = True
        elif percent >= 0 and percent // 10 != self.decile:
            self.decile = percent // 10
            self.stream.write(f"reading {self.name}: {percent} % ({size})\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _progress_for(path: str, err: TextIO) -> _Progress | None:
    tty = bool(getattr(err, "isatty", lambda: False)())
    try:
        big = os.path.getsize(path) >= BIG_CAPTURE
    except OSError:
        big = False
    if not (tty or big):
        return None
    return _Progress(err, os.path.basename(path), tty)


# --- keys ------------------------------------------------------------------------------------


def _keys(args: argparse.Namespace, notes: list[str],
          findings: dict[str, tuple[str, ...]]) -> KeyRing:
    """The key ring of the options; raises KeyFileError or ValueError with a clear message.
    A charon log without keys adds a note to ``notes`` instead; each log's finding lines go
    to ``findings``."""
    sessions = []
    for path in args.keys:
        sessions.extend(read_wireshark_table(path))
    for path in args.charon_log:
        reading = read_charon_log_checked(path)
        if reading.note:
            notes.append(reading.note)
        findings[path] = reading.findings
        sessions.extend(reading.sessions)
    secrets = []
    if args.psk is not None and not args.dh_secret:
        raise ValueError("--psk needs --dh-secret (the DH shared secret g^xy, in hex)")
    psk = args.psk.encode() if args.psk is not None else None
    for text in args.dh_secret:
        secret = parse_hex(text, "--dh-secret")
        what = "PSK + DH secret" if psk is not None else "DH secret"
        secrets.append(PskSecret(psk, secret, f"{what} {secret[:4].hex()}..."))
    return KeyRing(tuple(sessions), tuple(secrets))


# --- text output ---------------------------------------------------------------------------


def timestamp_text(ns: int) -> str:
    """A capture's timestamp in UTC, or in nanoseconds when no calendar date holds it (a
    pcapng interface's resolution or offset can put it millions of years away)."""
    seconds, rest = divmod(ns, 1_000_000_000)
    try:
        when = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return f"{ns} ns"
    return when.strftime("%Y-%m-%d %H:%M:%S") + f".{rest // 1000:06d} UTC"


def _state(m: CapturedMessage, style: str) -> tuple[str, str]:
    initiator = m.initiator_state.log_name(style)
    if style == "libreswan" and m.initiator_state is State.WAIT_QM1:
        initiator = "STATE_MAIN_I4"  # Libreswan's initiator once MM6 is in (the table has R3)
    return initiator, m.responder_state.log_name(style, responder=True)


def message_line(m: CapturedMessage, style: str, keys_given: bool) -> str:
    """One message as ``ikeviz check`` prints one: time, arrow, label, payloads, states."""
    arrow = "──>" if m.from_initiator else "<──"
    summary = message_summary(m)
    if m.retransmission:
        summary += f" (again, {m.retransmission})"
    if m.hash_check is not None:
        summary += f"  [{m.hash_check.name} {m.hash_check.status}]"
    if m.encrypted and not m.decrypted and not m.retransmission and keys_given:
        # Why: other keys, or an IV lost with the message before it.
        summary += f"  [not readable: {m.unreadable or 'no key reads it'}]"
    left, right = _state(m, style)
    text = f"{m.label:<6}{summary}"
    return f"{m.time:8.3f} s  {arrow}  {text:<60} [{left or '-'} | {right or '-'}]"


def _header_lines(analysis: CaptureAnalysis) -> list[str]:
    count = len(analysis.negotiations)
    line = (f"{analysis.source}: {analysis.frames} frames, {analysis.ike_messages} IKE "
            f"messages, {count} IKEv1 negotiation{'' if count == 1 else 's'}")
    out = [line]
    if analysis.ignored:
        out.append("  also on the IKE ports: " + ", ".join(
            f"{n} {what}" for what, n in sorted(analysis.ignored.items())))
    for problem in analysis.problems:
        out.append(f"  frame {problem.frame}: malformed: {problem.reason}")
    if analysis.problems_dropped:
        out.append(f"  ... and {analysis.problems_dropped} more malformed frames")
    if analysis.dropped_negotiations:
        out.append(f"  ... and {analysis.dropped_negotiations} more negotiations, not kept")
    return out


def negotiation_lines(
    negotiation: Negotiation, diagnosis: CaptureDiagnosis, style: str, keys_given: bool
) -> list[str]:
    n = negotiation
    out = [f"Negotiation {n.number}  {n.mode or 'IKEv1'}  cookies {n.cookies}  started "
           f"{timestamp_text(n.start_ns)} (frame {n.first_frame})",
           f"  initiator {n.initiator}   responder {n.responder}"
           + ("" if n.initiator_seen else "   (the capture starts after message 1: roles "
              "guessed)")]
    if n.key_sources:
        out.append("  decrypted with: " + "; ".join(n.key_sources))
    elif n.encrypted_count:
        out.append("  keys: none that decrypt; encrypted messages are shown with their size"
                   if keys_given else "  no keys given: encrypted messages are shown with "
                   "their size")
    for note in n.key_notes:
        out.append(f"  key note: {note}")
    for i, offer in enumerate(n.offered, 1):
        out.append(f"  offered {i}: {ike_text(offer)}")
    if n.chosen is not None:
        out.append(f"  chosen:    {ike_text(n.chosen)}")
    for problem in n.proposal_problems:
        out.append(f"  proposal problem: {problem}")
    out.append("")
    for m in n.messages:
        out.append(message_line(m, style, keys_given))
        if m.malformed:
            out.append(f"{'':16}malformed: {m.malformed}")
    if n.dropped_messages:
        out.append(f"{'':16}... {n.dropped_messages} more messages, not kept")
    out.append("")
    out.append(f"Verdict: {diagnosis.verdict}")
    if diagnosis.established:
        out.append(f"  phase 1: {diagnosis.phase1}")
        out.append(f"  phase 2: {diagnosis.phase2}")
    if diagnosis.notify:
        out.append(f"  notify: {diagnosis.notify}, sent by the {diagnosis.notify_sender}")
    for fact in diagnosis.known:
        out.append(f"  known: {fact}")
    for guess in diagnosis.likely:
        out.append(f"  likely: {guess}")
    if diagnosis.conflicts:
        out.append(f"  {'':<28}{'initiator':<28}responder")
        for c in diagnosis.conflicts:
            out.append(f"  {c.field:<28}{c.initiator:<28}{c.responder}")
    for i, fix in enumerate(diagnosis.fixes, 1):
        out.append(f"  fix {i}: {fix}")
    for warning in diagnosis.warnings:
        out.append(f"  note: {warning}")
    return out


# --- JSON ------------------------------------------------------------------------------------


def _payload_names(m: CapturedMessage) -> list[str]:
    return [payload_short_name(p.payload_type) for p in m.payloads]


def message_json(m: CapturedMessage, style: str) -> dict[str, Any]:
    left, right = _state(m, style)
    return {
        "frame": m.frame,
        "time": round(m.time, 6),
        "timestamp_ns": m.timestamp_ns,
        "src": str(m.src),
        "dst": str(m.dst),
        "direction": m.direction,
        "label": m.label,
        "exchange": exchange_name(m.exchange_type),
        "message_id": f"0x{m.message_id:08x}",
        "encrypted": m.encrypted,
        "size": m.size,
        "retransmission": m.retransmission,
        "summary": message_summary(m),
        "payloads": _payload_names(m),
        "notifies": [describe(NotifyType, n.notify_type) for n in m.notifies],
        "decrypted": m.decrypted,
        "key_source": m.key_source,
        "unreadable": m.unreadable,
        "malformed": m.malformed,
        "hash_check": None if m.hash_check is None else {
            "name": m.hash_check.name, "status": m.hash_check.status,
            "detail": m.hash_check.detail},
        "states": {"initiator": left, "responder": right},
    }


def negotiation_json(
    negotiation: Negotiation, diagnosis: CaptureDiagnosis, style: str
) -> dict[str, Any]:
    n = negotiation
    return {
        "number": n.number,
        "icookie": n.icookie.hex(),
        "rcookie": n.rcookie.hex(),
        "initiator": str(n.initiator),
        "responder": str(n.responder),
        "initiator_seen": n.initiator_seen,
        "mode": n.mode,
        "nat_t": n.nat_t,
        "offered": [ike_text(p) for p in n.offered],
        "chosen": ike_text(n.chosen) if n.chosen is not None else None,
        "proposal_problems": list(n.proposal_problems),
        "keys_tried": list(n.keys_tried),
        "decrypted_with": list(n.key_sources),
        "key_notes": list(n.key_notes),
        "messages": [message_json(m, style) for m in n.messages],
        "dropped_messages": n.dropped_messages,
        "established": diagnosis.established,
        "diagnosis": to_jsonable(diagnosis),
    }


# --- the command -----------------------------------------------------------------------------


def _pick(results: list[tuple[Negotiation, CaptureDiagnosis]], number: int | None
          ) -> tuple[Negotiation, CaptureDiagnosis] | str:
    if not results:
        return "no negotiation to save"
    if number is not None:
        for result in results:
            if result[0].number == number:
                return result
        return f"--negotiation {number}: there are {len(results)} negotiations"
    return next((r for r in results if not r[1].established), results[0])


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    for port in args.port:
        if not 0 < port < 65536:
            print(f"ikeviz: --port {port}: expected a UDP port 1-65535", file=err)
            return EXIT_BAD_INPUT
    try:
        profiles = builtin_profiles()
    except ProfileError as exc:
        print(f"ikeviz: {exc}", file=err)
        return EXIT_BAD_INPUT
    for option, pid in (("--responder-profile", args.responder_profile),
                        ("--initiator-profile", args.initiator_profile)):
        if pid is not None and pid not in profiles:
            print(f"ikeviz: {option} {pid}: unknown profile (one of: "
                  f"{', '.join(sorted(profiles))})", file=err)
            return EXIT_BAD_INPUT
    log_notes: list[str] = []
    findings: dict[str, tuple[str, ...]] = {}
    try:
        ring = _keys(args, log_notes, findings)
    except (KeyFileError, ValueError) as exc:
        print(f"ikeviz: {exc}", file=err)
        return EXIT_BAD_INPUT
    ports = {IKE_PORT, NAT_T_PORT, *args.port}
    progress = _progress_for(args.capture, err)
    try:
        analysis = read_negotiations(args.capture, ports=ports, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    responder_profile = profiles[args.responder_profile] if args.responder_profile else None
    results: list[tuple[Negotiation, CaptureDiagnosis]] = []
    for negotiation in analysis.negotiations:
        if ring:
            negotiation = decrypt_negotiation(negotiation, ring)
        results.append((negotiation, diagnose_capture(negotiation,
                                                      responder_profile=responder_profile)))
    if args.json:
        document = {
            "file": analysis.source,
            "frames": analysis.frames,
            "bytes_read": analysis.bytes_read,
            "ike_messages": analysis.ike_messages,
            "ignored": analysis.ignored,
            "problems": [{"frame": p.frame, "reason": p.reason} for p in analysis.problems],
            "problems_dropped": analysis.problems_dropped,
            "negotiations_not_kept": analysis.dropped_negotiations,
            "error": str(analysis.error) if analysis.error else None,
            "negotiations": [negotiation_json(n, d, args.states) for n, d in results],
            "charon_logs": [{"file": path, "note": next((n for n in log_notes if path in n),
                                                        None), "lines": list(lines)}
                            for path, lines in findings.items()],
        }
        json.dump(document, out, indent=1)
        out.write("\n")
    else:
        for line in _header_lines(analysis):
            print(line, file=out)
        for note in log_notes:
            print(f"note: {note}", file=out)
        for path, lines in findings.items():
            if lines:
                print(f"{path} says:", file=out)
                for line in lines:
                    print(f"  {line}", file=out)
        for negotiation, diagnosis in results:
            print("", file=out)
            for line in negotiation_lines(negotiation, diagnosis, args.states, bool(ring)):
                print(line, file=out)
        if not results and analysis.error is None:
            print(f"no IKEv1 negotiation found on UDP ports "
                  f"{', '.join(map(str, sorted(ports)))}", file=out)
    if analysis.error is not None:
        print(f"ikeviz: {analysis.error}", file=err)
        return EXIT_BAD_INPUT
    if args.save_scenario:
        picked = _pick(results, args.negotiation)
        if isinstance(picked, str):
            print(f"ikeviz: --save-scenario: {picked}", file=err)
            return EXIT_BAD_INPUT
        negotiation, _diagnosis = picked
        scenario = to_scenario(
            negotiation, left_profile=args.initiator_profile,
            right_profile=args.responder_profile or "strongswan-5.9", profiles=profiles,
            title=f"{os.path.basename(args.capture)}: negotiation {negotiation.number}")
        try:
            save_scenario(scenario, args.save_scenario, include_secrets=False)
        except OSError as exc:
            print(f"ikeviz: {args.save_scenario}: {exc.strerror or exc}", file=err)
            return EXIT_BAD_INPUT
        print(f"negotiation {negotiation.number} saved as a scenario: {args.save_scenario} "
              "(the pre-shared key is asked for when it runs)",
              file=err if args.json else out)
    if results and all(d.established for _n, d in results):
        return EXIT_OK
    return EXIT_FAILED
