"""``course grade``: nbgrader's autograde for many submissions at once, with every piece
of student code in a sandbox and every test cell decided outside it.

Each submission goes through one function, :func:`grade_one`, which a worker process
(or a Dask worker) runs:

1. *prepare*: the submitted bytes become a notebook nbgrader can grade, and what was
   wrong with them becomes a note at the top (``preflight.py``); the original file is
   kept under ``<course state>/originals/``;
2. *run in the sandbox*: nbgrader's autograde runs the notebook with its kernel in a
   bubblewrap sandbox (``judge/kernel.py``);
3. *judge*: every test cell gets the verdict of the checks, run in this trusted process
   on plain data from a second sandbox (``judge/verdict.py``, the ``JudgeTests``
   preprocessor); nbgrader records those verdicts, and only this process writes the
   gradebook;
4. *fallback*: if nbgrader could not run the notebook at all (the kernel died), it is
   rebuilt from the release with only the definitions of the student's solution cells
   and graded again, and if that fails too, graded as the release (0).

The pool of workers survives its workers: one that dies is replaced, the submissions it
held are graded again, and a submission that breaks a worker on its own is failed with
a reason while the rest are graded.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from ..judge import kernel, sandbox
from ..judge.verdict import definitions
from . import autograded, preflight, records
from .course import assignments as course_assignments
from .course import load_config, open_api
from .course import paths as course_paths


@dataclass
class Outcome:
    assignment: str
    student: str
    status: str = "graded"  # graded, rebuilt, unreadable, failed
    score: float = 0.0
    max_score: float = 0.0
    problems: list[str] = field(default_factory=list)
    overruled: list[str] = field(default_factory=list)
    """Test cells the student's kernel passed but the judge did not."""
    verdicts: dict[str, bool] = field(default_factory=dict)
    """Test cell -> the judge's verdict (what the gradebook must hold)."""
    failed: dict[str, str] = field(default_factory=dict)
    """Test cell that lost points -> why, in a line (the diagnosis when one was made)."""
    mistakes: dict[str, str] = field(default_factory=dict)
    """Test cell -> the catalogued mistake the judge named (a field of its verdict)."""
    grader_errors: dict[str, str] = field(default_factory=dict)
    """Test cell -> what failed on the grader's side while judging it."""
    nbgrader_log: str = ""
    """The end of nbgrader's own log of the last autograde (for the instructor)."""
    seconds: float = 0.0


def submissions(root: Path, assignments: list[str]) -> list[tuple[str, str]]:
    """(assignment, student) for every collected submission of ``assignments``."""
    base = course_paths(root).submitted
    found = []
    for student_dir in sorted(base.iterdir()) if base.is_dir() else []:
        for assignment in assignments:
            if (student_dir / assignment).is_dir():
                found.append((assignment, student_dir.name))
    return found


def _prepare(root: Path, assignment: str, student: str) -> preflight.Preflight:
    """Turn whatever was submitted into ``<assignment>.ipynb`` nbgrader can grade."""
    folder = course_paths(root).submission(student, assignment)
    expected = folder / f"{assignment}.ipynb"
    originals = course_paths(root).original(student, assignment)
    release = preflight.read_release(root, assignment)
    if not originals.exists():  # the files as collected, before grading renames or rewrites them
        shutil.copytree(folder, originals)
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


def _autograde(root: Path, db_url: str, assignment: str, student: str, outcome: Outcome) -> bool:
    for attempt in range(4):
        with open_api(root, db_url) as api:
            result = api.autograde(assignment, student, force=True, create=True)
        if result.get("success") or not any(e in str(result.get("log", "")) for e in RETRYABLE):
            break
        time.sleep(1 + attempt)
    outcome.nbgrader_log = str(result.get("log") or "")[-LOG_KEPT:]
    return bool(result.get("success")) and autograded.path(root, assignment, student).exists()


LOG_KEPT = 4000
"""Characters of nbgrader's log kept per submission in the grading log."""


def _why_not_run(log: str) -> str:
    """Why nbgrader could not grade a notebook, in the student's terms."""
    if any(word in log for word in ("DeadKernelError", "Kernel died", "kernel died")):
        return ("the kernel died or stopped, for example by sys.exit, os._exit, a crash or a memory limit")
    return "nbgrader stopped with an error on this notebook; your instructor has its log"


def _replace_submission(root: Path, assignment: str, student: str, nb, note: str):
    target = course_paths(root).submission(student, assignment) / f"{assignment}.ipynb"
    nbformat.write(preflight.with_note(nb, [note]), target)


