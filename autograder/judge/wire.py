"""The one boundary between a sandbox and the trusted grader: every message that comes out
of a sandboxed runner is decoded here, into declared types of bounded size, or rejected.

What a sandbox says is data, never instructions: no name from a message becomes an
import, an attribute lookup or a call, and anything not in the schema below is the
failure of the function that produced it (:class:`Malformed`, with the reason). The
student's process can still lie about what it computed; the judge only believes what it
can check for itself (it keeps its own copy of every input it sends, see
:mod:`autograder.judge.remote`).

Values (``value``): ``null``, booleans, integers within int64, strings up to
``MAX_STRING`` characters, ``{"__float__": repr}``, ``{"__nd__": dtype, "shape": [...],
"scalar": bool, "data": base64}`` (numeric dtypes only, at most ``MAX_ELEMENTS``),
``{"__tuple__": [...]}``, lists, ``{"__dict__": [[key, value], ...]}`` with string keys,
and descriptions that stand for what cannot cross (``__opaque__``, ``__rng__``,
``__callback__``), nested at most ``MAX_DEPTH`` deep, ``MAX_ITEMS`` items in all.
"""
from __future__ import annotations

import base64
import binascii
import json
import math

import numpy as np

MAX_REPLY_BYTES = 16 * 1024 ** 2
"""A runner's reply (the student function's result and its arguments after the call)."""
MAX_CALLBACK_BYTES = 1024 ** 2
"""A question the student's code asks the judge while it runs."""
MAX_STRING = 2000
MAX_NAME = 100
MAX_DEPTH = 8
MAX_ITEMS = 20_000
MAX_ELEMENTS = 4_000_000
MAX_DIMENSIONS = 8
INT64 = 2 ** 63
NUMERIC_KINDS = "biufc"


class Malformed(ValueError):
    """A message from a sandbox that is not what the schema allows."""


class Opaque:
    """Stands for a value that could not cross as data (a function, a generator, a huge
    array); only its description, cut short, is kept."""

    def __init__(self, description: str):
        self.description = description

    def __repr__(self):
        return self.description


def parse(line: bytes, limit: int) -> dict:
    """One JSON message of at most ``limit`` bytes, which must be an object."""
    if len(line) > limit:
        raise Malformed(f"a message of {len(line) // 1024} KB, over the limit of {limit // 1024} KB")
    try:
        message = json.loads(line, parse_constant=_no_constant, parse_int=_bounded_int)
    except Malformed:
        raise
    except (ValueError, RecursionError) as error:
        raise Malformed(f"not a JSON message ({type(error).__name__})") from None
    if not isinstance(message, dict):
        raise Malformed("a message that is not an object")
    return message


def _no_constant(name: str):
    raise Malformed(f"a bare {name} in JSON")


def _bounded_int(text: str) -> int:
    """JSON integers up to 128 bits (a generator's state); values must also fit int64."""
    if len(text) > 40:
        raise Malformed("an integer too large to be a number the course uses")
    return int(text)


class _Budget:
    def __init__(self):
        self.items = 0

    def count(self, n: int = 1) -> None:
        self.items += n
        if self.items > MAX_ITEMS:
            raise Malformed(f"more than {MAX_ITEMS} values in one message")


def value(data, _depth: int = 0, _budget: _Budget | None = None):
    """The plain value ``data`` describes (see the module docstring), or :class:`Malformed`."""
    budget = _budget or _Budget()
    budget.count()
    if _depth > MAX_DEPTH:
        raise Malformed(f"values nested more than {MAX_DEPTH} deep")
    if data is None or isinstance(data, bool):
        return data
    if isinstance(data, int):
        if not -INT64 <= data < INT64:
            raise Malformed("an integer outside int64")
        return data
    if isinstance(data, str):
        return text(data, MAX_STRING)
    if isinstance(data, list):
        return [value(v, _depth + 1, budget) for v in data]
    if not isinstance(data, dict) or len(data) > 4:
        raise Malformed("a value of an unknown kind")
    if "__float__" in data:
        return _float(data["__float__"])
    if "__nd__" in data:
        return _array(data)
    if "__tuple__" in data:
        items = data["__tuple__"]
        if not isinstance(items, list):
            raise Malformed("a tuple that is not a list of values")
        return tuple(value(v, _depth + 1, budget) for v in items)
    if "__dict__" in data:
        pairs = data["__dict__"]
        if not isinstance(pairs, list):
            raise Malformed("a dict that is not a list of pairs")
        result = {}
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
                raise Malformed("a dict entry that is not a [name, value] pair")
            result[text(pair[0], MAX_NAME)] = value(pair[1], _depth + 1, budget)
        return result
    if "__rng__" in data:
        return Opaque("a random number generator")
    if "__callback__" in data:
        return Opaque("a function")
    if "__opaque__" in data:
        return Opaque(text(data["__opaque__"], 200) if isinstance(data["__opaque__"], str) else "an object")
    raise Malformed("a value of an unknown kind")


