"""Mistakes that any graded function can make."""
import numpy as np

from ..judge.runner import global_arrays as _global_arrays
from ..spec import ALL_FUNCTIONS
from . import Misconception


def global_arrays(fn) -> list[str]:
    """Names of numpy arrays that ``fn`` reads from its globals (the notebook's variables);
    a function in the sandbox was inspected there."""
    inspection = getattr(fn, "inspection", None)
    return list(inspection["global_arrays"]) if inspection is not None else _global_arrays(fn)


def reads_global_labels(fn) -> bool:
    """Reads a global array of 0/1 values: labels that are not the ones passed in."""
    inspection = getattr(fn, "inspection", None)
    if inspection is not None:
        return bool(inspection["global_labels"])
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
