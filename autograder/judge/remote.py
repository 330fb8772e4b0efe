"""The judge's handle on a submission's functions: a sandboxed :mod:`runner` process, and
proxies that the checks call like the student's own functions.

The judge never runs student code in its own interpreter. A :class:`RemoteFunction` sends
the inputs as plain data, waits (with a deadline) for plain data back, and answers the
runner's questions while the function runs: what another graded function returns (its
reference, so one mistake costs points in one function) and what a callable argument
returns (a probe such as ``numerical_gradient``'s ``f``).
"""
from __future__ import annotations

import builtins
import copy
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

from . import runner, sandbox, wire

RUNNER = Path(runner.__file__)
CALL_SECONDS = 20
"""Wall-clock limit of one call (callbacks included)."""
DEFINE_SECONDS = 60
TOTAL_SECONDS = 150
"""Wall-clock time for every call of one submission's functions together."""


class RunnerDied(Exception):
    """The sandboxed runner stopped answering (a crash, a kill, a time limit) or broke the
    protocol (a malformed or oversized message); it is restarted before this is raised."""


SANDBOX_ERRORS = {name: cls for name, cls in vars(builtins).items()
                  if isinstance(cls, type) and issubclass(cls, Exception)}
"""Exceptions from the sandbox that the checks see as themselves (a NotImplementedError
from a stub is one, an OSError is one): Python's built-in exceptions, listed here once;
any other name (SystemExit and KeyboardInterrupt included, which must never stop the
grader) becomes an ``Exception`` of that name made here, never a class looked up by it."""
_error_classes: dict[str, type] = {}


def error_of(kind: str, message: str) -> BaseException:
    """An exception standing for one raised in the sandbox, with the same name."""
    cls = SANDBOX_ERRORS.get(kind)
    if cls is None:
        name = kind if kind.isidentifier() and kind.isascii() else "Error"
        cls = _error_classes.setdefault(name, type(name, (Exception,), {}))
    return cls(message)


