"""Inscriptions and papyri in EpiDoc as their readers expect them (the sweep of papyri.info, IIP, IOSPE,
IGCyr, Concordia and OG(H)AM documents): small documents written here, rendered, read in the plain text and
in the page."""

from pathlib import Path

from lxml import html
from test_genres import main_text
from test_render import nu_check

from teitools.run import render

HEADER = """<teiHeader><fileDesc><titleStmt><title>Test</title></titleStmt>
<publicationStmt><p>Test</p></publicationStmt>{source}</fileDesc></teiHeader>"""


def rendered(tmp_path: Path, body: str, source: str = "<sourceDesc><p>Test</p></sourceDesc>") -> Path:
    """A document of this body (and source description) rendered into tmp_path/site."""
    folder = tmp_path / "tei"
    folder.mkdir(parents=True)
    header = HEADER.format(source=source)
    document = f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}<text><body>{body}</body></text></TEI>'
    (folder / "doc.xml").write_text(document, encoding="utf-8")
    result = render([folder], tmp_path / "site")
    assert result.report.findings == []
    return tmp_path / "site"


def page_text(site: Path) -> str:
    """The page's main text, as a reader sees it."""
    return main_text(html.fromstring((site / "doc.html").read_bytes()))


def page_words(site: Path) -> str:
    """All the words of the page's body (the description of the source too), a line break between words."""
    body = html.fromstring((site / "doc.html").read_bytes()).xpath("//body")[0]
    for br in body.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(body.text_content().split())


def whole_text(site: Path) -> str:
    return (site / "doc.txt").read_text(encoding="utf-8")


def test_a_note_in_the_description_of_the_source_is_read_there(tmp_path):
    # APIS (papyri.info): <msItemStruct><note type="general">Margins: All</note>...; a note in an origin.
    # Its marker had no number and its words were nowhere: header notes are no footnotes of the text.
    source = """<sourceDesc><msDesc><msIdentifier><idno type="invNo">P.Test inv. 1</idno></msIdentifier>
      <msContents><summary>For grain</summary><msItemStruct><note type="general">Margins: All</note>
      <textLang mainLang="grc">Greek</textLang></msItemStruct></msContents>
      <physDesc><handDesc><handNote><height>5-6</height> <note><p>Dextrorse direction.</p>
      </note></handNote></handDesc></physDesc>
      <history><origin><origDate notBefore="0100" notAfter="0199">Roman</origDate>
      <note>dated by the hand</note></origin></history></msDesc></sourceDesc>"""
    site = rendered(tmp_path, '<div type="edition"><ab><lb n="1"/>κτλ</ab></div>', source)
    for text in (whole_text(site), page_words(site)):
        assert "Margins: All" in text
        assert "Roman (dated by the hand)" in text
        assert "[]" not in text
    # A note of paragraphs (Concordia's palaeographic notes) is a block of its own, not "( ... )" around them.
    assert "5-6\n\nDextrorse direction.\n" in whole_text(site)
    # A part of the contents (msItemStruct) is a record of fields, as msItem is: its language labelled.
    assert "\nMargins: All\nlanguage Greek\n" in whole_text(site)


def test_a_lacuna_inside_a_restoration_shares_its_brackets(tmp_path):
    # IGCyr 013800: a gap or a blank space the editors put inside their restoration; papyri.info nests
    # supplied in supplied. One pair of brackets, not "[όβων (vac. 1) .. 1-2 ..]]" nor "[[III]]".
    body = """<div type="edition"><ab>
      <lb n="1"/>ὀ<supplied reason="lost">ρόβων</supplied>
      <supplied reason="lost"><space quantity="1" unit="character"/></supplied>
      <supplied reason="lost"><gap reason="lost" atLeast="1" atMost="2" unit="character"/></supplied> φακῶν
      <lb n="2"/>ὄσπρια <supplied reason="lost"><space quantity="1" unit="character"/></supplied>
      <gap reason="lost" atLeast="1" atMost="2" unit="character"/>, κυμίνω
      <lb n="3"/>XXX<supplied reason="lost"><supplied reason="lost">III</supplied></supplied> V</ab></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_text(site)):
        assert "ὀ[ρόβων (vac. 1) .. 1-2 ..] φακῶν" in text
        assert "ὄσπρια [ (vac. 1) .. 1-2 ..], κυμίνω" in text
        assert "XXX[III] V" in text


def test_a_glyph_named_by_a_bare_reference_reads_as_its_name(tmp_path):
    # IIP: <g ref="sun-disc"/>, <g ref="sprig"/>, a name without "#"; a prefixed pointer names nothing.
    body = """<div type="edition"><p><g ref="sun-disc"/><lb/>Εἷς Θεός <g ref="sprig"/> ἔτους
      <g ref="char:EOLhyphen"/></p></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_text(site)):
        assert "((sun-disc))" in text
        assert "Εἷς Θεός ((sprig)) ἔτους" in text
        assert "EOLhyphen" not in text


