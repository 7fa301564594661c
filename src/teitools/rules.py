"""The edition rules that a schema cannot express, each registered with its id.

A document rule reads one document (in the map, where it is parsed) and yields Findings, or holds one that a
document including this one may resolve (UnlessIncluded, judged in the reduce). A corpus rule reads
the compact facts of every document (in the reduce) and yields Claims: a finding about an element it names
by xml:id or by pointer value, which `locate` turns into a positioned Finding by opening that one document
again. Rules register themselves with `document_rule` or `corpus_rule`; rule sets group them ("edition",
"deposit"). schema/README.md documents them.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from lxml import etree

from teitools.facts import (
    DocumentFacts,
    Gathered,
    T,
    Target,
    UnlessIncluded,
    index_ids,
    occurrences,
)
from teitools.findings import ERROR, WARNING, Finding
from teitools.load import TEI_NS, Document, label_for, load
from teitools.metadata import bare_id
from teitools.xinclude import Inclusions

NS = {"tei": TEI_NS}
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
EDITION, DEPOSIT = "edition", "deposit"


@dataclass(frozen=True)
class Claim:
    """A corpus rule's finding before it has a position: the element is named, by xml:id or pointer value."""

    key: str  # the document's resolved path
    severity: str
    rule: str
    message: str  # "{element}" stands for the element's name and "{attribute}" for the pointer's attribute
    xml_id: str = ""
    pointer: str = ""


DocumentRule = Callable[[Gathered], Iterator[Finding | UnlessIncluded]]
CorpusRule = Callable[["CorpusFacts"], Iterator[Claim]]
DOCUMENT_RULES: dict[str, dict[str, DocumentRule]] = defaultdict(dict)
CORPUS_RULES: dict[str, dict[str, CorpusRule]] = defaultdict(dict)


def document_rule(rule_id: str, rule_set: str = EDITION) -> Callable[[DocumentRule], DocumentRule]:
    def register(function: DocumentRule) -> DocumentRule:
        DOCUMENT_RULES[rule_set][rule_id] = function
        return function

    return register


def corpus_rule(rule_id: str, rule_set: str = EDITION) -> Callable[[CorpusRule], CorpusRule]:
    def register(function: CorpusRule) -> CorpusRule:
        CORPUS_RULES[rule_set][rule_id] = function
        return function

    return register


def check_document(
    gathered: Gathered, rule_sets: tuple[str, ...] = (EDITION,)
) -> list[Finding | UnlessIncluded]:
    """The findings of the document rules: run in the map, while the document is parsed. Those that a
    document including this one may resolve are held (UnlessIncluded), for the reduce to judge."""
    return [
        finding for name in rule_sets for rule in DOCUMENT_RULES[name].values() for finding in rule(gathered)
    ]


@dataclass
class CorpusFacts:
    """The facts of every document of a run, in run order: what the corpus rules read in the reduce."""

    documents: list[DocumentFacts]
    outside_ids: dict[str, frozenset[str] | None] = field(default_factory=dict)
    by_key: dict[str, DocumentFacts] = field(init=False)
    _id_sets: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_key = {facts.key: facts for facts in self.documents}

    def ids_of(self, path: str) -> frozenset[str] | None:
        """The ids of a file: a document of the run, or a file outside it, loaded once on first use (None
        when it cannot be read). Only files pointed into are asked for, so few sets are ever built."""
        if path in self.by_key:
            if path not in self._id_sets:
                self._id_sets[path] = self.by_key[path].id_set()
            return self._id_sets[path]
        if path not in self.outside_ids:
            loaded = load(Path(path), part=True) if Path(path).is_file() else None
            self.outside_ids[path] = (
                frozenset(index_ids(loaded.tree)) if isinstance(loaded, Document) else None
            )
        return self.outside_ids[path]

    def editions(self) -> list[list[DocumentFacts]]:
        """Documents grouped into editions: files joined by pointers between them belong together."""
        parent = {facts.key: facts.key for facts in self.documents}

        def find(path: str) -> str:
            while parent[path] != path:
                parent[path] = parent[parent[path]]
                path = parent[path]
            return path

        for facts in self.documents:
            for target_file in facts.linked_files():
                if target_file in parent:
                    parent[find(facts.key)] = find(target_file)
        groups: dict[str, list[DocumentFacts]] = defaultdict(list)
        for facts in self.documents:
            groups[find(facts.key)].append(facts)
        return list(groups.values())


