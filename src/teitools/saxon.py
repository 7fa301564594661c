"""Saxon's processors are made here, and only here: a process that has one must not be forked (Saxon's native
runtime keeps threads a forked child would lack), which is what teitools.run needs to know.

Saxon (saxonche, SaxonC-HE) runs in a GraalVM native image with the serial collector. Its young generation
is sized by the collector's adaptive policy, from the time it measures itself spending in collections, and
the isolate is created with no options (there is no way to bound it from Python). bench/bench_memory.py,
corpus x20 in one process (ready: 152 MiB): loading and reading the documents without rendering stays at 187
MiB (lxml and Python keep nothing); rendering goes up and down between 300 and 516 MiB, not steadily up
(garbage not yet collected and free space the collector keeps, not documents kept); a full collection after
every document keeps it between 256 and 362 MiB, for 17 % more CPU.
"""

import ctypes
import functools
from collections.abc import Callable
from pathlib import Path

import saxonche

_started = False

# What saxonche's native libraries export and teitools uses to ask for a full collection: the one isolate
# of the process (C++ static SaxonProcessor::sxn_environ, whose first field is the isolate), the thread
# attached to it, and the isolate's entry point for System.gc().
_ENVIRONMENT_SYMBOL = "_ZN14SaxonProcessor11sxn_environE"
_LIBRARIES = ("libsaxonc-he-*", "libsaxonc-core-he-*")


def new_processor() -> saxonche.PySaxonProcessor:
    global _started
    _started = True
    return saxonche.PySaxonProcessor(license=False)


def has_started() -> bool:
    """Whether this process has made a Saxon processor."""
    return _started


def collect_garbage() -> bool:
    """A full collection of Saxon's heap in this process; False when it cannot be asked for (Saxon has not
    started, or this saxonche does not export what it takes)."""
    collect = _collector() if _started else None
    return collect is not None and collect()


@functools.cache
def _collector() -> Callable[[], bool] | None:
    """A call that runs System.gc() in this process's Saxon isolate, found once in saxonche's libraries
    (SaxonC exports the entry point but saxonche does not offer it), or None where they differ."""
    folder = Path(saxonche.__file__).with_name("saxonche.libs")
    try:
        wrapper, core = [ctypes.CDLL(str(next(folder.glob(f"{name}.so*")))) for name in _LIBRARIES]
        environment = ctypes.c_void_p.in_dll(wrapper, _ENVIRONMENT_SYMBOL)
        current_thread, gc = core.graal_get_current_thread, core.j_gc
    except (OSError, StopIteration, ValueError, AttributeError):
        return None
    current_thread.restype = ctypes.c_void_p
    current_thread.argtypes = [ctypes.c_void_p]
    gc.argtypes = [ctypes.c_void_p]

    def collect() -> bool:
        if not environment.value:
            return False
        isolate = ctypes.c_void_p.from_address(environment.value).value
        thread = current_thread(isolate) if isolate else None
        if not thread:  # this thread is not attached to the isolate: nothing to collect from here
            return False
        gc(thread)
        return True

    return collect
