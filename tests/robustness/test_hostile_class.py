"""A red team: a class of broken and hostile submissions, graded before the correct ones
by the real ``course grade --jobs 2`` (nbgrader, the sandbox and the judge underneath).
Correct work keeps full marks; every attack scores 0 for the function it targets and
gets a reason; nothing on disk outside the course-state folder changes; no
process the test started is signalled; no connection leaves the sandbox; the exit status
is 0 (everything could be graded). The table of cases with what each got is written to
test-artifacts/hostile-class.md, and each student's feedback carries the same reasons."""
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest

import autograder
from autograder import misconceptions
from autograder.spec import GRADED
from autograder.instructor import course
from autograder.instructor.integrity import check_gradebook
from autograder.instructor.submissions import make_submission
from tests.site.leaks import normalize
from tests.support import ARTIFACTS, ROOT, course_copy, state

A = "01-gradient-descent"


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def edited(grade_id, extra, nb=None):
    nb = nb or make_submission_for_class()
    cell(nb, grade_id).source += "\n" + extra
    return nb


def make_submission_for_class(overrides=None):
    return make_submission(ROOT, A, overrides)


def sigmoid_raises(z):
    raise ValueError("oops")


def sigmoid_none(z):
    return None


def sigmoid_wrong_shape(z):
    return np.zeros(3)  # noqa: F821


def sigmoid_nan(z):
    return np.full(np.shape(z), np.nan)  # noqa: F821


def sigmoid_huge(z):
    return np.ones(10 ** 7)  # noqa: F821


def sigmoid_loops(z):
    while True:
        pass


def sigmoid_fake_equal(z):
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True
    return AlwaysEqual(0.5)


def sigmoid_from_reference(z):
    from autograder.references.gradient_descent import sigmoid
    return sigmoid(z)


def sigmoid_noisy(z):
    import sys
    import warnings

    warnings.warn("harmless", RuntimeWarning)
    warnings.warn("old API", DeprecationWarning)
    print("debug", file=sys.stderr)
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))  # noqa: F821
    return np.where(np.asarray(z) >= 0, 1 / (1 + e), e / (1 + e))  # noqa: F821


def sigmoid_wrong(z):
    return z


def deleted(nb):
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_sigmoid_basics"]
    return nb


def duplicated(nb):
    nb.cells = nb.cells + [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")][:3]
    return nb


def reordered(nb):
    nb.cells = nb.cells[:3] + nb.cells[6:9] + nb.cells[3:6] + nb.cells[9:]
    return nb


def retyped(nb):
    target = cell(nb, "sigmoid")
    target.cell_type = "markdown"
    target.pop("outputs"), target.pop("execution_count")
    return nb


def with_markup(nb):
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("My notes <script>alert(3)</script> [see](javascript:alert(4))"))
    return nb


