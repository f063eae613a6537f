# DSR Lab -- two commands do all the set-up:  make lab   and   make test
# Everything installs into ./.venv (uv when it can be had, else pip); nothing is global.

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.dsrlab-installed
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
JOBS   ?= auto

.DEFAULT_GOAL := help
.PHONY: help install lab test lint bench site screenshots course-map clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## create .venv and install dsrlab with its test tools (fast when done)

# Re-install only when the dependency list changes; otherwise this is a no-op.
$(STAMP): pyproject.toml
	@echo "==> setting up $(VENV) (one-off, about a minute)"
	@if command -v uv >/dev/null 2>&1; then \
		uv venv --quiet --allow-existing --python python3 $(VENV); \
		uv pip install --quiet --python $(PY) --compile-bytecode -e '.[test]'; \
	else \
		[ -x $(PY) ] || python3 -m venv $(VENV); \
		if $(PY) -m pip install --quiet uv >/dev/null 2>&1; then \
			$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -e '.[test]'; \
		else \
			$(PY) -m pip install --quiet --compile -e '.[test]'; \
		fi; \
	fi
	@touch $(STAMP)

lab: install ## open JupyterLab on the start-here notebook
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

lint: install ## ruff on the package, tests, benchmarks and notebooks
	$(VENV)/bin/ruff check dsrlab tests benchmarks notebooks scripts conftest.py

# The whole suite: lint, unit and data tests, doctests, every notebook under nbval,
# papermill runs and the browser test. It must leave the working tree as it found it.
test: install lint ## run the whole test suite
	@git status --porcelain --untracked-files=all > $(VENV)/.tree-before 2>/dev/null || true
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m pytest -n $(JOBS) --dist loadfile \
		--nbval-lax dsrlab tests notebooks
	@git status --porcelain --untracked-files=all > $(VENV)/.tree-after 2>/dev/null || true
	@if ! cmp -s $(VENV)/.tree-before $(VENV)/.tree-after; then \
		echo "The test run left files in the working tree:"; \
		diff $(VENV)/.tree-before $(VENV)/.tree-after; exit 1; fi

bench: install ## time notebooks, imports, data loads, exercises and briefs against the floor
	$(PY) benchmarks/run.py

site: install ## execute every notebook and build an offline HTML site in _site/
	$(VENV)/bin/dsrlab site --out _site

screenshots: install ## PNGs of every notebook in JupyterLab, slides, a brief and the site
	$(PY) scripts/screenshots.py --out _screenshots

course-map: install ## rewrite the README's course map from notebooks/course.yml
	$(PY) -c "from dsrlab.site import update_readme; update_readme('README.md')"

clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) build dist _site briefs _screenshots
