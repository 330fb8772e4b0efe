"""Find reference solution code and hidden tests in published text."""
import html
import re

import nbformat

from autograder.instructor.course import assignments
from autograder.instructor.submissions import notebook_path, solution_regions

HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
MIN_LINE = 30
"""Solution lines at least this long are distinctive enough to search for on their own;
shorter ones (``return w - lr * g``) also appear in the book's maths and broken code."""


def normalize(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text.replace("\\n", "\n").replace('\\"', '"'))


def secrets(root) -> list[str]:
    """Normalized solution regions, their distinctive lines, and hidden-test lines."""
    found = []
    for assignment in assignments(root):
        regions = solution_regions(root, assignment)
        nb = nbformat.read(notebook_path(root, "solutions", assignment), as_version=4)
        hidden = [m.group(1) for c in nb.cells for m in HIDDEN_REGION.finditer(c.source)]
        for region in regions + hidden:
            found.append(normalize(region).strip())
            found += [normalize(line).strip() for line in region.splitlines()
                      if len(line.strip()) >= MIN_LINE or line.strip().startswith(("from autograder", "check_"))]
    return sorted({s for s in found if s})


def leaks_in(text: str, secret_texts: list[str]) -> list[str]:
    haystack = normalize(text)
    return [s for s in secret_texts if s in haystack]
