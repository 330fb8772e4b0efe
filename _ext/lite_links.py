"""A "Run it in your browser" box at the top of every chapter that has an exercise notebook.

It links the chapter's notebook in the JupyterLite site that `make` builds at
_build/html/lite/ (lite/build.py) and a Python console there, says what the browser's
self-check can tell, and says plainly what of the page does not run in the browser. HTML
builds only (a PDF has no site to link).
"""
from pathlib import Path

from docutils import nodes

from course_site import exercise_notebook

LITE = "lite/"


def notebook_url(docname: str, notebook: str) -> str:
    """The chapter's notebook in JupyterLite's Notebook app, relative to the page."""
    return "../" * docname.count("/") + f"{LITE}notebooks/index.html?path={notebook}"


def console_url(docname: str) -> str:
    return "../" * docname.count("/") + f"{LITE}repl/index.html?kernel=python"


def _paragraph(*parts) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def browser_box(docname: str, notebook: str, uses_torch: bool) -> nodes.admonition:
    box = nodes.admonition(classes=["tip", "run-in-browser"])
    box += nodes.title(text="Run it in your browser")
    box += _paragraph(
        nodes.reference(text="Open this chapter's exercise notebook", refuri=notebook_url(docname, notebook),
                        classes=["run-in-browser-link"]),
        " in JupyterLite: Python runs inside this tab (Pyodide, with numpy and matplotlib); nothing to "
        "install, and nothing you run leaves your computer. Your edits stay in this browser; "
        "File → Download saves the notebook to hand in. Or open a ",
        nodes.reference(text="Python console", refuri=console_url(docname)), ".")
    box += _paragraph(
        "Its visible tests run there, and its self-check names catalogued mistakes from precomputed "
        "results on public inputs. It cannot grade: grading uses other inputs and hidden tests, "
        "which are not on this site.")
    torch = " and its PyTorch cells (PyTorch has no build for Pyodide)" if uses_torch else ""
    box += _paragraph(
        "Not in the browser: this page's own code cells (they use the course's package, whose reference "
        f"solutions the site never ships){torch}. Run those in a local copy of the course (",
        nodes.literal(text="make"), ").")
    return box


def _add_box(app, doctree):
    if app.builder.format != "html":
        return
    docname = app.env.docname
    exercise = exercise_notebook(app.srcdir, docname)
    sections = list(doctree.findall(nodes.section))
    if exercise is None or not sections:
        return
    source = Path(app.srcdir, app.env.doc2path(docname, base=False)).read_text()
    title = sections[0].next_node(nodes.title)
    sections[0].insert(sections[0].index(title) + 1,
                       browser_box(docname, Path(exercise).name, "import torch" in source))


def setup(app):
    app.connect("doctree-read", _add_box)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