def grade_one(root: str | Path, assignment: str, student: str, db_url: str | None = None,
              use_sandbox: bool = True) -> Outcome:
    """Grade one submission, whatever it contains; never raises. One pass: prepare the
    submitted bytes, run the notebook in the sandbox and judge its functions (nbgrader's
    autograde with the course's preprocessors), record the judge's verdicts."""
    start = time.perf_counter()
    root = Path(root)
    os.environ[sandbox.ENABLED_VARIABLE] = "on" if use_sandbox else "off"
    outcome = Outcome(assignment, student)
    graded = None
    try:
        db_url = db_url or load_config(root).CourseDirectory.db_url
        prepared = _prepare(root, assignment, student)
        outcome.problems += prepared.problems
        outcome.status = "unreadable" if not prepared.readable else ("rebuilt" if prepared.problems else "graded")
        _run_and_judge(root, db_url, prepared, outcome)
        graded = autograded.read(root, assignment, student)
    except Exception as error:  # noqa: BLE001 - one submission must never stop the others
        outcome.status = "failed"
        outcome.problems.append(f"Grading failed: {type(error).__name__}: {str(error)[:300]}")
    try:
        _record(root, db_url, graded, outcome)
    except Exception as error:  # noqa: BLE001 - grade_one never raises
        outcome.status = "failed"
        outcome.problems.append(f"Recording the grade failed: {type(error).__name__}: {str(error)[:300]}")
    outcome.seconds = time.perf_counter() - start
    return outcome


