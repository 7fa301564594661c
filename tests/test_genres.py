"""Each TEI genre as its readers expect it, one small fixture per behaviour (tests/data/genres/), in the HTML
page and in the plain reading text. What a reader sees in a real browser is in test_genres_browser.py."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, dangling_links
from lxml import html
from test_render import nu_check

from teitools.run import render

GENRES = ROOT / "tests" / "data" / "genres"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("genres")
    result = render([GENRES], output)
    assert result.report.findings == []
    return output


def test_every_genre_page_is_valid_html(out):
    checked = nu_check(out)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def page(out: Path, name: str) -> html.HtmlElement:
    return html.fromstring((out / f"{name}.html").read_bytes())


def text_of(out: Path, name: str) -> str:
    """The plain text after its heading block."""
    return (out / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]


def assert_reads(out: Path, name: str, words: str) -> None:
    """These words, as they are, in the plain text and in the page's main text."""
    assert words in text_of(out, name)
    assert words in main_text(page(out, name))


def unidentified_persons(out: Path, name: str) -> list[dict]:
    """A document's mentions of persons that the person index lists as unidentified."""
    mentions = json.loads((out / "person-index.json").read_text(encoding="utf-8"))["unidentified"]
    return [mention for mention in mentions if mention["document"] == name]


def main_text(document: html.HtmlElement) -> str:
    """The main text's words as a reader sees them: a line break separates words."""
    main = document.xpath("//main")[0]
    for br in main.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(main.text_content().split())


# --- transcription -------------------------------------------------------------------------------------


def test_deletions_are_struck_in_html_and_absent_from_the_reading_text(out):
    document = page(out, "deletions")
    first = "//main//p[contains(., 'Erfolg')]"
    assert [d.text_content() for d in document.xpath(f"{first}//del")] == ["ins rech", "g"]
    assert [a.text_content() for a in document.xpath(f"{first}//ins")] == ["\\a/", "\\am Rand/"]
    assert "Erfolg das nöthige Relief, ein Sonntagskind, am Rand hinzu." in text_of(out, "deletions")
    # A deletion the source cancelled (restore) is read again, and the reading layer does not hide it.
    assert "\n\nEr kam gestern nicht." in text_of(out, "deletions")
    restored = document.xpath("//main//span[@class='del restored']")
    assert [span.text_content() for span in restored] == ["gestern"]
    # A deletion marked by its end points (delSpan to the anchor its @spanTo names) across elements and
    # blocks: struck in the page, left out of the reading text; an addSpan's words are marked as added.
    later = "//main//del[not(ancestor::p[contains(., 'Erfolg')])]"
    spanned = [d.text_content() for d in document.xpath(later)]
    assert " ".join(" ".join(spanned).split()) == "einen langen Satz, der hier endet"
    assert document.xpath("//main//ins[@title='Added']/text()") == ["spät"]
    assert "\n\nSie schrieb\n\nund Anna blieb spät wach.\n" in text_of(out, "deletions")
    # The index reads a mention in the words around it as the reading text has them.
    [anna] = unidentified_persons(out, "deletions")
    assert (anna["before"], anna["after"]) == ("und ", " blieb spät wach.")


def test_a_page_whose_only_deletion_is_a_span_has_its_reading_layer(tmp_path):
    source = (GENRES / "deletions.xml").read_text(encoding="utf-8")
    body = re.search(r"<p>Sie schrieb.*?</p>\s*<p>der hier.*?</p>", source, re.S).group(0)
    (tmp_path / "span.xml").write_text(re.sub(r"<body>.*</body>", f"<body>{body}</body>", source, flags=re.S))
    render([tmp_path / "span.xml"], tmp_path / "out", ("html",))
    document = page(tmp_path / "out", "span")
    assert document.xpath("//p[@class='layers']//a/@href") == ["#tt-diplomatic", "#tt-reading"]


def test_a_span_with_an_id_of_its_own_renders_without_a_warning(tmp_path):
    # The Shelley-Godwin Archive's <addSpan xml:id="…" spanTo="#…"/>: Saxon wrote an ambiguous rule match
    # (XTDE0540) to the console for each.
    source = (GENRES / "deletions.xml").read_text(encoding="utf-8")
    body = '<p>Kept <addSpan xml:id="a1" spanTo="#e1"/>added words<anchor xml:id="e1"/> and more.</p>'
    (tmp_path / "span.xml").write_text(re.sub(r"<body>.*</body>", f"<body>{body}</body>", source, flags=re.S))
    command = [sys.executable, "-c", "from teitools.cli import main; main()", "render", "--no-cache"]
    done = subprocess.run(
        [*command, str(tmp_path / "span.xml"), "-o", str(tmp_path / "out")], capture_output=True
    )
    assert done.returncode == 0 and b"XTDE0540" not in done.stderr and b"Warning" not in done.stderr
    assert "Kept added words and more." in text_of(tmp_path / "out", "span")


def test_reading_layer_is_a_link_and_a_target_no_script(out):
    document = page(out, "deletions")
    assert document.xpath("//a[@href='#tt-reading']") and document.xpath("//a[@href='#tt-diplomatic']")
    targets = document.xpath("//*[@id='tt-diplomatic' or @id='tt-reading']")
    assert [t.getparent().tag for t in targets] == ["body", "body"]  # before main: #tt-reading:target ~ main
    assert targets[-1].getnext().tag == "main"
    assert "#tt-reading:target ~ main del.del" in (ROOT / "xslt" / "style.css").read_text()
    assert not document.xpath("//script")


def test_space_keeps_words_apart(out):
    assert "Ich sehe mit Vergnügen." in text_of(out, "space")
    assert "Ich sehe" in main_text(page(out, "space"))
    # A one-character space is a word space; a wider blank in the source is drawn wider.
    assert page(out, "space").xpath("//span[contains(@class, 'space')]/@class") == ["space", "space wide"]


def test_page_breaks_show_their_number_and_forme_work_is_not_reading_text(out):
    assert main_text(page(out, "page-breaks")).startswith("Before the break [p. 12] after the break")
    text = text_of(out, "page-breaks")
    assert "Before the break [p. 12] after the break, and a line break, and a word broken." in text
    assert "RUNNING HEAD" not in text and "RUNNING HEAD" in main_text(page(out, "page-breaks"))
    # A page without a printed number is counted, in square brackets, as such a page is cited.
    assert "[p. [2]] A page without a printed number" in main_text(page(out, "page-breaks"))
    assert "[p. [2]]\n\nA page without a printed number" in text
    # A page break inside a word leaves the word whole in the reading text: its marker follows the word.
    assert "\n\nDie Forderung [p. 14] liegt vor.\n" in text
    assert "Die Forde[p. 14]rung liegt vor." in main_text(page(out, "page-breaks"))  # the page: where it is


def test_a_glyph_given_by_its_declaration_reads_as_its_mapping(out):
    # <g ref="#et"/>: the standard mapping; with content, the content; without a mapping, the glyph's name.
    assert_reads(out, "glyphs", "Arma & uirum, sed ſic, [CROSS MARK] Troiae.")
    # Undeclared: the sign an inscription uses for its type, else its name as Leiden writes a symbol; a
    # reference that names nothing, nothing.
    assert_reads(out, "glyphs", "D·M ❦ ((palm)) end.")


def test_a_glyph_whose_declaration_is_not_there_reads_as_what_its_reference_names(tmp_path):
    # iSicily refers to glyphs of a charDecl it includes from outside its folder: <g ref="#interpunct"/>.
    source = (GENRES / "glyphs.xml").read_text(encoding="utf-8")
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "glyphs.xml").write_text(source.replace('type="hedera"', 'ref="#hedera"'))
    render([tmp_path / "tei"], tmp_path / "site", ("text",))
    assert "D·M ❦ ((palm)) end." in text_of(tmp_path / "site", "glyphs")


def test_unclear_damage_hand_and_gap_are_marked(out):
    document = page(out, "transcription-marks")
    assert document.xpath("//span[@class='unclear']/@title")[0] == "Unclear in the source: faded"
    assert document.xpath("//span[@class='damage']/@title") == ["Damaged, water"]
    assert "[hand: h2]" in main_text(document)  # no description of the hand: its id
    # A described hand is named by its description (handNote), its sign apart from the word after it.
    assert "Then [hand: Goethe (pencil)] Goethe wrote on." in main_text(document)
    titles = document.xpath("//span[@class='handshift sign']/@title")
    assert titles[:2] == ["Another hand begins", "Another hand begins: Goethe (pencil)"]
    # A scribe is named as scribe names them (WeGA: a bare "[hand]" told nothing), or by the entry scribeRef
    # points to.
    assert "A postscript: [hand: Caroline] Caroline wrote, [hand: Caroline Weber] and signed." in main_text(
        document
    )
    # An unclear passage with nothing in it, which the transcriber could not read at all, is not passed over
    # in silence (the Shelley-Godwin Archive's "ii (<unclear extent="2" unit="chars"/>)" read "ii ()").
    assert_reads(out, "transcription-marks", "The shelfmark ii ([unclear]), a word [illegible] not read.")
    unread = document.xpath("//span[@class='unclear'][not(*)]/@title")
    assert unread[-2:] == ["Unclear in the source: 2 chars", "Unclear in the source: illegible"]
    assert "a gap […] here" in text_of(out, "transcription-marks")
    # A gap described in two languages: both descriptions, apart.
    assert "A passage left out: [front matter removed / Titelseite entfernt]." in main_text(document)
    # Text the editors judge superfluous is between braces, in any text as in an inscription.
    assert_reads(out, "transcription-marks", "A word written twice twice{ twice}.")


def test_a_word_on_menota_levels_reads_as_one_form_with_the_others_as_the_source_readings(out):
    # MENOTA gives a word's facsimile, diplomatic and normalised forms (me:facs, me:dipl, me:norm), in the
    # word or in a choice: every word stood three times ("Dͣrıꝰ Dͣrıus Darius"). The reading text reads the
    # normalised form, else the diplomatic; the others are the source's readings. Punctuation the source
    # lacks is not in the source, and attaches to its word as the reading text has it.
    assert "Darius hefir, konungr. þa" in text_of(out, "menota-levels")
    document = page(out, "menota-levels")
    for original in document.xpath("//main//span[@class='original']"):  # shown beside on demand only
        original.drop_tree()
    assert "Darius hefir, konungr. þa" in main_text(document)
    titles = document.xpath("//main//span[@class='reading']/@title")
    assert titles == [
        "The source reads: Dͣrıꝰ / Dͣrıus",
        "The source reads: heꝼ̅ / heꝼer",
        "Not in the source",
        "The source reads: k̅gr / konungr",
        "The source reads: .",
        "The source reads: þa",
    ]
    assert document.xpath("//button[@id='tt-toggle']")  # the source's readings can be shown beside
    assert document.xpath("/html/@lang") == ["is"]  # MENOTA's language code, isl, as BCP 47 has it
    # The index reads a name and the words around it as the reading text does.
    assert [(m["form"], m["after"]) for m in unidentified_persons(out, "menota-levels")] == [
        ("Darius", " hefir, konungr. þa")
    ]


def test_a_source_reading_that_is_a_gap_reads_as_its_sign(tmp_path):
    # Slomšek's "Besedilo uničeno": <choice><orig><gap/></orig><reg><gap/></reg></choice> said "The source
    # reads: " and nothing more.
    source = (GENRES / "menota-levels.xml").read_text(encoding="utf-8")
    body = "<p>Before <choice><orig><gap/></orig><reg>after</reg></choice>.</p>"
    (tmp_path / "gap.xml").write_text(re.sub(r"<body>.*</body>", f"<body>{body}</body>", source, flags=re.S))
    render([tmp_path / "gap.xml"], tmp_path / "out", ("html",))
    titles = page(tmp_path / "out", "gap").xpath("//main//span[@class='reading']/@title")
    assert titles == ["The source reads: […]"]


def test_a_diary_entry_headed_by_its_date_alone_shows_the_date(tmp_path):
    # The Digital Mitford heads an entry with <date when="1819-01-01"/>: its heading was empty, and the
    # contents passed the entry over.
    source = (GENRES / "menota-levels.xml").read_text(encoding="utf-8")
    entries = "".join(
        f'<div type="entry"><head>{head}</head><p>Entry {n}.</p></div>'
        for n, head in enumerate(("Thursday Decr 31", '<date when="1819-01-01"/>', "Saturday 2"))
    )
    (tmp_path / "diary.xml").write_text(
        re.sub(r"<body>.*</body>", f"<body>{entries}</body>", source, flags=re.S)
    )
    render([tmp_path / "diary.xml"], tmp_path / "out")
    document = page(tmp_path / "out", "diary")
    assert [h.text_content() for h in document.xpath("//main//h2[@class='head']")] == [
        "Thursday Decr 31",
        "[1819-01-01]",
        "Saturday 2",
    ]
    assert document.xpath("//nav[@class='toc']//a/text()") == [
        "Thursday Decr 31",
        "[1819-01-01]",
        "Saturday 2",
    ]
    assert "\n\n[1819-01-01]\n\nEntry 1.\n" in text_of(tmp_path / "out", "diary")


