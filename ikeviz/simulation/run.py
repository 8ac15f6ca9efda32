"""Run two sans-IO peers against each other on a virtual clock.

The network delivers each datagram after ``latency`` seconds; an optional NAT
rewrites the initiator's source address and port (as a home router would), so
NAT-T and its absence can be shown. Time only moves when nothing is in flight:
then it jumps to the next retransmission timer, so a negotiation that times
out after minutes of virtual time runs in milliseconds.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import struct
from dataclasses import dataclass, field
from typing import NamedTuple

from ikeviz.protocol.config import PeerConfig, Role
from ikeviz.protocol.events import Address, Datagram, Event
from ikeviz.protocol.peer import Peer
from ikeviz.protocol.states import State

MAX_STEPS = 10_000  # a bound on delivered datagrams: no scenario loops forever

# Role members read at each Simulation(): module globals, as reading a member
# on the enum class goes through EnumType.__getattr__ (~700 instructions).
_INITIATOR = Role.INITIATOR
_RESPONDER = Role.RESPONDER

# CPython's own SHA-256 where the build has it: the same standard hash as
# hashlib's (OpenSSL's), whose constructor sets up an EVP context each call,
# as costly as hashing the block itself (see ciphers._BUILTIN_MAX_BYTES).
try:
    from _sha256 import sha256 as _sha256
except ImportError:  # pragma: no cover - a build without it
    _sha256 = hashlib.sha256

# The 8-byte big-endian block counter of SeededRandom (int.to_bytes(8, "big"),
# without parsing the byte-order string at each block).
_pack_counter = struct.Struct(">Q").pack


class SeededRandom:
    """Deterministic random bytes from a seed and a stream name (SHA-256 counter mode).

    The same (seed, stream) always gives the same bytes, on every platform and
    Python version, unlike ``random.Random.randbytes``.
    """

    def __init__(self, seed: int, stream: str) -> None:
        self._key = _stream_key(seed, stream)
        self._counter = 0
        self._buffer = b""

    def __call__(self, size: int) -> bytes:
        buffer = self._buffer
        while len(buffer) < size:  # draws are short: one or two blocks
            # block = SHA-256(key | counter), one 64-byte block of input
            buffer += _sha256(self._key + _pack_counter(self._counter)).digest()
            self._counter += 1
        self._buffer = buffer[size:]
        return buffer[:size]


@functools.lru_cache(maxsize=64, typed=True)
def _stream_key(seed: int, stream: str) -> bytes:
    """SeededRandom's key: SHA-256("ikeviz:<seed>:<stream>"). A pure function of
    the two (public) names, which every simulation makes again for both peers.
    (typed: 1, 1.0 and True are equal keys but different texts.)"""
    return _sha256(f"ikeviz:{seed}:{stream}".encode()).digest()


@dataclass(frozen=True)
class Nat:
    """A NAT in front of the initiator: its public address, and the port it maps to."""

    public_address: str
    port_base: int = 40000

    def outbound(self, datagram: Datagram, mapping: dict[Address, Address]) -> Datagram:
        source = mapping.setdefault(
            datagram.source, Address(self.public_address, self.port_base + len(mapping))
        )
        return Datagram(datagram.data, source, datagram.destination)

    def inbound(self, datagram: Datagram, mapping: dict[Address, Address]) -> Datagram | None:
        for private, public in mapping.items():
            if public == datagram.destination:
                return Datagram(datagram.data, datagram.source, private)
        return None  # nothing mapped: the NAT drops it


class TraceEntry(NamedTuple):
    """One event of either peer, numbered in the order they happened (:attr:`Trace.entries`)."""

    index: int
    event: Event


# TraceEntry((index, event)) from enumerate's pairs, without a Python-level __new__ each.
_new_entry = functools.partial(tuple.__new__, TraceEntry)


@dataclass
class Trace:
    """Everything both peers reported, in time order."""

    events: list[Event] = field(default_factory=list)
    initiator_state: State = State.IDLE
    responder_state: State = State.WAIT_MM1
    end_time: float = 0.0

    @property
    def entries(self) -> list[TraceEntry]:
        """The events, each with its index.

        Numbered when asked for, not as they come: the simulation only appends
        events, and a negotiation's fifty entries would cost it 2 %.
        """
        return list(map(_new_entry, enumerate(self.events)))

    @property
    def established(self) -> bool:
        return self.initiator_state is State.ESTABLISHED and (
            self.responder_state is State.ESTABLISHED
        )


class Simulation:
    """Two peers, a network (with optional NAT) and a virtual clock."""

    def __init__(
        self,
        initiator: PeerConfig,
        responder: PeerConfig,
        *,
        seed: int = 1,
        latency: float = 0.010,
        nat: Nat | None = None,
    ) -> None:
        # Each peer draws through the bound method: calling an instance would look
        # up __call__ on each of the dozen draws of a negotiation.
        self.initiator = Peer(initiator, _INITIATOR,
                              SeededRandom(seed, "initiator").__call__)
        self.responder = Peer(responder, _RESPONDER,
                              SeededRandom(seed, "responder").__call__)
        self.latency = latency
        self.nat = nat
        self.now = 0.0
        self._mapping: dict[Address, Address] = {}
        # (delivery time, sequence, receiving peer, datagram): the sequence is
        # unique, so the heap orders by time, then sending order, and never
        # compares peers.
        self._queue: list[tuple[float, int, Peer, Datagram]] = []
        self._sequence = 0
        self.trace = Trace()

    def _collect(self, peer: Peer) -> None:
        """Take the events and datagrams of ``peer`` (the one that just ran).

        A sans-IO peer only produces something when it is called, so the other
        peer has nothing to give.
        """
        self.trace.events += peer.events()
        datagrams = peer.datagrams_to_send()
        if not datagrams:
            return
        initiator = self.initiator
        receiver = self.responder if peer is initiator else initiator
        when = self.now + self.latency
        for datagram in datagrams:
            if peer is initiator and self.nat is not None:
                datagram = self.nat.outbound(datagram, self._mapping)
            self._sequence += 1
            heapq.heappush(self._queue, (when, self._sequence, receiver, datagram))

    def run(self, *, until_established_then_delete: bool = False) -> Trace:
        """Run to the end: both established, one failed, or nothing left to do."""
        self.initiator.initiate(self.now)
        self._collect(self.initiator)
        steps = 0
        deleted = False
        while steps < MAX_STEPS:
            steps += 1
            if self._queue:
                when, _, peer, datagram = heapq.heappop(self._queue)
                if when > self.now:  # (max(self.now, when), without the builtin's call)
                    self.now = when
                if peer is self.initiator and self.nat is not None:
                    inbound = self.nat.inbound(datagram, self._mapping)
                    if inbound is None:
                        continue
                    datagram = inbound
                peer.receive_datagram(datagram.data, datagram.source, datagram.destination,
                                      self.now)
                self._collect(peer)
                continue
            if (
                until_established_then_delete
                and not deleted
                and self.initiator.state is State.ESTABLISHED
                and self.responder.state is State.ESTABLISHED
            ):
                deleted = True
                self.now += 1.0
                self.initiator.delete(self.now)
                self._collect(self.initiator)
                continue
            timers = [t for t in (self.initiator.get_timer(), self.responder.get_timer())
                      if t is not None]
            if not timers:
                break
            self.now = max(self.now, min(timers))
            for peer in (self.initiator, self.responder):
                peer.handle_timer(self.now)
            # (the initiator's events and datagrams first, then the responder's)
            self._collect(self.initiator)
            self._collect(self.responder)
        self.trace.initiator_state = self.initiator.state
        self.trace.responder_state = self.responder.state
        self.trace.end_time = self.now
        return self.trace


def run_pair(
    initiator: PeerConfig, responder: PeerConfig, *, seed: int = 1, nat: Nat | None = None
) -> Simulation:
    """Run a negotiation and return the finished simulation (its trace and peers)."""
    simulation = Simulation(initiator, responder, seed=seed, nat=nat)
    simulation.run()
    return simulation
