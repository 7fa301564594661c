"""The header model, and the metadata crosswalks written from it: Dublin Core (oai_dc), DataCite 4.5 (JSON in
the REST API's envelope, and XML where a DOI is known) and CMIF (for correspSearch).

Each teiHeader is read once into a Record: the one model of the header for every stage (the crosswalks, the
deposit's README and bag-info, and the pages, which receive it as JSON from `Record.as_json`). Every field of
a crosswalk is a value the Record holds; nothing is read from the header a second time.
"""

import json
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import NamedTuple

from lxml import etree

from teitools.facts import XML_ID, XML_LANG, Target, index_ids, resolve_pointer
from teitools.load import TEI_NS, XSI, Document

T = f"{{{TEI_NS}}}"
NS = {"tei": TEI_NS}
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
DATACITE = "http://datacite.org/schema/kernel-4"
DATACITE_XSD = "http://schema.datacite.org/meta/kernel-4.5/metadata.xsd"
TEI_MEDIA_TYPE = "application/tei+xml"
DOI_RESOLVER = "https://doi.org/"
# DataCite's code for a value that cannot be given (a resource without any named creator).
UNAVAILABLE = "(:unav)"


class Authority(NamedTuple):
    label: str  # DataCite's nameIdentifierScheme
    prefix: str  # the authority's URI for an id is prefix + id: one form in every crosswalk


# Authorities by idno/@type (lower case). The URIs are the authorities' own canonical entity URIs.
AUTHORITIES = {
    "viaf": Authority("VIAF", "http://viaf.org/viaf/"),
    "gnd": Authority("GND", "https://d-nb.info/gnd/"),
    "lc": Authority("LCNAF", "http://id.loc.gov/authorities/names/"),
    "bnf": Authority("BnF", "https://data.bnf.fr/ark:/12148/"),
    "ndl": Authority("NDL", "http://id.ndl.go.jp/auth/entity/"),
    "geonames": Authority("GeoNames", "https://sws.geonames.org/"),
    "wikidata": Authority("Wikidata", "http://www.wikidata.org/entity/"),
}
# The addresses an authority gives its ids at, which an idno may hold whole instead of the bare id: Wikidata's
# entity URI (as DraCor writes it, http://www.wikidata.org/entity/Q19077) and its page (/wiki/Q19077).
AUTHORITY_ADDRESSES = {"wikidata": re.compile(r"https?://www\.wikidata\.org/(?:entity|wiki)/")}


def bare_id(kind: str, value: str) -> str:
    """The id an idno of an authority (kind: its @type, lower case) holds, without the address it may be
    written at (AUTHORITY_ADDRESSES)."""
    address = AUTHORITY_ADDRESSES.get(kind)
    found = address.match(value) if address else None
    return value[found.end() :] if found else value


# What correspSearch supports, best first (its CMIF documentation): persons and places.
CMIF_PERSON_AUTHORITIES = ("gnd", "viaf", "lc", "bnf", "ndl")
CMIF_PLACE_AUTHORITIES = ("geonames",)
# DataCite contributor types for the responsibilities a respStmt names (first match wins). DataCite 4.5 has
# no type for a transcriber or a translator: they are Other (DataCollector gathers research data).
CONTRIBUTOR_TYPES = (
    ("transcri", "Other"),
    ("transl", "Other"),
    ("edit", "Editor"),
    ("correct", "Editor"),
    ("annot", "Editor"),
    ("encod", "DataCurator"),
    ("compil", "DataCurator"),
)
CMIF_LICENCE = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
TECHNICAL_INFO = "TEI P5 XML, valid against tei_all and the teitools schema."


# XML's whitespace only, as XPath's normalize-space: a no-break space in a date or a name is meant.
XML_WHITESPACE = re.compile(r"[ \t\r\n]+")


def normalize_space(value: str) -> str:
    return XML_WHITESPACE.sub(" ", value).strip(" ")


# Fields: the parts of a name, of an address, of a bibliography, of a manuscript's description and of a
# dictionary entry (its forms, grammar, usage, definitions and translations). Encoders often write two
# side by side with nothing between (<forename>Charles</forename><surname>Dickens</surname>), where the
# schema lets white space go unread; a reader reads them apart, so a space goes between (here, and in the
# pages: the stylesheets get these names when they are compiled, teitools.render).
FIELDS = (
    "forename", "surname", "addName", "roleName", "genName", "nameLink", "persName", "orgName", "placeName",
    "name", "author", "editor", "title", "publisher", "pubPlace", "date", "biblScope", "idno", "edition",
    "imprint", "analytic", "monogr", "series", "respStmt", "resp", "locus", "textLang", "incipit", "explicit",
    "rubric", "colophon", "msName", "settlement", "institution", "repository", "collection", "country",
    "region", "extent", "distributor", "bibl", "biblStruct", "meeting", "affiliation", "ref", "ptr", "height",
    "width", "depth", "dim", "availability", "licence", "street", "postCode", "postBox",
    "form", "orth", "pron", "hyph", "syll", "stress", "gramGrp", "gram", "gen", "number", "case", "per",
    "tns", "mood", "iType", "pos", "subc", "colloc", "def", "etym", "lang", "usg", "lbl", "xr", "oRef",
    "oVar", "pRef", "pVar", "cit", "quote",
    "altIdentifier", "summary", "origin", "origDate", "origPlace", "provenance", "acquisition", "objectType",
    "material", "support", "foliation", "collation", "condition", "layout", "handNote", "decoNote",
    "dimensions", "measure", "docDate",
)  # fmt: skip
FIELD_TAGS = frozenset(f"{T}{name}" for name in FIELDS)


BREAKS = frozenset(f"{T}{name}" for name in ("lb", "pb", "cb"))


def break_space(element: etree._Element) -> str:
    """What a line, page or column break reads as in a header's text: a space between the words it parts (a
    WeGA title's "Berlin<lb/>Dresden"), nothing inside a word (break="no", as t:breaks-word reads it)."""
    if element.tag not in BREAKS or element.get("break") == "no" or element.get("type") == "hyphenInWord":
        return ""
    return " "


def follows_field(element: etree._Element) -> bool:
    """Whether an element is a field written right after another (nothing between them)."""
    before = element.getprevious()
    return element.tag in FIELD_TAGS and before is not None and before.tag in FIELD_TAGS and not before.tail


