"""PartnerDesk's Qt application; imports `partnerdesk`, never the reverse.

The core modules the main window needs are imported here, before any Qt module: once PySide6 is
loaded, its import hook (`shibokensupport.feature`) reads the whole source of each module
imported after it, to see whether that module uses PySide6's `__feature__` switches. For the
core, sqlite-utils and the standard library behind them (160 modules, none of them Qt) that cost
every start-up about 18 ms, a sixth of a bare window's start-up. Imported first, they are read
only once each, by Python.
"""

import argparse  # noqa: F401 - see above
import logging  # noqa: F401
import sqlite3  # noqa: F401

from partnerdesk import agenda, backups, exercises, paths, records, resources, store  # noqa: F401
