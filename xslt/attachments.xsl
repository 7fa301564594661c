<?xml version="1.0" encoding="UTF-8"?>
<!--
  attachments.xsl: the marker of an apparatus entry attached to the text by its end points (t:attachment,
  apparatus.xsl), after the last element of its lemma, drawn after whatever look that element has. Included
  (not imported) by html.xsl and text.xsl, so that it takes their precedence and follows their own rules too:
  the double-end-point method ends a lemma at an anchor, which html.xsl draws.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  exclude-result-prefixes="#all">

  <!-- The rule is tried only in documents that have such entries. -->
  <xsl:template match="tei:*[$t:attached-apps][key('t:apps-ending-at', generate-id())]" mode="html" priority="11">
    <xsl:next-match/>
    <xsl:apply-templates select="key('t:apps-ending-at', generate-id())" mode="app-call-html"/>
  </xsl:template>

  <xsl:template match="tei:*[$t:attached-apps][key('t:apps-ending-at', generate-id())]" mode="text" priority="11">
    <xsl:next-match/>
    <xsl:apply-templates select="key('t:apps-ending-at', generate-id())" mode="app-call-text"/>
  </xsl:template>

</xsl:stylesheet>
