"""The quadrant board exercise kind: its values (`values`), its edits
(`operations`) and its demo data (`demo`). It has no command-line commands yet."""

KIND = "quadrant_board"
ORDER = 20
