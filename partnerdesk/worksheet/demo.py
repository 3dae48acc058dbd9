"""Demo records (moved here by the kind restructure)."""

from partnerdesk.worksheets import add_demo

__all__ = ["add_demo"]
