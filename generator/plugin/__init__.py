"""The `smartcity` plugin for MkDocs and ProperDocs (`plugin.py`); `engine.py` picks the engine."""


class EngineMissing(ImportError):
    """No site engine (MkDocs or ProperDocs), or no Material: raised by importing `engine`."""
