"""What the suite shares between the apps it builds, so that building one stays cheap.

Every test still gets an app of its own (`tests.conftest.make_app`); what is shared
here is only what is the same for every app and never changes during a run:

- `TEMPLATES`: compiled Jinja templates (Jinja's own bytecode cache, kept in memory
  and keyed by the template's name and a checksum of its source), so each app loads a
  template instead of compiling it again;
- `share_route_builders()`: the URL builder Werkzeug compiles for every route of every
  app (about 500 calls of `compile()` per app, the dearest part of building one),
  cached by what the builder is made from. The differential test in
  `tests/core/test_speedups.py` compares every built URL with Werkzeug's own.
- `SqliteTemplate`: a database file made once with `create_all`, copied for each test.
- `SharedEngines`: one SQLAlchemy engine per database for the apps that use the same one
  in turn (each test's `app` on the run's SQLite file, every app on the run's PostgreSQL
  schema), so that SQL compiled for one test is not compiled again for the next:
  SQLAlchemy keeps its compiled statements per engine (keyed by the engine's dialect),
  and compiling them was a fifth of a typical test's time. Each test still starts from
  an empty pool (`empty_database` disposes it) and its own data.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache
from werkzeug.routing.rules import Rule


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in a dict: the key covers the template's source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


TEMPLATES = MemoryBytecodeCache()

_unshared_compile_builder = Rule._compile_builder
_builders: dict[tuple, object] = {}


def _builder_key(rule: Rule, append_unknown: bool) -> tuple:
    defaults = rule.defaults or {}
    converters = tuple(sorted(
        (name, type(converter).__qualname__,
         repr({key: value for key, value in vars(converter).items() if key != "map"}))
        for name, converter in rule._converters.items()))
    return (rule.rule, append_unknown, tuple(rule._trace), converters,
            tuple(sorted((name, repr(value)) for name, value in defaults.items())))


def _shared_compile_builder(self: Rule, append_unknown: bool = True):
    key = _builder_key(self, append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _unshared_compile_builder(self, append_unknown)
    return builder


def share_route_builders() -> None:
    """Cache Werkzeug's compiled URL builders across apps (a test-only patch: the
    builder is a plain function of the rule's parts, bound to each rule afterwards)."""
    Rule._compile_builder = _shared_compile_builder


def unshare_route_builders() -> None:
    Rule._compile_builder = _unshared_compile_builder


class SqliteTemplate:
    """A SQLite database made once with `create_all`, copied for each test."""

    def __init__(self) -> None:
        self.path: Path | None = None

    def copy_to(self, target: Path) -> bool:
        """Copy the template to `target`, a database that does not exist yet; False
        when there is no template yet."""
        if self.path is None:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path, target)
        return True

    def keep(self, source: Path) -> None:
        """Keep `source`, just created and closed, as the template."""
        directory = Path(tempfile.mkdtemp(prefix="cp-sqlite-template-"))
        atexit.register(shutil.rmtree, directory, True)
        self.path = directory / "template.db"
        shutil.copyfile(source, self.path)


class SharedEngines:
    """Flask-SQLAlchemy's engine factory, sharing one engine among the apps whose database
    URL was registered with `share` and whose engine options are the same."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.engines: dict[str, object] = {}
        self._make = None

    def share(self, url: str) -> None:
        self.urls.add(url)

    def install(self, db) -> None:
        """Make `db` (the app's SQLAlchemy) build engines through this."""
        self._make = db._make_engine
        db._make_engine = self.make

    def make(self, bind_key, options: dict, app):
        url = str(options["url"])
        if url not in self.urls:
            return self._make(bind_key, options, app)
        key = repr(sorted((name, repr(value)) for name, value in options.items()))
        engine = self.engines.get(key)
        if engine is None:
            engine = self.engines[key] = self._make(bind_key, options, app)
        return engine
