"""nbgrader configuration: every path derives from this file's folder, so any checkout
of the repository is a self-contained course (see COURSE_SPEC.md, "Top-level layout")."""
import os

ROOT = os.path.dirname(os.path.abspath(__file__))

c = get_config()  # noqa: F821  (provided by traitlets when it loads this file)

c.CourseDirectory.root = ROOT
c.CourseDirectory.course_id = "why-is-my-loss-going-up"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = os.path.join("autograder", "submitted")
c.CourseDirectory.autograded_directory = os.path.join("autograder", "autograded")
c.CourseDirectory.feedback_directory = os.path.join("autograder", "feedback")
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "autograder", "gradebook.db")

# A chapter notebook runs in well under a minute; a cell that needs more is stuck.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Feedback pages: nbgrader's 'feedback' template, with wrapping output, a viewport and the
# site's own MathJax (autograder/templates/feedback, searched before nbgrader's folder).
import nbgrader  # noqa: E402

from autograder.templates import FOLDER as TEMPLATES  # noqa: E402

c.HTMLExporter.extra_template_basedirs = [
    TEMPLATES, os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates")]

# The course's additions to nbgrader's pipelines (autograder/preprocessors.py): the judge's
# verdicts are the scores; harmless stderr output costs no points; feedback shows neither hidden tests nor tracebacks, and
# carries every reason `course grade` logged.
from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, GetGrades, IgnorePattern, LimitOutput,
    SaveAutoGrades)

from autograder.judge.kernel import SandboxedExecute  # noqa: E402
from autograder.preprocessors import GradingNotes, JudgeTests, ShortenTestTracebacks, StderrIsNotAnError  # noqa: E402

# The kernel runs in a sandbox; the judge then decides every test cell outside it
# (autograder/judge/), and SaveAutoGrades records the judge's verdicts.
c.Autograde.autograde_preprocessors = [SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       StderrIsNotAnError, JudgeTests, SaveAutoGrades, AssignLatePenalties,
                                       CheckCellMetadata]
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ShortenTestTracebacks, GradingNotes,
                                    CSSHTMLHeaderPreprocessor]
c.GradingNotes.log_path = os.path.join(ROOT, "autograder", "grading-log.json")
