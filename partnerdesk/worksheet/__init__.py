"""The worksheet exercise kind (the workbook's step-by-step activities): its values, operations and demo data."""

KIND = "worksheet"
ORDER = 10
