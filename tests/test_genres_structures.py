"""Structures that are hard to render, as their readers expect them: verse, tables and records with numbers,
front matter. Found in a sweep of other projects' documents (DEPCHA's account books, OpenArabicPE's
periodicals, the Poetess Archive, the Deutscher Lyrik Korpus, the Moreno chapbooks); each fixture is a minimal
document written here."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from test_browser import browser, recording_page  # noqa: F401  (the shared chromium fixture)
from test_genres import assert_reads, main_text, page, text_of
from test_genres_browser import lines_set_in
from test_render import nu_check

from teitools.run import render


@pytest.fixture
def browser_page(browser) -> Iterator[Page]:  # noqa: F811
    with recording_page(browser) as opened:
        yield opened


def rendered(tmp_path: Path, body: str, lang: str = "en", source: str = "<p/>", front: str = "") -> Path:
    """Render a TEI document with this body (and this description of its source, this front matter); the
    output folder."""
    front = f"<front>{front}</front>" if front else ""
    source = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>
      <titleStmt><title>Fixture</title></titleStmt><publicationStmt><p/></publicationStmt>
      <sourceDesc>{source}</sourceDesc></fileDesc></teiHeader><text>{front}<body>{body}</body></text></TEI>"""
    (tmp_path / "doc.xml").write_text(source, encoding="utf-8")
    render([tmp_path / "doc.xml"], tmp_path / "out")
    return tmp_path / "out"


# --- records with numbers --------------------------------------------------------------------------------


def test_a_span_that_points_at_nothing_is_read_as_text(tmp_path):
    # DEPCHA's ledgers wrap an entry's verb in a bare span ("Alonso de beguillas <span>deue</span>"): it
    # annotates nothing, so it is the text itself. A span that points (or stands in a span group) stays an
    # annotation, read by neither look.
    out = rendered(
        tmp_path,
        """<p xml:id="p1">Alonso de beguillas <span>deue</span> En pro de Henero 170 U.</p>
        <p>Kept words<span from="#p1">an annotation</span><spanGrp><span>a tier</span></spanGrp>.</p>""",
    )
    for words in ("Alonso de beguillas deue En pro de Henero 170 U.", "Kept words."):
        assert words in text_of(out, "doc")
        assert words in main_text(page(out, "doc"))
    assert "annotation" not in (out / "doc.txt").read_text(encoding="utf-8")


def test_a_row_or_cell_keeps_its_look(tmp_path):
    # DEPCHA's Lviv accounts head their columns with bold cells, not labels.
    out = rendered(
        tmp_path,
        """<table><row rend="italic"><cell rend="bold">Ad festum Pasce</cell><cell/>
        <cell>Ad Michaelis</cell></row>
        <row><cell>Solvit ½ sxg.</cell><cell/><cell>Niclos</cell></row></table>""",
    )
    rows = page(out, "doc").xpath("//main//tr")
    assert rows[0].get("class") == "rend-italic" and rows[1].get("class") is None
    assert [cell.get("class") for cell in rows[0]] == ["rend-bold", None, None]


def test_a_measure_given_by_its_attributes_alone_is_apart_from_the_words_around_it(tmp_path):
    # DEPCHA's Lviv accounts: "Solverunt<measure quantity="0.5"/>." read "Solverunt0.5.".
    out = rendered(
        tmp_path,
        """<p>Solverunt<measure unitRef="#schok" quantity="0.5"/>. Dedit<measure quantity="3" unit="lb"/>et
        <measure quantity="2" unit="d"/> more.</p>""",
    )
    assert_reads(out, "doc", "Solverunt 0.5. Dedit 3 lb et 2 d more.")


def test_a_reference_written_as_fields_alone_reads_as_a_citation(tmp_path):
    # A register of newspapers' lists (listen-in-historischen-zeitungen): bibl elements of fields alone ran
    # together ("Darmstädter Tagblatt Darmstadt 1740"). A reference with words of its own between its fields
    # is written as it reads.
    out = rendered(
        tmp_path,
        """<listBibl><bibl><title type="main">Abreisende.</title>
          <title type="alt">Abreisende ins Ausland.</title>
          <relatedItem><bibl><title>Darmstädter Tagblatt</title>
          <pubPlace>Darmstadt</pubPlace> <date when="1740">1740</date></bibl></relatedItem></bibl>
        <bibl><author>Goethe</author> in <title>Faust</title> <date>1808</date></bibl></listBibl>""",
    )
    assert_reads(out, "doc", "Abreisende. Abreisende ins Ausland. Darmstädter Tagblatt, Darmstadt, 1740")
    assert_reads(out, "doc", "Goethe in Faust 1808")


