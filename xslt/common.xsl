<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what the HTML, plain-text and index stylesheets share. Imported by each of them.

  - lookups: the entry a pointer (@ref, @who, @source) leads to, in this document or one it points into;
  - names: the normalised name and the sort key of an entry;
  - anchors: a stable id for every element (its xml:id, else its name and position), counted once by an
    accumulator, so that links from the person index land on the right paragraph;
  - notes: their numbers; readings: which child of a choice is the reading text;
  - the header block: title, author, date, source, licence, citation;
  - which TEI elements are blocks (paragraph-like) and which are phrases.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  exclude-result-prefixes="#all">

  <!-- The documents the document transformed points into (its personography, say), for names. -->
  <xsl:param name="documents" as="array(document-node())" select="[]"/>

  <xsl:key name="by-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- Elements that stand as blocks (paragraphs, lines, headings, divisions); all others are phrases. -->
  <xsl:variable name="t:blocks" as="xs:string*" select="
    'TEI', 'text', 'front', 'body', 'back', 'group', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6',
    'div7', 'p', 'ab', 'head', 'lg', 'l', 'sp', 'speaker', 'spGrp', 'item', 'list', 'listBibl', 'salute',
    'signed', 'dateline', 'byline', 'docAuthor', 'docDate', 'docImprint', 'docTitle', 'titlePart',
    'titlePage', 'trailer', 'opener', 'closer', 'argument', 'epigraph', 'postscript', 'table', 'row',
    'castList', 'castGroup', 'castItem', 'figure', 'figDesc', 'listPerson', 'person', 'listPlace', 'place',
    'listOrg', 'org', 'listEvent', 'event', 'entry', 'sense', 'set', 'floatingText', 'lem'"/>

  <xsl:variable name="t:block-names" as="map(xs:string, xs:boolean)" select="map:merge($t:blocks ! map { . : true() })"/>

  <xsl:function name="t:is-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="map:contains($t:block-names, local-name($element))
      or ($element/self::tei:bibl and $element/parent::tei:listBibl)"/>
  </xsl:function>

  <!-- Counts elements of each name in document order, for the names that get anchors (blocks, notes). -->
  <xsl:accumulator name="t:counts" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="*[map:contains($t:block-names, local-name()) or self::tei:note or self::tei:bibl]"
      select="map:put($value, local-name(), ($value(local-name()), 0)[1] + 1)"/>
  </xsl:accumulator>

  <!-- Numbers the notes of the text in document order. -->
  <xsl:accumulator name="t:notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:mode use-accumulators="#all"/>

  <xsl:function name="t:anchor" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/@xml:id) then string($element/@xml:id)
      else local-name($element) || '-' || $element/accumulator-before('t:counts')(local-name($element))"/>
  </xsl:function>

  <!-- The block an occurrence stands in: the nearest paragraph-like ancestor (or the note itself). -->
  <xsl:function name="t:block-of" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[self::tei:note or t:is-block(.)][not(self::tei:TEI)])[last()]"/>
  </xsl:function>

  <xsl:function name="t:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (normalize-space($note/@n)) then normalize-space($note/@n)
      else string($note/accumulator-before('t:notes'))"/>
  </xsl:function>

  <!-- Where each pointer of the document transformed leads, as teitools resolved it (the one resolution, in
       facts.py): its value gives "N#id", where N is the position in $documents of the document pointed
       into, or 0 for the document itself. A lookup is one map access and one key, whatever the corpus size. -->
  <xsl:param name="targets" as="map(xs:string, xs:string)" select="map {}"/>

  <!-- The entry a pointer of the document transformed leads to ("#id", "file.xml#id"), by its first value. -->
  <xsl:function name="t:entry" as="element()?">
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:variable name="first" select="tokenize(normalize-space($pointer))[1]"/>
    <xsl:variable name="target" select="if (exists($first)) then $targets($first) else ()"/>
    <xsl:variable name="number" select="$target ! xs:integer(substring-before(., '#'))"/>
    <xsl:variable name="document" select="if ($number = 0) then root($pointer) else $number ! $documents(.)"/>
    <xsl:sequence select="if (empty($document)) then () else key('by-id', substring-after($target, '#'), $document)[1]"/>
  </xsl:function>

  <xsl:function name="t:person" as="element(tei:person)?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="t:entry($name/@ref)[self::tei:person]"/>
  </xsl:function>

  <xsl:function name="t:normalized-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(tei:persName, tei:placeName, tei:orgName, tei:title, tei:name)"/>
    <xsl:sequence select="normalize-space(string(($names[@type = ('normalized', 'reg', 'main')], $names)[1]))"/>
  </xsl:function>

  <xsl:function name="t:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="surname" select="($entry/tei:persName[@type = 'normalized'], $entry/tei:persName)[1]/tei:surname"/>
    <xsl:sequence select="lower-case(normalize-space(string(($surname, t:normalized-name($entry))[1])))"/>
  </xsl:function>

  <xsl:function name="t:life-dates" as="xs:string?">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:variable name="birth" select="normalize-space(string($person/tei:birth[1]))"/>
    <xsl:variable name="death" select="normalize-space(string($person/tei:death[1]))"/>
    <xsl:sequence select="if ($birth or $death) then $birth || '–' || $death else ()"/>
  </xsl:function>

  <!-- Authority identifiers as links: Wikidata, VIAF, or any idno that is already a URI. -->
  <xsl:function name="t:authority-uri" as="xs:string?">
    <xsl:param name="idno" as="element(tei:idno)"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <xsl:sequence select="
      if (lower-case($idno/@type) = 'wikidata') then 'https://www.wikidata.org/wiki/' || $value
      else if (lower-case($idno/@type) = 'viaf') then 'https://viaf.org/viaf/' || $value
      else if (matches($value, '^https?://')) then $value else ()"/>
  </xsl:function>

  <!-- Whether the document transformed has breaks inside words: computed once per transformation. -->
  <xsl:variable name="t:breaks-words" as="xs:boolean" select="exists(//(tei:lb | tei:pb | tei:cb)[t:breaks-word(.)])"/>

  <xsl:key name="t:beside-break" match="tei:lb | tei:pb | tei:cb"
    use="if (t:breaks-word(.)) then (preceding-sibling::node()[1], following-sibling::node()[1])[self::text()] ! generate-id(.) else ()"/>

  <!-- A line break inside a word (TEI @break="no", or the older type="hyphenInWord") adds no space. -->
  <xsl:function name="t:breaks-word" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="$break/@break = 'no' or $break/@type = 'hyphenInWord'"/>
  </xsl:function>

  <!-- White space runs collapsed to one space, edges kept: replace(., '\s+', ' ') without a regular
       expression, which Saxon makes ten times slower on large texts. -->
  <xsl:variable name="t:white-space" as="xs:string*" select="' ', '&#9;', '&#10;', '&#13;'"/>

  <xsl:function name="t:collapse-space" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="inner" select="normalize-space($text)"/>
    <xsl:sequence select="if ($inner = '') then (if ($text = '') then '' else ' ')
      else (' '[substring($text, 1, 1) = $t:white-space]) || $inner
        || (' '[substring($text, string-length($text)) = $t:white-space])"/>
  </xsl:function>

  <!-- A text node as it flows in the output: white space runs become one space, and the white space next to
       a break inside a word (which only lays out the source's lines) disappears. -->
  <xsl:function name="t:flow" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="flowing" select="t:collapse-space(string($text))"/>
    <!-- The word breaks beside this text node, found through a key on the breaks (there are few). -->
    <xsl:variable name="breaks" select="if ($t:breaks-words) then key('t:beside-break', generate-id($text), root($text)) else ()"/>
    <xsl:variable name="after-break" select="exists($breaks[. &lt;&lt; $text])"/>
    <xsl:variable name="before-break" select="exists($breaks[. >> $text])"/>
    <xsl:variable name="flowing" select="if ($after-break) then replace($flowing, '^ ', '') else $flowing"/>
    <xsl:sequence select="if ($before-break) then replace($flowing, ' $', '') else $flowing"/>
  </xsl:function>

  <!-- The reading text of a choice: the corrected, regularised or expanded reading, else the first. -->
  <xsl:function name="t:reading" as="element()?">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="($choice/(tei:corr, tei:reg, tei:expan), $choice/*)[1]"/>
  </xsl:function>

  <!-- The text of a node as a reader sees it: in each choice only the reading (for forms in the index). -->
  <xsl:mode name="t:reading-text" on-no-match="text-only-copy"/>
  <xsl:template match="tei:choice" mode="t:reading-text">
    <xsl:apply-templates select="t:reading(.)" mode="t:reading-text"/>
  </xsl:template>

  <xsl:function name="t:reading-text" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="text" as="xs:string*"><xsl:apply-templates select="$node" mode="t:reading-text"/></xsl:variable>
    <xsl:sequence select="normalize-space(string-join($text))"/>
  </xsl:function>

  <xsl:function name="t:other-readings" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="string-join(($choice/* except t:reading($choice)) ! normalize-space(.), ' / ')"/>
  </xsl:function>

  <!-- Does the document leave quotation marks to the renderer? (TEI: quotation/@marks = 'none') -->
  <xsl:function name="t:adds-marks" as="xs:boolean">
    <xsl:param name="quotation" as="element()"/>
    <xsl:sequence select="root($quotation)/*/tei:teiHeader/tei:encodingDesc/tei:editorialDecl/tei:quotation/@marks = 'none'
      or $quotation/@rend = ('quotes', 'double-quotes', 'dq')"/>
  </xsl:function>

  <!-- A language code as BCP 47 wants it: ISO 639-2 codes that have a two-letter form take that form
       (eng becomes en); other codes pass when well-formed; anything else gives the empty string. -->
  <xsl:variable name="t:two-letter" as="map(xs:string, xs:string)" select="map {
    'eng': 'en', 'fre': 'fr', 'fra': 'fr', 'ger': 'de', 'deu': 'de', 'lat': 'la', 'ita': 'it', 'spa': 'es',
    'rus': 'ru', 'gre': 'el', 'ell': 'el', 'dut': 'nl', 'nld': 'nl', 'heb': 'he', 'ara': 'ar', 'pol': 'pl',
    'por': 'pt', 'cze': 'cs', 'ces': 'cs', 'swe': 'sv', 'dan': 'da', 'nor': 'no', 'hun': 'hu', 'fin': 'fi',
    'wel': 'cy', 'cym': 'cy', 'gle': 'ga', 'chi': 'zh', 'zho': 'zh', 'jpn': 'ja', 'tur': 'tr', 'ukr': 'uk'}"/>

  <xsl:function name="t:bcp47" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(string($code), '-')"/>
    <xsl:variable name="primary" select="lower-case($parts[1])"/>
    <xsl:variable name="tag" select="string-join((($t:two-letter($primary), $primary)[1], tail($parts)), '-')"/>
    <xsl:sequence select="if (matches($tag, '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$')) then $tag else ''"/>
  </xsl:function>

  <!-- An ISO 8601 value a date carries, usable as an HTML datetime. -->
  <xsl:function name="t:iso-date" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="($date/(@when, @from, @notBefore, @to, @notAfter)
      [matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')])[1] ! string(.)"/>
  </xsl:function>

  <!-- The header block. -->
  <xsl:function name="t:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="title" select="normalize-space(string(($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1]))"/>
    <xsl:sequence select="if ($title) then $title else 'Untitled document'"/>
  </xsl:function>

  <xsl:function name="t:authors" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="names" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author ! normalize-space(.)"/>
    <xsl:sequence select="if (exists($names[. != ''])) then string-join($names[. != ''], '; ') else ()"/>
  </xsl:function>

  <xsl:function name="t:date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="dates" select="
      $header/tei:profileDesc/tei:creation//tei:date,
      $header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date,
      $header/tei:fileDesc/tei:sourceDesc//tei:date,
      $header/tei:fileDesc/tei:publicationStmt/tei:date"/>
    <xsl:sequence select="($dates ! normalize-space(.))[. != ''][1]"/>
  </xsl:function>

  <xsl:function name="t:source" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="description" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="bibls" select="$description//(tei:bibl, tei:biblStruct, tei:msIdentifier)[not(ancestor::tei:note)]"/>
    <xsl:variable name="texts" select="(if (exists($bibls)) then $bibls else $description)
      ! normalize-space(string-join(.//(text()[not(ancestor::tei:note)] | tei:ptr/@target), ''))"/>
    <xsl:sequence select="if (exists($texts[. != ''])) then string-join($texts[. != ''], ' — ') else ()"/>
  </xsl:function>

  <xsl:function name="t:licence" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="availability" select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability"/>
    <xsl:variable name="texts" select="($availability/tei:licence, $availability[not(tei:licence)]) ! normalize-space(.)"/>
    <xsl:sequence select="if (exists($texts[. != ''])) then string-join($texts[. != ''], ' ') else ()"/>
  </xsl:function>

  <xsl:function name="t:citation" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="publication" select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt"/>
    <xsl:variable name="publisher" select="normalize-space(($publication/(tei:publisher, tei:authority, tei:distributor))[1])"/>
    <xsl:variable name="year" select="($publication/tei:date/@when ! substring(., 1, 4), normalize-space($publication/tei:date))[. != ''][1]"/>
    <xsl:sequence select="string-join((t:authors($tei), '“' || t:title($tei) || '”',
      ('TEI edition by ' || $publisher)[$publisher != ''], $year), ', ') || '.'"/>
  </xsl:function>

</xsl:stylesheet>
