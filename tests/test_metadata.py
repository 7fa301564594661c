"""The header model (teitools.metadata.Record): what it reads from a teiHeader, its JSON form, and the
choices it makes once for every stage (title, names, dates, authorities)."""

import json
import re
from pathlib import Path

import pytest
import saxonche
from conftest import CORPUS, ROOT, TEI_DIR, TEI_NS
from lxml import etree, html

from teitools import render as render_module
from teitools.facts import pointer_targets
from teitools.load import Document, find_xml_files, load
from teitools.metadata import (
    AUTHORITIES,
    CMIF_PERSON_AUTHORITIES,
    CMIF_PLACE_AUTHORITIES,
    Agent,
    Date,
    Personography,
    Record,
    contributor_type,
    datacite_attributes,
    dublin_core,
    header_model,
    normalized_name,
    own_subtitle,
    own_title,
    read_record,
    read_sources,
    reading_text,
    unsupported_authorities,
)
from teitools.resources import XSLT_DIR
from teitools.run import RunOptions, map_document

FIXTURE = ROOT / "tests" / "data" / "header-model.xml"
LETTER = "trotsky-1926-01-09-letter-to-bukharin"


def record_of(path: Path, *others: Path):
    documents = [load(p) for p in (path, *others)]
    assert all(isinstance(d, Document) for d in documents)
    return read_record(documents[0], path.stem, Personography(documents))


@pytest.fixture(scope="module")
def fixture_record():
    return record_of(FIXTURE)


def test_the_title_is_the_documents_own_not_the_series(fixture_record):
    assert fixture_record.title == "Letter to A. Addressee"


def test_names_are_normalised_one_way_and_keep_the_form_as_written(fixture_record):
    writer = fixture_record.creators[0]
    assert (writer.name, writer.form) == ("Wilhelmina Writer", "W. Writer")
    assert (writer.given, writer.family) == ("Wilhelmina", "Writer")
    place = fixture_record.action("sent").places[0]
    assert (place.name, place.form, place.personal) == ("Town-on-Sea", "Town", False)


def test_dates_keep_both_the_machine_value_and_the_text(fixture_record):
    assert fixture_record.published == Date("2020-05-01", "May Day 2020")
    assert fixture_record.created == Date("1901-02-03", "3rd of February 1901")
    assert fixture_record.action("sent").date == fixture_record.created
    assert fixture_record.action("received").date is None


def test_address_doi_contact_and_neighbouring_letters_come_from_the_header(fixture_record):
    assert fixture_record.url == "https://press.example/letters/1"  # a ptr where there is no idno
    assert fixture_record.doi == "10.5072/letter-1"  # without the resolver
    contact = fixture_record.contact
    assert (contact.name, contact.email, contact.address) == (
        "Letters desk",
        "letters@press.example",
        "1 Main Street, Town",
    )
    assert (fixture_record.previous, fixture_record.next) == ("letter-0.xml", "letter-2.xml")
    assert fixture_record.sources[0].description == "Manuscript, https://archive.example/ms/1."


def test_the_json_form_is_stable_complete_and_without_source_positions(fixture_record):
    text = fixture_record.as_json()
    assert text == record_of(FIXTURE).as_json()
    model = json.loads(text)
    assert list(model) == [
        "name",
        "title",
        "authors",
        "responsible",
        "publisher",
        "contact",
        "published",
        "created",
        "date",
        "languages",
        "licences",
        "sources",
        "local_id",
        "url",
        "doi",
        "kind",
        "subtitle",
        "correspondence",
        "related",
        "revisions",
        "parts",
    ]
    assert model["revisions"] == ["2024-05-01", "2025-02-03"]
    assert model["correspondence"][1]["people"][0]["name"] == "Addressee, A."
    assert model["licences"] == [
        {"statement": "CC BY 4.0", "uri": "https://creativecommons.org/licenses/by/4.0/", "kind": "licence"}
    ]
    assert model["authors"][0]["form"] == "W. Writer" and model["responsible"] == []
    assert "located" not in text


