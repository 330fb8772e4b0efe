"""The checklist files each catalogued mistake under the symptom its own description names."""
import re

import pytest

from autograder import checklist, misconceptions

CATALOG = misconceptions.catalog()
UNDER = {}
for s in checklist.SYMPTOMS:
    for c in s.causes:
        if isinstance(c, str):
            UNDER.setdefault(c, set()).add(s.title)

SAYS = {  # what a mistake's own symptom text says -> the checklist section it must be under
    r"^(?!.*gradient check).*\b(nan|inf)\b": "The loss is nan or inf",
    r"jumps around|noisy|jumpy": "The loss curve is noisy or does not repeat",
    r"\bcrawls\b|does nothing|no progress|barely (moves|changes)|far too slowly": "Training makes no progress, or is slow",
    r"gradient check": "The gradient check fails, or cannot be trusted",
}


@pytest.mark.parametrize("pattern,title", SAYS.items())
def test_a_mistake_is_filed_under_the_symptom_its_text_describes(pattern, title):
    wrong = [i for i in UNDER if re.search(pattern, CATALOG[i].symptom, re.I) and title not in UNDER[i]]
    assert not wrong, f"their symptom says {pattern!r} but they are not under {title!r}: {wrong}"


def test_no_cause_of_the_checklist_calls_a_rate_the_book_shows_best_too_large():
    """Chapter 1 shows lr = 5 is the best rate on breast cancer, far above the starting limit."""
    texts = [c.text for s in checklist.SYMPTOMS for c in s.causes if isinstance(c, checklist.Cause)]
    assert not [t for t in texts if re.search(r"lr\s*=?\s*5\b", t)]
