<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: one HTML5 page for a TEI document: a header block from the header model, a table of contents for long
  documents, the text (and the source's diplomatic transcription, sourceDoc), its apparatus and its notes.
  The genre modules it imports (transcription, drama, verse, apparatus, figures, letters, epidoc, records,
  dictionary) render their elements; this module renders prose, names, dates and links.

  Offline and self-contained: one local stylesheet (style.css), no remote resources, a few lines of optional
  script. Blocks become HTML blocks, phrases become spans; a block that stands inside a phrase becomes a span
  too (the tunnel parameter $inline), so that the page stays valid HTML whatever the TEI nesting. An element
  without a rule of its own renders its content: no text is dropped.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xmlns:me="http://www.menota.org/ns/1.0"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="page.xsl"/>
  <xsl:import href="transcription.xsl"/>
  <xsl:import href="drama.xsl"/>
  <xsl:import href="verse.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="figures.xsl"/>
  <xsl:import href="letters.xsl"/>
  <xsl:import href="epidoc.xsl"/>
  <xsl:import href="records.xsl"/>
  <xsl:import href="dictionary.xsl"/>
  <xsl:include href="renditions.xsl"/>
  <xsl:include href="attachments.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The divisions, by name, and as a pattern of names (both static): the rules for divisions use the
       pattern (shadow attributes, _match), so that Saxon tries them on these elements only; a predicate on
       local-name() was tried on every element of the text. A search for divisions compares names: the
       pattern as a step, //(*:div | *:div1 ...), is a union evaluated at every node. Any namespace, as
       before (a TEI example, egXML, renders like the text); the rules keep that predicate's priority (0.5). -->
  <xsl:variable name="divisions" static="yes" as="xs:string*"
    select="'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'front', 'body', 'back', 'group'"/>
  <xsl:variable name="t:division-pattern" static="yes" as="xs:string"
    select="string-join($divisions ! ('*:' || .), ' | ')"/>

  <xsl:template match="/">
    <xsl:variable name="tei" select="(tei:TEI, tei:teiCorpus)[1]"/>
    <xsl:variable name="texts" select="//tei:text[not(ancestor::tei:text)] | //tei:sourceDoc"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="lang" select="$t:document-language"/>
      <xsl:with-param name="dir" select="$t:document-direction[. = 'rtl']"/>
      <xsl:with-param name="interface" select="$t:interface-attributes"/>
      <xsl:with-param name="title" select="t:title()"/>
      <xsl:with-param name="subtitle" select="t:subtitle()"/>
      <xsl:with-param name="head-title" select="t:full-title()"/>
      <xsl:with-param name="tei" select="$tei" tunnel="yes"/>
      <xsl:with-param name="texts" select="$texts" tunnel="yes"/>
      <xsl:with-param name="layers" select="t:has-layers($texts)" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Whether the texts hold readings of the source beside the reading text (a choice's, MENOTA's levels):
       then the page has the button that shows them, and its script. -->
  <xsl:function name="t:has-source-readings" as="xs:boolean">
    <xsl:param name="texts" as="element()*"/>
    <xsl:sequence select="exists($texts//(tei:choice | me:facs | me:dipl | me:norm))"/>
  </xsl:function>

  <!-- The parts of the page (page.xsl), with the texts of the document (text and sourceDoc) and whether they
       have a diplomatic layer. -->
  <xsl:template name="t:page-header">
    <xsl:param name="texts" as="element()*" tunnel="yes"/>
    <xsl:param name="layers" as="xs:boolean" tunnel="yes"/>
    <xsl:call-template name="metadata"/>
    <xsl:call-template name="t:layers">
      <xsl:with-param name="layers" select="$layers"/>
    </xsl:call-template>
    <xsl:if test="t:has-source-readings($texts)">
      <button type="button" id="tt-toggle" aria-pressed="false" hidden=""><xsl:sequence select="$t:interface-attributes"/>Show the source's readings</button>
    </xsl:if>
  </xsl:template>

  <xsl:template name="t:page-before-main">
    <xsl:param name="layers" as="xs:boolean" tunnel="yes"/>
    <xsl:call-template name="t:layer-target">
      <xsl:with-param name="layers" select="$layers"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="t:page-content">
    <xsl:param name="texts" as="element()*" tunnel="yes"/>
    <xsl:call-template name="contents">
      <xsl:with-param name="texts" select="$texts"/>
    </xsl:call-template>
    <xsl:apply-templates select="$texts" mode="html"/>
  </xsl:template>

  <xsl:template name="t:page-after">
    <xsl:param name="texts" as="element()*" tunnel="yes"/>
    <xsl:call-template name="t:source-description">
      <xsl:with-param name="descriptions" select="t:source-descriptions(/)"/>
    </xsl:call-template>
    <xsl:call-template name="t:apparatus">
      <xsl:with-param name="apps" select="t:listed-apps($texts)"/>
      <xsl:with-param name="witnesses" select="t:cited-witnesses($texts)"/>
    </xsl:call-template>
    <xsl:call-template name="notes">
      <xsl:with-param name="notes" select="$t:footnotes"/>
    </xsl:call-template>
    <!-- The script's text is copied as it stands here, its indentation included. -->
    <xsl:if test="t:has-source-readings($texts)">
      <script>
            const toggle = document.getElementById('tt-toggle');
            toggle.hidden = false;
            toggle.addEventListener('click', () => {
              const shown = toggle.getAttribute('aria-pressed') !== 'true';
              toggle.setAttribute('aria-pressed', String(shown));
              document.querySelectorAll('.choice > .original').forEach((e) => { e.hidden = !shown; });
            });
          </script>
    </xsl:if>
  </xsl:template>

  <!-- A table of contents for long documents (three headed divisions or more), from the div/head tree. The
       headed divisions are found from their headings, and the divisions whose type implies one (EpiDoc's
       divs) by name: Saxon finds elements by name at once, where comparing every element's name with the
       division names was 7 % of the corpus's pages. -->
  <xsl:template name="contents">
    <xsl:param name="texts" as="element()*"/>
    <xsl:if test="exists(($texts//tei:head/parent::*[local-name() = $divisions] | $texts//tei:div[t:implied-heading(.)])[3])">
      <nav class="toc" aria-labelledby="tt-contents">
        <h2 id="tt-contents"><xsl:sequence select="$t:interface-attributes"/>Contents</h2>
        <ol><xsl:apply-templates select="$texts/self::tei:text/* | $texts/self::tei:sourceDoc" mode="contents"/></ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A headed division is an entry, its headed subdivisions a list inside it; others pass their own on. -->
  <xsl:template _match="{$t:division-pattern}" mode="contents" priority="0.5">
    <xsl:variable name="inner" as="element()*">
      <xsl:apply-templates select="*" mode="contents"/>
    </xsl:variable>
    <xsl:variable name="heading" select="(tei:head[1] ! t:reading-text(.), t:implied-heading(.))[. != ''][1]"/>
    <xsl:choose>
      <xsl:when test="$heading">
        <li>
          <a href="#{t:anchor(.)}"><xsl:value-of select="$heading"/></a>
          <xsl:if test="exists($inner)"><ol><xsl:sequence select="$inner"/></ol></xsl:if>
        </li>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$inner"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A source's transcription is an entry, under its heading (t:surface-heading). -->
  <xsl:template match="tei:sourceDoc" mode="contents">
    <li><a href="#{t:anchor(.)}"><xsl:value-of select="t:surface-heading(.)"/></a></li>
  </xsl:template>

  <xsl:template match="tei:text | tei:floatingText" mode="contents">
    <xsl:apply-templates select="*" mode="contents"/>
  </xsl:template>

  <xsl:template match="node()" mode="contents"/>

  <xsl:template name="metadata">
    <dl class="metadata">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Author'"/>
        <xsl:with-param name="value" select="t:authors()"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Date'"/>
        <xsl:with-param name="value" select="t:date()"/>
      </xsl:call-template>
      <xsl:call-template name="t:correspondence-fields"/>
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Source'"/>
        <xsl:with-param name="value" select="t:source()"/>
      </xsl:call-template>
      <xsl:call-template name="licence"/>
    </dl>
    <!-- The citation's words are teitools's: on a right-to-left page they run left to right. -->
    <p class="citation"><xsl:if test="$t:document-direction != $t:interface-direction"><xsl:attribute name="dir"
      select="$t:interface-direction"/></xsl:if><strong><xsl:sequence select="$t:interface-attributes"/>Cite as:</strong><xsl:text> </xsl:text><xsl:apply-templates select="t:citation()" mode="t:header-words"/></p>
  </xsl:template>

  <!-- Words of the header among teitools's own: a value written in the other direction than theirs
       (t:crosses-direction) is isolated from the words and marks around it (bdi), its direction its own. -->
  <xsl:mode name="t:header-words" on-no-match="text-only-copy"/>
  <xsl:template match="t:value" mode="t:header-words">
    <xsl:choose>
      <xsl:when test="t:crosses-direction(., $t:interface-direction)"><bdi><xsl:value-of select="."/></bdi></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A licence written out in full (a Creative Commons deed, 1,400 characters, a screen long) folds away
       behind its first words, so that the text begins where a reader looks for it; a statement of a few
       sentences (the edition's own) stays open. -->
  <xsl:variable name="t:folded-licence" as="xs:integer" select="800"/>

  <xsl:template name="licence">
    <xsl:variable name="licence" select="t:licence()"/>
    <xsl:choose>
      <xsl:when test="string-length($licence) gt $t:folded-licence">
        <dt><xsl:sequence select="$t:interface-attributes"/>Licence</dt>
        <dd>
          <details>
            <summary><xsl:value-of select="string-join(subsequence(tokenize($licence), 1, 12), ' ') || ' …'"/></summary>
            <xsl:value-of select="$licence"/>
          </details>
        </dd>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'Licence'"/>
          <xsl:with-param name="value" select="$licence"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="field">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="$value">
      <dt><xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="$label"/></dt>
      <!-- A field's value written in the other direction than the page's takes the direction of its letters. -->
      <dd><xsl:if test="t:runs-against($value, $t:document-direction)"><xsl:attribute name="dir" select="'auto'"/></xsl:if><xsl:value-of select="$value"/></dd>
    </xsl:if>
  </xsl:template>

  <!-- The descriptions of the source the header holds (a manuscript's), each as its own record. -->
  <xsl:template name="t:source-description">
    <xsl:param name="descriptions" as="element()*"/>
    <xsl:if test="exists($descriptions)">
      <section class="source-description" aria-labelledby="tt-source">
        <h2 id="tt-source"><xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="$t:source-description-heading"/></h2>
        <xsl:apply-templates select="$descriptions" mode="html"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="notes">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="tt-notes">
        <h2 id="tt-notes"><xsl:sequence select="$t:interface-attributes"/>Notes</h2>
        <ol>
          <xsl:for-each select="$notes">
            <li id="{t:anchor(.)}">
              <span class="note-number"><xsl:value-of select="t:listed-number(t:note-number(.))"/></span>
              <xsl:text> </xsl:text>
              <xsl:apply-templates mode="html"/>
              <xsl:text> </xsl:text>
              <a class="backref" href="#ref-{t:anchor(.)}" role="doc-backlink"
                 aria-label="Back to the text at note {t:note-number(.)}">
                <xsl:sequence select="$t:interface-attributes"/>↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Blocks and phrases -->


  <xsl:template match="tei:teiHeader" mode="html"/>

  <!-- Browsers collapse white space themselves: text is copied as it is, except in documents with breaks
       inside words, where the white space beside those breaks must go, or with spans (t:in-spans). -->
  <xsl:template match="text()[$t:text-rules]" mode="html">
    <xsl:variable name="text" select="if ($t:breaks-words) then t:flow(.) else string(.)"/>
    <xsl:choose>
      <xsl:when test="$t:has-spans"><xsl:sequence select="t:in-spans(., $text)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template _match="{$t:division-pattern}" mode="html" priority="0.5">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="division" select="."/>
    <xsl:element name="{if ($inline) then 'span' else if (starts-with(local-name(), 'div')) then 'section' else 'div'}">
      <xsl:attribute name="class" select="string-join((local-name(), @type), ' ')"/>
      <xsl:attribute name="id" select="t:anchor(.)"/>
      <xsl:for-each select="t:implied-heading(.)[not($inline)]">
        <xsl:element name="h{t:heading-level($division)}">
          <xsl:attribute name="class" select="'head'"/>
          <xsl:sequence select="$t:interface-attributes"/>
          <xsl:value-of select="."/>
        </xsl:element>
      </xsl:for-each>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <!-- A division's heading is a level below its parent's; in a corpus (teiCorpus), below its document's title. -->
  <xsl:function name="t:heading-level" as="xs:integer">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="depth" select="count($division/ancestor-or-self::*[local-name() = $divisions][not(self::tei:body | self::tei:front | self::tei:back)])"/>
    <xsl:sequence select="min((6, 1 + max((1, $depth)) + count($division/ancestor::tei:teiCorpus)))"/>
  </xsl:function>

  <!-- A document of a corpus: its text headed by its title (t:part-title). -->
  <xsl:template match="tei:text[exists(t:part-title(.))]" mode="html" priority="1">
    <section class="part" id="{t:anchor(..)}">
      <xsl:element name="h{min((6, 1 + count(ancestor::tei:teiCorpus)))}">
        <xsl:attribute name="class" select="'head'"/>
        <xsl:value-of select="t:part-title(.)"/>
      </xsl:element>
      <xsl:next-match/>
    </section>
  </xsl:template>

  <!-- An authority list without a heading gets the one it implies (t:list-heading), at the level its
       division's would have (there is none). -->
  <xsl:template _match="{$t:headed-list-pattern}" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="list" select="."/>
    <xsl:for-each select="t:list-heading(.)[not($inline)]">
      <xsl:element name="h{t:heading-level($list)}">
        <xsl:attribute name="class" select="'head'"/>
        <xsl:sequence select="$t:interface-attributes"/>
        <xsl:value-of select="."/>
      </xsl:element>
    </xsl:for-each>
    <xsl:next-match/>
  </xsl:template>

  <!-- A division the source leaves to be generated from another of its parts (divGen corresp="#sl1", a view
       of a transcription) links to that part, which the page shows elsewhere (t:generated-from). -->
  <xsl:template match="tei:divGen" mode="html">
    <xsl:for-each select="t:generated-from(.)">
      <xsl:variable name="link" as="element()"><a href="#{t:anchor(.)}"><xsl:value-of select="t:generated-label(.)"/></a></xsl:variable>
      <p class="divGen"><xsl:sequence select="t:see($link)"/></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:head" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="name" select="
      if ($inline) then 'span'
      else if (parent::*[local-name() = $divisions]) then 'h' || t:heading-level(..)
      else 'p'"/>
    <xsl:element name="{$name}">
      <xsl:call-template name="t:block-attributes"/>
      <xsl:apply-templates mode="html">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph is an HTML p unless it holds blocks (lists, verse, block quotations): then a div. -->
  <xsl:template match="tei:p | tei:ab | tei:salute | tei:signed | tei:dateline | tei:byline
                       | tei:docAuthor | tei:docDate | tei:trailer" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- Only a quotation can be a block quotation: the test for one is asked of quotations only (asked of
         every element inside every paragraph, it was 5 % of the page). -->
    <xsl:variable name="holds-blocks" select="exists(.//*[t:is-block(.) or self::tei:quote[t:is-block-quote(.)]][not(ancestor::tei:note)])"/>
    <!-- A title page's line inside another line (an imprint's date) is a phrase of it. -->
    <xsl:variable name="phrase" select="$inline or not(t:is-block(.))"/>
    <xsl:element name="{if ($phrase) then 'span' else if ($holds-blocks) then 'div' else 'p'}">
      <xsl:call-template name="t:block-attributes"/>
      <xsl:apply-templates mode="html">
        <xsl:with-param name="inline" select="$phrase or not($holds-blocks)" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>



  <xsl:template match="tei:quote | tei:q | tei:said" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="block" select="t:is-block-quote(.) and not($inline)"/>
    <xsl:variable name="marks" select="t:adds-marks(.) and not($block)"/>
    <xsl:element name="{if ($block) then 'blockquote' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates select="(@who, @source)[1]" mode="attribution"/>
      <xsl:choose>
        <xsl:when test="$marks">
          <xsl:variable name="reference" select="t:quotation-reference(.)"/>
          <xsl:apply-templates select="$reference" mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:call-template name="t:quoted">
            <xsl:with-param name="content" as="node()*">
              <xsl:apply-templates select="node() except $reference" mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="html">
            <xsl:with-param name="inline" select="not($block)" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="@who | @source" mode="attribution">
    <xsl:variable name="entry" select="t:entry(.)"/>
    <xsl:if test="$entry">
      <xsl:attribute name="title" select="(if (local-name() = 'who') then 'Said by ' else 'Quoted from ') || t:normalized-name($entry)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:ruby" mode="html">
    <ruby><xsl:call-template name="phrase-content"/></ruby>
  </xsl:template>

  <xsl:template match="tei:ruby/tei:rt" mode="html">
    <rp><xsl:value-of select="$t:ruby-marks[1]"/></rp>
    <rt><xsl:call-template name="phrase-content"/></rt>
    <rp><xsl:value-of select="$t:ruby-marks[2]"/></rp>
  </xsl:template>

  <xsl:template match="tei:soCalled" mode="html">
    <span class="socalled"><xsl:call-template name="phrase-content"/></span>
  </xsl:template>

  <!-- Notes: a numbered marker here; the note itself in the Notes section. -->
  <!-- A footnote's marker stands where the note is, or where the pointer that calls it is (t:called-note). -->
  <xsl:template match="tei:note[t:is-footnote(.)]" mode="html">
    <xsl:apply-templates select=".[empty(t:call-of(.))]" mode="note-call"/>
  </xsl:template>

  <!-- A note read where it stands (t:is-note-in-place): a block of its own, classed by its type. -->
  <xsl:template match="tei:note[t:is-note-in-place(.)]" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="class" select="'note', string(@type)[. != '']"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A note read inline (t:is-inline-note): a phrase between its marks. -->
  <xsl:template match="tei:note[t:is-inline-note(.)]" mode="html">
    <xsl:variable name="spaces" select="t:spaces-around(.)"/>
    <xsl:value-of select="$spaces[1]"/>
    <span>
      <xsl:call-template name="t:block-attributes">
        <xsl:with-param name="class" select="'note', 'inline', string(@type)[. != '']"/>
      </xsl:call-template>
      <xsl:call-template name="t:quoted">
        <xsl:with-param name="content" as="node()*"><xsl:call-template name="phrase-content"/></xsl:with-param>
        <xsl:with-param name="marks" select="t:inline-note-marks(.)"/>
      </xsl:call-template>
    </span>
    <xsl:value-of select="$spaces[2]"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-call">
    <sup class="noteref">
      <a href="#{t:anchor(.)}" id="ref-{t:anchor(.)}" role="doc-noteref"
         aria-label="Note {t:note-number(.)}">
        <xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="t:call-mark(t:note-number(.), (t:call-of(.), .)[1], true())"/></a>
    </sup>
  </xsl:template>

  <!-- Editorial interventions -->

  <xsl:template match="tei:choice" mode="html">
    <xsl:call-template name="t:choice">
      <xsl:with-param name="reading" select="t:reading(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A word's MENOTA levels (t:is-level-read) are drawn as a choice of them, where the word holds them. -->
  <xsl:template match="me:facs | me:dipl | me:norm" mode="html">
    <xsl:if test="t:is-level-read(.)">
      <xsl:call-template name="t:choice">
        <xsl:with-param name="reading" select="."/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A choice's reading, its other readings its title (or that the source has none: MENOTA's normalised
       punctuation), and beside it where the source's readings are shown. -->
  <xsl:template name="t:choice">
    <xsl:param name="reading" as="element()?"/>
    <xsl:variable name="others" select="t:other-readings(if ($reading is .) then .. else .)"/>
    <span class="choice">
      <!-- The reading's content, between the signs its own rule would draw around it (a correction's ⌈ ⌉). -->
      <xsl:variable name="signs" select="$reading ! t:drawn-signs(.)"/>
      <span class="reading" title="{if ($others) then 'The source reads: ' || $others else 'Not in the source'}">
        <xsl:value-of select="$signs[1]"/>
        <xsl:apply-templates select="$reading/node()" mode="html">
          <xsl:with-param name="inline" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:value-of select="$signs[2]"/>
      </span>
      <span class="original" hidden=""><xsl:value-of select="if ($others) then ' [source: ' || $others || ']' else ' [not in the source]'"/></span>
    </span>
  </xsl:template>


  <!-- In an apparatus entry (apparatus.xsl), a line, page or column break of its lemma or a reading is what
       it reads as between the words (t:between-words): the entry quotes words, not the lines and pages of the
       text, whose labels and anchors the text has (drawn again, they were ids the page had twice). Here, not
       in apparatus.xsl, so that the rules of the modules imported after it (an edition's lines, epidoc.xsl)
       do not take precedence. -->
  <xsl:template match="tei:lb | tei:pb | tei:cb" mode="html" priority="3">
    <xsl:param name="t:in-entry" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$t:in-entry"><xsl:value-of select="t:between-words(.)"/></xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Inline binary data and anchors show nothing (graphic, in figures.xsl, shows images); an anchor with an
       id stays a spot that pointers can lead to, and where the notes attached to it are called
       (t:notes-called-at). -->
  <xsl:template match="tei:binaryObject | tei:anchor" mode="html"/>
  <xsl:template match="tei:anchor[@xml:id]" mode="html">
    <span class="anchor" id="{t:anchor(.)}"/>
    <xsl:apply-templates select="t:notes-called-at(.)" mode="note-call"/>
  </xsl:template>

  <!-- A sense numbered by @n shows its number (t:sense-number). -->
  <xsl:template match="tei:sense[@n]" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="before" as="node()*">
        <xsl:for-each select="t:sense-number(.)"><span class="sense-number"><xsl:value-of select="."/></span><xsl:text> </xsl:text></xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A structured bibliographic reference, or one written as fields alone (t:is-written-as-fields), reads as
       a citation (t:cited-parts): a block in a bibliography, else a phrase. -->
  <xsl:template match="tei:biblStruct | tei:bibl[t:is-written-as-fields(.)]" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="t:is-block(.) and not($inline)">
        <xsl:call-template name="t:html-block">
          <xsl:with-param name="content" as="node()*"><xsl:call-template name="t:cited-parts"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="t:cited-parts"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names, dates, titles, references -->

  <!-- A mention (t:mention-kind) links to its entry in its index and carries the id that the index's
       occurrence line links back to. A mention inside a link (a nested name, a name in a web link), or around
       one (t:holds-calls: a call of a note or an apparatus entry), keeps its id but does not link: HTML has no
       links inside links. Quoted again in an apparatus entry (a date of the lemma), it is the text's words
       only: the mention and its id are in the text. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:name | tei:rs | tei:title
                       | tei:bibl | tei:date" mode="html" priority="2">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="t:in-entry" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="kind" select="t:mention-kind(.)"/>
    <xsl:variable name="index" select="$t:indexes[?kind = $kind]"/>
    <xsl:choose>
      <xsl:when test="empty($index) or $t:in-entry">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="$in-link or t:holds-calls(.)">
        <span class="mention {$kind}" id="{t:anchor(.)}"><xsl:next-match/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="record" select="t:record(.)"/>
        <a class="mention {$kind}" id="{t:anchor(.)}" href="{$index?href}#{t:entry-id(.)}">
          <xsl:if test="$record or (self::tei:date and t:date-key(.))">
            <xsl:attribute name="title" select="if ($record) then t:normalized-name($record) else t:date-label(.)"/>
          </xsl:if>
          <xsl:next-match>
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:next-match>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:persName | tei:name | tei:rs | tei:placeName | tei:orgName | tei:geogName" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" select="t:entry(@ref)"/>
    <span class="{local-name()}">
      <xsl:if test="$entry and not($in-link)">
        <xsl:attribute name="title" select="t:normalized-name($entry)"/>
      </xsl:if>
      <xsl:call-template name="phrase-content"/>
    </span>
  </xsl:template>

  <!-- A date with an ISO value is an HTML time, except before the common era, which HTML's dates cannot say; a
       date that says nothing but its value shows it (t:unwritten-date). -->
  <xsl:template match="tei:date | tei:time" mode="html">
    <xsl:variable name="iso" select="t:iso-date(.)[not(starts-with(., '-'))]"/>
    <xsl:element name="{if ($iso) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="$iso">
        <xsl:attribute name="datetime" select="$iso"/>
      </xsl:if>
      <xsl:call-template name="phrase-content"/>
      <xsl:value-of select="self::tei:date[not(node())] ! t:unwritten-date(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:title" mode="html">
    <cite><xsl:call-template name="phrase-content"/></cite>
  </xsl:template>

  <!-- Highlighting: the HTML element its first known @rend keyword calls for (none: emphasis), with a class
       for every keyword and the document's own CSS; a rend the renderer does not know is no longer italic. In
       an edition, a highlight that marks its letters (a ligature, a line above: t:letter-mark) draws the
       marks, with their class and tooltip. -->
  <xsl:template match="tei:hi" mode="html">
    <xsl:variable name="rend" select="t:rend-classes(.)"/>
    <!-- Only a highlight with a rendition can mark its letters: others are not asked (2,000 in a print). -->
    <xsl:variable name="mark" select="if (@rend) then t:letter-mark(.) else ()"/>
    <xsl:element name="{
      if (not(@rend or @rendition or @style)) then 'em'
      else if ($rend = 'rend-italic') then 'i' else if ($rend = 'rend-bold') then 'b'
      else if ($rend = 'rend-sup') then 'sup' else if ($rend = 'rend-sub') then 'sub'
      else if ($rend = 'rend-underline') then 'u' else if ($rend = ('rend-strikethrough', 'rend-overstrike')) then 's'
      else 'span'}">
      <xsl:if test="exists($rend) or @rend">
        <xsl:attribute name="class" select="string-join(('hi', $rend, $mark?class), ' ')"/>
      </xsl:if>
      <xsl:if test="exists($mark)"><xsl:attribute name="title" select="$mark?title"/></xsl:if>
      <xsl:call-template name="t:style"/>
      <xsl:call-template name="t:marked-phrase-content">
        <xsl:with-param name="mark" select="$mark"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph" mode="html">
    <em><xsl:call-template name="phrase-content"/></em>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:mentioned | tei:gloss" mode="html">
    <i class="{local-name()}">
      <xsl:call-template name="t:language-attributes"/>
      <xsl:call-template name="phrase-content"/>
    </i>
  </xsl:template>

  <!-- Links to the web; a pointer with several targets links to the first. -->
  <xsl:template match="tei:ref[matches(@target, '^https?://')]" mode="html">
    <a href="{tokenize(@target)[1]}">
      <xsl:call-template name="phrase-content">
        <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
      </xsl:call-template>
      <xsl:value-of select="t:pointer-label(.)[not(current()/node())]"/>
    </a>
  </xsl:template>

  <!-- A reference with words of its own to a spot of the page ("see the introduction") links there; one that
       leads nowhere the page shows keeps its words. -->
  <xsl:template match="tei:ref[node()][not(matches(@target, '^https?://'))]" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="anchor" select="t:pointed-anchor(.)[not($in-link)]"/>
    <xsl:choose>
      <xsl:when test="exists($anchor)">
        <a class="ref" href="#{$anchor}">
          <xsl:call-template name="phrase-content">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:call-template>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A pointer without content shows where it points (t:pointer-label), so the sentence keeps its word; it
       links there when that is in the page, and calls the footnote it points to. -->
  <xsl:template match="tei:ref[not(node())][not(matches(@target, '^https?://'))] | tei:ptr[not(matches(@target, '^https?://'))]" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="anchor" select="t:pointed-anchor(.)[not($in-link)]"/>
    <xsl:choose>
      <xsl:when test="t:called-note(.)"><xsl:apply-templates select="t:called-note(.)" mode="note-call"/></xsl:when>
      <xsl:when test="exists($anchor)"><a class="{local-name()}" href="#{$anchor}"><xsl:value-of select="t:pointer-label(.)"/></a></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="name" select="local-name()"/>
        <xsl:for-each select="t:pointer-label(.)[. != '']"><span class="{$name}"><xsl:value-of select="."/></span></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ptr[matches(@target, '^https?://')]" mode="html">
    <a href="{tokenize(@target)[1]}"><xsl:value-of select="@target"/></a>
  </xsl:template>

  <!-- Two fields side by side (t:follows-field): what goes between them (t:field-separator), then the field as
       its rule draws it. -->
  <xsl:template _match="{$t:field-pattern}" mode="html" priority="10">
    <xsl:value-of select="t:field-separator(.)"/>
    <xsl:next-match/>
  </xsl:template>

  <!-- An example of encoding shows its markup (t:example-markup). -->
  <xsl:template match="eg:egXML" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="code"><code class="egXML"><xsl:value-of select="t:example-markup(.)"/></code></xsl:variable>
    <xsl:choose>
      <xsl:when test="$inline"><xsl:sequence select="$code"/></xsl:when>
      <xsl:otherwise><pre class="egXML"><xsl:sequence select="$code"/></pre></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
