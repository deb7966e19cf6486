# The README's two commands are `make serve` and `make test`; each sets up what it needs on the way.
# Other targets: build, pdf, offline, zensical, lint, bench, lock, clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1
# The engine: ProperDocs, the maintained continuation of MkDocs 1.x. `make build ENGINE=mkdocs` builds
# with MkDocs 1.6 instead; scripts read the same choice from PLAYBOOK_ENGINE (docs/reference/engines.md).
ENGINE ?= properdocs
export PLAYBOOK_ENGINE := $(ENGINE)

.PHONY: serve build pdf offline zensical test lint bench lock clean system-packages

serve: $(READY)
	$(BIN)/$(ENGINE) serve --livereload -f mkdocs.yml

build: $(READY)
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml

# The website plus the whole playbook as one PDF, in site/pdf/.
pdf: $(READY) system-packages
	$(BIN)/python scripts/build_pdf.py site

# A zip of the site that works offline, in dist/.
offline: $(READY)
	$(BIN)/python scripts/build_offline.py dist

# The site built with the newest Zensical that installs, in its own environment (.venv-zensical), into
# site-zensical/: a preview of the engine that follows Material for MkDocs (docs/reference/engines.md).
zensical: $(READY)
	$(BIN)/python scripts/build_zensical.py

# One pytest worker per core (at most 4), a test module per worker at a time, so that a module's
# fixtures (the PDF, the release repository) are built once; each worker builds the site once.
# The slowest tests are listed at the end, to keep the suite fast.
test: $(READY) system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadscope --durations 15

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(READY)
	$(BIN)/python scripts/benchmark.py

# Re-resolve the pinned dependency set after changing pyproject.toml.
lock: $(READY)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11.2 \
		--python-platform x86_64-unknown-linux-gnu --no-header -o requirements.lock

system-packages:
	scripts/ensure-system-packages.sh

$(READY): requirements.lock pyproject.toml scripts/setup-venv.sh
	PYTHON=$(PYTHON) scripts/setup-venv.sh $(VENV)
	touch $@

clean:
	rm -rf site site-zensical .pytest_cache .ruff_cache build dist
