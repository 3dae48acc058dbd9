"""`python -m partnerdesk`: the scriptable command line."""

import sys

from partnerdesk.cli import main

sys.exit(main())
