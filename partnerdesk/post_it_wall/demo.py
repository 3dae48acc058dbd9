"""Demo post-it walls: evaluation walls, and the workbook's feedback to Activities 1, 2 and 5 in its words."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnerdesk import records
from partnerdesk.post_it_wall import KIND
from partnerdesk.post_it_wall.layout import next_free_slots, tidy_positions, zone_columns
from partnerdesk.post_it_wall.values import MAX_AUTHOR, POST_ITS, THEMES, clean_text, post_its_by_id, wall_template
from partnerdesk.store import Workspace

if TYPE_CHECKING:
    # Only for the type: partnerdesk.demo finds this module's hook and calls it.
    from partnerdesk.demo import DemoIds


@dataclass(frozen=True)
class DemoPostIt:
    text: str
    votes: int = 0
    author: str = ""
    theme: str = ""


def _n(text: str, votes: int = 0, author: str = "", theme: str = "") -> DemoPostIt:
    return DemoPostIt(text, votes, author, theme)


# Plausible post-its for the one-day Collaborative Working workshop's evaluation wall.
ONE_DAY_EVALUATION = {
    "pink": [
        _n("Meeting people from other organisations", 5, theme="Meeting others"),
        _n("Good mix of agencies in each group", 2, theme="Meeting others"),
        _n("The role play: seeing it from the community representative's side", 4),
        _n("Stakeholder matrix was practical", 4),
        _n("Relaxed, friendly facilitation", 1),
    ],
    "yellow": [
        _n("Use the stakeholder matrix at the start of our next project", 3),
        _n("Ask partners what they are bringing and taking away, at the START", 3, author="Zoë Harding"),
        _n("Reaching understanding without agreement is OK", 2),
        _n("Check which purpose our partnership is for: co-operation or co-evolution?"),
        _n("Less jargon in partnership meetings", 1),
    ],
    "green": [
        _n("Conflict resolution skills", 4),
        _n("Negotiation and influencing", 2),
        _n("Chairing partnership meetings"),
        _n("Evaluating partnership outcomes", 1),
    ],
    "blue": [
        _n("More time for the role play", 3),
        _n("Send the workbook out before the day"),
        _n("Room too warm: more breaks, please"),
    ],
}

# A Cornwall session on skills and behaviour (session 5).
CORNWALL_EVALUATION = {
    "pink": [
        _n("Managers and staff side in the same small groups", 5),
        _n("Honest discussion about trust", 3),
        _n("Walking in each other's shoes exercise", 4),
    ],
    "yellow": [
        _n("Listen first, then respond", 2),
        _n("Bring staff side in before decisions, not after", 6),
        _n("Use the Social Partnership Forum principles in our JNCC"),
    ],
    "green": [
        _n("Communication and conflict resolution", 4),
        _n("Understanding the NHS Constitution pledges"),
    ],
    "blue": [
        _n("Sessions are too short for the content", 2),
        _n("Hold one session in the west of the county"),
    ],
}

# Feedback Activity 1, in the workbook's words.
ACTIVITY_1 = {
    "positive_experiences": [
        "setting up a domestic violence forum",
        "participating in an intermediate care team where despite very different skills the team "
        "worked well together",
        "working in a locality-based Healthy Schools team",
    ],
    "skills_used": ["listening", "questioning", "being focussed", "planning", "finding solutions",
                    "informing and supporting"],
    "skill_difficulties": [
        "empathy and understanding the other's viewpoint", "sharing vision", "openness and honesty",
        "leadership", "evaluating outcomes", "delegating when not in a hierarchical relationship",
        "getting buy-in",
    ],
}

# Feedback Activity 2, in the workbook's words. The workbook does not say which group reported
# which point, so the demo shares each list between the case-study and own-experience groups.
ACTIVITY_2_OPPORTUNITIES = (
    "Access to more resources through the LSP", "Economy of scale", "Building relationships",
    "More publicity & awareness", "Local and national connections", "Building on existing partnership",
    "Recognition of others' needs and views", "Press release on successes",
    "Strategic partnership enabled pilot for county-wide work",
    "Local and national targets coming together", "Clear terms of reference",
    "Using skills of sub-groups", "Sharing ideas", "Reviewing action plans", "Networking",
)
ACTIVITY_2_CHALLENGES = (
    "Lack of transparency", "Power struggle", "Feeling threatened",
    "Lack of clarity & agreement over priorities", "Ability to combine initiatives to meet overall aims",
    "Dovetailing national objectives into local priorities", "Finding resources, moving existing funds",
    "Understanding motivation of individual leader", "Differing objectives", "Lack of shared vision",
    "Bringing in new people", "Lack of leadership", "Different priorities",
    "Lack of governance, accountability", "Finding the right people", "Agreeing outcomes",
    "Decision-making processes", "Leadership and capacity", "Budgets and finance",
)

# Feedback Activity 5, in the workbook's words.
ACTIVITY_5 = {
    "feel": ["Isolated", "Reserved", "Challenged", "Defensive", "Intimidated", "Vulnerable", "Anxious",
             "Concerned", "Unsure of role", "Involved in control", "Machiavellian", "Disempowered",
             "Not listened to", "Misunderstood", "Under pressure", "Nervous", "Responsible",
             "Keen to support", "Positive"],
    "need": ["Clarity of role", "Affirmation", "Assurance", "Information", "Context",
             "Constructive participation", "Clear aims and objectives", "Suggestions from others",
             "Support", "Introductions", "Respect", "Understanding", "To be valued",
             "Knowledge of partner Organisations"],
    "direction": ["Need to devote time to external / ad hoc members", "Terms of reference",
                  "Shared vision"],
    "knew_others": ["Statutory bodies knew each other", "Only partially", "Some existing networks",
                    "Difficult for new members"],
    "skills": ["Funding", "Negotiation skills", "needs assessment", "Mapping of current services",
               "Evidence based work", "Patience", "Conflict resolution", "Note taking", "Good chairing"],
    "barriers": ["Lack of information", "Cash", "Emotional support", "Communication", "Jargon",
                 "Lack of authority", "Lack of vision/focus", "Lack of community engagement",
                 "Lack of clarity of role", "Lack of evidence", "Lack of support from line manager"],
    "opportunities": ["Find imaginative ways to involve more of the public",
                      "Set up service user focus group", "Pooling of resources",
                      "Service that meets many agendas", "Opportunity to network", "Empowerment",
                      "Social inclusion / justice", "Sharing good practice", "Meeting targets"],
    "encouraged": ["Encouraged by working on social inclusion in whole community",
                   "Discouraged by: own use of jargon",
                   "lack of clarity of current agenda – how to communicate this to others",
                   "Difficulty of getting to agreement/action", "Service user tokenism",
                   "Recognition that community members are in 'own time'",
                   "Need support to engage community properly"],
    "differently": ["Evaluate own role in partnership", "use stakeholder analysis",
                    "Ask what members are bringing/taking away at START", "More confidence to speak up",
                    "Reaching understanding without agreement is OK",
                    "Clarifying objectives of partnership and roles of partners"],
}

# Box 1 of Pratt, Plamping and Gordon, as a room might sort it.
BOX_1 = {
    "promise": ["energy", "surprises", "friendship", "values", "learning", "relationships"],
    "frustration": ["battlefield", "talking shop", "cost", "power", "tedious", "exhaustion", "time",
                    "irrelevant", "ignorance", "paper", "conflict", "politics", "excluding", "agendas"],
}


def add_wall(
    ws: Workspace,
    workshop_id: str,
    template_id: str,
    content: Mapping[str, Sequence[DemoPostIt | str]],
    title: str | None = None,
    settings: Mapping[str, object] | None = None,
) -> str:
    """Add a wall exercise with its post-its, themes grouped and each zone tidied."""
    wall = wall_template(template_id)
    exercise_id = ws.insert("exercises", {
        "workshop_id": workshop_id, "kind": KIND, "template": template_id,
        "title": title or wall.title, "settings": json.dumps(dict(settings or {}), sort_keys=True),
        "position": records.next_position(ws, "exercises", {"workshop_id": workshop_id}),
    })
    for zone in wall.zones:
        items = [i if isinstance(i, DemoPostIt) else DemoPostIt(i) for i in content.get(zone.key, ())]
        if not items:
            continue
        themes = {}
        for name in dict.fromkeys(i.theme for i in items if i.theme):
            themes[name] = ws.insert(THEMES, {"exercise_id": exercise_id, "zone": zone.key, "name": name})
        columns = zone_columns(len(items))
        slots = next_free_slots([], len(items), columns)
        rows = [{"exercise_id": exercise_id, "zone": zone.key, "text": clean_text(item.text),
                 "author": clean_text(item.author, MAX_AUTHOR), "x": x, "y": y, "hidden": 0,
                 "votes": item.votes, "cluster_id": themes.get(item.theme)}
                for item, (x, y) in zip(items, slots, strict=True)]
        ids = ws.insert_many(POST_ITS, rows)
        placed = list(post_its_by_id(ws, ids).values())
        tidy = tidy_positions(placed, {tid: name for name, tid in themes.items()}, columns)
        ws.update_many(POST_ITS, {i: {"x": tidy[i][0], "y": tidy[i][1]} for i in ids})
    return exercise_id


def add_demo(ws: Workspace, ids: DemoIds) -> None:
    """The demo hook (found by `partnerdesk.kinds`)."""
    day = ids.one_day_workshop_id
    add_wall(ws, day, "collaborative-experiences-feedback", ACTIVITY_1,
             title="Feedback Activity 1: collaborative experiences")
    half = len(ACTIVITY_2_OPPORTUNITIES) // 2
    split = len(ACTIVITY_2_CHALLENGES) // 2
    add_wall(ws, day, "opportunities-challenges", {
        "opportunities_case_study": ACTIVITY_2_OPPORTUNITIES[:half],
        "opportunities_own_experience": ACTIVITY_2_OPPORTUNITIES[half:],
        "challenges_case_study": ACTIVITY_2_CHALLENGES[:split],
        "challenges_own_experience": ACTIVITY_2_CHALLENGES[split:],
    }, title="Feedback Activity 2: opportunities and challenges")
    add_wall(ws, day, "role-play-reflection", ACTIVITY_5, title="Feedback Activity 5: role play reflection")
    add_wall(ws, day, "words-for-partnership", BOX_1, title="Words for the experience of partnership")
    add_wall(ws, day, "evaluation-wall", ONE_DAY_EVALUATION, title="Session evaluation wall",
             settings={"dots_per_participant": 3})
    if len(ids.session_ids) >= 5:
        add_wall(ws, ids.session_ids[4], "evaluation-wall", CORNWALL_EVALUATION,
                 title="Session evaluation wall", settings={"dots_per_participant": 3})
