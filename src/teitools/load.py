"""Find XML files and parse them safely: no DTD loading, no entity expansion, no network.

A file that cannot be used becomes a Finding with a real line and column, never an exception.
"""

import bisect
import codecs
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from teitools.findings import ERROR, Finding, Report
from teitools.xinclude import INCLUDE, XINCLUDE_RULE, Includes, Resolver, TooLarge, includes_of

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}
START_TAG = re.compile(r"<(?![/!?])")
# The markup of a document in the order it is written: what is no element (comments, CDATA sections,
# processing instructions, the document type declaration), and start tags, across lines, with their names.
MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>"
    r"|<([^\s/>!?]+)(?:\s+[^\s=<>]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*\s*/?>",
    re.S,
)
# The tags that open and close elements, past what may hold "<" without being one: where an element ends.
TAGS = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|</[^\s>]+\s*>|<[^\s/>!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S
)
# libxml2's messages that name its own options are said in the editor's terms instead.
PARSER_MESSAGES = (
    (re.compile(r"Excessive depth in document: (\d+).*"), r"elements nested more than \1 deep: refused"),
    (
        re.compile(r"Resource limit exceeded: Text node too long.*"),
        "a text node over 10,000,000 characters: refused",
    ),
)
DUPLICATE_ID = re.compile(r"ID (\S+) already defined")
ENTITY_BOMB = re.compile(r"amplification factor|entity reference loop", re.I)
XML_LINE_END = re.compile(r"\r\n|\r|\n")
UTF8_NAMES = {"UTF-8", "UTF8", "US-ASCII", "ASCII"}
MEGABYTE = 1_000_000


class UsageError(Exception):
    """Bad command-line input: a missing path, a folder without XML. Exit code 2."""


# Files that a Dask client sent to this worker process (--ship-input): the documents pointed into, by resolved
# path; None when the client has no such file. Installed by teitools.distributed.ShippedFiles.
SHIPPED_FILES: dict[str, bytes | None] = {}


class NotShipped(Exception):
    """This process needs a file that its client has not sent (yet): the client sends it and asks again."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def safe_parser(entities: bool = False, recover: bool = False) -> etree.XMLParser:
    """No DTD loading, no network. With `entities`, the internal entities are expanded; libxml2 bounds the
    expansion (its amplification limit refuses entity bombs and quadratic blow-ups)."""
    # huge_tree stays off: libxml2 then bounds nesting depth and text-node size for us.
    return etree.XMLParser(
        resolve_entities="internal" if entities else False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
    )


def parse_tolerating_duplicate_ids(
    raw: bytes, base_url: str, entities: bool = False
) -> tuple[etree._Element, list[etree._LogEntry]]:
    """The document's root, and where an xml:id is used again. libxml2 refuses a document that uses an
    xml:id twice, though it is well-formed: one such slip would hide every other finding and leave the
    document unrendered. Parsed again in recovery mode, it is kept only when that was its one kind of error;
    any other error raises the first parse's XMLSyntaxError."""
    try:
        return etree.fromstring(raw, safe_parser(entities), base_url=base_url), []
    except etree.XMLSyntaxError as error:
        parser = safe_parser(entities, recover=True)
        root = etree.fromstring(raw, parser, base_url=base_url)
        errors = [entry for entry in parser.error_log if entry.level >= etree.ErrorLevels.ERROR]
        if root is None or not errors or any(e.type != etree.ErrorTypes.DTD_ID_REDEFINED for e in errors):
            raise error
        return root, errors


class Walk(NamedTuple):
    """What one walk over a tree found, in document order: the elements of some tags, and the elements that
    carry some attributes (Clark names), with the attribute's value."""

    tags: frozenset[str]
    attributes: frozenset[str]
    elements: dict[str, list[etree._Element]]
    carrying: dict[str, list[tuple[etree._Element, str]]]

    @classmethod
    def of(cls, root: etree._Element, tags: frozenset[str], attributes: frozenset[str]) -> "Walk":
        elements: dict[str, list[etree._Element]] = defaultdict(list)
        for element in root.iter(*tags):  # libxml2 picks them: no Python step (nor tag string) per element
            elements[element.tag].append(element)
        carrying: dict[str, list[tuple[etree._Element, str]]] = defaultdict(list)
        for element in root.iter(etree.Element):  # a Python step per element: keep the body small
            for name, value in element.items():  # a list lxml builds at once: cheaper than attrib
                if name in attributes:
                    carrying[name].append((element, value))
        return cls(tags, attributes, dict(elements), dict(carrying))

    def covers(self, tags: frozenset[str], attributes: frozenset[str]) -> bool:
        return tags <= self.tags and attributes <= self.attributes


