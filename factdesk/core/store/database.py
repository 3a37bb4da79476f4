"""sqlite-utils' ``Database``, imported without numpy unless numpy is already loaded.

sqlite-utils imports numpy (and pandas) when it is imported, only to map their scalar types to
column types when a table is created from sample rows. factdesk creates every table from
explicit Python types (``schema.py``) and binds plain Python values, so that mapping is never
used, while importing numpy was ~0.2 s of the ~0.3 s a `factdesk claim set` takes. The store
therefore imports sqlite-utils with numpy and pandas hidden for that one import; numpy stays
importable afterwards (the alignment uses it). Only in a process with no other thread (the
command line), so that no thread can be importing numpy while it is hidden; if numpy is
loaded already, or other threads run (the window), sqlite-utils is imported as it is.
"""

from __future__ import annotations

import sys
import threading

_HIDDEN = ("numpy", "pandas")

if "numpy" in sys.modules or threading.active_count() > 1:
    from sqlite_utils import Database
else:
    _saved = {name: sys.modules[name] for name in _HIDDEN if name in sys.modules}
    sys.modules.update(dict.fromkeys(_HIDDEN))  # None: "import numpy" raises ImportError
    try:
        from sqlite_utils import Database
    finally:
        for _name in _HIDDEN:
            if _name in _saved:
                sys.modules[_name] = _saved[_name]
            else:
                sys.modules.pop(_name, None)

__all__ = ["Database"]
