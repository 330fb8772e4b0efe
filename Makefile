# `make` sets up .venv, regenerates exercises/ from solutions/, builds the book and its
# in-browser edition (_build/html/lite);
# `make test` runs the whole test suite. Both are what .ci/run runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
BWRAP := /usr/bin/bwrap
MATHJAX := _static/mathjax/tex-mml-chtml.js

.PHONY: all install exercises book lite test bench pdf lock clean

all: exercises book lite

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(STAMP) $(CHROMIUM) $(MATHJAX) $(BWRAP)

# MathJax served with the site (from the npm registry), so formulas render offline too.
$(MATHJAX):
	npm install --silent --no-audit --no-fund --prefix .node mathjax@3.2.2
	mkdir -p _static/mathjax/output/chtml/fonts
	cp .node/node_modules/mathjax/es5/tex-mml-chtml.js _static/mathjax/
	cp -r .node/node_modules/mathjax/es5/output/chtml/fonts/woff-v2 _static/mathjax/output/chtml/fonts/

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null

# Debian's bubblewrap: the sandbox every piece of student code runs in when grading.
$(BWRAP):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap > /dev/null

# Optional PDF of the book (not part of `make`): LaTeX from Debian, about 1 GB.
XELATEX := /usr/bin/xelatex
PDF_PACKAGES := texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
	texlive-fonts-extra texlive-xetex latexmk fonts-freefont-otf

$(XELATEX):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$(PDF_PACKAGES) > /dev/null

pdf: install exercises $(XELATEX)
	rm -rf _build/latex
	$(BIN)/jupyter-book build . --builder pdflatex
	@echo "PDF: _build/latex/why-is-my-loss-going-up.pdf"

exercises: install
	$(BIN)/course release

book: install exercises
	$(BIN)/jupyter-book build . -W --keep-going

# The in-browser edition: JupyterLite with Pyodide at _build/html/lite/, which each chapter
# links. Pyodide's files come from the sources pinned and hash-checked in lite/third-party.toml.
lite: install exercises
	$(BIN)/python lite/build.py

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/notebooks.py
	$(BIN)/python bench/grading.py

lock:
	rm -rf /tmp/lock-venv && $(PYTHON) -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet -r requirements.in
	echo '# Pinned: regenerate with `make lock` after changing requirements.in.' > requirements.txt
	/tmp/lock-venv/bin/pip freeze | sed 's/^torch==\(.*\)+cpu$$/torch==\1/' >> requirements.txt

clean:
	rm -rf _build
