"""Mistakes that any graded function can make."""
import numpy as np

from ..spec import ALL_FUNCTIONS
from . import Misconception


def global_arrays(fn) -> list[str]:
    """Names of numpy arrays that ``fn`` reads from its globals (the notebook's variables)."""
    code, namespace = getattr(fn, "__code__", None), getattr(fn, "__globals__", {})
    if code is None:
        return []
    names, stack = set(), [code]
    while stack:  # include nested functions, lambdas and comprehensions
        c = stack.pop()
        names |= set(c.co_names)
        stack += [k for k in c.co_consts if hasattr(k, "co_names")]
    return sorted(n for n in names if isinstance(namespace.get(n), np.ndarray) and namespace[n].ndim >= 1)


def reads_global_labels(fn) -> bool:
    """Reads a global array of 0/1 values: labels that are not the ones passed in."""
    namespace = getattr(fn, "__globals__", {})
    return any(namespace[n].ndim == 1 and np.isin(namespace[n], (0, 1)).all() for n in global_arrays(fn))


MISCONCEPTIONS = [
    Misconception(
        id="general.global_array",
        title="Your function reads an array from a notebook variable (a global) instead of "
              "using only its arguments, so it computes with the wrong data whenever it is "
              "called with other arrays (a minibatch, a test set, the grader's inputs).",
        symptom="Numbers that do not respond to the data you pass in; shape errors on minibatches.",
        hint="Use only the function's parameters inside its body; rename the parameters if "
             "they clash with notebook variables.",
        chapter="02-minibatch-sgd",
        detect={f: (lambda fn: bool(global_arrays(fn))) for f in ALL_FUNCTIONS},
    ),
]
