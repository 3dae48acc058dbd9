"""PartnerDesk's Qt application; imports `partnerdesk`, never the reverse.

The core modules the main window needs are imported here, before any Qt module: once PySide6 is
loaded, its import hook (`shibokensupport.feature`) reads the whole source of each module
imported after it, to see whether that module uses PySide6's `__feature__` switches. Imported
first, the core and the standard library behind it are read only once each, by Python.
sqlite-utils is not among them: the store makes its `Database` at the first write, and the app
just after the first paint (`partnerdesk.file_guard.FileGuard.db`).
"""

import argparse  # noqa: F401 - see above
import logging  # noqa: F401
import sqlite3  # noqa: F401

from partnerdesk import agenda, backups, exercises, paths, records, resources, store  # noqa: F401