class FunctionServer:
    """One sandboxed runner holding one submission's definitions."""

    def __init__(self, statements: list[str], callback: Callable[[str, tuple], object]):
        self.statements = statements
        self.callback = callback
        """``callback(name, args)``: what graded function ``name`` returns, for a stub."""
        self.process = None
        self.scratch = None
        self.failed_statements: list = []
        self.deadline = time.monotonic() + TOTAL_SECONDS

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self) -> None:
        self.scratch = sandbox.Scratch.create()
        script = self.scratch.path / "runner.py"
        shutil.copy(RUNNER, script)
        self.scratch.give(script)
        command = sandbox.wrap([sys.executable, "-I", str(script)], self.scratch)
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=self.scratch.path, start_new_session=True)
        self._buffer = b""
        try:
            self.failed_statements = self.request({"op": "define", "statements": self.statements},
                                                  DEFINE_SECONDS)["failed"]
        except RunnerDied:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)  # the session this server started
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                stream.close()
            self.process = None
        if self.scratch is not None:
            self.scratch.remove()
            self.scratch = None

    def restart(self) -> None:
        self.stop()
        self.start()

    # --- messages ---------------------------------------------------------------

    def _send(self, message: dict) -> None:
        if self.process is None:
            raise RunnerDied("its sandbox could not be started again")
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise RunnerDied("the sandbox stopped") from error

    def _receive(self, deadline: float) -> dict:
        """The next message, parsed (never more than ``wire.MAX_REPLY_BYTES`` held)."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise RunnerDied("no answer within the time limit (an endless loop, or far too slow?)")
                chunk = os.read(self.process.stdout.fileno(), 1 << 20)
                if not chunk:
                    raise RunnerDied("the sandboxed process ended (a crash, os._exit, or a limit on memory, "
                                     "processes or CPU time)")
                self._buffer += chunk
                if len(self._buffer) > wire.MAX_REPLY_BYTES and b"\n" not in self._buffer:
                    raise RunnerDied(f"it sent a message over {wire.MAX_REPLY_BYTES // 1024 ** 2} MB")
        line, self._buffer = self._buffer.split(b"\n", 1)
        return wire.parse(line, wire.MAX_REPLY_BYTES)

    def request(self, message: dict, seconds: float | None = None, callables=(), sent_size: int = 0) -> dict:
        """Send a request and answer callbacks until its reply comes (within ``seconds``,
        by default ``CALL_SECONDS``), decoded by the schema of its ``op``; a runner that
        dies, misses the deadline or breaks the protocol is restarted (its definitions
        again) before the error is raised."""
        if time.monotonic() >= self.deadline and message["op"] != "define":
            raise RunnerDied(f"the grader's total time for your functions ({TOTAL_SECONDS} s) was used up by "
                             "the calls before this one")
        deadline = min(time.monotonic() + (seconds or CALL_SECONDS), self.deadline)
        stubs = {str(s).partition(":")[0] for s in message.get("stubs", ())}
        schema = {"define": wire.define_reply, "call": wire.call_reply, "get": wire.get_reply,
                  "inspect": wire.inspect_reply}[message["op"]]
        try:
            self._send(message)
            while True:
                reply = self._receive(deadline)
                if "callback" not in reply:
                    return {"failed": schema(reply)} if message["op"] == "define" else schema(reply)
                self._send(self._answer(reply, callables, stubs, sent_size))
        except (RunnerDied, wire.Malformed) as error:
            if message["op"] != "define":
                self.restart()
            if isinstance(error, RunnerDied):
                raise
            raise RunnerDied(f"it answered with malformed data: {error}") from None

    def _answer(self, request: dict, callables, stubs: set[str], sent_size: int) -> dict:
        """The answer to a callback: a callable argument of this call, or a graded function
        this call stubbed (never any other: the runner is the student's, and asking for the
        function being judged would be asking for the expected answer). Its arguments are
        data of bounded size: no array larger than the largest this call sent."""
        if len(json.dumps(request)) > wire.MAX_CALLBACK_BYTES:
            raise wire.Malformed(f"a question to the grader over {wire.MAX_CALLBACK_BYTES // 1024} KB")
        name, args = wire.callback_request(request)
        if name.startswith("#") and name[1:].isdigit() and int(name[1:]) < len(callables):
            answer = callables[int(name[1:])]
        elif name in stubs:
            answer = lambda *a: self.callback(name, a)  # noqa: E731
        else:
            return {"error": ["NameError", f"the grader answers {name} only where it stands in for it"]}
        if _largest_array(args) > max(sent_size, 1):
            return {"error": ["ValueError", "the grader answers only with arrays no larger than those it sent"]}
        try:
            return {"result": runner.encode(answer(*args))}
        except Exception as error:  # noqa: BLE001 - the student's code sees the reference's error
            return {"error": [type(error).__name__, str(error)[:500]]}

    # --- what the checks use -----------------------------------------------------

    def inspect(self, name: str) -> dict:
        return self.request({"op": "inspect", "name": name})

    def value(self, name: str):
        """A value the solution cells defined (decoded as plain data), or KeyError."""
        reply = self.request({"op": "get", "name": name})
        if reply.get("missing"):
            raise KeyError(name)
        return reply["value"]

    def function(self, name: str, stubs: tuple[str, ...] = ()) -> "RemoteFunction":
        return RemoteFunction(self, name, stubs, self.inspect(name))


def _largest_array(value) -> int:
    if isinstance(value, (np.ndarray, np.generic)):
        return int(np.size(value))
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return max((_largest_array(v) for v in value), default=0)
    return 0


def changed(after, before) -> bool:
    """Did a call change an argument it was given (``after`` as the sandbox sent it back,
    ``before`` the judge's own copy of what it sent)? Arrays, and the containers that hold
    them; anything else (a generator drawn from) is the function's to use."""
    if isinstance(before, np.ndarray):
        return not (isinstance(after, np.ndarray) and after.shape == before.shape
                    and np.array_equal(after, before, equal_nan=before.dtype.kind in "fc"))
    if isinstance(before, dict):
        return not isinstance(after, dict) or after.keys() != before.keys() or \
            any(changed(after[k], before[k]) for k in before)
    if isinstance(before, (list, tuple)):
        return not isinstance(after, (list, tuple)) or len(after) != len(before) or \
            any(changed(a, b) for a, b in zip(after, before))
    return False


class RemoteFunction:
    """Stands for the student's ``name`` in the checks: calls go to the sandbox."""

    def __init__(self, server: FunctionServer, name: str, stubs: tuple[str, ...], inspection: dict):
        self.server, self.name, self.stubs = server, name, stubs
        self.inspection = inspection
        self.__name__ = name

    @property
    def defined(self) -> bool:
        return bool(self.inspection.get("defined"))

    def __call__(self, *args):
        result, error, _, _ = self.run(args)
        if error is not None:
            raise error
        return result

    def run(self, args: tuple):
        """(result, error, numpy floating-point errors, indices of arguments changed in
        place). Whether an argument changed is decided here, from the judge's own copy of
        what it sent and what the sandbox sends back after the call."""
        callables: list = []
        sent = copy.deepcopy(list(args))
        message = {"op": "call", "name": self.name, "args": runner.encode(list(args), callables),
                   "stubs": list(self.stubs)}
        try:
            reply = self.server.request(message, callables=callables, sent_size=_largest_array(sent))
        except RunnerDied as died:
            return None, TimeoutError(str(died)) if "no answer" in str(died) else RuntimeError(str(died)), (), ()
        if reply.get("missing"):
            return None, NameError(f"{self.name} is not defined by your solution cells"), (), ()
        error = error_of(*reply["error"]) if "error" in reply else None
        result = None if error is not None else reply["result"]
        after = reply["after"] if isinstance(reply["after"], list) and len(reply["after"]) == len(sent) else None
        mutated = tuple(range(len(sent))) if after is None else \
            tuple(i for i, (a, b) in enumerate(zip(after, sent)) if changed(a, b))
        return result, error, tuple(reply["fp_errors"]), mutated
