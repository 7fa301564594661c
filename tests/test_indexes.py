"""The indexes: persons, places, organisations, works and the chronology, built from per-document entries.

Counts are checked against the TEI read with lxml, links both ways against the rendered pages, the JSON
against schema/index.schema.json (with the jsonschema library), on the edition, a fixture with every case,
and the Schnitzler letters of ../shared/corpus.
"""

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS, ROOT, TEI_DIR, TEI_NS
from lxml import etree, html
from test_edition import ARTICLE, LETTER

from teitools.indexes import INDEX_SCHEMA, INDEXES, build
from teitools.render import ENTRIES
from teitools.run import RunOptions, map_document, render

NS = {"tei": TEI_NS}
FIXTURE = ROOT / "tests" / "data" / "indexes.xml"
SCHNITZLER = CORPUS / "schnitzler-briefe"
SCHEMA = json.loads(INDEX_SCHEMA.read_text(encoding="utf-8"))
# Outside the authority lists, and in the text as read (not in what a choice corrects or expands).
NOT_READ = ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "sic", "orig", "abbr")
OUTSIDE_LISTS = "not(" + " or ".join(f"ancestor::tei:{name}" for name in NOT_READ) + ")"
# What an element id looks like: "article-n6", "letter-p12", "persName-3", "pmb2121", "K_L00066-1".
ELEMENT_ID = re.compile(r"^[A-Za-z_]+[-_]?[A-Za-z_]*\d+(-\d+)?$")


def render_to(output: Path, *paths: Path) -> Path:
    result = render(list(paths), output)
    assert result.report.findings == []
    return output


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    return render_to(tmp_path_factory.mktemp("edition"), TEI_DIR)


@pytest.fixture(scope="module")
def fixture(tmp_path_factory) -> Path:
    return render_to(tmp_path_factory.mktemp("fixture"), FIXTURE)


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    return render_to(tmp_path_factory.mktemp("letters"), SCHNITZLER)


def index(site: Path, kind: str) -> dict:
    name = next(i.name for i in INDEXES if i.kind == kind)
    return json.loads((site / f"{name}.json").read_text(encoding="utf-8"))


def occurrences(data: dict) -> list[dict]:
    return [o for entry in data["entries"] for o in entry["occurrences"]] + data["unidentified"]


def in_text(path: Path, xpath: str) -> list[etree._Element]:
    return etree.parse(str(path)).xpath(f"//tei:text//{xpath}[{OUTSIDE_LISTS}]", namespaces=NS)


# --- the data -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("site_name", ["edition", "fixture", "letters"])
@pytest.mark.parametrize("kind", [i.kind for i in INDEXES])
def test_index_json_is_valid_against_the_schema(request, site_name, kind):
    data = index(request.getfixturevalue(site_name), kind)
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(data)] == []
    assert data["index"] == kind and data["entries"]


