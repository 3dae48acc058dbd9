"""The quadrant board exercise kind: its values, operations, exports, demo data and commands."""

KIND = "quadrant_board"
ORDER = 20
