"""What one document contributes to the work across documents, gathered in one pass over it.

The cross-file rules and the renderer's links read these facts, never the documents: once its facts are taken,
a document can be dropped. Pointers are resolved here, and only here (`resolve_pointer`).
"""

import functools
import os
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree

from teitools.findings import Finding
from teitools.load import TEI_NS, XML_ID, Document

T = f"{{{TEI_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XINCLUDE = "{http://www.w3.org/2001/XInclude}include"
POINTER_ATTRIBUTES = ("ref", "who", "target", "corresp", "source", "resp")
AUTHORITY_ENTRIES = ("person", "place", "org", "bibl", "event")
AUTHORITY_LISTS = ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent")
# The elements the rules read, gathered in one pass over each document rather than one pass per rule.
GATHERED_NAMES = ("date", "note", "choice", "idno", "correspAction", *AUTHORITY_ENTRIES)
GATHERED = frozenset((*(T + name for name in GATHERED_NAMES), XINCLUDE))
POINTER_NAMES = frozenset(POINTER_ATTRIBUTES)
WALKED_ATTRIBUTES = POINTER_NAMES | {XML_ID}  # what the facts ask of the document's walk
ID_XPATH = etree.XPath("//@xml:id")
POINTER_XPATH = etree.XPath("|".join(f"//*/@{name}" for name in POINTER_ATTRIBUTES))
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Lists of names travel as one string each: a few bytes per id instead of a Python object per id.
SEPARATOR = "\n"


class Target(NamedTuple):
    file: str  # the absolute, normalised path of the file pointed into
    fragment: str  # the xml:id pointed to, or "" for the whole file


class UnlessIncluded(NamedTuple):
    """A finding about a file that holds unless a document of the run includes that file (XInclude), and has
    the xml:id where one is named. The parts of a corpus (ParlaMint's sittings) point to the people and terms
    that their corpus root brings in, and its lists of them are parts, not documents. Judged in the reduce
    (teitools.rules.held_findings), once it is known which document includes which file."""

    key: str  # the file's resolved path (Document.key)
    finding: Finding
    xml_id: str = ""


@dataclass(frozen=True)
class DocumentFacts:
    """The compact facts of one document: strings and small mappings, picklable, no tree."""

    key: str  # the resolved path: the document's identity between files
    label: str  # how messages name the file
    ids: str  # its xml:ids, in document order, joined by SEPARATOR
    links: dict[str, Target]  # each distinct pointer value that leads into another file inside the input tree
    outside: tuple[str, ...]  # pointer values that lead into a file outside the input tree: never read
    unreferenced_entries: str  # ids of authority entries in lists that the document itself never points to
    has_xinclude: bool

    def id_set(self) -> frozenset[str]:
        return frozenset(self.ids.split(SEPARATOR)) if self.ids else frozenset()

    def id_list(self) -> list[str]:
        return self.ids.split(SEPARATOR) if self.ids else []

    def entry_ids(self) -> list[str]:
        return self.unreferenced_entries.split(SEPARATOR) if self.unreferenced_entries else []

    def linked_files(self) -> set[str]:
        return {target.file for target in self.links.values()}


@dataclass
class Gathered:
    """A document with the elements and pointers the rules read, found in one pass. Lives in the map only."""

    document: Document
    elements: dict[str, list[etree._Element]]
    ids: dict[str, etree._Element]
    targets: dict[str, Target]  # every distinct pointer value that leads into a document

    def of(self, tag: str) -> list[etree._Element]:
        return self.elements.get(tag, [])

    @property
    def has_xinclude(self) -> bool:
        return bool(self.of(XINCLUDE))

    def facts(self) -> DocumentFacts:
        document = self.document
        key = document.key
        local = {target.fragment for target in self.targets.values() if target.file == key}
        other = {value: target for value, target in self.targets.items() if target.file != key}
        outside = {value for value, target in other.items() if not document.inside_tree(target.file)}
        entries = [
            xml_id
            for element in authority_entries(self)
            if (xml_id := element.get(XML_ID)) and xml_id not in local
        ]
        return DocumentFacts(
            key=key,
            label=document.label,
            ids=SEPARATOR.join(self.ids),
            links={value: target for value, target in other.items() if value not in outside},
            outside=tuple(sorted(outside)),
            unreferenced_entries=SEPARATOR.join(entries),
            has_xinclude=self.has_xinclude,
        )


def gather(document: Document) -> Gathered:
    found, ids, values = read_tree(document)
    return Gathered(document, found, ids, targets_of(document, values))


def read_tree(document: Document) -> tuple[dict[str, list[etree._Element]], dict[str, etree._Element], set]:
    """From the document's one walk (the costliest part of the facts): the gathered elements by tag, the
    elements by xml:id, and the distinct pointer values (a value holds several, space-separated)."""
    walk = document.walk(GATHERED, WALKED_ATTRIBUTES)
    ids = {value: element for element, value in walk.carrying.get(XML_ID, ())}
    values: set[str] = set()
    for name in POINTER_NAMES:
        for _, value in walk.carrying.get(name, ()):
            values.update(value.split())
    return walk.elements, ids, values


def authority_entries(gathered: Gathered) -> Iterator[etree._Element]:
    """Entries of authority lists (person in listPerson...) that carry an xml:id, in document order."""
    for name in AUTHORITY_ENTRIES:
        for entry in gathered.of(T + name):
            parent = entry.getparent()
            if entry.get(XML_ID) and parent is not None and parent.tag.rpartition("}")[2] in AUTHORITY_LISTS:
                yield entry


def index_ids(tree: etree._ElementTree) -> dict[str, etree._Element]:
    return {str(xml_id): xml_id.getparent() for xml_id in ID_XPATH(tree)}


def pointer_targets(document: Document) -> dict[str, Target]:
    """Each distinct pointer value of a document that leads into a document, and where it leads."""
    return targets_of(document, read_tree(document)[2])


def targets_of(document: Document, values: set[str]) -> dict[str, Target]:
    return {value: target for value in values if (target := resolve_pointer(document, value))}


def through_parts(
    targets: dict[str, Target], key: str, ids: Container[str], parts: dict[str, Container[str]]
) -> dict[str, Target]:
    """The targets of a document (key, with these ids) that another includes: a pointer into it ("#P1") that
    finds no id there leads to the part of its including document that holds the id (parts: their ids by
    file, in order; xinclude.Inclusions.parts_around), as it does in the document that includes it."""
    led = dict(targets)
    for value, target in targets.items():
        if target.file == key and target.fragment and target.fragment not in ids:
            holder = next((file for file, held in parts.items() if target.fragment in held), None)
            if holder is not None:
                led[value] = Target(holder, target.fragment)
    return led


def resolve_pointer(document: Document, value: str) -> Target | None:
    """Where a pointer of a document leads: "#id", "file.xml#id" or "file.xml". Absolute URIs, prefixed
    values and bare keys (corresp="karte", which many projects use as codes) lead into no document."""
    parts = pointer_parts(value)
    if parts is None:
        return None
    file_part, fragment = parts
    return Target(normalised_path(document.folder, file_part) if file_part else document.key, fragment)


@functools.lru_cache(maxsize=65536)
def normalised_path(folder: str, file_part: str) -> str:
    # Lexical normalisation, not resolve(): a system call per pointer is too slow on a corpus.
    return os.path.normpath(os.path.join(folder, file_part))


@functools.lru_cache(maxsize=65536)
def pointer_parts(value: str) -> tuple[str, str] | None:
    """(file part, fragment) of a pointer into a document; None for anything else. Values recur: cached."""
    file_part, _, fragment = value.partition("#")
    if URI_SCHEME.match(value) or (not fragment and not file_part.endswith(".xml")):
        return None
    return unquote(file_part), unquote(fragment)


def occurrences(document: Document, value: str) -> Iterator[etree._ElementUnicodeResult]:
    """The attributes of a document that hold a pointer value (looked up again only to report it)."""
    return (attribute for attribute in POINTER_XPATH(document.tree) if value in attribute.split())
