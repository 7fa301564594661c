"""How each TEI genre of ../shared/corpus renders: per genre, the documents, the number of elements of each
kind, and the share rendered as readers expect it, checked on the rendered HTML and plain text.

    .venv/bin/python bench/genres.py [--corpus ../shared/corpus] [--json]

Each check pairs what the TEI holds (counted with lxml in the source) with what the page shows (counted in
the rendered HTML, or found in the plain text). The browser tests (tests/test_genres_browser.py) check the
same on a few documents through computed styles; this script counts over every document.
"""

import argparse
import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from teitools.run import render

ROOT = Path(__file__).resolve().parent.parent
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
REGEX = {"re": "http://exslt.org/regular-expressions"}


@dataclass
class Rendered:
    tei: etree._Element
    page: html.HtmlElement
    text: str


@dataclass
class Check:
    genre: str
    element: str
    expected: Callable[[Rendered], int]  # how many the TEI holds
    shown: Callable[[Rendered], int]  # how many of them the output shows as expected


def count(xpath: str) -> Callable[[Rendered], int]:
    return lambda r: int(r.tei.xpath(f"count({xpath})", namespaces=TEI))


def shown(xpath: str) -> Callable[[Rendered], int]:
    return lambda r: int(r.page.xpath(f"count({xpath})", namespaces=REGEX))


def labels_in_text(xpath: str, label: Callable[[etree._Element], str]) -> Callable[[Rendered], int]:
    """How many of the TEI elements leave their label (a page number...) in the plain text, in order."""

    def found(r: Rendered) -> int:
        position, hits = 0, 0
        for element in r.tei.xpath(xpath, namespaces=TEI):
            at = r.text.find(label(element), position)
            if at >= 0:
                hits, position = hits + 1, at
        return hits

    return found


def deletions_absent(r: Rendered) -> int:
    """Deletions (outside EpiDoc editions) whose words, between the words before and after them, are not in
    the reading text."""
    hits = 0
    flat = " ".join(r.text.split())
    for deletion in r.tei.xpath(
        "//tei:text//tei:del[not(ancestor::tei:div[@type='edition'])]", namespaces=TEI
    ):
        before = re.findall(r"\w+", "".join(deletion.xpath("preceding::text()[position() <= 3]")))[-1:]
        after = re.findall(r"\w+", "".join(deletion.xpath("following::text()[position() <= 3]")))[:1]
        deleted = re.findall(r"\w+", deletion.xpath("string()"))
        pattern = r"\W+".join(re.escape(w) for w in [*before, *deleted, *after])
        hits += not deleted or not re.search(rf"\b{pattern}\b", flat)
    return hits


def verse_numbers(r: Rendered) -> int:
    """Line numbers shown: every one a multiple of five, on a verse line."""
    numbers = r.page.xpath(f"//main//*[{has_class('l')}]/span[@class='linenumber']/text()")
    return sum(1 for n in numbers if int(n) % 5 == 0)


def sigla_shown(r: Rendered) -> int:
    return int(r.page.xpath("count(//section[@class='apparatus']//span[@class='siglum'])"))


def page_label(pb: etree._Element) -> str:
    return f"[p. {pb.get('n').strip()}]" if (pb.get("n") or "").strip() else "[page]"


def has_class(name: str) -> str:
    return f"contains(concat(' ', @class, ' '), ' {name} ')"


DELETIONS = "//tei:text//tei:del[not(ancestor::tei:div[@type='edition'])]"
BREAKS = "(//tei:text | //tei:sourceDoc)//tei:pb"
INLINE_APPS = "//tei:text//tei:app[not(ancestor::tei:listApp)]"
EDITION = "//section[contains(@class, 'edition')]"
EPIDOC_DIVISIONS = "//tei:text//tei:div[@type='edition' or @type='translation' or @type='commentary']"
HEADED = (
    "//section[@class='div edition' or @class='div translation' or @class='div commentary']/*[1][self::h2]"
)
GLOSS_ITEMS = "//tei:text//tei:list[tei:label]/tei:item[preceding-sibling::*[1][self::tei:label]]"
# The fields of the records the text holds (the header's are not rendered), outside any phrase.
RECORD_FIELDS = (
    "//tei:text//*[self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org"
    " or self::tei:event][not(ancestor::tei:p or ancestor::tei:ab or ancestor::tei:note)]/*"
)
RELATED = "//tei:correspContext/tei:ref[contains(@subtype, 'previous') or contains(@subtype, 'next')]"
SERIES = "string(//tei:titleStmt/tei:title[@level='s'])"


