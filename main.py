"""Start PartnerDesk: `python main.py [--workspace PATH]`."""

import sys

from ui.app import run

if __name__ == "__main__":
    sys.exit(run(sys.argv))
