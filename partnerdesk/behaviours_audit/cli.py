"""Commands (moved here by the kind restructure)."""

import partnerdesk.audit_cli  # noqa: F401  (registers its commands)
