<?xml version="1.0" encoding="UTF-8"?>
<!--
  figures.xsl: tables, lists (gloss lists of labels and items included), figures and images, formulae.

  Tables are HTML tables (a head becomes the caption; cells with role="label" are header cells; @cols and
  @rows span). A graphic with a local file is an img (render.py copies the file beside the page), its figDesc
  the alt text; a remote image stays a link, since pages load nothing remote. MathML in a formula is kept.
  Plain text: a table row per line, cells between " | "; lists one item per line; MathML in linear
  notation (E_max=(2β^2)/(1+x)).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:mml="http://www.w3.org/1998/Math/MathML"
  xmlns:t="urn:teitools"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Tables -->

  <xsl:template match="tei:table" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <xsl:call-template name="t:html-block"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- A table wider than a phone scrolls inside its own region, a tab stop named by its caption, and
             the page does not scroll sideways (WCAG 1.4.10: a formula in a cell cannot wrap). -->
        <xsl:variable name="anchor" select="t:anchor(.)"/>
        <!-- A table without a caption is named "Table N", words of the interface: on a page in another
             language, by a hidden element that carries their language (an aria-label cannot). A table in a
             table's cell counts the tables it is in (which are not before it): both were "Table 1". -->
        <xsl:variable name="name" select="if (tei:head) then ()
          else 'Table ' || count(preceding::tei:table | ancestor::tei:table) + 1"/>
        <div class="table-scroll" role="region" tabindex="0">
          <xsl:choose>
            <xsl:when test="tei:head"><xsl:attribute name="aria-labelledby" select="$anchor || '-caption'"/></xsl:when>
            <xsl:when test="empty($t:interface-attributes)"><xsl:attribute name="aria-label" select="$name"/></xsl:when>
            <xsl:otherwise>
              <xsl:attribute name="aria-labelledby" select="$anchor || '-name'"/>
              <span id="{$anchor}-name" hidden=""><xsl:sequence select="$t:interface-attributes"/><xsl:value-of select="$name"/></span>
            </xsl:otherwise>
          </xsl:choose>
          <table class="table" id="{$anchor}">
            <xsl:for-each select="tei:head[1]">
              <caption id="{$anchor}-caption"><xsl:call-template name="phrase-content"/></caption>
            </xsl:for-each>
            <tbody>
              <xsl:apply-templates select="tei:row" mode="html"/>
            </tbody>
          </table>
        </div>
        <!-- Anything else the table holds (a second head, notes, breaks) follows it, not lost. -->
        <xsl:if test="exists(* except (tei:row, tei:head[1]))">
          <div class="table-extra"><xsl:apply-templates select="* except (tei:row, tei:head[1])" mode="html"/></div>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:row" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline"><xsl:call-template name="t:html-block"/></xsl:when>
      <xsl:otherwise>
        <tr>
          <xsl:call-template name="t:rend-class"/>
          <xsl:apply-templates select="tei:cell" mode="html"/>
        </tr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cell" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <xsl:value-of select="' '[t:glued(current())]"/>
        <span class="cell"><xsl:call-template name="phrase-content"/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
          <xsl:if test="matches(@cols, '^[1-9]\d*$')"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
          <xsl:if test="matches(@rows, '^[1-9]\d*$')"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
          <xsl:call-template name="t:rend-class"/>
          <xsl:call-template name="t:style"/>
          <xsl:apply-templates mode="html"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A row or a cell keeps its look (DEPCHA's Lviv accounts: <cell rend="bold">Ad festum Michaelis</cell>, the
       column's heading). -->
  <xsl:template name="t:rend-class">
    <xsl:variable name="classes" select="t:rend-classes(.)"/>
    <xsl:if test="exists($classes)"><xsl:attribute name="class" select="$classes"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:row" mode="text">
    <xsl:sequence select="$t:line"/>
    <xsl:for-each select="tei:cell">
      <xsl:if test="position() gt 1"><xsl:text> | </xsl:text></xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:for-each>
    <xsl:sequence select="$t:line"/>
  </xsl:template>

  <xsl:template match="tei:table/tei:head" mode="text">
    <xsl:call-template name="t:text-block"/>
  </xsl:template>

  <!-- Lists -->

  <!-- A list of items only is an HTML list; a gloss list (labels and items) a description list; any other
       list renders its parts in order. -->
  <xsl:template match="tei:list[not(* except (tei:item, tei:head))]" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="tei:head" mode="html"/>
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="name" select="if (t:is-numbered(.)) then 'ol' else 'ul'"/>
      <xsl:with-param name="class" select="'list'"/>
      <xsl:with-param name="content"><xsl:apply-templates select="tei:item" mode="html"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list[not(* except (tei:item, tei:head))]/tei:item" mode="html">
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="name" select="'li'"/>
      <xsl:with-param name="class" select="'item'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list[tei:label][not(* except (tei:item, tei:head, tei:label))]" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="tei:head" mode="html"/>
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="name" select="'dl'"/>
      <xsl:with-param name="class" select="'list gloss'"/>
      <xsl:with-param name="content">
        <xsl:for-each select="tei:item">
          <xsl:variable name="label" select="preceding-sibling::*[1][self::tei:label]"/>
          <xsl:element name="{if ($inline) then 'span' else 'div'}">
            <xsl:element name="{if ($inline) then 'span' else 'dt'}">
              <xsl:attribute name="class" select="'label'"/>
              <xsl:apply-templates select="$label/node()" mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
            </xsl:element>
            <xsl:text> </xsl:text>
            <xsl:element name="{if ($inline) then 'span' else 'dd'}">
              <xsl:attribute name="class" select="'item'"/>
              <xsl:attribute name="id" select="t:anchor(.)"/>
              <xsl:apply-templates mode="html"/>
            </xsl:element>
          </xsl:element>
        </xsl:for-each>
        <!-- A label with no item after it still shows. -->
        <xsl:for-each select="tei:label[not(following-sibling::*[1][self::tei:item])]">
          <xsl:element name="{if ($inline) then 'span' else 'div'}">
            <xsl:element name="{if ($inline) then 'span' else 'dt'}"><xsl:call-template name="phrase-content"/></xsl:element>
            <xsl:if test="not($inline)"><dd/></xsl:if>
          </xsl:element>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A list of items only that says it is numbered: the page numbers its items (ol), the plain text too. -->
  <xsl:function name="t:is-numbered" as="xs:boolean">
    <xsl:param name="list" as="element(tei:list)"/>
    <xsl:sequence select="($list/@type = ('ordered', 'numbered') or $list/@rend = 'numbered')
      and empty($list/(* except (tei:item, tei:head)))"/>
  </xsl:function>

  <xsl:function name="t:item-number" as="xs:string?">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="$item/self::tei:item/parent::tei:list[t:is-numbered(.)] ! (count($item/preceding-sibling::tei:item) + 1 || '. ')"/>
  </xsl:function>

  <xsl:template match="tei:item" mode="text">
    <xsl:sequence select="$t:line[not(current()/preceding-sibling::*[1][self::tei:label])]"/>
    <xsl:value-of select="t:item-number(.)"/>
    <xsl:apply-templates mode="text"/>
    <xsl:sequence select="$t:line"/>
  </xsl:template>

  <!-- A list the source runs on inside its sentence (t:is-inline-list): its items and labels are phrases,
       apart from each other, numbered in the words if the list is. -->
  <xsl:template match="tei:list[t:is-inline-list(.)]" mode="html" priority="2">
    <span class="list inline" id="{t:anchor(.)}"><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <xsl:template match="tei:list[t:is-inline-list(.)]/(tei:item | tei:label)" mode="html" priority="2">
    <xsl:value-of select="' '[t:glued(current())]"/>
    <span class="{local-name()}">
      <xsl:if test="self::tei:item"><xsl:attribute name="id" select="t:anchor(.)"/></xsl:if>
      <xsl:value-of select="t:item-number(.)"/>
      <xsl:apply-templates mode="html"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:list[t:is-inline-list(.)]/(tei:item | tei:label)" mode="text" priority="2">
    <xsl:value-of select="' '[t:glued(current())], t:item-number(.)" separator=""/>
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:label" mode="text">
    <xsl:sequence select="$t:line"/>
    <xsl:apply-templates mode="text"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Figures and images -->

  <!-- A local image (a relative path inside the edition) is shown where its file exists; a missing one is said
       to be missing, where a broken image would show its text again beside the caption; anything else
       (remote, absolute) is a link. teitools tells them apart (teitools.render.local_images): it gives each
       local image's URL and whether its file was found, and copies the found ones beside the page. -->
  <xsl:param name="images" as="map(xs:string, xs:boolean)" select="map {}"/>

  <!-- What the image shows, in the words of the edition: the graphic's desc, else its figure's figDesc (a
       music notation's desc: notatedMusic is a figure of music, an image or an encoding of it, TEI 14.5). That
       description stands for the image (its alt text, its words in the plain text), and is not drawn again. -->
  <xsl:function name="t:own-description" as="element()?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:sequence select="($graphic/tei:desc, $graphic/parent::tei:figure/tei:figDesc,
      $graphic/parent::tei:notatedMusic/tei:desc)[normalize-space()][1]"/>
  </xsl:function>

  <xsl:function name="t:describes-an-image" as="xs:boolean">
    <xsl:param name="description" as="element()"/>
    <xsl:sequence select="exists($description/../tei:graphic[t:own-description(.) is $description])"/>
  </xsl:function>

  <!-- An image's name: its own description, else its figure's heading, else what image-label says. -->
  <xsl:function name="t:image-description" as="xs:string">
    <xsl:param name="graphic" as="element()"/>
    <xsl:variable name="described" select="(t:own-description($graphic), $graphic/parent::tei:figure/tei:head)[normalize-space()][1]"/>
    <xsl:sequence select="if ($described) then t:reading-text($described) else t:image-label($graphic)"/>
  </xsl:function>

  <!-- The record the image illustrates ("Image of Palais Cavriani": a gazetteer's 507 postcards were each
       "Image: native.jpg"), else its file's name, or a IIIF image's identifier (its name says only the
       quality: default.jpg, native.jpg). -->
  <xsl:function name="t:image-label" as="xs:string">
    <xsl:param name="graphic" as="element()"/>
    <xsl:variable name="record" select="$graphic/ancestor::*[t:is-record(.)][1]"/>
    <xsl:variable name="url" select="normalize-space($graphic/@url)"/>
    <xsl:variable name="iiif" select="'^.*/([^/]+)/(full|square|max|pct:[^/]+|\d+,\d+,\d+,\d+)/[^/]+/!?[\d.]+/(default|native|color|gray|bitonal)\.\w+$'"/>
    <xsl:sequence select="
      if ($record and t:normalized-name($record)) then 'Image of ' || t:normalized-name($record)
      else 'Image: ' || (if (matches($url, $iiif)) then replace($url, $iiif, '$1') else replace($url, '^.*/', ''))"/>
  </xsl:function>

  <!-- A figure, or a music notation, whose desc is as a figure's figDesc (drawn as phrases, the TEI
       Guidelines' notatedMusic ran its pointer, image and description together: "bar1.jpgFirst bar of…"). Its
       parts apart from each other. -->
  <xsl:template match="tei:figure | tei:notatedMusic" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="captions" select="tei:head, (tei:figDesc | self::tei:notatedMusic/tei:desc)"/>
    <xsl:call-template name="t:html-block">
      <xsl:with-param name="name" select="'figure'"/>
      <xsl:with-param name="content">
        <xsl:for-each select="* except $captions">
          <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="html"/>
        </xsl:for-each>
        <xsl:if test="$captions[not(t:describes-an-image(.))]">
          <!-- Each heading a line of the caption (a figure may have three: "The Altar of the Sun", "The
               Altar of the Moon"...), and a space between them where the figure stands in a phrase. -->
          <xsl:element name="{if ($inline) then 'span' else 'figcaption'}">
            <xsl:for-each select="$captions[not(t:describes-an-image(.))]">
              <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:apply-templates select="." mode="html"/>
            </xsl:for-each>
          </xsl:element>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:graphic" mode="html">
    <xsl:choose>
      <xsl:when test="$images(normalize-space(@url))">
        <img src="{normalize-space(@url)}" alt="{t:image-description(.)}" class="graphic">
          <xsl:if test="matches(@width, '^\d+(px)?$')"><xsl:attribute name="width" select="replace(@width, 'px', '')"/></xsl:if>
          <xsl:if test="matches(@width, '^\d+(\.\d+)?(in|cm|mm|em|%)$')"><xsl:attribute name="style" select="'width: ' || @width"/></xsl:if>
        </img>
      </xsl:when>
      <xsl:when test="map:contains($images, normalize-space(@url))">
        <!-- Its description is still read (the caption is drawn beside it). -->
        <xsl:variable name="described" select="t:own-description(.)"/>
        <span class="graphic missing">
          <xsl:value-of select="if ($described) then t:reading-text($described) || ' (image not found: ' || normalize-space(@url) || ')'
            else 'Image not found: ' || normalize-space(@url)"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a class="graphic" href="{normalize-space(@url)}"><xsl:value-of select="t:image-description(.) || ' (remote image)'"/></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- In the plain text, the figure's heading is its caption: the image is named without it. -->
  <xsl:template match="tei:graphic" mode="text">
    <xsl:value-of select="' [' || (t:own-description(.) ! t:reading-text(.), t:image-label(.))[1] || '] '"/>
  </xsl:template>

  <xsl:template match="tei:graphic/tei:desc" mode="html text"/>

  <xsl:template match="tei:figDesc[t:describes-an-image(.)] | tei:notatedMusic/tei:desc[t:describes-an-image(.)]"
    mode="html text"/>

  <!-- Formulae: MathML as it is (browsers render it); other notations as text. -->
  <xsl:template match="tei:formula" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if (@rend = 'display' and not($inline) and not(ancestor::tei:p)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join(('formula', @rend), ' ')"/>
      <!-- An equation with an id is a spot that pointers lead to ("see equation 3"). -->
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="t:anchor(.)"/></xsl:if>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="mml:*" mode="html">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1998/Math/MathML">
      <xsl:copy-of select="@* except @overflow"/>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <!-- In plain text a formula reads in linear notation, as one types it: a fraction (a)/(b), a power x^2, an
       index E_max, a root √(x); read as its text alone, "E_max = 2mβ²…" ran together as "Emax=2meβ2γ21+…". -->
  <xsl:template match="mml:math" mode="text">
    <xsl:value-of select="t:linear-math(.)"/>
  </xsl:template>

  <xsl:function name="t:linear-math" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="parts" as="xs:string*"><xsl:apply-templates select="$node" mode="t:linear-math"/></xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- An operand of more than one term goes between parentheses: (2γ)/(1+x), not 2γ/1+x; a name, a number, one
       with an index or a power (E_max, β^2), or one already bracketed, does not. -->
  <xsl:function name="t:math-operand" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:variable name="text" select="normalize-space(string-join($element ! t:linear-math(.)))"/>
    <xsl:sequence select="if (string-length($text) le 1 or t:is-math-term($element)) then $text else '(' || $text || ')'"/>
  </xsl:function>

  <xsl:function name="t:is-math-term" as="xs:boolean">
    <xsl:param name="element" as="element()?"/>
    <xsl:sequence select="exists($element/(self::mml:mi | self::mml:mn | self::mml:mtext | self::mml:mfenced))
      or (exists($element/(self::mml:msub | self::mml:msup)) and (every $part in $element/* satisfies t:is-math-term($part)))
      or (exists($element/(self::mml:mrow | self::mml:math)) and count($element/*) = 1 and t:is-math-term($element/*))"/>
  </xsl:function>

  <xsl:mode name="t:linear-math" on-no-match="text-only-copy"/>
  <xsl:template match="mml:mfrac" mode="t:linear-math">
    <xsl:value-of select="t:math-operand(*[1]) || '/' || t:math-operand(*[2])"/>
  </xsl:template>
  <xsl:template match="mml:msup" mode="t:linear-math">
    <xsl:value-of select="t:math-operand(*[1]) || '^' || t:math-operand(*[2])"/>
  </xsl:template>
  <xsl:template match="mml:msub | mml:munder" mode="t:linear-math">
    <xsl:value-of select="t:math-operand(*[1]) || '_' || t:math-operand(*[2])"/>
  </xsl:template>
  <!-- Limits left empty are left out; an operator with limits (∫, ∑) stands apart from what it applies to. -->
  <xsl:template match="mml:msubsup | mml:munderover" mode="t:linear-math">
    <xsl:value-of select="t:math-operand(*[1]) || ('_' || t:math-operand(*[2]))[normalize-space(current()/*[2])]
      || ('^' || t:math-operand(*[3]))[normalize-space(current()/*[3])] || ' '[current()/*[1]/self::mml:mo]"/>
  </xsl:template>
  <!-- An accent over a letter (¯ε) stays on it; anything else over is a limit, as a power. -->
  <xsl:template match="mml:mover" mode="t:linear-math">
    <xsl:variable name="over" select="normalize-space(*[2])"/>
    <xsl:value-of select="t:math-operand(*[1]) || (if (string-length($over) = 1 and not(matches($over, '[\p{L}\p{N}]')))
      then $over else '^' || t:math-operand(*[2]))"/>
  </xsl:template>
  <xsl:template match="mml:msqrt" mode="t:linear-math">
    <xsl:value-of select="'√(' || normalize-space(string-join(* ! t:linear-math(.))) || ')'"/>
  </xsl:template>
  <xsl:template match="mml:mroot" mode="t:linear-math">
    <xsl:value-of select="t:math-operand(*[2]) || '√' || t:math-operand(*[1])"/>
  </xsl:template>
  <xsl:template match="mml:mfenced" mode="t:linear-math">
    <!-- Its separators go between its operands; operands written with their operators are one row. -->
    <xsl:variable name="separator" select="if (mml:mo) then '' else (@separators, ',')[1]"/>
    <xsl:value-of select="(@open, '(')[1] || string-join(* ! normalize-space(t:linear-math(.)), $separator)
      || (@close, ')')[1]"/>
  </xsl:template>
  <xsl:template match="mml:mspace" mode="t:linear-math"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="mml:mtr" mode="t:linear-math">
    <xsl:if test="preceding-sibling::mml:mtr"><xsl:text>; </xsl:text></xsl:if>
    <xsl:value-of select="string-join(* ! normalize-space(t:linear-math(.)), ' ')"/>
  </xsl:template>

  <xsl:template match="mml:*/text()" mode="html">
    <xsl:value-of select="."/>
  </xsl:template>

</xsl:stylesheet>
