"""Texts in scripts other than the Latin alphabet, as their readers expect them: Chinese and Japanese written
without spaces, right-to-left scripts, their languages and directions (sweep of CBETA, the TEI-EAJ Japanese
classics, SARIT, Beta maṣāḥǝft, OpenArabicPE, the Digital Syriac Corpus and 84000)."""

import json
from pathlib import Path

from lxml import html
from test_genres import main_text, page, text_of

from teitools.run import render

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>"""


def rendered(tmp_path: Path, name: str, body: str, root: str = "") -> Path:
    """The output folder of a document with this body, rendered."""
    source = f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{root}>{HEADER.format(title=name)}<text><body>{body}</body></text></TEI>'
    (tmp_path / f"{name}.xml").write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    result = render([tmp_path / f"{name}.xml"], out)
    assert result.report.findings == []
    return out


def paragraph(document: html.HtmlElement, number: int) -> html.HtmlElement:
    return document.xpath("//main//p")[number]


# CBETA's Taishō lines (T08n0251) and the TEI-EAJ Japanese classics break a line of the printed page or the
# manuscript with <lb/> after the source's own new line; neither script writes a space between words.
CJK_LINES = """<p>二儀久判，子民者君君，育民者法
<lb n="0848a07"/>其法也。三綱五常以示天下
<lb n="0848a08"/>之。</p>
<p>むかしかへのなかよりもとめいてたりけん
   <lb/>ふみのなをはいまの世の人の</p>"""


def test_a_line_break_in_chinese_or_japanese_adds_no_space_but_the_page_keeps_the_line(tmp_path):
    out = rendered(tmp_path, "cjk", CJK_LINES)
    text = text_of(out, "cjk")
    assert "育民者法其法也。三綱五常以示天下之。" in text
    assert "むかしかへのなかよりもとめいてたりけんふみのなをはいまの世の人の" in text
    first = paragraph(page(out, "cjk"), 0)
    assert len(first.xpath(".//br")) == 2
    # No space before or after the page's line break either, which a reader copying the text would get.
    assert first.text_content() == "二儀久判，子民者君君，育民者法其法也。三綱五常以示天下之。"


def test_a_line_break_between_words_of_scripts_written_with_spaces_stays_a_space(tmp_path):
    # Korean writes spaces between words, as English does; the ideographic space after a Japanese verse
    # line (TEI-EAJ's 阿佛東くだり indents its lines with U+3000) is a space of its own.
    out = rendered(
        tmp_path,
        "spaced",
        "<p>Korean 한국어\n<lb/>문장 and English words\n<lb/>stay apart.</p>"
        "<p>すきにし春の\n<lb/>　　ころかとよ</p>",
    )
    text = text_of(out, "spaced")
    assert "Korean 한국어 문장 and English words stay apart." in text
    assert "すきにし春の 　　ころかとよ" in text
    assert "한국어 문장" in main_text(page(out, "spaced"))


def test_an_index_form_across_a_line_or_page_break_in_chinese_is_one_name(tmp_path):
    body = "<p>俄西域生佛，號曰<persName>釋\n<lb/>迦</persName>，<persName>蕭梁\n<pb n='2'/>武帝</persName>。"
    body += "</p>"
    out = rendered(tmp_path, "names", body)
    mentions = json.loads((out / "person-index.json").read_text(encoding="utf-8"))["unidentified"]
    assert [mention["form"] for mention in mentions] == ["釋迦", "蕭梁武帝"]
    # The plain text keeps the page's label apart from the words.
    assert "蕭梁 [p. 2] 武帝" in text_of(out, "names")


# Beta maṣāḥǝft's manuscript descriptions (ESsm017, AG00001, ONBAeth32) hold notes in their physical
# description: <signatures>Decorated <note>…</note></signatures>.
DESCRIBED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Psalter</title>
</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><msDesc><msIdentifier><idno>SM-017</idno>
</msIdentifier><physDesc><objectDesc><supportDesc><collation><signatures> Decorated <note>Quire marks in the
upper margin.</note></signatures></collation></supportDesc></objectDesc></physDesc></msDesc></sourceDesc>
</fileDesc></teiHeader><text><body><p>Text<note>A note of the text.</note> ends.</p></body></text></TEI>"""


