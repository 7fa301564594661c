"""How much memory this process holds, and when a rendering worker has outgrown its budget.

A rendering worker grows as Saxon's heap does (teitools.saxon says why), not with what it has rendered: it is
replaced when its resident memory has grown by more than a budget since it was ready to render, once a full
collection of Saxon's heap, and handing back to the system what the process has freed, have not brought it
back under. Counting memory rather than input bounds the peak whatever the documents, and a worker that stays
small is never replaced: with Saxon's young generation bounded (teitools.saxon), none is on the corpus x20.
"""

import ctypes
import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from teitools import saxon

_ready: int | None = None  # this process's resident memory once it could render


def resident_bytes() -> int:
    """This process's resident memory now (Linux), else the most it has held."""
    try:
        with open("/proc/self/statm", "rb") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource  # not on Windows, where /proc is not either: there, a worker is never replaced

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def note_ready() -> None:
    """Called once this process can render (its Saxon processor made, the stylesheets compiled): the budget
    is counted from what it holds then."""
    global _ready
    if _ready is None:
        _ready = resident_bytes()


def outgrown(growth: int, share: int) -> bool:
    """Whether this process holds more than growth bytes beyond what it held when ready, or more than its
    share of the machine, even after a collection of Saxon's heap. False before it is ready to render."""
    if _ready is None:
        return False
    limit = min(_ready + growth, share)
    if resident_bytes() <= limit:
        return False
    collected = saxon.collect_garbage()
    released = release_freed_memory()
    return not (collected or released) or resident_bytes() > limit


def release_freed_memory() -> bool:
    """Give the memory this process has freed back to the system (glibc keeps it otherwise: the large
    strings of a page, freed, leave their place taken in resident memory); False where there is no glibc to
    ask."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


@dataclass(frozen=True)
class Budget:
    """What a rendering worker may hold (teitools.workers retires one that has outgrown it)."""

    growth: int  # beyond what it held when ready to render
    share: int  # in all: its share of the machine

    def outgrown(self) -> bool:
        return outgrown(self.growth, self.share)
