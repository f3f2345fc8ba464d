"""Case images: only PNG, JPEG and WebP, recognised by their bytes, at most 2 MB.

A file's name says nothing about what a browser will do with it, so the first bytes decide.
SVG is refused outright: it is a document that can carry script.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic
from .documents import IMAGE_NAME
from .messages import diagnostic

MAX_IMAGE_BYTES = 2 * 1024 * 1024
_SUFFIXES = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "webp": (".webp",)}


def sniff(head: bytes) -> str | None:
    """The image type from the file's first bytes, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def check_image(path: Path, file: str) -> list[Diagnostic]:
    name = path.name
    if name.lower().endswith((".svg", ".svgz")):
        return [diagnostic("image.svg", file, 0, 0)]
    problems = []
    if not IMAGE_NAME.match(name):
        problems.append(diagnostic("image.name", file, 0, 0, name=name))
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        problems.append(diagnostic("image.too-large", file, 0, 0, size=size, limit=MAX_IMAGE_BYTES))
    with open(path, "rb") as fh:
        kind = sniff(fh.read(16))
    if kind is None:
        problems.append(diagnostic("image.type", file, 0, 0))
    elif not name.lower().endswith(_SUFFIXES[kind]):
        problems.append(
            diagnostic(
                "image.suffix",
                file,
                0,
                0,
                kind=kind.upper(),
                suffix=" eller ".join(_SUFFIXES[kind]),
            )
        )
    return problems
