"""Capture containers: classic pcap and pcapng, read as a stream and written deterministically.

Written from the public format descriptions:

- pcap: the libpcap file format (draft-ietf-opsawg-pcap, "PCAP Capture File Format"): a 24-byte
  file header whose magic gives the byte order and the timestamp unit (0xA1B2C3D4 microseconds,
  0xA1B23C4D nanoseconds), then 16-byte packet record headers each followed by the packet bytes.
- pcapng: draft-ietf-opsawg-pcapng ("PCAP Now Generic"): a sequence of blocks, each
  ``type, total length, body, total length``; sections start with a Section Header Block whose
  byte-order magic 0x1A2B3C4D fixes the byte order of the section; Interface Description Blocks
  give each interface its link type and timestamp resolution; packets come in Enhanced, Simple or
  (obsolete) Packet Blocks.

The reader never holds more than one record or block in memory, and every problem with the
container (not a capture, truncated, corrupt, hostile lengths, I/O errors) is raised as one
exception type, :class:`CaptureError`, which carries the byte offset of the offending record.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, Final

__all__ = [
    "MAX_BLOCK_SIZE",
    "MAX_PCAP_RECORD",
    "CaptureError",
    "Frame",
    "PcapWriter",
    "PcapngWriter",
    "Record",
    "read_frames",
    "read_records",
]

#: Largest pcapng block we accept. Real blocks are at most a few hundred KiB; a larger length is
#: corruption or a hostile file, and must not become a giant allocation.
MAX_BLOCK_SIZE: Final = 256 * 1024 * 1024
#: Largest captured length of a classic pcap record: libpcap's own maximum snapshot length
#: (MAXIMUM_SNAPLEN, 262144). A larger record length means the file is corrupt.
MAX_PCAP_RECORD: Final = 256 * 1024

_PROGRESS_STEP: Final = 1 << 20
_READ_CHUNK: Final = 1 << 20

# pcap magic numbers as they appear on disk (draft-ietf-opsawg-pcap section 4).
_PCAP_MAGICS: Final[dict[bytes, tuple[str, int]]] = {
    b"\xd4\xc3\xb2\xa1": ("<", 1000),  # microseconds, little endian
    b"\xa1\xb2\xc3\xd4": (">", 1000),  # microseconds, big endian
    b"\x4d\x3c\xb2\xa1": ("<", 1),  # nanoseconds, little endian
    b"\xa1\xb2\x3c\x4d": (">", 1),  # nanoseconds, big endian
}
_MODIFIED_PCAP_MAGICS: Final = (b"\x34\xcd\xb2\xa1", b"\xa1\xb2\xcd\x34")

# pcapng block types (draft-ietf-opsawg-pcapng section 10.1).
_SHB: Final = 0x0A0D0D0A
_SHB_BYTES: Final = b"\x0a\x0d\x0d\x0a"  # a palindrome: the same in both byte orders
_IDB: Final = 1
_PB: Final = 2  # obsolete Packet Block (appendix A)
_SPB: Final = 3
_EPB: Final = 6
_BOM_BIG: Final = b"\x1a\x2b\x3c\x4d"
_BOM_LITTLE: Final = b"\x4d\x3c\x2b\x1a"

# pcapng option codes (sections 3.5 and 4.2).
_OPT_ENDOFOPT: Final = 0
_OPT_COMMENT: Final = 1
_OPT_SHB_USERAPPL: Final = 4
_IF_TSRESOL: Final = 9
_IF_TSOFFSET: Final = 14


class CaptureError(Exception):
    """A capture file that cannot be read: not a capture, truncated, corrupt, or unreadable.

    ``offset`` is the byte offset (from where reading started) of the record or block at fault.
    """

    def __init__(self, path: str, offset: int, message: str) -> None:
        super().__init__(path, offset, message)
        self.path = path
        self.offset = offset
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: byte {self.offset}: {self.message}"


@dataclass(frozen=True, slots=True)
class Frame:
    """One captured packet as stored in the file, before any link-layer decoding."""

    number: int  # 1-based over the whole file (all sections, all interfaces)
    timestamp_ns: int  # UTC nanoseconds since 1970-01-01
    link_type: int  # a LINKTYPE_* value (tcpdump.org link-layer header types)
    data: bytes  # the captured bytes (possibly fewer than original_length)
    original_length: int
    file_offset: int  # where the record or block starts


class _Input:
    """A file object read from the start position on, with a byte counter and progress reports."""

    def __init__(
        self,
        stream: BinaryIO,
        path: str,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self._stream = stream
        self.path = path
        self.offset = 0
        self.total = _remaining_size(stream)
        self._progress = progress
        self._next_report = _PROGRESS_STEP

    def error(self, offset: int, message: str) -> CaptureError:
        return CaptureError(self.path, offset, message)

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes: fewer only at the end of the file.

        Large requests are read in 1 MiB pieces so that a hostile length in a short file (or an
        unseekable stream) costs only the bytes really there, never an ``n``-byte allocation.
        """
        try:
            data = self._stream.read(min(n, _READ_CHUNK))
            if len(data) != n and data:
                parts = [data]
                got = len(data)
                while got < n:
                    more = self._stream.read(min(n - got, _READ_CHUNK))
                    if not more:
                        break
                    parts.append(more)
                    got += len(more)
                data = b"".join(parts)
        except OSError as exc:
            raise self.error(self.offset, f"read error: {exc.strerror or exc}") from exc
        self.offset += len(data)
        if self._progress is not None and self.offset >= self._next_report:
            self._progress(self.offset, self.total)
            self._next_report = self.offset + _PROGRESS_STEP
        return data

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.offset, self.total)


