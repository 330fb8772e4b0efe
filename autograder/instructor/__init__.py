"""The instructor's workflow as importable functions; ``autograder.cli`` only parses
arguments and prints. Everything goes through nbgrader's own API and gradebook."""
