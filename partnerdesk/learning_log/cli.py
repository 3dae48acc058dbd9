"""Commands (moved here by the kind restructure)."""

import partnerdesk.cli_logs  # noqa: F401  (registers its commands)
