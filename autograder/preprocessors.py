"""nbgrader preprocessors the course adds to nbgrader's pipelines (see
``nbgrader_config.py``): the judge decides the test cells, harmless stderr output must
not cost points, and feedback must show scores and diagnoses, and every reason grading
gave, without the hidden tests."""
import html
import json
from pathlib import Path

from nbgrader import utils
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from nbformat.v4 import new_output
from traitlets import Unicode

from .instructor.preflight import read_release, with_note


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


class JudgeTests(NbGraderPreprocessor):
    """Give every test cell the judge's verdict (``autograder.judge``), whatever the
    student's kernel printed: a pass becomes one line on stdout, a failure an
    ``AssertionError`` carrying the diagnosis, so nbgrader's ``SaveAutoGrades`` scores
    the judge's decision. Runs after ``Execute`` and before ``SaveAutoGrades``.

    The verdicts, and the tests the kernel passed but the judge did not (tampering, or a
    visible test weaker than the checks), are kept in the notebook's metadata under
    ``course_judge`` for ``course grade``'s log."""

    def preprocess(self, nb, resources):
        from .judge.verdict import as_dict, judge, kernel_passed

        assignment = resources["nbgrader"]["assignment"]
        root = CourseDirectory(config=self.config).root
        verdicts = judge(nb, assignment, read_release(root, assignment))
        overruled = []
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            verdict = verdicts.get(grade_id)
            if verdict is None:
                continue
            if kernel_passed(cell) and not verdict.passed:
                overruled.append(grade_id)
            cell.outputs = [new_output("stream", name="stdout", text=f"{grade_id}: passed the grader's checks\n")
                            if verdict.passed else
                            new_output("error", ename="AssertionError", evalue=verdict.message,
                                       traceback=[f"AssertionError: {verdict.message}"])]
        nb.metadata["course_judge"] = {"verdicts": as_dict(verdicts), "overruled": overruled}
        return nb, resources


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
    cell stopped at the time limit, tests the kernel passed but the judge did not, ...) in
    the note at the top of the feedback: the scores alone would not say why."""

    log_path = Unicode("", help="Path of course grade's grading-log.json").tag(config=True)

    def preprocess(self, nb, resources):
        log = Path(self.log_path)
        key = f"{resources['nbgrader']['assignment']}/{resources['nbgrader']['student']}"
        entry = json.loads(log.read_text()).get(key) if log.is_file() else None
        if entry and entry.get("problems"):
            nb = with_note(nb, entry["problems"])
        return nb, resources


class ShowStudentContentAsText(NbGraderPreprocessor):
    """Nothing a submission wrote becomes live markup in the feedback page, which the
    instructor opens too. Markdown cells that are not the release's own (the student's,
    and the grading note, which quotes file names and error messages) keep their text
    and markdown but lose raw HTML and link targets; outputs keep only plain text and
    PNG/JPEG images (no HTML, SVG, JavaScript or widget output) and no metadata (an
    image's width is written into the page unquoted); streams and errors
    are escaped by nbconvert itself. Runs last, after :class:`GradingNotes`."""

    SAFE_OUTPUTS = ("text/plain", "image/png", "image/jpeg")

    def preprocess(self, nb, resources):
        course_root = CourseDirectory(config=self.config).root
        release = read_release(course_root, resources["nbgrader"]["assignment"])
        course_text = {c.source for c in release.cells if c.cell_type == "markdown"}
        for cell in nb.cells:
            cell.pop("attachments", None)
            if cell.cell_type != "code" and cell.source not in course_text:
                cell.cell_type, cell.source = "markdown", as_plain_markdown(cell.source)
            for output in cell.get("outputs", []):
                if "data" in output:
                    output["data"] = {k: v for k, v in output["data"].items() if k in self.SAFE_OUTPUTS}
                    output["metadata"] = {}  # attributes such as an image's width reach the page unquoted
        return nb, resources


def as_plain_markdown(text: str) -> str:
    """Markdown with its raw HTML shown as text and no links or images."""
    return html.escape(text, quote=False).replace("[", "\\[")
