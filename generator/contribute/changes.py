"""What a pull request changed, asked of Git: the files, and their text before the change.

`smartcity review` compares the working tree (in CI: the pull request's head) with the point
where it left the base branch (`git merge-base`), as GitHub's "Files changed" tab does, plus
files not yet added to Git, so a contributor can review a case written with `smartcity new`
before committing it.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASES = ("origin/main", "main")


class GitError(Exception):
    """Git is missing, the folder is not in a repository, or a ref does not exist."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind = kind
        """`no-git`, `not-a-repository`, `unknown-ref` or `failed`."""
        self.detail = detail


@dataclass(frozen=True)
class Change:
    status: str
    """`added`, `modified`, `deleted` or `renamed`."""
    path: str
    """Path relative to the project root, POSIX style; for a deletion, the old path."""
    old_path: str | None = None
    """Where a renamed file was before."""


_STATUS = {
    "A": "added",
    "M": "modified",
    "T": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "added",
}


def _git(root: Path, *args: str) -> bytes:
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("no-git") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in message:
            raise GitError("not-a-repository", message)
        raise GitError("failed", message)
    return done.stdout


def resolve(root: Path, ref: str | None) -> tuple[str, str]:
    """(ref, commit) for `ref`, or for the first of `DEFAULT_BASES` that exists."""
    _git(root, "rev-parse", "--git-dir")  # not a repository: say so before anything else
    for candidate in (ref,) if ref else DEFAULT_BASES:
        if candidate.startswith("-"):
            break
        try:
            sha = _git(root, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}")
        except GitError as exc:
            if exc.kind != "failed":
                raise
            continue
        return candidate, sha.decode().strip()
    raise GitError("unknown-ref", ref or " eller ".join(DEFAULT_BASES))


def merge_base(root: Path, commit: str) -> str:
    """Where HEAD left `commit`'s branch; `commit` itself when HEAD has no commit in common."""
    try:
        return _git(root, "merge-base", commit, "HEAD").decode().strip() or commit
    except GitError as exc:
        if exc.kind != "failed":
            raise
        return commit


def changed_files(root: Path, base: str) -> list[Change]:
    """Files that differ between commit `base` and the working tree, and untracked files."""
    raw = _git(root, "diff", "--name-status", "-z", "-M", "--relative", base, "--")
    parts = raw.decode("utf-8", "surrogateescape").split("\0")
    changes: list[Change] = []
    index = 0
    while index < len(parts) - 1:
        code = parts[index][:1]
        if code in ("R", "C"):
            old, new = parts[index + 1], parts[index + 2]
            index += 3
            changes.append(Change(_STATUS[code], new, old if code == "R" else None))
        else:
            changes.append(Change(_STATUS.get(code, "modified"), parts[index + 1]))
            index += 2
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    known = {c.path for c in changes}
    for path in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if path and path not in known:
            changes.append(Change("added", path))
    return sorted(changes, key=lambda c: c.path)


def file_at(root: Path, commit: str, path: str) -> bytes | None:
    """The file's bytes at `commit`, or None if it did not exist there."""
    try:
        return _git(root, "show", f"{commit}:./{path}")
    except GitError as exc:
        if exc.kind != "failed":
            raise
        return None
