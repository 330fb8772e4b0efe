"""The instructor's ``course`` command: one subcommand per step of the grading cycle.

Each subcommand parses its arguments, calls a function of ``autograder.instructor`` and
prints the outcome; the functions are what the tests call.
"""
import difflib
import os
import sys
from pathlib import Path

import click
from tqdm import tqdm

from .instructor import course
from .instructor.release import release


GLOBAL_OPTIONS = ("--root", "--db")
"""Options of ``course`` itself, accepted after the subcommand too."""


def main(args=None):
    """The ``course`` command: ``course --root DIR grade`` and ``course grade --root DIR``
    mean the same."""
    return cli(args=_global_options_first(sys.argv[1:] if args is None else list(args)))


def _global_options_first(args: list[str]) -> list[str]:
    moved, rest, i = [], [], 0
    while i < len(args):
        name = args[i].split("=", 1)[0]
        if name in GLOBAL_OPTIONS and "=" in args[i]:
            moved.append(args[i])
        elif name in GLOBAL_OPTIONS and i + 1 < len(args):
            moved += args[i:i + 2]
            i += 1
        else:
            rest.append(args[i])
        i += 1
    return moved + rest


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Course folder (default: the one containing the current directory).")
@click.option("--db", "db_url", default=None,
              help="Gradebook URL (default: sqlite in the course-state folder), e.g. "
                   "postgresql+psycopg2://user@localhost/gradebook")
@click.pass_context
def cli(ctx, root, db_url):
    """Run the course "Why is my loss going up?": release, collect, grade, feedback,
    export, report (and simulate a class to try it all)."""
    try:
        root = course.find_root(root or ".")
    except FileNotFoundError:
        raise click.ClickException(f"{Path(root or '.').resolve()} is not in a course folder (none of it or its "
                                   "parents holds nbgrader_config.py): run course inside the course repository, "
                                   "or pass --root DIR") from None
    ctx.obj = {"root": root, "db_url": db_url or course.load_config(root).CourseDirectory.db_url}


def _assignments(obj, names):
    """The assignments named (all when none is); an unknown name stops the command."""
    known = course.assignments(obj["root"])
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.3)
            raise click.ClickException(f"no assignment {name!r} in this course"
                                       + (f"; did you mean {close[0]}?" if close else f"; there are {', '.join(known)}"))
    return list(names) or known


def _default_output(obj, name: str) -> Path:
    path = course.paths(obj["root"]).output(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@cli.command("release")
@click.argument("assignments", nargs=-1)
@click.pass_obj
def release_command(obj, assignments):
    """Regenerate exercises/ from solutions/ and zip each assignment for students.

    \b
    Examples:
      course release                      # every assignment
      course release 05-adam              # one assignment
    """
    for path in release(obj["root"], _assignments(obj, assignments), obj["db_url"]):
        click.echo(f"released {path.stem}: exercises/{path.stem}/ and {course.paths(obj['root']).shown(path)}")


@cli.command("collect")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Replace submissions that were already collected.")
@click.pass_obj
def collect_command(obj, source, force):
    """Import submissions from a folder or zip exported by an LMS.

    Files are placed by name, <student>_<assignment>.ipynb, or by folders,
    <student>/<assignment>/<notebook>.ipynb, into <course state>/submitted/.

    \b
    Examples:
      course collect ~/Downloads/submissions.zip
      course collect class/ --force
    """
    from .instructor.collect import collect

    result = collect(obj["root"], source, course.assignments(obj["root"]), force=force)
    for line in result.placed:
        click.echo(f"collected {line}")
    for line in result.chosen:
        click.echo(f"several notebooks: {line}")
    for line in result.ignored:
        click.echo(f"ignored (not a notebook): {line}")
    for line in result.problems:
        click.echo(f"NOT collected: {line}", err=True)
    click.echo(f"{len(result.placed)} collected, {len(result.unchanged)} unchanged, "
               f"{len(result.ignored)} ignored, {len(result.problems)} not collected")
    if result.problems:
        raise SystemExit(1)


@cli.command("grade")
@click.argument("assignments", nargs=-1)
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--no-sandbox", is_flag=True,
              help="Run student code without the bubblewrap sandbox (only on a machine that cannot have "
                   "one: student code then runs as you and can read and change what you can).")
@click.pass_obj
def grade_command(obj, assignments, jobs, scheduler, no_sandbox):
    """Autograde every collected submission in parallel, into nbgrader's gradebook.

    Student code runs in a sandbox; every test cell is decided outside it. Broken
    files, damaged notebooks, crashes and tampering are graded with a reason (see
    <course state>/grading-log.json); one submission never stops the others. Afterwards the
    gradebook is checked against the judge's verdicts (as `course check` does). Exits
    with status 1 when a submission could not be graded, the gradebook disagrees with
    the judge, or no sandbox can be created.

    \b
    Examples:
      course grade                        # everything, all cores
      course grade 05-adam --jobs 4
      course grade --scheduler tcp://scheduler:8786
    """
    from .instructor.grading import grade_many, submissions
    from .judge.sandbox import SandboxUnavailable

    names = _assignments(obj, assignments)
    total = len(submissions(obj["root"], names))
    failures = 0
    with tqdm(total=total, unit="submission", desc="grading") as bar:
        def progress(outcome):
            nonlocal failures
            failures += outcome.status == "failed"
            bar.set_postfix(failed=failures)
            bar.update()
            if outcome.problems:
                tqdm.write(f"{outcome.student} {outcome.assignment}: {outcome.status}, "
                           f"{outcome.score:g}/{outcome.max_score:g}. " + " ".join(outcome.problems))

        try:
            outcomes = grade_many(obj["root"], names, jobs=jobs or os.cpu_count(), db_url=obj["db_url"],
                                  scheduler=scheduler, use_sandbox=not no_sandbox, progress=progress)
        except SandboxUnavailable as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"graded {len(outcomes)} submissions: "
               + ", ".join(f"{sum(o.status == s for o in outcomes)} {s}"
                           for s in ("graded", "rebuilt", "unreadable", "failed")))
    from .instructor.integrity import check_gradebook

    inconsistent = check_gradebook(obj["root"], obj["db_url"], names)
    for line in inconsistent:
        click.echo(f"gradebook: {line}", err=True)
    failed = [f"{o.student}/{o.assignment}" for o in outcomes if o.status == "failed"]
    if failed:
        click.echo(f"could not be graded: {', '.join(failed)}", err=True)
    if failed or inconsistent:
        raise SystemExit(1)


