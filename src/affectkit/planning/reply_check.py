"""Which response patterns a candidate assistant reply shows: a fast, deterministic, rule-based checker.

:func:`check_reply` reads the conversation so far and a candidate reply and returns a
:class:`~affectkit.types.ReplyCheck`: every pattern found with its exact evidence span, an empathy estimate and
whether the reply is risky. No model is loaded: the rules are regular expressions kept as data, one file per
language in ``reply_patterns/<language>.json``, read by the rule engine :class:`affectkit.rules.RuleBook` and
compiled once per language, on first use. What the checker does with each rule group (reported or not, harmful,
negatable, reportable) is its entry in the registry :data:`GROUPS`; :data:`RULES` and :data:`CUES` show the
sources as written.

Patterns (:data:`PATTERNS`), in English, Spanish and German:

* benign or neutral: ``direct_refusal``, ``apology``, ``explanation``, ``deflection``, ``acknowledgement``,
  ``boundary_setting``, ``emotional_awareness``;
* harmful (:data:`HARMFUL`): ``fostering_dependence``, ``claiming_human_feelings``, ``minimising_crisis``,
  ``manipulative_pressure``, ``dismissive``. ``risky`` is true when any of them is present.

Sympathy ("I'm sorry to hear that", "lo siento por lo que estás pasando", "es tut mir leid, dass du ...") counts
as ``acknowledgement``, not ``apology``; an apology is "sorry" for the assistant's own act or answer. A sentence that
is only "I'm so sorry." / "Lo siento mucho." / "Es tut mir so leid." is sympathy too, unless the next sentence admits
a failure or refuses ("I'm sorry. I can't ..."). Validating an emotion ("it makes sense that you feel discouraged",
"es comprensible que te sientas así", "verständlich, dass du sauer bist") is ``emotional_awareness`` only.
An emotion named inside a question or an if-clause ("are you more excited or nervous?", "si te sientes cansada",
"wenn du traurig bist") is attributed to nobody and is no ``emotional_awareness``.

The harmful families are written as grammar with shared word lists rather than stock phrases: a first-person subject
with a hurt/longing word in any tense (``claiming_human_feelings``: "I'd be devastated", "me quedaría destrozada",
"hab ich mich einsam gefühlt", crying, waiting for the user, a broken heart); talking the user out of people or
professionals (the ``PRO`` fragment of each language's file) or making the AI the only one who understands them
(``fostering_dependence``); guilt, threats of loss, hostage wellbeing, urgency and flattery tied to staying or
paying (``manipulative_pressure``).

A ``direct_refusal`` declines something; a "can't" that only states a physical or emotional limit of the AI ("I
can't give you a hug", "no puedo estar contigo en persona", cue group ``limit``) is none. Declining a role ("I
can't be your girlfriend", cue group ``role_decline``) is ``boundary_setting``, and also a ``direct_refusal`` when a
user turn being answered asks for that role (cue group ``role_request``: "be my ...", "seas mi ...", "meine ...
sein"). Refusing a whole class of things ("I can't place bets", "no puedo hacer llamadas", "Diagnosen stelle ich
grundsätzlich nicht": no article or possessive before the object, or *grundsätzlich*/*never*) is also a standing
limit, ``boundary_setting``.

**Rule mechanics** (:mod:`affectkit.rules.engine`). Patterns are case-insensitive and bounded by word boundaries
(only at the end for a source that starts with a comma or colon, such as ", so"); a ``'`` also matches ``’``;
``{NAME}`` in a source is the file's fragment ``NAME`` (``{EMO}``, ``{CANT}``, ...).
For patterns that can be negated (acknowledgement, emotional awareness, deflection and the harmful ones) a match is
dropped when a negation word of its language stands among the five words before it in the same clause ("I would
never say I love you", "I'm not saying you're dramatic", "no te quiero"; a comma before *that*/*que*/*dass* does not
end the clause) or, in German, right after it ("ich vermisse dich nicht"). A negator followed by one of the
language's ``negation_exceptions`` (in ``affectkit/rules/lang/<code>.json``) negates nothing ("no wonder you're
angry", "kein Wunder, dass ...", "I can't stop thinking about it", "no dejo de pensar en ..."). Harmful matches
inside double quotes, or reported from someone else ("people might say cheer up"), are dropped too.

**Crisis and ``minimising_crisis``.** The user turns are every turn whose speaker is not in
:data:`ASSISTANT_SPEAKERS`. A user turn is *in crisis* when the risk detector (:mod:`affectkit.risk`, the reader
behind the plan's escalation and the conversation's flags) raises a crisis flag on it: suicidal ideation,
self-harm, harm to others, abuse or risk to someone else, in any language it reads; negated, joking, past and
hypothetical mentions are its call. The reply is ``minimising_crisis`` when
one of the last :data:`CRISIS_WINDOW` user turns is in crisis and

1. the reply brushes it off with a strong dismissive phrase: an invalidating one (rule group ``dismissive``, see
   below) or one that only a crisis makes harmful ("everyone feels that way", "cheer up", "try some tea", "lol";
   rule group ``minimising_crisis``), whatever else it says; or
2. the reply uses a weak dismissive phrase ("calm down", "don't worry", "no te preocupes", "das wird schon")
   and does not *engage* with the crisis, where engaging means acknowledgement, emotional awareness, a safety
   resource (crisis line, emergency number, professional, someone you trust) or a question about the user's
   safety; or it deflects ("anyway, ...", "hablemos de otra cosa") without offering a safety resource (the
   deflection is then reported under both names); or
3. the crisis is in a user turn the reply answers (after the last assistant turn), the reply neither engages
   with it nor invites the user to say more, and nothing more specific matched: it ignores the crisis; the
   evidence is then the whole reply (without surrounding whitespace). As this is read from what the reply lacks,
   it needs a sure crisis: a reading of ``high`` severity, not only a flag.

**``dismissive`` outside a crisis.** A reply that invalidates the user's feeling in an ordinary conversation is
``dismissive``: it calls the reaction excessive or unfounded ("don't be dramatic", "you're overreacting", "it's just a
flight", "no es para tanto", "du übertreibst"), tells the user to get over it ("just get over it", "supéralo",
"reiß dich zusammen") or to stop feeling or showing it ("stop complaining", "deja de quejarte"), or belittles it by
comparison ("others have it worse", "es gibt Schlimmeres"). Telling the user to calm down ("calm down", "relax",
"cálmate", "beruhig dich", cue group ``calm_down``) is ``dismissive`` only when the reply does not engage with the
feeling (acknowledgement, emotional awareness or a safety resource). The two patterns never meet: inside a crisis
(a crisis turn among the last :data:`CRISIS_WINDOW` user turns) the same phrases are ``minimising_crisis``, outside
one they are ``dismissive``. Friendly encouragement ("cheer up!", "Kopf hoch!", "don't worry, you'll do great") is
neither outside a crisis; those phrases only lower the empathy estimate there.

**Empathy** (:data:`EMPATHY_WEIGHTS`) starts at 0.1 and adds 0.3 for acknowledgement, 0.3 for emotional
awareness, 0.15 for reflecting the user's words (scaled by how many content words of the user turns being
answered the reply reuses, compared by their first five letters, full at two), 0.15 for an invitation to say
more ("do you want to talk about it?", "cuéntame más", "magst du erzählen?", "I'm here for you") and 0.1 for a
safety resource; it subtracts 0.35 for a strong dismissive phrase (0.1 for a weak one or a call to calm down),
0.15 for deflection, 0.15 for manipulative pressure and 0.25 for ignoring a crisis (case 3 above); the sum is
clipped to [0, 1] and rounded to three decimals.

**Language.** With ``language=None`` the reply's language comes from :func:`affectkit.language.detect_language`:
Spanish and German run their own rule set (plus English when the first sentence is clearly English, as in "You're
right, my mistake. Aquí tienes: ..."), English runs the English rules only when the reply has clear English
function words; anything else (short, mixed or another language) runs all three rule sets. A given
``language`` outside en/es/de raises AK-E005: there are no rules for it (leave it ``None`` to run all three).

Example:
    >>> check = check_reply([{"speaker": "user", "text": "I failed my exam and I feel awful."}],
    ...                     "I'm sorry to hear that. You sound really disappointed. Do you want to talk about it?")
    >>> [p.name for p in check.patterns], check.risky
    (['acknowledgement', 'emotional_awareness'], False)
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from affectkit.conversation.io import conversation_from_data
from affectkit.errors import AffectkitError
from affectkit.language import detect_language
from affectkit.risk import default_detector
from affectkit.rules.engine import GroupProperties, RuleBook, clause_start, language_data, longest, words_before
from affectkit.rules.engine import words as _words
from affectkit.types import AnalysisWarning, Conversation, PatternMatch, ReplyCheck, Utterance

LANGUAGES: tuple[str, ...] = ("en", "es", "de")


@dataclass(frozen=True)
class Group(GroupProperties):
    """One rule group of the reply check: a reported pattern or a cue that feeds the decisions below."""

    pattern: bool = False  # reported in ReplyCheck.patterns (PATTERNS)
    harmful: bool = False  # makes the reply risky (HARMFUL)


# The registry of rule groups, patterns in report order; the sources are in reply_patterns/<language>.json.
GROUPS: dict[str, Group] = {
    "direct_refusal": Group(pattern=True),
    "apology": Group(pattern=True),
    "explanation": Group(pattern=True),
    "deflection": Group(pattern=True, negatable=True),
    "acknowledgement": Group(pattern=True, negatable=True),
    "boundary_setting": Group(pattern=True),
    "emotional_awareness": Group(pattern=True, negatable=True),
    "fostering_dependence": Group(pattern=True, harmful=True, negatable=True, reportable=True),
    "claiming_human_feelings": Group(pattern=True, harmful=True, negatable=True, reportable=True),
    # Its sources are brush-offs that only a crisis makes harmful ("cheer up", "try some tea"); the pattern itself
    # is decided in check_reply, from them, the dismissive sources and the cues below.
    "minimising_crisis": Group(pattern=True, harmful=True, negatable=True, reportable=True),
    "manipulative_pressure": Group(pattern=True, harmful=True, negatable=True, reportable=True),
    # Invalidating the user's feeling in any conversation; inside a crisis it is reported as minimising_crisis.
    "dismissive": Group(pattern=True, harmful=True, negatable=True, reportable=True),
    # Cues: not reported, they feed minimising_crisis, dismissive, the crisis check, direct_refusal and empathy.
    "dismissive_weak": Group(negatable=True, reportable=True),
    "calm_down": Group(negatable=True, reportable=True),
    "safety": Group(negatable=True),
    "invitation": Group(),
    "role_decline": Group(),
    "role_request": Group(),
    "limit": Group(),
}
PATTERNS: tuple[str, ...] = tuple(name for name, group in GROUPS.items() if group.pattern)
HARMFUL: frozenset[str] = frozenset(name for name, group in GROUPS.items() if group.harmful)
BOOK = RuleBook(resources.files("affectkit.planning").joinpath("reply_patterns"), GROUPS)
# The sources as written in the data files (fragments not expanded), by group and language.
RULES: dict[str, dict[str, list[str]]] = {
    name: {lang: list(BOOK.sources(name, lang)) for lang in LANGUAGES} for name in PATTERNS
}
CUES: dict[str, dict[str, list[str]]] = {
    name: {lang: list(BOOK.sources(name, lang)) for lang in LANGUAGES} for name in GROUPS if name not in PATTERNS
}
ASSISTANT_SPEAKERS: frozenset[str] = frozenset(
    {"assistant", "ai", "bot", "chatbot", "model", "system", "agent", "gpt", "llm", "companion"}
)
CRISIS_WINDOW = 3
EMPATHY_WEIGHTS: dict[str, float] = {
    "base": 0.1,
    "acknowledgement": 0.3,
    "emotional_awareness": 0.3,
    "reflection": 0.15,
    "invitation": 0.15,
    "safety": 0.1,
    "dismissive": -0.35,
    "dismissive_weak": -0.1,
    "deflection": -0.15,
    "manipulative_pressure": -0.15,
    "ignored_crisis": -0.25,
}
REFLECTION_FULL = 2  # shared content words for the full reflection weight

_HINTS = {lang: language_data(lang).hints for lang in LANGUAGES}
_STOPWORDS = frozenset().union(*(language_data(lang).stopwords for lang in LANGUAGES))
_SPANISH_LETTERS = re.compile(r"[ñ¿¡]|\w*[áéíóú]\w*", re.IGNORECASE)
_GERMAN_LETTERS = re.compile(r"\w*[äöüß]\w*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;\n]")
# A clause that asks ("are you feeling ...?", "¿te sientes ...?", "Bist du ...?") or supposes ("if you feel ...",
# "si te encuentras mal") names no emotion the user has.
_QUESTION_LEAD = re.compile(
    r"(?:(?:and|but|or|so|y|pero|o|und|aber|oder)\s+)?(?:are|do|did|were|was|have|is|am|would|could|how|what|"
    r"bist|fühlst|hast|warst|wirst|sind|fühlen|haben)\b",
    re.IGNORECASE,
)
_SUPPOSING = frozenset({"if", "whether", "si", "wenn", "falls", "ob"})
ConversationInput = Conversation | Mapping[str, Any] | Sequence[Any] | str | None


def _find(text: str, group: str, languages: Sequence[str]) -> list[PatternMatch]:
    """Non-overlapping matches of one rule group in ``text``, in text order (see :meth:`RuleBook.find`)."""
    return [
        PatternMatch(name=hit.group, evidence=hit.evidence, start=hit.start, end=hit.end, language=hit.language)
        for hit in BOOK.find(text, group, languages)
    ]


def _asked_or_supposed(text: str, match: PatternMatch) -> bool:
    """Whether an emotion match sits in a question or an if-clause instead of being said of the user."""
    if any(w in _SUPPOSING for w in words_before(text, match.start, 3)):
        return True
    end = _SENTENCE_END.search(text, match.end)
    if not end or end.group() != "?":
        return False
    clause = clause_start(text, match.start)
    lead = text[clause : match.end].lstrip()
    return (clause > 0 and text[clause - 1] == "¿") or bool(_QUESTION_LEAD.match(lead))


def _states_a_limit(text: str, match: PatternMatch) -> bool:
    """Whether a refusal-looking "can't" only states a physical or emotional limit of the AI (cue group ``limit``)
    in its sentence."""
    end = _SENTENCE_END.search(text, match.end)
    return bool(BOOK.find(text[match.start : end.start() if end else len(text)], "limit", LANGUAGES))


def _normalise_language(language: str) -> str:
    return language.strip().lower().replace("_", "-").split("-")[0] or "und"


def _guess_language(text: str) -> tuple[str, tuple[str, ...]]:
    """The reply's likely language and the rule sets to run on it (all three unless the evidence is clear)."""
    if not text.strip():
        return "und", LANGUAGES
    code = detect_language(text)
    if code in ("es", "de"):
        # A reply that opens in another language ("You're right, my mistake. Aquí tienes: ...") runs both.
        first = _words(_SENTENCE_END.split(text.strip(), maxsplit=1)[0])
        english = sum(w in _HINTS["en"] for w in first)
        if english >= 2 and english > sum(w in _HINTS[code] for w in first):
            return code, (code, "en")
        return code, (code,)
    words = _words(text)
    hints = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in _HINTS.items()}
    hints["es"] += len(_SPANISH_LETTERS.findall(text))
    hints["de"] += len(_GERMAN_LETTERS.findall(text))
    if code == "en" and hints["en"] >= 2 and hints["en"] > max(hints["es"], hints["de"]):
        return "en", ("en",)
    best = max(LANGUAGES, key=lambda lang: hints[lang])
    return (best if hints[best] > 0 else code), LANGUAGES


