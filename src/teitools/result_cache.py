"""The results of the documents that have not changed since the last `validate` or `render` of the same
files.

A run maps only the files added or changed since (and those whose XIncluded files changed); the others'
results come from the user's cache ($XDG_CACHE_HOME/teitools, as the prepared grammar). The reduce then runs
on all results as usual, so the report, and the indexes, are those a run without the cache gives.

A result holds as long as all it was computed from is unchanged:
- the file, and every file its XIncludes read or looked for (teitools.load.Document.depends_on), each as the
  system sees it (schemas.file_identity: inode, size, modification and change times), or still not there;
- a rendering's pages read more: the documents the file points into, the parts its corpus root brings in
  around it and that root itself (the persons its own header lists), and its images; and its pages and
  images must still be in the output folder as it wrote them;
- the run: its options, the paths it was given, its working folder (the messages name the files from them),
  the output folder, and the code (teitools, its schemas and stylesheets, and the libraries whose messages
  or output it passes on). A different run keeps its own results. Only the largest document a run takes
  changes from run to run (with the memory available): a kept result holds for a document within it.

A file changed shortly before the run may be changed again within the same tick of the file system's clock
without its identity showing it (git's "racy" files): its result is not kept. Nor is the result of a file
that could not be read, which costs nothing to find again.

The results are kept pickled, as a pool's workers send them, in the user's own cache folder.
"""

import contextlib
import hashlib
import importlib.util
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from teitools import __version__
from teitools.resources import SCHEMA_DIR, XSLT_DIR
from teitools.schemas import cache_dir, file_identity, store

if TYPE_CHECKING:
    from teitools.run import DocumentResult

# How much older than the run a file's last change must be for its result to be kept: more than the tick of
# any file system's clock (FAT counts in 2 s).
RACY_SECONDS = 3
# How many kinds of run keep their results (a corpus x20's take 3 to 5 MB): the most recently used.
RESULTS_KEPT = 8
# The libraries whose behaviour is part of a result besides lxml: XML Schema 1.1, XPath 2 in Schematron, XSLT.
LIBRARIES = ("xmlschema", "elementpath", "saxonche")

Identity = tuple[int, ...] | None


class Kept(NamedTuple):
    identity: Identity  # the file's, when its result was computed
    depends: tuple[tuple[str, Identity], ...]  # each file the result read or looked for, and its identity
    result: "DocumentResult"
    # The bytes the document took in, as teitools.load counts them against the memory bound: its own and its
    # XIncludes', an included file each time it is included (not what its pages read of other documents).
    counted: int
    written: tuple[tuple[str, Identity], ...] = ()  # the files a rendering wrote for it, as it left them
    context: object = None  # what else of the run it read (a rendering: the parts around it, pages it links)

    def holds(self, max_bytes: int | None) -> bool:
        """Whether every file the result depends on is as it was (still there, or still not there), and
        so is every file written for it, and the document is still within the bytes one document may have."""
        now = {path: identity_of(Path(path)) for path, _ in (*self.depends, *self.written)}
        if any(now[path] != seen for path, seen in (*self.depends, *self.written)):
            return False
        return max_bytes is None or self.counted <= max_bytes


