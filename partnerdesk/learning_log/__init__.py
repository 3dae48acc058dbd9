"""The learning log exercise kind: its values, operations, exports, demo data and commands."""

KIND = "learning_log"
ORDER = 30
