"""Check a submission again outside nbgrader's kernel, where it cannot have tampered.

Inside the kernel a student's code runs before the hidden tests and can fake them:
patch ``np.allclose``, plant a fake ``autograder.checks`` module in ``sys.modules``,
import the reference implementations, call ``os._exit``. Here the graded definitions
(imports, ``def``s and constant assignments of the solution cells, nothing else) are
run in a fresh Python process that imports the checks *first*, with imports limited to
an allow-list, no ``open``, and memory and time limits; then every graded item is
checked again. A test nbgrader passed but this run fails is a disagreement for the
instructor, and the grader takes the points back (see ``grading``).

This narrows what tampering can achieve; it is not a sandbox (see the README's threat
model).
"""
from __future__ import annotations

import ast
import json
import os
import resource
import subprocess
import sys
import tempfile

ALLOWED_MODULES = frozenset({"numpy", "math", "functools", "itertools", "operator", "typing", "collections",
                             "dataclasses", "numbers", "scipy", "warnings", "sys", "time", "copy", "random",
                             "statistics", "re", "string"})
"""Modules graded code may import in the clean re-check; file, process and course access
(os, shutil, subprocess, pathlib, io, importlib, autograder, nbgrader, ...) are refused."""
MEMORY_LIMIT = 4 * 1024 ** 3
TIMEOUT = 120

_SUSPICIOUS_NAMES = {"__import__", "importlib", "modules", "os", "shutil", "subprocess", "builtins",
                     "open", "exec", "eval", "compile", "globals", "setattr", "autograder",
                     "nbgrader", "ctypes", "gc", "inspect", "__builtins__", "_exit", "exit", "quit"}


def _solution_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"
            and c.get("metadata", {}).get("nbgrader", {}).get("solution")]


def graded_definitions(nb) -> list[str]:
    """The statements a graded function may rely on: the imports of the notebook's other
    code cells (allowed modules only) and, from the solution cells, imports, function
    definitions and constant assignments; nothing else runs."""
    kept = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        solution = cell.get("metadata", {}).get("nbgrader", {}).get("solution", False)
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if solution or _allowed_import(node):
                    kept.append(ast.get_source_segment(cell.source, node))
            elif solution and (isinstance(node, ast.FunctionDef)
                               or (isinstance(node, ast.Assign) and _is_constant(node.value))):
                kept.append(ast.get_source_segment(cell.source, node))
    return kept


def _allowed_import(node) -> bool:
    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    return node.__dict__.get("level", 0) == 0 and all(m.split(".")[0] in ALLOWED_MODULES for m in modules)


_ARITHMETIC = (ast.Constant, ast.UnaryOp, ast.BinOp, ast.Tuple, ast.List, ast.Name, ast.Attribute, ast.Load,
               ast.unaryop, ast.operator)


def _is_constant(node) -> bool:
    """A value computed by arithmetic alone, such as ``3 * 0.3``, ``10 ** -2`` or
    ``1 / EPS``: it cannot call anything, so it cannot tamper."""
    return all(isinstance(n, _ARITHMETIC) for n in ast.walk(node)) and not any(
        (isinstance(n, ast.Name) and n.id in _SUSPICIOUS_NAMES) or (isinstance(n, ast.Attribute) and n.attr.startswith("_"))
        for n in ast.walk(node))


def suspicious_code(nb, release=None) -> list[str]:
    """Constructs in the student's code cells that can tamper with grading, for review
    (cells identical to one of ``release``'s are the course's own and skipped)."""
    found = []
    released = {c.source for c in release.cells} if release is not None else set()
    for index, cell in enumerate(nb.cells):
        if (cell.cell_type != "code" or cell.get("metadata", {}).get("nbgrader", {}).get("locked")
                or cell.source in released):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            what = None
            if isinstance(node, ast.Name) and node.id in _SUSPICIOUS_NAMES:
                what = node.id
            elif isinstance(node, ast.Attribute) and node.attr in _SUSPICIOUS_NAMES:
                what = ast.unparse(node)[:40]
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                what = None if _allowed_import(node) else f"import {', '.join(modules)}"
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Attribute) for t in targets):
                    what = "assignment to an attribute (" + ast.unparse(targets[0])[:40] + ")"
            elif isinstance(node, ast.FunctionDef) and node.name in {"__eq__", "__bool__", "__float__"}:
                what = f"a class defining {node.name}"
            if what:
                found.append(f"cell {index + 1}: {what}")
    return list(dict.fromkeys(found))


def _limits():  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def recheck(nb, items: list[str], timeout: float = TIMEOUT) -> dict[str, str | None]:
    """item -> None if its check passes in a clean process, else the failure message."""
    request = json.dumps({"statements": graded_definitions(nb), "items": items})
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    with tempfile.TemporaryDirectory() as scratch:
        try:
            done = subprocess.run([sys.executable, "-m", "autograder.instructor.verify_worker"],
                                  input=request, capture_output=True, text=True, timeout=timeout,
                                  cwd=scratch, env=env, preexec_fn=_limits)
        except subprocess.TimeoutExpired:
            return {item: f"the clean re-check timed out after {timeout:.0f} s" for item in items}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        reason = f"the clean re-check crashed (exit code {done.returncode})"
        return {item: reason for item in items}


def gradable_items(nb) -> list[str]:
    """Names defined in the solution cells that have a check."""
    from ..checks import all_checks

    checks = all_checks()
    names = []
    for cell in _solution_cells(nb):
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        names += [n.name if isinstance(n, ast.FunctionDef) else n.targets[0].id for n in tree.body
                  if isinstance(n, ast.FunctionDef) or (isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name))]
    return [n for n in dict.fromkeys(names) if n in checks]

