"""Editors for programmes and workshops."""
