"""Is any answer, hidden test or path of the build machine published? Searches every text
file of the built site (pages, _sources, _downloads, the search index) and the released
notebooks for any two consecutive lines of a reference function body or a solution
region (whitespace and highlighting ignored), for the hidden test code, and for the
absolute paths of this machine."""
import pytest

from tests.site.leaks import leaks_in, machine_paths, paths_in, secrets
from tests.support import ROOT

SITE = ROOT / "_build" / "html"
pytestmark = pytest.mark.xdist_group("site")
TEXT = {".html", ".txt", ".md", ".ipynb", ".js", ".json", ".py"}


@pytest.fixture(scope="module")
def secret_texts():
    found = secrets(ROOT)
    assert len(found["pairs"]) > 40, "too few answer lines found: is the extraction broken?"
    assert len(found["hidden"]) > 50, "too few hidden tests found: is the extraction broken?"
    return found


def published_files():
    assert SITE.is_dir(), "no built site in _build/html: run `make` first"
    return [p for p in SITE.rglob("*") if p.is_file() and p.suffix in TEXT]


def own_files():
    """The site's text files that the book wrote (not the theme's and MathJax's scripts)."""
    return [p for p in published_files()
            if not (p.suffix == ".js" and "_static" in p.parts and "searchindex" not in p.name)]


def test_the_site_publishes_no_answer_and_no_hidden_test(secret_texts):
    files = own_files()
    assert any("_sources" in str(p) for p in files) and any("searchindex" in p.name for p in files)
    leaks = {str(p.relative_to(SITE)): found for p in files
             if (found := leaks_in(p.read_text(errors="ignore"), secret_texts, p.suffix))}
    assert not leaks, leaks


def test_released_notebooks_contain_no_answer_and_no_hidden_test(secret_texts):
    leaks = {str(p): found for p in (ROOT / "exercises").rglob("*")
             if p.is_file() and p.suffix in TEXT and (found := leaks_in(p.read_text(), secret_texts, p.suffix))}
    assert not leaks, leaks


PREBUILT = [SITE / "lite" / folder for folder in ("build", "extensions", "static")]
"""Third-party code the lite site serves as released: JupyterLite's prebuilt apps (their
placeholder "/path/relative/to/jlab/root" is no path of this machine) and Pyodide's own
files (its loader names the browser's /lib/python3.12/site-packages)."""


def test_the_site_names_no_path_of_the_build_machine():
    paths = machine_paths(ROOT)
    found = {str(p.relative_to(SITE)): hits for p in published_files()
             if not any(folder in p.parents for folder in PREBUILT)
             if (hits := paths_in(p.read_text(errors="ignore"), paths))}
    assert not found, found


def test_the_leak_search_finds_two_planted_lines_in_a_highlighted_page(secret_texts, tmp_path):
    """Two consecutive lines of the reference adam_update, as Pygments would highlight
    them in a traceback, re-indented, are found; one line alone or the maths is not."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    from tests.site.leaks import reference_bodies

    body = next(b for b in reference_bodies(ROOT) if "v_hat" in b and "m_hat" in b)
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    two = "\n".join(f"      {line}" for line in lines[2:4])
    page = "<html><body>" + highlight(two, PythonLexer(), HtmlFormatter()) + "</body></html>"
    assert leaks_in(page, secret_texts)
    assert not leaks_in(highlight(lines[2], PythonLexer(), HtmlFormatter()), secret_texts)
    assert not leaks_in("<p>The update is w - lr * g.</p>", secret_texts)


def test_the_leak_search_finds_a_solution_region_in_a_notebook(secret_texts):
    import nbformat

    from autograder.instructor.submissions import solution_regions

    body = next(r for r in solution_regions(ROOT, "08-two-layer-network") if len(r.splitlines()) >= 4)
    lines = [line for line in body.splitlines() if line.strip()]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\n" + "\n".join(lines[-2:]))])
    assert leaks_in(nbformat.writes(nb), secret_texts, ".ipynb")
    one_line = solution_regions(ROOT, "07-l1")[0]                  # l1_penalty's whole answer
    assert leaks_in(f"<pre>def penalty(w, lam):\n{one_line}</pre>", secret_texts)


def test_the_path_search_finds_the_repository_in_a_traceback():
    page = f'<pre>File <span class="s">"{ROOT}/autograder/references/adam.py"</span>, line 16</pre>'
    assert paths_in(page, machine_paths(ROOT))


def test_the_page_source_downloads_carry_no_removed_cell():
    """What a page hides (glue, claim checks, helpers) is not in its "download .md" either."""
    sources = list((SITE / "_sources").rglob("*.md"))
    chapters = [p for p in sources if "{code-cell}" in p.read_text()]
    assert len(chapters) >= 9, "no chapter sources in _build/html/_sources"
    carrying = [str(p.relative_to(SITE)) for p in chapters
                if "remove-cell" in p.read_text() or "remove-input" in p.read_text()]
    assert not carrying, carrying


def test_a_removed_cell_is_cut_from_a_source_and_the_rest_kept():
    import sys

    sys.path.insert(0, str(ROOT / "_ext"))
    from page_sources import without_removed_cells

    text = ("# Page\n\n```{code-cell} ipython3\n:tags: [remove-cell]\nsecret = 1\n```\n\nProse.\n\n"
            "````{code-cell} ipython3\n---\ntags: [hide-input, remove-input]\n---\nglue('x', 1)\n````\n\n"
            "```{code-cell} ipython3\nshown = 2\n```\n")
    assert without_removed_cells(text) == "# Page\n\n\nProse.\n\n\n```{code-cell} ipython3\nshown = 2\n```\n"
