# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run desktop-check test lint bench dist bundle clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes (new dependencies).
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-app
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## make run: create/update .venv, install factdesk and open it on the bundled demo review
run: desktop-check
	$(BIN)/factdesk

## make desktop-check: can the window open here? Names (as root: installs) missing system libraries
desktop-check: $(VENV)/.installed-app
	$(BIN)/python -m factdesk.desktop_check --install

## make test: install the test extras and run lint, the architecture check and the whole suite offscreen
test: $(VENV)/.installed-test lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## make bench: print quality, speed and memory figures (see benchmarks/README.md)
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/align_seed.py
	$(BIN)/python benchmarks/align_speed.py

## make dist: build the sdist and wheel into dist/ and list what the wheel holds
dist: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet build
	$(BIN)/python -m build --outdir dist .
	$(BIN)/python -m zipfile -l $$(ls -t dist/factdesk-*.whl | head -1) | grep -E 'resources/(demo|icons)/' | head -20

## make bundle: stand-alone one-folder program in dist/factdesk/ (PyInstaller), runs without Python
bundle: $(VENV)/.installed-app
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/factdesk.spec
	dist/factdesk/factdesk --version
	@du -sh dist/factdesk | sed 's/^/bundle size: /'

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache
