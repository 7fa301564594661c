"""Schemas: which one checks a document, and each compiled once per run.

- `teitools`: the project's schema (schema/teitools.xsd), which the edition's documents declare;
- `tei_all`: TEI P5 as bundled in schema/tei_all/, RELAX NG and the Schematron of its ODD. The grammar is
  prepared for the run's documents (teitools.grammar: pruned to the elements they hold, repetitions
  flattened), which gives libxml2 jing's verdicts in a fraction of the time; the prepared grammar is cached;
- `auto` (the default): a document that declares its schema with <?xml-model?> is checked against the bundled
  copy of that schema (tei_all by its well-known addresses, the project schema by its file name), never
  fetched; a declared schema that is not bundled gets a warning and tei_all. A document that declares nothing
  gets tei_all: teitools runs in anyone's edition folder, and the project schema is this edition's
  customisation, not theirs;
- any .xsd or .rng file. XSD 1.0 and RELAX NG run in libxml2 (lxml); an XSD that libxml2 cannot compile
  (XSD 1.1) runs in xmlschema, whose errors carry the element they concern.

Every schema is prepared with the run's documents (`prepare`), then checks one document at a time (`check`).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from teitools import grammar
from teitools.expected import MOST_CHILDREN, NOT_ALLOWED, Expectations, listed
from teitools.findings import ERROR, WARNING, Finding
from teitools.load import XML_ID, XML_NS, XSI, Document, UsageError, safe_parser
from teitools.resources import SCHEMA_DIR
from teitools.schematron import Schematron

if TYPE_CHECKING:  # xmlschema is imported only when an XSD needs it: most runs never do
    import xmlschema

PROJECT_SCHEMA = "teitools"
TEI_ALL = "tei_all"
AUTO = "auto"
TEI_ALL_DIR = SCHEMA_DIR / "tei_all"
TEI_ALL_RNG = TEI_ALL_DIR / "tei_all.rng"
TEI_ALL_SCHEMATRON = TEI_ALL_DIR / "tei_all.isosch"
CACHE_ENVIRONMENT = "XDG_CACHE_HOME"
CACHED_GRAMMARS_KEPT = 32
NAMESPACE_IN_MESSAGE = re.compile(r"\{[^}]*\}")
# The attribute a message is about: the XSD's "attribute 'type'", RELAX NG's "Invalid attribute type for".
ATTRIBUTE_IN_MESSAGE = re.compile(r"attribute '([\w:.-]+)'|Invalid attribute ([\w:.-]+) for element")
# libxml2's messages that name no expected element: a required child is missing; a child comes too early.
MISSING_CHILD = "Expecting an element , got nothing"
UNEXPECTED_CHILD = re.compile(r"Did not expect element \S+ there")
EXTRA_CONTENT = re.compile(r"Element \S+ has extra content")
# An element that lacks a required child, as said (lacking): at its end tag, as jing says it.
INCOMPLETE = re.compile(r"element \S+ incomplete;")
# A grammar's word on an xml:id used twice (RELAX NG, then XML Schema), which the loader says (id-unique).
INVALID_ID = re.compile(
    r"Invalid attribute id for element \S+$"
    r"|Element '[^']+', attribute 'id': '[^']*' is not a valid value of the atomic type 'xs:ID'"
)
# The addresses under which the TEI publishes tei_all (release, versioned Vault, the build server), in any
# of its schema languages, or a local copy by its file name: the catalog that maps a declared schema to the
# bundled copy.
TEI_ALL_ADDRESS = re.compile(
    r"^(?:https?://(?:[\w-]+\.)*tei-c\.org/(?:[^?#]*/)?|(?![A-Za-z][\w+.-]*:)[^?#]*/)?"
    r"tei_all\.(?:rng|rnc|xsd|isosch|sch|odd)$",
    re.IGNORECASE,
)
# The project schema as the edition's documents declare it ("../schema/teitools.xsd"): by its file name, in
# any folder, as a local copy of tei_all is matched; it has no published address.
PROJECT_SCHEMA_ADDRESS = re.compile(r"^(?![A-Za-z][\w+.-]*:)(?:[^?#]*/)?teitools\.(?:xsd|odd)$")
# The addresses a file's <?xml-model?> declarations give, read from its first bytes without parsing it.
DECLARED_ADDRESS = re.compile(rb"<\?xml-model\s[^>]*?\bhref\s*=\s*[\"']([^\"'<>]*)[\"']")


@cache
def tei_all_version() -> str:
    """The TEI P5 version of the bundled tei_all, recorded once in schema/tei_all/VERSION.json."""
    return json.loads((TEI_ALL_DIR / "VERSION.json").read_text(encoding="utf-8"))["tei"]


class Schema:
    """What every schema offers: prepared once with the run's documents, then a check per document."""

    name: str
    source: str  # how another process asks load_schema for the same schema: its name, or its file's path

    def prepare(self, documents: list[Document]) -> None:
        """Most schemas need nothing from the documents before checking them."""

    def names_to_prepare(self, files: list[Path]) -> frozenset[str]:
        """The element names to prepare for, found before the run parses anything (see markup_names_in)."""
        return frozenset()

    def prepare_names(self, names: frozenset[str]) -> None:
        """Prepare for documents holding these elements (in every process that checks)."""

    def check(self, document: Document) -> list[Finding]:
        raise NotImplementedError

    def walk_needs(self, document: Document) -> tuple[frozenset[str], frozenset[str]]:
        """The tags and attributes `check` will ask of the document's walk (load.Document.walk)."""
        return frozenset(), frozenset()


@dataclass
class CompiledSchema(Schema):
    name: str
    validator: etree.XMLSchema | etree.RelaxNG | xmlschema.XMLSchemaBase
    source: str = ""
    # A flat RELAX NG grammar, read for the elements it expects where libxml2's message names none (called
    # when a message first needs it).
    expectations: Callable[[], Expectations | None] | None = None
    # The same grammar with any of its elements as a start (fragment_grammar), for the parts of a document
    # that libxml2 leaves unchecked (called when a document first has such parts).
    fragments: Callable[[], etree.RelaxNG | None] | None = None

    def check(self, document: Document) -> list[Finding]:
        if not isinstance(self.validator, etree._Validator):
            return [
                self._xmlschema_finding(document, error)
                for error in self.validator.iter_errors(document.tree)
            ]
        if self.validator.validate(document.tree):
            return []
        errors = located(document, self.validator.error_log)
        errors += self.unchecked_parts_errors(document, errors)
        # libxml2 says twice that a child comes where it may not, both at the child: "Did not expect element
        # reg there", then "Element line has extra content: reg". Once is said, as jing does.
        misplaced = {e for message, e, _ in errors if e is not None and UNEXPECTED_CHILD.fullmatch(message)}
        # An xml:id used twice is said by the loader (id-unique), with the id; libxml2 says it again.
        findings = [
            self._libxml2_finding(document, message, element, entry)
            for message, element, entry in errors
            if not (element in misplaced and EXTRA_CONTENT.match(message))
            and not (element is not None and INVALID_ID.match(message) and repeats_id(element, document))
        ]
        # libxml2 may refuse a document without saying why (a grammar whose start is notAllowed): the verdict
        # stands all the same, at the root. An xml:id used twice is such a reason, which the loader gave.
        if findings or document.repeated_ids:
            return findings
        message = f"the document is not valid against {self.name}, and the validator gave no reason"
        return [document.finding(document.root, ERROR, "schema", message)]

    def unchecked_parts_errors(self, document: Document, errors: list[LocatedError]) -> list[LocatedError]:
        """libxml2 stops checking an element's content at its first misplaced child: neither that child's
        content nor the children after it are checked. jing goes on: it says which of the later children may
        not come there either, and checks each child's content. So does this, once per parent: the children
        by their names, against the content model (teitools.expected); their content, each child on its own
        against the grammar with any element as its start; and so on for what those checks find."""
        misplaced = [e for e in errors if e[1] is not None and UNEXPECTED_CHILD.fullmatch(e[0])]
        fragments = self.fragments() if misplaced and self.fragments else None
        if fragments is None:
            return []
        found: list[LocatedError] = []
        said = {(element, message) for message, element, _ in errors}
        said_lacking = {element for message, element, _ in errors if message == MISSING_CHILD}
        parents_done: set[etree._Element] = set()
        said_of_names: SaidOfNames = {}
        while misplaced:
            _, child, entry = misplaced.pop(0)
            parent = child.getparent()
            if parent is None or parent in parents_done:
                continue
            parents_done.add(parent)
            new = self.misplaced_after(parent, child, entry, said_of_names)
            for part in [child, *child.itersiblings(etree.Element)]:
                if not fragments.validate(part):  # where the part itself stands is its parent's to say
                    inside = located(document, fragments.error_log, part)
                    new += [e for e in inside if not (e[1] is part and UNEXPECTED_CHILD.fullmatch(e[0]))]
            new = [
                e
                for e in new
                if (e[1], e[0]) not in said and not (e[1] in said_lacking and says_lacking(e[0]))
            ]
            said |= {(element, message) for message, element, _ in new}
            found += new
            misplaced += [e for e in new if e[1] is not None and UNEXPECTED_CHILD.fullmatch(e[0])]
        return found

    def misplaced_after(
        self,
        parent: etree._Element,
        first: etree._Element,
        entry: etree._LogEntry,
        said_of_names: SaidOfNames,
    ) -> list[LocatedError]:
        """The children after a misplaced one that may not come there either, and a required child that never
        came, as jing says them (misplaced_names). said_of_names: what was said of the same names before in
        the document (an editor's slip repeated through it, 300 times in one of the corpus's files)."""
        children = list(parent.iterchildren(etree.Element))
        if len(children) > MOST_CHILDREN:
            return []
        key = (parent.tag, tuple(child.tag for child in children), children.index(first))
        if key not in said_of_names:
            said_of_names[key] = self.misplaced_names(*key)
        return [
            (message, parent if at is None else children[at], entry) for at, message in said_of_names[key]
        ]

    def misplaced_names(
        self, parent: str, children: tuple[str, ...], place: int
    ) -> tuple[tuple[int | None, str], ...]:
        """What misplaced_after says, by the names alone: the place of each child after the misplaced one
        (at `place`) that may not come there either, with the message, and None for the parent with the
        required child that never came. Each child is matched by its name where the children before it have
        led, a misplaced one read as jing reads it (Expectations.past_misplaced)."""
        expectations = self.expectations() if self.expectations else None
        left = expectations.model(parent) if expectations else None
        if expectations is None or left is None:
            return ()
        for child in children[:place]:
            left = expectations.derivative(left, child)
        if left == NOT_ALLOWED:  # the names alone disagree with libxml2: nothing more is said
            return ()
        left = expectations.past_misplaced(left, children[place])
        found: list[tuple[int | None, str]] = []
        for at in range(place + 1, len(children)):
            after = expectations.derivative(left, children[at])
            if after == NOT_ALLOWED:
                found.append((at, unexpected(children[at], expectations, expectations.next_names(left))))
                after = expectations.past_misplaced(left, children[at])
            left = after
        if not expectations.nullable(left):
            found.append((None, lacking(parent, expectations.next_names(left))))
        return tuple(found)

    def _libxml2_finding(
        self, document: Document, message: str, element: etree._Element | None, entry: etree._LogEntry
    ) -> Finding:
        if element is not None:
            message = self.completed(message, element)
            attribute = ATTRIBUTE_IN_MESSAGE.search(message)
            named = next(filter(None, attribute.groups()), "") if attribute else ""
            if named and message.startswith("Invalid attribute"):
                message = self.attribute_message(message, element, named)
            at_end = bool(INCOMPLETE.match(message))
            return document.finding(element, ERROR, "schema", message, named, at_end=at_end)
        return Finding(document.label, max(entry.line, 1), max(entry.column, 1), ERROR, "schema", message)

    def attribute_message(self, message: str, element: etree._Element, named: str) -> str:
        """libxml2 says "Invalid attribute X for element E" of an attribute E may not carry and of a value
        the attribute may not take alike: which of the two, as jing does, with the value."""
        local_name = named.removeprefix("xml:")  # libxml2 names xml:lang "lang"
        clark = next((name for name in element.attrib if etree.QName(name).localname == local_name), None)
        if clark is None:
            return message
        shown = written_name(element, clark)
        on = f"element {etree.QName(element).localname}"
        expectations = self.expectations() if self.expectations else None
        allowed = expectations.attributes(element.tag) if expectations else None
        if allowed is not None and clark not in allowed:
            return f"attribute {shown} is not allowed on {on}"
        message = f'invalid value "{element.get(clark)}" of attribute {shown} on {on}'
        kinds = expectations.attribute_values(element.tag, clark) if expectations else []
        alternatives = ", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
        return f"{message}: expecting {alternatives}" if kinds else message

    def completed(self, message: str, element: etree._Element) -> str:
        """libxml2's message, with the elements the grammar expects where it names none (as jing does). The
        grammar is read only for such a message: a missing child (at the parent) or a misplaced one."""
        missing = message == MISSING_CHILD
        parent = element if missing else element.getparent()
        asks = missing or UNEXPECTED_CHILD.fullmatch(message)
        if parent is None or not asks:
            return message
        expectations = self.expectations() if self.expectations else None
        if missing:
            children = list(element.iterchildren(etree.Element))
            return lacking(element.tag, expectations.after(parent, children) if expectations else ())
        if expectations is None:
            return message
        before = list(element.itersiblings(etree.Element, preceding=True))[::-1]
        return unexpected(element.tag, expectations, expectations.after(parent, before))

    def _xmlschema_finding(self, document: Document, error: xmlschema.XMLSchemaValidationError) -> Finding:
        message = tidy(error.reason or str(error))
        element = error.elem if isinstance(error.elem, etree._Element) else document.root
        return document.finding(element, ERROR, "schema", message)


