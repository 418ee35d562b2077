"""A one-line progress bar on stderr for long jobs, with no dependency.

``show=None`` shows it only when the job is long (``total >= long``) and the stream is a terminal, so that
short calls, pipes and logs stay clean; ``True`` or ``False`` decide regardless.

Example:
    >>> import io
    >>> stream = io.StringIO()
    >>> with Progress(3, "turns", show=True, stream=stream) as progress:
    ...     progress.update(3)
    >>> stream.getvalue().splitlines()[-1].split("|")[-1]
    ' 3/3 turns, 100%'
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

WIDTH = 24  # characters of the bar itself
REDRAW = 0.2  # seconds between redraws


class Progress:
    """Counts done items of ``total`` and redraws ``[#####.....] done/total unit, pct, rate, time left``."""

    def __init__(self, total: int, unit: str, show: bool | None = None, stream: TextIO | None = None,
                 long: int = 1000) -> None:
        self.total, self.unit = total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.show = show if show is not None else total >= long and _is_terminal(self.stream)
        self.done = 0
        self._started = self._drawn = time.monotonic()

    def update(self, n: int = 1) -> None:
        self.done += n
        if not self.show:
            return
        now = time.monotonic()
        if now - self._drawn >= REDRAW or self.done >= self.total:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * fraction)
        line = f"\r|{'#' * filled}{'.' * (WIDTH - filled)}| {self.done}/{self.total} {self.unit}, {fraction:.0%}"
        elapsed = now - self._started
        if self.done < self.total and elapsed > 0 and self.done:
            rate = self.done / elapsed
            line += f", {rate:.0f}/s, {(self.total - self.done) / rate:.0f} s left"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.show:
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
