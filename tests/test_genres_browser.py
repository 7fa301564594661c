"""Real corpus documents of each genre in Debian's chromium: what a reader sees, through computed styles and
visible text (innerText), not class names. The corpus is rendered once; each page is opened from disk."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import CORPUS, ROOT
from lxml import etree
from playwright.sync_api import Page
from test_browser import browser, open_page, recording_page  # noqa: F401  (the shared chromium fixture)

from teitools.run import render

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
GENRES = ROOT / "tests" / "data" / "genres"
LETTER = "L02765.html"
DRAMA = "lessing-nathan-der-weise.html"
FAUST = "goethe-faust-eine-tragoedie.html"
APPARATUS = "testapp2.html"
INSCRIPTION = "ISic001174.html"
TABLES = "test20.html"
IMAGES = "test.html"
TRANSCRIPTION = "testtranscr.html"
SOURCE_DOCUMENT = "test32.html"
NOVEL = "ENG18950_Cross.html"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("corpus-site")
    render([CORPUS], output)
    return output


@pytest.fixture
def page(browser, corpus_site) -> Iterator[Page]:  # noqa: F811
    with recording_page(browser) as page:
        yield page


def style(page: Page, selector: str, property_name: str) -> list[str]:
    """The computed value of a CSS property for every element the selector finds."""
    return page.eval_on_selector_all(
        selector, f"(all) => all.map((e) => getComputedStyle(e).getPropertyValue('{property_name}'))"
    )


def visible_text(page: Page, selector: str = "main") -> str:
    return page.locator(selector).first.inner_text()


def tei(name: str) -> etree._ElementTree:
    return etree.parse(str(next(CORPUS.rglob(name.replace(".html", ".xml")))))


def test_stage_directions_are_italic_and_speech_is_not(page, corpus_site):
    open_page(page, corpus_site, DRAMA)
    directions = page.locator("main").get_by_text("Saladin und Sittah spielen Schach.", exact=False).first
    assert directions.evaluate("(e) => getComputedStyle(e).fontStyle") == "italic"
    stages = tei(DRAMA).xpath("//tei:text//tei:stage", namespaces=NS)
    italic_with_text = (
        "(all) => all.filter((e) => getComputedStyle(e).fontStyle === 'italic'"
        " && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())).length"
    )
    italic = page.eval_on_selector_all("main *", italic_with_text)
    assert italic >= len(stages)
    speech = page.locator("main .sp .l").first
    assert speech.evaluate("(e) => getComputedStyle(e).fontStyle") == "normal"


def test_deleted_text_is_struck_through_then_absent_from_the_reading_view(page, corpus_site):
    open_page(page, corpus_site, LETTER)
    deletions = tei(LETTER).xpath("//tei:text//tei:del", namespaces=NS)
    struck = style(page, "main del", "text-decoration-line")
    assert len(struck) == len(deletions) and all("line-through" in s for s in struck)
    assert "Erfolg ins rech das" in " ".join(visible_text(page).split())
    page.click("a[href='#tt-reading']")
    reading = " ".join(visible_text(page).split())
    assert "Erfolg das nöthige Relief" in reading and "ins rech" not in reading
    assert "Sonntagskind" in reading
    page.click("a[href='#tt-diplomatic']")
    assert "ins rech" in visible_text(page)


def test_readings_sit_in_an_apparatus_with_sigla(page, corpus_site):
    open_page(page, corpus_site, APPARATUS)
    text = visible_text(page)
    assert "paouruiiē" in text and "paouruiiō" not in text and "paōiriiō" not in text
    apparatus = visible_text(page, "section.apparatus")
    assert "paouruiiō F2" in apparatus and "paōiriiō J2" in apparatus
    assert style(page, "section.apparatus .siglum", "font-weight")[0] == "700"


def test_page_numbers_and_every_fifth_line_number_are_visible(page, corpus_site):
    open_page(page, corpus_site, DRAMA)
    first_pages = tei(DRAMA).xpath("//tei:text//tei:pb/@n", namespaces=NS)[:3]
    text = visible_text(page)
    assert all(f"[p. {n}]" in text for n in first_pages)
    open_page(page, corpus_site, FAUST)
    numbers = page.locator("main .linenumber")
    lines = len(tei(FAUST).xpath("//tei:text//tei:l[not(@part = 'M' or @part = 'F')]", namespaces=NS))
    shown = numbers.all_inner_texts()
    assert len(shown) >= lines // 5 - 50 and all(int(n) % 5 == 0 for n in shown)  # counts restart per poem
    assert numbers.first.is_visible() and shown[:3] == ["5", "10", "15"]


def test_inscription_lines_are_lines_with_leiden_signs(page, corpus_site):
    open_page(page, corpus_site, INSCRIPTION)
    edition = visible_text(page, "section.edition")
    lines = [line.strip() for line in edition.splitlines() if line.strip()]
    assert any(line.startswith("πο") or "[ταμὸν]" in line for line in lines)
    assert "πό(δας)" in edition and "⟨τ⟩" in edition and "ρ̣" in edition
    assert page.locator("section.edition .linenumber", has_text=re.compile("^5$")).first.is_visible()
    assert page.locator("h2", has_text="Translation").count() == 1


def test_table_cells_are_in_tables(page, corpus_site):
    open_page(page, corpus_site, TABLES)
    cells = tei(TABLES).xpath("//tei:text//tei:cell", namespaces=NS)
    assert page.locator("main table td, main table th").count() == len(cells)
    assert page.locator("main td, main th").count() == page.locator("main table td, main table th").count()


def test_images_are_img_and_nothing_remote_is_loaded(page, corpus_site):
    open_page(page, corpus_site, IMAGES)
    # The corpus holds none of test.xml's image files: each says it is missing, none is a broken image.
    urls = tei(IMAGES).xpath("//tei:text//tei:graphic/@url", namespaces=NS)
    present = [url for url in urls if (CORPUS / "tei-stylesheets-test" / url.strip()).is_file()]
    assert len(urls) == 14 and page.locator("main img").count() == len(present)
    assert page.locator("main span.graphic.missing").count() == len(urls) - len(present)
    open_page(page, corpus_site, SOURCE_DOCUMENT)
    assert page.locator("main a.graphic").count() == 75  # remote facsimiles: links, never loaded
    assert all(url.startswith("file://") for url in page.requests), page.requests


def test_no_glued_words_around_space_lb_seg_u_role(page, corpus_site):
    open_page(page, corpus_site, LETTER)
    text = " ".join(visible_text(page).split())
    assert "Ich sehe mit Vergnügen" in text and "aber sobald ich Zeit habe" in text  # space
    letterhead = visible_text(page, ".opener").splitlines()
    heading = next(n for n, line in enumerate(letterhead) if line.endswith("Frankfurter Zeitung"))
    assert letterhead[heading + 1] == "(Gazette de Francfort)."  # seg
    open_page(page, corpus_site, DRAMA)
    cast = visible_text(page, ".castList")
    assert "Sittah, dessen Schwester." in " ".join(cast.split())  # role and roleDesc
    open_page(page, corpus_site, "L03020.html")
    address = [line.strip() for line in visible_text(page).splitlines() if line.strip()]
    assert not any("HerrnFelix" in line or "SaltenUnterach" in line for line in address)  # addrLine, lb


NARROW_PAGES = ["listplace.html", "L03772.html", "test27.html", "maria.html", INSCRIPTION, DRAMA]


@pytest.mark.parametrize("name", NARROW_PAGES)
def test_a_page_reflows_to_a_phones_width_without_scrolling_sideways(page, corpus_site, name):
    """WCAG 1.4.10 at 320 CSS pixels: long addresses (a gazetteer's links, a letter's source, a bibliography's
    URLs) and the header's labels wrap instead of widening the page; a table of formulae scrolls in its own
    region."""
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, corpus_site, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_right_to_left_page_mirrors_its_sides(page, tmp_path):
    """Hebrew: the text starts at the right, its verse numbers stand in the right margin, and nothing hidden
    at the start of the line (the skip link) widens the page sideways."""
    render([GENRES / "right-to-left.xml"], tmp_path, ("html",))
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, tmp_path, "right-to-left.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    line = page.locator("main .l").nth(4).bounding_box()
    number = page.locator("main .l .linenumber").first.bounding_box()
    assert number["x"] >= line["x"] + line["width"] - 1  # right of its line


def lines_set_in(page, tmp_path: Path, body: str, selector: str) -> list[list[float]]:
    """The verse fixture with this body, rendered and opened: where each line of each element matching the
    selector starts (the left of each of its rectangles, in the order of its lines)."""
    verse = (GENRES / "verse.xml").read_text(encoding="utf-8")
    (tmp_path / "set-in.xml").write_text(
        re.sub(r"<body>.*</body>", f"<body>{body}</body>", verse, flags=re.S)
    )
    render([tmp_path / "set-in.xml"], tmp_path, ("html",))
    open_page(page, tmp_path, "set-in.html")
    return page.locator(selector).evaluate_all(
        """(all) => all.map((element) => {
             const range = document.createRange(); range.selectNodeContents(element);
             return [...range.getClientRects()].map((r) => r.left); })"""
    )


def test_an_indented_verse_line_starts_further_in_by_its_depth(page, tmp_path):
    """rend="indent" and "indent(2)" on verse lines (EEBO, Perseus): each depth starts further right."""
    lines = '<l>A line</l><l rend="indent">An indented line</l><l rend="indent(2)">Twice indented</l>'
    starts = [line[0] for line in lines_set_in(page, tmp_path, f"<lg>{lines}</lg>", "main .l")]
    assert starts[0] + 20 < starts[1] and starts[1] + 20 < starts[2]


def test_an_indented_paragraph_is_set_in_at_its_first_line_only(page, tmp_path):
    """Schnitzler's diary indents its paragraphs (p rend="indent"), as print does: set in whole, each read as
    a quotation. Its first line starts further right than its second."""
    words = " ".join(["Ich fuhr Abends weg; kam bei herrlichem Mondschein an."] * 12)
    plain, indented = lines_set_in(page, tmp_path, f'<p>{words}</p><p rend="indent">{words}</p>', "main p")
    assert indented[0] > plain[0] + 10  # set in at its first line
    assert abs(indented[-1] - plain[-1]) < 1  # and its other lines where the text's are


def test_a_note_read_where_it_stands_is_set_off_from_the_text(page, tmp_path):
    render([GENRES / "tokens.xml"], tmp_path, ("html",))
    open_page(page, tmp_path, "tokens.html")
    style = "e => [getComputedStyle(e).color, getComputedStyle(e).fontSize]"
    note = page.locator("main div.note.time").first.evaluate(style)
    paragraph = page.locator("main p").first.evaluate(style)
    assert note[0] != paragraph[0] and note[1] != paragraph[1]


def test_line_numbers_keep_their_digits_and_a_wrapped_line_hangs(page, corpus_site):
    """Four-digit verse numbers stay on one line beside their verse; on a phone a verse that wraps indents its
    continuation, so that it is not taken for the next verse."""
    open_page(page, corpus_site, FAUST)
    numbers = page.locator("main .linenumber")
    assert numbers.count() > 100
    heights = numbers.evaluate_all("(all) => all.map((e) => e.getBoundingClientRect().height)")
    assert max(heights) < 1.5 * min(heights)
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, corpus_site, "A00002.html")
    starts = page.locator("main .l").evaluate_all(
        """(all) => all.map((line) => {
             const range = document.createRange(); range.selectNodeContents(line);
             const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
             return boxes.length > 1 ? boxes[boxes.length - 1].left - boxes[0].left : null; })"""
    )
    wrapped = [indent for indent in starts if indent is not None]
    assert wrapped and all(indent > 10 for indent in wrapped)


def test_a_note_of_paragraphs_begins_on_its_numbers_line(page, corpus_site):
    open_page(page, corpus_site, "testnotes1.html")
    notes = page.locator("section.notes li:has(> p)")
    assert notes.count() >= 1
    for n in range(notes.count()):
        number, first = notes.nth(n).locator(".note-number"), notes.nth(n).locator("> p").first
        assert abs(number.bounding_box()["y"] - first.bounding_box()["y"]) < 5


def test_a_licence_written_out_in_full_folds_away(page, corpus_site):
    """L02765's licence is a whole Creative Commons deed: folded behind its first words, the letter begins on
    the first screen; unfolded, every word of it is there."""
    open_page(page, corpus_site, LETTER)
    licence = page.locator("dl.metadata details")
    assert licence.count() == 1 and not licence.evaluate("(d) => d.open")
    assert len(licence.locator("summary").inner_text()) < 120
    assert page.locator("main").bounding_box()["y"] < page.viewport_size["height"]
    licence.locator("summary").click()
    assert "Namensnennung" in licence.inner_text()


def test_sourcedoc_transcription_is_shown(page, corpus_site):
    open_page(page, corpus_site, SOURCE_DOCUMENT)
    transcription = visible_text(page, "section.sourcedoc")
    assert "Na 16. nedeljo po Binkuštih." in transcription
    assert page.locator("section.sourcedoc").count() == 3
    # Each transcription is an entry of the contents, where it stands in the document (before the preface).
    entries = page.locator("nav.toc > ol > li > a").all_text_contents()
    assert entries[:4] == [f"Transcription of the source {n}" for n in (1, 2, 3)] + ["Predgovor k izdaji 1.6"]


def test_long_novel_has_a_table_of_contents_that_leads_to_the_chapter(page, corpus_site):
    open_page(page, corpus_site, NOVEL)
    entries = page.locator("nav.toc a")
    assert entries.count() >= 3
    entries.nth(2).click()
    assert page.locator(":target").first.is_visible()


@pytest.mark.parametrize(
    "name", [LETTER, DRAMA, APPARATUS, INSCRIPTION, TABLES, TRANSCRIPTION, SOURCE_DOCUMENT, NOVEL]
)
def test_genre_pages_are_offline_and_accessible(page, corpus_site, name):
    open_page(page, corpus_site, name)
    assert all(url.startswith("file://") for url in page.requests), page.requests
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_both_layers_are_reachable_without_javascript(browser, corpus_site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_page(page, corpus_site, SOURCE_DOCUMENT)
    original = page.locator(".original", has_text="Binkuſhtih").first
    assert not original.is_visible()
    page.click("a[href='#tt-diplomatic']")
    assert original.is_visible()  # the source's own spelling beside the regularised reading
    open_page(page, corpus_site, LETTER)
    deletion = page.locator("main del").first
    assert deletion.is_visible()
    page.click("a[href='#tt-reading']")
    assert not deletion.is_visible()
    context.close()


def test_a_division_typed_original_stays_shown_when_the_source_readings_are(browser, tmp_path):  # noqa: F811
    # The Mondriaan letters' <div type="original"> (beside their translation) took the class the source's
    # readings beside a choice have: drawn in their colour, and hidden by the button that shows them.
    source = (GENRES / "deletions.xml").read_text(encoding="utf-8")
    body = '<div type="original"><p>Waarde <choice><sic>Arnld</sic><corr>Arnold</corr></choice>,</p></div>'
    (tmp_path / "letter.xml").write_text(
        re.sub(r"<body>.*</body>", f"<body>{body}</body>", source, flags=re.S)
    )
    render([tmp_path / "letter.xml"], tmp_path / "site", ("html",))
    with recording_page(browser) as page:
        open_page(page, tmp_path / "site", "letter.html")
        division = page.locator("main section").first
        color = style(page, "main section", "color")[0]
        assert color == style(page, "main", "color")[0]
        page.click("#tt-toggle")
        assert page.locator("span.original").first.is_visible()
        page.click("#tt-toggle")
        assert division.is_visible() and not page.locator("span.original").first.is_visible()
        page.click("a[href='#tt-diplomatic']")
        assert style(page, "main section", "display")[0] == "block"


def test_the_prose_of_a_manuscript_description_is_not_bold(browser, tmp_path):  # noqa: F811
    # MENOTA's msDesc says its contents, physical description and origin in paragraphs: each, the first field
    # of its record, was drawn bold as a record's name is.
    source = (GENRES / "deletions.xml").read_text(encoding="utf-8")
    description = (
        "<sourceDesc><msDesc><msIdentifier><settlement>Copenhagen</settlement><idno>AM 519 a 4to</idno>"
        "</msIdentifier><msContents><p>A copy of an anonymous translation.</p></msContents>"
        "<history><origin><p>Written in Iceland in c. 1280.</p></origin></history></msDesc></sourceDesc>"
    )
    source = re.sub(r"<sourceDesc>.*?</sourceDesc>", description, source, flags=re.S)
    (tmp_path / "ms.xml").write_text(source)
    render([tmp_path / "ms.xml"], tmp_path / "site", ("html",))
    with recording_page(browser) as page:
        open_page(page, tmp_path / "site", "ms.html")
        assert style(page, ".source-description p", "font-weight") == ["400", "400"]
        assert style(page, ".source-description .msIdentifier", "font-weight") == ["700"]
