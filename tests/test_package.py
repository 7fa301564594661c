"""teitools package: the BagIt deposit, its metadata crosswalks, its determinism and its check."""

import json
import re
import shutil
import uuid
import zipfile
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT, SHARED, TEI_DIR, TEI_NS
from lxml import etree

from teitools import run as run_module
from teitools.cli import main
from teitools.load import Document, load
from teitools.schematron import Schematron

NS = {"tei": TEI_NS, "dc": "http://purl.org/dc/elements/1.1/", "dcite": "http://datacite.org/schema/kernel-4"}
OFFICIAL = SHARED / "reference" / "deposit-schemas"
LETTER = "trotsky-1926-01-09-letter-to-bukharin"
PROJECT_DECLARATION = (
    '<?xml-model href="../schema/teitools.xsd" type="application/xml" '
    'schematypens="http://www.w3.org/2001/XMLSchema"?>\n'
)
ARTICLE = "trotsky-1923-12-bureaucratism-and-factional-groups"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["package", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def deposit(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("deposit")
    code, message = run("-o", str(output))
    assert code == 0, message
    return output


@pytest.fixture
def bag_copy(deposit, tmp_path) -> Path:
    return Path(shutil.copytree(deposit / "teitools-edition", tmp_path / "teitools-edition"))


def header(name: str) -> etree._Element:
    return etree.parse(str(TEI_DIR / f"{name}.xml")).getroot().find(f"{{{TEI_NS}}}teiHeader")


def value(element: etree._Element, path: str) -> str:
    return " ".join(element.xpath(f"string({path})", namespaces=NS).split())


def person(key: str) -> etree._Element:
    return etree.parse(str(TEI_DIR / "persons.xml")).xpath(f"//tei:person[@xml:id='{key}']", namespaces=NS)[0]


# --- the bag -----------------------------------------------------------------------------------------------


def test_the_bag_validates_with_the_bagit_library(deposit):
    bag = bagit.Bag(str(deposit / "teitools-edition"))
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert (
        bag.info["Bagging-Date"]
        == "2026-11-22"
        == value(header(LETTER), "tei:fileDesc/tei:publicationStmt/tei:date/@when")
    )
    assert bag.info["Source-Organization"] == value(header(LETTER), ".//tei:publisher")
    distributor = header(LETTER).find(f".//{{{TEI_NS}}}distributor")
    assert bag.info["Contact-Email"] == value(distributor, "tei:email")
    assert bag.info["Contact-Name"] == "The editors of the teitools project"
    assert "Letter to Nikolai Bukharin" in bag.info["External-Description"]
    assert bag.version_info == (1, 0)


def test_the_payload_holds_the_edition_schema_outputs_metadata_and_report(deposit):
    data = deposit / "teitools-edition" / "data"
    for path in TEI_DIR.glob("*.xml"):
        assert (data / "tei" / path.name).read_bytes() == path.read_bytes()
    for path in (ROOT / "outputs").iterdir():
        assert (data / "outputs" / path.name).read_bytes() == path.read_bytes()
    assert {p.name for p in (data / "schema").iterdir()} == {
        "teitools.odd",
        "teitools.xsd",
        "xml.xsd",
        "README.md",
    }
    report = json.loads((data / "validation-report.json").read_text())
    # The warnings: sender, addressee and place are identified by Wikidata only, which correspSearch does
    # not support (the authority table verifies no VIAF or GND id); reported, not hidden.
    assert report["summary"] == {"files": 3, "errors": 0, "warnings": 3}
    assert {f["rule"] for f in report["findings"]} == {"cmif-authority"}
    assert "CC BY 4.0" in (data / "LICENSE").read_text() and "Public Domain" in (data / "LICENSE").read_text()
    assert f"tei/{LETTER}.xml" in (data / "README.md").read_text()
    assert "- `schema/`: the project's TEI customisation" in (data / "README.md").read_text()


def test_the_same_edition_gives_the_same_bag_and_zip_bytes(deposit, tmp_path):
    assert run("-o", str(tmp_path))[0] == 0
    first, second = deposit / "teitools-edition.zip", tmp_path / "teitools-edition.zip"
    assert first.read_bytes() == second.read_bytes()
    assert {i.date_time for i in zipfile.ZipFile(first).infolist()} == {(2026, 11, 22, 0, 0, 0)}


def test_an_invalid_edition_is_refused_with_its_findings_and_nothing_is_written(tmp_path):
    edition = Path(shutil.copytree(TEI_DIR, tmp_path / "tei"))
    letter = edition / f"{LETTER}.xml"
    # No language in the header, nor for the whole document (TEI/@xml:lang).
    without = (
        letter.read_text().replace('<language ident="en">', "<language>").replace(' xml:lang="en"', "", 1)
    )
    letter.write_text(without)
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "[deposit-language]" in output and "nothing was packaged" in output
    assert not (tmp_path / "out").exists()


def test_another_editions_documents_are_packaged_as_tei_p5_without_the_project_schema(tmp_path):
    """Documents that declare no schema (another project's edition) are checked against tei_all, not
    against this edition's customisation, which knows no verse: the bag then carries no schema of ours."""
    edition = tmp_path / "tei"
    edition.mkdir()
    for path in TEI_DIR.glob("*.xml"):
        text = path.read_text(encoding="utf-8")
        assert PROJECT_DECLARATION in text
        text = text.replace(PROJECT_DECLARATION, "")
        if path.stem == LETTER:
            verse = "<lg><l>A verse no customisation of ours allows</l></lg>"
            text = text.replace("<body>", f"<body>\n{verse}", 1)
        (edition / path.name).write_text(text, encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", "--schema", "teitools", str(edition)]).exit_code == 1
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 0, output
    data = tmp_path / "out" / "teitools-edition" / "data"
    assert not (data / "schema").exists() and "schema/" not in (data / "README.md").read_text()
    assert run("--check", str(tmp_path / "out" / "teitools-edition.zip"))[0] == 0


def test_a_licence_by_its_address_and_the_language_of_the_whole_document_are_what_a_deposit_needs(tmp_path):
    """ELTeC states its licence by its address alone (<licence target="…"/>), DraCor its language as
    TEI/@xml:lang without a langUsage: both are there for the deposit rules and reach the metadata."""
    edition = Path(shutil.copytree(TEI_DIR, tmp_path / "tei"))
    letter = edition / f"{LETTER}.xml"
    text = letter.read_text(encoding="utf-8")
    text = re.sub(r"(<licence target=\"[^\"]+\")>[^<]*</licence>", r"\1/>", text)
    text = re.sub(r"\s*<p>The text is that of[^<]*</p>", "", text)
    text = re.sub(r"<langUsage>.*?</langUsage>", "", text, flags=re.S)
    letter.write_text(text.replace('xml:lang="en"', 'xml:lang="ru"', 1), encoding="utf-8")
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 0, output
    metadata = tmp_path / "out" / "teitools-edition" / "data" / "metadata"
    attributes = json.loads((metadata / f"{LETTER}.datacite.json").read_text())["data"]["attributes"]
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert attributes["language"] == "ru" and attributes["rightsList"] == [
        {"rights": licence, "rightsUri": licence}
    ]
    dublin_core = etree.parse(str(metadata / f"{LETTER}.oai_dc.xml"))
    assert dublin_core.xpath("//dc:rights/text()", namespaces=NS) == [licence]
    assert dublin_core.xpath("//dc:language/text()", namespaces=NS) == ["ru"]
    (edition / f"{ARTICLE}.xml").write_text(
        re.sub(
            r"<langUsage>.*?</langUsage>", "", (edition / f"{ARTICLE}.xml").read_text(), flags=re.S
        ).replace(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">',
            '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
        )
    )
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "again"))
    assert code == 1 and f"{ARTICLE}.xml" in output and "[deposit-language]" in output


def test_an_eebo_tcp_text_dated_by_its_month_is_packaged_as_its_own_edition(tmp_path):
    """EEBO-TCP: terms of use in prose, a release dated 2003-07: the bag is dated from its first day."""
    edition = tmp_path / "tei"
    edition.mkdir()
    shutil.copy(CORPUS / "eebo-tcp" / "A00002.xml", edition)
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 0, output
    bag = bagit.Bag(str(tmp_path / "out" / "teitools-edition"))
    assert bag.info["Bagging-Date"] == "2003-07-01"
    # "Text Creation Partnership," as a catalogue record ends a field, a name for the deposit.
    assert bag.info["Source-Organization"] == "Text Creation Partnership"
    datacite = tmp_path / "out" / "teitools-edition" / "data" / "metadata" / "A00002.datacite.json"
    assert json.loads(datacite.read_text())["data"]["attributes"]["publisher"] == {
        "name": "Text Creation Partnership"
    }
    assert {i.date_time for i in zipfile.ZipFile(tmp_path / "out" / "teitools-edition.zip").infolist()} == {
        (2003, 7, 1, 0, 0, 0)
    }
    assert "available for reuse" in (tmp_path / "out" / "teitools-edition" / "data" / "LICENSE").read_text()
    assert run("--check", str(tmp_path / "out" / "teitools-edition.zip"))[0] == 0


def test_each_document_is_parsed_once_for_checks_pages_and_metadata(tmp_path, monkeypatch):
    """One map gives the findings, the pages and the header records: no second parse of the edition."""
    parsed: list[str] = []

    def counting_load(path, *args, **kwargs):
        parsed.append(Path(path).name)
        return load(path, *args, **kwargs)

    monkeypatch.setattr(run_module, "load", counting_load)
    code, output = run("-o", str(tmp_path / "out"))
    assert code == 0, output
    assert sorted(parsed) == sorted(path.name for path in TEI_DIR.glob("*.xml"))


# --- checking a bag ----------------------------------------------------------------------------------------


def test_check_says_an_intact_bag_and_zip_are_intact(deposit):
    for target in (deposit / "teitools-edition", deposit / "teitools-edition.zip"):
        code, output = run("--check", str(target))
        assert code == 0 and "intact" in output


def test_check_names_a_file_changed_by_one_byte(bag_copy):
    changed = bag_copy / "data" / "tei" / f"{ARTICLE}.xml"
    content = bytearray(changed.read_bytes())
    content[-5] ^= 0x01
    changed.write_bytes(bytes(content))
    code, output = run("--check", str(bag_copy))
    assert code == 1
    assert f"data/tei/{ARTICLE}.xml" in output and "[bag-changed]" in output


def test_check_names_added_and_removed_files(bag_copy):
    (bag_copy / "data" / "outputs" / "style.css").unlink()
    (bag_copy / "data" / "extra.txt").write_text("not in the manifest")
    code, output = run("--check", str(bag_copy))
    assert code == 1
    assert "data/outputs/style.css" in output and "[bag-missing]" in output
    assert "data/extra.txt" in output and "[bag-unexpected]" in output


def test_check_refuses_what_is_not_a_bag(tmp_path):
    code, output = run("--check", str(tmp_path))
    assert code == 2 and "not a BagIt bag" in output


# --- metadata from the headers ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [LETTER, ARTICLE])
def test_dublin_core_fields_equal_the_header(deposit, name):
    record = etree.parse(str(deposit / "teitools-edition" / "data" / "metadata" / f"{name}.oai_dc.xml"))
    source = header(name)
    assert value(record, "dc:title") == value(source, "tei:fileDesc/tei:titleStmt/tei:title")
    author_key = value(source, "tei:fileDesc/tei:titleStmt/tei:author/tei:persName/@ref").split("#")[1]
    assert value(record, "dc:creator") == value(person(author_key), "tei:persName[@type='normalized']")
    # One dc:date, the publication date: oai_dc has no refinements to tell two apart.
    assert record.xpath("dc:date/text()", namespaces=NS) == [
        value(source, "tei:fileDesc/tei:publicationStmt/tei:date/@when")
    ]
    # Identifiers are URIs: the page address the header gives, not the local slug.
    assert record.xpath("dc:identifier/text()", namespaces=NS) == [
        value(source, "tei:fileDesc/tei:publicationStmt/tei:idno[@type='URL']")
    ]
    assert value(record, "dc:language") == value(source, "tei:profileDesc/tei:langUsage/tei:language/@ident")
    licences = source.xpath("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence", namespaces=NS)
    rights = record.xpath("dc:rights/text()", namespaces=NS)
    assert all(any(" ".join(lic.xpath("string()").split()) in r for r in rights) for lic in licences)


def test_dublin_core_source_keeps_the_address_of_its_pointer(deposit):
    record = etree.parse(str(deposit / "teitools-edition" / "data" / "metadata" / f"{ARTICLE}.oai_dc.xml"))
    target = value(header(ARTICLE), ".//tei:bibl[@type='digital']/tei:ptr/@target")
    digital = record.xpath("dc:source/text()", namespaces=NS)[0]
    assert f"Marxists Internet Archive, {target}; transcribed" in digital
    assert "The page's header" not in digital  # the bibl's note is not part of the description


@pytest.mark.parametrize("name", [LETTER, ARTICLE])
def test_datacite_fields_equal_the_header(deposit, name):
    metadata = deposit / "teitools-edition" / "data" / "metadata" / f"{name}.datacite.json"
    data = json.loads(metadata.read_text())["data"]
    attributes = data["attributes"]
    source = header(name)
    assert data["type"] == "dois" and "id" not in data  # no DOI in the headers: a draft, without event
    assert "doi" not in attributes and "event" not in attributes
    assert attributes["url"] == value(source, "tei:fileDesc/tei:publicationStmt/tei:idno[@type='URL']")
    assert attributes["titles"] == [{"title": value(source, "tei:fileDesc/tei:titleStmt/tei:title")}]
    trotsky = person("trotsky")
    assert attributes["creators"][0]["name"] == value(trotsky, "tei:persName[@type='normalized']")
    assert attributes["creators"][0]["familyName"] == value(trotsky, "tei:persName/tei:surname")
    assert attributes["creators"][0]["nameIdentifiers"][0] == {
        "nameIdentifier": "http://www.wikidata.org/entity/" + value(trotsky, "tei:idno"),
        "nameIdentifierScheme": "Wikidata",
        "schemeUri": "http://www.wikidata.org/entity/",
    }
    published = value(source, "tei:fileDesc/tei:publicationStmt/tei:date/@when")
    assert attributes["publicationYear"] == published[:4]
    assert attributes["publisher"] == {"name": value(source, ".//tei:publicationStmt/tei:publisher")}
    assert {"date": published, "dateType": "Issued"} in attributes["dates"]
    assert attributes["language"] == value(source, "tei:profileDesc/tei:langUsage/tei:language/@ident")
    for licence in source.xpath(".//tei:availability/tei:licence", namespaces=NS):
        expected = {"rights": " ".join(licence.xpath("string()").split()), "rightsUri": licence.get("target")}
        assert expected in attributes["rightsList"]
    contributors = {c["name"]: c["contributorType"] for c in attributes["contributors"]}
    assert contributors["teitools project"] == "Editor"
    assert contributors["The editors of the teitools project"] == "ContactPerson"
    if name == ARTICLE:
        assert contributors["Walters, David"] == "Other"  # a transcriber is not a DataCollector
        assert attributes["relatedIdentifiers"][0]["relatedIdentifier"].endswith("1923/12/faction.htm")
        journal = {"relatedItemType": "Journal", "titles": [{"title": "New International"}]}
        pages = {"volume": "2", "issue": "1", "firstPage": "16", "lastPage": "19", "publicationYear": "1935"}
        assert (journal | pages).items() <= attributes["relatedItems"][0].items()


def test_the_personography_record_has_its_compiler_as_creator(deposit):
    metadata = deposit / "teitools-edition" / "data" / "metadata" / "persons.datacite.json"
    attributes = json.loads(metadata.read_text())["data"]["attributes"]
    assert attributes["creators"] == [{"name": "teitools project", "nameType": "Organizational"}]
    assert attributes["types"] == {"resourceTypeGeneral": "Text", "resourceType": "Personography"}


def test_cmif_names_sender_addressee_date_and_its_own_address(deposit):
    cmif = etree.parse(str(deposit / "teitools-edition" / "data" / "metadata" / "cmif.xml"))
    sent = cmif.xpath("//tei:correspAction[@type='sent']", namespaces=NS)[0]
    received = cmif.xpath("//tei:correspAction[@type='received']", namespaces=NS)[0]
    assert value(sent, "tei:persName") == "Trotsky, Leon"
    assert value(sent, "tei:persName/@ref") == "http://www.wikidata.org/entity/" + value(
        person("trotsky"), "tei:idno"
    )
    assert value(sent, "tei:date/@when") == value(
        header(LETTER), ".//tei:correspAction[@type='sent']/tei:date/@when"
    )
    assert value(received, "tei:persName") == "Bukharin, Nikolai Ivanovich"
    assert value(cmif, "//tei:licence/@target") == "https://creativecommons.org/licenses/by/4.0/"
    letter_url = value(header(LETTER), ".//tei:publicationStmt/tei:idno[@type='URL']")
    assert value(cmif, "//tei:correspDesc/@ref") == letter_url
    base = letter_url.removesuffix(f"outputs/{LETTER}.html")
    assert value(cmif, "//tei:publicationStmt/tei:idno[@type='url']") == base + "metadata/cmif.xml"
    assert value(cmif, "//tei:publicationStmt/tei:date/@when") == "2026-11-22"  # no invented time
    contact = header(LETTER).find(f".//{{{TEI_NS}}}distributor")
    assert value(cmif, "//tei:editor/tei:email") == value(contact, "tei:email")
    bibl_id = value(cmif, "//tei:bibl/@xml:id")
    assert bibl_id == str(uuid.uuid5(uuid.NAMESPACE_URL, base)) or bibl_id.startswith(tuple("abcdef")), (
        bibl_id
    )
    assert value(cmif, "//tei:correspDesc/@source") == f"#{bibl_id}"


# --- against the official schemas of the formats (../shared/reference/deposit-schemas) ----------------------


@pytest.fixture(scope="module")
def deposit_with_doi(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("deposit-doi")
    code, message = run("-o", str(output), "--doi", "10.5072", "--base-url", "https://example.net/edition")
    assert code == 0, message
    return output / "teitools-edition" / "data" / "metadata"


def official_xsd(path: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(OFFICIAL / path)))


def metadata_files(deposit: Path, pattern: str) -> list[Path]:
    files = sorted((deposit / "teitools-edition" / "data" / "metadata").glob(pattern))
    assert files
    return files


def test_oai_dc_is_valid_against_the_official_schema(deposit):
    schema = official_xsd("oai_dc/oai_dc.xsd")
    for path in metadata_files(deposit, "*.oai_dc.xml"):
        assert schema.validate(etree.parse(str(path))), (path.name, schema.error_log)


def test_datacite_json_is_valid_against_datacite_schema45(deposit, deposit_with_doi):
    schema45 = pytest.importorskip("datacite.schema45")
    for path in [*metadata_files(deposit, "*.datacite.json"), *deposit_with_doi.glob("*.datacite.json")]:
        attributes = json.loads(path.read_text())["data"]["attributes"]
        errors = [e.message for e in schema45.validator.iter_errors(attributes)]
        assert errors == [], (path, errors)


def test_with_a_doi_the_envelope_registers_and_datacite_xml_is_valid(deposit_with_doi):
    data = json.loads((deposit_with_doi / f"{LETTER}.datacite.json").read_text())["data"]
    assert data["id"] == data["attributes"]["doi"] == f"10.5072/{LETTER}"
    assert data["attributes"]["url"] == f"https://example.net/edition/outputs/{LETTER}.html"
    assert data["attributes"]["event"] == "publish"
    schema = official_xsd("datacite-4.5/metadata.xsd")
    for path in sorted(deposit_with_doi.glob("*.datacite.xml")):
        document = etree.parse(str(path))
        assert schema.validate(document), (path.name, schema.error_log)
    letter = etree.parse(str(deposit_with_doi / f"{LETTER}.datacite.xml"))
    assert value(letter, "dcite:identifier") == f"10.5072/{LETTER}"
    assert value(letter, "dcite:titles/dcite:title") == value(header(LETTER), ".//tei:titleStmt/tei:title")


def test_no_datacite_xml_without_a_doi(deposit):
    assert not list((deposit / "teitools-edition" / "data" / "metadata").glob("*.datacite.xml"))


def test_cmif_is_valid_against_the_cmif_relax_ng_schema_and_schematron(deposit, deposit_with_doi):
    grammar = etree.RelaxNG(etree.parse(str(OFFICIAL / "cmif" / "schema" / "cmi-customization.rng")))
    schematron = Schematron(OFFICIAL / "cmif" / "odd" / "cmif.sch")
    for path in (
        deposit / "teitools-edition" / "data" / "metadata" / "cmif.xml",
        deposit_with_doi / "cmif.xml",
    ):
        tree = etree.parse(str(path))
        assert grammar.validate(tree), grammar.error_log
        document = Document(path, path.name, tree, path.read_bytes(), path)
        assert schematron.check(document) == []  # not even the UUID warning


def test_cmif_is_valid_tei(deposit, tei_all):
    cmif = etree.parse(str(deposit / "teitools-edition" / "data" / "metadata" / "cmif.xml"))
    assert tei_all.validate(cmif), tei_all.error_log


# --- the headers drive every crosswalk ----------------------------------------------------------------------


def edition_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TEI_DIR, tmp_path / "tei"))


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text()
    assert content.count(old) == 1, old
    path.write_text(content.replace(old, new))