def test_authority_uris_have_one_form_in_every_crosswalk():
    agent = Agent("X", identifiers={"viaf": "1001", "wikidata": "Q1", "gnd": "118000001"})
    assert agent.uri("viaf") == "http://viaf.org/viaf/1001"
    assert agent.uri("wikidata") == "http://www.wikidata.org/entity/Q1"
    assert agent.uris() == [AUTHORITIES[k].prefix + agent.identifiers[k] for k in ("viaf", "gnd", "wikidata")]


def test_an_authority_id_written_as_its_address_gives_the_same_uri(tmp_path):
    """A Wikidata id written as its entity URI or its page (validate accepts both) is the id, not its part."""
    letter = FIXTURE.read_text(encoding="utf-8").replace(
        '<idno type="wikidata">Q2</idno>', '<idno type="wikidata">https://www.wikidata.org/wiki/Q2</idno>'
    )
    assert "wiki/Q2" in letter
    (tmp_path / "letter.xml").write_text(letter, encoding="utf-8")
    addressee = record_of(tmp_path / "letter.xml").action("received").people[0]
    assert addressee.best_uri(CMIF_PERSON_AUTHORITIES) == ("http://www.wikidata.org/entity/Q2", False)


def test_cmif_takes_the_best_authority_correspsearch_supports(fixture_record):
    writer = fixture_record.creators[0]
    assert writer.best_uri(CMIF_PERSON_AUTHORITIES) == ("https://d-nb.info/gnd/118000001", True)
    addressee = fixture_record.action("received").people[0]
    assert addressee.best_uri(CMIF_PERSON_AUTHORITIES) == ("http://www.wikidata.org/entity/Q2", False)
    town = fixture_record.action("sent").places[0]
    assert town.best_uri(CMIF_PLACE_AUTHORITIES) == ("https://sws.geonames.org/2000001", True)
    assert [agent.name for agent, _ in unsupported_authorities(fixture_record)] == ["Addressee, A."]


def test_the_edition_letter_reads_creation_from_the_sending_date():
    record = record_of(TEI_DIR / f"{LETTER}.xml", TEI_DIR / "persons.xml")
    assert record.created == Date("1926-01-09", "9 January 1926")
    assert record.creators[0].form == "L. Trotsky" and record.creators[0].name == "Trotsky, Leon"


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("transcription and HTML markup for the Marxists Internet Archive", "Other"),
        ("English translation; bracketed insertions in the text", "Other"),
        ("TEI encoding, corrections and annotation", "Editor"),
        ("compiled and encoded by", "DataCurator"),
        ("photographs", "Other"),
    ],
)
def test_contributor_types_are_datacites(role, kind):
    assert contributor_type(role) == kind


