"""Benchmark: serial `nbgrader autograde` against `course grade` on the same simulated
class, in one run. Not a test: `make bench` (or `python bench/grading.py --students N`).

Each round grades fresh copies of the class both ways, the two commands alternating
which goes first; the medians over ``--rounds`` rounds are reported, with the speed-up,
which test cells score differently, and what the sandbox costs per submission.

- serial: plain `nbgrader autograde ASSIGNMENT`, one assignment after another, with
  nbgrader's own autograde pipeline (no sandbox, no judge: the hidden tests run in the
  student's kernel), as a course without this package would grade;
- parallel: the default command, `course grade --jobs J` (sandbox and judge on).

Both grade well-formed submissions only (correct, one catalogued mistake, stubs):
plain nbgrader cannot grade broken files. A visible test scores the judge's first case
in `course grade` and the notebook's own assertions in plain nbgrader, so a mistake the
visible assertions miss can score differently; every such cell is listed.
"""
import argparse
import os
import shutil
import statistics
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
from autograder.instructor.simulate import simulate  # noqa: E402
from autograder.judge import sandbox  # noqa: E402
from autograder.judge.remote import FunctionServer  # noqa: E402

BIN = Path(sys.executable).parent
PLAIN_PIPELINE = "c.Autograde.autograde_preprocessors ="
"""The line of nbgrader_config.py that plain nbgrader goes without."""


def new_course(base: Path, lms: Path, plain: bool) -> Path:
    base.mkdir()
    config = (ROOT / "nbgrader_config.py").read_text()
    if plain:  # nbgrader's own autograde pipeline
        config = config.replace(PLAIN_PIPELINE, "_unused =", 1)
    (base / "nbgrader_config.py").write_text(config)
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, base / folder)
    placed = collect(base, lms, course.assignments(base))
    assert not placed.problems, placed.problems
    with course.open_api(base) as api:
        for name in course.assignments(base):
            api.generate_assignment(name)
    return base


def scores(root: Path) -> dict:
    with Gradebook(course.load_config(root).CourseDirectory.db_url) as gb:
        return {(s.assignment.name, s.student.id, g.name): g.score
                for a in gb.assignments for s in a.submissions for n in s.notebooks for g in n.grades}


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def sandbox_cost(repeats: int = 10) -> tuple[float, float]:
    """Median seconds to start a function runner, with and without the sandbox."""
    result = []
    for setting in ("on", "off"):
        os.environ[sandbox.ENABLED_VARIABLE] = setting
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            with FunctionServer(["x = 1.0"], callback=lambda name, args: None) as server:
                server.value("x")
            times.append(time.perf_counter() - start)
        result.append(statistics.median(times))
    os.environ[sandbox.ENABLED_VARIABLE] = "on"
    return tuple(result)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    names = course.assignments(ROOT)
    serial_times, parallel_times = [], []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        key = simulate(ROOT, scratch / "lms", args.students, names, seed=7, shares=(0.5, 0.35, 0.15, 0.0))
        print(f"{len(key)} submissions: {args.students} students x {len(names)} assignments, "
              f"{args.rounds} rounds, jobs = {args.jobs}")
        for round_ in range(args.rounds):
            serial = new_course(scratch / f"serial{round_}", scratch / "lms", plain=True)
            parallel = new_course(scratch / f"parallel{round_}", scratch / "lms", plain=False)
            runs = [("serial", lambda: sum(timed([str(BIN / "nbgrader"), "autograde", n], serial) for n in names)),
                    ("parallel", lambda: timed([str(BIN / "course"), "grade", "--jobs", str(args.jobs)], parallel))]
            for label, run in runs if round_ % 2 == 0 else runs[::-1]:
                seconds = run()
                (serial_times if label == "serial" else parallel_times).append(seconds)
                print(f"  round {round_ + 1}: {label:8s} {seconds:7.1f} s")
        a, b = scores(serial), scores(parallel)
    t_serial, t_parallel = statistics.median(serial_times), statistics.median(parallel_times)
    print(f"serial nbgrader autograde (median): {t_serial:7.1f} s")
    print(f"course grade --jobs {args.jobs} (median):   {t_parallel:7.1f} s   speed-up {t_serial / t_parallel:.2f}x")
    differ = sorted(k for k in a if a[k] != b.get(k))
    print(f"test cells compared: {len(a)}; scored differently: {len(differ)}")
    for cell in differ[:20]:
        print(f"  {cell}: plain nbgrader {a[cell]:g}, course grade {b[cell]:g}")
    with_sandbox, without = sandbox_cost()
    print(f"starting a function runner: {with_sandbox * 1000:.0f} ms in the sandbox, {without * 1000:.0f} ms without "
          f"(each submission starts one runner and one sandboxed kernel)")


if __name__ == "__main__":
    main()