@dataclass
class Document:
    """A parsed TEI document, with what is needed to give positions in messages."""

    path: Path
    label: str
    tree: etree._ElementTree
    raw: bytes
    resolved: Path  # the absolute path, resolved once: pointers between files are matched on it
    findings: list[Finding] = field(default_factory=list)  # what loading found but did not refuse
    repeated_ids: frozenset[str] = frozenset()  # xml:ids used twice (findings): the schema need not say so
    included: bool = False  # XIncludes were resolved: the tree holds more than the bytes
    includes: Includes = ()  # what its xi:include elements bring in, read before they were resolved
    # The files its XIncludes read or looked for, at any depth, each as often as it was (the bytes counted).
    depends_on: tuple[str, ...] = ()
    # The input tree: the folder named on the command line that holds the file, else the file's own folder.
    # XIncludes and pointers into other files are followed only inside it.
    tree_root: Path | None = None
    walked: Walk | None = field(default=None, repr=False, compare=False)

    def walk(self, tags: frozenset[str], attributes: frozenset[str]) -> Walk:
        """The elements of these tags and those carrying these attributes. One Python walk over the tree
        serves every stage: the run first asks for all that its stages read, and each stage's own request is
        then answered from that walk (a request it does not cover walks again, for both)."""
        walked = self.walked
        if walked is None or not walked.covers(tags, attributes):
            if walked is not None:
                tags, attributes = tags | walked.tags, attributes | walked.attributes
            walked = self.walked = Walk.of(self.root, tags, attributes)
        return walked

    def inside_tree(self, path: str) -> bool:
        """Whether a file (an absolute path) lies inside the document's input tree, links resolved."""
        return Path(path).resolve().is_relative_to(self.tree_root or self.resolved.parent)

    @cached_property
    def key(self) -> str:
        """The document's identity between files: its resolved path as a string."""
        return str(self.resolved)

    @cached_property
    def folder(self) -> str:
        """The resolved folder of the document: relative pointers to other files start there."""
        return str(self.resolved.parent)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @cached_property
    def encoding(self) -> str:
        """The source's encoding as Python names it (UTF-8 where libxml2 names one Python does not know)."""
        try:
            return codecs.lookup(self.tree.docinfo.encoding or "utf-8").name
        except LookupError:
            return "utf-8"

    @cached_property
    def lines(self) -> list[bytes] | list[str]:
        """The source's lines, split only when a message needs a column, where XML ends a line (CR LF, CR or
        LF: libxml2's line numbers), not at the other breaks str.splitlines knows (NEL, U+2028). Kept as
        bytes, a line decoded when asked for (source_line), unless the encoding is not ASCII-compatible."""
        if self.encoding.startswith(("utf-16", "utf-32")):
            return XML_LINE_END.split(self.raw.decode(self.encoding, errors="replace"))
        return self.raw.splitlines()

    @property
    def expanded(self) -> bool:
        """Whether the tree may hold markup its bytes do not spell: a DOCTYPE's entities, or XIncludes."""
        return bool(self.tree.docinfo.doctype) or self.included

    def xml_text(self) -> str:
        """The document as text for a second parser (Saxon), without a second safety check to pass.

        The cleared bytes themselves, decoded, when they cannot make another parser fetch anything (no
        document type declaration), say all the tree says (no XInclude resolved into it), and are UTF-8 (the
        encoding a string parser assumes). Otherwise the tree lxml built, serialised without its declaration,
        exactly as refused, cleared and completed."""
        docinfo = self.tree.docinfo
        if not self.expanded and (docinfo.encoding or "UTF-8").upper() in UTF8_NAMES:
            return self.raw.decode("utf-8-sig")
        return etree.tostring(self.root, encoding="unicode")

    def source_line(self, number: int) -> str:
        line = self.lines[number - 1] if 0 < number <= len(self.lines) else ""
        return line.decode(self.encoding, errors="replace") if isinstance(line, bytes) else line

    def position(self, element: etree._Element, attribute: str | None = None) -> tuple[int, int]:
        """Where an element's start tag (or one of its attributes) begins: line and column, 1-based. libxml2
        gives the line where the start tag ends; where a start tag ending on that line began on an earlier
        one (its attributes on lines of their own), the tag is found in the markup as written."""
        line_number = element.sourceline or 1
        line = self.source_line(line_number)
        if ">" in line.split("<", 1)[0] and not self.expanded:
            written = self.written_position(element, attribute)
            if written is not None:
                return written
        return line_number, self.column_on_line(element, line_number, line, attribute)

    def column_on_line(
        self, element: etree._Element, line_number: int, line: str, attribute: str | None
    ) -> int:
        starts = [m.start() for m in START_TAG.finditer(line)]
        index = elements_before_on_line(element, line_number)
        if index >= len(starts):
            return 1
        column = starts[index]
        if attribute:
            found = attribute_pattern(attribute).search(line, column)
            if found:
                column = found.start() + 1
        return column + 1

    def written_position(self, element: etree._Element, attribute: str | None) -> tuple[int, int] | None:
        """The position of an element's start tag (or attribute) in the markup as written: the n-th start tag
        of the text is the n-th element of the tree. None where the names disagree."""
        order = self.element_order.get(element)
        if order is None or order >= len(self.start_tags):
            return None
        tag = self.start_tags[order]
        local = etree.QName(element).localname
        name = f"{element.prefix}:{local}" if element.prefix else local
        if tag.group(1) != name:
            return None
        offset = tag.start()
        if attribute:
            found = attribute_pattern(attribute).search(self.text, tag.start(), tag.end())
            offset = found.start() + 1 if found else offset
        return self.at_offset(offset)

    def end_position(self, element: etree._Element) -> tuple[int, int]:
        """Where an element's end tag begins (an empty one's tag: where it begins): where jing says what the
        element lacks, once it has read all it holds. Its start tag where the markup cannot be followed.

        Only the lines between the last element inside it and the next element after it are read: the end
        tags there close that last element and its ancestors, up to this one."""
        if self.expanded:  # the markup as written is not the tree
            return self.position(element)
        last, still_open = element, 0  # the last element inside, and the elements open around it
        while (child := next(last.iterchildren(etree.Element, reversed=True), None)) is not None:
            last, still_open = child, still_open + 1
        line, column = self.position(last)
        text = "\n".join(self.source_line(number) for number in range(line, self.line_after(element) + 1))
        for tag in TAGS.finditer(text, column - 1):
            written = tag.group(0)
            if written.startswith("</"):
                still_open -= 1
                if still_open == 0:  # this element's own end tag
                    before = text.rfind("\n", 0, tag.start())
                    return line + text.count("\n", 0, tag.start()), tag.start() - before
            elif not written.startswith(("<!", "<?")) and not written.endswith("/>"):
                still_open += 1
            if still_open <= 0:  # an empty element, or markup that does not follow the tree
                break
        return self.position(element)

    def line_after(self, element: etree._Element) -> int:
        """The line of the first element after this one and all it holds (the last line where none is)."""
        node: etree._Element | None = element
        while node is not None:
            following = next(node.itersiblings(etree.Element), None)
            if following is not None:
                return following.sourceline or len(self.lines)
            node = node.getparent()
        return len(self.lines)

    def at_offset(self, offset: int) -> tuple[int, int]:
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return line_index + 1, offset - self.line_starts[line_index] + 1

    @cached_property
    def text(self) -> str:
        return self.raw.decode(self.encoding, errors="replace")

    @cached_property
    def start_tags(self) -> list[re.Match[str]]:
        return [match for match in MARKUP.finditer(self.text) if match.group(1)]

    @cached_property
    def element_order(self) -> dict[etree._Element, int]:
        return {element: number for number, element in enumerate(self.root.iter(etree.Element))}

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(match.end() for match in XML_LINE_END.finditer(self.text))]

    def location(self, element: etree._Element) -> tuple[str, int, int]:
        """Where an element starts: the file as messages name it, line and column."""
        return self.label, *self.position(element)

    def finding(
        self,
        element: etree._Element,
        severity: str,
        rule: str,
        message: str,
        attribute: str = "",
        at_end: bool = False,
    ) -> Finding:
        """A finding at an element's start tag (or one of its attributes), or at_end: at its end tag."""
        line, column = self.end_position(element) if at_end else self.position(element, attribute or None)
        return Finding(self.label, line, column, severity, rule, message, self.tree.getpath(element))