def wits(r: Rendered) -> int:
    return sum(len(w.split()) for w in r.tei.xpath(f"{INLINE_APPS}//@wit", namespaces=TEI))


def edition_lines(r: Rendered) -> int:
    """Lines of an inscription: a new line at each break, the first break of each block opening it."""
    return int(r.page.xpath(f"count({EDITION}//br) + count({EDITION}//*[@class='ab'])"))


def own_title(r: Rendered) -> int:
    return int(r.page.xpath("string(//h1)") != " ".join(r.tei.xpath(SERIES, namespaces=TEI).split()))


def long_document_heads(r: Rendered) -> int:
    heads = len(r.tei.xpath("//tei:text//tei:div[tei:head]", namespaces=TEI))
    return heads if heads >= 3 else 0


CHECKS = [
    # transcription
    Check("transcription", "del (struck through)", count(DELETIONS), shown("//body//del[@class='del']")),
    Check("transcription", "del (out of the reading text)", count(DELETIONS), deletions_absent),
    Check("transcription", "add (marked)", count("//tei:text//tei:add"), shown("//body//ins[@class='add']")),
    Check(
        "transcription",
        "unclear (marked)",
        count("//tei:text//tei:unclear"),
        shown("//body//*[@class='unclear']"),
    ),
    Check(
        "transcription",
        "space (a space)",
        count("//tei:text//tei:space"),
        shown("//main//span[@class='space'] | //main//br"),
    ),
    Check("transcription", "pb (page marker in the text)", count(BREAKS), labels_in_text(BREAKS, page_label)),
    Check(
        "transcription",
        "sourceDoc line (a line)",
        count("//tei:sourceDoc//tei:line"),
        shown(f"//section[@class='sourcedoc']//div[{has_class('line')}]"),
    ),
    # drama
    Check("drama", "stage (set apart)", count("//tei:text//tei:stage"), shown("//main//*[@class='stage']")),
    Check(
        "drama",
        "speaker (a speaker line)",
        count("//tei:text//tei:speaker"),
        shown("//main//p[@class='speaker']"),
    ),
    Check(
        "drama",
        "castItem (a line)",
        count("//tei:text//tei:castItem"),
        shown("//main//div[@class='castItem']"),
    ),
    # verse
    Check("verse", "l (a line)", count("//tei:text//tei:l"), shown(f"//main//*[{has_class('l')}]")),
    Check(
        "verse",
        "l (every fifth numbered)",
        shown(f"//main//*[{has_class('l')}]/span[@class='linenumber']"),
        verse_numbers,
    ),
    Check("verse", "lg (a stanza block)", count("//tei:text//tei:lg"), shown("//main//div[@class='lg']")),
    # apparatus
    Check(
        "apparatus",
        "app (lemma in text, entry in apparatus)",
        count(INLINE_APPS),
        shown("//section[@class='apparatus']//li"),
    ),
    Check("apparatus", "rdg witnesses (siglum shown)", wits, sigla_shown),
    Check(
        "apparatus",
        "listApp app (an entry)",
        count("//tei:text//tei:listApp/tei:app"),
        shown("//main//li[@class='app']"),
    ),
    # EpiDoc
    Check("epidoc", "lb in edition (a line)", count("//tei:div[@type='edition']//tei:lb"), edition_lines),
    Check(
        "epidoc",
        "supplied (Leiden brackets)",
        count("//tei:div[@type='edition']//tei:supplied"),
        shown(f"{EDITION}//span[@class='supplied'][re:test(., '^[\\[⟨(].*[\\]⟩)]$')]"),
    ),
    Check(
        "epidoc",
        "ex (parentheses)",
        count("//tei:div[@type='edition']//tei:ex"),
        shown(f"{EDITION}//span[@class='ex'][starts-with(., '(')]"),
    ),
    Check(
        "epidoc",
        "unclear (underdots)",
        count("//tei:div[@type='edition']//tei:unclear"),
        shown(f"{EDITION}//span[@class='unclear'][contains(., '\u0323')]"),
    ),
    Check(
        "epidoc",
        "gap (Leiden form)",
        count("//tei:div[@type='edition']//tei:gap"),
        shown(f"{EDITION}//span[@class='gap'][re:test(., '^[\\[⟨]?[-. 0-9]+[\\]⟩]?$')]"),
    ),
    Check("epidoc", "edition/translation/commentary (headed)", count(EPIDOC_DIVISIONS), shown(HEADED)),
    # figures
    Check(
        "figures",
        "cell (in a table)",
        count("//tei:text//tei:cell"),
        shown("//main//table//td | //main//table//th"),
    ),
    Check(
        "figures",
        "graphic (img, or a link when remote)",
        count("(//tei:text | //tei:sourceDoc)//tei:graphic"),
        shown("//body//img | //body//a[@class='graphic']"),
    ),
    Check(
        "figures",
        "MathML formula (kept)",
        count("//tei:text//tei:formula[*]"),
        shown("//main//*[local-name()='math']"),
    ),
    Check("figures", "label+item (gloss pair)", count(GLOSS_ITEMS), shown("//main//dl/div/dd")),
    # letters
    Check(
        "letters",
        "correspAction (in the header)",
        count("//tei:correspDesc/tei:correspAction"),
        shown("//dl[@class='metadata']/dd[@class='correspondent']"),
    ),
    Check(
        "letters",
        "previous/next letter (in the header)",
        count(RELATED),
        shown("//dl[@class='metadata']//a[@rel]"),
    ),
    Check(
        "letters", "own title (not the series)", count("//tei:titleStmt/tei:title[@level='s'][1]"), own_title
    ),
    Check(
        "letters",
        "empty ref (its target shown)",
        count("//tei:text//tei:ref[not(node())]"),
        shown("//body//span[@class='ref'][normalize-space()] | //body//a[starts-with(., 'http')]"),
    ),
    # long documents
    Check("prose", "headed div (in the contents)", long_document_heads, shown("//nav[@class='toc']//a")),
    # authority records
    Check(
        "records",
        "record field (a line of its own)",
        count(RECORD_FIELDS),
        shown(f"//main//div[{has_class('field')}]"),
    ),
    Check(
        "records",
        "birth, death (labelled)",
        count(f"{RECORD_FIELDS}[self::tei:birth or self::tei:death]"),
        shown("//main//div[@class='field birth' or @class='field death']/span[@class='label']"),
    ),
]


