"""nbgrader preprocessors the course adds to nbgrader's pipelines (see
``nbgrader_config.py``): harmless stderr output must not cost points, and feedback must
show scores and diagnoses, and every reason grading gave, without the hidden tests."""
import json
from pathlib import Path

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from .instructor.preflight import with_note


class StderrIsNotAnError(NbGraderPreprocessor):
    """Move stderr output of graded cells to stdout, marked ``[stderr]``.

    nbgrader scores a test cell 0 when it wrote anything to stderr, so a warning or a
    debug print in a correct student function would fail the visible tests that call it.
    Runs after ``Execute`` and before ``SaveAutoGrades``; errors still score 0."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
                    output["text"] = "".join(f"[stderr] {line}" for line in output["text"].splitlines(True))
        return cell, resources


class ShortenTestTracebacks(NbGraderPreprocessor):
    """Reduce an error in a test cell to ``ErrorName: message`` in the feedback: the
    message carries the diagnosis, while the frames would quote the hidden test's code."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


class GradingNotes(NbGraderPreprocessor):
    """Put every reason ``course grade`` logged for this submission (a rebuilt notebook, a
    cell stopped at the time limit, points taken back after the clean re-check, ...) in
    the note at the top of the feedback: the scores alone would not say why."""

    log_path = Unicode("", help="Path of course grade's grading-log.json").tag(config=True)

    def preprocess(self, nb, resources):
        log = Path(self.log_path)
        key = f"{resources['nbgrader']['assignment']}/{resources['nbgrader']['student']}"
        entry = json.loads(log.read_text()).get(key) if log.is_file() else None
        if entry and entry.get("problems"):
            nb = with_note(nb, entry["problems"])
        return nb, resources
