"""``course grade``: nbgrader's autograde for many submissions at once, that survives
broken and hostile ones.

Each submission goes through one function, :func:`grade_one`, which a worker process
(or a Dask worker) runs:

1. *preflight*: the submitted bytes become a notebook nbgrader can grade, and what was
   wrong with them becomes a note at the top (``preflight.py``); the original file is
   kept under ``autograder/originals/``;
2. *autograde* with nbgrader's own API, into the course's gradebook (sqlite handles the
   few concurrent writers; nbgrader's per-cell timeout stops infinite loops);
3. *fallback*: if nbgrader could not grade it at all (the kernel died, ``os._exit``), the
   notebook is rebuilt from the release with only the definitions of the student's
   solution cells and graded again, and if that fails too, graded as the release (0);
4. *re-check* the graded functions in a clean process (``verify.py``); a hidden test that
   nbgrader passed but the clean run fails is overridden to 0 in the gradebook (as an
   nbgrader manual score, visible in formgrader) and reported.

Workers are long-lived processes with nbgrader's configuration loaded once.
"""
from __future__ import annotations

import json
import logging
import os
import re
import resource
import shutil
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from . import autograded, integrity, preflight, verify
from .course import assignments as course_assignments
from .course import load_config, open_api
from .submissions import function_of_test

FILE_ACCESS = re.compile(r"\b(os|shutil|subprocess|open|pathlib|exec|eval|__import__)\b")
"""Suspicious code that could have changed course files."""

MEMORY_LIMIT = 6 * 1024 ** 3
"""Address-space limit of a grading worker and the kernels it starts."""


@dataclass
class Outcome:
    assignment: str
    student: str
    status: str = "graded"  # graded, rebuilt, unreadable, failed
    score: float = 0.0
    max_score: float = 0.0
    problems: list[str] = field(default_factory=list)
    overridden: dict[str, str] = field(default_factory=dict)
    """Test cell -> why its points were taken back after the clean re-check."""
    suspicious: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    """Test cell that lost points -> why, in a line (the diagnosis when one was made)."""
    seconds: float = 0.0


def submissions(root: Path, assignments: list[str]) -> list[tuple[str, str]]:
    """(assignment, student) for every collected submission of ``assignments``."""
    base = root / "autograder" / "submitted"
    found = []
    for student_dir in sorted(base.iterdir()) if base.is_dir() else []:
        for assignment in assignments:
            if (student_dir / assignment).is_dir():
                found.append((assignment, student_dir.name))
    return found


def _limit_memory():
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > MEMORY_LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _prepare(root: Path, assignment: str, student: str) -> preflight.Preflight:
    """Turn whatever was submitted into ``<assignment>.ipynb`` nbgrader can grade."""
    folder = root / "autograder" / "submitted" / student / assignment
    expected = folder / f"{assignment}.ipynb"
    originals = root / "autograder" / "originals" / student / assignment
    release = preflight.read_release(root, assignment)
    notebooks = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".ipynb")
    renamed = []
    if not expected.exists():
        if not notebooks:
            result = preflight.Preflight(release, [f"No notebook was submitted for {assignment}."], readable=False)
            nbformat.write(preflight.with_note(release, result.problems), expected)
            return result
        renamed = [f"The notebook was submitted as {notebooks[0].name}, not {expected.name}; it was graded "
                   "under the expected name."]
        notebooks[0].rename(expected)
    data = expected.read_bytes()
    if not originals.exists():
        originals.mkdir(parents=True)
        (originals / expected.name).write_bytes(data)
    result = preflight.preflight(data, release)
    result.problems = renamed + _other_assignment(root, assignment, data) + result.problems
    if result.problems:
        nbformat.write(preflight.with_note(result.notebook, result.problems), expected)
    return result


def _other_assignment(root: Path, assignment: str, data: bytes) -> list[str]:
    nb, _ = preflight.read_submission(data)
    if nb is None:
        return []
    releases = {a: preflight.read_release(root, a) for a in course_assignments(root)}
    best = preflight.identify_assignment(nb, releases)
    if best is None or best == assignment:
        return []
    return [f"This notebook belongs to assignment {best}, not {assignment}: resubmit it under {best}."]


