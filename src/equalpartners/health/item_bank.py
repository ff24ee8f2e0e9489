"""What a health check asks about: seven headings, the factors under each, and the statements a
new wave starts with.

The six headings are the ones the well-known collaboration factors inventories use
(environment, membership, process and structure, communication, purpose, resources); synergy
asks whether working together achieves more than each partner could alone. The statements are
written in our own words, as things a partner would say about this partnership, and a wave's
statements can be changed before it opens.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    key: str
    name: str


@dataclass(frozen=True)
class Factor:
    key: str
    heading: str
    name: str


HEADINGS = (
    Heading("environment", "Environment"),
    Heading("membership", "Membership"),
    Heading("process", "Process and structure"),
    Heading("communication", "Communication"),
    Heading("purpose", "Purpose"),
    Heading("resources", "Resources"),
    Heading("synergy", "Synergy"),
)

FACTORS = (
    Factor("history", "environment", "A track record of working together"),
    Factor("standing", "environment", "Seen as a credible voice"),
    Factor("climate", "environment", "A climate that favours our work"),
    Factor("respect", "membership", "Respect and trust between partners"),
    Factor("mix", "membership", "The right mix of organisations and people"),
    Factor("benefit", "membership", "Each partner gains from taking part"),
    Factor("give_and_take", "membership", "Willingness to give and take"),
    Factor("ownership", "process", "Shared ownership of the work and its results"),
    Factor("every_level", "process", "Involvement at every level"),
    Factor("flexibility", "process", "Flexible and able to adapt"),
    Factor("roles", "process", "Clear roles and ways of deciding"),
    Factor("pace", "process", "A pace that suits us"),
    Factor("open_communication", "communication", "Open, regular communication"),
    Factor("informal_links", "communication", "Informal links between people"),
    Factor("goals", "purpose", "Clear goals within reach"),
    Factor("vision", "purpose", "A shared picture of the change we want"),
    Factor("distinct_purpose", "purpose", "A purpose of its own"),
    Factor("capacity", "resources", "Enough time, money and people"),
    Factor("convening", "resources", "Leadership that brings partners together"),
    Factor("more_together", "synergy", "Achieving more together"),
    Factor("learning", "synergy", "Learning that changes practice"),
)

HEADING_NAMES = {heading.key: heading.name for heading in HEADINGS}
FACTOR_BY_KEY = {factor.key: factor for factor in FACTORS}
FACTOR_CHOICES = [
    (heading.name, [(f.key, f.name) for f in FACTORS if f.heading == heading.key])
    for heading in HEADINGS
]

# (factor, statement): the statements a partnership's first wave starts with.
DEFAULT_ITEMS = (
    (
        "history",
        "Before this partnership, our organisations already had experience of doing "
        "things together.",
    ),
    (
        "standing",
        "People outside the partnership see it as a trusted voice on the issues we work on.",
    ),
    (
        "climate",
        "Funders, government and the wider sector currently encourage the kind of work "
        "we do together.",
    ),
    (
        "respect",
        "I trust the people from the other partner organisations to do what they say they will.",
    ),
    (
        "respect",
        "Partners value each other's knowledge and ways of working, even when they "
        "differ from their own.",
    ),
    ("mix", "The organisations and people our aims need are involved in the partnership."),
    ("benefit", "My organisation gets enough out of the partnership to justify the time it gives."),
    ("give_and_take", "When we disagree, partners are willing to meet each other part way."),
    (
        "ownership",
        "People from every partner feel that the partnership's work and results belong to them.",
    ),
    (
        "every_level",
        "Staff at every level, not only leaders, have a part in the partnership's work.",
    ),
    (
        "flexibility",
        "We change our plans when circumstances change, without losing sight of our aims.",
    ),
    ("roles", "I understand who is responsible for what in the partnership."),
    ("roles", "We have agreed how decisions are made, and we keep to that agreement."),
    ("pace", "The partnership moves at a pace that keeps momentum without overloading anyone."),
    ("open_communication", "Information reaches everyone who needs it, in good time."),
    ("open_communication", "I can raise a concern in the partnership and expect it to be heard."),
    (
        "informal_links",
        "I know people in the other partner organisations well enough to pick up "
        "the phone to them.",
    ),
    ("goals", "Our goals are clear, and within reach with the resources we have."),
    ("vision", "Partners share the same picture of what the partnership is trying to change."),
    (
        "distinct_purpose",
        "What this partnership sets out to do is different from what any partner does on its own.",
    ),
    ("capacity", "The partnership has enough time, money and people to do what it has agreed."),
    (
        "convening",
        "The people who convene the partnership bring partners together well and keep "
        "the work moving.",
    ),
    (
        "more_together",
        "Working together, we achieve things that none of our organisations could achieve alone.",
    ),
    (
        "learning",
        "Through the partnership, my organisation has learned things that change how it works.",
    ),
)

# The scale, as the form offers it; "don't know" is stored as no value.
SCALE_CHOICES = [
    ("1", "Strongly disagree"),
    ("2", "Disagree"),
    ("3", "Neither agree nor disagree"),
    ("4", "Agree"),
    ("5", "Strongly agree"),
    ("dont_know", "Don't know"),
]
