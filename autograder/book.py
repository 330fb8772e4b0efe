"""What the book's pages display that comes from the package (tables, links)."""
from IPython.display import Markdown

from . import misconceptions


def mistakes_table(chapter: str) -> Markdown:
    """The catalogued mistakes this chapter shows, as a Markdown table for the page."""
    rows = [m for m in misconceptions.catalog().values() if m.chapter == chapter]
    lines = ["| mistake | what you see | id |", "|---|---|---|"]
    lines += [f"| {_escape(m.title)} | {_escape(m.symptom)} | `{m.id}` |" for m in rows]
    return Markdown("\n".join(lines))


def _escape(text: str) -> str:
    """Plain text inside a Markdown table: no emphasis from ``w**2``, no cell breaks."""
    for char in "\\*_|`[]":
        text = text.replace(char, "\\" + char)
    return text


def glue_number(name: str, value) -> None:
    """Store a computed number for the page's text (``{glue:text}`name:.3f```); numpy
    scalars are converted, since myst-nb formats Python floats only."""
    from myst_nb import glue

    glue(name, float(value), display=False)
