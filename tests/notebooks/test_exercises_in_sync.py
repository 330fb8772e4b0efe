"""Is exercises/ exactly what nbgrader generates from solutions/ (CI also checks git status)?"""
import filecmp
import shutil

import pytest

from autograder.instructor import course
from tests.support import ROOT


@pytest.mark.parametrize("assignment", course.assignments(ROOT))
def test_committed_exercises_equal_a_fresh_generate_assignment(assignment, tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    with course.open_api(tmp_path) as api:
        assert api.generate_assignment(assignment)["success"]
    fresh, committed = tmp_path / "exercises" / assignment, ROOT / "exercises" / assignment
    comparison = filecmp.dircmp(fresh, committed)
    assert not (comparison.left_only or comparison.right_only), comparison.report()
    for name in comparison.common_files:
        assert (fresh / name).read_bytes() == (committed / name).read_bytes(), f"{assignment}/{name} differs"
