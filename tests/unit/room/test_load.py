"""65 phones on 127.0.0.1 join at once, each answers the audit and adds 5 post-its: nothing is
lost or doubled. (How fast is the bench's business: bench/case_room.py prints the 95th
percentile.)"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from partnerdesk.behaviours_audit import values as audit
from tests.unit.room.crowd import audit_answers, post_it_text, run_crowd

PHONES = 65


@pytest.mark.slow
def test_sixty_five_phones_at_once_lose_nothing_and_double_nothing(room):
    from partnerdesk.post_it_wall import values as wall

    zones = ["pink", "yellow", "green", "blue"]
    result = asyncio.run(run_crowd(
        room.server.address, room.code, PHONES,
        open_audit=lambda: room.open("audit", "audit"),
        open_wall=lambda: (room.open("wall", "postit"), zones)))
    assert result.failures == []
    assert room.server.session.joined == PHONES

    def read(ws):
        found = audit.round_for_exercise(ws, room.ids["audit"])
        return audit.responses(ws, found.id), wall.post_its(ws, room.ids["wall"])

    responses, post_its = room.read(read)
    comments = Counter(a.comment for r in responses for a in r.answers.values())
    expected = Counter(a["comment"] for n in range(PHONES) for a in audit_answers(n))
    assert len(responses) == PHONES and comments == expected
    texts = Counter(p.text for p in post_its)
    assert texts == Counter(post_it_text(n, k) for n in range(PHONES) for k in range(5))