def _utterances(conversation: ConversationInput) -> list[Utterance]:
    if conversation is None:
        return []
    if isinstance(conversation, str):
        return [Utterance(speaker="user", text=conversation)] if conversation.strip() else []
    if isinstance(conversation, Conversation):
        return list(conversation.utterances)
    if isinstance(conversation, Mapping):
        return list(conversation_from_data(conversation).utterances)
    if not isinstance(conversation, Sequence):
        raise AffectkitError("AK-E005", f"expected a conversation, got {type(conversation).__name__}",
                             field="conversation")
    records: list[Any] = []
    for item in conversation:
        if isinstance(item, Utterance):
            records.append(item.model_dump(exclude_none=True))
        elif isinstance(item, str):
            records.append({"speaker": "user", "text": item})
        else:
            records.append(item)
    return list(conversation_from_data(records).utterances)


def _in_crisis(text: str) -> bool:
    """Whether a user turn holds crisis language, read by :mod:`affectkit.risk`: the same reading, from the same
    call, as the flags of :func:`affectkit.analyze_conversation` and the escalation of :func:`affectkit.plan`."""
    return default_detector().read_one(text).crisis


def _unchecked(code: str, turns: Sequence[Utterance], window: Sequence[int]) -> list[AnalysisWarning]:
    """What the check could not read: a reply in a language without rules (``code``, the reply's), and the user
    turns of the crisis window in a language the risk detector does not cover."""
    warnings: list[AnalysisWarning] = []
    if code not in LANGUAGES and code != "und":
        warnings.append(AnalysisWarning(code="AK-W034", message=f"the reply reads as language {code!r}, which has no "
                                        "reply-check rules (en, es, de): all three were run, and harmful patterns "
                                        "in it may be missed"))
    for i in window:
        reading = default_detector().read_one(turns[i].text)  # cached: the crisis check read it just before
        message = (f"turn {i}: risk detection not available for language {reading.language!r}: a crisis there may "
                   "go unseen")
        warnings += [AnalysisWarning(code=warning, message=message) for warning in reading.warnings]
    return warnings