def _remaining_size(stream: BinaryIO) -> int:
    """Bytes from the current position to the end, or -1 when the stream cannot tell."""
    try:
        if not stream.seekable():
            return -1
        here = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(here)
        return max(end - here, 0)
    except (OSError, ValueError):
        return -1


#: A :class:`Frame`'s fields as a plain tuple, in the same order: (number, timestamp_ns,
#: link_type, data, original_length, file_offset). Cheaper to make than a Frame, for readers
#: that drop most frames (:func:`read_records`).
Record = tuple[int, int, int, bytes, int, int]


def read_frames(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Frame]:
    """Yield every packet of a pcap or pcapng file, in file order, streaming.

    ``source`` is a path or a binary file object (read from its current position, not closed).
    ``progress(bytes_read, total_bytes)`` is called about every MiB and once at the end;
    ``total_bytes`` is -1 for an unseekable stream. On a truncated or corrupt file the frames
    before the fault are yielded, then :class:`CaptureError` is raised.
    """
    for record in read_records(source, progress=progress):
        yield Frame(*record)


def read_records(
    source: str | os.PathLike[str] | BinaryIO,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Record]:
    """:func:`read_frames`, each frame as a :data:`Record` tuple instead of a :class:`Frame`."""
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        try:
            stream: BinaryIO = open(path, "rb")
        except OSError as exc:
            raise CaptureError(path, 0, f"cannot open: {exc.strerror or exc}") from exc
        with stream:
            yield from _read_stream(_Input(stream, path, progress))
    else:
        name = getattr(source, "name", None)
        path = name if isinstance(name, str) else "<stream>"
        yield from _read_stream(_Input(source, path, progress))


def _read_stream(src: _Input) -> Iterator[Record]:
    head = src.read(4)
    if head == _SHB_BYTES:
        yield from _read_pcapng(src, head)
    elif head in _PCAP_MAGICS:
        yield from _read_pcap(src, head)
    elif not head:
        raise src.error(0, "empty file: not a pcap or pcapng file")
    elif len(head) < 4:
        raise src.error(0, f"not a pcap or pcapng file: only {len(head)} bytes")
    else:
        message = f"not a pcap or pcapng file: starts with {head.hex(' ')}"
        if head[:2] == b"\x1f\x8b":
            message += " (gzip-compressed: decompress it first)"
        elif head in _MODIFIED_PCAP_MAGICS:
            message += " (the 'modified' pcap variant, which is not supported)"
        raise src.error(0, message)
    src.finish()