def text(data, limit: int) -> str:
    """A string from a sandbox, at most ``limit`` characters (longer ones are cut)."""
    if not isinstance(data, str):
        raise Malformed("a text that is not a string")
    return data if len(data) <= limit else data[:limit] + " ..."


def _float(data) -> float:
    if not isinstance(data, str) or len(data) > 40:
        raise Malformed("a float that is not a short number")
    try:
        number = float(data)
    except ValueError:
        raise Malformed("a float that is not a number") from None
    return number


def _array(data: dict) -> np.ndarray | np.generic:
    kind, shape, raw = data.get("__nd__"), data.get("shape"), data.get("data")
    if not (isinstance(kind, str) and len(kind) <= 5 and isinstance(shape, list) and isinstance(raw, str)):
        raise Malformed("an array without a dtype, a shape and its data")
    try:
        dtype = np.dtype(kind)
    except TypeError:
        raise Malformed("an array of an unknown dtype") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.itemsize > (16 if dtype.kind == "c" else 8) or dtype.hasobject:
        raise Malformed("an array that is not of a numeric type the course uses (no long double)")
    if len(shape) > MAX_DIMENSIONS or not all(type(n) is int and 0 <= n <= MAX_ELEMENTS for n in shape):
        raise Malformed("an array with an impossible shape")
    size = math.prod(shape)
    if size > MAX_ELEMENTS or len(raw) > 4 * (size * dtype.itemsize + 2) // 3 + 4:
        raise Malformed("an array larger than its shape says, or too large")
    try:
        buffer = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise Malformed("an array whose data is not base64") from None
    if len(buffer) != size * dtype.itemsize:
        raise Malformed("an array whose data does not fit its shape")
    array = np.frombuffer(buffer, dtype=dtype).reshape(shape).copy()
    return array[()] if data.get("scalar") is True and array.ndim == 0 else array


def error(data) -> tuple[str, str]:
    """``[kind, message]`` of an exception raised in the sandbox, as two short strings."""
    if not (isinstance(data, list) and len(data) == 2):
        raise Malformed("an error that is not [kind, message]")
    return text(data[0], MAX_NAME), text(data[1], MAX_STRING)


def names(data, limit: int = 200) -> list[str]:
    if not isinstance(data, list) or len(data) > limit:
        raise Malformed("a list of names that is not a short list")
    return [text(n, MAX_NAME) for n in data]


def flag(data) -> bool:
    if not isinstance(data, bool):
        raise Malformed("a yes/no that is not a boolean")
    return data


# --- the replies, one schema per request ----------------------------------------------

def call_reply(message: dict) -> dict:
    """``{"result": value, "after": [value, ...], "fp_errors": [...]}``, ``{"error": [kind,
    message], "after": [...], "fp_errors": [...]}`` or ``{"missing": true}``."""
    _only(message, {"result", "error", "after", "fp_errors", "missing"})
    if message.get("missing") is True:
        return {"missing": True}
    reply = {"fp_errors": [e for e in names(message.get("fp_errors", []), 8)
                           if e in ("overflow", "divide by zero", "invalid value")]}
    if "error" in message:
        reply["error"] = error(message["error"])
    elif "result" in message:
        reply["result"] = value(message["result"])
    else:
        raise Malformed("a reply with neither a result nor an error")
    after = message.get("after")
    reply["after"] = value(after) if isinstance(after, list) else None
    return reply


