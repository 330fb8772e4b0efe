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


SYMPTOM_GROUPS = [
    ("The loss is nan or inf", ("nan", "inf")),
    ("The loss goes up, jumps or oscillates", ("rise", "up", "spike", "jump", "oscillat", "explode", "wander", "grow")),
    ("Training makes no progress, or is slow", ("slow", "crawl", "nothing", "no difference", "stall", "never",
                                                "does not move", "stand", "too small", "no regularization")),
    ("The reported cost disagrees with what you see", ("cost", "gradient check", "disagree")),
]


def checklist() -> Markdown:
    """Every catalogued mistake, grouped by the first symptom group its symptom matches,
    with a link to the chapter that shows it."""
    from .spec import LABELS

    groups = {title: [] for title, _ in SYMPTOM_GROUPS}
    other = []
    for m in misconceptions.catalog().values():
        symptom = m.symptom.lower()
        title = next((t for t, words in SYMPTOM_GROUPS if any(w in symptom for w in words)), None)
        (groups[title] if title else other).append(m)
    groups["Something else: wrong numbers, shapes or surprises"] = other
    out = []
    for title, entries in groups.items():
        if not entries:
            continue
        out += [f"## {title}", "", "| what you see | likely cause | shown in |", "|---|---|---|"]
        out += [f"| {_escape(m.symptom)} | {_escape(m.title)} (`{m.id}`) | "
                f"{{ref}}`chapter {m.chapter[:2].lstrip('0')} <{LABELS[m.chapter]}>` |"
                for m in entries]
        out.append("")
    return Markdown("\n".join(out))