def test_a_changed_header_field_shows_up_in_every_crosswalk(tmp_path):
    edition = edition_copy(tmp_path)
    letter = edition / f"{LETTER}.xml"
    edit(letter, "<title>Letter to Nikolai Bukharin, January 9, 1926</title>", "<title>To Bukharin</title>")
    edit(letter, "https://teitools.example.org/outputs/", "https://moved.example.org/outputs/")
    for document in edition.glob("*.xml"):  # the edition moves as a whole: the CMIF file's address follows
        content = document.read_text().replace("https://teitools.example.org/", "https://moved.example.org/")
        document.write_text(content.replace("editors@teitools", "letters@teitools"))
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 0, output
    bag = tmp_path / "out" / "teitools-edition"
    metadata = bag / "data" / "metadata"
    page = f"https://moved.example.org/outputs/{LETTER}.html"
    dc = etree.parse(str(metadata / f"{LETTER}.oai_dc.xml"))
    assert value(dc, "dc:title") == "To Bukharin" and value(dc, "dc:identifier") == page
    attributes = json.loads((metadata / f"{LETTER}.datacite.json").read_text())["data"]["attributes"]
    assert attributes["titles"] == [{"title": "To Bukharin"}] and attributes["url"] == page
    cmif = etree.parse(str(metadata / "cmif.xml"))
    assert value(cmif, "//tei:correspDesc/@ref") == page
    assert value(cmif, "//tei:idno[@type='url']") == "https://moved.example.org/metadata/cmif.xml"
    assert value(cmif, "//tei:editor/tei:email") == "letters@teitools.example.org"
    assert "- To Bukharin" in (bag / "data" / "README.md").read_text()
    assert bagit.Bag(str(bag)).info["Contact-Email"] == "letters@teitools.example.org"