def test_source_document_lines_render_with_every_fifth_number(out):
    document = page(out, "sourcedoc")
    lines = document.xpath("//section[@class='sourcedoc']//div[@class='line']")
    assert len(lines) == 6
    assert document.xpath("//div[@class='line']/span[@class='linenumber']/text()") == ["5"]
    text = text_of(out, "sourcedoc")
    assert "first line of the page\nsecond line\nthird line" in text
    # A zone that says what it is (SGA's type="left_margin") is headed so: its lines are not the page's.
    margin = document.xpath("//div[@class='zone'][p[@class='zone-label']]")
    assert [" ".join(zone.text_content().split()) for zone in margin] == ["Left margin a note in the margin"]
    assert document.xpath("//p[@class='zone-label']") == [margin[0][0]]  # the main zone has no label
    assert "fifth line\n\n[Left margin]\na note in the margin" in text
    assert "The reading text." in text


# --- drama and speech ----------------------------------------------------------------------------------


def test_surfaces_without_number_or_name_are_counted(tmp_path):
    # The Shelley-Godwin Archive numbers its surfaces in an attribute of its own (mith:folio): 134 headings
    # "Surface", in the page and in its contents. Counted in square brackets, as a page without a number is.
    source = (GENRES / "sourcedoc.xml").read_text(encoding="utf-8")
    surfaces = "".join(f"<surface><zone><line>line {n}</line></zone></surface>" for n in range(1, 4))
    source = re.sub(r"<sourceDoc>.*</sourceDoc>", f"<sourceDoc>{surfaces}</sourceDoc>", source, flags=re.S)
    (tmp_path / "surfaces.xml").write_text(source)
    render([tmp_path / "surfaces.xml"], tmp_path / "out")
    headings = page(tmp_path / "out", "surfaces").xpath("//section[@class='surface']/h3/text()")
    assert headings == ["Surface [1]", "Surface [2]", "Surface [3]"]
    assert "Surface [2]\n\nline 2" in (tmp_path / "out" / "surfaces.txt").read_text(encoding="utf-8")


def test_stage_directions_are_apart_from_speech(out):
    document = page(out, "stage")
    assert document.xpath("//p[@class='stage']/text()") == [
        "Szene: Flur in Nathans Hause.",
        "Enter Dorialus, Agenor.",
    ]
    assert document.xpath("//p[@class='p']/span[@class='stage']/text()") == ["Er umarmt ihn."]
    text = text_of(out, "stage")
    assert "(Szene: Flur in Nathans Hause.)" in text and "Er ist es! (Er umarmt ihn.) Nathan!" in text


def test_cast_role_and_description_are_not_glued_and_speaker_comes_from_who(out):
    text = text_of(out, "stage")
    assert "Nathan ein reicher Jude" in text
    assert "daja\n\nIch komme." in text  # no speaker element: the @who pointer names the speaker
    # A speech of stage directions alone (EarlyPrint's placeholder who="A06177-xxxx") names no speaker.
    assert text.endswith("Ich komme.\n\n(Enter Dorialus, Agenor.)\n")
    assert "A06177" not in main_text(page(out, "stage"))


def test_utterances_and_segments_stay_apart_and_speakers_are_named(out):
    text = text_of(out, "utterances")
    assert "Anna\n\nfirst segment\nsecond segment" in text
    # An event between utterances names whose it is; an utterance that overlaps the one before says so
    # (trans="overlap").
    assert "(pause for 2 s) (Anna: shrugs)\n\n" in text
    assert "(pause for 2 s)" in text and "Bert (overlapping)\n\nreply (door slams) again" in text
    document = page(out, "utterances")
    assert [s.text for s in document.xpath("//span[contains(@class, 'line-segment')]")] == [
        "first segment",
        "second segment",
    ]
    assert document.xpath("//div[@class='u']/p[@class='speaker']/text()") == ["Anna", "Bert (overlapping)"]
    assert "reply (door slams) again" in main_text(document)
    # A transcript that names its speaker in a note (ParlaMint) does not have the name read twice.
    assert text.endswith("again\n\nChair Bert Brandt:\n\n19:02\n\nOrder, Carla Dorn.\n")
    # A name's parts written side by side are apart in the index too.
    assert [m["form"] for m in unidentified_persons(out, "utterances")] == ["Carla Dorn"]


def test_an_iso_transcript_names_the_speaker_of_each_block_and_reads_its_tiers_under_it(out):
    """EXMARaLDA's ISO 24624 export: the speaker is the annotation block's (who="SPK0", a bare id, names the
    person with that id by their name); its span groups, the translation and comment tiers, are read under
    the utterance, headed by their type; a pause's ISO duration reads with its unit. A block that starts on
    the timeline before the one before it has ended overlaps it, and says so."""
    text = text_of(out, "iso-transcript")
    assert text == (
        "PAR\n\nDarf ich (pause for 0.3 s) fragen?\n\nen: May I ask?\n\nk: betont ruhig\n\n"
        "VIC (overlapping)\n\nJa.\n"
    )
    document = page(out, "iso-transcript")
    speakers = document.xpath("//div[@class='annotationBlock']/p[@class='speaker']/text()")
    assert speakers == ["PAR", "VIC (overlapping)"]
    tiers = document.xpath("//div[@class='annotationBlock']/p[@class='tier']")
    assert [" ".join(t.text_content().split()) for t in tiers] == ["en: May I ask?", "k: betont ruhig"]
    assert [t.xpath("string(span[@class='tier-label'])") for t in tiers] == ["en", "k"]


def test_an_event_described_in_its_own_parentheses_gets_no_more(out):
    """ParlaMint writes "(Aplausos.)" in the description itself: the parentheses are not doubled, nor a gap's
    brackets added around a description in parentheses."""
    text = text_of(out, "transcript-events")
    assert "a\n\nMoitas grazas.\n\n(Aplausos.)\n\nb\n\nBen. (Risos.) Seguimos (…) [inaudible].\n" in text
    document = page(out, "transcript-events")
    assert [e.text for e in document.xpath("//span[contains(@class, 'event')]")][:2] == [
        "(Aplausos.)",
        "(Risos.)",
    ]
    assert [g.text for g in document.xpath("//span[@class='gap']")] == ["(…)", "[inaudible]"]
    assert "((" not in text and "((" not in main_text(document)


def test_a_stage_direction_or_an_event_is_apart_from_words_not_from_the_punctuation_after_it(out):
    for words in (
        "Vitam pána Kováča (potlesk), pána Mečiara (smiech).",
        "(стоя в дверях). Этот ваш подарок.",
    ):
        assert words in text_of(out, "transcript-events")
    document = page(out, "transcript-events")
    assert "Vitam pána Kováča (potlesk), pána Mečiara (smiech)." in main_text(document)
    # The page sets the direction in italics, without parentheses, and apart from the word before it.
    assert "Il est charmant riant!" in main_text(document)
    assert "Il est charmant (riant)!" in text_of(out, "transcript-events")


def test_the_parentheses_of_a_stage_direction_hold_its_words_without_their_white_space(out):
    text = text_of(out, "transcript-events")
    assert "\n\n(Enter Barnardo and Francisco.)\n\n" in text
    assert "\n\nROSALINE\n\n(À part.) Il est charmant (riant)!\n" in text


def test_a_shift_without_a_description_says_which_feature_of_the_voice_shifts_to_what(out):
    """(shift) said nothing: the feature (loudness, tempo...) and its new state, normal where none given."""
    words = "(loudness: f) Order! (loudness: normal) Thank you. (tempo: a) Next."
    assert f"d\n\n{words}\n" in text_of(out, "transcript-events")
    assert words in main_text(page(out, "transcript-events"))


def test_a_who_that_is_no_list_of_pointers_names_the_speaker_as_written(out):
    """who="Kováč, M." (a name where pointers belong: invalid, but ParlaMint's) read "Kováč,, M.": its values
    were taken for pointers, each cut before a # and joined by commas."""
    assert "\n\nKováč, M.\n\nVážená Národná rada.\n" in text_of(out, "transcript-events")
    speakers = page(out, "transcript-events").xpath("//div[@class='u']/p[@class='speaker']/text()")
    assert speakers == ["a", "b", "c", "Kováč, M.", "d"]


def test_a_line_break_before_the_words_of_a_speech_draws_no_empty_line(out):
    """<p><lb n="1"/>Who is there?</p> began with an empty line on the page. A break between words keeps the
    source's line there, and runs on in the plain reading text, neither gluing the words."""
    document = page(out, "speech-lines")
    paragraphs = document.xpath("//div[@class='sp']/p[@class='p']")
    assert [html.tostring(p, encoding="unicode").split(">", 1)[1] for p in paragraphs] == [
        "Who is there?</p>",
        "\n          Nay, answer me.<br>Stand and unfold yourself.</p>",
    ]
    text = text_of(out, "speech-lines")
    assert "BARNARDO\n\nWho is there?\n\nFRANCISCO\n\nNay, answer me. Stand and unfold yourself.\n" in text


def test_a_verse_line_split_between_speakers_goes_on_where_its_parts_before_end(out):
    """A half-line that continues a line (@part M, F) began flush left in the plain text, and a fixed 6em in
    on the page: it begins where the parts before it end, a space after each."""
    text = text_of(out, "speech-lines")
    first, middle = "Ils n'ont pu l'ignorer.", "Sans doute."
    indent = "\xa0"  # a no-break space: the text's white space normalisation keeps it
    assert f"\n{first}\n\nALBIN.\n\n{indent * (len(first) + 1)}{middle}\n\n" in text
    assert f"\n\n{indent * (len(first) + len(middle) + 2)}Ils l'ont appris aussi,\nSeigneur : mais" in text
    document = page(out, "speech-lines")
    parts = document.xpath("//div[contains(@class, 'part-')]")
    assert [(p.get("class"), p.get("style"), p.text_content()) for p in parts] == [
        ("l part-I", None, first),
        ("l part-M", f"padding-left: calc(1.5em + {len(first) + 1}ch)", middle),
        (
            "l part-F",
            f"padding-left: calc(1.5em + {len(first) + len(middle) + 2}ch)",
            "Ils l'ont appris aussi,",
        ),
    ]


# --- verse ---------------------------------------------------------------------------------------------


def test_a_caesura_sets_the_half_lines_apart(out):
    half_lines = "Hwæt we Gardena\u2003in geardagum"  # a wide space, which white space does not collapse
    assert f"\n{half_lines}\n" in text_of(out, "verse")
    assert page(out, "verse").xpath("//div[contains(@class, 'l')]")[-1].text_content() == half_lines


def test_verse_lines_stanzas_and_every_fifth_number(out):
    document = page(out, "verse")
    assert len(document.xpath("//div[@class='lg']")) == 2
    assert document.xpath("//span[@class='linenumber']/text()") == ["5", "10"]
    assert document.xpath("//div[contains(@class, 'part-F')]/text()") == ["its second half"]
    text = text_of(out, "verse")
    assert "verse line 6\nverse line 7\n\nsecond stanza line 8" in text


def test_a_poem_of_milestones_breaks_its_lines_and_stanzas(out):
    # Folger's poems: lines and stanzas are milestones in one ab, not l and lg. A line stands on its own, a
    # stanza apart, every fifth numbered line numbered; no empty line where a milestone opens the block or
    # follows another; a milestone of another unit breaks nothing.
    text = text_of(out, "milestone-verse")
    assert "First line,\nsecond line\nthird\nfourth\nfifth.\n\nSixth line goes on" in text
    # A line milestone after a line break draws no second one in the page (its br count below); EpiDoc's
    # verse milestone within a line breaks nothing.
    assert "\nSeventh line\neighth ends\n" in text
    # Before a verse line, which stands apart already, a line milestone draws nothing (romdracor's Seneca).
    assert "\n\nA line of its own\nand the next\n" in text
    assert page(out, "milestone-verse").xpath("//div[@class='lg']//br | //div[@class='lg']/span") == []
    block = page(out, "milestone-verse").xpath("//main//p[contains(., 'First')]")[0]
    assert [child.tag for child in block].count("br") == 6
    assert block.text.strip() == "First line," and block[0].tag == "br"  # the first line is not empty
    assert block.xpath(".//span[@class='linenumber']/text()") == ["5"]
    stanza_break = block.xpath(".//span[contains(@class, 'stanza-break')]")
    assert len(stanza_break) == 1 and " ".join(stanza_break[0].tail.split()) == "Sixth line goes on"


