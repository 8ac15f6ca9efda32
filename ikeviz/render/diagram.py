"""The sequence diagram as data: what to draw, not how (no Qt here).

:func:`build_diagram` reads a finished :class:`~ikeviz.simulation.ScenarioRun`
and its :class:`~ikeviz.diagnosis.Diagnosis` and returns a :class:`Diagram`:
two lifelines (left and right gateway), then rows in time order: one arrow per
message sent (retransmissions and Informational messages included), a
timeout row when a side gave up, and, after a failure, faded "ghost" rows for
the messages that were expected but never came. Each real row carries both
sides' state names after it; phase bands group the rows of phase 1 and
phase 2. The screen (the GUI) and the exported figures draw the same model
(:mod:`ikeviz.render.painter`).

Secrets (pre-shared keys, private keys, derived keys) never enter the model:
the payload summaries name payloads, not their contents, and every text is
scrubbed of the configured pre-shared keys unless ``show_secrets`` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from ikeviz.diagnosis.diagnose import Diagnosis, failed_at, reason_text
from ikeviz.i18n import current_language, translate
from ikeviz.protocol.codec import Notification
from ikeviz.protocol.config import Role
from ikeviz.protocol.events import (
    GaveUp,
    MessageSent,
    MessageUnreadable,
    StateChanged,
)
from ikeviz.protocol.registry import NotifyType, describe
from ikeviz.protocol.states import State
from ikeviz.scenario.model import Side
from ikeviz.scenario.translations import localized
from ikeviz.simulation import ScenarioRun
from ikeviz.simulation.summary import message_summary

StateNaming = Literal["libreswan", "cisco", "strongswan", "profile"]

EXCHANGES = {
    "MM": "Main Mode",
    "AM": "Aggressive Mode",
    "QM": "Quick Mode",
    "INFO": "Informational",
}

# What the messages that never came would have carried (RFC 2409 §5, §5.4, §5.5).
EXPECTED_SUMMARY = {
    "MM1": "HDR, SA",
    "MM2": "HDR, SA",
    "MM3": "HDR, KE, Ni",
    "MM4": "HDR, KE, Nr",
    "MM5": "HDR*, IDii, HASH_I",
    "MM6": "HDR*, IDir, HASH_R",
    "AM1": "HDR, SA, KE, Ni, IDii",
    "AM2": "HDR, SA, KE, Nr, IDir, HASH_R",
    "AM3": "HDR, HASH_I",
    "QM1": "HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr]",
    "QM2": "HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]",
    "QM3": "HDR*, HASH(3)",
}
MAIN_SEQUENCE = ("MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3")
AGGRESSIVE_SEQUENCE = ("AM1", "AM2", "AM3", "QM1", "QM2", "QM3")
# Messages the responder sends; every other one of the sequences comes from the initiator.
_FROM_RESPONDER = {"MM2", "MM4", "MM6", "AM2", "QM2"}
_PHASE1_END = {"MM6", "AM3"}
_MIN_SCRUBBED_SECRET = 6  # shorter keys would blank out ordinary words


class Direction(Enum):
    LEFT_TO_RIGHT = "left-to-right"
    RIGHT_TO_LEFT = "right-to-left"

    @staticmethod
    def from_sender(side: Side) -> Direction:
        return Direction.LEFT_TO_RIGHT if side is Side.LEFT else Direction.RIGHT_TO_LEFT


class RowKind(Enum):
    MESSAGE = "message"  # a message that was sent (an arrow)
    GHOST = "ghost"  # a message that was expected but never sent (a faded arrow)
    TIMEOUT = "timeout"  # a side gave up waiting


@dataclass(frozen=True)
class Lifeline:
    """One gateway's column: its header and the state it starts in."""

    side: Side
    name: str
    product: str
    address: str
    role: str  # "initiator" or "responder"
    initial_state: str


@dataclass(frozen=True)
class Mark:
    """An "x": the receiver of a message could not use it (MessageUnreadable)."""

    side: Side  # who could not use it
    reason: str  # in the user's language
    likely: str = ""
    time: float = 0.0
    undecryptable: bool = False  # it could not be decrypted (else: not usable)


