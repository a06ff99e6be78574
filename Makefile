# The SEND assistant. Two commands: `make run` and `make test`.
# Both set everything up when needed: the two Python environments, the
# knowledge base, the spaCy pipeline and the Rasa model (trained only when its
# inputs changed).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# Rasa 3.6 and its dependencies print many deprecation warnings that are not ours to fix.
export PYTHONWARNINGS := ignore::DeprecationWarning
export PYTHONPATH := $(CURDIR)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

RASA_VENV := .venv/rasa
WEB_VENV := .venv/web
RASA_PY := $(RASA_VENV)/bin/python
WEB_PY := $(WEB_VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
PYTHON_WEB ?= python3
KB := var/knowledge.db
SPACY_DIR := var/spacy/en_send
KNOWLEDGE_SOURCES := $(shell find knowledge -type f \( -name '*.yml' -o -name '*.md' -o -name '*.py' \) 2>/dev/null)
MODEL = $(shell $(WEB_PY) -c 'from ops.fingerprint import model_path; print(model_path())')
NLU_MIN_F1 ?= 0.90
# Rasa's training data; the rest of data/ trains the triage models (triage/train.py).
RASA_DATA := data/nlu data/rules data/stories
TRIAGE := var/triage/risk.json
# What the triage models are trained from, and the code that reads and featurises it.
TRIAGE_SOURCES := $(shell find data -type f -name '*.yml' 2>/dev/null) knowledge/safeguarding.yml \
                  $(addprefix triage/,train.py training_data.py features.py patterns.py pieces.py linear_model.py)

.PHONY: help run test setup envs knowledge train validate test-rasa test-python browser services lock clean staff-user forget-expired erase \
        stale-report import-feed bench

help:
	@echo "make run    set up if needed, then start the assistant at http://127.0.0.1:8000"
	@echo "make test   set up if needed, then run the whole test suite"
	@echo "make lock   re-resolve requirements/*.in into requirements/*.lock"
	@echo "make stale-report               Local Offer services not checked for a year"
	@echo "make import-feed FEED=path NAME=slug   import a council's Open Referral UK feed"
	@echo "make bench  print the benchmark figures (search speed, stack footprint, load against a bare-Rasa floor, NLU cross-validation)"
	@echo "make clean  remove var/ (knowledge base, models, logs, conversations)"

run: setup
	$(WEB_PY) -m ops.stack

test: setup validate test-rasa test-python

setup: envs knowledge train

envs: $(RASA_VENV)/.installed $(WEB_VENV)/.installed

# Rasa 3.6 needs Python 3.10; ops/python310.sh finds it or says what to install.
# Installing the full lock with --no-deps avoids pip's resolver (a known trap with rasa).
$(RASA_VENV)/.installed: requirements/rasa.lock ops/python310.sh
	rm -rf $(RASA_VENV)
	py=$$(ops/python310.sh) && "$$py" -m venv $(RASA_VENV)
	$(RASA_PY) -m pip install --quiet --upgrade "pip==24.0"
	$(RASA_PY) -m pip install --quiet --no-deps -r requirements/rasa.lock
	$(RASA_PY) -m pip check
	touch $@

$(WEB_VENV)/.installed: requirements/web.lock
	rm -rf $(WEB_VENV)
	$(PYTHON_WEB) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "The web app needs Python 3.11 or newer as $(PYTHON_WEB)." >&2; exit 1; }
	$(PYTHON_WEB) -m venv $(WEB_VENV)
	$(WEB_PY) -m pip install --quiet --no-deps -r requirements/web.lock
	$(WEB_PY) -m pip check
	touch $@

knowledge: $(KB) $(SPACY_DIR)/meta.json $(TRIAGE)

$(KB): $(WEB_VENV)/.installed $(KNOWLEDGE_SOURCES)
	$(WEB_PY) -m knowledge.build $(KB)

$(SPACY_DIR)/meta.json: $(RASA_VENV)/.installed knowledge/entities.yml knowledge/spacy_pipeline.py knowledge/sources.py
	rm -rf $(SPACY_DIR)
	$(RASA_PY) -m knowledge.spacy_pipeline $(SPACY_DIR)

# The first decision on every message: the safeguarding detector and the router's models
# (scikit-learn, in the Rasa environment), saved as JSON for both environments.
$(TRIAGE): $(RASA_VENV)/.installed $(TRIAGE_SOURCES)
	$(RASA_PY) -m triage.train

train: envs knowledge
	$(RASA_PY) ops/train.py

validate: envs
	$(RASA) data validate --fail-on-warnings --config bot/config.yml --domain bot/domain.yml \
	  --data $(RASA_DATA)

test-rasa: train
	rm -rf var/results
	$(RASA) test nlu --nlu tests/rasa/nlu_test --domain bot/domain.yml --model $(MODEL) \
	  --out var/results/nlu
	$(WEB_PY) -m bench.nlu_report var/results/nlu/intent_report.json --min-f1 $(NLU_MIN_F1)
	$(WEB_PY) -m bench.nlu_baseline var/results/nlu/intent_report.json
	$(RASA) test core --stories tests/rasa/stories --model $(MODEL) \
	  --out var/results/core --fail-on-prediction-errors

# The browser tests (tests/integration) drive Debian's Chromium; ops/browser.sh installs it.
browser:
	ops/browser.sh

# The scale-out tests use PostgreSQL and Redis; ops/services.sh starts them if they are down.
services:
	ops/services.sh

test-python: setup browser services
	$(RASA_PY) -m pytest tests/nlu tests/bot tests/actions
	$(WEB_PY) -m pytest tests/knowledge tests/triage tests/casework tests/ops tests/web tests/integration

staff-user: envs
	@test -n "$(EMAIL)" || { echo "Usage: make staff-user EMAIL=name@council ROLE=staff|admin [NAME=...]" >&2; exit 2; }
	$(WEB_PY) -m casework.staff_user "$(EMAIL)" --role "$(or $(ROLE),staff)" --name "$(NAME)"

# Conversations are deleted after privacy.keep_days by the running web app; these do it by hand.
forget-expired: envs
	$(WEB_PY) -m casework.retention

erase: envs
	@test -n "$(SESSION)" || { echo "Usage: make erase SESSION=<the conversation's session id>" >&2; exit 2; }
	$(WEB_PY) -m casework.retention --erase "$(SESSION)"

stale-report: knowledge
	$(WEB_PY) -m knowledge.stale_report $(KB)

import-feed: envs
	@test -n "$(FEED)" -a -n "$(NAME)" || { echo "Usage: make import-feed FEED=path NAME=slug" >&2; exit 2; }
	$(WEB_PY) -m knowledge.oruk "$(FEED)" --name "$(NAME)" --db $(KB)

bench: setup
	$(WEB_PY) -m bench.service_search
	$(WEB_PY) -m bench.stack_footprint
	$(WEB_PY) -m bench.load
	$(WEB_PY) -m bench.load --profile scaleout
	$(WEB_PY) -m bench.risk
	$(RASA) test nlu --cross-validation --folds 5 --config bot/config.yml --nlu data/nlu \
	  --domain bot/domain.yml --out var/results/cross-validation
	$(WEB_PY) -m bench.nlu_report var/results/cross-validation/intent_report.json --min-f1 0

lock:
	ops/lock.sh

clean:
	rm -rf var
