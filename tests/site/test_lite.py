"""The in-browser edition (JupyterLite at _build/html/lite/, built by `make`) in Chromium.

The site is served on localhost and Chromium is sent through a proxy that records
whatever it is asked for and refuses it: any request for anything outside the site, from
a page, a worker or the service worker, shows up there. Each chapter's "Run it in your
browser" link opens its notebook; the console imports numpy and matplotlib; chapter 1's
notebook runs its visible tests on a correct and on a wrong function and the self-check
names the wrong one; nothing of solutions/, autograder/references/ or a hidden test is in
the lite site; work saved in the browser is there after a reload and downloads as a
notebook. The time to a ready kernel and what a reader downloads to run chapter 1 are
written to test-artifacts/lite.md."""
import functools
import http.server
import importlib.util
import json
import socketserver
import threading
import time
import tomllib
from urllib.parse import urlsplit

import nbformat
import pytest

from autograder.instructor.submissions import solution_regions
from autograder.spec import ASSIGNMENTS
from tests.site.leaks import leaks_in, secrets
from tests.support import ARTIFACTS, ROOT

SITE = ROOT / "_build" / "html"
LITE = SITE / "lite"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]
KERNEL_TIMEOUT = 180_000
"""ms to wait for Pyodide to start: 10-30 s on a busy two-core machine."""
pytestmark = pytest.mark.xdist_group("site")


CHROMIUM_OWN = {"update.googleapis.com", "accounts.google.com", "content-autofill.googleapis.com",
                "optimizationguide-pa.googleapis.com", "clientservices.googleapis.com"}
"""Hosts Chromium itself calls (updates, sign-in, autofill) whatever the page: not the site's."""


def _host(request_line: str) -> str:
    target = request_line.split()[1]
    return (urlsplit(target).hostname if "://" in target else target.rsplit(":", 1)[0]) or ""


class _Refuser(socketserver.StreamRequestHandler):
    """A proxy that answers every request with 403 and remembers what was asked."""

    def handle(self):
        line = self.rfile.readline().decode("latin-1").strip()
        if line and _host(line) not in CHROMIUM_OWN:
            self.server.asked.append(line)
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@pytest.fixture(scope="module")
def server():
    assert (LITE / "index.html").is_file(), "no lite site in _build/html/lite: run `make` first"

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def proxy():
    refuser = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Refuser)
    refuser.asked = []
    threading.Thread(target=refuser.serve_forever, daemon=True).start()
    yield refuser
    refuser.shutdown()


@pytest.fixture(scope="module")
def browser(proxy):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:   # Chromium never proxies loopback: only off-site requests reach the proxy
        chromium = p.chromium.launch(executable_path=CHROMIUM,
                                     args=[*ARGS, f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server, proxy):
    """A fresh browser context (its own storage); after the test, nothing was asked of the
    proxy and no request named another host."""
    context = browser.new_context()
    elsewhere = []
    context.on("request", lambda r: elsewhere.append(r.url)
               if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and not r.url.startswith(server) else None)
    yield context.new_page()
    context.close()
    assert not proxy.asked, f"requests left the site: {proxy.asked}"
    assert not elsewhere, f"requests left the site: {elsewhere}"


APP = "window.jupyterapp && window.jupyterapp.shell.currentWidget"
KERNEL_IDLE = f"""() => {{ const w = {APP}; const k = w && w.sessionContext && w.sessionContext.session
    && w.sessionContext.session.kernel; return !!k && k.status === 'idle'; }}"""


def open_notebook(page, url):
    started = time.monotonic()
    page.goto(url)
    page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_TIMEOUT)
    return time.monotonic() - started


def set_solutions(page, code: dict[str, str]) -> int:
    """Type the given code into the solution cells named by their grade_id."""
    return page.evaluate("""(code) => { let n = 0;
        for (const cell of window.jupyterapp.shell.currentWidget.content.model.cells) {
            const id = (cell.getMetadata('nbgrader') || {}).grade_id;
            if (id !== undefined && code[id] !== undefined) { cell.sharedModel.setSource(code[id]); n++; } }
        return n; }""", code)