@dataclass
class TeiAll(Schema):
    """tei_all: its grammar, prepared for the documents of the run, and its Schematron."""

    name: str = TEI_ALL
    source: str = TEI_ALL
    present: set[str] = field(default_factory=set)
    prepared_for: frozenset[str] | None = None  # the names last asked for: asked again per document
    grammar: CompiledSchema | None = None
    schematron: Schematron | None = None

    def prepare(self, documents: list[Document]) -> None:
        names = frozenset().union(*(markup_names(document.tree) for document in documents))
        self.prepare_names(names, force=True)

    def names_to_prepare(self, files: list[Path]) -> frozenset[str]:
        return frozenset().union(*(markup_names_in(read_or_empty(file)) for file in files))

    def prepare_names(self, names: frozenset[str], force: bool = False) -> None:
        # Asked once per document with the run's one set: a subset test of hundreds of names is not free.
        ready = self.grammar is not None and (names is self.prepared_for or names <= self.present)
        self.prepared_for = names
        if ready and not force:
            return
        self.present |= names
        prepared = prepared_grammar(self.present)
        relaxng = etree.RelaxNG(etree.fromstring(prepared, safe_parser()))
        # Kept as bytes, parsed again only for a document with unchecked parts: the tree takes 3 MB a process.
        fragments = cache(partial(fragment_grammar, prepared))
        self.grammar = CompiledSchema(
            TEI_ALL_RNG.name, relaxng, expectations=tei_all_expectations, fragments=fragments
        )
        known = readable_expressions()
        self.schematron = Schematron(TEI_ALL_SCHEMATRON, self.present, known)
        if self.schematron.readable - known:
            store_readable_expressions(self.schematron.readable)

    def check(self, document: Document) -> list[Finding]:
        # The grammar is right only for the names it was prepared for, which were read from the files' bytes:
        # a tree that holds more than its bytes spell (entities, XIncludes) may need it prepared again.
        if (
            self.grammar is None
            or self.schematron is None
            or (document.expanded and markup_names(document.tree) - self.present)
        ):
            self.prepare([document])
        return self.grammar.check(document) + self.schematron.check(document)

    def walk_needs(self, document: Document) -> tuple[frozenset[str], frozenset[str]]:
        collect = self.schematron.collect if self.schematron else None
        return (collect.names, collect.attributes) if collect else super().walk_needs(document)


