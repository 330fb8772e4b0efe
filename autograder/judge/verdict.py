"""Decide every test cell of a graded notebook outside the student's kernel.

The functions to judge are the release's list (the assignment's ``CHECKS``), looked up
by name in what the submission's solution cells define, run in a sandboxed
:class:`~autograder.judge.remote.FunctionServer`. Each check runs here, in the trusted
process, on plain data coming back. A test cell gets the verdict of the function its
``grade_id`` names (see :func:`judge` for visible and hidden tests). While ``f`` runs,
the graded functions before it in the list are answered by their references, so one
mistake costs points in one function only (for ``mlp_forward``, whose cache is the
student's to shape, the reference's ``p`` beside the student's own cache).
"""
from __future__ import annotations

import ast
import importlib
import logging
from dataclasses import asdict, dataclass

from nbgrader import utils

from ..checks.harness import FunctionCheck
from ..spec import ASSIGNMENTS, HIDDEN_TESTS_MARKER, function_of_test
from .remote import FunctionServer, RunnerDied

log = logging.getLogger(__name__)


@dataclass
class Verdict:
    """The judge's decision on one graded item, as fields: what the gradebook, the
    feedback, the report and the console use (a student's text is never parsed for them)."""

    passed: bool
    message: str
    mistake: str | None = None
    """The catalogued mistake the checks named, by id."""
    grader_error: str | None = None
    """What went wrong on the grader's side while judging this item (for the instructor)."""

    @classmethod
    def of(cls, problem: str | None) -> "Verdict":
        return cls(problem is None, problem or "", getattr(problem, "mistake", None))


def checks_of(assignment: str) -> dict:
    """The release's list: graded item -> its check, in notebook order."""
    topic = ASSIGNMENTS.get(assignment)
    return dict(importlib.import_module(f"autograder.checks.{topic}").CHECKS) if topic else {}


def is_test(cell) -> bool:
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def definitions(nb, release=None) -> list[str]:
    """What the sandboxed runner executes, in notebook order: the imports, definitions and
    assignments of the solution cells; from the other code cells that are not tests, the
    imports of names the solution cells' functions read, and, in the cells the course
    wrote (identical to one of ``release``'s), the assignments of such names (the data a
    function may wrongly read). Top-level calls, loops and prints are the notebook's
    business, not the graded functions', and the student's own cells define nothing
    else here."""
    released = {c.source for c in release.cells if c.cell_type == "code"} if release is not None else set()
    trees = []
    for cell in nb.cells:
        if cell.cell_type != "code" or is_test(cell):
            continue
        tree = parse(cell.source)
        if tree is not None:
            trees.append((cell.source, tree, utils.is_solution(cell), cell.source in released))
    wanted = _globals_read([tree for _, tree, solution, _ in trees if solution])
    course_assignments = [node for _, tree, _, course_cell in trees if course_cell
                          for node in tree.body if isinstance(node, ast.Assign)]
    while True:  # and what computing those names reads
        more = {n.id for node in course_assignments if _assigns(node, wanted)
                for n in ast.walk(node.value) if isinstance(n, ast.Name)} - wanted
        if not more:
            break
        wanted |= more
    definition = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
    kept = []
    for source, tree, solution, course_cell in trees:
        for node in tree.body:
            if solution:
                keep = isinstance(node, (ast.Import, ast.ImportFrom, *definition))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):  # only what a graded function could read
                keep = any((a.asname or a.name).split(".")[0] in wanted for a in node.names)
            else:
                keep = course_cell and isinstance(node, ast.Assign) and _assigns(node, wanted)
            if keep:
                kept.append(ast.get_source_segment(source, node))
    return kept


def _assigns(node: ast.Assign, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for t in node.targets for n in ast.walk(t))


MAX_CELL_SOURCE = 100_000
"""Characters of a cell the grader parses (a solution cell is a few thousand): a larger
cell's code is left to the sandbox, where it runs, and defines nothing for the judge."""


def parse(source: str) -> ast.Module | None:
    """A cell's syntax tree, read in the trusted process only when it is of a sensible
    size and shape (no tree for a huge cell, an invalid one, or one nested too deep)."""
    if not isinstance(source, str) or len(source) > MAX_CELL_SOURCE:
        return None
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def notebook_variables(nb) -> set[str]:
    """Names that code cells other than the solution cells assign at top level (the data a
    notebook loads, ``X_train``, ``y_train``): the sandbox does not define them, so a graded
    function that reads one reads a notebook variable."""
    names = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or utils.is_solution(cell):
            continue
        tree = parse(cell.source)
        for node in tree.body if tree is not None else []:
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