@dataclass(frozen=True)
class Row:
    """One line of the diagram, in time order.

    ``failing``: the message where the failure shows (the diagnosis's
    ``failure_label``), exactly one row of a failed run; ``refused``: a
    message the other side refused; ``refusal``: a notify that refuses one.
    ``left_state``/``right_state``: each side's state name after this row
    (empty for ghost rows), ``*_changed`` when it differs from the row before.
    ``note``: text to place beside the row (the failure reason, the timeout).
    """

    index: int
    kind: RowKind
    label: str  # "MM3", "INFO", "QM1"; for a timeout the message given up on
    exchange: str  # "Main Mode", "Quick Mode", "Aggressive Mode", "Informational"
    summary: str  # "HDR*, IDii, HASH_I"
    encrypted: bool
    sender: Side
    direction: Direction | None  # None for a timeout (it is no arrow)
    time: float | None  # virtual time it was sent; None for a ghost
    retransmission: int = 0  # 0 the first time, 1.. for each time it is sent again
    notify: str = ""  # "NO-PROPOSAL-CHOSEN" for an Informational with a notify
    failing: bool = False
    refused: bool = False
    refusal: bool = False
    mark: Mark | None = None
    faded: bool = False
    left_state: str = ""
    right_state: str = ""
    left_state_changed: bool = False
    right_state_changed: bool = False
    note: str = ""
    note_title: str = ""

    @property
    def is_arrow(self) -> bool:
        return self.direction is not None

    def state(self, side: Side) -> str:
        return self.left_state if side is Side.LEFT else self.right_state

    def state_changed(self, side: Side) -> bool:
        return self.left_state_changed if side is Side.LEFT else self.right_state_changed


@dataclass(frozen=True)
class Band:
    """A background band over rows ``first``..``last`` (inclusive)."""

    phase: int
    label: str  # "Phase 1 (Main Mode)"; "" for a continuation without a header
    first: int
    last: int
    faded: bool = False


@dataclass(frozen=True)
class Diagram:
    title: str
    left: Lifeline
    right: Lifeline
    rows: tuple[Row, ...]
    bands: tuple[Band, ...]
    established: bool
    verdict: str
    failure_label: str = ""
    failure_reason: str = ""
    failing_row: int | None = None
    state_names: str = "libreswan"
    show_secrets: bool = False

    def lifeline(self, side: Side) -> Lifeline:
        return self.left if side is Side.LEFT else self.right

    @property
    def arrows(self) -> tuple[Row, ...]:
        """The messages that were sent (no ghosts, no timeouts)."""
        return tuple(r for r in self.rows if r.kind is RowKind.MESSAGE)

    @property
    def ghosts(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind is RowKind.GHOST)

    @property
    def marks(self) -> tuple[tuple[int, Mark], ...]:
        """The "x" marks: (row index, mark)."""
        return tuple((r.index, r.mark) for r in self.rows if r.mark is not None)

    @property
    def timeouts(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind is RowKind.TIMEOUT)


# --- building ----------------------------------------------------------------------


def exchange_of(label: str) -> str:
    for prefix, name in EXCHANGES.items():
        if label.startswith(prefix):
            return name
    return label


def phase_of(label: str) -> int:
    """1 for Main/Aggressive Mode, 2 for Quick Mode, 0 for anything else."""
    if label.startswith(("MM", "AM")):
        return 1
    if label.startswith("QM"):
        return 2
    return 0


def _notify_name(event: MessageSent) -> str:
    names = [describe(NotifyType, p.notify_type).rsplit(" (", 1)[0]
             for p in event.payloads if isinstance(p, Notification)]
    return ", ".join(names)


class _Scrubber:
    def __init__(self, run: ScenarioRun, show_secrets: bool) -> None:
        secrets = set()
        if not show_secrets:
            for gateway in (run.scenario.left, run.scenario.right):
                if gateway.psk and len(gateway.psk) >= _MIN_SCRUBBED_SECRET:
                    secrets.add(gateway.psk)
        self._pattern = (re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len,
                                                                          reverse=True)))
                         if secrets else None)

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub("(secret)", text)