def run_all(page) -> dict[str, str]:
    """Run every cell; each code cell's outputs as text, by grade_id ("" for the rest, the
    last such cell being the self-check)."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(f"""() => {{ const cells = {APP}.content.model.cells;
        const last = cells.get(cells.length - 1); return last.outputs.length > 0 && ({KERNEL_IDLE})(); }}""",
                           timeout=KERNEL_TIMEOUT)
    cells = page.evaluate("""() => { const out = [];
        for (const cell of window.jupyterapp.shell.currentWidget.content.model.cells) {
            if (cell.type !== 'code') continue;
            const texts = [];
            for (let i = 0; i < cell.outputs.length; i++) texts.push(JSON.stringify(cell.outputs.get(i).toJSON()));
            out.push([(cell.getMetadata('nbgrader') || {}).grade_id || '', texts.join('\\n')]); }
        return out; }""")
    return {grade_id or f"cell {i}": text for i, (grade_id, text) in enumerate(cells)}


def solution_code(assignment: str) -> dict[str, str]:
    """The instructor's solution cells, markers removed (the test's own copy: not on the site)."""
    notebook = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    return {cell.metadata["nbgrader"]["grade_id"]: "\n".join(
                line for line in cell.source.splitlines() if "### BEGIN SOLUTION" not in line
                and "### END SOLUTION" not in line)
            for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")}


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_each_chapter_links_to_its_notebook_in_the_browser(page, server, assignment):
    page.goto(f"{server}/book/{assignment}.html")
    link = page.locator("a.run-in-browser-link")
    assert link.count() == 1 and link.is_visible()
    href = link.get_attribute("href")
    assert "lite/" in href and f"{assignment}.ipynb" in href
    assert "cannot grade" in page.locator(".run-in-browser").inner_text()
    link.click()
    page.wait_for_function(f"() => {APP} && {APP}.context && {APP}.context.path === '{assignment}.ipynb'"
                           f" && {APP}.content.model.cells.length > 5", timeout=KERNEL_TIMEOUT)


def test_the_console_imports_numpy_and_matplotlib(page, server):
    page.goto(f"{server}/lite/repl/index.html?kernel=python&code=import numpy, matplotlib; "
              "print('versions', numpy.__version__, matplotlib.__version__)")
    page.wait_for_selector("text=versions 2.0.2 3.8.4", timeout=KERNEL_TIMEOUT)


def test_chapter_1_runs_its_visible_tests_and_the_self_check_names_the_mistake(page, server):
    fetched = {}   # what the reader's browser downloads: every file once, by its Content-Length
    page.context.on("response", lambda r: fetched.setdefault(urlsplit(r.url).path,
                                                             int(r.headers.get("content-length", 0))))
    url = f"{server}/lite/notebooks/index.html?path=01-gradient-descent.ipynb"
    ready = open_notebook(page, url)
    correct = solution_code("01-gradient-descent")
    assert set_solutions(page, correct) == 5
    started = time.monotonic()
    right = run_all(page)
    ran = time.monotonic() - started
    for name in ("sigmoid", "log_loss", "log_loss_grad", "gd_update", "learning_rate"):
        assert f"{name}: visible tests passed" in right[f"test_{name}_basics"], right[f"test_{name}_basics"]
    assert not [cell for cell, text in right.items() if '"output_type": "error"' in text
                or '"output_type":"error"' in text], right
    self_check = list(right.values())[-1]
    assert self_check.count("agrees with the expected results") == 4, self_check

    summed = ("def log_loss_grad(X, y, w, b):\n    error = sigmoid(X @ w + b) - y\n"
              "    return X.T @ error, float(np.sum(error))")
    set_solutions(page, {"log_loss_grad": summed})
    wrong = run_all(page)
    assert "AssertionError" in wrong["test_log_loss_grad_basics"]
    self_check = list(wrong.values())[-1]
    assert "log_loss_grad: differs" in self_check and "[gd.sum_not_mean]" in self_check, self_check
    assert self_check.count("agrees with the expected results") == 3
    total = sum(fetched.values())
    largest = sorted(fetched.items(), key=lambda item: -item[1])[:4]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lite.md").write_text(
        f"Chapter 1 in JupyterLite: kernel ready {ready:.1f} s after opening the page; the notebook "
        f"(with its self-check) ran in {ran:.1f} s. The browser fetched {total / 1e6:.1f} MB in "
        f"{len(fetched)} files, the largest " + ", ".join(
            f"{path.rsplit('/', 1)[-1]} {size / 1e6:.1f} MB" for path, size in largest) + ".\n")
    assert total < 60e6


def test_work_is_kept_in_the_browser_and_can_be_downloaded(page, server):
    loaded = f"() => {APP} && {APP}.content && {APP}.content.model && {APP}.content.model.cells.length > 5"
    page.goto(f"{server}/lite/notebooks/index.html?path=03-momentum.ipynb")
    page.wait_for_function(loaded, timeout=KERNEL_TIMEOUT)
    set_solutions(page, {"momentum_update": "def momentum_update(w, g, v, lr, beta):\n    return 'kept'"})
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_timeout(1000)
    page.reload()
    page.wait_for_function(loaded, timeout=KERNEL_TIMEOUT)
    assert page.evaluate(f"() => {APP}.content.model.toJSON().cells.some(c => "
                         "[].concat(c.source).join('').includes(\"return 'kept'\"))")
    with page.expect_download() as download:
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:download')")
    notebook = nbformat.reads(download.value.path().read_text(), as_version=4)
    assert any("return 'kept'" in cell.source for cell in notebook.cells)


def test_the_lite_site_holds_no_solution_reference_or_hidden_test():
    found = secrets(ROOT)
    files = [p for p in LITE.rglob("*") if p.is_file() and p.suffix in {".ipynb", ".json", ".py", ".html", ".md"}]
    leaks = {str(p.relative_to(LITE)): hits for p in files
             if (hits := leaks_in(p.read_text(errors="ignore"), found, p.suffix))}
    assert not leaks, leaks
    names = {p.name for p in LITE.rglob("*")}
    assert not names & {p.name for p in (ROOT / "autograder" / "references").glob("*.py")} - {"__init__.py"}
    for assignment in ASSIGNMENTS:
        shipped = json.loads((LITE / "files" / f"{assignment}.ipynb").read_text())
        sources = "\n".join("".join(cell["source"]) for cell in shipped["cells"])
        assert "### BEGIN SOLUTION" not in sources and "### BEGIN HIDDEN TESTS" not in sources
        assert not any(region.strip() in sources for region in solution_regions(ROOT, assignment))


def test_a_third_party_file_that_differs_from_its_recorded_hash_stops_the_build(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("lite_build", ROOT / "lite" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    sources = tomllib.loads(build.SOURCES.read_text())["source"]
    comm = next(s for s in sources if s["package"].startswith("comm=="))
    (name, recorded), = comm["files"].items()
    tampered = build.SOURCES.read_text().replace(recorded, "0" * 64)
    monkeypatch.setattr(build, "SOURCES", tmp_path / "third-party.toml")
    build.SOURCES.write_text(tampered)
    with pytest.raises(build.HashMismatch, match=f"{name} .* has sha256 {recorded}, but .* records 0{{64}}"):
        build.third_party_files()
