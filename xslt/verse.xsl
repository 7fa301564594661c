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
  <xsl:template match="tei:caesura" mode="html text">
    <xsl:text>&#x2003;</xsl:text>
  </xsl:template>

  <!-- The side a line begins on, as CSS names it (style.css's hanging indent of 1.5em is on that side). -->
  <xsl:function name="t:line-start" as="xs:string">
    <xsl:param name="line" as="element()"/>
    <xsl:variable name="direction" select="(($line/ancestor-or-self::*/@xml:lang)[last()] ! t:direction(.), $t:document-direction)[1]"/>
    <xsl:sequence select="if ($direction = 'rtl') then 'padding-right' else 'padding-left'"/>
  </xsl:function>

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
      <xsl:with-param name="css" select="(.[@part = ('M', 'F')] ! t:part-indent(.)) ! (t:line-start(current()) || ': calc(1.5em + ' || . || 'ch)')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:l" mode="text">
    <xsl:sequence select="$t:line"/>
    <xsl:value-of select="(.[@part = ('M', 'F')] ! t:part-indent(.)) ! string-join((1 to .) ! '&#xA0;')"/>
    <xsl:value-of select="t:opening-division(.)"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:line"/>
  </xsl:template>

</xsl:stylesheet>