# --- apparatus -----------------------------------------------------------------------------------------


def test_apparatus_lemma_in_text_readings_with_sigla_apart(out):
    document = page(out, "apparatus")
    calls = [a.text_content() for a in document.xpath("//span[@class='app']")]
    assert calls == ["quicka1", "jumpsa2", "lazya3"]
    assert document.xpath("//span[@class='app']/sup/a/@href") == ["#tt-app-1", "#tt-app-2", "#tt-app-3"]
    assert "quikke" not in main_text(document) and "leaps" not in main_text(document)
    entries = document.xpath("//section[@class='apparatus']//li")
    assert [" ".join(e.text_content().split()) for e in entries] == [
        "a1. quick] A; quikke B C ↩",
        "a2. jumps A; leaps B ↩",
        "a3. lazy] A; lazy B; la[…]y C torn here ↩",  # an entry's note apart from the last siglum
    ]
    assert document.xpath("//section[@class='apparatus']//li//del/text()") == ["lazy"]
    assert document.xpath("//dl[@class='witnesses']/dt/text()") == ["A", "B", "C"]
    text = (out / "apparatus.txt").read_text(encoding="utf-8")
    assert "The quick[a1] brown fox jumps[a2] over the lazy[a3] dog." in text
    # A reading that is a deletion reads as erased, not as nothing; a gap as its sign.
    entries = [
        "a1. quick] A; quikke B C",
        "a2. jumps A; leaps B",
        "a3. lazy] A; ⟦lazy⟧ B; la[…]y C torn here",
    ]
    # The witnesses with their sigla come first, as in the page, each a line; and each is a source of its own.
    witnesses = "A: Manuscript A\nB: Manuscript B\nC: Manuscript C"
    assert "\n\n".join(["Apparatus", witnesses, *entries]) in text
    assert text.splitlines()[1] == "Source: Manuscript A — Manuscript B — Manuscript C"
    # A pointer to a reading leads to its entry, and is called by the entry's marker, not by its id.
    assert "\n\nB reads a2, as the second hand does.\n\n" in text
    pointers = document.xpath("//main//a[@class='ptr' or @class='ref']")
    assert [(a.get("href"), a.text_content()) for a in pointers] == [
        ("#tt-app-2", "a2"),
        ("#tt-app-2", "the second hand"),
    ]


def test_an_entry_attached_by_its_end_points_marks_its_lemma_in_the_text_once(out):
    """app/@from (and @to): the text holds the lemma already; the entry is not read a second time where it
    stands, its marker follows its last word, and the apparatus shows the words it concerns as its lemma."""
    text = text_of(out, "apparatus-attached")
    assert "Arma virumque[a1] cano[a2]\n\n" in text
    assert text.split("Apparatus")[0].count("virumque") == 1  # the entries do not read the lemma again
    assert "a1. virumque] virumque A; uirumque B\n\na2. virumque cano] uirumque canto B" in text
    document = page(out, "apparatus-attached")
    assert main_text(document).startswith("Arma virumquea1 canoa2 Apparatus")
    lemmata = document.xpath("//section[@class='apparatus']//span[@class='lemma']/text()")
    assert lemmata == ["virumque", "virumque cano"]


def test_an_empty_reading_that_copies_another_element_reads_as_it(out):
    """rdg/@copyOf: the reading is a copy of the element it points to (here the lemma), not an omission."""
    assert "a1. coit] G; cogit N; coit N2" in text_of(out, "apparatus-readings")
    document = page(out, "apparatus-readings")
    entry = document.xpath("//section[@class='apparatus']//li[@id='tt-app-1']")[0]
    assert " ".join(entry.text_content().split()) == "a1. coit] G; cogit N; coit N2 ↩"
    assert entry.xpath(".//span[@class='reading']/text()") == ["cogit", "coit"]


def test_a_reading_names_who_proposed_it_and_the_lemma_witnesses_stand_apart(out):
    """@source and @resp on a reading (a conjecture, an edition's reading): the bibl, person or witness they
    point to by its short name (abbreviation, author, name, else its id), after the reading's sigla; the
    lemma's witnesses are set apart from the first reading by the separator between readings."""
    entry = "a2. fuit] N G; ruit Heinsius; fugit Jacob Maehly; om. V CIG III, pacho1827"
    assert entry in text_of(out, "apparatus-readings")
    document = page(out, "apparatus-readings")
    item = document.xpath("//section[@class='apparatus']//li[@id='tt-app-2']")[0]
    assert " ".join(item.text_content().split()) == entry + " ↩"
    assert item.xpath(".//span[@class='siglum']/text()") == ["N", "G", "V"]
    assert item.xpath(".//span[@class='resp']/text()") == ["Heinsius", "Jacob Maehly", "CIG III", "pacho1827"]


def test_a_reading_without_words_is_an_omission_only_when_nothing_stands_for_text_in_either_look(out):
    """One fact (t:omits) in both looks: a reading that is a gap is a lacuna in the witness, not "om."; the
    marks of a fragmentary witness (witStart, witEnd, lacunaStart, lacunaEnd, TEI 12.1.5) and a blank read as
    their labels, an illegible passage as a transcription signs it (its reason); only a reading with none of
    these is "om."."""
    entries = [
        "a1. virumque] A; […] B; om. C",
        "a2. qui] A C; [witness begins] qui B",
        "a3. ab] A; [lacuna begins] B; [space] C",
        "a4. Italiam] A; [lacuna ends] B; [illegible] C",
        "a5. profugus] A B; perfugus Smith, Jones, Brown; [witness ends] C",
    ]
    assert "\n\n".join(entries) in text_of(out, "apparatus-marks")
    items = page(out, "apparatus-marks").xpath("//section[@class='apparatus']//li")
    assert [" ".join(item.text_content().split()) for item in items] == [entry + " ↩" for entry in entries]
    assert [len(item.xpath(".//i[. = 'om.']")) for item in items] == [1, 0, 0, 0, 0]


def test_the_names_of_those_who_proposed_one_reading_are_joined_in_both_looks(out):
    """Several pointers in @source or @resp: "Smith, Jones, Brown", not "Smith Jones Brown", each name in the
    page set apart from the sigla by its own look (span.resp, styled in style.css)."""
    assert "perfugus Smith, Jones, Brown;" in text_of(out, "apparatus-marks")
    item = page(out, "apparatus-marks").xpath("//li[@id='tt-app-5']")[0]
    assert "perfugus Smith, Jones, Brown;" in " ".join(item.text_content().split())
    assert item.xpath(".//span[@class='resp']/text()") == ["Smith", "Jones", "Brown"]
    css = (ROOT / "xslt" / "style.css").read_text(encoding="utf-8")
    rule = re.search(r"span\.resp\s*\{([^}]*)\}", css)
    assert rule and "small-caps" in rule.group(1) and "var(--text)" in rule.group(1)
    assert "small-caps" not in re.search(r"\.siglum\s*\{([^}]*)\}", css).group(1)


def test_a_note_on_a_lemma_reads_lemma_then_note_and_makes_no_empty_entry(out):
    """<note><app><lem>loco</lem></app> modo</note> (Perseus): the note says "loco] modo"; the apparatus has
    no entry "loco]" that says nothing, and the note holds no marker of one."""
    text = text_of(out, "apparatus-readings")
    assert "quolibet abde loco. [1]" in text
    assert text.endswith("Notes\n\n1. loco] modo\n")
    apparatus = text.split("Apparatus\n\n")[1].split("\n\nNotes")[0]
    assert [line.split(" ", 1)[0] for line in apparatus.split("\n\n")] == ["a1.", "a2."]
    assert "[a3]" not in text
    document = page(out, "apparatus-readings")
    assert len(document.xpath("//section[@class='apparatus']//li")) == 2
    note = document.xpath("//section[@class='notes']//li")[0]
    assert " ".join(note.text_content().split()) == "1. loco] modo ↩"
    assert note.xpath(".//sup") == []


def test_nested_entries_each_have_their_number_marker_and_back_link(out):
    """An entry nested in a reading of another (parallel segmentation): numbered where a reader meets its
    marker, listed under its own number; inside the entry that holds it, it reads as its lemma with its
    marker. One nested in a reading the text does not read is called from that entry, and leads back there."""
    text = text_of(out, "apparatus-nested")
    assert "alpha beta gamma[a1][a2] epsilon zeta[a4] theta." in text
    entries = [
        "a1. gamma A; delta B",
        "a2. beta gamma[a1] A B; om. C",
        "a3. iota B; kappa C",
        "a4. zeta] A; eta iota[a3] B",
    ]
    assert "\n\n".join(entries) in text
    document = page(out, "apparatus-nested")
    assert main_text(document).startswith("alpha beta gammaa1a2 epsilon zetaa4 theta.")
    items = document.xpath("//section[@class='apparatus']//li")
    assert [item.get("id") for item in items] == ["tt-app-1", "tt-app-2", "tt-app-3", "tt-app-4"]
    assert [" ".join(item.text_content().split()) for item in items] == [
        "a1. gamma A; delta B ↩",
        "a2. beta gammaa1 A B; om. C ↩",
        "a3. iota B; kappa C ↩",
        "a4. zeta] A; eta iotaa3 B ↩",
    ]
    ids = document.xpath("//@id")
    assert len(ids) == len(set(ids))
    # Every back-link finds its spot: the marker in the text, or the entry that calls a3.
    backs = document.xpath("//a[@class='backref']/@href")
    assert backs == ["#ref-tt-app-1", "#ref-tt-app-2", "#tt-app-4", "#ref-tt-app-4"]
    assert all(document.xpath(f"//*[@id='{href[1:]}']") for href in backs)
    # In an entry, a nested entry's marker links to its entry, and is no second spot to come back to.
    assert document.xpath("//li[@id='tt-app-4']//sup/a/@href") == ["#tt-app-3"]
    assert document.xpath("//li[@id='tt-app-4']//sup/a/@id") == []


def test_entries_of_a_list_kept_apart_attached_by_their_end_points_are_marked_in_the_text(out):
    """The double-end-point method keeps its entries in a listApp of the back (app from="#s1" to="#e1"): each
    is marked where its lemma ends (an anchor, which html.xsl draws), numbered and listed as the text's
    entries are, and their list, left with nothing to read, is not drawn; an entry that is not attached stays
    in its list where it stands."""
    text = text_of(out, "apparatus-double-end-point")
    assert "ite domum[a1] saturae, venit Hesperus, ite capellae.\nnunc saturae[a2] venit" in text
    assert "l. 2: B glosses the line." in text
    assert "a1. ite domum] ite domi B\n\na2. saturae] A; satiatae B" in text
    assert text.count("ite domi") == 1 and text.count("satiatae") == 1
    document = page(out, "apparatus-double-end-point")
    lines = "ite domuma1 saturae, venit Hesperus, ite capellae. nunc saturaea2 venit"
    assert main_text(document).startswith(lines)
    assert document.xpath("//main//sup/a/@href") == ["#tt-app-1", "#tt-app-2"]
    items = document.xpath("//section[@class='apparatus']//li")
    assert [" ".join(item.text_content().split()) for item in items] == [
        "a1. ite domum] ite domi B ↩",
        "a2. saturae] A; satiatae B ↩",
    ]
    backs = document.xpath("//a[@class='backref']/@href")
    assert all(document.xpath(f"//*[@id='{href[1:]}']") for href in backs)
    assert len(document.xpath("//ul[@class='listApp']")) == 1
    kept = document.xpath("//ul[@class='listApp']/li")
    assert [" ".join(item.text_content().split()) for item in kept] == ["l. 2: B glosses the line."]


def test_an_entry_of_an_epidoc_apparatus_division_outside_a_list_is_read_where_it_stands(out):
    text = text_of(out, "apparatus-attached")
    assert "Apparatus\n\nl. 1: B adds a gloss above the line.\n\n" in text
    assert "[a3]" not in text and "a3." not in text
    document = page(out, "apparatus-attached")
    entries = document.xpath("//section[contains(@class, 'apparatus')]/p[@class='app']")
    assert [" ".join(e.text_content().split()) for e in entries] == ["l. 1: B adds a gloss above the line."]


