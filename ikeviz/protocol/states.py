"""The states of an IKEv1 peer and the one table of its transitions.

Rule (after h11's ``_state.py``): everything that changes a peer's state is in
this module. A state is named after what the peer waits for; each also
carries the names technicians read in real logs: Libreswan's
``STATE_MAIN_I1``..., Cisco IOS's ``MM_NO_STATE``... and strongSwan's IKE_SA
state. :data:`TRANSITIONS` maps (state, input) to the next state; the peer
never sets a state any other way, and :func:`state_diagram_dot` draws the
documentation's diagram from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class StateNames:
    """What each product calls a state (RFC 2409 §5 flow; Libreswan pluto_constants.h)."""

    libreswan: str
    cisco: str
    strongswan: str
    description: str


class State(Enum):
    """Peer states, named after what the peer waits for."""

    # Members are singletons compared by identity: hash them by identity too, in C
    # (Enum's own __hash__ is a Python call, made for every transition-table lookup).
    __hash__ = object.__hash__

    IDLE = StateNames("", "", "CREATED", "nothing sent or received yet")
    # Main Mode, initiator (RFC 2409 §5)
    WAIT_MM2 = StateNames("STATE_MAIN_I1", "MM_NO_STATE", "CONNECTING",
                          "sent MM1 (SA offer), expecting MM2")
    WAIT_MM4 = StateNames("STATE_MAIN_I2", "MM_SA_SETUP", "CONNECTING",
                          "sent MM3 (KE, Ni), expecting MM4")
    WAIT_MM6 = StateNames("STATE_MAIN_I3", "MM_KEY_EXCH", "CONNECTING",
                          "sent MM5 (IDii, HASH_I), expecting MM6")
    # Main Mode, responder
    WAIT_MM1 = StateNames("STATE_MAIN_R0", "MM_NO_STATE", "CREATED",
                          "waiting for an SA offer (MM1)")
    WAIT_MM3 = StateNames("STATE_MAIN_R1", "MM_SA_SETUP", "CONNECTING",
                          "sent MM2 (chosen SA), expecting MM3")
    WAIT_MM5 = StateNames("STATE_MAIN_R2", "MM_KEY_EXCH", "CONNECTING",
                          "sent MM4 (KE, Nr), expecting MM5")
    # Aggressive Mode, initiator (RFC 2409 §5.4)
    WAIT_AM2 = StateNames("STATE_AGGR_I1", "AG_INIT_EXCH", "CONNECTING",
                          "sent AM1 (SA, KE, Ni, IDii), expecting AM2")
    # Aggressive Mode, responder: it starts in WAIT_MM1 and takes AM1 there
    WAIT_AM3 = StateNames("STATE_AGGR_R1", "AG_INIT_EXCH", "CONNECTING",
                          "sent AM2 (SA, KE, Nr, IDir, HASH_R or SIG_R), expecting AM3")
    # Phase 1 done; Quick Mode (RFC 2409 §5.5)
    WAIT_QM1 = StateNames("STATE_MAIN_R3", "QM_IDLE", "ESTABLISHED",
                          "ISAKMP SA established, expecting QM1")
    WAIT_QM2 = StateNames("STATE_QUICK_I1", "QM_IDLE", "ESTABLISHED",
                          "sent QM1 (HASH(1), SA, Ni, [KE], IDs), expecting QM2")
    WAIT_QM3 = StateNames("STATE_QUICK_R1", "QM_IDLE", "ESTABLISHED",
                          "sent QM2 (HASH(2), SA, Nr, [KE], IDs), expecting QM3")
    # The commit bit (RFC 2408 §3.1): Libreswan ignores it, so it has no name there.
    WAIT_CONNECTED = StateNames("", "QM_IDLE", "ESTABLISHED",
                                "sent QM3 with the commit bit, expecting the responder's "
                                "CONNECTED notify (QM4)")
    ESTABLISHED = StateNames("STATE_QUICK_I2", "QM_IDLE", "ESTABLISHED",
                             "IPsec SA established (CHILD_SA INSTALLED)")
    # Ends
    FAILED = StateNames("", "MM_NO_STATE", "DESTROYING", "negotiation failed")
    DELETED = StateNames("", "", "DELETING", "SA deleted")

    @property
    def names(self) -> StateNames:
        value: StateNames = self.value
        return value

    def log_name(self, product: str, *, responder: bool = False) -> str:
        """The state's name in a product's logs ("libreswan", "cisco", "strongswan")."""
        names = self.names
        if product == "libreswan":
            if self is State.ESTABLISHED and responder:
                return "STATE_QUICK_R2"
            if self is State.WAIT_QM1 and not responder:
                # The initiator's side of the same moment (pluto_constants.h).
                return "STATE_MAIN_I4"
            return names.libreswan or self.name
        if product == "cisco":
            return names.cisco or self.name
        if product == "strongswan":
            return names.strongswan
        return self.name


class Input(Enum):
    """What makes a peer move: a message, a decision or the clock."""

    __hash__ = object.__hash__  # as State's

    START_MAIN = "start Main Mode"
    START_AGGRESSIVE = "start Aggressive Mode"
    MM1 = "MM1"
    MM2 = "MM2"
    MM3 = "MM3"
    MM4 = "MM4"
    MM5 = "MM5"
    MM6 = "MM6"
    AM1 = "AM1"
    AM2 = "AM2"
    AM3 = "AM3"
    QM1 = "QM1"
    QM2 = "QM2"
    QM2_COMMIT = "QM2 (commit bit)"
    QM3 = "QM3"
    CONNECTED = "QM4 (CONNECTED)"
    START_QUICK = "start Quick Mode"
    FAILURE = "failure"
    GIVE_UP = "retransmissions exhausted"
    DELETE = "delete"


# The transitions. A pair that is not here is a protocol error of the peer
# that sent the message (or a bug), never a silent state change.
TRANSITIONS: dict[tuple[State, Input], State] = {
    (State.IDLE, Input.START_MAIN): State.WAIT_MM2,
    (State.IDLE, Input.START_AGGRESSIVE): State.WAIT_AM2,
    (State.WAIT_MM2, Input.MM2): State.WAIT_MM4,
    (State.WAIT_MM4, Input.MM4): State.WAIT_MM6,
    (State.WAIT_MM6, Input.MM6): State.WAIT_QM1,  # then START_QUICK for an initiator
    (State.WAIT_AM2, Input.AM2): State.WAIT_QM1,
    (State.WAIT_MM1, Input.MM1): State.WAIT_MM3,
    (State.WAIT_MM3, Input.MM3): State.WAIT_MM5,
    (State.WAIT_MM5, Input.MM5): State.WAIT_QM1,
    (State.WAIT_MM1, Input.AM1): State.WAIT_AM3,
    (State.WAIT_AM3, Input.AM3): State.WAIT_QM1,
    (State.WAIT_QM1, Input.START_QUICK): State.WAIT_QM2,
    (State.WAIT_QM1, Input.QM1): State.WAIT_QM3,
    (State.WAIT_QM2, Input.QM2): State.ESTABLISHED,
    (State.WAIT_QM2, Input.QM2_COMMIT): State.WAIT_CONNECTED,
    (State.WAIT_CONNECTED, Input.CONNECTED): State.ESTABLISHED,
    (State.WAIT_QM3, Input.QM3): State.ESTABLISHED,
}
for _state in State:
    if _state not in (State.FAILED, State.DELETED):
        TRANSITIONS[(_state, Input.FAILURE)] = State.FAILED
        TRANSITIONS[(_state, Input.GIVE_UP)] = State.FAILED
        TRANSITIONS[(_state, Input.DELETE)] = State.DELETED


def next_state(state: State, event: Input) -> State:
    """The state after ``event`` in ``state``; KeyError if the table has no such move."""
    return TRANSITIONS[(state, event)]


def state_diagram_dot() -> str:
    """The transition table as a Graphviz digraph (for the documentation)."""
    lines = ["digraph ikev1 {", "  rankdir=TB;", "  node [shape=box, fontname=Helvetica];"]
    for state in State:
        label = state.name
        if state.names.libreswan:
            label += f"\\n{state.names.libreswan} / {state.names.cisco}"
        lines.append(f'  {state.name} [label="{label}"];')
    for (source, event), target in TRANSITIONS.items():
        if event in (Input.FAILURE, Input.GIVE_UP, Input.DELETE) and source is not State.IDLE:
            continue
        lines.append(f'  {source.name} -> {target.name} [label="{event.value}"];')
    lines.append('  ANY [shape=point]; ANY -> FAILED [label="failure / give up"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
