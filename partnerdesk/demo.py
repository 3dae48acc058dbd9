"""The demo workspace, built from the source documents (see shared/seeds/README.md).

The foundation adds the *NHS Partners in Cornwall* programme and the one-day *Collaborative
Working* workshop; each exercise kind adds its own records through its package's `demo.add_demo` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from partnerdesk.errors import StorageError
from partnerdesk.store import Workspace

CORNWALL_TITLE = "NHS Partners in Cornwall"
ONE_DAY_TITLE = "Collaborative Working"

CORNWALL_ORGANISATIONS = (
    "Royal Cornwall Hospitals Trust",
    "NHS Cornwall and Isles of Scilly",
    "Cornwall Partnership NHS Trust",
)

# Six half-day sessions between October 2009 and March 2010, on the programme's core modules.
CORNWALL_SESSIONS = (
    ("2009-10-14", "What is a partnership? Principles and processes of partnership working"),
    ("2009-11-11", "The trade union perspective on partnership working"),
    ("2009-12-09", "The NHS Constitution"),
    ("2010-01-13", "Quality and productivity: the NHS South West framework"),
    ("2010-02-10", "Skills and behaviour for effective partnership working"),
    ("2010-03-10", "Communication and conflict resolution (with the React theatre group)"),
)

# "The programme started with approximately 22 participants; the number then grew to 26 and
# towards the end of the six months dropped back to 18."
CORNWALL_ATTENDANCE = (22, 24, 26, 24, 21, 18)

# Fictional participants: ten from each organisation, about half managers, half staff side.
CORNWALL_PEOPLE = (
    ("Alison Trewin", "Head of Workforce Development", "management"),
    ("Jago Penrose", "Unison branch secretary", "staff side"),
    ("Morwenna Pascoe", "Ward manager", "management"),
    ("Derek Hocking", "RCN steward", "staff side"),
    ("Priya Nair", "Service improvement lead", "management"),
    ("Tom Rowe", "Unite representative", "staff side"),
    ("Kerensa Williams", "HR business partner", "management"),
    ("Sam Polglase", "Health and safety representative", "staff side"),
    ("Helen Curnow", "Matron", "management"),
    ("Mike Angove", "GMB representative", "staff side"),
)

# The workbook's sample programme (09.30 Registration ... 16.00 Close).
SAMPLE_PROGRAMME = (
    ("09:30", 30, "Registration and Refreshment", ""),
    ("10:00", 10, "Introductions, agenda, resources and partnership scenarios", ""),
    (
        "10:10",
        70,
        "Concepts and Contexts of Collaboration",
        "Collaborative Experience; Understanding Collaboration; Partnership Development and "
        "Lifecycles; Partnership Programmes and Challenges",
    ),
    ("11:20", 10, "Refreshment", ""),
    (
        "11:30",
        60,
        "Creating a Climate for Change",
        "Reviewing Stakeholder Involvement; Understanding Culture; Conflict, Change and Motivation",
    ),
    ("12:30", 60, "Lunch", ""),
    (
        "13:30",
        90,
        "Influencing and Negotiation",
        "Developing and Managing Relationships; Partnership Perspectives; Key Skills to "
        "Partnership Development",
    ),
    ("15:00", 15, "Refreshment", ""),
    ("15:15", 45, "Session Feedback and Reflection", ""),
    ("16:00", 0, "Close", ""),
)

# The four groups of the workbook's feedback to Activity 3.
ONE_DAY_GROUPS = (
    "Community Safety Partnership",
    "Local Strategic Partnership",
    "Drug & Alcohol Partnership",
    "Teenage Pregnancy team",
)

ONE_DAY_PEOPLE = (
    ("Zoë Harding", "Cornwall Council", "Community safety officer", "other"),
    ("Łukasz Nowak", "Devon and Cornwall Police", "Neighbourhood inspector", "other"),
    ("Aisha Rahman", "NHS Cornwall and Isles of Scilly", "Public health lead", "management"),
    ("Gareth Jones", "Drug and Alcohol Action Team", "Commissioning manager", "management"),
    ("Ngọc Tran", "Cornwall Voluntary Sector Forum", "Development worker", "other"),
    ("Bridget O'Neill", "Cornwall Council", "Youth service manager", "management"),
    ("Tomás Dvořák", "Unison", "Branch officer", "staff side"),
    ("Wang Fang (王芳)", "Royal Cornwall Hospitals Trust", "Sexual health nurse", "staff side"),
    ("Ruth Kitto", "Cornwall Housing", "Tenancy support lead", "other"),
    ("Dan Mitchell", "Fire and Rescue Service", "Prevention manager", "management"),
    ("Sian Roberts", "Connexions Cornwall", "Personal adviser", "other"),
    ("Peter Oates", "Probation Service", "Senior probation officer", "management"),
)


@dataclass
class DemoIds:
    """Ids of the foundation's demo records, for the exercise hooks to build on."""

    programme_id: str = ""
    session_ids: list[str] = field(default_factory=list)
    one_day_workshop_id: str = ""
    group_ids: dict[str, str] = field(default_factory=dict)
    programme_participant_ids: list[str] = field(default_factory=list)
    one_day_participant_ids: list[str] = field(default_factory=list)