def _state_name(state: State, naming: str, product_naming: str, responder: bool) -> str:
    product = product_naming if naming == "profile" else naming
    return state.log_name(product, responder=responder)


@dataclass
class _Draft:
    """A row being built (mutable until the diagram is frozen)."""

    kind: RowKind
    label: str
    summary: str
    encrypted: bool
    sender: Side
    time: float | None
    retransmission: int = 0
    notify: str = ""
    data: bytes = b""
    failing: bool = False
    refused: bool = False
    refusal: bool = False
    mark: Mark | None = None
    faded: bool = False
    states: tuple[str, str] = ("", "")
    changed: tuple[bool, bool] = (False, False)
    note: str = ""
    note_title: str = ""


def build_diagram(
    run: ScenarioRun,
    diagnosis: Diagnosis,
    *,
    state_names: StateNaming = "libreswan",
    show_secrets: bool = False,
) -> Diagram:
    """The diagram of ``run``, annotated with ``diagnosis``.

    ``state_names``: whose state names to show under the lifelines
    ("libreswan": STATE_MAIN_I1, "cisco": MM_NO_STATE, "strongswan":
    CONNECTING, or "profile": each gateway's product's own).
    """
    if state_names not in ("libreswan", "cisco", "strongswan", "profile"):
        raise ValueError(f"unknown state naming {state_names!r}: expected libreswan, cisco, "
                         "strongswan or profile")
    scrub = _Scrubber(run, show_secrets)
    initiator_side = run.side_of(Role.INITIATOR)

    def side(role: Role) -> Side:
        return initiator_side if role is Role.INITIATOR else initiator_side.other

    def product_naming(s: Side) -> str:
        profile = run.profiles.get(run.scenario.gateway(s).profile)
        return profile.state_names if profile is not None else "libreswan"

    def name_of(s: Side, state: State) -> str:
        return _state_name(state, state_names, product_naming(s),
                           responder=run.role_of(s) is Role.RESPONDER)

    current = {Side.LEFT: State.IDLE, Side.RIGHT: State.IDLE}
    current[side(Role.RESPONDER)] = State.WAIT_MM1
    initial = {s: name_of(s, current[s]) for s in (Side.LEFT, Side.RIGHT)}

    drafts: list[_Draft] = []
    shown = dict(initial)

    def close_row() -> None:
        """Freeze the states after the last row (everything up to the next row)."""
        if not drafts:
            return
        names = (name_of(Side.LEFT, current[Side.LEFT]), name_of(Side.RIGHT, current[Side.RIGHT]))
        drafts[-1].states = names
        drafts[-1].changed = (names[0] != shown[Side.LEFT], names[1] != shown[Side.RIGHT])
        shown[Side.LEFT], shown[Side.RIGHT] = names

    for event in run.trace.events:
        if isinstance(event, MessageSent):
            close_row()
            drafts.append(_Draft(
                kind=RowKind.MESSAGE,
                label=event.label,
                summary=scrub(message_summary(event)),
                encrypted=event.message.header.encrypted,
                sender=side(event.role),
                time=event.time,
                retransmission=event.retransmission,
                notify=_notify_name(event) if event.label.startswith("INFO") else "",
                data=event.data,
            ))
        elif isinstance(event, GaveUp):
            close_row()
            who = side(event.role)
            gateway = run.scenario.gateway(who)
            drafts.append(_Draft(
                kind=RowKind.TIMEOUT,
                label=event.label,
                summary="",
                encrypted=False,
                sender=who,
                time=event.time,
                retransmission=event.attempts,
                note_title=translate("diagram", "Timeout"),
                note=scrub(translate("diagram", "{gateway} gave up waiting for an answer to "
                                     "{label} after {attempts} retransmissions").format(
                    gateway=gateway.name, label=event.label, attempts=event.attempts)),
            ))
        elif isinstance(event, StateChanged):
            current[side(event.role)] = event.new
        elif isinstance(event, MessageUnreadable):
            _attach_mark(drafts, event, side(event.role), scrub)
    close_row()

    failing = _mark_failure(drafts, diagnosis, run, initiator_side)
    if failing is not None:
        row = drafts[failing]
        drafts[failing].note_title = (
            translate("diagram", "Refused: {notify}").format(notify=row.notify)
            if row.label.startswith("INFO") and row.notify
            else failed_at(diagnosis.failure_label))
        drafts[failing].note = scrub(diagnosis.reason or diagnosis.verdict)
    if not diagnosis.established and diagnosis.failure_label:
        _add_ghosts(drafts, diagnosis.failure_label, initiator_side)

    rows = tuple(
        Row(
            index=i,
            kind=d.kind,
            label=d.label,
            exchange=(exchange_of(d.label) if d.kind is not RowKind.TIMEOUT
                      else translate("diagram", "Timeout")),
            summary=d.summary,
            encrypted=d.encrypted,
            sender=d.sender,
            direction=None if d.kind is RowKind.TIMEOUT else Direction.from_sender(d.sender),
            time=d.time,
            retransmission=d.retransmission,
            notify=d.notify,
            failing=d.failing,
            refused=d.refused,
            refusal=d.refusal,
            mark=d.mark,
            faded=d.faded,
            left_state=d.states[0],
            right_state=d.states[1],
            left_state_changed=d.changed[0],
            right_state_changed=d.changed[1],
            note=d.note,
            note_title=d.note_title,
        )
        for i, d in enumerate(drafts)
    )

    def lifeline(s: Side) -> Lifeline:
        gateway = run.scenario.gateway(s)
        profile = run.profiles.get(gateway.profile)
        return Lifeline(
            side=s,
            name=scrub(gateway.name),
            product=profile.product if profile is not None else gateway.profile,
            address=gateway.address,
            role="initiator" if s is initiator_side else "responder",
            initial_state=initial[s],
        )

    return Diagram(
        title=scrub(localized(run.scenario, current_language()).title),
        left=lifeline(Side.LEFT),
        right=lifeline(Side.RIGHT),
        rows=rows,
        bands=_bands(rows, diagnosis),
        established=diagnosis.established,
        verdict=scrub(diagnosis.verdict),
        failure_label=diagnosis.failure_label,
        failure_reason=scrub(diagnosis.reason),
        failing_row=failing,
        state_names=state_names,
        show_secrets=show_secrets,
    )