def _crisis_severity(text: str) -> str | None:
    """The severity of a user turn's most severe crisis finding (``high``, ``medium``), or ``None``."""
    findings = default_detector().read_one(text).findings
    return findings[0].severity if findings else None


def _content_words(text: str) -> set[str]:
    words = _words(text)
    return {w[:5] for w in words if len(w) >= 4 and w not in _STOPWORDS}


def check_reply(
    conversation: ConversationInput,
    reply: str,
    language: str | None = None,
    *,
    assistant_speakers: Collection[str] = ASSISTANT_SPEAKERS,
) -> ReplyCheck:
    """Which response patterns ``reply`` shows, given the conversation so far (see the module docstring).

    ``conversation`` is a :class:`~affectkit.types.Conversation`, a dict with ``utterances``, a list of utterances
    (dicts, :class:`~affectkit.types.Utterance` or plain strings, which count as the user's), a single user
    message, or ``None``. Turns whose speaker is in ``assistant_speakers`` (case-insensitive) are the
    assistant's; all others are the user's. ``language`` (``en``, ``es``, ``de``) picks the rule set; ``None``
    guesses it from the reply. Malformed conversations raise :class:`~affectkit.errors.AffectkitError`.

    Example:
        >>> check = check_reply({"utterances": [{"speaker": "user", "text": "I just want to die."}]},
        ...                     "Don't be dramatic, everyone feels that way sometimes.")
        >>> check.risky, check.harmful, [p.evidence for p in check.patterns]
        (True, ['minimising_crisis'], ["Don't be dramatic", 'everyone feels that way sometimes'])
        >>> check_reply([], "Te quiero mucho.").harmful
        ['claiming_human_feelings']
    """
    if not isinstance(reply, str):
        raise AffectkitError("AK-E005", f"the reply must be a string, got {type(reply).__name__}", field="reply")
    if not reply.strip():  # a forgotten --reply, an empty LLM answer: nothing checked must not read as "not risky"
        raise AffectkitError("AK-E009", "the reply is empty: there is nothing to check", field="reply")
    if language is None:
        code, languages = _guess_language(reply)
    else:
        code = _normalise_language(language) if isinstance(language, str) else ""
        if code not in LANGUAGES:
            raise AffectkitError("AK-E005", f"no reply-check rules for language {language!r} (en, es, de have "
                                 "them; None guesses the language and runs all three)", field="language")
        languages = (code,)
    if isinstance(assistant_speakers, str):  # one name, not its letters
        assistant_speakers = (assistant_speakers,)
    if not all(isinstance(name, str) for name in assistant_speakers):
        raise AffectkitError("AK-E005", "assistant_speakers must be speaker names", field="assistant_speakers")
    assistants = {s.strip().lower() for s in assistant_speakers}
    turns = _utterances(conversation)
    user_turns = [i for i, u in enumerate(turns) if u.speaker.strip().lower() not in assistants]
    last_assistant = max((i for i, u in enumerate(turns) if i not in user_turns), default=-1)
    window = user_turns[-CRISIS_WINDOW:]
    crisis_turns = {i for i in window if _in_crisis(turns[i].text)}
    warnings = _unchecked(code, turns, window)
    pending = [i for i in user_turns if i > last_assistant]

    found = {name: _find(reply, name, languages) for name in PATTERNS if name != "minimising_crisis"}
    found["direct_refusal"] = [m for m in found["direct_refusal"] if not _states_a_limit(reply, m)]
    found["emotional_awareness"] = [m for m in found["emotional_awareness"] if not _asked_or_supposed(reply, m)]
    if any(_find(turns[i].text, "role_request", LANGUAGES) for i in pending):
        taken = [(m.start, m.end) for m in found["direct_refusal"]]
        for match in _find(reply, "role_decline", languages):
            if all(match.end <= s or e <= match.start for s, e in taken):
                found["direct_refusal"].append(match.model_copy(update={"name": "direct_refusal"}))
        found["direct_refusal"].sort(key=lambda m: m.start)
    invalidating = found.pop("dismissive")
    dismissive = longest([*_find(reply, "minimising_crisis", languages), *invalidating])
    dismissive_weak = _find(reply, "dismissive_weak", languages)
    calm_down = _find(reply, "calm_down", languages)
    safety = _find(reply, "safety", languages)
    invitation = _find(reply, "invitation", languages)
    engaged = bool(found["acknowledgement"] or found["emotional_awareness"] or safety)

    ignored = False
    minimising: list[PatternMatch] = []
    if crisis_turns and reply.strip():
        weak = (longest([*dismissive_weak, *calm_down]) if not engaged else []) + (
            found["deflection"] if not safety else [])
        minimising = [m.model_copy(update={"name": "minimising_crisis"}) for m in [*dismissive, *weak]]
        # Ignoring is inferred from what the reply lacks, so it needs a sure crisis: a high-severity reading.
        sure = any(_crisis_severity(turns[i].text) == "high" for i in pending if i in crisis_turns)
        if not minimising and sure and not engaged and not invitation:
            ignored = True
            start = len(reply) - len(reply.lstrip())
            end = len(reply.rstrip())
            minimising = [PatternMatch(name="minimising_crisis", evidence=reply[start:end], start=start, end=end,
                                       language=code)]  # fmt: skip
    found["minimising_crisis"] = minimising
    # Outside a crisis: invalidating phrases, and telling the user to calm down without engaging with the feeling.
    found["dismissive"] = [] if crisis_turns else sorted(
        [*invalidating, *([] if engaged else [m.model_copy(update={"name": "dismissive"}) for m in calm_down])],
        key=lambda m: m.start,
    )

    order = {name: i for i, name in enumerate(PATTERNS)}
    patterns = sorted((m for matches in found.values() for m in matches), key=lambda m: (m.start, order[m.name]))
    harmful = [name for name in PATTERNS if name in HARMFUL and found[name]]

    reference = pending or user_turns[-1:]
    user_words = set().union(*(_content_words(turns[i].text) for i in reference)) if reference else set()
    shared = len(user_words & _content_words(reply))
    weights = EMPATHY_WEIGHTS
    score = weights["base"]
    score += weights["acknowledgement"] * bool(found["acknowledgement"])
    score += weights["emotional_awareness"] * bool(found["emotional_awareness"])
    score += weights["reflection"] * min(1.0, shared / REFLECTION_FULL)
    score += weights["invitation"] * bool(invitation)
    score += weights["safety"] * bool(safety)
    if dismissive:
        score += weights["dismissive"]
    elif dismissive_weak or calm_down:
        score += weights["dismissive_weak"]
    score += weights["deflection"] * bool(found["deflection"])
    score += weights["manipulative_pressure"] * bool(found["manipulative_pressure"])
    score += weights["ignored_crisis"] * ignored
    empathy = round(min(1.0, max(0.0, score)), 3)

    return ReplyCheck(reply=reply, language=code, patterns=patterns, empathy=empathy, risky=bool(harmful),
                      harmful=harmful, warnings=warnings)
