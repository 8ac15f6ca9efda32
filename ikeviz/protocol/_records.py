"""Frozen dataclasses stored as tuples: the records a negotiation makes by the hundred.

Events, payloads, headers, key derivations and IV states are frozen
dataclasses, and a negotiation makes about three hundred of them. A frozen
dataclass stores each field through a Python-level call
(``object.__setattr__``, or a slot descriptor's ``__set__``): several hundred
CPU instructions a field, and with the freeing a fifth of a negotiation's
instructions outside DH.

:func:`record` is ``@dataclass(frozen=True, ...)`` for a class whose instances
are tuples of the field values, as ``namedtuple``'s are: one C call makes
one, fields are read by index with namedtuple's C getter, and freeing one is
freeing a tuple. To everything else it is the same frozen dataclass: fields,
defaults, default factories, keyword-only fields, ``repr``, equality and
hashing, ``dataclasses.fields/replace/asdict``, pickling and copying.
:func:`new_record` makes one from all its field values, without even the
Python frame of ``__new__``, for the few places that make them by the dozen.
"""

from __future__ import annotations

import dataclasses
from collections import _tuplegetter  # type: ignore[attr-defined]
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

__all__ = ["new_record", "record"]


class _Missing:
    """The default of a field with a default factory: "not given"."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory default>"


_NOT_GIVEN = _Missing()


def _rebuild(cls: type[Any], values: tuple[Any, ...]) -> Any:
    """Unpickle (and copy) a tuple-backed record: its field values, in order."""
    return tuple.__new__(cls, values)


def _unordered(self: Any, other: Any) -> Any:
    return NotImplemented  # as a dataclass without order=True: <, <=, >, >= raise TypeError


def _always_true(self: Any) -> bool:
    return True  # a record is true, as a dataclass instance, even with no field


def _tuple_backed(cls: type[Any], options: dict[str, Any]) -> type[Any]:
    """``cls`` made again as a frozen dataclass whose instances are tuples of its fields.

    The class body is kept (docstring, methods, class attributes, bases); the
    new class derives from ``tuple`` as well, each field is read by index (the
    C getter ``namedtuple`` uses) and ``__new__`` takes the fields as
    ``__init__`` would. dataclasses then adds ``__repr__``, ``__eq__``,
    ``__setattr__`` (frozen) and ``__dataclass_fields__``, so ``fields``,
    ``replace``, ``asdict`` and ``is_dataclass`` work as on any dataclass.
    Equality and hashing are tuple's, guarded so that two records of different
    classes, or a record and a plain tuple, are never equal; ``<`` and the
    other orderings raise, as on a dataclass.
    """
    options = {k: v for k, v in options.items() if k != "slots"}  # always slot-less
    if not options.get("frozen", False):
        raise TypeError(f"{cls.__name__}: a record is frozen")
    for name in ("__new__", "__init__", "__post_init__", "__getnewargs__"):
        if name in cls.__dict__ or any(name in b.__dict__ for b in cls.__mro__[1:-1]
                                       if not issubclass(b, tuple)):
            raise TypeError(f"{cls.__name__}: a record cannot define {name}")
    namespace = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    namespace["__qualname__"] = cls.__qualname__
    # A cached_property needs an instance dict to write to: keep one there.
    if not any(isinstance(v, cached_property) for v in namespace.values()):
        namespace["__slots__"] = ()
    bases = cls.__bases__ if any(issubclass(b, tuple) for b in cls.__bases__) else (
        *(b for b in cls.__bases__ if b is not object), tuple)
    metaclass: Any = type(cls)
    new_cls: Any = metaclass(cls.__name__, bases, namespace)
    new_cls = dataclasses.dataclass(new_cls, init=False, **options)
    fields = dataclasses.fields(new_cls)
    for index, f in enumerate(fields):
        setattr(new_cls, f.name, _tuplegetter(index, f"the {f.name} field"))
    source_args: list[str] = []
    keyword: list[str] = []
    values: list[str] = []
    namespace_new: dict[str, Any] = {"_NOT_GIVEN": _NOT_GIVEN, "_tuple_new": tuple.__new__}
    for index, f in enumerate(fields):
        if f.default is not dataclasses.MISSING:
            namespace_new[f"_default_{index}"] = f.default
            param, value = f"{f.name}=_default_{index}", f.name
        elif f.default_factory is not dataclasses.MISSING:
            namespace_new[f"_factory_{index}"] = f.default_factory
            param = f"{f.name}=_NOT_GIVEN"
            value = f"_factory_{index}() if {f.name} is _NOT_GIVEN else {f.name}"
        else:
            param, value = f.name, f.name
        if not f.init:
            if f.default is not dataclasses.MISSING:
                value = f"_default_{index}"
            elif f.default_factory is not dataclasses.MISSING:
                value = f"_factory_{index}()"
            else:
                raise TypeError(f"{cls.__name__}.{f.name}: a field outside __init__ "
                                "needs a default")
        else:
            (keyword if f.kw_only else source_args).append(param)
        values.append(value)
    params = ["_cls", *source_args]
    if keyword:
        params += ["*", *keyword]
    packed = "(" + "".join(f"{v}, " for v in values) + ")"
    source = f"def __new__({', '.join(params)}):\n    return _tuple_new(_cls, {packed})\n"
    exec(source, namespace_new)  # noqa: S102 - generated from the field names only
    constructor = namespace_new["__new__"]
    constructor.__qualname__ = f"{new_cls.__qualname__}.__new__"
    constructor.__module__ = new_cls.__module__
    new_cls.__new__ = constructor
    new_cls.__reduce__ = lambda self: (_rebuild, (type(self), tuple(self)))
    if "__eq__" not in cls.__dict__ and options.get("eq", True) and all(f.compare for f in fields):
        tuple_eq = tuple.__eq__
        tuple_ne = tuple.__ne__

        # Another tuple (a plain one, or a record of another class) is never
        # equal: answering NotImplemented would let tuple's own comparison run.
        def __eq__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return tuple_eq(self, other)
            return False if isinstance(other, tuple) else NotImplemented

        def __ne__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return tuple_ne(self, other)
            return True if isinstance(other, tuple) else NotImplemented

        __eq__.__qualname__ = f"{new_cls.__qualname__}.__eq__"
        __ne__.__qualname__ = f"{new_cls.__qualname__}.__ne__"
        new_cls.__eq__ = __eq__
        new_cls.__ne__ = __ne__
        if new_cls.__hash__ is not None and all(f.hash is None or f.hash for f in fields):
            new_cls.__hash__ = tuple.__hash__
    elif "__ne__" not in cls.__dict__:
        new_cls.__ne__ = object.__ne__  # not tuple's: the negation of this __eq__
    for name in ("__lt__", "__le__", "__gt__", "__ge__"):
        if name not in cls.__dict__ and not options.get("order", False):
            setattr(new_cls, name, _unordered)
    if not fields:
        new_cls.__bool__ = _always_true
    made: type[Any] = new_cls
    return made


_R = TypeVar("_R")

if TYPE_CHECKING:  # type checkers see the dataclass it is
    from dataclasses import dataclass as record

    def new_record(cls: type[_R], values: tuple[Any, ...], /) -> _R:
        """A record of ``cls`` from the values of all its fields, in their order."""
        ...
else:
    # ``new_record(Header, (...))`` is ``Header(...)`` with every field given, in
    # field order, and no Python frame: a fifth of the cost of calling the
    # class. For the few places that make records by the dozen per negotiation;
    # a wrong count or order is not checked (the tests compare with the class call).
    new_record = tuple.__new__

    def record(cls=None, /, **options):
        """``@dataclass(frozen=True, **options)``, with instances that are tuples of the fields.

        A negotiation makes a few hundred of these (events, payloads, headers,
        key derivations). Stored in a tuple, a record is built by one C call
        rather than one call per field, and freed as cheaply. To the rest of
        the code it is the same frozen dataclass (see :func:`_tuple_backed`);
        being a tuple shows only to code that asks (``isinstance(x, tuple)``,
        ``len``, iteration), so code that walks values tests
        ``dataclasses.is_dataclass`` before ``tuple``.
        """

        def wrap(klass):
            return _tuple_backed(klass, options)

        return wrap if cls is None else wrap(cls)
