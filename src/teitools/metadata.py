"""Metadata crosswalks from the teiHeader: Dublin Core (oai_dc), DataCite (JSON), CMIF (for correspSearch).

Each header is read once into a Record; the three formats are written from it, so that every field in them
is a value the header holds.
"""

import json
from dataclasses import dataclass, field

from lxml import etree

from teitools.facts import index_ids, resolve_pointer
from teitools.load import TEI_NS, Document

T = f"{{{TEI_NS}}}"
NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TEI_MEDIA_TYPE = "application/tei+xml"
AUTHORITY_URIS = {"wikidata": "http://www.wikidata.org/entity/{}", "viaf": "http://viaf.org/viaf/{}"}
AUTHORITY_SCHEMES = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/"),
    "viaf": ("VIAF", "https://viaf.org/"),
}
# DataCite contributor types for the responsibilities a respStmt names (first match wins).
CONTRIBUTOR_TYPES = (
    ("transcri", "DataCollector"),
    ("encod", "DataCurator"),
    ("edit", "Editor"),
    ("transl", "Other"),
)
CMIF_LICENCE = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def first(element: etree._Element, *paths: str) -> etree._Element | None:
    """The first element found by the paths, tried in order (lxml elements are falsy: no `or` chains)."""
    return next((found for path in paths if (found := element.find(path)) is not None), None)


def tei_element(tag: str, parent: etree._Element | None = None, **attributes: str) -> etree._Element:
    if parent is None:
        return etree.Element(f"{T}{tag}", attributes, nsmap={None: TEI_NS})
    return etree.SubElement(parent, f"{T}{tag}", attributes)


@dataclass
class Agent:
    """A person or body named in a header, with what the personography says of it."""

    name: str  # the normalised name ("Trotsky, Leon") where the personography has one
    personal: bool = True
    identifiers: dict[str, str] = field(default_factory=dict)  # authority type (lower case) -> id
    role: str = ""

    def uris(self) -> list[str]:
        return [AUTHORITY_URIS[kind].format(value) for kind, value in self.identifiers.items()]


@dataclass
class Source:
    """A bibliographic description of the source (sourceDesc/bibl)."""

    description: str
    kind: str = ""  # bibl/@type: digital, print
    title: str = ""
    url: str = ""
    journal: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    year: str = ""


@dataclass
class Record:
    name: str
    title: str
    creators: list[Agent]
    contributors: list[Agent]
    publisher: str
    published: str  # publicationStmt/date/@when
    created: str  # date of writing or sending, ISO 8601
    languages: list[str]
    licences: list[tuple[str, str]]  # (statement, URI): each licence and other terms of availability
    sources: list[Source]
    identifier: str
    kind: str  # Letter, Article, Personography...
    correspondence: dict[str, tuple[list[Agent], list[Agent], str]] = field(default_factory=dict)


class Personography:
    """Entries that headers point to, in any document of the edition, found as the rules find them."""

    def __init__(self, documents: list[Document]) -> None:
        self.ids = {document.key: index_ids(document.tree) for document in documents}

    def agent(self, name: etree._Element, document: Document) -> Agent:
        pointers = (name.get("ref") or "").split()
        target = resolve_pointer(document, pointers[0]) if pointers else None
        entry = self.ids.get(target.file, {}).get(target.fragment) if target else None
        if entry is None:
            return Agent(text(name), personal=etree.QName(name).localname == "persName")
        candidate = first(
            entry, f"{T}persName[@type='normalized']", f"{T}persName", f"{T}orgName", f"{T}placeName"
        )
        identifiers = {i.get("type", "").lower(): text(i) for i in entry.iterfind(f"{T}idno")}
        return Agent(
            text(candidate) or text(name),
            personal=etree.QName(entry).localname == "person",
            identifiers={k: v for k, v in identifiers.items() if k in AUTHORITY_URIS},
        )


