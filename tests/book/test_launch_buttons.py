"""Do the launch buttons follow the one setting, repository.url? Without it, none (and no
repository button); with it, a chapter's Binder and Colab links open its exercise
notebook, and pages without an exercise get no launch buttons (_ext/course_site.py)."""
import sys
from types import SimpleNamespace

from tests.support import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import course_site  # noqa: E402


def config(url):
    return SimpleNamespace(html_js_files=["mathjax/tex-mml-chtml.js", "other.js"],
                           html_theme_options={"repository_url": url, "use_repository_button": False,
                                               "launch_buttons": {"binderhub_url": "https://mybinder.org"}})


def test_without_a_repository_url_there_are_no_launch_or_repository_buttons():
    c = config("")
    course_site._drop_static_mathjax(None, c)
    assert c.html_theme_options["launch_buttons"] == {}
    assert c.html_theme_options["use_repository_button"] is False
    assert c.html_js_files == ["other.js"], "MathJax is loaded by sphinx.ext.mathjax, not a second time"


def test_with_a_repository_url_a_chapter_launches_its_exercise_notebook():
    c = config("https://github.com/someone/course")
    course_site._drop_static_mathjax(None, c)
    assert c.html_theme_options["use_repository_button"] is True
    app = SimpleNamespace(srcdir=str(ROOT))
    launch = {"label": "launch-buttons", "buttons": [
        {"url": "https://mybinder.org/v2/gh/someone/course/main?urlpath=lab/tree/book/05-adam.md"},
        {"url": "https://colab.research.google.com/github/someone/course/blob/main/book/05-adam.md"}]}
    context = {"header_buttons": [launch]}
    course_site._launch_exercise_notebooks(app, "book/05-adam", "page.html", context, None)
    urls = [b["url"] for b in context["header_buttons"][0]["buttons"]]
    assert all(u.endswith("exercises/05-adam/05-adam.ipynb") for u in urls), urls
    assert (ROOT / "exercises" / "05-adam" / "05-adam.ipynb").is_file()

    other = {"header_buttons": [{"label": "launch-buttons", "buttons": [{"url": "x/book/checklist.md"}]}]}
    course_site._launch_exercise_notebooks(app, "book/checklist", "page.html", other, None)
    assert other["header_buttons"] == []


def test_the_configured_site_has_no_repository_url_and_no_launch_buttons():
    html = (ROOT / "_build" / "html" / "book" / "05-adam.html").read_text()
    assert "mybinder.org" not in html and "colab.research.google.com" not in html
    assert "why-is-my-loss-going-up/course" not in html
