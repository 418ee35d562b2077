"""One risk reader for every surface: crisis language in a message, in any language the encoder reads.

:class:`RiskDetector` combines two sources and reports each finding with its evidence span, a calibrated score,
a severity, the language and where it came from:

* **the classifier** (:class:`~affectkit.risk.classifier.CrisisClassifier`): calibrated probabilities of a
  crisis and of each kind for the whole message, from its multilingual sentence embedding and the strongest
  evidence among its tokens (the evidence of a flagged message with several sentences is the sentence that
  scores highest on its own). It learned from
  labelled chat messages in eight languages, hard negatives included: negation, hyperbole and idioms, talk
  *about* the topic, the past and recovered, technical senses and ordinary distress;
* **high-precision rules** (``risk/rules/<language>.json``, run by :mod:`affectkit.rules`): explicit
  first-person statements ("I want to kill myself", "me quiero morir", "er schlägt mich") and passive ideation
  ("what's the point of living", "à quoi bon vivre"; :data:`RULE_GROUPS`). Negated, quoted
  and reported matches are dropped by the rule engine, a text with a laughing marker runs no rule, and a
  rule counts only when the classifier gives the message at least ``rule_floor`` (so that "I used to cut
  myself, three years clean" stays the classifier's call); a passive-ideation phrase that is the only crisis rule
  to fire counts from ``passive_rule_floor`` (0 in the shipped model: "Life is pointless."), unless words of the
  message set it in the past ("three years ago", "damals": :data:`PAST_GROUP`). Rules also speak against a flag:
  when the classifier flags a message below ``high_threshold`` and every crisis phrase the rules find in it is
  negated, reported, quoted or joked about ("I would never hurt myself"), the message is not flagged.

* **the verifier** (:class:`~affectkit.risk.verifier.CrisisVerifier`): a fine-tuned multilingual transformer that
  reads again every message the classifier finds close to a crisis or a rule fires in: it reads negation, the past
  and talk about the topic better than a bag of n-grams does. Its reading and the classifier's are combined into
  the message's crisis score; it cannot clear a rule's flag, nor one the classifier is sure of.

A message is flagged when its calibrated ``crisis`` score (any kind) reaches the model's ``threshold`` (chosen on
dev for recall; for a message the verifier read, the combined score and the verifier's threshold), with the kind
the classifier finds most likely, and a kind is flagged when a rule for it fired;
``high`` severity when the crisis score reaches ``high_threshold`` or a rule fired, ``medium`` otherwise. A
finding's ``score`` is the crisis score for the classifier's kind and the kind's own probability otherwise.
Kinds: ``suicidal_ideation``, ``self_harm``, ``harm_to_others``, ``abuse`` (the speaker is being harmed) and
``third_party_risk`` (someone else is at risk). Flags are a signal for a person to look at, not a
diagnosis (:data:`affectkit.types.RISK_NOTICE`).

A message in a language the detector was neither trained nor checked on still runs through the classifier,
and its reading carries warning ``AK-W008`` naming the language: risk detection is not available for it.

Example:
    >>> detector = RiskDetector()
    >>> reading = detector.read_one("I just want to go to sleep and never wake up.")
    >>> reading.crisis, [(f.kind, f.severity) for f in reading.findings][:1]
    (True, [('suicidal_ideation', 'high')])
    >>> detector.read_one("This exam is killing me lol").crisis
    False
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np

from affectkit.recognizers.base import check_texts
from affectkit.risk.classifier import CrisisClassifier
from affectkit.risk.language import risk_language
from affectkit.risk.verifier import CrisisVerifier
from affectkit.rules.engine import GroupProperties, RuleBook, joking, language_codes, sentence_spans

Severity = Literal["low", "medium", "high"]
CONCERNS = {
    "suicidal_ideation": "possible suicidal ideation",
    "self_harm": "possible self-harm",
    "harm_to_others": "possible intent to harm someone",
    "abuse": "the speaker may be hurt, threatened or abused",
    "third_party_risk": "someone else may be at risk",
}
RULE_KINDS = ("suicidal_ideation", "self_harm", "harm_to_others", "abuse")
# Each rule group and the kind it raises. Passive ideation ("what's the point of living", "à quoi bon vivre") raises
# suicidal ideation but never speaks against a flag: hopelessness told with a laugh or a "not" beside it ("tô cansado
# de existir kkkk mas não é piada") is still the classifier's call, as it was before these rules.
PASSIVE_GROUP = "passive_ideation"
RULE_GROUPS = {**{kind: kind for kind in RULE_KINDS}, PASSIVE_GROUP: "suicidal_ideation"}
# Words that set a message in the past ("three years ago", "damals", "quand j'étais"): a passive-ideation phrase in
# such a message keeps the usual rule floor ("two years ago I kept asking why I was still alive; now ...").
PAST_GROUP = "told_as_past"
UNCOVERED_WARNING = "AK-W008"
MAX_SENTENCES = 64  # evidence candidates; a longer text's sentences are grouped
LONG_TEXT_SENTENCES = 3  # a text with this many sentences or more is also read in windows of neighbouring sentences
WINDOW_SENTENCES = 2
Piece = tuple[tuple[int, int], np.ndarray]  # a span of a text and the calibrated outputs for it


@dataclass(frozen=True)
class RiskFinding:
    """One kind of risk found in a message; ``evidence == text[start:end]``."""

    kind: str
    concern: str
    severity: Severity
    score: float
    start: int
    end: int
    evidence: str
    source: Literal["classifier", "rules", "classifier+rules"]
    message: str


@dataclass(frozen=True)
class RiskReading:
    """The risk reading of one message: its findings (most severe first), every kind's calibrated score, the
    language and coded warnings."""

    text: str
    language: str
    covered: bool
    crisis_score: float  # calibrated probability that the message is a crisis message of any kind
    scores: dict[str, float]  # calibrated probability of each kind
    findings: tuple[RiskFinding, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # For a message the classifier flags: the rules found crisis phrases and every one is negated, reported, quoted
    # or joked about.
    denied: bool = False
    # The verifier's own crisis probability, for a message it read (None otherwise); crisis_score then combines both
    verifier_score: float | None = None
    # The first reader's own crisis probability (crisis_score itself for a message the verifier did not read)
    first_score: float | None = None

    @property
    def crisis(self) -> bool:
        """Whether any finding is at medium severity or more (every finding is, today)."""
        return any(f.severity in ("medium", "high") for f in self.findings)


@dataclass(frozen=True)
class _Decision:
    """What the readings of a message decide: its first reader's and its final crisis score, the flag, the rules'
    denial and the verifier's own probability (None when it did not read the message)."""

    first_score: float
    crisis_score: float
    flagged: bool
    denied: bool
    verifier_score: float | None = None


