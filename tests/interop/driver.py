"""A small test driver: one ikeviz :class:`~ikeviz.protocol.peer.Peer` on a real UDP socket.

The engine is sans-IO; this module is the IO. :class:`EngineDriver` connects one Peer to a
:class:`~tests.interop.charon.UdpEndpoint` (the driver side of a :class:`CharonLab`):

* every datagram the peer queues is sent on the socket (to the destination the peer
  chose; the driver checks that it is the endpoint's peer, since no NAT is in the way and
  the socket is bound to one port);
* every datagram that arrives is handed to ``Peer.receive_datagram`` with its real source
  and the socket's own address as destination;
* ``now`` is real elapsed time (``time.monotonic()`` since the driver was made), so the
  peer's retransmission timers (``get_timer``/``handle_timer``) fire at real times and a
  charon on the other side sees a real back-off;
* every event the peer emits is collected in order, and every datagram in either
  direction is kept in :attr:`EngineDriver.wire`.

:meth:`EngineDriver.run` stops when the peer is ESTABLISHED, FAILED or DELETED (or an
``until`` predicate holds), after an optional ``settle`` time in which it keeps
receiving (so that what the other side sends afterwards, e.g. a retransmission or a
notify, is still recorded), or after ``timeout`` seconds at most.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

from ikeviz.protocol.events import Address, Event
from ikeviz.protocol.peer import Peer
from ikeviz.protocol.states import State

from .charon import UdpEndpoint

__all__ = ["DriveResult", "DriverError", "EngineDriver", "WireRecord", "TERMINAL_STATES"]

#: States after which the driver stops by default.
TERMINAL_STATES = frozenset({State.ESTABLISHED, State.FAILED, State.DELETED})


class DriverError(RuntimeError):
    """The peer asked for something this driver cannot do (e.g. a NAT-T port float)."""


@dataclasses.dataclass(frozen=True)
class WireRecord:
    """One datagram on the wire, as the driver saw it (``"sent"`` by the engine or
    ``"received"`` from the other side), with the driver's clock."""

    time: float
    direction: str
    data: bytes
    source: Address
    destination: Address


@dataclasses.dataclass
class DriveResult:
    """How a :meth:`EngineDriver.run` ended."""

    state: State
    reason: str  # "terminal state", "until", "timeout"
    elapsed: float  # seconds since the driver was made


class EngineDriver:
    """Drive one Peer over one UdpEndpoint with real time (see the module docstring)."""

    def __init__(
        self,
        peer: Peer,
        endpoint: UdpEndpoint,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.peer = peer
        self.endpoint = endpoint
        self.clock = clock
        self.t0 = clock()
        self.local = Address(endpoint.local[0], endpoint.local[1])
        self.events: list[Event] = []
        self.wire: list[WireRecord] = []
        self.timers_fired = 0

    # -- time -------------------------------------------------------------------------------
    def now(self) -> float:
        """The peer's clock: seconds since this driver was made."""
        return self.clock() - self.t0

    # -- plumbing ---------------------------------------------------------------------------
    def _collect(self) -> None:
        while (event := self.peer.next_event()) is not None:
            self.events.append(event)

    def flush(self) -> None:
        """Send what the peer queued and collect its events."""
        for datagram in self.peer.datagrams_to_send():
            to = (datagram.destination.host, datagram.destination.port)
            if to != tuple(self.endpoint.remote):
                raise DriverError(
                    f"the peer sends to {datagram.destination}, but the endpoint talks to "
                    f"{self.endpoint.remote[0]}:{self.endpoint.remote[1]} only"
                )
            if datagram.source.port != self.local.port:
                raise DriverError(
                    f"the peer sends from port {datagram.source.port}; the socket is bound "
                    f"to {self.local}"
                )
            self.endpoint.send(datagram.data, to=to)
            self.wire.append(
                WireRecord(self.now(), "sent", datagram.data, datagram.source, datagram.destination)
            )
        self._collect()

    def _fire_timer(self) -> None:
        timer = self.peer.get_timer()
        now = self.now()
        if timer is not None and now >= timer:
            self.timers_fired += 1
            self.peer.handle_timer(now)

    def deliver(self, data: bytes, source: tuple[str, int]) -> None:
        """Hand one received datagram to the peer (and record it)."""
        src = Address(source[0], source[1])
        self.wire.append(WireRecord(self.now(), "received", data, src, self.local))
        self.peer.receive_datagram(data, src, self.local, self.now())
        self._collect()

    # -- public -----------------------------------------------------------------------------
    def initiate(self) -> None:
        """``Peer.initiate`` now, and send MM1."""
        self.peer.initiate(self.now())
        self.flush()

    def run(
        self,
        *,
        timeout: float = 10.0,
        until: Callable[[EngineDriver], bool] | None = None,
        settle: float = 0.0,
    ) -> DriveResult:
        """Exchange datagrams until the peer is done (see the module docstring).

        ``until``: stop when it returns True (checked after every step) instead of on a
        terminal state; ``settle``: keep receiving that long after the stop condition;
        ``timeout``: the bound on the whole call, in seconds.
        """
        start = self.now()
        deadline = start + timeout
        done_at: float | None = None
        reason = "timeout"
        while True:
            self._fire_timer()
            self.flush()
            now = self.now()
            if done_at is None:
                if until is not None:
                    if until(self):
                        done_at, reason = now, "until"
                elif self.peer.state in TERMINAL_STATES:
                    done_at, reason = now, "terminal state"
            if done_at is not None and now >= done_at + settle:
                break
            if now >= deadline:
                reason = "timeout"
                break
            wake = deadline
            if done_at is not None:
                wake = min(wake, done_at + settle)
            timer = self.peer.get_timer()
            if timer is not None:
                wake = min(wake, timer)
            if until is not None and done_at is None:
                wake = min(wake, now + 0.05)  # poll the predicate (e.g. a log file)
            try:
                data, source = self.endpoint.recv_from(timeout=max(0.0, wake - now))
            except TimeoutError:
                continue
            self.deliver(data, source)
        self.flush()
        return DriveResult(self.peer.state, reason, self.now())

    # -- views ------------------------------------------------------------------------------
    def of_type(self, kind: type[Event]) -> list[Event]:
        return [e for e in self.events if isinstance(e, kind)]

    def sent(self) -> list[WireRecord]:
        return [w for w in self.wire if w.direction == "sent"]

    def received(self) -> list[WireRecord]:
        return [w for w in self.wire if w.direction == "received"]