def test_a_note_of_the_manuscript_description_is_read_where_it_stands(tmp_path):
    # Beta maṣāḥǝft's <signatures>Decorated <note>…</note>: the note's marker had no number and its words were
    # nowhere. A note of the description is read in it (t:is-header-note), the text's notes numbered apart.
    (tmp_path / "described.xml").write_text(DESCRIBED, encoding="utf-8")
    render([tmp_path / "described.xml"], tmp_path / "out")
    document = page(tmp_path / "out", "described")
    assert [call.text for call in document.xpath("//sup[@class='noteref']/a")] == ["[1]"]
    listed = [
        " ".join(item.text_content().split()) for item in document.xpath("//section[@class='notes']//li")
    ]
    assert len(listed) == 1 and listed[0].startswith("1. A note of the text.")
    described = "collation Decorated (Quire marks in the upper margin.)"
    assert described in " ".join(document.text_content().split())
    assert described in (tmp_path / "out" / "described.txt").read_text(encoding="utf-8")


def header_page(
    tmp_path: Path, name: str, title: str, author: str, licence: str, lang: str
) -> html.HtmlElement:
    source = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt>
<title>{title}</title><author>{author}</author></titleStmt><publicationStmt><publisher>Vanderbilt University,
USA</publisher><availability><licence>{licence}</licence></availability><date when="2015">2015</date>
</publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>ܐ ܒ.</p>
</body></text></TEI>"""
    (tmp_path / f"{name}.xml").write_text(source, encoding="utf-8")
    render([tmp_path / f"{name}.xml"], tmp_path / "out", ("html",))
    return page(tmp_path / "out", name)


def field(document: html.HtmlElement, label: str) -> html.HtmlElement:
    return document.xpath(f"//dl[@class='metadata']/dt[.='{label}']/following-sibling::dd[1]")[0]


def test_the_header_of_a_right_to_left_page_sets_its_english_words_left_to_right(tmp_path):
    # The Digital Syriac Corpus (10.xml): a Syriac page, whose header is English ("Cite as: Aphrahat, …,
    # USA."); the bidirectional algorithm drew ".USA" and "/https://…/4.0".
    document = header_page(
        tmp_path,
        "syriac",
        "Demonstration 10 - ܬܚܘܝܬܐ",
        "Aphrahat",
        "CC BY 4.0 https://example.org/4.0/",
        "syr",
    )
    assert document.get("dir") == "rtl"
    assert field(document, "Licence").get("dir") == "auto"
    assert field(document, "Author").get("dir") == "auto"
    citation = document.xpath("//p[@class='citation']")[0]
    assert citation.get("dir") == "ltr"
    assert [bdi.text for bdi in citation.iter("bdi")] == ["Demonstration 10 - ܬܚܘܝܬܐ"]
    assert " ".join(citation.text_content().split()).endswith(
        "TEI edition by Vanderbilt University, USA, 2015."
    )


def test_the_arabic_words_of_an_english_pages_header_are_set_right_to_left(tmp_path):
    # OpenArabicPE's al-Muqtabas: an English header with an Arabic title and author.
    document = header_page(tmp_path, "arabic", "مجلة المقتبس", "محمد كرد علي", "CC BY-SA 4.0", "en")
    assert document.get("dir") is None
    assert field(document, "Author").get("dir") == "auto"
    assert field(document, "Licence").get("dir") is None
    citation = document.xpath("//p[@class='citation']")[0]
    assert citation.get("dir") is None
    assert [bdi.text for bdi in citation.iter("bdi")] == ["محمد كرد علي", "مجلة المقتبس"]
    assert " ".join(citation.text_content().split()) == (
        "Cite as: محمد كرد علي, “مجلة المقتبس”, TEI edition by Vanderbilt University, USA, 2015."
    )


def test_a_header_field_of_both_directions_keeps_the_pages_and_latin_words_are_not_isolated(tmp_path):
    document = header_page(
        tmp_path, "mixed", "al-Muqtabas", "محمد كرد علي; Muḥammad Kurd ʿAlī", "CC BY", "en"
    )
    assert field(document, "Author").get("dir") is None
    assert [bdi.text for bdi in document.iter("bdi")] == ["محمد كرد علي; Muḥammad Kurd ʿAlī"]


def test_a_misspelt_script_subtag_leaves_the_language_and_valid_tags_stay_whole(tmp_path):
    # 84000 writes Wylie and IAST as xml:lang="Bo-Ltn", "Sa-Ltn": "Ltn" stands where an extended language
    # subtag would, and the HTML checker rejects "bo-Ltn".
    body = (
        '<p><foreign xml:lang="Bo-Ltn">bcom ldan ’das</foreign> <foreign xml:lang="zh-Hant">大正</foreign> '
        '<foreign xml:lang="ar-Latn-x-ijmes">al-Muqtabas</foreign></p>'
    )
    document = page(rendered(tmp_path, "tags", body), "tags")
    assert [(e.text, e.get("lang")) for e in document.xpath("//main//*[@lang]")] == [
        ("bcom ldan ’das", "bo"),
        ("大正", "zh-Hant"),
        ("al-Muqtabas", "ar-Latn-x-ijmes"),
    ]


def test_a_carriage_return_of_the_text_is_white_space_on_the_page(tmp_path):
    # Beta maṣāḥǝft's ESsm017: "Some folios are loose (40, 156, 165).&#xD; Cuts carefully amended".
    out = rendered(tmp_path, "cr", "<p>Some folios are loose.&#xD; Cuts&#xD;amended.</p>")
    source = (out / "cr.html").read_text(encoding="utf-8")
    assert "&#xD;" not in source and "\r" not in source
    assert "Some folios are loose. Cuts amended." in main_text(page(out, "cr"))
    assert "Some folios are loose. Cuts amended." in text_of(out, "cr")


def test_a_span_in_a_note_is_the_notes_words_and_one_in_the_text_stays_silent(tmp_path):
    # SARIT's Tarkabhāṣā: 49 notes on a stretch of the text hold their words in a span.
    body = (
        '<p><anchor xml:id="a"/>सादृश्ये<anchor xml:id="b"/><note n="30-0" xml:lang="en"><p><span from="#a" '
        'to="#b">Found only in M.</span></p></note> तादात्म्यलक्षण <span from="#a" to="#b">an annotation</span>'
        " एव.</p>"
    )
    out = rendered(tmp_path, "spans", body)
    assert "30-0. Found only in M." in text_of(out, "spans")
    assert "an annotation" not in text_of(out, "spans")
    notes = page(out, "spans").xpath("//section[@class='notes']//li")
    assert "Found only in M." in notes[0].text_content()
    assert "an annotation" not in main_text(page(out, "spans"))


def test_a_name_in_a_notes_span_has_the_notes_words_around_it_in_the_index(tmp_path):
    body = (
        '<p>Text<note><p><span from="#a" to="#b">Read by <persName>Gosvāmin</persName> alone.</span></p>'
        "</note> ends.</p>"
    )
    out = rendered(tmp_path, "span-index", body)
    mentions = json.loads((out / "person-index.json").read_text(encoding="utf-8"))["unidentified"]
    assert [(m["before"], m["form"], m["after"]) for m in mentions] == [("Read by ", "Gosvāmin", " alone.")]


def test_measurements_a_line_each_read_as_one_objects_and_a_margins_or_empty_ones_do_not(tmp_path):
    # Beta maṣāḥǝft's ESsm017: <dimensions type="outer">⏎<height unit="mm">170</height>⏎<width …>150</width>⏎…
    body = """<p>Made of 187 folios. <dimensions type="outer">
   <height unit="mm">170</height>
   <width unit="mm">150</width>
   <depth unit="mm">75</depth>