def test_editions_side_by_side_are_told_apart_by_their_subtype(tmp_path):
    # IIP: a diplomatic edition, a transcription and a segmented one, two in Greek; OG(H)AM: the ogham and
    # its transliteration. They were all "Edition" (or "Edition (grc)" twice).
    body = """<div type="edition" subtype="diplomatic" xml:lang="grc"><p>ΕΙϹΘΕΟϹ</p></div>
      <div type="edition" subtype="transcription" xml:lang="grc"><p>Εἷς Θεός</p></div>
      <div type="edition" subtype="transcription_segmented"><p><w>Εἷς</w> <w>Θεός</w></p></div>
      <div type="translation" xml:lang="en"><p>One God</p></div>
      <div type="translation" xml:lang="fr"><p>Un Dieu</p></div>
      <div type="bibliography" subtype="principalEdition"><p>P.Test 1</p></div>
      <div type="bibliography" subtype="illustrations"><p>Plate 1</p></div>"""
    site = rendered(tmp_path, body)
    headings = html.fromstring((site / "doc.html").read_bytes()).xpath("//main//section/h2")
    assert [" ".join(h.text_content().split()) for h in headings] == [
        "Edition (diplomatic)",
        "Edition (transcription)",
        "Edition (transcription segmented)",
        "Translation (en)",
        "Translation (fr)",
        "Bibliography (principal edition)",
        "Bibliography (illustrations)",
    ]
    assert "\nEdition (transcription segmented)\n" in whole_text(site)


def test_a_milestone_in_an_edition_is_a_line_of_its_own(tmp_path):
    # IGCyr 013800: <milestone unit="fragment" n="b"/> where fragment b begins; papyri.info's paragraphos and
    # horizontal rule between lines. They were not shown at all.
    body = """<div type="edition"><ab><milestone unit="fragment" n="a"/>
      <lb n="1"/>Θεοί καρποὶ
      <lb n="2"/>κυμίνω <milestone unit="fragment" n="b"/>
      <lb n="3"/>ἀμυσγελᾶν
      <milestone rend="paragraphos" unit="undefined"/>
      <lb n="4"/>ex quibus <milestone rend="horizontal-rule" unit="undefined"/>
      <lb n="5"/>semen <milestone unit="undefined"/>positu</ab></div>"""
    site = rendered(tmp_path, body)
    lines = (
        "Fragment a\nΘεοί καρποὶ\nκυμίνω\nFragment b\nἀμυσγελᾶν\n——\nex quibus\n————————\n5 semen positu\n"
    )
    assert "\n\n" + lines in whole_text(site)
    document = html.fromstring((site / "doc.html").read_bytes())
    assert [
        " ".join(m.text_content().split()) for m in document.xpath("//main//span[@class='milestone']")
    ] == [
        "Fragment a",
        "Fragment b",
        "——",
        "————————",
    ]
    edition = document.xpath("//main//section[contains(@class, 'edition')]/p")[0]
    for br in edition.iter("br"):
        br.tail = "\ue000" + (br.tail or "")
    shown = [" ".join(line.split()) for line in edition.text_content().split("\ue000")]
    assert shown == [
        "Fragment a",
        "Θεοί καρποὶ",
        "κυμίνω",
        "Fragment b",
        "ἀμυσγελᾶν",
        "——",
        "ex quibus",
        "————————",
        "5semen positu",
    ]


