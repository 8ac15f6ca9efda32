"""Exception types of the protocol core.

The codec raises exactly one exception type, :class:`DecodeError`, for any
input it cannot decode (RFC 2408 §5 lists the checks a receiver makes); it
carries where the problem is (byte offset and field path) and what was
expected, so the user interface can point at the byte.
"""

from __future__ import annotations


class IkevizProtocolError(Exception):
    """Base class of every error the protocol core raises on purpose."""


class DecodeError(IkevizProtocolError, ValueError):
    """Bytes that are not a valid ISAKMP message, payload or attribute.

    ``offset`` is counted from the start of the buffer handed to the decoder
    (for a whole message: from the first byte of the ISAKMP header); ``path``
    names the field, e.g. ``SA.proposal[0].transform[2].attribute[3].length``;
    ``expected`` says what a valid value would have been.
    """

    def __init__(self, offset: int, path: str, expected: str, found: str | None = None) -> None:
        self.offset = offset
        self.path = path
        self.expected = expected
        self.found = found
        detail = f"expected {expected}"
        if found is not None:
            detail += f", found {found}"
        super().__init__(f"{path} at byte {offset}: {detail}")


class EncodeError(IkevizProtocolError, ValueError):
    """A message or payload that cannot be written: a field out of its range."""
