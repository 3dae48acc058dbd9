"""Start PartnerDesk: `python main.py [--workspace PATH]`."""

import gc
import sys

# Python's cyclic garbage collector waits until the first window is painted (`ui.app.run` turns
# it back on then): loading the modules and building the window make hundreds of thousands of
# objects, none of them garbage yet, and collecting them over and over along the way is about
# 2% of the start-up (bench/startup_instructions.py).
gc.disable()

from ui.app import run  # noqa: E402 - after the collector is paused

if __name__ == "__main__":
    sys.exit(run(sys.argv))
