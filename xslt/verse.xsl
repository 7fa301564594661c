<?xml version="1.0" encoding="UTF-8"?>
<!--
  verse.xsl: verse (lg, l). Stanzas stand apart; each line on its own, every fifth line numbered (from @n
  where it is a number, else counted: see t:verse-lines in common.xsl); a half-line that continues a line
  (@part M or F) is indented (a fixed indent, style.css), and not counted.
  Plain text: one line per verse line, a blank line between stanzas.
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

  <xsl:template match="tei:l" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="class" select="'l', @part ! ('part-' || upper-case(.))"/>
      <xsl:with-param name="before" as="element()*">
        <xsl:for-each select="t:verse-number(.)">
          <span class="linenumber"><xsl:value-of select="."/></span>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="phrase" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:l" mode="text">
    <xsl:call-template name="t:text-block">
      <xsl:with-param name="mark" select="$t:line"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
