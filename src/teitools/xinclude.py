"""XInclude, resolved as jing resolves it (the xi:fallback when the target is missing), but only for local
files inside the folder tree of the input: never an absolute path, a parent beyond that tree, a URL, or
the network.

Included elements take the line of the xi:include that brought them in, so that findings inside them point to
a line of the file being checked. Every include that cannot be followed becomes a finding at its xi:include.
"""

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from teitools.findings import ERROR, WARNING

XI = "http://www.w3.org/2001/XInclude"
INCLUDE = f"{{{XI}}}include"
FALLBACK = f"{{{XI}}}fallback"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XINCLUDE_RULE = "xinclude"
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SHORTHAND_POINTER = re.compile(r"^(?:element\()?([\w.-]+)\)?$")
MAX_DEPTH = 16  # includes within included files, at most this deep
MAX_INCLUDES = 1000  # includes in one document, counting nested ones

# (element to report at, severity, message): how problems are handed back to the loader.
Report = Callable[[etree._Element, str, str], None]


class IncludeError(Exception):
    """An include that cannot be followed; its fallback is used when it has one."""

    def __init__(self, message: str, severity: str = ERROR) -> None:
        super().__init__(message)
        self.severity = severity


class TooLarge(Exception):
    """What a document brings in would take it over the bytes one document may have (teitools.load)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class Resolver:
    def __init__(
        self,
        tree_root: Path,
        parser: Callable[[], etree.XMLParser],
        report: Report,
        max_bytes: int | None = None,
        size: int = 0,
    ) -> None:
        """max_bytes: how much the document and all it brings in may be together, its own size counted
        first: a corpus root of a few kilobytes may bring in a whole corpus."""
        self.tree_root = tree_root.resolve()
        self.parser = parser
        self.report = report
        self.max_bytes = max_bytes
        self.size = size
        self.count = 0
        self.open: list[Path] = []  # the files being included, outermost first: an include of one is a loop
        self.looked_for: list[Path] = []  # each target inside the tree, found or not, as often as included

    def resolve(
        self, root: etree._Element, base: Path, anchor: etree._Element | None = None, depth: int = 0
    ) -> None:
        """Replace every xi:include under root (a document read from `base`) by what it includes."""
        if depth == 0 and anchor is None:
            self.open = [base.resolve()]
        for include in list(root.iter(INCLUDE)):
            where = anchor if anchor is not None else include
            line = where.sourceline
            try:
                self.count += 1
                if self.count > MAX_INCLUDES or depth >= MAX_DEPTH:
                    raise IncludeError(
                        f"more than {MAX_INCLUDES} includes, or includes {MAX_DEPTH} deep: refused"
                    )
                nodes = self.included(include, base, where, depth)
            except IncludeError as error:
                fallback = include.find(FALLBACK)
                if fallback is None:
                    self.report(where, error.severity, f"{error} (and the xi:include has no xi:fallback)")
                    nodes = []
                else:
                    self.report(
                        where,
                        WARNING if error.severity == WARNING else ERROR,
                        f"{error}: its xi:fallback is used",
                    )
                    self.resolve(fallback, base, anchor, depth)
                    nodes = [fallback.text or "", *fallback]
            splice(include, nodes, line)

    def included(self, include: etree._Element, base: Path, anchor: etree._Element, depth: int) -> list:
        href = include.get("href") or ""
        target = self.target(href, base)
        self.size += target.stat().st_size
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise TooLarge(self.size)
        parse = include.get("parse", "xml")
        if parse == "text":
            try:
                return [target.read_text(encoding=include.get("encoding") or "utf-8")]
            except (OSError, UnicodeDecodeError) as error:
                raise IncludeError(f'XInclude of "{href}" cannot be read as text: {error}') from error
        if parse != "xml":
            raise IncludeError(f'XInclude parse="{parse}" is neither xml nor text')
        try:
            root = etree.parse(str(target), self.parser()).getroot()
        except (OSError, etree.XMLSyntaxError) as error:
            raise IncludeError(f'XInclude of "{href}" is not well-formed XML: {error}') from error
        if target in self.open:
            raise IncludeError(f'XInclude of "{href}" includes a file that includes it: a loop, refused')
        self.open.append(target)
        try:
            self.resolve(root, target, anchor, depth + 1)
        finally:
            self.open.pop()
        root = self.pointed(root, include.get("xpointer"), href)
        root.set(XML_BASE, href)
        return [root]

    def target(self, href: str, base: Path) -> Path:
        if not href:
            raise IncludeError("an XInclude without href (a pointer into the same document) is not supported")
        if URL_SCHEME.match(href) or href.startswith(("/", "\\")):
            raise IncludeError(
                f'XInclude of "{href}" refused: only relative paths inside the input folder are read'
            )
        target = (base.parent / unquote(href)).resolve()
        if not target.is_relative_to(self.tree_root):
            raise IncludeError(
                f'XInclude of "{href}" refused: it is outside the input folder {self.tree_root}'
            )
        self.looked_for.append(target)
        if not target.is_file():
            raise IncludeError(f'XInclude target "{href}" not found', WARNING)
        return target

    def pointed(self, root: etree._Element, xpointer: str | None, href: str) -> etree._Element:
        if not xpointer:
            return root
        shorthand = SHORTHAND_POINTER.match(xpointer.strip())
        found = root.xpath("//*[@xml:id = $id]", id=shorthand.group(1)) if shorthand else []
        if not found:
            raise IncludeError(
                f'XInclude of "{href}": the xpointer "{xpointer}" points to nothing teitools can find'
            )
        return found[0]


# The first element of a file, after its declaration, comments, processing instructions and doctype.
FIRST_ELEMENT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
DOCUMENT_ROOTS = (b"TEI", b"teiCorpus")
PEEK_BYTES = 4096
SCAN_BYTES = 2**20


# What one file brings in: each target (resolved path) and whether it is a part (no TEI document).
Includes = tuple[tuple[str, bool], ...]


@dataclass
class Inclusions:
    """Which file of a run brings in which with XInclude (scan), and the parts each brings in: files whose
    root is no TEI document (ParlaMint's lists of persons and organisations, its taxonomies). Paths are
    resolved (teitools.load.Document.key)."""

    included_by: dict[str, list[str]] = field(default_factory=dict)  # a file, and the files including it
    parts: dict[str, list[str]] = field(default_factory=dict)  # a file, and the parts it brings in

    def add(self, includer: str, file: str, part: bool) -> None:
        if includer not in self.included_by.setdefault(file, []):
            self.included_by[file].append(includer)
            if part:
                self.parts.setdefault(includer, []).append(file)

    def add_all(self, includer: str, includes: Includes) -> None:
        for file, part in includes:
            self.add(includer, file, part)

    def includers(self, file: str) -> list[str]:
        """The files that bring a file in, directly or through others."""
        found: list[str] = []
        waiting = list(self.included_by.get(file, ()))
        while waiting:
            includer = waiting.pop(0)
            if includer not in found:
                found.append(includer)
                waiting += self.included_by.get(includer, ())
        return found

    def parts_around(self, file: str) -> tuple[str, ...]:
        """The parts that the files bringing a file in bring in too, then, around a document, those files
        themselves: a sitting points to the persons its corpus root brings in, or lists in its own header,
        and finds them there (the root read for its own content: teitools.render.Renderer.linked_around). A
        part is read where it is brought in, and has nothing around it of its own."""
        includers = self.includers(file)
        parts = (part for includer in includers for part in self.parts.get(includer, ()))
        documents = () if self.is_part(file) else includers
        return tuple(dict.fromkeys(part for part in (*parts, *documents) if part != file))

    def is_part(self, file: str) -> bool:
        """Whether a file that another brings in is a part of it, not a TEI document."""
        return any(file in self.parts.get(includer, ()) for includer in self.included_by.get(file, ()))


def scan(
    files: list[Path], tree_root_of: Callable[[Path], Path], parser: Callable[..., etree.XMLParser]
) -> Inclusions:
    """The inclusions of a run's files, read from their bytes: only files that name the XInclude namespace
    are parsed, for their xi:include elements. A file that is not well-formed is read as far as libxml2 can
    recover it (parser(recover=True)): what it brings in is told so."""
    inclusions = Inclusions()
    for file in files:
        inclusions.add_all(str(file.resolve()), read_includes(file, tree_root_of(file), parser))
    return inclusions


def read_includes(file: Path, tree_root: Path, parser: Callable[..., etree.XMLParser]) -> Includes:
    """What a file brings in, read from its bytes (for a file the run did not load)."""
    root = parsed_for_includes(file, parser) if names_xinclude(file) else None
    return () if root is None else includes_of(root, file, tree_root, parser)


def includes_of(
    root: etree._Element, file: Path, tree_root: Path, parser: Callable[..., etree.XMLParser]
) -> Includes:
    """The files a tree read from `file` brings in, before its xi:include elements are resolved: only those
    inside the input tree are followed (as the Resolver follows them); one that cannot be followed is left
    out (loading reports it)."""
    resolver = Resolver(tree_root, parser, lambda *_: None)
    base = file.resolve()
    found: list[tuple[str, bool]] = []
    for include in root.iter(INCLUDE):
        with contextlib.suppress(IncludeError, OSError):
            if include.get("parse", "xml") == "xml":
                target = resolver.target(include.get("href") or "", base)
                found.append((str(target), not is_document(target)))
    return tuple(found)


def parsed_for_includes(file: Path, parser: Callable[..., etree.XMLParser]) -> etree._Element | None:
    try:
        return etree.parse(str(file), parser()).getroot()
    except OSError:
        return None
    except etree.XMLSyntaxError:
        with contextlib.suppress(OSError, etree.XMLSyntaxError):
            return etree.parse(str(file), parser(recover=True)).getroot()
        return None


def names_xinclude(path: Path) -> bool:
    """Whether a file's bytes name the XInclude namespace, read a block at a time: a file of 200 MB is
    never held whole for this."""
    namespace = XI.encode()
    with path.open("rb") as stream:
        tail = b""
        while block := stream.read(SCAN_BYTES):
            if namespace in tail + block[: len(namespace)] or namespace in block:
                return True
            tail = block[-len(namespace) :]
    return False


def is_document(path: Path) -> bool:
    """Whether a file's root is a TEI document (TEI, teiCorpus), read from its first bytes."""
    with path.open("rb") as stream:
        return begins_document(stream.read(PEEK_BYTES))


def begins_document(head: bytes) -> bool:
    """Whether the first bytes of a file open a TEI document (TEI, teiCorpus)."""
    first = FIRST_ELEMENT.search(head[:PEEK_BYTES])
    return first is not None and first.group(1) in DOCUMENT_ROOTS


def splice(include: etree._Element, nodes: list, line: int | None) -> None:
    """Put the nodes (a leading text, then elements) in place of the include, keeping the text around it."""
    parent = include.getparent()
    text = nodes[0] if nodes and isinstance(nodes[0], str) else ""
    elements = [node for node in nodes if not isinstance(node, str)]
    for element in elements:
        for descendant in element.iter():
            descendant.sourceline = line
    before = include.getprevious()
    tail = include.tail or ""
    if elements:
        elements[-1].tail = (elements[-1].tail or "") + tail
        tail = ""
    append_text(parent, before, text)
    position = parent.index(include)
    parent.remove(include)
    for offset, element in enumerate(elements):
        parent.insert(position + offset, element)
    last = elements[-1] if elements else before
    append_text(parent, last, tail)


def append_text(parent: etree._Element, after: etree._Element | None, text: str) -> None:
    if not text:
        return
    if after is None:
        parent.text = (parent.text or "") + text
    else:
        after.tail = (after.tail or "") + text
