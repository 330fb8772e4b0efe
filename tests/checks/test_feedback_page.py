"""The feedback page a student reads, in a real browser (Debian's Chromium driven by
Playwright, as tests/site does): a submission with a mistake no catalog holds goes through
nbgrader autograde and generate_feedback, and at 390 px and 1280 px the page is no wider
than the screen, the diagnosis comes first in its test cell's output and wraps, and the
formulas' MathJax is the copy the site serves, loaded without any network."""
import shutil

import numpy as np
import pytest

from autograder.instructor import course
from autograder.instructor.submissions import make_submission
from tests.site.test_browser import ARGS, CHROMIUM
from tests.support import ARTIFACTS, ROOT, course_copy, submit

ASSIGNMENT = "05-adam"


def adam_update(w, g, m, v, t, lr, beta1, beta2, eps):
    """The bias correction with t + 1: a mistake in no catalog."""
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** (t + 1)), v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("feedback"))
    shutil.copytree(ROOT / "_static", root / "_static")
    submit(root, "student", ASSIGNMENT, make_submission(root, ASSIGNMENT, {"adam_update": adam_update}))
    with course.open_api(root) as api:
        assert api.generate_assignment(ASSIGNMENT)["success"]
        assert api.autograde(ASSIGNMENT, "student")["success"]
        result = api.generate_feedback(ASSIGNMENT)
        assert result["success"], result.get("log")
    return next(root.rglob(f"feedback/student/{ASSIGNMENT}/{ASSIGNMENT}.html"))  # wherever the state lives


def test_the_feedback_loads_mathjax_from_the_course_not_a_cdn(feedback):
    html = feedback.read_text()
    assert "cdnjs" not in html and "cdn.jsdelivr" not in html
    assert 'src="../../../../_static/mathjax/tex-mml-chtml.js"' in html
    assert (feedback.parent / "../../../../_static/mathjax/tex-mml-chtml.js").resolve().is_file()


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_the_feedback_fits_the_screen_and_says_what_differs_first(feedback, width):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(feedback.as_uri(), wait_until="load")
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        errors = page.locator("div.output_error pre, div.output_stderr pre, div.output_text pre")
        texts = [t for t in errors.all_inner_texts() if "adam_update" in t]
        assert texts, "no test output about adam_update in the feedback"
        assert texts[0].lstrip().startswith("AssertionError: `adam_update` returns wrong values"), texts[0][:200]
        assert "t + 1 in place of t" in texts[0].split("First difference")[0]
        for box in errors.element_handles():
            assert box.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "an output line runs off the screen"
        assert all(r.startswith("file://") for r in requests), [r for r in requests if not r.startswith("file://")]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"feedback-{width}px.png"), full_page=False)
        browser.close()
