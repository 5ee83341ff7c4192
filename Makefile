# The two commands of the README. Both set the machine up first (scripts/setup.sh).
.PHONY: run test test-fast setup bench lint

setup:
	@bash scripts/setup.sh

run: setup  ## serve the web app and API on the bundled data at http://127.0.0.1:8000
	.venv/bin/locator serve

test: setup  ## run the whole test suite (unit, API, browser, PostGIS, notebooks, doctests)
	bash scripts/test.sh

test-fast: setup  ## the suite without browser, PostGIS and slow tests, on every core (xdist)
	bash scripts/test.sh -n auto -m "not browser and not postgis and not slow"

lint: setup
	.venv/bin/ruff check geodata locator api tests bench
	.venv/bin/ruff format --check geodata locator api tests bench
	.venv/bin/lint-imports
	.venv/bin/mypy
