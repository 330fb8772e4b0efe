"""Find answer code, hidden tests and the build machine's paths in published text.

An answer leaks when any two consecutive lines of it appear one after the other in a
published file. The answers are the bodies of the reference functions
(``autograder/references/*.py``, docstrings left out) and the solution regions of
``solutions/`` (``### BEGIN SOLUTION`` ... ``### END SOLUTION``). Whitespace, syntax
highlighting (HTML tags and entities) and JSON string quoting are ignored: a pair of lines
is searched for as one string without any whitespace, in a published text likewise
stripped. Hidden tests are searched for whole and line by line (their distinctive lines)."""
import ast
import html
import json
import re
import sys
from pathlib import Path

import nbformat

from autograder.instructor.course import assignments
from autograder.instructor.submissions import notebook_path, solution_regions

HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
MIN_LINE = 30
"""Hidden-test lines at least this long are distinctive enough to search for on their own."""
MIN_PAIR = 16
"""A pair of answer lines shorter than this without whitespace (``s=s+g**2`` then
``returns``) says nothing about the answer; longer pairs are searched for."""


def normalize(text: str) -> str:
    """Text with HTML tags removed, entities decoded and runs of whitespace as one space."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text.replace("\\n", "\n").replace('\\"', '"'))


def squeeze(text: str) -> str:
    """``normalize`` without any whitespace at all: what a pair of lines is matched in."""
    return re.sub(r"\s+", "", normalize(text))


def _code_lines(source: str) -> list[str]:
    """The lines of a piece of code without whitespace, blank lines and whole-line comments."""
    lines = [re.sub(r"\s+", "", line) for line in source.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def reference_bodies(root: Path) -> list[str]:
    """The source of every function body in autograder/references/, docstrings left out."""
    bodies = []
    for path in sorted((Path(root) / "autograder" / "references").glob("*.py")):
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                body = body[1:]
            if body:
                bodies.append("\n".join(lines[body[0].lineno - 1:body[-1].end_lineno]))
    return bodies


def answer_pairs(root: Path) -> list[tuple[str, re.Pattern]]:
    """Every two consecutive lines of every reference body and solution region, without
    whitespace and joined, long enough to mean something, each with the pattern that finds
    it (a traceback's line number allowed between the two lines). A body or region of a
    single line is the whole answer: it is searched for on its own."""
    sources = reference_bodies(root)
    for assignment in assignments(root):
        sources += solution_regions(root, assignment)
    pairs = {}
    for source in sources:
        lines = _code_lines(source)
        pairs.update({a + b: _pair_pattern(a + b, len(a)) for a, b in zip(lines, lines[1:]) if len(a + b) >= MIN_PAIR})
        if len(lines) == 1 and len(lines[0]) >= MIN_PAIR:           # a one-line answer is searched for whole
            pairs[lines[0]] = _pair_pattern(lines[0], len(lines[0]))
    return sorted(pairs.items())


def hidden_tests(root: Path) -> list[str]:
    """Normalized hidden-test regions and their distinctive lines."""
    found = []
    for assignment in assignments(root):
        nb = nbformat.read(notebook_path(root, "solutions", assignment), as_version=4)
        for region in (m.group(1) for c in nb.cells for m in HIDDEN_REGION.finditer(c.source)):
            found.append(normalize(region).strip())
            found += [normalize(line).strip() for line in region.splitlines()
                      if len(line.strip()) >= MIN_LINE or line.strip().startswith(("from autograder", "check_"))]
    return sorted({s for s in found if s})


def secrets(root) -> dict[str, list[str]]:
    """What must never be published: ``pairs`` of answer lines and ``hidden`` test text."""
    return {"pairs": answer_pairs(root), "hidden": hidden_tests(root)}


def readable(text: str, suffix: str = "") -> str:
    """A published file as text: a JSON file (a notebook, the search index) as its strings
    one after the other, so that a notebook's source lines read as code."""
    if suffix in (".ipynb", ".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return text
        strings = []

        def collect(value):
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)
        collect(data)
        return "\n".join(strings)
    return text


BETWEEN_LINES = r"(?:-*>)?\d*"
"""What may stand between two lines once whitespace is gone: a traceback's line number
of the second line, with IPython's ``---->`` arrow."""


def _pair_pattern(pair: str, first_length: int) -> re.Pattern:
    return re.compile(re.escape(pair[:first_length]) + BETWEEN_LINES + re.escape(pair[first_length:]))


def leaks_in(text: str, secret_texts: dict, suffix: str = "") -> list[str]:
    """The answer pairs and hidden-test lines that ``text`` contains."""
    text = readable(text, suffix)
    squeezed, normalized = squeeze(text), normalize(text)
    return ([pair for pair, pattern in secret_texts["pairs"] if pattern.search(squeezed)]
            + [s for s in secret_texts["hidden"] if s in normalized])


def machine_paths(root: Path) -> list[str]:
    """Absolute paths of this machine that a page could print: the repository, the Python
    environment, the home folder and the temporary folder."""
    import tempfile

    candidates = {str(Path(root).resolve()), str(Path(sys.prefix).resolve()), sys.prefix,
                  str(Path.home()), tempfile.gettempdir() + "/", "/work/", "site-packages"}
    return sorted(c for c in candidates if c and c not in ("/", "/tmp"))


def paths_in(text: str, paths: list[str]) -> list[str]:
    return [p for p in paths if p in text]
