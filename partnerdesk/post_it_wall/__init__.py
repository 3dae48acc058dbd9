"""The post-it wall exercise kind: its values, operations, exports, demo data and commands."""

KIND = "post_it_wall"
ORDER = 40
