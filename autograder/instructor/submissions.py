"""Build student submissions from the released notebooks: correct ones (from the
solutions' code), ones with catalogued mistakes (from the buggy variants), untouched
stubs. The tests, the benchmark and ``course simulate`` all make their classes here."""
from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import nbformat

SOLUTION_REGION = re.compile(r"[ \t]*### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION\n?", re.S)


def notebook_path(root: Path, folder: str, assignment: str) -> Path:
    return root / folder / assignment / f"{assignment}.ipynb"


def solution_code(root: Path, assignment: str) -> dict[str, str]:
    """grade_id -> the source notebook's solution cell with the markers removed."""
    nb = nbformat.read(notebook_path(root, "solutions", assignment), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: SOLUTION_REGION.sub(r"\1", c.source)
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")}


def solution_regions(root: Path, assignment: str) -> list[str]:
    """The text between every BEGIN/END SOLUTION pair: what must never be published."""
    nb = nbformat.read(notebook_path(root, "solutions", assignment), as_version=4)
    return [m.group(1) for c in nb.cells for m in SOLUTION_REGION.finditer(c.source)]


def as_source(name: str, implementation) -> str:
    """Source that defines graded item ``name`` as ``implementation``: a function's own
    source renamed to ``name``, or an assignment for a value."""
    if callable(implementation):
        source = inspect.getsource(implementation)
        return re.sub(r"^def \w+\(", f"def {name}(", textwrap.dedent(source), count=1, flags=re.M)
    return f"{name} = {implementation!r}"


def make_submission(root: Path, assignment: str, overrides: dict[str, object] | None = None,
                    solved: bool = True) -> nbformat.NotebookNode:
    """The released notebook with every solution cell filled in with the correct code
    (``solved``) or left as the stub, and graded item ``name`` redefined as
    ``overrides[name]`` at the end of the cell that defines it."""
    nb = nbformat.read(notebook_path(root, "exercises", assignment), as_version=4)
    correct = solution_code(root, assignment)
    pending = dict(overrides or {})
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if not cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        code = correct[grade_id] if solved else cell.source
        for name in [n for n in pending if _defines(correct[grade_id], n)]:
            code = code.rstrip() + "\n\n\n" + as_source(name, pending.pop(name)) + "\n"
        cell.source = code
    if pending:
        raise KeyError(f"{assignment} has no solution cell defining {sorted(pending)}")
    return nb


def graded_names(root: Path, assignment: str) -> list[str]:
    """Names the solution cells define (functions, and values such as a learning rate),
    in notebook order: the graded items of the assignment."""
    names = []
    for code in solution_code(root, assignment).values():
        names += re.findall(r"^(?:def (\w+)\(|(\w+)\s*=)", code, re.M)
    return [a or b for a, b in names]


def _defines(code: str, name: str) -> bool:
    return re.search(rf"^(def {name}\(|{name}\s*=)", code, re.M) is not None
