"""Decide every test cell of a graded notebook outside the student's kernel.

The functions to judge are the release's list (the assignment's ``CHECKS``), looked up
by name in what the submission's solution cells define, run in a sandboxed
:class:`~autograder.judge.remote.FunctionServer`. Each check runs here, in the trusted
process, on plain data coming back. A test cell gets the verdict of the function its
``grade_id`` names: a visible test (``test_f_basics``) the check's first case, a hidden
test every case. While ``f`` runs, the graded functions before it in the list are
answered by their references, so one mistake costs points in one function only (for
``mlp_forward``, whose cache is the student's to shape, the reference's ``p`` beside the
student's own cache).
"""
from __future__ import annotations

import ast
import importlib
from dataclasses import asdict, dataclass

from ..checks.harness import FunctionCheck
from ..spec import ASSIGNMENTS
from .remote import FunctionServer, RunnerDied

HIDDEN_MARKER = "### BEGIN HIDDEN TESTS"


@dataclass
class Verdict:
    passed: bool
    message: str


def checks_of(assignment: str) -> dict:
    """The release's list: graded item -> its check, in notebook order."""
    topic = ASSIGNMENTS.get(assignment)
    return dict(importlib.import_module(f"autograder.checks.{topic}").CHECKS) if topic else {}


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def definitions(nb) -> list[str]:
    """What the sandboxed runner executes: imports from every code cell that is not a
    test, and the imports, definitions and assignments of the solution cells (top-level
    calls, loops and prints are the notebook's business, not the graded functions')."""
    kept = []
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type != "code" or (meta.get("grade") and not meta.get("solution")):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        allowed = (ast.Import, ast.ImportFrom)
        if meta.get("solution"):
            allowed += (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
        kept += [ast.get_source_segment(cell.source, node) for node in tree.body if isinstance(node, allowed)]
    return kept


def notebook_variables(nb) -> set[str]:
    """Names that code cells other than the solution cells assign at top level (the data a
    notebook loads, ``X_train``, ``y_train``): the sandbox does not define them, so a graded
    function that reads one reads a notebook variable."""
    names = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or _nbgrader(cell).get("solution"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For)) else []
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def _reads_notebook_variables(function, variables: set[str]):
    """Let the checks' rule about global variables see notebook variables the sandbox does
    not define (they cannot be looked at, so a name like ``y_train`` counts as labels)."""
    inspection = getattr(function, "inspection", None)
    read = sorted(set((inspection or {}).get("undefined_globals", ())) & variables)
    if read:
        labels = any(n.lower().startswith("y") or "label" in n.lower() or "target" in n.lower() for n in read)
        function.inspection = {**inspection, "global_arrays": sorted({*inspection.get("global_arrays", ()), *read}),
                               "global_labels": bool(inspection.get("global_labels")) or labels}
    return function


def test_item(grade_id: str, items) -> str | None:
    """The graded item a test cell tests: the longest name with ``test_<name>_`` as prefix."""
    matches = [n for n in items if grade_id.startswith(f"test_{n}_") or grade_id == f"test_{n}"]
    return max(matches, key=len, default=None)


def judge_items(nb, assignment: str) -> dict[str, tuple[Verdict, Verdict]]:
    """item -> (verdict of its first case, verdict of every case)."""
    checks = checks_of(assignment)
    references = {name: c.reference for name, c in checks.items() if isinstance(c, FunctionCheck)}

    def reference(name, args):
        return references[name](*args)

    results = {}
    variables = notebook_variables(nb)
    with FunctionServer(definitions(nb), reference) as server:
        earlier: list[str] = []
        for name, check in checks.items():
            try:
                results[name] = _judge_one(server, name, check, tuple(earlier), variables)
            except RunnerDied as died:
                failed = Verdict(False, f"`{name}` could not be checked: {died}.")
                results[name] = (failed, failed)
            if isinstance(check, FunctionCheck) and check.stand_in is not None:
                earlier.append(check.stand_in)
    return results


def _judge_one(server: FunctionServer, name: str, check, stubs, variables=frozenset()) -> tuple[Verdict, Verdict]:
    if isinstance(check, FunctionCheck):
        first, full = check.problems(_reads_notebook_variables(server.function(name, stubs), set(variables)))
        return Verdict(first is None, first or ""), Verdict(full is None, full or "")
    try:
        value = server.value(name)
    except KeyError:
        missing = Verdict(False, f"`{name}` is not defined by your solution cell.")
        return missing, missing
    try:
        check(value)
        verdict = Verdict(True, "")
    except AssertionError as error:
        verdict = Verdict(False, str(error))
    return verdict, verdict


def judge(nb, assignment: str) -> dict[str, Verdict]:
    """grade_id -> verdict, for every test cell of ``nb`` whose item the release lists."""
    items = judge_items(nb, assignment)
    verdicts = {}
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        item = test_item(meta.get("grade_id", ""), items)
        if item is not None:
            first, full = items[item]
            verdicts[meta["grade_id"]] = full if HIDDEN_MARKER in cell.source else first
    return verdicts


def as_dict(verdicts: dict[str, Verdict]) -> dict:
    return {grade_id: asdict(v) for grade_id, v in verdicts.items()}
