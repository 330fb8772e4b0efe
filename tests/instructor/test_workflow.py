"""The instructor's cycle on a simulated class: collect, grade in parallel (scores equal
to serial nbgrader, also on a Dask cluster), feedback, export and report."""
import csv
import json
import zipfile

import pytest
from nbgrader.api import Gradebook

from autograder.instructor import course
from autograder.instructor.collect import collect
from autograder.instructor.export import export_grades
from autograder.instructor.grading import grade_many
from autograder.instructor.report import mistake_counts, write_report
from autograder.instructor.simulate import simulate
from tests.support import course_copy, state

A = ["01-gradient-descent", "03-momentum"]
pytestmark = pytest.mark.xdist_group("workflow")  # one worker, so the class is graded once


def grades(root, db_url=None):
    with Gradebook(db_url or course.load_config(root).CourseDirectory.db_url) as gb:
        return {(s.assignment.name, s.student.id, g.name): g.score
                for a in gb.assignments for s in a.submissions for n in s.notebooks for g in n.grades}


@pytest.fixture(scope="module")
def well_formed_class(tmp_path_factory):
    """Five students, correct work, catalogued mistakes and stubs (no broken files: serial
    nbgrader cannot grade those, so they are left to the robustness tests)."""
    base = tmp_path_factory.mktemp("class")
    course_copy(base)
    key = simulate(base, base / "lms", 5, A, seed=1, shares=(0.4, 0.4, 0.2, 0.0))
    return base, key


def graded_copy(target, source):
    """A course in ``target`` with the class collected, not yet graded."""
    target.mkdir(exist_ok=True)
    root = course_copy(target)
    placed = collect(root, source / "lms", course.assignments(root))
    assert not placed.problems
    return root


@pytest.fixture(scope="module")
def pool_graded(well_formed_class, tmp_path_factory):
    """The class graded by ``course grade`` with two worker processes into sqlite: the
    scores every other way of grading must reproduce, and what export and report read."""
    base, _ = well_formed_class
    root = graded_copy(tmp_path_factory.mktemp("pool"), base)
    return root, grade_many(root, A, jobs=2)


@pytest.mark.slow
def test_parallel_grading_gives_the_scores_of_serial_nbgrader(well_formed_class, pool_graded, tmp_path):
    base, key = well_formed_class
    parallel, outcomes = pool_graded
    serial = graded_copy(tmp_path, base)
    with course.open_api(serial) as api:
        for assignment in A:
            assert api.generate_assignment(assignment)["success"]
            for entry in key:
                if entry["assignment"] == assignment:
                    assert api.autograde(assignment, entry["student"])["success"]
    assert len(outcomes) == len(key) and all(o.status == "graded" for o in outcomes)
    assert grades(parallel) == grades(serial)
    correct = {(e["assignment"], e["student"]) for e in key if e["kind"] == "correct"}
    assert all(o.score == o.max_score for o in outcomes if (o.assignment, o.student) in correct)


@pytest.mark.slow
def test_a_dask_cluster_grades_like_the_process_pool(well_formed_class, pool_graded, tmp_path):
    from distributed import LocalCluster

    base, key = well_formed_class
    one = "01-gradient-descent"
    dask = graded_copy(tmp_path, base)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcomes = grade_many(dask, [one], scheduler=cluster.scheduler_address)
    assert len(outcomes) == sum(e["assignment"] == one for e in key)
    assert grades(dask) == {k: v for k, v in grades(pool_graded[0]).items() if k[0] == one}


