<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl: the plain reading text of a TEI document, UTF-8.

  A heading block (title, author, date, source); then the text, one paragraph per block separated by blank
  lines, with the corrected readings of choices, editors' insertions in square brackets, note markers [n];
  then "Notes". No character of the text is dropped: an element without a rule of its own gives its content.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Marks a paragraph boundary while text is assembled; a private-use character never found in text. -->
  <xsl:variable name="break" as="xs:string" select="'&#xE000;'"/>
  <xsl:variable name="newline" as="xs:string" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:variable name="header" select="(tei:TEI, tei:teiCorpus)[1]"/>
    <xsl:variable name="texts" select="//tei:text[not(ancestor::tei:text)]"/>
    <xsl:variable name="heading" select="t:title($header), t:authors($header), t:date($header),
      t:source($header) ! ('Source: ' || .)"/>
    <xsl:variable name="body" select="t:paragraphs($texts)"/>
    <xsl:variable name="notes" select="$texts//tei:note"/>
    <xsl:variable name="notes-section" select="if (empty($notes)) then () else
      ('Notes', $notes ! (t:note-number(.) || '. ' || string-join(t:paragraphs(node()), $newline || $newline)))"/>
    <xsl:value-of select="string-join($heading, $newline), $body, $notes-section"
      separator="{$newline || $newline}"/>
    <xsl:value-of select="$newline"/>
  </xsl:template>

  <!-- The paragraphs that nodes render to: blocks split on the break marker, white space normalised. -->
  <xsl:function name="t:paragraphs" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="assembled" as="xs:string">
      <xsl:value-of><xsl:apply-templates select="$nodes" mode="text"/></xsl:value-of>
    </xsl:variable>
    <xsl:sequence select="tokenize($assembled, $break) ! normalize-space(.)[. != '']"/>
  </xsl:function>

  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="t:is-block(.)">
        <xsl:value-of select="$break"/>
        <xsl:apply-templates mode="text"/>
        <xsl:value-of select="$break"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Each paragraph's white space is normalised when it is assembled (t:paragraphs): text is copied as it
       is, except in documents with breaks inside words, where the white space beside those breaks must go. -->
  <xsl:template match="text()[$t:breaks-words]" mode="text">
    <xsl:value-of select="t:flow(.)"/>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="text"/>

  <xsl:template match="tei:note" mode="text">
    <xsl:value-of select="'[' || t:note-number(.) || ']'"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="text">
    <xsl:apply-templates select="t:reading(.)" mode="text"/>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="text">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- An omission: [its description], or […] when it has none. -->
  <xsl:template match="tei:gap" mode="text">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="'…'[not(normalize-space(current()))]"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:lb" mode="text">
    <xsl:value-of select="if (t:breaks-word(.)) then '' else ' '"/>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q | tei:said" mode="text">
    <xsl:variable name="marks" select="t:adds-marks(.) and not(t:is-block(.))"/>
    <xsl:value-of select="'“'[$marks]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="'”'[$marks]"/>
  </xsl:template>

</xsl:stylesheet>
