<?xml version="1.0" encoding="UTF-8"?>
<!--
  records.xsl: authority records (a personography, a gazetteer, a list of organisations or events). A record
  stands apart; each of its fields (names, birth and death, identifiers, descriptions, notes) is a line of its
  own, so that a person's names, dates and identifiers do not run together ("Trotsky, Leon Lev Davidovich
  Bronstein Q33391 1879 1940"). A field whose content does not say what it is carries its label (born,
  died, the identifier's type: t:field-label, common.xsl); an identifier that has an address links to it. A
  note in a record is part of it, read there, not a footnote (t:is-footnote).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A record: a block whose children are fields. Each field is wrapped here, around the field's own look
       (a name's span, an identifier's link), which stays that of its element wherever its rule is. -->
  <xsl:template _match="{$t:record-pattern}" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="class" select="local-name(), 'record'"/>
      <xsl:with-param name="fields" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="*" mode="t:html-field" priority="1">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'field ' || local-name()"/>
      <xsl:for-each select="t:field-label(.)">
        <span class="label"><xsl:value-of select="."/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <!-- A field that holds blocks (a record within a record, a note's paragraphs) keeps them: a div holds them. -->
      <xsl:apply-templates select="." mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template _match="{$t:record-pattern}" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:apply-templates select="t:fields(.)" mode="t:text-field"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

  <!-- A line mark before each field is enough: the record's paragraph marks end the last one (a mark after
       each too was a seventh of a gazetteer's plain text). -->
  <xsl:template match="*" mode="t:text-field" priority="1">
    <xsl:sequence select="$t:line"/>
    <xsl:value-of select="t:field-label(.) ! (. || ' ')"/>
    <xsl:apply-templates select="." mode="text"/>
  </xsl:template>

  <!-- Text between the fields, comments and processing instructions: as anywhere else. -->
  <xsl:template match="node()" mode="t:html-field">
    <xsl:apply-templates select="." mode="html"/>
  </xsl:template>

  <xsl:template match="node()" mode="t:text-field">
    <xsl:apply-templates select="." mode="text"/>
  </xsl:template>

  <!-- Apart from the words around it (t:spaces-around): in an account's sentence a measure given by its
       attributes alone read "Solverunt0.5." (DEPCHA's Lviv accounts: Solverunt<measure quantity="0.5"/>.). -->
  <xsl:template match="tei:measure[@quantity][not(node())]" mode="html text">
    <xsl:variable name="spaces" select="t:spaces-around(.)"/>
    <xsl:value-of select="$spaces[1] || t:measure-text(.) || $spaces[2]"/>
  </xsl:template>

  <!-- An authority identifier with an address (a URI, or a known register's number) links to it. -->
  <xsl:template match="tei:idno" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="uri" select="t:authority-uri(.)[not($in-link)]"/>
    <xsl:choose>
      <xsl:when test="exists($uri)">
        <a class="idno" href="{$uri}">
          <xsl:call-template name="phrase-content">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:call-template>
        </a>
      </xsl:when>
      <xsl:otherwise><span class="idno"><xsl:call-template name="phrase-content"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
