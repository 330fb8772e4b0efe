"""Show a string that came from a submission (a file name, a student id from a file name,
an exception's message) without letting it act: on a terminal its control characters
are made visible, in HTML it is text, in a CSV cell it cannot start a formula.

The trusted side calls these wherever it shows such a string; nothing else in the
course escapes on its own."""
from __future__ import annotations

import html as _html
import unicodedata

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP's list)."""


def terminal(text: object) -> str:
    """``text`` on one line with every control or format character (escape sequences,
    newlines, carriage returns, bidirectional overrides) written as ``\\xNN``/``\\uNNNN``:
    nothing a student wrote can move the cursor, recolour the console or forge a line."""
    return "".join(_visible(ch) if unicodedata.category(ch)[0] == "C" else ch for ch in str(text))


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def html(text: object) -> str:
    """``text`` as HTML text (also safe inside a quoted attribute)."""
    return _html.escape(str(text), quote=True)


def csv_name(text: object) -> str:
    """A name for a CSV cell that a spreadsheet will not evaluate: one starting like a
    formula gets a leading apostrophe. For names only; numbers are written as they are."""
    text = str(text)
    return "'" + text if text.startswith(FORMULA_START) else text
