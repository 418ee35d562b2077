"""Data loading of the strategy benchmark (see :mod:`affectkit.evals.strategy`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.datasets import SupportDialogue, load_esconv
from affectkit.errors import AffectkitError
from affectkit.evals.strategy.prompts import INSTRUCTIONS, SPEAKERS, format_options
from affectkit.planning.labels import STRATEGIES

if TYPE_CHECKING:
    from inspect_ai.dataset import MemoryDataset, Sample


def _strategy_name(value: str | None, where: str) -> str:
    name = (value or "").strip().strip("[]").strip()
    if name not in STRATEGIES:
        raise AffectkitError(
            "AK-E011",
            f"unknown strategy {value!r} in {where}; expected one of {', '.join(STRATEGIES)}",
            field="strategy",
        )
    return name


def dialogue_samples(dialogue: SupportDialogue) -> list[Sample]:
    """One sample per supporter turn with a strategy: prompt, gold strategy and the conversation before it.

    The sample metadata hold ``conversation`` (``{"id", "utterances"}`` with speakers ``Seeker`` and
    ``Supporter``), ``agent`` (``"Supporter"``), the dialogue's ``emotion_type`` and ``problem_type`` and the
    0-based ``turn`` index; these are what :mod:`affectkit.evals.solvers` analyse.

    Example:
        >>> from affectkit.datasets import SupportDialogue, SupportTurn
        >>> d = SupportDialogue("test_0", "sadness", "job crisis", [SupportTurn("usr", "I lost my job.", None),
        ...     SupportTurn("sys", "That sounds hard. What happened?", "Question")])
        >>> [(s.id, s.target) for s in dialogue_samples(d)]
        [('test_0-t1', 'Question')]
    """
    from inspect_ai.dataset import Sample

    samples = []
    for index, turn in enumerate(dialogue.turns):
        if turn.speaker != "sys" or not turn.strategy:
            continue
        gold = _strategy_name(turn.strategy, f"dialogue {dialogue.id}, turn {index}")
        before = dialogue.turns[:index]
        lines = "\n".join(f"{SPEAKERS.get(t.speaker, t.speaker)}: {t.text}" for t in before)
        conversation = f"Conversation so far:\n{lines}" if before else "The conversation has not started yet."
        prompt = INSTRUCTIONS.format(conversation=conversation, options=format_options())
        utterances = [{"speaker": SPEAKERS.get(t.speaker, t.speaker), "text": t.text} for t in before]
        samples.append(
            Sample(
                id=f"{dialogue.id}-t{index}",
                input=prompt,
                target=gold,
                metadata={
                    "conversation": {"id": dialogue.id, "utterances": utterances},
                    "agent": SPEAKERS["sys"],
                    "dialogue": dialogue.id,
                    "turn": index,
                    "emotion_type": dialogue.emotion_type,
                    "problem_type": dialogue.problem_type,
                },
            )
        )
    return samples


def esconv_dataset(folder: Path, split: str = "test", limit_dialogues: int | None = None) -> MemoryDataset:
    """The samples of the first ``limit_dialogues`` dialogues (all when ``None``) of an ESConv split.

    Example:
        >>> esconv_dataset(Path("no/such/folder"))  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        AffectkitError: AK-E001 ...
    """
    from inspect_ai.dataset import MemoryDataset

    path = folder / f"{split}.jsonl"
    if not path.is_file():
        raise AffectkitError("AK-E001", f"no ESConv {split} split at {path}", source=str(path))
    dialogues = load_esconv(folder, split)
    if limit_dialogues is not None:
        dialogues = dialogues[:limit_dialogues]
    samples = [sample for dialogue in dialogues for sample in dialogue_samples(dialogue)]
    return MemoryDataset(samples, name=f"esconv-{split}", location=str(path))
