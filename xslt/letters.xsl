<?xml version="1.0" encoding="UTF-8"?>
<!--
  letters.xsl: correspondence. The page header shows correspDesc in full (from the header model, by t:correspondence
  and t:correspondence-context in common.xsl): who sent the letter, from where and when; who received it,
  where and when; the letters before and after it. Openers, closers and addresses are laid out line by line
  (address lines and letterhead segments are lines: see common.xsl and drama.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:variable name="t:action-labels" as="map(xs:string, xs:string)"
    select="map { 'sent': 'From', 'received': 'To', 'transmitted': 'Transmitted by', 'forwarded': 'Forwarded to', 'redirected': 'Redirected to' }"/>

  <!-- One correspondent action as a line: "Goldmann, Paul (Paris, 23. 1. [1896])"; without a person (a
       postmark's place and date), the place and date alone. -->
  <xsl:function name="t:action-line" as="xs:string?">
    <xsl:param name="action" as="map(*)"/>
    <xsl:variable name="persons" select="string-join($action?persons, '; ')[. != '']"/>
    <xsl:variable name="where-when" select="string-join(($action?places, $action?date), ', ')[. != '']"/>
    <xsl:sequence select="if (exists($persons)) then string-join(($persons, $where-when ! ('(' || . || ')')), ' ')
      else $where-when"/>
  </xsl:function>

  <!-- What the action is ("Transmitted by"); without a person, without the word that would announce one
       ("Transmitted: Wien, 24. 7. 1923"). -->
  <xsl:function name="t:action-label" as="xs:string">
    <xsl:param name="action" as="map(*)"/>
    <xsl:variable name="label" select="($t:action-labels($action?role), 'Correspondent')[1]"/>
    <xsl:sequence select="if (exists($action?persons[. != ''])) then $label else replace($label, ' (by|to)$', '')"/>
  </xsl:function>

  <!-- Where pointers to other documents' pages lead, as teitools found them (teitools.render.page_links): a
       related letter's page only where the run writes it. -->
  <xsl:param name="pages" as="map(xs:string, xs:string)" select="map {}"/>

  <!-- "Previous letter", "Next letter in this correspondence"... -->
  <xsl:function name="t:related-letter-label" as="xs:string">
    <xsl:param name="related" as="map(*)"/>
    <xsl:sequence select="(if ($related?relation = 'next') then 'Next letter' else 'Previous letter')
      || (if ($related?scope = 'withinCorrespondence') then ' in this correspondence'
          else if ($related?scope = 'withinCollection') then ' in the edition' else '')"/>
  </xsl:function>

  <xsl:template name="t:correspondence-fields">
    <xsl:for-each select="t:correspondence()">
      <xsl:variable name="line" select="t:action-line(.)"/>
      <xsl:if test="$line">
        <dt><xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="t:action-label(.)"/></dt>
        <dd class="correspondent"><xsl:value-of select="$line"/></dd>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="t:correspondence-context()">
      <dt><xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="t:related-letter-label(.)"/></dt>
      <dd>
        <xsl:variable name="href" select="$pages(?target)"/>
        <xsl:choose>
          <xsl:when test="$href"><a href="{$href}" rel="{if (?relation = 'next') then 'next' else 'prev'}"><xsl:value-of select="?label"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="?label"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:for-each>
  </xsl:template>

  <!-- Address lines: one line each in the plain text too. -->
  <xsl:template match="tei:addrLine" mode="text">
    <xsl:call-template name="t:text-block">
      <xsl:with-param name="mark" select="$t:line"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A line break in an opener, closer or address lays out lines (letterhead, address, signature): the
       plain text keeps them as lines. -->
  <xsl:template match="tei:lb[not(t:breaks-word(.))][ancestor::tei:opener or ancestor::tei:closer or ancestor::tei:address]" mode="text">
    <xsl:sequence select="$t:line"/>
  </xsl:template>

  <!-- The same, as lines of the plain text's heading. -->
  <xsl:function name="t:correspondence-lines" as="xs:string*">
    <xsl:sequence select="
      (t:correspondence()[t:action-line(.)] ! (t:action-label(.) || ': ' || t:action-line(.))),
      (t:correspondence-context() ! (t:related-letter-label(.) || ': ' || ?label))"/>
  </xsl:function>

</xsl:stylesheet>
