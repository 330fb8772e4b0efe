"""What the book's pages display that comes from the package (tables, links)."""
import re

from IPython.display import Markdown

from . import misconceptions


def mistakes_table(chapter: str, shown=()) -> Markdown:
    """The catalogued mistakes the chapter demonstrates (``shown``: their ids, from any
    chapter, in the order the page shows them) as a table, then the chapter's other
    catalogued mistakes, the ones its notebook's feedback can name, folded in a dropdown."""
    catalog = misconceptions.catalog()
    unknown = [i for i in shown if i not in catalog]
    if unknown:
        raise KeyError(f"not in the misconception catalog: {unknown}")
    demonstrated = [catalog[i] for i in shown]
    others = [m for m in catalog.values() if m.chapter == chapter and m.id not in shown]
    lines = []
    if demonstrated:
        lines += ["| mistake shown in this chapter | what you see | id |", "|---|---|---|"]
        lines += [_row(m) for m in demonstrated]
    if others:
        lines += ["", f"````{{dropdown}} {len(others)} more mistakes the notebook's feedback can name",
                  "| mistake | what you see | id |", "|---|---|---|"]
        lines += [_row(m) for m in others]
        lines.append("````")
    return Markdown("\n".join(lines))


def _row(m) -> str:
    return f"| {_escape(m.title)} | {_escape(m.symptom)} | `{m.id}` |"


def _escape(text: str) -> str:
    """Plain text inside a Markdown table: no emphasis from ``w**2``, no cell breaks."""
    for char in "\\*_|`[]":
        text = text.replace(char, "\\" + char)
    return text


GLUED: dict[str, float] = {}
"""The numbers :func:`glue_number` stored in this kernel, for :func:`claim`."""


def glue_number(name: str, value) -> None:
    """Store a computed number for the page's text (``{glue:text}`name:.3f```); numpy
    scalars are converted, since myst-nb formats Python floats only."""
    from myst_nb import glue

    GLUED[name] = float(value)
    glue(name, GLUED[name], display=False)


_OPERATORS = {"<": float.__lt__, "<=": float.__le__, ">": float.__gt__, ">=": float.__ge__}


class ClaimFailed(AssertionError):
    """A comparison the page's text states no longer holds for the numbers it glues."""


def claim(statement: str) -> None:
    """Check a comparison the text states, such as ``"cos_val < const_val"`` or
    ``"cos_wins >= 4"``: each side is a glued name or a number. Raises :class:`ClaimFailed`
    when the glued numbers do not support it, so that the build (which runs every cell)
    fails instead of publishing a sentence its own run contradicts."""
    match = re.fullmatch(r"\s*(\S+)\s*(<=|>=|<|>)\s*(\S+)\s*", statement)
    if not match:
        raise ValueError(f"a claim is 'left op right' with op one of < <= > >=, not {statement!r}")
    left, op, right = match.groups()
    values = [_operand(side) for side in (left, right)]
    if not _OPERATORS[op](*values):
        raise ClaimFailed(f"the page states {statement}, but its run gives {left} = {values[0]:.6g} "
                          f"and {right} = {values[1]:.6g}")


def _operand(side: str) -> float:
    if side in GLUED:
        return GLUED[side]
    try:
        return float(side)
    except ValueError:
        raise KeyError(f"{side!r} is neither a glued number nor a number") from None


def checklist_section(title: str) -> Markdown:
    """The causes placed under symptom ``title`` in :mod:`autograder.checklist`, as a
    table folded in a dropdown, each with a link to the chapter that shows it."""
    from . import checklist as cl

    symptom = next(s for s in cl.SYMPTOMS if s.title == title)
    rows = cl.rows(symptom, misconceptions.catalog())
    return Markdown(_folded_table(f"{len(rows)} likely causes", rows))


def checklist_rest(shown_titles) -> Markdown:
    """Symptoms of :mod:`autograder.checklist` the page has no section for, and catalog
    entries placed under no symptom: nothing added to the catalog or the checklist is lost."""
    from . import checklist as cl

    catalog = misconceptions.catalog()
    out = []
    for symptom in cl.SYMPTOMS:
        if symptom.title not in shown_titles:
            out += [f"**{symptom.title}**", "", _folded_table(f"{len(symptom.causes)} likely causes",
                                                               cl.rows(symptom, catalog)), ""]
    rest = cl.unplaced(catalog)
    if rest:
        rows = [(catalog[i].title, i, catalog[i].symptom, catalog[i].chapter) for i in rest]
        out += ["**Other mistakes the graders name**", "", _folded_table(f"{len(rows)} more", rows)]
    return Markdown("\n".join(out) if out else "Every catalogued mistake is placed above.")


def _folded_table(summary: str, rows) -> str:
    from .checklist import chapter_label

    lines = [f"````{{dropdown}} {summary}", "| likely cause | what you see | shown in |", "|---|---|---|"]
    lines += [f"| {_escape(cause)}{f' (`{mid}`)' if mid else ''} | {_escape(seen)} | "
              f"{{ref}}`chapter {chapter[:2].lstrip('0')} <{chapter_label(chapter)}>` |"
              for cause, mid, seen, chapter in rows]
    lines.append("````")
    return "\n".join(lines)