# --- EpiDoc --------------------------------------------------------------------------------------------


def test_epidoc_leiden_conventions_lines_and_headings(out):
    text = text_of(out, "epidoc")
    # Lacunae side by side on a line share their brackets; a line break closes them. A column's label is a
    # line, in words (test_editorial_markers_in_a_leiden_edition_are_not_drawn_in_square_brackets).
    lines = [
        "τὸν ὑπὸ κα",
        "τὰ [ποτα]μὸν",
        "πό(δας) καρπεύσε⟨τ⟩αι",
        "ρ̣α̣ν [- - -]",
        "5 τέλος",
        "[- - - κα]τὰ [ἐς τὸ]ν πέτρο[ν]",
        "Column 2",
        "[ἐν] ᾧ",
    ]
    assert "Edition\n\nFragment a\n\n" + "\n".join(lines) in text
    assert "Translation\n\nThe translation.\n\nCommentary\n\nThe commentary.\n" in text
    assert "Bibliography" not in text  # an empty division implies no heading
    document = page(out, "epidoc")
    assert document.xpath("//section[contains(@class, 'edition')]/h2/text()") == ["Edition"]
    assert len(document.xpath("//p[@class='ab']/br")) == 7  # a break inside a word starts a line too
    assert document.xpath("//span[@class='linenumber']/text()") == ["5"]


def test_editorial_markers_in_a_leiden_edition_are_not_drawn_in_square_brackets(out):
    """In a Leiden edition square brackets mean letters lost and restored by the editors: a page or column
    break is named in words on a line of its own ("Page 5", "Column 2"), a call of an apparatus entry or a
    note is raised ("^a1" in the plain text, a superscript without brackets in the page). Outside the edition
    (the translation) a page break keeps its usual marker."""
    text = text_of(out, "epidoc-markers")
    edition = text.split("Edition\n\n", 1)[1].split("\n\nTranslation", 1)[0]
    lines = ["Page 5", "Column 1", "τὸν ὑπὸ [κα]", "καὶ ἐς^a1 τὸν^1", "Column 2", "ποταμὸν", "Page", "Column"]
    assert edition.split("\n") == [
        *lines,
        "τέλος",
        "Fragment b",
        "ἄλλο",
        "",
        "ἐν τῷ οἴκῳ Ἀβιμέλεχ",
        "Page 134r",
        "καὶ",
        "Page 444",
        "ἠρώτα αὐτῷ.",
    ]
    assert "The translation [p. 6] goes on." in text
    document = page(out, "epidoc-markers")
    section = document.xpath("//section[contains(@class, 'edition')]")[0]
    assert [
        " ".join(s.text_content().split()) for s in section.xpath(".//span[@class='pb' or @class='cb']")
    ] == [
        "Page 5",
        "Column 1",
        "Column 2",
        "Page",
        "Column",
        "Page 134r",
        "Page 444",
    ]
    assert [sup.text_content() for sup in section.xpath(".//sup")] == ["a1", "1"]
    # A break inside a word leaves the word whole (PTA's prose editions): in the text its line follows the
    # word; the page draws it where it is, as a transcription does, and sets apart one between words.
    prose = section.xpath("./p")[1]
    assert " ".join(prose.text_content().split()) == "ἐν τῷ οἴκῳ ἈPage 134rβιμέλεχ καὶ Page 444 ἠρώτα αὐτῷ."
    assert [br.tail.strip() if br.tail else "" for br in prose.iter("br")] == ["", "ἠρώτα αὐτῷ."]
    for br in section.iter("br"):
        br.tail = "\ue000" + (br.tail or "")
    shown = [" ".join(line.split()) for line in section.xpath("./p")[0].text_content().split("\ue000")]
    assert shown == [
        "Page 5",
        "Column 1",
        "τὸν ὑπὸ [κα]",
        "καὶ ἐςa1 τὸν1",
        "Column 2",
        "ποταμὸν",
        "Page",
        "Column",
        "τέλος",
        "Fragment b",
        "ἄλλο",
    ]
    assert "[p. 6]" in main_text(document)


def leiden_line(out: Path, n: int) -> tuple[str, str]:
    """Line n of the edition in leiden.xml (one Leiden sign a line, numbered from 1 with no line number shown
    but every fifth), as the plain text and as the page show it (its reading layer's words)."""
    edition = text_of(out, "leiden").split("Edition\n\n", 1)[1].split("\n\n", 1)[0]
    shown = [line.removeprefix(f"{i} ") for i, line in enumerate(edition.split("\n"), 1)]
    section = page(out, "leiden").xpath("//section[contains(@class, 'edition')]/p")[0]
    for hidden in section.xpath(".//*[@hidden]"):  # the source's readings, shown only in the diplomatic layer
        hidden.drop_tree()
    for br in section.iter("br"):
        br.tail = "\ue000" + (br.tail or "")
    lines = [" ".join(line.split()) for line in section.text_content().split("\ue000")]
    lines = [line.removeprefix(f"{i}").strip() if i % 5 == 0 else line for i, line in enumerate(lines, 1)]
    return shown[n - 1], lines[n - 1]


def test_leiden_a_symbol_expanded_reads_as_its_expansion_only(out):
    # EpiDoc Guidelines, "Expansion of symbol": <am><g type="year"/></am><ex>ἔτους</ex> reads (ἔτους), with
    # the symbol's glyph in the markup or not. Outside the edition the glyph keeps its name.
    assert leiden_line(out, 1) == ("Σῶσος (ἔτους) (ἔτους) λ",) * 2
    assert "A symbol outside the edition: ((year))(ἔτους)." in text_of(out, "leiden")


# --- tables, lists, figures, formulae, highlighting ----------------------------------------------------


def test_translations_into_two_languages_are_headed_by_their_language(tmp_path):
    """IOSPE gives an inscription's translation in Russian and in English: each is headed with its language;
    a translation alone (test_epidoc_leiden_conventions_lines_and_headings) is "Translation"."""
    source = (GENRES / "epidoc.xml").read_text(encoding="utf-8")
    two = (
        '<div type="translation" xml:lang="ru"><p>Перевод.</p></div>'
        '<div type="translation" xml:lang="en"><p>Translated.</p></div>'
    )
    (tmp_path / "two.xml").write_text(
        source.replace('<div type="translation"><p>The translation.</p></div>', two)
    )
    render([tmp_path / "two.xml"], tmp_path / "out", ("html", "text"))
    text = text_of(tmp_path / "out", "two")
    assert "Translation (ru)\n\nПеревод.\n\nTranslation (en)\n\nTranslated.\n\nCommentary\n" in text
    headings = page(tmp_path / "out", "two").xpath("//main//h2/text()")
    assert headings[-3:] == ["Translation (ru)", "Translation (en)", "Commentary"]


def test_tables_are_tables(out):
    document = page(out, "table")
    assert document.xpath("//table/caption/text()") == ["Prices"]
    # A wide table scrolls in its own region, a tab stop named by the caption (the page does not scroll).
    region = document.xpath("//div[@role='region'][table]")
    assert len(region) == 2 and {r.get("tabindex") for r in region} == {"0"}
    assert region[0].get("aria-labelledby") == document.xpath("string(//table/caption/@id)") != ""
    assert region[1].get("aria-label") == "Table 2"  # a table without a caption is named by its number
    assert document.xpath("//table//th/text()") == ["Item", "Price"]
    assert document.xpath("//td[@colspan='2']/text()") == ["Total 2"]
    assert "Item | Price\nBread | 2\nTotal 2" in text_of(out, "table")


def test_local_images_are_img_copied_remote_ones_links(out):
    document = page(out, "figure")
    image = document.xpath("//figure/img")[0]
    assert (image.get("src"), image.get("alt")) == ("pixel.png", "One white pixel")
    assert (out / "pixel.png").read_bytes() == (GENRES / "pixel.png").read_bytes()
    assert document.xpath("//figcaption")[0].text_content() == "A pixel"
    remote = document.xpath("//a[@class='graphic']")
    assert remote[0].get("href") == "https://example.org/remote.jpg"
    # A remote image is named by what it shows: its record, else its file, or a IIIF image's identifier.
    assert [a.text for a in remote] == [
        "Image: remote.jpg (remote image)",
        "Image: AK096_513 (remote image)",
        "Image of Podmokly (remote image)",
    ]
    assert not document.xpath("//img[starts-with(@src, 'http')]")
    # A local image whose file is missing says so, once, beside its caption (a broken image showed it again).
    lost = document.xpath("//figure[figcaption = 'A lost picture']")[0]
    shown = [" ".join(e.text_content().split()) for e in lost]
    assert shown == ["Image not found: lost.png", "A lost picture"]
    assert not (out / "lost.png").exists()
    # What a missing image shows is still read: its description, which a found image has as its alt text.
    bird = document.xpath("//figure[figcaption = 'Plate 3']/span")[0]
    assert bird.text_content() == "A drawing of a bird (image not found: lost-bird.png)"
    # In the plain text, an image is named once, by its description, else apart from its caption.
    text = text_of(out, "figure")
    assert "[One white pixel]\n\nA pixel\n\n" in text and text.count("One white pixel") == 1
    assert "[A drawing of a bird]\n\nPlate 3\n\n" in text and text.count("bird") == 1
    assert "[Image: lost.png]\n\nA lost picture\n\n" in text
    assert document.xpath("//p/img/@src") == ["./pixel.png"]  # found as written
    # Several headings of one figure are lines of its caption, not one run of words.
    altars = document.xpath("//figcaption[contains(., 'Altar')]")[0]
    lines = [(e.tag, " ".join(e.text_content().split())) for e in altars]
    assert lines == [("p", "The Altar of the Sun"), ("p", "The Altar of the Moon")]
    assert "The Altar of the Sun\n\nThe Altar of the Moon" in text_of(out, "figure")


def test_mathml_is_kept(out):
    source = (out / "formula.html").read_text(encoding="utf-8")
    mathml = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mi>E</mi><mtext>max</mtext></msub></math>'
    )
    assert mathml in source
    # The plain text reads a formula in linear notation, not its signs run together ("Emax=2β21+x").
    assert "With E_max=(2β^2)/(1+√(x)),∫_0^∞ t in linear notation." in text_of(out, "formula")


def test_rend_values_become_their_own_look(out):
    document = page(out, "highlighting")
    assert document.xpath("//s/text()") == ["struck"]
    assert document.xpath("//*[contains(@class, 'rend-smallcaps')]/text()") == ["capitals", "small"]  # smcap
    assert document.xpath("//*[contains(@class, 'rend-monospace')]/text()") == ["typed"]  # typewriter
    assert document.xpath("//*[contains(@class, 'rend-spaced')]/text()") == ["spread"]  # spaced-out
    assert document.xpath("//sup/text()") == ["2"]  # above
    assert document.xpath("//*[@class='hi']")[0].tag == "span"  # an unknown rend is no longer italic
    assert document.xpath("//*[@style='letter-spacing: 0.2em']/text()") == ["spaced"]  # colours left out
    assert document.xpath("//i/text()") == ["italic"]
    # Paragraphs, headings and letters' parts keep their alignment and the CSS their renditions give.
    centred = document.xpath("//*[contains(@class, 'rend-center')]/text()")
    assert centred == ["A centred heading", "A centred paragraph"]
    assert document.xpath("//*[contains(@class, 'rend-right')]/@class") == ["dateline rend-right"]
    assert document.xpath("//*[@class='ab']/@style") == ["font-weight: bold"]
    # Renditions for a part: the text put before and after a quotation is its marks (no others are added),
    # in both looks; one for the first letter makes an initial capital, not a large paragraph.
    said = "Once she said «non» and left."
    assert [" ".join(p.text_content().split()) for p in document.xpath("//main//p")] == [
        "Vienna, 2 May",
        "A centred paragraph",
        "A bold block",
        said,
        'An \ufffd"odd escape.',
        "«A quoted paragraph»",
        "«»",
        "struck capitals latin spaced italic small typed spread x2",
        "Ist doch das Wenigste",
    ]
    # An element without a look of its own in the stylesheets keeps the one its source gives it.
    assert document.xpath("//span[@class='mod rend-strikethrough']/text()") == ["doch"]
    assert document.xpath("//span[@class='mod'][@style='font-weight: bold']/text()") == ["Wenigste"]
    paragraphs = text_of(out, "highlighting").split("\n\n")
    assert said in paragraphs
    # A block's marks stand inside its box (its p), and inside its paragraph in the plain text.
    quoted = document.xpath("//main//p[@class='p'][starts-with(., '«')]/text()")
    assert quoted == ["«A quoted paragraph»", "«»"]
    assert "«A quoted paragraph»" in paragraphs and "«»" in paragraphs  # an empty block's too
    assert document.xpath("//p[starts-with(., 'Once')]/@class") == ["p rend-initcaps"]
    assert document.xpath("//p[starts-with(., 'Once')]/@style") == []


