"""Many analysts at once: server time per redraw with 1, 5 and 10 sessions on Resumen at 100,000 needs.

Run by hand (never in CI):  python benchmarks/bench_sessions.py [--rows 100000] [--redraws 6]

Sessions are browser-less WebSocket clients (`benchmarks/sessions.py`): each changes the filters as a browser
does and waits for the server to finish redrawing, all sessions at once. Two kinds of work:

- **the same view:** every round, all sessions open the same view, one never drawn before (a meeting where
  everybody follows the same shared link);
- **different views:** every session opens its own view, never drawn before by anybody.

Each runs in one Streamlit process, then through the README's recipe (`tests/recipe.py`: nginx with TLS in
front of two processes). Figures: median and worst redraw, as ratios against one session doing the same in
the same run, and server memory (all processes) with the sessions open.
"""
import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.fields import reference  # noqa: E402
from benchmarks.sessions import Session, no_verify, run_sessions, session_cookie  # noqa: E402

PASSWORD = "clave de banco 1234"


def unique_views():
    """Views nobody has drawn yet: a departamento with a set of ámbitos (22 × 15 of them)."""
    ambitos = list(reference.AMBITOS)
    subsets = [list(c) for n in range(1, len(ambitos) + 1) for c in itertools.combinations(ambitos, n)]
    for ambito, departamento in itertools.product(subsets, sorted(reference.departamentos().values())):
        yield {"Departamento": [departamento], "Ámbito": ambito}


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


class Target:
    """Where sessions connect: one server or the recipe, with a signed-in cookie per session."""

    def __init__(self, base: str, pids: list[int], store, recipe=None):
        self.base, self.pids, self.store, self.recipe = base, pids, store, recipe

    def cookies(self, n: int) -> list[str]:
        """n signed-in sessions' cookies; through the recipe, half of them on each process."""
        account = self.store.accounts.by_username("banco")
        jar = []
        for affinity in self._balanced(n) if self.recipe else [""] * n:
            started = self.store.sessions.start(account)
            jar.append(session_cookie(self.base, started.ticket, affinity))
        return jar

    def _balanced(self, n: int) -> list[str]:
        by_process: dict[str, list[str]] = {}
        for i in itertools.count():
            cookie = f"tablero_afinidad=banco{time.time_ns()}{i}"
            request = urllib.request.Request(f"{self.base}/_stcore/health", headers={"Cookie": cookie})
            urllib.request.urlopen(request, timeout=10, context=no_verify()).read()
            process = next(iter(self.recipe.served_by(cookie.split("=", 1)[1])))
            by_process.setdefault(process, []).append(cookie)
            if len(by_process) == len(self.pids) and all(len(v) >= -(-n // len(self.pids)) for v in by_process.values()):
                break
        return [by_process[p][i // len(by_process)] for i, p in zip(range(n), itertools.cycle(sorted(by_process)))]


def scenario(target: Target, n: int, kind: str, redraws: int, views) -> dict:
    if kind == "same":  # every round one new view, for everybody
        plan = [[next(views) for _ in range(redraws)]] * n
    else:  # every session its own new views
        plan = [[next(views) for _ in range(redraws)] for _ in range(n)]
    sessions = [Session(target.base, cookies) for cookies in target.cookies(n)]
    memory = {}

    async def run():
        await asyncio.gather(*(s.open() for s in sessions))
        memory["open"] = rss_mb(target.pids)
        await run_sessions(sessions, plan, opened=True)
    asyncio.run(run())
    times = [t * 1000 for s in sessions for t in s.times]
    return {"median": statistics.median(times), "worst": max(times), "memory": memory["open"]}


def memory_per_session(target: Target, extra: int = 10) -> float:
    """MB the server(s) hold for each session opened beyond the first (all on the opening view)."""
    first = [Session(target.base, cookies) for cookies in target.cookies(1)]
    more = [Session(target.base, cookies) for cookies in target.cookies(extra)]

    async def run():
        await asyncio.gather(*(s.open() for s in first))
        await asyncio.sleep(1)
        before = rss_mb(target.pids)
        await asyncio.gather(*(s.open() for s in more))
        await asyncio.sleep(1)
        after = rss_mb(target.pids)
        await asyncio.gather(*(s.close() for s in first + more))
        return (after - before) / extra
    return asyncio.run(run())


def measure(target: Target, redraws: int, label: str) -> list[tuple]:
    views = unique_views()
    rows = []
    for kind in ("same", "different"):
        results = {n: scenario(target, n, kind, redraws, views) for n in (1, 5, 10)}
        one = results[1]
        for n, r in results.items():
            rows.append((label, "la misma vista" if kind == "same" else "vistas distintas", n, r["median"],
                         r["median"] / one["median"], r["worst"], r["worst"] / one["median"], r["memory"]))
    print(f"{label}: {memory_per_session(target):.1f} MB más por cada sesión abierta", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--redraws", type=int, default=6)
    parser.add_argument("--where", choices=("uno", "receta", "ambos"), default="ambos")
    args = parser.parse_args()
    from analysis.cli.commands import main as cli
    from analysis.store import Store
    from benchmarks.bench_import import build_file
    from tests.recipe import Recipe
    from tests.support import EmbeddedPostgres, Server, create_database

    postgres = EmbeddedPostgres()
    try:
        url = create_database(postgres.url(), "banco")
        assert cli(["import", str(build_file(args.rows)), "--db", url]) == 0
        store = Store(url)
        store.accounts.create("banco", "analista", PASSWORD, actor="banco")
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            if args.where != "receta":
                server = Server(url, Path(tmp) / "uno.log")
                try:
                    rows += measure(Target(server.url, [server.process.pid], store), args.redraws, "un proceso")
                finally:
                    server.stop()
            if args.where != "uno":
                recipe = Recipe(url, Path(tmp) / "receta")
                try:
                    rows += measure(Target(recipe.url, recipe.pids(), store, recipe), args.redraws,
                                    "receta (nginx + 2 procesos)")
                finally:
                    recipe.stop()
    finally:
        postgres.stop()
    print(f"Resumen con {args.rows:,} necesidades; {args.redraws} redibujos por sesión, todas a la vez.")
    print(f"{'dónde':<28} {'trabajo':<17} {'sesiones':>8} {'mediana':>9} {'× 1':>6} {'peor':>8} {'× 1':>6} "
          f"{'memoria':>9}")
    for where, kind, n, median, ratio, worst, worst_ratio, memory in rows:
        print(f"{where:<28} {kind:<17} {n:>8} {median:>6.0f} ms {ratio:>5.1f}× {worst:>5.0f} ms {worst_ratio:>5.1f}× "
              f"{memory:>6.0f} MB")


if __name__ == "__main__":
    main()