def demo_hooks() -> list[Callable[[Workspace, DemoIds], None]]:
    """Each exercise kind's `demo.add_demo(ws, ids)`, in workbook order (`partnerdesk.kinds`)."""
    from partnerdesk.kinds import kind_ids, kind_module

    return [module.add_demo for kind in kind_ids() if (module := kind_module(kind, "demo"))]


def build_demo(path: Path | str) -> Path:
    """Write a new demo workspace at `path`; refuses to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise StorageError("A file already exists there; the demo is never written over it.", path)
    with Workspace.open(path, create=True) as ws, ws.atomic():
        ids = _foundation(ws)
        for hook in demo_hooks():
            hook(ws, ids)
    return path


def _foundation(ws: Workspace) -> DemoIds:
    ids = DemoIds()
    ids.programme_id = ws.insert(
        "programmes",
        {
            "title": CORNWALL_TITLE,
            "description": (
                "A pilot learning and development programme for managers and trade union "
                "representatives of the three Cornwall NHS organisations: six half-day sessions "
                "from October 2009 to March 2010."
            ),
        },
    )
    people = []
    for org_index, organisation in enumerate(CORNWALL_ORGANISATIONS):
        for person_index, (name, role, side) in enumerate(CORNWALL_PEOPLE):
            first = name.split(" ", 1)[0]
            # Give each organisation its own people: rotate surnames across organisations.
            surname = CORNWALL_PEOPLE[(person_index + 3 * org_index) % len(CORNWALL_PEOPLE)][0]
            unique = f"{first} {surname.split(' ', 1)[1]}" if org_index else name
            people.append(
                {
                    "programme_id": ids.programme_id,
                    "name": unique,
                    "organisation": organisation,
                    "role": role,
                    "side": side,
                }
            )
    ids.programme_participant_ids = ws.insert_many("participants", people)
    for (date, title), count in zip(CORNWALL_SESSIONS, CORNWALL_ATTENDANCE, strict=True):
        session_number = len(ids.session_ids) + 1
        workshop_id = ws.insert(
            "workshops",
            {
                "programme_id": ids.programme_id,
                "title": f"Session {session_number}: {title}",
                "date": date,
                "venue": "Truro, Cornwall",
            },
        )
        ids.session_ids.append(workshop_id)
        ws.insert_many(
            "agenda_items",
            [
                {"workshop_id": workshop_id, "position": 1, "start_time": "13:30",
                 "duration_minutes": 15, "title": "Welcome and review of the last session"},
                {"workshop_id": workshop_id, "position": 2, "start_time": "13:45",
                 "duration_minutes": 120, "title": title},
                {"workshop_id": workshop_id, "position": 3, "start_time": "15:45",
                 "duration_minutes": 15, "title": "Session evaluation and learning log"},
            ],
        )
        # Rotate who attends so that each session has its own mix but the counts match.
        start = (session_number * 7) % len(people)
        chosen = [
            ids.programme_participant_ids[(start + i) % len(people)] for i in range(count)
        ]
        ws.insert_many(
            "attendance",
            [{"workshop_id": workshop_id, "participant_id": pid} for pid in chosen],
        )

    ids.one_day_workshop_id = ws.insert(
        "workshops",
        {"programme_id": None, "title": ONE_DAY_TITLE, "date": "2010-06-17",
         "venue": "Committee Room 1, County Hall, Truro"},
    )
    ws.insert_many(
        "agenda_items",
        [
            {"workshop_id": ids.one_day_workshop_id, "position": n, "start_time": start,
             "duration_minutes": minutes, "title": title, "notes": notes}
            for n, (start, minutes, title, notes) in enumerate(SAMPLE_PROGRAMME, start=1)
        ],
    )
    for n, name in enumerate(ONE_DAY_GROUPS, start=1):
        ids.group_ids[name] = ws.insert(
            "small_groups", {"workshop_id": ids.one_day_workshop_id, "name": name, "position": n}
        )
    ids.one_day_participant_ids = ws.insert_many(
        "participants",
        [
            {"workshop_id": ids.one_day_workshop_id, "name": name, "organisation": org,
             "role": role, "side": side}
            for name, org, role, side in ONE_DAY_PEOPLE
        ],
    )
    ws.insert_many(
        "attendance",
        [{"workshop_id": ids.one_day_workshop_id, "participant_id": pid}
         for pid in ids.one_day_participant_ids],
    )
    return ids
