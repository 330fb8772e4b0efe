"""Sphinx fixes for the course's site, loaded by _config.yml (``sphinx.local_extensions``).

- Every script is included once: Jupyter Book 1.x registers sphinx-thebe's configuration
  twice (``THEBE_JS_URL`` declared twice is a console error) and adds every ``.js`` under
  ``_static/`` to each page, MathJax included, which sphinx.ext.mathjax loads already
  (MathJax loaded twice is a console error).
- The light/dark mode starts as "auto" (follow the reader's system).
- Launch buttons (Binder, Colab) and the repository button appear only when
  ``repository.url`` is set in _config.yml, and a chapter's launch buttons open its
  exercise notebook (``exercises/NN-name/NN-name.ipynb``), not the page's MyST source.
"""
from pathlib import Path

MATHJAX_DIR = "mathjax/"


def _drop_static_mathjax(app, config):
    config.html_js_files = [js for js in config.html_js_files
                            if not str(js[0] if isinstance(js, tuple) else js).startswith(MATHJAX_DIR)]
    options = config.html_theme_options
    if (options.get("repository_url") or "").strip():
        options["use_repository_button"] = True
    else:
        options["launch_buttons"] = {}
        options["use_repository_button"] = False
        options["use_issues_button"] = False
        options["use_edit_page_button"] = False
        options["use_source_button"] = False


def _script_key(script):
    filename = getattr(script, "filename", script) or ""    # None and "": an inline script
    attributes = getattr(script, "attributes", {}) or {}
    return filename, tuple(sorted((k, str(v)) for k, v in attributes.items()))


def _default_mode(app, pagename, templatename, context, doctree):
    """pydata-sphinx-theme's page starts in mode ``default_mode``, "" unless the template
    context sets it (sphinx-book-theme has no option for it), and its script reports ""
    as a console error ("Got invalid theme mode") on a reader's first visit."""
    context["default_mode"] = context.get("default_mode") or "auto"


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique   # in place: handlers after this one (sphinx.ext.mathjax) append to this list


def exercise_notebook(srcdir: Path, pagename: str) -> str | None:
    """The exercise notebook of a chapter page, relative to the repository, if any."""
    name = Path(pagename).name
    path = Path("exercises") / name / f"{name}.ipynb"
    return path.as_posix() if (Path(srcdir) / path).is_file() else None


def _launch_exercise_notebooks(app, pagename, templatename, context, doctree):
    buttons = context.get("header_buttons")
    if not buttons:
        return
    launch = [b for b in buttons if b.get("label") == "launch-buttons"]
    if not launch:
        return
    notebook = exercise_notebook(app.srcdir, pagename)
    if notebook is None:
        for button in launch:
            buttons.remove(button)
        return
    for button in launch[0]["buttons"]:
        url = button.get("url", "")
        for suffix in (".md", ".ipynb"):
            url = url.replace(f"{pagename}{suffix}", notebook).replace(f"{pagename.replace('/', '%2F')}{suffix}", notebook)
        button["url"] = url


def setup(app):
    # html-page-context is emitted with emit_firstresult: a handler that returns a template
    # name stops the later ones, so these run early (the launch buttons right after
    # sphinx-book-theme adds them at 501).
    app.connect("config-inited", _drop_static_mathjax, priority=900)
    app.connect("html-page-context", _launch_exercise_notebooks, priority=502)
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    app.connect("html-page-context", _default_mode, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