def test_gloss_lists_pair_labels_and_items(out):
    document = page(out, "gloss-list")
    assert document.xpath("//dl/div/dt/text()") == ["Stave I", "Stave II"]
    assert "Stave I Marley's ghost\nStave II The first spirit" in text_of(out, "gloss-list")
    # A numbered list is numbered in both looks.
    assert document.xpath("//ol/li/text()") == ["Dogs", "Zebras"]
    assert "\n1. Dogs\n2. Zebras\n" in text_of(out, "gloss-list")
    # A list run on in its sentence (rend="inline") stays in it, its items apart, numbered if it is.
    assert_reads(out, "gloss-list", "Bring bread salt, then 1. mix 2. bake.")
    assert "\n\nBring bread salt, then 1. mix 2. bake." in text_of(out, "gloss-list")
    inline = document.xpath("//p/span[@class='list inline']")
    assert [[item.text for item in span] for span in inline] == [["bread", "salt"], ["1. mix", "2. bake"]]


def test_a_quotation_without_marks_of_its_own_gets_them_against_its_words(out):
    """Where the document says nothing of its quotation marks, a q or said that has none inside or right
    around it gets them, the white space at its edges outside; one that has them gets none more. The reference
    a quotation opens with (EEBO's mottos) stands before the marks, not inside them."""
    expected = [
        "He said, with gladsome looks, “My dear Scrooge, how are you?” and left.",
        "Scrooge said “Bah!” again, and then “Humbug”.",
        "A motto: IOHN 17. 3. “This is life eternall.”",
        # A quotation within a marked one takes the inner pair; a cited quotation's reference stands apart.
        "Fred said “every idiot who says ‘Merry Christmas’ should be boiled”, quoting “Bah” Scrooge.",
        # The marks of the quotation's language.
        "Sie schrieb „er rief ‚nein‘ zweimal“.",
        "Elle dit «non».",
        "הוא אמר ”לא”.",
        "Είπε «όχι».",
        # Those of the text around it, not of the words quoted.
        "The scribe wrote “fyrnefndr” here.",
    ]
    assert text_of(out, "quotations").rstrip("\n").split("\n\n") == expected
    paragraphs = page(out, "quotations").xpath("//main//p")
    assert [" ".join(p.text_content().split()) for p in paragraphs] == expected
    # The header's own trailing comma is not doubled in the citation.
    citation = page(out, "quotations").xpath("string(//p[@class='citation'])")
    assert citation == "Cite as: “Quotations”, TEI edition by Text Creation Partnership, 2003."


def test_an_empty_quotation_renders_without_empty_marks(tmp_path):
    """<quote type="hexaplaric"/> (PTA, pta0003.pta020): nothing is quoted there; the page is rendered (it
    was an XPath type error, the document not rendered) and shows no empty marks, the words around apart."""
    source = GENRES / "quotations.xml"
    document = source.read_text(encoding="utf-8").replace(
        "</body>", '<p>He reads <quote type="hexaplaric"/> here, and <quote>Μωὰβ</quote> there.</p></body>'
    )
    (tmp_path / "empty.xml").write_text(document, encoding="utf-8")
    result = render([tmp_path / "empty.xml"], tmp_path / "out", ("html", "text"))
    assert result.report.findings == []
    expected = "He reads here, and “Μωὰβ” there."
    assert text_of(tmp_path / "out", "empty").rstrip("\n").split("\n\n")[-1] == expected
    paragraphs = page(tmp_path / "out", "empty").xpath("//main//p")
    assert " ".join(paragraphs[-1].text_content().split()) == expected


def test_a_quotation_or_direction_without_words_takes_no_marks(tmp_path):
    """An empty q, and a stage direction whose words a delSpan deletes from the reading text (Perseus marks
    spurious lines so), have nothing to put marks around: the page was not rendered at all."""
    source = (GENRES / "deletions.xml").read_text(encoding="utf-8")
    body = (
        "<p>He said <q/> and <q> </q> then.</p>"
        '<sp><speaker>A</speaker><l>First line.</l></sp><delSpan spanTo="#end"/><stage>Exit.</stage>'
        '<sp><speaker>B</speaker><l>Spurious line.<anchor xml:id="end"/></l></sp><p>After.</p>'
    )
    source = re.sub(r"<body>.*</body>", f"<body>{body}</body>", source, flags=re.S)
    (tmp_path / "empty.xml").write_text(source)
    result = render([tmp_path / "empty.xml"], tmp_path / "out", ("html", "text"))
    assert result.report.findings == []
    text = text_of(tmp_path / "out", "empty")
    assert text.startswith("He said and then.\n\nA\n\nFirst line.\n")
    assert "Exit" not in text and "()" not in text
    assert "Exit." in main_text(page(tmp_path / "out", "empty"))  # struck in the page


def test_a_quotation_with_nothing_in_it_gets_no_marks_and_breaks_nothing(tmp_path):
    """A dictionary's translation still to be given (VICAV: <cit type="translation"><quote xml:lang="de"/>),
    a TEI Lex-0 example quote left blank: no marks around nothing, the words around it one space apart."""
    source = (GENRES / "quotations.xml").read_text(encoding="utf-8")
    body = '<body><p>Before <quote xml:lang="de"/> after <q> </q> end.</p></body>'
    (tmp_path / "empty.xml").write_text(re.sub(r"<body>.*</body>", body, source, flags=re.S))
    result = render([tmp_path / "empty.xml"], tmp_path / "out", ("html", "text"))
    assert result.report.findings == []
    assert_reads(tmp_path / "out", "empty", "Before after end.")


def test_block_quotations_are_paragraphs_without_marks_in_the_text(out):
    assert text_of(out, "block-quote") == "He wrote:\n\nA quotation set apart.\n\nAnd went on.\n"


def test_the_reference_of_a_verse_quoted_in_a_paragraph_stands_under_the_verse(tmp_path):
    """Perseus's Plutarch quotes verse in the middle of a sentence, <cit><quote><l>…</l></quote><bibl>: the
    reference ran into the words after the quotation ("Eur. Ba. 8 the memory of love")."""
    source = (GENRES / "block-quote.xml").read_text(encoding="utf-8")
    body = (
        "<p>and he kept,<cit><quote><l>a living flame of the fire of Zeus,</l></quote><bibl>Eur. Ba. 8</bibl>"
        "</cit>the memory of love. And <cit><quote>words</quote> <bibl>Hom. Il. 1</bibl></cit> went on.</p>"
    )
    source = re.sub(r"<body>.*</body>", f"<body>{body}</body>", source, flags=re.S)
    (tmp_path / "cit.xml").write_text(source)
    render([tmp_path / "cit.xml"], tmp_path / "out", ("html", "text"))
    assert text_of(tmp_path / "out", "cit") == (
        "and he kept,\n\na living flame of the fire of Zeus,\n\nEur. Ba. 8\n\n"
        "the memory of love. And “words” Hom. Il. 1 went on.\n"
    )
    [cit] = page(tmp_path / "out", "cit").xpath("//main//div[@class='cit']")  # the reference in its block
    assert " ".join(cit.text_content().split()) == "a living flame of the fire of Zeus, Eur. Ba. 8"


# --- letters and long documents ------------------------------------------------------------------------


def test_letter_header_has_own_title_and_correspondence_in_full(out):
    document = page(out, "letter")
    assert document.xpath("string(//h1)") == "Goldmann an Schnitzler, 23. 1. 1896"
    fields = dict(
        zip(
            document.xpath("//dl[@class='metadata']/dt/text()"),
            [d.text_content() for d in document.xpath("//dl[@class='metadata']/dd")],
            strict=True,
        )
    )
    assert fields["From"] == "Goldmann, Paul (Paris, 23. 1. 1896)"
    assert fields["To"] == "Schnitzler, Arthur (Wien)"
    assert fields["Transmitted"] == "Wien, 24. 1. 1896"  # a postmark: no person to announce ("by")
    assert fields["Previous letter in this correspondence"] == "Goldmann an Schnitzler, 16. 1. 1896"
    assert document.xpath("//a[@rel]") == []  # neither letter is rendered with it: no page to link to
    heading = (out / "letter.txt").read_text(encoding="utf-8").split("\n\n")[0]
    assert "To: Schnitzler, Arthur (Wien)" in heading.splitlines()


def test_a_letter_links_the_letters_around_it_that_the_run_renders(tmp_path):
    """correspContext names the previous letter (L02764) and the next (L02690) by their file names: only the
    next one is rendered with it, so only the next one is a link, and the page it leads to is there. Without
    the indexes (--to html) no page links to them."""
    letter = (GENRES / "letter.xml").read_text(encoding="utf-8")
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "letter.xml").write_text(letter, encoding="utf-8")
    (tmp_path / "letters" / "L02690.xml").write_text(letter, encoding="utf-8")
    render([tmp_path / "letters"], tmp_path / "site", ("html",))
    document = page(tmp_path / "site", "letter")
    assert document.xpath("//a[@rel='next']/@href") == ["L02690.html"]
    assert (tmp_path / "site" / "L02690.html").is_file()
    assert dangling_links(tmp_path / "site") == []  # nor to the edition index, not written with html alone
    assert document.xpath("//nav") == []
    previous = document.xpath("//dt[starts-with(., 'Previous letter')]/following-sibling::dd[1]")[0]
    assert previous.text_content() == "Goldmann an Schnitzler, 16. 1. 1896" and previous.find("a") is None


def test_a_related_letter_without_a_label_is_known_by_its_target(tmp_path):
    """A correspContext ref without text (Escher's letters: <ref type="previous" target="B2233"/>) shows its
    target, as a link where the run renders that letter, not an empty row."""
    letter = (GENRES / "letter.xml").read_text(encoding="utf-8")
    letter = re.sub(
        r'(<ref type="withinCorrespondence" subtype="\w+" target="\w+")>[^<]*</ref>', r"\1/>", letter
    )
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "letter.xml").write_text(letter, encoding="utf-8")
    (tmp_path / "letters" / "L02690.xml").write_text(letter, encoding="utf-8")
    render([tmp_path / "letters"], tmp_path / "site", ("html", "text"))
    document = page(tmp_path / "site", "letter")
    rows = [
        " ".join(dd.text_content().split())
        for dd in document.xpath("//dt[contains(., 'letter')]/following-sibling::dd[1]")
    ]
    assert rows == ["L02764", "L02690"]
    assert document.xpath("//a[@rel='next']/text()") == ["L02690"]
    heading = (tmp_path / "site" / "letter.txt").read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert "Previous letter in this correspondence: L02764" in heading


def test_letter_address_lines_and_empty_date_reference(out):
    text = text_of(out, "letter")
    assert text.startswith("Herrn\nFelix Salten\nUnterach am Attersee\n\nLieber Freund,")
    assert "Am 1896-02-04 fand die Premiere statt." in text
    assert text.endswith("Herzlich\n\nPaul\nGoldmann\n")  # a line break in the closer stays a line


def test_a_division_to_be_generated_from_another_part_links_to_it(out):
    """divGen with @corresp (test32's sermons: "generate the diplomatic view of #sl1 here") is no empty
    section: it leads to the part it is generated from; a divGen pointing nowhere shows nothing."""
    document = page(out, "generated-division")
    links = document.xpath("//p[@class='divGen']/a")
    assert [(a.get("href"), a.text) for a in links] == [("#diplomatic", "Diplomatic transcription")]
    assert "Critical text\n\nSee Diplomatic transcription.\n" in text_of(out, "generated-division")


def test_long_documents_get_a_table_of_contents(out):
    document = page(out, "contents")
    links = document.xpath("//nav[@class='toc']//a")
    assert [a.text for a in links] == [f"Chapter {n}" for n in range(1, 5)]
    ids = set(document.xpath("//section/@id"))
    assert all(a.get("href").removeprefix("#") in ids for a in links)


def test_breaks_inside_words_join_them_across_the_white_space_of_the_source_lines(out):
    assert_reads(
        out,
        "word-breaks",
        "A line-by-line transcription breaks a long wordafter its first part, a second wordpart before it, "
        "a thirdaround it, and keeps the other lines apart.",
    )


