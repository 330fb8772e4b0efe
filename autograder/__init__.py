"""The course's Python package.

- ``references``: the correct graded functions (one module per chapter topic).
- ``misconceptions``: the catalog of mistakes, each with an executable buggy variant.
- ``checks``: compare a student's function with its reference and name the mistake.
- ``data`` and ``plotting``: what the book's pages share.
- ``cli``: the instructor's ``course`` command.
"""
