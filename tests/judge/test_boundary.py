"""What may cross from a sandbox to the judge? Only data of declared kinds and sizes, and
the judge believes only what it can check itself: each test sends a forged, malformed or
oversized message, or a submission that lies about itself, and asks what the judge made
of it."""
import json

import numpy as np
import pytest

from autograder.checks.harness import FunctionCheck
from autograder.judge import remote, wire
from autograder.judge.remote import FunctionServer, RunnerDied
from autograder.judge.verdict import judge
from autograder.instructor.submissions import make_submission
from tests.support import ROOT

A = "01-gradient-descent"


def call(code: str, name: str, *args, callback=lambda name, args: None, stubs=()):
    with FunctionServer([code], callback=callback) as server:
        return server.function(name, stubs).run(args)


# --- the decoder -----------------------------------------------------------------------

@pytest.mark.parametrize("message, reason", [
    ({"result": {"__rng__": {"bit_generator": "test", "state": {}}}}, None),
    ({"result": 10 ** 30}, "int64"),
    ({"result": 10 ** 400}, "too large"),
    ({"result": {"__nd__": "|O", "shape": [1], "data": "AA=="}}, "numeric type"),
    ({"result": {"__nd__": "<f8", "shape": [10 ** 9], "data": ""}}, "shape"),
    ({"result": {"__nd__": "<f8", "shape": [2], "data": "AAAA"}}, "does not fit"),
    ({"result": {"__float__": "__import__('os')"}}, "not a number"),
    ({"result": {"__class__": "os.system"}}, "unknown kind"),
    ({"result": 1, "verdict": "passed"}, "unexpected fields"),
    ({"result": json.loads("[" * 20 + "]" * 20)}, "nested"),
])
def test_a_reply_is_plain_data_or_rejected_with_a_reason(message, reason):
    if reason is None:  # a generator's name from the sandbox is a description, never looked up
        assert isinstance(wire.call_reply(message)["result"], wire.Opaque)
        return
    with pytest.raises(wire.Malformed, match=reason):
        wire.call_reply(wire.parse(json.dumps(message).encode(), wire.MAX_REPLY_BYTES))


def test_a_generator_that_names_numpys_test_suite_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = ("import numpy as np\nclass Named(np.random.PCG64):\n    @property\n    def state(self):\n"
            "        return {'bit_generator': 'test', 'state': {}}\n"
            "def f():\n    return np.random.Generator(Named())\n")
    result, error, _, _ = call(code, "f")
    assert error is None and isinstance(result, wire.Opaque)
    assert list(tmp_path.iterdir()) == []


def test_a_forged_reply_fails_that_call_with_a_reason():
    forge = ("import gc, json\n_ = [setattr(o, 'send', lambda m, o=o: (o.outgoing.write(json.dumps("
             "{'result': 1, 'passed': True}) + '\\n'), o.outgoing.flush())) "
             "for o in gc.get_objects() if type(o).__name__ == 'Runner']\n"
             "def f(x):\n    return x\n")
    with FunctionServer([forge], callback=lambda n, a: None) as server:
        with pytest.raises(RunnerDied, match="malformed"):
            server.request({"op": "call", "name": "f", "args": [1], "stubs": []})


# --- the judge observes for itself ----------------------------------------------------

def test_an_input_changed_in_place_is_seen_even_when_numpy_comparisons_are_patched():
    code = ("import numpy as np\nnp.array_equal = lambda *a, **k: True\n"
            "def f(w):\n    w -= 1\n    return w\n")
    _, error, _, mutated = call(code, "f", np.arange(3.0))
    assert error is None and mutated == (0,)


