"""``course feedback``: nbgrader's ``generate_feedback`` for the assignments that have
graded submissions, said in one line per problem (nbgrader's own log is long, and
speaks of its folders, not of students)."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .course import open_api, paths


@dataclass
class Feedback:
    assignment: str
    pages: list[str] = field(default_factory=list)
    """Students whose feedback page was written."""
    problems: list[str] = field(default_factory=list)


def feedback(root: Path, db_url: str, assignments: list[str], named: bool = False) -> list[Feedback]:
    """A page for every autograded submission of ``assignments``; an assignment without any
    is skipped, or a problem when ``named`` (the instructor asked for it)."""
    where = paths(root)
    results = []
    with open_api(root, db_url) as api:
        for assignment in assignments:
            result = Feedback(assignment)
            results.append(result)
            graded = sorted(p.parent.parent.name for p in where.autograded.glob(f"*/{assignment}/{assignment}.ipynb"))
            if not graded:
                if named:
                    result.problems.append(f"no submission was graded; run course grade {assignment} first")
                continue
            start = time.time() - 1
            outcome = api.generate_feedback(assignment)
            written = {s for s in graded if where.feedback_page(s, assignment).is_file()
                       and where.feedback_page(s, assignment).stat().st_mtime >= start}
            result.pages = sorted(written)
            if not outcome.get("success"):
                result.problems += _errors(outcome) or ["nbgrader could not generate the feedback"]
            result.problems += [f"no feedback page for {s}" for s in graded if s not in written]
    return results


def _errors(outcome: dict) -> list[str]:
    """nbgrader's error lines, without its ``[App | ERROR]`` prefixes and tracebacks."""
    lines = str(outcome.get("log") or "").splitlines() + str(outcome.get("error") or "").splitlines()
    found = [re.sub(r"^\[[^\]]*ERROR\]\s*", "", line).strip() for line in lines if "ERROR]" in line]
    return list(dict.fromkeys(line for line in found if line))
