"""The `smartcity` command line: click commands (`commands.py`), the questions `new` asks
(`questions.py`) and click's own words in Danish (`cliwords.py`)."""

from .commands import cli, main

__all__ = ["cli", "main"]