# --- classic pcap ----------------------------------------------------------------------------


def _read_pcap(src: _Input, magic: bytes) -> Iterator[Record]:
    order, frac_ns = _PCAP_MAGICS[magic]
    rest = src.read(20)
    if len(rest) < 20:
        raise src.error(
            0, f"truncated pcap file header: 24 bytes needed, {4 + len(rest)} in the file"
        )
    # File header (section 4): version, thiszone and sigfigs (both unused in practice: libpcap
    # writes 0 and ignores them), snaplen, then LinkType with FCS information in its top bits.
    major, minor, _zone, _sigfigs, snaplen, link_field = struct.unpack(order + "HHiIII", rest)
    if major != 2:
        raise src.error(4, f"unsupported pcap version {major}.{minor}")
    # Section 4: the link type is the low 16 bits; the upper bits carry the FCS length.
    link_type = link_field & 0xFFFF
    record = struct.Struct(order + "IIII")
    number = 0
    while True:
        start = src.offset
        header = src.read(16)
        if not header:
            return
        if len(header) < 16:
            raise src.error(
                start,
                f"truncated packet record header: 16 bytes needed, {len(header)} left in the file",
            )
        seconds, fraction, captured, original = record.unpack(header)
        if captured > MAX_PCAP_RECORD:
            # Checked before reading: a corrupt or hostile length must not become an allocation.
            raise src.error(
                start,
                f"packet record says {captured} bytes captured, more than the "
                f"{MAX_PCAP_RECORD}-byte limit (file snaplen {snaplen}): corrupt file",
            )
        data = src.read(captured)
        if len(data) < captured:
            raise src.error(
                start,
                f"truncated packet record: header says {captured} bytes, "
                f"{len(data)} left in the file",
            )
        number += 1
        yield (number, seconds * 1_000_000_000 + fraction * frac_ns, link_type, data, original,
               start)


# --- pcapng ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Interface:
    """What an Interface Description Block says about its packets (section 4.2)."""

    link_type: int
    snaplen: int
    # Timestamp units to nanoseconds, integers only: ns = (units * mul >> shift) // div + offset.
    mul: int = 1000
    shift: int = 0
    div: int = 1
    offset_ns: int = 0

    def nanoseconds(self, units: int) -> int:
        return ((units * self.mul) >> self.shift) // self.div + self.offset_ns


def _set_resolution(iface: _Interface, code: int) -> None:
    # if_tsresol (section 4.2, option 9): top bit clear: 10^-n seconds; set: 2^-n seconds.
    n = code & 0x7F
    if code & 0x80:
        iface.mul, iface.shift, iface.div = 1_000_000_000, n, 1
    elif n <= 9:
        iface.mul, iface.shift, iface.div = 10 ** (9 - n), 0, 1
    else:
        iface.mul, iface.shift, iface.div = 1, 0, 10 ** (n - 9)