def measure(corpus: Path) -> dict[str, dict[str, list[int]]]:
    """{genre: {element: [documents holding it, expected, shown]}} over the corpus."""
    results: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    with tempfile.TemporaryDirectory() as output:
        render([corpus], Path(output), formats=("html", "text"))
        for path in sorted(corpus.rglob("*.xml")):
            page_file = Path(output) / f"{path.stem}.html"
            if not page_file.exists():
                continue
            rendered = Rendered(
                etree.parse(str(path)).getroot(),
                html.fromstring(page_file.read_bytes()),
                (Path(output) / f"{path.stem}.txt").read_text(encoding="utf-8"),
            )
            for check in CHECKS:
                expected = check.expected(rendered)
                if expected:
                    entry = results[check.genre][check.element]
                    entry[0] += 1
                    entry[1] += expected
                    entry[2] += min(expected, check.shown(rendered))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    results = measure(arguments.corpus)
    if arguments.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    print(f"{'genre':<14}{'element and expectation':<44}{'docs':>5}{'elements':>10}{'as expected':>13}")
    for genre, elements in results.items():
        for element, (documents, expected, ok) in elements.items():
            print(f"{genre:<14}{element:<44}{documents:>5}{expected:>10}{ok / expected:>12.1%}")


if __name__ == "__main__":
    main()
