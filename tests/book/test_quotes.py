"""Is every quotation at the top of a chapter word for word in the Q&A post it comes
from? The posts are the course's seeds (COURSE_SPEC.md), outside the repository; the
test is skipped where they are not available. Text between quotation marks in the
chapter's opening block quote must appear in a seed, whitespace aside."""
import re
from pathlib import Path

import pytest

from tests.support import ROOT

SEEDS = Path("/work/shared/seeds")


def quotes(page: Path) -> list[str]:
    block = "\n".join(line[1:] for line in page.read_text().splitlines() if line.startswith(">"))
    return [q for q in re.findall(r'\*"(.+?)"\*', block, re.S)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed posts are not on this machine")
@pytest.mark.parametrize("page", sorted((ROOT / "book").glob("0*.md")), ids=lambda p: p.stem)
def test_every_opening_quotation_is_word_for_word_in_a_seed(page):
    seeds = squash(" ".join(p.read_text() for p in SEEDS.iterdir()))
    missing = [q for q in quotes(page) if squash(q) not in seeds]
    assert not missing, missing
