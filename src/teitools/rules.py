"""The edition rules that a schema cannot express, each a named function with an id.

A rule receives the Corpus (every document of the run, with its ids and pointers indexed once) and yields
Findings. RULES lists them; schema/README.md documents them.
"""

import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree

from teitools.findings import ERROR, WARNING, Finding
from teitools.load import TEI_NS, Document, load

T = f"{{{TEI_NS}}}"
NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XINCLUDE = "{http://www.w3.org/2001/XInclude}include"
POINTER_ATTRIBUTES = ("ref", "who", "target", "corresp", "source", "resp")
AUTHORITY_ENTRIES = ("person", "place", "org", "bibl", "event")
AUTHORITY_LISTS = ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent")
ID_FORMATS = {"wikidata": re.compile(r"Q[1-9][0-9]*"), "viaf": re.compile(r"[1-9][0-9]*")}
# Within a choice, a reading that needs its counterpart: a source error needs its correction, and so on.
NEEDED_READING = {"sic": "corr", "corr": "sic", "abbr": "expan"}
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
MONTH = "(?:" + "|".join(MONTHS) + ")"
# A full date as a text states it: "January 9, 1926", "9 January 1926" or "1926-01-09".
FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b",
    re.I,
)


class Target(NamedTuple):
    file: str  # the absolute, normalised path of the file pointed into
    fragment: str  # the xml:id pointed to, or "" for the whole file