def test_the_normalised_name_is_the_one_the_stylesheets_choose():
    """Python and common.xsl choose an entry's name by the same rule, on every entry of the edition."""
    stylesheet = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:t="urn:teitools" exclude-result-prefixes="#all">
      <xsl:import href="{(XSLT_DIR / "common.xsl").as_uri()}"/>
      <xsl:output method="text"/>
      <xsl:template match="/">
        <xsl:value-of select="//*[@xml:id][tei:persName|tei:placeName|tei:orgName|tei:title|tei:name]
          ! (@xml:id || '=' || t:normalized-name(.))" separator="&#10;"/>
      </xsl:template>
    </xsl:stylesheet>"""
    processor = saxonche.PySaxonProcessor(license=False)
    executable = render_module.stylesheet_compiler(processor).compile_stylesheet(stylesheet_text=stylesheet)
    for path in (TEI_DIR / "persons.xml", FIXTURE):
        from_xslt = executable.transform_to_string(source_file=str(path)).splitlines()
        tree = etree.parse(str(path))
        from_python = [
            f"{entry.get('{http://www.w3.org/XML/1998/namespace}id')}="
            + " ".join("".join(normalized_name(entry).itertext()).split())
            for entry in tree.iter()
            if isinstance(entry.tag, str)
            and entry.get("{http://www.w3.org/XML/1998/namespace}id")
            and normalized_name(entry) is not None
        ]
        assert from_python == from_xslt and len(from_python) > 2


def test_sources_licences_and_terms_as_the_pages_show_them():
    letter = record_of(TEI_DIR / f"{LETTER}.xml", TEI_DIR / "persons.xml")
    assert [licence.kind for licence in letter.licences] == ["licence", "terms"]
    persons = record_of(TEI_DIR / "persons.xml")
    assert persons.authors == [] and [a.name for a in persons.creators] == ["teitools project"]
    # A source description without a bibl is the one source, as its text.
    assert [s.description[:30] for s in persons.sources] == ["Compiled for this edition from"]
    article = record_of(TEI_DIR / "trotsky-1923-12-bureaucratism-and-factional-groups.xml")
    assert [(s.date.when, s.date.text) for s in article.sources] == [
        ("2005-02", "February 2005"),
        ("1935-01", "January 1935"),
    ]


# --- one model for the pages and the crosswalks ------------------------------------------------------------

PAGE_FORMATS = ("html", "text", "entries")


def pages_and_records(folder: Path) -> list[tuple[str, dict[str, str], Record]]:
    """Each TEI P5 document of a folder as the run's map renders it, beside the Record the deposit's
    crosswalks are written from (read with the deposit's own personography over the whole folder)."""
    files = find_xml_files([folder])
    options = RunOptions(formats=PAGE_FORMATS, roots=(str(folder.resolve()),))
    loaded = [(path, load(path)) for path in files]
    personography = Personography([d for _, d in loaded if isinstance(d, Document)])
    return [
        (path.name, map_document(path, options).outputs, read_record(document, path.stem, personography))
        for path, document in loaded
        if isinstance(document, Document)
    ]


@pytest.fixture(scope="module", params=[TEI_DIR, CORPUS], ids=["edition", "corpus"])
def folder(request) -> Path:
    return request.param


@pytest.fixture(scope="module")
def pages(folder):
    return pages_and_records(folder)


def test_the_page_header_and_the_crosswalks_show_the_same_title_date_and_authors(folder, pages):
    """On every document of the edition and of ../shared/corpus, the page (HTML, plain text and index entry)
    shows the title, date and authors of the very Record the DataCite and Dublin Core crosswalks are written
    from: the two can no longer disagree."""
    assert len(pages) >= 3
    if folder == CORPUS:  # DraCor's Faust has a subtitle
        assert {name: r.subtitle for name, _, r in pages}[
            "goethe-faust-eine-tragoedie.xml"
        ] == "Eine Tragödie"
    for name, outputs, record in pages:
        title = record.title or "Untitled document"
        subtitle = record.subtitle
        # Where one line holds both: "Faust: Eine Tragödie".
        full = f"{title}{' ' if title[-1] in '.:;!?' else ': '}{subtitle}" if subtitle else title
        authors = "; ".join(a.form for a in record.authors if a.form)
        date = record.date.text if record.date else ""
        entry = json.loads(outputs["entries"])["document"]
        assert (entry["title"], entry["authors"], entry["date"]) == (full, authors, date), name
        page = html.fromstring(outputs["html"].encode())
        fields = {dt.text: dt.getnext().text_content() for dt in page.xpath("//dl[@class='metadata']/dt")}
        assert page.findtext(".//h1") == title and page.findtext(".//title") == full, name
        assert page.xpath("//header/p[@class='subtitle']/text()") == [subtitle] * bool(subtitle), name
        assert (fields.get("Author", ""), fields.get("Date", "")) == (authors, date), name
        expected = [title] + [subtitle] * bool(subtitle) + [authors] * bool(authors) + [date] * bool(date)
        assert outputs["text"].split("\n")[: len(expected)] == expected, name
        # The crosswalks, from the same record.
        attributes = datacite_attributes(record)
        subtitles = [{"title": subtitle, "titleType": "Subtitle"}] * bool(subtitle)
        assert attributes["titles"] == [{"title": record.title}, *subtitles], name
        if record.authors:
            assert [c["name"] for c in attributes["creators"]] == [a.name for a in record.authors], name
        created = [d["date"] for d in attributes.get("dates", []) if d["dateType"] == "Created"]
        assert created == ([record.created.when] if record.created and record.created.when else []), name
        dc = etree.fromstring(dublin_core(record))
        assert dc.findtext("{http://purl.org/dc/elements/1.1/}title", "") == record.title, name


def map_model(document: Document) -> tuple[Record, dict, dict]:
    """A document's header model as the run's map reads it (its pointers as the run resolves them, the
    documents pointed into as the renderer keeps them), with those targets and linked documents."""
    renderer = render_module.renderer(False)
    targets = pointer_targets(document)
    linked = renderer.linked_documents(document, targets)
    return header_model(document, targets, {file: each.ids for file, each in linked.items()}), targets, linked


def test_the_map_reads_the_same_header_model_as_the_deposit(folder, pages):
    """The map's model is the deposit's, field for field, normalised names and authority ids included."""
    deposited = {name: record for name, _, record in pages}
    for path in find_xml_files([folder]):
        document = load(path)
        if isinstance(document, Document):
            in_map = map_model(document)[0]
            assert in_map.as_dict() | {"name": ""} == deposited[path.name].as_dict() | {"name": ""}, path.name


def test_the_pages_read_the_header_model_not_the_tei_header():
    """Given a model that says otherwise than the teiHeader, every header field of the page follows the
    model: the stylesheets no longer read the teiHeader for them."""
    document = load(TEI_DIR / f"{LETTER}.xml")
    assert isinstance(document, Document)
    record, targets, linked = map_model(document)
    model = record.as_dict()
    model["title"] = "A Title Only the Model Knows"
    model["authors"][0]["form"] = "Model Author"
    model["date"] = {"when": "1999-09-09", "text": "ninth of September 1999"}
    model["sources"] = [{"description": "A source only the model knows"}]
    model["licences"] = [{"statement": "Model licence", "uri": "", "kind": "licence"}]
    model["publisher"] = "Model Press"
    model["published"] = {"when": "2001-01-01", "text": "2001"}
    model["correspondence"][0]["people"][0]["form"] = "Model Sender"
    model["related"] = [{"relation": "next", "label": "Model next letter", "scope": "", "target": "x.xml"}]
    outputs = render_module.renderer(False).outputs(
        document, targets, linked, json.dumps(model), PAGE_FORMATS
    )

    page = html.fromstring(outputs["html"].encode())
    fields = {dt.text: dt.getnext().text_content() for dt in page.xpath("//dl[@class='metadata']/dt")}
    assert page.findtext(".//h1") == page.findtext(".//title") == "A Title Only the Model Knows"
    assert (fields["Author"], fields["Date"], fields["Source"], fields["Licence"]) == (
        "Model Author",
        "ninth of September 1999",
        "A source only the model knows",
        "Model licence",
    )
    assert fields["From"].startswith("Model Sender") and fields["Next letter"] == "Model next letter"
    citation = page.xpath("string(//p[@class='citation'])")
    assert citation.endswith(
        "Model Author, “A Title Only the Model Knows”, TEI edition by Model Press, 2001."
    )
    assert outputs["text"].startswith("A Title Only the Model Knows\nModel Author\nninth of September 1999\n")
    entry = json.loads(outputs["entries"])["document"]
    assert entry == {
        "title": "A Title Only the Model Knows",
        "authors": "Model Author",
        "date": "ninth of September 1999",
    }


def test_no_stylesheet_reads_the_header_fields_the_model_holds():
    for stylesheet in XSLT_DIR.glob("*.xsl"):
        source = stylesheet.read_text(encoding="utf-8")
        for part in (
            "tei:titleStmt",
            "tei:publicationStmt",
            "tei:sourceDesc",
            "tei:correspDesc",
            "tei:langUsage",
        ):
            assert part not in source, (stylesheet.name, part)


def test_a_subtitle_is_in_the_language_of_the_own_title():
    """ParlaMint gives each sitting its corpus's title and its own as a subtitle, in two languages."""
    header = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt>
      <title type="main" xml:lang="de">Parlamentskorpus</title><title type="main" xml:lang="en">Corpus</title>
      <title type="sub" xml:lang="en">Sitting 159</title><title type="sub" xml:lang="de">159. Sitzung</title>
      </titleStmt></fileDesc></teiHeader><text><body><p/></body></text></TEI>"""
    document = load(Path("sitting.xml"), raw=header.encode())
    record = read_record(document, "sitting", Personography([document]))
    assert (record.title, record.subtitle) == ("Parlamentskorpus", "159. Sitzung")
    without = load(Path("plain.xml"), raw=header.replace('type="sub"', 'type="alt"').encode())
    assert read_record(without, "plain", Personography([without])).subtitle == ""


def test_a_name_reads_as_the_pages_read_the_text():
    """A name's form is its reading: the expansion of a choice, the lemma of an app, no deletion or note."""
    name = etree.fromstring(
        f'<persName xmlns="{TEI_NS}"><choice><abbr>Wm.</abbr><expan>William</expan></choice> '
        "<del>Shakspere</del><app><lem>Shakespeare</lem><rdg>Shakspeare</rdg></app>"
        "<note>the poet</note></persName>"
    )
    assert reading_text(name) == "William Shakespeare"


def test_a_source_described_field_by_field_reads_as_a_citation():
    """Fields with only white space between them are set apart as a citation sets them (Schnitzler's letters:
    "Bahr, Hermann Schnitzler, Arthur Briefwechsel ... Göttingen Wallstein 2018 20" read as one run): a
    semicolon between two of a kind, a colon after the authors and the place, "ed." and "p.", a comma
    otherwise; the encoder's own punctuation is kept and not doubled, an empty field passed over."""
    description = etree.fromstring(
        f"""<sourceDesc xmlns="{TEI_NS}"><listBibl>
          <biblStruct><monogr>
            <author>Bahr, Hermann</author>
            <author>Schnitzler, Arthur</author>
            <title level="m">Briefwechsel </title>
            <editor>Ifkovits, Kurt</editor> <editor>Müller, Martin Anton</editor>
            <imprint><pubPlace>Göttingen</pubPlace><publisher>Wallstein</publisher><date/>
              <date when="2018">2018</date>
            </imprint>
            <biblScope unit="pp">20</biblScope>
          </monogr></biblStruct>
          <msDesc><msIdentifier><country>GB</country> <settlement>Cambridge</settlement>
            <repository>University Library</repository> <idno>B 5b</idno> <collection/>
          </msIdentifier></msDesc>
          <bibl><author>Slomšek – avtor;</author> <author>Faganel</author>, <date>2001</date>
            <note>never read</note></bibl>
          <bibl><name>TextGrid Repository</name> <idno type="URL">http://x.org/1</idno>
            <availability><licence>CC-BY-3.0</licence></availability></bibl>
        </listBibl></sourceDesc>"""
    )
    assert [source.description for source in read_sources(description)] == [
        "Bahr, Hermann; Schnitzler, Arthur: Briefwechsel, ed. Ifkovits, Kurt; Müller, Martin Anton,"
        " Göttingen: Wallstein, 2018, p. 20",
        "GB, Cambridge, University Library, B 5b",
        "Slomšek – avtor; Faganel, 2001",
        "TextGrid Repository, http://x.org/1, CC-BY-3.0",  # DraCor's digital source
    ]


def test_a_line_break_in_a_header_parts_the_words_it_stands_between():
    """WeGA's letter titles break a line between addressee's place and the place of writing ("in
    Berlin<lb/>Dresden"): read as one word they glued ("BerlinDresden") in the title, the page's head and the
    plain text. A break inside a word (break="no") parts nothing."""
    title_statement = etree.fromstring(
        f'<titleStmt xmlns="{TEI_NS}"><title level="a">Weber an Türke in Berlin<lb/>Dresden, 9. März'
        ' 1818</title><title type="sub">Brief<lb break="no"/>text</title></titleStmt>'
    )
    assert own_title(title_statement) == "Weber an Türke in Berlin Dresden, 9. März 1818"
    assert own_subtitle(title_statement) == "Brieftext"
    description = etree.fromstring(
        f'<sourceDesc xmlns="{TEI_NS}"><bibl>Pfeiffer, Briefwechsel.<lb/>Wien 1870</bibl></sourceDesc>'
    )
    cited = [source.description for source in read_sources(description)]
    assert cited == ["Pfeiffer, Briefwechsel. Wien 1870"]


def test_the_parts_of_a_name_in_a_citation_read_as_the_name():
    """Schnitzler's diary cites its printed edition with names in parts (forename, surname): a comma between
    them read "Arthur, Schnitzler; Peter Michael, Braunwarth" as two names each. Only a surname before its
    forename keeps the comma of an inverted name."""
    description = etree.fromstring(
        f"""<sourceDesc xmlns="{TEI_NS}"><biblStruct><monogr>
          <title level="m">Tagebuch 1917-1919</title>
          <author><persName><forename>Arthur</forename>
            <surname>Schnitzler</surname></persName></author>
          <respStmt><resp>Unter Mitwirkung von</resp>
            <persName><forename>Peter Michael</forename> <surname>Braunwarth</surname></persName>
            <persName><surname>Pertlik</surname> <forename>Susanne</forename></persName></respStmt>
        </monogr></biblStruct></sourceDesc>"""
    )
    assert [source.description for source in read_sources(description)] == [
        "Tagebuch 1917-1919, Arthur Schnitzler, Unter Mitwirkung von, Peter Michael Braunwarth;"
        " Pertlik, Susanne"
    ]


def test_the_publisher_is_named_without_its_address(tmp_path):
    """WeGA and the Tillich letters give the publisher's address in its element: the citation read "TEI
    edition by Carl-Maria-von-Weber-Gesamtausgabe Gartenstr. 20 32756 Detmold Germany"."""
    source = FIXTURE.read_text(encoding="utf-8")
    statement = (
        "<publicationStmt><publisher><orgName>Carl-Maria-von-Weber-Gesamtausgabe</orgName>"
        "<address><addrLine>Gartenstr. 20</addrLine><addrLine>32756 Detmold</addrLine></address>"
        "<email>info@weber-gesamtausgabe.de</email></publisher></publicationStmt>"
    )
    (tmp_path / "wega.xml").write_text(
        re.sub(r"<publicationStmt>.*?</publicationStmt>", statement, source, flags=re.S)
    )
    assert record_of(tmp_path / "wega.xml").publisher == "Carl-Maria-von-Weber-Gesamtausgabe"
    # A publisher named only in its address (Slomšek's sermons): its first name there.
    statement = (
        '<publicationStmt><publisher><address><addrLine><name type="organisation">Inštitut za slovensko'
        " literaturo</name></addrLine><addrLine>Novi trg 2</addrLine></address></publisher></publicationStmt>"
    )
    (tmp_path / "zrc.xml").write_text(
        re.sub(r"<publicationStmt>.*?</publicationStmt>", statement, source, flags=re.S)
    )
    assert record_of(tmp_path / "zrc.xml").publisher == "Inštitut za slovensko literaturo"
