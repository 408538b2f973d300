# One entry point for each job a developer or CI runs. The virtual environment lives in .venv/ and is
# (re)built from pyproject.toml by scripts/bootstrap when that file changes.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install test lint bench clean

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