def attribute_pattern(attribute: str) -> re.Pattern[str]:
    """An attribute as written in a start tag; a name without a prefix (as libxml2's messages give it) with
    any prefix."""
    prefix = "" if ":" in attribute else r"(?:[^\s=<>:]+:)?"
    return re.compile(rf"\s{prefix}{re.escape(attribute)}\s*=")


def elements_before_on_line(element: etree._Element, line_number: int) -> int:
    """How many elements start on the same line before this one, walking back in document order."""
    count = 0
    node = previous_in_document_order(element)
    while node is not None and node.sourceline == line_number:
        count += isinstance(node.tag, str)
        node = previous_in_document_order(node)
    return count


def previous_in_document_order(node: etree._Element) -> etree._Element | None:
    previous = node.getprevious()
    if previous is None:
        return node.getparent()
    while len(previous):
        previous = previous[-1]
    return previous


def find_xml_files(paths: list[Path]) -> list[Path]:
    """The XML files named, and those found in folders named, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.xml") if p.is_file())
            if not found:
                raise UsageError(f"{path}: folder holds no .xml file")
            files += found
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def label_for(path: Path, resolved: Path) -> str:
    """How messages name a file: relative to the working folder when it is inside it, else as given."""
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load(
    path: Path,
    max_bytes: int | None = None,
    label: str | None = None,
    raw: bytes | None = None,
    tree_root: Path | None = None,
    part: bool = False,
    includes: bool = True,
) -> Document | Finding:
    """Parse one file, expand its internal entities and resolve its XIncludes inside tree_root (default: its
    folder). Returns the Document, or the one Finding that says why it cannot be used. With part, a file
    whose root is another TEI element is usable too (a list of persons pointed into, TEI_PART). Without
    includes, its XIncludes are left unresolved: its own content only (a corpus root read for the persons its
    own header lists, not for the corpus it brings in).

    A file over max_bytes is not read: parsed, it would need more memory than the run may use. A run started
    elsewhere (on a Dask cluster, whose workers have working folders of their own) gives the label it names
    the file by, and may send the file's bytes (raw) instead of letting it be read here."""
    resolved = path.resolve()
    label = label or label_for(path, resolved)
    try:
        size = path.stat().st_size if raw is None else len(raw)
        if max_bytes is not None and size > max_bytes:
            return too_large(label, size, max_bytes)
        raw = path.read_bytes() if raw is None else raw
    except OSError as error:
        raise UsageError(f"{label}: cannot read: {error.strerror}") from error
    if not raw or raw.isspace():  # isspace stops at the first other byte: no copy of a large file
        return Finding(label, 1, 1, ERROR, "not-well-formed", "file is empty: no XML document")
    try:
        root, duplicates = parse_tolerating_duplicate_ids(raw, str(resolved))
    except etree.XMLSyntaxError as error:
        return syntax_finding(label, error)
    tree_root = (tree_root or resolved.parent).resolve()
    document = Document(path, label, root.getroottree(), raw, resolved, tree_root=tree_root)
    refused = external_entity(document) or refusal(document, part)
    if refused:
        return refused
    if has_entities(document):
        try:
            root, duplicates = parse_tolerating_duplicate_ids(raw, str(resolved), entities=True)
        except etree.XMLSyntaxError as error:
            return syntax_finding(label, error)
        document.tree = root.getroottree()
    repeated = repeated_ids(duplicates)
    document.findings += [duplicate_id(label, line, column, xml_id) for xml_id, line, column in repeated]
    document.repeated_ids = frozenset(xml_id for xml_id, _, _ in repeated)
    if includes and next(document.root.iter(INCLUDE), None) is not None:
        document.includes = includes_of(document.root, resolved, tree_root, safe_parser)
        try:
            resolve_xincludes(document, tree_root, max_bytes)
        except TooLarge as error:
            return too_large(label, error.size, max_bytes or 0, "with what it includes (XInclude)")
        document.included = True
    return document


