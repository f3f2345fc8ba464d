"""1:1 reuse between municipalities: who copied whom, as trees to draw.

`based_on` points from a copy to its original; readers want the other direction, from a
solution to everyone who took it, over several generations. Everything here walks the graph
with explicit stacks and a set of visited cases, so neither a long chain nor a cycle (which
validation refuses (`generator/content/cycles.py`), but the model must survive) can recurse
without end. Pure Python, no MkDocs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module
    from .kinds import Case

TREE_DEPTH = 6
"""Generations drawn below a case; deeper reuse is reached from the last drawn case's page."""


# -- the site: trees and chains ----------------------------------------------------------------


@dataclass(eq=False)
class ReuseNode:
    """A case in a reuse tree, with the cases that reused it below."""

    case: Case
    depth: int = 0
    children: list[ReuseNode] = field(default_factory=list)
    repeated: bool = False
    """The case stands elsewhere in this tree too (it builds on two cases of the chain, or the
    content has a cycle); its own reusers are listed there, not here again."""
    hidden: int = 0
    """Reusing cases below this one that are not drawn, because the tree is deep enough."""


@dataclass(eq=False)
class ReuseTree:
    root: ReuseNode
    reusers: list[Case]
    """Every case that reuses the root, directly or through others, each once, tree order."""
    generations: int
    """How many generations of reuse are below the root (0: nobody has reused it)."""

    @property
    def municipalities(self) -> list:
        """The municipalities that have reused the root, each once, in tree order."""
        seen: dict[str, object] = {}
        for case in self.reusers:
            seen.setdefault(case.municipality.name, case.municipality)
        return list(seen.values())


def _order(case: Case):
    """Reusers in the order they came: the first to publish first."""
    return (case.published, case.title.lower(), case.slug)


def descendants(case: Case) -> list[Case]:
    """Every case that reuses `case`, directly or through others, each once (breadth first)."""
    seen = {id(case)}
    found: list[Case] = []
    queue = deque([case])
    while queue:
        for child in sorted(queue.popleft().reused_by, key=_order):
            if id(child) not in seen:
                seen.add(id(child))
                found.append(child)
                queue.append(child)
    return found


def reuse_tree(case: Case, depth_limit: int = TREE_DEPTH) -> ReuseTree:
    """`case` and everyone who reused it, as a tree of at most `depth_limit` generations.

    Built breadth first, so a case that reuses two cases of the chain is drawn in full where it
    is nearest the root and marked `repeated` elsewhere; that also ends any cycle.
    """
    root = ReuseNode(case)
    seen = {id(case)}
    queue = deque([root])
    generations = 0
    while queue:
        node = queue.popleft()
        children = sorted(node.case.reused_by, key=_order)
        if node.depth >= depth_limit:
            node.hidden = sum(1 for _ in descendants(node.case))
            continue
        for child in children:
            child_node = ReuseNode(child, node.depth + 1)
            node.children.append(child_node)
            generations = max(generations, child_node.depth)
            if id(child) in seen:
                child_node.repeated = True
            else:
                seen.add(id(child))
                queue.append(child_node)
    return ReuseTree(root, descendants(case), generations)


def chains(cases: Iterable[Case]) -> list[ReuseTree]:
    """Every reuse chain, from each original that others have reused, the most reused first.

    An original is a reused case that builds on nothing. Cases that only a cycle connects
    (refused by validation, but the model stays total) start a chain of their own, so every
    reused case is in some chain.
    """
    cases = list(cases)
    trees = [reuse_tree(c) for c in cases if c.reused_by and not c.based_on]
    covered = {id(c) for tree in trees for c in (tree.root.case, *tree.reusers)}
    for case in cases:
        if case.reused_by and id(case) not in covered:
            tree = reuse_tree(case)
            trees.append(tree)
            covered.update(id(c) for c in (case, *tree.reusers))
    return sorted(trees, key=lambda t: (-len(t.reusers), -t.generations, t.root.case.sort_key))