def test_a_postal_address_of_the_contact_goes_into_bag_info(tmp_path, deposit):
    assert "Organization-Address" not in bagit.Bag(str(deposit / "teitools-edition")).info
    edition = edition_copy(tmp_path)
    address = "<address><addrLine>1 Example Street</addrLine><addrLine>Example Town</addrLine></address>"
    for document in edition.glob("*.xml"):
        edit(document, "@teitools.example.org</email>", f"@teitools.example.org</email> {address}")
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 0, output
    info = bagit.Bag(str(tmp_path / "out" / "teitools-edition")).info
    assert info["Organization-Address"] == "1 Example Street, Example Town"
    assert info["Contact-Name"] == "The editors of the teitools project"


def test_a_changed_publication_date_shows_up_in_every_crosswalk(tmp_path):
    edition = edition_copy(tmp_path)
    edit(
        edition / f"{LETTER}.xml",
        '<date when="2026-11-22">2026-11-22</date>',
        '<date when="2026-12-01">1 December 2026</date>',
    )
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"), "--doi", "10.5072")
    assert code == 0, output
    bag = tmp_path / "out" / "teitools-edition"
    metadata = bag / "data" / "metadata"
    assert value(etree.parse(str(metadata / f"{LETTER}.oai_dc.xml")), "dc:date") == "2026-12-01"
    attributes = json.loads((metadata / f"{LETTER}.datacite.json").read_text())["data"]["attributes"]
    assert {"date": "2026-12-01", "dateType": "Issued"} in attributes["dates"]
    datacite_xml = etree.parse(str(metadata / f"{LETTER}.datacite.xml"))
    assert value(datacite_xml, "dcite:dates/dcite:date[@dateType='Issued']") == "2026-12-01"
    assert (
        value(etree.parse(str(metadata / "cmif.xml")), "//tei:publicationStmt/tei:date/@when") == "2026-12-01"
    )
    assert bagit.Bag(str(bag)).info["Bagging-Date"] == "2026-12-01"


