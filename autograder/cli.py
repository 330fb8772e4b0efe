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

from .escape import terminal
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


def _roster(path: Path):
    """The LMS roster at ``path``; a file that is none stops the command in one line."""
    from .instructor.lms import RosterError, read_roster

    try:
        return read_roster(path)
    except RosterError as error:
        raise click.ClickException(str(error)) from None


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
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The LMS's gradebook export (Canvas or Moodle): SOURCE is then that LMS's bulk download.")
@click.pass_obj
def collect_command(obj, source, force, roster):
    """Import submissions from a folder or zip exported by an LMS.

    Without --roster, files are placed by name, <student>_<assignment>.ipynb (or
    <student>_<anything>.ipynb, the assignment recognised from the notebook), or by
    folders, <student>/<assignment>/<notebook>.ipynb, into <course state>/submitted/.
    With --roster, SOURCE is a Canvas or Moodle bulk download (zip or folder, of one or
    more assignments, zips inside a folder too) and ROSTER that LMS's gradebook export:
    Canvas files are placed by the roster's ID, Moodle folders by the student's full
    name; the student id is the SIS Login ID (Canvas) or ID number (Moodle); the
    assignment is recognised from each notebook's content. Symbolic links and files
    outside the source are refused. Exits 1 when a file could not be placed.

    \b
    Examples:
      course collect ~/Downloads/submissions.zip
      course collect class/ --force
      course collect ~/Downloads/submissions.zip --roster ~/Downloads/grades.csv
    """
    from .instructor.collect import collect

    result = collect(obj["root"], source, course.assignments(obj["root"]), force=force,
                     roster=_roster(roster) if roster else None)
    for line in result.placed:
        click.echo(f"collected {terminal(line)}")
    for line in result.chosen:
        click.echo(f"several notebooks: {terminal(line)}")
    for line in result.ignored:
        click.echo(f"ignored (not a notebook): {terminal(line)}")
    for line in result.problems:
        click.echo(f"NOT collected: {terminal(line)}", err=True)
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
@click.option("--all", "everything", is_flag=True, help="Grade every submission again, also unchanged ones.")
@click.pass_obj
def grade_command(obj, assignments, jobs, scheduler, no_sandbox, everything):
    """Autograde every collected submission in parallel, into nbgrader's gradebook.

    Only submissions that are new, changed (their files or their assignment's source)
    or failed since they were last graded are graded; --all grades all of them. An
    interrupted run resumes where it stopped. Student code runs in a sandbox; every
    test cell is decided outside it. Broken
    files, damaged notebooks, crashes and tampering are graded with a reason (see
    <course state>/grading-log.json); one submission never stops the others. Afterwards the
    gradebook is checked against the judge's verdicts (as `course check` does). Exits
    with status 1 when a submission could not be graded, the gradebook disagrees with
    the judge, or no sandbox can be created.

    \b
    Examples:
      course grade                        # what changed, all cores
      course grade --all                  # everything again
      course grade 05-adam --jobs 4
      course grade --scheduler tcp://scheduler:8786
    """
    from .instructor.grading import grade_many, to_grade
    from .judge.sandbox import SandboxUnavailable

    names = _assignments(obj, assignments)
    todo, unchanged = to_grade(obj["root"], names, obj["db_url"], everything)
    if unchanged:
        click.echo(f"{len(unchanged)} submissions unchanged since they were graded: not graded again "
                   "(--all grades them too)")
    total = len(todo)
    failures = 0
    with tqdm(total=total, unit="submission", desc="grading", disable=not total) as bar:
        def progress(outcome):
            nonlocal failures
            failures += outcome.status == "failed"
            bar.set_postfix(failed=failures)
            bar.update()
            if outcome.problems:
                tqdm.write(terminal(f"{outcome.student} {outcome.assignment}: {outcome.status}, "
                                    f"{outcome.score:g}/{outcome.max_score:g}. " + " ".join(outcome.problems)))

        try:
            outcomes = grade_many(obj["root"], names, jobs=jobs or os.cpu_count(), db_url=obj["db_url"],
                                  scheduler=scheduler, use_sandbox=not no_sandbox, progress=progress,
                                  everything=everything, todo=todo)
        except SandboxUnavailable as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"graded {len(outcomes)} submissions: "
               + ", ".join(f"{sum(o.status == s for o in outcomes)} {s}"
                           for s in ("graded", "rebuilt", "unreadable", "failed")))
    from .instructor.integrity import check_gradebook

    inconsistent = check_gradebook(obj["root"], obj["db_url"], names)
    for line in inconsistent:
        click.echo(f"gradebook: {terminal(line)}", err=True)
    failed = [f"{o.student}/{o.assignment}" for o in outcomes if o.status == "failed"]
    if failed:
        click.echo(f"could not be graded: {terminal(', '.join(failed))}", err=True)
    if failed or inconsistent:
        raise SystemExit(1)


