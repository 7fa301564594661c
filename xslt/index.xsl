<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl: the pages that span all documents of a run, one transform each, called by name:
    edition-index       index.html: the documents of the edition, with links to their HTML and text;
    person-index-html   person-index.html: every person mentioned, sorted by normalised surname, with life
                        dates, role, authority links and every occurrence (document, form, paragraph link);
    person-index-json   person-index.json: the same data for machines.
  $documents (from common.xsl) holds the documents; $names, in the same order, their output file stems.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="page.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:output name="json" method="text" encoding="UTF-8"/>

  <xsl:param name="names" as="array(xs:string)" select="[]"/>

  <!-- Every mention of a person in the texts: the name element and the number of its document. -->
  <xsl:variable name="mentions" as="map(*)*" select="
    for $number in 1 to array:size($documents)
    return $documents($number)//tei:text//(tei:persName | tei:name | tei:rs)[t:person(.)]
      ! map { 'name': ., 'document': $number }"/>

  <!-- One group per person, in index order: normalised surname, then name. -->
  <xsl:function name="t:persons" as="array(map(*))*">
    <xsl:for-each-group select="$mentions" group-by="t:anchor(t:person(?name))">
      <xsl:sort select="t:sort-key(t:person(?name))"/>
      <xsl:sort select="t:normalized-name(t:person(?name))"/>
      <xsl:sequence select="array { current-group() }"/>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="t:document-title" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="t:title(($documents($number)/(tei:TEI, tei:teiCorpus))[1])"/>
  </xsl:function>

  <xsl:function name="t:occurrence-href" as="xs:string">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:sequence select="$names($mention?document) || '.html#' || t:anchor(t:block-of($mention?name))"/>
  </xsl:function>

  <xsl:template name="edition-index">
    <xsl:call-template name="t:page">
      <xsl:with-param name="title" select="'Edition index'"/>
      <xsl:with-param name="content">
        <ul class="documents">
          <xsl:for-each select="1 to array:size($documents)">
            <xsl:variable name="tei" select="($documents(current())/(tei:TEI, tei:teiCorpus))[1]"/>
            <li>
              <a href="{$names(current())}.html"><xsl:value-of select="t:title($tei)"/></a>
              <xsl:value-of select="(t:authors($tei), t:date($tei)) ! (', ' || .)" separator=""/>
              <xsl:text> (</xsl:text>
              <a href="{$names(current())}.txt">plain text of “<xsl:value-of select="t:title($tei)"/>”</a>
              <xsl:text>)</xsl:text>
            </li>
          </xsl:for-each>
        </ul>
        <p><a href="person-index.html">Person index</a> of all documents (also as <a href="person-index.json">JSON</a>).</p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="person-index-html">
    <xsl:variable name="persons" select="t:persons()"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="title" select="'Person index'"/>
      <xsl:with-param name="content">
        <p><xsl:value-of select="count($persons) || ' persons, ' || count($mentions) || ' mentions in '
          || array:size($documents) || ' documents.'"/></p>
        <xsl:for-each select="$persons">
          <xsl:variable name="person" select="t:person(?1?name)"/>
          <section class="person-entry" id="{t:anchor($person)}" aria-labelledby="{t:anchor($person)}-name">
            <h2 id="{t:anchor($person)}-name"><xsl:value-of select="t:normalized-name($person)"/></h2>
            <xsl:if test="t:life-dates($person)">
              <p class="life"><xsl:value-of select="t:life-dates($person)"/></p>
            </xsl:if>
            <xsl:for-each select="$person/tei:note">
              <p class="role"><xsl:value-of select="normalize-space(.)"/></p>
            </xsl:for-each>
            <xsl:for-each select="$person/tei:idno[t:authority-uri(.)]">
              <p class="authority">
                <a href="{t:authority-uri(.)}"><xsl:value-of select="@type || ' ' || normalize-space(.)"/></a>
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
                    <xsl:value-of select="t:document-title(?document) || ', at ' || t:anchor(t:block-of(?name))"/>
                  </a>
                  <xsl:value-of select="': “' || t:reading-text(?name) || '”'"/>
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
            <xsl:variable name="person" select="t:person(?1?name)"/>
            <fn:map>
              <fn:string key="id"><xsl:value-of select="t:anchor($person)"/></fn:string>
              <fn:string key="name"><xsl:value-of select="t:normalized-name($person)"/></fn:string>
              <xsl:for-each select="$person/tei:birth[1], $person/tei:death[1]">
                <fn:string key="{local-name()}"><xsl:value-of select="normalize-space(.)"/></fn:string>
              </xsl:for-each>
              <xsl:for-each select="$person/tei:note[1]">
                <fn:string key="role"><xsl:value-of select="normalize-space(.)"/></fn:string>
              </xsl:for-each>
              <fn:array key="authorities">
                <xsl:for-each select="$person/tei:idno">
                  <fn:map>
                    <fn:string key="type"><xsl:value-of select="@type"/></fn:string>
                    <fn:string key="id"><xsl:value-of select="normalize-space(.)"/></fn:string>
                    <xsl:for-each select="t:authority-uri(.)">
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
                    <fn:string key="form"><xsl:value-of select="t:reading-text(?name)"/></fn:string>
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
