"""The command line over the same functions the dashboard uses: `python -m analysis …`."""
from analysis.cli.commands import main

__all__ = ["main"]
