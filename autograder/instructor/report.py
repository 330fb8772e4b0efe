"""``course report``: every way the class lost points, on one page: score distributions,
the pass rate of every test cell, the catalogued mistakes diagnosed (with their hints),
failures without a diagnosis grouped by what their message says, and the submissions
that were missing, unreadable, rebuilt or could not be graded."""
from __future__ import annotations

import base64
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

from .. import misconceptions  # noqa: E402
from ..escape import html  # noqa: E402
from .course import paths as course_paths  # noqa: E402
from .export import grade_rows  # noqa: E402
from ..spec import function_of_test  # noqa: E402
from .submissions import graded_names  # noqa: E402

STYLE = ("body{font-family:sans-serif;max-width:1000px;margin:auto;padding:0 1em}"
         "img{max-width:100%;height:auto}table{border-collapse:collapse;width:100%}"
         "td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;vertical-align:top}"
         "td{overflow-wrap:anywhere}")


def _failures(root: Path, assignments: list[str]):
    """(function -> Counter of catalogued ids, Counter of undiagnosed failures by what
    their message says), one count per submission, from the grading log's fields: the
    mistake ids are those the judge recorded, never read from a message's text."""
    diagnosed: dict[str, Counter] = defaultdict(Counter)
    undiagnosed: Counter = Counter()
    log = course_paths(root).log
    entries = json.loads(log.read_text()).values() if log.is_file() else []
    names = {assignment: graded_names(root, assignment) for assignment in assignments}
    for entry in entries:
        if entry.get("assignment") not in names:
            continue
        found: dict[str, set] = defaultdict(set)
        plain: set = set()
        for test, line in entry.get("failed", {}).items():
            function = function_of_test(test, names[entry["assignment"]])
            if function is None:
                continue
            mistake = entry.get("mistakes", {}).get(test)
            if mistake in misconceptions.catalog():
                found[function].add(mistake)
            else:
                plain.add((function, _what_it_says(line)))
        for function, ids in found.items():
            diagnosed[function].update(ids)
        undiagnosed.update(plain)
    return {f: c for f, c in diagnosed.items() if c}, undiagnosed


def _what_it_says(line: str) -> str:
    """A failure's one-line summary without the values that differ between students."""
    line = re.sub(r"\[[^\]]*\]", "[...]", line[:160])
    return re.sub(r"(?<![\w.])-?\d+(\.\d+)?(e[-+]?\d+)?(?![\w.])", "#", line)


def mistake_counts(root: Path, assignments: list[str]) -> dict[str, Counter]:
    """Graded function -> how many submissions had each catalogued mistake diagnosed."""
    return _failures(root, assignments)[0]


def pass_rates(db_url: str, assignments: list[str]) -> list[tuple[str, str, int, int]]:
    """(assignment, test cell, submissions with full points, submissions)."""
    rates = []
    with Gradebook(db_url) as gb:
        for assignment in gb.assignments:
            if assignment.name not in assignments:
                continue
            passed, total = Counter(), Counter()
            for submission in assignment.submissions:
                for nb in submission.notebooks:
                    for grade in nb.grades:
                        total[grade.name] += 1
                        passed[grade.name] += grade.score is not None and grade.score >= grade.max_score
            rates += [(assignment.name, cell, passed[cell], total[cell]) for cell in sorted(total)]
    return rates


