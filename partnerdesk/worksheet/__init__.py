"""The worksheet exercise kind: its values, operations, exports, demo data and commands."""

KIND = "worksheet"
ORDER = 10
