"""A transparent baseline for emotion causes: which recent span most plausibly evoked a turn's emotion.

It is a baseline, meant to be replaced by a trained model through the same
:class:`~affectkit.conversation.turns.CauseModel` protocol. For a turn whose emotion ``E`` is not
``neutral``:

1. the candidates are the turn itself and up to ``window - 1`` (default 2) turns before it;
2. each candidate's *relevance* is ``0.6 * lexical + 0.4 * p(E)``, where ``p(E)`` is the turn model's
   probability of ``E`` for the candidate and ``lexical = min(1, salience / 2)`` counts words from a small
   word list of our own: an event that typically evokes ``E`` (``cancelled``, ``died``, ``promoted``)
   counts 1, a word naming ``E`` itself (``furious``, ``sad``) 0.5, a word of another emotion 0.25;
3. its *score* is ``relevance / (1 + distance)``: 1, 1/2, 1/3 for the turn itself and the two before;
4. candidates scoring at least ``min_score`` (0.15) are kept, best first;
5. the *span* is the clause of the candidate (split on ``. , ; ! ?``, "but" and "because") with the highest
   salience, a clause after "because" getting a bonus of 0.75; the whole text when no clause has any.

Example:
    >>> from affectkit.types import Utterance
    >>> from affectkit.conversation.turns import NEUTRAL_VAD, TurnPrediction
    >>> sad = TurnPrediction(ekman={"sadness": 0.9, "neutral": 0.1}, emotions={}, vad=NEUTRAL_VAD)
    >>> turns = [Utterance(speaker="Sam", text="I'm so sad, because my dog died yesterday.")]
    >>> [(c.turn, c.span) for c in HeuristicCauseModel().predict(turns, 0, [sad])]
    [(0, 'my dog died yesterday')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from affectkit.conversation.turns import TurnPrediction
from affectkit.types import Cause, Utterance

# Events that typically evoke each emotion (triggers) and words that name the emotion itself (feelings).
# fmt: off
TRIGGERS: dict[str, tuple[str, ...]] = {
    "anger": (
        "late", "delayed", "delay", "cancelled", "canceled", "lied", "lying", "cheated", "ignored", "ignoring",
        "rude", "unfair", "stole", "stolen", "blamed", "insulted", "yelled", "scammed", "overcharged", "on hold",
        "refused", "again", "broke", "broken", "interrupted", "disrespected",
    ),
    "disgust": (
        "mold", "mould", "rotten", "vomit", "dirty", "filthy", "smell", "stinks", "cockroach", "rats", "corrupt",
        "hypocrite", "creepy", "slimy", "expired",
    ),
    "fear": (
        "surgery", "exam", "interview", "diagnosis", "test results", "results", "biopsy", "lump", "alone",
        "dark", "threat", "threatened", "deadline", "layoffs", "accident", "storm", "hospital", "emergency",
        "followed", "stalked", "debt", "eviction",
    ),
    "joy": (
        "won", "win", "promoted", "promotion", "passed", "birthday", "wedding", "engaged", "vacation", "holiday",
        "gift", "present", "raise", "accepted", "hired", "baby", "graduated", "found", "fixed", "saved", "helped",
        "help", "train", "remembered", "surprise party", "got the job",
    ),
    "sadness": (
        "died", "dead", "death", "passed away", "funeral", "lost", "loss", "miss", "missed", "missing", "breakup",
        "broke up", "dumped", "divorce", "rejected", "failed", "fired", "laid off", "cancelled", "canceled",
        "sick", "goodbye", "left me", "moved away", "alone",
    ),
    "surprise": (
        "suddenly", "news", "announcement", "out of nowhere", "turns out", "turned out", "found out", "really",
        "never expected", "all of a sudden",
    ),
}
FEELINGS: dict[str, tuple[str, ...]] = {
    "anger": (
        "angry", "anger", "furious", "mad", "annoyed", "irritated", "livid", "pissed", "outraged", "frustrated",
        "frustrating", "infuriating", "hate", "fed up", "sick of",
    ),
    "disgust": ("disgusted", "disgusting", "gross", "revolting", "nasty", "vile", "repulsive", "yuck", "ew"),
    "fear": (
        "afraid", "scared", "terrified", "frightened", "worried", "worrying", "anxious", "nervous", "panic",
        "panicking", "dread", "fear", "uneasy",
    ),
    "joy": (
        "happy", "glad", "thrilled", "excited", "delighted", "love", "grateful", "thankful", "thanks", "thank",
        "amazing", "wonderful", "great", "awesome", "relieved", "proud", "sweet",
    ),
    "sadness": (
        "sad", "unhappy", "depressed", "miserable", "heartbroken", "upset", "lonely", "crying", "cried", "cry",
        "tears", "hopeless", "devastated", "grieving", "gutted", "sorry",
    ),
    "surprise": (
        "surprised", "shocked", "amazed", "astonished", "stunned", "wow", "whoa", "unbelievable", "unexpected",
        "can't believe",
    ),
}
# fmt: on
TRIGGER_WEIGHT, FEELING_WEIGHT, OTHER_WEIGHT, BECAUSE_BONUS = 1.0, 0.5, 0.25, 0.75
LEXICAL_WEIGHT, MODEL_WEIGHT = 0.6, 0.4
_CLAUSE_BREAK = re.compile(r"[.,;!?]+|\b(?:but|because)\b", re.IGNORECASE)


def _phrase_pattern(words: Sequence[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    return {label: (_phrase_pattern(TRIGGERS[label]), _phrase_pattern(FEELINGS[label])) for label in TRIGGERS}


def salience(text: str, emotion: str) -> float:
    """How strongly ``text`` speaks of what evokes ``emotion`` (see the module docstring for the weights).

    Example:
        >>> salience("I'm furious, they lied to me", "anger")  # "lied" 1 + "furious" 0.5
        1.5
    """
    total = 0.0
    for label, (triggers, feelings) in _patterns().items():
        hits_trigger, hits_feeling = len(triggers.findall(text)), len(feelings.findall(text))
        if label == emotion:
            total += TRIGGER_WEIGHT * hits_trigger + FEELING_WEIGHT * hits_feeling
        else:
            total += OTHER_WEIGHT * (hits_trigger + hits_feeling)
    return total


def clauses(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, after_because)`` of each non-empty clause of ``text``, whitespace trimmed.

    Example:
        >>> text = "I'm upset, because the train is late"
        >>> [(text[s:e], b) for s, e, b in clauses(text)]
        [("I'm upset", False), ('the train is late', True)]
    """
    out: list[tuple[int, int, bool]] = []
    start, after_because = 0, False
    for match in [*_CLAUSE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        left, right = start, end
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            out.append((left, right, after_because))
        if match is not None:
            start = match.end()
            if match.group().lower() == "because":
                after_because = True
            elif any(ch in match.group() for ch in ".;!?") or match.group().lower() == "but":
                after_because = False
    return out


class HeuristicCauseModel:
    """The baseline cause finder described in the module docstring.

    Example:
        >>> HeuristicCauseModel().model_id
        'heuristic-causes@1'
    """

    def __init__(self, window: int = 3, min_score: float = 0.15) -> None:
        self.window = window
        self.min_score = min_score

    @property
    def model_id(self) -> str:
        return "heuristic-causes@1"

    def predict(
        self, utterances: Sequence[Utterance], turn_index: int, predictions: Sequence[TurnPrediction]
    ) -> list[Cause]:
        emotion = predictions[turn_index].emotion
        if emotion == "neutral" or emotion not in TRIGGERS:
            return []
        causes = []
        for distance in range(min(self.window, turn_index + 1)):
            candidate = turn_index - distance
            text = utterances[candidate].text
            lexical = min(1.0, salience(text, emotion) / 2.0)
            relevance = LEXICAL_WEIGHT * lexical + MODEL_WEIGHT * predictions[candidate].ekman.get(emotion, 0.0)
            score = round(min(1.0, relevance / (1 + distance)), 4)
            if score < self.min_score or not text.strip():
                continue
            start, end = self.span(text, emotion)
            causes.append(Cause(turn=candidate, span=text[start:end], score=score, start=start, end=end))
        return sorted(causes, key=lambda cause: (-cause.score, turn_index - cause.turn))

    @staticmethod
    def span(text: str, emotion: str) -> tuple[int, int]:
        """Character offsets of the clause of ``text`` most associated with ``emotion`` (step 5 above)."""
        best: tuple[float, int, int] | None = None
        for start, end, after_because in clauses(text):
            value = salience(text[start:end], emotion)
            if after_because:
                value += BECAUSE_BONUS
            if value > 0 and (best is None or value > best[0]):
                best = (value, start, end)
        if best is None:
            stripped = text.strip()
            start = text.index(stripped)
            return start, start + len(stripped)
        return best[1], best[2]
