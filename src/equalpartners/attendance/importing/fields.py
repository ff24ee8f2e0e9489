"""What a column of an attendee list can fill, and the words files use for it.

Our fields (``TARGETS``), each with the normalised headings that mean it in common ticketing
exports (Eventbrite, Tito, Ticket Tailor, Humanitix, Meetup and our own registrations CSV);
``normalise_heading``, how a heading is compared; ``sector_from``, our sector for what a file
writes; and the organiser's questions (``QuestionSpec``) with the mapping key of each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from equalpartners.partnerships.models import Sector


@dataclass(frozen=True)
class Target:
    """One of our fields a column can fill."""

    key: str
    label: str
    max_length: int
    headings: tuple[str, ...]  # normalised (see ``normalise_heading``), best first


TARGETS: tuple[Target, ...] = (
    Target(
        "name",
        "Full name",
        200,
        (
            "name",
            "fullname",
            "attendeename",
            "attendeefullname",
            "ticketfullname",
            "ticketholdername",
            "ticketholder",
            "participantname",
            "delegatename",
            "guestname",
            "contactname",
            "yourname",
        ),
    ),
    Target(
        "first_name",
        "First name",
        200,
        (
            "firstname",
            "ticketfirstname",
            "attendeefirstname",
            "ticketholderfirstname",
            "forename",
            "forenames",
            "givenname",
            "first",
        ),
    ),
    Target(
        "last_name",
        "Last name",
        200,
        (
            "lastname",
            "ticketlastname",
            "attendeelastname",
            "ticketholderlastname",
            "surname",
            "familyname",
            "last",
        ),
    ),
    Target(
        "email",
        "Email",
        254,
        (
            "email",
            "emailaddress",
            "ticketemail",
            "ticketemailaddress",
            "attendeeemail",
            "attendeeemailaddress",
            "ticketholderemail",
            "participantemail",
            "delegateemail",
            "guestemail",
            "youremail",
            "youremailaddress",
        ),
    ),
    Target(
        "organisation",
        "Organisation",
        200,
        (
            "organisation",
            "organization",
            "company",
            "companyname",
            "ticketcompanyname",
            "ticketcompany",
            "attendeecompany",
            "attendeeorganisation",
            "attendeeorganization",
            "organisationname",
            "organizationname",
            "employer",
            "org",
        ),
    ),
    Target("sector", "Sector", 100, ("sector", "organisationsector", "organizationsector")),
    Target(
        "job_title",
        "Job title",
        200,
        (
            "jobtitle",
            "ticketjobtitle",
            "attendeejobtitle",
            "jobrole",
            "position",
            "role",
            "job",
        ),
    ),
    Target(
        "ticket_type",
        "Ticket type",
        100,
        (
            "tickettype",
            "ticket",
            "tickettypename",
            "ticketname",
            "tickettier",
            "ticketclass",
            "release",
        ),
    ),
    Target(
        "access_needs",
        "Access needs",
        2000,
        (
            "accessneeds",
            "accessibilityneeds",
            "accessrequirements",
            "accessibilityrequirements",
            "accessibility",
        ),
    ),
    Target(
        "dietary_needs",
        "Dietary needs",
        300,
        (
            "dietaryneeds",
            "dietaryrequirements",
            "dietaryrestrictions",
            "dietary",
            "diet",
        ),
    ),
)
TARGET_KEYS = tuple(target.key for target in TARGETS)
TARGET_LABELS = {target.key: target.label for target in TARGETS}
NAME_PARTS = ("name", "first_name", "last_name")

# Sectors by what people write: our values, our labels, the labels without "sector", and a few
# common names for the same thing.
_SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    Sector.THIRD: ("voluntary", "voluntarysector", "charity", "vcse", "vcs", "nonprofit"),
    Sector.PUBLIC: (),
    Sector.GOVERNMENT: ("govt",),
    Sector.PRIVATE: ("business", "commercial"),
    Sector.ACADEMIC: ("academia", "university", "research"),
    Sector.COMMUNITY: ("communitygroup",),
}


def normalise_heading(text: str) -> str:
    """A heading as compared: lower case, letters and digits only ("E-mail" -> "email")."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _sector_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in Sector.choices:
        words = {value, label, label.lower().removesuffix(" sector"), *_SECTOR_WORDS[value]}
        for word in words:
            lookup[normalise_heading(word)] = value
    return lookup


SECTORS = _sector_lookup()


def sector_from(text: str) -> str | None:
    """Our sector value for what a file says ("Third sector", "third", "Charity"), or None."""
    return SECTORS.get(normalise_heading(text))


# --- The organiser's questions ----------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpec:
    """An organiser's question, as far as checking an answer needs it."""

    pk: int
    label: str
    kind: str
    choices: tuple[str, ...]
    required: bool


def question_key(question_id: int) -> str:
    return f"question_{question_id}"
