"""Interactive figures for a static page: every frame is drawn ahead of time with
matplotlib and embedded as a PNG; a slider picks the frame. No server, no network and
no JavaScript library are needed, so it works in the built HTML as it is."""
from __future__ import annotations

import base64
import html
import io
import itertools

import matplotlib.pyplot as plt
from IPython.display import HTML

_ids = itertools.count()


def slider(draw, values, label: str, fmt: str = "{:g}", start: int = 0, figsize=(6, 4), *,
           description: str) -> HTML:
    """Call ``draw(ax, value)`` once per value, and return HTML that shows one frame at a
    time with a slider labelled ``label`` to move between them. ``description`` says what
    the figure shows, for readers who cannot see it: each frame's alt text is the
    description followed by the slider's value."""
    frames = []
    for value in values:
        fig, ax = plt.subplots(figsize=figsize)
        draw(ax, value)
        fig.tight_layout()
        frames.append(base64.b64encode(_small_png(fig)).decode())
        plt.close(fig)
    uid = f"slider{next(_ids)}"
    labels = [html.escape(fmt.format(v)) for v in values]
    described = html.escape(description.rstrip(". "))
    images = "".join(
        f'<img id="{uid}-{i}" src="data:image/png;base64,{f}" alt="{described}. Shown for {html.escape(label)} = {labels[i]}." '
        f'style="max-width:100%;{"" if i == start else "display:none"}">'
        for i, f in enumerate(frames))
    return HTML(f"""
<div class="course-slider" id="{uid}">
  <label for="{uid}-input">{html.escape(label)} = <output id="{uid}-out">{labels[start]}</output></label>
  <input id="{uid}-input" type="range" min="0" max="{len(frames) - 1}" value="{start}" step="1"
         style="width:100%" aria-label="{html.escape(label)}"
         oninput="(function(v){{var n={len(frames)};for(var i=0;i<n;i++){{document.getElementById('{uid}-'+i).style.display=(i==v?'':'none');}}
           document.getElementById('{uid}-out').textContent={labels!r}[v];}})(this.value)">
  <div>{images}</div>
</div>""")


def _small_png(fig) -> bytes:
    """The figure as a PNG of at most 256 colours: every frame is part of the page's HTML,
    downloaded on the first visit, and line plots lose nothing visible in a palette."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    buffer.seek(0)
    small = io.BytesIO()
    Image.open(buffer).convert("RGB").quantize(colors=256).save(small, format="png", optimize=True)
    return small.getvalue()
