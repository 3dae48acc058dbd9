"""Demo records (moved here by the kind restructure)."""

from partnerdesk.boards_demo import add_demo

__all__ = ["add_demo"]
