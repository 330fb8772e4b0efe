"""Jinja templates the course adds to nbgrader's: ``feedback/`` holds what goes in the head
of the feedback page (see its ``mathjax.html.j2``). ``nbgrader_config.py`` puts
:data:`FOLDER` first among nbconvert's template folders."""
import os

FOLDER = os.path.dirname(os.path.abspath(__file__))
