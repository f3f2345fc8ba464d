"""The map's geometry: municipality boundaries projected, simplified and laid out at build time.

`geometry()` reads `schema/municipalities.geojson` (WGS84) once per version of the file and turns
it into SVG path data on integer pixel grids, as Danish maps draw the country: the mainland and
islands, Bornholm moved into a box in the Kattegat, and an enlarged inset of the Copenhagen area
where some 27 municipalities are too small to see or click at national scale. It knows nothing
of the content: `mapviews.py` colours it by the counts. Pure Python, no MkDocs; no markup here,
only numbers and path data.

Size matters: the source has 30,000 vertices (535 KB). Coordinates are rounded to the pixel grid
and each border is simplified once (Douglas-Peucker), for both municipalities that share it, so
neighbours never gap or overlap however hard a border is simplified.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COS_LAT = math.cos(math.radians(56))
"""Planar projection x = lon * cos(56 deg), y = -lat: true to shape at Denmark's middle latitude."""

SCALE = 220
"""Pixels per degree of latitude on the national map (the map is about 530 x 640)."""
CAPITAL_ZOOM = 3
"""How much larger the Copenhagen inset draws than the national map."""
PAD = 8
TOLERANCE = 0.7
"""Douglas-Peucker tolerance in pixels of each grid: below what a reader can see."""
MIN_ISLET = 2.0
"""Islets smaller than this many square pixels are left out (each municipality keeps its largest
part whatever its size)."""

MAINLAND = (8.07, 54.55, 12.81, 57.76)
"""west, south, east, north of the national map without Bornholm."""
CAPITAL = (12.05, 55.50, 12.82, 56.10)
"""The Copenhagen inset's window: every municipality wholly inside it is drawn there enlarged."""
BORNHOLM = 400


# -- geometry, independent of the content ------------------------------------------------------

Point = tuple[int, int]
Ring = list[Point]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Shape:
    code: int
    d: str
    """SVG path data (absolute move, relative lines); draw with `fill-rule="evenodd"` so that
    holes, such as Frederiksberg inside København, stay open."""


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    """The national map's viewBox."""
    shapes: dict[int, Shape]
    """Every municipality on the national map, Bornholm inside `bornholm_box`."""
    bornholm_box: Box
    capital_box: Box
    """Where the Copenhagen inset's window lies on the national map."""
    capital_width: int
    capital_height: int
    capital_shapes: dict[int, Shape]
    """Municipalities wholly inside the window, enlarged: these are the ones to click there."""
    capital_context: dict[int, Shape]
    """Neighbours cut at the window's edge, so the inset reads as a map and not as islands."""


@dataclass(frozen=True)
class _Frame:
    """A geographic window drawn on a pixel grid: `scale` px per degree of latitude."""

    west: float
    north: float
    scale: float
    x0: float = 0
    y0: float = 0

    def project(self, lon: float, lat: float) -> Point:
        return (
            round(self.x0 + (lon - self.west) * COS_LAT * self.scale),
            round(self.y0 + (self.north - lat) * self.scale),
        )

    def size(self, east: float, south: float) -> tuple[int, int]:
        return self.project(east, south)


MAP_FILE = "municipalities.geojson"
"""The boundaries in the schema folder."""


def geometry(geojson: Path) -> Geometry:
    """The map geometry of `geojson`, computed once per version of the file."""
    version = _version(geojson)
    return _kept[version] if version in _kept else _geometry(*version)


def made(geojson: Path) -> tuple[tuple[str, int, int], Geometry]:
    """The geometry and the version of the file it was made from: made by the build's
    background worker while the main process validates, and handed to `keep`."""
    version = _version(geojson)
    return version, _geometry(*version)


def keep(version: tuple[str, int, int], made: Geometry) -> None:
    """A geometry `made` in another process: `geometry()` returns it while the file is still
    that version."""
    _kept.clear()
    _kept[version] = made


_kept: dict[tuple[str, int, int], Geometry] = {}


def _version(geojson: Path) -> tuple[str, int, int]:
    stat = os.stat(geojson)
    return str(geojson), stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=2)
