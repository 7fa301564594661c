<?xml version="1.0" encoding="UTF-8"?>
<!--
  drama.xsl: performance texts (TEI "Performance texts" and "Transcriptions of speech"): the cast list, speeches
  and their speakers, stage directions, utterances and their segments, pauses and non-verbal events.

  Stage directions are set apart from speech: italic in the HTML (a block of their own between speeches, a
  phrase inside a line), in parentheses in the plain text. A speech or utterance without a speaker element
  takes its speaker from @who.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The speaker a speech or utterance names by @who only: the entry's name, else the pointer's id. None
       where the transcript names the speaker itself, in a note of type speaker before it (ParlaMint's
       "Präsident Ing. Norbert Hofer", other notes such as the time between them): read twice otherwise. A @who
       that is no list of pointers (who="Kováč, M.", a name where a pointer belongs: each of its values must
       lead to an entry or name one with #) is read as written, not cut at its spaces ("Kováč,, M."). -->
  <!-- The entry a speaker's pointer leads to; a bare id (an EXMARaLDA or ISO 24624 transcript's
       who="SPK0", an annotation block's speaker) leads to the entry of the document with that id. -->
  <xsl:function name="t:speaker-entry" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="speech" as="element()"/>
    <xsl:sequence select="(t:entry-by-pointer($pointer, $speech),
      $pointer[not(contains(., '#') or contains(., '/'))] ! key('by-id', ., root($speech))[1])[1]"/>
  </xsl:function>

  <xsl:function name="t:speaker-by-who" as="xs:string?">
    <xsl:param name="speech" as="element()"/>
    <xsl:variable name="named" select="exists($speech/preceding-sibling::*[not(self::tei:note[@type != 'speaker'])][1]
      /self::tei:note[@type = 'speaker'])"/>
    <xsl:variable name="who" select="normalize-space($speech/@who)"/>
    <xsl:variable name="speakers" select="tokenize($who) ! map { 'pointer': ., 'entry': t:speaker-entry(., $speech) }"/>
    <!-- A speech of stage directions alone (EarlyPrint's <sp who="A06177-xxxx"><stage>Enter …</stage></sp>)
         is spoken by no one: its @who, often a placeholder id, names nobody. -->
    <xsl:variable name="directions-only" select="exists($speech/tei:stage)
      and empty($speech/node()[not(self::tei:stage)][self::* or normalize-space()])"/>
    <xsl:sequence select="if ($speech/tei:speaker or not($who) or $named or $directions-only) then ()
      else if (some $speaker in $speakers satisfies empty($speaker?entry) and not(contains($speaker?pointer, '#'))) then $who
      else string-join($speakers ! (if (?entry) then t:normalized-name(?entry) else replace(?pointer, '^.*#', '')), ', ')"/>
  </xsl:function>

  <!-- The line naming a speech's speaker, and saying that the speech overlaps the one before where the
       transcript says so: an utterance marked so (trans="overlap", TEI 8.3.1), or an ISO 24624 annotation block
       that starts on its timeline before an earlier block has ended (EXMARaLDA's "Yeah" said while another
       speaks): "VIC (overlapping)". -->
  <xsl:function name="t:speaker-line" as="xs:string?">
    <xsl:param name="speech" as="element()"/>
    <xsl:sequence select="t:speaker-by-who($speech) ! string-join((., '(overlapping)'[t:overlaps($speech)]), ' ')"/>
  </xsl:function>

  <xsl:function name="t:overlaps" as="xs:boolean">
    <xsl:param name="speech" as="element()"/>
    <xsl:sequence select="$speech/@trans = 'overlap'
      or ($speech/self::tei:annotationBlock and $t:overlapping-blocks(generate-id($speech)))"/>
  </xsl:function>

  <!-- The annotation blocks of the document that start before an earlier one has ended, by the order of the
       timeline's points their @start and @end point to: one pass over the blocks, carrying the latest end. -->
  <xsl:variable name="t:overlapping-blocks" as="map(xs:string, xs:boolean)">
    <xsl:variable name="points" select="map:merge((//tei:timeline)[1]/tei:when[@xml:id] ! map { string(@xml:id): position() },
      map { 'duplicates': 'use-first' })"/>
    <xsl:iterate select="//tei:annotationBlock">
      <xsl:param name="latest-end" as="xs:integer" select="0"/>
      <xsl:param name="overlapping" as="map(xs:string, xs:boolean)" select="map {}"/>
      <xsl:on-completion select="$overlapping"/>
      <xsl:variable name="start" select="$points(replace(normalize-space(@start), '^#', ''))"/>
      <xsl:variable name="end" select="$points(replace(normalize-space(@end), '^#', ''))"/>
      <xsl:next-iteration>
        <xsl:with-param name="latest-end" select="max(($latest-end, $end))"/>
        <xsl:with-param name="overlapping" select="if (exists($start) and $start lt $latest-end)
          then map:put($overlapping, generate-id(), true()) else $overlapping"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:variable>

  <!-- A stage direction stands as a block between speeches, as a phrase inside a line or paragraph. -->
  <xsl:function name="t:is-block-stage" as="xs:boolean">
    <xsl:param name="stage" as="element(tei:stage)"/>
    <xsl:sequence select="not($stage/parent::*[self::tei:l or self::tei:p or self::tei:ab or self::tei:speaker
      or self::tei:seg or self::tei:hi or self::tei:u or self::tei:head])"/>
  </xsl:function>

  <!-- The parentheses of a direction in the plain text, unless it brings its own (t:added-brackets). -->
  <xsl:function name="t:stage-marks" as="xs:string+">
    <xsl:param name="stage" as="element(tei:stage)"/>
    <xsl:sequence select="t:added-brackets(string($stage), ('(', ')'))"/>
  </xsl:function>

  <xsl:template match="tei:sp | tei:u | tei:annotationBlock" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="before" as="element()*">
        <xsl:for-each select="t:speaker-line(.)">
          <p class="speaker"><xsl:value-of select="."/></p>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:sp | tei:u | tei:annotationBlock" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="t:speaker-line(.)"/>
    <xsl:sequence select="$t:break"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

  <!-- An ISO 24624 transcript's dependent tiers: the span groups of an annotation block (EXMARaLDA's
       translation, <spanGrp type="en">, and comment, type="k") are read under its utterance, each headed by
       its type (else its spans' type), their spans one after the other. Other span groups stay annotations. -->
  <xsl:function name="t:tier-text" as="xs:string">
    <xsl:param name="tier" as="element(tei:spanGrp)"/>
    <xsl:sequence select="string-join($tier/tei:span ! normalize-space()[.], ' ')"/>
  </xsl:function>

  <xsl:function name="t:tier-label" as="xs:string?">
    <xsl:param name="tier" as="element(tei:spanGrp)"/>
    <xsl:sequence select="($tier/@type, $tier/tei:span/@type)[normalize-space()][1] ! normalize-space()"/>
  </xsl:function>

  <xsl:template match="tei:annotationBlock/tei:spanGrp[tei:span[normalize-space()]]" mode="html">
    <p class="tier">
      <xsl:for-each select="t:tier-label(.)"><span class="tier-label"><xsl:value-of select="."/></span>: </xsl:for-each>
      <xsl:value-of select="t:tier-text(.)"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:annotationBlock/tei:spanGrp[tei:span[normalize-space()]]" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="string-join((t:tier-label(.) ! (. || ':'), t:tier-text(.)), ' ')"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="phrase" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:stage" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="block" select="t:is-block-stage(.) and not($inline)"/>
    <xsl:choose>
      <xsl:when test="$block and .//*[t:is-block(.)]">
        <xsl:call-template name="t:html-block"><xsl:with-param name="class" select="'stage'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$block">
        <xsl:call-template name="t:html-block">
          <xsl:with-param name="name" select="'p'"/>
          <xsl:with-param name="class" select="'stage'"/>
          <xsl:with-param name="phrase" select="true()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="spaces" select="t:spaces-around(.)"/>
        <xsl:value-of select="$spaces[1]"/>
        <span class="stage"><xsl:call-template name="phrase-content"/></span>
        <xsl:value-of select="$spaces[2]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The direction's words against its parentheses (t:quoted: "(Enter Barnardo.)", not "(Enter Barnardo. )"),
       and inside a line apart from the words around it, not from the punctuation after it (t:spaces-around). -->
  <xsl:template match="tei:stage" mode="text">
    <xsl:variable name="block" select="t:is-block-stage(.)"/>
    <xsl:variable name="spaces" select="if ($block) then () else t:spaces-around(.)"/>
    <xsl:sequence select="$t:break[$block]"/>
    <xsl:value-of select="$spaces[1]"/>
    <xsl:call-template name="t:quoted">
      <xsl:with-param name="content" as="node()*"><xsl:apply-templates mode="text"/></xsl:with-param>
      <xsl:with-param name="marks" select="t:stage-marks(.)"/>
    </xsl:call-template>
    <xsl:value-of select="$spaces[2]"/>
    <xsl:sequence select="$t:break[$block]"/>
  </xsl:template>

  <!-- The cast list: one line per cast item, a role and its description apart. -->
  <xsl:template match="tei:castItem/tei:role | tei:castItem/tei:roleDesc | tei:castItem/tei:actor" mode="html">
    <xsl:value-of select="' '[t:glued(current())]"/>
    <span class="{local-name()}"><xsl:call-template name="phrase-content"/></span>
  </xsl:template>

  <xsl:template match="tei:castItem/tei:role | tei:castItem/tei:roleDesc | tei:castItem/tei:actor" mode="text">
    <xsl:value-of select="' '[t:glued(current())]"/>
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- Segments laid out as lines (t:is-line-segment, common.xsl): one line each. -->
  <xsl:template match="tei:seg" mode="html">
    <xsl:choose>
      <xsl:when test="t:is-line-segment(.)">
        <xsl:call-template name="t:html-block">
          <xsl:with-param name="class" select="'seg line-segment'"/>
          <xsl:with-param name="phrase" select="true()"/>
          <xsl:with-param name="name" select="'span'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="' '[t:glued(current())]"/>
        <span class="{string-join(('seg', t:rend-classes(.)), ' ')}">
          <xsl:call-template name="t:style"/>
          <xsl:call-template name="phrase-content"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:seg" mode="text">
    <xsl:choose>
      <xsl:when test="t:is-line-segment(.)">
        <xsl:call-template name="t:text-block"><xsl:with-param name="mark" select="$t:line"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="' '[t:glued(current())]"/>
        <xsl:apply-templates mode="text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Pauses and non-verbal events, described between parentheses (none added where the description brings
       its own: "(Aplausos.)", t:added-brackets), apart from the words around them but not from the punctuation
       after them (t:spaces-around). Without a description, the event says what it is: its name, type and
       duration ("pause for PT2S"); a shift, which feature of the voice changes to what ("loudness: f"). -->
  <xsl:function name="t:event-description" as="xs:string">
    <xsl:param name="event" as="element()"/>
    <xsl:variable name="described" select="normalize-space(string-join($event/tei:desc ! t:reading-text(.), '; '))"/>
    <xsl:variable name="actor" select="t:event-actor($event)"/>
    <xsl:sequence select="t:bracketed(string-join(($actor ! (. || ':'), if ($described) then $described
      else if ($event/self::tei:shift[@feature]) then t:shift-description($event)
      else string-join((local-name($event), $event/@type, $event/@dur ! ('for ' || t:duration-label(.))), ' ')), ' '),
      ('(', ')'))"/>
  </xsl:function>

  <!-- Who a non-verbal event between utterances is of (<kinesic who="#ros"><desc>shrugs</desc></kinesic>):
       "(Rosalind: shrugs)". Inside an utterance it is its speaker's, who is named already. -->
  <xsl:function name="t:event-actor" as="xs:string?">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="if (empty($event/@who) or $event/ancestor::*[self::tei:u or self::tei:annotationBlock or self::tei:sp])
      then () else string-join(tokenize(normalize-space($event/@who))
        ! (t:speaker-entry(., $event) ! t:normalized-name(.), replace(., '^.*#', ''))[1], ', ')[. != '']"/>
  </xsl:function>

  <!-- A duration as a reader says it: an ISO 8601 duration's parts with their units ("PT0.3S": "0.3 s",
       "PT00H10M00S": "10 min"); any other value as written. -->
  <xsl:function name="t:duration-label" as="xs:string">
    <xsl:param name="duration" as="xs:string"/>
    <xsl:variable name="value" select="normalize-space($duration)"/>
    <xsl:sequence select="if (not($value castable as xs:duration)) then $value else
      let $d := xs:duration($value),
          $parts := (days-from-duration($d) ! (. || ' d'), hours-from-duration($d) ! (. || ' h'),
            minutes-from-duration($d) ! (. || ' min'), seconds-from-duration($d) ! (. || ' s'))[not(starts-with(., '0 '))]
      return if (empty($parts)) then '0 s' else string-join($parts, ' ')"/>
  </xsl:function>

  <!-- A shift in a feature of the voice (TEI: @feature, one of these; @new, the state it shifts to, "normal"
       unless given, its values the transcriber's: f, ff, p, fast...): "loudness: f", "loudness: normal". The
       return to normal is told too: the words after it are spoken otherwise than those before. -->
  <xsl:variable name="t:voice-features" as="map(xs:string, xs:string)" select="map {
    'tempo': 'tempo', 'loud': 'loudness', 'pitch': 'pitch', 'tension': 'tension', 'rhythm': 'rhythm',
    'voice': 'voice quality'}"/>
  <xsl:function name="t:shift-description" as="xs:string">
    <xsl:param name="shift" as="element(tei:shift)"/>
    <xsl:variable name="feature" select="normalize-space($shift/@feature)"/>
    <xsl:sequence select="($t:voice-features($feature), $feature)[1] || ': '
      || (normalize-space($shift/@new)[. != ''], 'normal')[1]"/>
  </xsl:function>

  <xsl:template match="tei:pause | tei:kinesic | tei:vocal | tei:incident | tei:shift | tei:writing[not(node())]" mode="html">
    <xsl:variable name="spaces" select="t:spaces-around(.)"/>
    <xsl:value-of select="$spaces[1]"/>
    <span class="{local-name()} event"><xsl:value-of select="t:event-description(.)"/></span>
    <xsl:value-of select="$spaces[2]"/>
  </xsl:template>

  <xsl:template match="tei:pause | tei:kinesic | tei:vocal | tei:incident | tei:shift | tei:writing[not(node())]" mode="text">
    <xsl:variable name="spaces" select="t:spaces-around(.)"/>
    <xsl:value-of select="$spaces[1] || t:event-description(.) || $spaces[2]"/>
  </xsl:template>

</xsl:stylesheet>
