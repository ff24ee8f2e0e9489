"""The fictional names, titles and weights the large-partnership generator draws from.

Partner and other organisations, first and last names, job titles by role, the weights of the
roles, activity kinds and time zones, themes, title topics and templates, venues and related
initiatives: the word lists ``equalpartners.demo.large`` picks from, with its seeded random
generator, to build a partnership. Everyone and everything here is fictional.
"""

from __future__ import annotations

from equalpartners.core.capabilities import Role
from equalpartners.partnerships.models import Sector
from equalpartners.programme.models import ActivityKind

# (name, short name, sector, remit): the twelve partner organisations.
PARTNER_ORGANISATIONS = [
    ("Northern Leadership Alliance", "NLA", Sector.THIRD, "Leadership"),
    ("Children First Network", "CFN", Sector.THIRD, "Children"),
    ("Community Health Voice", "CHV", Sector.THIRD, "Health"),
    ("Department for Communities", "DfC", Sector.GOVERNMENT, "Public service reform"),
    ("Lowland Health Board", "LHB", Sector.PUBLIC, "Public health"),
    ("Riverside City Council", "RCC", Sector.PUBLIC, "Local services"),
    ("Coastal County Council", "CCC", Sector.PUBLIC, "Children's services"),
    ("Institute for Social Research", "ISR", Sector.ACADEMIC, "Research and evidence"),
    ("Glen University", "GU", Sector.ACADEMIC, "Learning and development"),
    ("Fair Work Foundation", "FWF", Sector.PRIVATE, "Fair work"),
    ("Neighbourhood Assets Trust", "NAT", Sector.COMMUNITY, "Community assets"),
    ("Rural Voices Network", "RVN", Sector.COMMUNITY, "Rural communities"),
]
# Organisations people work for that are not partners themselves.
OTHER_ORGANISATIONS = [
    (f"{place} {kind}", sector)
    for place in ("Ardmore", "Ballater", "Carrick", "Dunmore", "Elgin Vale", "Fernhill")
    for kind, sector in (
        ("Volunteer Centre", Sector.THIRD),
        ("Health and Care Partnership", Sector.PUBLIC),
        ("Youth Trust", Sector.COMMUNITY),
        ("Housing Association", Sector.THIRD),
        ("Business Forum", Sector.PRIVATE),
    )
]
FIRST_NAMES = [
    "Aileen",
    "Alasdair",
    "Amir",
    "Anna",
    "Ben",
    "Catriona",
    "Chen",
    "Craig",
    "Deborah",
    "Dev",
    "Eilidh",
    "Ewan",
    "Fatima",
    "Fiona",
    "Gordon",
    "Grace",
    "Hamish",
    "Hannah",
    "Iain",
    "Isla",
    "James",
    "Jen",
    "Kenneth",
    "Kirsty",
    "Lewis",
    "Lorna",
    "Mairi",
    "Marek",
    "Morag",
    "Neil",
    "Niamh",
    "Olu",
    "Paul",
    "Priya",
    "Rachel",
    "Ross",
    "Ruth",
    "Sam",
    "Shona",
    "Tariq",
    "Tom",
    "Una",
    "Wei",
    "Yusuf",
    "Zofia",
]
LAST_NAMES = [
    "Aitken",
    "Ali",
    "Anderson",
    "Barr",
    "Bell",
    "Brown",
    "Campbell",
    "Crawford",
    "Doherty",
    "Fraser",
    "Grant",
    "Hussain",
    "Kerr",
    "Kowalska",
    "Lindsay",
    "MacDonald",
    "MacLeod",
    "Mitchell",
    "Morrison",
    "Munro",
    "Murray",
    "Nair",
    "Nowak",
    "Okafor",
    "Paterson",
    "Rahman",
    "Reid",
    "Ritchie",
    "Robertson",
    "Scott",
    "Simpson",
    "Stewart",
    "Thomson",
    "Watt",
    "Wilson",
    "Young",
    "Zhang",
]
JOB_TITLES = {
    Role.COORDINATOR: ["Partnership coordinator"],
    Role.PARTNER_LEAD: ["Chief executive", "Director", "Head of policy", "Head of partnerships"],
    Role.STAFF: [
        "Programme officer",
        "Policy officer",
        "Events manager",
        "Development officer",
        "Communications officer",
        "Learning officer",
        "Participation worker",
    ],
    Role.BOARD_MEMBER: ["Board member", "Board chair", "Treasurer", "Trustee"],
    Role.PUBLIC_PARTNER: [
        "Policy manager",
        "Service manager",
        "Civil servant",
        "Community planning officer",
    ],
    Role.GUEST: ["Researcher", "Volunteer", "Consultant", "Network member"],
}
# Roles of everyone else, by weight (the coordinators and partner leads are placed first).
ROLE_WEIGHTS = {
    Role.STAFF: 50,
    Role.BOARD_MEMBER: 10,
    Role.PUBLIC_PARTNER: 20,
    Role.GUEST: 20,
}
THEMES = [
    "Leadership",
    "Children and young people",
    "Health and wellbeing",
    "Tackling inequalities",
    "Public service reform",
    "Assets-based approach",
    "Networks",
    "Governance",
    "Partnership working",
    "Fair work",
    "Rural communities",
    "Housing",
    "Mental health",
    "Early years",
    "Digital inclusion",
    "Climate and communities",
    "Volunteering",
    "Evidence and evaluation",
]
KIND_WEIGHTS = {
    ActivityKind.EVENT: 25,
    ActivityKind.ROUNDTABLE: 20,
    ActivityKind.SUMMIT: 4,
    ActivityKind.GATHERING_SESSION: 10,
    ActivityKind.BOARD_SESSION: 8,
    ActivityKind.STAFF_EXCHANGE: 12,
    ActivityKind.RESEARCH: 8,
    ActivityKind.OTHER: 13,
}
TITLE_TOPICS = [
    "leading across sectors",
    "children's rights in practice",
    "health inequalities",
    "assets-based approaches",
    "the fair work agenda",
    "rural services",
    "early intervention",
    "co-production with communities",
    "shared budgets",
    "workforce wellbeing",
    "data and evidence",
    "trauma-informed practice",
    "community anchors",
    "digital services",
    "place-based working",
    "prevention",
    "volunteering futures",
    "housing and health",
]
KIND_TITLES = {
    ActivityKind.EVENT: "Learning event: {topic}",
    ActivityKind.ROUNDTABLE: "Roundtable on {topic}",
    ActivityKind.SUMMIT: "Partnership summit: {topic}",
    ActivityKind.GATHERING_SESSION: "Gathering session: {topic}",
    ActivityKind.BOARD_SESSION: "Boards together: {topic}",
    ActivityKind.STAFF_EXCHANGE: "Staff exchange on {topic}",
    ActivityKind.RESEARCH: "Research: {topic}",
    ActivityKind.OTHER: "Working group: {topic}",
}
VENUES = [
    "Edinburgh",
    "Glasgow",
    "Dundee",
    "Aberdeen",
    "Inverness",
    "Perth",
    "Stirling",
    "Dumfries",
    "Online",
    "Brussels",
    "Belfast",
    "Cardiff",
]
# (zone, weight): most activities are local; a few are with partners abroad.
TIME_ZONES = [
    ("Europe/London", 85),
    ("Europe/Brussels", 8),
    ("America/New_York", 4),
    ("Asia/Kolkata", 3),
]
INITIATIVES = [
    ("Leaders' Forum", "Senior leaders across public services working on shared outcomes."),
    ("Workforce Development Network", "Shared learning and development across sectors."),
    ("Children's Rights Alliance", "Putting the rights of the child into everyday practice."),
    ("Health Inequalities Coalition", "Organisations working to close the health gap."),
    ("Community Wealth Programme", "Local anchors keeping wealth in their communities."),
    ("Fair Work Convention", "Fair work for the third and public sector workforce."),
    ("Rural Services Compact", "Keeping services close to rural communities."),
    ("Open Data Collaborative", "Sharing data and evidence between partners."),
]
