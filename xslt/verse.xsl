<?xml version="1.0" encoding="UTF-8"?>
<!--
  verse.xsl: verse (lg, l). Stanzas stand apart; each line on its own, every fifth line numbered (from @n
  where it is a number, else counted: see t:verse-lines in common.xsl); a half-line that continues a line
  (@part M or F) begins where the parts before it end (t:part-indent: on the page a padding of as many ch,
  approximate in a proportional font; in the plain text as many no-break spaces, which survive the text's
  white space normalisation), and is not counted. Not an invisible copy of the parts before as a spacer:
  their words would be in the page twice for a search, a copy or a reader without CSS.
  Plain text: one line per verse line, a blank line between stanzas. In an edition, a line of the support
  beginning with a verse line opens it with Leiden's "|" (t:opening-division).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A caesura divides a line into half-lines (Old English verse): a wide space between them, in either look,
       where white space alone would collapse into an ordinary one or glue them. -->
  <xsl:variable name="t:caesura" as="xs:string" select="'&#x2003;'"/>
  <xsl:template match="tei:caesura" mode="html text">
    <xsl:value-of select="$t:caesura"/>
  </xsl:template>

  <!-- A line made of segments alone, two or more, is a line of half-lines (OpenArabicPE's bayt: <l type="bayt">
       <seg>…</seg> <seg>…</seg></l>, a hemistich each): a half-line is apart from the one before by the space
       of a caesura, where the white space between them read the bayt as one run of words. Asked of a line's
       segments only. -->
  <xsl:function name="t:is-half-line" as="xs:boolean">
    <xsl:param name="seg" as="element(tei:seg)"/>
    <xsl:sequence select="exists($seg/parent::tei:l[count(tei:seg) gt 1][not(text()[normalize-space()])])"/>
  </xsl:function>
  <xsl:template match="tei:l/tei:seg[preceding-sibling::tei:seg][t:is-half-line(.)]" mode="html text" priority="1">
    <xsl:value-of select="$t:caesura"/>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="tei:l" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="class" select="'l', @part ! ('part-' || upper-case(.))"/>
      <xsl:with-param name="before" as="element()*">
        <xsl:for-each select="t:verse-number(.)">
          <span class="linenumber"><xsl:value-of select="."/></span>
        </xsl:for-each>
        <xsl:for-each select="t:opening-division(.)[. != '']"><span class="division"><xsl:value-of select="."/></span></xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="phrase" select="true()"/>
      <xsl:with-param name="css" select="(.[@part = ('M', 'F')] ! t:part-indent(.))
        ! (t:line-start(current()) || ': calc(' || $t:hanging-indent || ' + ' || . || 'ch)')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A poem whose lines and stanzas are marked by milestones alone (Folger's poems: <ab><milestone
       unit="stanza"/><milestone unit="line" n="1"/><w>Even</w>…, no l or lg) breaks where they stand, as lines
       and stanzas would: a line on its own, a stanza apart, every fifth numbered line numbered. No break where
       the milestone opens its block (t:opens-block), nor after another milestone that breaks already (a
       stanza's first line), nor before a block (Seneca's <milestone unit="line"/> before each l, whose
       line stands apart already); in the page, nor after a line break, which draws the new line there (lb). Other units (a page, a section, EpiDoc's verse within an inscription's
       line) mark a place to cite, not a break of the reading text. -->
  <xsl:variable name="t:milestone-breaks" as="map(xs:string, xs:string)"
    select="map { 'line': 'line', 'stanza': 'stanza', 'lg': 'stanza', 'tei:l': 'line', 'tei:lg': 'stanza' }"/>
  <!-- The unit a milestone marks among the words of a block: none before a block, or at a block's end. -->
  <xsl:function name="t:milestone-unit" as="xs:string?">
    <xsl:param name="milestone" as="element()"/>
    <xsl:variable name="after" select="$milestone/following-sibling::node()[self::* or normalize-space()][1]"/>
    <xsl:sequence select="$milestone/self::tei:milestone/$t:milestone-breaks(lower-case(normalize-space(@unit)))
      [exists($after) and not($after/self::*[t:is-block(.)])]"/>
  </xsl:function>
  <xsl:function name="t:milestone-break" as="xs:string?">
    <xsl:param name="milestone" as="element(tei:milestone)"/>
    <xsl:variable name="before" select="$milestone/preceding-sibling::node()[self::* or normalize-space()][1]"/>
    <xsl:sequence select="t:milestone-unit($milestone)[not($before/self::tei:milestone[exists(t:milestone-unit(.))])]
      [not(t:opens-block($milestone))]"/>
  </xsl:function>
  <xsl:function name="t:milestone-number" as="xs:integer?">
    <xsl:param name="milestone" as="element(tei:milestone)"/>
    <xsl:sequence select="$milestone[t:milestone-unit(.) = 'line'][matches(@n, '^\s*\d+\s*$')]/xs:integer(@n)[. mod 5 = 0]"/>
  </xsl:function>

  <xsl:template match="tei:milestone" mode="html">
    <xsl:variable name="break" select="t:milestone-break(.)"/>
    <xsl:if test="$break = 'line' and not(preceding-sibling::node()[self::* or normalize-space()][1]/self::tei:lb)">
      <br class="milestone"/>
    </xsl:if>
    <xsl:if test="$break = 'stanza'"><span class="milestone stanza-break"/></xsl:if>
    <xsl:for-each select="t:milestone-number(.)"><span class="linenumber"><xsl:value-of select="."/></span></xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:milestone" mode="text">
    <xsl:variable name="break" select="t:milestone-break(.)"/>
    <xsl:sequence select="if ($break = 'line') then $t:line else if ($break = 'stanza') then $t:break else ()"/>
  </xsl:template>

  <xsl:template match="tei:l" mode="text">
    <xsl:sequence select="$t:line"/>
    <xsl:value-of select="(.[@part = ('M', 'F')] ! t:part-indent(.)) ! string-join((1 to .) ! '&#xA0;')"/>
    <xsl:value-of select="t:opening-division(.)"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:line"/>
  </xsl:template>

</xsl:stylesheet>
