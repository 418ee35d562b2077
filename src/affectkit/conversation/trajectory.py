"""Per-speaker trajectories, shifts, arcs and emotional contagion, computed incrementally.

Everything here is updated in O(1) per turn (apart from copying a speaker's lists into a summary), so the
live tracker and the batch analysis run the same code and agree exactly.

* **Smoothing**: exponential, per speaker: ``s_t = ALPHA * x_t + (1 - ALPHA) * s_(t-1)``, ``s_0 = x_0``,
  with ``ALPHA = 0.5`` (a turn counts as much as all earlier turns together) for valence, arousal,
  dominance and the Ekman-7 probabilities (the point's ``emotion`` is the argmax of the smoothed ones).
* **Shifts**: between consecutive turns of a speaker, a change of smoothed valence or arousal of at least
  ``SHIFT_THRESHOLD = 0.2`` (with ALPHA 0.5, a raw jump of 0.4 from a steady state). The trigger is the
  other speaker's turn immediately before, if the speaker did not simply speak twice in a row.
* **Arc**: ``volatile`` if the standard deviation of the speaker's raw turn-to-turn valence changes is at
  least ``VOLATILITY = 0.3`` (three turns or more) and valence went both ways, rising and falling by at
  least ``SWING = 0.2`` between consecutive turns (one big drop followed by a plateau is ``worsening``, not
  volatile); else ``improving`` / ``worsening`` if smoothed valence moved by at least ``ARC_CHANGE = 0.2``
  from the first turn to the last; else ``stable``.
* **Contagion**: the Pearson correlation between speaker A's valence at turn ``t`` and speaker B's valence
  at turn ``t + lag`` (raw turn valences, pairs taken in turn order where turn ``t`` is A's and turn
  ``t + lag`` is B's), for lags 1 to ``MAX_LAG = 3``. Each ordered pair reports its strongest lag (largest
  absolute correlation, the shorter lag on a tie) when it has at least ``MIN_PAIRS = 4`` pairs.

Example:
    >>> smooth([0.0, 1.0, 1.0])
    [0.0, 0.5, 0.75]
    >>> arc_of([-0.6, -0.4, -0.1, 0.2])
    'improving'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from affectkit.types import VAD, Contagion, Shift, SpeakerSummary, TrajectoryPoint

Arc = Literal["improving", "worsening", "stable", "volatile"]

ALPHA = 0.5
SHIFT_THRESHOLD = 0.2
ARC_CHANGE = 0.2
VOLATILITY = 0.3
SWING = 0.2
MAX_LAG = 3
MIN_PAIRS = 4
DOMINANT = 3  # how many dominant emotions a speaker summary lists
_DIGITS = 4


def smooth(values: Sequence[float], alpha: float = ALPHA) -> list[float]:
    """Exponential smoothing: each output is ``alpha`` times the value plus ``1 - alpha`` times the last.

    Example:
        >>> smooth([1.0, 0.0], alpha=0.25)
        [1.0, 0.75]
    """
    out: list[float] = []
    for value in values:
        out.append(value if not out else alpha * value + (1 - alpha) * out[-1])
    return out


class RunningStats:
    """Count, mean and population standard deviation, updated one value at a time (Welford).

    Example:
        >>> stats = RunningStats()
        >>> for x in (1.0, 3.0):
        ...     stats.add(x)
        >>> stats.n, stats.mean, stats.std
        (2, 2.0, 1.0)
    """

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self._m2 = 0.0

    def add(self, value: float) -> None:
        self.n += 1
        delta = value - self.mean
        self.mean += delta / self.n
        self._m2 += delta * (value - self.mean)

    @property
    def std(self) -> float:
        return math.sqrt(max(self._m2, 0.0) / self.n) if self.n else 0.0


def classify_arc(first: float, last: float, turns: int, change_std: float, swings: bool = True) -> Arc:
    """The arc from the first and last smoothed valence, the number of turns, the standard deviation of the
    raw turn-to-turn valence changes and whether valence both rose and fell by ``SWING`` between consecutive
    turns (thresholds in the module docstring).

    Example:
        >>> classify_arc(0.1, 0.1, turns=5, change_std=0.5), classify_arc(0.4, 0.1, turns=5, change_std=0.1)
        ('volatile', 'worsening')
        >>> classify_arc(0.8, -0.5, turns=4, change_std=0.6, swings=False)
        'worsening'
    """
    if turns >= 3 and change_std >= VOLATILITY and swings:
        return "volatile"
    if last - first >= ARC_CHANGE:
        return "improving"
    if last - first <= -ARC_CHANGE:
        return "worsening"
    return "stable"


class SpeakerTrack:
    """One speaker's trajectory, updated turn by turn.

    Example:
        >>> track = SpeakerTrack("Sam")
        >>> for turn, v in enumerate([0.5, 0.5, -0.5]):
        ...     point, shifts = track.add(2 * turn, VAD(valence=v, arousal=0, dominance=0), {"joy": 1.0})
        >>> point.valence, [(s.turn, s.dimension, s.before, s.after) for s in shifts]
        (0.0, [(4, 'valence', 0.5, 0.0)])
    """

    def __init__(self, speaker: str, alpha: float = ALPHA, shift_threshold: float = SHIFT_THRESHOLD) -> None:
        self.speaker = speaker
        self.alpha = alpha
        self.shift_threshold = shift_threshold
        self.turns: list[int] = []
        self.points: list[TrajectoryPoint] = []
        self.shifts: list[Shift] = []
        self._state: tuple[float, float, float] | None = None
        self._ekman: dict[str, float] = {}
        self._first_valence = 0.0
        self._last_raw_valence = 0.0
        self._changes = RunningStats()
        self._rose = self._fell = False
        self._counts: dict[str, int] = {}

    def add(
        self,
        turn: int,
        vad: VAD,
        ekman: Mapping[str, float],
        emotion: str | None = None,
        trigger_turn: int | None = None,
    ) -> tuple[TrajectoryPoint, list[Shift]]:
        """Record the speaker's turn ``turn``; returns its smoothed point and the shifts it caused.

        ``emotion`` is the turn's own label (counted for the dominant emotions; the argmax of ``ekman`` when
        omitted); ``trigger_turn`` is the other speaker's turn just before, if any.
        """
        raw = (vad.valence, vad.arousal, vad.dominance)
        previous = self._state
        if previous is None:
            state = raw
            self._ekman = dict(ekman)
            self._first_valence = raw[0]
        else:
            a = self.alpha
            state = (
                a * raw[0] + (1 - a) * previous[0],
                a * raw[1] + (1 - a) * previous[1],
                a * raw[2] + (1 - a) * previous[2],
            )
            labels = list(self._ekman) + [label for label in ekman if label not in self._ekman]
            self._ekman = {label: a * ekman.get(label, 0.0) + (1 - a) * self._ekman.get(label, 0.0) for label in labels}
            change = raw[0] - self._last_raw_valence
            self._changes.add(change)
            self._rose = self._rose or change >= SWING
            self._fell = self._fell or change <= -SWING
        self._state = state
        self._last_raw_valence = raw[0]
        smoothed_emotion = max(self._ekman, key=lambda label: self._ekman[label]) if self._ekman else "neutral"
        point = TrajectoryPoint(
            turn=turn,
            valence=round(state[0], _DIGITS),
            arousal=round(state[1], _DIGITS),
            dominance=round(state[2], _DIGITS),
            emotion=smoothed_emotion,
        )
        shifts: list[Shift] = []
        if previous is not None:
            for dimension, before, after, own in (("valence", previous[0], state[0], raw[0]),
                                                  ("arousal", previous[1], state[1], raw[1])):
                if abs(after - before) >= self.shift_threshold:
                    shifts.append(_shift(turn, trigger_turn, dimension, before, after, own))
        label = emotion if emotion is not None else (max(ekman, key=lambda k: ekman[k]) if ekman else "neutral")
        self._counts[label] = self._counts.get(label, 0) + 1
        self.turns.append(turn)
        self.points.append(point)
        self.shifts.extend(shifts)
        return point, shifts

    @property
    def smoothed_valence(self) -> float:
        """The current smoothed valence (0 before the first turn)."""
        return self._state[0] if self._state is not None else 0.0

    @property
    def arc(self) -> Arc:
        """The overall arc so far (see :func:`classify_arc`)."""
        return classify_arc(
            self._first_valence, self.smoothed_valence, len(self.turns), self._changes.std, self._rose and self._fell
        )

    def dominant_emotions(self, n: int = DOMINANT) -> list[str]:
        """The ``n`` labels that were most often the speaker's turn emotion (first seen first on a tie)."""
        order = {label: i for i, label in enumerate(self._counts)}
        return sorted(self._counts, key=lambda label: (-self._counts[label], order[label]))[:n]

    def summary(self) -> SpeakerSummary:
        """A snapshot of the speaker's trajectory, arc, shifts and dominant emotions."""
        # Built from already validated parts: validating them again would cost a live turn as much as the
        # speaker's whole history.
        return SpeakerSummary.model_construct(
            speaker=self.speaker,
            turns=list(self.turns),
            trajectory=list(self.points),
            arc=self.arc,
            shifts=list(self.shifts),
            dominant_emotions=self.dominant_emotions(),
        )


