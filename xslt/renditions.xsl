<?xml version="1.0" encoding="UTF-8"?>
<!--
  renditions.xsl: what a document's renditions put around an element, drawn around its look. Included (not
  imported) by html.xsl and text.xsl, so that it takes their precedence and wraps their own rules too.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  exclude-result-prefixes="#all">

  <!-- An element with text before or after it from its renditions (t:generated-text): the text, around
       whatever look the element has, in either output. -->
  <xsl:template match="tei:*[@rendition][not(t:is-block(.))][t:has-generated-text(.)]"
    mode="html text" priority="50">
    <xsl:value-of select="t:generated-text(., 'before')"/>
    <xsl:next-match/>
    <xsl:value-of select="t:generated-text(., 'after')"/>
  </xsl:template>

  <!-- A block's text stands inside its box, as CSS draws ::before and ::after (outside, it would stand between
       paragraphs): in the HTML, first and last in the element the block is drawn as; in the plain text, inside
       its paragraph's marks. -->
  <xsl:template match="tei:*[@rendition][t:is-block(.)][t:has-generated-text(.)]"
    mode="html" priority="50">
    <xsl:variable name="before" select="t:generated-text(., 'before')"/>
    <xsl:variable name="after" select="t:generated-text(., 'after')"/>
    <xsl:variable name="drawn" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:variable name="box" select="$drawn[self::element()][1]"/>
    <xsl:for-each select="$drawn">
      <xsl:choose>
        <xsl:when test=". is $box">
          <xsl:copy>
            <xsl:sequence select="@*"/>
            <xsl:value-of select="$before"/>
            <xsl:sequence select="node()"/>
            <xsl:value-of select="$after"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:*[@rendition][t:is-block(.)][t:has-generated-text(.)]"
    mode="text" priority="50">
    <xsl:variable name="drawn" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:variable name="marks" select="$drawn ! (. instance of processing-instruction())"/>
    <!-- The block's own marks: those before its first text and after its last (half of them each, in an empty
         block). -->
    <xsl:variable name="opening" select="(index-of($marks, false())[1] - 1, count($drawn) idiv 2)[1]"/>
    <xsl:variable name="closing" select="(index-of($marks, false())[last()] + 1, $opening + 1)[1]"/>
    <xsl:sequence select="$drawn[position() le $opening]"/>
    <xsl:value-of select="t:generated-text(., 'before')"/>
    <xsl:sequence select="$drawn[position() gt $opening and position() lt $closing]"/>
    <xsl:value-of select="t:generated-text(., 'after')"/>
    <xsl:sequence select="$drawn[position() ge $closing]"/>
  </xsl:template>

</xsl:stylesheet>