def read_record(document: Document, name: str, personography: Personography) -> Record:
    header = document.root.find(f"{T}teiHeader")
    title_statement = header.find(f"{T}fileDesc/{T}titleStmt")
    publication = header.find(f"{T}fileDesc/{T}publicationStmt")
    creators = [
        personography.agent(a.find("*") if len(a) else a, document)
        for a in title_statement.iterfind(f"{T}author")
    ]
    contributors = []
    for statement in title_statement.iterfind(f"{T}respStmt"):
        resp = text(statement.find(f"{T}resp"))
        for who in statement.xpath("tei:persName | tei:orgName | tei:name", namespaces=NS):
            agent = personography.agent(who, document)
            agent.role = resp
            contributors.append(agent)
    record = Record(
        name=name,
        title=text(title_statement.find(f"{T}title")),
        creators=creators,
        contributors=contributors,
        publisher=text(publication.find(f"{T}publisher")),
        published=publication.xpath("string(tei:date/@when)", namespaces=NS),
        created=creation_date(header),
        languages=[lang.get("ident") for lang in header.iterfind(f".//{T}langUsage/{T}language[@ident]")],
        licences=[
            (text(terms), terms.get("target", "")) for terms in publication.iterfind(f"{T}availability/*")
        ],
        sources=[read_source(b) for b in header.iterfind(f"{T}fileDesc/{T}sourceDesc//{T}bibl")],
        identifier=text(publication.find(f"{T}idno")),
        kind=resource_kind(document),
    )
    for correspondence in header.iterfind(f"{T}profileDesc/{T}correspDesc"):
        record.correspondence = read_correspondence(correspondence, document, personography)
    return record


def creation_date(header: etree._Element) -> str:
    dates = header.xpath(
        "tei:profileDesc/tei:creation//tei:date/@when | tei:profileDesc/tei:correspDesc/"
        "tei:correspAction[@type='sent']/tei:date/@when",
        namespaces=NS,
    )
    return str(dates[0]) if dates else ""


def resource_kind(document: Document) -> str:
    if document.root.find(f".//{T}correspDesc") is not None:
        return "Letter"
    division = document.root.find(f"{T}text/{T}body/{T}div")
    if division is not None and division.get("type") == "article":
        return "Article"
    if document.root.find(f"{T}text//{T}listPerson") is not None:
        return "Personography"
    return "Text"


def read_source(bibl: etree._Element) -> Source:
    pages = bibl.find(f"{T}biblScope[@unit='page']")
    journal = bibl.find(f"{T}title[@level='j']")
    url = bibl.find(f"{T}ptr")
    return Source(
        description=" ".join(
            "".join(bibl.xpath(".//text()[not(ancestor::tei:note)]", namespaces=NS)).split()
        ),
        kind=bibl.get("type", ""),
        title=text(first(bibl, f"{T}title[@level='a']", f"{T}title[@level='m']", f"{T}title")),
        url=url.get("target", "") if url is not None else "",
        journal=text(journal),
        volume=text(bibl.find(f"{T}biblScope[@unit='volume']")),
        issue=text(bibl.find(f"{T}biblScope[@unit='issue']")),
        first_page=pages.get("from", "") if pages is not None else "",
        last_page=pages.get("to", "") if pages is not None else "",
        year=(bibl.xpath("string(tei:date/@when)", namespaces=NS) or "")[:4],
    )


def read_correspondence(
    description: etree._Element, document: Document, personography: Personography
) -> dict[str, tuple[list[Agent], list[Agent], str]]:
    actions = {}
    for action in description.iterfind(f"{T}correspAction"):
        people = [
            personography.agent(p, document)
            for p in action.xpath("tei:persName | tei:orgName", namespaces=NS)
        ]
        places = [personography.agent(p, document) for p in action.iterfind(f"{T}placeName")]
        date = action.find(f"{T}date")
        actions[action.get("type", "")] = (people, places, date.get("when", "") if date is not None else "")
    return actions


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
    add("date", record.created)
    add("date", record.published)
    add("type", "Text")
    add("format", TEI_MEDIA_TYPE)
    add("identifier", record.identifier)
    for source in record.sources:
        add("source", source.description)
        add("relation", source.url)
    for language in record.languages:
        add("language", language)
    for statement, uri in record.licences:
        add("rights", f"{statement} {uri}".strip())
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- DataCite -----------------------------------------------------------------------------------------------


def datacite_name(agent: Agent) -> dict:
    entry: dict = {"name": agent.name, "nameType": "Personal" if agent.personal else "Organizational"}
    if agent.personal and ", " in agent.name:
        entry["familyName"], entry["givenName"] = agent.name.split(", ", 1)
    identifiers = []
    for kind, value in agent.identifiers.items():
        scheme, scheme_uri = AUTHORITY_SCHEMES[kind]
        identifiers.append(
            {"nameIdentifier": scheme_uri + value, "nameIdentifierScheme": scheme, "schemeUri": scheme_uri}
        )
    if identifiers:
        entry["nameIdentifiers"] = identifiers
    return entry


