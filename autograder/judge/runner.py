"""The student side of the judge: runs in the sandbox, defines a submission's graded
code, and calls its functions on the inputs the judge sends.

This file is the only course code the sandbox sees, so it imports nothing but the
standard library and numpy. Messages are JSON lines on stdin and on the original stdout
(the student's prints go to /dev/null). Values cross as plain data only (:func:`encode`,
:func:`decode`: numbers, numeric arrays, tuples, lists, dicts, a numpy Generator's state),
never pickles: whatever this process says is data the judge checks, not code it runs
(:mod:`autograder.judge.wire` is the judge's side of this boundary).

Requests, one per line, each answered by one line:

- ``{"op": "define", "statements": [...]}`` runs the statements one by one (a statement
  that raises is skipped and reported);
- ``{"op": "call", "name": f, "args": [...], "stubs": [g, ...]}`` calls ``f``; while it
  runs, every ``g`` is replaced by a stub that asks the judge (``{"callback": g, "args":
  ...}``, answered by ``{"result": ...}`` or ``{"error": [type, message]}``), and so is
  every callable argument; a stub written ``"g:first"`` answers with the reference's first
  value and the rest of the student's own ``g`` (a cache only the student's code reads);
  the reply carries the result (or the error), the arguments as they are after the call
  (the judge compares them with its own copy) and numpy's floating-point errors;
- ``{"op": "get", "name": x}`` returns a value (a learning rate, say);
- ``{"op": "inspect", "name": f}`` lists the global arrays ``f`` reads, and the globals it
  reads that nothing in the sandbox defines.
"""
from __future__ import annotations

import base64
import copy
import dis
import json
import os
import sys
import warnings

import numpy as np

MAX_ELEMENTS = 4_000_000
"""Larger arrays cross as a description, not as data."""


BIT_GENERATORS = {cls.__name__: cls for cls in (np.random.PCG64, np.random.PCG64DXSM, np.random.Philox,
                                                np.random.SFC64, np.random.MT19937)}


class Opaque:
    """Stands for a value that cannot cross as data (a function, a file, a huge array)."""

    def __init__(self, description: str):
        self.description = description

    def __repr__(self):
        return self.description