def check_corpus(corpus: CorpusFacts, rule_sets: tuple[str, ...] = (EDITION,)) -> list[Claim]:
    """The claims of the corpus rules: run in the reduce, on facts only."""
    return [claim for name in rule_sets for rule in CORPUS_RULES[name].values() for claim in rule(corpus)]


def held_findings(
    held: list[UnlessIncluded],
    inclusions: Inclusions,
    corpus: CorpusFacts,
    unread: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The held findings (UnlessIncluded) that no file including theirs answers. A part is answered by any
    file that brings it in and was read; one that only files refused when loading bring in (unread: a root
    not well-formed, too large...) was checked with none of them, and is told so. An id is answered by a
    document including it (its ids hold all it brings in), or by a part around it
    (teitools.xinclude.Inclusions.parts_around), which answers for a corpus root too large to be read: a
    sitting's speakers are in the list of persons its root brings in."""
    findings = []
    for each in held:
        includers = inclusions.includers(each.key)
        if answered(each, includers, inclusions, corpus, unread):
            continue
        findings.append(
            part_of_unread(each.finding, includers) if includers and not each.xml_id else each.finding
        )
    return findings


def part_of_unread(finding: Finding, includers: list[str]) -> Finding:
    """A part that only files that could not be read bring in: not checked, which their findings explain."""
    named = ", ".join(label_for(Path(includer), Path(includer)) for includer in includers)
    message = (
        f"a part of a TEI document, brought in with XInclude by {named}, which could not be read:"
        " this part is not checked"
    )
    return replace(finding, severity=WARNING, message=message)


def answered(
    held: UnlessIncluded,
    includers: list[str],
    inclusions: Inclusions,
    corpus: CorpusFacts,
    unread: frozenset[str] = frozenset(),
) -> bool:
    """Whether a file that brings held's file in (includers: inclusions.includers) answers it."""
    if not held.xml_id:
        return any(includer not in unread for includer in includers)
    checked = [corpus.ids_of(includer) for includer in includers if includer in corpus.by_key]
    return any(held.xml_id in ids for ids in checked if ids) or any(
        held.xml_id in (corpus.ids_of(part) or ()) for part in inclusions.parts_around(held.key)
    )


def locate(document: Document, claims: list[Claim]) -> list[Finding]:
    """Positioned findings for the claims about one document, opened again for this."""
    ids: dict[str, etree._Element] | None = None
    findings = []
    for claim in claims:
        if claim.pointer:
            for attribute in occurrences(document, claim.pointer):
                message = claim.message.format(attribute=attribute.attrname)
                findings.append(
                    document.finding(
                        attribute.getparent(), claim.severity, claim.rule, message, attribute.attrname
                    )
                )
            continue
        ids = ids if ids is not None else index_ids(document.tree)
        element = ids.get(claim.xml_id)
        if element is not None:
            message = claim.message.format(element=etree.QName(element).localname)
            findings.append(document.finding(element, claim.severity, claim.rule, message, "xml:id"))
    return findings


# --- pointers and ids ----------------------------------------------------------------------------------


def pointer_problem(target: Target, ids: frozenset[str] | dict | None) -> str:
    """What is wrong with a pointer's target, or "" when it leads somewhere."""
    if ids is None:
        return "points into a missing or unusable file"
    if target.fragment and target.fragment not in ids:
        return f'points to no xml:id "{target.fragment}"'
    return ""


OUTSIDE_TREE = (
    "points into a file outside the input folder, which teitools does not read: name a folder that holds both"
)


def pointer_message(value: str, problem: str) -> str:
    return f'@{{attribute}}="{value}" {problem}'


@document_rule("ref-resolves")
def pointers_resolve_inside(gathered: Gathered) -> Iterator[Finding | UnlessIncluded]:
    """Pointers into the document itself ("#id"): resolved where the document is parsed, or, in a document
    that another includes, in the document that includes it (held until the reduce)."""
    document = gathered.document
    for value, target in gathered.targets.items():
        if target.file != document.key:
            continue
        problem = pointer_problem(target, gathered.ids)
        if not problem:
            continue
        severity = ERROR
        if gathered.has_xinclude:
            severity = WARNING
            problem += " (it may be in a part this document includes with XInclude)"
        message = pointer_message(value, problem)
        for attribute in occurrences(document, value):
            finding = document.finding(
                attribute.getparent(),
                severity,
                "ref-resolves",
                message.format(attribute=attribute.attrname),
                attribute.attrname,
            )
            yield UnlessIncluded(document.key, finding, target.fragment)


@corpus_rule("ref-resolves")
def pointers_resolve_between_files(corpus: CorpusFacts) -> Iterator[Claim]:
    for facts in corpus.documents:
        for value in facts.outside:
            message = pointer_message(value, OUTSIDE_TREE)
            yield Claim(facts.key, WARNING, "ref-resolves", message, pointer=value)
        for value, target in facts.links.items():
            problem = pointer_problem(target, corpus.ids_of(target.file))
            if problem:
                yield Claim(facts.key, ERROR, "ref-resolves", pointer_message(value, problem), pointer=value)


@corpus_rule("id-unique")
def ids_unique(corpus: CorpusFacts) -> Iterator[Claim]:
    """Ids unique across the files of one edition (the parser already refuses duplicates inside a file)."""
    for edition in corpus.editions():
        if len(edition) < 2:
            continue
        first_seen: dict[str, str] = {}
        for facts in edition:
            for xml_id in facts.id_list():
                if xml_id in first_seen:
                    message = f'xml:id "{xml_id}" is used already in {first_seen[xml_id]}; ids must be unique'
                    yield Claim(facts.key, ERROR, "id-unique", message, xml_id=xml_id)
                else:
                    first_seen[xml_id] = facts.label


@corpus_rule("entry-used")
def entries_used(corpus: CorpusFacts) -> Iterator[Claim]:
    """Authority entries that nothing points to; judged only for files that other documents point into.
    Entries the document points to itself were left out of its facts in the map."""
    referred = {target for facts in corpus.documents for target in facts.links.values()}
    pointed_into = {target.file for target in referred}
    for facts in corpus.documents:
        if facts.key not in pointed_into:
            continue
        for xml_id in facts.entry_ids():
            if Target(facts.key, xml_id) not in referred:
                message = f'{{element}} "{xml_id}" is not referred to by any document'
                yield Claim(facts.key, WARNING, "entry-used", message, xml_id=xml_id)


# --- rules on one document -----------------------------------------------------------------------------


def in_text(element: etree._Element) -> bool:
    return any(ancestor.tag == T + "text" for ancestor in element.iterancestors())


@document_rule("note-numbering")
def notes_numbered(gathered: Gathered) -> Iterator[Finding]:
    """Numbered notes run 1..n in document order (they may start again at 1), with no gap or repeat."""
    previous = 0
    for note in gathered.of(T + "note"):
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
        yield gathered.document.finding(note, ERROR, "note-numbering", message, "n")
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


@document_rule("date-agrees")
def dates_agree(gathered: Gathered) -> Iterator[Finding]:
    for element in gathered.of(T + "date"):
        when = element.get("when")
        stated = stated_date(" ".join("".join(element.itertext()).split()))
        if when and stated and when[:10] != stated.isoformat():
            message = f'the date\'s text says {stated.isoformat()} but @when is "{when}"'
            yield gathered.document.finding(element, ERROR, "date-agrees", message, "when")


@document_rule("corresp-dateline")
def correspondence_agrees(gathered: Gathered) -> Iterator[Finding]:
    """The date of sending in correspDesc is the date the letter itself gives (dateline, else heading)."""
    text = gathered.document.root.find(f"{T}text")
    sent_actions = [a for a in gathered.of(T + "correspAction") if a.get("type") == "sent"]
    if text is None or not sent_actions:
        return
    stated = text.xpath(".//tei:dateline//tei:date/@when", namespaces=NS) or text.xpath(
        "(.//tei:head//tei:date/@when)[1]", namespaces=NS
    )
    for sent in (d for a in sent_actions for d in a.iterfind(f"{T}date[@when]")):
        if stated and sent.get("when") not in stated:
            message = (
                f"correspDesc says the letter was sent on {sent.get('when')}, the letter says {stated[0]}"
            )
            yield gathered.document.finding(sent, ERROR, "corresp-dateline", message, "when")


@document_rule("choice-readings")
def choices_complete(gathered: Gathered) -> Iterator[Finding]:
    for choice in gathered.of(T + "choice"):
        readings = [etree.QName(c).localname for c in choice if isinstance(c.tag, str)]
        missing = [
            (r, NEEDED_READING[r])
            for r in readings
            if r in NEEDED_READING and NEEDED_READING[r] not in readings
        ]
        for present, absent in missing:
            message = f"choice holds {present} but no {absent}: both readings are needed"
            yield gathered.document.finding(choice, ERROR, "choice-readings", message)
        if len(readings) < 2 and not missing:
            yield gathered.document.finding(
                choice, ERROR, "choice-readings", "choice holds fewer than two readings"
            )


@document_rule("authority-id")
def authority_ids_wellformed(gathered: Gathered) -> Iterator[Finding]:
    for idno in gathered.of(T + "idno"):
        kind = (idno.get("type") or "").lower()
        if kind not in ID_FORMATS:
            continue
        value = (idno.text or "").strip()
        if not ID_FORMATS[kind].fullmatch(bare_id(kind, value)):
            expected = (
                "Q followed by digits, or its address (http://www.wikidata.org/entity/Q…)"
                if kind == "wikidata"
                else "digits only"
            )
            message = f'{idno.get("type")} id "{value}" is malformed: expected {expected}'
            yield gathered.document.finding(idno, ERROR, "authority-id", message)


# What a repository deposit needs in every header: (rule id, XPath from teiHeader that must match, what).
DEPOSIT_REQUIREMENTS = (
    (
        "deposit-licence",
        # As metadata.read_licences reads it: a licence in words or by its address, or terms in prose.
        "tei:fileDesc/tei:publicationStmt/tei:availability"
        "[normalize-space() or tei:licence/@target[normalize-space()]]",
        "a licence",
    ),
    ("deposit-source", "tei:fileDesc/tei:sourceDesc/*[normalize-space()]", "a source description"),
    (
        "deposit-responsibility",
        "tei:fileDesc/tei:titleStmt/tei:respStmt | tei:fileDesc/tei:titleStmt/tei:author",
        "a responsibility",
    ),
    # As metadata.read_languages reads it: langUsage, else the language of the whole document.
    (
        "deposit-language",
        "tei:profileDesc/tei:langUsage/tei:language/@ident | ../@xml:lang[normalize-space()]",
        "a language",
    ),
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


@document_rule("deposit", DEPOSIT)
def deposit_header_complete(gathered: Gathered) -> Iterator[Finding]:
    document = gathered.document
    header = document.root.find(T + "teiHeader")
    checks = [(r, ERROR) for r in DEPOSIT_REQUIREMENTS] + [(r, WARNING) for r in DEPOSIT_RECOMMENDATIONS]
    for (rule, path, what), severity in checks:
        if header is None or not header.xpath(path, namespaces=NS):
            message = f"the header lacks {what}, which a repository deposit needs"
            yield document.finding(deposit_place(document, header, severity), severity, rule, message)