def _geometry(path: str, _mtime: int, _size: int) -> Geometry:
    with open(path, encoding="utf-8") as fh:
        features = {
            f["properties"]["code"]: f["geometry"]["coordinates"] for f in json.load(fh)["features"]
        }

    west, south, east, north = MAINLAND
    main = _Frame(west, north, SCALE, PAD, PAD)
    right, bottom = main.size(east, south)
    width, height = right + PAD, bottom + PAD
    shapes = _shapes({c: p for c, p in features.items() if c != BORNHOLM}, main)

    # Bornholm keeps its scale and moves into a box in the empty sea at the top right.
    b_west, b_south, b_east, b_north = _bounds(features[BORNHOLM])
    b_width = round((b_east - b_west) * COS_LAT * SCALE) + 2 * PAD
    b_height = round((b_north - b_south) * SCALE) + 2 * PAD
    bornholm_box = Box(width - PAD - b_width, PAD, b_width, b_height)
    bornholm = _Frame(b_west, b_north, SCALE, bornholm_box.x + PAD, bornholm_box.y + PAD)
    shapes.update(_shapes({BORNHOLM: features[BORNHOLM]}, bornholm))

    c_west, c_south, c_east, c_north = CAPITAL
    left, top = main.project(c_west, c_north)
    right, bottom = main.project(c_east, c_south)
    capital_box = Box(left, top, right - left, bottom - top)
    zoomed = _Frame(c_west, c_north, SCALE * CAPITAL_ZOOM)
    c_width, c_height = zoomed.size(c_east, c_south)
    inside, touching = {}, {}
    for code, polygons in features.items():
        w, s, e, n = _bounds(polygons)
        if w >= c_west and e <= c_east and s >= c_south and n <= c_north:
            inside[code] = polygons
        elif w < c_east and e > c_west and s < c_north and n > c_south:
            touching[code] = polygons
    drawn = _shapes(
        inside | touching, zoomed, clip=set(touching), clip_to=(0, 0, c_width, c_height)
    )
    return Geometry(
        width=width,
        height=height,
        shapes=dict(sorted(shapes.items())),
        bornholm_box=bornholm_box,
        capital_box=capital_box,
        capital_width=c_width,
        capital_height=c_height,
        capital_shapes={c: drawn[c] for c in sorted(inside)},
        capital_context={c: drawn[c] for c in sorted(touching) if c in drawn},
    )