def test_references_between_paragraphs_are_entries_of_their_own(tmp_path):
    # The Poetess Archive's indexes: bibl after bibl in a division ran into one paragraph. A reference
    # inside a sentence stays in it.
    out = rendered(
        tmp_path,
        """<div><head>Index of Embellishments</head>
        <bibl><author><name>Brandard, Mr.,</name> engraver</author> <title>Sans Souci</title></bibl>
        <bibl><author><name>Ensom, W.,</name> engraver</author> <title>Queen Elizabeth</title></bibl>
        <p>As <bibl><author>Ensom</author></bibl> says.</p></div>""",
    )
    assert "\n\nBrandard, Mr., engraver: Sans Souci\n\nEnsom, W., engraver: Queen Elizabeth\n\n" in text_of(
        out, "doc"
    )
    entries = page(out, "doc").xpath("//main//div[@class = 'bibl']")
    assert [" ".join(entry.text_content().split()) for entry in entries] == [
        "Brandard, Mr., engraver: Sans Souci",
        "Ensom, W., engraver: Queen Elizabeth",
    ]
    # Entries of a bibliography, as a listBibl's are, not mentions of works (t:is-bibliography-entry).
    assert [entry.xpath(".//a") for entry in entries] == [[], []]
    checked = nu_check(out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert_reads(out, "doc", "As Ensom says.")


def test_a_title_after_a_title_that_ends_with_its_full_stop_takes_no_comma(tmp_path):
    # The page's header reads its source as a citation too (teitools.metadata.citation_separator).
    source = """<bibl><title>Abreisende.</title> <title>Abreisende ins Ausland.</title> <title>Wiener
      Zeitung</title> <title>Wienerisches Diarium</title></bibl>"""
    out = rendered(tmp_path, "<p>Text.</p>", source=source)
    expected = "Abreisende. Abreisende ins Ausland. Wiener Zeitung, Wienerisches Diarium"
    assert f"Source: {expected}" in (out / "doc.txt").read_text(encoding="utf-8")
    assert expected in " ".join(page(out, "doc").xpath("//header")[0].text_content().split())


def test_a_date_written_with_a_raised_ending_raises_it(tmp_path):
    # The Wiener Grundbücher: "anno etc. xxxviii<hi rend="super">vo</hi>", read as one word "xxxviiivo".
    out = rendered(tmp_path, '<p>Actum anno etc. xxxviii<hi rend="super">vo</hi>.</p>')
    assert page(out, "doc").xpath("//main//*[contains(@class, 'rend-sup')]/text()") == ["vo"]


def test_looks_named_in_spanish_are_drawn(tmp_path):
    # The Moreno chapbooks name their looks in Spanish: 6445 rend="cursiva", 760 "negrita" in 400 files.
    out = rendered(
        tmp_path,
        """<p rend="centrado"><hi rend="negrita">CARTA</hi> <hi rend="cursiva">(Número 235.)</hi></p>
        <p rend="derecha">Fin.</p>""",
    )
    looks = page(out, "doc").xpath("//main//*[contains(@class, 'rend-')]")
    assert [(e.text_content(), e.get("class").split()[-1]) for e in looks] == [
        ("CARTA (Número 235.)", "rend-center"),
        ("CARTA", "rend-bold"),
        ("(Número 235.)", "rend-italic"),
        ("Fin.", "rend-right"),
    ]


# --- verse -----------------------------------------------------------------------------------------------


def test_the_half_lines_of_a_line_of_segments_are_apart(tmp_path):
    # OpenArabicPE's bayt: two hemistichs, each a seg, with only white space between them, read as one run of
    # words; they are apart by a caesura's wide space. Segments inside a line's own words are not half-lines.
    out = rendered(
        tmp_path,
        """<lg><l type="bayt"> <seg>فإن تحرقوا القرطاس لا تحرقوا الذي </seg>
        <seg>تضمنه القرطاس بل هو في صدري</seg> </l>
        <l>Speak <seg>silent</seg> <seg>when</seg> you doubt</l></lg>""",
        lang="ar",
    )
    bayt, line = (
        " ".join(line.text_content().split(" ")) for line in page(out, "doc").xpath("//main//div[@class='l']")
    )
    text = text_of(out, "doc")
    for read in (bayt, text):
        assert "\u2003" in read.split("الذي")[1].split("تضمنه")[0]
    assert "Speak silent when you doubt" in text and "\u2003" not in line


def test_an_anthology_with_a_play_in_it_counts_each_poem_and_no_epigraph(tmp_path):
    # The Poetess Archive's Bijou: poems (div type="poem") and one dramatic piece. The speeches made the whole
    # volume count as a play, its poems and its play numbered through; and an epigraph's lines, another
    # poem's, counted.
    lines = "".join(f"<l>Line {n}</l>" for n in range(1, 11))
    epigraph = "<epigraph><l>All good</l><l>and guiltless</l><bibl>WILSON</bibl></epigraph>"
    out = rendered(
        tmp_path,
        f"""<div type="poem"><head>One</head><lg>{lines}</lg></div>
        <div type="poem"><head>Two</head>{epigraph}<lg>{lines}</lg></div>
        <div type="drama"><sp><speaker>HOUSSAYE.</speaker><lg>{lines}</lg></sp></div>""",
    )
    numbered = page(out, "doc").xpath("//main//*[span[@class = 'linenumber']]")
    assert [(line.xpath("string(span)"), line.xpath("string(text())")) for line in numbered] == [
        ("5", "Line 5"),
        ("10", "Line 10"),
        ("5", "Line 5"),
        ("10", "Line 10"),
        ("5", "Line 5"),
        ("10", "Line 10"),
    ]


# --- figures of music, tables in tables ------------------------------------------------------------------


def test_a_music_notation_is_a_figure_its_description_the_images_words(tmp_path):
    # The TEI Guidelines' notatedMusic: drawn as phrases, its pointer, image and description ran together.
    out = rendered(
        tmp_path,
        """<p>Before.</p><notatedMusic><ptr target="bar1.xml"/><graphic url="bar1.jpg"/><desc>First bar of
        Chopin's Scherzo No.3 Op.39</desc></notatedMusic><notatedMusic><graphic url="a.jpg"/>
        <graphic url="b.jpg"/></notatedMusic>""",
    )
    first, second = page(out, "doc").xpath("//main//figure")
    assert " ".join(first.text_content().split()) == (
        "bar1.xml First bar of Chopin's Scherzo No.3 Op.39 (image not found: bar1.jpg)"
    )
    assert "jpg Image" in second.text_content()  # two images apart
    assert "\n\nbar1.xml [First bar of Chopin's Scherzo No.3 Op.39]\n\n" in text_of(out, "doc")


def test_a_table_in_a_table_has_a_name_of_its_own(tmp_path):
    out = rendered(
        tmp_path,
        """<table><row role="label"><cell>Name</cell><cell>Sum</cell></row>
        <row><cell role="label">Total</cell><cell>3</cell></row>
        <row><cell><table><row><cell>nested a</cell><cell>nested b</cell></row></table></cell>
        <cell>x</cell></row>
        </table><table><row><cell>after</cell></row></table>""",
    )
    names = page(out, "doc").xpath("//main//div[@class = 'table-scroll']/@aria-label")
    assert names == ["Table 1", "Table 2", "Table 3"]
    assert "\nnested a | nested b\n" in text_of(out, "doc")


# --- title pages ----------------------------------------------------------------------------------------


def test_a_title_pages_edition_imprimatur_and_imprint_date_stand_apart(tmp_path):
    # docEdition and imprimatur were no blocks (bare text between the title page's lines), and the date of
    # an imprint was glued to its publisher ("Clarendon Press1888").
    front = """<titlePage><docTitle><titlePart>A DICTIONARY</titlePart></docTitle>
      <docEdition>Second edition</docEdition><docImprint><pubPlace>Oxford</pubPlace><publisher>Clarendon
      Press</publisher><docDate>1888</docDate></docImprint><imprimatur>Licensed and entred acording to
      Order.</imprimatur></titlePage>"""
    out = rendered(tmp_path, "<p>Text.</p>", front=front)
    lines = page(out, "doc").xpath("//main//div[@class = 'titlePage']/*")
    assert [(line.get("class"), " ".join(line.text_content().split())) for line in lines] == [
        ("docTitle", "A DICTIONARY"),
        ("docEdition", "Second edition"),
        ("docImprint", "Oxford Clarendon Press 1888"),
        ("imprimatur", "Licensed and entred acording to Order."),
    ]
    assert "\n\nOxford Clarendon Press 1888\n\nLicensed and entred acording to Order.\n\n" in text_of(
        out, "doc"
    )


def test_a_line_set_in_deeper_than_four_starts_further_in_still(browser_page, tmp_path):
    """The Poetess Archive sets its lines in by rend="indent1" and a drama's shared verse line by "indent5",
    which was drawn at no depth: it stood left of the lines it continues."""
    lines = '<l rend="indent1">A line</l><l rend="indent4">Four deep</l><l rend="indent5">The old lord</l>'
    lines += '<l rend="indent8">Eight deep</l>'
    starts = [line[0] for line in lines_set_in(browser_page, tmp_path, f"<lg>{lines}</lg>", "main .l")]
    assert starts[0] + 20 < starts[1] < starts[2] - 20 and starts[2] + 20 < starts[3]


def test_a_line_the_document_sets_in_by_a_margin_starts_further_in_and_keeps_its_number_in_line(
    browser_page, tmp_path
):
    """Romantic Circles set lines in by renditions of margin-left: 1em; the line's margin is the gutter its
    number stands in, so the document's margin set the line out (left of the others) and moved its number."""
    lines = "".join(
        f'<l style="margin-left: 1em">Set in {n}</l>' if n % 2 else f"<l>Line {n}</l>" for n in range(1, 11)
    )
    starts = [line[0] for line in lines_set_in(browser_page, tmp_path, f"<lg>{lines}</lg>", "main .l")]
    assert starts[0] > starts[1] + 10 and starts[2] > starts[3] + 10  # set in, not out
    numbers = browser_page.locator("main .linenumber").evaluate_all(
        "(all) => all.map((n) => n.getBoundingClientRect().right)"
    )
    assert len(numbers) == 2 and abs(numbers[0] - numbers[1]) < 1  # line 5 (set in) and 10 (not)


def test_a_bibliographys_entries_hang_so_that_each_is_seen_to_begin(browser_page, tmp_path):
    """The register of newspapers' lists: entries several lines long, drawn flush, ran into each other."""
    entry = "<bibl><title>Ab= und durchgereiste Fremde.</title> " + " ".join(
        f"<title>Titel {n} der Zeitung</title>" for n in range(12)
    )
    lines_set_in(
        browser_page, tmp_path, f"<listBibl>{entry}</bibl>{entry}</bibl></listBibl>", "main div.bibl"
    )
    # Where each line of each entry starts: the leftmost of the rectangles at the line's height.
    starts = browser_page.locator("main div.bibl").evaluate_all(
        """(all) => all.map((element) => {
             const range = document.createRange(); range.selectNodeContents(element);
             const lines = new Map();
             for (const r of range.getClientRects()) {
               const top = Math.round(r.top); lines.set(top, Math.min(lines.get(top) ?? r.left, r.left)); }
             return [...lines.entries()].sort((a, b) => a[0] - b[0]).map((line) => line[1]); })"""
    )
    assert len(starts) == 2
    for lines in starts:
        assert len(lines) > 1 and min(lines[1:]) > lines[0] + 10  # its next lines start further in


# --- periodicals -----------------------------------------------------------------------------------------


def test_page_breaks_of_two_editions_each_name_their_edition(tmp_path):
    # OpenArabicPE's al-Muqtabas marks the printed issue's pages and those of the digital copy (shamela): the
    # two runs read as one, "[p. 1] … [p. n1-p1] … [p. 2]". One edition's breaks need no name.
    out = rendered(
        tmp_path,
        """<pb ed="print" n="1"/><p>Words.</p><pb ed="shamela" n="n1-p1"/><p>More.</p><pb ed="print" n="2"/>
        <p>End.</p>""",
    )
    assert "[print p. 1]\n\nWords.\n\n[shamela p. n1-p1]\n\nMore.\n\n[print p. 2]" in text_of(out, "doc")
    assert page(out, "doc").xpath("//main//span[@class = 'pb']/text()") == [
        "[print p. 1]",
        "[shamela p. n1-p1]",
        "[print p. 2]",
    ]
    (tmp_path / "one").mkdir()
    one = rendered(tmp_path / "one", """<pb ed="print" n="1"/><p>Words.</p>""")
    assert "[p. 1]" in text_of(one, "doc")