def has_entities(document: Document) -> bool:
    dtd = document.tree.docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())


def external_entity(document: Document) -> Finding | None:
    """An entity declared with SYSTEM or PUBLIC: refused, at its declaration, and never read."""
    dtd = document.tree.docinfo.internalDTD
    for entity in dtd.iterentities() if dtd is not None else ():
        if entity.system_url is not None or entity.content is None:
            declaration = re.search(
                rb"<!ENTITY\s+(?:%\s+)?" + re.escape(entity.name.encode()) + rb"\b", document.raw
            )
            offset = declaration.start() if declaration else 0
            line = document.raw.count(b"\n", 0, offset) + 1
            column = offset - document.raw.rfind(b"\n", 0, offset)
            message = (
                f'the document declares the external entity "{entity.name}": external entities are never read'
                " (refused for safety); replace it with its text, or declare it as an internal entity"
            )
            return Finding(document.label, line, column, ERROR, "entity-declaration", message)
    return None


def resolve_xincludes(document: Document, tree_root: Path, max_bytes: int | None = None) -> None:
    def report(element: etree._Element, severity: str, message: str) -> None:
        document.findings.append(document.finding(element, severity, XINCLUDE_RULE, message, "href"))

    resolver = Resolver(tree_root, safe_parser, report, max_bytes, len(document.raw))
    resolver.resolve(document.root, document.resolved)
    document.depends_on = tuple(str(target) for target in resolver.looked_for)