@cli.command("feedback")
@click.argument("assignments", nargs=-1)
@click.pass_obj
def feedback_command(obj, assignments):
    """Write each student's feedback HTML (scores and diagnoses, no hidden tests) to
    <course state>/feedback/<student>/<assignment>/, for every graded submission.
    Assignments nobody's submission was graded for are skipped, or, when named, a
    problem. One line per assignment or problem; exits 1 when a page is missing."""
    from .instructor.feedback import feedback

    results = feedback(obj["root"], obj["db_url"], _assignments(obj, assignments), named=bool(assignments))
    for result in results:
        if result.pages:
            click.echo(f"feedback {result.assignment}: {len(result.pages)} pages in "
                       f"{course.paths(obj['root']).shown(course.paths(obj['root']).feedback)}/<student>/{result.assignment}/")
        for line in result.problems:
            click.echo(f"feedback {result.assignment}: {terminal(line)}", err=True)
    skipped = [r.assignment for r in results if not r.pages and not r.problems]
    if skipped:
        click.echo(f"no submission graded, no feedback: {', '.join(skipped)}")
    if any(r.problems for r in results):
        raise SystemExit(1)


@cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--by-test", is_flag=True, help="One column per test cell instead of per assignment.")
@click.option("--lms", type=click.Choice(["canvas", "moodle"]), default=None,
              help="Write what this LMS's gradebook import accepts (needs --roster).")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The LMS's own gradebook export, whose students, identity columns and assignment titles "
                   "the file keeps.")
@click.pass_obj
def export_command(obj, path, by_test, lms, roster):
    """Write grades as CSV. Plainly: a "Points Possible" row, then one row per student,
    one column per assignment (or test cell), a total and the number of missing
    submissions; a missing submission is left blank.

    With --lms canvas/moodle and --roster (that LMS's gradebook export): the roster's
    identity columns and students in its order, one column per course assignment titled
    as in the roster, nothing else; Canvas gets its Points Possible row, Moodle none.

    \b
    Examples:
      course export                       # <course state>/grades.csv
      course export tests.csv --by-test
      course export canvas.csv --lms canvas --roster ~/Downloads/grades.csv
    """
    from .instructor.export import export_for_lms, export_grades

    if bool(lms) != bool(roster):
        raise click.ClickException("--lms and --roster go together: the roster is that LMS's gradebook export")
    path = path or _default_output(obj, f"grades-{lms}.csv" if lms else "grades.csv")
    if not lms:
        click.echo(f"wrote {export_grades(obj['db_url'], path, by_test)} students to {path}")
        return
    read = _roster(roster)
    if read.lms != lms:
        raise click.ClickException(f"{roster} is a {read.lms.capitalize()} gradebook export, not {lms.capitalize()}'s")
    count, left_out = export_for_lms(obj["db_url"], path, read, course.assignments(obj["root"]))
    for line in left_out:
        click.echo(f"not exported: {line}", err=True)
    click.echo(f"wrote {count} students of {roster.name} to {path} for {lms.capitalize()}'s gradebook import")


@cli.command("report")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--assignment", "named", multiple=True,
              help="Count missing work for this assignment even if nobody submitted it (repeatable).")
@click.pass_obj
def report_command(obj, path, named):
    """Write an HTML class report: score distributions, the pass rate of every test cell,
    the mistakes diagnosed (with hints), failures without a diagnosis, and the missing,
    unreadable, rebuilt and ungraded submissions (default <course state>/report.html).
    Missing work is counted for the assignments someone submitted, and those named."""
    from .instructor.report import write_report

    path = path or _default_output(obj, "report.html")
    write_report(obj["root"], obj["db_url"], course.assignments(obj["root"]), path, _assignments(obj, named) if named else [])
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
        click.echo(f"{terminal(path)} ({result.assignment or 'unknown assignment'}):")
        if result.problem:
            click.echo(f"  {terminal(result.problem)}")
        for item, message in result.results.items():
            if message is None:
                click.echo(f"  {item}: passed")
            else:
                click.echo(f"  {item}: FAILED\n" + "\n".join(f"      {terminal(line)}" for line in message.splitlines()))
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
        click.echo(terminal(line), err=True)
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
