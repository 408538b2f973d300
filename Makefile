# One entry point for each job a developer or CI runs. The virtual environment lives in .venv/ and is
# (re)built from pyproject.toml by scripts/bootstrap when that file changes.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The analysis core compiled with mypyc (scripts/compile-analysis), by default; LAPNET_COMPILE=0 asks for
# pure Python, and no C compiler or a failed build gives it with a warning. The script runs every time:
# it returns at once when the build is up to date and of the mode asked for, and rebuilds when a source
# changed (a stale build is ignored at import, never run).
COMPILED := analysis-build

.PHONY: install test lint bench clean demo analyze-demo compile $(COMPILED)

$(STAMP): pyproject.toml scripts/bootstrap scripts/find-python
	bash scripts/bootstrap

$(COMPILED): $(STAMP)
	bash scripts/compile-analysis

install: $(COMPILED)

# builds the extensions again whatever the last attempt gave (after installing a C compiler, say)
compile: $(STAMP)
	LAPNET_COMPILE=1 bash scripts/compile-analysis --force

# Every test: all of them on SQLite, then the Django ones on PostgreSQL (scripts/test starts it, and installs
# Debian's chromium for the browser tests, when run as root). CI runs this (.ci/run).
test: $(COMPILED)
	bash scripts/test

# The demo network on this machine: production settings over plain http on loopback, data in var/ (or
# LAPNET_DATA_DIR). Creates the demo once (`lapnet demo --reset` recreates it), then serves the site with
# its task worker until Ctrl-C; `lapnet serve` prints the address and the demo logins.
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
# the demo's mail (alerts, referral notices, abuse reports) is written to files in var/mail, never sent
DEMO_ENV := LAPNET_DEBUG=0 LAPNET_HTTPS=0 LAPNET_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend \
	LAPNET_BASE_URL=http://$(DEMO_HOST):$(DEMO_PORT)
demo: $(COMPILED)
	$(DEMO_ENV) $(VENV)/bin/lapnet manage migrate --no-input -v 0
	$(DEMO_ENV) $(VENV)/bin/lapnet manage collectstatic --no-input -v 0
	$(DEMO_ENV) $(VENV)/bin/lapnet demo -v 0
	$(DEMO_ENV) $(VENV)/bin/lapnet serve --host $(DEMO_HOST) --port $(DEMO_PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check lapnet tests bench
	$(VENV)/bin/ruff format --check lapnet tests bench
	$(VENV)/bin/mypy

bench: $(COMPILED)
	$(PY) bench/analysis_throughput.py

clean:
	bash scripts/compile-analysis --clean
	rm -rf $(VENV)

# Analyse a sample of the public corpora beside the clone (or any PATH=...) and show the results.
CORPORA ?= $(or $(LAPNET_CORPORA),../shared/corpora)
analyze-demo: $(COMPILED)
	@test -d "$(CORPORA)" || { echo "No corpora at $(CORPORA): run 'make analyze-demo CORPORA=/path/to/mail'"; exit 2; }
	$(VENV)/bin/lapnet analyze --format table --workers 2 \
		"$(CORPORA)/phishing-pot/eml/sample-126.eml" \
		"$(CORPORA)/nazario-phishing-corpus/20051114.mbox" \
		"$(CORPORA)/abuseio-notifier-samples/feedback-loop" \
		"$(CORPORA)/xarf-spec-samples/v4/messaging-bulk-messaging.json" | head -60
