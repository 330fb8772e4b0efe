"""What several test modules share: the repository root, the catalog's buggy variants and
the correct alternatives, as parametrize-ready lists."""
import importlib
from pathlib import Path

from autograder import misconceptions
from autograder.spec import TOPICS

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"


def variants():
    """(misconception id, graded name, buggy variant) for every variant in the catalog."""
    return [(m.id, name, v) for m in misconceptions.catalog().values() for name, v in m.variants.items()]


def alternatives():
    """(graded name, label, implementation) for every correct alternative in tests/alternatives."""
    found = []
    for topic in TOPICS:
        try:
            module = importlib.import_module(f"tests.alternatives.{topic}")
        except ModuleNotFoundError:
            continue
        for attr, value in vars(module).items():
            if "__" in attr and not attr.startswith("_"):
                name, label = attr.split("__", 1)
                found.append((name, label, value))
    return found


def course_copy(target, timeout=None):
    """A course of its own in ``target`` (config, solutions, exercises), so tests never
    touch the repository's gradebook; ``timeout`` shortens nbgrader's per-cell limit."""
    import shutil

    shutil.copy(ROOT / "nbgrader_config.py", target)
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, target / folder)
    if timeout:
        with open(target / "nbgrader_config.py", "a") as config:
            config.write(f"\nc.Execute.timeout = {timeout}\n")
    return target


def state(root):
    """Every path of the course copy at ``root`` (its course-state folder and what is in it)."""
    from autograder.instructor.course import paths

    return paths(root)


def submit(root, student: str, assignment: str, nb):
    """Place notebook ``nb`` as ``student``'s collected submission of ``assignment``."""
    import nbformat

    target = state(root).submission(student, assignment) / f"{assignment}.ipynb"
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)