TOO_LARGE = "too-large"


def too_large(label: str, size: int, max_bytes: int, how: str = "") -> Finding:
    """how: what the size counts besides the file's own bytes."""
    counted = f" {how}" if how else ""
    message = (
        f"file too large: {size / MEGABYTE:,.1f} MB{counted}, and one document may be at most "
        f"{max_bytes / MEGABYTE:,.1f} MB with the memory available to each job here (a parsed document "
        "takes several times its size): "
        "refused; run it with fewer --jobs, or on a machine with more memory"
    )
    return Finding(label, 1, 1, ERROR, TOO_LARGE, message)


def syntax_finding(label: str, error: etree.XMLSyntaxError) -> Finding:
    line, column = error.position
    message = re.sub(r", line \d+, column \d+$", "", error.msg or "not well-formed")
    duplicate = DUPLICATE_ID.search(message)
    if duplicate:
        return duplicate_id(label, line, column, duplicate.group(1))
    if ENTITY_BOMB.search(message):
        text = "entity expansion bomb (entities that expand without bound): refused, nothing was expanded"
        return Finding(label, max(line, 1), max(column, 1), ERROR, "entity-declaration", text)
    for pattern, replacement in PARSER_MESSAGES:
        message = pattern.sub(replacement, message)
    return Finding(
        label, max(line, 1), max(column, 1), ERROR, "not-well-formed", f"not well-formed: {message}"
    )


def duplicate_id(label: str, line: int, column: int, xml_id: str) -> Finding:
    text = f'xml:id "{xml_id}" is used twice in this file; ids must be unique'
    return Finding(label, max(line, 1), max(column, 1), ERROR, "id-unique", text)


def repeated_ids(errors: list[etree._LogEntry]) -> list[tuple[str, int, int]]:
    """The xml:id, line and column of each use of an id used before, from libxml2's errors."""
    found = ((entry, DUPLICATE_ID.search(entry.message)) for entry in errors)
    return [(match.group(1), entry.line, entry.column) for entry, match in found if match]


TEI_PART = "tei-part"  # held until the run knows whether a document includes the file (teitools.run)


def refusal(document: Document, part: bool = False) -> Finding | None:
    """Why a well-formed document is refused before validation: entities, or not TEI P5 (with part, not
    TEI's namespace)."""
    docinfo = document.tree.docinfo
    root = document.root
    if root.tag in TEI_ROOTS or (part and root.tag.startswith(f"{{{TEI_NS}}}")):
        return None
    qname = etree.QName(root)
    if qname.text == "TEI.2" or "TEI P4" in (docinfo.public_id or ""):
        message = "TEI P4 document (root TEI.2, no namespace): convert it to TEI P5 first"
        return document.finding(root, ERROR, "tei-p4", message)
    if qname.text in ("TEI", "teiCorpus"):  # TEI P5 without its namespace: one attribute away
        message = (
            f"the root element {qname.text} is in no namespace: a TEI P5 document puts its elements in"
            f' {TEI_NS} (write xmlns="{TEI_NS}" on the root)'
        )
        return document.finding(root, ERROR, "not-tei", message)
    if qname.namespace == TEI_NS:  # ParlaMint's list of persons: a part that a corpus root includes
        message = (
            f"a part of a TEI document (its root is {qname.localname}), not a document: it is checked "
            "where a document includes it with XInclude, and no document of this run does"
        )
        return document.finding(root, ERROR, TEI_PART, message)
    namespace = f" in namespace {qname.namespace}" if qname.namespace else " in no namespace"
    message = f"not a TEI P5 document: the root element is {qname.localname}{namespace}, not TEI in {TEI_NS}"
    return document.finding(root, ERROR, "not-tei", message)


def load_all(paths: list[Path], report: Report) -> list[Document]:
    """Every XML file under the paths, loaded; every file is counted, every unusable one reported."""
    documents, seen = [], set()
    for path in paths:
        for file in find_xml_files([path]):  # XIncludes resolve inside the folder named, or the file's own
            if file in seen:
                continue
            seen.add(file)
            report.files_checked += 1
            loaded = load(file, tree_root=path if path.is_dir() else None)
            if isinstance(loaded, Finding):
                report.add(loaded)
            else:
                documents.append(loaded)
    return documents