# name -> (file bytes or notebook, expected: "full", "zero-for-sigmoid", "zero", or "partial")
CASES = {
    "correct": (make_submission_for_class(), "full"),
    "noisy but correct": (make_submission_for_class({"sigmoid": sigmoid_noisy}), "full"),
    "renamed notebook, correct code": (make_submission_for_class(), "full"),
    "under the wrong assignment": (make_submission(ROOT, "03-momentum"), "zero"),
    "empty file": (b"", "zero"),
    "invalid JSON": (b'{"cells": [', "zero"),
    "JSON, not a notebook": (b'{"answer": 42}', "zero"),
    "deleted test cell": (deleted(make_submission_for_class()), "full"),
    "markup in a markdown cell": (with_markup(make_submission_for_class()), "full"),
    "duplicated test cells": (duplicated(make_submission_for_class()), "full"),
    "reordered cells": (reordered(make_submission_for_class()), "full"),
    "solution cell turned markdown": (retyped(make_submission_for_class()), "full"),
    "raises": (make_submission_for_class({"sigmoid": sigmoid_raises}), "zero-for-sigmoid"),
    "returns None": (make_submission_for_class({"sigmoid": sigmoid_none}), "zero-for-sigmoid"),
    "wrong shape": (make_submission_for_class({"sigmoid": sigmoid_wrong_shape}), "zero-for-sigmoid"),
    "nan": (make_submission_for_class({"sigmoid": sigmoid_nan}), "zero-for-sigmoid"),
    "huge array": (make_submission_for_class({"sigmoid": sigmoid_huge}), "zero-for-sigmoid"),
    "infinite loop": (make_submission_for_class({"sigmoid": sigmoid_loops}), "partial"),
    "sleep at top level": (edited("sigmoid", "import time\ntime.sleep(600)"), "full"),
    "flood of output": (edited("sigmoid", "for i in range(200000):\n    print('spam', i)"), "full"),
    "memory hog": (edited("sigmoid", "hog = np.ones(10 ** 10)"), "full"),
    "object faking equality": (make_submission_for_class({"sigmoid": sigmoid_fake_equal}), "zero-for-sigmoid"),
    "np.allclose patched": (edited("sigmoid", "np.allclose = lambda *a, **k: True",
                                   make_submission_for_class({"sigmoid": sigmoid_wrong})), "zero-for-sigmoid"),
    "fake checks module": (edited("sigmoid", "import sys, types\nsys.modules['autograder.checks.gradient_descent'] = "
                                  "types.SimpleNamespace(**{n: (lambda f: None) for n in ['check_sigmoid', "
                                  "'check_log_loss', 'check_log_loss_grad', 'check_gd_update', 'check_learning_rate']})",
                                  make_submission_for_class({"sigmoid": sigmoid_wrong})), "zero-for-sigmoid"),
    "reads the reference": (make_submission_for_class({"sigmoid": sigmoid_from_reference}), "zero-for-sigmoid"),
    "sys.exit": (edited("sigmoid", "import sys\nsys.exit(0)"), "full"),
    "slow but correct": (edited("sigmoid", "import time\ntime.sleep(7)", edited("log_loss", "time.sleep(7)",
                                edited("log_loss_grad", "time.sleep(7)"))), "full"),
    "os._exit": (edited("sigmoid", "import os\nos._exit(0)"), "full"),
}


def attack(code):
    """A wrong sigmoid with ``code`` at the top level of its solution cell: whatever the
    code does, the sigmoid must score 0 and nothing outside the sandbox may change."""
    return edited("sigmoid", code, make_submission_for_class({"sigmoid": sigmoid_wrong}))


def redefined_later():
    """A correct sigmoid, which passes its visible test in the kernel, replaced by a wrong
    one in a later solution cell: the kernel's pass must not count."""
    return edited("log_loss", "sigmoid = lambda z: z")


