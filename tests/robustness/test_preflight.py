"""What does the grader make of a submission that is not the notebook it released?"""
import json

import nbformat
import pytest

from autograder.instructor.preflight import NOTE_MARKER, identify_assignment, preflight, read_release
from autograder.instructor.submissions import make_submission
from tests.support import ROOT

A = "01-gradient-descent"


@pytest.fixture(scope="module")
def release():
    return read_release(ROOT, A)


@pytest.fixture
def correct():
    return make_submission(ROOT, A)


def as_bytes(nb):
    return nbformat.writes(nb).encode()


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b'{"cells": [', "not valid JSON"),
    (b"\xff\xfe garbage", "not valid JSON"),
    (b'{"hello": "world"}', "not a Jupyter notebook"),
    (b'[1, 2, 3]', "not a Jupyter notebook"),
    (json.dumps({"cells": [{"cell_type": "code"}]}).encode(), "not a Jupyter notebook"),
    (json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                 "cells": [{"cell_type": "bogus", "source": "", "metadata": {}}]}).encode(),
     "not a valid Jupyter notebook"),
])
def test_unreadable_files_are_graded_as_the_untouched_release_with_a_reason(release, data, reason):
    result = preflight(data, release)
    assert not result.readable and reason in result.problems[0]
    assert result.notebook.cells[0].source.startswith(NOTE_MARKER)
    assert [c.source for c in result.notebook.cells[1:]] == [c.source for c in release.cells]


def test_a_well_formed_submission_passes_unchanged(release, correct):
    result = preflight(as_bytes(correct), release)
    assert result.problems == [] and result.notebook == correct


def solution_source(nb, grade_id):
    return next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def graded(nb):
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]


@pytest.mark.parametrize("damage,words", [
    (lambda cells: [c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_sigmoid_basics"],
     "deleted"),
    (lambda cells: cells + [c for c in cells if c.metadata.get("nbgrader", {}).get("grade", False)][:2], "more than once"),
    (lambda cells: cells[:3] + cells[5:7] + cells[3:5] + cells[7:], "order"),
])
def test_damaged_structure_is_rebuilt_around_the_students_own_code(release, correct, damage, words):
    correct.cells = damage(list(correct.cells))
    result = preflight(as_bytes(correct), release)
    assert any(words in p for p in result.problems), result.problems
    assert graded(result.notebook) == graded(release)
    assert solution_source(result.notebook, "log_loss") == solution_source(make_submission(ROOT, A), "log_loss")


def test_a_solution_cell_turned_into_markdown_keeps_its_code(release, correct):
    cell = next(c for c in correct.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    cell.cell_type = "markdown"
    cell.pop("outputs"), cell.pop("execution_count")
    result = preflight(as_bytes(correct), release)
    assert any("markdown" in p for p in result.problems)
    rebuilt = next(c for c in result.notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    assert rebuilt.cell_type == "code" and "def sigmoid" in rebuilt.source


def test_edited_locked_cells_are_reported(release, correct):
    test_cell = next(c for c in correct.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_sigmoid_basics")
    test_cell.source = "pass"
    result = preflight(as_bytes(correct), release)
    assert any("test_sigmoid_basics" in p and "restored" in p for p in result.problems)


def test_a_notebook_is_recognised_by_its_graded_cells(correct):
    releases = {a: read_release(ROOT, a) for a in [A]}
    assert identify_assignment(correct, releases) == A
    assert identify_assignment(nbformat.v4.new_notebook(), releases) is None
