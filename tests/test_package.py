"""teitools package: the BagIt deposit, its metadata crosswalks, its determinism and its check."""

import json
import shutil
import zipfile
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from conftest import ROOT, TEI_DIR, TEI_NS
from lxml import etree

from teitools.cli import main

NS = {"tei": TEI_NS, "dc": "http://purl.org/dc/elements/1.1/"}
LETTER = "trotsky-1926-01-09-letter-to-bukharin"
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
    assert (
        bag.info["Source-Organization"]
        == bag.info["Contact-Name"]
        == value(header(LETTER), ".//tei:publisher")
    )
    assert "Letter to Nikolai Bukharin" in bag.info["External-Description"]


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
    assert report["summary"] == {"files": 3, "errors": 0, "warnings": 0}
    assert "CC BY 4.0" in (data / "LICENSE").read_text() and "Public Domain" in (data / "LICENSE").read_text()
    assert f"tei/{LETTER}.xml" in (data / "README.md").read_text()


def test_the_same_edition_gives_the_same_bag_and_zip_bytes(deposit, tmp_path):
    assert run("-o", str(tmp_path))[0] == 0
    first, second = deposit / "teitools-edition.zip", tmp_path / "teitools-edition.zip"
    assert first.read_bytes() == second.read_bytes()
    assert {i.date_time for i in zipfile.ZipFile(first).infolist()} == {(2026, 11, 22, 0, 0, 0)}


def test_an_invalid_edition_is_refused_with_its_findings_and_nothing_is_written(tmp_path):
    edition = Path(shutil.copytree(TEI_DIR, tmp_path / "tei"))
    letter = edition / f"{LETTER}.xml"
    letter.write_text(letter.read_text().replace('<language ident="en">', "<language>"))
    code, output = run("--edition", str(edition), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "[deposit-language]" in output and "nothing was packaged" in output
    assert not (tmp_path / "out").exists()


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
    dates = record.xpath("dc:date/text()", namespaces=NS)
    assert value(source, "tei:fileDesc/tei:publicationStmt/tei:date/@when") in dates
    assert value(record, "dc:language") == value(source, "tei:profileDesc/tei:langUsage/tei:language/@ident")
    licences = source.xpath("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence", namespaces=NS)
    rights = record.xpath("dc:rights/text()", namespaces=NS)
    assert all(any(" ".join(lic.xpath("string()").split()) in r for r in rights) for lic in licences)


@pytest.mark.parametrize("name", [LETTER, ARTICLE])
def test_datacite_fields_equal_the_header(deposit, name):
    metadata = deposit / "teitools-edition" / "data" / "metadata" / f"{name}.datacite.json"
    attributes = json.loads(metadata.read_text())["data"]["attributes"]
    source = header(name)
    assert attributes["titles"] == [{"title": value(source, "tei:fileDesc/tei:titleStmt/tei:title")}]
    trotsky = person("trotsky")
    assert attributes["creators"][0]["name"] == value(trotsky, "tei:persName[@type='normalized']")
    assert attributes["creators"][0]["nameIdentifiers"][0]["nameIdentifier"].endswith(
        value(trotsky, "tei:idno")
    )
    published = value(source, "tei:fileDesc/tei:publicationStmt/tei:date/@when")
    assert attributes["publicationYear"] == int(published[:4])
    assert {"date": published, "dateType": "Issued"} in attributes["dates"]
    assert attributes["language"] == value(source, "tei:profileDesc/tei:langUsage/tei:language/@ident")
    for licence in source.xpath(".//tei:availability/tei:licence", namespaces=NS):
        expected = {"rights": " ".join(licence.xpath("string()").split()), "rightsUri": licence.get("target")}
        assert expected in attributes["rightsList"]
    contributors = {c["name"]: c["contributorType"] for c in attributes["contributors"]}
    assert contributors["teitools project"] == "DataCurator"
    if name == ARTICLE:
        assert contributors["Walters, David"] == "DataCollector"
        assert attributes["relatedIdentifiers"][0]["relatedIdentifier"].endswith("1923/12/faction.htm")
        pages = {"volume": "2", "issue": "1", "firstPage": "16", "lastPage": "19", "publicationYear": "1935"}
        assert pages.items() <= attributes["relatedItems"][0].items()


def test_cmif_is_valid_tei_and_names_sender_addressee_and_date(deposit, tei_all):
    cmif = etree.parse(str(deposit / "teitools-edition" / "data" / "metadata" / "cmif.xml"))
    assert tei_all.validate(cmif), tei_all.error_log
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
