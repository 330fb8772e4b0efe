"""The built site in a real browser: Debian's Chromium driven by Playwright, over the
site served on localhost. On every page of the table of contents: no console error at
all, no script loaded twice, every figure loads and has a description (not its file
name), no absolute path of the build machine; at phone and tablet widths (390 and 800
px) the menu button opens the chapter list; every formula typeset without a TeX error.
Also: each chapter's exercise download is a valid notebook, search finds "bias correction", and screenshots of chapter 5 (desktop, and phone with
the chapter list closed and open) are kept in test-artifacts/."""
import functools
import http.server
import re
import threading
from collections import Counter
from urllib.parse import urlsplit

import nbformat
import pytest
import yaml

from tests.site.leaks import machine_paths, paths_in
from tests.support import ARTIFACTS, ROOT

SITE = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.xdist_group("site")
PHONE = {"width": 390, "height": 844}
FILE_NAME = re.compile(r"([0-9a-f]{16,}|\.(png|jpe?g|svg|gif)$)", re.I)
"""An alt text that is a file name: a hash (what myst-nb writes when a cell gives none) or
ends like an image file."""


def toc_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [c["file"] for c in toc["chapters"]]


@pytest.fixture(scope="module")
def server():
    assert SITE.is_dir(), "no built site in _build/html: run `make` first"
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(SITE))
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


def open_page(browser, server, page_name, viewport=None):
    """The page loaded and settled, with every console error, uncaught exception and
    script request recorded."""
    page = browser.new_page(viewport=viewport) if viewport else browser.new_page()
    record = {"errors": [], "scripts": []}
    page.on("console", lambda msg: record["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: record["errors"].append(str(error)))
    page.on("request", lambda request: record["scripts"].append(urlsplit(request.url).path)
            if request.resource_type == "script" else None)
    response = page.goto(f"{server}/{page_name}.html", wait_until="load")
    assert response.ok
    page.wait_for_timeout(500)                              # MathJax and the theme finish starting
    return page, record


@pytest.mark.parametrize("page_name", toc_pages())
def test_every_page_loads_without_console_errors_and_with_its_figures(browser, server, page_name):
    page, record = open_page(browser, server, page_name)
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=20000)  # lazy ones too
    broken = page.eval_on_selector_all("img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0))"
                                              ".map(i => i.src.slice(0, 80))")
    figures = page.eval_on_selector_all("article img", "imgs => imgs.map(i => [i.getAttribute('alt') || '', "
                                                       "i.getAttribute('src').slice(0, 60)])")
    tags = page.eval_on_selector_all("script[src]", "scripts => scripts.map(s => s.getAttribute('src'))")
    has_maths = page.locator(".math").count() > 0
    if has_maths:                                          # MathJax typesets it (raw TeX otherwise)
        try:
            page.wait_for_function("() => [...document.querySelectorAll('.math')]"
                                   ".every(m => m.querySelector('mjx-container'))", timeout=20000)
        except Exception:                                  # reported below as raw TeX
            pass
    raw_tex = page.eval_on_selector_all(".math", "ms => ms.filter(m => !m.querySelector('mjx-container')).length")
    tex_errors = page.eval_on_selector_all("mjx-merror", "es => es.map(e => e.getAttribute('data-mjx-error'))")
    html = page.content()
    page.close()
    assert not record["errors"], record["errors"]
    assert not raw_tex, f"{raw_tex} formulas left as raw TeX"
    assert not tex_errors, f"TeX errors: {tex_errors}"
    assert not broken, f"images that did not load: {broken}"
    undescribed = [src for alt, src in figures if len(alt.strip()) < 20 or FILE_NAME.search(alt.strip())]
    assert not undescribed, f"figures without a description (alt text missing, short or a file name): {undescribed}"
    twice = [src for src, n in Counter(s.split("?")[0] for s in tags).items() if n > 1]
    twice += [path for path, n in Counter(record["scripts"]).items() if n > 1]
    assert not twice, f"scripts included or loaded more than once: {twice}"
    assert not paths_in(html, machine_paths(ROOT)), "the page shows an absolute path of the build machine"


@pytest.mark.parametrize("width", [PHONE["width"], 800])
@pytest.mark.parametrize("page_name", toc_pages())
def test_the_menu_button_opens_the_chapter_list_on_a_phone_and_a_tablet(browser, server, page_name, width):
    page, record = open_page(browser, server, page_name, viewport={"width": width, "height": 844})
    chapter_links = "nav.bd-links a.reference"
    before = page.locator(chapter_links).first.is_visible()
    page.locator(".primary-toggle:visible").first.click()
    page.wait_for_timeout(600)
    visible = page.eval_on_selector_all(chapter_links, "links => links.filter(a => a.getBoundingClientRect().width > 0 "
                                                       "&& a.getBoundingClientRect().right > 0 && "
                                                       "a.getBoundingClientRect().left < window.innerWidth).length")
    page.close()
    assert not before, "the chapter list is open before the menu button is pressed"
    assert visible >= 8, f"after pressing the menu button {visible} chapter links are on screen"
    assert not record["errors"], record["errors"]


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


def test_screenshots_of_chapter_5_are_saved(browser, server):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/book/05-adam.html", wait_until="load")
    page.screenshot(path=str(ARTIFACTS / "chapter-5.png"), full_page=False)
    page.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/book/05-adam.html", wait_until="load")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "chapter-5-phone.png"), full_page=False)
    page.locator(".primary-toggle:visible").first.click()
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / "chapter-5-phone-menu.png"), full_page=False)
    page.close()
    for name in ("chapter-5.png", "chapter-5-phone.png", "chapter-5-phone-menu.png"):
        assert (ARTIFACTS / name).stat().st_size > 10000


