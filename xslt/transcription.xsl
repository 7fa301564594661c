<?xml version="1.0" encoding="UTF-8"?>
<!--
  transcription.xsl: primary sources (TEI "Representation of primary sources"): additions, deletions,
  substitutions, unclear and damaged passages, gaps, spaces, changes of hand, forme work, page, column and line
  breaks, expansions, and the diplomatic transcription of sourceDoc (surface, zone, line).

  The HTML keeps a diplomatic layer: deletions struck through, additions between \ / (as papyri.info draws
  them; the raised brackets ⸌ ⸍ are in too few fonts and showed as empty boxes), page numbers at page
  breaks; with #tt-diplomatic targeted, also the source's readings beside corrections. The reading layer
  (#tt-reading) hides deletions and signs; both are links, no script needed. The plain text
  is the reading text: deletions out, additions in, breaks as markers.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- The elements that make a diplomatic layer worth a switch (a choice's source reading among them). A
       search of the whole text: the page asks once (t:layers and t:layer-target get the answer). -->
  <xsl:function name="t:has-layers" as="xs:boolean">
    <xsl:param name="texts" as="element()*"/>
    <xsl:sequence select="exists($texts//tei:del | $texts//tei:add | $texts//tei:unclear | $texts//tei:handShift | $texts//tei:damage | $texts//tei:fw | $texts//tei:choice | $texts//tei:delSpan | $texts//tei:addSpan)"/>
  </xsl:function>

  <!-- Two links, no script: the diplomatic text (deletions struck through, additions marked, the source's
       readings beside corrections) and the reading text (deletions and signs left out). Each targets an empty
       element just before main; style.css styles main after the targeted one (#tt-reading:target ~ main). -->
  <xsl:template name="t:layers">
    <xsl:param name="layers" as="xs:boolean"/>
    <xsl:if test="$layers">
      <p class="layers">
        <xsl:sequence select="$t:interface-attributes"/>
        <xsl:text>Show: </xsl:text>
        <a href="#tt-diplomatic">diplomatic text (as the source has it)</a>
        <xsl:text> · </xsl:text>
        <a href="#tt-reading">reading text (deletions left out)</a>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="t:layer-target">
    <xsl:param name="layers" as="xs:boolean"/>
    <xsl:if test="$layers"><span id="tt-diplomatic"></span><span id="tt-reading"></span></xsl:if>
  </xsl:template>

  <!-- Additions and deletions -->

  <!-- An addition between its signs (t:drawn-signs), which the reading layer hides. -->
  <xsl:template match="tei:add" mode="html">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <ins class="add" title="{string-join(('Added', @place ! ('(' || replace(., '([a-z])([A-Z])', '$1 $2') || ')')), ' ')}">
      <span class="sign" aria-hidden="true"><xsl:value-of select="$signs[1]"/></span>
      <xsl:call-template name="phrase-content"/>
      <span class="sign" aria-hidden="true"><xsl:value-of select="$signs[2]"/></span>
    </ins>
  </xsl:template>

  <!-- Text a delSpan or an addSpan holds (t:spans-of) is drawn as a deletion's or an addition's is: struck
       (and left out of the reading text: text.xsl), or marked as added. -->
  <xsl:function name="t:in-spans" as="node()*">
    <xsl:param name="node" as="text()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="spans" select="t:spans-of($node)"/>
    <xsl:variable name="added" as="node()*">
      <xsl:choose>
        <xsl:when test="$spans = 'addSpan'"><ins class="add" title="Added"><xsl:value-of select="$text"/></ins></xsl:when>
        <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$spans = 'delSpan'"><xsl:sequence select="t:deleted($added)"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="$added"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A deletion as the page draws it, a del's content or a delSpan's text: struck, hidden in the reading
       layer (style.css's .del). -->
  <xsl:function name="t:deleted" as="element()">
    <xsl:param name="content" as="node()*"/>
    <del class="del" title="Deleted in the source"><xsl:sequence select="$content"/></del>
  </xsl:function>

  <xsl:template match="tei:del" mode="html">
    <xsl:variable name="content" as="node()*"><xsl:call-template name="phrase-content"/></xsl:variable>
    <xsl:sequence select="t:deleted($content)"/>
  </xsl:template>
  <xsl:template match="tei:del" mode="text"/>

  <!-- A deletion the source cancelled (t:is-restored) is read, struck dotted in the diplomatic layer. -->
  <xsl:template match="tei:del[t:is-restored(.)]" mode="html" priority="1">
    <span class="del restored" title="Deleted, then restored in the source"><xsl:call-template name="phrase-content"/></span>
  </xsl:template>
  <xsl:template match="tei:del[t:is-restored(.)]" mode="text" priority="1">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="html">
    <span class="unclear" title="{string-join(('Unclear in the source', @reason, (@quantity, @extent)[1] ! string-join((., ../@unit), ' ')), ': ')}">
      <xsl:call-template name="phrase-content"/><xsl:value-of select="t:unread-sign(.)"/></span>
  </xsl:template>
  <!-- An unclear passage the transcriber could not read at all is not passed over in silence (t:unread-sign). -->
  <xsl:template match="tei:unclear[exists(t:unread-sign(.))]" mode="text">
    <xsl:value-of select="t:unread-sign(.)"/>
  </xsl:template>

  <xsl:template match="tei:damage" mode="html">
    <xsl:variable name="what" select="string-join(('Damaged', (@type, @agent, @extent) ! replace(., '_', ' ')), ', ')"/>
    <span class="damage" title="{$what}">
      <xsl:call-template name="phrase-content"/>
      <xsl:if test="not(normalize-space())"><span class="sign">[damaged]</span></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="html">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <span class="supplied" title="{string-join(('Supplied by the editors', @reason), ': ')}"><xsl:value-of select="$signs[1]"/>
      <xsl:call-template name="phrase-content"/><xsl:value-of select="$signs[2]"/></span>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="text">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

  <!-- Text the editors judge superfluous (surplus): between its signs (t:drawn-signs), in any text. -->
  <xsl:template match="tei:surplus" mode="html">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <span class="surplus" title="Superfluous in the source, for the editors"><xsl:value-of select="$signs[1]"/>
      <xsl:call-template name="phrase-content"/><xsl:value-of select="$signs[2]"/></span>
  </xsl:template>

  <xsl:template match="tei:surplus" mode="text">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

  <!-- The editors' correction: between its signs (t:drawn-signs: in an edition only). In a choice, the look's
       rule for choice draws the reading (html.xsl, text.xsl). -->
  <xsl:template match="tei:corr" mode="html">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:call-template name="phrase-content"/>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

  <xsl:template match="tei:corr" mode="text">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

  <!-- An omission: [its description], or […] when it has none (t:gap-sign). -->
  <xsl:template match="tei:gap" mode="html">
    <span class="gap" title="{string-join(('Omitted in the source', @reason, (@quantity, @extent)[1] ! (. || ' ' || ../@unit)), ': ')}">
      <xsl:value-of select="t:gap-sign(.)"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:gap" mode="text">
    <xsl:value-of select="t:gap-sign(.)"/>
  </xsl:template>

  <!-- A blank space in the source separates words: never glue them. -->
  <xsl:template match="tei:space" mode="html">
    <xsl:choose>
      <xsl:when test="@dim = 'vertical'"><br/></xsl:when>
      <!-- A space of one character is a word space ("Ich sehe"); a wider blank shows as one. -->
      <xsl:otherwise>
        <xsl:variable name="word-space" select="@quantity = '1' and (empty(@unit) or @unit = ('chars', 'char'))"/>
        <span class="{'space', 'wide'[not($word-space)]}" title="Blank space in the source"><xsl:text> </xsl:text></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:space" mode="text"><xsl:text> </xsl:text></xsl:template>

  <!-- A change of hand, its sign (t:hand-sign: "[hand: Goethe (pencil)]", WeGA's "[hand: Caroline]", not a
       bare "[hand]"), the hand's description its title where the sign cannot hold it; the sign stands apart
       from the word after it. -->
  <xsl:template match="tei:handShift" mode="html">
    <xsl:variable name="described" select="t:hand-descriptions(.)"/>
    <xsl:variable name="scribe" select="t:hand-scribe(.)"/>
    <span class="handshift sign" title="{string-join(('Another hand begins', $described, $scribe[empty($described)]), ': ')}"><xsl:value-of
      select="t:hand-sign(.)"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:handShift" mode="text"/>

  <!-- Forme work (running heads, catchwords, signatures) belongs to the page, not to the reading text. -->
  <xsl:template match="tei:fw" mode="html">
    <span class="fw sign" title="{string-join(('Forme work', @type), ': ')}"><xsl:call-template name="phrase-content"/></span>
  </xsl:template>
  <xsl:template match="tei:fw" mode="text"/>

  <!-- Expansions of abbreviations in parentheses, as editions print them, doubted (?) where the editors doubt
       them (t:drawn-signs). -->
  <xsl:template match="tei:ex" mode="html">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <span class="ex" title="Expanded by the editors"><xsl:value-of select="$signs[1]"/>
      <xsl:call-template name="phrase-content"/><xsl:value-of select="$signs[2]"/></span>
  </xsl:template>
  <xsl:template match="tei:ex" mode="text">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

  <!-- Breaks -->

  <xsl:template match="tei:pb | tei:cb" mode="html">
    <span class="{local-name()}" id="{t:anchor(.)}">
      <xsl:if test="@facs"><xsl:attribute name="title" select="'Facsimile: ' || @facs"/></xsl:if>
      <xsl:value-of select="t:break-label(.)"/>
    </span>
    <xsl:value-of select="' '[not(t:breaks-word(current()))]"/>
  </xsl:template>

  <!-- In the reading text, a break inside a word ("Forde<pb n="7" break="no"/>rung") leaves the word whole: its
       marker follows the word ("Forderung [p. 7]"), drawn by the text that ends it (t:word-after-break, in
       text.xsl), where that text follows the break. -->
  <xsl:template match="tei:pb | tei:cb" mode="text">
    <xsl:variable name="space" select="if (t:breaks-word(.)) then '' else ' '"/>
    <xsl:if test="not(t:marks-after-word(.))">
      <xsl:value-of select="$space || t:break-label(.) || $space"/>
    </xsl:if>
  </xsl:template>
  <xsl:function name="t:marks-after-word" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="t:breaks-word($break) and exists($break/following-sibling::node()[1][self::text()][normalize-space()])"/>
  </xsl:function>

  <!-- A line break: the page keeps the source's lines (its diplomatic layer), the plain reading text runs on
       with a space, as a reading text of prose does; where lines are lines of meaning, the plain text breaks
       too (an address, a letterhead, a signature: letters.xsl; an inscription's edition: epidoc.xsl; verse is
       a line per l). Inside a word neither adds space (t:breaks-word), nor before anything of its block is
       read (t:opens-block). -->
  <xsl:template match="tei:lb" mode="html">
    <xsl:if test="not(t:breaks-word(.) or t:opens-block(.))"><br/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb" mode="text">
    <xsl:value-of select="if (t:is-spaceless-break(.)) then '' else ' '"/>
  </xsl:template>

  <!-- The diplomatic transcription (sourceDoc): each surface under its heading, each line on its own, every
       fifth line numbered. -->
  <xsl:template match="tei:sourceDoc" mode="html">
    <section class="sourcedoc" id="{t:anchor(.)}" aria-labelledby="{t:anchor(.)}-head">
      <h2 class="head" id="{t:anchor(.)}-head"><xsl:value-of select="t:surface-heading(.)"/></h2>
      <xsl:apply-templates mode="html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:surface | tei:surfaceGrp" mode="html">
    <section class="surface" id="{t:anchor(.)}">
      <h3 class="head"><xsl:value-of select="t:surface-heading(.)"/></h3>
      <xsl:apply-templates mode="html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:sourceDoc | tei:surface | tei:surfaceGrp" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="t:surface-heading(.)"/>
    <xsl:sequence select="$t:break"/>
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template match="tei:surface/tei:desc | tei:surface/tei:label" mode="html text"/>

  <!-- A zone that says what it is (t:zone-label) is headed so, its lines under it: "Left margin". -->
  <xsl:template match="tei:zone[exists(t:zone-label(.))]" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="before" as="element()*">
        <p class="zone-label"><xsl:value-of select="t:zone-label(.)"/></p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:zone[exists(t:zone-label(.))]" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="'[' || t:zone-label(.) || ']'"/>
    <xsl:sequence select="$t:line"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

  <xsl:template match="tei:line" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="before" as="element()*">
        <xsl:if test="matches(@n, '^\d+$') and xs:integer(@n) mod 5 = 0">
          <span class="linenumber"><xsl:value-of select="@n"/></span>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:line" mode="text">
    <xsl:call-template name="t:text-block">
      <xsl:with-param name="mark" select="$t:line"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
