<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl: the plain reading text of a TEI document, UTF-8.

  A heading block (title, author, date, source, correspondents); then the text and the source's transcription
  (sourceDoc), one paragraph per block separated by blank lines, verse and address lines one per line; the
  corrected readings of choices, the lemmata of the apparatus with markers [a1], editors' insertions in square
  brackets, deletions left out, page breaks as markers [p. 5], note markers [n]; then "Apparatus" and "Notes".
  The genre modules it imports render their elements; no character of the reading text is dropped: an element
  without a rule of its own gives its content.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:t="urn:teitools"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="transcription.xsl"/>
  <xsl:import href="drama.xsl"/>
  <xsl:import href="verse.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="figures.xsl"/>
  <xsl:import href="letters.xsl"/>
  <xsl:import href="epidoc.xsl"/>
  <xsl:import href="records.xsl"/>
  <xsl:import href="dictionary.xsl"/>
  <xsl:include href="renditions.xsl"/>
  <xsl:include href="attachments.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="newline" as="xs:string" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:variable name="texts" select="//tei:text[not(ancestor::tei:text)] | //tei:sourceDoc"/>
    <xsl:variable name="heading" select="t:title(), t:subtitle(), t:authors(), t:date(),
      t:source() ! ('Source: ' || .), t:correspondence-lines()"/>
    <xsl:variable name="body" select="t:paragraphs($texts)"/>
    <xsl:variable name="described" select="t:source-descriptions(/)"/>
    <xsl:variable name="description" select="if (empty($described)) then () else
      ($t:source-description-heading, t:paragraphs($described))"/>
    <xsl:variable name="apps" select="t:listed-apps($texts)"/>
    <!-- The witnesses, a line each ("Pt4: 1779-80, Bodleian Library"), then the entries. -->
    <xsl:variable name="witnesses" select="string-join(t:cited-witnesses($texts)
      ! string-join((t:siglum(.) ! (. || ':'), t:paragraphs(node() except tei:abbr)), ' '), $newline)"/>
    <xsl:variable name="apparatus" select="if (empty($apps)) then () else
      ('Apparatus', $witnesses[. != ''], $apps ! (t:listed-number(t:app-marker(.)) || ' ' || t:apparatus-entry(.)))"/>
    <xsl:variable name="notes" select="$t:footnotes"/>
    <xsl:variable name="notes-section" select="if (empty($notes)) then () else
      ('Notes', $notes ! (t:listed-number(t:note-number(.)) || ' ' || string-join(t:paragraphs(node()), $newline || $newline)))"/>
    <!-- Each paragraph goes to the output as it is, a blank line before the next: joined into one string
         first, a novel's plain text took a fifth longer. -->
    <xsl:for-each select="string-join($heading, $newline), $body, $description, $apparatus, $notes-section">
      <xsl:if test="position() gt 1"><xsl:value-of select="$newline || $newline"/></xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
    <xsl:value-of select="$newline"/>
  </xsl:template>

  <!-- The paragraphs that nodes render to, white space normalised: the nodes are rendered into a tree of text
       and marks ($t:break, $t:line, in common.xsl), where the text between two marks is one text node. Without
       line marks, each text node is a paragraph; with them, each is a line, and the lines between two
       paragraph marks make a paragraph, one per line. -->
  <xsl:function name="t:paragraphs" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="assembled" as="document-node()">
      <xsl:document><xsl:apply-templates select="$nodes" mode="text"/></xsl:document>
    </xsl:variable>
    <xsl:choose>
      <xsl:when _test="empty($assembled/processing-instruction({$t:line-name}))">
        <xsl:sequence select="$assembled/text() ! normalize-space(.)[. != '']"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="$assembled/node()" _group-starting-with="processing-instruction({$t:break-name})">
          <xsl:sequence select="string-join(current-group()/self::text() ! normalize-space(.)[. != ''], $newline)[. != '']"/>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Each paragraph's white space is normalised when it is assembled (t:paragraphs): text is copied as it
       is, except in documents with breaks inside words, where the white space beside those breaks must go,
       or with spans (t:text-rules). Text a delSpan deletes is left out (t:spans-of); the text that ends a
       word a page or column break splits (t:marks-after-word) draws the word's end, the break's marker,
       then the rest. Only text with words is asked for the break before it: in Saxon's tree that axis walks
       from the parent's first child. -->
  <xsl:template match="text()[$t:text-rules]" mode="text">
    <xsl:choose>
      <xsl:when test="$t:has-spans and t:spans-of(.) = 'delSpan'"/>
      <xsl:when test="not($t:breaks-words)"><xsl:value-of select="."/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="flowing" select="t:flow(.)"/>
        <xsl:variable name="break" select="if ($t:breaks-pages-in-words and normalize-space(.))
          then preceding-sibling::node()[1][self::tei:pb or self::tei:cb] else ()"/>
        <xsl:choose>
          <xsl:when test="exists($break) and t:marks-after-word($break)">
            <xsl:variable name="word-end" select="substring-before($flowing || ' ', ' ')"/>
            <xsl:value-of select="$word-end"/>
            <xsl:choose>
              <!-- In an edition the break's label is a line of its own (epidoc.xsl): after the word. -->
              <xsl:when test="t:is-edition($break)">
                <xsl:sequence select="$t:line"/>
                <xsl:value-of select="t:break-label($break)"/>
                <xsl:sequence select="$t:line"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="' ' || t:break-label($break)"/></xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="substring($flowing, string-length($word-end) + 1)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$flowing"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="text"/>

  <xsl:template match="tei:ruby/tei:rt" mode="text">
    <xsl:value-of select="$t:ruby-marks[1]"/>
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$t:ruby-marks[2]"/>
  </xsl:template>

  <!-- A document of a corpus: its text headed by its title (t:part-title). -->
  <xsl:template match="tei:text[exists(t:part-title(.))]" mode="text" priority="1">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="t:part-title(.)"/>
    <xsl:sequence select="$t:break"/>
    <xsl:next-match/>
  </xsl:template>

  <!-- A division without a heading of its own gets the one its type implies (EpiDoc's edition...). -->
  <xsl:template match="tei:div[t:implied-heading(.)]" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="t:implied-heading(.)"/>
    <xsl:sequence select="$t:break"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

  <xsl:template _match="{$t:headed-list-pattern}" mode="text">
    <xsl:for-each select="t:list-heading(.)">
      <xsl:sequence select="$t:break"/>
      <xsl:value-of select="."/>
      <xsl:sequence select="$t:break"/>
    </xsl:for-each>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="tei:divGen" mode="text">
    <xsl:for-each select="t:generated-from(.)">
      <xsl:sequence select="$t:break"/>
      <xsl:value-of select="t:see(t:generated-label(.))" separator=""/>
      <xsl:sequence select="$t:break"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:note[t:is-footnote(.)]" mode="text">
    <xsl:apply-templates select=".[empty(t:call-of(.))]" mode="note-call"/>
  </xsl:template>

  <!-- A note read where it stands (t:is-note-in-place): a paragraph of its own. -->
  <xsl:template match="tei:note[t:is-note-in-place(.)]" mode="text">
    <xsl:call-template name="t:text-block"/>
  </xsl:template>

  <xsl:template match="tei:note[t:is-inline-note(.)]" mode="text">
    <xsl:variable name="spaces" select="t:spaces-around(.)"/>
    <xsl:value-of select="$spaces[1]"/>
    <xsl:call-template name="t:quoted">
      <xsl:with-param name="content" as="node()*"><xsl:apply-templates mode="text"/></xsl:with-param>
      <xsl:with-param name="marks" select="t:inline-note-marks(.)"/>
    </xsl:call-template>
    <xsl:value-of select="$spaces[2]"/>
  </xsl:template>

  <!-- The notes attached to an anchor are called there (t:notes-called-at). -->
  <xsl:template match="tei:anchor[@xml:id]" mode="text">
    <xsl:apply-templates select="t:notes-called-at(.)" mode="note-call"/>
  </xsl:template>

  <!-- Where the note is called: where it is, or where the pointer that calls it is (t:call-mark). -->
  <xsl:template match="tei:note" mode="note-call">
    <xsl:value-of select="t:call-mark(t:note-number(.), (t:call-of(.), .)[1], false())"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="text">
    <xsl:apply-templates select="t:reading(.)" mode="text"/>
  </xsl:template>

  <!-- A pointer without content shows its target, so the sentence keeps its word. -->
  <xsl:template match="tei:ref[not(node())] | tei:ptr" mode="text">
    <xsl:apply-templates select="t:called-note(.)" mode="note-call"/>
    <xsl:value-of select="t:pointer-label(.)[empty(t:called-note(current()))]"/>
  </xsl:template>

  <!-- Quotations: a block quotation is a paragraph of its own, without marks; an inline one gets marks where
       the document leaves them to the renderer. -->
  <xsl:template match="tei:quote | tei:q | tei:said" mode="text">
    <xsl:variable name="block" select="t:is-block-quote(.)"/>
    <xsl:variable name="marks" select="t:adds-marks(.) and not($block)"/>
    <xsl:sequence select="$t:break[$block]"/>
    <xsl:choose>
      <xsl:when test="$marks">
        <xsl:variable name="reference" select="t:quotation-reference(.)"/>
        <xsl:apply-templates select="$reference" mode="text"/>
        <xsl:call-template name="t:quoted">
          <xsl:with-param name="content" as="node()*"><xsl:apply-templates select="node() except $reference" mode="text"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="text"/></xsl:otherwise>
    </xsl:choose>
    <xsl:sequence select="$t:break[$block]"/>
  </xsl:template>

  <!-- A sense numbered by @n shows its number (t:sense-number). -->
  <xsl:template match="tei:sense[@n]" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="t:sense-number(.) ! (. || ' ')"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

  <!-- A structured bibliographic reference, or one written as fields alone (t:is-written-as-fields), reads as
       a citation (t:cited-parts), a paragraph of its own in a bibliography. -->
  <xsl:template match="tei:biblStruct | tei:bibl[t:is-written-as-fields(.)]" mode="text">
    <xsl:variable name="block" select="t:is-block(.)"/>
    <xsl:sequence select="$t:break[$block]"/>
    <xsl:call-template name="t:cited-parts"/>
    <xsl:sequence select="$t:break[$block]"/>
  </xsl:template>

  <!-- Two fields side by side (t:follows-field): what goes between them (t:field-separator), then the field as
       its rule draws it. -->
  <xsl:template _match="{$t:field-pattern}" mode="text" priority="10">
    <xsl:value-of select="t:field-separator(.)"/>
    <xsl:next-match/>
  </xsl:template>

  <!-- An example of encoding shows its markup (t:example-markup), a paragraph of its own. -->
  <xsl:template match="eg:egXML" mode="text">
    <xsl:sequence select="$t:break"/>
    <xsl:value-of select="t:example-markup(.)"/>
    <xsl:sequence select="$t:break"/>
  </xsl:template>

</xsl:stylesheet>
