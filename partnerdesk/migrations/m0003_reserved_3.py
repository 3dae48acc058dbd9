"""Reserved schema version 3: replaced by its owner's migration at merge."""


def migrate(db):
    pass
