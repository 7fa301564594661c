<?xml version="1.0" encoding="UTF-8"?>
<!--
  epidoc.xsl: inscriptions and papyri encoded with EpiDoc, in the Leiden conventions of the EpiDoc
  Guidelines, inside the edition division (div type="edition"):
    every line break starts a new line (a break inside a word too, with no hyphen added); every fifth line
    is numbered (not a line 0); [supplied], ⟨omitted⟩, (expansions), Aug(usto?), ⌈corrections⌉, \additions/
    and gaps in their Leiden forms, a gap of lines on lines of its own, a blank space as (vac. 3) (see
    t:leiden-signs, t:drawn-signs, t:leiden-gap and t:vacat in common.xsl); an abbreviation mark is not read;
    letters read with doubt carry an underdot, letters in ligature a tie, letters with a line above the line
    (t:letter-marks); erasures ⟦ ⟧ (superfluous letters { } are drawn in any text, transcription.xsl). The
    edition, translation, apparatus and commentary divisions get their headings from t:implied-heading
    (html.xsl, text.xsl).
  Imported last: these rules win over the general transcription rules inside an edition.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- A line's number is shown on every fifth line; not on a line numbered 0, before the first (a heading
       above the text), which is no fifth line. -->
  <xsl:function name="t:shown-line-number" as="xs:string?">
    <xsl:param name="break" as="element(tei:lb)"/>
    <xsl:sequence select="$break/@n[matches(., '^\d+$') and xs:integer(.) mod 5 = 0 and xs:integer(.) gt 0] ! string(.)"/>
  </xsl:function>

  <!-- A column or page break: its label, in words and without the brackets that mean lost letters here
       ("Column 2", t:break-label), is a line of its own, not the end of the column or page before nor the
       start of the next (the line after it begins with the next line break, or with a break of its own). A
       break inside a word leaves the word whole: the page draws it where it is, as a transcription does; the
       plain text draws its line after the word (text.xsl). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:cb | tei:div[@type = 'edition']//tei:pb" mode="html">
    <xsl:variable name="apart" select="not(t:breaks-word(.))"/>
    <xsl:variable name="next" select="following-sibling::node()[self::* or normalize-space()][1]"/>
    <xsl:if test="$apart and not(t:opens-block(.))"><br/></xsl:if>
    <xsl:next-match/>
    <xsl:if test="$apart and exists($next) and not($next[self::tei:lb or self::tei:cb or self::tei:pb])"><br/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:cb | tei:div[@type = 'edition']//tei:pb" mode="text">
    <xsl:variable name="apart" select="not(t:breaks-word(.))"/>
    <xsl:sequence select="$t:line[$apart]"/>
    <xsl:next-match/>
    <xsl:sequence select="$t:line[$apart]"/>
  </xsl:template>

  <!-- A change of hand in an edition is the editors' statement about the text: the plain text says it too. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:handShift" mode="text">
    <xsl:value-of select="t:hand-sign(.) || ' '"/>
  </xsl:template>

  <!-- A milestone: its label or the line it draws (t:milestone-label), a line of its own, like a column's. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:milestone" mode="html">
    <xsl:variable name="label" select="t:milestone-label(.)"/>
    <xsl:if test="exists($label)">
      <xsl:variable name="next" select="following-sibling::node()[self::* or normalize-space()][1]"/>
      <xsl:if test="not(t:opens-block(.))"><br/></xsl:if>
      <span class="milestone" title="{$label[2]}"><xsl:value-of select="$label[1]"/></span>
      <xsl:if test="exists($next) and not($next[self::tei:lb or self::tei:cb or self::tei:pb])"><br/></xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:milestone" mode="text">
    <xsl:for-each select="t:milestone-label(.)[1]">
      <xsl:sequence select="$t:line"/>
      <xsl:value-of select="."/>
      <xsl:sequence select="$t:line"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:lb" mode="html">
    <xsl:if test="not(t:opens-block(.))"><br/></xsl:if>
    <xsl:for-each select="t:shown-line-number(.)">
      <span class="linenumber"><xsl:value-of select="."/></span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:lb" mode="text">
    <xsl:sequence select="$t:line"/>
    <xsl:value-of select="t:shown-line-number(.) ! (. || ' ')"/>
  </xsl:template>

  <!-- A line of the support beginning inside a verse line: its line division (t:line-division), not a new line,
       which would break the verse; one beginning with a verse line is drawn by the line (verse.xsl). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:l//tei:lb" mode="html text" priority="1">
    <xsl:value-of select="t:line-division(.)"/>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:lg/tei:lb" mode="html text" priority="1"/>

  <!-- A gap: its Leiden form (t:leiden-gap), a line of the page for each string; a gap of lines on lines of its
       own (t:shares-line). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:gap" mode="html">
    <xsl:variable name="lines" select="@unit = 'line'"/>
    <xsl:if test="$lines and t:shares-line(., false())"><br/></xsl:if>
    <!-- Illegible letters are there, but cannot be read: not "not preserved". -->
    <span class="gap" title="{string-join((if (@reason = 'illegible') then 'Preserved but illegible' else ('Not preserved', @reason),
      (t:leiden-measure(.), @extent)[1] ! (. || ' ' || current()/@unit)), ': ')}">
      <xsl:for-each select="t:leiden-gap(.)">
        <xsl:if test="position() gt 1"><br/></xsl:if>
        <xsl:value-of select="."/>
      </xsl:for-each>
    </span>
    <xsl:if test="$lines and t:shares-line(., true())"><br/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:gap" mode="text">
    <xsl:variable name="lines" select="@unit = 'line'"/>
    <xsl:sequence select="$t:line[$lines and t:shares-line(current(), false())]"/>
    <xsl:for-each select="t:leiden-gap(.)">
      <xsl:if test="position() gt 1"><xsl:sequence select="$t:line"/></xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
    <xsl:sequence select="$t:line[$lines and t:shares-line(current(), true())]"/>
  </xsl:template>

  <!-- A blank space on the support: its Leiden form (t:vacat), apart from the words on either side. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:space" mode="html">
    <xsl:text> </xsl:text>
    <span class="space vacat" title="Left blank on the support (vacat)">
      <xsl:value-of select="t:vacat(.)"/>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:space" mode="text">
    <xsl:value-of select="' ' || t:vacat(.) || ' '"/>
  </xsl:template>

  <!-- Letters read with doubt: each with an underdot, inside its children too (t:letter-mark). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:unclear" mode="html">
    <span class="{$t:letter-marks?unclear?class}" title="{$t:letter-marks?unclear?title}"><xsl:call-template name="t:marked-phrase-content"/></span>
  </xsl:template>

  <!-- Whatever sets marks on its letters (t:letter-mark: an unclear, a highlight), in the text: its content,
       marked. Named in the pattern, which is then tried on these elements only, not on every element. -->
  <xsl:template match="tei:unclear[exists(t:letter-mark(.))] | tei:hi[exists(t:letter-mark(.))]" mode="text">
    <xsl:variable name="content" as="node()*"><xsl:apply-templates mode="text"/></xsl:variable>
    <xsl:sequence select="t:mark-letters($content, t:letter-mark(.))"/>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:del" mode="html">
    <span class="erasure" title="Erased in antiquity">⟦<xsl:call-template name="phrase-content"/>⟧</span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:del" mode="text">
    <xsl:text>⟦</xsl:text><xsl:apply-templates mode="text"/><xsl:text>⟧</xsl:text>
  </xsl:template>

  <!-- An addition: in an edition's text too, between its signs (t:drawn-signs; a reading text elsewhere reads
       it without them). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:add" mode="text">
    <xsl:variable name="signs" select="t:drawn-signs(.)"/>
    <xsl:value-of select="$signs[1]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$signs[2]"/>
  </xsl:template>

  <!-- An abbreviation left unexpanded: (- - -) after it. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:abbr[not(parent::tei:expan or parent::tei:choice)]" mode="html">
    <span class="abbr"><xsl:call-template name="phrase-content"/>(- - -)</span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:abbr[not(parent::tei:expan or parent::tei:choice)]" mode="text">
    <xsl:apply-templates mode="text"/><xsl:text>(- - -)</xsl:text>
  </xsl:template>

</xsl:stylesheet>
