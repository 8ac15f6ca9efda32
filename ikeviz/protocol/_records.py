"""A faster ``__init__`` for the frozen dataclasses a negotiation creates by the hundred.

``@dataclass(frozen=True)`` stores each field with ``object.__setattr__``, a
Python-level call per field; events, payloads, headers and key derivations are
created a few hundred times per negotiation, and that alone was a tenth of a
negotiation's time. :func:`fast_init` replaces the generated ``__init__`` with
one of the same signature (defaults, default factories, keyword-only fields)
that stores the fields straight into the instance ``__dict__`` (or through the
slot descriptors of a ``slots=True`` class). :func:`record` is
``@dataclass(...)`` and :func:`fast_init` in one, with dataclasses' own
``__init__`` not compiled at all (compiling it, to replace it at once, was a
tenth of the engine's import time). Nothing else changes: the
instances stay frozen (``__setattr__`` still raises), and equality, hashing,
``repr``, ``dataclasses.replace`` and pickling work as before.
"""

from __future__ import annotations

import dataclasses
import types
from typing import TYPE_CHECKING, Any, TypeVar

_C = TypeVar("_C", bound=type[Any])

__all__ = ["fast_init", "record"]


class _Missing:
    """The default of a field with a default factory: "not given"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory default>"


_NOT_GIVEN = _Missing()


def _descriptor(cls: type[Any], name: str) -> Any:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return None


def fast_init(cls: _C) -> _C:
    """Give the frozen dataclass ``cls`` an ``__init__`` that stores fields directly."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: fast_init needs a dataclass without __post_init__")
    params: Any = cls.__dict__.get("__dataclass_params__")
    if params is not None and not params.init and "__init__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: fast_init would replace the class's own __init__")
    fields = dataclasses.fields(cls)
    descriptors = [_descriptor(cls, f.name) for f in fields]
    use_slots = all(isinstance(d, types.MemberDescriptorType) for d in descriptors)
    if not use_slots and any(isinstance(d, types.MemberDescriptorType) for d in descriptors):
        raise TypeError(f"{cls.__name__}: some fields are slots, some are not")
    namespace: dict[str, Any] = {"_NOT_GIVEN": _NOT_GIVEN}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = [] if use_slots else ["    _d = self.__dict__"]
    for index, (f, descriptor) in enumerate(zip(fields, descriptors, strict=True)):
        name = f.name
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{index}"] = f.default
            param, value = f"{name}=_default_{index}", name
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{index}"] = f.default_factory
            param = f"{name}=_NOT_GIVEN"
            value = f"_factory_{index}() if {name} is _NOT_GIVEN else {name}"
        else:
            param, value = name, name
        if not f.init:
            if f.default is not dataclasses.MISSING:
                value = f"_default_{index}"
            elif f.default_factory is not dataclasses.MISSING:
                value = f"_factory_{index}()"
            else:
                continue  # left unset, as dataclasses does
        else:
            (keyword if f.kw_only else positional).append(param)
        if use_slots:
            namespace[f"_set_{index}"] = descriptor.__set__
            body.append(f"    _set_{index}(self, {value})")
        else:
            body.append(f"    _d[{name!r}] = {value}")
    params = ["self", *positional]
    if keyword:
        params += ["*", *keyword]
    source = f"def __init__({', '.join(params)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, namespace)  # noqa: S102 - generated from the field names only
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = None  # as the __init__ dataclasses generates
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


if TYPE_CHECKING:  # type checkers see the dataclass it is
    from dataclasses import dataclass as record
else:

    def record(cls=None, /, **options):
        """``@dataclass(**options)`` with the ``__init__`` of :func:`fast_init`.

        dataclasses is told not to make an ``__init__`` (``init=False``):
        :func:`fast_init` makes the only one.
        """

        def wrap(klass):
            return fast_init(dataclasses.dataclass(klass, init=False, **options))

        return wrap if cls is None else wrap(cls)