def _run_and_judge(root: Path, db_url: str, prepared: preflight.Preflight, outcome: Outcome) -> None:
    """nbgrader's autograde of the prepared notebook; if nbgrader cannot run it at all,
    again with only the definitions of its solution cells, and last as the release (0)."""
    assignment, student = outcome.assignment, outcome.student
    if _autograde(root, db_url, assignment, student, outcome):
        return
    outcome.status = "rebuilt"
    rebuilt = preflight.rebuild(prepared.notebook, preflight.read_release(root, assignment))
    for cell in rebuilt.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            cell.source = ""
    first = next(c for c in rebuilt.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    first.source = "\n\n".join(definitions(prepared.notebook))
    note = (f"nbgrader could not run your notebook ({_why_not_run(outcome.nbgrader_log)}); it was graded "
            "again with only the imports and function definitions of your solution cells.")
    outcome.problems.append(note)
    _replace_submission(root, assignment, student, rebuilt, note)
    if _autograde(root, db_url, assignment, student, outcome):
        return
    outcome.status = "failed"
    note = "Your notebook could not be graded even so; it was graded as the untouched release (0)."
    outcome.problems.append(note)
    _replace_submission(root, assignment, student, preflight.read_release(root, assignment), note)
    _autograde(root, db_url, assignment, student, outcome)


def _record(root: Path, db_url: str | None, graded, outcome: Outcome) -> None:
    """The outcome from the judge's verdict records (kept in the autograded notebook by
    ``JudgeTests``) and the gradebook's scores, as fields."""
    judged = graded.metadata.get("course_judge", {}) if graded is not None else {}
    verdicts = judged.get("verdicts", {})
    outcome.verdicts = {g: v["passed"] for g, v in verdicts.items()}
    outcome.mistakes = {g: v["mistake"] for g, v in verdicts.items() if v.get("mistake")}
    outcome.grader_errors = {g: v["grader_error"] for g, v in verdicts.items() if v.get("grader_error")}
    summaries = {g: autograded.summary(v) for g, v in verdicts.items() if not v["passed"]}
    errors = autograded.cell_errors(graded)
    if outcome.status in ("graded", "rebuilt"):  # not graded as the release, whose stubs raise
        outcome.problems += autograded.notes(graded, f"{sandbox.MEMORY / 1024 ** 3:g} GiB")
        outcome.overruled = list(judged.get("overruled", []))
        if outcome.overruled:
            outcome.problems.append("These tests passed when your notebook ran but fail the grader's own "
                                    "checks of your functions, which decide the score: "
                                    + ", ".join(outcome.overruled) + ".")
    scores = _scores(root, db_url, outcome.assignment, outcome.student) if db_url else {}
    if outcome.status != "unreadable":
        outcome.failed = {name: summaries.get(name) or autograded.in_a_line(errors[name])
                          for name, (score, most) in scores.items() if score < most and name in errors}
    outcome.score = sum(s for s, _ in scores.values())
    outcome.max_score = sum(m for _, m in scores.values())


# --- many submissions ---------------------------------------------------------------

_worker_state: dict = {}


def _init_worker(root: str, db_url: str | None, use_sandbox: bool):
    """A grading worker: quiet (its outcome carries every reason; nbgrader's and the
    kernels' own logging would scramble the progress bar), the releases read once, each
    kernel launched while the previous submission is judged."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    for assignment in course_assignments(Path(root)):
        preflight.read_release(Path(root), assignment)
    kernel.keep_one_ahead()
    _worker_state.update(root=root, db_url=db_url, use_sandbox=use_sandbox)


def _grade_in_worker(assignment: str, student: str) -> dict:
    state = _worker_state
    return asdict(grade_one(state["root"], assignment, student, state["db_url"], state["use_sandbox"]))


_one_at_a_time = threading.Lock()


def _grade_on_dask(root: str, assignment: str, student: str, db_url: str | None, use_sandbox: bool) -> Outcome:
    """On a Dask worker: grading changes the process's working folder (nbgrader's paths),
    so the threads of one worker take turns; start workers with ``--nthreads 1``."""
    with _one_at_a_time:
        kernel.keep_one_ahead()
        return grade_one(root, assignment, student, db_url, use_sandbox)


def to_grade(root: Path, assignments: list[str], db_url: str | None = None,
             everything: bool = False) -> tuple[dict[tuple[str, str], str], list[tuple[str, str]]]:
    """({(assignment, student): content hash} to grade, [(assignment, student)] unchanged):
    a submission is graded again when it is new, its files or its assignment's source
    changed since it was last graded successfully, its last grading failed or did not
    finish, or the gradebook lacks it; ``everything`` grades them all."""
    root = Path(root).resolve()
    where = course_paths(root)
    known = records.load(where)
    versions = {a: records.content_hash(root / "solutions" / a) for a in assignments}
    digests = {}
    for assignment, student in submissions(root, assignments):
        original = where.original(student, assignment)
        folder = original if original.is_dir() else where.submission(student, assignment)
        digests[assignment, student] = records.content_hash(folder, versions[assignment])
    same = [s for s, digest in digests.items()
            if not everything and known.get(records.key(*s), {}).get("graded") == digest]
    in_gradebook = _in_gradebook(root, db_url, assignments) if same else set()
    unchanged = [s for s in same if s in in_gradebook]
    return {s: digest for s, digest in digests.items() if s not in unchanged}, unchanged


def _in_gradebook(root: Path, db_url: str | None, assignments: list[str]) -> set[tuple[str, str]]:
    """(assignment, student) of every submission the gradebook holds."""
    found = set()
    with open_api(root, db_url) as api, api.gradebook as gb:
        for assignment in assignments:
            try:
                found |= {(assignment, s.student.id) for s in gb.find_assignment(assignment).submissions}
            except MissingEntry:
                pass
    return found


def grade_many(root: Path, assignments: list[str], jobs: int | None = None, db_url: str | None = None,
               scheduler: str | None = None, use_sandbox: bool = True, progress=None,
               everything: bool = False, todo: dict | None = None) -> list[Outcome]:
    """Grade the collected submissions of ``assignments`` that are new, changed or failed
    since last graded (all of them with ``everything``: :func:`to_grade`) with ``jobs``
    worker processes (or on the Dask cluster at ``scheduler``); ``progress(outcome)`` is
    called as each ends, and each is recorded as it ends, so an interrupted run resumes.
    ``todo``: what :func:`to_grade` returned, if the caller asked it already.
    Raises :class:`~autograder.judge.sandbox.SandboxUnavailable` before grading anything
    when the sandbox cannot start (unless ``use_sandbox`` is False)."""
    root = Path(root).resolve()
    os.environ[sandbox.ENABLED_VARIABLE] = "on" if use_sandbox else "off"
    sandbox.require()
    todo = to_grade(root, assignments, db_url, everything)[0] if todo is None else todo
    if not todo:
        return []
    with sandbox.scratch_root(), _Recorder(root, todo, progress) as record:
        return _grade_all(root, assignments, list(todo), jobs, db_url, scheduler, use_sandbox, record)


class _Recorder:
    """Adds what collect noted about a submission to its outcome, and records each outcome
    as it ends (the log, and the content hash of every submission graded successfully),
    writing at most every few seconds and once more at the end, also when interrupted."""

    EVERY = 3.0

    def __init__(self, root: Path, todo: dict, progress):
        self.root, self.todo, self.progress = root, todo, progress or (lambda outcome: None)
        self.paths = course_paths(root)
        self.known = records.load(self.paths)
        self.pending: list[Outcome] = []
        self.written = time.monotonic()

    def __call__(self, outcome: Outcome):
        entry = self.known.setdefault(records.key(outcome.assignment, outcome.student), {})
        outcome.problems = [*entry.get("collected", []), *outcome.problems]
        if outcome.status == "failed":
            entry.pop("graded", None)
        else:
            entry["graded"] = self.todo[outcome.assignment, outcome.student]
        self.pending.append(outcome)
        self.progress(outcome)
        if time.monotonic() - self.written > self.EVERY:
            self.flush()

    def flush(self):
        write_log(self.root, self.pending)
        records.save(self.paths, self.known)
        self.pending, self.written = [], time.monotonic()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.flush()


def _grade_all(root: Path, assignments: list[str], work, jobs, db_url, scheduler, use_sandbox, report) -> list[Outcome]:
    _ensure_in_gradebook(root, assignments, sorted({s for _, s in work}), db_url)
    for assignment, student in work:  # a re-grade starts from what the student submitted
        _restore_original(root, assignment, student)
    if scheduler:
        from distributed import Client, as_completed as dask_completed

        outcomes = []
        with Client(scheduler) as client:
            futures = {client.submit(_grade_on_dask, str(root), a, s, db_url, use_sandbox, pure=False): (a, s)
                       for a, s in work}
            for future in dask_completed(futures):
                a, s = futures[future]
                try:
                    outcomes.append(future.result())
                except Exception as error:  # noqa: BLE001 - a lost Dask worker fails its submission only
                    outcomes.append(Outcome(a, s, status="failed", problems=[
                        f"The Dask worker grading this submission failed ({type(error).__name__}); it could "
                        "not be graded. The rest of the class was graded."]))
                report(outcomes[-1])
    else:
        outcomes = _grade_in_pool(root, work, jobs or os.cpu_count(), db_url, use_sandbox, report)
    return outcomes


def _grade_in_pool(root: Path, work, jobs: int, db_url, use_sandbox: bool, report) -> list[Outcome]:
    """Grade ``work`` in a pool of ``jobs`` workers. When a worker dies the pool breaks and
    takes every unfinished submission with it: those are graded again in a new pool, and
    each one that breaks a pool again is graded alone, so only a submission that kills a
    worker by itself fails."""
    outcomes, suspects = [], []
    queue = list(work)
    while queue or suspects:
        alone = not queue
        batch = [suspects.pop(0)] if alone else queue
        queue = []
        with ProcessPoolExecutor(max_workers=1 if alone else jobs, initializer=_init_worker,
                                 initargs=(str(root), db_url, use_sandbox)) as pool:
            futures = {pool.submit(_grade_in_worker, a, s): (a, s) for a, s in batch}
            stop_early = _cancel_on_interrupt(pool)
            for future in stop_early(as_completed(futures)):
                a, s = futures[future]
                try:
                    outcome = Outcome(**future.result())
                except BrokenProcessPool:
                    if not alone:
                        suspects.append((a, s))
                        continue
                    outcome = Outcome(a, s, status="failed", problems=[
                        "The grading worker died while grading this submission on its own, twice; it could "
                        "not be graded. The rest of the class was graded."])
                except Exception as error:  # noqa: BLE001 - one submission never stops the others
                    outcome = Outcome(a, s, status="failed", problems=[f"Grading failed: {error}"])
                outcomes.append(outcome)
                report(outcome)
    return outcomes


def _cancel_on_interrupt(pool):
    """Iterate so that an interruption (Ctrl-C, an error in ``report``) cancels what has
    not started instead of waiting for the whole batch: the next run resumes from there."""
    def guarded(iterator):
        try:
            yield from iterator
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return guarded


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
    """The submission folder as collected (a file graded under another name, or rewritten
    with a note, is put back as it was), so a re-grade sees what the first grading saw."""
    original = course_paths(root).original(student, assignment)
    if original.is_dir():
        target = course_paths(root).submission(student, assignment)
        shutil.rmtree(target)
        shutil.copytree(original, target)


def write_log(root: Path, outcomes: list[Outcome]) -> Path:
    """The grading log (``<course state>/grading-log.json``): every submission's status, score and reasons."""
    path = course_paths(root).log
    previous = json.loads(path.read_text()) if path.exists() else {}
    for outcome in outcomes:
        previous[records.key(outcome.assignment, outcome.student)] = asdict(outcome)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(previous, indent=1, sort_keys=True))
    os.replace(partial, path)
    return path
