<?xml version="1.0" encoding="UTF-8"?>
<!--
  apparatus.xsl: the critical apparatus (app, lem, rdg, rdgGrp, wit, listApp, listWit).

  The text shows the lemma (lem, else the first reading: see t:lemma in common.xsl) with a numbered marker;
  the readings, each with its witnesses' sigla, are in the Apparatus section after the text, never in the
  running text. An apparatus already set apart by the encoder (listApp, as EpiDoc does) is a list of entries
  where it stands. The witnesses (listWit) are listed with their sigla.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- In the text: the lemma and its marker. -->
  <xsl:template match="tei:app" mode="html">
    <span class="app">
      <xsl:apply-templates select="t:lemma(.) ! t:copied(.)/node()" mode="html">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="." mode="app-call-html"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:app" mode="text">
    <xsl:apply-templates select="t:lemma(.) ! t:copied(.)/node()" mode="text"/>
    <xsl:apply-templates select="." mode="app-call-text"/>
  </xsl:template>

  <!-- The marker, a link to the entry; where the text calls the entry, the spot its back-link leads to. -->
  <xsl:template match="tei:app" mode="app-call-html">
    <xsl:param name="called" as="xs:boolean" select="true()"/>
    <sup class="appref">
      <a>
        <xsl:attribute name="href" select="'#' || t:app-id(.)"/>
        <xsl:if test="$called"><xsl:attribute name="id" select="'ref-' || t:app-id(.)"/></xsl:if>
        <xsl:attribute name="role" select="'doc-noteref'"/>
        <xsl:attribute name="aria-label" select="'Apparatus entry ' || t:app-number(.)"/>
        <xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="t:app-marker(.)"/></a>
    </sup>
  </xsl:template>

  <xsl:template match="tei:app" mode="app-call-text">
    <xsl:value-of select="t:app-call(.)"/>
  </xsl:template>

  <!-- In an entry, an entry nested in one of its readings reads as its lemma (as in the plain text,
       t:reading-text), with its marker if it is listed: a link to its entry, not the spot the entry leads
       back to, which is in the text, or is the entry that calls it (t:calling-app). -->
  <xsl:template match="tei:app" mode="html" priority="2">
    <xsl:param name="t:in-entry" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$t:in-entry">
        <xsl:apply-templates select="t:lemma(.) ! t:copied(.)/node()" mode="html"/>
        <xsl:apply-templates select=".[t:is-listed(.)]" mode="app-call-html">
          <xsl:with-param name="called" select="false()"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note's lemma (t:is-note-lemma) reads as an entry where it stands: "loco]", then the note. -->
  <xsl:template match="tei:app[t:is-note-lemma(.)]" mode="html" priority="1">
    <span class="app"><xsl:apply-templates select="." mode="apparatus-html"/></span>
  </xsl:template>

  <xsl:template match="tei:app[t:is-note-lemma(.)]" mode="text" priority="1">
    <xsl:value-of select="t:apparatus-entry(.)"/>
  </xsl:template>

  <!-- An entry attached to the text by its end points (t:attachment) is not read where it stands: its marker
       follows the last element of its lemma (attachments.xsl). -->
  <xsl:template match="tei:app[exists(t:attachment(.))]" mode="html text"/>

  <!-- One entry: "lemma] SIGLA; reading SIGLA; reading WHO", in HTML with the sigla set apart: each
       reading, the lemma too, followed by its witnesses and by who proposed it (t:attribution), the readings
       apart from one another and from the lemma's witnesses by $t:reading-separator. -->
  <xsl:template match="tei:app" mode="apparatus-html">
    <xsl:variable name="lemma" select="t:lemma(.)"/>
    <xsl:variable name="variants" select="t:readings(.) except $lemma[self::tei:lem]"/>
    <xsl:for-each select="t:attached-text(.)[not($lemma/self::tei:lem)][. != '']">
      <span class="lemma"><xsl:value-of select="."/></span><xsl:text>] </xsl:text>
    </xsl:for-each>
    <xsl:if test="$lemma/self::tei:lem">
      <span class="lemma">
        <xsl:apply-templates select="t:copied($lemma)/node()" mode="html">
          <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          <xsl:with-param name="t:in-entry" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
      <xsl:value-of select="'] '[not(t:omits($lemma))]"/>
      <xsl:variable name="attribution" select="t:attribution-html($lemma)"/>
      <xsl:sequence select="$attribution"/>
      <xsl:value-of select="(if (exists($attribution) and exists($variants)) then $t:reading-separator else ())
        || ' '[exists($attribution)]"/>
    </xsl:if>
    <xsl:for-each select="$variants">
      <xsl:if test="position() gt 1"><xsl:value-of select="$t:reading-separator || ' '"/></xsl:if>
      <span class="reading">
        <xsl:apply-templates select="t:copied(.)/node()" mode="html">
          <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          <xsl:with-param name="t:in-entry" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:if test="t:omits(.)"><i>om.</i></xsl:if>
      </span>
      <xsl:variable name="attribution" select="t:attribution-html(.)"/>
      <xsl:value-of select="' '[exists($attribution)]"/>
      <xsl:sequence select="$attribution"/>
    </xsl:for-each>
    <!-- The entry's notes (a witness's detail, an editor's comment) after the readings, apart from the last
         siglum, as in the plain text (t:apparatus-entry). -->
    <xsl:variable name="readings" select="exists(t:readings(.))"/>
    <xsl:for-each select="* except t:readings(.) except tei:rdgGrp">
      <xsl:value-of select="' '[$readings or position() gt 1]"/>
      <xsl:apply-templates select="." mode="html">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
        <xsl:with-param name="t:in-entry" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- A reading's attribution (t:attribution) as the page draws it: its witnesses' sigla, apart, then who
       proposed it, each name set apart from the sigla by its look, the names joined as in the plain text. -->
  <xsl:function name="t:attribution-html" as="node()*">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="sigla" as="element()*">
      <xsl:for-each select="t:sigla($reading)"><span class="siglum"><xsl:value-of select="."/></span></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="proposers" as="node()*">
      <xsl:for-each select="t:proposers($reading)">
        <xsl:if test="position() gt 1"><xsl:value-of select="$t:proposer-separator"/></xsl:if>
        <span class="resp"><xsl:value-of select="."/></span>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$sigla">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:sequence select="."/>
    </xsl:for-each>
    <xsl:if test="exists($sigla) and exists($proposers)"><xsl:text> </xsl:text></xsl:if>
    <xsl:sequence select="$proposers"/>
  </xsl:function>

  <!-- In an entry, a mark of the witness's state or a sign for text where a reading has no words
       (t:reading-mark): its label, as the plain text reads it (t:apparatus-reading), never nothing. -->
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd | tei:space | tei:unclear" mode="html" priority="2">
    <xsl:param name="t:in-entry" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="mark" select="t:reading-mark(.)[$t:in-entry]"/>
    <xsl:choose>
      <xsl:when test="exists($mark)"><xsl:text> </xsl:text><i class="mark"><xsl:value-of select="$mark"/></i><xsl:text> </xsl:text></xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="t:apparatus-entry" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="lemma" select="t:lemma($app)"/>
    <xsl:variable name="variants" select="t:readings($app) except $lemma[self::tei:lem]"/>
    <xsl:variable name="readings" select="$variants ! string-join((
      (if (t:omits(.)) then 'om.' else t:apparatus-reading(.)),
      t:attribution(.)), ' ')"/>
    <xsl:sequence select="normalize-space(string-join((
      (t:attached-text($app)[not($lemma/self::tei:lem)][. != ''] ! (. || ']')),
      ($lemma[self::tei:lem] ! (string-join(((t:apparatus-reading(.) || ']')[not(t:omits($lemma))], t:attribution(.)), ' ')
        || $t:reading-separator[exists(t:attribution($lemma)) and exists($variants)])),
      string-join($readings, $t:reading-separator || ' '),
      ($app/(* except (tei:lem, tei:rdg, tei:rdgGrp))) ! normalize-space(.)), ' '))"/>
  </xsl:function>

  <xsl:template name="t:apparatus">
    <xsl:param name="apps" as="element(tei:app)*"/>
    <xsl:param name="witnesses" as="element(tei:witness)*"/>
    <xsl:if test="exists($apps)">
      <section class="apparatus" aria-labelledby="tt-apparatus">
        <h2 id="tt-apparatus"><xsl:sequence select="$t:interface-attributes"/>Apparatus</h2>
        <xsl:if test="exists($witnesses)">
          <dl class="witnesses">
            <xsl:for-each select="$witnesses">
              <dt class="siglum"><xsl:value-of select="t:siglum(.)"/></dt>
              <dd><xsl:apply-templates select="node() except tei:abbr" mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></dd>
            </xsl:for-each>
          </dl>
        </xsl:if>
        <ol>
          <xsl:for-each select="$apps">
            <li id="{t:app-id(.)}">
              <span class="note-number"><xsl:value-of select="t:listed-number(t:app-marker(.))"/></span>
              <xsl:text> </xsl:text>
              <xsl:apply-templates select="." mode="apparatus-html"/>
              <xsl:text> </xsl:text>
              <!-- Back to the marker in the text, or to the entry that calls this one (t:calling-app). -->
              <xsl:variable name="caller" select="t:calling-app(.)"/>
              <a class="backref" href="#{($caller ! t:app-id(.), 'ref-' || t:app-id(.))[1]}" role="doc-backlink"
                 aria-label="Back to {($caller ! ('apparatus entry ' || t:app-number(.)),
                   'the text at apparatus entry ' || t:app-number(.))[1]}">
                <xsl:sequence select="$t:interface-attributes"/>↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A list whose entries are all attached to the text (t:is-set-apart) or say nothing (t:is-empty-entry)
       has nothing to read where it stands; nor has such an entry. -->
  <xsl:template match="tei:listApp[empty(.//tei:app[t:is-set-apart(.)][not(t:is-empty-entry(.))])]" mode="html text"/>
  <xsl:template match="tei:app[t:is-empty-entry(.)]" mode="html text" priority="3"/>

  <!-- An apparatus the encoder set apart (t:is-set-apart): a list of entries, each with its line (an entry
       of EpiDoc's apparatus division outside a list is a paragraph of its own). -->
  <xsl:template match="tei:listApp" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="name" select="'ul'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="tei:app" mode="html"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Where an entry of a list of readings stands: a line number as "l. 3"; a location that names itself
       ("line 3", EpiDoc's fragment "frA") as it is written. An entry nested in another stands where that one
       does, unless it says. -->
  <xsl:function name="t:app-location" as="xs:string?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/ancestor-or-self::tei:app ! (@loc, @n)[1] ! normalize-space(.)[. != ''])[last()]
      ! (if (matches(., '^\d')) then 'l. ' || . else .)"/>
  </xsl:function>

  <!-- An entry of a list of readings, and after it each entry nested in its readings, which it reads as their
       lemmata: each is an entry of the list, with its line ("l. 39: cum mihi senior] tum senior mihi", then
       "l. 39: cum] N; tum V"). -->
  <!-- In a paragraph (IGCyr's), which can hold no paragraph, an entry is a line of it. -->
  <xsl:template match="tei:app[t:is-set-apart(.)]" mode="html" priority="1">
    <xsl:variable name="name" select="if (parent::tei:listApp) then 'li' else if (parent::tei:div) then 'p' else 'span'"/>
    <xsl:for-each select="., .//tei:app">
      <xsl:if test="$name = 'span' and (position() gt 1 or exists(current()/preceding-sibling::tei:app))"><br/></xsl:if>
      <xsl:element name="{$name}">
        <xsl:attribute name="class" select="'app'"/>
        <xsl:attribute name="id" select="t:anchor(.)"/>
        <xsl:for-each select="t:app-location(.)">
          <span class="loc"><xsl:value-of select=". || ': '"/></span>
        </xsl:for-each>
        <xsl:apply-templates select="." mode="apparatus-html"/>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:app[t:is-set-apart(.)]" mode="text" priority="1">
    <xsl:for-each select="., .//tei:app">
      <xsl:sequence select="$t:break"/>
      <xsl:value-of select="string-join((t:app-location(.) ! (. || ':'), t:apparatus-entry(.)), ' ')"/>
      <xsl:sequence select="$t:break"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:app[t:is-set-apart(.)]/tei:note" mode="html">
    <span class="app-note"><xsl:call-template name="phrase-content"/></span>
  </xsl:template>

</xsl:stylesheet>
