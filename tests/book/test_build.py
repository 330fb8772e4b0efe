"""Does the book build strictly, with every code cell executed, and nothing but the book
published? The build reuses the execution cache of `make`, so it re-runs only pages that
changed since."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook

from tests.support import ROOT

SITE = ROOT / "_build" / "html"
pytestmark = pytest.mark.xdist_group("site")

def toc_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [c["file"] for c in toc["chapters"]]

@pytest.fixture(scope="module")
def build():
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return subprocess.run([str(jupyter_book), "build", ".", "-W", "--keep-going"], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)

def test_book_builds_with_warnings_as_errors(build):
    assert build.returncode == 0, build.stdout[-5000:] + build.stderr[-5000:]
    assert not (ROOT / "_build" / "html" / "reports").exists(), "execution reports: some page failed"

@pytest.mark.parametrize("page", toc_pages())
def test_every_code_cell_of_every_page_was_executed(build, page):
    """The execution cache holds a run of the page as it is now, every code cell counted."""
    assert (SITE / f"{page}.html").is_file()
    source = ROOT / f"{page}.md"
    if "{code-cell}" not in source.read_text():
        return
    cache = get_cache(ROOT / "_build" / ".jupyter_cache")
    record = cache.match_cache_notebook(read_myst_markdown_notebook(source.read_text()))  # KeyError: not executed as it is
    nb = cache.get_cache_bundle(record.pk).nb
    missing = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.execution_count is None]
    assert not missing, f"{page}: code cells {missing} were not executed"

def test_only_the_book_is_published(build):
    published = {p.relative_to(SITE).parts[0] for p in SITE.iterdir()}
    for private in ("solutions", "autograder", "course-state", "tests", "exercises", "bench"):
        assert private not in published, f"{private}/ was built into the site"


@pytest.mark.parametrize("page", toc_pages())
def test_every_claim_holds_for_the_numbers_the_page_shows(build, page, monkeypatch):
    """The sign of each comparison a page states (``claim("a < b")``), checked again against
    the numbers glued into the built page, not against the kernel that made them."""
    from autograder import book

    source = (ROOT / f"{page}.md").read_text()
    statements = re.findall(r"""claim\("([^"]+)"\)""", source)
    if not statements:
        return
    cache = get_cache(ROOT / "_build" / ".jupyter_cache")
    nb = cache.get_cache_bundle(cache.match_cache_notebook(read_myst_markdown_notebook(source)).pk).nb
    glued = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = [v for k, v in output.get("data", {}).items() if k.endswith("text/plain")]
            if name and text:
                glued[name] = float(text[0])
    monkeypatch.setattr(book, "GLUED", glued)
    for statement in statements:
        book.claim(statement)
