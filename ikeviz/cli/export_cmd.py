"""``ikeviz export-pcap SCENARIO -o run.pcap``: the simulated negotiation as a capture file.

With ``--keys run.keys`` the derived keys are written too, in the format described in
:mod:`ikeviz.capture.export`, and the tshark command line that decrypts the capture is
printed. Exit code 0 when the files are written (also when the negotiation fails: the
capture shows the failure), 2 on bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any, TextIO

from ikeviz.capture.export import export_pcap, tshark_options, write_keys_file
from ikeviz.cli.check_cmd import fill_missing_secrets
from ikeviz.protocol.states import State
from ikeviz.scenario.convert import ConversionError
from ikeviz.scenario.fileformat import ScenarioFileError, load_scenario
from ikeviz.scenario.lessons import UnknownLessonError, lesson_path
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parser(commands: Any) -> None:
    export = commands.add_parser(
        "export-pcap",
        help="write a scenario's negotiation as a pcap file (and the keys to decrypt it)",
        description="Run the negotiation of a scenario file (or a bundled lesson) and write "
        "every message as a UDP frame between the gateways' addresses, timed by the "
        "simulation's clock, for Wireshark or tshark. With --keys, also write the derived "
        "keys (ISAKMP and ESP SAs) for Wireshark's decryption tables. Exit code 0: files "
        "written (even if the negotiation fails); 2: bad input.",
    )
    export.add_argument("scenario", nargs="?", help="a scenario file (.toml)")
    export.add_argument("--lesson", metavar="NAME", help="export a bundled lesson instead")
    export.add_argument("-o", "--output", metavar="FILE", required=True,
                        help="the capture file to write")
    export.add_argument("--keys", metavar="FILE",
                        help="also write the derived keys to FILE (readable by you only)")
    export.add_argument("--pcapng", action="store_true",
                        help="write pcapng (with a comment per packet) instead of pcap")
    export.add_argument("--ipv6", action="store_true",
                        help="IPv6 frames: IPv4 addresses become 64:ff9b::a.b.c.d (RFC 6052)")
    export.add_argument("--link", choices=("ethernet", "raw"), default="ethernet",
                        help="link layer of the frames (default: ethernet)")
    export.add_argument("--delete-at-end", action="store_true",
                        help="once established, the initiator deletes the SAs "
                        "(adds the Informational Delete messages)")
    export.set_defaults(run=run_export)


def _load(args: argparse.Namespace) -> ScenarioRun | str:
    """Run the requested scenario, or return the error line."""
    if args.lesson and args.scenario:
        return "give a scenario file or --lesson NAME, not both"
    profiles = builtin_profiles()
    try:
        if args.lesson:
            path = str(lesson_path(args.lesson))
        elif args.scenario:
            path = args.scenario
        else:
            return "give a scenario file or --lesson NAME"
        scenario = load_scenario(path, profiles=profiles.keys())
        filled = fill_missing_secrets(scenario, path)
        if isinstance(filled, str):
            return filled
        return run_scenario(filled, profiles, delete_at_end=args.delete_at_end)
    except (ScenarioFileError, UnknownLessonError, ConversionError) as exc:
        return str(exc)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def run_export(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    loaded = _load(args)
    if isinstance(loaded, str):
        print(f"ikeviz: {loaded}", file=sys.stderr)
        return EXIT_BAD_INPUT
    run = loaded
    try:
        result = export_pcap(run, args.output, ipv6=args.ipv6, link=args.link,
                             pcapng=args.pcapng)
    except OSError as exc:
        print(f"ikeviz: cannot write {args.output}: {_why(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    outcome = "established" if run.established else "not established"
    if run.trace.initiator_state is State.DELETED and run.trace.responder_state is (
            State.DELETED):
        outcome = "established, then deleted"
    seconds = result.duration_ns / 1e9
    print(f"wrote {args.output}: {len(result.frames)} frames over {seconds:.3f} s "
          f"({'pcapng' if args.pcapng else 'pcap'}, {args.link}, IPv{result.ip_version}); "
          f"negotiation {outcome}", file=out)
    if args.keys:
        try:
            lines = write_keys_file(run, args.keys, ipv6=args.ipv6)
            options = tshark_options(args.keys)
        except OSError as exc:
            print(f"ikeviz: cannot write {args.keys}: {_why(exc)}", file=sys.stderr)
            return EXIT_BAD_INPUT
        ike = sum(1 for line in lines if line.startswith("ikev1_decryption_table:"))
        esp = sum(1 for line in lines if line.startswith("esp_sa:"))
        print(f"wrote {args.keys}: {ike} ISAKMP SA key(s), {esp} ESP SA(s)", file=out)
        if options:
            print("decrypt with: " + shlex.join(["tshark", "-r", args.output, *options]),
                  file=out)
    return EXIT_OK


__all__ = ["add_parser", "run_export"]
