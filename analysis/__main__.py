"""Entry point of `python -m analysis`."""
import sys

from analysis.cli.commands import main

sys.exit(main())