@dataclass
class AutoSchema(Schema):
    """Per document: the schema it declares (its bundled copy: the project schema or tei_all; else tei_all
    with a warning), and tei_all for a document that declares none."""

    name: str = AUTO
    source: str = AUTO
    project: Schema = field(default_factory=lambda: load_schema(PROJECT_SCHEMA))
    tei_all: TeiAll = field(default_factory=TeiAll)

    def prepare(self, documents: list[Document]) -> None:
        others = [document for document in documents if not self.declares_project(document)]
        if others:
            self.tei_all.prepare(others)

    def names_to_prepare(self, files: list[Path]) -> frozenset[str]:
        others = [file for file in files if not declares_project_schema(file)]
        return self.tei_all.names_to_prepare(others) if others else frozenset()

    def prepare_names(self, names: frozenset[str]) -> None:
        if names:
            self.tei_all.prepare_names(names)

    def walk_needs(self, document: Document) -> tuple[frozenset[str], frozenset[str]]:
        return (self.project if self.declares_project(document) else self.tei_all).walk_needs(document)

    @staticmethod
    def declares_project(document: Document) -> bool:
        return names_project(declarations(document))

    def check(self, document: Document) -> list[Finding]:
        declared_here = declarations(document)
        if names_project(declared_here):
            return self.project.check(document)
        findings = []
        for declared in declared_here:
            if not TEI_ALL_ADDRESS.match(declared.href):
                message = (
                    f'the declared schema "{declared.href}" is not bundled with teitools, which fetches '
                    f"nothing: the document is checked against tei_all (TEI P5 {tei_all_version()}) instead"
                )
                place = (document.label, declared.line, declared.column)
                findings.append(Finding(*place, WARNING, "schema-declared", message))
        return findings + self.tei_all.check(document)


