"""``course simulate``: a seeded class of submissions in the shape an LMS exports
(``<student>_<assignment>.ipynb``), mixing correct work, catalogued mistakes, untouched
stubs and broken files, with an answer key beside it."""
from __future__ import annotations

import json
import random
from pathlib import Path

import nbformat

from .. import misconceptions
from .submissions import graded_names, make_submission

BROKEN_FILES = {"empty file": b"", "invalid JSON": b'{"cells": [ {"cell_type": "code"',
                "JSON that is no notebook": b'{"answer": 42}'}


def simulate(root: Path, out: Path, students: int, assignments: list[str], seed: int = 0,
             shares=(0.5, 0.3, 0.1, 0.1)) -> list[dict]:
    """Write ``students x assignments`` files into ``out``; returns the answer key
    (also written to ``<out>.key.json``). ``shares``: correct, mistake, stub, broken."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    key = []
    for number in range(1, students + 1):
        student = f"student{number:03d}"
        for assignment in assignments:
            kind = rng.choices(["correct", "mistake", "stub", "broken"], weights=shares)[0]
            detail, data = "", None
            if kind == "mistake":
                options = [(m, name) for name in graded_names(root, assignment)
                           for m in misconceptions.for_function(name) if name in m.variants]
                mistake, name = rng.choice(options)
                detail = f"{name}: {mistake.id}"
                nb = make_submission(root, assignment, {name: mistake.variants[name]})
            elif kind == "broken":
                detail = rng.choice(sorted(BROKEN_FILES))
                data = BROKEN_FILES[detail]
            else:
                nb = make_submission(root, assignment, solved=(kind == "correct"))
            path = out / f"{student}_{assignment}.ipynb"
            path.write_bytes(data if data is not None else nbformat.writes(nb).encode())
            key.append({"student": student, "assignment": assignment, "kind": kind, "detail": detail})
    out.with_suffix(".key.json").write_text(json.dumps(key, indent=1))
    return key
