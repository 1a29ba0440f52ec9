# Madoguchi: `make run` serves the app with demo data; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test lint typecheck frontend frontend-test pytest schema clean

$(BIN)/madoguchi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

# The test extras include the bridge's hardware libraries (pyscard compiles against pcsclite).
$(VENV)/.dev: $(BIN)/madoguchi pyproject.toml
	$(BIN)/pip install -q -e '.[dev,bridge]'
	touch $@

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

# The TypeScript wire types are generated from this schema during the front-end build.
schema: $(BIN)/madoguchi
	$(BIN)/madoguchi schema --output frontend/src/lib/protocol.schema.json

frontend: frontend/node_modules/.package-lock.json schema
	cd frontend && npm run build

run: $(BIN)/madoguchi frontend
	$(BIN)/madoguchi serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev frontend/node_modules/.package-lock.json schema
	$(BIN)/mypy
	cd frontend && npm run typecheck

frontend-test: frontend/node_modules/.package-lock.json schema
	cd frontend && npm test

# The browser tests run in their own pytest process: Playwright's sync API keeps an event loop
# running in the main thread for the whole session, which the asyncio tests cannot share.
pytest: $(VENV)/.dev frontend
	$(BIN)/python -m pytest --ignore=tests/browser
	$(BIN)/python -m pytest tests/browser

test:
	bash .ci/system-packages
	$(MAKE) lint typecheck frontend-test pytest

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
