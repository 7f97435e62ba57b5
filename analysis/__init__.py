"""The Streamlit-free core, in packages along the data's path: reading → layouts → ingest → store →
view → presentation → reports, over the field catalogue (`fields`); `cli` is the command line over it."""
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"  # reference tables, the field catalogue, the theme dictionary
PROJECT = Path(__file__).resolve().parent.parent