def test_an_overflow_is_seen_even_when_numpy_error_handling_is_patched():
    code = ("import contextlib, numpy as np\nnp.errstate = lambda **k: contextlib.nullcontext()\n"
            "np.seterrcall = lambda f: None\n"
            "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    _, error, fp_errors, _ = call(code, "sigmoid", np.array([-1000.0, 0.0]))
    assert error is None and "overflow" in fp_errors


def test_an_exception_name_from_the_sandbox_is_never_looked_up():
    code = "def f():\n    raise type('\\x1b[2Jgraded', (Exception,), {})('\\x1b[31m<script>')\n"
    _, error, _, _ = call(code, "f")
    assert type(error).__name__ == "Error" and "\x1b" in str(error)  # shown escaped where it is shown


# --- questions from the student's code --------------------------------------------------

def test_a_question_with_arrays_larger_than_the_judge_sent_is_refused():
    asked = []
    code = "import numpy as np\ndef f(x):\n    return g(np.ones((200, 200)))\n"
    _, error, _, _ = call(code, "f", np.ones(3), callback=lambda n, a: asked.append(a) or 0.0, stubs=("g",))
    assert isinstance(error, ValueError) and "no larger than" in str(error) and asked == []


def test_an_oversized_question_fails_the_call_not_the_judge():
    code = "def f(x):\n    return g(list(range(300_000)))\n"
    _, error, _, _ = call(code, "f", 1.0, callback=lambda n, a: 0.0, stubs=("g",))
    assert isinstance(error, RuntimeError) and "malformed" in str(error)


# --- totals and failures on the judge's side --------------------------------------------

def test_the_calls_of_one_submission_share_a_total_time(monkeypatch):
    monkeypatch.setattr(remote, "TOTAL_SECONDS", 3)
    code = "import time\ndef f():\n    time.sleep(2)\n    return 1\n"
    with FunctionServer([code], callback=lambda n, a: None) as server:
        f = server.function("f")
        results = [f.run(())[1] for _ in range(3)]
    assert results[0] is None
    assert any(e is not None and "total time" in str(e) for e in results[1:])


def test_an_error_of_the_judge_on_one_function_costs_that_function_only(monkeypatch):
    original = FunctionCheck.problems

    def problems(self, student):
        if self.name == "log_loss":
            raise RecursionError("the check itself failed")
        return original(self, student)

    monkeypatch.setattr(FunctionCheck, "problems", problems)
    verdicts = judge(make_submission(ROOT, A), A)
    log_loss = [v for g, v in verdicts.items() if g.startswith("test_log_loss_") and not g.startswith("test_log_loss_grad")]
    others = [v for g, v in verdicts.items() if not g.startswith("test_log_loss_") or g.startswith("test_log_loss_grad")]
    assert log_loss and all(not v.passed and v.grader_error for v in log_loss)
    assert "could not check `log_loss`" in log_loss[0].message
    assert others and all(v.passed for v in others)


# --- the kernel's messages ---------------------------------------------------------------

@pytest.mark.parametrize("msg_type, content, expected", [
    ("comm_open", {"comm_id": "x", "target_name": "jupyter.widget", "data": {"state": {}}}, None),
    ("made_up", {"text": "x"}, None),
    ("stream", {"name": "stdout", "text": ["not", "a string"]}, None),
    ("error", {"ename": 42, "evalue": {"nested": 1}, "traceback": ["line", 7]},
     {"ename": "42", "evalue": "{'nested': 1}", "traceback": ["line"]}),
    ("display_data", {"data": {"text/plain": ["a", "b"], "application/x-made-up": "x"}, "metadata": {}},
     {"data": {"text/plain": "ab"}, "metadata": {}}),
])
def test_a_kernel_message_is_read_only_as_its_type_allows(msg_type, content, expected):
    assert wire.kernel_content(msg_type, content) == expected


def test_a_display_cannot_be_updated_or_carry_attributes_into_the_page():
    assert wire.kernel_content("update_display_data", {"data": {"image/png": "A" * 100}, "metadata": {},
                                                       "transient": {"display_id": "amp"}}) is None
    shown = wire.kernel_content("display_data", {"data": {"image/png": "AAAA"}, "transient": {"display_id": "amp"},
                                                 "metadata": {"image/png": {"width": "1 onerror=alert(1)"}}})
    assert shown == {"data": {"image/png": "AAAA"}, "metadata": {}}


def test_a_long_double_does_not_cross():
    import base64

    data = {"__nd__": "<f16", "shape": [], "scalar": True, "data": base64.b64encode(bytes(16)).decode()}
    with pytest.raises(wire.Malformed, match="long double"):
        wire.value(data)


def test_the_grader_parses_no_huge_or_deeply_nested_cell():
    from autograder.judge.verdict import parse

    assert parse("x = [" + "1," * 100_000 + "]") is None
    assert parse("x = 1" + " + 1" * 200_000) is None
    assert parse("def f(x):\n    return x\n") is not None


def test_an_exception_that_would_stop_python_is_an_ordinary_error_here():
    for kind in ("KeyboardInterrupt", "SystemExit", "GeneratorExit"):
        error = remote.error_of(kind, "stop")
        assert isinstance(error, Exception) and type(error).__name__ == kind


def test_a_learning_rate_too_large_for_a_float_is_refused():
    from autograder.checks.gradient_descent import check_learning_rate

    with pytest.raises((AssertionError, OverflowError)):
        check_learning_rate(np.longdouble("1e400"))
