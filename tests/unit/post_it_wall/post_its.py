"""Post-its made by hand for the wall's tests."""

from __future__ import annotations

from partnerdesk.post_it_wall.layout import ZONE_HEADER, ZONE_MARGIN
from partnerdesk.post_it_wall.values import PostIt


def make_post_it(nid="n1", zone="pink", text="t", x=ZONE_MARGIN, y=ZONE_HEADER, votes=0, theme=None,
                 hidden=False, author=""):
    return PostIt(id=nid, exercise_id="e", zone=zone, text=text, author=author, x=x, y=y, hidden=hidden,
                  votes=votes, theme_id=theme)

def row(exercise_id, zone, text, position=(16.0, 96.0), theme=None):
    """A post-it's store row, as the file holds it (tests write some directly)."""
    return {"exercise_id": exercise_id, "zone": zone, "text": text, "author": "", "x": position[0],
            "y": position[1], "hidden": 0, "votes": 0, "cluster_id": theme}