@cli.command("feedback")
@click.argument("assignments", nargs=-1)
@click.pass_obj
def feedback_command(obj, assignments):
    """Write each student's feedback HTML (scores and diagnoses, no hidden tests) to
    <course state>/feedback/<student>/<assignment>/."""
    with course.open_api(obj["root"], obj["db_url"]) as api:
        for name in _assignments(obj, assignments):
            result = api.generate_feedback(name)
            click.echo(f"feedback {name}: {'done' if result['success'] else result.get('log')}")


@cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--by-test", is_flag=True, help="One column per test cell instead of per assignment.")
@click.pass_obj
def export_command(obj, path, by_test):
    """Write grades as CSV for an LMS gradebook: a "Points Possible" row, then one row per
    student, one column per assignment (or test cell), a total and the number of missing
    submissions; a missing submission is left blank.

    \b
    Examples:
      course export                       # <course state>/grades.csv
      course export tests.csv --by-test
    """
    from .instructor.export import export_grades

    path = path or _default_output(obj, "grades.csv")
    click.echo(f"wrote {export_grades(obj['db_url'], path, by_test)} students to {path}")


@cli.command("report")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.pass_obj
def report_command(obj, path):
    """Write an HTML class report: score distributions, the pass rate of every test cell,
    the mistakes diagnosed (with hints), failures without a diagnosis, and the missing,
    unreadable, rebuilt and ungraded submissions (default <course state>/report.html)."""
    from .instructor.report import write_report

    path = path or _default_output(obj, "report.html")
    write_report(obj["root"], obj["db_url"], course.assignments(obj["root"]), path)
    click.echo(f"wrote {path}")


@cli.command("diagnose")
@click.argument("notebooks", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-sandbox", is_flag=True, help="Run the notebook's functions without the bubblewrap sandbox.")
@click.pass_obj
def diagnose_command(obj, notebooks, no_sandbox):
    """Run every check, hidden ones included, on filled-in notebooks and print, per graded
    function, "passed" or the diagnosis. Exits with status 0 only when every function
    of every notebook passes. For readers who cloned the repository (it needs solutions/).

    \b
    Examples:
      course diagnose ~/Downloads/05-adam.ipynb
      course diagnose exercises/*/*.ipynb
    """
    from .instructor.diagnose import diagnose
    from .judge import sandbox

    os.environ[sandbox.ENABLED_VARIABLE] = "off" if no_sandbox else "on"
    try:
        sandbox.require()
    except sandbox.SandboxUnavailable as error:
        raise click.ClickException(str(error)) from None
    all_passed = True
    for path in notebooks:
        result = diagnose(obj["root"], path)
        all_passed &= result.passed
        click.echo(f"{path} ({result.assignment or 'unknown assignment'}):")
        if result.problem:
            click.echo(f"  {result.problem}")
        for item, message in result.results.items():
            if message is None:
                click.echo(f"  {item}: passed")
            else:
                click.echo(f"  {item}: FAILED\n" + "\n".join(f"      {line}" for line in message.splitlines()))
    raise SystemExit(0 if all_passed else 1)


@cli.command("check")
@click.argument("assignments", nargs=-1)
@click.pass_obj
def check_command(obj, assignments):
    """Check the gradebook: every collected submission has a grade for every graded cell.
    Exits with status 1 when something is missing."""
    from .instructor.integrity import check_gradebook

    problems = check_gradebook(obj["root"], obj["db_url"], _assignments(obj, assignments))
    for line in problems:
        click.echo(line, err=True)
    click.echo("gradebook consistent" if not problems else f"{len(problems)} problems")
    raise SystemExit(1 if problems else 0)


@cli.command("simulate")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path), default="simulated-class")
@click.option("--students", "-n", type=int, default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--assignment", "assignments", multiple=True, help="Only these assignments.")
@click.pass_obj
def simulate_command(obj, out, students, seed, assignments):
    """Write a seeded simulated class, as an LMS would export it, into OUT.

    Submissions are correct, have one catalogued mistake, are untouched stubs or are
    broken files; the answer key is OUT.key.json.

    \b
    Example:
      course simulate class --students 40 && course collect class && course grade
    """
    from .instructor.simulate import simulate

    key = simulate(obj["root"], out, students, _assignments(obj, assignments), seed)
    click.echo(f"wrote {len(key)} submissions to {out}/ (answer key {out}.key.json)")
