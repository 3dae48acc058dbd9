"""The behaviours audit exercise kind: its values, operations, exports, demo data and commands."""

KIND = "behaviours_audit"
ORDER = 50