def test_without_an_address_the_package_warns_where_and_writes_no_cmif(tmp_path):
    edition = edition_copy(tmp_path)
    letter = edition / f"{LETTER}.xml"
    url_line = next(line for line in letter.read_text().splitlines() if '<idno type="URL">' in line)
    edit(letter, url_line + "\n", "")
    statement_line = 1 + letter.read_text().splitlines().index("      <publicationStmt>")
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 0, output
    assert f"{LETTER}.xml:{statement_line}:7: warning: the header lacks the address" in output
    assert "[deposit-address]" in output and "[cmif-address]" in output
    assert f"{LETTER}.xml:{statement_line}:7: warning: no CMIF file written" in output
    metadata = tmp_path / "out" / "teitools-edition" / "data" / "metadata"
    assert not (metadata / "cmif.xml").exists()
    assert "url" not in json.loads((metadata / f"{LETTER}.datacite.json").read_text())["data"]["attributes"]
    # --base-url gives the address: no warning, and the CMIF file is written.
    code, output = run(
        "--edition", str(edition), "-o", str(tmp_path / "out2"), "--base-url", "https://x.example/"
    )
    assert code == 0 and "deposit-address" not in output and "cmif-address" not in output
    assert (tmp_path / "out2" / "teitools-edition" / "data" / "metadata" / "cmif.xml").is_file()


