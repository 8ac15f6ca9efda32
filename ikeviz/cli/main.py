"""The ``ikeviz`` command line: one sub-command per task.

Exit codes follow one rule for every command: 0 when the work was done, 1 when
the answer is "no" (e.g. a negotiation that fails), 2 when the input is bad;
bad input gets one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ikeviz import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    # The commands' modules are imported here, not at the top: ``ikeviz`` alone
    # starts the application, which needs none of them (launch time).
    from ikeviz.cli import (
        check_cmd,
        export_cmd,
        import_cmd,
        inspect_cmd,
        render_cmd,
        report_cmd,
    )

    parser = argparse.ArgumentParser(
        prog="ikeviz",
        description="IKEv1 (ISAKMP) negotiations between two IPsec gateways, message by message.",
    )
    parser.add_argument("--version", action="version", version=f"ikeviz {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation end to end (engine, figure, resources, "
                             "translations) without a display, and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    inspect_cmd.add_parser(commands)
    check_cmd.add_parsers(commands)
    render_cmd.add_parser(commands)
    export_cmd.add_parser(commands)
    report_cmd.add_parser(commands)
    import_cmd.add_parser(commands)
    return parser


COMMANDS = ("inspect", "check", "lessons", "render", "export-pcap", "report", "import")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0] not in COMMANDS and not arguments[0].startswith("-")):
        # `ikeviz` alone opens the application on the demo scenario; `ikeviz FILE.toml`
        # opens that file.
        from ikeviz.gui.app import run_gui

        return run_gui(arguments)
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.self_test:
        from ikeviz.cli.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        status: int = args.run(args)
        return status
    except KeyboardInterrupt:
        print("ikeviz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