def _read_pcapng(src: _Input, first: bytes) -> Iterator[Record]:
    order = "<"
    interfaces: list[_Interface] = []
    number = 0
    last_ts = 0
    pending = first
    while True:
        start = src.offset - len(pending)
        header = pending + src.read(8 - len(pending))
        pending = b""
        if not header:
            return
        if len(header) < 8:
            raise src.error(
                start, f"truncated block header: 8 bytes needed, {len(header)} left in the file"
            )
        if header[:4] == _SHB_BYTES:
            # Section 4.1: the byte-order magic, not the length, tells the section's byte order,
            # and a new section may use a different one.
            bom = src.read(4)
            if len(bom) < 4:
                raise src.error(start, "truncated section header block")
            if bom == _BOM_BIG:
                order = ">"
            elif bom == _BOM_LITTLE:
                order = "<"
            else:
                raise src.error(
                    start, f"bad byte-order magic {bom.hex(' ')} in a section header block"
                )
            (total,) = struct.unpack(order + "I", header[4:])
            body = bom + _read_block_rest(src, start, total, order, minimum=28, consumed=12)
            major, minor = struct.unpack_from(order + "HH", body, 4)
            if major != 1:
                raise src.error(start, f"unsupported pcapng version {major}.{minor}")
            interfaces = []  # interface ids are per section (section 4.2)
            continue
        block_type, total = struct.unpack(order + "II", header)
        if block_type == _EPB:
            body = _read_block_rest(src, start, total, order, minimum=32)
            iface_id, ts_high, ts_low, captured, original = struct.unpack_from(
                order + "IIIII", body
            )
            iface = _interface(src, start, interfaces, iface_id)
            if 20 + captured > len(body):
                raise src.error(
                    start, f"enhanced packet block: captured length {captured} runs past its end"
                )
            last_ts = iface.nanoseconds(ts_high << 32 | ts_low)
            number += 1
            yield (number, last_ts, iface.link_type, body[20 : 20 + captured], original, start)
        elif block_type == _SPB:
            body = _read_block_rest(src, start, total, order, minimum=16)
            iface = _interface(src, start, interfaces, 0)
            (original,) = struct.unpack_from(order + "I", body)
            # Section 4.4: captured length = min(original length, snaplen); the block carries no
            # timestamp, so the previous packet's is repeated to keep the time line monotonic.
            captured = min(original, len(body) - 4)
            if iface.snaplen:
                captured = min(captured, iface.snaplen)
            number += 1
            yield (number, last_ts, iface.link_type, body[4 : 4 + captured], original, start)
        elif block_type == _PB:
            body = _read_block_rest(src, start, total, order, minimum=32)
            iface_id, _drops, ts_high, ts_low, captured, original = struct.unpack_from(
                order + "HHIIII", body
            )
            iface = _interface(src, start, interfaces, iface_id)
            if 20 + captured > len(body):
                raise src.error(
                    start, f"packet block: captured length {captured} runs past its end"
                )
            last_ts = iface.nanoseconds(ts_high << 32 | ts_low)
            number += 1
            yield (number, last_ts, iface.link_type, body[20 : 20 + captured], original, start)
        elif block_type == _IDB:
            body = _read_block_rest(src, start, total, order, minimum=20)
            interfaces.append(_parse_idb(src, start, order, body))
        else:
            # Section 3.1: blocks of unknown type (name resolution, statistics, decryption
            # secrets, custom...) are skipped, but still length-checked.
            _read_block_rest(src, start, total, order, minimum=12)


def _read_block_rest(
    src: _Input, start: int, total: int, order: str, *, minimum: int, consumed: int = 8
) -> bytes:
    """Read the rest of a block and return its body (the trailing length checked and removed)."""
    if total % 4:
        raise src.error(start, f"block length {total} is not a multiple of 4")
    if total < minimum:
        raise src.error(start, f"block length {total} is too short for its type (min {minimum})")
    if total > MAX_BLOCK_SIZE:
        raise src.error(
            start, f"block length {total} is over the {MAX_BLOCK_SIZE}-byte limit: corrupt file"
        )
    need = total - consumed
    rest = src.read(need)
    if len(rest) < need:
        raise src.error(
            start,
            f"truncated block: header says {total} bytes, {consumed + len(rest)} left in the file",
        )
    # Section 3.1: the total length is repeated at the end, so a reader can go backwards and a
    # mismatch reveals a corrupt block.
    (trailer,) = struct.unpack_from(order + "I", rest, need - 4)
    if trailer != total:
        raise src.error(
            start, f"block length at the end ({trailer}) differs from the start ({total})"
        )
    return rest[:-4]