def _shift(turn: int, trigger_turn: int | None, dimension: str, before: float, after: float, own: float) -> Shift:
    # The shift is in the smoothed trajectory; the turn's own reading (what a turn table shows) is named too, so
    # that "+0.02" beside a table's "+0.36" reads as two different numbers.
    verb = "rose" if after > before else "fell"
    after_turn = f" after turn {trigger_turn}" if trigger_turn is not None else ""
    return Shift(
        turn=turn,
        trigger_turn=trigger_turn,
        dimension=dimension,
        before=round(before, _DIGITS),
        after=round(after, _DIGITS),
        description=f"smoothed {dimension} {verb} from {before:+.2f} to {after:+.2f}{after_turn} "
        f"(turn {turn} itself {own:+.2f})",
    )


def arc_of(valences: Sequence[float]) -> Arc:
    """The arc of one speaker's raw turn valences, in order.

    Example:
        >>> arc_of([0.2, 0.25, 0.2]), arc_of([0.5, -0.5, 0.5, -0.5]), arc_of([0.3, 0.0, -0.3])
        ('stable', 'volatile', 'worsening')
    """
    track = SpeakerTrack("speaker")
    for turn, valence in enumerate(valences):
        track.add(turn, VAD(valence=valence, arousal=0.0, dominance=0.0), {})
    return track.arc


