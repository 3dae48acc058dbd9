"""Reserved schema version 2: replaced by its owner's migration at merge."""


def migrate(db):
    pass