def encode(value, callables=None):
    """``value`` as JSON-ready plain data; callables become ``{"__callback__": k}`` when
    ``callables`` (a list to append them to) is given, else opaque."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value if type(value) is int else int(value)
    if isinstance(value, float):
        return {"__float__": repr(float(value))}
    if isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind in "biufc":
        array = np.asarray(value)
        if array.size > MAX_ELEMENTS:
            return {"__opaque__": f"an array of shape {array.shape}, too large to send"}
        return {"__nd__": array.dtype.str, "shape": list(array.shape), "scalar": isinstance(value, np.generic),
                "data": base64.b64encode(np.ascontiguousarray(array).tobytes()).decode()}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, callables) for v in value]}
    if isinstance(value, list):
        return [encode(v, callables) for v in value]
    if isinstance(value, dict) and all(type(k) is str for k in value):
        return {"__dict__": [[k, encode(v, callables)] for k, v in value.items()]}
    if isinstance(value, np.random.Generator):
        return {"__rng__": value.bit_generator.state}
    if callable(value) and callables is not None:
        callables.append(value)
        return {"__callback__": len(callables) - 1}
    name = type(value).__name__
    return {"__opaque__": f"a {name}" if len(name) < 60 else "an object"}


def decode(data, callback=None):
    """The value :func:`encode` made; ``callback(k)`` makes the stub for a callable."""
    if isinstance(data, list):
        return [decode(v, callback) for v in data]
    if not isinstance(data, dict):
        return data
    if "__float__" in data:
        return float(data["__float__"])
    if "__nd__" in data:
        dtype = np.dtype(data["__nd__"])
        if dtype.kind not in "biufc":
            raise ValueError("only numeric arrays cross")
        array = np.frombuffer(base64.b64decode(data["data"]), dtype=dtype).reshape(data["shape"]).copy()
        return array[()] if data.get("scalar") else array
    if "__tuple__" in data:
        return tuple(decode(v, callback) for v in data["__tuple__"])
    if "__dict__" in data:
        return {str(k): decode(v, callback) for k, v in data["__dict__"]}
    if "__rng__" in data:
        state = data["__rng__"]
        generator = BIT_GENERATORS[state["bit_generator"]]()
        generator.state = state
        return np.random.Generator(generator)
    if "__callback__" in data:
        if callback is None:
            return Opaque("a function")
        return callback(int(data["__callback__"]))
    if "__opaque__" in data:
        return Opaque(str(data["__opaque__"]))
    raise ValueError(f"unknown data: {sorted(data)[:3]}")


def global_names(fn) -> set[str]:
    """Names that ``fn`` reads as globals, nested functions, lambdas, classes and
    comprehensions included (attribute names such as ``self.X`` are not global reads)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return set()
    names, stack = set(), [code]
    while stack:
        c = stack.pop()
        names |= {i.argval for i in dis.get_instructions(c) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
        stack += [k for k in c.co_consts if hasattr(k, "co_names")]
    return names


def global_arrays(fn) -> list[str]:
    """Names of numpy arrays (1-D or more) that ``fn`` reads from its globals."""
    namespace = getattr(fn, "__globals__", {})
    return sorted(n for n in global_names(fn) if isinstance(namespace.get(n), np.ndarray) and namespace[n].ndim >= 1)


def undefined_globals(fn) -> list[str]:
    """Globals ``fn`` reads that nothing defines here: in the judge's sandbox, notebook
    variables from cells other than the solution cells (``y_train``) are not defined."""
    import builtins

    namespace = getattr(fn, "__globals__", {})
    return sorted(n for n in global_names(fn) if n not in namespace and not hasattr(builtins, n))


def _error(error: BaseException) -> list:
    return [type(error).__name__, str(error)[:2000]]


class _Snapshot:
    """numpy's and warnings' attributes as they were before any student code ran, put
    back before every call: a solution cell that patches ``np.errstate`` or ``np.exp`` at
    definition time changes nothing the judge measures (what a function does while it
    runs is that function's behaviour, and judged as such)."""

    def __init__(self, *modules):
        self.modules = [(m, dict(vars(m))) for m in modules]
        self.classes = [(c, dict(vars(c))) for c in (np.errstate,)]
        self.code = [(f, f.__code__, f.__defaults__) for m in modules for f in vars(m).values()
                     if type(f).__name__ == "function" and getattr(f, "__module__", "") == m.__name__]

    def restore(self) -> None:
        for module, attributes in self.modules:
            vars(module).update(attributes)
        for cls, attributes in self.classes:
            for name, value in attributes.items():
                if name not in ("__dict__", "__weakref__") and vars(cls).get(name) is not value:
                    setattr(cls, name, value)
        for function, code, defaults in self.code:
            function.__code__, function.__defaults__ = code, defaults


_NUMERICS = _Snapshot(np, sys.modules["numpy._core._ufunc_config"], warnings)


class Runner:
    def __init__(self, incoming, outgoing):
        self.incoming, self.outgoing = incoming, outgoing
        self.namespace = {"__name__": "__main__"}

    def send(self, message: dict) -> None:
        self.outgoing.write(json.dumps(message) + "\n")
        self.outgoing.flush()

    def receive(self) -> dict:
        line = self.incoming.readline()
        if not line:
            raise SystemExit(0)
        return json.loads(line)

    def stub(self, name: str):
        """A stand-in that asks the judge to compute ``name`` (its reference, or a probe)."""
        def ask(*args):
            self.send({"callback": name, "args": encode(list(args))})
            answer = self.receive()
            if "error" in answer:
                kind, message = answer["error"]
                raise _builtin_error(kind)(message)
            return decode(answer["result"])
        ask.__name__ = name
        return ask

    def stand_in(self, spec: str, saved: dict):
        """What answers an earlier graded function while another one runs: ``"g"`` is g's
        reference; ``"g:first"`` returns the reference's first value beside the student's own
        second one (``mlp_forward``: the reference's p, and the student's cache, which the
        student's other functions know how to read, with the reference's values under the
        keys both caches use)."""
        name, _, mode = spec.partition(":")
        ask = self.stub(name)
        own = saved.get(name)
        if mode != "first" or not callable(own):
            return ask

        def first_from_reference(*args):
            reference = ask(*args)
            try:
                result = own(*copy.deepcopy(args))
            except Exception:  # noqa: BLE001 - the student's own version is broken: the reference's whole answer
                return reference
            if not (isinstance(result, (tuple, list)) and len(result) == 2 and isinstance(reference, (tuple, list))):
                return reference
            cache = result[1]
            if isinstance(cache, dict) and isinstance(reference[1], dict):  # keys both use: the reference's values
                cache = {**cache, **{k: v for k, v in reference[1].items() if k in cache}}
            return (reference[0], cache)
        first_from_reference.__name__ = name
        return first_from_reference

    def define(self, statements: list[str]) -> dict:
        failed = []
        for index, statement in enumerate(statements):
            try:
                exec(compile(statement, f"<solution statement {index + 1}>", "exec"), self.namespace)
            except BaseException as error:  # noqa: BLE001 - what it would define stays undefined
                failed.append(_error(error))
        return {"failed": failed}

    def call(self, name: str, args: list, stubs: list[str]) -> dict:
        fn = self.namespace.get(name)
        if not callable(fn):
            return {"missing": True}
        arguments = decode(args, callback=lambda k: self.stub(f"#{k}"))
        names = [g.split(":")[0] for g in stubs]
        saved = {g: self.namespace[g] for g in names if g in self.namespace}
        self.namespace.update({g.split(":")[0]: self.stand_in(g, saved) for g in stubs})
        fp_errors = []
        reply = {}
        _NUMERICS.restore()
        try:
            with warnings.catch_warnings(), np.errstate(over="call", divide="call", invalid="call",
                                                        under="ignore", call=lambda kind, flag: fp_errors.append(kind)):
                warnings.simplefilter("ignore")
                reply["result"] = encode(fn(*arguments))
        except BaseException as error:  # noqa: BLE001 - every failure is reported
            reply["error"] = _error(error)
        finally:
            for g in names:
                self.namespace.pop(g, None)
            self.namespace.update(saved)
        reply["fp_errors"] = list(dict.fromkeys(fp_errors))
        reply["after"] = encode(arguments)  # the judge compares them with what it sent
        return reply

    def serve(self) -> None:
        while True:
            request = self.receive()
            op = request.get("op")
            if op == "define":
                self.send(self.define(request["statements"]))
            elif op == "call":
                self.send(self.call(request["name"], request["args"], request.get("stubs", [])))
            elif op == "get":
                name = request["name"]
                self.send({"value": encode(self.namespace[name])} if name in self.namespace else {"missing": True})
            elif op == "inspect":
                fn = self.namespace.get(request["name"])
                arrays = global_arrays(fn)
                labels = any(self.namespace[n].ndim == 1 and np.isin(self.namespace[n], (0, 1)).all() for n in arrays)
                self.send({"defined": request["name"] in self.namespace, "callable": callable(fn),
                           "type": type(fn).__name__[:60], "global_arrays": arrays, "global_labels": bool(labels),
                           "undefined_globals": undefined_globals(fn)})
            else:
                self.send({"error": ["ValueError", f"unknown request {op!r}"]})


def _builtin_error(kind: str):
    """The built-in exception class called ``kind`` (a reference's error seen as the same
    kind of error), else RuntimeError."""
    import builtins

    found = getattr(builtins, kind, None)
    return found if isinstance(found, type) and issubclass(found, Exception) else RuntimeError


def main() -> None:
    outgoing = os.fdopen(os.dup(1), "w")
    incoming = os.fdopen(os.dup(0), "r")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdin = open(os.devnull)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    Runner(incoming, outgoing).serve()


if __name__ == "__main__":
    main()
