"""``ikeviz render SCENARIO -o FILE.{png,svg,pdf}``: a figure of the negotiation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ikeviz.cli.check_cmd import load
from ikeviz.gui.errors import describe_os_error

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_parser(commands: Any) -> None:
    render = commands.add_parser(
        "render",
        help="draw the sequence diagram of a scenario to PNG, SVG or PDF",
        description="Run a scenario and draw its sequence diagram with the renderer the "
        "application uses on screen. The same scenario, seed and options give a "
        "byte-identical SVG or PDF. Secrets never appear unless --show-secrets.",
    )
    render.add_argument("scenario", nargs="?", help="a scenario file (.toml)")
    render.add_argument("--lesson", metavar="NAME", help="draw a bundled lesson instead")
    render.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="FILE.png, FILE.svg or FILE.pdf")
    render.add_argument("--step", type=int, metavar="N",
                        help="draw only the first N messages (as the step-by-step view)")
    render.add_argument("--theme", choices=("light", "dark", "print"), default="light")
    render.add_argument("--width", type=int, metavar="PX", help="figure width in pixels")
    render.add_argument("--scale", type=float, default=1.0, metavar="K",
                        help="device pixel ratio for PNG (2 = high-DPI)")
    render.add_argument("--states", choices=("strongswan", "libreswan", "cisco", "profile"),
                        default="profile", help="whose state names to show")
    render.add_argument("--show-secrets", action="store_true",
                        help="allow secrets (pre-shared key) in the figure")
    render.set_defaults(run=run_render)


def run_render(args: argparse.Namespace) -> int:
    if not args.output.lower().endswith((".png", ".svg", ".pdf")):
        print(f"ikeviz: {args.output}: the file name must end in .png, .svg or .pdf",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.step is not None and args.step < 0:
        print("ikeviz: --step must be 0 or more", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.width is not None and not 200 <= args.width <= 20000:
        print("ikeviz: --width must be between 200 and 20000 pixels", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not 0.25 <= args.scale <= 8:
        print("ikeviz: --scale must be between 0.25 and 8", file=sys.stderr)
        return EXIT_BAD_INPUT
    loaded = load(args)
    if isinstance(loaded, str):
        print(f"ikeviz: {loaded}", file=sys.stderr)
        return EXIT_BAD_INPUT
    run, _path = loaded
    # Qt is imported here only, so the other commands start fast.
    from ikeviz.diagnosis import diagnose
    from ikeviz.render import build_diagram
    from ikeviz.render.export import ensure_qt_app, export_figure
    from ikeviz.render.painter import THEMES

    ensure_qt_app()
    diagram = build_diagram(run, diagnose(run), state_names=args.states,
                            show_secrets=args.show_secrets)
    steps = len(diagram.rows)
    if args.step is not None and args.step > steps:
        print(f"ikeviz: --step {args.step} is out of range: this diagram has {steps} steps "
              f"(the messages, timeouts and messages never sent), so --step must be between "
              f"0 and {steps}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        export_figure(diagram, args.output, theme=THEMES[args.theme], width=args.width,
                      scale=args.scale, step=args.step)
    except OSError as exc:
        print(f"ikeviz: cannot write the figure to {args.output}: "
              f"{describe_os_error(exc, Path(args.output).expanduser())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as exc:
        print(f"ikeviz: {args.output}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