def all_parts(element: etree._Element, leave_out: frozenset[str] = frozenset()) -> Iterator[str]:
    """The text of an element, a space between two fields side by side (FIELDS), without the elements
    left out. A source's description reads its fields apart as a citation does instead (cited_text)."""
    yield element.text or ""
    for child in element.iterchildren():
        if follows_field(child):
            yield " "
        if isinstance(child.tag, str) and child.tag not in leave_out:
            yield break_space(child)
            yield from all_parts(child, leave_out)
        yield child.tail or ""


def cited_text(element: etree._Element, leave_out: frozenset[str]) -> str:
    """An element's text as a citation reads it: two fields with only white space between them are set apart
    (citation_separator), a name's parts by a space ("Lou Burnard"); a field that says nothing is passed over;
    a ptr gives its address."""
    said = element.text or ""
    previous = None  # the last field that said something, when nothing but white space was said since
    for child in element.iterchildren():
        if child.tag in BREAKS:
            said, content = said + break_space(child), ""
        elif child.tag == f"{T}ptr":
            content = child.get("target", "")
        elif isinstance(child.tag, str) and child.tag not in leave_out:
            content = cited_text(child, leave_out)
        else:
            content = ""
        if child.tag in FIELD_TAGS and content.strip():
            if previous is not None:
                said = said.rstrip()
                content = citation_separator(previous, child, said) + content.strip()
            said += content
            previous = child
        elif content.strip():
            said, previous = said + content, None
        tail = child.tail or ""
        said += tail
        previous = None if tail.strip() else previous
    return said


# A citation, as the header's source and the text's structured references (t:cited-parts in common.xsl,
# which is given this table when it is compiled, teitools.render) read it: its parts (CITATION_PARTS) and its
# names set their fields apart.
CITATION_PARTS = ("biblStruct", "analytic", "monogr", "imprint", "series", "relatedItem", "author", "editor")
# What introduces a field after another that is not of its kind: the title after its authors, the publisher
# after the place ("Göttingen: Wallstein"), other identifiers after a shelfmark; else a comma.
CITATION_PAIRS = {
    ("author", "title"): ": ",
    ("editor", "title"): ": ",
    ("pubPlace", "publisher"): ": ",
    ("idno", "altIdentifier"): "; ",  # a shelfmark's own commas ("GSA 25/XVII,8,5") call for another mark
    ("surname", "forename"): ", ",  # a name inverted, as an index writes it
    # A pointer to a bibliography's entry, read as its key, and the place in it: one reference ("IGR I 860").
    ("ptr", "citedRange"): " ",
    ("ptr", "biblScope"): " ",
}
# The word that introduces an editor without another role, and a page number, after a field of another kind.
INTRODUCED = {"editor": "ed. ", "biblScope": "p. "}
PAGE_UNITS = ("page", "pages", "pp", "p")
PAGE_NUMBERS = r"\d+(\s*[-–]\s*\d+)?"
PAGE_NUMBERS_PATTERN = re.compile(PAGE_NUMBERS)
CLOSING_MARKS = tuple(",;:!?")
# The parts of one name, read as the name is ("Arthur Schnitzler", not "Arthur, Schnitzler"), unless
# CITATION_PAIRS sets them apart: a surname written before the forename is followed by a comma ("Schnitzler,
# Arthur"), as an index inverts a name.
NAME_PARTS = ("forename", "surname", "addName", "roleName", "genName", "nameLink")


def parts_one_name(previous: str, name: str) -> bool:
    """Whether two fields side by side are parts of one name in reading order (a space between them)."""
    return previous in NAME_PARTS and name in NAME_PARTS and (previous, name) not in CITATION_PAIRS


def citation_separator(before: etree._Element, field: etree._Element, said: str) -> str:
    """What sets a field apart from the field before it (said: the text so far): only a space after a
    punctuation mark and between the parts of a name (parts_one_name); a semicolon between two of a kind
    ("Bahr, Hermann; Schnitzler, Arthur", also after an initial's full stop: "C. M.; Burnard, Lou"), but a
    comma between two titles (a space after the first's full stop: "Abreisende. Abreisende ins Ausland.")
    and a colon before a subtitle; a colon where CITATION_PAIRS says ("Knuth, Donald E.: Literate
    Programming"); else a comma, or only a space after a full stop ("2nd ed. Oxford"). An editor without
    another role, and a page number, are introduced (INTRODUCED)."""
    name, previous = etree.QName(field).localname, etree.QName(before).localname
    if said.endswith(CLOSING_MARKS) or parts_one_name(previous, name):
        return " "
    if name == previous == "title":
        separator = ": " if field.get("type") == "sub" else " " if said.endswith(".") else ", "
    elif name == previous:
        separator = "; "
    else:
        separator = CITATION_PAIRS.get((previous, name), " " if said.endswith(".") else ", ")
    introduced = (name == "editor" and not field.get("role") and separator != "; ") or (
        name == "biblScope"
        and field.get("unit") in PAGE_UNITS
        and PAGE_NUMBERS_PATTERN.fullmatch(text(field))
    )
    return separator + INTRODUCED[name] if introduced else separator