def _interface(src: _Input, start: int, interfaces: list[_Interface], iface_id: int) -> _Interface:
    if iface_id >= len(interfaces):
        raise src.error(
            start,
            f"packet for interface {iface_id}, but the section describes "
            f"{len(interfaces)} interface(s)",
        )
    return interfaces[iface_id]


def _parse_idb(src: _Input, start: int, order: str, body: bytes) -> _Interface:
    link_type, _reserved, snaplen = struct.unpack_from(order + "HHI", body)
    iface = _Interface(link_type=link_type, snaplen=snaplen)
    pos = 8
    # Options (section 3.5): code, length, value padded to 32 bits, ended by opt_endofopt or by
    # the end of the body.
    while pos + 4 <= len(body):
        code, length = struct.unpack_from(order + "HH", body, pos)
        pos += 4
        if code == _OPT_ENDOFOPT:
            break
        if pos + length > len(body):
            raise src.error(start, f"interface option {code} runs past the end of its block")
        value = body[pos : pos + length]
        pos += (length + 3) & ~3
        if code == _IF_TSRESOL:
            if length != 1:
                raise src.error(start, f"if_tsresol option of {length} bytes, not 1")
            _set_resolution(iface, value[0])
        elif code == _IF_TSOFFSET:
            if length != 8:
                raise src.error(start, f"if_tsoffset option of {length} bytes, not 8")
            (seconds,) = struct.unpack(order + "q", value)
            iface.offset_ns = seconds * 1_000_000_000
    return iface


# --- writers ---------------------------------------------------------------------------------


def _units_to_ns(units: int, tsresol: int) -> int:
    iface = _Interface(0, 0)
    _set_resolution(iface, tsresol)
    return iface.nanoseconds(units)


def _split_ns(timestamp_ns: int) -> tuple[int, int]:
    if timestamp_ns < 0:
        raise ValueError(f"timestamp before 1970: {timestamp_ns} ns")
    return divmod(timestamp_ns, 1_000_000_000)


class PcapWriter:
    """Writes a classic pcap file: the file header at once, then one record per :meth:`write`.

    Deterministic: nothing but the arguments is written (no clock, no host name).
    """

    def __init__(
        self,
        stream: BinaryIO,
        link_type: int,
        *,
        nanoseconds: bool = False,
        snaplen: int = MAX_PCAP_RECORD,
        big_endian: bool = False,
    ) -> None:
        if not 0 <= link_type <= 0xFFFF:
            raise ValueError(f"link type out of range: {link_type}")
        self._stream = stream
        self._order = ">" if big_endian else "<"
        self._nanoseconds = nanoseconds
        self._snaplen = snaplen
        self._record = struct.Struct(self._order + "IIII")
        magic = 0xA1B23C4D if nanoseconds else 0xA1B2C3D4
        stream.write(struct.pack(self._order + "IHHiIII", magic, 2, 4, 0, 0, snaplen, link_type))

    def write(self, timestamp_ns: int, data: bytes, *, original_length: int | None = None) -> None:
        if len(data) > min(self._snaplen, MAX_PCAP_RECORD):
            raise ValueError(f"{len(data)}-byte packet over the snapshot length {self._snaplen}")
        seconds, ns = _split_ns(timestamp_ns)
        if seconds > 0xFFFFFFFF:
            raise ValueError("timestamp after 2106 does not fit a pcap record")
        fraction = ns if self._nanoseconds else ns // 1000
        original = len(data) if original_length is None else original_length
        self._stream.write(self._record.pack(seconds, fraction, len(data), original))
        self._stream.write(data)


