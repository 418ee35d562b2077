"""The emotion the agent's reply should carry: the user's emotion plus a documented variation.

The model is deliberately small and transparent, so that an application can predict and explain it. It
follows the idea that a good reply starts from the emotion that precedes it (the user's) and varies it
with the context and the agent's personality:

1. **Start** from the user's current state: the valence/arousal/dominance (VAD, each in [-1, 1]) of the
   user's last turn, blended with their smoothed trajectory (weights 0.6 and 0.4).
2. **Context variation**, by the chosen support strategy and the user's arc:
   - valence moves a share ``LIFT`` of the way from the user's towards a mildly positive ``WARM_VALENCE``
     (0.3): warmth without denying a negative feeling. When the user's arc is worsening the lift is
     halved (meet them where they are); when the user is positive the reply shares it (no lift needed);
   - arousal moves half-way towards ``CALM_AROUSAL`` (-0.2) when the user is agitated (arousal > 0), and
     otherwise stays near theirs;
   - dominance is set to the steady ``STEADY_DOMINANCE`` (0.25) of someone offering support, moved a
     little up for ``Providing Suggestions`` and ``Information`` (+0.1) and down for ``Self-disclosure``
     and ``Reflection of feelings`` (-0.1);
   - a crisis overrides everything: calm, steady and serious (``CRISIS_VAD``).
3. **Personality** (Big Five scores in [0, 1], 0.5 = average, ``None`` = average on every trait) adds,
   per trait above or below 0.5 (``delta = score - 0.5``):
   - agreeableness: mirrors the user more (the lift is scaled by ``1 - delta``), and warmer valence (+0.2·delta);
   - extraversion: higher arousal (+0.4·delta) and valence (+0.2·delta);
   - neuroticism: lower dominance (-0.4·delta) and follows the user's arousal more (+0.3·delta·user arousal);
   - conscientiousness: higher dominance (+0.2·delta);
   - openness: a little higher arousal (+0.1·delta).
4. The **target emotion** is the GoEmotions label whose prototype VAD (``PROTOTYPES``, set by hand) is
   nearest the target VAD, among the labels that suit a reply to the user's mood (``CANDIDATES``): to a
   negative user ``caring``, ``optimism`` or ``sadness`` (sympathy); to a positive one ``joy``,
   ``excitement``, ``approval``, ``gratitude`` or ``caring``; otherwise ``caring``, ``curiosity``,
   ``approval`` or ``neutral``.

Example:
    >>> from affectkit.types import VAD
    >>> user = VAD(valence=-0.6, arousal=0.5, dominance=-0.3)
    >>> calm = target_emotion(user, strategy="Reflection of feelings")
    >>> calm.emotion, calm.vad.valence > user.valence, calm.vad.arousal < user.arousal
    ('caring', True, True)
"""

from __future__ import annotations

from collections.abc import Mapping

from affectkit.types import VAD, Persona, TargetEmotion

LIFT = 0.5
WARM_VALENCE = 0.3
CALM_AROUSAL = -0.2
STEADY_DOMINANCE = 0.25
CRISIS_VAD = (0.0, -0.3, 0.35)
TRAITS = ("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism")
DOMINANCE_BY_STRATEGY = {
    "Providing Suggestions": 0.1,
    "Information": 0.1,
    "Self-disclosure": -0.1,
    "Reflection of feelings": -0.1,
}
# Hand-set VAD prototypes of the emotions a reply may carry (valence, arousal, dominance).
PROTOTYPES: dict[str, tuple[float, float, float]] = {
    "caring": (0.2, 0.0, 0.2),
    "optimism": (0.5, 0.1, 0.35),
    "approval": (0.45, -0.1, 0.4),
    "joy": (0.7, 0.35, 0.4),
    "excitement": (0.7, 0.65, 0.4),
    "gratitude": (0.6, 0.0, 0.1),
    "curiosity": (0.2, 0.25, 0.2),
    "sadness": (-0.35, -0.3, -0.2),
    "neutral": (0.0, -0.3, 0.2),
}


CANDIDATES = {
    "negative": ("caring", "optimism", "sadness"),
    "positive": ("joy", "excitement", "approval", "gratitude", "caring"),
    "neutral": ("caring", "curiosity", "approval", "neutral"),
}