class _PairSums:
    """Running sums for a Pearson correlation."""

    def __init__(self) -> None:
        self.n = 0
        self.sx = self.sy = self.sxx = self.syy = self.sxy = 0.0

    def add(self, x: float, y: float) -> None:
        self.n += 1
        self.sx += x
        self.sy += y
        self.sxx += x * x
        self.syy += y * y
        self.sxy += x * y

    def correlation(self) -> float | None:
        if self.n < 2:
            return None
        vx = self.sxx - self.sx * self.sx / self.n
        vy = self.syy - self.sy * self.sy / self.n
        if vx <= 1e-12 or vy <= 1e-12:
            return None
        r = (self.sxy - self.sx * self.sy / self.n) / math.sqrt(vx * vy)
        return max(-1.0, min(1.0, r))


class ContagionTracker:
    """Correlations between one speaker's valence and another's ``lag`` turns later, updated per turn.

    Example:
        >>> tracker = ContagionTracker()
        >>> for speaker, valence in [("A", 0.1), ("B", 0.2), ("A", 0.5), ("B", 0.6), ("A", -0.2),
        ...                          ("B", -0.1), ("A", 0.3), ("B", 0.3)]:
        ...     tracker.add(speaker, valence)
        >>> [(c.source, c.target, c.lag, c.pairs) for c in tracker.results()]
        [('A', 'B', 1, 4)]
    """

    def __init__(self, max_lag: int = MAX_LAG, min_pairs: int = MIN_PAIRS) -> None:
        self.max_lag = max_lag
        self.min_pairs = min_pairs
        self._speakers: list[str] = []
        self._valences: list[float] = []
        self._sums: dict[tuple[str, str, int], _PairSums] = {}

    def add(self, speaker: str, valence: float) -> None:
        """Record the next turn's speaker and raw valence."""
        turn = len(self._speakers)
        for lag in range(1, self.max_lag + 1):
            earlier = turn - lag
            if earlier < 0:
                break
            source = self._speakers[earlier]
            if source != speaker:
                self._sums.setdefault((source, speaker, lag), _PairSums()).add(self._valences[earlier], valence)
        self._speakers.append(speaker)
        self._valences.append(valence)

    def results(self) -> list[Contagion]:
        """The strongest lag of each ordered speaker pair with enough pairs, sorted by source and target."""
        best: dict[tuple[str, str], tuple[float, int, int]] = {}
        for (source, target, lag), sums in sorted(self._sums.items()):
            r = sums.correlation() if sums.n >= self.min_pairs else None
            if r is None:
                continue
            current = best.get((source, target))
            if current is None or abs(r) > abs(current[0]) + 1e-9:
                best[(source, target)] = (r, lag, sums.n)
        return [
            Contagion(source=source, target=target, lag=lag, correlation=round(r, _DIGITS), pairs=n)
            for (source, target), (r, lag, n) in sorted(best.items())
        ]


def contagion(
    speakers: Sequence[str], valences: Sequence[float], max_lag: int = MAX_LAG, min_pairs: int = MIN_PAIRS
) -> list[Contagion]:
    """Contagion between speakers from each turn's speaker and raw valence (see :class:`ContagionTracker`).

    Example:
        >>> speakers = ["A", "B"] * 5
        >>> valences = [0.1, 0.0, 0.6, 0.1, -0.3, 0.6, 0.4, -0.3, 0.0, 0.4]
        >>> [(c.source, c.target, c.lag, c.correlation) for c in contagion(speakers, valences)]
        [('A', 'B', 3, 1.0), ('B', 'A', 1, 0.3094)]
    """
    tracker = ContagionTracker(max_lag, min_pairs)
    for speaker, valence in zip(speakers, valences, strict=True):
        tracker.add(speaker, valence)
    return tracker.results()