@dataclass
class ResultCache:
    path: Path
    entries: dict[str, Kept]  # by the path as the run names the file (relative or not), as its messages do
    started_ns: int = field(default_factory=time.time_ns)  # when the run started: later changes are racy
    seen: dict[str, Identity] = field(default_factory=dict)  # each file's identity before the map read it
    changed: bool = False  # whether the entries differ from those read: only then are they written

    @classmethod
    def of(cls, run_key: str) -> "ResultCache":
        """The results kept by the last run of the same kind (run_key: its options, the paths it was given,
        its working folder, a rendering's output folder) with this code."""
        key = hashlib.sha256(run_key.encode())
        key.update(code_fingerprint().encode())
        path = cache_dir() / f"results-{key.hexdigest()[:32]}.pickle"
        try:
            entries = pickle.loads(path.read_bytes())
        except Exception:  # absent, unreadable, or written by another release of Python: start afresh
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def unchanged(
        self,
        files: list[Path],
        max_bytes: int | None,
        context: Callable[[Path, "DocumentResult"], object] = lambda file, result: None,
    ) -> dict[Path, "DocumentResult"]:
        """The kept results of the files that have not changed since, nor have the files they depend on or
        the files written for them, in the same context, and that this run would not refuse as too large for
        its memory (max_bytes, which the memory available sets)."""
        found = {}
        for file in files:
            name = str(file)  # as the run names it: the messages name it so
            identity = self.seen[name] = identity_of(file)
            kept = self.entries.get(name)
            if (
                kept is not None
                and kept.identity == identity  # never None
                and kept.context == context(file, kept.result)
                and kept.holds(max_bytes)
            ):
                found[file] = kept.result
        return found

    def keep(
        self, file: Path, result: "DocumentResult", written: Iterable[Path] = (), context: object = None
    ) -> None:
        """Keep a result just computed, unless the file or a file it depends on changed too recently to
        tell a later change by its identity (or during the run), or the file could not be read. The files
        written for it (a rendering's pages) are kept as this run leaves them."""
        name = str(file)
        identity = identity_of(file)
        included = [(path, identity_of(Path(path))) for path in result.depends_on]
        depends = (*included, *((path, identity_of(Path(path))) for path in result.reads))
        self.changed = True
        unsure = result.unread or identity is None or identity != self.seen.get(name)
        if unsure or any(self.is_racy(path, seen) for path, seen in ((name, identity), *depends)):
            self.entries.pop(name, None)
        else:
            counted = identity[2] + sum(seen[2] for _, seen in included if seen is not None)
            outputs = tuple((str(path), identity_of(path)) for path in written)
            self.entries[name] = Kept(identity, depends, result, counted, outputs, context)

    def is_racy(self, path: str, identity: Identity) -> bool:
        changed = identity[3:5] if identity is not None else folder_change(path)
        return max(changed, default=self.started_ns) > self.started_ns - RACY_SECONDS * 10**9

    def save(self, files: list[Path]) -> None:
        """Write the results of this run's files (those of files no longer in the run are dropped)."""
        names = {str(file) for file in files}
        kept = {name: entry for name, entry in self.entries.items() if name in names}
        with contextlib.suppress(OSError):  # an unwritable cache only costs the next run its time
            if self.changed or len(kept) < len(self.entries):
                store(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL), RESULTS_KEPT)
            else:
                os.utime(self.path)  # used: the last to be dropped (schemas.store)


def identity_of(path: Path) -> Identity:
    """A file's identity as a key's part; None for a file that is not there."""
    seen = file_identity(path)
    if seen is None:
        return None
    return tuple(seen)


def folder_change(path: str) -> tuple[int, ...]:
    """When the nearest folder that holds a file that is not there last changed (a file or folder added,
    renamed or removed there)."""
    for folder in Path(path).parents:
        if (seen := file_identity(folder)) is not None:
            return tuple(seen[3:5])
    return ()


@cache
def code_fingerprint() -> str:
    """teitools' own code and schemas, this Python, and the checking libraries as installed: by the identity
    of their files, since importing them or reading their metadata would cost a run's start-up."""
    release = f"{__version__} {sys.version} {etree.LXML_VERSION} {etree.LIBXML_VERSION}"
    digest = hashlib.sha256(release.encode())
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None and spec.origin else ""
        digest.update(repr((library, origin, origin and file_identity(Path(origin)))).encode())
    for folder in (Path(__file__).parent, SCHEMA_DIR, XSLT_DIR):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def in_order(
    files: list[Path], kept: dict[Path, "DocumentResult"], mapped: Iterator["DocumentResult"]
) -> Iterator[tuple[Path, "DocumentResult"]]:
    """Each file with its result, in the run's order: a kept one, else the next one the map gives. The map is
    run to its end (it reports the progress of its last document after giving it)."""
    for file in files:
        yield file, kept[file] if file in kept else next(mapped)
    for _ in mapped:
        raise ValueError("the map gave more results than it was given files")
