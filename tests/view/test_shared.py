"""The process-wide cache of views: computed once for every session at once, never stale, bounded."""
import threading
import time

import pandas as pd

from analysis.view.shared import SharedCache, weigh


def test_ten_sessions_asking_at_once_share_one_computation():
    cache, calls, results = SharedCache(max_bytes=10**6), [], []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "Petén: 106"
    sessions = [threading.Thread(target=lambda: results.append(cache.get("db", 1, "vista", slow))) for _ in range(10)]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join()
    assert len(calls) == 1 and results == ["Petén: 106"] * 10 and cache.computed == 1


def test_a_new_revision_drops_the_old_ones_and_an_old_revision_is_never_cached():
    cache = SharedCache(max_bytes=10**6)
    assert cache.get("db", 1, "vista", lambda: "antes") == "antes"
    assert cache.get("db", 1, "vista", lambda: "otra cosa") == "antes"
    assert cache.get("db", 2, "vista", lambda: "después") == "después"
    assert len(cache) == 1  # revision 1 is gone
    assert cache.get("db", 1, "vista", lambda: "tarde") == "tarde"  # a session still on revision 1: its own
    assert cache.get("db", 1, "vista", lambda: "otra vez") == "otra vez" and len(cache) == 1
    assert cache.get("otra-db", 1, "vista", lambda: "otra base") == "otra base"  # stores never mix
    assert cache.get("db", 2, "vista", lambda: "no") == "después"


def test_a_failed_computation_is_not_kept_and_the_next_session_tries_again():
    cache = SharedCache(max_bytes=10**6)

    def broken():
        raise OSError("la base no responde")
    try:
        cache.get("db", 1, "vista", broken)
    except OSError:
        pass
    assert cache.get("db", 1, "vista", lambda: "bien") == "bien"


def test_least_recently_used_views_go_first_past_the_bound():
    frame = pd.DataFrame({"departamento": ["Petén"] * 1000})
    size = weigh(frame)
    cache = SharedCache(max_bytes=int(size * 2.5))
    for name in ("a", "b"):
        cache.get("db", 1, name, lambda: frame.copy())
    cache.get("db", 1, "a", lambda: None)  # «a» used again (kept: not recomputed): «b» is now the oldest
    cache.get("db", 1, "c", lambda: frame.copy())
    assert len(cache) == 2 and cache.bytes <= cache.max_bytes
    assert isinstance(cache.get("db", 1, "a", lambda: "recomputed"), pd.DataFrame)  # still kept
    assert cache.get("db", 1, "b", lambda: "recomputed") == "recomputed"


def test_weighing_counts_what_frames_figures_and_objects_hold():
    import plotly.graph_objects as go
    small, big = pd.DataFrame({"n": range(10)}), pd.DataFrame({"n": range(100_000)})
    assert weigh(big) > 100 * weigh(small) and weigh(big) >= 800_000
    figure = go.Figure(go.Bar(x=list(range(5000)), y=list(range(5000))))
    assert weigh(figure) > weigh(go.Figure(go.Bar(x=[1], y=[1]))) + 50_000
    assert weigh({"cuadro": big, "otra vez": big}) < 2 * weigh(big)  # one frame held twice counts once
