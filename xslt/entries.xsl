<?xml version="1.0" encoding="UTF-8"?>
<!--
  entries.xsl: the index entries of one document, as compact JSON: the map step of the indexes.

  Run on one document (with the documents it points into in $documents), it gives what the indexes need of
  it, so that the indexes are built from these facts and never from all documents held at once:
    document   its title, authors and date, for the edition index (the reduce adds its output name);
    mentions   every mention (t:mention-kind) in document order: its index, the id of its entry there, the
               form as read, the anchor of the exact spot, a place label ("¶ 11", "note 6") and a few words
               of context either side;
    records    the facts of each authority record (or date) its mentions lead to, once each.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="json" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:variable name="mentions" select="//tei:text//*[t:mention-kind(.)]"/>
    <xsl:sequence select="map {
      'document': map {
        'title': t:full-title(),
        'authors': string(t:authors()),
        'date': string(t:date())
      },
      'mentions': array { $mentions ! t:mention(.) },
      'records': array {
        ($mentions[not(self::tei:date)] ! t:record(.))/. ! t:record-facts(.),
        t:distinct-dates($mentions[self::tei:date]) ! t:date-facts(.)
      }
    }"/>
  </xsl:template>

  <xsl:function name="t:mention" as="map(*)">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="context" select="t:context($mention)"/>
    <xsl:sequence select="map {
      'kind': t:mention-kind($mention),
      'entry': t:entry-id($mention),
      'ref': normalize-space($mention/@ref),
      'form': t:reading-text($mention),
      'anchor': t:anchor($mention),
      'label': t:place-label($mention),
      'before': $context[1],
      'after': $context[2]
    }"/>
  </xsl:function>

  <!-- One date element per distinct chronology entry: the first with that key. -->
  <xsl:function name="t:distinct-dates" as="element()*">
    <xsl:param name="dates" as="element()*"/>
    <xsl:for-each-group select="$dates[t:date-key(.)]" group-by="t:date-key(.)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- What the authority file says of a record: names, dates, coordinates, links. Only facts it has. -->
  <xsl:function name="t:record-facts" as="map(*)">
    <xsl:param name="record" as="element()"/>
    <xsl:variable name="name" select="t:normalized-name($record)"/>
    <xsl:variable name="names" select="$record/(tei:persName, tei:placeName, tei:orgName, tei:title, tei:name)
      ! normalize-space(.)"/>
    <xsl:sequence select="map:merge((
      map {
        'kind': $t:record-kinds(local-name($record)),
        'id': t:anchor($record),
        'name': if ($name) then $name else normalize-space($record),
        'sort': t:sort-key($record),
        'variants': array { distinct-values($names[. != '' and . != $name]) },
        'authorities': array { $record/tei:idno[normalize-space()] ! t:authority(.) }
      },
      t:event-text($record/tei:birth[1]) ! map { 'birth': . },
      t:event-text($record/tei:death[1]) ! map { 'death': . },
      ($record/tei:note, $record/tei:desc[not(@type)])[1] ! map { 'note': normalize-space(.) },
      t:event-text($record/tei:date[1]) ! map { 'date': . },
      t:coordinates(($record/tei:location/tei:geo)[1]) ! map { 'coordinates': . }
    ))"/>
  </xsl:function>

  <xsl:function name="t:authority" as="map(*)">
    <xsl:param name="idno" as="element(tei:idno)"/>
    <xsl:sequence select="map:merge((
      map { 'type': string(($idno/@subtype, $idno/@type, 'id')[1]), 'id': normalize-space($idno) },
      t:authority-uri($idno) ! map { 'uri': . }))"/>
  </xsl:function>

  <!-- A geo as latitude and longitude: "48.2 16.37", "48.2,16.37", or with decimal commas "48,2 16,37". -->
  <xsl:function name="t:coordinates" as="map(*)?">
    <xsl:param name="geo" as="element(tei:geo)?"/>
    <xsl:variable name="text" select="normalize-space($geo)"/>
    <xsl:variable name="parts" select="if (contains($text, ' ')) then tokenize($text, ' ') ! translate(., ',', '.')
      else tokenize($text, ',')"/>
    <xsl:sequence select="if (count($parts) = 2 and (every $p in $parts satisfies $p castable as xs:double))
      then map { 'lat': xs:double($parts[1]), 'lon': xs:double($parts[2]) } else ()"/>
  </xsl:function>

  <!-- A date as it sorts in time: a year before the common era counted down from 9999 behind its minus, so
       that -0100 sorts before -0044, and both before 0001. -->
  <xsl:function name="t:sortable-date" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="if (starts-with($iso, '-'))
      then '-' || format-integer(9999 - xs:integer(substring($iso, 2, 4)), '0000') || substring($iso, 6) else $iso"/>
  </xsl:function>

  <xsl:function name="t:date-facts" as="map(*)">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="values" select="t:iso-values($date)"/>
    <xsl:variable name="start" select="t:iso-date($date)"/>
    <xsl:variable name="end" select="($values?when, $values?to, $values?notAfter, $start)[1]"/>
    <xsl:sequence select="map:merge((
      map {
        'kind': 'date', 'id': t:date-key($date), 'name': t:date-label($date),
        'sort': t:sortable-date($start) || ' ' || t:sortable-date($end),
        'variants': array {}, 'authorities': array {}, 'start': $start, 'end': $end
      },
      normalize-space($date/@cert)[. != ''] ! map { 'cert': . }))"/>
  </xsl:function>

</xsl:stylesheet>
