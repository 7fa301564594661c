"""Shared fixtures. Data written by others is read from ../shared, and only here, in the tests."""

from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEI_DIR = ROOT / "tei"
TEI_ALL_RNG = SHARED / "reference" / "tei-schemas" / "tei_all.rng"
CORPUS = SHARED / "corpus"
TEI_NS = "http://www.tei-c.org/ns/1.0"
EDITION_FILES = sorted(TEI_DIR.glob("*.xml"))


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The official tei_all RELAX NG schema, compiled once per test run (about 10 s)."""
    if not TEI_ALL_RNG.exists():
        pytest.skip(f"{TEI_ALL_RNG} is not there")
    return etree.RelaxNG(etree.parse(str(TEI_ALL_RNG)))
