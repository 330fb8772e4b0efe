"""The built site in a real browser: Debian's Chromium driven by Playwright, over the
site served on localhost. Every page of the table of contents loads without console
errors, every figure loads, each chapter's exercise download is a valid notebook, search
finds "bias correction", and a screenshot of chapter 5 is kept in test-artifacts/."""
import functools
import http.server
import threading

import nbformat
import pytest
import yaml

from tests.support import ARTIFACTS, ROOT

SITE = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.xdist_group("site")
HARMLESS = (
    "net::ERR_NAME_NOT_RESOLVED",  # thebe's CDN script (live code, optional): no network here
    "'THEBE_JS_URL' has already been declared",  # Jupyter Book 1.x includes sphinx-thebe's config twice
    "Got invalid theme mode",  # pydata-sphinx-theme's notice when no light/dark choice is stored yet
    "Cannot set property Package",  # the page template includes MathJax twice; the first renders the maths
)


def toc_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [c["file"] for c in toc["chapters"]]


@pytest.fixture(scope="module")
def server():
    assert SITE.is_dir(), "no built site in _build/html: run `make` first"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("page_name", toc_pages())
def test_every_page_loads_without_console_errors_and_with_its_figures(browser, server, page_name):
    page = browser.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(f"{server}/{page_name}.html", wait_until="load")
    assert response.ok
    broken = page.eval_on_selector_all("img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0))"
                                                ".map(i => i.src.slice(0, 80))")
    page.close()
    errors = [e for e in errors if not any(h in e for h in HARMLESS)]
    assert not errors, errors
    assert not broken, f"images that did not load: {broken}"


@pytest.mark.parametrize("chapter", [p for p in toc_pages() if p.split("/")[-1][:2].isdigit()])
def test_each_chapter_links_a_downloadable_exercise_notebook(browser, server, chapter):
    page = browser.new_page()
    page.goto(f"{server}/{chapter}.html")
    href = page.get_attribute("a.download[href$='.ipynb']", "href")
    assert href, "no exercise download link"
    response = page.request.get(f"{server}/{chapter.rsplit('/', 1)[0]}/{href}")
    text = response.text()
    page.close()
    nb = nbformat.reads(text, as_version=4)
    assert any("NotImplementedError" in c.source for c in nb.cells)


def test_search_finds_the_adam_chapter_for_bias_correction(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/search.html?q=bias+correction")
    page.wait_for_selector("#search-results li a", timeout=20000)
    results = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href)")
    page.close()
    assert any("05-adam" in link for link in results), results


def test_a_screenshot_of_chapter_5_is_saved(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/book/05-adam.html", wait_until="load")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chapter-5.png"), full_page=False)
    page.close()
    assert (ARTIFACTS / "chapter-5.png").stat().st_size > 10000
