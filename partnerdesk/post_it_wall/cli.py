"""Commands (moved here by the kind restructure)."""

import partnerdesk.walls_cli  # noqa: F401  (registers its commands)
