"""Expressive output: speech-synthesis controls from a reply's target emotion and VAD (a plan's ``target``).

The mapping follows what is measured in emotional speech (Scherer 2003; Juslin & Laukka 2003): arousal moves
speaking rate, pitch level, pitch range and loudness up together; positive valence raises pitch a little and
widens its range; dominance adds loudness and lowers pitch slightly. A few target emotions of the planner get a
nudge on top (a caring reply slows down and softens). Two forms come out: SSML ``<prosody>`` (rate, pitch,
volume; read by most engines, Debian's espeak-ng included with ``-m``) and plain parameters, with
:meth:`ProsodyControls.espeak_args` as one engine's dialect.

Example:
    >>> from affectkit.types import VAD
    >>> excited = prosody_controls(VAD(valence=0.7, arousal=0.8, dominance=0.3), emotion="excitement")
    >>> calm = prosody_controls(VAD(valence=0.2, arousal=-0.6, dominance=-0.1), emotion="caring")
    >>> excited.rate > 1 > calm.rate, excited.pitch_semitones > 0 > calm.pitch_semitones
    (True, True)
    >>> calm.ssml("Take your time.")
    '<speak><prosody rate="82%" pitch="-1.6st" volume="-3.6dB">Take your time.</prosody></speak>'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from pydantic import BaseModel, ValidationError

from affectkit.errors import AffectkitError
from affectkit.types import VAD, TargetEmotion

RATE_PER_AROUSAL = 0.22
PITCH_ST_PER_AROUSAL = 2.5
PITCH_ST_PER_VALENCE = 1.0
PITCH_ST_PER_DOMINANCE = -0.5
VOLUME_DB_PER_AROUSAL = 4.0
VOLUME_DB_PER_DOMINANCE = 2.0
RANGE_PER_AROUSAL = 0.3
RANGE_PER_VALENCE = 0.2
NUDGES: dict[str, dict[str, float]] = {
    # emotion: extra rate factor, semitones, dB (applied after the VAD mapping)
    "caring": {"rate": 0.95, "pitch": -0.3, "volume": -1.0},
    "sadness": {"rate": 0.95, "pitch": -0.5, "volume": -1.0},
    "calm": {"rate": 0.95, "pitch": 0.0, "volume": -1.0},
    "excitement": {"rate": 1.05, "pitch": 0.5, "volume": 1.0},
    "joy": {"rate": 1.03, "pitch": 0.5, "volume": 0.5},
}
ESPEAK_SPEED, ESPEAK_PITCH, ESPEAK_AMPLITUDE = 175, 50, 100
ESPEAK_PITCH_PER_ST = 6.0


class ProsodyControls(BaseModel):
    """Speech-synthesis controls: ``rate`` (x the voice's normal rate), ``pitch_semitones`` (shift of the base
    pitch), ``pitch_range`` (x the normal pitch variation), ``volume_db``; and the target they came from."""

    emotion: str | None
    vad: VAD
    rate: float
    pitch_semitones: float
    pitch_range: float
    volume_db: float

    def ssml(self, text: str) -> str:
        """``text`` (escaped) in an SSML ``<speak><prosody>`` element carrying rate, pitch and volume."""
        return (f'<speak><prosody rate="{round(self.rate * 100):d}%" pitch="{self.pitch_semitones:+.1f}st" '
                f'volume="{self.volume_db:+.1f}dB">{escape(text)}</prosody></speak>')

    def espeak_args(self) -> list[str]:
        """The same controls as espeak-ng options: ``-s`` words per minute, ``-p`` pitch (0-99), ``-a``
        amplitude (0-200)."""
        speed = round(ESPEAK_SPEED * self.rate)
        pitch = min(99, max(0, round(ESPEAK_PITCH + ESPEAK_PITCH_PER_ST * self.pitch_semitones)))
        amplitude = min(200, max(0, round(ESPEAK_AMPLITUDE * 10 ** (self.volume_db / 20))))
        return ["-s", str(speed), "-p", str(pitch), "-a", str(amplitude)]


def _as_vad(vad: VAD | Mapping[str, Any] | tuple[float, float, float]) -> VAD:
    try:
        if isinstance(vad, VAD):
            return vad
        if isinstance(vad, Mapping):
            return VAD(**vad)
        valence, arousal, dominance = vad
        return VAD(valence=valence, arousal=arousal, dominance=dominance)
    except (ValidationError, TypeError, ValueError) as exc:
        raise AffectkitError("AK-E035", f"a prosody target needs valence, arousal and dominance in [-1, 1]: {vad!r}",
                             field="vad") from exc


def prosody_controls(target: TargetEmotion | VAD | Mapping[str, Any] | tuple[float, float, float],
                     emotion: str | None = None) -> ProsodyControls:
    """Controls for speaking a reply with ``target``: a plan's :class:`~affectkit.types.TargetEmotion`
    (``plan.target``), or a VAD (with an optional ``emotion`` name). Raises ``AK-E035`` for a VAD outside
    [-1, 1] or an emotion that is not a non-empty string."""
    if isinstance(target, TargetEmotion):
        vad, emotion = target.vad, emotion or target.emotion
    else:
        vad = _as_vad(target)
    if emotion is not None and (not isinstance(emotion, str) or not emotion.strip()):
        raise AffectkitError("AK-E035", f"a prosody target's emotion must be a label, got {emotion!r}",
                             field="emotion")
    nudge = NUDGES.get(emotion or "", {"rate": 1.0, "pitch": 0.0, "volume": 0.0})
    rate = (1.0 + RATE_PER_AROUSAL * vad.arousal) * nudge["rate"]
    pitch = (PITCH_ST_PER_AROUSAL * vad.arousal + PITCH_ST_PER_VALENCE * vad.valence
             + PITCH_ST_PER_DOMINANCE * vad.dominance + nudge["pitch"])
    volume = VOLUME_DB_PER_AROUSAL * vad.arousal + VOLUME_DB_PER_DOMINANCE * vad.dominance + nudge["volume"]
    spread = 1.0 + RANGE_PER_AROUSAL * vad.arousal + RANGE_PER_VALENCE * vad.valence
    return ProsodyControls(emotion=emotion, vad=vad, rate=round(rate, 3), pitch_semitones=round(pitch, 2),
                           pitch_range=round(max(0.3, spread), 3), volume_db=round(volume, 2))
