"""Do the lists that say what a chapter is and what it grades agree? ``autograder/spec.py``
is the source: every assignment it names has its page (with the label the checklist links
to) in the table of contents in the same order, its notebooks, its three topic modules and
its correct alternatives; the notebook's graded items are its checks, in the same order;
the spec's functions are among them."""
import importlib
import re

import pytest
import yaml

from autograder.instructor.submissions import graded_names
from autograder.spec import ASSIGNMENTS, GRADED, LABELS
from tests.support import ROOT


def test_the_table_of_contents_lists_every_assignment_in_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    chapters = [c["file"].split("/")[-1] for c in toc["chapters"] if re.match(r"book/\d\d-", c["file"])]
    assert chapters == list(ASSIGNMENTS), "_toc.yml and autograder/spec.py ASSIGNMENTS disagree"
    assert list(GRADED) == list(ASSIGNMENTS)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_assignment_has_its_files_label_and_download_link(assignment):
    topic = ASSIGNMENTS[assignment]
    for path in (f"solutions/{assignment}/{assignment}.ipynb", f"exercises/{assignment}/{assignment}.ipynb",
                 f"autograder/references/{topic}.py", f"autograder/checks/{topic}.py",
                 f"autograder/misconceptions/{topic}.py", f"tests/alternatives/{topic}.py"):
        assert (ROOT / path).is_file(), f"{assignment}: {path} is missing"
    page = (ROOT / "book" / f"{assignment}.md").read_text()
    assert f"({LABELS[assignment]})=" in page, f"book/{assignment}.md does not start with ({LABELS[assignment]})="
    assert f"../exercises/{assignment}/{assignment}.ipynb" in page, f"book/{assignment}.md links no exercise"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_notebook_grades_what_the_checks_check_and_the_spec_lists(assignment):
    checks = importlib.import_module(f"autograder.checks.{ASSIGNMENTS[assignment]}").CHECKS
    assert graded_names(ROOT, assignment) == list(checks), (
        f"{assignment}: the solution cells define {graded_names(ROOT, assignment)}, "
        f"the topic's CHECKS list {list(checks)} (same items, same order)")
    assert [f for f in checks if f in GRADED[assignment]] == list(GRADED[assignment]), (
        f"{assignment}: spec.GRADED lists {GRADED[assignment]}, not all checked or not in the checks' order")
