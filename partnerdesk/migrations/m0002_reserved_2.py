"""Reserved for another feature's migration; the lead replaces this file at merge."""


def migrate(db):
    pass
