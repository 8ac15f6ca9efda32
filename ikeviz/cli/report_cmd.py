"""``ikeviz report SCENARIO -o report.html``: the troubleshooting report, one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ikeviz.cli.check_cmd import load

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="write a troubleshooting report (one self-contained HTML file)",
        description="Run a scenario and write one HTML page with the verdict, the sequence "
        "diagram, both gateways' proposals side by side with the mismatches marked, the "
        "diagnosis, the warnings and the log lines to look for. The file needs nothing else "
        "(no script, font or image to fetch) and the same scenario gives the same bytes. "
        "Secrets never appear unless --show-secrets. Exit code 0: the report is written "
        "(whether or not the tunnel comes up); 2: bad input.",
    )
    report.add_argument("scenario", nargs="?", help="a scenario file (.toml)")
    report.add_argument("--lesson", metavar="NAME", help="report on a bundled lesson instead")
    report.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="FILE.html")
    report.add_argument("--states", choices=("strongswan", "libreswan", "cisco", "profile"),
                        default="profile", help="whose state names the diagram shows")
    report.add_argument("--theme", choices=("light", "print"), default="light",
                        help="the diagram's theme (print: black on white, no fills)")
    report.add_argument("--show-secrets", action="store_true",
                        help="show the pre-shared keys in the report")
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    if not args.output.lower().endswith((".html", ".htm")):
        print(f"ikeviz: {args.output}: the file name must end in .html", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.lesson and args.scenario:
        print("ikeviz: give a scenario file or --lesson NAME, not both", file=sys.stderr)
        return EXIT_BAD_INPUT
    loaded = load(args)
    if isinstance(loaded, str):
        print(f"ikeviz: {loaded}", file=sys.stderr)
        return EXIT_BAD_INPUT
    run, path = loaded
    # Qt is imported here only, so the other commands start fast.
    from ikeviz.diagnosis import diagnose
    from ikeviz.render.export import ensure_qt_app
    from ikeviz.render.report import render_report_html

    ensure_qt_app()
    source = f"lesson {args.lesson}" if args.lesson else Path(path).name
    text = render_report_html(run, diagnose(run), show_secrets=args.show_secrets,
                              state_names=args.states, theme=args.theme, source=source)
    try:
        Path(args.output).write_bytes(text.encode("utf-8"))
    except OSError as exc:
        print(f"ikeviz: {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
