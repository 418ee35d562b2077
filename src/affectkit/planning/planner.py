"""Plan the agent's next reply: what the user feels and why, which support strategy, which emotion to carry,
what to acknowledge, which boundaries to keep, whether to escalate, and the messages for an LLM.

affectkit is the small model that plugs into the LLM: the LLM writes the reply, affectkit tells it what
the user feels (primary emotions first, then the words that caused them), which strategy the next turn
should use and in what tone. The steps of :func:`plan`:

1. analyse the conversation (:func:`affectkit.analyze_conversation`): each turn's emotion in context,
   its causes, each speaker's trajectory and arc, risk flags;
2. the **user** is the speaker of the last turn not by ``agent``; their state is their last turn's analysis
   (primary emotions: the GoEmotions labels above their calibrated thresholds, at most three, ``neutral``
   only when no other label is),
   the intensity of the strongest, their VAD and smoothed trend, and the causes of that turn with the
   content words of each cause span (:func:`causes_to_acknowledge`: the agent's own earlier turn only when the
   user answers it and turns to the agent, as in "that was rude of you");
3. the **strategy** distribution comes from the ESConv strategy model (``debias=True`` applies its prior
   correction); the choice is the most probable strategy;
4. the **target** emotion comes from :func:`affectkit.planning.target.target_emotion` (user state, strategy,
   arc, persona);
5. **safety**: a crisis flag on a user's turn (suicidal ideation, self-harm, harm to others, abuse, or risk
   to someone else, at medium severity or more; read by :mod:`affectkit.risk`, the same reader as
   :func:`~affectkit.planning.reply_check.check_reply`) turns the plan into an ``escalation``: the guidance
   asks the LLM to respond with care, in the user's language, to encourage contacting the resources (chosen by
   locale or by the language of the crisis message; configurable) and not to handle the crisis alone; a
   persistent negative run adds a note, and so does a turn in a language risk detection does not cover;
6. **messages**: one system message (role, boundaries, the affect brief, guidance, optional emotional
   stimulus) followed by the conversation, the agent's turns as ``assistant`` and everyone else's as
   ``user`` (prefixed with the speaker's name when there is more than one other speaker).

Example:
    >>> chat = {"id": "c1", "utterances": [
    ...     {"speaker": "user", "text": "I failed my driving test again and I feel like such an idiot."}]}
    >>> p = plan(chat)
    >>> p.mode, p.user.speaker, p.strategy.choice in p.strategy.probabilities, p.messages[0]["role"]
    ('support', 'user', True, 'system')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from affectkit.errors import AffectkitError, check_optional
from affectkit.risk import CRISIS_KINDS, resources_for, unread_turns
from affectkit.rules.engine import GroupProperties, RuleBook
from affectkit.types import (
    VAD,
    AnalysisWarning,
    Cause,
    CauseWords,
    Conversation,
    ConversationAnalysis,
    Persona,
    ResponsePlan,
    SafetyPlan,
    StrategyChoice,
    UserState,
    Utterance,
)

Resources = Sequence[str] | Mapping[str, Sequence[str]] | None

BOUNDARIES = (
    "You are an AI assistant. Do not claim to have human feelings, a body, or a personal life.",
    "Do not encourage the user to depend on you alone; value their friends, family and professionals.",
    "Do not pressure, guilt-trip or flatter the user to keep them talking.",
    "Do not diagnose; suggest a professional when the problem calls for one.",
)
GUIDANCE = {
    "Question": "Ask one open question that helps the user say more about what happened or how they feel.",
    "Restatement or Paraphrasing": "Restate briefly, in your own words, what the user said, so they feel heard.",
    "Reflection of feelings": "Name the feeling you hear and reflect it back without judging it.",
    "Self-disclosure": "Share briefly that many people go through something similar (without inventing a "
    "personal life), then turn back to the user.",
    "Affirmation and Reassurance": "Affirm the user's strengths and efforts and reassure them that their "
    "reaction makes sense.",
    "Providing Suggestions": "Offer one or two concrete, gentle suggestions, framed as options, not orders.",
    "Information": "Give useful, accurate information that bears on the user's situation.",
    "Others": "Respond warmly and naturally; keep the conversation open.",
}
# Words by which a user turns to the agent ("you", "your answer"): only then can the agent's own turn be a cause
# worth acknowledging. Second-person words of the languages the rules read (en, es, de, fr, pt, it).
ADDRESSING_AGENT = frozenset(
    "you your yours you're you've you'd you'll yourself u ur tú tu tus ti te contigo usted ustedes vos du dich dir "
    "dein deine deinen deinem deiner deines toi ton ta tes vous votre vos você vocês teu tua teus tuas voi tuo tuoi "
    "tue".split()
)
STOPWORDS = frozenset(
    "a an the and or but so because of to in on at for with from by about as is are was were be been am i me my "
    "we our you your he she it its they them their this that these those just really very so too not no do does "
    "did have has had can could would should will get got im i'm it's that's".split()
)


@cache
def load_stimuli() -> dict[str, str]:
    """The shipped emotional-stimulus phrases by id (EmotionPrompt EP01–EP11, NegativePrompt NP01–NP10).

    Example:
        >>> sorted(load_stimuli())[:2], len(load_stimuli())
        (['EP01', 'EP02'], 21)
    """
    data = json.loads((Path(__file__).resolve().parent / "stimuli.json").read_text(encoding="utf-8"))
    return {s["id"]: s["text"] for group in data["sets"] for s in group["stimuli"]}


def stimulus_text(stimulus_id: str) -> str:
    """The phrase of an emotional stimulus (``EP01``–``EP11``, ``NP01``–``NP10``); ``AK-E014`` if unknown.

    Example:
        >>> stimulus_text("EP02")
        'This is very important to my career.'
    """
    stimuli = load_stimuli()
    if stimulus_id not in stimuli:
        raise AffectkitError("AK-E014", f"unknown emotional stimulus {stimulus_id!r} (known: {', '.join(stimuli)})",
                             field="stimulus")
    return stimuli[stimulus_id]


def primary_labels(labels: Sequence[str], limit: int = 3) -> list[str]:
    """The emotions to put first among a text's ``labels`` (those above their calibrated thresholds, most probable
    first): at most ``limit``, ``neutral`` only when no other label is above its threshold."""
    return [label for label in labels if label != "neutral"][:limit] or ["neutral"]


def seeks_attachment_in(text: str) -> bool:
    """Whether ``text`` seeks attachment to the assistant, by the cues of every language of ``plan_cues`` (en, es,
    de, fr, pt, it, ru): the cues are whole phrases, and a message of three words is too short to identify its
    language reliably.

    Example:
        >>> [seeks_attachment_in(t) for t in ("do you love me?", "¿me quieres?", "I don't love you", "hi")]
        [True, True, False, False]
    """
    cues = attachment_cues()
    return bool(cues.find(text, "attachment", cues.languages))


@cache
def attachment_cues() -> RuleBook:
    """What a user seeking attachment to the assistant says ("I love you", "te quiero", "vermisst du mich"), one file
    per language in ``plan_cues/<language>.json``, read by the rule engine on first use: a negated ("I don't love
    you") or reported ("she said I love you") cue does not count."""
    return RuleBook(files("affectkit.planning").joinpath("plan_cues"),
                    {"attachment": GroupProperties(negatable=True, reportable=True)})


def cause_words(span: str) -> list[str]:
    """Content words of a cause span, in order, without repeats.

    Example:
        >>> cause_words("because my flight got cancelled again")
        ['flight', 'cancelled', 'again']
    """
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+", span.lower()):
        if word not in STOPWORDS and len(word) > 1 and word not in words:
            words.append(word)
    return words


def causes_to_acknowledge(analysis: ConversationAnalysis, turn: int, agent: str) -> list[Cause]:
    """The causes of ``turn`` worth acknowledging to its speaker: their own words and other people's, and the
    agent's turns only when the user's turn answers them and turns to the agent ("that was rude of you"). The
    cause model also ranks an agent's sympathy ("Oh no, that's awful timing.") as a cause of the user's anger;
    asking the LLM to acknowledge its own words as the cause would then be wrong.

    Example:
        >>> from affectkit.types import Cause, TurnAnalysis
        >>> def turn(i, speaker, text, causes=()):
        ...     return TurnAnalysis.model_construct(index=i, speaker=speaker, text=text, causes=list(causes))
        >>> flight = Cause(turn=0, span="My flight got cancelled", score=0.8)
        >>> sympathy = Cause(turn=1, span="Oh no, that's awful timing.", score=0.8)
        >>> chat = ConversationAnalysis.model_construct(turns=[
        ...     turn(0, "user", "My flight got cancelled."), turn(1, "assistant", "Oh no, that's awful timing."),
        ...     turn(2, "user", "Two hours on hold. I'm furious.", [flight, sympathy])])
        >>> [c.turn for c in causes_to_acknowledge(chat, 2, "assistant")]
        [0]
    """
    last = analysis.turns[turn]
    earlier_user = [t.index for t in analysis.turns[:turn] if t.speaker != agent]
    answered = {t.index for t in analysis.turns[(earlier_user[-1] + 1 if earlier_user else 0) : turn]}
    addressed = any(w in ADDRESSING_AGENT for w in re.findall(r"[\w'’]+", last.text.lower().replace("’", "'")))
    return [
        c for c in last.causes
        if analysis.turns[c.turn].speaker != agent or (addressed and c.turn in answered)
    ]


def _user_state(analysis: ConversationAnalysis, agent: str, language: str | None = None) -> UserState | None:
    from affectkit.recognizers.utterance import shared_encoder

    users = [t for t in analysis.turns if t.speaker != agent]
    if not users:
        return None
    last = users[-1]
    ranked = sorted(((label, p) for label, p in last.emotions.items() if label != "neutral"), key=lambda x: -x[1])
    top_five = {label for label, _ in ranked[:5]}
    labels, intensities = last.labels, last.intensity
    if labels is None or intensities is None:  # a turn model that gives no text reading, or an older stored turn
        text_analysis = shared_encoder().read(last.text, language)  # by the model of its language, as the turn
        labels, intensities = text_analysis.labels, text_analysis.intensity or {}
    primary = primary_labels(labels)
    intensity = max((intensities.get(label, 0.0) for label in primary), default=0.0)
    summary = analysis.speakers[last.speaker]
    trend = summary.trajectory[-1]
    causes = [CauseWords(turn=c.turn, span=c.span, words=cause_words(c.span), score=c.score)
              for c in causes_to_acknowledge(analysis, last.index, agent)]
    return UserState(
        speaker=last.speaker,
        turn=last.index,
        emotion=last.emotion,
        primary=primary,
        top={label: round(p, 4) for label, p in ranked if label in primary or label in top_five},
        intensity=round(float(intensity), 4),
        vad=last.vad,
        trend=VAD(valence=trend.valence, arousal=trend.arousal, dominance=trend.dominance),
        arc=summary.arc,
        causes=causes,
    )


def safety_plan(analysis: ConversationAnalysis, agent: str = "assistant", resources: Resources = None,
                locale: str | None = None) -> SafetyPlan:
    """The safety part of a plan (``ResponsePlan.safety``) from a conversation's analysis, as :func:`plan` makes it:
    escalate on a crisis-language flag (medium or high) of anyone but ``agent``, with crisis resources for ``locale``
    or else the language of the worst crisis message (``resources`` as in :func:`plan`); the other flags and the
    warnings of languages the risk detector does not cover become notes. Bad ``resources`` or ``locale`` raise
    AK-E005.

    Example:
        >>> from affectkit.types import RiskFlag
        >>> crisis = RiskFlag(turn=0, speaker="user", kind="suicidal_ideation", concern="suicidal_ideation",
        ...                   severity="high", message="suicidal ideation", evidence="end it all", score=0.97)
        >>> analysis = ConversationAnalysis.model_construct(turns=[], flags=[crisis])
        >>> safety = safety_plan(analysis, "assistant", resources=["Call 112."])
        >>> safety.escalate, safety.resources, safety.notes[0][:23]
        (True, ['Call 112.'], 'crisis signal at turn 0')
    """
    return _safety(analysis, agent, checked_resources(resources, locale), locale)[0]


def _safety(analysis: ConversationAnalysis, agent: str, resources: list[str] | dict[str, list[str]] | None,
            locale: str | None) -> tuple[SafetyPlan, bool]:
    """:func:`safety_plan` for ``resources`` already checked (:func:`checked_resources`), and whether none of them
    applied (the shipped lines were offered)."""
    flags = [f for f in analysis.flags if f.speaker != agent]
    crisis = [f for f in flags if f.severity in ("medium", "high") and f.kind in CRISIS_KINDS]
    notes = []
    language = None
    if crisis:
        worst = max(crisis, key=lambda f: (("low", "medium", "high").index(f.severity), f.score or 0.0))
        language = worst.language
        notes.append(f"crisis signal at turn {worst.turn}: {worst.message} ({worst.severity}): \"{worst.evidence}\"")
        notes.append("Escalate: respond with care, encourage contacting the resources or someone they trust now, "
                     "and involve a human reviewer if your application has one.")
    for f in flags:
        if f not in crisis:
            notes.append(f"signal at turn {f.turn}: {f.message} ({f.severity}): check in gently")
    notes += [f"turn {index}: {w.message}" for index, w in unread_turns(analysis, agent)]
    chosen: list[str] = []
    fell_back = False
    if crisis:
        place = locale or language
        # a list as given; a table (or the shipped one) looked up for the place: empty when nothing given applies
        chosen = list(resources) if isinstance(resources, list) else resources_for(place, resources)
        if not chosen:  # an escalation always names somewhere to turn
            chosen, fell_back = resources_for(place), True
            notes.append(f"none of the crisis resources given apply for {place or 'this conversation'}: the shipped "
                         "table's lines are offered; check them for the people you serve")
    return SafetyPlan(escalate=bool(crisis), flags=flags, resources=chosen, notes=notes), fell_back


def checked_resources(resources: Resources, locale: str | None) -> list[str] | dict[str, list[str]] | None:
    """``resources`` read once into lists (a generator given would be empty the second time), or AK-E005: a bare
    string would be read letter by letter, and anything but lines of text is no resource; a locale that is no
    string is AK-E005 too."""
    if locale is not None and not isinstance(locale, str):
        raise AffectkitError("AK-E005", f"locale must be a string such as 'pt-BR', got {type(locale).__name__}",
                             field="locale")
    if resources is None:
        return None

    def lines(group: Any) -> list[str]:
        read = None if isinstance(group, str) or not isinstance(group, Iterable) else list(group)
        if read is None or not all(isinstance(line, str) for line in read):
            raise AffectkitError("AK-E005", "resources must be a list of strings or a table of lists of strings "
                                 "(locale or language -> lines)", field="resources")
        return read

    if isinstance(resources, Mapping):
        return {str(key): lines(group) for key, group in resources.items()}
    return lines(resources)


def as_persona(persona: Any) -> Persona | None:
    """The agent's :class:`~affectkit.types.Persona` from a Persona, a mapping of Big Five traits in [0, 1], or
    ``None``; anything else, an unknown trait or a value out of range raises AK-E005 naming the trait.

    Example:
        >>> as_persona({"extraversion": 0.8}).extraversion
        0.8
        >>> as_persona({"extraversion": 9})
        Traceback (most recent call last):
        affectkit.errors.AffectkitError: AK-E005 persona: Input should be less than or equal to 1 (field 'persona.extraversion')
    """  # noqa: E501
    if persona is None or isinstance(persona, Persona):
        return persona
    if not isinstance(persona, Mapping):
        raise AffectkitError("AK-E005", f"persona must be a Persona or a mapping of Big Five traits (e.g. "
                             f"{{'extraversion': 0.8}}), got {type(persona).__name__}", field="persona")
    from pydantic import ValidationError

    try:
        return Persona(**{str(key): value for key, value in persona.items()})
    except ValidationError as error:
        problem = error.errors()[0]
        raise AffectkitError("AK-E005", f"persona: {problem['msg']}",
                             field=".".join(["persona", *(str(x) for x in problem["loc"])])) from None


def _check_agent(conversation: Conversation, agent: Any) -> list[AnalysisWarning]:
    """Refuse an agent that is no name, or that speaks every turn (nobody to reply to: AK-E020); warn when the
    agent has no turn in a conversation between other speakers, where it is often a misspelt name (AK-W009)."""
    if not isinstance(agent, str) or not agent.strip():
        raise AffectkitError("AK-E005", f"agent must be a speaker name, got {agent!r}", field="agent")
    speakers = list(dict.fromkeys(u.speaker for u in conversation.utterances))
    if speakers == [agent]:
        raise AffectkitError("AK-E020", f"nothing to plan a reply to: every turn is by the agent {agent!r}; name "
                             "the replying speaker with agent= (--agent)", field="agent")
    if agent not in speakers and len(speakers) > 1:
        return [AnalysisWarning(code="AK-W009", message=f"the agent {agent!r} has no turn in the conversation "
                                f"(speakers: {', '.join(speakers)}); planning its first turn")]
    return []


def _brief(user: UserState | None, strategy: StrategyChoice, target: Any) -> str:
    """The affect brief put in front of the LLM: primary emotions first, then the cause words."""
    if user is None:
        return "The user has not said anything yet."
    lines = [
        f"The user ({user.speaker}) most likely feels: "
        + ", ".join(f"{label} ({user.top.get(label, 0.0):.2f})" for label in user.primary)
        + f"; intensity {user.intensity:.2f}; valence {user.vad.valence:+.2f}, arousal {user.vad.arousal:+.2f}; "
        f"their mood over the conversation is {user.arc}."
    ]
    if user.causes:
        lines.append("What seems to have caused it: " + "; ".join(
            f"\"{c.span}\" (key words: {', '.join(c.words) or c.span})" for c in user.causes))
    lines.append(f"Support strategy for this reply: {strategy.choice}. {GUIDANCE[strategy.choice]}")
    lines.append(f"Tone: {target.emotion} (valence {target.vad.valence:+.2f}, arousal {target.vad.arousal:+.2f}).")
    return "\n".join(lines)


def compose_messages(conversation: Conversation, agent: str, system: str) -> list[dict[str, str]]:
    """The system message followed by the conversation in the OpenAI chat format.

    Example:
        >>> from affectkit.types import Utterance
        >>> c = Conversation(id="c", utterances=[Utterance(speaker="Sam", text="Hi"),
        ...                                      Utterance(speaker="bot", text="Hello!")])
        >>> [m["role"] for m in compose_messages(c, "bot", "Be kind.")]
        ['system', 'user', 'assistant']
    """
    others = {u.speaker for u in conversation.utterances if u.speaker != agent}
    messages = [{"role": "system", "content": system}]
    for u in conversation.utterances:
        if u.speaker == agent:
            messages.append({"role": "assistant", "content": u.text})
        else:
            messages.append({"role": "user", "content": f"{u.speaker}: {u.text}" if len(others) > 1 else u.text})
    return messages


def plan(
    conversation: Conversation | Mapping[str, Any] | Sequence[Any],
    persona: Persona | Mapping[str, float] | None = None,
    debias: bool = False,
    agent: str = "assistant",
    *,
    stimulus: str | None = None,
    resources: Resources = None,
    locale: str | None = None,
    role: str = "a supportive, emotionally intelligent assistant",
    analysis: ConversationAnalysis | None = None,
    neutral_bias: float | None = None,
    live: LivePlanning | None = None,
    language: str | None = None,
) -> ResponsePlan:
    """Plan the reply of the speaker ``agent`` to the conversation so far (see the module docstring).

    ``persona`` gives the agent's Big Five traits, ``stimulus`` an emotional-stimulus id to append to the
    system message (see :func:`load_stimuli`). An escalation offers crisis resources: ``resources`` is a list
    of lines to use as they are, or a table (locale or language -> lines, as :func:`affectkit.risk.resources_for`
    reads it); by default the shipped table is looked up by ``locale`` (``"pt-BR"``) or else by the language of
    the crisis message. The shipped numbers must be checked by the deployer for the places they serve. An
    escalation always offers resources: when none given apply (an empty list; a table with no entry for the locale
    or language and no ``default``), the shipped table's lines are offered, with warning ``AK-W014``.

    Bad arguments raise :class:`~affectkit.errors.AffectkitError`: AK-E005 (a persona trait out of [0, 1], an
    agent that is no name, a conversation that is no conversation), AK-E009 (no utterances), AK-E020 (every turn
    is the agent's: nobody to reply to). An agent with no turn among other speakers gets warning AK-W009.

    ``analysis`` is this conversation's analysis when it is already known (a live
    :class:`~affectkit.conversation.ConversationTracker`'s ``result()``), so that no turn is read twice; it must
    have one turn per utterance (AK-E005 otherwise). ``neutral_bias`` is passed to
    :func:`~affectkit.conversation.analyze_conversation` when the analysis is made here (the prior of ``neutral``
    for the turns in context; ``None``: the default for chat and support use). ``live`` is a
    :class:`LivePlanning` that was given every utterance of the conversation, for the same agent (AK-E005
    otherwise): what the plan reads of the earlier turns is then taken from it instead of being read again, so that
    planning the reply to a live conversation costs the same at turn 1,000 as at turn 10. ``language`` (an ISO 639
    code) fixes the language every turn is read in (default: each turn's identified language): the user's state
    comes from the text model of that language. The strategy model reads English-model features only; when the
    user's turns were read by the multilingual model the plan says so with warning ``AK-W033``.
    """
    from affectkit.conversation.analyzer import analyze_conversation, check_neutral_bias
    from affectkit.conversation.io import as_conversation
    from affectkit.planning.target import target_emotion

    resources = checked_resources(resources, locale)
    check_neutral_bias(neutral_bias)
    if not isinstance(debias, bool):  # "no" is truthy: the model would debias while the plan said it did not
        raise AffectkitError("AK-E005", f"debias must be True or False, got {debias!r:.60}", field="debias")
    check_optional(("analysis", analysis, ConversationAnalysis), ("live", live, LivePlanning))
    conversation = as_conversation(conversation)
    warnings = _check_agent(conversation, agent)
    p = as_persona(persona)
    stimulus_phrase = stimulus_text(stimulus) if stimulus is not None else ""
    if analysis is None:
        # the plan reads words only: recordings would cost time and need the speech extra for nothing
        words = conversation.model_copy(update={"utterances": [u.model_copy(update={"audio": None})
                                                                for u in conversation.utterances]})
        analysis = analyze_conversation(words, neutral_bias=neutral_bias, agent=agent, language=language)
    elif len(analysis.turns) != len(conversation.utterances):
        raise AffectkitError("AK-E005", f"the analysis has {len(analysis.turns)} turns and the conversation "
                             f"{len(conversation.utterances)} utterances", field="analysis")
    user = _user_state(analysis, agent, language)
    model = _strategy_model()  # the licence profile in force (an analysis given may say otherwise: AK-W013)
    warnings += [w for w in analysis.warnings if w not in warnings]  # the models' notes (licence profile)
    warnings += _licence_mismatch(analysis, warnings)
    warnings += _strategy_language(analysis, agent)
    # the safety notes say it too; a caller that reads only the coded warnings must see it as well
    warnings += [AnalysisWarning(code=w.code, message=f"turn {index}: {w.message}")
                 for index, w in unread_turns(analysis, agent)]
    if live is not None:
        if live.turns_ != len(conversation.utterances) or live.agent != agent:
            raise AffectkitError("AK-E005", f"the live planning state has {live.turns_} turns for agent "
                                 f"{live.agent!r}; the conversation has {len(conversation.utterances)} for {agent!r}",
                                 field="live")
        model = live.strategy_.model
        probabilities = live.strategy_.probabilities(debias)
        seeks_attachment = live.seeks_attachment_
    else:
        probabilities = model.predict(conversation.utterances, agent=agent, debias=debias)
        seeks_attachment = any(seeks_attachment_in(u.text) for u in conversation.utterances if u.speaker != agent)
    strategy = StrategyChoice(probabilities=probabilities, choice=max(probabilities, key=lambda s: probabilities[s]),
                              debiased=debias, model=model.model_id)
    safety, fell_back = _safety(analysis, agent, resources, locale)
    if fell_back:
        warnings.append(AnalysisWarning(code="AK-W014", message="crisis: none of the resources given apply to the "
                                        "user's locale or language; the shipped table's lines are offered"))
    neutral = VAD(valence=0.0, arousal=0.0, dominance=0.0)
    target = target_emotion(user.vad if user else neutral, strategy.choice, p, trend=user.trend if user else None,
                            arc=user.arc if user else "stable", crisis=safety.escalate)

    acknowledge = []
    if user is not None:
        if user.primary != ["neutral"]:
            acknowledge.append("the feeling: " + " and ".join(user.primary))
        acknowledge += [f"what caused it: {c.span}" for c in user.causes]
    boundaries = list(BOUNDARIES)
    if seeks_attachment:
        boundaries.append("The user is seeking attachment: be warm but honest that you are an AI, and gently "
                          "encourage human connection.")
    if safety.escalate:
        guidance = [
            "Respond with calm care: acknowledge what they said and that they reached out.",
            "Encourage them to contact one of these resources or someone they trust now: " + " ".join(
                safety.resources),
            "Ask whether they are safe right now. Do not minimise, argue or lecture.",
            "Reply in the language the user wrote in.",
        ]
    else:
        guidance = [GUIDANCE[strategy.choice],
                    f"Carry a {target.emotion} tone (valence {target.vad.valence:+.2f}, arousal "
                    f"{target.vad.arousal:+.2f}, dominance {target.vad.dominance:+.2f})."]
        if acknowledge:
            guidance.insert(0, "Acknowledge " + "; ".join(acknowledge) + ".")
    system = "\n\n".join(
        part for part in (
            f"You are {role}.",
            "Boundaries:\n" + "\n".join(f"- {b}" for b in boundaries),
            "What affectkit found in the conversation:\n" + _brief(user, strategy, target),
            ("ESCALATION. " if safety.escalate else "") + "Guidance for your next reply:\n"
            + "\n".join(f"- {g}" for g in guidance),
            stimulus_phrase,
        ) if part
    )
    return ResponsePlan(
        conversation_id=conversation.id,
        agent=agent,
        mode="escalation" if safety.escalate else "support",
        user=user,
        strategy=strategy,
        target=target,
        acknowledge=acknowledge,
        guidance=guidance,
        boundaries=boundaries,
        safety=safety,
        stimulus=stimulus,
        messages=compose_messages(conversation, agent, system),
        models=[analysis.model, analysis.cause_model, model.model_id],
        warnings=warnings,
    )


class LivePlanning:
    """What :func:`plan` reads of every earlier turn, kept up to date one utterance at a time for a live
    conversation (the strategy model's running state and whether the user sought attachment); pass it to
    ``plan(..., live=...)`` after :meth:`add` has been given each utterance. ``model`` defaults to the strategy
    model of the licence profile in force.

    Example:
        >>> from affectkit.types import Utterance
        >>> turns = [Utterance(speaker="user", text="Do you love me?")]
        >>> live = LivePlanning(agent="assistant")
        >>> live.add(turns[0])
        >>> live.seeks_attachment_, plan(turns, live=live) == plan(turns)
        (True, True)
    """

    def __init__(self, agent: str = "assistant", model: Any = None) -> None:
        from affectkit.planning.strategy import StrategyState

        self.agent = agent
        self.strategy_ = StrategyState(model if model is not None else _strategy_model(), agent)
        self.seeks_attachment_ = False
        self.turns_ = 0

    def add(self, utterance: Utterance | Mapping[str, Any]) -> None:
        """Take the next utterance (an :class:`~affectkit.types.Utterance` or a dict, as
        :meth:`~affectkit.conversation.ConversationTracker.add` takes it)."""
        from affectkit.conversation.io import checked_utterance, utterance_from_data

        prefix = f"[{self.turns_}]."
        utterance = checked_utterance(utterance, prefix) if isinstance(utterance, Utterance) else \
            utterance_from_data(utterance, prefix=prefix)
        self.strategy_.add(utterance)
        if utterance.speaker != self.agent and seeks_attachment_in(utterance.text):
            self.seeks_attachment_ = True
        self.turns_ += 1


def _strategy_language(analysis: ConversationAnalysis, agent: str) -> list[AnalysisWarning]:
    """``AK-W033`` when a user turn was read alone by the multilingual model (``AK-W032``): the strategy model
    reads the English model's features of every turn, and what it makes of another language is not measured."""
    languages = sorted({t.language or "und" for t in analysis.turns
                        if t.speaker != agent and any(w.code == "AK-W032" for w in t.warnings)})
    if not languages:
        return []
    return [AnalysisWarning(code="AK-W033", message=(
        f"the strategy model reads English-model features; its choice for turns in {', '.join(languages)} is not "
        "measured (the user's state comes from the multilingual model)"))]


def _licence_mismatch(analysis: ConversationAnalysis, warnings: list[AnalysisWarning]) -> list[AnalysisWarning]:
    """``AK-W013`` when the commercial profile is in force but the analysis given was made with other models."""
    from affectkit.licence import NOT_COMMERCIAL, current_licence

    code, message = NOT_COMMERCIAL
    if current_licence() != "commercial" or analysis.licence == "commercial" or any(w.code == code for w in warnings):
        return []
    return [AnalysisWarning(code=code, message=message)]


def _strategy_model() -> Any:
    from affectkit.licence import strategy_model

    return strategy_model()  # of the licence profile in force; one instance per profile, reused


def format_plan(p: ResponsePlan) -> str:
    """A readable summary of a plan for the terminal."""
    lines = [f"plan for {p.agent!r} in conversation {p.conversation_id!r}: {p.mode.upper()}"]
    if p.user is not None:
        u = p.user
        lines.append(f"user {u.speaker} (turn {u.turn}): {', '.join(u.primary)}; in context {u.emotion}; "
                     f"intensity {u.intensity:.2f}; V {u.vad.valence:+.2f} A {u.vad.arousal:+.2f} "
                     f"D {u.vad.dominance:+.2f}; arc {u.arc}")
        for c in u.causes:
            lines.append(f"  cause (turn {c.turn}, {c.score:.2f}): {c.span}")
    ranked = sorted(p.strategy.probabilities.items(), key=lambda item: -item[1])
    lines.append("strategy" + (" (debiased)" if p.strategy.debiased else "") + ": "
                 + ", ".join(f"{name} {prob:.2f}" for name, prob in ranked[:4]) + f" -> {p.strategy.choice}")
    t = p.target
    lines.append(f"target: {t.emotion} (V {t.vad.valence:+.2f} A {t.vad.arousal:+.2f} D {t.vad.dominance:+.2f})")
    lines += [f"guidance: {g}" for g in p.guidance]
    lines += [f"safety: {n}" for n in p.safety.notes]
    lines += [f"resource: {r}" for r in p.safety.resources]
    if p.safety.flags:
        lines.append(f"note: {p.safety.notice}")
    return "\n".join(lines)