def callback_request(message: dict) -> tuple[str, list]:
    """``{"callback": name, "args": [value, ...]}``: what the student's code asks the judge."""
    _only(message, {"callback", "args"})
    name = text(message["callback"], MAX_NAME)
    args = value(message.get("args"))
    if not isinstance(args, list):
        raise Malformed("a callback whose arguments are not a list")
    return name, args


def define_reply(message: dict) -> list[tuple[str, str]]:
    _only(message, {"failed"})
    failed = message.get("failed")
    if not isinstance(failed, list) or len(failed) > 10_000:
        raise Malformed("a definition report that is not a list")
    return [error(e) for e in failed]


def inspect_reply(message: dict) -> dict:
    _only(message, {"defined", "callable", "type", "global_arrays", "global_labels", "undefined_globals"})
    return {"defined": flag(message.get("defined")), "callable": flag(message.get("callable")),
            "type": text(message.get("type", ""), 60), "global_arrays": names(message.get("global_arrays", [])),
            "global_labels": flag(message.get("global_labels", False)),
            "undefined_globals": names(message.get("undefined_globals", []))}


def get_reply(message: dict) -> dict:
    _only(message, {"value", "missing"})
    if message.get("missing") is True:
        return {"missing": True}
    if "value" not in message:
        raise Malformed("a reply without a value")
    return {"value": value(message["value"])}


def _only(message: dict, allowed: set[str]) -> None:
    extra = set(message) - allowed
    if extra:
        raise Malformed(f"a reply with unexpected fields ({len(extra)})")


# --- messages from the notebook's kernel ---------------------------------------------

KERNEL_MESSAGES = {"status", "clear_output", "execute_input", "stream", "display_data", "execute_result", "error"}
"""What the grader reads from a kernel's output channel; anything else (widgets' comm
messages, updates of earlier displays, made-up types) is dropped unread, so every output
goes through the per-cell cap."""
MIME_TYPES = {"text/plain", "text/html", "text/markdown", "text/latex", "image/png", "image/jpeg",
              "image/svg+xml", "application/json"}


def kernel_content(msg_type: str, content) -> dict | None:
    """A kernel message's content reduced to what its type allows (strings cut to size,
    unknown fields and MIME types dropped), or None when it is not one to read."""
    if msg_type not in KERNEL_MESSAGES or not isinstance(content, dict):
        return None
    try:
        return _KERNEL_SCHEMAS[msg_type](content)
    except Malformed:
        return None


def _count(content) -> dict:
    if "execution_count" not in content:
        return {}
    count = content["execution_count"]
    return {"execution_count": count} if count is None or type(count) is int else {}


def _bundle(content) -> dict:
    data = content.get("data")
    if not isinstance(data, dict):
        raise Malformed("a display without data")
    kept = {}
    for mime, payload in data.items():
        if mime not in MIME_TYPES:
            continue
        if isinstance(payload, list):
            payload = "".join(p for p in payload if isinstance(p, str))
        if mime == "application/json":
            payload = json.dumps(payload)[:MAX_STRING] if not isinstance(payload, str) else payload
        if isinstance(payload, str):
            kept[mime] = payload
    return {"data": kept, "metadata": {}, **_count(content)}  # no display id, no attributes for the page


_KERNEL_SCHEMAS = {
    "status": lambda c: {"execution_state": text(c.get("execution_state"), 20)},
    "clear_output": lambda c: {"wait": bool(c.get("wait", False))},
    "execute_input": lambda c: {**_count(c)},
    "stream": lambda c: {"name": "stderr" if c.get("name") == "stderr" else "stdout", "text": text(c.get("text"), 10 ** 7)},
    "display_data": _bundle,
    "execute_result": _bundle,
    "error": lambda c: {"ename": text(str(c.get("ename", "Error")), MAX_NAME),
                        "evalue": text(str(c.get("evalue", "")), MAX_STRING),
                        "traceback": [text(line, MAX_STRING) for line in c.get("traceback", [])[:200]
                                      if isinstance(line, str)] if isinstance(c.get("traceback"), list) else []},
}