def _bounds(polygons) -> tuple[float, float, float, float]:
    lons = [p[0] for polygon in polygons for ring in polygon for p in ring]
    lats = [p[1] for polygon in polygons for ring in polygon for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _shapes(
    features: dict[int, list],
    frame: _Frame,
    *,
    clip: set[int] = frozenset(),
    clip_to: tuple[int, int, int, int] = (0, 0, 0, 0),
) -> dict[int, Shape]:
    """Project, simplify border by border, cut the `clip` features to the `clip_to` rectangle,
    drop invisible islets, and encode as path data."""
    projected: dict[int, list[Ring]] = {}
    for code, polygons in features.items():
        rings = []
        for polygon in polygons:
            for ring in polygon:
                points = _dedupe([frame.project(lon, lat) for lon, lat in ring[:-1]])
                if len(points) >= 3:
                    rings.append(points)
        projected[code] = rings
    simplified = simplify_shared(projected, TOLERANCE)
    shapes = {}
    for code, rings in simplified.items():
        fallback = projected[code]
        if code in clip:
            rings = [r for r in (clip_ring(ring, clip_to) for ring in rings) if len(r) >= 3]
            fallback = []  # a neighbour that only grazes the window is left out
        rings = _visible(rings, fallback)
        if rings:
            shapes[code] = Shape(code, path_data(rings))
    return shapes


def _visible(rings: list[Ring], fallback: list[Ring]) -> list[Ring]:
    """Rings big enough to see; if none is, the largest, or else the largest of `fallback`
    (the unsimplified rings), so that no municipality ever vanishes."""
    kept = [r for r in rings if len(r) >= 3 and abs(ring_area(r)) >= MIN_ISLET]
    candidates = [r for r in rings if len(r) >= 3] or fallback
    if not kept and candidates:
        kept = [max(candidates, key=lambda r: abs(ring_area(r)))]
    return kept


def _dedupe(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def ring_area(ring: Ring) -> float:
    """Signed area (shoelace); the sign tells the winding, which this map does not need."""
    total = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        total += x1 * y2 - x2 * y1
    return total / 2


def simplify_shared(features: dict[int, list[Ring]], tolerance: float) -> dict[int, list[Ring]]:
    """Douglas-Peucker per border, not per ring, so shared borders stay shared.

    Rings are cut at junctions: points where the set of features that own a vertex changes along
    the ring. Each piece between junctions is simplified once, in a canonical direction, and
    reused by every ring that runs along it, whichever way it runs.
    """
    owners: dict[Point, set[int]] = defaultdict(set)
    for code, rings in features.items():
        for ring in rings:
            for p in ring:
                owners[p].add(code)
    cache: dict[tuple[Point, ...], list[Point]] = {}
    result: dict[int, list[Ring]] = {}
    for code, rings in features.items():
        out = []
        for ring in rings:
            n = len(ring)
            fixed = [
                i
                for i in range(n)
                if owners[ring[i]] != owners[ring[i - 1]]
                or owners[ring[i]] != owners[ring[(i + 1) % n]]
            ]
            if len(fixed) < 2:
                start = fixed[0] if fixed else min(range(n), key=lambda i: ring[i])
                far = max(range(n), key=lambda i: (_dist2(ring[i], ring[start]), ring[i]))
                fixed = sorted({start, far})
            simplified: Ring = []
            for a, b in zip(fixed, fixed[1:] + fixed[:1]):
                arc = ring[a : b + 1] if a < b else ring[a:] + ring[: b + 1]
                simplified.extend(_simplify_arc(arc, tolerance, cache)[:-1])
            out.append(_dedupe(simplified))
        result[code] = out
    return result


def _simplify_arc(arc: list[Point], tolerance: float, cache) -> list[Point]:
    forward = arc[0] < arc[-1] or (arc[0] == arc[-1] and arc <= arc[::-1])
    key = tuple(arc if forward else arc[::-1])
    if key not in cache:
        cache[key] = douglas_peucker(list(key), tolerance)
    done = cache[key]
    return done if forward else done[::-1]


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The points of a polyline that keep it within `tolerance` of the original; ends kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        best, index = -1.0, -1
        # The squared distance of each point to the segment, written out: this loop is most of
        # the map's cost, and a call per point doubled it.
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        for i in range(first + 1, last):
            px, py = points[i]
            px, py = px - ax, py - ay
            if length2 == 0:
                d = px * px + py * py
            else:
                t = (px * dx + py * dy) / length2
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
                d = (px - t * dx) ** 2 + (py - t * dy) ** 2
            if d > best:
                best, index = d, i
        if best > limit:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def _dist2(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def clip_ring(ring: Ring, rect: tuple[int, int, int, int]) -> Ring:
    """Sutherland-Hodgman: the ring cut to an axis-aligned rectangle (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = rect
    edges = [
        (lambda p: p[0] >= x0, lambda p, q: _cross_x(p, q, x0)),
        (lambda p: p[0] <= x1, lambda p, q: _cross_x(p, q, x1)),
        (lambda p: p[1] >= y0, lambda p, q: _cross_y(p, q, y0)),
        (lambda p: p[1] <= y1, lambda p, q: _cross_y(p, q, y1)),
    ]
    points = ring
    for inside, cross in edges:
        if not points:
            break
        out = []
        for p, q in zip(points[-1:] + points[:-1], points):
            if inside(q):
                if not inside(p):
                    out.append(cross(p, q))
                out.append(q)
            elif inside(p):
                out.append(cross(p, q))
        points = out
    return _dedupe(points)


def _cross_x(p: Point, q: Point, x: int) -> Point:
    t = (x - p[0]) / (q[0] - p[0])
    return (x, round(p[1] + t * (q[1] - p[1])))


def _cross_y(p: Point, q: Point, y: int) -> Point:
    t = (y - p[1]) / (q[1] - p[1])
    return (round(p[0] + t * (q[0] - p[0])), y)


def path_data(rings: list[Ring]) -> str:
    """`M x y l dx dy ... z` per ring: relative steps on the grid are short numbers."""
    parts = []
    for ring in rings:
        x, y = ring[0]
        numbers = []
        for px, py in ring[1:]:
            numbers += (px - x, py - y)
            x, y = px, py
        parts.append(f"M{ring[0][0]} {ring[0][1]}l{_join(numbers)}z")
    return "".join(parts)


def _join(numbers: list[int]) -> str:
    """Numbers separated by a space, or by nothing before a minus sign."""
    out = []
    for n in numbers:
        if out and n >= 0:
            out.append(" ")
        out.append(str(n))
    return "".join(out)


@dataclass(frozen=True)
class Attribution:
    text: str
    licence_url: str


_ATTRIBUTION = re.compile(r"^> (Kommunegrænser:.*?)(?:\n(?!>)|\Z)", re.MULTILINE | re.DOTALL)


def attribution(readme: Path) -> Attribution:
    """The Danish attribution the boundary data's licence (CC BY 4.0) asks the map to show, read
    from the data's README so that it has one source. A missing text fails the build: the
    boundaries must not be published without it."""
    text = Path(readme).read_text(encoding="utf-8")
    match = _ATTRIBUTION.search(text)
    if not match:
        raise ValueError(f"{readme}: no '> Kommunegrænser: ...' attribution to show with the map")
    words = " ".join(line.removeprefix(">").strip() for line in match.group(1).splitlines())
    url = re.search(r"\((https://[^)\s]+)\)\.?$", words)
    if url:
        words = words[: url.start()].rstrip()
    return Attribution(words, url.group(1) if url else "")