def test_an_inscription_is_dated_by_its_origin_not_by_when_it_was_found(tmp_path):
    # HGV/IGCyr/IOSPE date the object in origDate, which the page's header did not show; OG(H)AM's stone
    # had no origDate and was dated 1695, a date of its provenance ("noted since 1695").
    dated = """<sourceDesc><msDesc><msIdentifier><idno>P.Test 1</idno></msIdentifier><history>
      <origin><origPlace>Arsinoites</origPlace>
      <origDate notBefore="0134" notAfter="0135">134 - 135</origDate></origin>
      <provenance>Noted since <date>1695</date>.</provenance></history></msDesc></sourceDesc>"""
    body = '<div type="edition"><ab><lb n="1"/>κτλ</ab></div>'
    site = rendered(tmp_path / "dated", body, dated)
    assert whole_text(site).split("\n")[1] == "134 - 135"
    undated = dated.replace('<origDate notBefore="0134" notAfter="0135">134 - 135</origDate>', "<origDate/>")
    site = rendered(tmp_path / "undated", body, undated)
    assert "1695" not in whole_text(site).split("\n\n")[0]


def test_a_bibliography_cited_inside_a_sentence_is_part_of_it(tmp_path):
    # DCLP (papyri.info) cites inside its commentary's sentences: "(see <listBibl><bibl><ref>Youtie
    # 1983</ref></bibl></listBibl>, 229-30)". It was a block under a heading "Bibliography" of its own.
    body = """<div type="commentary" subtype="frontmatter"><p>A kollyrium (see <listBibl><bibl><ref
      target="https://papyri.info/biblio/1">Youtie 1983</ref></bibl></listBibl>, 229-30); the end.</p></div>
      <div type="bibliography"><listBibl><bibl>P.Test 1</bibl><bibl>P.Test 2</bibl></listBibl></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_text(site)):
        assert "A kollyrium (see Youtie 1983, 229-30); the end." in text
    assert whole_text(site).count("Bibliography") == 1
    assert "\n\nP.Test 1\n\nP.Test 2\n" in whole_text(site)


def test_an_apparatus_division_whose_entries_are_listed_after_the_text_has_no_heading_of_its_own(tmp_path):
    # Concordia: the entries of <div type="apparatus"><listApp> are attached to the words (from="#w1"), so
    # they are listed in the Apparatus after the text; the division was left an empty "Apparatus" heading.
    body = """<div type="edition"><ab><lb n="1"/><w xml:id="w1">Flavio</w> Launio</ab></div>
      <div type="apparatus"><listApp><app loc="1" from="#w1" to="#w1"><lem>Flavio</lem>
      <rdg source="#lettich">Flavi</rdg></app></listApp></div>
      <div type="translation"><p>To Flavius Launio.</p></div>"""
    site = rendered(tmp_path, body)
    text = whole_text(site)
    assert "\n\nTranslation\n\n" in text
    # Its call stands in the edition, where square brackets mean letters lost: raised, not "[a1]".
    assert "Flavio^a1 Launio" in text
    assert text.count("Apparatus") == 1
    assert "Flavio] Flavi" in text.split("Apparatus", 1)[1]
    document = html.fromstring((site / "doc.html").read_bytes())
    assert [" ".join(h.text_content().split()) for h in document.xpath("//h2")].count("Apparatus") == 1


def test_entries_of_an_apparatus_division_in_a_paragraph_are_read_there(tmp_path):
    # IGCyr writes its apparatus division's entries in a paragraph: <div type="apparatus"><p><app loc="1">.
    # The division showed their lemmata with markers; the entries were listed after the text.
    body = """<div type="edition"><ab><lb n="1"/>Ἀγαθὴ Τύχη <lb n="2"/>ἐπικρατῶ</ab></div>
      <div type="apparatus"><p><app loc="1"><lem resp="#oliverio">Ἀγαθὴ Τύχη</lem>
      <rdg resp="#SEG">Ἀγαθῇ Τύχῃ</rdg></app>
      <app loc="2"><lem resp="#peek">ἐπικρατῶ</lem>
      <rdg resp="#oliverio">ἐπιβλέπω <note>clear on the stone</note></rdg></app></p></div>
      <div type="translation"><p>Good fortune.</p></div>"""
    site = rendered(tmp_path, body)
    text = whole_text(site)
    assert text.count("Apparatus") == 1
    apparatus = text.split("Apparatus\n\n", 1)[1].split("\n\nTranslation", 1)[0]
    assert apparatus.startswith(
        "l. 1: Ἀγαθὴ Τύχη] oliverio; Ἀγαθῇ Τύχῃ SEG\n\nl. 2: ἐπικρατῶ] peek; ἐπιβλέπω"
    )
    # A reading's note is read in its entry: as a footnote, the plain text had no marker for it.
    assert "ἐπιβλέπω (clear on the stone) oliverio" in apparatus
    assert "ἐπιβλέπω (clear on the stone) oliverio" in page_words(site)
    assert "Notes" not in text
    words = page_words(site)
    assert "l. 1: Ἀγαθὴ Τύχη] oliverio; Ἀγαθῇ Τύχῃ SEG l. 2: ἐπικρατῶ] peek; ἐπιβλέπω" in words
    assert nu_check(site).returncode == 0


def test_a_name_holding_a_call_of_a_note_or_an_entry_is_no_link_around_it(tmp_path):
    # IOSPE: a date holding an apparatus entry; Concordia: a person's name whose word an entry is attached to.
    # The page had a link (the call) inside a link (the mention), which HTML does not allow.
    body = """<div type="edition"><ab><lb n="1"/><persName ref="#launio"><w xml:id="w1">Flavio</w></persName>
      <date when="1462"><app><lem>ϛϠο</lem><rdg>ϛϠπ</rdg></app></date>
      <persName>Isaak<note>A note.</note></persName></ab></div>
      <div type="apparatus"><listApp><app from="#w1" to="#w1"><lem>Flavio</lem><rdg>Flavi</rdg></app>
      </listApp></div>"""
    site = rendered(tmp_path, body)
    document = html.fromstring((site / "doc.html").read_bytes())
    assert document.xpath("//a//a") == []
    assert len(document.xpath("//main//sup/a")) == 3
    assert nu_check(site).returncode == 0


def test_a_reference_cites_an_entry_out_of_reach_by_its_key_not_its_address(tmp_path):
    # IOSPE's <ptr target="bib:IGR"/>, IIP's <ptr target="IIP-520.xml"/>, OG(H)AM's <ptr target="RHY1899"/>:
    # keys of a bibliography outside the document. Concordia's ptrs into other files beside the reference's
    # own title only repeat it. They read "bib:IGR I 860", "../bibliography/master_bibliography.xml#cil ...".
    body = """<div type="bibliography"><listBibl>
      <bibl><ptr target="bib:IGR"/> <citedRange>I 860</citedRange></bibl>
      <bibl><ptr target="IIP-520.xml"/> <biblScope unit="insc">334</biblScope></bibl>
      <bibl><ptr target="../bibliography/master_bibliography.xml#cil"/>
        <ptr target="../references/corpora_databases.xml#cil"/> <title>CIL V 8752</title></bibl>
      <bibl><ptr target="https://papyri.info/biblio/1"/></bibl>
      <bibl xml:id="b1">Youtie 1983</bibl><bibl><ptr target="#b1"/>, 229</bibl>
      </listBibl></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_words(site)):
        assert "IGR I 860" in text and "bib:" not in text
        assert "IIP-520 334" in text
        assert "CIL V 8752" in text and "cil" not in text
        assert "https://papyri.info/biblio/1" in text
        assert "b1, 229" in text


