"""nbgrader feedback that shows students their scores and diagnoses, never the hidden
tests: nbgrader's own ``GenerateFeedback`` renders the autograded notebook as it is,
hidden test code and tracebacks (which quote that code) included.

Configured in ``nbgrader_config.py`` as
``GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ShortenTestTracebacks, CSSHTMLHeaderPreprocessor]``.
"""
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor


class ShortenTestTracebacks(NbGraderPreprocessor):
    """Reduce an error in a test cell to ``ErrorName: message``: the message carries the
    diagnosis, while the frames would quote the hidden test's source lines."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
