"""Demo records (moved here by the kind restructure)."""

from partnerdesk.walls_demo import add_demo

__all__ = ["add_demo"]
