"""``emotion_recognition``: GoEmotions-style multi-label emotion classification by the model under test.

Each sample is one text of a GoEmotions split (``test.tsv`` by default) with its gold labels in the chosen
scheme: ``goemotions`` (the labels of ``emotions.txt``, 27 emotions and ``neutral``) or ``ekman`` (the groups
of ``taxonomy/ekman_mapping.json`` and ``neutral``; a group is gold when any of its member labels is). The
prompt lists the scheme's labels and asks for the ones the text expresses, separated by commas.

**Few-shot** (``shots=k > 0``): the ``k`` training texts most similar to the sample's text, by cosine
similarity of affectkit's own sentence embeddings (:meth:`EncoderRecognizer.embed
<affectkit.recognizers.encoder.EncoderRecognizer.embed>`), are shown first with their gold labels, the most
similar one last, right before the text to classify. The embeddings of the training split (43k texts) are
computed once, with a progress bar, and cached on disk (see :func:`embed_cached`): the cache key holds the
encoder's model id, a hash of its weights and the hash of the training file, so a retrained model or a
changed file never reuses stale vectors.

**Parsing** (:func:`parse_labels`): the text after the last ``Emotions:`` / ``Labels:`` / ``Answer:`` marker
(else the whole answer) is split at commas, semicolons, slashes, new lines and the word "and"; each piece
that is exactly a known label of the scheme (any letter case, without quotes, bullets or markdown) is kept,
anything else is ignored. An answer with no known label is a *parse failure*.

**Metrics** (:func:`recognition_metrics`), over the answers that parsed, all epochs:

* ``macro_f1`` — mean F1 over the labels present in the gold or predicted sets (on a full split every label is
  present, so this is the usual macro-F1; on a small subset, labels nobody used have no F1 and are left out);
* ``micro_f1`` — F1 of all (text, label) decisions pooled;
* ``exact_match`` — share of texts whose predicted set equals the gold set;
* ``parse_failures`` — share of *all* answers that named no known label (never scored as wrong labels).

Run it::

    inspect eval affectkit/emotion_recognition -T data=../shared/data/goemotions -T scheme=ekman -T shots=5 \\
        -T limit=500 --model <model>

Example:
    >>> parse_labels("Emotions: Joy, gratitude and pride.", ["joy", "gratitude", "pride", "neutral"])
    ['joy', 'gratitude', 'pride']
    >>> parse_labels("I cannot tell.", ["joy", "neutral"]) is None
    True
"""

from __future__ import annotations

from affectkit.evals.recognition.dataset import (
    EMBED_BATCH,
    SCHEMES,
    Embedder,
    RecognitionItems,
    default_embedder,
    embed_cached,
    embedder_fingerprint,
    embedding_cache_dir,
    load_items,
    nearest,
    recognition_dataset,
)
from affectkit.evals.recognition.prompts import ANSWER_FORMAT, QUESTION, recognition_prompt
from affectkit.evals.recognition.scorer import (
    headline_metrics,
    multilabel_scores,
    parse_labels,
    recognition_metrics,
    recognition_scorer,
)
from affectkit.evals.recognition.task import emotion_recognition
from affectkit.evals.registry import EvalTask

__all__ = [
    "ANSWER_FORMAT",
    "EMBED_BATCH",
    "QUESTION",
    "SCHEMES",
    "TASKS",
    "Embedder",
    "RecognitionItems",
    "default_embedder",
    "embed_cached",
    "embedder_fingerprint",
    "embedding_cache_dir",
    "emotion_recognition",
    "load_items",
    "multilabel_scores",
    "nearest",
    "parse_labels",
    "recognition_dataset",
    "recognition_metrics",
    "recognition_prompt",
    "recognition_scorer",
]

TASKS = (
    EvalTask("emotion_recognition", emotion_recognition, headline=headline_metrics),
)
"""This benchmark's tasks, declared once (see :mod:`affectkit.evals.registry`)."""