def decide_flags(score: Any, denied: Any, threshold: Any, high_threshold: float, standing: Any = False) -> Any:
    """The detector's decision, element-wise over numpy arrays or scalars (numpy booleans: ``~`` on a Python bool is
    not a negation): a crisis score flags a message at ``threshold``, unless every crisis phrase the rules find is
    denied (``denied``) and the score stays under ``high_threshold``; a ``standing`` flag (a rule's, or a first score
    the verifier cannot clear) flags whatever the score. The detector decides with it, and training and the dev
    benchmark choose thresholds with it.

    Example:
        >>> decide_flags(np.array([0.3, 0.3, 0.1, 0.1]), np.array([False, True, False, False]), 0.25, 0.9,
        ...              np.array([False, False, False, True])).tolist()
        [True, False, False, True]
    """
    return ((score >= threshold) & ~(denied & (score < high_threshold))) | standing


def classifier_flags(crisis_score: float, denied: bool, config: Mapping[str, Any]) -> bool:
    """:func:`decide_flags` for one message at ``config``'s ``threshold`` and ``high_threshold``."""
    return bool(decide_flags(np.float64(crisis_score), np.bool_(denied), config["threshold"], config["high_threshold"]))


WARM_UP = "I want to kill myself"  # a message every reader and rule reads (load)


class RuleHit(NamedTuple):
    """The first span where a kind's rules fire; ``passive`` when only a passive-ideation rule fired, in a message
    not told as past (such a hit weighs against ``passive_rule_floor``, not ``rule_floor``)."""

    start: int
    end: int
    passive: bool


