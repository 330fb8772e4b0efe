"""Grading that student code cannot touch.

- ``sandbox``: the bubblewrap sandbox every piece of student code runs in;
- ``kernel``: nbgrader's notebook run, with its kernel in that sandbox;
- ``runner``: the only course code inside the sandbox, which calls the student's functions;
- ``remote``: the judge's side of it, proxies the checks call like functions;
- ``verdict``: every test cell decided by the checks, outside the sandbox.
"""
