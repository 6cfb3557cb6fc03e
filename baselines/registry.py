"""A small registry of baseline names: refuses duplicates, suggests the nearest unknown name."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable

from benchmark import InputError


@dataclass(frozen=True)
class Entry:
    name: str
    factory: Callable[[int], object]  # seed -> unfitted estimator
    description: str
    needs: str | None = None  # an optional extra it needs, or None
    available: Callable[[], bool] = lambda: True  # is that extra installed?


_REGISTRY: dict[str, Entry] = {}


def register(name: str, *, description: str, needs: str | None = None,
             available: Callable[[], bool] | None = None):
    """Decorator: register ``factory(seed) -> estimator`` under ``name``.

    >>> @register("majority", description="again")
    ... def again(seed): ...
    Traceback (most recent call last):
    ...
    ValueError: baseline 'majority' is registered already
    """
    def decorate(factory):
        if name in _REGISTRY:
            raise ValueError(f"baseline {name!r} is registered already")
        _REGISTRY[name] = Entry(name, factory, description, needs, available or (lambda: True))
        return factory
    return decorate


def entry(name: str) -> Entry:
    if name not in _REGISTRY:
        near = difflib.get_close_matches(name, list(_REGISTRY), n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise InputError(f"unknown baseline {name!r}",
                         fix=f"{hint}choose one of {', '.join(names())}")
    return _REGISTRY[name]


def create(name: str, *, seed: int = 0):
    """A fresh, unfitted estimator of the named family."""
    return entry(name).factory(seed)


def describe(name: str) -> str:
    return entry(name).description


def names() -> list[str]:
    """Registered names, in registration order."""
    return list(_REGISTRY)
