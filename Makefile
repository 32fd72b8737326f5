# Every target installs what it needs first (scripts/setup.sh is idempotent).
PY := .venv/bin/python
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"

.PHONY: setup run test lint screenshots bench installer installer-check fresh-machine-check clean

setup:
	@bash scripts/setup.sh

## Opens the bundled example dossier; with no display, writes its PDF and says so.
run: setup
	@$(PY) -m socle_desktop --exemple

## The whole test suite (Qt offscreen).
test: setup
	@QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

## ruff, the type checker (strict below the GUI) and the layers' import contracts.
lint: setup
	@$(PY) -m ruff check socle_desktop tests bench scripts
	@$(PY) -m ruff format --check socle_desktop tests bench scripts
	@$(PY) -m mypy
	@.venv/bin/lint-imports --no-cache

## PNG of every wizard page of the example, at 1366×768, into docs/screenshots/.
screenshots: setup
	@$(XVFB) $(PY) scripts/screenshots.py

## Every benchmark, one table (figures beside their baselines and goals).
bench: setup
	@QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

## The one-folder PyInstaller build in dist/socle/.
installer: setup
	@$(PY) -m PyInstaller --noconfirm --clean build_installer.spec

## Builds the installer and runs the built program headless (--version, the example's PDF).
installer-check: installer
	@bash scripts/check_installer.sh

## make run and make test on a minimal Debian 12 (debootstrap; root needed; about 4 minutes).
fresh-machine-check:
	@bash scripts/check_fresh_machine.sh

clean:
	rm -rf build dist .pytest_cache .hypothesis