def test_words_broken_across_lines_are_whole_in_the_index(out):
    assert [m["form"] for m in unidentified_persons(out, "word-breaks")] == ["Annabella Lee"]


def test_annotations_about_the_text_are_not_read_as_its_text(out):
    # Index entries, certainty, feature structures, interpretations: in the text, but not text.
    assert_reads(out, "annotations", "Smith arrived late, a word with its analysis.")
    assert_reads(out, "annotations", "An opinion stands.")
    contexts = [m["after"] for m in unidentified_persons(out, "annotations")]
    assert contexts == [" arrived late, a word with its …"]


# --- tokenised texts -----------------------------------------------------------------------------------


def test_tokens_are_words_apart_and_joined_where_their_encoding_says(out):
    # Words written with nothing between them stay apart (a name of two words), except the parts of one word;
    # a token joined on a side has no white space there, whatever the layout of the source's lines.
    assert_reads(
        out,
        "tokens",
        "The sitting is open. Apologies from Eva Maier, Paul Huber and (by letter) Ida Roth. "
        "We meet in red – blue tearoom, today.",
    )
    # Punctuation a tokenised text writes a token a line, without @join, goes against its word.
    assert_reads(out, "tokens", "Will they pay? (Not yet.) Ask “soon” – now; a clerk's note.")
    assert [(m["form"], m["after"]) for m in unidentified_persons(out, "tokens")] == [
        ("Eva Maier", ", Paul Huber and (by letter) …"),
        ("Paul Huber", " and (by letter) Ida Roth. We …"),
    ]


def test_a_word_written_as_its_feature_structure_reads_as_its_form_and_not_its_analysis(tmp_path):
    """VICAV's sample texts write each word as a feature structure alone: the word reads as its form feature
    (without the no-break space ending it); its part of speech, lemma and translation stay annotation. A word
    with text of its own keeps it, its analysis unread."""
    word = (
        '<w><fs><f name="wordform">{}\u00a0</f><f name="pos">noun</f><f name="lemma">yawm</f>'
        '<f name="translation">day</f></fs></w>'
    )
    body = (
        "<body><p><s>\n  "
        + word.format("yōm")
        + "\n  "
        + word.format("ǝs")
        + "\n  <c>-</c>\n  "
        + word.format("sabǝt")
        + '\n  <w>tamām<fs><f name="pos">adjective</f></fs></w>\n  <pc>.</pc></s></p></body>'
    )
    source = (GENRES / "tokens.xml").read_text(encoding="utf-8")
    (tmp_path / "features.xml").write_text(re.sub(r"<body>.*</body>", body, source, flags=re.S))
    render([tmp_path / "features.xml"], tmp_path / "out", ("html", "text"))
    assert_reads(tmp_path / "out", "features", "yōm ǝs - sabǝt tamām.")
    for name in ("noun", "yawm", "day", "adjective"):
        assert name not in text_of(tmp_path / "out", "features")
        assert name not in main_text(page(tmp_path / "out", "features"))


def test_white_space_at_the_edge_of_an_element_goes_where_the_token_outside_it_is_joined(tmp_path):
    """A pretty-printed ParlaMint .ana file ends a name with a line end before the comma after it, and TEI
    Lex-0 a headword form before the comma after it: the comma goes against the word, not a space before it;
    an opening bracket goes against the word inside the element after it."""
    body = """<body><p>
      <w>senyor</w>
      <name type="PER">
        <w>Esteve</w>
        <w>Orriols</w>
      </name>
      <pc>,</pc>
      <w>que</w>
      <pc>(</pc>
      <name>
        <w>Ida</w>
      </name>
      <pc>)</pc>
    </p>
    <entry>
      <form type="lemma">
        <orth>abeceda</orth>
      </form>
      <pc>,</pc>
      <form type="inflected">
        <orth>-y</orth>
      </form>
    </entry></body>"""
    source = (GENRES / "tokens.xml").read_text(encoding="utf-8")
    (tmp_path / "edges.xml").write_text(re.sub(r"<body>.*</body>", body, source, flags=re.S))
    render([tmp_path / "edges.xml"], tmp_path / "out", ("html", "text"))
    assert_reads(tmp_path / "out", "edges", "senyor Esteve Orriols, que (Ida)")
    assert_reads(tmp_path / "out", "edges", "abeceda, -y")


@pytest.mark.parametrize(
    ("language", "tokens", "reading"),
    [
        # French sets its high punctuation and guillemets apart.
        ("fr", "Quoi|?|Il|dit|:|«|non|»|,|puis|partit|.", "Quoi ? Il dit : « non », puis partit."),
        # Which mark opens a quotation is the language's: German's “ closes it.
        ("de", "Er|sagte|„|nein|“|und|ging|.", "Er sagte „nein“ und ging."),
        # German's guillemets point inwards, Swiss German's outwards.
        ("de", "Er|sagte|»|nein|«|und|ging|.", "Er sagte »nein« und ging."),
        ("de", "»|Aber|–|na|!|Ich|meinte|nur|–|«", "»Aber – na! Ich meinte nur –«"),
        ("de-CH", "Er|sagte|«|nein|»|und|ging|.", "Er sagte «nein» und ging."),
        ("en", "He|said|“|no|”|and|left|.", "He said “no” and left."),
        # Spanish opens a question and an exclamation.
        ("es", "¿|Qué|?|¡|No|!", "¿Qué? ¡No!"),
        # A word after a mark that closes, a mark that opens after a word, stand apart.
        ("de", "Also|Zimmer|.|Sie|ging|,|nein|(|still|)|fort|!", "Also Zimmer. Sie ging, nein (still) fort!"),
    ],
)
@pytest.mark.parametrize("between", ["\n", ""])
def test_punctuation_without_join_goes_where_the_language_puts_it(
    tmp_path, language, tokens, reading, between
):
    # A token a line, as a tokenised novel writes them, or with nothing between them (ELTeC's level 2):
    # punctuation is pc, words are w.
    marks = set("?:«»,.„“”¿¡!()–")
    lines = between.join(f"<pc>{t}</pc>" if t in marks else f"<w>{t}</w>" for t in tokens.split("|"))
    source = (GENRES / "tokens.xml").read_text(encoding="utf-8")
    source = source.replace('xml:lang="en"', f'xml:lang="{language}"')
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "tokens.xml").write_text(source.replace("<body>", f"<body><p>{lines}</p>"))
    render([tmp_path / "tei"], tmp_path / "site", ("text",))
    assert text_of(tmp_path / "site", "tokens").startswith(f"{reading}\n\n")  # the paragraph put first


def test_punctuation_after_a_phrase_goes_against_the_phrase_s_last_word(tmp_path):
    # Folger's Shakespeare: a token a line, spaces as <c>, and the line end before a phrase's end tag is
    # white space too ("paucas pallabris ," otherwise).
    lines = (
        "<w>Therefore</w>\n<pc>,</pc>\n<c> </c>\n<foreign xml:lang='es'>\n<w>paucas</w>\n<c> </c>\n"
        "<w>pallabris</w>\n</foreign>\n<pc>,</pc>\n<c> </c>\n<w>call</w>\n<c> </c>\n"
        "<q>\n<w>husband</w>\n</q>\n<pc>!</pc>"
    )
    source = (GENRES / "tokens.xml").read_text(encoding="utf-8")
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "tokens.xml").write_text(source.replace("<body>", f"<body><p>{lines}</p>"))
    render([tmp_path / "tei"], tmp_path / "site", ("text", "html"))
    assert_reads(tmp_path / "site", "tokens", "Therefore, paucas pallabris, call “husband”!")


def test_the_layout_inside_a_name_does_not_part_it_from_its_punctuation(tmp_path):
    # MENOTA lays out a name's words a line each, inside the name: the white space at its edges set the
    # punctuation beside it apart ("Serklandi .", "( Asia )").
    tokens = (
        "<w>fyrir</w> <name>|<w>Serklandi</w>|</name> <pc>.</pc>"
        " <w>Hann</w> <pc>(</pc> <name>|<w>Asia</w>|</name> <pc>)</pc>"
    )
    source = (GENRES / "tokens.xml").read_text(encoding="utf-8")
    (tmp_path / "tei").mkdir()
    paragraph = "<p>\n" + tokens.replace(" ", "\n").replace("|", "\n  ") + "\n</p>"
    (tmp_path / "tei" / "tokens.xml").write_text(
        re.sub(r"<body>.*</body>", f"<body>{paragraph}</body>", source, flags=re.S)
    )
    render([tmp_path / "tei"], tmp_path / "site")
    assert text_of(tmp_path / "site", "tokens").startswith("fyrir Serklandi. Hann (Asia)\n")
    assert "fyrir Serklandi. Hann (Asia)" in main_text(page(tmp_path / "site", "tokens"))


def test_notes_between_blocks_are_read_where_they_stand_unless_a_pointer_calls_them(out):
    # A transcript's speaker and time lines are blocks in place; a note that a pointer calls stays a footnote.
    text = text_of(out, "tokens")
    assert text.startswith("19:02\n\nChair Anna Berger:\n\n")
    assert "note.\n\nClosed at 19:29.\n\nThe record was checked.[1]" in text
    assert text.endswith("Notes\n\n1. By the clerk.\n")
    document = page(out, "tokens")
    assert [n.text for n in document.xpath("//main//div[starts-with(@class, 'note ')]")] == [
        "19:02",
        "Chair Anna Berger:",
        "Closed at 19:29.",
    ]
    assert [li.text_content().split()[:3] for li in document.xpath("//section[@class='notes']//li")] == [
        ["1.", "By", "the"]
    ]


def test_ruby_glosses_its_base_above_it_and_in_marks_where_it_cannot(out):
    ruby = page(out, "ruby").xpath("//main//ruby")[0]
    assert [(child.tag, child.text) for child in ruby] == [("rp", "("), ("rt", "とうきょう"), ("rp", ")")]
    assert ruby.text == "東京"
    assert "東京(とうきょう)に行く。" in text_of(out, "ruby")


def test_a_right_to_left_text_is_laid_out_so_and_its_other_languages_as_they_are_written(out):
    document = page(out, "right-to-left")
    assert (document.get("lang"), document.get("dir")) == ("he", "rtl")
    # A passage in another language carries it, and its direction where that differs from its surroundings';
    # a code that is no language ("mp") is left out.
    marked = [
        (e.tag, e.get("lang"), e.get("dir")) for e in document.xpath("//main//*[@lang][not(@role | @hidden)]")
    ]
    assert marked == [("i", "en", "ltr"), ("p", "en", "ltr"), ("i", "ar", "rtl")]
    assert page(out, "verse").get("dir") is None  # a left-to-right page says nothing
    # The page's own English words ("Cite as:", the labels, the navigation) carry their language there,
    # and on an English page nothing.
    interface = document.xpath("//nav | //dt | //p[@class='citation']/strong | //a[@class='skip']")
    assert {(e.get("lang"), e.get("dir")) for e in interface} == {("en", "ltr")}
    # So do the links it adds whose words are in their aria-label ("Note 1", "Back to the text at note 1").
    links = document.xpath("//a[@role='doc-noteref' or @role='doc-backlink']")
    assert len(links) == 2 and {(a.get("lang"), a.get("dir")) for a in links} == {("en", "ltr")}
    # And a table's name, "Table 1", by a hidden element in English (an aria-label has no language).
    region = document.xpath("//div[@role='region']")[0]
    name = document.get_element_by_id(region.get("aria-labelledby"))
    assert region.get("aria-label") is None and name.get("hidden") is not None
    assert (name.text, name.get("lang"), name.get("dir")) == ("Table 1", "en", "ltr")
    assert page(out, "dictionary").xpath("//*[@lang][not(self::html)][not(@class = 'cit')]") == []
    # On the English index pages, what comes from the texts is isolated: a Hebrew context reads right to left.
    mention = page(out, "person-index").xpath("//li[a[starts-with(@href, 'right-to-left.html')]]")[0]
    assert mention.xpath("a/bdi/text()") == ["מכתב"]
    assert mention.xpath("span[@class='context']/@dir") == ["auto"]


# --- dictionaries --------------------------------------------------------------------------------------