def declares_project_in(head: bytes) -> bool:
    """Whether a file's first bytes declare the project schema in <?xml-model?>, as the edition does (a file
    that declares it otherwise has its names read for tei_all too, which only prepares more than needed)."""
    addresses = DECLARED_ADDRESS.findall(ascii_compatible(head))
    return any(PROJECT_SCHEMA_ADDRESS.match(href.decode("utf-8", "replace").strip()) for href in addresses)


def declares_project_schema(path: Path) -> bool:
    return declares_project_in(read_or_empty(path, HEAD_BYTES))


def names_project(declared: list[Declaration]) -> bool:
    return any(PROJECT_SCHEMA_ADDRESS.match(declaration.href) for declaration in declared)


class Declaration(NamedTuple):
    href: str
    line: int
    column: int


def declarations(document: Document) -> list[Declaration]:
    """The schemas a document declares: in <?xml-model?> before its root element, and as an XSD processor
    reads them, in the root's xsi:schemaLocation (namespace and address pairs; Schnitzler's letters) or
    xsi:noNamespaceSchemaLocation."""
    declared = [
        Declaration((node.get("href") or "").strip(), node.sourceline or 1, 1)
        for node in reversed(list(document.root.itersiblings(preceding=True)))
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model" and node.get("href")
    ]
    root = document.root
    prefix = next((p for p, uri in root.nsmap.items() if uri == XSI and p), "xsi")
    for name, pairs in (("schemaLocation", True), ("noNamespaceSchemaLocation", False)):
        addresses = (root.get(f"{{{XSI}}}{name}") or "").split()
        line, column = document.position(root, f"{prefix}:{name}") if addresses else (1, 1)
        hrefs = addresses[1::2] if pairs else addresses[:1]
        declared += [Declaration(href, line, column) for href in hrefs]
    return declared


# Markup names as a file's bytes spell them, without parsing it: start tags with the names of their
# attributes, and namespace declarations. A start tag is matched as well-formed XML writes it; its attribute
# values hold no "<", so a match never reaches into the next tag. It over-counts (a tag inside a comment
# counts), which only keeps more of tei_all than needed; a name it misses (one an entity or an XInclude
# brings in) makes TeiAll.check prepare the grammar again. The quantifiers are possessive: nothing to
# backtrack into.
START_TAG = re.compile(
    rb"<([A-Za-z_][\w.\-]*+(?::[A-Za-z_][\w.\-]*+)?)"
    rb"((?:\s++[^\s=<>\"']++\s*+=\s*+(?:\"[^<\"]*+\"|'[^<']*+'))*+)\s*+/?>"
)
# Attribute names as tei_all spells them (ASCII): another is in no pattern the pruning could remove.
ATTRIBUTE = re.compile(rb"([\w.\-:]+)\s*=\s*(?:\"[^<\"]*\"|'[^<']*')")
NAMESPACE_DECLARATION = re.compile(rb"xmlns(?::([\w.\-]+))?\s*=\s*[\"']([^\"']*)[\"']")
HEAD_BYTES = 65536