</dimensions> Margins <dimensions type="margin">
   <dim type="top">18</dim>
   <dim type="bottom">25</dim>
</dimensions> Empty <dimensions>
   <height unit="cm"/>
   <width unit="cm"/>
</dimensions> end.</p>"""
    out = rendered(tmp_path, "dimensions", body)
    words = "Made of 187 folios. 170 × 150 × 75 Margins 18 25 Empty end."
    assert words in text_of(out, "dimensions")
    assert words in main_text(page(out, "dimensions"))


def test_a_note_in_the_back_attached_to_an_anchor_of_the_text_is_called_at_the_anchor(tmp_path):
    # CBETA (T08n0251) lists its notes in the back, each attached by @target to an anchor of the text.
    source = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER.format(title="attached")}<text><body>
<p xml:id="p1">唐<anchor xml:id="n1"/>三藏法師玄奘譯</p></body><back><div><head>校註</head>
<p><note n="0848002" target="#n1">唐【大】，〔－〕【宋】</note>
<note target="#p1">On the paragraph.</note></p></div></back></text></TEI>"""
    (tmp_path / "attached.xml").write_text(source, encoding="utf-8")
    render([tmp_path / "attached.xml"], tmp_path / "out")
    text = text_of(tmp_path / "out", "attached")
    assert "唐[0848002]三藏法師玄奘譯" in text
    assert "0848002. 唐【大】，〔－〕【宋】" in text
    document = page(tmp_path / "out", "attached")
    assert main_text(document).startswith("唐[0848002]三藏法師玄奘譯")
    back = document.xpath("//main//*[contains(@class, 'back')]")[0]
    # The note on the paragraph (no anchor) is still called where it stands.
    assert [call.text for call in back.xpath(".//sup[@class='noteref']/a")] == ["[2]"]


