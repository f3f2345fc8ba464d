"""Short digests of texts and of files' sizes and times: the keys of what a process keeps
between builds (the preview's fingerprints, a worker's validator, the search index's weights)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def digest(parts: Iterable[str]) -> str:
    """One digest of the texts in order; each is length-prefixed, so no two lists share one."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


def stamp(paths: Iterable[Path]) -> str:
    """Sizes and modification times of `paths` (folders: every file under them), as a digest."""
    found = []
    for path in paths:
        for item in sorted(path.rglob("*")) if path.is_dir() else [path]:
            try:
                stat = item.stat()
            except OSError:
                continue
            found.append(f"{item}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(found)
