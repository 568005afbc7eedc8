"""The long schemathesis run (issue 13): the CI test `tests/integration/test_schemathesis.py`
with a larger budget of generated cases per operation, each sent as each of six roles.

    .venv/bin/python benchmarks/fuzz_api.py                 # 50 cases per operation
    .venv/bin/python benchmarks/fuzz_api.py --examples 200

Prints the tally (operations, requests by status code, failing operations); exits non-zero
when an operation answered a server error, an answer outside its schema or an undeclared
status. It starts its own embedded Neo4j through the test fixtures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50)
    args = parser.parse_args()
    env = os.environ | {"SCHEMATHESIS_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", "tests/integration/test_schemathesis.py", "-q"]
    return subprocess.call([*command, "-s", "-p", "no:cacheprovider"], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