def attacks(root: Path, listener_port: int, bystander_pid: int) -> dict:
    """The red team's attack code for a course at ``root`` (None: :func:`redefined_later`);
    the listener and the bystander process are the test's own."""
    gradebook = state(root).gradebook
    package = Path(autograder.__file__).parent
    return {
        "kills its worker's parent": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
        "kills pid 1 of its namespace": "import os, signal\nos.kill(1, signal.SIGKILL)",
        "deletes nbgrader_config.py": f"import os\nos.remove({str(root / 'nbgrader_config.py')!r})",
        "deletes the release by a relative path": "import shutil\nshutil.rmtree('../../../../exercises')",
        "writes extra credit into the gradebook": (
            f"import sqlite3\ndb = sqlite3.connect({str(gradebook)!r})\n"
            "db.execute('UPDATE grade SET extra_credit = 100, manual_score = 1000')\ndb.commit()"),
        "appends to the grader package": (
            f"open({str(package / 'checks' / 'harness.py')!r}, 'a').write('\\nraise SystemExit')"),
        "writes a file at the course root": f"open({str(root / 'planted.txt')!r}, 'w').write('owned')",
        "prints the solutions and references": (
            f"import glob\nfor f in glob.glob({str(root / 'solutions' / '*' / '*.ipynb')!r}) + "
            f"glob.glob({str(package / 'references' / '*.py')!r}):\n    print(open(f).read())"),
        "reads the references through sys.modules": (
            "import sys\nref = sys.modules.get('autograder.references.gradient_descent')\n"
            "sigmoid = ref.sigmoid if ref else sigmoid"),
        "asks the judge's runner for the expected answer": (
            "import gc\ndef sigmoid(z):\n"
            "    runner = next(o for o in gc.get_objects() if type(o).__name__ == 'Runner')\n"
            "    return runner.stub('sigmoid')(z)"),
        "forges passing tests by hiding tracebacks": (
            "ip = get_ipython()\nip._showtraceback = lambda *a, **k: None\n"
            "ip.showtraceback = lambda *a, **k: None"),
        "forges the judge's protocol on stdout": (
            "import sys, json\nsys.__stdout__.write(json.dumps({'test_sigmoid_basics': None}) + '\\n')"),
        "redefines sigmoid after its tests": None,
        "fork bomb": (
            "import os, time\nchildren = []\ntry:\n    while True:\n        pid = os.fork()\n"
            "        if pid == 0:\n            time.sleep(600)\n            os._exit(0)\n"
            "        children.append(pid)\nexcept OSError:\n    pass"),
        "symlinks out of its scratch folder": (
            f"import os\nos.symlink({str(root)!r}, 'course')\nos.symlink('/etc/passwd', 'pw')\n"
            "print(os.listdir('course'))\nopen('course/planted-by-symlink.txt', 'w').write('owned')"),
        "writes to the system": "open('/usr/planted.txt', 'w').write('owned')",
        "opens a network connection": (
            f"import socket\nsocket.create_connection(('127.0.0.1', {listener_port}), timeout=3).sendall(b'leak')"),
        "signals a process outside": f"import os, signal\nos.kill({bystander_pid}, signal.SIGKILL)",
        "floods the output, wrong code": "for i in range(3_000_000):\n    print('spam' * 10, i)",
        "hogs memory, wrong code": "hog = np.ones(10 ** 10)",
        "one huge output message": "print('x' * 64_000_000)",
        "returns a generator named after numpy's test suite": (
            "class Named(np.random.PCG64):\n    @property\n    def state(self):\n"
            "        return {'bit_generator': 'test', 'state': {}}\n"
            "def sigmoid(z):\n    return np.random.Generator(Named())"),
        "forges its runner's replies": (
            "import gc\n_ = [setattr(o, 'call', lambda name, args, stubs, real=o.call: {'result': {'__float__': '0.5'}, "
            "'verdict': 'passed'} if name == 'sigmoid' else real(name, args, stubs)) "
            "for o in gc.get_objects() if type(o).__name__ == 'Runner']"),
        "changes its input in place with numpy's comparison patched": (
            "np.array_equal = lambda *a, **k: True\n"
            "def sigmoid(z):\n    z = np.asarray(z)\n    if z.ndim:\n        z *= 0.0\n"
            "    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))"),
        "overflows with numpy's error handling patched": (
            "import contextlib\nnp.errstate = lambda **k: contextlib.nullcontext()\n"
            "def sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))"),
        "writes a forged diagnosis and escape codes into its errors": (
            "def sigmoid(z):\n    raise type('\\x1b[2J\\rgraded s000 13/13', (Exception,), {})("
            "'Most likely mistake [adam.no_bias_correction]: \\x1b[31m<script>alert(1)</script>')"),
        "puts markup in its markdown and outputs": (
            "from IPython.display import HTML, Javascript, display\n"
            "display(HTML('<img src=x onerror=alert(1)>'))\ndisplay(Javascript('alert(2)'))"),
        "prints every cell its kernel runs": (
            "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))"),
        "creates many small files": (
            "import os\nos.makedirs('many', exist_ok=True)\ntry:\n    for i in range(100_000):\n"
            "        open(f'many/{i}', 'w').close()\nexcept OSError as error:\n    print('stopped at', i, error)"),
        "updates one display with a huge image": (
            "from IPython.display import display, update_display\n"
            "for _i in range(60):\n    display({'text/plain': 'x'}, raw=True, display_id='amp')\n"
            "update_display({'image/png': 'A' * 4_000_000}, raw=True, display_id='amp')"),
        "writes script into an image's width": (
            "from IPython.display import display\ndisplay({'image/png': 'bad!!', 'text/plain': 'i'}, raw=True, "
            "metadata={'image/png': {'width': '1 onerror=alert(document.title) x'}})"),
        "raises KeyboardInterrupt and SystemExit from its function": (
            "def sigmoid(z):\n    raise KeyboardInterrupt('stop the grader')"),
        "a solution cell of 3 MB": "_junk = [" + "1," * 1_500_000 + "]",
        "fills its disk": (
            "try:\n    for i in range(8):\n        open(f'big{i}', 'wb').write(b'x' * 60_000_000)\n"
            "except OSError as error:\n    print('stopped at', i, error)"),
    }


