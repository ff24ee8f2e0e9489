"""Roles and the named capabilities each role grants: the one place permissions are decided.

Views declare the capability they need; templates ask the same question through
``request.capabilities``. Changing who may do what means changing this table only.
"""

from __future__ import annotations

from django.db import models


class Capability(models.TextChoices):
    VIEW = "view", "See the partnership's programme and people"
    CONTRIBUTE = "contribute", "Add reflections, register and take part"
    MANAGE_PROGRAMME = "manage_programme", "Plan activities, milestones and outputs"
    MANAGE_PEOPLE = "manage_people", "Invite people and give them roles"
    MANAGE_PARTNERSHIP = "manage_partnership", "Change the partnership and its partners"
    RUN_DECISIONS = "run_decisions", "Set up joint decisions, close them and record outcomes"
    MANAGE_LEARNING = (
        "manage_learning",
        "Run health checks and story rounds, and publish learning reports",
    )


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    PARTNER_LEAD = "partner_lead", "Partner lead"
    STAFF = "staff", "Staff"
    BOARD_MEMBER = "board_member", "Board member"
    PUBLIC_PARTNER = "public_partner", "Public-sector or government partner"
    GUEST = "guest", "Guest"


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(Capability.values),
    Role.PARTNER_LEAD: frozenset(
        {
            Capability.VIEW,
            Capability.CONTRIBUTE,
            Capability.MANAGE_PROGRAMME,
            Capability.MANAGE_PEOPLE,
            Capability.RUN_DECISIONS,
            Capability.MANAGE_LEARNING,
        }
    ),
    Role.STAFF: frozenset({Capability.VIEW, Capability.CONTRIBUTE, Capability.MANAGE_PROGRAMME}),
    Role.BOARD_MEMBER: frozenset({Capability.VIEW, Capability.CONTRIBUTE}),
    Role.PUBLIC_PARTNER: frozenset({Capability.VIEW, Capability.CONTRIBUTE}),
    Role.GUEST: frozenset({Capability.VIEW}),
}


def capabilities_of(role: str | None) -> frozenset[str]:
    """The capabilities a role grants; no role (not a member) grants none."""
    if role is None:
        return frozenset()
    return ROLE_CAPABILITIES[role]


def roles_grantable_with(capabilities: frozenset[str]) -> list[str]:
    """The roles someone holding ``capabilities`` may give: none that allows more than they may.

    So a partner lead, who may manage people but not the partnership, cannot make anyone
    (themselves included) a coordinator.
    """
    return [role for role in Role.values if ROLE_CAPABILITIES[role] <= capabilities]
