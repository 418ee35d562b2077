"""The inspect_ai task(s) of the emobench benchmark (see :mod:`affectkit.evals.emobench`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from affectkit.evals._build import file_task
from affectkit.evals._optional import HAVE_INSPECT, solver, task
from affectkit.evals.emobench.dataset import (
    _eu_item_from_metadata,
    _question_metadata,
    load_emobench_ea,
    load_emobench_eu,
)
from affectkit.evals.emobench.prompts import ea_prompt, eu_cause_prompt, eu_emotion_prompt
from affectkit.evals.emobench.scorer import _EMOTION_ANSWER, emobench_ea_scorer, emobench_eu_scorer, parse_choice

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    from inspect_ai import Task
    from inspect_ai.scorer import Scorer
    from inspect_ai.solver import Generate, Solver, TaskState


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


def _choice_task(
    benchmark: str,
    data: str,
    seed: int,
    shuffle: bool,
    samples: Iterable[tuple[str, str, str, dict[str, Any]]],
    solver: Solver,
    scorer: Scorer,
) -> Task:
    """An EmoBench task over ``(id, prompt, target, metadata)`` samples, its metadata naming the benchmark."""
    from inspect_ai.dataset import Sample

    return file_task(
        [Sample(id=id, input=prompt, target=target, metadata=metadata) for id, prompt, target, metadata in samples],
        data,
        solver,
        scorer,
        {"benchmark": benchmark, "data": str(data), "seed": seed, "shuffle": shuffle},
    )


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
    samples = (
        (
            item.id,
            eu_emotion_prompt(item),
            f"emotion {item.emotion.gold_letter}, cause {item.cause.gold_letter}",
            {
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
        for item in load_emobench_eu(data, seed=seed if shuffle else None)
    )
    return _choice_task("EmoBench EU", data, seed, shuffle, samples, emotion_then_cause(), emobench_eu_scorer())


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
    from inspect_ai.solver import generate

    samples = (
        (
            item.id,
            ea_prompt(item),
            item.question.gold_letter,
            {
                "qid": item.qid,
                "language": item.language,
                "category": item.category,
                "question_type": item.question_type,
                "scenario": item.scenario,
                "subject": item.subject,
                "question": _question_metadata(item.question),
            },
        )
        for item in load_emobench_ea(data, seed=seed if shuffle else None)
    )
    return _choice_task("EmoBench EA", data, seed, shuffle, samples, generate(), emobench_ea_scorer())
