"""Does every internal link of the built site lead somewhere? Offline: every relative
href and src must name an existing file, and every #anchor an id in that file."""
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.support import ROOT

SITE = ROOT / "_build" / "html"
pytestmark = pytest.mark.xdist_group("site")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(errors="ignore"))
    return page


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(pages read, broken links) of the site in ``site``."""
    pages = {p: parse(p) for p in site.rglob("*.html") if "_static" not in p.parts}  # _static: theme templates
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    return len(pages), broken


def test_every_internal_link_and_anchor_exists():
    assert SITE.is_dir(), "no built site in _build/html: run `make` first"
    count, broken = broken_links(SITE)
    assert count >= 10
    assert not broken, "\n".join(broken[:30])


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#here">b</a><a href="c.html">c</a><a href="b.html#gone">x</a>')
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1>')
    assert broken_links(tmp_path)[1] == ["a.html: c.html (no such file)", "a.html: b.html#gone (no such anchor)"]
