"""Work done once for everybody: a process-wide cache of what views are drawn from, shared by every session.

In a meeting everybody opens the same shared link, and each session would otherwise recompute the same filtered
needs, the same counts and the same figures: ten sessions cost ten times one, queued behind one interpreter lock.
Here a result is computed once per (store, data revision, what was asked) and handed to every session that asks
for it; a session asking while another computes it waits for that computation instead of starting its own.

- **Never stale.** Every key starts with the store and its revision. When a newer revision of a store is seen,
  everything cached for its older revisions is dropped at once; a session still drawing an older revision (it
  read the revision just before an upload landed) computes without caching.
- **Bounded.** Entries are weighed (`weigh`) and the least recently used go first past `max_bytes`.
- Values are shared, never copied: callers must not change what they get (frames, figures, tables).
"""
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd


def weigh(value: Any, seen: set[int] | None = None) -> int:
    """Rough bytes held by a value: frames and series by their buffers, containers and objects by their parts."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        return int(value.memory_usage(index=True, deep=False).sum() if isinstance(value, pd.DataFrame)
                   else value.memory_usage(deep=False))
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(weigh(k, seen) + weigh(v, seen) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + sum(weigh(v, seen) for v in value)
    if hasattr(value, "to_plotly_json"):  # a figure: its data and layout
        return weigh(value.to_plotly_json(), seen)
    parts = getattr(value, "__dict__", None)
    if parts is None and hasattr(value, "__slots__"):
        parts = {name: getattr(value, name, None) for name in value.__slots__}
    return sys.getsizeof(value) + (weigh(parts, seen) if parts else 0)


class SharedCache:
    """Values keyed by (store, revision, *what*), computed once however many sessions ask at the same time."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()  # key → (value, bytes), oldest first
        self._computing: dict[tuple, threading.Event] = {}
        self._revisions: dict[str, int] = {}  # store → newest revision seen
        self.bytes = 0
        self.computed = 0  # how many times a value was worked out (the rest were shared)

    def get(self, store: str, revision: int, what: Hashable, compute: Callable[[], Any],
            weight: Callable[[Any], int] = weigh) -> Any:
        """The value of `what` for this revision of `store`; `weight`: the bytes it holds that nothing else does."""
        key = (store, revision, what)
        while True:
            with self._lock:
                if self._revisions.get(store, revision) > revision:  # an older revision: its own, uncached
                    cache = False
                    break
                if revision > self._revisions.get(store, revision - 1):
                    self._drop_store(store)
                    self._revisions[store] = revision
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key][0]
                waiting = self._computing.get(key)
                if waiting is None:
                    self._computing[key] = threading.Event()
                    cache = True
                    break
            waiting.wait()  # another session is computing it: take theirs (or, if it failed, try ourselves)
        if not cache:
            return compute()
        try:
            value = compute()
            self._keep(key, value, weight(value))
            return value
        finally:
            with self._lock:
                self._computing.pop(key).set()

    def _keep(self, key: tuple, value: Any, size: int) -> None:
        with self._lock:
            self.computed += 1
            if self._revisions.get(key[0]) != key[1] or size > self.max_bytes:
                return  # a newer revision arrived meanwhile, or it would push out everything else
            self._entries[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def _drop_store(self, store: str) -> None:
        for key in [k for k in self._entries if k[0] == store]:
            self.bytes -= self._entries.pop(key)[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._revisions.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