def _png(fig, description: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return (f'<img alt="{html(description)}" '
            f'src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">')


class Markup(str):
    """A table cell that is HTML already (built here from escaped parts)."""


def _table(header: list[str], rows: list[list]) -> str:
    """An HTML table; every cell is escaped but those given as :class:`Markup`."""
    cells = "".join(f"<th>{html(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c if isinstance(c, Markup) else html(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def write_report(root: Path, db_url: str, assignments: list[str], path: Path, named: list[str] = ()) -> Path:
    """The report on ``assignments`` that someone submitted (missing work is counted for
    those, and for the ``named`` ones even if nobody did)."""
    columns, possible, rows = grade_rows(db_url)
    submitted = [c for c in columns if c in assignments and any(r[c] is not None for r in rows)]
    columns = [c for c in columns if c in submitted or c in named]
    parts = ["<h1>Class report</h1>", f"<p>{len(rows)} students, {len(columns)} assignments.</p>",
             "<h2>Scores per assignment</h2>"]
    if rows and submitted:
        per_row = min(4, len(submitted))
        lines = -(-len(submitted) // per_row)
        fig, axes = plt.subplots(lines, per_row, figsize=(10, 2.2 * lines), squeeze=False)
        for ax, name in zip(axes.flat, submitted):
            ax.hist([r[name] for r in rows if r[name] is not None], bins=10, range=(0, possible[name]),
                    color="tab:blue")
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_title(name, fontsize=9)
            ax.set_xlabel(f"score of {possible[name]:g}", fontsize=8)
        for ax in list(axes.flat)[len(submitted):]:
            ax.axis("off")
        fig.tight_layout()
        parts.append(_png(fig, "Histograms of the scores, one per assignment: " + ", ".join(submitted)))
    else:
        parts.append("<p>No submission has been graded yet.</p>")

    parts.append("<h2>Submissions that were not graded as written</h2>")
    log_path = course_paths(root).log
    log = json.loads(log_path.read_text()) if log_path.is_file() else {}
    special = [[k.split("/")[1], k.split("/")[0], e["status"], " ".join(e.get("problems", []))[:400]]
               for k, e in sorted(log.items()) if k.split("/")[0] in assignments and e["status"] != "graded"]
    missing = [[r["student"], name, "missing", "no submission"]
               for r in rows for name in columns if r[name] is None]
    if special or missing:
        parts.append(_table(["student", "assignment", "status", "why"], special + missing))
    else:
        parts.append("<p>None: every student submitted every assignment, and each was graded as submitted.</p>")

    parts.append("<h2>Pass rate per test cell</h2>")
    rates = pass_rates(db_url, assignments)
    parts.append(_table(["assignment", "test cell", "full points", "rate"],
                        [[a, c, f"{p} of {n}", f"{p / n:.0%}" if n else "-"] for a, c, p, n in rates]))

    diagnosed, undiagnosed = _failures(root, assignments)
    catalog = misconceptions.catalog()
    overall = Counter()
    for function, counter in diagnosed.items():
        overall.update({(function, i): n for i, n in counter.items()})
    parts.append("<h2>What to re-teach on Monday: the mistakes diagnosed</h2>")
    if overall:
        parts.append(_table(["function", "mistake", "submissions", "hint"],
                            [[function, Markup(f"<b>{html(mc_id)}</b>: {html(catalog[mc_id].title)}"), n,
                              catalog[mc_id].hint] for (function, mc_id), n in overall.most_common()]))
        labels = [f"{f}: {i}" for (f, i), _ in overall.most_common(12)]
        fig, ax = plt.subplots(figsize=(8, 0.6 + 0.3 * len(labels)))
        ax.barh(labels, [n for _, n in overall.most_common(12)], color="tab:orange")
        ax.invert_yaxis()
        ax.tick_params(labelsize=8)
        ax.set_xlabel("submissions with this mistake diagnosed")
        fig.tight_layout()
        parts.append(_png(fig, "Bar chart of the most frequent diagnosed mistakes: "
                          + ", ".join(f"{label} ({n})" for label, (_, n) in zip(labels, overall.most_common(12)))))
    else:
        parts.append("<p>No catalogued mistake was diagnosed.</p>")
    parts.append("<h2>Failures without a diagnosis, by what the message says</h2>")
    if undiagnosed:
        parts.append(_table(["function", "message (numbers as #)", "submissions"],
                            [[f, m, n] for (f, m), n in undiagnosed.most_common()]))
    else:
        parts.append("<p>None.</p>")
    path.write_text(f"<!doctype html><meta charset='utf-8'><meta name='viewport' content='width=device-width'>"
                    f"<title>Class report</title><style>{STYLE}</style>\n" + "\n".join(parts))
    return path