@pytest.fixture
def postgresql(tmp_path, monkeypatch):
    """A real PostgreSQL server (from the ``pgserver`` wheel) with an empty database."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    import pgserver

    server = pgserver.get_server(tmp_path / "pgdata", cleanup_mode="stop")
    server.psql("CREATE DATABASE gradebook;")
    url = server.get_uri("gradebook").replace("postgresql://", "postgresql+psycopg2://")
    yield url
    server.cleanup()


@pytest.mark.slow
def test_a_postgresql_gradebook_gets_the_scores_of_sqlite(well_formed_class, pool_graded, tmp_path, postgresql):
    base, key = well_formed_class
    pg = graded_copy(tmp_path / "course", base)
    outcomes = grade_many(pg, A, jobs=2, db_url=postgresql)
    assert len(outcomes) == len(key) and all(o.status == "graded" for o in outcomes)
    assert grades(pg, postgresql) == grades(pool_graded[0])
    assert not state(pg).gradebook.exists()
    assert export_grades(postgresql, tmp_path / "grades.csv") == 5


def test_collect_places_lms_files_and_never_overwrites_silently(tmp_path):
    root = course_copy(tmp_path / "course") if (tmp_path / "course").mkdir() is None else None
    export = tmp_path / "export"
    (export / "bob" / "03-momentum").mkdir(parents=True)
    (export / "alice_01-gradient-descent.ipynb").write_text("{}")
    (export / "bob" / "03-momentum" / "anything.ipynb").write_text("{}")
    (export / "notes.txt").write_text("hello")
    (export / "carol_99-unknown.ipynb").write_text("{}")
    names = course.assignments(root)
    result = collect(root, export, names)
    assert len(result.placed) == 2 and result.ignored == ["notes.txt"] and len(result.problems) == 1
    assert (state(root).submitted / "alice/01-gradient-descent/01-gradient-descent.ipynb").exists()
    assert (state(root).submitted / "bob/03-momentum/anything.ipynb").exists()
    assert all("cannot tell" in p for p in result.problems)

    assert collect(root, export, names).unchanged == [
        "alice_01-gradient-descent.ipynb", "bob/03-momentum/anything.ipynb"]
    (export / "alice_01-gradient-descent.ipynb").write_text('{"new": 1}')
    refused = collect(root, export, names)
    assert any("already has a submission" in p and "--force" in p for p in refused.problems)
    assert (state(root).submitted / "alice/01-gradient-descent/01-gradient-descent.ipynb").read_text() == "{}"
    assert collect(root, export, names, force=True).placed

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("dave_03-momentum.ipynb", "{}")
    assert collect(root, archive, names).placed == [
        "dave_03-momentum.ipynb -> course-state/submitted/dave/03-momentum/03-momentum.ipynb"]


@pytest.mark.slow
def test_export_and_report_summarise_the_class(well_formed_class, pool_graded, tmp_path):
    _, key = well_formed_class
    root, _ = pool_graded
    db = course.load_config(root).CourseDirectory.db_url
    assert export_grades(db, tmp_path / "grades.csv") == 5
    possible, *rows = list(csv.DictReader(open(tmp_path / "grades.csv")))
    assert list(possible) == ["student", *A, "total", "missing"]
    assert possible["student"] == "Points Possible" and float(possible["total"]) == sum(float(possible[a]) for a in A)
    assert [r["student"] for r in rows] == [f"student00{i}" for i in range(1, 6)]
    assert all(float(r["total"]) == pytest.approx(sum(float(r[a] or 0) for a in A)) for r in rows)
    assert all(int(r["missing"]) == sum(r[a] == "" for a in A) for r in rows)
    assert export_grades(db, tmp_path / "tests.csv", by_test=True) == 5
    possible, *rows = list(csv.DictReader(open(tmp_path / "tests.csv")))
    assert "01-gradient-descent/test_sigmoid_against_reference" in possible and len(possible) > 10

    counts = mistake_counts(root, A)
    expected = [e["detail"] for e in key if e["kind"] == "mistake"]
    found = [f"{function}: {mc}" for function, counter in counts.items() for mc in counter]
    assert sorted(found) == sorted(set(expected)), (found, expected)
    page = write_report(root, db, A, tmp_path / "report.html").read_text()
    assert "What to re-teach" in page and all(detail.split(": ")[1] in page for detail in expected)
    assert "Pass rate per test cell" in page and "test_sigmoid_against_reference" in page
    assert "Failures without a diagnosis" in page and 'alt="figure"' not in page
    _report_fits_the_page(tmp_path / "report.html")
    log = json.loads(state(root).log.read_text())
    assert len(log) == len(key)


def test_collect_takes_the_notebook_that_matches_the_release_and_says_why(tmp_path):
    import nbformat

    from autograder.instructor.submissions import make_submission
    from tests.support import ROOT

    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course")
    export = tmp_path / "export"
    folder = export / "bob" / "05-adam"
    folder.mkdir(parents=True)
    nbformat.write(make_submission(ROOT, "05-adam", solved=False), folder / "05-adam.ipynb")
    nbformat.write(make_submission(ROOT, "05-adam"), folder / "my_adam_final.ipynb")
    nbformat.write(make_submission(ROOT, "03-momentum"), export / "carol_05-adam.ipynb")
    nbformat.write(make_submission(ROOT, "05-adam"), export / "carol_05-adam_v2.ipynb")
    (export / ".DS_Store").write_bytes(b"\0")
    result = collect(root, export, course.assignments(root))
    assert not result.problems and result.ignored == [".DS_Store"]
    assert sorted(result.chosen) == [
        "bob/05-adam: took bob/05-adam/my_adam_final.ipynb of bob/05-adam/05-adam.ipynb, "
        "bob/05-adam/my_adam_final.ipynb (it has the most solution cells worked on (2))",
        "carol/05-adam: took carol_05-adam_v2.ipynb of carol_05-adam.ipynb, carol_05-adam_v2.ipynb "
        "(it has 6 of the release's graded cells, the next best 0)"]
    assert (state(root).submitted / "bob/05-adam/my_adam_final.ipynb").exists()
    assert not (state(root).submitted / "bob/05-adam/05-adam.ipynb").exists()


def _report_fits_the_page(report):
    """In Chromium, at desktop and phone width, nothing in the report is wider than the
    window and no figure is taller than two screens."""
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import ARGS, CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width, height in ((1280, 800), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(report.as_uri())
            sizes = page.evaluate("() => [document.documentElement.scrollWidth, "
                                  "Array.from(document.images, i => [i.clientWidth, i.clientHeight])]")
            assert sizes[0] <= width, f"the report is {sizes[0]} px wide in a {width} px window"
            assert sizes[1] and all(w <= width and h <= 2 * height for w, h in sizes[1]), sizes[1]
            page.close()
        browser.close()