def test_the_parts_of_a_dictionary_entry_written_side_by_side_are_read_apart(out):
    # A sense numbered by @n shows its number, as printed dictionaries do. Translation equivalents are words,
    # not quotations: no marks, set apart by commas. A grammatical value given as an attribute alone reads as
    # its value ("perfective").
    text = text_of(out, "dictionary")
    paragraphs = [
        "bank bæŋk n f",
        "1. Bank, Ufer",
        "2. aviat. a sideways tilt",
        "bank v perfective",
        "einzahlen see bank",
    ]
    assert all(f"\n{paragraph}\n" in f"\n{text}" for paragraph in paragraphs)
    document = page(out, "dictionary")
    assert [" ".join(s.text_content().split()) for s in document.xpath("//div[@class='sense']")] == [
        "1. Bank, Ufer",
        "2. aviat. a sideways tilt",
        "einzahlen see bank",
    ]
    assert document.xpath("//span[@class='sense-number']/text()") == ["1.", "2."]
    # As dictionaries print them: the headword bold, grammar and usage in italics.
    assert document.xpath("//b[@class='orth']/text()") == ["bank", "bank"]
    assert [i.text_content() for i in document.xpath("//i")] == ["n f", "aviat.", "v perfective"]
    for sense in document.xpath("//div[@class='sense']"):
        sense.drop_tree()  # what remains of each entry is its head
    heads = [" ".join(e.text_content().split()) for e in document.xpath("//div[@class='entry']")]
    assert heads == ["bank bæŋk n f", "bank v perfective"]


def test_equivalents_in_several_languages_are_labelled_by_language(tmp_path):
    # TEI Lex-0 gives a sense's equivalents in several languages (cit type="translationEquivalent" xml:lang):
    # each says its language, where a dictionary of one target language needs no label.
    source = (GENRES / "dictionary.xml").read_text(encoding="utf-8")
    french = '<cit type="translationEquivalent" xml:lang="fr">\n  <quote>rive</quote>\n</cit>'
    source = source.replace(
        '<cit type="trans"><quote>Ufer</quote></cit>',
        f"<cit type='trans' xml:lang='de'>\n  <quote>Ufer</quote>\n</cit>\n{french}",
    )
    source = source.replace(
        '<cit type="trans"><quote>Bank</quote>', '<cit type="trans"><quote xml:lang="de">Bank</quote>'
    )
    (tmp_path / "two.xml").write_text(source, encoding="utf-8")
    render([tmp_path / "two.xml"], tmp_path / "out", ("html", "text"))
    assert "\n1. de Bank, Ufer, fr rive\n" in text_of(tmp_path / "out", "two")  # a run of one language once
    document = page(tmp_path / "out", "two")
    assert document.xpath("//span[@class='lang-label']/text()") == ["de", "fr", "de"]
    assert document.xpath("//span[@class='cit'][@lang]/@lang") == ["de", "fr", "de"]  # as its words are


# --- corpora -------------------------------------------------------------------------------------------


def test_each_document_of_a_corpus_is_headed_by_its_own_title(out):
    document = page(out, "corpus")
    parts = document.xpath("//main/section[@class='part']")
    # Each with its subtitle: ParlaMint's sittings share the corpus's title, and are told apart by theirs.
    assert [p.xpath("h2")[0].text for p in parts] == ["The first sitting: A subtitle", "The second sitting"]
    assert [h.text for h in parts[0].xpath(".//h3")] == ["Opening"]  # a division a level below its title
    assert text_of(out, "corpus").split("\n\n")[:4] == [
        "The first sitting: A subtitle",
        "Opening",
        "The chair opens the first sitting.",
        "The second sitting",
    ]


# --- authority records ---------------------------------------------------------------------------------


def test_records_give_each_field_a_labelled_line_and_keep_their_notes(out):
    document = page(out, "records")
    person = document.xpath("//div[@id='bahr']")[0]
    assert person.get("class") == "person record"
    fields = [(f.get("class"), " ".join(f.text_content().split())) for f in person.xpath("div")]
    assert fields == [
        ("field persName", "Bahr, Hermann"),
        ("field persName", "Hermann Bahr"),
        ("field birth", "born 1863-07-19 Linz"),
        ("field death", "died 1934"),
        ("field idno", "wikidata Q84295"),
        ("field idno", "URL https://example.org/person/bahr"),
        ("field note", "Writer and critic."),
    ]
    assert person.xpath(".//a/@href") == [
        "https://www.wikidata.org/wiki/Q84295",
        "https://example.org/person/bahr",
    ]
    # The record's note is read in the record; the text's own note is still footnote 1.
    notes = document.xpath("//section[@class='notes']//li")
    # A number is followed by a full stop in the list of notes, a sign stands alone.
    listed = ["1. A footnote of the text. ↩", "† A note marked by a sign. ↩"]
    assert [" ".join(n.text_content().split()) for n in notes] == listed
    assert document.xpath("//a[@role='doc-noteref']/text()") == ["[1]", "[†]"]
    text = text_of(out, "records")
    assert "Bahr, Hermann\nHermann Bahr\nborn 1863-07-19 Linz\ndied 1934\nwikidata Q84295\n" in text
    assert (
        "\n\nLinz\n48.3 14.28\n\nLinzer Schloss\ngeonames 2772400\n\nSemmering\n" in text
        and text.endswith("\n\nNotes\n\n1. A footnote of the text.\n\n† A note marked by a sign.\n")
    )
    # A description, a location or a note is labelled by its type, an identifier by its register.
    assert "\n\nSemmering\nentity type Ort\nlocated in place Niederösterreich\n" in text
    assert "\nwikidata http://www.wikidata.org/entity/Q694546\n" in text
    # A record within a record is a record too, its fields lines, not run together inside one of the outer's.
    # Lists without a heading of their own (nor their division's) get the one they imply.
    assert [h.text for h in document.xpath("//main//h2")] == ["Persons", "Places"]
    assert "\n\nPersons\n\nBahr, Hermann\n" in text and "\n\nPlaces\n\nLinz\n" in text
    castle = document.xpath("//div[@id='linz']/div[@class='field place']/div[@id='linz-castle']")[0]
    assert [f.text_content().split() for f in castle.xpath("div")] == [
        ["Linzer", "Schloss"],
        ["geonames", "2772400"],
    ]
    assert castle.xpath(".//a/@href") == ["https://www.geonames.org/2772400"]


def test_a_manuscript_description_reads_as_a_catalogue_does_its_fields_labelled_and_apart(out):
    """A msDesc's parts are records of labelled fields, in the text and after it from the header: "paper",
    "120 leaves", "15th century" and "Italy" neither run together nor go unexplained, and the fields a
    catalogue's template left empty are not drawn."""
    heading = (out / "manuscript.txt").read_text(encoding="utf-8").split("\n\n", 1)[0]
    cited = "Source: Weimar, Goethe- und Schiller-Archiv, GSA 25/XVII,8,5; GSA 25/W 1532; 390449"
    assert f"\n{cited} — Witness B" in heading
    text = text_of(out, "manuscript")
    description = text.split("\n\nDescription of the source\n\n")[1]
    for line in (
        "Weimar Goethe- und Schiller-Archiv GSA 25/XVII,8,5 GSA 25/W 1532 390449",
        "incipit In principio",
        "support paper",
        "extent 120 leaves",
        "origin 15th century Italy",
        "provenance Matteo Luigi Canonici",
        "acquisition Purchased in 1817",
    ):
        assert f"\n{line}\n" in f"\n{description}", line
    assert "condition" not in text
    # A witness's manuscript is the apparatus's, not the source's.
    assert "A witness's own description" not in text
    # In the text, the description's fields stand apart as well.
    assert "\nsupport parchment\nextent 64 leaves\n" in text.split("Description of the source")[0]
    document = page(out, "manuscript")
    section = document.xpath("//section[@class='source-description']")[0]
    assert section.get("aria-labelledby") == section.xpath("h2/@id")[0]
    fields = [" ".join(f.text_content().split()) for f in section.xpath(".//div[@class='field provenance']")]
    assert fields == ["provenance Matteo Luigi Canonici"]
    assert section.xpath(".//div[@class='field support']/span[@class='label']/text()") == ["support"]
    assert not section.xpath(".//div[contains(@class, 'condition')]")
    in_text = document.xpath("//main//div[@class='field support' or @class='field extent']")
    assert [" ".join(f.text_content().split()) for f in in_text] == ["support parchment", "extent 64 leaves"]


# --- pointers, notes called from elsewhere, fields side by side ------------------------------------------


def test_a_pointer_calls_the_note_it_points_to_and_names_what_else_it_points_to(out):
    text = text_of(out, "pointers")
    # ELTeC's end notes: the marker stands at the pointer and the notes are numbered in the order they are
    # called; a second pointer to the note names it. A list item, a figure and a division are named as a
    # reader knows them, never by their xml:id glued to the word before.
    assert "The wool cost[1]—I will not say. Vavilov[2] derived it" in text
    assert "(see section The method); Figure 1 shows it" in text
    assert "see also note 1." in text
    # A note with its own mark (a printer's asterisk) takes no number from the others.
    assert "Read old[2] words.[*] And one more[3]." in text
    notes = [
        "1. Over forty pounds a pound.",
        "2. a note on the reading",
        "* A printer's mark.",  # a sign stands alone, a number takes a full stop
        "3. the last note",
    ]
    assert text.rstrip().endswith("\n\n".join(["Notes", *notes]))
    assert "old form" not in text and "bib2" not in text and "N1" not in text
    # A paragraph or an anchor that says nothing of itself is called by where it stands, not by its id.
    assert "\n\nA spot marked; see ¶ 6 and ¶ 6.\n\n" in text
    document = page(out, "pointers")
    call = document.xpath("//main//sup[@class='noteref']/a")[0]
    assert (call.get("href"), call.get("id"), call.text) == ("#N1", "ref-N1", "[1]")
    assert document.xpath("//a[@class='ptr'][@href='#bib2']/text()") == ["[2]"]
    assert document.xpath("//a[@class='ptr'][@href='#method']/text()") == ["The method"]
    assert len(document.xpath("//main//sup[@class='noteref']")) == 4  # none where the end note stands


def test_a_note_printed_inline_is_read_where_it_stands_between_brackets(out):
    """A note the source prints inside the sentence (place="inline") is no footnote: it reads in place, apart
    from the words around it, and takes no number from the footnotes."""
    expected = "Lorem ipsum (Inline note) dolor, and amet (Sir. 51,30) sit."
    assert f"\n\n{expected}\n\n" in text_of(out, "pointers")
    document = page(out, "pointers")
    paragraph = document.xpath("//main//p[contains(., 'Lorem')]")[0]
    assert " ".join(paragraph.text_content().split()) == expected
    assert [span.get("class") for span in paragraph.xpath("span")] == ["note inline", "note inline bibl"]
    assert not paragraph.xpath(".//sup")
    # A note with no words around it needs no marks.
    assert "\nA line of verse\nA line that is a note\n" in text_of(out, "pointers")
    alone = document.xpath("string(//main//span[@class='note inline'][not(parent::p)])")
    assert alone == "A line that is a note"


def test_a_structured_reference_reads_as_a_citation_its_fields_set_apart(out):
    """A biblStruct lays its fields out a line each, with nothing between them: they are set apart as the
    header's source is (a semicolon between two authors or editors, a colon after the authors and between
    place and publisher, a comma otherwise, editors and pages introduced), the line end a field ends with not
    left before the mark after it ("Snelders : Behnam")."""
    expected = [
        "Sperberg-McQueen, C. M.; Burnard, Lou: The design of the TEI encoding scheme, Text Encoding"
        " Initiative: Background and Context, ed. Nancy Ide; Jean Véronis, Dordrecht: Kluwer, 1995, p. 17-39",
        "B. Snelders: Behnam, Dayro d-Mor, Gorgias Press, Piscataway, NJ, 2011",
        "Knuth, Donald E.: Literate Programming, ed. Lou Burnard, Stanford: CSLI, 1992",
    ]
    assert text_of(out, "bibliography").rstrip("\n").split("\n\n") == ["Bibliography", *expected]
    entries = page(out, "bibliography").xpath(
        "//*[contains(@class, 'listBibl')]/*[contains(@class, 'biblStruct')]"
    )
    assert [" ".join(e.text_content().split()) for e in entries] == expected


