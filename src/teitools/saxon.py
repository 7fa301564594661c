"""Saxon's processors are made here, and only here: a process that has one must not be forked (Saxon's native
runtime keeps threads a forked child would lack), which is what teitools.run needs to know.

Saxon (saxonche, SaxonC-HE) runs in a GraalVM native image with the serial collector, whose young generation
may grow to 256 MiB; SaxonC creates its isolate with no options. bench/bench_memory.py, corpus x20 in one
process: rendering went up and down between 300 and 516 MiB (garbage not yet collected and free space the
collector keeps, not documents kept). So teitools creates the isolate itself, as SaxonC would, with the young
generation bounded (YOUNG_GENERATION): on the corpus x2 in one process, ready at 103 MiB instead of 142, at
most 203 MiB instead of 341, for 3 % more CPU (smaller, more frequent collections). That takes the layout of
saxonche's native libraries, so it is done only for the releases whose layout was checked; any other runs
with SaxonC's own isolate.
"""

from __future__ import annotations

import ctypes
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import saxonche

_started = False
_bounded = False
_CREATING = threading.Lock()

YOUNG_GENERATION = b"-Xmn32m"
# The saxonche releases for which _create_isolate was checked against the native libraries: the symbols
# below, SaxonC's environment (isolate, thread, main thread) and GraalVM's isolate parameters (version 4).
ISOLATE_LAYOUT_CHECKED = frozenset({"13.1.1"})
_CREATED_SYMBOL = "_ZN14SaxonProcessor13jvmCreatedCPPE"  # set once SaxonC has created its isolate

# What saxonche's native libraries export and teitools uses to ask for a full collection: the one isolate
# of the process (C++ static SaxonProcessor::sxn_environ, whose first field is the isolate), the thread
# attached to it, and the isolate's entry point for System.gc().
_ENVIRONMENT_SYMBOL = "_ZN14SaxonProcessor11sxn_environE"
_LIBRARIES = ("libsaxonc-he-*", "libsaxonc-core-he-*")


def new_processor() -> saxonche.PySaxonProcessor:
    # Saxon's native library (and importlib.metadata, for its release) is loaded with the first processor: a
    # run that only validates never loads it (a fifth of `teitools validate`'s start-up).
    import saxonche

    global _started, _bounded
    with _CREATING:  # threads of one process (a Dask worker's) share its one isolate: created once
        if not _started:
            _bounded = _create_isolate()
        _started = True
    return saxonche.PySaxonProcessor(license=False)


def young_generation_bounded() -> bool:
    """Whether this process's Saxon isolate was created here, with YOUNG_GENERATION."""
    return _bounded


class _IsolateParameters(ctypes.Structure):
    """GraalVM's graal_create_isolate_params_t, version 4: the arguments are read as runtime options."""

    _fields_ = [
        ("version", ctypes.c_int),
        ("reserved_address_space_size", ctypes.c_size_t),
        ("auxiliary_image_path", ctypes.c_char_p),
        ("auxiliary_image_reserved_space_size", ctypes.c_size_t),
        ("argc", ctypes.c_int),
        ("argv", ctypes.c_void_p),
        ("pkey", ctypes.c_int),
        ("ignore_unrecognized_arguments", ctypes.c_char),
        ("exit_when_arguments_fail", ctypes.c_char),
    ]


class _Environment(ctypes.Structure):
    """SaxonC's sxnc_environment."""

    _fields_ = [("isolate", ctypes.c_void_p), ("thread", ctypes.c_void_p), ("main_thread", ctypes.c_void_p)]


def _create_isolate() -> bool:
    """Create this process's Saxon isolate with YOUNG_GENERATION, where SaxonProcessor::initialize would
    create it with no options (it creates one only while jvmCreatedCPP is 0, into sxn_environ). What SaxonC
    reads later lives in memory never freed, as SaxonC's own does: Python's would be gone when SaxonC tears
    the isolate down at exit. SaxonC would also register its C++ extension functions; teitools has none.
    False, leaving it to SaxonC, for an unchecked release or one whose isolate exists already."""
    from importlib import metadata

    try:
        if metadata.version("saxonche") not in ISOLATE_LAYOUT_CHECKED:
            return False
        wrapper, core = _libraries()
        created = ctypes.c_int.in_dll(wrapper, _CREATED_SYMBOL)
        environment = ctypes.c_void_p.in_dll(wrapper, _ENVIRONMENT_SYMBOL)
        libc = ctypes.CDLL("libc.so.6")
    except (metadata.PackageNotFoundError, OSError, StopIteration, ValueError):
        return False
    if created.value:
        return False
    libc.calloc.restype = libc.strdup.restype = ctypes.c_void_p
    argv = (ctypes.c_void_p * 2).from_address(libc.calloc(2, ctypes.sizeof(ctypes.c_void_p)))
    argv[0], argv[1] = libc.strdup(b"teitools"), libc.strdup(YOUNG_GENERATION)
    parameters = _IsolateParameters(version=4, argc=2, argv=ctypes.addressof(argv))
    parameters.ignore_unrecognized_arguments = b"\x01"
    made = _Environment.from_address(libc.calloc(1, ctypes.sizeof(_Environment)))
    core.graal_create_isolate.argtypes = [ctypes.c_void_p] * 3
    isolate_field = ctypes.addressof(made) + _Environment.isolate.offset
    thread_field = ctypes.addressof(made) + _Environment.thread.offset
    if core.graal_create_isolate(ctypes.byref(parameters), isolate_field, thread_field) != 0:
        return False
    made.main_thread = made.thread
    environment.value = ctypes.addressof(made)
    created.value = 1
    return True


def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    """saxonche's two native libraries: SaxonC's C++ API (the wrapper) and the native image (the core)."""
    import saxonche

    folder = Path(saxonche.__file__).with_name("saxonche.libs")
    wrapper, core = [ctypes.CDLL(str(next(folder.glob(f"{name}.so*")))) for name in _LIBRARIES]
    return wrapper, core


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
    try:
        wrapper, core = _libraries()
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
