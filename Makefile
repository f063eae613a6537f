# DSR Lab -- two commands do all the set-up:  make lab   and   make test
# Everything installs into ./.venv (uv when it can be had, else pip); nothing is global.

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.dsrlab-installed
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
JOBS   ?= auto

.DEFAULT_GOAL := help
PROXY  := node_modules/.bin/configurable-http-proxy
.PHONY: help install lab test lint bench site screenshots course-map clean hub proxy lock

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## create .venv and install dsrlab with its test tools (fast when done)

# Re-install only when the lock changes; otherwise this is a no-op. Every package comes at
# the exact version of requirements.lock (made from pyproject.toml by `make lock`), so a
# class installs the same versions in week 1 and week 12; dsrlab itself is added editable.
$(STAMP): pyproject.toml requirements.lock
	@echo "==> setting up $(VENV) from requirements.lock (one-off, about a minute)"
	@if command -v uv >/dev/null 2>&1; then \
		uv venv --quiet --allow-existing --python python3 $(VENV); \
		uv pip install --quiet --python $(PY) --compile-bytecode -r requirements.lock; \
		uv pip install --quiet --python $(PY) --no-deps -e .; \
	else \
		[ -x $(PY) ] || python3 -m venv $(VENV); \
		if $(PY) -m pip install --quiet uv >/dev/null 2>&1; then \
			$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -r requirements.lock; \
			$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .; \
		else \
			$(PY) -m pip install --quiet --compile -r requirements.lock; \
			$(PY) -m pip install --quiet --no-deps -e .; \
		fi; \
	fi
	@touch $(STAMP)

# JupyterHub's proxy, from the npm registry into ./node_modules (exact versions of
# package-lock.json). Without npm this says so in one line; the hub test then says why
# it cannot run (and fails in CI, where .ci/run installs Node.js first).
proxy:
	@if [ -x $(PROXY) ] && [ $(PROXY) -nt package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		echo "==> installing configurable-http-proxy into node_modules/ (npm ci)"; \
		npm ci --no-audit --no-fund --loglevel=error && touch $(PROXY); \
	else echo "==> npm not found: no configurable-http-proxy, so no local JupyterHub"; fi

hub: install proxy ## a local JupyterHub on 127.0.0.1:8000 serving the course to demo students
	$(PY) scripts/hub.py

# The lock: pyproject.toml's dependencies and test tools resolved to exact versions, for
# every platform (--universal). Refresh it between terms, not during one; commit the result.
LOCK_ARGS := pip compile pyproject.toml --extra test --universal --python-version 3.11 -o requirements.lock

lock: install ## refresh requirements.lock (exact versions) from pyproject.toml
	@UV=$$(command -v uv || echo $(VENV)/bin/uv); $$UV $(LOCK_ARGS) --upgrade --quiet
	@echo "==> requirements.lock refreshed; run make install (or make test) to use it"

lab: install ## open JupyterLab on the start-here notebook
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

lint: install ## ruff on the package, tests, benchmarks and notebooks
	$(VENV)/bin/ruff check dsrlab tests benchmarks notebooks scripts deploy conftest.py

# The whole suite: lint, unit and data tests, doctests, every notebook under nbval,
# papermill runs and the browser test. It must leave the working tree as it found it.
test: install proxy lint ## run the whole test suite
	@git status --porcelain --untracked-files=all > $(VENV)/.tree-before 2>/dev/null || true
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m pytest -n $(JOBS) --dist loadfile \
		--nbval-lax dsrlab tests notebooks
	@git status --porcelain --untracked-files=all > $(VENV)/.tree-after 2>/dev/null || true
	@if ! cmp -s $(VENV)/.tree-before $(VENV)/.tree-after; then \
		echo "The test run left files in the working tree:"; \
		diff $(VENV)/.tree-before $(VENV)/.tree-after; exit 1; fi

bench: install proxy ## time notebooks, imports, data, exercises, briefs; kernel memory, students per 8 GiB, hub start
	$(PY) benchmarks/run.py

site: install ## execute every notebook and build an offline HTML site in _site/
	$(VENV)/bin/dsrlab site --out _site

screenshots: install ## PNGs of every notebook in JupyterLab, slides, a brief and the site
	$(PY) scripts/screenshots.py --out _screenshots

course-map: install ## rewrite the README's course map from notebooks/course.yml
	$(PY) -c "from dsrlab.site import update_readme; update_readme('README.md')"

clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) build dist _site briefs _screenshots
