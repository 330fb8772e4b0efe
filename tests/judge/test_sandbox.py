"""What can student code do from inside the sandbox? Each test runs the attack as a
submission's solution code in a real sandboxed runner and asks the grading machine
whether anything happened."""
import os
import socket
import subprocess
import tempfile
import threading

import pytest

import autograder
from autograder.judge import sandbox
from autograder.judge.remote import FunctionServer
from tests.support import ROOT

pytestmark = pytest.mark.skipif(not sandbox.enabled(), reason="grading without a sandbox")


def run(code: str, call: str = "probe"):
    """Define ``code`` in a sandbox and return what ``probe()`` returns (or raises)."""
    with FunctionServer([code], callback=lambda name, args: None) as server:
        result, error, _, _ = server.function(call).run(())
        return result if error is None else error


def test_the_course_and_the_grader_package_are_invisible():
    found = run(f"""
import os
def probe():
    paths = [{str(ROOT)!r} + p for p in ('/solutions', '/nbgrader_config.py', '/autograder', '/exercises')]
    paths += [{os.path.dirname(autograder.__file__)!r}, {os.path.expanduser('~/.bashrc')!r}]
    return [p for p in paths if os.path.exists(p)]
""")
    assert found == []


def test_the_grader_package_cannot_be_imported():
    error = run("def probe():\n    import autograder.references.adam\n")
    assert isinstance(error, ImportError)


@pytest.mark.parametrize("target", ["/usr/planted", "/etc/planted", "/planted", str(ROOT / "planted")])
def test_nothing_outside_the_scratch_folder_is_writable(target):
    error = run(f"def probe():\n    open({target!r}, 'w').write('owned')\n")
    assert isinstance(error, OSError)
    assert not os.path.exists(target)


def test_a_symlink_out_of_scratch_leads_nowhere():
    result = run(f"""
import os
def probe():
    os.symlink({str(ROOT)!r}, 'course')
    try:
        open('course/planted', 'w').write('owned')
    except OSError as error:
        return type(error).__name__
""")
    assert result in ("FileNotFoundError", "PermissionError") and not (ROOT / "planted").exists()


def test_no_network_not_even_the_grading_machine_s_loopback():
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    try:
        error = run(f"import socket\ndef probe():\n    socket.create_connection(('127.0.0.1', "
                    f"{listener.getsockname()[1]}), timeout=3)\n")
    finally:
        listener.close()
    assert isinstance(error, OSError) and not accepted


def test_processes_outside_cannot_be_seen_or_signalled():
    bystander = subprocess.Popen(["sleep", "120"])
    try:
        result = run(f"import os, signal\ndef probe():\n    try:\n        os.kill({bystander.pid}, signal.SIGKILL)\n"
                     "    except OSError as error:\n        return type(error).__name__, len(os.listdir('/proc'))\n")
        assert bystander.poll() is None
        assert result[0] == "ProcessLookupError"
    finally:
        bystander.kill()


def test_a_fork_bomb_stops_at_the_process_limit():
    result = run("""
import os, time
def probe():
    children = 0
    try:
        while children < 10_000:
            if os.fork() == 0:
                time.sleep(60)
                os._exit(0)
            children += 1
    except OSError:
        return children
""")
    assert isinstance(result, int) and result < sandbox.PROCESSES


def test_memory_is_limited():
    error = run("import numpy as np\ndef probe():\n    return np.ones(10 ** 10).sum()\n")
    assert isinstance(error, MemoryError)


def test_a_runner_that_kills_itself_costs_only_that_call():
    with FunctionServer(["import os\ndef die():\n    os._exit(3)", "def fine():\n    return 2.5"],
                        callback=lambda name, args: None) as server:
        _, error, _, _ = server.function("die").run(())
        assert "ended" in str(error)
        assert server.function("fine")() == 2.5


def test_a_function_that_never_returns_is_stopped(monkeypatch):
    monkeypatch.setattr("autograder.judge.remote.CALL_SECONDS", 2)
    with FunctionServer(["def hang():\n    while True:\n        pass", "def fine():\n    return 1.0"],
                        callback=lambda name, args: None) as server:
        _, error, _, _ = server.function("hang").run(())
        assert isinstance(error, TimeoutError)
        assert server.function("fine")() == 1.0


def test_grading_refuses_to_start_without_bubblewrap(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    sandbox.require.cache_clear()
    try:
        with pytest.raises(sandbox.SandboxUnavailable, match="--no-sandbox"):
            sandbox.require()
    finally:
        sandbox.require.cache_clear()


def test_no_sandbox_is_explicit_and_runs_unconfined(monkeypatch):
    monkeypatch.setenv(sandbox.ENABLED_VARIABLE, "off")
    scratch = sandbox.Scratch.create()
    assert sandbox.wrap(["python"], scratch) == ["python"]
    scratch.remove()
    assert run(f"import os\ndef probe():\n    return os.path.exists({str(ROOT / 'solutions')!r})\n") is True


def test_no_two_grading_processes_give_their_sandboxes_the_same_user_id():
    uids = {pid: {sandbox.sandbox_uid(pid, n) for n in range(2000)} for pid in (2, 3, 1000, 1001, 4_194_303)}
    assert all(uids[p].isdisjoint(uids[q]) for p in uids for q in uids if p < q)
    assert min(map(min, uids.values())) > 65534 and max(map(max, uids.values())) < 2 ** 32 - 1


@pytest.mark.skipif(os.geteuid() != 0, reason="only a root grader switches users")
def test_a_live_sandbox_s_user_id_is_never_given_to_another_one():
    alive = sandbox.Scratch.create()
    later = []
    for _ in range(sandbox.SANDBOXES_PER_PROCESS + 5):
        scratch = sandbox.Scratch.create()
        later.append(scratch.uid)
        scratch.remove()
    alive.remove()
    assert alive.uid not in later


@pytest.mark.skipif(os.geteuid() != 0, reason="only a root grader switches users")
def test_the_sandbox_runs_as_a_user_of_its_own_when_the_grader_is_root():
    assert run("import os\ndef probe():\n    return os.getuid()\n") >= sandbox.UID_BASE


def test_solution_cells_that_cannot_be_defined_fail_every_function_with_a_reason(monkeypatch):
    from autograder.instructor.submissions import make_submission
    from autograder.judge.verdict import judge

    monkeypatch.setattr("autograder.judge.remote.DEFINE_SECONDS", 3)
    nb = make_submission(ROOT, "03-momentum")
    solution = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    solution.source += "\nimport time\nstuck = time.sleep(600)\n"
    verdicts = judge(nb, "03-momentum")
    assert verdicts and all(not v.passed and "could not be run" in v.message for v in verdicts.values())


def test_a_scratch_folder_has_room_for_the_kernel_s_sockets_whatever_tmpdir_is(monkeypatch, tmp_path):
    long = tmp_path / ("x" * 120)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    with sandbox.scratch_root():
        scratch = sandbox.Scratch.create()
        assert len(str(scratch.path / "kernel-ipc-99")) < 107
    assert not scratch.path.exists()