def citation_table() -> str:
    """The citation's table (CITATION_PAIRS...) as the stylesheets take it when they are compiled: JSON."""
    pairs = {f"{before} {after}": separator for (before, after), separator in CITATION_PAIRS.items()}
    return json.dumps(
        {
            "parts": CITATION_PARTS,
            "name-parts": NAME_PARTS,
            "pairs": pairs,
            "introduced": INTRODUCED,
            "page-units": PAGE_UNITS,
            "page-numbers": f"^{PAGE_NUMBERS}$",
            "closing-marks": "".join(CLOSING_MARKS),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def text(element: etree._Element | None) -> str:
    return normalize_space("".join(all_parts(element))) if element is not None else ""


# What a reader reads of a name, as the pages read the text (t:reading-text in common.xsl): in a choice its
# corrected, regularised or expanded reading (else its first child), in an app its lemma; no deletion, note
# or forme work.
LEFT_OUT_OF_READING = {f"{T}del", f"{T}note", f"{T}fw"}
READINGS = {
    f"{T}choice": (f"{T}corr", f"{T}reg", f"{T}expan", "*"),
    f"{T}app": (f"{T}lem", f"{T}rdgGrp/{T}lem", f"{T}rdg", f"{T}rdgGrp/{T}rdg"),
}


def reading_text(element: etree._Element) -> str:
    return normalize_space("".join(reading_parts(element)))


def reading_parts(element: etree._Element) -> Iterator[str]:
    yield element.text or ""
    for child in element.iterchildren():
        if follows_field(child):
            yield " "
        if child.tag in READINGS:
            reading = first(child, *READINGS[child.tag])
            if reading is not None:
                yield from reading_parts(reading)
        elif isinstance(child.tag, str) and child.tag not in LEFT_OUT_OF_READING:
            yield break_space(child)
            yield from reading_parts(child)
        yield child.tail or ""


def first(element: etree._Element, *paths: str) -> etree._Element | None:
    """The first element found by the paths, tried in order (lxml elements are falsy: no `or` chains)."""
    return next((found for path in paths if (found := element.find(path)) is not None), None)


def tei_element(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    if parent is None:
        return etree.Element(f"{T}{tag}", attributes, nsmap={None: TEI_NS})
    return etree.SubElement(parent, f"{T}{tag}", attributes)


# --- the header model --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Date:
    """A date as the header gives it: the machine value (@when, ISO 8601) for the crosswalks, and the text
    as written ("December 1923") for the pages."""

    when: str
    text: str


@dataclass
class Agent:
    """A person, body or place named in a header, with what the personography says of it."""

    name: str  # the normalised name where the personography has one ("Trotsky, Leon"), else the text
    form: str = ""  # the form as the header writes it ("L. Trotsky")
    personal: bool = True
    family: str = ""
    given: str = ""
    identifiers: dict[str, str] = field(default_factory=dict)  # idno/@type (lower case) -> id
    role: str = ""
    # Where the header names it (file, line, column): for findings, not part of the model's JSON.
    located: tuple[str, int, int] = field(
        default=("", 0, 0), compare=False, repr=False, metadata={"in_model": False}
    )

    def uri(self, kind: str) -> str:
        return AUTHORITIES[kind].prefix + self.identifiers[kind]

    def uris(self) -> list[str]:
        return [self.uri(kind) for kind in AUTHORITIES if kind in self.identifiers]

    def best_uri(self, supported: tuple[str, ...]) -> tuple[str, bool]:
        """The URI of the best supported authority present, else of any authority; and whether supported."""
        for kind in supported:
            if kind in self.identifiers:
                return self.uri(kind), True
        uris = self.uris()
        return (uris[0] if uris else ""), False


@dataclass
class Contact:
    """Who to contact about the edition (publicationStmt/distributor or authority): a person or role."""

    name: str
    email: str = ""
    address: str = ""


@dataclass
class Licence:
    """A licence (statement and URI), or other terms of availability (kind "terms": an availability/p)."""

    statement: str
    uri: str = ""
    kind: str = "licence"

    @property
    def described(self) -> str:
        """The statement with its address, once where the statement is the address."""
        return self.statement if self.uri in ("", self.statement) else f"{self.statement} {self.uri}".strip()


@dataclass
class Source:
    """A bibliographic description of the source (sourceDesc/bibl)."""

    description: str  # its text, with the address of a ptr in its place, without notes
    kind: str = ""  # bibl/@type: digital, print
    title: str = ""
    url: str = ""
    journal: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    date: Date | None = None  # the bibl's date (of publication, or of the transcription)
    # A manuscript's identifier: which of the document's msDesc elements (in document order, from 1) it
    # identifies, which the pages show after the text; 0 for other sources, and for a witness's manuscript,
    # which the apparatus lists.
    manuscript: int = 0

    @property
    def year(self) -> str:
        return self.date.when[:4] if self.date else ""


@dataclass
class Action:
    """One correspAction: who sent or received, where and when."""

    role: str  # its @type: sent, received, transmitted...
    people: list[Agent]
    places: list[Agent]
    date: Date | None = None


@dataclass
class RelatedLetter:
    """A letter before or after this one (correspContext/ref)."""

    relation: str  # previous or next
    label: str  # the ref's text, else its target as written
    scope: str  # ref/@type: withinCorrespondence, withinCollection...
    target: str  # its pointer or URL


@dataclass
class Title:
    """A document's own title and its subtitle ("" without one)."""

    title: str
    subtitle: str = ""


@dataclass
class Record:
    name: str  # the document's output name (its file stem)
    title: str  # the document's own title, not the series title
    authors: list[Agent]  # titleStmt/author, as the header writes them and normalised
    responsible: list[Agent]  # titleStmt/respStmt, each with its responsibility as role
    publisher: str
    contact: Contact | None
    published: Date | None  # publicationStmt/date
    created: Date | None  # the date of writing (creation) or of sending (correspDesc)
    # The date the pages show for the document: of its creation, else of its source, else of publication.
    date: Date | None
    languages: list[str]
    licences: list[Licence]
    sources: list[Source]
    local_id: str  # publicationStmt/idno[@type='local']
    url: str  # where the document is published: publicationStmt/idno[@type='URL'] or ptr/@target
    doi: str  # publicationStmt/idno[@type='DOI'], without a resolver prefix
    kind: str  # Letter, Article, Personography...
    subtitle: str = ""  # its titleStmt's subtitle (title type="sub"), in its own title's language
    correspondence: list[Action] = field(default_factory=list)  # correspAction, in document order
    related: list[RelatedLetter] = field(default_factory=list)  # correspContext, in document order
    revisions: list[str] = field(default_factory=list)  # revisionDesc/change/@when, in document order
    # The own titles of the documents a corpus (teiCorpus) holds, in document order: their texts' headings.
    parts: list[Title] = field(default_factory=list)
    # Where the header says where the document is published (its publicationStmt, else its root): for
    # findings, not part of the model's JSON.
    located: tuple[str, int, int] = field(
        default=("", 0, 0), compare=False, repr=False, metadata={"in_model": False}
    )

    def action(self, role: str) -> Action | None:
        """The first correspondent action of a role (sent, received...)."""
        return next((action for action in self.correspondence if action.role == role), None)

    @property
    def previous(self) -> str:
        return next((r.target for r in self.related if r.relation == "previous"), "")

    @property
    def next(self) -> str:
        return next((r.target for r in self.related if r.relation == "next"), "")

    @property
    def creators(self) -> list[Agent]:
        """The authors; without one, those responsible for the file (a personography's compilers)."""
        return self.authors or self.responsible

    @property
    def contributors(self) -> list[Agent]:
        return self.responsible if self.authors else []

    def as_dict(self) -> dict:
        """The model as plain data in a fixed key order (field order), without source locations."""
        return plain(self)

    def as_json(self) -> str:
        """A stable JSON form: the same header gives the same bytes (for XSLT's parse-json, tests, diffs)."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def plain(value: object) -> object:
    """Dataclasses as dicts (in field order, without the fields marked as not in the model), recursively."""
    if is_dataclass(value):
        return {
            f.name: plain(getattr(value, f.name)) for f in fields(value) if f.metadata.get("in_model", True)
        }
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def normalized_name(entry: etree._Element) -> etree._Element | None:
    """The name an index shows for an entry: the normalised (or regularised, main) name, else the first."""
    names = [
        c for c in entry if etree.QName(c).localname in ("persName", "placeName", "orgName", "title", "name")
    ]
    preferred = [n for n in names if n.get("type") in ("normalized", "reg", "main")]
    return (preferred or names or [None])[0]


class Personography:
    """Entries that headers point to, in any document of the edition, found as the rules find them.

    documents: those whose entries may be pointed to (their ids are indexed when first needed). linked: the
    entries of documents already indexed, by file (a run's documents pointed into, kept per process).
    targets: where a document's pointers lead, as the run resolved them (teitools.facts), so that nothing is
    resolved twice; without them each pointer is resolved here, by the same function."""

    def __init__(
        self,
        documents: list[Document],
        linked: Mapping[str, dict[str, etree._Element]] | None = None,
        targets: Mapping[str, Target] | None = None,
    ) -> None:
        self.trees = {document.key: document.tree for document in documents}
        self.ids = dict(linked or {})
        self.targets = targets

    def entries(self, file: str) -> dict[str, etree._Element]:
        if file not in self.ids and file in self.trees:
            self.ids[file] = index_ids(self.trees[file])
        return self.ids.get(file, {})

    def entry(self, pointer: str, document: Document) -> etree._Element | None:
        value = next(iter(pointer.split()), None)
        if value is None:
            return None
        target = self.targets.get(value) if self.targets is not None else resolve_pointer(document, value)
        return self.entries(target.file).get(target.fragment) if target else None

    def agent(self, name: etree._Element, document: Document) -> Agent:
        form = reading_text(name)
        located = document.location(name)
        entry = self.entry(name.get("ref") or "", document)
        if entry is None:
            return Agent(form, form, etree.QName(name).localname == "persName", located=located)
        chosen = normalized_name(entry)
        idnos = ((i.get("type", "").lower(), text(i)) for i in entry.iterfind(f"{T}idno"))
        identifiers = {kind: bare_id(kind, value) for kind, value in idnos}
        return Agent(
            text(chosen) or form,
            form,
            personal=etree.QName(entry).localname == "person",
            family=text(chosen.find(f"{T}surname")) if chosen is not None else "",
            given=text(chosen.find(f"{T}forename")) if chosen is not None else "",
            identifiers={k: v for k, v in identifiers.items() if k in AUTHORITIES and v},
            located=located,
        )


def header_model(
    document: Document, targets: Mapping[str, Target], linked: Mapping[str, dict[str, etree._Element]]
) -> Record:
    """The header model of a document in a run's map: its pointers as the run resolved them, the entries of
    the documents it points into as the run keeps them. Named by the file's stem."""
    return read_record(document, document.path.stem, Personography([document], linked, targets))


def read_record(document: Document, name: str, personography: Personography) -> Record:
    # A part the header lacks (a document that is not valid TEI is still rendered) reads as empty.
    header = or_empty(document.root.find(f"{T}teiHeader"))
    title_statement = or_empty(header.find(f"{T}fileDesc/{T}titleStmt"))
    publication = or_empty(header.find(f"{T}fileDesc/{T}publicationStmt"))
    authors = [personography.agent(author_name(a), document) for a in title_statement.iterfind(f"{T}author")]
    created = first_date(header, CREATION_DATES)
    record = Record(
        name=name,
        title=own_title(title_statement),
        subtitle=own_subtitle(title_statement),
        authors=authors,
        responsible=responsibilities(title_statement, document, personography),
        publisher=next(filter(None, map(publisher_name, PUBLISHERS(publication))), ""),
        contact=read_contact(publication),
        published=read_date(publication.find(f"{T}date")),
        created=created,
        date=created or work_date(document.root) or first_date(header, DESCRIBED_DATES),
        languages=read_languages(document.root, header),
        licences=read_licences(publication),
        sources=read_sources(or_empty(header.find(f"{T}fileDesc/{T}sourceDesc"))),
        local_id=text(publication.find(f"{T}idno[@type='local']")),
        url=publication_address(publication),
        doi=text(publication.find(f"{T}idno[@type='DOI']")).removeprefix(DOI_RESOLVER),
        kind=resource_kind(document),
        revisions=[str(when) for when in header.xpath("tei:revisionDesc/tei:change/@when", namespaces=NS)],
        parts=part_titles(document.root),
        located=document.location(publication if publication.getparent() is not None else document.root),
    )
    description = header.find(f"{T}profileDesc/{T}correspDesc")
    if description is not None:
        read_correspondence(record, description, document, personography)
    return record


# Where the date of the document is read, in this order; the first date that says something is taken.
CREATION_DATES = (
    f"{T}profileDesc/{T}creation//{T}date",
    f"{T}profileDesc/{T}correspDesc/{T}correspAction[@type='sent']/{T}date",
)
# A work's own history where the document records it (DraCor's standOff): when it was first made public.
WORK_EVENTS = f"{T}standOff/{T}listEvent/{T}event"
PUBLIC_EVENTS = ("print", "premiere")
# The source's own date: when the object was made (origDate: EpiDoc's inscriptions and papyri, manuscripts),
# else a date its description gives, else the publication's.
DESCRIBED_DATES = (
    f"{T}fileDesc/{T}sourceDesc//{T}origDate",
    f"{T}fileDesc/{T}sourceDesc//{T}date",
    f"{T}fileDesc/{T}publicationStmt/{T}date",
)
# The later history of a described object (where it was found, how it came to its keeper) dates no text: an
# ogham stone "noted since 1695" was not written then.
LATER_HISTORY = frozenset(
    f"{T}{name}" for name in ("provenance", "acquisition", "custodialHist", "adminInfo")
)
# Who publishes: the publisher, else the body responsible for the publication, else its distributor.
PUBLISHERS = etree.XPath("tei:publisher | tei:authority | tei:distributor", namespaces=NS)
# The punctuation a catalogue record puts after a name, before the next field ("Text Creation Partnership,").
TRAILING_SEPARATOR = re.compile(r"\s*[,;:]\s*$")


def name_only(name: str) -> str:
    """A name without the separator that follows it in a catalogue record, as the publisher of a deposit."""
    return TRAILING_SEPARATOR.sub("", name)


# What a publisher's element may give besides its name: how to reach it.
NOT_THE_NAME = frozenset(f"{T}{name}" for name in ("address", "email", "ptr", "idno"))


def publisher_name(publisher: etree._Element) -> str:
    """Who publishes, by name: without the address the element gives with it (WeGA's and the Tillich
    letters' "Cite as" read "…Gesamtausgabe Gartenstr. 20 32756 Detmold Germany"), else the first name the
    address gives (Slomšek's sermons name their institute in its first addrLine), else all it says."""
    said = normalize_space("".join(all_parts(publisher, NOT_THE_NAME)))
    named = next((n for n in publisher.iter(f"{T}orgName", f"{T}name") if text(n)), None)
    return name_only(said or (text(named) if named is not None else text(publisher)))


# Titles that are not the document's own: series and journal titles, subtitles, alternative forms.
NOT_OWN_LEVELS = ("s", "j")
SUBTITLE_TYPES = ("sub", "subtitle")
NOT_OWN_TYPES = (*SUBTITLE_TYPES, "alt", "short", "iso-date", "desc")


def author_name(author: etree._Element) -> etree._Element:
    """The name in an author element (not an affiliation, email or idno beside it), else the author's text."""
    name = first(author, f"{T}persName", f"{T}orgName", f"{T}name")
    return name if name is not None else author


def or_empty(element: etree._Element | None) -> etree._Element:
    return element if element is not None else etree.Element(f"{T}empty")


def part_titles(root: etree._Element) -> list[Title]:
    """The own titles of the documents a corpus holds (each TEI of a teiCorpus), in document order."""
    if root.tag != f"{T}teiCorpus":
        return []
    statements = (part.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt") for part in root.iter(f"{T}TEI"))
    return [Title(own_title(s), own_subtitle(s)) for s in map(or_empty, statements)]


def own_title(title_statement: etree._Element) -> str:
    return text(own_title_element(title_statement))


def own_title_element(title_statement: etree._Element) -> etree._Element | None:
    """The document's own title: a main title, else an analytic or monograph title without a type, else any
    title that is not a series, journal, subtitle or alternative form, else the first title."""
    titles = title_statement.findall(f"{T}title")
    chosen = (
        [t for t in titles if t.get("type") == "main"]
        or [t for t in titles if t.get("level") in ("a", "m") and t.get("type") is None]
        or [t for t in titles if t.get("level") not in NOT_OWN_LEVELS and t.get("type") not in NOT_OWN_TYPES]
        or titles
    )
    return chosen[0] if chosen else None


def own_subtitle(title_statement: etree._Element) -> str:
    """The subtitle of the document's own title ("Eine Tragödie" of "Faust"; a ParlaMint sitting's
    "159. Sitzung des Nationalrates…", whose own title is its corpus's), in that title's language where the
    header gives titles in several."""
    main = own_title_element(title_statement)
    subtitles = [t for t in title_statement.iterfind(f"{T}title") if t.get("type") in SUBTITLE_TYPES]
    language = main.get(XML_LANG) if main is not None else None
    chosen = [t for t in subtitles if t.get(XML_LANG) == language] or subtitles
    return text(chosen[0]) if chosen and chosen[0] is not main else ""


def first_date(header: etree._Element, paths: tuple[str, ...]) -> Date | None:
    """The first date found by the paths, in order, that has a value or a text and is not of the later
    history of the source (LATER_HISTORY)."""
    dates = (
        read_date(date)
        for path in paths
        for date in header.iterfind(path)
        if not any(ancestor.tag in LATER_HISTORY for ancestor in date.iterancestors())
    )
    return next((date for date in dates if date and date.text), None)


def work_date(root: etree._Element) -> Date | None:
    """A work's date from its recorded history: the first of its printing and first performance (a play
    printed long after its premiere is dated by the premiere), else when it was written; before the dates
    of the edition it was transcribed from (sourceDesc). ISO dates compare as strings."""
    events = [(event.get("type"), read_date(event)) for event in root.iterfind(WORK_EVENTS)]
    public = [date for kind, date in events if kind in PUBLIC_EVENTS and date and date.when]
    written = [date for kind, date in events if kind == "written" and date and date.when]
    return min(public, key=lambda date: date.when, default=None) or next(iter(written), None)


def read_languages(root: etree._Element, header: etree._Element) -> list[str]:
    """The languages langUsage declares, else the one the document declares for all it holds (TEI/@xml:lang,
    as DraCor's plays do). rules.DEPOSIT_REQUIREMENTS asks the header for the same."""
    declared = [lang.get("ident") for lang in header.iterfind(f".//{T}langUsage/{T}language[@ident]")]
    whole = (root.get(XML_LANG) or "").strip()
    return declared or ([whole] if whole else [])


def read_licences(publication: etree._Element) -> list[Licence]:
    """Each licence or other statement of availability; an availability with text only is one statement. A
    licence without words is its address (ELTeC's <licence target="…/by/4.0/"/>). rules.DEPOSIT_REQUIREMENTS
    asks the header for the same."""
    licences = []
    for availability in publication.iterfind(f"{T}availability"):
        statements = [read_terms(terms) for terms in availability.iterfind("*")]
        licences += statements or ([Licence(text(availability), "", "terms")] if text(availability) else [])
    return licences


def read_terms(terms: etree._Element) -> Licence:
    """A licence (or a paragraph of other terms) of an availability; without words, its address."""
    address = (terms.get("target") or "").strip()
    kind = "licence" if terms.tag == f"{T}licence" else "terms"
    return Licence(text(terms) or address, address, kind)


def responsibilities(
    title_statement: etree._Element, document: Document, personography: Personography
) -> list[Agent]:
    agents = []
    for statement in title_statement.iterfind(f"{T}respStmt"):
        resp = text(statement.find(f"{T}resp"))
        for who in statement.xpath("tei:persName | tei:orgName | tei:name", namespaces=NS):
            agent = personography.agent(who, document)
            agent.role = resp
            agents.append(agent)
    return agents


def publication_address(publication: etree._Element) -> str:
    address = first(publication, f"{T}idno[@type='URL']", f"{T}idno[@type='url']")
    if address is not None:
        return text(address)
    pointer = publication.find(f"{T}ptr[@target]")
    return pointer.get("target", "").strip() if pointer is not None else ""


def read_contact(publication: etree._Element) -> Contact | None:
    """The distributor (else the authority) with an email: its name is its text without the address."""
    for agency in publication.xpath("tei:distributor | tei:authority", namespaces=NS):
        email = text(agency.find(f".//{T}email"))
        if not email:
            continue
        words = agency.xpath(".//text()[not(ancestor::tei:email or ancestor::tei:address)]", namespaces=NS)
        name = normalize_space("".join(words)).strip(" ,;:")
        address = ", ".join(text(line) for line in agency.iterfind(f".//{T}address/*")) or text(
            agency.find(f".//{T}address")
        )
        return Contact(name, email, address)
    return None


def read_date(date: etree._Element | None) -> Date | None:
    if date is None:
        return None
    when = date.get("when") or date.get("notBefore") or date.get("from") or ""
    return Date(when, date_text(date) or when)


def date_text(date: etree._Element) -> str:
    """A date's words; one written in several languages, a segment each (IOSPE's origDate: Russian, then
    English), reads each apart: "1462 или 1472 гг. / 1462 or 1472 C.E.", not run together."""
    segments = date.findall(f"{T}seg")
    if len({seg.get(XML_LANG) for seg in segments}) > 1 and not (date.text or "").strip():
        return " / ".join(filter(None, map(text, segments)))
    return text(date)


def resource_kind(document: Document) -> str:
    if document.root.find(f".//{T}correspDesc") is not None:
        return "Letter"
    division = document.root.find(f"{T}text/{T}body/{T}div")
    if division is not None and division.get("type") == "article":
        return "Article"
    if document.root.find(f"{T}text//{T}listPerson") is not None:
        return "Personography"
    return "Text"


def source_text(description: etree._Element) -> str:
    """A source's description as text, as a citation reads (its fields set apart: citation_separator): its
    notes left out, the address of each ptr where it stands."""
    return normalize_space(cited_text(description, frozenset({f"{T}note"})))


# The descriptions of a source: bibliographic (bibl, biblStruct), of a manuscript (its identifier), or a
# witness described in its own words (an apparatus's listWit); one inside another (DraCor's original source
# inside its digital source) is part of that one's text.
SOURCE_DESCRIPTIONS = etree.XPath(
    ".//*[self::tei:bibl or self::tei:biblStruct or self::tei:msIdentifier"
    " or self::tei:witness[not(.//tei:bibl or .//tei:biblStruct or .//tei:msIdentifier)]]"
    "[not(ancestor::tei:note or ancestor::tei:bibl or ancestor::tei:biblStruct)]",
    namespaces=NS,
)


def read_sources(description: etree._Element) -> list[Source]:
    """Each description of a source (bibl, biblStruct, msIdentifier, witness; not in a note) that says
    something; without one, the source description's own text is the one source."""
    bibls = SOURCE_DESCRIPTIONS(description)
    if bibls:
        numbers = manuscript_numbers(description, bibls)
        return [source for b in bibls if (source := read_source(b, numbers.get(b, 0))).description]
    described = source_text(description)
    return [Source(described)] if described else []


# A manuscript described as a witness of an apparatus (listWit), not as the source.
MANUSCRIPT_OF_WITNESS = etree.XPath("ancestor::tei:witness", namespaces=NS)


def manuscript_numbers(description: etree._Element, bibls: list[etree._Element]) -> dict[etree._Element, int]:
    """Each identifier of a manuscript description (not a witness's) among the source descriptions, to its
    msDesc's number (Source.manuscript): the stylesheets find the description by it, without reading the
    sourceDesc."""
    identifiers = [b for b in bibls if b.tag == f"{T}msIdentifier" and not MANUSCRIPT_OF_WITNESS(b)]
    if not identifiers:
        return {}
    number_of = {ms: n for n, ms in enumerate(description.getroottree().getroot().iter(f"{T}msDesc"), 1)}
    return {b: number_of.get(b.getparent(), 0) for b in identifiers}


def read_source(bibl: etree._Element, manuscript: int = 0) -> Source:
    pages = bibl.find(f"{T}biblScope[@unit='page']")
    pointer = bibl.find(f"{T}ptr")
    return Source(
        description=source_text(bibl),
        kind=bibl.get("type", ""),
        title=text(first(bibl, f"{T}title[@level='a']", f"{T}title[@level='m']", f"{T}title")),
        url=pointer.get("target", "") if pointer is not None else "",
        journal=text(bibl.find(f"{T}title[@level='j']")),
        volume=text(bibl.find(f"{T}biblScope[@unit='volume']")),
        issue=text(bibl.find(f"{T}biblScope[@unit='issue']")),
        first_page=pages.get("from", "") if pages is not None else "",
        last_page=pages.get("to", "") if pages is not None else "",
        date=read_date(bibl.find(f"{T}date")),
        manuscript=manuscript,
    )


def read_correspondence(
    record: Record, description: etree._Element, document: Document, personography: Personography
) -> None:
    for action in description.iterfind(f"{T}correspAction"):
        record.correspondence.append(
            Action(
                role=action.get("type", ""),
                people=[personography.agent(p, document) for p in CORRESPONDENTS(action)],
                places=[personography.agent(p, document) for p in CORRESPONDENCE_PLACES(action)],
                date=first_date(action, (f"{T}date",)),
            )
        )
    for pointer in description.iterfind(f"{T}correspContext/{T}ref"):
        subtype, kind = pointer.get("subtype", ""), pointer.get("type", "")
        if subtype.startswith(("previous", "next")) or kind in ("prev", "previous", "next"):
            relation = "next" if subtype.startswith("next") or kind == "next" else "previous"
            target = pointer.get("target", "").strip()
            # A ref without text (<ref type="previous" target="B2233"/>) is known by its target.
            if label := text(pointer) or target:
                record.related.append(RelatedLetter(relation, label, kind, target))


CORRESPONDENTS = etree.XPath("tei:persName | tei:orgName | tei:name", namespaces=NS)
CORRESPONDENCE_PLACES = etree.XPath("tei:placeName | tei:settlement", namespaces=NS)


def contributor_type(role: str) -> str:
    return next((kind for word, kind in CONTRIBUTOR_TYPES if word in role.lower()), "Other")


# --- Dublin Core -------------------------------------------------------------------------------------------


def dublin_core(record: Record) -> bytes:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(name: str, value: str) -> None:
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value

    add("title", record.title)
    for creator in record.creators:
        add("creator", creator.name)
    for contributor in record.contributors:
        add(
            "contributor",
            f"{contributor.name} ({contributor.role})" if contributor.role else contributor.name,
        )
    add("publisher", record.publisher)
    # oai_dc has no refinements to tell dates apart: its one date is the publication date.
    add("date", record.published.when if record.published else "")
    add("type", "Text")
    add("format", TEI_MEDIA_TYPE)
    for identifier in identifier_uris(record) or [record.local_id]:
        add("identifier", identifier)
    for source in record.sources:
        add("source", source.description)
        add("relation", source.url)
    for language in record.languages:
        add("language", language)
    for licence in record.licences:
        add("rights", licence.described)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def identifier_uris(record: Record) -> list[str]:
    """The record's identifiers that are URIs: its DOI (as a resolver URL) and its address."""
    return [uri for uri in ((DOI_RESOLVER + record.doi) if record.doi else "", record.url) if uri]


# --- DataCite -----------------------------------------------------------------------------------------------


def datacite_name(agent: Agent) -> dict:
    entry: dict = {"name": agent.name, "nameType": "Personal" if agent.personal else "Organizational"}
    if agent.personal and agent.given:
        entry["givenName"] = agent.given
    if agent.personal and agent.family:
        entry["familyName"] = agent.family
    identifiers = [
        {
            "nameIdentifier": agent.uri(kind),
            "nameIdentifierScheme": AUTHORITIES[kind].label,
            "schemeUri": AUTHORITIES[kind].prefix,
        }
        for kind in AUTHORITIES
        if kind in agent.identifiers
    ]
    if identifiers:
        entry["nameIdentifiers"] = identifiers
    return entry


def datacite_attributes(record: Record) -> dict:
    """The DataCite 4.5 properties of a record, as the REST API's JSON takes them."""
    creators = [datacite_name(c) for c in record.creators] or [{"name": UNAVAILABLE}]
    contributors = [
        datacite_name(c) | {"contributorType": contributor_type(c.role)} for c in record.contributors
    ]
    if record.contact:
        contributors.append(
            {"name": record.contact.name, "nameType": "Organizational", "contributorType": "ContactPerson"}
        )
    titles = [{"title": record.title}]
    if record.subtitle:
        titles.append({"title": record.subtitle, "titleType": "Subtitle"})
    attributes = {
        "doi": record.doi,
        "url": record.url,
        # Publishing makes the DOI findable, which DataCite allows only with a landing page.
        "event": "publish" if record.doi and record.url else "",
        "titles": titles,
        "creators": creators,
        "contributors": contributors,
        "publisher": {"name": record.publisher},
        "publicationYear": record.published.when[:4] if record.published else "",
        "types": {"resourceTypeGeneral": "Text", "resourceType": record.kind},
        "dates": [
            {"date": d.when, "dateType": t}
            for d, t in ((record.created, "Created"), (record.published, "Issued"))
            if d and d.when
        ],
        "language": record.languages[0] if record.languages else "",
        "alternateIdentifiers": [{"alternateIdentifier": record.local_id, "alternateIdentifierType": "Local"}]
        if record.local_id
        else [],
        "rightsList": [
            {"rights": licence.statement} | ({"rightsUri": licence.uri} if licence.uri else {})
            for licence in record.licences
        ],
        "descriptions": [{"description": s.description, "descriptionType": "Other"} for s in record.sources]
        + [{"description": TECHNICAL_INFO, "descriptionType": "TechnicalInfo"}],
        "relatedIdentifiers": [
            {"relatedIdentifier": s.url, "relatedIdentifierType": "URL", "relationType": "IsDerivedFrom"}
            for s in record.sources
            if s.url
        ],
        "relatedItems": [related_item(s) for s in record.sources if s.kind == "print"],
        "formats": [TEI_MEDIA_TYPE],
        "schemaVersion": DATACITE,
    }
    return {key: value for key, value in attributes.items() if value not in (None, [], "", {"name": ""})}


def datacite(record: Record) -> str:
    """DataCite JSON in the REST API's JSON:API envelope."""
    attributes = datacite_attributes(record)
    data = {"type": "dois", "attributes": attributes}
    if record.doi:
        data = {"id": record.doi} | data
    return json.dumps({"data": data}, ensure_ascii=False, indent=2)


def related_item(source: Source) -> dict:
    """The printed source. In a periodical, the item is the periodical (its name is the item's title), as
    DataCite describes a journal article's place of publication; else the work by its own title."""
    item = {
        "relatedItemType": "Journal" if source.journal else "Text",
        "relationType": "IsDerivedFrom",
        "titles": [{"title": source.journal or source.title}],
        "publicationYear": source.year,
        "volume": source.volume,
        "issue": source.issue,
        "firstPage": source.first_page,
        "lastPage": source.last_page,
    }
    return {key: value for key, value in item.items() if value}


# DataCite XML: the same properties as the JSON, element by element (kernel 4.5).
XML_LISTS = {
    "titles": "title",
    "contributors": "contributor",
    "dates": "date",
    "alternateIdentifiers": "alternateIdentifier",
    "relatedIdentifiers": "relatedIdentifier",
    "formats": "format",
    "rightsList": "rights",
    "descriptions": "description",
    "relatedItems": "relatedItem",
}
XML_ATTRIBUTES = {
    "nameType",
    "titleType",
    "contributorType",
    "dateType",
    "alternateIdentifierType",
    "relatedIdentifierType",
    "relationType",
    "descriptionType",
    "relatedItemType",
    "nameIdentifierScheme",
}
XML_RENAMED_ATTRIBUTES = {"rightsUri": "rightsURI", "schemeUri": "schemeURI"}
# The element holding an object's own text, by list item.
XML_TEXT_KEYS = ("title", "date", "alternateIdentifier", "relatedIdentifier", "rights", "description")
RELATED_ITEM_ORDER = ("titles", "publicationYear", "volume", "issue", "firstPage", "lastPage")


def kernel(parent: etree._Element, tag: str, value: str = "", **attributes: str) -> etree._Element:
    """An element of the DataCite kernel namespace, with its text and attributes."""
    element = etree.SubElement(parent, f"{{{DATACITE}}}{tag}", attributes)
    if value:
        element.text = value
    return element


def datacite_xml(record: Record) -> bytes:
    """DataCite XML (kernel 4.5) of a record with a DOI; the properties of `datacite_attributes`."""
    attributes = datacite_attributes(record)
    root = etree.Element(f"{{{DATACITE}}}resource", nsmap={None: DATACITE, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{DATACITE} {DATACITE_XSD}")

    kernel(root, "identifier", attributes["doi"], identifierType="DOI")
    creators = kernel(root, "creators")
    for creator in attributes["creators"]:
        name_element(kernel(creators, "creator"), "creatorName", creator)
    xml_list(root, "titles", attributes)
    kernel(root, "publisher", attributes["publisher"]["name"])
    kernel(root, "publicationYear", attributes["publicationYear"])
    types = attributes["types"]
    kernel(root, "resourceType", types["resourceType"], resourceTypeGeneral=types["resourceTypeGeneral"])
    if "contributors" in attributes:
        contributors = kernel(root, "contributors")
        for contributor in attributes["contributors"]:
            element = kernel(contributors, "contributor", contributorType=contributor["contributorType"])
            name_element(element, "contributorName", contributor)
    for key in (
        "dates",
        "alternateIdentifiers",
        "relatedIdentifiers",
        "formats",
        "rightsList",
        "descriptions",
    ):
        xml_list(root, key, attributes)
    if "language" in attributes:
        kernel(root, "language", attributes["language"])
    if "relatedItems" in attributes:
        items = kernel(root, "relatedItems")
        for item in attributes["relatedItems"]:
            element = kernel(items, "relatedItem", relatedItemType=item["relatedItemType"])
            element.set("relationType", item["relationType"])
            for key in RELATED_ITEM_ORDER:
                if key == "titles":
                    xml_list(element, key, item)
                elif key in item:
                    kernel(element, key, item[key])
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def name_element(parent: etree._Element, tag: str, agent: dict) -> None:
    name = kernel(parent, tag, agent["name"])
    if "nameType" in agent:
        name.set("nameType", agent["nameType"])
    for key in ("givenName", "familyName"):
        if key in agent:
            kernel(parent, key, agent[key])
    for identifier in agent.get("nameIdentifiers", []):
        kernel(
            parent,
            "nameIdentifier",
            identifier["nameIdentifier"],
            nameIdentifierScheme=identifier["nameIdentifierScheme"],
            schemeURI=identifier["schemeUri"],
        )


def xml_list(parent: etree._Element, key: str, attributes: dict) -> None:
    """A DataCite list property as its wrapper element and one element per item."""
    if key not in attributes:
        return
    wrapper = kernel(parent, key)
    for item in attributes[key]:
        if isinstance(item, str):
            kernel(wrapper, XML_LISTS[key], item)
            continue
        value = next((item[k] for k in XML_TEXT_KEYS if k in item), "")
        element = kernel(wrapper, XML_LISTS[key], value)
        for name, content in item.items():
            if name in XML_ATTRIBUTES or name in XML_RENAMED_ATTRIBUTES:
                element.set(XML_RENAMED_ATTRIBUTES.get(name, name), content)


# --- CMIF -------------------------------------------------------------------------------------------------


@dataclass
class Edition:
    """What the CMIF file says of the edition as a whole."""

    title: str
    publisher: str
    date: str  # ISO 8601 date of the last change
    address: str  # where the edition is published (the base of its pages)
    cmif_url: str  # where this CMIF file is published
    contact: Contact | None

    def bibl_id(self) -> str:
        """A static UUID for the edition's bibl (CMIF asks for one): version 5, derived from the edition's
        address, so regenerating the file keeps it. xml:id must start with a letter: the first of the
        UUIDs of (address, 0, 1, ...) that does."""
        for attempt in range(64):
            key = f"{self.address}#{attempt}" if attempt else self.address
            value = str(uuid.uuid5(uuid.NAMESPACE_URL, key))
            if not value[0].isdigit():
                return value
        raise AssertionError("64 UUIDs in a row began with a digit")  # about 1 chance in 10**27


def cmif(records: list[Record], edition: Edition) -> bytes:
    """A CMIF file (a TEI document) with one correspDesc per letter among the records."""
    E = tei_element
    root = E("TEI")
    header = E("teiHeader", root)
    file_description = E("fileDesc", header)
    title_statement = E("titleStmt", file_description)
    E("title", title_statement).text = f"Correspondence metadata (CMIF) of the edition {edition.title}"
    editor = E("editor", title_statement)
    editor.text = edition.contact.name if edition.contact else edition.publisher
    if edition.contact and edition.contact.email:
        editor.text += " "
        E("email", editor).text = edition.contact.email
    publication = E("publicationStmt", file_description)
    E("ref", E("publisher", publication), target=edition.address).text = edition.publisher
    E("idno", publication, type="url").text = edition.cmif_url
    E("date", publication, when=edition.date)
    E("licence", E("availability", publication), target=CC_BY).text = CMIF_LICENCE
    bibl_id = edition.bibl_id()
    bibl = E("bibl", E("sourceDesc", file_description), type="online")
    bibl.set(XML_ID, bibl_id)
    bibl.text = f"{edition.title}, {edition.publisher}, "
    E("ref", bibl, target=edition.address).text = edition.address
    profile = E("profileDesc", header)
    for record in records:
        if record.correspondence:
            correspondence_description(profile, record, bibl_id)
    E("p", E("body", E("text", root)))
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def correspondence_description(profile: etree._Element, record: Record, bibl_id: str) -> None:
    E = tei_element
    description = E("correspDesc", profile, **({"key": record.local_id} if record.local_id else {}))
    if record.url:
        description.set("ref", record.url)
    description.set("source", f"#{bibl_id}")
    for kind in ("sent", "received"):
        action = record.action(kind) or Action(kind, [], [])
        element = E("correspAction", description, type=kind)
        for person in action.people or [Agent("Unknown")]:
            uri, _ = person.best_uri(CMIF_PERSON_AUTHORITIES)
            name = E("persName" if person.personal else "orgName", element, **({"ref": uri} if uri else {}))
            name.text = person.name
        for place in action.places:
            uri, _ = place.best_uri(CMIF_PLACE_AUTHORITIES)
            E("placeName", element, **({"ref": uri} if uri else {})).text = place.name
        if action.date and action.date.when:
            E("date", element, when=action.date.when)


def unsupported_authorities(record: Record) -> list[tuple[Agent, str]]:
    """Senders, addressees and places whose reference in CMIF is not one correspSearch supports, with what
    it supports: correspSearch then cannot match them with other editions."""
    found = []
    for action in record.correspondence:
        for agents, supported, what in (
            (action.people, CMIF_PERSON_AUTHORITIES, "VIAF, GND, LC, BnF or NDL"),
            (action.places, CMIF_PLACE_AUTHORITIES, "GeoNames"),
        ):
            found += [(agent, what) for agent in agents if not agent.best_uri(supported)[1]]
    return found