def _scores(root: Path, db_url: str, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    with Gradebook(db_url) as gb:
        try:
            nb = gb.find_submission_notebook(assignment, assignment, student)
        except MissingEntry:
            return {}
        return {g.name: (g.score, g.max_score) for g in nb.grades}


RETRYABLE = ("database is locked", "UNIQUE constraint failed")
"""Gradebook errors another worker's concurrent write causes: sqlite's single writer, and
two workers creating the same row at once."""


def _autograde(root: Path, db_url: str, assignment: str, student: str) -> bool:
    for attempt in range(4):
        with open_api(root, db_url) as api:
            result = api.autograde(assignment, student, force=True, create=True)
        if result.get("success") or not any(e in str(result.get("log", "")) for e in RETRYABLE):
            break
        time.sleep(1 + attempt)
    return bool(result.get("success")) and autograded.path(root, assignment, student).exists()


def _replace_submission(root: Path, assignment: str, student: str, nb, note: str):
    target = root / "autograder" / "submitted" / student / assignment / f"{assignment}.ipynb"
    nbformat.write(preflight.with_note(nb, [note]), target)


def grade_one(root: str | Path, assignment: str, student: str, db_url: str | None = None,
              recheck: bool = True) -> Outcome:
    """Grade one submission, whatever it contains; never raises."""
    start = time.perf_counter()
    root = Path(root)
    db_url = db_url or load_config(root).CourseDirectory.db_url
    outcome = Outcome(assignment, student)
    try:
        prepared = _prepare(root, assignment, student)
        outcome.problems += prepared.problems
        outcome.status = "unreadable" if not prepared.readable else ("rebuilt" if prepared.problems else "graded")
        if not _autograde(root, db_url, assignment, student):
            outcome.status = "rebuilt"
            definitions = "\n\n".join(verify.graded_definitions(prepared.notebook))
            rebuilt = preflight.rebuild(prepared.notebook, preflight.read_release(root, assignment))
            for cell in rebuilt.cells:
                if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                    cell.source = ""
            first = next(c for c in rebuilt.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
            first.source = definitions
            note = ("nbgrader could not run your notebook (the kernel died or stopped, for example by "
                    "sys.exit, os._exit, a crash or a memory limit); it was graded again with only the "
                    "imports and function definitions of your solution cells.")
            outcome.problems.append(note)
            _replace_submission(root, assignment, student, rebuilt, note)
            if not _autograde(root, db_url, assignment, student):
                outcome.status = "failed"
                note = "Your notebook could not be graded even so; it was graded as the untouched release (0)."
                outcome.problems.append(note)
                _replace_submission(root, assignment, student, preflight.read_release(root, assignment), note)
                _autograde(root, db_url, assignment, student)
        graded = autograded.read(root, assignment, student)
        errors = autograded.cell_errors(graded)
        if outcome.status in ("graded", "rebuilt"):  # not graded as the release, whose stubs raise
            outcome.problems += autograded.notes(graded, f"{MEMORY_LIMIT / 1024 ** 3:g} GiB")
            if recheck:
                _recheck(root, db_url, assignment, student, outcome)
    except Exception as error:  # noqa: BLE001 - one submission must never stop the others
        outcome.status = "failed"
        outcome.problems.append(f"Grading failed: {type(error).__name__}: {error}")
        errors = {}
    scores = _scores(root, db_url, assignment, student)
    if outcome.status != "unreadable":
        outcome.failed = {name: outcome.overridden.get(name) or autograded.in_a_line(errors[name])
                          for name, (score, most) in scores.items()
                          if score < most and (name in errors or name in outcome.overridden)}
    outcome.score = sum(s for s, _ in scores.values())
    outcome.max_score = sum(m for _, m in scores.values())
    outcome.seconds = time.perf_counter() - start
    return outcome


def _recheck(root: Path, db_url: str, assignment: str, student: str, outcome: Outcome) -> None:
    graded = nbformat.read(autograded.path(root, assignment, student), as_version=4)
    outcome.suspicious = verify.suspicious_code(graded, preflight.read_release(root, assignment))
    items = verify.gradable_items(graded)
    scores = _scores(root, db_url, assignment, student)
    passed_hidden = {g: function_of_test(g, items) for g, (s, m) in scores.items()
                     if g.endswith("_against_reference") and m > 0 and s == m}
    to_check = sorted({f for f in passed_hidden.values() if f})
    if not to_check:
        return
    clean = verify.recheck(graded, to_check)
    with Gradebook(db_url) as gb:
        for grade_id, item in passed_hidden.items():
            reason = clean.get(item)
            if item and reason is not None:
                grade = gb.find_grade(grade_id, assignment, assignment, student)
                grade.manual_score = 0.0
                gb.db.commit()
                outcome.overridden[grade_id] = reason.splitlines()[0]
    if outcome.overridden:
        outcome.problems.append("The hidden tests passed inside your notebook but fail when your functions run "
                                "on their own; their points were taken back: "
                                + "; ".join(f"{test} ({why})" for test, why in outcome.overridden.items()) + ".")


# --- many submissions ---------------------------------------------------------------

_worker_state: dict = {}


def _init_worker(root: str, db_url: str | None, assignments: list[str]):
    """A grading worker: memory-limited, quiet (its outcome carries every reason; nbgrader's
    and the kernels' own logging would scramble the progress bar)."""
    _limit_memory()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    for assignment in course_assignments(Path(root)):
        preflight.read_release(Path(root), assignment)
    _worker_state.update(root=root, db_url=db_url)


def _grade_in_worker(assignment: str, student: str, recheck: bool) -> dict:
    return asdict(grade_one(_worker_state["root"], assignment, student, _worker_state["db_url"], recheck))


def grade_many(root: Path, assignments: list[str], jobs: int | None = None, db_url: str | None = None,
               scheduler: str | None = None, recheck: bool = True, progress=None) -> list[Outcome]:
    """Grade every collected submission of ``assignments`` with ``jobs`` worker processes
    (or on the Dask cluster at ``scheduler``); ``progress(outcome)`` is called as each ends."""
    root = Path(root).resolve()
    work = submissions(root, assignments)
    _ensure_in_gradebook(root, assignments, sorted({s for _, s in work}), db_url)
    snapshot = integrity.snapshot(root, db_url)
    for assignment, student in work:  # a re-grade starts from what the student submitted
        _restore_original(root, assignment, student)
    outcomes = []
    if scheduler:
        from distributed import Client, as_completed as dask_completed

        with Client(scheduler) as client:
            futures = [client.submit(grade_one, str(root), a, s, db_url, recheck, pure=False) for a, s in work]
            for future in dask_completed(futures):
                outcomes.append(future.result())
                if progress:
                    progress(outcomes[-1])
        return _finish(root, snapshot, outcomes)
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count(), initializer=_init_worker,
                             initargs=(str(root), db_url, assignments)) as pool:
        futures = {pool.submit(_grade_in_worker, a, s, recheck): (a, s) for a, s in work}
        for future in as_completed(futures):
            a, s = futures[future]
            try:
                outcome = Outcome(**future.result())
            except Exception as error:  # noqa: BLE001 - a worker that died takes only its submission
                outcome = Outcome(a, s, status="failed", problems=[f"The grading worker died: {error}"])
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return _finish(root, snapshot, outcomes)


def _finish(root: Path, snapshot, outcomes: list[Outcome]) -> list[Outcome]:
    """Restore course files a submission changed, flag who could have, write the log."""
    changed = integrity.restore(root, snapshot)
    if changed:
        note = ("Course files were changed while this submission was graded ("
                + ", ".join(changed[:5]) + "); they were restored. Its code reaches outside its folder.")
        for outcome in outcomes:
            if any(FILE_ACCESS.search(s) for s in outcome.suspicious):
                outcome.problems.append(note)
    write_log(root, outcomes)
    return outcomes


def _ensure_in_gradebook(root: Path, assignments: list[str], students: list[str], db_url: str | None):
    """The gradebook must know each assignment's cells before nbgrader can autograde, and
    each student before the workers start: two workers grading one student's first two
    submissions would both try to create the student, and one would fail."""
    with open_api(root, db_url) as api:
        for assignment in assignments:
            if not _in_db(api, assignment):
                api.generate_assignment(assignment, force=True, create=True)
        with api.gradebook as gb:
            for student in students:
                gb.update_or_create_student(student)


def _in_db(api, assignment: str) -> bool:
    try:
        with api.gradebook as gb:
            gb.find_assignment(assignment)
        return True
    except MissingEntry:
        return False


def _restore_original(root: Path, assignment: str, student: str):
    original = root / "autograder" / "originals" / student / assignment
    if original.is_dir():
        target = root / "autograder" / "submitted" / student / assignment
        for path in original.iterdir():
            shutil.copy(path, target / path.name)


def write_log(root: Path, outcomes: list[Outcome]) -> Path:
    """``autograder/grading-log.json``: every submission's status, score and reasons."""
    path = root / "autograder" / "grading-log.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    for outcome in outcomes:
        previous[f"{outcome.assignment}/{outcome.student}"] = asdict(outcome)
    path.write_text(json.dumps(previous, indent=1, sort_keys=True))
    return path