def test_a_source_in_the_header_reads_as_the_same_reference_in_the_text(tmp_path):
    """One rule and one table set a citation's fields apart, for the header's source (teitools.metadata) and
    for the text (common.xsl): each reference of the bibliography, given as the document's source too, reads
    the same in both places ("C. M.; Burnard"; a name's parts apart by a space, "B. Snelders", by a comma
    where the surname comes first, "Knuth, Donald E.", not after a forename, "Lou Burnard")."""
    source = (GENRES / "bibliography.xml").read_text(encoding="utf-8")
    references = re.findall(r"<biblStruct.*?</biblStruct>", source, flags=re.S)
    assert len(references) == 3
    for number, reference in enumerate(references):
        document = re.sub(
            r"<sourceDesc>.*</sourceDesc>", f"<sourceDesc>{reference}</sourceDesc>", source, flags=re.S
        )
        (tmp_path / f"source{number}.xml").write_text(document, encoding="utf-8")
    render(sorted(tmp_path.glob("source*.xml")), tmp_path / "out", ("text",))
    for number in range(3):
        heading, text = (
            (tmp_path / "out" / f"source{number}.txt").read_text(encoding="utf-8").split("\n\n", 1)
        )
        header = next(line for line in heading.splitlines() if line.startswith("Source: "))
        cited = text.rstrip("\n").split("\n\n")[1 + number]
        assert header == f"Source: {cited}", (header, cited)


def test_fields_written_side_by_side_are_read_apart(out):
    document = page(out, "pointers")
    # A reference written as fields alone reads as a citation, as a structured one does.
    assert "Nancy Ide: A Registry, 2004" in main_text(document)
    # Each entry of a bibliography is a block of its own, a structured one too; measurements read as such.
    entries = document.xpath("//*[contains(@class, 'listBibl')]/*")
    assert [" ".join(e.text_content().split()) for e in entries] == [
        "Nancy Ide: A Registry, 2004",
        "Knuth, Donald E.: Literate Programming, 1992",
    ]
    assert "A leaf of 327 × 236 mm." in main_text(document)
    assert "A leaf of 327 × 236 mm." in (out / "pointers.txt").read_text(encoding="utf-8")
    assert "\nRing 1 1010 Wien\n" in (out / "pointers.txt").read_text(encoding="utf-8")  # an address's parts
    heading = (out / "pointers.txt").read_text(encoding="utf-8").split("\n\n", 1)[0]
    source = "Source: Cross, Victoria, John Lane, London, 1895"
    assert heading.splitlines()[1:] == ["Charles Dickens", "1895", source]


def test_drama_counts_its_verse_through_the_play_and_dates_the_work_by_its_print(out):
    document = page(out, "drama-verse")
    assert document.xpath("//span[@class='linenumber']/text()") == ["5", "10"]
    heading = (out / "drama-verse.txt").read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert heading.splitlines()[:2] == ["Drama in verse", "1808"]


def test_a_list_of_readings_gives_a_line_number_as_l_and_a_named_location_as_written(out):
    text = text_of(out, "apparatus-list")
    assert text.endswith("l. 3: ΕΥΓΝΙΣ] ΟΕΥΓΝΙΣ\n\nline 2: ΑΛΙΑ] ΑΛΛΑ\n")
    document = page(out, "apparatus-list")
    assert document.xpath("//li[@class='app']/span[@class='loc']/text()") == ["l. 3: ", "line 2: "]
    # An entry that says nothing (IOSPE's <app><note/></app>) is no item of the list.
    assert len(document.xpath("//li[@class='app']")) == 2


def test_an_entry_of_a_list_of_readings_nested_in_another_is_an_entry_after_it(out):
    """listApp: an entry whose lemma holds another reads it as its lemma; the inner entry follows as an
    entry of its own, at the same line, with its readings and sigla (the plain text lost "tum V"; the page
    had a paragraph inside the lemma's span)."""
    text = text_of(out, "apparatus-list-nested")
    assert "l. 38: senex] senes\n\nl. 39: cum mihi senior] tum senior mihi\n\nl. 39: cum] N; tum V" in text
    document = page(out, "apparatus-list-nested")
    items = document.xpath("//ul[@class='listApp']/li[@class='app']")
    assert [" ".join(item.text_content().split()) for item in items] == [
        "l. 38: senex] senes",
        "l. 39: cum mihi senior] tum senior mihi",
        "l. 39: cum] N; tum V",
    ]
    assert document.xpath("//span//p | //span//li | //span//ul") == []


def test_an_example_of_encoding_shows_its_markup_not_both_readings_glued(out):
    markup = "<p>the <choice><sic>gvnhillde</sic><corr>gvnhilldr</corr></choice> saga</p>"
    assert page(out, "example").xpath("//pre[@class='egXML']/code")[0].text == markup
    assert f"A correction is encoded so:\n\n{markup}" in text_of(out, "example")


def test_references_link_to_the_spot_they_point_to(out):
    """A reference with words of its own ("see the introduction") links to its spot; an equation and an anchor
    with ids are spots that pointers lead to (maria.xml's "(eq_sigex)" led nowhere)."""
    document = page(out, "cross-references")
    links = {a.text_content(): a.get("href") for a in document.xpath("//p/a")}
    # A quotation is shown without its id: the reference leads to its paragraph.
    saying = document.xpath("//p[span[@class='q']]/@id")[0]
    assert links == {
        "the saying": f"#{saying}",
        "the introduction": "#intro",
        "the rule": "#rule",
        "1": "#eq1",
        "¶ 1": "#rule",  # an anchor is called by where it stands, not by its id
    }
    assert document.get_element_by_id("eq1").text_content() == "E = mc2"
    assert document.get_element_by_id("rule").text_content() == ""
    read = "See the saying, the introduction, the rule, 1 and ¶ 1; a reference without a target keeps its"
    assert read in text_of(out, "cross-references")
    assert "a reference without a target keeps its words" in document.text_content()


def test_every_link_to_a_spot_of_a_page_finds_it(out):
    assert dangling_links(out) == []


def test_leiden_a_blank_space_in_an_edition_reads_vacat_apart_from_its_words(out):
    # EpiDoc Guidelines, "Vacat measured in characters / in lines / in other units": (vac.3), vacat.
    assert leiden_line(out, 2) == ("D M (vac. 3) S (vac.) ἔτους (vac. 4.2 cm) τ",) * 2
    assert leiden_line(out, 3) == ("vacat",) * 2
    assert leiden_line(out, 4) == ("vacat 2 lines",) * 2
    assert leiden_line(out, 5) == ("vacat",) * 2
    titles = page(out, "leiden").xpath("//span[contains(@class, 'vacat')]/@title")
    assert set(titles) == {"Left blank on the support (vacat)"}
    # Outside an edition a blank space is still a space between words.
    assert "A blank of five." in text_of(out, "space")


def test_leiden_an_editors_correction_stands_between_its_signs_in_an_edition(out):
    # EpiDoc Guidelines, "Erroneous substitution": <choice><corr>abc</corr><sic>def</sic></choice> reads ⌈abc⌉
    # (Panciera IX.3), doubted ⌈abc?⌉; a correction without its sic too. A regularisation has no signs.
    assert leiden_line(out, 6) == ("arcam emerun⌈t⌉ fecit ⌈recte?⌉ ⌈ἡ⌉μῶν fecit",) * 2
    assert page(out, "leiden").xpath("//span[@class='reading'][. = '⌈t⌉']/@title") == ["The source reads: i"]
    # Outside an edition the correction is read as the text, without signs.
    assert "A correction outside the edition: emerunt." in text_of(out, "leiden")


def test_leiden_every_letter_read_with_doubt_has_its_underdot_inside_children_too(out):
    # EpiDoc Guidelines, "Ambiguous characters": <unclear>abc</unclear> reads ạḅc̣. The letters of a child
    # (a supplement) are dotted too; its brackets and spaces are not: eam aṛ[c̣ạ] ạḅ c̣ ὰ̣ν fecit.
    dotted = "eam ar\u0323[c\u0323a\u0323] a\u0323b\u0323 c\u0323 \u1f70\u0323\u03bd fecit"
    assert leiden_line(out, 7) == (dotted, dotted)
    titles = page(out, "leiden").xpath("//span[@class='unclear']/@title")
    assert titles == ["Letters read with doubt"] * 3


def test_leiden_an_expansion_the_editors_doubt_ends_with_a_question_mark(out):
    # EpiDoc Guidelines, "Abbreviation uncertainly expanded": <expan>Iul<ex cert="low">ius</ex></expan> reads
    # Iul(ius?).
    assert leiden_line(out, 8) == ("Aug(usto?) sacrum Iul(ius)",) * 2


def test_leiden_an_addition_stands_between_its_signs_in_both_looks_of_an_edition(out):
    # EpiDoc Guidelines, "Text addition by ancient hand": \abc/ (above), /abc\ (below), `abc´; "Text struck
    # over erasure": «abc». The same signs in the text and the page, which hides them in its reading layer.
    assert leiden_line(out, 9) == ("fecit \\et/ posuit /αβ\\ «over» `in´",) * 2
    document = page(out, "leiden")
    edition = document.xpath("//section[contains(@class, 'edition')]")[0]
    signs = edition.xpath(".//ins[@class='add']/span[@class='sign']/text()")
    assert signs == ["\\", "/", "/", "\\", "«", "»", "`", "´"]
    # Outside an edition the reading text reads the addition without signs; the page keeps \ /.
    assert "An addition outside the edition: fecit et posuit." in text_of(out, "leiden")
    assert document.xpath("//p[starts-with(., 'An addition')]//span[@class='sign']/text()") == ["\\", "/"]


def test_leiden_a_gap_keeps_its_extent_approximate_or_a_range_and_its_lines(out):
    # EpiDoc Guidelines, "Illegible characters, quantity approximate": [c.5] (London ·· c. 7··); "Lost
    # characters, quantity approximate": [c.7], a range [— 5-7 —]. Lost letters stand between brackets, which
    # a restoration beside them shares; illegible ones do not.
    assert leiden_line(out, 10) == ("alpha .. c.5 .. beta [.. 4-6 ..] gamma [.. c.3 .. κα]τὰ ..",) * 2
    # "Lost lines, quantity known": [------] a line each; a gap of lines after words starts a line, words
    # after it start the next; "Lost lines, quantity approximate / unknown".
    for n in (11, 12, 13, 15, 16):
        assert leiden_line(out, n) == ("[- - - - - -]",) * 2
    assert leiden_line(out, 14) == ("dico",) * 2
    assert leiden_line(out, 17) == ("[- - - 3-5 lines - - -]",) * 2
    assert leiden_line(out, 18) == ("- - - - - -",) * 2
    assert leiden_line(out, 19) == ("[- - - 8 lines - - -]",) * 2
    assert leiden_line(out, 20) == ("finis",) * 2


def test_leiden_a_gaps_tooltip_says_illegible_letters_are_there_and_gives_the_extent(out):
    titles = page(out, "leiden").xpath("//span[@class='gap']/@title")
    assert titles[:4] == [
        "Preserved but illegible: c.5 character",
        "Not preserved: lost: 4-6 character",
        "Not preserved: lost: c.3 character",
        "Preserved but illegible: 2 character",
    ]
    lost = page(out, "epidoc").xpath("//span[@class='gap']/@title")
    assert "Not preserved: lost: unknown character" in lost


def test_leiden_a_line_numbered_0_shows_no_number(out):
    # Every fifth line shows its number (EpiDoc Guidelines, "Line beginnings"); a line before the first,
    # numbered 0, is none of them.
    assert "\n\ntitulus\nprima\n5 quinta\n10 decima\n\n" in text_of(out, "leiden")
    second = page(out, "leiden").xpath("//section[contains(@class, 'edition')]/p")[1]
    assert second.xpath(".//span[@class='linenumber']/text()") == ["5", "10"]


def test_leiden_ligatured_letters_are_tied_and_a_line_above_letters_is_drawn(out):
    # EpiDoc Guidelines, "Ligatured letters": a͡b (U+0361 between the letters); "Supralinear line": a̅b̅c̅
    # (U+0305 over each letter). In both looks of an edition, with a tooltip in the page.
    tied = "A\u0361E \u03a4\u0361\u03adρμων a\u0361b\u0361c X\u0305V\u0305 á"
    assert leiden_line(out, 21) == (tied, tied)
    edition = page(out, "leiden").xpath("//section[contains(@class, 'edition')]")[0]
    assert edition.xpath(".//span[contains(@class, 'supraline')]/@title") == ["Letters with a line above"]
    assert edition.xpath(".//span[contains(@class, 'ligature')]/@title") == ["Letters in ligature"] * 3
    # Outside an edition a ligature is not drawn.
    assert "A ligature outside the edition: AE." in text_of(out, "leiden")
    outside = page(out, "leiden").xpath("//p[starts-with(., 'A ligature')]")[0]
    assert outside.text_content() == "A ligature outside the edition: AE."
