"""The clean process of ``verify.recheck``: reads ``{"statements", "items"}`` as JSON on
stdin and prints ``{item: None or message}`` as JSON on the last line of stdout.
Statements run one by one, so a refused import only breaks the code that needs it."""
import builtins
import io
import json
import os
import sys

from autograder.checks import all_checks  # imported before any student code runs
from autograder.instructor.verify import ALLOWED_MODULES

_real_import = builtins.__import__


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level or name.split(".")[0] not in ALLOWED_MODULES:
        raise ImportError(f"importing {name!r} is not allowed in graded code")
    return _real_import(name, globals, locals, fromlist, level)


def _refuse(*args, **kwargs):
    raise PermissionError("graded code may not open files or exit")


def _guarded_builtins():
    guarded = dict(vars(builtins))
    guarded.update(__import__=_guarded_import, open=_refuse, exit=_refuse, quit=_refuse,
                   breakpoint=_refuse, input=_refuse)
    return guarded


def main():
    request = json.loads(sys.stdin.read())
    out = os.fdopen(os.dup(1), "w")
    sys.stdout = sys.stderr = io.StringIO()
    checks = all_checks()
    namespace = {"__name__": "submission", "__builtins__": _guarded_builtins()}
    for statement in request["statements"]:
        try:
            exec(compile(statement, "<submission>", "exec"), namespace)
        except BaseException:  # noqa: BLE001 - what it would have defined stays undefined
            pass
    results = {}
    for item in request["items"]:
        if item not in namespace:
            results[item] = f"{item} is not defined by the solution cells"
            continue
        try:
            checks[item](namespace[item])
            results[item] = None
        except AssertionError as error:
            results[item] = str(error)
        except BaseException as error:  # noqa: BLE001 - a check must never crash the worker
            results[item] = f"{type(error).__name__}: {error}"
    out.write("\n" + json.dumps(results) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
