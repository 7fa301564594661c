<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what the HTML, plain-text and index stylesheets share. Imported by each of them.

  - lookups: the entry a pointer (@ref, @who, @source) leads to, in this document or one it points into;
  - names: the normalised name and the sort key of an entry;
  - anchors: a stable id for every element (its xml:id, else its name and position), counted once by an
    accumulator, so that links from the person index land on the right paragraph;
  - notes: their numbers; readings: which child of a choice is the reading text, what a pointer with no
    content says;
  - mentions: which names, titles, references and dates the indexes gather, the index entry each leads to,
    and where it stands in words a reader understands ("¶ 11", "note 6", "p. 12");
  - the header block: title, author, date, source, licence, citation, correspondence, from the header model
    that teitools gives as JSON (the teiHeader is read once, in Python, for every stage);
  - which TEI elements are blocks (paragraph-like) and which are phrases, and @rend/@rendition/@style as CSS;
  - the one fall-through: an element no module handles renders its content (a block stays a block).
  The genre modules (transcription, drama, verse, apparatus, epidoc, figures, letters) hold the meaning of
  their elements and both looks (mode html, mode text); html.xsl and text.xsl import them after this one.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xmlns:me="http://www.menota.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The documents the document transformed points into (its personography, say), for names. -->
  <xsl:param name="documents" as="array(document-node())" select="[]"/>

  <xsl:key name="by-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- Elements that stand as blocks (paragraphs, lines, headings, divisions); all others are phrases. -->
  <xsl:variable name="t:blocks" as="xs:string*" select="
    'TEI', 'text', 'front', 'body', 'back', 'group', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6',
    'div7', 'p', 'ab', 'head', 'lg', 'l', 'sp', 'speaker', 'spGrp', 'item', 'list', 'listBibl', 'salute',
    'signed', 'dateline', 'byline', 'docAuthor', 'docDate', 'docEdition', 'docImprint', 'docTitle', 'titlePart',
    'imprimatur', 'titlePage', 'trailer', 'opener', 'closer', 'argument', 'epigraph', 'postscript', 'table', 'row',
    'castList', 'castGroup', 'castItem', 'figure', 'figDesc', 'notatedMusic', 'listPerson', 'person', 'personGrp',
    'listPlace', 'place', 'listOrg', 'org', 'listEvent', 'event', 'superEntry', 'entry', 'entryFree', 'hom', 're',
    'sense',
    'set', 'floatingText', 'address', 'addrLine', 'u', 'annotationBlock', 'sourceDoc', 'surface', 'zone', 'line',
    'listApp', 'listWit', 'witness', 'cit', $t:manuscript-records"/>

  <!-- Blocks only where they stand as such: an author's name and a date are lines of a title page, and phrases
       inside another line ("by <docAuthor>…</docAuthor>." in a byline, the date of an imprint); a list the
       source runs on inside its sentence (rend="inline") is a phrase, and so are its items; a citation is a block
       where its quotation is one (Perseus's verse quoted in a paragraph: its reference under the verse, not
       run into the sentence that goes on after it). A bibliographic reference is a block in a bibliography and
       where it stands between blocks (the Poetess Archive's indexes, a division of references: one entry
       ran into the next); a bibliography cited inside a sentence (DCLP's "(see <listBibl><bibl>Youtie
       1983</bibl></listBibl>, 229-30)") is a phrase, and so are its entries. -->
  <xsl:variable name="t:blocks-where-they-stand" as="xs:string*" select="'docAuthor', 'docDate', 'docEdition',
    'imprimatur', 'list', 'item', 'cit', 'listBibl'"/>

  <!-- Each block's name, to whether it is a block wherever it stands. -->
  <xsl:variable name="t:block-names" as="map(xs:string, xs:boolean)"
    select="map:merge($t:blocks ! map { . : not(. = $t:blocks-where-they-stand) })"/>

  <xsl:function name="t:is-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="anywhere" select="$t:block-names(local-name($element))"/>
    <xsl:sequence select="$anywhere
      or (exists($anywhere) and t:stands-as-block($element))
      or ($element/(self::tei:bibl | self::tei:biblStruct) and t:is-bibliography-entry($element))"/>
  </xsl:function>

  <!-- A reference in a list of them (one that is a block: not DCLP's cited in a sentence), or standing between
       the blocks of a division: an entry of a bibliography (84000's <div type="section"><head>Tibetan
       Sources</head><bibl>…</bibl><bibl>…</bibl>), not a reference run into a sentence, nor a mention of a
       work in the text (t:mention-kind), as a listBibl's are not. -->
  <xsl:function name="t:is-bibliography-entry" as="xs:boolean">
    <xsl:param name="reference" as="element()"/>
    <xsl:sequence select="exists($reference/parent::*[self::tei:listBibl[t:is-block(.)]
      or matches(local-name(), '^(front|back|body|group|div[1-7]?)$')])"/>
  </xsl:function>

  <xsl:function name="t:stands-as-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
      if ($element/self::tei:list) then not(t:is-inline-list($element))
      else if ($element/self::tei:item) then not($element/parent::tei:list[t:is-inline-list(.)])
      else if ($element/self::tei:cit) then exists($element/tei:quote[t:is-block-quote(.)])
      else if ($element/self::tei:listBibl) then empty($element/parent::*[self::tei:p or self::tei:ab or self::tei:l
        or self::tei:item or self::tei:note or self::tei:head or self::tei:quote][text()[normalize-space()]])
      else matches(local-name($element/..), '^(titlePage|front|back|body|group|div[1-7]?)$')"/>
  </xsl:function>

  <xsl:function name="t:is-inline-list" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="tokenize($list/@rend) = ('inline', 'runin', 'run-on', 'runon') or $list/@type = 'inline'"/>
  </xsl:function>

  <!-- Counts elements of each name in document order, for the names that get anchors: blocks, notes, breaks,
       stage directions, segments and apparatus entries always (true), names, titles and dates only as
       mentions (false). -->
  <xsl:variable name="t:anchored" as="map(xs:string, xs:boolean)"
    select="map:merge((($t:blocks, 'note', 'bibl', 'biblStruct', 'pb', 'cb', 'stage', 'seg', 'app') ! map { . : true() },
      map:keys($t:mention-kinds) ! map { . : false() }), map { 'duplicates': 'use-first' })"/>
  <!-- Computed once per transformation as one map (generate-id to ordinal): an anchor is then one lookup,
       cheaper in Saxon than an accumulator lookup per element (about a tenth of the page's time). Only
       elements of the document transformed are numbered; those of the documents it points into are reached
       by their xml:id. An element with an xml:id is counted, but has no entry: its anchor is its id, unless
       the document repeats the id (t:own-id; asked here of the attribute, without a call per element: the
       call was a third of the map's cost). Nor has a name where it can be no mention (t:is-outside-mentions):
       a gazetteer's place names were half the map, and the map a fifth of its page. Nor is an element of an
       example of encoding (egXML), shown as markup: the example would take the numbers of the elements after
       it. -->
  <xsl:variable name="t:ordinals" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each-group select="//*[map:contains($t:anchored, local-name())][not(self::eg:*)]" group-by="local-name()">
        <xsl:variable name="always" select="$t:anchored(current-grouping-key())"/>
        <xsl:for-each select="current-group()">
          <xsl:if test="(empty(@xml:id) or map:contains($t:repeated-ids, string(@xml:id)))
                        and ($always or not(t:is-outside-mentions(.)))">
            <xsl:map-entry key="generate-id()" select="position()"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- Numbers the paragraphs of the text (not those inside notes) in document order, for "¶ 11". -->
  <xsl:accumulator name="t:paragraphs" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:p[not(ancestor::tei:note)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The page a node stands on: the last page break's @n ("12"), else its ordinal in square brackets, as a
       page without a printed number is cited ("[12]"): the page break's marker and the index's place read the
       same (t:page-label), and a counted page is not taken for a printed one. -->
  <xsl:accumulator name="t:page" as="map(xs:string, item())" initial-value="map { 'count': 0 }">
    <xsl:accumulator-rule match="tei:pb" select="map {
      'count': $value?count + 1,
      'label': (normalize-space(@n)[. != ''], '[' || $value?count + 1 || ']')[1] }"/>
  </xsl:accumulator>

  <!-- The label of the page a node stands on (a page break: its own page), if it stands after one. -->
  <xsl:function name="t:page-label" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/accumulator-before('t:page')?label"/>
  </xsl:function>

  <!-- The footnotes in the order a reader meets their markers: where a note stands, or where the pointer
       that calls it is (t:call-of), or the anchor it is attached to (t:notes-called-at). The notes of a
       description of the source are read where they stand (t:is-header-note). They are listed in this order,
       and numbered in it (one map per transformation, as t:ordinals), except those whose own @n is a mark, not
       a number (a printer's asterisk), which take no number from the others; a note numbered in @n keeps its
       place in the count, so that the others' numbers do not repeat it. -->
  <xsl:variable name="t:footnotes" as="element(tei:note)*"
    select="(((//tei:text | //tei:sourceDoc)//tei:note[t:is-footnote(.)] ! (t:call-of(.), .)[1]) | ())
      ! (if (self::tei:note) then . else t:notes-called-at(.))"/>
  <xsl:variable name="t:note-numbers" as="map(xs:string, xs:integer)"
    select="map:merge($t:footnotes[not(normalize-space(@n)) or matches(@n, '^\s*\d+\s*$')] ! map { generate-id(.): position() })"/>

  <!-- Numbers the apparatus entries of the text (t:is-listed): not those of an apparatus the encoder set
       apart, which are entries already, nor a note's lemma. An entry is counted where it ends, as a reader
       meets its marker: an entry nested in the lemma of another (parallel segmentation) comes before it,
       "beta gamma[a1][a2]", and each has a number of its own. -->
  <xsl:accumulator name="t:apps" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:app[t:is-listed(.)]" phase="end" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The entries each look lists in its apparatus after the texts, in the order of their numbers. -->
  <xsl:function name="t:listed-apps" as="element(tei:app)*">
    <xsl:param name="texts" as="element()*"/>
    <xsl:sequence select="sort($texts//tei:app[t:is-listed(.)], (), t:app-number#1)"/>
  </xsl:function>

  <!-- An entry nested in a reading of another that the text does not read (the lemma is its only reading the
       text reads): the entry that calls it, where its marker stands. None for an entry the text calls. -->
  <xsl:function name="t:calling-app" as="element(tei:app)?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/ancestor::tei:app[1][some $reading in $app/ancestor::*[self::tei:lem or self::tei:rdg]
      satisfies not($reading is t:lemma($reading/ancestor::tei:app[1]))]"/>
  </xsl:function>

  <!-- An apparatus the encoder set apart from the text: a listApp, or EpiDoc's apparatus division, whose
       entries may stand in it without a listApp, or in a paragraph of it (IGCyr). Its entries are read where they stand, each with its line,
       except those attached to the text by their end points (t:attachment: the double-end-point method keeps
       its entries in a listApp of the back), which are marked in the text and listed as the others are. -->
  <xsl:function name="t:is-set-apart" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="exists($app/ancestor::tei:listApp | $app/parent::tei:div[@type = 'apparatus']
      | $app/parent::*[self::tei:p or self::tei:ab]/parent::tei:div[@type = 'apparatus'])
      and empty(t:attachment($app))"/>
  </xsl:function>

  <!-- A lemma a note comments on (<note><app><lem>loco</lem></app> modo</note>, as the Perseus texts write a
       note on a word): an entry of a lemma and nothing else, in a note. The note reads it as its lemma,
       "loco] modo" (t:apparatus-entry); it is no entry of the Apparatus, which would say nothing more. -->
  <xsl:function name="t:is-note-lemma" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="exists($app/ancestor::tei:note) and exists($app/tei:lem)
      and empty($app/(* except tei:lem[1])) and not(t:is-set-apart($app))"/>
  </xsl:function>

  <!-- An entry of the Apparatus section after the text, numbered and called by its marker: not an entry
       read where it stands (t:is-set-apart, t:is-note-lemma). -->
  <xsl:function name="t:is-listed" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="not(t:is-set-apart($app) or t:is-note-lemma($app) or t:is-empty-entry($app))"/>
  </xsl:function>

  <!-- An entry that says nothing: no reading, no words (IOSPE's <app><note/></app>). Neither listed nor drawn
       where it stands (apparatus.xsl). -->
  <xsl:function name="t:is-empty-entry" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="empty($app/(tei:lem | tei:rdg | tei:rdgGrp)) and not(normalize-space($app))"/>
  </xsl:function>

  <!-- An entry attached to the text by its end points (@from, and @to where the lemma is longer): the
       elements of the document they lead to, first and last. Such an entry is not in the text, which holds its
       lemma already: its marker follows its last element (key t:apps-ending-at), and the apparatus shows the
       text from the first to the last as its lemma. -->
  <xsl:function name="t:attachment" as="element()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="from" select="$app/@from ! t:entry-by-pointer(normalize-space(.), $app)"/>
    <xsl:sequence select="$from, ($app/@to ! t:entry-by-pointer(normalize-space(.), $app))[exists($from)] except $from"/>
  </xsl:function>

  <xsl:variable name="t:attached-apps" as="xs:boolean" select="exists(//tei:text//tei:app[@from])"/>
  <xsl:key name="t:apps-ending-at" match="tei:text//tei:app[@from][t:is-listed(.)]"
    use="t:attachment(.)[last()] ! generate-id()"/>

  <!-- Whether an element holds the call of a footnote or of an apparatus entry, which the page draws as a
       link (an entry called where it stands, or attached to a word inside it): a name holding one is no link
       itself (html.xsl), as HTML has no link inside a link (IOSPE's date holding an entry, Concordia's name
       whose word an entry is attached to). -->
  <xsl:function name="t:holds-calls" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element//tei:note[t:is-footnote(.)] | $element//tei:app[t:is-listed(.)][empty(t:attachment(.))])
      or $t:attached-apps and exists($element//*[exists(key('t:apps-ending-at', generate-id()))])"/>
  </xsl:function>

  <!-- The text an attached entry concerns: from the start of its first element to the end of its last. -->
  <xsl:function name="t:attached-text" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="first" select="t:attachment($app)[1]"/>
    <xsl:variable name="last" select="t:attachment($app)[last()]"/>
    <xsl:sequence select="normalize-space(string-join(($first/descendant::text()
      | $first/following::text()[. &lt;&lt; $last] | $last/descendant::text())[t:is-read(., $first/..)]))"/>
  </xsl:function>

  <!-- Counts verse lines: @n where it is a number, else one more than the line before; a half-line that
       continues a line (@part M or F) is not counted. The count restarts in each text and each poem
       (a division holding stanzas), except in drama, whose lines are counted through the play (a song in a
       scene is a division holding stanzas too); a division the encoder calls a poem or a play (@type)
       restarts it even there: an anthology with one dramatic piece (the Poetess Archive's Bijou) counted its
       poems through the volume, a poem's first line numbered from the front matter on, and its play from
       the poem before. The lines an epigraph quotes are another work's: neither counted nor numbered (the
       Bijou's poems began at 7). One pass per transformation into a map (generate-id to number), as
       t:ordinals: a lookup per line, not an accumulator lookup per line (measured slower). The map holds only
       the numbers shown (every fifth): a fifth of the entries to write. The pass writes the map's entries
       (xsl:map), it does not put them into a map carried along (a copy of the map per line). -->
  <xsl:variable name="t:drama" as="xs:boolean" select="exists(//tei:sp)"/>
  <xsl:variable name="t:verse-numbers" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:iterate select="//tei:text | //tei:div[tei:lg][not($t:drama) or @type = 'poem']
        | //tei:div[@type = ('drama', 'play')] | //tei:l[not(ancestor::tei:epigraph)]">
        <xsl:param name="count" as="xs:integer" select="0"/>
        <xsl:variable name="number" as="xs:integer" select="if (not(self::tei:l)) then 0
          else if (matches(@n, '^\d+$')) then xs:integer(@n) else if (@part = ('M', 'F')) then $count else $count + 1"/>
        <xsl:if test="self::tei:l and $number mod 5 = 0"><xsl:map-entry key="generate-id()" select="$number"/></xsl:if>
        <xsl:next-iteration>
          <xsl:with-param name="count" select="$number"/>
        </xsl:next-iteration>
      </xsl:iterate>
    </xsl:map>
  </xsl:variable>

  <xsl:mode use-accumulators="#all"/>

  <xsl:function name="t:anchor" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="(t:own-id($element), local-name($element) || '-' || $t:ordinals(generate-id($element)))[1]"/>
  </xsl:function>

  <!-- The element's xml:id, unless an element before it has it too (a slip that validate reports): the page
       has each id once. Which ids the document transformed repeats, teitools found when it loaded it
       ($repeated-ids, space-separated): only an element with one of these, or of another document, is
       looked up (a key lookup per element with an id was a sixth of the page's anchors). -->
  <xsl:param name="repeated-ids" as="xs:string" select="''"/>
  <xsl:variable name="t:repeated-ids" as="map(xs:string, xs:boolean)"
    select="map:merge(tokenize($repeated-ids) ! map { . : true() })"/>
  <xsl:variable name="t:document" as="document-node()" select="/"/>
  <xsl:function name="t:own-id" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/@xml:id[if (map:contains($t:repeated-ids, string(.)) or not(root(.) is $t:document))
      then key('by-id', string(.), root(.))[1] is $element else true()] ! string(.)"/>
  </xsl:function>

  <!-- The block an occurrence stands in: the nearest paragraph-like ancestor (or the note itself). -->
  <xsl:function name="t:block-of" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[self::tei:note or t:is-block(.)][not(self::tei:TEI)])[last()]"/>
  </xsl:function>

  <xsl:function name="t:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (normalize-space($note/@n)) then normalize-space($note/@n)
      else string($t:note-numbers(generate-id($note)))"/>
  </xsl:function>

  <!-- A note's or an apparatus entry's number where they are listed: "1.", "a3.", but a sign stands alone
       ("*", "†", "1)"). -->
  <xsl:function name="t:listed-number" as="xs:string">
    <xsl:param name="number" as="xs:string"/>
    <xsl:sequence select="if (matches($number, '[\p{L}\p{N}]$')) then $number || '.' else $number"/>
  </xsl:function>

  <!-- Where each pointer of the document transformed leads, as teitools resolved it (the one resolution, in
       facts.py): its value gives "N#id", where N is the position in $documents of the document pointed
       into, or 0 for the document itself. A lookup is one map access and one key, whatever the corpus size. -->
  <xsl:param name="targets" as="map(xs:string, xs:string)" select="map {}"/>

  <!-- The entry a pointer of the document transformed leads to ("#id", "file.xml#id"), by its first value. -->
  <xsl:function name="t:entry" as="element()?">
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($pointer))[1] ! t:entry-by-pointer(., $pointer)"/>
  </xsl:function>

  <!-- The element one pointer value leads to, where teitools resolved it ($targets: the speaker of a sitting
       may be in the list its corpus root brings in); a "#id" of an attribute that teitools does not resolve
       (@wit, @from, @to, @rendition) leads into the document itself. -->
  <xsl:function name="t:entry-by-pointer" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="target" select="$targets($pointer)"/>
    <xsl:variable name="number" select="$target ! xs:integer(substring-before(., '#'))"/>
    <xsl:variable name="document" select="if (empty($target)) then root($context)[starts-with($pointer, '#')]
      else if ($number = 0) then root($context) else $documents($number)"/>
    <xsl:sequence select="$document ! key('by-id', ($target ! substring-after(., '#'), substring($pointer, 2))[1], .)[1]"/>
  </xsl:function>

  <!-- The name an entry is known by, read as the text reads: its parts apart ("Hofer Norbert Ing.", where
       ParlaMint writes surname, forename and title side by side), as teitools.metadata.normalized_name. -->
  <xsl:function name="t:normalized-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(tei:persName, tei:placeName, tei:orgName, tei:title, tei:name)"/>
    <xsl:sequence select="string(($names[@type = ('normalized', 'reg', 'main')], $names)[1] ! t:reading-text(.))"/>
  </xsl:function>

  <xsl:function name="t:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="surname" select="($entry/tei:persName[@type = 'normalized'], $entry/tei:persName)[1]/tei:surname"/>
    <xsl:sequence select="lower-case(normalize-space(string(($surname, t:normalized-name($entry))[1])))"/>
  </xsl:function>

  <!-- A birth, death or other event of a record as text: its date where it has one ("1863-07-19", not the
       date, place and coordinates run together), else its own text ("1888 or 1890"). -->
  <xsl:function name="t:event-text" as="xs:string?">
    <xsl:param name="event" as="element()?"/>
    <xsl:sequence select="($event ! normalize-space(string((tei:date, .)[1])))[. != '']"/>
  </xsl:function>

  <!-- A manuscript's description (msDesc) is read as a catalogue reads it: its parts (contents, physical
       description, history...) each a record of labelled fields, so that "paper", "120 leaves", "15th century"
       and "Italy" neither run together nor go unexplained. -->
  <xsl:variable name="t:manuscript-records" static="yes" as="xs:string*" select="'msDesc', 'msPart', 'msFrag',
    'msContents', 'msItem', 'msItemStruct', 'physDesc', 'objectDesc', 'supportDesc', 'layoutDesc', 'handDesc', 'scriptDesc',
    'typeDesc', 'decoDesc', 'bindingDesc', 'sealDesc', 'history', 'additional', 'adminInfo'"/>
  <!-- Authority records (records.xsl): the elements of a personography, gazetteer or list of organisations or
       events that describe one entity, each of whose children is a field. What a field's content does not say
       itself, its label says (born 1879, wikidata Q33391). -->
  <xsl:variable name="t:records" static="yes" as="xs:string*" select="'person', 'personGrp', 'place', 'org', 'event',
    $t:manuscript-records"/>
  <!-- The same as a pattern (static), for the rules of records.xsl (shadow attributes, _match): Saxon then tries
       them on these elements only, where a predicate (*[t:is-record(.)]) was tried on every element of the
       text, in each look (4 % of the HTML and 7 % of the plain text of documents without records). -->
  <xsl:variable name="t:record-pattern" static="yes" as="xs:string"
    select="string-join($t:records ! ('tei:' || .), ' | ')"/>

  <!-- Fields: the parts of a name, of a bibliography, of a manuscript's description (teitools.metadata.FIELDS,
       given when the stylesheets are compiled). Two written side by side with nothing between them are read
       apart: a space goes between (in each look, by a rule matching the pattern, before the field's own). The
       pattern tries any element, which first asks whether an element comes right before it (most follow
       text): a union of the field names, tried branch by branch on each of them, made the plain text a sixth
       slower, this a twentieth. -->
  <xsl:param name="fields" static="yes" as="xs:string" required="yes"/>
  <xsl:variable name="t:field-pattern" static="yes" as="xs:string"
    select="'tei:*[preceding-sibling::node()[1] instance of element()][t:follows-field(.)]
      | (tei:height | tei:width | tei:depth)[parent::tei:dimensions][t:follows-measurement(.)]'"/>
  <xsl:variable name="t:field-names" as="map(xs:string, xs:boolean)" select="map:merge(tokenize($fields) ! map { . : true() })"/>

  <xsl:function name="t:follows-field" as="xs:boolean">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="map:contains($t:field-names, local-name($field)) and exists($field/preceding-sibling::node()[1][self::tei:*][map:contains($t:field-names, local-name())])"/>
  </xsl:function>

  <!-- The measurements of one object (height, width, depth) are apart by a × where they follow each other
       with white space alone between them too: Beta maṣāḥǝft writes them a line each ("170⏎150⏎75", which
       read "170 150 75"). Not the dim of a margin ("top 18, bottom 25"), nor an empty measurement (ISicily's
       <height unit="cm"/>, to be filled in). -->
  <xsl:variable name="t:extents" as="xs:string*" select="'height', 'width', 'depth'"/>
  <xsl:function name="t:follows-measurement" as="xs:boolean">
    <xsl:param name="measurement" as="element()"/>
    <xsl:variable name="before" select="$measurement/preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:sequence select="local-name($measurement) = $t:extents and normalize-space($measurement) != ''
      and exists($before[self::tei:*][local-name() = $t:extents][normalize-space()])"/>
  </xsl:function>

  <!-- What goes between two fields side by side: a space, and between the measurements of one object (height,
       width, depth) the × of "327 × 236" (written side by side they read "327236"). -->
  <xsl:function name="t:field-separator" as="xs:string">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="if ($field/parent::tei:dimensions) then ' × ' else ' '"/>
  </xsl:function>

  <!-- A structured bibliographic reference (biblStruct) reads as a citation: its fields, which it writes
       without a mark between them (a line end, or nothing), are set apart as the page's header sets apart those
       of its source, by one rule and one table (teitools.metadata.citation_separator and citation_table, given
       when the stylesheets are compiled): "Sperberg-McQueen, C. M.; Burnard, Lou: Guidelines, ed. Nancy Ide;
       Jean Véronis, Dordrecht: Kluwer, p. 17-39". Its parts (analytic, monogr, imprint, series) and its authors
       and editors set their fields apart so at their own level, a name's parts by a space unless inverted
       ("Knuth, Donald E."). Without this, "… Nancy Ide Jean Véronis Dordrecht Kluwer 1995". -->
  <xsl:param name="citation" static="yes" as="xs:string" required="yes"/>
  <xsl:variable name="t:citation" as="map(*)" select="parse-json($citation)"/>
  <xsl:variable name="t:citation-parts" as="xs:string+" select="array:flatten($t:citation?parts)"/>
  <xsl:function name="t:citation-separator" as="xs:string">
    <xsl:param name="before" as="element()"/>
    <xsl:param name="field" as="element()"/>
    <xsl:variable name="name" select="local-name($field)"/>
    <xsl:variable name="previous" select="local-name($before)"/>
    <xsl:variable name="said" select="normalize-space($before)"/>
    <xsl:variable name="last" select="substring($said, string-length($said))"/>
    <xsl:variable name="name-parts" select="array:flatten($t:citation?name-parts)"/>
    <xsl:variable name="separator" select="
      if ($last != '' and contains($t:citation?closing-marks, $last)) then ' '
      else if ($previous = $name-parts and $name = $name-parts
        and empty($t:citation?pairs($previous || ' ' || $name))) then ' '
      else if ($name = 'title' and $previous = 'title')
        then (if ($field/@type = 'sub') then ': ' else if ($last = '.') then ' ' else ', ')
      else if ($name = $previous) then '; '
      else ($t:citation?pairs($previous || ' ' || $name), if ($last = '.') then ' ' else ', ')[1]"/>
    <xsl:variable name="introduced" select="
      if ($name = 'editor' and empty($field/@role) and $separator != '; ') then $t:citation?introduced?editor
      else if ($name = 'biblScope' and $field/@unit = array:flatten($t:citation?page-units)
        and matches(normalize-space($field), $t:citation?page-numbers)) then $t:citation?introduced?biblScope
      else ''"/>
    <xsl:sequence select="$separator || $introduced"/>
  </xsl:function>

  <!-- A bibliographic reference written as fields alone, two or more with only white space between them
       (<bibl><title>Darmstädter Tagblatt</title> <pubPlace>…</pubPlace> <date>1740</date></bibl>, a list of
       periodicals' registers), reads as a citation too, as a structured one does: its fields ran together
       ("Darmstädter Tagblatt Darmstadt 1740 1850"). A reference with words of its own between its fields is
       written as it reads. -->
  <xsl:function name="t:is-written-as-fields" as="xs:boolean">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="empty($bibl/text()[normalize-space()]) and count($bibl/*[t:is-citation-field(.)]) gt 1"/>
  </xsl:function>

  <!-- A field of a citation that says something: text, or an address (ptr) that reads as something (not
       Concordia's pointer into another file beside the reference's own title: t:citation-key). A note is no
       field: its call stands where it is. -->
  <xsl:function name="t:is-citation-field" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not($element/self::tei:note) and (normalize-space($element) != ''
      or exists($element/descendant-or-self::tei:ptr[t:pointer-label(.) != '']))"/>
  </xsl:function>

  <!-- Drawn nodes without the white space they end with (a field's last line end, <surname>…</surname>⏎
       </author>, which would stand before the separator after it: "Snelders : Behnam"), inside the elements
       they end with too. -->
  <xsl:function name="t:without-trailing-space" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="last" select="$nodes[last()]"/>
    <xsl:variable name="rest" select="subsequence($nodes, 1, count($nodes) - 1)"/>
    <xsl:choose>
      <xsl:when test="$last instance of text()">
        <xsl:variable name="trimmed" select="t:trim-end(string($last))"/>
        <xsl:sequence select="if ($trimmed = '') then t:without-trailing-space($rest) else $rest"/>
        <xsl:value-of select="$trimmed[. != '']"/>
      </xsl:when>
      <xsl:when test="$last instance of element()">
        <xsl:sequence select="$rest"/>
        <xsl:for-each select="$last">
          <xsl:copy><xsl:sequence select="@*, t:without-trailing-space(node())"/></xsl:copy>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$nodes"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A citation part's content in the current look, its fields set apart (t:citation-separator): the white
       space between two fields becomes the separator; other text stands as written and sets nothing apart. Where
       a field follows another with nothing between, the rule for fields side by side adds its space: the
       separator's own is left out. -->
  <xsl:template name="t:cited-parts">
    <xsl:iterate select="node()">
      <xsl:param name="previous" as="element()?" select="()"/>
      <xsl:choose>
        <xsl:when test=". instance of text() and not(normalize-space())">
          <xsl:value-of select="' '[empty($previous)]"/>
        </xsl:when>
        <xsl:when test=". instance of element() and t:is-citation-field(.)">
          <xsl:if test="exists($previous)">
            <xsl:variable name="separator" select="t:citation-separator($previous, .)"/>
            <xsl:value-of select="if (t:follows-field(.) and not(local-name() = $t:citation-parts)) then t:trim-end($separator)
              else $separator"/>
          </xsl:if>
          <xsl:variable name="drawn" as="node()*">
            <xsl:choose>
              <xsl:when test="local-name() = $t:citation-parts"><xsl:call-template name="t:cited-parts"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="." mode="#current"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:sequence select="t:without-trailing-space($drawn)"/>
          <xsl:next-iteration><xsl:with-param name="previous" select="."/></xsl:next-iteration>
        </xsl:when>
        <xsl:when test=". instance of element()">
          <xsl:apply-templates select="." mode="#current"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="#current"/>
          <xsl:next-iteration><xsl:with-param name="previous" select="()"/></xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:template>

  <!-- A dictionary's sense numbered by @n (<sense n="2">, as FreeDict and TEI Lex-0 number them) shows its
       number before it, as printed dictionaries do ("2. a sideways tilt"), unless it writes one of its own
       (<num>1.</num>, a label): its senses read otherwise as one undivided run. -->
  <xsl:function name="t:sense-number" as="xs:string?">
    <xsl:param name="sense" as="element(tei:sense)"/>
    <xsl:sequence select="normalize-space($sense/@n)[. != ''][empty($sense/(tei:num | tei:lbl))]
      ! (if (matches(., '[.):]$')) then . else . || '.')"/>
  </xsl:function>

  <!-- A dictionary's translation equivalent: a sense's cit of a translation type (FreeDict's trans, TEI Lex-0's
       translationEquivalent), not the translation of an example, which is a quotation's. Its language where
       the dictionary gives equivalents in more than one ("de", "fr"), once for a run of equivalents in one
       language ("fr aider, assister"); a comma where another equivalent follows it among its siblings. Its quotation takes no marks (t:adds-marks). -->
  <xsl:function name="t:is-equivalent" as="xs:boolean">
    <xsl:param name="cit" as="element()"/>
    <xsl:sequence select="$cit/@type = ('trans', 'translation', 'translationEquivalent') and empty($cit/parent::tei:cit)"/>
  </xsl:function>
  <xsl:variable name="t:equivalent-languages" as="xs:string*" select="distinct-values(//tei:cit[t:is-equivalent(.)]
    ! t:equivalent-code(.)[. != ''])"/>
  <xsl:function name="t:equivalent-code" as="xs:string">
    <xsl:param name="cit" as="element()"/>
    <xsl:sequence select="normalize-space(($cit/@xml:lang, $cit/tei:quote/@xml:lang)[1])"/>
  </xsl:function>
  <xsl:function name="t:equivalent-language" as="xs:string?">
    <xsl:param name="cit" as="element()"/>
    <xsl:variable name="previous" select="$cit/preceding-sibling::tei:cit[t:is-equivalent(.)][1]"/>
    <xsl:sequence select="t:equivalent-code($cit)[. != ''][count($t:equivalent-languages) gt 1]
      [empty($previous) or t:equivalent-code($previous) != .]"/>
  </xsl:function>
  <!-- Its content without the white space at its edges, which lays out the source's lines: the comma after it
       stands against its last word ("to be upset, aufgebracht sein", not "upset , aufgebracht"). -->
  <xsl:function name="t:equivalent-content" as="node()*">
    <xsl:param name="cit" as="element()"/>
    <xsl:variable name="read" select="$cit/node()[self::* or normalize-space()]"/>
    <xsl:sequence select="$cit/node()[not(. &lt;&lt; $read[1] or . &gt;&gt; $read[last()])]"/>
  </xsl:function>
  <xsl:function name="t:equivalent-separator" as="xs:string?">
    <xsl:param name="cit" as="element()"/>
    <xsl:sequence select="','[$cit/following-sibling::node()[self::* or normalize-space()][1]/self::tei:cit[t:is-equivalent(.)]]"/>
  </xsl:function>

  <!-- A grammatical value given only as an attribute (<gram type="case" value="accusative"/>) reads as it. -->
  <xsl:function name="t:grammar-value" as="xs:string?">
    <xsl:param name="grammar" as="element()"/>
    <xsl:sequence select="normalize-space($grammar[not(node())]/@value)[. != '']"/>
  </xsl:function>

  <!-- An example of encoding (egXML, in the TEI's examples namespace) is shown as the markup it is: read as
       text, its choices gave both readings glued ("gvnnhilldegvnnhilldr"). Written as the source writes it,
       without the namespace each of its elements would otherwise repeat. -->
  <xsl:function name="t:example-markup" as="xs:string">
    <xsl:param name="example" as="element()"/>
    <xsl:sequence select="replace(string-join($example/node() ! serialize(., map { 'method': 'xml' })),
      ' xmlns=&quot;http://www.tei-c.org/ns/Examples&quot;', '')"/>
  </xsl:function>

  <xsl:function name="t:is-record" as="xs:boolean">
    <xsl:param name="element" as="element()?"/>
    <xsl:sequence select="exists($element/self::tei:*[local-name() = $t:records])"/>
  </xsl:function>

  <xsl:variable name="t:field-labels" as="map(xs:string, xs:string)"
    select="map { 'birth': 'born', 'death': 'died', 'floruit': 'active',
      'msContents': 'contents', 'physDesc': 'physical description', 'summary': 'summary', 'textLang': 'language',
      'incipit': 'incipit', 'explicit': 'explicit', 'rubric': 'rubric', 'finalRubric': 'final rubric',
      'colophon': 'colophon', 'support': 'support', 'extent': 'extent', 'foliation': 'foliation',
      'collation': 'collation', 'condition': 'condition', 'layout': 'layout', 'handNote': 'hand',
      'scriptNote': 'script', 'typeNote': 'type', 'decoNote': 'decoration', 'musicNotation': 'music notation',
      'additions': 'additions', 'binding': 'binding', 'seal': 'seal', 'accMat': 'accompanying material',
      'origin': 'origin', 'provenance': 'provenance', 'acquisition': 'acquisition',
      'recordHist': 'record history', 'custodialHist': 'custodial history', 'availability': 'availability',
      'surrogates': 'surrogates' }"/>

  <!-- A field of a manuscript's description that says nothing: catalogues' templates leave many empty
       (repository, condition, a height without a number), which would read as labels alone. What an empty
       measure says in its attributes it says (t:measure-text). -->
  <xsl:function name="t:says-nothing" as="xs:boolean">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="not(normalize-space($field)) and empty($field/descendant-or-self::tei:measure[@quantity][not(node())]
        | $field//tei:graphic | $field//tei:binaryObject | $field//tei:figure)"/>
  </xsl:function>
  <!-- The fields a record shows: its children, but for those of a manuscript's description that say nothing
       (asked once per record, not once per field of a gazetteer). -->
  <xsl:function name="t:fields" as="node()*">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="if (local-name($record) = $t:manuscript-records)
      then $record/node()[not(self::*[t:says-nothing(.)])] else $record/node()"/>
  </xsl:function>

  <!-- A measure given by its attributes alone (<measure quantity="3" unit="leaf"/>): "3 leaf". -->
  <xsl:function name="t:measure-text" as="xs:string">
    <xsl:param name="measure" as="element(tei:measure)"/>
    <xsl:sequence select="normalize-space($measure/@quantity || ' ' || $measure/@unit)"/>
  </xsl:function>

  <!-- The manuscript descriptions of the document's source, shown after the text: those the header model
       numbers (teitools.metadata.Source.manuscript) that say more than the identifier the page's header
       cites. -->
  <xsl:variable name="t:source-description-heading" as="xs:string" select="'Description of the source'"/>
  <xsl:function name="t:source-descriptions" as="element(tei:msDesc)*">
    <xsl:param name="document" as="document-node()"/>
    <xsl:variable name="numbers" select="$t:header?sources?*?manuscript[. gt 0]"/>
    <xsl:sequence select="if (empty($numbers)) then () else ($document//tei:msDesc)[position() = $numbers]
      [exists((* except tei:msIdentifier)[not(t:says-nothing(.))])]"/>
  </xsl:function>

  <!-- An identifier is labelled by its register (@subtype, else @type: "wikidata", not "URL"); a description or
       a location by its type ("entity type 36", "coords 48,2 16,3"), the underscores of a code read as spaces;
       birth, death and floruit by what they say. A note says itself what it is. -->
  <xsl:function name="t:field-label" as="xs:string?">
    <xsl:param name="field" as="element()"/>
    <!-- Told apart by name: steps (self::tei:idno, a union for desc and location) were a twelfth of a
         gazetteer's page. -->
    <xsl:variable name="name" select="local-name($field)"/>
    <xsl:sequence select="
      if ($name = 'idno') then (normalize-space($field/@subtype)[. != ''], normalize-space($field/@type)[. != ''])[1]
      else if ($name = ('desc', 'location')) then normalize-space(translate($field/@type, '_', ' '))[. != '']
      else $t:field-labels($name)"/>
  </xsl:function>

  <!-- The notes that are footnotes (numbered, a marker in the text, the note in the notes section): not a
       reading's note in an apparatus, nor a record's, which are read where they stand, nor one inside a
       reading of a choice that the text does not show (a sic, an orig), whose marker no reader would see. -->
  <xsl:function name="t:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="empty($note/parent::tei:app) and not(t:is-record($note/parent::*))
      and empty($note/ancestor::*[parent::tei:choice][not(t:reading(parent::tei:choice) is .)])
      and not(t:is-note-in-place($note) or t:is-inline-note($note))"/>
  </xsl:function>

  <!-- A note that stands between blocks (in a division, an utterance or a speech), that no pointer calls, and
       whose @place puts it nowhere else (none, or inline) is read where it stands, a block of its own: a
       transcript's lines between speeches ("Abgeordneter Muster (SPÖ):", "19:28"), a footnote marker alone
       on a line for a reader. -->
  <xsl:variable name="t:holding-blocks" as="xs:string*" select="'text', 'front', 'body', 'back', 'group', 'div',
    'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'u', 'annotationBlock', 'sp', 'spGrp'"/>
  <xsl:function name="t:is-note-in-place" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(local-name($note/..) = $t:holding-blocks and (empty($note/@place) or $note/@place = 'inline')
      or t:is-header-note($note) and exists($note/*[t:is-block(.)])) and empty(t:call-of($note))"/>
  </xsl:function>

  <!-- A note in the header (a manuscript's description, read after the text), but for a record's field
       (records.xsl), is read where it stands: inline (t:is-inline-note), or, where it holds paragraphs
       (Concordia's palaeographic notes in a handNote), as blocks of its own (t:is-note-in-place). The footnotes
       are the text's: one from the header had a marker without a number and its words nowhere. -->
  <xsl:function name="t:is-header-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/ancestor::tei:teiHeader) and not(t:is-record($note/..))"/>
  </xsl:function>

  <!-- A note the source prints inline, inside a sentence (@place inline, not between blocks, called by no
       pointer), is read where it stands too, between marks and apart from the words around it (the spaces
       of t:spaces-around): "amet (Inline note) ipsum", "hvaliti. (Sir. 51,30)". As a footnote, its
       marker read "amet[5] ipsum", and the note stood far from the words it belongs to. Where no words stand
       around it (a line that is a note), it needs no marks. -->
  <xsl:function name="t:inline-note-marks" as="xs:string+">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="alone" select="empty($note/../node()[not(. is $note)][not(self::text()) or normalize-space()])"/>
    <xsl:sequence select="if ($alone) then ('', '') else ('(', ')')"/>
  </xsl:function>
  <!-- So is a note on a reading of the apparatus (IGCyr's "<rdg>ἐπιβλέπω <note>clear on the stone</note></rdg>"),
       read in its entry: "ἐπιβλέπω (clear on the stone)"; as a footnote, the plain text had no marker for it. -->
  <xsl:function name="t:is-inline-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="($note/@place = 'inline' or t:is-header-note($note) and empty($note/*[t:is-block(.)])
      or exists($note/parent::tei:rdg))
      and not(local-name($note/..) = $t:holding-blocks) and empty(t:call-of($note))"/>
  </xsl:function>

  <!-- Words set apart inside a sentence, between marks (an inline note, a stage direction inside a line, a
       pause or other event): before them, a space where a word runs up to them; after them, one where the text
       goes on at once, except before punctuation that closes against what is before it ($t:attaching-punctuation:
       "(potlesk), pána", not "(potlesk) , pána"). Where the source has white space, it is its own. Only the
       text nearest them is read (the last or first text node of the node beside them), not a whole speech. -->
  <xsl:function name="t:spaces-around" as="xs:string+">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="before" select="string(($element/preceding-sibling::node()[1]/descendant-or-self::text())[last()])"/>
    <xsl:variable name="after" select="string(($element/following-sibling::node()[1]/descendant-or-self::text())[1])"/>
    <xsl:sequence select="if ($before != '' and not(t:ends-with-space($before))) then ' ' else '',
      if ($after = '' or t:starts-with-space($after)
        or $t:attaching-punctuation(substring($after, 1, 1)) = 'left') then '' else ' '"/>
  </xsl:function>

  <!-- The brackets added around words set apart, where they have none of their own: none where they open
       with a bracket already (an event's description "(Aplausos.)", a stage direction "(стоя в дверях)", a
       gap's description), else these. t:bracketed: the words between them. -->
  <xsl:function name="t:added-brackets" as="xs:string+">
    <xsl:param name="words" as="xs:string"/>
    <xsl:param name="brackets" as="xs:string+"/>
    <xsl:sequence select="if (matches($words, '^\s*[(\[]')) then ('', '') else $brackets"/>
  </xsl:function>

  <xsl:function name="t:bracketed" as="xs:string">
    <xsl:param name="words" as="xs:string"/>
    <xsl:param name="brackets" as="xs:string+"/>
    <xsl:variable name="added" select="t:added-brackets($words, $brackets)"/>
    <xsl:sequence select="$added[1] || $words || $added[2]"/>
  </xsl:function>

  <!-- A footnote that pointers without content point to (ELTeC's <ref target="#N1"/> in the text, the note at
       the end): its marker stands where the first of them is (t:called-note), not where the note is. -->
  <xsl:function name="t:pointed-note" as="element(tei:note)?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="t:pointed-entry($pointer/@target)[self::tei:note][t:is-footnote(.)]"/>
  </xsl:function>

  <!-- The pointers without content that point to each note (whether it is a footnote is asked of the note
       itself, which asks whether a pointer calls it: t:is-note-in-place). -->
  <xsl:key name="t:calls" match="tei:text//tei:ref[not(node())] | tei:text//tei:ptr"
    use="t:pointed-entry(@target)[self::tei:note] ! generate-id()"/>

  <xsl:function name="t:call-of" as="element()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(key('t:calls', generate-id($note), root($note))[1], t:note-attachment($note))[1]"/>
  </xsl:function>

  <!-- A note whose @target is an anchor of the text is attached there (TEI's point of attachment), wherever
       it stands: CBETA lists its notes in the back, <note n="0848002" target="#nkr_note_mod_0848002">, the
       anchor in the text ("唐<anchor xml:id="nkr_note_mod_0848002"/>三藏"). Its marker stands at the anchor. -->
  <xsl:function name="t:note-attachment" as="element(tei:anchor)?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@target ! t:entry(.)[self::tei:anchor][ancestor::tei:text][root(.) is root($note)]"/>
  </xsl:function>
  <xsl:key name="t:attached" match="tei:note[@target]"
    use="tokenize(normalize-space(@target))[1][starts-with(., '#')] ! substring(., 2)"/>

  <!-- The notes whose marker stands at a pointer or an anchor (t:call-of). -->
  <xsl:function name="t:notes-called-at" as="element(tei:note)*">
    <xsl:param name="call" as="element()"/>
    <xsl:sequence select="if ($call/self::tei:anchor) then key('t:attached', $call/@xml:id, root($call))[t:call-of(.) is $call]
      else t:pointed-note($call)"/>
  </xsl:function>

  <xsl:function name="t:called-note" as="element(tei:note)?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="t:pointed-note($pointer)[t:call-of(.) is $pointer]"/>
  </xsl:function>

  <!-- Authority identifiers as links: known registers by type, or any idno that is already a URI. -->
  <xsl:variable name="t:registers" as="map(xs:string, xs:string)" select="map {
    'wikidata': 'https://www.wikidata.org/wiki/', 'viaf': 'https://viaf.org/viaf/',
    'geonames': 'https://www.geonames.org/', 'gnd': 'https://d-nb.info/gnd/'}"/>

  <xsl:function name="t:authority-uri" as="xs:string?">
    <xsl:param name="idno" as="element(tei:idno)"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <xsl:variable name="register" select="$t:registers(lower-case($idno/@type))"/>
    <xsl:sequence select="
      if (starts-with($value, 'https://') or starts-with($value, 'http://')) then $value
      else if (exists($register) and $value != '') then $register || $value else ()"/>
  </xsl:function>

  <!-- Mentions: what the indexes gather from the text. A mention is a name, a title with @ref, a
       bibliographic reference or a date, in the text and outside the authority lists (whose records are
       what mentions point to), in the reading a reader reads (not in the sic of a choice). Its kind is that
       of the record it points to, else that of its element. -->
  <xsl:variable name="t:authority-list-names" as="map(xs:string, xs:boolean)"
    select="map:merge($t:authority-lists ! map { . : true() })"/>
  <xsl:variable name="t:authority-lists" as="xs:string*"
    select="'listPerson', 'listPlace', 'listOrg', 'listBibl', 'listEvent', 'listNym', 'listRelation'"/>
  <xsl:variable name="t:record-kinds" as="map(xs:string, xs:string)" select="map {
    'person': 'person', 'personGrp': 'person', 'place': 'place', 'org': 'org',
    'bibl': 'work', 'biblStruct': 'work', 'msDesc': 'work'}"/>
  <xsl:variable name="t:mention-kinds" as="map(xs:string, xs:string)" select="map {
    'persName': 'person', 'placeName': 'place', 'geogName': 'place', 'orgName': 'org', 'title': 'work',
    'bibl': 'work', 'date': 'date', 'name': '', 'rs': ''}"/>
  <!-- What name/@type and rs/@type say a generic name is. -->
  <xsl:variable name="t:type-kinds" as="map(xs:string, xs:string)" select="map {
    'person': 'person', 'persName': 'person', 'place': 'place', 'placeName': 'place', 'org': 'org',
    'orgName': 'org', 'organisation': 'org', 'organization': 'org', 'work': 'work', 'title': 'work',
    'bibl': 'work', 'PER': 'person', 'LOC': 'place', 'ORG': 'org'}"/>

  <!-- The authority record a mention points to with @ref, if it is a record an index can hold. -->
  <xsl:function name="t:record" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="t:entry($mention/@ref)[map:contains($t:record-kinds, local-name())]"/>
  </xsl:function>

  <!-- Whether an element stands where no mention is: outside the text, or in an authority list. Asked of
       its ancestors as steps: their sequence, built first, made the anchors' map twice as slow to build. -->
  <xsl:function name="t:is-outside-mentions" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="empty($element/ancestor::tei:text)
      or exists($element/ancestor::*[map:contains($t:authority-list-names, local-name())])"/>
  </xsl:function>

  <!-- The index a mention belongs to (person, place, org, work, date), or () for what is no mention. A mention
       is a TEI element: a name in an example of encoding (egXML, in the TEI's examples namespace) is shown as
       markup, with no anchor an index could link to. -->
  <xsl:function name="t:mention-kind" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="own" select="$element/self::tei:* ! $t:mention-kinds(local-name())"/>
    <xsl:sequence select="
      if (empty($own) or t:is-outside-mentions($element)
          or exists($element/ancestor::*[parent::tei:choice][not(t:reading(..) is .)])) then ()
      else if ($element/self::tei:date) then 'date'
      else if ($element/self::tei:title[not(@ref)] or $element/self::tei:bibl[.//tei:title/@ref]) then ()
      else if ($element/self::tei:bibl[t:is-bibliography-entry(.)]) then ()
      else (t:record($element) ! $t:record-kinds(local-name()), $own[. != ''],
            $t:type-kinds(string($element/@type)))[1]"/>
  </xsl:function>

  <!-- The id of the index entry a mention leads to: its record's id, a date's key, else "unidentified". -->
  <xsl:function name="t:entry-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="((if ($mention/self::tei:date) then t:date-key($mention) else t:record($mention) ! t:anchor(.)),
      'unidentified')[1]"/>
  </xsl:function>

  <!-- Dates in the chronology: the ISO 8601 values a date carries, by attribute, in this order; a year before
       the common era is negative (-0044-03-15, as TEI's W3C dates write it). -->
  <xsl:variable name="t:date-attributes" as="xs:string*" select="'when', 'from', 'notBefore', 'to', 'notAfter'"/>

  <xsl:function name="t:iso-values" as="map(xs:string, xs:string)">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="map:merge($date/@*[local-name() = $t:date-attributes]
      [matches(normalize-space(.), '^-?\d{4}(-\d{2}(-\d{2})?)?$')] ! map { local-name(): normalize-space(.) })"/>
  </xsl:function>

  <!-- A date's entry in the chronology, readable and usable as an HTML id: "1923-12-05",
       "from-1923-to-1925", "notBefore-1923-09-notAfter-1923-11-cert-medium"; () without an ISO value. -->
  <xsl:function name="t:date-key" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="values" select="t:iso-values($date)"/>
    <xsl:variable name="parts" select="if (map:contains($values, 'when')) then $values?when
      else $t:date-attributes[map:contains($values, .)] ! (. || '-' || $values(.))"/>
    <xsl:sequence select="if (empty($parts)) then ()
      else string-join(($parts, normalize-space($date/@cert)[. != ''] ! ('cert-' || .)), '-')"/>
  </xsl:function>

  <!-- The same, for readers: "1923-12-05", "from 1923 to 1925", "not before 1923-09, not after 1923-11
       (certainty: medium)". The comma of "not after" goes where it follows "not before". -->
  <xsl:variable name="t:date-words" as="map(xs:string, xs:string)" select="map {
    'from': 'from', 'to': ' to', 'notBefore': 'not before', 'notAfter': ', not after'}"/>

  <!-- A date that says nothing but its value (the Digital Mitford heads a diary's entry with <date
       when="1819-01-01"/> alone) shows that value, between square brackets as words the editors supply are:
       read as nothing, the entry's heading was empty and the contents passed the entry over. -->
  <xsl:function name="t:unwritten-date" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="if (exists($date/node()) or map:size(t:iso-values($date)) = 0) then ()
      else t:bracketed(t:date-label($date), ('[', ']'))"/>
  </xsl:function>
  <xsl:template match="tei:date[not(node())]" mode="text t:reading-text">
    <xsl:value-of select="t:unwritten-date(.)"/>
  </xsl:template>

  <xsl:function name="t:date-label" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="values" select="t:iso-values($date)"/>
    <xsl:variable name="range" select="if (map:contains($values, 'when')) then $values?when
      else replace(normalize-space(string-join($t:date-attributes[map:contains($values, .)] ! ($t:date-words(.) || ' ' || $values(.)))), '^, ', '')"/>
    <xsl:sequence select="$range || normalize-space($date/@cert)[. != ''] ! (' (certainty: ' || . || ')')"/>
  </xsl:function>

  <!-- Where a mention stands, in words: the page, then the paragraph, note or part of a letter. -->
  <xsl:variable name="t:part-labels" as="map(xs:string, xs:string)" select="map {
    'head': 'heading', 'salute': 'salutation', 'signed': 'signature', 'dateline': 'dateline',
    'byline': 'byline', 'opener': 'opening', 'closer': 'closing', 'postscript': 'postscript',
    'docAuthor': 'title page', 'docTitle': 'title page', 'titlePart': 'title page', 'docDate': 'title page',
    'docImprint': 'title page', 'titlePage': 'title page', 'trailer': 'trailer', 'epigraph': 'epigraph',
    'argument': 'argument', 'l': 'verse', 'lg': 'verse', 'sp': 'speech', 'speaker': 'speaker',
    'item': 'list item', 'list': 'list', 'table': 'table', 'row': 'table', 'figure': 'figure',
    'figDesc': 'figure', 'ab': 'text block', 'lem': 'apparatus', 'entry': 'entry', 'sense': 'entry',
    'addrLine': 'address', 'cell': 'table'}"/>

  <!-- The part of the text a mention is read in: its note, else its nearest block, or a line of an address
       or a table cell (which are no blocks but read apart from their neighbours). -->
  <xsl:function name="t:context-block" as="element()">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="($mention/ancestor::tei:note[1], $mention/ancestor::*[self::tei:addrLine or self::tei:cell][1],
      t:block-of($mention))[1]"/>
  </xsl:function>

  <xsl:function name="t:place-label" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="note" select="$mention/ancestor::tei:note[1]"/>
    <xsl:variable name="block" select="t:context-block($mention)"/>
    <xsl:variable name="part" select="
      if ($note) then 'note ' || t:note-number($note)
      else if ($block/self::tei:p) then '¶ ' || $block/accumulator-before('t:paragraphs')
      else ($t:part-labels(local-name($block)), 'text')[1]"/>
    <xsl:sequence select="string-join((t:page-label($mention) ! ('p. ' || .), $part), ', ')"/>
  </xsl:function>

  <!-- Keyword in context: the reading text of the mention's block before and after it, a few words. -->
  <xsl:variable name="t:context-words" as="xs:integer" select="6"/>
  <!-- Only the nodes nearest the mention are read: a few words need few nodes, whatever the block. The nearest
       few give enough words in running text; where they give too few (dense markup, the edge of the block),
       more are read. What more nodes add lies beyond the words kept, so the context is the same either way. -->
  <xsl:variable name="t:context-nodes" as="xs:integer+" select="12, 40"/>

  <xsl:function name="t:context" as="xs:string+">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="t:context($mention, t:context-block($mention))"/>
  </xsl:function>

  <!-- A block that holds nothing but the mention (a signature, a byline, an address line) gives no context:
       the element around it is read instead, up to the text. -->
  <xsl:function name="t:context" as="xs:string+">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="before-text" select="t:text-before($mention, $block, $t:context-nodes[1])"/>
    <xsl:variable name="after-text" select="t:text-after($mention, $block, $t:context-nodes[1])"/>
    <xsl:variable name="before" select="tokenize(normalize-space($before-text))"/>
    <xsl:variable name="after" select="tokenize(normalize-space($after-text))"/>
    <xsl:variable name="outer" select="$block[not(self::tei:text)]/parent::*"/>
    <!-- The space between the mention and its context is kept as the text has it ("“Opposition”"). -->
    <xsl:sequence select="if (not(matches(string-join(($before, $after)), '\w')) and exists($outer))
      then t:context($mention, $outer) else (
      string-join(('…'[count($before) gt $t:context-words], subsequence($before, count($before) - $t:context-words + 1)), ' ')
        || ' '[exists($before) and t:ends-with-space($before-text)],
      ' '[exists($after) and t:starts-with-space($after-text)]
        || string-join((subsequence($after, 1, $t:context-words), '…'[count($after) gt $t:context-words]), ' '))"/>
  </xsl:function>

  <!-- The block's text before and after the mention, read from the nodes nearest it: they are taken from the
       axis outward (which stops after $count), then kept if inside the block, so that the block's own text is
       never scanned whole, once per mention. Text reads as itself, a mark between words as what
       t:between-words gives (the page's line break, a date a pointer stands for). The elements around the
       mention that begin in that text or right after it (its line of an address, a letterhead's line) stand
       where they begin. Where the nearest nodes are too few, more are read (t:is-wide-enough). -->
  <xsl:function name="t:text-before" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="block" as="element()"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:variable name="preceding" select="($mention/preceding::node()[t:is-context-node(.)][position() le $count])[. >> $block]"/>
    <xsl:variable name="opening" select="$mention/ancestor-or-self::*[. >> $block][empty($preceding) or . >> $preceding[1]]"/>
    <xsl:variable name="text" select="string-join(($preceding[t:is-read(., $block)] | $opening) ! t:context-text(.))"/>
    <xsl:sequence select="if (t:is-wide-enough($text, $preceding, $count)) then $text
      else t:text-before($mention, $block, $t:context-nodes[last()])"/>
  </xsl:function>

  <xsl:function name="t:text-after" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="block" as="element()"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:variable name="following" select="($mention/following::node()[t:is-context-node(.)][position() le $count])[ancestor::* intersect $block]"/>
    <xsl:variable name="text" select="string-join($following[t:is-read(., $block)] ! t:context-text(.))"/>
    <xsl:sequence select="if (t:is-wide-enough($text, $following, $count)) then $text
      else t:text-after($mention, $block, $t:context-nodes[last()])"/>
  </xsl:function>

  <!-- Whether the text read from the nodes of a window is the context: it has more words than are kept, one
       of them with a letter or digit (what more nodes would add lies beyond them, and t:context need not look
       further out for words), or the window holds all the block has on that side, or it is the widest. -->
  <xsl:function name="t:is-wide-enough" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="inside" as="node()*"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:sequence select="$count ge $t:context-nodes[last()] or count($inside) lt $count
      or (count(tokenize($text)) gt $t:context-words and matches($text, '\w'))"/>
  </xsl:function>

  <xsl:function name="t:is-context-node" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <!-- Whether a node reads as text or may read as a mark between words (t:between-words): asked of every
         node near every mention, and of every element of a reading text, so a test by name first. -->
    <xsl:sequence select="$node instance of text() or ($node instance of element()
      and (map:contains($t:between-words-names, local-name($node)) or t:is-block($node)))"/>
  </xsl:function>

  <xsl:function name="t:context-text" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node instance of text()) then (if ($t:reflows) then t:flow($node) else string($node))
      else string(t:between-words($node))"/>
  </xsl:function>

  <!-- Whether a node of a block is read with it: not inside a note of its own, another reading (a MENOTA
       level the word is not read in: t:is-level-read) or an annotation ($t:annotations), nor deleted by a
       delSpan (t:spans-of), nor the white space that lays out a word's levels. -->
  <xsl:function name="t:is-read" as="xs:boolean">
    <xsl:param name="text" as="node()"/>
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="(every $a in $text/ancestor::*[. >> $block] satisfies
      not($a/self::tei:note or $a/parent::tei:choice[not(t:reading(.) is $a)]
        or $t:has-levels and $a/(self::me:facs | self::me:dipl | self::me:norm)[not(t:is-level-read(.))]
        or t:is-annotation($a)))
      and not($t:has-spans and t:spans-of($text) = 'delSpan')
      and not($t:has-levels and $text/self::text()[not(normalize-space())]/parent::*[me:facs | me:dipl | me:norm])"/>
  </xsl:function>

  <!-- Whether the document transformed has breaks inside words or lines that run on without a space
       (t:is-spaceless-break), and tokens that may be joined to their neighbours (@join, or punctuation:
       t:joins): then its white space reflows (t:flow, and the template for white space between tokens).
       Computed once per transformation. -->
  <xsl:variable name="t:breaks-words" as="xs:boolean"
    select="exists((//tei:lb | //tei:pb | //tei:cb)[t:breaks-word(.)]) or $t:has-unspaced-lines"/>
  <!-- Whether a page or column break splits a word: the plain text then moves its marker after the word. -->
  <xsl:variable name="t:breaks-pages-in-words" as="xs:boolean" select="exists((//tei:pb | //tei:cb)[t:breaks-word(.)])"/>
  <xsl:variable name="t:joins-tokens" as="xs:boolean" select="exists(//tei:pc) or exists((//tei:w)[@join])"/>
  <xsl:variable name="t:reflows" as="xs:boolean" select="$t:breaks-words or $t:joins-tokens"/>

  <!-- A line or column break before anything of its block is read (its words, a gap, a glyph, the label of
       a page or column break: EpiDoc's <ab><lb n="1"/>…, a speech's <p><lb n="1"/>Who is there?</p>) opens
       the block's first line: no new line before it, in either look (an empty first line otherwise). Only the
       nearest such node before it is looked for. -->
  <xsl:function name="t:opens-block" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="read" select="$break/preceding::node()[self::text()[normalize-space()]
      or self::tei:gap or self::tei:g or self::tei:pb or self::tei:cb or self::tei:milestone[exists(t:milestone-label(.))]][1]"/>
    <xsl:sequence select="empty($read) or not($read >> t:block-of($break))"/>
  </xsl:function>

  <!-- A line break inside a word (TEI @break="no", or the older type="hyphenInWord") adds no space. -->
  <xsl:function name="t:breaks-word" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="$break/@break = 'no' or $break/@type = 'hyphenInWord'"/>
  </xsl:function>

  <!-- Chinese, Japanese and Tibetan are written without spaces between words: a line break between two
       of their characters is no space either ("育民者法⏎<lb/>其法也" reads "育民者法其法也"), though the
       page keeps the line; nor is a page or column break where words are read without its label (an index's
       form, an apparatus's lemma). Their characters: CJK ideographs, radicals, strokes and punctuation, kana,
       bopomofo, full-width forms; Tibetan but its shad (།, followed by a space) (a Tibetan line ends after
       the tsheg that ends a syllable). Korean writes spaces between words: not Hangul, nor the ideographic
       space (U+3000). -->
  <xsl:variable name="t:unspaced-letters" as="xs:string" select="'&#x2E80;-&#x2FFF;&#x3040;-&#x30FF;'
    || '&#x3100;-&#x312F;&#x3190;-&#x31FF;&#x3200;-&#x9FFF;&#xF900;-&#xFAFF;&#x20000;-&#x3FFFF;&#x0F00;-&#x0F0C;'
    || '&#x0F13;-&#x0FFF;'"/>
  <xsl:variable name="t:unspaced-character" as="xs:string"
    select="'[' || $t:unspaced-letters || '&#x3001;-&#x303F;&#xFE30;-&#xFE4F;&#xFF01;-&#xFF60;&#xFFE0;-&#xFFE6;]'"/>
  <!-- Their punctuation alone does not make a text one of them: EEBO-TCP marks illegible letters of English
       〈◊〉 with CJK angle brackets. At least one side of the break is a letter (an ideograph, kana…). -->
  <xsl:variable name="t:unspaced-letter" as="xs:string" select="'[' || $t:unspaced-letters || ']'"/>
  <!-- Whether the document has such lines: only then is every line break asked for the characters beside
       it. It has where it declares one of these languages (its header's, as the model reads them, its root's
       or its text's xml:lang: CBETA), or where one of its first fifty breaks stands between such characters
       (TEI-EAJ's Japanese, which declares none). A search of the whole text for such a character, once per transformation, made a
       novel's pages half as slow again. -->
  <xsl:variable name="t:unspaced-languages" as="xs:string"
    select="'^(zh|ja|bo|dz|lzh|ltc|och|cmn|yue|zho|chi|jpn|bod|tib|dzo)([-_].*)?$'"/>
  <xsl:variable name="t:has-unspaced-script" as="xs:boolean" select="exists(//(tei:lb | tei:pb | tei:cb))
    and ((some $code in ($t:header?languages?*, /*/@xml:lang, /*/tei:text/@xml:lang)
      satisfies matches(normalize-space($code), $t:unspaced-languages, 'i'))
    or (some $break in (//(tei:lb | tei:pb | tei:cb))[position() le 50] satisfies t:joins-unspaced($break)))"/>
  <!-- Which line breaks those are, asked once per break (a break is asked again by the text on each side of
       it, and by each look): their generated ids. -->
  <xsl:variable name="t:unspaced-breaks" as="map(xs:string, xs:boolean)"
    select="if ($t:has-unspaced-script) then map:merge(//(tei:lb | tei:pb | tei:cb)[t:joins-unspaced(.)] ! map { generate-id(.): true() })
      else map {}"/>
  <xsl:variable name="t:has-unspaced-lines" as="xs:boolean" select="map:size($t:unspaced-breaks) gt 0"/>
  <xsl:function name="t:is-unspaced-break" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="$t:has-unspaced-lines and map:contains($t:unspaced-breaks, generate-id($break))"/>
  </xsl:function>
  <xsl:function name="t:joins-unspaced" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="sides" select="t:trim-end(string($break/preceding::text()[normalize-space()][1]))
      ! substring(., string-length(.)), substring(normalize-space($break/following::text()[normalize-space()][1]), 1, 1)"/>
    <xsl:sequence select="(every $side in $sides satisfies matches($side, '^' || $t:unspaced-character || '$'))
      and (some $side in $sides satisfies matches($side, $t:unspaced-letter))"/>
  </xsl:function>
  <!-- A break that reads as no space: inside a word, or between lines of a script without spaces. -->
  <xsl:function name="t:is-spaceless-break" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="t:breaks-word($break) or t:is-unspaced-break($break)"/>
  </xsl:function>

  <!-- White space runs collapsed to one space, edges kept: replace(., '\s+', ' ') without a regular
       expression, which Saxon makes ten times slower on large texts. -->
  <xsl:function name="t:collapse-space" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="inner" select="normalize-space($text)"/>
    <xsl:sequence select="if ($inner = '') then (if ($text = '') then '' else ' ')
      else (' '[t:starts-with-space($text)]) || $inner || (' '[t:ends-with-space($text)])"/>
  </xsl:function>

  <!-- Whether a string begins or ends with white space (the characters normalize-space removes, which \s
       matches), from that one character: Saxon runs a regular expression anchored at the end ('\s$',
       '\s+$') through the whole string, 180 µs for 1,000 characters against 0.4 µs. -->
  <xsl:function name="t:starts-with-space" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$text != '' and normalize-space(substring($text, 1, 1)) = ''"/>
  </xsl:function>

  <xsl:function name="t:ends-with-space" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$text != '' and normalize-space(substring($text, string-length($text))) = ''"/>
  </xsl:function>

  <!-- A string without the white space at its end, a character at a time (a line end and an indent: a few). -->
  <xsl:function name="t:trim-end" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (t:ends-with-space($text)) then t:trim-end(substring($text, 1, string-length($text) - 1))
      else $text"/>
  </xsl:function>

  <!-- A text node as it flows in the output: white space runs become one space, and the white space next to
       a break inside a word, or on the side where a token is joined (which only lays out the source's lines),
       disappears. Such a break or token is the node right before or right after the text node: two steps along
       the sibling axes, nothing to look up. -->
  <xsl:function name="t:flow" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="flowing" select="t:collapse-space(string($text))"/>
    <!-- The preceding sibling is looked at only where there is a space to remove: in Saxon's tree that axis
         walks from the parent's first child. -->
    <xsl:variable name="flowing" select="if (starts-with($flowing, ' ') and t:is-joined(t:beside($text, false()), 'right'))
      then substring($flowing, 2) else $flowing"/>
    <xsl:sequence select="if (ends-with($flowing, ' ') and t:is-joined(t:beside($text, true()), 'left'))
      then substring($flowing, 1, string-length($flowing) - 1) else $flowing"/>
  </xsl:function>

  <!-- The node right after ($after) or right before a node: its sibling, or, at the edge of a phrase, what is
       beside the phrase in its block, past the white space that lays out the source's lines. The white space
       at the end of a phrase answers to the token after it (MENOTA's "<name><w>Serklandi</w>⏎</name>⏎<pc>.</pc>"
       read "Serklandi ."; Folger's <foreign>…<w>pallabris</w>⏎</foreign>⏎<pc>,</pc>; TEI Lex-0's
       <form><orth>abeceda</orth>⏎</form><pc>,</pc>). -->
  <xsl:function name="t:beside" as="node()?">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="after" as="xs:boolean"/>
    <xsl:sequence select="(if ($after) then $node/following-sibling::node()[1] else $node/preceding-sibling::node()[1],
      $node/parent::*[not(t:is-block(.))] ! t:beside-phrase(., $after))[1]"/>
  </xsl:function>
  <xsl:function name="t:beside-phrase" as="node()?">
    <xsl:param name="phrase" as="element()"/>
    <xsl:param name="after" as="xs:boolean"/>
    <xsl:variable name="next" select="if ($after) then $phrase/following-sibling::node()[not(self::text()[not(normalize-space())])][1]
      else $phrase/preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:sequence select="if (exists($next)) then $next
      else $phrase/parent::*[not(t:is-block(.))] ! t:beside-phrase(., $after)"/>
  </xsl:function>

  <!-- Whether a node takes no white space on that side of it ('right': after it): a break inside a word, or a
       token joined on that side (at the edge of the node: a name ends with its last word). -->
  <xsl:function name="t:is-joined" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:sequence select="t:is-word-break($node)
      or ($t:joins-tokens and t:joins(t:edge-token($node, $side = 'left'), $side))"/>
  </xsl:function>

  <!-- Linguistic tokens (w, pc). A token's @join says on which side it has no white space (TEI
       att.linguistic: left, right, both; overlap is read as both, no as neither); a word's @part I or M goes
       on in the next word, M or F goes on from the last one. -->
  <xsl:function name="t:joins" as="xs:boolean">
    <xsl:param name="token" as="element()?"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:sequence select="$token/@join = ($side, 'both', 'overlap')
      or $token/self::tei:w/@part = (if ($side = 'right') then ('I', 'M') else ('M', 'F'))
      or $token/self::tei:pc[empty(@join)] ! $t:attaching-punctuation(t:token-text(.)) = $side"/>
  </xsl:function>

  <!-- What a token reads: its text, or the form of its MENOTA levels the reading text reads (t:reading: "."
       of <me:facs>.</me:facs><me:dipl>.</me:dipl><me:norm>.</me:norm>, not ". . ."). -->
  <xsl:function name="t:token-text" as="xs:string">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="levels" select="($token, $token/tei:choice)[me:facs | me:dipl | me:norm][1]"/>
    <xsl:sequence select="normalize-space(if (exists($levels)) then t:reading($levels) else $token)"/>
  </xsl:function>

  <!-- Punctuation that says nothing of its sides (a pc without @join, as a tokenised novel writes a token a
       line): what closes goes against the word before it (left), what opens against the word after it (right).
       Which quotation mark opens and which closes is the document language's ($t:marks-by-language): German's
       “ closes, English's opens. A mark that does both there (Swedish ”) stands apart, and so does French's
       high punctuation and guillemets: only the rest attaches there. -->
  <xsl:variable name="t:document-marks" as="xs:string+" select="t:marks-of($t:document-language)"/>
  <xsl:variable name="t:attaching-punctuation" as="map(xs:string, xs:string)" select="
    let $marks := ($t:document-marks, $t:german-guillemets),
        $opening := $marks[position() = (1, 3, 5, 7)], $closing := $marks[position() = (2, 4, 6, 8)]
    return map:merge((
      ('.', ',', ')', ']', '}', '…', if ($t:french) then () else (';', ':', '!', '?', $closing[not(. = $opening)]))
        ! map { . : 'left' },
      ('(', '[', '{', '¿', '¡', if ($t:french) then () else $opening[not(. = $closing)]) ! map { . : 'right' }),
      map { 'duplicates': 'use-first' })"/>
  <xsl:variable name="t:french" as="xs:boolean" select="tokenize($t:document-language, '-')[1] = 'fr'"/>
  <!-- German sets quotations in guillemets too, against the words, pointing inwards (»…«, ›…‹: ELTeC's German
       novels); Swiss German points them outwards («…», ‹…›). Opening, closing, inner opening, inner closing. -->
  <xsl:variable name="t:german-guillemets" as="xs:string*" select="
    let $subtags := tokenize(lower-case($t:document-language), '-')
    return if ($subtags[1] != 'de') then () else if ($subtags[2] = ('ch', 'li')) then ('«', '»', '‹', '›')
      else ('»', '«', '›', '‹')"/>
  <!-- The punctuation that stands apart from the words on both sides: French's high punctuation and guillemets,
       German's dash (Gedankenstrich: "aber – Sie"). -->
  <xsl:variable name="t:apart-punctuation" as="xs:string*"
    select="(';', ':', '!', '?', '«', '»')[$t:french], '–'[exists($t:german-guillemets)]"/>

  <!-- The token a node begins ($first) or ends with: itself, or that of its first or last child. -->
  <xsl:function name="t:edge-token" as="element()?">
    <xsl:param name="node" as="node()?"/>
    <xsl:param name="first" as="xs:boolean"/>
    <xsl:sequence select="if ($node/(self::tei:w | self::tei:pc)) then $node
      else if ($node instance of element()) then t:edge-token(if ($first) then $node/node()[1] else $node/node()[last()], $first)
      else ()"/>
  </xsl:function>

  <!-- The token right before a node, with nothing between (<w>Eva</w><w>Maier</w>, or across the edges of a
       name): that at the end of the node before it, or, for a first child, right before its parent. -->
  <xsl:function name="t:token-before" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="before" select="$node/preceding-sibling::node()[1]"/>
    <xsl:sequence select="if (exists($before)) then t:edge-token($before, false())
      else if ($node/parent::*) then t:token-before($node/..) else ()"/>
  </xsl:function>

  <!-- A token glued to the token before stands apart (a space) where both are words, or either says it is not
       joined (@join="no"), or the one before closes (joins the word before it: "Zimmer.|Sie", "ab,|nein") or
       this one opens ("Bett|(der"), or either is punctuation the language sets apart (French "dit|:|«|non"),
       unless either joins the other (t:joins). A token inside a token is a part of it. -->
  <xsl:function name="t:is-glued-token" as="xs:boolean">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="previous" select="t:token-before($token)"/>
    <xsl:sequence select="exists($previous)
      and ($previous/self::tei:w and $token/self::tei:w or ($previous, $token)/@join = 'no'
        or t:joins($previous, 'left') or t:joins($token, 'right')
        or ($previous, $token)/self::tei:pc[empty(@join)] ! normalize-space() = $t:apart-punctuation)
      and not(t:joins($previous, 'right') or t:joins($token, 'left'))
      and empty($token/ancestor::*[self::tei:w or self::tei:pc])"/>
  </xsl:function>

  <xsl:function name="t:is-word-break" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::tei:lb or self::tei:pb or self::tei:cb][t:is-spaceless-break(.)])"/>
  </xsl:function>

  <!-- Ruby (TEI ruby, rb, rt): a gloss set beside its base text, above it where the page can (HTML ruby), in
       these marks where it cannot (a browser without ruby, the plain text): 東京(とうきょう). -->
  <xsl:variable name="t:ruby-marks" as="xs:string+" select="'(', ')'"/>

  <!-- The reading text of a choice: the corrected, regularised or expanded reading, else the normalised or
       diplomatic form of a word transcribed on MENOTA's levels (t:is-level-read), else the first. -->
  <xsl:function name="t:reading" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/(tei:corr, tei:reg, tei:expan), $choice/me:norm[node()], $choice/me:dipl[node()],
      $choice/*)[1]"/>
  </xsl:function>

  <!-- MENOTA (the Medieval Nordic Text Archive) transcribes a word on up to three levels, its facsimile,
       diplomatic and normalised forms (me:facs, me:dipl, me:norm), in a choice or right in the word (w, pc):
       forms of one word, as a choice's readings are, of which the reading text reads one (t:reading). Read
       all, every word stood three times ("Darius" read "Drı Drı(uſ) Darius"). In a choice, the choice's rule
       reads its reading; in a word, each level asks whether it is the word's. -->
  <!-- Whether the document has such levels: computed once per transformation, so that the other documents'
       index contexts do not look for them around each word (t:is-read: a parent's children, per white space). -->
  <xsl:variable name="t:has-levels" as="xs:boolean" select="exists(//(me:facs | me:dipl | me:norm))"/>
  <xsl:function name="t:is-level-read" as="xs:boolean">
    <xsl:param name="level" as="element()"/>
    <xsl:sequence select="t:reading($level/..) is $level"/>
  </xsl:function>
  <xsl:template match="me:facs | me:dipl | me:norm" mode="text t:reading-text">
    <xsl:if test="t:is-level-read(.)"><xsl:apply-templates mode="#current"/></xsl:if>
  </xsl:template>

  <!-- What an element reads as between the words around it, in a line of reading text (a form or a context in
       the indexes, a reading in the apparatus), where the page draws it: a line, page or column break a
       space (none inside a word: t:breaks-word), a space or a caesura a space, a token glued to the token
       before a space (t:is-glued-token), a pointer without content what it points to (a date, a figure:
       t:pointer-label; nothing where it calls a note), and the start of a block, a
       table cell, a line of a letterhead or an element the page sets apart from the one before it
       (t:apart-when-glued) a space ("Herrn | Dr. Arthur Schnitzler"). () for any other node. -->
  <xsl:variable name="t:between-words-names" as="map(xs:string, xs:boolean)"
    select="map:merge(('lb', 'pb', 'cb', 'space', 'caesura', 'ref', 'ptr', 'w', 'pc', map:keys($t:apart-when-glued))
      ! map { . : true() })"/>
  <xsl:function name="t:between-words" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="
      if (not($node instance of element())) then ()
      else if ($node/(self::tei:lb | self::tei:pb | self::tei:cb)) then (if (t:is-spaceless-break($node)) then '' else ' ')
      else if ($node/(self::tei:space | self::tei:caesura)) then ' '
      else if ($node/(self::tei:w | self::tei:pc)) then ' '[t:is-glued-token($node)]
      else if ($node/(self::tei:ref[not(node())] | self::tei:ptr)) then
        (if (exists(t:called-note($node))) then '' else t:pointer-label($node))
      else if (t:is-block($node) or $node/self::tei:cell) then ' '
      else if ($node/self::tei:seg and t:is-line-segment($node)) then ' '
      else if (map:contains($t:apart-when-glued, local-name($node)) and t:glued($node)) then ' '
      else ()"/>
  </xsl:function>

  <!-- The text of a node as a reader sees it: in each choice only the reading (for forms in the index), marks
       between words as t:between-words reads them; a block or a table cell is apart from what follows it too. -->
  <xsl:mode name="t:reading-text" on-no-match="text-only-copy"/>
  <xsl:template match="*[t:is-context-node(.)]" mode="t:reading-text">
    <xsl:variable name="between" select="t:between-words(.)"/>
    <xsl:value-of select="$between"/>
    <xsl:apply-templates mode="t:reading-text"/>
    <xsl:value-of select="$between[t:is-block(current()) or current()/self::tei:cell]"/>
  </xsl:template>
  <xsl:template match="text()[$t:reflows]" mode="t:reading-text">
    <xsl:value-of select="t:flow(.)"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="t:reading-text">
    <xsl:apply-templates select="t:reading(.)" mode="t:reading-text"/>
  </xsl:template>
  <!-- Two fields side by side read apart, as on the page ("Hofer Norbert Ing.", not "HoferNorbertIng."). -->
  <xsl:template _match="{$t:field-pattern}" mode="t:reading-text" priority="10">
    <xsl:value-of select="t:field-separator(.)"/>
    <xsl:next-match/>
  </xsl:template>
  <xsl:template match="tei:note | tei:fw" mode="t:reading-text"/>
  <!-- A reading's note is read in its entry (t:is-inline-note), between its marks. -->
  <xsl:template match="tei:rdg/tei:note[t:is-inline-note(.)]" mode="t:reading-text" priority="1">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:value-of select="(' ' || string-join(t:inline-note-marks(.), normalize-space(.)) || ' ')[$apparatus]"/>
  </xsl:template>
  <!-- A deletion is no part of the reading text, except in a reading of the apparatus (t:apparatus-reading),
       which it may be all of: there it reads as erased, ⟦ϑβā⟧, not as nothing. A gap reads as its sign. A
       deletion the source cancelled (t:is-restored) is text again. -->
  <xsl:template match="tei:del[t:is-restored(.)]" mode="t:reading-text" priority="1">
    <xsl:apply-templates mode="t:reading-text"/>
  </xsl:template>
  <xsl:template match="tei:del" mode="t:reading-text">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$apparatus">
      <xsl:text>⟦</xsl:text><xsl:apply-templates mode="t:reading-text"/><xsl:text>⟧</xsl:text>
    </xsl:if>
  </xsl:template>
  <!-- A deletion or an addition marked by its end points (delSpan, addSpan: from the element up to the one
       its @spanTo points to, TEI 11.3.1.4) holds the text between them in document order, as a del or an add
       holds its content. The spans open at each node are carried by an accumulator (the span's end's id to
       its kind); documents without such spans never compute it. -->
  <xsl:variable name="t:has-spans" as="xs:boolean" select="exists(//tei:delSpan[@spanTo] | //tei:addSpan[@spanTo])"/>
  <xsl:accumulator name="t:open-spans" as="map(xs:string, xs:string)" initial-value="map {}">
    <!-- A span with an id of its own opens (the rule below): one rule each, or Saxon warns of an ambiguous match
         on every page of the Shelley-Godwin Archive that has one. -->
    <xsl:accumulator-rule match="*[@xml:id][not((self::tei:delSpan | self::tei:addSpan)/@spanTo)]"
      select="map:remove($value, string(@xml:id))"/>
    <xsl:accumulator-rule match="tei:delSpan[@spanTo] | tei:addSpan[@spanTo]"
      select="map:put($value, replace(normalize-space(@spanTo), '^#', ''), local-name())"/>
  </xsl:accumulator>

  <!-- Whether the text nodes of the document need a rule of their own in each look: where words are broken
       across breaks (t:flow) or spans delete or add text. Elsewhere text is copied as it is, and no rule is
       tried on each text node (one rule per look tests this once per node). -->
  <xsl:variable name="t:text-rules" as="xs:boolean" select="$t:breaks-words or $t:has-spans"/>

  <!-- The kinds of the spans a text node stands in ('delSpan', 'addSpan'). -->
  <xsl:function name="t:spans-of" as="xs:string*">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="open" select="$node/accumulator-before('t:open-spans')"/>
    <xsl:sequence select="distinct-values(map:keys($open) ! $open(.))"/>
  </xsl:function>
  <xsl:template match="text()[$t:has-spans][t:spans-of(.) = 'delSpan']" mode="t:reading-text" priority="5">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$apparatus"><xsl:next-match/></xsl:if>
  </xsl:template>

  <!-- A deletion inside a restoration (restore: "the deletion was cancelled", stet): its words are read. -->
  <xsl:function name="t:is-restored" as="xs:boolean">
    <xsl:param name="del" as="element(tei:del)"/>
    <xsl:sequence select="exists($del/ancestor::*[self::tei:restore or self::tei:del][1]/self::tei:restore)"/>
  </xsl:function>
  <xsl:template match="tei:gap" mode="t:reading-text">
    <xsl:value-of select="t:gap-sign(.)"/>
  </xsl:template>
  <!-- An entry nested in a reading reads as its lemma; in an apparatus entry, with its own marker after it,
       if it is listed (t:is-listed): "beta gamma[a1]". -->
  <xsl:template match="tei:app" mode="t:reading-text">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="t:lemma(.) ! t:copied(.)" mode="t:reading-text"/>
    <xsl:value-of select="t:app-call(.)[$apparatus][t:is-listed(current())]"/>
  </xsl:template>

  <xsl:function name="t:reading-text" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="text" as="xs:string*"><xsl:apply-templates select="$node" mode="t:reading-text"/></xsl:variable>
    <xsl:sequence select="normalize-space(string-join($text))"/>
  </xsl:function>

  <!-- What stands in a reading of the apparatus where it has no words: where the text of a fragmentary
       witness begins or ends, where a lacuna in it begins or ends (witStart, witEnd, lacunaStart, lacunaEnd,
       TEI 12.1.5: marks of the witness, not readings), a blank, a passage read with doubt or damaged that
       holds no letters, a figure. None is an omission (t:omits): each reads as a label between square
       brackets ("[witness begins]"; the Guidelines give these marks no printed form), a blank in an edition
       as its Leiden form (t:vacat), an unclear passage as a transcription signs it (t:unread-sign: its reason,
       "[illegible]"). A gap reads as its sign (t:gap-sign). A blank of no extent (CBETA's
       <rdg><space quantity="0"/></rdg>, 〔－〕 in its notes: the witness lacks the words) marks nothing: the
       reading omits. -->
  <xsl:variable name="t:reading-mark-labels" as="map(xs:string, xs:string)" select="map {
    'witStart': 'witness begins', 'witEnd': 'witness ends', 'lacunaStart': 'lacuna begins',
    'lacunaEnd': 'lacuna ends', 'space': 'space', 'unclear': 'unclear', 'damage': 'damaged', 'figure': 'figure' }"/>
  <xsl:function name="t:reading-mark" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
      if (not($element/self::tei:*) or normalize-space($element)) then ()
      else if ($element/self::tei:space[number(@quantity) = 0]) then ()
      else if ($element/self::tei:space and t:is-edition($element)) then t:vacat($element)
      else ($element/self::tei:unclear ! t:unread-sign(.),
        $t:reading-mark-labels(local-name($element)) ! ('[' || . || ']'))[1]"/>
  </xsl:function>
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd | tei:space | tei:unclear
    | tei:damage | tei:figure" mode="t:reading-text" priority="2">
    <xsl:param name="apparatus" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="mark" select="t:reading-mark(.)[$apparatus]"/>
    <xsl:choose>
      <xsl:when test="exists($mark)"><xsl:value-of select="' ' || $mark || ' '"/></xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whether a reading omits the text (is printed "om."): it has no words, no gap, glyph or mark that stands
       for text or for a witness's state (t:reading-mark). Both looks ask this of each reading. -->
  <xsl:function name="t:omits" as="xs:boolean">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="content" select="t:copied($reading)"/>
    <xsl:sequence select="not(normalize-space($content)) and empty($content//(tei:gap | tei:g))
      and empty($content//tei:*[exists(t:reading-mark(.))])"/>
  </xsl:function>

  <xsl:function name="t:apparatus-reading" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="text" as="xs:string*">
      <xsl:apply-templates select="t:copied($reading)" mode="t:reading-text">
        <xsl:with-param name="apparatus" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($text))"/>
  </xsl:function>

  <!-- What stands for an unclear passage with nothing in it, which the transcriber could not read at all (the
       Shelley-Godwin Archive's "ii (<unclear extent="2" unit="chars"/>)" read "ii ()"): its reason between
       square brackets, as a gap's description stands ("[illegible]"), else "[unclear]". None for an unclear
       that holds a reading, nor in an edition, whose Leiden signs are its own. -->
  <xsl:function name="t:unread-sign" as="xs:string?">
    <xsl:param name="unclear" as="element(tei:unclear)"/>
    <xsl:sequence select="if (exists($unclear/(* | text()[normalize-space()])) or t:is-edition($unclear)) then ()
      else t:bracketed((normalize-space($unclear/@reason) ! translate(., '_', ' ')[. != ''], 'unclear')[1], ('[', ']'))"/>
  </xsl:function>

  <!-- What stands for a gap: its Leiden form in an edition (t:leiden-gap), else its description or an
       ellipsis between square brackets. -->
  <xsl:function name="t:gap-sign" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <!-- Descriptions in several languages are several readings of one: apart. -->
    <xsl:variable name="described" select="string-join($gap/tei:desc ! normalize-space(.)[. != ''], ' / ')"/>
    <xsl:variable name="words" select="(($described, normalize-space($gap))[. != ''], '…')[1]"/>
    <xsl:sequence select="if (t:is-edition($gap)) then string-join(t:leiden-gap($gap), ' ')
      else t:bracketed($words, ('[', ']'))"/>
  </xsl:function>

  <xsl:function name="t:other-readings" as="xs:string">
    <xsl:param name="choice" as="element()"/>
    <!-- Each as its text, or, where it has none, as the reading text reads it (a gap as its sign: "[…]"); each
         once, none empty (MENOTA's punctuation is often the same on each level, or none in the source). -->
    <xsl:sequence select="string-join(distinct-values(($choice/* except t:reading($choice))
      ! (normalize-space(.)[. != ''], t:reading-text(.))[1][. != '']), ' / ')"/>
  </xsl:function>

  <!-- Quotations: a block quotation where the encoding says so, else inline. -->
  <xsl:function name="t:is-block-quote" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::tei:quote[@rend = ('block', 'display') or tei:p or tei:lg or tei:l])"/>
  </xsl:function>

  <!-- Critical apparatus: the lemma is the reading of the text (lem, else the first reading); the sigla of a
       reading are its witnesses' short names (witness/@n, else its id). -->
  <xsl:function name="t:lemma" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdgGrp/tei:lem, $app/tei:rdg, $app/tei:rdgGrp/tei:rdg)[1]"/>
  </xsl:function>

  <!-- A reading left empty as a copy of another element (@copyOf, att.global.linking: it points to the element
       of which it is a copy) reads as that element, with its own witnesses; any other reading as itself. -->
  <xsl:function name="t:copied" as="element()">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="($reading[not(node())]/@copyOf ! t:entry(.), $reading)[1]"/>
  </xsl:function>

  <xsl:function name="t:readings" as="element()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/(tei:lem | tei:rdg | tei:rdgGrp/tei:lem | tei:rdgGrp/tei:rdg)"/>
  </xsl:function>

  <xsl:function name="t:sigla" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:for-each select="tokenize(normalize-space($reading/@wit))">
      <xsl:variable name="witness" select="t:entry-by-pointer(., $reading)"/>
      <xsl:sequence select="$witness ! t:siglum(.), replace(., '^.*#', '')[empty($witness)]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A witness's siglum: its number, its abbreviation, else its id. -->
  <xsl:function name="t:siglum" as="xs:string?">
    <xsl:param name="witness" as="element()"/>
    <xsl:sequence select="(($witness/@n, $witness/tei:abbr, $witness/@xml:id) ! normalize-space(.))[. != ''][1]"/>
  </xsl:function>

  <!-- Who proposed a reading (att.textCritical's @source, and @resp, as EpiDoc names the editor of a reading:
       a conjecture's author, the edition it is taken from): what each pointer leads to (t:entry-by-pointer),
       by its short name (t:short-name), else the pointer's id. Where none of its words points anywhere nor
       looks like a pointer (#, :, /), the attribute is written out (DDbDP's resp="bgu 3 p.4") and reads as
       written; a correction of the Berichtigungsliste (app type="BL", resp="8.441") by "BL 8.441". -->
  <xsl:function name="t:proposers" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:for-each select="$reading/(@source, @resp)">
      <xsl:variable name="entries" select="tokenize(normalize-space(.)) ! map { 'pointer': ., 'entry': t:entry-by-pointer(., $reading) }"/>
      <xsl:choose>
        <xsl:when test="empty($entries?entry) and not(matches(., '[#:/]'))">
          <xsl:sequence select="normalize-space(.)[. != ''] ! (if ($reading/../@type = 'BL' and not(starts-with(., 'BL'))) then 'BL ' || . else .)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$entries ! (?entry ! t:short-name(.), t:pointer-key(?pointer))[. != ''][1]"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- What an apparatus calls a witness, an edition or a scholar it cites: a witness by its siglum; anything
       else (a bibl, a person) by its abbreviation, its author or editor, its name (t:normalized-name), else
       its id. -->
  <xsl:function name="t:short-name" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::tei:witness) then t:siglum($entry)
      else (($entry/tei:abbr, $entry/tei:author[1], $entry/tei:editor[1]) ! normalize-space(.),
        t:normalized-name($entry), $entry/@xml:id ! normalize-space(.))[. != ''][1]"/>
  </xsl:function>

  <!-- A reading's attribution in the apparatus: its witnesses' sigla, apart, then who proposed it, the names
       joined by $t:proposer-separator ("CIG III, pacho1827": a name may be of several words). -->
  <xsl:function name="t:attribution" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="t:sigla($reading), string-join(t:proposers($reading), $t:proposer-separator)[. != '']"/>
  </xsl:function>

  <!-- What stands between the names of those who proposed one reading, in each look. -->
  <xsl:variable name="t:proposer-separator" as="xs:string" select="', '"/>

  <!-- What stands between the readings of an apparatus entry, and between the lemma's attribution and the
       first reading ("fuit] N G; ruit Heinsius; fugit Maehly"), in each look. -->
  <xsl:variable name="t:reading-separator" as="xs:string" select="';'"/>

  <!-- The witnesses the readings of these texts cite (@wit), as their lists give them: each look lists them
       with their sigla before the apparatus entries. -->
  <xsl:function name="t:cited-witnesses" as="element(tei:witness)*">
    <xsl:param name="texts" as="element()*"/>
    <xsl:variable name="cited" select="$texts//@wit ! tokenize(.) ! substring-after(., '#')"/>
    <xsl:sequence select="($texts ! root(.))//tei:listWit[.//tei:witness/@xml:id = $cited]//tei:witness"/>
  </xsl:function>

  <xsl:function name="t:app-number" as="xs:integer">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="$app/accumulator-after('t:apps')"/>
  </xsl:function>

  <!-- An entry's anchor in the Apparatus section, and its marker in the text ("a3"). -->
  <xsl:function name="t:app-id" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="'tt-app-' || t:app-number($app)"/>
  </xsl:function>
  <xsl:function name="t:app-marker" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="'a' || t:app-number($app)"/>
  </xsl:function>
  <!-- The marker as the plain text writes it: "[a3]" (t:call-mark). -->
  <!-- Marked as where it stands: an entry attached to the text by its end points (Concordia's apparatus division)
       is called after the last element of its lemma, in the edition, not in the division it is written in. -->
  <xsl:function name="t:app-call" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="t:call-mark(t:app-marker($app), ($app/@from ! t:attachment($app)[last()], $app)[1], false())"/>
  </xsl:function>

  <!-- The entry of the Apparatus section an element is part of (an app, a reading, a lemma), if any. -->
  <xsl:function name="t:listed-app" as="element(tei:app)?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/ancestor-or-self::tei:app[1][t:is-listed(.)]"/>
  </xsl:function>

  <!-- Verse: the number a line shows, if any (every fifth line, t:verse-numbers; not a half-line). -->
  <xsl:function name="t:verse-number" as="xs:integer?">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:sequence select="$t:verse-numbers(generate-id($line))[not($line/@part = ('M', 'F'))]"/>
  </xsl:function>

  <!-- A verse line split between speakers (@part I, M, F): the parts before a part that continues it (M, F),
       from its initial part (I) on; none for another line, or where the line before is no part of it. -->
  <xsl:function name="t:parts-before" as="element(tei:l)*">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:variable name="initial" select="$line[@part = ('M', 'F')]/preceding::tei:l[not(@part = 'M')][1][@part = 'I']"/>
    <xsl:sequence select="$initial, $initial/following::tei:l[. &lt;&lt; $line]"/>
  </xsl:function>

  <!-- How far a continuing part is set in, in characters: it begins where the parts before it end, a space
       after each. Each look draws it (verse.xsl). -->
  <xsl:function name="t:part-indent" as="xs:integer?">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:variable name="before" select="t:parts-before($line)"/>
    <xsl:sequence select="if (empty($before)) then () else sum($before ! (string-length(t:reading-text(.)) + 1))"/>
  </xsl:function>

  <!-- Transcription: the marker a page or column break leaves in the text: "[p. 5]", "[col. 2]". In a Leiden
       edition square brackets mean letters lost and restored by the editors, so a break is named there in
       words and without brackets, "Page 5", "Column 2" (a page without a number "Page": the editors count
       none), on a line of its own (epidoc.xsl), as the EpiDoc example stylesheets draw a column's label
       ("Col. 2", "Column 2", a line apart). -->
  <xsl:function name="t:break-label" as="xs:string">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="n" select="normalize-space($break/@n)"/>
    <xsl:sequence select="if (t:is-edition($break))
      then string-join((if ($break/self::tei:pb) then 'Page' else 'Column', $n[. != '']), ' ')
      else '[' || t:break-edition($break) || (if ($break/self::tei:pb) then 'p. ' || t:page-label($break)
        else if ($n = '') then 'column' else 'col. ' || $n) || ']'"/>
  </xsl:function>

  <!-- Where a document's page breaks are those of more than one edition (@ed: OpenArabicPE's periodicals mark
       the printed issue's pages and those of the digital copy they were taken from, "print" and "shamela"),
       each names its edition: "[print p. 2]", "[shamela p. n1-p1]", not two runs of page numbers that read as
       one. Which editions the breaks name is asked once per transformation. -->
  <xsl:variable name="t:break-editions" as="xs:string*"
    select="distinct-values((//tei:pb | //tei:cb)/@ed ! normalize-space(.)[. != ''])"/>
  <xsl:function name="t:break-edition" as="xs:string">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="if (count($t:break-editions) lt 2) then ''
      else (normalize-space($break/@ed)[. != ''] ! (. || ' '), '')[1]"/>
  </xsl:function>

  <!-- A line of the support beginning in an edition laid out in verses (lg, l: IOSPE's and IGCyr's verse
       inscriptions), inside a verse line or where one begins: Leiden's line division "|", apart from the
       words around it but inside a word (break="no"); none where the text begins. A verse line opens with
       the division of the line break right before it (t:opening-division). -->
  <xsl:function name="t:line-division" as="xs:string">
    <xsl:param name="break" as="element(tei:lb)"/>
    <xsl:variable name="first" select="empty($break/preceding::node()[self::text()[normalize-space()] or self::tei:gap or self::tei:g]
      [ancestor::tei:div[@type = 'edition'][1] is $break/ancestor::tei:div[@type = 'edition'][1]])"/>
    <xsl:sequence select="if ($first) then '' else if (t:breaks-word($break)) then '|'
      else if ($break/parent::tei:lg) then '| ' else ' | '"/>
  </xsl:function>
  <!-- Asked of every verse line: of those of a document with an edition only (a verse drama's plain text
       was a sixth slower). -->
  <xsl:variable name="t:has-editions" as="xs:boolean" select="exists(//tei:div[@type = 'edition'])"/>
  <xsl:function name="t:opening-division" as="xs:string?">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:sequence select="$line[$t:has-editions] ! t:opening-break(.)[t:is-edition(.)]
      [exists($line/../tei:l[empty(t:opening-break(.))] | $line/..//tei:l//tei:lb)] ! t:line-division(.)"/>
  </xsl:function>
  <!-- The line break a verse line begins with, if any. Where every verse line begins a line of the support (a
       poem inscribed a verse a line), the layout says it: no sign. -->
  <xsl:function name="t:opening-break" as="element(tei:lb)?">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:sequence select="$line/preceding-sibling::node()[self::* or normalize-space()][1][self::tei:lb]"/>
  </xsl:function>

  <!-- A change of hand's sign: "[hand: Goethe (pencil)]", the hand as the header describes it (handNote), by
       its id where the description is missing or too long for a sign, the scribe named too (t:hand-scribe). In
       an edition, where square brackets mean letters lost, between parentheses: "(hand: m2)". -->
  <xsl:function name="t:hand-sign" as="xs:string">
    <xsl:param name="shift" as="element(tei:handShift)"/>
    <xsl:variable name="described" select="t:hand-descriptions($shift)"/>
    <xsl:variable name="named" select="if (exists($described) and (every $d in $described satisfies string-length($d) le 60))
      then $described else $shift/@new ! replace(normalize-space(.), '(^|\s)#', '$1')"/>
    <xsl:variable name="label" select="string-join(('hand', string-join(($named, t:hand-scribe($shift), $shift/@medium,
      $shift/@script), ', ')[. != '']), ': ')"/>
    <xsl:sequence select="if (t:is-edition($shift)) then '(' || $label || ')' else '[' || $label || ']'"/>
  </xsl:function>
  <!-- How the header describes the hands a change of hand begins (their handNotes' words). -->
  <xsl:function name="t:hand-descriptions" as="xs:string*">
    <xsl:param name="shift" as="element(tei:handShift)"/>
    <xsl:sequence select="tokenize(normalize-space($shift/@new)) ! t:entry-by-pointer(., $shift) ! normalize-space(.)[. != '']"/>
  </xsl:function>
  <!-- The scribe of a hand: the entry scribeRef points to, or as scribe names them (WeGA's <handShift
       scribe="Caroline"/>). -->
  <xsl:function name="t:hand-scribe" as="xs:string?">
    <xsl:param name="shift" as="element(tei:handShift)"/>
    <xsl:sequence select="(tokenize(normalize-space($shift/@scribeRef)) ! t:entry-by-pointer(., $shift)
      ! (t:normalized-name(.)[. != ''], normalize-space(.))[1], normalize-space($shift/@scribe)[. != ''])[1]"/>
  </xsl:function>

  <!-- A milestone in an edition, as a line of its own: where a part of the text begins (EpiDoc's
       <milestone unit="fragment" n="b"/>: "Fragment b"), or a line the scribe drew between lines, drawn as
       papyri.info draws it (rend paragraphos "——", horizontal-rule "————————", wavy-line "~~~~~~~~"). A
       milestone of no named unit and no drawn line is none: (). Its title says what it is. -->
  <xsl:variable name="t:drawn-lines" as="map(xs:string, xs:string+)" select="map {
    'paragraphos': ('——', 'Paragraphos'), 'horizontal-rule': ('————————', 'A line drawn across'),
    'wavy-line': ('~~~~~~~~', 'A wavy line drawn across')}"/>
  <xsl:function name="t:milestone-label" as="xs:string*">
    <xsl:param name="milestone" as="element(tei:milestone)"/>
    <xsl:variable name="unit" select="normalize-space($milestone/@unit)"/>
    <xsl:variable name="n" select="normalize-space($milestone/@n)"/>
    <xsl:variable name="line" select="$t:drawn-lines(normalize-space($milestone/@rend))"/>
    <!-- A line the editors restore (<supplied reason="lost"><milestone rend="paragraphos"/></supplied>, IGCyr)
         stands between the restoration's signs, on its line: "[——]". -->
    <xsl:variable name="signs" select="$milestone/parent::tei:supplied[t:is-void(.)] ! t:leiden-signs(.)"/>
    <xsl:sequence select="if (not(t:is-edition($milestone))) then ()
      else if (exists($line)) then ($signs[1] || $line[1] || $signs[2], $line[2])
      else if ($n != '' and $unit != '' and not($unit = ('undefined', 'line'))) then
        (upper-case(substring($unit, 1, 1)) || substring($unit, 2) || ' ' || $n) ! (., .)
      else ()"/>
  </xsl:function>

  <!-- A call of a note or of an apparatus entry ("1", "a3"), where it stands ($at): in the plain text between
       square brackets, "[a3]", raised in the page. In a Leiden edition, where square brackets mean letters
       lost and restored, the plain text writes it raised in the usual plain way, "^a3", and the page without
       brackets. -->
  <xsl:function name="t:call-mark" as="xs:string">
    <xsl:param name="marker" as="xs:string"/>
    <xsl:param name="at" as="node()"/>
    <xsl:param name="raised" as="xs:boolean"/>
    <xsl:sequence select="if (not(t:is-edition($at))) then '[' || $marker || ']'
      else if ($raised) then $marker else '^' || $marker"/>
  </xsl:function>

  <!-- Leiden conventions (EpiDoc), inside an edition division: the signs around supplied text, the form of a
       gap, and letters read with doubt. -->
  <xsl:function name="t:is-edition" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::tei:div[@type = 'edition'])"/>
  </xsl:function>

  <!-- An abbreviation mark (am) in an expanded abbreviation is not part of the word an edition reads: a symbol
       expanded (<am><g type="year"/></am><ex>ἔτους</ex>) reads "(ἔτους)", a mark beside letters
       (Aug<am>g</am><ex>usti duo</ex>) "Aug(usti duo)" (EpiDoc Guidelines, "Expansion of symbol" and
       "Expansion of abbreviation including symbol/characters"). In either look, and in the reading text. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:expan//tei:am" mode="html text t:reading-text"/>

  <!-- The signs Leiden draws around supplied text or a gap on its own: ⟨omitted⟩, (subaudible), [lost], with
       ? where the editors doubt what they supply; a lost line or illegible letters have none. Text the
       editors judge superfluous (surplus) stands between braces, in any text. In an edition, the editors'
       correction of letters written wrongly (corr, in a choice with the sic or alone) stands between ⌈ ⌉
       (EpiDoc Guidelines, "Erroneous substitution": Panciera IX.3 ⌈abc⌉); outside one it has no signs. The
       letters an editor adds to expand an abbreviation (ex) stand in parentheses, in any text, with ? where
       the expansion is doubted (EpiDoc Guidelines, "Abbreviation uncertainly expanded": Iul(ius?)). Text
       added in the source (add) stands between \ / (as papyri.info draws it above the line); in an edition
       by where it was added: \above/, /below\, «over an erasure», `elsewhere´ (EpiDoc Guidelines, "Text
       addition by ancient hand", "Text struck over erasure"). -->
  <xsl:function name="t:leiden-signs" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="doubt" select="'?'[$element/(self::tei:supplied | self::tei:corr | self::tei:ex)/@cert = 'low']"/>
    <xsl:sequence select="
      if ($element/self::tei:gap[@unit = 'line' or @reason = 'illegible']) then ()
      else if ($element/self::tei:surplus) then ('{', '}')
      else if ($element/self::tei:ex) then ('(', $doubt || ')')
      else if ($element/self::tei:add) then (if (not(t:is-edition($element)) or $element/@place = 'above') then ('\', '/')
        else if ($element/@place = 'below') then ('/', '\') else if ($element/@place = 'overstrike') then ('«', '»')
        else ('`', '´'))
      else if ($element/self::tei:corr) then ('⌈', $doubt || '⌉')[t:is-edition($element)]
      else if (not($element/(self::tei:supplied | self::tei:gap))) then ()
      else if (not(t:is-edition($element))) then ('[', $doubt || ']')
      else if ($element/@reason = 'omitted') then ('⟨', $doubt || '⟩')
      else if ($element/self::tei:supplied/@reason = ('subaudible', 'explanation')) then ('(', $doubt || ')')
      else ('[', $doubt || ']')"/>
  </xsl:function>

  <!-- The signs as drawn around supplied text or a gap: a lacuna's brackets joined with its neighbours'
       (t:lacuna-brackets); none for a lacuna inside another (a gap in the editors' restoration, supplied text
       in supplied text), whose brackets hold it: "[όβων .. 1-2 ..]", not "[όβων .. 1-2 ..]]"; none for
       supplied text with nothing in it to read (t:is-void: IGCyr's stray <supplied reason="lost"/>, which drew
       a lone "]"; a restored paragraphos, whose line holds the brackets: t:milestone-label). -->
  <xsl:function name="t:drawn-signs" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/self::tei:supplied[t:is-void(.)]) then ()
      else if (not(t:is-lacuna($element))) then t:leiden-signs($element)
      else if (exists($element/ancestor::tei:supplied[t:is-lacuna(.)])) then ()
      else t:lacuna-brackets($element)"/>
  </xsl:function>

  <!-- Supplied text with nothing in it to read: no text, gap, glyph or blank space. -->
  <xsl:function name="t:is-void" as="xs:boolean">
    <xsl:param name="supplied" as="element(tei:supplied)"/>
    <xsl:sequence select="not(normalize-space($supplied)) and empty($supplied//(tei:gap | tei:g | tei:space))"/>
  </xsl:function>

  <!-- The extent a gap or a blank space gives, as Leiden writes it: "3", "c.3" where it is approximate
       (precision="low"), "4-6" for a range (atLeast, atMost); none where it is unknown. -->
  <xsl:function name="t:leiden-measure" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="count" select="($element/@quantity, $element/@extent)[. castable as xs:decimal][1]"/>
    <xsl:sequence select="if (exists($count)) then 'c.'[$element/@precision = 'low'] || normalize-space($count)
      else if ($element/@atLeast and $element/@atMost) then normalize-space($element/@atLeast) || '-' || normalize-space($element/@atMost)
      else ()"/>
  </xsl:function>

  <!-- A blank space left on the support (vacat), in an edition: "(vac. 3)" for 3 characters, "(vac.)" where
       its extent is unknown, "(vac. 4.2 cm)" in other units; a blank line "vacat", blank lines "vacat 3 lines"
       (EpiDoc Guidelines, "Vacat measured in characters / in lines / in other units"). -->
  <xsl:function name="t:vacat" as="xs:string">
    <xsl:param name="space" as="element(tei:space)"/>
    <xsl:variable name="measure" select="t:leiden-measure($space)"/>
    <xsl:variable name="unit" select="normalize-space($space/@unit)"/>
    <xsl:sequence select="if ($unit = ('line', 'lines')) then 'vacat' || $measure[. != '1'] ! (' ' || . || ' lines')
      else '(vac.' || $measure ! (' ' || .) || (' ' || $unit)[exists($measure) and not($unit = ('', 'character', 'characters', 'char', 'chars'))] || ')'"/>
  </xsl:function>

  <!-- A gap in its Leiden form, a string for each line it takes (EpiDoc Guidelines, "Lost characters" and
       "Illegible characters", "Lost lines" and "Illegible lines", quantity known, approximate, unknown):
       - letters, a dot each (up to 12; ".13" beyond), "- - -" where their number is unknown, and where it is
         approximate or a range ".. c.5 ..", ".. 4-6 .."; lost letters between brackets (t:drawn-signs),
         illegible ones without: "[...]", "[.. c.3 ..]", ".. c.5 ..";
       - lines, "- - - - - -" where their number is unknown; a known number "[- - - - - -]" a line each (up to
         5; "[- - - 8 lines - - -]" beyond), an approximate one "[- - - c.3 lines - - -]". -->
  <xsl:function name="t:leiden-gap" as="xs:string+">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="measure" select="t:leiden-measure($gap)"/>
    <xsl:variable name="count" select="$measure[. castable as xs:integer] ! xs:integer(.)"/>
    <xsl:choose>
      <xsl:when test="$gap/@unit = 'line'">
        <xsl:sequence select="if (empty($measure)) then '- - - - - -'
          else if (exists($count) and $count le 5) then (1 to $count) ! '[- - - - - -]'
          else '[- - - ' || $measure || ' lines - - -]'"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="signs" select="if (exists($count) and $count le 12) then string-join((1 to $count) ! '.')
          else if (exists($count)) then '.' || $count
          else if (exists($measure)) then '.. ' || $measure || ' ..'
          else '- - -'"/>
        <!-- Where a bracket is left out, joined to a neighbour's, a space keeps the dashes off its letters. -->
        <xsl:variable name="brackets" select="t:drawn-signs($gap)"/>
        <xsl:sequence select="$brackets[1] || ' '[$brackets[1] = ''] || $signs || ' '[$brackets[2] = ''] || $brackets[2]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whether words (or a gap) stand before a node on its line, or after it ($after): a gap of lines, which takes
       lines of its own, starts or ends one there. -->
  <xsl:function name="t:shares-line" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="after" as="xs:boolean"/>
    <xsl:variable name="step" select="if ($after) then $node/following::node()[t:is-reading-step(.)][1]
      else $node/preceding::node()[t:is-reading-step(.)][1]"/>
    <xsl:sequence select="exists($step[not(self::tei:lb or self::tei:cb or self::tei:pb)])
      and $step/ancestor::*[self::tei:ab or self::tei:p or self::tei:div][1] is $node/ancestor::*[self::tei:ab or self::tei:p or self::tei:div][1]"/>
  </xsl:function>

  <!-- A lacuna: what an edition shows in square brackets, a lost stretch (gap) or the editors' restoration of
       it (supplied), without doubt. Lacunae next to each other on one line, with only white space between,
       share one pair of brackets: "[ἐς τὸ]ν", "[- - - κα]τὰ", not "[ἐς] [τὸ]ν", "[- - -] [κα]τὰ" (EpiDoc
       encodes each word apart). A line break closes the brackets. -->
  <xsl:function name="t:is-lacuna" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="t:is-edition($element) and deep-equal(t:leiden-signs($element), ('[', ']'))"/>
  </xsl:function>

  <!-- The lacuna a node is part of: a gap, or the supplied text it is read in. -->
  <xsl:function name="t:lacuna-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[self::tei:supplied or self::tei:gap][1][t:is-lacuna(.)]"/>
  </xsl:function>

  <!-- The brackets a lacuna opens and closes with: none where it goes on from the lacuna before it or into the
       one after it. -->
  <xsl:function name="t:lacuna-brackets" as="xs:string+">
    <xsl:param name="lacuna" as="element()"/>
    <xsl:variable name="reading" select="t:reading-of($lacuna)"/>
    <xsl:variable name="before" select="$lacuna/preceding::node()[t:is-reading-step(.)][1]"/>
    <xsl:variable name="after" select="$lacuna/following::node()[t:is-reading-step(.)][1]"/>
    <xsl:sequence select="(if (exists($before) and (some $l in t:lacuna-of($before) satisfies t:reading-of($l) = $reading)) then '' else '[',
      if (exists($after) and (some $l in t:lacuna-of($after) satisfies t:reading-of($l) = $reading)) then '' else ']')"/>
  </xsl:function>
  <!-- The reading of an apparatus entry a node is read in (its nearest lem or rdg), '' for none. Lacunae join only
       inside one: an entry's lemma is drawn apart from the text around it, and a bracket it closed was left
       unopened after it (DCLP: "[νου]a3 ζμύ]ρνης"); a restoration holding the entry is one lacuna with its
       neighbours (IOSPE: "Μητροδ[ώρου^a1 - - -]"). -->
  <xsl:function name="t:reading-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string($node/ancestor::*[self::tei:lem or self::tei:rdg][1] ! generate-id())"/>
  </xsl:function>

  <!-- What a reader meets next along a line: words, a gap, a blank space (vac.), a symbol, or a break that ends
       the line. A blank space or a symbol is one: lacunae on either side of it are apart, and one the editors
       restore (<supplied><space/></supplied>) has its brackets or joins the lacunae beside it. -->
  <xsl:function name="t:is-reading-step" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node[self::text()[normalize-space()] or self::tei:gap or self::tei:space or self::tei:g
      or self::tei:lb or self::tei:cb or self::tei:pb])"/>
  </xsl:function>

  <!-- The marks Leiden sets on letters, inside an edition: an underdot under each letter read with doubt
       (unclear; EpiDoc Guidelines, "Ambiguous characters": a&#x323;b&#x323;c&#x323;), letters inside its
       children too (ṛ[c&#x323;a&#x323;]: a supplement's brackets, spaces and other signs take none); a tie
       between letters in ligature (hi rend="ligature"; "Ligatured letters": a&#x361;b), a line over letters
       with a line above them (hi rend="supraline"; "Supralinear line": a&#x305;b&#x305;c&#x305;). Each is a
       map: the combining mark, whether it stands between the letters (a tie) or after each, and the
       tooltip and class the page gives the letters. -->
  <xsl:variable name="t:letter-marks" as="map(xs:string, map(*))" select="map {
    'unclear': map { 'mark': '&#x323;', 'between': false(), 'class': 'unclear', 'title': 'Letters read with doubt' },
    'ligature': map { 'mark': '&#x361;', 'between': true(), 'class': 'ligature', 'title': 'Letters in ligature' },
    'supraline': map { 'mark': '&#x305;', 'between': false(), 'class': 'supraline', 'title': 'Letters with a line above' }}"/>

  <!-- The marks an element sets on its letters, if any: an unclear's, or those a highlight's rendition names. -->
  <xsl:function name="t:letter-mark" as="map(*)?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="kind" select="if ($element/self::tei:unclear) then 'unclear'
      else $element/self::tei:hi/tokenize(@rend)[. = ('ligature', 'supraline')][1]"/>
    <xsl:sequence select="$kind ! $t:letter-marks(.)[t:is-edition($element)]"/>
  </xsl:function>

  <!-- Rendered content (either look's nodes) with each letter of its text marked: the look's elements, titles
       and breaks are copied as they are. -->
  <xsl:function name="t:mark-letters" as="node()*">
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="mark" as="map(*)"/>
    <xsl:apply-templates select="$content" mode="t:mark-letters">
      <xsl:with-param name="mark" select="$mark" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:function>

  <xsl:mode name="t:mark-letters" on-no-match="shallow-copy"/>
  <xsl:template match="text()" mode="t:mark-letters">
    <xsl:param name="mark" as="map(*)" tunnel="yes"/>
    <!-- A letter with the combining marks it already has, then the mark; a tie only where a letter follows. -->
    <xsl:variable name="marked" select="replace(., '(\p{L}\p{M}*)', '$1' || $mark?mark)"/>
    <xsl:value-of select="if ($mark?between) then replace($marked, $mark?mark || '([^\p{L}]|$)', '$1') else $marked"/>
  </xsl:template>

  <!-- An element's content as an HTML phrase, with the marks it sets on its letters (t:letter-mark). -->
  <xsl:template name="t:marked-phrase-content">
    <xsl:param name="mark" as="map(*)?" select="t:letter-mark(.)"/>
    <xsl:choose>
      <xsl:when test="exists($mark)">
        <xsl:variable name="content" as="node()*"><xsl:call-template name="phrase-content"/></xsl:variable>
        <xsl:sequence select="t:mark-letters($content, $mark)"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="phrase-content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A heading a division implies when it has none: EpiDoc's edition, translation, apparatus, commentary and
       bibliography, and the parts of a text (textpart: "Fragment a"; "Recto", not "Recto r", where the number is
       the kind's initial, as papyri.info numbers a recto and a verso). -->
  <xsl:variable name="t:division-names" as="map(xs:string, xs:string)" select="map {
    'edition': 'Edition', 'translation': 'Translation', 'apparatus': 'Apparatus', 'commentary': 'Commentary',
    'bibliography': 'Bibliography', 'transcription': 'Transcription', 'diplomatic': 'Diplomatic transcription'}"/>

  <xsl:function name="t:implied-heading" as="xs:string?">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="part" select="replace(tokenize($division/@subtype, '[-_ ]')[1], '^(.)', '$1')"/>
    <!-- Whether the division is empty is asked last, of the few with a heading to imply. -->
    <xsl:sequence select="(if ($division/tei:head) then ()
      else if ($division/@type = 'textpart') then
        string-join(((upper-case(substring($part, 1, 1)) || substring($part, 2))[$part], $division/@n
          [not($part and string-length(.) lt string-length($part) and starts-with(lower-case($part), lower-case(.)))]), ' ')[. != '']
      else $t:division-names(string($division/@type)) ! (. || t:division-apart($division)))[not(t:is-empty-division($division))]"/>
  </xsl:function>

  <!-- A division beside others of its type is told apart from them: by its subtype where theirs differ (IIP's
       diplomatic edition, transcription and segmented transcription; OG(H)AM's ogham and transliteration:
       " (transcription segmented)"; DCLP's "principalEdition" in words), and by its language where those of
       its subtype are in others (EpiDoc's translations into Russian and English: " (ru)"). -->
  <xsl:function name="t:division-apart" as="xs:string">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="others" select="$division/../*[@type = $division/@type][not(. is $division)][not(t:is-empty-division(.))]"/>
    <xsl:variable name="subtype" select="normalize-space($division/@subtype)"/>
    <xsl:variable name="language" select="normalize-space($division/@xml:lang)"/>
    <xsl:variable name="apart" select="
      t:code-words($subtype)[. != '']
        [exists($others[normalize-space(@subtype) != $subtype])],
      $language[. != ''][exists($others[normalize-space(@subtype) = $subtype][normalize-space(@xml:lang) != $language])]"/>
    <xsl:sequence select="if (exists($apart)) then ' (' || string-join($apart, ', ') || ')' else ''"/>
  </xsl:function>

  <!-- The heading an authority list implies where it stands in the text with none, neither its own nor its
       division's: a letter's lists of the persons, places and works it names, read after the signature. -->
  <xsl:variable name="t:list-headings" static="yes" as="map(xs:string, xs:string)" select="map {
    'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations', 'listBibl': 'Bibliography',
    'listEvent': 'Events'}"/>
  <!-- The same lists as a pattern (static), for each look's rule that writes the heading. -->
  <xsl:variable name="t:headed-list-pattern" static="yes" as="xs:string"
    select="string-join(map:keys($t:list-headings) ! ('tei:' || .), ' | ')"/>

  <xsl:function name="t:list-heading" as="xs:string?">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="$t:list-headings(local-name($list))[empty($list/tei:head)][t:is-block($list)]
      [exists($list/ancestor::tei:text)][empty($list/parent::*/tei:head)][empty(t:implied-heading($list/..))]
      [empty($list/ancestor::*[map:contains($t:authority-list-names, local-name())])]"/>
  </xsl:function>

  <!-- A division that holds nothing to read: no text, and no element but empty paragraphs, divisions and line
       breaks (EpiDoc's template leaves an empty commentary or translation so), but for apparatus entries
       listed elsewhere. Its implied heading would head nothing. -->
  <xsl:function name="t:is-empty-division" as="xs:boolean">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="empty($division//text()[normalize-space()][not($t:attached-apps and t:is-in-attached-app(.))])
      and empty($division//*[not(self::tei:p or self::tei:ab or self::tei:div or self::tei:lb or self::tei:listApp)]
        [not($t:attached-apps and t:is-in-attached-app(.))])"/>
  </xsl:function>
  <!-- Whether a node is part of an apparatus entry attached to the text by its end points, which is listed after
       the text, not where it stands (apparatus.xsl): an apparatus division that holds only such entries
       (Concordia's) holds nothing to read there. -->
  <xsl:function name="t:is-in-attached-app" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor-or-self::tei:app[exists(t:attachment(.))])"/>
  </xsl:function>

  <!-- Segments and utterances laid out one after another, or several segments making up a letterhead,
       an address or an utterance, stay apart: one line each. -->
  <xsl:function name="t:is-line-segment" as="xs:boolean">
    <xsl:param name="seg" as="element(tei:seg)"/>
    <xsl:sequence select="exists($seg/parent::*[self::tei:opener or self::tei:closer or self::tei:u or self::tei:address
      or self::tei:seg[@type = 'letterhead']][count(tei:seg) gt 1])"/>
  </xsl:function>

  <!-- An element glued to the element before it (no text between): the source lays them out apart (role and
       roleDesc, segments, stage directions, cells: the names whose rules ask t:glued), so the output puts a
       space between. -->
  <xsl:variable name="t:apart-when-glued" as="map(xs:string, xs:boolean)"
    select="map:merge(('seg', 'stage', 'role', 'roleDesc', 'actor', 'cell') ! map { . : true() })"/>
  <xsl:function name="t:glued" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/preceding-sibling::node()[1][self::*])"/>
  </xsl:function>

  <!-- Does the renderer add the quotation marks? Where the document says it leaves them out (TEI:
       quotation/@marks = 'none', or @rend "quotes"); where it says nothing, when the quotation has none of its
       own, inside or right around it (a q of a novel's dialogue, read "with gladsome looks, My dear Scrooge"
       without them). Where it says it keeps them (all, some), never. -->
  <xsl:variable name="t:quotation-marks" as="xs:string" select="'&quot;“”„‟‘’‚‛«»‹›「」『』'"/>
  <xsl:variable name="t:open-quote" as="xs:string" select="'“'"/>
  <xsl:variable name="t:close-quote" as="xs:string" select="'”'"/>

  <!-- The marks added around a quotation are those of the text it stands in, not its own: an English sentence
       quotes Icelandic words in English marks. That is the nearest xml:lang around it, else the document's
       ($t:document-language: the primary subtag), a quotation inside a marked one taking the inner pair:
       “…‘…’…”, „…‚…‘…“, «…“…”…».
       Opening, closing, inner opening, inner closing, in the order they are written (Hebrew's and Arabic's as
       read right to left); English's where the language is not listed. Beyond the first fourteen languages,
       the pairs are Unicode CLDR's (version 45, its delimiters). -->
  <xsl:variable name="t:marks-by-language" as="map(xs:string, xs:string+)" select="map {
    'en': ($t:open-quote, $t:close-quote, '‘', '’'), 'de': ('„', '“', '‚', '‘'), 'cs': ('„', '“', '‚', '‘'),
    'fr': ('«', '»', '“', '”'), 'it': ('«', '»', '“', '”'), 'es': ('«', '»', '“', '”'), 'pt': ('«', '»', '“', '”'),
    'ru': ('«', '»', '„', '“'), 'uk': ('«', '»', '„', '“'), 'pl': ('„', '”', '«', '»'), 'nl': ('“', '”', '‘', '’'),
    'sv': ('”', '”', '’', '’'), 'ja': ('「', '」', '『', '』'),
    'he': ('”', '”', '’', '’'), 'ar': ('”', '“', '’', '‘'), 'ur': ('”', '“', '’', '‘'), 'fa': ('«', '»', '‹', '›'),
    'el': ('«', '»', '“', '”'), 'tr': ('“', '”', '‘', '’'), 'hu': ('„', '”', '»', '«'), 'ro': ('„', '”', '«', '»'),
    'fi': ('”', '”', '’', '’'), 'da': ('“', '”', '‘', '’'), 'nb': ('«', '»', '‘', '’'), 'nn': ('«', '»', '‘', '’'),
    'no': ('«', '»', '‘', '’'), 'is': ('„', '“', '‚', '‘'), 'et': ('„', '“', '‚', '‘'), 'sk': ('„', '“', '‚', '‘'),
    'sl': ('„', '“', '‚', '‘'), 'hr': ('„', '“', '‚', '‘'), 'sr': ('„', '“', '‘', '‘'), 'bg': ('„', '“', '„', '“'),
    'lt': ('„', '“', '„', '“'), 'lv': ('“', '”', '‘', '’'), 'ca': ('«', '»', '“', '”'), 'zh': ('“', '”', '‘', '’'),
    'ko': ('“', '”', '‘', '’')}"/>

  <!-- The four marks of a language (its primary subtag), English's where the table has none. -->
  <xsl:function name="t:marks-of" as="xs:string+">
    <xsl:param name="language" as="xs:string?"/>
    <xsl:sequence select="($t:marks-by-language(lower-case(tokenize(string($language), '-')[1])),
      $t:marks-by-language('en'))[position() le 4]"/>
  </xsl:function>

  <xsl:function name="t:added-marks" as="xs:string+">
    <xsl:param name="quotation" as="element()"/>
    <xsl:variable name="language" select="(($quotation/ancestor::*/@xml:lang)[last()], $t:document-language)[1]"/>
    <xsl:variable name="marks" select="t:marks-of($language)"/>
    <xsl:variable name="inner" select="count($quotation/ancestor::*[self::tei:q or self::tei:quote or self::tei:said]
      [t:adds-marks(.)][not(t:is-block-quote(.))]) mod 2 = 1"/>
    <xsl:sequence select="if ($inner) then ($marks[3], $marks[4]) else ($marks[1], $marks[2])"/>
  </xsl:function>

  <xsl:function name="t:adds-marks" as="xs:boolean">
    <xsl:param name="quotation" as="element()"/>
    <xsl:variable name="declared" select="root($quotation)/*/tei:teiHeader/tei:encodingDesc/tei:editorialDecl/tei:quotation/@marks"/>
    <xsl:sequence select="($declared = 'none' or $quotation/@rend = ('quotes', 'double-quotes', 'dq')
      or (empty($declared[. = ('all', 'some')]) and not(t:has-own-marks($quotation))))
      and not($quotation/parent::tei:cit[t:is-equivalent(.)])"/>
  </xsl:function>

  <!-- A quotation's content between the marks added to it (or other marks: an inline note's, a stage
       direction's), the marks against its first and last words: the white space at its edges ("<said> My dear
       Scrooge </said>", "<stage>Enter Barnardo. </stage>") goes outside them, as one space. Content without
       words (an empty q, a direction a delSpan deletes from the reading text) takes no marks. -->
  <xsl:template name="t:quoted">
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="marks" as="xs:string+" select="t:added-marks(.)"/>
    <xsl:variable name="words" select="for $i in 1 to count($content)
      return $i[not($content[$i] instance of text()) or normalize-space($content[$i])]"/>
    <!-- Without words the content is white space only (any element counts as a word): one space. -->
    <xsl:value-of select="' '[empty($words) and exists($content)]"/>
    <xsl:if test="exists($words)">
      <xsl:variable name="first" select="$content[head($words)]"/>
      <xsl:variable name="last" select="$content[$words[last()]]"/>
      <xsl:value-of select="' '[head($content) instance of text() and t:starts-with-space(head($content))]"/>
      <xsl:value-of select="$marks[1]"/>
      <xsl:for-each select="$content[position() = head($words) to $words[last()]]">
        <xsl:choose>
          <xsl:when test=". instance of text()">
            <xsl:variable name="text" select="if (. is $first) then replace(., '^\s+', '') else string(.)"/>
            <xsl:value-of select="if (. is $last) then t:trim-end($text) else $text"/>
          </xsl:when>
          <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:value-of select="$marks[2]"/>
      <xsl:value-of select="' '[$content[last()] instance of text() and t:ends-with-space($content[last()])]"/>
    </xsl:if>
  </xsl:template>

  <!-- The reference a quotation opens with (EEBO's <q><bibl>IOHN 17. 3.</bibl> This is life…</q>): where
       the words are cited from, not the words, so the marks added to the words stand after it. -->
  <xsl:function name="t:quotation-reference" as="element(tei:bibl)?">
    <xsl:param name="quotation" as="element()"/>
    <xsl:sequence select="$quotation/node()[not(self::text()[not(normalize-space())])][1][self::tei:bibl]"/>
  </xsl:function>

  <xsl:function name="t:has-own-marks" as="xs:boolean">
    <xsl:param name="quotation" as="element()"/>
    <xsl:variable name="own" select="normalize-space($quotation)"/>
    <xsl:variable name="before" select="t:trim-end(string($quotation/preceding-sibling::node()[1][self::text()]))"/>
    <xsl:variable name="after" select="replace($quotation/following-sibling::node()[1][self::text()], '^\s+', '')"/>
    <!-- What its renditions put around it (t:generated-text) is its own too. -->
    <xsl:variable name="around" select="if ($quotation/@rendition) then
      (t:generated-text($quotation, 'before'), t:generated-text($quotation, 'after'))[. != ''] else ()"/>
    <xsl:sequence select="some $character in (substring($own, 1, 1), substring($own, string-length($own)),
      substring($before, string-length($before)), substring($after, 1, 1),
      $around ! (substring(., 1, 1), substring(., string-length(.))))[. != '']
      satisfies contains($t:quotation-marks, $character)"/>
  </xsl:function>

  <!-- A language code as BCP 47 wants it: ISO 639-2 codes that have a two-letter form take that form
       (eng becomes en, MENOTA's isl is); other codes pass when well-formed; anything else gives the empty
       string. Every ISO 639-2 code with a two-letter form, bibliographic (ger) and terminological (deu): a
       three-letter code where a two-letter one exists is no valid language tag (an HTML checker says so). -->
  <xsl:variable name="t:two-letter" as="map(xs:string, xs:string)" select="map {
    'aar': 'aa', 'abk': 'ab', 'afr': 'af', 'aka': 'ak', 'alb': 'sq', 'amh': 'am', 'ara': 'ar', 'arg': 'an',
    'arm': 'hy', 'asm': 'as', 'ava': 'av', 'ave': 'ae', 'aym': 'ay', 'aze': 'az', 'bak': 'ba', 'bam': 'bm',
    'baq': 'eu', 'bel': 'be', 'ben': 'bn', 'bih': 'bh', 'bis': 'bi', 'bod': 'bo', 'bos': 'bs', 'bre': 'br',
    'bul': 'bg', 'bur': 'my', 'cat': 'ca', 'ces': 'cs', 'cha': 'ch', 'che': 'ce', 'chi': 'zh', 'chu': 'cu',
    'chv': 'cv', 'cor': 'kw', 'cos': 'co', 'cre': 'cr', 'cym': 'cy', 'cze': 'cs', 'dan': 'da', 'deu': 'de',
    'div': 'dv', 'dut': 'nl', 'dzo': 'dz', 'ell': 'el', 'eng': 'en', 'epo': 'eo', 'est': 'et', 'eus': 'eu',
    'ewe': 'ee', 'fao': 'fo', 'fas': 'fa', 'fij': 'fj', 'fin': 'fi', 'fra': 'fr', 'fre': 'fr', 'fry': 'fy',
    'ful': 'ff', 'geo': 'ka', 'ger': 'de', 'gla': 'gd', 'gle': 'ga', 'glg': 'gl', 'glv': 'gv', 'gre': 'el',
    'grn': 'gn', 'guj': 'gu', 'hat': 'ht', 'hau': 'ha', 'heb': 'he', 'her': 'hz', 'hin': 'hi', 'hmo': 'ho',
    'hrv': 'hr', 'hun': 'hu', 'hye': 'hy', 'ibo': 'ig', 'ice': 'is', 'ido': 'io', 'iii': 'ii', 'iku': 'iu',
    'ile': 'ie', 'ina': 'ia', 'ind': 'id', 'ipk': 'ik', 'isl': 'is', 'ita': 'it', 'jav': 'jv', 'jpn': 'ja',
    'kal': 'kl', 'kan': 'kn', 'kas': 'ks', 'kat': 'ka', 'kau': 'kr', 'kaz': 'kk', 'khm': 'km', 'kik': 'ki',
    'kin': 'rw', 'kir': 'ky', 'kom': 'kv', 'kon': 'kg', 'kor': 'ko', 'kua': 'kj', 'kur': 'ku', 'lao': 'lo',
    'lat': 'la', 'lav': 'lv', 'lim': 'li', 'lin': 'ln', 'lit': 'lt', 'ltz': 'lb', 'lub': 'lu', 'lug': 'lg',
    'mac': 'mk', 'mah': 'mh', 'mal': 'ml', 'mao': 'mi', 'mar': 'mr', 'may': 'ms', 'mkd': 'mk', 'mlg': 'mg',
    'mlt': 'mt', 'mon': 'mn', 'mri': 'mi', 'msa': 'ms', 'mya': 'my', 'nau': 'na', 'nav': 'nv', 'nbl': 'nr',
    'nde': 'nd', 'ndo': 'ng', 'nep': 'ne', 'nld': 'nl', 'nno': 'nn', 'nob': 'nb', 'nor': 'no', 'nya': 'ny',
    'oci': 'oc', 'oji': 'oj', 'ori': 'or', 'orm': 'om', 'oss': 'os', 'pan': 'pa', 'per': 'fa', 'pli': 'pi',
    'pol': 'pl', 'por': 'pt', 'pus': 'ps', 'que': 'qu', 'roh': 'rm', 'ron': 'ro', 'rum': 'ro', 'run': 'rn',
    'rus': 'ru', 'sag': 'sg', 'san': 'sa', 'sin': 'si', 'slk': 'sk', 'slo': 'sk', 'slv': 'sl', 'sme': 'se',
    'smo': 'sm', 'sna': 'sn', 'snd': 'sd', 'som': 'so', 'sot': 'st', 'spa': 'es', 'sqi': 'sq', 'srd': 'sc',
    'srp': 'sr', 'ssw': 'ss', 'sun': 'su', 'swa': 'sw', 'swe': 'sv', 'tah': 'ty', 'tam': 'ta', 'tat': 'tt',
    'tel': 'te', 'tgk': 'tg', 'tgl': 'tl', 'tha': 'th', 'tib': 'bo', 'tir': 'ti', 'ton': 'to', 'tsn': 'tn',
    'tso': 'ts', 'tuk': 'tk', 'tur': 'tr', 'twi': 'tw', 'uig': 'ug', 'ukr': 'uk', 'urd': 'ur', 'uzb': 'uz',
    'ven': 've', 'vie': 'vi', 'vol': 'vo', 'wel': 'cy', 'wln': 'wa', 'wol': 'wo', 'xho': 'xh', 'yid': 'yi',
    'yor': 'yo', 'zha': 'za', 'zho': 'zh', 'zul': 'zu'}"/>

  <!-- A three-letter subtag right after the language is an extended language subtag (zh-yue), valid only
       where registered: mostly a misspelt script there (84000's Bo-Ltn, Sa-Ltn for bo-Latn, sa-Latn), which
       an HTML checker rejects. The language alone is then what the tag can say. -->
  <xsl:function name="t:bcp47" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(string($code), '-')"/>
    <xsl:variable name="parts" select="if (matches($parts[2], '^[A-Za-z]{3}$')) then $parts[1] else $parts"/>
    <xsl:variable name="primary" select="($t:two-letter(lower-case($parts[1])), lower-case($parts[1]))[1]"/>
    <xsl:variable name="tag" select="string-join(($primary, tail($parts)), '-')"/>
    <xsl:sequence select="if (matches($tag, '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$')
      and (string-length($primary) = 3 or map:contains($t:iso-639-1, $primary))) then $tag else ''"/>
  </xsl:function>

  <!-- The two-letter language codes there are (ISO 639-1): a two-letter code that is none ("mp") is no
       language a browser or a screen reader knows. -->
  <xsl:variable name="t:iso-639-1" as="map(xs:string, xs:boolean)" select="map:merge(tokenize('aa ab ae af ak
    am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et
    eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka
    kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd
    ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
    sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu')
    ! map { . : true() })"/>

  <!-- The writing direction of a language: right to left where its script subtag is one written so, or,
       without a script subtag, where the language is written so by default (Arabic, Hebrew, Persian, Urdu,
       Yiddish, Syriac...); else left to right. -->
  <xsl:variable name="t:right-to-left-scripts" as="xs:string*"
    select="'arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'samr', 'mand', 'adlm', 'rohg'"/>
  <xsl:variable name="t:right-to-left-languages" as="xs:string*"
    select="'ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ota', 'prs', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi'"/>
  <xsl:function name="t:direction" as="xs:string">
    <xsl:param name="language" as="xs:string?"/>
    <xsl:variable name="subtags" select="tokenize(lower-case(t:bcp47($language)), '-')"/>
    <xsl:variable name="script" select="tail($subtags)[string-length(.) = 4][1]"/>
    <xsl:sequence select="if (if (exists($script)) then $script = $t:right-to-left-scripts
      else $subtags[1] = $t:right-to-left-languages) then 'rtl' else 'ltr'"/>
  </xsl:function>

  <!-- The language of the document transformed ('und' where it says none: its root, its text, else its
       header's language) and its direction: the page's. -->
  <xsl:variable name="t:document-language" as="xs:string"
    select="(t:bcp47((/*/@xml:lang, /*/tei:text/@xml:lang, t:header-language())[1])[. != ''], 'und')[1]"/>
  <xsl:variable name="t:document-direction" as="xs:string" select="t:direction($t:document-language)"/>

  <!-- teitools speaks English on its pages ("Notes", "Cite as:", the headings it implies): on the page of a
       document in another language, the words it adds carry their language, and their direction on a
       right-to-left page (these attributes, on the element that holds them). Its attributes' words too: the
       language of a note call's link is that of its aria-label ("Note 1"), its "[1]" being no language's. -->
  <xsl:variable name="t:interface-language" as="xs:string" select="'en'"/>
  <xsl:variable name="t:interface-direction" as="xs:string" select="'ltr'"/>
  <xsl:variable name="t:interface-attributes" as="attribute()*">
    <xsl:if test="not($t:document-language = $t:interface-language
      or starts-with($t:document-language, $t:interface-language || '-'))">
      <xsl:attribute name="lang" select="$t:interface-language"/>
      <xsl:if test="$t:document-direction = 'rtl'"><xsl:attribute name="dir" select="'ltr'"/></xsl:if>
    </xsl:if>
  </xsl:variable>

  <!-- An element of the page in a language of its own (@xml:lang): its lang, and its dir where its direction
       differs from that of what is around it (an English phrase in a Hebrew letter, a Hebrew one in English). -->
  <xsl:template name="t:language-attributes">
    <xsl:for-each select="@xml:lang[t:bcp47(.) != '']">
      <xsl:attribute name="lang" select="t:bcp47(.)"/>
      <xsl:variable name="around" select="((../ancestor::*/@xml:lang)[last()] ! t:direction(.), $t:document-direction)[1]"/>
      <xsl:if test="t:direction(.) != $around"><xsl:attribute name="dir" select="t:direction(.)"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- An ISO 8601 value a date carries, usable as an HTML datetime; its normalised start in the chronology. -->
  <xsl:function name="t:iso-date" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="values" select="t:iso-values($date)"/>
    <xsl:sequence select="($t:date-attributes ! $values(.))[1]"/>
  </xsl:function>

  <!-- The header block, from the header model: teitools reads each teiHeader once into a Record
       (teitools.metadata, the same model the deposit's crosswalks use) and gives it here as JSON. No field
       of the header is read again here, so the page and the crosswalks cannot disagree. -->
  <xsl:param name="header" as="xs:string" select="'{}'"/>
  <xsl:variable name="t:header" as="map(*)" select="parse-json($header)"/>

  <xsl:function name="t:title" as="xs:string">
    <xsl:sequence select="($t:header?title[. != ''], 'Untitled document')[1]"/>
  </xsl:function>

  <xsl:function name="t:subtitle" as="xs:string?">
    <xsl:sequence select="$t:header?subtitle[. != '']"/>
  </xsl:function>

  <xsl:function name="t:full-title" as="xs:string">
    <xsl:sequence select="t:with-subtitle(t:title(), t:subtitle())"/>
  </xsl:function>

  <!-- A title with its subtitle, where a line of its own cannot hold it (a citation, a list of documents,
       the browser's tab, the heading of a corpus's part): "Faust: Eine Tragödie"; after a title's own
       punctuation, a space alone. -->
  <xsl:function name="t:with-subtitle" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="subtitle" as="xs:string?"/>
    <xsl:sequence select="string-join(($title, $subtitle)[. != ''], t:subtitle-separator($title))"/>
  </xsl:function>
  <xsl:function name="t:subtitle-separator" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:sequence select="if (matches($title, '[.:;!?]$')) then ' ' else ': '"/>
  </xsl:function>

  <!-- The title of a document of a corpus (a TEI of a teiCorpus), which heads its text: the header model's
       parts are the corpus's documents in document order. () for any other text. -->
  <xsl:function name="t:part-title" as="xs:string?">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="parts" select="$t:header?parts"/>
    <xsl:sequence select="$text/parent::tei:TEI[parent::tei:teiCorpus]
      ! (count(preceding::tei:TEI) + 1)[. le array:size($parts)]
      ! $parts(.) ! t:with-subtitle(?title, ?subtitle)[. != '']"/>
  </xsl:function>

  <!-- The authors as the header writes them ("L. Trotsky"), not as the personography normalises them. -->
  <xsl:function name="t:authors" as="xs:string?">
    <xsl:variable name="names" select="$t:header?authors?*?form[. != '']"/>
    <xsl:sequence select="if (exists($names)) then string-join($names, '; ') else ()"/>
  </xsl:function>

  <xsl:function name="t:date" as="xs:string?">
    <xsl:sequence select="$t:header?date?text"/>
  </xsl:function>

  <xsl:function name="t:source" as="xs:string?">
    <xsl:variable name="descriptions" select="$t:header?sources?*?description[. != '']"/>
    <xsl:sequence select="if (exists($descriptions)) then string-join($descriptions, ' — ') else ()"/>
  </xsl:function>

  <!-- The licences; without one, the other terms of availability. -->
  <xsl:function name="t:licence" as="xs:string?">
    <xsl:variable name="terms" select="$t:header?licences?*"/>
    <xsl:variable name="statements" select="(if (exists($terms[?kind = 'licence'])) then $terms[?kind = 'licence']
      else $terms) ! ?statement[. != '']"/>
    <xsl:sequence select="if (exists($statements)) then string-join($statements, ' ') else ()"/>
  </xsl:function>

  <!-- How the page cites the document: "Smith, J., “Title”, TEI edition by Publisher, 2003.". Its words
       and marks are text; each value of the header in it (the authors, the title, the publisher) a t:value,
       which the page may set in a direction of its own (t:crosses-direction). -->
  <xsl:function name="t:citation" as="node()+">
    <xsl:variable name="published-by" select="string($t:header?publisher)"/>
    <xsl:variable name="year" select="($t:header?published?when ! substring(., 1, 4), $t:header?published?text)[. != ''][1]"/>
    <xsl:variable name="publisher" select="t:citation-part($published-by, true())"/>
    <xsl:variable name="parts" as="element(t:part)+">
      <xsl:for-each select="t:authors() ! t:citation-part(., false())">
        <t:part><t:value><xsl:value-of select="."/></t:value></t:part>
      </xsl:for-each>
      <t:part>
        <xsl:value-of select="$t:open-quote"/>
        <t:value><xsl:value-of select="t:title()"/></t:value>
        <xsl:for-each select="t:subtitle()">
          <xsl:value-of select="t:subtitle-separator(t:title())"/><t:value><xsl:value-of select="."/></t:value>
        </xsl:for-each>
        <xsl:value-of select="$t:close-quote"/>
      </t:part>
      <xsl:if test="$publisher != ''"><t:part>TEI edition by <t:value><xsl:value-of select="$publisher"/></t:value></t:part></xsl:if>
      <xsl:for-each select="$year ! t:citation-part(., true())"><t:part><xsl:value-of select="."/></t:part></xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1"><xsl:value-of select="', '"/></xsl:if>
      <xsl:sequence select="node()"/>
    </xsl:for-each>
    <xsl:value-of select="'.'"/>
  </xsl:function>

  <!-- Letters of the scripts written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic,
       their presentation forms, those of the supplementary planes (Old Hungarian, Adlam...). -->
  <xsl:variable name="t:right-to-left-characters" as="xs:string"
    select="'&#x0590;-&#x08FF;&#xFB1D;-&#xFDFF;&#xFE70;-&#xFEFF;&#x10800;-&#x10FFF;&#x1E800;-&#x1EFFF;'"/>
  <!-- Whether words of the header, drawn among teitools's own (a field, the citation), hold letters written
       in the other direction than the page's: an Arabic author on an English page, an English licence on a
       Syriac one. Among words of the other direction, their marks would stand on the wrong side
       ("/https://creativecommons.org/licenses/by/4.0", ".USA"). -->
  <xsl:function name="t:crosses-direction" as="xs:boolean">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="direction" as="xs:string"/>
    <xsl:sequence select="matches(string($value), t:letters-against($direction))"/>
  </xsl:function>
  <!-- Whether all its letters are written in the other direction: a value set apart (a field) then takes
       theirs; one of both directions keeps the page's, in which its words of the page's direction read on. -->
  <xsl:function name="t:runs-against" as="xs:boolean">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="direction" as="xs:string"/>
    <xsl:sequence select="t:crosses-direction($value, $direction)
      and not(matches(string($value), t:letters-against(if ($direction = 'rtl') then 'ltr' else 'rtl')))"/>
  </xsl:function>
  <xsl:function name="t:letters-against" as="xs:string">
    <xsl:param name="direction" as="xs:string"/>
    <xsl:sequence select="if ($direction = 'rtl') then '[\p{L}-[' || $t:right-to-left-characters || ']]'
      else '[' || $t:right-to-left-characters || ']'"/>
  </xsl:function>

  <!-- A part of the citation without the header's own punctuation at its end ("Text Creation Partnership, 2003",
       not ",,"), its full stop too unless it may be an initial's (an author's "Smith, J."). -->
  <xsl:function name="t:citation-part" as="xs:string">
    <xsl:param name="part" as="xs:string"/>
    <xsl:param name="with-full-stop" as="xs:boolean"/>
    <xsl:sequence select="replace(normalize-space($part), if ($with-full-stop) then '[\s,;:.]+$' else '[\s,;:]+$', '')"/>
  </xsl:function>

  <!-- The first language the header declares (langUsage), as the model holds it. -->
  <xsl:function name="t:header-language" as="xs:string?">
    <xsl:sequence select="$t:header?languages?*[1]"/>
  </xsl:function>

  <!-- Correspondence (letters): each correspondent action as a map, in the header's order: 'role' (sent,
       received, or the action's type), 'persons' and 'places' (the names written, as written), 'date' (as
       written). -->
  <xsl:function name="t:correspondence" as="map(*)*">
    <xsl:sequence select="$t:header?correspondence?* ! map {
      'role': ?role, 'persons': ?people?*?form[. != ''], 'places': ?places?*?form[. != ''], 'date': ?date?text}"/>
  </xsl:function>

  <!-- The letters before and after this one (correspContext): maps with 'relation' (previous or next),
       'label', 'scope' (withinCorrespondence, withinCollection) and 'target'. -->
  <xsl:function name="t:correspondence-context" as="map(*)*">
    <xsl:sequence select="$t:header?related?*"/>
  </xsl:function>

  <!-- A pointer without content (ref, ptr) says where it points. An element of the document by what a reader
       knows it by: its number (@n), a numbered list's item as [3], a figure as Figure 2, a reading of the
       apparatus as its entry's marker (a2), a division by its heading; anything else (a date, a letter,
       another file) by the target itself. (A footnote it points to is called there instead: t:called-note.) -->
  <xsl:function name="t:pointer-label" as="xs:string">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($pointer/@target)) ! t:target-label(., $pointer)[. != ''], ', ')"/>
  </xsl:function>

  <!-- The part of the document a division to be generated (divGen) is generated from, where it points to one
       in the text or the source's transcription. -->
  <xsl:function name="t:generated-from" as="element()?">
    <xsl:param name="division" as="element(tei:divGen)"/>
    <xsl:sequence select="t:pointed-entry($division/@corresp)
      [ancestor-or-self::tei:text or ancestor-or-self::tei:sourceDoc][@xml:id]"/>
  </xsl:function>

  <!-- What stands for such a division: "See " and the part's label (each look draws the label, a link in HTML),
       then a full stop. -->
  <xsl:function name="t:see" as="item()*">
    <xsl:param name="label" as="item()"/>
    <xsl:sequence select="'See ', $label, '.'"/>
  </xsl:function>

  <xsl:function name="t:generated-label" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="string((t:element-label($part), $part/@xml:id)[1])"/>
  </xsl:function>

  <!-- The heading of a source's transcription (sourceDoc) or of one of its surfaces. -->
  <xsl:function name="t:surface-heading" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="label" select="($element/tei:label, $element/tei:desc)[1] ! normalize-space(.)"/>
    <xsl:sequence select="if ($element/self::tei:sourceDoc) then 'Transcription of the source' || (' ' || $element/@n)[$element/@n]
      else if ($label) then $label else 'Surface ' || (normalize-space($element/@n)[. != ''], t:surface-count($element))[1]"/>
  </xsl:function>

  <!-- A code as words (a zone's type, a division's subtype): its underscores, hyphens and inner capitals read
       as spaces, in lower case ("left_margin", "principalEdition": "left margin", "principal edition"). -->
  <xsl:function name="t:code-words" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:sequence select="lower-case(normalize-space(replace(translate(string($code), '_-', '  '), '(\p{Ll})(\p{Lu})', '$1 $2')))"/>
  </xsl:function>

  <!-- What a zone of a surface is, where its type says so (the Shelley-Godwin Archive's left_margin, pagination,
       library): "Left margin" (t:code-words). None for the main writing area, nor for a zone without a type: a
       margin's lines no longer pass for the page's. -->
  <xsl:function name="t:zone-label" as="xs:string?">
    <xsl:param name="zone" as="element(tei:zone)"/>
    <xsl:variable name="type" select="t:code-words($zone/@type)"/>
    <xsl:sequence select="$type[not(. = ('', 'main', 'main text', 'text', 'body'))] ! (upper-case(substring(., 1, 1)) || substring(., 2))"/>
  </xsl:function>

  <!-- A surface that says neither its number nor its name is counted among the surfaces beside it, in square
       brackets as a page without a number is ("Surface [3]"): the Shelley-Godwin Archive's 134 pages of a
       notebook were 134 headings "Surface", in the text and in its contents. A surface alone is not counted. -->
  <xsl:function name="t:surface-count" as="xs:string?">
    <xsl:param name="surface" as="element()"/>
    <xsl:variable name="kind" select="node-name($surface)"/>
    <xsl:sequence select="if (empty($surface/(preceding-sibling::* | following-sibling::*)[node-name() = $kind])) then ()
      else '[' || count($surface/preceding-sibling::*[node-name() = $kind]) + 1 || ']'"/>
  </xsl:function>

  <!-- What a pointer calls what it leads to: the element's own label (t:element-label), else, for a paragraph
       or an anchor of the text, where it stands ("¶ 2", "note 3"), else its id (an equation's name, say). -->
  <xsl:function name="t:target-label" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="entry" select="t:entry-by-pointer($target, $pointer)"/>
    <xsl:variable name="placed" select="$entry[self::tei:p or self::tei:anchor][ancestor::tei:text][root(.) is root($pointer)]"/>
    <xsl:sequence select="($entry ! t:element-label(.), $placed ! t:place-label(.),
      if (empty($entry) and $pointer/parent::tei:bibl and not(matches($target, '^https?://'))) then t:citation-key($target, $pointer)
      else replace($target, '^#', ''))[1]"/>
  </xsl:function>

  <!-- A bibliographic reference's pointer to an entry out of reach (a bibliography outside the document:
       IOSPE's "bib:IGR", IIP's "IIP-520.xml", OG(H)AM's "RHY1899", Concordia's
       "../bibliography/master_bibliography.xml#cil") reads as the entry's key, not its address: "IGR I 860",
       "IIP-520 334"; as nothing where the reference has its own title, which the key would only repeat. -->
  <xsl:function name="t:citation-key" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="if (exists($pointer/../tei:title[normalize-space()])) then '' else t:pointer-key($target)"/>
  </xsl:function>

  <!-- The key a pointer to an entry out of reach names: what follows its document's address or its prefix
       ("b0948" of "bib:b0948", "cil" of "biblio.xml#cil"), a file's name without ".xml". An apparatus reading's
       editor out of reach (IOSPE's source="bib:b0948") is named so too. -->
  <xsl:function name="t:pointer-key" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <xsl:sequence select="replace(replace($target, '^.*[#:/]', ''), '\.xml$', '')"/>
  </xsl:function>

  <!-- What an element is called where something leads to it, if it says: see t:pointer-label. -->
  <xsl:function name="t:element-label" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
      if ($element/self::tei:note[t:is-footnote(.)]) then t:note-number($element)
      else if ($element/(self::tei:app | self::tei:lem | self::tei:rdg | self::tei:rdgGrp)[t:listed-app(.)])
        then t:app-marker(t:listed-app($element))
      else if ($element/(self::tei:sourceDoc | self::tei:surface)) then t:surface-heading($element)
      else if (normalize-space($element/@n)) then normalize-space($element/@n)
      else if ($element/self::tei:item) then '[' || count($element/preceding-sibling::tei:item) + 1 || ']'
      else if ($element/self::tei:figure) then 'Figure ' || count($element/preceding::tei:figure) + 1
      else normalize-space($element/tei:head[1])[. != '']"/>
  </xsl:function>

  <!-- Where a pointer to an element of the page leads (its anchor), if it points to one: the text's, not the
       header's, which the page does not show as it stands. An element the page shows without its id (a
       quotation, a title) is reached through the nearest block around it; a reading of the apparatus, through
       its entry in the Apparatus section. -->
  <xsl:function name="t:pointed-anchor" as="xs:string?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="t:pointed-entry($pointer/@target)[ancestor-or-self::tei:text or ancestor-or-self::tei:sourceDoc]
      ! (if (t:listed-app(.)) then t:app-id(t:listed-app(.)) else ancestor-or-self::*[t:shows-anchor(.)][1] ! t:anchor(.))"/>
  </xsl:function>

  <!-- Whether the page shows an element with its anchor as its id: a block, a footnote, an equation or an
       anchor with an id; not an element of an example of encoding, which is shown as markup. -->
  <xsl:function name="t:shows-anchor" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="empty($element/self::eg:*) and (t:is-block($element)
      or exists($element/self::tei:note[t:is-footnote(.)] | $element/(self::tei:formula | self::tei:anchor)[@xml:id]))"/>
  </xsl:function>

  <!-- The element of the page a pointing attribute's first value leads to (@target, divGen's @corresp); none
       where there is no such attribute (a reference by canonical reference, @cRef). -->
  <xsl:function name="t:pointed-entry" as="element()?">
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:sequence select="tokenize($pointer)[1] ! t:entry-by-pointer(., $pointer/..)"/>
  </xsl:function>

  <!-- Presentation: @rend keywords as CSS classes (style.css says what each looks like), and CSS given by the
       document itself (@style, or @rendition pointing to a rendition with scheme="css"), when it is plain
       declarations. -->
  <xsl:variable name="t:rend-keywords" as="xs:string*" select="'italic', 'bold', 'underline', 'strikethrough',
    'overstrike', 'smallcaps', 'sup', 'sub', 'center', 'right', 'left', 'uppercase',
    'spaced', 'letterspace', 'larger', 'smaller', 'large', 'small', 'indent', 'block', 'roman', 'gothic',
    'monospace', 'doubleunderline', 'wavyunderline', 'caps', 'strikedoublethrough', 'initcaps',
    (2 to 8) ! ('indent' || .)"/>
  <!-- Other names projects give the same looks (the TEI Stylesheets' test files among them, the Spanish of
       the Moreno chapbooks: cursiva, negrita, derecha, centrado); an indent's depth, indent(2), reads as
       indent2 once its brackets are dropped. Depths go to 8: the Poetess Archive sets a drama's shared verse
       line in by indent5, which, not drawn, stood left of the lines around it. -->
  <xsl:variable name="t:rend-synonyms" as="map(xs:string, xs:string)" select="map {
    'superscript': 'sup', 'subscript': 'sub', 'smcap': 'smallcaps', 'sc': 'smallcaps', 'typewriter': 'monospace',
    'tt': 'monospace', 'code': 'monospace', 'strike': 'strikethrough', 'ul': 'underline', 'it': 'italic',
    'i': 'italic', 'b': 'bold', 'bo': 'bold', 'above': 'sup', 'below': 'sub', 'super': 'sup',
    'spacedout': 'spaced', 'gesperrt': 'spaced', 'capitals': 'caps', 'indent1': 'indent',
    'cursiva': 'italic', 'negrita': 'bold', 'derecha': 'right', 'centrado': 'center'}"/>

  <!-- A rendition for the first letter (scope first-letter) reads as an initial capital, in the look the
       edition gives one (style.css), not in the rendition's own declarations. -->
  <xsl:function name="t:rend-classes" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="keywords" select="$element/@rend ! tokenize(lower-case(replace(., '[-_()]', '')))
      ! (if (map:contains($t:rend-synonyms, .)) then $t:rend-synonyms(.) else .)[. = $t:rend-keywords]"/>
    <xsl:variable name="initial" select="'initcaps'[$element/@rendition][exists(t:renditions($element, 'first-letter'))]"/>
    <xsl:sequence select="distinct-values(($keywords, $initial)) ! ('rend-' || .)"/>
  </xsl:function>

  <!-- The CSS renditions an element points to (@rendition) for a scope: '' for the element itself, or a part
       of it (TEI rendition/@scope: before, after, first-letter...). -->
  <xsl:function name="t:renditions" as="element(tei:rendition)*">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="scope" as="xs:string"/>
    <xsl:sequence select="tokenize(normalize-space($element/@rendition)) ! t:entry-by-pointer(., $element)
      [self::tei:rendition][normalize-space(@scope) = $scope][not(@scheme) or @scheme = 'css']"/>
  </xsl:function>

  <!-- The text renditions put before or after an element (scope before or after, CSS content: "‘"): text of
       the document, drawn as text in both looks (a CSS pseudo-element would be missing from the plain text and
       from what a reader can select or search). Backslash escapes are read as CSS reads them ("\201C"). -->
  <xsl:function name="t:generated-text" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="scope" as="xs:string"/>
    <xsl:variable name="content"
      select="'^(.*;)?\s*content\s*:\s*(&quot;((\\.|[^&quot;\\])*)&quot;|''((\\.|[^''\\])*)'').*$'"/>
    <xsl:variable name="quoted" select="t:renditions($element, $scope)[matches(., $content, 's')]
      ! replace(., $content, '$3$5', 's')"/>
    <xsl:sequence select="string-join($quoted ! t:css-unescaped(.))"/>
  </xsl:function>

  <xsl:function name="t:has-generated-text" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="t:generated-text($element, 'before') != '' or t:generated-text($element, 'after') != ''"/>
  </xsl:function>

  <xsl:function name="t:css-unescaped" as="xs:string">
    <xsl:param name="css" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$css" regex="\\([0-9a-fA-F]{{1,6}})\s?|\\(.)" flags="s">
        <xsl:matching-substring>
          <xsl:sequence select="if (regex-group(1)) then t:character(t:hex(regex-group(1))) else regex-group(2)"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="."/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- A code point as a character, or the replacement character where XML has none (as CSS reads 0 or a
       surrogate): a document's odd escape does not fail its page. -->
  <xsl:function name="t:character" as="xs:string">
    <xsl:param name="code" as="xs:integer"/>
    <xsl:sequence select="if ($code = (9, 10, 13) or $code = (32 to 55295, 57344 to 65533) or $code = (65536 to 1114111))
      then codepoints-to-string($code) else '&#xFFFD;'"/>
  </xsl:function>

  <xsl:function name="t:hex" as="xs:integer">
    <xsl:param name="digits" as="xs:string"/>
    <xsl:sequence select="fold-left(string-to-codepoints(upper-case($digits)), 0,
      function ($value, $digit) { $value * 16 + index-of(string-to-codepoints('0123456789ABCDEF'), $digit) - 1 })"/>
  </xsl:function>

  <!-- A verse line's hanging indent (style.css: .l's padding, and its text-indent the other way). -->
  <xsl:variable name="t:hanging-indent" as="xs:string" select="'1.5em'"/>

  <!-- The side a line begins on, as CSS names it (style.css's hanging indent is on that side). -->
  <xsl:function name="t:line-start" as="xs:string">
    <xsl:param name="line" as="element()"/>
    <xsl:variable name="direction" select="(($line/ancestor-or-self::*/@xml:lang)[last()] ! t:direction(.), $t:document-direction)[1]"/>
    <xsl:sequence select="if ($direction = 'rtl') then 'padding-right' else 'padding-left'"/>
  </xsl:function>

  <!-- A line's own CSS (@rendition, @style) that sets it in by a margin on the side it starts on (Romantic
       Circles' renditions: margin-left: 1em) sets it in after the hanging indent, as padding: the line's margin
       is the gutter its number stands in, which the document's margin replaced, setting the line out, left of
       the lines not set in, and moving its number. -->
  <xsl:function name="t:line-declaration" as="xs:string">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:param name="declaration" as="xs:string"/>
    <xsl:variable name="side" select="substring-after(t:line-start($line), 'padding-')"/>
    <xsl:variable name="set-in" select="normalize-space(substring-after($declaration, ':'))"/>
    <xsl:sequence select="if (matches($declaration, '^margin-' || $side || '\s*:'))
      then 'padding-' || $side || ': calc(' || $t:hanging-indent || ' + ' || $set-in || ')' else $declaration"/>
  </xsl:function>

  <xsl:function name="t:css" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="renditions" select="t:renditions($element, '')"/>
    <!-- Plain declarations only; colours are left out: the edition's palette is checked for contrast (axe),
         a source's colours are not. -->
    <xsl:variable name="declarations" select="($renditions, $element/@style) ! normalize-space(.)
      [matches(., '^([a-z-]+\s*:\s*[^;{}&lt;&gt;\\]+;?\s*)+$')] ! tokenize(., ';') ! normalize-space(.)
      [. != ''][not(matches(., '^(color|background)'))]"/>
    <xsl:sequence select="if (exists($declarations))
      then string-join($declarations ! (if ($element/self::tei:l) then t:line-declaration($element, .) else .), '; ')
      else ()"/>
  </xsl:function>

  <!-- Building blocks of the two looks ===================================================================== -->

  <!-- Plain text is assembled as text and two marks written where they fall: a paragraph break (blank line)
       and a line break (one newline, for verse, addresses and inscriptions). The text between two marks is one
       text node of the assembled tree: t:paragraphs (text.xsl) reads the paragraphs and lines off the tree,
       without searching the whole text for marks. The marks are processing instructions, told apart by their
       names: unlike an element, a copy of one carries no namespaces (a sixth of the plain text's time). The
       names are static, so that text.xsl tests them as node tests (a predicate on name() costs a thirtieth of
       the plain text's time). -->
  <xsl:variable name="t:break-name" static="yes" as="xs:string" select="'break'"/>
  <xsl:variable name="t:line-name" static="yes" as="xs:string" select="'line'"/>
  <xsl:variable name="t:break" as="processing-instruction()"><xsl:processing-instruction _name="{$t:break-name}"/></xsl:variable>
  <xsl:variable name="t:line" as="processing-instruction()"><xsl:processing-instruction _name="{$t:line-name}"/></xsl:variable>

  <!-- The content of an element rendered as an HTML phrase (span, em, a...): blocks inside become spans. -->
  <xsl:template name="phrase-content">
    <xsl:apply-templates mode="html">
      <xsl:with-param name="inline" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- An element as an HTML block (a span where only phrases may stand), with its class, anchor and CSS. Its
       content is the element's own (as phrases if $phrase), after what $before holds, rendered straight into
       the block, unless the caller gives other content. Content built in a parameter is a temporary tree,
       copied again at every level of nesting: the element's own content is never passed that way. Callers
       give $before as elements (as="element()*"): a line without a number then builds nothing, where a
       parameter without a type would build an empty temporary tree per line. With $fields, the children are
       a record's fields, each rendered as a line (mode t:html-field, records.xsl). -->
  <xsl:variable name="t:own-content" as="element()"><t:own-content/></xsl:variable>

  <xsl:template name="t:html-block">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="name" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string*" select="local-name()"/>
    <xsl:param name="content" as="node()*" select="$t:own-content"/>
    <xsl:param name="before" as="node()*" select="()"/>
    <xsl:param name="phrase" as="xs:boolean" select="false()"/>
    <xsl:param name="fields" as="xs:boolean" select="false()"/>
    <xsl:param name="css" as="xs:string?" select="()"/>
    <xsl:element name="{if ($inline) then 'span' else $name}">
      <xsl:call-template name="t:block-attributes">
        <xsl:with-param name="class" select="$class"/>
        <xsl:with-param name="css" select="$css"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$content[1] is $t:own-content">
          <xsl:sequence select="$before"/>
          <xsl:choose>
            <xsl:when test="$phrase"><xsl:call-template name="phrase-content"/></xsl:when>
            <xsl:when test="$fields"><xsl:apply-templates select="t:fields(.)" mode="t:html-field"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates mode="html"/></xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="$content"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- The attributes of the HTML element drawn for a block: its classes (its own, then its looks), its
       anchor and its CSS (the look's own, $css, before the document's). @rend and the CSS are looked at only
       where the block has them: a call per block is a twentieth of a verse drama's page. -->
  <xsl:template name="t:block-attributes">
    <xsl:param name="class" as="xs:string*" select="local-name()"/>
    <xsl:param name="css" as="xs:string?" select="()"/>
    <xsl:attribute name="class" select="string-join(($class, if (@rend or @rendition) then t:rend-classes(.) else ()), ' ')"/>
    <xsl:attribute name="id" select="t:anchor(.)"/>
    <xsl:call-template name="t:language-attributes"/>
    <xsl:if test="@rendition or @style or exists($css)">
      <xsl:call-template name="t:style"><xsl:with-param name="css" select="$css"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="t:style">
    <xsl:param name="css" as="xs:string?" select="()"/>
    <xsl:variable name="declarations" select="$css, if (@rendition or @style) then t:css(.) else ()"/>
    <xsl:if test="exists($declarations)"><xsl:attribute name="style" select="string-join($declarations, '; ')"/></xsl:if>
  </xsl:template>

  <!-- A block of plain text: its content between paragraph breaks (or line breaks, for a line). -->
  <xsl:template name="t:text-block">
    <xsl:param name="mark" as="processing-instruction()" select="$t:break"/>
    <xsl:sequence select="$mark"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$mark"/>
  </xsl:template>

  <!-- In a tokenised text, the white space on a side where a token is joined is left out, in either look: it
       only lays out the source's lines. Other white space is copied, and each look collapses it: a template
       per text node would make a tokenised text's page twice as slow. (Where words break, t:flow does it all.) -->
  <xsl:template match="text()[$t:joins-tokens][not(normalize-space())][t:is-joined(t:beside(., false()), 'right')
    or t:is-joined(t:beside(., true()), 'left')]" mode="html text"/>

  <!-- Annotations about the text, which are not its text (TEI's model.global.meta: index entries,
       interpretations, feature structures, certainty and precision, alignments, alternations): neither look
       reads them, nor do the indexes' forms and contexts (t:is-read). Static: the names make the pattern. -->
  <xsl:variable name="t:annotations" static="yes" as="xs:string*" select="'index', 'interp', 'interpGrp', 'span',
    'spanGrp', 'fs', 'fLib', 'fvLib', 'certainty', 'precision', 'respons', 'link', 'linkGrp', 'join', 'joinGrp',
    'alt', 'altGrp'"/>
  <xsl:variable name="t:annotation-names" as="map(xs:string, xs:boolean)"
    select="map:merge($t:annotations ! map { . : true() })"/>
  <!-- A span annotates what it points at (@from and @to, @target) or, in a span group, what its group does. One
       that points at nothing, outside a group, annotates nothing: it stands in the text as a wrapper of the
       text itself (DEPCHA's ledgers: "Alonso de beguillas <span>deue</span> En pro de Henero"). In a note, a
       span or an interpretation is prose about the text, the note's words (SARIT's notes on a stretch of the
       text: <note n="30-0"><p><span from="#a" to="#b">Found only in M.</span></p></note>). Either is read as
       an element without a rule of its own. -->
  <xsl:template _match="{string-join(($t:annotations[not(. = ('span', 'interp'))] ! ('tei:' || .),
    '(tei:span | tei:interp)[t:is-annotation(.)]'), ' | ')}" mode="html text t:reading-text"/>
  <xsl:function name="t:is-annotation" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="map:contains($t:annotation-names, local-name($element))
      and not($element/self::tei:span[not(@from | @to | @target | parent::tei:spanGrp)])
      and not($element[self::tei:span or self::tei:interp]/ancestor::tei:note)"/>
  </xsl:function>

  <!-- A word written as its feature structure alone (VICAV's sample texts: <w><fs><f name="wordform">yōm</f>
       <f name="pos">noun</f><f name="lemma">…</f></fs></w>) reads as its form feature, the others staying
       annotation: read as an annotation, the structure left the word out. -->
  <xsl:variable name="t:form-features" as="xs:string+" select="'wordform', 'form', 'orth', 'word', 'token'"/>
  <xsl:function name="t:feature-form" as="xs:string">
    <xsl:param name="structure" as="element(tei:fs)"/>
    <!-- Without the no-break space VICAV ends a word's form with. -->
    <xsl:sequence select="replace(normalize-space(($structure/tei:f[@name = $t:form-features])[1]), '^\p{Z}+|\p{Z}+$', '')"/>
  </xsl:function>
  <!-- Below the rule for tokens (the space between words), which goes on to it; the word's own line ends
       around its structure are left out. -->
  <xsl:template match="tei:w[tei:fs][not(text()[normalize-space()])]" mode="html text" priority="-0.25">
    <xsl:value-of select="tei:fs ! t:feature-form(.)"/>
  </xsl:template>
  <xsl:template match="tei:w[not(text()[normalize-space()])]/tei:fs" mode="t:reading-text">
    <xsl:value-of select="t:feature-form(.)"/>
  </xsl:template>

  <!-- A glyph written as a reference to its declaration (<g ref="#et"/>, a charDecl's char or glyph) reads as
       the declaration's standard mapping, else its only or first one, else its name (a Name property, or the
       charName or glyphName of older TEI). Without a declaration here, a glyph named by its type or its
       reference (EpiDoc's <g type="interpunct"/>, <g ref="#hedera"/>, IIP's <g ref="sprig"/>) reads as the
       sign inscriptions use for it, else as its name in double parentheses, as Leiden writes a symbol: ((leaf)). A glyph with
       content reads as its content; one whose reference leads nowhere and names nothing (EEBO's
       char:EOLhyphen) as nothing. -->
  <xsl:variable name="t:glyph-signs" as="map(xs:string, xs:string)" select="map {
    'interpunct': '·', 'middot': '·', 'stop': '·', 'dot': '·', 'hedera': '❦', 'leaf': '❦', 'stauros': '+',
    'cross': '+', 'crux': '†', 'chirho': '☧', 'chi-rho': '☧', 'vacat': 'vac.'}"/>
  <xsl:template match="tei:g[not(node())]" mode="html text t:reading-text">
    <xsl:variable name="declared" select="t:pointed-entry(@ref)[self::tei:char or self::tei:glyph]"/>
    <xsl:variable name="name" select="$declared/((tei:unicodeProp | tei:localProp)[@name = 'Name']/@value,
      tei:charName, tei:glyphName)"/>
    <!-- A reference is a name where it is a fragment (#hedera) or a bare name (IIP's ref="sprig"), not a
         prefixed pointer (char:EOLhyphen). -->
    <xsl:variable name="referred" select="(substring-after(@ref, '#'), @ref[matches(., '^[\p{L}\p{N}_.\-]+$')])
      [normalize-space()][1] ! normalize-space()"/>
    <xsl:variable name="named" select="(@type[normalize-space()] ! normalize-space(), $referred)"/>
    <!-- A sign for either name, else the reference's name before the type, which may be a class (IIP's
         <g ref="one-vertical-stroke" type="char"/>). -->
    <xsl:value-of select="($declared/tei:mapping[@type = ('standard', 'normalized', 'normalised')],
      $declared/tei:mapping, $name ! ('[' || normalize-space() || ']'),
      ($named ! $t:glyph-signs(lower-case(.)), ($referred, $named)[1] ! ('((' || . || '))'))[empty($declared)])[1]"/>
  </xsl:template>

  <!-- A token draws what stands between it and the token before (a space where the two are glued:
       t:between-words), then its look. -->
  <xsl:template match="tei:w | tei:pc" mode="html text">
    <xsl:value-of select="t:between-words(.)"/>
    <xsl:next-match/>
  </xsl:template>
  <!-- A token's MENOTA levels (t:is-level-read) without the white space that lays them out, one a line: it is
       no space of the text ("heitit ," where the source has "heitit,"). Below the rule above, which goes on to
       it. -->
  <xsl:template match="tei:w[me:facs | me:dipl | me:norm] | tei:pc[me:facs | me:dipl | me:norm]" mode="html text"
    priority="-0.25">
    <xsl:apply-templates select="node() except text()[not(normalize-space())]" mode="#current"/>
  </xsl:template>

  <!-- The one fall-through, in each look: an element no module handles renders its content; a block stays a
       block. -->
  <xsl:template match="*" mode="html">
    <xsl:choose>
      <xsl:when test="t:is-block(.)"><xsl:call-template name="t:html-block"/></xsl:when>
      <!-- A phrase with a look of its own keeps it (a struck <mod rend="strikethrough">), unless it holds
           blocks, which no HTML phrase may hold. -->
      <xsl:when test="(@rend or @rendition or @style) and not(.//*[t:is-block(.)])">
        <span class="{string-join((local-name(), t:rend-classes(.)), ' ')}">
          <xsl:call-template name="t:style"/>
          <xsl:apply-templates mode="html"/>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="t:is-block(.)"><xsl:call-template name="t:text-block"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