def _attach_mark(drafts: list[_Draft], event: MessageUnreadable, receiver: Side,
                 scrub: _Scrubber) -> None:
    """Put an "x" on the arrow the receiver could not use (same bytes, else same label)."""
    mark = Mark(receiver, scrub(reason_text(event.reason)),
                scrub(reason_text(event.likely)) if event.likely else "", event.time,
                "decrypt" in event.reason)
    candidates = [d for d in drafts if d.kind is RowKind.MESSAGE and d.sender is not receiver
                  and d.mark is None and d.time is not None and d.time <= event.time]
    for draft in reversed(candidates):
        if draft.data and draft.data == event.data:
            draft.mark = mark
            return
    for draft in reversed(candidates):
        if draft.label == event.label:
            draft.mark = mark
            return


def _mark_failure(drafts: list[_Draft], diagnosis: Diagnosis, run: ScenarioRun,
                  initiator_side: Side) -> int | None:
    """Flag the failing row, the refused messages and their refusals; its index."""
    label = diagnosis.failure_label
    if diagnosis.established or not label:
        return None
    messages = [i for i, d in enumerate(drafts) if d.kind is RowKind.MESSAGE]
    if not messages:
        return None
    expected_sender = (initiator_side.other if label in _FROM_RESPONDER else initiator_side)
    refuser = diagnosis.refuser
    failing: int | None = None
    refused_label = ""
    exact = [i for i in messages if drafts[i].label == label]
    if exact:
        # The message itself is where it shows (e.g. MM5 that cannot be decrypted).
        failing = exact[0]
        if refuser is not None:
            refused_label = label
    else:
        # Its place was taken by the refuser's answer (e.g. an INFO instead of MM2).
        answerer = refuser or expected_sender
        infos = [i for i in messages if drafts[i].sender is answerer
                 and drafts[i].label.startswith("INFO")]
        if infos:
            failing = infos[0]
            before = [i for i in messages if i < failing and drafts[i].sender is not answerer]
            if before:
                refused_label = drafts[before[-1]].label
        else:
            failing = messages[-1]
    refused = [i for i in messages if drafts[i].label == refused_label
               and refuser is not None and drafts[i].sender is not refuser]
    if refused_label and refuser is not None and refused:
        # (none when the refuser failed on its own message: an unusable own identity)
        first = refused[0]
        for i in messages:
            d = drafts[i]
            if d.label == refused_label and d.sender is not refuser:
                d.refused = True
            elif i > first and d.sender is refuser and d.label.startswith("INFO") and d.notify:
                d.refusal = True
    drafts[failing].failing = True
    return failing