def test_references_standing_between_the_blocks_of_a_division_are_entries_of_a_bibliography(tmp_path):
    # 84000's bibliography: <div type="section"><head>Tibetan Sources</head><bibl>…</bibl><bibl>…</bibl>,
    # read as one run of links into the work index ("… 14.b.1. ’jam dpal dam bcas pa. bka’ ’gyur …").
    body = """<div><head>Tibetan Sources</head>
<bibl xml:id="b1"><title xml:lang="Bo-Ltn">’jam dpal dam bcas pa</title>. Toh 547, Degé Kangyur vol. 89.
</bibl>
<bibl xml:id="b2"><title xml:lang="Bo-Ltn">’jam dpal dam bcas pa</title>. Stok Palace Kangyur vol. 102.</bibl>
<p>As <bibl>Butön, <title>chos ’byung</title></bibl> says.</p></div>"""
    out = rendered(tmp_path, "bibliography", body)
    assert (
        "\n\n’jam dpal dam bcas pa. Toh 547, Degé Kangyur vol. 89.\n\n’jam dpal dam bcas pa. Stok"
        in text_of(out, "bibliography")
    )
    document = page(out, "bibliography")
    assert [entry.get("id") for entry in document.xpath("//main//div[@class='bibl']")] == ["b1", "b2"]
    # A reference in a sentence stays a phrase, and a mention of a work.
    assert [
        " ".join(a.text_content().split()) for a in document.xpath("//main//a[contains(@class, 'work')]")
    ] == ["Butön, chos ’byung"]


def test_an_apparatus_entry_quotes_the_lemmas_words_without_its_breaks_and_mentions(tmp_path):
    # TEI-EAJ's 十六夜日記 (下巻): lemmas that run over a page and a line, or hold a date of the chronology.
    body = """<p>大夫<app><lem wit="#a">俊
<pb n="24r"/>
<lb/>成のきやうの御むすめ</lem><rdg wit="#b">俊成のむすめ</rdg></app>と
<app><lem wit="#a"><date when="1298">永仁六年</date>書之</lem><rdg wit="#b">書</rdg></app>。</p>"""
    out = rendered(tmp_path, "entries", body)
    document = page(out, "entries")
    ids = document.xpath("//@id")
    assert len(ids) == len(set(ids))
    lemmas = document.xpath("//section[@class='apparatus']//span[@class='lemma']")
    assert [lemma.text_content() for lemma in lemmas] == ["俊成のきやうの御むすめ", "永仁六年書之"]
    assert not document.xpath("//section[@class='apparatus']//li//*[@id]")
    assert "[p. 24r]" in main_text(document)


def test_cjk_punctuation_alone_between_lines_of_english_keeps_the_space(tmp_path):
    # EEBO-TCP marks illegible letters with CJK angle brackets: "〈◊〉⏎<lb/>〈◊〉" are two words.
    out = rendered(tmp_path, "eebo", "<p>the 〈◊〉\n<lb/>〈◊〉 Lord, 〈…〉\n<pb n='2'/>〈…〉 and</p>")
    assert "the 〈◊〉 〈◊〉 Lord, 〈…〉 [p. 2] 〈…〉 and" in text_of(out, "eebo")
    assert "the 〈◊〉 〈◊〉 Lord" in main_text(page(out, "eebo"))


def test_a_reading_of_a_blank_of_no_extent_is_an_omission(tmp_path):
    # CBETA: <rdg wit="#wit2"><space quantity="0"/></rdg>, "〔唐〕－【宋】" in the Taishō's note.
    body = (
        '<p>唐<app><lem wit="#a">三藏</lem><rdg wit="#b"><space quantity="0"/></rdg></app>法師'
        '<app><lem wit="#a">玄</lem><rdg wit="#b"><space quantity="2" unit="chars"/></rdg></app>奘</p>'
    )
    out = rendered(tmp_path, "omitted", body)
    text = text_of(out, "omitted")
    assert "a1. 三藏] a; om. b" in text
    assert "a2. 玄] a; [space] b" in text
    entries = page(out, "omitted").xpath("//section[@class='apparatus']//li")
    assert "om." in entries[0].text_content() and "[space]" not in entries[0].text_content()


def test_a_chinese_line_break_after_fifty_other_breaks_joins_where_the_document_says_it_is_chinese(tmp_path):
    # Only the first fifty breaks are looked at for the script beside them, unless the document declares a
    # language written without spaces (here its root's xml:lang): a search of the whole text was too slow.
    english = "".join(f"line {n}<lb/>" for n in range(60))
    body = f"<p>{english}</p><p>育民者法\n<lb/>其法也。</p>"
    out = rendered(tmp_path, "late", body, root=' xml:lang="zh-Hant"')
    assert "育民者法其法也。" in text_of(out, "late")
    assert "line 1 line 2" in text_of(out, "late")
