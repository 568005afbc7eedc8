# The two commands of the README (`make up`, `make test`), and the quick loop for development
# (`make lint`, `make unit`, `make integration`, `make e2e`, `make browser`), which skips the bootstrap: run
# `bash scripts/bootstrap.sh` (or `make up`) once first.
.PHONY: up test lint unit integration e2e browser

PY := .venv/bin/python
TYPED := api benchmarks demo evaluation graph matcher models scripts services workers

# Start the embedded Neo4j, apply the schema, load the demo data and serve the API on :8000.
up:
	bash scripts/bootstrap.sh
	.venv/bin/multaqa up

# Bootstrap, lint and run every test against the real embedded Neo4j (what CI runs).
test:
	bash scripts/run_tests.sh

# ruff (lint and format) and mypy only.
lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy $(TYPED)

# Tests without I/O: seconds, no Neo4j, no Redis.
unit:
	$(PY) -m pytest tests/unit -q

# Tests against the real embedded Neo4j, Redis and Celery workers (started by the fixtures).
integration:
	$(PY) -m pytest tests/integration -q

# The app under a real uvicorn server, driven over HTTP.
e2e:
	$(PY) -m pytest tests/e2e -q

# The web pages in Debian's Chromium (Playwright) against a real uvicorn server.
browser:
	$(PY) -m pytest tests/browser -q
