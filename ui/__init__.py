"""PartnerDesk's Qt application; imports `partnerdesk`, never the reverse.

The core modules the main window needs are imported here, before any Qt module: once PySide6 is
loaded, its import hook (`shibokensupport.feature`) reads the whole source of each module
imported after it, to see whether that module uses PySide6's `__feature__` switches. Imported
first, the core and the standard library behind it are read only once each, by Python.
sqlite-utils is not among them: the store makes its `Database` at the first write, and the app
just after the first paint (`partnerdesk.file_guard.FileGuard.db`).

The hook also reads the source of every module an `import` statement names after PySide6 has
loaded, even one loaded long before (`import os` in a ui module reads os.py again): some 19M
instructions before the first paint. So once the core is in, PySide6 is loaded here and every
module already loaded is entered in the hook's table as PySide6's "ignore this module" (-1):
none of them can have chosen a `__feature__` (that needs PySide6 loaded first), and PartnerDesk
chooses none anywhere (tests/ui/test_startup_ui.py), so every module runs with PySide6's
default selection whatever its entry says; the entry only spares the hook reading its source.
"""

import argparse  # noqa: F401 - see above
import importlib
import logging  # noqa: F401
import sqlite3  # noqa: F401
import sys

from partnerdesk import agenda, backups, exercises, paths, records, resources, store  # noqa: F401


def _enter_loaded_modules() -> None:
    """Load PySide6, then enter every module loaded so far in its `__feature__` table as
    "ignore" (-1)."""
    importlib.import_module("PySide6.QtCore")  # after the core: see above
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if isinstance(table, dict):  # a PySide6 without it reads each module as before
        for name in list(sys.modules):
            table.setdefault(name, -1)


_enter_loaded_modules()
