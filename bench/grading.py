"""Benchmark: serial `nbgrader autograde` against `course grade` on the same simulated
class, in one run. Prints both times, the speed-up, whether every score matches, and
where the time goes. Not a test: `make bench` (or `python bench/grading.py --students N`).

Both sides grade well-formed submissions only (correct, one catalogued mistake, stubs):
plain nbgrader cannot grade broken files, which `course grade` handles separately.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.instructor import course  # noqa: E402
from autograder.instructor.collect import collect  # noqa: E402
from autograder.instructor.grading import grade_many  # noqa: E402
from autograder.instructor.simulate import simulate  # noqa: E402


def new_course(base: Path, lms: Path) -> Path:
    base.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", base)
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, base / folder)
    placed = collect(base, lms, course.assignments(base))
    assert not placed.problems, placed.problems
    return base


def scores(root: Path) -> dict:
    with Gradebook(course.load_config(root).CourseDirectory.db_url) as gb:
        return {(s.assignment.name, s.student.id, g.name): g.score
                for a in gb.assignments for s in a.submissions for n in s.notebooks for g in n.grades}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        names = course.assignments(ROOT)
        key = simulate(ROOT, scratch / "lms", args.students, names, seed=7, shares=(0.5, 0.35, 0.15, 0.0))
        print(f"{len(key)} submissions: {args.students} students x {len(names)} assignments")
        serial, parallel = new_course(scratch / "serial", scratch / "lms"), new_course(scratch / "parallel", scratch / "lms")
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
        for root in (serial, parallel):
            with course.open_api(root) as api:
                for name in names:
                    api.generate_assignment(name)

        start = time.perf_counter()
        for name in names:
            subprocess.run([nbgrader, "autograde", name], cwd=serial, env=env, check=True, capture_output=True)
        t_serial = time.perf_counter() - start

        start = time.perf_counter()
        outcomes = grade_many(parallel, names, jobs=args.jobs, recheck=False)
        t_parallel = time.perf_counter() - start

        start = time.perf_counter()
        grade_many(scratch / "parallel", names, jobs=args.jobs, recheck=True)
        t_recheck = time.perf_counter() - start

        a, b = scores(serial), scores(parallel)
        print(f"serial nbgrader autograde: {t_serial:7.1f} s")
        print(f"course grade --jobs {args.jobs}:     {t_parallel:7.1f} s   speed-up {t_serial / t_parallel:.2f}x")
        print(f"course grade with re-check: {t_recheck:6.1f} s")
        print(f"scores identical: {a == b} ({len(a)} test cells compared)")
        per = sorted(o.seconds for o in outcomes)
        print(f"per submission in a worker: median {per[len(per) // 2]:.2f} s, max {per[-1]:.2f} s "
              "(kernel start and notebook execution; the gradebook writes are a few ms)")


if __name__ == "__main__":
    main()
