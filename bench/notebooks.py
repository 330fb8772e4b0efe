"""How long each graded notebook takes to run top to bottom, as a student's "Restart and
run all" would with correct code (the solutions, hidden tests included). The goal is
under 20 s each. Not a test: `make bench` (or `python bench/notebooks.py`).
"""
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.instructor import course  # noqa: E402


def run_time(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": scratch}}).execute()
        return time.perf_counter() - start


def main():
    print("| notebook | run time (s) |\n|---|---|")
    for name in course.assignments(ROOT):
        print(f"| {name} | {run_time(ROOT / 'solutions' / name / f'{name}.ipynb'):.1f} |", flush=True)


if __name__ == "__main__":
    main()
