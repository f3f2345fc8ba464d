"""The engine adapter, the only package that imports MkDocs, ProperDocs or Material: the `smartcity`
plugin (`plugin.py`), the build and serve commands (`build.py`); `backend.py` picks the engine."""


class EngineMissing(ImportError):
    """No site engine (MkDocs or ProperDocs), or no Material: raised by importing `engine`."""
