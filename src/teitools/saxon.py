"""Saxon's processors are made here, and only here: a process that has one must not be forked (Saxon's native
runtime keeps threads a forked child would lack), which is what teitools.run needs to know."""

import saxonche

_started = False


def new_processor() -> saxonche.PySaxonProcessor:
    global _started
    _started = True
    return saxonche.PySaxonProcessor(license=False)


def has_started() -> bool:
    """Whether this process has made a Saxon processor."""
    return _started
