"""Demo records (moved here by the kind restructure)."""

from partnerdesk.learning_log_demo import add_demo

__all__ = ["add_demo"]
