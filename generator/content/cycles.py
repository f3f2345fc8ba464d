"""`based_on` cycles: a case that, over one or more steps, is based on itself.

`based_on` points from a copy to its original. The validator refuses a cycle at the entry that
closes it; one depth-first walk with an explicit stack finds them all, so a long chain cannot
reach the recursion limit. The site's reuse trees (`generator/site/reuse.py`) walk the same
graph the other way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cycle:
    slug: str
    """The case whose `based_on` entry closes the cycle."""
    index: int
    """That entry's position in its `based_on` list."""
    path: tuple[str, ...]
    """The cycle in `based_on` direction, first and last the same: `a → b → a`."""


def based_on_cycles(graph: Mapping[str, Sequence[str]]) -> list[Cycle]:
    """Every `based_on` entry that closes a cycle, found by one depth-first walk.

    `graph` maps a slug to the slugs it is based on. Cases are visited in slug order and entries
    in file order, so the same content always blames the same entry. Self-references and
    unknown slugs have their own messages and are skipped here.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[Cycle] = []
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        state[start] = 1
        stack = [(start, iter(enumerate(graph[start])))]
        while stack:
            slug, entries = stack[-1]
            for index, target in entries:
                if target == slug or target not in graph:
                    continue
                if state.get(target) == 1:
                    loop = path[path.index(target) :]
                    found.append(Cycle(slug, index, (*loop, target)))
                elif target not in state:
                    state[target] = 1
                    path.append(target)
                    stack.append((target, iter(enumerate(graph[target]))))
                    break
            else:
                state[slug] = 2
                path.pop()
                stack.pop()
    return found