def contributor_type(role: str) -> str:
    return next((kind for word, kind in CONTRIBUTOR_TYPES if word in role.lower()), "Other")


def datacite(record: Record) -> str:
    attributes = {
        "titles": [{"title": record.title}],
        "creators": [datacite_name(c) for c in record.creators],
        "contributors": [
            datacite_name(c) | {"contributorType": contributor_type(c.role)} for c in record.contributors
        ],
        "publisher": record.publisher,
        "publicationYear": int(record.published[:4]) if record.published[:4].isdigit() else None,
        "types": {"resourceTypeGeneral": "Text", "resourceType": record.kind},
        "dates": [
            {"date": d, "dateType": t}
            for d, t in ((record.created, "Created"), (record.published, "Issued"))
            if d
        ],
        "language": record.languages[0] if record.languages else None,
        "identifiers": [{"identifier": record.identifier, "identifierType": "Local"}]
        if record.identifier
        else [],
        "rightsList": [
            {"rights": statement} | ({"rightsUri": uri} if uri else {}) for statement, uri in record.licences
        ],
        "descriptions": [{"description": s.description, "descriptionType": "Other"} for s in record.sources]
        + [
            {
                "description": "TEI P5 XML, valid against tei_all and the teitools schema.",
                "descriptionType": "TechnicalInfo",
            }
        ],
        "relatedIdentifiers": [
            {"relatedIdentifier": s.url, "relatedIdentifierType": "URL", "relationType": "IsDerivedFrom"}
            for s in record.sources
            if s.url
        ],
        "relatedItems": [related_item(s) for s in record.sources if s.kind == "print"],
        "formats": [TEI_MEDIA_TYPE],
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
    cleaned = {key: value for key, value in attributes.items() if value not in (None, [], "")}
    return json.dumps({"data": {"type": "dois", "attributes": cleaned}}, ensure_ascii=False, indent=2)


def related_item(source: Source) -> dict:
    item = {
        "relatedItemType": "JournalArticle" if source.journal else "Text",
        "relationType": "IsDerivedFrom",
        "titles": [{"title": source.title}],
        "volume": source.volume,
        "issue": source.issue,
        "firstPage": source.first_page,
        "lastPage": source.last_page,
        "publicationYear": source.year,
    }
    return {key: value for key, value in item.items() if value}


# --- CMIF -------------------------------------------------------------------------------------------------


def cmif(records: list[Record], edition_title: str, publisher: str, date: str, base_url: str = "") -> bytes:
    """A CMIF file (a TEI document) with one correspDesc per letter among the records."""
    E = tei_element
    root = E("TEI")
    header = E("teiHeader", root)
    file_description = E("fileDesc", header)
    title_statement = E("titleStmt", file_description)
    E("title", title_statement).text = f"Correspondence metadata (CMIF) of the edition {edition_title}"
    E("editor", title_statement).text = publisher
    publication = E("publicationStmt", file_description)
    E("publisher", publication).text = publisher
    if base_url:
        E("idno", publication, type="URL").text = base_url.rstrip("/") + "/metadata/cmif.xml"
    E("date", publication, when=f"{date}T00:00:00Z")
    availability = E("availability", publication)
    E("licence", availability, target=CC_BY).text = CMIF_LICENCE
    source_description = E("sourceDesc", file_description)
    bibl = E("bibl", source_description, type="online")
    bibl.set(XML_ID, "edition")
    bibl.text = f"{edition_title}, {publisher}" + (f", {base_url}" if base_url else "")
    profile = E("profileDesc", header)
    for record in records:
        if not record.correspondence:
            continue
        description = E("correspDesc", profile, source="#edition")
        if base_url:
            description.set("ref", f"{base_url.rstrip('/')}/outputs/{record.name}.html")
        for kind in ("sent", "received"):
            if kind not in record.correspondence:
                continue
            people, places, when = record.correspondence[kind]
            action = E("correspAction", description, type=kind)
            for person in people or [Agent("Unknown")]:
                name = E("persName" if person.personal else "orgName", action, **uri_attribute(person))
                name.text = person.name
            for place in places:
                E("placeName", action, **uri_attribute(place)).text = place.name
            if when:
                E("date", action, when=when)
    text_element = E("text", root)
    E("p", E("body", text_element))
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def uri_attribute(agent: Agent) -> dict[str, str]:
    return {"ref": agent.uris()[0]} if agent.uris() else {}
