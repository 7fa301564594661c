<?xml version="1.0" encoding="UTF-8"?>
<!--
  page.xsl: the HTML page shell every page of the edition shares (head, skip link, navigation, heading,
  main content). Imported by html.xsl and index.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A carriage return of the text (Beta maṣāḥǝft's "are loose (…).&#xD; Cuts"), which the HTML output can
       only write as a character reference, one an HTML checker rejects: white space as any other. -->
  <xsl:character-map name="t:html-characters">
    <xsl:output-character character="&#xD;" string=" "/>
  </xsl:character-map>

  <xsl:param name="stylesheet-href" as="xs:string" select="'style.css'"/>
  <!-- The edition index page (teitools.indexes.EDITION_INDEX); empty when the run does not write it (a run
       without the indexes): the page then has no navigation, rather than a link to a page that is not there. -->
  <xsl:param name="index-href" as="xs:string" select="''"/>
  <!-- The indexes of the edition as JSON, [{"kind", "href", "json", "title"}] (teitools.indexes.links):
       every page's navigation reaches each one. Empty when they are not rendered: names then link nowhere. -->
  <xsl:param name="indexes" as="xs:string" select="'[]'"/>
  <xsl:variable name="t:indexes" as="map(*)*" select="parse-json($indexes)?*"/>

  <!-- The page shell. Its parts come from templates the importing stylesheet overrides (t:page-header,
       t:page-before-main, t:page-content, t:page-after), each called in its place: they write straight into
       the page. Passed as parameters, the parts would be built as temporary trees and copied once more into
       the page (a tenth of the time of a large page). The context item and tunnel parameters reach them. -->
  <xsl:template name="t:page">
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="dir" as="xs:string?" select="()"/>
    <!-- The language attributes of the page's own words, where they are not in the page's language. -->
    <xsl:param name="interface" as="attribute()*" select="()"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="subtitle" as="xs:string?" select="()"/>
    <!-- The browser's title: the heading, unless the page gives one that holds the subtitle too. -->
    <xsl:param name="head-title" as="xs:string" select="$title"/>
    <html lang="{$lang}">
      <xsl:if test="$dir"><xsl:attribute name="dir" select="$dir"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$head-title"/></title>
        <link rel="stylesheet" href="{$stylesheet-href}"/>
      </head>
      <body>
        <a class="skip" href="#tt-text"><xsl:sequence select="$interface"/>Skip to the text</a>
        <header>
          <xsl:if test="$index-href">
            <nav aria-label="Edition">
              <xsl:sequence select="$interface"/>
              <a href="{$index-href}">Edition index</a>
              <xsl:for-each select="$t:indexes">
                <xsl:text> · </xsl:text>
                <a href="{?href}"><xsl:value-of select="?title"/></a>
              </xsl:for-each>
            </nav>
          </xsl:if>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:for-each select="$subtitle"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
          <xsl:call-template name="t:page-header"/>
        </header>
        <xsl:call-template name="t:page-before-main"/>
        <main id="tt-text">
          <xsl:call-template name="t:page-content"/>
        </main>
        <xsl:call-template name="t:page-after"/>
      </body>
    </html>
  </xsl:template>

  <!-- What the header holds below the heading (the metadata). -->
  <xsl:template name="t:page-header"/>
  <!-- Between the header and the main content: targets that style the text with CSS alone (:target). -->
  <xsl:template name="t:page-before-main"/>
  <xsl:template name="t:page-content"/>
  <!-- After the main content (apparatus, notes). -->
  <xsl:template name="t:page-after"/>

</xsl:stylesheet>
