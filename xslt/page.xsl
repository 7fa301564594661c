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

  <xsl:param name="stylesheet-href" as="xs:string" select="'style.css'"/>
  <!-- The edition index page (teitools.indexes.EDITION_INDEX). -->
  <xsl:param name="index-href" as="xs:string" select="'index.html'"/>
  <!-- The indexes of the edition as JSON, [{"kind", "href", "json", "title"}] (teitools.indexes.links):
       every page's navigation reaches each one. Empty when they are not rendered: names then link nowhere. -->
  <xsl:param name="indexes" as="xs:string" select="'[]'"/>
  <xsl:variable name="t:indexes" as="map(*)*" select="parse-json($indexes)?*"/>

  <xsl:template name="t:page">
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="header" as="node()*" select="()"/>
    <!-- Between the header and the main content: targets that style the text with CSS alone (:target). -->
    <xsl:param name="before-main" as="node()*" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="after" as="node()*" select="()"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{$stylesheet-href}"/>
      </head>
      <body>
        <a class="skip" href="#tt-text">Skip to the text</a>
        <header>
          <nav aria-label="Edition">
            <a href="{$index-href}">Edition index</a>
            <xsl:for-each select="$t:indexes">
              <xsl:text> · </xsl:text>
              <a href="{?href}"><xsl:value-of select="?title"/></a>
            </xsl:for-each>
          </nav>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:sequence select="$header"/>
        </header>
        <xsl:sequence select="$before-main"/>
        <main id="tt-text">
          <xsl:sequence select="$content"/>
        </main>
        <xsl:sequence select="$after"/>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