def test_an_apparatus_reading_names_its_editor_out_of_reach_by_key(tmp_path):
    # IOSPE: <rdg source="bib:b0948 bib:IOSPE">; it read "bib:b0948, bib:IOSPE".
    body = """<div type="edition"><ab><lb n="1"/>εὐτυχοῦς</ab></div>
      <div type="apparatus"><listApp><app loc="3"><lem>εὐτυχ̣[οῦς]</lem>
      <rdg source="bib:b0948 bib:IOSPE">ΕΥΤΥΧ̣[- - -]</rdg></app></listApp></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_words(site)):
        assert "ΕΥΤΥΧ̣[- - -] b0948, IOSPE" in text


def test_a_change_of_hand_in_an_edition_is_marked_without_square_brackets(tmp_path):
    # papyri.info: <handShift new="m2"/> where the second hand begins. In an edition square brackets mean
    # letters lost: the page drew "[hand: m2]", and the plain text nothing at all.
    body = """<div type="edition"><ab><lb n="1"/>χαίρειν <lb n="2"/><handShift new="m2"/> ἔρρωσο</ab></div>
      <div type="commentary"><p>A letter <handShift new="m3"/> ends.</p></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_text(site)):
        assert "(hand: m2) ἔρρωσο" in text
        assert "[hand" not in text.split("Commentary")[0]
    assert "[hand: m3]" in page_text(site)


