# `make` sets up .venv, regenerates exercises/ from solutions/ and builds the book;
# `make test` runs the whole test suite. Both are what .ci/run runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: all install exercises book test bench pdf lock clean

all: exercises book

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP)

exercises: install
	$(BIN)/course release

book: install exercises
	$(BIN)/jupyter-book build . -W --keep-going

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/grading.py

lock:
	rm -rf /tmp/lock-venv && $(PYTHON) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet -r requirements.in
	echo '# Pinned: regenerate with `make lock` after changing requirements.in.' > requirements.txt
	/tmp/lock-venv/bin/pip freeze | sed 's/^torch==\(.*\)+cpu$$/torch==\1/' >> requirements.txt

clean:
	rm -rf _build