def markup_names_in(raw: bytes) -> set[str]:
    """The element names (Clark notation) and attribute names a document's bytes may hold: each attribute
    as grammar.ATTRIBUTE_MARK and its local name, alone and after each element that carries it."""
    raw = ascii_compatible(raw)
    bound: dict[str, set[str]] = {}
    for prefix, uri in NAMESPACE_DECLARATION.findall(raw):
        bound.setdefault(prefix.decode(), set()).add(uri.decode())
    attributes_by_tag: dict[bytes, list[bytes]] = {}
    for tag, attributes in set(START_TAG.findall(raw)):
        attributes_by_tag.setdefault(tag, []).append(attributes)
    names = set()
    for tag, attributes in attributes_by_tag.items():
        prefix, _, local = tag.decode().rpartition(":")
        elements = [f"{{{uri}}}{local}" if uri else local for uri in bound.get(prefix) or {""}]
        carried = {name.decode().rpartition(":")[2] for name in ATTRIBUTE.findall(b" ".join(attributes))}
        names.update(elements, marked(carried, elements))
    return names


# How XML in UTF-16 begins (a byte order mark, or "<" in two bytes): its markup is not ASCII bytes, so it is
# read as text first. Every other encoding libxml2 reads writes markup in ASCII.
WIDE_ENCODINGS = (
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\0", "utf-16-le"),
    (b"\0<", "utf-16-be"),
)


def ascii_compatible(raw: bytes) -> bytes:
    """The bytes with their markup in ASCII: a file in UTF-16 as UTF-8, any other as it is."""
    for start, encoding in WIDE_ENCODINGS:
        if raw.startswith(start):
            return raw.decode(encoding, errors="replace").encode("utf-8")
    return raw


def markup_names(tree: etree._ElementTree) -> set[str]:
    """The element and attribute names a tree holds, named as markup_names_in names them."""
    names = set()
    for element in tree.iter(etree.Element):
        names.add(element.tag)
        names.update(marked({name.rpartition("}")[2] for name in element.attrib}, [element.tag]))
    return names


def marked(attributes: set[str], elements: list[str]) -> set[str]:
    """Attribute names as `present` names them (grammar.ATTRIBUTE_MARK): alone, and after each element."""
    alone = {grammar.ATTRIBUTE_MARK + name for name in attributes}
    return alone | {element + name for element in elements for name in alone}