def _globals_read(trees) -> set[str]:
    """Names the functions of ``trees`` read without binding them (candidate globals)."""
    names = set()
    for tree in trees:
        for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))):
            bound = {a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
            bound |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            names |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} - bound
    return names


def judge_items(nb, assignment: str, release=None) -> dict[str, tuple[Verdict, Verdict]]:
    """item -> (verdict of its first case, verdict of every case)."""
    checks = checks_of(assignment)
    references = {name: c.reference for name, c in checks.items() if isinstance(c, FunctionCheck)}

    def reference(name, args):
        return references[name](*args)

    results = {}
    variables = notebook_variables(nb)
    server = FunctionServer(definitions(nb, release), reference)
    try:
        server.start()
    except RunnerDied as died:
        failed = Verdict(False, f"Your solution cells could not be run in the grader's sandbox: {died}.")
        return {name: (failed, failed) for name in checks}
    try:
        earlier: list[str] = []
        for name, check in checks.items():
            try:
                results[name] = _judge_one(server, name, check, tuple(earlier), variables)
            except RunnerDied as died:
                failed = Verdict(False, f"`{name}` could not be checked: {died}.")
                results[name] = (failed, failed)
            except Exception as error:  # noqa: BLE001 - the grader's own failure costs this item only
                log.exception("judging %s of %s failed", name, assignment)
                failed = Verdict(False, f"The grader could not check `{name}`: it failed on its own side "
                                        f"({type(error).__name__}) while running your function's checks, so "
                                        "this function has no points yet. Your instructor has the details; "
                                        "your other functions were graded as usual.",
                                 grader_error=f"{type(error).__name__}: {str(error)[:300]}")
                results[name] = (failed, failed)
            if isinstance(check, FunctionCheck) and check.stand_in is not None:
                earlier.append(check.stand_in)
    finally:
        server.stop()
    return results


def _judge_one(server: FunctionServer, name: str, check, stubs, variables=frozenset()) -> tuple[Verdict, Verdict]:
    if isinstance(check, FunctionCheck):
        first, full = check.problems(_reads_notebook_variables(server.function(name, stubs), set(variables)))
        return Verdict.of(first), Verdict.of(full)
    try:
        value = server.value(name)
    except KeyError:
        missing = Verdict(False, f"`{name}` is not defined by your solution cell.")
        return missing, missing
    try:
        check(value)
        verdict = Verdict(True, "")
    except AssertionError as error:
        verdict = Verdict.of(error.args[0] if error.args and isinstance(error.args[0], str) else str(error))
    except (TypeError, ValueError, ArithmeticError):  # a value no check can read: the student's
        verdict = Verdict(False, f"`{name}` should be a number the course can use; yours is {_shown(value)}.")
    return verdict, verdict


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"a {type(value).__name__} that does not fit on a line"


def judge(nb, assignment: str, release=None) -> dict[str, Verdict]:
    """grade_id -> verdict, for every test cell of executed notebook ``nb`` whose item the
    release lists. A hidden test passes when every case does. A visible test passes when
    every case does, or when the notebook's own run of it passed and so does the check's
    first case: its assertions may be stricter than that case, never more lenient, and
    what the kernel claims alone never earns a point."""
    items = judge_items(nb, assignment, release)
    verdicts = {}
    for cell in nb.cells:
        if not is_test(cell):
            continue
        grade_id = cell.metadata.nbgrader.get("grade_id", "")
        item = function_of_test(grade_id, list(items))
        if item is None:
            continue
        first, full = items[item]
        if HIDDEN_TESTS_MARKER in cell.source or full.passed:
            verdicts[grade_id] = full
        elif first.passed and kernel_passed(cell):
            verdicts[grade_id] = first
        else:
            verdicts[grade_id] = first if not first.passed else full
    return verdicts


def kernel_passed(cell) -> bool:
    """Did the cell run without an error in the student's kernel?"""
    return not any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def as_dict(verdicts: dict[str, Verdict]) -> dict:
    return {grade_id: asdict(v) for grade_id, v in verdicts.items()}
