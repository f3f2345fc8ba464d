"""Names printed on the map, so that a reader finds their way without hovering.

Only the country's largest municipalities by population are named (København, Aarhus, Aalborg,
Odense, Vejle and Esbjerg, in that order, by Danmarks Statistik's population figures): names for
all 98 would cover the map. Each name sits at the centre of its municipality's largest part, on
the national map, or in the enlarged Copenhagen inset for the municipalities drawn there. Pure
geometry from the path data of `mapgeometry.py`; no markup here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABELLED = (101, 751, 851, 461, 630, 561)
"""DAGI codes of the municipalities named on the map."""

_COMMAND = re.compile(r"M(-?\d+) (-?\d+)l([^z]*)z")
_NUMBER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Label:
    code: int
    name: str
    x: float
    y: float


def rings(d: str) -> list[list[tuple[int, int]]]:
    """The rings of `mapgeometry.path_data` output, back in absolute points."""
    found = []
    for x, y, steps in _COMMAND.findall(d):
        point = (int(x), int(y))
        ring = [point]
        numbers = [int(n) for n in _NUMBER.findall(steps)]
        for dx, dy in zip(numbers[::2], numbers[1::2]):
            point = (point[0] + dx, point[1] + dy)
            ring.append(point)
        found.append(ring)
    return found


def centre(ring: list[tuple[int, int]]) -> tuple[float, float]:
    """The area centroid of a ring (its vertex mean when it has no area)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return round(cx / (3 * area), 1), round(cy / (3 * area), 1)


def _area(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])))


def labels(shapes: dict, names: dict[int, str], skip: set[int] = frozenset()) -> list[Label]:
    """Labels for the `LABELLED` municipalities among `shapes` (code -> `mapgeometry.Shape`)."""
    found = []
    for code in LABELLED:
        if code in shapes and code not in skip:
            largest = max(rings(shapes[code].d), key=_area)
            x, y = centre(largest)
            found.append(Label(code, names[code], x, y))
    return found