def _add_ghosts(drafts: list[_Draft], failure_label: str, initiator_side: Side) -> None:
    """Faded rows for the expected messages after ``failure_label`` that never came."""
    sent = {d.label for d in drafts if d.kind is RowKind.MESSAGE}
    sequence = AGGRESSIVE_SEQUENCE if any(s.startswith("AM") for s in sent) or (
        failure_label.startswith("AM")) else MAIN_SEQUENCE
    if failure_label not in sequence:
        return
    for label in sequence[sequence.index(failure_label) + 1:]:
        if label in sent:
            continue
        sender = initiator_side.other if label in _FROM_RESPONDER else initiator_side
        drafts.append(_Draft(
            kind=RowKind.GHOST,
            label=label,
            summary=EXPECTED_SUMMARY[label],
            encrypted=EXPECTED_SUMMARY[label].startswith("HDR*"),
            sender=sender,
            time=None,
            faded=True,
        ))


def _bands(rows: tuple[Row, ...], diagnosis: Diagnosis) -> tuple[Band, ...]:
    bands: list[Band] = []
    real = [r for r in rows if r.kind is not RowKind.GHOST]
    ghosts = [r for r in rows if r.kind is RowKind.GHOST]
    failed_phase = phase_of(diagnosis.failure_label) if not diagnosis.established else 0
    aggressive = any(r.label.startswith("AM") for r in rows)
    p1_label = (translate("diagram", "Phase 1 (Aggressive Mode)") if aggressive
                else translate("diagram", "Phase 1 (Main Mode)"))
    p2_label = translate("diagram", "Phase 2 (Quick Mode)")

    def span(phase: int, end_labels: set[str]) -> tuple[int, int] | None:
        starts = [r.index for r in real if r.kind is RowKind.MESSAGE and phase_of(r.label) == phase]
        if not starts:
            return None
        ends = [r.index for r in real if r.label in end_labels and r.kind is RowKind.MESSAGE]
        if ends:
            return starts[0], ends[-1]
        if failed_phase == phase or (failed_phase == 0 and not diagnosis.established):
            return starts[0], real[-1].index  # it never completed: up to the end
        return starts[0], max(starts)

    p1 = span(1, _PHASE1_END)
    if p1 is not None:
        bands.append(Band(1, p1_label, *p1))
    p2 = span(2, {"QM3"})
    if p2 is not None:
        bands.append(Band(2, p2_label, *p2))
    # The ghost rows: a faded continuation of phase 1, a faded phase 2.
    g1 = [r.index for r in ghosts if phase_of(r.label) == 1]
    g2 = [r.index for r in ghosts if phase_of(r.label) == 2]
    if g1:
        bands.append(Band(1, "" if p1 is not None else p1_label, g1[0], g1[-1], faded=True))
    if g2:
        bands.append(Band(2, "" if p2 is not None else p2_label, g2[0], g2[-1], faded=True))
    return tuple(bands)


def row_title(row: Row) -> str:
    """ "MM5", "MM5 (retransmission 2)", "timeout" for a one-line description."""
    if row.kind is RowKind.TIMEOUT:
        return translate("diagram", "timeout waiting for the answer to {label}").format(
            label=row.label)
    text = row.label
    if row.retransmission:
        text += translate("diagram", " (retransmission {number})").format(
            number=row.retransmission)
    return text


__all__ = [
    "Band",
    "Diagram",
    "Direction",
    "Lifeline",
    "Mark",
    "Row",
    "RowKind",
    "StateNaming",
    "build_diagram",
    "exchange_of",
    "phase_of",
    "row_title",
]
