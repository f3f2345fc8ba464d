"""Where a body's links and images may point: a scheme a browser reads the way the check does,
only `http(s):`, `mailto:` and `tel:` links, images only from the site's case images, and no
path out of the site. The body scanner (`body.py`) checks every target it finds here."""

from __future__ import annotations

import html
import posixpath
import re

from .documents import IMAGE_NAME

LINK_SCHEMES = ("http", "https", "mailto", "tel")
IMAGE_FOLDER = "cases/images"
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def scheme(target: str) -> str | None:
    """The URL scheme as a browser reads it: entities decoded, invisible characters gone."""
    cleaned = _INVISIBLE.sub("", html.unescape(html.unescape(target))).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def check_target(target: str, image: bool, folder: str) -> tuple[tuple | None, str | None]:
    """`((code, params) or None, content path inside the site or None)` for a target in a
    document in `content/<folder>/`."""
    if not target.strip():
        return ("body.link-empty", {}), None
    if target.startswith("#"):
        return (("body.image-path", {}) if image else None), None
    found = scheme(target)
    if found is not None:
        if image:
            return ("body.image-remote", {}), None
        if found not in LINK_SCHEMES:
            return ("body.link-scheme", {"scheme": found}), None
        return None, None
    cleaned = _INVISIBLE.sub("", html.unescape(target))
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return ("body.image-remote" if image else "body.link-no-scheme", {}), None
    path = cleaned.split("#", 1)[0].split("?", 1)[0]
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved.startswith("..") or path.startswith("/") or "\\" in path:
        return ("body.link-outside", {}), None
    if image:
        directory, _, name = resolved.rpartition("/")
        if directory != IMAGE_FOLDER or not IMAGE_NAME.match(name):
            return ("body.image-path", {}), None
    return None, resolved


__all__ = ["IMAGE_FOLDER", "LINK_SCHEMES", "check_target", "scheme"]
