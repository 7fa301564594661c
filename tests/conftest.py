"""Shared fixtures. Data written by others is read from ../shared, and only here, in the tests."""

from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEI_DIR = ROOT / "tei"
TEI_ALL_RNG = SHARED / "reference" / "tei-schemas" / "tei_all.rng"
CORPUS = SHARED / "corpus"
TEI_NS = "http://www.tei-c.org/ns/1.0"
EDITION_FILES = sorted(TEI_DIR.glob("*.xml"))


@pytest.fixture(scope="session", autouse=True)
def private_user_cache(tmp_path_factory):
    """The tests' own user cache ($XDG_CACHE_HOME): they neither read nor fill the cache of whoever runs them,
    whose kept results (teitools.result_cache) would stand in for the work a test means to see done."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The official tei_all RELAX NG schema, compiled once per test run (about 10 s)."""
    if not TEI_ALL_RNG.exists():
        pytest.skip(f"{TEI_ALL_RNG} is not there")
    return etree.RelaxNG(etree.parse(str(TEI_ALL_RNG)))


def dangling_links(site: Path) -> list[str]:
    """The links of a site's pages to a page or a spot (#id) that is not there, each as "page: href". Links
    to the web are not looked at; a link to a file of the site (an image) is there if the file is."""
    pages = {path.name: html.fromstring(path.read_bytes()) for path in sorted(site.glob("*.html"))}
    ids = {name: set(tree.xpath("//@id")) for name, tree in pages.items()}
    dangling = []
    for name, tree in pages.items():
        for href in tree.xpath("//a/@href"):
            page, _, fragment = href.partition("#")
            target = unquote(page) or name
            if "://" in href or href.startswith("mailto:"):
                continue
            if target in ids:
                missing = bool(fragment) and unquote(fragment) not in ids[target]
            else:
                missing = not (site / target).is_file()
            if missing:
                dangling.append(f"{name}: {href}")
    return dangling


PART_HEADER = """<teiHeader xmlns="http://www.tei-c.org/ns/1.0"><fileDesc>
  <titleStmt><title>Included</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
  <sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>"""


def a_corpus_of_parts(folder: Path) -> dict[str, Path]:
    """A corpus shaped as ParlaMint's: a root that brings in its list of persons (a part, not a document) and
    its sittings, whose speeches point to the persons the root holds."""
    root = folder / "corpus.xml"
    root.write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        + PART_HEADER.replace(
            "</fileDesc>",
            '</fileDesc><profileDesc><particDesc><xi:include href="persons.xml"/></particDesc></profileDesc>',
        ).replace(' xmlns="http://www.tei-c.org/ns/1.0"', "")
        + '\n<xi:include href="sittings/sitting.xml"/>\n</teiCorpus>'
    )
    persons = folder / "persons.xml"
    persons.write_text(
        '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="P1">'
        "<persName><surname>Berger</surname><forename>Anna</forename></persName></person></listPerson>"
    )
    (folder / "sittings").mkdir()
    sitting = folder / "sittings" / "sitting.xml"
    sitting.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        + PART_HEADER.replace(' xmlns="http://www.tei-c.org/ns/1.0"', "")
        + '\n<text><body>\n<u who="#P1">Good morning.</u>\n<u who="#P9">Hello.</u>\n</body></text></TEI>'
    )
    return {"root": root, "persons": persons, "sitting": sitting}
