#!/usr/bin/env bash
# The test command: layer contract, lint, then pytest. Used by `make test` and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
.venv/bin/lint-imports
.venv/bin/ruff check --quiet geodata locator api tests bench
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