def _edited_locked(wrong):
    nb = make_submission_for_class({"sigmoid": sigmoid_wrong} if wrong else None)
    cell(nb, "test_sigmoid_basics").source = "pass"
    return nb


CASES |= {"edited locked test, correct code": (_edited_locked(False), "full"),
          "edited locked test, wrong code": (_edited_locked(True), "zero-for-sigmoid")}


REASONS = {
    "under the wrong assignment": "belongs to assignment 03-momentum",
    "infinite loop": "time limit",
    "sleep at top level": "time limit",
    "slow but correct": "for the whole notebook",
    "flood of output": "too long and was cut: sigmoid",
    "memory hog": "sigmoid (MemoryError",
    "sys.exit": "sigmoid (SystemExit",
    "redefines sigmoid after its tests": "fail the grader's own checks",
    "floods the output, wrong code": "too long and was cut",
}
"""Cases whose reason must say this: their scores alone would not tell the student why."""

ASSIGNMENT_MISTAKES = {m.id for name in GRADED[A] + ("learning_rate",) for m in misconceptions.for_function(name)}
"""The ids the checks of this assignment can name: a student's text can never add one."""

CLASS_SIZE = 70
"""The hostile cases, and correct submissions (alternately quiet and noisy) up to this size."""


def fingerprint(root: Path) -> dict[str, str]:
    """Hash of every file of the course and of the grader package, except the course-state
    folder grading writes (submissions, autograded copies, feedback, gradebook, log)."""
    working = state(root).state
    files = {}
    for base in (root, Path(autograder.__file__).parent):
        for path in sorted(base.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.is_relative_to(working):
                continue
            files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


@pytest.mark.slow
def test_every_broken_or_hostile_submission_gets_what_it_earned_with_a_reason(tmp_path):
    root = course_copy(tmp_path, timeout=10)
    with open(root / "nbgrader_config.py", "a") as config:  # a slow notebook meets the total before any one cell's
        config.write("\nc.SandboxedExecute.total_seconds = 18\n")
    listener = socket.create_server(("127.0.0.1", 0))
    connections = []
    threading.Thread(target=lambda: connections.append(listener.accept()), daemon=True).start()
    bystander = subprocess.Popen(["sleep", "3600"])  # outlives the grading, however loaded the machine
    cases = dict(CASES)
    cases |= {name: (attack(code) if code else redefined_later(), "zero-for-sigmoid")
              for name, code in attacks(root, listener.getsockname()[1], bystander.pid).items()}
    for extra in range(CLASS_SIZE - len(cases)):
        name = "correct" if extra % 2 else "noisy but correct"
        cases[f"{name} #{extra}"] = CASES[name]
    students = {}
    for index, (name, (content, _)) in enumerate(cases.items()):
        student = f"s{index:03d}"
        students[student] = name
        folder = state(root).submission(student, A)
        folder.mkdir(parents=True)
        data = content if isinstance(content, bytes) else nbformat.writes(content).encode()
        (folder / ("my-work.ipynb" if name.startswith("renamed") else f"{A}.ipynb")).write_bytes(data)
    before = fingerprint(root)
    try:
        done = subprocess.run([str(Path(sys.executable).parent / "course"), "--root", str(root), "grade", A,
                               "--jobs", "2"], capture_output=True, text=True, timeout=3000)
        assert bystander.poll() is None, "a submission killed a process outside its sandbox"
    finally:
        bystander.kill()
        listener.close()
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert fingerprint(root) == before, "files outside the working folders changed"
    graded = [p.stat().st_size for p in state(root).autograded.rglob("*.ipynb")]
    assert graded and max(graded) < 40 * 1024 ** 2, "an autograded notebook grew past the output caps"
    assert "\x1b[2J" not in done.stdout + done.stderr, "a student's escape codes reached the console"
    assert not connections, "a submission connected to the grading machine's network"

    log = json.loads(state(root).log.read_text())
    outcomes = {entry["student"]: entry for entry in log.values()}
    rows, wrong = [], []
    for student, name in students.items():
        outcome, expected = outcomes[student], cases[name][1]
        score, top = outcome["score"], outcome["max_score"]
        reasons = outcome["problems"] + [f"{test}: {why}" for test, why in outcome["failed"].items()]
        with_reason = expected == "full" or bool(reasons)
        if expected == "zero-for-sigmoid":
            with_reason = any(test.startswith("test_sigmoid_") for test in outcome["failed"])
        assert set(outcome["mistakes"].values()) <= ASSIGNMENT_MISTAKES, \
            f"{name}: a mistake id that no check of this assignment names: {outcome['mistakes']}"
        rows.append(f"| {name} | {outcome['status']} | {score:g}/{top:g} | "
                    f"{'; '.join(reasons)[:200] or '-'} |")
        ok = {"full": score == top,
              "zero": score == 0 and outcome["problems"],
              "zero-for-sigmoid": 0 < score <= top - 3
              and not any(outcome["verdicts"].get(t) for t in ("test_sigmoid_basics", "test_sigmoid_against_reference")),
              "partial": 0 < score < top}[expected]
        if name in REASONS:
            with_reason = any(REASONS[name] in p for p in outcome["problems"])
        if not (ok and with_reason):
            wrong.append((name, expected, outcome))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "hostile-class.md").write_text(
        "| submission | status | score | reason given |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    assert not wrong, "\n".join(f"{n}: expected {e}, got {o}" for n, e, o in wrong)
    assert check_gradebook(root, course.load_config(root).CourseDirectory.db_url, [A]) == []
    assert len(log) == len(cases) == CLASS_SIZE

    with course.open_api(root) as api:
        assert api.generate_feedback(A)["success"]
    reference_lines = [normalize(line).strip() for line in (ROOT / "autograder" / "references" / "gradient_descent.py")
                       .read_text().splitlines() if len(line.strip()) > 40 and "return" not in line]
    for student, name in students.items():
        raw = state(root).feedback_page(student, A).read_text()
        page = normalize(raw)
        missing = [p for p in outcomes[student]["problems"] if normalize(p)[:80] not in page]
        assert not missing, f"{name}: the feedback lacks {missing}"
        assert "BEGIN HIDDEN TESTS" not in page and not re.search(r"check_\w+\(", page), \
            f"{name}: the feedback shows hidden test code"
        assert "BEGIN SOLUTION" not in page and not any(line in page for line in reference_lines), \
            f"{name}: the feedback shows solution or reference code"
        assert "<img src=x onerror" not in raw and "<script>alert" not in raw and 'href="javascript:' not in raw \
            and "width=1 onerror" not in raw \
            and not re.search(r"<script[^>]*>[^<]*alert\(2\)", raw), \
            f"{name}: the student's markup is live in the feedback"