def _clip(x: float) -> float:
    return round(max(-1.0, min(1.0, x)), 4)


def target_emotion(
    user: VAD,
    strategy: str = "Others",
    persona: Persona | Mapping[str, float] | None = None,
    trend: VAD | None = None,
    arc: str = "stable",
    crisis: bool = False,
) -> TargetEmotion:
    """Target emotion and VAD of the reply (see the module docstring for every rule).

    ``user`` is the VAD of the user's last turn, ``trend`` their smoothed VAD, ``arc`` their arc
    (``improving``, ``worsening``, ``stable`` or ``volatile``).

    Example:
        >>> from affectkit.types import VAD
        >>> sad = VAD(valence=-0.5, arousal=0.0, dominance=-0.2)
        >>> outgoing = target_emotion(sad, persona={"extraversion": 1.0}).vad.arousal
        >>> reserved = target_emotion(sad, persona={"extraversion": 0.0}).vad.arousal
        >>> outgoing > reserved
        True
    """
    p = persona if isinstance(persona, Persona) else Persona(**dict(persona or {}))
    if crisis:
        v, a, d = CRISIS_VAD
        vad = VAD(valence=v, arousal=a, dominance=d)
        return TargetEmotion(emotion="caring", vad=vad,
                             rationale=["crisis: calm, steady and serious, whatever the personality"])
    base = user if trend is None else VAD(
        valence=0.6 * user.valence + 0.4 * trend.valence,
        arousal=0.6 * user.arousal + 0.4 * trend.arousal,
        dominance=0.6 * user.dominance + 0.4 * trend.dominance,
    )
    rationale = [f"start from the user's state: V {base.valence:+.2f}, A {base.arousal:+.2f}, D {base.dominance:+.2f}"]
    agreeable, extravert = p.agreeableness - 0.5, p.extraversion - 0.5
    neurotic, conscientious, open_ = p.neuroticism - 0.5, p.conscientiousness - 0.5, p.openness - 0.5

    lift = LIFT * (1.0 - agreeable) * (0.5 if arc == "worsening" else 1.0)
    valence = base.valence + lift * (WARM_VALENCE - base.valence) if base.valence < WARM_VALENCE else base.valence
    rationale.append(f"valence lifted {lift:.2f} of the way to {WARM_VALENCE:+.2f} (arc {arc})")
    arousal = base.arousal + 0.5 * (CALM_AROUSAL - base.arousal) if base.arousal > 0 else base.arousal
    if base.arousal > 0:
        rationale.append(f"arousal calmed half-way towards {CALM_AROUSAL:+.2f}")
    dominance = STEADY_DOMINANCE + DOMINANCE_BY_STRATEGY.get(strategy, 0.0)
    rationale.append(f"dominance steady at {dominance:+.2f} for strategy {strategy!r}")

    valence += 0.2 * agreeable + 0.2 * extravert
    arousal += 0.4 * extravert + 0.1 * open_ + 0.3 * neurotic * base.arousal
    dominance += -0.4 * neurotic + 0.2 * conscientious
    if any(abs(x) > 1e-9 for x in (agreeable, extravert, neurotic, conscientious, open_)):
        traits = ", ".join(f"{t} {getattr(p, t):.2f}" for t in TRAITS if abs(getattr(p, t) - 0.5) > 1e-9)
        rationale.append(f"personality: {traits}")
    vad = VAD(valence=_clip(valence), arousal=_clip(arousal), dominance=_clip(dominance))
    mood = "negative" if base.valence < -0.1 else "positive" if base.valence > 0.2 else "neutral"
    emotion = _nearest(vad, CANDIDATES[mood])
    rationale.append(f"nearest {mood}-mood reply emotion: {emotion}")
    return TargetEmotion(emotion=emotion, vad=vad, rationale=rationale)


def _nearest(vad: VAD, candidates: tuple[str, ...]) -> str:
    def distance(label: str) -> float:
        v, a, d = PROTOTYPES[label]
        return (vad.valence - v) ** 2 + (vad.arousal - a) ** 2 + 0.5 * (vad.dominance - d) ** 2

    return min(candidates, key=distance)
