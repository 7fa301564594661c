<?xml version="1.0" encoding="UTF-8"?>
<!--
  dictionary.xsl: dictionaries (TEI chapter 9: FreeDict, TEI Lex-0, VICAV), as printed dictionaries set them.
  An entry's headword (orth) stands out; its grammar and usage labels (gramGrp, pos, gen, usg, lbl…) are set in
  italics; a grammatical value given only as an attribute (<gram type="case" value="accusative"/>) reads as its
  value. A sense's translation equivalents are words of another language, not quotations: no quotation marks,
  one set apart from the next by a comma ("Bank, Ufer"), and each labelled by its language where the dictionary
  gives equivalents in more than one (t:equivalent-language). Senses numbered by @n: t:sense-number, common.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A translation equivalent (t:is-equivalent, common.xsl): its language's code before it where the
       dictionary translates into several languages, and a comma after it where another follows. -->
  <xsl:template match="tei:cit[t:is-equivalent(.)]" mode="html">
    <xsl:for-each select="t:equivalent-language(.)">
      <span class="lang-label"><xsl:value-of select="."/></span>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <span class="cit">
      <xsl:call-template name="t:language-attributes"/>
      <xsl:apply-templates select="t:equivalent-content(.)" mode="html">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
    <xsl:value-of select="t:equivalent-separator(.)"/>
  </xsl:template>

  <xsl:template match="tei:cit[t:is-equivalent(.)]" mode="text">
    <xsl:value-of select="t:equivalent-language(.) ! (. || ' ')"/>
    <xsl:apply-templates select="t:equivalent-content(.)" mode="text"/>
    <xsl:value-of select="t:equivalent-separator(.)"/>
  </xsl:template>

  <xsl:template match="tei:orth" mode="html">
    <b class="orth"><xsl:call-template name="phrase-content"/></b>
  </xsl:template>

  <!-- Grammar and usage: a group in italics as a whole; a label outside a group on its own. -->
  <xsl:template match="tei:gramGrp | tei:usg | tei:lbl
    | (tei:gram | tei:pos | tei:gen | tei:number | tei:case | tei:per | tei:tns | tei:mood | tei:iType | tei:subc)
      [not(parent::tei:gramGrp)]" mode="html">
    <i class="{local-name()}"><xsl:call-template name="phrase-content"/><xsl:value-of select="t:grammar-value(.)"/></i>
  </xsl:template>

  <xsl:template match="tei:gram[not(node())]" mode="html text" priority="-0.25">
    <xsl:value-of select="t:grammar-value(.)"/>
  </xsl:template>

</xsl:stylesheet>