@dataclass
class Corpus:
    """All documents of one run, with their ids and the distinct pointer values each one holds."""

    documents: list[Document]
    ids: dict[str, dict[str, etree._Element]] = field(default_factory=dict)
    targets: dict[str, dict[str, Target]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    gathered: dict[str, dict[str, list[etree._Element]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for document in self.documents:
            self.ids[document.key] = index_ids(document.tree)
            self.targets[document.key] = pointer_targets(document)
            self.gathered[document.key] = gather(document)

    def elements(self, document: Document, tag: str) -> list[etree._Element]:
        """The document's elements of one tag (among GATHERED), in document order."""
        return self.gathered[document.key].get(tag, [])

    def ids_of(self, path: str) -> dict[str, etree._Element] | None:
        """The ids of a file, loading files outside the run on first use (None if it cannot be read)."""
        if path not in self.ids and path not in self.unreadable:
            loaded = load(Path(path)) if Path(path).is_file() else None
            if isinstance(loaded, Document):
                self.ids[path] = index_ids(loaded.tree)
            else:
                self.unreadable.add(path)
        return self.ids.get(path)

    def all_targets(self) -> set[Target]:
        return {target for targets in self.targets.values() for target in targets.values()}

    def editions(self) -> list[list[Document]]:
        """Documents grouped into editions: files joined by pointers between them belong together."""
        parent = {d.key: d.key for d in self.documents}

        def find(path: str) -> str:
            while parent[path] != path:
                path = parent[path]
            return path

        for source, targets in self.targets.items():
            for target_file in {target.file for target in targets.values()}:
                if target_file in parent:
                    parent[find(source)] = find(target_file)
        groups: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            groups[find(document.key)].append(document)
        return list(groups.values())


# The elements the rules read, gathered in one pass over each document rather than one pass per rule.
GATHERED = (
    *(T + name for name in ("date", "note", "choice", "idno", "correspAction", *AUTHORITY_ENTRIES)),
    XINCLUDE,
)


def gather(document: Document) -> dict[str, list[etree._Element]]:
    found: dict[str, list[etree._Element]] = defaultdict(list)
    for element in document.root.iter(*GATHERED):
        found[element.tag].append(element)
    return found


ID_XPATH = etree.XPath("//@xml:id")


def index_ids(tree: etree._ElementTree) -> dict[str, etree._Element]:
    return {str(xml_id): xml_id.getparent() for xml_id in ID_XPATH(tree)}


POINTER_XPATH = etree.XPath("|".join(f"//*/@{name}" for name in POINTER_ATTRIBUTES))
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def pointer_targets(document: Document) -> dict[str, Target]:
    """Each distinct pointer value of a document that leads into a document, and where it leads."""
    values: set[str] = set()
    for attribute in POINTER_XPATH(document.tree):
        values.update(attribute.split())
    return {value: target for value in values if (target := resolve_pointer(document, value))}


def resolve_pointer(document: Document, value: str) -> Target | None:
    """Where a pointer of a document leads: "#id", "file.xml#id" or "file.xml". Absolute URIs, prefixed
    values and bare keys (corresp="karte", which many projects use as codes) lead into no document."""
    parts = pointer_parts(value)
    if parts is None:
        return None
    file_part, fragment = parts
    return Target(
        normalised_path(document.folder, file_part) if file_part else document.key, fragment
    )


@functools.lru_cache(maxsize=65536)
def normalised_path(folder: str, file_part: str) -> str:
    # Lexical normalisation, not resolve(): a system call per pointer is too slow on a corpus.
    return os.path.normpath(os.path.join(folder, file_part))


def occurrences(document: Document, value: str) -> Iterator[etree._ElementUnicodeResult]:
    """The attributes of a document that hold a pointer value (looked up again only to report it)."""
    return (attribute for attribute in POINTER_XPATH(document.tree) if value in attribute.split())


@functools.lru_cache(maxsize=65536)
def pointer_parts(value: str) -> tuple[str, str] | None:
    """(file part, fragment) of a pointer into a document; None for anything else. Values recur: cached."""
    file_part, _, fragment = value.partition("#")
    if URI_SCHEME.match(value) or (not fragment and not file_part.endswith(".xml")):
        return None
    return unquote(file_part), unquote(fragment)


# --- the rules ------------------------------------------------------------------------------------------


def has_xinclude(corpus: Corpus, document: Document) -> bool:
    return bool(corpus.elements(document, XINCLUDE))


def pointers_resolve(corpus: Corpus) -> Iterator[Finding]:
    for document in corpus.documents:
        for value, target in corpus.targets[document.key].items():
            ids = corpus.ids_of(target.file)
            severity = ERROR
            if ids is None:
                problem = "points into a missing or unusable file"
            elif target.fragment and target.fragment not in ids:
                problem = f'points to no xml:id "{target.fragment}"'
                if target.file == document.key and has_xinclude(corpus, document):
                    severity = WARNING
                    problem += " (it may be in a part this document includes with XInclude)"
            else:
                continue
            for attribute in occurrences(document, value):
                message = f'@{attribute.attrname}="{value}" {problem}'
                yield document.finding(
                    attribute.getparent(), severity, "ref-resolves", message, attribute.attrname
                )


def ids_unique(corpus: Corpus) -> Iterator[Finding]:
    """Ids unique across the files of one edition (the parser already refuses duplicates inside a file)."""
    for edition in corpus.editions():
        first_seen: dict[str, Document] = {}
        for document in edition:
            for xml_id, element in corpus.ids[document.key].items():
                if xml_id in first_seen:
                    where = first_seen[xml_id].label
                    message = f'xml:id "{xml_id}" is used already in {where}; ids must be unique'
                    yield document.finding(element, ERROR, "id-unique", message, "xml:id")
                else:
                    first_seen[xml_id] = document


def entries_used(corpus: Corpus) -> Iterator[Finding]:
    """Authority entries that nothing points to; judged only for files that other documents point into."""
    referred = corpus.all_targets()
    pointed_into = {
        t.file for key, targets in corpus.targets.items() for t in targets.values() if t.file != key
    }
    for document in corpus.documents:
        path = document.key
        if path not in pointed_into:
            continue
        for entry in (e for name in AUTHORITY_ENTRIES for e in corpus.elements(document, T + name)):
            xml_id = entry.get(XML_ID)
            in_list = etree.QName(entry.getparent()).localname in AUTHORITY_LISTS
            if xml_id and in_list and Target(path, xml_id) not in referred:
                message = f'{etree.QName(entry).localname} "{xml_id}" is not referred to by any document'
                yield document.finding(entry, WARNING, "entry-used", message, "xml:id")


def xincludes_noted(corpus: Corpus) -> Iterator[Finding]:
    for document in corpus.documents:
        for include in corpus.elements(document, XINCLUDE):
            message = (
                f'XInclude of "{include.get("href")}" is not resolved (teitools reads no other file and no '
                "network while checking): the schema sees the document without the included part"
            )
            yield document.finding(include, WARNING, "xinclude", message, "href")


def in_text(element: etree._Element) -> bool:
    return any(ancestor.tag == T + "text" for ancestor in element.iterancestors())


def notes_numbered(corpus: Corpus) -> Iterator[Finding]:
    """Numbered notes run 1..n in document order (they may start again at 1), with no gap or repeat."""
    for document in corpus.documents:
        previous = 0
        for note in corpus.elements(document, T + "note"):
            number = (note.get("n") or "").strip()
            if (
                not number.isdigit()
                or not in_text(note)
                or next(note.iterancestors(T + "note"), None) is not None
            ):
                continue
            current = int(number)
            if current == previous + 1 or current == 1:
                previous = current
                continue
            if previous == 0:
                message = f"the first numbered note is {current}, not 1"
            elif current <= previous:
                message = f"note {current} comes again after note {previous}"
            else:
                missing = (
                    f"note {previous + 1} is"
                    if current == previous + 2
                    else f"notes {previous + 1}-{current - 1} are"
                )
                message = f"note {current} follows note {previous}: {missing} missing"
            yield document.finding(note, ERROR, "note-numbering", message, "n")
            previous = current


def stated_date(text: str) -> date | None:
    """The full date a text states (month, day and year), if it states one."""
    match = FULL_DATE.search(text)
    if not match:
        return None
    year, month, day = (
        next(v for v in match.group(f"{part}1", f"{part}2", f"{part}3") if v) for part in "ymd"
    )
    try:
        return date(int(year), int(month) if month.isdigit() else MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def dates_agree(corpus: Corpus) -> Iterator[Finding]:
    for document in corpus.documents:
        for element in corpus.elements(document, T + "date"):
            when = element.get("when")
            stated = stated_date(" ".join("".join(element.itertext()).split()))
            if when and stated and when[:10] != stated.isoformat():
                message = f'the date\'s text says {stated.isoformat()} but @when is "{when}"'
                yield document.finding(element, ERROR, "date-agrees", message, "when")


def correspondence_agrees(corpus: Corpus) -> Iterator[Finding]:
    """The date of sending in correspDesc is the date the letter itself gives (dateline, else heading)."""
    for document in corpus.documents:
        text = document.root.find(f"{T}text")
        sent_actions = [a for a in corpus.elements(document, T + "correspAction") if a.get("type") == "sent"]
        if text is None or not sent_actions:
            continue
        stated = text.xpath(".//tei:dateline//tei:date/@when", namespaces=NS) or text.xpath(
            "(.//tei:head//tei:date/@when)[1]", namespaces=NS
        )
        for sent in (d for a in sent_actions for d in a.iterfind(f"{T}date[@when]")):
            if stated and sent.get("when") not in stated:
                message = (
                    f"correspDesc says the letter was sent on {sent.get('when')}, the letter says {stated[0]}"
                )
                yield document.finding(sent, ERROR, "corresp-dateline", message, "when")


def choices_complete(corpus: Corpus) -> Iterator[Finding]:
    for document in corpus.documents:
        for choice in corpus.elements(document, T + "choice"):
            readings = [etree.QName(c).localname for c in choice if isinstance(c.tag, str)]
            missing = [
                (r, NEEDED_READING[r])
                for r in readings
                if r in NEEDED_READING and NEEDED_READING[r] not in readings
            ]
            for present, absent in missing:
                message = f"choice holds {present} but no {absent}: both readings are needed"
                yield document.finding(choice, ERROR, "choice-readings", message)
            if len(readings) < 2 and not missing:
                yield document.finding(
                    choice, ERROR, "choice-readings", "choice holds fewer than two readings"
                )


def authority_ids_wellformed(corpus: Corpus) -> Iterator[Finding]:
    for document in corpus.documents:
        for idno in corpus.elements(document, T + "idno"):
            kind = (idno.get("type") or "").lower()
            value = (idno.text or "").strip()
            if kind in ID_FORMATS and not ID_FORMATS[kind].fullmatch(value):
                expected = "Q followed by digits" if kind == "wikidata" else "digits only"
                message = f'{idno.get("type")} id "{value}" is malformed: expected {expected}'
                yield document.finding(idno, ERROR, "authority-id", message)


# What a repository deposit needs in every header: (rule id, XPath from teiHeader that must match, what).
DEPOSIT_REQUIREMENTS = (
    (
        "deposit-licence",
        "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[normalize-space()]",
        "a licence",
    ),
    ("deposit-source", "tei:fileDesc/tei:sourceDesc/*[normalize-space()]", "a source description"),
    (
        "deposit-responsibility",
        "tei:fileDesc/tei:titleStmt/tei:respStmt | tei:fileDesc/tei:titleStmt/tei:author",
        "a responsibility",
    ),
    ("deposit-language", "tei:profileDesc/tei:langUsage/tei:language/@ident", "a language"),
    ("deposit-date", "tei:fileDesc/tei:publicationStmt/tei:date/@when", "a publication date with @when"),
)
# What a deposit should have, or it is incomplete (a warning): where the document is published. DataCite
# needs it as the landing page and CMIF as the letters' and its own address (package --base-url supplies it).
DEPOSIT_RECOMMENDATIONS = (
    (
        "deposit-address",
        "tei:fileDesc/tei:publicationStmt/tei:idno[@type='URL' or @type='url'][normalize-space()]"
        " | tei:fileDesc/tei:publicationStmt/tei:ptr/@target",
        "the address where it is published (publicationStmt/idno[@type='URL'])",
    ),
)


def deposit_place(document: Document, header: etree._Element | None, severity: str) -> etree._Element:
    """Where a deposit finding points: a missing recommendation at the publication statement it belongs in."""
    place = header.find(f"{T}fileDesc/{T}publicationStmt") if header is not None else None
    located = place if severity == WARNING and place is not None else header
    return located if located is not None else document.root


def deposit_header_complete(corpus: Corpus) -> Iterator[Finding]:
    for document in corpus.documents:
        header = document.root.find(T + "teiHeader")
        checks = [(r, ERROR) for r in DEPOSIT_REQUIREMENTS] + [(r, WARNING) for r in DEPOSIT_RECOMMENDATIONS]
        for (rule, path, what), severity in checks:
            if header is None or not header.xpath(path, namespaces=NS):
                message = f"the header lacks {what}, which a repository deposit needs"
                yield document.finding(deposit_place(document, header, severity), severity, rule, message)


Rule = Callable[[Corpus], Iterator[Finding]]
RULES: dict[str, Rule] = {
    "ref-resolves": pointers_resolve,
    "id-unique": ids_unique,
    "entry-used": entries_used,
    "note-numbering": notes_numbered,
    "date-agrees": dates_agree,
    "corresp-dateline": correspondence_agrees,
    "choice-readings": choices_complete,
    "authority-id": authority_ids_wellformed,
    "xinclude": xincludes_noted,
}


DEPOSIT_RULES: dict[str, Rule] = {"deposit": deposit_header_complete}
RULE_SETS = {"edition": RULES, "deposit": DEPOSIT_RULES}


def check(corpus: Corpus, rule_sets: tuple[str, ...] = ("edition",)) -> list[Finding]:
    return [finding for name in rule_sets for rule in RULE_SETS[name].values() for finding in rule(corpus)]
