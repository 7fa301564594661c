<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl: the pages that span all documents of a run, one transform each, called by name, built in the
  reduce from the documents' entries only (entries.xsl made them in the map):
    edition-index       index.html: the documents of the edition, with links to their HTML and text;
    person-index-html   person-index.html: every person mentioned, sorted by normalised surname, with life
                        dates, role, authority links and every occurrence (document, form, paragraph link);
    person-index-json   person-index.json: the same data for machines.
  $entries holds the JSON array of the documents' entries; $names, in the same order, their output file stems.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="page.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:output name="json" method="text" encoding="UTF-8"/>

  <xsl:param name="names" as="array(xs:string)" select="[]"/>
  <xsl:param name="entries" as="xs:string" select="'[]'"/>

  <xsl:variable name="documents" as="array(map(*))" select="parse-json($entries)"/>

  <!-- Every mention of a person in the texts, with the number of its document. -->
  <xsl:variable name="mentions" as="map(*)*" select="
    for $number in 1 to array:size($documents)
    return $documents($number)?mentions?* ! map:put(., 'document', $number)"/>

  <!-- Each person once, as the first document that mentions it describes it. -->
  <xsl:variable name="persons" as="map(*)"
    select="map:merge($documents?*?persons, map { 'duplicates': 'use-first' })"/>

  <!-- One group per person, in index order: normalised surname, then name. -->
  <xsl:function name="t:persons" as="array(map(*))*">
    <xsl:for-each-group select="$mentions" group-by="?person">
      <xsl:sort select="$persons(?person)?sort"/>
      <xsl:sort select="$persons(?person)?name"/>
      <xsl:sequence select="array { current-group() }"/>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="t:document-title" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="$documents($number)?title"/>
  </xsl:function>

  <xsl:function name="t:occurrence-href" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:sequence select="$names($mention?document) || '.html#' || $mention?anchor"/>
  </xsl:function>

  <xsl:template name="edition-index">
    <xsl:call-template name="t:page">
      <xsl:with-param name="title" select="'Edition index'"/>
      <xsl:with-param name="content">
        <ul class="documents">
          <xsl:for-each select="1 to array:size($documents)">
            <xsl:variable name="document" select="$documents(current())"/>
            <li>
              <a href="{$names(current())}.html"><xsl:value-of select="$document?title"/></a>
              <xsl:value-of select="$document?byline"/>
              <xsl:text> (</xsl:text>
              <a href="{$names(current())}.txt">plain text of “<xsl:value-of select="$document?title"/>”</a>
              <xsl:text>)</xsl:text>
            </li>
          </xsl:for-each>
        </ul>
        <p><a href="person-index.html">Person index</a> of all documents (also as <a href="person-index.json">JSON</a>).</p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="person-index-html">
    <xsl:variable name="groups" select="t:persons()"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="title" select="'Person index'"/>
      <xsl:with-param name="content">
        <p><xsl:value-of select="count($groups) || ' persons, ' || count($mentions) || ' mentions in '
          || array:size($documents) || ' documents.'"/></p>
        <xsl:for-each select="$groups">
          <xsl:variable name="person" select="$persons(?1?person)"/>
          <section class="person-entry" id="{$person?id}" aria-labelledby="{$person?id}-name">
            <h2 id="{$person?id}-name"><xsl:value-of select="$person?name"/></h2>
            <xsl:for-each select="$person?life">
              <p class="life"><xsl:value-of select="."/></p>
            </xsl:for-each>
            <xsl:for-each select="$person?notes?*">
              <p class="role"><xsl:value-of select="."/></p>
            </xsl:for-each>
            <xsl:for-each select="$person?authorities?*[?uri]">
              <p class="authority">
                <a href="{?uri}"><xsl:value-of select="?type || ' ' || ?id"/></a>
              </p>
            </xsl:for-each>
            <p class="count">
              <xsl:value-of select="array:size(.) || (if (array:size(.) = 1) then ' mention' else ' mentions')
                || ' in ' || count(distinct-values(?*?document)) || ' document(s):'"/>
            </p>
            <ul class="occurrences">
              <xsl:for-each select="?*">
                <li>
                  <a href="{t:occurrence-href(.)}">
                    <xsl:value-of select="t:document-title(?document) || ', at ' || ?anchor"/>
                  </a>
                  <xsl:value-of select="': “' || ?form || '”'"/>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="person-index-json">
    <xsl:variable name="data">
      <fn:map>
        <fn:array key="persons">
          <xsl:for-each select="t:persons()">
            <xsl:variable name="person" select="$persons(?1?person)"/>
            <fn:map>
              <fn:string key="id"><xsl:value-of select="$person?id"/></fn:string>
              <fn:string key="name"><xsl:value-of select="$person?name"/></fn:string>
              <xsl:for-each select="'birth'[map:contains($person, 'birth')], 'death'[map:contains($person, 'death')]">
                <fn:string key="{.}"><xsl:value-of select="$person(current())"/></fn:string>
              </xsl:for-each>
              <xsl:for-each select="head($person?notes?*)">
                <fn:string key="role"><xsl:value-of select="."/></fn:string>
              </xsl:for-each>
              <fn:array key="authorities">
                <xsl:for-each select="$person?authorities?*">
                  <fn:map>
                    <fn:string key="type"><xsl:value-of select="?type"/></fn:string>
                    <fn:string key="id"><xsl:value-of select="?id"/></fn:string>
                    <xsl:for-each select="?uri">
                      <fn:string key="uri"><xsl:value-of select="."/></fn:string>
                    </xsl:for-each>
                  </fn:map>
                </xsl:for-each>
              </fn:array>
              <fn:number key="mentions"><xsl:value-of select="array:size(.)"/></fn:number>
              <fn:number key="documents"><xsl:value-of select="count(distinct-values(?*?document))"/></fn:number>
              <fn:array key="occurrences">
                <xsl:for-each select="?*">
                  <fn:map>
                    <fn:string key="document"><xsl:value-of select="$names(?document)"/></fn:string>
                    <fn:string key="title"><xsl:value-of select="t:document-title(?document)"/></fn:string>
                    <fn:string key="form"><xsl:value-of select="?form"/></fn:string>
                    <fn:string key="href"><xsl:value-of select="t:occurrence-href(.)"/></fn:string>
                  </fn:map>
                </xsl:for-each>
              </fn:array>
            </fn:map>
          </xsl:for-each>
        </fn:array>
      </fn:map>
    </xsl:variable>
    <xsl:result-document format="json">
      <xsl:value-of select="xml-to-json($data, map { 'indent': true() })"/>
    </xsl:result-document>
  </xsl:template>

</xsl:stylesheet>
