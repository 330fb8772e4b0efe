"""What the course remembers about each submission between runs, keyed
``<assignment>/<student>`` in ``<course state>/graded.json``:

- ``collected``: notes ``course collect`` made (which of several files it took, and why);
- ``hash``: the content of the submission as collected, when it was last graded
  successfully (``course grade`` regrades it only when that changes);
- ``graded``: that hash's grading finished (written as each submission ends, so an
  interrupted run resumes where it stopped).

Kept apart from the grading log, which each run rewrites per submission graded.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .paths import CoursePaths


def key(assignment: str, student: str) -> str:
    return f"{assignment}/{student}"


def load(paths: CoursePaths) -> dict[str, dict]:
    return json.loads(paths.records.read_text()) if paths.records.is_file() else {}


def save(paths: CoursePaths, records: dict[str, dict]) -> None:
    """Write all records at once (a crash leaves the old file or the new one, never half)."""
    paths.records.parent.mkdir(parents=True, exist_ok=True)
    partial = paths.records.with_suffix(".json.partial")
    partial.write_text(json.dumps(records, indent=1, sort_keys=True))
    os.replace(partial, paths.records)


def content_hash(folder: Path, salt: str = "") -> str:
    """The names and bytes of the regular files in ``folder`` (and ``salt``), as one hash."""
    digest = hashlib.sha256(salt.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
