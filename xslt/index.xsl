<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl: the pages that span all documents of a run: the reduce step's HTML. Called by name, each
  reads only the JSON it is given (teitools.indexes builds it from the per-document entries of entries.xsl),
  never the documents themselves:
    edition-index   index.html, from $data (teitools.indexes.edition): the documents with their authors and
                    dates, and every index with its counts;
    index-page      one index, from $data (teitools.indexes.build; schema/index.schema.json): one section per
                    entry (name, dates or coordinates, variants, forms in the texts, authority links, every
                    occurrence as title and place with a few words of context), then the unidentified mentions.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="page.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"
    use-character-maps="t:html-characters"/>

  <xsl:param name="data" as="xs:string" select="'{}'"/>
  <xsl:variable name="t:data" as="map(*)" select="parse-json($data)"/>

  <!-- "1 mention", "9 mentions"; "1 entry", "2 entries". -->
  <xsl:function name="t:count" as="xs:string">
    <xsl:param name="number" as="xs:double"/>
    <xsl:param name="singular" as="xs:string"/>
    <xsl:param name="plural" as="xs:string"/>
    <xsl:sequence select="xs:integer($number) || ' ' || (if ($number = 1) then $singular else $plural)"/>
  </xsl:function>

  <!-- The two pages, in the shell of page.xsl: the tunnel parameter $page says which content fills it. -->
  <xsl:template name="edition-index">
    <xsl:call-template name="t:page">
      <xsl:with-param name="title" select="'Edition index'"/>
      <xsl:with-param name="page" select="'edition-index'" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="index-page">
    <xsl:call-template name="t:page">
      <xsl:with-param name="title" select="$t:data?title"/>
      <xsl:with-param name="page" select="'index-page'" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="t:page-content">
    <xsl:param name="page" as="xs:string" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$page = 'edition-index'"><xsl:call-template name="edition-index-content"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="index-page-content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="edition-index-content">
    <h2>Documents</h2>
    <ul class="documents">
      <xsl:for-each select="$t:data?documents?*">
        <li>
          <a href="{?name}.html"><bdi><xsl:value-of select="?title"/></bdi></a>
          <xsl:value-of select="(?authors, ?date)[. != ''] ! (', ' || .)" separator=""/>
          <xsl:text> (</xsl:text>
          <!-- Read as "plain text" beside the title; named in full for a screen reader's list of links. -->
          <a href="{?name}.txt" aria-label="plain text of “{?title}”">plain text</a>
          <xsl:text>)</xsl:text>
        </li>
      </xsl:for-each>
    </ul>
    <h2>Indexes</h2>
    <ul class="indexes">
      <xsl:for-each select="$t:data?indexes?*">
        <li>
          <a href="{?href}"><xsl:value-of select="?title"/></a>
          <xsl:value-of select="': ' || t:count(?entries, 'entry', 'entries')
            || ', ' || t:count(?mentions, 'mention', 'mentions') || ' ('"/>
          <a href="{?json}">JSON</a>
          <xsl:text>)</xsl:text>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="index-page-content">
    <xsl:variable name="entries" select="$t:data?entries?*"/>
    <xsl:variable name="unidentified" select="$t:data?unidentified?*"/>
    <p class="summary">
      <xsl:value-of select="t:count(count($entries), 'entry', 'entries') || ', '
        || t:count($t:data?mentions, 'mention', 'mentions') || ' in all documents'
        || (' (' || count($unidentified) || ' unidentified)')[exists($unidentified)] || '.'"/>
      <xsl:text> </xsl:text>
      <a href="#unidentified">Unidentified mentions</a>
    </p>
    <xsl:apply-templates select="$entries" mode="t:entry"/>
    <section class="unidentified" id="unidentified" aria-labelledby="unidentified-name">
      <h2 id="unidentified-name">Unidentified</h2>
      <p>
        <xsl:value-of select="if ($t:data?index = 'date') then 'Dates without an ISO 8601 value: '
          else 'Mentions without a @ref, or whose @ref leads to no record of the edition: '"/>
        <xsl:value-of select="t:count(count($unidentified), 'mention', 'mentions') || '.'"/>
      </p>
      <xsl:call-template name="occurrences">
        <xsl:with-param name="occurrences" select="$unidentified"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template match=".[. instance of map(*)]" mode="t:entry">
    <section class="entry" id="{?id}" aria-labelledby="{?id}-name">
      <h2 id="{?id}-name"><xsl:value-of select="?name"/></h2>
      <xsl:if test="exists((?birth, ?death))">
        <p class="life"><xsl:value-of select="?birth || '–' || ?death"/></p>
      </xsl:if>
      <xsl:for-each select="?date">
        <p class="date"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="?coordinates">
        <p class="coordinates">
          <xsl:value-of select="'Coordinates: ' || abs(?lat) || '° ' || (if (?lat ge 0) then 'N' else 'S') || ', '
            || abs(?lon) || '° ' || (if (?lon ge 0) then 'E' else 'W')"/>
        </p>
      </xsl:for-each>
      <xsl:if test="array:size((?variants, [])[1]) gt 0">
        <p class="variants"><xsl:value-of select="'Also: ' || string-join(?variants?*, '; ')"/></p>
      </xsl:if>
      <p class="forms">
        <xsl:text>In the texts: </xsl:text>
        <xsl:for-each select="?forms?*">
          <xsl:if test="position() gt 1">, </xsl:if>“<bdi><xsl:value-of select="."/></bdi>”</xsl:for-each>
      </p>
      <xsl:for-each select="?note">
        <p class="role"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="?authorities?*[map:contains(., 'uri')]">
        <p class="authority"><a href="{?uri}"><xsl:value-of select="?type || ' ' || ?id"/></a></p>
      </xsl:for-each>
      <p class="count">
        <xsl:value-of select="t:count(?mentions, 'mention', 'mentions') || ' in ' || t:count(?documents, 'document', 'documents') || ':'"/>
      </p>
      <xsl:call-template name="occurrences">
        <xsl:with-param name="occurrences" select="?occurrences?*"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- Each occurrence: a link to the exact spot named by document and place, then the mention in context.
       What comes from the texts (titles, forms, contexts) is isolated for the bidirectional algorithm (bdi,
       dir="auto"): a Hebrew context on this English page reads right to left, apart from the words around it. -->
  <xsl:template name="occurrences">
    <xsl:param name="occurrences" as="map(*)*"/>
    <xsl:if test="exists($occurrences)">
      <ul class="occurrences">
        <xsl:for-each select="$occurrences">
          <li>
            <a href="{?href}"><bdi><xsl:value-of select="?title"/></bdi><xsl:value-of select="', ' || ?label"/></a>
            <xsl:text>: </xsl:text>
            <span class="context" dir="auto">
              <xsl:value-of select="?before"/>
              <mark><xsl:value-of select="?form"/></mark>
              <xsl:value-of select="?after"/>
            </span>
            <xsl:value-of select="?ref[. != ''] ! (' (@ref ' || . || ')')"/>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
