"""EmoBench tasks: emotional understanding (``affectkit/emobench_eu``) and application (``affectkit/emobench_ea``).

Data: EmoBench's JSONL files, one item per line.

- EU: ``qid, language, coarse_category, finegrained_category, scenario, subject, emotion_choices, emotion_label,
  cause_choices, cause_label``. Two turns: the model picks the emotion the subject feels, then, in the same chat,
  why the subject feels the emotion it picked.
- EA: ``qid, language, category, question type, scenario, subject, choices, label``. One turn: the most effective
  action or response.

Labels are choice texts. Choices are shown as lettered options, shuffled per item with a fixed seed (task argument
``seed``, default 42; ``shuffle=false`` keeps the file's order), so a model's preference for a position shows up
in the position-bias metrics instead of in the accuracy. Answers are parsed by letter or by choice text
(:func:`parse_choice`); an answer that names no single option is *unparsed*: it counts as not correct in the
accuracies and is reported by the parse-rate metrics, never silently.

Metrics in the inspect log (``log.results.scores[0].metrics``):

- EU: ``emotion_accuracy``, ``cause_accuracy``, ``both_accuracy``; the same per coarse category
  (``emotion_accuracy[category=complex_emotions]``) and per language (``emotion_accuracy[language=en]``);
  ``emotion_parse_rate``, ``cause_parse_rate``; ``emotion_accuracy_parsed``, ``cause_accuracy_parsed`` (over
  parsed answers only); position bias per question (see :func:`position_bias`): ``emotion_chosen_A``,
  ``emotion_gold_A``, ``emotion_accuracy_gold_A`` .. and ``emotion_position_bias``, likewise ``cause_*``.
- EA: ``accuracy``, ``accuracy[category=...]``, ``accuracy[question_type=...]``, ``accuracy[language=...]``,
  ``parse_rate``, ``accuracy_parsed``, ``chosen_A``, ``gold_A``, ``accuracy_gold_A`` .. and ``position_bias``.

Example (pure functions, no inspect_ai needed):
    >>> parse_choice("**B**. Anger", ["Joy", "Anger", "Fear"])
    1
    >>> parse_choice("I think she feels fear.", ["Joy", "Anger", "Fear"])
    2
    >>> parse_choice("Joy or anger, hard to say", ["Joy", "Anger", "Fear"]) is None
    True

Run it: ``inspect eval affectkit/emobench_eu -T data=EU.jsonl --model openai-api/local/my-model``.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.errors import AffectkitError
from affectkit.evals._metrics import parse_rate, score_dict, value_mean
from affectkit.evals._optional import HAVE_INSPECT, grouped, metric, scorer, solver, task

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    from inspect_ai import Task
    from inspect_ai.scorer import Metric, SampleScore, Score, Scorer, Target
    from inspect_ai.solver import Generate, Solver, TaskState

__all__ = [
    "LETTERS",
    "ChoiceQuestion",
    "EAItem",
    "EUItem",
    "ea_prompt",
    "emobench_ea",
    "emobench_ea_scorer",
    "emobench_eu",
    "emobench_eu_scorer",
    "emotion_then_cause",
    "eu_cause_prompt",
    "eu_emotion_prompt",
    "format_options",
    "load_emobench_ea",
    "load_emobench_eu",
    "parse_choice",
    "position_bias",
    "shuffle_choices",
]

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_EMOTION_ANSWER = "emobench_emotion_answer"  # TaskState.store key of the first-turn answer (EU)

# ---- questions and answers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceQuestion:
    """A multiple-choice question as shown: ``choices`` in display order, ``gold`` the correct position and
    ``order[i]`` the position in the data file of displayed choice ``i``."""

    choices: list[str]
    gold: int
    order: list[int]

    @property
    def gold_letter(self) -> str:
        return LETTERS[self.gold]


def shuffle_choices(choices: Sequence[str], label: str, key: str | None) -> ChoiceQuestion:
    """Shuffle ``choices`` reproducibly (the same ``key`` always gives the same order; ``None`` keeps the order)
    and locate ``label`` among them. Raises ``AK-E011`` when the label is not one of the choices.

    Example:
        >>> q = shuffle_choices(["Joy", "Anger", "Fear", "Pride"], "Fear", key="42/1")
        >>> q.choices[q.gold], q == shuffle_choices(["Joy", "Anger", "Fear", "Pride"], "Fear", key="42/1")
        ('Fear', True)
        >>> shuffle_choices(["Joy", "Anger"], "Anger", key=None).gold_letter
        'B'
    """
    order = list(range(len(choices)))
    if key is not None:
        random.Random(key).shuffle(order)
    shown = [choices[i] for i in order]
    if label not in shown:
        raise AffectkitError("AK-E011", f"the label {label!r} is not one of the choices {list(choices)}")
    return ChoiceQuestion(choices=shown, gold=shown.index(label), order=order)


def format_options(choices: Sequence[str]) -> str:
    """Choices as lettered lines.

    Example:
        >>> print(format_options(["Joy", "Anger"]))
        A. Joy
        B. Anger
    """
    return "\n".join(f"{LETTERS[i]}. {choice}" for i, choice in enumerate(choices))


_QUOTES = "\"'“”‘’「」『』*_`.,;:!?。，；：！？()[]（）【】 \t\n"
# A letter alone at the start: "B", "B.", "(B)", "**B**", "b) Anger", "B\nbecause ..." - not "A mix of ...".
_LEADING = re.compile(r"^[\s*_\"'(\[（【]*([A-Za-z])(?:[)\]）】.:：,，]|\*\*|\s*$|\s*\n)")
# "Answer: B", "the answer is (C)", "答案：B", "答案是B".
_ANSWER = re.compile(
    r"(?:(?i:answer)|答案)\s*(?:(?i:is|would be|should be)|是|为|应为)?\s*[:：]?\s*[*_(\[（\"']*([A-Z])(?![A-Za-z])"
)
# "option B", "choice (B)", "选项B", "选择B".
_OPTION = re.compile(r"(?:(?i:option|choice)|选项|选择)\s*[:：]?\s*[*_(\[（\"']*([A-Z])(?![A-Za-z])")
_PARENTHESISED = re.compile(r"[(\[（]([A-Z])[)\]）]")


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split()).strip(_QUOTES)


def _contains(haystack: str, needle: str) -> bool:
    if not needle:
        return False
    if needle.isascii():
        return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None
    return needle in haystack  # CJK text has no word boundaries


def parse_choice(text: str, choices: Sequence[str]) -> int | None:
    """The position of the option an answer picks, or ``None`` when it names no single option.

    Tried in order, the first rule that applies wins: a letter alone at the start (``B``, ``B.``, ``(B)``,
    ``**B**``); ``answer: B`` / ``the answer is B`` / ``答案：B`` (the last one); the answer is exactly one
    choice's text; ``option B`` / ``选项B`` (one letter only); exactly one parenthesised letter ``(B)``; exactly
    one choice text inside the answer (a choice contained in a longer matched choice does not count).
    Letters beyond the number of choices are ignored.

    Example:
        >>> choices = ["Joy", "Anger", "Joy & Anger"]
        >>> [parse_choice(t, choices) for t in ["C", "(a)", "Answer: B", "joy & anger.", "She feels joy & anger"]]
        [2, 0, 1, 2, 2]
        >>> [parse_choice(t, choices) for t in ["", "A mix of things", "Maybe (A) or (B)", "Answer: D"]]
        [None, None, None, None]
    """
    n = len(choices)
    body = text.strip()
    if not body:
        return None

    def position(letter: str) -> int | None:
        index = LETTERS.find(letter.upper())
        return index if 0 <= index < n else None

    leading = _LEADING.match(body)
    if leading and position(leading.group(1)) is not None:
        return position(leading.group(1))
    answers = [position(m.group(1)) for m in _ANSWER.finditer(body)]
    answers = [a for a in answers if a is not None]
    if answers:
        return answers[-1]
    normalised = _normalise(body)
    exact = [i for i, choice in enumerate(choices) if _normalise(choice) == normalised]
    if len(exact) == 1:
        return exact[0]
    for pattern in (_OPTION, _PARENTHESISED):
        found = {position(m.group(1)) for m in pattern.finditer(body)} - {None}
        if len(found) == 1:
            return found.pop()
    contained = [i for i, choice in enumerate(choices) if _contains(normalised, _normalise(choice))]
    maximal = [
        i for i in contained if not any(j != i and _normalise(choices[i]) in _normalise(choices[j]) for j in contained)
    ]
    return maximal[0] if len(maximal) == 1 else None


def position_bias(records: Sequence[tuple[int | None, int]], prefix: str = "") -> dict[str, float]:
    """Where a model's answers fall, from ``(chosen position or None, gold position)`` pairs.

    Keys (``L`` = A, B, ..): ``chosen_L`` = share of parsed answers at L; ``gold_L`` = share of items whose
    correct option is at L; ``accuracy_gold_L`` = accuracy (unparsed counts as wrong) on the items whose correct
    option is at L; ``position_bias`` = total variation distance between the chosen and the gold positions of the
    parsed answers (0: the answers follow the gold positions; 1: never the gold position's distribution). With
    shuffled choices a position-blind model has ``chosen_L`` close to ``gold_L`` and a flat ``accuracy_gold_L``.

    Example:
        >>> bias = position_bias([(0, 0), (0, 1), (0, 1), (None, 0)])
        >>> bias["chosen_A"], bias["gold_B"], bias["accuracy_gold_A"], round(bias["position_bias"], 4)
        (1.0, 0.5, 0.5, 0.6667)
    """
    if not records:
        return {}
    n = 1 + max(max(gold, -1 if chosen is None else chosen) for chosen, gold in records)
    parsed = [(chosen, gold) for chosen, gold in records if chosen is not None]
    out: dict[str, float] = {}
    for pos in range(n):
        letter = LETTERS[pos]
        if parsed:
            out[f"{prefix}chosen_{letter}"] = sum(chosen == pos for chosen, _ in parsed) / len(parsed)
        at_gold = [chosen for chosen, gold in records if gold == pos]
        out[f"{prefix}gold_{letter}"] = len(at_gold) / len(records)
        if at_gold:
            out[f"{prefix}accuracy_gold_{letter}"] = sum(chosen == pos for chosen in at_gold) / len(at_gold)
    if parsed:
        distance = sum(abs(sum(c == pos for c, _ in parsed) - sum(g == pos for _, g in parsed)) for pos in range(n))
        out[f"{prefix}position_bias"] = distance / (2 * len(parsed))
    else:
        out[f"{prefix}position_bias"] = math.nan
    return out


# ---- data -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EUItem:
    """One EmoBench emotional-understanding item, choices shuffled."""

    id: str
    qid: str
    language: str
    coarse_category: str
    finegrained_category: str
    scenario: str
    subject: str
    emotion: ChoiceQuestion
    cause: ChoiceQuestion


@dataclass(frozen=True)
class EAItem:
    """One EmoBench emotional-application item, choices shuffled."""

    id: str
    qid: str
    language: str
    category: str
    question_type: str
    scenario: str
    subject: str
    question: ChoiceQuestion


_EU_FIELDS: dict[str, tuple[type, ...]] = {
    "qid": (str, int),
    "language": (str,),
    "coarse_category": (str,),
    "finegrained_category": (str,),
    "scenario": (str,),
    "subject": (str,),
    "emotion_choices": (list,),
    "emotion_label": (str,),
    "cause_choices": (list,),
    "cause_label": (str,),
}
_EA_FIELDS: dict[str, tuple[type, ...]] = {
    "qid": (str, int),
    "language": (str,),
    "category": (str,),
    "question type": (str,),
    "scenario": (str,),
    "subject": (str,),
    "choices": (list,),
    "label": (str,),
}


def _read_rows(path: str | Path, fields: Mapping[str, tuple[type, ...]]) -> list[tuple[int, dict[str, Any]]]:
    from affectkit.evals._data import resolve_data
    from affectkit.io import read_text_file

    source = str(path)
    path = resolve_data(path)
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(read_text_file(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise AffectkitError("AK-E004", f"not valid JSON: {error.msg}", source=source, line=number) from None
        if not isinstance(row, dict):
            raise AffectkitError("AK-E004", "a line must hold a JSON object", source=source, line=number)
        for name, types in fields.items():
            if name not in row:
                raise AffectkitError("AK-E003", "missing field", source=source, line=number, field=name)
            value = row[name]
            if not isinstance(value, types) or isinstance(value, bool):
                kind = " or ".join(t.__name__ for t in types)
                raise AffectkitError("AK-E005", f"must be a {kind}", source=source, line=number, field=name)
            if isinstance(value, list) and (len(value) < 2 or not all(isinstance(v, str) for v in value)):
                raise AffectkitError(
                    "AK-E005", "must be a list of at least two strings", source=source, line=number, field=name
                )
        rows.append((number, row))
    if not rows:
        raise AffectkitError("AK-E009", "the file holds no items", source=source)
    return rows


def _choice_question(
    row: dict[str, Any], choices: str, label: str, key: str | None, source: str, line: int
) -> ChoiceQuestion:
    try:
        return shuffle_choices(row[choices], row[label], key)
    except AffectkitError as error:
        raise AffectkitError(error.code, error.message, source=source, line=line, field=label) from None


def _unique_id(row: dict[str, Any], line: int, seen: set[str]) -> str:
    sample_id = f"{row['language']}-{row['qid']}"
    if sample_id in seen:
        sample_id = f"{sample_id}-line{line}"
    seen.add(sample_id)
    return sample_id


def load_emobench_eu(path: str | Path, seed: int | None = 42) -> list[EUItem]:
    """Read EmoBench EU items (JSONL), choices shuffled with ``seed`` (``None``: file order).

    Errors are coded and name the file, line and field (``AK-E011`` when a label is not among its choices).
    """
    seen: set[str] = set()
    items = []
    for line, row in _read_rows(path, _EU_FIELDS):
        sample_id = _unique_id(row, line, seen)
        key = None if seed is None else f"{seed}/{sample_id}"
        items.append(
            EUItem(
                id=sample_id,
                qid=str(row["qid"]),
                language=row["language"],
                coarse_category=row["coarse_category"],
                finegrained_category=row["finegrained_category"],
                scenario=row["scenario"],
                subject=row["subject"],
                emotion=_choice_question(
                    row, "emotion_choices", "emotion_label", key and f"{key}/emotion", str(path), line
                ),
                cause=_choice_question(row, "cause_choices", "cause_label", key and f"{key}/cause", str(path), line),
            )
        )
    return items


def load_emobench_ea(path: str | Path, seed: int | None = 42) -> list[EAItem]:
    """Read EmoBench EA items (JSONL), choices shuffled with ``seed`` (``None``: file order)."""
    seen: set[str] = set()
    items = []
    for line, row in _read_rows(path, _EA_FIELDS):
        sample_id = _unique_id(row, line, seen)
        key = None if seed is None else f"{seed}/{sample_id}"
        items.append(
            EAItem(
                id=sample_id,
                qid=str(row["qid"]),
                language=row["language"],
                category=row["category"],
                question_type=row["question type"],
                scenario=row["scenario"],
                subject=row["subject"],
                question=_choice_question(row, "choices", "label", key, str(path), line),
            )
        )
    return items


# ---- prompts ----------------------------------------------------------------------------------------------------


def _chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def eu_emotion_prompt(item: EUItem) -> str:
    """The first EU turn: scenario, emotion question, lettered options."""
    options = format_options(item.emotion.choices)
    if _chinese(item.language):
        return (
            f"场景：{item.scenario}\n\n问题：在这个场景中，{item.subject}最终会有什么情绪？\n\n选项：\n{options}\n\n"
            "请只回答一个选项的字母（例如：B）。"
        )
    return (
        f"Scenario: {item.scenario}\n\nQuestion: In this scenario, what emotion(s) would {item.subject} "
        f"ultimately feel?\n\nOptions:\n{options}\n\nAnswer with the letter of one option only (for example: B)."
    )


def eu_cause_prompt(item: EUItem, emotion: str | None) -> str:
    """The second EU turn: why the subject feels ``emotion`` (the model's own pick; ``None`` if it named none)."""
    options = format_options(item.cause.choices)
    if _chinese(item.language):
        feeling = f"感到“{emotion}”" if emotion else "有这样的情绪"
        return (
            f"问题：为什么{item.subject}在这个场景中会{feeling}？\n\n选项：\n{options}\n\n"
            "请只回答一个选项的字母（例如：B）。"
        )
    feeling = f"feel {emotion}" if emotion else "feel this way"
    return (
        f"Question: Why would {item.subject} {feeling} in this scenario?\n\nOptions:\n{options}\n\n"
        "Answer with the letter of one option only (for example: B)."
    )


def ea_prompt(item: EAItem) -> str:
    """The EA question: scenario, most effective action or response, lettered options."""
    options = format_options(item.question.choices)
    kind = item.question_type.strip().lower()
    if _chinese(item.language):
        what = "回应" if "response" in kind or "回应" in kind or "回复" in kind else "做法"
        return (
            f"场景：{item.scenario}\n\n问题：在这个场景中，{item.subject}最有效的{what}是什么？\n\n选项：\n{options}\n\n"
            "请只回答一个选项的字母（例如：B）。"
        )
    what = "response" if "response" in kind else "action" if "action" in kind else "choice"
    return (
        f"Scenario: {item.scenario}\n\nQuestion: In this scenario, what is the most effective {what} for "
        f"{item.subject}?\n\nOptions:\n{options}\n\nAnswer with the letter of one option only (for example: B)."
    )


# ---- inspect_ai: metrics ----------------------------------------------------------------------------------------


def _records(scores: list[SampleScore], part: str) -> list[tuple[int | None, int]]:
    records = []
    for sample_score in scores:
        metadata = sample_score.score.metadata or {}
        records.append((metadata.get(f"{part}_chosen"), int(metadata[f"{part}_gold"])))
    return records


def _accuracy_parsed(scores: list[SampleScore], part: str, correct: str) -> float:
    values = [score_dict(s) for s in scores]
    parsed = [v for v in values if v[f"{part}_parsed" if part else "parsed"]]
    return sum(float(v[correct]) for v in parsed) / len(parsed) if parsed else math.nan


@metric
def emotion_accuracy() -> Metric:
    """EU: share of items whose emotion answer is correct (unparsed answers count as not correct)."""
    return value_mean("emotion")


@metric
def cause_accuracy() -> Metric:
    """EU: share of items whose cause answer is correct (unparsed answers count as not correct)."""
    return value_mean("cause")


@metric
def both_accuracy() -> Metric:
    """EU: share of items with both the emotion and the cause correct."""
    return value_mean("both")


@metric
def eu_parsing() -> Metric:
    """EU: ``emotion_parse_rate``, ``cause_parse_rate`` and the accuracies over parsed answers only."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        values = [score_dict(s) for s in scores]
        out: dict[str, float] = {}
        for part in ("emotion", "cause"):
            parsed = sum(float(v[f"{part}_parsed"]) for v in values)
            out[f"{part}_parse_rate"] = parsed / len(values) if values else math.nan
            out[f"{part}_accuracy_parsed"] = _accuracy_parsed(scores, part, part)
        return out

    return compute


@metric
def eu_position_bias() -> Metric:
    """EU: :func:`position_bias` of the emotion and the cause answers (keys prefixed ``emotion_`` / ``cause_``)."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        return {
            **position_bias(_records(scores, "emotion"), prefix="emotion_"),
            **position_bias(_records(scores, "cause"), prefix="cause_"),
        }

    return compute


@metric(name="accuracy")
def ea_accuracy() -> Metric:
    """EA: share of items answered correctly (unparsed answers count as not correct)."""
    return value_mean("correct")


@metric
def ea_parsing() -> Metric:
    """EA: ``accuracy_parsed``, the accuracy over parsed answers only."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        return {"accuracy_parsed": _accuracy_parsed(scores, "", "correct")}

    return compute


@metric
def ea_position_bias() -> Metric:
    """EA: :func:`position_bias` of the answers."""

    def compute(scores: list[SampleScore]) -> dict[str, float]:
        return position_bias(_records(scores, "answer"))

    return compute


def _by(metric_factory: Any, name: str, key: str, label: str | None = None) -> Any:
    return grouped(metric_factory(), key, all=False, name_template=f"{name}[{label or key}={{group_name}}]")


# ---- inspect_ai: solver, scorers, tasks --------------------------------------------------------------------------


@solver
def emotion_then_cause() -> Solver:
    """EU's two turns: ask for the emotion, then, after the model's answer, for the cause of the emotion it picked.

    The first answer is kept in ``state.store`` (``"emobench_emotion_answer"``) for the scorer.
    """
    from inspect_ai.model import ChatMessageUser

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        state = await generate(state)
        answer = state.output.completion
        state.store.set(_EMOTION_ANSWER, answer)
        item = _eu_item_from_metadata(state.metadata)
        picked = parse_choice(answer, item.emotion.choices)
        emotion = item.emotion.choices[picked] if picked is not None else None
        state.messages.append(ChatMessageUser(content=eu_cause_prompt(item, emotion)))
        return await generate(state)

    return solve


def _question_metadata(question: ChoiceQuestion) -> dict[str, Any]:
    return {"choices": question.choices, "gold": question.gold, "order": question.order}


def _question_from_metadata(data: dict[str, Any]) -> ChoiceQuestion:
    return ChoiceQuestion(choices=list(data["choices"]), gold=int(data["gold"]), order=list(data["order"]))


def _eu_item_from_metadata(metadata: dict[str, Any]) -> EUItem:
    return EUItem(
        id=str(metadata["id"]),
        qid=str(metadata["qid"]),
        language=metadata["language"],
        coarse_category=metadata["coarse_category"],
        finegrained_category=metadata["finegrained_category"],
        scenario=metadata["scenario"],
        subject=metadata["subject"],
        emotion=_question_from_metadata(metadata["emotion"]),
        cause=_question_from_metadata(metadata["cause"]),
    )


def _letter(position: int | None) -> str:
    return "?" if position is None else LETTERS[position]


@scorer(
    metrics=[
        emotion_accuracy(),
        cause_accuracy(),
        both_accuracy(),
        _by(emotion_accuracy, "emotion_accuracy", "coarse_category", "category"),
        _by(cause_accuracy, "cause_accuracy", "coarse_category", "category"),
        _by(both_accuracy, "both_accuracy", "coarse_category", "category"),
        _by(emotion_accuracy, "emotion_accuracy", "language"),
        _by(cause_accuracy, "cause_accuracy", "language"),
        _by(both_accuracy, "both_accuracy", "language"),
        eu_parsing(),
        eu_position_bias(),
    ]
)
def emobench_eu_scorer() -> Scorer:
    """Score EU's two answers (first from ``state.store``, second the final output) with :func:`parse_choice`.

    Value: ``{"emotion", "cause", "both", "emotion_parsed", "cause_parsed"}`` (1/0 each); metadata holds the
    chosen and gold positions for the position-bias metrics.
    """

    async def score(state: TaskState, target: Target) -> Score:
        item = _eu_item_from_metadata(state.metadata)
        emotion_text = str(state.store.get(_EMOTION_ANSWER, ""))
        cause_text = state.output.completion
        emotion = parse_choice(emotion_text, item.emotion.choices)
        cause = parse_choice(cause_text, item.cause.choices)
        emotion_ok = emotion == item.emotion.gold
        cause_ok = cause == item.cause.gold
        notes = []
        if emotion is None:
            notes.append("emotion answer unparsed")
        if cause is None:
            notes.append("cause answer unparsed")
        return Score(
            value={
                "emotion": int(emotion_ok),
                "cause": int(cause_ok),
                "both": int(emotion_ok and cause_ok),
                "emotion_parsed": int(emotion is not None),
                "cause_parsed": int(cause is not None),
            },
            answer=f"emotion {_letter(emotion)}, cause {_letter(cause)}",
            explanation=(
                f"emotion {_letter(emotion)} (gold {item.emotion.gold_letter}), "
                f"cause {_letter(cause)} (gold {item.cause.gold_letter})" + (f"; {'; '.join(notes)}" if notes else "")
            ),
            metadata={
                "emotion_chosen": emotion,
                "emotion_gold": item.emotion.gold,
                "cause_chosen": cause,
                "cause_gold": item.cause.gold,
            },
        )

    return score


@scorer(
    metrics=[
        ea_accuracy(),
        _by(ea_accuracy, "accuracy", "category"),
        _by(ea_accuracy, "accuracy", "question_type"),
        _by(ea_accuracy, "accuracy", "language"),
        parse_rate(),
        ea_parsing(),
        ea_position_bias(),
    ]
)
def emobench_ea_scorer() -> Scorer:
    """Score EA answers with :func:`parse_choice`. Value: ``{"correct", "parsed"}`` (1/0 each)."""

    async def score(state: TaskState, target: Target) -> Score:
        question = _question_from_metadata(state.metadata["question"])
        chosen = parse_choice(state.output.completion, question.choices)
        correct = chosen == question.gold
        explanation = f"answer {_letter(chosen)} (gold {question.gold_letter})"
        return Score(
            value={"correct": int(correct), "parsed": int(chosen is not None)},
            answer=_letter(chosen),
            explanation=explanation + ("; unparsed" if chosen is None else ""),
            metadata={"answer_chosen": chosen, "answer_gold": question.gold},
        )

    return score


@task
def emobench_eu(data: str, seed: int = 42, shuffle: bool = True) -> Task:
    """EmoBench emotional understanding: emotion, then cause, in one chat (see the module docstring).

    Args:
        data: path to EmoBench's EU JSONL file.
        seed: seed of the per-item choice shuffling.
        shuffle: ``False`` shows the choices in the file's order.

    Example:
        ``inspect eval affectkit/emobench_eu -T data=EU.jsonl --model openai-api/local/my-model``
    """
    from inspect_ai.dataset import MemoryDataset, Sample

    items = load_emobench_eu(data, seed=seed if shuffle else None)
    samples = [
        Sample(
            id=item.id,
            input=eu_emotion_prompt(item),
            target=f"emotion {item.emotion.gold_letter}, cause {item.cause.gold_letter}",
            metadata={
                "id": item.id,
                "qid": item.qid,
                "language": item.language,
                "coarse_category": item.coarse_category,
                "finegrained_category": item.finegrained_category,
                "scenario": item.scenario,
                "subject": item.subject,
                "emotion": _question_metadata(item.emotion),
                "cause": _question_metadata(item.cause),
            },
        )
        for item in items
    ]
    return Task(
        dataset=MemoryDataset(samples, name=Path(data).stem, location=str(data)),
        solver=emotion_then_cause(),
        scorer=emobench_eu_scorer(),
        metadata={"benchmark": "EmoBench EU", "data": str(data), "seed": seed, "shuffle": shuffle},
        version=1,
    )


@task
def emobench_ea(data: str, seed: int = 42, shuffle: bool = True) -> Task:
    """EmoBench emotional application: the most effective action or response (see the module docstring).

    Args:
        data: path to EmoBench's EA JSONL file.
        seed: seed of the per-item choice shuffling.
        shuffle: ``False`` shows the choices in the file's order.

    Example:
        ``inspect eval affectkit/emobench_ea -T data=EA.jsonl --model openai-api/local/my-model``
    """
    from inspect_ai.dataset import MemoryDataset, Sample
    from inspect_ai.solver import generate

    items = load_emobench_ea(data, seed=seed if shuffle else None)
    samples = [
        Sample(
            id=item.id,
            input=ea_prompt(item),
            target=item.question.gold_letter,
            metadata={
                "qid": item.qid,
                "language": item.language,
                "category": item.category,
                "question_type": item.question_type,
                "scenario": item.scenario,
                "subject": item.subject,
                "question": _question_metadata(item.question),
            },
        )
        for item in items
    ]
    return Task(
        dataset=MemoryDataset(samples, name=Path(data).stem, location=str(data)),
        solver=generate(),
        scorer=emobench_ea_scorer(),
        metadata={"benchmark": "EmoBench EA", "data": str(data), "seed": seed, "shuffle": shuffle},
        version=1,
    )
