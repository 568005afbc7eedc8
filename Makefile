# The two commands of the README.
.PHONY: up test

# Start the embedded Neo4j, apply the schema, load the demo data and serve the API on :8000.
up:
	bash scripts/bootstrap.sh
	.venv/bin/multaqa up

# Lint and run every test against the real embedded Neo4j.
test:
	bash scripts/run_tests.sh
