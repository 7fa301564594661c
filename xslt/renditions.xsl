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
       whatever look the element has, in either output. A block keeps its look alone (the text would stand
       outside its box, between paragraphs). -->
  <xsl:template match="tei:*[@rendition][not(t:is-block(.))][t:generated-text(., 'before') or t:generated-text(., 'after')]"
    mode="html text" priority="50">
    <xsl:value-of select="t:generated-text(., 'before')"/>
    <xsl:next-match/>
    <xsl:value-of select="t:generated-text(., 'after')"/>
  </xsl:template>

</xsl:stylesheet>
