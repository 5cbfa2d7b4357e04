# kmg: two commands set everything up on a fresh machine (Python 3.11+ and make).
#   make demo   creates .venv, installs kmg, checks and builds the example agendas into out/
#   make test   installs the dev tools into .venv and runs the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
# the example agendas; agendas/planning.yaml next to them is the sample for kmg plan
AGENDAS := $(filter-out agendas/planning.yaml,$(sort $(wildcard agendas/*.yaml)))

.PHONY: demo test lint bench schema clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kmg heeft Python 3.11 of nieuwer nodig (gevonden: " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

demo: $(VENV)/.installed
	@rm -rf $(OUT)/init-voorbeeld $(OUT)/planning
	$(BIN)/kmg init $(OUT)/init-voorbeeld/agenda.yaml --school "OBS De Regenboog"
	$(BIN)/kmg check $(OUT)/init-voorbeeld/agenda.yaml $(AGENDAS) agendas/planning.yaml
	$(BIN)/kmg klassen agendas/klassenlijst-voorbeeld.xlsx
	$(BIN)/kmg build $(AGENDAS) --klassen agendas/klassenlijst-voorbeeld.csv --uitvoer $(OUT)
	$(BIN)/python agendas/antwoorden-voorbeeld.py $(OUT)/antwoorden.csv agendas/planning.yaml $(OUT)/antwoorden-voorbeeld.csv
	$(BIN)/kmg plan $(AGENDAS) --klassen agendas/klassenlijst-voorbeeld.csv --momenten agendas/planning.yaml --antwoorden $(OUT)/antwoorden-voorbeeld.csv --uitvoer $(OUT)/planning --tijd 10
	$(BIN)/kmg build $(AGENDAS) --klassen agendas/klassenlijst-voorbeeld.csv --planning $(OUT)/planning/planning.csv --uitvoer $(OUT)
	@echo
	@echo "Open de PDF's in $(abspath $(OUT))/: per groep een map met leidraad.pdf, gespreksformulieren.pdf (met dag en tijd) en uitnodigingen.pdf; antwoorden.csv staat ernaast."
	@echo "De planning staat in $(abspath $(OUT))/planning/: planning.csv, en per groep rooster.pdf, bevestigingen.pdf en een agenda (.ics)."

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -n 2 -q

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests bench

bench: $(VENV)/.installed
	$(BIN)/python bench/school.py
	$(BIN)/python bench/classlists.py
	$(BIN)/python bench/planning.py

schema: $(VENV)/.installed
	$(BIN)/kmg schema --uitvoer agendas/kmg-agenda.schema.json

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache .kmg-cache
