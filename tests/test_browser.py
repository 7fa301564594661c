"""The rendered edition in a real browser: Debian's chromium, headless, driven by Playwright.

Each page is opened from disk (the edition works offline), its links followed, axe-core run on it, and a
screenshot saved under test-artifacts/.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, TEI_DIR
from playwright.sync_api import Page, sync_playwright

from teitools.indexes import INDEXES
from teitools.run import render

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
ARTICLE = "trotsky-1923-12-bureaucratism-and-factional-groups.html"
LETTER = "trotsky-1926-01-09-letter-to-bukharin.html"
# Flags for a root user in a sandbox with a closed network (see the machine notes).
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not Path(CHROMIUM).exists():
    MISSING = f"chromium is not installed ({CHROMIUM}); `make test` installs it when run as root"
    if os.environ.get("CI"):
        pytest.fail(MISSING, pytrace=False)  # CI must run these tests, never skip them
    pytest.skip(MISSING, allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("site")
    render([TEI_DIR], output)
    return output


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@contextmanager
def recording_page(browser) -> Iterator[Page]:
    """A fresh page that records every URL it requests (page.requests), to show that nothing is remote."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    yield page
    context.close()


@pytest.fixture
def page(browser, site) -> Iterator[Page]:
    with recording_page(browser) as page:
        yield page


def open_page(page: Page, site: Path, name: str) -> None:
    page.goto((site / name).as_uri())
    page.wait_for_load_state("load")


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.parametrize("name", ["index.html", LETTER, ARTICLE, *(f"{i.name}.html" for i in INDEXES)])
def test_page_loads_offline_and_has_no_serious_accessibility_violations(page, site, name):
    open_page(page, site, name)
    assert page.locator("h1").count() == 1
    assert all(url.startswith("file://") for url in page.requests), page.requests
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    screenshot(page, name.replace(".html", ".png"))


def test_note_marker_leads_to_the_note_and_back(page, site):
    open_page(page, site, ARTICLE)
    page.click("a[role=doc-noteref] >> nth=3")
    assert page.url.endswith("#article-n4")
    assert page.locator("li#article-n4").is_visible()
    assert "Kamkov" in page.locator("li:target").inner_text()
    page.click("li#article-n4 a[role=doc-backlink]")
    assert page.url.endswith("#ref-article-n4")
    assert page.locator("a:target").inner_text() == "[4]"


def test_person_link_leads_to_the_person_index_entry(page, site):
    open_page(page, site, LETTER)
    link = page.locator("a.mention.person", has_text="Kamenev").first
    assert link.get_attribute("title") == "Kamenev, Lev Borisovich"
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("person-index.html#kamenev")
    entry = page.locator("section:target")
    assert entry.locator("h2").inner_text() == "Kamenev, Lev Borisovich"
    assert "1883–1936" in entry.inner_text()


POLITBURO = "Politburo of the Central Committee of the RCP(b)"


@pytest.mark.parametrize(
    ("text", "index_page", "entry", "heading"),
    [
        ("Leningrad", "place-index.html", "leningrad", "Saint Petersburg"),
        ("Politburo", "organisation-index.html", "politburo", POLITBURO),
        ("Pravda", "work-index.html", "pravda", "Pravda"),
        ("December 5, 1923", "chronology.html", "1923-12-05", "1923-12-05"),
    ],
)
def test_a_mention_leads_to_its_index_entry_and_back(page, site, text, index_page, entry, heading):
    open_page(page, site, LETTER)
    link = page.locator("main a.mention", has_text=text).first
    spot = link.get_attribute("id")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{index_page}#{entry}")
    section = page.locator("section:target")
    assert section.locator("h2").inner_text() == heading
    href = f'a[href="{LETTER}#{spot}"]'
    back = section.locator(href)
    line = section.locator("li", has=page.locator(href))
    assert line.locator("mark").inner_text() == text
    assert len(line.locator(".context").inner_text().split()) > len(text.split()) + 3  # words either side
    assert back.inner_text().startswith("Letter to Nikolai Bukharin, January 9, 1926, ¶ ")
    screenshot(page, f"{entry}-entry.png")
    back.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{LETTER}#{spot}")
    assert page.locator(":target").inner_text() == text
    assert page.locator(":target").is_visible()


def test_every_page_navigates_to_every_index(page, site):
    for name in ["index.html", LETTER, *(f"{i.name}.html" for i in INDEXES)]:
        open_page(page, site, name)
        titles = page.locator("nav a").all_inner_texts()
        assert titles == ["Edition index", *(i.title for i in INDEXES)], name


def test_toggle_shows_the_source_readings(page, site):
    open_page(page, site, LETTER)
    original = page.locator(".original").first
    assert not original.is_visible()
    page.click("#tt-toggle")
    assert original.is_visible() and "Mends" in page.locator(".original", has_text="Mends").inner_text()
    screenshot(page, "letter-with-source-readings.png")


def test_the_text_is_readable_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_page(page, site, LETTER)
    assert page.locator("#tt-toggle").is_hidden()
    assert "Dear Nikolai Ivanovich:" in page.locator("main").inner_text()
    context.close()
