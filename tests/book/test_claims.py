"""A sentence that says one number is above another is checked by its own run: the page
states the direction in a ``claim("left < right")`` next to the glue, the build stops when
the run no longer supports it, and every glued name a claim compares is cited in the text."""
import re

import pytest

from autograder import book
from tests.support import ROOT

PAGES = sorted((ROOT / "book").glob("*.md"))
CLAIM = re.compile(r"""claim\(f?"([^"]+)"\)""")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a glued name; numbers and f-string parts are not


def claims(text):
    """The statement of every claim in a page's code (an f-string's ``{...}`` parts included)."""
    return CLAIM.findall(text)


@pytest.fixture
def glued(monkeypatch):
    monkeypatch.setattr(book, "GLUED", {"cosine": 0.08, "constant": 0.09, "wins": 5.0})
    return book.GLUED


@pytest.mark.parametrize("statement", ["cosine < constant", "constant > cosine", "wins >= 5", "cosine <= 0.08"])
def test_a_claim_the_numbers_support_passes(glued, statement):
    book.claim(statement)


@pytest.mark.parametrize("statement", ["cosine > constant", "constant < cosine", "wins > 5", "cosine >= 0.09"])
def test_a_claim_the_numbers_contradict_stops_the_page(glued, statement):
    with pytest.raises(book.ClaimFailed, match="the page states"):
        book.claim(statement)


@pytest.mark.parametrize("statement", ["cosine", "cosine == constant", "cosine < unknown_name"])
def test_a_claim_that_cannot_be_checked_is_an_error_not_a_pass(glued, statement):
    with pytest.raises((ValueError, KeyError)):
        book.claim(statement)


def test_the_pages_make_claims():
    assert sum(len(claims(p.read_text())) for p in PAGES) >= 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_compared_number_is_cited_in_the_text(page):
    """A claim backs a sentence: each glued name it compares appears in a {glue:text} role."""
    text = page.read_text()
    cited = set(re.findall(r"\{glue:text\}`([A-Za-z0-9_]+)", text))
    for statement in claims(text):
        sides = re.split(r"<=|>=|<|>", statement)
        names = [side.strip() for side in sides if NAME.fullmatch(side.strip())]
        missing = [n for n in names if n not in cited]
        assert not missing, f"{page.name}: claim({statement!r}) compares {missing}, which no sentence cites"
