"""The instructor's ``course`` command: one subcommand per step of the grading cycle.

Each subcommand parses its arguments, calls a function of ``autograder.instructor`` and
prints the outcome; the functions are what the tests call.
"""
from pathlib import Path

import click

from .instructor import course
from .instructor.release import release


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Course folder (default: the one containing the current directory).")
@click.option("--db", "db_url", default=None,
              help="Gradebook URL (default: sqlite under autograder/), e.g. "
                   "postgresql://user@localhost/gradebook")
@click.pass_context
def main(ctx, root, db_url):
    """Run the course "Why is my loss going up?": release, collect, grade, feedback,
    export, report."""
    ctx.obj = {"root": course.find_root(root or "."), "db_url": db_url}


@main.command("release")
@click.argument("assignments", nargs=-1)
@click.pass_obj
def release_command(obj, assignments):
    """Regenerate exercises/ from solutions/ and zip each assignment for students.

    \b
    Examples:
      course release                      # every assignment
      course release 05-adam              # one assignment
    """
    names = list(assignments) or course.assignments(obj["root"])
    for path in release(obj["root"], names, obj["db_url"]):
        click.echo(f"released {path.stem}: exercises/{path.stem}/ and {path.relative_to(obj['root'])}")
