"""Everything a workshop or a programme produced, outside the app: board and wall drawings as
PDF, SVG and PNG (`drawings`), and the folder that holds the report, the CSVs, the images and a
README (`folder`). Learning logs are never part of it: they stay with each participant.

Shared by every exercise kind, not a kind itself (no `KIND`). It finds a kind's drawings through
its `report` module (`drawings(ws, exercise)` or `drawing(ws, exercise)`) and its CSV through its
`export` module (`export_csv(ws, exercise) -> list[(name, bytes)]`), never by the kind's name.
"""
