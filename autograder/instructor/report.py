"""``course report``: the class at a glance: score distributions, and which catalogued
mistakes were diagnosed how often for each graded function (what to re-teach)."""
from __future__ import annotations

import base64
import html
import io
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402

from .. import misconceptions  # noqa: E402
from . import autograded  # noqa: E402
from .export import grade_rows  # noqa: E402
from .submissions import function_of_test, graded_names  # noqa: E402


def mistake_counts(root: Path, assignments: list[str]) -> dict[str, Counter]:
    """Graded function -> how many submissions had each catalogued mistake diagnosed, read
    from the failing test cells of the autograded notebooks."""
    counts: dict[str, Counter] = defaultdict(Counter)
    base = root / "autograder" / "autograded"
    for assignment in assignments:
        names = graded_names(root, assignment)
        for path in sorted(base.glob(f"*/{assignment}/{assignment}.ipynb")):
            found: dict[str, set] = defaultdict(set)
            for name, error in autograded.cell_errors(nbformat.read(path, as_version=4)).items():
                function = function_of_test(name, names)
                if function is not None:
                    found[function].update(misconceptions.ids_in(error.get("evalue", "")))
            for function, ids in found.items():
                counts[function].update(ids)
    return {function: counter for function, counter in counts.items() if counter}


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return f'<img alt="figure" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def write_report(root: Path, db_url: str, assignments: list[str], path: Path) -> Path:
    columns, rows = grade_rows(db_url)
    parts = ["<h1>Class report</h1>", f"<p>{len(rows)} students, {len(columns)} assignments.</p>",
             "<h2>Scores per assignment</h2>"]
    if rows and columns:
        fig, axes = plt.subplots(1, len(columns), figsize=(3 * len(columns), 2.6), squeeze=False)
        for ax, name in zip(axes[0], columns):
            ax.hist([r[name] for r in rows], bins=10, color="tab:blue")
            ax.set(title=name, xlabel="score", ylabel="students")
        fig.tight_layout()
        parts.append(_png(fig))
    counts = mistake_counts(root, assignments)
    catalog = misconceptions.catalog()
    overall = Counter()
    for function, counter in counts.items():
        overall.update({(function, i): n for i, n in counter.items()})
    parts.append("<h2>What to re-teach on Monday</h2>")
    if overall:
        parts.append("<table><tr><th>function</th><th>mistake</th><th>submissions</th><th>hint</th></tr>")
        for (function, mc_id), n in overall.most_common(15):
            entry = catalog[mc_id]
            parts.append(f"<tr><td>{function}</td><td><b>{mc_id}</b>: {html.escape(entry.title)}</td>"
                         f"<td>{n}</td><td>{html.escape(entry.hint)}</td></tr>")
        parts.append("</table><h2>Mistakes per graded function</h2>")
        for function, counter in sorted(counts.items()):
            fig, ax = plt.subplots(figsize=(6, 0.4 + 0.35 * len(counter)))
            labels, values = zip(*counter.most_common())
            ax.barh(labels, values, color="tab:orange")
            ax.invert_yaxis()
            ax.set(title=function, xlabel="submissions with this mistake diagnosed")
            parts.append(_png(fig))
    else:
        parts.append("<p>No catalogued mistake was diagnosed.</p>")
    path.write_text("<!doctype html><meta charset='utf-8'><title>Class report</title>"
                    "<style>body{font-family:sans-serif;max-width:1100px;margin:auto}"
                    "td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left}</style>"
                    + "\n".join(parts))
    return path
