# Set-up and everyday commands. Every target creates .venv/ first if it is missing.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
DATA ?= ../shared/data

.PHONY: demo test install-dev benchmark train train-heads lint

$(PY):
	python3 -m venv $(VENV)

# Runtime only: onnxruntime, tokenizers, numpy, pydantic.
demo: $(PY)
	$(PIP) -e .
	$(VENV)/bin/affectkit demo

# torch is pinned first so that the train extra takes this CPU build instead of a multi-GB CUDA one.
install-dev: $(PY)
	$(PIP) torch==2.13.0
	$(PIP) -e '.[dev,train,baseline,eval,llm]'

test: install-dev
	$(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/mypy

benchmark: install-dev
	$(PY) benchmarks/accuracy.py --data $(DATA)
	$(PY) benchmarks/speed.py --data $(DATA)
	$(PY) benchmarks/conversation.py --data $(DATA)
	$(PY) benchmarks/planning.py --data $(DATA)
	$(PY) benchmarks/reply_check.py
	$(PY) benchmarks/eq_intensity_speed.py

# Rebuild the shipped models from the datasets (about 1 hour on 2 CPU cores): the text model first,
# then the conversation and strategy heads that sit on it.
train: install-dev
	$(PY) -m affectkit.training.train --goemotions $(DATA)/goemotions --emobank $(DATA)/emobank \
		--brighter $(DATA)/semeval2025_task11_brighter --out src/affectkit/models/goemotions-minilm
	$(MAKE) train-heads

train-heads: install-dev
	$(PY) -m affectkit.training.conversation --reccon $(DATA)/reccon --dailydialog $(DATA)/dailydialog \
		--out src/affectkit/models/conversation-minilm
	$(PY) -m affectkit.training.strategy --esconv $(DATA)/esconv --out src/affectkit/models/strategy-minilm
