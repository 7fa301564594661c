"""The edition in tei/: conformance to TEI, references, ids, and fidelity to the sources."""

import re
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from conftest import EDITION_FILES, SHARED, TEI_DIR, TEI_NS
from lxml import etree

NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTER_ATTRIBUTES = ("ref", "who", "target", "corresp", "source", "resp")
LETTER = TEI_DIR / "trotsky-1926-01-09-letter-to-bukharin.xml"
ARTICLE = TEI_DIR / "trotsky-1923-12-bureaucratism-and-factional-groups.xml"
SOURCES = SHARED / "sources"


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def test_the_edition_has_both_texts_and_the_personography():
    names = {p.name for p in EDITION_FILES}
    assert {LETTER.name, ARTICLE.name, "persons.xml"} <= names


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: p.name)
def test_file_is_tei_p5_and_valid_against_tei_all(path, tei_all):
    tree = parse(path)
    assert tree.getroot().tag == f"{{{TEI_NS}}}TEI"
    assert tei_all.validate(tree), str(tei_all.error_log)


def all_ids() -> dict[Path, set[str]]:
    return {p: set(parse(p).xpath("//@xml:id")) for p in EDITION_FILES}


def test_xml_ids_are_unique_across_the_edition():
    seen: dict[str, Path] = {}
    for path in EDITION_FILES:
        ids = parse(path).xpath("//@xml:id")
        assert len(ids) == len(set(ids)), f"duplicate xml:id inside {path.name}"
        for xml_id in ids:
            assert xml_id not in seen, f"{xml_id} in both {seen[xml_id].name} and {path.name}"
            seen[xml_id] = path


@pytest.mark.parametrize("path", EDITION_FILES, ids=lambda p: p.name)
def test_every_pointer_resolves(path):
    ids = all_ids()
    for attribute in parse(path).xpath(
        "//@*[" + " or ".join(f"local-name()='{a}'" for a in POINTER_ATTRIBUTES) + "]"
    ):
        for pointer in attribute.split():
            if pointer.startswith(("http://", "https://")):
                continue
            file_part, fragment = urldefrag(pointer)
            target = (path.parent / file_part).resolve() if file_part else path
            assert target in ids, f"{path.name}: {pointer}: no such file"
            assert not fragment or fragment in ids[target], f"{path.name}: {pointer}: no such xml:id"


def test_every_name_in_the_texts_points_into_the_personography():
    for path in (LETTER, ARTICLE):
        text = parse(path).find(f"{{{TEI_NS}}}text")
        for name in text.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}placeName", f"{{{TEI_NS}}}orgName"):
            assert name.get("ref", "").startswith("persons.xml#"), etree.tostring(name)


def test_authority_ids_come_only_from_verified_rows():
    rows = [
        line.split("\t") for line in (SHARED / "reference" / "authorities.tsv").read_text().splitlines()[1:]
    ]
    verified = {row[1]: row[4] for row in rows if row[9].startswith("verified") and row[4]}
    persons = parse(TEI_DIR / "persons.xml")
    entries = persons.xpath("//tei:text//tei:idno", namespaces=NS)  # the header's idno is its address
    for idno in entries:
        key = idno.getparent().get(XML_ID)
        assert idno.get("type") == "wikidata"
        assert verified.get(key) == idno.text, f"{key}: {idno.text} is not a verified id"
    assert len(entries) == len(verified)


# --- Fidelity: the reading text equals the source, word for word ---------------------------------------

BLOCKS = {"head", "p", "salute", "signed", "dateline", "byline"}

# Lines of the sources that are web-page residue or the source's metadata block, not text.
RESIDUE = {
    "From Marxists-en",
    "Jump to navigation Jump to search",
    "Written: 1923.",
    "First Published: 1935 [in English].",
    "Source: New International, New York, Vol.2 No.1, January 1935, pages 16-19.",
    "Transcribed/HTML Markup: David Walters, February 2005.",
    "return return return return return",
    "Last updated on: 7.1.2007",
}
PUBLIC_DOMAIN_LINE = "Public Domain: Leon Trotsky Internet Archive 2005."

