"""The templates compiled once, and ahead of the pages, beside the build.

Compiling Material's and the project's templates takes 0.4 s, on the build's path before any
page renders. Where pages are rendered in two processes (`forked.py`), the templates are
compiled before that fork, so that both share them; and the compiling itself is done by a
process forked as soon as the content is validated, while MkDocs lists the files and the plugin
builds the site's model. It sends back the compiled code (Jinja's bytecode) and the names it
compiled; the build loads them into its own environment. Jinja checks each template's source
against the code's checksum, so code for a source that changed meanwhile is compiled again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jinja2 import BytecodeCache, Environment, TemplateNotFound, meta

from . import forked


class InMemory(BytecodeCache):
    """Compiled templates kept in memory; Jinja recompiles one whose source changed."""

    def __init__(self, store: dict[str, bytes] | None = None) -> None:
        self.store: dict[str, bytes] = store if store is not None else {}

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


def compile_templates(
    env: Environment, names: Iterable[str], known: Iterable[str] = ()
) -> list[str]:
    """Compile `names` and every template they extend, include or import by a written-out name;
    returns all it compiled. `known` (compiled ahead, their code in `env`'s bytecode cache) are
    loaded without reading them for the names they refer to."""
    done = []
    for name in known:
        env.get_template(name)
        done.append(name)
    if env.bytecode_cache is None:
        env.bytecode_cache = InMemory()
    cache = env.bytecode_cache
    todo, seen = list(names), set(done)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except TemplateNotFound:
            continue  # MkDocs reports it when a page asks for it
        # Parsed once, for the names it refers to and for its code: put in the cache as the
        # loader would, `get_template` then only loads it. (A name a loader changes, such as
        # `material/...`, misses the cache there and is compiled again: the same code.)
        tree = env.parse(source, name, filename)
        todo.extend(ref for ref in meta.find_referenced_templates(tree) if ref)
        bucket = cache.get_bucket(env, name, filename, source)
        if bucket.code is None:
            bucket.code = env.compile(tree, name, filename)
            cache.set_bucket(bucket)
        env.get_template(name)
        done.append(name)
    return done


class Ahead:
    """Templates compiled by a forked process while the build goes on: `start(make_env,
    names)` forks it; `install(env)` waits for its code and loads it into `env`, returning
    the names it compiled (empty when it failed: the build then compiles them itself)."""

    def __init__(self, helper: forked.Helper) -> None:
        self._helper = helper

    @classmethod
    def start(cls, make_env: Callable[[], Environment], names: Iterable[str]) -> Ahead | None:
        roots = list(names)

        def work(send) -> None:
            env = make_env()
            env.bytecode_cache = cache = InMemory()
            compiled = compile_templates(env, roots)
            send({"names": compiled, "codes": cache.store})

        helper = forked.Helper.start(frozenset(), work)
        return None if helper is None else cls(helper)

    def install(self, env: Environment) -> list[str]:
        try:
            message = self._helper.finish()
        except forked.HelperFailed:
            return []
        env.bytecode_cache = InMemory(message["codes"])
        return message["names"]

    def abandon(self) -> None:
        self._helper.abandon()
