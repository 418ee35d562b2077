"""A CheckList-style functional suite for the text model: pass rates per capability, not unit tests.

    .venv/bin/python benchmarks/checklist.py [--model goemotions-minilm@5] [--suite FILE] [--examples 5]

The cases (``benchmarks/data/checklist/suite.json``, written for affectkit) follow the idea of Ribeiro et
al. (2020): templated and hand-written texts grouped by capability (negation, sarcasm and irony,
intensifiers, downtoners, hedges, mixed emotions, emoji, typos, questions against statements, neutral
facts), each one of three test types:

* **MFT** (minimum functionality): one text and the reading expected of it ("I'm not happy about the
  news." must not have joy as its first Ekman label);
* **INV** (invariance): a variant of a base text must keep the base's first Ekman label (a typo, an
  intensifier, an emoji that agrees with the words);
* **DIR** (directional): a variant must move a number the expected way ("I'm so sad" has a higher sadness
  intensity than "I'm sad"; "I'm a bit sad" a lower one).

A failure is a finding about the model, not a broken build: the suite reports pass rates per capability and
test type, with failing examples, prints a table and writes ``benchmarks/results/checklist.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from affectkit.recognizers import DEFAULT, get_recognizer
from affectkit.types import TextAnalysis

HERE = Path(__file__).resolve().parent
SUITE = HERE / "data" / "checklist" / "suite.json"
RESULTS = HERE / "results"
SLOT = re.compile(r"\{(adj|thing|intensifier|downtoner|hedge|emoji)\}")


def typo(text: str) -> str:
    """A deterministic misspelling: the two middle letters of the longest word swapped."""
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: (len(re.sub(r"\W", "", words[i])), -i))
    word = words[longest]
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    if len(letters) >= 4:
        a, b = letters[len(letters) // 2 - 1], letters[len(letters) // 2]
        chars = list(word)
        chars[a], chars[b] = chars[b], chars[a]
        words[longest] = "".join(chars)
    return " ".join(words)


TRANSFORMS = {"typo": typo, "lower": str.lower}


def render(template: str, values: dict[str, str]) -> str:
    text = SLOT.sub(lambda m: values[m.group(1)], template)
    # A transform wraps the whole template: "{typo:I'm so {adj}.}" misspells the filled-in text.
    match = re.fullmatch(r"\{(\w+):(.*)\}", text, flags=re.S)
    return TRANSFORMS[match.group(1)](match.group(2)) if match else text


def expand(suite: dict[str, Any]) -> list[dict[str, Any]]:
    """Every test of the suite: templates filled in (each family, adjective, thing and modifier they name)
    and the hand-written cases (MFT)."""
    tests: list[dict[str, Any]] = []
    for template in suite["templates"]:
        families = template.get("families", list(suite["adjectives"]))
        things = suite["things"][: template.get("things", len(suite["things"]))]
        slots = set(SLOT.findall(template["text"] + template.get("base", "")))
        modifiers = {name: suite[f"{name}s"] for name in ("intensifier", "downtoner", "hedge") if name in slots}
        for family in families:
            adjectives = suite["adjectives"][family][: template.get("adjectives", len(suite["adjectives"][family]))]
            for adj, thing in itertools.product(adjectives, things):
                choices = [dict(zip(modifiers, combo, strict=True)) for combo in itertools.product(*modifiers.values())]
                for choice in choices or [{}]:
                    values = {"adj": adj, "thing": thing, "emoji": suite["emoji_of_family"][family], **choice}
                    expect = json.loads(json.dumps(template.get("expect", {})).replace("$family", family))
                    test = {"capability": template["capability"], "type": template["type"],
                            "text": render(template["text"], values), "expect": expect, "family": family}
                    if "base" in template:
                        test["base"] = render(template["base"], values)
                    tests.append(test)
    for case in suite["cases"]:
        tests.append({"type": "MFT", **case})
    unique: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for test in tests:
        unique.setdefault((test["capability"], test["type"], test.get("base", ""), test["text"]), test)
    return list(unique.values())


def top(analysis: TextAnalysis) -> str:
    return analysis.ekman_labels[0] if analysis.ekman_labels else "neutral"


def value(analysis: TextAnalysis, field: str) -> float:
    kind, _, label = field.partition(":")
    if kind == "valence":
        return analysis.vad.valence if analysis.vad is not None else 0.0
    source: dict[str, float] = {"intensity": analysis.intensity, "ekman": analysis.ekman,
                                "emotions": analysis.emotions}[kind]
    return source[label]


def as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def check_mft(analysis: TextAnalysis, expect: dict[str, Any]) -> list[str]:
    """The expectations ``analysis`` misses (empty: pass)."""
    missed = []
    first = top(analysis)
    if "top" in expect and first not in as_list(expect["top"]):
        missed.append(f"top {first}, expected {expect['top']}")
    if "top_not" in expect and first in as_list(expect["top_not"]):
        missed.append(f"top {first}")
    for label in as_list(expect.get("has", [])):
        if label not in analysis.ekman_labels:
            missed.append(f"{label} not among {analysis.ekman_labels}")
    if "label" in expect and expect["label"] not in analysis.labels:
        missed.append(f"{expect['label']} not among {analysis.labels}")
    if "not_label" in expect and expect["not_label"] in analysis.labels:
        missed.append(f"{expect['not_label']} among {analysis.labels}")
    if "sentiment" in expect and expect["sentiment"] not in analysis.sentiment_labels:
        missed.append(f"sentiment {analysis.sentiment_labels}, expected {expect['sentiment']}")
    if "sentiment_not" in expect and expect["sentiment_not"] in analysis.sentiment_labels:
        missed.append(f"sentiment {analysis.sentiment_labels}")
    if "valence" in expect:
        valence = value(analysis, "valence")
        if (valence > 0) != (expect["valence"] == "+"):
            missed.append(f"valence {valence:+.2f}")
    return missed


def run(tests: list[dict[str, Any]], model: str) -> dict[str, Any]:
    recognizer = get_recognizer(model)
    texts = list(dict.fromkeys([t["text"] for t in tests] + [t["base"] for t in tests if "base" in t]))
    read = dict(zip(texts, recognizer.analyze(texts), strict=True))
    outcomes = []
    for test in tests:
        analysis = read[test["text"]]
        if test["type"] == "MFT":
            missed = check_mft(analysis, test["expect"])
        else:
            base = read[test["base"]]
            if test["type"] == "INV":
                missed = [] if top(analysis) == top(base) else [f"top {top(base)} -> {top(analysis)}"]
            else:
                field, direction = test["expect"]["field"], test["expect"]["direction"]
                before, after = value(base, field), value(analysis, field)
                moved = after > before if direction == "up" else after < before
                missed = [] if moved else [f"{field} {before:.3f} -> {after:.3f}, expected {direction}"]
        outcomes.append({**test, "passed": not missed, "why": "; ".join(missed),
                         "read": {"ekman_labels": analysis.ekman_labels, "labels": analysis.labels}})
    return {"model": recognizer.model_id, "outcomes": outcomes}


def summarise(outcomes: list[dict[str, Any]], capabilities: dict[str, str], examples: int) -> dict[str, Any]:
    by_capability: dict[str, dict[str, Any]] = {}
    for capability in capabilities:
        mine = [o for o in outcomes if o["capability"] == capability]
        if not mine:
            continue
        types: dict[str, list[bool]] = defaultdict(list)
        for o in mine:
            types[o["type"]].append(o["passed"])
        failures = [o for o in mine if not o["passed"]]
        by_capability[capability] = {
            "description": capabilities[capability],
            "tests": len(mine),
            "pass_rate": round(sum(o["passed"] for o in mine) / len(mine), 4),
            "by_type": {t: {"tests": len(v), "pass_rate": round(sum(v) / len(v), 4)} for t, v in sorted(types.items())},
            "failing_examples": [{k: o[k] for k in ("type", "text", "why") if k in o} | (
                {"base": o["base"]} if "base" in o else {}) for o in failures[:examples]],
        }
    return by_capability


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=DEFAULT, help="recognizer to test (default: the shipped model)")
    parser.add_argument("--suite", type=Path, default=SUITE, help="suite file (default: the shipped cases)")
    parser.add_argument("--examples", type=int, default=5, help="failing examples kept per capability")
    args = parser.parse_args()
    suite = json.loads(args.suite.read_text(encoding="utf-8"))
    tests = expand(suite)
    result = run(tests, args.model)
    outcomes = result["outcomes"]
    summary = summarise(outcomes, suite["capabilities"], args.examples)
    total = round(sum(o["passed"] for o in outcomes) / len(outcomes), 4)
    RESULTS.mkdir(exist_ok=True)
    out = {"model": result["model"], "suite": str(args.suite.relative_to(HERE.parent)) if args.suite.is_relative_to(
        HERE.parent) else str(args.suite), "tests": len(outcomes), "pass_rate": total, "capabilities": summary}
    (RESULTS / "checklist.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{result['model']}: {len(outcomes)} tests, {total:.1%} pass")
    print("| capability | tests | pass rate | by type |")
    print("|---|---:|---:|---|")
    for name, figures in summary.items():
        types = ", ".join(f"{t} {v['pass_rate']:.0%} of {v['tests']}" for t, v in figures["by_type"].items())
        print(f"| {name} | {figures['tests']} | {figures['pass_rate']:.0%} | {types} |")
    for name, figures in summary.items():
        for example in figures["failing_examples"][:3]:
            base = f" (base: {example['base']!r})" if "base" in example else ""
            print(f"  {name} {example['type']}: {example['text']!r}{base}: {example['why']}")


if __name__ == "__main__":
    main()