def _option(order: str, code: int, value: bytes) -> bytes:
    return struct.pack(order + "HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def _block(order: str, block_type: int, body: bytes) -> bytes:
    total = 12 + len(body)
    return struct.pack(order + "II", block_type, total) + body + struct.pack(order + "I", total)


class PcapngWriter:
    """Writes a pcapng file: one section, one interface per link type, Enhanced Packet Blocks.

    ``tsresol`` is the raw if_tsresol value given to every interface (9: nanoseconds, 6:
    microseconds, ``0x80 | n``: 2^-n seconds); ``tsoffset_s`` the if_tsoffset in seconds.
    Deterministic: nothing but the arguments is written (no clock, no host name).
    """

    def __init__(
        self,
        stream: BinaryIO,
        *,
        tsresol: int = 9,
        tsoffset_s: int = 0,
        big_endian: bool = False,
        application: str | None = None,
    ) -> None:
        if not 0 <= tsresol <= 0xFF:
            raise ValueError(f"if_tsresol must be one byte: {tsresol}")
        self._stream = stream
        self._order = ">" if big_endian else "<"
        self._tsresol = tsresol
        self._tsoffset_s = tsoffset_s
        self._interfaces: dict[int, int] = {}
        options = b""
        if application is not None:
            options = _option(self._order, _OPT_SHB_USERAPPL, application.encode())
            options += _option(self._order, _OPT_ENDOFOPT, b"")
        # Section 4.1: byte-order magic, version 1.0, section length -1 (not computed).
        body = struct.pack(self._order + "IHHq", 0x1A2B3C4D, 1, 0, -1) + options
        stream.write(_block(self._order, _SHB, body))

    def interface(self, link_type: int) -> int:
        """The interface id for ``link_type``, writing its Interface Description Block if new."""
        if link_type in self._interfaces:
            return self._interfaces[link_type]
        if not 0 <= link_type <= 0xFFFF:
            raise ValueError(f"link type out of range: {link_type}")
        order = self._order
        options = _option(order, _IF_TSRESOL, bytes([self._tsresol]))
        if self._tsoffset_s:
            options += _option(order, _IF_TSOFFSET, struct.pack(order + "q", self._tsoffset_s))
        options += _option(order, _OPT_ENDOFOPT, b"")
        body = struct.pack(order + "HHI", link_type, 0, 0) + options
        self._stream.write(_block(order, _IDB, body))
        self._interfaces[link_type] = len(self._interfaces)
        return self._interfaces[link_type]

    def _units(self, timestamp_ns: int) -> int:
        ns = timestamp_ns - self._tsoffset_s * 1_000_000_000
        if ns < 0:
            raise ValueError(f"timestamp before the interface's if_tsoffset: {timestamp_ns} ns")
        # The reader floors units to nanoseconds; when a unit is finer than a nanosecond (2^-30
        # and finer), the rounded-up unit is the one that floors back to this exact nanosecond.
        n = self._tsresol & 0x7F
        numerator: int = ns << n if self._tsresol & 0x80 else ns * 10**n
        units = numerator // 1_000_000_000
        if numerator % 1_000_000_000 and _units_to_ns(units + 1, self._tsresol) == ns:
            units += 1
        return units

    def write(
        self,
        timestamp_ns: int,
        data: bytes,
        *,
        link_type: int = 1,
        original_length: int | None = None,
        comment: str | None = None,
    ) -> None:
        iface = self.interface(link_type)
        units = self._units(timestamp_ns)
        if units >> 64:
            raise ValueError(f"timestamp does not fit 64 bits at this resolution: {timestamp_ns}")
        order = self._order
        original = len(data) if original_length is None else original_length
        body = struct.pack(
            order + "IIIII", iface, units >> 32, units & 0xFFFFFFFF, len(data), original
        )
        body += data + b"\0" * (-len(data) % 4)
        if comment is not None:
            body += _option(order, _OPT_COMMENT, comment.encode())
            body += _option(order, _OPT_ENDOFOPT, b"")
        if 12 + len(body) > MAX_BLOCK_SIZE:
            raise ValueError(f"{len(data)}-byte packet is too large for a block")
        self._stream.write(_block(order, _EPB, body))