def test_a_reading_s_editor_written_out_is_read_as_written(tmp_path):
    # DDbDP (papyri.info) writes who corrected a reading in words, not pointers: <app type="BL"><lem
    # resp="8.441"> (Berichtigungsliste 8, p. 441), <lem resp="BL 3.45">, <lem resp="bgu 3 p.4">. They read
    # "8.441", "BL, 3.45", "bgu, 3, p.4".
    body = """<div type="edition"><ab><lb n="1"/><app type="BL"><lem resp="8.441">Ἀγαθάμμων</lem>
      <rdg>Ἀγαθάμμονι</rdg></app> <app type="editorial"><lem resp="BL 3.45">ἔδωκα</lem><rdg>ἔδωκε</rdg></app>
      <app type="editorial"><lem resp="bgu 3 p.4">ἔρρωσο</lem><rdg>ἔρωσο</rdg></app></ab></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_words(site)):
        assert "Ἀγαθάμμων] BL 8.441; Ἀγαθάμμονι" in text
        assert "ἔδωκα] BL 3.45; ἔδωκε" in text
        assert "ἔρρωσο] bgu 3 p.4; ἔρωσο" in text


def test_the_lines_of_the_stone_in_a_verse_inscription_are_marked_in_its_verses(tmp_path):
    # IOSPE 5.238, IGCyr's verse: the edition laid out in verse lines (l), the stone's lines beginning where
    # <lb/> stands inside them. Leiden marks each with "|"; they were not shown at all.
    body = """<div type="edition"><ab><lg><lb n="1"/><l n="1">ζῇ δοῦλος</l>
      <l n="2">κ(αὶ) Φούναης <lb n="2"/>αὐθέντης</l><l n="3">ἐξ ὀσφύος</l>
      <lb n="3"/><l n="4">λαμπρὸς <lb n="4" break="no"/>της</l></lg></ab></div>"""
    site = rendered(tmp_path, body)
    text = whole_text(site)
    assert "\nζῇ δοῦλος\nκ(αὶ) Φούναης | αὐθέντης\nἐξ ὀσφύος\n| λαμπρὸς|της\n" in text
    assert "κ(αὶ) Φούναης | αὐθέντης" in page_text(site)
    assert "ἐξ ὀσφύος | λαμπρὸς|της" in page_text(site)
    # A poem inscribed a verse a line (IGCyr's hymn to Isis): the layout says where each line begins.
    body = """<div type="edition"><ab><lg><lb n="1"/><l n="1">Ἐγὼ τύραννος</l>
      <lb n="2"/><l n="2">πόντου τε</l></lg></ab></div>"""
    site = rendered(tmp_path / "poem", body)
    assert "\nἘγὼ τύραννος\nπόντου τε\n" in whole_text(site)


def test_a_restoration_with_nothing_to_read_draws_no_brackets_and_a_restored_line_holds_them(tmp_path):
    # IGCyr 010800: a stray <supplied reason="lost"/> drew a lone "]" ("ἐξ [ἀνδρὸς] ]Κυρηναίου"); a restored
    # paragraphos (<supplied reason="lost"><milestone rend="paragraphos"/></supplied>) drew "[", "——" and "]"
    # on three lines.
    body = """<div type="edition"><ab><lb n="1"/>ἐξ <supplied reason="lost">ἀνδρὸς</supplied> <supplied
      reason="lost"/>Κυρηναίου <lb n="1a"/><supplied reason="lost"><milestone rend="paragraphos"
      unit="undefined"/></supplied>
      <lb n="2"/>Πολίτευμα</ab></div>"""
    site = rendered(tmp_path, body)
    assert "\nἐξ [ἀνδρὸς] Κυρηναίου\n[——]\nΠολίτευμα\n" in whole_text(site)
    assert "ἐξ [ἀνδρὸς] Κυρηναίου [——] Πολίτευμα" in page_text(site)


def test_lacunae_on_either_side_of_an_apparatus_entry_keep_their_own_brackets(tmp_path):
    # DCLP 26761: a restoration ending an entry's lemma, then one after the entry. The entry's lemma is drawn
    # apart from the text around it, so its bracket closed ("[νου]") while the next one, joined to it, did not
    # open: "[νου]a3 (δραχμαί) ζμύ]ρνης".
    body = """<div type="edition"><ab><lb n="1"/><app type="editorial">
      <lem>χαλκο<supplied reason="lost">ῦ</supplied> <app type="alternative">
      <lem>κ<supplied reason="lost">εκα</supplied>υ<supplied reason="lost">μέ</supplied><lb n="2" break="no"/>
      <supplied reason="lost">νου</supplied></lem>
      <rdg>κ<supplied reason="lost">εκα</supplied>υμέ<lb n="2" break="no"/>
      <supplied reason="lost">νου</supplied></rdg>
      </app> <supplied reason="lost">ζμύ</supplied>ρνης</lem>
      <rdg>χαλκοῦ ζμύρνης</rdg></app> <supplied reason="lost"><g type="vacat"/> κολ</supplied>λύριον
      </ab></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_text(site)):
        assert "[ζμύ]ρνης" in text
        edition = text.split("Apparatus")[0]
        assert edition.count("[") == edition.count("]")
        # A blank the editors restore, as Leiden writes a blank: vac.
        assert "[vac. κολ]λύριον" in text