def _rule_properties(applied: bool = True) -> dict[str, GroupProperties]:
    """Every group of the rule files; ``applied=False``: the crisis groups' negation and reporting ignored (what a
    message mentions)."""
    crisis = GroupProperties(negatable=applied, reportable=applied)
    return {**{group: crisis for group in RULE_GROUPS}, PAST_GROUP: GroupProperties()}


class RiskDetector:
    """Reads crisis language in messages (see the module docstring). Results are cached per text
    (``cache_size`` entries, 0 for none), so the planner and the reply check never read a turn twice. With
    ``verify=False`` the verifier is left out: the first reader and the rules decide."""

    def __init__(self, model_path: Path | None = None, cache_size: int = 4096, verify: bool = True) -> None:
        self.model_path = model_path
        self.cache_size = cache_size
        self.verify = verify  # False: the first reader and the rules alone (faster, more false alarms)
        self._cache: OrderedDict[str, RiskReading] = OrderedDict()
        self._loaded = False

    @cached_property
    def classifier_(self) -> CrisisClassifier:
        return CrisisClassifier(self.model_path)

    @cached_property
    def verifier_(self) -> CrisisVerifier | None:
        """The second reader of flagged messages, when the model has one."""
        config = self.classifier_.config.get("verifier")
        return CrisisVerifier(self.classifier_.path, config) if config and self.verify else None

    @cached_property
    def rules_(self) -> RuleBook:
        return RuleBook(resources.files("affectkit.risk") / "rules", _rule_properties())

    @cached_property
    def mentions_(self) -> RuleBook:
        """The same rules with negation and reporting ignored: what the message mentions."""
        return RuleBook(resources.files("affectkit.risk") / "rules", _rule_properties(applied=False))

    @property
    def model_id(self) -> str:
        return self.classifier_.model_id

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the detector was trained and checked on."""
        return tuple(self.classifier_.config["languages"])

    def load(self) -> None:
        """Load the models and rules now, on the calling thread (they load on first use otherwise): a thread that
        only reads for a while keeps what loading freed in its own memory arena (about 50 MB more, measured)."""
        if not self._loaded:
            self.read([WARM_UP])  # the network, the language identifier, the rules and the verifier
            self.forget([WARM_UP])
            self._loaded = True

    def read_one(self, text: str) -> RiskReading:
        """The reading of one message; see :meth:`read`."""
        return self.read([text])[0]

    def read(self, texts: Sequence[str]) -> list[RiskReading]:
        """One reading per text, in input order. A text's reading never depends on the other texts. A text of
        ``LONG_TEXT_SENTENCES`` sentences or more is also read in windows of ``WINDOW_SENTENCES`` neighbouring
        sentences, and reads as its highest-scoring window when that scores higher than the whole: a disclosure in
        the middle of a long post must not be diluted by the rest of it. The sentences of a text with several are
        read alone when it is flagged or holds a rule match (for the evidence, and so that a rule in one sentence is
        weighed by that sentence's score)."""
        texts = check_texts(texts)
        found: dict[str, RiskReading] = {}
        for text in texts:
            if text in self._cache:
                found[text] = self._cache[text]
                self._cache.move_to_end(text)
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        if not todo:
            return [found[t] for t in texts]
        spans = {t: _sentences(t) for t in todo}
        # the whole texts and the windows of the long ones in one call: the reading threads share one queue of work
        windows = {t: _windows(spans[t]) for t in todo if len(spans[t]) >= LONG_TEXT_SENTENCES}
        read = self._read_pieces([(t, [(0, len(t)), *windows.get(t, [])]) for t in todo])
        rows = {t: max([outputs for _, outputs in read[t]], key=lambda outputs: float(outputs[-1])) for t in todo}
        languages = {t: risk_language(t, self.languages) for t in todo}
        hits = {t: self._rule_hits(t, languages[t][0]) for t in todo}
        verifier = self.verifier_
        verified: dict[str, float | None] = {}
        if verifier is not None:
            asked = [t for t in todo if verifier.reads(languages[t][0])
                     and (rows[t][-1] >= verifier.candidate_threshold or hits[t])]  # fmt: skip
            verified = dict(zip(asked, verifier.logits(asked), strict=True))
        decisions = {t: self._decide(t, rows[t], languages[t][0], hits[t], verified.get(t)) for t in todo}
        # a text's sentences matter only for a rule's weight and a flag's evidence: the others are not read again
        sentences = self._read_pieces([(t, spans[t]) for t in todo
                                       if len(spans[t]) > 1 and (hits[t] or decisions[t].flagged)])  # fmt: skip
        for text in todo:
            crisis_by_sentence = [(span, float(outputs[-1])) for span, outputs in sentences.get(text, [])]
            found[text] = self._assess(text, rows[text], crisis_by_sentence, languages[text], hits[text],
                                       decisions[text])
            self._remember(text, found[text])
        return [found[t] for t in texts]

    def forget(self, texts: Iterable[str]) -> int:
        """Drop ``texts`` from the cache (a deleted conversation leaves no text behind); returns how many were held."""
        return sum(self._cache.pop(text, None) is not None for text in set(texts))

    def _read_pieces(self, pieces: list[tuple[str, list[tuple[int, int]]]]) -> dict[str, list[Piece]]:
        """The calibrated outputs of each span of each text, each span read as a text of its own."""
        flat = [(text, span) for text, spans in pieces for span in spans]
        outputs = self.classifier_.predict_proba([text[s:e] for text, (s, e) in flat])
        by_text: dict[str, list[Piece]] = {}
        for (text, span), row in zip(flat, outputs, strict=True):
            by_text.setdefault(text, []).append((span, row))
        return by_text

    def _remember(self, text: str, reading: RiskReading) -> None:
        if self.cache_size <= 0:
            return
        self._cache[text] = reading
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _decide(self, text: str, row: np.ndarray, language: str, rule_hits: dict[str, RuleHit],
                verifier_logit: float | None) -> _Decision:
        """Whether the readings flag ``text``: ``row`` holds the classifier's calibrated outputs (the kinds, then
        ``crisis``), ``verifier_logit`` the verifier's reading of a text it read."""
        config = self.classifier_.config
        first_score = round(float(row[-1]), 4)
        verifier = self.verifier_
        if verifier is None or verifier_logit is None:
            # "I would never hurt myself": only asked when it can change the decision
            denied = first_score >= config["threshold"] and not rule_hits and self._mentions_crisis(text, language)
            return _Decision(first_score, first_score, classifier_flags(first_score, denied, config), denied)
        crisis_score = round(verifier.combine(first_score, verifier_logit), 4)
        denied = not rule_hits and self._mentions_crisis(text, language)
        # the combined score decides, with the rules' denial as for the first reader alone; a rule's flag stands (the
        # rules drop negated, quoted and joking phrases themselves), and so does a flag the first reader is sure of:
        # the verifier cannot clear a crisis on its own
        trusted = first_score >= verifier.trusted_first_score and not denied
        flagged = bool(decide_flags(np.float64(crisis_score), np.bool_(denied), verifier.threshold,
                                    config["high_threshold"], np.bool_(trusted)))  # fmt: skip
        return _Decision(first_score, crisis_score, flagged, denied, round(verifier.probability(verifier_logit), 4))

    def _assess(self, text: str, row: np.ndarray, sentences: list[tuple[tuple[int, int], float]],
                language_coverage: tuple[str, bool], rule_hits: dict[str, RuleHit],
                decision: _Decision) -> RiskReading:  # fmt: skip
        """The reading of ``text`` from its :meth:`_decide` decision; ``row`` holds the classifier's calibrated
        outputs for the text (the kinds, then ``crisis``; of its strongest window for a long text), ``sentences``
        the crisis score of each sentence (of a text with several that is flagged or holds a rule match)."""
        config = self.classifier_.config
        kinds = self.classifier_.kinds
        language, covered = language_coverage
        scores = {kind: round(float(row[k]), 4) for k, kind in enumerate(kinds)}
        floor = config.get("rule_floor", 0.0)
        passive_floor = config.get("passive_rule_floor", floor)
        hits = {kind: (hit.start, hit.end) for kind, hit in rule_hits.items()
                if max([decision.first_score] + [score for (s, e), score in sentences if s <= hit.start < e])
                >= (passive_floor if hit.passive else floor)}
        crisis_score, flagged = decision.crisis_score, decision.flagged
        top = max(scores, key=lambda kind: scores[kind])  # the kind the classifier reads, when it flags
        found = list(hits) + ([top] if flagged and top not in hits else [])
        findings = []
        for kind in found:
            rule = hits.get(kind)
            if rule is not None:
                start, end = rule
                source: Literal["classifier", "rules", "classifier+rules"] = "classifier+rules" if flagged else "rules"
            else:
                start, end = _evidence(text, sentences)
                source = "classifier"
            high = crisis_score >= config["high_threshold"] or rule is not None
            severity: Severity = "high" if high else "medium"
            concern = kind
            if kind == "third_party_risk":
                others = {other: scores[other] for other in RULE_KINDS}
                strongest = max(others, key=lambda other: others[other])
                concern = strongest if others[strongest] >= 0.3 else kind
            label = CONCERNS[kind] if concern == kind else f"concern for someone else: {CONCERNS[concern]}"
            score = crisis_score if flagged and kind == top else scores[kind]
            findings.append(RiskFinding(kind, concern, severity, score, start, end, text[start:end], source, label))
        findings.sort(key=lambda f: (f.severity != "high", -f.score))
        warnings = () if covered or not text.strip() else (UNCOVERED_WARNING,)
        return RiskReading(text, language, covered, crisis_score, scores, tuple(findings), warnings, decision.denied,
                           decision.verifier_score, decision.first_score)

    def rule_hits(self, text: str) -> dict[str, tuple[int, int]]:
        """The first span per kind where a crisis rule fires in ``text``, in the text's language (negated, reported
        and joking phrases do not count)."""
        return {kind: (hit.start, hit.end) for kind, hit in
                self._rule_hits(text, risk_language(text, self.languages)[0]).items()}

    def _rule_hits(self, text: str, language: str) -> dict[str, RuleHit]:
        """The first rule hit per kind, from the rules of the text's language (of every rule language when it has
        none); nothing for a text that laughs or jokes."""
        if joking(text, language_codes()):
            return {}
        languages = self._rule_languages(language)
        hits: dict[str, RuleHit] = {}
        other: set[str] = set()  # the kinds a group other than passive ideation raised
        for group, kind in RULE_GROUPS.items():
            found = self.rules_.find(text, group, languages)
            if found:
                if group != PASSIVE_GROUP:
                    other.add(kind)
                if kind not in hits or found[0].start < hits[kind].start:
                    hits[kind] = RuleHit(found[0].start, found[0].end, False)
        passive = [kind for kind in hits if kind not in other]
        if passive and not self.rules_.find(text, PAST_GROUP, languages):
            hits.update({kind: hits[kind]._replace(passive=True) for kind in passive})
        return hits

    def _mentions_crisis(self, text: str, language: str) -> bool:
        """Whether the rules find crisis phrases in ``text`` when negation, reporting and jokes are ignored (the
        groups of :data:`RULE_KINDS`: passive ideation never denies a flag)."""
        languages = self._rule_languages(language)
        return any(self.mentions_.find(text, kind, languages) for kind in RULE_KINDS)

    def _rule_languages(self, language: str) -> list[str]:
        """The rule files a text of ``language`` is read with: its own, else every one (a language without rules)."""
        return [language] if language in self.rules_.languages else list(self.rules_.languages)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = [(s, e) for s, e in sentence_spans(text) if text[s:e].strip()]
    if len(spans) <= MAX_SENTENCES:
        return spans
    size = -(-len(spans) // MAX_SENTENCES)  # merge neighbours so that at most MAX_SENTENCES pieces remain
    return [(spans[i][0], spans[min(i + size, len(spans)) - 1][1]) for i in range(0, len(spans), size)]


def _windows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every run of ``WINDOW_SENTENCES`` neighbouring sentences."""
    last = len(spans) - WINDOW_SENTENCES
    return [(spans[i][0], spans[i + WINDOW_SENTENCES - 1][1]) for i in range(last + 1)]


def _evidence(text: str, sentences: list[tuple[tuple[int, int], float]]) -> tuple[int, int]:
    """The sentence with the highest crisis score, or the whole text (without outer whitespace)."""
    if sentences:
        return max(sentences, key=lambda item: item[1])[0]
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))
