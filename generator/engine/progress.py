"""The build's progress on a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    """`Sider: 1200 af 5030` on a terminal, so a long build shows it is moving."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.shown = 0.0
        self.enabled = sys.stderr.isatty()

    def step(self, pages: int = 1) -> None:
        self.count += pages
        now = time.monotonic()
        if self.enabled and now - self.shown > 0.25:
            self.shown = now
            sys.stderr.write(f"\rSider: {self.count} af {self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write(f"\rSider: {self.count} af {self.total}\n")
            sys.stderr.flush()