def test_a_restored_symbol_has_its_brackets_and_a_symbol_is_named_by_its_reference_before_its_class(tmp_path):
    # IIP idum0452: <num><g ref="three-vertical-strokes" type="char"/></num><num><supplied reason="lost"><g
    # ref="one-vertical-stroke" type="char"/></supplied></num>: it read "((char))((char))]".
    body = """<div type="edition"><p>ב <supplied reason="lost">שנת</supplied>
      <num value="3"><g ref="three-vertical-strokes" type="char"/></num><num value="1"><supplied
      reason="lost"><g ref="one-vertical-stroke" type="char"/></supplied></num> עבדאדה <g type="interpunct"/>
      </p></div>"""
    site = rendered(tmp_path, body)
    for text in (whole_text(site), page_text(site)):
        assert "[שנת] ((three-vertical-strokes))[((one-vertical-stroke))] עבדאדה ·" in text


def test_a_restoration_holding_alternative_readings_closes_its_bracket(tmp_path):
    # IOSPE 3.380: Μητροδ<supplied><app type="alternative"><rdg>ώρου</rdg><rdg>ότου</rdg></app></supplied>,
    # then a gap. The two lacunae did not agree on joining: "Μητροδ[ώρου^a1 [- - -]".
    body = """<div type="edition"><ab><lb n="1"/>θυγάτηρ
      Μητροδ<supplied reason="lost"><app type="alternative">
      <rdg>ώρου</rdg><rdg>ότου</rdg></app></supplied> <gap reason="lost" extent="unknown" unit="character"/>
      <lb n="2"/>τέλος</ab></div>"""
    site = rendered(tmp_path, body)
    text = whole_text(site)
    assert "θυγάτηρ Μητροδ[ώρου^a1 - - -]\n" in text


def test_a_date_written_in_two_languages_reads_each_apart(tmp_path):
    # IOSPE: <origDate><seg xml:lang="ru">1462 или 1472 гг.</seg><seg xml:lang="en">1462 or 1472 C.E.</seg>
    # read "1462 или 1472 гг. 1462 or 1472 C.E." under the title.
    source = """<sourceDesc><msDesc><msIdentifier><idno>1</idno></msIdentifier><history><origin>
      <origDate notBefore="1462" notAfter="1462"><seg xml:lang="ru">1462 или 1472 гг.</seg>
      <seg xml:lang="en">1462 or 1472 C.E.</seg></origDate></origin></history></msDesc></sourceDesc>"""
    site = rendered(tmp_path, '<div type="edition"><ab><lb n="1"/>κτλ</ab></div>', source)
    assert whole_text(site).split("\n")[1] == "1462 или 1472 гг. / 1462 or 1472 C.E."


def test_a_text_part_numbered_by_the_initial_of_its_kind_is_not_named_twice(tmp_path):
    # papyri.info: <div type="textpart" subtype="recto" n="r">, subtype="verso" n="v": "Recto r", "Verso v".
    body = """<div type="edition"><div type="textpart" subtype="recto" n="r">
      <div type="textpart" subtype="column" n="1"><ab><lb n="1"/>χαίρειν</ab></div></div>
      <div type="textpart" subtype="verso" n="v"><ab><lb n="1"/>ἔρρωσο</ab></div>
      <div type="textpart" subtype="fragment" n="a"><ab><lb n="1"/>τέλος</ab></div></div>"""
    site = rendered(tmp_path, body)
    text = whole_text(site)
    assert "\n\nRecto\n\nColumn 1\n\nχαίρειν\n\nVerso\n\nἔρρωσο\n\nFragment a\n\nτέλος" in text
