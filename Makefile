# One entry point for each job a developer or CI runs. The virtual environment lives in .venv/ and is
# (re)built from pyproject.toml by scripts/bootstrap when that file changes.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install test lint bench clean analyze-demo

$(STAMP): pyproject.toml scripts/bootstrap scripts/find-python
	bash scripts/bootstrap

install: $(STAMP)

test: $(STAMP)
	bash scripts/test

lint: $(STAMP)
	$(VENV)/bin/ruff check lapnet tests bench
	$(VENV)/bin/ruff format --check lapnet tests bench
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) bench/analysis_throughput.py

clean:
	rm -rf $(VENV)

# Analyse a sample of the public corpora beside the clone (or any PATH=...) and show the results.
CORPORA ?= $(or $(LAPNET_CORPORA),../shared/corpora)
analyze-demo: $(STAMP)
	@test -d "$(CORPORA)" || { echo "No corpora at $(CORPORA): run 'make analyze-demo CORPORA=/path/to/mail'"; exit 2; }
	$(VENV)/bin/lapnet analyze --format table --workers 2 \
		"$(CORPORA)/phishing-pot/eml/sample-126.eml" \
		"$(CORPORA)/nazario-phishing-corpus/20051114.mbox" \
		"$(CORPORA)/abuseio-notifier-samples/feedback-loop" \
		"$(CORPORA)/xarf-spec-samples/v4/messaging-bulk-messaging.json" | head -60
