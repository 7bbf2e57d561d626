# Next Step: every task starts from a fresh clone with `make <target>`.
# Set-up is part of each target, so `make serve` and `make test` are all you need.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LIGHTHOUSE := tools/lighthouse/node_modules/.installed
ESLINT := tools/eslint/node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
# Compiled Python goes to one ignored folder, not beside the sources: builds reuse it (our macros compile once, not on
# every build) and the source folders stay clean.
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

.DEFAULT_GOAL := help
.PHONY: help setup serve serve-es build check check-translations test chromium lock clean new-script schemas new-language translation-hashes

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): requirements.lock
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "Installing python3-venv (needs apt and root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@touch $@

setup: $(INSTALLED) ## Install the pinned Python dependencies into .venv

# LANG=es serves the Spanish site at http://127.0.0.1:8000/es/ (its own build, from mkdocs.es.yml). Both languages'
# addresses are local, so links to the other language stay on this machine, though this server answers only one.
SERVE_URLS := NEXT_STEP_SITE_URL=http://127.0.0.1:8000/ NEXT_STEP_SITE_URL_ES=http://127.0.0.1:8000/es/
serve: $(INSTALLED) ## Serve the site with live reload on http://127.0.0.1:8000 (make serve LANG=es: the Spanish site at /es/)
	@if [ "$(LANG)" = es ]; then \
	  $(SERVE_URLS) $(BIN)/mkdocs serve --strict -f mkdocs.es.yml --dev-addr 127.0.0.1:8000; \
	else $(SERVE_URLS) $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000; fi

serve-es: ## Serve the Spanish site with live reload on http://127.0.0.1:8000/es/
	@$(MAKE) --no-print-directory serve LANG=es

# English first: its build empties site/, then the Spanish one fills site/es.
build: $(INSTALLED) ## Build the site into site/ (Spanish in site/es) exactly as CI does
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.es.yml

check: $(INSTALLED) ## Validate every data file; prints path:line:col: message per problem
	@$(BIN)/python -m macros.check

check-translations: $(INSTALLED) ## The check, failing also on a missing or stale translation (the maintainers' gate)
	@$(BIN)/python -m macros.check --strict-translations

new-script: $(INSTALLED) ## Start a script file: make new-script SETTING=phone NAME=my-close
	@$(BIN)/python -m macros.scaffold --setting "$(SETTING)" --name "$(NAME)"

new-language: $(INSTALLED) ## Start a translation: make new-language LANG=pt (translations/pt/, mkdocs.pt.yml)
	@$(BIN)/python -m macros.new_language --lang "$(LANG)"

translation-hashes: $(INSTALLED) ## After checking a translation against English: make translation-hashes LANG=es
	@$(BIN)/python -m macros.new_language --hashes --lang "$(LANG)"

schemas: $(INSTALLED) ## Regenerate schemas/*.schema.json (for editors) from macros/schema.py and data/
	@$(BIN)/python -m macros.json_schema

chromium: ## Install a Chromium for the browser tests (Debian's package, else Playwright's)
	@if [ -n "$$CHROMIUM_PATH" ] || [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	else $(MAKE) setup && $(BIN)/python -m playwright install chromium; fi

.PHONY: node lighthouse audit lint
node: ## Install Node.js and npm for Lighthouse and ESLint (Debian's packages) when missing
	@if command -v node >/dev/null && command -v npm >/dev/null; then :; \
	else echo "Installing Debian's nodejs and npm"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi

$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	@$(MAKE) --no-print-directory node
	cd tools/lighthouse && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: $(LIGHTHOUSE) ## Install the pinned Lighthouse (npm ci: exact versions, integrity-checked)

$(ESLINT): tools/eslint/package-lock.json
	@$(MAKE) --no-print-directory node
	cd tools/eslint && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Both linters always run, so one pass lists every finding. Format is not checked: the code predates ruff's format.
lint: $(INSTALLED) $(ESLINT) ## Lint the project's own code: ruff (Python) and ESLint (JavaScript)
	@status=0; \
	echo "ruff check ."; $(BIN)/ruff check . || status=1; \
	echo "eslint (tools/eslint/eslint.config.mjs)"; tools/eslint/node_modules/.bin/eslint --config tools/eslint/eslint.config.mjs || status=1; \
	exit $$status

audit: $(INSTALLED) chromium $(LIGHTHOUSE) ## Lighthouse scores for the home page and every script page
	$(BIN)/python -m tools.lighthouse.audit

test: lint chromium $(LIGHTHOUSE) ## Lint, then run the whole test suite (unit, build and browser tests)
	$(BIN)/python -m pytest

.PHONY: bench
bench: $(INSTALLED) chromium $(LIGHTHOUSE) ## Benchmarks and budgets: one table, saved in bench/results/ and docs/performance.md
	$(BIN)/python -m bench.run

lock: ## Re-pin requirements.lock (with hashes) from requirements.in
	$(PYTHON) -m pip install --quiet uv && $(PYTHON) -m uv pip compile --quiet --generate-hashes \
	  --python-version 3.11 requirements.in -o requirements.lock

clean: ## Remove the virtual environment and build output
	rm -rf $(VENV) site .pytest_cache