# The edition's recorded corrections: (source reading, corrected reading), each standing once in the source.
LETTER_CORRECTIONS = [
    ("former Mends once", "former friends once"),
    ('their "loyalty”', "their “loyalty”"),
    ("further development\n", "further development.\n"),
    ("apparatus ‘character", "apparatus character"),
    ("rank and, file", "rank and file"),
    ("process 'as well", "process as well"),
    ("sub-districts After", "sub-districts. After"),
]
ARTICLE_CORRECTIONS = [
    ("for time purpose", "for the purpose"),
    ("Preobrazhenskv", "Preobrazhensky"),
    ("Lenin’s group. .", "Lenin’s group."),
    ("to Turkey<./p>", "to Turkey."),
]


def reading(node: etree._Element, notes: list[etree._Element]) -> str:
    """The reading text of an element: corrected readings, editors' insertions in brackets, note markers."""
    name = etree.QName(node).localname
    if name == "choice":
        return reading(node.find(f"{{{TEI_NS}}}corr"), notes)
    if name == "note":
        notes.append(node)
        return f"[{node.get('n')}]"
    inner = content(node, notes)
    return f"[{inner}]" if name == "supplied" else inner


def content(node: etree._Element, notes: list[etree._Element]) -> str:
    return (node.text or "") + "".join(reading(child, notes) + (child.tail or "") for child in node)


def reading_lines(path: Path) -> list[str]:
    text = parse(path).find(f"{{{TEI_NS}}}text")
    notes: list[etree._Element] = []
    lines = [reading(el, notes) for el in text.iter() if etree.QName(el).localname in BLOCKS]
    if notes:
        lines.append("Notes")
        lines += [f"{note.get('n')}. {content(note, [])}" for note in notes]
    return [" ".join(line.split()) for line in lines]


def source_lines(path: Path, corrections: list[tuple[str, str]]) -> list[str]:
    source = path.read_text(encoding="utf-8")
    for sic, corr in corrections:
        assert source.count(sic) == 1, sic
        source = source.replace(sic, corr)
    lines = [" ".join(line.split()) for line in source.splitlines()]
    return [ln for ln in lines if ln and ln not in RESIDUE and not ln.startswith(PUBLIC_DOMAIN_LINE)]


def recorded_corrections(path: Path) -> list[tuple[str, str]]:
    choices = parse(path).xpath("//tei:text//tei:choice", namespaces=NS)
    return [
        tuple("".join(c.find(f"{{{TEI_NS}}}{part}").itertext()) for part in ("sic", "corr")) for c in choices
    ]


@pytest.mark.parametrize(
    ("edition", "source", "corrections"),
    [
        (LETTER, "trotsky-1926-01-09-letter-to-bukharin.txt", LETTER_CORRECTIONS),
        (ARTICLE, "trotsky-1923-12-bureaucratism-and-factional-groups.txt", ARTICLE_CORRECTIONS),
    ],
    ids=["letter", "article"],
)
def test_reading_text_equals_the_source_word_for_word(edition, source, corrections):
    assert reading_lines(edition) == source_lines(SOURCES / source, corrections)
    recorded = recorded_corrections(edition)
    assert len(recorded) == len(corrections)
    for sic, corr in recorded:
        assert any(sic in listed_sic and corr in listed_corr for listed_sic, listed_corr in corrections), sic


def test_the_article_has_nine_notes_numbered_in_order():
    notes = parse(ARTICLE).xpath("//tei:text//tei:note", namespaces=NS)
    assert [n.get("n") for n in notes] == [str(i) for i in range(1, 10)]


def test_every_date_has_an_iso_value():
    iso = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for path in (LETTER, ARTICLE):
        for date in parse(path).xpath("//tei:date", namespaces=NS):
            values = [date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter") if date.get(a)]
            assert values and all(iso.match(v) for v in values), etree.tostring(date)


def test_the_letter_header_has_its_correspondence():
    tree = parse(LETTER)
    sent = tree.xpath("//tei:correspAction[@type='sent']", namespaces=NS)[0]
    received = tree.xpath("//tei:correspAction[@type='received']", namespaces=NS)[0]
    assert sent.find(f"{{{TEI_NS}}}persName").get("ref") == "persons.xml#trotsky"
    assert sent.find(f"{{{TEI_NS}}}date").get("when") == "1926-01-09"
    assert received.find(f"{{{TEI_NS}}}persName").get("ref") == "persons.xml#bukharin"