def test_the_cmif_bibl_uuid_is_stable_and_derived_from_the_edition_address(tmp_path, deposit):
    first = value(etree.parse(str(deposit / "teitools-edition/data/metadata/cmif.xml")), "//tei:bibl/@xml:id")
    code, _ = run("-o", str(tmp_path / "a"), "--base-url", "https://other.example/")
    assert code == 0
    other = value(
        etree.parse(str(tmp_path / "a/teitools-edition/data/metadata/cmif.xml")), "//tei:bibl/@xml:id"
    )
    assert uuid.UUID(first).version == uuid.UUID(other).version == 5
    assert first != other and not first[0].isdigit() and not other[0].isdigit()


def test_a_bad_doi_prefix_is_a_usage_error(tmp_path):
    code, output = run("-o", str(tmp_path), "--doi", "doi:10.5072")
    assert code == 2 and "DOI prefix" in output


# --- --check re-validates the metadata --------------------------------------------------------------------


def test_check_reports_metadata_that_no_longer_validates(bag_copy):
    record = bag_copy / "data" / "metadata" / f"{LETTER}.datacite.json"
    envelope = json.loads(record.read_text())
    del envelope["data"]["attributes"]["creators"]
    record.write_text(json.dumps(envelope))
    cmif = bag_copy / "data" / "metadata" / "cmif.xml"
    cmif.write_text(cmif.read_text().replace('type="url"', 'type="URL"'))
    bag = bagit.Bag(str(bag_copy))
    bag.save(manifests=True)  # checksums updated: only the schemas can tell
    code, output = run("--check", str(bag_copy))
    assert code == 1
    assert (
        f"data/metadata/{LETTER}.datacite.json:1:1: error: at /: 'creators' is a required property" in output
    )
    assert "data/metadata/cmif.xml" in output and "[cmif-schema]" in output
    assert "[bag-changed]" not in output


def test_metadata_that_would_not_validate_is_refused_with_its_findings(tmp_path):
    code, output = run("-o", str(tmp_path / "out"), "--base-url", "https://example.net/an edition")
    assert code == 1
    assert "metadata/cmif.xml:" in output and "[cmif-schema]" in output
    assert "nothing was packaged" in output and not (tmp_path / "out" / "teitools-edition").exists()
