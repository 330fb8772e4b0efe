"""The page-source downloads (``_sources/``) without the cells a page removes.

A chapter hides some code cells (``remove-cell``, ``remove-input``: the glue and the
checks of its claims, helpers that would give an exercise away). Sphinx copies each
page's source as it is, so the "download .md" button would hand those cells out; this
rewrites the copies once the site is built, dropping every code cell so tagged.
"""
from __future__ import annotations

import re
from pathlib import Path

REMOVED = re.compile(r"^:tags:\s*\[[^\]]*\b(remove-cell|remove-input)\b|^tags:\s*\[[^\]]*\b(remove-cell|remove-input)\b")
OPENING = re.compile(r"^(`{3,}|~{3,})\{code-cell\}")


def without_removed_cells(text: str) -> str:
    """MyST notebook text with the code cells tagged ``remove-cell``/``remove-input`` left out."""
    lines, kept, i = text.splitlines(keepends=True), [], 0
    while i < len(lines):
        opening = OPENING.match(lines[i])
        if not opening:
            kept.append(lines[i])
            i += 1
            continue
        fence, end = opening.group(1), i + 1
        while end < len(lines) and lines[end].rstrip() != fence:
            end += 1
        block = lines[i:end + 1]
        if not any(REMOVED.match(line.strip()) for line in block[1:]):
            kept += block
        i = end + 1
    return "".join(kept)


def _rewrite(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for source in Path(app.outdir, "_sources").rglob("*.md*"):
        text = source.read_text(encoding="utf-8")
        if "{code-cell}" in text:
            source.write_text(without_removed_cells(text), encoding="utf-8")


def setup(app):
    app.connect("build-finished", _rewrite)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
