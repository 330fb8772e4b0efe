"""Is any reference solution or hidden test published? Searches every file of the built
site (pages, _sources, _downloads, the search index) and the released notebooks for the
solution regions of solutions/, their distinctive lines, and the hidden test code."""
import pytest

from tests.site.leaks import leaks_in, secrets
from tests.support import ROOT

SITE = ROOT / "_build" / "html"
pytestmark = pytest.mark.xdist_group("site")
TEXT = {".html", ".txt", ".md", ".ipynb", ".js", ".json", ".py"}


@pytest.fixture(scope="module")
def secret_texts():
    found = secrets(ROOT)
    assert len(found) > 50, "too few solution regions found: is the extraction broken?"
    return found


def published_files():
    assert SITE.is_dir(), "no built site in _build/html: run `make` first"
    return [p for p in SITE.rglob("*") if p.is_file() and p.suffix in TEXT]


def test_the_site_publishes_no_solution_and_no_hidden_test(secret_texts):
    files = published_files()
    assert any("_sources" in str(p) for p in files) and any("searchindex" in p.name for p in files)
    leaks = {str(p.relative_to(SITE)): found for p in files
             if (found := leaks_in(p.read_text(errors="ignore"), secret_texts))}
    assert not leaks, leaks


def test_released_notebooks_contain_no_solution_and_no_hidden_test(secret_texts):
    leaks = {str(p): found for p in (ROOT / "exercises").rglob("*.ipynb")
             if (found := leaks_in(p.read_text(), secret_texts))}
    assert not leaks, leaks


def test_the_leak_search_finds_a_planted_solution(secret_texts, tmp_path):
    from autograder.instructor.submissions import solution_regions

    body = solution_regions(ROOT, "05-adam")[0]
    page = "<html><body><pre>" + body.replace("\n", "<br>\n").replace(">", "&gt;") + "</pre></body></html>"
    assert leaks_in(page, secret_texts)
    assert not leaks_in("<p>The update is w - lr * g.</p>", secret_texts)
