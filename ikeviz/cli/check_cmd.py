"""``ikeviz check SCENARIO`` and ``ikeviz lessons``: run a scenario, print the diagnosis."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import replace
from typing import Any, TextIO

from ikeviz.diagnosis import Diagnosis, diagnose
from ikeviz.protocol.config import Role
from ikeviz.protocol.events import (
    MessageSent,
    MessageUnreadable,
    StateChanged,
)
from ikeviz.scenario.convert import ConversionError
from ikeviz.scenario.fileformat import ScenarioFileError, load_scenario
from ikeviz.scenario.lessons import UnknownLessonError, bundled_lessons, lesson_path
from ikeviz.scenario.model import AuthKind, Scenario, Side
from ikeviz.scenario.profiles import builtin_profiles
from ikeviz.simulation import ScenarioRun, run_scenario
from ikeviz.simulation.summary import message_summary, to_jsonable

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def add_parsers(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="run a scenario and print the messages, the verdict and the diagnosis",
        description="Run the negotiation of a scenario file (or a bundled lesson) and say "
        "where it fails, why, and what to change on which side. Exit code 0: the tunnel is "
        "established; 1: the negotiation fails; 2: bad input.",
    )
    check.add_argument("scenario", nargs="?", help="a scenario file (.toml)")
    check.add_argument("--lesson", metavar="NAME", help="run a bundled lesson instead")
    check.add_argument("--json", action="store_true", help="print the whole trace as JSON")
    check.add_argument("--show-secrets", action="store_true",
                       help="with --json, include the pre-shared keys (hidden by default)")
    check.add_argument("--states", choices=("strongswan", "libreswan", "cisco"),
                       default="libreswan", help="whose state names to print")
    check.set_defaults(run=run_check)
    lessons = commands.add_parser("lessons", help="list the bundled lessons")
    lessons.set_defaults(run=run_lessons)


PSK_ENV = {Side.LEFT: "IKEVIZ_PSK_LEFT", Side.RIGHT: "IKEVIZ_PSK_RIGHT"}


def fill_missing_secrets(scenario: Scenario, path: str) -> Scenario | str:
    """Ask for the pre-shared keys a scenario file leaves out (the user chose not to store them).

    From IKEVIZ_PSK_LEFT / IKEVIZ_PSK_RIGHT if set, else at the terminal
    (without echo); without a terminal, the error line.
    """
    for side in (Side.LEFT, Side.RIGHT):
        gateway = scenario.gateway(side)
        if gateway.auth is not AuthKind.PSK or gateway.psk is not None:
            continue
        value = os.environ.get(PSK_ENV[side])
        if value is None and sys.stdin is not None and sys.stdin.isatty():
            value = getpass.getpass(f"Pre-shared key of {gateway.name} ({side.value}): ")
        if not value:
            return (f"{path}: the pre-shared key of {gateway.name} ({side.value}) is not in the "
                    f"file; type it when asked, or set {PSK_ENV[side]}")
        scenario = scenario.with_gateway(side, replace(gateway, psk=value))
    return scenario


def load(args: argparse.Namespace) -> tuple[ScenarioRun, str] | str:
    """Run the requested scenario, or return the error line."""
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
        return run_scenario(filled, profiles), path
    except (ScenarioFileError, UnknownLessonError, ConversionError) as exc:
        return str(exc)


def _side_label(run: ScenarioRun, side: Side) -> str:
    gateway = run.scenario.gateway(side)
    return f"{gateway.name} ({run.profiles[gateway.profile].product}, {gateway.address})"


def sequence_lines(run: ScenarioRun, product: str = "libreswan") -> list[str]:
    """One line per message: time, arrow, label, payloads, and each side's state after.

    A row's states are those once the receiver has handled the message, i.e.
    just before the next message is sent (or at the end).
    """
    left_role = run.role_of(Side.LEFT)
    current = {Role.INITIATOR: "", Role.RESPONDER: ""}
    rows: list[list[str]] = []

    def close_row() -> None:
        if rows:
            rows[-1][3] = current[left_role]
            rows[-1][4] = current[left_role.other]

    for event in run.trace.events:
        if isinstance(event, StateChanged):
            current[event.role] = event.new.log_name(
                product, responder=event.role is Role.RESPONDER)
        elif isinstance(event, MessageSent):
            close_row()
            arrow = "──>" if event.role is left_role else "<──"
            again = f" (again, {event.retransmission})" if event.retransmission else ""
            rows.append([f"{event.time:8.3f}", arrow,
                         f"{event.label:<6}{message_summary(event)}{again}", "", ""])
        elif isinstance(event, MessageUnreadable) and event.label != "?":
            close_row()
            who = run.scenario.gateway(run.side_of(event.role)).name
            likely = f" (likely: {event.likely})" if event.likely else ""
            rows.append([f"{event.time:8.3f}", "  x", f"{who} cannot use {event.label}: "
                         f"{event.reason}{likely}", "", ""])
    close_row()
    return [f"{time} s  {arrow}  {text:<54} [{left or '-'} | {right or '-'}]"
            for time, arrow, text, left, right in rows]


def diagnosis_lines(diagnosis: Diagnosis, run: ScenarioRun) -> list[str]:
    out = [f"Verdict: {diagnosis.verdict}"]
    if diagnosis.established:
        if diagnosis.phase1:
            out.append(f"  phase 1: {diagnosis.phase1}")
        if diagnosis.phase2:
            out.append(f"  phase 2: {diagnosis.phase2}")
        for warning in diagnosis.warnings:
            out.append(f"  warning: {warning}")
    else:
        if diagnosis.payload or diagnosis.attribute:
            parts = (diagnosis.failure_message,
                     f"payload {diagnosis.payload}" if diagnosis.payload else "",
                     diagnosis.attribute)
            out.append("  where: " + ", ".join(part for part in parts if part))
        if diagnosis.notify:
            refuser = run.scenario.gateway(diagnosis.refuser).name if diagnosis.refuser else "?"
            out.append(f"  notify: {diagnosis.notify}, sent by {refuser}")
        if diagnosis.conflicts:
            # Columns as wide as their longest text, two spaces apart.
            rows = [("", run.scenario.left.name, run.scenario.right.name)] + [
                (c.field, c.left, c.right) for c in diagnosis.conflicts]
            first = max(len(r[0]) for r in rows) + 2
            second = max(len(r[1]) for r in rows) + 2
            for field_name, left, right in rows:
                out.append(f"  {field_name:<{first}}{left:<{second}}{right}".rstrip())
        for fact in diagnosis.known:
            out.append(f"  known: {fact}")
        for guess in diagnosis.likely:
            out.append(f"  likely: {guess}")
        for i, fix in enumerate(diagnosis.fixes, 1):
            out.append(f"  fix {i} ({fix.side.value}): {fix.description}")
    for log in diagnosis.logs:
        out.append(f"  {log.product} ({log.side.value}) would log:")
        for line in log.lines:
            out.append(f"      {line}")
    return out


def run_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    loaded = load(args)
    if isinstance(loaded, str):
        print(f"ikeviz: {loaded}", file=sys.stderr)
        return EXIT_BAD_INPUT
    run, path = loaded
    diagnosis = diagnose(run)
    if args.json:
        document = {
            "scenario": path,
            "title": run.scenario.title,
            "seed": run.scenario.seed,
            "initiator": run.configs.initiator_side.value,
            "established": diagnosis.established,
            "diagnosis": to_jsonable(diagnosis),
            "events": [
                {"side": run.side_of(e.event.role).value,
                 **to_jsonable(e.event, show_secrets=getattr(args, "show_secrets", False))}
                for e in run.trace.entries
            ],
        }
        json.dump(document, out, indent=1)
        out.write("\n")
    else:
        scenario = run.scenario
        print(f"{scenario.title}  (seed {scenario.seed})", file=out)
        for side in (Side.LEFT, Side.RIGHT):
            tag = "initiator" if side is run.configs.initiator_side else "responder"
            print(f"  {side.value:<6} {_side_label(run, side)}  [{tag}]", file=out)
        print("", file=out)
        for line in sequence_lines(run, args.states):
            print(line, file=out)
        print("", file=out)
        for line in diagnosis_lines(diagnosis, run):
            print(line, file=out)
    return EXIT_OK if diagnosis.established else EXIT_FAILED


def run_lessons(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        lessons = bundled_lessons(builtin_profiles().keys())
    except ScenarioFileError as exc:
        print(f"ikeviz: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for entry in lessons:
        lesson = entry.scenario.lesson
        outcome = lesson.expected_outcome if lesson else ""
        level = lesson.difficulty if lesson else ""
        print(f"{entry.name:<34} {level:<13} {outcome:<12} {entry.title}", file=out)
    return EXIT_OK


__all__ = ["add_parsers", "run_check", "run_lessons"]
