"""Importing the core changes nothing for the rest of the process, and cached frames are named by the code that
built them."""
import subprocess
import sys
from pathlib import Path

from analysis.store import Store, database
from analysis.store.diskcache import code_version
from analysis.view import textindex

ROOT = Path(__file__).resolve().parents[1]
CHECK = """
import argparse, pkgutil, importlib, warnings, plotly.io as pio, pandas as pd
before = (argparse._, pio.templates.default, pd.get_option("mode.copy_on_write"), list(warnings.filters))
import analysis
for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
    if not module.name.endswith("__main__") and ".migrations" not in module.name:
        importlib.import_module(module.name)
after = (argparse._, pio.templates.default, pd.get_option("mode.copy_on_write"), list(warnings.filters))
print(before == after, pio.templates.default)
"""


def test_importing_every_module_leaves_argparse_plotly_pandas_and_warnings_as_they_were():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "plotly"], done.stderr[-2000:]


def test_the_cached_needs_and_text_index_are_named_by_the_code_that_builds_them(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'necesidades.db'}")
    store.needs()
    (cached,) = (tmp_path / "cache").glob("necesidades-*.feather")
    assert cached.stem.endswith(code_version(database))
    assert code_version(database) != code_version(database, textindex)  # every module named counts
