#!/usr/bin/env bash
# The test command: layer contract, lint, types, then pytest (tests and the packages' doctests).
# Used by `make test`, `make test-fast` (which passes pytest options) and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
.venv/bin/lint-imports
.venv/bin/ruff check --quiet geodata locator api tests bench
.venv/bin/ruff format --check --quiet geodata locator api tests bench
.venv/bin/mypy  # geodata locator api, as [tool.mypy] in pyproject.toml says
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