def read_or_empty(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(limit)
    except OSError:
        return b""


def written_name(element: etree._Element, clark: str) -> str:
    """An attribute's name as the document writes it (xml:lang, f:revType): libxml2 names it without its
    prefix, which points at another attribute (revType) or none."""
    name = etree.QName(clark)
    if name.namespace is None:
        return name.localname
    if name.namespace == XML_NS:
        return f"xml:{name.localname}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == name.namespace and p), None)
    return f"{prefix}:{name.localname}" if prefix else clark


def unexpected(name: str, expectations: Expectations, expected: tuple[str, ...]) -> str:
    """A child (its Clark name) that may not come where it stands, as jing says it: what may come there
    instead, and, for a name the schema has nowhere (jing: "not allowed anywhere"), the closest one it has."""
    message = f"Did not expect element {etree.QName(name).localname} there"
    if unknown := expectations.unknown_name(name):
        message += f" ({unknown})"
    return f"{message}: expecting {listed(expected)}" if expected and name not in expected else message


def says_lacking(message: str) -> bool:
    """Whether a message says that an element lacks a required child: libxml2's, or as completed (lacking)."""
    return message == MISSING_CHILD or bool(INCOMPLETE.match(message))


def lacking(name: str, expected: tuple[str, ...]) -> str:
    """An element (its Clark name) that ends before a child it requires, as jing says it (libxml2: "Expecting
    an element , got nothing"), with the children that may come there, where the grammar says."""
    missing = f"missing required element {listed(expected)}" if expected else "missing a required element"
    return f"element {etree.QName(name).localname} incomplete; {missing}"


def repeats_id(element: etree._Element, document: Document) -> bool:
    """Whether the element's xml:id is one the document uses twice (said by the loader: id-unique)."""
    return element.get(XML_ID) in document.repeated_ids


# libxml2's message, the element it is about (None when its path names none), and libxml2's entry.
LocatedError = tuple[str, "etree._Element | None", etree._LogEntry]
# What misplaced_names says, by the parent's name, its children's names and the misplaced one's place.
SaidOfNames = dict[tuple[str, tuple[str, ...], int], tuple[tuple[int | None, str], ...]]


def located(
    document: Document, log: etree._ListErrorLog, part: etree._Element | None = None
) -> list[LocatedError]:
    """libxml2's errors with the elements they are about; part: the element validated as a whole document."""
    return [(tidy(entry.message), element_at(document, entry.path, part), entry) for entry in log]


def element_at(
    document: Document, path: str | None, part: etree._Element | None = None
) -> etree._Element | None:
    """The element a libxml2 error path names; None when the path cannot be evaluated here. part: the
    element libxml2 validated as if it were the document, which the path's first step names."""
    if not path:
        return None
    context: etree._Element | etree._ElementTree = document.tree
    if part is not None:
        context, path = part, "/".join(path.split("/")[2:]) or "."
    namespaces = {prefix: uri for prefix, uri in document.root.nsmap.items() if prefix}
    try:
        nodes = context.xpath(path, namespaces=namespaces)
    except etree.XPathError:
        return None
    return nodes[0] if nodes and isinstance(nodes[0], etree._Element) else None


def fragment_grammar(source: etree._Element | bytes) -> etree.RelaxNG | None:
    """A flat RELAX NG grammar (grammar.Grammar.usable) whose start is any of the elements it defines, one
    element to a definition as tei_all writes them; None for any other grammar."""
    source = etree.fromstring(source, safe_parser()) if isinstance(source, bytes) else deepcopy(source)
    if not grammar.Grammar.usable(source):
        return None
    defines = source.iterfind(grammar.rng("define"))
    elements = [d.get("name") for d in defines if len(d) == 1 and d[0].tag == grammar.rng("element")]
    start = source.find(grammar.rng("start"))
    start[:] = [etree.Element(grammar.rng("choice"))]
    start[0].extend(etree.Element(grammar.rng("ref"), name=name) for name in elements)
    try:
        return etree.RelaxNG(source) if elements else None
    except etree.RelaxNGParseError:
        return None


def tidy(message: str) -> str:
    """Messages name elements as in the document (tei:p becomes p), not in Clark notation."""
    return NAMESPACE_IN_MESSAGE.sub("", message).strip()


def prepared_grammar(present: set[str]) -> bytes:
    """tei_all prepared for the elements present; from the user's cache when these inputs were seen before.
    A cache that cannot be read or written only costs the preparation (well under a second)."""
    source = TEI_ALL_RNG.read_bytes()
    key = hashlib.sha256(source)
    key.update(Path(grammar.__file__).read_bytes())
    key.update("\n".join(sorted(present)).encode())
    cached = cache_dir() / f"tei_all-{key.hexdigest()[:32]}.rng"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    prepared = grammar.prepare(source, present)
    with contextlib.suppress(OSError):
        store(cached, prepared)
    return prepared


@cache
def tei_all_expectations() -> Expectations | None:
    """tei_all whole, not as prepared for the run: a message lists all that tei_all allows, as jing's does."""
    return Expectations.of(etree.fromstring(TEI_ALL_RNG.read_bytes(), safe_parser()))


def readable_path() -> Path | None:
    """Where the expressions of tei_all's Schematron that elementpath reads are kept: by the Schematron's
    bytes and elementpath's release (another may read them otherwise); None without a release to go by."""
    from importlib import metadata  # 10 ms to import: only a run against tei_all needs it

    try:
        release = metadata.version("elementpath")
    except metadata.PackageNotFoundError:
        return None
    key = hashlib.sha256(TEI_ALL_SCHEMATRON.read_bytes() + release.encode()).hexdigest()[:32]
    return cache_dir() / f"readable-{key}.json"


def readable_expressions() -> frozenset[str]:
    """The expressions of tei_all's Schematron an earlier run found elementpath reads (none if unknown)."""
    path = readable_path()
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8"))) if path else frozenset()
    except (OSError, ValueError, TypeError):
        return frozenset()


def store_readable_expressions(expressions: set[str]) -> None:
    path = readable_path()
    if path:
        with contextlib.suppress(OSError):
            store(path, json.dumps(sorted(expressions)).encode())


def cache_dir() -> Path:
    base = os.environ.get(CACHE_ENVIRONMENT) or str(Path.home() / ".cache")
    return Path(base) / "teitools"


def store(path: Path, content: bytes, kept: int = CACHED_GRAMMARS_KEPT) -> None:
    """Write atomically, and keep the `kept` most recently used entries of the kind (tei_all-*.rng...)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as temporary:
        temporary.write(content)
    os.replace(temporary.name, path)
    kind = f"{path.name.partition('-')[0]}-*{path.suffix}"
    entries = sorted(path.parent.glob(kind), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[kept:]:
        old.unlink(missing_ok=True)


def file_identity(file: Path) -> list[int] | None:
    """A file as the system sees it: device, inode, size and the times of its last change. The change time
    (ctime) moves with every write and no tool can set it back, so a file rewritten since is read again."""
    try:
        seen = file.stat()
    except OSError:
        return None
    return [seen.st_dev, seen.st_ino, seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns]


@dataclass
class NamesRecord:
    """The names read from a folder's files by the runs before, and each file as it was when read (in the
    user's cache). A run reads only the files added or rewritten since, and their names join the others. The
    names may then hold some that no file holds any more: the grammar keeps a few elements no document uses,
    and says the same of every document (it allows what tei_all allows of each name it keeps)."""

    path: Path
    files: dict[str, list[int]]  # by absolute path
    names: frozenset[str]

    @classmethod
    def of(cls, schema: str, files: list[Path]) -> NamesRecord:
        """The record of runs over the folder that holds these files, with this schema and this code."""
        key = hashlib.sha256(f"{schema}\n".encode())
        key.update(Path(__file__).read_bytes())
        key.update(Path(grammar.__file__).read_bytes())
        key.update(os.path.commonpath([os.path.abspath(file.parent) for file in files] or ["/"]).encode())
        path = cache_dir() / f"names-{key.hexdigest()[:32]}.json"
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, dict(kept["files"]), frozenset(kept["names"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path, {}, frozenset())

    def unread(self, files: list[Path]) -> dict[Path, list[int] | None]:
        """The files whose names the record lacks (new, or changed since), each as the system sees it now."""
        now = {file: file_identity(file) for file in files}
        return {
            file: seen
            for file, seen in now.items()
            if seen is None or self.files.get(os.path.abspath(file)) != seen
        }

    def update(self, files: list[Path], read: dict[Path, list[int] | None], names: frozenset[str]) -> None:
        """Keep the run's files (those read now as they were before they were read) and the names read."""
        identities = {os.path.abspath(file): self.files.get(os.path.abspath(file)) for file in files}
        identities |= {os.path.abspath(file): seen for file, seen in read.items()}
        self.files = {file: seen for file, seen in identities.items() if seen is not None}
        self.names |= names
        with contextlib.suppress(OSError):
            store(self.path, json.dumps({"files": self.files, "names": sorted(self.names)}).encode())


def schema_path(name_or_path: str) -> Path:
    return SCHEMA_DIR / "teitools.xsd" if name_or_path == PROJECT_SCHEMA else Path(name_or_path)


def load_schema(name_or_path: str) -> Schema:
    """The schema by name (teitools, tei_all, auto) or path, compiled once per process (and per version of
    its file) for all the documents that process checks."""
    if name_or_path in (TEI_ALL, AUTO):
        return named_schema(name_or_path)
    path = schema_path(name_or_path)
    if not path.is_file():
        raise UsageError(f"{path}: schema not found")
    return compile_schema(path.resolve(), path.stat().st_mtime_ns)


@cache
def named_schema(name: str) -> Schema:
    return TeiAll() if name == TEI_ALL else AutoSchema()


@cache
def compile_schema(path: Path, _modified: int) -> Schema:
    try:
        tree = etree.parse(str(path), safe_parser())
    except etree.XMLSyntaxError as error:
        raise UsageError(f"{path}: schema is not well-formed XML: {error.msg}") from error
    if path.suffix == ".rng":
        try:
            expectations = cache(partial(Expectations.of, tree.getroot()))
            fragments = cache(partial(fragment_grammar, tree.getroot()))
            return CompiledSchema(path.name, etree.RelaxNG(tree), str(path), expectations, fragments)
        except etree.RelaxNGParseError as error:
            raise UsageError(f"{path}: not a usable RELAX NG schema: {error}") from error
    if path.suffix == ".xsd":
        try:
            return CompiledSchema(path.name, etree.XMLSchema(tree), str(path))
        except etree.XMLSchemaParseError:
            return CompiledSchema(path.name, xmlschema_validator(path), str(path))
    raise UsageError(f"{path}: unknown schema type: give an .xsd (W3C XML Schema) or .rng (RELAX NG) file")


def xmlschema_validator(path: Path) -> xmlschema.XMLSchemaBase:
    import xmlschema

    try:
        return xmlschema.XMLSchema11(str(path))
    except (xmlschema.XMLSchemaException, OSError) as error:
        raise UsageError(f"{path}: not a usable XML Schema: {error}") from error
