"""The judge's handle on a submission's functions: a sandboxed :mod:`runner` process, and
proxies that the checks call like the student's own functions.

The judge never runs student code in its own interpreter. A :class:`RemoteFunction` sends
the inputs as plain data, waits (with a deadline) for plain data back, and answers the
runner's questions while the function runs: what another graded function returns (its
reference, so one mistake costs points in one function) and what a callable argument
returns (a probe such as ``numerical_gradient``'s ``f``).
"""
from __future__ import annotations

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

from . import runner, sandbox

RUNNER = Path(runner.__file__)
CALL_SECONDS = 20
"""Wall-clock limit of one call (callbacks included)."""
DEFINE_SECONDS = 60
MAX_MESSAGE = 64 * 1024 ** 2


class RunnerDied(Exception):
    """The sandboxed runner stopped answering (a crash, a kill, a time limit)."""


_error_classes: dict[str, type] = {}


def error_of(kind: str, message: str) -> BaseException:
    """An exception standing for one raised in the sandbox: the built-in class of that name
    (so a NotImplementedError is one), else a class made with that name."""
    cls = runner._builtin_error(kind)
    if cls is RuntimeError and kind != "RuntimeError":
        cls = _error_classes.setdefault(kind, type(kind if kind.isidentifier() else "Error", (Exception,), {}))
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
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise RunnerDied("the sandbox stopped") from error

    def _receive(self, deadline: float) -> dict:
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
                if len(self._buffer) > MAX_MESSAGE:
                    raise RunnerDied(f"it sent back more than {MAX_MESSAGE // 1024 ** 2} MB")
        line, self._buffer = self._buffer.split(b"\n", 1)
        message = json.loads(line)
        if not isinstance(message, dict):
            raise RunnerDied("it answered with something that is not a message")
        return message

    def request(self, message: dict, seconds: float | None = None, callables=()) -> dict:
        """Send a request and answer callbacks until its reply comes (within ``seconds``,
        by default ``CALL_SECONDS``); a runner that dies or misses the deadline is
        restarted (its definitions again) before the error is raised."""
        deadline = time.monotonic() + (seconds or CALL_SECONDS)
        stubs = {str(s).partition(":")[0] for s in message.get("stubs", ())}
        try:
            self._send(message)
            while True:
                reply = self._receive(deadline)
                if "callback" not in reply:
                    return reply
                self._send(self._answer(reply, callables, stubs))
        except (RunnerDied, ValueError, KeyError, TypeError) as error:
            if message.get("op") != "define":
                self.restart()
            if isinstance(error, RunnerDied):
                raise
            raise RunnerDied(f"it answered with malformed data ({type(error).__name__})") from error

    def _answer(self, request: dict, callables, stubs: set[str]) -> dict:
        """The answer to a callback: a callable argument of this call, or a graded function
        this call stubbed (never any other: the runner is the student's, and asking for the
        function being judged would be asking for the expected answer)."""
        name = str(request["callback"])
        try:
            args = runner.decode(request["args"])
            if name.startswith("#"):
                value = callables[int(name[1:])](*args)
            elif name in stubs:
                value = self.callback(name, tuple(args))
            else:
                return {"error": ["NameError", f"the grader answers {name} only where it stands in for it"]}
            return {"result": runner.encode(value)}
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
        return runner.decode(reply["value"])

    def function(self, name: str, stubs: tuple[str, ...] = ()) -> "RemoteFunction":
        return RemoteFunction(self, name, stubs, self.inspect(name))


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
        """(result, error, numpy floating-point errors, indices of arguments changed in place)."""
        callables: list = []
        message = {"op": "call", "name": self.name, "args": runner.encode(list(args), callables),
                   "stubs": list(self.stubs)}
        try:
            reply = self.server.request(message, callables=callables)
        except RunnerDied as died:
            return None, TimeoutError(str(died)) if "no answer" in str(died) else RuntimeError(str(died)), (), ()
        if reply.get("missing"):
            return None, NameError(f"{self.name} is not defined by your solution cells"), (), ()
        error = error_of(*reply["error"]) if "error" in reply else None
        result = None if error is not None else runner.decode(reply.get("result"))
        fp_errors = tuple(str(e) for e in reply.get("fp_errors", ()))
        mutated = tuple(int(i) for i in reply.get("mutated", ()))
        return result, error, fp_errors, mutated