@pytest.mark.parametrize("width", [390, 800, 1280])
def test_no_equation_or_code_cell_is_cut_off_or_scrolls_sideways(browser, server, width):
    """Display equations and code fit the text column (a long equation may scroll inside
    its own box, but is never clipped by the page); code and printed output wrap."""
    problems = {}
    for page_name in toc_pages():
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{server}/{page_name}.html", wait_until="load")
        page.wait_for_timeout(400)
        found = page.evaluate("""() => {
            const out = [];
            for (const e of document.querySelectorAll('div.highlight pre, div.cell_output pre')) {
                if (e.scrollWidth > e.clientWidth + 2) out.push('code: ' + e.textContent.slice(0, 50));
            }
            const main = document.querySelector('article').getBoundingClientRect();
            for (const e of document.querySelectorAll('mjx-container[display="true"]')) {
                const r = e.getBoundingClientRect();
                const scrolls = getComputedStyle(e).overflowX === 'auto';
                if (!scrolls && r.right > main.right + 2) out.push('equation: ' + e.textContent.slice(0, 50));
            }
            return out;
        }""")
        page.close()
        if found:
            problems[page_name] = found
    assert not problems, problems


PHONE_CHECKS = """() => {
    const inScroller = e => {                   // inside a box that scrolls sideways (a table, a display equation)
        for (let a = e.parentElement; a; a = a.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX) && a.scrollWidth > a.clientWidth + 1) return true;
        }
        return false;
    };
    const column = document.querySelector('article').getBoundingClientRect();
    const edge = Math.min(column.right, window.innerWidth) + 1;
    const cut = [...document.querySelectorAll('article mjx-container:not([display="true"])')]
        .filter(m => m.getBoundingClientRect().width > 0 && m.getBoundingClientRect().right > edge && !inScroller(m))
        .map(m => m.textContent.slice(0, 40));
    const silent = [...document.querySelectorAll('mjx-container[display="true"]')]
        .filter(m => m.scrollWidth > m.clientWidth + 1)
        .filter(m => { const s = getComputedStyle(m);
                       return !(['auto', 'scroll'].includes(s.overflowX) && s.backgroundImage.includes('gradient')); })
        .map(m => m.textContent.slice(0, 40));
    const panels = [...document.querySelectorAll('article img')]
        .filter(i => i.getBoundingClientRect().width > 0 && i.naturalWidth / i.naturalHeight > 2.1)
        .map(i => `${(i.getAttribute('alt') || '').slice(0, 50)} (${Math.round(i.getBoundingClientRect().width)}x${Math.round(i.getBoundingClientRect().height)} px)`);
    return {cut, silent, panels, scrolling: document.querySelectorAll('mjx-container[display="true"]').length};
}"""


@pytest.mark.parametrize("page_name", toc_pages())
def test_on_a_phone_no_formula_is_cut_off_and_figures_keep_their_size(browser, server, page_name):
    """At 390 px: no inline formula runs past the text column; a display equation wider than
    the column scrolls and shows it (shadows at its edges); a figure of several panels is one
    image per panel, so that the panels stack instead of shrinking side by side."""
    page, _ = open_page(browser, server, page_name, viewport=PHONE)
    if page.locator(".math").count():
        page.wait_for_function("() => [...document.querySelectorAll('.math')]"
                               ".every(m => m.querySelector('mjx-container'))", timeout=20000)
    found = page.evaluate(PHONE_CHECKS)
    page.close()
    assert not found["cut"], f"inline formulas cut off at 390 px: {found['cut']}"
    assert not found["silent"], f"display equations that scroll without a cue: {found['silent']}"
    assert not found["panels"], f"side-by-side panels shrunk on a phone: {found['panels']}"


@pytest.mark.parametrize("page_name", toc_pages())
def test_a_page_without_formulas_does_not_download_mathjax(browser, server, page_name):
    """MathJax and its fonts are the largest download of a first visit: only pages with maths load them."""
    page, record = open_page(browser, server, page_name, viewport=PHONE)
    has_maths = page.locator(".math").count() > 0
    page.close()
    loaded = any("mathjax" in path for path in record["scripts"])
    assert loaded == has_maths, f"formulas on the page: {has_maths}; MathJax loaded: {loaded}"


FIRST_VISIT_BUDGET = 3_000_000
"""Bytes a first visit to any page may download (uncompressed; measured at 390 px with an
empty cache): MathJax, the theme and the page itself. Before the page-weight work a first
visit took 3.8 to 5.2 MB, most of it FontAwesome's JavaScript and every figure at once."""


def _size(response) -> int:
    try:
        return len(response.body())
    except Exception:                                      # a redirect or an aborted request: no body
        return 0


@pytest.mark.parametrize("page_name", toc_pages())
def test_a_first_visit_downloads_only_what_the_page_uses(browser, server, page_name):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(urlsplit(r.url).path, _size(r)))
    page.goto(f"{server}/{page_name}.html", wait_until="load")
    page.wait_for_timeout(1500)
    eager = page.eval_on_selector_all("article img:not([src^='data:'])", "imgs => imgs.filter(i => i.loading !== 'lazy')"
                                                                          ".map(i => i.getAttribute('src'))")
    context.close()
    assert not [p for p in sizes if "fontawesome" in p and p.endswith(".js")], "FontAwesome's JavaScript was loaded"
    assert not eager, f"figures fetched before they are scrolled to: {eager}"
    total = sum(sizes.values())
    assert total <= FIRST_VISIT_BUDGET, f"a first visit downloads {total / 1e6:.2f} MB: " + ", ".join(
        f"{p} {n // 1000} kB" for p, n in sorted(sizes.items(), key=lambda x: -x[1])[:6])