def test_the_schema_refuses_an_index_without_occurrences(edition):
    data = index(edition, "place")
    data["entries"][0]["occurrences"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize(
    ("kind", "element"),
    [("person", "persName"), ("place", "placeName"), ("org", "orgName"), ("work", "title")],
)
def test_counts_equal_the_mentions_in_the_tei(edition, kind, element):
    expected: Counter = Counter()
    for path in (LETTER, ARTICLE):
        for mention in in_text(path, f"tei:{element}[@ref]"):
            expected[mention.get("ref").split("#")[1]] += 1
    data = index(edition, kind)
    assert {e["id"]: e["mentions"] for e in data["entries"]} == dict(expected)
    assert {e["id"]: len(e["occurrences"]) for e in data["entries"]} == dict(expected)
    assert data["mentions"] == sum(expected.values()) + len(data["unidentified"])


def test_the_chronology_counts_every_date_of_the_texts(edition):
    expected = Counter()
    for path in (LETTER, ARTICLE):
        for date in in_text(path, "tei:date"):
            expected[date.get("when") or "range"] += 1
    data = index(edition, "date")
    assert data["mentions"] == sum(expected.values()) and data["unidentified"] == []
    by_id = {e["id"]: e["mentions"] for e in data["entries"]}
    assert {key: count for key, count in expected.items() if key != "range"} == {
        key: count for key, count in by_id.items() if re.fullmatch(r"[\d-]+", key)
    }


def test_unreferenced_bibliographic_references_are_unidentified_works(edition):
    bibls = [b for path in (LETTER, ARTICLE) for b in in_text(path, "tei:bibl[not(.//tei:title/@ref)]")]
    assert len(index(edition, "work")["unidentified"]) == len(bibls) > 0


def test_the_letters_index_their_own_back_matter(letters):
    """Schnitzler letters: rs with @type, pointing into the records at the back of each letter."""
    letters_files = sorted(SCHNITZLER.glob("L*.xml"))
    for kind in ("person", "place", "org", "work"):
        names = {
            "person": "persName",
            "place": "placeName",
            "org": "orgName",
            "work": "title[@ref] or self::tei:bibl[not(.//tei:title/@ref)]",
        }[kind]
        expected = sum(
            len(in_text(path, f"*[self::tei:rs[@type='{kind}'] or self::tei:{names}]"))
            for path in letters_files
        )
        data = index(letters, kind)
        assert data["mentions"] == expected > 0, kind
        assert all(e["occurrences"] for e in data["entries"])
    persons = {e["id"]: e for e in index(letters, "person")["entries"]}
    assert persons["pmb10815"]["name"] == "Hermann Bahr" and persons["pmb10815"]["birth"] == "1863-07-19"
    places = index(letters, "place")["entries"]
    assert sum("coordinates" in p for p in places) >= len(places) // 2
    dates = sum(len(in_text(path, "tei:date")) for path in letters_files)
    assert index(letters, "date")["mentions"] == dates


# --- occurrence lines a reader understands --------------------------------------------------------------


@pytest.mark.parametrize("site_name", ["edition", "letters"])
def test_no_label_is_an_element_id_and_every_line_has_context(request, site_name):
    site = request.getfixturevalue(site_name)
    for kind in (i.kind for i in INDEXES):
        for occurrence in occurrences(index(site, kind)):
            assert not ELEMENT_ID.match(occurrence["label"]), occurrence
            assert re.search(r"\w", occurrence["before"] + occurrence["after"]), occurrence
            assert occurrence["form"] not in ("", occurrence["label"])


def test_paragraph_labels_count_the_paragraphs_of_the_text(edition):
    """ "¶ n" is the paragraph's place among the text's paragraphs: the source numbers them in its ids."""
    anchors = {}
    for path in (LETTER, ARTICLE):
        for p in in_text(path, "tei:p[@xml:id][not(ancestor::tei:note)]"):
            number = re.search(r"p(\d+)$", p.get("{http://www.w3.org/XML/1998/namespace}id")).group(1)
            anchors[path.stem] = anchors.get(path.stem, {}) | {p: number}
    checked = 0
    for occurrence in occurrences(index(edition, "place")):
        if occurrence["label"].startswith("¶"):
            checked += 1
            document, anchor = occurrence["href"].removesuffix("").split(".html#")
            element = html.fromstring((edition / f"{document}.html").read_bytes()).get_element_by_id(anchor)
            paragraph = next(a for a in element.iterancestors() if a.tag == "p")
            assert occurrence["label"] == "¶ " + paragraph.get("id").rsplit("p", 1)[1]
    assert checked > 50


def test_labels_name_notes_letter_parts_and_pages(edition, fixture):
    bukharin = next(e for e in index(edition, "person")["entries"] if e["id"] == "bukharin")
    labels = [o["label"] for o in bukharin["occurrences"]]
    assert {"note 3", "heading", "salutation", "¶ 6", "¶ 20"} <= set(labels)
    andreyev = next(e for e in index(edition, "person")["entries"] if e["id"] == "andreyev")
    assert [o["label"] for o in andreyev["occurrences"]] == ["note 6"]
    turin = index(fixture, "place")["entries"][0]
    assert [o["label"] for o in turin["occurrences"]] == ["p. 11, ¶ 1", "p. 12, ¶ 2"]


def test_an_index_page_is_the_page_marker_before_the_mention(fixture, letters):
    """The page an index gives for a mention ("p. 12", "p. [2]" for a page without a printed number) is the
    marker of the last page break before it, as a reader sees it in the page (a note's mention: before its
    marker, the notes being listed after the text)."""
    checked = Counter()
    for site in (fixture, letters):
        for kind in ("person", "place", "org", "date"):
            for occurrence in occurrences(index(site, kind)):
                if not occurrence["label"].startswith("p. "):
                    continue
                document, anchor = occurrence["href"].split(".html#")
                page = html.fromstring((site / f"{document}.html").read_bytes())
                mention = page.get_element_by_id(anchor)
                note = mention.xpath("ancestor::li[../../@class = 'notes']/@id")
                if note:  # where the note's marker is
                    mention = page.get_element_by_id(f"ref-{note[0]}")
                marker = mention.xpath("preceding::span[@class = 'pb'][1]")[0]
                assert marker.text_content() == f"[{occurrence['label'].split(', ')[0]}]"
                checked["numbered" if marker.text_content()[4].isdigit() else "counted"] += 1
    assert checked["numbered"] > 2 and checked["counted"] > 50


def test_context_is_a_few_words_either_side_of_the_form(edition):
    pravda = next(e for e in index(edition, "work")["entries"] if e["id"] == "pravda")
    line = pravda["occurrences"][1]
    assert line["before"] == "… unanimous voting more than once in "
    assert line["after"] == " and, following Zinoviev’s lead, have described …"
    opposition = next(e for e in index(edition, "org")["entries"] if e["id"] == "left_opposition")
    quoted = next(o for o in opposition["occurrences"] if o["before"].endswith("“"))
    assert quoted["after"].startswith("”")  # no space added inside the quotation marks


def test_context_and_forms_keep_words_apart_where_the_page_does(letters):
    """What stands between words without being a word (a page break, a space, the next line of an address or a
    letterhead) reads as a space, and a pointer that stands for a date reads as that date, as on the page."""
    lines = {
        (o["href"].split("#")[0], o["before"] + o["form"] + o["after"])
        for kind in (i.kind for i in INDEXES)
        for o in occurrences(index(letters, kind))
    }
    text = " ".join(line for _, line in lines)
    for kept in (
        "Paul Horn soll",  # Paul<pb/>Horn
        "Kanners Feuilletons",  # </hi><space/><rs>
        "Herrn Dr. Arthur Schnitzler Wien XVIII.",  # one addrLine each
        "Rue Feydeau. Paris, 23.",  # two segments of a letterhead line
        "zwischen 1904-01-09 und 1904-01-14 am",  # <ref target="1904-01-09"/>
    ):
        assert kept in " ".join(text.split()), kept
    for glued in ("PaulHorn", "KannersFeuilletons", "HerrnDr.", "Feydeau.Paris", "zwischen und"):
        assert glued not in text, glued


# --- unidentified mentions, dates, authority facts ------------------------------------------------------


def test_missing_and_unresolved_refs_are_listed_as_unidentified(fixture):
    persons = index(fixture, "person")
    assert [(u["form"], u["ref"]) for u in persons["unidentified"]] == [
        ("Mr Nobody", ""),
        ("a ghost", "#ghost"),
    ]
    page = html.fromstring((fixture / "person-index.html").read_bytes())
    assert "Mr Nobody" in page.get_element_by_id("unidentified").text_content()
    text = html.fromstring((fixture / "indexes.html").read_bytes())
    assert text.get_element_by_id("persName-2").get("href") == "person-index.html#unidentified"


def test_the_chronology_is_sorted_and_shows_ranges_and_certainty(fixture, edition):
    dates = index(fixture, "date")
    assert [e["name"] for e in dates["entries"]] == [
        "not before -0100, not after -0050",  # before the common era, in the order of time
        "-0044-03-15",
        "from 1840-10 to 1841",
        "not before 1842, not after 1843 (certainty: low)",
        "1843-07-01",
    ]
    assert dates["entries"][3]["cert"] == "low" and [u["form"] for u in dates["unidentified"]] == [
        "other day"
    ]
    # HTML's dates have no year before the common era: such a date is no <time>.
    page = html.fromstring((fixture / "indexes.html").read_bytes())
    assert page.xpath("//main//*[@class='date'][contains(., 'Ides')]")[0].tag == "span"
    assert page.xpath("//main//time[@class='date']/@datetime")[0] == "1843-07-01"
    starts = [e["start"] for e in index(edition, "date")["entries"]]
    assert starts == sorted(starts) and starts[0] == "1917-09"


def test_records_give_their_facts(fixture):
    ada = index(fixture, "person")["entries"][0]
    assert (ada["name"], ada["birth"], ada["death"], ada["variants"]) == (
        "Ada Lovelace", "1815-12-10", "1852", ["Augusta Ada King"]
    )  # fmt: skip
    assert ada["authorities"] == [{"type": "VIAF", "id": "17220427", "uri": "https://viaf.org/viaf/17220427"}]
    turin = index(fixture, "place")["entries"][0]
    assert turin["coordinates"] == {"lat": 45.0703, "lon": 7.6869}  # decimal commas read
    assert turin["forms"] == ["Torino", "Turin"]


def test_a_documents_entries_are_compact_facts():
    """The map step: what crosses documents is each mention and each record once, not the document."""
    text = map_document(LETTER, RunOptions(formats=(ENTRIES,), link_indexes=True)).outputs[ENTRIES]
    facts = json.loads(text)
    records = [(r["kind"], r["id"]) for r in facts["records"]]
    assert len(records) == len(set(records))
    assert len(facts["mentions"]) == len(in_text(LETTER, "*[self::tei:persName or self::tei:placeName"
                                                 " or self::tei:orgName or self::tei:title[@ref]"
                                                 " or self::tei:bibl or self::tei:date]"))  # fmt: skip
    assert facts["document"] == {"title": "Letter to Nikolai Bukharin, January 9, 1926",
                                 "authors": "L. Trotsky", "date": "9 January 1926"}  # fmt: skip
    assert len(text) < len(LETTER.read_text(encoding="utf-8"))


def test_the_same_id_in_two_documents_is_one_entry():
    """Letters that each carry the records they cite: one entry, occurrences in run order."""

    def document(name: str) -> dict:
        mention = {"kind": "person", "entry": "p1", "ref": "#p1", "form": name, "anchor": "persName-1",
                   "label": "¶ 1", "before": "", "after": " wrote."}  # fmt: skip
        record = {"kind": "person", "id": "p1", "name": f"Record of {name}", "sort": "x", "variants": [],
                  "authorities": []}  # fmt: skip
        return {"document": {"name": name, "title": name}, "mentions": [mention], "records": [record]}

    persons = build([document("b"), document("a")])["person"]["entries"]
    assert len(persons) == 1 and persons[0]["name"] == "Record of b"
    assert [o["document"] for o in persons[0]["occurrences"]] == ["b", "a"] and persons[0]["documents"] == 2


# --- both ways, navigation, the edition index -----------------------------------------------------------


def html_pages(site: Path) -> dict[str, html.HtmlElement]:
    return {p.name: html.fromstring(p.read_bytes()) for p in sorted(site.glob("*.html"))}


@pytest.mark.parametrize("site_name", ["edition", "fixture"])
def test_each_mention_links_to_its_entry_and_the_entry_back_to_it(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = html_pages(site)
    documents = {i.kind: i.name + ".html" for i in INDEXES}
    marked = set()
    for name, tree in pages.items():
        for mention in tree.xpath("//*[starts-with(@class, 'mention ')]"):
            marked.add(f"{name}#{mention.get('id')}")
            if mention.tag != "a":
                assert mention.xpath("ancestor::a"), "only a mention inside a link is left unlinked"
                continue
            target_page, entry_id = mention.get("href").split("#")
            assert target_page == documents[mention.get("class").split()[1]]
            section = pages[target_page].get_element_by_id(entry_id)
            back = section.xpath(".//ul[@class='occurrences']/li/a/@href")
            assert f"{name}#{mention.get('id')}" in back, (name, mention.get("id"))
    hrefs = [o["href"] for i in INDEXES for o in occurrences(index(site, i.kind))]
    assert sorted(hrefs) == sorted(marked)


def test_every_occurrence_leads_to_the_exact_spot(edition):
    pages = html_pages(edition)
    for kind in (i.kind for i in INDEXES):
        for occurrence in occurrences(index(edition, kind)):
            page_name, anchor = occurrence["href"].split("#")
            spot = pages[page_name].get_element_by_id(anchor)
            shown = "".join(spot.xpath(".//text()[not(ancestor::*[@class='original'])]"))
            assert " ".join(shown.split()) == occurrence["form"], occurrence


def test_singular_and_plural_are_right(edition):
    text = html_pages(edition)["person-index.html"].text_content()
    assert "1 mention in 1 document:" in text and "mentions in 2 documents:" in text
    assert "(s)" not in text and "1 mentions" not in text and "1 documents" not in text


def test_every_page_reaches_every_index(edition):
    hrefs = [f"{i.name}.html" for i in INDEXES]
    for name, tree in html_pages(edition).items():
        assert tree.xpath("//nav[@aria-label='Edition']//a/@href") == ["index.html", *hrefs], name


def test_the_edition_index_lists_documents_with_dates_and_indexes_with_counts(edition):
    page = html_pages(edition)["index.html"]
    documents = [li.text_content() for li in page.xpath("//ul[@class='documents']/li")]
    assert any("Letter to Nikolai Bukharin" in d and "9 January 1926" in d for d in documents)
    # Each document's plain text is a short link beside its title, named in full for a list of links.
    texts = page.xpath("//ul[@class='documents']/li/a[2]")
    assert [a.text for a in texts] == ["plain text"] * len(documents)
    titles = [a.getparent().xpath("string(a[1])") for a in texts]
    assert [a.get("aria-label") for a in texts] == [f"plain text of “{title}”" for title in titles]
    lines = {li.xpath("a")[0].text: li.text_content() for li in page.xpath("//ul[@class='indexes']/li")}
    for kind in (i.kind for i in INDEXES):
        data = index(edition, kind)
        title = data["title"]
        assert f"{len(data['entries'])} entries, {data['mentions']} mentions" in lines[title]
