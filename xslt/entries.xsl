<?xml version="1.0" encoding="UTF-8"?>
<!--
  entries.xsl: what one document gives the indexes, as compact JSON. Run on each document in the map, with
  the documents it points into ($documents, from common.xsl), so that the index pages (index.xsl) are built
  in the reduce from these entries alone, never from the documents held together.

  { "title": …, "byline": ", author, date",
    "mentions": [ { "person": its anchor, "form": the name as read, "anchor": the block it stands in } ],
    "persons": { anchor: { "id", "name", "sort", "life"?, "birth"?, "death"?, "notes": [], "authorities": [] } } }
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="tei" select="(tei:TEI, tei:teiCorpus)[1]"/>
    <xsl:variable name="mentions" select="//tei:text//(tei:persName | tei:name | tei:rs)[t:person(.)]"/>
    <xsl:variable name="data">
      <fn:map>
        <fn:string key="title"><xsl:value-of select="t:title($tei)"/></fn:string>
        <fn:string key="byline"><xsl:value-of select="(t:authors($tei), t:date($tei)) ! (', ' || .)" separator=""/></fn:string>
        <fn:array key="mentions">
          <xsl:for-each select="$mentions">
            <fn:map>
              <fn:string key="person"><xsl:value-of select="t:anchor(t:person(.))"/></fn:string>
              <fn:string key="form"><xsl:value-of select="t:reading-text(.)"/></fn:string>
              <fn:string key="anchor"><xsl:value-of select="t:anchor(t:block-of(.))"/></fn:string>
            </fn:map>
          </xsl:for-each>
        </fn:array>
        <fn:map key="persons">
          <!-- The first mention of an anchor decides its person, as in the index. -->
          <xsl:for-each-group select="$mentions" group-by="t:anchor(t:person(.))">
            <xsl:apply-templates select="t:person(.)" mode="entry"/>
          </xsl:for-each-group>
        </fn:map>
      </fn:map>
    </xsl:variable>
    <xsl:value-of select="xml-to-json($data)"/>
  </xsl:template>

  <xsl:template match="tei:person" mode="entry">
    <fn:map key="{t:anchor(.)}">
      <fn:string key="id"><xsl:value-of select="t:anchor(.)"/></fn:string>
      <fn:string key="name"><xsl:value-of select="t:normalized-name(.)"/></fn:string>
      <fn:string key="sort"><xsl:value-of select="t:sort-key(.)"/></fn:string>
      <xsl:for-each select="t:life-dates(.)">
        <fn:string key="life"><xsl:value-of select="."/></fn:string>
      </xsl:for-each>
      <xsl:for-each select="tei:birth[1], tei:death[1]">
        <fn:string key="{local-name()}"><xsl:value-of select="normalize-space(.)"/></fn:string>
      </xsl:for-each>
      <fn:array key="notes">
        <xsl:for-each select="tei:note">
          <fn:string><xsl:value-of select="normalize-space(.)"/></fn:string>
        </xsl:for-each>
      </fn:array>
      <fn:array key="authorities">
        <xsl:for-each select="tei:idno">
          <fn:map>
            <fn:string key="type"><xsl:value-of select="@type"/></fn:string>
            <fn:string key="id"><xsl:value-of select="normalize-space(.)"/></fn:string>
            <xsl:for-each select="t:authority-uri(.)">
              <fn:string key="uri"><xsl:value-of select="."/></fn:string>
            </xsl:for-each>
          </fn:map>
        </xsl:for-each>
      </fn:array>
    </fn:map>
  </xsl:template>

</xsl:stylesheet>
